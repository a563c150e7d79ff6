/* test-dialect-icodeeasy.c: the icodeeasy dialect on golden bytes
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every request and answer of seed 003, verbatim, plus the failures. */

#include "easel-dialect-test.h"

static EaselProfile *
icodeeasy_profile (void)
{
  return easel_profile_new_from_preset ("icodeeasy", "test-icodeeasy");
}

static EaselWireRequest *
build (EaselProfile *profile,
       EaselRequest *request)
{
  g_autoptr(GError) error = NULL;
  EaselWireRequest *wire;

  wire = easel_dialect_get (EASEL_DIALECT_ICODEEASY)->build_submit (profile, request,
                                                                    TEST_API_KEY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (wire);

  return wire;
}

static void
assert_json_headers (EaselWireRequest *wire)
{
  g_assert_cmpstr (wire->method, ==, "POST");
  test_assert_headers (wire,
                       "Authorization", "Bearer " TEST_API_KEY,
                       "Content-Type", "application/json",
                       NULL);
  test_assert_secret (wire, "Authorization", "Bearer " TEST_API_KEY, TEST_API_KEY);
}

/* --- Requests --------------------------------------------------------- */

/* "Minimal text-to-image, sync": auto is the gateway's 1:1, at 1k. */
static void
test_build_minimal (void)
{
  g_autoptr(EaselProfile) profile = icodeeasy_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselWireRequest) wire = NULL;

  easel_request_set_prompt (request, "an orange cat sitting on a windowsill watching the sunset, "
                                     "watercolor style");
  wire = build (profile, request);

  g_assert_cmpstr (wire->url, ==, "https://jp.icodeeasy.cc/v1/images/generations");
  assert_json_headers (wire);
  test_assert_json_body (wire,
                         "{\"model\":\"gpt-image-2\",\"prompt\":\"an orange cat sitting on a "
                         "windowsill watching the sunset, watercolor style\",\"n\":1,"
                         "\"size\":\"auto\",\"resolution\":\"1k\",\"quality\":\"auto\"}");
}

/* "Specify ratio and 2K". */
static void
test_build_ratio (void)
{
  g_autoptr(EaselProfile) profile = icodeeasy_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselWireRequest) wire = NULL;

  easel_request_set_prompt (request, "a corgi astronaut on the moon, cinematic");
  easel_request_set_size (request, "16:9");
  easel_request_set_resolution (request, EASEL_RESOLUTION_2K);
  easel_request_set_quality (request, EASEL_QUALITY_MEDIUM);
  easel_request_set_n (request, 2);
  wire = build (profile, request);

  g_assert_cmpstr (wire->url, ==, "https://jp.icodeeasy.cc/v1/images/generations");
  assert_json_headers (wire);
  test_assert_json_body (wire,
                         "{\"model\":\"gpt-image-2\","
                         "\"prompt\":\"a corgi astronaut on the moon, cinematic\",\"n\":2,"
                         "\"size\":\"16:9\",\"resolution\":\"2k\",\"quality\":\"medium\"}");
}

/* "Image-to-image using image URL (JSON)": pixels, so no resolution. */
static void
test_build_url_reference (void)
{
  g_autoptr(EaselProfile) profile = icodeeasy_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselReference) photo = test_reference_url ("https://example.com/photo.png");
  g_autoptr(EaselWireRequest) wire = NULL;

  easel_request_set_prompt (request, "make this person 70 years old");
  easel_request_set_size (request, "1536x1024");
  easel_request_add_reference (request, photo);
  wire = build (profile, request);

  g_assert_cmpstr (wire->url, ==, "https://jp.icodeeasy.cc/v1/images/edits");
  assert_json_headers (wire);
  test_assert_json_body (wire,
                         "{\"model\":\"gpt-image-2\",\"prompt\":\"make this person 70 years old\","
                         "\"n\":1,\"size\":\"1536x1024\",\"quality\":\"auto\","
                         "\"image_urls\":[\"https://example.com/photo.png\"]}");
}

/* "Image-to-image uploading a local file (multipart)". */
static void
test_build_local_file (void)
{
  g_autoptr(EaselProfile) profile = icodeeasy_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselReference) photo = test_reference_png (TEST_PNG_RED_B64, "photo.png");
  g_autoptr(EaselReference) second = test_reference_png (TEST_PNG_BLUE_B64, "second.png");
  g_autoptr(EaselWireRequest) wire = NULL;
  const TestPart parts[] = {
    { "model", NULL, NULL, "gpt-image-2", NULL },
    { "prompt", NULL, NULL, "make this person 70 years old", NULL },
    { "n", NULL, NULL, "1", NULL },
    { "size", NULL, NULL, "1536x1024", NULL },
    { "quality", NULL, NULL, "high", NULL },
    { "image[]", "photo.png", "image/png", NULL, TEST_PNG_RED_B64 },
    { "image[]", "second.png", "image/png", NULL, TEST_PNG_BLUE_B64 },
  };

  easel_request_set_prompt (request, "make this person 70 years old");
  easel_request_set_size (request, "1536x1024");
  easel_request_set_quality (request, EASEL_QUALITY_HIGH);
  easel_request_add_reference (request, photo);
  easel_request_add_reference (request, second);
  wire = build (profile, request);

  g_assert_cmpstr (wire->method, ==, "POST");
  g_assert_cmpstr (wire->url, ==, "https://jp.icodeeasy.cc/v1/images/edits");
  test_assert_headers (wire, "Authorization", "Bearer " TEST_API_KEY, "Content-Type", "*", NULL);
  test_assert_secret (wire, "Authorization", "Bearer " TEST_API_KEY, TEST_API_KEY);
  test_assert_multipart (wire, parts, G_N_ELEMENTS (parts));
}

/* Multipart with a ratio carries the resolution too. */
static void
test_build_local_file_ratio (void)
{
  g_autoptr(EaselProfile) profile = icodeeasy_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselReference) photo = test_reference_png (TEST_PNG_RED_B64, "photo.png");
  g_autoptr(EaselWireRequest) wire = NULL;
  const TestPart parts[] = {
    { "model", NULL, NULL, "gpt-image-2", NULL },
    { "prompt", NULL, NULL, "p", NULL },
    { "n", NULL, NULL, "1", NULL },
    { "size", NULL, NULL, "9:16", NULL },
    { "resolution", NULL, NULL, "2k", NULL },
    { "quality", NULL, NULL, "low", NULL },
    { "image[]", "photo.png", "image/png", NULL, TEST_PNG_RED_B64 },
  };

  easel_request_set_prompt (request, "p");
  easel_request_set_size (request, "9:16");
  easel_request_set_resolution (request, EASEL_RESOLUTION_2K);
  easel_request_set_quality (request, EASEL_QUALITY_LOW);
  easel_request_set_async (request, TRUE);
  easel_request_add_reference (request, photo);
  wire = build (profile, request);

  g_assert_cmpstr (wire->url, ==, "https://jp.icodeeasy.cc/v1/images/edits?async=1");
  test_assert_multipart (wire, parts, G_N_ELEMENTS (parts));
}

/* "Image-to-image with multiple references (URL + base64 mixed)": an
 * https URL and a data: URL go as given, and a local image in the same
 * request becomes a data: URL beside them. */
static void
test_build_mixed (void)
{
  g_autoptr(EaselProfile) profile = icodeeasy_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselReference) url = test_reference_url ("https://example.com/photo-a.jpg");
  g_autoptr(EaselReference) data_url = test_reference_url ("data:image/png;base64,"
                                                           TEST_PNG_BLUE_B64);
  g_autoptr(EaselReference) local = test_reference_png (TEST_PNG_RED_B64, "local.png");
  g_autoptr(EaselWireRequest) wire = NULL;

  easel_request_set_prompt (request, "merge these two photos into a poster");
  easel_request_set_size (request, "4:3");
  easel_request_set_resolution (request, EASEL_RESOLUTION_2K);
  easel_request_add_reference (request, url);
  easel_request_add_reference (request, data_url);
  easel_request_add_reference (request, local);
  wire = build (profile, request);

  g_assert_cmpstr (wire->url, ==, "https://jp.icodeeasy.cc/v1/images/edits");
  assert_json_headers (wire);
  test_assert_json_body (wire,
                         "{\"model\":\"gpt-image-2\","
                         "\"prompt\":\"merge these two photos into a poster\",\"n\":1,"
                         "\"size\":\"4:3\",\"resolution\":\"2k\",\"quality\":\"auto\","
                         "\"image_urls\":[\"https://example.com/photo-a.jpg\","
                         "\"data:image/png;base64," TEST_PNG_BLUE_B64 "\","
                         "\"data:image/png;base64," TEST_PNG_RED_B64 "\"]}");
}

/* "Async submit + polling", step 1. */
static void
test_build_async (void)
{
  g_autoptr(EaselProfile) profile = icodeeasy_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselReference) photo = test_reference_url ("https://example.com/photo.png");

  easel_request_set_prompt (request, "make this person 70 years old");
  easel_request_set_async (request, TRUE);

  {
    g_autoptr(EaselWireRequest) wire = build (profile, request);

    g_assert_cmpstr (wire->url, ==, "https://jp.icodeeasy.cc/v1/images/generations?async=1");
  }

  easel_request_add_reference (request, photo);

  {
    g_autoptr(EaselWireRequest) wire = build (profile, request);

    g_assert_cmpstr (wire->url, ==, "https://jp.icodeeasy.cc/v1/images/edits?async=1");
    assert_json_headers (wire);
    test_assert_json_body (wire,
                           "{\"model\":\"gpt-image-2\","
                           "\"prompt\":\"make this person 70 years old\",\"n\":1,"
                           "\"size\":\"auto\",\"resolution\":\"1k\",\"quality\":\"auto\","
                           "\"image_urls\":[\"https://example.com/photo.png\"]}");
  }
}

/* The paths without /v1 are documented as the same. */
static void
test_build_base_without_v1 (void)
{
  g_autoptr(EaselProfile) profile = easel_profile_new ("custom", EASEL_DIALECT_ICODEEASY,
                                                       "https://jp.icodeeasy.cc");
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselWireRequest) wire = NULL;

  easel_request_set_prompt (request, "p");
  wire = build (profile, request);
  g_assert_cmpstr (wire->url, ==, "https://jp.icodeeasy.cc/images/generations");
}

static void
test_build_refused (void)
{
  g_autoptr(EaselProfile) profile = icodeeasy_profile ();
  g_autoptr(EaselReference) photo = test_reference_png (TEST_PNG_RED_B64, "photo.png");
  g_autoptr(EaselReference) mask = test_reference_png (TEST_PNG_MASK_B64, "mask.png");
  g_autoptr(EaselReference) url = test_reference_url ("https://example.com/a.png");
  g_autoptr(EaselReference) unloaded = easel_reference_new_for_path ("/nonexistent/b.png");
  const EaselDialect *dialect = easel_dialect_get (EASEL_DIALECT_ICODEEASY);

  /* The document names no mask. */
  {
    g_autoptr(EaselRequest) request = easel_request_new ();
    g_autoptr(EaselWireRequest) wire = NULL;
    g_autoptr(GError) error = NULL;

    easel_request_add_reference (request, photo);
    easel_request_set_mask (request, mask);
    wire = dialect->build_submit (profile, request, TEST_API_KEY, &error);
    g_assert_null (wire);
    test_assert_error (error, EASEL_ERROR_INVALID_REQUEST, "mask");
  }

  /* A file that was never read cannot become a data: URL. */
  {
    g_autoptr(EaselRequest) request = easel_request_new ();
    g_autoptr(EaselWireRequest) wire = NULL;
    g_autoptr(GError) error = NULL;

    easel_request_add_reference (request, url);
    easel_request_add_reference (request, unloaded);
    wire = dialect->build_submit (profile, request, TEST_API_KEY, &error);
    g_assert_null (wire);
    test_assert_error (error, EASEL_ERROR_INVALID_REQUEST, "b.png");
  }
}

/* --- Submit answers --------------------------------------------------- */

static void
test_parse_sync (void)
{
  g_autoptr(EaselProfile) profile = icodeeasy_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  const char *body =
    "{\n"
    "  \"id\": \"3e0c77bb-9cbd-4c44-9549-bff1b4060623\",\n"
    "  \"created\": 1781599773,\n"
    "  \"data\": [\n"
    "    {\n"
    "      \"url\": \"https://api.icodeeasy.cc/v1/images/files/gpt-image-2/20260616/"
    "3e0c77bb-...-1.png\"\n"
    "    }\n"
    "  ]\n"
    "}";

  outcome = test_parse_submit (profile, request, 200, "application/json", body, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_URLS);
  g_assert_cmpuint (outcome->urls->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (outcome->urls, 0), ==,
                   "https://api.icodeeasy.cc/v1/images/files/gpt-image-2/20260616/"
                   "3e0c77bb-...-1.png");
  g_assert_cmpuint (outcome->images->len, ==, 0);
  g_assert_cmpstr (outcome->remote_id, ==, "3e0c77bb-9cbd-4c44-9549-bff1b4060623");
  g_assert_cmpfloat (outcome->cost, ==, -1);
}

/* The table's one-line form of the same answer, with two images. */
static void
test_parse_sync_several (void)
{
  g_autoptr(EaselProfile) profile = icodeeasy_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  outcome = test_parse_submit (profile, request, 200, "application/json",
                               "{\"created\":1781599773,\"data\":[{\"url\":\"https://h/1.png\"},"
                               "{\"url\":\"https://h/2.png\"}],\"id\":\"abc\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_URLS);
  g_assert_cmpuint (outcome->urls->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (outcome->urls, 1), ==, "https://h/2.png");
  g_assert_cmpstr (outcome->remote_id, ==, "abc");
}

static void
test_parse_async (void)
{
  g_autoptr(EaselProfile) profile = icodeeasy_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  const char *bodies[] = {
    "{ \"status\": \"pending\", \"task_id\": \"d142c93a-de26-40c9-be62-0de840d10960\" }",
    "{\"status\":\"pending\",\"task_id\":\"d142c93a-de26-40c9-be62-0de840d10960\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(EaselOutcome) outcome = NULL;
      g_autoptr(GError) error = NULL;

      outcome = test_parse_submit (profile, request, 202, "application/json", bodies[i], &error);
      g_assert_no_error (error);
      g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_PENDING);
      g_assert_cmpstr (outcome->remote_id, ==, "d142c93a-de26-40c9-be62-0de840d10960");
      g_assert_cmpstr (outcome->remote_status, ==, "pending");
      g_assert_cmpuint (outcome->urls->len, ==, 0);
    }
}

static void
test_parse_submit_bad (void)
{
  g_autoptr(EaselProfile) profile = icodeeasy_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  const struct
  {
    guint status;
    const char *body;
    const char *fragment;
  } cases[] = {
    { 202, "{\"status\":\"pending\"}", "task_id" },
    { 202, "{\"status\":\"pending\",\"task_id\":17}", "task_id" },
    { 202, "{\"status\":\"pending\",\"task_id\":\"\"}", "task_id" },
    /* Found by fuzz-dialect: ".../tasks/.." would poll ".../images/". */
    { 202, "{\"status\":\"pending\",\"task_id\":\"..\"}", "task_id" },
    { 202, "{\"status\":\"pending\",\"task_id\":\".\"}", "task_id" },
    { 200, "{\"id\":\"x\",\"created\":1,\"data\":[]}", "without any image" },
    { 200, "{\"id\":\"x\",\"created\":1}", "without any image" },
    { 200, "{\"data\":[{\"url\":null}]}", "data[0]" },
    { 200, "{\"id\":\"x\",\"data\":[{\"url\":\"https://h/1.png\"}", "JSON" },
    { 200, "null", "JSON object" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EaselOutcome) outcome = NULL;
      g_autoptr(GError) error = NULL;

      outcome = test_parse_submit (profile, request, cases[i].status, "application/json",
                                   cases[i].body, &error);
      g_assert_null (outcome);
      test_assert_error (error, EASEL_ERROR_BAD_RESPONSE, cases[i].fragment);
    }
}

/* Found by fuzz-dialect: the status word of a task being submitted is the
 * gateway's free text, and the job card shows it ("Gateway says: …"). */
static void
test_parse_async_status_clipped (void)
{
  g_autoptr(EaselProfile) profile = icodeeasy_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autofree char *word = g_strnfill (2000, 'q');
  g_autofree char *body = g_strdup_printf ("{\"status\":\"%s\\r\\n\\u001b[2J\","
                                           "\"task_id\":\"t-1\"}", word);
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  outcome = test_parse_submit (profile, request, 202, "application/json", body, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_PENDING);
  g_assert_cmpstr (outcome->remote_id, ==, "t-1");
  g_assert_cmpint (g_utf8_strlen (outcome->remote_status, -1), ==, 501);
  g_assert_true (g_str_has_suffix (outcome->remote_status, "q…"));
  g_assert_null (strchr (outcome->remote_status, '\x1b'));
  g_clear_pointer (&outcome, easel_outcome_free);

  /* Blank words leave the document's "pending". */
  outcome = test_parse_submit (profile, request, 202, "application/json",
                               "{\"status\":\" \\t \",\"task_id\":\"t-2\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (outcome->remote_status, ==, "pending");
}

/* The document's error body and statuses; failed requests are not billed. */
static void
test_parse_submit_errors (void)
{
  g_autoptr(EaselProfile) profile = icodeeasy_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  const struct
  {
    guint status;
    const char *content_type;
    const char *body;
    int code;
    const char *fragment;
  } cases[] = {
    { 400, "application/json",
      "{\n  \"error\": {\n    \"type\": \"invalid_request_error\",\n"
      "    \"message\": \"reference image URL must use https\",\n"
      "    \"provider\": \"icodeeasy.cc\"\n  }\n}",
      EASEL_ERROR_INVALID_REQUEST, "reference image URL must use https" },
    { 401, "application/json",
      "{\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid API key\","
      "\"provider\":\"icodeeasy.cc\"}}",
      EASEL_ERROR_AUTH, "invalid API key" },
    { 402, "application/json",
      "{\"error\":{\"type\":\"payment_required\",\"message\":\"monthly quota exhausted\","
      "\"provider\":\"icodeeasy.cc\"}}",
      EASEL_ERROR_PAYMENT, "monthly quota exhausted" },
    { 403, "application/json",
      "{\"error\":{\"type\":\"content_policy\",\"message\":\"prompt rejected by review\","
      "\"provider\":\"icodeeasy.cc\"}}",
      EASEL_ERROR_MODERATION, "prompt rejected by review" },
    { 429, "application/json",
      "{\"error\":{\"type\":\"rate_limit_error\",\"message\":\"rate limit exceeded\","
      "\"provider\":\"icodeeasy.cc\"}}",
      EASEL_ERROR_RATE_LIMIT, "rate limit exceeded" },
    { 500, "application/json",
      "{\"error\":{\"type\":\"server_error\",\"message\":\"generation failed\","
      "\"provider\":\"icodeeasy.cc\"}}",
      EASEL_ERROR_SERVER, "generation failed" },
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

/* "Async submit + polling", step 2. */
static void
test_build_poll (void)
{
  g_autoptr(EaselProfile) profile = icodeeasy_profile ();
  const EaselDialect *dialect = easel_dialect_get (EASEL_DIALECT_ICODEEASY);

  {
    g_autoptr(EaselWireRequest) wire = NULL;

    wire = dialect->build_poll (profile, "d142c93a-de26-40c9-be62-0de840d10960", TEST_API_KEY);
    g_assert_cmpstr (wire->method, ==, "GET");
    g_assert_cmpstr (wire->url, ==, "https://jp.icodeeasy.cc/v1/images/tasks/"
                                    "d142c93a-de26-40c9-be62-0de840d10960");
    g_assert_null (wire->body);
    test_assert_headers (wire, "Authorization", "Bearer " TEST_API_KEY, NULL);
    test_assert_secret (wire, "Authorization", "Bearer " TEST_API_KEY, TEST_API_KEY);
  }

  /* An id is data: it cannot reach another path or add a query. */
  {
    g_autoptr(EaselWireRequest) wire = dialect->build_poll (profile, "../x?y=1#z", TEST_API_KEY);

    g_assert_cmpstr (wire->url, ==, "https://jp.icodeeasy.cc/v1/images/tasks/..%2Fx%3Fy%3D1%23z");
  }
}

static void
test_parse_poll_completed (void)
{
  g_autoptr(EaselProfile) profile = icodeeasy_profile ();
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  const char *body =
    "{\n"
    "  \"task_id\": \"d142c93a-de26-40c9-be62-0de840d10960\",\n"
    "  \"status\": \"completed\",\n"
    "  \"model\": \"gpt-image-2\",\n"
    "  \"cost\": 0.2,\n"
    "  \"result_url\": \"https://api.icodeeasy.cc/v1/images/files/gpt-image-2/20260616/"
    "d142c93a-...-1.png\"\n"
    "}";

  outcome = test_parse_poll (profile, 200, "application/json", body, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_URLS);
  g_assert_cmpuint (outcome->urls->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (outcome->urls, 0), ==,
                   "https://api.icodeeasy.cc/v1/images/files/gpt-image-2/20260616/"
                   "d142c93a-...-1.png");
  g_assert_cmpfloat_with_epsilon (outcome->cost, 0.2, 1e-9);
  g_assert_cmpstr (outcome->remote_id, ==, "d142c93a-de26-40c9-be62-0de840d10960");
  g_assert_cmpstr (outcome->remote_status, ==, "completed");
}

/* The step-2 comment's one-line form, with a cost of 0 as an integer. */
static void
test_parse_poll_short (void)
{
  g_autoptr(EaselProfile) profile = icodeeasy_profile ();
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  outcome = test_parse_poll (profile, 200, "application/json",
                             "{\"status\":\"completed\",\"result_url\":\"https://h/x.png\","
                             "\"cost\":0}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_ptr_array_index (outcome->urls, 0), ==, "https://h/x.png");
  g_assert_cmpfloat (outcome->cost, ==, 0);
  g_assert_null (outcome->remote_id);
}

static void
test_parse_poll_pending (void)
{
  g_autoptr(EaselProfile) profile = icodeeasy_profile ();
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  outcome = test_parse_poll (profile, 200, "application/json",
                             "{\"task_id\":\"d142c93a-de26-40c9-be62-0de840d10960\","
                             "\"status\":\"pending\",\"model\":\"gpt-image-2\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_PENDING);
  g_assert_cmpstr (outcome->remote_status, ==, "pending");
  g_assert_cmpstr (outcome->remote_id, ==, "d142c93a-de26-40c9-be62-0de840d10960");
  g_assert_cmpuint (outcome->urls->len, ==, 0);
}

static void
test_parse_poll_failed (void)
{
  g_autoptr(EaselProfile) profile = icodeeasy_profile ();
  const struct
  {
    const char *body;
    const char *fragment;
  } cases[] = {
    { "{\"task_id\":\"t\",\"status\":\"failed\",\"error\":{\"type\":\"server_error\","
      "\"message\":\"upstream generation failed\",\"provider\":\"icodeeasy.cc\"}}",
      "upstream generation failed" },
    { "{\"task_id\":\"t\",\"status\":\"failed\",\"error\":\"content rejected\"}",
      "content rejected" },
    { "{\"task_id\":\"t\",\"status\":\"failed\",\"message\":\"timed out upstream\"}",
      "timed out upstream" },
    { "{\"task_id\":\"t\",\"status\":\"failed\"}", "failed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EaselOutcome) outcome = NULL;
      g_autoptr(GError) error = NULL;

      outcome = test_parse_poll (profile, 200, "application/json", cases[i].body, &error);
      g_assert_null (outcome);
      test_assert_error (error, EASEL_ERROR_REMOTE_FAILED, cases[i].fragment);
    }
}

static void
test_parse_poll_bad (void)
{
  g_autoptr(EaselProfile) profile = icodeeasy_profile ();
  const struct
  {
    guint status;
    const char *content_type;
    const char *body;
    int code;
    const char *fragment;
  } cases[] = {
    { 200, "application/json", "{\"status\":\"completed\"}", EASEL_ERROR_BAD_RESPONSE,
      "result_url" },
    { 200, "application/json", "{\"status\":\"completed\",\"result_url\":5}",
      EASEL_ERROR_BAD_RESPONSE, "result_url" },
    { 200, "application/json", "{\"task_id\":\"t\"}", EASEL_ERROR_BAD_RESPONSE, "status" },
    { 200, "application/json", "{\"status\":true}", EASEL_ERROR_BAD_RESPONSE, "status" },
    { 200, "application/json", "{\"status\":\"exploded\"}", EASEL_ERROR_BAD_RESPONSE,
      "exploded" },
    { 200, "application/json", "{\"status\":", EASEL_ERROR_BAD_RESPONSE, "JSON" },
    { 404, "application/json",
      "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"task not found\","
      "\"provider\":\"icodeeasy.cc\"}}",
      EASEL_ERROR_INVALID_REQUEST, "task not found" },
    { 401, "application/json",
      "{\"error\":{\"type\":\"authentication_error\",\"message\":\"missing API key\","
      "\"provider\":\"icodeeasy.cc\"}}",
      EASEL_ERROR_AUTH, "missing API key" },
    { 503, "text/html", TEST_HTML_502, EASEL_ERROR_SERVER, "502 Bad Gateway" },
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

  g_test_add_func ("/dialect/icodeeasy/build/minimal", test_build_minimal);
  g_test_add_func ("/dialect/icodeeasy/build/ratio", test_build_ratio);
  g_test_add_func ("/dialect/icodeeasy/build/url-reference", test_build_url_reference);
  g_test_add_func ("/dialect/icodeeasy/build/local-file", test_build_local_file);
  g_test_add_func ("/dialect/icodeeasy/build/local-file-ratio", test_build_local_file_ratio);
  g_test_add_func ("/dialect/icodeeasy/build/mixed", test_build_mixed);
  g_test_add_func ("/dialect/icodeeasy/build/async", test_build_async);
  g_test_add_func ("/dialect/icodeeasy/build/base-without-v1", test_build_base_without_v1);
  g_test_add_func ("/dialect/icodeeasy/build/refused", test_build_refused);
  g_test_add_func ("/dialect/icodeeasy/submit/sync", test_parse_sync);
  g_test_add_func ("/dialect/icodeeasy/submit/sync-several", test_parse_sync_several);
  g_test_add_func ("/dialect/icodeeasy/submit/async", test_parse_async);
  g_test_add_func ("/dialect/icodeeasy/submit/bad", test_parse_submit_bad);
  g_test_add_func ("/dialect/icodeeasy/submit/status-clipped", test_parse_async_status_clipped);
  g_test_add_func ("/dialect/icodeeasy/submit/errors", test_parse_submit_errors);
  g_test_add_func ("/dialect/icodeeasy/poll/build", test_build_poll);
  g_test_add_func ("/dialect/icodeeasy/poll/completed", test_parse_poll_completed);
  g_test_add_func ("/dialect/icodeeasy/poll/short", test_parse_poll_short);
  g_test_add_func ("/dialect/icodeeasy/poll/pending", test_parse_poll_pending);
  g_test_add_func ("/dialect/icodeeasy/poll/failed", test_parse_poll_failed);
  g_test_add_func ("/dialect/icodeeasy/poll/bad", test_parse_poll_bad);

  return g_test_run ();
}
