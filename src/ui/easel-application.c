/* easel-application.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-application.h"
#include "easel-preferences-window.h"
#include "easel-window.h"

struct _EaselApplication
{
  AdwApplication     parent_instance;
  EaselSettings     *settings;
  EaselProfileStore *store;
  EaselSecrets      *secrets;
  EaselClient       *client;
  EaselHistory      *history;
  GCancellable      *cancellable;

  /* How opening the history went, for the windows to tell */
  gboolean           history_opened;
  char              *history_moved_to;
  GError            *history_error;
  gboolean           resumed;
};

G_DEFINE_FINAL_TYPE (EaselApplication, easel_application, ADW_TYPE_APPLICATION)

static GtkWindow *
easel_application_get_main_window (EaselApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (EASEL_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

static void
apply_color_scheme (EaselApplication *self)
{
  static const AdwColorScheme schemes[] = {
    [EASEL_COLOR_SCHEME_SYSTEM] = ADW_COLOR_SCHEME_DEFAULT,
    [EASEL_COLOR_SCHEME_LIGHT] = ADW_COLOR_SCHEME_FORCE_LIGHT,
    [EASEL_COLOR_SCHEME_DARK] = ADW_COLOR_SCHEME_FORCE_DARK,
  };
  EaselColorScheme scheme = easel_settings_get_color_scheme (self->settings);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), schemes[scheme]);
}

static void
on_history_opened (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  EaselApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *moved_to = NULL;

  if (!easel_history_open_finish (EASEL_HISTORY (object), result, &moved_to, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_object_unref (self);
          return;
        }
      g_warning ("The history could not be opened: %s", error->message);
      self->history_error = g_steal_pointer (&error);
    }
  self->history_moved_to = g_steal_pointer (&moved_to);
  self->history_opened = TRUE;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (EASEL_IS_WINDOW (l->data))
      easel_window_history_ready (l->data);
  g_object_unref (self);
}

static void
easel_application_activate (GApplication *app)
{
  EaselApplication *self = EASEL_APPLICATION (app);
  GtkWindow *window = easel_application_get_main_window (self);

  if (window == NULL)
    window = GTK_WINDOW (easel_window_new (self));

  gtk_window_present (window);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  EaselApplication *self = user_data;
  GtkWindow *parent = easel_application_get_main_window (self);
  EaselPreferencesWindow *prefs;

  /* One Preferences window at a time: bring the open one forward. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (EASEL_IS_PREFERENCES_WINDOW (l->data))
        {
          gtk_window_present (l->data);
          return;
        }
    }

  prefs = easel_preferences_window_new (self);
  gtk_window_set_application (GTK_WINDOW (prefs), GTK_APPLICATION (self));
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  EaselApplication *self = user_data;
  static const char *developers[] = { "The Easel developers", NULL };
  g_autofree char *release_notes = NULL;
  GtkWidget *about;

  /* The same texts as the metainfo file, so they share its translations.
   * (adw_about_window_new_from_appdata () would read them from there, but it
   * needs libadwaita 1.4.) */
  release_notes = g_strdup_printf ("<p>%s</p>",
                                   _("The first release of Easel: the application shell, "
                                     "preferences for its style, the keyboard shortcuts window "
                                     "and easel-cli."));
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application-name", _("Easel"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Easel developers"),
                        "comments", _("Make and edit images with gpt-image-2"),
                        "website", PACKAGE_WEBSITE,
                        "issue-url", PACKAGE_BUGREPORT,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "release-notes-version", PACKAGE_VERSION,
                        "release-notes", release_notes,
                        NULL);
  adw_about_window_set_developers (ADW_ABOUT_WINDOW (about), developers);
  adw_about_window_set_copyright (ADW_ABOUT_WINDOW (about),
                                  _("© 2026 The Easel developers"));
  /* Translators: put your name (and e-mail address) here, one translator a line. */
  adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), _("translator-credits"));
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Generated Images"),
                                      NULL,
                                      GTK_LICENSE_CUSTOM,
                                      _("Images are made by the gateway you choose and are "
                                        "subject to its terms and to OpenAI’s usage policies. "
                                        "Easel adds no claim to them."));
  gtk_window_set_application (GTK_WINDOW (about), GTK_APPLICATION (self));
  gtk_window_set_transient_for (GTK_WINDOW (about), easel_application_get_main_window (self));
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  EaselApplication *self = user_data;

  /* Close the windows rather than quitting outright, so each one saves its
   * state through its close-request handler. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

/* A notification's default action: bring the window back. */
static void
present_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_activate (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { .name = "present", .activate = present_action },
  { .name = "preferences", .activate = preferences_action },
  { .name = "about", .activate = about_action },
  { .name = "quit", .activate = quit_action },
};

static void
easel_application_startup (GApplication *app)
{
  EaselApplication *self = EASEL_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (easel_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);

  self->settings = easel_settings_new ();
  self->store = easel_profile_store_new (easel_settings_get_gsettings (self->settings));
  self->secrets = easel_secrets_new ();
  self->client = easel_client_new ();
  self->cancellable = g_cancellable_new ();
  {
    g_autofree char *base = easel_history_default_base_dir ();

    /* Opened first, so every later call queues behind it. */
    self->history = easel_history_new (base);
    easel_history_open_async (self->history, self->cancellable, on_history_opened,
                              g_object_ref (self));
  }
  g_signal_connect_object (self->settings, "notify::color-scheme",
                           G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);
}

static void
easel_application_shutdown (GApplication *app)
{
  EaselApplication *self = EASEL_APPLICATION (app);

  G_APPLICATION_CLASS (easel_application_parent_class)->shutdown (app);

  /* What the closed windows' jobs asked to record reaches the disk before
   * the process ends; then their callbacks run. */
  if (self->history != NULL && !easel_history_flush (self->history, 5000))
    g_warning ("The history was still writing when Easel quit");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->history);
  g_clear_object (&self->client);
  g_clear_object (&self->secrets);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
}

static void
easel_application_dispose (GObject *object)
{
  EaselApplication *self = EASEL_APPLICATION (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->history);
  g_clear_pointer (&self->history_moved_to, g_free);
  g_clear_error (&self->history_error);
  g_clear_object (&self->client);
  g_clear_object (&self->secrets);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (easel_application_parent_class)->dispose (object);
}

static void
easel_application_class_init (EaselApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = easel_application_dispose;

  app_class->activate = easel_application_activate;
  app_class->startup = easel_application_startup;
  app_class->shutdown = easel_application_shutdown;
}

static void
easel_application_init (EaselApplication *self)
{
}

/**
 * easel_application_new:
 *
 * Returns: (transfer full): the Easel application
 */
EaselApplication *
easel_application_new (void)
{
  return g_object_new (EASEL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * easel_application_get_settings:
 * @self: a #EaselApplication
 *
 * Returns: (transfer none) (nullable): the app's settings, available from
 *   startup until shutdown
 */
EaselSettings *
easel_application_get_settings (EaselApplication *self)
{
  g_return_val_if_fail (EASEL_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * easel_application_get_profile_store:
 * @self: a #EaselApplication
 *
 * Returns: (transfer none) (nullable): the gateway profiles, from startup
 *   until shutdown
 */
EaselProfileStore *
easel_application_get_profile_store (EaselApplication *self)
{
  g_return_val_if_fail (EASEL_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * easel_application_get_secrets:
 * @self: a #EaselApplication
 *
 * Returns: (transfer none) (nullable): where the API keys are kept
 */
EaselSecrets *
easel_application_get_secrets (EaselApplication *self)
{
  g_return_val_if_fail (EASEL_IS_APPLICATION (self), NULL);

  return self->secrets;
}

/**
 * easel_application_get_client:
 * @self: a #EaselApplication
 *
 * Returns: (transfer none) (nullable): the app's one HTTP client
 */
EaselClient *
easel_application_get_client (EaselApplication *self)
{
  g_return_val_if_fail (EASEL_IS_APPLICATION (self), NULL);

  return self->client;
}

/**
 * easel_application_get_history:
 * @self: a #EaselApplication
 *
 * Returns: (transfer none) (nullable): every generation kept, from
 *   startup until shutdown; calls queue behind its opening
 */
EaselHistory *
easel_application_get_history (EaselApplication *self)
{
  g_return_val_if_fail (EASEL_IS_APPLICATION (self), NULL);

  return self->history;
}

/**
 * easel_application_get_history_status:
 * @self: a #EaselApplication
 * @moved_to: (out) (optional) (transfer none): where a damaged store was
 *   moved, or NULL
 * @error: (out) (optional) (transfer none): why the store could not be
 *   opened, or NULL
 *
 * Returns: whether opening the history has finished (well or not)
 */
gboolean
easel_application_get_history_status (EaselApplication  *self,
                                      const char       **moved_to,
                                      const GError     **error)
{
  g_return_val_if_fail (EASEL_IS_APPLICATION (self), FALSE);

  if (moved_to != NULL)
    *moved_to = self->history_moved_to;
  if (error != NULL)
    *error = self->history_error;
  return self->history_opened;
}

/**
 * easel_application_claim_resume:
 * @self: a #EaselApplication
 *
 * Pending generations are resumed once per run, by the first window that
 * asks.
 *
 * Returns: TRUE the first time only
 */
gboolean
easel_application_claim_resume (EaselApplication *self)
{
  g_return_val_if_fail (EASEL_IS_APPLICATION (self), FALSE);

  if (self->resumed)
    return FALSE;
  self->resumed = TRUE;
  return TRUE;
}
