/* easel-image-view.c: one image, zoomable and pannable, with a before/after split
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "easel-image-view-private.h"

static void easel_image_view_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EaselImageView, easel_image_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE,
                                                      easel_image_view_scrollable_init))

enum {
  PROP_0,
  PROP_TEXTURE,
  PROP_COMPARE_TEXTURE,
  PROP_ZOOM,
  PROP_FIT,
  PROP_COMPARING,
  PROP_DIVIDER,
  PROP_CAN_COMPARE,
  N_PROPS,

  /* GtkScrollable's, overridden rather than installed. */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

gboolean
easel_image_view_is_comparing_now (EaselImageView *self)
{
  return self->comparing && self->texture != NULL && self->compare_texture != NULL;
}

static void
easel_image_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  easel_viewport_relayout_in_place (&EASEL_IMAGE_VIEW (widget)->viewport);
}

static void
easel_image_view_dispose (GObject *object)
{
  EaselImageView *self = EASEL_IMAGE_VIEW (object);

  g_clear_object (&self->texture);
  g_clear_object (&self->compare_texture);
  easel_viewport_clear (&self->viewport);

  G_OBJECT_CLASS (easel_image_view_parent_class)->dispose (object);
}

static void
easel_image_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EaselImageView *self = EASEL_IMAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TEXTURE:
      g_value_set_object (value, self->texture);
      break;
    case PROP_COMPARE_TEXTURE:
      g_value_set_object (value, self->compare_texture);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->viewport.zoom);
      break;
    case PROP_FIT:
      g_value_set_boolean (value, self->viewport.fit);
      break;
    case PROP_COMPARING:
      g_value_set_boolean (value, self->comparing);
      break;
    case PROP_DIVIDER:
      g_value_set_double (value, self->divider);
      break;
    case PROP_CAN_COMPARE:
      g_value_set_boolean (value, self->compare_texture != NULL);
      break;
    default:
      if (prop_id < PROP_HADJUSTMENT ||
          !easel_viewport_get_property (&self->viewport, prop_id - PROP_HADJUSTMENT, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_image_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EaselImageView *self = EASEL_IMAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TEXTURE:
      easel_image_view_set_texture (self, g_value_get_object (value));
      break;
    case PROP_COMPARE_TEXTURE:
      easel_image_view_set_compare_texture (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      easel_image_view_zoom_at (self, g_value_get_double (value),
                                gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                                gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
      break;
    case PROP_FIT:
      easel_image_view_set_fit (self, g_value_get_boolean (value));
      break;
    case PROP_COMPARING:
      easel_image_view_set_comparing (self, g_value_get_boolean (value));
      break;
    case PROP_DIVIDER:
      easel_image_view_set_divider (self, g_value_get_double (value));
      break;
    default:
      if (prop_id < PROP_HADJUSTMENT ||
          !easel_viewport_set_property (&self->viewport, prop_id - PROP_HADJUSTMENT, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_image_view_scrollable_init (GtkScrollableInterface *iface)
{
}

static void
easel_image_view_class_init (EaselImageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = easel_image_view_dispose;
  object_class->get_property = easel_image_view_get_property;
  object_class->set_property = easel_image_view_set_property;

  widget_class->snapshot = easel_image_view_snapshot;
  widget_class->size_allocate = easel_image_view_size_allocate;

  properties[PROP_TEXTURE] =
    g_param_spec_object ("texture", NULL, NULL, GDK_TYPE_TEXTURE, flags);
  properties[PROP_COMPARE_TEXTURE] =
    g_param_spec_object ("compare-texture", NULL, NULL, GDK_TYPE_TEXTURE, flags);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, EASEL_IMAGE_VIEW_MIN_ZOOM, EASEL_IMAGE_VIEW_MAX_ZOOM,
                         1.0, flags);
  properties[PROP_FIT] =
    g_param_spec_boolean ("fit", NULL, NULL, TRUE, flags);
  properties[PROP_COMPARING] =
    g_param_spec_boolean ("comparing", NULL, NULL, FALSE, flags);
  properties[PROP_DIVIDER] =
    g_param_spec_double ("divider", NULL, NULL, 0.0, 1.0, 0.5, flags);
  properties[PROP_CAN_COMPARE] =
    g_param_spec_boolean ("can-compare", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  easel_viewport_override_properties (object_class, PROP_HADJUSTMENT);

  gtk_widget_class_set_css_name (widget_class, "image-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  easel_image_view_class_init_input (widget_class);
}

static void
easel_image_view_init (EaselImageView *self)
{
  self->divider = 0.5;
  easel_viewport_init (&self->viewport, GTK_WIDGET (self), EASEL_IMAGE_VIEW_MIN_ZOOM,
                       EASEL_IMAGE_VIEW_MAX_ZOOM, properties[PROP_ZOOM], properties[PROP_FIT]);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  easel_image_view_init_input (self);
}

GtkWidget *
easel_image_view_new (void)
{
  return g_object_new (EASEL_TYPE_IMAGE_VIEW, NULL);
}

GdkTexture *
easel_image_view_get_texture (EaselImageView *self)
{
  g_return_val_if_fail (EASEL_IS_IMAGE_VIEW (self), NULL);

  return self->texture;
}

/* The zoom and the scroll position stay as they are, so a finished image
 * replacing its preview does not jump; in fit mode the zoom follows. */
void
easel_image_view_set_texture (EaselImageView *self,
                              GdkTexture     *texture)
{
  g_return_if_fail (EASEL_IS_IMAGE_VIEW (self));
  g_return_if_fail (texture == NULL || GDK_IS_TEXTURE (texture));

  if (!g_set_object (&self->texture, texture))
    return;

  easel_viewport_set_image_size (&self->viewport,
                                 texture != NULL ? gdk_texture_get_width (texture) : 0,
                                 texture != NULL ? gdk_texture_get_height (texture) : 0);
  easel_image_view_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE]);
}

GdkTexture *
easel_image_view_get_compare_texture (EaselImageView *self)
{
  g_return_val_if_fail (EASEL_IS_IMAGE_VIEW (self), NULL);

  return self->compare_texture;
}

void
easel_image_view_set_compare_texture (EaselImageView *self,
                                      GdkTexture     *texture)
{
  gboolean could_compare;

  g_return_if_fail (EASEL_IS_IMAGE_VIEW (self));
  g_return_if_fail (texture == NULL || GDK_IS_TEXTURE (texture));

  could_compare = self->compare_texture != NULL;
  if (!g_set_object (&self->compare_texture, texture))
    return;

  gtk_widget_queue_draw (GTK_WIDGET (self));
  easel_image_view_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE_TEXTURE]);
  if (could_compare != (texture != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_COMPARE]);
}

double
easel_image_view_get_zoom (EaselImageView *self)
{
  g_return_val_if_fail (EASEL_IS_IMAGE_VIEW (self), 1.0);

  return self->viewport.zoom;
}

void
easel_image_view_zoom_at (EaselImageView *self,
                          double          zoom,
                          double          anchor_x,
                          double          anchor_y)
{
  g_return_if_fail (EASEL_IS_IMAGE_VIEW (self));

  easel_viewport_zoom_at (&self->viewport, zoom, anchor_x, anchor_y);
}

void
easel_image_view_zoom_in (EaselImageView *self)
{
  g_return_if_fail (EASEL_IS_IMAGE_VIEW (self));

  easel_viewport_zoom_by (&self->viewport, G_SQRT2);
}

void
easel_image_view_zoom_out (EaselImageView *self)
{
  g_return_if_fail (EASEL_IS_IMAGE_VIEW (self));

  easel_viewport_zoom_by (&self->viewport, 1 / G_SQRT2);
}

gboolean
easel_image_view_get_fit (EaselImageView *self)
{
  g_return_val_if_fail (EASEL_IS_IMAGE_VIEW (self), FALSE);

  return self->viewport.fit;
}

void
easel_image_view_set_fit (EaselImageView *self,
                          gboolean        fit)
{
  g_return_if_fail (EASEL_IS_IMAGE_VIEW (self));

  easel_viewport_set_fit (&self->viewport, fit);
}

gboolean
easel_image_view_get_comparing (EaselImageView *self)
{
  g_return_val_if_fail (EASEL_IS_IMAGE_VIEW (self), FALSE);

  return self->comparing;
}

/* Kept as set even without a compare texture (a toggle bound to it does
 * not bounce); the split shows once both textures are there. */
void
easel_image_view_set_comparing (EaselImageView *self,
                                gboolean        comparing)
{
  g_return_if_fail (EASEL_IS_IMAGE_VIEW (self));

  comparing = !!comparing;
  if (self->comparing == comparing)
    return;

  self->comparing = comparing;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  easel_image_view_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARING]);
}

double
easel_image_view_get_divider (EaselImageView *self)
{
  g_return_val_if_fail (EASEL_IS_IMAGE_VIEW (self), 0.5);

  return self->divider;
}

void
easel_image_view_set_divider (EaselImageView *self,
                              double          divider)
{
  g_return_if_fail (EASEL_IS_IMAGE_VIEW (self));

  divider = CLAMP (divider, 0.0, 1.0);
  if (self->divider == divider)
    return;

  self->divider = divider;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIVIDER]);
}

gboolean
easel_image_view_get_can_compare (EaselImageView *self)
{
  g_return_val_if_fail (EASEL_IS_IMAGE_VIEW (self), FALSE);

  return self->compare_texture != NULL;
}

void
easel_image_view_widget_to_image (EaselImageView *self,
                                  double          x,
                                  double          y,
                                  double         *image_x,
                                  double         *image_y)
{
  g_return_if_fail (EASEL_IS_IMAGE_VIEW (self));

  easel_viewport_widget_to_image (&self->viewport, x, y, image_x, image_y);
}
