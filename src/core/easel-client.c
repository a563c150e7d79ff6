/* easel-client.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* EaselClient owns the app's one SoupSession and every rule about talking
 * to gateways: the retry policy of OpenAI's own SDKs (DESIGN.md §5),
 * timeouts, the body cap, redirects (followed here, not by libsoup, so the
 * key never crosses to another host), and logs that never hold a key or a
 * result URL. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "easel-client.h"
#include "easel-error.h"

#define MAX_REDIRECTS       5
#define READ_CHUNK          (64 * 1024)
#define MAX_SERVER_DELAY_MS 120000

struct _EaselClient
{
  GObject          parent_instance;

  SoupSession     *session;
  EaselTimeouts    timeouts;
  gsize            max_body;
  EaselClockFunc   clock;
  gpointer         clock_data;
  EaselRandomFunc  random;
  gpointer         random_data;
  double           delay_scale;
};

G_DEFINE_FINAL_TYPE (EaselClient, easel_client, G_TYPE_OBJECT)

void
easel_response_free (EaselResponse *self)
{
  if (self == NULL)
    return;

  g_free (self->content_type);
  g_clear_pointer (&self->headers, soup_message_headers_unref);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_free (self);
}

static double
default_clock (gpointer user_data)
{
  return g_get_real_time () / (double) G_USEC_PER_SEC;
}

static double
default_random (gpointer user_data)
{
  return g_random_double ();
}

static void
easel_client_dispose (GObject *object)
{
  EaselClient *self = EASEL_CLIENT (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (easel_client_parent_class)->dispose (object);
}

static void
easel_client_class_init (EaselClientClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = easel_client_dispose;
}

static void
easel_client_init (EaselClient *self)
{
  g_autofree char *user_agent = g_strdup_printf ("Easel/%s", PACKAGE_VERSION);

  /* Timeouts are enforced per attempt below, so libsoup's own stay off
   * (its I/O timeout would cut a 5-minute generation). Proxies come from
   * the environment: tests unset them. */
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", 0,
                                                 "idle-timeout", 60,
                                                 "max-conns-per-host", 8,
                                                 NULL);
  self->timeouts.connect_ms = 15 * 1000;
  self->timeouts.submit_ms = 600 * 1000;
  self->timeouts.poll_ms = 30 * 1000;
  self->timeouts.download_ms = 300 * 1000;
  self->max_body = EASEL_MAX_BODY_BYTES;
  self->clock = default_clock;
  self->random = default_random;
  self->delay_scale = 1.0;
}

/**
 * easel_client_new:
 *
 * Returns: (transfer full): a client with its own #SoupSession
 */
EaselClient *
easel_client_new (void)
{
  return g_object_new (EASEL_TYPE_CLIENT, NULL);
}

SoupSession *
easel_client_get_session (EaselClient *self)
{
  g_return_val_if_fail (EASEL_IS_CLIENT (self), NULL);
  return self->session;
}

void
easel_client_set_timeouts (EaselClient         *self,
                           const EaselTimeouts *timeouts)
{
  g_return_if_fail (EASEL_IS_CLIENT (self));
  g_return_if_fail (timeouts != NULL);
  self->timeouts = *timeouts;
}

void
easel_client_get_timeouts (EaselClient   *self,
                           EaselTimeouts *timeouts)
{
  g_return_if_fail (EASEL_IS_CLIENT (self));
  *timeouts = self->timeouts;
}

void
easel_client_set_max_body (EaselClient *self,
                           gsize        max_bytes)
{
  g_return_if_fail (EASEL_IS_CLIENT (self));
  self->max_body = max_bytes;
}

void
easel_client_set_clock (EaselClient    *self,
                        EaselClockFunc  clock,
                        gpointer        user_data)
{
  g_return_if_fail (EASEL_IS_CLIENT (self));
  self->clock = clock ? clock : default_clock;
  self->clock_data = user_data;
}

void
easel_client_set_random (EaselClient     *self,
                         EaselRandomFunc  random,
                         gpointer         user_data)
{
  g_return_if_fail (EASEL_IS_CLIENT (self));
  self->random = random ? random : default_random;
  self->random_data = user_data;
}

void
easel_client_set_delay_scale (EaselClient *self,
                              double       scale)
{
  g_return_if_fail (EASEL_IS_CLIENT (self));
  g_return_if_fail (scale >= 0);
  self->delay_scale = scale;
}

/* --- The retry policy --------------------------------------------------- */

/**
 * easel_client_max_attempts:
 * @kind: what is being sent
 *
 * Returns: attempts in all: 3 (two retries) for submits and downloads, 6
 *   for polls, which only ask and so may insist more, and 2 for a
 *   connection test, which a person is waiting on
 */
guint
easel_client_max_attempts (EaselSendKind kind)
{
  switch (kind)
    {
    case EASEL_SEND_POLL: return 6;
    case EASEL_SEND_PROBE: return 2;
    case EASEL_SEND_SUBMIT:
    case EASEL_SEND_DOWNLOAD:
    default: return 3;
    }
}

/**
 * easel_client_should_retry:
 * @status: a final HTTP status
 * @headers: (nullable): the response headers
 *
 * Returns: whether the status is worth another attempt: 408, 409, 429 and
 *   5xx are, unless `x-should-retry: false`; `x-should-retry: true` makes
 *   any status retryable but 400, 401, 402 and 403, which never are
 */
gboolean
easel_client_should_retry (guint               status,
                           SoupMessageHeaders *headers)
{
  const char *should = headers ? soup_message_headers_get_one (headers, "x-should-retry") : NULL;

  if (status == 400 || status == 401 || status == 402 || status == 403)
    return FALSE;

  if (g_strcmp0 (should, "false") == 0)
    return FALSE;
  if (g_strcmp0 (should, "true") == 0)
    return TRUE;

  return status == 408 || status == 409 || status == 429 || status >= 500;
}

/* @ms rounded up, and capped past the longest wait Easel takes: a server
 * may ask for 1e300 seconds, whose cast to an integer is undefined. */
static gint64
delay_from_ms (double ms)
{
  if (ms > MAX_SERVER_DELAY_MS)
    return MAX_SERVER_DELAY_MS + 1;

  return (gint64) ceil (ms);
}

/* The wait a server asked for, in ms, or -1 when it asked for none. */
static gint64
server_delay_ms (EaselClient        *self,
                 SoupMessageHeaders *headers)
{
  const char *value;
  char *end;
  double number;

  if (headers == NULL)
    return -1;

  value = soup_message_headers_get_one (headers, "retry-after-ms");
  if (value != NULL)
    {
      number = g_ascii_strtod (value, &end);
      if (end != value && *end == '\0' && number >= 0 && isfinite (number))
        return delay_from_ms (number);
    }

  value = soup_message_headers_get_one (headers, "retry-after");
  if (value != NULL)
    {
      g_autoptr(GDateTime) date = NULL;

      number = g_ascii_strtod (value, &end);
      if (end != value && *end == '\0' && number >= 0 && isfinite (number))
        return delay_from_ms (number * 1000);

      date = soup_date_time_new_from_http_string (value);
      if (date != NULL)
        {
          double wait = g_date_time_to_unix (date) - self->clock (self->clock_data);

          return wait > 0 ? delay_from_ms (wait * 1000) : 0;
        }
    }

  return -1;
}

gint64
easel_client_retry_delay_ms (EaselClient        *self,
                             guint               retry,
                             SoupMessageHeaders *headers)
{
  gint64 asked;
  double seconds;

  g_return_val_if_fail (EASEL_IS_CLIENT (self), -1);

  asked = server_delay_ms (self, headers);
  if (asked > MAX_SERVER_DELAY_MS)
    return -1;
  if (asked >= 0)
    return asked;

  /* 0.5 s doubling up to 8 s, shortened by up to a quarter so that many
   * clients throttled at once do not come back in step. */
  seconds = MIN (0.5 * pow (2.0, retry), 8.0);
  seconds *= 1.0 - 0.25 * self->random (self->random_data);

  return (gint64) round (seconds * 1000);
}

/* --- URL rules ---------------------------------------------------------- */

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
easel_url_is_allowed (const char  *url,
                      GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  const char *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    {
      g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
                           _("The gateway gave an address that is not a valid URL."));
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_strcmp0 (scheme, "https") == 0)
    return TRUE;

  if (g_strcmp0 (scheme, "http") == 0 && host_is_loopback (g_uri_get_host (uri)))
    return TRUE;

  g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
                       _("The gateway pointed to an address without https://, which Easel does "
                         "not follow: it would not be private."));
  return FALSE;
}

static char *
uri_host_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), port);

  return g_strdup (g_uri_get_host (uri));
}

/* --- Sending -------------------------------------------------------------- */

typedef struct
{
  EaselClient        *client;
  char               *method;
  char               *url;
  SoupMessageHeaders *request_headers;
  GPtrArray          *secret_headers;
  GBytes             *request_body;
  char               *key_host;
  EaselSendKind       kind;
  EaselRetryFunc      retry_func;
  EaselChunkFunc      chunk_func;
  gpointer            func_data;

  guint               attempt;
  guint               redirects;
  GCancellable       *attempt_cancellable;
  gulong              cancelled_id;
  guint               connect_timer;
  guint               attempt_timer;
  guint               retry_timer;
  gboolean            timed_out;
  gboolean            connect_timed_out;
  gboolean            streamed;

  SoupMessage        *message;
  GInputStream       *stream;
  GByteArray         *buffer;
  gsize               received;
  gint64              started_us;
} Send;

static void
clear_attempt (Send *send)
{
  g_clear_handle_id (&send->connect_timer, g_source_remove);
  g_clear_handle_id (&send->attempt_timer, g_source_remove);
  if (send->message != NULL)
    g_signal_handlers_disconnect_by_data (send->message, send);
  g_clear_object (&send->message);
  g_clear_object (&send->stream);
  g_clear_object (&send->attempt_cancellable);
  g_clear_pointer (&send->buffer, g_byte_array_unref);
  send->received = 0;
  send->timed_out = FALSE;
  send->connect_timed_out = FALSE;
}

static void
send_free (Send *send)
{
  clear_attempt (send);
  g_clear_handle_id (&send->retry_timer, g_source_remove);
  g_clear_object (&send->client);
  g_free (send->method);
  g_free (send->url);
  g_clear_pointer (&send->request_headers, soup_message_headers_unref);
  g_clear_pointer (&send->secret_headers, g_ptr_array_unref);
  g_clear_pointer (&send->request_body, g_bytes_unref);
  g_free (send->key_host);
  g_free (send);
}

static guint
kind_timeout_ms (Send *send)
{
  switch (send->kind)
    {
    case EASEL_SEND_POLL:
    case EASEL_SEND_PROBE: return send->client->timeouts.poll_ms;
    case EASEL_SEND_DOWNLOAD: return send->client->timeouts.download_ms;
    case EASEL_SEND_SUBMIT:
    default: return send->client->timeouts.submit_ms;
    }
}

/* What the log may say about where a request went: never a query, and
 * never a result URL, which is itself a credential. */
static char *
loggable_target (Send *send)
{
  g_autoptr(GUri) uri = NULL;

  if (send->kind == EASEL_SEND_DOWNLOAD)
    return g_strdup ("(result URL)");

  uri = g_uri_parse (send->url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return g_strdup ("(invalid URL)");

  return g_strdup_printf ("%s%s", g_uri_get_host (uri), g_uri_get_path (uri));
}

static void start_attempt (GTask *task);

/* Every way out of a send goes through here first: the cancellable's
 * handler points at the task, so it must go before the task does. */
static void
disconnect_cancelled (GTask *task)
{
  Send *send = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (send->cancelled_id != 0)
    g_signal_handler_disconnect (cancellable, send->cancelled_id);
  send->cancelled_id = 0;
}

static void
finish_with_error (GTask  *task,
                   GError *error)
{
  Send *send = g_task_get_task_data (task);

  clear_attempt (send);
  disconnect_cancelled (task);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static gboolean
on_retry_timer (gpointer user_data)
{
  GTask *task = user_data;
  Send *send = g_task_get_task_data (task);

  send->retry_timer = 0;
  send->attempt++;
  start_attempt (task);

  return G_SOURCE_REMOVE;
}

/* Either schedules another attempt and returns TRUE, or returns FALSE when
 * the policy says stop. */
static gboolean
maybe_retry (GTask              *task,
             SoupMessageHeaders *headers)
{
  Send *send = g_task_get_task_data (task);
  guint max_attempts = easel_client_max_attempts (send->kind);
  gint64 delay;

  if (send->attempt >= max_attempts || send->streamed)
    return FALSE;

  delay = easel_client_retry_delay_ms (send->client, send->attempt - 1, headers);
  if (delay < 0)
    return FALSE;

  g_debug ("Retrying in %" G_GINT64_FORMAT " ms (attempt %u of %u)",
           delay, send->attempt + 1, max_attempts);
  if (send->retry_func != NULL)
    send->retry_func (send->attempt + 1, max_attempts, (guint) delay, send->func_data);

  clear_attempt (send);
  send->retry_timer = g_timeout_add ((guint) (delay * send->client->delay_scale),
                                     on_retry_timer, task);
  return TRUE;
}

/* GIO's and GnuTLS's messages end with a period or not; the sentences
 * below add their own. */
static char *
cause_text (const char *message)
{
  char *cause = g_strstrip (g_strdup (message));
  gsize length = strlen (cause);

  while (length > 0 && cause[length - 1] == '.')
    cause[--length] = '\0';

  return cause;
}

static GError *
transport_error (Send   *send,
                 GError *error)
{
  g_autofree char *cause = NULL;

  if (send->connect_timed_out)
    return g_error_new (EASEL_ERROR, EASEL_ERROR_TIMEOUT,
                        _("Could not connect to the gateway within %u s. Check the network "
                          "connection and the profile’s base URL."),
                        send->client->timeouts.connect_ms / 1000);

  if (send->timed_out)
    return g_error_new (EASEL_ERROR, EASEL_ERROR_TIMEOUT,
                        _("The gateway did not finish answering within %u s. Long, high quality "
                          "jobs can take minutes; try again, or use a smaller size."),
                        kind_timeout_ms (send) / 1000);

  /* A code of its own, not just words: the connection check tells a
   * certificate or handshake problem from an unreachable host by it. */
  cause = cause_text (error->message);
  if (error->domain == G_TLS_ERROR)
    return g_error_new (EASEL_ERROR, EASEL_ERROR_TLS,
                        _("The secure connection to the gateway failed: %s. Check the base URL "
                          "and the computer’s date and time."), cause);

  return g_error_new (EASEL_ERROR, EASEL_ERROR_NETWORK,
                      _("The connection to the gateway failed: %s. Check the network connection "
                        "and the profile’s base URL."), cause);
}

static void
handle_transport_error (GTask  *task,
                        GError *error)
{
  Send *send = g_task_get_task_data (task);
  g_autoptr(GError) own = error;
  g_autofree char *target = loggable_target (send);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      clear_attempt (send);
      disconnect_cancelled (task);
      g_task_return_error_if_cancelled (task);
      g_object_unref (task);
      return;
    }

  g_debug ("%s %s failed: %s", send->method, target, error->message);

  {
    GError *mapped = transport_error (send, error);

    if (maybe_retry (task, NULL))
      {
        g_error_free (mapped);
        return;
      }

    finish_with_error (task, mapped);
  }
}

static void
complete (GTask *task)
{
  Send *send = g_task_get_task_data (task);
  EaselResponse *response = g_new0 (EaselResponse, 1);
  g_autofree char *target = loggable_target (send);
  const char *content_type;

  response->status = soup_message_get_status (send->message);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (send->message));
  content_type = soup_message_headers_get_content_type (response->headers, NULL);
  response->content_type = content_type ? g_ascii_strdown (content_type, -1) : NULL;
  response->body = g_byte_array_free_to_bytes (g_steal_pointer (&send->buffer));
  response->attempts = send->attempt;

  g_debug ("%s %s → %u (%" G_GSIZE_FORMAT " bytes, %.1f s, attempt %u)",
           send->method, target, response->status, send->received,
           (g_get_monotonic_time () - send->started_us) / (double) G_USEC_PER_SEC,
           send->attempt);

  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status) &&
      easel_client_should_retry (response->status, response->headers) &&
      maybe_retry (task, response->headers))
    {
      easel_response_free (response);
      return;
    }

  clear_attempt (send);
  disconnect_cancelled (task);
  g_task_return_pointer (task, response, (GDestroyNotify) easel_response_free);
  g_object_unref (task);
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Send *send = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;
  gsize length;
  const char *data;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      handle_transport_error (task, error);
      return;
    }

  data = g_bytes_get_data (chunk, &length);
  if (length == 0)
    {
      complete (task);
      return;
    }

  send->received += length;
  if (send->received > send->client->max_body)
    {
      finish_with_error (task,
                         g_error_new (EASEL_ERROR, EASEL_ERROR_TOO_LARGE,
                                      _("The gateway’s answer is larger than %lu MiB, more than "
                                        "any image needs; Easel stopped reading it."),
                                      (unsigned long) (send->client->max_body / (1024 * 1024))));
      return;
    }

  if (send->chunk_func != NULL &&
      SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (send->message)))
    {
      /* Once part of a stream reached the caller, repeating the request
       * would start a second generation: no retries from here. */
      send->streamed = TRUE;
      if (!send->chunk_func (data, length, send->func_data, &error))
        {
          finish_with_error (task, error);
          return;
        }
    }
  else
    {
      g_byte_array_append (send->buffer, (const guint8 *) data, length);
    }

  g_input_stream_read_bytes_async (send->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   send->attempt_cancellable, on_read, task);
}

static gboolean
follow_redirect (GTask *task)
{
  Send *send = g_task_get_task_data (task);
  guint status = soup_message_get_status (send->message);
  const char *location;
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) target = NULL;
  GError *error = NULL;

  location = soup_message_headers_get_one (soup_message_get_response_headers (send->message),
                                           "Location");
  if (location == NULL)
    return FALSE;

  if (++send->redirects > MAX_REDIRECTS)
    {
      finish_with_error (task,
                         g_error_new (EASEL_ERROR,
                                      send->kind == EASEL_SEND_DOWNLOAD ? EASEL_ERROR_EXPIRED
                                                                         : EASEL_ERROR_BAD_RESPONSE,
                                      _("The gateway redirected more than %d times without "
                                        "reaching the image, so Easel stopped following it."),
                                      MAX_REDIRECTS));
      return TRUE;
    }

  base = g_uri_parse (send->url, G_URI_FLAGS_ENCODED, NULL);
  target = base ? g_uri_parse_relative (base, location, G_URI_FLAGS_ENCODED, NULL) : NULL;
  if (target == NULL)
    {
      finish_with_error (task,
                         g_error_new_literal (EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
                                              _("The gateway redirected to an address that is "
                                                "not a valid URL.")));
      return TRUE;
    }

  g_free (send->url);
  send->url = g_uri_to_string (target);
  if (!easel_url_is_allowed (send->url, &error))
    {
      finish_with_error (task, error);
      return TRUE;
    }

  /* 301/302/303 turn a POST into a GET without body, as browsers do. */
  if (status != 307 && status != 308 && g_strcmp0 (send->method, "GET") != 0)
    {
      g_free (send->method);
      send->method = g_strdup ("GET");
      g_clear_pointer (&send->request_body, g_bytes_unref);
      soup_message_headers_remove (send->request_headers, "Content-Type");
    }

  clear_attempt (send);
  start_attempt (task);
  return TRUE;
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Send *send = g_task_get_task_data (task);
  GError *error = NULL;
  GInputStream *stream;
  goffset length;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      handle_transport_error (task, error);
      return;
    }

  send->stream = stream;
  g_clear_handle_id (&send->connect_timer, g_source_remove);

  if (SOUP_STATUS_IS_REDIRECTION (soup_message_get_status (send->message)) &&
      follow_redirect (task))
    return;

  length = soup_message_headers_get_content_length (
    soup_message_get_response_headers (send->message));
  if (length > 0 && (gsize) length > send->client->max_body)
    {
      finish_with_error (task,
                         g_error_new (EASEL_ERROR, EASEL_ERROR_TOO_LARGE,
                                      _("The gateway’s answer is larger than %lu MiB, more than "
                                        "any image needs; Easel did not read it."),
                                      (unsigned long) (send->client->max_body / (1024 * 1024))));
      return;
    }

  send->buffer = g_byte_array_new ();
  g_input_stream_read_bytes_async (send->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   send->attempt_cancellable, on_read, task);
}

static gboolean
on_connect_timeout (gpointer user_data)
{
  Send *send = user_data;

  send->connect_timer = 0;
  send->connect_timed_out = TRUE;
  g_cancellable_cancel (send->attempt_cancellable);

  return G_SOURCE_REMOVE;
}

static gboolean
on_attempt_timeout (gpointer user_data)
{
  Send *send = user_data;

  send->attempt_timer = 0;
  send->timed_out = TRUE;
  g_cancellable_cancel (send->attempt_cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_connected (Send *send)
{
  g_clear_handle_id (&send->connect_timer, g_source_remove);
}

static void
on_network_event (SoupMessage        *message,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  Send               *send)
{
  if (event >= G_SOCKET_CLIENT_CONNECTED)
    on_connected (send);
}

static void
start_attempt (GTask *task)
{
  Send *send = g_task_get_task_data (task);
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;
  SoupMessageHeaders *headers;
  SoupMessageHeadersIter iter;
  const char *name, *value;
  gboolean key_allowed;
  GError *error = NULL;

  if (!easel_url_is_allowed (send->url, &error))
    {
      finish_with_error (task, error);
      return;
    }

  send->message = soup_message_new (send->method, send->url);
  if (send->message == NULL)
    {
      finish_with_error (task,
                         g_error_new_literal (EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
                                              _("The request address is not a valid URL.")));
      return;
    }
  soup_message_add_flags (send->message, SOUP_MESSAGE_NO_REDIRECT);

  uri = g_uri_parse (send->url, G_URI_FLAGS_ENCODED, NULL);
  host = uri_host_port (uri);
  key_allowed = send->kind != EASEL_SEND_DOWNLOAD && g_ascii_strcasecmp (host, send->key_host) == 0;

  headers = soup_message_get_request_headers (send->message);
  soup_message_headers_iter_init (&iter, send->request_headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      gboolean secret = FALSE;

      for (guint i = 0; send->secret_headers && i < send->secret_headers->len; i++)
        secret |= g_ascii_strcasecmp (name, g_ptr_array_index (send->secret_headers, i)) == 0;

      if (secret && !key_allowed)
        continue;
      soup_message_headers_append (headers, name, value);
    }

  if (send->request_body != NULL)
    soup_message_set_request_body_from_bytes (send->message,
                                              soup_message_headers_get_one (send->request_headers,
                                                                            "Content-Type"),
                                              send->request_body);

  send->attempt_cancellable = g_cancellable_new ();
  send->started_us = g_get_monotonic_time ();
  g_signal_connect (send->message, "network-event", G_CALLBACK (on_network_event), send);
  g_signal_connect_swapped (send->message, "wrote-headers", G_CALLBACK (on_connected), send);
  send->connect_timer = g_timeout_add (send->client->timeouts.connect_ms, on_connect_timeout, send);
  send->attempt_timer = g_timeout_add (kind_timeout_ms (send), on_attempt_timeout, send);

  soup_session_send_async (send->client->session, send->message, G_PRIORITY_DEFAULT,
                           send->attempt_cancellable, on_sent, task);
}

static void
on_cancelled (GCancellable *cancellable,
              GTask        *task)
{
  Send *send = g_task_get_task_data (task);

  /* Runs in the cancelling thread; Easel cancels from the main thread.
   * While a request is in flight its own cancellable ends it; while
   * waiting for a retry, end the wait here. */
  if (send->attempt_cancellable != NULL)
    {
      g_cancellable_cancel (send->attempt_cancellable);
    }
  else if (send->retry_timer != 0)
    {
      g_clear_handle_id (&send->retry_timer, g_source_remove);
      disconnect_cancelled (task);
      g_task_return_error_if_cancelled (task);
      g_object_unref (task);
    }
}

static void
disconnect_cancellable (gpointer data)
{
  Send *send = data;

  send_free (send);
}

void
easel_client_send_async (EaselClient         *self,
                         EaselWireRequest    *request,
                         const char          *key_host,
                         EaselSendKind        kind,
                         EaselRetryFunc       retry_func,
                         EaselChunkFunc       chunk_func,
                         gpointer             func_data,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Send *send;

  g_return_if_fail (EASEL_IS_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (kind == EASEL_SEND_DOWNLOAD || key_host != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, easel_client_send_async);

  send = g_new0 (Send, 1);
  send->client = g_object_ref (self);
  send->method = g_strdup (request->method);
  send->url = g_strdup (request->url);
  send->request_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  {
    SoupMessageHeadersIter iter;
    const char *name, *value;

    soup_message_headers_iter_init (&iter, request->headers);
    while (soup_message_headers_iter_next (&iter, &name, &value))
      soup_message_headers_append (send->request_headers, name, value);
  }
  if (request->secret_headers != NULL)
    send->secret_headers = g_ptr_array_ref (request->secret_headers);
  send->request_body = request->body ? g_bytes_ref (request->body) : NULL;
  send->key_host = g_strdup (key_host ? key_host : "");
  send->kind = kind;
  send->retry_func = retry_func;
  send->chunk_func = chunk_func;
  send->func_data = func_data;
  send->attempt = 1;
  g_task_set_task_data (task, send, disconnect_cancellable);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (cancellable != NULL)
    {
      send->cancelled_id = g_signal_connect (cancellable, "cancelled",
                                             G_CALLBACK (on_cancelled), task);
    }

  start_attempt (g_steal_pointer (&task));
}

/**
 * easel_client_send_finish:
 * @self: a #EaselClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the final response, whatever its status
 */
EaselResponse *
easel_client_send_finish (EaselClient   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
