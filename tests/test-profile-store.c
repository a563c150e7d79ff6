/* test-profile-store.c: the user's profiles, kept in GSettings
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <libsecret/secret.h>

#include "easel-error.h"
#include "easel-profile-store.h"
#include "easel-secrets.h"

#define SENTINEL "sk-sentinel-profile-store-5f0c2e"

typedef struct
{
  GSettingsBackend  *backend;
  GSettings         *gsettings;
  EaselProfileStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->backend = g_memory_settings_backend_new ();
  fixture->gsettings = g_settings_new_with_backend ("io.github.easelapp.Easel", fixture->backend);
  fixture->store = easel_profile_store_new (fixture->gsettings);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  g_assert_finalize_object (fixture->gsettings);
  g_assert_finalize_object (fixture->backend);
}

/* A second store on the same backend: what another window or a later run sees. */
static EaselProfileStore *
second_store (Fixture    *fixture,
              GSettings **gsettings)
{
  *gsettings = g_settings_new_with_backend ("io.github.easelapp.Easel", fixture->backend);
  return easel_profile_store_new (*gsettings);
}

static GSettings *
profile_settings (Fixture    *fixture,
                  const char *id)
{
  g_autoptr(GSettingsSchema) schema =
    g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                     "io.github.easelapp.Easel.Profile", TRUE);
  g_autofree char *path = g_strdup_printf ("/io/github/easelapp/Easel/profiles/%s/", id);

  return g_settings_new_full (schema, fixture->backend, path);
}

static char **
stored_ids (Fixture *fixture)
{
  return g_settings_get_strv (fixture->gsettings, "profiles");
}

static void
assert_ids (GListModel  *model,
            const char **expected)
{
  guint n = g_strv_length ((char **) expected);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EaselProfile) profile = g_list_model_get_item (model, i);

      g_assert_cmpstr (easel_profile_get_id (profile), ==, expected[i]);
    }
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  GListModel *profiles = easel_profile_store_get_profiles (fixture->store);

  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, 0);
  g_assert_true (g_list_model_get_item_type (profiles) == EASEL_TYPE_PROFILE);
  g_assert_null (easel_profile_store_get_default (fixture->store));
  g_assert_null (easel_profile_store_lookup (fixture->store, "openai"));
}

static void
test_add_presets (Fixture       *fixture,
                  gconstpointer  data)
{
  const char * const *presets = easel_profile_preset_ids ();
  GListModel *profiles = easel_profile_store_get_profiles (fixture->store);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  EaselProfile *profile;
  guint n;

  for (n = 0; presets[n] != NULL; n++)
    {
      g_autoptr(EaselProfile) reference = easel_profile_new_from_preset (presets[n], "x");

      profile = easel_profile_store_add_preset (fixture->store, presets[n], &error);
      g_assert_no_error (error);
      g_assert_nonnull (profile);
      /* The first of each preset is named after it. */
      g_assert_cmpstr (easel_profile_get_id (profile), ==, presets[n]);
      g_assert_cmpstr (easel_profile_get_preset_id (profile), ==, presets[n]);
      g_assert_cmpstr (easel_profile_get_name (profile), ==,
                       easel_profile_preset_name (presets[n]));
      g_assert_cmpstr (easel_profile_get_base_url (profile), ==,
                       easel_profile_get_base_url (reference));
      g_assert_cmpstr (easel_profile_get_model (profile), ==, easel_profile_get_model (reference));
      g_assert_cmpint (easel_profile_get_dialect (profile), ==,
                       easel_profile_get_dialect (reference));
      g_assert_true (easel_profile_store_lookup (fixture->store, presets[n]) == profile);
    }
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, n);
  assert_ids (profiles, (const char **) presets);

  ids = stored_ids (fixture);
  g_assert_cmpstrv (ids, presets);

  /* A second and a third of the same preset get their own ids. */
  profile = easel_profile_store_add_preset (fixture->store, "openai", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (easel_profile_get_id (profile), ==, "openai-2");
  profile = easel_profile_store_add_preset (fixture->store, "openai", &error);
  g_assert_cmpstr (easel_profile_get_id (profile), ==, "openai-3");
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, n + 2);

  g_assert_null (easel_profile_store_add_preset (fixture->store, "nowhere", &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, n + 2);
}

static void
test_add_custom (Fixture       *fixture,
                 gconstpointer  data)
{
  GListModel *profiles = easel_profile_store_get_profiles (fixture->store);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  EaselProfile *profile;

  g_assert_nonnull (easel_profile_store_add_preset (fixture->store, "icodeeasy", NULL));

  profile = easel_profile_store_add_custom (fixture->store, EASEL_DIALECT_ICODEEASY,
                                            "https://gateway.example/v1/", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (easel_profile_get_id (profile), ==, "icodeeasy-2");
  g_assert_null (easel_profile_get_preset_id (profile));
  g_assert_cmpstr (easel_profile_get_base_url (profile), ==, "https://gateway.example/v1");
  g_assert_cmpint (easel_profile_get_dialect (profile), ==, EASEL_DIALECT_ICODEEASY);

  profile = easel_profile_store_add_custom (fixture->store, EASEL_DIALECT_YYCODE,
                                            "http://127.0.0.1:8080", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (easel_profile_get_id (profile), ==, "yycode");

  /* Refused before anything is written. */
  g_assert_null (easel_profile_store_add_custom (fixture->store, EASEL_DIALECT_OPENAI,
                                                 "http://gateway.example/v1", &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, 3);
  ids = stored_ids (fixture);
  g_assert_cmpstrv (ids, ((const char *[]) { "icodeeasy", "icodeeasy-2", "yycode", NULL }));
  g_assert_null (easel_profile_store_lookup (fixture->store, "openai"));
}

static void
test_add_with_id (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EaselProfile) mine = easel_profile_new_from_preset ("apiyi", "work");
  g_autoptr(EaselProfile) again = easel_profile_new_from_preset ("openai", "work");
  g_autoptr(EaselProfile) bad = easel_profile_new_from_preset ("openai", "Work Gateway");
  g_autoptr(GError) error = NULL;

  g_assert_true (easel_profile_store_check_new_id (fixture->store, "work", &error));
  g_assert_no_error (error);
  g_assert_true (easel_profile_store_add (fixture->store, mine, &error));
  g_assert_no_error (error);
  g_assert_true (easel_profile_store_lookup (fixture->store, "work") == mine);

  g_assert_false (easel_profile_store_add (fixture->store, again, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  g_assert_false (easel_profile_store_add (fixture->store, bad, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  g_assert_false (easel_profile_store_check_new_id (fixture->store, "-x", &error));
  g_clear_error (&error);
  g_assert_false (easel_profile_store_check_new_id (fixture->store, "../x", &error));
  g_clear_error (&error);
  g_assert_false (easel_profile_store_check_new_id (fixture->store, "", &error));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (easel_profile_store_get_profiles (fixture->store)),
                    ==, 1);
}

static void
count_change_event (GSettings *settings,
                    GQuark    *keys,
                    int        n_keys,
                    guint     *count)
{
  (*count)++;
}

static void
assert_same_profile (EaselProfile *a,
                     EaselProfile *b)
{
  const EaselProfileLimits *la = easel_profile_get_limits (a);
  const EaselProfileLimits *lb = easel_profile_get_limits (b);
  const EaselProfilePricing *pa = easel_profile_get_pricing (a);
  const EaselProfilePricing *pb = easel_profile_get_pricing (b);

  g_assert_true (a != b);
  g_assert_cmpstr (easel_profile_get_id (a), ==, easel_profile_get_id (b));
  g_assert_cmpstr (easel_profile_get_name (a), ==, easel_profile_get_name (b));
  g_assert_cmpint (easel_profile_get_dialect (a), ==, easel_profile_get_dialect (b));
  g_assert_cmpstr (easel_profile_get_preset_id (a), ==, easel_profile_get_preset_id (b));
  g_assert_cmpstr (easel_profile_get_base_url (a), ==, easel_profile_get_base_url (b));
  g_assert_cmpstr (easel_profile_get_host (a), ==, easel_profile_get_host (b));
  g_assert_cmpstr (easel_profile_get_model (a), ==, easel_profile_get_model (b));
  g_assert_cmpuint (easel_profile_get_concurrency (a), ==, easel_profile_get_concurrency (b));

  g_assert_cmpuint (la->max_n, ==, lb->max_n);
  g_assert_cmpuint (la->max_references, ==, lb->max_references);
  g_assert_cmpuint (la->max_prompt_chars, ==, lb->max_prompt_chars);
  g_assert_cmpint (la->supports_mask, ==, lb->supports_mask);
  g_assert_cmpint (la->supports_streaming, ==, lb->supports_streaming);
  g_assert_cmpint (la->supports_async, ==, lb->supports_async);
  g_assert_cmpint (la->always_async, ==, lb->always_async);
  g_assert_cmpint (la->quality_ignored, ==, lb->quality_ignored);
  g_assert_cmpint (la->size_form, ==, lb->size_form);
  g_assert_cmpuint (la->reference_forms, ==, lb->reference_forms);
  g_assert_cmpuint (la->resolutions, ==, lb->resolutions);
  g_assert_cmpuint (la->poll_interval_ms, ==, lb->poll_interval_ms);

  g_assert_cmpstr (pa->currency, ==, pb->currency);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpfloat (pa->square[i], ==, pb->square[i]);
      g_assert_cmpfloat (pa->other[i], ==, pb->other[i]);
    }
  g_assert_cmpint (pa->tokens_are_actual, ==, pb->tokens_are_actual);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  const char * const *presets = easel_profile_preset_ids ();
  g_autoptr(GSettings) watch = NULL;
  g_autoptr(GSettings) other_settings = NULL;
  g_autoptr(EaselProfileStore) other = NULL;
  g_autoptr(GError) error = NULL;
  EaselProfile *edited;
  EaselProfile *custom;
  EaselProfileLimits limits;
  EaselProfilePricing pricing;
  guint batches = 0;
  GListModel *mine;
  GListModel *theirs;

  for (guint i = 0; presets[i] != NULL; i++)
    g_assert_nonnull (easel_profile_store_add_preset (fixture->store, presets[i], NULL));
  custom = easel_profile_store_add_custom (fixture->store, EASEL_DIALECT_AIZFW,
                                           "https://custom.example/api", NULL);
  edited = easel_profile_store_lookup (fixture->store, "aizfw");

  watch = profile_settings (fixture, "aizfw");
  g_signal_connect (watch, "change-event", G_CALLBACK (count_change_event), &batches);

  /* Each edit is one batch of writes, not one write per key. */
  easel_profile_set_name (edited, "Studio gateway");
  g_assert_cmpuint (batches, ==, 1);
  easel_profile_set_model (edited, "gpt-image-2-hd");
  g_assert_cmpuint (batches, ==, 2);
  g_assert_true (easel_profile_set_base_url (edited, "https://studio.example:8443/api/",
                                             &error));
  g_assert_no_error (error);
  easel_profile_set_concurrency (edited, 7);

  limits = *easel_profile_get_limits (edited);
  limits.max_n = 4;
  limits.max_references = 3;
  limits.max_prompt_chars = 1234;
  limits.supports_mask = TRUE;
  limits.supports_streaming = TRUE;
  limits.supports_async = TRUE;
  limits.always_async = FALSE;
  limits.quality_ignored = TRUE;
  limits.size_form = EASEL_SIZE_FORM_PIXELS;
  limits.reference_forms = EASEL_REFERENCE_FORM_DATA | EASEL_REFERENCE_FORM_FILES;
  limits.resolutions = 5;
  limits.poll_interval_ms = 4321;
  easel_profile_set_limits (edited, &limits);

  pricing = *easel_profile_get_pricing (edited);
  g_strlcpy (pricing.currency, "EUR", sizeof pricing.currency);
  for (guint i = 0; i < 4; i++)
    {
      pricing.square[i] = 0.125 * (i + 1);
      pricing.other[i] = 1.5 + i;
    }
  pricing.tokens_are_actual = TRUE;
  easel_profile_set_pricing (edited, &pricing);
  g_assert_cmpuint (batches, ==, 6);

  easel_profile_set_model (custom, "gpt-image-2-mini");
  easel_profile_set_concurrency (custom, 1);

  g_assert_cmpuint (g_settings_get_uint (watch, "concurrency"), ==, 7);

  /* What a later run reads back is field for field what was edited. */
  other = second_store (fixture, &other_settings);
  mine = easel_profile_store_get_profiles (fixture->store);
  theirs = easel_profile_store_get_profiles (other);
  g_assert_cmpuint (g_list_model_get_n_items (theirs), ==, g_list_model_get_n_items (mine));
  for (guint i = 0; i < g_list_model_get_n_items (mine); i++)
    {
      g_autoptr(EaselProfile) a = g_list_model_get_item (mine, i);
      g_autoptr(EaselProfile) b = g_list_model_get_item (theirs, i);

      assert_same_profile (a, b);
    }
  g_assert_cmpstr (easel_profile_get_host (easel_profile_store_lookup (other, "aizfw")), ==,
                   "studio.example:8443");

  g_assert_finalize_object (g_steal_pointer (&other));
}

static guint
count_items_changed (GListModel *model)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (model), "changes"));
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added)
{
  g_object_set_data (G_OBJECT (model), "changes",
                     GUINT_TO_POINTER (count_items_changed (model) + 1));
}

static void
test_external_changes (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GSettings) other_settings = NULL;
  g_autoptr(EaselProfileStore) other = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *mine = easel_profile_store_get_profiles (fixture->store);
  EaselProfile *openai;
  EaselProfile *yycode;
  EaselProfile *theirs;

  openai = easel_profile_store_add_preset (fixture->store, "openai", NULL);
  g_signal_connect (mine, "items-changed", G_CALLBACK (on_items_changed), NULL);

  other = second_store (fixture, &other_settings);
  g_assert_nonnull (easel_profile_store_add_preset (other, "yycode", &error));
  g_assert_no_error (error);

  /* The first store follows, and keeps the object it already handed out. */
  assert_ids (mine, (const char *[]) { "openai", "yycode", NULL });
  g_assert_true (easel_profile_store_lookup (fixture->store, "openai") == openai);
  yycode = easel_profile_store_lookup (fixture->store, "yycode");
  g_assert_cmpstr (easel_profile_get_base_url (yycode), ==, "https://gpt.yycode.net");
  g_assert_cmpuint (count_items_changed (mine), ==, 1);

  /* An edit made over there shows up in the object here. */
  theirs = easel_profile_store_lookup (other, "openai");
  easel_profile_set_model (theirs, "gpt-image-2-external");
  easel_profile_set_concurrency (theirs, 5);
  g_assert_cmpstr (easel_profile_get_model (openai), ==, "gpt-image-2-external");
  g_assert_cmpuint (easel_profile_get_concurrency (openai), ==, 5);

  /* A reorder made by writing the key directly. */
  g_settings_set_strv (other_settings, "profiles",
                       (const char * const[]) { "yycode", "openai", NULL });
  assert_ids (mine, (const char *[]) { "yycode", "openai", NULL });
  g_assert_true (easel_profile_store_lookup (fixture->store, "openai") == openai);
  g_assert_true (easel_profile_store_lookup (fixture->store, "yycode") == yycode);

  g_assert_cmpuint (easel_profile_store_remove (other, "yycode"), ==, 0);
  assert_ids (mine, (const char *[]) { "openai", NULL });
  g_assert_null (easel_profile_store_lookup (fixture->store, "yycode"));
  g_assert_true (easel_profile_store_lookup (fixture->store, "openai") == openai);

  g_assert_finalize_object (g_steal_pointer (&other));

  /* With the other store gone, edits here still go to the settings. */
  easel_profile_set_name (openai, "Mine again");
  {
    g_autoptr(GSettings) keys = profile_settings (fixture, "openai");
    g_autofree char *name = g_settings_get_string (keys, "name");

    g_assert_cmpstr (name, ==, "Mine again");
  }
}

static void
assert_reset (Fixture    *fixture,
              const char *id)
{
  g_autoptr(GSettings) keys = profile_settings (fixture, id);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) names = NULL;

  g_object_get (keys, "settings-schema", &schema, NULL);
  names = g_settings_schema_list_keys (schema);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_user_value (keys, names[i]);

      if (value != NULL)
        g_error ("Key %s of removed profile %s is still set", names[i], id);
    }
}

static void
test_remove_restore (Fixture       *fixture,
                     gconstpointer  data)
{
  GListModel *profiles = easel_profile_store_get_profiles (fixture->store);
  g_autoptr(EaselProfile) removed = NULL;
  g_autoptr(EaselProfile) fresh = easel_profile_new_from_preset ("openai", "openai");
  g_autoptr(GSettings) other_settings = NULL;
  g_autoptr(EaselProfileStore) other = NULL;
  g_autoptr(GSettings) keys = NULL;
  g_autofree char *model = NULL;
  g_auto(GStrv) ids = NULL;

  g_assert_nonnull (easel_profile_store_add_preset (fixture->store, "openai", NULL));
  removed = g_object_ref (easel_profile_store_add_preset (fixture->store, "apiyi", NULL));
  g_assert_nonnull (easel_profile_store_add_preset (fixture->store, "yycode", NULL));
  easel_profile_set_model (removed, "kept-through-undo");

  g_assert_cmpuint (easel_profile_store_remove (fixture->store, "apiyi"), ==, 1);
  assert_ids (profiles, (const char *[]) { "openai", "yycode", NULL });
  ids = stored_ids (fixture);
  g_assert_cmpstrv (ids, ((const char *[]) { "openai", "yycode", NULL }));
  assert_reset (fixture, "apiyi");
  g_assert_cmpuint (easel_profile_store_remove (fixture->store, "apiyi"), ==, G_MAXUINT);

  /* Edits to a removed profile go nowhere. */
  easel_profile_set_name (removed, "Renamed while removed");
  assert_reset (fixture, "apiyi");

  easel_profile_store_restore (fixture->store, removed, 1);
  assert_ids (profiles, (const char *[]) { "openai", "apiyi", "yycode", NULL });
  g_clear_pointer (&ids, g_strfreev);
  ids = stored_ids (fixture);
  g_assert_cmpstrv (ids, ((const char *[]) { "openai", "apiyi", "yycode", NULL }));
  g_assert_true (easel_profile_store_lookup (fixture->store, "apiyi") == removed);

  keys = profile_settings (fixture, "apiyi");
  model = g_settings_get_string (keys, "model");
  g_assert_cmpstr (model, ==, "kept-through-undo");

  other = second_store (fixture, &other_settings);
  assert_same_profile (removed, easel_profile_store_lookup (other, "apiyi"));
  g_assert_cmpstr (easel_profile_get_name (easel_profile_store_lookup (other, "apiyi")), ==,
                   "Renamed while removed");
  g_assert_finalize_object (g_steal_pointer (&other));

  /* Past the end means at the end. */
  g_assert_cmpuint (easel_profile_store_remove (fixture->store, "openai"), ==, 0);
  easel_profile_store_restore (fixture->store, fresh, 99);
  assert_ids (profiles, (const char *[]) { "apiyi", "yycode", "openai", NULL });
}

static void
test_default (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(EaselProfile) removed = NULL;
  EaselProfile *first;
  EaselProfile *second;
  g_autofree char *stored = NULL;

  g_assert_null (easel_profile_store_get_default (fixture->store));
  first = easel_profile_store_add_preset (fixture->store, "openai", NULL);
  second = easel_profile_store_add_preset (fixture->store, "icodeeasy", NULL);
  g_assert_true (easel_profile_store_get_default (fixture->store) == first);

  easel_profile_store_set_default (fixture->store, "icodeeasy");
  stored = g_settings_get_string (fixture->gsettings, "default-profile");
  g_assert_cmpstr (stored, ==, "icodeeasy");
  g_assert_true (easel_profile_store_get_default (fixture->store) == second);

  /* A default that is gone falls back to the first; undo brings it back. */
  removed = g_object_ref (second);
  easel_profile_store_remove (fixture->store, "icodeeasy");
  g_assert_true (easel_profile_store_get_default (fixture->store) == first);
  easel_profile_store_restore (fixture->store, removed, 0);
  g_assert_true (easel_profile_store_get_default (fixture->store) == removed);

  g_settings_set_string (fixture->gsettings, "default-profile", "nobody");
  g_assert_true (easel_profile_store_get_default (fixture->store) == removed);
}

static void
test_bad_stored_profile (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSettings) bad = profile_settings (fixture, "bad");
  g_autoptr(GSettings) good = profile_settings (fixture, "good");
  g_autoptr(GSettings) other_settings = NULL;
  g_autoptr(EaselProfileStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  EaselProfile *profile;

  g_settings_set_string (bad, "base-url", "http://gateway.example/v1");
  g_settings_set_string (good, "dialect", "yycode");
  g_settings_set_string (good, "base-url", "https://good.example");
  g_settings_set_string (good, "name", "Good");
  g_settings_set_strv (fixture->gsettings, "profiles",
                       (const char * const[]) { "bad", "good", "../escape", "missing",
                                                "good", NULL });

  other = second_store (fixture, &other_settings);
  assert_ids (easel_profile_store_get_profiles (other), (const char *[]) { "good", NULL });
  profile = easel_profile_store_lookup (other, "good");
  g_assert_cmpint (easel_profile_get_dialect (profile), ==, EASEL_DIALECT_YYCODE);
  g_assert_cmpstr (easel_profile_get_name (profile), ==, "Good");
  g_assert_null (easel_profile_get_preset_id (profile));

  /* The skipped ones are not silently dropped from the list or reused. */
  g_assert_false (easel_profile_store_check_new_id (other, "bad", &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  profile = easel_profile_store_add_custom (other, EASEL_DIALECT_OPENAI,
                                            "https://new.example/v1", NULL);
  g_assert_cmpstr (easel_profile_get_id (profile), ==, "openai");
  ids = stored_ids (fixture);
  g_assert_cmpstrv (ids, ((const char *[]) { "bad", "good", "../escape", "missing", "good",
                                             "openai", NULL }));
  assert_ids (easel_profile_store_get_profiles (fixture->store),
              (const char *[]) { "good", "openai", NULL });

  g_assert_finalize_object (g_steal_pointer (&other));
}

static void
append_settings (GString   *dump,
                 GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) names = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  names = g_settings_schema_list_keys (schema);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, names[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_string_append_printf (dump, "%s=%s\n", names[i], text);
    }
}

static void
on_secret_stored (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GMainLoop *loop = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (easel_secrets_store_finish (EASEL_SECRETS (source), result, &error));
  g_assert_no_error (error);
  g_main_loop_quit (loop);
}

static void
test_no_key_in_settings (Fixture       *fixture,
                         gconstpointer  data)
{
  const char * const *presets = easel_profile_preset_ids ();
  g_autoptr(EaselSecrets) secrets = easel_secrets_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GString) dump = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  GListModel *profiles = easel_profile_store_get_profiles (fixture->store);

  for (guint i = 0; presets[i] != NULL; i++)
    {
      EaselProfile *profile = easel_profile_store_add_preset (fixture->store, presets[i], NULL);

      easel_secrets_store_async (secrets, easel_profile_get_id (profile), "Easel test key",
                                 SENTINEL, NULL, on_secret_stored, loop);
      g_main_loop_run (loop);
      easel_profile_set_name (profile, "edited after the key was stored");
    }

  ids = stored_ids (fixture);
  append_settings (dump, fixture->gsettings);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GSettings) keys = profile_settings (fixture, ids[i]);

      append_settings (dump, keys);
    }
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, g_strv_length (ids));
  /* The dump did read every profile's fields. */
  g_assert_nonnull (strstr (dump->str, "base-url='https://api.openai.com/v1'"));
  g_assert_null (strstr (dump->str, SENTINEL));

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_assert_true (easel_secrets_clear_sync (secrets, ids[i], NULL, &error));
      g_assert_no_error (error);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/profile-store/empty", test_empty);
  ADD ("/profile-store/add-presets", test_add_presets);
  ADD ("/profile-store/add-custom", test_add_custom);
  ADD ("/profile-store/add-with-id", test_add_with_id);
  ADD ("/profile-store/round-trip", test_round_trip);
  ADD ("/profile-store/external-changes", test_external_changes);
  ADD ("/profile-store/remove-restore", test_remove_restore);
  ADD ("/profile-store/default", test_default);
  ADD ("/profile-store/bad-stored-profile", test_bad_stored_profile);
  ADD ("/profile-store/no-key-in-settings", test_no_key_in_settings);
#undef ADD

  status = g_test_run ();
  secret_service_disconnect ();

  return status;
}
