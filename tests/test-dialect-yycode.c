/* test-dialect-yycode.c: the YYCode job dialect on golden bytes
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every request and answer of seed 000, verbatim but for the elided
 * base64, plus the failures. */

#include "easel-dialect-test.h"

static EaselProfile *
yycode_profile (void)
{
  return easel_profile_new_from_preset ("yycode", "test-yycode");
}

static EaselWireRequest *
build (EaselProfile *profile,
       EaselRequest *request)
{
  g_autoptr(GError) error = NULL;
  EaselWireRequest *wire;

  wire = easel_dialect_get (EASEL_DIALECT_YYCODE)->build_submit (profile, request, TEST_API_KEY,
                                                                 &error);
  g_assert_no_error (error);
  g_assert_nonnull (wire);

  return wire;
}

/* The three x-demo headers of the document, and the body's type. */
static void
assert_submit_headers (EaselWireRequest *wire,
                       const char       *content_type)
{
  g_assert_cmpstr (wire->method, ==, "POST");
  test_assert_headers (wire,
                       "Content-Type", content_type,
                       "x-demo-base-url", "https://yycode.net",
                       "x-demo-api-key", TEST_API_KEY,
                       "x-demo-async", "1",
                       NULL);
  test_assert_secret (wire, "x-demo-api-key", TEST_API_KEY, TEST_API_KEY);
}

/* --- Requests --------------------------------------------------------- */

/* "Text to Image": the curl example, with the defaults Easel states. */
static void
test_build_generate (void)
{
  g_autoptr(EaselProfile) profile = yycode_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselWireRequest) wire = NULL;

  easel_request_set_prompt (request, "A cute cat napping in the sunlight");
  easel_request_set_size (request, "1024x1024");
  wire = build (profile, request);

  g_assert_cmpstr (wire->url, ==, "https://gpt.yycode.net/api/images/generate");
  assert_submit_headers (wire, "application/json");
  test_assert_json_body (wire,
                         "{\"model\":\"gpt-image-2\","
                         "\"prompt\":\"A cute cat napping in the sunlight\",\"n\":1,"
                         "\"size\":\"1024x1024\",\"output_format\":\"png\",\"quality\":\"auto\","
                         "\"background\":\"auto\"}");
}

/* The parameter table has no moderation and no compression: neither is
 * sent, whatever the request says. */
static void
test_build_generate_fields (void)
{
  g_autoptr(EaselProfile) profile = yycode_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselWireRequest) wire = NULL;

  easel_request_set_prompt (request, "Landscape HD");
  easel_request_set_size (request, "1920x1080");
  easel_request_set_n (request, 4);
  easel_request_set_quality (request, EASEL_QUALITY_HIGH);
  easel_request_set_output_format (request, EASEL_OUTPUT_FORMAT_JPEG);
  easel_request_set_output_compression (request, 80);
  easel_request_set_background (request, EASEL_BACKGROUND_OPAQUE);
  easel_request_set_moderation (request, EASEL_MODERATION_LOW);
  wire = build (profile, request);

  test_assert_json_body (wire,
                         "{\"model\":\"gpt-image-2\",\"prompt\":\"Landscape HD\",\"n\":4,"
                         "\"size\":\"1920x1080\",\"output_format\":\"jpeg\",\"quality\":\"high\","
                         "\"background\":\"opaque\"}");
}

/* "Upload one source image". */
static void
test_build_edit_single (void)
{
  g_autoptr(EaselProfile) profile = yycode_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselReference) source = test_reference_png (TEST_PNG_RED_B64, "source.png");
  g_autoptr(EaselWireRequest) wire = NULL;
  const TestPart parts[] = {
    { "model", NULL, NULL, "gpt-image-2", NULL },
    { "prompt", NULL, NULL, "Turn this image into a watercolor style", NULL },
    { "n", NULL, NULL, "1", NULL },
    { "size", NULL, NULL, "1024x1024", NULL },
    { "output_format", NULL, NULL, "png", NULL },
    { "quality", NULL, NULL, "auto", NULL },
    { "background", NULL, NULL, "auto", NULL },
    { "image", "source.png", "image/png", NULL, TEST_PNG_RED_B64 },
  };

  easel_request_set_prompt (request, "Turn this image into a watercolor style");
  easel_request_set_size (request, "1024x1024");
  easel_request_add_reference (request, source);
  wire = build (profile, request);

  g_assert_cmpstr (wire->url, ==, "https://gpt.yycode.net/api/images/edit");
  assert_submit_headers (wire, "*");
  test_assert_multipart (wire, parts, G_N_ELEMENTS (parts));
}

/* "Upload multiple source images": image repeated, not image[]. */
static void
test_build_edit_multiple (void)
{
  g_autoptr(EaselProfile) profile = yycode_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselReference) first = test_reference_png (TEST_PNG_RED_B64, "a.png");
  g_autoptr(EaselReference) second = test_reference_png (TEST_PNG_BLUE_B64, "b.png");
  g_autoptr(EaselWireRequest) wire = NULL;
  const char *prompt = "Use these images as references to generate a unified cyberpunk poster";
  const TestPart parts[] = {
    { "model", NULL, NULL, "gpt-image-2", NULL },
    { "prompt", NULL, NULL, prompt, NULL },
    { "n", NULL, NULL, "1", NULL },
    { "size", NULL, NULL, "1536x1024", NULL },
    { "output_format", NULL, NULL, "png", NULL },
    { "quality", NULL, NULL, "auto", NULL },
    { "background", NULL, NULL, "auto", NULL },
    { "image", "a.png", "image/png", NULL, TEST_PNG_RED_B64 },
    { "image", "b.png", "image/png", NULL, TEST_PNG_BLUE_B64 },
  };

  easel_request_set_prompt (request, prompt);
  easel_request_set_size (request, "1536x1024");
  easel_request_add_reference (request, first);
  easel_request_add_reference (request, second);
  wire = build (profile, request);

  g_assert_cmpstr (wire->url, ==, "https://gpt.yycode.net/api/images/edit");
  assert_submit_headers (wire, "*");
  test_assert_multipart (wire, parts, G_N_ELEMENTS (parts));
}

/* "mask is the image mask field, used for partial editing". */
static void
test_build_edit_mask (void)
{
  g_autoptr(EaselProfile) profile = yycode_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselReference) photo = test_reference_png (TEST_PNG_BLUE_B64, "photo.png");
  g_autoptr(EaselReference) mask = test_reference_png (TEST_PNG_MASK_B64, "mask.png");
  g_autoptr(EaselWireRequest) wire = NULL;
  const TestPart parts[] = {
    { "model", NULL, NULL, "gpt-image-2", NULL },
    { "prompt", NULL, NULL, "Put a hat on the cat", NULL },
    { "n", NULL, NULL, "2", NULL },
    { "size", NULL, NULL, "3840x2160", NULL },
    { "output_format", NULL, NULL, "webp", NULL },
    { "quality", NULL, NULL, "medium", NULL },
    { "background", NULL, NULL, "opaque", NULL },
    { "image", "photo.png", "image/png", NULL, TEST_PNG_BLUE_B64 },
    { "mask", "mask.png", "image/png", NULL, TEST_PNG_MASK_B64 },
  };

  easel_request_set_prompt (request, "Put a hat on the cat");
  easel_request_set_size (request, "3840x2160");
  easel_request_set_n (request, 2);
  easel_request_set_quality (request, EASEL_QUALITY_MEDIUM);
  easel_request_set_output_format (request, EASEL_OUTPUT_FORMAT_WEBP);
  easel_request_set_background (request, EASEL_BACKGROUND_OPAQUE);
  easel_request_add_reference (request, photo);
  easel_request_set_mask (request, mask);
  wire = build (profile, request);

  assert_submit_headers (wire, "*");
  test_assert_multipart (wire, parts, G_N_ELEMENTS (parts));
}

static void
test_build_refused (void)
{
  g_autoptr(EaselProfile) profile = yycode_profile ();
  g_autoptr(EaselReference) url = test_reference_url ("https://example.com/cat.png");
  g_autoptr(EaselReference) mask = test_reference_png (TEST_PNG_MASK_B64, "mask.png");

  {
    g_autoptr(EaselRequest) request = easel_request_new ();
    g_autoptr(GError) error = NULL;

    easel_request_add_reference (request, url);
    error = test_build_submit_error (profile, request);
    test_assert_error (error, EASEL_ERROR_INVALID_REQUEST, "https://example.com/cat.png");
  }

  {
    g_autoptr(EaselRequest) request = easel_request_new ();
    g_autoptr(GError) error = NULL;

    easel_request_set_size (request, "16:9");
    error = test_build_submit_error (profile, request);
    test_assert_error (error, EASEL_ERROR_INVALID_REQUEST, "16:9");
  }

  {
    g_autoptr(EaselRequest) request = easel_request_new ();
    g_autoptr(GError) error = NULL;

    easel_request_set_mask (request, mask);
    error = test_build_submit_error (profile, request);
    test_assert_error (error, EASEL_ERROR_INVALID_REQUEST, "mask");
  }
}

/* --- Submit answers --------------------------------------------------- */

static void
test_parse_submit_seed (void)
{
  g_autoptr(EaselProfile) profile = yycode_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  const char *body =
    "{\n"
    "\"ok\": true,\n"
    "\"pending\": true,\n"
    "\"jobId\": \"job_1782732290788_3\",\n"
    "\"meta\": {\n"
    "\"requestId\": \"req_1782732290788_1\"\n"
    "}\n"
    "}";

  outcome = test_parse_submit (profile, request, 200, "application/json", body, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_PENDING);
  g_assert_cmpstr (outcome->remote_id, ==, "job_1782732290788_3");
  g_assert_cmpstr (outcome->remote_status, ==, "pending");
  g_assert_cmpuint (outcome->images->len, ==, 0);
}

static void
test_parse_submit_bad (void)
{
  g_autoptr(EaselProfile) profile = yycode_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  const struct
  {
    guint status;
    const char *content_type;
    const char *body;
    int code;
    const char *fragment;
  } cases[] = {
    { 200, "application/json", "{\"ok\":true,\"pending\":true,\"meta\":{}}",
      EASEL_ERROR_BAD_RESPONSE, "jobId" },
    { 200, "application/json", "{\"ok\":true}", EASEL_ERROR_BAD_RESPONSE, "jobId" },
    { 200, "application/json", "{\"ok\":true,\"pending\":true,\"jobId\":42}",
      EASEL_ERROR_BAD_RESPONSE, "jobId" },
    { 200, "application/json", "{\"ok\":true,\"pending\":true,\"jobId\":\"\"}",
      EASEL_ERROR_BAD_RESPONSE, "jobId" },
    /* Found by fuzz-dialect: ".../jobs/.." would poll ".../api/". */
    { 200, "application/json", "{\"ok\":true,\"pending\":true,\"jobId\":\"..\"}",
      EASEL_ERROR_BAD_RESPONSE, "jobId" },
    { 200, "application/json", "{\"ok\":true,\"pending\":true,\"jobId\":\".\"}",
      EASEL_ERROR_BAD_RESPONSE, "jobId" },
    { 200, "application/json", "{\"ok\":false,\"error\":{\"message\":\"prompt is required\"}}",
      EASEL_ERROR_REMOTE_FAILED, "prompt is required" },
    { 200, "application/json", "{\"ok\":true,\"pending\":true,\"jobId\":\"job_1",
      EASEL_ERROR_BAD_RESPONSE, "JSON" },
    { 200, "text/html", "<html><title>YYCode</title></html>", EASEL_ERROR_BAD_RESPONSE,
      "text/html" },
    { 400, "application/json", "{\"ok\":false,\"error\":{\"message\":\"size must be WxH\"}}",
      EASEL_ERROR_INVALID_REQUEST, "size must be WxH" },
    { 401, "application/json", "{\"ok\":false,\"error\":{\"message\":\"Invalid API key\"}}",
      EASEL_ERROR_AUTH, "Invalid API key" },
    { 402, "application/json", "{\"ok\":false,\"error\":{\"message\":\"Quota exhausted\"}}",
      EASEL_ERROR_PAYMENT, "Quota exhausted" },
    { 403, "application/json", "{\"ok\":false,\"error\":{\"message\":\"Content blocked\"}}",
      EASEL_ERROR_MODERATION, "Content blocked" },
    { 429, "application/json", "{\"ok\":false,\"error\":{\"message\":\"Too many requests\"}}",
      EASEL_ERROR_RATE_LIMIT, "Too many requests" },
    { 500, "application/json", "{\"ok\":false,\"error\":{\"message\":\"Upstream error\"}}",
      EASEL_ERROR_SERVER, "Upstream error" },
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

/* "Query Task Result": the document's curl sends no header, so neither
 * does Easel, and the key goes nowhere. */
static void
test_build_poll (void)
{
  g_autoptr(EaselProfile) profile = yycode_profile ();
  g_autoptr(EaselWireRequest) wire = NULL;

  wire = easel_dialect_get (EASEL_DIALECT_YYCODE)->build_poll (profile, "job_1782732290788_3",
                                                               TEST_API_KEY);
  g_assert_cmpstr (wire->method, ==, "GET");
  g_assert_cmpstr (wire->url, ==, "https://gpt.yycode.net/api/jobs/job_1782732290788_3");
  g_assert_null (wire->body);
  test_assert_headers (wire, NULL);
  test_assert_secret (wire, NULL, NULL, TEST_API_KEY);
}

static void
test_parse_poll_running (void)
{
  g_autoptr(EaselProfile) profile = yycode_profile ();
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  const char *body =
    "{\n"
    "\"ok\": true,\n"
    "\"pending\": true,\n"
    "\"jobId\": \"job_1782732290788_3\",\n"
    "\"status\": \"running\",\n"
    "\"meta\": {\n"
    "\"requestId\": \"req_1782732290788_1\"\n"
    "}\n"
    "}";

  outcome = test_parse_poll (profile, 200, "application/json", body, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_PENDING);
  g_assert_cmpstr (outcome->remote_status, ==, "running");
  g_assert_cmpstr (outcome->remote_id, ==, "job_1782732290788_3");
}

/* Found by fuzz-dialect: while pending is true any status word goes, and
 * the job card shows it; a failed job's reason goes into the message. Both
 * are the gateway's text: control characters become spaces, and they are
 * cut at 500 characters. */
static void
test_parse_poll_gateway_text_clipped (void)
{
  g_autoptr(EaselProfile) profile = yycode_profile ();
  g_autofree char *word = g_strnfill (2000, 'r');
  g_autofree char *pending = g_strdup_printf ("{\"ok\":true,\"pending\":true,\"jobId\":\"j\","
                                              "\"status\":\"\\u001b]0;%s\"}", word);
  g_autofree char *failed = g_strdup_printf ("{\"ok\":false,\"jobId\":\"j\",\"status\":"
                                             "\"failed\",\"error\":{\"message\":\"%s\\u0007\"}}",
                                             word);
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  outcome = test_parse_poll (profile, 200, "application/json", pending, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_PENDING);
  g_assert_true (g_str_has_prefix (outcome->remote_status, "]0;rrr"));
  g_assert_cmpint (g_utf8_strlen (outcome->remote_status, -1), ==, 501);

  g_clear_pointer (&outcome, easel_outcome_free);
  outcome = test_parse_poll (profile, 200, "application/json", failed, &error);
  g_assert_null (outcome);
  test_assert_error (error, EASEL_ERROR_REMOTE_FAILED, "rrr…”");
  g_assert_null (strchr (error->message, '\a'));
  g_assert_cmpint (g_utf8_strlen (error->message, -1), <, 800);
}

static void
test_parse_poll_queued (void)
{
  g_autoptr(EaselProfile) profile = yycode_profile ();
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  outcome = test_parse_poll (profile, 200, "application/json",
                             "{\"ok\":true,\"jobId\":\"j\",\"status\":\"queued\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_PENDING);
  g_assert_cmpstr (outcome->remote_status, ==, "queued");
}

static void
test_parse_poll_succeeded (void)
{
  g_autoptr(EaselProfile) profile = yycode_profile ();
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  const char *body =
    "{\n"
    "\"ok\": true,\n"
    "\"images\": [\n"
    "{\n"
    "\"b64\": \"" TEST_PNG_RED_B64 "\",\n"
    "\"filename\": null,\n"
    "\"mimeType\": \"image/png\"\n"
    "}\n"
    "],\n"
    "\"usage\": null,\n"
    "\"raw\": {},\n"
    "\"meta\": {\n"
    "\"requestId\": \"req_1782732290788_1\"\n"
    "},\n"
    "\"jobId\": \"job_1782732290788_3\",\n"
    "\"status\": \"succeeded\"\n"
    "}";

  outcome = test_parse_poll (profile, 200, "application/json", body, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_IMAGES);
  g_assert_cmpuint (outcome->images->len, ==, 1);
  test_assert_image (outcome, 0, TEST_PNG_RED_B64, "image/png");
  g_assert_cmpstr (outcome->remote_id, ==, "job_1782732290788_3");
  g_assert_cmpstr (outcome->remote_status, ==, "succeeded");
  g_assert_cmpint (outcome->total_tokens, ==, -1);
  g_assert_cmpfloat (outcome->cost, ==, -1);
}

/* Several images, each with its own type, or none stated. */
static void
test_parse_poll_several (void)
{
  g_autoptr(EaselProfile) profile = yycode_profile ();
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  outcome = test_parse_poll (profile, 200, "application/json",
                             "{\"ok\":true,\"status\":\"succeeded\",\"jobId\":\"j\",\"images\":["
                             "{\"b64\":\"" TEST_PNG_RED_B64 "\",\"mimeType\":\"image/jpeg\"},"
                             "{\"b64\":\"" TEST_PNG_BLUE_B64 "\",\"mimeType\":null},"
                             "{\"b64\":\"" TEST_PNG_MASK_B64 "\"}],"
                             "\"usage\":{\"input_tokens\":3,\"output_tokens\":4,"
                             "\"total_tokens\":7}}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outcome->images->len, ==, 3);
  test_assert_image (outcome, 0, TEST_PNG_RED_B64, "image/jpeg");
  test_assert_image (outcome, 1, TEST_PNG_BLUE_B64, NULL);
  test_assert_image (outcome, 2, TEST_PNG_MASK_B64, NULL);
  g_assert_cmpint (outcome->total_tokens, ==, 7);
}

/* "When the task status is failed, the response contains error
 * information", read as the document's client does: error.message. */
static void
test_parse_poll_failed (void)
{
  g_autoptr(EaselProfile) profile = yycode_profile ();
  const struct
  {
    const char *body;
    const char *fragment;
  } cases[] = {
    { "{\"ok\":true,\"jobId\":\"job_1782732290788_3\",\"status\":\"failed\","
      "\"error\":{\"message\":\"Upstream rejected the prompt\"}}",
      "Upstream rejected the prompt" },
    { "{\"ok\":false,\"jobId\":\"job_1782732290788_3\",\"status\":\"failed\","
      "\"error\":{\"message\":\"Generation timed out\"}}",
      "Generation timed out" },
    { "{\"ok\":false,\"error\":{\"message\":\"Job not found\"}}", "Job not found" },
    { "{\"ok\":true,\"jobId\":\"j\",\"status\":\"failed\"}", "failed" },
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
  g_autoptr(EaselProfile) profile = yycode_profile ();
  const struct
  {
    guint status;
    const char *content_type;
    const char *body;
    int code;
    const char *fragment;
  } cases[] = {
    { 200, "application/json", "{\"ok\":true,\"jobId\":\"j\",\"status\":\"succeeded\","
      "\"images\":[]}", EASEL_ERROR_BAD_RESPONSE, "without any image" },
    { 200, "application/json", "{\"ok\":true,\"jobId\":\"j\",\"status\":\"succeeded\"}",
      EASEL_ERROR_BAD_RESPONSE, "without any image" },
    { 200, "application/json", "{\"ok\":true,\"status\":\"succeeded\",\"images\":\"x\"}",
      EASEL_ERROR_BAD_RESPONSE, "images" },
    { 200, "application/json", "{\"ok\":true,\"status\":\"succeeded\","
      "\"images\":[{\"mimeType\":\"image/png\"}]}", EASEL_ERROR_BAD_RESPONSE, "images[0].b64" },
    { 200, "application/json", "{\"ok\":true,\"status\":\"succeeded\","
      "\"images\":[{\"b64\":\"" TEST_PNG_RED_B64 "\"},7]}", EASEL_ERROR_BAD_RESPONSE,
      "images[1].b64" },
    { 200, "application/json", "{\"ok\":true,\"jobId\":\"j\"}", EASEL_ERROR_BAD_RESPONSE,
      "status" },
    { 200, "application/json", "{\"ok\":true,\"jobId\":\"j\",\"status\":\"vanished\"}",
      EASEL_ERROR_BAD_RESPONSE, "vanished" },
    { 200, "application/json", "{\"ok\":true,\"images\":[{\"b64\":\"iVBOR",
      EASEL_ERROR_BAD_RESPONSE, "JSON" },
    { 404, "application/json", "{\"ok\":false,\"error\":{\"message\":\"Job not found\"}}",
      EASEL_ERROR_INVALID_REQUEST, "Job not found" },
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

  g_test_add_func ("/dialect/yycode/build/generate", test_build_generate);
  g_test_add_func ("/dialect/yycode/build/generate-fields", test_build_generate_fields);
  g_test_add_func ("/dialect/yycode/build/edit-single", test_build_edit_single);
  g_test_add_func ("/dialect/yycode/build/edit-multiple", test_build_edit_multiple);
  g_test_add_func ("/dialect/yycode/build/edit-mask", test_build_edit_mask);
  g_test_add_func ("/dialect/yycode/build/refused", test_build_refused);
  g_test_add_func ("/dialect/yycode/submit/seed", test_parse_submit_seed);
  g_test_add_func ("/dialect/yycode/submit/bad", test_parse_submit_bad);
  g_test_add_func ("/dialect/yycode/poll/build", test_build_poll);
  g_test_add_func ("/dialect/yycode/poll/running", test_parse_poll_running);
  g_test_add_func ("/dialect/yycode/poll/queued", test_parse_poll_queued);
  g_test_add_func ("/dialect/yycode/poll/gateway-text-clipped",
                   test_parse_poll_gateway_text_clipped);
  g_test_add_func ("/dialect/yycode/poll/succeeded", test_parse_poll_succeeded);
  g_test_add_func ("/dialect/yycode/poll/several", test_parse_poll_several);
  g_test_add_func ("/dialect/yycode/poll/failed", test_parse_poll_failed);
  g_test_add_func ("/dialect/yycode/poll/bad", test_parse_poll_bad);

  return g_test_run ();
}
