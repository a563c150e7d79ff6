/* easel-thumbnail-cache.c: small textures of image files, decoded off the main thread
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-image.h"
#include "easel-thumbnail-cache.h"

typedef struct
{
  char       *path;
  GdkTexture *texture;
} Cached;

struct _EaselThumbnailCache
{
  GObject     parent_instance;

  guint       capacity;
  int         size;
  GQueue      lru;        /* (element-type Cached) most recently used first */
  GHashTable *by_path;    /* path → GList link in lru */
};

G_DEFINE_FINAL_TYPE (EaselThumbnailCache, easel_thumbnail_cache, G_TYPE_OBJECT)

static void
cached_free (Cached *cached)
{
  g_free (cached->path);
  g_object_unref (cached->texture);
  g_free (cached);
}

static void
easel_thumbnail_cache_finalize (GObject *object)
{
  EaselThumbnailCache *self = EASEL_THUMBNAIL_CACHE (object);

  g_hash_table_unref (self->by_path);
  g_queue_clear_full (&self->lru, (GDestroyNotify) cached_free);

  G_OBJECT_CLASS (easel_thumbnail_cache_parent_class)->finalize (object);
}

static void
easel_thumbnail_cache_class_init (EaselThumbnailCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = easel_thumbnail_cache_finalize;
}

static void
easel_thumbnail_cache_init (EaselThumbnailCache *self)
{
  g_queue_init (&self->lru);
  self->by_path = g_hash_table_new (g_str_hash, g_str_equal);
}

EaselThumbnailCache *
easel_thumbnail_cache_new (guint capacity,
                           int   size)
{
  EaselThumbnailCache *self;

  g_return_val_if_fail (capacity > 0 && size > 0, NULL);

  self = g_object_new (EASEL_TYPE_THUMBNAIL_CACHE, NULL);
  self->capacity = capacity;
  self->size = size;
  return self;
}

GdkTexture *
easel_thumbnail_cache_lookup (EaselThumbnailCache *self,
                              const char          *path)
{
  GList *link;

  g_return_val_if_fail (EASEL_IS_THUMBNAIL_CACHE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  link = g_hash_table_lookup (self->by_path, path);
  if (link == NULL)
    return NULL;
  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);
  return g_object_ref (((Cached *) link->data)->texture);
}

static void
insert (EaselThumbnailCache *self,
        const char          *path,
        GdkTexture          *texture)
{
  Cached *cached;
  GList *link = g_hash_table_lookup (self->by_path, path);

  /* Two tiles of one file loaded at once: keep the first. */
  if (link != NULL)
    return;

  cached = g_new0 (Cached, 1);
  cached->path = g_strdup (path);
  cached->texture = g_object_ref (texture);
  g_queue_push_head (&self->lru, cached);
  g_hash_table_insert (self->by_path, cached->path, self->lru.head);

  while (self->lru.length > self->capacity)
    {
      Cached *oldest = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->by_path, oldest->path);
      cached_free (oldest);
    }
}

guint
easel_thumbnail_cache_get_n_cached (EaselThumbnailCache *self)
{
  g_return_val_if_fail (EASEL_IS_THUMBNAIL_CACHE (self), 0);

  return self->lru.length;
}

/* Loading */

typedef struct
{
  char   *path;
  int     size;
} Load;

/* A few threads of their own: a fast scroll asks for hundreds of
 * thumbnails, and a file without one is decoded whole before it is
 * scaled, so the number decoding at once bounds the memory. In the order
 * asked: the grid binds tiles from the top of what it shows. */
#define N_THREADS 3

static GThreadPool *pool;

static void
load_free (Load *load)
{
  g_free (load->path);
  g_free (load);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Load *load = task_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  int width = 0, height = 0;

  /* Unbound while it waited for a thread: scrolled past. */
  if (g_task_return_error_if_cancelled (task))
    return;

  /* Some loaders allocate the whole image before scaling it: a file past
   * the caps is refused from its header alone. */
  if (gdk_pixbuf_get_file_info (load->path, &width, &height) == NULL)
    {
      g_task_return_new_error (task, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_UNKNOWN_TYPE,
                               _("“%s” is not an image Easel can read"), load->path);
      return;
    }
  if (width <= 0 || height <= 0 || width > EASEL_MAX_IMAGE_SIDE || height > EASEL_MAX_IMAGE_SIDE
      || (gint64) width * height > EASEL_MAX_IMAGE_PIXELS)
    {
      g_task_return_new_error (task, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_INSUFFICIENT_MEMORY,
                               _("“%s” is too large to preview"), load->path);
      return;
    }

  if (width <= load->size && height <= load->size)
    pixbuf = gdk_pixbuf_new_from_file (load->path, &error);
  else
    pixbuf = gdk_pixbuf_new_from_file_at_scale (load->path, load->size, load->size, TRUE,
                                                &error);
  if (pixbuf == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, gdk_pixbuf_apply_embedded_orientation (pixbuf), g_object_unref);
}

static void
worker (gpointer data,
        gpointer user_data)
{
  GTask *task = data;

  load_in_thread (task, NULL, g_task_get_task_data (task), g_task_get_cancellable (task));
  /* The task has no source object, so if this is its last reference only
   * the request (a path) and perhaps an unclaimed pixbuf go here. */
  g_object_unref (task);
}

void
easel_thumbnail_cache_load_async (EaselThumbnailCache *self,
                                  const char          *path,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  Load *load;

  g_return_if_fail (EASEL_IS_THUMBNAIL_CACHE (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (g_once_init_enter (&pool))
    {
      GThreadPool *new_pool = g_thread_pool_new (worker, NULL, N_THREADS, FALSE, NULL);

      g_once_init_leave (&pool, new_pool);
    }

  load = g_new0 (Load, 1);
  load->path = g_strdup (path);
  load->size = self->size;
  /* No source object: the cache is never finalized on a worker. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, easel_thumbnail_cache_load_async);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_thread_pool_push (pool, task, NULL);
}

GdkTexture *
easel_thumbnail_cache_load_finish (EaselThumbnailCache  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GdkTexture *texture;
  Load *load;

  g_return_val_if_fail (EASEL_IS_THUMBNAIL_CACHE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == easel_thumbnail_cache_load_async, NULL);

  pixbuf = g_task_propagate_pointer (G_TASK (result), error);
  if (pixbuf == NULL)
    return NULL;

  load = g_task_get_task_data (G_TASK (result));
  texture = gdk_texture_new_for_pixbuf (pixbuf);
  insert (self, load->path, texture);
  return texture;
}
