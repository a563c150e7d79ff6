/* easel-job-remote.c: EaselJob while the gateway works: polls and streams
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-core-enums.h"
#include "easel-error.h"
#include "easel-job-private.h"
#include "easel-pricing.h"

/* --- Polling ------------------------------------------------------------ */

/* The end of a submit or a poll: the response, or NULL once the job has
 * failed for the transport error. */
EaselResponse *
easel_job_take_response (EaselJob     *self,
                         GObject      *client,
                         GAsyncResult *result)
{
  EaselResponse *response;
  GError *error = NULL;

  self->in_flight--;
  easel_job_clear_retry (self);
  response = easel_client_send_finish (EASEL_CLIENT (client), result, &error);
  if (response == NULL)
    easel_job_fail (self, error);

  return response;
}

static void
on_polled (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(EaselJob) self = user_data;
  g_autoptr(EaselResponse) response = NULL;
  const EaselDialect *dialect = easel_dialect_get (easel_profile_get_dialect (self->profile));
  EaselOutcome *outcome;
  GError *error = NULL;

  response = easel_job_take_response (self, object, result);
  if (response == NULL)
    return;

  outcome = dialect->parse_poll (self->profile, response->status, response->content_type,
                                 response->body, &error);
  if (outcome == NULL)
    {
      easel_job_fail (self, error);
      return;
    }

  easel_job_process_outcome (self, outcome);
}

void
easel_job_poll_now (EaselJob *self)
{
  const EaselDialect *dialect = easel_dialect_get (easel_profile_get_dialect (self->profile));
  g_autoptr(EaselWireRequest) request = NULL;

  request = dialect->build_poll (self->profile, self->remote_id, self->api_key);
  self->in_flight++;
  easel_client_send_async (self->client, request, easel_profile_get_host (self->profile),
                           EASEL_SEND_POLL, easel_job_on_retry, NULL, self, self->cancellable,
                           on_polled, g_object_ref (self));
}

gboolean
easel_job_on_poll_timer (gpointer user_data)
{
  EaselJob *self = user_data;

  self->poll_timer = 0;
  easel_job_poll_now (self);

  return G_SOURCE_REMOVE;
}

/* --- Streaming ---------------------------------------------------------- */

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

  if (self->final_outcome != NULL && self->in_flight == 0 && self->state == EASEL_JOB_STREAMING)
    easel_job_process_outcome (self, g_steal_pointer (&self->final_outcome));
}

gboolean
easel_job_on_sse_event (const char *event,
                        const char *data,
                        gpointer    user_data)
{
  EaselJob *self = user_data;
  const EaselDialect *dialect = easel_dialect_get (easel_profile_get_dialect (self->profile));
  EaselOutcome *outcome;
  GError *error = NULL;

  outcome = dialect->parse_event (self->profile, event, data, &error);
  if (outcome == NULL)
    {
      if (error != NULL)
        {
          self->stream_error = error;
          return FALSE;
        }
      return TRUE;
    }

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
      return TRUE;
    }

  g_clear_pointer (&self->final_outcome, easel_outcome_free);
  self->final_outcome = outcome;
  return TRUE;
}

gboolean
easel_job_on_stream_chunk (const char  *data,
                           gsize        length,
                           gpointer     user_data,
                           GError     **error)
{
  EaselJob *self = user_data;

  if (!easel_sse_parser_feed (self->sse, data, length, error))
    {
      if (self->stream_error != NULL)
        {
          g_clear_error (error);
          g_propagate_error (error, g_steal_pointer (&self->stream_error));
        }
      return FALSE;
    }

  return TRUE;
}

