/* easel-connection-check.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "Test connection": one GET that generates nothing, so testing costs no
 * money. Each dialect has a different free request that involves the key:
 *
 * - openai: GET {base}/models with the Bearer key. A gateway without a
 *   model list answers 404, and then the key was not looked at.
 * - icodeeasy: GET {base}/images/tasks/<an id that cannot exist>. The key
 *   is checked first (seed 003: "401 authentication_error: missing or
 *   invalid API Key"), so a 404 in the gateway's error JSON means it passed.
 * - aizfw: GET {base}/v1/result/<an id that cannot exist>, likewise.
 * - yycode: every request that takes the key submits a billed job, and the
 *   job query takes no key (seed 000), so the key cannot be checked for
 *   free. The job query only shows that the host answers like yycode, and
 *   the result says plainly that the key is unverified.
 *
 * The request goes through EaselClient like a poll, so it gets the same
 * redirects rules, retries and short timeout, and the key only goes to the
 * profile's host. No message ever holds the key. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "easel-connection-check.h"
#include "easel-dialect-private.h"
#include "easel-error.h"

/* An id no gateway hands out: asking for it reads nothing and makes
 * nothing. */
#define PROBE_ID "easel-connection-check"

typedef struct
{
  EaselClient      *client;
  EaselProfile     *profile;
  char             *host;
  char             *api_key;
} Check;

typedef struct
{
  EaselConnectionResult  result;
  char                  *message;
} Verdict;

static void
check_free (gpointer data)
{
  Check *check = data;

  g_clear_object (&check->client);
  g_clear_object (&check->profile);
  g_free (check->host);
  /* Not left behind in freed memory for anything that reads it later. */
  if (check->api_key != NULL)
    memset (check->api_key, 0, strlen (check->api_key));
  g_free (check->api_key);
  g_free (check);
}

static void
verdict_free (gpointer data)
{
  Verdict *verdict = data;

  g_free (verdict->message);
  g_free (verdict);
}

static const char *
result_to_string (EaselConnectionResult result)
{
  switch (result)
    {
    case EASEL_CONNECTION_WORKS: return "works";
    case EASEL_CONNECTION_UNVERIFIED: return "unverified";
    case EASEL_CONNECTION_KEY_REJECTED: return "key-rejected";
    case EASEL_CONNECTION_UNREACHABLE: return "unreachable";
    case EASEL_CONNECTION_TLS_FAILED: return "tls-failed";
    case EASEL_CONNECTION_UNEXPECTED: return "unexpected";
    default: return "unknown";
    }
}

/* Ends the task with @message (taken). The gateway's words and the
 * transport's are quoted in messages, and a gateway may echo the key it
 * was sent; so the key is cut out here, the one place every message
 * passes through. */
static void
return_verdict (GTask                 *task,
                EaselConnectionResult  result,
                char                  *message)
{
  Check *check = g_task_get_task_data (task);
  GString *text = g_string_new (message);
  Verdict *verdict = g_new0 (Verdict, 1);

  g_free (message);
  if (check->api_key != NULL && *check->api_key != '\0')
    g_string_replace (text, check->api_key, "…", 0);

  verdict->result = result;
  verdict->message = g_string_free (text, FALSE);
  g_debug ("Connection check of %s: %s", check->host, result_to_string (result));

  g_task_return_pointer (task, verdict, verdict_free);
}

/* @what, then the gateway's own words when it said any. */
static char *
with_gateway_words (char          *what,
                    EaselResponse *response)
{
  g_autofree char *owned = what;
  g_autofree char *words = easel_error_gateway_message (response->body, response->content_type);

  if (words == NULL)
    return g_steal_pointer (&owned);

  /* Translators: the first %s is Easel's explanation, the second what the gateway said. */
  return g_strdup_printf (_("%s The gateway said: “%s”"), owned, words);
}

/* --- Reading the answer ---------------------------------------------------- */

static gboolean
is_key_refusal (guint status)
{
  return status == 401 || status == 403;
}

static char *
key_rejected_message (Check *check,
                      guint  status)
{
  if (check->api_key == NULL || *check->api_key == '\0')
    return g_strdup_printf (_("Connected to %s, but the gateway asks for an API key (HTTP %u) "
                              "and the profile has none. Add the key from the gateway’s "
                              "console."), check->host, status);

  return g_strdup_printf (_("Connected to %s, but the gateway refused the key (HTTP %u). Check "
                            "the key, or create a new one in the gateway’s console."),
                          check->host, status);
}

/* A status that none of the dialects' probes expect. */
static char *
unexpected_status_message (Check *check,
                           guint  status)
{
  if (status >= 500)
    return g_strdup_printf (_("Connected to %s, but the gateway failed (HTTP %u), also after "
                              "Easel retried. It is usually temporary: try again in a few "
                              "minutes."), check->host, status);

  if (status == 429)
    return g_strdup_printf (_("Connected to %s, but the gateway is limiting how fast requests "
                              "may be sent (HTTP 429). Wait a minute, then test again."),
                            check->host);

  return g_strdup_printf (_("Connected to %s, but it answered with HTTP %u, which this kind of "
                            "gateway does not. Check the base URL and the gateway type."),
                          check->host, status);
}

static void
judge_response (GTask         *task,
                EaselResponse *response)
{
  Check *check = g_task_get_task_data (task);
  EaselDialectKind dialect = easel_profile_get_dialect (check->profile);
  guint status = response->status;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = NULL;
  /* Where the probe asks for something that does not exist, 404 is the
   * expected answer and 2xx a lenient one. */
  gboolean answered = status == 404 || SOUP_STATUS_IS_SUCCESSFUL (status);

  root = easel_dialect_parse_body (response->body, response->content_type, NULL);
  if (root != NULL)
    object = json_node_get_object (root);

  switch (dialect)
    {
    case EASEL_DIALECT_OPENAI:
      if (is_key_refusal (status))
        {
          return_verdict (task, EASEL_CONNECTION_KEY_REJECTED,
                          with_gateway_words (key_rejected_message (check, status), response));
          return;
        }
      /* Any JSON object will do: OpenAI and the compatible gateways all
       * send a list, but some add or rename members around it. */
      if (SOUP_STATUS_IS_SUCCESSFUL (status) && object != NULL)
        {
          return_verdict (task, EASEL_CONNECTION_WORKS,
                          g_strdup_printf (_("Connected to %s, and the key works."),
                                           check->host));
          return;
        }
      if (status == 404)
        {
          return_verdict (task, EASEL_CONNECTION_UNVERIFIED,
                          g_strdup_printf (_("Connected to %s, but this gateway has no model "
                                             "list to check the key with, so the key will be "
                                             "checked by the first generation. If that fails "
                                             "with HTTP 404, check the base URL."),
                                           check->host));
          return;
        }
      break;

    case EASEL_DIALECT_ICODEEASY:
    case EASEL_DIALECT_AIZFW:
      if (is_key_refusal (status))
        {
          return_verdict (task, EASEL_CONNECTION_KEY_REJECTED,
                          with_gateway_words (key_rejected_message (check, status), response));
          return;
        }
      /* A gateway that refuses a bad key with 401 got past the key to
       * look for the task, so its own JSON about the task means the key
       * passed. icodeeasy words that as {error: {type, message}}; aizfw as
       * {status: "failed", error: "…"}. */
      if (answered && object != NULL &&
          (dialect == EASEL_DIALECT_AIZFW || SOUP_STATUS_IS_SUCCESSFUL (status) ||
           easel_dialect_json_object (object, "error") != NULL))
        {
          return_verdict (task, EASEL_CONNECTION_WORKS,
                          g_strdup_printf (_("Connected to %s, and the key works."),
                                           check->host));
          return;
        }
      if (answered)
        {
          return_verdict (task, EASEL_CONNECTION_UNVERIFIED,
                          g_strdup_printf (_("Connected to %s, but its answer does not show "
                                             "whether the key was checked, so the key will be "
                                             "checked by the first generation."),
                                           check->host));
          return;
        }
      break;

    case EASEL_DIALECT_YYCODE:
      /* Every yycode answer, a failure included, is {ok, …}. */
      if (answered && object != NULL && json_object_has_member (object, "ok"))
        {
          return_verdict (task, EASEL_CONNECTION_UNVERIFIED,
                          g_strdup_printf (_("Connected to %s. This gateway cannot check a key "
                                             "without making an image, so the key will be "
                                             "checked by the first generation."),
                                           check->host));
          return;
        }
      break;

    default:
      g_assert_not_reached ();
    }

  if (answered)
    return_verdict (task, EASEL_CONNECTION_UNEXPECTED,
                    g_strdup_printf (_("Connected to %s, but its answer (HTTP %u) is not what "
                                       "this kind of gateway sends. Check the base URL and the "
                                       "gateway type."), check->host, status));
  else
    return_verdict (task, EASEL_CONNECTION_UNEXPECTED,
                    with_gateway_words (unexpected_status_message (check, status), response));
}

/* The client's error already says what failed and what to do; this adds
 * which host, and sorts it. */
static void
judge_error (GTask  *task,
             GError *error)
{
  Check *check = g_task_get_task_data (task);

  if (g_error_matches (error, EASEL_ERROR, EASEL_ERROR_TLS))
    return_verdict (task, EASEL_CONNECTION_TLS_FAILED,
                    /* Translators: the first %s is a host, the second the reason. */
                    g_strdup_printf (_("Could not make a secure connection to %s. %s"),
                                     check->host, error->message));
  else if (g_error_matches (error, EASEL_ERROR, EASEL_ERROR_NETWORK))
    return_verdict (task, EASEL_CONNECTION_UNREACHABLE,
                    /* Translators: the first %s is a host, the second the reason. */
                    g_strdup_printf (_("Could not reach %s. %s"), check->host, error->message));
  else if (g_error_matches (error, EASEL_ERROR, EASEL_ERROR_TIMEOUT))
    /* The client's words here are about long generations; a connection
     * test that times out has a plainer cause. */
    return_verdict (task, EASEL_CONNECTION_UNREACHABLE,
                    g_strdup_printf (_("%s did not answer in time. Check the base URL and the "
                                       "network connection, or try again later."),
                                     check->host));
  else
    return_verdict (task, EASEL_CONNECTION_UNEXPECTED,
                    /* Translators: the first %s is a host, the second the reason. */
                    g_strdup_printf (_("Connected to %s, but its answer could not be used. %s"),
                                     check->host, error->message));
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(EaselResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = easel_client_send_finish (EASEL_CLIENT (object), result, &error);
  if (response != NULL)
    judge_response (task, response);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    judge_error (task, error);
}

/* --- The probe ------------------------------------------------------------- */

static EaselWireRequest *
build_probe (EaselProfile *profile,
             const char   *api_key)
{
  EaselDialectKind dialect = easel_profile_get_dialect (profile);
  g_autofree char *url = NULL;
  EaselWireRequest *wire;

  if (dialect == EASEL_DIALECT_OPENAI)
    {
      url = easel_dialect_url (profile, "/models");
      wire = easel_wire_request_new ("GET", url);
      easel_dialect_set_bearer (wire, api_key);
      return wire;
    }

  /* The dialect's own poll, so the probe uses exactly the path and key
   * header that a job's polls will: yycode's sends no key at all. */
  return easel_dialect_get (dialect)->build_poll (profile, PROBE_ID, api_key);
}

/**
 * easel_connection_check_async:
 * @client: the app's #EaselClient
 * @profile: the profile to test
 * @api_key: (nullable): its key; sent only as the dialect sends it, and
 *   only to the profile's host
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the check is done
 * @user_data: data for @callback
 *
 * Sends one request that generates nothing, with the short timeout and the
 * retries of a poll, and sorts the answer into an #EaselConnectionResult.
 */
void
easel_connection_check_async (EaselClient         *client,
                              EaselProfile        *profile,
                              const char          *api_key,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(EaselWireRequest) probe = NULL;
  Check *check;

  g_return_if_fail (EASEL_IS_CLIENT (client));
  g_return_if_fail (EASEL_IS_PROFILE (profile));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, easel_connection_check_async);

  check = g_new0 (Check, 1);
  check->client = g_object_ref (client);
  check->profile = g_object_ref (profile);
  check->host = g_strdup (easel_profile_get_host (profile));
  check->api_key = g_strdup (api_key);
  g_task_set_task_data (task, check, check_free);

  probe = build_probe (profile, api_key);
  easel_client_send_async (client, probe, check->host, EASEL_SEND_PROBE, NULL, NULL, NULL,
                           cancellable, on_sent, g_steal_pointer (&task));
}

/**
 * easel_connection_check_finish:
 * @result: the #GAsyncResult given to the callback
 * @message: (out) (optional): a sentence for the user
 * @error: return location for a #GError
 *
 * Every outcome of the check, failures to connect included, is a result
 * with a message; @error is set only when the check was cancelled
 * (%G_IO_ERROR_CANCELLED), and then the return value means nothing.
 *
 * Returns: what the check found
 */
EaselConnectionResult
easel_connection_check_finish (GAsyncResult  *result,
                               char         **message,
                               GError       **error)
{
  Verdict *verdict;
  EaselConnectionResult found;

  if (message != NULL)
    *message = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), EASEL_CONNECTION_UNEXPECTED);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == easel_connection_check_async,
                        EASEL_CONNECTION_UNEXPECTED);

  verdict = g_task_propagate_pointer (G_TASK (result), error);
  if (verdict == NULL)
    return EASEL_CONNECTION_UNEXPECTED;

  found = verdict->result;
  if (message != NULL)
    *message = g_steal_pointer (&verdict->message);
  verdict_free (verdict);

  return found;
}
