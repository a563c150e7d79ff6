/* easel-profile-editor.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The page of Preferences for one gateway: its address, model and key,
 * a connection test, its limits and prices. Every change is written to
 * the profile at once (the store saves it); the key goes only to the
 * keyring, and the entry is cleared as soon as it is stored. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-connection-check.h"
#include "easel-error.h"
#include "easel-profile-editor.h"

struct _EaselProfileEditor
{
  GtkWidget          parent_instance;

  EaselProfile      *profile;
  EaselProfileStore *store;
  EaselSecrets      *secrets;
  EaselClient       *client;
  GCancellable      *cancellable;
  gboolean           updating;

  /* Template widgets */
  GtkButton         *back_button;
  AdwWindowTitle    *window_title;
  AdwEntryRow       *name_row;
  AdwEntryRow       *base_url_row;
  AdwEntryRow       *model_row;
  AdwActionRow      *protocol_row;
  GtkLabel          *base_url_error;
  AdwPasswordEntryRow *key_row;
  AdwActionRow      *key_status_row;
  AdwActionRow      *test_row;
  GtkSpinner        *test_spinner;
  GtkButton         *test_button;
  GtkSpinButton     *max_n_spin;
  GtkSpinButton     *max_references_spin;
  GtkSwitch         *mask_switch;
  GtkSpinButton     *concurrency_spin;
  AdwPreferencesGroup *prices_group;
  AdwEntryRow       *currency_row;
  GtkSpinButton     *price_low_spin;
  GtkSpinButton     *price_medium_spin;
  GtkSpinButton     *price_high_spin;
  GtkButton         *default_button;
  GtkButton         *remove_button;
};

G_DEFINE_FINAL_TYPE (EaselProfileEditor, easel_profile_editor, GTK_TYPE_WIDGET)

enum {
  REMOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
dialect_label (EaselDialectKind kind)
{
  switch (kind)
    {
    case EASEL_DIALECT_OPENAI: return _("OpenAI Images API");
    case EASEL_DIALECT_ICODEEASY: return _("OpenAI-compatible with tasks (icodeeasy)");
    case EASEL_DIALECT_YYCODE: return _("Job API (YYCode)");
    case EASEL_DIALECT_AIZFW: return _("Task API (aizfw)");
    default: return "";
    }
}

/* The controls show the profile; while they are being set, their own
 * change handlers must not write back. */
static void
show_profile (EaselProfileEditor *self)
{
  const EaselProfileLimits *limits = easel_profile_get_limits (self->profile);
  const EaselProfilePricing *pricing = easel_profile_get_pricing (self->profile);

  self->updating = TRUE;

  adw_window_title_set_title (self->window_title, easel_profile_get_name (self->profile));
  adw_window_title_set_subtitle (self->window_title, easel_profile_get_host (self->profile));
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                 easel_profile_get_name (self->profile)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), easel_profile_get_name (self->profile));
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->model_row)),
                 easel_profile_get_model (self->profile)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->model_row), easel_profile_get_model (self->profile));
  adw_action_row_set_subtitle (self->protocol_row,
                               dialect_label (easel_profile_get_dialect (self->profile)));

  gtk_spin_button_set_value (self->max_n_spin, limits->max_n);
  gtk_spin_button_set_value (self->max_references_spin, limits->max_references);
  gtk_switch_set_active (self->mask_switch, limits->supports_mask);
  gtk_spin_button_set_value (self->concurrency_spin, easel_profile_get_concurrency (self->profile));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->currency_row)),
                 pricing->currency) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->currency_row), pricing->currency);
  gtk_spin_button_set_value (self->price_low_spin, pricing->square[EASEL_QUALITY_LOW]);
  gtk_spin_button_set_value (self->price_medium_spin, pricing->square[EASEL_QUALITY_MEDIUM]);
  gtk_spin_button_set_value (self->price_high_spin, pricing->square[EASEL_QUALITY_HIGH]);
  adw_preferences_group_set_description (
    self->prices_group,
    pricing->tokens_are_actual
      ? _("For 1024 × 1024 images; other sizes follow the gateway’s table. The tokens in each "
          "answer are the real bill.")
      : _("What the gateway charges per image; 0 when unknown. Used for the estimate before "
          "sending."));

  {
    EaselProfile *fallback = easel_profile_store_get_default (self->store);
    gboolean is_default = fallback == self->profile;

    gtk_widget_set_sensitive (GTK_WIDGET (self->default_button), !is_default);
    gtk_button_set_label (self->default_button,
                          is_default ? _("Default Gateway") : _("Use as _Default"));
  }

  self->updating = FALSE;
}

static void
on_name_changed (EaselProfileEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (self->updating)
    return;

  /* An empty name would leave the gateway unlabelled in every list. */
  if (*trimmed == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  easel_profile_set_name (self->profile, text);
}

static void
on_model_changed (EaselProfileEditor *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->model_row))));

  if (self->updating)
    return;

  if (*text == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->model_row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->model_row), "error");
  easel_profile_set_model (self->profile, text);
}

static void
on_base_url_apply (EaselProfileEditor *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->base_url_row))));
  g_autoptr(GError) error = NULL;

  if (!easel_profile_set_base_url (self->profile, text, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->base_url_row), "error");
      gtk_label_set_label (self->base_url_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->base_url_error), TRUE);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->base_url_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->base_url_error), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->base_url_row),
                         easel_profile_get_base_url (self->profile));
}

static void
on_base_url_changed (EaselProfileEditor *self)
{
  /* Typing clears an old complaint; the new text is checked on apply. */
  gtk_widget_remove_css_class (GTK_WIDGET (self->base_url_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->base_url_error), FALSE);
}

static void
show_key_status (EaselProfileEditor *self,
                 gboolean            stored)
{
  if (stored)
    adw_action_row_set_subtitle (self->key_status_row,
                                 easel_secrets_get_persistent (self->secrets)
                                   ? _("A key is stored in the keyring")
                                   : _("A key is kept until Easel quits (no keyring available)"));
  else
    adw_action_row_set_subtitle (self->key_status_row, _("No key yet: paste one above"));
}

static void
on_key_looked_up (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(EaselProfileEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = easel_secrets_lookup_finish (EASEL_SECRETS (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      adw_action_row_set_subtitle (self->key_status_row, error->message);
      return;
    }

  show_key_status (self, key != NULL);
  if (key != NULL)
    memset (key, 0, strlen (key));
}

static void
on_key_stored (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(EaselProfileEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!easel_secrets_store_finish (EASEL_SECRETS (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_action_row_set_subtitle (self->key_status_row, error->message);
      return;
    }

  show_key_status (self, TRUE);
}

static void
on_key_apply (EaselProfileEditor *self)
{
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row))));
  g_autofree char *label = NULL;

  /* Out of the entry at once: the key lives in the keyring, not a widget. */
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");

  if (*key == '\0')
    return;

  label = g_strdup_printf (_("Easel API key for %s"), easel_profile_get_name (self->profile));
  adw_action_row_set_subtitle (self->key_status_row, _("Storing…"));
  easel_secrets_store_async (self->secrets, easel_profile_get_id (self->profile), label, key,
                             self->cancellable, on_key_stored, g_object_ref (self));
  memset (key, 0, strlen (key));
}

static void
finish_test (EaselProfileEditor *self,
             const char         *icon,
             const char         *message)
{
  gtk_spinner_stop (self->test_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), TRUE);
  adw_action_row_set_subtitle (self->test_row, message);
  adw_action_row_set_icon_name (self->test_row, icon);
}

static void
on_checked (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(EaselProfileEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  EaselConnectionResult outcome;
  const char *icon;

  outcome = easel_connection_check_finish (result, &message, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        finish_test (self, "dialog-error-symbolic", error->message);
      return;
    }

  switch (outcome)
    {
    case EASEL_CONNECTION_WORKS:
      icon = "emblem-ok-symbolic";
      break;
    case EASEL_CONNECTION_UNVERIFIED:
      icon = "dialog-information-symbolic";
      break;
    default:
      icon = "dialog-warning-symbolic";
      break;
    }
  finish_test (self, icon, message);
}

static void
on_key_for_test (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EaselProfileEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = easel_secrets_lookup_finish (EASEL_SECRETS (object), result, &error);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        finish_test (self, "dialog-error-symbolic", error->message);
      return;
    }

  if (key == NULL)
    {
      finish_test (self, "dialog-warning-symbolic",
                   _("There is no key to test yet: paste the key above first."));
      return;
    }

  easel_connection_check_async (self->client, self->profile, key, self->cancellable, on_checked,
                                g_object_ref (self));
  memset (key, 0, strlen (key));
}

static void
on_test_clicked (EaselProfileEditor *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), TRUE);
  gtk_spinner_start (self->test_spinner);
  adw_action_row_set_icon_name (self->test_row, NULL);
  adw_action_row_set_subtitle (self->test_row, _("Testing…"));
  easel_secrets_lookup_async (self->secrets, easel_profile_get_id (self->profile),
                              self->cancellable, on_key_for_test, g_object_ref (self));
}

static void
on_limits_changed (EaselProfileEditor *self)
{
  EaselProfileLimits limits;

  if (self->updating)
    return;

  limits = *easel_profile_get_limits (self->profile);
  limits.max_n = gtk_spin_button_get_value_as_int (self->max_n_spin);
  limits.max_references = gtk_spin_button_get_value_as_int (self->max_references_spin);
  limits.supports_mask = gtk_switch_get_active (self->mask_switch);
  easel_profile_set_limits (self->profile, &limits);
  easel_profile_set_concurrency (self->profile,
                                 gtk_spin_button_get_value_as_int (self->concurrency_spin));
}

static void
on_prices_changed (EaselProfileEditor *self)
{
  EaselProfilePricing pricing;
  const char *currency;
  double low, medium, high;

  if (self->updating)
    return;

  pricing = *easel_profile_get_pricing (self->profile);
  currency = gtk_editable_get_text (GTK_EDITABLE (self->currency_row));
  memset (pricing.currency, 0, sizeof pricing.currency);
  g_strlcpy (pricing.currency, currency, sizeof pricing.currency);

  low = gtk_spin_button_get_value (self->price_low_spin);
  medium = gtk_spin_button_get_value (self->price_medium_spin);
  high = gtk_spin_button_get_value (self->price_high_spin);
  pricing.square[EASEL_QUALITY_LOW] = low;
  pricing.square[EASEL_QUALITY_MEDIUM] = medium;
  pricing.square[EASEL_QUALITY_AUTO] = medium;
  pricing.square[EASEL_QUALITY_HIGH] = high;
  /* Per-image gateways charge the same whatever the size. */
  if (!pricing.tokens_are_actual)
    memcpy (pricing.other, pricing.square, sizeof pricing.other);

  easel_profile_set_pricing (self->profile, &pricing);
}

static void
on_default_clicked (EaselProfileEditor *self)
{
  easel_profile_store_set_default (self->store, easel_profile_get_id (self->profile));
  show_profile (self);
}

static void
on_remove_clicked (EaselProfileEditor *self)
{
  g_signal_emit (self, signals[REMOVE_REQUESTED], 0);
}

static void
on_back_clicked (EaselProfileEditor *self)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);

  if (window != NULL)
    adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (window));
}

static void
easel_profile_editor_dispose (GObject *object)
{
  EaselProfileEditor *self = EASEL_PROFILE_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  if (self->profile != NULL)
    g_signal_handlers_disconnect_by_data (self->profile, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), EASEL_TYPE_PROFILE_EDITOR);
  {
    GtkWidget *child;

    /* The page's own box is not a bound template child, so it is ours to
     * unparent. */
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->profile);
  g_clear_object (&self->store);
  g_clear_object (&self->secrets);
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (easel_profile_editor_parent_class)->dispose (object);
}

static void
easel_profile_editor_class_init (EaselProfileEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = easel_profile_editor_dispose;

  /**
   * EaselProfileEditor::remove-requested:
   *
   * The user asked to remove this gateway; the window removes it with an
   * undo toast.
   */
  signals[REMOVE_REQUESTED] = g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/easel-profile-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, EaselProfileEditor, name)
  BIND (back_button);
  BIND (window_title);
  BIND (name_row);
  BIND (base_url_row);
  BIND (model_row);
  BIND (protocol_row);
  BIND (base_url_error);
  BIND (key_row);
  BIND (key_status_row);
  BIND (test_row);
  BIND (test_spinner);
  BIND (test_button);
  BIND (max_n_spin);
  BIND (max_references_spin);
  BIND (mask_switch);
  BIND (concurrency_spin);
  BIND (prices_group);
  BIND (currency_row);
  BIND (price_low_spin);
  BIND (price_medium_spin);
  BIND (price_high_spin);
  BIND (default_button);
  BIND (remove_button);
#undef BIND
}

static void
easel_profile_editor_init (EaselProfileEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * easel_profile_editor_new:
 * @profile: the profile to edit
 * @store: the store it belongs to
 * @secrets: where its key is kept
 * @client: for the connection test
 *
 * Returns: (transfer full): a new editor page
 */
EaselProfileEditor *
easel_profile_editor_new (EaselProfile      *profile,
                          EaselProfileStore *store,
                          EaselSecrets      *secrets,
                          EaselClient       *client)
{
  EaselProfileEditor *self;

  g_return_val_if_fail (EASEL_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (EASEL_IS_PROFILE_STORE (store), NULL);
  g_return_val_if_fail (EASEL_IS_SECRETS (secrets), NULL);
  g_return_val_if_fail (EASEL_IS_CLIENT (client), NULL);

  self = g_object_new (EASEL_TYPE_PROFILE_EDITOR, NULL);
  self->profile = g_object_ref (profile);
  self->store = g_object_ref (store);
  self->secrets = g_object_ref (secrets);
  self->client = g_object_ref (client);

  gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), easel_profile_get_base_url (profile));
  show_profile (self);

  g_signal_connect_swapped (profile, "changed", G_CALLBACK (show_profile), self);
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (on_back_clicked), self);
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (on_name_changed), self);
  g_signal_connect_swapped (self->model_row, "changed", G_CALLBACK (on_model_changed), self);
  g_signal_connect_swapped (self->base_url_row, "apply", G_CALLBACK (on_base_url_apply), self);
  g_signal_connect_swapped (self->base_url_row, "changed", G_CALLBACK (on_base_url_changed), self);
  g_signal_connect_swapped (self->key_row, "apply", G_CALLBACK (on_key_apply), self);
  g_signal_connect_swapped (self->test_button, "clicked", G_CALLBACK (on_test_clicked), self);
  g_signal_connect_swapped (self->max_n_spin, "value-changed", G_CALLBACK (on_limits_changed), self);
  g_signal_connect_swapped (self->max_references_spin, "value-changed",
                            G_CALLBACK (on_limits_changed), self);
  g_signal_connect_swapped (self->mask_switch, "notify::active", G_CALLBACK (on_limits_changed),
                            self);
  g_signal_connect_swapped (self->concurrency_spin, "value-changed",
                            G_CALLBACK (on_limits_changed), self);
  g_signal_connect_swapped (self->currency_row, "changed", G_CALLBACK (on_prices_changed), self);
  g_signal_connect_swapped (self->price_low_spin, "value-changed", G_CALLBACK (on_prices_changed),
                            self);
  g_signal_connect_swapped (self->price_medium_spin, "value-changed",
                            G_CALLBACK (on_prices_changed), self);
  g_signal_connect_swapped (self->price_high_spin, "value-changed",
                            G_CALLBACK (on_prices_changed), self);
  g_signal_connect_swapped (self->default_button, "clicked", G_CALLBACK (on_default_clicked), self);
  g_signal_connect_swapped (self->remove_button, "clicked", G_CALLBACK (on_remove_clicked), self);

  adw_action_row_set_subtitle (self->key_status_row, _("Looking in the keyring…"));
  easel_secrets_lookup_async (secrets, easel_profile_get_id (profile), self->cancellable,
                              on_key_looked_up, g_object_ref (self));

  return self;
}

EaselProfile *
easel_profile_editor_get_profile (EaselProfileEditor *self)
{
  g_return_val_if_fail (EASEL_IS_PROFILE_EDITOR (self), NULL);
  return self->profile;
}
