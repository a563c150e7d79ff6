/* easel-history-details.h: one past generation in full, with its actions
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "easel-history.h"

G_BEGIN_DECLS

#define EASEL_TYPE_HISTORY_DETAILS (easel_history_details_get_type ())

G_DECLARE_FINAL_TYPE (EaselHistoryDetails, easel_history_details, EASEL, HISTORY_DETAILS,
                      GtkWidget)

/* The details pane of the History page: the chosen image large (the
 * generation's other images as a strip to switch between), the prompt
 * (selectable), every parameter of the request, gateway and model, state
 * and error, usage and cost, timings, the source references and mask
 * (thumbnails of those that are files; links and pasted images named),
 * and the lineage: the parent generation and the children (edits made
 * from this one), each a button that asks to show that generation.
 *
 * Actions, as buttons and on the widget ("details." prefix):
 *   reuse, edit, save-as, copy, favourite (toggle), delete,
 *   show-in-folder; and the image drags out as a file.
 * Save As asks with the file chooser and writes through
 * easel_export_save_async() with the generation's metadata; Copy puts a
 * texture and the file on the clipboard; Show in Folder asks the file
 * manager (org.freedesktop.FileManager1.ShowItems) and falls back to
 * opening the folder; favourite and delete go through the EaselHistory.
 *
 * Property "history" (construct-only); "favourite" (boolean): whether
 * the image shown is a favourite; setting it (the star button, through
 * the "details.favourite" action) asks the store, and a refusal sets it
 * back with a toast.
 *
 * Signals:
 *   "reuse"      (EaselHistoryEntry *entry)
 *   "edit-image" (EaselHistoryEntry *entry, guint index)
 *   "show-generation" (gint64 id): a lineage button was pressed
 *   "deleted"    (gint64 id, guint undo_token): the generation was deleted;
 *                the view offers the undo toast. The pane then shows
 *                nothing, unless a handler has set another entry.
 *   "add-toast"  (AdwToast *toast): errors and confirmations. The toast
 *                stays the emitter's: a handler that shows it passes
 *                g_object_ref (toast) to adw_toast_overlay_add_toast().
 *
 * Loads (the picture, thumbnails, lineage) are cancelled when the entry
 * changes and on dispose; the writes the user asked for (favourite,
 * delete, Save As) finish even when another entry is shown meanwhile.
 */
GtkWidget          *easel_history_details_new       (EaselHistory        *history);
/* @entry NULL shows the "Select an image" state. @index picks the image. */
void                easel_history_details_set_entry (EaselHistoryDetails *self,
                                                     EaselHistoryEntry   *entry,
                                                     guint                index);
EaselHistoryEntry  *easel_history_details_get_entry (EaselHistoryDetails *self);
guint               easel_history_details_get_index (EaselHistoryDetails *self);

G_END_DECLS
