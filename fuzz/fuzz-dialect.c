/* fuzz-dialect.c: every dialect's submit and poll answers, as HTTP responses
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One target for all four dialects rather than one each: their answers
 * share the reading code (easel-dialect-parse.c, the error bodies, the
 * retry headers), so a mutation found useful for one is worth trying on
 * the others, and one corpus holds every gateway's examples.
 *
 * Input: one selector byte, then an HTTP/1.1 response as it comes off the
 * wire: status line, headers, a blank line, the body.
 *
 *   selector bits 0–1  dialect (EaselDialectKind: openai, icodeeasy,
 *                      yycode, aizfw)
 *            bit  2    0 = the submit answer, 1 = a poll answer (openai
 *                      has no polls: submit again)
 *            bits 3–4  the request's output format (png, jpeg, webp; 3 is
 *                      png), which openai's answers are typed by
 *
 * The status line and headers go through libsoup's own parser, and the
 * Content-Type is reduced as EaselClient reduces it, so the parse
 * functions see what they would see from a real gateway. The retry policy
 * reads the same headers. */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "easel-client.h"
#include "easel-dialect.h"
#include "easel-error.h"
#include "easel-pricing.h"
#include "fuzz-common.h"

#define N_DIALECTS 4
#define FUZZ_API_KEY "sk-fuzz-0123456789"

static EaselProfile *profiles[N_DIALECTS];
static EaselRequest *requests[3];
static EaselClient *client;

static const char *const preset_for_dialect[N_DIALECTS] = {
  [EASEL_DIALECT_OPENAI] = "openai",
  [EASEL_DIALECT_ICODEEASY] = "icodeeasy",
  [EASEL_DIALECT_YYCODE] = "yycode",
  [EASEL_DIALECT_AIZFW] = "aizfw",
};

/* Where each dialect polls, after its base URL. */
static const char *const poll_path[N_DIALECTS] = {
  [EASEL_DIALECT_OPENAI] = NULL,
  [EASEL_DIALECT_ICODEEASY] = "/images/tasks/",
  [EASEL_DIALECT_YYCODE] = "/api/jobs/",
  [EASEL_DIALECT_AIZFW] = "/v1/result/",
};

/* Retry-After dates are read against this clock: a fixed moment, so a
 * crash found here happens again when the input is replayed. */
static double
fixed_clock (gpointer user_data)
{
  return 1767225600.0;   /* 2026-01-01 00:00:00 UTC */
}

static double
fixed_random (gpointer user_data)
{
  return 0.5;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init (argc, argv);

  for (guint i = 0; i < N_DIALECTS; i++)
    {
      profiles[i] = easel_profile_new_from_preset (preset_for_dialect[i], "fuzz");
      g_assert (easel_profile_get_dialect (profiles[i]) == i);
    }

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      requests[i] = easel_request_new ();
      easel_request_set_prompt (requests[i], "a lighthouse at dusk");
      easel_request_set_output_format (requests[i], i);
    }

  client = easel_client_new ();
  easel_client_set_clock (client, fixed_clock, NULL);
  easel_client_set_random (client, fixed_random, NULL);

  return 0;
}

/* The end of the status line and headers: the first empty line, ended by
 * CRLF or LF as libsoup accepts either. */
static gsize
head_length (const char *data,
             gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (data[i] != '\n')
        continue;
      if (i + 1 < length && data[i + 1] == '\n')
        return i + 2;
      if (i + 2 < length && data[i + 1] == '\r' && data[i + 2] == '\n')
        return i + 3;
    }

  return length;
}

/* A remote id goes into the poll URL: whatever the gateway put in it, the
 * poll must ask for that one resource under the profile's base URL, with
 * no query or fragment of the gateway's making. */
static void
check_poll_request (EaselDialectKind  kind,
                    const char       *remote_id)
{
  const EaselDialect *dialect = easel_dialect_get (kind);
  g_autoptr(EaselWireRequest) wire = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) base = NULL;
  g_autofree char *expected_prefix = NULL;
  const char *path;

  if (dialect->build_poll == NULL)
    return;

  wire = dialect->build_poll (profiles[kind], remote_id, FUZZ_API_KEY);
  fuzz_check (wire != NULL, remote_id);
  fuzz_check (g_str_equal (wire->method, "GET"), wire->method);

  /* As libsoup reads it for the SoupMessage. */
  uri = g_uri_parse (wire->url, SOUP_HTTP_URI_FLAGS, NULL);
  fuzz_check (uri != NULL, wire->url);
  base = g_uri_parse (easel_profile_get_base_url (profiles[kind]), SOUP_HTTP_URI_FLAGS, NULL);
  g_assert (base != NULL);

  fuzz_check (g_strcmp0 (g_uri_get_host (uri), g_uri_get_host (base)) == 0, wire->url);
  fuzz_check (g_uri_get_query (uri) == NULL, wire->url);
  fuzz_check (g_uri_get_fragment (uri) == NULL, wire->url);

  path = g_uri_get_path (uri);
  /* A normalized URI's empty path is "/". */
  expected_prefix = g_strconcat (g_uri_get_path (base), poll_path[kind], NULL);
  if (g_str_has_prefix (expected_prefix, "//"))
    memmove (expected_prefix, expected_prefix + 1, strlen (expected_prefix));
  fuzz_check (g_str_has_prefix (path, expected_prefix), wire->url);
  /* One path segment, which must be the id itself. */
  fuzz_check (strchr (path + strlen (expected_prefix), '/') == NULL, wire->url);
  fuzz_check (path[strlen (expected_prefix)] != '\0', wire->url);
  {
    g_autofree char *segment = g_uri_unescape_string (path + strlen (expected_prefix), NULL);

    fuzz_check (g_strcmp0 (segment, remote_id) == 0, wire->url);
  }

  /* The key goes in a header the client can drop, never in the URL
   * (unless the gateway wrote it into the id: libFuzzer learns strings it
   * sees compared). */
  if (strstr (remote_id, FUZZ_API_KEY) == NULL)
    fuzz_check (strstr (wire->url, FUZZ_API_KEY) == NULL, wire->url);
}

static void
check_outcome (EaselDialectKind  kind,
               gboolean          poll,
               EaselRequest     *request,
               EaselOutcome     *outcome)
{
  double amount = 0;

  switch (outcome->kind)
    {
    case EASEL_OUTCOME_IMAGES:
      fuzz_check (outcome->images->len > 0, NULL);
      fuzz_check (outcome->urls->len == 0, NULL);
      for (guint i = 0; i < outcome->images->len; i++)
        {
          EaselOutcomeImage *image = g_ptr_array_index (outcome->images, i);

          fuzz_check (image->b64 != NULL && *image->b64 != '\0', NULL);
          if (image->mime_type != NULL)
            fuzz_check (g_utf8_validate (image->mime_type, -1, NULL), image->mime_type);
        }
      break;

    case EASEL_OUTCOME_URLS:
      fuzz_check (outcome->urls->len > 0, NULL);
      fuzz_check (outcome->images->len == 0, NULL);
      for (guint i = 0; i < outcome->urls->len; i++)
        {
          const char *url = g_ptr_array_index (outcome->urls, i);
          g_autoptr(GError) error = NULL;

          fuzz_check (url != NULL && *url != '\0', NULL);
          /* What the job asks before downloading. */
          if (!easel_url_is_allowed (url, &error))
            fuzz_check_gateway_error (error);
        }
      break;

    case EASEL_OUTCOME_PENDING:
      fuzz_check (outcome->images->len == 0 && outcome->urls->len == 0, NULL);
      /* A job that was just submitted can only be polled by its id. */
      if (!poll)
        fuzz_check (outcome->remote_id != NULL, NULL);
      break;

    case EASEL_OUTCOME_PARTIAL:
    default:
      fuzz_fail ("submit and poll answers are never partial images", NULL);
    }

  if (outcome->remote_id != NULL)
    {
      fuzz_check (*outcome->remote_id != '\0', NULL);
      fuzz_check (g_utf8_validate (outcome->remote_id, -1, NULL), outcome->remote_id);
      check_poll_request (kind, outcome->remote_id);
    }
  /* The job card shows it: "Gateway says: …". */
  if (outcome->remote_status != NULL)
    fuzz_check_gateway_text (outcome->remote_status);

  /* What the job shows as the generation's cost. */
  if (easel_pricing_actual (profiles[kind], request, outcome, MAX (outcome->images->len, 1),
                            &amount))
    {
      g_autofree char *shown = easel_pricing_format (amount, "USD");

      fuzz_check_text (shown);
    }
}

static void
check_retry_policy (guint               status,
                    SoupMessageHeaders *headers)
{
  easel_client_should_retry (status, headers);

  for (guint retry = 0; retry < 3; retry++)
    {
      gint64 delay = easel_client_retry_delay_ms (client, retry, headers);

      /* -1: asked to wait longer than Easel will; otherwise at most 2 min. */
      fuzz_check (delay == -1 || (delay >= 0 && delay <= 120 * 1000), NULL);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *content_type = NULL;
  const EaselDialect *dialect;
  EaselDialectKind kind;
  EaselRequest *request;
  const char *response;
  const char *media_type;
  gboolean poll;
  gsize response_length;
  gsize head;
  guint status = 0;

  if (size < 1)
    return 0;

  kind = data[0] & 3;
  poll = (data[0] >> 2) & 1;
  request = requests[((data[0] >> 3) & 3) % G_N_ELEMENTS (requests)];
  dialect = easel_dialect_get (kind);
  if (dialect->parse_poll == NULL)
    poll = FALSE;

  response = (const char *) data + 1;
  response_length = size - 1;
  head = head_length (response, response_length);

  /* libsoup refuses such a response before Easel sees it. */
  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  if (head > G_MAXINT ||
      !soup_headers_parse_response (response, (int) head, headers, NULL, &status, NULL))
    return 0;

  /* As EaselClient hands it on: without parameters, lower case. */
  media_type = soup_message_headers_get_content_type (headers, NULL);
  content_type = media_type ? g_ascii_strdown (media_type, -1) : NULL;
  body = g_bytes_new (response + head, response_length - head);

  check_retry_policy (status, headers);

  if (poll)
    outcome = dialect->parse_poll (profiles[kind], status, content_type, body, &error);
  else
    outcome = dialect->parse_submit (profiles[kind], request, status, content_type, body, &error);

  fuzz_check ((outcome == NULL) != (error == NULL), NULL);
  if (error != NULL)
    fuzz_check_gateway_error (error);
  else
    check_outcome (kind, poll, request, outcome);

  /* What the job shows for a failure, whatever the status. */
  {
    g_autofree char *message = easel_error_gateway_message (body, content_type);

    if (message != NULL)
      fuzz_check_gateway_text (message);
  }

  return 0;
}
