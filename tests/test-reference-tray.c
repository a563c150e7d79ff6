/* test-reference-tray.c: the reference tray in a real window: drops, the
 * clipboard, limits, URL-only gateways, moving and removing, the file
 * chooser, and how it looks
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gobject/gvaluecollector.h>

#include "easel-application.h"
#include "easel-error.h"
#include "easel-reference-tray-private.h"
#include "easel-test-files.h"
#include "easel-test-utils.h"

static EaselApplication *app;
static int status;
static char *tmp_dir;

/* --- fixtures ------------------------------------------------------------ */

typedef struct
{
  GtkWindow          *window;
  EaselReferenceTray *tray;
  GPtrArray          *refused;        /* messages, in order */
  guint               n_changed;
  guint               n_count_notifies;
  guint               n_max_notifies;
} Tray;

static void
on_refused (EaselReferenceTray *tray,
            const char         *message,
            Tray               *t)
{
  g_ptr_array_add (t->refused, g_strdup (message));
}

static void
on_changed (EaselReferenceTray *tray,
            Tray               *t)
{
  t->n_changed++;
}

static void
on_count_notify (Tray *t)
{
  t->n_count_notifies++;
}

static void
on_max_notify (Tray *t)
{
  t->n_max_notifies++;
}

/* The tray as it will sit in the Create panel: under a header bar, 12 px
 * from the window's edges, in a window of @width. */
static void
tray_open (Tray *t,
           int   width)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *tray = easel_reference_tray_new ();

  memset (t, 0, sizeof *t);
  t->refused = g_ptr_array_new_with_free_func (g_free);
  t->window = GTK_WINDOW (adw_window_new ());
  t->tray = EASEL_REFERENCE_TRAY (tray);
  gtk_window_set_title (t->window, "Create");
  gtk_window_set_default_size (t->window, width, -1);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("Create", NULL));
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_margin_top (tray, 12);
  gtk_widget_set_margin_bottom (tray, 12);
  gtk_widget_set_margin_start (tray, 12);
  gtk_widget_set_margin_end (tray, 12);
  gtk_box_append (GTK_BOX (box), tray);
  adw_window_set_content (ADW_WINDOW (t->window), box);

  g_signal_connect (tray, "refused", G_CALLBACK (on_refused), t);
  g_signal_connect (tray, "changed", G_CALLBACK (on_changed), t);
  g_signal_connect_swapped (tray, "notify::n-references", G_CALLBACK (on_count_notify), t);
  g_signal_connect_swapped (tray, "notify::max-references", G_CALLBACK (on_max_notify), t);

  gtk_window_present (t->window);
  easel_test_wait_for_frame (tray);
}

static gboolean
nothing_pending (gpointer data)
{
  return easel_reference_tray_get_n_pending (data) == 0;
}

static void
tray_settle (Tray *t)
{
  easel_test_wait_until (nothing_pending, t->tray, "the tray's previews and reads");
}

/* Closes the window; the tray must be freed once its work is done. */
static void
tray_close (Tray *t)
{
  g_object_ref (t->tray);
  gtk_window_destroy (t->window);
  tray_settle (t);
  g_assert_finalize_object (t->tray);
  g_ptr_array_unref (t->refused);
}

static const char *
last_refused (Tray *t)
{
  g_assert_cmpuint (t->refused->len, >, 0);
  return g_ptr_array_index (t->refused, t->refused->len - 1);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static EaselReference *
reference_at (Tray  *t,
              guint  position)
{
  g_autoptr(GPtrArray) references = easel_reference_tray_get_references (t->tray);

  g_assert_cmpuint (position, <, references->len);
  /* The tray holds its own reference, so the pointer outlives the array. */
  return g_ptr_array_index (references, position);
}

/* Kinds in order: F file, U URL, D data URL, B bytes. A macro, so a
 * failure names the caller's line. */
#define assert_kinds(t, expected) \
  G_STMT_START { \
    g_autofree char *kinds__ = kinds_of (t); \
    g_assert_cmpstr (kinds__, ==, expected); \
  } G_STMT_END

static char *
kinds_of (Tray *t)
{
  g_autoptr(GPtrArray) references = easel_reference_tray_get_references (t->tray);
  g_autoptr(GString) kinds = g_string_new (NULL);
  const char letters[] = { 'F', 'U', 'D', 'B' };

  for (guint i = 0; i < references->len; i++)
    g_string_append_c (kinds, letters[easel_reference_get_kind (g_ptr_array_index (references,
                                                                                    i))]);
  g_assert_cmpuint (easel_reference_tray_get_n_references (t->tray), ==, references->len);
  return g_string_free (g_steal_pointer (&kinds), FALSE);
}

static GtkWidget *
thumbnail_child (Tray       *t,
                 guint       position,
                 const char *name)
{
  EaselReferenceThumbnail *thumbnail = easel_reference_tray_get_thumbnail (t->tray, position);
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (thumbnail),
                                                  EASEL_TYPE_REFERENCE_THUMBNAIL, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static GtkWidget *
tray_child (Tray       *t,
            const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (t->tray), EASEL_TYPE_REFERENCE_TRAY,
                                                  name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

/* The preview a tile shows, or NULL. */
static GdkPaintable *
preview_at (Tray  *t,
            guint  position)
{
  GtkWidget *stack = thumbnail_child (t, position, "stack");

  if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "picture") != 0)
    return NULL;
  return gtk_picture_get_paintable (GTK_PICTURE (thumbnail_child (t, position, "picture")));
}

/* --- test files -------------------------------------------------------- */

static char *
write_image (const char *name,
             const char *type,
             int         width,
             int         height,
             guint32     rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, rgba);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, type, &error, NULL));
  g_assert_no_error (error);

  return path;
}

/* A photo-like image for the screenshots: a diagonal blend of two
 * colours, so previews, crops and edges can be judged. */
static char *
write_gradient (const char *name,
                const char *type,
                int         width,
                int         height,
                guint32     from,
                guint32     to)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        double f = (double) (x + y) / (width + height - 2);
        guint8 *p = pixels + y * stride + x * 3;

        for (int c = 0; c < 3; c++)
          {
            int shift = 24 - 8 * c;
            double a = (from >> shift) & 0xff, b = (to >> shift) & 0xff;

            p[c] = (guint8) (a + (b - a) * f);
          }
      }

  g_assert_true (gdk_pixbuf_save (pixbuf, path, type, &error, NULL));
  g_assert_no_error (error);
  return path;
}

static char *
write_bytes (const char *name,
             const void *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, length, &error));
  g_assert_no_error (error);
  return path;
}

/* A sparse file of @size bytes that starts like a PNG. */
static char *
write_sparse_png (const char *name,
                  goffset     size)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  char *path = write_bytes (name, "\x89PNG\r\n\x1a\n", 8);

  file = g_file_new_for_path (path);
  stream = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_seekable_truncate (G_SEEKABLE (stream), size, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error));
  return path;
}

static guint32
crc32_of (const guint8 *data,
          gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }

  return ~crc;
}

static void
put_chunk (GByteArray   *png,
           const char   *type,
           const guint8 *data,
           guint32       length)
{
  guint8 be[4] = { length >> 24, length >> 16, length >> 8, length };
  guint start;
  guint32 crc;

  g_byte_array_append (png, be, 4);
  start = png->len;
  g_byte_array_append (png, (const guint8 *) type, 4);
  if (length > 0)
    g_byte_array_append (png, data, length);
  crc = crc32_of (png->data + start, png->len - start);
  be[0] = crc >> 24, be[1] = crc >> 16, be[2] = crc >> 8, be[3] = crc;
  g_byte_array_append (png, be, 4);
}

/* A PNG whose header claims 20000 × 20000 pixels: past the caps, so it
 * must get no preview (and no 1.6 GB allocation), yet stay. The loader
 * reads the header when the first IDAT chunk arrives, so one is there. */
static char *
write_bomb_png (const char *name)
{
  static const guint8 ihdr[13] = { 0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20, 8, 2, 0, 0, 0 };
  static const guint8 idat[] = { 0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 };
  g_autoptr(GByteArray) png = g_byte_array_new ();

  g_byte_array_append (png, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  put_chunk (png, "IHDR", ihdr, sizeof ihdr);
  put_chunk (png, "IDAT", idat, sizeof idat);
  put_chunk (png, "IEND", NULL, 0);

  return write_bytes (name, png->data, png->len);
}

/* 20 × 10 pixels, each different, opaque so PNG keeps them exactly. */
static GdkTexture *
make_texture (void)
{
  const int width = 20, height = 10;
  g_autofree guint8 *pixels = g_malloc (width * height * 4);
  g_autoptr(GBytes) bytes = NULL;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + (y * width + x) * 4;

        p[0] = x * 12, p[1] = y * 25, p[2] = (x * y) & 0xff, p[3] = 0xff;
      }

  bytes = g_bytes_new_take (g_steal_pointer (&pixels), width * height * 4);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, bytes, width * 4);
}

static void
assert_same_pixels (GdkTexture *a,
                    GdkTexture *b)
{
  int width = gdk_texture_get_width (a);
  int height = gdk_texture_get_height (a);
  g_autofree guint8 *pa = g_malloc (width * height * 4);
  g_autofree guint8 *pb = g_malloc (width * height * 4);

  g_assert_cmpint (gdk_texture_get_width (b), ==, width);
  g_assert_cmpint (gdk_texture_get_height (b), ==, height);
  gdk_texture_download (a, pa, width * 4);
  gdk_texture_download (b, pb, width * 4);
  g_assert_cmpmem (pa, width * height * 4, pb, width * height * 4);
}

/* The PNG a BYTES reference holds, decoded. */
static GdkTexture *
decode_reference (EaselReference *reference)
{
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  g_assert_cmpint (easel_reference_get_kind (reference), ==, EASEL_REFERENCE_BYTES);
  g_assert_cmpstr (easel_reference_get_mime_type (reference), ==, "image/png");
  texture = gdk_texture_new_from_bytes (easel_reference_get_bytes (reference), &error);
  g_assert_no_error (error);
  return texture;
}

static gboolean
drop_value (Tray  *t,
            GType  type,
            ...)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *error = NULL;
  va_list args;

  va_start (args, type);
  G_VALUE_COLLECT_INIT (&value, type, args, 0, &error);
  va_end (args);
  g_assert_null (error);

  return easel_reference_tray_drop_value (t->tray, &value);
}

static gboolean
drop_files (Tray *t,
            ...)
{
  g_autoslist(GFile) files = NULL;
  GdkFileList *list;
  const char *path;
  gboolean taken;
  va_list args;

  va_start (args, t);
  while ((path = va_arg (args, const char *)) != NULL)
    files = g_slist_append (files, g_file_new_for_path (path));
  va_end (args);

  /* GTK 4.8 has no autoptr for GdkFileList. */
  list = gdk_file_list_new_from_list (files);
  taken = drop_value (t, GDK_TYPE_FILE_LIST, list);
  g_boxed_free (GDK_TYPE_FILE_LIST, list);
  return taken;
}

static gboolean
drop_file (Tray       *t,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return drop_value (t, G_TYPE_FILE, file);
}

/* --- tests ------------------------------------------------------------- */

static void
test_drop (void)
{
  g_autofree char *red = write_image ("red.png", "png", 64, 48, 0xff0000ff);
  g_autofree char *wide = write_image ("wide.jpg", "jpeg", 600, 300, 0x2060c0ff);
  g_autofree char *fake = write_bytes ("notes.png", "just some text, not an image\n", 29);
  g_autofree char *damaged = write_bytes ("damaged.png", "\x89PNG\r\n\x1a\nnot png chunks", 22);
  g_autofree char *big = write_sparse_png ("huge.png", 60 * 1000 * 1000);
  g_autofree char *bomb = write_bomb_png ("bomb.png");
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.png", NULL);
  g_autofree char *red_uri = g_filename_to_uri (red, NULL, NULL);
  g_autoptr(GdkTexture) texture = make_texture ();
  g_autoptr(GdkTexture) decoded = NULL;
  GdkPaintable *preview;
  Tray t;

  tray_open (&t, 360);

  /* A file list: both files, in order, with previews decoded to cover
   * the tile (short side 144 px, never enlarged). */
  g_assert_true (drop_files (&t, red, wide, NULL));
  assert_kinds (&t, "FF");
  g_assert_cmpuint (t.n_changed, ==, 1);
  g_assert_cmpuint (t.n_count_notifies, ==, 1);
  tray_settle (&t);
  g_assert_cmpstr (easel_reference_get_location (reference_at (&t, 0)), ==, red);
  g_assert_cmpstr (easel_reference_get_location (reference_at (&t, 1)), ==, wide);
  preview = preview_at (&t, 0);
  g_assert_nonnull (preview);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (preview), ==, 64);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (preview), ==, 48);
  preview = preview_at (&t, 1);
  g_assert_nonnull (preview);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (preview), ==, 288);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (preview), ==, 144);
  /* The bytes are not kept: the job reads the file when it sends. */
  g_assert_null (easel_reference_get_bytes (reference_at (&t, 0)));
  g_assert_cmpuint (t.refused->len, ==, 0);

  /* A text file named .png: shown, found out, removed, and said. */
  g_assert_true (drop_file (&t, fake));
  assert_kinds (&t, "FFF");
  tray_settle (&t);
  assert_kinds (&t, "FF");
  g_assert_cmpuint (t.refused->len, ==, 1);
  assert_contains (last_refused (&t), "“notes.png”");
  assert_contains (last_refused (&t), "not a PNG, JPEG or WebP image");
  g_assert_cmpuint (t.n_changed, ==, 3);
  g_assert_cmpuint (t.n_count_notifies, ==, 3);

  /* Over 50 MB: refused from its size, without reading 60 MB. */
  g_assert_true (drop_file (&t, big));
  tray_settle (&t);
  assert_kinds (&t, "FF");
  assert_contains (last_refused (&t), "“huge.png” is 60.0 MB");
  assert_contains (last_refused (&t), "50 MB");

  /* A PNG signature followed by nonsense. */
  g_assert_true (drop_file (&t, damaged));
  tray_settle (&t);
  assert_kinds (&t, "FF");
  assert_contains (last_refused (&t), "“damaged.png” is damaged");

  /* A file that is not there. */
  g_assert_true (drop_file (&t, missing));
  tray_settle (&t);
  assert_kinds (&t, "FF");
  assert_contains (last_refused (&t), "“missing.png” cannot be read");
  g_assert_cmpuint (t.refused->len, ==, 4);

  /* A header past the pixel caps: kept, without a preview. */
  g_assert_true (drop_file (&t, bomb));
  tray_settle (&t);
  assert_kinds (&t, "FFF");
  g_assert_null (preview_at (&t, 2));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (thumbnail_child (&t, 2, "stack"))),
                   ==, "none");
  g_assert_cmpuint (t.refused->len, ==, 4);
  easel_reference_tray_remove (t.tray, 2);

  /* A texture becomes PNG bytes with the same pixels. */
  g_assert_true (drop_value (&t, GDK_TYPE_TEXTURE, texture));
  tray_settle (&t);
  assert_kinds (&t, "FFB");
  g_assert_cmpstr (easel_reference_get_filename (reference_at (&t, 2)), ==, "dropped-image.png");
  decoded = decode_reference (reference_at (&t, 2));
  assert_same_pixels (texture, decoded);

  /* Text: an https link is taken as a link, never fetched. */
  g_assert_true (drop_value (&t, G_TYPE_STRING, "https://images.example.com/cat.png\n"));
  assert_kinds (&t, "FFBU");
  g_assert_cmpstr (easel_reference_get_location (reference_at (&t, 3)), ==,
                   "https://images.example.com/cat.png");
  g_assert_cmpuint (easel_reference_tray_get_n_pending (t.tray), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (thumbnail_child (&t, 3, "stack"))),
                   ==, "link");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (easel_reference_tray_get_thumbnail (
                     t.tray, 3))), ==, "images.example.com");

  /* http:// is refused with the rule. */
  g_assert_false (drop_value (&t, G_TYPE_STRING, "http://images.example.com/dog.png"));
  assert_kinds (&t, "FFBU");
  assert_contains (last_refused (&t), "http://");
  assert_contains (last_refused (&t), "https://");

  /* A data: URL is checked and previewed like a file. */
  {
    g_autofree char *contents = NULL;
    g_autofree char *base64 = NULL;
    g_autofree char *data_url = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (red, &contents, &length, NULL));
    base64 = g_base64_encode ((const guchar *) contents, length);
    data_url = g_strconcat ("data:image/png;base64,", base64, NULL);
    g_assert_true (drop_value (&t, G_TYPE_STRING, data_url));
    tray_settle (&t);
    assert_kinds (&t, "FFBUD");
    preview = preview_at (&t, 4);
    g_assert_nonnull (preview);
    g_assert_cmpint (gdk_paintable_get_intrinsic_width (preview), ==, 64);
    easel_reference_tray_remove (t.tray, 4);
  }

  /* A file:// URI in text is a file. */
  g_assert_true (drop_value (&t, G_TYPE_STRING, red_uri));
  assert_kinds (&t, "FFBUF");
  g_assert_cmpstr (easel_reference_get_location (reference_at (&t, 4)), ==, red);

  /* Text with no link at all. */
  g_assert_false (drop_value (&t, G_TYPE_STRING, "a lighthouse at dusk"));
  assert_contains (last_refused (&t), "no image link");

  tray_settle (&t);
  assert_kinds (&t, "FFBUF");
  g_assert_cmpuint (t.refused->len, ==, 6);

  tray_close (&t);
}

static gboolean
count_reaches (gpointer data)
{
  Tray *t = data;

  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (t->tray), "expected")) ==
         easel_reference_tray_get_n_references (t->tray) &&
         easel_reference_tray_get_n_pending (t->tray) == 0;
}

static void
paste_and_wait (Tray  *t,
                guint  expected)
{
  g_object_set_data (G_OBJECT (t->tray), "expected", GUINT_TO_POINTER (expected));
  easel_reference_tray_paste (t->tray, gtk_widget_get_clipboard (GTK_WIDGET (t->tray)));
  easel_test_wait_until (count_reaches, t, "the pasted references");
}

static void
test_paste (void)
{
  g_autofree char *red = write_image ("red.png", "png", 64, 48, 0xff0000ff);
  g_autofree char *green = write_image ("green.jpg", "jpeg", 32, 32, 0x00ff00ff);
  g_autoptr(GdkTexture) texture = make_texture ();
  g_autoptr(GdkTexture) decoded = NULL;
  GdkClipboard *clipboard;
  Tray t;

  tray_open (&t, 360);
  clipboard = gdk_display_get_clipboard (gtk_widget_get_display (GTK_WIDGET (t.tray)));
  g_assert_true (clipboard == gtk_widget_get_clipboard (GTK_WIDGET (t.tray)));

  /* Nothing on the clipboard. */
  gdk_clipboard_set_content (clipboard, NULL);
  g_assert_false (easel_reference_tray_can_paste (clipboard));
  easel_reference_tray_paste (t.tray, clipboard);
  g_assert_cmpuint (t.refused->len, ==, 1);
  g_assert_cmpstr (last_refused (&t), ==, "The clipboard holds no image or image link.");

  /* An image: PNG bytes with the same pixels. */
  gdk_clipboard_set_texture (clipboard, texture);
  g_assert_true (easel_reference_tray_can_paste (clipboard));
  paste_and_wait (&t, 1);
  assert_kinds (&t, "B");
  g_assert_cmpstr (easel_reference_get_filename (reference_at (&t, 0)), ==, "pasted-image.png");
  decoded = decode_reference (reference_at (&t, 0));
  assert_same_pixels (texture, decoded);

  /* Files, through the tray.paste action as the menu and Ctrl+V use it. */
  {
    g_autoptr(GFile) a = g_file_new_for_path (red);
    g_autoptr(GFile) b = g_file_new_for_path (green);
    GSList files = { a, &(GSList) { b, NULL } };
    GdkFileList *list = gdk_file_list_new_from_list (&files);

    gdk_clipboard_set (clipboard, GDK_TYPE_FILE_LIST, list);
    g_boxed_free (GDK_TYPE_FILE_LIST, list);
  }
  g_assert_true (easel_reference_tray_can_paste (clipboard));
  g_object_set_data (G_OBJECT (t.tray), "expected", GUINT_TO_POINTER (3));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.tray), "tray.paste", NULL));
  easel_test_wait_until (count_reaches, &t, "the pasted files");
  assert_kinds (&t, "BFF");
  g_assert_cmpstr (easel_reference_get_location (reference_at (&t, 1)), ==, red);
  g_assert_cmpstr (easel_reference_get_location (reference_at (&t, 2)), ==, green);

  /* Links, one per line. */
  gdk_clipboard_set_text (clipboard, "https://a.example/one.png\r\nhttps://b.example/two.webp\n");
  g_assert_true (easel_reference_tray_can_paste (clipboard));
  paste_and_wait (&t, 5);
  assert_kinds (&t, "BFFUU");
  g_assert_cmpstr (easel_reference_get_location (reference_at (&t, 4)), ==,
                   "https://b.example/two.webp");

  /* Text without a link. */
  gdk_clipboard_set_text (clipboard, "a lighthouse at dusk");
  paste_and_wait (&t, 5);
  g_assert_cmpuint (t.refused->len, ==, 2);
  g_assert_cmpstr (last_refused (&t), ==, "The clipboard holds no image or image link.");

  tray_settle (&t);
  g_assert_cmpuint (t.refused->len, ==, 2);
  gdk_clipboard_set_content (clipboard, NULL);
  tray_close (&t);
}

/* A gateway of @dialect that takes @max_references. */
static EaselProfile *
profile_with_max (EaselDialectKind dialect,
                  guint            max_references)
{
  EaselProfile *profile = easel_profile_new ("small", dialect, "https://gateway.example/v1");
  EaselProfileLimits limits = *easel_profile_get_limits (profile);

  limits.max_references = max_references;
  easel_profile_set_limits (profile, &limits);
  return profile;
}

static void
test_limit (void)
{
  g_autofree char *a = write_image ("a.png", "png", 16, 16, 0xff0000ff);
  g_autofree char *b = write_image ("b.png", "png", 16, 16, 0x00ff00ff);
  g_autofree char *c = write_image ("c.png", "png", 16, 16, 0x0000ffff);
  g_autofree char *d = write_image ("d.png", "png", 16, 16, 0x000000ff);
  g_autoptr(EaselProfile) profile = profile_with_max (EASEL_DIALECT_OPENAI, 2);
  g_autoptr(EaselReference) extra = easel_reference_new_for_path (d);
  g_autoptr(GError) error = NULL;
  GtkWidget *count;
  guint max;
  Tray t;

  tray_open (&t, 360);
  count = tray_child (&t, "count_label");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count)), ==, "0 of 16");

  easel_reference_tray_set_profile (t.tray, profile);
  g_object_get (t.tray, "max-references", &max, NULL);
  g_assert_cmpuint (max, ==, 2);
  g_assert_cmpuint (t.n_max_notifies, ==, 1);
  g_assert_true (easel_reference_tray_get_profile (t.tray) == profile);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count)), ==, "0 of 2");

  /* Three dropped on a limit of 2: the third is refused, and one toast
   * says it for the fourth too. */
  g_assert_true (drop_files (&t, a, b, c, d, NULL));
  assert_kinds (&t, "FF");
  g_assert_cmpuint (t.refused->len, ==, 1);
  g_assert_cmpstr (last_refused (&t), ==,
                   "“c.png” was not added. This gateway takes at most 2 reference images. "
                   "1 more item was not added either.");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count)), ==, "2 of 2");
  g_assert_false (gtk_widget_has_css_class (count, "error"));

  /* Through the API, the refusal is the error. */
  g_assert_false (easel_reference_tray_add (t.tray, extra, FALSE, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  assert_contains (error->message, "at most 2 reference images");
  assert_kinds (&t, "FF");

  /* A gateway that takes fewer: nothing is dropped, the count is red and
   * the tile past the limit is marked with why. */
  {
    EaselProfileLimits limits = *easel_profile_get_limits (profile);

    limits.max_references = 1;
    easel_profile_set_limits (profile, &limits);
  }
  assert_kinds (&t, "FF");
  g_assert_cmpuint (t.n_max_notifies, ==, 2);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count)), ==, "2 of 1");
  g_assert_true (gtk_widget_has_css_class (count, "error"));
  g_assert_null (easel_reference_thumbnail_get_problem (
                   easel_reference_tray_get_thumbnail (t.tray, 0)));
  assert_contains (easel_reference_thumbnail_get_problem (
                     easel_reference_tray_get_thumbnail (t.tray, 1)),
                   "at most 1 reference image.");

  /* Removing one clears it all. */
  easel_reference_tray_remove (t.tray, 1);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count)), ==, "1 of 1");
  g_assert_false (gtk_widget_has_css_class (count, "error"));
  g_assert_null (easel_reference_thumbnail_get_problem (
                   easel_reference_tray_get_thumbnail (t.tray, 0)));

  /* No profile: the overall cap of 16. */
  easel_reference_tray_set_profile (t.tray, NULL);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count)), ==, "1 of 16");
  tray_close (&t);
}

static GtkWidget *
find_labelled (GtkWidget  *widget,
               const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (c) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (c)), text) == 0)
        return c;
      if ((found = find_labelled (c, text)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
model_item_sensitive (GtkWidget  *menu,
                      const char *text)
{
  GtkWidget *label = find_labelled (menu, text);
  GtkWidget *item;

  g_assert_nonnull (label);
  item = gtk_widget_get_ancestor (label, g_type_from_name ("GtkModelButton"));
  g_assert_nonnull (item);
  return gtk_widget_is_sensitive (item);
}

/* Whether the Add menu's item labelled @text can be chosen, as the menu
 * shows it. */
static gboolean
menu_item_sensitive (Tray       *t,
                     const char *text)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (tray_child (t, "add_button"));
  GtkWidget *popover;
  gboolean sensitive;

  gtk_menu_button_popup (button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  easel_test_wait_for_frame (popover);
  sensitive = model_item_sensitive (popover, text);
  gtk_menu_button_popdown (button);

  return sensitive;
}

static void
test_url_only (void)
{
  g_autofree char *photo = write_image ("photo.png", "png", 16, 16, 0xff0000ff);
  g_autoptr(EaselProfile) openai = easel_profile_new_from_preset ("openai", "openai-test");
  g_autoptr(EaselProfile) aizfw = NULL;
  g_autoptr(EaselReference) file = easel_reference_new_for_path (photo);
  g_autoptr(EaselReference) data_url = NULL;
  g_autoptr(EaselReference) link = NULL;
  g_autoptr(GdkTexture) texture = make_texture ();
  g_autoptr(GError) error = NULL;
  const char *reason = "This gateway takes image links (https://) only; upload the image "
                       "somewhere and paste its link.";
  Tray t;

  g_assert_true (g_strv_contains ((const char * const *) easel_profile_preset_ids (), "aizfw"));
  aizfw = easel_profile_new_from_preset ("aizfw", "aizfw-test");
  g_assert_cmpuint (easel_profile_get_limits (aizfw)->reference_forms, ==,
                    EASEL_REFERENCE_FORM_URLS);

  tray_open (&t, 360);
  easel_reference_tray_set_profile (t.tray, aizfw);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (tray_child (&t, "count_label"))), ==, "0 of 6");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (tray_child (&t, "drop_zone_label"))), ==,
                   "Paste or drop image links (https://)");

  /* A local file, by the API and by a drop. */
  g_assert_false (easel_reference_tray_add (t.tray, file, FALSE, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (error->message, ==,
                   "“photo.png” was not added. This gateway takes image links (https://) only; "
                   "upload the image somewhere and paste its link.");
  g_clear_error (&error);
  g_assert_false (drop_file (&t, photo));
  assert_contains (last_refused (&t), "“photo.png”");
  assert_contains (last_refused (&t), reason);

  /* A data: URL is not a link either: aizfw sends image_urls only. */
  data_url = easel_reference_new_for_url ("data:image/png;base64,iVBORw0KGgo=", &error);
  g_assert_no_error (error);
  g_assert_false (easel_reference_tray_add (t.tray, data_url, FALSE, &error));
  assert_contains (error->message, reason);
  g_clear_error (&error);

  /* A pasted or dropped image, once encoded. */
  g_assert_true (drop_value (&t, GDK_TYPE_TEXTURE, texture));
  tray_settle (&t);
  assert_contains (last_refused (&t), "“dropped-image.png”");
  assert_contains (last_refused (&t), reason);
  assert_kinds (&t, "");

  /* Files cannot be chosen at all: the menu item is off, and the action
   * opens nothing. */
  g_assert_false (menu_item_sensitive (&t, "Add Images…"));
  g_assert_true (menu_item_sensitive (&t, "Paste Image or Link"));
  gtk_widget_activate_action (GTK_WIDGET (t.tray), "tray.add-files", NULL);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (easel_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG));

  /* An https link is what it takes. */
  link = easel_reference_new_for_url ("https://cdn.example.com/ref.jpg", &error);
  g_assert_no_error (error);
  g_assert_true (easel_reference_tray_add (t.tray, link, FALSE, &error));
  g_assert_no_error (error);
  assert_kinds (&t, "U");
  g_assert_null (easel_reference_thumbnail_get_problem (
                   easel_reference_tray_get_thumbnail (t.tray, 0)));

  /* Switching from a gateway that took a file keeps it, marked. */
  easel_reference_tray_set_profile (t.tray, openai);
  g_assert_true (easel_reference_tray_add (t.tray, file, TRUE, &error));
  assert_kinds (&t, "FU");
  assert_contains (easel_reference_thumbnail_get_problem (
                     easel_reference_tray_get_thumbnail (t.tray, 1)),
                   "files, not links");
  easel_reference_tray_set_profile (t.tray, aizfw);
  assert_kinds (&t, "FU");
  g_assert_cmpstr (easel_reference_thumbnail_get_problem (
                     easel_reference_tray_get_thumbnail (t.tray, 0)), ==, reason);
  g_assert_null (easel_reference_thumbnail_get_problem (
                   easel_reference_tray_get_thumbnail (t.tray, 1)));
  g_assert_true (gtk_widget_has_css_class (
                   GTK_WIDGET (easel_reference_tray_get_thumbnail (t.tray, 0)), "error"));
  assert_contains (gtk_widget_get_tooltip_text (
                     GTK_WIDGET (easel_reference_tray_get_thumbnail (t.tray, 0))), reason);

  tray_close (&t);
}

static void
assert_locations (Tray       *t,
                  const char *expected)
{
  g_autoptr(GPtrArray) references = easel_reference_tray_get_references (t->tray);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < references->len; i++)
    {
      const char *location = easel_reference_get_location (g_ptr_array_index (references, i));

      g_string_append (names, strrchr (location, '/') + 1);
      g_string_append_c (names, ' ');
    }
  g_assert_cmpstr (g_strchomp (names->str), ==, expected);
}

static void
add_link (Tray       *t,
          const char *url)
{
  g_autoptr(EaselReference) reference = easel_reference_new_for_url (url, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (easel_reference_tray_add (t->tray, reference, FALSE, &error));
  g_assert_no_error (error);
}

/* Which action a class key binding of @widget runs, or NULL. */
static char *
action_for_key (GtkWidget  *widget,
                const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *text = gtk_shortcut_trigger_to_string (
                                    gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (g_str_equal (text, trigger) && GTK_IS_NAMED_ACTION (action))
            return g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
        }
    }

  return NULL;
}

static GtkDragSource *
drag_source_of (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DRAG_SOURCE (controller))
        return GTK_DRAG_SOURCE (controller);
    }

  return NULL;
}

static void
test_move_remove (void)
{
  g_autoptr(GPtrArray) replacement = g_ptr_array_new_with_free_func (
                                       (GDestroyNotify) easel_reference_unref);
  EaselReferenceThumbnail *tile;
  guint changed, notifies;
  Tray t;

  tray_open (&t, 360);
  add_link (&t, "https://x.example/a.png");
  add_link (&t, "https://x.example/b.png");
  add_link (&t, "https://x.example/c.png");
  assert_locations (&t, "a.png b.png c.png");
  g_assert_cmpuint (t.n_changed, ==, 3);
  g_assert_cmpuint (t.n_count_notifies, ==, 3);

  /* Moving is a change, not a new count. */
  easel_reference_tray_move (t.tray, 0, 2);
  assert_locations (&t, "b.png c.png a.png");
  g_assert_cmpuint (t.n_changed, ==, 4);
  g_assert_cmpuint (t.n_count_notifies, ==, 3);
  easel_reference_tray_move (t.tray, 1, 1);
  g_assert_cmpuint (t.n_changed, ==, 4);

  /* The keys map to the tile's actions… */
  tile = easel_reference_tray_get_thumbnail (t.tray, 2);
  {
    g_autofree char *left = action_for_key (GTK_WIDGET (tile), "<Alt>Left");
    g_autofree char *right = action_for_key (GTK_WIDGET (tile), "<Alt>Right");
    g_autofree char *delete = action_for_key (GTK_WIDGET (tile), "Delete");
    g_autofree char *paste = action_for_key (GTK_WIDGET (t.tray), "<Control>v");

    g_assert_cmpstr (left, ==, "reference.move-left");
    g_assert_cmpstr (right, ==, "reference.move-right");
    g_assert_cmpstr (delete, ==, "reference.remove");
    g_assert_cmpstr (paste, ==, "tray.paste");
  }

  /* …which move the focused tile, and focus stays with it. */
  gtk_widget_grab_focus (GTK_WIDGET (tile));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (tile)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tile), "reference.move-left", NULL));
  assert_locations (&t, "b.png a.png c.png");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (tile)));
  g_assert_cmpuint (easel_reference_thumbnail_get_position (tile), ==, 1);
  g_assert_cmpstr (easel_reference_thumbnail_get_label (tile), ==,
                   "Reference 2: image link on x.example");

  /* At the ends the moves are off. */
  tile = easel_reference_tray_get_thumbnail (t.tray, 0);
  changed = t.n_changed;
  gtk_widget_activate_action (GTK_WIDGET (tile), "reference.move-left", NULL);
  assert_locations (&t, "b.png a.png c.png");
  g_assert_cmpuint (t.n_changed, ==, changed);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tile), "reference.move-right", NULL));
  assert_locations (&t, "a.png b.png c.png");

  /* Right to left, the row runs the other way: left is later. (A widget's
   * direction is its own or the default, not its parent's.) */
  tile = easel_reference_tray_get_thumbnail (t.tray, 0);
  gtk_widget_set_direction (GTK_WIDGET (tile), GTK_TEXT_DIR_RTL);
  gtk_widget_activate_action (GTK_WIDGET (tile), "reference.move-right", NULL);
  assert_locations (&t, "a.png b.png c.png");
  gtk_widget_activate_action (GTK_WIDGET (tile), "reference.move-left", NULL);
  assert_locations (&t, "b.png a.png c.png");
  gtk_widget_activate_action (GTK_WIDGET (tile), "reference.move-right", NULL);
  assert_locations (&t, "a.png b.png c.png");
  gtk_widget_set_direction (GTK_WIDGET (tile), GTK_TEXT_DIR_NONE);

  /* The context menu offers what can be done where the tile is. */
  tile = easel_reference_tray_get_thumbnail (t.tray, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tile), "reference.menu", NULL));
  {
    GtkWidget *menu = NULL;

    for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (tile)); c;
         c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_POPOVER_MENU (c))
        menu = c;
    g_assert_nonnull (menu);
    easel_test_wait_for_frame (menu);
    g_assert_false (model_item_sensitive (menu, "Move Left"));
    g_assert_true (model_item_sensitive (menu, "Move Right"));
    g_assert_true (model_item_sensitive (menu, "Remove"));
    gtk_popover_popdown (GTK_POPOVER (menu));
  }

  /* Dragging a tile past the last one puts it at the end. */
  tile = easel_reference_tray_get_thumbnail (t.tray, 0);
  easel_test_wait_for_frame (GTK_WIDGET (tile));
  {
    GtkDragSource *source = drag_source_of (GTK_WIDGET (tile));
    g_autoptr(GdkContentProvider) content = NULL;
    g_auto(GValue) value = G_VALUE_INIT;
    g_autoptr(GError) error = NULL;
    GtkWidget *last = GTK_WIDGET (easel_reference_tray_get_thumbnail (t.tray, 2));
    graphene_point_t end;

    g_assert_nonnull (source);
    g_signal_emit_by_name (source, "prepare", 10.0, 10.0, &content);
    g_assert_nonnull (content);
    g_value_init (&value, EASEL_TYPE_REFERENCE_THUMBNAIL);
    g_assert_true (gdk_content_provider_get_value (content, &value, &error));
    g_assert_no_error (error);
    g_assert_true (g_value_get_object (&value) == tile);

    g_assert_true (gtk_widget_compute_point (last, GTK_WIDGET (t.tray),
                                             &GRAPHENE_POINT_INIT (gtk_widget_get_width (last) - 4,
                                                                   10), &end));
    g_assert_true (easel_reference_tray_drop_at (t.tray, &value, end.x, end.y));
    assert_locations (&t, "b.png c.png a.png");

    /* And dropped before the first, at the start. */
    g_assert_true (easel_reference_tray_drop_at (t.tray, &value, 0, 10));
    assert_locations (&t, "a.png b.png c.png");
  }

  /* Delete removes the focused tile and focus moves to its neighbour. */
  tile = easel_reference_tray_get_thumbnail (t.tray, 1);
  gtk_widget_grab_focus (GTK_WIDGET (tile));
  notifies = t.n_count_notifies;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tile), "reference.remove", NULL));
  assert_locations (&t, "a.png c.png");
  g_assert_cmpuint (t.n_count_notifies, ==, notifies + 1);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (easel_reference_tray_get_thumbnail (t.tray,
                                                                                       1))));

  /* The tile's own × button, and Remove in its menu. */
  add_link (&t, "https://x.example/d.png");
  add_link (&t, "https://x.example/e.png");
  assert_locations (&t, "a.png c.png d.png e.png");
  g_signal_emit_by_name (thumbnail_child (&t, 2, "remove_button"), "clicked");
  assert_locations (&t, "a.png c.png e.png");
  tile = easel_reference_tray_get_thumbnail (t.tray, 2);
  easel_reference_thumbnail_popup_menu (tile, 10, 10);
  {
    GtkWidget *menu = NULL;
    GtkWidget *item;

    for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (tile)); c;
         c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_POPOVER_MENU (c))
        menu = c;
    g_assert_nonnull (menu);
    easel_test_wait_for_frame (menu);
    item = gtk_widget_get_ancestor (find_labelled (menu, "Remove"),
                                    g_type_from_name ("GtkModelButton"));
    /* Removing the tile from its own menu frees the menu with it. */
    g_object_add_weak_pointer (G_OBJECT (menu), (gpointer *) &menu);
    g_signal_emit_by_name (item, "clicked");
    g_assert_null (menu);
  }
  assert_locations (&t, "a.png c.png");
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  /* Edit This Image puts its reference first. */
  {
    g_autoptr(EaselReference) first = easel_reference_new_for_url ("https://x.example/z.png",
                                                                   NULL);

    g_assert_true (easel_reference_tray_add (t.tray, first, TRUE, NULL));
    assert_locations (&t, "z.png a.png c.png");
  }

  easel_reference_tray_remove (t.tray, 0);
  assert_locations (&t, "a.png c.png");

  /* Reuse Parameters replaces everything, over the limit or not. */
  g_ptr_array_add (replacement, easel_reference_new_for_url ("https://y.example/p.png", NULL));
  g_ptr_array_add (replacement, easel_reference_new_for_url ("https://y.example/q.png", NULL));
  changed = t.n_changed;
  easel_reference_tray_set_references (t.tray, replacement);
  assert_locations (&t, "p.png q.png");
  g_assert_cmpuint (t.n_changed, ==, changed + 1);
  g_assert_true (reference_at (&t, 0) == g_ptr_array_index (replacement, 0));

  /* A pasted image that history did not keep comes back empty: it is
   * removed again, with why. */
  {
    g_autoptr(GBytes) nothing = g_bytes_new (NULL, 0);

    g_ptr_array_add (replacement, easel_reference_new_for_bytes (nothing, "image/png",
                                                                 "pasted-image.png"));
    easel_reference_tray_set_references (t.tray, replacement);
    assert_kinds (&t, "UUB");
    tray_settle (&t);
    assert_kinds (&t, "UU");
    g_assert_cmpstr (last_refused (&t), ==,
                     "“pasted-image.png” was pasted earlier and not kept; paste it again.");
  }

  notifies = t.n_count_notifies;
  easel_reference_tray_clear (t.tray);
  assert_kinds (&t, "");
  g_assert_cmpuint (t.n_count_notifies, ==, notifies + 1);
  easel_reference_tray_clear (t.tray);
  g_assert_cmpuint (t.n_count_notifies, ==, notifies + 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (tray_child (&t, "stack"))), ==,
                   "empty");

  tray_close (&t);
}

static void
test_mask_and_labels (void)
{
  g_autofree char *photo = write_image ("photo.png", "png", 16, 16, 0xff0000ff);
  GtkWidget *mask;
  Tray t;

  tray_open (&t, 360);
  g_assert_true (drop_file (&t, photo));
  add_link (&t, "https://images.example.com/cat.png");
  tray_settle (&t);

  g_assert_cmpstr (easel_reference_thumbnail_get_label (
                     easel_reference_tray_get_thumbnail (t.tray, 0)), ==,
                   "Reference 1: photo.png");
  g_assert_cmpstr (easel_reference_thumbnail_get_label (
                     easel_reference_tray_get_thumbnail (t.tray, 1)), ==,
                   "Reference 2: image link on images.example.com");
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (easel_reference_tray_get_thumbnail (
                                                         t.tray, 0))));

  /* The mask belongs to the first reference; with no gateway chosen
   * nothing stops painting one. */
  mask = easel_reference_thumbnail_get_mask_button (easel_reference_tray_get_thumbnail (t.tray, 0));
  g_assert_true (gtk_widget_get_visible (mask));
  g_assert_true (gtk_widget_get_mapped (mask));
  g_assert_true (gtk_widget_get_sensitive (mask));
  g_assert_null (easel_reference_tray_get_mask_problem (t.tray));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (mask)), ==, "Mask");
  g_assert_false (gtk_widget_get_visible (easel_reference_thumbnail_get_mask_button (
                                            easel_reference_tray_get_thumbnail (t.tray, 1))));

  /* It follows the first place; on a link no mask can be painted. */
  easel_reference_tray_move (t.tray, 1, 0);
  g_assert_false (gtk_widget_get_visible (mask));
  mask = easel_reference_thumbnail_get_mask_button (easel_reference_tray_get_thumbnail (t.tray, 0));
  g_assert_true (gtk_widget_get_visible (mask));
  g_assert_false (gtk_widget_get_sensitive (mask));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (mask), ==,
                   "A mask needs a local image as the first reference; this one is a link");
  g_assert_cmpstr (easel_reference_thumbnail_get_label (
                     easel_reference_tray_get_thumbnail (t.tray, 1)), ==,
                   "Reference 2: photo.png");
  easel_reference_tray_move (t.tray, 1, 0);

  tray_close (&t);
}

static void
on_mask_action (EaselReferenceTray *tray,
                const char         *name,
                GString            *log)
{
  g_string_append_printf (log, "%s;", name);
}

static void
on_mask_drop (EaselReferenceTray *tray,
              const GValue       *value,
              GString            *log)
{
  g_string_append_printf (log, "drop %s;", G_VALUE_TYPE_NAME (value));
}

/* Sensitivity and tooltip of the Mask button per gateway, the badge, and
 * the actions and drops the tray hands on. */
static void
test_mask_button (void)
{
  g_autofree char *photo = write_image ("photo.png", "png", 16, 16, 0xff0000ff);
  g_autofree char *other = write_image ("other.png", "png", 16, 16, 0x00ff00ff);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GdkTexture) overlay = NULL;
  EaselReferenceThumbnail *first;
  GtkWidget *mask;
  Tray t;
  struct {
    const char *preset;
    gboolean    takes_mask;
  } presets[] = {
    { "openai", TRUE }, { "yycode", TRUE }, { "icodeeasy", FALSE }, { "aizfw", FALSE },
  };

  tray_open (&t, 360);
  g_signal_connect (t.tray, "mask-action", G_CALLBACK (on_mask_action), log);
  g_signal_connect (t.tray, "mask-drop", G_CALLBACK (on_mask_drop), log);

  /* With nothing to paint on, Paste as Mask in the Add menu says why. */
  g_assert_cmpstr (easel_reference_tray_get_mask_problem (t.tray), ==,
                   "Add the image to edit first: a mask applies to the first reference");
  gtk_widget_activate_action (GTK_WIDGET (t.tray), "tray.paste-mask", NULL);
  g_assert_cmpstr (log->str, ==, "");

  g_assert_true (drop_file (&t, photo));
  g_assert_true (drop_file (&t, other));
  tray_settle (&t);
  first = easel_reference_tray_get_thumbnail (t.tray, 0);
  mask = easel_reference_thumbnail_get_mask_button (first);

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_autoptr(EaselProfile) profile = easel_profile_new_from_preset (presets[i].preset, "p");

      easel_reference_tray_set_profile (t.tray, profile);
      if (!presets[i].takes_mask && gtk_widget_get_sensitive (mask))
        g_error ("%s: the Mask button is sensitive", presets[i].preset);
      g_assert_cmpint (gtk_widget_get_sensitive (mask), ==, presets[i].takes_mask);
      if (presets[i].takes_mask)
        {
          g_assert_null (easel_reference_tray_get_mask_problem (t.tray));
          assert_contains (gtk_widget_get_tooltip_text (mask), "Paint a mask");
        }
      else
        {
          g_assert_cmpstr (gtk_widget_get_tooltip_text (mask), ==,
                           "This gateway does not take a mask");
          g_assert_cmpstr (easel_reference_tray_get_mask_problem (t.tray), ==,
                           "This gateway does not take a mask");
        }
      easel_reference_tray_set_profile (t.tray, NULL);
    }

  /* The button, Paste as Mask (tile menu and Add menu) become
   * "mask-action"; Remove Mask only once a mask is set. */
  gtk_widget_activate_action (GTK_WIDGET (first), "reference.edit-mask", NULL);
  gtk_widget_activate_action (GTK_WIDGET (first), "reference.paste-mask", NULL);
  gtk_widget_activate_action (GTK_WIDGET (first), "reference.remove-mask", NULL);
  gtk_widget_activate_action (GTK_WIDGET (t.tray), "tray.paste-mask", NULL);
  g_assert_cmpstr (log->str, ==, "edit;paste;paste;");
  /* The second tile has no mask to act on. */
  gtk_widget_activate_action (GTK_WIDGET (easel_reference_tray_get_thumbnail (t.tray, 1)),
                              "reference.edit-mask", NULL);
  g_assert_cmpstr (log->str, ==, "edit;paste;paste;");

  /* The badge: "Edit Mask", the tint over the preview, "Mask set". */
  {
    guint8 pixels[4 * 4] = { 0 };
    g_autoptr(GBytes) bytes = g_bytes_new (pixels, sizeof pixels);

    overlay = gdk_memory_texture_new (2, 2, GDK_MEMORY_R8G8B8A8_PREMULTIPLIED, bytes, 8);
  }
  g_assert_false (easel_reference_thumbnail_get_has_mask (first));
  g_assert_false (gtk_widget_get_visible (easel_reference_thumbnail_get_mask_picture (first)));
  easel_reference_tray_set_mask (t.tray, TRUE, overlay);
  g_assert_true (easel_reference_thumbnail_get_has_mask (first));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (mask)), ==, "Edit Mask");
  g_assert_true (gtk_widget_has_css_class (mask, "mask-set"));
  g_assert_true (gtk_widget_get_visible (easel_reference_thumbnail_get_mask_picture (first)));
  g_assert_true (gtk_picture_get_paintable (GTK_PICTURE (
                   easel_reference_thumbnail_get_mask_picture (first))) == GDK_PAINTABLE (overlay));
  gtk_widget_activate_action (GTK_WIDGET (first), "reference.remove-mask", NULL);
  g_assert_cmpstr (log->str, ==, "edit;paste;paste;remove;");

  /* An image dropped on the Mask button is handed on, only from the
   * first tile. */
  {
    g_auto(GValue) value = G_VALUE_INIT;
    g_autoptr(EaselProfile) icodeeasy = easel_profile_new_from_preset ("icodeeasy", "p");

    g_value_init (&value, GDK_TYPE_TEXTURE);
    g_value_set_object (&value, overlay);
    g_assert_true (easel_reference_thumbnail_drop_mask_value (first, &value));
    g_assert_false (easel_reference_thumbnail_drop_mask_value (
                      easel_reference_tray_get_thumbnail (t.tray, 1), &value));
    g_assert_cmpstr (log->str, ==, "edit;paste;paste;remove;drop GdkTexture;");

    /* Where no mask can be painted, the slot takes nothing. */
    easel_reference_tray_set_profile (t.tray, icodeeasy);
    g_assert_false (easel_reference_thumbnail_drop_mask_value (first, &value));
    easel_reference_tray_set_profile (t.tray, NULL);
  }
  g_assert_cmpstr (log->str, ==, "edit;paste;paste;remove;drop GdkTexture;");

  /* Moved away, the tile loses the badge, the new first gets it (the
   * panel decides what happens to the mask). */
  easel_reference_tray_move (t.tray, 0, 1);
  g_assert_false (easel_reference_thumbnail_get_has_mask (first));
  g_assert_false (gtk_widget_get_visible (mask));
  g_assert_true (easel_reference_thumbnail_get_has_mask (
                   easel_reference_tray_get_thumbnail (t.tray, 0)));
  easel_reference_tray_set_mask (t.tray, FALSE, NULL);
  g_assert_false (easel_reference_thumbnail_get_has_mask (
                    easel_reference_tray_get_thumbnail (t.tray, 0)));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (easel_reference_thumbnail_get_mask_button (
                     easel_reference_tray_get_thumbnail (t.tray, 0)))), ==, "Mask");

  /* Replace puts another image in the first place in one change. */
  {
    guint changed = t.n_changed;
    g_autoptr(EaselReference) link = easel_reference_new_for_url ("https://example.com/a.png",
                                                                  NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(EaselProfile) aizfw = easel_profile_new_from_preset ("aizfw", "p");

    g_assert_true (easel_reference_tray_replace (t.tray, 0, link, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (t.n_changed, ==, changed + 1);
    assert_kinds (&t, "UF");

    /* A gateway that takes links only refuses a file, and nothing moves. */
    easel_reference_tray_set_profile (t.tray, aizfw);
    {
      g_autoptr(EaselReference) file = easel_reference_new_for_path (photo);

      g_assert_false (easel_reference_tray_replace (t.tray, 0, file, &error));
      g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
    }
    g_assert_cmpuint (t.n_changed, ==, changed + 1);
    assert_kinds (&t, "UF");
    easel_reference_tray_set_profile (t.tray, NULL);
  }

  tray_close (&t);
}

static gboolean
window_of_type_shown (gpointer data)
{
  return easel_test_find_window (GPOINTER_TO_SIZE (data)) != NULL;
}

static gboolean
chooser_has_selection (gpointer data)
{
  g_autoptr(GListModel) files = gtk_file_chooser_get_files (data);

  return g_list_model_get_n_items (files) > 0;
}

static void
test_file_chooser (void)
{
  g_autofree char *photo = write_image ("chosen.png", "png", 16, 16, 0xff0000ff);
  g_autoptr(GFile) file = g_file_new_for_path (photo);
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  Tray t;

#ifdef __SANITIZE_ADDRESS__
  /* GTK's own chooser, used without a portal, leaks inside GTK (its
   * recent files, libcloudproviders, folder enumerations); the leak
   * suppressions stay limited to fontconfig, libsoup and D-Bus, so this
   * one runs in the plain lane only. */
  g_test_skip ("GTK's fallback file chooser leaks inside GTK under LeakSanitizer");
  return;
#endif

  tray_open (&t, 360);

  /* Without a portal, the native chooser is GTK's own dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.tray), "tray.add-files", NULL));
  easel_test_wait_until (window_of_type_shown, GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG),
                         "the file chooser");
  dialog = easel_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_true (gtk_window_get_transient_for (dialog) == t.window);
  g_assert_true (gtk_file_chooser_get_select_multiple (GTK_FILE_CHOOSER (dialog)));
  {
    GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
    g_autoptr(GVariant) attributes = NULL;
    g_autofree char *text = NULL;

    g_assert_nonnull (filter);
    attributes = gtk_file_filter_to_gvariant (filter);
    text = g_variant_print (attributes, FALSE);
    assert_contains (text, "image/png");
    assert_contains (text, "image/jpeg");
    assert_contains (text, "image/webp");
  }

  /* Cancel adds nothing. */
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  assert_kinds (&t, "");
  g_assert_cmpuint (t.n_changed, ==, 0);

  /* A chosen file is added. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.tray), "tray.add-files", NULL));
  easel_test_wait_until (window_of_type_shown, GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG),
                         "the file chooser");
  dialog = easel_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), file, &error));
  g_assert_no_error (error);
  /* The chooser selects it once it has read the folder. */
  easel_test_wait_until (chooser_has_selection, dialog, "the file to be selected");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  tray_settle (&t);
  assert_kinds (&t, "F");
  g_assert_cmpstr (easel_reference_get_location (reference_at (&t, 0)), ==, photo);

  tray_close (&t);
}

static void
test_screenshots (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  AdwColorScheme scheme = adw_style_manager_get_color_scheme (style);
  g_autofree char *red = write_gradient ("sunset.png", "png", 400, 300, 0xf3a24fff, 0x8c2f5aff);
  g_autofree char *pale = write_gradient ("sketch.jpg", "jpeg", 300, 400, 0xfbf9f4ff,
                                          0xe6e0d2ff);
  g_autofree char *dark_image = write_gradient ("night.png", "png", 320, 320, 0x0d1526ff,
                                                0x3a5a8cff);
  /* icodeeasy takes files and links alike, so only the count is wrong. */
  g_autoptr(EaselProfile) six = profile_with_max (EASEL_DIALECT_ICODEEASY, 6);
  g_autofree char *light_path = NULL;
  g_autofree char *dark_path = NULL;
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;
  double light_mean, dark_mean;
  Tray t;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  tray_open (&t, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (t.window)), <=, 360 + 2 * 24);
  g_free (easel_test_save_screenshot (GTK_WIDGET (t.window), "reference-tray-empty"));

  /* While something is dragged over it. */
  gtk_widget_set_state_flags (GTK_WIDGET (t.tray), GTK_STATE_FLAG_DROP_ACTIVE, FALSE);
  easel_test_wait_for_frame (GTK_WIDGET (t.tray));
  g_free (easel_test_save_screenshot (GTK_WIDGET (t.window), "reference-tray-drop"));
  gtk_widget_unset_state_flags (GTK_WIDGET (t.tray), GTK_STATE_FLAG_DROP_ACTIVE);

  g_assert_true (drop_files (&t, red, pale, dark_image, NULL));
  add_link (&t, "https://images.example.com/reference/cat.png");
  tray_settle (&t);
  /* The second tile has keyboard focus, to see the focus ring. */
  gtk_widget_grab_focus (GTK_WIDGET (easel_reference_tray_get_thumbnail (t.tray, 1)));
  gtk_window_set_focus_visible (t.window, TRUE);
  easel_test_wait_for_frame (GTK_WIDGET (t.tray));
  light_path = easel_test_save_screenshot (GTK_WIDGET (t.window), "reference-tray-three");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  easel_test_wait_for_frame (GTK_WIDGET (t.tray));
  dark_path = easel_test_save_screenshot (GTK_WIDGET (t.window), "reference-tray-three-dark");

  gtk_widget_set_state_flags (GTK_WIDGET (t.tray), GTK_STATE_FLAG_DROP_ACTIVE, FALSE);
  easel_test_wait_for_frame (GTK_WIDGET (t.tray));
  g_free (easel_test_save_screenshot (GTK_WIDGET (t.window), "reference-tray-drop-dark"));
  gtk_widget_unset_state_flags (GTK_WIDGET (t.tray), GTK_STATE_FLAG_DROP_ACTIVE);

  /* Seven on a gateway that takes six, scrolled to the end, where the
   * seventh is marked. */
  g_assert_true (drop_files (&t, red, pale, NULL));
  add_link (&t, "https://images.example.com/reference/dog.png");
  easel_reference_tray_set_profile (t.tray, six);
  tray_settle (&t);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (tray_child (&t, "count_label"))), ==,
                   "7 of 6");
  easel_test_wait_for_frame (GTK_WIDGET (t.tray));
  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (
                                  GTK_SCROLLED_WINDOW (tray_child (&t, "scroller")));

    g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >,
                       gtk_adjustment_get_page_size (adjustment));
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  }
  easel_test_wait_for_frame (GTK_WIDGET (t.tray));
  g_free (easel_test_save_screenshot (GTK_WIDGET (t.window), "reference-tray-seven-of-six-dark"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  easel_test_wait_for_frame (GTK_WIDGET (t.tray));
  g_free (easel_test_save_screenshot (GTK_WIDGET (t.window), "reference-tray-seven-of-six"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);

  easel_reference_tray_clear (t.tray);
  easel_test_wait_for_frame (GTK_WIDGET (t.tray));
  g_free (easel_test_save_screenshot (GTK_WIDGET (t.window), "reference-tray-empty-dark"));

  light = gdk_texture_new_from_filename (light_path, NULL);
  dark = gdk_texture_new_from_filename (dark_path, NULL);
  light_mean = easel_test_texture_luminance (light, NULL);
  dark_mean = easel_test_texture_luminance (dark, NULL);
  g_test_message ("luminance light %.1f, dark %.1f", light_mean, dark_mean);
  g_assert_cmpfloat (light_mean, >, dark_mean + 60);

  adw_style_manager_set_color_scheme (style, scheme);
  tray_close (&t);
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

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("easel-reference-tray-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/reference-tray/drop", test_drop);
  g_test_add_func ("/reference-tray/paste", test_paste);
  g_test_add_func ("/reference-tray/limit", test_limit);
  g_test_add_func ("/reference-tray/url-only", test_url_only);
  g_test_add_func ("/reference-tray/move-remove", test_move_remove);
  g_test_add_func ("/reference-tray/mask-and-labels", test_mask_and_labels);
  g_test_add_func ("/reference-tray/mask-button", test_mask_button);
  g_test_add_func ("/reference-tray/file-chooser", test_file_chooser);
  g_test_add_func ("/reference-tray/screenshots", test_screenshots);

  app = easel_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);

  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, app_argv), ==, 0);
  g_assert_finalize_object (app);

  easel_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return status;
}
