/* easel-window-history.c: EaselWindow and the history: resuming what a
 * crash or quit left, and saying when the store cannot keep up
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-application.h"
#include "easel-window-private.h"

static void
toast_persistent (EaselWindow *self,
                  const char  *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* --- Resuming ------------------------------------------------------------- */

typedef struct
{
  EaselWindow       *window;
  EaselProfile      *profile;
  EaselHistoryEntry *entry;
} ResumeData;

static void
resume_data_free (ResumeData *data)
{
  g_object_unref (data->window);
  g_object_unref (data->profile);
  easel_history_entry_unref (data->entry);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResumeData, resume_data_free)

static void
on_resume_key (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ResumeData) data = user_data;
  EaselWindow *self = data->window;
  EaselApplication *app = EASEL_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GError) error = NULL;
  g_autofree char *key = easel_secrets_lookup_finish (EASEL_SECRETS (object), result, &error);
  g_autoptr(EaselJob) job = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || app == NULL)
    return;

  /* Asking the gateway without its key would only fail the billed job:
   * it stays pending until the key is back. */
  if ((key == NULL || *key == '\0') && data->entry->remote_id != NULL)
    {
      /* Translators: %s is a gateway's name. */
      g_autofree char *message =
        g_strdup_printf (_("An unfinished request waits for the API key of %s. Add the key in "
                           "Preferences; it resumes on the next start."),
                         easel_profile_get_name (data->profile));

      toast_persistent (self, message);
      return;
    }

  job = easel_job_new_for_pending (easel_application_get_client (app), data->profile,
                                   self->history, data->entry, key, &error);
  if (job == NULL)
    {
      easel_window_toast (self, error->message);
      return;
    }
  easel_job_queue_add (self->queue, job);
}

static void
on_pending_listed (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(EaselWindow) self = user_data;
  EaselApplication *app = EASEL_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  guint resumed = 0;
  guint orphaned = 0;

  entries = easel_history_list_finish (EASEL_HISTORY (object), result, &error);
  if (entries == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list the pending generations: %s", error->message);
      return;
    }
  if (app == NULL)
    return;

  for (guint i = 0; i < entries->len; i++)
    {
      EaselHistoryEntry *entry = g_ptr_array_index (entries, i);
      EaselProfile *profile = entry->profile_id != NULL
                              ? easel_profile_store_lookup (self->store, entry->profile_id)
                              : NULL;
      ResumeData *data;

      if (profile == NULL)
        {
          orphaned++;
          continue;
        }
      data = g_new0 (ResumeData, 1);
      data->window = g_object_ref (self);
      data->profile = g_object_ref (profile);
      data->entry = easel_history_entry_ref (entry);
      easel_secrets_lookup_async (easel_application_get_secrets (app),
                                  easel_profile_get_id (profile), self->cancellable,
                                  on_resume_key, data);
      resumed++;
    }

  if (resumed > 0)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Resuming %u unfinished request from the last session",
                                      "Resuming %u unfinished requests from the last session",
                                      resumed),
                         resumed);

      easel_window_toast (self, message);
    }
  if (orphaned > 0)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u unfinished request waits for a gateway that was "
                                      "removed. Add the gateway again to resume it.",
                                      "%u unfinished requests wait for gateways that were "
                                      "removed. Add the gateways again to resume them.",
                                      orphaned),
                         orphaned);

      toast_persistent (self, message);
    }
}

void
easel_window_history_ready (EaselWindow *self)
{
  EaselApplication *app;
  const char *moved_to = NULL;
  const GError *error = NULL;

  g_return_if_fail (EASEL_IS_WINDOW (self));

  app = EASEL_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  if (app == NULL || !easel_application_get_history_status (app, &moved_to, &error))
    return;

  if (moved_to != NULL)
    {
      /* Translators: %s is the path of the damaged history file. */
      g_autofree char *message =
        g_strdup_printf (_("The history could not be read, so a new one was started. The old "
                           "one was kept as %s; the image files are untouched."), moved_to);

      toast_persistent (self, message);
    }
  if (error != NULL)
    {
      /* Translators: %s says why the history could not be opened. */
      g_autofree char *message =
        g_strdup_printf (_("The history is unavailable: %s. New images are still saved to "
                           "disk."), error->message);

      toast_persistent (self, message);
      self->told_history_error = TRUE;
      return;
    }

  if (easel_application_claim_resume (app))
    easel_history_list_pending_async (self->history, self->cancellable, on_pending_listed,
                                      g_object_ref (self));
}

/* --- Recording ------------------------------------------------------------ */

void
easel_window_check_history (EaselWindow *self,
                            EaselJob    *job)
{
  const GError *error = easel_job_get_history_error (job);

  /* Once a session is enough: every job would say the same. */
  if (error == NULL || self->told_history_error)
    return;

  self->told_history_error = TRUE;
  {
    /* Translators: %s says why the history could not record an image. */
    g_autofree char *message =
      g_strdup_printf (_("The history could not record this image (%s). The file is saved "
                         "in the images folder all the same."), error->message);

    toast_persistent (self, message);
  }
}

/* --- The History page ----------------------------------------------------- */

static void
on_history_reuse (EaselWindow       *self,
                  EaselHistoryEntry *entry)
{
  g_autoptr(EaselRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  EaselProfile *profile = NULL;

  request = easel_history_entry_get_request (entry, &error);
  if (request == NULL)
    {
      /* Translators: %s says what is wrong with the stored request. */
      g_autofree char *message = g_strdup_printf (_("The parameters could not be read: %s"),
                                                  error->message);

      easel_window_toast (self, message);
      return;
    }

  if (entry->profile_id != NULL)
    profile = easel_profile_store_lookup (self->store, entry->profile_id);
  easel_create_panel_apply_request (self->create_panel, request, profile);
  adw_view_stack_set_visible_child_name (self->view_stack, "create");
  adw_flap_set_reveal_flap (self->flap, TRUE);
  easel_create_panel_focus_prompt (self->create_panel);
  if (profile == NULL && entry->profile_name != NULL)
    {
      /* Translators: %s is the name of a gateway that no longer exists. */
      g_autofree char *message =
        g_strdup_printf (_("Parameters restored; “%s” was removed, so the current gateway "
                           "is used"), entry->profile_name);

      easel_window_toast (self, message);
    }
  else
    easel_window_toast (self, _("Parameters restored"));
}

static void
on_history_edit (EaselWindow       *self,
                 EaselHistoryEntry *entry,
                 guint              index)
{
  EaselHistoryImage *image;

  if (index >= entry->images->len)
    return;
  image = g_ptr_array_index (entry->images, index);
  easel_window_edit_path (self, image->path);
}

static void
on_history_toast (EaselWindow *self,
                  AdwToast    *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

/* Other processes (easel-cli) write too: read again whenever the page is
 * shown. */
static void
on_page_changed (EaselWindow *self)
{
  if (self->history_view != NULL
      && g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "history") == 0)
    easel_history_view_reload (self->history_view);
}

void
easel_window_add_history_page (EaselWindow *self)
{
  AdwViewStackPage *page;

  if (self->history == NULL)
    return;

  self->history_view = EASEL_HISTORY_VIEW (easel_history_view_new (self->history, self->store));
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->history_view), "history",
                                    _("History"));
  adw_view_stack_page_set_icon_name (page, "document-open-recent-symbolic");
  g_signal_connect_object (self->history_view, "reuse", G_CALLBACK (on_history_reuse), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history_view, "edit-image", G_CALLBACK (on_history_edit), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history_view, "add-toast", G_CALLBACK (on_history_toast), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_page_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
easel_window_get_history_view (EaselWindow *self)
{
  g_return_val_if_fail (EASEL_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->history_view);
}

static void
search_history_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EaselWindow *self = EASEL_WINDOW (widget);

  if (self->history_view == NULL
      || g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "studio") != 0)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "history");
  easel_history_view_start_search (self->history_view);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EaselWindow *self = EASEL_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "studio") != 0
      || adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

void
easel_window_class_init_history (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.search-history", NULL,
                                   search_history_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search-history", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page",
                                       "s", "create");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page",
                                       "s", "history");
}
