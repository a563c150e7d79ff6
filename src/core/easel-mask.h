/* easel-mask.h: the mask of an inpainting edit, without widgets
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The largest mask side: the decode cap of DESIGN.md §5. */
#define EASEL_MASK_MAX_SIDE        16384
/* Undo keeps at least this many steps (strokes, invert, clear, fill,
 * imports); older steps go only past it. */
#define EASEL_MASK_UNDO_STEPS      100
/* Brush sizes (diameter, in source pixels). */
#define EASEL_MASK_MIN_BRUSH_SIZE  1.0
#define EASEL_MASK_MAX_BRUSH_SIZE  1000.0

typedef enum
{
  EASEL_MASK_TOOL_BRUSH,   /* paints: marks pixels to redraw */
  EASEL_MASK_TOOL_ERASER,  /* unpaints: marks pixels to keep */
} EaselMaskTool;

/* A rectangle of mask pixels; empty when width or height is 0. */
typedef struct
{
  int x;
  int y;
  int width;
  int height;
} EaselMaskRect;

#define EASEL_TYPE_MASK (easel_mask_get_type ())

/* An 8-bit coverage raster at the first reference's native size: 0 means
 * keep the pixel, 255 means redraw it (the user painted it), values in
 * between come from soft brush edges. Row-major, one byte a pixel, rows
 * exactly @width bytes apart.
 *
 * Strokes stamp round dabs along the pointer path, spaced at most a
 * quarter of the brush size apart so a fast stroke leaves no gaps. A dab of
 * size d and hardness h (0–1) covers a pixel whose centre lies at distance
 * r from the dab centre with 255 when r ≤ h·d/2, falling linearly to 0 at
 * r = d/2 (h = 1 is a hard edge). Within one stroke dabs do not pile up:
 * the brush sets each pixel to max (old, dab), the eraser to
 * min (old, 255 − dab), so a stroke's result does not depend on how
 * densely its events came.
 *
 * Every change (a stroke's dabs, invert, clear, fill, assign, undo, redo)
 * emits "changed" with the rectangle that changed, on the thread that made
 * the change. A stroke is one undo step; so is each of invert, clear, fill
 * and assign. Undo memory holds only the 64×64 tiles a step touched.
 *
 * The PNG form (export, import) is what the gateways take for the `mask`
 * field: RGBA, the size of the first reference, alpha 0 where the mask
 * says redraw (coverage 255) and alpha 255 where it says keep; in
 * general alpha = 255 − coverage. A mask never leaves Easel inverted.
 *
 * Properties: "width", "height" (construct-only), "can-undo", "can-redo",
 * "empty" (nothing to redraw: every pixel 0), all read-only.
 * Signals: "changed" (int x, int y, int width, int height). */
G_DECLARE_FINAL_TYPE (EaselMask, easel_mask, EASEL, MASK, GObject)

/* A mask with nothing painted. @width and @height are 1–EASEL_MASK_MAX_SIDE. */
EaselMask     *easel_mask_new              (guint           width,
                                            guint           height);
/* A copy with the same coverage and an empty undo history. */
EaselMask     *easel_mask_copy             (EaselMask      *self);

guint          easel_mask_get_width        (EaselMask      *self);
guint          easel_mask_get_height       (EaselMask      *self);
const guint8  *easel_mask_get_data         (EaselMask      *self);
guint8         easel_mask_get_value        (EaselMask      *self,
                                            guint           x,
                                            guint           y);
gboolean       easel_mask_is_empty         (EaselMask      *self);

/* A stroke: begin, any number of points, end. The first point stamps one
 * dab; each later point stamps dabs along the segment from the previous
 * point. Points are in mask pixels (0,0 the top-left corner of the first
 * pixel; the centre of pixel (i, j) is (i + 0.5, j + 0.5)) and may lie
 * outside the mask. @size is clamped to the brush sizes above, @hardness
 * to 0–1. @damage (nullable) gets what this point changed, clipped to
 * the mask. end records one undo step when the stroke changed anything. */
void           easel_mask_begin_stroke     (EaselMask      *self,
                                            EaselMaskTool   tool,
                                            double          size,
                                            double          hardness);
void           easel_mask_stroke_to        (EaselMask      *self,
                                            double          x,
                                            double          y,
                                            EaselMaskRect  *damage);
void           easel_mask_end_stroke       (EaselMask      *self);
gboolean       easel_mask_in_stroke        (EaselMask      *self);

/* Whole-mask operations, each one undo step (none when nothing changes). */
void           easel_mask_invert           (EaselMask      *self);
void           easel_mask_clear            (EaselMask      *self);
void           easel_mask_fill             (EaselMask      *self);
/* Takes @other's coverage (same size, else FALSE): an import into a
 * mask being edited, undoable. */
gboolean       easel_mask_assign           (EaselMask      *self,
                                            EaselMask      *other);

gboolean       easel_mask_can_undo         (EaselMask      *self);
gboolean       easel_mask_can_redo         (EaselMask      *self);
gboolean       easel_mask_undo             (EaselMask      *self);
gboolean       easel_mask_redo             (EaselMask      *self);

/* The RGBA PNG of the mask (alpha = 255 − coverage). Encoding a 4K mask
 * takes a while: the async form copies the coverage on the calling thread
 * and encodes on a worker thread. */
GBytes        *easel_mask_export_png       (EaselMask      *self,
                                            GError        **error);
void           easel_mask_export_png_async (EaselMask      *self,
                                            GCancellable   *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer        user_data);
GBytes        *easel_mask_export_png_finish (EaselMask     *self,
                                             GAsyncResult  *result,
                                             GError       **error);

/* A mask from a PNG's alpha channel (coverage = 255 − alpha), at
 * @width × @height: a PNG of another size is scaled to it and @message
 * (nullable) says so, naming both sizes and whether the shape differed;
 * otherwise *@message is NULL. Refused with EASEL_ERROR_INVALID_REQUEST
 * and a message that says what a mask must be: not a PNG, no alpha
 * channel, no transparent pixel at all (nothing would be redrawn), larger
 * than EASEL_MASK_MAX_SIDE a side or the decode cap (checked from the
 * header, before decoding). Blocking; the async form decodes on a worker
 * thread. */
EaselMask     *easel_mask_load_png         (GBytes         *png,
                                            guint           width,
                                            guint           height,
                                            char          **message,
                                            GError        **error);
void           easel_mask_load_png_async   (GBytes         *png,
                                            guint           width,
                                            guint           height,
                                            GCancellable   *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer        user_data);
EaselMask     *easel_mask_load_png_finish  (GAsyncResult   *result,
                                            char          **message,
                                            GError        **error);

/* Width and height of an encoded PNG, JPEG or WebP image read from its
 * header without decoding the pixels (the mask's size for a reference
 * that is not open in the editor). FALSE with a message when the bytes
 * are not such an image. */
gboolean       easel_mask_read_image_size  (GBytes         *image,
                                            guint          *width,
                                            guint          *height,
                                            GError        **error);

G_END_DECLS
