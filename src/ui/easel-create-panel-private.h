/* easel-create-panel-private.h: what the files of EaselCreatePanel share
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "easel-create-panel.h"

G_BEGIN_DECLS

#define CUSTOM_SIZE "custom"

struct _EaselCreatePanel
{
  AdwBin              parent_instance;

  EaselProfileStore  *store;
  EaselProfile       *profile;
  gulong              profile_changed_id;
  GPtrArray          *size_values;     /* of char *: the size row's items */
  GPtrArray          *ratio_values;    /* of char *: the ratio row's items */
  GArray             *resolutions;     /* of EaselResolution: the resolution row's items */
  char               *problem;
  char               *estimate;
  gboolean            can_generate;
  gboolean            updating;        /* models are being rebuilt: no checks yet */

  /* Template widgets */
  GtkScrolledWindow  *scroller;
  AdwComboRow        *profile_row;
  GtkTextView        *prompt_view;
  GtkLabel           *prompt_hint;
  GtkLabel           *counter_label;
  EaselReferenceTray *reference_tray;
  AdwComboRow        *size_row;
  AdwComboRow        *ratio_row;
  AdwComboRow        *resolution_row;
  AdwActionRow       *custom_row;
  GtkSpinButton      *width_spin;
  GtkSpinButton      *height_spin;
  AdwComboRow        *quality_row;
  AdwComboRow        *format_row;
  AdwActionRow       *compression_row;
  GtkSpinButton      *compression_spin;
  GtkLabel           *size_problem_label;
  AdwExpanderRow     *advanced_row;
  AdwActionRow       *n_row;
  GtkSpinButton      *n_spin;
  AdwComboRow        *background_row;
  AdwComboRow        *moderation_row;
  AdwActionRow       *stream_row;
  GtkSwitch          *stream_switch;
  AdwActionRow       *async_row;
  GtkSwitch          *async_switch;
  GtkLabel           *cost_label;
  GtkButton          *generate_button;
  GtkLabel           *problem_label;
};

/* easel-create-panel-controls.c: the controls, read and set */
char              *easel_create_panel_read_prompt        (EaselCreatePanel *self);
char              *easel_create_panel_read_size          (EaselCreatePanel *self);
gboolean           easel_create_panel_uses_ratio_form    (EaselCreatePanel *self);
gboolean           easel_create_panel_custom_size_chosen (EaselCreatePanel *self);
EaselOutputFormat  easel_create_panel_read_format        (EaselCreatePanel *self);
/* Fills the size rows for the profile's size form and applies its limits. */
void               easel_create_panel_shape_controls     (EaselCreatePanel *self);

/* easel-create-panel.c */
/* Builds the request, checks it, prices it, and says what stops it. */
void               easel_create_panel_check              (EaselCreatePanel *self);

G_END_DECLS
