/* easel-window-save.c: handing a result out: save, save all, copy, open with
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-export.h"
#include "easel-window-private.h"

typedef struct
{
  EaselWindow *window;
  EaselImage  *image;
  GFile       *file;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->image);
  g_clear_object (&data->file);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

static void
show_saved (EaselWindow *self,
            GFile       *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *folder = g_file_get_uri (parent);
  g_autofree char *message = NULL;
  AdwToast *toast;

  /* Translators: %s is a file name. */
  message = g_strdup_printf (_("Saved as “%s”"), name);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("Open _Folder"));
  adw_toast_set_action_name (toast, "win.open-uri");
  adw_toast_set_action_target_value (toast, g_variant_new_string (folder));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_saved_to_folder (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = easel_export_save_to_folder_finish (result, &error);

  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        easel_window_toast (data->window, error->message);
      return;
    }
  show_saved (data->window, file);
}

static void
on_saved_as (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (!easel_export_save_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        easel_window_toast (data->window, error->message);
      return;
    }
  show_saved (data->window, data->file);
}

/* The prompt and parameters that go inside every saved file. */
static EaselImageMetadata *
metadata_for (EaselJob *job)
{
  return easel_image_metadata_new_for_request (easel_job_get_request (job),
                                               easel_job_get_profile (job));
}

static EaselOutputFormat
image_format (EaselImage *image)
{
  return easel_output_format_for_mime_type (easel_image_get_mime_type (image));
}

/* The format follows the extension the user typed; an unknown one keeps
 * the image's own format. */
static EaselOutputFormat
format_for_file (GFile      *file,
                 EaselImage *image)
{
  g_autofree char *name = g_file_get_basename (file);

  return easel_output_format_for_file_name (name, easel_image_get_mime_type (image));
}

static void
save_to_folder (EaselWindow *self,
                EaselJob    *job,
                EaselImage  *image,
                GFile       *folder)
{
  g_autoptr(EaselImageMetadata) metadata = metadata_for (job);
  g_autofree char *name = easel_export_suggest_name (metadata, image_format (image));
  SaveData *data = g_new0 (SaveData, 1);

  data->window = g_object_ref (self);
  data->image = g_object_ref (image);
  easel_export_save_to_folder_async (easel_image_get_bytes (image),
                                     easel_image_get_mime_type (image), folder, name,
                                     image_format (image), metadata, self->cancellable,
                                     on_saved_to_folder, data);
}

typedef struct
{
  EaselWindow *window;
  EaselJob    *job;
  EaselImage  *image;
} ChooserData;

static void
chooser_data_free (ChooserData *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->job);
  g_clear_object (&data->image);
  g_free (data);
}

static void
save_as (EaselWindow *self,
         EaselJob    *job,
         EaselImage  *image,
         GFile       *file)
{
  g_autoptr(EaselImageMetadata) metadata = metadata_for (job);
  SaveData *data = g_new0 (SaveData, 1);

  data->window = g_object_ref (self);
  data->image = g_object_ref (image);
  data->file = g_object_ref (file);
  easel_export_save_async (easel_image_get_bytes (image), easel_image_get_mime_type (image), file,
                           format_for_file (file, image), metadata, self->cancellable,
                           on_saved_as, data);
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  ChooserData     *data)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (data->image != NULL)
        save_as (data->window, data->job, data->image, file);
      else
        {
          GListModel *images = easel_job_get_images (data->job);

          for (guint i = 0; i < g_list_model_get_n_items (images); i++)
            {
              g_autoptr(EaselImage) image = g_list_model_get_item (images, i);

              save_to_folder (data->window, data->job, image, file);
            }
        }
    }
  chooser_data_free (data);
  g_object_unref (dialog);
}

static GFile *
save_folder (EaselWindow *self)
{
  g_autofree char *path = easel_settings_get_save_folder (self->settings);

  return g_file_new_for_path (path);
}

static void
ask_where (EaselWindow *self,
           EaselJob    *job,
           EaselImage  *image)
{
  g_autoptr(GFile) folder = save_folder (self);
  GtkFileChooserNative *dialog;
  ChooserData *data = g_new0 (ChooserData, 1);

  data->window = g_object_ref (self);
  data->job = g_object_ref (job);
  data->image = image != NULL ? g_object_ref (image) : NULL;

  if (image != NULL)
    {
      g_autoptr(EaselImageMetadata) metadata = metadata_for (job);
      g_autofree char *name = easel_export_suggest_name (metadata, image_format (image));
      GtkFileFilter *filter;

      dialog = gtk_file_chooser_native_new (_("Save Image"), GTK_WINDOW (self),
                                            GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
      filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _("Images (PNG, JPEG, WebP)"));
      gtk_file_filter_add_mime_type (filter, "image/png");
      gtk_file_filter_add_mime_type (filter, "image/jpeg");
      gtk_file_filter_add_mime_type (filter, "image/webp");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
      g_object_unref (filter);
    }
  else
    dialog = gtk_file_chooser_native_new (_("Save All Images To"), GTK_WINDOW (self),
                                          GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Save"),
                                          _("_Cancel"));

  g_file_make_directory_with_parents (folder, NULL, NULL);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_copy_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = easel_texture_load_finish (result, &error);
  g_autoptr(GdkContentProvider) provider = NULL;
  GdkFileList *files;
  GdkContentProvider *providers[3];
  GSList list = { data->file, NULL };

  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        easel_window_toast (data->window, error->message);
      return;
    }

  /* The pixels for image editors, the file for file managers and chats. */
  files = gdk_file_list_new_from_list (&list);
  providers[0] = gdk_content_provider_new_typed (GDK_TYPE_TEXTURE, texture);
  providers[1] = gdk_content_provider_new_typed (GDK_TYPE_FILE_LIST, files);
  providers[2] = gdk_content_provider_new_typed (G_TYPE_FILE, data->file);
  g_boxed_free (GDK_TYPE_FILE_LIST, files);
  provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (data->window)), provider);
  easel_window_toast (data->window, _("Image copied"));
}

static void
on_open_with_response (GtkDialog   *dialog,
                       int          response,
                       ChooserData *data)
{
  if (response == GTK_RESPONSE_OK)
    {
      g_autoptr(GAppInfo) app = gtk_app_chooser_get_app_info (GTK_APP_CHOOSER (dialog));
      g_autoptr(GFile) file = g_file_new_for_path (easel_image_get_path (data->image));
      g_autoptr(GError) error = NULL;
      GList files = { file, NULL, NULL };
      g_autoptr(GdkAppLaunchContext) context =
        gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (data->window)));

      if (app != NULL && !g_app_info_launch (app, &files, G_APP_LAUNCH_CONTEXT (context), &error))
        easel_window_toast (data->window, error->message);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  chooser_data_free (data);
}

void
easel_window_open_with (EaselWindow *self,
                        EaselImage  *image)
{
  g_autoptr(GFile) file = g_file_new_for_path (easel_image_get_path (image));
  GtkWidget *dialog;
  ChooserData *data;

  /* In a sandbox the app list is the sandbox's; the portal asks the host. */
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      g_autofree char *uri = g_file_get_uri (file);

      gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
      return;
    }

  data = g_new0 (ChooserData, 1);
  data->window = g_object_ref (self);
  data->image = g_object_ref (image);
  dialog = gtk_app_chooser_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL, file);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_with_response), data);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Straight into the save folder, or through the file chooser when the
 * settings say to ask; @image NULL saves all the job's images. */
void
easel_window_save (EaselWindow *self,
                   EaselJob    *job,
                   EaselImage  *image)
{
  GListModel *images = easel_job_get_images (job);
  g_autoptr(GFile) folder = NULL;

  if (easel_settings_get_ask_where_to_save (self->settings))
    {
      ask_where (self, job, image);
      return;
    }

  folder = save_folder (self);
  if (image != NULL)
    {
      save_to_folder (self, job, image, folder);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(EaselImage) each = g_list_model_get_item (images, i);

      save_to_folder (self, job, each, folder);
    }
}

void
easel_window_copy_image (EaselWindow *self,
                         EaselImage  *image)
{
  SaveData *data = g_new0 (SaveData, 1);

  data->window = g_object_ref (self);
  data->image = g_object_ref (image);
  data->file = g_file_new_for_path (easel_image_get_path (image));
  easel_texture_load_async (data->file, self->cancellable, on_copy_loaded, data);
}
