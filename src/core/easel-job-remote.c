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

  response = easel_job_take_response (self, object, result);
  if (response == NULL)
    return;

  easel_job_parse_answer (self, response, TRUE);
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

/* Each complete event goes to a worker thread to be read, in order
 * (easel-job-parse.c). */
gboolean
easel_job_on_sse_event (const char *event,
                        const char *data,
                        gpointer    user_data)
{
  EaselJob *self = user_data;

  /* An earlier event was refused: the stream ends here. */
  if (self->stream_error != NULL)
    return FALSE;

  easel_job_queue_event (self, event);
  return TRUE;
}

gboolean
easel_job_on_stream_chunk (const char  *data,
                           gsize        length,
                           gpointer     user_data,
                           GError     **error)
{
  EaselJob *self = user_data;

  /* An event read on a worker thread was refused: stop reading. */
  if (self->stream_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->stream_error));
      return FALSE;
    }

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

