/* test-export.c: prompts embedded in PNG, JPEG and WebP files, conversion,
 * atomic saves that never overwrite, and suggested file names
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "easel-error.h"
#include "easel-export.h"
#include "easel-image.h"
#include "easel-test-files.h"

#define CHINESE_PROMPT "月光下的灯塔，海浪拍打礁石 — a lighthouse & <waves> \"at\" dusk\r\nline two"
#define PARAMETERS \
  "model gpt-image-2, size 1024x1024, quality high, format png, gateway Test (openai)"

/* --- Images ------------------------------------------------------------- */

/* A gradient, so a decoder that returned the wrong pixels could not match
 * by chance as a flat colour might. */
static GdkPixbuf *
make_pixbuf (int      width,
             int      height,
             gboolean has_alpha)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, has_alpha, 8, width, height);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + y * stride + x * channels;

        p[0] = x * 255 / MAX (1, width - 1);
        p[1] = y * 255 / MAX (1, height - 1);
        p[2] = (x + y) * 7;
        if (has_alpha)
          p[3] = 255 - x;
      }

  return pixbuf;
}

static GBytes *
encode (GdkPixbuf  *pixbuf,
        const char *type)
{
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize length = 0;

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, type, &error, NULL));
  g_assert_no_error (error);

  return g_bytes_new_take (buffer, length);
}

static GBytes *
make_image (const char *type,
            gboolean    has_alpha)
{
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (40, 30, has_alpha);

  return encode (pixbuf, type);
}

static GdkPixbuf *
decode (GBytes *bytes)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_loader_write_bytes (loader, bytes, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);

  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

static void
assert_same_pixels (GdkPixbuf *a,
                    GdkPixbuf *b)
{
  int width = gdk_pixbuf_get_width (a);
  int row = width * gdk_pixbuf_get_n_channels (a);

  g_assert_cmpint (width, ==, gdk_pixbuf_get_width (b));
  g_assert_cmpint (gdk_pixbuf_get_height (a), ==, gdk_pixbuf_get_height (b));
  g_assert_cmpint (gdk_pixbuf_get_n_channels (a), ==, gdk_pixbuf_get_n_channels (b));

  for (int y = 0; y < gdk_pixbuf_get_height (a); y++)
    g_assert_cmpmem (gdk_pixbuf_read_pixels (a) + y * gdk_pixbuf_get_rowstride (a), row,
                     gdk_pixbuf_read_pixels (b) + y * gdk_pixbuf_get_rowstride (b), row);
}

static void
assert_decodes_same (GBytes *original,
                     GBytes *embedded)
{
  g_autoptr(GdkPixbuf) a = decode (original);
  g_autoptr(GdkPixbuf) b = decode (embedded);

  assert_same_pixels (a, b);
}

static EaselImageMetadata *
make_metadata (const char *prompt,
               const char *parameters)
{
  EaselImageMetadata *metadata = g_new0 (EaselImageMetadata, 1);

  metadata->prompt = g_strdup (prompt);
  metadata->parameters = g_strdup (parameters);
  metadata->software = g_strdup ("Easel " PACKAGE_VERSION);

  return metadata;
}

static GBytes *
embed (GBytes                   *image,
       const char               *mime_type,
       const EaselImageMetadata *metadata)
{
  g_autoptr(GError) error = NULL;
  GBytes *result = easel_image_metadata_embed (image, mime_type, metadata, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);

  return result;
}

static void
assert_reads_back (GBytes                   *image,
                   const EaselImageMetadata *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselImageMetadata) read = easel_image_metadata_read (image, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (read->prompt, ==, expected->prompt);
  g_assert_cmpstr (read->parameters, ==, expected->parameters);
  g_assert_cmpstr (read->software, ==, expected->software);
}

static void
assert_embed_fails (GBytes     *image,
                    const char *mime_type,
                    int         code)
{
  g_autoptr(EaselImageMetadata) metadata = make_metadata ("a cat", PARAMETERS);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) result = easel_image_metadata_embed (image, mime_type, metadata, &error);

  g_assert_error (error, EASEL_ERROR, code);
  g_assert_null (result);
}

static GBytes *
bytes_slice (GBytes *bytes,
             gsize   from,
             gsize   length)
{
  return g_bytes_new_from_bytes (bytes, from, length);
}

/* Unaligned reads, as the file's bytes lie. */
static guint32
get_be32 (const guint8 *p)
{
  guint32 value;

  memcpy (&value, p, 4);
  return GUINT32_FROM_BE (value);
}

static guint32
get_le32 (const guint8 *p)
{
  guint32 value;

  memcpy (&value, p, 4);
  return GUINT32_FROM_LE (value);
}

/* --- PNG chunks, checked independently of the code under test ------------ */

static guint32
table_crc (const guint8 *data,
           gsize         length)
{
  static guint32 table[256];
  guint32 crc = 0xffffffff;

  if (table[1] == 0)
    for (guint32 n = 0; n < 256; n++)
      {
        guint32 c = n;

        for (int k = 0; k < 8; k++)
          c = (c & 1) ? 0xedb88320 ^ (c >> 1) : c >> 1;
        table[n] = c;
      }

  for (gsize i = 0; i < length; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);

  return crc ^ 0xffffffff;
}

typedef struct
{
  char          type[5];
  char         *keyword;   /* of text chunks */
  const guint8 *start;
  gsize         size;      /* the whole chunk */
} Chunk;

static void
chunk_clear (gpointer data)
{
  g_free (((Chunk *) data)->keyword);
}

/* Every chunk, each CRC asserted. */
static GArray *
png_chunks (GBytes *png)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (png, &length);
  GArray *chunks = g_array_new (FALSE, TRUE, sizeof (Chunk));
  gsize offset = 8;

  g_array_set_clear_func (chunks, chunk_clear);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);

  while (offset < length)
    {
      Chunk chunk = { { 0 } };
      guint32 size, crc;

      g_assert_cmpuint (offset + 12, <=, length);
      size = get_be32 (data + offset);
      g_assert_cmpuint (offset + 12 + size, <=, length);
      memcpy (chunk.type, data + offset + 4, 4);
      crc = get_be32 (data + offset + 8 + size);
      g_assert_cmphex (crc, ==, table_crc (data + offset + 4, 4 + size));
      if (g_str_equal (chunk.type, "tEXt") || g_str_equal (chunk.type, "iTXt") ||
          g_str_equal (chunk.type, "zTXt"))
        chunk.keyword = g_strdup ((const char *) data + offset + 8);
      chunk.start = data + offset;
      chunk.size = 12 + size;
      g_array_append_val (chunks, chunk);
      offset += 12 + size;
    }

  g_assert_cmpuint (offset, ==, length);
  return chunks;
}

static guint
count_keyword (GArray     *chunks,
               const char *keyword)
{
  guint count = 0;

  for (guint i = 0; i < chunks->len; i++)
    count += g_strcmp0 (g_array_index (chunks, Chunk, i).keyword, keyword) == 0;

  return count;
}

/* A text chunk made by hand, as another program would write it. */
static GBytes *
png_insert_chunk (GBytes       *png,
                  const char   *type,
                  const guint8 *data,
                  gsize         size)
{
  GByteArray *out = g_byte_array_new ();
  guint32 be_size = GUINT32_TO_BE (size), be_crc;
  gsize start;

  /* After the signature and the 25-byte IHDR chunk. */
  g_byte_array_append (out, g_bytes_get_data (png, NULL), 8 + 25);
  start = out->len;
  g_byte_array_append (out, (guint8 *) &be_size, 4);
  g_byte_array_append (out, (const guint8 *) type, 4);
  g_byte_array_append (out, data, size);
  be_crc = GUINT32_TO_BE (table_crc (out->data + start + 4, 4 + size));
  g_byte_array_append (out, (guint8 *) &be_crc, 4);
  g_byte_array_append (out, (const guint8 *) g_bytes_get_data (png, NULL) + 33,
                       g_bytes_get_size (png) - 33);

  return g_byte_array_free_to_bytes (out);
}

static GBytes *
zlib_compress (const char *text)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9);
  guint8 buffer[4096];
  gsize read = 0, written = 0;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_converter_convert (G_CONVERTER (compressor), text, strlen (text), buffer,
                                        sizeof buffer, G_CONVERTER_INPUT_AT_END, &read,
                                        &written, &error), ==, G_CONVERTER_FINISHED);
  g_assert_no_error (error);

  return g_bytes_new (buffer, written);
}

/* --- Metadata from a request -------------------------------------------- */

static void
test_metadata_for_request (void)
{
  g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("openai", "p");
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselImageMetadata) metadata = NULL;
  g_autoptr(EaselImageMetadata) copy = NULL;
  g_autofree char *expected = NULL;

  easel_profile_set_name (profile, "My Gateway");
  easel_request_set_prompt (request, "a lighthouse at dusk");
  easel_request_set_size (request, "1536x1024");
  easel_request_set_quality (request, EASEL_QUALITY_HIGH);
  /* A compression left over from JPEG says nothing about a PNG. */
  easel_request_set_output_compression (request, 70);

  metadata = easel_image_metadata_new_for_request (request, profile);
  expected = g_strdup_printf ("model %s, size 1536x1024, quality high, format png, "
                              "gateway My Gateway (openai)", easel_profile_get_model (profile));
  g_assert_cmpstr (metadata->prompt, ==, "a lighthouse at dusk");
  g_assert_cmpstr (metadata->parameters, ==, expected);
  g_assert_cmpstr (metadata->software, ==, "Easel " PACKAGE_VERSION);

  copy = easel_image_metadata_copy (metadata);
  g_assert_true (copy->prompt != metadata->prompt);
  g_assert_cmpstr (copy->prompt, ==, metadata->prompt);
  g_assert_cmpstr (copy->parameters, ==, metadata->parameters);
  g_assert_cmpstr (copy->software, ==, metadata->software);
  easel_image_metadata_free (NULL);
}

static void
test_metadata_every_option (void)
{
  g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("aizfw", "p");
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselImageMetadata) metadata = NULL;
  g_autoptr(GBytes) png = make_image ("png", FALSE);

  /* A profile name is free text: it must not break the one line. */
  easel_profile_set_name (profile, "Studio\nNight");
  easel_request_set_prompt (request, "猫");
  easel_request_set_model (request, "gpt-image-2-custom");
  easel_request_set_size (request, "16:9");
  easel_request_set_resolution (request, EASEL_RESOLUTION_2K);
  easel_request_set_quality (request, EASEL_QUALITY_LOW);
  easel_request_set_output_format (request, EASEL_OUTPUT_FORMAT_JPEG);
  easel_request_set_output_compression (request, 80);
  easel_request_set_background (request, EASEL_BACKGROUND_OPAQUE);
  easel_request_set_moderation (request, EASEL_MODERATION_LOW);
  easel_request_set_n (request, 3);
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(EaselReference) reference = easel_reference_new_for_bytes (png, "image/png",
                                                                           "ref.png");
      easel_request_add_reference (request, reference);
    }
  {
    g_autoptr(EaselReference) mask = easel_reference_new_for_bytes (png, "image/png", "m.png");
    easel_request_set_mask (request, mask);
  }

  metadata = easel_image_metadata_new_for_request (request, profile);
  g_assert_cmpstr (metadata->prompt, ==, "猫");
  g_assert_cmpstr (metadata->parameters, ==,
                   "model gpt-image-2-custom, size 16:9, resolution 2k, quality low, format jpeg, "
                   "compression 80, background opaque, moderation low, n 3, references 2, mask, "
                   "gateway Studio Night (aizfw)");
}

/* --- PNG ----------------------------------------------------------------- */

static void
test_png_embed (void)
{
  g_autoptr(GBytes) png = make_image ("png", TRUE);
  g_autoptr(EaselImageMetadata) metadata = make_metadata (CHINESE_PROMPT, PARAMETERS);
  g_autoptr(GBytes) embedded = embed (png, "image/png", metadata);
  g_autoptr(GArray) chunks = png_chunks (embedded);
  g_autoptr(GArray) original_chunks = png_chunks (png);
  g_autoptr(GdkPixbuf) pixbuf = decode (embedded);
  g_autoptr(GByteArray) rest = g_byte_array_new ();

  /* Header, then the three text chunks, then the original's chunks. */
  g_assert_cmpstr (g_array_index (chunks, Chunk, 0).type, ==, "IHDR");
  g_assert_cmpstr (g_array_index (chunks, Chunk, 1).type, ==, "iTXt");
  g_assert_cmpstr (g_array_index (chunks, Chunk, 1).keyword, ==, "Description");
  g_assert_cmpstr (g_array_index (chunks, Chunk, 2).keyword, ==, "parameters");
  g_assert_cmpstr (g_array_index (chunks, Chunk, 3).keyword, ==, "Software");
  g_assert_cmpuint (chunks->len, ==, original_chunks->len + 3);

  /* Without them, the file is the original byte for byte. */
  g_byte_array_append (rest, g_bytes_get_data (embedded, NULL), 8);
  for (guint i = 0; i < chunks->len; i++)
    if (i < 1 || i > 3)
      g_byte_array_append (rest, g_array_index (chunks, Chunk, i).start,
                           g_array_index (chunks, Chunk, i).size);
  g_assert_cmpmem (rest->data, rest->len, g_bytes_get_data (png, NULL), g_bytes_get_size (png));

  assert_decodes_same (png, embedded);
  /* GdkPixbuf (libpng) reads the iTXt chunks as UTF-8. */
  g_assert_cmpstr (gdk_pixbuf_get_option (pixbuf, "tEXt::Description"), ==, CHINESE_PROMPT);
  g_assert_cmpstr (gdk_pixbuf_get_option (pixbuf, "tEXt::parameters"), ==, PARAMETERS);
  g_assert_cmpstr (gdk_pixbuf_get_option (pixbuf, "tEXt::Software"), ==,
                   "Easel " PACKAGE_VERSION);

  assert_reads_back (embedded, metadata);
}

static void
test_png_replace (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (20, 10, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselImageMetadata) first = make_metadata ("first prompt", "first");
  g_autoptr(EaselImageMetadata) second = make_metadata ("second prompt", "second");
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) once = NULL;
  g_autoptr(GBytes) twice = NULL;
  g_autoptr(GArray) chunks = NULL;
  char *buffer;
  gsize length;

  /* Saved by another program with a Description of its own (tEXt) and an
   * Author Easel must keep. */
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", &error,
                                            "tEXt::Description", "old", "tEXt::Author", "Ann",
                                            NULL));
  g_assert_no_error (error);
  png = g_bytes_new_take (buffer, length);

  once = embed (png, "image/png", first);
  twice = embed (once, "image/png", second);
  chunks = png_chunks (twice);

  g_assert_cmpuint (count_keyword (chunks, "Description"), ==, 1);
  g_assert_cmpuint (count_keyword (chunks, "parameters"), ==, 1);
  g_assert_cmpuint (count_keyword (chunks, "Software"), ==, 1);
  g_assert_cmpuint (count_keyword (chunks, "Author"), ==, 1);
  assert_reads_back (twice, second);
  assert_decodes_same (png, twice);

  /* Embedding the same again gives the same bytes: nothing accumulates. */
  {
    g_autoptr(GBytes) again = embed (twice, "image/png", second);

    g_assert_true (g_bytes_equal (again, twice));
  }
}

static void
test_png_foreign_text (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (8, 8, FALSE);
  g_autoptr(GBytes) plain = encode (pixbuf, "png");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) latin1 = NULL;
  g_autoptr(GBytes) compressed = NULL;
  g_autoptr(EaselImageMetadata) read = NULL;
  char *buffer;
  gsize length;

  /* GdkPixbuf writes text it can as Latin-1 tEXt. */
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", &error,
                                            "tEXt::Description", "café crème", NULL));
  g_assert_no_error (error);
  latin1 = g_bytes_new_take (buffer, length);
  read = easel_image_metadata_read (latin1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->prompt, ==, "café crème");
  g_assert_null (read->parameters);
  g_assert_null (read->software);
  g_clear_pointer (&read, easel_image_metadata_free);

  /* zTXt (Latin-1, compressed) and a compressed iTXt (UTF-8). */
  {
    g_autoptr(GBytes) z = zlib_compress ("steps 20, cfg \xe9");
    g_autoptr(GBytes) itxt_text = zlib_compress ("一只猫");
    g_autoptr(GByteArray) ztxt = g_byte_array_new ();
    g_autoptr(GByteArray) itxt = g_byte_array_new ();
    g_autoptr(GBytes) with_ztxt = NULL;

    g_byte_array_append (ztxt, (const guint8 *) "parameters\0\0", 12);
    g_byte_array_append (ztxt, g_bytes_get_data (z, NULL), g_bytes_get_size (z));
    with_ztxt = png_insert_chunk (plain, "zTXt", ztxt->data, ztxt->len);

    g_byte_array_append (itxt, (const guint8 *) "Description\0\1\0zh\0\xe6\x8f\x8f\xe8\xbf\xb0\0",
                         24);
    g_byte_array_append (itxt, g_bytes_get_data (itxt_text, NULL),
                         g_bytes_get_size (itxt_text));
    compressed = png_insert_chunk (with_ztxt, "iTXt", itxt->data, itxt->len);
  }
  g_array_unref (png_chunks (compressed));

  read = easel_image_metadata_read (compressed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->prompt, ==, "一只猫");
  g_assert_cmpstr (read->parameters, ==, "steps 20, cfg é");
  g_clear_pointer (&read, easel_image_metadata_free);

  /* A PNG that says nothing. */
  read = easel_image_metadata_read (plain, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (read);
}

static void
test_png_damaged (void)
{
  g_autoptr(GBytes) png = make_image ("png", FALSE);
  g_autoptr(GBytes) jpeg = make_image ("jpeg", FALSE);
  g_autoptr(GBytes) cut = bytes_slice (png, 0, g_bytes_get_size (png) - 20);
  g_autoptr(GBytes) garbage = g_bytes_new_static ("\x89PNG\r\n\x1a\n garbage garbage", 26);
  g_autoptr(GBytes) noise = g_bytes_new_static ("not an image at all", 19);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselImageMetadata) read = NULL;
  guint8 *bad_type = g_memdup2 (g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  g_autoptr(GBytes) bad = NULL;

  /* A chunk type that is not four letters. */
  bad_type[8 + 25 + 4] = '1';
  bad = g_bytes_new_take (bad_type, g_bytes_get_size (png));

  assert_embed_fails (cut, "image/png", EASEL_ERROR_BAD_RESPONSE);
  assert_embed_fails (garbage, "image/png", EASEL_ERROR_BAD_RESPONSE);
  assert_embed_fails (bad, "image/png", EASEL_ERROR_BAD_RESPONSE);
  assert_embed_fails (noise, "image/png", EASEL_ERROR_BAD_RESPONSE);
  /* Bytes of another format than the one claimed. */
  assert_embed_fails (jpeg, "image/png", EASEL_ERROR_BAD_RESPONSE);
  /* A format Easel does not write. */
  assert_embed_fails (png, "image/gif", EASEL_ERROR_INVALID_REQUEST);

  read = easel_image_metadata_read (noise, &error);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE);
  g_assert_null (read);
  g_clear_error (&error);
  read = easel_image_metadata_read (cut, &error);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE);
  g_assert_null (read);
}

/* --- JPEG ---------------------------------------------------------------- */

typedef struct
{
  guint8        marker;
  const guint8 *payload;
  gsize         length;
} Segment;

/* The segments before the image data, each inside the file. */
static GArray *
jpeg_segments (GBytes *jpeg)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (jpeg, &length);
  GArray *segments = g_array_new (FALSE, TRUE, sizeof (Segment));
  gsize offset = 2;

  g_assert_cmphex (data[0], ==, 0xff);
  g_assert_cmphex (data[1], ==, 0xd8);

  for (;;)
    {
      Segment segment;
      gsize size;

      g_assert_cmpuint (offset + 4, <=, length);
      g_assert_cmphex (data[offset], ==, 0xff);
      segment.marker = data[offset + 1];
      if (segment.marker == 0xda)
        break;
      size = (data[offset + 2] << 8) | data[offset + 3];
      g_assert_cmpuint (size, >=, 2);
      g_assert_cmpuint (offset + 2 + size, <=, length);
      segment.payload = data + offset + 4;
      segment.length = size - 2;
      g_array_append_val (segments, segment);
      offset += 2 + size;
    }

  return segments;
}

static const Segment *
find_segment (GArray     *segments,
              guint8      marker,
              const char *prefix,
              guint      *count)
{
  const Segment *found = NULL;

  *count = 0;
  for (guint i = 0; i < segments->len; i++)
    {
      const Segment *segment = &g_array_index (segments, Segment, i);

      if (segment->marker != marker)
        continue;
      if (prefix != NULL &&
          (segment->length < strlen (prefix) + 1 ||
           memcmp (segment->payload, prefix, strlen (prefix) + 1) != 0))
        continue;
      if (found == NULL)
        found = segment;
      (*count)++;
    }

  return found;
}

#define XMP_NS "http://ns.adobe.com/xap/1.0/"

/* The XMP packet must be XML that any parser takes. */
static void
assert_well_formed (const char *text,
                    gsize       length)
{
  static const GMarkupParser nothing = { NULL };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&nothing, 0, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_markup_parse_context_parse (context, text, length, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

static void
test_jpeg_embed (void)
{
  g_autoptr(GBytes) jpeg = make_image ("jpeg", FALSE);
  g_autoptr(EaselImageMetadata) metadata = make_metadata (CHINESE_PROMPT, PARAMETERS);
  g_autoptr(GBytes) embedded = embed (jpeg, "image/jpeg", metadata);
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GArray) segments = jpeg_segments (embedded);
  g_autofree char *comment = g_strconcat (CHINESE_PROMPT, "\n", PARAMETERS, NULL);
  const Segment *com, *xmp;
  guint count;
  g_autofree char *packet = NULL;

  /* JFIF stays first; the packet and the comment come right after it. */
  g_assert_cmphex (g_array_index (segments, Segment, 0).marker, ==, 0xe0);
  g_assert_cmpmem (g_array_index (segments, Segment, 0).payload, 5, "JFIF\0", 5);
  g_assert_cmphex (g_array_index (segments, Segment, 1).marker, ==, 0xe1);
  g_assert_cmphex (g_array_index (segments, Segment, 2).marker, ==, 0xfe);

  com = find_segment (segments, 0xfe, NULL, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpmem (com->payload, com->length, comment, strlen (comment));

  xmp = find_segment (segments, 0xe1, XMP_NS, &count);
  g_assert_cmpuint (count, ==, 1);
  packet = g_strndup ((const char *) xmp->payload + 29, xmp->length - 29);
  assert_well_formed (packet, strlen (packet));
  g_assert_nonnull (strstr (packet,
                            "<xmp:CreatorTool>Easel " PACKAGE_VERSION "</xmp:CreatorTool>"));
  g_assert_nonnull (strstr (packet, "<easel:parameters>" PARAMETERS "</easel:parameters>"));
  g_assert_nonnull (strstr (packet, "a lighthouse &amp; &lt;waves&gt;"));
  g_assert_nonnull (strstr (packet, "dusk&#13;\nline two</rdf:li>"));

  assert_decodes_same (jpeg, embedded);
  assert_reads_back (embedded, metadata);

  /* A second save replaces the comment and the packet. */
  {
    g_autoptr(EaselImageMetadata) other = make_metadata ("other", "p2");
    g_autoptr(GArray) again_segments = NULL;

    again = embed (embedded, "image/jpeg", other);
    again_segments = jpeg_segments (again);
    find_segment (again_segments, 0xfe, NULL, &count);
    g_assert_cmpuint (count, ==, 1);
    find_segment (again_segments, 0xe1, XMP_NS, &count);
    g_assert_cmpuint (count, ==, 1);
    assert_reads_back (again, other);
    assert_decodes_same (jpeg, again);
  }
}

/* Fields left out stay out: a prompt's last line is not read as the
 * parameters, and a metadata without a prompt reads back without one. */
static void
test_jpeg_partial (void)
{
  g_autoptr(GBytes) jpeg = make_image ("jpeg", FALSE);
  EaselImageMetadata prompt_only = { (char *) "first line\nsecond line", NULL, NULL };
  EaselImageMetadata parameters_only = { NULL, (char *) PARAMETERS, NULL };
  EaselImageMetadata nothing = { NULL, NULL, NULL };
  g_autoptr(GBytes) with_prompt = embed (jpeg, "image/jpeg", &prompt_only);
  g_autoptr(GBytes) with_parameters = embed (jpeg, "image/jpeg", &parameters_only);
  g_autoptr(GBytes) cleared = embed (with_prompt, "image/jpeg", &nothing);
  g_autoptr(GArray) segments = jpeg_segments (cleared);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselImageMetadata) read = NULL;
  guint count;

  assert_reads_back (with_prompt, &prompt_only);
  assert_reads_back (with_parameters, &parameters_only);

  /* Nothing to say: the old comment and packet go, and none is added. */
  find_segment (segments, 0xfe, NULL, &count);
  g_assert_cmpuint (count, ==, 0);
  find_segment (segments, 0xe1, XMP_NS, &count);
  g_assert_cmpuint (count, ==, 0);
  read = easel_image_metadata_read (cleared, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  assert_decodes_same (jpeg, cleared);
}

/* A comment is all some programs write. */
static void
test_jpeg_comment_only (void)
{
  g_autoptr(GBytes) jpeg = make_image ("jpeg", FALSE);
  const guint8 *data = g_bytes_get_data (jpeg, NULL);
  static const char comment[] = "\xff\xfe\x00\x0b" "caf\xe9 noir";
  g_autoptr(GByteArray) with_comment = g_byte_array_new ();
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselImageMetadata) read = NULL;

  g_byte_array_append (with_comment, data, 2);
  g_byte_array_append (with_comment, (const guint8 *) comment, sizeof comment - 1);
  g_byte_array_append (with_comment, data + 2, g_bytes_get_size (jpeg) - 2);
  input = g_byte_array_free_to_bytes (g_steal_pointer (&with_comment));

  /* Not UTF-8: what cannot be read is replaced, the rest kept. */
  read = easel_image_metadata_read (input, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->prompt, ==, "caf\xef\xbf\xbd noir");
  g_assert_null (read->parameters);
  g_assert_null (read->software);
}

/* Exif must stay right after SOI (and JFIF), before the packet. */
static void
test_jpeg_after_exif (void)
{
  g_autoptr(GBytes) jpeg = make_image ("jpeg", FALSE);
  const guint8 *data = g_bytes_get_data (jpeg, NULL);
  gsize app0 = 4 + ((data[4] << 8) | data[5]);
  static const guint8 exif[] = {
    0xff, 0xe1, 0x00, 0x16, 'E', 'x', 'i', 'f', 0, 0,
    'I', 'I', 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  };
  g_autoptr(GByteArray) with_exif = g_byte_array_new ();
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GBytes) embedded = NULL;
  g_autoptr(GArray) segments = NULL;
  g_autoptr(EaselImageMetadata) metadata = make_metadata ("a fox", PARAMETERS);

  g_byte_array_append (with_exif, data, app0);
  g_byte_array_append (with_exif, exif, sizeof exif);
  g_byte_array_append (with_exif, data + app0, g_bytes_get_size (jpeg) - app0);
  input = g_byte_array_free_to_bytes (g_steal_pointer (&with_exif));

  embedded = embed (input, "image/jpeg", metadata);
  segments = jpeg_segments (embedded);
  g_assert_cmphex (g_array_index (segments, Segment, 0).marker, ==, 0xe0);
  g_assert_cmphex (g_array_index (segments, Segment, 1).marker, ==, 0xe1);
  g_assert_cmpmem (g_array_index (segments, Segment, 1).payload, 6, "Exif\0\0", 6);
  g_assert_cmphex (g_array_index (segments, Segment, 2).marker, ==, 0xe1);
  g_assert_cmpmem (g_array_index (segments, Segment, 2).payload, 29, XMP_NS, 29);
  assert_decodes_same (jpeg, embedded);
  assert_reads_back (embedded, metadata);
}

static void
assert_cut_prompt (const char *read,
                   const char *full)
{
  gsize length = strlen (read);

  g_assert_true (g_utf8_validate (read, -1, NULL));
  g_assert_true (g_str_has_suffix (read, "…"));
  g_assert_cmpuint (length, <, strlen (full));
  g_assert_true (strncmp (read, full, length - strlen ("…")) == 0);
}

static void
test_jpeg_long_prompt (void)
{
  g_autoptr(GBytes) jpeg = make_image ("jpeg", FALSE);
  /* Three bytes a character, five once escaped in XML, four. */
  const char *pieces[] = { "界", "&", "🐱" };

  for (guint p = 0; p < G_N_ELEMENTS (pieces); p++)
    {
      g_autoptr(GString) prompt = g_string_new (NULL);
      g_autoptr(EaselImageMetadata) metadata = NULL;
      g_autoptr(EaselImageMetadata) read = NULL;
      g_autoptr(GBytes) embedded = NULL;
      g_autoptr(GArray) segments = NULL;
      g_autoptr(GError) error = NULL;
      const Segment *com, *xmp;
      g_autofree char *comment = NULL;
      guint count;

      /* The longest prompt a request takes, in characters. */
      for (int i = 0; i < 32000; i++)
        g_string_append (prompt, pieces[p]);
      metadata = make_metadata (prompt->str, PARAMETERS);
      embedded = embed (jpeg, "image/jpeg", metadata);
      segments = jpeg_segments (embedded);

      com = find_segment (segments, 0xfe, NULL, &count);
      comment = g_strndup ((const char *) com->payload, com->length);
      g_assert_true (g_str_has_suffix (comment, "\n" PARAMETERS));
      *strrchr (comment, '\n') = '\0';
      if (prompt->len + 1 + strlen (PARAMETERS) > 65533)
        {
          assert_cut_prompt (comment, prompt->str);
          /* Filled to the limit, less at most one character. */
          g_assert_cmpuint (com->length, >, 65533 - strlen (pieces[p]));
        }
      else
        {
          g_assert_cmpstr (comment, ==, prompt->str);
        }

      xmp = find_segment (segments, 0xe1, XMP_NS, &count);
      g_assert_cmpuint (xmp->length, <=, 65533);
      g_assert_cmpuint (xmp->length, >, 65533 - 5 - 3);
      assert_well_formed ((const char *) xmp->payload + 29, xmp->length - 29);

      /* Reading gives the longer of the two: "&" takes five bytes in XML. */
      read = easel_image_metadata_read (embedded, &error);
      g_assert_no_error (error);
      if (g_str_equal (pieces[p], "&"))
        g_assert_cmpstr (read->prompt, ==, prompt->str);
      else
        assert_cut_prompt (read->prompt, prompt->str);
      g_assert_cmpstr (read->parameters, ==, PARAMETERS);
      assert_decodes_same (jpeg, embedded);
    }

  /* A prompt that just fits the comment is not cut there. */
  {
    gsize fits = 65533 - 1 - strlen (PARAMETERS);
    g_autofree char *prompt = g_strnfill (fits, 'a');
    g_autoptr(EaselImageMetadata) metadata = make_metadata (prompt, PARAMETERS);
    g_autoptr(GBytes) embedded = embed (jpeg, "image/jpeg", metadata);
    g_autoptr(GArray) segments = jpeg_segments (embedded);
    guint count;
    const Segment *com = find_segment (segments, 0xfe, NULL, &count);

    g_assert_cmpuint (com->length, ==, 65533);
    g_assert_cmpmem (com->payload, fits, prompt, fits);
  }
}

static void
test_jpeg_damaged (void)
{
  g_autoptr(GBytes) jpeg = make_image ("jpeg", FALSE);
  g_autoptr(GBytes) header_only = bytes_slice (jpeg, 0, 30);
  g_autoptr(GBytes) eoi = g_bytes_new_static ("\xff\xd8\xff\xd9", 4);
  g_autoptr(GBytes) stray = g_bytes_new_static ("\xff\xd8\xff\xe0\x00\x04" "ab\x12\x34\x56", 11);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselImageMetadata) read = NULL;

  assert_embed_fails (header_only, "image/jpeg", EASEL_ERROR_BAD_RESPONSE);
  assert_embed_fails (eoi, "image/jpeg", EASEL_ERROR_BAD_RESPONSE);
  assert_embed_fails (stray, "image/jpeg", EASEL_ERROR_BAD_RESPONSE);

  read = easel_image_metadata_read (eoi, &error);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE);
  g_clear_error (&error);

  read = easel_image_metadata_read (jpeg, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (read);
}

/* --- WebP ---------------------------------------------------------------- */

typedef struct
{
  GByteArray *bytes;
  guint64     bits;
  int         count;
} BitWriter;

static void
put_bits (BitWriter *writer,
          guint32    value,
          int        count)
{
  writer->bits |= (guint64) value << writer->count;
  writer->count += count;
  while (writer->count >= 8)
    {
      guint8 byte = writer->bits & 0xff;

      g_byte_array_append (writer->bytes, &byte, 1);
      writer->bits >>= 8;
      writer->count -= 8;
    }
}

/* A lossless WebP of one colour, written bit by bit after the VP8L
 * specification: no transform, no colour cache, and five "simple" prefix
 * codes of one symbol each, so every pixel takes no bits at all. */
static GBytes *
make_vp8l (int    width,
           int    height,
           guint8 a,
           guint8 r,
           guint8 g,
           guint8 b)
{
  BitWriter writer = { g_byte_array_new (), 0, 0 };
  const guint8 symbols[4] = { g, r, b, a };
  GByteArray *file = g_byte_array_new ();
  guint32 size;

  put_bits (&writer, 0x2f, 8);
  put_bits (&writer, width - 1, 14);
  put_bits (&writer, height - 1, 14);
  put_bits (&writer, 1, 1);      /* alpha is used */
  put_bits (&writer, 0, 3);      /* version */
  put_bits (&writer, 0, 1);      /* no transform */
  put_bits (&writer, 0, 1);      /* no colour cache */
  put_bits (&writer, 0, 1);      /* no meta prefix codes */
  for (int i = 0; i < 4; i++)
    {
      put_bits (&writer, 1, 1);  /* simple code */
      put_bits (&writer, 0, 1);  /* one symbol */
      put_bits (&writer, 1, 1);  /* of eight bits */
      put_bits (&writer, symbols[i], 8);
    }
  put_bits (&writer, 1, 1);      /* distance: simple, one symbol of one bit */
  put_bits (&writer, 0, 1);
  put_bits (&writer, 0, 1);
  put_bits (&writer, 0, 1);
  put_bits (&writer, 0, 7);      /* flush */

  size = GUINT32_TO_LE (4 + 8 + writer.bytes->len + (writer.bytes->len & 1));
  g_byte_array_append (file, (const guint8 *) "RIFF", 4);
  g_byte_array_append (file, (guint8 *) &size, 4);
  g_byte_array_append (file, (const guint8 *) "WEBPVP8L", 8);
  size = GUINT32_TO_LE (writer.bytes->len);
  g_byte_array_append (file, (guint8 *) &size, 4);
  g_byte_array_append (file, writer.bytes->data, writer.bytes->len);
  if (writer.bytes->len & 1)
    g_byte_array_append (file, (const guint8 *) "", 1);
  g_byte_array_unref (writer.bytes);

  return g_byte_array_free_to_bytes (file);
}

typedef struct
{
  char          fourcc[5];
  const guint8 *data;
  guint32       size;
} RiffChunk;

/* Every chunk, with the RIFF size and the padding checked. */
static GArray *
webp_chunks (GBytes *webp)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (webp, &length);
  GArray *chunks = g_array_new (FALSE, TRUE, sizeof (RiffChunk));
  gsize offset = 12;

  g_assert_cmpmem (data, 4, "RIFF", 4);
  g_assert_cmpmem (data + 8, 4, "WEBP", 4);
  g_assert_cmpuint (get_le32 (data + 4), ==, length - 8);
  g_assert_cmpuint (length % 2, ==, 0);

  while (offset < length)
    {
      RiffChunk chunk = { { 0 } };

      memcpy (chunk.fourcc, data + offset, 4);
      chunk.size = get_le32 (data + offset + 4);
      chunk.data = data + offset + 8;
      g_assert_cmpuint (offset + 8 + chunk.size + (chunk.size & 1), <=, length);
      g_array_append_val (chunks, chunk);
      offset += 8 + chunk.size + (chunk.size & 1);
    }
  g_assert_cmpuint (offset, ==, length);

  return chunks;
}

static guint
count_fourcc (GArray     *chunks,
              const char *fourcc)
{
  guint count = 0;

  for (guint i = 0; i < chunks->len; i++)
    count += g_str_equal (g_array_index (chunks, RiffChunk, i).fourcc, fourcc);

  return count;
}

static void
assert_vp8x (const RiffChunk *chunk,
             guint8           flags,
             int              width,
             int              height)
{
  g_assert_cmpstr (chunk->fourcc, ==, "VP8X");
  g_assert_cmpuint (chunk->size, ==, 10);
  g_assert_cmphex (chunk->data[0], ==, flags);
  g_assert_cmpint (chunk->data[4] | (chunk->data[5] << 8) | (chunk->data[6] << 16), ==, width - 1);
  g_assert_cmpint (chunk->data[7] | (chunk->data[8] << 8) | (chunk->data[9] << 16), ==,
                   height - 1);
}

static void
test_webp_simple_lossy (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (40, 30, FALSE);
  g_autoptr(GBytes) webp = encode (pixbuf, "webp");
  g_autoptr(GArray) original = webp_chunks (webp);
  g_autoptr(EaselImageMetadata) metadata = make_metadata (CHINESE_PROMPT, PARAMETERS);
  g_autoptr(GBytes) embedded = NULL;
  g_autoptr(GArray) chunks = NULL;
  const RiffChunk *image;

  /* What the GdkPixbuf writer makes of an opaque image: one VP8 chunk. */
  g_assert_cmpuint (original->len, ==, 1);
  g_assert_cmpstr (g_array_index (original, RiffChunk, 0).fourcc, ==, "VP8 ");

  embedded = embed (webp, "image/webp", metadata);
  chunks = webp_chunks (embedded);
  g_assert_cmpuint (chunks->len, ==, 3);
  assert_vp8x (&g_array_index (chunks, RiffChunk, 0), 0x04, 40, 30);
  image = &g_array_index (chunks, RiffChunk, 1);
  g_assert_cmpstr (image->fourcc, ==, "VP8 ");
  g_assert_cmpmem (image->data, image->size, g_array_index (original, RiffChunk, 0).data,
                   g_array_index (original, RiffChunk, 0).size);
  g_assert_cmpstr (g_array_index (chunks, RiffChunk, 2).fourcc, ==, "XMP ");
  assert_well_formed ((const char *) g_array_index (chunks, RiffChunk, 2).data,
                      g_array_index (chunks, RiffChunk, 2).size);

  assert_decodes_same (webp, embedded);
  assert_reads_back (embedded, metadata);
}

static void
test_webp_lossless (void)
{
  g_autoptr(GBytes) webp = make_vp8l (3, 2, 0x80, 0x12, 0x34, 0x56);
  g_autoptr(GdkPixbuf) pixbuf = decode (webp);
  g_autoptr(EaselImageMetadata) metadata = make_metadata ("一个像素", NULL);
  g_autoptr(GBytes) embedded = NULL;
  g_autoptr(GArray) chunks = NULL;

  /* The hand-made file is one a real decoder takes. */
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 3);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 2);
  g_assert_true (gdk_pixbuf_get_has_alpha (pixbuf));
  g_assert_cmpmem (gdk_pixbuf_read_pixels (pixbuf), 4, "\x12\x34\x56\x80", 4);

  embedded = embed (webp, "image/webp", metadata);
  chunks = webp_chunks (embedded);
  /* XMP and alpha, from the VP8L header's alpha bit. */
  assert_vp8x (&g_array_index (chunks, RiffChunk, 0), 0x14, 3, 2);
  g_assert_cmpstr (g_array_index (chunks, RiffChunk, 1).fourcc, ==, "VP8L");
  g_assert_cmpstr (g_array_index (chunks, RiffChunk, 2).fourcc, ==, "XMP ");
  assert_decodes_same (webp, embedded);
  assert_reads_back (embedded, metadata);
}

static void
test_webp_extended (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (40, 30, TRUE);
  g_autoptr(GBytes) webp = encode (pixbuf, "webp");
  g_autoptr(GArray) original = webp_chunks (webp);
  g_autoptr(EaselImageMetadata) first = make_metadata ("first", PARAMETERS);
  g_autoptr(EaselImageMetadata) second = make_metadata ("second <&>", "p2");
  g_autoptr(GBytes) once = NULL;
  g_autoptr(GBytes) twice = NULL;
  g_autoptr(GArray) chunks = NULL;
  guint8 original_flags;

  /* With alpha the writer makes VP8X + ALPH + VP8. */
  g_assert_cmpstr (g_array_index (original, RiffChunk, 0).fourcc, ==, "VP8X");
  original_flags = g_array_index (original, RiffChunk, 0).data[0];
  g_assert_cmphex (original_flags & 0x10, ==, 0x10);

  once = embed (webp, "image/webp", first);
  twice = embed (once, "image/webp", second);
  chunks = webp_chunks (twice);
  g_assert_cmpuint (chunks->len, ==, original->len + 1);
  assert_vp8x (&g_array_index (chunks, RiffChunk, 0), original_flags | 0x04, 40, 30);
  g_assert_cmpuint (count_fourcc (chunks, "XMP "), ==, 1);
  g_assert_cmpstr (g_array_index (chunks, RiffChunk, chunks->len - 1).fourcc, ==, "XMP ");
  assert_decodes_same (webp, twice);
  assert_reads_back (twice, second);
}

static void
test_webp_damaged (void)
{
  g_autoptr(GBytes) webp = make_vp8l (2, 2, 0xff, 1, 2, 3);
  gsize length = g_bytes_get_size (webp);
  g_autoptr(GBytes) cut = bytes_slice (webp, 0, length - 4);
  guint8 *lying = g_memdup2 (g_bytes_get_data (webp, NULL), length);
  guint8 *other = g_memdup2 (g_bytes_get_data (webp, NULL), length);
  g_autoptr(GBytes) chunk_past_end = NULL;
  g_autoptr(GBytes) not_image = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselImageMetadata) read = NULL;

  lying[16] = 0xf0;   /* the VP8L chunk claims 240 bytes */
  chunk_past_end = g_bytes_new_take (lying, length);
  memcpy (other + 12, "JUNK", 4);
  not_image = g_bytes_new_take (other, length);

  assert_embed_fails (cut, "image/webp", EASEL_ERROR_BAD_RESPONSE);
  assert_embed_fails (chunk_past_end, "image/webp", EASEL_ERROR_BAD_RESPONSE);
  assert_embed_fails (not_image, "image/webp", EASEL_ERROR_BAD_RESPONSE);

  read = easel_image_metadata_read (cut, &error);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE);
  g_clear_error (&error);
  read = easel_image_metadata_read (webp, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (read);
}

/* --- Saving -------------------------------------------------------------- */

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gboolean
save (GBytes                   *image,
      const char               *mime_type,
      GFile                    *destination,
      EaselOutputFormat         format,
      const EaselImageMetadata *metadata,
      GCancellable             *cancellable,
      GError                  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  easel_export_save_async (image, mime_type, destination, format, metadata, cancellable,
                           on_done, &result);
  return easel_export_save_finish (wait_for (&result), error);
}

static GFile *
save_to_folder (GBytes                   *image,
                const char               *mime_type,
                GFile                    *folder,
                const char               *name,
                EaselOutputFormat         format,
                const EaselImageMetadata *metadata,
                GCancellable             *cancellable,
                GError                  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  easel_export_save_to_folder_async (image, mime_type, folder, name, format, metadata,
                                     cancellable, on_done, &result);
  return easel_export_save_to_folder_finish (wait_for (&result), error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @directory, sorted and joined with "|". */
static char *
list_dir (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv ("|", (char **) names->pdata);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("easel-export-XXXXXX", &error);

  g_assert_no_error (error);
  return path;
}

static void
test_save_bytes (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "out.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) png = make_image ("png", TRUE);
  g_autoptr(EaselImageMetadata) metadata = make_metadata (CHINESE_PROMPT, PARAMETERS);
  g_autoptr(GBytes) expected = embed (png, "image/png", metadata);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  /* An older file of that name is replaced: the user chose it. */
  g_file_set_contents (path, "old", 3, &error);
  g_assert_no_error (error);

  g_assert_true (save (png, "image/png", file, EASEL_OUTPUT_FORMAT_PNG, metadata, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) written = read_file (path);

    g_assert_true (g_bytes_equal (written, expected));
  }
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "out.png");

  /* Without metadata and in its own format, the image is written as is. */
  g_assert_true (save (png, "image/png", file, EASEL_OUTPUT_FORMAT_PNG, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) written = read_file (path);

    g_assert_true (g_bytes_equal (written, png));
  }

  easel_test_remove_tree (dir);
}

static void
test_save_cancelled (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "out.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GBytes) png = make_image ("png", FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) written = NULL;
  g_autofree char *listing = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (save (png, "image/png", file, EASEL_OUTPUT_FORMAT_PNG, NULL, cancellable,
                        &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  written = save_to_folder (png, "image/png", folder, "name.png", EASEL_OUTPUT_FORMAT_PNG, NULL,
                            cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (written);

  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "");

  easel_test_remove_tree (dir);
}

static void
test_save_errors (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *subdir = g_build_filename (dir, "taken", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "out.png", NULL);
  g_autoptr(GFile) onto_dir = g_file_new_for_path (subdir);
  g_autoptr(GFile) in_missing = g_file_new_for_path (missing);
  g_autoptr(GFile) plain = NULL;
  g_autoptr(GFile) resource = g_file_new_for_uri ("resource:///io/github/easelapp/x.png");
  g_autoptr(GBytes) png = make_image ("png", FALSE);
  g_autoptr(GBytes) noise = g_bytes_new_static ("nothing", 7);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *plain_path = g_build_filename (dir, "plain.png", NULL);

  g_assert_cmpint (g_mkdir (subdir, 0755), ==, 0);
  plain = g_file_new_for_path (plain_path);

  /* The rename fails onto a folder: the temp file must not stay behind. */
  g_assert_false (save (png, "image/png", onto_dir, EASEL_OUTPUT_FORMAT_PNG, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_nonnull (strstr (error->message, "taken"));
  g_clear_error (&error);

  g_assert_false (save (png, "image/png", in_missing, EASEL_OUTPUT_FORMAT_PNG, NULL, NULL,
                        &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Not a local file: written through GIO, whose error comes back. */
  g_assert_false (save (png, "image/png", resource, EASEL_OUTPUT_FORMAT_PNG, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_clear_error (&error);

  g_assert_false (save (noise, "image/png", plain, EASEL_OUTPUT_FORMAT_PNG, NULL, NULL, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE);
  g_clear_error (&error);
  g_assert_false (save (png, "image/bmp", plain, EASEL_OUTPUT_FORMAT_JPEG, NULL, NULL, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "taken");
  g_free (listing);
  listing = list_dir (subdir);
  g_assert_cmpstr (listing, ==, "");

  easel_test_remove_tree (dir);
}

static void
test_folder_numbering (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *target = g_build_filename (dir, "new", "deeper", NULL);
  g_autofree char *other = g_build_filename (target, "other.png", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (target);
  g_autoptr(GBytes) png = make_image ("png", FALSE);
  g_autoptr(EaselImageMetadata) metadata = make_metadata ("a cat", PARAMETERS);
  g_autoptr(GBytes) expected = embed (png, "image/png", metadata);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  const char *names[] = { "name.png", "name (2).png", "name (3).png" };

  /* The folder is made when missing. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GFile) written = save_to_folder (png, "image/png", folder, "name.png",
                                                 EASEL_OUTPUT_FORMAT_PNG, metadata, NULL, &error);
      g_autofree char *basename = NULL;
      g_autofree char *path = NULL;

      g_assert_no_error (error);
      basename = g_file_get_basename (written);
      g_assert_cmpstr (basename, ==, names[i]);
      path = g_file_get_path (written);
      {
        g_autoptr(GBytes) bytes = read_file (path);

        g_assert_true (g_bytes_equal (bytes, expected));
      }
    }

  /* A file that was there before is never touched. */
  g_file_set_contents (other, "keep me", -1, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GFile) written = save_to_folder (png, "image/png", folder, "other.png",
                                               EASEL_OUTPUT_FORMAT_PNG, NULL, NULL, &error);
    g_autofree char *basename = g_file_get_basename (written);
    g_autoptr(GBytes) kept = read_file (other);

    g_assert_no_error (error);
    g_assert_cmpstr (basename, ==, "other (2).png");
    g_assert_cmpmem (g_bytes_get_data (kept, NULL), g_bytes_get_size (kept), "keep me", 7);
  }

  /* The format decides the extension: a JPEG asked for as "photo.png" is
   * "photo.jpg", and a name without one gets it. */
  {
    g_autoptr(GFile) as_jpeg = save_to_folder (png, "image/png", folder, "photo.png",
                                               EASEL_OUTPUT_FORMAT_JPEG, NULL, NULL, &error);
    g_autoptr(GFile) bare = NULL;
    g_autofree char *basename = g_file_get_basename (as_jpeg);
    g_autofree char *bare_name = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (basename, ==, "photo.jpg");
    bare = save_to_folder (png, "image/png", folder, "v1.2 final", EASEL_OUTPUT_FORMAT_PNG, NULL,
                           NULL, &error);
    g_assert_no_error (error);
    bare_name = g_file_get_basename (bare);
    g_assert_cmpstr (bare_name, ==, "v1.2 final.png");
  }

  listing = list_dir (target);
  g_assert_cmpstr (listing, ==,
                   "name (2).png|name (3).png|name.png|other (2).png|other.png|photo.jpg|"
                   "v1.2 final.png");

  easel_test_remove_tree (dir);
}

static void
test_folder_errors (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *file_path = g_build_filename (dir, "a-file", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) not_folder = g_file_new_for_path (file_path);
  g_autoptr(GFile) resource = g_file_new_for_uri ("resource:///io/github/easelapp/folder");
  g_autoptr(GBytes) png = make_image ("png", FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  const char *bad_names[] = { "a/b.png", "", "..", "." };

  g_file_set_contents (file_path, "x", 1, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++)
    {
      g_autoptr(GFile) written = save_to_folder (png, "image/png", folder, bad_names[i],
                                                 EASEL_OUTPUT_FORMAT_PNG, NULL, NULL, &error);

      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
      g_assert_null (written);
      g_clear_error (&error);
    }

  /* A file where the folder should be. */
  {
    g_autoptr(GFile) written = save_to_folder (png, "image/png", not_folder, "x.png",
                                               EASEL_OUTPUT_FORMAT_PNG, NULL, NULL, &error);

    g_assert_nonnull (error);
    g_assert_true (error->domain == G_IO_ERROR);
    g_assert_null (written);
    g_clear_error (&error);
  }

  /* Not a local folder, and not one GIO can write to. */
  {
    g_autoptr(GFile) written = save_to_folder (png, "image/png", resource, "x.png",
                                               EASEL_OUTPUT_FORMAT_PNG, NULL, NULL, &error);

    g_assert_nonnull (error);
    g_assert_true (error->domain == G_IO_ERROR);
    g_assert_null (written);
    g_clear_error (&error);
  }

  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "a-file");

  easel_test_remove_tree (dir);
}

/* --- Converting ---------------------------------------------------------- */

static GBytes *
save_and_read (GBytes                   *image,
               const char               *mime_type,
               EaselOutputFormat         format,
               const EaselImageMetadata *metadata,
               GError                  **error)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "converted", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GBytes *bytes = NULL;

  if (save (image, mime_type, file, format, metadata, NULL, error))
    bytes = read_file (path);

  easel_test_remove_tree (dir);
  return bytes;
}

static void
test_convert_png_to_jpeg (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 64, 64);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;
  g_autoptr(EaselImageMetadata) metadata = make_metadata (CHINESE_PROMPT, PARAMETERS);
  g_autoptr(GError) error = NULL;
  const guint8 *p;

  /* Half-transparent red: on white it is pink, not the dark red that
   * dropping the alpha would give. */
  gdk_pixbuf_fill (pixbuf, 0xff000080);
  png = encode (pixbuf, "png");

  jpeg = save_and_read (png, "image/png", EASEL_OUTPUT_FORMAT_JPEG, metadata, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (easel_image_sniff_mime_type (g_bytes_get_data (jpeg, NULL),
                                                g_bytes_get_size (jpeg)), ==, "image/jpeg");
  decoded = decode (jpeg);
  g_assert_false (gdk_pixbuf_get_has_alpha (decoded));
  p = gdk_pixbuf_read_pixels (decoded) + 32 * gdk_pixbuf_get_rowstride (decoded) + 32 * 3;
  g_assert_cmpint (p[0], >=, 248);
  g_assert_cmpint (ABS (p[1] - 127), <=, 6);
  g_assert_cmpint (ABS (p[2] - 127), <=, 6);
  assert_reads_back (jpeg, metadata);
}

static void
test_convert_jpeg_to_png (void)
{
  g_autoptr(GBytes) jpeg = make_image ("jpeg", FALSE);
  g_autoptr(EaselImageMetadata) metadata = make_metadata ("to png", PARAMETERS);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = save_and_read (jpeg, "image/jpeg", EASEL_OUTPUT_FORMAT_PNG, metadata,
                                         &error);
  g_autoptr(GArray) chunks = NULL;

  g_assert_no_error (error);
  chunks = png_chunks (png);
  g_assert_cmpuint (count_keyword (chunks, "Description"), ==, 1);
  /* PNG is lossless: the JPEG's decoded pixels, exactly. */
  assert_decodes_same (jpeg, png);
  assert_reads_back (png, metadata);

  /* A damaged image cannot be converted. */
  {
    g_autoptr(GBytes) cut = bytes_slice (jpeg, 0, 40);
    g_autoptr(GBytes) none = save_and_read (cut, "image/jpeg", EASEL_OUTPUT_FORMAT_PNG, NULL,
                                            &error);

    g_assert_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE);
    g_assert_null (none);
  }
}

static void
test_convert_to_webp (void)
{
  g_autoptr(GBytes) png = make_image ("png", TRUE);
  g_autoptr(EaselImageMetadata) metadata = make_metadata ("to webp", PARAMETERS);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) webp = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;
  g_autoptr(GArray) chunks = NULL;

  if (!easel_export_can_convert_to (EASEL_OUTPUT_FORMAT_WEBP))
    {
      g_test_skip ("No GdkPixbuf WebP writer here");
      return;
    }

  webp = save_and_read (png, "image/png", EASEL_OUTPUT_FORMAT_WEBP, metadata, &error);
  g_assert_no_error (error);
  chunks = webp_chunks (webp);
  g_assert_cmpuint (count_fourcc (chunks, "XMP "), ==, 1);
  decoded = decode (webp);
  g_assert_cmpint (gdk_pixbuf_get_width (decoded), ==, 40);
  g_assert_cmpint (gdk_pixbuf_get_height (decoded), ==, 30);
  assert_reads_back (webp, metadata);
}

/* Run in a child whose GdkPixbuf knows only its built-in PNG and JPEG. */
static void
test_convert_webp_unavailable (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = make_temp_dir ();
      g_autofree char *cache = g_build_filename (dir, "loaders.cache", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) png = NULL;
      g_autoptr(GBytes) webp = make_vp8l (2, 2, 0xff, 9, 8, 7);
      g_autoptr(GBytes) none = NULL;
      g_autoptr(GBytes) kept = NULL;
      g_autoptr(EaselImageMetadata) metadata = make_metadata ("still webp", PARAMETERS);

      g_file_set_contents (cache, "# no loaders\n", -1, &error);
      g_assert_no_error (error);
      g_setenv ("GDK_PIXBUF_MODULE_FILE", cache, TRUE);

      g_assert_true (easel_export_can_convert_to (EASEL_OUTPUT_FORMAT_PNG));
      g_assert_true (easel_export_can_convert_to (EASEL_OUTPUT_FORMAT_JPEG));
      g_assert_false (easel_export_can_convert_to (EASEL_OUTPUT_FORMAT_WEBP));

      png = make_image ("png", FALSE);
      none = save_and_read (png, "image/png", EASEL_OUTPUT_FORMAT_WEBP, NULL, &error);
      g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
      g_assert_nonnull (strstr (error->message, "WebP"));
      g_assert_nonnull (strstr (error->message, "PNG, JPEG"));
      g_assert_null (none);
      g_clear_error (&error);

      /* Nor can a WebP be read to convert it… */
      none = save_and_read (webp, "image/webp", EASEL_OUTPUT_FORMAT_PNG, NULL, &error);
      g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
      g_clear_error (&error);

      /* …but kept as WebP it is saved, with its prompt, all the same. */
      kept = save_and_read (webp, "image/webp", EASEL_OUTPUT_FORMAT_WEBP, metadata, &error);
      g_assert_no_error (error);
      assert_reads_back (kept, metadata);

      easel_test_remove_tree (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* --- Names --------------------------------------------------------------- */

static void
assert_name (const char        *prompt,
             EaselOutputFormat  format,
             const char        *expected)
{
  EaselImageMetadata metadata = { (char *) prompt, NULL, NULL };
  g_autofree char *name = easel_export_suggest_name (&metadata, format);

  g_assert_cmpstr (name, ==, expected);
}

static void
test_suggest_name (void)
{
  g_autoptr(GString) long_cjk = g_string_new (NULL);
  g_autofree char *name = NULL;
  g_autofree char *expected = NULL;

  assert_name ("a lighthouse at dusk", EASEL_OUTPUT_FORMAT_PNG, "a lighthouse at dusk.png");
  assert_name ("one two three four five six seven eight nine ten", EASEL_OUTPUT_FORMAT_JPEG,
               "one two three four five six seven eight.jpg");
  /* What FAT, NTFS or ext4 refuse ends a word, and whitespace collapses. */
  assert_name ("cats/dogs: \"big\" <small>|a*b?c\\d", EASEL_OUTPUT_FORMAT_PNG,
               "cats dogs big small a b c d.png");
  assert_name ("  a\n\n\tb\x01\x7f c\r\n", EASEL_OUTPUT_FORMAT_WEBP, "a b c.webp");
  assert_name ("🐱 猫咪在月光下　✨", EASEL_OUTPUT_FORMAT_WEBP, "🐱 猫咪在月光下 ✨.webp");
  /* Hidden files and names Windows trims. */
  assert_name ("...hidden thing. ", EASEL_OUTPUT_FORMAT_PNG, "hidden thing.png");
  /* A right-to-left override cannot disguise the extension. */
  assert_name ("cat\u202egnp.exe", EASEL_OUTPUT_FORMAT_PNG, "catgnp.exe.png");
  assert_name ("con", EASEL_OUTPUT_FORMAT_PNG, "con_.png");
  assert_name ("LPT1.txt", EASEL_OUTPUT_FORMAT_PNG, "LPT1_.txt.png");
  assert_name ("", EASEL_OUTPUT_FORMAT_PNG, "Easel image.png");
  assert_name ("/// ... ???", EASEL_OUTPUT_FORMAT_JPEG, "Easel image.jpg");
  assert_name (NULL, EASEL_OUTPUT_FORMAT_PNG, "Easel image.png");
  name = easel_export_suggest_name (NULL, EASEL_OUTPUT_FORMAT_WEBP);
  g_assert_cmpstr (name, ==, "Easel image.webp");
  g_clear_pointer (&name, g_free);

  /* No spaces to cut at: 60 characters exactly, whole characters. */
  for (int i = 0; i < 100; i++)
    g_string_append (long_cjk, "猫");
  name = easel_export_suggest_name (&(EaselImageMetadata) { long_cjk->str, NULL, NULL },
                                    EASEL_OUTPUT_FORMAT_PNG);
  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (name, -1), ==, 60 + 4);
  expected = g_utf8_substring (long_cjk->str, 0, 60);
  g_assert_true (g_str_has_prefix (name, expected));
  g_assert_cmpstr (name + strlen (expected), ==, ".png");
  g_clear_pointer (&name, g_free);

  /* Long words: cut at the last whole word within 60 characters. */
  assert_name ("supercalifragilistic expialidocious antidisestablishmentarianism "
               "pneumonoultramicroscopic", EASEL_OUTPUT_FORMAT_PNG,
               "supercalifragilistic expialidocious.png");
  /* Whole words that fill the name to 59 characters all stay. */
  assert_name ("abcdefghi abcdefghi abcdefghi abcdefghi abcdefghi abcdefghi next",
               EASEL_OUTPUT_FORMAT_PNG,
               "abcdefghi abcdefghi abcdefghi abcdefghi abcdefghi abcdefghi.png");
  assert_name ("a-very-long-single-token-without-any-spaces-in-it-at-all-whatsoever",
               EASEL_OUTPUT_FORMAT_PNG,
               "a-very-long-single-token-without-any-spaces-in-it-at-all-wha.png");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/metadata/for-request", test_metadata_for_request);
  g_test_add_func ("/export/metadata/every-option", test_metadata_every_option);
  g_test_add_func ("/export/png/embed", test_png_embed);
  g_test_add_func ("/export/png/replace", test_png_replace);
  g_test_add_func ("/export/png/foreign-text", test_png_foreign_text);
  g_test_add_func ("/export/png/damaged", test_png_damaged);
  g_test_add_func ("/export/jpeg/embed", test_jpeg_embed);
  g_test_add_func ("/export/jpeg/after-exif", test_jpeg_after_exif);
  g_test_add_func ("/export/jpeg/partial", test_jpeg_partial);
  g_test_add_func ("/export/jpeg/comment-only", test_jpeg_comment_only);
  g_test_add_func ("/export/jpeg/long-prompt", test_jpeg_long_prompt);
  g_test_add_func ("/export/jpeg/damaged", test_jpeg_damaged);
  g_test_add_func ("/export/webp/simple-lossy", test_webp_simple_lossy);
  g_test_add_func ("/export/webp/lossless", test_webp_lossless);
  g_test_add_func ("/export/webp/extended", test_webp_extended);
  g_test_add_func ("/export/webp/damaged", test_webp_damaged);
  g_test_add_func ("/export/save/bytes", test_save_bytes);
  g_test_add_func ("/export/save/cancelled", test_save_cancelled);
  g_test_add_func ("/export/save/errors", test_save_errors);
  g_test_add_func ("/export/folder/numbering", test_folder_numbering);
  g_test_add_func ("/export/folder/errors", test_folder_errors);
  g_test_add_func ("/export/convert/png-to-jpeg", test_convert_png_to_jpeg);
  g_test_add_func ("/export/convert/jpeg-to-png", test_convert_jpeg_to_png);
  g_test_add_func ("/export/convert/to-webp", test_convert_to_webp);
  g_test_add_func ("/export/convert/webp-unavailable", test_convert_webp_unavailable);
  g_test_add_func ("/export/suggest-name", test_suggest_name);

  return g_test_run ();
}
