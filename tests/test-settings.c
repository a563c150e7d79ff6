/* test-settings.c: EaselSettings, the typed view of Easel's GSettings
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "easel-settings.h"

typedef struct
{
  GSettingsBackend *backend;
  GSettings        *gsettings;
  EaselSettings    *settings;
  GHashTable       *notifications;   /* property name → count */
} Fixture;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Fixture    *fixture)
{
  const char *name = g_param_spec_get_name (pspec);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (fixture->notifications, name));

  g_hash_table_insert (fixture->notifications, (gpointer) name, GUINT_TO_POINTER (count + 1));
}

static guint
notifications (Fixture    *fixture,
               const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fixture->notifications, name));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->backend = g_memory_settings_backend_new ();
  fixture->gsettings = g_settings_new_with_backend ("io.github.easelapp.Easel", fixture->backend);
  fixture->settings = easel_settings_new_for_gsettings (fixture->gsettings);
  fixture->notifications = g_hash_table_new (g_str_hash, g_str_equal);
  g_signal_connect (fixture->settings, "notify", G_CALLBACK (on_notify), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_hash_table_unref (fixture->notifications);
  g_assert_finalize_object (fixture->settings);
  g_assert_finalize_object (fixture->gsettings);
  g_assert_finalize_object (fixture->backend);
}

static void
test_defaults (Fixture       *fixture,
               gconstpointer  data)
{
  g_assert_cmpint (easel_settings_get_window_width (fixture->settings), ==, 1180);
  g_assert_cmpint (easel_settings_get_window_height (fixture->settings), ==, 760);
  g_assert_false (easel_settings_get_window_maximized (fixture->settings));
  g_assert_cmpint (easel_settings_get_color_scheme (fixture->settings), ==,
                   EASEL_COLOR_SCHEME_SYSTEM);
  g_assert_true (easel_settings_get_gsettings (fixture->settings) == fixture->gsettings);
}

static void
test_window_size (Fixture       *fixture,
                  gconstpointer  data)
{
  easel_settings_set_window_size (fixture->settings, 900, 640);

  g_assert_cmpint (g_settings_get_int (fixture->gsettings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (fixture->gsettings, "window-height"), ==, 640);
  g_assert_cmpint (easel_settings_get_window_width (fixture->settings), ==, 900);
  g_assert_cmpint (easel_settings_get_window_height (fixture->settings), ==, 640);
  g_assert_cmpuint (notifications (fixture, "window-width"), ==, 1);
  g_assert_cmpuint (notifications (fixture, "window-height"), ==, 1);

  /* Writing what is already there notifies nobody. */
  easel_settings_set_window_size (fixture->settings, 900, 640);
  g_assert_cmpuint (notifications (fixture, "window-width"), ==, 1);
  g_assert_cmpuint (notifications (fixture, "window-height"), ==, 1);

  /* One edge changing notifies only that edge. */
  easel_settings_set_window_size (fixture->settings, 900, 700);
  g_assert_cmpuint (notifications (fixture, "window-width"), ==, 1);
  g_assert_cmpuint (notifications (fixture, "window-height"), ==, 2);
}

static void
test_maximized (Fixture       *fixture,
                gconstpointer  data)
{
  easel_settings_set_window_maximized (fixture->settings, TRUE);
  g_assert_true (g_settings_get_boolean (fixture->gsettings, "window-maximized"));
  g_assert_true (easel_settings_get_window_maximized (fixture->settings));
  g_assert_cmpuint (notifications (fixture, "window-maximized"), ==, 1);

  easel_settings_set_window_maximized (fixture->settings, TRUE);
  g_assert_cmpuint (notifications (fixture, "window-maximized"), ==, 1);

  easel_settings_set_window_maximized (fixture->settings, FALSE);
  g_assert_false (g_settings_get_boolean (fixture->gsettings, "window-maximized"));
  g_assert_cmpuint (notifications (fixture, "window-maximized"), ==, 2);
}

static void
test_color_scheme (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *nick = NULL;
  EaselColorScheme scheme;

  easel_settings_set_color_scheme (fixture->settings, EASEL_COLOR_SCHEME_DARK);
  nick = g_settings_get_string (fixture->gsettings, "color-scheme");
  g_assert_cmpstr (nick, ==, "dark");
  g_assert_cmpuint (notifications (fixture, "color-scheme"), ==, 1);

  /* Through the property, as a binding would write it. */
  g_object_set (fixture->settings, "color-scheme", EASEL_COLOR_SCHEME_LIGHT, NULL);
  g_object_get (fixture->settings, "color-scheme", &scheme, NULL);
  g_assert_cmpint (scheme, ==, EASEL_COLOR_SCHEME_LIGHT);
  g_clear_pointer (&nick, g_free);
  nick = g_settings_get_string (fixture->gsettings, "color-scheme");
  g_assert_cmpstr (nick, ==, "light");
  g_assert_cmpuint (notifications (fixture, "color-scheme"), ==, 2);
}

static void
test_external_change (Fixture       *fixture,
                      gconstpointer  data)
{
  /* A change made behind the object's back (another window, dconf) comes
   * back as a notification with the new value readable. */
  g_settings_set_int (fixture->gsettings, "window-width", 1400);
  g_assert_cmpuint (notifications (fixture, "window-width"), ==, 1);
  g_assert_cmpint (easel_settings_get_window_width (fixture->settings), ==, 1400);

  g_settings_set_string (fixture->gsettings, "color-scheme", "dark");
  g_assert_cmpuint (notifications (fixture, "color-scheme"), ==, 1);
  g_assert_cmpint (easel_settings_get_color_scheme (fixture->settings), ==,
                   EASEL_COLOR_SCHEME_DARK);
  g_assert_cmpuint (notifications (fixture, "window-height"), ==, 0);
}

static void
test_default_profile (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *id = easel_settings_get_default_profile (fixture->settings);
  g_autofree char *stored = NULL;
  g_autofree char *through_property = NULL;

  g_assert_cmpstr (id, ==, "");

  easel_settings_set_default_profile (fixture->settings, "openai-2");
  stored = g_settings_get_string (fixture->gsettings, "default-profile");
  g_assert_cmpstr (stored, ==, "openai-2");
  g_assert_cmpuint (notifications (fixture, "default-profile"), ==, 1);

  easel_settings_set_default_profile (fixture->settings, "openai-2");
  g_assert_cmpuint (notifications (fixture, "default-profile"), ==, 1);

  g_settings_set_string (fixture->gsettings, "default-profile", "yycode");
  g_assert_cmpuint (notifications (fixture, "default-profile"), ==, 2);
  g_object_get (fixture->settings, "default-profile", &through_property, NULL);
  g_assert_cmpstr (through_property, ==, "yycode");
}

static void
test_save_folder (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);
  g_autofree char *expected = g_build_filename (pictures ? pictures : g_get_home_dir (),
                                                "Easel", NULL);
  g_autofree char *folder = easel_settings_get_save_folder (fixture->settings);
  g_autofree char *stored = NULL;
  g_autofree char *through_property = NULL;

  /* The default is resolved, never handed out as "". */
  g_assert_cmpstr (folder, ==, expected);
  g_assert_true (g_path_is_absolute (folder));

  easel_settings_set_save_folder (fixture->settings, "/tmp/easel-results");
  stored = g_settings_get_string (fixture->gsettings, "save-folder");
  g_assert_cmpstr (stored, ==, "/tmp/easel-results");
  g_assert_cmpuint (notifications (fixture, "save-folder"), ==, 1);
  g_object_get (fixture->settings, "save-folder", &through_property, NULL);
  g_assert_cmpstr (through_property, ==, "/tmp/easel-results");

  easel_settings_set_save_folder (fixture->settings, "/tmp/easel-results");
  g_assert_cmpuint (notifications (fixture, "save-folder"), ==, 1);

  /* Picking the default folder again stores "" so it keeps following it. */
  easel_settings_set_save_folder (fixture->settings, expected);
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (fixture->gsettings, "save-folder");
  g_assert_cmpstr (stored, ==, "");
  g_assert_cmpuint (notifications (fixture, "save-folder"), ==, 2);
}

static void
test_save_and_notify (Fixture       *fixture,
                      gconstpointer  data)
{
  g_assert_false (easel_settings_get_ask_where_to_save (fixture->settings));
  g_assert_true (easel_settings_get_notify_on_completion (fixture->settings));

  easel_settings_set_ask_where_to_save (fixture->settings, TRUE);
  g_assert_true (g_settings_get_boolean (fixture->gsettings, "ask-where-to-save"));
  easel_settings_set_ask_where_to_save (fixture->settings, TRUE);
  g_assert_cmpuint (notifications (fixture, "ask-where-to-save"), ==, 1);

  g_object_set (fixture->settings, "notify-on-completion", FALSE, NULL);
  g_assert_false (g_settings_get_boolean (fixture->gsettings, "notify-on-completion"));
  g_assert_false (easel_settings_get_notify_on_completion (fixture->settings));
  g_assert_cmpuint (notifications (fixture, "notify-on-completion"), ==, 1);

  g_settings_set_boolean (fixture->gsettings, "notify-on-completion", TRUE);
  g_assert_cmpuint (notifications (fixture, "notify-on-completion"), ==, 2);
  g_assert_cmpuint (notifications (fixture, "ask-where-to-save"), ==, 1);
}

static void
test_rejects_bad_values (Fixture       *fixture,
                         gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      easel_settings_set_window_size (fixture->settings, -5, 100);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*width >= -1*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/settings/defaults", test_defaults);
  ADD ("/settings/window-size", test_window_size);
  ADD ("/settings/maximized", test_maximized);
  ADD ("/settings/color-scheme", test_color_scheme);
  ADD ("/settings/external-change", test_external_change);
  ADD ("/settings/default-profile", test_default_profile);
  ADD ("/settings/save-folder", test_save_folder);
  ADD ("/settings/save-and-notify", test_save_and_notify);
  ADD ("/settings/rejects-bad-values", test_rejects_bad_values);
#undef ADD

  return g_test_run ();
}
