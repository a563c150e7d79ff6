/* test-mask.c: the mask raster, its strokes, undo, and the PNG the
 * gateways take
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "easel-error.h"
#include "easel-mask.h"

/* --- expectations, computed from the rule in easel-mask.h ------------------- */

static guint8
dab_rule (double r,
          double size,
          double hardness)
{
  double radius = size / 2, core = hardness * radius;

  if (r <= core)
    return 255;
  if (r >= radius)
    return 0;
  return (guint8) floor (255 * (radius - r) / (radius - core) + 0.5);
}

/* One dab on an empty @width × @height raster. */
static guint8 *
expected_dab (guint  width,
              guint  height,
              double cx,
              double cy,
              double size,
              double hardness)
{
  guint8 *out = g_malloc0 (width * height);

  for (guint j = 0; j < height; j++)
    for (guint i = 0; i < width; i++)
      out[j * width + i] = dab_rule (hypot (i + 0.5 - cx, j + 0.5 - cy), size, hardness);
  return out;
}

/* A hard brush along a segment, where the dabs are close enough that
 * their union is the capsule: 255 within size/2 of the segment. */
static guint8 *
expected_capsule (guint  width,
                  guint  height,
                  double ax,
                  double ay,
                  double bx,
                  double by,
                  double size)
{
  guint8 *out = g_malloc0 (width * height);
  double dx = bx - ax, dy = by - ay, length2 = dx * dx + dy * dy;

  for (guint j = 0; j < height; j++)
    for (guint i = 0; i < width; i++)
      {
        double px = i + 0.5, py = j + 0.5;
        double t = length2 > 0 ? CLAMP (((px - ax) * dx + (py - ay) * dy) / length2, 0, 1) : 0;

        if (hypot (px - (ax + t * dx), py - (ay + t * dy)) <= size / 2)
          out[j * width + i] = 255;
      }
  return out;
}

static void
assert_data (EaselMask    *mask,
             const guint8 *expected)
{
  guint width = easel_mask_get_width (mask), height = easel_mask_get_height (mask);
  const guint8 *data = easel_mask_get_data (mask);

  for (guint j = 0; j < height; j++)
    for (guint i = 0; i < width; i++)
      if (data[j * width + i] != expected[j * width + i])
        g_error ("pixel (%u, %u) is %u, expected %u", i, j, data[j * width + i],
                 expected[j * width + i]);
}

static guint8 *
snapshot (EaselMask *mask)
{
  return g_memdup2 (easel_mask_get_data (mask),
                    easel_mask_get_width (mask) * easel_mask_get_height (mask));
}

static gboolean
all_are (EaselMask *mask,
         guint8     value)
{
  gsize n = easel_mask_get_width (mask) * easel_mask_get_height (mask);
  const guint8 *data = easel_mask_get_data (mask);

  for (gsize i = 0; i < n; i++)
    if (data[i] != value)
      return FALSE;
  return TRUE;
}

typedef struct
{
  double x;
  double y;
} Point;

static void
stroke (EaselMask     *mask,
        EaselMaskTool  tool,
        double         size,
        double         hardness,
        const Point   *points,
        guint          n_points)
{
  easel_mask_begin_stroke (mask, tool, size, hardness);
  g_assert_true (easel_mask_in_stroke (mask));
  for (guint i = 0; i < n_points; i++)
    easel_mask_stroke_to (mask, points[i].x, points[i].y, NULL);
  easel_mask_end_stroke (mask);
  g_assert_false (easel_mask_in_stroke (mask));
}

/* Every "changed" rectangle since the last reset, and their union. */
typedef struct
{
  guint         count;
  EaselMaskRect last;
  EaselMaskRect all;
} Changes;

static void
on_changed (EaselMask *mask,
            int        x,
            int        y,
            int        width,
            int        height,
            Changes   *changes)
{
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x + width, <=, easel_mask_get_width (mask));
  g_assert_cmpint (y + height, <=, easel_mask_get_height (mask));

  changes->last = (EaselMaskRect) { x, y, width, height };
  if (changes->count++ == 0)
    changes->all = changes->last;
  else
    {
      int x1 = MAX (changes->all.x + changes->all.width, x + width);
      int y1 = MAX (changes->all.y + changes->all.height, y + height);

      changes->all.x = MIN (changes->all.x, x);
      changes->all.y = MIN (changes->all.y, y);
      changes->all.width = x1 - changes->all.x;
      changes->all.height = y1 - changes->all.y;
    }
}

/* Every pixel that differs between @before and the mask is in @rect. */
static void
assert_changes_inside (EaselMask           *mask,
                       const guint8        *before,
                       const EaselMaskRect *rect)
{
  guint width = easel_mask_get_width (mask), height = easel_mask_get_height (mask);
  const guint8 *data = easel_mask_get_data (mask);

  for (guint j = 0; j < height; j++)
    for (guint i = 0; i < width; i++)
      if (data[j * width + i] != before[j * width + i])
        {
          if ((int) i < rect->x || (int) i >= rect->x + rect->width ||
              (int) j < rect->y || (int) j >= rect->y + rect->height)
            g_error ("pixel (%u, %u) changed outside %d,%d %d×%d", i, j, rect->x, rect->y,
                     rect->width, rect->height);
        }
}

/* The exact bounding box of what changed, as stroke_to must report it. */
static EaselMaskRect
changed_box (EaselMask    *mask,
             const guint8 *before)
{
  guint width = easel_mask_get_width (mask), height = easel_mask_get_height (mask);
  const guint8 *data = easel_mask_get_data (mask);
  int x0 = G_MAXINT, y0 = G_MAXINT, x1 = -1, y1 = -1;

  for (guint j = 0; j < height; j++)
    for (guint i = 0; i < width; i++)
      if (data[j * width + i] != before[j * width + i])
        {
          x0 = MIN (x0, (int) i);
          y0 = MIN (y0, (int) j);
          x1 = MAX (x1, (int) i);
          y1 = MAX (y1, (int) j);
        }
  if (x1 < 0)
    return (EaselMaskRect) { 0, 0, 0, 0 };
  return (EaselMaskRect) { x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
}

static void
assert_rect (const EaselMaskRect *rect,
             const EaselMaskRect *expected)
{
  if (expected->width == 0)
    {
      g_assert_cmpint (rect->width * rect->height, ==, 0);
      return;
    }
  g_assert_cmpint (rect->x, ==, expected->x);
  g_assert_cmpint (rect->y, ==, expected->y);
  g_assert_cmpint (rect->width, ==, expected->width);
  g_assert_cmpint (rect->height, ==, expected->height);
}

/* --- the raster and strokes ------------------------------------------------- */

static void
test_new (void)
{
  EaselMask *mask = easel_mask_new (64, 48);
  guint width = 0, height = 0;
  gboolean empty = FALSE, can_undo = TRUE, can_redo = TRUE;

  g_assert_cmpuint (easel_mask_get_width (mask), ==, 64);
  g_assert_cmpuint (easel_mask_get_height (mask), ==, 48);
  g_assert_true (all_are (mask, 0));
  g_assert_true (easel_mask_is_empty (mask));
  g_object_get (mask, "width", &width, "height", &height, "empty", &empty,
                "can-undo", &can_undo, "can-redo", &can_redo, NULL);
  g_assert_cmpuint (width, ==, 64);
  g_assert_cmpuint (height, ==, 48);
  g_assert_true (empty);
  g_assert_false (can_undo);
  g_assert_false (can_redo);
  g_assert_false (easel_mask_undo (mask));
  g_assert_false (easel_mask_redo (mask));

  g_assert_finalize_object (mask);
}

static void
test_dab_hard (void)
{
  EaselMask *mask = easel_mask_new (64, 48);
  g_autofree guint8 *expected = expected_dab (64, 48, 10.5, 10.5, 5, 1);
  EaselMaskRect damage;
  guint painted = 0;

  easel_mask_begin_stroke (mask, EASEL_MASK_TOOL_BRUSH, 5, 1);
  easel_mask_stroke_to (mask, 10.5, 10.5, &damage);
  assert_data (mask, expected);
  /* r ≤ 2.5 around a pixel centre: the 21 pixels of a 5 × 5 square
   * without its corners. */
  for (guint i = 0; i < 64 * 48; i++)
    painted += expected[i] == 255;
  g_assert_cmpuint (painted, ==, 21);
  g_assert_cmpuint (easel_mask_get_value (mask, 10, 8), ==, 255);
  g_assert_cmpuint (easel_mask_get_value (mask, 8, 8), ==, 0);
  assert_rect (&damage, &(EaselMaskRect) { 8, 8, 5, 5 });
  g_assert_false (easel_mask_is_empty (mask));
  easel_mask_end_stroke (mask);
  /* The one point had its dab: ending adds nothing. */
  assert_data (mask, expected);
  g_assert_true (easel_mask_can_undo (mask));

  g_assert_finalize_object (mask);
}

static void
test_dab_soft (void)
{
  EaselMask *mask = easel_mask_new (64, 48);
  g_autofree guint8 *expected = expected_dab (64, 48, 30.2, 20.7, 20, 0.5);
  g_autofree guint8 *before = snapshot (mask);
  EaselMaskRect damage;
  guint intermediate = 0;

  easel_mask_begin_stroke (mask, EASEL_MASK_TOOL_BRUSH, 20, 0.5);
  easel_mask_stroke_to (mask, 30.2, 20.7, &damage);
  easel_mask_end_stroke (mask);
  assert_data (mask, expected);
  for (guint i = 0; i < 64 * 48; i++)
    intermediate += expected[i] > 0 && expected[i] < 255;
  g_assert_cmpuint (intermediate, >, 100);
  /* A pixel at r ≈ 7.5 of a radius-10 dab with core 5: halfway down. */
  g_assert_cmpuint (easel_mask_get_value (mask, 37, 20), ==,
                    dab_rule (hypot (37.5 - 30.2, 20.5 - 20.7), 20, 0.5));
  g_assert_cmpuint (easel_mask_get_value (mask, 37, 20), >, 100);
  g_assert_cmpuint (easel_mask_get_value (mask, 37, 20), <, 160);
  {
    EaselMaskRect box = changed_box (mask, before);

    assert_rect (&damage, &box);
  }

  g_assert_finalize_object (mask);
}

static void
test_stroke_capsule (void)
{
  EaselMask *mask = easel_mask_new (64, 48);
  g_autofree guint8 *expected = expected_capsule (64, 48, 10.5, 10.5, 30.5, 10.5, 5);
  const Point points[] = { { 10.5, 10.5 }, { 30.5, 10.5 } };

  stroke (mask, EASEL_MASK_TOOL_BRUSH, 5, 1, points, G_N_ELEMENTS (points));
  assert_data (mask, expected);
  g_assert_cmpuint (easel_mask_get_value (mask, 20, 12), ==, 255);
  g_assert_cmpuint (easel_mask_get_value (mask, 20, 13), ==, 0);
  g_assert_cmpuint (easel_mask_get_value (mask, 32, 10), ==, 255);
  g_assert_cmpuint (easel_mask_get_value (mask, 33, 10), ==, 0);

  g_assert_finalize_object (mask);
}

/* A fast stroke leaves no gap: two far points make a full bar. Rows 3.5
 * from the axis are covered only within 1.94 of a dab centre, so dabs
 * half the size (4 px) apart would leave their middles (2 px off) out. */
static void
test_stroke_no_gaps (void)
{
  EaselMask *mask = easel_mask_new (200, 40);
  g_autofree guint8 *expected = expected_capsule (200, 40, 5.5, 20.0, 189.5, 20.0, 8);
  const Point points[] = { { 5.5, 20.0 }, { 189.5, 20.0 } };

  stroke (mask, EASEL_MASK_TOOL_BRUSH, 8, 1, points, G_N_ELEMENTS (points));
  assert_data (mask, expected);
  g_assert_cmpuint (easel_mask_get_value (mask, 7, 23), ==, 255);
  g_assert_cmpuint (easel_mask_get_value (mask, 7, 24), ==, 0);

  g_assert_finalize_object (mask);
}

/* The same path in one event or twenty gives the same bytes, and going
 * over it again changes nothing: dabs do not pile up. */
static void
test_stroke_density (void)
{
  g_autoptr(EaselMask) sparse = easel_mask_new (64, 48);
  g_autoptr(EaselMask) dense = easel_mask_new (64, 48);
  g_autofree guint8 *once = NULL;
  const Point two[] = { { 10.5, 20.5 }, { 50.5, 20.5 } };
  Point many[41];
  Changes changes = { 0 };
  guint soft = 0;

  for (guint i = 0; i <= 40; i++)
    many[i] = (Point) { 10.5 + i, 20.5 };

  stroke (sparse, EASEL_MASK_TOOL_BRUSH, 8, 0.3, two, G_N_ELEMENTS (two));
  stroke (dense, EASEL_MASK_TOOL_BRUSH, 8, 0.3, many, G_N_ELEMENTS (many));
  once = snapshot (sparse);
  assert_data (dense, once);
  for (guint i = 0; i < 64 * 48; i++)
    soft += once[i] > 0 && once[i] < 255;
  g_assert_cmpuint (soft, >, 40);

  /* Back and forth in one stroke, then the whole stroke again. */
  g_signal_connect (sparse, "changed", G_CALLBACK (on_changed), &changes);
  easel_mask_begin_stroke (sparse, EASEL_MASK_TOOL_BRUSH, 8, 0.3);
  easel_mask_stroke_to (sparse, 50.5, 20.5, NULL);
  easel_mask_stroke_to (sparse, 10.5, 20.5, NULL);
  easel_mask_stroke_to (sparse, 50.5, 20.5, NULL);
  easel_mask_end_stroke (sparse);
  assert_data (sparse, once);
  g_assert_cmpuint (changes.count, ==, 0);
  /* Nothing changed, so no step: one undo empties the mask. */
  g_assert_true (easel_mask_undo (sparse));
  g_assert_true (all_are (sparse, 0));
  g_assert_false (easel_mask_can_undo (sparse));
}

static void
test_stroke_eraser (void)
{
  EaselMask *mask = easel_mask_new (64, 48);
  g_autofree guint8 *dab = expected_dab (64, 48, 20.3, 24.1, 16, 0.25);
  g_autofree guint8 *half = NULL;
  g_autofree guint8 *before = NULL;
  const Point point[] = { { 20.3, 24.1 } };
  guint8 *expected;

  easel_mask_fill (mask);
  g_assert_true (all_are (mask, 255));
  stroke (mask, EASEL_MASK_TOOL_ERASER, 16, 0.25, point, 1);
  expected = g_malloc (64 * 48);
  for (guint i = 0; i < 64 * 48; i++)
    expected[i] = 255 - dab[i];
  assert_data (mask, expected);
  g_assert_cmpuint (easel_mask_get_value (mask, 20, 24), ==, 0);

  /* min (old, 255 − dab): a second, harder eraser dab beside it only
   * lowers pixels. */
  before = snapshot (mask);
  half = expected_dab (64, 48, 26.0, 24.1, 10, 1);
  stroke (mask, EASEL_MASK_TOOL_ERASER, 10, 1, (Point[]) { { 26.0, 24.1 } }, 1);
  for (guint i = 0; i < 64 * 48; i++)
    expected[i] = MIN (before[i], 255 - half[i]);
  assert_data (mask, expected);

  /* The brush over erased pixels: max (old, dab). */
  g_free (before);
  before = snapshot (mask);
  stroke (mask, EASEL_MASK_TOOL_BRUSH, 16, 0.25, point, 1);
  for (guint i = 0; i < 64 * 48; i++)
    expected[i] = MAX (before[i], dab[i]);
  assert_data (mask, expected);

  g_free (expected);
  g_assert_finalize_object (mask);
}

/* Each point's damage and "changed" are exactly the box of what changed. */
static void
test_stroke_damage (void)
{
  EaselMask *mask = easel_mask_new (300, 200);
  const Point points[] = {
    { 20.2, 30.7 }, { 21.0, 31.0 }, { 60.4, 80.9 }, { 61.0, 80.0 }, { 250.3, 10.1 },
    { 250.3, 10.1 }, { 120.0, 190.0 }, { 119.5, 189.5 }, { 20.2, 30.7 },
  };
  Changes changes = { 0 };

  g_signal_connect (mask, "changed", G_CALLBACK (on_changed), &changes);
  for (guint pass = 0; pass < 2; pass++)
    {
      easel_mask_begin_stroke (mask, pass == 0 ? EASEL_MASK_TOOL_BRUSH : EASEL_MASK_TOOL_ERASER,
                               pass == 0 ? 23 : 11, pass == 0 ? 0.4 : 0.8);
      for (guint i = 0; i < G_N_ELEMENTS (points); i++)
        {
          g_autofree guint8 *before = snapshot (mask);
          EaselMaskRect damage, box;
          guint count = changes.count;

          easel_mask_stroke_to (mask, points[i].x, points[i].y, &damage);
          box = changed_box (mask, before);
          assert_rect (&damage, &box);
          if (box.width == 0)
            g_assert_cmpuint (changes.count, ==, count);
          else
            {
              g_assert_cmpuint (changes.count, ==, count + 1);
              assert_rect (&changes.last, &box);
            }
        }
      {
        g_autofree guint8 *before = snapshot (mask);
        guint count = changes.count;

        easel_mask_end_stroke (mask);
        if (changes.count > count)
          assert_changes_inside (mask, before, &changes.last);
        else
          assert_data (mask, before);
      }
    }
  /* The repeated point and the step back within a dab changed nothing. */
  g_assert_cmpuint (changes.count, <, 2 * G_N_ELEMENTS (points) + 2);

  g_assert_finalize_object (mask);
}

/* Points off the mask clip; a segment from far away still paints what
 * crosses the mask, and one that never crosses it changes nothing. */
static void
test_stroke_outside (void)
{
  EaselMask *mask = easel_mask_new (64, 48);
  g_autofree guint8 *edge = expected_dab (64, 48, -2.0, 10.3, 10, 0.6);
  g_autofree guint8 *bar = expected_capsule (64, 48, -100.5, 30.5, 30.5, 30.5, 5);
  Changes changes = { 0 };
  EaselMaskRect damage;
  gint64 start;

  stroke (mask, EASEL_MASK_TOOL_BRUSH, 10, 0.6, (Point[]) { { -2.0, 10.3 } }, 1);
  assert_data (mask, edge);
  easel_mask_clear (mask);

  /* Ends off the dab grid: the last point gets its dab at the end. */
  stroke (mask, EASEL_MASK_TOOL_BRUSH, 5, 1, (Point[]) { { -100.5, 30.5 }, { 30.5, 30.5 } }, 2);
  assert_data (mask, bar);
  easel_mask_clear (mask);

  g_signal_connect (mask, "changed", G_CALLBACK (on_changed), &changes);
  start = g_get_monotonic_time ();
  easel_mask_begin_stroke (mask, EASEL_MASK_TOOL_BRUSH, 1, 1);
  easel_mask_stroke_to (mask, -1e12, -1e12, &damage);
  g_assert_cmpint (damage.width, ==, 0);
  easel_mask_stroke_to (mask, 1e12, -1e12, &damage);
  g_assert_cmpint (damage.width, ==, 0);
  easel_mask_stroke_to (mask, -1e300, 1e300, &damage);
  g_assert_cmpint (damage.width, ==, 0);
  easel_mask_stroke_to (mask, 1e300, -1e300, &damage);
  easel_mask_end_stroke (mask);
  /* Walking 10^12 px of dabs a quarter pixel apart would take hours. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_true (all_are (mask, 0));
  g_assert_cmpuint (changes.count, ==, 0);

  /* Across the whole mask from far corner to far corner. */
  stroke (mask, EASEL_MASK_TOOL_BRUSH, 3, 1, (Point[]) { { -1e6, -1e6 }, { 1e6, 1e6 } }, 2);
  for (guint i = 0; i < 48; i++)
    g_assert_cmpuint (easel_mask_get_value (mask, i, i), ==, 255);
  g_assert_cmpuint (easel_mask_get_value (mask, 40, 2), ==, 0);
  g_assert_cmpuint (changes.count, ==, 1);

  g_assert_finalize_object (mask);
}

/* Sizes and hardness outside their ranges are clamped. */
static void
test_stroke_clamp (void)
{
  EaselMask *mask = easel_mask_new (8, 8);
  g_autofree guint8 *expected = expected_dab (8, 8, 4.5, 4.5, 1, 1);

  stroke (mask, EASEL_MASK_TOOL_BRUSH, 0.01, 7, (Point[]) { { 4.5, 4.5 } }, 1);
  assert_data (mask, expected);
  g_assert_cmpuint (easel_mask_get_value (mask, 4, 4), ==, 255);
  stroke (mask, EASEL_MASK_TOOL_BRUSH, 1e9, -3, (Point[]) { { 4.5, 4.5 } }, 1);
  /* Size 1000 with hardness 0: every pixel here is near the centre. */
  g_assert_cmpuint (easel_mask_get_value (mask, 0, 0), ==, dab_rule (hypot (4, 4), 1000, 0));
  g_assert_cmpuint (easel_mask_get_value (mask, 0, 0), >, 245);

  g_assert_finalize_object (mask);
}

/* --- whole-mask operations and undo ---------------------------------------- */

static void
test_whole_mask_undo (void)
{
  EaselMask *mask = easel_mask_new (130, 70);
  g_autofree guint8 *painted = NULL;
  g_autofree guint8 *inverted = NULL;
  Changes changes = { 0 };

  stroke (mask, EASEL_MASK_TOOL_BRUSH, 30, 0.5,
          (Point[]) { { 10.3, 10.9 }, { 100.2, 50.1 } }, 2);
  painted = snapshot (mask);
  g_signal_connect (mask, "changed", G_CALLBACK (on_changed), &changes);

  easel_mask_invert (mask);
  inverted = snapshot (mask);
  for (guint i = 0; i < 130 * 70; i++)
    g_assert_cmpuint (inverted[i], ==, 255 - painted[i]);
  assert_rect (&changes.last, &(EaselMaskRect) { 0, 0, 130, 70 });
  g_assert_true (easel_mask_undo (mask));
  assert_data (mask, painted);
  assert_rect (&changes.last, &(EaselMaskRect) { 0, 0, 130, 70 });
  g_assert_true (easel_mask_redo (mask));
  assert_data (mask, inverted);

  easel_mask_clear (mask);
  g_assert_true (all_are (mask, 0));
  g_assert_true (easel_mask_is_empty (mask));
  assert_changes_inside (mask, inverted, &changes.last);
  g_assert_true (easel_mask_undo (mask));
  assert_data (mask, inverted);
  g_assert_false (easel_mask_is_empty (mask));
  {
    g_autofree guint8 *zeros = g_malloc0 (130 * 70);

    assert_changes_inside (mask, zeros, &changes.last);
  }

  easel_mask_fill (mask);
  g_assert_true (all_are (mask, 255));
  g_assert_true (easel_mask_undo (mask));
  assert_data (mask, inverted);
  g_assert_true (easel_mask_redo (mask));
  g_assert_true (all_are (mask, 255));
  g_assert_true (easel_mask_undo (mask));

  /* Back through everything to the empty start, then forward again. */
  g_assert_true (easel_mask_undo (mask));
  assert_data (mask, painted);
  g_assert_true (easel_mask_undo (mask));
  g_assert_true (all_are (mask, 0));
  g_assert_true (easel_mask_is_empty (mask));
  g_assert_false (easel_mask_undo (mask));
  g_assert_true (easel_mask_redo (mask));
  assert_data (mask, painted);
  g_assert_true (easel_mask_redo (mask));
  assert_data (mask, inverted);
  g_assert_true (easel_mask_redo (mask));
  g_assert_true (all_are (mask, 255));
  g_assert_false (easel_mask_redo (mask));

  g_assert_finalize_object (mask);
}

/* Clear on an empty mask and fill on a full one are no steps and no
 * signals; fill on a partly painted mask saves only the tiles it changed,
 * so its "changed" is their union. */
static void
test_whole_mask_no_change (void)
{
  EaselMask *mask = easel_mask_new (300, 200);
  Changes changes = { 0 };

  g_signal_connect (mask, "changed", G_CALLBACK (on_changed), &changes);
  easel_mask_clear (mask);
  g_assert_cmpuint (changes.count, ==, 0);
  g_assert_false (easel_mask_can_undo (mask));

  easel_mask_fill (mask);
  g_assert_cmpuint (changes.count, ==, 1);
  easel_mask_fill (mask);
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_true (easel_mask_undo (mask));
  g_assert_false (easel_mask_can_undo (mask));

  /* One dab in the tile at (128, 64): clear changes only that tile. */
  stroke (mask, EASEL_MASK_TOOL_BRUSH, 10, 1, (Point[]) { { 150.5, 100.5 } }, 1);
  easel_mask_clear (mask);
  assert_rect (&changes.last, &(EaselMaskRect) { 128, 64, 64, 64 });
  g_assert_true (easel_mask_is_empty (mask));
  changes.last = (EaselMaskRect) { 0, 0, 0, 0 };
  changes.count = 0;
  g_assert_true (easel_mask_undo (mask));
  g_assert_cmpuint (easel_mask_get_value (mask, 150, 100), ==, 255);
  g_assert_cmpuint (changes.count, ==, 1);
  assert_rect (&changes.last, &(EaselMaskRect) { 128, 64, 64, 64 });
  /* And a stroke's undo: the tiles its dabs reached. */
  stroke (mask, EASEL_MASK_TOOL_BRUSH, 10, 1, (Point[]) { { 10.5, 10.5 }, { 70.5, 10.5 } }, 2);
  changes.count = 0;
  g_assert_true (easel_mask_undo (mask));
  g_assert_cmpuint (changes.count, ==, 1);
  assert_rect (&changes.last, &(EaselMaskRect) { 0, 0, 128, 64 });
  g_assert_true (easel_mask_redo (mask));
  g_assert_cmpuint (changes.count, ==, 2);
  assert_rect (&changes.last, &(EaselMaskRect) { 0, 0, 128, 64 });

  g_assert_finalize_object (mask);
}

/* 120 strokes, then 100 undos: back at the state after stroke 20, the
 * oldest steps gone. */
static void
test_undo_limit (void)
{
  EaselMask *mask = easel_mask_new (256, 160);
  GPtrArray *states = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (states, snapshot (mask));
  for (guint n = 0; n < 120; n++)
    {
      /* Every stroke must change something to be a step: an eraser goes
       * over the stroke before it. */
      guint at = n % 7 == 6 ? n - 1 : n;
      Point point = { 8.3 + (at % 15) * 16.5, 8.7 + (at / 15) * 19.1 };

      stroke (mask, n % 7 == 6 ? EASEL_MASK_TOOL_ERASER : EASEL_MASK_TOOL_BRUSH,
              6 + n % 20, (n % 5) / 4.0, (Point[]) { point, { point.x + n % 9, point.y } }, 2);
      g_ptr_array_add (states, snapshot (mask));
    }

  for (guint n = 0; n < 100; n++)
    {
      g_assert_true (easel_mask_undo (mask));
      assert_data (mask, states->pdata[119 - n]);
    }
  assert_data (mask, states->pdata[20]);
  g_assert_false (easel_mask_can_undo (mask));
  g_assert_false (easel_mask_undo (mask));
  assert_data (mask, states->pdata[20]);

  g_assert_true (easel_mask_redo (mask));
  assert_data (mask, states->pdata[21]);
  g_assert_true (easel_mask_can_redo (mask));

  /* A new step drops what could be redone. */
  easel_mask_invert (mask);
  g_assert_false (easel_mask_can_redo (mask));
  g_assert_false (easel_mask_redo (mask));
  g_assert_true (easel_mask_undo (mask));
  assert_data (mask, states->pdata[21]);

  g_ptr_array_unref (states);
  g_assert_finalize_object (mask);
}

typedef struct
{
  guint empty;
  guint can_undo;
  guint can_redo;
} Notifies;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Notifies   *notifies)
{
  if (g_str_equal (pspec->name, "empty"))
    notifies->empty++;
  else if (g_str_equal (pspec->name, "can-undo"))
    notifies->can_undo++;
  else if (g_str_equal (pspec->name, "can-redo"))
    notifies->can_redo++;
}

static void
test_notify (void)
{
  EaselMask *mask = easel_mask_new (100, 100);
  Notifies n = { 0 };
  gboolean value;

  g_signal_connect (mask, "notify", G_CALLBACK (on_notify), &n);

  stroke (mask, EASEL_MASK_TOOL_BRUSH, 10, 1, (Point[]) { { 20.5, 20.5 } }, 1);
  g_assert_cmpuint (n.empty, ==, 1);
  g_assert_cmpuint (n.can_undo, ==, 1);
  g_assert_cmpuint (n.can_redo, ==, 0);
  g_object_get (mask, "empty", &value, NULL);
  g_assert_false (value);

  /* Still not empty, still undoable: no notification. */
  stroke (mask, EASEL_MASK_TOOL_BRUSH, 10, 1, (Point[]) { { 60.5, 60.5 } }, 1);
  g_assert_cmpuint (n.empty, ==, 1);
  g_assert_cmpuint (n.can_undo, ==, 1);

  g_assert_true (easel_mask_undo (mask));
  g_assert_cmpuint (n.can_redo, ==, 1);
  g_assert_cmpuint (n.empty, ==, 1);
  g_assert_true (easel_mask_undo (mask));
  g_assert_cmpuint (n.can_undo, ==, 2);
  g_assert_cmpuint (n.can_redo, ==, 1);
  g_assert_cmpuint (n.empty, ==, 2);
  g_object_get (mask, "empty", &value, "can-undo", &value, NULL);
  g_assert_false (value);
  g_assert_true (easel_mask_is_empty (mask));

  /* Erasing everything a stroke painted within the same stroke. */
  easel_mask_redo (mask);
  g_assert_cmpuint (n.empty, ==, 3);
  stroke (mask, EASEL_MASK_TOOL_ERASER, 30, 1, (Point[]) { { 20.5, 20.5 } }, 1);
  g_assert_true (easel_mask_is_empty (mask));
  g_assert_cmpuint (n.empty, ==, 4);
  g_assert_cmpuint (n.can_redo, ==, 2);

  /* Invert of an empty mask is full, then empty again. */
  easel_mask_invert (mask);
  g_assert_true (all_are (mask, 255));
  g_assert_false (easel_mask_is_empty (mask));
  easel_mask_invert (mask);
  g_assert_true (easel_mask_is_empty (mask));
  g_assert_cmpuint (n.empty, ==, 6);

  g_assert_finalize_object (mask);
}

/* Undo in the middle of a stroke ends it first and takes it back. */
static void
test_undo_in_stroke (void)
{
  EaselMask *mask = easel_mask_new (40, 40);

  easel_mask_begin_stroke (mask, EASEL_MASK_TOOL_BRUSH, 6, 1);
  easel_mask_stroke_to (mask, 10.5, 10.5, NULL);
  easel_mask_stroke_to (mask, 20.5, 10.5, NULL);
  g_assert_true (easel_mask_undo (mask));
  g_assert_false (easel_mask_in_stroke (mask));
  g_assert_true (all_are (mask, 0));
  g_assert_true (easel_mask_redo (mask));
  g_assert_cmpuint (easel_mask_get_value (mask, 15, 10), ==, 255);

  /* A stroke begun over one that never ended: two steps. */
  easel_mask_begin_stroke (mask, EASEL_MASK_TOOL_BRUSH, 6, 1);
  easel_mask_stroke_to (mask, 30.5, 30.5, NULL);
  easel_mask_begin_stroke (mask, EASEL_MASK_TOOL_ERASER, 6, 1);
  easel_mask_stroke_to (mask, 15.5, 10.5, NULL);
  easel_mask_end_stroke (mask);
  g_assert_cmpuint (easel_mask_get_value (mask, 15, 10), ==, 0);
  g_assert_true (easel_mask_undo (mask));
  g_assert_cmpuint (easel_mask_get_value (mask, 15, 10), ==, 255);
  g_assert_cmpuint (easel_mask_get_value (mask, 30, 30), ==, 255);
  g_assert_true (easel_mask_undo (mask));
  g_assert_cmpuint (easel_mask_get_value (mask, 30, 30), ==, 0);

  g_assert_finalize_object (mask);
}

static void
test_copy_assign (void)
{
  EaselMask *mask = easel_mask_new (100, 70);
  EaselMask *other = easel_mask_new (100, 70);
  EaselMask *small = easel_mask_new (99, 70);
  EaselMask *copy;
  g_autofree guint8 *before = NULL;
  g_autofree guint8 *theirs = NULL;

  stroke (mask, EASEL_MASK_TOOL_BRUSH, 20, 0.5, (Point[]) { { 30.1, 30.2 } }, 1);
  before = snapshot (mask);
  copy = easel_mask_copy (mask);
  assert_data (copy, before);
  g_assert_false (easel_mask_is_empty (copy));
  g_assert_false (easel_mask_can_undo (copy));

  stroke (other, EASEL_MASK_TOOL_BRUSH, 40, 0.2, (Point[]) { { 70.1, 40.2 } }, 1);
  theirs = snapshot (other);
  g_assert_false (easel_mask_assign (mask, small));
  assert_data (mask, before);
  g_assert_true (easel_mask_assign (mask, other));
  assert_data (mask, theirs);
  g_assert_true (easel_mask_undo (mask));
  assert_data (mask, before);
  g_assert_true (easel_mask_redo (mask));
  assert_data (mask, theirs);
  /* The copy is its own raster. */
  assert_data (copy, before);

  g_assert_finalize_object (copy);
  g_assert_finalize_object (small);
  g_assert_finalize_object (other);
  g_assert_finalize_object (mask);
}

/* --- PNG -------------------------------------------------------------------- */

static GdkPixbuf *
decode (GBytes *png)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("png", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (gdk_pixbuf_loader_write_bytes (loader, png, &error));
  g_assert_no_error (error);
  g_assert_true (gdk_pixbuf_loader_close (loader, &error));
  g_assert_no_error (error);
  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

static GBytes *
save (GdkPixbuf  *pixbuf,
      const char *type)
{
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize length = 0;

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, type, &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, length);
}

/* An RGBA PNG, opaque but for a transparent rectangle. */
static GBytes *
make_png (int width,
          int height,
          int hole_x,
          int hole_y,
          int hole_width,
          int hole_height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  gdk_pixbuf_fill (pixbuf, 0x204060ff);
  for (int y = hole_y; y < hole_y + hole_height; y++)
    for (int x = hole_x; x < hole_x + hole_width; x++)
      pixels[y * stride + x * 4 + 3] = 0;
  return save (pixbuf, "png");
}

static void
assert_export (EaselMask *mask,
               GBytes    *png)
{
  g_autoptr(GdkPixbuf) pixbuf = decode (png);
  const guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint width = easel_mask_get_width (mask), height = easel_mask_get_height (mask);

  g_assert_true (gdk_pixbuf_get_has_alpha (pixbuf));
  g_assert_cmpint (gdk_pixbuf_get_n_channels (pixbuf), ==, 4);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, width);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, height);
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        const guint8 *p = pixels + y * stride + x * 4;

        g_assert_cmpuint (p[0] | p[1] | p[2], ==, 0);
        if (p[3] != 255 - easel_mask_get_value (mask, x, y))
          g_error ("alpha at (%u, %u) is %u for coverage %u", x, y, p[3],
                   easel_mask_get_value (mask, x, y));
      }
}

static void
test_export (void)
{
  EaselMask *mask = easel_mask_new (120, 90);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  stroke (mask, EASEL_MASK_TOOL_BRUSH, 30, 0.5, (Point[]) { { 20.5, 20.5 }, { 90.2, 60.7 } }, 2);
  png = easel_mask_export_png (mask, &error);
  g_assert_no_error (error);
  g_assert_true (memcmp (g_bytes_get_data (png, NULL), "\x89PNG\r\n\x1a\n", 8) == 0);
  assert_export (mask, png);

  /* Painted is transparent (redraw), unpainted opaque (keep): the gateways'
   * rule, never the other way round. */
  pixbuf = decode (png);
  g_assert_cmpuint (easel_mask_get_value (mask, 20, 20), ==, 255);
  g_assert_cmpuint (gdk_pixbuf_get_pixels (pixbuf)[20 * gdk_pixbuf_get_rowstride (pixbuf) +
                                                    20 * 4 + 3], ==, 0);
  g_assert_cmpuint (easel_mask_get_value (mask, 110, 5), ==, 0);
  g_assert_cmpuint (gdk_pixbuf_get_pixels (pixbuf)[5 * gdk_pixbuf_get_rowstride (pixbuf) +
                                                   110 * 4 + 3], ==, 255);

  g_assert_finalize_object (mask);
}

static void
test_import_round_trip (void)
{
  EaselMask *mask = easel_mask_new (120, 90);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  /* Not freed: an out argument is set, never freed. */
  char *message = (char *) "stale";
  g_autofree guint8 *expected = NULL;
  EaselMask *loaded;

  stroke (mask, EASEL_MASK_TOOL_BRUSH, 25, 0.3, (Point[]) { { 10.5, 80.5 }, { 100.2, 7.7 } }, 2);
  expected = snapshot (mask);
  png = easel_mask_export_png (mask, &error);
  g_assert_no_error (error);

  loaded = easel_mask_load_png (png, 120, 90, &message, &error);
  g_assert_no_error (error);
  g_assert_null (message);
  assert_data (loaded, expected);
  g_assert_false (easel_mask_is_empty (loaded));
  g_assert_false (easel_mask_can_undo (loaded));

  /* An imported mask is one undoable step of the mask being edited. */
  g_assert_true (easel_mask_assign (mask, loaded));
  g_assert_false (easel_mask_can_redo (mask));

  g_assert_finalize_object (loaded);
  g_assert_finalize_object (mask);
}

static void
test_import_scaled (void)
{
  g_autoptr(GBytes) png = make_png (32, 32, 8, 8, 16, 16);
  g_autoptr(GBytes) dot = make_png (1000, 1000, 0, 0, 1, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  EaselMask *mask;

  /* Same shape, twice the size: the hole doubles. */
  mask = easel_mask_load_png (png, 64, 64, &message, &error);
  g_assert_no_error (error);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "32 × 32"));
  g_assert_nonnull (strstr (message, "64 × 64"));
  g_assert_null (strstr (message, "shape"));
  for (guint y = 0; y < 64; y++)
    for (guint x = 0; x < 64; x++)
      {
        guint8 value = easel_mask_get_value (mask, x, y);

        /* Inside the doubled hole (16–47) but off its 1-px blurred edge. */
        if (x >= 17 && x <= 46 && y >= 17 && y <= 46)
          g_assert_cmpuint (value, ==, 255);
        else if (x < 15 || x > 48 || y < 15 || y > 48)
          g_assert_cmpuint (value, ==, 0);
      }
  /* Bilinear: the edge is in between. */
  g_assert_cmpuint (easel_mask_get_value (mask, 16, 30), >, 0);
  g_assert_cmpuint (easel_mask_get_value (mask, 16, 30), <, 255);
  g_assert_finalize_object (mask);
  g_clear_pointer (&message, g_free);

  /* Another shape: stretched, and the message says to check it. */
  mask = easel_mask_load_png (png, 64, 48, &message, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (message, "32 × 32"));
  g_assert_nonnull (strstr (message, "64 × 48"));
  g_assert_nonnull (strstr (message, "shape differs"));
  g_assert_cmpuint (easel_mask_get_value (mask, 32, 24), ==, 255);
  g_assert_cmpuint (easel_mask_get_value (mask, 2, 2), ==, 0);
  g_assert_finalize_object (mask);
  g_clear_pointer (&message, g_free);

  /* No message wanted: still scaled. */
  mask = easel_mask_load_png (png, 16, 16, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (easel_mask_get_value (mask, 8, 8), ==, 255);
  g_assert_finalize_object (mask);

  /* One transparent pixel in a thousand squared vanishes at 10 × 10. */
  mask = easel_mask_load_png (dot, 10, 10, &message, &error);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "nothing would be redrawn"));
  g_assert_nonnull (strstr (error->message, "1000 × 1000"));
  g_assert_null (mask);
  g_assert_null (message);
}

static guint32
png_crc (const guint8 *data,
         gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  return crc ^ 0xffffffff;
}

/* A real small PNG whose IHDR then claims @width × @height, CRC fixed, so
 * only the size lies: a decoder would allocate for it at once. */
static GBytes *
make_lying_png (guint32 width,
                guint32 height)
{
  g_autoptr(GBytes) png = make_png (16, 16, 0, 0, 4, 4);
  gsize length = g_bytes_get_size (png);
  guint8 *data = g_memdup2 (g_bytes_get_data (png, NULL), length);
  guint32 value;

  value = GUINT32_TO_BE (width);
  memcpy (data + 16, &value, 4);
  value = GUINT32_TO_BE (height);
  memcpy (data + 20, &value, 4);
  value = GUINT32_TO_BE (png_crc (data + 12, 4 + 13));
  memcpy (data + 29, &value, 4);
  return g_bytes_new_take (data, length);
}

static void
assert_refused (GBytes     *png,
                const char *phrase)
{
  g_autoptr(GError) error = NULL;
  /* Not freed: an out argument is set, never freed. */
  char *message = (char *) "stale";
  EaselMask *mask;

  mask = easel_mask_load_png (png, 64, 64, &message, &error);
  g_assert_null (mask);
  g_assert_null (message);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  if (strstr (error->message, phrase) == NULL)
    g_error ("“%s” does not say “%s”", error->message, phrase);
}

static void
test_import_refused (void)
{
  g_autoptr(GdkPixbuf) rgb = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 64);
  g_autoptr(GdkPixbuf) opaque = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 64, 64);
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GBytes) no_alpha = NULL;
  g_autoptr(GBytes) all_opaque = NULL;
  g_autoptr(GBytes) bomb = make_lying_png (30000, 30000);
  g_autoptr(GBytes) too_wide = make_lying_png (16385, 1);
  g_autoptr(GBytes) too_many = make_lying_png (6000, 6000);
  g_autoptr(GBytes) garbage = g_bytes_new_static ("not an image at all, just words", 31);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) good = make_png (64, 64, 0, 0, 8, 8);
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (good, 0, g_bytes_get_size (good) / 2);
  g_autoptr(GBytes) signature = g_bytes_new_static ("\x89PNG\r\n\x1a\n", 8);
  gint64 start;

  gdk_pixbuf_fill (rgb, 0x000000ff);
  gdk_pixbuf_fill (opaque, 0x000000ff);
  jpeg = save (rgb, "jpeg");
  no_alpha = save (rgb, "png");
  all_opaque = save (opaque, "png");

  assert_refused (jpeg, "not a PNG image");
  assert_refused (garbage, "not a PNG image");
  assert_refused (empty, "not a PNG image");
  assert_refused (no_alpha, "has no transparency");
  assert_refused (all_opaque, "nothing would be redrawn");
  assert_refused (truncated, "damaged");
  assert_refused (signature, "damaged");

  /* From the header, before any decoder allocates 3.6 GB for it. */
  start = g_get_monotonic_time ();
  assert_refused (bomb, "30000 × 30000");
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 4);
  assert_refused (too_wide, "16385 × 1");
  assert_refused (too_many, "6000 × 6000");
}

/* --- async ------------------------------------------------------------------ */

typedef struct
{
  GMainLoop *loop;
  GBytes    *png;
  EaselMask *mask;
  char      *message;
  GError    *error;
  gboolean   done;
} Async;

static void
async_clear (Async *async)
{
  g_clear_pointer (&async->png, g_bytes_unref);
  g_clear_object (&async->mask);
  g_clear_pointer (&async->message, g_free);
  g_clear_error (&async->error);
  async->done = FALSE;
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Async *async = user_data;

  async->png = easel_mask_export_png_finish (EASEL_MASK (source), result, &async->error);
  async->done = TRUE;
  g_main_loop_quit (async->loop);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Async *async = user_data;

  g_assert_null (source);
  async->mask = easel_mask_load_png_finish (result, &async->message, &async->error);
  async->done = TRUE;
  g_main_loop_quit (async->loop);
}

static void
run (Async *async)
{
  while (!async->done)
    g_main_loop_run (async->loop);
}

static void
test_async (void)
{
  EaselMask *mask = easel_mask_new (300, 200);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) small = make_png (30, 20, 0, 0, 10, 10);
  g_autoptr(GBytes) garbage = g_bytes_new_static ("GIF89a", 6);
  g_autofree guint8 *exported = NULL;
  g_autofree guint8 *later = NULL;
  Async async = { g_main_loop_new (NULL, FALSE) };

  stroke (mask, EASEL_MASK_TOOL_BRUSH, 40, 0.5, (Point[]) { { 50.5, 50.5 }, { 250.5, 150.5 } }, 2);
  exported = snapshot (mask);
  easel_mask_export_png_async (mask, NULL, on_exported, &async);
  /* The worker has its own copy: a stroke now does not reach the file. */
  stroke (mask, EASEL_MASK_TOOL_BRUSH, 40, 1, (Point[]) { { 250.5, 20.5 } }, 1);
  later = snapshot (mask);
  run (&async);
  g_assert_no_error (async.error);
  {
    g_autoptr(EaselMask) then = easel_mask_new (300, 200);

    g_assert_true (memcmp (exported, later, 300 * 200) != 0);
    easel_mask_begin_stroke (then, EASEL_MASK_TOOL_BRUSH, 40, 0.5);
    easel_mask_stroke_to (then, 50.5, 50.5, NULL);
    easel_mask_stroke_to (then, 250.5, 150.5, NULL);
    easel_mask_end_stroke (then);
    assert_data (then, exported);
    assert_export (then, async.png);
  }

  /* Load it back on a worker. */
  {
    g_autoptr(GBytes) png = g_bytes_ref (async.png);

    async_clear (&async);
    easel_mask_load_png_async (png, 300, 200, NULL, on_loaded, &async);
    run (&async);
    g_assert_no_error (async.error);
    g_assert_null (async.message);
    assert_data (async.mask, exported);
  }

  async_clear (&async);
  easel_mask_load_png_async (small, 60, 40, NULL, on_loaded, &async);
  run (&async);
  g_assert_no_error (async.error);
  g_assert_nonnull (strstr (async.message, "30 × 20"));
  g_assert_cmpuint (easel_mask_get_value (async.mask, 5, 5), ==, 255);

  async_clear (&async);
  easel_mask_load_png_async (garbage, 60, 40, NULL, on_loaded, &async);
  run (&async);
  g_assert_error (async.error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  g_assert_null (async.mask);
  g_assert_null (async.message);

  /* Cancelled: both report it and nothing else. */
  g_cancellable_cancel (cancellable);
  async_clear (&async);
  easel_mask_export_png_async (mask, cancellable, on_exported, &async);
  run (&async);
  g_assert_error (async.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (async.png);

  async_clear (&async);
  easel_mask_load_png_async (small, 60, 40, cancellable, on_loaded, &async);
  run (&async);
  g_assert_error (async.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (async.mask);
  g_assert_null (async.message);

  async_clear (&async);
  g_main_loop_unref (async.loop);

  /* A cancelled export's worker may still hold the task, and with it the
   * mask, for a moment: wait for it to let go. */
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    g_object_add_weak_pointer (G_OBJECT (mask), (gpointer *) &mask);
    g_object_unref (mask);
    while (mask != NULL && g_get_monotonic_time () < deadline)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
    g_assert_null (mask);
  }
}

/* --- the size of a reference ----------------------------------------------- */

static void
test_read_image_size (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 123, 45);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GBytes) bomb = make_lying_png (30000, 30000);
  g_autoptr(GBytes) garbage = g_bytes_new_static ("GIF89a and so on", 16);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) signature = g_bytes_new_static ("\x89PNG\r\n\x1a\n", 8);
  /* A lossless WebP header: 14 bits of width − 1 and height − 1. */
  static const guint8 webp_bytes[] = {
    'R', 'I', 'F', 'F', 26, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L',
    14, 0, 0, 0, 0x2f, (321 - 1) & 0xff, (((321 - 1) >> 8) & 0x3f) | (((200 - 1) & 0x3) << 6),
    ((200 - 1) >> 2) & 0xff, ((200 - 1) >> 10) & 0xf, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  };
  g_autoptr(GBytes) webp = g_bytes_new_static (webp_bytes, sizeof webp_bytes);
  g_autoptr(GError) error = NULL;
  guint width = 0, height = 0;

  gdk_pixbuf_fill (pixbuf, 0x808080ff);
  png = save (pixbuf, "png");
  jpeg = save (pixbuf, "jpeg");

  g_assert_true (easel_mask_read_image_size (png, &width, &height, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (width, ==, 123);
  g_assert_cmpuint (height, ==, 45);

  width = height = 0;
  g_assert_true (easel_mask_read_image_size (jpeg, &width, &height, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (width, ==, 123);
  g_assert_cmpuint (height, ==, 45);

  g_assert_true (easel_mask_read_image_size (webp, &width, &height, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (width, ==, 321);
  g_assert_cmpuint (height, ==, 200);

  width = height = 7;
  g_assert_false (easel_mask_read_image_size (garbage, &width, &height, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "not a PNG, JPEG or WebP"));
  g_assert_cmpuint (width, ==, 7);
  g_clear_error (&error);

  g_assert_false (easel_mask_read_image_size (empty, &width, &height, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "not a PNG, JPEG or WebP"));
  g_clear_error (&error);

  g_assert_false (easel_mask_read_image_size (signature, &width, &height, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_clear_error (&error);

  g_assert_false (easel_mask_read_image_size (bomb, &width, &height, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "30000 × 30000"));
  g_assert_cmpuint (width, ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mask/new", test_new);
  g_test_add_func ("/mask/stroke/dab-hard", test_dab_hard);
  g_test_add_func ("/mask/stroke/dab-soft", test_dab_soft);
  g_test_add_func ("/mask/stroke/capsule", test_stroke_capsule);
  g_test_add_func ("/mask/stroke/no-gaps", test_stroke_no_gaps);
  g_test_add_func ("/mask/stroke/density", test_stroke_density);
  g_test_add_func ("/mask/stroke/eraser", test_stroke_eraser);
  g_test_add_func ("/mask/stroke/damage", test_stroke_damage);
  g_test_add_func ("/mask/stroke/outside", test_stroke_outside);
  g_test_add_func ("/mask/stroke/clamp", test_stroke_clamp);
  g_test_add_func ("/mask/undo/whole-mask", test_whole_mask_undo);
  g_test_add_func ("/mask/undo/no-change", test_whole_mask_no_change);
  g_test_add_func ("/mask/undo/limit", test_undo_limit);
  g_test_add_func ("/mask/undo/in-stroke", test_undo_in_stroke);
  g_test_add_func ("/mask/notify", test_notify);
  g_test_add_func ("/mask/copy-assign", test_copy_assign);
  g_test_add_func ("/mask/png/export", test_export);
  g_test_add_func ("/mask/png/round-trip", test_import_round_trip);
  g_test_add_func ("/mask/png/scaled", test_import_scaled);
  g_test_add_func ("/mask/png/refused", test_import_refused);
  g_test_add_func ("/mask/png/async", test_async);
  g_test_add_func ("/mask/read-image-size", test_read_image_size);

  return g_test_run ();
}
