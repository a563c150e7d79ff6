/* easel-image-view-load.c: decoding image files into textures off the main thread
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-error.h"
#include "easel-image.h"
#include "easel-image-view.h"

static gboolean
is_too_large (int width,
              int height)
{
  return width > EASEL_MAX_IMAGE_SIDE || height > EASEL_MAX_IMAGE_SIDE ||
         (gint64) width * height > EASEL_MAX_IMAGE_PIXELS;
}

static gpointer
set_too_large (GError     **error,
               const char  *name,
               int          width,
               int          height)
{
  g_set_error (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE,
               _("“%s” is %d × %d pixels, past Easel’s limit of %d pixels a side and %lld in "
                 "all, so it was not opened."),
               name, width, height, EASEL_MAX_IMAGE_SIDE, (long long) EASEL_MAX_IMAGE_PIXELS);
  return NULL;
}

static GdkPixbuf *
decode (GBytes        *bytes,
        const char    *name,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  EaselPixbufLoad load;
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  pixbuf = easel_image_load_pixbuf (data, length, NULL, &load, cancellable, &local_error);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (load.too_large)
    return set_too_large (error, name, load.width, load.height);

  if (pixbuf == NULL)
    {
      /* The loader's own domain and code, so a caller can still tell an
       * unknown format from a damaged file. */
      g_set_error (error,
                   local_error ? local_error->domain : GDK_PIXBUF_ERROR,
                   local_error ? local_error->code : GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                   _("“%s” could not be opened as an image: %s"), name,
                   local_error ? local_error->message : _("there is no picture in it"));
      return NULL;
    }

  if (load.cut_short)
    {
      g_set_error (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                   _("“%s” could not be opened as an image: the file is cut short."), name);
      return NULL;
    }

  /* Camera pictures store their rotation in EXIF rather than in the pixels. */
  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  int width, height;

  /* The PNG loader allocates the whole image as soon as it has read the
   * size, whatever size-prepared asks for; this reads only the header, so
   * a decompression bomb is refused before any allocation. (Files with no
   * local path get the later check in decode().) */
  if (path != NULL && gdk_pixbuf_get_file_info (path, &width, &height) != NULL &&
      is_too_large (width, height))
    {
      set_too_large (&error, name, width, height);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, &error);
  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&error, _("Could not open “%s”: "), name);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  pixbuf = decode (bytes, name, cancellable, &error);
  if (pixbuf == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Textures are immutable, and GTK documents this constructor as safe to
   * call from a worker thread. */
  g_task_return_pointer (task, gdk_texture_new_for_pixbuf (pixbuf), g_object_unref);
}

void
easel_texture_load_async (GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, easel_texture_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

typedef struct
{
  GBytes *bytes;
  char   *name;
} BytesLoad;

static void
bytes_load_free (BytesLoad *load)
{
  g_bytes_unref (load->bytes);
  g_free (load->name);
  g_free (load);
}

static void
load_bytes_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  BytesLoad *load = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = decode (load->bytes, load->name, cancellable, &error);

  if (pixbuf == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, gdk_texture_new_for_pixbuf (pixbuf), g_object_unref);
}

/**
 * easel_texture_load_bytes_async:
 * @bytes: encoded image bytes (a pasted image)
 * @name: what to call it in an error message
 *
 * As easel_texture_load_async(), for bytes in memory: the same worker
 * thread, the same pixel caps. Finish with easel_texture_load_finish().
 */
void
easel_texture_load_bytes_async (GBytes              *bytes,
                                const char          *name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BytesLoad *load;

  g_return_if_fail (bytes != NULL);

  load = g_new0 (BytesLoad, 1);
  load->bytes = g_bytes_ref (bytes);
  load->name = g_strdup (name != NULL ? name : "");
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, easel_texture_load_bytes_async);
  g_task_set_task_data (task, load, (GDestroyNotify) bytes_load_free);
  g_task_run_in_thread (task, load_bytes_in_thread);
}

/**
 * easel_texture_load_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the texture, or %NULL with the
 *   reading #GIOErrorEnum (its message naming the file), a #GdkPixbufError
 *   (not an image, or damaged), %EASEL_ERROR_TOO_LARGE (past the pixel
 *   caps) or %G_IO_ERROR_CANCELLED
 */
GdkTexture *
easel_texture_load_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == easel_texture_load_async ||
                        g_task_get_source_tag (G_TASK (result)) == easel_texture_load_bytes_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
