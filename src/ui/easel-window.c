/* easel-window.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-window.h"

struct _EaselWindow
{
  AdwApplicationWindow  parent_instance;

  EaselSettings        *settings;

  /* Template widgets */
  AdwHeaderBar         *header_bar;
  GtkMenuButton        *primary_menu_button;
  AdwStatusPage        *welcome_page;
  GtkButton            *open_preferences_button;
};

G_DEFINE_FINAL_TYPE (EaselWindow, easel_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
easel_window_restore_state (EaselWindow *self)
{
  int width = easel_settings_get_window_width (self->settings);
  int height = easel_settings_get_window_height (self->settings);

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (easel_settings_get_window_maximized (self->settings))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
easel_window_save_state (EaselWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  /* The default size tracks the unmaximised size, so a maximised window
   * still remembers what to return to. */
  if (!maximized)
    {
      int width, height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      easel_settings_set_window_size (self->settings, width, height);
    }

  easel_settings_set_window_maximized (self->settings, maximized);
}

static gboolean
easel_window_close_request (GtkWindow *window)
{
  EaselWindow *self = EASEL_WINDOW (window);

  easel_window_save_state (self);

  return GTK_WINDOW_CLASS (easel_window_parent_class)->close_request (window);
}

static void
easel_window_constructed (GObject *object)
{
  EaselWindow *self = EASEL_WINDOW (object);

  G_OBJECT_CLASS (easel_window_parent_class)->constructed (object);

  g_assert (EASEL_IS_SETTINGS (self->settings));
  easel_window_restore_state (self);
}

static void
easel_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EaselWindow *self = EASEL_WINDOW (object);

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
easel_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  EaselWindow *self = EASEL_WINDOW (object);

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
easel_window_dispose (GObject *object)
{
  EaselWindow *self = EASEL_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EASEL_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (easel_window_parent_class)->dispose (object);
}

static void
easel_window_class_init (EaselWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = easel_window_constructed;
  object_class->dispose = easel_window_dispose;
  object_class->get_property = easel_window_get_property;
  object_class->set_property = easel_window_set_property;

  window_class->close_request = easel_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         EASEL_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/easel-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, EaselWindow, open_preferences_button);
}

static void
easel_window_init (EaselWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * easel_window_new:
 * @application: the #EaselApplication
 *
 * Returns: (transfer full): a new main window, sized as it was last closed
 */
EaselWindow *
easel_window_new (EaselApplication *application)
{
  g_return_val_if_fail (EASEL_IS_APPLICATION (application), NULL);

  return g_object_new (EASEL_TYPE_WINDOW,
                       "application", application,
                       "settings", easel_application_get_settings (application),
                       NULL);
}
