/* easel-image-view-private.h: what the image view's files share
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "easel-image-view.h"
#include "easel-viewport.h"

G_BEGIN_DECLS

/* The share of the image width Left and Right move the divider by. */
#define EASEL_IMAGE_VIEW_DIVIDER_STEP 0.05

typedef enum
{
  EASEL_IMAGE_VIEW_DRAG_NONE,
  EASEL_IMAGE_VIEW_DRAG_PAN,
  EASEL_IMAGE_VIEW_DRAG_DIVIDER,
} EaselImageViewDrag;

struct _EaselImageView
{
  GtkWidget           parent_instance;

  GdkTexture         *texture;
  GdkTexture         *compare_texture;

  EaselViewport       viewport;
  gboolean            comparing;
  double              divider;

  /* Input state (easel-image-view-input.c). */
  EaselImageViewDrag  drag;
  double              drag_start_x;
  double              drag_start_y;
  double              drag_start_h;
  double              drag_start_v;
  double              drag_start_divider;
  double              pinch_start_zoom;
  gboolean            has_pointer;
  double              pointer_x;
  double              pointer_y;
};

/* easel-image-view.c */
gboolean easel_image_view_is_comparing_now  (EaselImageView  *self);

/* easel-image-view-draw.c */
void     easel_image_view_snapshot          (GtkWidget       *widget,
                                             GtkSnapshot     *snapshot);
gboolean easel_image_view_is_on_divider     (EaselImageView  *self,
                                             double           x,
                                             double           y);

/* easel-image-view-input.c: the controllers and key bindings. The gesture
 * handlers call the functions below, which tests call directly since GTK
 * has no public way to synthesize pointer events. */
void     easel_image_view_class_init_input  (GtkWidgetClass  *widget_class);
void     easel_image_view_init_input        (EaselImageView  *self);
void     easel_image_view_update_actions    (EaselImageView  *self);

/* Starts a drag with @button at (@x, @y): the primary button moves the
 * divider from its handle and pans elsewhere, the middle button always pans.
 * Returns %FALSE (and does nothing) for any other button. */
gboolean easel_image_view_drag_begin        (EaselImageView  *self,
                                             guint            button,
                                             double           x,
                                             double           y);
void     easel_image_view_drag_update       (EaselImageView  *self,
                                             double           offset_x,
                                             double           offset_y);
void     easel_image_view_drag_end          (EaselImageView  *self);

G_END_DECLS
