/* easel-reference-thumbnail.h: one reference image in the reference tray
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "easel-request.h"

G_BEGIN_DECLS

/* The tile's side in logical pixels. */
#define EASEL_REFERENCE_THUMBNAIL_SIZE 72

#define EASEL_TYPE_REFERENCE_THUMBNAIL (easel_reference_thumbnail_get_type ())

/* Private to EaselReferenceTray: a focusable 72×72 tile showing a preview
 * (or, for an https:// reference, a link icon and the host), a remove
 * button, and on the first reference the Mask button ("Edit Mask" and the
 * painted region tinted over the preview once a mask is set). Its actions
 * reference.move-left, reference.move-right and reference.remove (also
 * Alt+Left, Alt+Right, Delete and a context menu) are turned into the
 * signals "move" (int offset: -1 or +1 in list order) and "remove";
 * reference.edit-mask (the Mask button), reference.paste-mask and
 * reference.remove-mask into "mask-action" ("edit", "paste", "remove"),
 * and an image dropped on the Mask button into "mask-drop" (const GValue *:
 * a GdkFileList, a GFile or a GdkTexture). The tray does the rest. */
G_DECLARE_FINAL_TYPE (EaselReferenceThumbnail, easel_reference_thumbnail,
                      EASEL, REFERENCE_THUMBNAIL, GtkWidget)

GtkWidget      *easel_reference_thumbnail_new           (EaselReference          *reference);
EaselReference *easel_reference_thumbnail_get_reference (EaselReferenceThumbnail *self);
/* Where it is (0-based) among @n_references: sets the accessible label
 * ("Reference 1: photo.png"), the Mask button and the move actions. */
void            easel_reference_thumbnail_set_position  (EaselReferenceThumbnail *self,
                                                         guint                    position,
                                                         guint                    n_references);
guint           easel_reference_thumbnail_get_position  (EaselReferenceThumbnail *self);
const char     *easel_reference_thumbnail_get_label     (EaselReferenceThumbnail *self);
/* The decoded preview, or %NULL for a valid image that has none (a
 * format without a loader here, or a header past the pixel caps). */
void            easel_reference_thumbnail_set_preview   (EaselReferenceThumbnail *self,
                                                         GdkTexture              *preview);
/* Why the current gateway cannot take this reference, or %NULL. */
void            easel_reference_thumbnail_set_problem   (EaselReferenceThumbnail *self,
                                                         const char              *problem);
const char     *easel_reference_thumbnail_get_problem   (EaselReferenceThumbnail *self);
GtkWidget      *easel_reference_thumbnail_get_mask_button (EaselReferenceThumbnail *self);
/* On the first reference: why no mask can be painted (the Mask button's
 * tooltip; NULL when one can), whether one is set, and the painted region
 * tinted at the preview's shape (nullable). */
void            easel_reference_thumbnail_set_mask      (EaselReferenceThumbnail *self,
                                                         const char              *problem,
                                                         gboolean                 has_mask,
                                                         GdkTexture              *overlay);
gboolean        easel_reference_thumbnail_get_has_mask  (EaselReferenceThumbnail *self);
const char     *easel_reference_thumbnail_get_mask_problem (EaselReferenceThumbnail *self);
GtkWidget      *easel_reference_thumbnail_get_mask_picture (EaselReferenceThumbnail *self);
/* The Mask button's drop handler, public so tests can drive it. */
gboolean        easel_reference_thumbnail_drop_mask_value (EaselReferenceThumbnail *self,
                                                           const GValue            *value);
void            easel_reference_thumbnail_popup_menu    (EaselReferenceThumbnail *self,
                                                         double                   x,
                                                         double                   y);

/* The name a person knows the reference by: the file's base name, the
 * pasted image's name, or for a link the host it is on. */
char           *easel_reference_display_name            (EaselReference          *reference);

G_END_DECLS
