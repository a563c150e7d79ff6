/* test-dialect-aizfw.c: the aizfw task dialect on golden bytes
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every request and answer of seed 004, verbatim; the query answers in the
 * shape DESIGN.md §4.4 gives from the provider's query page; failures. */

#include "easel-dialect-test.h"

#define TASK_ID "image_fd35ee52-2a98-44a6-b930-29a88ce9b8fd"
#define BASE "https://zcbservice.aizfw.cn/kyyReactApiServer"

static EaselProfile *
aizfw_profile (const char *preset)
{
  return easel_profile_new_from_preset (preset, "test-aizfw");
}

static EaselWireRequest *
build (EaselProfile *profile,
       EaselRequest *request)
{
  g_autoptr(GError) error = NULL;
  EaselWireRequest *wire;

  wire = easel_dialect_get (EASEL_DIALECT_AIZFW)->build_submit (profile, request, TEST_API_KEY,
                                                                &error);
  g_assert_no_error (error);
  g_assert_nonnull (wire);

  g_assert_cmpstr (wire->method, ==, "POST");
  g_assert_cmpstr (wire->url, ==, BASE "/v1/image2/images");
  test_assert_headers (wire,
                       "Authorization", "Bearer " TEST_API_KEY,
                       "Content-Type", "application/json",
                       NULL);
  test_assert_secret (wire, "Authorization", "Bearer " TEST_API_KEY, TEST_API_KEY);

  return wire;
}

/* --- Requests --------------------------------------------------------- */

/* The seed's code example: ratio 16:9 at 2k, quality high. */
static void
test_build_seed (void)
{
  g_autoptr(EaselProfile) profile = aizfw_profile ("aizfw");
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselWireRequest) wire = NULL;

  easel_request_set_prompt (request, "A serene mountain lake at sunset, photorealistic");
  easel_request_set_quality (request, EASEL_QUALITY_HIGH);
  easel_request_set_size (request, "16:9");
  easel_request_set_resolution (request, EASEL_RESOLUTION_2K);
  wire = build (profile, request);

  test_assert_json_body (wire,
                         "{\"model\":\"gpt-image-2\","
                         "\"prompt\":\"A serene mountain lake at sunset, photorealistic\","
                         "\"quality\":\"high\",\"ratio\":\"16:9\",\"resolution\":\"2k\"}");
}

/* size alone, which "takes full priority": no ratio, no resolution. n is
 * not a field of this API. */
static void
test_build_pixels (void)
{
  g_autoptr(EaselProfile) profile = aizfw_profile ("aizfw");
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselWireRequest) wire = NULL;

  easel_request_set_prompt (request, "p");
  easel_request_set_quality (request, EASEL_QUALITY_MEDIUM);
  easel_request_set_size (request, "3840x2160");
  easel_request_set_resolution (request, EASEL_RESOLUTION_4K);
  wire = build (profile, request);

  test_assert_json_body (wire,
                         "{\"model\":\"gpt-image-2\",\"prompt\":\"p\",\"quality\":\"medium\","
                         "\"size\":\"3840x2160\"}");
}

/* auto is the gateway's default ratio; quality auto is its default tier,
 * left unnamed since the gateway knows no "auto". */
static void
test_build_auto (void)
{
  g_autoptr(EaselProfile) profile = aizfw_profile ("aizfw");
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselWireRequest) wire = NULL;

  easel_request_set_prompt (request, "p");
  wire = build (profile, request);

  test_assert_json_body (wire,
                         "{\"model\":\"gpt-image-2\",\"prompt\":\"p\",\"ratio\":\"1:1\","
                         "\"resolution\":\"1k\"}");
}

/* 4k with one of the six ratios that allow it, and reference URLs. */
static void
test_build_references (void)
{
  g_autoptr(EaselProfile) profile = aizfw_profile ("aizfw");
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselReference) a = test_reference_url ("https://example.com/style-a.png");
  g_autoptr(EaselReference) b = test_reference_url ("https://cdn.example.com/b.jpg?sig=1");
  g_autoptr(EaselWireRequest) wire = NULL;

  easel_request_set_prompt (request, "A panorama in the style of these");
  easel_request_set_quality (request, EASEL_QUALITY_LOW);
  easel_request_set_size (request, "21:9");
  easel_request_set_resolution (request, EASEL_RESOLUTION_4K);
  easel_request_add_reference (request, a);
  easel_request_add_reference (request, b);
  wire = build (profile, request);

  test_assert_json_body (wire,
                         "{\"model\":\"gpt-image-2\","
                         "\"prompt\":\"A panorama in the style of these\",\"quality\":\"low\","
                         "\"ratio\":\"21:9\",\"resolution\":\"4k\","
                         "\"image_urls\":[\"https://example.com/style-a.png\","
                         "\"https://cdn.example.com/b.jpg?sig=1\"]}");
}

/* gpt-image-2-r ignores quality, so it is not sent. */
static void
test_build_model_r (void)
{
  g_autoptr(EaselProfile) profile = aizfw_profile ("aizfw-r");
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselReference) a = test_reference_url ("https://example.com/1.png");
  g_autoptr(EaselReference) b = test_reference_url ("https://example.com/2.png");
  g_autoptr(EaselReference) c = test_reference_url ("https://example.com/3.png");
  g_autoptr(EaselWireRequest) wire = NULL;

  easel_request_set_prompt (request, "p");
  easel_request_set_quality (request, EASEL_QUALITY_HIGH);
  easel_request_set_size (request, "3:4");
  easel_request_add_reference (request, a);
  easel_request_add_reference (request, b);
  easel_request_add_reference (request, c);
  wire = build (profile, request);

  test_assert_json_body (wire,
                         "{\"model\":\"gpt-image-2-r\",\"prompt\":\"p\",\"ratio\":\"3:4\","
                         "\"resolution\":\"1k\",\"image_urls\":[\"https://example.com/1.png\","
                         "\"https://example.com/2.png\",\"https://example.com/3.png\"]}");
}

static void
test_build_refused (void)
{
  g_autoptr(EaselProfile) profile = aizfw_profile ("aizfw");
  g_autoptr(EaselReference) local = test_reference_png (TEST_PNG_RED_B64, "holiday.png");
  g_autoptr(EaselReference) data_url = test_reference_url ("data:image/png;base64,"
                                                           TEST_PNG_BLUE_B64);
  g_autoptr(EaselReference) url = test_reference_url ("https://example.com/1.png");
  g_autoptr(EaselReference) mask = test_reference_png (TEST_PNG_MASK_B64, "mask.png");

  /* Only URLs: a local image would have to be uploaded somewhere first. */
  {
    g_autoptr(EaselRequest) request = easel_request_new ();
    g_autoptr(GError) error = NULL;

    easel_request_add_reference (request, url);
    easel_request_add_reference (request, local);
    error = test_build_submit_error (profile, request);
    test_assert_error (error, EASEL_ERROR_INVALID_REQUEST, "holiday.png");
  }

  {
    g_autoptr(EaselRequest) request = easel_request_new ();
    g_autoptr(GError) error = NULL;

    easel_request_add_reference (request, data_url);
    error = test_build_submit_error (profile, request);
    test_assert_error (error, EASEL_ERROR_INVALID_REQUEST, "https://");
  }

  {
    g_autoptr(EaselRequest) request = easel_request_new ();
    g_autoptr(GError) error = NULL;

    easel_request_add_reference (request, url);
    easel_request_set_mask (request, mask);
    error = test_build_submit_error (profile, request);
    test_assert_error (error, EASEL_ERROR_INVALID_REQUEST, "mask");
  }
}

/* --- Submit answers --------------------------------------------------- */

static void
test_parse_submit_seed (void)
{
  g_autoptr(EaselProfile) profile = aizfw_profile ("aizfw");
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  const char *body =
    "{\n"
    "  \"id\": \"image_fd35ee52-2a98-44a6-b930-29a88ce9b8fd\",\n"
    "  \"object\": \"image\",\n"
    "  \"created\": 1774836724,\n"
    "  \"model\": \"gpt-image-2\",\n"
    "  \"status\": \"queued\",\n"
    "  \"error\": null\n"
    "}";

  outcome = test_parse_submit (profile, request, 200, "application/json", body, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_PENDING);
  g_assert_cmpstr (outcome->remote_id, ==, TASK_ID);
  g_assert_cmpstr (outcome->remote_status, ==, "queued");
  g_assert_cmpuint (outcome->urls->len, ==, 0);
}

static void
test_parse_submit_processing (void)
{
  g_autoptr(EaselProfile) profile = aizfw_profile ("aizfw");
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  outcome = test_parse_submit (profile, request, 200, "application/json",
                               "{\"id\":\"" TASK_ID "\",\"object\":\"image\",\"created\":1,"
                               "\"model\":\"gpt-image-2-r\",\"status\":\"processing\","
                               "\"error\":null}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_PENDING);
  g_assert_cmpstr (outcome->remote_status, ==, "processing");
}

/* The seed's "Failure Response". */
static void
test_parse_submit_failed (void)
{
  g_autoptr(EaselProfile) profile = aizfw_profile ("aizfw");
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  const char *body =
    "{\n"
    "  \"id\": \"image_fd35ee52-2a98-44a6-b930-29a88ce9b8fd\",\n"
    "  \"object\": \"image\",\n"
    "  \"created\": 1774836724,\n"
    "  \"model\": \"gpt-image-2\",\n"
    "  \"status\": \"failed\",\n"
    "  \"error\": \"Invalid request: resolution '4k' is not supported for ratio '4:3'\"\n"
    "}";

  outcome = test_parse_submit (profile, request, 200, "application/json", body, &error);
  g_assert_null (outcome);
  test_assert_error (error, EASEL_ERROR_REMOTE_FAILED,
                     "Invalid request: resolution '4k' is not supported for ratio '4:3'");
}

static void
test_parse_submit_bad (void)
{
  g_autoptr(EaselProfile) profile = aizfw_profile ("aizfw");
  g_autoptr(EaselRequest) request = easel_request_new ();
  const struct
  {
    guint status;
    const char *content_type;
    const char *body;
    int code;
    const char *fragment;
  } cases[] = {
    { 200, "application/json", "{\"object\":\"image\",\"status\":\"queued\",\"error\":null}",
      EASEL_ERROR_BAD_RESPONSE, "“id”" },
    { 200, "application/json", "{\"id\":7,\"status\":\"queued\"}", EASEL_ERROR_BAD_RESPONSE,
      "“id”" },
    /* Found by fuzz-dialect: ".../result/.." would poll ".../v1/". */
    { 200, "application/json", "{\"id\":\"..\",\"status\":\"queued\"}",
      EASEL_ERROR_BAD_RESPONSE, "“id”" },
    { 200, "application/json", "{\"id\":\"" TASK_ID "\",\"object\":\"image\"}",
      EASEL_ERROR_BAD_RESPONSE, "status" },
    { 200, "application/json", "{\"id\":\"" TASK_ID "\",\"status\":\"paused\"}",
      EASEL_ERROR_BAD_RESPONSE, "paused" },
    { 200, "application/json", "{\"id\":\"" TASK_ID "\",\"status\":", EASEL_ERROR_BAD_RESPONSE,
      "JSON" },
    { 200, "application/json", "", EASEL_ERROR_BAD_RESPONSE, "empty" },
    { 400, "application/json", "{\"error\":\"Invalid request: prompt is required\"}",
      EASEL_ERROR_INVALID_REQUEST, "prompt is required" },
    { 401, "application/json", "{\"error\":\"Invalid API key\"}", EASEL_ERROR_AUTH,
      "Invalid API key" },
    { 402, "application/json", "{\"error\":\"Insufficient balance\"}", EASEL_ERROR_PAYMENT,
      "Insufficient balance" },
    { 403, "application/json", "{\"error\":\"Prompt violates the content policy\"}",
      EASEL_ERROR_MODERATION, "content policy" },
    { 429, "application/json", "{\"code\":429,\"message\":\"Too many requests\"}",
      EASEL_ERROR_RATE_LIMIT, "Too many requests" },
    { 500, "application/json", "{\"error\":\"Internal server error\"}", EASEL_ERROR_SERVER,
      "Internal server error" },
    { 502, "text/html", TEST_HTML_502, EASEL_ERROR_SERVER, "502 Bad Gateway" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EaselOutcome) outcome = NULL;
      g_autoptr(GError) error = NULL;

      outcome = test_parse_submit (profile, request, cases[i].status, cases[i].content_type,
                                   cases[i].body, &error);
      g_assert_null (outcome);
      test_assert_error (error, cases[i].code, cases[i].fragment);
    }
}

/* --- Polling ---------------------------------------------------------- */

static void
test_build_poll (void)
{
  g_autoptr(EaselProfile) profile = aizfw_profile ("aizfw");
  g_autoptr(EaselWireRequest) wire = NULL;

  wire = easel_dialect_get (EASEL_DIALECT_AIZFW)->build_poll (profile, TASK_ID, TEST_API_KEY);
  g_assert_cmpstr (wire->method, ==, "GET");
  g_assert_cmpstr (wire->url, ==, BASE "/v1/result/" TASK_ID);
  g_assert_null (wire->body);
  test_assert_headers (wire, "Authorization", "Bearer " TEST_API_KEY, NULL);
  test_assert_secret (wire, "Authorization", "Bearer " TEST_API_KEY, TEST_API_KEY);
}

static void
test_parse_poll_waiting (void)
{
  g_autoptr(EaselProfile) profile = aizfw_profile ("aizfw");
  const char *statuses[] = { "queued", "processing" };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(EaselOutcome) outcome = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *body = NULL;

      body = g_strdup_printf ("{\n\"id\" : \"abc123def456\" ,\n\"object\" : \"image.generation\" ,"
                              "\n\"created\" : 1761635478 ,\n\"model\" : \"gpt-image-2\" ,\n"
                              "\"status\" : \"%s\" ,\n\"image_url\" : null ,\n\"error\" : null\n}",
                              statuses[i]);
      outcome = test_parse_poll (profile, 200, "application/json", body, &error);
      g_assert_no_error (error);
      g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_PENDING);
      g_assert_cmpstr (outcome->remote_status, ==, statuses[i]);
      g_assert_cmpstr (outcome->remote_id, ==, "abc123def456");
      g_assert_cmpuint (outcome->urls->len, ==, 0);
    }
}

static void
test_parse_poll_completed (void)
{
  g_autoptr(EaselProfile) profile = aizfw_profile ("aizfw");
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  outcome = test_parse_poll (profile, 200, "application/json",
                             "{\"id\":\"" TASK_ID "\",\"object\":\"image.generation\","
                             "\"created\":1774836724,\"model\":\"gpt-image-2\","
                             "\"status\":\"completed\","
                             "\"image_url\":\"https://oss.aizfw.cn/result/" TASK_ID ".png\","
                             "\"error\":null}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_URLS);
  g_assert_cmpuint (outcome->urls->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (outcome->urls, 0), ==,
                   "https://oss.aizfw.cn/result/" TASK_ID ".png");
  g_assert_cmpstr (outcome->remote_id, ==, TASK_ID);
  g_assert_cmpstr (outcome->remote_status, ==, "completed");
}

static void
test_parse_poll_failed (void)
{
  g_autoptr(EaselProfile) profile = aizfw_profile ("aizfw");
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  outcome = test_parse_poll (profile, 200, "application/json",
                             "{\"id\":\"" TASK_ID "\",\"object\":\"image.generation\","
                             "\"created\":1774836724,\"model\":\"gpt-image-2\","
                             "\"status\":\"failed\",\"image_url\":null,"
                             "\"error\":\"Content moderation: the prompt was rejected\"}", &error);
  g_assert_null (outcome);
  test_assert_error (error, EASEL_ERROR_REMOTE_FAILED, "the prompt was rejected");
}

static void
test_parse_poll_bad (void)
{
  g_autoptr(EaselProfile) profile = aizfw_profile ("aizfw");
  const struct
  {
    guint status;
    const char *content_type;
    const char *body;
    int code;
    const char *fragment;
  } cases[] = {
    { 200, "application/json", "{\"id\":\"x\",\"status\":\"completed\",\"image_url\":null}",
      EASEL_ERROR_BAD_RESPONSE, "image_url" },
    { 200, "application/json", "{\"id\":\"x\",\"status\":\"completed\"}",
      EASEL_ERROR_BAD_RESPONSE, "image_url" },
    { 200, "application/json", "{\"id\":\"x\",\"status\":\"completed\",\"image_url\":\"\"}",
      EASEL_ERROR_BAD_RESPONSE, "image_url" },
    { 200, "application/json", "{\"id\":\"x\",\"status\":null}", EASEL_ERROR_BAD_RESPONSE,
      "status" },
    { 200, "application/json", "{\"id\":\"x\",\"status\":\"expired\"}",
      EASEL_ERROR_BAD_RESPONSE, "expired" },
    { 200, "application/json", "[]", EASEL_ERROR_BAD_RESPONSE, "JSON object" },
    { 200, "application/json", "{\"id\":\"x\",\"status\":\"completed\",\"image_url\":\"https:",
      EASEL_ERROR_BAD_RESPONSE, "JSON" },
    { 404, "application/json", "{\"error\":\"Task not found\"}", EASEL_ERROR_INVALID_REQUEST,
      "Task not found" },
    { 401, "application/json", "{\"error\":\"Unauthorized\"}", EASEL_ERROR_AUTH,
      "Unauthorized" },
    { 502, "text/html", TEST_HTML_502, EASEL_ERROR_SERVER, "502 Bad Gateway" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EaselOutcome) outcome = NULL;
      g_autoptr(GError) error = NULL;

      outcome = test_parse_poll (profile, cases[i].status, cases[i].content_type, cases[i].body,
                                 &error);
      g_assert_null (outcome);
      test_assert_error (error, cases[i].code, cases[i].fragment);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dialect/aizfw/build/seed", test_build_seed);
  g_test_add_func ("/dialect/aizfw/build/pixels", test_build_pixels);
  g_test_add_func ("/dialect/aizfw/build/auto", test_build_auto);
  g_test_add_func ("/dialect/aizfw/build/references", test_build_references);
  g_test_add_func ("/dialect/aizfw/build/model-r", test_build_model_r);
  g_test_add_func ("/dialect/aizfw/build/refused", test_build_refused);
  g_test_add_func ("/dialect/aizfw/submit/seed", test_parse_submit_seed);
  g_test_add_func ("/dialect/aizfw/submit/processing", test_parse_submit_processing);
  g_test_add_func ("/dialect/aizfw/submit/failed", test_parse_submit_failed);
  g_test_add_func ("/dialect/aizfw/submit/bad", test_parse_submit_bad);
  g_test_add_func ("/dialect/aizfw/poll/build", test_build_poll);
  g_test_add_func ("/dialect/aizfw/poll/waiting", test_parse_poll_waiting);
  g_test_add_func ("/dialect/aizfw/poll/completed", test_parse_poll_completed);
  g_test_add_func ("/dialect/aizfw/poll/failed", test_parse_poll_failed);
  g_test_add_func ("/dialect/aizfw/poll/bad", test_parse_poll_bad);

  return g_test_run ();
}
