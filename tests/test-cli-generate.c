/* test-cli-generate.c: `easel-cli generate` against the mock gateway, for
 * every dialect: images on disk, --json lines, exit statuses, and a
 * sentinel key that never shows up anywhere it should not
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "easel-mock-server.h"
#include "easel-test-files.h"

#define KEY "sk-sentinel-9c1e44b7a0d2"

typedef struct
{
  EaselMockServer *mock;
  char            *output_dir;
  EaselTestProcess run;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->mock = easel_mock_server_new (&error);
  g_assert_no_error (error);
  easel_mock_server_set_api_key (fixture->mock, KEY);
  fixture->output_dir = g_dir_make_tmp ("easel-cli-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  easel_test_remove_tree (fixture->output_dir);
  g_free (fixture->output_dir);
  easel_test_process_clear (&fixture->run);
  g_clear_pointer (&fixture->mock, easel_mock_server_free);
}

/* Starts easel-cli with the key in the environment, never in argv; the
 * mock keeps answering on this thread's main loop meanwhile. */
static void
start_cli (Fixture     *fixture,
           const char  *first,
           ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_subprocess_launcher_setenv (launcher, "EASEL_TEST_KEY", KEY, TRUE);
  /* The history it records goes under the output folder, where the
   * sentinel is looked for too. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", fixture->output_dir, TRUE);
  /* Debug logs on: they must not hold the key either. */
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);

  g_ptr_array_add (argv, (gpointer) g_getenv ("EASEL_CLI"));
  g_ptr_array_add (argv, (gpointer) "generate");
  /* The mock's jobs need not be waited for at the gateways' real pace. */
  g_ptr_array_add (argv, (gpointer) "--poll-interval-ms=50");
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  easel_test_process_start (&fixture->run, launcher, argv);
}

static void
wait_cli (Fixture *fixture)
{
  easel_test_process_wait (&fixture->run);
  /* The key is in no output, debug logs included. */
  g_assert_null (strstr (fixture->run.out, KEY));
  g_assert_null (strstr (fixture->run.err, KEY));
}

static const char *
base (Fixture    *fixture,
      const char *dialect)
{
  return easel_mock_server_get_base_url (fixture->mock, dialect);
}

static void
check_json_lines (Fixture *fixture,
                  guint    expected)
{
  g_auto(GStrv) lines = g_strsplit (g_strstrip (fixture->run.out), "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, expected);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(JsonNode) node = json_from_string (lines[i], NULL);
      JsonObject *object;
      g_autoptr(GdkPixbuf) pixbuf = NULL;

      g_assert_nonnull (node);
      object = json_node_get_object (node);
      g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "path"),
                                       fixture->output_dir));
      pixbuf = gdk_pixbuf_new_from_file (json_object_get_string_member (object, "path"), NULL);
      g_assert_nonnull (pixbuf);
      g_assert_cmpstr (json_object_get_string_member (object, "mime"), ==, "image/png");
      g_assert_cmpint (json_object_get_int_member (object, "width"), ==,
                       gdk_pixbuf_get_width (pixbuf));
      g_assert_cmpint (json_object_get_int_member (object, "height"), ==,
                       gdk_pixbuf_get_height (pixbuf));
      g_assert_true (json_object_has_member (object, "usage"));
      g_assert_true (json_object_has_member (object, "cost"));
      g_assert_cmpfloat (json_object_get_double_member (object, "seconds"), >=, 0);
    }
}

static void
test_openai (Fixture       *fixture,
             gconstpointer  data)
{
  JsonObject *usage;
  g_autoptr(JsonNode) node = NULL;
  g_auto(GStrv) lines = NULL;

  start_cli (fixture, "--preset", "openai", "--base-url", base (fixture, "openai"),
             "--api-key-env", "EASEL_TEST_KEY", "--size", "1536x1024", "--quality", "medium",
             "-n", "2", "-o", fixture->output_dir, "--json", "a lighthouse at dusk", NULL);
  wait_cli (fixture);

  g_assert_cmpint (fixture->run.status, ==, 0);
  check_json_lines (fixture, 2);
  lines = g_strsplit (fixture->run.out, "\n", 2);
  node = json_from_string (lines[0], NULL);
  g_assert_nonnull (node);
  usage = json_object_get_object_member (json_node_get_object (node), "usage");
  g_assert_cmpint (json_object_get_int_member (usage, "total_tokens"), >, 0);
  g_assert_nonnull (strstr (fixture->run.err, "Estimated cost: $0.082"));
}

static void
test_openai_stream_plain (Fixture       *fixture,
                          gconstpointer  data)
{
  start_cli (fixture, "--dialect", "openai", "--base-url", base (fixture, "openai"),
             "--api-key-env", "EASEL_TEST_KEY", "--stream", "-o", fixture->output_dir,
             "a fox", NULL);
  wait_cli (fixture);

  g_assert_cmpint (fixture->run.status, ==, 0);
  /* Without --json: one path a line. */
  g_assert_true (g_str_has_prefix (fixture->run.out, fixture->output_dir));
  g_assert_nonnull (strstr (fixture->run.err, "partial image"));
}

static void
test_icodeeasy_async (Fixture       *fixture,
                      gconstpointer  data)
{
  start_cli (fixture, "--preset", "icodeeasy", "--base-url", base (fixture, "icodeeasy"),
             "--api-key-env", "EASEL_TEST_KEY", "--size", "16:9", "--resolution", "2k",
             "--async", "-o", fixture->output_dir, "--json", "a corgi astronaut", NULL);
  wait_cli (fixture);

  g_assert_cmpint (fixture->run.status, ==, 0);
  check_json_lines (fixture, 1);
  g_assert_cmpuint (easel_mock_server_count (fixture->mock, "icodeeasy", EASEL_MOCK_STAGE_POLL),
                    >=, 1);
}

static void
test_yycode_with_reference (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 256, 256);
  g_autofree char *reference = g_build_filename (fixture->output_dir, "reference.png", NULL);

  gdk_pixbuf_fill (pixbuf, 0x26a269ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, reference, "png", NULL, NULL));

  start_cli (fixture, "--preset", "yycode", "--base-url", base (fixture, "yycode"),
             "--api-key-env", "EASEL_TEST_KEY", "--image", reference, "-o", fixture->output_dir,
             "--json", "turn this into watercolor", NULL);
  wait_cli (fixture);

  g_assert_cmpint (fixture->run.status, ==, 0);
  check_json_lines (fixture, 1);
}

static void
test_aizfw (Fixture       *fixture,
            gconstpointer  data)
{
  start_cli (fixture, "--preset", "aizfw-r", "--base-url", base (fixture, "aizfw"),
             "--api-key-env", "EASEL_TEST_KEY", "--size", "9:16",
             "--image", "https://images.example/ref.jpg", "-o", fixture->output_dir,
             "--json", "a serene mountain lake", NULL);
  wait_cli (fixture);

  g_assert_cmpint (fixture->run.status, ==, 0);
  check_json_lines (fixture, 1);
}

static void
test_exit_invalid (Fixture       *fixture,
                   gconstpointer  data)
{
  start_cli (fixture, "--preset", "openai", "--base-url", base (fixture, "openai"),
             "--api-key-env", "EASEL_TEST_KEY", "--size", "1000x1000", "-o",
             fixture->output_dir, "too wide", NULL);
  wait_cli (fixture);

  g_assert_cmpint (fixture->run.status, ==, 2);
  g_assert_nonnull (strstr (fixture->run.err, "1000"));
  g_assert_cmpuint (easel_mock_server_get_requests (fixture->mock)->len, ==, 0);
}

static void
test_exit_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  easel_mock_server_set_fault (fixture->mock, EASEL_MOCK_STAGE_SUBMIT, EASEL_MOCK_FAULT_AUTH,
                               0, NULL);
  start_cli (fixture, "--preset", "openai", "--base-url", base (fixture, "openai"),
             "--api-key-env", "EASEL_TEST_KEY", "-o", fixture->output_dir, "refused", NULL);
  wait_cli (fixture);
  g_assert_cmpint (fixture->run.status, ==, 3);
  g_assert_nonnull (strstr (fixture->run.err, "401"));

  easel_mock_server_clear_faults (fixture->mock);
  easel_mock_server_set_fault (fixture->mock, EASEL_MOCK_STAGE_POLL,
                               EASEL_MOCK_FAULT_JOB_FAILURE, 0, NULL);
  start_cli (fixture, "--preset", "yycode", "--base-url", base (fixture, "yycode"),
             "--api-key-env", "EASEL_TEST_KEY", "-o", fixture->output_dir, "failing job", NULL);
  wait_cli (fixture);
  g_assert_cmpint (fixture->run.status, ==, 3);
}

static void
test_exit_failed (Fixture       *fixture,
                  gconstpointer  data)
{
  easel_mock_server_set_fault (fixture->mock, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_SERVER_ERROR, 0, NULL);
  start_cli (fixture, "--preset", "icodeeasy", "--base-url", base (fixture, "icodeeasy"),
             "--api-key-env", "EASEL_TEST_KEY", "-o", fixture->output_dir, "server down", NULL);
  wait_cli (fixture);

  g_assert_cmpint (fixture->run.status, ==, 4);
  /* The retries were shown as they happened. */
  g_assert_nonnull (strstr (fixture->run.err, "attempt 2 of 3"));
  g_assert_nonnull (strstr (fixture->run.err, "attempt 3 of 3"));
}

static gboolean
interrupt (gpointer user_data)
{
  Fixture *fixture = user_data;

  g_subprocess_send_signal (fixture->run.process, SIGINT);
  return G_SOURCE_REMOVE;
}

static void
test_exit_cancelled (Fixture       *fixture,
                     gconstpointer  data)
{
  easel_mock_server_set_fault (fixture->mock, EASEL_MOCK_STAGE_SUBMIT, EASEL_MOCK_FAULT_STALL,
                               0, NULL);
  start_cli (fixture, "--preset", "openai", "--base-url", base (fixture, "openai"),
             "--api-key-env", "EASEL_TEST_KEY", "-o", fixture->output_dir, "interrupted", NULL);
  /* Once the request is in, press Ctrl+C. */
  while (easel_mock_server_get_requests (fixture->mock)->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_idle_add (interrupt, fixture);
  wait_cli (fixture);

  g_assert_cmpint (fixture->run.status, ==, 5);
  g_assert_nonnull (strstr (fixture->run.err, "cancelled"));
}

static void
test_exit_usage (Fixture       *fixture,
                 gconstpointer  data)
{
  start_cli (fixture, "--preset", "openai", "no key named", NULL);
  wait_cli (fixture);
  g_assert_cmpint (fixture->run.status, ==, 1);
  g_assert_nonnull (strstr (fixture->run.err, "--api-key-env"));

  start_cli (fixture, "--preset", "nowhere", "--api-key-env", "EASEL_TEST_KEY", "x", NULL);
  wait_cli (fixture);
  g_assert_cmpint (fixture->run.status, ==, 1);
  g_assert_nonnull (strstr (fixture->run.err, "nowhere"));

  start_cli (fixture, "--preset", "openai", "--api-key-env", "EASEL_UNSET_VARIABLE", "x", NULL);
  wait_cli (fixture);
  g_assert_cmpint (fixture->run.status, ==, 1);
  g_assert_nonnull (strstr (fixture->run.err, "EASEL_UNSET_VARIABLE"));

  start_cli (fixture, "--dialect", "openai", "--base-url", "http://gateway.example/v1",
             "--api-key-env", "EASEL_TEST_KEY", "x", NULL);
  wait_cli (fixture);
  g_assert_cmpint (fixture->run.status, ==, 1);
  g_assert_nonnull (strstr (fixture->run.err, "http://"));
  g_assert_cmpuint (easel_mock_server_get_requests (fixture->mock)->len, ==, 0);
}

static void
test_sentinel_nowhere (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *const presets[][2] = {
    { "openai", "openai" }, { "icodeeasy", "icodeeasy" }, { "yycode", "yycode" },
    { "aizfw", "aizfw" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      start_cli (fixture, "--preset", presets[i][0], "--base-url", base (fixture, presets[i][1]),
                 "--api-key-env", "EASEL_TEST_KEY", "-o", fixture->output_dir, "sentinel", NULL);
      wait_cli (fixture);
      g_assert_cmpint (fixture->run.status, ==, 0);
    }

  /* No file under HOME (the test session's own) or the output folder. */
  easel_test_assert_tree_lacks (g_get_home_dir (), KEY);
  easel_test_assert_tree_lacks (fixture->output_dir, KEY);

  /* And only the profile's host ever saw it. */
  {
    GPtrArray *all = easel_mock_server_get_requests (fixture->mock);

    for (guint i = 0; i < all->len; i++)
      {
        EaselMockRequest *request = g_ptr_array_index (all, i);
        SoupMessageHeadersIter iter;
        const char *name, *value;

        soup_message_headers_iter_init (&iter, request->headers);
        while (soup_message_headers_iter_next (&iter, &name, &value))
          {
            if (strstr (value, KEY) != NULL)
              g_assert_true (g_str_has_prefix (request->host, "127.0.0.1"));
          }
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
  ADD ("/cli-generate/openai-json", test_openai);
  ADD ("/cli-generate/openai-stream", test_openai_stream_plain);
  ADD ("/cli-generate/icodeeasy-async", test_icodeeasy_async);
  ADD ("/cli-generate/yycode-reference", test_yycode_with_reference);
  ADD ("/cli-generate/aizfw-r", test_aizfw);
  ADD ("/cli-generate/exit/invalid", test_exit_invalid);
  ADD ("/cli-generate/exit/refused", test_exit_refused);
  ADD ("/cli-generate/exit/failed", test_exit_failed);
  ADD ("/cli-generate/exit/cancelled", test_exit_cancelled);
  ADD ("/cli-generate/exit/usage", test_exit_usage);
  ADD ("/cli-generate/sentinel-key-nowhere", test_sentinel_nowhere);
#undef ADD

  return g_test_run ();
}
