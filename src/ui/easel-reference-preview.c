/* easel-reference-preview.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A reference is checked where the user can see it: as soon as it lands
 * in the tray, a worker thread reads it, checks the size cap and the
 * format by its magic bytes, and decodes a small preview, so a wrong file
 * is refused then rather than when Generate is pressed. The bytes are
 * streamed through the decoder, never kept whole. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-error.h"
#include "easel-image.h"
#include "easel-reference-preview.h"
#include "easel-reference-thumbnail.h"

#define CHUNK_SIZE (64 * 1024)

typedef struct
{
  EaselReference *reference;
  char           *name;
} PreviewLoad;

static void
preview_load_free (PreviewLoad *load)
{
  easel_reference_unref (load->reference);
  g_free (load->name);
  g_free (load);
}

static void
set_too_large (GError     **error,
               const char  *name,
               goffset      size)
{
  g_set_error (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE,
               /* Translators: %s is a file name, %.1f its size in megabytes. */
               _("“%s” is %.1f MB, over the 50 MB a gateway takes per image; it was removed."),
               name, size / 1e6);
}

static void
set_not_an_image (GError     **error,
                  const char  *name)
{
  g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
               /* Translators: %s is a file name. */
               _("“%s” is not a PNG, JPEG or WebP image; it was removed."), name);
}

static void
set_unreadable (GError     **error,
                const char  *name,
                GError      *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (cause));
      return;
    }

  g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
               /* Translators: the first %s is a file name, the second why it cannot be read. */
               _("“%s” cannot be read (%s); it was removed."), name, cause->message);
}

/* The reference's bytes as a stream, with what is known of their size
 * checked first: a file's size before it is read, a data: URL's length
 * before it is decoded. */
static GInputStream *
open_reference (PreviewLoad   *load,
                GCancellable  *cancellable,
                GError       **error)
{
  const char *location = easel_reference_get_location (load->reference);
  g_autoptr(GError) local_error = NULL;

  switch (easel_reference_get_kind (load->reference))
    {
    case EASEL_REFERENCE_FILE:
      {
        g_autoptr(GFile) file = g_file_new_for_path (location);
        g_autoptr(GFileInputStream) stream = NULL;
        g_autoptr(GFileInfo) info = NULL;

        stream = g_file_read (file, cancellable, &local_error);
        if (stream != NULL)
          info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 cancellable, &local_error);
        if (info == NULL)
          {
            set_unreadable (error, load->name, local_error);
            return NULL;
          }

        if (g_file_info_get_size (info) > EASEL_MAX_REFERENCE_BYTES)
          {
            set_too_large (error, load->name, g_file_info_get_size (info));
            return NULL;
          }

        return G_INPUT_STREAM (g_steal_pointer (&stream));
      }

    case EASEL_REFERENCE_BYTES:
      {
        GBytes *bytes = easel_reference_get_bytes (load->reference);

        /* History keeps a pasted image's name but not its bytes, so Reuse
         * Parameters can bring back an empty one. */
        if (g_bytes_get_size (bytes) == 0)
          {
            g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                         /* Translators: %s is a name such as pasted-image.png. */
                         _("“%s” was pasted earlier and not kept; paste it again."),
                         load->name);
            return NULL;
          }

        if (g_bytes_get_size (bytes) > EASEL_MAX_REFERENCE_BYTES)
          {
            set_too_large (error, load->name, g_bytes_get_size (bytes));
            return NULL;
          }

        return g_memory_input_stream_new_from_bytes (bytes);
      }

    case EASEL_REFERENCE_DATA_URL:
      {
        const char *data = strchr (location, ',') + 1;
        g_autoptr(GBytes) bytes = NULL;
        gsize encoded = strlen (data);
        gsize length = 0;
        guchar *decoded;

        /* Base64 is 4/3 of the bytes: refuse before decoding. */
        if (encoded / 4 * 3 > EASEL_MAX_REFERENCE_BYTES)
          {
            set_too_large (error, load->name, encoded / 4 * 3);
            return NULL;
          }

        decoded = g_base64_decode (data, &length);
        bytes = g_bytes_new_take (decoded, length);
        return g_memory_input_stream_new_from_bytes (bytes);
      }

    case EASEL_REFERENCE_URL:
    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  gboolean too_large;
} Header;

/* Picks the decoding size from the header, before the loader allocates
 * the image: a preview that covers the square tile (short side at the
 * preview size, long side capped, as the tile crops it anyway), and no
 * decoding at all past the pixel caps, where a header may be a bomb. */
static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  Header          *header)
{
  double scale;

  if (width <= 0 || height <= 0 || width > EASEL_MAX_IMAGE_SIDE ||
      height > EASEL_MAX_IMAGE_SIDE || (gint64) width * height > EASEL_MAX_IMAGE_PIXELS)
    {
      header->too_large = TRUE;
      /* A zero size makes the loader stop with an error instead of
       * allocating. */
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  scale = MIN ((double) EASEL_REFERENCE_PREVIEW_SIZE / MIN (width, height),
               (double) (4 * EASEL_REFERENCE_PREVIEW_SIZE) / MAX (width, height));
  if (scale < 1.0)
    gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale + 0.5)),
                                MAX (1, (int) (height * scale + 0.5)));
}

/* gdk_pixbuf_new_from_stream_at_scale() would fit the image inside a box
 * and could not be stopped at a bomb's header, so the loader is driven
 * here, chunk by chunk, counting the bytes against the cap as they come. */
static gboolean
decode_preview (PreviewLoad   *load,
                GInputStream  *stream,
                GdkPixbuf    **preview,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  Header header = { FALSE };
  gboolean decoding = FALSE;
  gsize total = 0;
  GdkPixbuf *pixbuf;

  *preview = NULL;

  for (;;)
    {
      gsize n_read = 0;

      if (!g_input_stream_read_all (stream, buffer, CHUNK_SIZE, &n_read, cancellable,
                                    &local_error))
        {
          if (loader != NULL)
            gdk_pixbuf_loader_close (loader, NULL);
          set_unreadable (error, load->name, local_error);
          return FALSE;
        }

      if (n_read == 0)
        break;

      total += n_read;
      if (total > EASEL_MAX_REFERENCE_BYTES)
        {
          /* A file that grew past the cap after its size was checked. */
          if (loader != NULL)
            gdk_pixbuf_loader_close (loader, NULL);
          set_too_large (error, load->name, total);
          return FALSE;
        }

      if (total == n_read)
        {
          const char *mime_type = easel_image_sniff_mime_type (buffer, n_read);

          if (mime_type == NULL)
            {
              set_not_an_image (error, load->name);
              return FALSE;
            }

          /* Without a loader for the format (WebP needs a plug-in) the
           * image is still good to send; it just has no preview. */
          loader = gdk_pixbuf_loader_new_with_mime_type (mime_type, NULL);
          decoding = loader != NULL;
          if (loader != NULL)
            g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &header);
        }

      if (decoding && !gdk_pixbuf_loader_write (loader, buffer, n_read, &local_error))
        {
          gdk_pixbuf_loader_close (loader, NULL);
          if (!header.too_large)
            {
              g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                           /* Translators: %s is a file name. */
                           _("“%s” is damaged and cannot be read as an image; it was removed."),
                           load->name);
              return FALSE;
            }
          /* Past the pixel caps: read on, only to count the bytes. */
          g_clear_error (&local_error);
          g_clear_object (&loader);
          decoding = FALSE;
        }
    }

  if (total == 0)
    {
      set_not_an_image (error, load->name);
      return FALSE;
    }

  if (!decoding)
    return TRUE;

  if (!gdk_pixbuf_loader_close (loader, &local_error) ||
      (pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)) == NULL)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("“%s” is damaged and cannot be read as an image; it was removed."),
                   load->name);
      return FALSE;
    }

  /* Photos from cameras and phones are stored sideways with an EXIF tag
   * saying so. */
  *preview = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  return TRUE;
}

static void
preview_load_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  PreviewLoad *load = task_data;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  GdkPixbuf *preview = NULL;

  stream = open_reference (load, cancellable, &error);
  if (stream == NULL || !decode_preview (load, stream, &preview, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, preview, g_object_unref);
}

/**
 * easel_reference_preview_load_async:
 * @reference: a FILE, BYTES or DATA_URL reference
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context when done
 * @user_data: for @callback
 *
 * Checks @reference and decodes its preview on a worker thread.
 */
void
easel_reference_preview_load_async (EaselReference      *reference,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PreviewLoad *load;

  g_return_if_fail (reference != NULL);
  g_return_if_fail (easel_reference_get_kind (reference) != EASEL_REFERENCE_URL);

  load = g_new0 (PreviewLoad, 1);
  load->reference = easel_reference_ref (reference);
  load->name = easel_reference_display_name (reference);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, easel_reference_preview_load_async);
  g_task_set_task_data (task, load, (GDestroyNotify) preview_load_free);
  g_task_run_in_thread (task, preview_load_thread);
}

gboolean
easel_reference_preview_load_finish (GAsyncResult  *result,
                                     GdkTexture   **preview,
                                     GError       **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        easel_reference_preview_load_async, FALSE);
  g_return_val_if_fail (preview != NULL, FALSE);

  *preview = NULL;
  pixbuf = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Textures are made here, on the main thread, where GDK expects them. */
  if (pixbuf != NULL)
    *preview = gdk_texture_new_for_pixbuf (pixbuf);

  return TRUE;
}
