/* test-cli-history.c: easel-cli and the history: generate records by
 * default (--no-history not), `history` lists, searches and limits, and a
 * store that is damaged, cannot be opened or is locked is said and gone
 * around
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "easel-test-cli.h"

/* --- generate records; history lists ---------------------------------- */

static void
test_generate_records (EaselTestCli  *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) generations = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *path = NULL;
  JsonObject *line, *generation, *image;
  gint64 id;

  easel_test_cli_run (fixture, "generate", "--preset", "openai", "--base-url",
                      easel_mock_server_get_base_url (fixture->mock, "openai"), "--api-key-env",
                      "EASEL_TEST_KEY", "--quality", "low", "--size", "1024x1024", "-o",
                      fixture->output_dir, "--json", "a lighthouse at dusk", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  lines = easel_test_cli_json_lines (fixture);
  g_assert_cmpuint (lines->len, ==, 1);
  line = easel_test_cli_object_at (lines, 0);
  id = json_object_get_int_member (line, "history_id");
  g_assert_cmpint (id, >, 0);
  path = g_strdup (json_object_get_string_member (line, "path"));
  g_assert_true (g_str_has_prefix (path, fixture->output_dir));

  generations = easel_test_cli_list_history (fixture);
  g_assert_cmpuint (generations->len, ==, 1);
  generation = easel_test_cli_object_at (generations, 0);
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
  image = easel_test_cli_first_image (generation);
  g_assert_cmpstr (json_object_get_string_member (image, "path"), ==, path);
  g_assert_cmpstr (json_object_get_string_member (image, "mime"), ==, "image/png");
  g_assert_false (json_object_get_boolean_member (image, "favourite"));
  g_assert_false (json_object_get_boolean_member (image, "missing"));
  easel_test_cli_assert_image (path, json_object_get_int_member (image, "width"),
                               json_object_get_int_member (image, "height"));

  /* The table, for people. */
  easel_test_cli_run (fixture, "history", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_true (g_str_has_prefix (fixture->run.out, "DATE"));
  g_assert_nonnull (strstr (fixture->run.out, "PROMPT"));
  g_assert_nonnull (strstr (fixture->run.out, "stored"));
  g_assert_nonnull (strstr (fixture->run.out, "a lighthouse at dusk"));

  /* Without -o, the current folder; the history still gets a full path. */
  {
    g_autoptr(GSubprocessLauncher) launcher = easel_test_cli_launcher (fixture);
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
    generations = easel_test_cli_list_history (fixture);
    g_assert_cmpuint (generations->len, ==, 2);
    image = easel_test_cli_first_image (easel_test_cli_object_at (generations, 0));
    g_assert_cmpstr (json_object_get_string_member (image, "path"), ==, path);
  }
}

static void
test_no_history (EaselTestCli  *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) lines = NULL;
  JsonObject *line;

  easel_test_cli_run (fixture, "generate", "--preset", "openai", "--base-url",
                      easel_mock_server_get_base_url (fixture->mock, "openai"), "--api-key-env",
                      "EASEL_TEST_KEY", "-o", fixture->output_dir, "--json", "--no-history",
                      "unrecorded", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  lines = easel_test_cli_json_lines (fixture);
  g_assert_cmpuint (lines->len, ==, 1);
  line = easel_test_cli_object_at (lines, 0);
  g_assert_false (json_object_has_member (line, "history_id"));
  g_assert_true (g_file_test (json_object_get_string_member (line, "path"),
                              G_FILE_TEST_IS_REGULAR));
  /* Nothing at all in the data folder. */
  g_assert_false (g_file_test (fixture->base, G_FILE_TEST_EXISTS));

  /* Reading an empty history creates none either. */
  easel_test_cli_run (fixture, "history", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_cmpstr (fixture->run.out, ==, "");
  g_assert_nonnull (strstr (fixture->run.err, "The history is empty"));
  easel_test_cli_run (fixture, "history", "--json", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_cmpstr (fixture->run.out, ==, "");
  easel_test_cli_run (fixture, "resume", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_cmpstr (fixture->run.out, ==, "");
  g_assert_nonnull (strstr (fixture->run.err, "Nothing to resume."));
  g_assert_false (g_file_test (fixture->base, G_FILE_TEST_EXISTS));
}

static void
generate_plain (EaselTestCli *fixture,
                const char   *prompt)
{
  easel_test_cli_run (fixture, "generate", "--preset", "openai", "--base-url",
                      easel_mock_server_get_base_url (fixture->mock, "openai"), "--api-key-env",
                      "EASEL_TEST_KEY", "-o", fixture->output_dir, prompt, NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
}

static void
assert_prompts (EaselTestCli *fixture,
                const char  **expected)
{
  g_autoptr(GPtrArray) lines = easel_test_cli_json_lines (fixture);

  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_cmpuint (lines->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; i < lines->len; i++)
    g_assert_cmpstr (json_object_get_string_member (easel_test_cli_object_at (lines, i), "prompt"),
                     ==, expected[i]);
}

static void
test_search_limit (EaselTestCli  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GString) long_prompt = g_string_new ("a very long prompt");
  g_auto(GStrv) rows = NULL;

  generate_plain (fixture, "a red fox");
  generate_plain (fixture, "a blue whale");
  generate_plain (fixture, "a red barn");

  easel_test_cli_run (fixture, "history", "--json", NULL);
  assert_prompts (fixture, (const char *[]) { "a red barn", "a blue whale", "a red fox", NULL });
  easel_test_cli_run (fixture, "history", "--json", "--search", "red", NULL);
  assert_prompts (fixture, (const char *[]) { "a red barn", "a red fox", NULL });
  easel_test_cli_run (fixture, "history", "--json", "--limit", "1", NULL);
  assert_prompts (fixture, (const char *[]) { "a red barn", NULL });
  easel_test_cli_run (fixture, "history", "--json", "--search", "fox", "--limit", "5", NULL);
  assert_prompts (fixture, (const char *[]) { "a red fox", NULL });

  easel_test_cli_run (fixture, "history", "--search", "zebra", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_cmpstr (fixture->run.out, ==, "");
  g_assert_nonnull (strstr (fixture->run.err, "Nothing in the history matches “zebra”"));

  easel_test_cli_run (fixture, "history", "--limit", "0", NULL);
  g_assert_cmpint (fixture->run.status, ==, 1);
  g_assert_nonnull (strstr (fixture->run.err, "--limit"));
  easel_test_cli_run (fixture, "history", "extra", NULL);
  g_assert_cmpint (fixture->run.status, ==, 1);

  /* A long prompt (with a line break and wide characters) is cut to the
   * 80 columns COLUMNS gives, on one line. */
  for (guint i = 0; i < 20; i++)
    g_string_append (long_prompt, i == 10 ? "\n灯塔 lighthouse" : " with many words");
  generate_plain (fixture, long_prompt->str);
  easel_test_cli_run (fixture, "history", NULL);
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
has_corrupt_copy (EaselTestCli *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->base, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "history-corrupt-") && g_str_has_suffix (name, ".sqlite"))
      return TRUE;
  return FALSE;
}

static void
test_open_problems (EaselTestCli  *fixture,
                    gconstpointer  data)
{
  g_autofree char *database = easel_test_cli_history_file (fixture);
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
  generations = easel_test_cli_list_history (fixture);
  g_assert_cmpuint (generations->len, ==, 1);

  /* A store that cannot be opened at all: generate says so and goes on,
   * the reading commands fail with status 4. */
  easel_test_remove_tree (images);
  g_file_set_contents (images, "a file where the images folder should be", -1, &error);
  g_assert_no_error (error);
  generate_plain (fixture, "no store today");
  g_assert_nonnull (strstr (fixture->run.err, "the history could not be opened"));
  g_assert_true (g_file_test (g_strstrip (fixture->run.out), G_FILE_TEST_IS_REGULAR));
  easel_test_cli_run (fixture, "history", NULL);
  g_assert_cmpint (fixture->run.status, ==, 4);
  g_assert_nonnull (strstr (fixture->run.err, "could not be opened"));
  easel_test_cli_run (fixture, "resume", NULL);
  g_assert_cmpint (fixture->run.status, ==, 4);
  g_assert_nonnull (strstr (fixture->run.err, "could not be opened"));
}

/* The store is locked by another writer while the image lands: the image
 * is on disk and printed all the same, with a warning; the generation
 * stays pending, and resume fetches it into the history. */
static void
test_history_error (EaselTestCli  *fixture,
                    gconstpointer  data)
{
  const char *base_url = easel_mock_server_get_base_url (fixture->mock, "yycode");
  guint polls = easel_mock_server_count (fixture->mock, "yycode", EASEL_MOCK_STAGE_POLL);
  g_autoptr(GSubprocessLauncher) launcher = easel_test_cli_launcher (fixture);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) generations = NULL;
  JsonObject *generation, *line, *image;
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
      easel_test_cli_spin (20);
      id = easel_test_cli_find_pending_remote (fixture);
    }

  db = easel_test_cli_open_db (fixture, TRUE);
  g_assert_nonnull (db);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
  easel_mock_server_clear_faults (fixture->mock);
  easel_mock_server_release_jobs (fixture->mock);
  easel_test_process_wait (&fixture->run);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close_v2 (db);

  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_nonnull (strstr (fixture->run.err, "warning: the history could not keep"));
  lines = easel_test_cli_json_lines (fixture);
  g_assert_cmpuint (lines->len, ==, 1);
  /* Not recorded, so no id to look it up by. */
  line = easel_test_cli_object_at (lines, 0);
  g_assert_false (json_object_has_member (line, "history_id"));
  g_assert_true (g_file_test (json_object_get_string_member (line, "path"),
                              G_FILE_TEST_IS_REGULAR));

  generations = easel_test_cli_list_history (fixture);
  generation = easel_test_cli_find_generation (generations, id);
  g_assert_cmpstr (json_object_get_string_member (generation, "state"), ==, "pending");
  g_clear_pointer (&generations, g_ptr_array_unref);

  easel_test_cli_run (fixture, "resume", "--preset", "yycode", "--base-url", base_url,
                      "--api-key-env", "EASEL_TEST_KEY", "--poll-interval-ms=50", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  generations = easel_test_cli_list_history (fixture);
  generation = easel_test_cli_find_generation (generations, id);
  g_assert_cmpstr (json_object_get_string_member (generation, "state"), ==, "stored");
  image = easel_test_cli_first_image (generation);
  g_assert_true (g_file_test (json_object_get_string_member (image, "path"),
                              G_FILE_TEST_IS_REGULAR));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, EaselTestCli, NULL, easel_test_cli_set_up, func, easel_test_cli_tear_down)
  ADD ("/cli-history/generate-records", test_generate_records);
  ADD ("/cli-history/no-history", test_no_history);
  ADD ("/cli-history/search-limit", test_search_limit);
  ADD ("/cli-history/open-problems", test_open_problems);
  ADD ("/cli-history/history-error", test_history_error);
#undef ADD

  return g_test_run ();
}
