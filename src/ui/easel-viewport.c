/* easel-viewport.c: zoom, fit and scrolling of a picture in a widget, shared by the
 * image view and the mask canvas
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "easel-viewport.h"

/* Touchpad scrolling comes in surface pixels: this many make one √2 step
 * with Ctrl, about what one wheel notch gives. */
#define PIXELS_PER_ZOOM_STEP 32.0

static const char *const scrollable_names[EASEL_VIEWPORT_N_PROPS] = {
  "hadjustment", "vadjustment", "hscroll-policy", "vscroll-policy",
};

static void
set_zoom_internal (EaselViewport *viewport,
                   double         zoom)
{
  if (viewport->zoom == zoom)
    return;

  viewport->zoom = zoom;
  g_object_notify_by_pspec (G_OBJECT (viewport->widget), viewport->zoom_pspec);
}

static void
set_fit_internal (EaselViewport *viewport,
                  gboolean       fit)
{
  if (viewport->fit == fit)
    return;

  viewport->fit = fit;
  g_object_notify_by_pspec (G_OBJECT (viewport->widget), viewport->fit_pspec);
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         value,
                      double         page,
                      double         content)
{
  gtk_adjustment_configure (adjustment, value, 0, MAX (content, page),
                            page * 0.1, page * 0.9, page);
}

/* Recomputes the fit zoom for the current size and sets the scroll ranges
 * for the content at the zoom, scrolled to (@h, @v) as far as they allow. */
static void
relayout (EaselViewport *viewport,
          double         h,
          double         v)
{
  int width = gtk_widget_get_width (viewport->widget);
  int height = gtk_widget_get_height (viewport->widget);

  /* Unallocated, the fit zoom is unknown: the first allocation sets it. */
  if (viewport->fit && viewport->image_width > 0 && viewport->image_height > 0 &&
      width > 0 && height > 0)
    {
      double zoom = MIN (1.0, MIN (width / viewport->image_width,
                                   height / viewport->image_height));

      set_zoom_internal (viewport, CLAMP (zoom, viewport->min_zoom, viewport->max_zoom));
    }

  configure_adjustment (viewport->hadjustment, h, width, viewport->image_width * viewport->zoom);
  configure_adjustment (viewport->vadjustment, v, height,
                        viewport->image_height * viewport->zoom);
  gtk_widget_queue_draw (viewport->widget);
}

void
easel_viewport_relayout_in_place (EaselViewport *viewport)
{
  relayout (viewport, gtk_adjustment_get_value (viewport->hadjustment),
            gtk_adjustment_get_value (viewport->vadjustment));
}

static void
set_adjustment (EaselViewport  *viewport,
                GtkOrientation  orientation,
                GtkAdjustment  *adjustment)
{
  GtkAdjustment **slot = orientation == GTK_ORIENTATION_HORIZONTAL ? &viewport->hadjustment
                                                                   : &viewport->vadjustment;

  if (adjustment != NULL && adjustment == *slot)
    return;

  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, gtk_widget_queue_draw, viewport->widget);
      g_object_unref (*slot);
    }

  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (gtk_widget_queue_draw),
                            viewport->widget);

  if (viewport->hadjustment != NULL && viewport->vadjustment != NULL)
    easel_viewport_relayout_in_place (viewport);

  g_object_notify (G_OBJECT (viewport->widget),
                   scrollable_names[orientation == GTK_ORIENTATION_HORIZONTAL
                                    ? EASEL_VIEWPORT_PROP_HADJUSTMENT
                                    : EASEL_VIEWPORT_PROP_VADJUSTMENT]);
}

static void
set_policy (EaselViewport       *viewport,
            GtkScrollablePolicy *slot,
            GtkScrollablePolicy  policy,
            const char          *name)
{
  if (*slot == policy)
    return;

  *slot = policy;
  gtk_widget_queue_resize (viewport->widget);
  g_object_notify (G_OBJECT (viewport->widget), name);
}

void
easel_viewport_override_properties (GObjectClass *object_class,
                                    guint         first_prop_id)
{
  for (guint i = 0; i < EASEL_VIEWPORT_N_PROPS; i++)
    g_object_class_override_property (object_class, first_prop_id + i, scrollable_names[i]);
}

gboolean
easel_viewport_get_property (EaselViewport *viewport,
                             guint          viewport_prop_id,
                             GValue        *value)
{
  switch (viewport_prop_id)
    {
    case EASEL_VIEWPORT_PROP_HADJUSTMENT:
      g_value_set_object (value, viewport->hadjustment);
      return TRUE;
    case EASEL_VIEWPORT_PROP_VADJUSTMENT:
      g_value_set_object (value, viewport->vadjustment);
      return TRUE;
    case EASEL_VIEWPORT_PROP_HSCROLL_POLICY:
      g_value_set_enum (value, viewport->hscroll_policy);
      return TRUE;
    case EASEL_VIEWPORT_PROP_VSCROLL_POLICY:
      g_value_set_enum (value, viewport->vscroll_policy);
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
easel_viewport_set_property (EaselViewport *viewport,
                             guint          viewport_prop_id,
                             const GValue  *value)
{
  switch (viewport_prop_id)
    {
    case EASEL_VIEWPORT_PROP_HADJUSTMENT:
      set_adjustment (viewport, GTK_ORIENTATION_HORIZONTAL, g_value_get_object (value));
      return TRUE;
    case EASEL_VIEWPORT_PROP_VADJUSTMENT:
      set_adjustment (viewport, GTK_ORIENTATION_VERTICAL, g_value_get_object (value));
      return TRUE;
    case EASEL_VIEWPORT_PROP_HSCROLL_POLICY:
      set_policy (viewport, &viewport->hscroll_policy, g_value_get_enum (value),
                  scrollable_names[viewport_prop_id]);
      return TRUE;
    case EASEL_VIEWPORT_PROP_VSCROLL_POLICY:
      set_policy (viewport, &viewport->vscroll_policy, g_value_get_enum (value),
                  scrollable_names[viewport_prop_id]);
      return TRUE;
    default:
      return FALSE;
    }
}

void
easel_viewport_init (EaselViewport *viewport,
                     GtkWidget     *widget,
                     double         min_zoom,
                     double         max_zoom,
                     GParamSpec    *zoom_pspec,
                     GParamSpec    *fit_pspec)
{
  *viewport = (EaselViewport) {
    .widget = widget,
    .zoom_pspec = zoom_pspec,
    .fit_pspec = fit_pspec,
    .min_zoom = min_zoom,
    .max_zoom = max_zoom,
    .zoom = 1.0,
    .fit = TRUE,
  };

  set_adjustment (viewport, GTK_ORIENTATION_HORIZONTAL, NULL);
  set_adjustment (viewport, GTK_ORIENTATION_VERTICAL, NULL);
}

void
easel_viewport_clear (EaselViewport *viewport)
{
  for (guint i = 0; i < 2; i++)
    {
      GtkAdjustment **slot = i == 0 ? &viewport->hadjustment : &viewport->vadjustment;

      if (*slot != NULL)
        g_signal_handlers_disconnect_by_func (*slot, gtk_widget_queue_draw, viewport->widget);
      g_clear_object (slot);
    }
}

void
easel_viewport_set_image_size (EaselViewport *viewport,
                               double         width,
                               double         height)
{
  viewport->image_width = width;
  viewport->image_height = height;
  easel_viewport_relayout_in_place (viewport);
}

void
easel_viewport_get_image_rect (EaselViewport   *viewport,
                               graphene_rect_t *rect)
{
  double width = gtk_widget_get_width (viewport->widget);
  double height = gtk_widget_get_height (viewport->widget);
  double content_width = viewport->image_width * viewport->zoom;
  double content_height = viewport->image_height * viewport->zoom;
  double x, y;

  x = content_width < width ? (width - content_width) / 2
                            : -gtk_adjustment_get_value (viewport->hadjustment);
  y = content_height < height ? (height - content_height) / 2
                              : -gtk_adjustment_get_value (viewport->vadjustment);

  /* Whole logical pixels, so 1:1 stays sharp after a zoom about an
   * arbitrary point. */
  graphene_rect_init (rect, round (x), round (y), content_width, content_height);
}

void
easel_viewport_widget_to_image (EaselViewport *viewport,
                                double         x,
                                double         y,
                                double        *image_x,
                                double        *image_y)
{
  graphene_rect_t rect;

  easel_viewport_get_image_rect (viewport, &rect);
  if (image_x != NULL)
    *image_x = (x - rect.origin.x) / viewport->zoom;
  if (image_y != NULL)
    *image_y = (y - rect.origin.y) / viewport->zoom;
}

void
easel_viewport_image_to_widget (EaselViewport *viewport,
                                double         image_x,
                                double         image_y,
                                double        *x,
                                double        *y)
{
  graphene_rect_t rect;

  easel_viewport_get_image_rect (viewport, &rect);
  if (x != NULL)
    *x = rect.origin.x + image_x * viewport->zoom;
  if (y != NULL)
    *y = rect.origin.y + image_y * viewport->zoom;
}

void
easel_viewport_zoom_at (EaselViewport *viewport,
                        double         zoom,
                        double         anchor_x,
                        double         anchor_y)
{
  double image_x, image_y;

  zoom = CLAMP (zoom, viewport->min_zoom, viewport->max_zoom);
  easel_viewport_widget_to_image (viewport, anchor_x, anchor_y, &image_x, &image_y);

  set_fit_internal (viewport, FALSE);
  set_zoom_internal (viewport, zoom);
  /* Scrolled so the same picture point lands under the anchor again;
   * where the picture is smaller than the widget the range forces 0 and
   * it centres. */
  relayout (viewport, image_x * zoom - anchor_x, image_y * zoom - anchor_y);
}

void
easel_viewport_zoom_by (EaselViewport *viewport,
                        double         factor)
{
  easel_viewport_zoom_at (viewport, viewport->zoom * factor,
                          gtk_widget_get_width (viewport->widget) / 2.0,
                          gtk_widget_get_height (viewport->widget) / 2.0);
}

void
easel_viewport_set_fit (EaselViewport *viewport,
                        gboolean       fit)
{
  fit = !!fit;
  if (viewport->fit == fit)
    return;

  set_fit_internal (viewport, fit);
  easel_viewport_relayout_in_place (viewport);
}

void
easel_viewport_pan_to (EaselViewport *viewport,
                       double         h,
                       double         v)
{
  gtk_adjustment_set_value (viewport->hadjustment, h);
  gtk_adjustment_set_value (viewport->vadjustment, v);
}

gboolean
easel_viewport_can_pan (EaselViewport *viewport)
{
  return gtk_adjustment_get_upper (viewport->hadjustment) >
           gtk_adjustment_get_page_size (viewport->hadjustment) ||
         gtk_adjustment_get_upper (viewport->vadjustment) >
           gtk_adjustment_get_page_size (viewport->vadjustment);
}

gboolean
easel_viewport_scroll (EaselViewport   *viewport,
                       double           dx,
                       double           dy,
                       GdkScrollUnit    unit,
                       GdkModifierType  state,
                       double           x,
                       double           y)
{
  if (state & GDK_CONTROL_MASK)
    {
      double steps = unit == GDK_SCROLL_UNIT_WHEEL ? -dy : -dy / PIXELS_PER_ZOOM_STEP;

      if (steps != 0)
        easel_viewport_zoom_at (viewport, viewport->zoom * pow (G_SQRT2, steps), x, y);
      return TRUE;
    }

  /* A scrolled window scrolls more smoothly (kinetic, overshoot) than
   * this fallback, so it gets plain scrolling when there is one. */
  if (GTK_IS_SCROLLED_WINDOW (gtk_widget_get_parent (viewport->widget)))
    return FALSE;

  if (unit == GDK_SCROLL_UNIT_WHEEL)
    {
      /* The step GtkScrolledWindow takes for a notch. */
      dx *= pow (gtk_adjustment_get_page_size (viewport->hadjustment), 2.0 / 3.0);
      dy *= pow (gtk_adjustment_get_page_size (viewport->vadjustment), 2.0 / 3.0);
    }

  easel_viewport_pan_to (viewport, gtk_adjustment_get_value (viewport->hadjustment) + dx,
                         gtk_adjustment_get_value (viewport->vadjustment) + dy);
  return TRUE;
}

gboolean
easel_viewport_scroll_event (EaselViewport            *viewport,
                             GtkEventControllerScroll *controller,
                             double                    dx,
                             double                    dy,
                             const graphene_point_t   *pointer)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double x = pointer != NULL ? pointer->x : gtk_widget_get_width (viewport->widget) / 2.0;
  double y = pointer != NULL ? pointer->y : gtk_widget_get_height (viewport->widget) / 2.0;

  return easel_viewport_scroll (viewport, dx, dy, gtk_event_controller_scroll_get_unit (controller),
                                state, x, y);
}
