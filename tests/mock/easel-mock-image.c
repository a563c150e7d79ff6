/* easel-mock-image.c: the images the mock makes and the checks it runs on images
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "easel-mock-private.h"

#define BOMB_UNIT (1024 * 1024)

/* --- making images --------------------------------------------------------- */

/* A gradient: red grows left to right, green top to bottom, and blue is
 * (40 + 53 × index) mod 256 everywhere, so a test can tell the images of one
 * answer apart by a pixel. @level dims it for partial images. */
static GdkPixbuf *
draw (EaselMockServer *self,
      guint            index,
      double           level)
{
  int width = self->image_width;
  int height = self->image_height;
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  guint blue = (40 + 53 * index) % 256;
  guint32 seed = 2166136261u ^ index;

  for (int y = 0; y < height; y++)
    {
      guchar *row = pixels + (gsize) y * stride;

      for (int x = 0; x < width; x++)
        {
          row[3 * x] = level * (x * 255 / MAX (width - 1, 1));
          row[3 * x + 1] = level * (y * 255 / MAX (height - 1, 1));
          row[3 * x + 2] = level * blue;
          if (self->image_noise)
            {
              /* A cheap deterministic generator: ±15 of grain per channel. */
              for (int c = 0; c < 3; c++)
                {
                  int value;

                  seed = seed * 1664525u + 1013904223u;
                  value = row[3 * x + c] + (int) (seed >> 27) - 15;
                  row[3 * x + c] = CLAMP (value, 0, 255);
                }
            }
        }
    }

  return pixbuf;
}

static gboolean
can_write (const char *format)
{
  g_autoptr(GSList) formats = gdk_pixbuf_get_formats ();

  for (GSList *l = formats; l != NULL; l = l->next)
    {
      g_autofree char *name = gdk_pixbuf_format_get_name (l->data);

      if (g_strcmp0 (name, format) == 0)
        return gdk_pixbuf_format_is_writable (l->data);
    }

  return FALSE;
}

/* PNG, or JPEG when "jpeg" is asked. WebP only where GdkPixbuf has a WebP
 * writer (Debian 12 ships none by default): otherwise a webp request gets
 * PNG bytes, which the openai dialect's raw base64 cannot tell apart and
 * the yycode dialect labels honestly with its mimeType. */
GBytes *
mock_image_encode (EaselMockServer  *self,
                   guint             index,
                   double            level,
                   const char       *format,
                   int               compression,
                   const char      **mime_type)
{
  g_autoptr(GdkPixbuf) pixbuf = draw (self, index, level);
  g_autoptr(GError) error = NULL;
  g_autofree char *quality = g_strdup_printf ("%d", compression >= 0 ? compression : 90);
  g_autofree char *index_text = g_strdup_printf ("%u", index);
  char *buffer = NULL;
  gsize size = 0;
  const char *mime;
  gboolean saved;

  if (g_strcmp0 (format, "jpeg") == 0)
    {
      mime = "image/jpeg";
      saved = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error,
                                         "quality", quality, NULL);
    }
  else if (g_strcmp0 (format, "webp") == 0 && can_write ("webp"))
    {
      mime = "image/webp";
      saved = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "webp", &error,
                                         "quality", quality, NULL);
    }
  else
    {
      mime = "image/png";
      saved = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error,
                                         "tEXt::easel-mock-index", index_text, NULL);
    }

  if (!saved)
    g_error ("easel-mock cannot encode an image: %s", error->message);
  if (mime_type != NULL)
    *mime_type = mime;

  return g_bytes_new_take (buffer, size);
}

char *
mock_image_base64 (EaselMockServer  *self,
                   guint             index,
                   double            level,
                   const char       *format,
                   int               compression,
                   const char      **mime_type)
{
  g_autoptr(GBytes) bytes = mock_image_encode (self, index, level, format, compression,
                                               mime_type);
  gsize size;
  const guchar *data = g_bytes_get_data (bytes, &size);

  return g_base64_encode (data, size);
}

/* --- the decompression bomb ------------------------------------------------ */

static guint32
crc32_update (guint32       crc,
              const guint8 *data,
              gsize         length)
{
  crc = ~crc;
  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int bit = 0; bit < 8; bit++)
        crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
    }
  return ~crc;
}

static void
append_be32 (GByteArray *array,
             guint32     value)
{
  guint8 bytes[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (array, bytes, 4);
}

static void
append_chunk (GByteArray   *png,
              const char   *type,
              const guint8 *data,
              gsize         length)
{
  guint32 crc;

  append_be32 (png, length);
  g_byte_array_append (png, (const guint8 *) type, 4);
  g_byte_array_append (png, data, length);
  crc = crc32_update (0, (const guint8 *) type, 4);
  crc = crc32_update (crc, data, length);
  append_be32 (png, crc);
}

/* Raw deflate of @length zero bytes, ended by a sync flush: byte-aligned,
 * not final, and referring to nothing before itself, so copies of it can be
 * laid end to end inside one stream. */
static GBytes *
deflate_zeros (gsize length)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW, 9);
  g_autofree guint8 *zeros = g_malloc0 (MAX (length, 1));
  GByteArray *out = g_byte_array_new ();
  guint8 buffer[64 * 1024];
  gsize consumed = 0;

  while (TRUE)
    {
      gsize read, written;
      g_autoptr(GError) error = NULL;
      GConverterResult result;

      result = g_converter_convert (G_CONVERTER (compressor), zeros + consumed, length - consumed,
                                    buffer, sizeof buffer, G_CONVERTER_FLUSH, &read, &written,
                                    &error);
      if (result == G_CONVERTER_ERROR)
        g_error ("easel-mock cannot deflate: %s", error->message);
      consumed += read;
      g_byte_array_append (out, buffer, written);
      if (result == G_CONVERTER_FLUSHED && consumed == length)
        break;
    }

  return g_byte_array_free_to_bytes (out);
}

/* A valid PNG, all black, 1 bit a pixel, whose pixels inflate to
 * height × (1 + ⌈width/8⌉) bytes: 112 MB for 30000×30000, sent in about
 * 110 KB, and 2.7 GB as the RGB a naive decoder would allocate. Only one
 * megabyte of zeros is ever compressed; the IDAT repeats it. */
static GBytes *
make_bomb (int width,
           int height)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guint8 final_block[] = { 0x03, 0x00 };
  guint8 ihdr[13];
  guint64 total = (guint64) height * (1 + ((guint64) width + 7) / 8);
  g_autoptr(GBytes) unit = deflate_zeros (BOMB_UNIT);
  g_autoptr(GBytes) rest = total % BOMB_UNIT != 0 ? deflate_zeros (total % BOMB_UNIT) : NULL;
  g_autoptr(GByteArray) idat = g_byte_array_new ();
  GByteArray *png = g_byte_array_new ();
  guint32 adler;

  /* zlib header: deflate, 32 KiB window, best compression. */
  g_byte_array_append (idat, (const guint8 *) "\x78\xda", 2);
  for (guint64 i = 0; i < total / BOMB_UNIT; i++)
    g_byte_array_append (idat, g_bytes_get_data (unit, NULL), g_bytes_get_size (unit));
  if (rest != NULL)
    g_byte_array_append (idat, g_bytes_get_data (rest, NULL), g_bytes_get_size (rest));
  g_byte_array_append (idat, final_block, sizeof final_block);
  /* Adler-32 of zeros: the low sum stays 1, the high one adds 1 a byte. */
  adler = ((guint32) (total % 65521) << 16) | 1;
  append_be32 (idat, adler);

  ihdr[0] = width >> 24;
  ihdr[1] = width >> 16;
  ihdr[2] = width >> 8;
  ihdr[3] = width;
  ihdr[4] = height >> 24;
  ihdr[5] = height >> 16;
  ihdr[6] = height >> 8;
  ihdr[7] = height;
  ihdr[8] = 1;    /* bit depth */
  ihdr[9] = 0;    /* greyscale */
  ihdr[10] = 0;   /* deflate */
  ihdr[11] = 0;   /* adaptive filtering */
  ihdr[12] = 0;   /* not interlaced */

  g_byte_array_append (png, signature, sizeof signature);
  append_chunk (png, "IHDR", ihdr, sizeof ihdr);
  append_chunk (png, "IDAT", idat->data, idat->len);
  append_chunk (png, "IEND", NULL, 0);

  return g_byte_array_free_to_bytes (png);
}

GBytes *
mock_image_bomb (EaselMockServer *self,
                 const char      *param)
{
  int width = 30000;
  int height = 30000;
  g_autofree char *key = NULL;
  GBytes *bomb;

  if (param != NULL && !mock_parse_wxh (param, &width, &height))
    g_warning ("easel-mock: decompression-bomb size \"%s\" is not WxH", param);

  key = g_strdup_printf ("%dx%d", width, height);
  bomb = g_hash_table_lookup (self->bombs, key);
  if (bomb == NULL)
    {
      bomb = make_bomb (width, height);
      g_hash_table_insert (self->bombs, g_steal_pointer (&key), bomb);
    }

  return g_bytes_ref (bomb);
}

GBytes *
mock_not_an_image (void)
{
  static const char text[] =
    "easel-mock: these bytes stand where an image should be, and they are not one.\n";

  return g_bytes_new_static (text, sizeof text - 1);
}

/* Characters outside the alphabet and a length that is no multiple of 4;
 * what a lenient decoder keeps of it is no image either. */
char *
mock_bad_base64 (void)
{
  return g_strdup ("iVBORw0KGgo*this+is%not$base64!");
}

/* --- checking images ------------------------------------------------------- */

gboolean
mock_base64_is_valid (const char *text,
                      gsize       length)
{
  gsize padding = 0;

  if (length == 0 || length % 4 != 0)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '=')
        {
          if (i < length - 2)
            return FALSE;
          padding++;
        }
      else if (padding > 0 || !(g_ascii_isalnum (c) || c == '+' || c == '/'))
        {
          return FALSE;
        }
    }

  return TRUE;
}

const char *
mock_image_sniff (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (size >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    return "image/jpeg";
  if (size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "image/webp";
  if (size >= 6 && memcmp (data, "GIF8", 4) == 0)
    return "image/gif";

  return NULL;
}

/* Refuses dimensions a gateway would never take before any pixel is
 * allocated: a zero size makes the PNG and JPEG loaders stop. */
static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  if (width > 16384 || height > 16384)
    gdk_pixbuf_loader_set_size (loader, 0, 0);
}

GdkPixbuf *
mock_image_decode (GBytes  *bytes,
                   GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), NULL);
  if (!gdk_pixbuf_loader_write (loader, data, size, error))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }
  if (!gdk_pixbuf_loader_close (loader, error))
    return NULL;

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                           "no image in the data");
      return NULL;
    }

  return g_object_ref (pixbuf);
}

char *
mock_check_mask (GBytes *mask,
                 GBytes *first_image)
{
  g_autoptr(GdkPixbuf) mask_pixbuf = NULL;
  g_autoptr(GdkPixbuf) image_pixbuf = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (mock_image_sniff (mask), "image/png") != 0)
    return g_strdup ("The mask must be a PNG image.");

  mask_pixbuf = mock_image_decode (mask, &error);
  if (mask_pixbuf == NULL)
    return g_strdup_printf ("The mask is not a valid PNG image: %s", error->message);
  if (!gdk_pixbuf_get_has_alpha (mask_pixbuf))
    return g_strdup ("The mask must have an alpha channel: its transparent areas are what "
                     "gets edited.");

  image_pixbuf = mock_image_decode (first_image, NULL);
  if (image_pixbuf == NULL)
    {
      /* Without a WebP loader a WebP image cannot be measured; a real
       * gateway could, so give the client the benefit of the doubt. */
      if (g_strcmp0 (mock_image_sniff (first_image), "image/webp") == 0)
        return NULL;
      return g_strdup ("The first image is not a valid image, so the mask cannot be matched "
                       "to it.");
    }

  if (gdk_pixbuf_get_width (mask_pixbuf) != gdk_pixbuf_get_width (image_pixbuf)
      || gdk_pixbuf_get_height (mask_pixbuf) != gdk_pixbuf_get_height (image_pixbuf))
    return g_strdup_printf ("The mask is %dx%d but the first image is %dx%d: they must be the "
                            "same size.",
                            gdk_pixbuf_get_width (mask_pixbuf),
                            gdk_pixbuf_get_height (mask_pixbuf),
                            gdk_pixbuf_get_width (image_pixbuf),
                            gdk_pixbuf_get_height (image_pixbuf));

  return NULL;
}

/* --- sizes ----------------------------------------------------------------- */

gboolean
mock_parse_wxh (const char *text,
                int        *width,
                int        *height)
{
  g_auto(GStrv) parts = NULL;
  guint64 w, h;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, "x", -1);
  if (g_strv_length (parts) != 2
      || !g_ascii_string_to_unsigned (parts[0], 10, 1, 100000, &w, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, 100000, &h, NULL))
    return FALSE;

  *width = w;
  *height = h;
  return TRUE;
}

/* The size rules of seeds 001, 002 and 004 (DESIGN.md §4.6). */
char *
mock_check_pixel_size (int width,
                       int height)
{
  int long_edge = MAX (width, height);
  int short_edge = MIN (width, height);
  gint64 pixels = (gint64) width * height;

  if (width % 16 != 0 || height % 16 != 0)
    return g_strdup_printf ("Invalid size %dx%d: width and height must be multiples of 16.",
                            width, height);
  if (long_edge > 3840)
    return g_strdup_printf ("Invalid size %dx%d: the longest edge must be at most 3840 pixels.",
                            width, height);
  if (long_edge > 3 * short_edge)
    return g_strdup_printf ("Invalid size %dx%d: the aspect ratio must be at most 3:1.",
                            width, height);
  if (pixels < 655360 || pixels > 8294400)
    return g_strdup_printf ("Invalid size %dx%d: the total pixels must be between 655,360 and "
                            "8,294,400.", width, height);

  return NULL;
}

gboolean
mock_is_ratio (const char *text)
{
  static const char * const ratios[] = {
    "1:1", "3:2", "2:3", "4:3", "3:4", "5:4", "4:5", "16:9", "9:16", "2:1", "1:2", "21:9", "9:21",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ratios); i++)
    if (g_strcmp0 (text, ratios[i]) == 0)
      return TRUE;

  return FALSE;
}
