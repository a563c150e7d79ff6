/* easel-export.h: saving a result where the user wants it, with its prompt inside
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "easel-profile.h"
#include "easel-request.h"

G_BEGIN_DECLS

/* What Easel writes into a saved image so the file itself says how it was
 * made: PNG iTXt chunks (Description = prompt, "parameters", Software),
 * JPEG a COM segment and an XMP packet (APP1), WebP an XMP chunk (with the
 * VP8X header the format requires for it). */
typedef struct
{
  char *prompt;       /* the prompt as typed */
  char *parameters;   /* one line: "model gpt-image-2, size 1536x1024, quality high, format png,
                       * gateway OpenAI (openai)" and any non-default option */
  char *software;     /* "Easel 0.1.0" */
} EaselImageMetadata;

EaselImageMetadata *easel_image_metadata_new_for_request (EaselRequest              *request,
                                                          EaselProfile              *profile);
EaselImageMetadata *easel_image_metadata_copy            (const EaselImageMetadata  *metadata);
void                easel_image_metadata_free            (EaselImageMetadata        *metadata);

/* @image with @metadata embedded; the pixels and the rest of the file are
 * unchanged. @mime_type is image/png, image/jpeg or image/webp; anything
 * else, or bytes that are not that format, is an error. */
GBytes             *easel_image_metadata_embed           (GBytes                    *image,
                                                          const char                *mime_type,
                                                          const EaselImageMetadata  *metadata,
                                                          GError                   **error);
/* Reads back what easel_image_metadata_embed() wrote (or the same fields
 * written by another program). NULL and an error when there is none. */
EaselImageMetadata *easel_image_metadata_read            (GBytes                    *image,
                                                          GError                   **error);

/* Whether Easel can write @format when it has to convert (WebP needs a
 * GdkPixbuf WebP writer). Keeping an image's own format always works. */
gboolean            easel_export_can_convert_to          (EaselOutputFormat          format);

/* A file name for the image: "<first words of the prompt>.<ext>", made
 * safe for every file system, at most 60 characters before the extension. */
char               *easel_export_suggest_name            (const EaselImageMetadata  *metadata,
                                                          EaselOutputFormat          format);

/* Writes @image (@mime_type) to @destination as @format, converting when
 * the format differs, with @metadata (nullable) embedded. Atomic: a temp
 * file beside it, fsync, rename; @destination is replaced, since the user
 * chose it in a dialog that asked. Runs on a worker thread. */
void                easel_export_save_async              (GBytes                    *image,
                                                          const char                *mime_type,
                                                          GFile                     *destination,
                                                          EaselOutputFormat          format,
                                                          const EaselImageMetadata  *metadata,
                                                          GCancellable              *cancellable,
                                                          GAsyncReadyCallback        callback,
                                                          gpointer                   user_data);
gboolean            easel_export_save_finish             (GAsyncResult              *result,
                                                          GError                   **error);

/* Saves into @folder (created when missing) under @name, or "name (2).ext",
 * "name (3).ext"… when taken: never replaces a file.
 * Returns the file written. */
void                easel_export_save_to_folder_async    (GBytes                    *image,
                                                          const char                *mime_type,
                                                          GFile                     *folder,
                                                          const char                *name,
                                                          EaselOutputFormat          format,
                                                          const EaselImageMetadata  *metadata,
                                                          GCancellable              *cancellable,
                                                          GAsyncReadyCallback        callback,
                                                          gpointer                   user_data);
GFile              *easel_export_save_to_folder_finish   (GAsyncResult              *result,
                                                          GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselImageMetadata, easel_image_metadata_free)

G_END_DECLS
