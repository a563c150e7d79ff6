/* test-history-details.c: the History page's details pane against a real store
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "easel-export.h"
#include "easel-history-details-private.h"
#include "easel-test-files.h"
#include "easel-test-utils.h"

/* The fake folder opener's desktop id and bus name (see set_up_folder_opener). */
#define OPENER_ID "io.github.easelapp.TestFolderOpener"

static AdwApplication *app;
static int status;
static char *dir;                   /* everything the test writes */
static char *base;                  /* the history's base folder */
static EaselHistory *history;
static GtkWindow *window;
static EaselHistoryDetails *details;

/* The seeded generations, as the store lists them. */
static EaselHistoryEntry *parent, *child_a, *child_b, *failed, *missing, *three, *orphan;
static EaselHistoryEntry *gone, *damaged, *huge;

static GPtrArray *toasts;           /* (element-type utf8) toast titles, in order */
static gint64 shown_id;
static EaselHistoryEntry *reused;
static EaselHistoryEntry *edited;
static guint edited_index;
static gint64 deleted_id;
static guint deleted_token;

/* Distinct colours, so a test can tell which image the picture shows. */
static const guint32 colours[] = { 0xd03030, 0x30a040, 0x3050d0, 0xe0c020 };
#define THUMB_COLOUR 0x808080

/* --- helpers ------------------------------------------------------------------ */

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  easel_test_wait_until (pointer_set, result, "an asynchronous call");
  return *result;
}

static char *
write_png (const char *name,
           int         width,
           int         height,
           guint32     rgb)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  gdk_pixbuf_fill (pixbuf, rgb << 8 | 0xff);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

static gint64
local_time (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new_local (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static EaselHistoryEntry *
new_entry (const char   *prompt,
           EaselRequest *request)
{
  EaselHistoryEntry *entry = easel_history_entry_new ();
  g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("openai", "openai-main");

  easel_profile_set_name (profile, "OpenAI");
  easel_request_set_prompt (request, prompt);
  easel_history_entry_set_request (entry, request);
  easel_history_entry_set_profile (entry, profile);
  entry->created_at = local_time (2026, 3, 14, 15, 9);
  return entry;
}

static gint64
record (EaselHistoryEntry *entry)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  easel_history_record_async (history, entry, NULL, store_result, &result);
  id = easel_history_record_finish (history, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GPtrArray *
list (const EaselHistoryQuery *query)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;

  easel_history_list_async (history, query, NULL, store_result, &result);
  entries = easel_history_list_finish (history, wait_result (&result), &error);
  g_assert_no_error (error);
  return entries;
}

static EaselHistoryEntry *
find (GPtrArray  *entries,
      const char *prompt)
{
  for (guint i = 0; i < entries->len; i++)
    {
      EaselHistoryEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->prompt, prompt))
        return easel_history_entry_ref (entry);
    }
  g_error ("No generation “%s” in the history", prompt);
}

static gboolean
is_finalized (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
wait_finalized (gpointer object)
{
  gpointer weak = object;

  g_object_add_weak_pointer (G_OBJECT (object), &weak);
  g_object_unref (object);
  easel_test_wait_until (is_finalized, &weak, "the object to be finalized");
}

static gboolean
image_settled (gpointer data)
{
  EaselHistoryDetails *self = data;

  return !g_str_equal (gtk_stack_get_visible_child_name (self->image_stack), "loading");
}

static void
show (EaselHistoryEntry *entry,
      guint              index)
{
  easel_history_details_set_entry (details, entry, index);
  if (entry != NULL)
    easel_test_wait_until (image_settled, details, "the image to load");
  easel_test_wait_for_frame (GTK_WIDGET (details));
}

static const char *
row (EaselDetailsRow which)
{
  return easel_history_details_get_row_value (details, which);
}

static guint n_toasts_wanted;

static gboolean
enough_toasts (gpointer data)
{
  return toasts->len >= n_toasts_wanted;
}

/* Waits for the next toast and returns its title. */
static const char *
next_toast (void)
{
  n_toasts_wanted = toasts->len + 1;
  easel_test_wait_until (enough_toasts, NULL, "a toast");
  return g_ptr_array_index (toasts, toasts->len - 1);
}

static void
on_add_toast (EaselHistoryDetails *self,
              AdwToast            *toast)
{
  g_ptr_array_add (toasts, g_strdup (adw_toast_get_title (toast)));
}

static void
on_show_generation (EaselHistoryDetails *self,
                    gint64               id)
{
  shown_id = id;
}

static void
on_reuse (EaselHistoryDetails *self,
          EaselHistoryEntry   *entry)
{
  reused = entry;
}

static void
on_edit_image (EaselHistoryDetails *self,
               EaselHistoryEntry   *entry,
               guint                index)
{
  edited = entry;
  edited_index = index;
}

static void
on_deleted (EaselHistoryDetails *self,
            gint64               id,
            guint                token)
{
  deleted_id = id;
  deleted_token = token;
}

static gboolean
action_enabled (const char *name)
{
  /* An insensitive action does nothing when activated; its buttons say
   * so by being insensitive. Find the toolbar button bound to it. */
  GtkWidget *toolbar = gtk_widget_get_first_child (gtk_stack_get_child_by_name (details->stack,
                                                                                "details"));

  for (GtkWidget *child = gtk_widget_get_first_child (toolbar); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_ACTIONABLE (child) &&
        g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), name) == 0)
      return gtk_widget_get_sensitive (child);
  g_error ("No button for %s", name);
}

static guint32
texture_colour (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);
  const guchar *p;

  gdk_texture_download (texture, pixels, (gsize) width * 4);
  p = pixels + ((gsize) (height / 2) * width + width / 2) * 4;
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  return (guint32) p[2] << 16 | p[1] << 8 | p[0];
#else
  return (guint32) p[1] << 16 | p[2] << 8 | p[3];
#endif
}

static guint32
picture_colour (void)
{
  return texture_colour (GDK_TEXTURE (gtk_picture_get_paintable (details->picture)));
}

/* The colour of the strip's tile @n. */
static guint32
tile_colour (guint n)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (details->strip));

  while (n-- > 0)
    button = gtk_widget_get_next_sibling (button);
  return texture_colour (GDK_TEXTURE (gtk_image_get_paintable (
                                        GTK_IMAGE (gtk_button_get_child (GTK_BUTTON (button))))));
}

/* --- seeding ------------------------------------------------------------------- */

static void
seed (void)
{
  g_autoptr(EaselRequest) request = NULL;
  g_autoptr(EaselReference) url = NULL;
  g_autoptr(EaselReference) pasted = NULL;
  g_autoptr(EaselReference) mask = NULL;
  g_autoptr(EaselReference) file_reference = NULL;
  g_autoptr(EaselReference) gone_file = NULL;
  g_autoptr(EaselHistoryEntry) entry = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *mask_path = NULL;
  g_autofree char *gone_reference = NULL;
  gint64 parent_id;
  int fd;

  /* The parent: one image, every figure known. */
  request = easel_request_new ();
  easel_request_set_model (request, "gpt-image-2");
  easel_request_set_size (request, "1536x1024");
  easel_request_set_quality (request, EASEL_QUALITY_HIGH);
  entry = new_entry ("a lighthouse at dusk, oil painting, warm light on the rocks", request);
  path = write_png ("images/2026/03/parent.png", 480, 320, colours[0]);
  easel_history_entry_add_image (entry, path, "image/png", 480, 320, NULL);
  entry->input_tokens = 1234;
  entry->output_tokens = 4160;
  entry->total_tokens = 5394;
  entry->cost = 0.165;
  entry->started_ms = 180;
  entry->received_ms = 41760;
  entry->finished_ms = 42310;
  parent_id = record (entry);
  g_clear_pointer (&entry, easel_history_entry_unref);
  g_clear_object (&request);
  g_clear_pointer (&path, g_free);

  /* An edit of it: the parent's image as reference, a link, a pasted
   * image, a reference gone since, and a mask; JPEG at 80 %. */
  request = easel_request_new ();
  easel_request_set_size (request, "16:9");
  easel_request_set_resolution (request, EASEL_RESOLUTION_2K);
  easel_request_set_output_format (request, EASEL_OUTPUT_FORMAT_JPEG);
  easel_request_set_output_compression (request, 80);
  easel_request_set_background (request, EASEL_BACKGROUND_OPAQUE);
  easel_request_set_moderation (request, EASEL_MODERATION_LOW);
  reference = write_png ("references/harbour.png", 300, 200, colours[1]);
  file_reference = easel_reference_new_for_path (reference);
  easel_request_add_reference (request, file_reference);
  url = easel_reference_new_for_url ("https://example.com/photos/rocks.png", &error);
  g_assert_no_error (error);
  easel_request_add_reference (request, url);
  bytes = g_bytes_new_static ("\x89PNG\r\n\x1a\n", 8);
  pasted = easel_reference_new_for_bytes (bytes, "image/png", "pasted.png");
  easel_request_add_reference (request, pasted);
  gone_reference = g_build_filename (dir, "references", "moved-away.png", NULL);
  gone_file = easel_reference_new_for_path (gone_reference);
  easel_request_add_reference (request, gone_file);
  mask_path = write_png ("references/mask.png", 300, 200, 0xffffff);
  mask = easel_reference_new_for_path (mask_path);
  easel_request_set_mask (request, mask);
  easel_request_set_n (request, 2);
  entry = new_entry ("the lighthouse in snow", request);
  /* Recorded as an Easel that did not yet keep pasted images would: the
   * pasted one is only named. */
  g_clear_pointer (&entry->pasted, g_ptr_array_unref);
  path = write_png ("images/2026/03/snow-1.png", 480, 270, colours[1]);
  easel_history_entry_add_image (entry, path, "image/png", 480, 270, NULL);
  g_free (path);
  path = write_png ("images/2026/03/snow-2.png", 480, 270, colours[3]);
  easel_history_entry_add_image (entry, path, "image/png", 480, 270, NULL);
  entry->parent_id = parent_id;
  entry->created_at = local_time (2026, 3, 15, 9, 30);
  entry->cost = 0.2;
  g_free (entry->currency);
  entry->currency = g_strdup ("CNY");
  entry->started_ms = 250;
  entry->finished_ms = 190500;
  record (entry);
  g_clear_pointer (&entry, easel_history_entry_unref);
  g_clear_object (&request);
  g_clear_pointer (&path, g_free);

  request = easel_request_new ();
  entry = new_entry ("the lighthouse at noon", request);
  path = write_png ("images/2026/03/noon.png", 320, 320, colours[2]);
  easel_history_entry_add_image (entry, path, "image/png", 320, 320, NULL);
  entry->parent_id = parent_id;
  entry->created_at = local_time (2026, 3, 16, 10, 0);
  record (entry);
  g_clear_pointer (&entry, easel_history_entry_unref);
  g_clear_object (&request);
  g_clear_pointer (&path, g_free);

  /* Failed, without images, nothing known about usage. */
  request = easel_request_new ();
  entry = new_entry ("a refused one", request);
  entry->state = EASEL_HISTORY_FAILED;
  entry->error = g_strdup ("The gateway refused the prompt: Your request was rejected by the "
                           "safety system (moderation_blocked).");
  g_free (entry->currency);
  entry->currency = NULL;
  record (entry);
  g_clear_pointer (&entry, easel_history_entry_unref);
  g_clear_object (&request);

  /* Its file vanishes before the next start's sweep. */
  request = easel_request_new ();
  entry = new_entry ("a missing one", request);
  path = write_png ("images/2026/03/missing.png", 64, 64, colours[3]);
  easel_history_entry_add_image (entry, path, "image/png", 64, 64, NULL);
  record (entry);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_clear_pointer (&entry, easel_history_entry_unref);
  g_clear_object (&request);
  g_clear_pointer (&path, g_free);

  /* Three images of distinct colours. */
  request = easel_request_new ();
  easel_request_set_n (request, 3);
  entry = new_entry ("three cats on a windowsill", request);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("images/2026/03/cat-%u.png", i);
      g_autofree char *thumb_name = g_strdup_printf ("thumbs/2026/03/cat-%u.png", i);
      g_autofree char *cat = write_png (name, 400, 300, colours[i]);
      g_autofree char *thumb = NULL;

      /* The first has its thumbnail, the second's is gone (the image
       * itself stands in), the third never had one. */
      if (i == 0)
        thumb = write_png (thumb_name, 256, 192, THUMB_COLOUR);
      else if (i == 1)
        thumb = g_build_filename (dir, thumb_name, NULL);
      easel_history_entry_add_image (entry, cat, "image/png", 400, 300, thumb);
    }
  record (entry);
  g_clear_pointer (&entry, easel_history_entry_unref);
  g_clear_object (&request);

  /* An edit whose parent was deleted long ago. */
  request = easel_request_new ();
  entry = new_entry ("an orphan", request);
  entry->parent_id = 987654;
  record (entry);
  g_clear_pointer (&entry, easel_history_entry_unref);
  g_clear_object (&request);

  /* Files that go, or never were images, after the sweep. */
  request = easel_request_new ();
  entry = new_entry ("gone while running", request);
  path = write_png ("images/2026/03/gone.png", 64, 64, colours[3]);
  easel_history_entry_add_image (entry, path, "image/png", 64, 64, NULL);
  record (entry);
  g_clear_pointer (&entry, easel_history_entry_unref);
  g_clear_pointer (&path, g_free);

  entry = new_entry ("not an image", request);
  for (guint i = 0; i < 2; i++)
    {
      g_free (path);
      path = g_strdup_printf ("%s/images/2026/03/damaged-%u.png", dir, i);
      g_assert_true (g_file_set_contents (path, "this is not a PNG file", -1, NULL));
      easel_history_entry_add_image (entry, path, "image/png", 64, 64, NULL);
    }
  record (entry);
  g_clear_pointer (&entry, easel_history_entry_unref);
  g_clear_pointer (&path, g_free);

  /* A file larger than any image: sparse, so it costs no disk. */
  entry = new_entry ("far too large", request);
  path = g_build_filename (dir, "images", "2026", "03", "huge.png", NULL);
  fd = g_open (path, O_WRONLY | O_CREAT, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 250 * 1000 * 1000), ==, 0);
  g_close (fd, NULL);
  easel_history_entry_add_image (entry, path, "image/png", 64, 64, NULL);
  record (entry);
  g_clear_pointer (&entry, easel_history_entry_unref);
  g_clear_pointer (&path, g_free);

  /* Open again: the sweep marks the missing one. */
  wait_finalized (g_steal_pointer (&history));
  history = easel_history_new (base);
  easel_history_open_async (history, NULL, store_result, &opened);
  g_assert_true (easel_history_open_finish (history, wait_result (&opened), NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&opened);

  entries = list (NULL);
  parent = find (entries, "a lighthouse at dusk, oil painting, warm light on the rocks");
  child_a = find (entries, "the lighthouse in snow");
  child_b = find (entries, "the lighthouse at noon");
  failed = find (entries, "a refused one");
  missing = find (entries, "a missing one");
  three = find (entries, "three cats on a windowsill");
  orphan = find (entries, "an orphan");
  gone = find (entries, "gone while running");
  damaged = find (entries, "not an image");
  huge = find (entries, "far too large");
  g_assert_true (((EaselHistoryImage *) missing->images->pdata[0])->missing);
  g_assert_cmpint (child_a->parent_id, ==, parent->id);
}

/* The whole pane, top to bottom, at a sidebar's width: a window cannot
 * be taller than the screen, so the toolbar and the whole scrolled
 * content are drawn one under the other on the window's background. */
static void
screenshot (const char *name)
{
  GtkWidget *page = gtk_stack_get_visible_child (details->stack);
  GtkWidget *toolbar = gtk_widget_get_first_child (page);
  GtkWidget *content = gtk_viewport_get_child (
    GTK_VIEWPORT (gtk_scrolled_window_get_child (details->scroller)));
  g_autoptr(GdkTexture) whole = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkPaintable) top = NULL;
  g_autoptr(GdkPaintable) rest = NULL;
  g_autofree char *path = NULL;
  const char *folder = g_getenv ("EASEL_SCREENSHOT_DIR");
  int width, top_height, height;
  guint32 pixel;
  GdkRGBA background;

  gtk_window_set_focus (window, NULL);
  easel_test_wait_for_frame (GTK_WIDGET (details));
  if (!g_str_equal (gtk_stack_get_visible_child_name (details->stack), "details"))
    {
      g_free (easel_test_save_screenshot (GTK_WIDGET (window), name));
      return;
    }

  /* The window's own background, from a margin beside the content. */
  whole = easel_test_render_widget (GTK_WIDGET (window));
  {
    int stride = gdk_texture_get_width (whole) * 4;
    g_autofree guint32 *pixels = g_malloc ((gsize) stride * gdk_texture_get_height (whole));

    gdk_texture_download (whole, (guchar *) pixels, stride);
    pixel = pixels[(gtk_widget_get_height (toolbar) + 6) * (stride / 4) + 6];
  }
  background = (GdkRGBA) { ((pixel >> 16) & 0xff) / 255.0, ((pixel >> 8) & 0xff) / 255.0,
                           (pixel & 0xff) / 255.0, 1.0 };

  width = gtk_widget_get_width (page);
  top_height = gtk_widget_get_height (toolbar);
  height = top_height + gtk_widget_get_height (content);
  top = gtk_widget_paintable_new (toolbar);
  rest = gtk_widget_paintable_new (content);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (top, snapshot, width, top_height);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, top_height));
  gdk_paintable_snapshot (rest, snapshot, width, gtk_widget_get_height (content));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (g_mkdir_with_parents (folder != NULL ? folder : g_get_tmp_dir (), 0755), ==, 0);
  path = g_strconcat (folder != NULL ? folder : g_get_tmp_dir (), G_DIR_SEPARATOR_S, name, ".png",
                      NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot saved: %s", path);
}

/* --- tests --------------------------------------------------------------------- */

static void
test_empty (void)
{
  show (NULL, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (details->stack), ==, "empty");
  g_assert_null (easel_history_details_get_entry (details));
  for (guint i = 0; i < 7; i++)
    {
      static const char *const names[] = { "details.reuse", "details.edit", "details.save-as",
                                           "details.copy", "details.favourite",
                                           "details.delete", "details.show-in-folder" };

      g_assert_false (gtk_widget_activate_action (GTK_WIDGET (details), names[i], NULL) &&
                      (reused != NULL || edited != NULL));
    }
  g_assert_null (reused);
  g_assert_null (edited);
  screenshot ("history-details-empty");
}

static guint
count_visible (GtkWidget  *widget,
               GType       type,
               const char *css_class)
{
  guint n = 0;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget) &&
      (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_visible (child, type, css_class);
  return n;
}

/* Thumbnails that show a picture (not the "missing" mark). */
static guint
count_tiles (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_IMAGE (widget) && gtk_widget_get_mapped (widget) &&
      gtk_widget_has_css_class (widget, "tile") &&
      gtk_image_get_storage_type (GTK_IMAGE (widget)) == GTK_IMAGE_PAINTABLE)
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_tiles (child);
  return n;
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
lineage_tile_loaded (gpointer data)
{
  return count_tiles (GTK_WIDGET (details->parent_group)) == 1;
}

static gboolean
strip_tiles_loaded (gpointer data)
{
  return count_tiles (GTK_WIDGET (details->strip)) == details->entry->images->len;
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return has_label (wait->widget, wait->text);
}

static gboolean
source_tiles_loaded (gpointer data)
{
  return count_tiles (details->references_box) == 1 && count_tiles (details->mask_box) == 1;
}

static void
test_rows (void)
{
  GStatBuf buf;
  g_autofree char *file_size = NULL;
  EaselHistoryImage *image = g_ptr_array_index (parent->images, 0);
  LabelWait wait = { NULL, "moved-away.png (no longer on disk)" };

  show (parent, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (details->stack), ==, "details");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (details->image_stack), ==, "image");
  g_assert_true (easel_history_details_get_image_ready (details));
  g_assert_cmpstr (gtk_label_get_text (details->prompt_label), ==, parent->prompt);
  g_assert_true (gtk_label_get_selectable (details->prompt_label));

  g_assert_cmpstr (row (EASEL_DETAILS_ROW_GATEWAY), ==, "OpenAI (openai)");
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_MODEL), ==, "gpt-image-2");
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_STATE), ==, "Completed");
  g_assert_null (easel_history_details_get_error_text (details));
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_CREATED), ==, "14 March 2026, 15:09");
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_SIZE), ==, "1536 × 1024");
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_QUALITY), ==, "High");
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_FORMAT), ==, "PNG");
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_BACKGROUND), ==, "Auto");
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_MODERATION), ==, "Auto");
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_IMAGES), ==, "1");
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_TOKENS), ==,
                   "1\u2009234 in · 4\u2009160 out · 5\u2009394 total");
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_COST), ==, "$0.165");
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_SUBMITTED), ==, "0.2 s");
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_RECEIVED), ==, "41.8 s");
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_TOTAL_TIME), ==, "42.3 s");
  g_assert_cmpint (g_stat (image->path, &buf), ==, 0);
  file_size = g_format_size (buf.st_size);
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_FILE_SIZE), ==, file_size);
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_DIMENSIONS), ==, "480 × 320 pixels");
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_LOCATION), ==, image->path);
  /* No references, no mask: the group is not there at all. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (details->sources_group)));
  g_assert_false (gtk_widget_get_visible (details->strip_scroller));
  g_assert_cmpuint (picture_colour (), ==, colours[0]);

  /* The edit: a ratio size, JPEG with compression, the options set, CNY. */
  show (child_a, 0);
  g_assert_null (row (EASEL_DETAILS_ROW_MODEL));
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_SIZE), ==, "16:9 at 2k");
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_QUALITY), ==, "Auto");
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_FORMAT), ==, "JPEG, 80 % compression");
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_BACKGROUND), ==, "Opaque");
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_MODERATION), ==, "Low");
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_COST), ==, "¥0.20");
  g_assert_null (row (EASEL_DETAILS_ROW_TOKENS));
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_SUBMITTED), ==, "0.2 s");
  g_assert_null (row (EASEL_DETAILS_ROW_RECEIVED));
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_TOTAL_TIME), ==, "3 min 10 s");
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_CREATED), ==, "15 March 2026, 09:30");
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_IMAGES), ==, "2");

  /* Sources: the file and the mask as thumbnails, the rest as text. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (details->sources_group)));
  easel_test_wait_until (source_tiles_loaded, NULL, "the reference thumbnails");
  wait.widget = details->references_box;
  easel_test_wait_until (label_shown, &wait, "the gone reference to be named");
  easel_test_wait_for_frame (GTK_WIDGET (details));
  g_assert_true (has_label (details->references_box, "https://example.com/photos/rocks.png"));
  g_assert_true (has_label (details->references_box, "Pasted image (not kept)"));
  g_assert_true (has_label (details->references_box, "moved-away.png (no longer on disk)"));
  g_assert_false (has_label (details->mask_box, "not kept"));
}

static gboolean
lineage_rows_at_least (gpointer data)
{
  return details->lineage_rows->len >= GPOINTER_TO_UINT (data);
}

static AdwActionRow *
lineage_row (AdwPreferencesGroup *group,
             guint                n)
{
  for (guint i = 0; i < details->lineage_rows->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (details->lineage_rows, i);

      if (gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP) == GTK_WIDGET (group) &&
          n-- == 0)
        return ADW_ACTION_ROW (widget);
    }
  return NULL;
}

static void
test_screenshots (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  show (child_a, 0);
  easel_test_wait_until (lineage_rows_at_least, GUINT_TO_POINTER (1), "the lineage");
  easel_test_wait_until (source_tiles_loaded, NULL, "the reference thumbnails");
  easel_test_wait_until (strip_tiles_loaded, NULL, "the strip's thumbnails");
  easel_test_wait_until (lineage_tile_loaded, NULL, "the parent's thumbnail");
  easel_test_wait_for_frame (GTK_WIDGET (details));
  screenshot ("history-details");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  easel_test_wait_for_frame (GTK_WIDGET (details));
  screenshot ("history-details-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  easel_test_wait_for_frame (GTK_WIDGET (details));
}

static void
test_failed (void)
{
  show (failed, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (details->image_stack), ==, "none");
  g_assert_cmpstr (adw_status_page_get_description (details->none_page), ==,
                   "The generation failed before any image arrived.");
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_STATE), ==, "Failed");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (details->values[EASEL_DETAILS_ROW_STATE]),
                                           "error"));
  g_assert_cmpstr (easel_history_details_get_error_text (details), ==, failed->error);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (details->error_label), "error"));
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_COST), ==, "Unknown");
  /* Unknowns are hidden, not blank. */
  g_assert_null (row (EASEL_DETAILS_ROW_TOKENS));
  g_assert_null (row (EASEL_DETAILS_ROW_SUBMITTED));
  g_assert_null (row (EASEL_DETAILS_ROW_RECEIVED));
  g_assert_null (row (EASEL_DETAILS_ROW_TOTAL_TIME));
  g_assert_null (row (EASEL_DETAILS_ROW_FILE_SIZE));
  g_assert_null (row (EASEL_DETAILS_ROW_DIMENSIONS));
  g_assert_null (row (EASEL_DETAILS_ROW_LOCATION));
  g_assert_null (row (EASEL_DETAILS_ROW_MODEL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (details->file_group)));
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_IMAGES), ==, "0 of 1 received");

  /* Nothing to save, copy, edit or show; reuse and delete still work. */
  g_assert_false (action_enabled ("details.save-as"));
  g_assert_false (action_enabled ("details.copy"));
  g_assert_false (action_enabled ("details.edit"));
  g_assert_false (action_enabled ("details.show-in-folder"));
  g_assert_false (action_enabled ("details.favourite"));
  g_assert_true (action_enabled ("details.reuse"));
  g_assert_true (action_enabled ("details.delete"));
  screenshot ("history-details-failed");

  /* A state that is not a failure shows no error, even with one stored. */
  {
    g_autoptr(EaselHistoryEntry) copy = easel_history_entry_new ();

    copy->id = failed->id;
    copy->prompt = g_strdup ("finished after a retry");
    copy->request_json = g_strdup (failed->request_json);
    copy->error = g_strdup ("an earlier attempt timed out");
    show (copy, 0);
    g_assert_cmpstr (row (EASEL_DETAILS_ROW_STATE), ==, "Completed");
    g_assert_false (gtk_widget_has_css_class (
                      GTK_WIDGET (details->values[EASEL_DETAILS_ROW_STATE]), "error"));
    g_assert_null (easel_history_details_get_error_text (details));
    g_assert_null (row (EASEL_DETAILS_ROW_GATEWAY));
    g_assert_null (row (EASEL_DETAILS_ROW_CREATED));
  }
}

static void
test_strip (void)
{
  GtkWidget *second, *third;

  show (three, 0);
  g_assert_true (gtk_widget_get_visible (details->strip_scroller));
  g_assert_cmpuint (count_visible (GTK_WIDGET (details->strip), GTK_TYPE_TOGGLE_BUTTON, NULL), ==, 3);
  g_assert_cmpuint (easel_history_details_get_index (details), ==, 0);
  g_assert_cmpuint (picture_colour (), ==, colours[0]);
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_IMAGES), ==, "3");
  easel_test_wait_until (strip_tiles_loaded, NULL, "the strip's thumbnails");
  /* The thumbnail when there is one, the image itself when it is gone or
   * was never made. */
  g_assert_cmpuint (tile_colour (0), ==, THUMB_COLOUR);
  g_assert_cmpuint (tile_colour (1), ==, colours[1]);
  g_assert_cmpuint (tile_colour (2), ==, colours[2]);
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_LOCATION), ==,
                   ((EaselHistoryImage *) three->images->pdata[0])->path);

  /* A click on the third tile shows the third image. */
  second = gtk_widget_get_next_sibling (gtk_widget_get_first_child (GTK_WIDGET (details->strip)));
  third = gtk_widget_get_next_sibling (second);
  g_signal_emit_by_name (third, "clicked");
  g_assert_cmpuint (easel_history_details_get_index (details), ==, 2);
  easel_test_wait_until (image_settled, details, "the third image");
  g_assert_cmpuint (picture_colour (), ==, colours[2]);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (third)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (second)));
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_LOCATION), ==,
                   ((EaselHistoryImage *) three->images->pdata[2])->path);

  /* The index given picks the image; past the end, the last. */
  show (three, 1);
  g_assert_cmpuint (easel_history_details_get_index (details), ==, 1);
  g_assert_cmpuint (picture_colour (), ==, colours[1]);
  /* The strip is built anew for the entry. */
  second = gtk_widget_get_next_sibling (gtk_widget_get_first_child (GTK_WIDGET (details->strip)));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (second)));
  show (three, 7);
  g_assert_cmpuint (easel_history_details_get_index (details), ==, 2);

  /* One image: no strip. */
  show (parent, 0);
  g_assert_false (gtk_widget_get_visible (details->strip_scroller));
}

static gboolean
strip_tiles_unavailable (gpointer data)
{
  guint n = 0;

  for (GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (details->strip));
       button != NULL; button = gtk_widget_get_next_sibling (button))
    {
      GtkWidget *tile = gtk_button_get_child (GTK_BUTTON (button));

      n += gtk_image_get_storage_type (GTK_IMAGE (tile)) == GTK_IMAGE_ICON_NAME &&
           gtk_widget_has_css_class (tile, "unavailable");
    }
  return n == 2;
}

static void
test_unreadable (void)
{
  EaselHistoryImage *image = g_ptr_array_index (missing->images, 0);
  g_autofree char *gone_path = NULL;

  /* Marked missing by the sweep. */
  show (missing, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (details->image_stack), ==, "missing");
  g_assert_cmpstr (adw_status_page_get_description (details->missing_page), ==, image->path);
  g_assert_false (action_enabled ("details.save-as"));
  g_assert_false (action_enabled ("details.copy"));
  g_assert_false (action_enabled ("details.edit"));
  g_assert_false (action_enabled ("details.show-in-folder"));
  g_assert_true (action_enabled ("details.favourite"));
  g_assert_true (action_enabled ("details.delete"));
  g_assert_null (row (EASEL_DETAILS_ROW_FILE_SIZE));
  g_assert_cmpstr (row (EASEL_DETAILS_ROW_DIMENSIONS), ==, "64 × 64 pixels");

  /* Gone since the sweep: found out when read, shown the same way. */
  gone_path = g_strdup (((EaselHistoryImage *) gone->images->pdata[0])->path);
  g_assert_cmpint (g_unlink (gone_path), ==, 0);
  show (gone, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (details->image_stack), ==, "missing");
  g_assert_cmpstr (adw_status_page_get_description (details->missing_page), ==, gone_path);
  g_assert_false (action_enabled ("details.copy"));
  g_assert_false (action_enabled ("details.save-as"));

  /* Not an image, and far too large: said so, and nothing crashes. */
  show (damaged, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (details->image_stack), ==, "error");
  g_assert_nonnull (strstr (adw_status_page_get_description (details->error_page),
                            "damaged-0.png"));
  /* Their strip tiles carry the "missing" mark instead of a picture. */
  easel_test_wait_until (strip_tiles_unavailable, NULL, "the strip's marks");
  show (huge, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (details->image_stack), ==, "error");
  g_assert_nonnull (strstr (adw_status_page_get_description (details->error_page),
                            "too large"));
}

static void
test_lineage (void)
{
  AdwActionRow *first, *second, *up;
  guint before;

  /* The parent lists its two edits, newest first. */
  show (parent, 0);
  easel_test_wait_until (lineage_rows_at_least, GUINT_TO_POINTER (2), "the edits");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (details->children_group)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (details->parent_group)));
  first = lineage_row (details->children_group, 0);
  second = lineage_row (details->children_group, 1);
  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_null (lineage_row (details->children_group, 2));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==,
                   "the lighthouse at noon");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (second)), ==,
                   "the lighthouse in snow");
  shown_id = 0;
  adw_action_row_activate (first);
  g_assert_cmpint (shown_id, ==, child_b->id);
  adw_action_row_activate (second);
  g_assert_cmpint (shown_id, ==, child_a->id);

  /* An edit names its parent, its prompt shortened. */
  show (child_a, 0);
  easel_test_wait_until (lineage_rows_at_least, GUINT_TO_POINTER (1), "the parent");
  up = lineage_row (details->parent_group, 0);
  g_assert_nonnull (up);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (details->children_group)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (up)), ==, parent->prompt);
  adw_action_row_activate (up);
  g_assert_cmpint (shown_id, ==, parent->id);

  /* A parent deleted since: said so, and nothing to go to. */
  show (orphan, 0);
  easel_test_wait_until (lineage_rows_at_least, GUINT_TO_POINTER (1), "the deleted parent");
  up = lineage_row (details->parent_group, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (up)), ==,
                   "A deleted generation");
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (up)));

  /* A store that cannot answer: both lookups say so in a toast. */
  {
    g_autoptr(EaselHistory) closed = easel_history_new (base);
    GtkWidget *other = easel_history_details_new (closed);

    g_object_ref_sink (other);
    g_signal_connect (other, "add-toast", G_CALLBACK (on_add_toast), NULL);
    before = toasts->len;
    easel_history_details_set_entry (EASEL_HISTORY_DETAILS (other), child_a, 0);
    n_toasts_wanted = before + 2;
    easel_test_wait_until (enough_toasts, NULL, "two toasts");
    g_assert_true (g_str_has_prefix (g_ptr_array_index (toasts, before), "Could not load the ") ||
                   g_str_has_prefix (g_ptr_array_index (toasts, before + 1),
                                     "Could not load the "));
    {
      gboolean parent_said = FALSE, children_said = FALSE;

      for (guint i = before; i < toasts->len; i++)
        {
          const char *title = g_ptr_array_index (toasts, i);

          parent_said |= g_str_has_prefix (title, "Could not load the generation this one was "
                                                  "edited from: ");
          children_said |= g_str_has_prefix (title, "Could not load the edits of this "
                                                    "generation: ");
        }
      g_assert_true (parent_said);
      g_assert_true (children_said);
    }
    easel_history_details_set_entry (EASEL_HISTORY_DETAILS (other), NULL, 0);
    wait_finalized (other);
  }
}

static GPtrArray *
favourites (void)
{
  EaselHistoryQuery query = { .favourites_only = TRUE };

  return list (&query);
}

static gboolean
favourites_count_is (gpointer data)
{
  g_autoptr(GPtrArray) entries = favourites ();

  return entries->len == GPOINTER_TO_UINT (data);
}

static void
test_favourite (void)
{
  g_autoptr(GPtrArray) entries = NULL;
  EaselHistoryEntry *listed;
  gboolean favourite;
  const char *message;

  show (three, 1);
  g_assert_false (gtk_toggle_button_get_active (details->favourite_button));
  gtk_widget_activate_action (GTK_WIDGET (details), "details.favourite", NULL);
  g_object_get (details, "favourite", &favourite, NULL);
  g_assert_true (favourite);
  g_assert_true (gtk_toggle_button_get_active (details->favourite_button));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (details->favourite_button)), ==,
                   "starred-symbolic");
  easel_test_wait_until (favourites_count_is, GUINT_TO_POINTER (1), "the favourite stored");
  entries = favourites ();
  listed = g_ptr_array_index (entries, 0);
  g_assert_cmpint (listed->id, ==, three->id);
  g_assert_false (((EaselHistoryImage *) listed->images->pdata[0])->favourite);
  g_assert_true (((EaselHistoryImage *) listed->images->pdata[1])->favourite);

  /* The star follows the image shown: the first is no favourite. */
  g_signal_emit_by_name (gtk_widget_get_first_child (GTK_WIDGET (details->strip)), "clicked");
  g_assert_false (gtk_toggle_button_get_active (details->favourite_button));
  g_signal_emit_by_name (gtk_widget_get_next_sibling (
                           gtk_widget_get_first_child (GTK_WIDGET (details->strip))), "clicked");
  g_assert_true (gtk_toggle_button_get_active (details->favourite_button));

  /* Toggled off through the button. */
  g_signal_emit_by_name (details->favourite_button, "clicked");
  g_assert_false (gtk_toggle_button_get_active (details->favourite_button));
  easel_test_wait_until (favourites_count_is, GUINT_TO_POINTER (0), "the favourite removed");

  /* The store refuses (an image it does not have): the star goes back. */
  {
    g_autoptr(EaselHistoryEntry) stale = easel_history_entry_new ();
    EaselHistoryImage *image;

    stale->id = three->id;
    stale->prompt = g_strdup ("a stale copy");
    stale->request_json = g_strdup (three->request_json);
    easel_history_entry_add_image (stale, ((EaselHistoryImage *) three->images->pdata[0])->path,
                                   "image/png", 400, 300, NULL);
    image = g_ptr_array_index (stale->images, 0);
    image->id = 987654;
    show (stale, 0);
    gtk_widget_activate_action (GTK_WIDGET (details), "details.favourite", NULL);
    g_assert_true (gtk_toggle_button_get_active (details->favourite_button));
    message = next_toast ();
    g_assert_true (g_str_has_prefix (message, "Could not add the image to favourites: "));
    g_assert_nonnull (strstr (message, "987654"));
    g_assert_false (gtk_toggle_button_get_active (details->favourite_button));
    g_object_get (details, "favourite", &favourite, NULL);
    g_assert_false (favourite);
  }
}

static void
test_reuse_and_edit (void)
{
  show (three, 2);
  reused = NULL;
  edited = NULL;
  gtk_widget_activate_action (GTK_WIDGET (details), "details.reuse", NULL);
  g_assert_true (reused == three);
  gtk_widget_activate_action (GTK_WIDGET (details), "details.edit", NULL);
  g_assert_true (edited == three);
  g_assert_cmpuint (edited_index, ==, 2);

  /* An image that is not there cannot be edited. */
  edited = NULL;
  show (missing, 0);
  gtk_widget_activate_action (GTK_WIDGET (details), "details.edit", NULL);
  g_assert_null (edited);
}

typedef struct
{
  GValue value;
  gboolean done;
  GError *error;
} Read;

static void
on_value_read (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Read *read = user_data;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (object), result,
                                                         &read->error);

  if (value != NULL)
    {
      g_value_init (&read->value, G_VALUE_TYPE (value));
      g_value_copy (value, &read->value);
    }
  read->done = TRUE;
}

static gboolean
read_done (gpointer data)
{
  return ((Read *) data)->done;
}

static void
test_copy (void)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (details));
  EaselHistoryImage *image = g_ptr_array_index (three->images, 1);
  Read files = { G_VALUE_INIT, FALSE, NULL };
  Read texture = { G_VALUE_INIT, FALSE, NULL };
  GSList *list;
  g_autofree char *path = NULL;
  g_autofree char *copied_path = NULL;
  const char *message;

  show (three, 1);
  gtk_widget_activate_action (GTK_WIDGET (details), "details.copy", NULL);
  g_assert_cmpstr (next_toast (), ==, "Image copied");

  gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT, NULL,
                                  on_value_read, &files);
  easel_test_wait_until (read_done, &files, "the file list");
  g_assert_no_error (files.error);
  list = gdk_file_list_get_files (g_value_get_boxed (&files.value));
  g_assert_cmpuint (g_slist_length (list), ==, 1);
  path = g_file_get_path (list->data);
  g_assert_cmpstr (path, ==, image->path);
  g_slist_free (list);
  g_value_unset (&files.value);

  /* The pixels too, at full size rather than the pane's. */
  gdk_clipboard_read_value_async (clipboard, GDK_TYPE_TEXTURE, G_PRIORITY_DEFAULT, NULL,
                                  on_value_read, &texture);
  easel_test_wait_until (read_done, &texture, "the texture");
  g_assert_no_error (texture.error);
  g_assert_cmpint (gdk_texture_get_width (g_value_get_object (&texture.value)), ==, 400);
  g_assert_cmpint (gdk_texture_get_height (g_value_get_object (&texture.value)), ==, 300);
  g_value_unset (&texture.value);

  /* The file went away after it was shown: the copy says so. */
  show (damaged, 0);
  easel_history_details_set_entry (details, three, 1);
  easel_test_wait_until (image_settled, details, "the image");
  copied_path = g_strconcat (image->path, ".away", NULL);
  g_assert_cmpint (g_rename (image->path, copied_path), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (details), "details.copy", NULL);
  message = next_toast ();
  g_assert_true (g_str_has_prefix (message, "Could not copy the image: "));
  g_assert_cmpint (g_rename (copied_path, image->path), ==, 0);
}

static void
test_drag (void)
{
  GdkContentProvider *provider = NULL;
  GtkDragSource *source = NULL;
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (details->picture));
  g_autoptr(GdkContentFormats) formats = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DRAG_SOURCE (controller))
        source = GTK_DRAG_SOURCE (controller);
    }
  g_assert_nonnull (source);

  show (parent, 0);
  g_signal_emit_by_name (source, "prepare", 10.0, 10.0, &provider);
  g_assert_nonnull (provider);
  formats = gdk_content_provider_ref_formats (provider);
  g_assert_true (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST));
  g_assert_true (gdk_content_formats_contain_gtype (formats, G_TYPE_FILE));
  g_object_unref (provider);
  provider = NULL;

  /* Nothing to drag from a missing file. */
  show (missing, 0);
  g_signal_emit_by_name (source, "prepare", 10.0, 10.0, &provider);
  g_assert_null (provider);
}

static void
test_save_as (void)
{
  g_autofree char *png_path = g_build_filename (dir, "saved", "out.png", NULL);
  g_autofree char *jpeg_path = g_build_filename (dir, "saved", "out.JPG", NULL);
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autoptr(GFile) jpeg = g_file_new_for_path (jpeg_path);
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent-easel-folder/out.png");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(EaselImageMetadata) metadata = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  const char *message;
  gsize length;
  const guint8 *data;

  g_autofree char *saved = g_path_get_dirname (png_path);

  g_assert_cmpint (g_mkdir_with_parents (saved, 0755), ==, 0);
  show (parent, 0);

  easel_history_details_save_to (details, png);
  g_assert_cmpstr (next_toast (), ==, "Saved as “out.png”");
  bytes = g_file_load_bytes (png, NULL, NULL, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &length);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  pixbuf = gdk_pixbuf_new_from_file (png_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 480);
  metadata = easel_image_metadata_read (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (metadata->prompt, ==, parent->prompt);
  g_assert_nonnull (strstr (metadata->parameters, "size 1536x1024"));
  g_assert_nonnull (strstr (metadata->parameters, "quality high"));
  g_assert_nonnull (strstr (metadata->parameters, "gateway OpenAI (openai)"));
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_pointer (&metadata, easel_image_metadata_free);
  g_clear_object (&pixbuf);

  /* The extension typed picks the format. */
  easel_history_details_save_to (details, jpeg);
  g_assert_cmpstr (next_toast (), ==, "Saved as “out.JPG”");
  bytes = g_file_load_bytes (jpeg, NULL, NULL, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &length);
  g_assert_cmpmem (data, 3, "\xff\xd8\xff", 3);
  pixbuf = gdk_pixbuf_new_from_file (jpeg_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 320);
  metadata = easel_image_metadata_read (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (metadata->prompt, ==, parent->prompt);

  /* A folder that does not exist: said so. */
  easel_history_details_save_to (details, nowhere);
  message = next_toast ();
  g_assert_true (g_str_has_prefix (message, "Could not save the image: "));

  /* The image's own file gone: said so too. */
  {
    EaselHistoryImage *image = g_ptr_array_index (parent->images, 0);
    g_autofree char *away = g_strconcat (image->path, ".away", NULL);

    g_assert_cmpint (g_rename (image->path, away), ==, 0);
    easel_history_details_save_to (details, png);
    message = next_toast ();
    g_assert_true (g_str_has_prefix (message, "Could not save the image: "));
    g_assert_cmpint (g_rename (away, image->path), ==, 0);
  }
}

/* --- show in folder ------------------------------------------------------------ */

static GDBusConnection *fake_bus;
static guint fake_registrations[2];
static char **shown_items;          /* what FileManager1.ShowItems received */
static char **opened_uris;          /* what the folder opener's Open received */

static void
on_fake_method_call (GDBusConnection       *connection,
                     const char            *sender,
                     const char            *object_path,
                     const char            *interface_name,
                     const char            *method_name,
                     GVariant              *parameters,
                     GDBusMethodInvocation *invocation,
                     gpointer               user_data)
{
  if (g_str_equal (method_name, "ShowItems"))
    {
      g_strfreev (shown_items);
      g_variant_get (parameters, "(^as&s)", &shown_items, NULL);
    }
  else if (g_str_equal (method_name, "Open"))
    {
      g_strfreev (opened_uris);
      g_variant_get (parameters, "(^as@a{sv})", &opened_uris, NULL);
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
own_name (const char *name)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint32 result;

  reply = g_dbus_connection_call_sync (fake_bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", name, 4), G_VARIANT_TYPE ("(u)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &result);
  g_assert_cmpuint (result, ==, 1);
}

/* The two fakes on a connection of their own: the file manager, and a
 * D-Bus-activatable folder opener that GIO picks as the default handler
 * of folders (set up in main()), so the fallback is observable and can
 * be made to fail by not owning its name. Neither name is owned yet. */
static void
start_fakes (void)
{
  static const char xml[] =
    "<node>"
    "<interface name='org.freedesktop.FileManager1'>"
    "<method name='ShowItems'><arg type='as' direction='in'/><arg type='s' direction='in'/>"
    "</method></interface>"
    "<interface name='org.freedesktop.Application'>"
    "<method name='Activate'><arg type='a{sv}' direction='in'/></method>"
    "<method name='Open'><arg type='as' direction='in'/><arg type='a{sv}' direction='in'/>"
    "</method>"
    "<method name='ActivateAction'><arg type='s' direction='in'/><arg type='av' direction='in'/>"
    "<arg type='a{sv}' direction='in'/></method>"
    "</interface></node>";
  static const GDBusInterfaceVTable vtable = { on_fake_method_call, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (xml, NULL);
  g_autoptr(GError) error = NULL;

  fake_bus = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                     G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                     G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                     NULL, NULL, &error);
  g_assert_no_error (error);
  fake_registrations[0] =
    g_dbus_connection_register_object (fake_bus, "/org/freedesktop/FileManager1",
                                       info->interfaces[0], &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  fake_registrations[1] =
    g_dbus_connection_register_object (fake_bus, "/io/github/easelapp/TestFolderOpener",
                                       info->interfaces[1], &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
stop_fakes (void)
{
  /* Replies go out before the connection does, so no call in flight
   * turns into a late "disconnected" error and a stray toast. */
  g_dbus_connection_flush_sync (fake_bus, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fake_registrations); i++)
    g_dbus_connection_unregister_object (fake_bus, fake_registrations[i]);
  g_dbus_connection_close_sync (fake_bus, NULL, NULL);
  g_clear_object (&fake_bus);
  g_clear_pointer (&shown_items, g_strfreev);
  g_clear_pointer (&opened_uris, g_strfreev);
}

static void
test_show_in_folder (void)
{
  EaselHistoryImage *image = g_ptr_array_index (parent->images, 0);
  g_autoptr(GFile) file = g_file_new_for_path (image->path);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *folder_uri = g_file_get_uri (folder);
  const char *message;

  start_fakes ();
  show (parent, 0);

  /* No file manager, and the folder cannot be opened either. */
  gtk_widget_activate_action (GTK_WIDGET (details), "details.show-in-folder", NULL);
  message = next_toast ();
  g_assert_true (g_str_has_prefix (message, "Could not show the folder: "));

  /* No file manager: the folder is opened. */
  own_name (OPENER_ID);
  gtk_widget_activate_action (GTK_WIDGET (details), "details.show-in-folder", NULL);
  easel_test_wait_until (pointer_set, &opened_uris, "the folder to be opened");
  g_assert_cmpuint (g_strv_length (opened_uris), ==, 1);
  g_assert_cmpstr (opened_uris[0], ==, folder_uri);
  g_clear_pointer (&opened_uris, g_strfreev);

  /* A file manager: it shows the file itself. */
  own_name ("org.freedesktop.FileManager1");
  gtk_widget_activate_action (GTK_WIDGET (details), "details.show-in-folder", NULL);
  easel_test_wait_until (pointer_set, &shown_items, "ShowItems");
  g_assert_cmpuint (g_strv_length (shown_items), ==, 1);
  g_assert_cmpstr (shown_items[0], ==, uri);
  g_assert_null (opened_uris);

  stop_fakes ();
}

/* --- delete -------------------------------------------------------------------- */

static gboolean
deleted_signalled (gpointer data)
{
  return deleted_token != 0;
}

static void
test_delete (void)
{
  EaselHistoryImage *image = g_ptr_array_index (child_b->images, 0);
  g_autofree char *path = g_strdup (image->path);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GAsyncResult) undone = NULL;
  g_autoptr(GError) error = NULL;
  const char *message;

  show (child_b, 0);
  deleted_token = 0;
  gtk_widget_activate_action (GTK_WIDGET (details), "details.delete", NULL);
  /* While it runs, nothing else can be done to it. */
  g_assert_false (action_enabled ("details.delete"));
  g_assert_false (action_enabled ("details.copy"));
  easel_test_wait_until (deleted_signalled, NULL, "the deletion");
  g_assert_cmpint (deleted_id, ==, child_b->id);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (details->stack), ==, "empty");
  g_assert_null (easel_history_details_get_entry (details));

  /* The token undoes it. */
  easel_history_undo_delete_async (history, deleted_token, NULL, store_result, &undone);
  g_assert_true (easel_history_undo_delete_finish (history, wait_result (&undone), &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  entries = list (NULL);
  {
    g_autoptr(EaselHistoryEntry) back = find (entries, "the lighthouse at noon");

    g_assert_cmpint (back->id, ==, child_b->id);
  }

  /* A generation the store no longer has: said so, and it stays shown. */
  {
    g_autoptr(EaselHistoryEntry) stale = easel_history_entry_new ();

    stale->id = 987654;
    stale->prompt = g_strdup ("deleted elsewhere");
    show (stale, 0);
    deleted_token = 0;
    gtk_widget_activate_action (GTK_WIDGET (details), "details.delete", NULL);
    message = next_toast ();
    g_assert_true (g_str_has_prefix (message, "Could not delete the generation: "));
    g_assert_cmpuint (deleted_token, ==, 0);
    g_assert_true (easel_history_details_get_entry (details) == stale);
    g_assert_true (action_enabled ("details.delete"));
    show (NULL, 0);
  }
}

/* In-flight loads are cancelled with the widget, which then goes. */
static void
test_dispose_cancels (void)
{
  GtkWidget *other = easel_history_details_new (history);

  g_object_ref_sink (other);
  easel_history_details_set_entry (EASEL_HISTORY_DETAILS (other), three, 0);
  easel_history_details_set_entry (EASEL_HISTORY_DETAILS (other), parent, 0);
  g_object_run_dispose (G_OBJECT (other));
  wait_finalized (other);
}

/* --- set-up -------------------------------------------------------------------- */

static void
set_up_folder_opener (void)
{
  g_autofree char *data_home = g_build_filename (dir, "xdg-data", NULL);
  g_autofree char *config_home = g_build_filename (dir, "xdg-config", NULL);
  g_autofree char *apps = g_build_filename (data_home, "applications", NULL);
  g_autofree char *desktop = g_build_filename (apps, OPENER_ID ".desktop", NULL);
  g_autofree char *mimeapps = g_build_filename (config_home, "mimeapps.list", NULL);

  g_assert_cmpint (g_mkdir_with_parents (apps, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (config_home, 0755), ==, 0);
  g_assert_true (g_file_set_contents (desktop,
                                      "[Desktop Entry]\n"
                                      "Type=Application\n"
                                      "Name=Test Folder Opener\n"
                                      "DBusActivatable=true\n"
                                      /* GLib 2.74 asserts a startup id when
                                       * a D-Bus launch fails. */
                                      "StartupNotify=true\n"
                                      "MimeType=inode/directory;\n"
                                      "NoDisplay=true\n", -1, NULL));
  g_assert_true (g_file_set_contents (mimeapps,
                                      "[Default Applications]\n"
                                      "inode/directory=" OPENER_ID ".desktop\n", -1, NULL));
  /* Before GIO reads them the first time. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
}

static void
on_activate (GApplication *application)
{
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GError) error = NULL;

  easel_test_use_desktop_settings ();
  base = g_build_filename (dir, "history", NULL);
  g_assert_cmpint (g_mkdir_with_parents (base, 0755), ==, 0);
  history = easel_history_new (base);
  easel_history_open_async (history, NULL, store_result, &opened);
  g_assert_true (easel_history_open_finish (history, wait_result (&opened), NULL, &error));
  g_assert_no_error (error);
  /* The result holds the history, which seed() replaces. */
  g_clear_object (&opened);
  g_free (base);
  base = g_strdup (easel_history_get_base_dir (history));
  seed ();

  toasts = g_ptr_array_new_with_free_func (g_free);
  window = GTK_WINDOW (gtk_application_window_new (GTK_APPLICATION (application)));
  gtk_window_set_title (window, "History details");
  gtk_window_set_default_size (window, 400, 1000);
  details = EASEL_HISTORY_DETAILS (easel_history_details_new (history));
  g_signal_connect (details, "add-toast", G_CALLBACK (on_add_toast), NULL);
  g_signal_connect (details, "show-generation", G_CALLBACK (on_show_generation), NULL);
  g_signal_connect (details, "reuse", G_CALLBACK (on_reuse), NULL);
  g_signal_connect (details, "edit-image", G_CALLBACK (on_edit_image), NULL);
  g_signal_connect (details, "deleted", G_CALLBACK (on_deleted), NULL);
  gtk_window_set_child (window, GTK_WIDGET (details));
  gtk_window_present (window);
  easel_test_wait_for_frame (GTK_WIDGET (window));

  g_application_hold (application);
  status = g_test_run ();
  g_application_release (application);

  gtk_window_destroy (window);
  g_clear_pointer (&parent, easel_history_entry_unref);
  g_clear_pointer (&child_a, easel_history_entry_unref);
  g_clear_pointer (&child_b, easel_history_entry_unref);
  g_clear_pointer (&failed, easel_history_entry_unref);
  g_clear_pointer (&missing, easel_history_entry_unref);
  g_clear_pointer (&three, easel_history_entry_unref);
  g_clear_pointer (&orphan, easel_history_entry_unref);
  g_clear_pointer (&gone, easel_history_entry_unref);
  g_clear_pointer (&damaged, easel_history_entry_unref);
  g_clear_pointer (&huge, easel_history_entry_unref);
  wait_finalized (g_steal_pointer (&history));
  g_clear_pointer (&toasts, g_ptr_array_unref);
}

int
main (int   argc,
      char *argv[])
{
  char *app_argv[] = { argv[0], NULL };
  g_autoptr(GError) error = NULL;

  dir = g_dir_make_tmp ("easel-history-details-XXXXXX", &error);
  g_assert_no_error (error);
  set_up_folder_opener ();

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/history-details/empty", test_empty);
  g_test_add_func ("/history-details/rows", test_rows);
  g_test_add_func ("/history-details/screenshots", test_screenshots);
  g_test_add_func ("/history-details/failed", test_failed);
  g_test_add_func ("/history-details/strip", test_strip);
  g_test_add_func ("/history-details/unreadable", test_unreadable);
  g_test_add_func ("/history-details/lineage", test_lineage);
  g_test_add_func ("/history-details/favourite", test_favourite);
  g_test_add_func ("/history-details/reuse-and-edit", test_reuse_and_edit);
  g_test_add_func ("/history-details/copy", test_copy);
  g_test_add_func ("/history-details/drag", test_drag);
  g_test_add_func ("/history-details/save-as", test_save_as);
  g_test_add_func ("/history-details/show-in-folder", test_show_in_folder);
  g_test_add_func ("/history-details/delete", test_delete);
  g_test_add_func ("/history-details/dispose-cancels", test_dispose_cancels);

  /* The app's own resources give the pane its style sheet. */
  app = adw_application_new ("io.github.easelapp.Easel.TestHistoryDetails",
                             G_APPLICATION_NON_UNIQUE);
  g_application_set_resource_base_path (G_APPLICATION (app), "/io/github/easelapp/Easel");
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, app_argv), ==, 0);
  g_assert_finalize_object (app);

  easel_test_remove_tree (dir);
  g_free (dir);
  g_free (base);
  return status;
}
