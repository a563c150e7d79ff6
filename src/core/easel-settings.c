/* easel-settings.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* EaselSettings is the one typed view of Easel's GSettings. Every other part
 * of the app reads and writes preferences through it, so key names live in
 * one file and each value has a C type and a GObject property that widgets
 * can bind to. GSettings stays the single source of truth: the properties
 * read through to it, and a change made elsewhere (another window, the
 * command line, dconf) comes back as a property notification.
 */

#include "config.h"

#include "easel-settings.h"
#include "easel-core-enums.h"

struct _EaselSettings
{
  GObject    parent_instance;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (EaselSettings, easel_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_GSETTINGS,
  PROP_WINDOW_WIDTH,
  PROP_WINDOW_HEIGHT,
  PROP_WINDOW_MAXIMIZED,
  PROP_COLOR_SCHEME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The GSettings key behind each property; NULL for the construct-only one. */
static const char *const property_keys[N_PROPS] = {
  [PROP_WINDOW_WIDTH] = "window-width",
  [PROP_WINDOW_HEIGHT] = "window-height",
  [PROP_WINDOW_MAXIMIZED] = "window-maximized",
  [PROP_COLOR_SCHEME] = "color-scheme",
};

static void
on_settings_changed (EaselSettings *self,
                     const char    *key,
                     GSettings     *settings)
{
  for (guint i = 1; i < N_PROPS; i++)
    {
      if (property_keys[i] != NULL && g_str_equal (property_keys[i], key))
        {
          g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
          return;
        }
    }
}

static void
easel_settings_constructed (GObject *object)
{
  EaselSettings *self = EASEL_SETTINGS (object);

  G_OBJECT_CLASS (easel_settings_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);

  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (on_settings_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
easel_settings_finalize (GObject *object)
{
  EaselSettings *self = EASEL_SETTINGS (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (easel_settings_parent_class)->finalize (object);
}

static void
easel_settings_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EaselSettings *self = EASEL_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_GSETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_WINDOW_WIDTH:
      g_value_set_int (value, easel_settings_get_window_width (self));
      break;

    case PROP_WINDOW_HEIGHT:
      g_value_set_int (value, easel_settings_get_window_height (self));
      break;

    case PROP_WINDOW_MAXIMIZED:
      g_value_set_boolean (value, easel_settings_get_window_maximized (self));
      break;

    case PROP_COLOR_SCHEME:
      g_value_set_enum (value, easel_settings_get_color_scheme (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_settings_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EaselSettings *self = EASEL_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_GSETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_WINDOW_WIDTH:
      easel_settings_set_window_size (self, g_value_get_int (value),
                                      easel_settings_get_window_height (self));
      break;

    case PROP_WINDOW_HEIGHT:
      easel_settings_set_window_size (self, easel_settings_get_window_width (self),
                                      g_value_get_int (value));
      break;

    case PROP_WINDOW_MAXIMIZED:
      easel_settings_set_window_maximized (self, g_value_get_boolean (value));
      break;

    case PROP_COLOR_SCHEME:
      easel_settings_set_color_scheme (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_settings_class_init (EaselSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = easel_settings_constructed;
  object_class->finalize = easel_settings_finalize;
  object_class->get_property = easel_settings_get_property;
  object_class->set_property = easel_settings_set_property;

  properties[PROP_GSETTINGS] =
    g_param_spec_object ("gsettings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_WINDOW_WIDTH] =
    g_param_spec_int ("window-width", NULL, NULL,
                      -1, G_MAXINT, 1180,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_WINDOW_HEIGHT] =
    g_param_spec_int ("window-height", NULL, NULL,
                      -1, G_MAXINT, 760,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_WINDOW_MAXIMIZED] =
    g_param_spec_boolean ("window-maximized", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_COLOR_SCHEME] =
    g_param_spec_enum ("color-scheme", NULL, NULL,
                       EASEL_TYPE_COLOR_SCHEME, EASEL_COLOR_SCHEME_SYSTEM,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
easel_settings_init (EaselSettings *self)
{
}

/**
 * easel_settings_new:
 *
 * Creates the settings object for the app's own schema.
 *
 * Returns: (transfer full): a new #EaselSettings
 */
EaselSettings *
easel_settings_new (void)
{
  return g_object_new (EASEL_TYPE_SETTINGS, NULL);
}

/**
 * easel_settings_new_for_gsettings:
 * @settings: a #GSettings for the `io.github.easelapp.Easel` schema
 *
 * Wraps an existing #GSettings, for example one on a memory backend in tests.
 *
 * Returns: (transfer full): a new #EaselSettings
 */
EaselSettings *
easel_settings_new_for_gsettings (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (EASEL_TYPE_SETTINGS, "gsettings", settings, NULL);
}

/**
 * easel_settings_get_gsettings:
 * @self: a #EaselSettings
 *
 * Returns: (transfer none): the #GSettings behind @self, for g_settings_bind()
 *   and g_settings_create_action()
 */
GSettings *
easel_settings_get_gsettings (EaselSettings *self)
{
  g_return_val_if_fail (EASEL_IS_SETTINGS (self), NULL);

  return self->settings;
}

int
easel_settings_get_window_width (EaselSettings *self)
{
  g_return_val_if_fail (EASEL_IS_SETTINGS (self), -1);

  return g_settings_get_int (self->settings, "window-width");
}

int
easel_settings_get_window_height (EaselSettings *self)
{
  g_return_val_if_fail (EASEL_IS_SETTINGS (self), -1);

  return g_settings_get_int (self->settings, "window-height");
}

/**
 * easel_settings_set_window_size:
 * @self: a #EaselSettings
 * @width: the unmaximised width in logical pixels, or -1 for the default
 * @height: the unmaximised height in logical pixels, or -1 for the default
 *
 * Records the window size to restore on the next start. Only an edge that
 * changed is written, so only its property notifies.
 */
void
easel_settings_set_window_size (EaselSettings *self,
                                int            width,
                                int            height)
{
  g_return_if_fail (EASEL_IS_SETTINGS (self));
  g_return_if_fail (width >= -1 && height >= -1);

  if (width != easel_settings_get_window_width (self))
    g_settings_set_int (self->settings, "window-width", width);
  if (height != easel_settings_get_window_height (self))
    g_settings_set_int (self->settings, "window-height", height);
}

gboolean
easel_settings_get_window_maximized (EaselSettings *self)
{
  g_return_val_if_fail (EASEL_IS_SETTINGS (self), FALSE);

  return g_settings_get_boolean (self->settings, "window-maximized");
}

void
easel_settings_set_window_maximized (EaselSettings *self,
                                     gboolean       maximized)
{
  g_return_if_fail (EASEL_IS_SETTINGS (self));

  maximized = !!maximized;
  if (maximized == easel_settings_get_window_maximized (self))
    return;

  g_settings_set_boolean (self->settings, "window-maximized", maximized);
}

EaselColorScheme
easel_settings_get_color_scheme (EaselSettings *self)
{
  g_return_val_if_fail (EASEL_IS_SETTINGS (self), EASEL_COLOR_SCHEME_SYSTEM);

  return g_settings_get_enum (self->settings, "color-scheme");
}

void
easel_settings_set_color_scheme (EaselSettings    *self,
                                 EaselColorScheme  scheme)
{
  g_return_if_fail (EASEL_IS_SETTINGS (self));
  g_return_if_fail (scheme >= EASEL_COLOR_SCHEME_SYSTEM && scheme <= EASEL_COLOR_SCHEME_DARK);

  if (scheme == easel_settings_get_color_scheme (self))
    return;

  g_settings_set_enum (self->settings, "color-scheme", scheme);
}
