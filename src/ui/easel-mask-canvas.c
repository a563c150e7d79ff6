/* easel-mask-canvas.c: the painting surface of the mask editor
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "easel-core-enums.h"
#include "easel-mask-canvas-private.h"

/* A red that shows on most pictures, at an opacity that leaves them
 * readable through it. */
#define DEFAULT_OVERLAY_COLOR   ((GdkRGBA) { 0.88, 0.11, 0.14, 1.0 })
#define DEFAULT_OVERLAY_OPACITY 0.5
#define DEFAULT_BRUSH_SIZE      64.0
#define DEFAULT_HARDNESS        0.8

static void easel_mask_canvas_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EaselMaskCanvas, easel_mask_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE,
                                                      easel_mask_canvas_scrollable_init))

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_MASK,
  PROP_TOOL,
  PROP_BRUSH_SIZE,
  PROP_HARDNESS,
  PROP_OVERLAY_COLOR,
  PROP_OVERLAY_OPACITY,
  PROP_OVERLAY_VISIBLE,
  PROP_ZOOM,
  PROP_FIT,
  N_PROPS,

  /* GtkScrollable's, overridden rather than installed. */
  PROP_HADJUSTMENT = N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
on_mask_changed (EaselMask       *mask,
                 int              x,
                 int              y,
                 int              width,
                 int              height,
                 EaselMaskCanvas *self)
{
  easel_mask_canvas_damage_overlay (self, x, y, width, height);
}

static void
easel_mask_canvas_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  easel_viewport_relayout_in_place (&EASEL_MASK_CANVAS (widget)->viewport);
}

static void
easel_mask_canvas_dispose (GObject *object)
{
  EaselMaskCanvas *self = EASEL_MASK_CANVAS (object);

  easel_mask_canvas_cancel_drag (self);
  easel_mask_canvas_clear_tiles (self);
  g_clear_signal_handler (&self->mask_changed_id, self->mask);
  g_clear_object (&self->mask);
  g_clear_object (&self->source);
  easel_viewport_clear (&self->viewport);

  G_OBJECT_CLASS (easel_mask_canvas_parent_class)->dispose (object);
}

static void
easel_mask_canvas_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EaselMaskCanvas *self = EASEL_MASK_CANVAS (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_MASK:
      g_value_set_object (value, self->mask);
      break;
    case PROP_TOOL:
      g_value_set_enum (value, self->tool);
      break;
    case PROP_BRUSH_SIZE:
      g_value_set_double (value, self->brush_size);
      break;
    case PROP_HARDNESS:
      g_value_set_double (value, self->hardness);
      break;
    case PROP_OVERLAY_COLOR:
      g_value_set_boxed (value, &self->overlay_color);
      break;
    case PROP_OVERLAY_OPACITY:
      g_value_set_double (value, self->overlay_opacity);
      break;
    case PROP_OVERLAY_VISIBLE:
      g_value_set_boolean (value, self->overlay_visible);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->viewport.zoom);
      break;
    case PROP_FIT:
      g_value_set_boolean (value, self->viewport.fit);
      break;
    default:
      if (prop_id < PROP_HADJUSTMENT ||
          !easel_viewport_get_property (&self->viewport, prop_id - PROP_HADJUSTMENT, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Size agreement of a source and a mask; either may be missing. */
static gboolean
sizes_agree (GdkTexture *source,
             EaselMask  *mask)
{
  return source == NULL || mask == NULL ||
         ((guint) gdk_texture_get_width (source) == easel_mask_get_width (mask) &&
          (guint) gdk_texture_get_height (source) == easel_mask_get_height (mask));
}

static void
easel_mask_canvas_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  EaselMaskCanvas *self = EASEL_MASK_CANVAS (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      {
        GdkTexture *source = g_value_get_object (value);

        /* A mask of another size cannot stay over a new source: setting
         * "source" then "mask" (as g_object_set() does) replaces both. */
        easel_mask_canvas_set_source (self, source,
                                      sizes_agree (source, self->mask) ? self->mask : NULL);
      }
      break;
    case PROP_MASK:
      easel_mask_canvas_set_source (self, self->source, g_value_get_object (value));
      break;
    case PROP_TOOL:
      easel_mask_canvas_set_tool (self, g_value_get_enum (value));
      break;
    case PROP_BRUSH_SIZE:
      easel_mask_canvas_set_brush_size (self, g_value_get_double (value));
      break;
    case PROP_HARDNESS:
      easel_mask_canvas_set_hardness (self, g_value_get_double (value));
      break;
    case PROP_OVERLAY_COLOR:
      if (g_value_get_boxed (value) != NULL)
        easel_mask_canvas_set_overlay_color (self, g_value_get_boxed (value));
      break;
    case PROP_OVERLAY_OPACITY:
      easel_mask_canvas_set_overlay_opacity (self, g_value_get_double (value));
      break;
    case PROP_OVERLAY_VISIBLE:
      easel_mask_canvas_set_overlay_visible (self, g_value_get_boolean (value));
      break;
    case PROP_ZOOM:
      easel_mask_canvas_zoom_at (self, g_value_get_double (value),
                                 gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                                 gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
      break;
    case PROP_FIT:
      easel_mask_canvas_set_fit (self, g_value_get_boolean (value));
      break;
    default:
      if (prop_id < PROP_HADJUSTMENT ||
          !easel_viewport_set_property (&self->viewport, prop_id - PROP_HADJUSTMENT, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_mask_canvas_scrollable_init (GtkScrollableInterface *iface)
{
}

static void
easel_mask_canvas_class_init (EaselMaskCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = easel_mask_canvas_dispose;
  object_class->get_property = easel_mask_canvas_get_property;
  object_class->set_property = easel_mask_canvas_set_property;

  widget_class->snapshot = easel_mask_canvas_snapshot;
  widget_class->size_allocate = easel_mask_canvas_size_allocate;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, GDK_TYPE_TEXTURE, flags);
  properties[PROP_MASK] =
    g_param_spec_object ("mask", NULL, NULL, EASEL_TYPE_MASK, flags);
  properties[PROP_TOOL] =
    g_param_spec_enum ("tool", NULL, NULL, EASEL_TYPE_MASK_TOOL, EASEL_MASK_TOOL_BRUSH, flags);
  properties[PROP_BRUSH_SIZE] =
    g_param_spec_double ("brush-size", NULL, NULL, EASEL_MASK_MIN_BRUSH_SIZE,
                         EASEL_MASK_MAX_BRUSH_SIZE, DEFAULT_BRUSH_SIZE, flags);
  properties[PROP_HARDNESS] =
    g_param_spec_double ("hardness", NULL, NULL, 0.0, 1.0, DEFAULT_HARDNESS, flags);
  properties[PROP_OVERLAY_COLOR] =
    g_param_spec_boxed ("overlay-color", NULL, NULL, GDK_TYPE_RGBA, flags);
  properties[PROP_OVERLAY_OPACITY] =
    g_param_spec_double ("overlay-opacity", NULL, NULL, 0.0, 1.0, DEFAULT_OVERLAY_OPACITY, flags);
  properties[PROP_OVERLAY_VISIBLE] =
    g_param_spec_boolean ("overlay-visible", NULL, NULL, TRUE, flags);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, EASEL_MASK_CANVAS_MIN_ZOOM,
                         EASEL_MASK_CANVAS_MAX_ZOOM, 1.0, flags);
  properties[PROP_FIT] =
    g_param_spec_boolean ("fit", NULL, NULL, TRUE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  easel_viewport_override_properties (object_class, PROP_HADJUSTMENT);

  gtk_widget_class_set_css_name (widget_class, "mask-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
easel_mask_canvas_init (EaselMaskCanvas *self)
{
  self->tool = EASEL_MASK_TOOL_BRUSH;
  self->brush_size = DEFAULT_BRUSH_SIZE;
  self->hardness = DEFAULT_HARDNESS;
  self->overlay_color = DEFAULT_OVERLAY_COLOR;
  self->overlay_opacity = DEFAULT_OVERLAY_OPACITY;
  self->overlay_visible = TRUE;
  self->overlay_level = -1;
  self->drawn_level = -1;

  easel_viewport_init (&self->viewport, GTK_WIDGET (self), EASEL_MASK_CANVAS_MIN_ZOOM,
                       EASEL_MASK_CANVAS_MAX_ZOOM, properties[PROP_ZOOM], properties[PROP_FIT]);
  easel_mask_canvas_retint (self);

  /* Focusable, so Space can be held for panning. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  easel_mask_canvas_init_input (self);
}

GtkWidget *
easel_mask_canvas_new (void)
{
  return g_object_new (EASEL_TYPE_MASK_CANVAS, NULL);
}

GdkTexture *
easel_mask_canvas_get_source (EaselMaskCanvas *self)
{
  g_return_val_if_fail (EASEL_IS_MASK_CANVAS (self), NULL);

  return self->source;
}

EaselMask *
easel_mask_canvas_get_mask (EaselMaskCanvas *self)
{
  g_return_val_if_fail (EASEL_IS_MASK_CANVAS (self), NULL);

  return self->mask;
}

/* The zoom and scroll position stay as far as the new picture allows; in
 * fit mode the zoom follows. */
void
easel_mask_canvas_set_source (EaselMaskCanvas *self,
                              GdkTexture      *source,
                              EaselMask       *mask)
{
  gboolean source_changed, mask_changed;
  double width = 0, height = 0;

  g_return_if_fail (EASEL_IS_MASK_CANVAS (self));
  g_return_if_fail (source == NULL || GDK_IS_TEXTURE (source));
  g_return_if_fail (mask == NULL || EASEL_IS_MASK (mask));
  g_return_if_fail (sizes_agree (source, mask));

  source_changed = source != self->source;
  mask_changed = mask != self->mask;
  if (!source_changed && !mask_changed)
    return;

  /* A stroke must end in the mask it began in. */
  easel_mask_canvas_cancel_drag (self);

  if (mask_changed)
    {
      g_clear_signal_handler (&self->mask_changed_id, self->mask);
      g_set_object (&self->mask, mask);
      if (mask != NULL)
        self->mask_changed_id = g_signal_connect (mask, "changed", G_CALLBACK (on_mask_changed),
                                                  self);
    }
  if (source_changed)
    g_set_object (&self->source, source);

  if (source != NULL)
    {
      width = gdk_texture_get_width (source);
      height = gdk_texture_get_height (source);
    }
  else if (mask != NULL)
    {
      width = easel_mask_get_width (mask);
      height = easel_mask_get_height (mask);
    }

  easel_mask_canvas_reset_tiles (self, source_changed);
  easel_viewport_set_image_size (&self->viewport, width, height);
  easel_mask_canvas_update_cursor (self);

  if (source_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
  if (mask_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MASK]);
}

EaselMaskTool
easel_mask_canvas_get_tool (EaselMaskCanvas *self)
{
  g_return_val_if_fail (EASEL_IS_MASK_CANVAS (self), EASEL_MASK_TOOL_BRUSH);

  return self->tool;
}

/* Takes effect from the next stroke: a stroke keeps the tool it began with. */
void
easel_mask_canvas_set_tool (EaselMaskCanvas *self,
                            EaselMaskTool    tool)
{
  g_return_if_fail (EASEL_IS_MASK_CANVAS (self));

  tool = tool == EASEL_MASK_TOOL_ERASER ? EASEL_MASK_TOOL_ERASER : EASEL_MASK_TOOL_BRUSH;
  if (self->tool == tool)
    return;

  self->tool = tool;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
}

double
easel_mask_canvas_get_brush_size (EaselMaskCanvas *self)
{
  g_return_val_if_fail (EASEL_IS_MASK_CANVAS (self), DEFAULT_BRUSH_SIZE);

  return self->brush_size;
}

void
easel_mask_canvas_set_brush_size (EaselMaskCanvas *self,
                                  double           size)
{
  g_return_if_fail (EASEL_IS_MASK_CANVAS (self));

  size = CLAMP (size, EASEL_MASK_MIN_BRUSH_SIZE, EASEL_MASK_MAX_BRUSH_SIZE);
  if (self->brush_size == size)
    return;

  self->brush_size = size;
  /* The outline follows, and with it maybe the cursor. */
  easel_mask_canvas_update_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BRUSH_SIZE]);
}

double
easel_mask_canvas_get_hardness (EaselMaskCanvas *self)
{
  g_return_val_if_fail (EASEL_IS_MASK_CANVAS (self), DEFAULT_HARDNESS);

  return self->hardness;
}

void
easel_mask_canvas_set_hardness (EaselMaskCanvas *self,
                                double           hardness)
{
  g_return_if_fail (EASEL_IS_MASK_CANVAS (self));

  hardness = CLAMP (hardness, 0.0, 1.0);
  if (self->hardness == hardness)
    return;

  self->hardness = hardness;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HARDNESS]);
}

void
easel_mask_canvas_get_overlay_color (EaselMaskCanvas *self,
                                     GdkRGBA         *color)
{
  g_return_if_fail (EASEL_IS_MASK_CANVAS (self));
  g_return_if_fail (color != NULL);

  *color = self->overlay_color;
}

/* The alpha is ignored (opacity is its own property), and kept at 1. */
void
easel_mask_canvas_set_overlay_color (EaselMaskCanvas *self,
                                     const GdkRGBA   *color)
{
  GdkRGBA opaque;

  g_return_if_fail (EASEL_IS_MASK_CANVAS (self));
  g_return_if_fail (color != NULL);

  opaque = (GdkRGBA) { CLAMP (color->red, 0, 1), CLAMP (color->green, 0, 1),
                       CLAMP (color->blue, 0, 1), 1.0 };
  if (gdk_rgba_equal (&self->overlay_color, &opaque))
    return;

  self->overlay_color = opaque;
  easel_mask_canvas_retint (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERLAY_COLOR]);
}

double
easel_mask_canvas_get_overlay_opacity (EaselMaskCanvas *self)
{
  g_return_val_if_fail (EASEL_IS_MASK_CANVAS (self), DEFAULT_OVERLAY_OPACITY);

  return self->overlay_opacity;
}

void
easel_mask_canvas_set_overlay_opacity (EaselMaskCanvas *self,
                                       double           opacity)
{
  g_return_if_fail (EASEL_IS_MASK_CANVAS (self));

  opacity = CLAMP (opacity, 0.0, 1.0);
  if (self->overlay_opacity == opacity)
    return;

  self->overlay_opacity = opacity;
  easel_mask_canvas_retint (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERLAY_OPACITY]);
}

gboolean
easel_mask_canvas_get_overlay_visible (EaselMaskCanvas *self)
{
  g_return_val_if_fail (EASEL_IS_MASK_CANVAS (self), TRUE);

  return self->overlay_visible;
}

/* Hiding keeps the overlay's tiles: showing it again rebuilds nothing. */
void
easel_mask_canvas_set_overlay_visible (EaselMaskCanvas *self,
                                       gboolean         visible)
{
  g_return_if_fail (EASEL_IS_MASK_CANVAS (self));

  visible = !!visible;
  if (self->overlay_visible == visible)
    return;

  self->overlay_visible = visible;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERLAY_VISIBLE]);
}

double
easel_mask_canvas_get_zoom (EaselMaskCanvas *self)
{
  g_return_val_if_fail (EASEL_IS_MASK_CANVAS (self), 1.0);

  return self->viewport.zoom;
}

void
easel_mask_canvas_zoom_at (EaselMaskCanvas *self,
                           double           zoom,
                           double           anchor_x,
                           double           anchor_y)
{
  g_return_if_fail (EASEL_IS_MASK_CANVAS (self));

  easel_viewport_zoom_at (&self->viewport, zoom, anchor_x, anchor_y);
}

void
easel_mask_canvas_zoom_in (EaselMaskCanvas *self)
{
  g_return_if_fail (EASEL_IS_MASK_CANVAS (self));

  easel_viewport_zoom_by (&self->viewport, G_SQRT2);
}

void
easel_mask_canvas_zoom_out (EaselMaskCanvas *self)
{
  g_return_if_fail (EASEL_IS_MASK_CANVAS (self));

  easel_viewport_zoom_by (&self->viewport, 1 / G_SQRT2);
}

gboolean
easel_mask_canvas_get_fit (EaselMaskCanvas *self)
{
  g_return_val_if_fail (EASEL_IS_MASK_CANVAS (self), TRUE);

  return self->viewport.fit;
}

void
easel_mask_canvas_set_fit (EaselMaskCanvas *self,
                           gboolean         fit)
{
  g_return_if_fail (EASEL_IS_MASK_CANVAS (self));

  easel_viewport_set_fit (&self->viewport, fit);
}

void
easel_mask_canvas_widget_to_image (EaselMaskCanvas *self,
                                   double           x,
                                   double           y,
                                   double          *image_x,
                                   double          *image_y)
{
  g_return_if_fail (EASEL_IS_MASK_CANVAS (self));

  easel_viewport_widget_to_image (&self->viewport, x, y, image_x, image_y);
}

void
easel_mask_canvas_image_to_widget (EaselMaskCanvas *self,
                                   double           image_x,
                                   double           image_y,
                                   double          *x,
                                   double          *y)
{
  g_return_if_fail (EASEL_IS_MASK_CANVAS (self));

  easel_viewport_image_to_widget (&self->viewport, image_x, image_y, x, y);
}
