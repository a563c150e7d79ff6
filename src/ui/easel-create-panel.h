/* easel-create-panel.h: the controls of the next request
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "easel-profile-store.h"
#include "easel-reference-tray.h"
#include "easel-request.h"

G_BEGIN_DECLS

#define EASEL_TYPE_CREATE_PANEL (easel_create_panel_get_type ())

/* Gateway, prompt, references, size, quality, format and the rest, shaped
 * by the chosen profile: controls it cannot honour are hidden or made
 * insensitive with a tooltip saying why. Checks the request as it is
 * edited; "problem" says what stops it (NULL when it can go) and
 * "can-generate" follows. The panel.generate action (the Generate button,
 * Ctrl+Enter) emits "generate" only when the request is valid.
 *
 * Properties: "profile-store" (construct), "profile" (the chosen one),
 * "can-generate", "problem", "estimate" (the cost line). */
G_DECLARE_FINAL_TYPE (EaselCreatePanel, easel_create_panel, EASEL, CREATE_PANEL, AdwBin)

GtkWidget          *easel_create_panel_new                 (EaselProfileStore *store);

EaselProfile       *easel_create_panel_get_profile         (EaselCreatePanel  *self);
void                easel_create_panel_set_profile         (EaselCreatePanel  *self,
                                                            EaselProfile      *profile);
/* A new request from the controls, as Generate would send it. */
EaselRequest       *easel_create_panel_build_request       (EaselCreatePanel  *self);
/* Sets every control from @request (Reuse Parameters), and the profile when
 * @profile is not NULL. */
void                easel_create_panel_apply_request       (EaselCreatePanel  *self,
                                                            EaselRequest      *request,
                                                            EaselProfile      *profile);
gboolean            easel_create_panel_get_can_generate    (EaselCreatePanel  *self);
const char         *easel_create_panel_get_problem         (EaselCreatePanel  *self);
const char         *easel_create_panel_get_estimate        (EaselCreatePanel  *self);
EaselReferenceTray *easel_create_panel_get_reference_tray  (EaselCreatePanel  *self);
/* Gives the prompt the keyboard focus. */
void                easel_create_panel_focus_prompt        (EaselCreatePanel  *self);
void                easel_create_panel_set_prompt          (EaselCreatePanel  *self,
                                                            const char        *prompt);

G_END_DECLS
