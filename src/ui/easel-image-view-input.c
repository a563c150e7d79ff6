/* easel-image-view-input.c: the image view's pointer, touch and keyboard input
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "easel-image-view-private.h"

static void
update_cursor (EaselImageView *self)
{
  const char *name = NULL;

  if (self->drag == EASEL_IMAGE_VIEW_DRAG_DIVIDER)
    name = "ew-resize";
  else if (self->drag == EASEL_IMAGE_VIEW_DRAG_PAN)
    name = "grabbing";
  else if (self->has_pointer &&
           easel_image_view_is_on_divider (self, self->pointer_x, self->pointer_y))
    name = "ew-resize";
  else if (easel_viewport_can_pan (&self->viewport))
    name = "grab";

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

gboolean
easel_image_view_drag_begin (EaselImageView *self,
                             guint           button,
                             double          x,
                             double          y)
{
  g_return_val_if_fail (EASEL_IS_IMAGE_VIEW (self), FALSE);

  if (button == GDK_BUTTON_PRIMARY && easel_image_view_is_on_divider (self, x, y))
    self->drag = EASEL_IMAGE_VIEW_DRAG_DIVIDER;
  else if (button == GDK_BUTTON_PRIMARY || button == GDK_BUTTON_MIDDLE)
    self->drag = EASEL_IMAGE_VIEW_DRAG_PAN;
  else
    return FALSE;

  self->drag_start_x = x;
  self->drag_start_y = y;
  self->drag_start_h = gtk_adjustment_get_value (self->viewport.hadjustment);
  self->drag_start_v = gtk_adjustment_get_value (self->viewport.vadjustment);
  self->drag_start_divider = easel_image_view_get_divider (self);

  /* A click into the picture is how a mouse user gets its keys. */
  gtk_widget_grab_focus (GTK_WIDGET (self));
  update_cursor (self);

  return TRUE;
}

void
easel_image_view_drag_update (EaselImageView *self,
                              double          offset_x,
                              double          offset_y)
{
  g_return_if_fail (EASEL_IS_IMAGE_VIEW (self));

  if (self->drag == EASEL_IMAGE_VIEW_DRAG_PAN)
    {
      /* The picture follows the hand, so the view moves against it. */
      easel_viewport_pan_to (&self->viewport, self->drag_start_h - offset_x,
                             self->drag_start_v - offset_y);
    }
  else if (self->drag == EASEL_IMAGE_VIEW_DRAG_DIVIDER)
    {
      graphene_rect_t rect;

      easel_viewport_get_image_rect (&self->viewport, &rect);
      if (rect.size.width > 0)
        easel_image_view_set_divider (self, self->drag_start_divider + offset_x / rect.size.width);
    }
}

void
easel_image_view_drag_end (EaselImageView *self)
{
  g_return_if_fail (EASEL_IS_IMAGE_VIEW (self));

  self->drag = EASEL_IMAGE_VIEW_DRAG_NONE;
  update_cursor (self);
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               EaselImageView *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (easel_image_view_drag_begin (self, button, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  else
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                EaselImageView *self)
{
  easel_image_view_drag_update (self, offset_x, offset_y);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             EaselImageView *self)
{
  easel_image_view_drag_end (self);
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           EaselImageView           *self)
{
  return easel_viewport_scroll_event (&self->viewport, controller, dx, dy,
                                      self->has_pointer ? &GRAPHENE_POINT_INIT (self->pointer_x,
                                                                                self->pointer_y)
                                                        : NULL);
}

static void
on_pinch_begin (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                EaselImageView   *self)
{
  self->pinch_start_zoom = easel_image_view_get_zoom (self);
}

static void
on_pinch_scale_changed (GtkGestureZoom *gesture,
                        double          scale,
                        EaselImageView *self)
{
  double x, y;

  if (gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    easel_image_view_zoom_at (self, self->pinch_start_zoom * scale, x, y);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           EaselImageView           *self)
{
  self->has_pointer = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  update_cursor (self);
}

static void
on_leave (GtkEventControllerMotion *controller,
          EaselImageView           *self)
{
  self->has_pointer = FALSE;
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EaselImageView *self = EASEL_IMAGE_VIEW (widget);

  if (g_str_equal (action_name, "image-view.zoom-in"))
    easel_image_view_zoom_in (self);
  else if (g_str_equal (action_name, "image-view.zoom-out"))
    easel_image_view_zoom_out (self);
  else if (g_str_equal (action_name, "image-view.zoom-fit"))
    easel_image_view_set_fit (self, TRUE);
  else if (g_str_equal (action_name, "image-view.zoom-actual"))
    easel_image_view_zoom_at (self, 1.0, gtk_widget_get_width (widget) / 2.0,
                              gtk_widget_get_height (widget) / 2.0);
  else
    g_assert_not_reached ();
}

static void
move_divider_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EaselImageView *self = EASEL_IMAGE_VIEW (widget);

  easel_image_view_set_divider (self, easel_image_view_get_divider (self) +
                                g_variant_get_double (parameter));
}

void
easel_image_view_update_actions (EaselImageView *self)
{
  /* Disabled, the arrow keys go on to move the focus as usual. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "image-view.move-divider",
                                 easel_image_view_is_comparing_now (self));
}

void
easel_image_view_class_init_input (GtkWidgetClass *widget_class)
{
  static const struct {
    guint       keyval;
    const char *action;
  } zoom_keys[] = {
    { GDK_KEY_plus, "image-view.zoom-in" },
    { GDK_KEY_equal, "image-view.zoom-in" },
    { GDK_KEY_KP_Add, "image-view.zoom-in" },
    { GDK_KEY_minus, "image-view.zoom-out" },
    { GDK_KEY_KP_Subtract, "image-view.zoom-out" },
    { GDK_KEY_0, "image-view.zoom-fit" },
    { GDK_KEY_KP_0, "image-view.zoom-fit" },
    { GDK_KEY_1, "image-view.zoom-actual" },
    { GDK_KEY_KP_1, "image-view.zoom-actual" },
  };

  gtk_widget_class_install_action (widget_class, "image-view.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "image-view.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "image-view.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "image-view.zoom-actual", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "image-view.move-divider", "d",
                                   move_divider_action);

  for (guint i = 0; i < G_N_ELEMENTS (zoom_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, zoom_keys[i].keyval, 0,
                                         zoom_keys[i].action, NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "image-view.move-divider",
                                       "d", -EASEL_IMAGE_VIEW_DIVIDER_STEP);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "image-view.move-divider",
                                       "d", EASEL_IMAGE_VIEW_DIVIDER_STEP);
}

void
easel_image_view_init_input (EaselImageView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *pinch = gtk_gesture_zoom_new ();
  GtkEventController *scroll =
    gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *motion = gtk_event_controller_motion_new ();

  /* Any button: drag_begin() picks the ones it takes. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (pinch, "begin", G_CALLBACK (on_pinch_begin), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (on_pinch_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));
  /* Grouped, the first finger's drag claim does not deny the pinch. */
  gtk_gesture_group (pinch, drag);

  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  g_signal_connect (motion, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  easel_image_view_update_actions (self);
}
