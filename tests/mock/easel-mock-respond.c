/* easel-mock-respond.c: JSON answers and each dialect's error body
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "easel-mock-private.h"

/* --- JSON answers ---------------------------------------------------------- */

/* libsoup 3.2 knows no phrase for 429, and a status line saying "Unknown
 * Error" is not what a gateway sends. */
const char *
mock_reason_phrase (guint status)
{
  if (status == 429)
    return "Too Many Requests";
  return soup_status_get_phrase (status);
}

void
mock_respond_bytes (MockCall   *call,
                    guint       status,
                    const char *content_type,
                    char       *data,
                    gsize       length)
{
  soup_server_message_set_status (call->msg, status, mock_reason_phrase (status));
  soup_server_message_set_response (call->msg, content_type, SOUP_MEMORY_TAKE, data, length);
  call->record->status = status;
}

char *
mock_builder_to_data (JsonBuilder *builder,
                      gsize       *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, length);
}

void
mock_respond_json (MockCall    *call,
                   guint        status,
                   JsonBuilder *builder)
{
  gsize length;
  char *data = mock_builder_to_data (builder, &length);

  mock_respond_bytes (call, status, "application/json", data, length);
}

/* Each dialect's error body. openai and icodeeasy are as their documents
 * show; yycode's document shows only a failed job's body ({ok:false,
 * error:{message}}), and aizfw's only a failed task's ({status:"failed",
 * error:"…"}), so their HTTP errors reuse those shapes. */
JsonBuilder *
mock_error_builder (MockDialect    dialect,
                    MockErrorKind  kind,
                    const char    *param,
                    const char    *message)
{
  static const char * const openai_types[] = {
    [MOCK_ERROR_INVALID] = "invalid_request_error",
    [MOCK_ERROR_AUTH] = "invalid_request_error",
    [MOCK_ERROR_PAYMENT] = "insufficient_quota",
    [MOCK_ERROR_MODERATION] = "invalid_request_error",
    [MOCK_ERROR_FORBIDDEN] = "invalid_request_error",
    [MOCK_ERROR_NOT_FOUND] = "invalid_request_error",
    [MOCK_ERROR_METHOD] = "invalid_request_error",
    [MOCK_ERROR_RATE_LIMIT] = "requests",
    [MOCK_ERROR_SERVER] = "server_error",
  };
  static const char * const openai_codes[] = {
    [MOCK_ERROR_INVALID] = "invalid_value",
    [MOCK_ERROR_AUTH] = "invalid_api_key",
    [MOCK_ERROR_PAYMENT] = "insufficient_quota",
    [MOCK_ERROR_MODERATION] = "moderation_blocked",
    [MOCK_ERROR_FORBIDDEN] = "forbidden",
    [MOCK_ERROR_NOT_FOUND] = "unknown_url",
    [MOCK_ERROR_METHOD] = "method_not_supported",
    [MOCK_ERROR_RATE_LIMIT] = "rate_limit_exceeded",
    [MOCK_ERROR_SERVER] = NULL,
  };
  static const char * const icodeeasy_types[] = {
    [MOCK_ERROR_INVALID] = "invalid_request_error",
    [MOCK_ERROR_AUTH] = "authentication_error",
    [MOCK_ERROR_PAYMENT] = "payment_required",
    [MOCK_ERROR_MODERATION] = "content_policy_violation",
    [MOCK_ERROR_FORBIDDEN] = "permission_error",
    [MOCK_ERROR_NOT_FOUND] = "not_found_error",
    [MOCK_ERROR_METHOD] = "invalid_request_error",
    [MOCK_ERROR_RATE_LIMIT] = "rate_limit_error",
    [MOCK_ERROR_SERVER] = "server_error",
  };
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  switch (dialect)
    {
    case MOCK_OPENAI:
      json_builder_set_member_name (builder, "error");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, message);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, openai_types[kind]);
      json_builder_set_member_name (builder, "param");
      if (param != NULL)
        json_builder_add_string_value (builder, param);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "code");
      if (kind == MOCK_ERROR_INVALID && param == NULL)
        json_builder_add_null_value (builder);
      else if (openai_codes[kind] != NULL)
        json_builder_add_string_value (builder, openai_codes[kind]);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
      break;

    case MOCK_ICODEEASY:
      json_builder_set_member_name (builder, "error");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, icodeeasy_types[kind]);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, message);
      json_builder_set_member_name (builder, "provider");
      json_builder_add_string_value (builder, "icodeeasy.cc");
      json_builder_end_object (builder);
      break;

    case MOCK_YYCODE:
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, FALSE);
      json_builder_set_member_name (builder, "error");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, message);
      json_builder_end_object (builder);
      break;

    case MOCK_AIZFW:
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, "failed");
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, message);
      break;

    default:
      json_builder_set_member_name (builder, "error");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, message);
      json_builder_end_object (builder);
      break;
    }
  json_builder_end_object (builder);

  return builder;
}

void
mock_respond_error (MockCall      *call,
                    MockErrorKind  kind,
                    guint          status,
                    const char    *param,
                    const char    *message)
{
  g_autoptr(JsonBuilder) builder = mock_error_builder (call->dialect, kind, param, message);

  mock_respond_json (call, status, builder);
}
