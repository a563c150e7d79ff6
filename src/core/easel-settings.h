/* easel-settings.h
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  EASEL_COLOR_SCHEME_SYSTEM,
  EASEL_COLOR_SCHEME_LIGHT,
  EASEL_COLOR_SCHEME_DARK,
} EaselColorScheme;

#define EASEL_TYPE_SETTINGS (easel_settings_get_type ())

G_DECLARE_FINAL_TYPE (EaselSettings, easel_settings, EASEL, SETTINGS, GObject)

EaselSettings    *easel_settings_new                      (void);
EaselSettings    *easel_settings_new_for_gsettings        (GSettings        *settings);
GSettings        *easel_settings_get_gsettings            (EaselSettings    *self);

int               easel_settings_get_window_width         (EaselSettings    *self);
int               easel_settings_get_window_height        (EaselSettings    *self);
void              easel_settings_set_window_size          (EaselSettings    *self,
                                                           int               width,
                                                           int               height);
gboolean          easel_settings_get_window_maximized     (EaselSettings    *self);
void              easel_settings_set_window_maximized     (EaselSettings    *self,
                                                           gboolean          maximized);
EaselColorScheme  easel_settings_get_color_scheme         (EaselSettings    *self);
void              easel_settings_set_color_scheme         (EaselSettings    *self,
                                                           EaselColorScheme  scheme);

char             *easel_settings_get_default_profile      (EaselSettings    *self);
void              easel_settings_set_default_profile      (EaselSettings    *self,
                                                           const char       *id);
/* The folder images are saved to, always an absolute path: the one the
 * user chose, or "Easel" in the Pictures folder (home without one). */
char             *easel_settings_get_save_folder          (EaselSettings    *self);
void              easel_settings_set_save_folder          (EaselSettings    *self,
                                                           const char       *path);
gboolean          easel_settings_get_ask_where_to_save    (EaselSettings    *self);
void              easel_settings_set_ask_where_to_save    (EaselSettings    *self,
                                                           gboolean          ask);
gboolean          easel_settings_get_notify_on_completion (EaselSettings    *self);
void              easel_settings_set_notify_on_completion (EaselSettings    *self,
                                                           gboolean          notify);

G_END_DECLS
