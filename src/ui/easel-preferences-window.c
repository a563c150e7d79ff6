/* easel-preferences-window.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Preferences: the gateways (add from a preset or by hand, edit, test,
 * make default, remove with undo) and the app's style. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-preferences-window.h"
#include "easel-profile-editor.h"

struct _EaselPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  EaselApplication     *application;
  EaselSettings        *settings;
  EaselProfileStore    *store;
  EaselSecrets         *secrets;

  /* Template widgets */
  AdwPreferencesGroup  *keyring_group;
  AdwPreferencesGroup  *gateways_group;
  GtkListBox           *profiles_list;
  AdwComboRow          *style_row;
  AdwActionRow         *save_folder_row;
  GtkSwitch            *ask_switch;
  GtkSwitch            *notify_switch;
};

G_DEFINE_FINAL_TYPE (EaselPreferencesWindow, easel_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

/* The Style row lists the EaselColorScheme values in enum order, so the
 * row's position and the enum value are the same number. */
static gboolean
scheme_to_position (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      user_data)
{
  g_value_set_uint (to, (guint) g_value_get_enum (from));
  return TRUE;
}

static gboolean
position_to_scheme (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      user_data)
{
  guint position = g_value_get_uint (from);

  if (position > EASEL_COLOR_SCHEME_DARK)
    return FALSE;

  g_value_set_enum (to, (int) position);
  return TRUE;
}

/* --- The list of gateways ----------------------------------------------- */

static char *
describe_profile (EaselPreferencesWindow *self,
                  EaselProfile           *profile)
{
  const char *preset = easel_profile_get_preset_id (profile);
  const char *kind = preset ? easel_profile_preset_name (preset) : _("Custom");
  gboolean is_default = easel_profile_store_get_default (self->store) == profile;

  if (is_default)
    /* Translators: a gateway's subtitle: its kind, its host, and that it is the default. */
    return g_strdup_printf (_("%s · %s · Default"), kind, easel_profile_get_host (profile));

  return g_strdup_printf ("%s · %s", kind, easel_profile_get_host (profile));
}

static void
update_row (AdwActionRow *row)
{
  EaselPreferencesWindow *self = g_object_get_data (G_OBJECT (row), "window");
  EaselProfile *profile = g_object_get_data (G_OBJECT (row), "profile");
  g_autofree char *subtitle = describe_profile (self, profile);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), easel_profile_get_name (profile));
  adw_action_row_set_subtitle (row, subtitle);
}

static void
update_rows (EaselPreferencesWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->profiles_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ACTION_ROW (child) && g_object_get_data (G_OBJECT (child), "profile"))
        update_row (ADW_ACTION_ROW (child));
    }
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  EaselPreferencesWindow *self = user_data;
  EaselProfile *profile = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  g_object_set_data (G_OBJECT (row), "window", self);
  g_object_set_data_full (G_OBJECT (row), "profile", g_object_ref (profile), g_object_unref);
  g_signal_connect_object (profile, "changed", G_CALLBACK (update_row), row,
                           G_CONNECT_SWAPPED);
  update_row (ADW_ACTION_ROW (row));

  return row;
}

static void
on_remove_requested (EaselPreferencesWindow *self,
                     EaselProfileEditor     *editor);

void
easel_preferences_window_edit_profile (EaselPreferencesWindow *self,
                                       EaselProfile           *profile)
{
  EaselProfileEditor *editor;

  g_return_if_fail (EASEL_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (EASEL_IS_PROFILE (profile));

  editor = easel_profile_editor_new (profile, self->store, self->secrets,
                                     easel_application_get_client (self->application));
  g_signal_connect_object (editor, "remove-requested", G_CALLBACK (on_remove_requested), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (self), GTK_WIDGET (editor));
}

static void
on_row_activated (EaselPreferencesWindow *self,
                  GtkListBoxRow          *row)
{
  EaselProfile *profile = g_object_get_data (G_OBJECT (row), "profile");

  if (profile != NULL)
    easel_preferences_window_edit_profile (self, profile);
}

/* --- Removing with undo --------------------------------------------------- */

/* A removal that can still be undone. It holds what undo and the final
 * clean-up need, not the window, so closing Preferences with a toast still
 * showing frees everything. */
typedef struct
{
  EaselProfileStore *store;
  EaselSecrets      *secrets;
  EaselProfile      *profile;
  guint              position;
  gboolean           undone;
} Removal;

static void
on_key_cleared (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!easel_secrets_clear_finish (EASEL_SECRETS (object), result, &error))
    g_warning ("Could not remove a removed gateway’s key from the keyring: %s", error->message);
}

/* Runs when the toast is gone for good (dismissed, timed out, or its
 * window closed): only then is the key deleted, as undo is no longer
 * possible. */
static void
removal_free (Removal *removal)
{
  if (!removal->undone)
    easel_secrets_clear_async (removal->secrets, easel_profile_get_id (removal->profile),
                               NULL, on_key_cleared, NULL);

  g_object_unref (removal->store);
  g_object_unref (removal->secrets);
  g_object_unref (removal->profile);
  g_free (removal);
}

static void
on_undo (AdwToast *toast,
         Removal  *removal)
{
  removal->undone = TRUE;
  easel_profile_store_restore (removal->store, removal->profile, removal->position);
}

static void
on_remove_requested (EaselPreferencesWindow *self,
                     EaselProfileEditor     *editor)
{
  EaselProfile *profile = easel_profile_editor_get_profile (editor);
  g_autofree char *title = NULL;
  Removal *removal;
  AdwToast *toast;

  removal = g_new0 (Removal, 1);
  removal->store = g_object_ref (self->store);
  removal->secrets = g_object_ref (self->secrets);
  removal->profile = g_object_ref (profile);
  removal->position = easel_profile_store_remove (self->store, easel_profile_get_id (profile));

  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));

  /* Translators: %s is a gateway's name. */
  title = g_strdup_printf (_("“%s” removed"), easel_profile_get_name (profile));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo), removal,
                         (GClosureNotify) (void (*) (void)) removal_free, 0);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

/* --- Adding ---------------------------------------------------------------- */

static void
add_preset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EaselPreferencesWindow *self = EASEL_PREFERENCES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  EaselProfile *profile;

  profile = easel_profile_store_add_preset (self->store, g_variant_get_string (parameter, NULL),
                                            &error);
  if (profile == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (error->message));
      return;
    }

  easel_preferences_window_edit_profile (self, profile);
}

typedef struct
{
  EaselPreferencesWindow *self;
  GtkDropDown            *protocol;
  GtkEntry               *url;
  GtkLabel               *problem;
} CustomDialog;

static const EaselDialectKind custom_dialects[] = {
  EASEL_DIALECT_OPENAI, EASEL_DIALECT_ICODEEASY, EASEL_DIALECT_YYCODE, EASEL_DIALECT_AIZFW,
};

static void
on_custom_url_changed (AdwMessageDialog *dialog,
                       GParamSpec       *pspec,
                       GtkEntry         *entry)
{
  CustomDialog *data = g_object_get_data (G_OBJECT (dialog), "data");
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  gboolean ok = easel_base_url_check (text, &error);

  adw_message_dialog_set_response_enabled (dialog, "add", ok);
  gtk_label_set_label (data->problem, ok || *text == '\0' ? "" : error->message);
}

static void
on_custom_response (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  CustomDialog *data = g_object_get_data (G_OBJECT (dialog), "data");
  EaselPreferencesWindow *self = data->self;
  g_autoptr(GError) error = NULL;
  guint selected;
  EaselProfile *profile;

  if (g_strcmp0 (response, "add") != 0)
    return;

  selected = gtk_drop_down_get_selected (data->protocol);
  profile = easel_profile_store_add_custom (self->store,
                                            custom_dialects[MIN (selected,
                                                                 G_N_ELEMENTS (custom_dialects) - 1)],
                                            gtk_editable_get_text (GTK_EDITABLE (data->url)),
                                            &error);
  if (profile == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (error->message));
      return;
    }

  easel_preferences_window_edit_profile (self, profile);
}

static void
add_custom_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EaselPreferencesWindow *self = EASEL_PREFERENCES_WINDOW (widget);
  const char *protocols[] = {
    N_("OpenAI Images API"), N_("OpenAI-compatible with tasks (icodeeasy)"),
    N_("Job API (YYCode)"), N_("Task API (aizfw)"), NULL
  };
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *dialog, *box;
  CustomDialog *data;

  for (guint i = 0; protocols[i] != NULL; i++)
    gtk_string_list_append (names, _(protocols[i]));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Add a Custom Gateway"),
                                   _("Choose the protocol the gateway speaks and enter its API "
                                     "address, for example https://api.example.com/v1."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);

  data = g_new0 (CustomDialog, 1);
  data->self = self;
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  data->protocol = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->protocol),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Protocol"), -1);
  data->url = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (data->url, "https://api.example.com/v1");
  gtk_entry_set_input_purpose (data->url, GTK_INPUT_PURPOSE_URL);
  gtk_entry_set_activates_default (data->url, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->url),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Base URL"), -1);
  data->problem = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_wrap (data->problem, TRUE);
  gtk_label_set_xalign (data->problem, 0);
  gtk_widget_add_css_class (GTK_WIDGET (data->problem), "error");
  gtk_widget_add_css_class (GTK_WIDGET (data->problem), "caption");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (data->protocol));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (data->url));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (data->problem));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data_full (G_OBJECT (dialog), "data", data, g_free);

  g_signal_connect_swapped (data->url, "notify::text", G_CALLBACK (on_custom_url_changed), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_custom_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- GObject --------------------------------------------------------------- */

static void
on_persistent_changed (EaselPreferencesWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_group),
                          !easel_secrets_get_persistent (self->secrets));
}

static GtkWidget *
create_placeholder (void)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No gateways yet"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Add one with the Add button: pick your gateway from the "
                                 "presets, then paste its API key."));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

/* --- Saving ------------------------------------------------------------------ */

/* The folder as a person reads it: "~/Pictures/Easel". */
static void
update_save_folder (EaselPreferencesWindow *self)
{
  g_autofree char *path = easel_settings_get_save_folder (self->settings);
  g_autofree char *shown = NULL;
  const char *home = g_get_home_dir ();

  if (g_str_has_prefix (path, home) && (path[strlen (home)] == '/' || path[strlen (home)] == '\0'))
    shown = g_strconcat ("~", path + strlen (home), NULL);
  else
    shown = g_strdup (path);
  adw_action_row_set_subtitle (self->save_folder_row, shown);
}

static void
on_save_folder_chosen (GtkNativeDialog        *dialog,
                       int                     response,
                       EaselPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = folder != NULL ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        easel_settings_set_save_folder (self->settings, path);
    }
  g_object_unref (dialog);
}

static void
choose_save_folder_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  EaselPreferencesWindow *self = EASEL_PREFERENCES_WINDOW (widget);
  g_autofree char *path = easel_settings_get_save_folder (self->settings);
  g_autoptr(GFile) current = g_file_new_for_path (path);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Choose the Save Folder"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  if (g_file_query_exists (current, NULL))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), current, NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_folder_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
easel_preferences_window_dispose (GObject *object)
{
  EaselPreferencesWindow *self = EASEL_PREFERENCES_WINDOW (object);

  if (self->secrets != NULL)
    g_signal_handlers_disconnect_by_data (self->secrets, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  /* The store outlives the window: stop it from making rows for us. */
  if (self->profiles_list != NULL)
    g_object_bind_property (self->settings, "ask-where-to-save", self->ask_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->settings, "notify-on-completion", self->notify_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->settings, "notify::save-folder", G_CALLBACK (update_save_folder),
                           self, G_CONNECT_SWAPPED);
  update_save_folder (self);

  gtk_list_box_bind_model (self->profiles_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), EASEL_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->application);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->secrets);

  G_OBJECT_CLASS (easel_preferences_window_parent_class)->dispose (object);
}

static void
easel_preferences_window_class_init (EaselPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = easel_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/easel-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselPreferencesWindow, keyring_group);
  gtk_widget_class_bind_template_child (widget_class, EaselPreferencesWindow, gateways_group);
  gtk_widget_class_bind_template_child (widget_class, EaselPreferencesWindow, profiles_list);
  gtk_widget_class_bind_template_child (widget_class, EaselPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, EaselPreferencesWindow, save_folder_row);
  gtk_widget_class_bind_template_child (widget_class, EaselPreferencesWindow, ask_switch);
  gtk_widget_class_bind_template_child (widget_class, EaselPreferencesWindow, notify_switch);
  gtk_widget_class_install_action (widget_class, "prefs.choose-save-folder", NULL,
                                   choose_save_folder_action);

  gtk_widget_class_install_action (widget_class, "prefs.add-preset", "s", add_preset_action);
  gtk_widget_class_install_action (widget_class, "prefs.add-custom", NULL, add_custom_action);
}

static void
easel_preferences_window_init (EaselPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * easel_preferences_window_new:
 * @application: the #EaselApplication
 *
 * Returns: (transfer full): a new Preferences window
 */
EaselPreferencesWindow *
easel_preferences_window_new (EaselApplication *application)
{
  EaselPreferencesWindow *self;

  g_return_val_if_fail (EASEL_IS_APPLICATION (application), NULL);

  self = g_object_new (EASEL_TYPE_PREFERENCES_WINDOW, NULL);
  self->application = g_object_ref (application);
  self->settings = g_object_ref (easel_application_get_settings (application));
  self->store = g_object_ref (easel_application_get_profile_store (application));
  self->secrets = g_object_ref (easel_application_get_secrets (application));

  g_object_bind_property_full (self->settings, "color-scheme",
                               self->style_row, "selected",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               scheme_to_position, position_to_scheme, NULL, NULL);

  g_object_bind_property (self->settings, "ask-where-to-save", self->ask_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->settings, "notify-on-completion", self->notify_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->settings, "notify::save-folder", G_CALLBACK (update_save_folder),
                           self, G_CONNECT_SWAPPED);
  update_save_folder (self);

  gtk_list_box_bind_model (self->profiles_list,
                           easel_profile_store_get_profiles (self->store),
                           create_row, self, NULL);
  gtk_list_box_set_placeholder (self->profiles_list, create_placeholder ());
  g_signal_connect_object (self->profiles_list, "row-activated", G_CALLBACK (on_row_activated),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::default-profile", G_CALLBACK (update_rows),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->secrets, "notify::persistent",
                           G_CALLBACK (on_persistent_changed), self, G_CONNECT_SWAPPED);
  on_persistent_changed (self);

  return self;
}
