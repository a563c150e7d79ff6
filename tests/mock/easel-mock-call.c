/* easel-mock-call.c: one request: its log entry, its body, its parameters
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Endpoints read parameters the same way whether the body was JSON or
 * multipart, and refuse a value of the wrong type with the dialect's own
 * 400, so each dialect's file only states its rules.
 */

#include <string.h>

#include "easel-mock-private.h"

/* --- the request log ------------------------------------------------------- */

void
mock_request_free (gpointer data)
{
  EaselMockRequest *request = data;

  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_free (request->host);
  g_clear_pointer (&request->headers, soup_message_headers_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->dialect);
  g_free (request);
}

static EaselMockRequest *
log_request (EaselMockServer   *self,
             SoupServerMessage *msg,
             MockDialect        dialect,
             EaselMockStage     stage)
{
  EaselMockRequest *request = g_new0 (EaselMockRequest, 1);
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (g_uri_get_path (uri));
  request->query = g_strdup (g_uri_get_query (uri));
  request->headers = soup_message_headers_ref (soup_server_message_get_request_headers (msg));
  request->host = g_strdup (soup_message_headers_get_one (request->headers, "Host"));
  request->body = soup_message_body_flatten (body);
  request->dialect = dialect < MOCK_N_DIALECTS ? g_strdup (mock_dialect_names[dialect]) : NULL;
  request->stage = stage;
  g_ptr_array_add (self->requests, request);

  return request;
}

/* --- one call -------------------------------------------------------------- */

static void
mock_part_free (gpointer data)
{
  MockPart *part = data;

  g_free (part->name);
  g_free (part->filename);
  g_free (part->content_type);
  g_clear_pointer (&part->data, g_bytes_unref);
  g_free (part);
}

void
mock_call_init (MockCall          *call,
                EaselMockServer   *self,
                SoupServerMessage *msg,
                GHashTable        *query,
                MockDialect        dialect,
                EaselMockStage     stage)
{
  memset (call, 0, sizeof *call);
  call->server = self;
  call->msg = msg;
  call->query = query;
  call->dialect = dialect;
  call->stage = stage;
  call->record = log_request (self, msg, dialect, stage);
}

void
mock_call_clear (MockCall *call)
{
  g_clear_pointer (&call->id, g_free);
  g_clear_pointer (&call->json, json_node_unref);
  g_clear_pointer (&call->json_error, g_free);
  g_clear_pointer (&call->parts, g_ptr_array_unref);
  g_clear_pointer (&call->form, g_hash_table_unref);
  g_clear_pointer (&call->body_error, g_free);
  g_clear_pointer (&call->prompt, g_free);
  g_clear_pointer (&call->fault_param, g_free);
}

const char *
mock_call_field (MockCall   *call,
                 const char *name)
{
  return call->form != NULL ? g_hash_table_lookup (call->form, name) : NULL;
}

void
mock_call_note_rejection (MockCall   *call,
                          const char *message)
{
  g_free (call->server->last_rejection);
  call->server->last_rejection = g_strdup (message);
  g_debug ("%s rejected %s: %s",
           call->dialect < MOCK_N_DIALECTS ? mock_dialect_names[call->dialect] : "mock",
           call->record->path, message);
}

void
mock_call_reject (MockCall   *call,
                  const char *param,
                  const char *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  mock_call_note_rejection (call, message);
  mock_respond_error (call, MOCK_ERROR_INVALID, 400, param, message);
}

static JsonNode *
json_member (MockCall   *call,
             const char *name)
{
  JsonNode *node = json_object_get_member (json_node_get_object (call->json), name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

gboolean
mock_param_string (MockCall    *call,
                   const char  *name,
                   const char **value)
{
  if (call->json != NULL)
    {
      JsonNode *node = json_member (call, name);

      if (node == NULL)
        return TRUE;
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          mock_call_reject (call, name, "Invalid type for '%s': expected a string.", name);
          return FALSE;
        }
      *value = json_node_get_string (node);
      return TRUE;
    }

  if (mock_call_field (call, name) != NULL)
    *value = mock_call_field (call, name);
  return TRUE;
}

gboolean
mock_param_int (MockCall   *call,
                const char *name,
                gint64     *value)
{
  const char *text;

  if (call->json != NULL)
    {
      JsonNode *node = json_member (call, name);

      if (node == NULL)
        return TRUE;
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        {
          mock_call_reject (call, name, "Invalid type for '%s': expected an integer.", name);
          return FALSE;
        }
      *value = json_node_get_int (node);
      return TRUE;
    }

  text = mock_call_field (call, name);
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_signed (text, 10, G_MININT32, G_MAXINT32, value, NULL))
    {
      mock_call_reject (call, name, "Invalid value for '%s': expected an integer, got '%s'.",
                        name, text);
      return FALSE;
    }
  return TRUE;
}

gboolean
mock_param_bool (MockCall   *call,
                 const char *name,
                 gboolean   *value)
{
  const char *text;

  if (call->json != NULL)
    {
      JsonNode *node = json_member (call, name);

      if (node == NULL)
        return TRUE;
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          mock_call_reject (call, name, "Invalid type for '%s': expected a boolean.", name);
          return FALSE;
        }
      *value = json_node_get_boolean (node);
      return TRUE;
    }

  text = mock_call_field (call, name);
  if (text == NULL)
    return TRUE;
  if (strcmp (text, "true") != 0 && strcmp (text, "false") != 0)
    {
      mock_call_reject (call, name, "Invalid value for '%s': expected true or false.", name);
      return FALSE;
    }
  *value = strcmp (text, "true") == 0;
  return TRUE;
}

gboolean
mock_call_require_body (MockCall *call,
                        gboolean  json,
                        gboolean  multipart)
{
  if ((json && call->json != NULL) || (multipart && call->parts != NULL))
    return TRUE;

  if (call->json_error != NULL)
    mock_call_reject (call, NULL, "We could not parse the JSON body of your request: %s",
                      call->json_error);
  else if (call->body_error != NULL)
    mock_call_reject (call, NULL, "%s", call->body_error);
  else if (json && multipart)
    mock_call_reject (call, NULL, "Send the request as application/json or multipart/form-data.");
  else if (json)
    mock_call_reject (call, NULL, "Send the request as application/json.");
  else
    mock_call_reject (call, NULL, "Send the request as multipart/form-data.");

  return FALSE;
}

GPtrArray *
mock_call_parts (MockCall   *call,
                 const char *name,
                 const char *alias)
{
  GPtrArray *parts = g_ptr_array_new ();

  for (guint i = 0; call->parts != NULL && i < call->parts->len; i++)
    {
      MockPart *part = g_ptr_array_index (call->parts, i);

      if (strcmp (part->name, name) == 0 || g_strcmp0 (part->name, alias) == 0)
        g_ptr_array_add (parts, part);
    }

  return parts;
}

/* Reads the body the way the gateway would: JSON or multipart/form-data. A
 * body that does not parse is only remembered here; the endpoint refuses it
 * after the key check, as a gateway would. */
static void
parse_body (MockCall *call)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (call->msg);
  GBytes *body = call->record->body;
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  if (type == NULL || g_bytes_get_size (body) == 0)
    return;

  if (g_ascii_strcasecmp (type, "application/json") == 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      gsize length;
      const char *data = g_bytes_get_data (body, &length);

      if (!json_parser_load_from_data (parser, data, length, &error))
        call->json_error = g_strdup (error->message);
      else if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        call->json_error = g_strdup ("the body is not a JSON object");
      else
        call->json = json_node_ref (json_parser_get_root (parser));
    }
  else if (g_ascii_strcasecmp (type, "multipart/form-data") == 0)
    {
      SoupMultipart *multipart = soup_multipart_new_from_message (headers, body);

      if (multipart == NULL)
        {
          call->body_error = g_strdup ("the multipart/form-data body does not parse");
          return;
        }

      call->parts = g_ptr_array_new_with_free_func (mock_part_free);
      call->form = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (int i = 0; i < soup_multipart_get_length (multipart); i++)
        {
          SoupMessageHeaders *part_headers;
          GBytes *part_body;
          g_autofree char *disposition = NULL;
          g_autoptr(GHashTable) params = NULL;
          MockPart *part;

          if (!soup_multipart_get_part (multipart, i, &part_headers, &part_body))
            continue;
          if (!soup_message_headers_get_content_disposition (part_headers, &disposition, &params)
              || g_hash_table_lookup (params, "name") == NULL)
            continue;

          part = g_new0 (MockPart, 1);
          part->name = g_strdup (g_hash_table_lookup (params, "name"));
          part->filename = g_strdup (g_hash_table_lookup (params, "filename"));
          part->content_type = g_strdup (soup_message_headers_get_content_type (part_headers,
                                                                                NULL));
          part->data = g_bytes_ref (part_body);
          g_ptr_array_add (call->parts, part);

          if (part->filename == NULL)
            {
              gsize length;
              const char *data = g_bytes_get_data (part_body, &length);

              g_hash_table_replace (call->form, g_strdup (part->name), g_strndup (data, length));
            }
        }
      soup_multipart_free (multipart);
    }
}

static void
read_prompt (MockCall *call)
{
  if (call->json != NULL)
    {
      JsonObject *object = json_node_get_object (call->json);
      JsonNode *prompt = json_object_get_member (object, "prompt");
      JsonNode *stream = json_object_get_member (object, "stream");

      if (prompt != NULL && JSON_NODE_HOLDS_VALUE (prompt)
          && json_node_get_value_type (prompt) == G_TYPE_STRING)
        call->prompt = g_strdup (json_node_get_string (prompt));
      if (stream != NULL && JSON_NODE_HOLDS_VALUE (stream)
          && json_node_get_value_type (stream) == G_TYPE_BOOLEAN)
        call->stream = json_node_get_boolean (stream);
    }
  else if (call->form != NULL)
    {
      call->prompt = g_strdup (mock_call_field (call, "prompt"));
      call->stream = g_strcmp0 (mock_call_field (call, "stream"), "true") == 0;
    }
}

void
mock_call_read_body (MockCall *call)
{
  parse_body (call);
  read_prompt (call);
}
