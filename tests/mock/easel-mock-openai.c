/* easel-mock-openai.c: the openai dialect, OpenAI's Images API as seeds 001 and 002 describe it
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * POST /images/generations takes JSON, POST /images/edits multipart with
 * image[] (or image) repeated and an optional mask. The answer is raw
 * base64 in data[].b64_json, or, with "stream": true, server-sent events.
 * Like the real API it refuses parameters it does not know, so a client
 * that sends another dialect's fields finds out here rather than in
 * production.
 */

#include <string.h>

#include "easel-mock-private.h"

#define SSE_INTERVAL_MS 20
#define MAX_IMAGE_BYTES (50 * 1024 * 1024)

static const char * const known_fields[] = {
  "model", "prompt", "n", "size", "quality", "output_format", "output_compression",
  "background", "moderation", "stream", "partial_images", "user", "response_format",
};

typedef struct
{
  const char *model;
  const char *prompt;
  const char *size;
  const char *quality;
  const char *format;
  const char *background;
  const char *moderation;
  const char *response_format;
  gint64      n;
  gint64      compression;
  gint64      partial_images;
  gboolean    stream;
  int         width;
  int         height;
  guint       n_inputs;
} OpenaiRequest;

static gboolean
is_one_of (const char         *value,
           const char * const *values)
{
  for (guint i = 0; values[i] != NULL; i++)
    if (strcmp (value, values[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
check_field_name (MockCall   *call,
                  const char *name)
{
  if (strcmp (name, "input_fidelity") == 0)
    {
      mock_call_reject (call, name, "input_fidelity is not supported with gpt-image-2: it always "
                        "works at high fidelity. Remove the parameter.");
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (known_fields); i++)
    if (strcmp (name, known_fields[i]) == 0)
      return TRUE;

  if (call->edits && (strcmp (name, "image") == 0 || strcmp (name, "image[]") == 0
                      || strcmp (name, "mask") == 0))
    return TRUE;

  mock_call_reject (call, name, "Unknown parameter: '%s'.", name);
  return FALSE;
}

static gboolean
check_field_names (MockCall *call)
{
  if (call->json != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (call->json));

      for (GList *l = members; l != NULL; l = l->next)
        if (!check_field_name (call, l->data))
          return FALSE;
    }
  else
    {
      for (guint i = 0; i < call->parts->len; i++)
        {
          MockPart *part = g_ptr_array_index (call->parts, i);

          if (!check_field_name (call, part->name))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_choice (MockCall           *call,
              const char         *name,
              const char         *value,
              const char * const *values,
              const char         *allowed)
{
  if (value == NULL || is_one_of (value, values))
    return TRUE;

  mock_call_reject (call, name, "Invalid value for '%s': '%s'. Supported values are: %s.",
                    name, value, allowed);
  return FALSE;
}

static gboolean
read_request (MockCall      *call,
              OpenaiRequest *request)
{
  static const char * const qualities[] = { "auto", "low", "medium", "high", NULL };
  static const char * const formats[] = { "png", "jpeg", "webp", NULL };
  static const char * const moderations[] = { "auto", "low", NULL };
  g_autofree char *problem = NULL;

  request->n = 1;
  request->compression = -1;
  request->partial_images = 0;

  if (!check_field_names (call)
      || !mock_param_string (call, "model", &request->model)
      || !mock_param_string (call, "prompt", &request->prompt)
      || !mock_param_string (call, "size", &request->size)
      || !mock_param_string (call, "quality", &request->quality)
      || !mock_param_string (call, "output_format", &request->format)
      || !mock_param_string (call, "background", &request->background)
      || !mock_param_string (call, "moderation", &request->moderation)
      || !mock_param_string (call, "response_format", &request->response_format)
      || !mock_param_int (call, "n", &request->n)
      || !mock_param_int (call, "output_compression", &request->compression)
      || !mock_param_int (call, "partial_images", &request->partial_images)
      || !mock_param_bool (call, "stream", &request->stream))
    return FALSE;

  if (request->model == NULL || *request->model == '\0')
    {
      mock_call_reject (call, "model", "You must provide a model parameter.");
      return FALSE;
    }
  if (request->prompt == NULL || *request->prompt == '\0')
    {
      mock_call_reject (call, "prompt", "You must provide a prompt parameter.");
      return FALSE;
    }
  if (!g_utf8_validate (request->prompt, -1, NULL))
    {
      mock_call_reject (call, "prompt", "The prompt is not valid UTF-8.");
      return FALSE;
    }
  if (g_utf8_strlen (request->prompt, -1) > 32000)
    {
      mock_call_reject (call, "prompt", "Invalid 'prompt': string too long. Expected a string "
                        "with maximum length 32000, but got a string with length %ld instead.",
                        g_utf8_strlen (request->prompt, -1));
      return FALSE;
    }
  if (request->n < 1 || request->n > 10)
    {
      mock_call_reject (call, "n", "Invalid 'n': %" G_GINT64_FORMAT " is not between 1 and 10.",
                        request->n);
      return FALSE;
    }

  request->width = 1024;
  request->height = 1024;
  if (request->size != NULL && strcmp (request->size, "auto") != 0)
    {
      if (!mock_parse_wxh (request->size, &request->width, &request->height))
        {
          mock_call_reject (call, "size", "Invalid value for 'size': '%s'. Use 'auto' or "
                            "WIDTHxHEIGHT.", request->size);
          return FALSE;
        }
      problem = mock_check_pixel_size (request->width, request->height);
      if (problem != NULL)
        {
          mock_call_reject (call, "size", "%s", problem);
          return FALSE;
        }
    }

  if (!check_choice (call, "quality", request->quality, qualities, "auto, low, medium, high")
      || !check_choice (call, "output_format", request->format, formats, "png, jpeg, webp")
      || !check_choice (call, "moderation", request->moderation, moderations, "auto, low"))
    return FALSE;

  if (request->background != NULL && strcmp (request->background, "transparent") == 0)
    {
      mock_call_reject (call, "background", "Transparent background is not supported for "
                        "gpt-image-2. Use 'opaque' or 'auto'.");
      return FALSE;
    }
  if (request->background != NULL && strcmp (request->background, "auto") != 0
      && strcmp (request->background, "opaque") != 0)
    {
      mock_call_reject (call, "background", "Invalid value for 'background': '%s'. Supported "
                        "values are: auto, opaque.", request->background);
      return FALSE;
    }

  if (request->compression != -1)
    {
      if (request->compression < 0 || request->compression > 100)
        {
          mock_call_reject (call, "output_compression", "Invalid 'output_compression': it must "
                            "be between 0 and 100.");
          return FALSE;
        }
      if (request->format == NULL || strcmp (request->format, "png") == 0)
        {
          mock_call_reject (call, "output_compression", "output_compression is only supported "
                            "with the jpeg and webp output formats.");
          return FALSE;
        }
    }

  if (request->partial_images < 0 || request->partial_images > 3)
    {
      mock_call_reject (call, "partial_images", "Invalid 'partial_images': it must be between "
                        "0 and 3.");
      return FALSE;
    }
  if (request->response_format != NULL && strcmp (request->response_format, "b64_json") != 0)
    {
      mock_call_reject (call, "response_format", "response_format '%s' is not supported for "
                        "gpt-image-2, which always returns b64_json.", request->response_format);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_edit_images (MockCall      *call,
                  OpenaiRequest *request)
{
  g_autoptr(GPtrArray) images = mock_call_parts (call, "image[]", "image");
  g_autoptr(GPtrArray) masks = mock_call_parts (call, "mask", NULL);

  if (images->len == 0)
    {
      mock_call_reject (call, "image", "You must provide at least one image in image[].");
      return FALSE;
    }
  if (images->len > 16)
    {
      mock_call_reject (call, "image", "Too many images: %u given, at most 16 are allowed.",
                        images->len);
      return FALSE;
    }

  for (guint i = 0; i < images->len; i++)
    {
      MockPart *part = g_ptr_array_index (images, i);
      const char *type = mock_image_sniff (part->data);
      g_autoptr(GdkPixbuf) pixbuf = NULL;

      if (g_bytes_get_size (part->data) > MAX_IMAGE_BYTES)
        {
          mock_call_reject (call, "image", "Image %u is larger than 50 MB.", i + 1);
          return FALSE;
        }
      if (type == NULL || strcmp (type, "image/gif") == 0)
        {
          mock_call_reject (call, "image", "Invalid image file or mode for image %u: use PNG, "
                            "JPEG or WebP.", i + 1);
          return FALSE;
        }
      if (strcmp (type, "image/webp") != 0
          && (pixbuf = mock_image_decode (part->data, NULL)) == NULL)
        {
          mock_call_reject (call, "image", "Image %u does not decode as %s.", i + 1, type);
          return FALSE;
        }
    }

  if (masks->len > 1)
    {
      mock_call_reject (call, "mask", "Only one mask may be given.");
      return FALSE;
    }
  if (masks->len == 1)
    {
      MockPart *mask = g_ptr_array_index (masks, 0);
      MockPart *first = g_ptr_array_index (images, 0);
      g_autofree char *problem = mock_check_mask (mask->data, first->data);

      if (problem != NULL)
        {
          mock_call_reject (call, "mask", "%s", problem);
          return FALSE;
        }
    }

  request->n_inputs = images->len;
  return TRUE;
}

/* Plausible token counts: about four characters a text token, a fixed
 * count an input image, and output tokens that grow with quality and area
 * as OpenAI's published figures do. The real bill is the gateway's. */
static void
add_usage (JsonBuilder   *builder,
           OpenaiRequest *request)
{
  gint64 text_tokens = MAX (1, g_utf8_strlen (request->prompt, -1) / 4);
  gint64 image_tokens = 388 * (gint64) request->n_inputs;
  gint64 per_image = 1056;
  gint64 output_tokens;

  if (g_strcmp0 (request->quality, "low") == 0)
    per_image = 272;
  else if (g_strcmp0 (request->quality, "high") == 0)
    per_image = 4160;
  per_image = per_image * request->width * request->height / (1024 * 1024);
  output_tokens = per_image * request->n;

  json_builder_set_member_name (builder, "usage");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "input_tokens");
  json_builder_add_int_value (builder, text_tokens + image_tokens);
  json_builder_set_member_name (builder, "output_tokens");
  json_builder_add_int_value (builder, output_tokens);
  json_builder_set_member_name (builder, "total_tokens");
  json_builder_add_int_value (builder, text_tokens + image_tokens + output_tokens);
  json_builder_set_member_name (builder, "input_tokens_details");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text_tokens");
  json_builder_add_int_value (builder, text_tokens);
  json_builder_set_member_name (builder, "image_tokens");
  json_builder_add_int_value (builder, image_tokens);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

/* The base64 of result @index, spoilt as the call's fault says. */
static char *
result_base64 (MockCall      *call,
               OpenaiRequest *request,
               guint          index)
{
  g_autoptr(GBytes) bytes = NULL;

  switch (call->fault)
    {
    case EASEL_MOCK_FAULT_BAD_BASE64:
      return mock_bad_base64 ();
    case EASEL_MOCK_FAULT_NOT_AN_IMAGE:
      bytes = mock_not_an_image ();
      break;
    case EASEL_MOCK_FAULT_DECOMPRESSION_BOMB:
      bytes = mock_image_bomb (call->server, call->fault_param);
      break;
    default:
      bytes = mock_image_encode (call->server, index, 1.0, request->format,
                                 (int) request->compression, NULL);
      mock_call_deliver (call, bytes);
      break;
    }

  return g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
add_event_details (JsonBuilder   *builder,
                   OpenaiRequest *request,
                   gint64         created)
{
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_int_value (builder, created);
  json_builder_set_member_name (builder, "size");
  json_builder_add_string_value (builder, request->size != NULL ? request->size : "auto");
  json_builder_set_member_name (builder, "quality");
  json_builder_add_string_value (builder, request->quality != NULL ? request->quality : "auto");
  json_builder_set_member_name (builder, "background");
  json_builder_add_string_value (builder,
                                 request->background != NULL ? request->background : "auto");
  json_builder_set_member_name (builder, "output_format");
  json_builder_add_string_value (builder, request->format != NULL ? request->format : "png");
}

/* One event, split in two chunks so a client's parser sees it arrive in
 * pieces, as it will over a real network. */
static void
add_event (GPtrArray   *chunks,
           const char  *type,
           JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  gsize length, half;

  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);
  text = g_strdup_printf ("event: %s\ndata: %s\n\n", type, data);
  length = strlen (text);
  half = length / 2;
  g_ptr_array_add (chunks, g_bytes_new (text, half));
  g_ptr_array_add (chunks, g_bytes_new (text + half, length - half));
}

static void
respond_stream (MockCall      *call,
                OpenaiRequest *request)
{
  g_autoptr(GPtrArray) chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  const char *partial_type = call->edits ? "image_edit.partial_image"
                                         : "image_generation.partial_image";
  const char *completed_type = call->edits ? "image_edit.completed" : "image_generation.completed";
  gint64 created = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < request->n; i++)
    {
      g_autoptr(JsonBuilder) completed = json_builder_new ();

      for (guint k = 0; k < request->partial_images; k++)
        {
          g_autoptr(JsonBuilder) partial = json_builder_new ();
          g_autofree char *b64 = NULL;

          b64 = mock_image_base64 (call->server, i, (k + 1.0) / (request->partial_images + 1),
                                   request->format, (int) request->compression, NULL);
          json_builder_begin_object (partial);
          json_builder_set_member_name (partial, "type");
          json_builder_add_string_value (partial, partial_type);
          json_builder_set_member_name (partial, "b64_json");
          json_builder_add_string_value (partial, b64);
          json_builder_set_member_name (partial, "partial_image_index");
          json_builder_add_int_value (partial, k);
          add_event_details (partial, request, created);
          json_builder_end_object (partial);
          add_event (chunks, partial_type, partial);
        }

      json_builder_begin_object (completed);
      json_builder_set_member_name (completed, "type");
      json_builder_add_string_value (completed, completed_type);
      if (call->fault != EASEL_MOCK_FAULT_NO_IMAGES)
        {
          g_autofree char *b64 = result_base64 (call, request, i);

          json_builder_set_member_name (completed, "b64_json");
          json_builder_add_string_value (completed, b64);
        }
      add_event_details (completed, request, created);
      add_usage (completed, request);
      json_builder_end_object (completed);
      add_event (chunks, completed_type, completed);
    }

  mock_respond_chunks (call, "text/event-stream", chunks, SSE_INTERVAL_MS);
}

void
mock_openai_images (MockCall *call)
{
  OpenaiRequest request = { 0 };
  g_autoptr(JsonBuilder) builder = NULL;

  if (!mock_call_require_body (call, !call->edits, call->edits)
      || !read_request (call, &request)
      || (call->edits && !read_edit_images (call, &request)))
    return;

  if (request.stream)
    {
      respond_stream (call, &request);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "created");
  json_builder_add_int_value (builder, g_get_real_time () / G_USEC_PER_SEC);
  if (call->fault != EASEL_MOCK_FAULT_NO_IMAGES)
    {
      json_builder_set_member_name (builder, "data");
      json_builder_begin_array (builder);
      for (guint i = 0; i < request.n; i++)
        {
          g_autofree char *b64 = result_base64 (call, &request, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "b64_json");
          json_builder_add_string_value (builder, b64);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  add_usage (builder, &request);
  json_builder_end_object (builder);

  mock_respond_json (call, 200, builder);
}

/* GET /models, the one free request that needs the key: clients use it to
 * test a key without generating anything. The key was checked before this
 * runs, so reaching here means it was right. */
void
mock_openai_models (MockCall *call)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "object");
  json_builder_add_string_value (builder, "list");
  json_builder_set_member_name (builder, "data");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "gpt-image-2");
  json_builder_set_member_name (builder, "object");
  json_builder_add_string_value (builder, "model");
  json_builder_set_member_name (builder, "created");
  json_builder_add_int_value (builder, 1776729600);
  json_builder_set_member_name (builder, "owned_by");
  json_builder_add_string_value (builder, "system");
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  mock_respond_json (call, 200, builder);
}
