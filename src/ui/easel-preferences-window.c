/* easel-preferences-window.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-preferences-window.h"

struct _EaselPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  EaselSettings        *settings;

  /* Template widgets */
  AdwComboRow          *style_row;
};

G_DEFINE_FINAL_TYPE (EaselPreferencesWindow, easel_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The Style row lists the EaselColorScheme values in enum order, so the
 * row's position and the enum value are the same number. */
static gboolean
scheme_to_position (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      user_data)
{
  g_value_set_uint (to, (guint) g_value_get_enum (from));
  return TRUE;
}

static gboolean
position_to_scheme (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      user_data)
{
  guint position = g_value_get_uint (from);

  if (position > EASEL_COLOR_SCHEME_DARK)
    return FALSE;

  g_value_set_enum (to, (int) position);
  return TRUE;
}

static void
easel_preferences_window_constructed (GObject *object)
{
  EaselPreferencesWindow *self = EASEL_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (easel_preferences_window_parent_class)->constructed (object);

  g_object_bind_property_full (self->settings, "color-scheme",
                               self->style_row, "selected",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               scheme_to_position, position_to_scheme, NULL, NULL);
}

static void
easel_preferences_window_dispose (GObject *object)
{
  EaselPreferencesWindow *self = EASEL_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EASEL_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (easel_preferences_window_parent_class)->dispose (object);
}

static void
easel_preferences_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  EaselPreferencesWindow *self = EASEL_PREFERENCES_WINDOW (object);

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
easel_preferences_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  EaselPreferencesWindow *self = EASEL_PREFERENCES_WINDOW (object);

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
easel_preferences_window_class_init (EaselPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = easel_preferences_window_constructed;
  object_class->dispose = easel_preferences_window_dispose;
  object_class->get_property = easel_preferences_window_get_property;
  object_class->set_property = easel_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         EASEL_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/easel-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselPreferencesWindow, style_row);
}

static void
easel_preferences_window_init (EaselPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * easel_preferences_window_new:
 * @settings: the app's #EaselSettings
 *
 * Returns: (transfer full): a new Preferences window editing @settings
 */
EaselPreferencesWindow *
easel_preferences_window_new (EaselSettings *settings)
{
  g_return_val_if_fail (EASEL_IS_SETTINGS (settings), NULL);

  return g_object_new (EASEL_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}
