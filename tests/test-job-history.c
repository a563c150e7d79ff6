/* test-job-history.c: EaselJob kept in the history against the mock
 * gateway: images recorded before they are reported, remote ids before
 * the first poll, outcomes, resuming, lineage, and a store that fails
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "easel-error.h"
#include "easel-history.h"
#include "easel-job.h"
#include "easel-test-job.h"

typedef struct
{
  EaselTestGateway  gateway;
  char             *base;
  EaselHistory     *history;
  guint             changes;
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

static void
on_changed (EaselHistory *history,
            gint64        id,
            Fixture      *fixture)
{
  fixture->changes++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;

  easel_test_gateway_init (&fixture->gateway);
  fixture->base = g_dir_make_tmp ("easel-job-history-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->history = easel_history_new (fixture->base);
  g_signal_connect (fixture->history, "changed", G_CALLBACK (on_changed), fixture);
  easel_history_open_async (fixture->history, NULL, store_result, &result);
  WAIT (result);
  g_assert_true (easel_history_open_finish (fixture->history, result, &moved, &error));
  g_assert_no_error (error);
  g_assert_null (moved);
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
  GObject *weak = G_OBJECT (fixture->history);

  g_signal_handlers_disconnect_by_data (fixture->history, fixture);
  g_object_add_weak_pointer (weak, (gpointer *) &weak);
  g_object_unref (fixture->history);
  /* The worker's last references go in an idle of this context. */
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
  remove_tree (fixture->base);
  g_free (fixture->base);
  easel_test_gateway_clear (&fixture->gateway);
}

static EaselRequest *
simple_request (const char *prompt)
{
  EaselRequest *request = easel_request_new ();

  easel_request_set_prompt (request, prompt);
  easel_request_set_size (request, "1024x1024");
  easel_request_set_quality (request, EASEL_QUALITY_LOW);
  return request;
}

static EaselJob *
new_job (Fixture      *fixture,
         EaselProfile *profile,
         EaselRequest *request)
{
  g_autofree char *dir = easel_history_image_dir (fixture->history, g_get_real_time ());
  EaselJob *job = easel_job_new (fixture->gateway.client, profile, request, "sk-mock-key", dir);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  easel_job_set_history (job, fixture->history);
  easel_job_set_poll_interval (job, 20);
  return job;
}

static void
run (EaselJob *job)
{
  easel_job_start (job);
  while (!easel_job_is_finished (job))
    g_main_context_iteration (NULL, TRUE);
}

static GPtrArray *
list_all (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;

  easel_history_list_async (fixture->history, NULL, NULL, store_result, &result);
  WAIT (result);
  entries = easel_history_list_finish (fixture->history, result, &error);
  g_assert_no_error (error);
  return entries;
}

static EaselHistoryEntry *
only_entry (Fixture *fixture)
{
  g_autoptr(GPtrArray) entries = list_all (fixture);

  g_assert_cmpuint (entries->len, ==, 1);
  return easel_history_entry_ref (entries->pdata[0]);
}

/* A second connection, as another process would see the store. */
static sqlite3 *
open_db (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->base, "history.sqlite", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* --- Direct requests --------------------------------------------------- */

typedef struct
{
  Fixture  *fixture;
  EaselJob *job;
  guint     reported;
  gint64    rows_when_reported[4];
} Reported;

static void
on_images_changed (GListModel *images,
                   guint       position,
                   guint       removed,
                   guint       added,
                   Reported   *reported)
{
  sqlite3 *db = open_db (reported->fixture);

  /* Reported only once the store holds it. */
  g_assert_cmpint (easel_job_get_history_id (reported->job), >, 0);
  reported->rows_when_reported[reported->reported++] =
    query_int (db, "SELECT count(*) FROM images");
  sqlite3_close (db);
}

static void
test_direct_stored (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "openai");
  g_autoptr(EaselRequest) request = simple_request ("two lighthouses");
  g_autoptr(EaselJob) job = NULL;
  g_autoptr(EaselHistoryEntry) entry = NULL;
  Reported reported = { fixture };

  easel_request_set_n (request, 2);
  job = new_job (fixture, profile, request);
  reported.job = job;
  g_signal_connect (easel_job_get_images (job), "items-changed", G_CALLBACK (on_images_changed),
                    &reported);
  run (job);
  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_STORED);
  g_assert_null (easel_job_get_history_error (job));
  g_assert_cmpuint (reported.reported, ==, 2);
  g_assert_cmpint (reported.rows_when_reported[0], >=, 1);
  g_assert_cmpint (reported.rows_when_reported[1], >=, 2);

  entry = only_entry (fixture);
  g_assert_cmpint (entry->id, ==, easel_job_get_history_id (job));
  g_assert_cmpint (entry->state, ==, EASEL_HISTORY_STORED);
  g_assert_cmpstr (entry->prompt, ==, "two lighthouses");
  g_assert_cmpstr (entry->dialect, ==, "openai");
  g_assert_cmpstr (entry->profile_id, ==, easel_profile_get_id (profile));
  g_assert_null (entry->remote_id);
  g_assert_null (entry->error);
  g_assert_cmpint (entry->total_tokens, ==, easel_job_get_total_tokens (job));
  g_assert_cmpfloat (entry->cost, ==, easel_job_get_cost (job));
  g_assert_cmpfloat (entry->cost, >, 0);
  /* Timings in order, from the job's own clock. */
  g_assert_cmpint (entry->started_ms, >=, 0);
  g_assert_cmpint (entry->received_ms, >=, entry->started_ms);
  g_assert_cmpint (entry->finished_ms, >=, entry->received_ms);
  g_assert_cmpint (ABS (entry->created_at - g_get_real_time ()), <, 60 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (entry->request_json, "two lighthouses"));
  g_assert_null (strstr (entry->request_json, "sk-mock-key"));

  g_assert_cmpuint (entry->images->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      EaselHistoryImage *image = entry->images->pdata[i];
      g_autoptr(EaselImage) made = g_list_model_get_item (easel_job_get_images (job), i);
      g_autoptr(GdkPixbuf) thumbnail = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (image->path, ==, easel_image_get_path (made));
      g_assert_cmpint (image->width, ==, easel_image_get_width (made));
      g_assert_cmpstr (image->mime_type, ==, "image/png");
      /* The thumbnail was written by the store, beside the images. */
      g_assert_nonnull (image->thumb_path);
      g_assert_true (g_str_has_prefix (image->thumb_path, fixture->base));
      g_assert_nonnull (strstr (image->thumb_path, G_DIR_SEPARATOR_S "thumbs" G_DIR_SEPARATOR_S));
      thumbnail = gdk_pixbuf_new_from_file (image->thumb_path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), ==, easel_image_get_width (made));
    }
  /* Each image, then the outcome. */
  while (fixture->changes < 3)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fixture->changes, ==, 3);
}

/* A request refused before it reached the gateway costs nothing and is
 * not history. */
static void
test_not_sent (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "openai");
  g_autoptr(EaselRequest) request = simple_request ("too wide");
  g_autoptr(EaselJob) job = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  easel_request_set_size (request, "1000x1000");
  job = new_job (fixture, profile, request);
  run (job);
  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_FAILED);
  entries = list_all (fixture);
  g_assert_cmpuint (entries->len, ==, 0);
  g_assert_cmpuint (easel_mock_server_count (fixture->gateway.mock, NULL,
                                             EASEL_MOCK_STAGE_SUBMIT), ==, 0);
}

/* A refusal after sending is recorded with the gateway's message. */
static void
test_failed (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "openai");
  g_autoptr(EaselRequest) request = simple_request ("refused");
  g_autoptr(EaselJob) job = new_job (fixture, profile, request);
  g_autoptr(EaselHistoryEntry) entry = NULL;

  easel_mock_server_set_fault (fixture->gateway.mock, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_MODERATION, 1, NULL);
  run (job);
  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_FAILED);
  entry = only_entry (fixture);
  g_assert_cmpint (entry->state, ==, EASEL_HISTORY_FAILED);
  g_assert_cmpstr (entry->error, ==, easel_job_get_error (job)->message);
  g_assert_cmpuint (entry->images->len, ==, 0);
}

/* An edit of a history image is recorded as its child. */
static void
test_lineage (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "openai");
  g_autoptr(EaselRequest) first_request = simple_request ("a parent");
  g_autoptr(EaselRequest) edit_request = simple_request ("make it night");
  g_autoptr(EaselJob) first = new_job (fixture, profile, first_request);
  g_autoptr(EaselJob) edit = NULL;
  g_autoptr(EaselImage) image = NULL;
  g_autoptr(EaselReference) reference = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  EaselHistoryEntry *child;

  run (first);
  g_assert_cmpint (easel_job_get_state (first), ==, EASEL_JOB_STORED);
  image = g_list_model_get_item (easel_job_get_images (first), 0);
  reference = easel_reference_new_for_path (easel_image_get_path (image));
  easel_request_add_reference (edit_request, reference);
  edit = new_job (fixture, profile, edit_request);
  run (edit);
  g_assert_cmpint (easel_job_get_state (edit), ==, EASEL_JOB_STORED);

  entries = list_all (fixture);
  g_assert_cmpuint (entries->len, ==, 2);
  child = entries->pdata[0];
  g_assert_cmpstr (child->prompt, ==, "make it night");
  g_assert_cmpint (child->parent_id, ==, easel_job_get_history_id (first));
  g_assert_cmpint (((EaselHistoryEntry *) entries->pdata[1])->parent_id, ==, 0);
}

static void
assert_kept (const char *base,
             JsonObject *reference,
             GBytes     *bytes)
{
  const char *path = json_object_get_string_member (reference, "location");
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_cmpstr (json_object_get_string_member (reference, "kind"), ==, "file");
  g_assert_true (g_str_has_prefix (path, base));
  g_assert_nonnull (strstr (path, G_DIR_SEPARATOR_S "references" G_DIR_SEPARATOR_S));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Pasted images exist nowhere else: the history keeps them as files and
 * its request names those, so Reuse brings them back; the same image
 * pasted again is kept once. */
static void
test_pasted_kept (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "openai");
  g_autoptr(GBytes) picture = easel_test_png (1024, 1024, FALSE, 0x3366ccff);
  g_autoptr(GBytes) mask = easel_test_png (1024, 1024, TRUE, 0x00000000);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(EaselRequest) reused = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) kept = NULL;
  g_autofree char *references_dir = g_build_filename (fixture->base, "references", NULL);
  JsonObject *object;
  EaselReference *back;
  guint files = 0;

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(EaselRequest) request = simple_request (i == 0 ? "pasted" : "pasted again");
      g_autoptr(EaselReference) reference = easel_reference_new_for_bytes (picture, "image/png",
                                                                           "Pasted image");
      g_autoptr(EaselReference) mask_reference = easel_reference_new_for_bytes (mask, "image/png",
                                                                                "mask.png");
      g_autoptr(EaselJob) job = NULL;

      easel_request_add_reference (request, reference);
      easel_request_set_mask (request, mask_reference);
      job = new_job (fixture, profile, request);
      run (job);
      g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_STORED);
    }

  entries = list_all (fixture);
  g_assert_cmpuint (entries->len, ==, 2);
  root = json_from_string (((EaselHistoryEntry *) entries->pdata[1])->request_json, &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);
  assert_kept (fixture->base,
               json_array_get_object_element (json_object_get_array_member (object, "references"),
                                              0),
               picture);
  assert_kept (fixture->base, json_object_get_object_member (object, "mask"), mask);

  /* Reuse gets real files back. */
  reused = easel_history_entry_get_request (entries->pdata[0], &error);
  g_assert_no_error (error);
  back = g_ptr_array_index (easel_request_get_references (reused), 0);
  g_assert_cmpint (easel_reference_get_kind (back), ==, EASEL_REFERENCE_FILE);
  g_assert_true (g_file_test (easel_reference_get_location (back), G_FILE_TEST_IS_REGULAR));

  /* Two jobs, the same two images: two files. */
  kept = g_dir_open (references_dir, 0, &error);
  g_assert_no_error (error);
  while (g_dir_read_name (kept) != NULL)
    files++;
  g_assert_cmpuint (files, ==, 2);
}

/* A store that cannot be written does not cost the image. */
static void
test_store_fails (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "openai");
  g_autoptr(EaselRequest) request = simple_request ("kept anyway");
  g_autoptr(EaselHistory) closed = easel_history_new (fixture->base);
  g_autoptr(EaselJob) job = easel_job_new (fixture->gateway.client, profile, request,
                                           "sk-mock-key", fixture->gateway.output_dir);
  g_autoptr(EaselImage) image = NULL;

  /* Never opened: every call fails. */
  easel_job_set_history (job, closed);
  run (job);
  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_STORED);
  g_assert_nonnull (easel_job_get_history_error (job));
  g_assert_cmpint (easel_job_get_history_id (job), ==, 0);
  image = g_list_model_get_item (easel_job_get_images (job), 0);
  g_assert_true (g_file_test (easel_image_get_path (image), G_FILE_TEST_IS_REGULAR));
}

/* --- Remote jobs ------------------------------------------------------- */

static gboolean
on_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
iterate_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* The store is held by another writer while the job gets its remote id:
 * no poll may go out until the record could be made. */
static void
test_remote_recorded_before_poll (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "yycode");
  g_autoptr(EaselRequest) request = simple_request ("a remote job");
  g_autoptr(EaselJob) job = new_job (fixture, profile, request);
  g_autoptr(EaselHistoryEntry) entry = NULL;
  g_autofree char *path = g_build_filename (fixture->base, "history.sqlite", NULL);
  sqlite3 *writer = NULL;
  sqlite3 *db;
  g_autofree char *state = NULL;
  g_autofree char *remote = NULL;

  g_assert_cmpint (sqlite3_open (path, &writer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (writer, "BEGIN IMMEDIATE;", NULL, NULL, NULL), ==, SQLITE_OK);

  easel_mock_server_set_pending_polls (fixture->gateway.mock, 1);
  easel_job_set_poll_interval (job, 0);
  easel_job_start (job);
  while (easel_job_get_remote_id (job) == NULL)
    g_main_context_iteration (NULL, TRUE);
  iterate_for (300);
  g_assert_cmpuint (easel_mock_server_count (fixture->gateway.mock, NULL,
                                             EASEL_MOCK_STAGE_POLL), ==, 0);
  g_assert_cmpint (easel_job_get_history_id (job), ==, 0);

  /* Released: the record is made, then the first poll goes out. */
  g_assert_cmpint (sqlite3_exec (writer, "COMMIT;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (writer);
  while (easel_mock_server_count (fixture->gateway.mock, NULL, EASEL_MOCK_STAGE_POLL) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (easel_job_get_history_id (job), >, 0);
  db = open_db (fixture);
  state = query_text (db, "SELECT state FROM generations");
  remote = query_text (db, "SELECT remote_id FROM generations");
  sqlite3_close (db);
  g_assert_cmpstr (remote, ==, easel_job_get_remote_id (job));
  g_assert_true (g_strcmp0 (state, "pending") == 0 || g_strcmp0 (state, "stored") == 0);

  while (!easel_job_is_finished (job))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_STORED);
  entry = only_entry (fixture);
  g_assert_cmpint (entry->state, ==, EASEL_HISTORY_STORED);
  g_assert_cmpstr (entry->remote_id, ==, easel_job_get_remote_id (job));
  g_assert_cmpuint (entry->images->len, ==, 1);
}

static EaselJob *
run_until_recorded (Fixture      *fixture,
                    EaselProfile *profile,
                    const char   *prompt)
{
  g_autoptr(EaselRequest) request = simple_request (prompt);
  EaselJob *job = new_job (fixture, profile, request);

  easel_mock_server_set_fault (fixture->gateway.mock, EASEL_MOCK_STAGE_POLL,
                               EASEL_MOCK_FAULT_NEVER_ENDING_JOB, 0, NULL);
  easel_job_start (job);
  while (easel_job_get_history_id (job) == 0 || easel_mock_server_count (fixture->gateway.mock, NULL,
                                                                         EASEL_MOCK_STAGE_POLL) == 0)
    g_main_context_iteration (NULL, TRUE);
  return job;
}

static EaselHistoryEntry *
only_pending (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  easel_history_list_pending_async (fixture->history, NULL, store_result, &result);
  WAIT (result);
  entries = easel_history_list_finish (fixture->history, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  return easel_history_entry_ref (entries->pdata[0]);
}

/* Closing Easel leaves the remote job pending; the next start finishes it
 * into the same generation. */
static void
test_abandon_and_resume (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "aizfw");
  g_autoptr(EaselJob) job = run_until_recorded (fixture, profile, "left running");
  g_autoptr(EaselJob) resumed = NULL;
  g_autoptr(EaselHistoryEntry) pending = NULL;
  g_autoptr(EaselHistoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  guint submits = easel_mock_server_count (fixture->gateway.mock, NULL, EASEL_MOCK_STAGE_SUBMIT);

  easel_job_abandon (job);
  while (!easel_job_is_finished (job))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_CANCELLED);

  pending = only_pending (fixture);
  g_assert_cmpint (pending->id, ==, easel_job_get_history_id (job));
  g_assert_cmpstr (pending->remote_id, ==, easel_job_get_remote_id (job));
  g_assert_cmpint (pending->state, ==, EASEL_HISTORY_PENDING);

  easel_mock_server_clear_faults (fixture->gateway.mock);
  easel_mock_server_release_jobs (fixture->gateway.mock);
  resumed = easel_job_new_for_pending (fixture->gateway.client, profile, fixture->history,
                                       pending, "sk-mock-key", &error);
  g_assert_no_error (error);
  easel_job_set_poll_interval (resumed, 20);
  run (resumed);
  g_assert_cmpint (easel_job_get_state (resumed), ==, EASEL_JOB_STORED);
  g_assert_cmpint (easel_job_get_history_id (resumed), ==, pending->id);
  /* Polled, not sent again. */
  g_assert_cmpuint (easel_mock_server_count (fixture->gateway.mock, NULL,
                                             EASEL_MOCK_STAGE_SUBMIT), ==, submits);

  entry = only_entry (fixture);
  g_assert_cmpint (entry->id, ==, pending->id);
  g_assert_cmpint (entry->state, ==, EASEL_HISTORY_STORED);
  g_assert_cmpint (entry->created_at, ==, pending->created_at);
  g_assert_cmpstr (entry->prompt, ==, "left running");
  g_assert_cmpuint (entry->images->len, ==, 1);
  g_assert_true (g_file_test (((EaselHistoryImage *) entry->images->pdata[0])->path,
                              G_FILE_TEST_IS_REGULAR));
}

/* Cancelled by the user: recorded so, not resumed. */
static void
test_cancel_recorded (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "yycode");
  g_autoptr(EaselJob) job = run_until_recorded (fixture, profile, "not wanted");
  g_autoptr(EaselHistoryEntry) entry = NULL;

  easel_job_cancel (job);
  while (!easel_job_is_finished (job))
    g_main_context_iteration (NULL, TRUE);
  entry = only_entry (fixture);
  g_assert_cmpint (entry->state, ==, EASEL_HISTORY_CANCELLED);
  g_assert_cmpstr (entry->remote_id, ==, easel_job_get_remote_id (job));
}

/* Easel gave up waiting: the job stays pending, and Retry picks it up
 * rather than paying for it twice. */
static void
test_deadline_then_retry (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "yycode");
  g_autoptr(EaselRequest) request = simple_request ("very slow");
  g_autoptr(EaselJob) job = new_job (fixture, profile, request);
  g_autoptr(EaselJob) retry = NULL;
  g_autoptr(EaselHistoryEntry) pending = NULL;
  g_autoptr(EaselHistoryEntry) entry = NULL;

  easel_job_set_remote_deadline (job, 0);
  easel_mock_server_set_fault (fixture->gateway.mock, EASEL_MOCK_STAGE_POLL,
                               EASEL_MOCK_FAULT_NEVER_ENDING_JOB, 0, NULL);
  run (job);
  g_assert_error ((GError *) easel_job_get_error (job), EASEL_ERROR, EASEL_ERROR_TIMEOUT);
  pending = only_pending (fixture);
  g_assert_cmpint (pending->state, ==, EASEL_HISTORY_PENDING);
  g_assert_cmpstr (pending->error, ==, easel_job_get_error (job)->message);

  easel_mock_server_clear_faults (fixture->gateway.mock);
  easel_mock_server_release_jobs (fixture->gateway.mock);
  retry = easel_job_new_retry (job);
  easel_job_set_remote_deadline (retry, 600);
  run (retry);
  g_assert_cmpint (easel_job_get_state (retry), ==, EASEL_JOB_STORED);
  g_assert_cmpuint (easel_mock_server_count (fixture->gateway.mock, NULL,
                                             EASEL_MOCK_STAGE_SUBMIT), ==, 1);
  entry = only_entry (fixture);
  g_assert_cmpint (entry->id, ==, pending->id);
  g_assert_cmpint (entry->state, ==, EASEL_HISTORY_STORED);
  g_assert_null (entry->error);
}

/* A result link that expired is said so, not lost silently. */
static void
test_expired (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "icodeeasy");
  g_autoptr(EaselRequest) request = simple_request ("gone too soon");
  g_autoptr(EaselJob) job = new_job (fixture, profile, request);
  g_autoptr(EaselHistoryEntry) entry = NULL;

  easel_mock_server_set_fault (fixture->gateway.mock, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_EXPIRED_URL, 1, NULL);
  run (job);
  g_assert_error ((GError *) easel_job_get_error (job), EASEL_ERROR, EASEL_ERROR_EXPIRED);
  entry = only_entry (fixture);
  g_assert_cmpint (entry->state, ==, EASEL_HISTORY_EXPIRED);
  g_assert_nonnull (strstr (entry->error, "expired"));
}

/* A direct request cut off mid-way: closed as interrupted, its stored
 * image kept. */
static void
test_interrupted_direct (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "openai");
  g_autoptr(EaselRequest) request = simple_request ("cut off");
  g_autoptr(EaselHistoryEntry) left = easel_history_entry_new ();
  g_autoptr(EaselHistoryEntry) pending = NULL;
  g_autoptr(EaselHistoryEntry) entry = NULL;
  g_autoptr(EaselJob) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = easel_test_png (8, 8, FALSE, 0x336699ff);
  g_autofree char *path = easel_test_write_temp (png, "kept.png");

  easel_history_entry_set_request (left, request);
  easel_history_entry_set_profile (left, profile);
  left->state = EASEL_HISTORY_PENDING;
  /* The answer had arrived: its usage and cost were recorded. */
  left->input_tokens = 20;
  left->output_tokens = 4160;
  left->total_tokens = 4180;
  left->cost = 0.053;
  left->received_ms = 1234;
  easel_history_entry_add_image (left, path, "image/png", 8, 8, NULL);
  easel_history_record_async (fixture->history, left, NULL, store_result, &result);
  WAIT (result);
  g_assert_cmpint (easel_history_record_finish (fixture->history, result, &error), >, 0);

  pending = only_pending (fixture);
  job = easel_job_new_for_pending (fixture->gateway.client, profile, fixture->history, pending,
                                   "sk-mock-key", &error);
  g_assert_no_error (error);
  run (job);
  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_FAILED);
  g_assert_nonnull (strstr (easel_job_get_error (job)->message, "1 image stored by then is kept"));
  g_assert_cmpuint (easel_mock_server_count (fixture->gateway.mock, NULL,
                                             EASEL_MOCK_STAGE_SUBMIT), ==, 0);
  entry = only_entry (fixture);
  g_assert_cmpint (entry->state, ==, EASEL_HISTORY_FAILED);
  g_assert_cmpuint (entry->images->len, ==, 1);
  g_assert_cmpstr (((EaselHistoryImage *) entry->images->pdata[0])->path, ==, path);
  /* Closing it keeps what it cost. */
  g_assert_cmpint (entry->input_tokens, ==, 20);
  g_assert_cmpint (entry->output_tokens, ==, 4160);
  g_assert_cmpint (entry->total_tokens, ==, 4180);
  g_assert_cmpfloat_with_epsilon (entry->cost, 0.053, 1e-9);
  g_assert_cmpint (entry->received_ms, ==, 1234);
  g_unlink (path);
}

/* A stored request that no longer reads back cannot be resumed, and says
 * which one. */
static void
test_resume_unreadable (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "yycode");
  g_autoptr(EaselHistoryEntry) entry = easel_history_entry_new ();
  g_autoptr(GError) error = NULL;
  EaselJob *job;

  entry->id = 42;
  entry->request_json = g_strdup ("{\"prompt\": 7");
  job = easel_job_new_for_pending (fixture->gateway.client, profile, fixture->history, entry,
                                   "sk-mock-key", &error);
  g_assert_null (job);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "42"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/job-history/direct/stored", test_direct_stored);
  ADD ("/job-history/direct/not-sent", test_not_sent);
  ADD ("/job-history/direct/failed", test_failed);
  ADD ("/job-history/direct/lineage", test_lineage);
  ADD ("/job-history/direct/pasted-kept", test_pasted_kept);
  ADD ("/job-history/direct/store-fails", test_store_fails);
  ADD ("/job-history/direct/interrupted", test_interrupted_direct);
  ADD ("/job-history/remote/recorded-before-poll", test_remote_recorded_before_poll);
  ADD ("/job-history/remote/abandon-and-resume", test_abandon_and_resume);
  ADD ("/job-history/remote/cancel", test_cancel_recorded);
  ADD ("/job-history/remote/deadline-then-retry", test_deadline_then_retry);
  ADD ("/job-history/remote/expired", test_expired);
  ADD ("/job-history/remote/unreadable", test_resume_unreadable);
#undef ADD

  return g_test_run ();
}
