/* easel-test-cli.c: the real easel-cli against the mock gateway, with
 * its own data and config folders, for the history and resume tests
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each test runs easel-cli with its own XDG_DATA_HOME (the history) and
 * XDG_CONFIG_HOME with the keyfile GSettings backend (saved profiles,
 * written from here), and a sentinel key that must show up in no output
 * and no file. */

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>

#include "easel-profile-store.h"
#include "easel-test-cli.h"

#define KEY EASEL_TEST_CLI_KEY

void
easel_test_cli_set_up (EaselTestCli  *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->mock = easel_mock_server_new (&error);
  g_assert_no_error (error);
  easel_mock_server_set_api_key (fixture->mock, KEY);
  fixture->root = g_dir_make_tmp ("easel-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_dir = g_build_filename (fixture->root, "data", NULL);
  fixture->base = g_build_filename (fixture->data_dir, "easel", NULL);
  fixture->config_dir = g_build_filename (fixture->root, "config", NULL);
  fixture->output_dir = g_build_filename (fixture->root, "out", NULL);
  g_assert_cmpint (g_mkdir (fixture->data_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (fixture->config_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (fixture->output_dir, 0700), ==, 0);
}

void
easel_test_cli_tear_down (EaselTestCli  *fixture,
                          gconstpointer  data)
{
  if (fixture->killable != NULL)
    {
      g_subprocess_force_exit (fixture->killable);
      g_subprocess_wait (fixture->killable, NULL, NULL);
      g_clear_object (&fixture->killable);
    }
  easel_test_process_clear (&fixture->run);
  /* Nothing of the key anywhere: not the history, not the images. */
  easel_test_assert_tree_lacks (fixture->root, KEY);
  easel_test_remove_tree (fixture->root);
  g_free (fixture->root);
  g_free (fixture->data_dir);
  g_free (fixture->base);
  g_free (fixture->config_dir);
  g_free (fixture->output_dir);
  g_clear_pointer (&fixture->mock, easel_mock_server_free);
}

GSubprocessLauncher *
easel_test_cli_launcher (EaselTestCli *fixture)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", fixture->data_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", fixture->config_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "EASEL_TEST_KEY", KEY, TRUE);
  g_subprocess_launcher_setenv (launcher, "COLUMNS", "80", TRUE);
  return launcher;
}

static GPtrArray *
collect_argv (const char *first,
              va_list     args)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) g_getenv ("EASEL_CLI"));
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);
  return argv;
}

/* Runs easel-cli to the end, the mock answering on this thread meanwhile. */
void
easel_test_cli_run (EaselTestCli *fixture,
                    const char   *first,
                    ...)
{
  g_autoptr(GSubprocessLauncher) launcher = easel_test_cli_launcher (fixture);
  g_autoptr(GPtrArray) argv = NULL;
  va_list args;

  /* Debug logs on: they must not hold the key either. */
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  va_start (args, first);
  argv = collect_argv (first, args);
  va_end (args);

  easel_test_process_start (&fixture->run, launcher, argv);
  easel_test_process_wait (&fixture->run);
  g_assert_null (strstr (fixture->run.out, KEY));
  g_assert_null (strstr (fixture->run.err, KEY));
}

static void
on_killable_exited (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  EaselTestCli *fixture = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  fixture->killable_done = TRUE;
}

/* Starts easel-cli to be killed: its output goes nowhere (no pipe to
 * fill), and its end is noticed however it comes. */
void
easel_test_cli_start_killable (EaselTestCli *fixture,
                               const char   *first,
                               ...)
{
  g_autoptr(GSubprocessLauncher) launcher = easel_test_cli_launcher (fixture);
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_assert_null (fixture->killable);
  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                             G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  va_start (args, first);
  argv = collect_argv (first, args);
  va_end (args);

  fixture->killable_done = FALSE;
  fixture->killable = g_subprocess_launcher_spawnv (launcher,
                                                    (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_wait_async (fixture->killable, NULL, on_killable_exited, fixture);
}

/* kill -9, and wait until it is gone. Returns whether it was the kill
 * that ended it (rather than the process finishing first). */
gboolean
easel_test_cli_kill (EaselTestCli *fixture)
{
  gboolean killed;

  g_subprocess_force_exit (fixture->killable);
  while (!fixture->killable_done)
    g_main_context_iteration (NULL, TRUE);
  killed = g_subprocess_get_if_signaled (fixture->killable);
  if (killed)
    g_assert_cmpint (g_subprocess_get_term_sig (fixture->killable), ==, SIGKILL);
  g_clear_object (&fixture->killable);
  return killed;
}

static gboolean
on_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs this thread's main loop (the mock) for @ms milliseconds. */
void
easel_test_cli_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Parses stdout as JSON lines into objects. */
GPtrArray *
easel_test_cli_json_lines (EaselTestCli *fixture)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_auto(GStrv) lines = g_strsplit (fixture->run.out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      JsonNode *node;

      if (*lines[i] == '\0')
        continue;
      node = json_from_string (lines[i], &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      g_ptr_array_add (objects, node);
    }

  return g_steal_pointer (&objects);
}

JsonObject *
easel_test_cli_object_at (GPtrArray *objects,
                          guint      i)
{
  return json_node_get_object (g_ptr_array_index (objects, i));
}

JsonObject *
easel_test_cli_first_image (JsonObject *generation)
{
  JsonArray *images = json_object_get_array_member (generation, "images");

  g_assert_nonnull (images);
  g_assert_cmpuint (json_array_get_length (images), >=, 1);
  return json_array_get_object_element (images, 0);
}

char *
easel_test_cli_history_file (EaselTestCli *fixture)
{
  return g_build_filename (fixture->base, "history.sqlite", NULL);
}

/* The profile store the CLI reads: the keyfile in its XDG_CONFIG_HOME,
 * written the way the app writes it. */
static EaselProfileStore *
open_store (EaselTestCli *fixture)
{
  g_autofree char *keyfile = g_build_filename (fixture->config_dir, "glib-2.0", "settings",
                                               "keyfile", NULL);
  g_autoptr(GSettingsBackend) backend = g_keyfile_settings_backend_new (keyfile, "/", NULL);
  g_autoptr(GSettings) settings = g_settings_new_with_backend ("io.github.easelapp.Easel",
                                                               backend);

  return easel_profile_store_new (settings);
}

/* A saved profile for the mock's @dialect. Its key is in no keyring, so
 * the CLI is given it with --api-key-env. */
void
easel_test_cli_save_profile (EaselTestCli     *fixture,
                             const char       *id,
                             EaselDialectKind  dialect)
{
  g_autoptr(EaselProfileStore) store = open_store (fixture);
  const char *url = easel_mock_server_get_base_url (fixture->mock,
                                                    easel_dialect_kind_to_string (dialect));
  g_autoptr(EaselProfile) profile = easel_profile_new (id, dialect, url);
  g_autoptr(GError) error = NULL;

  easel_profile_set_name (profile, "Mock gateway");
  g_assert_true (easel_profile_store_add (store, profile, &error));
  g_assert_no_error (error);
  g_settings_sync ();
}

void
easel_test_cli_remove_profile (EaselTestCli *fixture,
                               const char   *id)
{
  g_autoptr(EaselProfileStore) store = open_store (fixture);

  easel_profile_store_remove (store, id);
  g_settings_sync ();
}

/* --- The store, as another process sees it ---------------------------- */

void
easel_test_cli_store_result (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

sqlite3 *
easel_test_cli_open_db (EaselTestCli *fixture,
                        gboolean      write)
{
  g_autofree char *path = easel_test_cli_history_file (fixture);
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, write ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY,
                       NULL) != SQLITE_OK)
    {
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);
  return db;
}

/* The newest pending generation with a remote id: its id, or 0. */
gint64
easel_test_cli_find_pending_remote (EaselTestCli *fixture)
{
  sqlite3 *db = easel_test_cli_open_db (fixture, FALSE);
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  if (db == NULL)
    return 0;
  if (sqlite3_prepare_v2 (db, "SELECT id FROM generations WHERE state = 'pending' AND "
                          "remote_id IS NOT NULL ORDER BY id DESC LIMIT 1", -1, &stmt,
                          NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  return id;
}

/* Waits until the CLI has recorded its remote job and polled it at least
 * once since @polls_before: then it is surely waiting on the gateway. */
static gint64
wait_pending_remote (EaselTestCli *fixture,
                     const char   *dialect,
                     guint         polls_before)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  gint64 id = 0;

  while (id == 0 || easel_mock_server_count (fixture->mock, dialect,
                                             EASEL_MOCK_STAGE_POLL) <= polls_before)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_assert_false (fixture->killable_done);
      easel_test_cli_spin (20);
      id = easel_test_cli_find_pending_remote (fixture);
    }
  return id;
}

/* Starts a remote generation that the mock never finishes and kills the
 * CLI once the job is recorded; returns its generation id. */
gint64
easel_test_cli_crash_remote (EaselTestCli *fixture,
                             const char   *dialect,
                             const char   *gateway_option,
                             const char   *gateway_value,
                             const char   *prompt)
{
  guint polls = easel_mock_server_count (fixture->mock, dialect, EASEL_MOCK_STAGE_POLL);
  gboolean with_base = g_str_equal (gateway_option, "--preset");
  gint64 id;

  easel_mock_server_set_fault (fixture->mock, EASEL_MOCK_STAGE_POLL,
                               EASEL_MOCK_FAULT_NEVER_ENDING_JOB, 0, NULL);
  easel_test_cli_start_killable (fixture, "generate", gateway_option, gateway_value,
                                 "--api-key-env", "EASEL_TEST_KEY", "--async",
                                 "--poll-interval-ms=50", "-o", fixture->output_dir, prompt,
                                 with_base ? "--base-url" : NULL,
                                 easel_mock_server_get_base_url (fixture->mock, dialect), NULL);
  id = wait_pending_remote (fixture, dialect, polls);
  g_assert_true (easel_test_cli_kill (fixture));
  easel_mock_server_clear_faults (fixture->mock);
  return id;
}

/* history --json, parsed. */
GPtrArray *
easel_test_cli_list_history (EaselTestCli *fixture)
{
  easel_test_cli_run (fixture, "history", "--json", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  return easel_test_cli_json_lines (fixture);
}

JsonObject *
easel_test_cli_find_generation (GPtrArray *generations,
                                gint64     id)
{
  for (guint i = 0; i < generations->len; i++)
    if (json_object_get_int_member (easel_test_cli_object_at (generations, i), "id") == id)
      return easel_test_cli_object_at (generations, i);
  g_error ("No generation %" G_GINT64_FORMAT " in the history", id);
  return NULL;
}

void
easel_test_cli_assert_image (const char *path,
                             gint64      width,
                             gint64      height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, width);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, height);
}

const char *
easel_test_cli_state_of (EaselTestCli *fixture,
                         gint64        id)
{
  static char state[16];
  g_autoptr(GPtrArray) generations = easel_test_cli_list_history (fixture);
  JsonObject *generation = easel_test_cli_find_generation (generations, id);

  g_strlcpy (state, json_object_get_string_member (generation, "state"), sizeof state);
  return state;
}

