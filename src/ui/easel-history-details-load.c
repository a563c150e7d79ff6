/* easel-history-details-load.c: past images read and scaled off the main thread
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The details pane shows a 4K image at most a few hundred pixels wide, and
 * thumbnails smaller still: keeping the full pixels as a texture would
 * hold 33 MB for nothing, so the worker scales them down before they
 * reach the main thread. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-error.h"
#include "easel-history-details-private.h"
#include "easel-image.h"

typedef struct
{
  char     *path;
  int       max_size;
  gboolean  square;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_free (data);
}

void
easel_details_picture_free (EaselDetailsPicture *picture)
{
  if (picture == NULL)
    return;
  g_clear_object (&picture->texture);
  g_free (picture);
}

static GdkPixbuf *
scale_to_fit (GdkPixbuf *pixbuf,
              int        max_size)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  double scale = MIN ((double) max_size / width, (double) max_size / height);

  if (scale >= 1.0)
    return g_object_ref (pixbuf);
  return gdk_pixbuf_scale_simple (pixbuf, MAX (1, (int) (width * scale + 0.5)),
                                  MAX (1, (int) (height * scale + 0.5)), GDK_INTERP_BILINEAR);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GFile) file = g_file_new_for_path (data->path);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselDetailsPicture) picture = g_new0 (EaselDetailsPicture, 1);
  EaselPixbufLoad load;
  const guint8 *bytes_data;
  gsize length;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &error);
  if (info == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  picture->file_size = g_file_info_get_size (info);

  /* A file larger than any image Easel keeps is not read into memory. */
  if (picture->file_size > EASEL_MAX_REFERENCE_BYTES * 4)
    {
      g_task_return_new_error (task, EASEL_ERROR, EASEL_ERROR_TOO_LARGE,
                               _("“%s” is too large to show."), name);
      return;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bytes_data = g_bytes_get_data (bytes, &length);
  pixbuf = easel_image_load_pixbuf (bytes_data, length, NULL, &load, cancellable, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (load.too_large)
    {
      g_task_return_new_error (task, EASEL_ERROR, EASEL_ERROR_TOO_LARGE,
                               _("“%s” is %d × %d pixels, past Easel’s limit."), name,
                               load.width, load.height);
      return;
    }
  if (pixbuf == NULL || load.cut_short)
    {
      g_task_return_new_error (task, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                               _("“%s” could not be read as an image: %s"), name,
                               error != NULL ? error->message
                               : load.cut_short ? _("the file is cut short")
                               : _("there is no picture in it"));
      return;
    }

  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  picture->width = gdk_pixbuf_get_width (oriented);
  picture->height = gdk_pixbuf_get_height (oriented);
  if (data->square && picture->width != picture->height)
    {
      /* A tile shows the middle of the picture, filling it. */
      int side = MIN (picture->width, picture->height);
      g_autoptr(GdkPixbuf) middle =
        gdk_pixbuf_new_subpixbuf (oriented, (picture->width - side) / 2,
                                  (picture->height - side) / 2, side, side);

      scaled = scale_to_fit (middle, data->max_size);
    }
  else
    scaled = scale_to_fit (oriented, data->max_size);
  /* Safe on a worker thread: textures are immutable. */
  picture->texture = gdk_texture_new_for_pixbuf (scaled);
  g_task_return_pointer (task, g_steal_pointer (&picture),
                         (GDestroyNotify) easel_details_picture_free);
}

void
easel_details_picture_load_async (const char          *path,
                                  int                  max_size,
                                  gboolean             square,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (path != NULL);
  g_return_if_fail (max_size > 0);

  data = g_new0 (LoadData, 1);
  data->path = g_strdup (path);
  data->max_size = max_size;
  data->square = square;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, easel_details_picture_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_in_thread);
}

EaselDetailsPicture *
easel_details_picture_load_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        easel_details_picture_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
