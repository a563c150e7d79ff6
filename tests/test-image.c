/* test-image.c: decoding results, the decompression-bomb caps, and atomic
 * writes that never lose or overwrite an image
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "easel-error.h"
#include "easel-image.h"

static GBytes *
make_png (int width,
          int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize length = 0;

  gdk_pixbuf_fill (pixbuf, 0x3584e4ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", &error, NULL));
  g_assert_no_error (error);

  return g_bytes_new_take (buffer, length);
}

static GBytes *
make_jpeg (int width,
           int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize length = 0;

  gdk_pixbuf_fill (pixbuf, 0xe66100ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "jpeg", &error, NULL));
  g_assert_no_error (error);

  return g_bytes_new_take (buffer, length);
}

static GBytes *
to_base64 (GBytes *bytes)
{
  gsize length;
  const guchar *data = g_bytes_get_data (bytes, &length);
  char *text = g_base64_encode (data, length);

  return g_bytes_new_take (text, strlen (text));
}

/* A real PNG whose header then claims another size: decoders read the
 * header first, so this is what a decompression bomb looks like to them. */
static GBytes *
make_lying_png (guint32 width,
                guint32 height)
{
  g_autoptr(GBytes) png = make_png (16, 16);
  gsize length = g_bytes_get_size (png);
  guint8 *data = g_memdup2 (g_bytes_get_data (png, NULL), length);
  guint32 be_width = GUINT32_TO_BE (width), be_height = GUINT32_TO_BE (height);
  guint32 crc;

  /* Signature (8), IHDR length (4), "IHDR" (4), then width and height. */
  memcpy (data + 16, &be_width, 4);
  memcpy (data + 20, &be_height, 4);
  /* Keep the chunk's CRC right, so only the size is a lie. */
  crc = 0xffffffff;
  for (gsize i = 12; i < 12 + 4 + 13; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  crc = GUINT32_TO_BE (crc ^ 0xffffffff);
  memcpy (data + 29, &crc, 4);

  return g_bytes_new_take (data, length);
}

static void
test_decode_base64_png (void)
{
  g_autoptr(GBytes) png = make_png (300, 200);
  g_autoptr(GBytes) b64 = to_base64 (png);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselImage) image = easel_image_decode (b64, TRUE, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (easel_image_get_mime_type (image), ==, "image/png");
  g_assert_cmpstr (easel_image_get_extension (image), ==, "png");
  g_assert_cmpint (easel_image_get_width (image), ==, 300);
  g_assert_cmpint (easel_image_get_height (image), ==, 200);
  /* The bytes kept are the gateway's own, not a re-encoding. */
  g_assert_true (g_bytes_equal (easel_image_get_bytes (image), png));
  /* Thumbnails fit 256 px, keeping the aspect. */
  g_assert_cmpint (gdk_pixbuf_get_width (easel_image_get_thumbnail (image)), ==, 256);
  g_assert_cmpint (gdk_pixbuf_get_height (easel_image_get_thumbnail (image)), ==, 171);
}

static void
test_decode_jpeg_bytes (void)
{
  g_autoptr(GBytes) jpeg = make_jpeg (64, 80);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselImage) image = easel_image_decode (jpeg, FALSE, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (easel_image_get_mime_type (image), ==, "image/jpeg");
  g_assert_cmpstr (easel_image_get_extension (image), ==, "jpg");
  g_assert_cmpint (easel_image_get_width (image), ==, 64);
  g_assert_cmpint (easel_image_get_height (image), ==, 80);
  /* Small images are their own thumbnail size. */
  g_assert_cmpint (gdk_pixbuf_get_width (easel_image_get_thumbnail (image)), ==, 64);
}

static void
test_decode_webp (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 48, 36);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) webp = NULL;
  g_autoptr(EaselImage) image = NULL;
  char *buffer = NULL;
  gsize length = 0;

  /* build-aux/dev installs webp-pixbuf-loader, which reads and writes WebP. */
  gdk_pixbuf_fill (pixbuf, 0x9141acff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "webp", &error, NULL));
  g_assert_no_error (error);
  webp = g_bytes_new_take (buffer, length);

  image = easel_image_decode (webp, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (easel_image_get_mime_type (image), ==, "image/webp");
  g_assert_cmpstr (easel_image_get_extension (image), ==, "webp");
  g_assert_cmpint (easel_image_get_width (image), ==, 48);
  g_assert_cmpint (easel_image_get_height (image), ==, 36);
  g_assert_nonnull (easel_image_get_thumbnail (image));
}

static void
test_bad_base64 (void)
{
  const char *cases[] = {
    "iVBORw0KGgo***",       /* characters outside the alphabet */
    "iVBORw0KGgo=A",        /* data after padding */
    "iVBOR",                /* a length no base64 has */
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) data = g_bytes_new_static (cases[i], strlen (cases[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(EaselImage) image = easel_image_decode (data, TRUE, NULL, &error);

      g_assert_null (image);
      g_assert_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE);
      g_assert_nonnull (strstr (error->message, "base64"));
    }
}

static void
test_not_an_image (void)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("<html>Gateway error</html>", 26);
  g_autoptr(GBytes) b64 = to_base64 (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselImage) image = easel_image_decode (b64, TRUE, NULL, &error);

  g_assert_null (image);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "not a PNG, JPEG or WebP"));
}

static GBytes *
make_noisy_png (int width,
                int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  char *buffer = NULL;
  gsize length = 0;

  for (int i = 0; i < gdk_pixbuf_get_rowstride (pixbuf) * height; i++)
    pixels[i] = g_rand_int (rand) & 0xff;
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", NULL, NULL));

  return g_bytes_new_take (buffer, length);
}

static void
test_truncated_image (void)
{
  /* Noise does not compress, so half the file is half the pixels. */
  g_autoptr(GBytes) png = make_noisy_png (200, 200);
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (png, 0, g_bytes_get_size (png) / 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselImage) image = easel_image_decode (cut, FALSE, NULL, &error);

  g_assert_null (image);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE);
}

static void
test_decompression_bomb (void)
{
  const guint32 sizes[][2] = { { 30000, 30000 }, { 16385, 100 }, { 100, 16385 },
                               { 16000, 8000 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GBytes) bomb = make_lying_png (sizes[i][0], sizes[i][1]);
      g_autoptr(GError) error = NULL;
      g_autoptr(EaselImage) image = easel_image_decode (bomb, FALSE, NULL, &error);
      g_autofree char *claimed = g_strdup_printf ("%u × %u", sizes[i][0], sizes[i][1]);

      g_assert_null (image);
      g_assert_error (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE);
      g_assert_nonnull (strstr (error->message, claimed));
    }
}

static guint
count_entries (const char *directory,
               const char *prefix)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;
  guint count = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    count += g_str_has_prefix (name, prefix);

  return count;
}

static void
test_save_atomic (void)
{
  g_autoptr(GBytes) png = make_png (32, 32);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselImage) first = easel_image_decode (png, FALSE, NULL, &error);
  g_autoptr(EaselImage) second = easel_image_decode (png, FALSE, NULL, &error);
  g_autofree char *dir = g_dir_make_tmp ("easel-image-XXXXXX", &error);
  g_autofree char *nested = g_build_filename (dir, "a", "b", NULL);
  g_autofree char *expected = g_build_filename (nested, "result.png", NULL);
  g_autofree char *expected2 = g_build_filename (nested, "result-2.png", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_no_error (error);

  /* Missing folders are made. */
  g_assert_true (easel_image_save (first, nested, "result", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (easel_image_get_path (first), ==, expected);
  g_assert_true (g_file_get_contents (expected, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (png, NULL), g_bytes_get_size (png));

  /* The same name again never replaces the first image. */
  g_assert_true (easel_image_save (second, nested, "result", NULL, &error));
  g_assert_cmpstr (easel_image_get_path (second), ==, expected2);
  g_assert_true (g_file_test (expected, G_FILE_TEST_EXISTS));

  /* No temp file is left behind. */
  g_assert_cmpuint (count_entries (nested, ".easel-"), ==, 0);
  g_assert_cmpuint (count_entries (nested, "result"), ==, 2);

  g_unlink (expected);
  g_unlink (expected2);
  g_rmdir (nested);
  g_free (g_steal_pointer (&contents));
  {
    g_autofree char *a = g_build_filename (dir, "a", NULL);
    g_rmdir (a);
  }
  g_rmdir (dir);
}

static void
test_save_cancelled (void)
{
  g_autoptr(GBytes) png = make_png (32, 32);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselImage) image = easel_image_decode (png, FALSE, NULL, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = g_dir_make_tmp ("easel-image-XXXXXX", &error);

  g_cancellable_cancel (cancellable);
  g_assert_false (easel_image_save (image, dir, "result", cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (easel_image_get_path (image));
  /* Nothing at all in the folder: no temp file, no half image. */
  g_assert_cmpuint (count_entries (dir, ""), ==, 0);
  g_rmdir (dir);
}

static void
test_save_unwritable (void)
{
  g_autoptr(GBytes) png = make_png (8, 8);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselImage) image = easel_image_decode (png, FALSE, NULL, &error);

  /* A file where the folder should be. */
  g_autofree char *dir = g_dir_make_tmp ("easel-image-XXXXXX", &error);
  g_autofree char *blocker = g_build_filename (dir, "not-a-folder", NULL);

  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  g_assert_false (easel_image_save (image, blocker, "result", NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "not-a-folder"));
  g_unlink (blocker);
  g_rmdir (dir);
}

/* Past 4 MB of base64 the halves decode on two threads; line breaks, a bad
 * byte late in the text, and padding in the middle must all still be
 * found, and the bytes come out the same. */
static void
test_decode_large_base64 (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1200, 1200);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  gsize size = (gsize) gdk_pixbuf_get_rowstride (pixbuf) * 1200;
  guint32 seed = 7;
  char *buffer = NULL;
  gsize length = 0;
  g_autoptr(GBytes) png = NULL;
  g_autofree char *b64 = NULL;
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < size; i++)
    {
      seed = seed * 1664525u + 1013904223u;
      pixels[i] = seed >> 24;
    }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", &error,
                                            "compression", "1", NULL));
  png = g_bytes_new_take (buffer, length);
  b64 = g_base64_encode ((const guchar *) buffer, length);
  g_assert_cmpuint (strlen (b64), >, 4 * 1024 * 1024);

  /* Plain: the two-thread way. */
  {
    g_autoptr(GBytes) text = g_bytes_new_static (b64, strlen (b64));
    g_autoptr(EaselImage) image = easel_image_decode (text, TRUE, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (easel_image_get_bytes (image), png));
  }

  /* Line breaks every 76 characters, as MIME writes it: one pass again. */
  {
    g_autoptr(GString) wrapped = g_string_new (NULL);
    g_autoptr(GBytes) text = NULL;
    g_autoptr(EaselImage) image = NULL;

    for (const char *p = b64; *p != '\0'; p += MIN (strlen (p), 76))
      {
        g_string_append_len (wrapped, p, MIN (strlen (p), 76));
        g_string_append_c (wrapped, '\n');
      }
    text = g_bytes_new (wrapped->str, wrapped->len);
    image = easel_image_decode (text, TRUE, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (easel_image_get_bytes (image), png));
  }

  /* A bad byte in the second half, and "=" in the first. */
  {
    gsize n = strlen (b64);
    g_autofree char *late = g_strdup (b64);
    g_autofree char *early = g_strdup (b64);
    g_autoptr(GBytes) late_text = NULL;
    g_autoptr(GBytes) early_text = NULL;
    g_autoptr(EaselImage) late_image = NULL;
    g_autoptr(EaselImage) early_image = NULL;

    late[n - n / 5] = '*';
    early[n / 5] = '=';
    late_text = g_bytes_new_static (late, n);
    early_text = g_bytes_new_static (early, n);
    late_image = easel_image_decode (late_text, TRUE, NULL, &error);
    g_assert_null (late_image);
    g_assert_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE);
    g_clear_error (&error);
    early_image = easel_image_decode (early_text, TRUE, NULL, &error);
    g_assert_null (early_image);
    g_assert_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE);
  }
}

/* Decoded and written at once: the file holds exactly the decoded bytes. */
static void
test_decode_and_save (void)
{
  g_autoptr(GBytes) png = make_png (300, 200);
  g_autoptr(GBytes) b64 = to_base64 (png);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("easel-image-XXXXXX", &error);
  g_autoptr(EaselImage) image = easel_image_decode_and_save (b64, TRUE, dir, "both", NULL, &error);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_no_error (error);
  g_assert_nonnull (image);
  g_assert_cmpint (easel_image_get_width (image), ==, 300);
  g_assert_nonnull (easel_image_get_thumbnail (image));
  g_assert_true (g_file_get_contents (easel_image_get_path (image), &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  g_assert_cmpuint (count_entries (dir, ".easel-"), ==, 0);
  g_unlink (easel_image_get_path (image));
  g_rmdir (dir);
}

/* An image whose pixels turn out unreadable leaves no file behind, though
 * its write had started: only images that decode are kept. */
static void
test_decode_and_save_damaged (void)
{
  g_autoptr(GBytes) png = make_png (64, 64);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("easel-image-XXXXXX", &error);
  gsize length;
  const guint8 *data = g_bytes_get_data (png, &length);
  g_autofree guint8 *damaged = g_memdup2 (data, length);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(EaselImage) image = NULL;

  /* Garble the compressed pixels between the header and the end marker. */
  for (gsize i = 60; i + 16 < length; i++)
    damaged[i] ^= 0x5a;
  bytes = g_bytes_new (damaged, length);

  image = easel_image_decode_and_save (bytes, FALSE, dir, "damaged", NULL, &error);
  g_assert_null (image);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE);
  g_assert_cmpuint (count_entries (dir, ""), ==, 0);
  g_rmdir (dir);
}

/* The write fails (a file where the folder should be): an error naming it,
 * not an image without a file. */
static void
test_decode_and_save_unwritable (void)
{
  g_autoptr(GBytes) png = make_png (16, 16);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("easel-image-XXXXXX", &error);
  g_autofree char *blocker = g_build_filename (dir, "not-a-folder", NULL);
  g_autoptr(EaselImage) image = NULL;

  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  image = easel_image_decode_and_save (png, FALSE, blocker, "result", NULL, &error);
  g_assert_null (image);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "not-a-folder"));
  g_unlink (blocker);
  g_rmdir (dir);
}

static void
on_decoded (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  EaselImage **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = easel_image_decode_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_decode_async (void)
{
  g_autoptr(GBytes) png = make_png (40, 30);
  g_autoptr(GBytes) b64 = to_base64 (png);
  g_autoptr(EaselImage) image = NULL;

  easel_image_decode_async (b64, TRUE, NULL, on_decoded, &image);
  while (image == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (easel_image_get_width (image), ==, 40);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/image/decode/base64-png", test_decode_base64_png);
  g_test_add_func ("/image/decode/jpeg-bytes", test_decode_jpeg_bytes);
  g_test_add_func ("/image/decode/webp", test_decode_webp);
  g_test_add_func ("/image/decode/bad-base64", test_bad_base64);
  g_test_add_func ("/image/decode/not-an-image", test_not_an_image);
  g_test_add_func ("/image/decode/truncated", test_truncated_image);
  g_test_add_func ("/image/decode/decompression-bomb", test_decompression_bomb);
  g_test_add_func ("/image/decode/async", test_decode_async);
  g_test_add_func ("/image/save/atomic", test_save_atomic);
  g_test_add_func ("/image/save/cancelled", test_save_cancelled);
  g_test_add_func ("/image/save/unwritable", test_save_unwritable);
  g_test_add_func ("/image/decode/large-base64", test_decode_large_base64);
  g_test_add_func ("/image/decode-and-save/written", test_decode_and_save);
  g_test_add_func ("/image/decode-and-save/damaged", test_decode_and_save_damaged);
  g_test_add_func ("/image/decode-and-save/unwritable", test_decode_and_save_unwritable);

  return g_test_run ();
}
