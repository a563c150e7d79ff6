/* easel-window-actions.c: generating, and what can be done with a result
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Cards and the viewer ask for an action by name; everything that needs
 * the window (dialogs, toasts, the create panel, the job queue) happens
 * here, so a card is only a view of its job. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-job-card.h"
#include "easel-window-private.h"

void
easel_window_toast (EaselWindow *self,
                    const char  *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static EaselApplication *
get_app (EaselWindow *self)
{
  return EASEL_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

char *
easel_window_get_output_dir (EaselWindow *self)
{
  g_return_val_if_fail (EASEL_IS_WINDOW (self), NULL);

  return easel_history_image_dir (self->history, g_get_real_time ());
}

/* --- Generate ------------------------------------------------------------- */

typedef struct
{
  EaselWindow  *window;
  EaselProfile *profile;
  EaselRequest *request;
} GenerateData;

static void
generate_data_free (GenerateData *data)
{
  g_object_unref (data->window);
  g_object_unref (data->profile);
  g_object_unref (data->request);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GenerateData, generate_data_free)

static void
on_key_found (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GenerateData) data = user_data;
  EaselWindow *self = data->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = easel_secrets_lookup_finish (EASEL_SECRETS (object), result, &error);
  g_autofree char *folder = NULL;
  g_autoptr(EaselJob) job = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (key == NULL || *key == '\0')
    {
      AdwToast *toast;
      g_autofree char *message = NULL;

      if (error != NULL)
        /* Translators: %s is the keyring's explanation. */
        message = g_strdup_printf (_("The key could not be read from the keyring: %s"),
                                   error->message);
      else
        /* Translators: %s is a gateway's name. */
        message = g_strdup_printf (_("No API key for %s yet. Add it in Preferences."),
                                   easel_profile_get_name (data->profile));
      toast = adw_toast_new (message);
      adw_toast_set_button_label (toast, _("_Preferences"));
      adw_toast_set_action_name (toast, "app.preferences");
      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }

  folder = easel_window_get_output_dir (self);
  job = easel_job_new (easel_application_get_client (get_app (self)), data->profile,
                       data->request, key, folder);
  easel_job_set_history (job, self->history);
  easel_job_queue_add (self->queue, job);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->results_scroller), 0);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "viewer") == 0)
    {
      easel_viewer_clear (self->viewer);
      gtk_stack_set_visible_child_name (self->content_stack, "results");
    }
  /* Folded, the panel covers the results: get it out of the way. */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

void
easel_window_generate (EaselWindow *self)
{
  EaselProfile *profile = easel_create_panel_get_profile (self->create_panel);
  GenerateData *data;

  if (profile == NULL || !easel_create_panel_get_can_generate (self->create_panel))
    return;

  data = g_new0 (GenerateData, 1);
  data->window = g_object_ref (self);
  data->profile = g_object_ref (profile);
  data->request = easel_create_panel_build_request (self->create_panel);
  easel_secrets_lookup_async (easel_application_get_secrets (get_app (self)),
                              easel_profile_get_id (profile), self->cancellable, on_key_found,
                              data);
}

/* --- notifications -------------------------------------------------------- */

void
easel_window_notify_finished (EaselWindow *self,
                              EaselJob    *job)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  const char *prompt = easel_request_get_prompt (easel_job_get_request (job));
  GListModel *images = easel_job_get_images (job);
  guint n = g_list_model_get_n_items (images);
  EaselJobState state = easel_job_get_state (job);

  /* In front means shown and focused; a hidden window keeps its last
   * "active" state, so visibility is checked too. */
  if (state == EASEL_JOB_CANCELLED ||
      (gtk_widget_get_visible (GTK_WIDGET (self)) && gtk_window_is_active (GTK_WINDOW (self))) ||
      !easel_settings_get_notify_on_completion (self->settings))
    return;

  if (n > 0)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Image ready", "%u images ready", n), n);
  else
    title = g_strdup_printf (_("Image request failed: %s"),
                             easel_job_card_error_title (easel_job_get_error (job)));

  notification = g_notification_new (title);
  g_notification_set_body (notification, prompt);
  if (n > 0)
    {
      g_autoptr(EaselImage) first = g_list_model_get_item (images, 0);
      g_autoptr(GFile) file = g_file_new_for_path (easel_image_get_path (first));
      g_autoptr(GIcon) icon = g_file_icon_new (file);

      g_notification_set_icon (notification, icon);
    }
  g_notification_set_default_action (notification, "app.present");

  id = g_strdup_printf ("job-%p", (void *) job);
  g_application_send_notification (G_APPLICATION (get_app (self)), id, notification);
}

/* --- the image actions ----------------------------------------------------- */

gboolean
easel_window_current_image (EaselWindow *self,
                            EaselJob   **job,
                            guint       *index)
{
  g_autoptr(GList) selected = NULL;
  guint n;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "viewer") == 0 &&
      easel_viewer_get_job (self->viewer) != NULL)
    {
      *job = easel_viewer_get_job (self->viewer);
      *index = easel_viewer_get_index (self->viewer);
      return TRUE;
    }

  selected = gtk_flow_box_get_selected_children (self->results_box);
  if (selected != NULL)
    {
      GtkWidget *card = gtk_flow_box_child_get_child (selected->data);
      EaselJob *candidate = easel_job_card_get_job (EASEL_JOB_CARD (card));

      if (g_list_model_get_n_items (easel_job_get_images (candidate)) > 0)
        {
          *job = candidate;
          *index = 0;
          return TRUE;
        }
      return FALSE;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->queue));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EaselJob) candidate = g_list_model_get_item (G_LIST_MODEL (self->queue), i);

      if (g_list_model_get_n_items (easel_job_get_images (candidate)) > 0)
        {
          *job = candidate;   /* the queue keeps it alive */
          *index = 0;
          return TRUE;
        }
    }
  return FALSE;
}

static void
reuse (EaselWindow *self,
       EaselJob    *job)
{
  easel_create_panel_apply_request (self->create_panel, easel_job_get_request (job),
                                    easel_job_get_profile (job));
  adw_flap_set_reveal_flap (self->flap, TRUE);
  easel_create_panel_focus_prompt (self->create_panel);
  easel_window_toast (self, _("Parameters restored"));
}

void
easel_window_edit_path (EaselWindow *self,
                        const char  *path)
{
  g_autoptr(EaselReference) reference = easel_reference_new_for_path (path);
  g_autoptr(GError) error = NULL;
  EaselReferenceTray *tray = easel_create_panel_get_reference_tray (self->create_panel);

  if (!easel_reference_tray_add (tray, reference, TRUE, &error))
    {
      easel_window_toast (self, error->message);
      return;
    }
  adw_view_stack_set_visible_child_name (self->view_stack, "create");
  adw_flap_set_reveal_flap (self->flap, TRUE);
  easel_create_panel_focus_prompt (self->create_panel);
  easel_window_toast (self, _("Added as reference 1: describe the change"));
}

static void
edit_image (EaselWindow *self,
            EaselImage  *image)
{
  easel_window_edit_path (self, easel_image_get_path (image));
}

static void
view (EaselWindow *self,
      EaselJob    *job,
      guint        index)
{
  easel_viewer_show (self->viewer, job, index);
  gtk_stack_set_visible_child_name (self->content_stack, "viewer");
  gtk_widget_grab_focus (GTK_WIDGET (easel_viewer_get_image_view (self->viewer)));
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

void
easel_window_image_action (EaselWindow *self,
                           const char  *name,
                           EaselJob    *job,
                           guint        index)
{
  GListModel *images;
  g_autoptr(EaselImage) image = NULL;

  g_return_if_fail (EASEL_IS_WINDOW (self));
  g_return_if_fail (EASEL_IS_JOB (job));

  images = easel_job_get_images (job);
  if (index < g_list_model_get_n_items (images))
    image = g_list_model_get_item (images, index);

  if (g_str_equal (name, "retry"))
    easel_job_queue_retry (self->queue, job);
  else if (g_str_equal (name, "remove"))
    easel_job_queue_remove (self->queue, job);
  else if (g_str_equal (name, "reuse"))
    reuse (self, job);
  else if (g_str_equal (name, "copy-details"))
    {
      GtkWidget *card = easel_window_get_card (self, job);
      g_autofree char *details = NULL;

      if (card != NULL)
        details = easel_job_card_describe (EASEL_JOB_CARD (card));

      if (details != NULL)
        {
          gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), details);
          easel_window_toast (self, _("Details copied"));
        }
    }
  else if (g_str_equal (name, "save-all"))
    easel_window_save (self, job, NULL);
  else if (image == NULL)
    return;
  else if (g_str_equal (name, "view"))
    view (self, job, index);
  else if (g_str_equal (name, "save"))
    easel_window_save (self, job, image);
  else if (g_str_equal (name, "copy"))
    easel_window_copy_image (self, image);
  else if (g_str_equal (name, "open-with"))
    easel_window_open_with (self, image);
  else if (g_str_equal (name, "edit"))
    edit_image (self, image);
  else
    g_warning ("Unknown image action “%s”", name);
}

/* --- window actions --------------------------------------------------------- */

static void
current_image_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EaselWindow *self = EASEL_WINDOW (widget);
  EaselJob *job;
  guint index;

  if (!easel_window_current_image (self, &job, &index))
    {
      easel_window_toast (self, _("No image to act on yet"));
      return;
    }
  /* "win.save" → "save", "win.copy-image" → "copy" */
  easel_window_image_action (self, g_str_equal (action_name, "win.save") ? "save" : "copy",
                             job, index);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EaselWindow *self = EASEL_WINDOW (widget);

  easel_reference_tray_paste (easel_create_panel_get_reference_tray (self->create_panel),
                              gtk_widget_get_clipboard (widget));
  adw_flap_set_reveal_flap (self->flap, TRUE);
}

static void
generate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EaselWindow *self = EASEL_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->create_panel), "panel.generate", NULL);
}

static void
clear_finished_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EaselWindow *self = EASEL_WINDOW (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->queue));

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(EaselJob) job = g_list_model_get_item (G_LIST_MODEL (self->queue), i - 1);

      if (easel_job_is_finished (job))
        easel_job_queue_remove (self->queue, job);
    }
}

static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

void
easel_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.generate", NULL, generate_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, current_image_action);
  gtk_widget_class_install_action (widget_class, "win.copy-image", NULL, current_image_action);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "win.clear-finished", NULL, clear_finished_action);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri_action);

  /* Ctrl+Enter and Ctrl+S have no meaning in a text field, so they work
   * from anywhere; Ctrl+C and Ctrl+V act on images only when the focus is
   * not in text, where they keep their usual meaning. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.generate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "win.generate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "win.copy-image", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK,
                                       "win.paste", NULL);
}
