/* soak.c: many jobs over every dialect, four at a time, with random faults,
 * and proof afterwards that nothing was lost and nothing piled up
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* 200 jobs (EASEL_SOAK_JOBS) go through one EaselJobQueue, four running at
 * a time, into an EaselHistory in a temp data dir, against the mock
 * gateway in this process. A seeded PRNG (EASEL_SOAK_SEED; printed) picks
 * each job's dialect and shape, a fault rate between 10 and 30 %, and, as
 * each job starts, whether to queue a fault at the mock and which: every
 * fault of DESIGN.md §9, at the stages where it means something. Faults
 * wait in the mock's per-stage queues for the next request they fit, so
 * with four jobs in flight the request a fault meets depends on timing;
 * the seed fixes the sequence of faults, not which job meets each.
 *
 * Afterwards:
 *  - every job ended stored or failed, and has its generation in the
 *    history: stored ones with their images, failed ones (failed, expired,
 *    or pending when the remote job may still finish) with the error;
 *  - the images the mock delivered whole are, hash for hash, the files the
 *    history's rows name on disk: none lost, none extra;
 *  - no temp file and no file unknown to the history is left under the
 *    data dir;
 *  - file descriptors, RSS and the live heap, sampled after a warm-up of 10
 *    jobs and at the end (both times with nothing in flight), have not
 *    grown past a small slack.
 * It prints one JSON line with the figures. */

#include "config.h"

#include <glib/gstdio.h>
#include <malloc.h>

#include "easel-error.h"
#include "easel-history.h"
#include "easel-job-queue.h"
#include "easel-job.h"
#include "easel-mock-server.h"

#if defined(__SANITIZE_ADDRESS__)
/* From libasan; GCC 12 ships no header that declares it. */
size_t __sanitizer_get_current_allocated_bytes (void);
#define UNDER_ASAN 1
#else
#define UNDER_ASAN 0
#endif

#define DEFAULT_JOBS 200
#define WARM_UP_JOBS 10
#define CONCURRENCY 4
#define KEY "sk-mock-key"
/* Short enough that a stall costs seconds, not minutes; long enough for a
 * loaded machine under ASan. */
#define TIMEOUT_MS 3000
#define REMOTE_DEADLINE_S 6
#define RUN_LIMIT_S 600

/* Growth allowed between the warm-up and the end. Descriptors: what a
 * connection or two still closing may hold. The live heap: the mock's
 * request log and its jobs' records grow with every request, about a
 * kilobyte each; everything else must come back. RSS: under ASan, freed
 * blocks wait in a quarantine (capped below) before they are reused, so
 * the figure rises with churn up to that cap; without ASan, malloc's arenas
 * keep what they grew to. */
#define FD_SLACK 4
#define HEAP_SLACK_MB 16.0
#define RSS_SLACK_MB 64.0

#if UNDER_ASAN
/* A smaller quarantine than the default 256 MB, so that RSS tells live
 * memory from churn: use-after-free is still caught within the last 32 MB
 * freed, which a soak with small images cycles through slowly. */
const char *__asan_default_options (void);
const char *
__asan_default_options (void)
{
  return "quarantine_size_mb=32";
}
#endif

typedef enum
{
  OPENAI,
  OPENAI_STREAM,
  ICODEEASY,
  ICODEEASY_ASYNC,
  YYCODE,
  AIZFW,
  N_KINDS
} Kind;

static const struct
{
  const char *name;
  const char *preset;
  guint       max_n;
} kinds[N_KINDS] = {
  [OPENAI] = { "openai", "openai", 2 },
  [OPENAI_STREAM] = { "openai-stream", "openai", 1 },
  [ICODEEASY] = { "icodeeasy", "icodeeasy", 2 },
  /* An icodeeasy task names one result URL, whatever n was. */
  [ICODEEASY_ASYNC] = { "icodeeasy-async", "icodeeasy", 1 },
  [YYCODE] = { "yycode", "yycode", 2 },
  [AIZFW] = { "aizfw", "aizfw", 1 },
};

/* The faults drawn from, each where it can be met. One that fits no
 * request of a dialect waits for one it fits (bad-base64 at a poll waits
 * for a yycode job). Most are met once, so that the retry recovers; some
 * outlast the retries. */
typedef struct
{
  EaselMockStage  stage;
  EaselMockFault  fault;
  guint           times;
  const char     *param;
} FaultChoice;

#define S EASEL_MOCK_STAGE_SUBMIT
#define P EASEL_MOCK_STAGE_POLL
#define D EASEL_MOCK_STAGE_DOWNLOAD
#define F EASEL_MOCK_STAGE_FILE
#define FAULT(name) EASEL_MOCK_FAULT_##name

static const FaultChoice choices[] = {
  { S, FAULT (RESET_MID_BODY), 1, NULL }, { S, FAULT (RESET_MID_BODY), 3, NULL },
  { S, FAULT (RATE_LIMIT), 1, "0" }, { S, FAULT (RATE_LIMIT), 2, "retry-after-ms:10" },
  { S, FAULT (RATE_LIMIT), 3, "0" }, { S, FAULT (RATE_LIMIT), 1, "300" },
  { S, FAULT (SERVER_ERROR), 1, NULL }, { S, FAULT (SERVER_ERROR), 3, "503" },
  { S, FAULT (HTML_ERROR), 1, NULL }, { S, FAULT (STALL), 1, NULL },
  { S, FAULT (MALFORMED_JSON), 1, NULL }, { S, FAULT (HUGE_BODY), 1, "16777216" },
  { S, FAULT (AUTH), 1, NULL }, { S, FAULT (PAYMENT), 1, NULL },
  { S, FAULT (MODERATION), 1, NULL }, { S, FAULT (BAD_REQUEST), 1, NULL },
  { S, FAULT (BAD_BASE64), 1, NULL }, { S, FAULT (NOT_AN_IMAGE), 1, NULL },
  { S, FAULT (NO_IMAGES), 1, NULL }, { S, FAULT (DECOMPRESSION_BOMB), 1, NULL },
  { S, FAULT (JOB_FAILURE), 1, NULL }, { S, FAULT (NEVER_ENDING_JOB), 1, NULL },
  { S, FAULT (EXPIRED_URL), 1, NULL },
  { P, FAULT (RESET_MID_BODY), 1, NULL }, { P, FAULT (RATE_LIMIT), 1, "0" },
  { P, FAULT (SERVER_ERROR), 2, NULL }, { P, FAULT (HTML_ERROR), 1, NULL },
  { P, FAULT (STALL), 1, NULL }, { P, FAULT (MALFORMED_JSON), 1, NULL },
  { P, FAULT (HUGE_BODY), 1, "16777216" }, { P, FAULT (AUTH), 1, NULL },
  { P, FAULT (BAD_BASE64), 1, NULL }, { P, FAULT (NOT_AN_IMAGE), 1, NULL },
  { P, FAULT (NO_IMAGES), 1, NULL }, { P, FAULT (DECOMPRESSION_BOMB), 1, NULL },
  { P, FAULT (JOB_FAILURE), 1, NULL }, { P, FAULT (NEVER_ENDING_JOB), 1, NULL },
  { P, FAULT (EXPIRED_URL), 1, NULL },
  { D, FAULT (RESET_MID_BODY), 1, NULL }, { D, FAULT (RATE_LIMIT), 1, "0" },
  { D, FAULT (SERVER_ERROR), 1, NULL }, { D, FAULT (HTML_ERROR), 3, NULL },
  { D, FAULT (STALL), 1, NULL }, { D, FAULT (MALFORMED_JSON), 1, NULL },
  { D, FAULT (HUGE_BODY), 1, "16777216" }, { D, FAULT (NOT_AN_IMAGE), 1, NULL },
  { D, FAULT (DECOMPRESSION_BOMB), 1, NULL }, { D, FAULT (EXPIRED_URL), 1, NULL },
  { D, FAULT (REDIRECT_LOOP), 1, NULL }, { D, FAULT (NO_IMAGES), 1, NULL },
  { F, FAULT (RESET_MID_BODY), 1, NULL }, { F, FAULT (NOT_AN_IMAGE), 1, NULL },
};

typedef struct
{
  Kind           kind;
  EaselJobState  state;
  int            code;           /* -1 when stored */
  char          *message;
  gint64         history_id;
  guint          n_images;
} Outcome;

typedef struct
{
  guint   fds;
  double  rss_mb;
  double  heap_mb;
} Sample;

typedef struct
{
  guint32          seed;
  guint            n_jobs;
  GRand           *rand;
  double           fault_rate;
  EaselMockServer *mock;
  EaselClient     *client;
  char            *base;
  EaselHistory    *history;
  EaselJobQueue   *queue;
  EaselProfile    *profiles[N_KINDS];
  Outcome         *outcomes;
  guint            added;
  guint            finished;
  guint            faults;         /* queued at the mock */
} Soak;

static Soak soak;

/* --- measures ------------------------------------------------------------- */

static guint
count_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint count = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    count++;

  /* Less the one the listing itself holds open. */
  return count - 1;
}

static double
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "\nVmRSS:");
  g_assert_nonnull (line);

  return g_ascii_strtoull (line + strlen ("\nVmRSS:"), NULL, 10) / 1024.0;
}

/* Bytes allocated and not freed: what a leak grows, whatever the
 * allocator keeps around. */
static double
heap_mb (void)
{
#if UNDER_ASAN
  return __sanitizer_get_current_allocated_bytes () / (1024.0 * 1024.0);
#else
  struct mallinfo2 info = mallinfo2 ();

  return (info.uordblks + info.hblkhd) / (1024.0 * 1024.0);
#endif
}

static void
take_sample (Sample *sample)
{
  sample->fds = count_fds ();
  sample->rss_mb = rss_mb ();
  sample->heap_mb = heap_mb ();
}

/* --- the run -------------------------------------------------------------- */

static gboolean
on_run_limit (gpointer user_data)
{
  g_error ("The soak did not end within %d s: %u of %u jobs finished", RUN_LIMIT_S,
           soak.finished, soak.added);
  return G_SOURCE_REMOVE;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* As a job leaves the queue for the gateway, maybe a fault for the mock
 * to hand the next request it fits. */
static void
on_job_state (EaselJob   *job,
              GParamSpec *pspec,
              gpointer    user_data)
{
  const FaultChoice *choice;

  if (easel_job_get_state (job) == EASEL_JOB_QUEUED)
    return;
  g_signal_handlers_disconnect_by_func (job, on_job_state, user_data);

  if (g_rand_double (soak.rand) >= soak.fault_rate)
    return;
  choice = &choices[g_rand_int_range (soak.rand, 0, G_N_ELEMENTS (choices))];
  easel_mock_server_set_fault (soak.mock, choice->stage, choice->fault, choice->times,
                               choice->param);
  soak.faults++;
}

static gboolean
remove_later (gpointer data)
{
  g_autoptr(EaselJob) job = data;

  easel_job_queue_remove (soak.queue, job);
  return G_SOURCE_REMOVE;
}

static void
on_job_finished (EaselJobQueue *queue,
                 EaselJob      *job,
                 gpointer       user_data)
{
  Outcome *outcome = g_object_get_data (G_OBJECT (job), "soak-outcome");
  const GError *error = easel_job_get_error (job);

  g_assert_nonnull (outcome);
  outcome->state = easel_job_get_state (job);
  outcome->code = error != NULL && error->domain == EASEL_ERROR ? error->code : -1;
  outcome->message = error != NULL ? g_strdup (error->message) : NULL;
  outcome->history_id = easel_job_get_history_id (job);
  outcome->n_images = g_list_model_get_n_items (easel_job_get_images (job));
  if (error != NULL)
    g_test_message ("job %u (%s) failed: %s: %s", (guint) (outcome - soak.outcomes),
                    kinds[outcome->kind].name,
                    error->domain == EASEL_ERROR ? easel_error_code_to_string (error->code)
                                                 : g_quark_to_string (error->domain),
                    error->message);
  soak.finished++;

  /* Out of the queue once the queue is done with it, so that what stays
   * allocated is what leaked, not a finished job a window would show. */
  g_idle_add (remove_later, g_object_ref (job));
}

static void
add_job (void)
{
  guint index = soak.added++;
  Outcome *outcome = &soak.outcomes[index];
  Kind kind = g_rand_int_range (soak.rand, 0, N_KINDS);
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autofree char *prompt = g_strdup_printf ("soak job %u", index);
  g_autofree char *dir = easel_history_image_dir (soak.history, g_get_real_time ());
  EaselJob *job;

  outcome->kind = kind;
  easel_request_set_prompt (request, prompt);
  easel_request_set_n (request, g_rand_int_range (soak.rand, 1, kinds[kind].max_n + 1));
  easel_request_set_async (request, kind == ICODEEASY_ASYNC);
  if (kind == OPENAI_STREAM)
    {
      easel_request_set_stream (request, TRUE);
      easel_request_set_partial_images (request, 1);
    }

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  job = easel_job_new (soak.client, soak.profiles[kind], request, KEY, dir);
  easel_job_set_history (job, soak.history);
  easel_job_set_poll_interval (job, 20);
  easel_job_set_remote_deadline (job, REMOTE_DEADLINE_S);
  g_object_set_data (G_OBJECT (job), "soak-outcome", outcome);
  g_signal_connect (job, "notify::state", G_CALLBACK (on_job_state), NULL);
  easel_job_queue_add (soak.queue, job);
  g_object_unref (job);
}

/* Runs jobs until @total have been added and all have finished, then
 * waits for the history to have written everything. */
static void
run_until (guint total)
{
  while (soak.added < total)
    add_job ();
  while (soak.finished < total || g_list_model_get_n_items (G_LIST_MODEL (soak.queue)) > 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (easel_history_flush (soak.history, 30000));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* --- the checks ----------------------------------------------------------- */

static char *
hash_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &data, &length, &error))
    g_error ("A file the history names cannot be read: %s", error->message);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
}

static void
count_hash (GHashTable *counts,
            const char *hash,
            int         by)
{
  int count = GPOINTER_TO_INT (g_hash_table_lookup (counts, hash));

  g_hash_table_replace (counts, g_strdup (hash), GINT_TO_POINTER (count + by));
}

/* Files under @path: temp files are counted as such; anything else must
 * be one the history names, or its database and lock. */
static void
walk (const char *path,
      GHashTable *known,
      guint      *temps,
      guint      *strays)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          walk (child, known, temps, strays);
          continue;
        }
      if (g_str_has_prefix (name, ".easel-") || g_str_has_suffix (name, ".part")
          || g_str_has_suffix (name, ".tmp"))
        {
          g_test_message ("a temp file remains: %s", child);
          (*temps)++;
        }
      else if (!g_str_has_prefix (name, "history.") && !g_hash_table_contains (known, child))
        {
          g_test_message ("a file the history does not know: %s", child);
          (*strays)++;
        }
    }
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

static guint
env_uint (const char *name,
          guint       min,
          guint       fallback)
{
  const char *value = g_getenv (name);
  guint64 number;

  if (value == NULL || *value == '\0')
    return fallback;
  if (!g_ascii_string_to_unsigned (value, 10, min, G_MAXUINT32, &number, NULL))
    g_error ("%s must be a number from %u, not “%s”", name, min, value);

  return number;
}

static void
test_soak (void)
{
  EaselTimeouts timeouts = { TIMEOUT_MS, TIMEOUT_MS, TIMEOUT_MS, TIMEOUT_MS };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  EaselHistoryQuery query = { 0 };
  GPtrArray *delivered;
  GHashTableIter iter;
  gpointer key, value;
  Sample start, end;
  gint64 started = g_get_monotonic_time ();
  guint run_limit, stored = 0, failed = 0, kept = 0, faulted = 0, temps = 0, strays = 0;
  GPtrArray *requests;
  g_autofree char *summary = NULL;

  g_test_message ("seed %u (EASEL_SOAK_SEED=%u to repeat the draws), %u jobs, %u at a time",
                  soak.seed, soak.seed, soak.n_jobs, CONCURRENCY);
  soak.rand = g_rand_new_with_seed (soak.seed);
  soak.fault_rate = g_rand_double_range (soak.rand, 0.10, 0.30);
  soak.outcomes = g_new0 (Outcome, soak.n_jobs);

  soak.mock = easel_mock_server_new (&error);
  g_assert_no_error (error);
  soak.client = easel_client_new ();
  /* Retries happen as the policy says; only the waiting is skipped. */
  easel_client_set_delay_scale (soak.client, 0.0);
  easel_client_set_timeouts (soak.client, &timeouts);
  easel_client_set_max_body (soak.client, 8 * 1024 * 1024);

  soak.base = g_dir_make_tmp ("easel-soak-XXXXXX", &error);
  g_assert_no_error (error);
  soak.history = easel_history_new (soak.base);
  easel_history_open_async (soak.history, NULL, store_result, &result);
  wait_for_result (&result);
  g_assert_true (easel_history_open_finish (soak.history, result, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* One profile id for all: the queue counts a gateway by its profile id,
   * so the dialects share the four slots. */
  for (guint k = 0; k < N_KINDS; k++)
    {
      EaselProfile *profile = easel_profile_new_from_preset (kinds[k].preset, "soak");
      const char *dialect = easel_dialect_kind_to_string (easel_profile_get_dialect (profile));

      g_assert_true (easel_profile_set_base_url (
        profile, easel_mock_server_get_base_url (soak.mock, dialect), &error));
      g_assert_no_error (error);
      easel_profile_set_concurrency (profile, CONCURRENCY);
      soak.profiles[k] = profile;
    }

  soak.queue = easel_job_queue_new ();
  g_signal_connect (soak.queue, "job-finished", G_CALLBACK (on_job_finished), NULL);
  run_limit = g_timeout_add_seconds (RUN_LIMIT_S, on_run_limit, NULL);

  run_until (MIN (WARM_UP_JOBS, soak.n_jobs));
  take_sample (&start);
  run_until (soak.n_jobs);
  take_sample (&end);
  g_source_remove (run_limit);

  /* Every generation, with its images. */
  query.limit = soak.n_jobs + 100;
  easel_history_list_async (soak.history, &query, NULL, store_result, &result);
  wait_for_result (&result);
  entries = easel_history_list_finish (soak.history, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, soak.n_jobs);
  for (guint i = 0; i < entries->len; i++)
    {
      EaselHistoryEntry *entry = g_ptr_array_index (entries, i);

      g_hash_table_insert (by_id, &entry->id, entry);
      for (guint j = 0; j < entry->images->len; j++)
        {
          EaselHistoryImage *image = g_ptr_array_index (entry->images, j);
          g_autofree char *hash = hash_file (image->path);

          g_assert_false (image->missing);
          count_hash (counts, hash, -1);
          g_hash_table_add (known, g_strdup (image->path));
          if (image->thumb_path != NULL)
            g_hash_table_add (known, g_strdup (image->thumb_path));
          kept++;
        }
    }

  /* Each job's end, as the history has it. */
  for (guint i = 0; i < soak.n_jobs; i++)
    {
      Outcome *outcome = &soak.outcomes[i];
      EaselHistoryEntry *entry = g_hash_table_lookup (by_id, &outcome->history_id);

      g_assert_cmpint (outcome->history_id, >, 0);
      g_assert_nonnull (entry);
      g_assert_cmpuint (entry->images->len, ==, outcome->n_images);
      if (outcome->state == EASEL_JOB_STORED)
        {
          stored++;
          g_assert_cmpint (entry->state, ==, EASEL_HISTORY_STORED);
          g_assert_null (entry->error);
          g_assert_cmpuint (outcome->n_images, >, 0);
        }
      else
        {
          failed++;
          g_assert_cmpint (outcome->state, ==, EASEL_JOB_FAILED);
          g_assert_cmpint (outcome->code, >=, 0);
          g_assert_true (entry->state == EASEL_HISTORY_FAILED
                         || entry->state == EASEL_HISTORY_EXPIRED
                         || entry->state == EASEL_HISTORY_PENDING);
          g_assert_cmpstr (entry->error, ==, outcome->message);
          g_assert_cmpuint (strlen (entry->error), >, 30);
        }
    }

  /* What the mock delivered whole is what the history keeps on disk. */
  delivered = easel_mock_server_get_delivered_images (soak.mock);
  for (guint i = 0; i < delivered->len; i++)
    count_hash (counts, g_ptr_array_index (delivered, i), +1);
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_INT (value) != 0)
      g_test_fail_printf ("image %s: delivered %+d times more than kept", (char *) key,
                          GPOINTER_TO_INT (value));
  g_assert_cmpuint (delivered->len, ==, kept);

  /* Each failed job met a fault: a fault is one request's, and one
   * request is one job's. */
  requests = easel_mock_server_get_requests (soak.mock);
  for (guint i = 0; i < requests->len; i++)
    faulted += ((EaselMockRequest *) g_ptr_array_index (requests, i))->fault
               != EASEL_MOCK_FAULT_NONE;
  g_assert_cmpuint (failed, <=, faulted);
  g_assert_cmpuint (stored + failed, ==, soak.n_jobs);

  walk (soak.base, known, &temps, &strays);
  g_assert_cmpuint (temps, ==, 0);
  g_assert_cmpuint (strays, ==, 0);

  summary = g_strdup_printf ("{\"soak\":\"%s\",\"seed\":%u,\"jobs\":%u,\"fault_rate\":%.3f,"
                             "\"faults\":%u,\"faulted_requests\":%u,\"stored\":%u,"
                             "\"failed\":%u,\"images_served\":%u,\"images_kept\":%u,"
                             "\"fd_start\":%u,\"fd_end\":%u,\"rss_start_mb\":%.1f,"
                             "\"rss_end_mb\":%.1f,\"heap_start_mb\":%.1f,\"heap_end_mb\":%.1f,"
                             "\"seconds\":%.1f}",
                             UNDER_ASAN ? "asan" : "plain", soak.seed, soak.n_jobs,
                             soak.fault_rate, soak.faults, faulted, stored, failed,
                             delivered->len, kept, start.fds, end.fds, start.rss_mb, end.rss_mb,
                             start.heap_mb, end.heap_mb,
                             (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  /* On stderr too, where it shows without --tap or --verbose. */
  g_test_message ("%s", summary);
  g_printerr ("%s\n", summary);

  g_assert_cmpuint (end.fds, <=, start.fds + FD_SLACK);
  g_assert_cmpfloat (end.heap_mb - start.heap_mb, <, HEAP_SLACK_MB);
  g_assert_cmpfloat (end.rss_mb - start.rss_mb, <, RSS_SLACK_MB);
  /* The draws must have made it a soak with faults, not a clean run. */
  g_assert_cmpuint (faulted, >, 0);
  g_assert_cmpuint (stored, >, 0);
}

static void
soak_clear (void)
{
  GObject *weak;

  g_clear_object (&soak.queue);
  for (guint k = 0; k < N_KINDS; k++)
    g_clear_object (&soak.profiles[k]);
  if (soak.history != NULL)
    {
      weak = G_OBJECT (soak.history);
      g_object_add_weak_pointer (weak, (gpointer *) &weak);
      g_clear_object (&soak.history);
      /* The worker's last references go in an idle of this context. */
      while (weak != NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  g_clear_object (&soak.client);
  g_clear_pointer (&soak.mock, easel_mock_server_free);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (soak.base != NULL)
    remove_tree (soak.base);
  g_clear_pointer (&soak.base, g_free);
  for (guint i = 0; soak.outcomes != NULL && i < soak.n_jobs; i++)
    g_free (soak.outcomes[i].message);
  g_clear_pointer (&soak.outcomes, g_free);
  g_clear_pointer (&soak.rand, g_rand_free);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  soak.seed = env_uint ("EASEL_SOAK_SEED", 0, g_random_int ());
  soak.n_jobs = env_uint ("EASEL_SOAK_JOBS", 1, DEFAULT_JOBS);

  g_test_add_func ("/soak/jobs", test_soak);
  status = g_test_run ();
  soak_clear ();

  return status;
}
