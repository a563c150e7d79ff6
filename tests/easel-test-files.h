/* easel-test-files.h: temp folders, secrets in files, and child processes
 * in Easel's tests
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Removes a folder and everything in it. */
void easel_test_remove_tree         (const char *path);
/* Fails the test, naming the file, if any regular file under @path holds
 * @needle (used with sentinel keys). Symbolic links are not followed. */
void easel_test_assert_tree_lacks   (const char *path,
                                     const char *needle);

/* A child process whose output is collected while this thread's main loop
 * keeps running (so an in-process mock gateway can answer it). */
typedef struct
{
  GSubprocess *process;
  int          status;
  char        *out;
  char        *err;
  gboolean     done;
} EaselTestProcess;

/* @argv is NULL-terminated. stdout and stderr are piped. */
void easel_test_process_start       (EaselTestProcess    *self,
                                     GSubprocessLauncher *launcher,
                                     GPtrArray           *argv);
void easel_test_process_wait        (EaselTestProcess    *self);
void easel_test_process_clear       (EaselTestProcess    *self);

G_END_DECLS
