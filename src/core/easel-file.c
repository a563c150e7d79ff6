/* easel-file.c: writing files so a crash leaves the old one or the new one
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Shared by the image library (EaselImage) and Save (easel-export): a
 * temp file beside the destination, written and synced, then a rename,
 * then the folder synced, so the destination only ever changes in one
 * atomic step. */

#include "config.h"

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "easel-file-private.h"

#define WRITE_CHUNK (256 * 1024)

static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          length,
           GCancellable  *cancellable)
{
  while (length > 0)
    {
      gssize written;

      if (g_cancellable_is_cancelled (cancellable))
        {
          errno = ECANCELED;
          return FALSE;
        }

      written = write (fd, data, MIN (length, WRITE_CHUNK));
      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += written;
      length -= written;
    }

  return TRUE;
}

char *
easel_file_write_temp (const char    *directory,
                       const char    *prefix,
                       const guint8  *data,
                       gsize          length,
                       GCancellable  *cancellable,
                       int           *saved_errno)
{
  g_autofree char *name = g_strconcat (prefix, "XXXXXX.part", NULL);
  g_autofree char *path = g_build_filename (directory, name, NULL);
  gboolean ok;
  int fd, saved;

  fd = g_mkstemp_full (path, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      *saved_errno = errno;
      return NULL;
    }

  ok = write_all (fd, data, length, cancellable) && fsync (fd) == 0;
  saved = errno;
  /* Network file systems may only report a failed write here. */
  if (close (fd) != 0 && ok)
    {
      ok = FALSE;
      saved = errno;
    }

  if (!ok)
    {
      g_unlink (path);
      *saved_errno = saved;
      return NULL;
    }

  return g_steal_pointer (&path);
}

int
easel_file_rename_no_replace (const char *from,
                              const char *to)
{
  int fd;

#ifdef RENAME_NOREPLACE
  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS)
    return -1;
#endif
  if (link (from, to) == 0)
    {
      g_unlink (from);
      return 0;
    }
  if (errno != EPERM && errno != EOPNOTSUPP)
    return -1;

  /* No hard links either (FAT on a USB stick): claim the name, then
   * rename over the claim, which is ours. */
  fd = open (to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0)
    return -1;
  close (fd);
  return g_rename (from, to);
}

void
easel_file_sync_directory (const char *directory)
{
  int fd = open (directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}
