/* easel-export.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Saving a result outside Easel's own store: converted when the user asked
 * for another format, with its prompt embedded, and written so that a
 * crash or a full disk never leaves half an image under the user's name. */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>

#include "easel-error.h"
#include "easel-image.h"
#include "easel-export-private.h"
#include "easel-image-metadata-private.h"

#define JPEG_QUALITY "92"

static const char *
format_pixbuf_name (EaselOutputFormat format)
{
  switch (format)
    {
    case EASEL_OUTPUT_FORMAT_JPEG: return "jpeg";
    case EASEL_OUTPUT_FORMAT_WEBP: return "webp";
    case EASEL_OUTPUT_FORMAT_PNG:
    default: return "png";
    }
}

static const char *
format_display_name (EaselOutputFormat format)
{
  switch (format)
    {
    case EASEL_OUTPUT_FORMAT_JPEG: return "JPEG";
    case EASEL_OUTPUT_FORMAT_WEBP: return "WebP";
    case EASEL_OUTPUT_FORMAT_PNG:
    default: return "PNG";
    }
}

gboolean
easel_export_can_convert_to (EaselOutputFormat format)
{
  GSList *formats = gdk_pixbuf_get_formats ();
  gboolean found = FALSE;

  for (GSList *l = formats; l != NULL && !found; l = l->next)
    {
      g_autofree char *name = gdk_pixbuf_format_get_name (l->data);

      found = g_str_equal (name, format_pixbuf_name (format)) &&
              gdk_pixbuf_format_is_writable (l->data);
    }
  g_slist_free (formats);

  return found;
}

/* --- Converting ---------------------------------------------------------- */

static const char *
mime_display_name (const char *mime_type)
{
  if (g_str_equal (mime_type, "image/jpeg"))
    return "JPEG";
  if (g_str_equal (mime_type, "image/webp"))
    return "WebP";
  return "PNG";
}

static GdkPixbuf *
decode (GBytes        *image,
        const char    *mime_type,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  EaselPixbufLoad load;
  gsize length;
  const guint8 *data = g_bytes_get_data (image, &length);
  GdkPixbuf *pixbuf = easel_image_load_pixbuf (data, length, mime_type, &load, cancellable,
                                               &local_error);

  if (pixbuf != NULL)
    return pixbuf;

  if (load.no_loader)
    g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                 _("Easel cannot read %s images on this system, so it cannot convert this "
                   "one. Save it in its own format instead."), mime_display_name (mime_type));
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (load.too_large)
    g_set_error (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE,
                 _("The image claims to be %d × %d pixels, past Easel’s limit; it was not "
                   "converted."), load.width, load.height);
  else
    g_set_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
                 _("The image is damaged and cannot be converted (%s)."), local_error->message);
  return NULL;
}

/* JPEG has no transparency: what was see-through becomes white, as on a
 * page, rather than the black a plain drop of alpha would give. */
static GdkPixbuf *
flatten_on_white (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int in_stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *in_pixels = gdk_pixbuf_read_pixels (pixbuf);
  GdkPixbuf *flat;
  int out_stride;
  guint8 *out_pixels;

  if (!gdk_pixbuf_get_has_alpha (pixbuf))
    return g_object_ref (pixbuf);

  flat = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  out_stride = gdk_pixbuf_get_rowstride (flat);
  out_pixels = gdk_pixbuf_get_pixels (flat);

  for (int y = 0; y < height; y++)
    {
      const guint8 *in = in_pixels + (gsize) y * in_stride;
      guint8 *out = out_pixels + (gsize) y * out_stride;

      for (int x = 0; x < width; x++, in += 4, out += 3)
        {
          for (int c = 0; c < 3; c++)
            out[c] = (in[c] * in[3] + 255 * (255 - in[3]) + 127) / 255;
        }
    }

  return flat;
}

static char *
convertible_formats (void)
{
  GPtrArray *names = g_ptr_array_new ();
  char *text;

  for (EaselOutputFormat format = EASEL_OUTPUT_FORMAT_PNG; format <= EASEL_OUTPUT_FORMAT_WEBP;
       format++)
    {
      if (easel_export_can_convert_to (format))
        g_ptr_array_add (names, (gpointer) format_display_name (format));
    }
  g_ptr_array_add (names, NULL);
  text = g_strjoinv (", ", (char **) names->pdata);
  g_ptr_array_free (names, TRUE);

  return text;
}

static GBytes *
convert (GBytes             *image,
         const char         *mime_type,
         EaselOutputFormat   format,
         GCancellable       *cancellable,
         GError            **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local_error = NULL;
  char *buffer = NULL;
  gsize length = 0;
  gboolean ok;

  if (!easel_export_can_convert_to (format))
    {
      g_autofree char *formats = convertible_formats ();

      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   /* Translators: the first two %s are a format (WebP), the last a
                    * list of formats such as "PNG, JPEG" */
                   _("Easel cannot convert images to %s on this system: GdkPixbuf has no %s "
                     "writer. Choose one of these formats instead: %s."),
                   format_display_name (format), format_display_name (format), formats);
      return NULL;
    }

  pixbuf = decode (image, mime_type, cancellable, error);
  if (pixbuf == NULL)
    return NULL;

  if (format == EASEL_OUTPUT_FORMAT_JPEG)
    {
      g_autoptr(GdkPixbuf) flat = flatten_on_white (pixbuf);

      ok = gdk_pixbuf_save_to_buffer (flat, &buffer, &length, "jpeg", &local_error,
                                      "quality", JPEG_QUALITY, NULL);
    }
  else if (format == EASEL_OUTPUT_FORMAT_WEBP)
    {
      ok = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "webp", &local_error,
                                      "quality", JPEG_QUALITY, NULL);
    }
  else
    {
      ok = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", &local_error, NULL);
    }

  if (!ok)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("The image could not be converted to %s: %s"), format_display_name (format),
                   local_error->message);
      return NULL;
    }

  return g_bytes_new_take (buffer, length);
}

/* The bytes to write: the image in @format, with @metadata in it. */
static GBytes *
prepare (GBytes                    *image,
         const char                *mime_type,
         EaselOutputFormat          format,
         const EaselImageMetadata  *metadata,
         GCancellable              *cancellable,
         GError                   **error)
{
  const char *target = easel_output_format_to_mime_type (format);
  g_autoptr(GBytes) bytes = NULL;

  if (!easel_image_metadata_check_mime_type (image, mime_type, error))
    return NULL;

  if (g_str_equal (mime_type, target))
    bytes = g_bytes_ref (image);
  else
    bytes = convert (image, mime_type, format, cancellable, error);
  if (bytes == NULL)
    return NULL;

  if (metadata != NULL)
    return easel_image_metadata_embed (bytes, target, metadata, error);

  return g_steal_pointer (&bytes);
}

/* --- The tasks ----------------------------------------------------------- */

typedef struct
{
  GBytes             *image;
  char               *mime_type;
  GFile              *file;       /* destination or folder */
  char               *stem;
  EaselOutputFormat   format;
  EaselImageMetadata *metadata;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_bytes_unref (data->image);
  g_free (data->mime_type);
  g_object_unref (data->file);
  g_free (data->stem);
  easel_image_metadata_free (data->metadata);
  g_free (data);
}

static GTask *
export_task_new (GBytes                   *image,
                 const char               *mime_type,
                 GFile                    *file,
                 EaselOutputFormat         format,
                 const EaselImageMetadata *metadata,
                 GCancellable             *cancellable,
                 GAsyncReadyCallback       callback,
                 gpointer                  user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  ExportData *data = g_new0 (ExportData, 1);

  data->image = g_bytes_ref (image);
  data->mime_type = g_strdup (mime_type);
  data->file = g_object_ref (file);
  data->format = format;
  data->metadata = metadata != NULL ? easel_image_metadata_copy (metadata) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);

  return task;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = prepare (data->image, data->mime_type, data->format, data->metadata, cancellable,
                   &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (easel_export_write_file (data->file, bytes, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
easel_export_save_async (GBytes                    *image,
                         const char                *mime_type,
                         GFile                     *destination,
                         EaselOutputFormat          format,
                         const EaselImageMetadata  *metadata,
                         GCancellable              *cancellable,
                         GAsyncReadyCallback        callback,
                         gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (image != NULL);
  g_return_if_fail (mime_type != NULL);
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (format <= EASEL_OUTPUT_FORMAT_WEBP);

  task = export_task_new (image, mime_type, destination, format, metadata, cancellable,
                          callback, user_data);
  g_task_set_source_tag (task, easel_export_save_async);
  g_task_run_in_thread (task, save_thread);
}

gboolean
easel_export_save_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == easel_export_save_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The stem of @name: without an image extension, which the format decides. */
static char *
name_stem (const char *name)
{
  static const char * const extensions[] = { ".png", ".jpg", ".jpeg", ".webp" };
  gsize length = strlen (name);

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      gsize extension_length = strlen (extensions[i]);

      if (length > extension_length &&
          g_ascii_strcasecmp (name + length - extension_length, extensions[i]) == 0)
        return g_strndup (name, length - extension_length);
    }

  return g_strdup (name);
}

static void
save_to_folder_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  GFile *file;

  bytes = prepare (data->image, data->mime_type, data->format, data->metadata, cancellable,
                   &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  file = easel_export_write_new_file (data->file, data->stem,
                                     easel_export_format_extension (data->format), bytes,
                                     cancellable, &error);

  if (file != NULL)
    g_task_return_pointer (task, file, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
easel_export_save_to_folder_async (GBytes                    *image,
                                   const char                *mime_type,
                                   GFile                     *folder,
                                   const char                *name,
                                   EaselOutputFormat          format,
                                   const EaselImageMetadata  *metadata,
                                   GCancellable              *cancellable,
                                   GAsyncReadyCallback        callback,
                                   gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *stem = NULL;
  ExportData *data;

  g_return_if_fail (image != NULL);
  g_return_if_fail (mime_type != NULL);
  g_return_if_fail (G_IS_FILE (folder));
  g_return_if_fail (name != NULL);
  g_return_if_fail (format <= EASEL_OUTPUT_FORMAT_WEBP);

  task = export_task_new (image, mime_type, folder, format, metadata, cancellable, callback,
                          user_data);
  g_task_set_source_tag (task, easel_export_save_to_folder_async);

  /* A name is one path element: anything else would write elsewhere. */
  stem = name_stem (name);
  if (*stem == '\0' || strchr (stem, '/') != NULL || g_str_equal (stem, ".") ||
      g_str_equal (stem, ".."))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                               _("“%s” cannot be used as a file name."), name);
      return;
    }

  data = g_task_get_task_data (task);
  data->stem = g_steal_pointer (&stem);
  g_task_run_in_thread (task, save_to_folder_thread);
}

/**
 * easel_export_save_to_folder_finish:
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the file written
 */
GFile *
easel_export_save_to_folder_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        easel_export_save_to_folder_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
