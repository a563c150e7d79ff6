/* easel-image-metadata-private.h: what the metadata files share
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "easel-export.h"

G_BEGIN_DECLS

/* What ends a text Easel had to cut. */
#define EASEL_ELLIPSIS "…"

/* A JPEG segment holds at most this many bytes after its length field. */
#define EASEL_JPEG_SEGMENT_MAX 65533

/* The XMP namespace header of a JPEG APP1 segment, its NUL included. */
#define EASEL_XMP_JPEG_HEADER     "http://ns.adobe.com/xap/1.0/"
#define EASEL_XMP_JPEG_HEADER_LEN 29

/* Whether there is anything to write. */
gboolean easel_image_metadata_has_any (const EaselImageMetadata *metadata);

/* The longest prefix of @text, in bytes, that is at most @max_bytes long and
 * ends on a character boundary. @text is valid UTF-8. */
gsize    easel_utf8_cut_length (const char               *text,
                                gsize                     max_bytes);

/* An XMP packet for @metadata of at most @limit bytes: a prompt that does
 * not fit is cut at a character and ends with "…". Fields are valid UTF-8. */
GString *easel_xmp_build       (const EaselImageMetadata *metadata,
                                gsize                     limit);
/* Fills what @into lacks from an XMP packet. FALSE when it is not XML. */
gboolean easel_xmp_parse       (const char               *text,
                                gsize                     length,
                                EaselImageMetadata       *into);

/* Byte-level embedding per container (easel-image-metadata-png.c, -jpeg.c,
 * -webp.c); @metadata's
 * fields are valid UTF-8 or NULL. */
GBytes  *easel_png_embed       (const guint8             *data,
                                gsize                     length,
                                const EaselImageMetadata *metadata,
                                GError                  **error);
GBytes  *easel_jpeg_embed      (const guint8             *data,
                                gsize                     length,
                                const EaselImageMetadata *metadata,
                                GError                  **error);
GBytes  *easel_webp_embed      (const guint8             *data,
                                gsize                     length,
                                const EaselImageMetadata *metadata,
                                GError                  **error);

/* Fill @into with what the file holds; FALSE and an error when the bytes
 * are not a well-formed file of that format. */
gboolean easel_png_read        (const guint8             *data,
                                gsize                     length,
                                EaselImageMetadata       *into,
                                GError                  **error);
gboolean easel_jpeg_read       (const guint8             *data,
                                gsize                     length,
                                EaselImageMetadata       *into,
                                GError                  **error);
gboolean easel_webp_read       (const guint8             *data,
                                gsize                     length,
                                EaselImageMetadata       *into,
                                GError                  **error);

/* Whether @image is a PNG, JPEG or WebP file of @mime_type, as far as its
 * first bytes tell; EASEL_ERROR_INVALID_REQUEST for another MIME type,
 * EASEL_ERROR_BAD_RESPONSE for bytes of something else. */
gboolean easel_image_metadata_check_mime_type (GBytes             *image,
                                               const char         *mime_type,
                                               GError            **error);

/* The error for bytes that are not the @format_name file they claim to be. */
void     easel_image_metadata_set_damaged (GError               **error,
                                           const char            *format_name,
                                           const char            *what);

G_END_DECLS
