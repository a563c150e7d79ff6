/* test-preferences.c: the Gateways page of Preferences in a real window:
 * add from a preset, edit, key into the keyring, remove and undo
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "easel-application.h"
#include "easel-preferences-window.h"
#include "easel-profile-editor.h"
#include "easel-test-files.h"
#include "easel-test-utils.h"
#include "easel-window.h"

#define KEY "sk-sentinel-prefs-7d41c0e9"

static EaselApplication *app;
static int status;

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *found = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (found);
  return GTK_WIDGET (found);
}

static gboolean
key_is_stored (gpointer data)
{
  const char **looked_up = data;

  return *looked_up != NULL;
}

static void
on_lookup (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = easel_secrets_lookup_finish (EASEL_SECRETS (object), result, &error);
  g_assert_no_error (error);
  if (*out == NULL)
    *out = g_strdup ("");
}

static char *
lookup_key (const char *profile_id)
{
  char *key = NULL;

  easel_secrets_lookup_async (easel_application_get_secrets (app), profile_id, NULL, on_lookup,
                              &key);
  easel_test_wait_until (key_is_stored, &key, "the keyring lookup");
  return key;
}

static gboolean
key_stored_shown (gpointer data)
{
  const char *subtitle = adw_action_row_get_subtitle (data);

  return subtitle != NULL && g_str_has_prefix (subtitle, "A key is");
}

static GtkWidget *
visible_editor (GtkWindow *prefs)
{
  GtkWidget *widget = GTK_WIDGET (prefs);
  GList *stack = NULL;

  /* Breadth-first through the window for the editor page. */
  stack = g_list_prepend (stack, widget);
  while (stack != NULL)
    {
      GtkWidget *current = stack->data;

      stack = g_list_delete_link (stack, stack);
      if (EASEL_IS_PROFILE_EDITOR (current) && gtk_widget_get_mapped (current))
        {
          g_list_free (stack);
          return current;
        }
      for (GtkWidget *c = gtk_widget_get_first_child (current); c; c = gtk_widget_get_next_sibling (c))
        stack = g_list_append (stack, c);
    }

  return NULL;
}

static gboolean
editor_shown (gpointer data)
{
  return visible_editor (data) != NULL;
}

/* Scrolls the editor's page to its end, for a look at the lower groups. */
static void
scroll_to_end (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_SCROLLED_WINDOW (c))
        {
          GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (c));

          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
          return;
        }
      scroll_to_end (c);
    }
}

static gboolean
editor_gone (gpointer data)
{
  return visible_editor (data) == NULL;
}

static void
go_back (GtkWindow *prefs)
{
  g_signal_emit_by_name (child (visible_editor (prefs), EASEL_TYPE_PROFILE_EDITOR, "back_button"),
                         "clicked");
  easel_test_wait_until (editor_gone, prefs, "the gateway editor to close");
}

static void
assert_no_key_in_settings (EaselProfile *profile)
{
  g_autofree char *path = g_strdup_printf ("/io/github/easelapp/Easel/profiles/%s/",
                                           easel_profile_get_id (profile));
  g_autoptr(GSettings) settings = g_settings_new_with_path ("io.github.easelapp.Easel.Profile",
                                                            path);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i]; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, KEY));
    }
}

static void
test_add_edit_remove (void)
{
  EaselProfileStore *store = easel_application_get_profile_store (app);
  GtkWindow *prefs;
  GtkWidget *editor, *list;
  EaselProfile *profile;
  g_autofree char *key = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (easel_profile_store_get_profiles (store)), ==, 0);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = easel_test_find_window (EASEL_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  gtk_window_set_default_size (prefs, 640, 640);
  easel_test_wait_for_frame (GTK_WIDGET (prefs));
  g_free (easel_test_save_screenshot (GTK_WIDGET (prefs), "preferences-empty"));

  /* Add from the OpenAI preset, as the Add menu does. */
  gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-preset", "s", "openai");
  g_assert_cmpuint (g_list_model_get_n_items (easel_profile_store_get_profiles (store)), ==, 1);
  profile = g_list_model_get_item (easel_profile_store_get_profiles (store), 0);
  g_object_unref (profile);
  g_assert_cmpstr (easel_profile_get_preset_id (profile), ==, "openai");
  easel_test_wait_until (editor_shown, prefs, "the gateway editor");
  editor = visible_editor (prefs);

  /* Paste the key and apply: it goes to the keyring, and out of the entry. */
  {
    GtkWidget *key_row = child (editor, EASEL_TYPE_PROFILE_EDITOR, "key_row");

    GtkWidget *status_row = child (editor, EASEL_TYPE_PROFILE_EDITOR, "key_status_row");

    gtk_editable_set_text (GTK_EDITABLE (key_row), KEY);
    g_signal_emit_by_name (key_row, "apply");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_row)), ==, "");
    easel_test_wait_until (key_stored_shown, status_row, "the key to be stored");
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (status_row)), ==,
                     "A key is stored in the keyring");
  }
  key = lookup_key (easel_profile_get_id (profile));
  g_assert_cmpstr (key, ==, KEY);
  assert_no_key_in_settings (profile);

  /* A bad base URL is refused with the rule; a good one is kept. */
  {
    GtkWidget *url_row = child (editor, EASEL_TYPE_PROFILE_EDITOR, "base_url_row");
    GtkWidget *error_label = child (editor, EASEL_TYPE_PROFILE_EDITOR, "base_url_error");

    gtk_editable_set_text (GTK_EDITABLE (url_row), "http://gateway.example/v1");
    g_signal_emit_by_name (url_row, "apply");
    g_assert_true (gtk_widget_get_visible (error_label));
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "http://"));
    g_assert_cmpstr (easel_profile_get_base_url (profile), ==, "https://api.openai.com/v1");

    gtk_editable_set_text (GTK_EDITABLE (url_row), "https://proxy.example/v1/");
    g_signal_emit_by_name (url_row, "apply");
    g_assert_false (gtk_widget_get_visible (error_label));
    g_assert_cmpstr (easel_profile_get_base_url (profile), ==, "https://proxy.example/v1");
  }

  /* Name and limits write through to the profile. */
  gtk_editable_set_text (GTK_EDITABLE (child (editor, EASEL_TYPE_PROFILE_EDITOR, "name_row")),
                         "Studio OpenAI");
  g_assert_cmpstr (easel_profile_get_name (profile), ==, "Studio OpenAI");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (editor, EASEL_TYPE_PROFILE_EDITOR,
                                                     "max_n_spin")), 4);
  g_assert_cmpuint (easel_profile_get_limits (profile)->max_n, ==, 4);

  easel_test_wait_for_frame (GTK_WIDGET (prefs));
  g_free (easel_test_save_screenshot (GTK_WIDGET (prefs), "preferences-gateway"));
  scroll_to_end (editor);
  easel_test_wait_for_frame (GTK_WIDGET (prefs));
  g_free (easel_test_save_screenshot (GTK_WIDGET (prefs), "preferences-gateway-end"));
  easel_settings_set_color_scheme (easel_application_get_settings (app), EASEL_COLOR_SCHEME_DARK);
  easel_test_wait_for_frame (GTK_WIDGET (prefs));
  g_free (easel_test_save_screenshot (GTK_WIDGET (prefs), "preferences-gateway-dark"));
  easel_settings_set_color_scheme (easel_application_get_settings (app), EASEL_COLOR_SCHEME_LIGHT);

  /* Back to the list: the row shows the new name. */
  go_back (prefs);
  gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-preset", "s", "yycode");
  easel_test_wait_until (editor_shown, prefs, "the gateway editor");
  go_back (prefs);
  list = child (prefs, EASEL_TYPE_PREFERENCES_WINDOW, "profiles_list");
  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                     "Studio OpenAI");
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Default"));
    g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  }
  easel_test_wait_for_frame (GTK_WIDGET (prefs));
  g_free (easel_test_save_screenshot (GTK_WIDGET (prefs), "preferences-gateways"));
  gtk_window_set_default_size (prefs, 360, 640);
  easel_test_wait_for_frame (GTK_WIDGET (prefs));
  g_free (easel_test_save_screenshot (GTK_WIDGET (prefs), "preferences-gateways-narrow"));
  gtk_window_set_default_size (prefs, 640, 640);

  /* Remove from its editor, then undo from the toast. */
  g_signal_emit_by_name (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0), "activate");
  easel_test_wait_until (editor_shown, prefs, "the gateway editor");
  g_signal_emit_by_name (visible_editor (prefs), "remove-requested");
  g_assert_cmpuint (g_list_model_get_n_items (easel_profile_store_get_profiles (store)), ==, 1);
  g_assert_null (easel_profile_store_lookup (store, easel_profile_get_id (profile)));

  /* While undo is possible the key stays; once the toast is gone with the
   * window, the key goes too. */
  {
    g_autofree char *id = g_strdup (easel_profile_get_id (profile));
    g_autofree char *still = lookup_key (id);
    g_autofree char *gone = NULL;

    g_assert_cmpstr (still, ==, KEY);
    gtk_window_destroy (prefs);
    for (int i = 0; i < 50; i++)
      g_main_context_iteration (NULL, FALSE);
    gone = lookup_key (id);
    g_assert_cmpstr (gone, ==, "");
  }
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;
      if ((found = find_descendant (c, type)) != NULL)
        return found;
    }

  return NULL;
}

static void
test_add_custom (void)
{
  EaselProfileStore *store = easel_application_get_profile_store (app);
  guint before = g_list_model_get_n_items (easel_profile_store_get_profiles (store));
  GtkWindow *prefs, *dialog;
  GtkWidget *entry, *dropdown;
  EaselProfile *added;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = easel_test_find_window (EASEL_TYPE_PREFERENCES_WINDOW);
  easel_test_wait_for_frame (GTK_WIDGET (prefs));
  gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-custom", NULL);
  dialog = easel_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == prefs);
  entry = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  dropdown = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (entry);
  g_assert_nonnull (dropdown);

  /* Nothing to add until the address is usable, and the rule is shown. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "http://gateway.example/v1");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "https://gateway.example/api");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 2);
  easel_test_wait_for_frame (GTK_WIDGET (dialog));
  g_free (easel_test_save_screenshot (GTK_WIDGET (dialog), "preferences-custom-gateway"));

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  g_assert_cmpuint (g_list_model_get_n_items (easel_profile_store_get_profiles (store)), ==,
                    before + 1);
  added = g_list_model_get_item (easel_profile_store_get_profiles (store), before);
  g_object_unref (added);
  g_assert_cmpint (easel_profile_get_dialect (added), ==, EASEL_DIALECT_YYCODE);
  g_assert_null (easel_profile_get_preset_id (added));
  g_assert_cmpstr (easel_profile_get_base_url (added), ==, "https://gateway.example/api");
  easel_test_wait_until (editor_shown, prefs, "the new gateway's editor");

  gtk_window_destroy (prefs);
}

static void
test_key_in_no_file (void)
{
  /* No file under the session's HOME or XDG folders holds the key. */
  easel_test_assert_tree_lacks (g_get_home_dir (), KEY);
  easel_test_assert_tree_lacks (g_get_user_config_dir (), KEY);
  easel_test_assert_tree_lacks (g_get_user_data_dir (), KEY);
  easel_test_assert_tree_lacks (g_get_user_cache_dir (), KEY);
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

  g_test_init (&argc, &argv, NULL);
  g_free (easel_test_isolate_data_dir ());
  g_test_add_func ("/preferences/add-edit-remove", test_add_edit_remove);
  g_test_add_func ("/preferences/add-custom", test_add_custom);
  /* After the flows above: the key went to the keyring and nowhere else. */
  g_test_add_func ("/preferences/key-in-no-file", test_key_in_no_file);

  app = easel_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);

  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, app_argv), ==, 0);
  g_assert_finalize_object (app);

  return status;
}
