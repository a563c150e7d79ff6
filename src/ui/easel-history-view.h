/* easel-history-view.h: every past generation, searchable, in a lazily loaded grid
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "easel-history.h"
#include "easel-profile-store.h"

G_BEGIN_DECLS

#define EASEL_TYPE_HISTORY_VIEW (easel_history_view_get_type ())

G_DECLARE_FINAL_TYPE (EaselHistoryView, easel_history_view, EASEL, HISTORY_VIEW, GtkWidget)

/* The History page of the window: a search bar (Ctrl+F), filters
 * (gateway, date range, favourites, edits), a GtkGridView of thumbnails
 * (one tile per generation) loaded a page at a time as it scrolls, and an
 * EaselHistoryDetails pane for the selected generation (folding over the
 * grid when narrow). It follows EaselHistory::changed.
 *
 * Properties: "history" and "profile-store" (construct-only), "loading"
 * (read-only boolean: TRUE while a query or a page is being read).
 *
 * Signals, for the window to act on:
 *   "reuse"      (EaselHistoryEntry *entry): restore its parameters
 *   "edit-image" (EaselHistoryEntry *entry, guint index): make that image
 *                reference 1 of a new request
 *   "add-toast"  (AdwToast *toast): show it (delete's undo toast, errors)
 */
GtkWidget    *easel_history_view_new             (EaselHistory      *history,
                                                  EaselProfileStore *store);
EaselHistory *easel_history_view_get_history     (EaselHistoryView  *self);
gboolean      easel_history_view_get_loading     (EaselHistoryView  *self);

/* Shows the search bar and focuses its entry (Ctrl+F). */
void          easel_history_view_start_search    (EaselHistoryView  *self);
/* Searches prompts for @text (NULL or "" shows everything). */
void          easel_history_view_set_search_text (EaselHistoryView  *self,
                                                  const char        *text);
/* Reads the store again, keeping the selection when it is still there:
 * the window calls it when the page is shown, because easel-cli may have
 * written meanwhile. */
void          easel_history_view_reload          (EaselHistoryView  *self);
/* Selects generation @id and shows its details, loading pages until it is
 * found. One the search or filters leave out is still shown in the
 * details, with nothing selected in the grid; for an id the store does
 * not have, nothing happens. */
void          easel_history_view_select          (EaselHistoryView  *self,
                                                  gint64             id);

G_END_DECLS
