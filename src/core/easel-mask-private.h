/* easel-mask-private.h: what the files of EaselMask share
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "easel-mask.h"

G_BEGIN_DECLS

/* Undo works on square tiles of this side: a stroke saves only the tiles
 * it touches, and undo is a copy of those tiles back. */
#define EASEL_MASK_TILE 64

/* One tile's bytes. Most tiles a step saves are all 0 or all 255 (empty
 * around a stroke, or after clear and fill), so those keep one value and
 * no buffer. */
typedef struct
{
  guint8 *bytes;   /* tile width × tile height, row-major; NULL if uniform */
  guint8  value;   /* every byte, when @bytes is NULL */
} EaselMaskTileData;

typedef struct
{
  guint             index;
  EaselMaskTileData before;
  EaselMaskTileData after;
} EaselMaskTileChange;

struct _EaselMask
{
  GObject   parent_instance;

  guint     width;
  guint     height;
  guint     tiles_x;
  guint     tiles_y;
  guint8   *data;
  /* Pixels that are not 0, kept up to date by every change, so "empty"
   * costs nothing to read. */
  gsize     nonzero;

  /* The stroke in progress. */
  gboolean       in_stroke;
  EaselMaskTool  tool;
  double         size;
  double         hardness;
  double         spacing;
  gboolean       has_point;
  double         last_x;
  double         last_y;
  /* Path length from the last point to the next dab. */
  double         next_dab;
  /* The last point has no dab of its own yet: end_stroke stamps one. */
  gboolean       tail_pending;
  /* One byte a tile: saved by this stroke already. */
  guint8        *stroke_seen;
  /* EaselMaskTileChange, only "before" set until the stroke ends. */
  GArray        *stroke_saves;

  /* Steps (EaselMaskStep *), oldest first. */
  GQueue    undo;
  GQueue    redo;

  /* What was last notified. */
  gboolean  empty;
  gboolean  can_undo;
  gboolean  can_redo;
};

/* easel-mask.c */
/* Notifies "empty" if it changed, then emits "changed" for @rect unless
 * it is empty. */
void     easel_mask_changed            (EaselMask           *self,
                                        const EaselMaskRect *rect);
/* Notifies "can-undo" and "can-redo" where they changed. */
void     easel_mask_update_history     (EaselMask           *self);
/* 255 − v for every pixel, keeping the count of painted ones. */
void     easel_mask_invert_pixels      (EaselMask           *self);

/* easel-mask-undo.c */
void     easel_mask_tile_rect          (EaselMask           *self,
                                        guint                index,
                                        EaselMaskRect       *rect);
void     easel_mask_tile_snapshot      (EaselMask           *self,
                                        guint                index,
                                        EaselMaskTileData   *tile);
gboolean easel_mask_tile_equals        (EaselMask           *self,
                                        guint                index,
                                        const EaselMaskTileData *tile);
void     easel_mask_tile_data_clear    (EaselMaskTileData   *tile);
/* Takes @changes (EaselMaskTileChange) as one undo step; frees it when
 * empty. */
void     easel_mask_push_tile_step     (EaselMask           *self,
                                        GArray              *changes);
/* Writes @tile into the mask, keeping the count of painted pixels. */
void     easel_mask_tile_write         (EaselMask           *self,
                                        guint                index,
                                        const EaselMaskTileData *tile);
void     easel_mask_push_invert_step   (EaselMask           *self);
void     easel_mask_history_free       (EaselMask           *self);
void     easel_mask_rect_union         (EaselMaskRect       *rect,
                                        const EaselMaskRect *other);
GArray  *easel_mask_tile_changes_new   (void);

/* easel-mask-stroke.c */
void     easel_mask_stroke_free        (EaselMask           *self);

G_END_DECLS
