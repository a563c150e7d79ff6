/* easel-mock-faults.c: fault names, the fault queue, prompt faults and remote jobs
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "easel-mock-private.h"

static const char * const fault_names[EASEL_MOCK_N_FAULTS] = {
  [EASEL_MOCK_FAULT_NONE] = "none",
  [EASEL_MOCK_FAULT_RESET_MID_BODY] = "reset-mid-body",
  [EASEL_MOCK_FAULT_RATE_LIMIT] = "rate-limit",
  [EASEL_MOCK_FAULT_SERVER_ERROR] = "server-error",
  [EASEL_MOCK_FAULT_HTML_ERROR] = "html-error",
  [EASEL_MOCK_FAULT_STALL] = "stall",
  [EASEL_MOCK_FAULT_MALFORMED_JSON] = "malformed-json",
  [EASEL_MOCK_FAULT_BAD_BASE64] = "bad-base64",
  [EASEL_MOCK_FAULT_NOT_AN_IMAGE] = "not-an-image",
  [EASEL_MOCK_FAULT_HUGE_BODY] = "huge-body",
  [EASEL_MOCK_FAULT_JOB_FAILURE] = "job-failure",
  [EASEL_MOCK_FAULT_NEVER_ENDING_JOB] = "never-ending-job",
  [EASEL_MOCK_FAULT_EXPIRED_URL] = "expired-url",
  [EASEL_MOCK_FAULT_REDIRECT_LOOP] = "redirect-loop",
  [EASEL_MOCK_FAULT_NO_IMAGES] = "no-images",
  [EASEL_MOCK_FAULT_DECOMPRESSION_BOMB] = "decompression-bomb",
  [EASEL_MOCK_FAULT_AUTH] = "auth",
  [EASEL_MOCK_FAULT_PAYMENT] = "payment",
  [EASEL_MOCK_FAULT_MODERATION] = "moderation",
  [EASEL_MOCK_FAULT_BAD_REQUEST] = "bad-request",
  [EASEL_MOCK_FAULT_DEEP_JSON] = "deep-json",
};

/* --- names ----------------------------------------------------------------- */

const char *
easel_mock_fault_to_string (EaselMockFault fault)
{
  g_return_val_if_fail (fault < EASEL_MOCK_N_FAULTS, NULL);

  return fault_names[fault];
}

gboolean
easel_mock_fault_from_string (const char     *name,
                              EaselMockFault *fault)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < EASEL_MOCK_N_FAULTS; i++)
    {
      if (g_ascii_strcasecmp (name, fault_names[i]) == 0)
        {
          if (fault != NULL)
            *fault = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
easel_mock_stage_to_string (EaselMockStage stage)
{
  switch (stage)
    {
    case EASEL_MOCK_STAGE_SUBMIT:
      return "submit";
    case EASEL_MOCK_STAGE_POLL:
      return "poll";
    case EASEL_MOCK_STAGE_DOWNLOAD:
      return "download";
    case EASEL_MOCK_STAGE_FILE:
      return "file";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* --- faults ---------------------------------------------------------------- */

void
mock_fault_entry_free (gpointer data)
{
  MockFaultEntry *entry = data;

  g_free (entry->param);
  g_free (entry);
}

gboolean
mock_fault_is_transport (EaselMockFault fault)
{
  switch (fault)
    {
    case EASEL_MOCK_FAULT_RESET_MID_BODY:
    case EASEL_MOCK_FAULT_RATE_LIMIT:
    case EASEL_MOCK_FAULT_SERVER_ERROR:
    case EASEL_MOCK_FAULT_HTML_ERROR:
    case EASEL_MOCK_FAULT_STALL:
    case EASEL_MOCK_FAULT_MALFORMED_JSON:
    case EASEL_MOCK_FAULT_HUGE_BODY:
    case EASEL_MOCK_FAULT_AUTH:
    case EASEL_MOCK_FAULT_PAYMENT:
    case EASEL_MOCK_FAULT_MODERATION:
    case EASEL_MOCK_FAULT_BAD_REQUEST:
    case EASEL_MOCK_FAULT_DEEP_JSON:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Whether a fault means anything for this request. Transport faults fit
 * everywhere; the rest only where the thing they spoil exists: base64 only
 * in dialects that send base64, jobs only in job dialects, URLs only where
 * results are URLs. */
gboolean
mock_fault_fits (MockCall       *call,
            EaselMockFault  fault)
{
  if (fault == EASEL_MOCK_FAULT_NONE || mock_fault_is_transport (fault))
    return TRUE;

  /* Expiry and loops are the result URL's; the file behind it can only
   * hold the wrong bytes. */
  if (call->stage == EASEL_MOCK_STAGE_FILE)
    return fault == EASEL_MOCK_FAULT_NOT_AN_IMAGE
           || fault == EASEL_MOCK_FAULT_DECOMPRESSION_BOMB
           || fault == EASEL_MOCK_FAULT_NO_IMAGES;
  if (call->stage == EASEL_MOCK_STAGE_DOWNLOAD)
    return fault == EASEL_MOCK_FAULT_NOT_AN_IMAGE
           || fault == EASEL_MOCK_FAULT_DECOMPRESSION_BOMB
           || fault == EASEL_MOCK_FAULT_EXPIRED_URL
           || fault == EASEL_MOCK_FAULT_REDIRECT_LOOP
           || fault == EASEL_MOCK_FAULT_NO_IMAGES;

  switch (call->dialect)
    {
    case MOCK_OPENAI:
      return fault == EASEL_MOCK_FAULT_BAD_BASE64
             || fault == EASEL_MOCK_FAULT_NOT_AN_IMAGE
             || fault == EASEL_MOCK_FAULT_NO_IMAGES
             || fault == EASEL_MOCK_FAULT_DECOMPRESSION_BOMB;
    case MOCK_YYCODE:
      return fault != EASEL_MOCK_FAULT_EXPIRED_URL && fault != EASEL_MOCK_FAULT_REDIRECT_LOOP;
    case MOCK_ICODEEASY:
    case MOCK_AIZFW:
      return fault != EASEL_MOCK_FAULT_BAD_BASE64;
    default:
      return FALSE;
    }
}

void
mock_call_set_fault (MockCall       *call,
                EaselMockFault  fault,
                const char     *param)
{
  call->fault = fault;
  g_free (call->fault_param);
  call->fault_param = g_strdup (param);
  call->record->fault = fault;
}

gboolean
mock_call_take_fault (MockCall *call)
{
  GQueue *queue = &call->server->faults[call->stage];
  MockFaultEntry *entry = g_queue_peek_head (queue);

  if (entry == NULL || !mock_fault_fits (call, entry->fault))
    return FALSE;

  mock_call_set_fault (call, entry->fault, entry->param);
  if (!entry->forever && --entry->remaining == 0)
    mock_fault_entry_free (g_queue_pop_head (queue));

  if (!mock_fault_is_transport (call->fault))
    return FALSE;

  mock_respond_fault (call, call->fault, call->fault_param);
  return TRUE;
}

/* "[fault:NAME]" or "[fault:NAME=PARAM]" anywhere in the prompt. */
gboolean
mock_prompt_fault (const char      *prompt,
              EaselMockFault  *fault,
              char           **param)
{
  const char *start, *end;
  g_autofree char *spec = NULL;
  char *equals;

  if (prompt == NULL || (start = strstr (prompt, "[fault:")) == NULL)
    return FALSE;
  start += strlen ("[fault:");
  if ((end = strchr (start, ']')) == NULL)
    return FALSE;

  spec = g_strndup (start, end - start);
  equals = strchr (spec, '=');
  if (equals != NULL)
    *equals = '\0';
  if (!easel_mock_fault_from_string (g_strstrip (spec), fault))
    {
      g_message ("easel-mock: unknown fault \"%s\" in a prompt; ignored", spec);
      return FALSE;
    }
  *param = equals != NULL ? g_strdup (equals + 1) : NULL;

  return TRUE;
}

/* --- jobs ------------------------------------------------------------------ */

void
mock_job_free (gpointer data)
{
  MockJob *job = data;

  g_free (job->id);
  g_free (job->fault_param);
  g_free (job->format);
  g_free (job->model);
  g_free (job->quality);
  g_free (job->request_id);
  g_clear_pointer (&job->urls, g_ptr_array_unref);
  g_free (job);
}

MockJob *
mock_job_new (EaselMockServer *self,
              MockDialect      dialect,
              char            *id)
{
  MockJob *job = g_new0 (MockJob, 1);

  job->id = id;
  job->dialect = dialect;
  job->pending_polls = self->pending_polls;
  job->n = 1;
  job->compression = -1;
  job->created = g_get_real_time () / G_USEC_PER_SEC;
  job->urls = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_replace (self->jobs, job->id, job);

  return job;
}

MockJob *
mock_job_lookup (EaselMockServer *self,
                 const char      *id)
{
  return g_hash_table_lookup (self->jobs, id);
}

/* A fault met at submit sticks to the job and shows when the job would have
 * finished; one met at a poll shows on that very poll, which is what a test
 * that faults "the next poll" expects to see. */
void
mock_job_attach_call_fault (MockJob  *job,
                            MockCall *call)
{
  if (call->fault == EASEL_MOCK_FAULT_NONE)
    return;

  job->fault = call->fault;
  g_free (job->fault_param);
  job->fault_param = g_strdup (call->fault_param);
  if (call->stage == EASEL_MOCK_STAGE_POLL && call->fault != EASEL_MOCK_FAULT_NEVER_ENDING_JOB)
    job->pending_polls = job->polls;
}

MockJobState
mock_job_poll (MockJob *job)
{
  job->polls++;

  if (job->fault == EASEL_MOCK_FAULT_NEVER_ENDING_JOB)
    return MOCK_JOB_PENDING;
  if (job->polls <= job->pending_polls)
    return MOCK_JOB_PENDING;
  if (job->fault == EASEL_MOCK_FAULT_JOB_FAILURE)
    return MOCK_JOB_FAILED;

  return MOCK_JOB_DONE;
}
