/* easel-dialect-parse.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reading gateway answers, shared by the dialects: JSON that may be junk,
 * members that may be missing or of the wrong type, error bodies in each
 * gateway's form, and base64 images that may be tens of megabytes (kept
 * as received, copied once). Every failure is an EASEL_ERROR that names
 * what was wrong, never a crash. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-dialect-private.h"
#include "easel-error.h"

gboolean
easel_dialect_is_success (guint status)
{
  return status >= 200 && status < 300;
}

/* "." and ".." would be path steps in the poll URL, not a name; empty
 * names nothing. */
gboolean
easel_dialect_is_usable_id (const char *id)
{
  return id != NULL && *id != '\0' && !g_str_equal (id, ".") && !g_str_equal (id, "..");
}

GError *
easel_dialect_status_error (guint       status,
                            const char *content_type,
                            GBytes     *body)
{
  g_autofree char *message = easel_error_gateway_message (body, content_type);

  return easel_error_new_for_status (status, message);
}

/* "image/png;base64" → "image/png"; "text/html; charset=utf-8" → "text/html". */
static void
cut_at_semicolon (char *text)
{
  char *semicolon = strchr (text, ';');

  if (semicolon != NULL)
    *semicolon = '\0';
}

/* json-glib could not read the answer: say why, in the user's terms. */
static void
set_not_json (GError       **error,
              const char    *content_type,
              const GError  *parse_error)
{
  g_autofree char *media_type = NULL;

  if (content_type != NULL && strstr (content_type, "json") == NULL)
    {
      g_autofree char *type = g_utf8_make_valid (content_type, -1);

      /* A header is the gateway's text too: no control characters. */
      cut_at_semicolon (type);
      media_type = easel_error_clip_gateway_text (type);
    }

  if (media_type != NULL && *media_type != '\0')
    g_set_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
                 /* Translators: %s is a media type such as text/html. */
                 _("The gateway answered with %s instead of JSON. Check the profile’s "
                   "base URL: it may point to a web page rather than the API."), media_type);
  else
    {
      /* json-glib quotes the token it choked on: the gateway's bytes, as
       * long and as strange as they came. */
      g_autofree char *valid = g_utf8_make_valid (parse_error->message, -1);
      g_autofree char *why = easel_error_clip_gateway_text (valid);

      g_set_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
                   /* Translators: %s is the JSON parser's explanation. */
                   _("The gateway’s answer is not valid JSON: %s"), why ? why : "");
    }
}

static JsonNode *
parse_json (const char  *data,
            gsize        length,
            const char  *content_type,
            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (data == NULL || length == 0)
    {
      g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
                           _("The gateway’s answer is empty. Check the profile’s base URL."));
      return NULL;
    }

  /* What json-glib 1.6 would leak memory on (for every such answer),
   * crash on, or read to strings that are not UTF-8 is refused before it
   * sees it. */
  switch (easel_dialect_json_hazard (data, length))
    {
    case EASEL_JSON_HAZARD_SEVERAL_VALUES:
      local_error = g_error_new_literal (JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                                         _("more follows the end of its first value"));
      set_not_json (error, content_type, local_error);
      return NULL;

    case EASEL_JSON_HAZARD_BAD_ESCAPE:
      local_error = g_error_new_literal (JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                                         _("a string holds a malformed \\u escape"));
      set_not_json (error, content_type, local_error);
      return NULL;

    case EASEL_JSON_HAZARD_TOO_DEEP:
      /* Refused before json-glib's recursion can overflow the stack. */
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
                   _("The gateway’s answer nests more than %d levels deep, far more than any "
                     "image API does, so Easel did not read it. Check the profile’s base URL; "
                     "if it is right, the gateway is sending damaged answers."),
                   EASEL_JSON_MAX_DEPTH);
      return NULL;

    case EASEL_JSON_HAZARD_NOT_UTF8:
      local_error = g_error_new_literal (JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                                         _("it is not UTF-8 text"));
      set_not_json (error, content_type, local_error);
      return NULL;

    case EASEL_JSON_HAZARD_NONE:
    default:
      break;
    }

  /* Big base64 strings go the fast way; json-glib alone reads the rest,
   * and whatever that way leaves to it. */
  root = easel_dialect_json_parse_lifting (data, length);
  if (root == NULL)
    {
      parser = json_parser_new ();
      if (!json_parser_load_from_data (parser, data, length, &local_error))
        {
          set_not_json (error, content_type, local_error);
          return NULL;
        }
      root = json_parser_steal_root (parser);
    }

  if (root == NULL)
    {
      g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
                           _("The gateway’s answer is empty. Check the profile’s base URL."));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
                           _("The gateway’s answer is not a JSON object."));
      return NULL;
    }

  return g_steal_pointer (&root);
}

/* Returns a node that holds an object, or NULL and a BAD_RESPONSE error. */
JsonNode *
easel_dialect_parse_body (GBytes      *body,
                          const char  *content_type,
                          GError     **error)
{
  const char *data = NULL;
  gsize length = 0;

  if (body != NULL)
    data = g_bytes_get_data (body, &length);

  return parse_json (data, length, content_type, error);
}

JsonNode *
easel_dialect_parse_text (const char  *text,
                          GError     **error)
{
  return parse_json (text, text ? strlen (text) : 0, NULL, error);
}

void
easel_dialect_set_missing (GError     **error,
                           const char  *member)
{
  g_set_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
               /* Translators: %s is a JSON member name such as jobId or data[0].b64_json. */
               _("The gateway’s answer has no usable “%s”. The gateway may have changed its "
                 "API, or the base URL may point to another service."), member);
}

void
easel_dialect_set_no_images (GError     **error,
                             const char  *gateway_message)
{
  const char *what = _("The gateway answered without any image. Try again; if it happens "
                       "again, the gateway may have filtered the result.");
  g_autofree char *words = easel_error_clip_gateway_text (gateway_message);

  if (words != NULL)
    /* Translators: the first %s is Easel's explanation, the second what the gateway said. */
    g_set_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE, _("%s The gateway said: “%s”"),
                 what, words);
  else
    g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE, what);
}

void
easel_dialect_set_unknown_status (GError     **error,
                                  const char  *status)
{
  g_autofree char *word = easel_error_clip_gateway_text (status);

  g_set_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
               /* Translators: %s is a job status word sent by the gateway. */
               _("The gateway reported the job status “%s”, which Easel does not know."),
               word ? word : "");
}

static JsonNode *
member_value (JsonObject *object,
              const char *name,
              GType       type)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;

  return node;
}

const char *
easel_dialect_json_string (JsonObject *object,
                           const char *name)
{
  JsonNode *node = member_value (object, name, G_TYPE_STRING);

  return node ? json_node_get_string (node) : NULL;
}

JsonObject *
easel_dialect_json_object (JsonObject *object,
                           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
easel_dialect_json_array (JsonObject *object,
                          const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

gboolean
easel_dialect_json_int (JsonObject *object,
                        const char *name,
                        gint64     *value)
{
  JsonNode *node;
  double number;

  node = member_value (object, name, G_TYPE_INT64);
  if (node != NULL)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }

  /* 42.0 is still a count. */
  node = member_value (object, name, G_TYPE_DOUBLE);
  if (node == NULL)
    return FALSE;

  /* Only within gint64 is the cast defined: json-glib reads 1e400 as inf
   * and 1e300 as itself, and neither is a count. */
  number = json_node_get_double (node);
  if (!(number >= (double) G_MININT64 && number < -(double) G_MININT64) ||
      number != (double) (gint64) number)
    return FALSE;

  *value = (gint64) number;
  return TRUE;
}

gboolean
easel_dialect_json_number (JsonObject *object,
                           const char *name,
                           double     *value)
{
  JsonNode *node = member_value (object, name, G_TYPE_DOUBLE);

  if (node != NULL)
    {
      *value = json_node_get_double (node);
      return TRUE;
    }

  node = member_value (object, name, G_TYPE_INT64);
  if (node != NULL)
    {
      *value = (double) json_node_get_int (node);
      return TRUE;
    }

  return FALSE;
}

gboolean
easel_dialect_json_bool (JsonObject *object,
                         const char *name,
                         gboolean   *value)
{
  JsonNode *node = member_value (object, name, G_TYPE_BOOLEAN);

  if (node == NULL)
    return FALSE;

  *value = json_node_get_boolean (node);
  return TRUE;
}

/* A job's or task's reason for failing, in whichever form the gateway
 * puts it: "error" as text (aizfw), error.message (yycode, OpenAI), or a
 * top-level "message"; clipped like every gateway's words. */
char *
easel_dialect_error_text (JsonObject *object)
{
  const char *text = easel_dialect_json_string (object, "error");
  JsonObject *error = easel_dialect_json_object (object, "error");

  if (text == NULL && error != NULL)
    text = easel_dialect_json_string (error, "message");
  if (text == NULL)
    text = easel_dialect_json_string (object, "message");

  return easel_error_clip_gateway_text (text);
}

void
easel_dialect_read_usage (JsonObject   *object,
                          EaselOutcome *outcome)
{
  JsonObject *usage = easel_dialect_json_object (object, "usage");
  gint64 value;

  if (usage == NULL)
    return;

  if (easel_dialect_json_int (usage, "input_tokens", &value))
    outcome->input_tokens = value;
  if (easel_dialect_json_int (usage, "output_tokens", &value))
    outcome->output_tokens = value;
  if (easel_dialect_json_int (usage, "total_tokens", &value))
    outcome->total_tokens = value;
}

/* Base64 is kept as received: one copy, no decoding here (a worker thread
 * decodes it later). Some gateways prefix it with "data:image/png;base64,"
 * even where the API says raw base64; the prefix then also tells the type. */
gboolean
easel_dialect_add_b64 (EaselOutcome  *outcome,
                       const char    *b64,
                       const char    *mime_type,
                       const char    *member,
                       GError       **error)
{
  g_autofree char *stated_type = NULL;

  if (b64 != NULL && g_str_has_prefix (b64, "data:"))
    {
      const char *comma = strchr (b64, ',');

      if (comma == NULL)
        {
          easel_dialect_set_missing (error, member);
          return FALSE;
        }

      if (g_str_has_prefix (b64, "data:image/"))
        {
          stated_type = g_strndup (b64 + strlen ("data:"), comma - b64 - strlen ("data:"));
          cut_at_semicolon (stated_type);
          mime_type = stated_type;
        }
      b64 = comma + 1;
    }

  if (b64 == NULL || *b64 == '\0')
    {
      easel_dialect_set_missing (error, member);
      return FALSE;
    }

  easel_outcome_add_image (outcome, b64, mime_type);
  return TRUE;
}

/* The OpenAI Images answer, {created, data: [{b64_json} or {url}], usage},
 * which icodeeasy also speaks (with url and an id). */
EaselOutcome *
easel_dialect_parse_data (JsonObject  *root,
                          const char  *mime_type,
                          GError     **error)
{
  g_autoptr(EaselOutcome) outcome = NULL;
  JsonNode *node = json_object_get_member (root, "data");
  const char *id;
  JsonArray *data;
  guint length;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_autofree char *message = easel_dialect_error_text (root);

      easel_dialect_set_no_images (error, message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      easel_dialect_set_missing (error, "data");
      return NULL;
    }

  data = json_node_get_array (node);
  length = json_array_get_length (data);
  if (length == 0)
    {
      g_autofree char *message = easel_dialect_error_text (root);

      easel_dialect_set_no_images (error, message);
      return NULL;
    }

  outcome = easel_outcome_new (EASEL_OUTCOME_IMAGES);

  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (data, i);
      const char *b64 = NULL;
      const char *url = NULL;
      JsonObject *item;

      if (JSON_NODE_HOLDS_OBJECT (element))
        {
          item = json_node_get_object (element);
          b64 = easel_dialect_json_string (item, "b64_json");
          url = easel_dialect_json_string (item, "url");
        }

      /* The first image decides the form; the rest must follow it. */
      if (i == 0 && b64 == NULL && url != NULL)
        outcome->kind = EASEL_OUTCOME_URLS;

      if (outcome->kind == EASEL_OUTCOME_IMAGES)
        {
          g_autofree char *member = g_strdup_printf ("data[%u].b64_json", i);

          if (!easel_dialect_add_b64 (outcome, b64, mime_type, member, error))
            return NULL;
        }
      else
        {
          if (url == NULL || *url == '\0')
            {
              g_autofree char *member = g_strdup_printf ("data[%u].url", i);

              easel_dialect_set_missing (error, member);
              return NULL;
            }
          g_ptr_array_add (outcome->urls, g_strdup (url));
        }
    }

  easel_dialect_read_usage (root, outcome);

  id = easel_dialect_json_string (root, "id");
  if (easel_dialect_is_usable_id (id))
    outcome->remote_id = g_strdup (id);

  return g_steal_pointer (&outcome);
}
