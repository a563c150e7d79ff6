/* easel-application.h
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "easel-client.h"
#include "easel-history.h"
#include "easel-profile-store.h"
#include "easel-secrets.h"
#include "easel-settings.h"

G_BEGIN_DECLS

#define EASEL_TYPE_APPLICATION (easel_application_get_type ())

G_DECLARE_FINAL_TYPE (EaselApplication, easel_application, EASEL, APPLICATION, AdwApplication)

EaselApplication *easel_application_new          (void);
EaselSettings     *easel_application_get_settings      (EaselApplication *self);
EaselProfileStore *easel_application_get_profile_store (EaselApplication *self);
EaselSecrets      *easel_application_get_secrets       (EaselApplication *self);
EaselClient       *easel_application_get_client        (EaselApplication *self);
EaselHistory      *easel_application_get_history       (EaselApplication *self);
gboolean           easel_application_get_history_status (EaselApplication *self,
                                                        const char      **moved_to,
                                                        const GError    **error);
gboolean           easel_application_claim_resume      (EaselApplication *self);

G_END_DECLS
