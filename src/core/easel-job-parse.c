/* easel-job-parse.c: EaselJob's answers and stream events, read on worker threads
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A 4K image arrives as ~22 MB of base64 inside JSON, in a submit answer,
 * a poll answer or a stream event. Reading that on the main thread would
 * freeze the window, so every one goes to a worker thread: the dialect's
 * parse functions are pure, and they get a snapshot of the profile and a
 * copy of the request, so an edit in Preferences meanwhile cannot race
 * them. The state machine goes on, on the main thread, only when the
 * outcome is back, in the same order as before: a submit or poll answer is
 * the only thing in flight when it is read, and stream events are read one
 * at a time, in the order they came. A job cancelled meanwhile does not
 * advance: its outcome is dropped and it ends cancelled. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-error.h"
#include "easel-job-private.h"

typedef enum
{
  PARSE_SUBMIT,
  PARSE_POLL,
  PARSE_EVENT,
} ParseKind;

typedef struct
{
  ParseKind           kind;
  const EaselDialect *dialect;
  EaselProfile       *profile;       /* a snapshot */
  EaselRequest       *request;       /* a copy; NULL for events and polls */
  guint               status;
  char               *content_type;
  GBytes             *body;
  char               *event;
  char               *data;
  gint64              received_us;   /* when the answer's last byte arrived */
} Parse;

static void
parse_free (gpointer data)
{
  Parse *parse = data;

  g_clear_object (&parse->profile);
  g_clear_object (&parse->request);
  g_free (parse->content_type);
  g_clear_pointer (&parse->body, g_bytes_unref);
  g_free (parse->event);
  g_free (parse->data);
  g_free (parse);
}

/* The profile as it is now. Parse functions only read it, but the live one
 * may be edited on the main thread while a worker reads. */
static EaselProfile *
profile_snapshot (EaselProfile *profile)
{
  EaselProfile *copy = easel_profile_new (easel_profile_get_id (profile),
                                          easel_profile_get_dialect (profile),
                                          easel_profile_get_base_url (profile));

  easel_profile_set_name (copy, easel_profile_get_name (profile));
  easel_profile_set_model (copy, easel_profile_get_model (profile));
  easel_profile_set_limits (copy, easel_profile_get_limits (profile));
  easel_profile_set_pricing (copy, easel_profile_get_pricing (profile));
  easel_profile_set_concurrency (copy, easel_profile_get_concurrency (profile));

  return copy;
}

static Parse *
parse_new (EaselJob  *self,
           ParseKind  kind)
{
  Parse *parse = g_new0 (Parse, 1);

  parse->kind = kind;
  parse->dialect = easel_dialect_get (easel_profile_get_dialect (self->profile));
  parse->profile = profile_snapshot (self->profile);
  if (kind == PARSE_SUBMIT)
    parse->request = easel_request_copy (self->request);

  return parse;
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Parse *parse = task_data;
  EaselOutcome *outcome = NULL;
  GError *error = NULL;

  switch (parse->kind)
    {
    case PARSE_SUBMIT:
      outcome = parse->dialect->parse_submit (parse->profile, parse->request, parse->status,
                                              parse->content_type, parse->body, &error);
      break;
    case PARSE_POLL:
      outcome = parse->dialect->parse_poll (parse->profile, parse->status, parse->content_type,
                                            parse->body, &error);
      break;
    case PARSE_EVENT:
      outcome = parse->dialect->parse_event (parse->profile, parse->event, parse->data, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  /* Tens of megabytes are given back here, not on the main thread. */
  g_clear_pointer (&parse->body, g_bytes_unref);
  g_clear_pointer (&parse->data, g_free);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, outcome, (GDestroyNotify) easel_outcome_free);
}

static void
run_parse (EaselJob            *self,
           Parse               *parse,
           GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = NULL;

  /* With the job's cancellable, a cancel made while the worker reads makes
   * the outcome come back as cancelled: it is dropped unseen. */
  task = g_task_new (NULL, self->cancellable, callback, g_object_ref (self));
  g_task_set_source_tag (task, run_parse);
  g_task_set_task_data (task, parse, parse_free);
  g_task_run_in_thread (task, parse_thread);

  if (self->parse_hook != NULL)
    self->parse_hook (self, self->parse_hook_data);
}

/* --- Submit and poll answers -------------------------------------------- */

static void
on_answer_parsed (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(EaselJob) self = user_data;
  Parse *parse = g_task_get_task_data (G_TASK (result));
  EaselOutcome *outcome;
  GError *error = NULL;

  self->in_flight--;
  outcome = g_task_propagate_pointer (G_TASK (result), &error);

  /* Nothing else is in flight meanwhile, so nothing else can end the job. */
  g_assert (!easel_job_is_finished (self));

  if (outcome == NULL)
    {
      easel_job_fail (self, error);
      return;
    }

  if (outcome->kind == EASEL_OUTCOME_IMAGES || outcome->kind == EASEL_OUTCOME_URLS)
    self->times[EASEL_JOB_TIME_RECEIVED] = parse->received_us;

  easel_job_process_outcome (self, outcome);
}

/* Reads a submit or poll @response on a worker thread, then goes on as
 * the outcome says. */
void
easel_job_parse_answer (EaselJob      *self,
                        EaselResponse *response,
                        gboolean       is_poll)
{
  Parse *parse = parse_new (self, is_poll ? PARSE_POLL : PARSE_SUBMIT);

  parse->received_us = g_get_monotonic_time ();
  parse->status = response->status;
  parse->content_type = g_strdup (response->content_type);
  parse->body = response->body ? g_bytes_ref (response->body) : NULL;

  self->in_flight++;
  run_parse (self, parse, on_answer_parsed);
}

/* --- Stream events ------------------------------------------------------ */

static void
on_partial_decoded (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(EaselJob) self = user_data;
  g_autoptr(EaselImage) image = NULL;
  g_autoptr(GError) error = NULL;

  self->in_flight--;
  self->decoding_partial = FALSE;
  image = easel_image_decode_finish (result, &error);
  if (image == NULL)
    {
      /* A preview that cannot be shown costs nothing: the final image
       * is what counts. */
      g_debug ("Partial image not shown: %s", error->message);
    }
  else if (!easel_job_is_finished (self))
    {
      g_set_object (&self->partial_image, image);
      g_object_notify_by_pspec (G_OBJECT (self), easel_job_properties[PROP_PARTIAL_IMAGE]);
    }

  easel_job_end_stream (self);
}

static void
take_event_outcome (EaselJob     *self,
                    EaselOutcome *outcome)
{
  if (outcome->kind == EASEL_OUTCOME_PARTIAL)
    {
      EaselOutcomeImage *image = outcome->images->len > 0
        ? g_ptr_array_index (outcome->images, 0) : NULL;

      easel_job_set_state_internal (self, EASEL_JOB_STREAMING);
      /* Only the newest partial matters; skip one while another decodes. */
      if (image != NULL && image->b64 != NULL && !self->decoding_partial)
        {
          g_autoptr(GBytes) bytes = easel_job_take_text (&image->b64);

          self->decoding_partial = TRUE;
          self->in_flight++;
          easel_image_decode_async (bytes, TRUE, self->cancellable, on_partial_decoded,
                                    g_object_ref (self));
        }
      easel_outcome_free (outcome);
      return;
    }

  g_clear_pointer (&self->final_outcome, easel_outcome_free);
  self->final_outcome = outcome;
}

static void parse_next_event (EaselJob *self);

static void
on_event_parsed (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EaselJob) self = user_data;
  EaselOutcome *outcome;
  GError *error = NULL;

  self->in_flight--;
  self->parsing_event = FALSE;
  outcome = g_task_propagate_pointer (G_TASK (result), &error);

  /* Failed or cancelled meanwhile: what is left of the stream is moot. */
  if (easel_job_is_finished (self) || g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_error (&error);
      g_clear_pointer (&outcome, easel_outcome_free);
      easel_job_drop_events (self);
      easel_job_end_stream (self);
      return;
    }

  if (error != NULL)
    {
      /* The stream stops at the next piece, or, if it is over, the job
       * fails when nothing else is in flight. */
      g_clear_error (&self->stream_error);
      self->stream_error = error;
      easel_job_drop_events (self);
    }
  else if (outcome != NULL)
    {
      take_event_outcome (self, outcome);
    }

  parse_next_event (self);
  easel_job_end_stream (self);
}

static void
parse_next_event (EaselJob *self)
{
  if (self->parsing_event || g_queue_is_empty (&self->pending_events))
    return;

  self->parsing_event = TRUE;
  run_parse (self, g_queue_pop_head (&self->pending_events), on_event_parsed);
}

/* Called from inside the SSE parser's callback: takes the event's data
 * from it and reads it on a worker thread after the events before it. */
void
easel_job_queue_event (EaselJob   *self,
                       const char *event)
{
  Parse *parse = parse_new (self, PARSE_EVENT);

  parse->event = g_strdup (event);
  parse->data = easel_sse_parser_steal_data (self->sse);

  /* Counted from now, so that a cancel waits for it. */
  self->in_flight++;
  g_queue_push_tail (&self->pending_events, parse);
  parse_next_event (self);
}

void
easel_job_drop_events (EaselJob *self)
{
  Parse *parse;

  while ((parse = g_queue_pop_head (&self->pending_events)) != NULL)
    {
      self->in_flight--;
      parse_free (parse);
    }
}

/* The stream's end, once it is over (stream_ended) and nothing it started
 * is still in flight: the final image, or why there is none. */
void
easel_job_end_stream (EaselJob *self)
{
  if (!self->stream_ended || self->in_flight > 0 || easel_job_is_finished (self))
    return;

  self->stream_ended = FALSE;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      easel_job_fail (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled"));
      return;
    }

  if (self->stream_error != NULL)
    {
      easel_job_fail (self, g_steal_pointer (&self->stream_error));
      return;
    }

  if (self->final_outcome == NULL)
    {
      easel_job_fail (self,
                      g_error_new_literal (EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
                                           _("The gateway’s stream ended before the final "
                                             "image arrived. Try again.")));
      return;
    }

  self->times[EASEL_JOB_TIME_RECEIVED] = self->stream_ended_us;
  easel_job_process_outcome (self, g_steal_pointer (&self->final_outcome));
}

void
easel_job_set_parse_hook (EaselJob          *self,
                          EaselJobParseHook  hook,
                          gpointer           user_data)
{
  g_return_if_fail (EASEL_IS_JOB (self));

  self->parse_hook = hook;
  self->parse_hook_data = user_data;
}
