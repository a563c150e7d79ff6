/* test-profile.c: gateway profiles, their presets and base URL rules
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "easel-error.h"
#include "easel-profile.h"
#include "easel-size.h"

#define RES(r) (1u << (r))

/* One row of DESIGN.md §4.5's table. */
typedef struct
{
  const char       *preset;
  const char       *name;
  EaselDialectKind  dialect;
  const char       *base_url;
  const char       *host;
  const char       *model;
  guint             max_n;
  guint             max_references;
  guint             reference_forms;
  gboolean          mask;
  EaselSizeForm     size_form;
  guint             resolutions;
  gboolean          streaming;
  gboolean          supports_async;
  gboolean          always_async;
  gboolean          quality_ignored;
  guint             poll_interval_ms;
} PresetRow;

static const PresetRow rows[] = {
  { "openai", "OpenAI", EASEL_DIALECT_OPENAI, "https://api.openai.com/v1", "api.openai.com",
    "gpt-image-2", 10, 16, EASEL_REFERENCE_FORM_FILES, TRUE, EASEL_SIZE_FORM_PIXELS, 0,
    TRUE, FALSE, FALSE, FALSE, 0 },
  { "apiyi", "APIYI", EASEL_DIALECT_OPENAI, "https://api.apiyi.com/v1", "api.apiyi.com",
    "gpt-image-2", 1, 16, EASEL_REFERENCE_FORM_FILES, TRUE, EASEL_SIZE_FORM_PIXELS, 0,
    FALSE, FALSE, FALSE, FALSE, 0 },
  { "yycode", "YYCode", EASEL_DIALECT_YYCODE, "https://gpt.yycode.net", "gpt.yycode.net",
    "gpt-image-2", 10, 16, EASEL_REFERENCE_FORM_FILES, TRUE, EASEL_SIZE_FORM_PIXELS, 0,
    FALSE, FALSE, TRUE, FALSE, 6000 },
  { "icodeeasy", "icodeeasy", EASEL_DIALECT_ICODEEASY, "https://jp.icodeeasy.cc/v1",
    "jp.icodeeasy.cc", "gpt-image-2", 10, 16,
    EASEL_REFERENCE_FORM_FILES | EASEL_REFERENCE_FORM_URLS | EASEL_REFERENCE_FORM_DATA, FALSE,
    EASEL_SIZE_FORM_RATIO, RES (EASEL_RESOLUTION_1K) | RES (EASEL_RESOLUTION_2K),
    FALSE, TRUE, FALSE, FALSE, 3000 },
  { "aizfw", "aizfw gpt-image-2", EASEL_DIALECT_AIZFW,
    "https://zcbservice.aizfw.cn/kyyReactApiServer", "zcbservice.aizfw.cn", "gpt-image-2",
    1, 6, EASEL_REFERENCE_FORM_URLS, FALSE, EASEL_SIZE_FORM_RATIO,
    RES (EASEL_RESOLUTION_1K) | RES (EASEL_RESOLUTION_2K) | RES (EASEL_RESOLUTION_4K),
    FALSE, FALSE, TRUE, FALSE, 3000 },
  { "aizfw-r", "aizfw gpt-image-2-r", EASEL_DIALECT_AIZFW,
    "https://zcbservice.aizfw.cn/kyyReactApiServer", "zcbservice.aizfw.cn", "gpt-image-2-r",
    1, 16, EASEL_REFERENCE_FORM_URLS, FALSE, EASEL_SIZE_FORM_RATIO, RES (EASEL_RESOLUTION_1K),
    FALSE, FALSE, TRUE, TRUE, 3000 },
};

static void
test_preset_ids (void)
{
  const char * const *ids = easel_profile_preset_ids ();
  static const char *const expected[] = {
    "openai", "apiyi", "yycode", "icodeeasy", "aizfw", "aizfw-r", NULL
  };

  g_assert_cmpstrv (ids, expected);
  g_assert_null (easel_profile_new_from_preset ("nonesuch", "x"));
  g_assert_null (easel_profile_preset_name ("nonesuch"));
}

static void
test_preset (gconstpointer data)
{
  const PresetRow *row = data;
  g_autoptr(EaselProfile) profile = easel_profile_new_from_preset (row->preset, "mine");
  const EaselProfileLimits *limits;

  g_assert_nonnull (profile);
  limits = easel_profile_get_limits (profile);

  g_assert_cmpstr (easel_profile_get_id (profile), ==, "mine");
  g_assert_cmpstr (easel_profile_get_name (profile), ==, row->name);
  g_assert_cmpstr (easel_profile_preset_name (row->preset), ==, row->name);
  g_assert_cmpint (easel_profile_get_dialect (profile), ==, row->dialect);
  g_assert_cmpstr (easel_profile_get_base_url (profile), ==, row->base_url);
  g_assert_cmpstr (easel_profile_get_host (profile), ==, row->host);
  g_assert_cmpstr (easel_profile_get_model (profile), ==, row->model);

  g_assert_cmpuint (limits->max_n, ==, row->max_n);
  g_assert_cmpuint (limits->max_references, ==, row->max_references);
  g_assert_cmpuint (limits->max_prompt_chars, ==, 32000);
  g_assert_cmpuint (limits->reference_forms, ==, row->reference_forms);
  g_assert_cmpint (limits->supports_mask, ==, row->mask);
  g_assert_cmpint (limits->size_form, ==, row->size_form);
  g_assert_cmpuint (limits->resolutions, ==, row->resolutions);
  g_assert_cmpint (limits->supports_streaming, ==, row->streaming);
  g_assert_cmpint (limits->supports_async, ==, row->supports_async);
  g_assert_cmpint (limits->always_async, ==, row->always_async);
  g_assert_cmpint (limits->quality_ignored, ==, row->quality_ignored);
  g_assert_cmpuint (limits->poll_interval_ms, ==, row->poll_interval_ms);
  g_assert_cmpuint (limits->max_references, <=, 16);

  g_assert_finalize_object (g_steal_pointer (&profile));
}

static void
test_preset_pricing (void)
{
  static const char *const unpriced[] = { "yycode", "aizfw", "aizfw-r", NULL };
  static const char *const usd[] = { "openai", "apiyi", NULL };

  for (guint i = 0; usd[i] != NULL; i++)
    {
      g_autoptr(EaselProfile) profile = easel_profile_new_from_preset (usd[i], "p");
      const EaselProfilePricing *pricing = easel_profile_get_pricing (profile);

      g_assert_cmpstr (pricing->currency, ==, "USD");
      g_assert_cmpfloat (pricing->square[EASEL_QUALITY_LOW], ==, 0.006);
      g_assert_cmpfloat (pricing->square[EASEL_QUALITY_MEDIUM], ==, 0.053);
      g_assert_cmpfloat (pricing->square[EASEL_QUALITY_HIGH], ==, 0.211);
      g_assert_cmpfloat (pricing->other[EASEL_QUALITY_LOW], ==, 0.005);
      g_assert_cmpfloat (pricing->other[EASEL_QUALITY_MEDIUM], ==, 0.041);
      g_assert_cmpfloat (pricing->other[EASEL_QUALITY_HIGH], ==, 0.165);
      g_assert_true (pricing->tokens_are_actual);
    }

  {
    g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("icodeeasy", "p");
    const EaselProfilePricing *pricing = easel_profile_get_pricing (profile);

    g_assert_cmpstr (pricing->currency, ==, "CNY");
    g_assert_cmpfloat (pricing->square[EASEL_QUALITY_LOW], ==, 0.10);
    g_assert_cmpfloat (pricing->square[EASEL_QUALITY_MEDIUM], ==, 0.20);
    g_assert_cmpfloat (pricing->square[EASEL_QUALITY_HIGH], ==, 0.40);
    g_assert_cmpfloat (pricing->other[EASEL_QUALITY_HIGH], ==, 0.40);
    g_assert_false (pricing->tokens_are_actual);
  }

  for (guint i = 0; unpriced[i] != NULL; i++)
    {
      g_autoptr(EaselProfile) profile = easel_profile_new_from_preset (unpriced[i], "p");
      const EaselProfilePricing *pricing = easel_profile_get_pricing (profile);

      for (guint q = 0; q < 4; q++)
        {
          g_assert_cmpfloat (pricing->square[q], ==, 0);
          g_assert_cmpfloat (pricing->other[q], ==, 0);
        }
    }
}

static void
assert_base_url_refused (const char *url,
                         const char *must_not_contain)
{
  g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("openai", "p");
  g_autoptr(GError) error = NULL;

  g_assert_false (easel_base_url_check (url, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  if (must_not_contain != NULL)
    g_assert_null (strstr (error->message, must_not_contain));
  g_clear_error (&error);

  /* The profile keeps its URL when the new one is refused. */
  g_assert_false (easel_profile_set_base_url (profile, url, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (easel_profile_get_base_url (profile), ==, "https://api.openai.com/v1");
  g_assert_cmpstr (easel_profile_get_host (profile), ==, "api.openai.com");
}

static void
assert_base_url (const char *url,
                 const char *stored,
                 const char *host)
{
  g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("openai", "p");
  g_autoptr(GError) error = NULL;

  g_assert_true (easel_base_url_check (url, &error));
  g_assert_no_error (error);
  g_assert_true (easel_profile_set_base_url (profile, url, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (easel_profile_get_base_url (profile), ==, stored);
  g_assert_cmpstr (easel_profile_get_host (profile), ==, host);
}

static void
test_base_url_https (void)
{
  assert_base_url ("https://api.example.com/v1", "https://api.example.com/v1",
                   "api.example.com");
  assert_base_url ("https://gateway.example.com", "https://gateway.example.com",
                   "gateway.example.com");
}

static void
test_base_url_trailing_slash (void)
{
  assert_base_url ("https://api.example.com/v1/", "https://api.example.com/v1",
                   "api.example.com");
  assert_base_url ("https://api.example.com/v1///", "https://api.example.com/v1",
                   "api.example.com");
  assert_base_url ("https://api.example.com/", "https://api.example.com", "api.example.com");
}

static void
test_base_url_port (void)
{
  assert_base_url ("https://api.example.com:8443/v1", "https://api.example.com:8443/v1",
                   "api.example.com:8443");
  assert_base_url ("http://127.0.0.1:40123/v1/", "http://127.0.0.1:40123/v1",
                   "127.0.0.1:40123");
  assert_base_url ("http://localhost:8080", "http://localhost:8080", "localhost:8080");
}

static void
test_base_url_loopback_http (void)
{
  assert_base_url ("http://127.0.0.1/v1", "http://127.0.0.1/v1", "127.0.0.1");
  assert_base_url ("http://localhost/v1", "http://localhost/v1", "localhost");
  assert_base_url ("http://LOCALHOST/v1", "http://LOCALHOST/v1", "LOCALHOST");
  assert_base_url ("http://[::1]/v1", "http://[::1]/v1", "::1");

  /* http to anything else would send the key in clear. */
  assert_base_url_refused ("http://api.openai.com/v1", NULL);
  assert_base_url_refused ("http://192.168.1.10:8080/v1", NULL);
  assert_base_url_refused ("http://localhost.example.com/v1", NULL);
  assert_base_url_refused ("http://127.0.0.1.example.com/v1", NULL);

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (easel_base_url_check ("http://api.openai.com/v1", &error));
    g_assert_cmpstr (error->message, ==,
                     "The base URL “http://api.openai.com/v1” uses http://, which would send "
                     "the API key unencrypted. Use https:// (http:// is allowed only for this "
                     "computer, such as 127.0.0.1).");
  }
}

static void
test_base_url_credentials (void)
{
  g_autoptr(GError) error = NULL;

  assert_base_url_refused ("https://alice:s3cr3t-pw@api.example.com/v1", "s3cr3t-pw");
  assert_base_url_refused ("https://alice:s3cr3t-pw@api.example.com/v1", "alice");
  assert_base_url_refused ("https://sk-live-token@api.example.com/v1", "sk-live-token");
  assert_base_url_refused ("http://user:hunter2@127.0.0.1/v1", "hunter2");

  g_assert_false (easel_base_url_check ("https://alice:s3cr3t-pw@api.example.com/v1", &error));
  g_assert_cmpstr (error->message, ==,
                   "The base URL contains a user name or password. Remove it: the API key "
                   "belongs in the key field, where it is kept in the keyring.");
}

static void
test_base_url_schemes (void)
{
  g_autoptr(GError) error = NULL;

  assert_base_url_refused ("ftp://api.example.com/v1", NULL);
  assert_base_url_refused ("file:///etc/passwd", NULL);
  assert_base_url_refused ("api.example.com/v1", NULL);
  assert_base_url_refused ("", NULL);
  assert_base_url_refused ("https://", NULL);
  assert_base_url_refused ("https://api.example.com/v1?key=1", NULL);
  assert_base_url_refused ("https://api.example.com/v1#top", NULL);

  g_assert_false (easel_base_url_check ("ftp://api.example.com/v1", &error));
  g_assert_cmpstr (error->message, ==, "The base URL “ftp://api.example.com/v1” must start with "
                                       "https://.");
}

static void
test_custom (void)
{
  g_autoptr(EaselProfile) profile = easel_profile_new ("custom", EASEL_DIALECT_ICODEEASY,
                                                       "https://gw.example.com/v1/");
  EaselProfileLimits limits;
  EaselProfilePricing pricing = { "EUR", { 0, 0.1, 0.2, 0.3 }, { 0, 0.1, 0.2, 0.3 }, FALSE };
  EaselDialectKind kind;
  EaselQuality quality;

  g_assert_cmpstr (easel_profile_get_name (profile), ==, "custom");
  g_assert_cmpstr (easel_profile_get_base_url (profile), ==, "https://gw.example.com/v1");
  g_assert_cmpstr (easel_profile_get_model (profile), ==, "gpt-image-2");
  /* A custom profile gets its dialect's limits and no prices. */
  g_assert_cmpint (easel_profile_get_limits (profile)->size_form, ==, EASEL_SIZE_FORM_RATIO);
  g_assert_cmpfloat (easel_profile_get_pricing (profile)->square[EASEL_QUALITY_HIGH], ==, 0);
  g_assert_cmpstr (easel_profile_get_pricing (profile)->currency, ==, "");

  limits = *easel_profile_get_limits (profile);
  limits.max_n = 2;
  easel_profile_set_limits (profile, &limits);
  g_assert_cmpuint (easel_profile_get_limits (profile)->max_n, ==, 2);

  easel_profile_set_pricing (profile, &pricing);
  g_assert_cmpstr (easel_profile_get_pricing (profile)->currency, ==, "EUR");
  g_assert_cmpfloat (easel_profile_get_pricing (profile)->other[EASEL_QUALITY_HIGH], ==, 0.3);

  easel_profile_set_name (profile, "My gateway");
  g_assert_cmpstr (easel_profile_get_name (profile), ==, "My gateway");
  easel_profile_set_model (profile, "gpt-image-1.5");
  g_assert_cmpstr (easel_profile_get_model (profile), ==, "gpt-image-1.5");

  for (EaselDialectKind k = EASEL_DIALECT_OPENAI; k <= EASEL_DIALECT_AIZFW; k++)
    {
      g_assert_true (easel_dialect_kind_from_string (easel_dialect_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
    }
  g_assert_cmpstr (easel_dialect_kind_to_string (EASEL_DIALECT_YYCODE), ==, "yycode");
  g_assert_false (easel_dialect_kind_from_string ("dalle", &kind));

  for (EaselQuality q = EASEL_QUALITY_AUTO; q <= EASEL_QUALITY_HIGH; q++)
    {
      g_assert_true (easel_quality_from_string (easel_quality_to_string (q), &quality));
      g_assert_cmpint (quality, ==, q);
    }
  g_assert_cmpstr (easel_quality_to_string (EASEL_QUALITY_MEDIUM), ==, "medium");
  g_assert_false (easel_quality_from_string ("hd", &quality));

  g_assert_finalize_object (g_steal_pointer (&profile));
}

static void
count (guint *counter)
{
  (*counter)++;
}

static void
test_changes_announced (void)
{
  g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("openai", "p1");
  EaselProfileLimits limits = *easel_profile_get_limits (profile);
  guint changes = 0, name_notifies = 0, concurrency_notifies = 0;
  g_autofree char *name = NULL;

  g_assert_cmpstr (easel_profile_get_preset_id (profile), ==, "openai");
  g_assert_cmpuint (easel_profile_get_concurrency (profile), ==, 2);
  g_signal_connect_swapped (profile, "changed", G_CALLBACK (count), &changes);
  g_signal_connect_swapped (profile, "notify::name", G_CALLBACK (count), &name_notifies);
  g_signal_connect_swapped (profile, "notify::concurrency", G_CALLBACK (count),
                            &concurrency_notifies);

  g_object_set (profile, "name", "Studio key", NULL);
  g_object_get (profile, "name", &name, NULL);
  g_assert_cmpstr (name, ==, "Studio key");
  g_assert_cmpuint (name_notifies, ==, 1);
  g_assert_cmpuint (changes, ==, 1);

  /* The same value again changes nothing. */
  easel_profile_set_name (profile, "Studio key");
  g_assert_cmpuint (changes, ==, 1);

  easel_profile_set_concurrency (profile, 4);
  g_assert_cmpuint (concurrency_notifies, ==, 1);
  limits.max_n = 4;
  easel_profile_set_limits (profile, &limits);
  g_assert_true (easel_profile_set_base_url (profile, "https://gateway.example/v1", NULL));
  g_assert_cmpuint (changes, ==, 4);

  /* A custom profile has no preset. */
  {
    g_autoptr(EaselProfile) custom = easel_profile_new ("c1", EASEL_DIALECT_YYCODE,
                                                        "https://gpt.yycode.net");
    g_assert_null (easel_profile_get_preset_id (custom));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/profile/preset-ids", test_preset_ids);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *path = g_strdup_printf ("/profile/preset/%s", rows[i].preset);

      g_test_add_data_func (path, &rows[i], test_preset);
    }
  g_test_add_func ("/profile/preset-pricing", test_preset_pricing);
  g_test_add_func ("/profile/base-url/https", test_base_url_https);
  g_test_add_func ("/profile/base-url/trailing-slash", test_base_url_trailing_slash);
  g_test_add_func ("/profile/base-url/port", test_base_url_port);
  g_test_add_func ("/profile/base-url/loopback-http", test_base_url_loopback_http);
  g_test_add_func ("/profile/base-url/credentials", test_base_url_credentials);
  g_test_add_func ("/profile/base-url/schemes", test_base_url_schemes);
  g_test_add_func ("/profile/custom", test_custom);
  g_test_add_func ("/profile/changes-announced", test_changes_announced);

  return g_test_run ();
}
