/* easel-mask-canvas-tiles.c: the mask canvas's tiles: the source pyramid, made
 * off the main thread, and the overlay's tinted coverage
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Below a zoom of ½ the picture is drawn from a smaller copy (a level of
 * a pyramid of halvings made once per source on a worker thread), and the
 * overlay at the same level: a 4K picture at fit then costs a quarter of
 * the pixels, or less. The overlay is kept as tiles of premultiplied
 * colour × opacity × coverage; a "changed" of the mask marks the tiles it
 * touched, rebuilt when next drawn, and a new colour or opacity marks them
 * all. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "easel-mask-canvas-private.h"

static cairo_user_data_key_t overlay_data_key;

typedef struct
{
  EaselMaskCanvasLevel *levels;
  guint                 n_levels;
} Pyramid;

typedef struct
{
  GdkTexture *texture;
  guchar     *pixels;
  int         width;
  int         height;
} PyramidJob;

static void
levels_free (EaselMaskCanvasLevel *levels,
             guint                 n_levels)
{
  for (guint i = 0; i < n_levels; i++)
    {
      for (int t = 0; t < levels[i].tiles_x * levels[i].tiles_y; t++)
        cairo_surface_destroy (levels[i].tiles[t]);
      g_free (levels[i].tiles);
    }
  g_free (levels);
}

static void
pyramid_free (Pyramid *pyramid)
{
  levels_free (pyramid->levels, pyramid->n_levels);
  g_free (pyramid);
}

static void
pyramid_job_free (PyramidJob *job)
{
  g_clear_object (&job->texture);
  g_free (job->pixels);
  g_free (job);
}

/* Levels for a picture of @width × @height: halvings until one fits in
 * a tile. */
static guint
level_count (int width,
             int height)
{
  guint n = 1;

  while (n < EASEL_MASK_CANVAS_MAX_LEVELS &&
         MAX (width, height) > EASEL_MASK_CANVAS_SOURCE_TILE << (n - 1))
    n++;

  return n;
}

int
easel_mask_canvas_level_for_zoom (EaselMaskCanvas *self,
                                  double           zoom)
{
  guint n = level_count (self->viewport.image_width, self->viewport.image_height);
  /* The largest level still at least as fine as the screen. */
  int level = (int) floor (-log2 (zoom) + 1e-9);

  return CLAMP (level, 0, (int) n - 1);
}

/* Premultiplied ARGB32 rows of @width × @height in tiles. */
static void
cut_level (EaselMaskCanvasLevel *level,
           const guchar         *pixels,
           int                   width,
           int                   height)
{
  int side = EASEL_MASK_CANVAS_SOURCE_TILE;

  level->width = width;
  level->height = height;
  level->tiles_x = (width + side - 1) / side;
  level->tiles_y = (height + side - 1) / side;
  level->tiles = g_new0 (cairo_surface_t *, level->tiles_x * level->tiles_y);

  for (int ty = 0; ty < level->tiles_y; ty++)
    for (int tx = 0; tx < level->tiles_x; tx++)
      {
        int x0 = tx * side, y0 = ty * side;
        int w = MIN (side, width - x0), h = MIN (side, height - y0);
        cairo_surface_t *tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
        guchar *data = cairo_image_surface_get_data (tile);
        int stride = cairo_image_surface_get_stride (tile);

        for (int y = 0; y < h; y++)
          memcpy (data + (gsize) y * stride, pixels + ((gsize) (y0 + y) * width + x0) * 4,
                  (gsize) w * 4);
        cairo_surface_mark_dirty (tile);
        level->tiles[ty * level->tiles_x + tx] = tile;
      }
}

/* Each pixel of the half-size picture is the mean of the 2 × 2 (fewer at
 * an odd edge) it covers; premultiplied, so colours average rightly. */
static guchar *
halve (const guchar *pixels,
       int           width,
       int           height)
{
  int out_width = easel_mask_canvas_level_side (width, 1), out_height = easel_mask_canvas_level_side (height, 1);
  guchar *out = g_malloc ((gsize) out_width * out_height * 4);

  for (int y = 0; y < out_height; y++)
    {
      const guchar *row0 = pixels + (gsize) (2 * y) * width * 4;
      const guchar *row1 = 2 * y + 1 < height ? row0 + (gsize) width * 4 : row0;

      for (int x = 0; x < out_width; x++)
        {
          int x1 = 2 * x + 1 < width ? 2 * x + 1 : 2 * x;

          for (int c = 0; c < 4; c++)
            out[((gsize) y * out_width + x) * 4 + c] =
              (row0[2 * x * 4 + c] + row0[x1 * 4 + c] + row1[2 * x * 4 + c] +
               row1[x1 * 4 + c] + 2) / 4;
        }
    }

  return out;
}

static void
build_pyramid (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  PyramidJob *job = task_data;
  g_autofree guchar *pixels = g_steal_pointer (&job->pixels);
  int width = job->width, height = job->height;
  Pyramid *pyramid = g_new0 (Pyramid, 1);

  if (pixels == NULL)
    {
      /* A memory texture is plain bytes, safe to read on any thread. */
      pixels = g_malloc ((gsize) width * height * 4);
      gdk_texture_download (job->texture, pixels, (gsize) width * 4);
    }

  pyramid->n_levels = level_count (width, height);
  pyramid->levels = g_new0 (EaselMaskCanvasLevel, pyramid->n_levels);

  for (guint i = 0; i < pyramid->n_levels; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          pyramid->n_levels = i;
          pyramid_free (pyramid);
          g_task_return_error_if_cancelled (task);
          return;
        }

      cut_level (&pyramid->levels[i], pixels, width, height);
      if (i + 1 < pyramid->n_levels)
        {
          guchar *half = halve (pixels, width, height);

          g_free (pixels);
          pixels = half;
          width = easel_mask_canvas_level_side (width, 1);
          height = easel_mask_canvas_level_side (height, 1);
        }
    }

  g_task_return_pointer (task, pyramid, (GDestroyNotify) pyramid_free);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

/* The task does not hold the canvas: a canvas closed while its pyramid is
 * being built is freed at once, and the pyramid after it. */
static void
on_pyramid_built (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(EaselMaskCanvas) self = g_weak_ref_get (ref);
  Pyramid *pyramid = g_task_propagate_pointer (G_TASK (result), NULL);

  weak_ref_free (ref);

  /* Cancelled: a newer source (or none) took its place. */
  if (pyramid == NULL)
    return;
  if (self == NULL || g_task_get_cancellable (G_TASK (result)) != self->pyramid_cancellable)
    {
      pyramid_free (pyramid);
      return;
    }

  self->levels = g_steal_pointer (&pyramid->levels);
  self->n_levels = pyramid->n_levels;
  g_free (pyramid);
  g_clear_object (&self->pyramid_cancellable);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
clear_source_nodes (EaselMaskCanvas *self)
{
  for (guint i = 0; i < self->n_source_nodes; i++)
    g_clear_pointer (&self->source_nodes[i], gsk_render_node_unref);
  g_clear_pointer (&self->source_nodes, g_free);
  self->n_source_nodes = 0;
}

void
easel_mask_canvas_clear_overlay (EaselMaskCanvas *self)
{
  for (guint i = 0; i < self->n_overlay_tiles; i++)
    {
      g_clear_pointer (&self->overlay_tiles[i].surface, cairo_surface_destroy);
      g_clear_pointer (&self->overlay_tiles[i].node, gsk_render_node_unref);
    }
  g_clear_pointer (&self->overlay_tiles, g_free);
  self->n_overlay_tiles = 0;
  self->overlay_level = -1;
}

void
easel_mask_canvas_drop_nodes (EaselMaskCanvas *self)
{
  clear_source_nodes (self);
  for (guint i = 0; i < self->n_overlay_tiles; i++)
    g_clear_pointer (&self->overlay_tiles[i].node, gsk_render_node_unref);
}

void
easel_mask_canvas_clear_tiles (EaselMaskCanvas *self)
{
  g_cancellable_cancel (self->pyramid_cancellable);
  g_clear_object (&self->pyramid_cancellable);
  levels_free (self->levels, self->n_levels);
  self->levels = NULL;
  self->n_levels = 0;
  clear_source_nodes (self);
  easel_mask_canvas_clear_overlay (self);
  g_clear_pointer (&self->outline_node, gsk_render_node_unref);
  self->drawn_level = -1;
}

void
easel_mask_canvas_reset_tiles (EaselMaskCanvas *self,
                               gboolean         source_changed)
{
  g_autoptr(GTask) task = NULL;
  PyramidJob *job;
  GWeakRef *ref;

  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (!source_changed)
    {
      easel_mask_canvas_clear_overlay (self);
      return;
    }

  easel_mask_canvas_clear_tiles (self);
  if (self->source == NULL)
    return;

  job = g_new0 (PyramidJob, 1);
  job->width = gdk_texture_get_width (self->source);
  job->height = gdk_texture_get_height (self->source);
  if (GDK_IS_MEMORY_TEXTURE (self->source))
    job->texture = g_object_ref (self->source);
  else
    {
      /* Others (GL textures) are read where GDK can make their context
       * current: here. */
      job->pixels = g_malloc ((gsize) job->width * job->height * 4);
      gdk_texture_download (self->source, job->pixels, (gsize) job->width * 4);
    }

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  self->pyramid_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->pyramid_cancellable, on_pyramid_built, ref);
  g_task_set_source_tag (task, easel_mask_canvas_reset_tiles);
  g_task_set_task_data (task, job, (GDestroyNotify) pyramid_job_free);
  g_task_run_in_thread (task, build_pyramid);
}

gboolean
easel_mask_canvas_tiles_ready (EaselMaskCanvas *self)
{
  return self->source == NULL || self->levels != NULL;
}

/* The tint of each coverage value: the overlay colour at opacity ×
 * coverage, premultiplied ARGB32 as Cairo takes it. */
void
easel_mask_canvas_retint (EaselMaskCanvas *self)
{
  for (guint c = 0; c < 256; c++)
    {
      double alpha = self->overlay_opacity * c / 255.0;

      self->tint[c] = ((guint32) lround (alpha * 255) << 24) |
                      ((guint32) lround (self->overlay_color.red * alpha * 255) << 16) |
                      ((guint32) lround (self->overlay_color.green * alpha * 255) << 8) |
                      (guint32) lround (self->overlay_color.blue * alpha * 255);
    }

  for (guint i = 0; i < self->n_overlay_tiles; i++)
    {
      self->overlay_tiles[i].dirty = TRUE;
      g_clear_pointer (&self->overlay_tiles[i].node, gsk_render_node_unref);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
easel_mask_canvas_damage_overlay (EaselMaskCanvas *self,
                                  int              x,
                                  int              y,
                                  int              width,
                                  int              height)
{
  int level = self->overlay_level, side = EASEL_MASK_CANVAS_OVERLAY_TILE;
  int tx0, ty0, tx1, ty1;

  if (width <= 0 || height <= 0)
    return;

  gtk_widget_queue_draw (GTK_WIDGET (self));
  /* Not drawn yet: every tile will be built when it is. */
  if (self->overlay_tiles == NULL)
    return;

  tx0 = CLAMP ((x >> level) / side, 0, self->overlay_tiles_x - 1);
  ty0 = CLAMP ((y >> level) / side, 0, self->overlay_tiles_y - 1);
  tx1 = CLAMP (((x + width - 1) >> level) / side, 0, self->overlay_tiles_x - 1);
  ty1 = CLAMP (((y + height - 1) >> level) / side, 0, self->overlay_tiles_y - 1);

  for (int ty = ty0; ty <= ty1; ty++)
    for (int tx = tx0; tx <= tx1; tx++)
      {
        EaselMaskCanvasOverlayTile *tile = &self->overlay_tiles[ty * self->overlay_tiles_x + tx];

        tile->dirty = TRUE;
        g_clear_pointer (&tile->node, gsk_render_node_unref);
      }
}

/* The tinted coverage of one overlay tile at @level, or NULL where
 * nothing in it is painted (nothing is drawn there). At levels past 0
 * each pixel tints the mean coverage of the mask pixels it covers. */
cairo_surface_t *
easel_mask_canvas_build_overlay (EaselMaskCanvas *self,
                                 int              level,
                                 int              x0,
                                 int              y0,
                                 int              width,
                                 int              height)
{
  const guint8 *mask = easel_mask_get_data (self->mask);
  int mask_width = easel_mask_get_width (self->mask);
  int mask_height = easel_mask_get_height (self->mask);
  int block = 1 << level;
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, width);
  /* Every byte is written below: no need for the zeroed memory of
   * cairo_image_surface_create(), one pass less a dab. */
  guchar *data = g_malloc ((gsize) stride * height);
  cairo_surface_t *surface = cairo_image_surface_create_for_data (data, CAIRO_FORMAT_ARGB32,
                                                                  width, height, stride);
  guint any = 0;

  cairo_surface_set_user_data (surface, &overlay_data_key, data, g_free);

  for (int y = 0; y < height; y++)
    {
      guint32 *out = (guint32 *) (data + (gsize) y * stride);
      int my0 = (y0 + y) * block, my1 = MIN (my0 + block, mask_height);

      if (level == 0)
        {
          const guint8 *row = mask + (gsize) my0 * mask_width + x0;

          for (int x = 0; x < width; x++)
            {
              any |= row[x];
              out[x] = self->tint[row[x]];
            }
          continue;
        }

      for (int x = 0; x < width; x++)
        {
          int mx0 = (x0 + x) * block, mx1 = MIN (mx0 + block, mask_width);
          guint sum = 0;

          for (int my = my0; my < my1; my++)
            for (int mx = mx0; mx < mx1; mx++)
              sum += mask[(gsize) my * mask_width + mx];
          sum /= (guint) ((my1 - my0) * (mx1 - mx0));
          any |= sum;
          out[x] = self->tint[sum];
        }
    }

  if (any == 0)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  cairo_surface_mark_dirty (surface);
  return surface;
}
