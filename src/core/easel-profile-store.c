/* easel-profile-store.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The profiles live in GSettings so the app, easel-cli and dconf see the
 * same ones: the app schema's "profiles" key holds the ids in order, and
 * each profile's fields sit in a relocatable schema at a path made from its
 * id. GSettings stays the source of truth in both directions: an edit to a
 * profile object is written back as one batch, and a write made by someone
 * else (another store, easel-cli through the keyfile, dconf) is read back
 * into the objects the UI already holds. API keys are never here. */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>
#include <string.h>

#include "easel-error.h"
#include "easel-profile-store.h"

#define PROFILE_SCHEMA_ID APP_ID ".Profile"
#define PROFILE_PATH      "/io/github/easelapp/Easel/profiles/"
#define MAX_ID_LENGTH     64

typedef struct
{
  EaselProfile      *profile;
  GSettings         *settings;           /* delay-apply, so each write is one batch */
  gulong             profile_changed_id;
  gulong             settings_changed_id;
  gboolean           writing;
} Entry;

struct _EaselProfileStore
{
  GObject           parent_instance;

  GSettings        *settings;
  GSettingsBackend *backend;
  GSettingsSchema  *schema;
  GListStore       *profiles;
  GHashTable       *entries;             /* id → Entry */
};

G_DEFINE_FINAL_TYPE (EaselProfileStore, easel_profile_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
entry_free (Entry *entry)
{
  g_clear_signal_handler (&entry->profile_changed_id, entry->profile);
  g_clear_signal_handler (&entry->settings_changed_id, entry->settings);
  g_clear_object (&entry->profile);
  g_clear_object (&entry->settings);
  g_free (entry);
}

/* Only these characters, so an id is always a valid GSettings path element
 * and a plain word on the command line. */
static gboolean
id_is_valid (const char *id)
{
  gsize length = strlen (id);

  if (length == 0 || length > MAX_ID_LENGTH || id[0] == '-')
    return FALSE;

  for (const char *c = id; *c != '\0'; c++)
    {
      if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '-')
        return FALSE;
    }

  return TRUE;
}

static GSettings *
settings_for_id (EaselProfileStore *self,
                 const char        *id)
{
  g_autofree char *path = g_strconcat (PROFILE_PATH, id, "/", NULL);
  GSettings *settings;

  g_assert (id_is_valid (id));

  settings = g_settings_new_full (self->schema, self->backend, path);
  g_settings_delay (settings);

  return settings;
}

static void
get_prices (GSettings  *settings,
            const char *key,
            double      prices[4])
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, key);
  const double *stored;
  gsize n = 0;

  stored = g_variant_get_fixed_array (value, &n, sizeof (double));
  /* Another length is not ours to guess at: leave the prices unknown. */
  for (guint i = 0; i < 4; i++)
    prices[i] = n == 4 ? stored[i] : 0;
}

/* Copies the stored fields into @profile. The id, dialect and preset are
 * fixed when the profile is made; everything else may change later. */
static void
apply_stored_fields (EaselProfile *profile,
                     GSettings    *settings)
{
  g_autofree char *name = g_settings_get_string (settings, "name");
  g_autofree char *model = g_settings_get_string (settings, "model");
  g_autofree char *base_url = g_settings_get_string (settings, "base-url");
  g_autofree char *size_form = g_settings_get_string (settings, "size-form");
  g_autofree char *currency = g_settings_get_string (settings, "currency");
  g_autoptr(GError) error = NULL;
  EaselProfileLimits limits = *easel_profile_get_limits (profile);
  EaselProfilePricing pricing = *easel_profile_get_pricing (profile);

  if (*name != '\0')
    easel_profile_set_name (profile, name);
  if (*model != '\0')
    easel_profile_set_model (profile, model);
  if (!easel_profile_set_base_url (profile, base_url, &error))
    g_debug ("Keeping the base URL of profile “%s”: %s", easel_profile_get_id (profile),
             error->message);
  easel_profile_set_concurrency (profile, CLAMP (g_settings_get_uint (settings, "concurrency"),
                                                 1, 8));

  limits.max_n = g_settings_get_uint (settings, "max-n");
  limits.max_references = g_settings_get_uint (settings, "max-references");
  limits.max_prompt_chars = g_settings_get_uint (settings, "max-prompt-chars");
  limits.supports_mask = g_settings_get_boolean (settings, "supports-mask");
  limits.supports_streaming = g_settings_get_boolean (settings, "supports-streaming");
  limits.supports_async = g_settings_get_boolean (settings, "supports-async");
  limits.always_async = g_settings_get_boolean (settings, "always-async");
  limits.quality_ignored = g_settings_get_boolean (settings, "quality-ignored");
  limits.size_form = g_str_equal (size_form, "ratio") ? EASEL_SIZE_FORM_RATIO
                                                      : EASEL_SIZE_FORM_PIXELS;
  limits.reference_forms = g_settings_get_uint (settings, "reference-forms");
  limits.resolutions = g_settings_get_uint (settings, "resolutions");
  limits.poll_interval_ms = g_settings_get_uint (settings, "poll-interval-ms");
  easel_profile_set_limits (profile, &limits);

  memset (pricing.currency, 0, sizeof pricing.currency);
  g_strlcpy (pricing.currency, currency, sizeof pricing.currency);
  get_prices (settings, "prices-square", pricing.square);
  get_prices (settings, "prices-other", pricing.other);
  pricing.tokens_are_actual = g_settings_get_boolean (settings, "tokens-are-actual");
  easel_profile_set_pricing (profile, &pricing);
}

/* Builds the profile stored under @id, or NULL (with a debug line, since a
 * profile that cannot be used is left out rather than shown broken). */
static EaselProfile *
load_profile (GSettings  *settings,
              const char *id)
{
  g_autofree char *preset = g_settings_get_string (settings, "preset");
  g_autofree char *dialect_name = g_settings_get_string (settings, "dialect");
  g_autofree char *base_url = g_settings_get_string (settings, "base-url");
  g_autoptr(EaselProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  EaselDialectKind dialect;

  if (!easel_base_url_check (base_url, &error))
    {
      g_debug ("Leaving out profile “%s”: %s", id, error->message);
      return NULL;
    }

  if (*preset != '\0')
    {
      profile = easel_profile_new_from_preset (preset, id);
      if (profile == NULL)
        g_debug ("Profile “%s” names an unknown preset “%s”; loading it as custom", id, preset);
    }

  if (profile == NULL)
    {
      if (!easel_dialect_kind_from_string (dialect_name, &dialect))
        {
          g_debug ("Leaving out profile “%s”: unknown dialect “%s”", id, dialect_name);
          return NULL;
        }
      profile = easel_profile_new (id, dialect, base_url);
    }

  apply_stored_fields (profile, settings);

  return g_steal_pointer (&profile);
}

static void
write_profile (Entry *entry)
{
  EaselProfile *profile = entry->profile;
  GSettings *settings = entry->settings;
  const EaselProfileLimits *limits = easel_profile_get_limits (profile);
  const EaselProfilePricing *pricing = easel_profile_get_pricing (profile);
  const char *preset = easel_profile_get_preset_id (profile);

  /* Our own writes come back as change events; they hold nothing new. */
  entry->writing = TRUE;

  g_settings_set_string (settings, "name", easel_profile_get_name (profile));
  g_settings_set_string (settings, "dialect",
                         easel_dialect_kind_to_string (easel_profile_get_dialect (profile)));
  g_settings_set_string (settings, "preset", preset ? preset : "");
  g_settings_set_string (settings, "base-url", easel_profile_get_base_url (profile));
  g_settings_set_string (settings, "model", easel_profile_get_model (profile));
  g_settings_set_uint (settings, "concurrency", easel_profile_get_concurrency (profile));

  g_settings_set_uint (settings, "max-n", limits->max_n);
  g_settings_set_uint (settings, "max-references", limits->max_references);
  g_settings_set_uint (settings, "max-prompt-chars", limits->max_prompt_chars);
  g_settings_set_boolean (settings, "supports-mask", limits->supports_mask);
  g_settings_set_boolean (settings, "supports-streaming", limits->supports_streaming);
  g_settings_set_boolean (settings, "supports-async", limits->supports_async);
  g_settings_set_boolean (settings, "always-async", limits->always_async);
  g_settings_set_boolean (settings, "quality-ignored", limits->quality_ignored);
  g_settings_set_string (settings, "size-form",
                         limits->size_form == EASEL_SIZE_FORM_RATIO ? "ratio" : "pixels");
  g_settings_set_uint (settings, "reference-forms", limits->reference_forms);
  g_settings_set_uint (settings, "resolutions", limits->resolutions);
  g_settings_set_uint (settings, "poll-interval-ms", limits->poll_interval_ms);

  g_settings_set_string (settings, "currency", pricing->currency);
  g_settings_set_value (settings, "prices-square",
                        g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, pricing->square, 4,
                                                   sizeof (double)));
  g_settings_set_value (settings, "prices-other",
                        g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, pricing->other, 4,
                                                   sizeof (double)));
  g_settings_set_boolean (settings, "tokens-are-actual", pricing->tokens_are_actual);

  g_settings_apply (settings);

  entry->writing = FALSE;
}

/* Resets every key, so a removed profile leaves nothing behind. */
static void
reset_profile (GSettingsSchema *schema,
               GSettings       *settings)
{
  g_auto(GStrv) keys = g_settings_schema_list_keys (schema);

  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  g_settings_apply (settings);
}

static void
on_profile_changed (EaselProfile *profile,
                    Entry        *entry)
{
  write_profile (entry);
}

static gboolean
on_profile_settings_change_event (GSettings *settings,
                                  GQuark    *keys,
                                  int        n_keys,
                                  Entry     *entry)
{
  if (entry->writing)
    return FALSE;

  /* Someone else edited this profile: show it, without writing it back
   * half-applied. */
  g_signal_handler_block (entry->profile, entry->profile_changed_id);
  apply_stored_fields (entry->profile, entry->settings);
  g_signal_handler_unblock (entry->profile, entry->profile_changed_id);

  return FALSE;
}

static Entry *
entry_new (EaselProfileStore *self,
           EaselProfile      *profile,
           GSettings         *settings)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->profile = g_object_ref (profile);
  entry->settings = g_object_ref (settings);
  entry->profile_changed_id = g_signal_connect (profile, "changed",
                                                G_CALLBACK (on_profile_changed), entry);
  entry->settings_changed_id = g_signal_connect (settings, "change-event",
                                                 G_CALLBACK (on_profile_settings_change_event),
                                                 entry);
  g_hash_table_insert (self->entries, g_strdup (easel_profile_get_id (profile)), entry);

  return entry;
}

static Entry *
entry_load (EaselProfileStore *self,
            const char        *id)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(EaselProfile) profile = NULL;

  if (!id_is_valid (id))
    {
      g_debug ("Leaving out a profile with the unusable id “%s”", id);
      return NULL;
    }

  settings = settings_for_id (self, id);
  profile = load_profile (settings, id);
  if (profile == NULL)
    return NULL;

  return entry_new (self, profile, settings);
}

static gboolean
model_find (EaselProfileStore *self,
            EaselProfile      *profile,
            guint             *position)
{
  return g_list_store_find (self->profiles, profile, position);
}

static void
drop_at (EaselProfileStore *self,
         guint              position)
{
  g_autoptr(EaselProfile) profile = g_list_model_get_item (G_LIST_MODEL (self->profiles),
                                                           position);

  g_hash_table_remove (self->entries, easel_profile_get_id (profile));
  g_list_store_remove (self->profiles, position);
}

/* Makes the list follow the stored ids: new ids are loaded, removed ones
 * dropped, and the objects already handed out stay the same objects. */
static void
reconcile (EaselProfileStore *self)
{
  g_auto(GStrv) ids = g_settings_get_strv (self->settings, "profiles");
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autoptr(GHashTable) wanted_ids = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *model = G_LIST_MODEL (self->profiles);
  guint i;

  for (i = 0; ids[i] != NULL; i++)
    {
      Entry *entry;

      if (g_hash_table_contains (wanted_ids, ids[i]))
        continue;

      entry = g_hash_table_lookup (self->entries, ids[i]);
      if (entry == NULL)
        entry = entry_load (self, ids[i]);
      if (entry == NULL)
        continue;

      g_hash_table_add (wanted_ids, ids[i]);
      g_ptr_array_add (wanted, entry);
    }

  for (i = 0; i < wanted->len; i++)
    {
      Entry *want = g_ptr_array_index (wanted, i);

      while (i < g_list_model_get_n_items (model))
        {
          g_autoptr(EaselProfile) here = g_list_model_get_item (model, i);

          if (here == want->profile)
            break;

          if (!g_hash_table_contains (wanted_ids, easel_profile_get_id (here)))
            {
              drop_at (self, i);
              continue;
            }

          break;
        }

      if (i < g_list_model_get_n_items (model))
        {
          g_autoptr(EaselProfile) here = g_list_model_get_item (model, i);
          guint old;

          if (here == want->profile)
            continue;
          /* Moved: take it out where it was, put it here. */
          if (model_find (self, want->profile, &old))
            g_list_store_remove (self->profiles, old);
          g_list_store_insert (self->profiles, i, want->profile);
        }
      else
        {
          g_list_store_append (self->profiles, want->profile);
        }
    }

  while (g_list_model_get_n_items (model) > wanted->len)
    drop_at (self, wanted->len);
}

static void
on_profiles_changed (EaselProfileStore *self,
                     const char        *key,
                     GSettings         *settings)
{
  reconcile (self);
}

static void
easel_profile_store_constructed (GObject *object)
{
  EaselProfileStore *self = EASEL_PROFILE_STORE (object);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  G_OBJECT_CLASS (easel_profile_store_parent_class)->constructed (object);

  g_assert (self->settings != NULL);
  g_object_get (self->settings, "backend", &self->backend, NULL);
  if (source != NULL)
    self->schema = g_settings_schema_source_lookup (source, PROFILE_SCHEMA_ID, TRUE);
  if (self->schema == NULL)
    g_error ("The GSettings schema %s is not installed", PROFILE_SCHEMA_ID);

  g_signal_connect_object (self->settings, "changed::profiles",
                           G_CALLBACK (on_profiles_changed), self, G_CONNECT_SWAPPED);
  reconcile (self);
}

static void
easel_profile_store_dispose (GObject *object)
{
  EaselProfileStore *self = EASEL_PROFILE_STORE (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  /* Entries hold the signal handlers on the profiles: a profile that
   * outlives the store must stop writing to it. */
  if (self->entries != NULL)
    g_hash_table_remove_all (self->entries);
  if (self->profiles != NULL)
    g_list_store_remove_all (self->profiles);

  G_OBJECT_CLASS (easel_profile_store_parent_class)->dispose (object);
}

static void
easel_profile_store_finalize (GObject *object)
{
  EaselProfileStore *self = EASEL_PROFILE_STORE (object);

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_object (&self->profiles);
  g_clear_pointer (&self->schema, g_settings_schema_unref);
  g_clear_object (&self->backend);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (easel_profile_store_parent_class)->finalize (object);
}

static void
easel_profile_store_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  EaselProfileStore *self = EASEL_PROFILE_STORE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_profile_store_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  EaselProfileStore *self = EASEL_PROFILE_STORE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_profile_store_class_init (EaselProfileStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = easel_profile_store_constructed;
  object_class->dispose = easel_profile_store_dispose;
  object_class->finalize = easel_profile_store_finalize;
  object_class->set_property = easel_profile_store_set_property;
  object_class->get_property = easel_profile_store_get_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
easel_profile_store_init (EaselProfileStore *self)
{
  self->profiles = g_list_store_new (EASEL_TYPE_PROFILE);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) entry_free);
}

/**
 * easel_profile_store_new:
 * @settings: a #GSettings for the `io.github.easelapp.Easel` schema
 *
 * Returns: (transfer full): a store listing the profiles @settings holds
 */
EaselProfileStore *
easel_profile_store_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (EASEL_TYPE_PROFILE_STORE, "settings", settings, NULL);
}

/**
 * easel_profile_store_get_profiles:
 * @self: a #EaselProfileStore
 *
 * Returns: (transfer none): the profiles, a #GListModel of #EaselProfile
 */
GListModel *
easel_profile_store_get_profiles (EaselProfileStore *self)
{
  g_return_val_if_fail (EASEL_IS_PROFILE_STORE (self), NULL);

  return G_LIST_MODEL (self->profiles);
}

/**
 * easel_profile_store_lookup:
 * @self: a #EaselProfileStore
 * @id: a profile id
 *
 * Returns: (transfer none) (nullable): the profile with @id
 */
EaselProfile *
easel_profile_store_lookup (EaselProfileStore *self,
                            const char        *id)
{
  Entry *entry;

  g_return_val_if_fail (EASEL_IS_PROFILE_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  entry = g_hash_table_lookup (self->entries, id);

  return entry ? entry->profile : NULL;
}

/* An id is taken when a listed profile has it, or when the stored list
 * names it even though it could not be loaded: its keys are still there. */
static gboolean
id_is_taken (EaselProfileStore *self,
             const char        *id)
{
  g_auto(GStrv) ids = NULL;

  if (g_hash_table_contains (self->entries, id))
    return TRUE;

  ids = g_settings_get_strv (self->settings, "profiles");
  return g_strv_contains ((const char * const *) ids, id);
}

/**
 * easel_profile_store_check_new_id:
 * @self: a #EaselProfileStore
 * @id: a candidate id
 * @error: return location for an %EASEL_ERROR_INVALID_REQUEST
 *
 * Returns: whether a new profile may be called @id
 */
gboolean
easel_profile_store_check_new_id (EaselProfileStore  *self,
                                  const char         *id,
                                  GError            **error)
{
  g_return_val_if_fail (EASEL_IS_PROFILE_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!id_is_valid (id))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("The profile id “%s” is not usable: use lower-case letters, digits and "
                     "dashes, starting with a letter or digit, at most %d characters."),
                   id, MAX_ID_LENGTH);
      return FALSE;
    }

  if (id_is_taken (self, id))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("There is already a profile “%s”. Choose another id, or remove that "
                     "profile first."), id);
      return FALSE;
    }

  return TRUE;
}

/* "aizfw-r", "openai" → themselves; anything else → letters, digits and
 * single dashes. */
static char *
make_slug (const char *text)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  GString *slug = g_string_new (NULL);

  for (const char *c = lower; *c != '\0'; c++)
    {
      if (g_ascii_isalnum (*c))
        g_string_append_c (slug, *c);
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len > MAX_ID_LENGTH - 4)
    g_string_truncate (slug, MAX_ID_LENGTH - 4);
  if (slug->len == 0)
    g_string_assign (slug, "profile");

  return g_string_free (slug, FALSE);
}

static char *
unique_id (EaselProfileStore *self,
           const char        *text)
{
  g_autofree char *base = make_slug (text);
  char *id = g_strdup (base);

  for (guint n = 2; id_is_taken (self, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base, n);
    }

  return id;
}

/* Writes the profile's keys, then lists it: whoever follows "profiles"
 * finds its fields already there. */
static void
insert_profile (EaselProfileStore *self,
                EaselProfile      *profile,
                guint              position)
{
  g_autoptr(GSettings) settings = NULL;
  g_auto(GStrv) ids = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) new_ids = NULL;
  g_autoptr(EaselProfile) next = NULL;
  const char *id = easel_profile_get_id (profile);
  const char *next_id = NULL;
  gboolean inserted = FALSE;
  Entry *entry;

  position = MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->profiles)));
  if (position < g_list_model_get_n_items (G_LIST_MODEL (self->profiles)))
    {
      next = g_list_model_get_item (G_LIST_MODEL (self->profiles), position);
      next_id = easel_profile_get_id (next);
    }

  settings = settings_for_id (self, id);
  entry = entry_new (self, profile, settings);
  write_profile (entry);
  g_list_store_insert (self->profiles, position, profile);

  /* Profiles this store left out keep their place in the stored list. */
  ids = g_settings_get_strv (self->settings, "profiles");
  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (!inserted && g_strcmp0 (ids[i], next_id) == 0)
        {
          g_strv_builder_add (builder, id);
          inserted = TRUE;
        }
      g_strv_builder_add (builder, ids[i]);
    }
  if (!inserted)
    g_strv_builder_add (builder, id);
  new_ids = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "profiles", (const char * const *) new_ids);
}

/**
 * easel_profile_store_add_preset:
 * @self: a #EaselProfileStore
 * @preset_id: one of easel_profile_preset_ids()
 * @error: return location for an %EASEL_ERROR_INVALID_REQUEST
 *
 * Returns: (transfer none) (nullable): the new profile, at the end of the list
 */
EaselProfile *
easel_profile_store_add_preset (EaselProfileStore  *self,
                                const char         *preset_id,
                                GError            **error)
{
  g_autoptr(EaselProfile) profile = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (EASEL_IS_PROFILE_STORE (self), NULL);
  g_return_val_if_fail (preset_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (easel_profile_preset_name (preset_id) == NULL)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("There is no preset “%s”."), preset_id);
      return NULL;
    }

  id = unique_id (self, preset_id);
  profile = easel_profile_new_from_preset (preset_id, id);
  insert_profile (self, profile, G_MAXUINT);

  return profile;
}

/**
 * easel_profile_store_add_custom:
 * @self: a #EaselProfileStore
 * @dialect: the wire protocol
 * @base_url: the API base URL
 * @error: return location for an %EASEL_ERROR_INVALID_REQUEST
 *
 * Returns: (transfer none) (nullable): the new profile, at the end of the
 *   list, or %NULL when @base_url is refused
 */
EaselProfile *
easel_profile_store_add_custom (EaselProfileStore  *self,
                                EaselDialectKind    dialect,
                                const char         *base_url,
                                GError            **error)
{
  g_autoptr(EaselProfile) profile = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (EASEL_IS_PROFILE_STORE (self), NULL);
  g_return_val_if_fail (dialect <= EASEL_DIALECT_AIZFW, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!easel_base_url_check (base_url, error))
    return NULL;

  id = unique_id (self, easel_dialect_kind_to_string (dialect));
  profile = easel_profile_new (id, dialect, base_url);
  insert_profile (self, profile, G_MAXUINT);

  return profile;
}

/**
 * easel_profile_store_add:
 * @self: a #EaselProfileStore
 * @profile: a profile that is in no store
 * @error: return location for an %EASEL_ERROR_INVALID_REQUEST
 *
 * Returns: whether @profile was added, at the end of the list
 */
gboolean
easel_profile_store_add (EaselProfileStore  *self,
                         EaselProfile       *profile,
                         GError            **error)
{
  g_return_val_if_fail (EASEL_IS_PROFILE_STORE (self), FALSE);
  g_return_val_if_fail (EASEL_IS_PROFILE (profile), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!easel_profile_store_check_new_id (self, easel_profile_get_id (profile), error))
    return FALSE;

  insert_profile (self, profile, G_MAXUINT);
  return TRUE;
}

/**
 * easel_profile_store_restore:
 * @self: a #EaselProfileStore
 * @profile: a profile easel_profile_store_remove() took out
 * @position: where it was
 *
 * Writes the profile's fields back and lists it at @position (or at the
 * end, when the list has become shorter).
 */
void
easel_profile_store_restore (EaselProfileStore *self,
                             EaselProfile      *profile,
                             guint              position)
{
  g_return_if_fail (EASEL_IS_PROFILE_STORE (self));
  g_return_if_fail (EASEL_IS_PROFILE (profile));
  g_return_if_fail (id_is_valid (easel_profile_get_id (profile)));
  g_return_if_fail (!g_hash_table_contains (self->entries, easel_profile_get_id (profile)));

  insert_profile (self, profile, position);
}

/**
 * easel_profile_store_remove:
 * @self: a #EaselProfileStore
 * @id: a profile id
 *
 * Removes the profile from the list and resets its settings. Its API key
 * is the caller's to clear (EaselSecrets). "default-profile" is left as it
 * is, so undoing the removal of the default makes it the default again.
 *
 * Returns: where the profile was, or %G_MAXUINT when there is no such profile
 */
guint
easel_profile_store_remove (EaselProfileStore *self,
                            const char        *id)
{
  g_autoptr(EaselProfile) profile = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) new_ids = NULL;
  Entry *entry;
  guint position;

  g_return_val_if_fail (EASEL_IS_PROFILE_STORE (self), G_MAXUINT);
  g_return_val_if_fail (id != NULL, G_MAXUINT);

  entry = g_hash_table_lookup (self->entries, id);
  if (entry == NULL)
    return G_MAXUINT;

  profile = g_object_ref (entry->profile);
  settings = g_object_ref (entry->settings);
  if (!model_find (self, profile, &position))
    g_assert_not_reached ();
  g_hash_table_remove (self->entries, id);
  g_list_store_remove (self->profiles, position);

  /* Unlist it first, so nobody following the list reads it half reset. */
  ids = g_settings_get_strv (self->settings, "profiles");
  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (!g_str_equal (ids[i], id))
        g_strv_builder_add (builder, ids[i]);
    }
  new_ids = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "profiles", (const char * const *) new_ids);

  reset_profile (self->schema, settings);

  return position;
}

/**
 * easel_profile_store_get_default:
 * @self: a #EaselProfileStore
 *
 * Returns: (transfer none) (nullable): the default profile
 */
EaselProfile *
easel_profile_store_get_default (EaselProfileStore *self)
{
  g_autofree char *id = NULL;
  EaselProfile *profile;

  g_return_val_if_fail (EASEL_IS_PROFILE_STORE (self), NULL);

  id = g_settings_get_string (self->settings, "default-profile");
  profile = easel_profile_store_lookup (self, id);
  if (profile != NULL)
    return profile;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->profiles)) == 0)
    return NULL;

  /* The list holds a reference, so a borrowed pointer stays valid. */
  profile = g_list_model_get_item (G_LIST_MODEL (self->profiles), 0);
  g_object_unref (profile);

  return profile;
}

void
easel_profile_store_set_default (EaselProfileStore *self,
                                 const char        *id)
{
  g_autofree char *current = NULL;

  g_return_if_fail (EASEL_IS_PROFILE_STORE (self));
  g_return_if_fail (id != NULL);

  current = g_settings_get_string (self->settings, "default-profile");
  if (!g_str_equal (current, id))
    g_settings_set_string (self->settings, "default-profile", id);
}
