/* easel-image-view.h: one image, zoomable and pannable, with a before/after split
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define EASEL_TYPE_IMAGE_VIEW (easel_image_view_get_type ())

/* Shows a texture at a zoom level, either following the widget's size
 * ("fit", the default: the whole image, never enlarged past 1:1) or fixed
 * (1.0 = one image pixel per logical pixel). Implements GtkScrollable, so
 * inside a GtkScrolledWindow it gets scrollbars; pans by dragging (primary
 * or middle button) and scrolling; zooms with Ctrl+scroll, pinch, and the
 * keys + / - / 0 (fit) / 1 (1:1), keeping the point under the pointer (or
 * the centre, from the keyboard) where it is.
 *
 * With a compare texture and "comparing" on, the compare texture ("before",
 * scaled to the image's size) is drawn left of a vertical divider and the
 * texture right of it; dragging the divider's handle, or Left/Right while
 * comparing, moves it.
 *
 * Properties: "texture", "compare-texture", "zoom" (double), "fit"
 * (boolean), "comparing" (boolean), "divider" (double, 0–1, default 0.5),
 * "can-compare" (read-only: a compare texture is set). */
G_DECLARE_FINAL_TYPE (EaselImageView, easel_image_view, EASEL, IMAGE_VIEW, GtkWidget)

#define EASEL_IMAGE_VIEW_MIN_ZOOM 0.02
#define EASEL_IMAGE_VIEW_MAX_ZOOM 16.0

GtkWidget  *easel_image_view_new                 (void);

GdkTexture *easel_image_view_get_texture         (EaselImageView *self);
void        easel_image_view_set_texture         (EaselImageView *self,
                                                  GdkTexture     *texture);
GdkTexture *easel_image_view_get_compare_texture (EaselImageView *self);
void        easel_image_view_set_compare_texture (EaselImageView *self,
                                                  GdkTexture     *texture);

double      easel_image_view_get_zoom            (EaselImageView *self);
/* Sets a fixed zoom (clamped), keeping the image point at widget
 * coordinates (@anchor_x, @anchor_y) in place; turns "fit" off. */
void        easel_image_view_zoom_at             (EaselImageView *self,
                                                  double          zoom,
                                                  double          anchor_x,
                                                  double          anchor_y);
/* Zoom steps of √2 about the centre. */
void        easel_image_view_zoom_in             (EaselImageView *self);
void        easel_image_view_zoom_out            (EaselImageView *self);
gboolean    easel_image_view_get_fit             (EaselImageView *self);
void        easel_image_view_set_fit             (EaselImageView *self,
                                                  gboolean        fit);

gboolean    easel_image_view_get_comparing       (EaselImageView *self);
void        easel_image_view_set_comparing       (EaselImageView *self,
                                                  gboolean        comparing);
double      easel_image_view_get_divider         (EaselImageView *self);
void        easel_image_view_set_divider         (EaselImageView *self,
                                                  double          divider);
gboolean    easel_image_view_get_can_compare     (EaselImageView *self);

/* Maps widget coordinates to image pixel coordinates (may be outside the
 * image). */
void        easel_image_view_widget_to_image     (EaselImageView *self,
                                                  double          x,
                                                  double          y,
                                                  double         *image_x,
                                                  double         *image_y);

/* Decodes an image file or bytes into a texture on a worker thread (a 4K
 * PNG takes a fifth of a second to decode; the window keeps drawing). */
void        easel_texture_load_async             (GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* The same for image bytes in memory (a pasted reference); @name is used
 * in error messages. Finished with easel_texture_load_finish(). */
void        easel_texture_load_bytes_async       (GBytes              *bytes,
                                                  const char          *name,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GdkTexture *easel_texture_load_finish            (GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
