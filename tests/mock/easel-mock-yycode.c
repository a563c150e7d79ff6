/* easel-mock-yycode.c: the yycode dialect, a job API (seed 000)
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Submit with POST /api/images/generate (JSON) or /api/images/edit
 * (multipart: image repeated, mask), carrying x-demo-base-url,
 * x-demo-api-key and x-demo-async; poll GET /api/jobs/{jobId}, which the
 * document queries without any key, until status is succeeded or failed.
 */

#include <string.h>

#include "easel-mock-private.h"

typedef struct
{
  const char *model;
  const char *prompt;
  const char *size;
  const char *quality;
  const char *format;
  const char *background;
  gint64      n;
} YycodeRequest;

static gboolean
check_headers (MockCall *call)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (call->msg);
  const char *base_url = soup_message_headers_get_one (headers, "x-demo-base-url");
  const char *async = soup_message_headers_get_one (headers, "x-demo-async");

  if (base_url == NULL
      || (strcmp (base_url, "https://yycode.net") != 0
          && strcmp (base_url, "https://yycode.net/") != 0))
    {
      mock_call_reject (call, "x-demo-base-url", "The x-demo-base-url header must be "
                        "https://yycode.net (got %s).", base_url != NULL ? base_url : "none");
      return FALSE;
    }
  if (g_strcmp0 (async, "1") != 0)
    {
      mock_call_reject (call, "x-demo-async", "The x-demo-async header must be 1: images are "
                        "made as jobs and polled at /api/jobs/{jobId}.");
      return FALSE;
    }

  return TRUE;
}

/* Multiples of 16, but the document also lists 1920x1080 and 1080x1920 as
 * supported, and a client that follows the document must not be refused. */
static char *
check_size (const char *size)
{
  int width, height;

  if (!mock_parse_wxh (size, &width, &height))
    return g_strdup_printf ("Invalid size '%s': use WIDTHxHEIGHT.", size);
  if ((width % 16 != 0 || height % 16 != 0)
      && !(width == 1920 && height == 1080) && !(width == 1080 && height == 1920))
    return g_strdup_printf ("Invalid size %s: width and height must be multiples of 16.", size);
  if (MAX (width, height) > 3840)
    return g_strdup_printf ("Invalid size %s: the longest side must not exceed 3840.", size);
  if ((gint64) width * height > 3840 * 2160)
    return g_strdup_printf ("Invalid size %s: total pixels must not exceed 3840x2160.", size);

  return NULL;
}

static gboolean
check_choice (MockCall           *call,
              const char         *name,
              const char         *value,
              const char * const *values)
{
  g_autofree char *allowed = NULL;

  if (value == NULL || g_strv_contains (values, value))
    return TRUE;

  allowed = g_strjoinv (", ", (char **) values);
  mock_call_reject (call, name, "Invalid %s '%s': supported values are %s.", name, value, allowed);
  return FALSE;
}

static gboolean
read_request (MockCall      *call,
              YycodeRequest *request)
{
  static const char * const qualities[] = {
    "auto", "low", "medium", "high", "standard", "hd", NULL
  };
  static const char * const formats[] = { "png", "jpeg", "webp", NULL };
  static const char * const backgrounds[] = { "auto", "opaque", NULL };
  g_autofree char *problem = NULL;

  request->n = 1;
  if (!mock_param_string (call, "model", &request->model)
      || !mock_param_string (call, "prompt", &request->prompt)
      || !mock_param_string (call, "size", &request->size)
      || !mock_param_string (call, "quality", &request->quality)
      || !mock_param_string (call, "output_format", &request->format)
      || !mock_param_string (call, "background", &request->background)
      || !mock_param_int (call, "n", &request->n))
    return FALSE;

  if (g_strcmp0 (request->model, "gpt-image-2") != 0)
    {
      mock_call_reject (call, "model", "model must be gpt-image-2.");
      return FALSE;
    }
  if (request->prompt == NULL || *request->prompt == '\0')
    {
      mock_call_reject (call, "prompt", "prompt is required.");
      return FALSE;
    }
  if (request->n < 1 || request->n > 10)
    {
      mock_call_reject (call, "n", "n must be from 1 to 10.");
      return FALSE;
    }
  if (request->size != NULL && (problem = check_size (request->size)) != NULL)
    {
      mock_call_reject (call, "size", "%s", problem);
      return FALSE;
    }

  return check_choice (call, "quality", request->quality, qualities)
         && check_choice (call, "output_format", request->format, formats)
         && check_choice (call, "background", request->background, backgrounds);
}

static gboolean
read_edit_images (MockCall *call)
{
  g_autoptr(GPtrArray) images = mock_call_parts (call, "image", NULL);
  g_autoptr(GPtrArray) bracketed = mock_call_parts (call, "image[]", NULL);
  g_autoptr(GPtrArray) masks = mock_call_parts (call, "mask", NULL);

  if (bracketed->len > 0)
    {
      mock_call_reject (call, "image[]", "Unexpected field image[]: upload source images in the "
                        "image field, repeated for several.");
      return FALSE;
    }
  if (images->len == 0)
    {
      mock_call_reject (call, "image", "Upload at least one source image in the image field.");
      return FALSE;
    }
  for (guint i = 0; i < images->len; i++)
    {
      MockPart *part = g_ptr_array_index (images, i);

      if (mock_image_sniff (part->data) == NULL)
        {
          mock_call_reject (call, "image", "Source image %u is not an image.", i + 1);
          return FALSE;
        }
    }

  /* The mask goes on to OpenAI's edits endpoint, whose rule it must meet. */
  if (masks->len > 0)
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

  return TRUE;
}

static void
add_meta (JsonBuilder *builder,
          MockJob     *job)
{
  json_builder_set_member_name (builder, "meta");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "requestId");
  json_builder_add_string_value (builder, job->request_id);
  json_builder_end_object (builder);
}

void
mock_yycode_images (MockCall *call)
{
  YycodeRequest request = { 0 };
  g_autoptr(JsonBuilder) builder = NULL;
  gint64 now_ms = g_get_real_time () / 1000;
  guint64 serial;
  MockJob *job;

  if (!check_headers (call)
      || !mock_call_require_body (call, !call->edits, call->edits)
      || !read_request (call, &request)
      || (call->edits && !read_edit_images (call)))
    return;

  serial = mock_server_next_serial (call->server);
  job = mock_job_new (call->server, MOCK_YYCODE,
                      g_strdup_printf ("job_%" G_GINT64_FORMAT "_%" G_GUINT64_FORMAT,
                                       now_ms, serial));
  job->request_id = g_strdup_printf ("req_%" G_GINT64_FORMAT "_%" G_GUINT64_FORMAT,
                                     now_ms, serial);
  job->n = request.n;
  job->format = g_strdup (request.format != NULL ? request.format : "png");
  job->model = g_strdup (request.model);
  mock_job_attach_call_fault (job, call);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "pending");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "jobId");
  json_builder_add_string_value (builder, job->id);
  add_meta (builder, job);
  json_builder_end_object (builder);

  mock_respond_json (call, 200, builder);
}

static void
add_images (MockCall    *call,
            JsonBuilder *builder,
            MockJob     *job)
{
  json_builder_set_member_name (builder, "images");
  json_builder_begin_array (builder);
  for (guint i = 0; job->fault != EASEL_MOCK_FAULT_NO_IMAGES && i < job->n; i++)
    {
      g_autofree char *b64 = NULL;
      g_autoptr(GBytes) bytes = NULL;
      const char *mime = "image/png";

      if (job->fault == EASEL_MOCK_FAULT_BAD_BASE64)
        b64 = mock_bad_base64 ();
      else if (job->fault == EASEL_MOCK_FAULT_NOT_AN_IMAGE)
        bytes = mock_not_an_image ();
      else if (job->fault == EASEL_MOCK_FAULT_DECOMPRESSION_BOMB)
        bytes = mock_image_bomb (call->server, job->fault_param);
      else
        {
          bytes = mock_image_encode (call->server, i, 1.0, job->format, job->compression, &mime);
          mock_call_deliver (call, bytes);
        }
      if (bytes != NULL)
        b64 = g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "b64");
      json_builder_add_string_value (builder, b64);
      json_builder_set_member_name (builder, "filename");
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "mimeType");
      json_builder_add_string_value (builder, mime);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

void
mock_yycode_job (MockCall *call)
{
  MockJob *job = mock_job_lookup (call->server, call->id);
  g_autoptr(JsonBuilder) builder = NULL;
  MockJobState state;

  if (job == NULL || job->dialect != MOCK_YYCODE)
    {
      mock_respond_error (call, MOCK_ERROR_NOT_FOUND, 404, NULL, "Job not found.");
      return;
    }

  mock_job_attach_call_fault (job, call);
  state = mock_job_poll (job);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  switch (state)
    {
    case MOCK_JOB_PENDING:
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "pending");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "jobId");
      json_builder_add_string_value (builder, job->id);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, "running");
      add_meta (builder, job);
      break;

    case MOCK_JOB_DONE:
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
      add_images (call, builder, job);
      json_builder_set_member_name (builder, "usage");
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "raw");
      json_builder_begin_object (builder);
      json_builder_end_object (builder);
      add_meta (builder, job);
      json_builder_set_member_name (builder, "jobId");
      json_builder_add_string_value (builder, job->id);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, "succeeded");
      break;

    case MOCK_JOB_FAILED:
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, FALSE);
      json_builder_set_member_name (builder, "jobId");
      json_builder_add_string_value (builder, job->id);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, "failed");
      json_builder_set_member_name (builder, "error");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, job->fault_param != NULL ? job->fault_param
                                              : "Image generation failed upstream.");
      json_builder_end_object (builder);
      break;

    default:
      g_assert_not_reached ();
    }
  json_builder_end_object (builder);

  mock_respond_json (call, 200, builder);
}
