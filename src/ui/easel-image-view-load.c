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

/* Bytes fed to the loader one small piece at a time until the header has
 * told the size, so loading stops there for an oversized image; then large
 * pieces, checking for cancellation between them. */
#define HEADER_PIECE 64
#define BODY_PIECE   (1024 * 1024)

typedef struct
{
  int      width;
  int      height;
  gboolean too_large;
  int      rows_done;
} Header;

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

static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  Header          *header)
{
  header->width = width;
  header->height = height;

  if (is_too_large (width, height))
    {
      header->too_large = TRUE;
      /* Loaders that can scale while decoding (JPEG) then allocate next to
       * nothing; PNG's allocates the full size regardless, which is why
       * load_in_thread() reads the size first where it can. */
      gdk_pixbuf_loader_set_size (loader, 1, 1);
    }
}

/* GdkPixbuf fills the rest of a cut-off PNG or JPEG with grey and reports
 * no error; the loader's updates say how far the picture really got. */
static void
on_area_updated (GdkPixbufLoader *loader,
                 int              x,
                 int              y,
                 int              width,
                 int              height,
                 Header          *header)
{
  header->rows_done = MAX (header->rows_done, y + height);
}

static GdkPixbuf *
decode (GBytes        *bytes,
        const char    *name,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) local_error = NULL;
  Header header = { 0 };
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &header);
  g_signal_connect (loader, "area-updated", G_CALLBACK (on_area_updated), &header);

  for (gsize offset = 0, piece; offset < length && !header.too_large; offset += piece)
    {
      piece = MIN (header.width > 0 ? BODY_PIECE : HEADER_PIECE, length - offset);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          gdk_pixbuf_loader_close (loader, NULL);
          return NULL;
        }

      if (!gdk_pixbuf_loader_write (loader, data + offset, piece, &local_error))
        break;
    }

  /* A small file may only reach the decoder when the loader is closed. */
  if (local_error == NULL && !header.too_large)
    gdk_pixbuf_loader_close (loader, &local_error);
  else
    gdk_pixbuf_loader_close (loader, NULL);

  if (header.too_large)
    return set_too_large (error, name, header.width, header.height);

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (local_error != NULL || pixbuf == NULL)
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

  if (header.rows_done < gdk_pixbuf_get_height (pixbuf))
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
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == easel_texture_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
