/* test-faults.c: every fault of DESIGN.md §9 against every dialect it
 * applies to, through EaselJob: the error the user gets, how often Easel
 * tried (counted at the mock), and how many images are on disk. Each cell
 * is a test case of its own; the matrix is printed at the end, as a grid
 * of faults by dialect, and written to _build/tests/fault-matrix.md.
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "easel-error.h"
#include "easel-test-job.h"

/* The columns: the four dialects, icodeeasy once per mode, since its sync
 * and async modes reach different endpoints. */
typedef enum
{
  OPENAI,
  ICODEEASY,
  ICODEEASY_ASYNC,
  YYCODE,
  AIZFW,
  N_COLUMNS
} Column;

static const struct
{
  const char *title;
  const char *preset;
  gboolean    async;
  gboolean    polls;        /* a remote job is polled */
  gboolean    urls;         /* results are URLs on the file host */
} columns[N_COLUMNS] = {
  [OPENAI] = { "openai", "openai", FALSE, FALSE, FALSE },
  [ICODEEASY] = { "icodeeasy", "icodeeasy", FALSE, FALSE, TRUE },
  [ICODEEASY_ASYNC] = { "icodeeasy async", "icodeeasy", TRUE, TRUE, TRUE },
  [YYCODE] = { "yycode", "yycode", FALSE, TRUE, FALSE },
  [AIZFW] = { "aizfw", "aizfw", FALSE, TRUE, TRUE },
};

/* Where a row's fault is injected. The last three name the place by what
 * it carries, which differs by dialect. */
typedef enum
{
  AT_SUBMIT,
  AT_POLL,
  AT_DOWNLOAD,          /* the result URL */
  AT_FILE,              /* the file a result URL redirects to */
  AT_IMAGE,             /* the answer holding the image bytes: the submit (openai), the
                         * poll (yycode) or the download (URL dialects) */
  AT_ANSWER,            /* the success answer naming the images: the submit of a sync
                         * dialect, else the poll that finds the job done */
  AT_JOB,               /* the remote job: polled, or held in the submit (icodeeasy sync) */
} Place;

static const char * const place_names[] = {
  [AT_SUBMIT] = "submit", [AT_POLL] = "poll", [AT_DOWNLOAD] = "download", [AT_FILE] = "file",
  [AT_IMAGE] = "image", [AT_ANSWER] = "answer", [AT_JOB] = "job",
};

#define STORED (-1)

typedef struct
{
  gboolean applies;
  int      code;        /* an EaselErrorCode, or STORED for a job that recovers */
  guint    attempts;    /* requests at the faulted stage; 0 = more than one, not fixed */
  guint    kept;        /* images on disk afterwards */
} Cell;

typedef struct
{
  EaselMockFault  fault;
  Place           place;
  guint           times;      /* 0 = every request */
  const char     *param;
  const char     *note;       /* what sets this row apart from the fault's first one */
  const char     *phrase;     /* in every cell's error message: the gateway's own words
                               * where its answer has any */
  guint           n;
  Cell            cells[N_COLUMNS];
} Row;

typedef struct
{
  const Row *row;
  Column     column;
  char      *result;          /* as printed in the grid, once the case ran */
} Case;

/* Timeouts long enough for a loaded machine running under ASan, except
 * the one a stall waits out. */
#define LONG_MS 10000
#define STALL_MS 300

static EaselMockStage
stage_of (Place  place,
          Column column)
{
  switch (place)
    {
    case AT_SUBMIT:
      return EASEL_MOCK_STAGE_SUBMIT;
    case AT_POLL:
      return EASEL_MOCK_STAGE_POLL;
    case AT_DOWNLOAD:
      return EASEL_MOCK_STAGE_DOWNLOAD;
    case AT_FILE:
      return EASEL_MOCK_STAGE_FILE;
    case AT_IMAGE:
      return columns[column].urls ? EASEL_MOCK_STAGE_DOWNLOAD
             : columns[column].polls ? EASEL_MOCK_STAGE_POLL : EASEL_MOCK_STAGE_SUBMIT;
    case AT_ANSWER:
    case AT_JOB:
      return columns[column].polls ? EASEL_MOCK_STAGE_POLL : EASEL_MOCK_STAGE_SUBMIT;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
on_case_timeout (gpointer user_data)
{
  g_error ("The job did not end within 60 s");
  return G_SOURCE_REMOVE;
}

static void
run_case (gconstpointer data)
{
  Case *test = (Case *) data;
  const Row *row = test->row;
  const Cell *cell = &row->cells[test->column];
  EaselMockStage stage = stage_of (row->place, test->column);
  gboolean stalls = row->fault == EASEL_MOCK_FAULT_STALL
                    || row->fault == EASEL_MOCK_FAULT_NEVER_ENDING_JOB;
  EaselTimeouts timeouts = { LONG_MS, LONG_MS, LONG_MS, LONG_MS };
  EaselTestGateway gateway;
  g_autoptr(EaselProfile) profile = NULL;
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselJob) job = NULL;
  const GError *error;
  const char *dialect;
  guint attempts, kept, timeout_id;

  /* A stall is waited out only where it happens. */
  if (stalls && stage == EASEL_MOCK_STAGE_SUBMIT)
    timeouts.submit_ms = STALL_MS;
  else if (stalls && stage == EASEL_MOCK_STAGE_POLL)
    timeouts.poll_ms = STALL_MS;
  else if (stalls)
    timeouts.download_ms = STALL_MS;

  easel_test_gateway_init (&gateway);
  easel_client_set_timeouts (gateway.client, &timeouts);
  easel_client_set_max_body (gateway.client, 8 * 1024 * 1024);
  profile = easel_test_gateway_profile (&gateway, columns[test->column].preset);
  dialect = easel_dialect_kind_to_string (easel_profile_get_dialect (profile));

  easel_request_set_prompt (request, "fault matrix");
  easel_request_set_n (request, row->n ? row->n : 1);
  easel_request_set_async (request, columns[test->column].async);
  easel_mock_server_set_fault (gateway.mock, stage, row->fault, row->times, row->param);

  job = easel_job_new (gateway.client, profile, request, "sk-mock-key", gateway.output_dir);
  easel_job_set_poll_interval (job, 20);
  /* A job that never ends gives up after a second; any other has time. */
  easel_job_set_remote_deadline (job, row->fault == EASEL_MOCK_FAULT_NEVER_ENDING_JOB ? 1 : 60);
  timeout_id = g_timeout_add_seconds (60, on_case_timeout, NULL);
  easel_job_start (job);
  while (!easel_job_is_finished (job))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);

  error = easel_job_get_error (job);
  attempts = easel_mock_server_count (gateway.mock, dialect, stage);
  kept = easel_test_gateway_count_files (&gateway, "easel-");

  g_free (test->result);
  test->result = g_strdup_printf ("%s %u/%u",
                                  error ? easel_error_code_to_string (error->code) : "stored",
                                  attempts, kept);
  g_test_message ("%s%s%s at %s × %s: %s, %u requests, %u kept%s%s",
                  easel_mock_fault_to_string (row->fault), row->note ? " " : "",
                  row->note ? row->note : "", easel_mock_stage_to_string (stage),
                  columns[test->column].title,
                  error ? easel_error_code_to_string (error->code) : "stored", attempts, kept,
                  error ? " — " : "", error ? error->message : "");

  if (cell->code == STORED)
    {
      g_assert_no_error ((GError *) error);
      g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_STORED);
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_FAILED);
      if (error != NULL)
        {
          g_assert_true (error->domain == EASEL_ERROR);
          g_assert_cmpstr (easel_error_code_to_string (error->code), ==,
                           easel_error_code_to_string (cell->code));
          /* A message a person can act on, not a bare code. */
          g_assert_cmpuint (strlen (error->message), >, 30);
          if (row->phrase != NULL && strstr (error->message, row->phrase) == NULL)
            g_test_fail_printf ("“%s” is not in the message: %s", row->phrase, error->message);
        }
    }

  if (cell->attempts > 0)
    g_assert_cmpuint (attempts, ==, cell->attempts);
  else
    g_assert_cmpuint (attempts, >, 1);
  g_assert_cmpuint (kept, ==, cell->kept);
  /* The fault was met: a row that did nothing would pass as "stored". */
  g_assert_cmpuint (attempts, >, 0);
  g_assert_cmpuint (easel_test_gateway_count_files (&gateway, ".easel-"), ==, 0);

  g_clear_object (&job);
  easel_test_gateway_clear (&gateway);
}

#define E(code, attempts, kept) { TRUE, EASEL_ERROR_##code, attempts, kept }
#define OK(attempts, kept) { TRUE, STORED, attempts, kept }
#define ALL(cell) { [OPENAI] = cell, [ICODEEASY] = cell, [ICODEEASY_ASYNC] = cell, \
                    [YYCODE] = cell, [AIZFW] = cell }
#define POLLED(cell) { [ICODEEASY_ASYNC] = cell, [YYCODE] = cell, [AIZFW] = cell }
#define URLS(cell) { [ICODEEASY] = cell, [ICODEEASY_ASYNC] = cell, [AIZFW] = cell }

/* Transient faults are retried: twice for a submit or download, five times
 * for a poll. A cell left out is a fault that has no meaning there (no
 * base64 to spoil, no job to fail, no URL to expire). */
static const Row rows[] = {
  { EASEL_MOCK_FAULT_RESET_MID_BODY, AT_SUBMIT, 0, NULL, NULL, "connection to the gateway failed",
    1, ALL (E (NETWORK, 3, 0)) },
  { EASEL_MOCK_FAULT_RESET_MID_BODY, AT_POLL, 0, NULL, NULL, "connection to the gateway failed",
    1, POLLED (E (NETWORK, 6, 0)) },
  { EASEL_MOCK_FAULT_RESET_MID_BODY, AT_DOWNLOAD, 0, NULL, NULL,
    "connection to the gateway failed", 1, URLS (E (NETWORK, 3, 0)) },
  { EASEL_MOCK_FAULT_RESET_MID_BODY, AT_FILE, 0, NULL, NULL, "connection to the gateway failed",
    1, URLS (E (NETWORK, 3, 0)) },
  { EASEL_MOCK_FAULT_RESET_MID_BODY, AT_SUBMIT, 1, NULL, "once", NULL, 1, ALL (OK (2, 1)) },
  /* The poll after the reset finds the job still pending, the next one done. */
  { EASEL_MOCK_FAULT_RESET_MID_BODY, AT_POLL, 1, NULL, "once", NULL, 1, POLLED (OK (3, 1)) },
  { EASEL_MOCK_FAULT_RESET_MID_BODY, AT_DOWNLOAD, 1, NULL, "once", NULL, 1, URLS (OK (2, 1)) },

  /* The file host's error bodies are not the gateway's: no words to pass on. */
  { EASEL_MOCK_FAULT_RATE_LIMIT, AT_SUBMIT, 0, "0", NULL, "Rate limit reached", 1,
    ALL (E (RATE_LIMIT, 3, 0)) },
  { EASEL_MOCK_FAULT_RATE_LIMIT, AT_POLL, 0, "0", NULL, "Rate limit reached", 1,
    POLLED (E (RATE_LIMIT, 6, 0)) },
  { EASEL_MOCK_FAULT_RATE_LIMIT, AT_DOWNLOAD, 0, "0", NULL, "HTTP 429", 1,
    URLS (E (RATE_LIMIT, 3, 0)) },
  { EASEL_MOCK_FAULT_RATE_LIMIT, AT_SUBMIT, 2, "0", "twice", NULL, 1, ALL (OK (3, 1)) },
  /* A wait past 120 s is not waited for. */
  { EASEL_MOCK_FAULT_RATE_LIMIT, AT_SUBMIT, 1, "300", "retry-after 300 s", "Rate limit reached",
    1, ALL (E (RATE_LIMIT, 1, 0)) },

  { EASEL_MOCK_FAULT_SERVER_ERROR, AT_SUBMIT, 0, NULL, NULL, "The server had an error", 1,
    ALL (E (SERVER, 3, 0)) },
  { EASEL_MOCK_FAULT_SERVER_ERROR, AT_POLL, 0, NULL, NULL, "The server had an error", 1,
    POLLED (E (SERVER, 6, 0)) },
  { EASEL_MOCK_FAULT_SERVER_ERROR, AT_DOWNLOAD, 0, NULL, NULL, "HTTP 500", 1,
    URLS (E (SERVER, 3, 0)) },
  { EASEL_MOCK_FAULT_SERVER_ERROR, AT_SUBMIT, 1, "503", "503 once", NULL, 1, ALL (OK (2, 1)) },
  { EASEL_MOCK_FAULT_SERVER_ERROR, AT_POLL, 1, "503", "503 once", NULL, 1, POLLED (OK (3, 1)) },

  { EASEL_MOCK_FAULT_HTML_ERROR, AT_SUBMIT, 0, NULL, NULL, "502 Bad Gateway", 1,
    ALL (E (SERVER, 3, 0)) },
  { EASEL_MOCK_FAULT_HTML_ERROR, AT_POLL, 0, NULL, NULL, "502 Bad Gateway", 1,
    POLLED (E (SERVER, 6, 0)) },
  { EASEL_MOCK_FAULT_HTML_ERROR, AT_DOWNLOAD, 0, NULL, NULL, "HTTP 502", 1,
    URLS (E (SERVER, 3, 0)) },

  { EASEL_MOCK_FAULT_STALL, AT_SUBMIT, 0, NULL, NULL, "did not finish answering", 1,
    ALL (E (TIMEOUT, 3, 0)) },
  { EASEL_MOCK_FAULT_STALL, AT_POLL, 0, NULL, NULL, "did not finish answering", 1,
    POLLED (E (TIMEOUT, 6, 0)) },
  { EASEL_MOCK_FAULT_STALL, AT_DOWNLOAD, 0, NULL, NULL, "did not finish answering", 1,
    URLS (E (TIMEOUT, 3, 0)) },

  { EASEL_MOCK_FAULT_MALFORMED_JSON, AT_SUBMIT, 0, NULL, NULL, "not valid JSON", 1,
    ALL (E (BAD_RESPONSE, 1, 0)) },
  { EASEL_MOCK_FAULT_MALFORMED_JSON, AT_POLL, 0, NULL, NULL, "not valid JSON", 1,
    POLLED (E (BAD_RESPONSE, 1, 0)) },
  /* At the file host the fault is two thirds of a PNG. */
  { EASEL_MOCK_FAULT_MALFORMED_JSON, AT_DOWNLOAD, 0, NULL, NULL, "cut short", 1,
    URLS (E (BAD_RESPONSE, 1, 0)) },

  { EASEL_MOCK_FAULT_BAD_BASE64, AT_IMAGE, 0, NULL, NULL, "not valid base64", 1, {
      [OPENAI] = E (BAD_RESPONSE, 1, 0), [YYCODE] = E (BAD_RESPONSE, 1, 0) } },
  { EASEL_MOCK_FAULT_NOT_AN_IMAGE, AT_IMAGE, 0, NULL, NULL, "not a PNG, JPEG or WebP image", 1,
    ALL (E (BAD_RESPONSE, 1, 0)) },

  { EASEL_MOCK_FAULT_HUGE_BODY, AT_SUBMIT, 0, "16777216", NULL, "larger than 8 MiB", 1,
    ALL (E (TOO_LARGE, 1, 0)) },
  { EASEL_MOCK_FAULT_HUGE_BODY, AT_POLL, 0, "16777216", NULL, "larger than 8 MiB", 1,
    POLLED (E (TOO_LARGE, 1, 0)) },
  { EASEL_MOCK_FAULT_HUGE_BODY, AT_DOWNLOAD, 0, "16777216", NULL, "larger than 8 MiB", 1,
    URLS (E (TOO_LARGE, 1, 0)) },

  /* icodeeasy's sync mode holds the request while its job runs: a failed
   * job is its document's 500, a job that never ends a request that never
   * answers. */
  { EASEL_MOCK_FAULT_JOB_FAILURE, AT_JOB, 0, NULL, NULL, "The gateway said", 1, {
      [ICODEEASY] = E (SERVER, 3, 0), [ICODEEASY_ASYNC] = E (REMOTE_FAILED, 1, 0),
      [YYCODE] = E (REMOTE_FAILED, 1, 0), [AIZFW] = E (REMOTE_FAILED, 1, 0) } },
  { EASEL_MOCK_FAULT_NEVER_ENDING_JOB, AT_JOB, 0, NULL, NULL, NULL, 1, {
      [ICODEEASY] = E (TIMEOUT, 3, 0), [ICODEEASY_ASYNC] = E (TIMEOUT, 0, 0),
      [YYCODE] = E (TIMEOUT, 0, 0), [AIZFW] = E (TIMEOUT, 0, 0) } },

  { EASEL_MOCK_FAULT_EXPIRED_URL, AT_DOWNLOAD, 0, NULL, NULL, "has expired", 1,
    URLS (E (EXPIRED, 1, 0)) },
  /* One of two links expired: the other image is still kept. Only sync
   * icodeeasy returns two URLs in one answer. */
  { EASEL_MOCK_FAULT_EXPIRED_URL, AT_DOWNLOAD, 1, NULL, "1 of 2 links", "1 of 2 images", 2, {
      [ICODEEASY] = E (EXPIRED, 2, 1) } },
  /* The first request and five redirects. */
  { EASEL_MOCK_FAULT_REDIRECT_LOOP, AT_DOWNLOAD, 0, NULL, NULL, "redirected more than 5 times",
    1, URLS (E (EXPIRED, 6, 0)) },

  { EASEL_MOCK_FAULT_NO_IMAGES, AT_ANSWER, 0, NULL, NULL, NULL, 1,
    ALL (E (BAD_RESPONSE, 1, 0)) },
  { EASEL_MOCK_FAULT_NO_IMAGES, AT_FILE, 0, NULL, "empty file", "not a PNG, JPEG or WebP image",
    1, URLS (E (BAD_RESPONSE, 1, 0)) },
  { EASEL_MOCK_FAULT_DECOMPRESSION_BOMB, AT_IMAGE, 0, NULL, NULL, "claims to be 30000", 1,
    ALL (E (TOO_LARGE, 1, 0)) },

  { EASEL_MOCK_FAULT_AUTH, AT_SUBMIT, 0, NULL, NULL, "Incorrect API key provided.", 1,
    ALL (E (AUTH, 1, 0)) },
  /* The key revoked while the job runs. */
  { EASEL_MOCK_FAULT_AUTH, AT_POLL, 0, NULL, NULL, "Incorrect API key provided.", 1,
    POLLED (E (AUTH, 1, 0)) },
  /* OpenAI says it with a 429, which is retried before its words are read. */
  { EASEL_MOCK_FAULT_PAYMENT, AT_SUBMIT, 0, NULL, NULL, "Insufficient balance", 1, {
      [OPENAI] = E (PAYMENT, 3, 0), [ICODEEASY] = E (PAYMENT, 1, 0),
      [ICODEEASY_ASYNC] = E (PAYMENT, 1, 0), [YYCODE] = E (PAYMENT, 1, 0),
      [AIZFW] = E (PAYMENT, 1, 0) } },
  { EASEL_MOCK_FAULT_MODERATION, AT_SUBMIT, 0, NULL, NULL, "safety system", 1,
    ALL (E (MODERATION, 1, 0)) },
  { EASEL_MOCK_FAULT_BAD_REQUEST, AT_SUBMIT, 0, NULL, NULL, "Invalid value for 'size'.", 1,
    ALL (E (INVALID_REQUEST, 1, 0)) },

  /* 100,000 nested arrays: refused before the parser recurses into them. */
  { EASEL_MOCK_FAULT_DEEP_JSON, AT_SUBMIT, 0, NULL, NULL, "nests more than 512 levels", 1,
    ALL (E (BAD_RESPONSE, 1, 0)) },
  { EASEL_MOCK_FAULT_DEEP_JSON, AT_POLL, 0, NULL, NULL, "nests more than 512 levels", 1,
    POLLED (E (BAD_RESPONSE, 1, 0)) },
  /* As an error body: the status speaks, the body has no words to pass on. */
  { EASEL_MOCK_FAULT_DEEP_JSON, AT_SUBMIT, 0, "100000;500", "in a 500", "HTTP 500", 1,
    ALL (E (SERVER, 3, 0)) },
};

static Case cases[G_N_ELEMENTS (rows)][N_COLUMNS];

/* The grid: one line per fault and place, one column per dialect. */
static char *
format_matrix (void)
{
  GString *text = g_string_new (NULL);
  int width[N_COLUMNS + 1] = { 0 };

  width[0] = strlen ("fault at place");
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      g_autofree char *label = g_strdup_printf ("%s%s%s at %s",
                                                easel_mock_fault_to_string (rows[r].fault),
                                                rows[r].note ? ", " : "",
                                                rows[r].note ? rows[r].note : "",
                                                place_names[rows[r].place]);

      width[0] = MAX (width[0], (int) g_utf8_strlen (label, -1));
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      width[c + 1] = strlen (columns[c].title);
      for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
        if (cases[r][c].result)
          width[c + 1] = MAX (width[c + 1], (int) strlen (cases[r][c].result));
    }

  g_string_append_printf (text, "| %-*s |", width[0], "fault at place");
  for (guint c = 0; c < N_COLUMNS; c++)
    g_string_append_printf (text, " %-*s |", width[c + 1], columns[c].title);
  g_string_append (text, "\n|");
  for (guint c = 0; c <= N_COLUMNS; c++)
    {
      for (int i = 0; i < width[c] + 2; i++)
        g_string_append_c (text, '-');
      g_string_append_c (text, '|');
    }
  g_string_append_c (text, '\n');

  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      g_autofree char *label = g_strdup_printf ("%s%s%s at %s",
                                                easel_mock_fault_to_string (rows[r].fault),
                                                rows[r].note ? ", " : "",
                                                rows[r].note ? rows[r].note : "",
                                                place_names[rows[r].place]);

      g_string_append_printf (text, "| %-*s |", width[0], label);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          const char *result = !rows[r].cells[c].applies ? "–"
                               : cases[r][c].result ? cases[r][c].result : "(not run)";

          /* "–" is one column wide but three bytes long. */
          g_string_append_printf (text, " %-*s |",
                                  width[c + 1] + (int) (strlen (result)
                                                        - g_utf8_strlen (result, -1)),
                                  result);
        }
      g_string_append_c (text, '\n');
    }

  g_string_append (text, "\nEach cell: the error code (or stored), then requests the mock "
                   "counted at the faulted stage (1 + retries) / images kept on disk; "
                   "– where the fault has no meaning.\n"
                   "Places: image = the answer carrying the image bytes (openai submit, "
                   "yycode poll, the URL dialects' download); answer = the success answer "
                   "naming the images; job = the remote job (icodeeasy sync: its submit).\n");

  return g_string_free (text, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *matrix = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* A cell that fails is reported and the others still run, so the grid
   * shows the whole picture. */
  g_test_set_nonfatal_assertions ();

  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          g_autofree char *path = NULL;
          g_autofree char *note = NULL;

          if (!rows[r].cells[c].applies)
            continue;
          if (rows[r].note)
            note = g_strdelimit (g_strdup (rows[r].note), " ", '-');
          path = g_strdup_printf ("/faults/%s/%s%s%s/%s",
                                  easel_mock_fault_to_string (rows[r].fault), place_names[rows[r].place], note ? "-" : "", note ? note : "",
                                  columns[c].title);
          g_strdelimit (path, " ", '-');
          cases[r][c].row = &rows[r];
          cases[r][c].column = c;
          g_test_add_data_func (path, &cases[r][c], run_case);
        }
    }

  status = g_test_run ();

  /* The matrix as a grid, for the log and for people. */
  matrix = format_matrix ();
  {
    g_auto(GStrv) lines = g_strsplit (matrix, "\n", -1);

    for (guint i = 0; lines[i]; i++)
      if (*lines[i])
        g_test_message ("%s", lines[i]);
  }
  {
    const char *dir = g_getenv ("G_TEST_BUILDDIR");
    g_autofree char *path = g_build_filename (dir ? dir : ".", "fault-matrix.md", NULL);

    g_file_set_contents (path, matrix, -1, NULL);
  }
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    for (guint c = 0; c < N_COLUMNS; c++)
      g_free (cases[r][c].result);

  return status;
}
