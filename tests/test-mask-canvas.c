/* test-mask-canvas.c: the mask canvas in a real window: strokes through its
 * gestures, zoom and pan, the overlay's pixels, scrolling, Space, cursors
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "easel-mask-canvas-private.h"
#include "easel-test-utils.h"

#define VIEW_WIDTH  640
#define VIEW_HEIGHT 360

typedef struct
{
  GtkWindow       *window;
  EaselMaskCanvas *canvas;
  EaselMask       *mask;
} Fixture;

/* A picture to paint on: a diagonal gradient under a coarse checker, so
 * screenshots show where the overlay is and where it is not. */
static GdkTexture *
scene (int width,
       int height)
{
  gsize stride = (gsize) width * 4;
  guchar *data = g_malloc (stride * height);
  g_autoptr(GBytes) bytes = NULL;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guchar *p = data + y * stride + x * 4;
        double t = (double) (x + y) / (width + height);
        gboolean dark = ((x * 8 / width) + (y * 6 / height)) % 2;

        p[0] = (guchar) (40 + 180 * t) - (dark ? 30 : 0);
        p[1] = (guchar) (150 - 60 * t) - (dark ? 30 : 0);
        p[2] = (guchar) (210 - 120 * t) - (dark ? 30 : 0);
        p[3] = 0xff;
      }

  bytes = g_bytes_new_take (data, stride * height);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, bytes, stride);
}

static GdkTexture *
plain (int     width,
       int     height,
       guint32 rgb)
{
  gsize stride = (gsize) width * 4;
  guchar *data = g_malloc (stride * height);
  g_autoptr(GBytes) bytes = NULL;

  for (gsize i = 0; i < stride * height; i += 4)
    {
      data[i] = rgb >> 16;
      data[i + 1] = (rgb >> 8) & 0xff;
      data[i + 2] = rgb & 0xff;
      data[i + 3] = 0xff;
    }

  bytes = g_bytes_new_take (data, stride * height);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, bytes, stride);
}

static gboolean
tiles_ready (gpointer data)
{
  return easel_mask_canvas_tiles_ready (data);
}

/* Shows @source with a new mask of its size; waits for the tiles and a
 * frame. */
static void
show (Fixture    *f,
      GdkTexture *source)
{
  g_clear_object (&f->mask);
  f->mask = easel_mask_new (gdk_texture_get_width (source), gdk_texture_get_height (source));
  easel_mask_canvas_set_source (f->canvas, source, f->mask);
  g_object_unref (source);
  easel_test_wait_until (tiles_ready, f->canvas, "the source's tiles");
  easel_test_wait_for_frame (GTK_WIDGET (f->canvas));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_decorated (f->window, FALSE);
  gtk_window_set_default_size (f->window, VIEW_WIDTH, VIEW_HEIGHT);
  f->canvas = EASEL_MASK_CANVAS (easel_mask_canvas_new ());
  g_object_ref_sink (f->canvas);
  gtk_window_set_child (f->window, GTK_WIDGET (f->canvas));
  gtk_window_present (f->window);
  easel_test_wait_for_frame (GTK_WIDGET (f->canvas));

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->canvas)), ==, VIEW_WIDTH);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->canvas)), ==, VIEW_HEIGHT);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_assert_finalize_object (f->canvas);
  if (f->mask != NULL)
    g_assert_finalize_object (f->mask);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* A stroke through the primary button's drag gesture, by its own
 * signals: begin at the first point, an update a point, then the end. */
static void
stroke (Fixture            *f,
        const graphene_point_t *points,
        guint               n_points)
{
  GtkGesture *drag = f->canvas->paint_gesture;
  double x0 = points[0].x, y0 = points[0].y;

  g_signal_emit_by_name (drag, "drag-begin", x0, y0);
  for (guint i = 1; i < n_points; i++)
    g_signal_emit_by_name (drag, "drag-update", points[i].x - x0, points[i].y - y0);
  g_signal_emit_by_name (drag, "drag-end", points[n_points - 1].x - x0,
                         points[n_points - 1].y - y0);
}

/* A straight stroke in many small steps, as a pointer would go. */
static void
stroke_line (Fixture *f,
             double   x0,
             double   y0,
             double   x1,
             double   y1)
{
  graphene_point_t points[41];

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    graphene_point_init (&points[i], x0 + (x1 - x0) * i / 40, y0 + (y1 - y0) * i / 40);
  stroke (f, points, G_N_ELEMENTS (points));
}

/* The mask under widget point (@x, @y). */
static guint8
mask_at (Fixture *f,
         double   x,
         double   y)
{
  double image_x, image_y;

  easel_mask_canvas_widget_to_image (f->canvas, x, y, &image_x, &image_y);
  g_assert_cmpfloat (image_x, >=, 0);
  g_assert_cmpfloat (image_y, >=, 0);
  return easel_mask_get_value (f->mask, (guint) image_x, (guint) image_y);
}

static void
test_stroke_paints (Fixture       *f,
                    gconstpointer  data)
{
  show (f, scene (1280, 720));
  g_assert_cmpfloat (easel_mask_canvas_get_zoom (f->canvas), ==, 0.5);
  easel_mask_canvas_set_brush_size (f->canvas, 24);
  easel_mask_canvas_set_hardness (f->canvas, 1.0);

  stroke_line (f, 100, 100, 300, 160);
  g_assert_false (easel_mask_in_stroke (f->mask));
  g_assert_true (easel_mask_can_undo (f->mask));

  /* Along the path: painted. The brush is 24 image pixels, 12 on screen. */
  for (int i = 0; i <= 10; i++)
    g_assert_cmpuint (mask_at (f, 100 + 20 * i, 100 + 6 * i), ==, 255);
  /* Across it, past the brush's radius: not. */
  for (int i = 0; i <= 10; i++)
    {
      g_assert_cmpuint (mask_at (f, 100 + 20 * i, 100 + 6 * i - 12), ==, 0);
      g_assert_cmpuint (mask_at (f, 100 + 20 * i, 100 + 6 * i + 12), ==, 0);
    }
  /* Before the start and past the end. */
  g_assert_cmpuint (mask_at (f, 90, 97), ==, 0);
  g_assert_cmpuint (mask_at (f, 310, 163), ==, 0);

  /* The whole drag was one stroke: one undo clears it. */
  g_assert_true (easel_mask_undo (f->mask));
  g_assert_true (easel_mask_is_empty (f->mask));
  g_assert_false (easel_mask_can_undo (f->mask));
}

static void
test_zoom_pan_keep_stroke_under_pointer (Fixture       *f,
                                         gconstpointer  data)
{
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas));
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->canvas));
  double before_x, before_y, after_x, after_y, shifted_x, shifted_y;

  show (f, scene (1280, 720));
  easel_mask_canvas_set_brush_size (f->canvas, 8);
  easel_mask_canvas_set_hardness (f->canvas, 1.0);

  /* Zoom 4 about a point: the image point under it stays. */
  easel_mask_canvas_widget_to_image (f->canvas, 250, 140, &before_x, &before_y);
  easel_mask_canvas_zoom_at (f->canvas, 4.0, 250, 140);
  g_assert_cmpfloat (easel_mask_canvas_get_zoom (f->canvas), ==, 4.0);
  g_assert_false (easel_mask_canvas_get_fit (f->canvas));
  easel_mask_canvas_widget_to_image (f->canvas, 250, 140, &after_x, &after_y);
  g_assert_cmpfloat_with_epsilon (after_x, before_x, 0.5 / 4 + 1e-9);
  g_assert_cmpfloat_with_epsilon (after_y, before_y, 0.5 / 4 + 1e-9);

  /* A dab there lands on that image point. */
  stroke_line (f, 250, 140, 250, 140);
  g_assert_cmpuint (easel_mask_get_value (f->mask, (guint) after_x, (guint) after_y), ==, 255);
  g_assert_cmpuint (easel_mask_get_value (f->mask, (guint) after_x + 6, (guint) after_y), ==, 0);

  /* Panned by (100, 60) screen pixels, the same widget point is 25, 15
   * image pixels further, and a stroke there paints there. */
  gtk_adjustment_set_value (h, gtk_adjustment_get_value (h) + 100);
  gtk_adjustment_set_value (v, gtk_adjustment_get_value (v) + 60);
  easel_mask_canvas_widget_to_image (f->canvas, 250, 140, &shifted_x, &shifted_y);
  g_assert_cmpfloat_with_epsilon (shifted_x, after_x + 25, 0.25 + 1e-9);
  g_assert_cmpfloat_with_epsilon (shifted_y, after_y + 15, 0.25 + 1e-9);

  stroke_line (f, 230, 140, 270, 140);
  for (int dx = -20; dx <= 20; dx += 4)
    g_assert_cmpuint (easel_mask_get_value (f->mask, (guint) (shifted_x + dx / 4.0),
                                            (guint) shifted_y), ==, 255);
  g_assert_cmpuint (easel_mask_get_value (f->mask, (guint) shifted_x, (guint) shifted_y + 6),
                    ==, 0);
  /* The first dab is still the only paint near the old point. */
  g_assert_cmpuint (easel_mask_get_value (f->mask, (guint) after_x + 10, (guint) after_y), ==, 0);
}

static void
test_eraser (Fixture       *f,
             gconstpointer  data)
{
  guint tool_notes = 0;

  show (f, scene (1280, 720));
  g_signal_connect (f->canvas, "notify::tool", G_CALLBACK (count_notify), &tool_notes);
  easel_mask_fill (f->mask);
  easel_mask_canvas_set_brush_size (f->canvas, 40);
  easel_mask_canvas_set_hardness (f->canvas, 1.0);
  easel_mask_canvas_set_tool (f->canvas, EASEL_MASK_TOOL_ERASER);
  easel_mask_canvas_set_tool (f->canvas, EASEL_MASK_TOOL_ERASER);
  g_assert_cmpuint (tool_notes, ==, 1);

  stroke_line (f, 200, 200, 400, 200);
  for (int x = 200; x <= 400; x += 10)
    g_assert_cmpuint (mask_at (f, x, 200), ==, 0);
  g_assert_cmpuint (mask_at (f, 300, 170), ==, 255);
  g_assert_cmpuint (mask_at (f, 150, 200), ==, 255);

  /* Back to the brush, over the erased line. */
  easel_mask_canvas_set_tool (f->canvas, EASEL_MASK_TOOL_BRUSH);
  stroke_line (f, 250, 200, 350, 200);
  g_assert_cmpuint (mask_at (f, 300, 200), ==, 255);
  g_assert_cmpuint (mask_at (f, 220, 200), ==, 0);
  g_assert_cmpuint (tool_notes, ==, 2);
}

static void
test_setters_clamp (Fixture       *f,
                    gconstpointer  data)
{
  guint size_notes = 0, hardness_notes = 0, opacity_notes = 0, color_notes = 0;
  guint visible_notes = 0;
  GdkRGBA color;

  g_signal_connect (f->canvas, "notify::brush-size", G_CALLBACK (count_notify), &size_notes);
  g_signal_connect (f->canvas, "notify::hardness", G_CALLBACK (count_notify), &hardness_notes);
  g_signal_connect (f->canvas, "notify::overlay-opacity", G_CALLBACK (count_notify),
                    &opacity_notes);
  g_signal_connect (f->canvas, "notify::overlay-color", G_CALLBACK (count_notify),
                    &color_notes);
  g_signal_connect (f->canvas, "notify::overlay-visible", G_CALLBACK (count_notify),
                    &visible_notes);

  easel_mask_canvas_set_brush_size (f->canvas, 0.2);
  g_assert_cmpfloat (easel_mask_canvas_get_brush_size (f->canvas), ==, EASEL_MASK_MIN_BRUSH_SIZE);
  easel_mask_canvas_set_brush_size (f->canvas, 5000);
  g_assert_cmpfloat (easel_mask_canvas_get_brush_size (f->canvas), ==, EASEL_MASK_MAX_BRUSH_SIZE);
  easel_mask_canvas_set_brush_size (f->canvas, 5000);
  g_assert_cmpuint (size_notes, ==, 2);

  easel_mask_canvas_set_hardness (f->canvas, -1);
  g_assert_cmpfloat (easel_mask_canvas_get_hardness (f->canvas), ==, 0.0);
  easel_mask_canvas_set_hardness (f->canvas, 7);
  g_assert_cmpfloat (easel_mask_canvas_get_hardness (f->canvas), ==, 1.0);
  easel_mask_canvas_set_hardness (f->canvas, 1.0);
  g_assert_cmpuint (hardness_notes, ==, 2);

  easel_mask_canvas_set_overlay_opacity (f->canvas, 3);
  g_assert_cmpfloat (easel_mask_canvas_get_overlay_opacity (f->canvas), ==, 1.0);
  easel_mask_canvas_set_overlay_opacity (f->canvas, -0.5);
  g_assert_cmpfloat (easel_mask_canvas_get_overlay_opacity (f->canvas), ==, 0.0);
  g_assert_cmpuint (opacity_notes, ==, 2);

  /* The colour's alpha is not the overlay's: opacity is. */
  easel_mask_canvas_set_overlay_color (f->canvas, &(GdkRGBA) { 0, 0.5, 1, 0.25 });
  easel_mask_canvas_get_overlay_color (f->canvas, &color);
  g_assert_true (gdk_rgba_equal (&color, &(GdkRGBA) { 0, 0.5, 1, 1 }));
  easel_mask_canvas_set_overlay_color (f->canvas, &(GdkRGBA) { 0, 0.5, 1, 1 });
  g_assert_cmpuint (color_notes, ==, 1);

  easel_mask_canvas_set_overlay_visible (f->canvas, FALSE);
  easel_mask_canvas_set_overlay_visible (f->canvas, FALSE);
  g_assert_false (easel_mask_canvas_get_overlay_visible (f->canvas));
  g_assert_cmpuint (visible_notes, ==, 1);

  /* Through properties too, as the editor binds them. */
  g_object_set (f->canvas, "brush-size", 12.0, "tool", EASEL_MASK_TOOL_ERASER, NULL);
  g_assert_cmpfloat (easel_mask_canvas_get_brush_size (f->canvas), ==, 12.0);
  g_assert_cmpint (easel_mask_canvas_get_tool (f->canvas), ==, EASEL_MASK_TOOL_ERASER);

  /* Zoom limits, and the zoom and fit properties. */
  show (f, scene (320, 180));
  g_object_set (f->canvas, "zoom", 2.0, NULL);
  {
    double zoom;
    gboolean fit;

    g_object_get (f->canvas, "zoom", &zoom, "fit", &fit, NULL);
    g_assert_cmpfloat (zoom, ==, 2.0);
    g_assert_false (fit);
    g_object_set (f->canvas, "fit", TRUE, NULL);
    g_object_get (f->canvas, "zoom", &zoom, NULL);
    g_assert_cmpfloat (zoom, ==, 1.0);
  }
  easel_mask_canvas_zoom_at (f->canvas, 1000, 0, 0);
  g_assert_cmpfloat (easel_mask_canvas_get_zoom (f->canvas), ==, EASEL_MASK_CANVAS_MAX_ZOOM);
  easel_mask_canvas_zoom_at (f->canvas, 0, 0, 0);
  g_assert_cmpfloat (easel_mask_canvas_get_zoom (f->canvas), ==, EASEL_MASK_CANVAS_MIN_ZOOM);
}

static void
test_sizes_must_agree (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GdkTexture) source = scene (200, 100);
  g_autoptr(GdkTexture) other = scene (100, 100);
  g_autoptr(EaselMask) mask = easel_mask_new (200, 100);
  g_autoptr(EaselMask) wrong = easel_mask_new (100, 50);
  guint mask_notes = 0;

  easel_mask_canvas_set_source (f->canvas, source, mask);
  g_signal_connect (f->canvas, "notify::mask", G_CALLBACK (count_notify), &mask_notes);

  g_test_expect_message ("Easel", G_LOG_LEVEL_CRITICAL, "*sizes_agree*");
  easel_mask_canvas_set_source (f->canvas, source, wrong);
  g_test_assert_expected_messages ();
  g_assert_true (easel_mask_canvas_get_mask (f->canvas) == mask);

  g_test_expect_message ("Easel", G_LOG_LEVEL_CRITICAL, "*sizes_agree*");
  g_object_set (f->canvas, "mask", wrong, NULL);
  g_test_assert_expected_messages ();
  g_assert_true (easel_mask_canvas_get_mask (f->canvas) == mask);
  g_assert_cmpuint (mask_notes, ==, 0);

  /* A new source of another size drops the old mask; its own follows. */
  g_object_set (f->canvas, "source", other, NULL);
  g_assert_null (easel_mask_canvas_get_mask (f->canvas));
  g_assert_cmpuint (mask_notes, ==, 1);
  g_object_set (f->canvas, "source", source, "mask", mask, NULL);
  g_assert_true (easel_mask_canvas_get_mask (f->canvas) == mask);
  g_assert_true (easel_mask_canvas_get_source (f->canvas) == source);

  /* A mask alone is shown over nothing; nothing at all draws nothing. */
  easel_mask_canvas_set_source (f->canvas, NULL, mask);
  g_assert_cmpfloat (easel_mask_canvas_get_zoom (f->canvas), ==, 1.0);
  easel_test_wait_for_frame (GTK_WIDGET (f->canvas));
  easel_mask_canvas_set_source (f->canvas, NULL, NULL);
  easel_test_wait_for_frame (GTK_WIDGET (f->canvas));
}

static void
test_scrollable (Fixture       *f,
                 gconstpointer  data)
{
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas));
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->canvas));
  guint zoom_notes = 0;

  g_signal_connect (f->canvas, "notify::zoom", G_CALLBACK (count_notify), &zoom_notes);
  show (f, scene (3840, 2160));
  g_assert_true (easel_mask_canvas_get_fit (f->canvas));
  g_assert_cmpfloat_with_epsilon (easel_mask_canvas_get_zoom (f->canvas), 1.0 / 6, 1e-9);
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), ==, VIEW_WIDTH);
  g_assert_cmpfloat (gtk_adjustment_get_page_size (h), ==, VIEW_WIDTH);

  easel_mask_canvas_zoom_at (f->canvas, 0.5, VIEW_WIDTH / 2, VIEW_HEIGHT / 2);
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), ==, 1920);
  g_assert_cmpfloat (gtk_adjustment_get_page_size (h), ==, VIEW_WIDTH);
  g_assert_cmpfloat (gtk_adjustment_get_upper (v), ==, 1080);
  g_assert_cmpfloat (gtk_adjustment_get_page_size (v), ==, VIEW_HEIGHT);

  easel_mask_canvas_zoom_in (f->canvas);
  g_assert_cmpfloat_with_epsilon (easel_mask_canvas_get_zoom (f->canvas), 0.5 * G_SQRT2, 1e-12);
  easel_mask_canvas_zoom_out (f->canvas);
  easel_mask_canvas_zoom_out (f->canvas);
  g_assert_cmpfloat_with_epsilon (easel_mask_canvas_get_zoom (f->canvas), 0.5 / G_SQRT2, 1e-12);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_upper (h), 3840 * 0.5 / G_SQRT2, 1e-6);

  /* Fit again, and it follows the window. */
  easel_mask_canvas_set_fit (f->canvas, TRUE);
  g_assert_cmpfloat_with_epsilon (easel_mask_canvas_get_zoom (f->canvas), 1.0 / 6, 1e-9);
  gtk_window_set_default_size (f->window, VIEW_WIDTH / 2, VIEW_HEIGHT / 2);
  easel_test_wait_for_frame (GTK_WIDGET (f->canvas));
  g_assert_cmpfloat_with_epsilon (easel_mask_canvas_get_zoom (f->canvas), 1.0 / 12, 1e-9);
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), ==, VIEW_WIDTH / 2);
  gtk_window_set_default_size (f->window, VIEW_WIDTH, VIEW_HEIGHT);
  easel_test_wait_for_frame (GTK_WIDGET (f->canvas));
  g_assert_cmpfloat_with_epsilon (easel_mask_canvas_get_zoom (f->canvas), 1.0 / 6, 1e-9);

  /* Fit never enlarges past 1:1. */
  show (f, scene (200, 100));
  g_assert_cmpfloat (easel_mask_canvas_get_zoom (f->canvas), ==, 1.0);
  g_assert_cmpuint (zoom_notes, >=, 5);
}

static void
test_scrolled_window (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  EaselMaskCanvas *canvas = EASEL_MASK_CANVAS (easel_mask_canvas_new ());
  g_autoptr(GdkTexture) source = scene (1280, 720);
  g_autoptr(EaselMask) mask = easel_mask_new (1280, 720);
  GtkAdjustment *h;
  double image_x;

  g_object_ref_sink (canvas);
  gtk_window_set_decorated (window, FALSE);
  gtk_window_set_default_size (window, VIEW_WIDTH, VIEW_HEIGHT);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (canvas));
  gtk_window_set_child (window, scrolled);
  gtk_window_present (window);
  easel_mask_canvas_set_source (canvas, source, mask);
  easel_test_wait_for_frame (GTK_WIDGET (canvas));

  /* The scrollbars are the canvas's. */
  h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (h == gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas)));
  easel_mask_canvas_zoom_at (canvas, 1.0, 0, 0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), ==, 1280);
  gtk_adjustment_set_value (h, 300);
  easel_mask_canvas_widget_to_image (canvas, 10, 0, &image_x, NULL);
  g_assert_cmpfloat (image_x, ==, 310);

  gtk_window_destroy (window);
  g_assert_finalize_object (canvas);
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }

  g_assert_not_reached ();
}

static const char *
cursor_name (Fixture *f)
{
  GdkCursor *cursor = gtk_widget_get_cursor (GTK_WIDGET (f->canvas));

  return cursor != NULL ? gdk_cursor_get_name (cursor) : NULL;
}

static void
test_pan (Fixture       *f,
          gconstpointer  data)
{
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas));
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->canvas));
  GtkEventController *key = find_controller (GTK_WIDGET (f->canvas),
                                             GTK_TYPE_EVENT_CONTROLLER_KEY);
  GtkGesture *middle = f->canvas->pan_gesture;
  double start_h, start_v;
  gboolean handled = FALSE;

  show (f, scene (1280, 720));
  easel_mask_canvas_zoom_at (f->canvas, 1.0, VIEW_WIDTH / 2, VIEW_HEIGHT / 2);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (f->canvas)));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (f->canvas)));

  /* Middle-drag pans: the picture follows the pointer. */
  start_h = gtk_adjustment_get_value (h);
  start_v = gtk_adjustment_get_value (v);
  g_signal_emit_by_name (middle, "drag-begin", 300.0, 200.0);
  g_assert_cmpstr (cursor_name (f), ==, "grabbing");
  g_signal_emit_by_name (middle, "drag-update", -50.0, -30.0);
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, start_h + 50);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, start_v + 30);
  /* The primary button cannot start a stroke meanwhile. */
  g_signal_emit_by_name (f->canvas->paint_gesture, "drag-begin", 300.0, 200.0);
  g_signal_emit_by_name (f->canvas->paint_gesture, "drag-update", 20.0, 0.0);
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, start_h + 50);
  g_signal_emit_by_name (middle, "drag-end", -50.0, -30.0);
  g_assert_true (easel_mask_is_empty (f->mask));

  /* Space held: the primary button pans instead of painting. */
  g_signal_emit_by_name (key, "key-pressed", GDK_KEY_space, 65, 0, &handled);
  g_assert_true (handled);
  g_assert_cmpstr (cursor_name (f), ==, "grab");
  start_h = gtk_adjustment_get_value (h);
  stroke_line (f, 300, 200, 260, 200);
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, start_h + 40);
  g_assert_true (easel_mask_is_empty (f->mask));
  g_signal_emit_by_name (key, "key-released", GDK_KEY_space, 65, 0);

  /* Released, it paints again. */
  stroke_line (f, 300, 200, 260, 200);
  g_assert_false (easel_mask_is_empty (f->mask));

  /* Other keys are the editor's. */
  g_signal_emit_by_name (key, "key-pressed", GDK_KEY_b, 56, 0, &handled);
  g_assert_false (handled);

  /* Space released away from the canvas does not leave it panning. */
  g_signal_emit_by_name (key, "key-pressed", GDK_KEY_space, 65, 0, &handled);
  g_signal_emit_by_name (find_controller (GTK_WIDGET (f->canvas),
                                          GTK_TYPE_EVENT_CONTROLLER_FOCUS), "leave");
  g_assert_false (f->canvas->space_held);
}

static void
test_cursor_and_outline (Fixture       *f,
                         gconstpointer  data)
{
  GtkEventController *motion = find_controller (GTK_WIDGET (f->canvas),
                                                GTK_TYPE_EVENT_CONTROLLER_MOTION);

  /* No mask: an ordinary pointer. */
  g_signal_emit_by_name (motion, "enter", 100.0, 100.0);
  g_assert_null (cursor_name (f));

  show (f, scene (1280, 720));
  easel_mask_canvas_set_brush_size (f->canvas, 64);
  g_signal_emit_by_name (motion, "motion", 120.0, 110.0);
  /* 32 screen pixels at 0.5: the outline is the cursor. */
  g_assert_cmpstr (cursor_name (f), ==, "none");
  g_assert_true (f->canvas->has_pointer);

  easel_mask_canvas_set_brush_size (f->canvas, 6);
  g_assert_cmpstr (cursor_name (f), ==, "crosshair");
  easel_mask_canvas_zoom_at (f->canvas, 2.0, 120, 110);
  g_assert_cmpstr (cursor_name (f), ==, "none");

  g_signal_emit_by_name (motion, "leave");
  g_assert_false (f->canvas->has_pointer);
}

static void
test_cancel_ends_stroke (Fixture       *f,
                         gconstpointer  data)
{
  GtkGesture *drag;

  show (f, scene (1280, 720));
  drag = f->canvas->paint_gesture;
  g_signal_emit_by_name (drag, "drag-begin", 200.0, 150.0);
  g_signal_emit_by_name (drag, "drag-update", 30.0, 0.0);
  g_assert_true (easel_mask_in_stroke (f->mask));
  g_signal_emit_by_name (drag, "cancel", NULL);
  g_assert_false (easel_mask_in_stroke (f->mask));
  g_assert_true (easel_mask_can_undo (f->mask));
  /* Updates after the cancel paint nothing. */
  g_signal_emit_by_name (drag, "drag-update", 200.0, 100.0);
  g_assert_cmpuint (mask_at (f, 400, 250), ==, 0);

  /* A new mask mid-stroke ends the stroke in the old one. */
  g_signal_emit_by_name (drag, "drag-begin", 200.0, 150.0);
  g_assert_true (easel_mask_in_stroke (f->mask));
  {
    g_autoptr(EaselMask) old = g_object_ref (f->mask);

    show (f, scene (1280, 720));
    g_assert_false (easel_mask_in_stroke (old));
  }
  g_signal_emit_by_name (drag, "drag-update", 30.0, 0.0);
  g_assert_true (easel_mask_is_empty (f->mask));
}

/* Rendering */

typedef struct
{
  int     width;
  int     height;
  guchar *data;
} Pixels;

static Pixels *
render (Fixture *f)
{
  g_autoptr(GdkTexture) texture = NULL;
  Pixels *p = g_new0 (Pixels, 1);

  easel_test_wait_until (tiles_ready, f->canvas, "the source's tiles");
  easel_test_wait_for_frame (GTK_WIDGET (f->canvas));
  texture = easel_test_render_widget (GTK_WIDGET (f->canvas));
  p->width = gdk_texture_get_width (texture);
  p->height = gdk_texture_get_height (texture);
  p->data = g_malloc ((gsize) p->width * p->height * 4);
  gdk_texture_download (texture, p->data, (gsize) p->width * 4);

  return p;
}

static void
pixels_free (Pixels *p)
{
  g_free (p->data);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pixels, pixels_free)

/* 0xRRGGBB of the opaque pixel at (@x, @y), from the native-endian ARGB32
 * download. */
static guint32
rgb_at (Pixels *p,
        int     x,
        int     y)
{
  guint32 argb = *(guint32 *) (p->data + ((gsize) y * p->width + x) * 4);

  g_assert_cmphex (argb >> 24, ==, 0xff);
  return argb & 0xffffff;
}

static void
assert_rgb (Pixels  *p,
            int      x,
            int      y,
            guint32  expected)
{
  guint32 got = rgb_at (p, x, y);
  g_autofree char *expected_text = g_strdup_printf ("(%d, %d) #%06x", x, y, expected);
  g_autofree char *got_text = NULL;
  gboolean close = TRUE;

  for (int shift = 0; shift < 24; shift += 8)
    close &= ABS ((int) ((got >> shift) & 0xff) - (int) ((expected >> shift) & 0xff)) <= 4;

  got_text = close ? g_strdup (expected_text) : g_strdup_printf ("(%d, %d) #%06x", x, y, got);
  g_assert_cmpstr (got_text, ==, expected_text);
}

/* The overlay over grey 0x808080 at @opacity in @color. */
static guint32
tinted (const GdkRGBA *color,
        double         opacity)
{
  guint32 rgb = 0;
  double channels[3] = { color->red, color->green, color->blue };

  for (int i = 0; i < 3; i++)
    rgb = (rgb << 8) | (guint32) lround (channels[i] * opacity * 255 + 128 * (1 - opacity));

  return rgb;
}

static void
test_render_overlay (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Pixels) p = NULL;
  GdkRGBA color;

  show (f, plain (1280, 720, 0x808080));
  easel_mask_canvas_set_brush_size (f->canvas, 60);
  easel_mask_canvas_set_hardness (f->canvas, 1.0);
  stroke_line (f, 100, 100, 300, 100);

  /* Painted: the default tint at half opacity; elsewhere the picture. */
  easel_mask_canvas_get_overlay_color (f->canvas, &color);
  p = render (f);
  assert_rgb (p, 200, 100, tinted (&color, 0.5));
  assert_rgb (p, 200, 200, 0x808080);
  assert_rgb (p, 500, 100, 0x808080);
  g_clear_pointer (&p, pixels_free);

  easel_mask_canvas_set_overlay_color (f->canvas, &(GdkRGBA) { 0, 0, 1, 1 });
  easel_mask_canvas_set_overlay_opacity (f->canvas, 0.8);
  p = render (f);
  assert_rgb (p, 200, 100, tinted (&(GdkRGBA) { 0, 0, 1, 1 }, 0.8));
  assert_rgb (p, 200, 200, 0x808080);
  g_clear_pointer (&p, pixels_free);

  /* Painting afterwards uses the new tint at once. */
  stroke_line (f, 400, 250, 500, 250);
  p = render (f);
  assert_rgb (p, 450, 250, tinted (&(GdkRGBA) { 0, 0, 1, 1 }, 0.8));
  g_clear_pointer (&p, pixels_free);

  easel_mask_canvas_set_overlay_visible (f->canvas, FALSE);
  p = render (f);
  assert_rgb (p, 200, 100, 0x808080);
  assert_rgb (p, 450, 250, 0x808080);
  g_clear_pointer (&p, pixels_free);

  easel_mask_canvas_set_overlay_visible (f->canvas, TRUE);
  easel_mask_canvas_set_overlay_opacity (f->canvas, 0.0);
  p = render (f);
  assert_rgb (p, 200, 100, 0x808080);
  g_clear_pointer (&p, pixels_free);

  /* Undo takes the paint off the screen too. */
  easel_mask_canvas_set_overlay_opacity (f->canvas, 1.0);
  g_assert_true (easel_mask_undo (f->mask));
  p = render (f);
  assert_rgb (p, 200, 100, 0x0000ff);
  assert_rgb (p, 450, 250, 0x808080);
}

/* A plain picture drawn from tiles at any zoom and level is plain: no
 * seam, gap or edge between tiles; and the overlay covers what the mask
 * says at every level. */
static void
test_render_tiles (Fixture       *f,
                   gconstpointer  data)
{
  static const double zooms[] = { 1.0 / 6, 0.3, 0.37, 0.7, 1.0, 2.5, 5.0 };
  g_autoptr(Pixels) p = NULL;

  show (f, plain (3840, 2160, 0x808080));
  easel_mask_canvas_set_overlay_color (f->canvas, &(GdkRGBA) { 1, 1, 1, 1 });
  easel_mask_canvas_set_overlay_opacity (f->canvas, 1.0);

  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    {
      graphene_rect_t rect;
      int left, top, right, bottom;

      easel_mask_canvas_zoom_at (f->canvas, zooms[i], VIEW_WIDTH / 3, VIEW_HEIGHT / 3);
      easel_viewport_get_image_rect (&f->canvas->viewport, &rect);
      left = MAX (0, (int) ceil (rect.origin.x));
      top = MAX (0, (int) ceil (rect.origin.y));
      right = MIN (VIEW_WIDTH, (int) floor (rect.origin.x + rect.size.width));
      bottom = MIN (VIEW_HEIGHT, (int) floor (rect.origin.y + rect.size.height));
      g_test_message ("zoom %.3f draws level %d", zooms[i],
                      easel_mask_canvas_level_for_zoom (f->canvas, zooms[i]));

      p = render (f);
      for (int y = top; y < bottom; y++)
        for (int x = left; x < right; x++)
          if (rgb_at (p, x, y) != 0x808080)
            assert_rgb (p, x, y, 0x808080);
      g_clear_pointer (&p, pixels_free);
    }

  /* The overlay's tiles meet without a seam too: a mask painted all over
   * is white everywhere, at zooms that draw the full-size overlay. */
  {
    static const double overlay_zooms[] = { 0.7, 0.79, 127.0 / 128, 1.0, 2.5 };

    easel_mask_fill (f->mask);
    for (guint i = 0; i < G_N_ELEMENTS (overlay_zooms); i++)
      {
        graphene_rect_t rect;
        int left, top, right, bottom;

        easel_mask_canvas_zoom_at (f->canvas, overlay_zooms[i], VIEW_WIDTH / 3.0 + 0.3,
                                   VIEW_HEIGHT / 3.0 + 0.6);
        easel_viewport_get_image_rect (&f->canvas->viewport, &rect);
        left = MAX (0, (int) ceil (rect.origin.x));
        top = MAX (0, (int) ceil (rect.origin.y));
        right = MIN (VIEW_WIDTH, (int) floor (rect.origin.x + rect.size.width));
        bottom = MIN (VIEW_HEIGHT, (int) floor (rect.origin.y + rect.size.height));

        p = render (f);
        for (int y = top; y < bottom; y++)
          for (int x = left; x < right; x++)
            if (rgb_at (p, x, y) != 0xffffff)
              assert_rgb (p, x, y, 0xffffff);
        g_clear_pointer (&p, pixels_free);
      }
    easel_mask_clear (f->mask);
  }

  /* Strokes drawn while shown rebuild exactly the tiles they touch: at
   * 1:1 every screen pixel shows its mask pixel, painted or not. */
  {
    graphene_rect_t rect;

    easel_mask_canvas_zoom_at (f->canvas, 1.0, VIEW_WIDTH / 2.0, VIEW_HEIGHT / 2.0);
    p = render (f);
    g_clear_pointer (&p, pixels_free);
    easel_viewport_get_image_rect (&f->canvas->viewport, &rect);
    for (int k = 0; k < 6; k++)
      {
        double cx = -rect.origin.x + 100 + k * 61.3, cy = -rect.origin.y + 150 + k * 37.7;

        easel_mask_begin_stroke (f->mask, EASEL_MASK_TOOL_BRUSH, 90 + 7 * k, 1.0);
        easel_mask_stroke_to (f->mask, cx, cy, NULL);
        easel_mask_stroke_to (f->mask, cx + 173.1, cy + 29.4, NULL);
        easel_mask_end_stroke (f->mask);
        p = render (f);
        g_clear_pointer (&p, pixels_free);
      }
    p = render (f);
    for (int y = 0; y < VIEW_HEIGHT; y++)
      for (int x = 0; x < VIEW_WIDTH; x++)
        {
          double ix, iy;
          guint8 value;

          easel_mask_canvas_widget_to_image (f->canvas, x + 0.5, y + 0.5, &ix, &iy);
          if (ix < 0 || iy < 0 || ix >= 3840 || iy >= 2160)
            continue;
          value = easel_mask_get_value (f->mask, (guint) ix, (guint) iy);
          if (value == 255 && rgb_at (p, x, y) != 0xffffff)
            assert_rgb (p, x, y, 0xffffff);
          if (value == 0 && rgb_at (p, x, y) != 0x808080)
            assert_rgb (p, x, y, 0x808080);
        }
    g_clear_pointer (&p, pixels_free);
    easel_mask_clear (f->mask);
  }

  /* A 4K mask painted on its left half, at fit (level 2): white left, grey
   * right, with the edge where the mask has it (one screen pixel is six
   * mask pixels). */
  easel_mask_canvas_set_fit (f->canvas, TRUE);
  g_assert_cmpint (easel_mask_canvas_level_for_zoom (f->canvas,
                                                     easel_mask_canvas_get_zoom (f->canvas)),
                   ==, 2);
  for (int x = 420; x <= 1420; x += 500)
    {
      easel_mask_begin_stroke (f->mask, EASEL_MASK_TOOL_BRUSH, 1000, 1.0);
      easel_mask_stroke_to (f->mask, x, -600, NULL);
      easel_mask_stroke_to (f->mask, x, 2760, NULL);
      easel_mask_end_stroke (f->mask);
    }
  /* Dabs 250 pixels apart leave the edge near x = 1910. */
  g_assert_cmpuint (easel_mask_get_value (f->mask, 1900, 1000), ==, 255);
  g_assert_cmpuint (easel_mask_get_value (f->mask, 1921, 1000), ==, 0);
  p = render (f);
  assert_rgb (p, 5, 5, 0xffffff);
  assert_rgb (p, 315, 180, 0xffffff);
  assert_rgb (p, 321, 180, 0x808080);
  assert_rgb (p, 635, 355, 0x808080);
}

/* Leaf nodes of a render tree, by pointer. */
static void
collect_leaves (GskRenderNode *node,
                GHashTable    *leaves)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_leaves (gsk_container_node_get_child (node, i), leaves);
      break;
    case GSK_TRANSFORM_NODE:
      collect_leaves (gsk_transform_node_get_child (node), leaves);
      break;
    case GSK_CLIP_NODE:
      collect_leaves (gsk_clip_node_get_child (node), leaves);
      break;
    case GSK_DEBUG_NODE:
      collect_leaves (gsk_debug_node_get_child (node), leaves);
      break;
    default:
      g_hash_table_add (leaves, gsk_render_node_ref (node));
    }
}

static GHashTable *
snapshot_leaves (Fixture *f)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (f->canvas));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GHashTable *leaves = g_hash_table_new_full (NULL, NULL,
                                              (GDestroyNotify) gsk_render_node_unref, NULL);

  gdk_paintable_snapshot (paintable, snapshot, VIEW_WIDTH, VIEW_HEIGHT);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  collect_leaves (node, leaves);

  return leaves;
}

/* A dab changes the nodes of the overlay tiles it touched and no other:
 * GSK repaints what differs from the last frame, so that is all it
 * repaints. */
static void
test_damage_is_local (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  GHashTableIter iter;
  gpointer node;
  guint changed = 0, kept = 0;

  show (f, scene (3840, 2160));
  easel_mask_canvas_zoom_at (f->canvas, 1.0, VIEW_WIDTH / 2, VIEW_HEIGHT / 2);
  easel_mask_canvas_set_brush_size (f->canvas, 40);
  stroke_line (f, 100, 100, 300, 200);
  easel_test_wait_for_frame (GTK_WIDGET (f->canvas));

  before = snapshot_leaves (f);
  g_assert_cmpuint (g_hash_table_size (before), >, 10);
  stroke_line (f, 400, 250, 410, 252);
  easel_test_wait_for_frame (GTK_WIDGET (f->canvas));
  after = snapshot_leaves (f);

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &node, NULL))
    {
      if (g_hash_table_contains (before, node))
        kept++;
      else
        changed++;
    }
  g_test_message ("%u nodes kept, %u new", kept, changed);
  /* The new paint lies in one to four overlay tiles of 128 pixels. */
  g_assert_cmpuint (changed, >=, 1);
  g_assert_cmpuint (changed, <=, 4);
  g_assert_cmpuint (kept, >=, g_hash_table_size (before) - 4);
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkEventController *motion = find_controller (GTK_WIDGET (f->canvas),
                                                GTK_TYPE_EVENT_CONTROLLER_MOTION);
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;
  g_autofree char *zoomed = NULL;
  g_autofree char *narrow = NULL;
  graphene_point_t swirl[60];

  show (f, scene (1536, 1024));
  easel_mask_canvas_set_brush_size (f->canvas, 90);
  easel_mask_canvas_set_hardness (f->canvas, 0.6);
  for (guint i = 0; i < G_N_ELEMENTS (swirl); i++)
    {
      double t = i / (double) (G_N_ELEMENTS (swirl) - 1);

      graphene_point_init (&swirl[i], 220 + 140 * t + 50 * cos (t * 9),
                           180 + 90 * sin (t * 7));
    }
  stroke (f, swirl, G_N_ELEMENTS (swirl));
  easel_mask_canvas_set_tool (f->canvas, EASEL_MASK_TOOL_ERASER);
  easel_mask_canvas_set_brush_size (f->canvas, 30);
  stroke_line (f, 250, 120, 380, 240);
  easel_mask_canvas_set_brush_size (f->canvas, 120);
  g_signal_emit_by_name (motion, "motion", 440.0, 150.0);

  easel_test_wait_for_frame (GTK_WIDGET (f->canvas));
  light = easel_test_save_screenshot (GTK_WIDGET (f->window), "mask-canvas");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  easel_test_wait_for_frame (GTK_WIDGET (f->canvas));
  dark = easel_test_save_screenshot (GTK_WIDGET (f->window), "mask-canvas-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  easel_mask_canvas_zoom_at (f->canvas, 3.0, 300, 180);
  easel_test_wait_for_frame (GTK_WIDGET (f->canvas));
  zoomed = easel_test_save_screenshot (GTK_WIDGET (f->window), "mask-canvas-zoomed");

  /* A phone's width: fit again, the whole picture across it. */
  easel_mask_canvas_set_fit (f->canvas, TRUE);
  gtk_window_set_default_size (f->window, 360, 640);
  easel_test_wait_for_frame (GTK_WIDGET (f->canvas));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->canvas)), ==, 360);
  g_assert_cmpfloat_with_epsilon (easel_mask_canvas_get_zoom (f->canvas), 360.0 / 1536, 1e-9);
  narrow = easel_test_save_screenshot (GTK_WIDGET (f->window), "mask-canvas-narrow");
}

int
main (int   argc,
      char *argv[])
{
  g_set_prgname ("test-mask-canvas");
  g_free (easel_test_isolate_data_dir ());
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  easel_test_use_desktop_settings ();

#define ADD(path, func) \
  g_test_add ("/mask-canvas/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("stroke/paints", test_stroke_paints);
  ADD ("stroke/zoom-pan-keep-stroke-under-pointer", test_zoom_pan_keep_stroke_under_pointer);
  ADD ("stroke/eraser", test_eraser);
  ADD ("stroke/cancel", test_cancel_ends_stroke);
  ADD ("setters-clamp", test_setters_clamp);
  ADD ("sizes-must-agree", test_sizes_must_agree);
  ADD ("scrollable", test_scrollable);
  ADD ("pan", test_pan);
  ADD ("cursor-and-outline", test_cursor_and_outline);
  ADD ("render/overlay", test_render_overlay);
  ADD ("render/tiles", test_render_tiles);
  ADD ("render/damage-is-local", test_damage_is_local);
  ADD ("screenshots", test_screenshots);
  g_test_add_func ("/mask-canvas/scrolled-window", test_scrolled_window);

#undef ADD

  return g_test_run ();
}
