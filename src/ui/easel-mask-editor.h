/* easel-mask-editor.h: the window where the mask of an edit is painted
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "easel-mask-canvas.h"
#include "easel-mask.h"
#include "easel-request.h"

G_BEGIN_DECLS

#define EASEL_TYPE_MASK_EDITOR (easel_mask_editor_get_type ())

/* A modal window over the main window that paints the mask of the first
 * reference. It loads the reference at its native size off the main
 * thread (a spinner meanwhile; a status page saying what went wrong if it
 * cannot be read) and edits the given EaselMask in place, so every stroke
 * is already in the mask the create panel holds: closing (Done, Escape,
 * the close button) keeps it. With no mask given it makes one at the
 * source's size and announces it through "notify::mask".
 *
 * Header bar: Undo and Redo (Ctrl+Z, Ctrl+Shift+Z), the title "Mask"
 * with the reference's name under it, Done. A tool bar: Brush and Eraser
 * (B, E), brush size (slider and value; [ and ] step it), hardness, an
 * overlay popover (colour, opacity, Show Overlay — also H), Invert, Clear,
 * and zoom out / fit / 1:1 / zoom in (-, 0, 1, +). Brush size, hardness,
 * overlay colour and opacity are remembered in GSettings.
 *
 * Drops: while an image is dragged over the editor it shows two targets,
 * "Replace Image" and "Use as Mask". Use as Mask takes the image's alpha
 * (easel_mask_load_png(), scaled to the source with a toast saying so,
 * refused with a toast saying why) as one undoable step; Replace Image
 * emits "replace-source" with the image as a reference — the owner makes
 * it reference 1 and calls easel_mask_editor_set_source(). Ctrl+V pastes
 * an image from the clipboard as the mask.
 *
 * Properties: "source" (EaselReference), "mask" (EaselMask, nullable
 * until loaded), "loading" (boolean, read-only).
 * Signals: "replace-source" (EaselReference *reference). */
G_DECLARE_FINAL_TYPE (EaselMaskEditor, easel_mask_editor, EASEL, MASK_EDITOR, AdwWindow)

/* @mask, when given, must be the size of @source's image; a mask of
 * another size is replaced by a new one (and "notify::mask" says so). */
GtkWidget       *easel_mask_editor_new          (GtkWindow       *parent,
                                                 EaselReference  *source,
                                                 EaselMask       *mask);

EaselReference  *easel_mask_editor_get_source   (EaselMaskEditor *self);
EaselMask       *easel_mask_editor_get_mask     (EaselMaskEditor *self);
/* Loads @source and shows @mask over it (NULL: a new mask). */
void             easel_mask_editor_set_source   (EaselMaskEditor *self,
                                                 EaselReference  *source,
                                                 EaselMask       *mask);
gboolean         easel_mask_editor_get_loading  (EaselMaskEditor *self);
EaselMaskCanvas *easel_mask_editor_get_canvas   (EaselMaskEditor *self);

/* The drop handler, public so tests can drive it with real values (a
 * GdkFileList, a GFile or a GdkTexture): @as_mask picks the target. */
gboolean         easel_mask_editor_drop_value   (EaselMaskEditor *self,
                                                 const GValue    *value,
                                                 gboolean         as_mask);
/* Takes an image from @clipboard as the mask. */
void             easel_mask_editor_paste        (EaselMaskEditor *self,
                                                 GdkClipboard    *clipboard);

G_END_DECLS
