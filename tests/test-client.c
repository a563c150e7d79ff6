/* test-client.c: EaselClient's retry policy, timeouts, caps, redirects and
 * key handling, against a small server on loopback
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <libsoup/soup.h>

#include "easel-client.h"
#include "easel-error.h"

#define KEY "sk-sentinel-client-0123456789"

typedef struct
{
  SoupServer  *server;
  char        *base;        /* http://127.0.0.1:PORT */
  char        *other_base;  /* http://127.0.0.2:PORT: another host */
  EaselClient *client;

  /* What the handler does, and what it saw */
  guint        fail_times;    /* answer fail_status this many times, then 200 */
  guint        fail_status;
  const char  *retry_after;
  const char  *retry_after_ms;
  const char  *should_retry;
  gsize        body_size;
  gboolean     stall;
  gboolean     stream;
  guint        requests;
  GPtrArray   *auth_seen;     /* Authorization of each request, "" when none */
  GPtrArray   *hosts_seen;
  GPtrArray   *stalled;

  /* Result */
  EaselResponse *response;
  GError        *error;
  gboolean       done;
  GArray        *retries;     /* delays told to the retry function */
  GString       *streamed;
  guint          chunks;
} Fixture;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  const char *auth = soup_message_headers_get_one (request_headers, "Authorization");
  GUri *uri = soup_server_message_get_uri (msg);

  fixture->requests++;
  g_ptr_array_add (fixture->auth_seen, g_strdup (auth ? auth : ""));
  g_ptr_array_add (fixture->hosts_seen, g_strdup (g_uri_get_host (uri)));

  if (g_str_equal (path, "/redirect-other"))
    {
      g_autofree char *target = g_strconcat (fixture->other_base, "/ok", NULL);

      soup_server_message_set_redirect (msg, 302, target);
      return;
    }
  if (g_str_equal (path, "/loop"))
    {
      soup_server_message_set_redirect (msg, 302, "/loop");
      return;
    }
  if (fixture->stall)
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (fixture->stalled, g_object_ref (msg));
      return;
    }

  if (fixture->fail_times > 0)
    {
      fixture->fail_times--;
      if (fixture->retry_after)
        soup_message_headers_append (response_headers, "retry-after", fixture->retry_after);
      if (fixture->retry_after_ms)
        soup_message_headers_append (response_headers, "retry-after-ms", fixture->retry_after_ms);
      if (fixture->should_retry)
        soup_message_headers_append (response_headers, "x-should-retry", fixture->should_retry);
      soup_server_message_set_status (msg, fixture->fail_status, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"error\":{\"message\":\"busy\"}}", 27);
      return;
    }

  soup_server_message_set_status (msg, 200, NULL);
  if (fixture->body_size > 0)
    {
      char *body = g_malloc (fixture->body_size);

      memset (body, 'x', fixture->body_size);
      soup_server_message_set_response (msg, "application/octet-stream", SOUP_MEMORY_TAKE,
                                        body, fixture->body_size);
      return;
    }
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    "{\"ok\":true}", 11);
}

static double
fixed_random (gpointer user_data)
{
  return *(double *) user_data;
}

static double
fixed_clock (gpointer user_data)
{
  return 1000000.0;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) one = g_inet_address_new_from_string ("127.0.0.1");
  g_autoptr(GInetAddress) two = g_inet_address_new_from_string ("127.0.0.2");
  g_autoptr(GSocketAddress) first = g_inet_socket_address_new (one, 0);
  g_autoptr(GSocketAddress) second = g_inet_socket_address_new (two, 0);
  GSList *listeners;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, handler, fixture, NULL);
  g_assert_true (soup_server_listen (fixture->server, first, 0, &error));
  g_assert_no_error (error);
  g_assert_true (soup_server_listen (fixture->server, second, 0, &error));
  g_assert_no_error (error);

  /* Ports from the listening sockets: soup_server_get_uris() leaks its
   * addresses in libsoup 3.2. */
  listeners = soup_server_get_listeners (fixture->server);
  for (GSList *l = listeners; l; l = l->next)
    {
      g_autoptr(GSocketAddress) address = g_socket_get_local_address (l->data, NULL);
      GInetSocketAddress *inet = G_INET_SOCKET_ADDRESS (address);
      g_autofree char *host = g_inet_address_to_string (g_inet_socket_address_get_address (inet));
      char *base = g_strdup_printf ("http://%s:%u", host, g_inet_socket_address_get_port (inet));

      if (g_str_equal (host, "127.0.0.1"))
        fixture->base = base;
      else
        fixture->other_base = base;
    }
  g_slist_free (listeners);
  g_assert_nonnull (fixture->base);
  g_assert_nonnull (fixture->other_base);

  fixture->client = easel_client_new ();
  /* The policy's delays are asserted as reported; nobody waits for them. */
  easel_client_set_delay_scale (fixture->client, 0.0);
  fixture->auth_seen = g_ptr_array_new_with_free_func (g_free);
  fixture->hosts_seen = g_ptr_array_new_with_free_func (g_free);
  fixture->stalled = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->retries = g_array_new (FALSE, FALSE, sizeof (guint));
  fixture->streamed = g_string_new (NULL);
  fixture->fail_status = 503;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint i = 0; i < fixture->stalled->len; i++)
    soup_server_message_unpause (g_ptr_array_index (fixture->stalled, i));
  g_ptr_array_unref (fixture->stalled);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_assert_finalize_object (fixture->client);
  g_clear_pointer (&fixture->response, easel_response_free);
  g_clear_error (&fixture->error);
  g_ptr_array_unref (fixture->auth_seen);
  g_ptr_array_unref (fixture->hosts_seen);
  g_array_unref (fixture->retries);
  g_string_free (fixture->streamed, TRUE);
  g_free (fixture->base);
  g_free (fixture->other_base);
}

static void
on_retry (guint    next_attempt,
          guint    max_attempts,
          guint    delay_ms,
          gpointer user_data)
{
  Fixture *fixture = user_data;

  g_assert_cmpuint (next_attempt, ==, fixture->retries->len + 2);
  g_array_append_val (fixture->retries, delay_ms);
}

static gboolean
on_chunk (const char  *data,
          gsize        length,
          gpointer     user_data,
          GError     **error)
{
  Fixture *fixture = user_data;

  g_string_append_len (fixture->streamed, data, length);
  fixture->chunks++;
  return TRUE;
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->response = easel_client_send_finish (EASEL_CLIENT (object), result, &fixture->error);
  fixture->done = TRUE;
}

static void
send_and_wait (Fixture       *fixture,
               const char    *path,
               EaselSendKind  kind,
               GCancellable  *cancellable)
{
  g_autofree char *url = g_strconcat (fixture->base, path, NULL);
  g_autofree char *host = g_strdup (fixture->base + strlen ("http://"));
  EaselWireRequest request = { 0 };
  g_autoptr(GPtrArray) secret = g_ptr_array_new ();

  request.method = (char *) "GET";
  request.url = url;
  request.headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_append (request.headers, "Authorization", "Bearer " KEY);
  soup_message_headers_append (request.headers, "Accept", "application/json");
  g_ptr_array_add (secret, (gpointer) "Authorization");
  request.secret_headers = secret;

  fixture->done = FALSE;
  easel_client_send_async (fixture->client, &request, host, kind, on_retry,
                           fixture->stream ? on_chunk : NULL, fixture, cancellable,
                           on_sent, fixture);
  soup_message_headers_unref (request.headers);

  while (!fixture->done)
    g_main_context_iteration (NULL, TRUE);
}

/* --- The policy as pure functions ------------------------------------- */

static void
test_max_attempts (void)
{
  g_assert_cmpuint (easel_client_max_attempts (EASEL_SEND_SUBMIT), ==, 3);
  g_assert_cmpuint (easel_client_max_attempts (EASEL_SEND_DOWNLOAD), ==, 3);
  g_assert_cmpuint (easel_client_max_attempts (EASEL_SEND_POLL), ==, 6);
  g_assert_cmpuint (easel_client_max_attempts (EASEL_SEND_PROBE), ==, 2);
}

static void
test_should_retry (void)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  const guint retried[] = { 408, 409, 429, 500, 502, 503, 504 };
  const guint kept[] = { 400, 401, 402, 403, 404, 422 };

  for (guint i = 0; i < G_N_ELEMENTS (retried); i++)
    g_assert_true (easel_client_should_retry (retried[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    g_assert_false (easel_client_should_retry (kept[i], NULL));

  soup_message_headers_replace (headers, "x-should-retry", "false");
  g_assert_false (easel_client_should_retry (503, headers));
  g_assert_false (easel_client_should_retry (429, headers));

  soup_message_headers_replace (headers, "x-should-retry", "true");
  g_assert_true (easel_client_should_retry (404, headers));
  g_assert_true (easel_client_should_retry (409, headers));
  /* Never for these, whatever the server says. */
  g_assert_false (easel_client_should_retry (400, headers));
  g_assert_false (easel_client_should_retry (401, headers));
  g_assert_false (easel_client_should_retry (402, headers));
  g_assert_false (easel_client_should_retry (403, headers));
}

static void
test_delays (void)
{
  g_autoptr(EaselClient) client = easel_client_new ();
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  double zero = 0.0, almost_one = 0.999999, half = 0.5;
  g_autofree char *date = NULL;
  g_autoptr(GDateTime) when = NULL;

  /* 0.5 s doubling, capped at 8 s, no jitter when random is 0. */
  easel_client_set_random (client, fixed_random, &zero);
  g_assert_cmpint (easel_client_retry_delay_ms (client, 0, NULL), ==, 500);
  g_assert_cmpint (easel_client_retry_delay_ms (client, 1, NULL), ==, 1000);
  g_assert_cmpint (easel_client_retry_delay_ms (client, 2, NULL), ==, 2000);
  g_assert_cmpint (easel_client_retry_delay_ms (client, 3, NULL), ==, 4000);
  g_assert_cmpint (easel_client_retry_delay_ms (client, 4, NULL), ==, 8000);
  g_assert_cmpint (easel_client_retry_delay_ms (client, 9, NULL), ==, 8000);

  /* Jitter shortens by up to a quarter, never lengthens. */
  easel_client_set_random (client, fixed_random, &almost_one);
  g_assert_cmpint (easel_client_retry_delay_ms (client, 0, NULL), ==, 375);
  g_assert_cmpint (easel_client_retry_delay_ms (client, 4, NULL), ==, 6000);
  easel_client_set_random (client, fixed_random, &half);
  g_assert_cmpint (easel_client_retry_delay_ms (client, 1, NULL), ==, 875);

  /* retry-after in seconds, fractional too. */
  soup_message_headers_replace (headers, "retry-after", "3");
  g_assert_cmpint (easel_client_retry_delay_ms (client, 0, headers), ==, 3000);
  soup_message_headers_replace (headers, "retry-after", "1.5");
  g_assert_cmpint (easel_client_retry_delay_ms (client, 0, headers), ==, 1500);
  soup_message_headers_replace (headers, "retry-after", "120");
  g_assert_cmpint (easel_client_retry_delay_ms (client, 0, headers), ==, 120000);
  /* Past 120 s: no retry at all. */
  soup_message_headers_replace (headers, "retry-after", "121");
  g_assert_cmpint (easel_client_retry_delay_ms (client, 0, headers), ==, -1);

  /* retry-after-ms wins over retry-after. */
  soup_message_headers_replace (headers, "retry-after", "30");
  soup_message_headers_replace (headers, "retry-after-ms", "250");
  g_assert_cmpint (easel_client_retry_delay_ms (client, 0, headers), ==, 250);
  soup_message_headers_remove (headers, "retry-after-ms");

  /* An HTTP date, against the injected clock. */
  easel_client_set_clock (client, fixed_clock, NULL);
  when = g_date_time_new_from_unix_utc (1000000 + 10);
  date = soup_date_time_to_string (when, SOUP_DATE_HTTP);
  soup_message_headers_replace (headers, "retry-after", date);
  g_assert_cmpint (easel_client_retry_delay_ms (client, 0, headers), ==, 10000);
  g_clear_pointer (&when, g_date_time_unref);
  g_clear_pointer (&date, g_free);
  when = g_date_time_new_from_unix_utc (1000000 + 600);
  date = soup_date_time_to_string (when, SOUP_DATE_HTTP);
  soup_message_headers_replace (headers, "retry-after", date);
  g_assert_cmpint (easel_client_retry_delay_ms (client, 0, headers), ==, -1);

  /* Garbage is ignored: the default backoff applies. */
  easel_client_set_random (client, fixed_random, &zero);
  soup_message_headers_replace (headers, "retry-after", "soon");
  g_assert_cmpint (easel_client_retry_delay_ms (client, 1, headers), ==, 1000);

  /* Found by fuzz-dialect: a wait too long for any integer was cast to
   * one, which is undefined behaviour; it is simply too long. */
  soup_message_headers_replace (headers, "retry-after", "1e300");
  g_assert_cmpint (easel_client_retry_delay_ms (client, 0, headers), ==, -1);
  soup_message_headers_replace (headers, "retry-after", "1e306");
  g_assert_cmpint (easel_client_retry_delay_ms (client, 0, headers), ==, -1);
  soup_message_headers_remove (headers, "retry-after");
  soup_message_headers_replace (headers, "retry-after-ms", "1e300");
  g_assert_cmpint (easel_client_retry_delay_ms (client, 0, headers), ==, -1);
  soup_message_headers_replace (headers, "retry-after-ms", "120000.5");
  g_assert_cmpint (easel_client_retry_delay_ms (client, 0, headers), ==, -1);
  soup_message_headers_replace (headers, "retry-after-ms", "119999.5");
  g_assert_cmpint (easel_client_retry_delay_ms (client, 0, headers), ==, 120000);
}

static void
test_url_rules (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (easel_url_is_allowed ("https://gateway.example/v1", NULL));
  g_assert_true (easel_url_is_allowed ("http://127.0.0.1:8080/x", NULL));
  g_assert_true (easel_url_is_allowed ("http://[::1]:8080/x", NULL));
  g_assert_true (easel_url_is_allowed ("http://localhost/x", NULL));
  g_assert_false (easel_url_is_allowed ("http://gateway.example/v1", &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE);
  g_clear_error (&error);
  g_assert_false (easel_url_is_allowed ("ftp://gateway.example/", &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE);
}

/* --- Sending ---------------------------------------------------------- */

static void
test_retries_then_succeeds (Fixture       *fixture,
                            gconstpointer  data)
{
  double zero = 0.0;

  easel_client_set_random (fixture->client, fixed_random, &zero);
  fixture->fail_times = 2;
  send_and_wait (fixture, "/ok", EASEL_SEND_SUBMIT, NULL);

  g_assert_no_error (fixture->error);
  g_assert_cmpuint (fixture->response->status, ==, 200);
  g_assert_cmpuint (fixture->response->attempts, ==, 3);
  g_assert_cmpuint (fixture->requests, ==, 3);
  g_assert_cmpuint (fixture->retries->len, ==, 2);
  g_assert_cmpuint (g_array_index (fixture->retries, guint, 0), ==, 500);
  g_assert_cmpuint (g_array_index (fixture->retries, guint, 1), ==, 1000);
  g_assert_cmpstr (fixture->response->content_type, ==, "application/json");
  g_assert_cmpmem (g_bytes_get_data (fixture->response->body, NULL),
                   g_bytes_get_size (fixture->response->body), "{\"ok\":true}", 11);
}

static void
test_gives_up_after_two_retries (Fixture       *fixture,
                                 gconstpointer  data)
{
  fixture->fail_times = 100;
  fixture->fail_status = 500;
  send_and_wait (fixture, "/ok", EASEL_SEND_SUBMIT, NULL);

  /* The last answer reaches the dialect, which maps it to an error. */
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (fixture->response->status, ==, 500);
  g_assert_cmpuint (fixture->requests, ==, 3);
  g_assert_cmpuint (fixture->retries->len, ==, 2);
}

static void
test_polls_are_patient (Fixture       *fixture,
                        gconstpointer  data)
{
  fixture->fail_times = 100;
  send_and_wait (fixture, "/ok", EASEL_SEND_POLL, NULL);

  g_assert_cmpuint (fixture->response->status, ==, 503);
  g_assert_cmpuint (fixture->requests, ==, 6);
}

static void
test_never_retries_refusals (Fixture       *fixture,
                             gconstpointer  data)
{
  const guint statuses[] = { 400, 401, 402, 403 };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      fixture->requests = 0;
      fixture->fail_times = 1;
      fixture->fail_status = statuses[i];
      g_clear_pointer (&fixture->response, easel_response_free);
      send_and_wait (fixture, "/ok", EASEL_SEND_SUBMIT, NULL);
      g_assert_cmpuint (fixture->response->status, ==, statuses[i]);
      g_assert_cmpuint (fixture->requests, ==, 1);
    }
}

static void
test_retry_after_honoured (Fixture       *fixture,
                           gconstpointer  data)
{
  fixture->fail_times = 1;
  fixture->fail_status = 429;
  fixture->retry_after = "2";
  send_and_wait (fixture, "/ok", EASEL_SEND_SUBMIT, NULL);

  g_assert_cmpuint (fixture->response->status, ==, 200);
  g_assert_cmpuint (fixture->requests, ==, 2);
  g_assert_cmpuint (g_array_index (fixture->retries, guint, 0), ==, 2000);
}

static void
test_retry_after_too_long (Fixture       *fixture,
                           gconstpointer  data)
{
  fixture->fail_times = 1;
  fixture->fail_status = 429;
  fixture->retry_after = "300";
  send_and_wait (fixture, "/ok", EASEL_SEND_SUBMIT, NULL);

  g_assert_cmpuint (fixture->response->status, ==, 429);
  g_assert_cmpuint (fixture->requests, ==, 1);
  g_assert_cmpuint (fixture->retries->len, ==, 0);
}

static void
test_should_retry_false (Fixture       *fixture,
                         gconstpointer  data)
{
  fixture->fail_times = 1;
  fixture->should_retry = "false";
  send_and_wait (fixture, "/ok", EASEL_SEND_SUBMIT, NULL);

  g_assert_cmpuint (fixture->response->status, ==, 503);
  g_assert_cmpuint (fixture->requests, ==, 1);
}

static void
test_connection_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  /* The server goes away: the port refuses connections. */
  soup_server_disconnect (fixture->server);
  send_and_wait (fixture, "/ok", EASEL_SEND_SUBMIT, NULL);

  g_assert_null (fixture->response);
  g_assert_error (fixture->error, EASEL_ERROR, EASEL_ERROR_NETWORK);
  g_assert_nonnull (strstr (fixture->error->message, "connection"));
  g_assert_cmpuint (fixture->retries->len, ==, 2);
}

/* A plain HTTP server's answer to bytes it cannot parse, sent at once:
 * what a web server says when a TLS handshake reaches its http port. A
 * SoupServer would instead wait for the end of a header that never comes. */
static gboolean
on_plain_incoming (GSocketService    *service,
                   GSocketConnection *connection,
                   GObject           *source_object,
                   gpointer           user_data)
{
  static const char answer[] = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n"
                               "Content-Length: 0\r\n\r\n";
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_output_stream_write_all (out, answer, sizeof answer - 1, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return TRUE;
}

static void
test_tls_failure (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_from_string ("127.0.0.1");
  g_autoptr(GSocketAddress) wanted = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_socket_listener_add_address (G_SOCKET_LISTENER (service), wanted, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (on_plain_incoming), NULL);
  g_socket_service_start (service);

  /* https:// to a plain HTTP port: the TCP connection succeeds and the
   * handshake fails, which must stay distinguishable from a refused port. */
  g_free (fixture->base);
  fixture->base = g_strdup_printf ("https://127.0.0.1:%u",
                                   g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  send_and_wait (fixture, "/ok", EASEL_SEND_SUBMIT, NULL);

  g_assert_null (fixture->response);
  g_assert_error (fixture->error, EASEL_ERROR, EASEL_ERROR_TLS);
  g_assert_nonnull (strstr (fixture->error->message, "secure connection"));
  g_assert_cmpuint (fixture->retries->len, ==, 2);

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
}

static void
test_read_timeout (Fixture       *fixture,
                   gconstpointer  data)
{
  EaselTimeouts timeouts = { 5000, 200, 200, 200 };

  easel_client_set_timeouts (fixture->client, &timeouts);
  fixture->stall = TRUE;
  send_and_wait (fixture, "/ok", EASEL_SEND_SUBMIT, NULL);

  g_assert_error (fixture->error, EASEL_ERROR, EASEL_ERROR_TIMEOUT);
  g_assert_cmpuint (fixture->requests, ==, 3);
  g_assert_cmpuint (fixture->retries->len, ==, 2);
}

static void
test_body_cap (Fixture       *fixture,
               gconstpointer  data)
{
  easel_client_set_max_body (fixture->client, 1024 * 1024);

  fixture->body_size = 1024 * 1024;
  send_and_wait (fixture, "/ok", EASEL_SEND_DOWNLOAD, NULL);
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (g_bytes_get_size (fixture->response->body), ==, 1024 * 1024);
  g_clear_pointer (&fixture->response, easel_response_free);

  fixture->body_size = 1024 * 1024 + 1;
  send_and_wait (fixture, "/ok", EASEL_SEND_DOWNLOAD, NULL);
  g_assert_null (fixture->response);
  g_assert_error (fixture->error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE);
  /* Too large is not retried: the next answer would be as large. */
  g_assert_cmpuint (fixture->requests, ==, 2);
}

static void
test_key_stays_on_its_host (Fixture       *fixture,
                            gconstpointer  data)
{
  send_and_wait (fixture, "/redirect-other", EASEL_SEND_SUBMIT, NULL);

  g_assert_no_error (fixture->error);
  g_assert_cmpuint (fixture->response->status, ==, 200);
  g_assert_cmpuint (fixture->requests, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->hosts_seen, 0), ==, "127.0.0.1");
  g_assert_cmpstr (g_ptr_array_index (fixture->auth_seen, 0), ==, "Bearer " KEY);
  g_assert_cmpstr (g_ptr_array_index (fixture->hosts_seen, 1), ==, "127.0.0.2");
  g_assert_cmpstr (g_ptr_array_index (fixture->auth_seen, 1), ==, "");
}

static void
test_downloads_carry_no_key (Fixture       *fixture,
                             gconstpointer  data)
{
  /* Even on the profile's own host. */
  send_and_wait (fixture, "/ok", EASEL_SEND_DOWNLOAD, NULL);

  g_assert_cmpuint (fixture->response->status, ==, 200);
  g_assert_cmpstr (g_ptr_array_index (fixture->auth_seen, 0), ==, "");
}

static void
test_redirect_loop (Fixture       *fixture,
                    gconstpointer  data)
{
  send_and_wait (fixture, "/loop", EASEL_SEND_DOWNLOAD, NULL);

  g_assert_error (fixture->error, EASEL_ERROR, EASEL_ERROR_EXPIRED);
  g_assert_cmpuint (fixture->requests, ==, 6);
  g_clear_error (&fixture->error);

  fixture->requests = 0;
  send_and_wait (fixture, "/loop", EASEL_SEND_SUBMIT, NULL);
  g_assert_error (fixture->error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE);
  g_assert_cmpuint (fixture->requests, ==, 6);
}

static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_in_flight (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  fixture->stall = TRUE;
  g_timeout_add (100, cancel_soon, cancellable);
  send_and_wait (fixture, "/ok", EASEL_SEND_SUBMIT, cancellable);

  g_assert_error (fixture->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->requests, ==, 1);
}

static void
test_cancel_while_waiting_to_retry (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  /* Wait for real this time: a 30 s Retry-After, cancelled after 100 ms. */
  easel_client_set_delay_scale (fixture->client, 1.0);
  fixture->fail_times = 1;
  fixture->fail_status = 429;
  fixture->retry_after = "30";
  g_timeout_add (100, cancel_soon, cancellable);
  send_and_wait (fixture, "/ok", EASEL_SEND_SUBMIT, cancellable);

  g_assert_error (fixture->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->requests, ==, 1);
  g_assert_cmpuint (fixture->retries->len, ==, 1);
}

static void
test_already_cancelled (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  send_and_wait (fixture, "/ok", EASEL_SEND_SUBMIT, cancellable);

  g_assert_error (fixture->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->requests, ==, 0);
}

static void
test_streaming (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->stream = TRUE;
  fixture->body_size = 300 * 1024;
  send_and_wait (fixture, "/ok", EASEL_SEND_SUBMIT, NULL);

  g_assert_no_error (fixture->error);
  g_assert_cmpuint (fixture->streamed->len, ==, 300 * 1024);
  g_assert_cmpuint (fixture->chunks, >, 1);
  /* Streamed bodies are not also collected. */
  g_assert_cmpuint (g_bytes_get_size (fixture->response->body), ==, 0);
}

static GString *log_capture;

static GLogWriterOutput
capture_log (GLogLevelFlags   level,
             const GLogField *fields,
             gsize            n_fields,
             gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE"))
        {
          g_string_append (log_capture, fields[i].value);
          g_string_append_c (log_capture, '\n');
        }
    }

  return G_LOG_WRITER_HANDLED;
}

static void
test_logs_hold_no_secrets (Fixture       *fixture,
                           gconstpointer  data)
{
  log_capture = g_string_new (NULL);
  g_log_set_debug_enabled (TRUE);
  g_log_set_writer_func (capture_log, NULL, NULL);

  fixture->fail_times = 1;
  send_and_wait (fixture, "/redirect-other?token=secret-query", EASEL_SEND_SUBMIT, NULL);
  g_clear_pointer (&fixture->response, easel_response_free);
  send_and_wait (fixture, "/private-result-path", EASEL_SEND_DOWNLOAD, NULL);

  g_assert_nonnull (strstr (log_capture->str, "→ 200"));
  g_assert_null (strstr (log_capture->str, KEY));
  g_assert_null (strstr (log_capture->str, "secret-query"));
  g_assert_null (strstr (log_capture->str, "private-result-path"));
  g_string_free (log_capture, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/policy/max-attempts", test_max_attempts);
  g_test_add_func ("/client/policy/should-retry", test_should_retry);
  g_test_add_func ("/client/policy/delays", test_delays);
  g_test_add_func ("/client/policy/url-rules", test_url_rules);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/client/send/retries-then-succeeds", test_retries_then_succeeds);
  ADD ("/client/send/gives-up-after-two-retries", test_gives_up_after_two_retries);
  ADD ("/client/send/polls-are-patient", test_polls_are_patient);
  ADD ("/client/send/never-retries-refusals", test_never_retries_refusals);
  ADD ("/client/send/retry-after-honoured", test_retry_after_honoured);
  ADD ("/client/send/retry-after-too-long", test_retry_after_too_long);
  ADD ("/client/send/should-retry-false", test_should_retry_false);
  ADD ("/client/send/connection-refused", test_connection_refused);
  ADD ("/client/send/tls-failure", test_tls_failure);
  ADD ("/client/send/read-timeout", test_read_timeout);
  ADD ("/client/send/body-cap", test_body_cap);
  ADD ("/client/send/key-stays-on-its-host", test_key_stays_on_its_host);
  ADD ("/client/send/downloads-carry-no-key", test_downloads_carry_no_key);
  ADD ("/client/send/redirect-loop", test_redirect_loop);
  ADD ("/client/send/cancel-in-flight", test_cancel_in_flight);
  ADD ("/client/send/cancel-while-waiting-to-retry", test_cancel_while_waiting_to_retry);
  ADD ("/client/send/already-cancelled", test_already_cancelled);
  ADD ("/client/send/streaming", test_streaming);
  ADD ("/client/send/logs-hold-no-secrets", test_logs_hold_no_secrets);
#undef ADD

  return g_test_run ();
}
