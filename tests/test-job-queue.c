/* test-job-queue.c: EaselJobQueue against the mock gateway: concurrency per
 * gateway, order, retry, remove, cancel all; and job timings
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "easel-error.h"
#include "easel-job-private.h"
#include "easel-job-queue.h"
#include "easel-test-job.h"

#define LIMIT_SECONDS 30

typedef struct
{
  EaselTestGateway  gateway;
  EaselJobQueue    *queue;
  GHashTable       *finished;     /* EaselJob → times "job-finished" came */
  GPtrArray        *changes;      /* "position,removed,added" of items-changed */
  GPtrArray        *started;      /* jobs in the order they left QUEUED */
  guint             n_running_notifies;
  guint             n_queued_notifies;
  guint             timeout;
} Fixture;

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("The test did not end within %d s", LIMIT_SECONDS);
  return G_SOURCE_REMOVE;
}

static void
on_job_finished (EaselJobQueue *queue,
                 EaselJob      *job,
                 Fixture       *fixture)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (fixture->finished, job));

  g_assert_true (easel_job_is_finished (job));
  g_hash_table_insert (fixture->finished, job, GUINT_TO_POINTER (count + 1));
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  g_ptr_array_add (fixture->changes, g_strdup_printf ("%u,%u,%u", position, removed, added));
}

static void
on_notify (EaselJobQueue *queue,
           GParamSpec    *pspec,
           Fixture       *fixture)
{
  if (g_str_equal (pspec->name, "n-running"))
    fixture->n_running_notifies++;
  else
    fixture->n_queued_notifies++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  easel_test_gateway_init (&fixture->gateway);
  /* Every wait below iterates the main context, so this bounds them all. */
  fixture->timeout = g_timeout_add_seconds (LIMIT_SECONDS, on_timeout, NULL);
  fixture->queue = easel_job_queue_new ();
  fixture->finished = g_hash_table_new (NULL, NULL);
  fixture->changes = g_ptr_array_new_with_free_func (g_free);
  fixture->started = g_ptr_array_new ();
  g_signal_connect (fixture->queue, "job-finished", G_CALLBACK (on_job_finished), fixture);
  g_signal_connect (fixture->queue, "items-changed", G_CALLBACK (on_items_changed), fixture);
  g_signal_connect (fixture->queue, "notify::n-running", G_CALLBACK (on_notify), fixture);
  g_signal_connect (fixture->queue, "notify::n-queued", G_CALLBACK (on_notify), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->queue));
  g_source_remove (fixture->timeout);
  g_hash_table_unref (fixture->finished);
  g_ptr_array_unref (fixture->changes);
  g_ptr_array_unref (fixture->started);
  easel_test_gateway_clear (&fixture->gateway);
}

static void
on_job_state (EaselJob   *job,
              GParamSpec *pspec,
              Fixture    *fixture)
{
  if (easel_job_get_state (job) != EASEL_JOB_QUEUED && !g_ptr_array_find (fixture->started, job,
                                                                          NULL))
    g_ptr_array_add (fixture->started, job);
}

static EaselJob *
new_job (Fixture      *fixture,
         EaselProfile *profile,
         const char   *prompt)
{
  g_autoptr(EaselRequest) request = easel_request_new ();
  EaselJob *job;

  easel_request_set_prompt (request, prompt);
  if (easel_profile_get_limits (profile)->size_form == EASEL_SIZE_FORM_RATIO)
    easel_request_set_size (request, "1:1");
  else
    easel_request_set_size (request, "1024x1024");
  job = easel_job_new (fixture->gateway.client, profile, request, "sk-mock-key",
                       fixture->gateway.output_dir);
  easel_job_set_poll_interval (job, 20);
  g_signal_connect (job, "notify::state", G_CALLBACK (on_job_state), fixture);

  return job;
}

static void
run_until_finished (EaselJob **jobs,
                    guint      n_jobs)
{
  for (guint i = 0; i < n_jobs; i++)
    {
      while (!easel_job_is_finished (jobs[i]))
        g_main_context_iteration (NULL, TRUE);
    }
}

static void
run_until_state (EaselJob      *job,
                 EaselJobState  state)
{
  while (easel_job_get_state (job) != state)
    g_main_context_iteration (NULL, TRUE);
}

static guint
finished_count (Fixture  *fixture,
                EaselJob *job)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fixture->finished, job));
}

static void
assert_stored (EaselJob *job)
{
  g_autoptr(EaselImage) image = NULL;

  if (easel_job_get_error (job) != NULL)
    g_test_message ("job error: %s", easel_job_get_error (job)->message);
  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_STORED);
  g_assert_cmpuint (g_list_model_get_n_items (easel_job_get_images (job)), ==, 1);
  image = g_list_model_get_item (easel_job_get_images (job), 0);
  g_assert_true (g_file_test (easel_image_get_path (image), G_FILE_TEST_IS_REGULAR));
}

static void
assert_model (Fixture   *fixture,
              EaselJob **newest_first,
              guint      n_jobs)
{
  GListModel *model = G_LIST_MODEL (fixture->queue);

  g_assert_true (g_list_model_get_item_type (model) == EASEL_TYPE_JOB);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_jobs);
  for (guint i = 0; i < n_jobs; i++)
    {
      g_autoptr(EaselJob) item = g_list_model_get_item (model, i);

      g_assert_true (item == newest_first[i]);
    }
  g_assert_null (g_list_model_get_item (model, n_jobs));
}

static void
assert_changes (Fixture    *fixture,
                const char *expected)
{
  g_autoptr(GString) all = g_string_new (NULL);

  for (guint i = 0; i < fixture->changes->len; i++)
    g_string_append_printf (all, "%s%s", i ? " " : "", (char *) fixture->changes->pdata[i]);
  g_assert_cmpstr (all->str, ==, expected);
  g_ptr_array_set_size (fixture->changes, 0);
}

static guint
get_uint (gpointer    object,
          const char *property)
{
  guint value;

  g_object_get (object, property, &value, NULL);
  return value;
}

/* --- Concurrency -------------------------------------------------------- */

static void
test_concurrency_one (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "yycode");
  g_autoptr(EaselJob) first = NULL;
  g_autoptr(EaselJob) second = NULL;
  EaselJob *jobs[2];

  easel_profile_set_concurrency (profile, 1);
  easel_mock_server_set_pending_polls (fixture->gateway.mock, 2);
  first = new_job (fixture, profile, "the first of two");
  second = new_job (fixture, profile, "the second of two");

  easel_job_queue_add (fixture->queue, first);
  g_assert_cmpint (easel_job_get_state (first), ==, EASEL_JOB_SUBMITTING);
  easel_job_queue_add (fixture->queue, second);
  g_assert_cmpint (easel_job_get_state (second), ==, EASEL_JOB_QUEUED);
  g_assert_cmpuint (easel_job_queue_get_n_running (fixture->queue, NULL), ==, 1);
  g_assert_cmpuint (easel_job_queue_get_n_running (fixture->queue, profile), ==, 1);
  g_assert_cmpuint (easel_job_queue_get_n_queued (fixture->queue), ==, 1);
  g_assert_cmpuint (get_uint (fixture->queue, "n-running"), ==, 1);
  g_assert_cmpuint (get_uint (fixture->queue, "n-queued"), ==, 1);

  /* The second waits through the first one's polls... */
  run_until_state (first, EASEL_JOB_POLLING);
  g_assert_cmpint (easel_job_get_state (second), ==, EASEL_JOB_QUEUED);
  jobs[0] = first;
  run_until_finished (jobs, 1);
  /* ...and starts the moment the first ends, not before: the gateway has
   * not heard of it yet. */
  g_assert_cmpint (easel_job_get_state (second), ==, EASEL_JOB_SUBMITTING);
  g_assert_cmpuint (easel_mock_server_count (fixture->gateway.mock, "yycode",
                                             EASEL_MOCK_STAGE_SUBMIT), ==, 1);

  jobs[1] = second;
  run_until_finished (jobs, 2);
  assert_stored (first);
  assert_stored (second);
  g_assert_cmpuint (easel_mock_server_count (fixture->gateway.mock, "yycode",
                                             EASEL_MOCK_STAGE_SUBMIT), ==, 2);
  g_assert_cmpuint (fixture->started->len, ==, 2);
  g_assert_true (fixture->started->pdata[0] == first);
  g_assert_true (fixture->started->pdata[1] == second);
  g_assert_cmpuint (finished_count (fixture, first), ==, 1);
  g_assert_cmpuint (finished_count (fixture, second), ==, 1);
  g_assert_cmpuint (get_uint (fixture->queue, "n-running"), ==, 0);
  g_assert_cmpuint (get_uint (fixture->queue, "n-queued"), ==, 0);
  /* 0→1 running, 1→0 as the first ended and the second started
   * (counted in one go, so no notify), then 1→0. */
  g_assert_cmpuint (fixture->n_running_notifies, ==, 2);
  g_assert_cmpuint (fixture->n_queued_notifies, ==, 2);
}

static void
test_concurrency_two (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "aizfw");
  g_autoptr(EaselJob) a = NULL;
  g_autoptr(EaselJob) b = NULL;
  g_autoptr(EaselJob) c = NULL;
  EaselJob *jobs[3];

  easel_profile_set_concurrency (profile, 2);
  easel_mock_server_set_pending_polls (fixture->gateway.mock, 2);
  a = new_job (fixture, profile, "a");
  b = new_job (fixture, profile, "b");
  c = new_job (fixture, profile, "c");
  easel_job_queue_add (fixture->queue, a);
  easel_job_queue_add (fixture->queue, b);
  easel_job_queue_add (fixture->queue, c);

  g_assert_cmpint (easel_job_get_state (a), !=, EASEL_JOB_QUEUED);
  g_assert_cmpint (easel_job_get_state (b), !=, EASEL_JOB_QUEUED);
  g_assert_cmpint (easel_job_get_state (c), ==, EASEL_JOB_QUEUED);
  g_assert_cmpuint (easel_job_queue_get_n_running (fixture->queue, profile), ==, 2);
  g_assert_cmpuint (easel_job_queue_get_n_queued (fixture->queue), ==, 1);

  /* c starts only once a or b has ended. */
  while (easel_job_get_state (c) == EASEL_JOB_QUEUED)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpuint (easel_job_queue_get_n_running (fixture->queue, NULL), <=, 2);
    }
  g_assert_true (easel_job_is_finished (a) || easel_job_is_finished (b));

  jobs[0] = a;
  jobs[1] = b;
  jobs[2] = c;
  run_until_finished (jobs, 3);
  for (guint i = 0; i < 3; i++)
    {
      assert_stored (jobs[i]);
      g_assert_cmpuint (finished_count (fixture, jobs[i]), ==, 1);
    }
  g_assert_cmpuint (fixture->started->len, ==, 3);
  g_assert_true (fixture->started->pdata[2] == c);
}

/* Oldest first, and each gateway has slots of its own. */
static void
test_order_and_gateways (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(EaselProfile) openai = easel_test_gateway_profile (&fixture->gateway, "openai");
  g_autoptr(EaselProfile) yycode = easel_test_gateway_profile (&fixture->gateway, "yycode");
  g_autoptr(EaselJob) o1 = NULL;
  g_autoptr(EaselJob) o2 = NULL;
  g_autoptr(EaselJob) o3 = NULL;
  g_autoptr(EaselJob) y1 = NULL;
  EaselJob *jobs[4];

  easel_profile_set_concurrency (openai, 1);
  easel_profile_set_concurrency (yycode, 1);
  o1 = new_job (fixture, openai, "o1");
  o2 = new_job (fixture, openai, "o2");
  o3 = new_job (fixture, openai, "o3");
  y1 = new_job (fixture, yycode, "y1");
  easel_job_queue_add (fixture->queue, o1);
  easel_job_queue_add (fixture->queue, o2);
  easel_job_queue_add (fixture->queue, o3);
  easel_job_queue_add (fixture->queue, y1);

  /* The yycode job does not wait for the openai ones. */
  g_assert_cmpint (easel_job_get_state (y1), !=, EASEL_JOB_QUEUED);
  g_assert_cmpuint (easel_job_queue_get_n_running (fixture->queue, NULL), ==, 2);
  g_assert_cmpuint (easel_job_queue_get_n_running (fixture->queue, openai), ==, 1);
  g_assert_cmpuint (easel_job_queue_get_n_running (fixture->queue, yycode), ==, 1);
  g_assert_cmpuint (easel_job_queue_get_n_queued (fixture->queue), ==, 2);

  jobs[0] = o1;
  jobs[1] = o2;
  jobs[2] = o3;
  jobs[3] = y1;
  run_until_finished (jobs, 4);
  for (guint i = 0; i < 4; i++)
    assert_stored (jobs[i]);

  /* The openai jobs started in the order they were added. */
  {
    int o1_at = -1, o2_at = -1, o3_at = -1;

    for (guint i = 0; i < fixture->started->len; i++)
      {
        if (fixture->started->pdata[i] == o1) o1_at = i;
        if (fixture->started->pdata[i] == o2) o2_at = i;
        if (fixture->started->pdata[i] == o3) o3_at = i;
      }
    g_assert_cmpint (o1_at, <, o2_at);
    g_assert_cmpint (o2_at, <, o3_at);
  }
}

/* Raising a profile's concurrency starts what waits at once. */
static void
test_concurrency_raised (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "yycode");
  g_autoptr(EaselJob) first = NULL;
  g_autoptr(EaselJob) second = NULL;
  EaselJob *jobs[2];

  easel_profile_set_concurrency (profile, 1);
  first = new_job (fixture, profile, "first");
  second = new_job (fixture, profile, "second");
  easel_job_queue_add (fixture->queue, first);
  easel_job_queue_add (fixture->queue, second);
  g_assert_cmpint (easel_job_get_state (second), ==, EASEL_JOB_QUEUED);

  easel_profile_set_concurrency (profile, 2);
  g_assert_cmpint (easel_job_get_state (second), !=, EASEL_JOB_QUEUED);
  g_assert_false (easel_job_is_finished (first));
  g_assert_cmpuint (get_uint (fixture->queue, "n-running"), ==, 2);

  jobs[0] = first;
  jobs[1] = second;
  run_until_finished (jobs, 2);
  assert_stored (first);
  assert_stored (second);
}

/* --- The model ---------------------------------------------------------- */

static void
test_model (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "openai");
  g_autoptr(EaselJob) a = NULL;
  g_autoptr(EaselJob) b = NULL;
  g_autoptr(EaselJob) c = NULL;
  EaselJob *jobs[3];

  a = new_job (fixture, profile, "a");
  b = new_job (fixture, profile, "b");
  c = new_job (fixture, profile, "c");

  assert_model (fixture, NULL, 0);
  easel_job_queue_add (fixture->queue, a);
  easel_job_queue_add (fixture->queue, b);
  easel_job_queue_add (fixture->queue, c);
  assert_changes (fixture, "0,0,1 0,0,1 0,0,1");
  jobs[0] = c;
  jobs[1] = b;
  jobs[2] = a;
  assert_model (fixture, jobs, 3);

  run_until_finished (jobs, 3);
  /* Finishing changes no position. */
  assert_changes (fixture, "");

  easel_job_queue_remove (fixture->queue, b);
  assert_changes (fixture, "1,1,0");
  jobs[1] = a;
  assert_model (fixture, jobs, 2);
  /* Stored jobs are not cancelled by being removed. */
  assert_stored (b);

  easel_job_queue_remove (fixture->queue, c);
  easel_job_queue_remove (fixture->queue, a);
  assert_changes (fixture, "0,1,0 0,1,0");
  assert_model (fixture, NULL, 0);
}

/* --- Retry -------------------------------------------------------------- */

static void
test_retry (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "openai");
  g_autoptr(EaselJob) failing = NULL;
  g_autoptr(EaselJob) newer = NULL;
  EaselJob *retry;
  EaselJob *jobs[2];

  easel_mock_server_set_fault (fixture->gateway.mock, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_BAD_REQUEST, 1, NULL);
  failing = new_job (fixture, profile, "refused once");
  newer = new_job (fixture, profile, "newer");
  easel_job_queue_add (fixture->queue, failing);
  jobs[0] = failing;
  run_until_finished (jobs, 1);
  easel_job_queue_add (fixture->queue, newer);
  jobs[0] = newer;
  run_until_finished (jobs, 1);

  g_assert_cmpint (easel_job_get_state (failing), ==, EASEL_JOB_FAILED);
  g_assert_error ((GError *) easel_job_get_error (failing), EASEL_ERROR,
                  EASEL_ERROR_INVALID_REQUEST);
  g_assert_cmpuint (finished_count (fixture, failing), ==, 1);
  g_ptr_array_set_size (fixture->changes, 0);

  /* In place of the failed job, at position 1, and started. */
  retry = easel_job_queue_retry (fixture->queue, failing);
  g_assert_nonnull (retry);
  g_assert_true (retry != failing);
  assert_changes (fixture, "1,1,1");
  jobs[0] = newer;
  jobs[1] = retry;
  assert_model (fixture, jobs, 2);
  g_assert_cmpint (easel_job_get_state (retry), ==, EASEL_JOB_SUBMITTING);

  /* Same request (a copy), profile, key and folder. */
  g_assert_true (easel_job_get_request (retry) != easel_job_get_request (failing));
  g_assert_cmpstr (easel_request_get_prompt (easel_job_get_request (retry)), ==, "refused once");
  g_assert_cmpstr (easel_request_get_size (easel_job_get_request (retry)), ==, "1024x1024");
  g_assert_true (easel_job_get_profile (retry) == profile);
  g_assert_cmpstr (easel_job_get_output_dir (retry), ==, fixture->gateway.output_dir);

  jobs[0] = retry;
  run_until_finished (jobs, 1);
  assert_stored (retry);
  g_assert_cmpuint (finished_count (fixture, retry), ==, 1);
  /* The key went along: the mock refuses any other. */
  g_assert_cmpstr (soup_message_headers_get_one (
                     easel_mock_server_get_last_request (fixture->gateway.mock, "openai",
                                                         EASEL_MOCK_STAGE_SUBMIT)->headers,
                     "Authorization"), ==, "Bearer sk-mock-key");
  /* The old job is no longer the queue's: only the test holds it. */
  g_assert_finalize_object (g_steal_pointer (&failing));
}

static void
test_retry_cancelled (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "icodeeasy");
  g_autoptr(EaselJob) job = NULL;
  EaselJob *retry;
  EaselJob *jobs[1];

  easel_profile_set_concurrency (profile, 1);
  job = new_job (fixture, profile, "cancelled, then retried");
  easel_job_queue_add (fixture->queue, job);
  easel_job_cancel (job);
  jobs[0] = job;
  run_until_finished (jobs, 1);
  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_CANCELLED);
  g_assert_cmpuint (finished_count (fixture, job), ==, 1);

  retry = easel_job_queue_retry (fixture->queue, job);
  jobs[0] = retry;
  run_until_finished (jobs, 1);
  assert_stored (retry);
}

/* Only a failed or cancelled job of the queue can be retried. */
static void
test_retry_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "openai");
  g_autoptr(EaselJob) running = new_job (fixture, profile, "running");
  g_autoptr(EaselJob) stranger = new_job (fixture, profile, "not in the queue");
  g_autoptr(EaselJob) waiting = new_job (fixture, profile, "waiting");
  EaselJob *jobs[2] = { waiting, running };

  easel_profile_set_concurrency (profile, 1);
  easel_job_queue_add (fixture->queue, running);
  easel_job_queue_add (fixture->queue, waiting);
  g_test_expect_message ("Easel", G_LOG_LEVEL_CRITICAL, "*!found*");
  easel_job_queue_add (fixture->queue, waiting);
  g_test_assert_expected_messages ();

  g_test_expect_message ("Easel", G_LOG_LEVEL_CRITICAL, "*EASEL_JOB_FAILED*");
  g_assert_null (easel_job_queue_retry (fixture->queue, running));
  g_test_assert_expected_messages ();

  easel_job_cancel (stranger);
  g_test_expect_message ("Easel", G_LOG_LEVEL_CRITICAL, "*found*");
  g_assert_null (easel_job_queue_retry (fixture->queue, stranger));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Easel", G_LOG_LEVEL_CRITICAL, "*found*");
  easel_job_queue_remove (fixture->queue, stranger);
  g_test_assert_expected_messages ();

  /* A started job cannot be added, nor one twice. */
  g_test_expect_message ("Easel", G_LOG_LEVEL_CRITICAL, "*EASEL_JOB_QUEUED*");
  easel_job_queue_add (fixture->queue, stranger);
  g_test_assert_expected_messages ();
  g_test_expect_message ("Easel", G_LOG_LEVEL_CRITICAL, "*EASEL_JOB_QUEUED*");
  easel_job_queue_add (fixture->queue, running);
  g_test_assert_expected_messages ();

  assert_model (fixture, jobs, 2);
  run_until_finished (jobs, 2);
  assert_stored (running);
  assert_stored (waiting);
}

/* --- Remove and cancel -------------------------------------------------- */

static void
test_remove_running (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "openai");
  g_autoptr(EaselJob) running = NULL;
  g_autoptr(EaselJob) waiting = NULL;
  g_autoptr(EaselJob) last = NULL;
  EaselJob *jobs[1];

  easel_profile_set_concurrency (profile, 1);
  easel_mock_server_set_fault (fixture->gateway.mock, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_STALL, 1, NULL);
  running = new_job (fixture, profile, "stalls");
  waiting = new_job (fixture, profile, "waits, then goes");
  last = new_job (fixture, profile, "removed while waiting");
  easel_job_queue_add (fixture->queue, running);
  easel_job_queue_add (fixture->queue, waiting);
  easel_job_queue_add (fixture->queue, last);

  /* A waiting job: cancelled at once, never sent. */
  easel_job_queue_remove (fixture->queue, last);
  g_assert_cmpint (easel_job_get_state (last), ==, EASEL_JOB_CANCELLED);
  g_assert_cmpint (easel_job_get_time (last, EASEL_JOB_TIME_STARTED), ==, 0);
  g_assert_cmpuint (easel_job_queue_get_n_queued (fixture->queue), ==, 1);

  /* The running job: cancelled, out of the model at once, and its slot
   * goes to the waiting one. */
  run_until_state (running, EASEL_JOB_SUBMITTING);
  while (easel_mock_server_count (fixture->gateway.mock, "openai", EASEL_MOCK_STAGE_SUBMIT) == 0)
    g_main_context_iteration (NULL, TRUE);
  easel_job_queue_remove (fixture->queue, running);
  jobs[0] = waiting;
  assert_model (fixture, jobs, 1);
  g_assert_cmpint (easel_job_get_state (waiting), !=, EASEL_JOB_QUEUED);

  jobs[0] = running;
  run_until_finished (jobs, 1);
  g_assert_cmpint (easel_job_get_state (running), ==, EASEL_JOB_CANCELLED);
  jobs[0] = waiting;
  run_until_finished (jobs, 1);
  assert_stored (waiting);

  /* Removed jobs are forgotten: no job-finished for them. */
  g_assert_cmpuint (finished_count (fixture, running), ==, 0);
  g_assert_cmpuint (finished_count (fixture, last), ==, 0);
  g_assert_cmpuint (finished_count (fixture, waiting), ==, 1);
  g_assert_cmpuint (easel_test_gateway_count_files (&fixture->gateway, "easel-"), ==, 1);
}

static void
test_cancel_all (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "yycode");
  g_autoptr(EaselJob) a = NULL;
  g_autoptr(EaselJob) b = NULL;
  g_autoptr(EaselJob) c = NULL;
  g_autoptr(EaselJob) done = NULL;
  EaselJob *jobs[4];

  easel_profile_set_concurrency (profile, 1);
  done = new_job (fixture, profile, "already stored");
  easel_job_queue_add (fixture->queue, done);
  jobs[0] = done;
  run_until_finished (jobs, 1);
  assert_stored (done);

  easel_mock_server_set_fault (fixture->gateway.mock, EASEL_MOCK_STAGE_POLL,
                               EASEL_MOCK_FAULT_NEVER_ENDING_JOB, 0, NULL);
  a = new_job (fixture, profile, "polls forever");
  b = new_job (fixture, profile, "waits");
  c = new_job (fixture, profile, "waits too");
  easel_job_queue_add (fixture->queue, a);
  easel_job_queue_add (fixture->queue, b);
  easel_job_queue_add (fixture->queue, c);
  run_until_state (a, EASEL_JOB_POLLING);

  easel_job_queue_cancel_all (fixture->queue);
  jobs[0] = a;
  jobs[1] = b;
  jobs[2] = c;
  run_until_finished (jobs, 3);

  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (easel_job_get_state (jobs[i]), ==, EASEL_JOB_CANCELLED);
      g_assert_cmpuint (finished_count (fixture, jobs[i]), ==, 1);
    }
  /* The waiting ones never started; the stored one stays stored. */
  g_assert_cmpuint (easel_mock_server_count (fixture->gateway.mock, "yycode",
                                             EASEL_MOCK_STAGE_SUBMIT), ==, 2);
  g_assert_cmpint (easel_job_get_time (b, EASEL_JOB_TIME_STARTED), ==, 0);
  g_assert_cmpint (easel_job_get_time (c, EASEL_JOB_TIME_STARTED), ==, 0);
  assert_stored (done);
  g_assert_cmpuint (finished_count (fixture, done), ==, 1);
  g_assert_cmpuint (get_uint (fixture->queue, "n-running"), ==, 0);
  g_assert_cmpuint (get_uint (fixture->queue, "n-queued"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->queue)), ==, 4);
}

/* A request that does not validate ends inside easel_job_start(): the
 * queue goes on with the next one. */
static void
test_invalid_job (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "openai");
  g_autoptr(EaselJob) invalid = NULL;
  g_autoptr(EaselJob) valid = NULL;
  g_autoptr(EaselJob) blocker = NULL;
  EaselJob *jobs[3];

  easel_profile_set_concurrency (profile, 1);
  blocker = new_job (fixture, profile, "first");
  invalid = new_job (fixture, profile, "");
  valid = new_job (fixture, profile, "after the invalid one");
  easel_job_queue_add (fixture->queue, blocker);
  easel_job_queue_add (fixture->queue, invalid);
  easel_job_queue_add (fixture->queue, valid);

  jobs[0] = blocker;
  jobs[1] = invalid;
  jobs[2] = valid;
  run_until_finished (jobs, 3);
  assert_stored (blocker);
  g_assert_cmpint (easel_job_get_state (invalid), ==, EASEL_JOB_FAILED);
  assert_stored (valid);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (finished_count (fixture, jobs[i]), ==, 1);
}

/* --- Timings ------------------------------------------------------------ */

typedef struct
{
  const char *preset;
  gboolean    stream;
  gboolean    async;
  /* The state the job enters right after the answer with the images (or
   * their URLs) arrived, and the one it is in while that answer comes. */
  EaselJobState after;
  EaselJobState before;
} TimingCase;

static const TimingCase timing_cases[] = {
  { "openai", FALSE, FALSE, EASEL_JOB_DECODING, EASEL_JOB_SUBMITTING },
  { "openai", TRUE, FALSE, EASEL_JOB_DECODING, EASEL_JOB_STREAMING },
  { "yycode", FALSE, FALSE, EASEL_JOB_DECODING, EASEL_JOB_POLLING },
  { "aizfw", FALSE, FALSE, EASEL_JOB_DOWNLOADING, EASEL_JOB_POLLING },
  { "icodeeasy", FALSE, FALSE, EASEL_JOB_DOWNLOADING, EASEL_JOB_SUBMITTING },
  { "icodeeasy", FALSE, TRUE, EASEL_JOB_DOWNLOADING, EASEL_JOB_POLLING },
};

typedef struct
{
  const TimingCase *tc;
  gint64            entered[EASEL_JOB_CANCELLED + 1];
  GArray           *parses;   /* (element-type gint64): when each answer or event went to be read */
} StateTimes;

static void
on_timed_parse (EaselJob *job,
                gpointer  user_data)
{
  StateTimes *times = user_data;
  gint64 now = g_get_monotonic_time ();

  g_array_append_val (times->parses, now);
}

static void
on_timed_state (EaselJob   *job,
                GParamSpec *pspec,
                StateTimes *times)
{
  EaselJobState state = easel_job_get_state (job);

  if (times->entered[state] == 0)
    times->entered[state] = g_get_monotonic_time ();
}

static void
test_timings (Fixture       *fixture,
              gconstpointer  data)
{
  const TimingCase *tc = data;
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, tc->preset);
  g_autoptr(EaselJob) job = new_job (fixture, profile, "timed");
  g_autoptr(GArray) parses = g_array_new (FALSE, FALSE, sizeof (gint64));
  StateTimes times = { tc, { 0 }, parses };
  gint64 before_add, received, last_parse;
  EaselJob *jobs[1] = { job };

  if (tc->stream)
    {
      easel_request_set_stream (easel_job_get_request (job), TRUE);
      easel_request_set_partial_images (easel_job_get_request (job), 2);
    }
  easel_request_set_async (easel_job_get_request (job), tc->async);
  easel_mock_server_set_pending_polls (fixture->gateway.mock, 2);
  g_signal_connect (job, "notify::state", G_CALLBACK (on_timed_state), &times);
  easel_job_set_parse_hook (job, on_timed_parse, &times);

  g_assert_cmpint (easel_job_get_time (job, EASEL_JOB_TIME_CREATED), >, 0);
  g_assert_cmpint (easel_job_get_time (job, EASEL_JOB_TIME_STARTED), ==, 0);
  before_add = g_get_monotonic_time ();
  easel_job_queue_add (fixture->queue, job);
  run_until_finished (jobs, 1);
  assert_stored (job);

  for (EaselJobTime t = EASEL_JOB_TIME_CREATED; t < EASEL_JOB_TIME_FINISHED; t++)
    {
      g_assert_cmpint (easel_job_get_time (job, t), >, 0);
      g_assert_cmpint (easel_job_get_time (job, t), <=, easel_job_get_time (job, t + 1));
    }
  g_assert_cmpint (easel_job_get_time (job, EASEL_JOB_TIME_CREATED), <=, before_add);
  g_assert_cmpint (easel_job_get_time (job, EASEL_JOB_TIME_STARTED), >=, before_add);

  /* Received is the answer that carried the images: after the job was
   * waiting for it (polling, streaming, or at least submitting), and
   * before the job went on to decode or download them. */
  received = easel_job_get_time (job, EASEL_JOB_TIME_RECEIVED);
  g_assert_cmpint (times.entered[tc->before], >, 0);
  g_assert_cmpint (received, >, times.entered[tc->before]);
  g_assert_cmpint (received, <=, times.entered[tc->after]);

  /* And it is that answer's arrival, not an earlier one's: the answer that
   * went to be read last (a stream's last event came before its end). */
  g_assert_cmpuint (parses->len, >=, 1);
  last_parse = g_array_index (parses, gint64, parses->len - 1);
  g_assert_cmpint (received, >, easel_job_get_time (job, EASEL_JOB_TIME_SENT));
  if (tc->stream)
    {
      g_assert_cmpint (received, >=, last_parse);
    }
  else
    {
      g_assert_cmpint (received, <=, last_parse);
      if (parses->len > 1)
        g_assert_cmpint (received, >, g_array_index (parses, gint64, parses->len - 2));
    }

  g_assert_cmpint (easel_job_get_time (job, EASEL_JOB_TIME_FINISHED), <=,
                   times.entered[EASEL_JOB_STORED]);
  /* The elapsed time is started to finished. */
  g_assert_cmpfloat_with_epsilon (easel_job_get_elapsed (job),
                                  (easel_job_get_time (job, EASEL_JOB_TIME_FINISHED) -
                                   easel_job_get_time (job, EASEL_JOB_TIME_STARTED)) / 1e6, 1e-9);

  g_signal_handlers_disconnect_by_func (job, on_timed_state, &times);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/job-queue/concurrency/one", test_concurrency_one);
  ADD ("/job-queue/concurrency/two", test_concurrency_two);
  ADD ("/job-queue/concurrency/per-gateway-oldest-first", test_order_and_gateways);
  ADD ("/job-queue/concurrency/raised", test_concurrency_raised);
  ADD ("/job-queue/model", test_model);
  ADD ("/job-queue/retry/failed", test_retry);
  ADD ("/job-queue/retry/cancelled", test_retry_cancelled);
  ADD ("/job-queue/retry/refused", test_retry_refused);
  ADD ("/job-queue/remove", test_remove_running);
  ADD ("/job-queue/cancel-all", test_cancel_all);
  ADD ("/job-queue/invalid-job", test_invalid_job);
#undef ADD

  for (guint i = 0; i < G_N_ELEMENTS (timing_cases); i++)
    {
      const TimingCase *tc = &timing_cases[i];
      g_autofree char *path = g_strdup_printf ("/job-queue/timings/%s%s%s", tc->preset,
                                               tc->stream ? "-stream" : "",
                                               tc->async ? "-async" : "");

      g_test_add (path, Fixture, tc, fixture_set_up, test_timings, fixture_tear_down);
    }

  return g_test_run ();
}
