/* easel-reference-preview.h: checking a reference image and making its preview
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "easel-request.h"

G_BEGIN_DECLS

/* Previews are decoded at twice the 72 px tile, so they stay sharp at a
 * scale factor of 2. */
#define EASEL_REFERENCE_PREVIEW_SIZE 144

/* Reads and checks a FILE, BYTES or DATA_URL reference on a worker thread
 * (at most 50 MB, a PNG, JPEG or WebP that decodes) and makes its preview,
 * without keeping the bytes: the job reads the file again when it sends,
 * so what is sent is what the file holds then. The error names the image
 * and says why, ready for a toast. */
void      easel_reference_preview_load_async  (EaselReference       *reference,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
/* Returns: whether the reference is a usable image; @preview is set to its
 * preview, or %NULL when there is none to show (no loader for the format
 * here, or a header past the pixel caps). */
gboolean  easel_reference_preview_load_finish (GAsyncResult         *result,
                                               GdkTexture          **preview,
                                               GError              **error);

G_END_DECLS
