/* test-faults.c: every fault of DESIGN.md §9 against every dialect it
 * applies to, through EaselJob: the error the user gets, how often Easel
 * tried (counted at the mock), and whether an image is on disk. Prints the
 * matrix as it goes and asserts every cell.
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "easel-error.h"
#include "easel-test-job.h"

/* Expected results: an error code, or STORED for a job that recovers. */
#define STORED (-1)

typedef struct
{
  const char     *preset;
  EaselMockStage  stage;
  int             code;
  guint           attempts;   /* requests at the faulted stage; 0 = more than one, not fixed */
  guint           kept;       /* images on disk afterwards */
} Cell;

typedef struct
{
  EaselMockFault  fault;
  guint           times;      /* 0 = every request */
  const char     *param;
  guint           n;
  gboolean        async;
  Cell            cells[6];
} Row;

static GString *matrix;

static const char *
stage_name (EaselMockStage stage)
{
  switch (stage)
    {
    case EASEL_MOCK_STAGE_SUBMIT: return "submit";
    case EASEL_MOCK_STAGE_POLL: return "poll";
    case EASEL_MOCK_STAGE_DOWNLOAD: return "download";
    default: return "?";
    }
}

static void
run_row (gconstpointer data)
{
  const Row *row = data;
  EaselTimeouts timeouts = { 2000, 400, 400, 400 };

  for (guint c = 0; c < G_N_ELEMENTS (row->cells) && row->cells[c].preset; c++)
    {
      const Cell *cell = &row->cells[c];
      EaselTestGateway gateway;
      g_autoptr(EaselProfile) profile = NULL;
      g_autoptr(EaselRequest) request = easel_request_new ();
      g_autoptr(EaselJob) job = NULL;
      const GError *error;
      const char *dialect;
      guint attempts, kept;

      easel_test_gateway_init (&gateway);
      easel_client_set_timeouts (gateway.client, &timeouts);
      easel_client_set_max_body (gateway.client, 8 * 1024 * 1024);
      profile = easel_test_gateway_profile (&gateway, cell->preset);
      dialect = easel_dialect_kind_to_string (easel_profile_get_dialect (profile));

      easel_request_set_prompt (request, "fault matrix");
      easel_request_set_n (request, row->n ? row->n : 1);
      easel_request_set_async (request, row->async &&
                               easel_profile_get_limits (profile)->supports_async);
      easel_mock_server_set_fault (gateway.mock, cell->stage, row->fault, row->times, row->param);

      job = easel_job_new (gateway.client, profile, request, "sk-mock-key", gateway.output_dir);
      easel_job_set_poll_interval (job, 20);
      easel_job_set_remote_deadline (job, 1);
      easel_job_start (job);
      while (!easel_job_is_finished (job))
        g_main_context_iteration (NULL, TRUE);

      error = easel_job_get_error (job);
      attempts = easel_mock_server_count (gateway.mock, dialect, cell->stage);
      kept = easel_test_gateway_count_files (&gateway, "easel-");

      g_string_append_printf (matrix, "| %-18s | %-9s | %-8s | %-15s | %8u | %4u |\n",
                              easel_mock_fault_to_string (row->fault), cell->preset,
                              stage_name (cell->stage),
                              error ? easel_error_code_to_string (error->code) : "stored",
                              attempts, kept);
      g_test_message ("%s × %s (%s): %s, %u attempts, %u kept%s%s",
                      easel_mock_fault_to_string (row->fault), cell->preset,
                      stage_name (cell->stage),
                      error ? easel_error_code_to_string (error->code) : "stored", attempts,
                      kept, error ? " — " : "", error ? error->message : "");

      if (cell->code == STORED)
        {
          g_assert_null (error);
          g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_STORED);
        }
      else
        {
          g_assert_nonnull (error);
          g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_FAILED);
          g_assert_true (error->domain == EASEL_ERROR);
          g_assert_cmpstr (easel_error_code_to_string (error->code), ==,
                           easel_error_code_to_string (cell->code));
          /* A message a person can act on, not a bare code. */
          g_assert_cmpuint (strlen (error->message), >, 30);
        }

      if (cell->attempts > 0)
        g_assert_cmpuint (attempts, ==, cell->attempts);
      else
        g_assert_cmpuint (attempts, >, 1);
      g_assert_cmpuint (kept, ==, cell->kept);
      g_assert_cmpuint (easel_test_gateway_count_files (&gateway, ".easel-"), ==, 0);

      g_clear_object (&job);
      easel_test_gateway_clear (&gateway);
    }
}

#define SUBMIT EASEL_MOCK_STAGE_SUBMIT
#define POLL EASEL_MOCK_STAGE_POLL
#define DOWNLOAD EASEL_MOCK_STAGE_DOWNLOAD
#define E(code) EASEL_ERROR_##code

/* Transient faults are retried: twice for a submit or download, five times
 * for a poll. */
static const Row rows[] = {
  { EASEL_MOCK_FAULT_RESET_MID_BODY, 0, NULL, 1, FALSE, {
      { "openai", SUBMIT, E (NETWORK), 3, 0 }, { "icodeeasy", SUBMIT, E (NETWORK), 3, 0 },
      { "yycode", SUBMIT, E (NETWORK), 3, 0 }, { "aizfw", SUBMIT, E (NETWORK), 3, 0 },
      { "yycode", POLL, E (NETWORK), 6, 0 }, { "icodeeasy", DOWNLOAD, E (NETWORK), 3, 0 } } },
  { EASEL_MOCK_FAULT_RESET_MID_BODY, 1, NULL, 1, FALSE, {
      { "openai", SUBMIT, STORED, 2, 1 }, { "aizfw", DOWNLOAD, STORED, 2, 1 } } },
  { EASEL_MOCK_FAULT_RATE_LIMIT, 0, "0", 1, FALSE, {
      { "openai", SUBMIT, E (RATE_LIMIT), 3, 0 }, { "icodeeasy", SUBMIT, E (RATE_LIMIT), 3, 0 },
      { "yycode", SUBMIT, E (RATE_LIMIT), 3, 0 }, { "aizfw", SUBMIT, E (RATE_LIMIT), 3, 0 },
      { "aizfw", POLL, E (RATE_LIMIT), 6, 0 } } },
  { EASEL_MOCK_FAULT_RATE_LIMIT, 2, "0", 1, FALSE, {
      { "openai", SUBMIT, STORED, 3, 1 }, { "yycode", SUBMIT, STORED, 3, 1 } } },
  { EASEL_MOCK_FAULT_RATE_LIMIT, 1, "300", 1, FALSE, {
      /* A wait past 120 s is not waited for. */
      { "openai", SUBMIT, E (RATE_LIMIT), 1, 0 } } },
  { EASEL_MOCK_FAULT_SERVER_ERROR, 0, NULL, 1, FALSE, {
      { "openai", SUBMIT, E (SERVER), 3, 0 }, { "icodeeasy", SUBMIT, E (SERVER), 3, 0 },
      { "yycode", SUBMIT, E (SERVER), 3, 0 }, { "aizfw", SUBMIT, E (SERVER), 3, 0 },
      { "yycode", POLL, E (SERVER), 6, 0 } } },
  { EASEL_MOCK_FAULT_SERVER_ERROR, 1, "503", 1, FALSE, {
      { "icodeeasy", SUBMIT, STORED, 2, 1 }, { "aizfw", POLL, STORED, 0, 1 } } },
  { EASEL_MOCK_FAULT_HTML_ERROR, 0, NULL, 1, FALSE, {
      { "openai", SUBMIT, E (SERVER), 3, 0 }, { "icodeeasy", SUBMIT, E (SERVER), 3, 0 },
      { "yycode", SUBMIT, E (SERVER), 3, 0 }, { "aizfw", SUBMIT, E (SERVER), 3, 0 } } },
  { EASEL_MOCK_FAULT_STALL, 0, NULL, 1, FALSE, {
      { "openai", SUBMIT, E (TIMEOUT), 3, 0 }, { "icodeeasy", SUBMIT, E (TIMEOUT), 3, 0 },
      { "yycode", SUBMIT, E (TIMEOUT), 3, 0 }, { "aizfw", SUBMIT, E (TIMEOUT), 3, 0 },
      { "icodeeasy", DOWNLOAD, E (TIMEOUT), 3, 0 } } },
  { EASEL_MOCK_FAULT_MALFORMED_JSON, 0, NULL, 1, FALSE, {
      { "openai", SUBMIT, E (BAD_RESPONSE), 1, 0 },
      { "icodeeasy", SUBMIT, E (BAD_RESPONSE), 1, 0 },
      { "yycode", SUBMIT, E (BAD_RESPONSE), 1, 0 }, { "aizfw", SUBMIT, E (BAD_RESPONSE), 1, 0 },
      { "yycode", POLL, E (BAD_RESPONSE), 1, 0 }, { "aizfw", POLL, E (BAD_RESPONSE), 1, 0 } } },
  { EASEL_MOCK_FAULT_BAD_BASE64, 0, NULL, 1, FALSE, {
      { "openai", SUBMIT, E (BAD_RESPONSE), 1, 0 },
      { "yycode", POLL, E (BAD_RESPONSE), 1, 0 } } },
  { EASEL_MOCK_FAULT_NOT_AN_IMAGE, 0, NULL, 1, FALSE, {
      { "openai", SUBMIT, E (BAD_RESPONSE), 1, 0 },
      { "yycode", POLL, E (BAD_RESPONSE), 1, 0 },
      { "icodeeasy", DOWNLOAD, E (BAD_RESPONSE), 1, 0 },
      { "aizfw", DOWNLOAD, E (BAD_RESPONSE), 1, 0 } } },
  { EASEL_MOCK_FAULT_HUGE_BODY, 0, "16777216", 1, FALSE, {
      { "openai", SUBMIT, E (TOO_LARGE), 1, 0 }, { "icodeeasy", SUBMIT, E (TOO_LARGE), 1, 0 },
      { "yycode", POLL, E (TOO_LARGE), 1, 0 }, { "aizfw", DOWNLOAD, E (TOO_LARGE), 1, 0 } } },
  { EASEL_MOCK_FAULT_JOB_FAILURE, 0, NULL, 1, TRUE, {
      { "yycode", POLL, E (REMOTE_FAILED), 1, 0 }, { "aizfw", POLL, E (REMOTE_FAILED), 1, 0 },
      { "icodeeasy", POLL, E (REMOTE_FAILED), 1, 0 } } },
  { EASEL_MOCK_FAULT_NEVER_ENDING_JOB, 0, NULL, 1, TRUE, {
      { "yycode", POLL, E (TIMEOUT), 0, 0 }, { "aizfw", POLL, E (TIMEOUT), 0, 0 },
      { "icodeeasy", POLL, E (TIMEOUT), 0, 0 } } },
  { EASEL_MOCK_FAULT_EXPIRED_URL, 0, NULL, 1, FALSE, {
      { "icodeeasy", DOWNLOAD, E (EXPIRED), 1, 0 }, { "aizfw", DOWNLOAD, E (EXPIRED), 1, 0 } } },
  { EASEL_MOCK_FAULT_EXPIRED_URL, 1, NULL, 2, FALSE, {
      /* One of two links expired: the other image is still kept. */
      { "icodeeasy", DOWNLOAD, E (EXPIRED), 2, 1 } } },
  { EASEL_MOCK_FAULT_REDIRECT_LOOP, 0, NULL, 1, FALSE, {
      { "icodeeasy", DOWNLOAD, E (EXPIRED), 0, 0 }, { "aizfw", DOWNLOAD, E (EXPIRED), 0, 0 } } },
  { EASEL_MOCK_FAULT_NO_IMAGES, 0, NULL, 1, FALSE, {
      { "openai", SUBMIT, E (BAD_RESPONSE), 1, 0 },
      { "icodeeasy", SUBMIT, E (BAD_RESPONSE), 1, 0 },
      { "yycode", POLL, E (BAD_RESPONSE), 1, 0 } } },
  { EASEL_MOCK_FAULT_DECOMPRESSION_BOMB, 0, NULL, 1, FALSE, {
      { "openai", SUBMIT, E (TOO_LARGE), 1, 0 }, { "yycode", POLL, E (TOO_LARGE), 1, 0 },
      { "icodeeasy", DOWNLOAD, E (TOO_LARGE), 1, 0 },
      { "aizfw", DOWNLOAD, E (TOO_LARGE), 1, 0 } } },
  { EASEL_MOCK_FAULT_AUTH, 0, NULL, 1, FALSE, {
      { "openai", SUBMIT, E (AUTH), 1, 0 }, { "icodeeasy", SUBMIT, E (AUTH), 1, 0 },
      { "yycode", SUBMIT, E (AUTH), 1, 0 }, { "aizfw", SUBMIT, E (AUTH), 1, 0 } } },
  { EASEL_MOCK_FAULT_PAYMENT, 0, NULL, 1, FALSE, {
      /* OpenAI says it with a 429, which is retried before its words are read. */
      { "openai", SUBMIT, E (PAYMENT), 3, 0 }, { "icodeeasy", SUBMIT, E (PAYMENT), 1, 0 } } },
  { EASEL_MOCK_FAULT_MODERATION, 0, NULL, 1, FALSE, {
      { "openai", SUBMIT, E (MODERATION), 1, 0 },
      { "icodeeasy", SUBMIT, E (MODERATION), 1, 0 } } },
  { EASEL_MOCK_FAULT_BAD_REQUEST, 0, NULL, 1, FALSE, {
      { "openai", SUBMIT, E (INVALID_REQUEST), 1, 0 },
      { "icodeeasy", SUBMIT, E (INVALID_REQUEST), 1, 0 },
      { "yycode", SUBMIT, E (INVALID_REQUEST), 1, 0 },
      { "aizfw", SUBMIT, E (INVALID_REQUEST), 1, 0 } } },
};

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  matrix = g_string_new ("| fault              | dialect   | stage    | result          | attempts | kept |\n"
                         "|--------------------|-----------|----------|-----------------|----------|------|\n");

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *path = g_strdup_printf ("/faults/%s/%s%u",
                                               easel_mock_fault_to_string (rows[i].fault),
                                               rows[i].times == 0 ? "always" : "times-",
                                               rows[i].times);

      if (rows[i].times == 0)
        path[strlen (path) - 1] = '\0';
      if (rows[i].n > 1)
        {
          char *longer = g_strconcat (path, "-of-", rows[i].n == 2 ? "two" : "many", NULL);

          g_free (path);
          path = longer;
        }
      g_test_add_data_func (path, &rows[i], run_row);
    }

  status = g_test_run ();

  /* The matrix as a table, for the log and for people. */
  {
    g_auto(GStrv) lines = g_strsplit (matrix->str, "\n", -1);

    for (guint i = 0; lines[i] && *lines[i]; i++)
      g_test_message ("%s", lines[i]);
  }
  {
    const char *dir = g_getenv ("G_TEST_BUILDDIR");
    g_autofree char *path = g_build_filename (dir ? dir : ".", "fault-matrix.md", NULL);

    g_file_set_contents (path, matrix->str, -1, NULL);
  }
  g_string_free (matrix, TRUE);

  return status;
}
