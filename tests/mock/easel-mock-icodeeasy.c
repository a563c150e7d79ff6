/* easel-mock-icodeeasy.c: the icodeeasy dialect, OpenAI-compatible with URLs and tasks (seed 003)
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both endpoints take JSON (references in image_urls or its alias
 * image_input, as https URLs or data URLs) or multipart (image[] files).
 * Results are always URLs on the file host; ?async=1 turns the request into
 * a task polled at /v1/images/tasks/{id}. Quality only sets the price.
 */

#include <string.h>

#include "easel-mock-private.h"

#define MAX_REFERENCES 16

typedef struct
{
  const char *model;
  const char *prompt;
  const char *size;
  const char *resolution;
  const char *quality;
  const char *response_format;
  gint64      n;
} IcodeeasyRequest;

static gboolean
is_async (MockCall *call)
{
  const char *value = call->query != NULL ? g_hash_table_lookup (call->query, "async") : NULL;

  return value != NULL && (strcmp (value, "1") == 0 || g_ascii_strcasecmp (value, "true") == 0
                           || g_ascii_strcasecmp (value, "yes") == 0);
}

/* CNY per image, in fen, so that 3 × 0.1 comes out as the 0.3 billed. */
static gint64
price_fen (const char *quality)
{
  if (g_strcmp0 (quality, "low") == 0)
    return 10;
  if (g_strcmp0 (quality, "high") == 0)
    return 40;
  return 20;
}

/* "data:image/SUBTYPE;base64,DATA" with DATA strict base64 of an image. */
static gboolean
is_image_data_url (const char *text)
{
  const char *comma;
  g_autofree guchar *decoded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  if (!g_str_has_prefix (text, "data:image/"))
    return FALSE;
  comma = strchr (text, ',');
  if (comma == NULL || comma - text < (gssize) strlen ("data:image/x;base64")
      || strncmp (comma - strlen (";base64"), ";base64", strlen (";base64")) != 0)
    return FALSE;
  if (!mock_base64_is_valid (comma + 1, strlen (comma + 1)))
    return FALSE;

  decoded = g_base64_decode (comma + 1, &length);
  bytes = g_bytes_new_static (decoded, length);
  return mock_image_sniff (bytes) != NULL;
}

static gboolean
read_reference_list (MockCall   *call,
                     const char *name,
                     guint      *count)
{
  JsonNode *node = json_object_get_member (json_node_get_object (call->json), name);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      mock_call_reject (call, name, "%s must be an array of image URLs.", name);
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      const char *text;

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        {
          mock_call_reject (call, name, "%s[%u] is not a string.", name, i);
          return FALSE;
        }
      text = json_node_get_string (item);
      if (g_str_has_prefix (text, "http://"))
        {
          mock_call_reject (call, name, "Reference image URLs must use https://; %s[%u] uses "
                            "http.", name, i);
          return FALSE;
        }
      if (g_str_has_prefix (text, "data:"))
        {
          if (!is_image_data_url (text))
            {
              mock_call_reject (call, name, "%s[%u] is not a valid data:image/*;base64, value.",
                                name, i);
              return FALSE;
            }
        }
      else if (!g_str_has_prefix (text, "https://") || strlen (text) <= strlen ("https://"))
        {
          mock_call_reject (call, name, "%s[%u] is neither an https URL nor a base64 data URL.",
                            name, i);
          return FALSE;
        }
      (*count)++;
    }

  return TRUE;
}

static gboolean
read_references (MockCall *call,
                 guint    *count)
{
  *count = 0;

  if (call->json != NULL)
    {
      if (!read_reference_list (call, "image_urls", count)
          || !read_reference_list (call, "image_input", count))
        return FALSE;
    }
  else
    {
      g_autoptr(GPtrArray) images = mock_call_parts (call, "image[]", "image");

      for (guint i = 0; i < images->len; i++)
        {
          MockPart *part = g_ptr_array_index (images, i);

          if (mock_image_sniff (part->data) == NULL)
            {
              mock_call_reject (call, "image[]", "Uploaded file %u is not an image.", i + 1);
              return FALSE;
            }
        }
      *count = images->len;
    }

  if (*count > MAX_REFERENCES)
    {
      mock_call_reject (call, "image_urls", "Too many reference images: %u given, at most %d.",
                        *count, MAX_REFERENCES);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_request (MockCall         *call,
              IcodeeasyRequest *request)
{
  guint references;

  request->n = 1;
  if (!mock_param_string (call, "model", &request->model)
      || !mock_param_string (call, "prompt", &request->prompt)
      || !mock_param_string (call, "size", &request->size)
      || !mock_param_string (call, "resolution", &request->resolution)
      || !mock_param_string (call, "quality", &request->quality)
      || !mock_param_string (call, "response_format", &request->response_format)
      || !mock_param_int (call, "n", &request->n))
    return FALSE;

  if (request->model == NULL)
    {
      mock_call_reject (call, "model", "model is required.");
      return FALSE;
    }
  if (strcmp (request->model, "gpt-image-2") != 0)
    {
      mock_call_reject (call, "model", "Model '%s' is not supported: only gpt-image-2 is.",
                        request->model);
      return FALSE;
    }
  if (request->prompt == NULL || *request->prompt == '\0')
    {
      mock_call_reject (call, "prompt", "prompt is required.");
      return FALSE;
    }
  if (request->n < 1 || request->n > 10)
    {
      mock_call_reject (call, "n", "n must be between 1 and 10.");
      return FALSE;
    }

  if (request->size != NULL && strcmp (request->size, "auto") != 0
      && !mock_is_ratio (request->size))
    {
      int width, height;
      g_autofree char *problem = NULL;

      if (!mock_parse_wxh (request->size, &width, &height))
        {
          mock_call_reject (call, "size", "Unsupported size '%s': use a ratio such as 16:9, "
                            "auto, or WIDTHxHEIGHT.", request->size);
          return FALSE;
        }
      problem = mock_check_pixel_size (width, height);
      if (problem != NULL)
        {
          mock_call_reject (call, "size", "%s", problem);
          return FALSE;
        }
    }

  if (request->resolution != NULL && g_ascii_strcasecmp (request->resolution, "1k") != 0
      && g_ascii_strcasecmp (request->resolution, "2k") != 0)
    {
      mock_call_reject (call, "resolution", "Unsupported resolution '%s': use 1k or 2k.",
                        request->resolution);
      return FALSE;
    }

  if (request->quality != NULL && strcmp (request->quality, "low") != 0
      && strcmp (request->quality, "medium") != 0 && strcmp (request->quality, "high") != 0
      && strcmp (request->quality, "auto") != 0)
    {
      mock_call_reject (call, "quality", "Unsupported quality '%s': use low, medium, high or "
                        "auto.", request->quality);
      return FALSE;
    }

  if (request->response_format != NULL && strcmp (request->response_format, "url") != 0)
    {
      mock_call_reject (call, "response_format", "response_format %s is not supported: this API "
                        "always returns URLs.", request->response_format);
      return FALSE;
    }

  return read_references (call, &references);
}

static void
respond_sync (MockCall         *call,
              IcodeeasyRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *id = g_uuid_string_random ();

  /* Sync mode holds the connection until the picture is ready: a job
   * that never ends is a request that never answers, and a failed one is
   * the 5xx the document lists for "generation failed". */
  if (call->fault == EASEL_MOCK_FAULT_NEVER_ENDING_JOB)
    {
      mock_respond_fault (call, EASEL_MOCK_FAULT_STALL, NULL);
      return;
    }
  if (call->fault == EASEL_MOCK_FAULT_JOB_FAILURE)
    {
      mock_respond_error (call, MOCK_ERROR_SERVER, 500, NULL,
                          call->fault_param != NULL ? call->fault_param
                          : "Image generation failed; please retry later. Failed requests are "
                            "not billed.");
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "created");
  json_builder_add_int_value (builder, g_get_real_time () / G_USEC_PER_SEC);
  json_builder_set_member_name (builder, "data");
  json_builder_begin_array (builder);
  if (call->fault != EASEL_MOCK_FAULT_NO_IMAGES)
    {
      for (guint i = 0; i < request->n; i++)
        {
          MockFile *file = mock_file_add (call->server, MOCK_ICODEEASY, id, i + 1, i,
                                          call->fault, call->fault_param);
          g_autofree char *url = mock_file_url (call->server, file);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "url");
          json_builder_add_string_value (builder, url);
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  mock_respond_json (call, 200, builder);
}

void
mock_icodeeasy_images (MockCall *call)
{
  IcodeeasyRequest request = { 0 };
  g_autoptr(JsonBuilder) builder = NULL;
  MockJob *job;

  if (!mock_call_require_body (call, TRUE, TRUE) || !read_request (call, &request))
    return;

  if (!is_async (call))
    {
      respond_sync (call, &request);
      return;
    }

  job = mock_job_new (call->server, MOCK_ICODEEASY, g_uuid_string_random ());
  job->n = request.n;
  job->model = g_strdup (request.model);
  job->quality = g_strdup (request.quality != NULL ? request.quality : "medium");
  job->cost = price_fen (request.quality) * request.n / 100.0;
  mock_job_attach_call_fault (job, call);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "pending");
  json_builder_set_member_name (builder, "task_id");
  json_builder_add_string_value (builder, job->id);
  json_builder_end_object (builder);

  mock_respond_json (call, 202, builder);
}

/* The task body: {task_id, status, model, cost, result_url}. The document
 * shows no failed body; a failed task here carries cost 0 ("failed requests
 * are not billed") and an error object in the dialect's error shape. With
 * n > 1 result_url is the first image, the one URL the document's task
 * body has room for. */
void
mock_icodeeasy_task (MockCall *call)
{
  MockJob *job = mock_job_lookup (call->server, call->id);
  g_autoptr(JsonBuilder) builder = NULL;
  MockJobState state;

  if (job == NULL || job->dialect != MOCK_ICODEEASY)
    {
      mock_respond_error (call, MOCK_ERROR_NOT_FOUND, 404, NULL, "Task not found.");
      return;
    }

  mock_job_attach_call_fault (job, call);
  state = mock_job_poll (job);
  if (state == MOCK_JOB_DONE)
    mock_job_publish (call->server, job);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "task_id");
  json_builder_add_string_value (builder, job->id);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, state == MOCK_JOB_DONE ? "completed"
                                          : state == MOCK_JOB_FAILED ? "failed" : "pending");
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, job->model);
  json_builder_set_member_name (builder, "cost");
  json_builder_add_double_value (builder, state == MOCK_JOB_FAILED ? 0.0 : job->cost);
  json_builder_set_member_name (builder, "result_url");
  if (state == MOCK_JOB_DONE && job->urls->len > 0)
    json_builder_add_string_value (builder, g_ptr_array_index (job->urls, 0));
  else
    json_builder_add_null_value (builder);
  if (state == MOCK_JOB_FAILED)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "server_error");
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, job->fault_param != NULL ? job->fault_param
                                              : "Image generation failed.");
      json_builder_set_member_name (builder, "provider");
      json_builder_add_string_value (builder, "icodeeasy.cc");
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  mock_respond_json (call, 200, builder);
}
