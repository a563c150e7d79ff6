/* easel-image-private.h: what the files of EaselImage share
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "easel-image.h"

G_BEGIN_DECLS

/* easel-image-bytes.c */
/* Checks and decodes base64 in one pass (two threads past 4 MB); NULL for
 * anything but whitespace-separated base64 with at most two "=" at the end. */
guint8   *easel_image_decode_base64     (const char   *text,
                                         gsize         length,
                                         gsize        *decoded_length);
/* Whether the format's end marker is there: GdkPixbuf would draw a cut-off
 * image with grey instead of failing. */
gboolean  easel_image_is_complete       (const guint8 *data,
                                         gsize         length,
                                         const char   *mime_type);
/* The size the header claims, read before any loader allocates for it. */
gboolean  easel_image_read_header_size  (const guint8 *data,
                                         gsize         length,
                                         const char   *mime_type,
                                         gint64       *width,
                                         gint64       *height);

G_END_DECLS
