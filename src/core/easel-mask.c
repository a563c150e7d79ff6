/* easel-mask.c: the mask raster, its whole-mask operations and undo
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Undo is by tiles: each step keeps, for every 64×64 tile it changed, the
 * bytes before and after, so undo and redo are tile copies and a stroke
 * across a 4K mask costs the memory of the tiles it crossed, not of the
 * mask. Strokes are in easel-mask-stroke.c, PNG in easel-mask-png.c. */

#include "config.h"

#include <string.h>

#include "easel-mask-private.h"

typedef struct
{
  /* Invert needs no data: it is its own undo. */
  gboolean  invert;
  GArray   *changes;   /* EaselMaskTileChange */
} EaselMaskStep;

enum
{
  PROP_0,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_EMPTY,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EaselMask, easel_mask, G_TYPE_OBJECT)

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
static void
tile_write (EaselMask               *self,
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

/* --- notifications ---------------------------------------------------------- */

static void
update_history_flags (EaselMask *self)
{
  gboolean can_undo = self->undo.length > 0;
  gboolean can_redo = self->redo.length > 0;

  if (can_undo != self->can_undo)
    {
      self->can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (can_redo != self->can_redo)
    {
      self->can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
}

void
easel_mask_changed (EaselMask           *self,
                    const EaselMaskRect *rect)
{
  gboolean empty = self->nonzero == 0;

  if (empty != self->empty)
    {
      self->empty = empty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY]);
    }
  if (rect->width > 0 && rect->height > 0)
    g_signal_emit (self, signals[CHANGED], 0, rect->x, rect->y, rect->width, rect->height);
}

static void
push_step (EaselMask     *self,
           EaselMaskStep *step)
{
  g_queue_clear_full (&self->redo, step_free);
  g_queue_push_tail (&self->undo, step);
  while (self->undo.length > EASEL_MASK_UNDO_STEPS)
    step_free (g_queue_pop_head (&self->undo));
  update_history_flags (self);
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

/* --- the object ------------------------------------------------------------ */

static void
easel_mask_constructed (GObject *object)
{
  EaselMask *self = EASEL_MASK (object);

  G_OBJECT_CLASS (easel_mask_parent_class)->constructed (object);

  self->tiles_x = (self->width + EASEL_MASK_TILE - 1) / EASEL_MASK_TILE;
  self->tiles_y = (self->height + EASEL_MASK_TILE - 1) / EASEL_MASK_TILE;
  self->data = g_malloc0 ((gsize) self->width * self->height);
}

static void
easel_mask_finalize (GObject *object)
{
  EaselMask *self = EASEL_MASK (object);

  easel_mask_stroke_free (self);
  g_queue_clear_full (&self->undo, step_free);
  g_queue_clear_full (&self->redo, step_free);
  g_free (self->data);

  G_OBJECT_CLASS (easel_mask_parent_class)->finalize (object);
}

static void
easel_mask_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EaselMask *self = EASEL_MASK (object);

  switch (prop_id)
    {
    case PROP_WIDTH:
      g_value_set_uint (value, self->width);
      break;
    case PROP_HEIGHT:
      g_value_set_uint (value, self->height);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, self->can_undo);
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, self->can_redo);
      break;
    case PROP_EMPTY:
      g_value_set_boolean (value, self->empty);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_mask_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  EaselMask *self = EASEL_MASK (object);

  switch (prop_id)
    {
    case PROP_WIDTH:
      self->width = g_value_get_uint (value);
      break;
    case PROP_HEIGHT:
      self->height = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_mask_class_init (EaselMaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = easel_mask_constructed;
  object_class->finalize = easel_mask_finalize;
  object_class->get_property = easel_mask_get_property;
  object_class->set_property = easel_mask_set_property;

  properties[PROP_WIDTH] =
    g_param_spec_uint ("width", NULL, NULL, 1, EASEL_MASK_MAX_SIDE, 1,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);
  properties[PROP_HEIGHT] =
    g_param_spec_uint ("height", NULL, NULL, 1, EASEL_MASK_MAX_SIDE, 1,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY] =
    g_param_spec_boolean ("empty", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT);
}

static void
easel_mask_init (EaselMask *self)
{
  self->empty = TRUE;
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

EaselMask *
easel_mask_new (guint width,
                guint height)
{
  g_return_val_if_fail (width >= 1 && width <= EASEL_MASK_MAX_SIDE, NULL);
  g_return_val_if_fail (height >= 1 && height <= EASEL_MASK_MAX_SIDE, NULL);

  return g_object_new (EASEL_TYPE_MASK, "width", width, "height", height, NULL);
}

EaselMask *
easel_mask_copy (EaselMask *self)
{
  EaselMask *copy;

  g_return_val_if_fail (EASEL_IS_MASK (self), NULL);

  copy = easel_mask_new (self->width, self->height);
  memcpy (copy->data, self->data, (gsize) self->width * self->height);
  copy->nonzero = self->nonzero;
  copy->empty = copy->nonzero == 0;
  return copy;
}

guint
easel_mask_get_width (EaselMask *self)
{
  g_return_val_if_fail (EASEL_IS_MASK (self), 0);

  return self->width;
}

guint
easel_mask_get_height (EaselMask *self)
{
  g_return_val_if_fail (EASEL_IS_MASK (self), 0);

  return self->height;
}

const guint8 *
easel_mask_get_data (EaselMask *self)
{
  g_return_val_if_fail (EASEL_IS_MASK (self), NULL);

  return self->data;
}

guint8
easel_mask_get_value (EaselMask *self,
                      guint      x,
                      guint      y)
{
  g_return_val_if_fail (EASEL_IS_MASK (self), 0);
  g_return_val_if_fail (x < self->width && y < self->height, 0);

  return self->data[(gsize) y * self->width + x];
}

gboolean
easel_mask_is_empty (EaselMask *self)
{
  g_return_val_if_fail (EASEL_IS_MASK (self), TRUE);

  return self->nonzero == 0;
}

/* --- whole-mask operations ------------------------------------------------- */

static void
full_rect (EaselMask     *self,
           EaselMaskRect *rect)
{
  rect->x = rect->y = 0;
  rect->width = self->width;
  rect->height = self->height;
}

/* Clear, fill and assign: every tile that differs from its target (the
 * value when @source is NULL, else @source's tile) is saved before and
 * after, so the step holds only what changed. */
static void
replace_tiles (EaselMask *self,
               EaselMask *source,
               guint8     value)
{
  GArray *changes = easel_mask_tile_changes_new ();
  EaselMaskRect damage = { 0, 0, 0, 0 };
  guint n_tiles = self->tiles_x * self->tiles_y;

  if (self->in_stroke)
    easel_mask_end_stroke (self);

  for (guint index = 0; index < n_tiles; index++)
    {
      EaselMaskTileChange change = { index, { NULL, value }, { NULL, value } };
      EaselMaskRect r;

      if (source != NULL)
        easel_mask_tile_snapshot (source, index, &change.after);
      if (easel_mask_tile_equals (self, index, &change.after))
        {
          easel_mask_tile_data_clear (&change.after);
          continue;
        }
      easel_mask_tile_snapshot (self, index, &change.before);
      tile_write (self, index, &change.after);
      g_array_append_val (changes, change);
      easel_mask_tile_rect (self, index, &r);
      easel_mask_rect_union (&damage, &r);
    }

  easel_mask_push_tile_step (self, changes);
  easel_mask_changed (self, &damage);
}

static void
invert_all (EaselMask *self)
{
  gsize n = (gsize) self->width * self->height;
  gsize zeros = 0;
  guint8 *data = self->data;

  /* After 255 − v, a pixel is 0 where it was 255. */
  for (gsize i = 0; i < n; i++)
    {
      data[i] = 255 - data[i];
      zeros += data[i] == 0;
    }
  self->nonzero = n - zeros;
}

void
easel_mask_invert (EaselMask *self)
{
  EaselMaskStep *step;
  EaselMaskRect rect;

  g_return_if_fail (EASEL_IS_MASK (self));

  if (self->in_stroke)
    easel_mask_end_stroke (self);

  /* 255 − v ≠ v for every byte: invert always changes every pixel. */
  invert_all (self);
  step = g_new0 (EaselMaskStep, 1);
  step->invert = TRUE;
  push_step (self, step);
  full_rect (self, &rect);
  easel_mask_changed (self, &rect);
}

void
easel_mask_clear (EaselMask *self)
{
  g_return_if_fail (EASEL_IS_MASK (self));

  replace_tiles (self, NULL, 0);
}

void
easel_mask_fill (EaselMask *self)
{
  g_return_if_fail (EASEL_IS_MASK (self));

  replace_tiles (self, NULL, 255);
}

gboolean
easel_mask_assign (EaselMask *self,
                   EaselMask *other)
{
  g_return_val_if_fail (EASEL_IS_MASK (self), FALSE);
  g_return_val_if_fail (EASEL_IS_MASK (other), FALSE);

  if (other->width != self->width || other->height != self->height)
    return FALSE;
  if (other != self)
    replace_tiles (self, other, 0);
  return TRUE;
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
      invert_all (self);
      full_rect (self, &damage);
    }
  else
    {
      for (guint i = 0; i < step->changes->len; i++)
        {
          EaselMaskTileChange *change = &g_array_index (step->changes, EaselMaskTileChange, i);
          EaselMaskRect r;

          tile_write (self, change->index, forward ? &change->after : &change->before);
          easel_mask_tile_rect (self, change->index, &r);
          easel_mask_rect_union (&damage, &r);
        }
    }

  update_history_flags (self);
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
