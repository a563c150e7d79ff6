/* easel-test-utils.c: helpers shared by Easel's UI tests
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "easel-test-utils.h"

/* No wait in a UI test may hang the suite: past this the test fails and
 * says what it was waiting for. */
#define WAIT_LIMIT_SECONDS 20

typedef struct
{
  gboolean  (*condition) (gpointer data);
  gpointer    data;
} Wait;

static gboolean
on_wait_timeout (gpointer user_data)
{
  const char *what = user_data;

  g_error ("Timed out after %d s waiting for %s", WAIT_LIMIT_SECONDS, what);
  return G_SOURCE_REMOVE;
}

/**
 * easel_test_wait_until:
 * @condition: returns %TRUE once the wait is over
 * @data: passed to @condition
 * @what: a description for the failure message
 *
 * Runs the default main context until @condition holds, aborting the test
 * after a bounded time.
 */
void
easel_test_wait_until (gboolean  (*condition) (gpointer data),
                       gpointer    data,
                       const char *what)
{
  guint timeout_id = g_timeout_add_seconds (WAIT_LIMIT_SECONDS, on_wait_timeout, (gpointer) what);

  while (!condition (data))
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout_id);
}

/**
 * easel_test_isolate_data_dir:
 *
 * Points XDG_DATA_HOME at a fresh folder inside the one the run was given,
 * so this program's history (and images) are its own: an app started here
 * does not resume what another test program left pending. Call it first
 * in main(), before GLib caches the folder.
 *
 * Returns: (transfer full): the folder
 */
char *
easel_test_isolate_data_dir (void)
{
  const char *parent = g_getenv ("XDG_DATA_HOME");
  g_autofree char *template = NULL;
  g_autofree char *name = g_path_get_basename (g_get_prgname () != NULL ? g_get_prgname ()
                                                                        : "easel-test");
  char *dir;

  if (parent == NULL)
    parent = g_get_tmp_dir ();
  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  template = g_strdup_printf ("%s/%s-XXXXXX", parent, name);
  dir = g_mkdtemp (template) != NULL ? g_steal_pointer (&template) : NULL;
  g_assert_nonnull (dir);
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  return dir;
}

/* GTK 4.8 starts its 500 ms tooltip timer on any crossing event, and the X
 * server sends one to every popover that grabs the pointer, wherever the
 * pointer is. When the timer fires it asks the surface of the native it
 * was started for where the pointer is; if that native has been
 * unrealized but is still alive (a window destroyed while something holds
 * it, a popover GTK has not freed yet), the surface is NULL and the
 * critical gdk_surface_get_device_position() raises aborts the test. GTK
 * forgets the tooltip of a native that goes away only once the tooltip is
 * showing, and in a session the press or key that closes a window or a
 * menu cancels the timer; tests send neither. So the display's tooltip
 * state is dropped whenever a native is unrealized, as a press would drop
 * it. No test looks at a tooltip window: they read tooltip texts. */
static gboolean
forget_tooltip (GSignalInvocationHint *hint,
                guint                  n_values,
                const GValue          *values,
                gpointer               data)
{
  GObject *object = g_value_get_object (&values[0]);

  if (GTK_IS_NATIVE (object))
    {
      GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (object));
      GQuark quark = g_quark_from_static_string ("gdk-display-current-tooltip");
      GObject *tooltip = g_object_get_qdata (G_OBJECT (display), quark);

      /* Disposing the tooltip removes its timer; the next crossing event
       * makes a new one. */
      if (tooltip != NULL && GTK_IS_TOOLTIP (tooltip))
        g_object_set_qdata (G_OBJECT (display), quark, NULL);
    }

  return TRUE;
}

/**
 * easel_test_use_desktop_settings:
 *
 * Sets the interface font GNOME uses, as the desktop would through
 * XSETTINGS, which a bare X server lacks, so screenshots show what users
 * see; turns animations off, so a screenshot never catches a page halfway
 * through sliding in; and keeps a pending tooltip from outliving the
 * surface it was meant for (see forget_tooltip()).
 */
void
easel_test_use_desktop_settings (void)
{
  static gsize hooked = 0;

  g_object_set (gtk_settings_get_default (),
                "gtk-font-name", "Cantarell 11",
                "gtk-enable-animations", FALSE,
                NULL);

  if (g_once_init_enter (&hooked))
    {
      g_autoptr(GTypeClass) widget_class = g_type_class_ref (GTK_TYPE_WIDGET);
      guint unrealize = g_signal_lookup ("unrealize", GTK_TYPE_WIDGET);

      g_assert_cmpuint (unrealize, !=, 0);
      g_signal_add_emission_hook (unrealize, 0, forget_tooltip, NULL, NULL);
      g_once_init_leave (&hooked, 1);
    }
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

/**
 * easel_test_wait_for_frame:
 * @widget: a widget in a presented window
 *
 * Waits until @widget is mapped and its window has painted a frame since
 * this call, so the allocation and the styles in effect are current.
 */
void
easel_test_wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong handler;

  easel_test_wait_until (is_mapped, widget, "the widget to be mapped");

  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (set_flag), &painted);
  gtk_widget_queue_draw (GTK_WIDGET (gtk_widget_get_root (widget)));
  easel_test_wait_until (flag_is_set, &painted, "a frame to be painted");
  g_signal_handler_disconnect (clock, handler);
}

/**
 * easel_test_render_widget:
 * @widget: a mapped widget
 *
 * Renders @widget with its window's renderer, as it is on screen now.
 *
 * Returns: (transfer full): the rendered texture
 */
GdkTexture *
easel_test_render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t bounds;
  GskRenderer *renderer;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  /* A widget's paintable is as large as its bounds, which for a window
   * include the margin around it for the shadow; snapshotting it at the
   * widget's size would scale the picture down a little and blur it.
   * Drawn at its own size and cut to the widget, it is the screen, pixel
   * for pixel. */
  if (!gtk_widget_compute_bounds (widget, widget, &bounds))
    graphene_rect_init (&bounds, 0, 0, width, height);
  gdk_paintable_snapshot (paintable, snapshot, bounds.size.width, bounds.size.height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_assert_nonnull (renderer);

  return gsk_renderer_render_texture (renderer, node,
                                      &GRAPHENE_RECT_INIT (-bounds.origin.x, -bounds.origin.y,
                                                           width, height));
}

/**
 * easel_test_save_screenshot:
 * @widget: a mapped widget, usually a window
 * @name: the file name without extension
 *
 * Saves what @widget shows as `$EASEL_SCREENSHOT_DIR/NAME.png`, the
 * artifact a person looks at to judge the screen.
 *
 * Returns: (transfer full): the path written
 */
char *
easel_test_save_screenshot (GtkWidget  *widget,
                            const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = g_strconcat (name, ".png", NULL);
  const char *dir = g_getenv ("EASEL_SCREENSHOT_DIR");
  char *path;

  if (dir == NULL)
    dir = g_get_tmp_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, file_name, NULL);

  texture = easel_test_render_widget (widget);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot saved: %s", path);

  return path;
}

/**
 * easel_test_texture_luminance:
 * @texture: a texture
 * @stddev: (out) (optional): the standard deviation of the luminance
 *
 * Returns: the mean luminance of @texture in 0–255, so a test can tell a
 *   light rendering from a dark one and a drawn window from a blank one
 */
double
easel_test_texture_luminance (GdkTexture *texture,
                              double     *stddev)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * height);
  double sum = 0, sum_sq = 0;
  gsize count = (gsize) width * height;

  /* Downloads as CAIRO_FORMAT_ARGB32 in native byte order: B, G, R, A on
   * little-endian machines. */
  gdk_texture_download (texture, pixels, stride);

  for (gsize i = 0; i < count; i++)
    {
      const guchar *p = pixels + i * 4;
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
      double y = 0.0722 * p[0] + 0.7152 * p[1] + 0.2126 * p[2];
#else
      double y = 0.2126 * p[1] + 0.7152 * p[2] + 0.0722 * p[3];
#endif
      sum += y;
      sum_sq += y * y;
    }

  if (stddev != NULL)
    *stddev = sqrt (MAX (0.0, sum_sq / count - (sum / count) * (sum / count)));

  return sum / count;
}

/**
 * easel_test_find_window:
 * @type: a #GtkWindow subtype
 *
 * Returns: (transfer none) (nullable): the first toplevel of @type
 */
GtkWindow *
easel_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      /* The list keeps its own reference, so the pointer outlives ours. */
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}
