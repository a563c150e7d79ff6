/* test-window.c: the main window, its menu, Preferences, About and the
 * shortcuts window, in a real X display
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "easel-application.h"
#include "easel-preferences-window.h"
#include "easel-test-utils.h"
#include "easel-window.h"

static EaselApplication *app;

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static EaselWindow *
open_window (void)
{
  EaselWindow *window = easel_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  easel_test_wait_for_frame (GTK_WIDGET (window));

  return window;
}

static void
close_window (gpointer window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_close (GTK_WINDOW (window));
  easel_test_wait_until (pointer_is_null, &weak, "the window to be destroyed");
}

/* The size the window has on screen. Without a compositing window manager
 * GTK draws a resize border inside the surface, so the surface, not the
 * widget, is what the user sized. */
static int
window_width (gpointer window)
{
  return gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window)));
}

static int
window_height (gpointer window)
{
  return gdk_surface_get_height (gtk_native_get_surface (GTK_NATIVE (window)));
}

static GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static void
test_size_restored_and_saved (void)
{
  EaselSettings *settings = easel_application_get_settings (app);
  EaselWindow *window;

  easel_settings_set_window_size (settings, 900, 640);
  easel_settings_set_window_maximized (settings, FALSE);

  window = open_window ();
  g_assert_cmpint (window_width (window), ==, 900);
  g_assert_cmpint (window_height (window), ==, 640);

  /* The user resizes the window, then closes it. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  easel_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpint (window_width (window), ==, 1000);
  close_window (window);

  g_assert_cmpint (easel_settings_get_window_width (settings), ==, 1000);
  g_assert_cmpint (easel_settings_get_window_height (settings), ==, 700);
  g_assert_false (easel_settings_get_window_maximized (settings));

  /* The next window opens at the saved size. */
  window = open_window ();
  g_assert_cmpint (window_width (window), ==, 1000);
  g_assert_cmpint (window_height (window), ==, 700);
  close_window (window);
}

static void
test_welcome_opens_preferences (void)
{
  EaselSettings *settings = easel_application_get_settings (app);
  EaselWindow *window = open_window ();
  GtkWidget *welcome = template_child (window, EASEL_TYPE_WINDOW, "welcome_page");
  GtkWidget *button = template_child (window, EASEL_TYPE_WINDOW, "open_preferences_button");
  GtkWindow *prefs;
  GtkWidget *style_row;
  g_autofree char *shot = NULL;

  g_assert_true (gtk_widget_get_mapped (welcome));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (welcome)), ==, "Welcome to Easel");
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (welcome)),
                            "gateway"));
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Open Preferences");

  g_assert_null (easel_test_find_window (EASEL_TYPE_PREFERENCES_WINDOW));
  g_signal_emit_by_name (button, "clicked");
  prefs = easel_test_find_window (EASEL_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  g_assert_true (gtk_window_get_transient_for (prefs) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (prefs));
  easel_test_wait_for_frame (GTK_WIDGET (prefs));
  shot = easel_test_save_screenshot (GTK_WIDGET (prefs), "preferences");

  /* Asking again brings the same window forward instead of a second one. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  {
    guint count = 0;

    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
      count += EASEL_IS_PREFERENCES_WINDOW (l->data);
    g_assert_cmpuint (count, ==, 1);
  }

  /* The Style row and the setting follow each other, and the style applies. */
  style_row = template_child (prefs, EASEL_TYPE_PREFERENCES_WINDOW, "style_row");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (style_row)), ==, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (style_row), 2);
  g_assert_cmpint (easel_settings_get_color_scheme (settings), ==, EASEL_COLOR_SCHEME_DARK);
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));

  easel_settings_set_color_scheme (settings, EASEL_COLOR_SCHEME_LIGHT);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (style_row)), ==, 1);
  g_assert_false (adw_style_manager_get_dark (adw_style_manager_get_default ()));

  easel_settings_set_color_scheme (settings, EASEL_COLOR_SCHEME_SYSTEM);
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_DEFAULT);

  close_window (prefs);
  close_window (window);
}

static void
test_primary_menu (void)
{
  static const struct {
    guint       section;
    const char *label;
    const char *action;
  } expected[] = {
    { 0, "_Clear Finished Results", "win.clear-finished" },
    { 1, "_Preferences", "app.preferences" },
    { 1, "_Keyboard Shortcuts", "win.show-help-overlay" },
    { 1, "_About Easel", "app.about" },
  };
  EaselWindow *window = open_window ();
  GtkWidget *button = template_child (window, EASEL_TYPE_WINDOW, "primary_menu_button");
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  guint position[2] = { 0, 0 };

  g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (button)));
  g_assert_nonnull (menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  for (guint s = 0; s < 2; s++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);
      guint n = 0;

      for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
        n += expected[i].section == s;
      g_assert_cmpint (g_menu_model_get_n_items (section), ==, n);
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GMenuModel) section =
        g_menu_model_get_item_link (menu, expected[i].section, G_MENU_LINK_SECTION);
      guint index = position[expected[i].section]++;
      g_autofree char *label = NULL;
      g_autofree char *action = NULL;
      const char *dot;
      GActionGroup *group;

      g_assert_true (g_menu_model_get_item_attribute (section, index, "label", "s", &label));
      g_assert_true (g_menu_model_get_item_attribute (section, index, "action", "s", &action));
      g_assert_cmpstr (label, ==, expected[i].label);
      g_assert_cmpstr (action, ==, expected[i].action);

      /* Every item leads somewhere: its action exists and is enabled. */
      dot = strchr (action, '.');
      group = g_str_has_prefix (action, "app.") ? G_ACTION_GROUP (app) : G_ACTION_GROUP (window);
      if (g_action_group_has_action (group, dot + 1))
        g_assert_true (g_action_group_get_action_enabled (group, dot + 1));
      else
        {
          /* An action of the window class (gtk_widget_class_install_action). */
          gboolean found = FALSE;
          const char *name, *property;
          const GVariantType *type;
          GType owner;

          for (guint a = 0;
               gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (window), a, &owner, &name,
                                              &type, &property);
               a++)
            found |= g_strcmp0 (name, action) == 0;
          g_assert_true (found);
        }
    }

  close_window (window);
}

static void
check_shortcut_has_accel (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SHORTCUTS_SHORTCUT (child))
        {
          g_autofree char *action = NULL;
          g_autofree char *accel = NULL;

          g_object_get (child, "action-name", &action, "accelerator", &accel, NULL);
          if (action != NULL)
            {
              g_auto(GStrv) accels =
                gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

              g_test_message ("shortcut %s → %s", action, accels[0] ? accels[0] : "(none)");
              g_assert_nonnull (accels[0]);
            }
          else
            {
              g_assert_nonnull (accel);
            }
        }

      check_shortcut_has_accel (child);
    }
}

static void
test_shortcuts_window (void)
{
  EaselWindow *window = open_window ();
  GtkShortcutsWindow *overlay;
  g_autofree char *shot = NULL;

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));

  /* Each listed shortcut is a real accelerator of the app. */
  check_shortcut_has_accel (GTK_WIDGET (overlay));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  easel_test_wait_for_frame (GTK_WIDGET (overlay));
  shot = easel_test_save_screenshot (GTK_WIDGET (overlay), "shortcuts");

  gtk_window_close (GTK_WINDOW (overlay));
  close_window (window);
}

static void
test_about (void)
{
  EaselWindow *window = open_window ();
  AdwAboutWindow *about;
  g_autofree char *shot = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = ADW_ABOUT_WINDOW (easel_test_find_window (ADW_TYPE_ABOUT_WINDOW));
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));

  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Easel");
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APP_ID);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_developer_name (about), ==, "The Easel developers");
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_website (about), ==, PACKAGE_WEBSITE);
  g_assert_cmpstr (adw_about_window_get_issue_url (about), ==, PACKAGE_BUGREPORT);
  g_assert_nonnull (strstr (adw_about_window_get_release_notes (about), "first release"));
  g_assert_nonnull (strstr (adw_about_window_get_copyright (about), "Easel developers"));

  easel_test_wait_for_frame (GTK_WIDGET (about));
  shot = easel_test_save_screenshot (GTK_WIDGET (about), "about");

  close_window (about);
  close_window (window);
}

static void
test_screenshots (void)
{
  EaselSettings *settings = easel_application_get_settings (app);
  EaselWindow *window;
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;
  g_autofree char *light_path = NULL;
  g_autofree char *dark_path = NULL;
  g_autofree char *narrow_path = NULL;
  double light_mean, dark_mean, light_sd, dark_sd;

  easel_settings_set_window_size (settings, 1000, 680);
  easel_settings_set_color_scheme (settings, EASEL_COLOR_SCHEME_LIGHT);
  window = open_window ();

  light_path = easel_test_save_screenshot (GTK_WIDGET (window), "main-window");
  light = gdk_texture_new_from_filename (light_path, NULL);
  g_assert_nonnull (light);
  g_assert_cmpint (window_width (window), ==, 1000);
  g_assert_cmpint (window_height (window), ==, 680);
  g_assert_cmpint (gdk_texture_get_width (light), ==, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (gdk_texture_get_height (light), ==, gtk_widget_get_height (GTK_WIDGET (window)));

  easel_settings_set_color_scheme (settings, EASEL_COLOR_SCHEME_DARK);
  easel_test_wait_for_frame (GTK_WIDGET (window));
  dark_path = easel_test_save_screenshot (GTK_WIDGET (window), "main-window-dark");
  dark = gdk_texture_new_from_filename (dark_path, NULL);
  g_assert_nonnull (dark);

  /* The window is drawn (not one flat colour) and the dark style is much
   * darker than the light one. */
  light_mean = easel_test_texture_luminance (light, &light_sd);
  dark_mean = easel_test_texture_luminance (dark, &dark_sd);
  g_test_message ("luminance light %.1f ± %.1f, dark %.1f ± %.1f",
                  light_mean, light_sd, dark_mean, dark_sd);
  g_assert_cmpfloat (light_mean, >, 200);
  g_assert_cmpfloat (dark_mean, <, 80);
  g_assert_cmpfloat (light_sd, >, 5);
  g_assert_cmpfloat (dark_sd, >, 5);

  /* The narrowest width the window allows, as on a phone. */
  easel_settings_set_color_scheme (settings, EASEL_COLOR_SCHEME_LIGHT);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  easel_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpint (window_width (window), ==, 360);
  narrow_path = easel_test_save_screenshot (GTK_WIDGET (window), "main-window-narrow");

  easel_settings_set_color_scheme (settings, EASEL_COLOR_SCHEME_SYSTEM);
  close_window (window);
}

static void
test_quit_saves_state (void)
{
  EaselSettings *settings = easel_application_get_settings (app);
  EaselWindow *window;
  gpointer weak;

  easel_settings_set_window_size (settings, 800, 600);
  window = open_window ();
  gtk_window_set_default_size (GTK_WINDOW (window), 840, 620);
  easel_test_wait_for_frame (GTK_WIDGET (window));

  weak = window;
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  easel_test_wait_until (pointer_is_null, &weak, "app.quit to close the window");

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_cmpint (easel_settings_get_window_width (settings), ==, 840);
  g_assert_cmpint (easel_settings_get_window_height (settings), ==, 620);
}

static int status;

static void
on_activate (GApplication *application)
{
  /* The app opened its main window on activation; these tests open their
   * own, so start from none. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l; )
    {
      gpointer window = l->data;

      l = l->next;
      close_window (window);
    }

  easel_test_use_desktop_settings ();
  g_application_hold (application);
  status = g_test_run ();
  g_application_release (application);
}

int
main (int   argc,
      char *argv[])
{
  char *app_argv[] = { argv[0], NULL };

  g_test_init (&argc, &argv, NULL);
  g_free (easel_test_isolate_data_dir ());

  g_test_add_func ("/window/size-restored-and-saved", test_size_restored_and_saved);
  g_test_add_func ("/window/welcome-opens-preferences", test_welcome_opens_preferences);
  g_test_add_func ("/window/primary-menu", test_primary_menu);
  g_test_add_func ("/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/window/about", test_about);
  g_test_add_func ("/window/screenshots", test_screenshots);
  g_test_add_func ("/window/quit-saves-state", test_quit_saves_state);

  app = easel_application_new ();
  /* Tests run side by side on one D-Bus session: no single-instance handoff. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);

  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, app_argv), ==, 0);
  g_assert_finalize_object (app);

  return status;
}
