/* easel-image.h: one result image, decoded and kept safe off the main thread
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* Decompression-bomb caps (DESIGN.md §5): checked from the image header,
 * before any pixel is decoded. */
#define EASEL_MAX_IMAGE_PIXELS  ((gint64) 8294400 * 4)
#define EASEL_MAX_IMAGE_SIDE    16384
#define EASEL_THUMBNAIL_SIZE    256

#define EASEL_TYPE_IMAGE (easel_image_get_type ())

G_DECLARE_FINAL_TYPE (EaselImage, easel_image, EASEL, IMAGE, GObject)

/* Decodes @data (base64 text when @is_base64, else encoded image bytes):
 * checks it is a PNG, JPEG or WebP within the caps, and makes a thumbnail.
 * Blocking; easel_image_decode_async() runs it on a worker thread. */
EaselImage *easel_image_decode          (GBytes               *data,
                                         gboolean              is_base64,
                                         GCancellable         *cancellable,
                                         GError              **error);
void        easel_image_decode_async    (GBytes               *data,
                                         gboolean              is_base64,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
EaselImage *easel_image_decode_finish   (GAsyncResult         *result,
                                         GError              **error);

/* Writes the image into @directory as @stem + extension, atomically:
 * a temp file, fsync, then a rename that never replaces an existing file
 * (a "-2", "-3"… suffix is added instead). Nothing is left behind on
 * failure or cancellation. Blocking; the async form uses a worker thread. */
/* Decodes and writes at once: the file is written while the pixels
 * decode (on two threads); an image that does not decode leaves no file.
 * The result is finished with easel_image_decode_finish(). */
EaselImage *easel_image_decode_and_save (GBytes               *data,
                                         gboolean              is_base64,
                                         const char           *directory,
                                         const char           *stem,
                                         GCancellable         *cancellable,
                                         GError              **error);
void        easel_image_decode_and_save_async (GBytes         *data,
                                         gboolean              is_base64,
                                         const char           *directory,
                                         const char           *stem,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean    easel_image_save            (EaselImage           *self,
                                         const char           *directory,
                                         const char           *stem,
                                         GCancellable         *cancellable,
                                         GError              **error);
void        easel_image_save_async      (EaselImage           *self,
                                         const char           *directory,
                                         const char           *stem,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean    easel_image_save_finish     (EaselImage           *self,
                                         GAsyncResult         *result,
                                         GError              **error);

GBytes     *easel_image_get_bytes       (EaselImage           *self);
const char *easel_image_get_mime_type   (EaselImage           *self);
const char *easel_image_get_extension   (EaselImage           *self);
int         easel_image_get_width       (EaselImage           *self);
int         easel_image_get_height      (EaselImage           *self);
/* Nullable: a format GdkPixbuf cannot decode here (WebP without its
 * loader) is still kept, without a thumbnail. */
GdkPixbuf  *easel_image_get_thumbnail   (EaselImage           *self);
/* Where easel_image_save() put it, or NULL. */
const char *easel_image_get_path        (EaselImage           *self);

/* "image/png" etc. from magic bytes, or NULL. */
const char *easel_image_sniff_mime_type (const guint8         *data,
                                         gsize                 length);

/* What easel_image_load_pixbuf() learnt besides the pixels. */
typedef struct
{
  int      width;       /* as the header gave it, 0 if it never did */
  int      height;
  int      rows_done;   /* rows the decoder reported */
  gboolean too_large;   /* past the caps: stopped before the pixels */
  gboolean cut_short;   /* the picture stops before its last row */
  gboolean no_loader;   /* GdkPixbuf has no decoder for the type */
} EaselPixbufLoad;

GdkPixbuf  *easel_image_load_pixbuf     (const guint8         *data,
                                         gsize                 length,
                                         const char           *mime_type,
                                         EaselPixbufLoad      *load,
                                         GCancellable         *cancellable,
                                         GError              **error);

G_END_DECLS
