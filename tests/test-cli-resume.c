/* test-cli-resume.c: easel-cli resume after kill -9: a remote job is
 * polled again (never sent again) and lands in the history and on disk; a
 * kill while images are written leaves a whole store that resume closes;
 * SIGTERM, removed profiles, and which generations a run takes
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "easel-test-cli.h"

static void
test_crash_remote (EaselTestCli  *fixture,
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
  easel_test_cli_save_profile (fixture, "mock-remote", kind);
  id = easel_test_cli_crash_remote (fixture, dialect, "--profile", "mock-remote",
                                    "a lighthouse, crashed");
  g_assert_cmpuint (easel_mock_server_count (fixture->mock, dialect, EASEL_MOCK_STAGE_SUBMIT),
                    ==, 1);

  /* The gateway finished while nobody was polling. */
  easel_mock_server_release_jobs (fixture->mock);
  easel_test_cli_run (fixture, "resume", "--json", "--api-key-env", "EASEL_TEST_KEY",
                      "--poll-interval-ms=50", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  lines = easel_test_cli_json_lines (fixture);
  g_assert_cmpuint (lines->len, ==, 1);
  line = easel_test_cli_object_at (lines, 0);
  g_assert_cmpint (json_object_get_int_member (line, "history_id"), ==, id);
  path = json_object_get_string_member (line, "path");
  g_assert_true (g_str_has_prefix (path, images));
  easel_test_cli_assert_image (path, json_object_get_int_member (line, "width"),
                               json_object_get_int_member (line, "height"));

  generations = easel_test_cli_list_history (fixture);
  g_assert_cmpuint (generations->len, ==, 1);
  generation = easel_test_cli_find_generation (generations, id);
  g_assert_cmpstr (json_object_get_string_member (generation, "state"), ==, "stored");
  g_assert_cmpstr (json_object_get_string_member (generation, "profile"), ==, "mock-remote");
  image = easel_test_cli_first_image (generation);
  g_assert_cmpstr (json_object_get_string_member (image, "path"), ==,
                   json_object_get_string_member (line, "path"));
  g_assert_false (json_object_get_boolean_member (image, "missing"));

  /* Polled again, never sent again (and billed twice). */
  g_assert_cmpuint (easel_mock_server_count (fixture->mock, dialect, EASEL_MOCK_STAGE_SUBMIT),
                    ==, 1);

  easel_test_cli_run (fixture, "resume", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_nonnull (strstr (fixture->run.err, "Nothing to resume."));
}

/* Every file the store names is there and whole; no temp file is left
 * once the store has been opened again; and the store opens. */
static void
check_consistent (EaselTestCli *fixture,
                  guint        *n_pending)
{
  sqlite3 *db = easel_test_cli_open_db (fixture, FALSE);
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
  easel_history_open_async (history, NULL, easel_test_cli_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (easel_history_open_finish (history, result, &moved_to, &error));
  g_assert_no_error (error);
  g_assert_null (moved_to);
  g_clear_object (&result);
  easel_history_list_async (history, &everything, NULL, easel_test_cli_store_result, &result);
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
          easel_test_cli_assert_image (image->path, image->width, image->height);
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
send_sigterm (gpointer  user_data)
{
  EaselTestCli *fixture = user_data;

  g_subprocess_send_signal (fixture->run.process, SIGTERM);
  return G_SOURCE_REMOVE;
}

/* SIGTERM (a logout, a supervisor) ends generate as a quit ends the app:
 * the remote job stays pending for resume, rather than being recorded
 * as cancelled as Ctrl+C would. */
static void
test_sigterm_keeps_pending (EaselTestCli  *fixture,
                            gconstpointer  data)
{
  const char *base_url = easel_mock_server_get_base_url (fixture->mock, "aizfw");
  guint polls = easel_mock_server_count (fixture->mock, "aizfw", EASEL_MOCK_STAGE_POLL);
  g_autoptr(GSubprocessLauncher) launcher = easel_test_cli_launcher (fixture);
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
      easel_test_cli_spin (20);
      id = easel_test_cli_find_pending_remote (fixture);
    }
  g_idle_add (send_sigterm, fixture);
  easel_test_process_wait (&fixture->run);
  g_assert_cmpint (fixture->run.status, ==, 5);
  g_assert_nonnull (strstr (fixture->run.err, "easel-cli resume"));
  g_assert_cmpstr (easel_test_cli_state_of (fixture, id), ==, "pending");

  easel_mock_server_clear_faults (fixture->mock);
  easel_mock_server_release_jobs (fixture->mock);
  easel_test_cli_run (fixture, "resume", "--preset", "aizfw", "--base-url", base_url,
                      "--api-key-env", "EASEL_TEST_KEY", "--poll-interval-ms=50", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_cmpstr (easel_test_cli_state_of (fixture, id), ==, "stored");
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
has_pending_image (EaselTestCli *fixture,
                   const char   *prompt)
{
  sqlite3 *db = easel_test_cli_open_db (fixture, FALSE);
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
test_kill_during_write (EaselTestCli  *fixture,
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
      easel_test_cli_start_killable (fixture, "generate", "--preset", "openai", "--base-url",
                                     easel_mock_server_get_base_url (fixture->mock, "openai"),
                                     "--api-key-env", "EASEL_TEST_KEY", "--size", "2048x2048", "-n",
                                     "2", "-o", out, prompt, NULL);
      while (easel_mock_server_count (fixture->mock, "openai", EASEL_MOCK_STAGE_SUBMIT) == submits
             && !fixture->killable_done)
        g_main_context_iteration (NULL, TRUE);
      switch (moments[i].at)
        {
        case AFTER_DELAY:
          easel_test_cli_spin (moments[i].ms);
          break;
        case ON_TEMP_FILE:
          while (!fixture->killable_done && !has_temp_file (out))
            easel_test_cli_spin (1);
          break;
        case ON_FIRST_IMAGE:
          while (!fixture->killable_done && !has_pending_image (fixture, prompt))
            easel_test_cli_spin (2);
          break;
        default:
          g_assert_not_reached ();
        }
      was_killed = easel_test_cli_kill (fixture);
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
  easel_test_cli_run (fixture, "resume", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_cmpstr (fixture->run.out, ==, "");
  g_assert_nonnull (strstr (fixture->run.err, "closed: Easel stopped while storing"));
  generations = easel_test_cli_list_history (fixture);
  for (guint i = 0; i < generations->len; i++)
    {
      JsonObject *generation = easel_test_cli_object_at (generations, i);

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

static void
test_resume_removed_profile (EaselTestCli  *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) lines = NULL;
  guint polls;
  gint64 id;

  easel_test_cli_save_profile (fixture, "gone", EASEL_DIALECT_YYCODE);
  id = easel_test_cli_crash_remote (fixture, "yycode", "--profile", "gone", "an orphan");
  easel_test_cli_remove_profile (fixture, "gone");
  easel_mock_server_release_jobs (fixture->mock);
  polls = easel_mock_server_count (fixture->mock, "yycode", EASEL_MOCK_STAGE_POLL);

  easel_test_cli_run (fixture, "resume", "--api-key-env", "EASEL_TEST_KEY", "--poll-interval-ms=50",
                      NULL);
  g_assert_cmpint (fixture->run.status, ==, 1);
  g_assert_cmpstr (fixture->run.out, ==, "");
  g_assert_nonnull (strstr (fixture->run.err, "the gateway “gone” was removed; add it back"));
  /* Left as it was, and the gateway not asked. */
  g_assert_cmpstr (easel_test_cli_state_of (fixture, id), ==, "pending");
  g_assert_cmpuint (easel_mock_server_count (fixture->mock, "yycode", EASEL_MOCK_STAGE_POLL), ==,
                    polls);

  /* Back again, it resumes. */
  easel_test_cli_save_profile (fixture, "gone", EASEL_DIALECT_YYCODE);
  easel_test_cli_run (fixture, "resume", "--json", "--api-key-env", "EASEL_TEST_KEY",
                      "--poll-interval-ms=50", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  lines = easel_test_cli_json_lines (fixture);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpint (json_object_get_int_member (easel_test_cli_object_at (lines, 0), "history_id"),
                   ==, id);
  g_assert_cmpstr (easel_test_cli_state_of (fixture, id), ==, "stored");
}

/* Generations made with --preset need the same options to resume; one
 * key from the environment is never sent to two gateways. */
static void
test_resume_selection (EaselTestCli  *fixture,
                       gconstpointer  data)
{
  const char *yycode = easel_mock_server_get_base_url (fixture->mock, "yycode");
  guint submits, polls;
  gint64 adhoc, saved;

  easel_test_cli_save_profile (fixture, "saved-ico", EASEL_DIALECT_ICODEEASY);
  adhoc = easel_test_cli_crash_remote (fixture, "yycode", "--preset", "yycode", "made ad hoc");
  saved = easel_test_cli_crash_remote (fixture, "icodeeasy", "--profile", "saved-ico",
                                       "made with a profile");
  easel_mock_server_release_jobs (fixture->mock);
  submits = easel_mock_server_get_requests (fixture->mock)->len;
  polls = easel_mock_server_count (fixture->mock, NULL, EASEL_MOCK_STAGE_POLL);

  /* Without a key for the saved profile (it is in no keyring) and
   * without the ad hoc gateway's options, nothing can go. */
  easel_test_cli_run (fixture, "resume", NULL);
  g_assert_cmpint (fixture->run.status, ==, 1);
  g_assert_nonnull (strstr (fixture->run.err, "given on the command line"));
  g_assert_nonnull (strstr (fixture->run.err, "saved-ico"));
  g_assert_nonnull (strstr (fixture->run.err, "--api-key-env"));

  easel_test_cli_run (fixture, "resume", "--api-key-env", "EASEL_TEST_KEY", NULL);
  g_assert_cmpint (fixture->run.status, ==, 1);
  g_assert_nonnull (strstr (fixture->run.err, "one key"));
  g_assert_nonnull (strstr (fixture->run.err, "--profile"));
  g_assert_cmpuint (easel_mock_server_get_requests (fixture->mock)->len, ==, submits);
  g_assert_cmpuint (easel_mock_server_count (fixture->mock, NULL, EASEL_MOCK_STAGE_POLL), ==,
                    polls);
  g_assert_cmpstr (easel_test_cli_state_of (fixture, adhoc), ==, "pending");
  g_assert_cmpstr (easel_test_cli_state_of (fixture, saved), ==, "pending");

  easel_test_cli_run (fixture, "resume", "--profile", "saved-ico", "--api-key-env",
                      "EASEL_TEST_KEY", "--poll-interval-ms=50", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_nonnull (strstr (fixture->run.err, "1 pending generation of other gateways is left"));
  g_assert_true (g_file_test (g_strstrip (fixture->run.out), G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (easel_test_cli_state_of (fixture, saved), ==, "stored");
  g_assert_cmpstr (easel_test_cli_state_of (fixture, adhoc), ==, "pending");

  easel_test_cli_run (fixture, "resume", "--preset", "yycode", "--base-url", yycode,
                      "--api-key-env", "EASEL_TEST_KEY", "--poll-interval-ms=50", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_cmpstr (easel_test_cli_state_of (fixture, adhoc), ==, "stored");

  /* The command line itself. */
  easel_test_cli_run (fixture, "resume", "extra", NULL);
  g_assert_cmpint (fixture->run.status, ==, 1);
  easel_test_cli_run (fixture, "resume", "--profile", "x", "--preset", "yycode", NULL);
  g_assert_cmpint (fixture->run.status, ==, 1);
  g_assert_nonnull (strstr (fixture->run.err, "not both"));
  easel_test_cli_run (fixture, "resume", "--api-key-env", "EASEL_UNSET_VARIABLE", NULL);
  g_assert_cmpint (fixture->run.status, ==, 1);
  g_assert_nonnull (strstr (fixture->run.err, "EASEL_UNSET_VARIABLE"));
  easel_test_cli_run (fixture, "resume", "--preset", "nowhere", NULL);
  g_assert_cmpint (fixture->run.status, ==, 1);
  g_assert_nonnull (strstr (fixture->run.err, "nowhere"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, EaselTestCli, data, easel_test_cli_set_up, func, easel_test_cli_tear_down)
  ADD ("/cli-resume/crash/icodeeasy", test_crash_remote, "icodeeasy");
  ADD ("/cli-resume/crash/yycode", test_crash_remote, "yycode");
  ADD ("/cli-resume/crash/aizfw", test_crash_remote, "aizfw");
  ADD ("/cli-resume/kill-during-write", test_kill_during_write, NULL);
  ADD ("/cli-resume/sigterm", test_sigterm_keeps_pending, NULL);
  ADD ("/cli-resume/removed-profile", test_resume_removed_profile, NULL);
  ADD ("/cli-resume/selection", test_resume_selection, NULL);
#undef ADD

  return g_test_run ();
}
