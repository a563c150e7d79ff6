/* easel-secrets.h: API keys in the Secret Service, and nowhere else
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define EASEL_TYPE_SECRETS (easel_secrets_get_type ())

G_DECLARE_FINAL_TYPE (EaselSecrets, easel_secrets, EASEL, SECRETS, GObject)

/* Keys are stored with libsecret under the schema io.github.easelapp.Easel.ApiKey
 * with one attribute, "profile-id". Inside Flatpak libsecret goes through the
 * Secret portal by itself. When no Secret Service answers, the first call
 * that needs it fails over to keeping keys in memory for this run only and
 * "persistent" turns FALSE, so the UI can say so; nothing is ever written
 * to a file. */
EaselSecrets *easel_secrets_new             (void);
gboolean      easel_secrets_get_persistent  (EaselSecrets       *self);

/* @label is what the keyring shows, e.g. "Easel API key for OpenAI". */
void          easel_secrets_store_async     (EaselSecrets       *self,
                                             const char         *profile_id,
                                             const char         *label,
                                             const char         *key,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
gboolean      easel_secrets_store_finish    (EaselSecrets       *self,
                                             GAsyncResult       *result,
                                             GError            **error);
/* The key, or NULL with no error when none is stored. */
void          easel_secrets_lookup_async    (EaselSecrets       *self,
                                             const char         *profile_id,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
char         *easel_secrets_lookup_finish   (EaselSecrets       *self,
                                             GAsyncResult       *result,
                                             GError            **error);
void          easel_secrets_clear_async     (EaselSecrets       *self,
                                             const char         *profile_id,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
gboolean      easel_secrets_clear_finish    (EaselSecrets       *self,
                                             GAsyncResult       *result,
                                             GError            **error);

/* Blocking forms, for easel-cli. */
gboolean      easel_secrets_store_sync      (EaselSecrets       *self,
                                             const char         *profile_id,
                                             const char         *label,
                                             const char         *key,
                                             GCancellable       *cancellable,
                                             GError            **error);
char         *easel_secrets_lookup_sync     (EaselSecrets       *self,
                                             const char         *profile_id,
                                             GCancellable       *cancellable,
                                             GError            **error);
gboolean      easel_secrets_clear_sync      (EaselSecrets       *self,
                                             const char         *profile_id,
                                             GCancellable       *cancellable,
                                             GError            **error);

G_END_DECLS
