/* easel-profile-store.h: the user's gateway profiles, kept in GSettings
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "easel-profile.h"

G_BEGIN_DECLS

#define EASEL_TYPE_PROFILE_STORE (easel_profile_store_get_type ())

G_DECLARE_FINAL_TYPE (EaselProfileStore, easel_profile_store, EASEL, PROFILE_STORE, GObject)

/* @settings is the app's own GSettings (schema io.github.easelapp.Easel):
 * its "profiles" key lists the profile ids in order and "default-profile"
 * names the default. Each profile's fields live in the relocatable schema
 * io.github.easelapp.Easel.Profile at /io/github/easelapp/Easel/profiles/ID/,
 * on the same backend as @settings. Keys are never stored here. */
EaselProfileStore *easel_profile_store_new                (GSettings          *settings);

/* (element-type EaselProfile): in the user's order. Changes made to a
 * profile in the list are written back at once; changes made elsewhere
 * (easel-cli, another window) show up in the list. */
GListModel        *easel_profile_store_get_profiles       (EaselProfileStore  *self);
EaselProfile      *easel_profile_store_lookup             (EaselProfileStore  *self,
                                                           const char         *id);

/* New profiles get an id made from their name ("openai", "openai-2", …). */
EaselProfile      *easel_profile_store_add_preset         (EaselProfileStore  *self,
                                                           const char         *preset_id,
                                                           GError            **error);
EaselProfile      *easel_profile_store_add_custom         (EaselProfileStore  *self,
                                                           EaselDialectKind    dialect,
                                                           const char         *base_url,
                                                           GError            **error);
/* Adds @profile under its own id, at the end (easel-cli's --id). Refuses
 * an id easel_profile_store_check_new_id() refuses. */
gboolean           easel_profile_store_add                (EaselProfileStore  *self,
                                                           EaselProfile       *profile,
                                                           GError            **error);
/* Whether @id may name a new profile: lower-case letters, digits and
 * dashes, and not taken, so a caller can check before writing anything. */
gboolean           easel_profile_store_check_new_id      (EaselProfileStore  *self,
                                                           const char         *id,
                                                           GError            **error);
/* Puts a profile back (undo of a removal) at @position, with its id. */
void               easel_profile_store_restore            (EaselProfileStore  *self,
                                                           EaselProfile       *profile,
                                                           guint               position);
/* Removes the profile and its settings; returns its position, for undo. */
guint              easel_profile_store_remove             (EaselProfileStore  *self,
                                                           const char         *id);

/* The default profile: the one named by "default-profile" if it exists,
 * else the first; NULL when there are none. */
EaselProfile      *easel_profile_store_get_default        (EaselProfileStore  *self);
void               easel_profile_store_set_default        (EaselProfileStore  *self,
                                                           const char         *id);

G_END_DECLS
