/* easel-image-metadata-png.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Metadata in PNG files: iTXt chunks written right after the header, and
 * the text chunks of any kind read back. The chunks are walked and copied
 * as they are, so the compressed pixels are never touched. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "easel-image-metadata-private.h"

/* Text chunks from other programs may be compressed; what they inflate to
 * is capped, so a crafted file cannot make Easel allocate without end. */
#define INFLATED_TEXT_MAX (1024 * 1024)

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
append_be32 (GByteArray *out,
             guint32     value)
{
  guint8 bytes[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (out, bytes, 4);
}

static void
append_string (GByteArray *out,
               const char *text,
               gboolean    with_nul)
{
  g_byte_array_append (out, (const guint8 *) text, strlen (text) + (with_nul ? 1 : 0));
}

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

typedef struct
{
  const guint8 *start;   /* the length field */
  guint32       length;  /* of the data */
  const guint8 *type;
  const guint8 *data;
} PngChunk;

/* The CRC-32 of ISO 3309 that PNG chunks end with (over type and data).
 * Bit by bit: metadata chunks are a few kilobytes. */
static guint32
png_crc (const guint8 *data,
         gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int bit = 0; bit < 8; bit++)
        crc = (crc >> 1) ^ (0xedb88320 & (0u - (crc & 1)));
    }

  return crc ^ 0xffffffff;
}

/* Walks the chunks from the signature to IEND, checking that each one
 * fits; @end is the offset after IEND. */
static gboolean
png_parse (const guint8  *data,
           gsize          length,
           GArray        *chunks,
           gsize         *end,
           GError       **error)
{
  gsize offset = sizeof png_signature;

  if (length < offset || memcmp (data, png_signature, offset) != 0)
    {
      easel_image_metadata_set_damaged (error, "PNG", _("no PNG signature"));
      return FALSE;
    }

  for (;;)
    {
      PngChunk chunk;

      if (length - offset < 12)
        {
          easel_image_metadata_set_damaged (error, "PNG", _("it is cut short"));
          return FALSE;
        }

      chunk.start = data + offset;
      chunk.length = read_be32 (data + offset);
      chunk.type = data + offset + 4;
      chunk.data = data + offset + 8;
      if (chunk.length > G_MAXINT32 || chunk.length > length - offset - 12)
        {
          easel_image_metadata_set_damaged (error, "PNG", _("a chunk runs past the end"));
          return FALSE;
        }
      for (int i = 0; i < 4; i++)
        {
          if (!g_ascii_isalpha (chunk.type[i]))
            {
              easel_image_metadata_set_damaged (error, "PNG", _("a chunk has no valid type"));
              return FALSE;
            }
        }
      if (chunks->len == 0 && (memcmp (chunk.type, "IHDR", 4) != 0 || chunk.length != 13))
        {
          easel_image_metadata_set_damaged (error, "PNG", _("it does not start with a header"));
          return FALSE;
        }

      g_array_append_val (chunks, chunk);
      offset += 12 + (gsize) chunk.length;

      if (memcmp (chunk.type, "IEND", 4) == 0)
        {
          *end = offset;
          return TRUE;
        }
    }
}

/* The keyword of a tEXt, zTXt or iTXt chunk, or NULL for other chunks. */
static char *
png_text_keyword (const PngChunk *chunk,
                  gsize          *keyword_length)
{
  const guint8 *nul;

  if (memcmp (chunk->type, "tEXt", 4) != 0 && memcmp (chunk->type, "zTXt", 4) != 0 &&
      memcmp (chunk->type, "iTXt", 4) != 0)
    return NULL;

  nul = memchr (chunk->data, '\0', MIN (chunk->length, 80));
  if (nul == NULL || nul == chunk->data)
    return NULL;

  *keyword_length = nul - chunk->data;
  return g_strndup ((const char *) chunk->data, *keyword_length);
}

static gboolean
is_our_keyword (const char *keyword)
{
  return g_str_equal (keyword, "Description") || g_str_equal (keyword, "parameters") ||
         g_str_equal (keyword, "Software");
}

/* An uncompressed iTXt chunk: UTF-8 text, no language tag. */
static void
png_append_itxt (GByteArray *out,
                 const char *keyword,
                 const char *text)
{
  gsize start = out->len;
  static const guint8 flags_and_tags[4] = { 0, 0, 0, 0 };

  if (text == NULL)
    return;

  append_be32 (out, strlen (keyword) + 1 + sizeof flags_and_tags + strlen (text));
  append_string (out, "iTXt", FALSE);
  append_string (out, keyword, TRUE);
  /* Compression flag and method, then the empty language tag and
   * translated keyword with their NULs. */
  g_byte_array_append (out, flags_and_tags, sizeof flags_and_tags);
  append_string (out, text, FALSE);
  append_be32 (out, png_crc (out->data + start + 4, out->len - start - 4));
}

GBytes *
easel_png_embed (const guint8              *data,
                 gsize                      length,
                 const EaselImageMetadata  *metadata,
                 GError                   **error)
{
  g_autoptr(GArray) chunks = g_array_new (FALSE, FALSE, sizeof (PngChunk));
  g_autoptr(GByteArray) out = NULL;
  gsize end;

  if (!png_parse (data, length, chunks, &end, error))
    return NULL;

  out = g_byte_array_sized_new (length + 1024);
  g_byte_array_append (out, data, sizeof png_signature);
  g_byte_array_append (out, g_array_index (chunks, PngChunk, 0).start, 12 + 13);

  /* Right after the header, where every reader sees them before the
   * pixels: libpng (and so GdkPixbuf) only reports those. */
  png_append_itxt (out, "Description", metadata->prompt);
  png_append_itxt (out, "parameters", metadata->parameters);
  png_append_itxt (out, "Software", metadata->software);

  for (guint i = 1; i < chunks->len; i++)
    {
      const PngChunk *chunk = &g_array_index (chunks, PngChunk, i);
      gsize keyword_length;
      g_autofree char *keyword = png_text_keyword (chunk, &keyword_length);

      /* Saving again replaces what an earlier save wrote. */
      if (keyword != NULL && is_our_keyword (keyword))
        continue;
      g_byte_array_append (out, chunk->start, 12 + (gsize) chunk->length);
    }

  /* Anything after IEND is not Easel's to drop. */
  g_byte_array_append (out, data + end, length - end);

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static char *
inflate_text (const guint8 *data,
              gsize         length)
{
  g_autoptr(GZlibDecompressor) decompressor = NULL;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize offset = 0;

  decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
  for (;;)
    {
      guint8 buffer[8192];
      gsize bytes_read = 0, bytes_written = 0;
      GConverterResult result;

      result = g_converter_convert (G_CONVERTER (decompressor), data + offset, length - offset,
                                    buffer, sizeof buffer, G_CONVERTER_INPUT_AT_END,
                                    &bytes_read, &bytes_written, NULL);
      if (result == G_CONVERTER_ERROR)
        return NULL;

      offset += bytes_read;
      g_byte_array_append (out, buffer, bytes_written);
      if (out->len > INFLATED_TEXT_MAX)
        return NULL;
      if (result == G_CONVERTER_FINISHED)
        break;
    }

  g_byte_array_append (out, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&out), FALSE);
}

/* The text of a text chunk as UTF-8, or NULL when it cannot be read. */
static char *
png_text_value (const PngChunk *chunk,
                gsize           keyword_length)
{
  const guint8 *p = chunk->data + keyword_length + 1;
  gsize left = chunk->length - keyword_length - 1;
  g_autofree char *latin1 = NULL;

  if (memcmp (chunk->type, "iTXt", 4) == 0)
    {
      g_autofree char *text = NULL;
      const guint8 *nul;
      gboolean compressed;

      if (left < 2 || p[1] != 0)
        return NULL;
      compressed = p[0] != 0;
      p += 2, left -= 2;
      /* Skip the language tag and the translated keyword. */
      for (int i = 0; i < 2; i++)
        {
          nul = memchr (p, '\0', left);
          if (nul == NULL)
            return NULL;
          left -= nul + 1 - p;
          p = nul + 1;
        }

      text = compressed ? inflate_text (p, left) : g_strndup ((const char *) p, left);
      if (text == NULL || !g_utf8_validate (text, -1, NULL))
        return NULL;
      return g_steal_pointer (&text);
    }

  /* tEXt and zTXt are Latin-1. */
  if (memcmp (chunk->type, "zTXt", 4) == 0)
    {
      if (left < 1 || p[0] != 0)
        return NULL;
      latin1 = inflate_text (p + 1, left - 1);
    }
  else
    {
      latin1 = g_strndup ((const char *) p, left);
    }

  if (latin1 == NULL)
    return NULL;
  return g_convert (latin1, -1, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
}

gboolean
easel_png_read (const guint8        *data,
                gsize                length,
                EaselImageMetadata  *into,
                GError             **error)
{
  g_autoptr(GArray) chunks = g_array_new (FALSE, FALSE, sizeof (PngChunk));
  gsize end;

  if (!png_parse (data, length, chunks, &end, error))
    return FALSE;

  for (guint i = 0; i < chunks->len; i++)
    {
      const PngChunk *chunk = &g_array_index (chunks, PngChunk, i);
      gsize keyword_length;
      g_autofree char *keyword = png_text_keyword (chunk, &keyword_length);
      char **slot;

      if (keyword == NULL)
        continue;
      if (g_str_equal (keyword, "Description"))
        slot = &into->prompt;
      else if (g_str_equal (keyword, "parameters"))
        slot = &into->parameters;
      else if (g_str_equal (keyword, "Software"))
        slot = &into->software;
      else
        continue;

      if (*slot == NULL)
        *slot = png_text_value (chunk, keyword_length);
    }

  return TRUE;
}
