/* test-image-view.c: the image view's zoom, pan, keys, compare split and
 * pixels in a real window, and loading files into textures
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "easel-error.h"
#include "easel-image-view-private.h"
#include "easel-test-files.h"
#include "easel-test-utils.h"

#define VIEW_WIDTH  640
#define VIEW_HEIGHT 360

#define RED   0xff0000
#define BLUE  0x0000ff
#define GREEN 0x00c000

typedef struct
{
  GtkWindow      *window;
  EaselImageView *view;
} Fixture;

/* A texture with @left on its left half and @right on its right. */
static GdkTexture *
halves (int     width,
        int     height,
        guint32 left,
        guint32 right)
{
  gsize stride = (gsize) width * 4;
  guchar *data = g_malloc (stride * height);
  g_autoptr(GBytes) bytes = NULL;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 rgb = x < width / 2 ? left : right;
        guchar *p = data + y * stride + x * 4;

        p[0] = rgb >> 16;
        p[1] = (rgb >> 8) & 0xff;
        p[2] = rgb & 0xff;
        p[3] = 0xff;
      }

  bytes = g_bytes_new_take (data, stride * height);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, bytes, stride);
}

/* Something to look at in the screenshots: light at the top, dark at the
 * bottom (the divider must show on both), with shapes and a grid; the
 * "before" picture is a muted take on the same scene. */
static GdkTexture *
picture (int      width,
         int      height,
         gboolean before)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *sky = cairo_pattern_create_linear (0, 0, width * 0.3, height);
  g_autoptr(GBytes) bytes = NULL;

  cairo_pattern_add_color_stop_rgb (sky, 0, 0.98, 0.95, 0.85);
  cairo_pattern_add_color_stop_rgb (sky, 0.5, before ? 0.55 : 0.95, before ? 0.55 : 0.55,
                                    before ? 0.6 : 0.25);
  cairo_pattern_add_color_stop_rgb (sky, 1, 0.05, 0.05, before ? 0.1 : 0.2);
  cairo_set_source (cr, sky);
  cairo_paint (cr);
  cairo_pattern_destroy (sky);

  cairo_set_source_rgba (cr, 1, 1, 1, 0.25);
  cairo_set_line_width (cr, 2);
  for (int x = 0; x < width; x += width / 12)
    {
      cairo_move_to (cr, x, 0);
      cairo_line_to (cr, x, height);
    }
  for (int y = 0; y < height; y += height / 8)
    {
      cairo_move_to (cr, 0, y);
      cairo_line_to (cr, width, y);
    }
  cairo_stroke (cr);

  cairo_set_source_rgb (cr, before ? 0.7 : 0.2, before ? 0.7 : 0.45, before ? 0.75 : 0.9);
  cairo_arc (cr, width * 0.3, height * 0.35, height * 0.18, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.98, before ? 0.9 : 0.8, before ? 0.85 : 0.1);
  cairo_arc (cr, width * 0.7, height * 0.7, height * 0.12, 0, 2 * G_PI);
  cairo_fill (cr);

  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * height);
  cairo_surface_destroy (surface);

  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, width * 4);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_decorated (f->window, FALSE);
  gtk_window_set_default_size (f->window, VIEW_WIDTH, VIEW_HEIGHT);
  f->view = EASEL_IMAGE_VIEW (easel_image_view_new ());
  /* Our own reference, to check the view is freed with the window. */
  g_object_ref_sink (f->view);
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  easel_test_wait_for_frame (GTK_WIDGET (f->view));

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->view)), ==, VIEW_WIDTH);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->view)), ==, VIEW_HEIGHT);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_assert_finalize_object (f->view);
}

static void
set_texture (Fixture    *f,
             GdkTexture *texture)
{
  easel_image_view_set_texture (f->view, texture);
  g_object_unref (texture);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
assert_image_point (EaselImageView *view,
                    double          x,
                    double          y,
                    double          image_x,
                    double          image_y,
                    double          tolerance)
{
  double got_x, got_y;

  easel_image_view_widget_to_image (view, x, y, &got_x, &got_y);
  g_assert_cmpfloat_with_epsilon (got_x, image_x, tolerance);
  g_assert_cmpfloat_with_epsilon (got_y, image_y, tolerance);
}

/* Presses @keyval as the key binding does: finds the shortcut the class
 * installed for it and activates its action the way GTK does for a key
 * event. Returns %FALSE when no shortcut took the key. */
static gboolean
press_key (EaselImageView *view,
           guint           keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  g_autoptr(GtkShortcutTrigger) trigger = gtk_keyval_trigger_new (keyval, 0);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                 GTK_WIDGET (view),
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  g_test_message ("no shortcut for %s", gdk_keyval_name (keyval));
  return FALSE;
}

static void
test_fit_4k (Fixture       *f,
             gconstpointer  data)
{
  gint64 start;
  g_autoptr(GdkTexture) rendered = NULL;
  guint zoom_notes = 0;
  GtkAdjustment *h, *v;

  g_signal_connect (f->view, "notify::zoom", G_CALLBACK (count_notify), &zoom_notes);
  set_texture (f, halves (3840, 2160, RED, BLUE));

  g_assert_true (easel_image_view_get_fit (f->view));
  g_assert_cmpfloat_with_epsilon (easel_image_view_get_zoom (f->view), 1.0 / 6, 1e-9);
  g_assert_cmpuint (zoom_notes, ==, 1);
  assert_image_point (f->view, 0, 0, 0, 0, 1e-6);
  assert_image_point (f->view, VIEW_WIDTH, VIEW_HEIGHT, 3840, 2160, 1e-6);

  /* Nothing to scroll: the whole image is in view. */
  h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->view));
  v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->view));
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), ==, VIEW_WIDTH);
  g_assert_cmpfloat (gtk_adjustment_get_page_size (h), ==, VIEW_WIDTH);
  g_assert_cmpfloat (gtk_adjustment_get_upper (v), ==, VIEW_HEIGHT);

  /* Asking for fit again changes nothing and says nothing. */
  easel_image_view_set_fit (f->view, TRUE);
  g_assert_cmpuint (zoom_notes, ==, 1);

  /* A 4K picture at fit draws well within a frame's budget even on the
   * software renderer (the first draw converts the texture once). */
  easel_test_wait_for_frame (GTK_WIDGET (f->view));
  start = g_get_monotonic_time ();
  rendered = easel_test_render_widget (GTK_WIDGET (f->view));
  g_test_message ("4K at fit rendered in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 500 * 1000);

  /* Fit follows the window. */
  gtk_window_set_default_size (f->window, VIEW_WIDTH / 2, VIEW_HEIGHT / 2);
  easel_test_wait_for_frame (GTK_WIDGET (f->view));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->view)), ==, VIEW_WIDTH / 2);
  g_assert_cmpfloat_with_epsilon (easel_image_view_get_zoom (f->view), 1.0 / 12, 1e-9);
  g_assert_cmpuint (zoom_notes, ==, 2);
}

static void
test_fit_never_upscales (Fixture       *f,
                         gconstpointer  data)
{
  set_texture (f, halves (100, 100, RED, BLUE));

  g_assert_cmpfloat (easel_image_view_get_zoom (f->view), ==, 1.0);
  /* Centred: the image's corner is at ((640 - 100) / 2, (360 - 100) / 2). */
  assert_image_point (f->view, 270, 130, 0, 0, 1e-9);
  assert_image_point (f->view, 370, 230, 100, 100, 1e-9);
}

static void
test_zoom_at_keeps_anchor (Fixture       *f,
                           gconstpointer  data)
{
  static const struct {
    double zoom, x, y;
  } steps[] = {
    { 0.5, 100, 50 },
    { 2.0, 500, 300 },
    { 0.75, 33, 321 },
    { 3.0, 639, 1 },
  };
  guint fit_notes = 0;

  set_texture (f, halves (3840, 2160, RED, BLUE));
  g_signal_connect (f->view, "notify::fit", G_CALLBACK (count_notify), &fit_notes);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      double before_x, before_y;

      easel_image_view_widget_to_image (f->view, steps[i].x, steps[i].y, &before_x, &before_y);
      easel_image_view_zoom_at (f->view, steps[i].zoom, steps[i].x, steps[i].y);
      g_assert_cmpfloat (easel_image_view_get_zoom (f->view), ==, steps[i].zoom);
      /* Drawn on whole pixels: within half a screen pixel. */
      assert_image_point (f->view, steps[i].x, steps[i].y, before_x, before_y,
                          0.5 / steps[i].zoom + 1e-9);
    }

  g_assert_false (easel_image_view_get_fit (f->view));
  g_assert_cmpuint (fit_notes, ==, 1);

  easel_image_view_zoom_at (f->view, 1000, 0, 0);
  g_assert_cmpfloat (easel_image_view_get_zoom (f->view), ==, EASEL_IMAGE_VIEW_MAX_ZOOM);
  easel_image_view_zoom_at (f->view, 0.0001, 0, 0);
  g_assert_cmpfloat (easel_image_view_get_zoom (f->view), ==, EASEL_IMAGE_VIEW_MIN_ZOOM);
}

static void
test_zoom_steps (Fixture       *f,
                 gconstpointer  data)
{
  double centre_x, centre_y;

  set_texture (f, halves (3840, 2160, RED, BLUE));
  easel_image_view_zoom_at (f->view, 1.0, 100, 100);

  easel_image_view_widget_to_image (f->view, VIEW_WIDTH / 2, VIEW_HEIGHT / 2, &centre_x, &centre_y);
  easel_image_view_zoom_in (f->view);
  g_assert_cmpfloat_with_epsilon (easel_image_view_get_zoom (f->view), G_SQRT2, 1e-12);
  assert_image_point (f->view, VIEW_WIDTH / 2, VIEW_HEIGHT / 2, centre_x, centre_y, 0.5);
  easel_image_view_zoom_in (f->view);
  g_assert_cmpfloat_with_epsilon (easel_image_view_get_zoom (f->view), 2.0, 1e-12);

  for (int i = 0; i < 3; i++)
    easel_image_view_zoom_out (f->view);
  g_assert_cmpfloat_with_epsilon (easel_image_view_get_zoom (f->view), 1 / G_SQRT2, 1e-12);
  assert_image_point (f->view, VIEW_WIDTH / 2, VIEW_HEIGHT / 2, centre_x, centre_y, 1.0);

  for (int i = 0; i < 20; i++)
    easel_image_view_zoom_in (f->view);
  g_assert_cmpfloat (easel_image_view_get_zoom (f->view), ==, EASEL_IMAGE_VIEW_MAX_ZOOM);
  for (int i = 0; i < 30; i++)
    easel_image_view_zoom_out (f->view);
  g_assert_cmpfloat (easel_image_view_get_zoom (f->view), ==, EASEL_IMAGE_VIEW_MIN_ZOOM);
}

static void
test_keys (Fixture       *f,
           gconstpointer  data)
{
  static const struct {
    guint  keyval;
    double factor;
  } zoom_keys[] = {
    { GDK_KEY_plus, G_SQRT2 },
    { GDK_KEY_equal, G_SQRT2 },
    { GDK_KEY_KP_Add, G_SQRT2 },
    { GDK_KEY_minus, 1 / G_SQRT2 },
    { GDK_KEY_KP_Subtract, 1 / G_SQRT2 },
  };
  double centre_x, centre_y;

  set_texture (f, halves (3840, 2160, RED, BLUE));
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (f->view)));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (f->view)));

  /* 1: one image pixel per screen pixel, about the centre. */
  easel_image_view_widget_to_image (f->view, VIEW_WIDTH / 2, VIEW_HEIGHT / 2, &centre_x, &centre_y);
  g_assert_true (press_key (f->view, GDK_KEY_1));
  g_assert_cmpfloat (easel_image_view_get_zoom (f->view), ==, 1.0);
  g_assert_false (easel_image_view_get_fit (f->view));
  assert_image_point (f->view, VIEW_WIDTH / 2, VIEW_HEIGHT / 2, centre_x, centre_y, 0.5);

  /* 0: back to fit. */
  g_assert_true (press_key (f->view, GDK_KEY_0));
  g_assert_true (easel_image_view_get_fit (f->view));
  g_assert_cmpfloat_with_epsilon (easel_image_view_get_zoom (f->view), 1.0 / 6, 1e-9);

  for (guint i = 0; i < G_N_ELEMENTS (zoom_keys); i++)
    {
      double zoom = easel_image_view_get_zoom (f->view);

      g_assert_true (press_key (f->view, zoom_keys[i].keyval));
      g_assert_cmpfloat_with_epsilon (easel_image_view_get_zoom (f->view),
                                      zoom * zoom_keys[i].factor, 1e-12);
    }

  /* Left and Right belong to focus navigation unless comparing. */
  g_assert_false (press_key (f->view, GDK_KEY_Left));
  g_assert_cmpfloat (easel_image_view_get_divider (f->view), ==, 0.5);

  easel_image_view_set_compare_texture (f->view, NULL);
  easel_image_view_set_comparing (f->view, TRUE);
  g_assert_false (press_key (f->view, GDK_KEY_Right));

  set_texture (f, halves (3840, 2160, RED, BLUE));
  easel_image_view_set_compare_texture (f->view, easel_image_view_get_texture (f->view));
  g_assert_true (press_key (f->view, GDK_KEY_Left));
  g_assert_cmpfloat_with_epsilon (easel_image_view_get_divider (f->view), 0.45, 1e-12);
  g_assert_true (press_key (f->view, GDK_KEY_Right));
  g_assert_true (press_key (f->view, GDK_KEY_Right));
  g_assert_cmpfloat_with_epsilon (easel_image_view_get_divider (f->view), 0.55, 1e-12);

  for (int i = 0; i < 30; i++)
    press_key (f->view, GDK_KEY_Right);
  g_assert_cmpfloat (easel_image_view_get_divider (f->view), ==, 1.0);
}

static void
test_adjustments (Fixture       *f,
                  gconstpointer  data)
{
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->view));
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->view));

  set_texture (f, halves (3840, 2160, RED, BLUE));
  easel_image_view_zoom_at (f->view, 1.0, VIEW_WIDTH / 2, VIEW_HEIGHT / 2);

  g_assert_cmpfloat (gtk_adjustment_get_upper (h), ==, 3840);
  g_assert_cmpfloat (gtk_adjustment_get_page_size (h), ==, VIEW_WIDTH);
  g_assert_cmpfloat (gtk_adjustment_get_upper (v), ==, 2160);
  g_assert_cmpfloat (gtk_adjustment_get_page_size (v), ==, VIEW_HEIGHT);
  /* Zoomed about the centre of a centred image: scrolled to the middle. */
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, (3840 - VIEW_WIDTH) / 2);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, (2160 - VIEW_HEIGHT) / 2);

  gtk_adjustment_set_value (h, 0);
  gtk_adjustment_set_value (v, 0);
  assert_image_point (f->view, 10, 20, 10, 20, 1e-9);
  gtk_adjustment_set_value (h, 100);
  gtk_adjustment_set_value (v, 70);
  assert_image_point (f->view, 10, 20, 110, 90, 1e-9);

  easel_image_view_zoom_at (f->view, 2.0, 0, 0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), ==, 7680);
  g_assert_cmpfloat (gtk_adjustment_get_upper (v), ==, 4320);
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 200);

  /* A plain scroll pans when no scrolled window is there to do it. */
  g_assert_true (easel_viewport_scroll (&f->view->viewport, 30, 40, GDK_SCROLL_UNIT_SURFACE, 0,
                                        5, 5));
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 230);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 180);
}

static void
test_scrolled_window (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  EaselImageView *view = EASEL_IMAGE_VIEW (easel_image_view_new ());
  g_autoptr(GdkTexture) texture = halves (3840, 2160, RED, BLUE);
  GtkAdjustment *h;

  g_object_ref_sink (view);
  gtk_window_set_decorated (window, FALSE);
  gtk_window_set_default_size (window, VIEW_WIDTH, VIEW_HEIGHT);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (view));
  gtk_window_set_child (window, scrolled);
  gtk_window_present (window);
  easel_image_view_set_texture (view, texture);
  easel_test_wait_for_frame (GTK_WIDGET (view));

  /* The scrolled window's scrollbars drive the view. */
  h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (h == gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view)));
  g_assert_true (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)) ==
                 gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)));

  easel_image_view_zoom_at (view, 1.0, 0, 0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), ==, 3840);
  gtk_adjustment_set_value (h, 1000);
  assert_image_point (view, 0, 0, 1000, 0, 1e-9);
  easel_test_wait_for_frame (GTK_WIDGET (view));
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 1000);

  /* Plain scrolling is the scrolled window's; Ctrl+scroll is ours. */
  g_assert_false (easel_viewport_scroll (&view->viewport, 0, 1, GDK_SCROLL_UNIT_WHEEL, 0, 5, 5));
  g_assert_true (easel_viewport_scroll (&view->viewport, 0, -1, GDK_SCROLL_UNIT_WHEEL,
                                        GDK_CONTROL_MASK, 5, 5));
  g_assert_cmpfloat_with_epsilon (easel_image_view_get_zoom (view), G_SQRT2, 1e-12);

  gtk_window_destroy (window);
  g_assert_finalize_object (view);
}

static void
test_ctrl_scroll_zooms_at_pointer (Fixture       *f,
                                   gconstpointer  data)
{
  double image_x, image_y;

  set_texture (f, halves (3840, 2160, RED, BLUE));
  /* In the middle of the image, so no edge stops the view from scrolling. */
  easel_image_view_zoom_at (f->view, 1.0, VIEW_WIDTH / 2, VIEW_HEIGHT / 2);

  easel_image_view_widget_to_image (f->view, 100, 50, &image_x, &image_y);
  g_assert_true (easel_viewport_scroll (&f->view->viewport, 0, -1, GDK_SCROLL_UNIT_WHEEL,
                                        GDK_CONTROL_MASK, 100, 50));
  g_assert_cmpfloat_with_epsilon (easel_image_view_get_zoom (f->view), G_SQRT2, 1e-12);
  assert_image_point (f->view, 100, 50, image_x, image_y, 0.5);

  /* A touchpad's pixels: 32 of them make one step, down zooms out. */
  g_assert_true (easel_viewport_scroll (&f->view->viewport, 0, 64, GDK_SCROLL_UNIT_SURFACE,
                                        GDK_CONTROL_MASK, 100, 50));
  g_assert_cmpfloat_with_epsilon (easel_image_view_get_zoom (f->view), 1 / G_SQRT2, 1e-12);
  assert_image_point (f->view, 100, 50, image_x, image_y, 1.0);
}

static void
test_drag (Fixture       *f,
           gconstpointer  data)
{
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->view));
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->view));
  double start_h, start_v;

  set_texture (f, halves (3840, 2160, RED, BLUE));
  easel_image_view_zoom_at (f->view, 1.0, VIEW_WIDTH / 2, VIEW_HEIGHT / 2);

  /* Primary and middle pan: the picture follows the pointer. */
  for (guint button = GDK_BUTTON_PRIMARY; button <= GDK_BUTTON_MIDDLE; button++)
    {
      start_h = gtk_adjustment_get_value (h);
      start_v = gtk_adjustment_get_value (v);
      g_assert_true (easel_image_view_drag_begin (f->view, button, 300, 200));
      easel_image_view_drag_update (f->view, -50, -30);
      g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, start_h + 50);
      g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, start_v + 30);
      easel_image_view_drag_update (f->view, 20, 10);
      g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, start_h - 20);
      g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, start_v - 10);
      easel_image_view_drag_end (f->view);
    }
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->view)));

  /* The secondary button is for menus, not drags. */
  g_assert_false (easel_image_view_drag_begin (f->view, GDK_BUTTON_SECONDARY, 300, 200));

  /* Comparing at fit: the handle is in the middle of the picture. */
  easel_image_view_set_fit (f->view, TRUE);
  easel_image_view_set_compare_texture (f->view, easel_image_view_get_texture (f->view));
  easel_image_view_set_comparing (f->view, TRUE);

  g_assert_true (easel_image_view_drag_begin (f->view, GDK_BUTTON_PRIMARY, 322, 183));
  easel_image_view_drag_update (f->view, 64, 40);
  g_assert_cmpfloat_with_epsilon (easel_image_view_get_divider (f->view), 0.6, 1e-12);
  easel_image_view_drag_update (f->view, -1000, 0);
  g_assert_cmpfloat (easel_image_view_get_divider (f->view), ==, 0.0);
  easel_image_view_drag_end (f->view);
  easel_image_view_set_divider (f->view, 0.5);

  /* The line itself, away from the handle, takes the divider too. */
  g_assert_true (easel_image_view_drag_begin (f->view, GDK_BUTTON_PRIMARY, 324, 20));
  easel_image_view_drag_update (f->view, -32, 0);
  g_assert_cmpfloat_with_epsilon (easel_image_view_get_divider (f->view), 0.45, 1e-12);
  easel_image_view_drag_end (f->view);

  /* The middle button on the handle, or the primary elsewhere, pans. */
  easel_image_view_zoom_at (f->view, 1.0, VIEW_WIDTH / 2, VIEW_HEIGHT / 2);
  g_assert_true (easel_image_view_drag_begin (f->view, GDK_BUTTON_MIDDLE, 320, 180));
  start_h = gtk_adjustment_get_value (h);
  easel_image_view_drag_update (f->view, 40, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, start_h - 40);
  easel_image_view_drag_end (f->view);
  g_assert_true (easel_image_view_drag_begin (f->view, GDK_BUTTON_PRIMARY, 100, 180));
  easel_image_view_drag_update (f->view, 40, 0);
  easel_image_view_drag_end (f->view);
  g_assert_cmpfloat_with_epsilon (easel_image_view_get_divider (f->view), 0.45, 1e-12);
}

typedef struct
{
  int     width;
  int     height;
  guchar *data;
} Pixels;

static Pixels *
pixels_new (GdkTexture *texture)
{
  Pixels *p = g_new0 (Pixels, 1);

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

/* 0xAARRGGBB, from the native-endian ARGB32 download. */
static guint32
pixel (Pixels *p,
       int     x,
       int     y)
{
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (x, <, p->width);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (y, <, p->height);

  return *(guint32 *) (p->data + ((gsize) y * p->width + x) * 4);
}

/* Fails naming the place and both colours unless they are within a few
 * levels of each other. */
static void
assert_pixel (Pixels  *p,
              int      x,
              int      y,
              guint32  expected)
{
  guint32 got = pixel (p, x, y);
  g_autofree char *got_text = NULL;
  g_autofree char *expected_text = g_strdup_printf ("(%d, %d) #%08x", x, y, expected);
  gboolean close = TRUE;

  for (int shift = 0; shift < 32; shift += 8)
    close &= ABS ((int) ((got >> shift) & 0xff) - (int) ((expected >> shift) & 0xff)) <= 6;

  got_text = close ? g_strdup (expected_text) : g_strdup_printf ("(%d, %d) #%08x", x, y, got);
  g_assert_cmpstr (got_text, ==, expected_text);
}

static gboolean
is_grey (guint32 argb)
{
  int r = (argb >> 16) & 0xff, g = (argb >> 8) & 0xff, b = argb & 0xff;

  return (argb >> 24) == 0xff && ABS (r - g) < 12 && ABS (g - b) < 12;
}

static void
test_render_fit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GdkTexture) shot = NULL;
  g_autoptr(Pixels) p = NULL;
  g_autofree char *path = NULL;

  /* Small: drawn at 1:1 in the middle, nothing around it. */
  set_texture (f, halves (200, 100, RED, BLUE));
  easel_test_wait_for_frame (GTK_WIDGET (f->view));
  shot = easel_test_render_widget (GTK_WIDGET (f->view));
  p = pixels_new (shot);
  assert_pixel (p, 225, 135, 0xff000000 | RED);
  assert_pixel (p, 415, 225, 0xff000000 | BLUE);
  assert_pixel (p, 215, 180, 0x00000000);
  assert_pixel (p, 320, 125, 0x00000000);
  g_clear_pointer (&p, pixels_free);
  g_clear_object (&shot);

  /* 4K: the whole picture, each half where it belongs. */
  set_texture (f, halves (3840, 2160, RED, BLUE));
  easel_test_wait_for_frame (GTK_WIDGET (f->view));
  shot = easel_test_render_widget (GTK_WIDGET (f->view));
  p = pixels_new (shot);
  assert_pixel (p, 2, 2, 0xff000000 | RED);
  assert_pixel (p, 310, 180, 0xff000000 | RED);
  assert_pixel (p, 330, 180, 0xff000000 | BLUE);
  assert_pixel (p, VIEW_WIDTH - 2, VIEW_HEIGHT - 2, 0xff000000 | BLUE);

  set_texture (f, picture (1536, 1024, FALSE));
  easel_test_wait_for_frame (GTK_WIDGET (f->view));
  path = easel_test_save_screenshot (GTK_WIDGET (f->window), "image-view-fit");
}

static void
test_render_compare (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GdkTexture) shot = NULL;
  g_autoptr(Pixels) p = NULL;
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;
  guint can_compare_notes = 0, comparing_notes = 0, divider_notes = 0;

  g_signal_connect (f->view, "notify::can-compare", G_CALLBACK (count_notify),
                    &can_compare_notes);
  g_signal_connect (f->view, "notify::comparing", G_CALLBACK (count_notify), &comparing_notes);
  g_signal_connect (f->view, "notify::divider", G_CALLBACK (count_notify), &divider_notes);

  set_texture (f, halves (3840, 2160, RED, BLUE));
  g_assert_false (easel_image_view_get_can_compare (f->view));
  {
    g_autoptr(GdkTexture) before = halves (100, 50, GREEN, GREEN);

    easel_image_view_set_compare_texture (f->view, before);
  }
  g_assert_true (easel_image_view_get_can_compare (f->view));
  g_assert_cmpuint (can_compare_notes, ==, 1);

  /* Not comparing yet: only the image. */
  easel_test_wait_for_frame (GTK_WIDGET (f->view));
  shot = easel_test_render_widget (GTK_WIDGET (f->view));
  p = pixels_new (shot);
  assert_pixel (p, 160, 180, 0xff000000 | RED);
  g_clear_pointer (&p, pixels_free);
  g_clear_object (&shot);

  easel_image_view_set_comparing (f->view, TRUE);
  easel_image_view_set_comparing (f->view, TRUE);
  easel_image_view_set_divider (f->view, 0.5);
  g_assert_cmpuint (comparing_notes, ==, 1);
  g_assert_cmpuint (divider_notes, ==, 0);

  /* Before (stretched to the image's size) left of the divider. */
  easel_test_wait_for_frame (GTK_WIDGET (f->view));
  shot = easel_test_render_widget (GTK_WIDGET (f->view));
  p = pixels_new (shot);
  assert_pixel (p, 2, 2, 0xff000000 | GREEN);
  assert_pixel (p, VIEW_WIDTH / 4, VIEW_HEIGHT / 2, 0xff000000 | GREEN);
  assert_pixel (p, 3 * VIEW_WIDTH / 4, VIEW_HEIGHT / 2, 0xff000000 | BLUE);
  assert_pixel (p, VIEW_WIDTH - 2, VIEW_HEIGHT - 2, 0xff000000 | BLUE);
  /* The line and the handle, in neutral colours, not either picture. */
  g_assert_true (is_grey (pixel (p, VIEW_WIDTH / 2, 20)));
  g_assert_true (is_grey (pixel (p, VIEW_WIDTH / 2 - 1, 20)));
  g_assert_true (is_grey (pixel (p, VIEW_WIDTH / 2, VIEW_HEIGHT / 2)));
  g_assert_true (is_grey (pixel (p, VIEW_WIDTH / 2 + 8, VIEW_HEIGHT / 2 + 8)));
  assert_pixel (p, VIEW_WIDTH / 2 - 4, 20, 0xff000000 | GREEN);
  assert_pixel (p, VIEW_WIDTH / 2 + 4, 20, 0xff000000 | BLUE);
  g_clear_pointer (&p, pixels_free);
  g_clear_object (&shot);

  easel_image_view_set_divider (f->view, 0.8);
  g_assert_cmpuint (divider_notes, ==, 1);
  easel_test_wait_for_frame (GTK_WIDGET (f->view));
  shot = easel_test_render_widget (GTK_WIDGET (f->view));
  p = pixels_new (shot);
  assert_pixel (p, 3 * VIEW_WIDTH / 4, VIEW_HEIGHT / 2, 0xff000000 | GREEN);
  assert_pixel (p, 9 * VIEW_WIDTH / 10, VIEW_HEIGHT / 2, 0xff000000 | BLUE);
  g_assert_true (is_grey (pixel (p, 4 * VIEW_WIDTH / 5, 20)));
  g_clear_pointer (&p, pixels_free);
  g_clear_object (&shot);

  /* A new before image keeps the split; none ends it. */
  {
    g_autoptr(GdkTexture) before = picture (768, 512, TRUE);

    easel_image_view_set_compare_texture (f->view, before);
  }
  g_assert_cmpuint (can_compare_notes, ==, 1);

  set_texture (f, picture (1536, 1024, FALSE));
  easel_image_view_set_divider (f->view, 0.5);
  easel_test_wait_for_frame (GTK_WIDGET (f->view));
  light = easel_test_save_screenshot (GTK_WIDGET (f->window), "image-view-compare");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  easel_test_wait_for_frame (GTK_WIDGET (f->view));
  dark = easel_test_save_screenshot (GTK_WIDGET (f->window), "image-view-compare-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  easel_image_view_set_compare_texture (f->view, NULL);
  g_assert_false (easel_image_view_get_can_compare (f->view));
  g_assert_cmpuint (can_compare_notes, ==, 2);
  easel_test_wait_for_frame (GTK_WIDGET (f->view));
  shot = easel_test_render_widget (GTK_WIDGET (f->view));
  p = pixels_new (shot);
  g_assert_false (is_grey (pixel (p, VIEW_WIDTH / 2, 20)));
}

static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (f->view)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);
  gtk_accessible_update_property (GTK_ACCESSIBLE (f->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "A red fox in snow", -1);
}

/* Loading files */

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
pointer_is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static GdkTexture *
load (const char    *path,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;

  easel_texture_load_async (file, cancellable, store_result, &result);
  easel_test_wait_until (pointer_is_set, &result, "the texture to load");

  return easel_texture_load_finish (result, error);
}

static GdkPixbuf *
pixbuf_halves (int     width,
               int     height,
               guint32 left,
               guint32 right)
{
  g_autoptr(GdkTexture) texture = halves (width, height, left, right);
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, width, height);

  gdk_texture_download (texture, gdk_pixbuf_get_pixels (pixbuf), gdk_pixbuf_get_rowstride (pixbuf));
  /* The download is B, G, R, A on little-endian machines: swap to R, G, B. */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guchar *p = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) + x * 4;
        guint32 argb = *(guint32 *) p;

        p[0] = argb >> 16;
        p[1] = argb >> 8;
        p[2] = argb;
        p[3] = argb >> 24;
      }

  return pixbuf;
}

static char *
temp_path (const char *dir,
           const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static void
test_load (void)
{
  g_autofree char *dir = g_dir_make_tmp ("easel-view-XXXXXX", NULL);
  g_autofree char *png = temp_path (dir, "halves.png");
  g_autofree char *jpeg = temp_path (dir, "rotated.jpg");
  g_autoptr(GdkPixbuf) pixbuf = pixbuf_halves (40, 20, RED, BLUE);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Pixels) p = NULL;
  g_autofree char *encoded = NULL;
  gsize length;
  GByteArray *with_exif;
  /* An EXIF block saying "rotate 90° clockwise to show" (orientation 6). */
  static const guint8 exif[] = {
    0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
    'I', 'I', 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00,
    0x01, 0x00,
    0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,
  };

  g_assert_nonnull (dir);
  g_assert_true (gdk_pixbuf_save (pixbuf, png, "png", &error, NULL));
  g_assert_no_error (error);

  texture = load (png, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 40);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 20);
  p = pixels_new (texture);
  assert_pixel (p, 5, 10, 0xff000000 | RED);
  assert_pixel (p, 35, 10, 0xff000000 | BLUE);
  g_clear_pointer (&p, pixels_free);
  g_clear_object (&texture);

  /* A camera's JPEG: the EXIF orientation is applied, so the left half
   * ends up on top. */
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &encoded, &length, "jpeg", &error,
                                            "quality", "100", NULL));
  g_assert_no_error (error);
  with_exif = g_byte_array_new ();
  g_byte_array_append (with_exif, (guint8 *) encoded, 2);
  g_byte_array_append (with_exif, exif, sizeof exif);
  g_byte_array_append (with_exif, (guint8 *) encoded + 2, length - 2);
  g_assert_true (g_file_set_contents (jpeg, (char *) with_exif->data, with_exif->len, NULL));
  g_byte_array_unref (with_exif);

  texture = load (jpeg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 20);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 40);
  p = pixels_new (texture);
  g_assert_cmpuint ((pixel (p, 10, 5) >> 16) & 0xff, >, 200);
  g_assert_cmpuint (pixel (p, 10, 5) & 0xff, <, 50);
  g_assert_cmpuint (pixel (p, 10, 35) & 0xff, >, 200);
  g_assert_cmpuint ((pixel (p, 10, 35) >> 16) & 0xff, <, 50);

  easel_test_remove_tree (dir);
}

/* Incompressible, so the file is far longer than the header. */
static void
fill_with_noise (GdkPixbuf *pixbuf)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  gsize size = (gsize) gdk_pixbuf_get_rowstride (pixbuf) * gdk_pixbuf_get_height (pixbuf);

  for (gsize i = 0; i < size; i++)
    pixels[i] = g_rand_int (rand);
}

static void
test_load_errors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("easel-view-XXXXXX", NULL);
  g_autofree char *missing = temp_path (dir, "missing.png");
  g_autofree char *text = temp_path (dir, "notes.png");
  g_autofree char *empty = temp_path (dir, "empty.png");
  g_autofree char *cut = temp_path (dir, "cut.png");
  g_autofree char *wide = temp_path (dir, "wide.png");
  g_autofree char *good = temp_path (dir, "good.png");
  g_autoptr(GdkPixbuf) small = pixbuf_halves (64, 64, RED, BLUE);
  g_autoptr(GdkPixbuf) too_wide = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 16385, 1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *encoded = NULL;
  gsize length;
  GError *error = NULL;

  g_assert_nonnull (dir);

  g_assert_null (load (missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing.png"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (text, "shopping list: eggs, paint", -1, NULL));
  g_assert_null (load (text, NULL, &error));
  g_assert_true (error->domain == GDK_PIXBUF_ERROR);
  g_assert_nonnull (strstr (error->message, "notes.png"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_null (load (empty, NULL, &error));
  g_assert_true (error->domain == GDK_PIXBUF_ERROR);
  g_assert_nonnull (strstr (error->message, "empty.png"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  g_assert_true (gdk_pixbuf_save_to_buffer (small, &encoded, &length, "png", NULL, NULL));
  g_assert_true (g_file_set_contents (cut, encoded, length / 2, NULL));
  g_assert_null (load (cut, NULL, &error));
  g_assert_true (error->domain == GDK_PIXBUF_ERROR);
  g_assert_nonnull (strstr (error->message, "cut.png"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  fill_with_noise (too_wide);
  g_assert_true (gdk_pixbuf_save (too_wide, wide, "png", NULL, NULL));
  g_assert_null (load (wide, NULL, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "wide.png"));
  g_assert_nonnull (strstr (error->message, "16385"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (good, encoded, length, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_null (load (good, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  easel_test_remove_tree (dir);
}

static GdkTexture *
load_bytes (GBytes      *bytes,
            const char  *name,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  easel_texture_load_bytes_async (bytes, name, NULL, store_result, &result);
  easel_test_wait_until (pointer_is_set, &result, "the texture to load");

  return easel_texture_load_finish (result, error);
}

/* Bytes in memory (a pasted reference) go the same way as files: decoded,
 * refused past the caps, named in the error. */
static void
test_load_bytes (void)
{
  g_autoptr(GdkPixbuf) small = pixbuf_halves (40, 30, 0xff0000ff, 0x0000ffff);
  g_autoptr(GdkPixbuf) too_wide = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 16385, 1);
  g_autoptr(GError) error = NULL;
  char *encoded = NULL;
  gsize length = 0;

  g_assert_true (gdk_pixbuf_save_to_buffer (small, &encoded, &length, "png", NULL, NULL));
  {
    g_autoptr(GBytes) bytes = g_bytes_new_take (encoded, length);
    g_autoptr(GdkTexture) texture = load_bytes (bytes, "pasted.png", &error);

    g_assert_no_error (error);
    g_assert_cmpint (gdk_texture_get_width (texture), ==, 40);
    g_assert_cmpint (gdk_texture_get_height (texture), ==, 30);
  }

  fill_with_noise (too_wide);
  g_assert_true (gdk_pixbuf_save_to_buffer (too_wide, &encoded, &length, "png", NULL, NULL));
  {
    g_autoptr(GBytes) bytes = g_bytes_new_take (encoded, length);

    g_assert_null (load_bytes (bytes, "pasted.png", &error));
    g_assert_error (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "pasted.png"));
    g_clear_error (&error);
  }

  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("not an image at all", 19);

    g_assert_null (load_bytes (bytes, "notes.txt", &error));
    g_assert_true (error->domain == GDK_PIXBUF_ERROR);
    g_assert_nonnull (strstr (error->message, "notes.txt"));
  }
}

/* A file with no local path (here a resource) cannot have its size read
 * ahead; the loader's own report of it stops the load. */
static void
test_load_too_large_without_path (void)
{
  g_autofree char *dir = g_dir_make_tmp ("easel-view-XXXXXX", NULL);
  g_autofree char *noisy = temp_path (dir, "noisy.png");
  g_autofree char *plain = temp_path (dir, "plain.png");
  g_autofree char *xml = temp_path (dir, "test.gresource.xml");
  g_autofree char *bundle = temp_path (dir, "test.gresource");
  g_autoptr(GdkPixbuf) too_wide = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 16385, 1);
  g_autoptr(GResource) resource = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *compiler = g_find_program_in_path ("glib-compile-resources");
  const char *names[] = { "noisy.png", "plain.png" };
  int status;

  if (compiler == NULL)
    {
      g_test_skip ("glib-compile-resources is not installed");
      return;
    }

  fill_with_noise (too_wide);
  g_assert_true (gdk_pixbuf_save (too_wide, noisy, "png", NULL, NULL));
  /* Small enough that the loader only decodes the header when closed. */
  gdk_pixbuf_fill (too_wide, 0x808080ff);
  g_assert_true (gdk_pixbuf_save (too_wide, plain, "png", NULL, NULL));
  g_assert_true (g_file_set_contents (xml,
                                      "<gresources><gresource prefix='/easel-test'>"
                                      "<file>noisy.png</file><file>plain.png</file>"
                                      "</gresource></gresources>", -1, NULL));
  {
    const char *argv[] = { compiler, "--sourcedir", dir, "--target", bundle, xml, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  resource = g_resource_load (bundle, &error);
  g_assert_no_error (error);
  g_resources_register (resource);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *uri = g_strconcat ("resource:///easel-test/", names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_uri (uri);
      g_autoptr(GAsyncResult) result = NULL;
      GdkTexture *texture;

      g_assert_null (g_file_get_path (file));
      easel_texture_load_async (file, NULL, store_result, &result);
      easel_test_wait_until (pointer_is_set, &result, "the texture to load");
      texture = easel_texture_load_finish (result, &error);
      g_assert_null (texture);
      g_assert_error (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE);
      g_assert_nonnull (strstr (error->message, names[i]));
      g_test_message ("%s", error->message);
      g_clear_error (&error);
    }

  g_resources_unregister (resource);
  easel_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  easel_test_use_desktop_settings ();

#define ADD(path, func) \
  g_test_add ("/image-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("fit/4k", test_fit_4k);
  ADD ("fit/never-upscales", test_fit_never_upscales);
  ADD ("zoom/at-keeps-anchor", test_zoom_at_keeps_anchor);
  ADD ("zoom/steps", test_zoom_steps);
  ADD ("zoom/ctrl-scroll", test_ctrl_scroll_zooms_at_pointer);
  ADD ("keys", test_keys);
  ADD ("adjustments", test_adjustments);
  ADD ("drag", test_drag);
  ADD ("render/fit", test_render_fit);
  ADD ("render/compare", test_render_compare);
  ADD ("accessible", test_accessible);
  g_test_add_func ("/image-view/scrolled-window", test_scrolled_window);
  g_test_add_func ("/image-view/load/decodes", test_load);
  g_test_add_func ("/image-view/load/errors", test_load_errors);
  g_test_add_func ("/image-view/load/bytes", test_load_bytes);
  g_test_add_func ("/image-view/load/too-large-without-path", test_load_too_large_without_path);

#undef ADD

  return g_test_run ();
}
