/* easel-reference-tray-private.h: what the reference tray's files share
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "easel-reference-thumbnail.h"
#include "easel-reference-tray.h"

G_BEGIN_DECLS

typedef struct
{
  EaselReference          *reference;
  EaselReferenceThumbnail *thumbnail;     /* owned by items_box */
  GCancellable            *cancellable;   /* its preview load; cancelled when it leaves */
} EaselReferenceEntry;

struct _EaselReferenceTray
{
  GtkWidget             parent_instance;

  EaselProfile         *profile;
  GPtrArray            *entries;          /* (element-type EaselReferenceEntry), in order */
  GCancellable         *cancellable;      /* clipboard reads, encodings, the file chooser */
  guint                 max_references;
  guint                 reference_forms;
  guint                 n_pending;        /* previews, encodings and reads under way */
  gboolean              has_mask;         /* the first reference has a mask (the panel's) */
  GdkTexture           *mask_overlay;     /* its painted region, tinted; nullable */
#if !GTK_CHECK_VERSION (4, 10, 0)
  GtkFileChooserNative *chooser;
#endif

  /* Template widgets */
  GtkLabel             *count_label;
  GtkMenuButton        *add_button;
  GtkStack             *stack;
  GtkLabel             *drop_zone_label;
  GtkScrolledWindow    *scroller;
  GtkBox               *items_box;
};

#define ALL_FORMS (EASEL_REFERENCE_FORM_FILES | EASEL_REFERENCE_FORM_URLS | \
                   EASEL_REFERENCE_FORM_DATA)
/* Local files, pasted images and data: URLs travel as uploads or as data:
 * URLs, the same rule easel_request_validate() applies. */
#define LOCAL_FORMS (EASEL_REFERENCE_FORM_FILES | EASEL_REFERENCE_FORM_DATA)

/* What one drop, paste or file choice brought that was refused: said in
 * one "refused" message, so ten wrong files make one toast, not ten. */
typedef struct
{
  guint  n_refused;
  char  *first_message;
} EaselRefusals;

void      easel_reference_tray_refuse         (EaselRefusals      *refusals,
                                               const char         *message);
void      easel_reference_tray_emit_refusals  (EaselReferenceTray *self,
                                               EaselRefusals      *refusals);

/* easel-reference-tray-items.c: the list and its view */
void      easel_reference_entry_free          (EaselReferenceEntry *entry);
void      easel_reference_tray_remove_entry   (EaselReferenceTray *self,
                                               guint               position);
void      easel_reference_tray_update_view    (EaselReferenceTray *self);
/* Checks and inserts without announcing; a batch calls
 * easel_reference_tray_announce() once after its inserts. */
gboolean  easel_reference_tray_insert         (EaselReferenceTray *self,
                                               EaselReference     *reference,
                                               guint               position,
                                               gboolean            check,
                                               GError            **error);
void      easel_reference_tray_announce       (EaselReferenceTray *self,
                                               guint               old_n_references);
gboolean  easel_reference_tray_append         (EaselReferenceTray *self,
                                               EaselReference     *reference,
                                               EaselRefusals      *refusals);

/* Adds at the end, each refusal collected. Returns whether any was added. */
gboolean  easel_reference_tray_add_files      (EaselReferenceTray *self,
                                               GSList             *files,
                                               EaselRefusals      *refusals);
gboolean  easel_reference_tray_add_text       (EaselReferenceTray *self,
                                               const char         *text,
                                               const char         *no_link_message,
                                               EaselRefusals      *refusals);
/* Encodes @texture as PNG (off the main thread when it can) and adds it. */
void      easel_reference_tray_add_texture    (EaselReferenceTray *self,
                                               GdkTexture         *texture,
                                               const char         *filename);

/* easel-reference-tray-chooser.c */
void      easel_reference_tray_choose_files   (EaselReferenceTray *self);
void      easel_reference_tray_close_chooser  (EaselReferenceTray *self);

/* easel-reference-tray-dnd.c and easel-reference-tray-paste.c */
void      easel_reference_tray_init_dnd       (EaselReferenceTray *self);
void      easel_reference_tray_attach_drag    (EaselReferenceTray *self,
                                               EaselReferenceThumbnail *thumbnail);
/* The drop target's handler: a thumbnail of this tray is moved to where
 * (@x, @y, in the tray's coordinates) it was dropped; anything else goes
 * to easel_reference_tray_drop_value(). */
gboolean  easel_reference_tray_drop_at        (EaselReferenceTray *self,
                                               const GValue       *value,
                                               double              x,
                                               double              y);

/* For tests: how many previews, encodings and clipboard reads are under way. */
guint     easel_reference_tray_get_n_pending  (EaselReferenceTray *self);
EaselReferenceThumbnail *
          easel_reference_tray_get_thumbnail  (EaselReferenceTray *self,
                                               guint               position);

G_END_DECLS
