/* bench-mask.c: a 500-event brush stroke on a 4K picture in the mask canvas,
 * at fit and at 1:1, one event a frame
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A 3840 × 2160 picture (a gradient under noise) fills a 1280 × 800
 * window. For each pass, at fit and then at 1:1, a stroke of brush size
 * 80 goes along a looping path of 500 pointer events, one event at the
 * start of each frame (the frame clock's update phase), delivered as the
 * canvas's primary drag gesture and motion controller deliver real ones:
 * their "drag-update" and "motion" signals.
 *
 * Measured per event:
 * - event: from emitting the signals until their handlers return (the
 *   stroke's dabs into the mask, its "changed", the overlay tiles marked,
 *   the redraw queued);
 * - frame: from then until the frame clock's "after-paint" of the same
 *   frame: layout, the canvas's snapshot (overlay tiles rebuilt), GSK's
 *   diff and the renderer drawing the damaged region to the window.
 *
 * A third pass pans the painted picture at 1:1 with the middle button
 * for 120 frames, measured the same way (not a target: every frame of a
 * pan repaints the whole window).
 *
 * Prints one JSON line:
 * {"bench":"mask","event_ms_p99":…,"frame_ms_p99":…,"events":1000,…}
 * with the p99 over both strokes first, then each pass's and the renderer;
 * exits 1 when a target is missed: event p99 ≤ 4 ms, frame p99 ≤ 16 ms. */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "easel-mask-canvas-private.h"
#include "easel-test-utils.h"

#define SOURCE_WIDTH   3840
#define SOURCE_HEIGHT  2160
#define WINDOW_WIDTH   1280
#define WINDOW_HEIGHT  800
#define BRUSH_SIZE     80.0
#define N_EVENTS       500
#define N_PAN_EVENTS   120
/* Frames let by after a zoom before the stroke, so the first frame's
 * full repaint is not counted as a stroke's. */
#define SETTLE_FRAMES  5

#define PASS_LIMIT_SECONDS 120

#define TARGET_EVENT_MS 4.0
#define TARGET_FRAME_MS 16.0

typedef struct
{
  EaselMaskCanvas    *canvas;
  GtkEventController *motion;
  GtkGesture         *gesture;
  guint               n_events;
  double              path[N_EVENTS][2];
  guint               next;
  guint               settle;
  gboolean            began;
  gint64              event_end;
  GArray             *event_ms;
  GArray             *frame_ms;
  gboolean            done;
} Pass;

/* The picture: a diagonal colour gradient with per-pixel noise, so no
 * tile is uniform and nothing compresses. */
static GdkTexture *
noisy_picture (void)
{
  gsize stride = (gsize) SOURCE_WIDTH * 4;
  guchar *data = g_malloc (stride * SOURCE_HEIGHT);
  g_autoptr(GBytes) bytes = NULL;
  guint32 seed = 12345;

  for (int y = 0; y < SOURCE_HEIGHT; y++)
    for (int x = 0; x < SOURCE_WIDTH; x++)
      {
        guchar *p = data + y * stride + x * 4;
        int noise;

        seed = seed * 1664525 + 1013904223;
        noise = (int) (seed >> 27) - 16;
        p[0] = CLAMP (x * 255 / SOURCE_WIDTH + noise, 0, 255);
        p[1] = CLAMP (y * 255 / SOURCE_HEIGHT + noise, 0, 255);
        p[2] = CLAMP (255 - (x + y) * 255 / (SOURCE_WIDTH + SOURCE_HEIGHT) + noise, 0, 255);
        p[3] = 0xff;
      }

  bytes = g_bytes_new_take (data, stride * SOURCE_HEIGHT);
  return gdk_memory_texture_new (SOURCE_WIDTH, SOURCE_HEIGHT, GDK_MEMORY_R8G8B8A8, bytes,
                                 stride);
}

/* A loop over most of the window, about 15 pixels an event: a quick
 * scribble; for panning, a smaller loop at the same pace. */
static void
make_path (Pass    *pass,
           gboolean pan)
{
  double reach = pan ? 0.15 : 0.4;

  for (guint i = 0; i < pass->n_events; i++)
    {
      double t = (double) i / pass->n_events;

      pass->path[i][0] = WINDOW_WIDTH / 2.0 + WINDOW_WIDTH * reach * sin (2 * G_PI * 3 * t);
      pass->path[i][1] = WINDOW_HEIGHT / 2.0 + WINDOW_HEIGHT * reach * sin (2 * G_PI * 2 * t + 0.5);
    }
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Pass *pass = user_data;
  double x, y;
  gint64 start;

  if (pass->settle > 0)
    {
      pass->settle--;
      gtk_widget_queue_draw (widget);
      return G_SOURCE_CONTINUE;
    }

  if (pass->next == pass->n_events)
    {
      g_signal_emit_by_name (pass->gesture, "drag-end",
                             pass->path[pass->n_events - 1][0] - pass->path[0][0],
                             pass->path[pass->n_events - 1][1] - pass->path[0][1]);
      pass->done = TRUE;
      return G_SOURCE_REMOVE;
    }

  x = pass->path[pass->next][0];
  y = pass->path[pass->next][1];
  start = g_get_monotonic_time ();
  g_signal_emit_by_name (pass->motion, "motion", x, y);
  if (pass->next == 0)
    g_signal_emit_by_name (pass->gesture, "drag-begin", x, y);
  else
    g_signal_emit_by_name (pass->gesture, "drag-update",
                           x - pass->path[0][0], y - pass->path[0][1]);
  pass->event_end = g_get_monotonic_time ();
  g_array_append_vals (pass->event_ms,
                       &(double) { (pass->event_end - start) / 1000.0 }, 1);
  pass->next++;
  pass->began = TRUE;

  return G_SOURCE_CONTINUE;
}

static void
on_after_paint (GdkFrameClock *clock,
                Pass          *pass)
{
  if (!pass->began)
    return;

  g_array_append_vals (pass->frame_ms,
                       &(double) { (g_get_monotonic_time () - pass->event_end) / 1000.0 }, 1);
  pass->began = FALSE;
}

/* Slower renderers (GL on a software rasterizer) take longer than the
 * tests' wait limit for 500 frames. */
static void
wait_for_pass (Pass *pass)
{
  gint64 deadline = g_get_monotonic_time () + PASS_LIMIT_SECONDS * G_USEC_PER_SEC;

  while (!pass->done)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("A pass took more than %d s", PASS_LIMIT_SECONDS);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
tiles_ready (gpointer data)
{
  return easel_mask_canvas_tiles_ready (data);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
mean (GArray *values)
{
  double sum = 0;

  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, double, i);

  return sum / values->len;
}

static double
p99 (GArray *values)
{
  g_autoptr(GArray) sorted = g_array_copy (values);
  guint index;

  g_assert_cmpuint (sorted->len, >, 0);
  g_array_sort (sorted, compare_doubles);
  index = (guint) ceil (0.99 * sorted->len) - 1;
  return g_array_index (sorted, double, index);
}

/* A stroke, or with @pan a middle-button pan, of @n_events. */
static void
run_pass (EaselMaskCanvas *canvas,
          gboolean         pan,
          guint            n_events,
          GArray          *event_ms,
          GArray          *frame_ms)
{
  GtkEventController *motion = NULL;
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (canvas));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (canvas));
  Pass *pass = g_new0 (Pass, 1);
  gulong handler;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && motion == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        motion = GTK_EVENT_CONTROLLER (controller);
    }
  g_assert_nonnull (motion);

  pass->canvas = canvas;
  pass->motion = motion;
  pass->event_ms = event_ms;
  pass->frame_ms = frame_ms;
  pass->settle = SETTLE_FRAMES;
  pass->gesture = pan ? canvas->pan_gesture : canvas->paint_gesture;
  pass->n_events = n_events;
  make_path (pass, pan);

  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), pass);
  gtk_widget_add_tick_callback (GTK_WIDGET (canvas), on_tick, pass, NULL);
  wait_for_pass (pass);
  easel_test_wait_for_frame (GTK_WIDGET (canvas));
  g_signal_handler_disconnect (clock, handler);
  g_free (pass);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GdkTexture) source = NULL;
  g_autoptr(EaselMask) mask = easel_mask_new (SOURCE_WIDTH, SOURCE_HEIGHT);
  g_autoptr(GArray) fit_events = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) fit_frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) actual_events = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) actual_frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pan_events = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pan_frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all_events = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all_frames = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWindow *window;
  EaselMaskCanvas *canvas;
  double event_p99, frame_p99;

  g_set_prgname ("bench-mask");
  adw_init ();
  easel_test_use_desktop_settings ();

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_decorated (window, FALSE);
  gtk_window_set_default_size (window, WINDOW_WIDTH, WINDOW_HEIGHT);
  canvas = EASEL_MASK_CANVAS (easel_mask_canvas_new ());
  gtk_window_set_child (window, GTK_WIDGET (canvas));
  gtk_window_present (window);

  source = noisy_picture ();
  easel_mask_canvas_set_source (canvas, source, mask);
  easel_mask_canvas_set_brush_size (canvas, BRUSH_SIZE);
  easel_mask_canvas_set_hardness (canvas, 0.7);
  easel_test_wait_until (tiles_ready, canvas, "the source's tiles");
  easel_test_wait_for_frame (GTK_WIDGET (canvas));

  run_pass (canvas, FALSE, N_EVENTS, fit_events, fit_frames);
  easel_mask_canvas_zoom_at (canvas, 1.0, WINDOW_WIDTH / 2.0, WINDOW_HEIGHT / 2.0);
  run_pass (canvas, FALSE, N_EVENTS, actual_events, actual_frames);
  /* Not a target: how smoothly the painted picture pans at 1:1, where
   * every frame repaints the whole window. */
  run_pass (canvas, TRUE, N_PAN_EVENTS, pan_events, pan_frames);
  g_assert_cmpuint (easel_mask_get_width (mask), ==, SOURCE_WIDTH);
  g_assert_false (easel_mask_is_empty (mask));

  g_array_append_vals (all_events, fit_events->data, fit_events->len);
  g_array_append_vals (all_events, actual_events->data, actual_events->len);
  g_array_append_vals (all_frames, fit_frames->data, fit_frames->len);
  g_array_append_vals (all_frames, actual_frames->data, actual_frames->len);
  event_p99 = p99 (all_events);
  frame_p99 = p99 (all_frames);

  g_print ("{\"bench\":\"mask\",\"event_ms_p99\":%.2f,\"frame_ms_p99\":%.2f,"
           "\"events\":%u,\"frames\":%u,"
           "\"fit_event_ms_p99\":%.2f,\"fit_frame_ms_p99\":%.2f,"
           "\"actual_size_event_ms_p99\":%.2f,\"actual_size_frame_ms_p99\":%.2f,"
           "\"event_ms_mean\":%.2f,\"frame_ms_mean\":%.2f,"
           "\"pan_frame_ms_p99\":%.2f,\"pan_frame_ms_mean\":%.2f,\"renderer\":\"%s\"}\n",
           event_p99, frame_p99, all_events->len, all_frames->len,
           p99 (fit_events), p99 (fit_frames), p99 (actual_events), p99 (actual_frames),
           mean (all_events), mean (all_frames), p99 (pan_frames), mean (pan_frames),
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));

  gtk_window_destroy (window);

  return event_p99 <= TARGET_EVENT_MS && frame_p99 <= TARGET_FRAME_MS ? 0 : 1;
}
