/* easel-create-panel-private.h: what the files of EaselCreatePanel share
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "easel-create-panel.h"
#include "easel-mask.h"

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

  /* The mask (easel-create-panel-mask.c) */
  EaselMask          *mask;            /* nullable; empty counts as none */
  EaselReference     *mask_source;     /* the first reference when it was made */
  EaselReference     *mask_png;        /* its PNG as sent; NULL until encoded */
  char               *mask_error;      /* why it could not be encoded */
  GdkTexture         *mask_overlay;    /* the painted region for the first thumbnail */
  guint               mask_generation; /* which overlay is the newest */
  guint               mask_export_id;  /* the encoding is due: a timeout */
  GCancellable       *mask_export_cancellable;   /* the encoding under way */
  GCancellable       *mask_load_cancellable;     /* imports: drops, pastes, Reuse */
  guint               mask_n_loading;
  GPtrArray          *mask_seen_references;      /* the list as last seen, for Undo */
  guint               mask_quiet;      /* the panel is changing the list itself */
  GtkWidget          *mask_editor;     /* (weak) */
  gboolean            mask_disposed;   /* late callbacks find no widgets */

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

/* easel-create-panel-mask.c */
void               easel_create_panel_init_mask          (EaselCreatePanel *self);
void               easel_create_panel_dispose_mask       (EaselCreatePanel *self);
void               easel_create_panel_class_init_mask    (GObjectClass     *object_class);
void               easel_create_panel_add_toast          (EaselCreatePanel *self,
                                                          AdwToast         *toast);
/* A toast whose Undo puts back @references (nullable: the list is left as
 * it is) and the mask as it is now. */
void               easel_create_panel_toast_undo         (EaselCreatePanel *self,
                                                          const char       *message,
                                                          GPtrArray        *references);
/* Makes @mask (nullable), made for @source, the mask. */
void               easel_create_panel_take_mask          (EaselCreatePanel *self,
                                                          EaselMask        *mask,
                                                          EaselReference   *source);
gboolean           easel_create_panel_mask_in_effect     (EaselCreatePanel *self);
void               easel_create_panel_mask_references_changed (EaselCreatePanel *self,
                                                               gboolean          restored);
/* Sets the request's mask; while the PNG is being made, @checking puts a
 * stand-in there so validation can still speak. */
void               easel_create_panel_put_mask           (EaselCreatePanel *self,
                                                          EaselRequest     *request,
                                                          gboolean          checking);
/* "Preparing the mask…", or why it cannot be sent, or NULL. */
const char        *easel_create_panel_mask_problem       (EaselCreatePanel *self);

/* easel-create-panel-mask-load.c */
void               easel_create_panel_cancel_mask_loads  (EaselCreatePanel *self);
/* Reuse Parameters: the request's mask, loaded at the first reference's
 * size, or the current mask dropped (with an Undo) when it has none. */
void               easel_create_panel_apply_request_mask (EaselCreatePanel *self,
                                                          EaselRequest     *request);

/* easel-create-panel.c */
/* Builds the request, checks it, prices it, and says what stops it. */
void               easel_create_panel_check              (EaselCreatePanel *self);

G_END_DECLS
