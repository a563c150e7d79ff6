/* easel-reference-tray-paste.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Paste into the reference tray, and images that arrive as textures
 * (pasted or dropped): those are encoded as PNG on a worker thread and
 * added as in-memory references. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-reference-tray-private.h"

/* --- textures ---------------------------------------------------------- */

typedef struct
{
  EaselReferenceTray *tray;
  GdkTexture         *texture;
  char               *filename;
} Encoding;

static void
encoding_free (Encoding *encoding)
{
  g_object_unref (encoding->tray);
  g_object_unref (encoding->texture);
  g_free (encoding->filename);
  g_free (encoding);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Encoding, encoding_free)

static void
add_png (EaselReferenceTray *self,
         GBytes             *png,
         const char         *filename)
{
  g_autoptr(EaselReference) reference = NULL;
  EaselRefusals refusals = { 0 };
  guint old_n = self->entries->len;

  reference = easel_reference_new_for_bytes (png, "image/png", filename);
  if (easel_reference_tray_append (self, reference, &refusals))
    easel_reference_tray_announce (self, old_n);
  easel_reference_tray_emit_refusals (self, &refusals);
}

/* The texture is only borrowed here: the Encoding that owns it is freed
 * by the callback, on the main thread, after this has returned. */
static void
encode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_task_return_pointer (task, gdk_texture_save_to_png_bytes (task_data),
                         (GDestroyNotify) g_bytes_unref);
}

static void
on_encoded (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Encoding) encoding = user_data;
  g_autoptr(GBytes) png = NULL;
  EaselReferenceTray *self = encoding->tray;

  self->n_pending--;
  png = g_task_propagate_pointer (G_TASK (result), NULL);
  if (png != NULL)
    add_png (self, png, encoding->filename);
}

void
easel_reference_tray_add_texture (EaselReferenceTray *self,
                                  GdkTexture         *texture,
                                  const char         *filename)
{
  g_autoptr(GTask) task = NULL;
  Encoding *encoding;

  /* Only a memory texture may be read on another thread; a GL one
   * (rare here) is encoded where its context lives. */
  if (!GDK_IS_MEMORY_TEXTURE (texture))
    {
      g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (texture);

      add_png (self, png, filename);
      return;
    }

  encoding = g_new0 (Encoding, 1);
  encoding->tray = g_object_ref (self);
  encoding->texture = g_object_ref (texture);
  encoding->filename = g_strdup (filename);

  self->n_pending++;
  task = g_task_new (NULL, self->cancellable, on_encoded, encoding);
  g_task_set_source_tag (task, easel_reference_tray_add_texture);
  g_task_set_task_data (task, texture, NULL);
  g_task_run_in_thread (task, encode_thread);
}

/* --- the clipboard ----------------------------------------------------- */

static GdkContentFormats *
readable_formats (GdkClipboard *clipboard)
{
  /* Another program's clipboard lists MIME types; what GTK can turn them
   * into is what counts. */
  return gdk_content_formats_union_deserialize_gtypes (
    gdk_content_formats_ref (gdk_clipboard_get_formats (clipboard)));
}

gboolean
easel_reference_tray_can_paste (GdkClipboard *clipboard)
{
  g_autoptr(GdkContentFormats) formats = NULL;

  g_return_val_if_fail (GDK_IS_CLIPBOARD (clipboard), FALSE);

  formats = readable_formats (clipboard);
  return gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE) ||
         gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST) ||
         gdk_content_formats_contain_gtype (formats, G_TYPE_FILE) ||
         gdk_content_formats_contain_gtype (formats, G_TYPE_STRING);
}

static const char *
no_clipboard_image (void)
{
  return _("The clipboard holds no image or image link.");
}

/* Ends a clipboard read: FALSE when there is nothing more to do, with the
 * failure said unless the tray is going away. */
static gboolean
clipboard_read_ok (EaselReferenceTray *self,
                   const GError       *error)
{
  self->n_pending--;

  if (error == NULL)
    return TRUE;

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message =
        /* Translators: %s is the system's reason. */
        g_strdup_printf (_("The clipboard could not be read: %s"), error->message);

      g_signal_emit_by_name (self, "refused", message);
    }

  return FALSE;
}

static void
on_texture_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EaselReferenceTray) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);
  if (clipboard_read_ok (self, error))
    easel_reference_tray_add_texture (self, texture, "pasted-image.png");
}

static void
on_value_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(EaselReferenceTray) self = user_data;
  g_autoptr(GError) error = NULL;
  const GValue *value;

  value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, &error);
  if (clipboard_read_ok (self, error))
    easel_reference_tray_drop_value (self, value);
}

static void
on_text_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(EaselReferenceTray) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  EaselRefusals refusals = { 0 };

  text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  if (!clipboard_read_ok (self, error))
    return;

  easel_reference_tray_add_text (self, text, no_clipboard_image (), &refusals);
  easel_reference_tray_emit_refusals (self, &refusals);
}

/**
 * easel_reference_tray_paste:
 * @self: a tray
 * @clipboard: the clipboard to read
 *
 * Adds what @clipboard holds, read asynchronously: an image first (a
 * browser's Copy Image offers a link too), then files, then text with
 * https:// links. What is refused is said through "refused".
 */
void
easel_reference_tray_paste (EaselReferenceTray *self,
                            GdkClipboard       *clipboard)
{
  g_autoptr(GdkContentFormats) formats = NULL;

  g_return_if_fail (EASEL_IS_REFERENCE_TRAY (self));
  g_return_if_fail (GDK_IS_CLIPBOARD (clipboard));

  formats = readable_formats (clipboard);

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    gdk_clipboard_read_texture_async (clipboard, self->cancellable, on_texture_read,
                                      g_object_ref (self));
  else if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                    self->cancellable, on_value_read, g_object_ref (self));
  else if (gdk_content_formats_contain_gtype (formats, G_TYPE_FILE))
    gdk_clipboard_read_value_async (clipboard, G_TYPE_FILE, G_PRIORITY_DEFAULT,
                                    self->cancellable, on_value_read, g_object_ref (self));
  else if (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING))
    gdk_clipboard_read_text_async (clipboard, self->cancellable, on_text_read,
                                   g_object_ref (self));
  else
    {
      g_signal_emit_by_name (self, "refused", no_clipboard_image ());
      return;
    }

  self->n_pending++;
}
