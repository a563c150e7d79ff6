/* easel-error.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One error domain for every failure Easel shows. Each message says what
 * happened and what to do, and ends with the gateway's own words when it
 * said any, so a user can quote them to the gateway's support. */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "easel-dialect-private.h"
#include "easel-error.h"

G_DEFINE_QUARK (easel-error-quark, easel_error)

/* The longest gateway message kept: enough for any real explanation, short
 * enough that an HTML page or a body of junk does not flood the UI. */
#define MAX_GATEWAY_MESSAGE 500

const char *
easel_error_code_to_string (EaselErrorCode code)
{
  switch (code)
    {
    case EASEL_ERROR_INVALID_REQUEST: return "invalid-request";
    case EASEL_ERROR_AUTH: return "auth";
    case EASEL_ERROR_PAYMENT: return "payment";
    case EASEL_ERROR_MODERATION: return "moderation";
    case EASEL_ERROR_RATE_LIMIT: return "rate-limit";
    case EASEL_ERROR_SERVER: return "server";
    case EASEL_ERROR_TIMEOUT: return "timeout";
    case EASEL_ERROR_NETWORK: return "network";
    case EASEL_ERROR_BAD_RESPONSE: return "bad-response";
    case EASEL_ERROR_TOO_LARGE: return "too-large";
    case EASEL_ERROR_REMOTE_FAILED: return "remote-failed";
    case EASEL_ERROR_EXPIRED: return "expired";
    case EASEL_ERROR_CANCELLED: return "cancelled";
    case EASEL_ERROR_TLS: return "tls";
    default: return "unknown";
    }
}

static gboolean
says_balance (const char *message)
{
  g_autofree char *lower = NULL;
  static const char *const words[] = {
    "balance", "quota", "insufficient", "credit", "billing", "余额", "额度", NULL
  };

  if (message == NULL)
    return FALSE;

  lower = g_utf8_strdown (message, -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (strstr (lower, words[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

static GError *
new_with_gateway_message (EaselErrorCode  code,
                          const char     *what,
                          const char     *gateway_message)
{
  g_autofree char *words = easel_error_clip_gateway_text (gateway_message);

  if (words != NULL)
    /* Translators: the first %s is Easel's explanation, the second what the gateway said. */
    return g_error_new (EASEL_ERROR, code, _("%s The gateway said: “%s”"), what, words);

  return g_error_new_literal (EASEL_ERROR, code, what);
}

/**
 * easel_error_new_for_status:
 * @status: an HTTP status that is not a success
 * @gateway_message: (nullable): the gateway's own message
 *
 * Maps a final HTTP status (after retries) to the error the user sees.
 *
 * Returns: (transfer full): a new #GError in %EASEL_ERROR
 */
GError *
easel_error_new_for_status (guint       status,
                            const char *gateway_message)
{
  g_autofree char *what = NULL;
  EaselErrorCode code;

  switch (status)
    {
    case 400:
    case 404:
    case 405:
    case 413:
    case 415:
    case 422:
      code = EASEL_ERROR_INVALID_REQUEST;
      what = g_strdup_printf (_("The gateway refused the request as invalid (HTTP %u). Check the "
                                "size, quality and other settings against what this gateway "
                                "supports, and the profile’s base URL."), status);
      break;

    case 401:
      code = EASEL_ERROR_AUTH;
      what = g_strdup (_("The gateway refused the API key (HTTP 401). Check the key in the "
                         "profile, or create a new one in the gateway’s console."));
      break;

    case 402:
      code = EASEL_ERROR_PAYMENT;
      what = g_strdup (_("The account has no balance or quota left (HTTP 402). Top it up in the "
                         "gateway’s console, then try again."));
      break;

    case 403:
      code = EASEL_ERROR_MODERATION;
      what = g_strdup (_("The gateway blocked the prompt or an image under its content policy "
                         "(HTTP 403). Rephrase the prompt, or set moderation to low."));
      break;

    case 429:
      if (says_balance (gateway_message))
        {
          code = EASEL_ERROR_PAYMENT;
          what = g_strdup (_("The account has no balance or quota left (HTTP 429). Top it up in "
                             "the gateway’s console, then try again."));
        }
      else
        {
          code = EASEL_ERROR_RATE_LIMIT;
          what = g_strdup (_("The gateway is limiting how fast requests may be sent (HTTP 429), "
                             "and it still did after Easel retried. Wait a minute, or run fewer "
                             "jobs at once."));
        }
      break;

    case 408:
      code = EASEL_ERROR_TIMEOUT;
      what = g_strdup (_("The gateway gave up waiting for the request (HTTP 408), also after "
                         "Easel retried. Try again later."));
      break;

    default:
      if (status >= 500)
        {
          code = EASEL_ERROR_SERVER;
          what = g_strdup_printf (_("The gateway failed (HTTP %u), also after Easel retried. It is "
                                    "usually temporary: try again in a few minutes."), status);
        }
      else
        {
          code = EASEL_ERROR_BAD_RESPONSE;
          what = g_strdup_printf (_("The gateway answered with an unexpected HTTP status %u. "
                                    "Check the profile’s base URL."), status);
        }
      break;
    }

  return new_with_gateway_message (code, what, gateway_message);
}

/**
 * easel_error_new_remote_failed:
 * @gateway_message: (nullable): the gateway's reason
 *
 * Returns: (transfer full): the error for a remote job that ended failed
 */
GError *
easel_error_new_remote_failed (const char *gateway_message)
{
  return new_with_gateway_message (EASEL_ERROR_REMOTE_FAILED,
                                   _("The gateway’s job for this request failed. Nothing was "
                                     "produced; adjust the prompt or settings and try again."),
                                   gateway_message);
}

/**
 * easel_error_clip_gateway_text:
 * @text: (nullable): words a gateway sent
 *
 * Makes a gateway's own words fit to show in a message, a label or a
 * terminal: whitespace trimmed, control characters (but newlines and
 * tabs) turned into spaces, so that a gateway cannot send escape
 * sequences to easel-cli's terminal, and cut at 500 characters with an
 * ellipsis, so that a page of junk does not flood the window.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when it is empty
 *   or not UTF-8
 */
char *
easel_error_clip_gateway_text (const char *text)
{
  g_autoptr(GString) clean = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  clean = g_string_sized_new (MIN (strlen (text), MAX_GATEWAY_MESSAGE * 4) + 1);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) && c != '\n' && c != '\t')
        c = ' ';
      g_string_append_unichar (clean, c);
    }

  g_strstrip (clean->str);
  if (*clean->str == '\0')
    return NULL;

  if (g_utf8_strlen (clean->str, -1) > MAX_GATEWAY_MESSAGE)
    {
      g_autofree char *cut = g_utf8_substring (clean->str, 0, MAX_GATEWAY_MESSAGE);

      return g_strconcat (g_strchomp (cut), "…", NULL);
    }

  return g_strdup (clean->str);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  return NULL;
}

/**
 * easel_error_gateway_message:
 * @body: (nullable): an error response's body
 * @content_type: (nullable): its Content-Type
 *
 * Finds the gateway's own message in an error body: `error.message`
 * (OpenAI, icodeeasy, yycode), `error` as a string (aizfw), or `message`.
 * An HTML page yields its <title>; anything else yields nothing rather
 * than junk.
 *
 * Returns: (transfer full) (nullable): the message, at most 500 characters
 */
char *
easel_error_gateway_message (GBytes     *body,
                             const char *content_type)
{
  g_autoptr(JsonNode) root = NULL;
  const char *data;
  gsize length;

  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &length);
  if (length == 0 || length > 1024 * 1024)
    return NULL;

  /* Nesting json-glib's recursion could not survive: no words to pass on. */
  if (!easel_dialect_json_depth_ok (data, length))
    return NULL;

  if (content_type != NULL && g_str_has_prefix (content_type, "text/html"))
    {
      g_autofree char *text = g_strndup (data, length);
      char *start = strstr (text, "<title>");
      char *stop = start ? strstr (start, "</title>") : NULL;

      if (start != NULL && stop != NULL)
        {
          *stop = '\0';
          return easel_error_clip_gateway_text (start + strlen ("<title>"));
        }
      return NULL;
    }

  /* The dialects' reading: one JSON object, long strings the fast way. */
  root = easel_dialect_parse_body (body, content_type, NULL);
  if (root == NULL)
    return NULL;

  {
    JsonObject *object = json_node_get_object (root);
    JsonNode *error = json_object_get_member (object, "error");

    if (error != NULL && JSON_NODE_HOLDS_OBJECT (error))
      {
        const char *message = member_string (json_node_get_object (error), "message");

        if (message != NULL)
          return easel_error_clip_gateway_text (message);
      }
    else if (error != NULL && JSON_NODE_HOLDS_VALUE (error) &&
             json_node_get_value_type (error) == G_TYPE_STRING)
      {
        return easel_error_clip_gateway_text (json_node_get_string (error));
      }

    return easel_error_clip_gateway_text (member_string (object, "message"));
  }
}

/**
 * easel_error_exit_code:
 * @error: a #GError
 * @sent: whether the request had reached the gateway
 *
 * The easel-cli exit status for an error (DESIGN.md §8): 2 invalid before
 * sending, 3 the gateway refused (4xx, job failed, expired), 4 network or
 * server after retries, 5 cancelled.
 *
 * Returns: the exit status
 */
int
easel_error_exit_code (const GError *error,
                       gboolean      sent)
{
  g_return_val_if_fail (error != NULL, 1);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return 5;

  if (error->domain != EASEL_ERROR)
    return 4;

  switch ((EaselErrorCode) error->code)
    {
    case EASEL_ERROR_INVALID_REQUEST:
      return sent ? 3 : 2;

    case EASEL_ERROR_AUTH:
    case EASEL_ERROR_PAYMENT:
    case EASEL_ERROR_MODERATION:
    case EASEL_ERROR_REMOTE_FAILED:
    case EASEL_ERROR_EXPIRED:
      return 3;

    case EASEL_ERROR_CANCELLED:
      return 5;

    case EASEL_ERROR_RATE_LIMIT:
    case EASEL_ERROR_SERVER:
    case EASEL_ERROR_TIMEOUT:
    case EASEL_ERROR_NETWORK:
    case EASEL_ERROR_TLS:
    case EASEL_ERROR_BAD_RESPONSE:
    case EASEL_ERROR_TOO_LARGE:
    default:
      return 4;
    }
}
