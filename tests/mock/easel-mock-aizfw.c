/* easel-mock-aizfw.c: the aizfw dialect, a task API (seed 004)
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * POST /v1/image2/images with JSON and a Bearer key creates a task; GET
 * /v1/result/{id} polls it. A request the service cannot honour is still
 * answered 200, with status "failed" and error "Invalid request: …", as the
 * document's failure response shows; only a body that is not JSON, or lacks
 * model or prompt, gets an HTTP 400.
 */

#include <string.h>

#include "easel-mock-private.h"

/* The largest image the 1K tier makes: gpt-image-2-r is 1K only. */
#define ONE_K_PIXELS (1536 * 1024)

static gboolean
is_4k_ratio (const char *ratio)
{
  static const char * const ratios[] = { "16:9", "9:16", "2:1", "1:2", "21:9", "9:21", NULL };

  return g_strv_contains (ratios, ratio);
}

/* What is wrong with a well-formed request, or NULL. */
static char *
find_problem (MockCall   *call,
              const char *model,
              gboolean    r_model,
              const char *quality,
              const char *ratio,
              const char *resolution,
              const char *size,
              gint64      n)
{
  JsonObject *object = json_node_get_object (call->json);
  JsonNode *urls;
  guint max_urls = r_model ? 16 : 6;

  if (!r_model && quality != NULL && strcmp (quality, "low") != 0
      && strcmp (quality, "medium") != 0 && strcmp (quality, "high") != 0)
    return g_strdup_printf ("quality '%s' is not supported", quality);
  if (n != 1)
    return g_strdup_printf ("n=%" G_GINT64_FORMAT " is not supported, one image per task", n);

  if (size != NULL)
    {
      int width, height;
      char *problem;

      if (!mock_parse_wxh (size, &width, &height))
        return g_strdup_printf ("size '%s' is not WIDTHxHEIGHT", size);
      problem = mock_check_pixel_size (width, height);
      if (problem != NULL)
        return problem;
      if (r_model && (gint64) width * height > ONE_K_PIXELS)
        return g_strdup_printf ("size '%s' is beyond 1k, which is all %s supports", size, model);
    }
  else
    {
      if (ratio != NULL && !mock_is_ratio (ratio))
        return g_strdup_printf ("ratio '%s' is not supported", ratio);
      if (resolution != NULL && strcmp (resolution, "1k") != 0 && strcmp (resolution, "2k") != 0
          && strcmp (resolution, "4k") != 0)
        return g_strdup_printf ("resolution '%s' is not supported", resolution);
      if (r_model && resolution != NULL && strcmp (resolution, "1k") != 0)
        return g_strdup_printf ("resolution '%s' is not supported for %s", resolution, model);
      if (g_strcmp0 (resolution, "4k") == 0 && !is_4k_ratio (ratio != NULL ? ratio : "1:1"))
        return g_strdup_printf ("resolution '4k' is not supported for ratio '%s'",
                                ratio != NULL ? ratio : "1:1");
    }

  urls = json_object_get_member (object, "image_urls");
  if (urls != NULL && !JSON_NODE_HOLDS_NULL (urls))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (urls))
        return g_strdup ("image_urls must be an array of URLs");
      array = json_node_get_array (urls);
      if (json_array_get_length (array) > max_urls)
        return g_strdup_printf ("%s takes at most %u image_urls, got %u", model, max_urls,
                                json_array_get_length (array));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          const char *url;

          if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
            return g_strdup_printf ("image_urls[%u] is not a string", i);
          url = json_node_get_string (item);
          if (!g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://"))
            return g_strdup_printf ("image_urls[%u] is not a URL", i);
        }
    }

  return NULL;
}

static void
add_task (JsonBuilder *builder,
          MockJob     *job,
          const char  *status,
          const char  *error)
{
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, job->id);
  json_builder_set_member_name (builder, "object");
  json_builder_add_string_value (builder, "image");
  json_builder_set_member_name (builder, "created");
  json_builder_add_int_value (builder, job->created);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, job->model);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status);
  json_builder_set_member_name (builder, "error");
  if (error != NULL)
    json_builder_add_string_value (builder, error);
  else
    json_builder_add_null_value (builder);
}

static void
fail_job (MockJob    *job,
          const char *message)
{
  job->fault = EASEL_MOCK_FAULT_JOB_FAILURE;
  g_free (job->fault_param);
  job->fault_param = g_strdup (message);
  job->pending_polls = 0;
}

void
mock_aizfw_images (MockCall *call)
{
  const char *model = NULL;
  const char *prompt = NULL;
  const char *quality = NULL;
  const char *ratio = NULL;
  const char *resolution = NULL;
  const char *size = NULL;
  gint64 n = 1;
  gboolean r_model;
  g_autofree char *problem = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  MockJob *job;

  if (!mock_call_require_body (call, TRUE, FALSE)
      || !mock_param_string (call, "model", &model)
      || !mock_param_string (call, "prompt", &prompt)
      || !mock_param_string (call, "quality", &quality)
      || !mock_param_string (call, "ratio", &ratio)
      || !mock_param_string (call, "resolution", &resolution)
      || !mock_param_string (call, "size", &size)
      || !mock_param_int (call, "n", &n))
    return;
  if (model == NULL)
    {
      mock_call_reject (call, "model", "model is required");
      return;
    }
  if (prompt == NULL || *prompt == '\0')
    {
      mock_call_reject (call, "prompt", "prompt is required");
      return;
    }

  r_model = strcmp (model, "gpt-image-2-r") == 0;
  if (!r_model && strcmp (model, "gpt-image-2") != 0)
    problem = g_strdup_printf ("model '%s' is not supported", model);
  else
    problem = find_problem (call, model, r_model, quality, ratio, resolution, size, n);

  uuid = g_uuid_string_random ();
  job = mock_job_new (call->server, MOCK_AIZFW, g_strconcat ("image_", uuid, NULL));
  job->model = g_strdup (model);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  if (problem != NULL)
    {
      g_autofree char *message = g_strconcat ("Invalid request: ", problem, NULL);

      mock_call_note_rejection (call, message);
      fail_job (job, message);
      add_task (builder, job, "failed", message);
    }
  else if (call->fault == EASEL_MOCK_FAULT_JOB_FAILURE)
    {
      /* The failure the create call itself can report. */
      fail_job (job, call->fault_param != NULL ? call->fault_param
                     : "Generation failed: the upstream service returned an error");
      add_task (builder, job, "failed", job->fault_param);
    }
  else
    {
      mock_job_attach_call_fault (job, call);
      add_task (builder, job, "queued", NULL);
    }
  json_builder_end_object (builder);

  mock_respond_json (call, 200, builder);
}

void
mock_aizfw_result (MockCall *call)
{
  MockJob *job = mock_job_lookup (call->server, call->id);
  g_autoptr(JsonBuilder) builder = NULL;
  MockJobState state;
  const char *status;

  if (job == NULL || job->dialect != MOCK_AIZFW)
    {
      mock_respond_error (call, MOCK_ERROR_NOT_FOUND, 404, NULL, "task not found");
      return;
    }

  mock_job_attach_call_fault (job, call);
  state = mock_job_poll (job);
  if (state == MOCK_JOB_DONE)
    mock_job_publish (call->server, job);

  switch (state)
    {
    case MOCK_JOB_DONE:
      status = "completed";
      break;
    case MOCK_JOB_FAILED:
      status = "failed";
      break;
    default:
      status = job->polls == 1 && job->pending_polls >= 2 ? "queued" : "processing";
      break;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, job->id);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status);
  json_builder_set_member_name (builder, "image_url");
  if (state == MOCK_JOB_DONE && job->urls->len > 0)
    json_builder_add_string_value (builder, g_ptr_array_index (job->urls, 0));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "error");
  if (state == MOCK_JOB_FAILED)
    json_builder_add_string_value (builder, job->fault_param != NULL ? job->fault_param
                                            : "Generation failed");
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  mock_respond_json (call, 200, builder);
}
