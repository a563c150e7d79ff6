/* easel-mask.c: the mask raster and its whole-mask operations
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Tiles and undo are in easel-mask-undo.c, strokes in
 * easel-mask-stroke.c, PNG in easel-mask-png.c. */

#include "config.h"

#include <string.h>

#include "easel-mask-private.h"

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

/* --- notifications ---------------------------------------------------------- */

void
easel_mask_update_history (EaselMask *self)
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
  easel_mask_history_free (self);
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
      easel_mask_tile_write (self, index, &change.after);
      g_array_append_val (changes, change);
      easel_mask_tile_rect (self, index, &r);
      easel_mask_rect_union (&damage, &r);
    }

  easel_mask_push_tile_step (self, changes);
  easel_mask_changed (self, &damage);
}

void
easel_mask_invert_pixels (EaselMask *self)
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
  EaselMaskRect rect;

  g_return_if_fail (EASEL_IS_MASK (self));

  if (self->in_stroke)
    easel_mask_end_stroke (self);

  /* 255 − v ≠ v for every byte: invert always changes every pixel. */
  easel_mask_invert_pixels (self);
  easel_mask_push_invert_step (self);
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
