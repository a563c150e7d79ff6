/* test-cli-history.c: easel-cli and the history: generate records by
 * default, `history` lists and searches, `resume` finishes what a kill -9
 * left, and a kill -9 while an image is written leaves a consistent store
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The real easel-cli runs against the in-process mock gateway, each test
 * with its own XDG_DATA_HOME (the history) and XDG_CONFIG_HOME with the
 * keyfile GSettings backend (saved profiles, written from here), and a
 * sentinel key that must show up in no output and no file. */

#define G_SETTINGS_ENABLE_BACKEND
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "easel-history.h"
#include "easel-mock-server.h"
#include "easel-profile-store.h"
#include "easel-test-files.h"

#define KEY "sk-sentinel-cli-history-51d0c7"

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
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->mock = easel_mock_server_new (&error);
  g_assert_no_error (error);
  easel_mock_server_set_api_key (fixture->mock, KEY);
  fixture->root = g_dir_make_tmp ("easel-cli-history-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_dir = g_build_filename (fixture->root, "data", NULL);
  fixture->base = g_build_filename (fixture->data_dir, "easel", NULL);
  fixture->config_dir = g_build_filename (fixture->root, "config", NULL);
  fixture->output_dir = g_build_filename (fixture->root, "out", NULL);
  g_assert_cmpint (g_mkdir (fixture->data_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (fixture->config_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (fixture->output_dir, 0700), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
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

static GSubprocessLauncher *
new_launcher (Fixture *fixture)
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
static void
run_cli (Fixture    *fixture,
         const char *first,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (fixture);
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
  Fixture *fixture = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  fixture->killable_done = TRUE;
}

/* Starts easel-cli to be killed: its output goes nowhere (no pipe to
 * fill), and its end is noticed however it comes. */
static void
start_killable (Fixture    *fixture,
                const char *first,
                ...)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (fixture);
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
static gboolean
kill_killable (Fixture *fixture)
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
static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Parses stdout as JSON lines into objects. */
static GPtrArray *
json_lines (Fixture *fixture)
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

static JsonObject *
object_at (GPtrArray *objects,
           guint      i)
{
  return json_node_get_object (g_ptr_array_index (objects, i));
}

static JsonObject *
first_image (JsonObject *generation)
{
  JsonArray *images = json_object_get_array_member (generation, "images");

  g_assert_nonnull (images);
  g_assert_cmpuint (json_array_get_length (images), >=, 1);
  return json_array_get_object_element (images, 0);
}

static char *
history_file (Fixture *fixture)
{
  return g_build_filename (fixture->base, "history.sqlite", NULL);
}

/* The profile store the CLI reads: the keyfile in its XDG_CONFIG_HOME,
 * written the way the app writes it. */
static EaselProfileStore *
open_store (Fixture *fixture)
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
static void
save_profile (Fixture          *fixture,
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

static void
remove_profile (Fixture    *fixture,
                const char *id)
{
  g_autoptr(EaselProfileStore) store = open_store (fixture);

  easel_profile_store_remove (store, id);
  g_settings_sync ();
}

/* --- The store, as another process sees it ---------------------------- */

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static sqlite3 *
open_db (Fixture *fixture,
         gboolean write)
{
  g_autofree char *path = history_file (fixture);
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
static gint64
find_pending_remote (Fixture *fixture)
{
  sqlite3 *db = open_db (fixture, FALSE);
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
wait_pending_remote (Fixture    *fixture,
                     const char *dialect,
                     guint       polls_before)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  gint64 id = 0;

  while (id == 0 || easel_mock_server_count (fixture->mock, dialect,
                                             EASEL_MOCK_STAGE_POLL) <= polls_before)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_assert_false (fixture->killable_done);
      spin (20);
      id = find_pending_remote (fixture);
    }
  return id;
}

/* Starts a remote generation that the mock never finishes and kills the
 * CLI once the job is recorded; returns its generation id. */
static gint64
crash_remote (Fixture    *fixture,
              const char *dialect,
              const char *gateway_option,
              const char *gateway_value,
              const char *prompt)
{
  guint polls = easel_mock_server_count (fixture->mock, dialect, EASEL_MOCK_STAGE_POLL);
  gboolean with_base = g_str_equal (gateway_option, "--preset");
  gint64 id;

  easel_mock_server_set_fault (fixture->mock, EASEL_MOCK_STAGE_POLL,
                               EASEL_MOCK_FAULT_NEVER_ENDING_JOB, 0, NULL);
  start_killable (fixture, "generate", gateway_option, gateway_value,
                  "--api-key-env", "EASEL_TEST_KEY", "--async", "--poll-interval-ms=50",
                  "-o", fixture->output_dir, prompt,
                  with_base ? "--base-url" : NULL,
                  easel_mock_server_get_base_url (fixture->mock, dialect), NULL);
  id = wait_pending_remote (fixture, dialect, polls);
  g_assert_true (kill_killable (fixture));
  easel_mock_server_clear_faults (fixture->mock);
  return id;
}

/* history --json, parsed. */
static GPtrArray *
list_history (Fixture *fixture)
{
  run_cli (fixture, "history", "--json", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  return json_lines (fixture);
}

static JsonObject *
find_generation (GPtrArray *generations,
                 gint64     id)
{
  for (guint i = 0; i < generations->len; i++)
    if (json_object_get_int_member (object_at (generations, i), "id") == id)
      return object_at (generations, i);
  g_error ("No generation %" G_GINT64_FORMAT " in the history", id);
  return NULL;
}

static void
assert_image_file (const char *path,
                   gint64      width,
                   gint64      height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, width);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, height);
}

static const char *state_of (Fixture *fixture,
                             gint64   id);

/* --- generate records; history lists ---------------------------------- */

static void
test_generate_records (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) generations = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *path = NULL;
  JsonObject *line, *generation, *image;
  gint64 id;

  run_cli (fixture, "generate", "--preset", "openai", "--base-url",
           easel_mock_server_get_base_url (fixture->mock, "openai"), "--api-key-env",
           "EASEL_TEST_KEY", "--quality", "low", "--size", "1024x1024", "-o", fixture->output_dir,
           "--json", "a lighthouse at dusk", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  lines = json_lines (fixture);
  g_assert_cmpuint (lines->len, ==, 1);
  line = object_at (lines, 0);
  id = json_object_get_int_member (line, "history_id");
  g_assert_cmpint (id, >, 0);
  path = g_strdup (json_object_get_string_member (line, "path"));
  g_assert_true (g_str_has_prefix (path, fixture->output_dir));

  generations = list_history (fixture);
  g_assert_cmpuint (generations->len, ==, 1);
  generation = object_at (generations, 0);
  g_assert_cmpint (json_object_get_int_member (generation, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (generation, "state"), ==, "stored");
  g_assert_cmpstr (json_object_get_string_member (generation, "profile"), ==, "command-line");
  g_assert_cmpstr (json_object_get_string_member (generation, "dialect"), ==, "openai");
  g_assert_cmpstr (json_object_get_string_member (generation, "prompt"), ==,
                   "a lighthouse at dusk");
  g_assert_cmpfloat (json_object_get_double_member (generation, "cost"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (generation, "currency"), ==, "USD");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (generation, "usage"),
                                               "total_tokens"), >, 0);
  g_assert_true (json_object_get_null_member (generation, "error"));
  g_assert_true (json_object_get_null_member (generation, "parent_id"));
  created = g_date_time_new_from_iso8601 (json_object_get_string_member (generation, "created"),
                                          NULL);
  g_assert_nonnull (created);
  g_assert_cmpint (g_date_time_difference (now, created), <, 10 * 60 * G_USEC_PER_SEC);
  g_assert_cmpint (g_date_time_difference (now, created), >, -60 * G_USEC_PER_SEC);
  image = first_image (generation);
  g_assert_cmpstr (json_object_get_string_member (image, "path"), ==, path);
  g_assert_cmpstr (json_object_get_string_member (image, "mime"), ==, "image/png");
  g_assert_false (json_object_get_boolean_member (image, "favourite"));
  g_assert_false (json_object_get_boolean_member (image, "missing"));
  assert_image_file (path, json_object_get_int_member (image, "width"),
                     json_object_get_int_member (image, "height"));

  /* The table, for people. */
  run_cli (fixture, "history", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_true (g_str_has_prefix (fixture->run.out, "DATE"));
  g_assert_nonnull (strstr (fixture->run.out, "PROMPT"));
  g_assert_nonnull (strstr (fixture->run.out, "stored"));
  g_assert_nonnull (strstr (fixture->run.out, "a lighthouse at dusk"));

  /* Without -o, the current folder; the history still gets a full path. */
  {
    g_autoptr(GSubprocessLauncher) launcher = new_launcher (fixture);
    const char *argv[] = { g_getenv ("EASEL_CLI"), "generate", "--preset", "openai",
                           "--base-url", easel_mock_server_get_base_url (fixture->mock, "openai"),
                           "--api-key-env", "EASEL_TEST_KEY", "here", NULL };
    g_autoptr(GPtrArray) args = g_ptr_array_new ();

    for (guint i = 0; argv[i] != NULL; i++)
      g_ptr_array_add (args, (gpointer) argv[i]);
    g_ptr_array_add (args, NULL);
    g_subprocess_launcher_set_cwd (launcher, fixture->output_dir);
    easel_test_process_start (&fixture->run, launcher, args);
    easel_test_process_wait (&fixture->run);
    g_assert_cmpint (fixture->run.status, ==, 0);
    g_assert_true (g_str_has_prefix (fixture->run.out, fixture->output_dir));
    g_free (path);
    path = g_strdup (g_strstrip (fixture->run.out));
    g_clear_pointer (&generations, g_ptr_array_unref);
    generations = list_history (fixture);
    g_assert_cmpuint (generations->len, ==, 2);
    g_assert_cmpstr (json_object_get_string_member (first_image (object_at (generations, 0)),
                                                    "path"), ==, path);
  }
}

static void
test_no_history (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) lines = NULL;

  run_cli (fixture, "generate", "--preset", "openai", "--base-url",
           easel_mock_server_get_base_url (fixture->mock, "openai"), "--api-key-env",
           "EASEL_TEST_KEY", "-o", fixture->output_dir, "--json", "--no-history", "unrecorded",
           NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  lines = json_lines (fixture);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_false (json_object_has_member (object_at (lines, 0), "history_id"));
  g_assert_true (g_file_test (json_object_get_string_member (object_at (lines, 0), "path"),
                              G_FILE_TEST_IS_REGULAR));
  /* Nothing at all in the data folder. */
  g_assert_false (g_file_test (fixture->base, G_FILE_TEST_EXISTS));

  /* Reading an empty history creates none either. */
  run_cli (fixture, "history", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_cmpstr (fixture->run.out, ==, "");
  g_assert_nonnull (strstr (fixture->run.err, "The history is empty"));
  run_cli (fixture, "history", "--json", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_cmpstr (fixture->run.out, ==, "");
  run_cli (fixture, "resume", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_cmpstr (fixture->run.out, ==, "");
  g_assert_nonnull (strstr (fixture->run.err, "Nothing to resume."));
  g_assert_false (g_file_test (fixture->base, G_FILE_TEST_EXISTS));
}

static void
generate_plain (Fixture    *fixture,
                const char *prompt)
{
  run_cli (fixture, "generate", "--preset", "openai", "--base-url",
           easel_mock_server_get_base_url (fixture->mock, "openai"), "--api-key-env",
           "EASEL_TEST_KEY", "-o", fixture->output_dir, prompt, NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
}

static void
assert_prompts (Fixture     *fixture,
                const char **expected)
{
  g_autoptr(GPtrArray) lines = json_lines (fixture);

  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_cmpuint (lines->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; i < lines->len; i++)
    g_assert_cmpstr (json_object_get_string_member (object_at (lines, i), "prompt"), ==,
                     expected[i]);
}

static void
test_search_limit (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GString) long_prompt = g_string_new ("a very long prompt");
  g_auto(GStrv) rows = NULL;

  generate_plain (fixture, "a red fox");
  generate_plain (fixture, "a blue whale");
  generate_plain (fixture, "a red barn");

  run_cli (fixture, "history", "--json", NULL);
  assert_prompts (fixture, (const char *[]) { "a red barn", "a blue whale", "a red fox", NULL });
  run_cli (fixture, "history", "--json", "--search", "red", NULL);
  assert_prompts (fixture, (const char *[]) { "a red barn", "a red fox", NULL });
  run_cli (fixture, "history", "--json", "--limit", "1", NULL);
  assert_prompts (fixture, (const char *[]) { "a red barn", NULL });
  run_cli (fixture, "history", "--json", "--search", "fox", "--limit", "5", NULL);
  assert_prompts (fixture, (const char *[]) { "a red fox", NULL });

  run_cli (fixture, "history", "--search", "zebra", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_cmpstr (fixture->run.out, ==, "");
  g_assert_nonnull (strstr (fixture->run.err, "Nothing in the history matches “zebra”"));

  run_cli (fixture, "history", "--limit", "0", NULL);
  g_assert_cmpint (fixture->run.status, ==, 1);
  g_assert_nonnull (strstr (fixture->run.err, "--limit"));
  run_cli (fixture, "history", "extra", NULL);
  g_assert_cmpint (fixture->run.status, ==, 1);

  /* A long prompt (with a line break and wide characters) is cut to the
   * 80 columns COLUMNS gives, on one line. */
  for (guint i = 0; i < 20; i++)
    g_string_append (long_prompt, i == 10 ? "\n灯塔 lighthouse" : " with many words");
  generate_plain (fixture, long_prompt->str);
  run_cli (fixture, "history", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  rows = g_strsplit (g_strchomp (fixture->run.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (rows), ==, 5);
  for (guint i = 0; rows[i] != NULL; i++)
    g_assert_cmpint (g_utf8_strlen (rows[i], -1), <=, 80);
  g_assert_nonnull (strstr (rows[1], "  a very long prompt with"));
  g_assert_true (g_str_has_suffix (rows[1], "…"));
  /* Cut to fit, not shorter. */
  g_assert_cmpint (g_utf8_strlen (rows[1], -1), ==, 80);
}

/* --- A store that cannot be opened, or not written --------------------- */

static gboolean
has_corrupt_copy (Fixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->base, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "history-corrupt-") && g_str_has_suffix (name, ".sqlite"))
      return TRUE;
  return FALSE;
}

static void
test_open_problems (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *database = history_file (fixture);
  g_autofree char *images = g_build_filename (fixture->base, "images", NULL);
  g_autoptr(GPtrArray) generations = NULL;
  g_autoptr(GError) error = NULL;

  /* A damaged store is moved aside, the user told where, and a new one
   * records the generation. */
  g_assert_cmpint (g_mkdir (fixture->base, 0700), ==, 0);
  g_file_set_contents (database, "This is not an SQLite database, whatever its name says.\n"
                       "It is long enough to have a header, though.\n", -1, &error);
  g_assert_no_error (error);
  generate_plain (fixture, "after the damage");
  g_assert_nonnull (strstr (fixture->run.err, "moved to"));
  g_assert_true (has_corrupt_copy (fixture));
  generations = list_history (fixture);
  g_assert_cmpuint (generations->len, ==, 1);

  /* A store that cannot be opened at all: generate says so and goes on,
   * the reading commands fail with status 4. */
  easel_test_remove_tree (images);
  g_file_set_contents (images, "a file where the images folder should be", -1, &error);
  g_assert_no_error (error);
  generate_plain (fixture, "no store today");
  g_assert_nonnull (strstr (fixture->run.err, "the history could not be opened"));
  g_assert_true (g_file_test (g_strstrip (fixture->run.out), G_FILE_TEST_IS_REGULAR));
  run_cli (fixture, "history", NULL);
  g_assert_cmpint (fixture->run.status, ==, 4);
  g_assert_nonnull (strstr (fixture->run.err, "could not be opened"));
  run_cli (fixture, "resume", NULL);
  g_assert_cmpint (fixture->run.status, ==, 4);
  g_assert_nonnull (strstr (fixture->run.err, "could not be opened"));
}

/* The store is locked by another writer while the image lands: the image
 * is on disk and printed all the same, with a warning; the generation
 * stays pending, and resume fetches it into the history. */
static void
test_history_error (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *base_url = easel_mock_server_get_base_url (fixture->mock, "yycode");
  guint polls = easel_mock_server_count (fixture->mock, "yycode", EASEL_MOCK_STAGE_POLL);
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (fixture);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) generations = NULL;
  JsonObject *generation;
  sqlite3 *db;
  gint64 id;
  const char *args[] = { g_getenv ("EASEL_CLI"), "generate", "--preset", "yycode", "--base-url",
                         base_url, "--api-key-env", "EASEL_TEST_KEY", "--poll-interval-ms=50",
                         "-o", fixture->output_dir, "--json", "locked out", NULL };

  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  easel_mock_server_set_fault (fixture->mock, EASEL_MOCK_STAGE_POLL,
                               EASEL_MOCK_FAULT_NEVER_ENDING_JOB, 0, NULL);
  easel_test_process_start (&fixture->run, launcher, argv);
  id = 0;
  while (id == 0 || easel_mock_server_count (fixture->mock, "yycode",
                                             EASEL_MOCK_STAGE_POLL) <= polls)
    {
      g_assert_false (fixture->run.done);
      spin (20);
      id = find_pending_remote (fixture);
    }

  db = open_db (fixture, TRUE);
  g_assert_nonnull (db);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
  easel_mock_server_clear_faults (fixture->mock);
  easel_mock_server_release_jobs (fixture->mock);
  easel_test_process_wait (&fixture->run);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close_v2 (db);

  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_nonnull (strstr (fixture->run.err, "warning: the history could not keep"));
  lines = json_lines (fixture);
  g_assert_cmpuint (lines->len, ==, 1);
  /* Not recorded, so no id to look it up by. */
  g_assert_false (json_object_has_member (object_at (lines, 0), "history_id"));
  g_assert_true (g_file_test (json_object_get_string_member (object_at (lines, 0), "path"),
                              G_FILE_TEST_IS_REGULAR));

  generations = list_history (fixture);
  g_assert_cmpstr (json_object_get_string_member (find_generation (generations, id), "state"),
                   ==, "pending");
  g_clear_pointer (&generations, g_ptr_array_unref);

  run_cli (fixture, "resume", "--preset", "yycode", "--base-url", base_url, "--api-key-env",
           "EASEL_TEST_KEY", "--poll-interval-ms=50", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  generations = list_history (fixture);
  generation = find_generation (generations, id);
  g_assert_cmpstr (json_object_get_string_member (generation, "state"), ==, "stored");
  g_assert_true (g_file_test (json_object_get_string_member (first_image (generation), "path"),
                              G_FILE_TEST_IS_REGULAR));
}

/* --- kill -9 and resume ------------------------------------------------ */

static void
test_crash_remote (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *dialect = data;
  EaselDialectKind kind;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) generations = NULL;
  g_autofree char *images = g_build_filename (fixture->base, "images", NULL);
  JsonObject *line, *generation, *image;
  const char *path;
  gint64 id;

  g_assert_true (easel_dialect_kind_from_string (dialect, &kind));
  save_profile (fixture, "mock-remote", kind);
  id = crash_remote (fixture, dialect, "--profile", "mock-remote", "a lighthouse, crashed");
  g_assert_cmpuint (easel_mock_server_count (fixture->mock, dialect, EASEL_MOCK_STAGE_SUBMIT),
                    ==, 1);

  /* The gateway finished while nobody was polling. */
  easel_mock_server_release_jobs (fixture->mock);
  run_cli (fixture, "resume", "--json", "--api-key-env", "EASEL_TEST_KEY",
           "--poll-interval-ms=50", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  lines = json_lines (fixture);
  g_assert_cmpuint (lines->len, ==, 1);
  line = object_at (lines, 0);
  g_assert_cmpint (json_object_get_int_member (line, "history_id"), ==, id);
  path = json_object_get_string_member (line, "path");
  g_assert_true (g_str_has_prefix (path, images));
  assert_image_file (path, json_object_get_int_member (line, "width"),
                     json_object_get_int_member (line, "height"));

  generations = list_history (fixture);
  g_assert_cmpuint (generations->len, ==, 1);
  generation = find_generation (generations, id);
  g_assert_cmpstr (json_object_get_string_member (generation, "state"), ==, "stored");
  g_assert_cmpstr (json_object_get_string_member (generation, "profile"), ==, "mock-remote");
  image = first_image (generation);
  g_assert_cmpstr (json_object_get_string_member (image, "path"), ==,
                   json_object_get_string_member (line, "path"));
  g_assert_false (json_object_get_boolean_member (image, "missing"));

  /* Polled again, never sent again (and billed twice). */
  g_assert_cmpuint (easel_mock_server_count (fixture->mock, dialect, EASEL_MOCK_STAGE_SUBMIT),
                    ==, 1);

  run_cli (fixture, "resume", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_nonnull (strstr (fixture->run.err, "Nothing to resume."));
}

/* Every file the store names is there and whole; no temp file is left
 * once the store has been opened again; and the store opens. */
static void
check_consistent (Fixture *fixture,
                  guint   *n_pending)
{
  sqlite3 *db = open_db (fixture, FALSE);
  sqlite3_stmt *stmt = NULL;
  g_autoptr(EaselHistory) history = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *moved_to = NULL;
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  EaselHistoryQuery everything = { .limit = 1000 };
  GObject *weak;

  /* Before anything sweeps: no row names a file that is not there. */
  if (db != NULL)
    {
      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT path, thumb_path FROM images", -1, &stmt,
                                           NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int column = 0; column < 2; column++)
          {
            const char *stored = (const char *) sqlite3_column_text (stmt, column);
            g_autofree char *path = NULL;

            if (stored == NULL)
              continue;
            path = g_path_is_absolute (stored) ? g_strdup (stored)
                                               : g_build_filename (fixture->base, stored, NULL);
            if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
              g_error ("The history names %s, which is not there", path);
          }
      sqlite3_finalize (stmt);
      sqlite3_close_v2 (db);
    }

  history = easel_history_new (fixture->base);
  easel_history_open_async (history, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (easel_history_open_finish (history, result, &moved_to, &error));
  g_assert_no_error (error);
  g_assert_null (moved_to);
  g_clear_object (&result);
  easel_history_list_async (history, &everything, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  entries = easel_history_list_finish (history, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      EaselHistoryEntry *entry = g_ptr_array_index (entries, i);

      if (entry->state == EASEL_HISTORY_PENDING)
        (*n_pending)++;
      for (guint j = 0; j < entry->images->len; j++)
        {
          EaselHistoryImage *image = g_ptr_array_index (entry->images, j);

          g_assert_false (image->missing);
          assert_image_file (image->path, image->width, image->height);
        }
    }
  g_clear_object (&result);
  weak = G_OBJECT (history);
  g_object_add_weak_pointer (weak, (gpointer *) &weak);
  g_clear_object (&history);
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);

  /* The sweep took every temp file; what is left under a final name is a
   * whole image. */
  g_ptr_array_add (dirs, g_build_filename (fixture->base, "images", NULL));
  g_ptr_array_add (dirs, g_build_filename (fixture->base, "thumbs", NULL));
  for (guint i = 0; i < dirs->len; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (g_ptr_array_index (dirs, i), 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          char *child = g_build_filename (g_ptr_array_index (dirs, i), name, NULL);

          g_assert_false (g_str_has_prefix (name, ".easel-"));
          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            g_ptr_array_add (dirs, child);
          else
            {
              g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (child, &error);

              g_assert_no_error (error);
              g_free (child);
            }
        }
    }
}

static gboolean
send_sigterm (gpointer user_data)
{
  Fixture *fixture = user_data;

  g_subprocess_send_signal (fixture->run.process, SIGTERM);
  return G_SOURCE_REMOVE;
}

/* SIGTERM (a logout, a supervisor) ends generate as a quit ends the app:
 * the remote job stays pending for resume, rather than being recorded
 * as cancelled as Ctrl+C would. */
static void
test_sigterm_keeps_pending (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *base_url = easel_mock_server_get_base_url (fixture->mock, "aizfw");
  guint polls = easel_mock_server_count (fixture->mock, "aizfw", EASEL_MOCK_STAGE_POLL);
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (fixture);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *args[] = { g_getenv ("EASEL_CLI"), "generate", "--preset", "aizfw", "--base-url",
                         base_url, "--api-key-env", "EASEL_TEST_KEY", "--poll-interval-ms=50",
                         "-o", fixture->output_dir, "terminated", NULL };
  gint64 id = 0;

  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  easel_mock_server_set_fault (fixture->mock, EASEL_MOCK_STAGE_POLL,
                               EASEL_MOCK_FAULT_NEVER_ENDING_JOB, 0, NULL);
  easel_test_process_start (&fixture->run, launcher, argv);
  while (id == 0 || easel_mock_server_count (fixture->mock, "aizfw",
                                             EASEL_MOCK_STAGE_POLL) <= polls)
    {
      g_assert_false (fixture->run.done);
      spin (20);
      id = find_pending_remote (fixture);
    }
  g_idle_add (send_sigterm, fixture);
  easel_test_process_wait (&fixture->run);
  g_assert_cmpint (fixture->run.status, ==, 5);
  g_assert_nonnull (strstr (fixture->run.err, "easel-cli resume"));
  g_assert_cmpstr (state_of (fixture, id), ==, "pending");

  easel_mock_server_clear_faults (fixture->mock);
  easel_mock_server_release_jobs (fixture->mock);
  run_cli (fixture, "resume", "--preset", "aizfw", "--base-url", base_url, "--api-key-env",
           "EASEL_TEST_KEY", "--poll-interval-ms=50", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_cmpstr (state_of (fixture, id), ==, "stored");
  g_assert_cmpuint (easel_mock_server_count (fixture->mock, "aizfw", EASEL_MOCK_STAGE_SUBMIT),
                    ==, 1);
}

/* Whether a temp file of a write in progress is in @dir. */
static gboolean
has_temp_file (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, ".easel-"))
      return TRUE;
  return FALSE;
}

/* Whether the generation of @prompt is recorded as pending with images:
 * the first is stored, the next not yet. */
static gboolean
has_pending_image (Fixture    *fixture,
                   const char *prompt)
{
  sqlite3 *db = open_db (fixture, FALSE);
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (db == NULL)
    return FALSE;
  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM generations g JOIN images i ON i.generation_id = "
                          "g.id WHERE g.state = 'pending' AND g.prompt = ?1", -1, &stmt,
                          NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, prompt, -1, SQLITE_STATIC);
      found = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  return found;
}

typedef enum
{
  AFTER_DELAY,      /* milliseconds after the request reached the gateway */
  ON_TEMP_FILE,     /* as soon as an image is being written */
  ON_FIRST_IMAGE,   /* as soon as the first image is recorded, the second not */
} KillAt;

/* kill -9 at moments across a direct request whose two large images are
 * decoded and written: before the answer, while an image is written,
 * between the two, while the outcome is recorded. After each, the store
 * must be whole. */
static void
test_kill_during_write (Fixture       *fixture,
                        gconstpointer  data)
{
  static const struct
  {
    KillAt at;
    guint  ms;
  } moments[] = {
    { AFTER_DELAY, 0 }, { AFTER_DELAY, 50 }, { AFTER_DELAY, 100 }, { AFTER_DELAY, 150 },
    { AFTER_DELAY, 200 }, { AFTER_DELAY, 250 }, { ON_TEMP_FILE, 0 }, { ON_TEMP_FILE, 0 },
    { ON_FIRST_IMAGE, 0 }, { ON_FIRST_IMAGE, 0 },
  };
  g_autofree char *out = g_build_filename (fixture->base, "images", "cli", NULL);
  g_autoptr(GPtrArray) generations = NULL;
  guint killed = 0, pending = 0, cut_between = 0, temp_left = 0;

  easel_mock_server_set_image_size (fixture->mock, 2048, 2048);
  easel_mock_server_set_image_noise (fixture->mock, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
    {
      g_autofree char *prompt = g_strdup_printf ("killed, run %u", i);
      guint submits = easel_mock_server_count (fixture->mock, "openai", EASEL_MOCK_STAGE_SUBMIT);
      gboolean was_killed;

      /* -o inside the library's images, so that the store's sweep looks
       * after the temp files of cut-off writes there too. */
      start_killable (fixture, "generate", "--preset", "openai", "--base-url",
                      easel_mock_server_get_base_url (fixture->mock, "openai"),
                      "--api-key-env", "EASEL_TEST_KEY", "--size", "2048x2048", "-n", "2",
                      "-o", out, prompt, NULL);
      while (easel_mock_server_count (fixture->mock, "openai", EASEL_MOCK_STAGE_SUBMIT) == submits
             && !fixture->killable_done)
        g_main_context_iteration (NULL, TRUE);
      switch (moments[i].at)
        {
        case AFTER_DELAY:
          spin (moments[i].ms);
          break;
        case ON_TEMP_FILE:
          while (!fixture->killable_done && !has_temp_file (out))
            spin (1);
          break;
        case ON_FIRST_IMAGE:
          while (!fixture->killable_done && !has_pending_image (fixture, prompt))
            spin (2);
          break;
        default:
          g_assert_not_reached ();
        }
      was_killed = kill_killable (fixture);
      killed += was_killed;
      temp_left += has_temp_file (out);
      pending = 0;
      check_consistent (fixture, &pending);
      if (moments[i].at == ON_FIRST_IMAGE && was_killed && has_pending_image (fixture, prompt))
        cut_between++;
      g_test_message ("Run %u (%s %u ms): %s, %u pending", i,
                      moments[i].at == AFTER_DELAY ? "delay"
                      : moments[i].at == ON_TEMP_FILE ? "temp file" : "first image",
                      moments[i].ms, was_killed ? "killed" : "finished", pending);
    }
  g_test_message ("%u runs killed, %u left a temp file", killed, temp_left);
  g_assert_cmpuint (killed, >, 0);
  /* A write was cut off at least once, and its temp file swept. */
  g_assert_cmpuint (temp_left, >, 0);
  /* The interesting moment was hit: a generation with one image kept. */
  g_assert_cmpuint (cut_between, >, 0);

  /* What was cut off is closed, without error, its images kept. */
  run_cli (fixture, "resume", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_cmpstr (fixture->run.out, ==, "");
  g_assert_nonnull (strstr (fixture->run.err, "closed: Easel stopped while storing"));
  generations = list_history (fixture);
  for (guint i = 0; i < generations->len; i++)
    {
      JsonObject *generation = object_at (generations, i);

      g_assert_cmpstr (json_object_get_string_member (generation, "state"), !=, "pending");
      /* An answer that arrived was billed: closing keeps its usage. */
      if (json_array_get_length (json_object_get_array_member (generation, "images")) > 0)
        {
          JsonObject *usage = json_object_get_object_member (generation, "usage");

          g_assert_nonnull (usage);
          g_assert_cmpint (json_object_get_int_member (usage, "total_tokens"), >, 0);
        }
    }
  pending = 0;
  check_consistent (fixture, &pending);
  g_assert_cmpuint (pending, ==, 0);
}

static const char *
state_of (Fixture *fixture,
          gint64   id)
{
  static char state[16];
  g_autoptr(GPtrArray) generations = list_history (fixture);

  g_strlcpy (state, json_object_get_string_member (find_generation (generations, id), "state"),
             sizeof state);
  return state;
}

static void
test_resume_removed_profile (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) lines = NULL;
  guint polls;
  gint64 id;

  save_profile (fixture, "gone", EASEL_DIALECT_YYCODE);
  id = crash_remote (fixture, "yycode", "--profile", "gone", "an orphan");
  remove_profile (fixture, "gone");
  easel_mock_server_release_jobs (fixture->mock);
  polls = easel_mock_server_count (fixture->mock, "yycode", EASEL_MOCK_STAGE_POLL);

  run_cli (fixture, "resume", "--api-key-env", "EASEL_TEST_KEY", "--poll-interval-ms=50", NULL);
  g_assert_cmpint (fixture->run.status, ==, 1);
  g_assert_cmpstr (fixture->run.out, ==, "");
  g_assert_nonnull (strstr (fixture->run.err, "the gateway “gone” was removed; add it back"));
  /* Left as it was, and the gateway not asked. */
  g_assert_cmpstr (state_of (fixture, id), ==, "pending");
  g_assert_cmpuint (easel_mock_server_count (fixture->mock, "yycode", EASEL_MOCK_STAGE_POLL), ==,
                    polls);

  /* Back again, it resumes. */
  save_profile (fixture, "gone", EASEL_DIALECT_YYCODE);
  run_cli (fixture, "resume", "--json", "--api-key-env", "EASEL_TEST_KEY",
           "--poll-interval-ms=50", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  lines = json_lines (fixture);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpint (json_object_get_int_member (object_at (lines, 0), "history_id"), ==, id);
  g_assert_cmpstr (state_of (fixture, id), ==, "stored");
}

/* Generations made with --preset need the same options to resume; one
 * key from the environment is never sent to two gateways. */
static void
test_resume_selection (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *yycode = easel_mock_server_get_base_url (fixture->mock, "yycode");
  guint submits, polls;
  gint64 adhoc, saved;

  save_profile (fixture, "saved-ico", EASEL_DIALECT_ICODEEASY);
  adhoc = crash_remote (fixture, "yycode", "--preset", "yycode", "made ad hoc");
  saved = crash_remote (fixture, "icodeeasy", "--profile", "saved-ico", "made with a profile");
  easel_mock_server_release_jobs (fixture->mock);
  submits = easel_mock_server_get_requests (fixture->mock)->len;
  polls = easel_mock_server_count (fixture->mock, NULL, EASEL_MOCK_STAGE_POLL);

  /* Without a key for the saved profile (it is in no keyring) and
   * without the ad hoc gateway's options, nothing can go. */
  run_cli (fixture, "resume", NULL);
  g_assert_cmpint (fixture->run.status, ==, 1);
  g_assert_nonnull (strstr (fixture->run.err, "given on the command line"));
  g_assert_nonnull (strstr (fixture->run.err, "saved-ico"));
  g_assert_nonnull (strstr (fixture->run.err, "--api-key-env"));

  run_cli (fixture, "resume", "--api-key-env", "EASEL_TEST_KEY", NULL);
  g_assert_cmpint (fixture->run.status, ==, 1);
  g_assert_nonnull (strstr (fixture->run.err, "one key"));
  g_assert_nonnull (strstr (fixture->run.err, "--profile"));
  g_assert_cmpuint (easel_mock_server_get_requests (fixture->mock)->len, ==, submits);
  g_assert_cmpuint (easel_mock_server_count (fixture->mock, NULL, EASEL_MOCK_STAGE_POLL), ==,
                    polls);
  g_assert_cmpstr (state_of (fixture, adhoc), ==, "pending");
  g_assert_cmpstr (state_of (fixture, saved), ==, "pending");

  run_cli (fixture, "resume", "--profile", "saved-ico", "--api-key-env", "EASEL_TEST_KEY",
           "--poll-interval-ms=50", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_nonnull (strstr (fixture->run.err, "1 pending generation of other gateways is left"));
  g_assert_true (g_file_test (g_strstrip (fixture->run.out), G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (state_of (fixture, saved), ==, "stored");
  g_assert_cmpstr (state_of (fixture, adhoc), ==, "pending");

  run_cli (fixture, "resume", "--preset", "yycode", "--base-url", yycode, "--api-key-env",
           "EASEL_TEST_KEY", "--poll-interval-ms=50", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_cmpstr (state_of (fixture, adhoc), ==, "stored");

  /* The command line itself. */
  run_cli (fixture, "resume", "extra", NULL);
  g_assert_cmpint (fixture->run.status, ==, 1);
  run_cli (fixture, "resume", "--profile", "x", "--preset", "yycode", NULL);
  g_assert_cmpint (fixture->run.status, ==, 1);
  g_assert_nonnull (strstr (fixture->run.err, "not both"));
  run_cli (fixture, "resume", "--api-key-env", "EASEL_UNSET_VARIABLE", NULL);
  g_assert_cmpint (fixture->run.status, ==, 1);
  g_assert_nonnull (strstr (fixture->run.err, "EASEL_UNSET_VARIABLE"));
  run_cli (fixture, "resume", "--preset", "nowhere", NULL);
  g_assert_cmpint (fixture->run.status, ==, 1);
  g_assert_nonnull (strstr (fixture->run.err, "nowhere"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-history/generate-records", test_generate_records, NULL);
  ADD ("/cli-history/no-history", test_no_history, NULL);
  ADD ("/cli-history/search-limit", test_search_limit, NULL);
  ADD ("/cli-history/open-problems", test_open_problems, NULL);
  ADD ("/cli-history/history-error", test_history_error, NULL);
  ADD ("/cli-history/crash/icodeeasy", test_crash_remote, "icodeeasy");
  ADD ("/cli-history/crash/yycode", test_crash_remote, "yycode");
  ADD ("/cli-history/crash/aizfw", test_crash_remote, "aizfw");
  ADD ("/cli-history/kill-during-write", test_kill_during_write, NULL);
  ADD ("/cli-history/sigterm", test_sigterm_keeps_pending, NULL);
  ADD ("/cli-history/resume/removed-profile", test_resume_removed_profile, NULL);
  ADD ("/cli-history/resume/selection", test_resume_selection, NULL);
#undef ADD

  return g_test_run ();
}
