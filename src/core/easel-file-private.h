/* easel-file-private.h: writing files so a crash leaves the old one or the new one
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes @data to a new hidden file "@prefix XXXXXX.part" in @directory,
 * synced and closed, and returns its path. On failure nothing is left,
 * NULL is returned and *@saved_errno says why (ECANCELED when @cancellable
 * was cancelled). */
char     *easel_file_write_temp          (const char    *directory,
                                          const char    *prefix,
                                          const guint8  *data,
                                          gsize          length,
                                          GCancellable  *cancellable,
                                          int           *saved_errno);
/* rename() that never replaces @to: -1 with errno EEXIST when it exists.
 * Falls back to link(), then to claiming the name with O_EXCL, on file
 * systems without RENAME_NOREPLACE or hard links (FAT). */
int       easel_file_rename_no_replace   (const char    *from,
                                          const char    *to);
/* fsync() of a folder, so a rename in it reaches the disk too. */
void      easel_file_sync_directory      (const char    *directory);

G_END_DECLS
