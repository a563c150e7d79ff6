/* easel-test-files.c: temp folders, secrets in files, and child processes
 * in Easel's tests
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "easel-test-files.h"

void
easel_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        easel_test_remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

void
easel_test_assert_tree_lacks (const char *path,
                              const char *needle)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize length = 0;

      if (g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          easel_test_assert_tree_lacks (child, needle);
          continue;
        }
      /* Sockets and the like hold no file contents to look at. */
      if (!g_file_test (child, G_FILE_TEST_IS_REGULAR))
        continue;

      g_file_get_contents (child, &contents, &length, &error);
      g_assert_no_error (error);
      if (g_strstr_len (contents, length, needle) != NULL)
        g_error ("The sentinel was written to %s", child);
    }
}

static void
on_communicated (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  EaselTestProcess *self = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &self->out, &self->err,
                                        &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (G_SUBPROCESS (object)));
  self->status = g_subprocess_get_exit_status (G_SUBPROCESS (object));
  self->done = TRUE;
}

void
easel_test_process_start (EaselTestProcess    *self,
                          GSubprocessLauncher *launcher,
                          GPtrArray           *argv)
{
  g_autoptr(GError) error = NULL;

  easel_test_process_clear (self);
  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                             G_SUBPROCESS_FLAGS_STDERR_PIPE);
  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (self->process, NULL, NULL, on_communicated, self);
}

void
easel_test_process_wait (EaselTestProcess *self)
{
  while (!self->done)
    g_main_context_iteration (NULL, TRUE);

  g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", self->status, self->out, self->err);
}

void
easel_test_process_clear (EaselTestProcess *self)
{
  g_clear_object (&self->process);
  g_clear_pointer (&self->out, g_free);
  g_clear_pointer (&self->err, g_free);
  self->status = 0;
  self->done = FALSE;
}
