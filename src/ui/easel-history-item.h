/* easel-history-item.h: one generation as an item of the History page's list
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "easel-history.h"

G_BEGIN_DECLS

#define EASEL_TYPE_HISTORY_ITEM (easel_history_item_get_type ())

G_DECLARE_FINAL_TYPE (EaselHistoryItem, easel_history_item, EASEL, HISTORY_ITEM, GObject)

/* Property "entry" (EaselHistoryEntry, read-only): replaced when a reload
 * finds the generation changed (a favourite, a finished job), so a tile
 * bound to the item follows without the list changing. */
EaselHistoryItem  *easel_history_item_new        (EaselHistoryEntry *entry);
EaselHistoryEntry *easel_history_item_get_entry  (EaselHistoryItem  *self);
gint64             easel_history_item_get_id     (EaselHistoryItem  *self);
/* Replaces the entry (same id) and notifies, if anything a tile or the
 * details show differs. Returns whether it did. */
gboolean           easel_history_item_update     (EaselHistoryItem  *self,
                                                  EaselHistoryEntry *entry);
/* Makes the item stand for another generation (a new query's answer
 * reusing the items shown); notifies. */
void               easel_history_item_reuse      (EaselHistoryItem  *self,
                                                  EaselHistoryEntry *entry);
/* Whether any image of the generation is a favourite. */
gboolean           easel_history_entry_is_favourite (EaselHistoryEntry *entry);

G_END_DECLS
