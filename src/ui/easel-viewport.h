/* easel-viewport.h: zoom, fit and scrolling of a picture in a widget, shared by the
 * image view and the mask canvas
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A picture of image_width × image_height pixels shown in @widget at
 * @zoom (1.0 = one image pixel per logical pixel), either following the
 * widget's size ("fit": the whole picture, never enlarged past 1:1) or
 * fixed. The widget implements GtkScrollable through the adjustments and
 * policies kept here (easel_viewport_override_properties() and the
 * property helpers below), so inside a GtkScrolledWindow it gets
 * scrollbars. The widget's own "zoom" and "fit" properties are notified
 * through the pspecs given at init, only when they change. */
typedef struct
{
  GtkWidget          *widget;
  GParamSpec         *zoom_pspec;
  GParamSpec         *fit_pspec;
  double              min_zoom;
  double              max_zoom;

  double              image_width;
  double              image_height;
  double              zoom;
  gboolean            fit;

  GtkAdjustment      *hadjustment;
  GtkAdjustment      *vadjustment;
  GtkScrollablePolicy hscroll_policy;
  GtkScrollablePolicy vscroll_policy;
} EaselViewport;

/* The GtkScrollable properties, in this order from the widget's first id. */
enum
{
  EASEL_VIEWPORT_PROP_HADJUSTMENT,
  EASEL_VIEWPORT_PROP_VADJUSTMENT,
  EASEL_VIEWPORT_PROP_HSCROLL_POLICY,
  EASEL_VIEWPORT_PROP_VSCROLL_POLICY,
  EASEL_VIEWPORT_N_PROPS,
};

void     easel_viewport_override_properties (GObjectClass    *object_class,
                                             guint            first_prop_id);
gboolean easel_viewport_get_property        (EaselViewport   *viewport,
                                             guint            viewport_prop_id,
                                             GValue          *value);
gboolean easel_viewport_set_property        (EaselViewport   *viewport,
                                             guint            viewport_prop_id,
                                             const GValue    *value);

/* In the widget's init (after class_init installed the pspecs), and its
 * dispose. */
void     easel_viewport_init                (EaselViewport   *viewport,
                                             GtkWidget       *widget,
                                             double           min_zoom,
                                             double           max_zoom,
                                             GParamSpec      *zoom_pspec,
                                             GParamSpec      *fit_pspec);
void     easel_viewport_clear               (EaselViewport   *viewport);

/* A new picture size (0 × 0 for none); the zoom and the scroll position
 * stay as far as they can, fit follows. */
void     easel_viewport_set_image_size      (EaselViewport   *viewport,
                                             double           width,
                                             double           height);
/* From the widget's size_allocate: fit follows the new size. */
void     easel_viewport_relayout_in_place   (EaselViewport   *viewport);

/* Where the whole picture lies in widget coordinates: centred on an axis
 * where it is smaller than the widget, scrolled on the others, on whole
 * logical pixels. */
void     easel_viewport_get_image_rect      (EaselViewport   *viewport,
                                             graphene_rect_t *rect);
void     easel_viewport_widget_to_image     (EaselViewport   *viewport,
                                             double           x,
                                             double           y,
                                             double          *image_x,
                                             double          *image_y);
void     easel_viewport_image_to_widget     (EaselViewport   *viewport,
                                             double           image_x,
                                             double           image_y,
                                             double          *x,
                                             double          *y);

/* A fixed zoom (clamped) keeping the picture point at widget coordinates
 * (@anchor_x, @anchor_y) where it is; turns fit off. */
void     easel_viewport_zoom_at             (EaselViewport   *viewport,
                                             double           zoom,
                                             double           anchor_x,
                                             double           anchor_y);
/* Multiplies the zoom by @factor about the widget's centre. */
void     easel_viewport_zoom_by             (EaselViewport   *viewport,
                                             double           factor);
/* Turning fit off keeps the zoom fit had reached. */
void     easel_viewport_set_fit             (EaselViewport   *viewport,
                                             gboolean         fit);
void     easel_viewport_pan_to              (EaselViewport   *viewport,
                                             double           h,
                                             double           v);
/* Whether the picture is larger than the widget on either axis. */
gboolean easel_viewport_can_pan             (EaselViewport   *viewport);
/* A scroll of (@dx, @dy) in @unit with the pointer at (@x, @y): zooms
 * there with Ctrl, otherwise pans, unless a GtkScrolledWindow around the
 * widget does that. Returns whether it was used. */
gboolean easel_viewport_scroll              (EaselViewport   *viewport,
                                             double           dx,
                                             double           dy,
                                             GdkScrollUnit    unit,
                                             GdkModifierType  state,
                                             double           x,
                                             double           y);
/* The same for a scroll event of @controller, about @pointer (where the
 * pointer is over the widget, NULL when it is not: then the centre). */
gboolean easel_viewport_scroll_event        (EaselViewport            *viewport,
                                             GtkEventControllerScroll *controller,
                                             double                    dx,
                                             double                    dy,
                                             const graphene_point_t   *pointer);

G_END_DECLS
