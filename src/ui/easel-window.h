/* easel-window.h
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "easel-application.h"
#include "easel-create-panel.h"
#include "easel-job-queue.h"
#include "easel-viewer.h"

G_BEGIN_DECLS

#define EASEL_TYPE_WINDOW (easel_window_get_type ())

G_DECLARE_FINAL_TYPE (EaselWindow, easel_window, EASEL, WINDOW, AdwApplicationWindow)

EaselWindow      *easel_window_new              (EaselApplication *application);

/* For tests and the benchmark: the parts a user drives. */
EaselCreatePanel *easel_window_get_create_panel (EaselWindow      *self);
EaselJobQueue    *easel_window_get_job_queue    (EaselWindow      *self);
EaselViewer      *easel_window_get_viewer       (EaselWindow      *self);
GtkFlowBox       *easel_window_get_results      (EaselWindow      *self);
/* The History page, or NULL in a window without a history. */
GtkWidget        *easel_window_get_history_view (EaselWindow      *self);
/* The card widget showing @job, or NULL. */
GtkWidget        *easel_window_get_card         (EaselWindow      *self,
                                                 EaselJob         *job);
/* Where new images are written (the image library), default:
 * $XDG_DATA_HOME/easel/images/YYYY/MM. */
char             *easel_window_get_output_dir   (EaselWindow      *self);
/* The application's history finished opening: tell what went wrong, if
 * anything, and resume the generations a crash or quit left pending. */
void              easel_window_history_ready    (EaselWindow      *self);
/* Runs a card or viewer action by name ("save", "copy", "reuse", …). */
void              easel_window_image_action     (EaselWindow      *self,
                                                 const char       *name,
                                                 EaselJob         *job,
                                                 guint             index);

G_END_DECLS
