/* test-i18n.c: the Simplified Chinese translation, loaded by the real
 * windows from the catalogue the build compiles
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "easel-application.h"
#include "easel-preferences-window.h"
#include "easel-test-utils.h"
#include "easel-window.h"

static EaselApplication *app;
static int status;

static void
test_window_in_chinese (void)
{
  EaselWindow *window = easel_window_new (app);
  GObject *welcome, *button, *menu_button;
  GMenuModel *menu;
  g_autoptr(GMenuModel) section = NULL;
  g_autofree char *label = NULL;
  g_autofree char *shot = NULL;
  GtkWindow *prefs;

  gtk_window_present (GTK_WINDOW (window));
  easel_test_wait_for_frame (GTK_WIDGET (window));

  welcome = gtk_widget_get_template_child (GTK_WIDGET (window), EASEL_TYPE_WINDOW, "welcome_page");
  button = gtk_widget_get_template_child (GTK_WIDGET (window), EASEL_TYPE_WINDOW,
                                          "open_preferences_button");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (welcome)), ==, "欢迎使用 Easel");
  g_assert_true (g_str_has_prefix (adw_status_page_get_description (ADW_STATUS_PAGE (welcome)),
                                   "Easel 通过网关生成图像"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "打开首选项(_O)");

  menu_button = gtk_widget_get_template_child (GTK_WIDGET (window), EASEL_TYPE_WINDOW,
                                               "primary_menu_button");
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  section = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION);
  g_assert_true (g_menu_model_get_item_attribute (section, 0, "label", "s", &label));
  g_assert_cmpstr (label, ==, "首选项(_P)");

  shot = easel_test_save_screenshot (GTK_WIDGET (window), "main-window-zh_CN");

  g_signal_emit_by_name (button, "clicked");
  prefs = easel_test_find_window (EASEL_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  g_assert_cmpstr (gtk_window_get_title (prefs), ==, "首选项");
  gtk_window_destroy (prefs);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_activate (GApplication *application)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_destroy (window);
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
  const char *localedir = g_getenv ("EASEL_TEST_LOCALEDIR");

  /* The catalogue the build made, in place of the installed one. */
  g_assert_nonnull (localedir);
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  g_free (easel_test_isolate_data_dir ());
  g_test_add_func ("/i18n/window-in-chinese", test_window_in_chinese);

  app = easel_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);

  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, app_argv), ==, 0);
  g_assert_finalize_object (app);

  return status;
}
