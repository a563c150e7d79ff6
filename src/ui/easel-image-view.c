/* easel-image-view.c: one image, zoomable and pannable, with a before/after split
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

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

static void
image_size (EaselImageView *self,
            double         *width,
            double         *height)
{
  *width = self->texture ? gdk_texture_get_width (self->texture) : 0;
  *height = self->texture ? gdk_texture_get_height (self->texture) : 0;
}

static void
set_zoom_internal (EaselImageView *self,
                   double          zoom)
{
  if (self->zoom == zoom)
    return;

  self->zoom = zoom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
set_fit_internal (EaselImageView *self,
                  gboolean        fit)
{
  if (self->fit == fit)
    return;

  self->fit = fit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
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
relayout (EaselImageView *self,
          double          h,
          double          v)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double image_width, image_height;

  image_size (self, &image_width, &image_height);

  /* Unallocated, the fit zoom is unknown: the first allocation sets it. */
  if (self->fit && image_width > 0 && width > 0 && height > 0)
    {
      double zoom = MIN (1.0, MIN (width / image_width, height / image_height));

      set_zoom_internal (self, CLAMP (zoom, EASEL_IMAGE_VIEW_MIN_ZOOM, EASEL_IMAGE_VIEW_MAX_ZOOM));
    }

  configure_adjustment (self->hadjustment, h, width, image_width * self->zoom);
  configure_adjustment (self->vadjustment, v, height, image_height * self->zoom);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
relayout_in_place (EaselImageView *self)
{
  relayout (self, gtk_adjustment_get_value (self->hadjustment),
            gtk_adjustment_get_value (self->vadjustment));
}

/* Where the whole image lies in widget coordinates: centred on an axis
 * where it is smaller than the view, scrolled on the others. Whole logical
 * pixels, so 1:1 stays sharp after a zoom about an arbitrary point. */
void
easel_image_view_get_image_rect (EaselImageView  *self,
                                 graphene_rect_t *rect)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double image_width, image_height, content_width, content_height, x, y;

  image_size (self, &image_width, &image_height);
  content_width = image_width * self->zoom;
  content_height = image_height * self->zoom;

  x = content_width < width ? (width - content_width) / 2
                            : -gtk_adjustment_get_value (self->hadjustment);
  y = content_height < height ? (height - content_height) / 2
                              : -gtk_adjustment_get_value (self->vadjustment);

  graphene_rect_init (rect, round (x), round (y), content_width, content_height);
}

gboolean
easel_image_view_is_comparing_now (EaselImageView *self)
{
  return self->comparing && self->texture != NULL && self->compare_texture != NULL;
}

void
easel_image_view_pan_to (EaselImageView *self,
                         double          h,
                         double          v)
{
  gtk_adjustment_set_value (self->hadjustment, h);
  gtk_adjustment_set_value (self->vadjustment, v);
}

static void
easel_image_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  relayout_in_place (EASEL_IMAGE_VIEW (widget));
}

static void
set_adjustment (EaselImageView  *self,
                GtkOrientation   orientation,
                GtkAdjustment   *adjustment)
{
  GtkAdjustment **slot = orientation == GTK_ORIENTATION_HORIZONTAL ? &self->hadjustment
                                                                   : &self->vadjustment;

  if (adjustment != NULL && adjustment == *slot)
    return;

  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, gtk_widget_queue_draw, self);
      g_object_unref (*slot);
    }

  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (gtk_widget_queue_draw), self);

  if (self->hadjustment != NULL && self->vadjustment != NULL)
    relayout_in_place (self);

  g_object_notify (G_OBJECT (self), orientation == GTK_ORIENTATION_HORIZONTAL ? "hadjustment"
                                                                             : "vadjustment");
}

static void
set_policy (EaselImageView      *self,
            GtkScrollablePolicy *slot,
            GtkScrollablePolicy  policy,
            const char          *name)
{
  if (*slot == policy)
    return;

  *slot = policy;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify (G_OBJECT (self), name);
}

static void
easel_image_view_dispose (GObject *object)
{
  EaselImageView *self = EASEL_IMAGE_VIEW (object);

  g_clear_object (&self->texture);
  g_clear_object (&self->compare_texture);

  for (guint i = 0; i < 2; i++)
    {
      GtkAdjustment **slot = i == 0 ? &self->hadjustment : &self->vadjustment;

      if (*slot != NULL)
        g_signal_handlers_disconnect_by_func (*slot, gtk_widget_queue_draw, self);
      g_clear_object (slot);
    }

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
      g_value_set_double (value, self->zoom);
      break;
    case PROP_FIT:
      g_value_set_boolean (value, self->fit);
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
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
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
    case PROP_HADJUSTMENT:
      set_adjustment (self, GTK_ORIENTATION_HORIZONTAL, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, GTK_ORIENTATION_VERTICAL, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      set_policy (self, &self->hscroll_policy, g_value_get_enum (value), "hscroll-policy");
      break;
    case PROP_VSCROLL_POLICY:
      set_policy (self, &self->vscroll_policy, g_value_get_enum (value), "vscroll-policy");
      break;
    default:
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

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  gtk_widget_class_set_css_name (widget_class, "image-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  easel_image_view_class_init_input (widget_class);
}

static void
easel_image_view_init (EaselImageView *self)
{
  self->zoom = 1.0;
  self->fit = TRUE;
  self->divider = 0.5;

  set_adjustment (self, GTK_ORIENTATION_HORIZONTAL, NULL);
  set_adjustment (self, GTK_ORIENTATION_VERTICAL, NULL);

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

  relayout_in_place (self);
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

  return self->zoom;
}

void
easel_image_view_zoom_at (EaselImageView *self,
                          double          zoom,
                          double          anchor_x,
                          double          anchor_y)
{
  double image_x, image_y;

  g_return_if_fail (EASEL_IS_IMAGE_VIEW (self));

  zoom = CLAMP (zoom, EASEL_IMAGE_VIEW_MIN_ZOOM, EASEL_IMAGE_VIEW_MAX_ZOOM);
  easel_image_view_widget_to_image (self, anchor_x, anchor_y, &image_x, &image_y);

  set_fit_internal (self, FALSE);
  set_zoom_internal (self, zoom);
  /* Scrolled so the same image point lands under the anchor again; where
   * the image is smaller than the view the range forces 0 and it centres. */
  relayout (self, image_x * zoom - anchor_x, image_y * zoom - anchor_y);
}

void
easel_image_view_zoom_in (EaselImageView *self)
{
  g_return_if_fail (EASEL_IS_IMAGE_VIEW (self));

  easel_image_view_zoom_at (self, self->zoom * G_SQRT2,
                            gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                            gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
easel_image_view_zoom_out (EaselImageView *self)
{
  g_return_if_fail (EASEL_IS_IMAGE_VIEW (self));

  easel_image_view_zoom_at (self, self->zoom / G_SQRT2,
                            gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                            gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

gboolean
easel_image_view_get_fit (EaselImageView *self)
{
  g_return_val_if_fail (EASEL_IS_IMAGE_VIEW (self), FALSE);

  return self->fit;
}

/* Turning fit off keeps the zoom fit had reached, fixed from now on. */
void
easel_image_view_set_fit (EaselImageView *self,
                          gboolean        fit)
{
  g_return_if_fail (EASEL_IS_IMAGE_VIEW (self));

  fit = !!fit;
  if (self->fit == fit)
    return;

  set_fit_internal (self, fit);
  relayout_in_place (self);
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
  graphene_rect_t rect;

  g_return_if_fail (EASEL_IS_IMAGE_VIEW (self));

  easel_image_view_get_image_rect (self, &rect);
  if (image_x != NULL)
    *image_x = (x - rect.origin.x) / self->zoom;
  if (image_y != NULL)
    *image_y = (y - rect.origin.y) / self->zoom;
}
