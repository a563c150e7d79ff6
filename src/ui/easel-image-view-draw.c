/* easel-image-view-draw.c: drawing the image view, and where its divider is
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "easel-image-view-private.h"

/* The divider's round handle. */
#define HANDLE_RADIUS 14.0
/* How far from the divider line a press still takes the divider. */
#define DIVIDER_SLOP  6.0

/* The divider's x and the vertical span of the image on screen (the
 * handle sits in its middle, so it stays in view whatever the pan). */
static gboolean
divider_geometry (EaselImageView *self,
                  double         *x,
                  double         *top,
                  double         *bottom)
{
  graphene_rect_t rect;
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  easel_viewport_get_image_rect (&self->viewport, &rect);
  *x = round (rect.origin.x + self->divider * rect.size.width);
  *top = MAX (0, rect.origin.y);
  *bottom = MIN (height, rect.origin.y + rect.size.height);

  return *bottom > *top;
}

gboolean
easel_image_view_is_on_divider (EaselImageView *self,
                                double          x,
                                double          y)
{
  double divider_x, top, bottom, centre_y;

  if (!easel_image_view_is_comparing_now (self) ||
      !divider_geometry (self, &divider_x, &top, &bottom))
    return FALSE;

  centre_y = (top + bottom) / 2;
  if (hypot (x - divider_x, y - centre_y) <= HANDLE_RADIUS + DIVIDER_SLOP)
    return TRUE;

  return fabs (x - divider_x) <= DIVIDER_SLOP && y >= top && y <= bottom;
}

static void
append_texture (GtkSnapshot           *snapshot,
                GdkTexture            *texture,
                const graphene_rect_t *rect,
                double                 zoom)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  /* Mipmaps keep a reduced image from shimmering; past 2× the pixels are
   * what the user zoomed in to see, so they stay square. */
  GskScalingFilter filter = zoom >= 2.0 ? GSK_SCALING_FILTER_NEAREST
                            : zoom < 1.0 ? GSK_SCALING_FILTER_TRILINEAR
                            : GSK_SCALING_FILTER_LINEAR;

  gtk_snapshot_append_scaled_texture (snapshot, texture, filter, rect);
#else
  gtk_snapshot_append_texture (snapshot, texture, rect);
#endif
}

/* The line and the handle take the widget's foreground colour on a halo of
 * its opposite, so they stand out on light and dark pictures alike. */
static void
divider_colors (EaselImageView *self,
                GdkRGBA        *fg,
                GdkRGBA        *bg)
{
  double luminance;

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (GTK_WIDGET (self), fg);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), fg);
#endif
  fg->alpha = 1.0;
  luminance = 0.2126 * fg->red + 0.7152 * fg->green + 0.0722 * fg->blue;
  *bg = luminance > 0.5 ? (GdkRGBA) { 0.12, 0.12, 0.13, 1.0 } : (GdkRGBA) { 1.0, 1.0, 1.0, 1.0 };
}

static void
draw_divider (EaselImageView *self,
              GtkSnapshot    *snapshot)
{
  GdkRGBA fg, bg, halo, shadow = { 0, 0, 0, 0.35 };
  double x, top, bottom, cy;
  GskRoundedRect circle;
  graphene_rect_t bounds;
  cairo_t *cr;

  if (!divider_geometry (self, &x, &top, &bottom))
    return;

  divider_colors (self, &fg, &bg);
  halo = bg;
  halo.alpha = 0.6;
  gtk_snapshot_append_color (snapshot, &halo, &GRAPHENE_RECT_INIT (x - 2, top, 4, bottom - top));
  gtk_snapshot_append_color (snapshot, &fg, &GRAPHENE_RECT_INIT (x - 1, top, 2, bottom - top));

  cy = round ((top + bottom) / 2);
  graphene_rect_init (&bounds, x - HANDLE_RADIUS, cy - HANDLE_RADIUS,
                      2 * HANDLE_RADIUS, 2 * HANDLE_RADIUS);
  gsk_rounded_rect_init_from_rect (&circle, &bounds, HANDLE_RADIUS);
  gtk_snapshot_append_outset_shadow (snapshot, &circle, &shadow, 0, 1, 0, 4);

  /* Cairo for the disc and its arrows: antialiased at any scale. */
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  cairo_arc (cr, x, cy, HANDLE_RADIUS - 1, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &bg);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 2);
  gdk_cairo_set_source_rgba (cr, &fg);
  cairo_stroke (cr);

  for (int side = -1; side <= 1; side += 2)
    {
      cairo_move_to (cr, x + side * 3, cy - 5);
      cairo_line_to (cr, x + side * 8, cy);
      cairo_line_to (cr, x + side * 3, cy + 5);
      cairo_close_path (cr);
    }
  cairo_fill (cr);
  cairo_destroy (cr);
}

void
easel_image_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  EaselImageView *self = EASEL_IMAGE_VIEW (widget);
  graphene_rect_t view, rect, visible, part;
  double divider_x;

  if (self->texture == NULL)
    return;

  graphene_rect_init (&view, 0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  easel_viewport_get_image_rect (&self->viewport, &rect);

  /* Drawing only what is in view keeps a 4K image cheap at any zoom. */
  if (!graphene_rect_intersection (&rect, &view, &visible))
    return;

  if (!easel_image_view_is_comparing_now (self))
    {
      gtk_snapshot_push_clip (snapshot, &visible);
      append_texture (snapshot, self->texture, &rect, self->viewport.zoom);
      gtk_snapshot_pop (snapshot);
      return;
    }

  /* Before on the left, stretched over the same rectangle, after on the right. */
  divider_x = round (rect.origin.x + self->divider * rect.size.width);
  if (graphene_rect_intersection (&visible, &GRAPHENE_RECT_INIT (rect.origin.x, rect.origin.y,
                                                                 divider_x - rect.origin.x,
                                                                 rect.size.height), &part))
    {
      gtk_snapshot_push_clip (snapshot, &part);
      append_texture (snapshot, self->compare_texture, &rect, self->viewport.zoom);
      gtk_snapshot_pop (snapshot);
    }
  if (graphene_rect_intersection (&visible, &GRAPHENE_RECT_INIT (divider_x, rect.origin.y,
                                                                 rect.origin.x + rect.size.width
                                                                 - divider_x,
                                                                 rect.size.height), &part))
    {
      gtk_snapshot_push_clip (snapshot, &part);
      append_texture (snapshot, self->texture, &rect, self->viewport.zoom);
      gtk_snapshot_pop (snapshot);
    }

  draw_divider (self, snapshot);
}
