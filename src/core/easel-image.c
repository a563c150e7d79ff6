/* easel-image.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A result image as Easel keeps it: the gateway's encoded bytes, exactly
 * as produced (never re-encoded), with their size and a thumbnail. Images
 * arrive as tens of megabytes of base64, so decoding and writing happen on
 * worker threads, and the image header is checked before any pixel is
 * decoded so a decompression bomb is an error rather than an OOM. */

#include "config.h"

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "easel-error.h"
#include "easel-file-private.h"
#include "easel-image-private.h"


struct _EaselImage
{
  GObject     parent_instance;

  GBytes     *bytes;
  const char *mime_type;   /* static string */
  int         width;
  int         height;
  GdkPixbuf  *thumbnail;
  char       *path;
};

G_DEFINE_FINAL_TYPE (EaselImage, easel_image, G_TYPE_OBJECT)

static void
easel_image_finalize (GObject *object)
{
  EaselImage *self = EASEL_IMAGE (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_object (&self->thumbnail);
  g_free (self->path);

  G_OBJECT_CLASS (easel_image_parent_class)->finalize (object);
}

static void
easel_image_class_init (EaselImageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = easel_image_finalize;
}

static void
easel_image_init (EaselImage *self)
{
}

static GdkPixbuf *
make_thumbnail (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  double scale = (double) EASEL_THUMBNAIL_SIZE / MAX (width, height);

  int thumb_width = MAX (1, (int) (width * scale + 0.5));
  int thumb_height = MAX (1, (int) (height * scale + 0.5));

  if (scale >= 1.0)
    return g_object_ref (pixbuf);

  /* A big image is first sampled down to four times the thumbnail, then
   * filtered: filtering all 8 megapixels of a 4K image costs more than
   * decoding a tenth of it, and the thumbnail looks the same. */
  if (scale < 0.25)
    {
      g_autoptr(GdkPixbuf) sampled = gdk_pixbuf_scale_simple (pixbuf, thumb_width * 4,
                                                              thumb_height * 4,
                                                              GDK_INTERP_NEAREST);

      return gdk_pixbuf_scale_simple (sampled, thumb_width, thumb_height, GDK_INTERP_BILINEAR);
    }

  return gdk_pixbuf_scale_simple (pixbuf, thumb_width, thumb_height, GDK_INTERP_BILINEAR);
}

/**
 * easel_image_decode:
 * @data: base64 text or encoded bytes
 * @is_base64: which of the two @data is
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the image, or %NULL with
 *   %EASEL_ERROR_BAD_RESPONSE (not base64, not an image) or
 *   %EASEL_ERROR_TOO_LARGE (past the pixel caps)
 */
/* The file write of easel_image_decode_and_save(), on its own thread while
 * the pixels decode on the caller's: the two take about as long as each
 * other for a 4K PNG, and the machine has more than one core. */
typedef struct
{
  EaselImage   *image;
  const char   *directory;
  const char   *stem;
  GCancellable *cancellable;
  GError       *error;
} Writer;

static gpointer
write_thread (gpointer data)
{
  Writer *writer = data;

  return GINT_TO_POINTER (easel_image_save (writer->image, writer->directory, writer->stem,
                                            writer->cancellable, &writer->error));
}

static EaselImage *
decode_internal (GBytes        *data,
                 gboolean       is_base64,
                 const char    *directory,
                 const char    *stem,
                 GCancellable  *cancellable,
                 GError       **error);

/* Joins the writer; a written file whose image turned out unreadable is
 * removed again, so only images that decode are ever kept. */
static gboolean
finish_writer (Writer    *writer,
               GThread   *thread,
               gboolean   decoded,
               GError   **error)
{
  gboolean written;

  if (thread == NULL)
    return TRUE;

  written = GPOINTER_TO_INT (g_thread_join (thread));
  if (written && !decoded)
    {
      g_unlink (writer->image->path);
      g_clear_pointer (&writer->image->path, g_free);
      return TRUE;
    }
  if (!written && decoded)
    {
      g_propagate_error (error, g_steal_pointer (&writer->error));
      return FALSE;
    }
  g_clear_error (&writer->error);
  return TRUE;
}

EaselImage *
easel_image_decode (GBytes        *data,
                    gboolean       is_base64,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return decode_internal (data, is_base64, NULL, NULL, cancellable, error);
}

/**
 * easel_image_decode_and_save:
 *
 * easel_image_decode() and easel_image_save() at once: the bytes are
 * written while the pixels decode. An image that does not decode leaves no
 * file; one that cannot be written is an error. Blocking.
 */
EaselImage *
easel_image_decode_and_save (GBytes        *data,
                             gboolean       is_base64,
                             const char    *directory,
                             const char    *stem,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_return_val_if_fail (directory != NULL && stem != NULL, NULL);

  return decode_internal (data, is_base64, directory, stem, cancellable, error);
}

static EaselImage *
decode_internal (GBytes        *data,
                 gboolean       is_base64,
                 const char    *directory,
                 const char    *stem,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(EaselImage) self = NULL;
  Writer writer = { 0 };
  GThread *writer_thread = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local_error = NULL;
  EaselPixbufLoad load;
  const guint8 *bytes;
  const char *mime_type;
  gsize length;

  g_return_val_if_fail (data != NULL, NULL);

  self = g_object_new (EASEL_TYPE_IMAGE, NULL);

  if (is_base64)
    {
      gsize text_length;
      const char *text = g_bytes_get_data (data, &text_length);
      g_autofree guint8 *decoded = NULL;
      gsize decoded_length = 0;

      decoded = easel_image_decode_base64 (text, text_length, &decoded_length);
      if (decoded == NULL)
        {
          g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
                               _("The gateway sent image data that is not valid base64, so the "
                                 "image cannot be read. Try again; if it keeps happening, the "
                                 "gateway is sending damaged results."));
          return NULL;
        }

      self->bytes = g_bytes_new_take (g_steal_pointer (&decoded), decoded_length);
    }
  else
    {
      self->bytes = g_bytes_ref (data);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  bytes = g_bytes_get_data (self->bytes, &length);
  mime_type = easel_image_sniff_mime_type (bytes, length);
  if (mime_type == NULL)
    {
      g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
                           _("The gateway sent a result that is not a PNG, JPEG or WebP image. "
                             "Try again; if it keeps happening, check the gateway’s status."));
      return NULL;
    }
  self->mime_type = mime_type;

  if (!easel_image_is_complete (bytes, length, mime_type))
    {
      g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
                           _("The gateway sent an image that is cut short, so it cannot be used. "
                             "Try again."));
      return NULL;
    }

  {
    gint64 claimed_width, claimed_height;

    if (!easel_image_read_header_size (bytes, length, mime_type, &claimed_width, &claimed_height))
      {
        g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
                             _("The gateway sent a damaged image whose size cannot be read. "
                               "Try again."));
        return NULL;
      }

    if (claimed_width > EASEL_MAX_IMAGE_SIDE || claimed_height > EASEL_MAX_IMAGE_SIDE ||
        claimed_width * claimed_height > EASEL_MAX_IMAGE_PIXELS)
      {
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE,
                     _("The gateway sent an image that claims to be %lld × %lld pixels, past "
                       "Easel’s limit of %d pixels a side and %lld in all; it was not opened."),
                     (long long) claimed_width, (long long) claimed_height, EASEL_MAX_IMAGE_SIDE,
                     (long long) EASEL_MAX_IMAGE_PIXELS);
        return NULL;
      }
  }

  /* The bytes are checked as far as they can be without decoding: from
   * here the file can be written while the pixels decode. */
  if (directory != NULL)
    {
      writer.image = self;
      writer.directory = directory;
      writer.stem = stem;
      writer.cancellable = cancellable;
      writer_thread = g_thread_new ("easel-write", write_thread, &writer);
    }

  pixbuf = easel_image_load_pixbuf (bytes, length, mime_type, &load, cancellable, &local_error);
  if (pixbuf == NULL && load.no_loader)
    {
      /* The bytes are a real image of a format this system cannot draw
       * (WebP without its GdkPixbuf loader): keep them, billed images are
       * never dropped, just without a size or thumbnail. */
      g_debug ("No decoder for %s: keeping the image undecoded", mime_type);
      if (!finish_writer (&writer, writer_thread, TRUE, error))
        return NULL;
      return g_steal_pointer (&self);
    }

  if (pixbuf == NULL)
    {
      finish_writer (&writer, writer_thread, FALSE, NULL);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (load.too_large)
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE,
                     _("The gateway sent an image that claims to be %d × %d pixels, past "
                       "Easel’s limit of %d pixels a side and %lld in all; it was not opened."),
                     load.width, load.height, EASEL_MAX_IMAGE_SIDE,
                     (long long) EASEL_MAX_IMAGE_PIXELS);
      else
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
                     _("The gateway sent a damaged image that cannot be read (%s). Try again."),
                     local_error->message);
      return NULL;
    }

  self->width = gdk_pixbuf_get_width (pixbuf);
  self->height = gdk_pixbuf_get_height (pixbuf);
  self->thumbnail = make_thumbnail (pixbuf);

  if (!finish_writer (&writer, writer_thread, TRUE, error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GBytes *data = task_data;
  gboolean is_base64 = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "is-base64"));
  GError *error = NULL;
  EaselImage *image = easel_image_decode (data, is_base64, cancellable, &error);

  if (image == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, image, g_object_unref);
}

void
easel_image_decode_async (GBytes              *data,
                          gboolean             is_base64,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (data != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, easel_image_decode_async);
  g_task_set_task_data (task, g_bytes_ref (data), (GDestroyNotify) g_bytes_unref);
  g_object_set_data (G_OBJECT (task), "is-base64", GINT_TO_POINTER (is_base64));
  g_task_run_in_thread (task, decode_thread);
}

typedef struct
{
  GBytes   *data;
  gboolean  is_base64;
  char     *directory;
  char     *stem;
} DecodeSaveData;

static void
decode_save_data_free (DecodeSaveData *data)
{
  g_bytes_unref (data->data);
  g_free (data->directory);
  g_free (data->stem);
  g_free (data);
}

static void
decode_save_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  DecodeSaveData *data = task_data;
  GError *error = NULL;
  EaselImage *image = easel_image_decode_and_save (data->data, data->is_base64, data->directory,
                                                   data->stem, cancellable, &error);

  if (image == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, image, g_object_unref);
}

void
easel_image_decode_and_save_async (GBytes              *data,
                                   gboolean             is_base64,
                                   const char          *directory,
                                   const char          *stem,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DecodeSaveData *task_data;

  g_return_if_fail (data != NULL);
  g_return_if_fail (directory != NULL && stem != NULL);

  task_data = g_new0 (DecodeSaveData, 1);
  task_data->data = g_bytes_ref (data);
  task_data->is_base64 = is_base64;
  task_data->directory = g_strdup (directory);
  task_data->stem = g_strdup (stem);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, easel_image_decode_and_save_async);
  g_task_set_task_data (task, task_data, (GDestroyNotify) decode_save_data_free);
  g_task_run_in_thread (task, decode_save_thread);
}

/**
 * easel_image_decode_finish:
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the image
 */
EaselImage *
easel_image_decode_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
easel_image_save (EaselImage    *self,
                  const char    *directory,
                  const char    *stem,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *template = NULL;
  const guint8 *data;
  gsize length;
  int saved = 0;

  g_return_val_if_fail (EASEL_IS_IMAGE (self), FALSE);
  g_return_val_if_fail (directory != NULL && stem != NULL, FALSE);

  if (g_mkdir_with_parents (directory, 0755) != 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder “%s” for the image: %s"),
                   directory, g_strerror (saved));
      return FALSE;
    }

  data = g_bytes_get_data (self->bytes, &length);
  template = easel_file_write_temp (directory, ".easel-", data, length, cancellable, &saved);
  if (template == NULL)
    {
      if (saved == ECANCELED && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write the image into “%s”: %s"), directory, g_strerror (saved));
      return FALSE;
    }

  for (guint n = 1; n < 10000; n++)
    {
      g_autofree char *name = n == 1
        ? g_strdup_printf ("%s.%s", stem, easel_image_get_extension (self))
        : g_strdup_printf ("%s-%u.%s", stem, n, easel_image_get_extension (self));
      g_autofree char *path = g_build_filename (directory, name, NULL);

      if (easel_file_rename_no_replace (template, path) == 0)
        {
          /* The rename itself must reach the disk, or a crash could leave
           * the image under its temp name. */
          easel_file_sync_directory (directory);
          g_free (self->path);
          self->path = g_steal_pointer (&path);
          return TRUE;
        }

      if (errno != EEXIST)
        {
          saved = errno;
          g_unlink (template);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not write the image into “%s”: %s"), directory,
                       g_strerror (saved));
          return FALSE;
        }
    }

  g_unlink (template);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("Could not find a free file name for the image in “%s”."), directory);
  return FALSE;
}

typedef struct
{
  char *directory;
  char *stem;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->directory);
  g_free (data->stem);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (easel_image_save (source_object, data->directory, data->stem, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
easel_image_save_async (EaselImage          *self,
                        const char          *directory,
                        const char          *stem,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (EASEL_IS_IMAGE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, easel_image_save_async);
  data = g_new0 (SaveData, 1);
  data->directory = g_strdup (directory);
  data->stem = g_strdup (stem);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
easel_image_save_finish (EaselImage    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

GBytes *
easel_image_get_bytes (EaselImage *self)
{
  g_return_val_if_fail (EASEL_IS_IMAGE (self), NULL);
  return self->bytes;
}

const char *
easel_image_get_mime_type (EaselImage *self)
{
  g_return_val_if_fail (EASEL_IS_IMAGE (self), NULL);
  return self->mime_type;
}

const char *
easel_image_get_extension (EaselImage *self)
{
  g_return_val_if_fail (EASEL_IS_IMAGE (self), NULL);

  if (g_strcmp0 (self->mime_type, "image/jpeg") == 0)
    return "jpg";
  if (g_strcmp0 (self->mime_type, "image/webp") == 0)
    return "webp";
  return "png";
}

int
easel_image_get_width (EaselImage *self)
{
  g_return_val_if_fail (EASEL_IS_IMAGE (self), 0);
  return self->width;
}

int
easel_image_get_height (EaselImage *self)
{
  g_return_val_if_fail (EASEL_IS_IMAGE (self), 0);
  return self->height;
}

GdkPixbuf *
easel_image_get_thumbnail (EaselImage *self)
{
  g_return_val_if_fail (EASEL_IS_IMAGE (self), NULL);
  return self->thumbnail;
}

const char *
easel_image_get_path (EaselImage *self)
{
  g_return_val_if_fail (EASEL_IS_IMAGE (self), NULL);
  return self->path;
}
