/* test-limits.c: the limits of bad input, end to end: each gets its error
 * code and a message that names the limit, and nothing crashes
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Answers from the gateway go through EaselJob against the mock; inputs
 * through EaselJob too (validation, loading the references) with the mock
 * counting that nothing was sent; base URLs through the profile. Each case
 * prints "limit → message" and the lines are written to
 * _build/tests/limits.txt. The tray's side of a dropped file that is not an
 * image is tests/test-reference-tray.c, /reference-tray/drop. */

#include <glib/gstdio.h>

#include "easel-dialect-private.h"
#include "easel-error.h"
#include "easel-test-job.h"

#define LONG_MS 60000

static GString *lines;

/* Asserts @error is @code and says @phrase, and prints the line. */
static void
expect (const char   *limit,
        const GError *error,
        int           code,
        const char   *phrase)
{
  g_assert_nonnull (error);
  g_test_message ("%s → %s", limit, error->message);
  g_string_append_printf (lines, "%s → %s\n", limit, error->message);
  g_assert_true (error->domain == EASEL_ERROR);
  g_assert_cmpstr (easel_error_code_to_string (error->code), ==,
                   easel_error_code_to_string (code));
  if (strstr (error->message, phrase) == NULL)
    g_error ("“%s” is not in the message: %s", phrase, error->message);
}

/* A gateway with timeouts that a 300 MB body under ASan fits in, and
 * Easel's own body cap. */
static void
gateway_init (EaselTestGateway *gateway)
{
  EaselTimeouts timeouts = { LONG_MS, LONG_MS, LONG_MS, LONG_MS };

  easel_test_gateway_init (gateway);
  easel_client_set_timeouts (gateway->client, &timeouts);
}

static gboolean
on_limit (gpointer user_data)
{
  g_error ("The job did not end within 120 s");
  return G_SOURCE_REMOVE;
}

/* Runs @request to its end: failed, with nothing kept. */
static EaselJob *
run_failing (EaselTestGateway *gateway,
             EaselProfile     *profile,
             EaselRequest     *request)
{
  EaselJob *job = easel_job_new (gateway->client, profile, request, "sk-mock-key",
                                 gateway->output_dir);
  guint limit = g_timeout_add_seconds (120, on_limit, NULL);

  easel_job_set_poll_interval (job, 20);
  easel_job_start (job);
  while (!easel_job_is_finished (job))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (limit);

  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_FAILED);
  g_assert_cmpuint (easel_test_gateway_count_files (gateway, ""), ==, 0);

  return job;
}

static EaselRequest *
request_new (const char *prompt)
{
  EaselRequest *request = easel_request_new ();

  easel_request_set_prompt (request, prompt);
  return request;
}

static guint
count_submits (EaselTestGateway *gateway)
{
  return easel_mock_server_count (gateway->mock, NULL, EASEL_MOCK_STAGE_SUBMIT);
}

static guint32
crc32_of (const char   *type,
          const guint8 *data,
          gsize         length)
{
  guint32 crc = 0xffffffffu;

  for (gsize i = 0; i < 4 + length; i++)
    {
      crc ^= i < 4 ? (guint8) type[i] : data[i - 4];
      for (int bit = 0; bit < 8; bit++)
        crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }

  return ~crc;
}

/* A PNG whose header says @width × @height, with one tiny IDAT: what a
 * decoder would allocate for, not what it would find. */
static GBytes *
png_header_only (guint32 width,
                 guint32 height)
{
  static const guint8 idat[] = { 0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 };
  const guint8 ihdr[13] = {
    width >> 24, width >> 16, width >> 8, width, height >> 24, height >> 16, height >> 8, height,
    8, 6, 0, 0, 0,
  };
  struct { const char *type; const guint8 *data; guint32 length; } chunks[] = {
    { "IHDR", ihdr, sizeof ihdr }, { "IDAT", idat, sizeof idat }, { "IEND", NULL, 0 },
  };
  GByteArray *png = g_byte_array_new ();

  g_byte_array_append (png, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  for (guint i = 0; i < G_N_ELEMENTS (chunks); i++)
    {
      guint8 length[4] = { chunks[i].length >> 24, chunks[i].length >> 16,
                           chunks[i].length >> 8, chunks[i].length };
      guint32 crc = crc32_of (chunks[i].type, chunks[i].data, chunks[i].length);
      guint8 crc_bytes[4] = { crc >> 24, crc >> 16, crc >> 8, crc };

      g_byte_array_append (png, length, 4);
      g_byte_array_append (png, (const guint8 *) chunks[i].type, 4);
      if (chunks[i].length > 0)
        g_byte_array_append (png, chunks[i].data, chunks[i].length);
      g_byte_array_append (png, crc_bytes, 4);
    }

  return g_byte_array_free_to_bytes (png);
}

/* --- answers from the gateway -------------------------------------------- */

static void
test_bomb (void)
{
  EaselTestGateway gateway;
  g_autoptr(EaselProfile) profile = NULL;
  g_autoptr(EaselRequest) request = request_new ("a bomb");
  g_autoptr(EaselJob) job = NULL;

  gateway_init (&gateway);
  profile = easel_test_gateway_profile (&gateway, "openai");
  easel_mock_server_set_fault (gateway.mock, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_DECOMPRESSION_BOMB, 0, "30000x30000");
  job = run_failing (&gateway, profile, request);
  expect ("a 30000×30000 PNG header from the gateway", easel_job_get_error (job),
          EASEL_ERROR_TOO_LARGE, "claims to be 30000 × 30000 pixels");
  g_assert_cmpuint (count_submits (&gateway), ==, 1);

  g_clear_object (&job);
  easel_test_gateway_clear (&gateway);
}

static void
test_huge_body (void)
{
  struct { const char *limit; const char *param; const char *phrase; } cases[] = {
    /* Streamed in until the cap, never held whole. */
    { "a 300 MB body from the gateway", NULL, "larger than 256 MiB" },
    /* Refused from its Content-Length, before a byte of it is read. */
    { "a 300 MB body announced by Content-Length", "content-length", "did not read it" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      EaselTestGateway gateway;
      g_autoptr(EaselProfile) profile = NULL;
      g_autoptr(EaselRequest) request = request_new ("a big one");
      g_autoptr(EaselJob) job = NULL;

      gateway_init (&gateway);
      profile = easel_test_gateway_profile (&gateway, "openai");
      easel_mock_server_set_fault (gateway.mock, EASEL_MOCK_STAGE_SUBMIT,
                                   EASEL_MOCK_FAULT_HUGE_BODY, 0, cases[i].param);
      job = run_failing (&gateway, profile, request);
      expect (cases[i].limit, easel_job_get_error (job), EASEL_ERROR_TOO_LARGE, cases[i].phrase);
      /* Too large is not retried: it would be as large again. */
      g_assert_cmpuint (count_submits (&gateway), ==, 1);

      g_clear_object (&job);
      easel_test_gateway_clear (&gateway);
    }
}

static void
test_deep_json (void)
{
  struct { const char *limit; const char *preset; gboolean stream; const char *param; } cases[] = {
    { "JSON nested 100,000 arrays deep", "openai", FALSE, NULL },
    { "JSON nested 100,000 arrays deep in a streamed event", "openai", TRUE, NULL },
    { "JSON nested 100,000 arrays deep in a job's poll", "yycode", FALSE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      EaselTestGateway gateway;
      g_autoptr(EaselProfile) profile = NULL;
      g_autoptr(EaselRequest) request = request_new ("deep");
      g_autoptr(EaselJob) job = NULL;

      gateway_init (&gateway);
      profile = easel_test_gateway_profile (&gateway, cases[i].preset);
      easel_request_set_stream (request, cases[i].stream);
      easel_mock_server_set_fault (gateway.mock,
                                   g_str_equal (cases[i].preset, "yycode")
                                   ? EASEL_MOCK_STAGE_POLL : EASEL_MOCK_STAGE_SUBMIT,
                                   EASEL_MOCK_FAULT_DEEP_JSON, 0, cases[i].param);
      job = run_failing (&gateway, profile, request);
      expect (cases[i].limit, easel_job_get_error (job), EASEL_ERROR_BAD_RESPONSE,
              "nests more than 512 levels deep");

      g_clear_object (&job);
      easel_test_gateway_clear (&gateway);
    }
}

/* The check itself: 512 levels pass, 513 do not, and brackets in strings
 * are not nesting. */
static void
test_depth_rule (void)
{
  GString *text = g_string_new (NULL);
  g_autofree char *quoted = NULL;

  for (guint i = 0; i < EASEL_JSON_MAX_DEPTH; i++)
    g_string_append_c (text, i % 2 ? '[' : '{');
  g_assert_true (easel_dialect_json_depth_ok (text->str, text->len));
  g_string_append_c (text, '[');
  g_assert_false (easel_dialect_json_depth_ok (text->str, text->len));

  /* Closing brackets bring it back down; strings, escaped quotes included,
   * do not count. */
  g_string_truncate (text, 0);
  for (guint i = 0; i < 2 * EASEL_JSON_MAX_DEPTH; i++)
    g_string_append (text, "[]");
  g_string_append (text, "{\"a\":\"[[[[\\\"[[[[\",\"b\":[\"{{{{{{\"]}");
  quoted = g_strnfill (10000, '[');
  g_string_append_printf (text, "\"%s\"", quoted);
  g_assert_true (easel_dialect_json_depth_ok (text->str, text->len));
  g_assert_true (easel_dialect_json_depth_ok (NULL, 0));

  g_string_free (text, TRUE);
}

/* --- inputs -------------------------------------------------------------- */

static void
test_long_prompt (void)
{
  EaselTestGateway gateway;
  g_autoptr(EaselProfile) profile = NULL;
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselJob) job = NULL;
  g_autoptr(GError) error = NULL;
  GString *prompt = g_string_new (NULL);

  /* Characters, not bytes: 32,000 two-byte ones are within the limit. */
  for (guint i = 0; i < 32000; i++)
    g_string_append (prompt, "é");
  easel_request_set_prompt (request, prompt->str);
  gateway_init (&gateway);
  profile = easel_test_gateway_profile (&gateway, "openai");
  g_assert_true (easel_request_validate (request, profile, &error));
  g_assert_no_error (error);

  g_string_append (prompt, "é");
  easel_request_set_prompt (request, prompt->str);
  job = run_failing (&gateway, profile, request);
  expect ("a 32,001-character prompt", easel_job_get_error (job), EASEL_ERROR_INVALID_REQUEST,
          "The prompt has 32001 characters; this gateway takes at most 32000.");
  g_assert_cmpuint (count_submits (&gateway), ==, 0);

  g_string_free (prompt, TRUE);
  g_clear_object (&job);
  easel_test_gateway_clear (&gateway);
}

static void
test_many_references (void)
{
  EaselTestGateway gateway;
  g_autoptr(EaselProfile) profile = NULL;
  g_autoptr(EaselRequest) request = request_new ("seventeen");
  g_autoptr(EaselJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = easel_test_png (16, 16, FALSE, 0x336699ff);
  g_autofree char *path = easel_test_write_temp (png, "ref.png");
  g_autofree char *dir = g_path_get_dirname (path);

  gateway_init (&gateway);
  profile = easel_test_gateway_profile (&gateway, "openai");
  for (guint i = 0; i < 16; i++)
    {
      g_autoptr(EaselReference) reference = easel_reference_new_for_path (path);

      easel_request_add_reference (request, reference);
    }
  g_assert_true (easel_request_validate (request, profile, &error));
  g_assert_no_error (error);

  {
    g_autoptr(EaselReference) reference = easel_reference_new_for_path (path);

    easel_request_add_reference (request, reference);
  }
  job = run_failing (&gateway, profile, request);
  expect ("17 references", easel_job_get_error (job), EASEL_ERROR_INVALID_REQUEST,
          "This gateway takes at most 16 reference images; 17 were added.");
  g_assert_cmpuint (count_submits (&gateway), ==, 0);

  g_clear_object (&job);
  easel_test_gateway_clear (&gateway);
  g_unlink (path);
  g_rmdir (dir);
}

/* A mask must be the size of the first reference. */
static void
test_mask_size (void)
{
  struct { const char *limit; GBytes *mask; const char *phrase; } cases[] = {
    { "a mask of the wrong size", easel_test_png (32, 32, TRUE, 0x00000000),
      "The mask is 32×32 but the first image is 64×48" },
    { "a mask whose header says 30000×30000", png_header_only (30000, 30000),
      "The mask is 30000×30000 but the first image is 64×48" },
  };
  g_autoptr(GBytes) image = easel_test_png (64, 48, FALSE, 0x336699ff);
  g_autoptr(GBytes) right_mask = easel_test_png (64, 48, TRUE, 0x00000000);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      EaselTestGateway gateway;
      g_autoptr(EaselProfile) profile = NULL;
      g_autoptr(EaselRequest) request = request_new ("mask");
      g_autoptr(EaselReference) reference = easel_reference_new_for_bytes (image, "image/png",
                                                                           "photo.png");
      g_autoptr(EaselReference) mask = easel_reference_new_for_bytes (cases[i].mask, "image/png",
                                                                      "mask.png");
      g_autoptr(EaselJob) job = NULL;

      gateway_init (&gateway);
      profile = easel_test_gateway_profile (&gateway, "openai");
      easel_request_add_reference (request, reference);
      easel_request_set_mask (request, mask);
      job = run_failing (&gateway, profile, request);
      expect (cases[i].limit, easel_job_get_error (job), EASEL_ERROR_INVALID_REQUEST,
              cases[i].phrase);
      /* Refused before the upload. */
      g_assert_cmpuint (count_submits (&gateway), ==, 0);

      g_clear_object (&job);
      easel_test_gateway_clear (&gateway);
      g_bytes_unref (cases[i].mask);
    }

  /* The right size goes through, and the gateway agrees. */
  {
    EaselTestGateway gateway;
    g_autoptr(EaselProfile) profile = NULL;
    g_autoptr(EaselRequest) request = request_new ("mask");
    g_autoptr(EaselReference) reference = easel_reference_new_for_bytes (image, "image/png",
                                                                         "photo.png");
    g_autoptr(EaselReference) mask = easel_reference_new_for_bytes (right_mask, "image/png",
                                                                    "mask.png");
    g_autoptr(EaselJob) job = NULL;

    gateway_init (&gateway);
    profile = easel_test_gateway_profile (&gateway, "openai");
    easel_request_add_reference (request, reference);
    easel_request_set_mask (request, mask);
    job = easel_test_gateway_run (&gateway, profile, request);
    g_assert_no_error ((GError *) easel_job_get_error (job));
    g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_STORED);
    g_assert_cmpuint (count_submits (&gateway), ==, 1);
    g_assert_null (easel_mock_server_get_last_rejection (gateway.mock));

    g_clear_object (&job);
    easel_test_gateway_clear (&gateway);
  }
}

static void
test_not_an_image (void)
{
  EaselTestGateway gateway;
  g_autoptr(EaselProfile) profile = NULL;
  g_autoptr(EaselRequest) request = request_new ("notes");
  g_autoptr(GBytes) text = g_bytes_new_static ("just some text, not an image\n", 29);
  g_autofree char *path = easel_test_write_temp (text, "notes.png");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(EaselReference) reference = easel_reference_new_for_path (path);
  g_autoptr(EaselJob) job = NULL;

  gateway_init (&gateway);
  profile = easel_test_gateway_profile (&gateway, "openai");
  easel_request_add_reference (request, reference);
  job = run_failing (&gateway, profile, request);
  expect ("a non-image file as a reference (the tray: test-reference-tray /reference-tray/drop)",
          easel_job_get_error (job), EASEL_ERROR_INVALID_REQUEST,
          "notes.png” is not a PNG, JPEG or WebP image.");
  g_assert_cmpuint (count_submits (&gateway), ==, 0);

  g_clear_object (&job);
  easel_test_gateway_clear (&gateway);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_base_urls (void)
{
  struct { const char *limit; const char *url; const char *phrase; const char *secret; } cases[] = {
    { "a base URL with credentials", "https://alice:s3cr3t-pw@api.example.com/v1",
      "contains a user name or password", "s3cr3t-pw" },
    { "a base URL with a token as its user", "https://sk-live-token@api.example.com/v1",
      "contains a user name or password", "sk-live-token" },
    { "a base URL with an ftp:// scheme", "ftp://api.example.com/v1", "must start with https://",
      NULL },
    { "a base URL with a file:// scheme", "file:///etc/passwd", "must start with https://",
      NULL },
    { "a base URL with http:// to another computer", "http://api.example.com/v1",
      "would send the API key unencrypted", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("openai", "limits");
      g_autoptr(GError) error = NULL;
      g_autofree char *before = g_strdup (easel_profile_get_base_url (profile));

      g_assert_false (easel_profile_set_base_url (profile, cases[i].url, &error));
      expect (cases[i].limit, error, EASEL_ERROR_INVALID_REQUEST, cases[i].phrase);
      /* Refused means unchanged, and a secret in it is not repeated. */
      g_assert_cmpstr (easel_profile_get_base_url (profile), ==, before);
      if (cases[i].secret != NULL)
        g_assert_null (strstr (error->message, cases[i].secret));
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  lines = g_string_new (NULL);

  g_test_add_func ("/limits/gateway/decompression-bomb", test_bomb);
  g_test_add_func ("/limits/gateway/huge-body", test_huge_body);
  g_test_add_func ("/limits/gateway/deep-json", test_deep_json);
  g_test_add_func ("/limits/gateway/depth-rule", test_depth_rule);
  g_test_add_func ("/limits/input/long-prompt", test_long_prompt);
  g_test_add_func ("/limits/input/17-references", test_many_references);
  g_test_add_func ("/limits/input/mask-size", test_mask_size);
  g_test_add_func ("/limits/input/not-an-image", test_not_an_image);
  g_test_add_func ("/limits/input/base-urls", test_base_urls);

  status = g_test_run ();

  {
    const char *dir = g_getenv ("G_TEST_BUILDDIR");
    g_autofree char *path = g_build_filename (dir ? dir : ".", "limits.txt", NULL);

    g_file_set_contents (path, lines->str, -1, NULL);
  }
  g_string_free (lines, TRUE);

  return status;
}
