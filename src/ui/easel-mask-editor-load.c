/* easel-mask-editor-load.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The mask editor's source, read and decoded at its native size on a
 * worker thread. The reference itself is not loaded (easel_reference_load
 * would keep a file's bytes in it for good, and the create panel's
 * references are read again when a job sends them): the bytes are read
 * here and dropped once decoded. The pixels are the file's own grid, with
 * no EXIF rotation, because that is the grid the gateway lays the mask
 * on. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-error.h"
#include "easel-image.h"
#include "easel-mask-editor-private.h"

GBytes *
easel_mask_editor_read_file (GFile         *file,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  goffset size;

  stream = g_file_read (file, cancellable, &local_error);
  if (stream != NULL)
    info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable,
                                           &local_error);
  if (info != NULL)
    {
      size = g_file_info_get_size (info);
      if (size > EASEL_MAX_REFERENCE_BYTES)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE,
                       /* Translators: %s is a file name, %.1f its size in megabytes. */
                       _("“%s” is %.1f MB, over the 50 MB a gateway takes per image."),
                       name, size / 1e6);
          return NULL;
        }

      /* One byte more than the cap, so a file that grew is still caught. */
      bytes = g_input_stream_read_bytes (G_INPUT_STREAM (stream), EASEL_MAX_REFERENCE_BYTES + 1,
                                         cancellable, &local_error);
    }

  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                     /* Translators: the first %s is a file name, the second why it cannot be
                      * read. */
                     _("“%s” cannot be read: %s"), name, local_error->message);
      return NULL;
    }

  if (g_bytes_get_size (bytes) > EASEL_MAX_REFERENCE_BYTES)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE,
                   _("“%s” is over the 50 MB a gateway takes per image."), name);
      return NULL;
    }

  return g_steal_pointer (&bytes);
}

static GBytes *
read_reference (EaselReference  *reference,
                GCancellable    *cancellable,
                GError         **error)
{
  const char *name = easel_reference_get_filename (reference);

  switch (easel_reference_get_kind (reference))
    {
    case EASEL_REFERENCE_FILE:
      {
        g_autoptr(GFile) file = g_file_new_for_path (easel_reference_get_location (reference));

        return easel_mask_editor_read_file (file, cancellable, error);
      }

    case EASEL_REFERENCE_BYTES:
      {
        GBytes *bytes = easel_reference_get_bytes (reference);

        /* History keeps a pasted image's name but not always its bytes. */
        if (bytes == NULL || g_bytes_get_size (bytes) == 0)
          {
            g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                         /* Translators: %s is a name such as pasted-image.png. */
                         _("“%s” was pasted earlier and not kept; paste it again."), name);
            return NULL;
          }

        return g_bytes_ref (bytes);
      }

    case EASEL_REFERENCE_DATA_URL:
      {
        const char *data = strchr (easel_reference_get_location (reference), ',') + 1;
        gsize length = 0;
        guchar *decoded;

        /* Base64 is 4/3 of the bytes: refused before decoding. */
        if (strlen (data) / 4 * 3 > EASEL_MAX_REFERENCE_BYTES)
          {
            g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE,
                                 _("The image is over the 50 MB a gateway takes per image."));
            return NULL;
          }

        decoded = g_base64_decode (data, &length);
        return g_bytes_new_take (decoded, length);
      }

    case EASEL_REFERENCE_URL:
    default:
      g_assert_not_reached ();
    }
}

static GdkTexture *
decode (GBytes        *bytes,
        const char    *name,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  EaselPixbufLoad load = { 0 };
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  const char *type = easel_image_sniff_mime_type (data, length);

  if (type == NULL || !(g_str_equal (type, "image/png") || g_str_equal (type, "image/jpeg") ||
                        g_str_equal (type, "image/webp")))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   /* Translators: %s is a file name. */
                   _("“%s” is not a PNG, JPEG or WebP image."), name);
      return NULL;
    }

  pixbuf = easel_image_load_pixbuf (data, length, type, &load, cancellable, &local_error);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (load.too_large)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE,
                   /* Translators: %s is a file name, then its width and height in pixels. */
                   _("“%s” is %d × %d pixels, past Easel’s limit of %d pixels a side and %lld "
                     "in all."),
                   name, load.width, load.height, EASEL_MAX_IMAGE_SIDE,
                   (long long) EASEL_MAX_IMAGE_PIXELS);
      return NULL;
    }

  if (pixbuf == NULL || load.cut_short)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   /* Translators: the first %s is a file name, the second what is wrong. */
                   _("“%s” could not be opened as an image: %s"), name,
                   load.cut_short ? _("the file is cut short.")
                   : local_error != NULL ? local_error->message
                   : _("there is no picture in it."));
      return NULL;
    }

  return gdk_texture_new_for_pixbuf (pixbuf);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  EaselReference *reference = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture = NULL;

  bytes = read_reference (reference, cancellable, &error);
  if (bytes != NULL)
    texture = decode (bytes, easel_reference_get_filename (reference), cancellable, &error);

  if (texture == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
show_error (EaselMaskEditor *self,
            const char      *message)
{
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

typedef struct
{
  EaselMaskEditor *editor;
  guint            serial;  /* the source it was started for */
} Load;

static void
load_free (Load *load)
{
  g_object_unref (load->editor);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_free)

/* The editor is held by the callback's data, not as the task's source
 * object: the worker thread may drop its reference to the task after the
 * callback has run, and the window must be gone once it is closed. */
static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  EaselMaskEditor *self = load->editor;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);

  /* A later source is loading, or the window is gone. */
  if (load->serial != self->source_serial ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (texture == NULL)
    show_error (self, error->message);
  else
    easel_mask_editor_show_texture (self, texture);

  easel_mask_editor_set_loading (self, FALSE);
}

void
easel_mask_editor_load_source (EaselMaskEditor *self)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  if (easel_reference_get_kind (self->source) == EASEL_REFERENCE_URL)
    {
      /* The create panel offers no mask for these; said in case. */
      show_error (self, _("An image given by its web address cannot be painted on. Save it "
                          "to a file and add the file instead."));
      easel_mask_editor_set_loading (self, FALSE);
      return;
    }

  self->load_cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, "loading");
  easel_mask_editor_set_loading (self, TRUE);

  load = g_new0 (Load, 1);
  load->editor = g_object_ref (self);
  load->serial = self->source_serial;
  task = g_task_new (NULL, self->load_cancellable, on_loaded, load);
  g_task_set_source_tag (task, easel_mask_editor_load_source);
  g_task_set_task_data (task, easel_reference_ref (self->source),
                        (GDestroyNotify) easel_reference_unref);
  g_task_run_in_thread (task, load_thread);
}
