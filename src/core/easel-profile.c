/* easel-profile.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A profile is one gateway as the user configured it: dialect, base URL,
 * model, limits and prices. The API key is never here: EaselSecrets keeps
 * it by profile id. Presets carry what each gateway's document states. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-error.h"
#include "easel-profile.h"
#include "easel-size.h"

struct _EaselProfile
{
  GObject              parent_instance;

  char                *id;
  char                *name;
  EaselDialectKind     dialect;
  char                *base_url;
  char                *host;
  char                *model;
  EaselProfileLimits   limits;
  EaselProfilePricing  pricing;
  char                *preset_id;
  guint                concurrency;
};

G_DEFINE_FINAL_TYPE (EaselProfile, easel_profile, G_TYPE_OBJECT)

#define MAX_CONCURRENCY 8

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DIALECT,
  PROP_BASE_URL,
  PROP_MODEL,
  PROP_PRESET_ID,
  PROP_CONCURRENCY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Every change, to a property or to the limits and prices, is announced
 * once as "changed", so whoever stores profiles has one thing to watch. */
static void
changed (EaselProfile *self,
         guint         prop_id)
{
  if (prop_id != PROP_0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
set_string (char       **field,
            const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

#define RES(r) (1u << (r))

typedef struct
{
  const char          *id;
  const char          *name;
  EaselDialectKind     dialect;
  const char          *base_url;
  const char          *model;
  EaselProfileLimits   limits;
  EaselProfilePricing  pricing;
} Preset;

/* From the gateway documents (DESIGN.md §4.5). Prices are per image, by
 * quality in EaselQuality order: auto, low, medium, high; auto is billed as
 * medium. 0 means the gateway publishes no price. */
static const Preset presets[] = {
  {
    "openai", N_("OpenAI"), EASEL_DIALECT_OPENAI, "https://api.openai.com/v1", "gpt-image-2",
    { .max_n = 10, .max_references = 16, .max_prompt_chars = 32000, .supports_mask = TRUE,
      .supports_streaming = TRUE, .size_form = EASEL_SIZE_FORM_PIXELS,
      .reference_forms = EASEL_REFERENCE_FORM_FILES },
    { "USD", { 0.053, 0.006, 0.053, 0.211 }, { 0.041, 0.005, 0.041, 0.165 }, TRUE },
  },
  {
    "apiyi", N_("APIYI"), EASEL_DIALECT_OPENAI, "https://api.apiyi.com/v1", "gpt-image-2",
    { .max_n = 1, .max_references = 16, .max_prompt_chars = 32000, .supports_mask = TRUE,
      .size_form = EASEL_SIZE_FORM_PIXELS, .reference_forms = EASEL_REFERENCE_FORM_FILES },
    { "USD", { 0.053, 0.006, 0.053, 0.211 }, { 0.041, 0.005, 0.041, 0.165 }, TRUE },
  },
  {
    "yycode", N_("YYCode"), EASEL_DIALECT_YYCODE, "https://gpt.yycode.net", "gpt-image-2",
    { .max_n = 10, .max_references = 16, .max_prompt_chars = 32000, .supports_mask = TRUE,
      .always_async = TRUE, .size_form = EASEL_SIZE_FORM_PIXELS,
      .reference_forms = EASEL_REFERENCE_FORM_FILES, .poll_interval_ms = 6000 },
    { "", { 0 }, { 0 }, FALSE },
  },
  {
    "icodeeasy", N_("icodeeasy"), EASEL_DIALECT_ICODEEASY, "https://jp.icodeeasy.cc/v1",
    "gpt-image-2",
    { .max_n = 10, .max_references = 16, .max_prompt_chars = 32000, .supports_async = TRUE,
      .size_form = EASEL_SIZE_FORM_RATIO,
      .reference_forms = EASEL_REFERENCE_FORM_FILES | EASEL_REFERENCE_FORM_URLS |
                         EASEL_REFERENCE_FORM_DATA,
      .resolutions = RES (EASEL_RESOLUTION_1K) | RES (EASEL_RESOLUTION_2K),
      .poll_interval_ms = 3000 },
    { "CNY", { 0.20, 0.10, 0.20, 0.40 }, { 0.20, 0.10, 0.20, 0.40 }, FALSE },
  },
  {
    "aizfw", N_("aizfw gpt-image-2"), EASEL_DIALECT_AIZFW,
    "https://zcbservice.aizfw.cn/kyyReactApiServer", "gpt-image-2",
    { .max_n = 1, .max_references = 6, .max_prompt_chars = 32000, .always_async = TRUE,
      .size_form = EASEL_SIZE_FORM_RATIO, .reference_forms = EASEL_REFERENCE_FORM_URLS,
      .resolutions = RES (EASEL_RESOLUTION_1K) | RES (EASEL_RESOLUTION_2K) |
                     RES (EASEL_RESOLUTION_4K),
      .poll_interval_ms = 3000 },
    { "", { 0 }, { 0 }, FALSE },
  },
  {
    "aizfw-r", N_("aizfw gpt-image-2-r"), EASEL_DIALECT_AIZFW,
    "https://zcbservice.aizfw.cn/kyyReactApiServer", "gpt-image-2-r",
    { .max_n = 1, .max_references = 16, .max_prompt_chars = 32000, .always_async = TRUE,
      .quality_ignored = TRUE, .size_form = EASEL_SIZE_FORM_RATIO,
      .reference_forms = EASEL_REFERENCE_FORM_URLS,
      .resolutions = RES (EASEL_RESOLUTION_1K), .poll_interval_ms = 3000 },
    { "", { 0 }, { 0 }, FALSE },
  },
};

static const char *const preset_ids[] = {
  "openai", "apiyi", "yycode", "icodeeasy", "aizfw", "aizfw-r", NULL
};

/* Limits for a custom profile of a dialect: what the dialect can carry. */
static void
default_limits (EaselDialectKind    dialect,
                EaselProfileLimits *limits)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      /* The first preset of each dialect is its most capable one. */
      if (presets[i].dialect == dialect)
        {
          *limits = presets[i].limits;
          return;
        }
    }

  g_assert_not_reached ();
}

static void
easel_profile_finalize (GObject *object)
{
  EaselProfile *self = EASEL_PROFILE (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->preset_id, g_free);

  G_OBJECT_CLASS (easel_profile_parent_class)->finalize (object);
}

static void
easel_profile_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  EaselProfile *self = EASEL_PROFILE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DIALECT:
      g_value_set_uint (value, self->dialect);
      break;
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    case PROP_PRESET_ID:
      g_value_set_string (value, self->preset_id);
      break;
    case PROP_CONCURRENCY:
      g_value_set_uint (value, self->concurrency);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_profile_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  EaselProfile *self = EASEL_PROFILE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      easel_profile_set_name (self, g_value_get_string (value));
      break;
    case PROP_MODEL:
      easel_profile_set_model (self, g_value_get_string (value));
      break;
    case PROP_CONCURRENCY:
      easel_profile_set_concurrency (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_profile_class_init (EaselProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags read_only = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags read_write = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = easel_profile_finalize;
  object_class->get_property = easel_profile_get_property;
  object_class->set_property = easel_profile_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, read_only);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, read_write);
  properties[PROP_DIALECT] = g_param_spec_uint ("dialect", NULL, NULL, 0, EASEL_DIALECT_AIZFW,
                                                EASEL_DIALECT_OPENAI, read_only);
  properties[PROP_BASE_URL] = g_param_spec_string ("base-url", NULL, NULL, NULL, read_only);
  properties[PROP_MODEL] = g_param_spec_string ("model", NULL, NULL, NULL, read_write);
  properties[PROP_PRESET_ID] = g_param_spec_string ("preset-id", NULL, NULL, NULL, read_only);
  properties[PROP_CONCURRENCY] = g_param_spec_uint ("concurrency", NULL, NULL,
                                                    1, MAX_CONCURRENCY, 2, read_write);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EaselProfile::changed:
   *
   * Emitted after any change, including the limits and prices.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
easel_profile_init (EaselProfile *self)
{
  self->model = g_strdup ("gpt-image-2");
  self->concurrency = 2;
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static GUri *
parse_base_url (const char  *base_url,
                GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (base_url == NULL || *base_url == '\0')
    {
      g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                           _("The base URL is empty. Enter the gateway’s API address, such as "
                             "https://api.openai.com/v1."));
      return NULL;
    }

  uri = g_uri_parse (base_url, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("The base URL “%s” is not a valid URL."), base_url);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  if (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("The base URL “%s” must start with https://."), base_url);
      return NULL;
    }

  if (host == NULL || *host == '\0')
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("The base URL “%s” has no host name."), base_url);
      return NULL;
    }

  if (g_uri_get_user (uri) != NULL || g_uri_get_password (uri) != NULL)
    {
      /* Not echoed: the URL holds a credential. */
      g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                           _("The base URL contains a user name or password. Remove it: the API "
                             "key belongs in the key field, where it is kept in the keyring."));
      return NULL;
    }

  if (g_str_equal (scheme, "http") && !host_is_loopback (host))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("The base URL “%s” uses http://, which would send the API key unencrypted. "
                     "Use https:// (http:// is allowed only for this computer, such as "
                     "127.0.0.1)."), base_url);
      return NULL;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("The base URL “%s” must not have a query or fragment."), base_url);
      return NULL;
    }

  return g_steal_pointer (&uri);
}

/**
 * easel_base_url_check:
 * @base_url: a gateway base URL
 * @error: return location for an %EASEL_ERROR_INVALID_REQUEST
 *
 * Returns: whether @base_url may be used for a profile
 */
gboolean
easel_base_url_check (const char  *base_url,
                      GError     **error)
{
  g_autoptr(GUri) uri = parse_base_url (base_url, error);

  return uri != NULL;
}

/**
 * easel_profile_new:
 * @id: a stable identifier (the keyring looks the key up by it)
 * @dialect: the wire protocol
 * @base_url: the API base URL; must pass easel_base_url_check()
 *
 * Creates a custom profile with the dialect's default limits and no prices.
 *
 * Returns: (transfer full): a new #EaselProfile
 */
EaselProfile *
easel_profile_new (const char       *id,
                   EaselDialectKind  dialect,
                   const char       *base_url)
{
  EaselProfile *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (dialect <= EASEL_DIALECT_AIZFW, NULL);

  self = g_object_new (EASEL_TYPE_PROFILE, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (id);
  self->dialect = dialect;
  default_limits (dialect, &self->limits);
  memset (&self->pricing, 0, sizeof self->pricing);
  if (!easel_profile_set_base_url (self, base_url, NULL))
    g_critical ("Profile “%s” created with an unusable base URL", id);

  return self;
}

const char * const *
easel_profile_preset_ids (void)
{
  return preset_ids;
}

static const Preset *
find_preset (const char *preset_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      if (g_strcmp0 (presets[i].id, preset_id) == 0)
        return &presets[i];
    }

  return NULL;
}

/**
 * easel_profile_preset_name:
 * @preset_id: a preset id
 *
 * Returns: (nullable): the preset's display name, translated
 */
const char *
easel_profile_preset_name (const char *preset_id)
{
  const Preset *preset = find_preset (preset_id);

  return preset ? _(preset->name) : NULL;
}

/**
 * easel_profile_new_from_preset:
 * @preset_id: one of easel_profile_preset_ids()
 * @profile_id: the new profile's id
 *
 * Returns: (transfer full) (nullable): a profile with the preset's URL,
 *   model, limits and prices, or %NULL for an unknown preset
 */
EaselProfile *
easel_profile_new_from_preset (const char *preset_id,
                               const char *profile_id)
{
  const Preset *preset = find_preset (preset_id);
  EaselProfile *self;

  g_return_val_if_fail (profile_id != NULL, NULL);

  if (preset == NULL)
    return NULL;

  self = easel_profile_new (profile_id, preset->dialect, preset->base_url);
  g_free (self->name);
  self->name = g_strdup (_(preset->name));
  g_free (self->model);
  self->model = g_strdup (preset->model);
  self->limits = preset->limits;
  self->pricing = preset->pricing;
  self->preset_id = g_strdup (preset->id);

  return self;
}

const char *
easel_profile_get_id (EaselProfile *self)
{
  g_return_val_if_fail (EASEL_IS_PROFILE (self), NULL);
  return self->id;
}

const char *
easel_profile_get_name (EaselProfile *self)
{
  g_return_val_if_fail (EASEL_IS_PROFILE (self), NULL);
  return self->name;
}

void
easel_profile_set_name (EaselProfile *self,
                        const char   *name)
{
  g_return_if_fail (EASEL_IS_PROFILE (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;
  set_string (&self->name, name);
  changed (self, PROP_NAME);
}

EaselDialectKind
easel_profile_get_dialect (EaselProfile *self)
{
  g_return_val_if_fail (EASEL_IS_PROFILE (self), EASEL_DIALECT_OPENAI);
  return self->dialect;
}

const char *
easel_profile_get_base_url (EaselProfile *self)
{
  g_return_val_if_fail (EASEL_IS_PROFILE (self), NULL);
  return self->base_url;
}

gboolean
easel_profile_set_base_url (EaselProfile  *self,
                            const char    *base_url,
                            GError       **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *trimmed = NULL;
  gsize length;
  int port;

  g_return_val_if_fail (EASEL_IS_PROFILE (self), FALSE);

  uri = parse_base_url (base_url, error);
  if (uri == NULL)
    return FALSE;

  trimmed = g_strdup (base_url);
  length = strlen (trimmed);
  while (length > 0 && trimmed[length - 1] == '/')
    trimmed[--length] = '\0';

  if (g_strcmp0 (self->base_url, trimmed) == 0)
    return TRUE;
  g_free (self->base_url);
  self->base_url = g_steal_pointer (&trimmed);

  port = g_uri_get_port (uri);
  g_free (self->host);
  if (port > 0)
    self->host = g_strdup_printf ("%s:%d", g_uri_get_host (uri), port);
  else
    self->host = g_strdup (g_uri_get_host (uri));

  changed (self, PROP_BASE_URL);
  return TRUE;
}

const char *
easel_profile_get_model (EaselProfile *self)
{
  g_return_val_if_fail (EASEL_IS_PROFILE (self), NULL);
  return self->model;
}

void
easel_profile_set_model (EaselProfile *self,
                         const char   *model)
{
  g_return_if_fail (EASEL_IS_PROFILE (self));
  g_return_if_fail (model != NULL && *model != '\0');

  if (g_strcmp0 (self->model, model) == 0)
    return;
  set_string (&self->model, model);
  changed (self, PROP_MODEL);
}

const EaselProfileLimits *
easel_profile_get_limits (EaselProfile *self)
{
  g_return_val_if_fail (EASEL_IS_PROFILE (self), NULL);
  return &self->limits;
}

void
easel_profile_set_limits (EaselProfile             *self,
                          const EaselProfileLimits *limits)
{
  g_return_if_fail (EASEL_IS_PROFILE (self));
  g_return_if_fail (limits != NULL);

  if (memcmp (&self->limits, limits, sizeof *limits) == 0)
    return;
  self->limits = *limits;
  changed (self, PROP_0);
}

const EaselProfilePricing *
easel_profile_get_pricing (EaselProfile *self)
{
  g_return_val_if_fail (EASEL_IS_PROFILE (self), NULL);
  return &self->pricing;
}

void
easel_profile_set_pricing (EaselProfile              *self,
                           const EaselProfilePricing *pricing)
{
  g_return_if_fail (EASEL_IS_PROFILE (self));
  g_return_if_fail (pricing != NULL);

  if (memcmp (&self->pricing, pricing, sizeof *pricing) == 0)
    return;
  self->pricing = *pricing;
  changed (self, PROP_0);
}

const char *
easel_profile_get_preset_id (EaselProfile *self)
{
  g_return_val_if_fail (EASEL_IS_PROFILE (self), NULL);
  return self->preset_id;
}

guint
easel_profile_get_concurrency (EaselProfile *self)
{
  g_return_val_if_fail (EASEL_IS_PROFILE (self), 1);
  return self->concurrency;
}

void
easel_profile_set_concurrency (EaselProfile *self,
                               guint         concurrency)
{
  g_return_if_fail (EASEL_IS_PROFILE (self));
  g_return_if_fail (concurrency >= 1 && concurrency <= MAX_CONCURRENCY);

  if (self->concurrency == concurrency)
    return;
  self->concurrency = concurrency;
  changed (self, PROP_CONCURRENCY);
}

/**
 * easel_profile_get_host:
 * @self: a #EaselProfile
 *
 * Returns: the host, with ":port" when the URL names one; the only place
 *   the API key is ever sent
 */
const char *
easel_profile_get_host (EaselProfile *self)
{
  g_return_val_if_fail (EASEL_IS_PROFILE (self), NULL);
  return self->host;
}

static const char *const dialect_names[] = { "openai", "icodeeasy", "yycode", "aizfw" };

const char *
easel_dialect_kind_to_string (EaselDialectKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (dialect_names), NULL);
  return dialect_names[kind];
}

gboolean
easel_dialect_kind_from_string (const char       *text,
                                EaselDialectKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (dialect_names); i++)
    {
      if (g_strcmp0 (text, dialect_names[i]) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

static const char *const quality_names[] = { "auto", "low", "medium", "high" };

const char *
easel_quality_to_string (EaselQuality quality)
{
  g_return_val_if_fail (quality < G_N_ELEMENTS (quality_names), NULL);
  return quality_names[quality];
}

gboolean
easel_quality_from_string (const char   *text,
                           EaselQuality *quality)
{
  for (guint i = 0; i < G_N_ELEMENTS (quality_names); i++)
    {
      if (g_strcmp0 (text, quality_names[i]) == 0)
        {
          *quality = i;
          return TRUE;
        }
    }

  return FALSE;
}
