/* easel-history-model.h: the History page's list, read from the store a page at a time
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "easel-history.h"
#include "easel-history-item.h"

G_BEGIN_DECLS

#define EASEL_TYPE_HISTORY_MODEL (easel_history_model_get_type ())

G_DECLARE_FINAL_TYPE (EaselHistoryModel, easel_history_model, EASEL, HISTORY_MODEL, GObject)

/* A GListModel of EaselHistoryItem, newest first, for one query. Reads go
 * through easel_history_list_async() (never blocking the caller), a page
 * of @page_size at a time, and only as far as someone asked for with
 * easel_history_model_want(). An item keeps its identity across reloads
 * (its entry is updated in place), so a selection survives them; a new
 * query reuses the items by position (their "entry" changes to another
 * generation), so the grid rebinds rather than rebuilds its tiles.
 *
 * Properties: "loading" (read-only: a read is under way).
 * Signals: "failed" (GError *): a read failed; the list is left as it was. */
EaselHistoryModel *easel_history_model_new          (EaselHistory            *history,
                                                     guint                    page_size);
/* Replaces the query and reads its first page; the old items stay until
 * the new ones are in, so the grid does not flash empty. limit and offset
 * are ignored. */
void               easel_history_model_set_query    (EaselHistoryModel       *self,
                                                     const EaselHistoryQuery *query);
/* Reads again as many items as are loaded (at least a page), and merges:
 * new generations appear, deleted ones go, changed ones update. */
void               easel_history_model_reload       (EaselHistoryModel       *self);
/* Asks for at least @n_items to be loaded; reads more pages as needed. */
void               easel_history_model_want         (EaselHistoryModel       *self,
                                                     guint                    n_items);
gboolean           easel_history_model_get_loading  (EaselHistoryModel       *self);
/* Whether the last read of the current query has come back. */
gboolean           easel_history_model_get_loaded   (EaselHistoryModel       *self);
/* Whether every item the query matches is loaded. */
gboolean           easel_history_model_get_complete (EaselHistoryModel       *self);
gboolean           easel_history_model_find         (EaselHistoryModel       *self,
                                                     gint64                   id,
                                                     guint                   *position);
/* Takes the item out at once (a deletion the store has already done). */
gboolean           easel_history_model_remove       (EaselHistoryModel       *self,
                                                     gint64                   id);

G_END_DECLS
