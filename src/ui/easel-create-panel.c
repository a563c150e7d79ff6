/* easel-create-panel.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The panel never keeps a request of its own: the controls are the state,
 * and a request is built from them whenever something changes, checked
 * against the profile, and priced. That keeps what is shown and what would
 * be sent from drifting apart. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-create-panel-private.h"
#include "easel-pricing.h"
#include "easel-size.h"



G_DEFINE_FINAL_TYPE (EaselCreatePanel, easel_create_panel, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PROFILE_STORE,
  PROP_PROFILE,
  PROP_CAN_GENERATE,
  PROP_PROBLEM,
  PROP_ESTIMATE,
  N_PROPS
};

enum {
  SIGNAL_GENERATE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


static void
on_profile_changed (EaselCreatePanel *self)
{
  easel_create_panel_shape_controls (self);
  easel_create_panel_check (self);
}

EaselProfile *
easel_create_panel_get_profile (EaselCreatePanel *self)
{
  g_return_val_if_fail (EASEL_IS_CREATE_PANEL (self), NULL);

  return self->profile;
}

static guint
profile_position (EaselCreatePanel *self,
                  EaselProfile     *profile)
{
  GListModel *profiles = easel_profile_store_get_profiles (self->store);
  guint n = g_list_model_get_n_items (profiles);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EaselProfile) item = g_list_model_get_item (profiles, i);

      if (item == profile)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

void
easel_create_panel_set_profile (EaselCreatePanel *self,
                                EaselProfile     *profile)
{
  guint position;

  g_return_if_fail (EASEL_IS_CREATE_PANEL (self));
  g_return_if_fail (profile == NULL || EASEL_IS_PROFILE (profile));

  if (self->profile == profile)
    return;

  g_clear_signal_handler (&self->profile_changed_id, self->profile);
  g_set_object (&self->profile, profile);
  if (profile != NULL)
    self->profile_changed_id = g_signal_connect_swapped (profile, "changed",
                                                         G_CALLBACK (on_profile_changed), self);

  position = profile != NULL ? profile_position (self, profile) : GTK_INVALID_LIST_POSITION;
  if (adw_combo_row_get_selected (self->profile_row) != position)
    adw_combo_row_set_selected (self->profile_row, position);

  on_profile_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

static void
on_profile_selected (EaselCreatePanel *self)
{
  EaselProfile *profile = adw_combo_row_get_selected_item (self->profile_row);

  easel_create_panel_set_profile (self, profile);
}

static void
on_profiles_changed (EaselCreatePanel *self)
{
  /* The chosen gateway was removed (or there was none): fall back to the
   * default, which the store keeps valid. */
  if (self->profile == NULL || profile_position (self, self->profile) == GTK_INVALID_LIST_POSITION)
    easel_create_panel_set_profile (self, easel_profile_store_get_default (self->store));
  else if (adw_combo_row_get_selected (self->profile_row) !=
           profile_position (self, self->profile))
    adw_combo_row_set_selected (self->profile_row, profile_position (self, self->profile));
}

/* --- checking and pricing ------------------------------------------------ */

static void
set_string (char       **field,
            const char  *value,
            GObject     *object,
            GParamSpec  *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (object, pspec);
}

static void
update_counter (EaselCreatePanel *self,
                const char       *prompt)
{
  guint max = self->profile != NULL ? easel_profile_get_limits (self->profile)->max_prompt_chars
                                    : EASEL_MAX_PROMPT_CHARS;
  glong length = g_utf8_strlen (prompt, -1);
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;

  /* Translators: characters typed / the gateway's limit, e.g. "21 / 32000". */
  text = g_strdup_printf (_("%ld / %u"), length, max);
  gtk_label_set_text (self->counter_label, text);
  if (length > (glong) max)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "dim-label");
    }

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%ld of at most %u character",
                                              "%ld of at most %u characters", max),
                                 length, max);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->counter_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
}

static void
update_size_problem (EaselCreatePanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  EaselSizeRules rules;
  gboolean custom = easel_create_panel_custom_size_chosen (self);

  gtk_widget_set_visible (GTK_WIDGET (self->custom_row), custom);
  if (!custom || self->profile == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->size_problem_label), FALSE);
      return;
    }

  rules = easel_profile_get_dialect (self->profile) == EASEL_DIALECT_YYCODE
            ? EASEL_SIZE_RULES_YYCODE : EASEL_SIZE_RULES_OPENAI;
  size = easel_create_panel_read_size (self);
  easel_size_check_text (size, rules, &error);
  gtk_widget_set_visible (GTK_WIDGET (self->size_problem_label), error != NULL);
  if (error != NULL)
    gtk_label_set_text (self->size_problem_label, error->message);
}

static void
update_estimate (EaselCreatePanel *self,
                 EaselRequest     *request)
{
  g_autofree char *text = NULL;
  double amount;

  if (self->profile != NULL && easel_pricing_estimate (self->profile, request, &amount))
    {
      const EaselProfilePricing *pricing = easel_profile_get_pricing (self->profile);
      g_autofree char *price = easel_pricing_format (amount, pricing->currency);
      guint n = easel_request_get_n (request);

      /* Translators: a cost estimate, e.g. "≈ $0.041 for 1 image". */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "≈ %s for %u image",
                                           "≈ %s for %u images", n),
                              price, n);
      gtk_widget_remove_css_class (GTK_WIDGET (self->cost_label), "dim-label");
    }
  else
    {
      text = g_strdup (_("No prices set for this gateway; add them in Preferences to see "
                         "what a request costs"));
      gtk_widget_add_css_class (GTK_WIDGET (self->cost_label), "dim-label");
    }

  gtk_label_set_text (self->cost_label, text);
  set_string (&self->estimate, text, G_OBJECT (self), properties[PROP_ESTIMATE]);
}

void
easel_create_panel_check (EaselCreatePanel *self)
{
  g_autoptr(EaselRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  gboolean empty_prompt;
  gboolean waiting = FALSE;
  gboolean compressible;
  gboolean can;

  if (self->updating)
    return;

  request = easel_create_panel_build_request (self);
  easel_create_panel_put_mask (self, request, TRUE);
  empty_prompt = *easel_request_get_prompt (request) == '\0';

  {
    g_autofree char *raw = easel_create_panel_read_prompt (self);

    update_counter (self, raw);
  }
  update_size_problem (self);
  update_estimate (self, request);

  compressible = easel_create_panel_read_format (self) != EASEL_OUTPUT_FORMAT_PNG;
  gtk_widget_set_visible (GTK_WIDGET (self->compression_row), compressible);

  if (self->profile == NULL)
    problem = g_strdup (_("Choose a gateway to generate with"));
  else if (empty_prompt)
    problem = g_strdup (_("Describe the image to make"));
  else if (!easel_request_validate (request, self->profile, &error))
    problem = g_strdup (error->message);
  else if (easel_create_panel_mask_problem (self) != NULL)
    {
      problem = g_strdup (easel_create_panel_mask_problem (self));
      /* Not a mistake either: Generate is only waiting for the PNG. */
      waiting = easel_create_panel_get_mask_pending (self);
    }

  /* An empty prompt is where every request starts, not a mistake. */
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
  gtk_label_set_text (self->problem_label, problem != NULL ? problem : "");
  if (problem != NULL && !empty_prompt && !waiting)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->problem_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->problem_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "dim-label");
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->generate_button), problem);

  can = problem == NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.generate", can);
  set_string (&self->problem, problem, G_OBJECT (self), properties[PROP_PROBLEM]);
  if (self->can_generate != can)
    {
      self->can_generate = can;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GENERATE]);
    }
}

gboolean
easel_create_panel_get_can_generate (EaselCreatePanel *self)
{
  g_return_val_if_fail (EASEL_IS_CREATE_PANEL (self), FALSE);

  return self->can_generate;
}

const char *
easel_create_panel_get_problem (EaselCreatePanel *self)
{
  g_return_val_if_fail (EASEL_IS_CREATE_PANEL (self), NULL);

  return self->problem;
}

const char *
easel_create_panel_get_estimate (EaselCreatePanel *self)
{
  g_return_val_if_fail (EASEL_IS_CREATE_PANEL (self), NULL);

  return self->estimate;
}

EaselReferenceTray *
easel_create_panel_get_reference_tray (EaselCreatePanel *self)
{
  g_return_val_if_fail (EASEL_IS_CREATE_PANEL (self), NULL);

  return self->reference_tray;
}

void
easel_create_panel_focus_prompt (EaselCreatePanel *self)
{
  g_return_if_fail (EASEL_IS_CREATE_PANEL (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->prompt_view));
}

void
easel_create_panel_set_prompt (EaselCreatePanel *self,
                               const char       *prompt)
{
  g_return_if_fail (EASEL_IS_CREATE_PANEL (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->prompt_view),
                            prompt != NULL ? prompt : "", -1);
}

/* --- GObject --------------------------------------------------------------- */

static void
generate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EaselCreatePanel *self = EASEL_CREATE_PANEL (widget);

  easel_create_panel_check (self);
  if (self->can_generate)
    g_signal_emit (self, signals[SIGNAL_GENERATE], 0);
}

static void
on_reference_refused (EaselCreatePanel *self,
                      const char       *message)
{
  /* The window shows it as a toast; the panel only re-checks. */
  easel_create_panel_check (self);
}

/* Pasting a copied image or file into the prompt means "use this image":
 * it goes to the references instead of doing nothing. */
static void
on_prompt_paste (EaselCreatePanel *self,
                 GtkTextView      *view)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE) ||
      gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    {
      g_signal_stop_emission_by_name (view, "paste-clipboard");
      easel_reference_tray_paste (self->reference_tray, clipboard);
    }
}

static void
easel_create_panel_constructed (GObject *object)
{
  EaselCreatePanel *self = EASEL_CREATE_PANEL (object);
  g_autoptr(GtkExpression) name = NULL;
  GListModel *profiles;

  G_OBJECT_CLASS (easel_create_panel_parent_class)->constructed (object);

  g_assert (EASEL_IS_PROFILE_STORE (self->store));

  profiles = easel_profile_store_get_profiles (self->store);
  name = gtk_property_expression_new (EASEL_TYPE_PROFILE, NULL, "name");
  adw_combo_row_set_expression (self->profile_row, name);
  adw_combo_row_set_model (self->profile_row, profiles);
  g_signal_connect_object (profiles, "items-changed", G_CALLBACK (on_profiles_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->profile_row, "notify::selected",
                            G_CALLBACK (on_profile_selected), self);

  easel_create_panel_set_profile (self, easel_profile_store_get_default (self->store));
  easel_create_panel_check (self);
}

static void
easel_create_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EaselCreatePanel *self = EASEL_CREATE_PANEL (object);

  switch (prop_id)
    {
    case PROP_PROFILE_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_CAN_GENERATE:
      g_value_set_boolean (value, self->can_generate);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    case PROP_ESTIMATE:
      g_value_set_string (value, self->estimate);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_create_panel_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EaselCreatePanel *self = EASEL_CREATE_PANEL (object);

  switch (prop_id)
    {
    case PROP_PROFILE_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PROFILE:
      easel_create_panel_set_profile (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_create_panel_dispose (GObject *object)
{
  EaselCreatePanel *self = EASEL_CREATE_PANEL (object);

  g_clear_signal_handler (&self->profile_changed_id, self->profile);
  if (self->profile_row != NULL)
    adw_combo_row_set_model (self->profile_row, NULL);
  easel_create_panel_dispose_mask (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), EASEL_TYPE_CREATE_PANEL);
  g_clear_object (&self->profile);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (easel_create_panel_parent_class)->dispose (object);
}

static void
easel_create_panel_finalize (GObject *object)
{
  EaselCreatePanel *self = EASEL_CREATE_PANEL (object);

  g_ptr_array_unref (self->size_values);
  g_ptr_array_unref (self->ratio_values);
  g_array_unref (self->resolutions);
  g_free (self->problem);
  g_free (self->estimate);

  G_OBJECT_CLASS (easel_create_panel_parent_class)->finalize (object);
}

/* A side panel has a width of its own: wrapped labels would otherwise ask
 * for as much room as their text, and the results would get less. */
#define PANEL_NATURAL_WIDTH 380

static void
easel_create_panel_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  GTK_WIDGET_CLASS (easel_create_panel_parent_class)->measure (widget, orientation, for_size,
                                                               minimum, natural,
                                                               minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, MIN (*natural, PANEL_NATURAL_WIDTH));
}

static void
easel_create_panel_class_init (EaselCreatePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = easel_create_panel_constructed;
  object_class->dispose = easel_create_panel_dispose;
  object_class->finalize = easel_create_panel_finalize;
  object_class->get_property = easel_create_panel_get_property;
  object_class->set_property = easel_create_panel_set_property;
  widget_class->measure = easel_create_panel_measure;

  properties[PROP_PROFILE_STORE] =
    g_param_spec_object ("profile-store", NULL, NULL, EASEL_TYPE_PROFILE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, EASEL_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_GENERATE] =
    g_param_spec_boolean ("can-generate", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ESTIMATE] =
    g_param_spec_string ("estimate", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_GENERATE] =
    g_signal_new ("generate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  easel_create_panel_class_init_mask (object_class);

  gtk_widget_class_install_action (widget_class, "panel.generate", NULL, generate_action);

  g_type_ensure (EASEL_TYPE_REFERENCE_TRAY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/easel-create-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, profile_row);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, prompt_view);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, prompt_hint);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, counter_label);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, reference_tray);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, size_row);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, ratio_row);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, resolution_row);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, custom_row);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, width_spin);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, height_spin);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, quality_row);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, format_row);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, compression_row);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, compression_spin);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, size_problem_label);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, advanced_row);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, n_row);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, n_spin);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, background_row);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, moderation_row);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, stream_row);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, stream_switch);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, async_row);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, async_switch);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, cost_label);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, generate_button);
  gtk_widget_class_bind_template_child (widget_class, EaselCreatePanel, problem_label);
}

static void
easel_create_panel_init (EaselCreatePanel *self)
{
  GtkShortcutController *shortcuts;
  GtkShortcutTrigger *trigger;

  self->size_values = g_ptr_array_new_with_free_func (g_free);
  self->ratio_values = g_ptr_array_new_with_free_func (g_free);
  self->resolutions = g_array_new (FALSE, FALSE, sizeof (EaselResolution));

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Ctrl+Enter generates from anywhere in the panel, the prompt included:
   * caught before the text view would take the key. */
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (shortcuts), GTK_PHASE_CAPTURE);
  trigger = gtk_alternative_trigger_new (gtk_shortcut_trigger_parse_string ("<Control>Return"),
                                         gtk_shortcut_trigger_parse_string ("<Control>KP_Enter"));
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (trigger,
                                                          gtk_named_action_new ("panel.generate")));
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (shortcuts));

  g_signal_connect_swapped (self->prompt_view, "paste-clipboard",
                            G_CALLBACK (on_prompt_paste), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->prompt_view), "changed",
                            G_CALLBACK (easel_create_panel_check), self);
  g_signal_connect_swapped (self->size_row, "notify::selected",
                            G_CALLBACK (easel_create_panel_check), self);
  g_signal_connect_swapped (self->ratio_row, "notify::selected",
                            G_CALLBACK (easel_create_panel_check), self);
  g_signal_connect_swapped (self->resolution_row, "notify::selected",
                            G_CALLBACK (easel_create_panel_check), self);
  g_signal_connect_swapped (self->width_spin, "value-changed",
                            G_CALLBACK (easel_create_panel_check), self);
  g_signal_connect_swapped (self->height_spin, "value-changed",
                            G_CALLBACK (easel_create_panel_check), self);
  g_signal_connect_swapped (self->quality_row, "notify::selected",
                            G_CALLBACK (easel_create_panel_check), self);
  g_signal_connect_swapped (self->format_row, "notify::selected",
                            G_CALLBACK (easel_create_panel_check), self);
  g_signal_connect_swapped (self->compression_spin, "value-changed",
                            G_CALLBACK (easel_create_panel_check), self);
  g_signal_connect_swapped (self->background_row, "notify::selected",
                            G_CALLBACK (easel_create_panel_check), self);
  g_signal_connect_swapped (self->moderation_row, "notify::selected",
                            G_CALLBACK (easel_create_panel_check), self);
  g_signal_connect_swapped (self->n_spin, "value-changed",
                            G_CALLBACK (easel_create_panel_check), self);
  g_signal_connect_swapped (self->stream_switch, "notify::active",
                            G_CALLBACK (easel_create_panel_check), self);
  g_signal_connect_swapped (self->async_switch, "notify::active",
                            G_CALLBACK (easel_create_panel_check), self);
  g_signal_connect_swapped (self->reference_tray, "changed",
                            G_CALLBACK (easel_create_panel_check), self);
  g_signal_connect_swapped (self->reference_tray, "refused",
                            G_CALLBACK (on_reference_refused), self);
  easel_create_panel_init_mask (self);
}

GtkWidget *
easel_create_panel_new (EaselProfileStore *store)
{
  g_return_val_if_fail (EASEL_IS_PROFILE_STORE (store), NULL);

  return g_object_new (EASEL_TYPE_CREATE_PANEL, "profile-store", store, NULL);
}
