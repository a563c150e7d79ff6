/* easel-image-metadata-webp.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Metadata in WebP files: an XMP chunk in the RIFF container, with the
 * extended (VP8X) header that a file needs to hold one. The image chunks
 * are copied as they are. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-image-metadata-private.h"

static guint32
read_le32 (const guint8 *p)
{
  return p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static void
append_le24 (GByteArray *out,
             guint32     value)
{
  guint8 bytes[3] = { value, value >> 8, value >> 16 };

  g_byte_array_append (out, bytes, 3);
}

static void
append_le32 (GByteArray *out,
             guint32     value)
{
  guint8 bytes[4] = { value, value >> 8, value >> 16, value >> 24 };

  g_byte_array_append (out, bytes, 4);
}

#define VP8X_FLAG_XMP   0x04
#define VP8X_FLAG_ALPHA 0x10

typedef struct
{
  const guint8 *fourcc;
  const guint8 *data;
  guint32       size;
} WebpChunk;

static gboolean
webp_is (const WebpChunk *chunk,
         const char      *fourcc)
{
  return memcmp (chunk->fourcc, fourcc, 4) == 0;
}

/* Walks the chunks of the RIFF container; @end is where it ends. */
static gboolean
webp_parse (const guint8  *data,
            gsize          length,
            GArray        *chunks,
            gsize         *end,
            GError       **error)
{
  guint32 riff_size;
  gsize offset = 12;

  if (length < 12 || memcmp (data, "RIFF", 4) != 0 || memcmp (data + 8, "WEBP", 4) != 0)
    {
      easel_image_metadata_set_damaged (error, "WebP", _("no RIFF WEBP header"));
      return FALSE;
    }
  riff_size = read_le32 (data + 4);
  if (riff_size < 4 || riff_size > length - 8)
    {
      easel_image_metadata_set_damaged (error, "WebP", _("it is cut short"));
      return FALSE;
    }
  *end = 8 + (gsize) riff_size;

  while (offset < *end)
    {
      WebpChunk chunk;

      if (*end - offset < 8 || read_le32 (data + offset + 4) > *end - offset - 8)
        {
          easel_image_metadata_set_damaged (error, "WebP", _("a chunk runs past the end"));
          return FALSE;
        }
      chunk.fourcc = data + offset;
      chunk.size = read_le32 (data + offset + 4);
      chunk.data = data + offset + 8;
      g_array_append_val (chunks, chunk);
      /* Chunks are padded to an even size; a last one may lack it. */
      offset += MIN (8 + (gsize) chunk.size + (chunk.size & 1), *end - offset);
    }

  if (chunks->len == 0 || (!webp_is (&g_array_index (chunks, WebpChunk, 0), "VP8 ") &&
                           !webp_is (&g_array_index (chunks, WebpChunk, 0), "VP8L") &&
                           !webp_is (&g_array_index (chunks, WebpChunk, 0), "VP8X")))
    {
      easel_image_metadata_set_damaged (error, "WebP", _("it does not start with an image"));
      return FALSE;
    }

  return TRUE;
}

static void
webp_append_chunk (GByteArray   *out,
                   const guint8 *fourcc,
                   const guint8 *data,
                   gsize         size)
{
  g_byte_array_append (out, fourcc, 4);
  append_le32 (out, size);
  g_byte_array_append (out, data, size);
  if (size & 1)
    g_byte_array_append (out, (const guint8 *) "", 1);
}

/* A simple file (one VP8 or VP8L chunk) can hold no metadata: the
 * extended header is added, with the canvas size read from the bitstream. */
static gboolean
webp_append_vp8x (GByteArray       *out,
                  const WebpChunk  *image,
                  GError          **error)
{
  guint32 width, height;
  guint8 flags = VP8X_FLAG_XMP;
  static const guint8 reserved[3] = { 0, 0, 0 };

  if (webp_is (image, "VP8L") && image->size >= 5 && image->data[0] == 0x2f)
    {
      guint32 bits = read_le32 (image->data + 1);

      width = 1 + (bits & 0x3fff);
      height = 1 + ((bits >> 14) & 0x3fff);
      if (bits & (1u << 28))
        flags |= VP8X_FLAG_ALPHA;
    }
  else if (webp_is (image, "VP8 ") && image->size >= 10 && image->data[3] == 0x9d &&
           image->data[4] == 0x01 && image->data[5] == 0x2a)
    {
      width = (image->data[6] | (image->data[7] << 8)) & 0x3fff;
      height = (image->data[8] | (image->data[9] << 8)) & 0x3fff;
    }
  else
    {
      easel_image_metadata_set_damaged (error, "WebP", _("its image header cannot be read"));
      return FALSE;
    }

  if (width == 0 || height == 0)
    {
      easel_image_metadata_set_damaged (error, "WebP", _("its image has no size"));
      return FALSE;
    }

  g_byte_array_append (out, (const guint8 *) "VP8X", 4);
  append_le32 (out, 10);
  g_byte_array_append (out, &flags, 1);
  g_byte_array_append (out, reserved, sizeof reserved);
  append_le24 (out, width - 1);
  append_le24 (out, height - 1);

  return TRUE;
}

static gboolean
webp_is_known (const WebpChunk *chunk)
{
  static const char * const known[] = {
    "VP8X", "ICCP", "ANIM", "ANMF", "ALPH", "VP8 ", "VP8L", "EXIF",
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      if (webp_is (chunk, known[i]))
        return TRUE;
    }
  return FALSE;
}

GBytes *
easel_webp_embed (const guint8              *data,
                  gsize                      length,
                  const EaselImageMetadata  *metadata,
                  GError                   **error)
{
  g_autoptr(GArray) chunks = g_array_new (FALSE, FALSE, sizeof (WebpChunk));
  g_autoptr(GByteArray) out = NULL;
  g_autoptr(GString) packet = NULL;
  const WebpChunk *first;
  guint last_known = 0;
  gsize end;

  if (!webp_parse (data, length, chunks, &end, error))
    return NULL;

  out = g_byte_array_sized_new (length + 1024);
  /* The RIFF size is filled in at the end. */
  g_byte_array_append (out, (const guint8 *) "RIFF\0\0\0\0WEBP", 12);

  first = &g_array_index (chunks, WebpChunk, 0);
  if (webp_is (first, "VP8X"))
    {
      if (first->size < 10)
        {
          easel_image_metadata_set_damaged (error, "WebP", _("its extended header is cut short"));
          return NULL;
        }
      webp_append_chunk (out, first->fourcc, first->data, first->size);
      /* Flags are the first byte of the chunk's data. */
      if (easel_image_metadata_has_any (metadata))
        out->data[12 + 8] |= VP8X_FLAG_XMP;
      else
        out->data[12 + 8] &= ~VP8X_FLAG_XMP;
    }
  else
    {
      if (easel_image_metadata_has_any (metadata) && !webp_append_vp8x (out, first, error))
        return NULL;
      webp_append_chunk (out, first->fourcc, first->data, first->size);
    }

  /* XMP follows the image and EXIF, before any chunk unknown to the
   * specification (which may only come last). */
  for (guint i = 0; i < chunks->len; i++)
    {
      if (webp_is_known (&g_array_index (chunks, WebpChunk, i)))
        last_known = i;
    }

  if (easel_image_metadata_has_any (metadata))
    packet = easel_xmp_build (metadata, G_MAXUINT32 - 16);

  if (last_known == 0 && packet != NULL)
    webp_append_chunk (out, (const guint8 *) "XMP ", (const guint8 *) packet->str, packet->len);

  for (guint i = 1; i < chunks->len; i++)
    {
      const WebpChunk *chunk = &g_array_index (chunks, WebpChunk, i);

      if (!webp_is (chunk, "XMP "))
        webp_append_chunk (out, chunk->fourcc, chunk->data, chunk->size);
      if (i == last_known && packet != NULL)
        webp_append_chunk (out, (const guint8 *) "XMP ", (const guint8 *) packet->str,
                           packet->len);
    }

  out->data[4] = (out->len - 8) & 0xff;
  out->data[5] = ((out->len - 8) >> 8) & 0xff;
  out->data[6] = ((out->len - 8) >> 16) & 0xff;
  out->data[7] = ((out->len - 8) >> 24) & 0xff;

  g_byte_array_append (out, data + end, length - end);

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

gboolean
easel_webp_read (const guint8        *data,
                 gsize                length,
                 EaselImageMetadata  *into,
                 GError             **error)
{
  g_autoptr(GArray) chunks = g_array_new (FALSE, FALSE, sizeof (WebpChunk));
  gsize end;

  if (!webp_parse (data, length, chunks, &end, error))
    return FALSE;

  for (guint i = 0; i < chunks->len; i++)
    {
      const WebpChunk *chunk = &g_array_index (chunks, WebpChunk, i);

      if (webp_is (chunk, "XMP "))
        {
          easel_xmp_parse ((const char *) chunk->data, chunk->size, into);
          break;
        }
    }

  return TRUE;
}
