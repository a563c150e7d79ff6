/* easel-export-private.h: what the export files share
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "easel-export.h"

G_BEGIN_DECLS

/* "png", "jpg" or "webp". */
const char *easel_export_format_extension (EaselOutputFormat   format);

/* Replaces @destination with @bytes, atomically for a local file. Blocking. */
gboolean    easel_export_write_file       (GFile              *destination,
                                           GBytes             *bytes,
                                           GCancellable       *cancellable,
                                           GError            **error);
/* Writes @bytes into @folder (made when missing) as "stem.extension", or
 * "stem (2).extension"… when taken; never replaces a file. Blocking. */
GFile      *easel_export_write_new_file   (GFile              *folder,
                                           const char         *stem,
                                           const char         *extension,
                                           GBytes             *bytes,
                                           GCancellable       *cancellable,
                                           GError            **error);

G_END_DECLS
