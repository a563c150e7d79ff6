/* easel-mask-undo.c: the tiles of an EaselMask, and its undo steps
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each step keeps, for every 64×64 tile it changed, the bytes before and
 * after, so undo and redo are tile copies and a stroke across a 4K mask
 * costs the memory of the tiles it crossed, not of the mask. */

#include "config.h"

#include <string.h>

#include "easel-mask-private.h"

typedef struct
{
  /* Invert needs no data: it is its own undo. */
  gboolean  invert;
  GArray   *changes;   /* EaselMaskTileChange */
} EaselMaskStep;

/* --- tiles ----------------------------------------------------------------- */

void
easel_mask_tile_data_clear (EaselMaskTileData *tile)
{
  g_clear_pointer (&tile->bytes, g_free);
}

static void
tile_change_clear (gpointer data)
{
  EaselMaskTileChange *change = data;

  easel_mask_tile_data_clear (&change->before);
  easel_mask_tile_data_clear (&change->after);
}

GArray *
easel_mask_tile_changes_new (void)
{
  GArray *changes = g_array_new (FALSE, FALSE, sizeof (EaselMaskTileChange));

  g_array_set_clear_func (changes, tile_change_clear);
  return changes;
}

static void
step_free (gpointer data)
{
  EaselMaskStep *step = data;

  g_clear_pointer (&step->changes, g_array_unref);
  g_free (step);
}

void
easel_mask_tile_rect (EaselMask     *self,
                      guint          index,
                      EaselMaskRect *rect)
{
  guint tx = index % self->tiles_x, ty = index / self->tiles_x;

  rect->x = tx * EASEL_MASK_TILE;
  rect->y = ty * EASEL_MASK_TILE;
  rect->width = MIN (EASEL_MASK_TILE, self->width - rect->x);
  rect->height = MIN (EASEL_MASK_TILE, self->height - rect->y);
}

static gboolean
rows_are (const guint8 *row,
          gsize         stride,
          int           width,
          int           height,
          guint8        value)
{
  for (int y = 0; y < height; y++, row += stride)
    for (int x = 0; x < width; x++)
      if (row[x] != value)
        return FALSE;
  return TRUE;
}

static gsize
count_nonzero (const guint8 *row,
               gsize         stride,
               int           width,
               int           height)
{
  gsize count = 0;

  for (int y = 0; y < height; y++, row += stride)
    for (int x = 0; x < width; x++)
      count += row[x] != 0;
  return count;
}

void
easel_mask_tile_snapshot (EaselMask         *self,
                          guint              index,
                          EaselMaskTileData *tile)
{
  EaselMaskRect r;
  const guint8 *row;

  easel_mask_tile_rect (self, index, &r);
  row = self->data + (gsize) r.y * self->width + r.x;
  tile->value = row[0];
  tile->bytes = NULL;
  if (rows_are (row, self->width, r.width, r.height, row[0]))
    return;

  tile->bytes = g_malloc ((gsize) r.width * r.height);
  for (int y = 0; y < r.height; y++)
    memcpy (tile->bytes + (gsize) y * r.width, row + (gsize) y * self->width, r.width);
}

gboolean
easel_mask_tile_equals (EaselMask               *self,
                        guint                    index,
                        const EaselMaskTileData *tile)
{
  EaselMaskRect r;
  const guint8 *row;

  easel_mask_tile_rect (self, index, &r);
  row = self->data + (gsize) r.y * self->width + r.x;
  if (tile->bytes == NULL)
    return rows_are (row, self->width, r.width, r.height, tile->value);

  for (int y = 0; y < r.height; y++)
    if (memcmp (tile->bytes + (gsize) y * r.width, row + (gsize) y * self->width, r.width) != 0)
      return FALSE;
  return TRUE;
}

/* Writes @tile into the mask, keeping the count of painted pixels. */
void
easel_mask_tile_write (EaselMask               *self,
            guint                    index,
            const EaselMaskTileData *tile)
{
  EaselMaskRect r;
  guint8 *row;

  easel_mask_tile_rect (self, index, &r);
  row = self->data + (gsize) r.y * self->width + r.x;
  self->nonzero -= count_nonzero (row, self->width, r.width, r.height);
  for (int y = 0; y < r.height; y++, row += self->width)
    {
      if (tile->bytes != NULL)
        memcpy (row, tile->bytes + (gsize) y * r.width, r.width);
      else
        memset (row, tile->value, r.width);
    }
  if (tile->bytes != NULL)
    self->nonzero += count_nonzero (tile->bytes, r.width, r.width, r.height);
  else if (tile->value != 0)
    self->nonzero += (gsize) r.width * r.height;
}

void
easel_mask_rect_union (EaselMaskRect       *rect,
                       const EaselMaskRect *other)
{
  int x1, y1;

  if (other->width <= 0 || other->height <= 0)
    return;
  if (rect->width <= 0 || rect->height <= 0)
    {
      *rect = *other;
      return;
    }
  x1 = MAX (rect->x + rect->width, other->x + other->width);
  y1 = MAX (rect->y + rect->height, other->y + other->height);
  rect->x = MIN (rect->x, other->x);
  rect->y = MIN (rect->y, other->y);
  rect->width = x1 - rect->x;
  rect->height = y1 - rect->y;
}

/* --- steps ---------------------------------------------------------------- */

static void
push_step (EaselMask     *self,
           EaselMaskStep *step)
{
  g_queue_clear_full (&self->redo, step_free);
  g_queue_push_tail (&self->undo, step);
  while (self->undo.length > EASEL_MASK_UNDO_STEPS)
    step_free (g_queue_pop_head (&self->undo));
  easel_mask_update_history (self);
}

void
easel_mask_push_invert_step (EaselMask *self)
{
  EaselMaskStep *step = g_new0 (EaselMaskStep, 1);

  step->invert = TRUE;
  push_step (self, step);
}

void
easel_mask_history_free (EaselMask *self)
{
  g_queue_clear_full (&self->undo, step_free);
  g_queue_clear_full (&self->redo, step_free);
}

void
easel_mask_push_tile_step (EaselMask *self,
                           GArray    *changes)
{
  EaselMaskStep *step;

  if (changes->len == 0)
    {
      g_array_unref (changes);
      return;
    }
  step = g_new0 (EaselMaskStep, 1);
  step->changes = changes;
  push_step (self, step);
}

/* --- undo ------------------------------------------------------------------ */

gboolean
easel_mask_can_undo (EaselMask *self)
{
  g_return_val_if_fail (EASEL_IS_MASK (self), FALSE);

  return self->undo.length > 0;
}

gboolean
easel_mask_can_redo (EaselMask *self)
{
  g_return_val_if_fail (EASEL_IS_MASK (self), FALSE);

  return self->redo.length > 0;
}

static void
apply_step (EaselMask     *self,
            EaselMaskStep *step,
            gboolean       forward)
{
  EaselMaskRect damage = { 0, 0, 0, 0 };

  if (step->invert)
    {
      easel_mask_invert_pixels (self);
      damage = (EaselMaskRect) { 0, 0, self->width, self->height };
    }
  else
    {
      for (guint i = 0; i < step->changes->len; i++)
        {
          EaselMaskTileChange *change = &g_array_index (step->changes, EaselMaskTileChange, i);
          EaselMaskRect r;

          easel_mask_tile_write (self, change->index, forward ? &change->after : &change->before);
          easel_mask_tile_rect (self, change->index, &r);
          easel_mask_rect_union (&damage, &r);
        }
    }

  easel_mask_update_history (self);
  easel_mask_changed (self, &damage);
}

gboolean
easel_mask_undo (EaselMask *self)
{
  EaselMaskStep *step;

  g_return_val_if_fail (EASEL_IS_MASK (self), FALSE);

  /* A stroke still being drawn is the newest step: undo takes it back. */
  if (self->in_stroke)
    easel_mask_end_stroke (self);

  step = g_queue_pop_tail (&self->undo);
  if (step == NULL)
    return FALSE;
  g_queue_push_tail (&self->redo, step);
  apply_step (self, step, FALSE);
  return TRUE;
}

gboolean
easel_mask_redo (EaselMask *self)
{
  EaselMaskStep *step;

  g_return_val_if_fail (EASEL_IS_MASK (self), FALSE);

  if (self->in_stroke)
    easel_mask_end_stroke (self);

  step = g_queue_pop_tail (&self->redo);
  if (step == NULL)
    return FALSE;
  g_queue_push_tail (&self->undo, step);
  apply_step (self, step, TRUE);
  return TRUE;
}
