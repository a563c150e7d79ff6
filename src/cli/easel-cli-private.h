/* easel-cli-private.h: what the easel-cli commands share
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "easel-history.h"
#include "easel-job.h"
#include "easel-profile.h"
#include "easel-secrets.h"

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
int easel_cli_resume   (int argc, char **argv);
int easel_cli_history  (int argc, char **argv);
int easel_cli_profiles (int argc, char **argv);

/* An API key this process owns: zeroed before it is freed. */
typedef char *EaselCliKey;
void easel_cli_key_free (char *key);
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (EaselCliKey, easel_cli_key_free, NULL)

/* easel-cli-common.c: output */

void          easel_cli_print_json_line   (JsonBuilder   *builder);
/* Rows of cells (each a GStrv) printed as padded columns. */
GPtrArray    *easel_cli_table_new         (void);
void          easel_cli_table_add         (GPtrArray     *rows,
                                           const char    *first,
                                           ...) G_GNUC_NULL_TERMINATED;
void          easel_cli_print_table       (GPtrArray     *rows,
                                           guint          n_columns);
/* @text on one line, cut to @columns terminal cells with an ellipsis. */
char         *easel_cli_shorten           (const char    *text,
                                           guint          columns);

/* easel-cli-common.c: gateways and keys */

/* A profile for --preset, or --dialect with --base-url (id "command-line"). */
EaselProfile *easel_cli_profile_from_options (const char  *preset,
                                              const char  *dialect,
                                              const char  *base_url,
                                              GError     **error);
/* A detached copy of a saved profile: changes to it (--model) are never
 * written back to the user's settings. */
EaselProfile *easel_cli_profile_copy      (EaselProfile  *saved);
/* The key in the environment variable @variable; on failure prints why,
 * naming "easel-cli @command", and returns NULL. */
const char   *easel_cli_key_from_env      (const char    *command,
                                           const char    *variable);
/* The key of the saved profile @profile_id in the keyring; on failure
 * prints why, sets @status and returns NULL. */
char         *easel_cli_key_from_keyring  (const char    *command,
                                           EaselSecrets  *secrets,
                                           const char    *profile_id,
                                           int           *status);

/* easel-cli-common.c: the history */

/* Whether $XDG_DATA_HOME/easel holds a history yet (so that reading
 * commands need not create one). */
gboolean      easel_cli_history_exists    (void);
/* Opens the shared history, waiting for it; tells the user when a damaged
 * store was moved aside. NULL with @error when it cannot be opened. */
EaselHistory *easel_cli_history_open      (const char    *command,
                                           GError       **error);
/* Drops the history once its worker is done, so the database is closed
 * cleanly before the process ends. */
void          easel_cli_history_close     (EaselHistory  *history);
/* The calls of EaselHistory, waited for. */
GPtrArray    *easel_cli_history_list      (EaselHistory            *history,
                                           const EaselHistoryQuery *query,
                                           GError                 **error);
GPtrArray    *easel_cli_history_list_pending (EaselHistory  *history,
                                              GError       **error);

/* easel-cli-job.c: one job's progress and results */

typedef struct _EaselCliProgress EaselCliProgress;

/* Prints @job's progress on stderr as it goes, each line after @prefix
 * (may be NULL); @resuming for a job that picks up an earlier one. */
EaselCliProgress *easel_cli_progress_new  (EaselJob         *job,
                                           const char       *prefix,
                                           gboolean          resuming);
void          easel_cli_progress_free     (EaselCliProgress *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselCliProgress, easel_cli_progress_free)

/* Prints each image of @job on stdout: its path, or with @json one JSON
 * line (path, mime, width, height, usage, cost, seconds, history_id). */
void          easel_cli_print_images      (EaselJob      *job,
                                           gboolean       json);
/* Says on stderr how @job ended ("Done in…", or its error, after @prefix)
 * and why the history could not keep it, if it could not; returns the
 * exit status it deserves. */
int           easel_cli_report_outcome    (const char    *command,
                                           const char    *prefix,
                                           EaselJob      *job);

G_END_DECLS
