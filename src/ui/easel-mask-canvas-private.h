/* easel-mask-canvas-private.h: what the mask canvas's files share
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "easel-mask-canvas.h"
#include "easel-viewport.h"

G_BEGIN_DECLS

/* Side of a source tile, in pixels of its level. */
#define EASEL_MASK_CANVAS_SOURCE_TILE  512
/* Side of an overlay tile, in pixels of its level: small, so a dab
 * rebuilds and repaints little. */
#define EASEL_MASK_CANVAS_OVERLAY_TILE 128
/* Levels of the picture pyramid: 0 is the source, each next one half
 * the size. */
#define EASEL_MASK_CANVAS_MAX_LEVELS   6
/* Below this on-screen diameter the brush outline gives way to a
 * crosshair. */
#define EASEL_MASK_CANVAS_MIN_OUTLINE  4.0

typedef enum
{
  EASEL_MASK_CANVAS_DRAG_NONE,
  EASEL_MASK_CANVAS_DRAG_PAINT,
  EASEL_MASK_CANVAS_DRAG_PAN,
} EaselMaskCanvasDrag;

/* One level of the source, cut in tiles (row-major), made off the main
 * thread once per source. */
typedef struct
{
  int               width;
  int               height;
  int               tiles_x;
  int               tiles_y;
  cairo_surface_t **tiles;
} EaselMaskCanvasLevel;

/* One overlay tile at the level drawn: the tinted coverage (NULL where
 * nothing is painted) and the node drawing it at the zoom drawn. */
typedef struct
{
  cairo_surface_t *surface;
  GskRenderNode   *node;
  gboolean         dirty;
} EaselMaskCanvasOverlayTile;

struct _EaselMaskCanvas
{
  GtkWidget                   parent_instance;

  GdkTexture                 *source;
  EaselMask                  *mask;
  gulong                      mask_changed_id;

  EaselMaskTool               tool;
  double                      brush_size;
  double                      hardness;
  GdkRGBA                     overlay_color;
  double                      overlay_opacity;
  gboolean                    overlay_visible;

  EaselViewport               viewport;

  /* Drawing (easel-mask-canvas-draw.c). The source pyramid, once built;
   * until then the source is drawn whole. */
  GCancellable               *pyramid_cancellable;
  EaselMaskCanvasLevel       *levels;
  guint                       n_levels;
  /* The nodes of the source tiles at the level and zoom drawn. */
  GskRenderNode             **source_nodes;
  guint                       n_source_nodes;
  /* Overlay tiles of level overlay_level; all dirty when it changes. */
  EaselMaskCanvasOverlayTile *overlay_tiles;
  guint                       n_overlay_tiles;
  int                         overlay_level;
  int                         overlay_tiles_x;
  int                         overlay_tiles_y;
  /* What the cached nodes were made for. */
  int                         drawn_level;
  double                      drawn_zoom;
  guint32                     tint[256];
  GskRenderNode              *outline_node;
  double                      outline_diameter;

  /* Input (easel-mask-canvas-input.c). */
  EaselMaskCanvasDrag         drag;
  double                      drag_start_x;
  double                      drag_start_y;
  double                      drag_start_h;
  double                      drag_start_v;
  double                      pinch_start_zoom;
  gboolean                    space_held;
  gboolean                    has_pointer;
  double                      pointer_x;
  double                      pointer_y;
  /* The primary and middle button drags, and the one dragging now. */
  GtkGesture                 *paint_gesture;
  GtkGesture                 *pan_gesture;
  GtkGesture                 *drag_gesture;
};

/* Pixels of a side at @level. */
static inline int
easel_mask_canvas_level_side (int side,
                              int level)
{
  return (side + (1 << level) - 1) >> level;
}

/* easel-mask-canvas-draw.c */
void     easel_mask_canvas_snapshot           (GtkWidget       *widget,
                                               GtkSnapshot     *snapshot);
/* The brush's diameter on screen. */
double   easel_mask_canvas_outline_diameter   (EaselMaskCanvas *self);

/* easel-mask-canvas-tiles.c */
/* Drops the overlay tiles, and with @source_changed the pyramid and
 * every tile, starting to build the pyramid of the current source. */
void     easel_mask_canvas_reset_tiles        (EaselMaskCanvas *self,
                                               gboolean         source_changed);
void     easel_mask_canvas_clear_tiles        (EaselMaskCanvas *self);
/* Marks the overlay tiles over @rect (mask pixels) for rebuilding. */
void     easel_mask_canvas_damage_overlay     (EaselMaskCanvas *self,
                                               int              x,
                                               int              y,
                                               int              width,
                                               int              height);
/* The overlay colour or opacity changed: every overlay tile is stale. */
void     easel_mask_canvas_retint             (EaselMaskCanvas *self);
/* The source pyramid is built (tests wait for it). */
gboolean easel_mask_canvas_tiles_ready        (EaselMaskCanvas *self);
/* The level a zoom draws from. */
int      easel_mask_canvas_level_for_zoom     (EaselMaskCanvas *self,
                                               double           zoom);
/* The nodes of every tile go (for a new scale). */
void     easel_mask_canvas_drop_nodes         (EaselMaskCanvas *self);
/* The overlay's tiles go (for a new level). */
void     easel_mask_canvas_clear_overlay      (EaselMaskCanvas *self);
/* The tinted coverage of one overlay tile at @level (@x0, @y0, @width,
 * @height in that level's pixels), NULL where nothing is painted. */
cairo_surface_t *
         easel_mask_canvas_build_overlay      (EaselMaskCanvas *self,
                                               int              level,
                                               int              x0,
                                               int              y0,
                                               int              width,
                                               int              height);

/* easel-mask-canvas-input.c */
void     easel_mask_canvas_init_input         (EaselMaskCanvas *self);
void     easel_mask_canvas_update_cursor      (EaselMaskCanvas *self);
/* Ends a stroke or a pan in progress (the source or mask went away). */
void     easel_mask_canvas_cancel_drag        (EaselMaskCanvas *self);

G_END_DECLS
