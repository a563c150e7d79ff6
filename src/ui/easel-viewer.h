/* easel-viewer.h: one result at full size, over the grid
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "easel-image-view.h"
#include "easel-job.h"

G_BEGIN_DECLS

#define EASEL_TYPE_VIEWER (easel_viewer_get_type ())

/* The image of a job at full resolution (decoded off the main thread, the
 * thumbnail shown meanwhile), with fit, 1:1, zoom and pan, before/after
 * against the job's first reference, and the image's actions. Asks its
 * window through "action" (const char *name, guint index) with the names
 * EaselJobCard uses, and "close" (Back, Escape). */
G_DECLARE_FINAL_TYPE (EaselViewer, easel_viewer, EASEL, VIEWER, AdwBin)

GtkWidget      *easel_viewer_new            (void);
void            easel_viewer_show           (EaselViewer *self,
                                             EaselJob    *job,
                                             guint        index);
/* Drops the job and its textures (the viewer was closed). */
void            easel_viewer_clear          (EaselViewer *self);
EaselJob       *easel_viewer_get_job        (EaselViewer *self);
guint           easel_viewer_get_index      (EaselViewer *self);
EaselImageView *easel_viewer_get_image_view (EaselViewer *self);
/* Whether the full-resolution image (and the reference, if any) is shown. */
gboolean        easel_viewer_get_loaded     (EaselViewer *self);

G_END_DECLS
