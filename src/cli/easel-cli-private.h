/* easel-cli-private.h: what the easel-cli commands share
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of DESIGN.md §8. */
enum {
  EASEL_EXIT_OK = 0,
  EASEL_EXIT_USAGE = 1,
  EASEL_EXIT_INVALID = 2,
  EASEL_EXIT_REFUSED = 3,
  EASEL_EXIT_FAILED = 4,
  EASEL_EXIT_CANCELLED = 5,
};

int easel_cli_generate (int argc, char **argv);
int easel_cli_profiles (int argc, char **argv);

/* An API key this process owns: zeroed before it is freed. */
typedef char *EaselCliKey;
void easel_cli_key_free (char *key);
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (EaselCliKey, easel_cli_key_free, NULL)

G_END_DECLS
