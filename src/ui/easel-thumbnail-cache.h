/* easel-thumbnail-cache.h: small textures of image files, decoded off the main thread
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define EASEL_TYPE_THUMBNAIL_CACHE (easel_thumbnail_cache_get_type ())

G_DECLARE_FINAL_TYPE (EaselThumbnailCache, easel_thumbnail_cache, EASEL, THUMBNAIL_CACHE,
                      GObject)

/* Textures of at most @size pixels a side, the @capacity most recently
 * used kept, so scrolling through thousands of images holds a bounded
 * amount of memory. */
EaselThumbnailCache *easel_thumbnail_cache_new          (guint                 capacity,
                                                         int                   size);
/* (transfer full) (nullable): the texture of @path if cached, now the
 * most recently used. */
GdkTexture          *easel_thumbnail_cache_lookup       (EaselThumbnailCache  *self,
                                                         const char           *path);
/* Decodes @path scaled down to the cache's size on a worker thread (a
 * file past the image caps is refused before it is decoded), makes the
 * texture on the main thread and caches it. */
void                 easel_thumbnail_cache_load_async   (EaselThumbnailCache  *self,
                                                         const char           *path,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GdkTexture          *easel_thumbnail_cache_load_finish  (EaselThumbnailCache  *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
guint                easel_thumbnail_cache_get_n_cached (EaselThumbnailCache  *self);

G_END_DECLS
