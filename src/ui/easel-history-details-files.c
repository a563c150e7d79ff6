/* easel-history-details-files.c: handing a past image out: save as, copy, show in folder, drag
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each works on the image's own file, read again when asked: the pane
 * shows a downscaled copy, never what is handed out. A save that
 * succeeds says where the file went; any failure says why. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-export.h"
#include "easel-history-details-private.h"
#include "easel-image-view.h"

/* The drag icon: a picture this size, not the 1024 px texture itself. */
#define DRAG_ICON_SIZE 128

static GtkWindow *
parent_window (EaselHistoryDetails *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* --- save as -------------------------------------------------------------------- */

/* The extension the user typed picks the format; another keeps the image's. */
static EaselOutputFormat
format_for_file (GFile      *file,
                 const char *mime_type)
{
  g_autofree char *name = g_file_get_basename (file);

  return easel_output_format_for_file_name (name, mime_type);
}

static EaselImageMetadata *
metadata_for (EaselHistoryEntry *entry,
              EaselRequest      *request)
{
  g_autoptr(EaselProfile) profile = NULL;
  EaselImageMetadata *metadata;
  EaselDialectKind dialect = EASEL_DIALECT_OPENAI;

  if (request == NULL)
    {
      metadata = g_new0 (EaselImageMetadata, 1);
      metadata->prompt = g_strdup (entry->prompt);
      metadata->software = g_strdup ("Easel " PACKAGE_VERSION);
      return metadata;
    }

  if (entry->dialect != NULL)
    easel_dialect_kind_from_string (entry->dialect, &dialect);
  profile = easel_profile_new (entry->profile_id != NULL ? entry->profile_id : "history",
                               dialect, "https://localhost");
  if (entry->profile_name != NULL)
    easel_profile_set_name (profile, entry->profile_name);
  return easel_image_metadata_new_for_request (request, profile);
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(EaselDetailsCall) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!easel_export_save_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        easel_history_details_toast_error (data->self, _("Could not save the image"), error);
      return;
    }

  name = g_file_get_basename (data->destination);
  /* Translators: %s is a file name. */
  message = g_strdup_printf (_("Saved as “%s”"), name);
  easel_history_details_toast (data->self, message);
}

static void
on_save_source_read (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(EaselDetailsCall) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);
  EaselHistoryImage *image = g_ptr_array_index (data->entry->images, data->index);
  EaselDetailsCall *save;

  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        easel_history_details_toast_error (data->self, _("Could not save the image"), error);
      return;
    }

  save = g_steal_pointer (&data);
  easel_export_save_async (bytes, image->mime_type, save->destination, save->format,
                           save->metadata, save->self->cancellable, on_saved, save);
}

void
easel_history_details_save_to (EaselHistoryDetails *self,
                               GFile               *file)
{
  EaselHistoryImage *image;
  EaselDetailsCall *data;

  g_return_if_fail (EASEL_IS_HISTORY_DETAILS (self));
  g_return_if_fail (G_IS_FILE (file));

  image = easel_history_details_current_image (self);
  if (image == NULL)
    return;

  data = easel_details_call_new (self);
  data->destination = g_object_ref (file);
  data->metadata = metadata_for (self->entry, self->request);
  data->format = format_for_file (file, image->mime_type);
  /* Read with GIO's own asynchronous call; the export converts and
   * writes on its worker thread. */
  g_file_load_bytes_async (data->source, self->cancellable, on_save_source_read, data);
}

static void
on_save_response (GtkNativeDialog  *dialog,
                  int               response,
                  EaselDetailsCall *data)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  /* The image asked for, even when the pane shows another by now. */
  if (file != NULL)
    {
      EaselDetailsCall *save = g_steal_pointer (&data);
      EaselHistoryImage *image = g_ptr_array_index (save->entry->images, save->index);

      save->destination = g_object_ref (file);
      save->format = format_for_file (file, image->mime_type);
      g_file_load_bytes_async (save->source, save->self->cancellable, on_save_source_read, save);
    }
  g_clear_pointer (&data, easel_details_call_free);
  g_object_unref (dialog);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EaselHistoryDetails *self = EASEL_HISTORY_DETAILS (widget);
  EaselHistoryImage *image = easel_history_details_current_image (self);
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;
  g_autofree char *name = NULL;
  EaselDetailsCall *data;

  if (!easel_history_details_image_available (self))
    return;

  data = easel_details_call_new (self);
  data->metadata = metadata_for (self->entry, self->request);
  name = easel_export_suggest_name (data->metadata, easel_output_format_for_mime_type (image->mime_type));

  dialog = gtk_file_chooser_native_new (_("Save Image"), parent_window (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Images (PNG, JPEG, WebP)"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/webp");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* --- copy ------------------------------------------------------------------------ */

static GdkContentProvider *
file_content (GFile      *file,
              GdkTexture *texture)
{
  GSList list = { file, NULL };
  GdkFileList *files = gdk_file_list_new_from_list (&list);
  GdkContentProvider *providers[3];
  guint n = 0;

  /* The pixels for image editors, the file for file managers and chats. */
  if (texture != NULL)
    providers[n++] = gdk_content_provider_new_typed (GDK_TYPE_TEXTURE, texture);
  providers[n++] = gdk_content_provider_new_typed (GDK_TYPE_FILE_LIST, files);
  providers[n++] = gdk_content_provider_new_typed (G_TYPE_FILE, file);
  g_boxed_free (GDK_TYPE_FILE_LIST, files);
  return gdk_content_provider_new_union (providers, n);
}

static void
on_copy_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(EaselDetailsCall) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = easel_texture_load_finish (result, &error);
  g_autoptr(GdkContentProvider) provider = NULL;

  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        easel_history_details_toast_error (data->self, _("Could not copy the image"), error);
      return;
    }

  provider = file_content (data->source, texture);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (data->self)), provider);
  easel_history_details_toast (data->self, _("Image copied"));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EaselHistoryDetails *self = EASEL_HISTORY_DETAILS (widget);
  EaselDetailsCall *data;

  if (!easel_history_details_image_available (self))
    return;

  /* The full pixels, not the pane's downscaled picture. */
  data = easel_details_call_new (self);
  easel_texture_load_async (data->source, self->cancellable, on_copy_loaded, data);
}

/* --- show in folder -------------------------------------------------------------- */

static void
on_folder_shown (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EaselDetailsCall) data = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (data->window, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    easel_history_details_toast_error (data->self, _("Could not show the folder"), error);
}

/* Without a file manager that selects files, the folder is opened. */
static void
open_folder (EaselDetailsCall *data)
{
  g_autoptr(GFile) folder = g_file_get_parent (data->source);
  g_autofree char *uri = g_file_get_uri (folder);

  g_set_object (&data->window, parent_window (data->self));
  gtk_show_uri_full (data->window, uri, GDK_CURRENT_TIME, data->self->cancellable,
                     on_folder_shown, data);
}

static void
on_items_shown (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  EaselDetailsCall *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result,
                                                             &error);

  if (reply != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      easel_details_call_free (data);
      return;
    }
  g_debug ("The file manager could not show the file: %s", error->message);
  open_folder (data);
}

static void
on_session_bus (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  EaselDetailsCall *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, &error);
  g_autofree char *uri = NULL;
  const char *uris[2] = { NULL, NULL };

  if (bus == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        easel_details_call_free (data);
      else
        open_folder (data);
      return;
    }

  uri = g_file_get_uri (data->source);
  uris[0] = uri;
  /* The freedesktop.org file manager interface opens the folder with the
   * file selected (Nautilus, Dolphin, Nemo, Thunar…). */
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE, -1,
                          data->self->cancellable, on_items_shown, data);
}

static void
show_in_folder_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EaselHistoryDetails *self = EASEL_HISTORY_DETAILS (widget);

  if (!easel_history_details_image_available (self))
    return;

  g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, on_session_bus, easel_details_call_new (self));
}

/* --- drag ------------------------------------------------------------------------ */

static GdkContentProvider *
on_drag_prepare (GtkDragSource       *source,
                 double               x,
                 double               y,
                 EaselHistoryDetails *self)
{
  EaselHistoryImage *image = easel_history_details_current_image (self);
  g_autoptr(GFile) file = NULL;

  if (!easel_history_details_image_available (self) || !self->image_ready)
    return NULL;

  file = g_file_new_for_path (image->path);
  return file_content (file, NULL);
}

static void
on_drag_begin (GtkDragSource       *source,
               GdkDrag             *drag,
               EaselHistoryDetails *self)
{
  GdkPaintable *paintable = gtk_picture_get_paintable (self->picture);
  GtkWidget *icon = gtk_picture_new_for_paintable (paintable);
  int width = gdk_paintable_get_intrinsic_width (paintable);
  int height = gdk_paintable_get_intrinsic_height (paintable);
  double scale = MIN (1.0, (double) DRAG_ICON_SIZE / MAX (1, MAX (width, height)));

  gtk_widget_set_size_request (icon, MAX (1, (int) (width * scale)),
                               MAX (1, (int) (height * scale)));
  gtk_picture_set_can_shrink (GTK_PICTURE (icon), TRUE);
  gtk_drag_icon_set_child (GTK_DRAG_ICON (gtk_drag_icon_get_for_drag (drag)), icon);
}

void
easel_history_details_init_drag (EaselHistoryDetails *self)
{
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), self);
  gtk_widget_add_controller (GTK_WIDGET (self->picture), GTK_EVENT_CONTROLLER (source));
}

void
easel_history_details_class_init_file_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "details.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "details.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "details.show-in-folder", NULL,
                                   show_in_folder_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "details.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "details.copy", NULL);
}
