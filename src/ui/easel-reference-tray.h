/* easel-reference-tray.h: the reference images of the next request
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "easel-profile.h"
#include "easel-request.h"

G_BEGIN_DECLS

#define EASEL_TYPE_REFERENCE_TRAY (easel_reference_tray_get_type ())

/* A row of thumbnails with a count against the profile's limit
 * ("2 of 16") and an Add menu (Add Images… through the file chooser,
 * Paste). Images arrive by:
 *  - dropping files (GdkFileList or GFile), textures (GdkTexture) or text
 *    holding https:// URLs onto the tray;
 *  - pasting (easel_reference_tray_paste(), the tray.paste action, Ctrl+V
 *    while the tray has focus): a texture, files, or an https:// URL;
 *  - the file chooser (GtkFileDialog where GTK ≥ 4.10, else
 *    GtkFileChooserNative), several files at once.
 * Each thumbnail has a menu and keys for Move Left/Right (Alt+Left/Right),
 * Remove (Delete); thumbnails can also be dragged to reorder. The first
 * reference carries the mask, which the tray only shows: its Mask button
 * (insensitive with a tooltip saying why where no mask can be painted:
 * easel_reference_tray_get_mask_problem()), Paste as Mask and Remove Mask
 * in its menu and Paste as Mask in the Add menu become "mask-action", and
 * an image dropped on the Mask button "mask-drop"; the owner of the mask
 * says what to show with easel_reference_tray_set_mask().
 *
 * What is refused, and why, is said through "refused" (a message for a
 * toast): not an image (PNG, JPEG or WebP), over 50 MB, over the profile's
 * limit ("This gateway takes at most 6 reference images"), a gateway that
 * takes URLs only and a local file, a URL that is not https.
 *
 * Properties: "profile" (EaselProfile, nullable), "n-references" (uint,
 * read-only), "max-references" (uint, read-only: the profile's limit).
 * Signals: "changed" (the list or its order changed), "refused" (const
 * char *message), "mask-action" (const char *name: "edit", "paste",
 * "remove"), "mask-drop" (const GValue *value: a GdkFileList, a GFile or a
 * GdkTexture). */
G_DECLARE_FINAL_TYPE (EaselReferenceTray, easel_reference_tray, EASEL, REFERENCE_TRAY, GtkWidget)

GtkWidget    *easel_reference_tray_new              (void);

EaselProfile *easel_reference_tray_get_profile      (EaselReferenceTray *self);
void          easel_reference_tray_set_profile      (EaselReferenceTray *self,
                                                     EaselProfile       *profile);

/* Returns: (transfer container) (element-type EaselReference): the
 * references, in order. */
GPtrArray    *easel_reference_tray_get_references   (EaselReferenceTray *self);
/* Replaces every reference (Reuse Parameters). */
void          easel_reference_tray_set_references   (EaselReferenceTray *self,
                                                     GPtrArray          *references);
guint         easel_reference_tray_get_n_references (EaselReferenceTray *self);

/* Adds at the end (or at the front with @first: Edit This Image). Checks
 * the limit and the profile's forms; FALSE and a message in @error when
 * refused. Files are checked (type, size) without blocking the window:
 * a file found wrong later is removed again with a "refused" message. */
gboolean      easel_reference_tray_add              (EaselReferenceTray *self,
                                                     EaselReference     *reference,
                                                     gboolean            first,
                                                     GError            **error);
void          easel_reference_tray_remove           (EaselReferenceTray *self,
                                                     guint               position);
/* Puts @reference in the place of the one at @position, as one change;
 * checked as easel_reference_tray_add() checks (FALSE: nothing changed). */
gboolean      easel_reference_tray_replace          (EaselReferenceTray *self,
                                                     guint               position,
                                                     EaselReference     *reference,
                                                     GError            **error);
void          easel_reference_tray_move             (EaselReferenceTray *self,
                                                     guint               from,
                                                     guint               to);
void          easel_reference_tray_clear            (EaselReferenceTray *self);

/* Takes what the clipboard holds: a texture, files, or https:// URLs. */
void          easel_reference_tray_paste            (EaselReferenceTray *self,
                                                     GdkClipboard       *clipboard);
/* Whether @clipboard holds something the tray would take (an image or
 * files; text only if it is an https:// URL — checked when read). */
gboolean      easel_reference_tray_can_paste        (GdkClipboard       *clipboard);

/* Why no mask can be painted now, or NULL: the gateway takes none, there
 * is no first reference, or it is a link. */
const char   *easel_reference_tray_get_mask_problem (EaselReferenceTray *self);
/* What the first reference shows of its mask: "Edit Mask" and the
 * painted region tinted over the preview (@overlay, nullable). */
void          easel_reference_tray_set_mask         (EaselReferenceTray *self,
                                                     gboolean            has_mask,
                                                     GdkTexture         *overlay);

/* The drop handler, public so tests can drive it with real values: a
 * GdkFileList, a GFile, a GdkTexture, or a string of URLs. */
gboolean      easel_reference_tray_drop_value       (EaselReferenceTray *self,
                                                     const GValue       *value);

G_END_DECLS
