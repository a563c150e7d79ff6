/* easel-mask-canvas-input.c: painting, panning and zooming the mask canvas with
 * the pointer, touch and Space
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The keys of the editor (tools, sizes, zoom steps, undo) belong to its
 * window; the canvas takes only Space, held for panning, and the
 * pointer. One drag gesture on the primary button paints (or pans with
 * Space held), one on the middle button pans; a stylus drives the primary
 * one like a mouse. Tests and the benchmark emit the gestures' own
 * signals, which is the path real events take. */

#include "config.h"

#include "easel-mask-canvas-private.h"

static void
set_cursor (EaselMaskCanvas *self,
            const char      *name)
{
  GdkCursor *cursor = gtk_widget_get_cursor (GTK_WIDGET (self));

  /* Motion asks at every event: only a change makes a new cursor. */
  if (cursor == NULL ? name == NULL
                     : g_strcmp0 (gdk_cursor_get_name (cursor), name) == 0)
    return;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

void
easel_mask_canvas_update_cursor (EaselMaskCanvas *self)
{
  const char *name = NULL;

  if (self->drag == EASEL_MASK_CANVAS_DRAG_PAN)
    name = "grabbing";
  else if (self->space_held)
    name = "grab";
  else if (self->mask != NULL)
    /* The outline is the cursor; too small to see, a crosshair is. */
    name = easel_mask_canvas_outline_diameter (self) >= EASEL_MASK_CANVAS_MIN_OUTLINE
           ? "none" : "crosshair";

  set_cursor (self, name);
}

static void
move_pointer (EaselMaskCanvas *self,
              double           x,
              double           y)
{
  gboolean was_shown = self->has_pointer;

  self->has_pointer = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  /* Only the outline moves: its node is all that is redrawn. */
  if (self->mask != NULL || was_shown)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
paint_to (EaselMaskCanvas *self,
          double           x,
          double           y)
{
  double image_x, image_y;

  easel_viewport_widget_to_image (&self->viewport, x, y, &image_x, &image_y);
  /* The mask's "changed" marks the overlay tiles to rebuild. */
  easel_mask_stroke_to (self->mask, image_x, image_y, NULL);
}

/* Motion events are merged to one a frame; the ones merged into @event
 * come as its history, so a quick curve stays a curve. (@x, @y) is where
 * @event is in widget coordinates. */
static void
paint_history (EaselMaskCanvas *self,
               GdkEvent        *event,
               double           x,
               double           y)
{
  g_autofree GdkTimeCoord *history = NULL;
  GdkEventType type;
  double event_x, event_y;
  guint n = 0;

  if (event == NULL)
    return;

  type = gdk_event_get_event_type (event);
  if ((type != GDK_MOTION_NOTIFY && type != GDK_TOUCH_UPDATE) ||
      !gdk_event_get_position (event, &event_x, &event_y))
    return;

  history = gdk_event_get_history (event, &n);
  for (guint i = 0; i < n; i++)
    if ((history[i].flags & GDK_AXIS_FLAG_X) && (history[i].flags & GDK_AXIS_FLAG_Y))
      paint_to (self, history[i].axes[GDK_AXIS_X] - event_x + x,
                history[i].axes[GDK_AXIS_Y] - event_y + y);
}

static void
begin_drag (EaselMaskCanvas     *self,
            GtkGesture          *gesture,
            EaselMaskCanvasDrag  drag,
            double               x,
            double               y)
{
  self->drag = drag;
  self->drag_gesture = gesture;
  self->drag_start_x = x;
  self->drag_start_y = y;
  self->drag_start_h = gtk_adjustment_get_value (self->viewport.hadjustment);
  self->drag_start_v = gtk_adjustment_get_value (self->viewport.vadjustment);

  if (drag == EASEL_MASK_CANVAS_DRAG_PAINT)
    {
      easel_mask_begin_stroke (self->mask, self->tool, self->brush_size, self->hardness);
      paint_to (self, x, y);
    }

  /* A click into the picture is how a mouse user gets Space. */
  gtk_widget_grab_focus (GTK_WIDGET (self));
  easel_mask_canvas_update_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_drag (EaselMaskCanvas *self,
             GdkEvent        *event,
             double           offset_x,
             double           offset_y)
{
  double x = self->drag_start_x + offset_x, y = self->drag_start_y + offset_y;

  switch (self->drag)
    {
    case EASEL_MASK_CANVAS_DRAG_PAINT:
      move_pointer (self, x, y);
      paint_history (self, event, x, y);
      paint_to (self, x, y);
      break;
    case EASEL_MASK_CANVAS_DRAG_PAN:
      /* The picture follows the hand, so the view moves against it. */
      easel_viewport_pan_to (&self->viewport, self->drag_start_h - offset_x,
                             self->drag_start_v - offset_y);
      break;
    case EASEL_MASK_CANVAS_DRAG_NONE:
    default:
      break;
    }
}

void
easel_mask_canvas_cancel_drag (EaselMaskCanvas *self)
{
  EaselMaskCanvasDrag drag = self->drag;

  if (drag == EASEL_MASK_CANVAS_DRAG_NONE)
    return;

  self->drag = EASEL_MASK_CANVAS_DRAG_NONE;
  self->drag_gesture = NULL;
  /* Ending the stroke records it as one undo step; cut short, what it
   * painted so far is still a stroke the user made. */
  if (drag == EASEL_MASK_CANVAS_DRAG_PAINT && easel_mask_in_stroke (self->mask))
    easel_mask_end_stroke (self->mask);

  easel_mask_canvas_update_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_paint_begin (GtkGestureDrag  *gesture,
                double           x,
                double           y,
                EaselMaskCanvas *self)
{
  EaselMaskCanvasDrag drag = self->space_held ? EASEL_MASK_CANVAS_DRAG_PAN
                             : self->mask != NULL ? EASEL_MASK_CANVAS_DRAG_PAINT
                             : EASEL_MASK_CANVAS_DRAG_NONE;

  /* One drag at a time: the middle button may be panning already. */
  if (self->drag != EASEL_MASK_CANVAS_DRAG_NONE || drag == EASEL_MASK_CANVAS_DRAG_NONE)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  begin_drag (self, GTK_GESTURE (gesture), drag, x, y);
}

static void
on_pan_begin (GtkGestureDrag  *gesture,
              double           x,
              double           y,
              EaselMaskCanvas *self)
{
  if (self->drag != EASEL_MASK_CANVAS_DRAG_NONE)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  begin_drag (self, GTK_GESTURE (gesture), EASEL_MASK_CANVAS_DRAG_PAN, x, y);
}

static void
on_drag_update (GtkGestureDrag  *gesture,
                double           offset_x,
                double           offset_y,
                EaselMaskCanvas *self)
{
  /* Only the gesture that began the drag moves it. */
  if (GTK_GESTURE (gesture) != self->drag_gesture)
    return;

  update_drag (self, gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture)),
               offset_x, offset_y);
}

static void
on_drag_end (GtkGestureDrag  *gesture,
             double           offset_x,
             double           offset_y,
             EaselMaskCanvas *self)
{
  if (GTK_GESTURE (gesture) == self->drag_gesture)
    easel_mask_canvas_cancel_drag (self);
}

static void
on_drag_cancel (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                EaselMaskCanvas  *self)
{
  if (gesture == self->drag_gesture)
    easel_mask_canvas_cancel_drag (self);
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           EaselMaskCanvas          *self)
{
  /* Zooming mid-stroke would move the stroke under the hand. */
  if (self->drag == EASEL_MASK_CANVAS_DRAG_PAINT &&
      (gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller)) &
       GDK_CONTROL_MASK))
    return TRUE;

  return easel_viewport_scroll_event (&self->viewport, controller, dx, dy,
                                      self->has_pointer ? &GRAPHENE_POINT_INIT (self->pointer_x,
                                                                                self->pointer_y)
                                                        : NULL);
}

static void
on_pinch_begin (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                EaselMaskCanvas  *self)
{
  self->pinch_start_zoom = self->viewport.zoom;
}

static void
on_pinch_scale_changed (GtkGestureZoom  *gesture,
                        double           scale,
                        EaselMaskCanvas *self)
{
  double x, y;

  if (self->drag == EASEL_MASK_CANVAS_DRAG_PAINT)
    return;

  if (gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    easel_viewport_zoom_at (&self->viewport, self->pinch_start_zoom * scale, x, y);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           EaselMaskCanvas          *self)
{
  move_pointer (self, x, y);
  easel_mask_canvas_update_cursor (self);
}

static void
on_leave (GtkEventControllerMotion *controller,
          EaselMaskCanvas          *self)
{
  self->has_pointer = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_space_held (EaselMaskCanvas *self,
                gboolean         held)
{
  if (self->space_held == held)
    return;

  self->space_held = held;
  easel_mask_canvas_update_cursor (self);
  /* The outline hides while the hand shows. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                EaselMaskCanvas       *self)
{
  if (keyval != GDK_KEY_space && keyval != GDK_KEY_KP_Space)
    return FALSE;

  set_space_held (self, TRUE);
  return TRUE;
}

static void
on_key_released (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 EaselMaskCanvas       *self)
{
  if (keyval == GDK_KEY_space || keyval == GDK_KEY_KP_Space)
    set_space_held (self, FALSE);
}

/* A release the canvas never sees (focus moved meanwhile) must not leave
 * it panning. */
static void
on_focus_leave (GtkEventControllerFocus *controller,
                EaselMaskCanvas         *self)
{
  set_space_held (self, FALSE);
}

static GtkGesture *
add_drag (EaselMaskCanvas *self,
          guint            button,
          GCallback        begin)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), button);
  g_signal_connect (drag, "drag-begin", begin, self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (on_drag_cancel), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  return drag;
}

void
easel_mask_canvas_init_input (EaselMaskCanvas *self)
{
  GtkGesture *pinch = gtk_gesture_zoom_new ();
  GtkEventController *scroll =
    gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->paint_gesture = add_drag (self, GDK_BUTTON_PRIMARY, G_CALLBACK (on_paint_begin));
  self->pan_gesture = add_drag (self, GDK_BUTTON_MIDDLE, G_CALLBACK (on_pan_begin));

  g_signal_connect (pinch, "begin", G_CALLBACK (on_pinch_begin), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (on_pinch_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));

  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  g_signal_connect (motion, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  g_signal_connect (key, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  g_signal_connect (self, "notify::zoom", G_CALLBACK (easel_mask_canvas_update_cursor), NULL);
}
