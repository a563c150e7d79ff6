/* easel-mask-canvas.h: the painting surface of the mask editor
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "easel-mask.h"

G_BEGIN_DECLS

#define EASEL_TYPE_MASK_CANVAS (easel_mask_canvas_get_type ())

#define EASEL_MASK_CANVAS_MIN_ZOOM 0.02
#define EASEL_MASK_CANVAS_MAX_ZOOM 32.0

/* Shows the source image with the mask over it as a tinted overlay, and
 * paints the mask with the pointer.
 *
 * Painting: the primary button (or a stylus) paints with the current tool,
 * size (diameter in source pixels) and hardness; each press–release is one
 * stroke of EaselMask and one undo step. Only the region a motion event
 * changed is redrawn: source and overlay are drawn as tiles, and only the
 * overlay tiles a stroke touched are rebuilt.
 *
 * View: implements GtkScrollable (scrollbars inside a GtkScrolledWindow).
 * Zoom by Ctrl+scroll and pinch about the pointer, and by
 * easel_mask_canvas_zoom_in/out() about the centre (steps of √2); "fit"
 * (the default) follows the widget's size, never past 1:1. Pan by
 * middle-drag, Space+drag, scrolling and the scrollbars. The image point
 * under the pointer stays under it while zooming.
 *
 * Cursor: the brush outline at the current zoom, drawn at the pointer
 * (a circle of the brush's on-screen diameter, light and dark rings so it
 * shows on any image) and a crosshair when the outline would be tiny;
 * a grab hand while panning.
 *
 * Properties: "source" (GdkTexture), "mask" (EaselMask; must have the
 * source's size), "tool" (EaselMaskTool), "brush-size" (double, source
 * pixels), "hardness" (double 0–1), "overlay-color" (GdkRGBA, alpha
 * ignored), "overlay-opacity" (double 0–1), "overlay-visible" (boolean),
 * "zoom" (double), "fit" (boolean). */
G_DECLARE_FINAL_TYPE (EaselMaskCanvas, easel_mask_canvas, EASEL, MASK_CANVAS, GtkWidget)

GtkWidget     *easel_mask_canvas_new                 (void);

GdkTexture    *easel_mask_canvas_get_source          (EaselMaskCanvas *self);
EaselMask     *easel_mask_canvas_get_mask            (EaselMaskCanvas *self);
/* Sets both at once (they must agree in size); either may be NULL. */
void           easel_mask_canvas_set_source          (EaselMaskCanvas *self,
                                                      GdkTexture      *source,
                                                      EaselMask       *mask);

EaselMaskTool  easel_mask_canvas_get_tool            (EaselMaskCanvas *self);
void           easel_mask_canvas_set_tool            (EaselMaskCanvas *self,
                                                      EaselMaskTool    tool);
double         easel_mask_canvas_get_brush_size      (EaselMaskCanvas *self);
void           easel_mask_canvas_set_brush_size      (EaselMaskCanvas *self,
                                                      double           size);
double         easel_mask_canvas_get_hardness        (EaselMaskCanvas *self);
void           easel_mask_canvas_set_hardness        (EaselMaskCanvas *self,
                                                      double           hardness);
void           easel_mask_canvas_get_overlay_color   (EaselMaskCanvas *self,
                                                      GdkRGBA         *color);
void           easel_mask_canvas_set_overlay_color   (EaselMaskCanvas *self,
                                                      const GdkRGBA   *color);
double         easel_mask_canvas_get_overlay_opacity (EaselMaskCanvas *self);
void           easel_mask_canvas_set_overlay_opacity (EaselMaskCanvas *self,
                                                      double           opacity);
gboolean       easel_mask_canvas_get_overlay_visible (EaselMaskCanvas *self);
void           easel_mask_canvas_set_overlay_visible (EaselMaskCanvas *self,
                                                      gboolean         visible);

double         easel_mask_canvas_get_zoom            (EaselMaskCanvas *self);
/* A fixed zoom (clamped) keeping the image point at widget coordinates
 * (@anchor_x, @anchor_y) in place; turns "fit" off. */
void           easel_mask_canvas_zoom_at             (EaselMaskCanvas *self,
                                                      double           zoom,
                                                      double           anchor_x,
                                                      double           anchor_y);
void           easel_mask_canvas_zoom_in             (EaselMaskCanvas *self);
void           easel_mask_canvas_zoom_out            (EaselMaskCanvas *self);
gboolean       easel_mask_canvas_get_fit             (EaselMaskCanvas *self);
void           easel_mask_canvas_set_fit             (EaselMaskCanvas *self,
                                                      gboolean         fit);

/* Widget coordinates ↔ mask pixels (for tests and the editor's drop
 * handling). */
void           easel_mask_canvas_widget_to_image     (EaselMaskCanvas *self,
                                                      double           x,
                                                      double           y,
                                                      double          *image_x,
                                                      double          *image_y);
void           easel_mask_canvas_image_to_widget     (EaselMaskCanvas *self,
                                                      double           image_x,
                                                      double           image_y,
                                                      double          *x,
                                                      double          *y);

G_END_DECLS
