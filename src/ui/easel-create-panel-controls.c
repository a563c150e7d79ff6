/* easel-create-panel-controls.c: EaselCreatePanel's controls, read into a
 * request and set from one, and shaped by the profile
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-create-panel-private.h"
#include "easel-size.h"

/* --- reading the controls ------------------------------------------------ */

char *
easel_create_panel_read_prompt (EaselCreatePanel *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->prompt_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
selected_value (AdwComboRow *row,
                GPtrArray   *values)
{
  guint selected = adw_combo_row_get_selected (row);

  if (values == NULL || selected >= values->len)
    return NULL;
  return g_ptr_array_index (values, selected);
}

gboolean
easel_create_panel_uses_ratio_form (EaselCreatePanel *self)
{
  return self->profile != NULL &&
         easel_profile_get_limits (self->profile)->size_form == EASEL_SIZE_FORM_RATIO;
}

gboolean
easel_create_panel_custom_size_chosen (EaselCreatePanel *self)
{
  const char *value = easel_create_panel_uses_ratio_form (self)
                        ? selected_value (self->ratio_row, self->ratio_values)
                                             : selected_value (self->size_row, self->size_values);

  return g_strcmp0 (value, CUSTOM_SIZE) == 0;
}

char *
easel_create_panel_read_size (EaselCreatePanel *self)
{
  const char *value;

  if (easel_create_panel_custom_size_chosen (self))
    return g_strdup_printf ("%dx%d", gtk_spin_button_get_value_as_int (self->width_spin),
                            gtk_spin_button_get_value_as_int (self->height_spin));

  value = easel_create_panel_uses_ratio_form (self)
            ? selected_value (self->ratio_row, self->ratio_values)
                                 : selected_value (self->size_row, self->size_values);
  return g_strdup (value != NULL ? value : "auto");
}

static EaselResolution
get_resolution (EaselCreatePanel *self)
{
  guint selected = adw_combo_row_get_selected (self->resolution_row);

  if (self->resolutions == NULL || selected >= self->resolutions->len)
    return EASEL_RESOLUTION_1K;
  return g_array_index (self->resolutions, EaselResolution, selected);
}

EaselOutputFormat
easel_create_panel_read_format (EaselCreatePanel *self)
{
  return (EaselOutputFormat) adw_combo_row_get_selected (self->format_row);
}

EaselRequest *
easel_create_panel_build_request (EaselCreatePanel *self)
{
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(GPtrArray) references = NULL;
  g_autofree char *prompt = easel_create_panel_read_prompt (self);
  g_autofree char *size = easel_create_panel_read_size (self);
  const EaselProfileLimits *limits;
  EaselOutputFormat format = easel_create_panel_read_format (self);

  g_return_val_if_fail (EASEL_IS_CREATE_PANEL (self), NULL);

  limits = self->profile != NULL ? easel_profile_get_limits (self->profile) : NULL;

  easel_request_set_prompt (request, g_strstrip (prompt));
  easel_request_set_size (request, size);
  if (easel_size_is_ratio (size) || easel_size_is_auto (size))
    easel_request_set_resolution (request, get_resolution (self));
  easel_request_set_quality (request,
                             (EaselQuality) adw_combo_row_get_selected (self->quality_row));
  easel_request_set_output_format (request, format);
  if (format != EASEL_OUTPUT_FORMAT_PNG)
    easel_request_set_output_compression (
      request, gtk_spin_button_get_value_as_int (self->compression_spin));
  easel_request_set_background (
    request, (EaselBackground) adw_combo_row_get_selected (self->background_row));
  easel_request_set_moderation (
    request, (EaselModeration) adw_combo_row_get_selected (self->moderation_row));
  easel_request_set_n (request, gtk_spin_button_get_value_as_int (self->n_spin));

  if (limits != NULL && limits->supports_streaming && gtk_switch_get_active (self->stream_switch))
    {
      easel_request_set_stream (request, TRUE);
      easel_request_set_partial_images (request, 2);
    }
  if (limits != NULL && limits->supports_async && !limits->always_async)
    easel_request_set_async (request, gtk_switch_get_active (self->async_switch));

  references = easel_reference_tray_get_references (self->reference_tray);
  for (guint i = 0; i < references->len; i++)
    easel_request_add_reference (request, g_ptr_array_index (references, i));
  easel_create_panel_put_mask (self, request, FALSE);

  return g_steal_pointer (&request);
}

/* --- the profile shapes the controls ------------------------------------- */

static char *
size_label (const char *value)
{
  int width, height;

  if (g_strcmp0 (value, CUSTOM_SIZE) == 0)
    return g_strdup (_("Custom"));
  if (easel_size_is_auto (value))
    return g_strdup (_("Auto"));
  if (easel_size_parse_pixels (value, &width, &height, NULL))
    {
      /* Translators: an image size, width × height in pixels. */
      return g_strdup_printf (_("%d × %d"), width, height);
    }
  return g_strdup (value);
}

static void
fill_row (AdwComboRow        *row,
          GPtrArray          *values,
          const char * const *items,
          gboolean            with_auto)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  g_ptr_array_set_size (values, 0);
  if (with_auto)
    g_ptr_array_add (values, g_strdup ("auto"));
  for (guint i = 0; items[i] != NULL; i++)
    if (!easel_size_is_auto (items[i]))
      g_ptr_array_add (values, g_strdup (items[i]));
  g_ptr_array_add (values, g_strdup (CUSTOM_SIZE));

  for (guint i = 0; i < values->len; i++)
    {
      g_autofree char *label = size_label (g_ptr_array_index (values, i));

      gtk_string_list_append (list, label);
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

static void
rebuild_resolutions (EaselCreatePanel *self)
{
  const EaselProfileLimits *limits = easel_profile_get_limits (self->profile);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  EaselResolution previous = get_resolution (self);
  guint select = 0;

  g_array_set_size (self->resolutions, 0);
  for (EaselResolution r = EASEL_RESOLUTION_1K; r <= EASEL_RESOLUTION_4K; r++)
    {
      g_autofree char *label = NULL;

      if ((limits->resolutions & (1u << r)) == 0)
        continue;
      if (r == previous)
        select = self->resolutions->len;
      g_array_append_val (self->resolutions, r);
      label = g_ascii_strup (easel_resolution_to_string (r), -1);
      gtk_string_list_append (list, label);
    }
  adw_combo_row_set_model (self->resolution_row, G_LIST_MODEL (list));
  adw_combo_row_set_selected (self->resolution_row, select);
}

static guint
find_value (GPtrArray  *values,
            const char *value)
{
  for (guint i = 0; i < values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (values, i), value) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
select_value (AdwComboRow *row,
              GPtrArray   *values,
              const char  *value,
              guint        fallback)
{
  guint position = value != NULL ? find_value (values, value) : GTK_INVALID_LIST_POSITION;

  adw_combo_row_set_selected (row, position != GTK_INVALID_LIST_POSITION ? position : fallback);
}

static void
set_reason (GtkWidget  *row,
            gboolean    possible,
            const char *reason)
{
  gtk_widget_set_sensitive (row, possible);
  gtk_widget_set_tooltip_text (row, possible ? NULL : reason);
}

void
easel_create_panel_shape_controls (EaselCreatePanel *self)
{
  const EaselProfileLimits *limits;
  gboolean ratio;
  g_autofree char *size = NULL;

  if (self->profile == NULL)
    return;

  limits = easel_profile_get_limits (self->profile);
  ratio = limits->size_form == EASEL_SIZE_FORM_RATIO;
  size = easel_create_panel_read_size (self);

  self->updating = TRUE;

  if (ratio)
    {
      fill_row (self->ratio_row, self->ratio_values, easel_size_ratios (), TRUE);
      select_value (self->ratio_row, self->ratio_values,
                    easel_size_is_ratio (size) ? size : NULL, 0);
      rebuild_resolutions (self);
    }
  else
    {
      gboolean yycode = easel_profile_get_dialect (self->profile) == EASEL_DIALECT_YYCODE;

      fill_row (self->size_row, self->size_values,
                yycode ? easel_size_yycode_presets () : easel_size_presets (), TRUE);
      select_value (self->size_row, self->size_values, size, 0);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->size_row), !ratio);
  gtk_widget_set_visible (GTK_WIDGET (self->ratio_row), ratio);
  gtk_widget_set_visible (GTK_WIDGET (self->resolution_row), ratio);

  gtk_spin_button_set_range (self->n_spin, 1, MAX (limits->max_n, 1));
  set_reason (GTK_WIDGET (self->n_row), limits->max_n > 1,
              _("This gateway makes one image per request"));
  set_reason (GTK_WIDGET (self->quality_row), !limits->quality_ignored,
              _("This model has a single quality; the gateway ignores the setting"));
  gtk_widget_set_visible (GTK_WIDGET (self->stream_row), limits->supports_streaming);
  gtk_widget_set_visible (GTK_WIDGET (self->async_row),
                          limits->supports_async && !limits->always_async);

  easel_reference_tray_set_profile (self->reference_tray, self->profile);

  self->updating = FALSE;
}

/* --- Reuse Parameters ---------------------------------------------------- */

void
easel_create_panel_apply_request (EaselCreatePanel *self,
                                  EaselRequest     *request,
                                  EaselProfile     *profile)
{
  const char *size;
  int width, height;
  int compression;
  GPtrArray *references;

  g_return_if_fail (EASEL_IS_CREATE_PANEL (self));
  g_return_if_fail (EASEL_IS_REQUEST (request));

  if (profile != NULL)
    easel_create_panel_set_profile (self, profile);

  self->updating = TRUE;

  easel_create_panel_set_prompt (self, easel_request_get_prompt (request));

  size = easel_request_get_size (request);
  if (easel_create_panel_uses_ratio_form (self))
    {
      if (easel_size_is_ratio (size) || easel_size_is_auto (size))
        select_value (self->ratio_row, self->ratio_values, size, 0);
      else
        select_value (self->ratio_row, self->ratio_values, CUSTOM_SIZE, 0);
      for (guint i = 0; i < self->resolutions->len; i++)
        if (g_array_index (self->resolutions, EaselResolution, i) ==
            easel_request_get_resolution (request))
          adw_combo_row_set_selected (self->resolution_row, i);
    }
  else if (find_value (self->size_values, size) != GTK_INVALID_LIST_POSITION)
    select_value (self->size_row, self->size_values, size, 0);
  else
    select_value (self->size_row, self->size_values, CUSTOM_SIZE, 0);

  if (easel_size_parse_pixels (size, &width, &height, NULL))
    {
      gtk_spin_button_set_value (self->width_spin, width);
      gtk_spin_button_set_value (self->height_spin, height);
    }

  adw_combo_row_set_selected (self->quality_row, easel_request_get_quality (request));
  adw_combo_row_set_selected (self->format_row, easel_request_get_output_format (request));
  compression = easel_request_get_output_compression (request);
  gtk_spin_button_set_value (self->compression_spin, compression >= 0 ? compression : 100);
  adw_combo_row_set_selected (self->background_row, easel_request_get_background (request));
  adw_combo_row_set_selected (self->moderation_row, easel_request_get_moderation (request));
  gtk_spin_button_set_value (self->n_spin, easel_request_get_n (request));
  gtk_switch_set_active (self->stream_switch, easel_request_get_stream (request));
  gtk_switch_set_active (self->async_switch, easel_request_get_async (request));

  references = easel_request_get_references (request);
  easel_reference_tray_set_references (self->reference_tray, references);
  easel_create_panel_apply_request_mask (self, request);

  self->updating = FALSE;
  easel_create_panel_check (self);
}

