/* easel-mask-stroke.c: brush and eraser strokes on an EaselMask
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A stroke runs once per pointer event on a mask as large as 4K, and the
 * canvas redraws after each one, so a point touches only the pixels under
 * its dabs and allocates only the tiles it saves for undo.
 *
 * Dabs sit at fixed steps of path length from the first point (the rest
 * of the step carries over from one point to the next), so a straight
 * stroke gets the same dabs however many events it came in; the last
 * point gets its own dab when the stroke ends. */

#include "config.h"

#include <math.h>

#include "easel-mask-private.h"

/* Pixels changed, inclusive bounds; empty while x0 > x1. */
typedef struct
{
  int x0;
  int y0;
  int x1;
  int y1;
} Box;

static void
box_to_rect (const Box     *box,
             EaselMaskRect *rect)
{
  if (box->x0 > box->x1)
    {
      *rect = (EaselMaskRect) { 0, 0, 0, 0 };
      return;
    }
  rect->x = box->x0;
  rect->y = box->y0;
  rect->width = box->x1 - box->x0 + 1;
  rect->height = box->y1 - box->y0 + 1;
}

/* Saves the "before" of each tile in the pixel box the first time this
 * stroke reaches it. */
static void
save_tiles (EaselMask *self,
            int        i0,
            int        j0,
            int        i1,
            int        j1)
{
  for (int ty = j0 / EASEL_MASK_TILE; ty <= j1 / EASEL_MASK_TILE; ty++)
    for (int tx = i0 / EASEL_MASK_TILE; tx <= i1 / EASEL_MASK_TILE; tx++)
      {
        guint index = ty * self->tiles_x + tx;
        EaselMaskTileChange save = { index, { NULL, 0 }, { NULL, 0 } };

        if (self->stroke_seen[index])
          continue;
        self->stroke_seen[index] = 1;
        easel_mask_tile_snapshot (self, index, &save.before);
        g_array_append_val (self->stroke_saves, save);
      }
}

/* A row of a dab is at most this many pixels (the chord, one more each
 * side). */
#define MAX_DAB_ROW ((int) EASEL_MASK_MAX_BRUSH_SIZE + 8)

/* One dab of the current brush at (@cx, @cy), per the rule in
 * easel-mask.h: 255 within h·d/2 of the centre, then linear to 0 at d/2,
 * rounded to nearest. A row's coverage is computed first, without
 * branches (floor (255·(R − r)/(R − h·R) + 0.5) clamped to 0–255 is the
 * rule: it is 255 or more inside the core and 0.5 or less from R out), so
 * the compiler can keep it tight; then it is applied to the pixels. */
static void
stamp_dab (EaselMask *self,
           double     cx,
           double     cy,
           Box       *damage)
{
  double radius = self->size / 2.0;
  double core = self->hardness * radius;
  double radius2 = radius * radius;
  gboolean hard = core >= radius;
  double scale = hard ? 0 : 255.0 / (radius - core);
  gboolean erase = self->tool == EASEL_MASK_TOOL_ERASER;
  guint8 cover[MAX_DAB_ROW];
  int i0, i1, j0, j1;

  /* Also keeps far-off points from turning into out-of-range ints. */
  if (!(cx + radius > 0 && cx - radius < self->width &&
        cy + radius > 0 && cy - radius < self->height))
    return;

  i0 = MAX (0, (int) floor (cx - radius - 0.5));
  i1 = MIN ((int) self->width - 1, (int) ceil (cx + radius - 0.5));
  j0 = MAX (0, (int) floor (cy - radius - 0.5));
  j1 = MIN ((int) self->height - 1, (int) ceil (cy + radius - 0.5));
  if (i0 > i1 || j0 > j1)
    return;

  save_tiles (self, i0, j0, i1, j1);

  for (int j = j0; j <= j1; j++)
    {
      double dy = j + 0.5 - cy, dy2 = dy * dy, half;
      guint8 *row = self->data + (gsize) j * self->width;
      int a, b, n, first = -1, last = -1;
      gssize nonzero = 0;

      if (dy2 > radius2)
        continue;
      /* The row's chord, one pixel wider each side: the coverage below
       * decides, this only skips the bounding box's corners. */
      half = sqrt (radius2 - dy2);
      a = MAX (i0, (int) floor (cx - half - 0.5) - 1);
      b = MIN (i1, (int) ceil (cx + half - 0.5) + 1);
      n = b - a + 1;
      g_assert (n <= MAX_DAB_ROW);

      if (hard)
        {
          for (int k = 0; k < n; k++)
            {
              double dx = a + k + 0.5 - cx;

              cover[k] = dx * dx + dy2 <= radius2 ? 255 : 0;
            }
        }
      else
        {
          for (int k = 0; k < n; k++)
            {
              double dx = a + k + 0.5 - cx;
              double v = (radius - sqrt (dx * dx + dy2)) * scale + 0.5;

              v = v < 0 ? 0 : v;
              v = v > 255 ? 255 : v;
              cover[k] = (guint8) v;
            }
        }

      for (int k = 0; k < n; k++)
        {
          guint8 old = row[a + k];
          guint8 value = erase ? MIN (old, 255 - cover[k]) : MAX (old, cover[k]);

          if (value == old)
            continue;
          row[a + k] = value;
          nonzero += (value != 0) - (old != 0);
          if (first < 0)
            first = a + k;
          last = a + k;
        }

      if (first >= 0)
        {
          self->nonzero += nonzero;
          damage->x0 = MIN (damage->x0, first);
          damage->x1 = MAX (damage->x1, last);
          damage->y0 = MIN (damage->y0, j);
          damage->y1 = MAX (damage->y1, j);
        }
    }
}

/* The part [*u0, *u1] of p + u·d (u in 0–1) whose x lies in [lo, hi]. */
static gboolean
clip_axis (double  p,
           double  d,
           double  lo,
           double  hi,
           double *u0,
           double *u1)
{
  double a, b;

  if (d == 0)
    return p >= lo && p <= hi;
  a = (lo - p) / d;
  b = (hi - p) / d;
  *u0 = MAX (*u0, MIN (a, b));
  *u1 = MIN (*u1, MAX (a, b));
  return *u0 <= *u1;
}

static void
stroke_segment (EaselMask *self,
                double     x,
                double     y,
                Box       *damage)
{
  double px = self->last_x, py = self->last_y;
  double dx = x - px, dy = y - py;
  double length = sqrt (dx * dx + dy * dy);
  double spacing = self->spacing, radius = self->size / 2.0;
  double u0 = 0, u1 = 1, last_k, k0, k1;

  if (!isfinite (length))
    {
      /* Too far to walk: treat it as a jump. */
      stamp_dab (self, x, y, damage);
      self->next_dab = spacing;
      self->tail_pending = FALSE;
      return;
    }

  if (length < self->next_dab)
    {
      self->next_dab -= length;
      self->tail_pending = self->tail_pending || length > 0;
      return;
    }

  /* Dabs at t = next_dab + k·spacing, k = 0 … last_k; stamp only those
   * that can reach the mask, however long the segment. */
  last_k = floor ((length - self->next_dab) / spacing);
  if (clip_axis (px, dx, -radius, self->width + radius, &u0, &u1) &&
      clip_axis (py, dy, -radius, self->height + radius, &u0, &u1))
    {
      k0 = MAX (0, ceil ((u0 * length - self->next_dab) / spacing));
      k1 = MIN (last_k, floor ((u1 * length - self->next_dab) / spacing));
      for (double k = k0; k <= k1; k++)
        {
          double u = (self->next_dab + k * spacing) / length;

          stamp_dab (self, px + dx * u, py + dy * u, damage);
        }
    }

  self->next_dab = self->next_dab + (last_k + 1) * spacing - length;
  /* The last dab is behind the point unless it landed on it. */
  self->tail_pending = self->next_dab < spacing - 1e-9;
}

void
easel_mask_begin_stroke (EaselMask     *self,
                         EaselMaskTool  tool,
                         double         size,
                         double         hardness)
{
  g_return_if_fail (EASEL_IS_MASK (self));
  g_return_if_fail (tool == EASEL_MASK_TOOL_BRUSH || tool == EASEL_MASK_TOOL_ERASER);

  /* A stroke whose release never came ends here, as its own step. */
  if (self->in_stroke)
    easel_mask_end_stroke (self);

  if (isnan (size))
    size = EASEL_MASK_MIN_BRUSH_SIZE;
  if (isnan (hardness))
    hardness = 1;

  self->in_stroke = TRUE;
  self->tool = tool;
  self->size = CLAMP (size, EASEL_MASK_MIN_BRUSH_SIZE, EASEL_MASK_MAX_BRUSH_SIZE);
  self->hardness = CLAMP (hardness, 0.0, 1.0);
  self->spacing = self->size / 4.0;
  self->has_point = FALSE;
  self->tail_pending = FALSE;
  self->next_dab = self->spacing;

  if (self->stroke_seen == NULL)
    {
      self->stroke_seen = g_malloc0 ((gsize) self->tiles_x * self->tiles_y);
      self->stroke_saves = easel_mask_tile_changes_new ();
    }
}

void
easel_mask_stroke_to (EaselMask     *self,
                      double         x,
                      double         y,
                      EaselMaskRect *damage)
{
  Box box = { G_MAXINT, G_MAXINT, G_MININT, G_MININT };
  EaselMaskRect rect;

  if (damage != NULL)
    *damage = (EaselMaskRect) { 0, 0, 0, 0 };

  g_return_if_fail (EASEL_IS_MASK (self));
  g_return_if_fail (self->in_stroke);
  g_return_if_fail (isfinite (x) && isfinite (y));

  if (!self->has_point)
    {
      stamp_dab (self, x, y, &box);
      self->has_point = TRUE;
    }
  else
    {
      stroke_segment (self, x, y, &box);
    }
  self->last_x = x;
  self->last_y = y;

  box_to_rect (&box, &rect);
  if (damage != NULL)
    *damage = rect;
  easel_mask_changed (self, &rect);
}

void
easel_mask_end_stroke (EaselMask *self)
{
  Box box = { G_MAXINT, G_MAXINT, G_MININT, G_MININT };
  EaselMaskRect rect;
  GArray *changes;

  g_return_if_fail (EASEL_IS_MASK (self));

  if (!self->in_stroke)
    return;

  if (self->tail_pending)
    stamp_dab (self, self->last_x, self->last_y, &box);
  self->in_stroke = FALSE;

  /* Keep the tiles that really changed, with their bytes now. */
  changes = easel_mask_tile_changes_new ();
  for (guint i = 0; i < self->stroke_saves->len; i++)
    {
      EaselMaskTileChange *save = &g_array_index (self->stroke_saves, EaselMaskTileChange, i);

      self->stroke_seen[save->index] = 0;
      if (easel_mask_tile_equals (self, save->index, &save->before))
        continue;
      g_array_append_val (changes, *save);
      save->before.bytes = NULL;
      easel_mask_tile_snapshot (self, save->index,
                                &g_array_index (changes, EaselMaskTileChange,
                                                changes->len - 1).after);
    }
  g_array_set_size (self->stroke_saves, 0);

  easel_mask_push_tile_step (self, changes);
  box_to_rect (&box, &rect);
  easel_mask_changed (self, &rect);
}

gboolean
easel_mask_in_stroke (EaselMask *self)
{
  g_return_val_if_fail (EASEL_IS_MASK (self), FALSE);

  return self->in_stroke;
}

void
easel_mask_stroke_free (EaselMask *self)
{
  g_clear_pointer (&self->stroke_seen, g_free);
  g_clear_pointer (&self->stroke_saves, g_array_unref);
}
