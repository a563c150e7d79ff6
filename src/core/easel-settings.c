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
  PROP_DEFAULT_PROFILE,
  PROP_SAVE_FOLDER,
  PROP_ASK_WHERE_TO_SAVE,
  PROP_NOTIFY_ON_COMPLETION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The GSettings key behind each property; NULL for the construct-only one. */
static const char *const property_keys[N_PROPS] = {
  [PROP_WINDOW_WIDTH] = "window-width",
  [PROP_WINDOW_HEIGHT] = "window-height",
  [PROP_WINDOW_MAXIMIZED] = "window-maximized",
  [PROP_COLOR_SCHEME] = "color-scheme",
  [PROP_DEFAULT_PROFILE] = "default-profile",
  [PROP_SAVE_FOLDER] = "save-folder",
  [PROP_ASK_WHERE_TO_SAVE] = "ask-where-to-save",
  [PROP_NOTIFY_ON_COMPLETION] = "notify-on-completion",
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

    case PROP_DEFAULT_PROFILE:
      g_value_take_string (value, easel_settings_get_default_profile (self));
      break;

    case PROP_SAVE_FOLDER:
      g_value_take_string (value, easel_settings_get_save_folder (self));
      break;

    case PROP_ASK_WHERE_TO_SAVE:
      g_value_set_boolean (value, easel_settings_get_ask_where_to_save (self));
      break;

    case PROP_NOTIFY_ON_COMPLETION:
      g_value_set_boolean (value, easel_settings_get_notify_on_completion (self));
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

    case PROP_DEFAULT_PROFILE:
      easel_settings_set_default_profile (self, g_value_get_string (value));
      break;

    case PROP_SAVE_FOLDER:
      easel_settings_set_save_folder (self, g_value_get_string (value));
      break;

    case PROP_ASK_WHERE_TO_SAVE:
      easel_settings_set_ask_where_to_save (self, g_value_get_boolean (value));
      break;

    case PROP_NOTIFY_ON_COMPLETION:
      easel_settings_set_notify_on_completion (self, g_value_get_boolean (value));
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

  properties[PROP_DEFAULT_PROFILE] =
    g_param_spec_string ("default-profile", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SAVE_FOLDER] =
    g_param_spec_string ("save-folder", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ASK_WHERE_TO_SAVE] =
    g_param_spec_boolean ("ask-where-to-save", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_NOTIFY_ON_COMPLETION] =
    g_param_spec_boolean ("notify-on-completion", NULL, NULL,
                          TRUE,
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

/**
 * easel_settings_get_default_profile:
 * @self: a #EaselSettings
 *
 * Returns: (transfer full): the id of the default gateway profile; empty
 *   when none was chosen
 */
char *
easel_settings_get_default_profile (EaselSettings *self)
{
  g_return_val_if_fail (EASEL_IS_SETTINGS (self), NULL);

  return g_settings_get_string (self->settings, "default-profile");
}

void
easel_settings_set_default_profile (EaselSettings *self,
                                    const char    *id)
{
  g_autofree char *current = NULL;

  g_return_if_fail (EASEL_IS_SETTINGS (self));

  if (id == NULL)
    id = "";
  current = easel_settings_get_default_profile (self);
  if (g_str_equal (current, id))
    return;

  g_settings_set_string (self->settings, "default-profile", id);
}

/* The Pictures folder can be unset (no xdg-user-dirs); home is where a
 * user would look next. */
static char *
default_save_folder (void)
{
  const char *pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);

  if (pictures == NULL)
    pictures = g_get_home_dir ();

  return g_build_filename (pictures, "Easel", NULL);
}

/**
 * easel_settings_get_save_folder:
 * @self: a #EaselSettings
 *
 * Returns: (transfer full): the absolute path of the folder images are
 *   saved to: the chosen one, or "Easel" in the Pictures folder
 */
char *
easel_settings_get_save_folder (EaselSettings *self)
{
  g_autofree char *stored = NULL;

  g_return_val_if_fail (EASEL_IS_SETTINGS (self), NULL);

  stored = g_settings_get_string (self->settings, "save-folder");
  if (*stored == '\0')
    return default_save_folder ();
  if (!g_path_is_absolute (stored))
    return g_build_filename (g_get_home_dir (), stored, NULL);

  return g_steal_pointer (&stored);
}

/**
 * easel_settings_set_save_folder:
 * @self: a #EaselSettings
 * @path: (nullable): an absolute folder path; %NULL or empty for the default
 *
 * Choosing the default folder itself stores "" rather than its path, so
 * the setting keeps following the Pictures folder if that moves.
 */
void
easel_settings_set_save_folder (EaselSettings *self,
                                const char    *path)
{
  g_autofree char *fallback = NULL;
  g_autofree char *stored = NULL;

  g_return_if_fail (EASEL_IS_SETTINGS (self));
  g_return_if_fail (path == NULL || *path == '\0' || g_path_is_absolute (path));

  fallback = default_save_folder ();
  if (path == NULL || g_strcmp0 (path, fallback) == 0)
    path = "";

  stored = g_settings_get_string (self->settings, "save-folder");
  if (g_str_equal (stored, path))
    return;

  g_settings_set_string (self->settings, "save-folder", path);
}

gboolean
easel_settings_get_ask_where_to_save (EaselSettings *self)
{
  g_return_val_if_fail (EASEL_IS_SETTINGS (self), FALSE);

  return g_settings_get_boolean (self->settings, "ask-where-to-save");
}

void
easel_settings_set_ask_where_to_save (EaselSettings *self,
                                      gboolean       ask)
{
  g_return_if_fail (EASEL_IS_SETTINGS (self));

  ask = !!ask;
  if (ask == easel_settings_get_ask_where_to_save (self))
    return;

  g_settings_set_boolean (self->settings, "ask-where-to-save", ask);
}

gboolean
easel_settings_get_notify_on_completion (EaselSettings *self)
{
  g_return_val_if_fail (EASEL_IS_SETTINGS (self), TRUE);

  return g_settings_get_boolean (self->settings, "notify-on-completion");
}

void
easel_settings_set_notify_on_completion (EaselSettings *self,
                                         gboolean       notify)
{
  g_return_if_fail (EASEL_IS_SETTINGS (self));

  notify = !!notify;
  if (notify == easel_settings_get_notify_on_completion (self))
    return;

  g_settings_set_boolean (self->settings, "notify-on-completion", notify);
}
