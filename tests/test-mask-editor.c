/* test-mask-editor.c: the mask editor in a real window: loading each kind
 * of reference, the keys, drops and pastes as mask or as a new image, the
 * remembered settings, the tool bar at each width, and how it looks
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "easel-application.h"
#include "easel-mask-editor-private.h"
#include "easel-test-files.h"
#include "easel-test-utils.h"

static EaselApplication *app;
static int status;
static char *tmp_dir;

/* --- fixture ------------------------------------------------------------- */

typedef struct
{
  GtkWindow       *parent;
  EaselMaskEditor *editor;
  GPtrArray       *replaced;          /* EaselReference, in order */
  guint            n_mask_notifies;
  guint            n_loading_notifies;
  gboolean         reload_on_replace; /* what the create panel does */
} Editor;

static void
on_mask_notify (Editor *e)
{
  e->n_mask_notifies++;
}

static void
on_loading_notify (Editor *e)
{
  e->n_loading_notifies++;
}

static void
on_replace_source (EaselMaskEditor *editor,
                   EaselReference  *reference,
                   Editor          *e)
{
  g_ptr_array_add (e->replaced, easel_reference_ref (reference));
  if (e->reload_on_replace)
    easel_mask_editor_set_source (editor, reference, NULL);
}

/* Both at once: a drop that replaces the image starts a new load. */
static gboolean
settled (gpointer data)
{
  return !easel_mask_editor_get_loading (data) && easel_mask_editor_get_n_pending (data) == 0;
}

static void
editor_settle (Editor *e)
{
  easel_test_wait_until (settled, e->editor, "the source to load and drops to be read");
}

static void
editor_open_sized (Editor         *e,
                   EaselReference *reference,
                   EaselMask      *mask,
                   int             width,
                   int             height)
{
  memset (e, 0, sizeof *e);
  e->replaced = g_ptr_array_new_with_free_func ((GDestroyNotify) easel_reference_unref);

  e->parent = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
  gtk_window_set_default_size (e->parent, 400, 300);
  gtk_window_present (e->parent);

  e->editor = EASEL_MASK_EDITOR (easel_mask_editor_new (e->parent, reference, mask));
  g_assert_true (easel_mask_editor_get_loading (e->editor));
  g_signal_connect_swapped (e->editor, "notify::mask", G_CALLBACK (on_mask_notify), e);
  g_signal_connect_swapped (e->editor, "notify::loading", G_CALLBACK (on_loading_notify), e);
  g_signal_connect (e->editor, "replace-source", G_CALLBACK (on_replace_source), e);
  if (width > 0)
    gtk_window_set_default_size (GTK_WINDOW (e->editor), width, height);
  gtk_window_present (GTK_WINDOW (e->editor));

  editor_settle (e);
  easel_test_wait_for_frame (GTK_WIDGET (e->editor));
}

static void
editor_open (Editor         *e,
             EaselReference *reference,
             EaselMask      *mask)
{
  editor_open_sized (e, reference, mask, -1, -1);
}

static void
editor_close (Editor *e)
{
  g_object_ref (e->editor);
  gtk_window_destroy (GTK_WINDOW (e->editor));
  editor_settle (e);
  g_assert_finalize_object (e->editor);
  gtk_window_destroy (e->parent);
  g_ptr_array_unref (e->replaced);
}

static GObject *
child (Editor     *e,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (e->editor),
                                                   EASEL_TYPE_MASK_EDITOR, name);

  if (object == NULL)
    g_error ("The editor has no template child “%s”", name);
  return object;
}

static const char *
page_of (Editor *e)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child (e, "stack")));
}

/* The first widget of @type under @widget. */
static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;
      if ((found = find_widget (c, type)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
action_enabled (Editor     *e,
                const char *name)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (e->editor->actions), name);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack ? haystack : "(null)", needle);
}

/* The toast shown since @before (a copy of the last toast then). */
static const char *
new_toast (Editor     *e,
           const char *before)
{
  const char *now = easel_mask_editor_get_last_toast (e->editor);

  g_assert_nonnull (now);
  g_assert_cmpstr (now, !=, before);
  return now;
}

/* --- test files ---------------------------------------------------------- */

typedef guint32 (*PixelFunc) (int x, int y, int width, int height);

static GdkPixbuf *
make_pixbuf (int       width,
             int       height,
             gboolean  alpha,
             PixelFunc func)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 rgba = func (x, y, width, height);
        guint8 *p = pixels + y * stride + x * channels;

        p[0] = rgba >> 24;
        p[1] = rgba >> 16;
        p[2] = rgba >> 8;
        if (alpha)
          p[3] = rgba;
      }

  return pixbuf;
}

static char *
save_pixbuf (GdkPixbuf  *pixbuf,
             const char *name,
             const char *type)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_assert_true (gdk_pixbuf_save (pixbuf, path, type, &error, NULL));
  g_assert_no_error (error);
  return path;
}

/* A photo-like scene: a dusk sky, a low sun and two hills, so the
 * screenshots show a mask over something. */
static guint32
scene (int x,
       int y,
       int width,
       int height)
{
  double u = (double) x / width, v = (double) y / height;
  double hill1 = 0.70 - 0.12 * sin (u * 3.1 + 0.4);
  double hill2 = 0.82 - 0.06 * sin (u * 5.0 + 1.3);
  double sun = hypot (u - 0.62, (v - 0.52) * height / width);
  double r, g, b;

  if (v > hill2)
    r = 0.12, g = 0.20 + 0.1 * v, b = 0.16;
  else if (v > hill1)
    r = 0.22, g = 0.32, b = 0.28;
  else if (sun < 0.07)
    r = 1.0, g = 0.86, b = 0.55;
  else
    {
      double glow = MAX (0.0, 0.35 - sun) * 1.2;

      r = 0.16 + 0.75 * v + glow;
      g = 0.18 + 0.35 * v + glow * 0.6;
      b = 0.42 - 0.1 * v;
    }

  return ((guint32) (CLAMP (r, 0, 1) * 255) << 24) | ((guint32) (CLAMP (g, 0, 1) * 255) << 16) |
         ((guint32) (CLAMP (b, 0, 1) * 255) << 8) | 0xff;
}

static guint32
grey (int x,
      int y,
      int width,
      int height)
{
  return 0x808080ff;
}

/* Left half transparent (to redraw), right half opaque (to keep). */
static guint32
left_clear (int x,
            int y,
            int width,
            int height)
{
  return x < width / 2 ? 0xffffff00 : 0xffffffff;
}

/* A transparent square in the middle third, alpha 64 elsewhere. */
static guint32
middle_square (int x,
               int y,
               int width,
               int height)
{
  gboolean inside = x >= width / 3 && x < 2 * width / 3 && y >= height / 3 && y < 2 * height / 3;

  return inside ? 0x00000000 : 0x00000040;
}

static char *
write_image (const char *name,
             const char *type,
             int         width,
             int         height,
             gboolean    alpha,
             PixelFunc   func)
{
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (width, height, alpha, func);

  return save_pixbuf (pixbuf, name, type);
}

static GBytes *
png_bytes (int       width,
           int       height,
           PixelFunc func)
{
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (width, height, TRUE, func);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &length, "png", &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

static EaselReference *
file_reference (const char *name,
                int         width,
                int         height)
{
  g_autofree char *path = write_image (name, "png", width, height, FALSE, scene);

  return easel_reference_new_for_path (path);
}

static void
paint_stroke (EaselMask *mask,
              double     x0,
              double     y0,
              double     x1,
              double     y1,
              double     size)
{
  easel_mask_begin_stroke (mask, EASEL_MASK_TOOL_BRUSH, size, 1.0);
  easel_mask_stroke_to (mask, x0, y0, NULL);
  easel_mask_stroke_to (mask, x1, y1, NULL);
  easel_mask_end_stroke (mask);
}

static GValue *
file_list_value (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GSList files = { file, NULL };
  GValue *value = g_new0 (GValue, 1);

  g_value_init (value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (value, gdk_file_list_new_from_list (&files));
  return value;
}

static void
value_free (GValue *value)
{
  g_value_unset (value);
  g_free (value);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GValue, value_free)

/* --- loading ------------------------------------------------------------- */

static void
test_open_file (void)
{
  g_autoptr(EaselReference) reference = file_reference ("photo.png", 800, 600);
  g_autoptr(EaselMask) right = easel_mask_new (800, 600);
  g_autoptr(EaselMask) wrong = easel_mask_new (600, 800);
  EaselMask *mask;
  GdkTexture *texture;
  Editor e;

  editor_open (&e, reference, NULL);

  /* Loaded off the main thread, announced; then a mask of its size. */
  g_assert_false (easel_mask_editor_get_loading (e.editor));
  g_assert_cmpuint (e.n_loading_notifies, ==, 1);
  g_assert_cmpstr (page_of (&e), ==, "editor");
  g_assert_true (easel_mask_editor_get_source (e.editor) == reference);
  mask = easel_mask_editor_get_mask (e.editor);
  g_assert_nonnull (mask);
  g_assert_cmpuint (e.n_mask_notifies, ==, 1);
  g_assert_cmpuint (easel_mask_get_width (mask), ==, 800);
  g_assert_cmpuint (easel_mask_get_height (mask), ==, 600);
  g_assert_true (easel_mask_is_empty (mask));
  g_assert_true (easel_mask_canvas_get_mask (easel_mask_editor_get_canvas (e.editor)) == mask);
  texture = easel_mask_canvas_get_source (easel_mask_editor_get_canvas (e.editor));
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 800);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 600);

  /* Modal over its parent, named after the reference. */
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (e.editor)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (e.editor)) == e.parent);
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (child (&e, "window_title"))),
                   ==, "Mask");
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (child (&e, "window_title"))),
                   ==, "photo.png");
  g_assert_true (action_enabled (&e, "invert"));
  g_assert_false (action_enabled (&e, "undo"));
  g_assert_false (action_enabled (&e, "redo"));

  /* The keys reach the canvas: it has the focus, and clicking the bar's
   * controls does not take it. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (e.editor)) ==
                 GTK_WIDGET (easel_mask_editor_get_canvas (e.editor)));
  g_assert_false (gtk_widget_get_focus_on_click (GTK_WIDGET (child (&e, "overlay_button_wide"))));
  g_assert_false (gtk_widget_get_focus_on_click (
                    find_widget (GTK_WIDGET (child (&e, "toolbar_wide")), GTK_TYPE_SCALE)));

  /* A mask of the right size is edited in place: no new one. */
  e.n_mask_notifies = 0;
  easel_mask_editor_set_source (e.editor, reference, right);
  g_assert_true (easel_mask_editor_get_loading (e.editor));
  g_assert_false (action_enabled (&e, "invert"));
  g_assert_cmpstr (page_of (&e), ==, "loading");
  editor_settle (&e);
  g_assert_true (easel_mask_editor_get_mask (e.editor) == right);
  g_assert_cmpuint (e.n_mask_notifies, ==, 1);
  paint_stroke (right, 10, 10, 200, 10, 20);
  g_assert_true (action_enabled (&e, "undo"));

  /* One of another size is replaced, and that is said. */
  e.n_mask_notifies = 0;
  easel_mask_editor_set_source (e.editor, reference, wrong);
  editor_settle (&e);
  mask = easel_mask_editor_get_mask (e.editor);
  g_assert_true (mask != wrong);
  g_assert_cmpuint (easel_mask_get_width (mask), ==, 800);
  g_assert_cmpuint (e.n_mask_notifies, ==, 2);
  g_assert_false (action_enabled (&e, "undo"));

  editor_close (&e);
}

static void
test_open_bytes (void)
{
  g_autoptr(GBytes) png = png_bytes (320, 200, scene);
  g_autoptr(EaselReference) bytes = easel_reference_new_for_bytes (png, "image/png",
                                                                   "pasted-image.png");
  g_autofree char *base64 = g_base64_encode (g_bytes_get_data (png, NULL),
                                             g_bytes_get_size (png));
  g_autofree char *url = g_strconcat ("data:image/png;base64,", base64, NULL);
  g_autoptr(EaselReference) data_url = easel_reference_new_for_url (url, NULL);
  g_autofree char *jpeg = write_image ("photo.jpg", "jpeg", 120, 90, FALSE, scene);
  g_autoptr(EaselReference) jpeg_reference = easel_reference_new_for_path (jpeg);
  Editor e;

  editor_open (&e, bytes, NULL);
  g_assert_cmpstr (page_of (&e), ==, "editor");
  g_assert_cmpuint (easel_mask_get_width (easel_mask_editor_get_mask (e.editor)), ==, 320);
  g_assert_cmpuint (easel_mask_get_height (easel_mask_editor_get_mask (e.editor)), ==, 200);
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (child (&e, "window_title"))),
                   ==, "pasted-image.png");
  /* Loading did not fill in the reference's bytes for good. */
  g_assert_true (easel_reference_get_bytes (bytes) == png);

  g_assert_nonnull (data_url);
  easel_mask_editor_set_source (e.editor, data_url, NULL);
  editor_settle (&e);
  g_assert_cmpstr (page_of (&e), ==, "editor");
  g_assert_cmpuint (easel_mask_get_width (easel_mask_editor_get_mask (e.editor)), ==, 320);

  easel_mask_editor_set_source (e.editor, jpeg_reference, NULL);
  editor_settle (&e);
  g_assert_cmpstr (page_of (&e), ==, "editor");
  g_assert_cmpuint (easel_mask_get_width (easel_mask_editor_get_mask (e.editor)), ==, 120);
  g_assert_cmpuint (easel_mask_get_height (easel_mask_editor_get_mask (e.editor)), ==, 90);
  /* A file reference is read, not loaded into the reference. */
  g_assert_null (easel_reference_get_bytes (jpeg_reference));

  editor_close (&e);
}

static const char *
error_text (Editor *e)
{
  return adw_status_page_get_description (ADW_STATUS_PAGE (child (e, "error_page")));
}

static void
test_open_unreadable (void)
{
  g_autofree char *missing = g_build_filename (tmp_dir, "gone.png", NULL);
  g_autoptr(EaselReference) missing_reference = easel_reference_new_for_path (missing);
  g_autofree char *text = g_build_filename (tmp_dir, "notes.png", NULL);
  g_autoptr(EaselReference) text_reference = NULL;
  g_autoptr(EaselReference) url = easel_reference_new_for_url ("https://example.com/cat.png",
                                                               NULL);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(EaselReference) forgotten = easel_reference_new_for_bytes (empty, "image/png",
                                                                       "pasted-image.png");
  g_autoptr(EaselReference) good = file_reference ("good.png", 64, 48);
  Editor e;

  g_assert_true (g_file_set_contents (text, "not an image at all", -1, NULL));
  text_reference = easel_reference_new_for_path (text);

  editor_open (&e, missing_reference, NULL);
  g_assert_cmpstr (page_of (&e), ==, "error");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (child (&e, "error_page"))), ==,
                   "Cannot Open the Image");
  assert_contains (error_text (&e), "“gone.png” cannot be read");
  assert_contains (error_text (&e), "No such file");
  g_assert_null (easel_mask_editor_get_mask (e.editor));
  g_assert_cmpuint (e.n_mask_notifies, ==, 0);
  g_assert_false (action_enabled (&e, "invert"));
  g_assert_false (action_enabled (&e, "zoom-in"));
  g_assert_false (action_enabled (&e, "paste"));

  easel_mask_editor_set_source (e.editor, text_reference, NULL);
  editor_settle (&e);
  g_assert_cmpstr (page_of (&e), ==, "error");
  g_assert_cmpstr (error_text (&e), ==, "“notes.png” is not a PNG, JPEG or WebP image.");

  easel_mask_editor_set_source (e.editor, forgotten, NULL);
  editor_settle (&e);
  g_assert_cmpstr (page_of (&e), ==, "error");
  assert_contains (error_text (&e), "paste it again");

  /* The panel never offers it, but a link is said, not loaded. */
  easel_mask_editor_set_source (e.editor, url, NULL);
  g_assert_false (easel_mask_editor_get_loading (e.editor));
  g_assert_cmpstr (page_of (&e), ==, "error");
  assert_contains (error_text (&e), "web address");

  /* A good image after a bad one is shown. */
  easel_mask_editor_set_source (e.editor, good, NULL);
  editor_settle (&e);
  g_assert_cmpstr (page_of (&e), ==, "editor");
  g_assert_nonnull (easel_mask_editor_get_mask (e.editor));

  /* Replaced while loading: only the last one lands. */
  easel_mask_editor_set_source (e.editor, missing_reference, NULL);
  easel_mask_editor_set_source (e.editor, good, NULL);
  editor_settle (&e);
  g_assert_cmpstr (page_of (&e), ==, "editor");

  editor_close (&e);
}

/* --- keys ---------------------------------------------------------------- */

/* The shortcut of the editor's class for @trigger ("<Control>z"). */
static GtkShortcut *
shortcut_for (Editor     *e,
              const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (e->editor));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *text =
            gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_str_equal (text, trigger) &&
              GTK_IS_NAMED_ACTION (gtk_shortcut_get_action (shortcut)))
            /* The controller keeps its own reference. */
            return shortcut;
        }
    }

  g_error ("No shortcut for %s", trigger);
  return NULL;
}

/* Asserts that @trigger runs @action, and runs it as the key would. */
static void
press (Editor     *e,
       const char *trigger,
       const char *action)
{
  GtkShortcut *shortcut = shortcut_for (e, trigger);
  GtkShortcutAction *named = gtk_shortcut_get_action (shortcut);

  g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (named)), ==, action);
  g_assert_true (gtk_shortcut_action_activate (named, 0, GTK_WIDGET (e->editor),
                                               gtk_shortcut_get_arguments (shortcut)));
}

static void
test_keys (void)
{
  g_autoptr(EaselReference) reference = file_reference ("keys.png", 800, 600);
  EaselMaskCanvas *canvas;
  EaselMask *mask;
  double zoom;
  Editor e;

  editor_open (&e, reference, NULL);
  canvas = easel_mask_editor_get_canvas (e.editor);
  mask = easel_mask_editor_get_mask (e.editor);

  press (&e, "e", "mask.tool");
  g_assert_cmpint (easel_mask_canvas_get_tool (canvas), ==, EASEL_MASK_TOOL_ERASER);
  press (&e, "b", "mask.tool");
  g_assert_cmpint (easel_mask_canvas_get_tool (canvas), ==, EASEL_MASK_TOOL_BRUSH);

  /* About 15 % a step, at least 1 px, within 1–500. */
  easel_mask_canvas_set_brush_size (canvas, 48);
  press (&e, "bracketright", "mask.size-up");
  g_assert_cmpfloat (easel_mask_canvas_get_brush_size (canvas), ==, 55);
  press (&e, "bracketleft", "mask.size-down");
  press (&e, "bracketleft", "mask.size-down");
  g_assert_cmpfloat (easel_mask_canvas_get_brush_size (canvas), ==, 42);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (&e, "size_label"))), ==, "42 px");
  easel_mask_canvas_set_brush_size (canvas, 2);
  press (&e, "bracketleft", "mask.size-down");
  g_assert_cmpfloat (easel_mask_canvas_get_brush_size (canvas), ==, 1);
  press (&e, "bracketleft", "mask.size-down");
  g_assert_cmpfloat (easel_mask_canvas_get_brush_size (canvas), ==, 1);
  press (&e, "bracketright", "mask.size-up");
  g_assert_cmpfloat (easel_mask_canvas_get_brush_size (canvas), ==, 2);
  easel_mask_canvas_set_brush_size (canvas, 480);
  press (&e, "bracketright", "mask.size-up");
  g_assert_cmpfloat (easel_mask_canvas_get_brush_size (canvas), ==, 500);
  easel_mask_canvas_set_brush_size (canvas, 48);

  g_assert_true (easel_mask_canvas_get_overlay_visible (canvas));
  press (&e, "h", "mask.toggle-overlay");
  g_assert_false (easel_mask_canvas_get_overlay_visible (canvas));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (find_widget (GTK_WIDGET (child (&e,
                                                                   "overlay_popover")),
                                                                   GTK_TYPE_SWITCH))));
  press (&e, "h", "mask.toggle-overlay");
  g_assert_true (easel_mask_canvas_get_overlay_visible (canvas));

  /* A stroke, undone and redone by each of the keys. */
  paint_stroke (mask, 100, 300, 700, 300, 40);
  g_assert_cmpuint (easel_mask_get_value (mask, 400, 300), ==, 255);
  g_assert_true (action_enabled (&e, "undo"));
  press (&e, "<Control>z", "mask.undo");
  g_assert_cmpuint (easel_mask_get_value (mask, 400, 300), ==, 0);
  g_assert_false (action_enabled (&e, "undo"));
  g_assert_true (action_enabled (&e, "redo"));
  press (&e, "<Shift><Control>z", "mask.redo");
  g_assert_cmpuint (easel_mask_get_value (mask, 400, 300), ==, 255);
  press (&e, "<Control>z", "mask.undo");
  press (&e, "<Control>y", "mask.redo");
  g_assert_cmpuint (easel_mask_get_value (mask, 400, 300), ==, 255);

  press (&e, "<Control>i", "mask.invert");
  g_assert_cmpuint (easel_mask_get_value (mask, 400, 300), ==, 0);
  g_assert_cmpuint (easel_mask_get_value (mask, 10, 10), ==, 255);
  press (&e, "<Control>z", "mask.undo");
  g_assert_cmpuint (easel_mask_get_value (mask, 10, 10), ==, 0);

  /* Zoom: fit at first, then steps, 1:1 and back to fit. */
  g_assert_true (easel_mask_canvas_get_fit (canvas));
  zoom = easel_mask_canvas_get_zoom (canvas);
  press (&e, "plus", "mask.zoom-in");
  g_assert_false (easel_mask_canvas_get_fit (canvas));
  g_assert_cmpfloat (easel_mask_canvas_get_zoom (canvas), >, zoom);
  zoom = easel_mask_canvas_get_zoom (canvas);
  press (&e, "equal", "mask.zoom-in");
  press (&e, "KP_Add", "mask.zoom-in");
  press (&e, "<Control>plus", "mask.zoom-in");
  g_assert_cmpfloat (easel_mask_canvas_get_zoom (canvas), >, zoom);
  zoom = easel_mask_canvas_get_zoom (canvas);
  press (&e, "minus", "mask.zoom-out");
  g_assert_cmpfloat (easel_mask_canvas_get_zoom (canvas), <, zoom);
  press (&e, "KP_Subtract", "mask.zoom-out");
  press (&e, "<Control>minus", "mask.zoom-out");
  press (&e, "1", "mask.zoom-1");
  g_assert_cmpfloat (easel_mask_canvas_get_zoom (canvas), ==, 1.0);
  g_assert_false (easel_mask_canvas_get_fit (canvas));
  easel_test_wait_for_frame (GTK_WIDGET (canvas));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (&e, "zoom_label_wide"))), ==,
                   "100 %");
  press (&e, "0", "mask.zoom-fit");
  g_assert_true (easel_mask_canvas_get_fit (canvas));
  press (&e, "<Control>0", "mask.zoom-fit");
  g_assert_true (easel_mask_canvas_get_fit (canvas));

  /* The paste key is there (pasting itself is tested below). */
  g_assert_cmpstr (gtk_named_action_get_action_name (
                     GTK_NAMED_ACTION (gtk_shortcut_get_action (shortcut_for (&e, "<Control>v")))),
                   ==, "mask.paste");

  /* Escape closes, and the mask is kept as painted. */
  paint_stroke (mask, 100, 100, 200, 100, 20);
  g_object_ref (mask);
  g_object_ref (e.editor);
  press (&e, "Escape", "mask.done");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (e.editor)));
  g_assert_cmpuint (easel_mask_get_value (mask, 150, 100), ==, 255);
  g_object_unref (mask);
  editor_settle (&e);
  g_assert_finalize_object (e.editor);
  gtk_window_destroy (e.parent);
  g_ptr_array_unref (e.replaced);
}

static void
test_clear (void)
{
  g_autoptr(EaselReference) reference = file_reference ("clear.png", 200, 100);
  g_autofree char *before = NULL;
  EaselMask *mask;
  Editor e;

  editor_open (&e, reference, NULL);
  mask = easel_mask_editor_get_mask (e.editor);

  /* Nothing painted: nothing to clear. */
  g_assert_false (action_enabled (&e, "clear"));
  gtk_widget_activate_action (GTK_WIDGET (e.editor), "mask.clear", NULL);
  g_assert_null (easel_mask_editor_get_last_toast (e.editor));
  g_assert_false (easel_mask_can_undo (mask));

  paint_stroke (mask, 20, 50, 180, 50, 30);
  g_assert_true (action_enabled (&e, "clear"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.editor), "mask.clear", NULL));
  g_assert_true (easel_mask_is_empty (mask));
  g_assert_false (action_enabled (&e, "clear"));
  g_assert_cmpstr (easel_mask_editor_get_last_toast (e.editor), ==, "Mask cleared");
  /* The toast's Undo brings the stroke back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.editor), "mask.undo", NULL));
  g_assert_cmpuint (easel_mask_get_value (mask, 100, 50), ==, 255);

  /* Fifty strokes, fifty undos. */
  for (int i = 0; i < 50; i++)
    paint_stroke (mask, 2 + i * 4, 5, 2 + i * 4, 95, 2);
  for (int i = 0; i < 50; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.editor), "mask.undo", NULL));
  g_assert_cmpuint (easel_mask_get_value (mask, 2, 20), ==, 0);
  g_assert_cmpuint (easel_mask_get_value (mask, 100, 50), ==, 255);

  editor_close (&e);
}

/* --- drops and pastes ---------------------------------------------------- */

static void
test_drop_mask (void)
{
  g_autoptr(EaselReference) reference = file_reference ("drop-source.png", 800, 600);
  g_autofree char *half = write_image ("half-mask.png", "png", 400, 300, TRUE, left_clear);
  g_autofree char *same = write_image ("same-mask.png", "png", 800, 600, TRUE, middle_square);
  g_autofree char *jpeg = write_image ("mask.jpg", "jpeg", 800, 600, FALSE, grey);
  g_autofree char *missing = g_build_filename (tmp_dir, "no-such-mask.png", NULL);
  g_autofree char *before = NULL;
  g_autoptr(GValue) value = NULL;
  EaselMask *mask;
  Editor e;

  editor_open (&e, reference, NULL);
  mask = easel_mask_editor_get_mask (e.editor);

  /* Half the size: scaled to the source, and the toast says so. */
  value = file_list_value (half);
  g_assert_true (easel_mask_editor_drop_value (e.editor, value, TRUE));
  editor_settle (&e);
  g_assert_true (easel_mask_editor_get_mask (e.editor) == mask);
  g_assert_cmpuint (easel_mask_get_value (mask, 100, 300), ==, 255);
  g_assert_cmpuint (easel_mask_get_value (mask, 390, 10), ==, 255);
  g_assert_cmpuint (easel_mask_get_value (mask, 410, 590), ==, 0);
  g_assert_cmpuint (easel_mask_get_value (mask, 700, 300), ==, 0);
  assert_contains (easel_mask_editor_get_last_toast (e.editor), "400");
  assert_contains (easel_mask_editor_get_last_toast (e.editor), "800");
  g_assert_true (e.replaced->len == 0);

  /* One undo step. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.editor), "mask.undo", NULL));
  g_assert_true (easel_mask_is_empty (mask));

  /* The same size, as a single GFile: 255 − alpha, and named. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (same);
    GValue file_value = G_VALUE_INIT;

    g_value_init (&file_value, G_TYPE_FILE);
    g_value_set_object (&file_value, file);
    g_assert_true (easel_mask_editor_drop_value (e.editor, &file_value, TRUE));
    g_value_unset (&file_value);
  }
  editor_settle (&e);
  g_assert_cmpuint (easel_mask_get_value (mask, 400, 300), ==, 255);
  g_assert_cmpuint (easel_mask_get_value (mask, 10, 10), ==, 255 - 0x40);
  g_assert_cmpstr (easel_mask_editor_get_last_toast (e.editor), ==,
                   "The mask was taken from “same-mask.png”.");

  /* A JPEG has no alpha: refused, the mask as it was. */
  before = g_strdup (easel_mask_editor_get_last_toast (e.editor));
  g_clear_pointer (&value, value_free);
  value = file_list_value (jpeg);
  g_assert_true (easel_mask_editor_drop_value (e.editor, value, TRUE));
  editor_settle (&e);
  assert_contains (new_toast (&e, before), "PNG");
  g_assert_cmpuint (easel_mask_get_value (mask, 400, 300), ==, 255);
  g_assert_cmpuint (easel_mask_get_value (mask, 10, 10), ==, 255 - 0x40);

  /* A file that is gone. */
  g_free (before);
  before = g_strdup (easel_mask_editor_get_last_toast (e.editor));
  g_clear_pointer (&value, value_free);
  value = file_list_value (missing);
  g_assert_true (easel_mask_editor_drop_value (e.editor, value, TRUE));
  editor_settle (&e);
  assert_contains (new_toast (&e, before), "“no-such-mask.png” cannot be read");

  /* Text is not an image. */
  {
    GValue text = G_VALUE_INIT;

    g_value_init (&text, G_TYPE_STRING);
    g_value_set_string (&text, "hello");
    g_assert_false (easel_mask_editor_drop_value (e.editor, &text, TRUE));
    g_value_unset (&text);
  }
  g_assert_cmpstr (easel_mask_editor_get_last_toast (e.editor), ==,
                   "Only an image can be dropped here.");

  /* Read for a source that has since changed: not laid on the new mask. */
  g_clear_pointer (&value, value_free);
  value = file_list_value (half);
  g_assert_true (easel_mask_editor_drop_value (e.editor, value, TRUE));
  easel_mask_editor_set_source (e.editor, reference, NULL);
  editor_settle (&e);
  g_assert_true (easel_mask_is_empty (easel_mask_editor_get_mask (e.editor)));

  editor_close (&e);
}

static void
test_drop_replace (void)
{
  g_autoptr(EaselReference) reference = file_reference ("first.png", 800, 600);
  g_autofree char *second = write_image ("second.png", "png", 640, 480, FALSE, scene);
  g_autofree char *text = g_build_filename (tmp_dir, "readme.txt", NULL);
  g_autoptr(GValue) value = NULL;
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (300, 200, TRUE, scene);
  g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (pixbuf);
  g_autofree char *before = NULL;
  EaselReference *replaced;
  g_autoptr(EaselMask) old_mask = NULL;
  Editor e;

  g_assert_true (g_file_set_contents (text, "just words", -1, NULL));
  editor_open (&e, reference, NULL);
  e.reload_on_replace = TRUE;
  old_mask = g_object_ref (easel_mask_editor_get_mask (e.editor));
  e.n_mask_notifies = 0;

  /* A file: handed over as a file reference; the owner sets it. */
  value = file_list_value (second);
  g_assert_true (easel_mask_editor_drop_value (e.editor, value, FALSE));
  editor_settle (&e);
  g_assert_cmpuint (e.replaced->len, ==, 1);
  replaced = g_ptr_array_index (e.replaced, 0);
  g_assert_cmpint (easel_reference_get_kind (replaced), ==, EASEL_REFERENCE_FILE);
  g_assert_cmpstr (easel_reference_get_location (replaced), ==, second);
  g_assert_true (easel_mask_editor_get_source (e.editor) == replaced);
  g_assert_true (easel_mask_editor_get_mask (e.editor) != old_mask);
  g_assert_cmpuint (easel_mask_get_width (easel_mask_editor_get_mask (e.editor)), ==, 640);
  g_assert_cmpuint (e.n_mask_notifies, >=, 1);
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (child (&e, "window_title"))),
                   ==, "second.png");

  /* Not an image: refused, nothing handed over. */
  g_clear_pointer (&value, value_free);
  value = file_list_value (text);
  g_assert_true (easel_mask_editor_drop_value (e.editor, value, FALSE));
  editor_settle (&e);
  g_assert_cmpuint (e.replaced->len, ==, 1);
  g_assert_cmpstr (easel_mask_editor_get_last_toast (e.editor), ==,
                   "“readme.txt” is not a PNG, JPEG or WebP image, so it cannot replace the "
                   "image.");

  /* Not on this computer. */
  {
    g_autoptr(GFile) remote = g_file_new_for_uri ("sftp://example.com/photo.png");
    GValue remote_value = G_VALUE_INIT;

    g_value_init (&remote_value, G_TYPE_FILE);
    g_value_set_object (&remote_value, remote);
    g_assert_false (easel_mask_editor_drop_value (e.editor, &remote_value, FALSE));
    g_value_unset (&remote_value);
  }
  assert_contains (easel_mask_editor_get_last_toast (e.editor), "is not on this computer");
  g_assert_cmpuint (e.replaced->len, ==, 1);

  /* An image dragged from another app: PNG bytes of its pixels. */
  {
    GValue texture_value = G_VALUE_INIT;
    g_autoptr(GdkTexture) decoded = NULL;

    g_value_init (&texture_value, GDK_TYPE_TEXTURE);
    g_value_set_object (&texture_value, texture);
    g_assert_true (easel_mask_editor_drop_value (e.editor, &texture_value, FALSE));
    g_value_unset (&texture_value);
    editor_settle (&e);
    g_assert_cmpuint (e.replaced->len, ==, 2);
    replaced = g_ptr_array_index (e.replaced, 1);
    g_assert_cmpint (easel_reference_get_kind (replaced), ==, EASEL_REFERENCE_BYTES);
    g_assert_cmpstr (easel_reference_get_mime_type (replaced), ==, "image/png");
    decoded = gdk_texture_new_from_bytes (easel_reference_get_bytes (replaced), NULL);
    g_assert_nonnull (decoded);
    g_assert_cmpint (gdk_texture_get_width (decoded), ==, 300);
    g_assert_cmpint (gdk_texture_get_height (decoded), ==, 200);
    g_assert_cmpuint (easel_mask_get_width (easel_mask_editor_get_mask (e.editor)), ==, 300);
  }

  /* Before the image is open there is no mask to take. */
  {
    g_autofree char *missing = g_build_filename (tmp_dir, "missing.png", NULL);
    g_autoptr(EaselReference) broken = easel_reference_new_for_path (missing);

    easel_mask_editor_set_source (e.editor, broken, NULL);
    editor_settle (&e);
    g_clear_pointer (&value, value_free);
    value = file_list_value (second);
    g_assert_false (easel_mask_editor_drop_value (e.editor, value, TRUE));
    assert_contains (easel_mask_editor_get_last_toast (e.editor), "once the image is open");
    /* But a new image may still replace the broken one. */
    g_assert_true (easel_mask_editor_drop_value (e.editor, value, FALSE));
    editor_settle (&e);
    g_assert_cmpuint (e.replaced->len, ==, 3);
    g_assert_cmpstr (page_of (&e), ==, "editor");
  }

  editor_close (&e);
}

static GtkDropTarget *
drop_target_of (Editor *e)
{
  g_autoptr(GListModel) controllers =
    gtk_widget_observe_controllers (GTK_WIDGET (child (e, "drop_overlay")));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  g_error ("No drop target");
  return NULL;
}

/* The middle of @zone, in the drop target's widget. */
static void
middle_of (Editor     *e,
           const char *zone,
           double     *x,
           double     *y)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (child (e, zone)),
                                            GTK_WIDGET (child (e, "drop_overlay")), &bounds));
  *x = bounds.origin.x + bounds.size.width / 2;
  *y = bounds.origin.y + bounds.size.height / 2;
}

static gboolean
is_active (Editor     *e,
           const char *zone)
{
  return gtk_widget_has_css_class (GTK_WIDGET (child (e, zone)), "active");
}

static void
test_drop_zones (void)
{
  g_autoptr(EaselReference) reference = file_reference ("zones.png", 800, 600);
  g_autofree char *mask_path = write_image ("zone-mask.png", "png", 800, 600, TRUE, left_clear);
  g_autoptr(GValue) value = file_list_value (mask_path);
  GtkWidget *zones;
  GtkDropTarget *target;
  GdkDragAction action = 0;
  gboolean dropped = FALSE;
  double x, y;
  Editor e;

  editor_open (&e, reference, NULL);
  zones = GTK_WIDGET (child (&e, "drop_zones"));
  target = drop_target_of (&e);
  g_assert_false (gtk_widget_get_visible (zones));

  /* Entering shows both targets side by side; the pointer lights one. */
  g_signal_emit_by_name (target, "enter", 10.0, 10.0, &action);
  g_assert_cmpint (action, ==, GDK_ACTION_COPY);
  g_assert_true (gtk_widget_get_visible (zones));
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (zones)), ==,
                   GTK_ORIENTATION_HORIZONTAL);
  easel_test_wait_for_frame (zones);
  middle_of (&e, "mask_zone", &x, &y);
  g_signal_emit_by_name (target, "motion", x, y, &action);
  g_assert_true (is_active (&e, "mask_zone"));
  g_assert_false (is_active (&e, "replace_zone"));
  easel_test_wait_for_frame (zones);
  g_free (easel_test_save_screenshot (GTK_WIDGET (e.editor), "mask-editor-drop"));
  middle_of (&e, "replace_zone", &x, &y);
  g_signal_emit_by_name (target, "motion", x, y, &action);
  g_assert_true (is_active (&e, "replace_zone"));
  g_assert_false (is_active (&e, "mask_zone"));

  /* Dropped on Use as Mask: the mask, not a new image. */
  middle_of (&e, "mask_zone", &x, &y);
  g_signal_emit_by_name (target, "drop", value, x, y, &dropped);
  g_assert_true (dropped);
  g_assert_false (gtk_widget_get_visible (zones));
  editor_settle (&e);
  g_assert_cmpuint (easel_mask_get_value (easel_mask_editor_get_mask (e.editor), 100, 100), ==,
                    255);
  g_assert_cmpuint (e.replaced->len, ==, 0);

  /* Dropped on Replace Image: handed over. */
  g_signal_emit_by_name (target, "enter", 10.0, 10.0, &action);
  easel_test_wait_for_frame (zones);
  middle_of (&e, "replace_zone", &x, &y);
  g_signal_emit_by_name (target, "drop", value, x, y, &dropped);
  editor_settle (&e);
  g_assert_cmpuint (e.replaced->len, ==, 1);

  /* Leaving hides them. */
  g_signal_emit_by_name (target, "enter", 10.0, 10.0, &action);
  g_signal_emit_by_name (target, "leave");
  g_assert_false (gtk_widget_get_visible (zones));

  editor_close (&e);

  /* Narrow: stacked. */
  editor_open_sized (&e, reference, NULL, 360, 640);
  zones = GTK_WIDGET (child (&e, "drop_zones"));
  target = drop_target_of (&e);
  g_signal_emit_by_name (target, "enter", 10.0, 10.0, &action);
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (zones)), ==,
                   GTK_ORIENTATION_VERTICAL);
  easel_test_wait_for_frame (zones);
  middle_of (&e, "mask_zone", &x, &y);
  g_signal_emit_by_name (target, "motion", x, y, &action);
  g_assert_true (is_active (&e, "mask_zone"));
  easel_test_wait_for_frame (zones);
  g_free (easel_test_save_screenshot (GTK_WIDGET (e.editor), "mask-editor-drop-narrow"));
  g_signal_emit_by_name (target, "leave");

  /* With no image open, only Replace Image takes a drop. */
  {
    g_autofree char *missing = g_build_filename (tmp_dir, "absent.png", NULL);
    g_autoptr(EaselReference) broken = easel_reference_new_for_path (missing);

    easel_mask_editor_set_source (e.editor, broken, NULL);
    editor_settle (&e);
    g_signal_emit_by_name (target, "enter", 180.0, 500.0, &action);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (&e, "mask_zone"))));
    easel_test_wait_for_frame (zones);
    g_signal_emit_by_name (target, "motion", 180.0, 500.0, &action);
    g_assert_true (is_active (&e, "replace_zone"));
    g_signal_emit_by_name (target, "drop", value, 180.0, 500.0, &dropped);
    editor_settle (&e);
    g_assert_cmpuint (e.replaced->len, ==, 1);
  }
  editor_close (&e);
}

static void
test_paste (void)
{
  g_autoptr(EaselReference) reference = file_reference ("paste.png", 300, 300);
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (300, 300, TRUE, middle_square);
  g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (pixbuf);
  g_autofree char *file_mask = write_image ("paste-mask.png", "png", 150, 150, TRUE, left_clear);
  GdkClipboard *clipboard;
  EaselMask *mask;
  Editor e;

  editor_open (&e, reference, NULL);
  mask = easel_mask_editor_get_mask (e.editor);
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (e.editor));

  /* Nothing there. */
  gdk_clipboard_set_content (clipboard, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.editor), "mask.paste", NULL));
  editor_settle (&e);
  g_assert_cmpstr (easel_mask_editor_get_last_toast (e.editor), ==,
                   "The clipboard holds no image.");
  gdk_clipboard_set_text (clipboard, "a lighthouse at dusk");
  g_assert_false (easel_mask_editor_can_paste (clipboard));
  easel_mask_editor_paste (e.editor, clipboard);
  g_assert_cmpstr (easel_mask_editor_get_last_toast (e.editor), ==,
                   "The clipboard holds no image.");
  g_assert_true (easel_mask_is_empty (mask));

  /* An image with transparency: its alpha becomes the mask. */
  gdk_clipboard_set_texture (clipboard, texture);
  g_assert_true (easel_mask_editor_can_paste (clipboard));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.editor), "mask.paste", NULL));
  editor_settle (&e);
  g_assert_cmpuint (easel_mask_get_value (mask, 150, 150), ==, 255);
  g_assert_cmpuint (easel_mask_get_value (mask, 10, 10), ==, 255 - 0x40);
  g_assert_cmpstr (easel_mask_editor_get_last_toast (e.editor), ==,
                   "The mask was taken from the image.");
  g_assert_true (easel_mask_can_undo (mask));

  /* A file copied in a file manager. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (file_mask);
    GSList files = { file, NULL };
    GdkFileList *list = gdk_file_list_new_from_list (&files);

    gdk_clipboard_set (clipboard, GDK_TYPE_FILE_LIST, list);
    g_boxed_free (GDK_TYPE_FILE_LIST, list);
  }
  g_assert_true (easel_mask_editor_can_paste (clipboard));
  easel_mask_editor_paste (e.editor, clipboard);
  editor_settle (&e);
  g_assert_cmpuint (easel_mask_get_value (mask, 50, 150), ==, 255);
  g_assert_cmpuint (easel_mask_get_value (mask, 250, 150), ==, 0);
  assert_contains (easel_mask_editor_get_last_toast (e.editor), "150");

  gdk_clipboard_set_content (clipboard, NULL);
  editor_close (&e);
}

/* --- settings and layout ------------------------------------------------- */

static void
test_settings (void)
{
  g_autoptr(EaselReference) reference = file_reference ("settings.png", 200, 200);
  GSettings *settings = easel_settings_get_gsettings (easel_application_get_settings (app));
  EaselMaskCanvas *canvas;
  GtkAdjustment *size;
  GdkRGBA color;
  Editor e;

  editor_open (&e, reference, NULL);
  canvas = easel_mask_editor_get_canvas (e.editor);
  size = GTK_ADJUSTMENT (child (&e, "size_adjustment"));

  /* The slider moves on a log scale and rounds to whole pixels. */
  gtk_adjustment_set_value (size, log (120.2));
  g_assert_cmpfloat (easel_mask_canvas_get_brush_size (canvas), ==, 120);
  gtk_adjustment_set_value (GTK_ADJUSTMENT (child (&e, "hardness_adjustment")), 30);
  g_assert_cmpfloat_with_epsilon (easel_mask_canvas_get_hardness (canvas), 0.3, 1e-9);
  gtk_adjustment_set_value (GTK_ADJUSTMENT (child (&e, "opacity_adjustment")), 70);
  g_assert_cmpfloat_with_epsilon (easel_mask_canvas_get_overlay_opacity (canvas), 0.7, 1e-9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.editor), "mask.overlay-color", "s",
                                             "#3584e4"));
  /* Not a colour: ignored. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.editor), "mask.overlay-color", "s",
                                             "blue"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (&e, "size_label"))), ==, "120 px");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (&e, "hardness_label"))), ==, "30 %");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (&e, "opacity_label"))), ==, "70 %");
  editor_close (&e);

  g_assert_cmpfloat (g_settings_get_double (settings, "mask-brush-size"), ==, 120);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "mask-hardness"), 0.3, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "mask-overlay-opacity"), 0.7,
                                  1e-9);
  {
    g_autofree char *text = g_settings_get_string (settings, "mask-overlay-color");

    g_assert_cmpstr (text, ==, "#3584e4");
  }

  /* The next editor opens with them. */
  editor_open (&e, reference, NULL);
  canvas = easel_mask_editor_get_canvas (e.editor);
  g_assert_cmpfloat (easel_mask_canvas_get_brush_size (canvas), ==, 120);
  g_assert_cmpfloat_with_epsilon (easel_mask_canvas_get_hardness (canvas), 0.3, 1e-9);
  g_assert_cmpfloat_with_epsilon (easel_mask_canvas_get_overlay_opacity (canvas), 0.7, 1e-9);
  easel_mask_canvas_get_overlay_color (canvas, &color);
  g_assert_cmpfloat_with_epsilon (color.red, 0x35 / 255.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (color.green, 0x84 / 255.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (color.blue, 0xe4 / 255.0, 1e-6);
  {
    g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (e.editor->actions),
                                                                 "overlay-color");

    g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "#3584e4");
  }
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (
                                    GTK_ADJUSTMENT (child (&e, "size_adjustment"))),
                                  log (120), 1e-9);

  /* Changed elsewhere (another editor, dconf): followed. */
  g_settings_set_double (settings, "mask-brush-size", 64);
  g_assert_cmpfloat (easel_mask_canvas_get_brush_size (canvas), ==, 64);
  editor_close (&e);

  g_settings_reset (settings, "mask-brush-size");
  g_settings_reset (settings, "mask-hardness");
  g_settings_reset (settings, "mask-overlay-opacity");
  g_settings_reset (settings, "mask-overlay-color");
}

static void
test_toolbar_widths (void)
{
  g_autoptr(EaselReference) reference = file_reference ("widths.png", 640, 480);
  struct {
    int         width;
    const char *bar;
    const char *overlay_button;
  } widths[] = {
    { 1100, "toolbar_wide", "overlay_button_wide" },
    { 720, "toolbar_medium", "overlay_button_medium" },
    { 360, "toolbar_narrow", "overlay_button_narrow" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      Editor e;
      GtkWidget *popover;

      editor_open_sized (&e, reference, NULL, widths[i].width, 640);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (e.editor)), <=, widths[i].width);
      g_assert_true (adw_squeezer_get_visible_child (ADW_SQUEEZER (child (&e, "toolbar"))) ==
                     GTK_WIDGET (child (&e, widths[i].bar)));

      /* The one overlay popover is on the bar that is shown, and opens. */
      popover = GTK_WIDGET (gtk_menu_button_get_popover (
                              GTK_MENU_BUTTON (child (&e, widths[i].overlay_button))));
      g_assert_true (popover == GTK_WIDGET (child (&e, "overlay_popover")));
      gtk_menu_button_popup (GTK_MENU_BUTTON (child (&e, widths[i].overlay_button)));
      easel_test_wait_for_frame (popover);
      gtk_menu_button_popdown (GTK_MENU_BUTTON (child (&e, widths[i].overlay_button)));
      editor_close (&e);
    }
}

static GtkWidget *
find_section (GtkWidget  *widget,
              const char *name)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_SHORTCUTS_SECTION (c))
        {
          g_autofree char *section_name = NULL;

          g_object_get (c, "section-name", &section_name, NULL);
          if (g_strcmp0 (section_name, name) == 0)
            return c;
        }
      else if ((found = find_section (c, name)) != NULL)
        {
          return found;
        }
    }

  return NULL;
}

static void
check_listed (Editor    *e,
              GtkWidget *widget,
              guint     *n_listed)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *trigger = NULL;
      GdkModifierType modifiers;
      guint keyval;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (c))
        {
          check_listed (e, c, n_listed);
          continue;
        }

      g_object_get (c, "accelerator", &accelerator, NULL);
      g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &modifiers));
      (*n_listed)++;
      if (keyval == GDK_KEY_space)
        continue;
      trigger = gtk_accelerator_name (keyval, modifiers);
      /* Fails the test when the editor has no such key. */
      shortcut_for (e, trigger);
    }
}

/* The Mask Editor page of the Keyboard Shortcuts window lists the
 * editor's own keys (all but Space, which the canvas handles). */
static void
test_shortcuts_window (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/easelapp/Easel/gtk/help-overlay.ui");
  GtkWindow *overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  g_autoptr(EaselReference) reference = file_reference ("shortcuts.png", 64, 64);
  GtkWidget *section = NULL;
  guint n_listed = 0;
  Editor e;

  editor_open (&e, reference, NULL);
  section = find_section (GTK_WIDGET (overlay), "mask-editor");
  g_assert_nonnull (section);

  check_listed (&e, section, &n_listed);
  g_assert_cmpuint (n_listed, ==, 15);
  editor_close (&e);

  g_object_set (overlay, "section-name", "mask-editor", NULL);
  gtk_window_present (overlay);
  easel_test_wait_for_frame (GTK_WIDGET (overlay));
  g_free (easel_test_save_screenshot (GTK_WIDGET (overlay), "shortcuts-mask-editor"));
  gtk_window_destroy (overlay);
}

/* --- screenshots ----------------------------------------------------------- */

static void
paint_scene_strokes (EaselMask *mask)
{
  int width = easel_mask_get_width (mask);
  int height = easel_mask_get_height (mask);

  /* Around the sun, and along the near hill's ridge. */
  easel_mask_begin_stroke (mask, EASEL_MASK_TOOL_BRUSH, width * 0.09, 0.8);
  for (int i = 0; i <= 24; i++)
    {
      double t = i / 24.0 * 2 * G_PI;

      easel_mask_stroke_to (mask, width * (0.62 + 0.07 * cos (t)),
                            height * 0.52 + width * 0.07 * sin (t), NULL);
    }
  easel_mask_end_stroke (mask);

  easel_mask_begin_stroke (mask, EASEL_MASK_TOOL_BRUSH, width * 0.05, 0.5);
  for (int i = 0; i <= 20; i++)
    {
      double u = 0.05 + 0.4 * i / 20.0;

      easel_mask_stroke_to (mask, width * u, height * (0.70 - 0.12 * sin (u * 3.1 + 0.4)),
                            NULL);
    }
  easel_mask_end_stroke (mask);
}

static void
test_screenshots (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  AdwColorScheme scheme = adw_style_manager_get_color_scheme (style);
  g_autoptr(EaselReference) reference = file_reference ("dusk.png", 1920, 1080);
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;
  g_autofree char *light_path = NULL;
  g_autofree char *dark_path = NULL;
  EaselMaskCanvas *canvas;
  double light_mean, dark_mean;
  Editor e;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  editor_open (&e, reference, NULL);
  canvas = easel_mask_editor_get_canvas (e.editor);
  paint_scene_strokes (easel_mask_editor_get_mask (e.editor));
  easel_mask_canvas_zoom_at (canvas, easel_mask_canvas_get_zoom (canvas) * 1.4,
                             gtk_widget_get_width (GTK_WIDGET (canvas)) * 0.6,
                             gtk_widget_get_height (GTK_WIDGET (canvas)) * 0.5);
  easel_test_wait_for_frame (GTK_WIDGET (canvas));
  light_path = easel_test_save_screenshot (GTK_WIDGET (e.editor), "mask-editor");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  easel_test_wait_for_frame (GTK_WIDGET (canvas));
  dark_path = easel_test_save_screenshot (GTK_WIDGET (e.editor), "mask-editor-dark");

  /* The overlay popover, open. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (child (&e, "overlay_button_wide")));
  easel_test_wait_for_frame (GTK_WIDGET (child (&e, "overlay_popover")));
  g_free (easel_test_save_screenshot (GTK_WIDGET (child (&e, "overlay_popover")),
                                      "mask-editor-overlay-popover-dark"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (child (&e, "overlay_button_wide")));
  editor_close (&e);

  /* Narrow, as on a phone. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  editor_open_sized (&e, reference, NULL, 360, 720);
  paint_scene_strokes (easel_mask_editor_get_mask (e.editor));
  easel_test_wait_for_frame (GTK_WIDGET (e.editor));
  g_free (easel_test_save_screenshot (GTK_WIDGET (e.editor), "mask-editor-narrow"));
  gtk_menu_button_popup (GTK_MENU_BUTTON (child (&e, "brush_button_narrow")));
  easel_test_wait_for_frame (GTK_WIDGET (child (&e, "brush_popover")));
  g_free (easel_test_save_screenshot (GTK_WIDGET (child (&e, "brush_popover")),
                                      "mask-editor-brush-popover"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (child (&e, "brush_button_narrow")));
  editor_close (&e);

  /* Medium, and the page for an image that cannot be read. */
  {
    g_autofree char *missing = g_build_filename (tmp_dir, "lost-photo.png", NULL);
    g_autoptr(EaselReference) broken = easel_reference_new_for_path (missing);

    editor_open_sized (&e, broken, NULL, 720, 560);
    g_free (easel_test_save_screenshot (GTK_WIDGET (e.editor), "mask-editor-error"));
    editor_close (&e);
  }

  light = gdk_texture_new_from_filename (light_path, NULL);
  dark = gdk_texture_new_from_filename (dark_path, NULL);
  light_mean = easel_test_texture_luminance (light, NULL);
  dark_mean = easel_test_texture_luminance (dark, NULL);
  g_test_message ("luminance light %.1f, dark %.1f", light_mean, dark_mean);
  g_assert_cmpfloat (light_mean, >, dark_mean + 20);

  adw_style_manager_set_color_scheme (style, scheme);
}

static void
on_activate (GApplication *application)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_destroy (window);
    }

  easel_test_use_desktop_settings ();
  g_application_hold (application);
  status = g_test_run ();
  g_application_release (application);
}

int
main (int   argc,
      char *argv[])
{
  char *app_argv[] = { argv[0], NULL };
  g_autoptr(GError) error = NULL;
  g_free (easel_test_isolate_data_dir ());
  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("easel-mask-editor-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/mask-editor/open-file", test_open_file);
  g_test_add_func ("/mask-editor/open-bytes", test_open_bytes);
  g_test_add_func ("/mask-editor/open-unreadable", test_open_unreadable);
  g_test_add_func ("/mask-editor/keys", test_keys);
  g_test_add_func ("/mask-editor/clear", test_clear);
  g_test_add_func ("/mask-editor/drop-mask", test_drop_mask);
  g_test_add_func ("/mask-editor/drop-replace", test_drop_replace);
  g_test_add_func ("/mask-editor/drop-zones", test_drop_zones);
  g_test_add_func ("/mask-editor/paste", test_paste);
  g_test_add_func ("/mask-editor/settings", test_settings);
  g_test_add_func ("/mask-editor/toolbar-widths", test_toolbar_widths);
  g_test_add_func ("/mask-editor/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/mask-editor/screenshots", test_screenshots);

  app = easel_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);

  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, app_argv), ==, 0);
  g_assert_finalize_object (app);

  easel_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return status;
}
