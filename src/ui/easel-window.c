/* easel-window.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The main window: the welcome page until a gateway exists, then the
 * create panel in a flap beside the results (folding over them below
 * ~720 px), and the viewer over the results. The image actions live in
 * easel-window-actions.c. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-job-card.h"
#include "easel-window-private.h"

G_DEFINE_FINAL_TYPE (EaselWindow, easel_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_PROFILE_STORE,
  PROP_HISTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
easel_window_restore_state (EaselWindow *self)
{
  int width = easel_settings_get_window_width (self->settings);
  int height = easel_settings_get_window_height (self->settings);

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (easel_settings_get_window_maximized (self->settings))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
easel_window_save_state (EaselWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  /* The default size tracks the unmaximised size, so a maximised window
   * still remembers what to return to. */
  if (!maximized)
    {
      int width, height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      easel_settings_set_window_size (self->settings, width, height);
    }

  easel_settings_set_window_maximized (self->settings, maximized);
}

static gboolean
easel_window_close_request (GtkWindow *window)
{
  EaselWindow *self = EASEL_WINDOW (window);

  easel_window_save_state (self);

  return GTK_WINDOW_CLASS (easel_window_parent_class)->close_request (window);
}

/* --- pages ------------------------------------------------------------------ */

static void
update_pages (EaselWindow *self)
{
  GListModel *profiles;
  gboolean studio;
  const char *content;

  if (self->store == NULL)
    return;

  profiles = easel_profile_store_get_profiles (self->store);
  studio = g_list_model_get_n_items (profiles) > 0 ||
           g_list_model_get_n_items (G_LIST_MODEL (self->queue)) > 0;
  gtk_stack_set_visible_child_name (self->main_stack, studio ? "studio" : "welcome");
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, studio);
  /* The panel belongs to the Create page. */
  gtk_widget_set_visible (GTK_WIDGET (self->panel_button),
                          studio && g_strcmp0 (adw_view_stack_get_visible_child_name (
                                                 self->view_stack), "create") == 0);

  content = gtk_stack_get_visible_child_name (self->content_stack);
  if (g_strcmp0 (content, "viewer") != 0)
    gtk_stack_set_visible_child_name (self->content_stack,
                                      g_list_model_get_n_items (G_LIST_MODEL (self->queue)) > 0
                                        ? "results" : "empty");
}

static void
update_title (EaselWindow *self)
{
  guint running = easel_job_queue_get_n_running (self->queue, NULL);
  guint queued = easel_job_queue_get_n_queued (self->queue);
  g_autofree char *subtitle = NULL;

  if (running > 0 && queued > 0)
    /* Translators: shown under the window title, e.g. "3 running, 1 waiting". */
    subtitle = g_strdup_printf (_("%u running, %u waiting"), running, queued);
  else if (running > 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u image request running",
                                             "%u image requests running", running),
                                running);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle != NULL ? subtitle : "");
}

static void
on_queue_changed (EaselWindow *self)
{
  update_pages (self);
  update_title (self);
}

static void
on_job_finished (EaselWindow  *self,
                 EaselJob     *job)
{
  update_title (self);
  easel_window_check_history (self, job);
  easel_window_notify_finished (self, job);
}

static void
on_card_action (EaselJobCard *card,
                const char   *name,
                guint         index,
                EaselWindow  *self)
{
  easel_window_image_action (self, name, easel_job_card_get_job (card), index);
}

static GtkWidget *
create_card (gpointer item,
             gpointer user_data)
{
  EaselWindow *self = user_data;
  GtkWidget *card = easel_job_card_new (EASEL_JOB (item));

  g_signal_connect_object (card, "action", G_CALLBACK (on_card_action), self, 0);
  return card;
}

GtkWidget *
easel_window_get_card (EaselWindow *self,
                       EaselJob    *job)
{
  g_return_val_if_fail (EASEL_IS_WINDOW (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->results_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (EASEL_IS_JOB_CARD (card) && easel_job_card_get_job (EASEL_JOB_CARD (card)) == job)
        return card;
    }
  return NULL;
}

static void
on_result_activated (EaselWindow      *self,
                     GtkFlowBoxChild  *child)
{
  GtkWidget *card = gtk_flow_box_child_get_child (child);
  EaselJob *job = easel_job_card_get_job (EASEL_JOB_CARD (card));

  if (g_list_model_get_n_items (easel_job_get_images (job)) > 0)
    easel_window_image_action (self, "view", job, 0);
}

static void
on_viewer_action (EaselViewer *viewer,
                  const char  *name,
                  guint        index,
                  EaselWindow *self)
{
  easel_window_image_action (self, name, easel_viewer_get_job (viewer), index);
}

static void
on_viewer_close (EaselWindow *self)
{
  GtkWidget *card = easel_window_get_card (self, easel_viewer_get_job (self->viewer));

  easel_viewer_clear (self->viewer);
  gtk_stack_set_visible_child_name (self->content_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->queue)) > 0
                                      ? "results" : "empty");
  /* Back where the user came from. */
  if (card != NULL)
    gtk_widget_grab_focus (gtk_widget_get_parent (card));
}

static void
on_generate (EaselWindow *self)
{
  easel_window_generate (self);
}

static void
on_reference_refused (EaselWindow *self,
                      const char  *message)
{
  easel_window_toast (self, message);
}

/* The panel's own toasts: the mask's, some with an Undo. */
static void
on_panel_toast (EaselWindow *self,
                AdwToast    *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

/* --- GObject --------------------------------------------------------------- */

EaselCreatePanel *
easel_window_get_create_panel (EaselWindow *self)
{
  g_return_val_if_fail (EASEL_IS_WINDOW (self), NULL);
  return self->create_panel;
}

EaselJobQueue *
easel_window_get_job_queue (EaselWindow *self)
{
  g_return_val_if_fail (EASEL_IS_WINDOW (self), NULL);
  return self->queue;
}

EaselViewer *
easel_window_get_viewer (EaselWindow *self)
{
  g_return_val_if_fail (EASEL_IS_WINDOW (self), NULL);
  return self->viewer;
}

GtkFlowBox *
easel_window_get_results (EaselWindow *self)
{
  g_return_val_if_fail (EASEL_IS_WINDOW (self), NULL);
  return self->results_box;
}

static void
easel_window_constructed (GObject *object)
{
  EaselWindow *self = EASEL_WINDOW (object);
  EaselProfileStore *store = self->store;

  G_OBJECT_CLASS (easel_window_parent_class)->constructed (object);

  /* "application" is not a construct property: it is set after this runs,
   * so what the window needs at once comes as its own properties. */
  g_assert (EASEL_IS_SETTINGS (self->settings));
  g_assert (EASEL_IS_PROFILE_STORE (store));

  self->create_panel = EASEL_CREATE_PANEL (easel_create_panel_new (store));
  gtk_widget_set_size_request (GTK_WIDGET (self->create_panel), 340, -1);
  /* Its labels expand inside it; the panel itself keeps its width and the
   * results take the rest. */
  gtk_widget_set_hexpand (GTK_WIDGET (self->create_panel), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->create_panel), "create-panel");
  adw_flap_set_flap (self->flap, GTK_WIDGET (self->create_panel));
  g_signal_connect_object (self->create_panel, "generate", G_CALLBACK (on_generate), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (easel_create_panel_get_reference_tray (self->create_panel), "refused",
                           G_CALLBACK (on_reference_refused), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->create_panel, "add-toast", G_CALLBACK (on_panel_toast), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (easel_profile_store_get_profiles (store), "items-changed",
                           G_CALLBACK (update_pages), self, G_CONNECT_SWAPPED);

  easel_window_add_history_page (self);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (update_pages), self, G_CONNECT_SWAPPED);

  easel_window_restore_state (self);
  update_pages (self);
  update_title (self);
}

static void
easel_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EaselWindow *self = EASEL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_PROFILE_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  EaselWindow *self = EASEL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_PROFILE_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_HISTORY:
      self->history = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_window_dispose (GObject *object)
{
  EaselWindow *self = EASEL_WINDOW (object);

  /* A window cancels its work; images already written stay on disk. */
  g_cancellable_cancel (self->cancellable);
  if (self->queue != NULL)
    {
      /* Jobs stopped by closing are not news worth a notification; they
       * are abandoned, not cancelled, so remote ones stay pending in the
       * history and resume on the next start. */
      g_signal_handlers_disconnect_by_data (self->queue, self);
      easel_job_queue_abandon_all (self->queue);
    }
  if (self->results_box != NULL)
    gtk_flow_box_bind_model (self->results_box, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), EASEL_TYPE_WINDOW);

  g_clear_object (&self->queue);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (easel_window_parent_class)->dispose (object);
}

static void
toggle_panel_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EaselWindow *self = EASEL_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "studio") != 0)
    return;
  /* From another page, F9 brings the panel to the front. */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "create") != 0)
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "create");
      adw_flap_set_reveal_flap (self->flap, TRUE);
      return;
    }
  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
easel_window_class_init (EaselWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = easel_window_constructed;
  object_class->dispose = easel_window_dispose;
  object_class->get_property = easel_window_get_property;
  object_class->set_property = easel_window_set_property;

  window_class->close_request = easel_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         EASEL_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE_STORE] =
    g_param_spec_object ("profile-store", NULL, NULL,
                         EASEL_TYPE_PROFILE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         EASEL_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "win.toggle-panel", NULL, toggle_panel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-panel", NULL);
  easel_window_class_init_actions (widget_class);
  easel_window_class_init_history (widget_class);

  g_type_ensure (EASEL_TYPE_VIEWER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/easel-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, panel_button);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, open_preferences_button);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, results_scroller);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, results_box);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, viewer);
}

static void
easel_window_init (EaselWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->queue = easel_job_queue_new ();

  g_object_bind_property (self->flap, "reveal-flap", self->panel_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  /* Too narrow for the switcher in the header: it moves to the bottom. */
  g_object_bind_property (self->switcher_title, "title-visible", self->switcher_bar, "reveal",
                          G_BINDING_SYNC_CREATE);

  gtk_flow_box_bind_model (self->results_box, G_LIST_MODEL (self->queue), create_card, self, NULL);
  g_signal_connect_swapped (self->queue, "items-changed", G_CALLBACK (on_queue_changed), self);
  g_signal_connect_swapped (self->queue, "notify::n-running", G_CALLBACK (update_title), self);
  g_signal_connect_swapped (self->queue, "notify::n-queued", G_CALLBACK (update_title), self);
  g_signal_connect_swapped (self->queue, "job-finished", G_CALLBACK (on_job_finished), self);
  g_signal_connect_swapped (self->results_box, "child-activated",
                            G_CALLBACK (on_result_activated), self);
  g_signal_connect_object (self->viewer, "action", G_CALLBACK (on_viewer_action), self, 0);
  g_signal_connect_swapped (self->viewer, "close", G_CALLBACK (on_viewer_close), self);
}

/**
 * easel_window_new:
 * @application: the #EaselApplication
 *
 * Returns: (transfer full): a new main window, sized as it was last closed
 */
EaselWindow *
easel_window_new (EaselApplication *application)
{
  g_return_val_if_fail (EASEL_IS_APPLICATION (application), NULL);

  EaselWindow *self;

  self = g_object_new (EASEL_TYPE_WINDOW,
                       "application", application,
                       "settings", easel_application_get_settings (application),
                       "profile-store", easel_application_get_profile_store (application),
                       "history", easel_application_get_history (application),
                       NULL);
  /* Opened already: the window has missed the call. */
  if (easel_application_get_history_status (application, NULL, NULL))
    easel_window_history_ready (self);
  return self;
}
