/* easel-export-files.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Writing an exported image: a temp file beside the destination, fsync,
 * then a rename (replacing, or never replacing in a folder save), and the
 * folder synced too, so a crash leaves the old file or the new one and
 * nothing half-written. GIO does it for folders that are not local. */

#include "config.h"

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "easel-export-private.h"
#include "easel-file-private.h"

static void
set_io_error (GError     **error,
              int          saved_errno,
              const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not save the image as “%s”: %s"), display, g_strerror (saved_errno));
}

static void
set_folder_error (GError     **error,
                  int          saved_errno,
                  const char  *directory)
{
  g_autofree char *display = g_filename_display_name (directory);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not save the image in “%s”: %s"), display, g_strerror (saved_errno));
}

/* A new hidden file beside the destination, written and synced, so the
 * rename that follows is the only moment the destination changes. */
static char *
write_temp (const char    *directory,
            GBytes        *bytes,
            GCancellable  *cancellable,
            GError       **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  int saved = 0;
  char *path = easel_file_write_temp (directory, ".easel-export-", data, length, cancellable,
                                      &saved);

  if (path == NULL)
    {
      if (saved == ECANCELED)
        g_cancellable_set_error_if_cancelled (cancellable, error);
      else
        set_folder_error (error, saved, directory);
    }
  return path;
}

static gboolean
save_local (const char    *path,
            GBytes        *bytes,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *directory = g_path_get_dirname (path);
  g_autofree char *temp = write_temp (directory, bytes, cancellable, error);

  if (temp == NULL)
    return FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (temp);
      return FALSE;
    }

  if (g_rename (temp, path) != 0)
    {
      set_io_error (error, errno, path);
      g_unlink (temp);
      return FALSE;
    }

  easel_file_sync_directory (directory);
  return TRUE;
}

/* "name.png", "name (2).png"… */
static char *
numbered_name (const char *stem,
               const char *extension,
               guint       n)
{
  if (n == 1)
    return g_strdup_printf ("%s.%s", stem, extension);
  return g_strdup_printf ("%s (%u).%s", stem, n, extension);
}

#define MAX_NUMBER 10000

static GFile *
save_to_folder_local (const char    *directory,
                      const char    *stem,
                      const char    *extension,
                      GBytes        *bytes,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *temp = NULL;

  if (g_mkdir_with_parents (directory, 0755) != 0)
    {
      set_folder_error (error, errno, directory);
      return NULL;
    }

  temp = write_temp (directory, bytes, cancellable, error);
  if (temp == NULL)
    return NULL;

  for (guint n = 1; n <= MAX_NUMBER; n++)
    {
      g_autofree char *name = numbered_name (stem, extension, n);
      g_autofree char *path = g_build_filename (directory, name, NULL);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_unlink (temp);
          return NULL;
        }

      if (easel_file_rename_no_replace (temp, path) == 0)
        {
          easel_file_sync_directory (directory);
          return g_file_new_for_path (path);
        }
      if (errno != EEXIST)
        {
          set_io_error (error, errno, path);
          g_unlink (temp);
          return NULL;
        }
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("Could not find a free file name for the image in “%s”."), directory);
  g_unlink (temp);
  return NULL;
}

/* Folders that are not local files (rare: the portal hands out paths). */
static GFile *
save_to_folder_gio (GFile         *folder,
                    const char    *stem,
                    const char    *extension,
                    GBytes        *bytes,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_make_directory_with_parents (folder, cancellable, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  for (guint n = 1; n <= MAX_NUMBER; n++)
    {
      g_autofree char *name = numbered_name (stem, extension, n);
      g_autoptr(GFile) file = g_file_get_child (folder, name);
      g_autoptr(GFileOutputStream) stream = NULL;

      g_clear_error (&local_error);
      stream = g_file_create (file, G_FILE_CREATE_NONE, cancellable, &local_error);
      if (stream == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        continue;
      if (stream == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      if (g_output_stream_write_all (G_OUTPUT_STREAM (stream), g_bytes_get_data (bytes, NULL),
                                     g_bytes_get_size (bytes), NULL, cancellable, error) &&
          g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error))
        return g_steal_pointer (&file);

      g_file_delete (file, NULL, NULL);
      return NULL;
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("Could not find a free file name for the image."));
  return NULL;
}

gboolean
easel_export_write_file (GFile         *destination,
                         GBytes        *bytes,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *path = g_file_get_path (destination);

  if (path != NULL)
    return save_local (path, bytes, cancellable, error);

  return g_file_replace_contents (destination, g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, error);
}

GFile *
easel_export_write_new_file (GFile         *folder,
                             const char    *stem,
                             const char    *extension,
                             GBytes        *bytes,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autofree char *directory = g_file_get_path (folder);

  if (directory != NULL)
    return save_to_folder_local (directory, stem, extension, bytes, cancellable, error);

  return save_to_folder_gio (folder, stem, extension, bytes, cancellable, error);
}
