/* test-connection-check.c: "Test connection" for every preset against the
 * mock gateway: a working key, a refused one, no key, a refused port, a
 * failed handshake, a broken or silent gateway, and cancellation, with the
 * key kept out of every message and off the file host
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "easel-connection-check.h"
#include "easel-error.h"
#include "easel-mock-server.h"

#define KEY       "sk-sentinel-check-5f0e2a9b7c4d"
#define WRONG_KEY "sk-sentinel-wrong-91d3b6e8a2f7"
#define PROBE_ID  "easel-connection-check"
#define LIMIT_SECONDS 60

typedef struct
{
  EaselMockServer *mock;
  EaselClient     *client;
} Fixture;

typedef struct
{
  const char            *preset;
  const char            *path;          /* what the probe asks the mock for */
  gboolean               keyed;         /* whether the dialect sends the key with it */
  EaselConnectionResult  right_key;
  EaselConnectionResult  wrong_key;
} PresetCase;

/* yycode's job query takes no key, and every keyed yycode request starts a
 * billed job: the key cannot be checked for free, whichever it is. */
static const PresetCase presets[] = {
  { "openai", "/openai/v1/models", TRUE,
    EASEL_CONNECTION_WORKS, EASEL_CONNECTION_KEY_REJECTED },
  { "apiyi", "/openai/v1/models", TRUE,
    EASEL_CONNECTION_WORKS, EASEL_CONNECTION_KEY_REJECTED },
  { "icodeeasy", "/icodeeasy/v1/images/tasks/" PROBE_ID, TRUE,
    EASEL_CONNECTION_WORKS, EASEL_CONNECTION_KEY_REJECTED },
  { "yycode", "/yycode/api/jobs/" PROBE_ID, FALSE,
    EASEL_CONNECTION_UNVERIFIED, EASEL_CONNECTION_UNVERIFIED },
  { "aizfw", "/aizfw/kyyReactApiServer/v1/result/" PROBE_ID, TRUE,
    EASEL_CONNECTION_WORKS, EASEL_CONNECTION_KEY_REJECTED },
  { "aizfw-r", "/aizfw/kyyReactApiServer/v1/result/" PROBE_ID, TRUE,
    EASEL_CONNECTION_WORKS, EASEL_CONNECTION_KEY_REJECTED },
};

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  EaselTimeouts timeouts = { 2000, 1500, 1500, 1500 };

  fixture->mock = easel_mock_server_new (&error);
  g_assert_no_error (error);
  easel_mock_server_set_api_key (fixture->mock, KEY);
  fixture->client = easel_client_new ();
  /* The retry policy still decides how often; nobody waits. */
  easel_client_set_delay_scale (fixture->client, 0.0);
  easel_client_set_timeouts (fixture->client, &timeouts);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->mock, easel_mock_server_free);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static EaselProfile *
profile_for (Fixture    *fixture,
             const char *preset)
{
  g_autoptr(EaselProfile) profile = easel_profile_new_from_preset (preset, preset);
  g_autoptr(GError) error = NULL;
  const char *dialect;

  g_assert_nonnull (profile);
  dialect = easel_dialect_kind_to_string (easel_profile_get_dialect (profile));
  g_assert_true (easel_profile_set_base_url (profile,
                                             easel_mock_server_get_base_url (fixture->mock,
                                                                             dialect),
                                             &error));
  g_assert_no_error (error);

  return g_steal_pointer (&profile);
}

/* A profile of @preset's dialect at @base_url. */
static EaselProfile *
profile_at (const char *preset,
            const char *base_url)
{
  g_autoptr(EaselProfile) profile = easel_profile_new_from_preset (preset, preset);
  g_autoptr(GError) error = NULL;

  g_assert_true (easel_profile_set_base_url (profile, base_url, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&profile);
}

typedef struct
{
  gboolean               done;
  EaselConnectionResult  result;
  char                  *message;
  GError                *error;
} Outcome;

static void
on_checked (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Outcome *outcome = user_data;

  g_assert_null (object);
  outcome->result = easel_connection_check_finish (result, &outcome->message, &outcome->error);
  outcome->done = TRUE;
}

static gboolean
on_limit (gpointer user_data)
{
  g_error ("The connection check did not end within %d s", LIMIT_SECONDS);
  return G_SOURCE_REMOVE;
}

static void
wait_for (Outcome *outcome)
{
  guint limit = g_timeout_add_seconds (LIMIT_SECONDS, on_limit, NULL);

  while (!outcome->done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (limit);
}

static EaselConnectionResult
run_check (Fixture       *fixture,
           EaselProfile  *profile,
           const char    *key,
           char         **message)
{
  Outcome outcome = { 0 };

  easel_connection_check_async (fixture->client, profile, key, NULL, on_checked, &outcome);
  wait_for (&outcome);
  g_assert_no_error (outcome.error);
  g_assert_nonnull (outcome.message);
  g_test_message ("%s → %d: %s", easel_profile_get_base_url (profile), outcome.result,
                  outcome.message);
  *message = outcome.message;

  return outcome.result;
}

/* Names the host it talks about, and holds neither key. */
static void
assert_message (const char   *message,
                EaselProfile *profile)
{
  g_assert_nonnull (strstr (message, easel_profile_get_host (profile)));
  g_assert_null (strstr (message, KEY));
  g_assert_null (strstr (message, WRONG_KEY));
  g_assert_null (strstr (message, "sk-sentinel"));
}

/* Nothing went to the file host, where keys must never go, and nothing was
 * submitted: a check costs nothing. */
static void
assert_nothing_spent (Fixture *fixture)
{
  GPtrArray *log = easel_mock_server_get_requests (fixture->mock);

  for (guint i = 0; i < log->len; i++)
    {
      EaselMockRequest *request = g_ptr_array_index (log, i);

      g_assert_false (g_str_has_prefix (request->host, "127.0.0.2"));
      g_assert_cmpint (request->stage, ==, EASEL_MOCK_STAGE_POLL);
      g_assert_cmpstr (request->method, ==, "GET");
      g_assert_true (request->body == NULL || g_bytes_get_size (request->body) == 0);
    }
  g_assert_cmpuint (easel_mock_server_count_key_leaks (fixture->mock), ==, 0);
  g_assert_cmpuint (easel_mock_server_count (fixture->mock, NULL, EASEL_MOCK_STAGE_SUBMIT), ==, 0);
}

/* The one request the mock saw, and the key it carried. */
static void
assert_probe (Fixture          *fixture,
              const PresetCase *preset,
              const char       *key)
{
  GPtrArray *log = easel_mock_server_get_requests (fixture->mock);
  EaselMockRequest *request;
  const char *authorization;

  g_assert_cmpuint (log->len, ==, 1);
  request = g_ptr_array_index (log, 0);
  g_assert_cmpstr (request->path, ==, preset->path);
  g_assert_null (request->query);
  authorization = soup_message_headers_get_one (request->headers, "Authorization");
  g_assert_null (soup_message_headers_get_one (request->headers, "x-demo-api-key"));
  if (preset->keyed)
    {
      g_autofree char *expected = g_strconcat ("Bearer ", key, NULL);

      g_assert_cmpstr (authorization, ==, expected);
    }
  else
    {
      g_assert_null (authorization);
    }
}

/* --- keys ------------------------------------------------------------------ */

static void
test_right_key (Fixture       *fixture,
                gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_autoptr(EaselProfile) profile = profile_for (fixture, presets[i].preset);
      g_autofree char *message = NULL;

      easel_mock_server_reset_log (fixture->mock);
      g_assert_cmpint (run_check (fixture, profile, KEY, &message), ==, presets[i].right_key);
      assert_message (message, profile);
      assert_probe (fixture, &presets[i], KEY);
      assert_nothing_spent (fixture);

      if (presets[i].right_key == EASEL_CONNECTION_WORKS)
        g_assert_nonnull (strstr (message, "the key works"));
      else
        /* Honest about what it could not do. */
        g_assert_nonnull (strstr (message, "cannot check a key"));
    }
}

static void
test_wrong_key (Fixture       *fixture,
                gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_autoptr(EaselProfile) profile = profile_for (fixture, presets[i].preset);
      g_autofree char *message = NULL;

      easel_mock_server_reset_log (fixture->mock);
      g_assert_cmpint (run_check (fixture, profile, WRONG_KEY, &message), ==,
                       presets[i].wrong_key);
      assert_message (message, profile);
      assert_probe (fixture, &presets[i], WRONG_KEY);
      assert_nothing_spent (fixture);

      if (presets[i].wrong_key == EASEL_CONNECTION_KEY_REJECTED)
        {
          g_assert_nonnull (strstr (message, "refused the key (HTTP 401)"));
          /* A refusal is final: no retries. */
          g_assert_cmpuint (easel_mock_server_get_requests (fixture->mock)->len, ==, 1);
        }
      else
        {
          /* yycode: the wrong key is not caught, and the message says so
           * rather than claiming it works. */
          g_assert_nonnull (strstr (message, "checked by the first generation"));
          g_assert_null (strstr (message, "works"));
        }
    }
}

static void
test_no_key (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = profile_for (fixture, "openai");
  g_autofree char *message = NULL;

  g_assert_cmpint (run_check (fixture, profile, NULL, &message), ==,
                   EASEL_CONNECTION_KEY_REJECTED);
  assert_message (message, profile);
  g_assert_nonnull (strstr (message, "has none"));
  g_assert_null (soup_message_headers_get_one (
    ((EaselMockRequest *) g_ptr_array_index (easel_mock_server_get_requests (fixture->mock), 0))
      ->headers, "Authorization"));
}

/* A gateway may quote the key it refused; the message must not. */
static void
test_echoed_key (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = profile_for (fixture, "icodeeasy");
  g_autofree char *message = NULL;

  easel_mock_server_set_fault (fixture->mock, EASEL_MOCK_STAGE_POLL, EASEL_MOCK_FAULT_AUTH, 1,
                               "Invalid API key: " KEY);
  g_assert_cmpint (run_check (fixture, profile, KEY, &message), ==,
                   EASEL_CONNECTION_KEY_REJECTED);
  assert_message (message, profile);
  /* The gateway's words are kept, without the key. */
  g_assert_nonnull (strstr (message, "Invalid API key"));
}

/* openai-compatible gateways without a model list: reached, key unchecked. */
static void
test_no_model_list (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *base = g_strconcat (easel_mock_server_get_base_url (fixture->mock, "yycode"),
                                       "/v1", NULL);
  g_autoptr(EaselProfile) profile = profile_at ("apiyi", base);
  g_autofree char *message = NULL;

  /* The mock has no /yycode/v1/models: a 404 from a live host. */
  g_assert_cmpint (run_check (fixture, profile, KEY, &message), ==,
                   EASEL_CONNECTION_UNVERIFIED);
  assert_message (message, profile);
  g_assert_nonnull (strstr (message, "first generation"));
}

/* --- transport ------------------------------------------------------------- */

static guint
closed_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);

  return port;
}

static void
test_unreachable (Fixture       *fixture,
                  gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_autofree char *base = g_strdup_printf ("http://127.0.0.1:%u/v1", closed_port ());
      g_autoptr(EaselProfile) profile = profile_at (presets[i].preset, base);
      g_autofree char *message = NULL;

      g_assert_cmpint (run_check (fixture, profile, KEY, &message), ==,
                       EASEL_CONNECTION_UNREACHABLE);
      assert_message (message, profile);
      g_assert_true (g_str_has_prefix (message, "Could not reach 127.0.0.1:"));
    }
}

/* A web server answers a TLS handshake on its http port with a plain 400;
 * a SoupServer (the mock's) would wait for the end of a request header
 * that never comes, and the check would time out instead. */
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
test_tls_failed (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_from_string ("127.0.0.1");
  g_autoptr(GSocketAddress) wanted = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  const char *tls_presets[] = { "openai" };
  /* A handshake takes a second or more under ASan with slow unwinding; the
   * short poll timeout would turn this into a timeout. */
  EaselTimeouts timeouts = { 30000, 30000, 30000, 30000 };
  guint port;

  easel_client_set_timeouts (fixture->client, &timeouts);

  g_socket_listener_add_address (G_SOCKET_LISTENER (service), wanted, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (service, "incoming", G_CALLBACK (on_plain_incoming), NULL);
  g_socket_service_start (service);

  /* The handshake fails before any dialect matters, so one preset will
   * do: each check makes six handshakes, which are slow under ASan. */
  for (guint i = 0; i < G_N_ELEMENTS (tls_presets); i++)
    {
      g_autofree char *base = g_strdup_printf ("https://127.0.0.1:%u/v1", port);
      g_autoptr(EaselProfile) profile = profile_at (tls_presets[i], base);
      g_autofree char *message = NULL;

      g_assert_cmpint (run_check (fixture, profile, KEY, &message), ==,
                       EASEL_CONNECTION_TLS_FAILED);
      assert_message (message, profile);
      g_assert_nonnull (strstr (message, "secure connection"));
      g_assert_null (strstr (message, ".."));
    }

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
}

/* A proxy's HTML error page in front of the gateway, to every retry. */
static void
test_html_502 (Fixture       *fixture,
               gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_autoptr(EaselProfile) profile = profile_for (fixture, presets[i].preset);
      g_autofree char *message = NULL;

      easel_mock_server_reset_log (fixture->mock);
      easel_mock_server_clear_faults (fixture->mock);
      easel_mock_server_set_fault (fixture->mock, EASEL_MOCK_STAGE_POLL,
                                   EASEL_MOCK_FAULT_HTML_ERROR, 0, NULL);
      g_assert_cmpint (run_check (fixture, profile, KEY, &message), ==,
                       EASEL_CONNECTION_UNEXPECTED);
      assert_message (message, profile);
      g_assert_nonnull (strstr (message, "HTTP 502"));
      /* Retried once, as a connection test is, then given up. */
      g_assert_cmpuint (easel_mock_server_get_requests (fixture->mock)->len, ==,
                        easel_client_max_attempts (EASEL_SEND_PROBE));
      assert_nothing_spent (fixture);
    }
}

/* A 200 web page where the API should be. */
static void
test_not_json (Fixture       *fixture,
               gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_autoptr(EaselProfile) profile = profile_for (fixture, presets[i].preset);
      g_autofree char *message = NULL;
      EaselConnectionResult result;

      easel_mock_server_clear_faults (fixture->mock);
      easel_mock_server_set_fault (fixture->mock, EASEL_MOCK_STAGE_POLL,
                                   EASEL_MOCK_FAULT_MALFORMED_JSON, 1, NULL);
      result = run_check (fixture, profile, KEY, &message);
      assert_message (message, profile);
      /* Never "works" on an answer that shows nothing. */
      if (g_str_equal (presets[i].preset, "icodeeasy") || g_str_has_prefix (presets[i].preset,
                                                                            "aizfw"))
        g_assert_cmpint (result, ==, EASEL_CONNECTION_UNVERIFIED);
      else
        g_assert_cmpint (result, ==, EASEL_CONNECTION_UNEXPECTED);
    }
}

static void
test_stall (Fixture       *fixture,
            gconstpointer  data)
{
  EaselTimeouts timeouts = { 2000, 1500, 150, 1500 };
  g_autoptr(EaselProfile) profile = profile_for (fixture, "aizfw");
  g_autofree char *message = NULL;

  easel_client_set_timeouts (fixture->client, &timeouts);
  easel_mock_server_set_fault (fixture->mock, EASEL_MOCK_STAGE_POLL, EASEL_MOCK_FAULT_STALL, 0,
                               NULL);
  g_assert_cmpint (run_check (fixture, profile, KEY, &message), ==,
                   EASEL_CONNECTION_UNREACHABLE);
  assert_message (message, profile);
  g_assert_nonnull (strstr (message, "did not answer in time"));
  assert_nothing_spent (fixture);
}

/* --- cancellation ---------------------------------------------------------- */

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = profile_for (fixture, "openai");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome outcome = { 0 };

  /* In flight: the mock holds the request until the check is cancelled. */
  easel_mock_server_set_fault (fixture->mock, EASEL_MOCK_STAGE_POLL, EASEL_MOCK_FAULT_STALL, 0,
                               NULL);
  easel_connection_check_async (fixture->client, profile, KEY, cancellable, on_checked, &outcome);
  while (easel_mock_server_get_n_open (fixture->mock) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  wait_for (&outcome);

  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (outcome.message);
  g_clear_error (&outcome.error);
}

static void
test_cancel_before (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = profile_for (fixture, "icodeeasy");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome outcome = { 0 };

  g_cancellable_cancel (cancellable);
  easel_connection_check_async (fixture->client, profile, KEY, cancellable, on_checked, &outcome);
  wait_for (&outcome);

  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (outcome.message);
  g_clear_error (&outcome.error);
  g_assert_cmpuint (easel_mock_server_get_requests (fixture->mock)->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/connection-check/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("right-key", test_right_key);
  ADD ("wrong-key", test_wrong_key);
  ADD ("no-key", test_no_key);
  ADD ("echoed-key", test_echoed_key);
  ADD ("no-model-list", test_no_model_list);
  ADD ("unreachable", test_unreachable);
  ADD ("tls-failed", test_tls_failed);
  ADD ("html-502", test_html_502);
  ADD ("not-json", test_not_json);
  ADD ("stall", test_stall);
  ADD ("cancel", test_cancel);
  ADD ("cancel-before", test_cancel_before);

#undef ADD

  return g_test_run ();
}
