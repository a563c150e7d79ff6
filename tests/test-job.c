/* test-job.c: every dialect end to end through EaselJob against the mock
 * gateway: text to image, references, masks, remote jobs, URL results,
 * streaming, cancellation, and the key staying where it belongs
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "easel-error.h"
#include "easel-job-private.h"
#include "easel-test-job.h"

typedef struct
{
  EaselTestGateway gateway;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  easel_test_gateway_init (&fixture->gateway);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  easel_test_gateway_clear (&fixture->gateway);
}

/* The requests the mock saw for one stage, in order. */
static GPtrArray *
requests_for (Fixture        *fixture,
              EaselMockStage  stage)
{
  GPtrArray *all = easel_mock_server_get_requests (fixture->gateway.mock);
  GPtrArray *some = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    {
      EaselMockRequest *request = g_ptr_array_index (all, i);

      if (request->stage == stage)
        g_ptr_array_add (some, request);
    }

  return some;
}

static void
assert_stored (EaselJob *job,
               guint     n_images)
{
  GListModel *images = easel_job_get_images (job);

  if (easel_job_get_error (job) != NULL)
    g_test_message ("job error: %s", easel_job_get_error (job)->message);
  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_STORED);
  g_assert_null (easel_job_get_error (job));
  g_assert_cmpuint (g_list_model_get_n_items (images), ==, n_images);

  for (guint i = 0; i < n_images; i++)
    {
      g_autoptr(EaselImage) image = g_list_model_get_item (images, i);
      g_autoptr(GdkPixbuf) pixbuf = NULL;
      g_autoptr(GError) error = NULL;

      /* On disk, and a real image there. */
      g_assert_nonnull (easel_image_get_path (image));
      pixbuf = gdk_pixbuf_new_from_file (easel_image_get_path (image), &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, easel_image_get_width (image));
      g_assert_cmpint (easel_image_get_width (image), >, 0);
    }
}

static EaselRequest *
simple_request (const char *prompt)
{
  EaselRequest *request = easel_request_new ();

  easel_request_set_prompt (request, prompt);
  easel_request_set_size (request, "1024x1024");
  easel_request_set_quality (request, EASEL_QUALITY_LOW);
  return request;
}

static void
test_openai_text (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "openai");
  g_autoptr(EaselRequest) request = simple_request ("a lighthouse at dusk");
  g_autoptr(EaselJob) job = NULL;
  g_autoptr(GPtrArray) submits = NULL;
  EaselMockRequest *submit;

  easel_request_set_n (request, 2);
  job = easel_test_gateway_run (&fixture->gateway, profile, request);
  assert_stored (job, 2);

  submits = requests_for (fixture, EASEL_MOCK_STAGE_SUBMIT);
  g_assert_cmpuint (submits->len, ==, 1);
  submit = g_ptr_array_index (submits, 0);
  g_assert_cmpstr (submit->path, ==, "/openai/v1/images/generations");
  g_assert_cmpstr (soup_message_headers_get_one (submit->headers, "Authorization"), ==,
                   "Bearer sk-mock-key");
  /* Usage and cost: tokens from the response, price from the preset. */
  g_assert_cmpint (easel_job_get_total_tokens (job), >, 0);
  g_assert_cmpfloat_with_epsilon (easel_job_get_cost (job), 2 * 0.006, 1e-9);
  g_assert_cmpuint (easel_test_gateway_count_files (&fixture->gateway, "easel-"), ==, 2);
  g_assert_cmpuint (easel_test_gateway_count_files (&fixture->gateway, ".easel-"), ==, 0);
}

static void
test_openai_edit_with_mask (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "openai");
  g_autoptr(EaselRequest) request = simple_request ("replace the sky with aurora");
  g_autoptr(GBytes) first = easel_test_png (1024, 1024, FALSE, 0x336699ff);
  g_autoptr(GBytes) second = easel_test_png (512, 512, FALSE, 0x993366ff);
  g_autoptr(GBytes) mask = easel_test_png (1024, 1024, TRUE, 0x00000000);
  g_autofree char *first_path = easel_test_write_temp (first, "photo.png");
  g_autofree char *second_path = easel_test_write_temp (second, "style.png");
  g_autofree char *mask_path = easel_test_write_temp (mask, "mask.png");
  g_autoptr(EaselReference) ref1 = easel_reference_new_for_path (first_path);
  g_autoptr(EaselReference) ref2 = easel_reference_new_for_path (second_path);
  g_autoptr(EaselReference) mask_ref = easel_reference_new_for_path (mask_path);
  g_autoptr(EaselJob) job = NULL;
  g_autoptr(GPtrArray) submits = NULL;
  g_autoptr(SoupMultipart) multipart = NULL;
  EaselMockRequest *submit;
  guint images = 0, masks = 0;

  easel_request_add_reference (request, ref1);
  easel_request_add_reference (request, ref2);
  easel_request_set_mask (request, mask_ref);
  job = easel_test_gateway_run (&fixture->gateway, profile, request);
  assert_stored (job, 1);
  g_assert_null (easel_mock_server_get_last_rejection (fixture->gateway.mock));

  submits = requests_for (fixture, EASEL_MOCK_STAGE_SUBMIT);
  submit = g_ptr_array_index (submits, 0);
  g_assert_cmpstr (submit->path, ==, "/openai/v1/images/edits");
  multipart = soup_multipart_new_from_message (submit->headers, submit->body);
  g_assert_nonnull (multipart);
  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *headers;
      GBytes *body;
      g_autoptr(GHashTable) params = NULL;
      char *disposition = NULL;

      g_assert_true (soup_multipart_get_part (multipart, i, &headers, &body));
      g_assert_true (soup_message_headers_get_content_disposition (headers, &disposition,
                                                                   &params));
      if (g_strcmp0 (g_hash_table_lookup (params, "name"), "image[]") == 0)
        {
          /* In order, byte for byte. */
          g_assert_true (g_bytes_equal (body, images == 0 ? first : second));
          images++;
        }
      else if (g_strcmp0 (g_hash_table_lookup (params, "name"), "mask") == 0)
        {
          g_assert_true (g_bytes_equal (body, mask));
          masks++;
        }
      g_free (disposition);
    }
  g_assert_cmpuint (images, ==, 2);
  g_assert_cmpuint (masks, ==, 1);
}

static void
test_openai_stream (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "openai");
  g_autoptr(EaselRequest) request = simple_request ("a fox in snow");
  g_autoptr(EaselJob) job = NULL;

  easel_request_set_stream (request, TRUE);
  easel_request_set_partial_images (request, 2);
  job = easel_test_gateway_run (&fixture->gateway, profile, request);
  assert_stored (job, 1);
  /* The partials arrived one by one and were shown before the final. */
  g_assert_cmpuint (fixture->gateway.partials, >=, 1);
  g_assert_cmpint (easel_job_get_total_tokens (job), >, 0);
}

static void
test_icodeeasy_sync_urls (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "icodeeasy");
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselJob) job = NULL;
  g_autoptr(GPtrArray) downloads = NULL;

  easel_request_set_prompt (request, "a corgi astronaut");
  easel_request_set_size (request, "16:9");
  easel_request_set_resolution (request, EASEL_RESOLUTION_2K);
  easel_request_set_quality (request, EASEL_QUALITY_HIGH);
  easel_request_set_n (request, 2);
  job = easel_test_gateway_run (&fixture->gateway, profile, request);
  assert_stored (job, 2);

  /* Each URL was fetched from the file host without the key, following
   * the 302 there. */
  downloads = requests_for (fixture, EASEL_MOCK_STAGE_DOWNLOAD);
  g_assert_cmpuint (downloads->len, >=, 2);
  for (guint i = 0; i < downloads->len; i++)
    {
      EaselMockRequest *download = g_ptr_array_index (downloads, i);

      g_assert_true (g_str_has_prefix (download->host, "127.0.0.2"));
      g_assert_null (soup_message_headers_get_one (download->headers, "Authorization"));
    }
  /* icodeeasy bills per image by quality: CNY 0.40 high. */
  g_assert_cmpfloat_with_epsilon (easel_job_get_cost (job), 0.80, 1e-9);
}

static void
test_icodeeasy_async_with_references (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "icodeeasy");
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(GBytes) png = easel_test_png (640, 640, FALSE, 0x2ec27eff);
  g_autofree char *path = easel_test_write_temp (png, "local.png");
  g_autoptr(EaselReference) local = easel_reference_new_for_path (path);
  g_autoptr(EaselReference) remote = easel_reference_new_for_url ("https://images.example/a.png",
                                                                  NULL);
  g_autoptr(EaselJob) job = NULL;
  g_autoptr(GPtrArray) submits = NULL;
  g_autoptr(JsonNode) body = NULL;
  EaselMockRequest *submit;
  JsonArray *urls;

  easel_request_set_prompt (request, "merge these into a poster");
  easel_request_set_size (request, "4:3");
  easel_request_add_reference (request, remote);
  easel_request_add_reference (request, local);
  easel_request_set_async (request, TRUE);
  easel_mock_server_set_pending_polls (fixture->gateway.mock, 2);
  job = easel_test_gateway_run (&fixture->gateway, profile, request);
  assert_stored (job, 1);
  g_assert_nonnull (easel_job_get_remote_id (job));
  g_assert_cmpuint (easel_mock_server_count (fixture->gateway.mock, "icodeeasy",
                                             EASEL_MOCK_STAGE_POLL), ==, 3);

  submits = requests_for (fixture, EASEL_MOCK_STAGE_SUBMIT);
  submit = g_ptr_array_index (submits, 0);
  g_assert_cmpstr (submit->query, ==, "async=1");
  body = json_from_string (g_bytes_get_data (submit->body, NULL), NULL);
  urls = json_object_get_array_member (json_node_get_object (body), "image_urls");
  g_assert_cmpuint (json_array_get_length (urls), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (urls, 0), ==, "https://images.example/a.png");
  g_assert_true (g_str_has_prefix (json_array_get_string_element (urls, 1),
                                   "data:image/png;base64,"));
  /* The task's own cost is the actual bill. */
  g_assert_cmpfloat (easel_job_get_cost (job), >, 0);
}

static void
test_yycode_job (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "yycode");
  g_autoptr(EaselRequest) request = simple_request ("a cute cat napping in the sunlight");
  g_autoptr(GBytes) png = easel_test_png (1024, 1024, FALSE, 0xf5c211ff);
  g_autoptr(GBytes) mask = easel_test_png (1024, 1024, TRUE, 0x00000000);
  g_autofree char *path = easel_test_write_temp (png, "cat.png");
  g_autofree char *mask_path = easel_test_write_temp (mask, "mask.png");
  g_autoptr(EaselReference) reference = easel_reference_new_for_path (path);
  g_autoptr(EaselReference) mask_ref = easel_reference_new_for_path (mask_path);
  g_autoptr(EaselJob) job = NULL;
  g_autoptr(GPtrArray) submits = NULL;
  g_autoptr(GPtrArray) polls = NULL;
  EaselMockRequest *submit;

  easel_request_add_reference (request, reference);
  easel_request_set_mask (request, mask_ref);
  easel_mock_server_set_pending_polls (fixture->gateway.mock, 2);
  job = easel_test_gateway_run (&fixture->gateway, profile, request);
  assert_stored (job, 1);

  submits = requests_for (fixture, EASEL_MOCK_STAGE_SUBMIT);
  submit = g_ptr_array_index (submits, 0);
  g_assert_cmpstr (submit->path, ==, "/yycode/api/images/edit");
  g_assert_cmpstr (soup_message_headers_get_one (submit->headers, "x-demo-api-key"), ==,
                   "sk-mock-key");
  g_assert_cmpstr (soup_message_headers_get_one (submit->headers, "x-demo-base-url"), ==,
                   "https://yycode.net");
  g_assert_cmpstr (soup_message_headers_get_one (submit->headers, "x-demo-async"), ==, "1");

  /* The seed polls without the key. */
  polls = requests_for (fixture, EASEL_MOCK_STAGE_POLL);
  g_assert_cmpuint (polls->len, ==, 3);
  for (guint i = 0; i < polls->len; i++)
    {
      EaselMockRequest *poll = g_ptr_array_index (polls, i);

      g_assert_true (g_str_has_prefix (poll->path, "/yycode/api/jobs/job_"));
      g_assert_null (soup_message_headers_get_one (poll->headers, "x-demo-api-key"));
    }
  g_assert_cmpstr (easel_job_get_remote_id (job), !=, NULL);
}

static void
test_aizfw_task (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "aizfw");
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselReference) style = easel_reference_new_for_url ("https://images.example/s.jpg",
                                                                 NULL);
  g_autoptr(EaselJob) job = NULL;
  g_autoptr(GPtrArray) submits = NULL;
  g_autoptr(JsonNode) body = NULL;
  JsonObject *object;

  easel_request_set_prompt (request, "A serene mountain lake at sunset, photorealistic");
  easel_request_set_size (request, "16:9");
  easel_request_set_resolution (request, EASEL_RESOLUTION_4K);
  easel_request_set_quality (request, EASEL_QUALITY_HIGH);
  easel_request_add_reference (request, style);
  job = easel_test_gateway_run (&fixture->gateway, profile, request);
  assert_stored (job, 1);

  submits = requests_for (fixture, EASEL_MOCK_STAGE_SUBMIT);
  body = json_from_string (g_bytes_get_data (((EaselMockRequest *) submits->pdata[0])->body,
                                             NULL), NULL);
  object = json_node_get_object (body);
  g_assert_cmpstr (json_object_get_string_member (object, "ratio"), ==, "16:9");
  g_assert_cmpstr (json_object_get_string_member (object, "resolution"), ==, "4k");
  g_assert_cmpstr (json_object_get_string_member (object, "quality"), ==, "high");
  g_assert_true (g_str_has_prefix (easel_job_get_remote_id (job), "image_"));
  g_assert_cmpuint (easel_mock_server_count (fixture->gateway.mock, "aizfw",
                                             EASEL_MOCK_STAGE_DOWNLOAD), >=, 1);
}

static void
test_every_preset (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *const *presets = easel_profile_preset_ids ();

  /* Each preset's defaults make a request its gateway accepts as it is. */
  for (guint i = 0; presets[i] != NULL; i++)
    {
      g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, presets[i]);
      g_autoptr(EaselRequest) request = easel_request_new ();
      g_autoptr(EaselJob) job = NULL;

      g_test_message ("preset %s", presets[i]);
      easel_request_set_prompt (request, "a preset's first image");
      job = easel_test_gateway_run (&fixture->gateway, profile, request);
      assert_stored (job, 1);
      g_assert_null (easel_mock_server_get_last_rejection (fixture->gateway.mock));
    }
}

/* --- Cancellation leaves nothing behind ------------------------------- */

static void
cancel_when (EaselJob      *job,
             EaselJobState  state,
             guint          delay_ms)
{
  while (easel_job_get_state (job) != state && !easel_job_is_finished (job))
    g_main_context_iteration (NULL, TRUE);
  if (delay_ms > 0)
    {
      gint64 until = g_get_monotonic_time () + delay_ms * 1000;

      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
  easel_job_cancel (job);
  while (!easel_job_is_finished (job))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_cancel_mid_submit (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "openai");
  g_autoptr(EaselRequest) request = simple_request ("never answered");
  g_autoptr(EaselJob) job = easel_job_new (fixture->gateway.client, profile, request,
                                           "sk-mock-key", fixture->gateway.output_dir);

  easel_mock_server_set_fault (fixture->gateway.mock, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_STALL, 0, NULL);
  easel_job_start (job);
  cancel_when (job, EASEL_JOB_SUBMITTING, 100);

  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_CANCELLED);
  g_assert_error ((GError *) easel_job_get_error (job), EASEL_ERROR, EASEL_ERROR_CANCELLED);
  g_assert_cmpuint (easel_test_gateway_count_files (&fixture->gateway, ""), ==, 0);
}

static void
test_cancel_mid_poll (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "yycode");
  g_autoptr(EaselRequest) request = simple_request ("a long job");
  g_autoptr(EaselJob) job = easel_job_new (fixture->gateway.client, profile, request,
                                           "sk-mock-key", fixture->gateway.output_dir);

  easel_job_set_poll_interval (job, 20);
  easel_mock_server_set_fault (fixture->gateway.mock, EASEL_MOCK_STAGE_POLL,
                               EASEL_MOCK_FAULT_NEVER_ENDING_JOB, 0, NULL);
  easel_job_start (job);
  cancel_when (job, EASEL_JOB_POLLING, 100);

  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_CANCELLED);
  g_assert_nonnull (easel_job_get_remote_id (job));
  g_assert_cmpuint (easel_test_gateway_count_files (&fixture->gateway, ""), ==, 0);
}

static void
test_cancel_mid_download (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "icodeeasy");
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselJob) job = NULL;

  easel_request_set_prompt (request, "a slow download");
  job = easel_job_new (fixture->gateway.client, profile, request, "sk-mock-key",
                       fixture->gateway.output_dir);
  easel_mock_server_set_fault (fixture->gateway.mock, EASEL_MOCK_STAGE_DOWNLOAD,
                               EASEL_MOCK_FAULT_STALL, 0, NULL);
  easel_job_start (job);
  cancel_when (job, EASEL_JOB_DOWNLOADING, 100);

  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_CANCELLED);
  g_assert_cmpuint (easel_test_gateway_count_files (&fixture->gateway, ""), ==, 0);
}

/* --- Answers are read on worker threads ------------------------------- */

typedef struct
{
  const char *preset;
  gboolean    stream;
  guint       cancel_at;     /* cancel when this parse (1 = the first) has gone to a thread */
  const char *what;
} ParseCase;

static const ParseCase parse_cases[] = {
  { "openai", FALSE, 1, "the sync answer with the images" },
  { "icodeeasy", FALSE, 1, "the sync answer with the URLs" },
  { "yycode", FALSE, 1, "the submit answer with the job id" },
  { "yycode", FALSE, 2, "a poll answer saying pending" },
  { "yycode", FALSE, 3, "the poll answer with the images" },
  { "aizfw", FALSE, 3, "the poll answer with the URL" },
  { "openai", TRUE, 1, "the first partial image event" },
  { "openai", TRUE, 3, "the completed event" },
};

static void
assert_released (EaselJob *job)
{
  gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gpointer weak = job;

  g_object_add_weak_pointer (G_OBJECT (job), &weak);
  g_object_unref (job);
  while (weak != NULL && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (weak);
}

typedef struct
{
  guint      parses;
  guint      cancel_at;
  GPtrArray *states;
} ParseWatch;

static void
on_parse (EaselJob *job,
          gpointer  user_data)
{
  ParseWatch *watch = user_data;

  if (++watch->parses == watch->cancel_at)
    easel_job_cancel (job);
}

static void
on_state (EaselJob   *job,
          GParamSpec *pspec,
          ParseWatch *watch)
{
  g_ptr_array_add (watch->states, (gpointer) easel_job_state_to_string (easel_job_get_state (job)));
}

/* A job cancelled while a worker reads an answer or an event must not go
 * on when the worker is done: no images, no files, no further request. */
static void
test_cancel_mid_parse (Fixture       *fixture,
                       gconstpointer  data)
{
  const ParseCase *tc = data;
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, tc->preset);
  g_autoptr(EaselRequest) request = simple_request ("read on a worker");
  g_autoptr(GPtrArray) states = g_ptr_array_new ();
  ParseWatch watch = { 0, tc->cancel_at, states };
  g_autoptr(EaselJob) job = NULL;
  guint requests_at_cancel = 0;

  g_test_message ("%s: cancelled while reading %s", tc->preset, tc->what);
  if (g_str_equal (tc->preset, "icodeeasy") || g_str_equal (tc->preset, "aizfw"))
    easel_request_set_size (request, "1:1");
  if (tc->stream)
    {
      easel_request_set_stream (request, TRUE);
      easel_request_set_partial_images (request, 2);
    }

  job = easel_job_new (fixture->gateway.client, profile, request, "sk-mock-key",
                       fixture->gateway.output_dir);
  easel_job_set_poll_interval (job, 20);
  easel_job_set_parse_hook (job, on_parse, &watch);
  g_signal_connect (job, "notify::state", G_CALLBACK (on_state), &watch);
  easel_job_start (job);
  while (!easel_job_is_finished (job))
    {
      g_main_context_iteration (NULL, TRUE);
      if (watch.parses < tc->cancel_at)
        requests_at_cancel = easel_mock_server_get_requests (fixture->gateway.mock)->len;
    }

  g_assert_cmpuint (watch.parses, ==, tc->cancel_at);
  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_CANCELLED);
  g_assert_error ((GError *) easel_job_get_error (job), EASEL_ERROR, EASEL_ERROR_CANCELLED);
  g_assert_cmpuint (g_list_model_get_n_items (easel_job_get_images (job)), ==, 0);
  g_assert_cmpint (easel_job_get_time (job, EASEL_JOB_TIME_RECEIVED), ==, 0);
  g_assert_cmpint (easel_job_get_time (job, EASEL_JOB_TIME_FINISHED), >, 0);
  for (guint i = 0; i < states->len; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (states, i), !=, "decoding");
      g_assert_cmpstr (g_ptr_array_index (states, i), !=, "downloading");
    }
  g_assert_cmpstr (g_ptr_array_index (states, states->len - 1), ==, "cancelled");

  /* Nothing was asked of the gateway after the answer being read. */
  g_assert_cmpuint (easel_mock_server_get_requests (fixture->gateway.mock)->len, <=,
                    requests_at_cancel);
  g_assert_cmpuint (easel_mock_server_count (fixture->gateway.mock, NULL,
                                             EASEL_MOCK_STAGE_DOWNLOAD), ==, 0);
  g_assert_cmpuint (easel_test_gateway_count_files (&fixture->gateway, ""), ==, 0);

  /* A worker may still be reading (a stream ends as soon as its request
   * is cancelled); once it is done, nothing holds the job. */
  g_signal_handlers_disconnect_by_func (job, on_state, &watch);
  assert_released (g_steal_pointer (&job));
}

/* A stream event the dialect refuses, read on a worker thread, still fails
 * the job with the dialect's error: whether the stream is still open when
 * the worker is done (n = 2: more events follow) or already over (n = 1). */
static void
test_openai_stream_refused_event (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "openai");

  for (guint n = 1; n <= 2; n++)
    {
      g_autoptr(EaselRequest) request = simple_request ("a stream without its image");
      g_autoptr(EaselJob) job = NULL;
      const GError *error;

      easel_request_set_stream (request, TRUE);
      easel_request_set_partial_images (request, 1);
      easel_request_set_n (request, n);
      easel_mock_server_set_fault (fixture->gateway.mock, EASEL_MOCK_STAGE_SUBMIT,
                                   EASEL_MOCK_FAULT_NO_IMAGES, 1, NULL);
      job = easel_test_gateway_run (&fixture->gateway, profile, request);

      error = easel_job_get_error (job);
      g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_FAILED);
      g_assert_error ((GError *) error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE);
      g_assert_nonnull (strstr (error->message, "b64_json"));
      g_assert_cmpuint (g_list_model_get_n_items (easel_job_get_images (job)), ==, 0);
      g_assert_cmpuint (easel_test_gateway_count_files (&fixture->gateway, ""), ==, 0);
      assert_released (g_steal_pointer (&job));
    }
}

/* --- Validation happens before anything is sent ------------------------ */

static void
test_invalid_request_sends_nothing (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "openai");
  g_autoptr(EaselRequest) request = simple_request ("too wide");
  g_autoptr(EaselJob) job = NULL;

  easel_request_set_size (request, "1000x1000");
  job = easel_test_gateway_run (&fixture->gateway, profile, request);

  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_FAILED);
  g_assert_error ((GError *) easel_job_get_error (job), EASEL_ERROR,
                  EASEL_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (easel_job_get_error (job)->message, "1000"));
  g_assert_false (easel_job_get_sent (job));
  g_assert_cmpuint (easel_mock_server_get_requests (fixture->gateway.mock)->len, ==, 0);
}

static void
test_unreadable_reference (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway, "openai");
  g_autoptr(EaselRequest) request = simple_request ("with a text file");
  g_autoptr(GBytes) text = g_bytes_new_static ("not an image", 12);
  g_autofree char *path = easel_test_write_temp (text, "notes.txt");
  g_autoptr(EaselReference) reference = easel_reference_new_for_path (path);
  g_autoptr(EaselJob) job = NULL;

  easel_request_add_reference (request, reference);
  job = easel_test_gateway_run (&fixture->gateway, profile, request);

  g_assert_error ((GError *) easel_job_get_error (job), EASEL_ERROR,
                  EASEL_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (easel_job_get_error (job)->message, "notes.txt"));
  g_assert_cmpuint (easel_mock_server_get_requests (fixture->gateway.mock)->len, ==, 0);
}

/* --- The key ------------------------------------------------------------ */

static void
test_sentinel_key_stays_home (Fixture       *fixture,
                              gconstpointer  data)
{
  const char *key = "sk-sentinel-5f0c1d2e3a4b";
  const char *const presets[] = { "openai", "icodeeasy", "yycode", "aizfw" };

  easel_mock_server_set_api_key (fixture->gateway.mock, key);

  for (guint p = 0; p < G_N_ELEMENTS (presets); p++)
    {
      g_autoptr(EaselProfile) profile = easel_test_gateway_profile (&fixture->gateway,
                                                                    presets[p]);
      g_autoptr(EaselRequest) request = easel_request_new ();
      g_autoptr(EaselJob) job = easel_job_new (fixture->gateway.client, profile, request, key,
                                               fixture->gateway.output_dir);

      easel_request_set_prompt (request, "sentinel run");
      easel_job_set_poll_interval (job, 20);
      easel_job_start (job);
      while (!easel_job_is_finished (job))
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_STORED);
    }

  /* The key went to the profile's host only, and never in a URL. */
  {
    GPtrArray *all = easel_mock_server_get_requests (fixture->gateway.mock);

    for (guint i = 0; i < all->len; i++)
      {
        EaselMockRequest *request = g_ptr_array_index (all, i);
        SoupMessageHeadersIter iter;
        const char *name, *value;
        gboolean carries = FALSE;

        soup_message_headers_iter_init (&iter, request->headers);
        while (soup_message_headers_iter_next (&iter, &name, &value))
          carries |= strstr (value, key) != NULL;

        g_assert_null (strstr (request->path, key));
        g_assert_true (request->query == NULL || strstr (request->query, key) == NULL);
        if (carries)
          g_assert_true (g_str_has_prefix (request->host, "127.0.0.1"));
        if (request->stage == EASEL_MOCK_STAGE_DOWNLOAD)
          g_assert_false (carries);
      }
  }

  /* And it is in no file the jobs wrote. */
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->gateway.output_dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (fixture->gateway.output_dir, name, NULL);
        g_autofree char *contents = NULL;
        gsize length;

        g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
        g_assert_null (g_strstr_len (contents, length, key));
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/job/openai/text-to-image", test_openai_text);
  ADD ("/job/openai/edit-with-references-and-mask", test_openai_edit_with_mask);
  ADD ("/job/openai/stream", test_openai_stream);
  ADD ("/job/icodeeasy/sync-urls", test_icodeeasy_sync_urls);
  ADD ("/job/icodeeasy/async-with-references", test_icodeeasy_async_with_references);
  ADD ("/job/yycode/job-with-reference-and-mask", test_yycode_job);
  ADD ("/job/aizfw/task", test_aizfw_task);
  ADD ("/job/every-preset", test_every_preset);
  ADD ("/job/cancel/mid-submit", test_cancel_mid_submit);
  ADD ("/job/cancel/mid-poll", test_cancel_mid_poll);
  ADD ("/job/cancel/mid-download", test_cancel_mid_download);
  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/job/cancel/mid-parse/%s-%s-%u",
                                               parse_cases[i].preset,
                                               parse_cases[i].stream ? "stream" : "plain",
                                               parse_cases[i].cancel_at);

      g_test_add (path, Fixture, &parse_cases[i], fixture_set_up, test_cancel_mid_parse,
                  fixture_tear_down);
    }
  ADD ("/job/openai/stream-refused-event", test_openai_stream_refused_event);
  ADD ("/job/invalid-request-sends-nothing", test_invalid_request_sends_nothing);
  ADD ("/job/unreadable-reference", test_unreadable_reference);
  ADD ("/job/sentinel-key-stays-home", test_sentinel_key_stays_home);
#undef ADD

  return g_test_run ();
}
