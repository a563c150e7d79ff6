/* easel-mask-editor-private.h: what the mask editor's files share
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "easel-mask-editor.h"

G_BEGIN_DECLS

struct _EaselMaskEditor
{
  AdwWindow           parent_instance;

  EaselReference     *source;
  EaselMask          *mask;
  GdkTexture         *texture;       /* the decoded source, NULL until loaded */
  gboolean            loading;
  /* Cancels the load of the current source; replaced with each source. */
  GCancellable       *load_cancellable;
  /* Cancels drops and pastes still being read when the window goes. */
  GCancellable       *cancellable;
  /* Bumped with each source, so an import read for an earlier source
   * is not laid onto a later one. */
  guint               source_serial;
  guint               n_pending;     /* drops and pastes being read */
  gboolean            drop_as_mask;  /* the zone under the pointer while dragging */
  char               *last_toast;    /* for tests: what the last toast said */

  GSettings          *settings;
  GSimpleActionGroup *actions;

  /* Template children. */
  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkOverlay         *drop_overlay;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  AdwStatusPage      *error_page;
  GtkScrolledWindow  *scroller;
  EaselMaskCanvas    *canvas;
  GtkBox             *drop_zones;
  GtkWidget          *replace_zone;
  GtkWidget          *mask_zone;
  AdwSqueezer        *toolbar;
  GtkWidget          *toolbar_wide;
  GtkWidget          *toolbar_medium;
  GtkWidget          *toolbar_narrow;
  GtkAdjustment      *size_adjustment;
  GtkAdjustment      *hardness_adjustment;
  GtkAdjustment      *opacity_adjustment;
  GtkLabel           *size_label;
  GtkLabel           *hardness_label;
  GtkLabel           *brush_label_medium;
  GtkLabel           *brush_label_narrow;
  GtkLabel           *popover_size_label;
  GtkLabel           *popover_hardness_label;
  GtkLabel           *opacity_label;
  GtkLabel           *zoom_label_wide;
  GtkLabel           *zoom_label_medium;
  GtkMenuButton      *brush_button_medium;
  GtkMenuButton      *brush_button_narrow;
  GtkMenuButton      *overlay_button_wide;
  GtkMenuButton      *overlay_button_medium;
  GtkMenuButton      *overlay_button_narrow;
  GtkImage           *overlay_icon_wide;
  GtkImage           *overlay_icon_medium;
  GtkImage           *overlay_icon_narrow;
  GtkPopover         *brush_popover;
  GtkPopover         *overlay_popover;
  GtkBox             *swatches;
};

/* The overlay colours offered, GNOME's palette (#rrggbb). */
extern const char *const easel_mask_editor_swatches[];

/* easel-mask-editor.c */
void         easel_mask_editor_toast             (EaselMaskEditor *self,
                                                  const char      *message,
                                                  gboolean         offer_undo);
gboolean     easel_mask_editor_is_ready          (EaselMaskEditor *self);
/* The loader's ends: the decoded source shown (with a mask of its size),
 * and the "loading" property. */
void         easel_mask_editor_show_texture      (EaselMaskEditor *self,
                                                  GdkTexture      *texture);
void         easel_mask_editor_set_loading       (EaselMaskEditor *self,
                                                  gboolean         loading);

/* easel-mask-editor-load.c: the source, decoded off the main thread. */
void         easel_mask_editor_load_source       (EaselMaskEditor *self);
/* A local file's bytes, read whole on a worker thread, at most the 50 MB
 * a gateway takes; the error names the file. Blocking. */
GBytes      *easel_mask_editor_read_file         (GFile           *file,
                                                  GCancellable    *cancellable,
                                                  GError         **error);

/* easel-mask-editor-dnd.c: drops, Use as Mask and Replace Image. */
void         easel_mask_editor_init_dnd          (EaselMaskEditor *self);
gboolean     easel_mask_editor_can_paste         (GdkClipboard    *clipboard);

/* For tests. */
const char  *easel_mask_editor_get_last_toast    (EaselMaskEditor *self);
guint        easel_mask_editor_get_n_pending     (EaselMaskEditor *self);

G_END_DECLS
