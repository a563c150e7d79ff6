/* test-history.c: EaselHistory against stores in temp folders
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "easel-history-private.h"

typedef struct
{
  char         *dir;
  EaselHistory *history;
} Fixture;

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

#define WAIT(res) \
  G_STMT_START { while ((res) == NULL) g_main_context_iteration (NULL, TRUE); } G_STMT_END

static gboolean
too_slow (gpointer data)
{
  g_error ("The history was not finalized in time: a reference leaked");
  return G_SOURCE_REMOVE;
}

/* The worker drops its last reference to a task in the caller's context,
 * a moment after the result arrives: let that happen, then check nothing
 * else holds the history. */
static void
assert_finalized (EaselHistory *history)
{
  GObject *weak = G_OBJECT (history);
  guint timeout = g_timeout_add_seconds (10, too_slow, NULL);

  g_object_add_weak_pointer (weak, (gpointer *) &weak);
  g_object_unref (history);
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static char *
open_history (EaselHistory *history,
              GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  char *moved = NULL;

  easel_history_open_async (history, NULL, store_result, &result);
  WAIT (result);
  if (!easel_history_open_finish (history, result, &moved, error))
    return NULL;
  return moved != NULL ? moved : g_strdup ("");
}

static gint64
record (EaselHistory      *history,
        EaselHistoryEntry *entry)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  easel_history_record_async (history, entry, NULL, store_result, &result);
  WAIT (result);
  id = easel_history_record_finish (history, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GPtrArray *
list (EaselHistory            *history,
      const EaselHistoryQuery *query)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;

  easel_history_list_async (history, query, NULL, store_result, &result);
  WAIT (result);
  entries = easel_history_list_finish (history, result, &error);
  g_assert_no_error (error);
  return entries;
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static EaselHistoryEntry *
make_entry (Fixture    *fixture,
            const char *prompt,
            gint64      created_at,
            guint       n_images)
{
  EaselHistoryEntry *entry = easel_history_entry_new ();
  g_autoptr(EaselRequest) request = easel_request_new ();

  easel_request_set_prompt (request, prompt);
  easel_history_entry_set_request (entry, request);
  entry->created_at = created_at;
  entry->profile_id = g_strdup ("p1");
  for (guint i = 0; i < n_images; i++)
    {
      g_autofree char *name = g_strdup_printf ("images/2026/11/%s-%" G_GINT64_FORMAT "-%u.png",
                                               prompt, created_at, i);
      g_autofree char *path = write_file (fixture->dir, name, "png bytes");

      easel_history_entry_add_image (entry, path, "image/png", 64, 32, NULL);
    }
  return entry;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;

  fixture->dir = g_dir_make_tmp ("easel-history-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->history = easel_history_new (fixture->dir);
  moved = open_history (fixture->history, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moved, ==, "");
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  assert_finalized (fixture->history);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(EaselHistoryEntry) entry = make_entry (fixture, "a red fox", 1000, 2);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(EaselRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  EaselHistoryEntry *back;
  EaselHistoryImage *image;
  g_autofree char *wal = g_build_filename (fixture->dir, "history.sqlite-wal", NULL);

  g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("openai", "my-openai");
  g_autoptr(GAsyncResult) got = NULL;
  g_autoptr(EaselHistoryEntry) fetched = NULL;

  easel_history_entry_set_profile (entry, profile);
  g_assert_cmpstr (entry->profile_id, ==, "my-openai");
  g_assert_cmpstr (entry->dialect, ==, "openai");
  entry->remote_id = g_strdup ("task-1");
  entry->input_tokens = 10;
  entry->output_tokens = 20;
  entry->total_tokens = 30;
  entry->cost = 0.25;
  g_free (entry->currency);
  entry->currency = g_strdup ("USD");
  entry->started_ms = 5;
  entry->received_ms = 900;
  entry->finished_ms = 950;
  entry->id = 0;
  entry->id = record (fixture->history, entry);

  entries = list (fixture->history, NULL);
  g_assert_cmpuint (entries->len, ==, 1);
  back = g_ptr_array_index (entries, 0);
  g_assert_cmpint (back->id, ==, entry->id);
  g_assert_cmpint (back->created_at, ==, 1000);
  g_assert_cmpstr (back->prompt, ==, "a red fox");
  g_assert_cmpstr (back->remote_id, ==, "task-1");
  g_assert_cmpint (back->state, ==, EASEL_HISTORY_STORED);
  g_assert_cmpint (back->total_tokens, ==, 30);
  g_assert_cmpfloat (back->cost, ==, 0.25);
  g_assert_cmpstr (back->currency, ==, "USD");
  g_assert_cmpint (back->received_ms, ==, 900);
  g_assert_cmpint (back->parent_id, ==, 0);
  g_assert_cmpuint (back->images->len, ==, 2);
  image = g_ptr_array_index (back->images, 1);
  g_assert_cmpuint (image->index, ==, 1);
  g_assert_cmpstr (image->path, ==,
                   ((EaselHistoryImage *) g_ptr_array_index (entry->images, 1))->path);
  g_assert_cmpint (image->width, ==, 64);
  g_assert_cmpint (image->height, ==, 32);
  g_assert_false (image->favourite);
  g_assert_false (image->missing);

  g_assert_cmpstr (back->profile_id, ==, "my-openai");
  g_assert_cmpstr (back->profile_name, ==, entry->profile_name);
  g_assert_cmpstr (back->dialect, ==, "openai");

  easel_history_get_async (fixture->history, entry->id, NULL, store_result, &got);
  WAIT (got);
  fetched = easel_history_get_finish (fixture->history, got, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fetched->id, ==, entry->id);
  g_assert_cmpuint (fetched->images->len, ==, 2);

  request = easel_history_entry_get_request (back, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (easel_request_get_prompt (request), ==, "a red fox");
  /* WAL mode: the journal file sits beside the open database. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  static const char *const prompts[] = {
    "a \"quoted\" cat", "dog AND NOT cat", "star* (paren): x", "café au lait", NULL
  };
  static const struct { const char *text; guint expected; } cases[] = {
    { "\"quoted\"", 1 }, { "cat", 2 }, { "AND", 1 }, { "star*", 1 }, { "(paren):", 1 },
    { "cafe", 1 }, { "ca", 3 }, { "\"", 0 }, { "  ", 4 }, { "NEAR(", 0 }, { "zebra", 0 },
  };

  for (guint i = 0; prompts[i] != NULL; i++)
    {
      g_autoptr(EaselHistoryEntry) entry = make_entry (fixture, "x", 100 + i, 0);

      g_free (entry->prompt);
      entry->prompt = g_strdup (prompts[i]);
      record (fixture->history, entry);
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      EaselHistoryQuery query = { .text = cases[i].text };
      g_autoptr(GPtrArray) entries = list (fixture->history, &query);

      g_test_message ("search %s", cases[i].text);
      g_assert_cmpuint (entries->len, ==, cases[i].expected);
    }
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(EaselHistoryEntry) a = make_entry (fixture, "one", 1000, 1);
  g_autoptr(EaselHistoryEntry) b = make_entry (fixture, "two", 2000, 1);
  g_autoptr(EaselHistoryEntry) c = make_entry (fixture, "three", 3000, 1);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) by_profile = NULL;
  g_autoptr(GPtrArray) dated = NULL;
  g_autoptr(GPtrArray) edits = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GPtrArray) paged = NULL;
  EaselHistoryQuery query = { 0 };

  b->profile_id = (g_free (b->profile_id), g_strdup ("p2"));
  a->id = record (fixture->history, a);
  record (fixture->history, b);
  c->parent_id = a->id;
  record (fixture->history, c);

  all = list (fixture->history, NULL);
  g_assert_cmpuint (all->len, ==, 3);
  /* Newest first. */
  g_assert_cmpstr (((EaselHistoryEntry *) all->pdata[0])->prompt, ==, "three");
  g_assert_cmpstr (((EaselHistoryEntry *) all->pdata[2])->prompt, ==, "one");

  query.profile_id = "p2";
  by_profile = list (fixture->history, &query);
  g_assert_cmpuint (by_profile->len, ==, 1);
  g_assert_cmpstr (((EaselHistoryEntry *) by_profile->pdata[0])->prompt, ==, "two");

  query = (EaselHistoryQuery) { .since = 1500, .until = 3000 };
  dated = list (fixture->history, &query);
  g_assert_cmpuint (dated->len, ==, 1);
  g_assert_cmpstr (((EaselHistoryEntry *) dated->pdata[0])->prompt, ==, "two");

  query = (EaselHistoryQuery) { .edits_only = TRUE };
  edits = list (fixture->history, &query);
  g_assert_cmpuint (edits->len, ==, 1);
  g_assert_cmpint (((EaselHistoryEntry *) edits->pdata[0])->parent_id, ==, a->id);

  query = (EaselHistoryQuery) { .parent_id = a->id };
  children = list (fixture->history, &query);
  g_assert_cmpuint (children->len, ==, 1);
  g_assert_cmpstr (((EaselHistoryEntry *) children->pdata[0])->prompt, ==, "three");

  query = (EaselHistoryQuery) { .limit = 1, .offset = 1 };
  paged = list (fixture->history, &query);
  g_assert_cmpuint (paged->len, ==, 1);
  g_assert_cmpstr (((EaselHistoryEntry *) paged->pdata[0])->prompt, ==, "two");
}

static void
test_favourite (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(EaselHistoryEntry) a = make_entry (fixture, "one", 1000, 2);
  g_autoptr(EaselHistoryEntry) b = make_entry (fixture, "two", 2000, 1);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) favourites = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) missing = NULL;
  g_autoptr(GError) error = NULL;
  EaselHistoryQuery query = { .favourites_only = TRUE };
  EaselHistoryImage *image;

  record (fixture->history, a);
  record (fixture->history, b);
  all = list (fixture->history, NULL);
  image = g_ptr_array_index (((EaselHistoryEntry *) all->pdata[1])->images, 1);

  easel_history_set_favourite_async (fixture->history, image->id, TRUE, NULL, store_result,
                                     &result);
  WAIT (result);
  g_assert_true (easel_history_set_favourite_finish (fixture->history, result, &error));
  g_assert_no_error (error);

  favourites = list (fixture->history, &query);
  g_assert_cmpuint (favourites->len, ==, 1);
  g_assert_cmpstr (((EaselHistoryEntry *) favourites->pdata[0])->prompt, ==, "one");
  g_assert_true (((EaselHistoryImage *)
                  ((EaselHistoryEntry *) favourites->pdata[0])->images->pdata[1])->favourite);
  g_assert_false (((EaselHistoryImage *)
                   ((EaselHistoryEntry *) favourites->pdata[0])->images->pdata[0])->favourite);

  easel_history_set_favourite_async (fixture->history, 9999, TRUE, NULL, store_result,
                                     &missing);
  WAIT (missing);
  g_assert_false (easel_history_set_favourite_finish (fixture->history, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EaselHistoryEntry) entry = make_entry (fixture, "gone", 1000, 2);
  g_autoptr(GAsyncResult) deleted = NULL;
  g_autoptr(GAsyncResult) undone = NULL;
  g_autoptr(GAsyncResult) again = NULL;
  g_autoptr(GPtrArray) after_delete = NULL;
  g_autoptr(GPtrArray) after_undo = NULL;
  g_autoptr(GError) error = NULL;
  const char *path0 = ((EaselHistoryImage *) entry->images->pdata[0])->path;
  g_autofree char *contents = NULL;
  guint token;
  gint64 id;

  id = record (fixture->history, entry);
  easel_history_delete_async (fixture->history, id, NULL, store_result, &deleted);
  WAIT (deleted);
  token = easel_history_delete_finish (fixture->history, deleted, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (token, >, 0);
  g_assert_false (g_file_test (path0, G_FILE_TEST_EXISTS));
  after_delete = list (fixture->history, NULL);
  g_assert_cmpuint (after_delete->len, ==, 0);

  easel_history_undo_delete_async (fixture->history, token, NULL, store_result, &undone);
  WAIT (undone);
  g_assert_true (easel_history_undo_delete_finish (fixture->history, undone, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path0, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "png bytes");
  after_undo = list (fixture->history, NULL);
  g_assert_cmpuint (after_undo->len, ==, 1);
  g_assert_cmpint (((EaselHistoryEntry *) after_undo->pdata[0])->id, ==, id);
  g_assert_cmpuint (((EaselHistoryEntry *) after_undo->pdata[0])->images->len, ==, 2);

  /* A token is good for one undo. */
  easel_history_undo_delete_async (fixture->history, token, NULL, store_result, &again);
  WAIT (again);
  g_assert_false (easel_history_undo_delete_finish (fixture->history, again, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
on_changed (EaselHistory *history,
            gint64        id,
            gpointer      user_data)
{
  g_array_append_val ((GArray *) user_data, id);
}

static void
wait_changes (GArray *changes,
              guint   n)
{
  while (changes->len < n)
    g_main_context_iteration (NULL, TRUE);
}

/* "changed" follows each successful change, with the generation's id, and
 * nothing else: not a list, not a failed call. */
static void
test_changed (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(EaselHistoryEntry) entry = make_entry (fixture, "noted", 1000, 1);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GAsyncResult) deleted = NULL;
  g_autoptr(GAsyncResult) undone = NULL;
  g_autoptr(GAsyncResult) starred = NULL;
  g_autoptr(GAsyncResult) missing = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  EaselHistoryEntry *listed;
  guint token;
  gint64 id;

  g_signal_connect (fixture->history, "changed", G_CALLBACK (on_changed), changes);
  id = record (fixture->history, entry);
  wait_changes (changes, 1);
  g_assert_cmpint (g_array_index (changes, gint64, 0), ==, id);

  entries = list (fixture->history, NULL);
  listed = entries->pdata[0];
  easel_history_set_favourite_async (fixture->history,
                                     ((EaselHistoryImage *) listed->images->pdata[0])->id, TRUE,
                                     NULL, store_result, &starred);
  WAIT (starred);
  g_assert_true (easel_history_set_favourite_finish (fixture->history, starred, &error));
  wait_changes (changes, 2);
  g_assert_cmpint (g_array_index (changes, gint64, 1), ==, -1);

  easel_history_delete_async (fixture->history, id, NULL, store_result, &deleted);
  WAIT (deleted);
  token = easel_history_delete_finish (fixture->history, deleted, &error);
  g_assert_no_error (error);
  wait_changes (changes, 3);
  g_assert_cmpint (g_array_index (changes, gint64, 2), ==, id);

  easel_history_undo_delete_async (fixture->history, token, NULL, store_result, &undone);
  WAIT (undone);
  g_assert_true (easel_history_undo_delete_finish (fixture->history, undone, &error));
  wait_changes (changes, 4);
  g_assert_cmpint (g_array_index (changes, gint64, 3), ==, id);

  /* A failed call changes nothing and says nothing. */
  easel_history_undo_delete_async (fixture->history, token, NULL, store_result, &missing);
  WAIT (missing);
  g_assert_false (easel_history_undo_delete_finish (fixture->history, missing, &error));
  g_clear_error (&error);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = list (fixture->history, NULL);
  for (int i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (changes->len, ==, 4);
  g_signal_handlers_disconnect_by_data (fixture->history, changes);
}

static void
count_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_assert_cmpint (easel_history_record_finish (EASEL_HISTORY (source), result, NULL), >, 0);
  (*(guint *) user_data)++;
}

/* After a flush every queued record is in the file, though no callback
 * has run yet (the main context was not iterated). */
static void
test_flush (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "history.sqlite", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint done = 0;
  const guint n = 50;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EaselHistoryEntry) entry = easel_history_entry_new ();

      entry->prompt = g_strdup_printf ("flushed %u", i);
      easel_history_record_async (fixture->history, entry, NULL, count_done, &done);
    }
  g_assert_true (easel_history_flush (fixture->history, 10000));
  g_assert_cmpuint (done, ==, 0);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM generations", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, n);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  while (done < n)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_pending (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(EaselHistoryEntry) entry = make_entry (fixture, "slow", 1000, 0);
  g_autoptr(EaselHistoryEntry) done = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) after = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *image = NULL;

  entry->state = EASEL_HISTORY_PENDING;
  entry->remote_id = g_strdup ("remote-42");
  entry->id = record (fixture->history, entry);

  easel_history_list_pending_async (fixture->history, NULL, store_result, &result);
  WAIT (result);
  pending = easel_history_list_finish (fixture->history, result, NULL);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpstr (((EaselHistoryEntry *) pending->pdata[0])->remote_id, ==, "remote-42");

  /* The job finished: the same row, now stored, with its image. */
  done = make_entry (fixture, "slow", 1000, 1);
  done->id = entry->id;
  done->remote_id = g_strdup ("remote-42");
  g_assert_cmpint (record (fixture->history, done), ==, entry->id);

  easel_history_list_pending_async (fixture->history, NULL, store_result, &after);
  WAIT (after);
  none = easel_history_list_finish (fixture->history, after, NULL);
  g_assert_cmpuint (none->len, ==, 0);
  all = list (fixture->history, NULL);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpint (((EaselHistoryEntry *) all->pdata[0])->state, ==, EASEL_HISTORY_STORED);
  g_assert_cmpuint (((EaselHistoryEntry *) all->pdata[0])->images->len, ==, 1);
}

static void
test_sweep (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(EaselHistoryEntry) entry = make_entry (fixture, "kept", 1000, 2);
  g_autofree char *temp = write_file (fixture->dir, "images/2026/11/.easel-abc123.part", "x");
  g_autofree char *thumb_temp = write_file (fixture->dir, "thumbs/.easel-q.part", "x");
  g_autofree char *other = write_file (fixture->dir, "images/2026/11/keep.png", "x");
  g_autoptr(EaselHistory) again = NULL;
  g_autofree char *slashed = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;
  EaselHistoryEntry *back;

  record (fixture->history, entry);
  g_assert_cmpint (g_unlink (((EaselHistoryImage *) entry->images->pdata[0])->path), ==, 0);
  /* The next start: this one is closed (while open, it could be writing). */
  assert_finalized (g_steal_pointer (&fixture->history));
  fixture->history = easel_history_new (fixture->dir);

  slashed = g_strconcat (fixture->dir, "/./", NULL);
  again = easel_history_new (slashed);
  g_assert_cmpstr (easel_history_get_base_dir (again), ==, fixture->dir);
  moved = open_history (again, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (thumb_temp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));

  entries = list (again, NULL);
  back = g_ptr_array_index (entries, 0);
  g_assert_true (((EaselHistoryImage *) back->images->pdata[0])->missing);
  g_assert_false (((EaselHistoryImage *) back->images->pdata[1])->missing);
  assert_finalized (g_steal_pointer (&again));
}

static void
test_corrupt (void)
{
  g_autofree char *dir = g_dir_make_tmp ("easel-history-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "history.sqlite", NULL);
  g_autofree char *garbage = g_strnfill (8192, 'g');
  g_autofree char *moved = NULL;
  g_autofree char *moved_contents = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(EaselHistoryEntry) entry = easel_history_entry_new ();
  EaselHistory *history;
  Fixture fixture = { .dir = dir };

  g_assert_true (g_file_set_contents (db, garbage, -1, NULL));
  history = easel_history_new (dir);
  fixture.history = history;
  moved = open_history (history, &error);
  g_assert_no_error (error);
  base = g_path_get_basename (moved);
  g_assert_true (g_str_has_prefix (base, "history-corrupt-"));
  g_assert_true (g_str_has_suffix (base, ".sqlite"));
  g_assert_true (g_file_get_contents (moved, &moved_contents, NULL, NULL));
  g_assert_cmpstr (moved_contents, ==, garbage);

  entry->prompt = g_strdup ("fresh start");
  record (history, entry);
  entries = list (history, NULL);
  g_assert_cmpuint (entries->len, ==, 1);

  fixture_tear_down (&fixture, NULL);
  fixture.dir = NULL;
  g_steal_pointer (&dir);
}

static void
test_not_open (void)
{
  EaselHistory *history = easel_history_new ("/nonexistent-easel-test");
  g_autoptr(EaselHistoryEntry) entry = easel_history_entry_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  easel_history_record_async (history, entry, NULL, store_result, &result);
  WAIT (result);
  g_assert_cmpint (easel_history_record_finish (history, result, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_clear_object (&result);

  /* Nothing to flush: done at once, not after the timeout. */
  {
    gint64 start = g_get_monotonic_time ();

    g_assert_true (easel_history_flush (history, 5000));
    g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  assert_finalized (history);
}

static void
test_migration (void)
{
  g_autofree char *dir = g_dir_make_tmp ("easel-history-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "history.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *moved = NULL;
  EaselHistoryQuery query = { .text = "lighthouse" };
  Fixture fixture = { .dir = dir };
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (easel_history_schema_migrate (db, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (easel_history_schema_version (db, NULL), ==, 1);
  g_assert_true (easel_history_db_exec (db,
    "INSERT INTO generations (id, created_at, prompt, state)"
    " VALUES (7, 5, 'old lighthouse', 'stored');"
    "INSERT INTO images (generation_id, idx, path, mime, width, height)"
    " VALUES (7, 0, 'images/a.png', 'image/png', 8, 8);", &error));
  g_assert_no_error (error);
  sqlite3_close (db);

  fixture.history = easel_history_new (dir);
  moved = open_history (fixture.history, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moved, ==, "");

  /* The old row is found through the index version 2 built. */
  found = list (fixture.history, &query);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((EaselHistoryEntry *) found->pdata[0])->id, ==, 7);
  g_assert_cmpuint (((EaselHistoryEntry *) found->pdata[0])->images->len, ==, 1);
  g_assert_false (((EaselHistoryImage *)
                   ((EaselHistoryEntry *) found->pdata[0])->images->pdata[0])->favourite);
  g_clear_pointer (&found, g_ptr_array_unref);

  assert_finalized (g_steal_pointer (&fixture.history));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (easel_history_schema_version (db, NULL), ==, EASEL_HISTORY_SCHEMA_VERSION);
  sqlite3_close (db);
  fixture.history = easel_history_new (dir);
  fixture_tear_down (&fixture, NULL);
  g_steal_pointer (&dir);
}

typedef struct
{
  GArray *ids;
  guint   done;
} Order;

static void
recorded (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Order *order = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = easel_history_record_finish (EASEL_HISTORY (source), result, &error);

  g_assert_no_error (error);
  g_array_append_val (order->ids, id);
  order->done++;
}

static void
test_concurrency (Fixture       *fixture,
                  gconstpointer  data)
{
  Order order = { g_array_new (FALSE, FALSE, sizeof (gint64)), 0 };
  g_autoptr(GPtrArray) entries = NULL;
  EaselHistoryQuery query = { .limit = 1000 };
  const guint n = 200;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EaselHistoryEntry) entry = easel_history_entry_new ();

      entry->prompt = g_strdup_printf ("prompt %u", i);
      entry->created_at = 1000;
      easel_history_record_async (fixture->history, entry, NULL, recorded, &order);
    }
  while (order.done < n)
    g_main_context_iteration (NULL, TRUE);

  /* Ids in the order the calls were made, and callbacks in that order too. */
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (g_array_index (order.ids, gint64, i), ==,
                     g_array_index (order.ids, gint64, i - 1) + 1);
  entries = list (fixture->history, &query);
  g_assert_cmpuint (entries->len, ==, n);
  /* Same created_at: newest id first, so the last call made is on top. */
  g_assert_cmpstr (((EaselHistoryEntry *) entries->pdata[0])->prompt, ==, "prompt 199");
  g_assert_cmpstr (((EaselHistoryEntry *) entries->pdata[n - 1])->prompt, ==, "prompt 0");
  g_array_unref (order.ids);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(EaselHistoryEntry) ghost = easel_history_entry_new ();
  g_autoptr(GAsyncResult) replaced = NULL;
  g_autoptr(GAsyncResult) deleted = NULL;
  g_autoptr(GAsyncResult) got = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) entries = NULL;
  GError *error = NULL;

  /* Finishing a pending job whose row is gone. */
  ghost->id = 4242;
  easel_history_record_async (fixture->history, ghost, NULL, store_result, &replaced);
  WAIT (replaced);
  g_assert_cmpint (easel_history_record_finish (fixture->history, replaced, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  easel_history_delete_async (fixture->history, 4242, NULL, store_result, &deleted);
  WAIT (deleted);
  g_assert_cmpuint (easel_history_delete_finish (fixture->history, deleted, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  easel_history_get_async (fixture->history, 4242, NULL, store_result, &got);
  WAIT (got);
  g_assert_null (easel_history_get_finish (fixture->history, got, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A call cancelled before the worker reaches it writes nothing. */
  g_clear_pointer (&ghost, easel_history_entry_unref);
  ghost = easel_history_entry_new ();
  g_cancellable_cancel (cancellable);
  easel_history_record_async (fixture->history, ghost, cancellable, store_result, &cancelled);
  WAIT (cancelled);
  g_assert_cmpint (easel_history_record_finish (fixture->history, cancelled, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  entries = list (fixture->history, NULL);
  g_assert_cmpuint (entries->len, ==, 0);
}

static void
test_newer_schema (void)
{
  g_autofree char *dir = g_dir_make_tmp ("easel-history-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "history.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;
  Fixture fixture = { .dir = dir };
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (easel_history_db_exec (db, "PRAGMA user_version = 99;", NULL));
  sqlite3_close (db);

  /* A newer Easel's store is refused and left where it is. */
  fixture.history = easel_history_new (dir);
  moved = open_history (fixture.history, &error);
  g_assert_null (moved);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (easel_history_schema_version (db, NULL), ==, 99);
  sqlite3_close (db);

  fixture_tear_down (&fixture, NULL);
  g_steal_pointer (&dir);
}

static void
test_trash_emptied (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(EaselHistoryEntry) entry = make_entry (fixture, "bin", 1000, 1);
  g_autofree char *trash = g_build_filename (fixture->dir, "trash", NULL);
  g_autoptr(GAsyncResult) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;
  g_autoptr(GDir) dir = NULL;
  EaselHistory *again;
  gint64 id;

  /* A thumbnail that was never written does not stop the deletion. */
  ((EaselHistoryImage *) entry->images->pdata[0])->thumb_path =
    g_build_filename (fixture->dir, "thumbs", "never-written.png", NULL);
  id = record (fixture->history, entry);
  easel_history_delete_async (fixture->history, id, NULL, store_result, &deleted);
  WAIT (deleted);
  g_assert_cmpuint (easel_history_delete_finish (fixture->history, deleted, &error), >, 0);
  g_assert_no_error (error);

  dir = g_dir_open (trash, 0, NULL);
  g_assert_nonnull (g_dir_read_name (dir));
  g_clear_pointer (&dir, g_dir_close);

  /* The next start empties the trash (once this one is closed: until
   * then its undo may need the files). */
  g_clear_object (&deleted);
  assert_finalized (g_steal_pointer (&fixture->history));
  fixture->history = easel_history_new (fixture->dir);
  again = easel_history_new (fixture->dir);
  moved = open_history (again, &error);
  g_assert_no_error (error);
  dir = g_dir_open (trash, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
  assert_finalized (again);
}

/* The app and easel-cli share the folder: a store opened while another
 * is open must not sweep the other's temp files (an image being written)
 * or its trash (an undo still possible); the first start after both are
 * closed does. */
static void
test_sweep_shared (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EaselHistoryEntry) entry = make_entry (fixture, "shared", 1000, 1);
  g_autofree char *path = g_strdup (((EaselHistoryImage *) entry->images->pdata[0])->path);
  g_autofree char *temp = write_file (fixture->dir, "images/2026/11/.easel-writing.part", "x");
  g_autoptr(GAsyncResult) deleted = NULL;
  g_autoptr(GAsyncResult) undone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *moved_again = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  EaselHistory *other;
  guint token;
  gint64 id;

  id = record (fixture->history, entry);
  easel_history_delete_async (fixture->history, id, NULL, store_result, &deleted);
  WAIT (deleted);
  token = easel_history_delete_finish (fixture->history, deleted, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  other = easel_history_new (fixture->dir);
  moved = open_history (other, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (temp, G_FILE_TEST_EXISTS));
  /* Both can use it. */
  listed = list (other, NULL);
  g_assert_cmpuint (listed->len, ==, 0);

  easel_history_undo_delete_async (fixture->history, token, NULL, store_result, &undone);
  WAIT (undone);
  g_assert_true (easel_history_undo_delete_finish (fixture->history, undone, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_finalized (other);

  /* Alone again: the next start sweeps. */
  g_clear_object (&deleted);
  g_clear_object (&undone);
  assert_finalized (g_steal_pointer (&fixture->history));
  fixture->history = easel_history_new (fixture->dir);
  moved_again = open_history (fixture->history, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_fts_query (void)
{
  g_autofree char *a = easel_history_fts_query ("say \"hi\" now");
  g_autofree char *b = easel_history_fts_query (" \t ");

  g_assert_cmpstr (a, ==, "\"say\" \"\"\"hi\"\"\" \"now\"*");
  g_assert_null (b);
}

/* Found by fuzz-request: a damaged row's request text that json-glib 1.6
 * would leak on (several values, a broken \u escape), overflow its stack on
 * (deep nesting) or read into strings that are not UTF-8 (an octal escape)
 * is refused before json-glib sees it. Leaks fail the sanitizer lane. */
static void
test_damaged_request (void)
{
  g_autofree char *deep = g_strnfill (1000 * 1000, '[');
  const char *texts[] = {
    "{\"prompt\":\"a\"} {\"prompt\":\"b\"}",
    "{\"prompt\":\"\\udde0\\up0in\"}",
    "{\"prompt\":\"x\",\"size\":\"\\250x1024\"}",
    "{\"prompt\":\"\xa8\"}",
    deep,
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(EaselHistoryEntry) entry = easel_history_entry_new ();
      g_autoptr(EaselRequest) request = NULL;
      g_autoptr(GError) error = NULL;

      entry->request_json = g_strdup (texts[i]);
      request = easel_history_entry_get_request (entry, &error);
      g_assert_null (request);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }

  /* A sound row still reads. */
  {
    g_autoptr(EaselHistoryEntry) entry = easel_history_entry_new ();
    g_autoptr(EaselRequest) request = NULL;
    g_autoptr(GError) error = NULL;

    entry->request_json = g_strdup ("{\"prompt\":\"\\u4e2d \\ud83d\\ude00\",\"n\":2}");
    request = easel_history_entry_get_request (entry, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (easel_request_get_prompt (request), ==, "中 😀");
    g_assert_cmpuint (easel_request_get_n (request), ==, 2);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/history/round-trip", test_round_trip);
  ADD ("/history/search", test_search);
  ADD ("/history/filters", test_filters);
  ADD ("/history/favourite", test_favourite);
  ADD ("/history/delete-undo", test_delete_undo);
  ADD ("/history/changed", test_changed);
  ADD ("/history/flush", test_flush);
  ADD ("/history/pending", test_pending);
  ADD ("/history/sweep", test_sweep);
  ADD ("/history/concurrency", test_concurrency);
  ADD ("/history/errors", test_errors);
  ADD ("/history/trash-emptied", test_trash_emptied);
  ADD ("/history/sweep-shared", test_sweep_shared);
#undef ADD
  g_test_add_func ("/history/corrupt", test_corrupt);
  g_test_add_func ("/history/migration", test_migration);
  g_test_add_func ("/history/not-open", test_not_open);
  g_test_add_func ("/history/newer-schema", test_newer_schema);
  g_test_add_func ("/history/fts-query", test_fts_query);
  g_test_add_func ("/history/damaged-request", test_damaged_request);

  return g_test_run ();
}
