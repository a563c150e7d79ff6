/* easel-job.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* EaselJob carries one generation through the states of DESIGN.md §3:
 * check and load the request, submit it through the profile's dialect,
 * then stream, poll or download as the gateway works, and decode and
 * write every image on worker threads. An image the gateway produced is on
 * disk before the job reports it; one bad image does not cost the others.
 * Every property is notified on change so the UI can bind to it. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-core-enums.h"
#include "easel-error.h"
#include "easel-job-private.h"
#include "easel-pricing.h"
#include "easel-request-private.h"

/* One SSE event may hold a whole 4K image as base64. */
#define MAX_SSE_EVENT_BYTES ((gsize) 64 * 1024 * 1024)

G_DEFINE_FINAL_TYPE (EaselJob, easel_job, G_TYPE_OBJECT)

GParamSpec *easel_job_properties[N_PROPS];

const char *
easel_job_state_to_string (EaselJobState state)
{
  static const char *const names[] = {
    "queued", "submitting", "streaming", "polling", "downloading", "decoding",
    "stored", "failed", "cancelled",
  };

  g_return_val_if_fail (state < G_N_ELEMENTS (names), NULL);
  return names[state];
}

void
easel_job_set_state_internal (EaselJob      *self,
                              EaselJobState  state)
{
  if (self->state == state)
    return;

  g_debug ("Job %s: %s → %s", self->stem, easel_job_state_to_string (self->state),
           easel_job_state_to_string (state));
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), easel_job_properties[PROP_STATE]);
}

static gboolean
on_elapsed_tick (gpointer user_data)
{
  EaselJob *self = user_data;

  g_object_notify_by_pspec (G_OBJECT (self), easel_job_properties[PROP_ELAPSED]);
  if (self->retry_at_us != 0)
    g_object_notify_by_pspec (G_OBJECT (self), easel_job_properties[PROP_RETRY_IN_MS]);

  return G_SOURCE_CONTINUE;
}

void
easel_job_finish_now (EaselJob      *self,
                      EaselJobState  state,
                      GError        *error)
{
  g_assert (state == EASEL_JOB_STORED || state == EASEL_JOB_FAILED ||
            state == EASEL_JOB_CANCELLED);

  g_clear_handle_id (&self->elapsed_timer, g_source_remove);
  g_clear_handle_id (&self->poll_timer, g_source_remove);
  if (self->times[EASEL_JOB_TIME_FINISHED] == 0)
    self->times[EASEL_JOB_TIME_FINISHED] = g_get_monotonic_time ();
  self->retry_at_us = 0;

  if (error != NULL)
    {
      g_clear_error (&self->error);
      self->error = error;
      g_object_notify_by_pspec (G_OBJECT (self), easel_job_properties[PROP_ERROR]);
    }

  g_object_notify_by_pspec (G_OBJECT (self), easel_job_properties[PROP_ELAPSED]);
  easel_job_set_state_internal (self, state);
}

/* Ends the job for @error, unless it was cancelled, which wins. */
void
easel_job_fail (EaselJob *self,
                GError   *error)
{
  if (g_cancellable_is_cancelled (self->cancellable) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      easel_job_finish_internal (self, EASEL_JOB_CANCELLED,
                                 g_error_new_literal (EASEL_ERROR, EASEL_ERROR_CANCELLED,
                                                      _("The job was cancelled.")));
      return;
    }

  g_debug ("Job %s failed: %s", self->stem, error->message);
  easel_job_finish_internal (self, EASEL_JOB_FAILED, error);
}

void
easel_job_on_retry (guint    next_attempt,
                    guint    max_attempts,
                    guint    delay_ms,
                    gpointer user_data)
{
  EaselJob *self = user_data;

  self->retry_at_us = g_get_monotonic_time () + (gint64) delay_ms * 1000;
  if (self->attempt != next_attempt)
    {
      self->attempt = next_attempt;
      g_object_notify_by_pspec (G_OBJECT (self), easel_job_properties[PROP_ATTEMPT]);
    }
  if (self->max_attempts != max_attempts)
    {
      self->max_attempts = max_attempts;
      g_object_notify_by_pspec (G_OBJECT (self), easel_job_properties[PROP_MAX_ATTEMPTS]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), easel_job_properties[PROP_RETRY_IN_MS]);
}

void
easel_job_clear_retry (EaselJob *self)
{
  if (self->retry_at_us != 0)
    {
      self->retry_at_us = 0;
      g_object_notify_by_pspec (G_OBJECT (self), easel_job_properties[PROP_RETRY_IN_MS]);
    }
}

void
easel_job_set_usage (EaselJob           *self,
                     const EaselOutcome *outcome)
{
  if (outcome->input_tokens >= 0)
    self->input_tokens = outcome->input_tokens;
  if (outcome->output_tokens >= 0)
    self->output_tokens = outcome->output_tokens;
  if (outcome->total_tokens >= 0)
    self->total_tokens = outcome->total_tokens;
  if (outcome->cost >= 0)
    self->gateway_cost = outcome->cost;
}

void
easel_job_process_outcome (EaselJob     *self,
                           EaselOutcome *outcome)
{
  easel_job_set_usage (self, outcome);

  switch (outcome->kind)
    {
    case EASEL_OUTCOME_PENDING:
      {
        const char *status = outcome->remote_status;

        if (self->remote_id == NULL)
          {
            self->remote_id = g_strdup (outcome->remote_id);
            self->remote_started_us = g_get_monotonic_time ();
            /* Emitted before the first poll is scheduled, so whoever keeps
             * the history records the billed job before anything else can
             * go wrong. */
            g_object_notify_by_pspec (G_OBJECT (self), easel_job_properties[PROP_REMOTE_ID]);
          }
        if (g_strcmp0 (self->remote_status, status) != 0)
          {
            g_free (self->remote_status);
            self->remote_status = g_strdup (status);
            g_object_notify_by_pspec (G_OBJECT (self), easel_job_properties[PROP_REMOTE_STATUS]);
          }
        easel_outcome_free (outcome);

        if (g_get_monotonic_time () - self->remote_started_us >
            (gint64) self->remote_deadline_s * G_USEC_PER_SEC)
          {
            easel_job_fail (self,
                            g_error_new (EASEL_ERROR, EASEL_ERROR_TIMEOUT,
                                         _("The gateway’s job was still not done after %u minutes, "
                                           "so Easel stopped asking. It may still finish: "
                                           "resume it later to collect the image."),
                                         self->remote_deadline_s / 60));
            return;
          }

        easel_job_set_state_internal (self, EASEL_JOB_POLLING);
        /* A new remote job is recorded before its first poll. */
        if (self->history != NULL && self->history_id == 0)
          easel_job_history_pending (self);
        else
          self->poll_timer = g_timeout_add (self->poll_interval_ms, easel_job_on_poll_timer, self);
        return;
      }

    case EASEL_OUTCOME_IMAGES:
    case EASEL_OUTCOME_URLS:
      g_clear_pointer (&self->outcome, easel_outcome_free);
      self->outcome = outcome;
      self->next_index = 0;
      self->n_expected = outcome->kind == EASEL_OUTCOME_URLS ? outcome->urls->len
                                                             : outcome->images->len;
      if (self->n_expected == 0)
        {
          easel_job_fail (self,
                          g_error_new_literal (EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
                                               _("The gateway reported success but sent no image. "
                                                 "Try again; if it keeps happening, check the "
                                                 "gateway’s status.")));
          return;
        }
      easel_job_process_next_image (self);
      return;

    case EASEL_OUTCOME_PARTIAL:
    default:
      easel_outcome_free (outcome);
      easel_job_fail (self,
                      g_error_new_literal (EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
                                           _("The gateway sent a partial image where the final one "
                                             "was expected.")));
      return;
    }
}

/* --- Submitting --------------------------------------------------------- */

static void
on_submitted (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(EaselJob) self = user_data;
  g_autoptr(EaselResponse) response = NULL;

  response = easel_job_take_response (self, object, result);
  if (response == NULL)
    return;

  if (self->sse != NULL && SOUP_STATUS_IS_SUCCESSFUL (response->status) &&
      g_strcmp0 (response->content_type, "text/event-stream") == 0)
    {
      easel_sse_parser_finish (self->sse);
      /* Events still being read, or a partial preview still decoding,
       * finish first; the last of them ends the stream. */
      self->stream_ended = TRUE;
      self->stream_ended_us = g_get_monotonic_time ();
      easel_job_end_stream (self);
      return;
    }

  easel_job_parse_answer (self, response, FALSE);
}

static void
submit (EaselJob *self)
{
  const EaselDialect *dialect = easel_dialect_get (easel_profile_get_dialect (self->profile));
  g_autoptr(EaselWireRequest) request = NULL;
  GError *error = NULL;
  gboolean stream;

  request = dialect->build_submit (self->profile, self->request, self->api_key, &error);
  if (request == NULL)
    {
      easel_job_fail (self, error);
      return;
    }

  stream = easel_request_get_stream (self->request) && dialect->parse_event != NULL;
  if (stream)
    self->sse = easel_sse_parser_new (MAX_SSE_EVENT_BYTES, easel_job_on_sse_event, self);

  self->sent = TRUE;
  self->times[EASEL_JOB_TIME_SENT] = g_get_monotonic_time ();
  self->in_flight++;
  easel_client_send_async (self->client, request, easel_profile_get_host (self->profile),
                           EASEL_SEND_SUBMIT, easel_job_on_retry,
                           stream ? easel_job_on_stream_chunk : NULL, self,
                           self->cancellable, on_submitted, g_object_ref (self));
}

static void
load_references_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  EaselRequest *request = task_data;
  GPtrArray *references = easel_request_get_references (request);
  EaselReference *mask = easel_request_get_mask (request);
  GError *error = NULL;

  for (guint i = 0; i < references->len; i++)
    {
      if (!easel_reference_load (g_ptr_array_index (references, i), cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }

  if (mask != NULL && !easel_reference_load (mask, cancellable, &error))
    {
      g_prefix_error (&error, "%s", _("The mask: "));
      g_task_return_error (task, error);
      return;
    }

  if (!easel_request_check_mask_size (request, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_references_loaded (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(EaselJob) self = user_data;
  GError *error = NULL;

  self->in_flight--;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      easel_job_fail (self, error);
      return;
    }

  submit (self);
}

static void
begin (EaselJob *self)
{
  g_return_if_fail (self->state == EASEL_JOB_QUEUED);

  self->times[EASEL_JOB_TIME_STARTED] = g_get_monotonic_time ();
  self->elapsed_timer = g_timeout_add_seconds (1, on_elapsed_tick, self);
  self->attempt = 1;
  self->max_attempts = easel_client_max_attempts (EASEL_SEND_SUBMIT);
  easel_job_set_state_internal (self, EASEL_JOB_SUBMITTING);
}

/**
 * easel_job_start:
 * @self: a queued job
 *
 * Checks the request, loads its references on a worker thread, and sends
 * it. Progress and the outcome arrive as property notifications; the job
 * ends in %EASEL_JOB_STORED, %EASEL_JOB_FAILED or %EASEL_JOB_CANCELLED.
 */
void
easel_job_start (EaselJob *self)
{
  GError *error = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EASEL_IS_JOB (self));

  if (self->resume_entry != NULL)
    {
      if (self->resume_entry->remote_id != NULL)
        {
          easel_job_resume (self, self->resume_entry->remote_id);
          return;
        }
      /* A direct request cut off: nothing to ask the gateway. */
      begin (self);
      self->sent = TRUE;
      easel_job_history_resume (self);
      return;
    }

  begin (self);

  if (!easel_request_validate (self->request, self->profile, &error))
    {
      easel_job_fail (self, error);
      return;
    }

  if (self->api_key == NULL || *self->api_key == '\0')
    {
      easel_job_fail (self,
                      g_error_new (EASEL_ERROR, EASEL_ERROR_AUTH,
                                   _("The profile “%s” has no API key. Add the key in Preferences "
                                     "(or name its variable with --api-key-env)."),
                                   easel_profile_get_name (self->profile)));
      return;
    }

  task = g_task_new (NULL, self->cancellable, on_references_loaded, g_object_ref (self));
  g_task_set_source_tag (task, easel_job_start);
  g_task_set_task_data (task, g_object_ref (self->request), g_object_unref);
  self->in_flight++;
  g_task_run_in_thread (task, load_references_thread);
}

/**
 * easel_job_resume:
 * @self: a queued job
 * @remote_id: the gateway's id of a job submitted earlier
 *
 * Polls a remote job that an earlier run submitted, as if this job had.
 */
void
easel_job_resume (EaselJob   *self,
                  const char *remote_id)
{
  const EaselDialect *dialect;

  g_return_if_fail (EASEL_IS_JOB (self));
  g_return_if_fail (remote_id != NULL);

  dialect = easel_dialect_get (easel_profile_get_dialect (self->profile));
  begin (self);
  self->sent = TRUE;

  if (dialect->build_poll == NULL)
    {
      easel_job_fail (self,
                      g_error_new_literal (EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                                           _("This gateway has no remote jobs to resume.")));
      return;
    }

  self->remote_id = g_strdup (remote_id);
  self->remote_started_us = g_get_monotonic_time ();
  g_object_notify_by_pspec (G_OBJECT (self), easel_job_properties[PROP_REMOTE_ID]);
  easel_job_set_state_internal (self, EASEL_JOB_POLLING);
  easel_job_poll_now (self);
}

/**
 * easel_job_cancel:
 * @self: a job
 *
 * Stops the job. Work in flight winds down first (a half-written image is
 * removed), then the state becomes %EASEL_JOB_CANCELLED.
 */
void
easel_job_cancel (EaselJob *self)
{
  g_return_if_fail (EASEL_IS_JOB (self));

  if (easel_job_is_finished (self) || self->finishing)
    return;

  g_cancellable_cancel (self->cancellable);

  /* Waiting between polls or not started: nothing to wind down. */
  if (self->in_flight == 0)
    easel_job_fail (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled"));
}

/* --- GObject ------------------------------------------------------------ */

static void
easel_job_dispose (GObject *object)
{
  EaselJob *self = EASEL_JOB (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->elapsed_timer, g_source_remove);
  g_clear_handle_id (&self->poll_timer, g_source_remove);

  G_OBJECT_CLASS (easel_job_parent_class)->dispose (object);
}

static void
easel_job_finalize (GObject *object)
{
  EaselJob *self = EASEL_JOB (object);

  g_clear_object (&self->client);
  g_clear_object (&self->profile);
  g_clear_object (&self->request);
  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  g_free (self->api_key);
  g_free (self->output_dir);
  g_free (self->stem);
  g_clear_object (&self->cancellable);
  g_free (self->remote_id);
  g_free (self->remote_status);
  g_clear_object (&self->partial_image);
  g_clear_error (&self->error);
  g_clear_object (&self->images);
  g_clear_pointer (&self->sse, easel_sse_parser_free);
  easel_job_drop_events (self);
  g_clear_pointer (&self->final_outcome, easel_outcome_free);
  g_clear_error (&self->stream_error);
  g_clear_pointer (&self->outcome, easel_outcome_free);
  g_clear_error (&self->first_image_error);
  g_clear_object (&self->history);
  g_clear_pointer (&self->resume_entry, easel_history_entry_unref);
  g_clear_pointer (&self->thumb_paths, g_ptr_array_unref);
  g_free (self->recorded_request);
  g_clear_error (&self->history_error);

  G_OBJECT_CLASS (easel_job_parent_class)->finalize (object);
}

static void
easel_job_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EaselJob *self = EASEL_JOB (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ELAPSED:
      g_value_set_double (value, easel_job_get_elapsed (self));
      break;
    case PROP_ATTEMPT:
      g_value_set_uint (value, self->attempt);
      break;
    case PROP_MAX_ATTEMPTS:
      g_value_set_uint (value, self->max_attempts);
      break;
    case PROP_RETRY_IN_MS:
      g_value_set_uint (value, easel_job_get_retry_in_ms (self));
      break;
    case PROP_REMOTE_ID:
      g_value_set_string (value, self->remote_id);
      break;
    case PROP_REMOTE_STATUS:
      g_value_set_string (value, self->remote_status);
      break;
    case PROP_PARTIAL_IMAGE:
      g_value_set_object (value, self->partial_image);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_IMAGES:
      g_value_set_object (value, self->images);
      break;
    case PROP_COST:
      g_value_set_double (value, self->cost);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_job_class_init (EaselJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = easel_job_dispose;
  object_class->finalize = easel_job_finalize;
  object_class->get_property = easel_job_get_property;

  easel_job_properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, EASEL_TYPE_JOB_STATE, EASEL_JOB_QUEUED, flags);
  easel_job_properties[PROP_ELAPSED] =
    g_param_spec_double ("elapsed", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  easel_job_properties[PROP_ATTEMPT] =
    g_param_spec_uint ("attempt", NULL, NULL, 0, G_MAXUINT, 0, flags);
  easel_job_properties[PROP_MAX_ATTEMPTS] =
    g_param_spec_uint ("max-attempts", NULL, NULL, 0, G_MAXUINT, 0, flags);
  easel_job_properties[PROP_RETRY_IN_MS] =
    g_param_spec_uint ("retry-in-ms", NULL, NULL, 0, G_MAXUINT, 0, flags);
  easel_job_properties[PROP_REMOTE_ID] =
    g_param_spec_string ("remote-id", NULL, NULL, NULL, flags);
  easel_job_properties[PROP_REMOTE_STATUS] =
    g_param_spec_string ("remote-status", NULL, NULL, NULL, flags);
  easel_job_properties[PROP_PARTIAL_IMAGE] =
    g_param_spec_object ("partial-image", NULL, NULL, EASEL_TYPE_IMAGE, flags);
  easel_job_properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, flags);
  easel_job_properties[PROP_IMAGES] =
    g_param_spec_object ("images", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  easel_job_properties[PROP_COST] =
    g_param_spec_double ("cost", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);

  g_object_class_install_properties (object_class, N_PROPS, easel_job_properties);
}

static void
easel_job_init (EaselJob *self)
{
  self->cancellable = g_cancellable_new ();
  self->images = g_list_store_new (EASEL_TYPE_IMAGE);
  self->remote_deadline_s = 30 * 60;
  self->input_tokens = self->output_tokens = self->total_tokens = -1;
  self->gateway_cost = -1;
  self->cost = -1;
}

EaselJob *
easel_job_new (EaselClient  *client,
               EaselProfile *profile,
               EaselRequest *request,
               const char   *api_key,
               const char   *output_dir)
{
  EaselJob *self;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  g_return_val_if_fail (EASEL_IS_CLIENT (client), NULL);
  g_return_val_if_fail (EASEL_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (EASEL_IS_REQUEST (request), NULL);
  g_return_val_if_fail (output_dir != NULL, NULL);

  self = g_object_new (EASEL_TYPE_JOB, NULL);
  self->client = g_object_ref (client);
  self->profile = g_object_ref (profile);
  self->request = g_object_ref (request);
  self->api_key = g_strdup (api_key);
  self->output_dir = g_strdup (output_dir);
  self->stem = g_strdup_printf ("easel-%s-%06x", stamp, g_random_int () & 0xffffff);
  self->poll_interval_ms = easel_profile_get_limits (profile)->poll_interval_ms;
  if (self->poll_interval_ms == 0)
    self->poll_interval_ms = 3000;
  self->times[EASEL_JOB_TIME_CREATED] = g_get_monotonic_time ();
  self->created_real_us = g_get_real_time ();
  self->real_offset_us = self->created_real_us - self->times[EASEL_JOB_TIME_CREATED];

  return self;
}

/**
 * easel_job_new_retry:
 * @self: a job, usually failed or cancelled
 *
 * The key is kept for the job's life so that this can be made. The poll
 * interval and remote deadline set on @self carry over too.
 *
 * Returns: (transfer full): a new queued job for a copy of @self's request,
 *   with the same client, profile, key and output folder
 */
EaselJob *
easel_job_new_retry (EaselJob *self)
{
  g_autoptr(EaselRequest) request = NULL;
  EaselJob *retry;

  g_return_val_if_fail (EASEL_IS_JOB (self), NULL);

  request = easel_request_copy (self->request);
  retry = easel_job_new (self->client, self->profile, request, self->api_key, self->output_dir);
  retry->poll_interval_ms = self->poll_interval_ms;
  retry->remote_deadline_s = self->remote_deadline_s;
  easel_job_history_carry_over (self, retry);

  return retry;
}

void
easel_job_set_remote_deadline (EaselJob *self,
                               guint     seconds)
{
  g_return_if_fail (EASEL_IS_JOB (self));
  self->remote_deadline_s = seconds;
}

void
easel_job_set_poll_interval (EaselJob *self,
                             guint     interval_ms)
{
  g_return_if_fail (EASEL_IS_JOB (self));
  self->poll_interval_ms = interval_ms;
}

EaselJobState
easel_job_get_state (EaselJob *self)
{
  g_return_val_if_fail (EASEL_IS_JOB (self), EASEL_JOB_QUEUED);
  return self->state;
}

gboolean
easel_job_is_finished (EaselJob *self)
{
  g_return_val_if_fail (EASEL_IS_JOB (self), TRUE);
  return self->state == EASEL_JOB_STORED || self->state == EASEL_JOB_FAILED ||
         self->state == EASEL_JOB_CANCELLED;
}

EaselProfile *
easel_job_get_profile (EaselJob *self)
{
  g_return_val_if_fail (EASEL_IS_JOB (self), NULL);
  return self->profile;
}

EaselRequest *
easel_job_get_request (EaselJob *self)
{
  g_return_val_if_fail (EASEL_IS_JOB (self), NULL);
  return self->request;
}

double
easel_job_get_elapsed (EaselJob *self)
{
  gint64 end;

  g_return_val_if_fail (EASEL_IS_JOB (self), 0);

  if (self->times[EASEL_JOB_TIME_STARTED] == 0)
    return 0;

  end = self->times[EASEL_JOB_TIME_FINISHED];
  if (end == 0)
    end = g_get_monotonic_time ();
  return (end - self->times[EASEL_JOB_TIME_STARTED]) / (double) G_USEC_PER_SEC;
}

guint
easel_job_get_attempt (EaselJob *self)
{
  g_return_val_if_fail (EASEL_IS_JOB (self), 0);
  return self->attempt;
}

guint
easel_job_get_max_attempts (EaselJob *self)
{
  g_return_val_if_fail (EASEL_IS_JOB (self), 0);
  return self->max_attempts;
}

guint
easel_job_get_retry_in_ms (EaselJob *self)
{
  gint64 left;

  g_return_val_if_fail (EASEL_IS_JOB (self), 0);

  if (self->retry_at_us == 0)
    return 0;

  left = (self->retry_at_us - g_get_monotonic_time ()) / 1000;
  return left > 0 ? (guint) left : 0;
}

const char *
easel_job_get_remote_id (EaselJob *self)
{
  g_return_val_if_fail (EASEL_IS_JOB (self), NULL);
  return self->remote_id;
}

const char *
easel_job_get_remote_status (EaselJob *self)
{
  g_return_val_if_fail (EASEL_IS_JOB (self), NULL);
  return self->remote_status;
}

EaselImage *
easel_job_get_partial_image (EaselJob *self)
{
  g_return_val_if_fail (EASEL_IS_JOB (self), NULL);
  return self->partial_image;
}

const GError *
easel_job_get_error (EaselJob *self)
{
  g_return_val_if_fail (EASEL_IS_JOB (self), NULL);
  return self->error;
}

gboolean
easel_job_get_sent (EaselJob *self)
{
  g_return_val_if_fail (EASEL_IS_JOB (self), FALSE);
  return self->sent;
}

GListModel *
easel_job_get_images (EaselJob *self)
{
  g_return_val_if_fail (EASEL_IS_JOB (self), NULL);
  return G_LIST_MODEL (self->images);
}

gint64
easel_job_get_input_tokens (EaselJob *self)
{
  g_return_val_if_fail (EASEL_IS_JOB (self), -1);
  return self->input_tokens;
}

gint64
easel_job_get_output_tokens (EaselJob *self)
{
  g_return_val_if_fail (EASEL_IS_JOB (self), -1);
  return self->output_tokens;
}

gint64
easel_job_get_total_tokens (EaselJob *self)
{
  g_return_val_if_fail (EASEL_IS_JOB (self), -1);
  return self->total_tokens;
}

double
easel_job_get_cost (EaselJob *self)
{
  g_return_val_if_fail (EASEL_IS_JOB (self), -1);
  return self->cost;
}

gint64
easel_job_get_time (EaselJob     *self,
                    EaselJobTime  which)
{
  g_return_val_if_fail (EASEL_IS_JOB (self), 0);
  g_return_val_if_fail (which <= EASEL_JOB_TIME_FINISHED, 0);

  return self->times[which];
}

const char *
easel_job_get_output_dir (EaselJob *self)
{
  g_return_val_if_fail (EASEL_IS_JOB (self), NULL);
  return self->output_dir;
}
