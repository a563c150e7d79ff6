/* test-cli-profiles.c: `easel-cli profiles`, and `generate --profile`
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs the real easel-cli with the keyfile GSettings backend in a private
 * XDG_CONFIG_HOME, so the session's own settings are never touched, and
 * with a sentinel key that must show up nowhere: not on stdout or stderr
 * (debug logs on), not in any file the CLI writes. The keys themselves go
 * to the keyring `build-aux/dev test` provides; without a session bus the
 * CLI must refuse to add a profile whose key it cannot keep. */

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>
#include <unistd.h>

#include "easel-mock-server.h"
#include "easel-test-files.h"
#include "easel-profile.h"
#include "easel-secrets.h"

#define KEY "sk-sentinel-cli-profiles-3b8e61"

typedef struct
{
  EaselMockServer *mock;
  char            *config_dir;
  char            *output_dir;
  char            *no_bus_address;    /* set when the run has no session bus */
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
  fixture->config_dir = g_dir_make_tmp ("easel-cli-config-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->output_dir = g_dir_make_tmp ("easel-cli-output-XXXXXX", &error);
  g_assert_no_error (error);
  /* A bus that is not there, rather than whatever GDBus would find or
   * autolaunch without an address. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    fixture->no_bus_address = g_strdup_printf ("unix:path=%s/no-bus", fixture->config_dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  easel_test_remove_tree (fixture->config_dir);
  easel_test_remove_tree (fixture->output_dir);
  g_free (fixture->config_dir);
  g_free (fixture->output_dir);
  g_free (fixture->no_bus_address);
  easel_test_process_clear (&fixture->run);
  g_clear_pointer (&fixture->mock, easel_mock_server_free);
}

/* Runs easel-cli to the end, the mock answering on this thread meanwhile. */
static void
run_cli (Fixture    *fixture,
         const char *first,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", fixture->config_dir, TRUE);
  /* generate's history, where the sentinel is looked for too. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", fixture->config_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "EASEL_TEST_KEY", KEY, TRUE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  if (fixture->no_bus_address != NULL)
    g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS",
                                  fixture->no_bus_address, TRUE);

  g_ptr_array_add (argv, (gpointer) g_getenv ("EASEL_CLI"));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  easel_test_process_start (&fixture->run, launcher, argv);
  easel_test_process_wait (&fixture->run);
  g_assert_null (strstr (fixture->run.out, KEY));
  g_assert_null (strstr (fixture->run.err, KEY));
}

/* Parses stdout as JSON lines into objects. */
static GPtrArray *
json_lines (Fixture *fixture)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_auto(GStrv) lines = g_strsplit (fixture->run.out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      JsonNode *node;

      if (*lines[i] == '\0')
        continue;
      node = json_from_string (lines[i], &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      g_ptr_array_add (objects, node);
    }

  return g_steal_pointer (&objects);
}

static JsonObject *
object_at (GPtrArray *objects,
           guint      i)
{
  return json_node_get_object (g_ptr_array_index (objects, i));
}

static void
test_presets (Fixture       *fixture,
              gconstpointer  data)
{
  const char * const *ids = easel_profile_preset_ids ();
  g_autoptr(GPtrArray) objects = NULL;

  run_cli (fixture, "profiles", "presets", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(EaselProfile) preset = easel_profile_new_from_preset (ids[i], "x");
      g_autofree char *line_start = g_strdup_printf ("\n%s ", ids[i]);

      g_assert_nonnull (strstr (fixture->run.out, line_start));
      g_assert_nonnull (strstr (fixture->run.out, easel_profile_get_base_url (preset)));
    }

  run_cli (fixture, "profiles", "presets", "--json", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  objects = json_lines (fixture);
  g_assert_cmpuint (objects->len, ==, g_strv_length ((char **) ids));
  for (guint i = 0; i < objects->len; i++)
    {
      g_autoptr(EaselProfile) preset = easel_profile_new_from_preset (ids[i], "x");
      const EaselProfileLimits *limits = easel_profile_get_limits (preset);
      JsonObject *object = object_at (objects, i);
      JsonObject *json_limits = json_object_get_object_member (object, "limits");

      g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, ids[i]);
      g_assert_cmpstr (json_object_get_string_member (object, "name"), ==,
                       easel_profile_get_name (preset));
      g_assert_cmpstr (json_object_get_string_member (object, "dialect"), ==,
                       easel_dialect_kind_to_string (easel_profile_get_dialect (preset)));
      g_assert_cmpstr (json_object_get_string_member (object, "base_url"), ==,
                       easel_profile_get_base_url (preset));
      g_assert_nonnull (json_limits);
      g_assert_cmpint (json_object_get_int_member (json_limits, "max_n"), ==, limits->max_n);
      g_assert_cmpint (json_object_get_int_member (json_limits, "max_references"), ==,
                       limits->max_references);
      g_assert_cmpint (json_object_get_boolean_member (json_limits, "supports_mask"), ==,
                       limits->supports_mask);
      g_assert_cmpstr (json_object_get_string_member (json_limits, "size_form"), ==,
                       limits->size_form == EASEL_SIZE_FORM_RATIO ? "ratio" : "pixels");
      g_assert_nonnull (json_object_get_array_member (json_limits, "resolutions"));
      g_assert_nonnull (json_object_get_array_member (json_limits, "reference_forms"));
    }
}

static void
assert_no_profiles (Fixture *fixture)
{
  run_cli (fixture, "profiles", "list", "--json", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_cmpstr (fixture->run.out, ==, "");
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  static const struct
  {
    int         status;
    const char *in_stderr;
    const char *argv[12];
  } cases[] = {
    { 1, "profiles list", { "profiles", NULL } },
    { 1, "frobnicate", { "profiles", "frobnicate", NULL } },
    { 1, "--id", { "profiles", "add", "--preset", "openai", "--api-key-env", "EASEL_TEST_KEY",
                   NULL } },
    { 1, "not both", { "profiles", "add", "--id", "x", "--preset", "openai", "--base-url",
                       "https://x.example", "--api-key-env", "EASEL_TEST_KEY", NULL } },
    { 1, "--base-url", { "profiles", "add", "--id", "x", "--dialect", "openai",
                         "--api-key-env", "EASEL_TEST_KEY", NULL } },
    { 1, "--api-key-env", { "profiles", "add", "--id", "x", "--preset", "openai", NULL } },
    { 1, "EASEL_UNSET_VARIABLE", { "profiles", "add", "--id", "x", "--preset", "openai",
                                   "--api-key-env", "EASEL_UNSET_VARIABLE", NULL } },
    { 1, "--bogus", { "profiles", "add", "--bogus", NULL } },
    { 2, "nowhere", { "profiles", "add", "--id", "x", "--preset", "nowhere",
                      "--api-key-env", "EASEL_TEST_KEY", NULL } },
    { 2, "klingon", { "profiles", "add", "--id", "x", "--dialect", "klingon", "--base-url",
                      "https://x.example", "--api-key-env", "EASEL_TEST_KEY", NULL } },
    { 2, "http://", { "profiles", "add", "--id", "x", "--dialect", "openai", "--base-url",
                      "http://x.example/v1", "--api-key-env", "EASEL_TEST_KEY", NULL } },
    { 2, "Not_Valid", { "profiles", "add", "--id", "Not_Valid", "--preset", "openai",
                        "--api-key-env", "EASEL_TEST_KEY", NULL } },
    { 2, "empty", { "profiles", "add", "--id", "x", "--preset", "openai", "--model", "",
                    "--api-key-env", "EASEL_TEST_KEY", NULL } },
    { 2, "nobody", { "profiles", "remove", "nobody", NULL } },
    { 2, "nobody", { "profiles", "default", "nobody", NULL } },
    { 1, "one profile id", { "profiles", "remove", NULL } },
    { 1, "one profile id", { "profiles", "default", "a", "b", NULL } },
    { 1, "no arguments", { "profiles", "list", "extra", NULL } },
    { 1, "not both", { "generate", "--profile", "x", "--preset", "openai", "prompt", NULL } },
    { 1, "no saved profile “nobody”", { "generate", "--profile", "nobody", "prompt", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char * const *a = cases[i].argv;

      run_cli (fixture, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10],
               a[11], NULL);
      g_assert_cmpint (fixture->run.status, ==, cases[i].status);
      g_assert_cmpstr (fixture->run.out, ==, "");
      if (strstr (fixture->run.err, cases[i].in_stderr) == NULL)
        g_error ("Case %u: “%s” not in: %s", i, cases[i].in_stderr, fixture->run.err);
    }

  /* Nothing refused left anything behind. */
  assert_no_profiles (fixture);
  easel_test_assert_tree_lacks (fixture->config_dir, KEY);

  run_cli (fixture, "profiles", "--help", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_nonnull (strstr (fixture->run.out, "easel-cli profiles add --id ID"));
}

static void
test_no_keyring (Fixture       *fixture,
                 gconstpointer  data)
{
  /* Without a Secret Service the key could only live as long as the
   * process: the profile is refused rather than saved without it. */
  run_cli (fixture, "profiles", "add", "--id", "work", "--preset", "openai",
           "--api-key-env", "EASEL_TEST_KEY", NULL);
  g_assert_cmpint (fixture->run.status, ==, 4);
  g_assert_nonnull (strstr (fixture->run.err, "keyring"));
  assert_no_profiles (fixture);
  easel_test_assert_tree_lacks (fixture->config_dir, KEY);
}

static JsonObject *
find_profile (GPtrArray  *objects,
              const char *id)
{
  for (guint i = 0; i < objects->len; i++)
    {
      if (g_strcmp0 (json_object_get_string_member (object_at (objects, i), "id"), id) == 0)
        return object_at (objects, i);
    }

  return NULL;
}

static void
test_lifecycle (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(EaselSecrets) secrets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id_work = g_strdup_printf ("work-%d", (int) getpid ());
  g_autofree char *id_mock = g_strdup_printf ("mock-%d", (int) getpid ());
  JsonObject *object;

  run_cli (fixture, "profiles", "add", "--id", id_work, "--preset", "apiyi",
           "--api-key-env", "EASEL_TEST_KEY", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_cmpstr (fixture->run.out, ==, "");

  run_cli (fixture, "profiles", "add", "--id", id_mock, "--dialect", "openai", "--base-url",
           easel_mock_server_get_base_url (fixture->mock, "openai"), "--model", "gpt-image-2",
           "--name", "Mock gateway", "--api-key-env", "EASEL_TEST_KEY", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);

  /* An id is never taken twice. */
  run_cli (fixture, "profiles", "add", "--id", id_work, "--preset", "openai",
           "--api-key-env", "EASEL_TEST_KEY", NULL);
  g_assert_cmpint (fixture->run.status, ==, 2);
  g_assert_nonnull (strstr (fixture->run.err, "already"));

  run_cli (fixture, "profiles", "list", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  g_assert_nonnull (strstr (fixture->run.out, id_work));
  g_assert_nonnull (strstr (fixture->run.out, "Mock gateway"));
  g_assert_nonnull (strstr (fixture->run.out, "\n*  "));

  run_cli (fixture, "profiles", "list", "--json", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  objects = json_lines (fixture);
  g_assert_cmpuint (objects->len, ==, 2);
  object = object_at (objects, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, id_work);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "APIYI");
  g_assert_cmpstr (json_object_get_string_member (object, "dialect"), ==, "openai");
  g_assert_cmpstr (json_object_get_string_member (object, "preset"), ==, "apiyi");
  g_assert_cmpstr (json_object_get_string_member (object, "base_url"), ==,
                   "https://api.apiyi.com/v1");
  g_assert_cmpstr (json_object_get_string_member (object, "model"), ==, "gpt-image-2");
  g_assert_true (json_object_get_boolean_member (object, "default"));
  g_assert_true (json_object_get_boolean_member (object, "key_stored"));
  g_assert_false (json_object_has_member (object, "key"));
  object = object_at (objects, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, id_mock);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "preset")));
  g_assert_false (json_object_get_boolean_member (object, "default"));
  g_clear_pointer (&objects, g_ptr_array_unref);

  run_cli (fixture, "profiles", "default", id_mock, NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  run_cli (fixture, "profiles", "list", "--json", NULL);
  objects = json_lines (fixture);
  g_assert_true (json_object_get_boolean_member (find_profile (objects, id_mock), "default"));
  g_assert_false (json_object_get_boolean_member (find_profile (objects, id_work), "default"));
  g_clear_pointer (&objects, g_ptr_array_unref);

  /* generate --profile takes the key from the keyring; --model is for
   * this run only. */
  run_cli (fixture, "generate", "--profile", id_mock, "--model", "gpt-image-2-once", "--json",
           "-o", fixture->output_dir, "a lighthouse", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  objects = json_lines (fixture);
  g_assert_cmpuint (objects->len, ==, 1);
  g_clear_pointer (&objects, g_ptr_array_unref);
  g_assert_cmpuint (easel_mock_server_count_key_leaks (fixture->mock), ==, 0);
  run_cli (fixture, "profiles", "list", "--json", NULL);
  objects = json_lines (fixture);
  g_assert_cmpstr (json_object_get_string_member (find_profile (objects, id_mock), "model"), ==,
                   "gpt-image-2");
  g_clear_pointer (&objects, g_ptr_array_unref);

  /* Without its key, a profile is a clear error naming it, unless
   * --api-key-env gives one. */
  secrets = easel_secrets_new ();
  g_assert_true (easel_secrets_clear_sync (secrets, id_mock, NULL, &error));
  g_assert_no_error (error);
  run_cli (fixture, "generate", "--profile", id_mock, "-o", fixture->output_dir, "x", NULL);
  g_assert_cmpint (fixture->run.status, ==, 1);
  g_assert_nonnull (strstr (fixture->run.err, id_mock));
  g_assert_nonnull (strstr (fixture->run.err, "--api-key-env"));
  run_cli (fixture, "generate", "--profile", id_mock, "--api-key-env", "EASEL_TEST_KEY",
           "-o", fixture->output_dir, "x", NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  run_cli (fixture, "profiles", "list", "--json", NULL);
  objects = json_lines (fixture);
  g_assert_false (json_object_get_boolean_member (find_profile (objects, id_mock),
                                                  "key_stored"));
  g_clear_pointer (&objects, g_ptr_array_unref);

  /* Removing takes the key out of the keyring too. */
  run_cli (fixture, "profiles", "remove", id_work, NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  {
    g_autofree char *key = easel_secrets_lookup_sync (secrets, id_work, NULL, &error);

    g_assert_no_error (error);
    g_assert_null (key);
  }
  run_cli (fixture, "profiles", "remove", id_mock, NULL);
  g_assert_cmpint (fixture->run.status, ==, 0);
  assert_no_profiles (fixture);

  easel_test_assert_tree_lacks (fixture->config_dir, KEY);
  easel_test_assert_tree_lacks (fixture->output_dir, KEY);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-profiles/presets", test_presets);
  ADD ("/cli-profiles/refusals", test_refusals);
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    ADD ("/cli-profiles/lifecycle", test_lifecycle);
  else
    ADD ("/cli-profiles/no-keyring", test_no_keyring);
#undef ADD

  status = g_test_run ();
  secret_service_disconnect ();

  return status;
}
