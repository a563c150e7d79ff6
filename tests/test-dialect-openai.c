/* test-dialect-openai.c: the OpenAI Images dialect on golden bytes
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Requests and answers from seeds 001 (APIYI) and 002 (the OpenAI guide),
 * verbatim but for elided base64, plus the failures a gateway can send. */

#include "easel-dialect-test.h"
#include "easel-sse.h"

static EaselProfile *
apiyi_profile (void)
{
  return easel_profile_new_from_preset ("apiyi", "test-apiyi");
}

static EaselWireRequest *
build (EaselProfile *profile,
       EaselRequest *request)
{
  const EaselDialect *dialect = easel_dialect_get (easel_profile_get_dialect (profile));
  g_autoptr(GError) error = NULL;
  EaselWireRequest *wire = dialect->build_submit (profile, request, TEST_API_KEY, &error);

  g_assert_no_error (error);
  g_assert_nonnull (wire);

  return wire;
}

static void
assert_json_headers (EaselWireRequest *wire)
{
  test_assert_headers (wire,
                       "Authorization", "Bearer " TEST_API_KEY,
                       "Content-Type", "application/json",
                       NULL);
  test_assert_secret (wire, "Authorization", "Bearer " TEST_API_KEY, TEST_API_KEY);
}

static void
assert_multipart_headers (EaselWireRequest *wire)
{
  test_assert_headers (wire,
                       "Authorization", "Bearer " TEST_API_KEY,
                       "Content-Type", "*",
                       NULL);
  test_assert_secret (wire, "Authorization", "Bearer " TEST_API_KEY, TEST_API_KEY);
}

/* --- The table -------------------------------------------------------- */

static void
test_table (void)
{
  for (EaselDialectKind kind = EASEL_DIALECT_OPENAI; kind <= EASEL_DIALECT_AIZFW; kind++)
    {
      const EaselDialect *dialect = easel_dialect_get (kind);

      g_assert_nonnull (dialect);
      g_assert_cmpint (dialect->kind, ==, kind);
      g_assert_nonnull (dialect->build_submit);
      g_assert_nonnull (dialect->parse_submit);

      /* Only openai streams; the other three have remote jobs. */
      if (kind == EASEL_DIALECT_OPENAI)
        {
          g_assert_null (dialect->build_poll);
          g_assert_null (dialect->parse_poll);
          g_assert_nonnull (dialect->parse_event);
        }
      else
        {
          g_assert_nonnull (dialect->build_poll);
          g_assert_nonnull (dialect->parse_poll);
          g_assert_null (dialect->parse_event);
        }
    }
}

/* --- Wire request and outcome helpers --------------------------------- */

static void
test_wire_request (void)
{
  g_autoptr(EaselWireRequest) wire = easel_wire_request_new ("POST", "https://example.com/x");
  g_autoptr(JsonNode) node = json_from_string ("{ \"a\" : [1, 2], \"b\" : \"c d\" }", NULL);

  g_assert_cmpstr (wire->method, ==, "POST");
  g_assert_cmpstr (wire->url, ==, "https://example.com/x");
  g_assert_null (wire->body);
  g_assert_cmpuint (wire->secret_headers->len, ==, 0);

  /* Setting a secret twice replaces it and lists the name once. */
  easel_wire_request_set_secret (wire, "Authorization", "Bearer one");
  easel_wire_request_set_secret (wire, "Authorization", "Bearer two");
  g_assert_cmpuint (wire->secret_headers->len, ==, 1);
  g_assert_cmpstr (soup_message_headers_get_one (wire->headers, "Authorization"), ==,
                   "Bearer two");

  easel_wire_request_set_json (wire, node);
  g_assert_cmpmem (g_bytes_get_data (wire->body, NULL), g_bytes_get_size (wire->body),
                   "{\"a\":[1,2],\"b\":\"c d\"}", strlen ("{\"a\":[1,2],\"b\":\"c d\"}"));
  test_assert_headers (wire, "Authorization", "Bearer two", "Content-Type", "application/json",
                       NULL);
}

static void
test_outcome (void)
{
  g_autoptr(EaselOutcome) outcome = easel_outcome_new (EASEL_OUTCOME_IMAGES);

  g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_IMAGES);
  g_assert_cmpint (outcome->input_tokens, ==, -1);
  g_assert_cmpint (outcome->output_tokens, ==, -1);
  g_assert_cmpint (outcome->total_tokens, ==, -1);
  g_assert_cmpfloat (outcome->cost, ==, -1);
  g_assert_cmpuint (outcome->images->len, ==, 0);
  g_assert_cmpuint (outcome->urls->len, ==, 0);

  easel_outcome_add_image (outcome, TEST_PNG_RED_B64, "image/png");
  easel_outcome_add_image (outcome, TEST_PNG_BLUE_B64, NULL);
  test_assert_image (outcome, 0, TEST_PNG_RED_B64, "image/png");
  test_assert_image (outcome, 1, TEST_PNG_BLUE_B64, NULL);
}

/* --- Generations ------------------------------------------------------ */

/* Seed 001: the request with only model and prompt; Easel states every
 * default it means rather than relying on the gateway's. */
static void
test_generations_seed_minimal (void)
{
  g_autoptr(EaselProfile) profile = apiyi_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselWireRequest) wire = NULL;

  easel_request_set_prompt (request, "Cyberpunk city at night, neon sign closeup, cinematic frame");
  wire = build (profile, request);

  g_assert_cmpstr (wire->method, ==, "POST");
  g_assert_cmpstr (wire->url, ==, "https://api.apiyi.com/v1/images/generations");
  assert_json_headers (wire);
  test_assert_json_body (wire,
                         "{\"model\":\"gpt-image-2\","
                         "\"prompt\":\"Cyberpunk city at night, neon sign closeup, "
                         "cinematic frame\","
                         "\"n\":1,\"size\":\"auto\",\"quality\":\"auto\",\"output_format\":\"png\","
                         "\"background\":\"auto\",\"moderation\":\"auto\"}");
}

/* Seed 001's Python and cURL examples: 2048x1152, high, jpeg at 85. */
static void
test_generations_seed_jpeg (void)
{
  g_autoptr(EaselProfile) profile = apiyi_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselWireRequest) wire = NULL;

  easel_request_set_prompt (request,
                            "Orange tabby cat with sunglasses at a seaside bar, cinematic");
  easel_request_set_size (request, "2048x1152");
  easel_request_set_quality (request, EASEL_QUALITY_HIGH);
  easel_request_set_output_format (request, EASEL_OUTPUT_FORMAT_JPEG);
  easel_request_set_output_compression (request, 85);
  wire = build (profile, request);

  g_assert_cmpstr (wire->url, ==, "https://api.apiyi.com/v1/images/generations");
  assert_json_headers (wire);
  test_assert_json_body (wire,
                         "{\"model\":\"gpt-image-2\","
                         "\"prompt\":\"Orange tabby cat with sunglasses at a seaside bar, "
                         "cinematic\","
                         "\"n\":1,\"size\":\"2048x1152\",\"quality\":\"high\","
                         "\"output_format\":\"jpeg\",\"output_compression\":85,"
                         "\"background\":\"auto\",\"moderation\":\"auto\"}");
}

/* Seed 002: OpenAI itself, 1536x1024 high jpeg 92, moderation low, an
 * opaque background and a model the request names. */
static void
test_generations_openai (void)
{
  g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("openai", "test-openai");
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselWireRequest) wire = NULL;

  easel_request_set_prompt (request, "A modern minimalist office desk with a vintage typewriter");
  easel_request_set_model (request, "gpt-image-2-2026-04-21");
  easel_request_set_size (request, "1536x1024");
  easel_request_set_n (request, 3);
  easel_request_set_quality (request, EASEL_QUALITY_HIGH);
  easel_request_set_output_format (request, EASEL_OUTPUT_FORMAT_WEBP);
  easel_request_set_output_compression (request, 0);
  easel_request_set_background (request, EASEL_BACKGROUND_OPAQUE);
  easel_request_set_moderation (request, EASEL_MODERATION_LOW);
  wire = build (profile, request);

  g_assert_cmpstr (wire->url, ==, "https://api.openai.com/v1/images/generations");
  assert_json_headers (wire);
  test_assert_json_body (wire,
                         "{\"model\":\"gpt-image-2-2026-04-21\","
                         "\"prompt\":\"A modern minimalist office desk with a vintage typewriter\","
                         "\"n\":3,\"size\":\"1536x1024\",\"quality\":\"high\","
                         "\"output_format\":\"webp\",\"output_compression\":0,"
                         "\"background\":\"opaque\",\"moderation\":\"low\"}");
}

/* output_compression only for jpeg and webp, and only when set. */
static void
test_generations_compression (void)
{
  g_autoptr(EaselProfile) profile = apiyi_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();

  easel_request_set_prompt (request, "p");
  easel_request_set_output_compression (request, 50);

  {
    g_autoptr(EaselWireRequest) wire = build (profile, request);

    test_assert_json_body (wire,
                           "{\"model\":\"gpt-image-2\",\"prompt\":\"p\",\"n\":1,\"size\":\"auto\","
                           "\"quality\":\"auto\",\"output_format\":\"png\",\"background\":\"auto\","
                           "\"moderation\":\"auto\"}");
  }

  easel_request_set_output_format (request, EASEL_OUTPUT_FORMAT_JPEG);
  easel_request_set_output_compression (request, -1);

  {
    g_autoptr(EaselWireRequest) wire = build (profile, request);

    test_assert_json_body (wire,
                           "{\"model\":\"gpt-image-2\",\"prompt\":\"p\",\"n\":1,\"size\":\"auto\","
                           "\"quality\":\"auto\",\"output_format\":\"jpeg\","
                           "\"background\":\"auto\",\"moderation\":\"auto\"}");
  }
}

static void
test_generations_stream (void)
{
  g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("openai", "test-openai");
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselWireRequest) wire = NULL;

  easel_request_set_prompt (request, "A lighthouse at dusk");
  easel_request_set_size (request, "1024x1024");
  easel_request_set_quality (request, EASEL_QUALITY_MEDIUM);
  easel_request_set_stream (request, TRUE);
  easel_request_set_partial_images (request, 2);
  wire = build (profile, request);

  assert_json_headers (wire);
  test_assert_json_body (wire,
                         "{\"model\":\"gpt-image-2\",\"prompt\":\"A lighthouse at dusk\",\"n\":1,"
                         "\"size\":\"1024x1024\",\"quality\":\"medium\",\"output_format\":\"png\","
                         "\"background\":\"auto\",\"moderation\":\"auto\",\"stream\":true,"
                         "\"partial_images\":2}");
}

/* A local gateway without a key gets no Authorization header at all. */
static void
test_generations_without_key (void)
{
  g_autoptr(EaselProfile) profile = easel_profile_new ("local", EASEL_DIALECT_OPENAI,
                                                       "http://127.0.0.1:8080/v1/");
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselWireRequest) wire = NULL;
  g_autoptr(GError) error = NULL;

  easel_request_set_prompt (request, "p");
  wire = easel_dialect_get (EASEL_DIALECT_OPENAI)->build_submit (profile, request, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (wire->url, ==, "http://127.0.0.1:8080/v1/images/generations");
  test_assert_headers (wire, "Content-Type", "application/json", NULL);
  test_assert_secret (wire, NULL, NULL, TEST_API_KEY);
}

static void
test_generations_refused (void)
{
  g_autoptr(EaselProfile) profile = apiyi_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselReference) mask = test_reference_png (TEST_PNG_MASK_B64, "mask.png");

  easel_request_set_prompt (request, "p");
  easel_request_set_size (request, "16:9");

  {
    g_autoptr(GError) error = test_build_submit_error (profile, request);

    test_assert_error (error, EASEL_ERROR_INVALID_REQUEST, "16:9");
  }

  /* A mask with nothing to apply it to would otherwise be dropped. */
  easel_request_set_size (request, "1024x1024");
  easel_request_set_mask (request, mask);

  {
    g_autoptr(GError) error = test_build_submit_error (profile, request);

    test_assert_error (error, EASEL_ERROR_INVALID_REQUEST, "mask");
  }
}

/* --- Edits ------------------------------------------------------------ */

/* Seed 002: one reference, 1024x1024, high. */
static void
test_edits_single (void)
{
  g_autoptr(EaselProfile) profile = apiyi_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselReference) source = test_reference_png (TEST_PNG_RED_B64, "source.png");
  g_autoptr(EaselWireRequest) wire = NULL;
  const char *prompt = "Change the background to a sunset beach, keeping the foreground "
                       "character's pose and clothing";
  const TestPart parts[] = {
    { "model", NULL, NULL, "gpt-image-2", NULL },
    { "prompt", NULL, NULL, prompt, NULL },
    { "n", NULL, NULL, "1", NULL },
    { "size", NULL, NULL, "1024x1024", NULL },
    { "quality", NULL, NULL, "high", NULL },
    { "output_format", NULL, NULL, "png", NULL },
    { "background", NULL, NULL, "auto", NULL },
    { "image[]", "source.png", "image/png", NULL, TEST_PNG_RED_B64 },
  };

  easel_request_set_prompt (request, prompt);
  easel_request_set_size (request, "1024x1024");
  easel_request_set_quality (request, EASEL_QUALITY_HIGH);
  easel_request_add_reference (request, source);
  wire = build (profile, request);

  g_assert_cmpstr (wire->method, ==, "POST");
  g_assert_cmpstr (wire->url, ==, "https://api.apiyi.com/v1/images/edits");
  assert_multipart_headers (wire);
  test_assert_multipart (wire, parts, G_N_ELEMENTS (parts));
}

/* Seed 002: three references, in order, as image[] repeated. */
static void
test_edits_multiple (void)
{
  g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("openai", "test-openai");
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselReference) character = test_reference_png (TEST_PNG_RED_B64, "character.png");
  g_autoptr(EaselReference) background = test_reference_png (TEST_PNG_BLUE_B64, "background.png");
  g_autoptr(EaselReference) outfit = test_reference_png (TEST_PNG_MASK_B64, "outfit.png");
  g_autoptr(EaselWireRequest) wire = NULL;
  const char *prompt = "Place the character from Image 1 into the background of Image 2";
  const TestPart parts[] = {
    { "model", NULL, NULL, "gpt-image-2", NULL },
    { "prompt", NULL, NULL, prompt, NULL },
    { "n", NULL, NULL, "1", NULL },
    { "size", NULL, NULL, "2048x1152", NULL },
    { "quality", NULL, NULL, "high", NULL },
    { "output_format", NULL, NULL, "png", NULL },
    { "background", NULL, NULL, "auto", NULL },
    { "image[]", "character.png", "image/png", NULL, TEST_PNG_RED_B64 },
    { "image[]", "background.png", "image/png", NULL, TEST_PNG_BLUE_B64 },
    { "image[]", "outfit.png", "image/png", NULL, TEST_PNG_MASK_B64 },
  };

  easel_request_set_prompt (request, prompt);
  easel_request_set_size (request, "2048x1152");
  easel_request_set_quality (request, EASEL_QUALITY_HIGH);
  easel_request_add_reference (request, character);
  easel_request_add_reference (request, background);
  easel_request_add_reference (request, outfit);
  wire = build (profile, request);

  g_assert_cmpstr (wire->url, ==, "https://api.openai.com/v1/images/edits");
  assert_multipart_headers (wire);
  test_assert_multipart (wire, parts, G_N_ELEMENTS (parts));
}

/* Seed 002's inpainting, with every optional field: compression for webp,
 * moderation low (sent on edits only when not the default), streaming,
 * and the mask after the images. */
static void
test_edits_mask (void)
{
  g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("openai", "test-openai");
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselReference) photo = test_reference_png (TEST_PNG_BLUE_B64, "photo.png");
  g_autoptr(EaselReference) mask = test_reference_png (TEST_PNG_MASK_B64, "mask.png");
  g_autoptr(EaselWireRequest) wire = NULL;
  const char *prompt = "Replace the area in the red box with an orange cat";
  const TestPart parts[] = {
    { "model", NULL, NULL, "gpt-image-2", NULL },
    { "prompt", NULL, NULL, prompt, NULL },
    { "n", NULL, NULL, "2", NULL },
    { "size", NULL, NULL, "1024x1024", NULL },
    { "quality", NULL, NULL, "high", NULL },
    { "output_format", NULL, NULL, "webp", NULL },
    { "output_compression", NULL, NULL, "80", NULL },
    { "background", NULL, NULL, "opaque", NULL },
    { "moderation", NULL, NULL, "low", NULL },
    { "stream", NULL, NULL, "true", NULL },
    { "partial_images", NULL, NULL, "3", NULL },
    { "image[]", "photo.png", "image/png", NULL, TEST_PNG_BLUE_B64 },
    { "mask", "mask.png", "image/png", NULL, TEST_PNG_MASK_B64 },
  };

  easel_request_set_prompt (request, prompt);
  easel_request_set_size (request, "1024x1024");
  easel_request_set_n (request, 2);
  easel_request_set_quality (request, EASEL_QUALITY_HIGH);
  easel_request_set_output_format (request, EASEL_OUTPUT_FORMAT_WEBP);
  easel_request_set_output_compression (request, 80);
  easel_request_set_background (request, EASEL_BACKGROUND_OPAQUE);
  easel_request_set_moderation (request, EASEL_MODERATION_LOW);
  easel_request_set_stream (request, TRUE);
  easel_request_set_partial_images (request, 3);
  easel_request_add_reference (request, photo);
  easel_request_set_mask (request, mask);
  wire = build (profile, request);

  g_assert_cmpstr (wire->url, ==, "https://api.openai.com/v1/images/edits");
  assert_multipart_headers (wire);
  test_assert_multipart (wire, parts, G_N_ELEMENTS (parts));
}

/* A pasted image has no file name; the upload gets one with the type's
 * extension, and a data: URL reference goes up as the file it decodes to. */
static void
test_edits_names (void)
{
  g_autoptr(EaselProfile) profile = apiyi_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(GBytes) bytes = test_bytes_from_b64 (TEST_PNG_RED_B64);
  g_autoptr(EaselReference) pasted = easel_reference_new_for_bytes (bytes, NULL, NULL);
  g_autoptr(EaselReference) data_url = test_reference_url ("data:image/png;base64,"
                                                           TEST_PNG_BLUE_B64);
  g_autoptr(EaselWireRequest) wire = NULL;
  g_autoptr(GError) error = NULL;
  const TestPart parts[] = {
    { "model", NULL, NULL, "gpt-image-2", NULL },
    { "prompt", NULL, NULL, "p", NULL },
    { "n", NULL, NULL, "1", NULL },
    { "size", NULL, NULL, "auto", NULL },
    { "quality", NULL, NULL, "auto", NULL },
    { "output_format", NULL, NULL, "png", NULL },
    { "background", NULL, NULL, "auto", NULL },
    { "image[]", "image.png", "image/png", NULL, TEST_PNG_RED_B64 },
    { "image[]", "image.png", "image/png", NULL, TEST_PNG_BLUE_B64 },
  };

  g_assert_true (easel_reference_load (pasted, NULL, &error));
  g_assert_true (easel_reference_load (data_url, NULL, &error));
  g_assert_no_error (error);
  easel_request_set_prompt (request, "p");
  easel_request_add_reference (request, pasted);
  easel_request_add_reference (request, data_url);
  wire = build (profile, request);

  test_assert_multipart (wire, parts, G_N_ELEMENTS (parts));
}

static void
test_edits_refused (void)
{
  g_autoptr(EaselProfile) profile = apiyi_profile ();
  static const guchar jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00 };
  g_autoptr(GBytes) jpeg_bytes = g_bytes_new_static (jpeg, sizeof jpeg);
  g_autoptr(EaselReference) jpeg_mask = easel_reference_new_for_bytes (jpeg_bytes, NULL, "m.jpg");
  g_autoptr(EaselReference) photo = test_reference_png (TEST_PNG_RED_B64, "photo.png");
  g_autoptr(EaselReference) url = test_reference_url ("https://example.com/photo.png");
  g_autoptr(EaselReference) unloaded = easel_reference_new_for_path ("/nonexistent/a.png");
  g_autoptr(GError) load_error = NULL;

  g_assert_true (easel_reference_load (jpeg_mask, NULL, &load_error));
  g_assert_no_error (load_error);

  /* The mask's alpha is the point: a JPEG has none. */
  {
    g_autoptr(EaselRequest) request = easel_request_new ();
    g_autoptr(GError) error = NULL;

    easel_request_add_reference (request, photo);
    easel_request_set_mask (request, jpeg_mask);
    error = test_build_submit_error (profile, request);
    test_assert_error (error, EASEL_ERROR_INVALID_REQUEST, "PNG");
  }

  /* The Images API takes files, not URLs. */
  {
    g_autoptr(EaselRequest) request = easel_request_new ();
    g_autoptr(GError) error = NULL;

    easel_request_add_reference (request, url);
    error = test_build_submit_error (profile, request);
    test_assert_error (error, EASEL_ERROR_INVALID_REQUEST, "https://example.com/photo.png");
  }

  {
    g_autoptr(EaselRequest) request = easel_request_new ();
    g_autoptr(GError) error = NULL;

    easel_request_add_reference (request, unloaded);
    error = test_build_submit_error (profile, request);
    test_assert_error (error, EASEL_ERROR_INVALID_REQUEST, "a.png");
  }
}

/* --- Answers ---------------------------------------------------------- */

/* Seed 001's response, verbatim but for the elided base64. */
static const char seed_response[] =
  "{\n"
  "\"created\": 1776832476,\n"
  "\"data\": [\n"
  "{\n"
  "\"b64_json\": \"" TEST_PNG_RED_B64 "\"\n"
  "}\n"
  "],\n"
  "\"usage\": {\n"
  "\"input_tokens\": 42,\n"
  "\"output_tokens\": 6240,\n"
  "\"total_tokens\": 6282\n"
  "}\n"
  "}";

static void
test_parse_seed_response (void)
{
  g_autoptr(EaselProfile) profile = apiyi_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  outcome = test_parse_submit (profile, request, 200, "application/json", seed_response, &error);
  g_assert_no_error (error);
  g_assert_nonnull (outcome);
  g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_IMAGES);
  g_assert_cmpuint (outcome->images->len, ==, 1);
  test_assert_image (outcome, 0, TEST_PNG_RED_B64, "image/png");
  g_assert_cmpuint (outcome->urls->len, ==, 0);
  g_assert_cmpint (outcome->input_tokens, ==, 42);
  g_assert_cmpint (outcome->output_tokens, ==, 6240);
  g_assert_cmpint (outcome->total_tokens, ==, 6282);
  g_assert_cmpfloat (outcome->cost, ==, -1);
  g_assert_null (outcome->remote_id);
}

/* The answer does not state the type: the request's format is it. Several
 * images keep their order; a usage with details still gives the totals. */
static void
test_parse_jpeg_several (void)
{
  g_autoptr(EaselProfile) profile = apiyi_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  const char *body =
    "{\"created\":1,\"data\":[{\"b64_json\":\"" TEST_PNG_RED_B64 "\"},"
    "{\"b64_json\":\"" TEST_PNG_BLUE_B64 "\",\"revised_prompt\":\"x\"}],"
    "\"usage\":{\"input_tokens\":10,\"output_tokens\":20,\"total_tokens\":30,"
    "\"input_tokens_details\":{\"text_tokens\":10,\"image_tokens\":0}}}";

  easel_request_set_output_format (request, EASEL_OUTPUT_FORMAT_JPEG);
  outcome = test_parse_submit (profile, request, 200, "application/json; charset=utf-8", body,
                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outcome->images->len, ==, 2);
  test_assert_image (outcome, 0, TEST_PNG_RED_B64, "image/jpeg");
  test_assert_image (outcome, 1, TEST_PNG_BLUE_B64, "image/jpeg");
  g_assert_cmpint (outcome->total_tokens, ==, 30);
}

/* Some OpenAI-compatible gateways answer with URLs; some (seed 001's
 * gpt-image-2-all) prefix the base64 with a data: header. */
static void
test_parse_variants (void)
{
  g_autoptr(EaselProfile) profile = apiyi_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();

  {
    g_autoptr(EaselOutcome) outcome = NULL;
    g_autoptr(GError) error = NULL;

    outcome = test_parse_submit (profile, request, 200, "application/json",
                                 "{\"created\":1,\"data\":[{\"url\":\"https://cdn.example/a.png\"},"
                                 "{\"url\":\"https://cdn.example/b.png\"}]}", &error);
    g_assert_no_error (error);
    g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_URLS);
    g_assert_cmpuint (outcome->urls->len, ==, 2);
    g_assert_cmpstr (g_ptr_array_index (outcome->urls, 0), ==, "https://cdn.example/a.png");
    g_assert_cmpstr (g_ptr_array_index (outcome->urls, 1), ==, "https://cdn.example/b.png");
    g_assert_cmpuint (outcome->images->len, ==, 0);
    g_assert_cmpint (outcome->total_tokens, ==, -1);
  }

  {
    g_autoptr(EaselOutcome) outcome = NULL;
    g_autoptr(GError) error = NULL;

    outcome = test_parse_submit (profile, request, 200, "application/json",
                                 "{\"data\":[{\"b64_json\":\"data:image/webp;base64,"
                                 TEST_PNG_RED_B64 "\"}]}", &error);
    g_assert_no_error (error);
    g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_IMAGES);
    test_assert_image (outcome, 0, TEST_PNG_RED_B64, "image/webp");
  }
}

/* 200 answers that carry no image, or cannot be read. */
static void
test_parse_bad_answers (void)
{
  g_autoptr(EaselProfile) profile = apiyi_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  const struct
  {
    const char *content_type;
    const char *body;
    const char *fragment;
  } cases[] = {
    { "application/json", "{\"created\":1776832476}", "without any image" },
    { "application/json", "{\"created\":1776832476,\"data\":[]}", "without any image" },
    { "application/json", "{\"created\":1776832476,\"data\":null}", "without any image" },
    { "application/json", "{\"data\":[],\"error\":{\"message\":\"Image was filtered\"}}",
      "Image was filtered" },
    { "application/json", "{\"data\":{\"b64_json\":\"x\"}}", "“data”" },
    { "application/json", "{\"data\":[{\"revised_prompt\":\"x\"}]}", "data[0].b64_json" },
    { "application/json", "{\"data\":[\"" TEST_PNG_RED_B64 "\"]}", "data[0].b64_json" },
    { "application/json", "{\"data\":[{\"b64_json\":42}]}", "data[0].b64_json" },
    { "application/json", "{\"data\":[{\"b64_json\":\"\"}]}", "data[0].b64_json" },
    { "application/json",
      "{\"data\":[{\"b64_json\":\"" TEST_PNG_RED_B64 "\"},{\"url\":\"https://x/y.png\"}]}",
      "data[1].b64_json" },
    { "application/json", "{\"data\":[{\"url\":\"https://x/y.png\"},{}]}", "data[1].url" },
    { "application/json", "{\"created\":1776832476,\"data\":[{\"b64_json\":\"iVBOR", "JSON" },
    { "application/json", "[{\"b64_json\":\"x\"}]", "JSON object" },
    { "application/json", "", "empty" },
    { "text/html; charset=utf-8", "<html><body>Welcome</body></html>", "text/html" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EaselOutcome) outcome = NULL;
      g_autoptr(GError) error = NULL;

      outcome = test_parse_submit (profile, request, 200, cases[i].content_type, cases[i].body,
                                   &error);
      g_assert_null (outcome);
      test_assert_error (error, EASEL_ERROR_BAD_RESPONSE, cases[i].fragment);
    }
}

/* Found by fuzz-sse and fuzz-dialect: token counts past gint64 (1e300,
 * or 1e400, which json-glib reads as inf) were cast to an integer, which
 * is undefined; they are not counts. Whole numbers written as doubles
 * still are. */
static void
test_parse_huge_counts (void)
{
  g_autoptr(EaselProfile) profile = apiyi_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  outcome = test_parse_submit (profile, request, 200, "application/json",
                               "{\"data\":[{\"b64_json\":\"" TEST_PNG_RED_B64 "\"}],"
                               "\"usage\":{\"input_tokens\":1e300,\"output_tokens\":-1e400,"
                               "\"total_tokens\":9223372036854775808.0}}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->input_tokens, ==, -1);
  g_assert_cmpint (outcome->output_tokens, ==, -1);
  g_assert_cmpint (outcome->total_tokens, ==, -1);
  g_clear_pointer (&outcome, easel_outcome_free);

  outcome = test_parse_submit (profile, request, 200, "application/json",
                               "{\"data\":[{\"b64_json\":\"" TEST_PNG_RED_B64 "\"}],"
                               "\"usage\":{\"input_tokens\":42.0,"
                               "\"total_tokens\":-9223372036854775808.0}}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->input_tokens, ==, 42);
  g_assert_cmpint (outcome->total_tokens, ==, G_MININT64);
}

/* Found by fuzz-dialect: what the gateway sends is shown in messages, and
 * easel-cli prints them on a terminal, so its control characters become
 * spaces and its words are cut at 500 characters, in every message that
 * quotes it: the Content-Type, json-glib's complaint (which quotes the
 * answer), an error body. */
static void
test_parse_gateway_text_clipped (void)
{
  g_autoptr(EaselProfile) profile = apiyi_profile ();
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autofree char *long_words = g_strnfill (3000, 'w');
  g_autofree char *long_body = g_strdup_printf ("{\"error\":{\"message\":\"%s\"}}", long_words);
  g_autofree char *long_token = g_strdup_printf ("{\"data\": [\"%s\" 1]}", long_words);
  const struct
  {
    guint status;
    const char *content_type;
    const char *body;
  } cases[] = {
    { 200, "text/ht\x1b]0;pwned\x07ml", "<html></html>" },
    { 200, "application/json", "{\"a\" \"\x1b[31mred\x01\"}" },
    { 200, "application/json", long_token },
    { 500, "application/json", "{\"error\":{\"message\":\"\\u001b[2Jgone\\r\\nnext\"}}" },
    { 400, "application/json", long_body },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EaselOutcome) outcome = NULL;
      g_autoptr(GError) error = NULL;

      outcome = test_parse_submit (profile, request, cases[i].status, cases[i].content_type,
                                   cases[i].body, &error);
      g_assert_null (outcome);
      g_assert_nonnull (error);
      g_test_message ("case %u: %s", i, error->message);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      for (const char *p = error->message; *p != '\0'; p++)
        g_assert_true ((guchar) *p >= 0x20 || *p == '\n' || *p == '\t');
      /* Easel's words, some 250 characters, and at most 500 of the
       * gateway's with an ellipsis. */
      g_assert_cmpint (g_utf8_strlen (error->message, -1), <=, 800);
    }
}

/* Seed 002's error table, with OpenAI's error body. */
static void
test_parse_status_errors (void)
{
  g_autoptr(EaselProfile) profile = apiyi_profile ();
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
      "{\"error\":{\"message\":\"Unknown parameter: 'input_fidelity'.\","
      "\"type\":\"invalid_request_error\",\"param\":\"input_fidelity\","
      "\"code\":\"unknown_parameter\"}}",
      EASEL_ERROR_INVALID_REQUEST, "Unknown parameter: 'input_fidelity'." },
    { 401, "application/json",
      "{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":\"invalid_request_error\","
      "\"param\":null,\"code\":\"invalid_api_key\"}}",
      EASEL_ERROR_AUTH, "Incorrect API key provided." },
    { 402, "application/json", "{\"error\":{\"message\":\"Payment required\"}}",
      EASEL_ERROR_PAYMENT, "Payment required" },
    { 403, "application/json",
      "{\"error\":{\"message\":\"Your request was rejected by the safety system.\","
      "\"type\":\"image_generation_user_error\",\"param\":null,\"code\":\"moderation_blocked\"}}",
      EASEL_ERROR_MODERATION, "rejected by the safety system" },
    { 429, "application/json",
      "{\"error\":{\"message\":\"Rate limit reached for gpt-image-2.\","
      "\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
      EASEL_ERROR_RATE_LIMIT, "Rate limit reached" },
    { 429, "application/json",
      "{\"error\":{\"message\":\"Insufficient balance, please recharge.\","
      "\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}",
      EASEL_ERROR_PAYMENT, "Insufficient balance" },
    { 500, "application/json",
      "{\"error\":{\"message\":\"The server had an error processing your request.\","
      "\"type\":\"server_error\",\"param\":null,\"code\":null}}",
      EASEL_ERROR_SERVER, "The server had an error" },
    { 502, "text/html", TEST_HTML_502, EASEL_ERROR_SERVER, "502 Bad Gateway" },
    { 503, "application/json", "{\"error\":", EASEL_ERROR_SERVER, "503" },
    { 404, "application/json",
      "{\"error\":{\"message\":\"Invalid URL (POST /images/generations)\"}}",
      EASEL_ERROR_INVALID_REQUEST, "Invalid URL" },
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

/* --- Streaming -------------------------------------------------------- */

static EaselOutcome *
parse_event (const char  *event,
             const char  *data,
             GError     **error)
{
  g_autoptr(EaselProfile) profile = apiyi_profile ();

  return easel_dialect_get (EASEL_DIALECT_OPENAI)->parse_event (profile, event, data, error);
}

static void
test_event_partial (void)
{
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  outcome = parse_event ("image_generation.partial_image",
                         "{\"type\":\"image_generation.partial_image\",\"b64_json\":\""
                         TEST_PNG_RED_B64 "\",\"created_at\":1776832476,\"size\":\"1024x1024\","
                         "\"quality\":\"medium\",\"background\":\"opaque\","
                         "\"output_format\":\"jpeg\",\"partial_image_index\":1}",
                         &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_PARTIAL);
  g_assert_cmpint (outcome->partial_index, ==, 1);
  g_assert_cmpuint (outcome->images->len, ==, 1);
  test_assert_image (outcome, 0, TEST_PNG_RED_B64, "image/jpeg");
}

/* Edits stream image_edit.*; a stream without event: lines names the
 * type in the data only. */
static void
test_event_edit_partial (void)
{
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  outcome = parse_event ("message",
                         "{\"type\":\"image_edit.partial_image\",\"b64_json\":\""
                         TEST_PNG_BLUE_B64 "\",\"partial_image_index\":0}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_PARTIAL);
  g_assert_cmpint (outcome->partial_index, ==, 0);
  test_assert_image (outcome, 0, TEST_PNG_BLUE_B64, NULL);
}

static void
test_event_completed (void)
{
  const char *types[] = { "image_generation.completed", "image_edit.completed" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(EaselOutcome) outcome = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;

      data = g_strdup_printf ("{\"type\":\"%s\",\"b64_json\":\"%s\",\"created_at\":1,"
                              "\"size\":\"1024x1024\",\"quality\":\"high\","
                              "\"background\":\"auto\",\"output_format\":\"png\","
                              "\"usage\":{\"total_tokens\":4300,\"input_tokens\":50,"
                              "\"output_tokens\":4250,\"input_tokens_details\":"
                              "{\"text_tokens\":50,\"image_tokens\":0}}}",
                              types[i], TEST_PNG_RED_B64);
      outcome = parse_event (types[i], data, &error);
      g_assert_no_error (error);
      g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_IMAGES);
      test_assert_image (outcome, 0, TEST_PNG_RED_B64, "image/png");
      g_assert_cmpint (outcome->input_tokens, ==, 50);
      g_assert_cmpint (outcome->output_tokens, ==, 4250);
      g_assert_cmpint (outcome->total_tokens, ==, 4300);
    }
}

static void
test_event_errors (void)
{
  const struct
  {
    const char *event;
    const char *data;
    int code;
    const char *fragment;
  } cases[] = {
    { "error",
      "{\"type\":\"error\",\"error\":{\"type\":\"image_generation_user_error\","
      "\"code\":\"moderation_blocked\",\"message\":\"Blocked by the safety system.\","
      "\"param\":null}}",
      EASEL_ERROR_MODERATION, "Blocked by the safety system." },
    { "error",
      "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_exceeded\",\"code\":null,"
      "\"message\":\"Slow down.\"}}",
      EASEL_ERROR_RATE_LIMIT, "Slow down." },
    { "message",
      "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Bad size.\"}}",
      EASEL_ERROR_INVALID_REQUEST, "Bad size." },
    { "error", "{\"error\":{\"type\":\"server_error\",\"message\":\"Oops.\"}}",
      EASEL_ERROR_SERVER, "Oops." },
    { "error", "{\"type\":\"error\",\"code\":\"insufficient_quota\",\"message\":\"No credit.\"}",
      EASEL_ERROR_PAYMENT, "No credit." },
    { "image_generation.partial_image",
      "{\"type\":\"image_generation.partial_image\",\"partial_image_index\":0}",
      EASEL_ERROR_BAD_RESPONSE, "b64_json" },
    { "image_generation.partial_image",
      "{\"type\":\"image_generation.partial_image\",\"b64_json\":\"" TEST_PNG_RED_B64 "\","
      "\"partial_image_index\":\"one\"}",
      EASEL_ERROR_BAD_RESPONSE, "partial_image_index" },
    { "image_generation.partial_image",
      "{\"type\":\"image_generation.partial_image\",\"b64_json\":\"" TEST_PNG_RED_B64 "\","
      "\"partial_image_index\":-1}",
      EASEL_ERROR_BAD_RESPONSE, "partial_image_index" },
    /* Found by fuzz-sse: casting 1e300 (or inf, as json-glib reads 1e400)
     * to an integer was undefined behaviour. */
    { "image_generation.partial_image",
      "{\"type\":\"image_generation.partial_image\",\"b64_json\":\"" TEST_PNG_RED_B64 "\","
      "\"partial_image_index\":1e300}",
      EASEL_ERROR_BAD_RESPONSE, "partial_image_index" },
    { "image_generation.partial_image",
      "{\"type\":\"image_generation.partial_image\",\"b64_json\":\"" TEST_PNG_RED_B64 "\","
      "\"partial_image_index\":1e400}",
      EASEL_ERROR_BAD_RESPONSE, "partial_image_index" },
    { "image_generation.completed", "{\"type\":\"image_generation.completed\",\"b64_json\":",
      EASEL_ERROR_BAD_RESPONSE, "JSON" },
    { "image_generation.completed", "{\"type\":\"image_generation.completed\"}",
      EASEL_ERROR_BAD_RESPONSE, "b64_json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EaselOutcome) outcome = NULL;
      g_autoptr(GError) error = NULL;

      outcome = parse_event (cases[i].event, cases[i].data, &error);
      g_assert_null (outcome);
      test_assert_error (error, cases[i].code, cases[i].fragment);
    }
}

/* Events Easel does not wait for pass without an outcome or an error. */
static void
test_event_ignored (void)
{
  const struct
  {
    const char *event;
    const char *data;
  } cases[] = {
    { "message", "[DONE]" },
    { "message", " [DONE] " },
    { "keepalive", "ping" },
    { "message", "not json" },
    { "response.created", "{\"type\":\"response.created\"}" },
    { "message", "{\"type\":\"image_generation.progress\",\"percent\":40}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EaselOutcome) outcome = NULL;
      g_autoptr(GError) error = NULL;

      outcome = parse_event (cases[i].event, cases[i].data, &error);
      g_assert_no_error (error);
      g_assert_null (outcome);
    }
}

typedef struct
{
  GPtrArray *outcomes;
  GError    *error;
} StreamState;

static gboolean
on_stream_event (const char *event,
                 const char *data,
                 gpointer    user_data)
{
  StreamState *state = user_data;
  EaselOutcome *outcome = parse_event (event, data, &state->error);

  if (outcome != NULL)
    g_ptr_array_add (state->outcomes, outcome);

  return state->error == NULL;
}

/* A whole stream, as OpenAI sends it, through the SSE parser in uneven
 * pieces: two partial images, a comment, then the result. */
static void
test_event_stream (void)
{
  g_autoptr(EaselSseParser) parser = NULL;
  g_autoptr(GPtrArray) outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                  easel_outcome_free);
  g_autoptr(GError) error = NULL;
  StreamState state = { outcomes, NULL };
  const char *stream =
    "event: image_generation.partial_image\r\n"
    "data: {\"type\":\"image_generation.partial_image\",\"b64_json\":\"" TEST_PNG_RED_B64 "\","
    "\"output_format\":\"png\",\"partial_image_index\":0}\r\n"
    "\r\n"
    ": keep-alive\r\n"
    "\r\n"
    "event: image_generation.partial_image\r\n"
    "data: {\"type\":\"image_generation.partial_image\",\"b64_json\":\"" TEST_PNG_BLUE_B64 "\","
    "\"output_format\":\"png\",\"partial_image_index\":1}\r\n"
    "\r\n"
    "event: image_generation.completed\r\n"
    "data: {\"type\":\"image_generation.completed\",\"b64_json\":\"" TEST_PNG_MASK_B64 "\","
    "\"output_format\":\"png\",\"usage\":{\"input_tokens\":5,\"output_tokens\":6,"
    "\"total_tokens\":11}}\r\n"
    "\r\n";
  gsize length = strlen (stream);
  gsize offset = 0;
  EaselOutcome *outcome;

  parser = easel_sse_parser_new (1024 * 1024, on_stream_event, &state);
  for (guint step = 1; offset < length; step = step * 3 % 17 + 1)
    {
      gsize piece = MIN (step, length - offset);

      g_assert_true (easel_sse_parser_feed (parser, stream + offset, piece, &error));
      g_assert_no_error (error);
      offset += piece;
    }
  g_assert_true (easel_sse_parser_finish (parser));
  g_assert_no_error (state.error);

  g_assert_cmpuint (outcomes->len, ==, 3);
  outcome = g_ptr_array_index (outcomes, 0);
  g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_PARTIAL);
  g_assert_cmpint (outcome->partial_index, ==, 0);
  test_assert_image (outcome, 0, TEST_PNG_RED_B64, "image/png");
  outcome = g_ptr_array_index (outcomes, 1);
  g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_PARTIAL);
  g_assert_cmpint (outcome->partial_index, ==, 1);
  test_assert_image (outcome, 0, TEST_PNG_BLUE_B64, "image/png");
  outcome = g_ptr_array_index (outcomes, 2);
  g_assert_cmpint (outcome->kind, ==, EASEL_OUTCOME_IMAGES);
  test_assert_image (outcome, 0, TEST_PNG_MASK_B64, "image/png");
  g_assert_cmpint (outcome->total_tokens, ==, 11);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dialect/table", test_table);
  g_test_add_func ("/dialect/wire-request", test_wire_request);
  g_test_add_func ("/dialect/outcome", test_outcome);
  g_test_add_func ("/dialect/openai/generations/seed-minimal", test_generations_seed_minimal);
  g_test_add_func ("/dialect/openai/generations/seed-jpeg", test_generations_seed_jpeg);
  g_test_add_func ("/dialect/openai/generations/openai", test_generations_openai);
  g_test_add_func ("/dialect/openai/generations/compression", test_generations_compression);
  g_test_add_func ("/dialect/openai/generations/stream", test_generations_stream);
  g_test_add_func ("/dialect/openai/generations/without-key", test_generations_without_key);
  g_test_add_func ("/dialect/openai/generations/refused", test_generations_refused);
  g_test_add_func ("/dialect/openai/edits/single", test_edits_single);
  g_test_add_func ("/dialect/openai/edits/multiple", test_edits_multiple);
  g_test_add_func ("/dialect/openai/edits/mask", test_edits_mask);
  g_test_add_func ("/dialect/openai/edits/names", test_edits_names);
  g_test_add_func ("/dialect/openai/edits/refused", test_edits_refused);
  g_test_add_func ("/dialect/openai/parse/seed-response", test_parse_seed_response);
  g_test_add_func ("/dialect/openai/parse/jpeg-several", test_parse_jpeg_several);
  g_test_add_func ("/dialect/openai/parse/variants", test_parse_variants);
  g_test_add_func ("/dialect/openai/parse/bad-answers", test_parse_bad_answers);
  g_test_add_func ("/dialect/openai/parse/status-errors", test_parse_status_errors);
  g_test_add_func ("/dialect/openai/parse/huge-counts", test_parse_huge_counts);
  g_test_add_func ("/dialect/openai/parse/gateway-text-clipped", test_parse_gateway_text_clipped);
  g_test_add_func ("/dialect/openai/event/partial", test_event_partial);
  g_test_add_func ("/dialect/openai/event/edit-partial", test_event_edit_partial);
  g_test_add_func ("/dialect/openai/event/completed", test_event_completed);
  g_test_add_func ("/dialect/openai/event/errors", test_event_errors);
  g_test_add_func ("/dialect/openai/event/ignored", test_event_ignored);
  g_test_add_func ("/dialect/openai/event/stream", test_event_stream);

  return g_test_run ();
}
