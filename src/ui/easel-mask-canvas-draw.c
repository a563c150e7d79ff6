/* easel-mask-canvas-draw.c: the mask canvas's render nodes: tiles, overlay, brush outline
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* GSK compares each frame's render nodes with the last frame's and
 * repaints only what differs, so the picture is drawn as tiles whose nodes
 * are kept from frame to frame: a dab replaces the nodes of the few
 * overlay tiles it touched and nothing else is repainted.
 *
 * Every tile is a cairo node that paints a cairo image surface scaled to
 * its place on screen. With the Cairo renderer (software, and the
 * sanitizer lane) a texture node is converted into a new cairo surface on
 * every frame it is drawn, even outside the repainted region: a
 * 3840 × 2160 picture in tiles took 80 ms a frame that way. A cairo node
 * replays onto the repainted region only, and the GL renderer caches it
 * as a texture for as long as the node lives. The scale is inside the
 * node, not a transform around it, because Cairo replays a scaled
 * recording through an intermediate surface of its whole size. */

#include "config.h"

#include <math.h>

#include "easel-mask-canvas-private.h"

/* The outline's node is kept and moved while it is at most this wide;
 * a wider one is made for the part on screen at each frame. */
#define OUTLINE_CACHE_MAX 1024.0

/* A node painting @surface (a tile at level pixels @x0, @y0) at @scale,
 * in content coordinates (the picture's top-left corner at 0, 0). Its
 * edges are rounded to whole pixels and the tile stretched to them, so
 * neighbours meet without seams. NULL when it covers no pixel. */
static GskRenderNode *
tile_node (cairo_surface_t *surface,
           int              x0,
           int              y0,
           double           scale)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  double left = round (x0 * scale), top = round (y0 * scale);
  double right = round ((x0 + width) * scale), bottom = round ((y0 + height) * scale);
  GskRenderNode *node;
  cairo_t *cr;

  if (right <= left || bottom <= top)
    return NULL;

  node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (left, top, right - left, bottom - top));
  cr = gsk_cairo_node_get_draw_context (node);
  cairo_rectangle (cr, left, top, right - left, bottom - top);
  cairo_clip (cr);
  cairo_translate (cr, left, top);
  cairo_scale (cr, (right - left) / width, (bottom - top) / height);
  cairo_set_source_surface (cr, surface, 0, 0);
  /* Padded, the edge pixels are whole; past 2× the pixels are what the
   * user zoomed in to see, so they stay square. */
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_pattern_set_filter (cairo_get_source (cr),
                            scale >= 2.0 || scale == 1.0 ? CAIRO_FILTER_NEAREST
                                                         : CAIRO_FILTER_BILINEAR);
  cairo_paint (cr);
  cairo_destroy (cr);

  return node;
}

/* The tiles of a grid of @side at @scale whose content rectangles meet
 * @visible (content coordinates), as an inclusive range. */
static gboolean
visible_tiles (const graphene_rect_t *visible,
               int                    side,
               double                 scale,
               int                    tiles_x,
               int                    tiles_y,
               int                   *tx0,
               int                   *ty0,
               int                   *tx1,
               int                   *ty1)
{
  double span = side * scale;

  *tx0 = MAX (0, (int) floor (visible->origin.x / span) - 1);
  *ty0 = MAX (0, (int) floor (visible->origin.y / span) - 1);
  *tx1 = MIN (tiles_x - 1, (int) floor ((visible->origin.x + visible->size.width) / span) + 1);
  *ty1 = MIN (tiles_y - 1, (int) floor ((visible->origin.y + visible->size.height) / span) + 1);

  return *tx0 <= *tx1 && *ty0 <= *ty1;
}

static void
ensure_level (EaselMaskCanvas *self,
              int              level)
{
  double zoom = self->viewport.zoom;

  if (self->drawn_level == level && self->drawn_zoom == zoom)
    return;

  /* Every node is made for one scale. */
  easel_mask_canvas_drop_nodes (self);
  if (self->overlay_level != level)
    easel_mask_canvas_clear_overlay (self);

  self->drawn_level = level;
  self->drawn_zoom = zoom;
}

static void
draw_source (EaselMaskCanvas       *self,
             GtkSnapshot           *snapshot,
             int                    level,
             double                 scale,
             const graphene_rect_t *visible)
{
  EaselMaskCanvasLevel *tiles = &self->levels[level];
  int side = EASEL_MASK_CANVAS_SOURCE_TILE;
  int tx0, ty0, tx1, ty1;

  if (self->source_nodes == NULL)
    {
      self->n_source_nodes = tiles->tiles_x * tiles->tiles_y;
      self->source_nodes = g_new0 (GskRenderNode *, self->n_source_nodes);
    }

  if (!visible_tiles (visible, side, scale, tiles->tiles_x, tiles->tiles_y, &tx0, &ty0, &tx1, &ty1))
    return;

  for (int ty = ty0; ty <= ty1; ty++)
    for (int tx = tx0; tx <= tx1; tx++)
      {
        int i = ty * tiles->tiles_x + tx;

        if (self->source_nodes[i] == NULL)
          self->source_nodes[i] = tile_node (tiles->tiles[i], tx * side, ty * side, scale);
        if (self->source_nodes[i] != NULL)
          gtk_snapshot_append_node (snapshot, self->source_nodes[i]);
      }
}

static void
draw_overlay (EaselMaskCanvas       *self,
              GtkSnapshot           *snapshot,
              int                    level,
              double                 scale,
              const graphene_rect_t *visible)
{
  int side = EASEL_MASK_CANVAS_OVERLAY_TILE;
  int width = easel_mask_canvas_level_side (easel_mask_get_width (self->mask), level);
  int height = easel_mask_canvas_level_side (easel_mask_get_height (self->mask), level);
  int tx0, ty0, tx1, ty1;

  if (self->overlay_tiles == NULL)
    {
      self->overlay_level = level;
      self->overlay_tiles_x = (width + side - 1) / side;
      self->overlay_tiles_y = (height + side - 1) / side;
      self->n_overlay_tiles = self->overlay_tiles_x * self->overlay_tiles_y;
      self->overlay_tiles = g_new0 (EaselMaskCanvasOverlayTile, self->n_overlay_tiles);
      for (guint i = 0; i < self->n_overlay_tiles; i++)
        self->overlay_tiles[i].dirty = TRUE;
    }

  if (!visible_tiles (visible, side, scale, self->overlay_tiles_x, self->overlay_tiles_y,
                      &tx0, &ty0, &tx1, &ty1))
    return;

  for (int ty = ty0; ty <= ty1; ty++)
    for (int tx = tx0; tx <= tx1; tx++)
      {
        EaselMaskCanvasOverlayTile *tile = &self->overlay_tiles[ty * self->overlay_tiles_x + tx];

        if (tile->dirty)
          {
            g_clear_pointer (&tile->surface, cairo_surface_destroy);
            tile->surface = easel_mask_canvas_build_overlay (self, level, tx * side, ty * side,
                                                             MIN (side, width - tx * side),
                                                             MIN (side, height - ty * side));
            tile->dirty = FALSE;
          }
        if (tile->surface != NULL && tile->node == NULL)
          tile->node = tile_node (tile->surface, tx * side, ty * side, scale);
        if (tile->node != NULL)
          gtk_snapshot_append_node (snapshot, tile->node);
      }
}

double
easel_mask_canvas_outline_diameter (EaselMaskCanvas *self)
{
  return self->brush_size * self->viewport.zoom;
}

/* Two rings, dark under light, so the outline shows on any picture. */
static GskRenderNode *
outline_node (double                 cx,
              double                 cy,
              double                 radius,
              const graphene_rect_t *bounds)
{
  GskRenderNode *node = gsk_cairo_node_new (bounds);
  cairo_t *cr = gsk_cairo_node_get_draw_context (node);

  cairo_arc (cr, cx, cy, radius, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_set_line_width (cr, 3.0);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_set_line_width (cr, 1.2);
  cairo_stroke (cr);
  cairo_destroy (cr);

  return node;
}

static void
draw_outline (EaselMaskCanvas *self,
              GtkSnapshot     *snapshot)
{
  double diameter = easel_mask_canvas_outline_diameter (self);
  double radius = diameter / 2, margin = radius + 3;
  graphene_rect_t bounds, view;

  if (!self->has_pointer || self->mask == NULL || diameter < EASEL_MASK_CANVAS_MIN_OUTLINE ||
      self->drag == EASEL_MASK_CANVAS_DRAG_PAN || self->space_held)
    return;

  if (diameter > OUTLINE_CACHE_MAX)
    {
      g_autoptr(GskRenderNode) node = NULL;

      /* Only the part on screen: a node as large as the circle would be
       * a texture as large under GL. */
      graphene_rect_init (&view, 0, 0, gtk_widget_get_width (GTK_WIDGET (self)),
                          gtk_widget_get_height (GTK_WIDGET (self)));
      graphene_rect_init (&bounds, self->pointer_x - margin, self->pointer_y - margin,
                          2 * margin, 2 * margin);
      if (!graphene_rect_intersection (&bounds, &view, &bounds))
        return;
      node = outline_node (self->pointer_x, self->pointer_y, radius, &bounds);
      gtk_snapshot_append_node (snapshot, node);
      return;
    }

  /* Kept while the size is the same: moving it is a translation. */
  if (self->outline_node == NULL || self->outline_diameter != diameter)
    {
      g_clear_pointer (&self->outline_node, gsk_render_node_unref);
      self->outline_node = outline_node (0, 0, radius,
                                         &GRAPHENE_RECT_INIT (-margin, -margin,
                                                              2 * margin, 2 * margin));
      self->outline_diameter = diameter;
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (self->pointer_x, self->pointer_y));
  gtk_snapshot_append_node (snapshot, self->outline_node);
  gtk_snapshot_restore (snapshot);
}

void
easel_mask_canvas_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  EaselMaskCanvas *self = EASEL_MASK_CANVAS (widget);
  graphene_rect_t rect, view, visible;
  double zoom = self->viewport.zoom, scale;
  int level;

  if (self->source == NULL && self->mask == NULL)
    return;

  graphene_rect_init (&view, 0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  easel_viewport_get_image_rect (&self->viewport, &rect);

  if (graphene_rect_intersection (&rect, &view, &visible))
    {
      level = easel_mask_canvas_level_for_zoom (self, zoom);
      scale = zoom * (1 << level);
      ensure_level (self, level);

      if (self->source != NULL && self->levels == NULL)
        {
          /* Until its tiles are ready the source is drawn whole. */
          gtk_snapshot_push_clip (snapshot, &visible);
          gtk_snapshot_append_texture (snapshot, self->source, &rect);
          gtk_snapshot_pop (snapshot);
        }

      /* Tiles are in content coordinates, so panning moves them whole. */
      graphene_rect_offset (&visible, -rect.origin.x, -rect.origin.y);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &rect.origin);
      if (self->levels != NULL)
        draw_source (self, snapshot, level, scale, &visible);
      if (self->mask != NULL && self->overlay_visible)
        draw_overlay (self, snapshot, level, scale, &visible);
      gtk_snapshot_restore (snapshot);
    }

  draw_outline (self, snapshot);
}
