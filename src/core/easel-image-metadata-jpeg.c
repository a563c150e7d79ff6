/* easel-image-metadata-jpeg.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Metadata in JPEG files: an XMP packet (APP1) and a comment (COM) after
 * the JFIF and Exif segments. Only the segments before the image data are
 * rebuilt; from the start of scan on, the file is copied as it is. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-image-metadata-private.h"

#define JPEG_APP0 0xe0
#define JPEG_APP1 0xe1
#define JPEG_COM  0xfe
#define JPEG_SOS  0xda
#define JPEG_EOI  0xd9

typedef struct
{
  guint8        marker;
  const guint8 *start;     /* the first 0xff, fill bytes included */
  gsize         size;      /* from start to the end of the payload */
  const guint8 *payload;   /* after the length field */
  gsize         payload_length;
} JpegSegment;

/* Walks the segments before the image data; @body is the offset of the
 * start-of-scan marker, from which everything is copied as it is. */
static gboolean
jpeg_parse (const guint8  *data,
            gsize          length,
            GArray        *segments,
            gsize         *body,
            GError       **error)
{
  gsize offset = 2;

  if (length < 4 || data[0] != 0xff || data[1] != 0xd8)
    {
      easel_image_metadata_set_damaged (error, "JPEG", _("no start-of-image marker"));
      return FALSE;
    }

  for (;;)
    {
      JpegSegment segment = { 0 };
      gsize at = offset, segment_length;

      if (offset + 2 > length || data[offset] != 0xff)
        {
          easel_image_metadata_set_damaged (error, "JPEG",
                                            _("a segment is not where it should be"));
          return FALSE;
        }
      while (offset + 2 < length && data[offset + 1] == 0xff)
        offset++;

      segment.marker = data[offset + 1];
      segment.start = data + at;
      if (segment.marker == JPEG_SOS)
        {
          *body = at;
          return TRUE;
        }
      if (segment.marker == JPEG_EOI)
        {
          easel_image_metadata_set_damaged (error, "JPEG", _("it ends before any image data"));
          return FALSE;
        }
      if (segment.marker == 0x01 || (segment.marker >= 0xd0 && segment.marker <= 0xd8))
        {
          /* Markers that stand alone, without a length. */
          offset += 2;
          segment.size = offset - at;
          segment.payload = data + offset;
          g_array_append_val (segments, segment);
          continue;
        }

      if (offset + 4 > length ||
          (segment_length = (data[offset + 2] << 8) | data[offset + 3]) < 2 ||
          segment_length > length - offset - 2)
        {
          easel_image_metadata_set_damaged (error, "JPEG", _("a segment runs past the end"));
          return FALSE;
        }

      segment.payload = data + offset + 4;
      segment.payload_length = segment_length - 2;
      offset += 2 + segment_length;
      segment.size = offset - at;
      g_array_append_val (segments, segment);
    }
}

static gboolean
jpeg_is_xmp (const JpegSegment *segment)
{
  return segment->marker == JPEG_APP1 && segment->payload_length >= EASEL_XMP_JPEG_HEADER_LEN &&
         memcmp (segment->payload, EASEL_XMP_JPEG_HEADER, EASEL_XMP_JPEG_HEADER_LEN) == 0;
}

static gboolean
jpeg_is_exif (const JpegSegment *segment)
{
  return segment->marker == JPEG_APP1 && segment->payload_length >= 6 &&
         memcmp (segment->payload, "Exif\0\0", 6) == 0;
}

static void
jpeg_append_segment (GByteArray   *out,
                     guint8        marker,
                     const guint8 *head,
                     gsize         head_length,
                     const char   *text,
                     gsize         text_length)
{
  gsize payload = head_length + text_length;
  guint8 header[4] = { 0xff, marker, (payload + 2) >> 8, (payload + 2) & 0xff };

  g_assert (payload <= EASEL_JPEG_SEGMENT_MAX);

  g_byte_array_append (out, header, sizeof header);
  g_byte_array_append (out, head, head_length);
  g_byte_array_append (out, (const guint8 *) text, text_length);
}

/* "prompt\nparameters": the parameters are one line, so the last line is
 * theirs on reading (empty when there are none, so a prompt's own last
 * line is not taken for them). A prompt too long for the segment is cut
 * at a character and ends with "…". */
static char *
jpeg_comment (const EaselImageMetadata *metadata)
{
  GString *comment = g_string_new (NULL);
  const char *parameters = metadata->parameters != NULL ? metadata->parameters : "";
  gsize reserve = 1 + strlen (parameters);

  if (metadata->prompt == NULL && metadata->parameters == NULL)
    return g_string_free (comment, FALSE);

  if (metadata->prompt != NULL)
    {
      gsize length = strlen (metadata->prompt);

      if (length + reserve <= EASEL_JPEG_SEGMENT_MAX)
        {
          g_string_append (comment, metadata->prompt);
        }
      else
        {
          gsize budget = EASEL_JPEG_SEGMENT_MAX - reserve - strlen (EASEL_ELLIPSIS);

          g_string_append_len (comment, metadata->prompt,
                               easel_utf8_cut_length (metadata->prompt, budget));
          g_string_append (comment, EASEL_ELLIPSIS);
        }
    }
  g_string_append_c (comment, '\n');
  g_string_append (comment, parameters);

  return g_string_free (comment, FALSE);
}

GBytes *
easel_jpeg_embed (const guint8              *data,
                  gsize                      length,
                  const EaselImageMetadata  *metadata,
                  GError                   **error)
{
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (JpegSegment));
  g_autoptr(GByteArray) out = NULL;
  gsize body;
  guint i = 0;

  if (!jpeg_parse (data, length, segments, &body, error))
    return NULL;

  out = g_byte_array_sized_new (length + 1024);
  g_byte_array_append (out, data, 2);

  /* JFIF and Exif must come first, where readers look for them. */
  for (; i < segments->len; i++)
    {
      const JpegSegment *segment = &g_array_index (segments, JpegSegment, i);

      if (segment->marker != JPEG_APP0 && !jpeg_is_exif (segment))
        break;
      g_byte_array_append (out, segment->start, segment->size);
    }

  if (easel_image_metadata_has_any (metadata))
    {
      g_autoptr(GString) packet = easel_xmp_build (metadata, EASEL_JPEG_SEGMENT_MAX -
                                                             EASEL_XMP_JPEG_HEADER_LEN);
      g_autofree char *comment = jpeg_comment (metadata);

      jpeg_append_segment (out, JPEG_APP1, (const guint8 *) EASEL_XMP_JPEG_HEADER,
                           EASEL_XMP_JPEG_HEADER_LEN, packet->str, packet->len);
      if (*comment != '\0')
        jpeg_append_segment (out, JPEG_COM, NULL, 0, comment, strlen (comment));
    }

  /* An image has one description: comments and the XMP packet of an
   * earlier save (or the encoder's) make way for the new ones. */
  for (; i < segments->len; i++)
    {
      const JpegSegment *segment = &g_array_index (segments, JpegSegment, i);

      if (segment->marker == JPEG_COM || jpeg_is_xmp (segment))
        continue;
      g_byte_array_append (out, segment->start, segment->size);
    }

  g_byte_array_append (out, data + body, length - body);

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* Escaping can make a prompt fit the comment but not the packet: the
 * packet's is then cut and the comment's is whole. */
static gboolean
prefer_comment (const char *from_xmp,
                const char *from_comment)
{
  return g_str_has_suffix (from_xmp, EASEL_ELLIPSIS) && strlen (from_comment) > strlen (from_xmp);
}

gboolean
easel_jpeg_read (const guint8        *data,
                 gsize                length,
                 EaselImageMetadata  *into,
                 GError             **error)
{
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (JpegSegment));
  const JpegSegment *comment = NULL;
  gboolean seen_xmp = FALSE;
  gsize body;

  if (!jpeg_parse (data, length, segments, &body, error))
    return FALSE;

  for (guint i = 0; i < segments->len; i++)
    {
      const JpegSegment *segment = &g_array_index (segments, JpegSegment, i);

      if (!seen_xmp && jpeg_is_xmp (segment))
        {
          seen_xmp = TRUE;
          easel_xmp_parse ((const char *) segment->payload + EASEL_XMP_JPEG_HEADER_LEN,
                           segment->payload_length - EASEL_XMP_JPEG_HEADER_LEN, into);
        }
      else if (comment == NULL && segment->marker == JPEG_COM)
        {
          comment = segment;
        }
    }

  /* The comment, for what the packet did not say (or a file with only a
   * comment, which other programs write in any encoding). */
  if (comment != NULL)
    {
      g_autofree char *text = g_utf8_make_valid ((const char *) comment->payload,
                                                 comment->payload_length);
      char *newline = strrchr (text, '\n');
      const char *prompt = text, *parameters = NULL;

      if (newline != NULL)
        {
          *newline = '\0';
          parameters = newline + 1;
        }
      if (*prompt != '\0' && (into->prompt == NULL || prefer_comment (into->prompt, prompt)))
        {
          g_free (into->prompt);
          into->prompt = g_strdup (prompt);
        }
      if (into->parameters == NULL && parameters != NULL && *parameters != '\0')
        into->parameters = g_strdup (parameters);
    }

  return TRUE;
}
