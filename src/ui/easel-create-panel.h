/* easel-create-panel.h: the controls of the next request
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "easel-mask.h"
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
 * The panel owns the mask of the next edit: an EaselMask at the size of
 * the first reference, tied to the image that was first when it was made.
 * When another image becomes first (removed, moved, Edit This Image, the
 * editor's Replace Image, Reuse Parameters) the mask is dropped with a
 * toast whose Undo brings back the list and the mask. An empty mask counts
 * as none. Its PNG is made on a worker thread a moment after each change;
 * meanwhile "problem" says "Preparing the mask…" and Generate waits.
 *
 * Properties: "profile-store" (construct), "profile" (the chosen one),
 * "can-generate", "problem", "estimate" (the cost line).
 * Signals: "generate", "add-toast" (AdwToast *: for the window to show;
 * some carry an Undo). */
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

/* The mask (nullable; it may be empty, which counts as none). */
EaselMask          *easel_create_panel_get_mask            (EaselCreatePanel  *self);
/* Makes @mask (at the first reference's size) the mask of the first
 * reference; NULL drops it without a toast. */
void                easel_create_panel_set_mask            (EaselCreatePanel  *self,
                                                            EaselMask         *mask);
/* Whether a mask with something painted is set. */
gboolean            easel_create_panel_has_mask            (EaselCreatePanel  *self);
/* Whether its PNG is being made or an import is under way. */
gboolean            easel_create_panel_get_mask_pending    (EaselCreatePanel  *self);
/* Remove Mask: drops it with an undoable toast. */
void                easel_create_panel_remove_mask         (EaselCreatePanel  *self);
/* Opens the mask editor over the window on the first reference. */
void                easel_create_panel_edit_mask           (EaselCreatePanel  *self);
/* The editor while it is open, or NULL. */
GtkWindow          *easel_create_panel_get_mask_editor     (EaselCreatePanel  *self);
/* The mask slot's drop handler, public so tests can drive it: the alpha
 * of a PNG (a GdkFileList, a GFile or a GdkTexture) becomes the mask, at
 * the first reference's size; refusals and scaling come as toasts. */
gboolean            easel_create_panel_drop_mask           (EaselCreatePanel  *self,
                                                            const GValue      *value);
/* Paste as Mask: the clipboard's image (or image file) the same way. */
void                easel_create_panel_paste_mask          (EaselCreatePanel  *self,
                                                            GdkClipboard      *clipboard);

G_END_DECLS
