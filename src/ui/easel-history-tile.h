/* easel-history-tile.h: one generation in the History page's grid
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "easel-history-item.h"
#include "easel-thumbnail-cache.h"

G_BEGIN_DECLS

#define EASEL_TYPE_HISTORY_TILE (easel_history_tile_get_type ())

G_DECLARE_FINAL_TYPE (EaselHistoryTile, easel_history_tile, EASEL, HISTORY_TILE, GtkWidget)

/* A square: the first image's thumbnail (loaded through @cache while the
 * tile is bound), "×N" for N > 1 images, a star for a favourite, and for
 * a generation without a picture an icon and its state. */
GtkWidget        *easel_history_tile_new          (EaselThumbnailCache *cache);
/* @item NULL unbinds: a thumbnail still loading is cancelled. */
void              easel_history_tile_set_item     (EaselHistoryTile    *self,
                                                   EaselHistoryItem    *item);
EaselHistoryItem *easel_history_tile_get_item     (EaselHistoryTile    *self);
/* The prompt, shortened, as the tooltip and the accessible label give it. */
const char       *easel_history_tile_get_label    (EaselHistoryTile    *self);
/* Whether the thumbnail is showing (for tests and the benchmark). */
gboolean          easel_history_tile_has_thumbnail (EaselHistoryTile   *self);

G_END_DECLS
