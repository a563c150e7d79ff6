/* easel-test-cli.h: the real easel-cli against the mock gateway, with its
 * own data and config folders, for the history and resume tests
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "easel-history.h"
#include "easel-mock-server.h"
#include "easel-test-files.h"

G_BEGIN_DECLS

/* The mock's key, in EASEL_TEST_KEY for the CLI; checked for in every
 * output and file. */
#define EASEL_TEST_CLI_KEY "sk-sentinel-cli-history-51d0c7"

typedef struct
{
  EaselMockServer *mock;
  char            *root;          /* everything of the test, removed at the end */
  char            *data_dir;      /* XDG_DATA_HOME */
  char            *base;          /* data_dir/easel: the history */
  char            *config_dir;    /* XDG_CONFIG_HOME */
  char            *output_dir;
  EaselTestProcess run;
  GSubprocess     *killable;
  gboolean         killable_done;
} EaselTestCli;

/* A g_test_add() fixture. */
void                 easel_test_cli_set_up          (EaselTestCli     *fixture,
                                                     gconstpointer     data);
void                 easel_test_cli_tear_down       (EaselTestCli     *fixture,
                                                     gconstpointer     data);

/* The CLI's environment: the folders, the key variable, 80 columns. */
GSubprocessLauncher *easel_test_cli_launcher        (EaselTestCli     *fixture);
/* Runs easel-cli with these arguments to the end (fixture->run), the mock
 * answering meanwhile; asserts the key is in neither output. */
void                 easel_test_cli_run             (EaselTestCli     *fixture,
                                                     const char       *first,
                                                     ...) G_GNUC_NULL_TERMINATED;
/* Starts easel-cli to be killed (output discarded)… */
void                 easel_test_cli_start_killable  (EaselTestCli     *fixture,
                                                     const char       *first,
                                                     ...) G_GNUC_NULL_TERMINATED;
/* …and kills it with SIGKILL: whether it was the kill that ended it. */
gboolean             easel_test_cli_kill            (EaselTestCli     *fixture);
/* Runs the main loop (the mock) for @ms milliseconds. */
void                 easel_test_cli_spin            (guint             ms);

/* stdout of the last run as JSON objects, one a line. */
GPtrArray           *easel_test_cli_json_lines      (EaselTestCli     *fixture);
JsonObject          *easel_test_cli_object_at       (GPtrArray        *objects,
                                                     guint             i);
JsonObject          *easel_test_cli_first_image     (JsonObject       *generation);
/* `history --json`, parsed. */
GPtrArray           *easel_test_cli_list_history    (EaselTestCli     *fixture);
JsonObject          *easel_test_cli_find_generation (GPtrArray        *generations,
                                                     gint64            id);
/* The state `history --json` gives generation @id (a static buffer). */
const char          *easel_test_cli_state_of        (EaselTestCli     *fixture,
                                                     gint64            id);
/* The file decodes, at that size. */
void                 easel_test_cli_assert_image    (const char       *path,
                                                     gint64            width,
                                                     gint64            height);

/* A saved profile for the mock's @dialect, in the keyfile the CLI reads;
 * its key is in no keyring. */
void                 easel_test_cli_save_profile    (EaselTestCli     *fixture,
                                                     const char       *id,
                                                     EaselDialectKind  dialect);
void                 easel_test_cli_remove_profile  (EaselTestCli     *fixture,
                                                     const char       *id);

/* The store, as another process sees it. */
char                *easel_test_cli_history_file    (EaselTestCli     *fixture);
sqlite3             *easel_test_cli_open_db         (EaselTestCli     *fixture,
                                                     gboolean          write);
/* The newest pending generation with a remote id, or 0. */
gint64               easel_test_cli_find_pending_remote (EaselTestCli *fixture);
/* Starts a remote generation the mock never finishes (generate
 * @gateway_option @gateway_value, with --base-url for --preset) and kills
 * the CLI once the job is recorded and polled; returns its generation. */
gint64               easel_test_cli_crash_remote    (EaselTestCli     *fixture,
                                                     const char       *dialect,
                                                     const char       *gateway_option,
                                                     const char       *gateway_value,
                                                     const char       *prompt);
/* A GAsyncReadyCallback that keeps the result in *(GAsyncResult **) @user_data. */
void                 easel_test_cli_store_result    (GObject          *source,
                                                     GAsyncResult     *result,
                                                     gpointer          user_data);

G_END_DECLS
