/* easel-profile-editor.h: one gateway profile, edited in Preferences
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "easel-client.h"
#include "easel-profile-store.h"
#include "easel-secrets.h"

G_BEGIN_DECLS

#define EASEL_TYPE_PROFILE_EDITOR (easel_profile_editor_get_type ())

G_DECLARE_FINAL_TYPE (EaselProfileEditor, easel_profile_editor, EASEL, PROFILE_EDITOR, GtkWidget)

EaselProfileEditor *easel_profile_editor_new         (EaselProfile      *profile,
                                                      EaselProfileStore *store,
                                                      EaselSecrets      *secrets,
                                                      EaselClient       *client);
EaselProfile       *easel_profile_editor_get_profile (EaselProfileEditor *self);

G_END_DECLS
