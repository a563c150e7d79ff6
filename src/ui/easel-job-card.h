/* easel-job-card.h: one job in the results grid, from queued to its images
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "easel-job.h"

G_BEGIN_DECLS

#define EASEL_TYPE_JOB_CARD (easel_job_card_get_type ())

/* Shows a job's state, elapsed time, retry countdown and partial preview
 * while it runs (with Cancel), its images when stored, and its error with
 * Retry and Copy Details when it failed. The card cancels and copies by
 * itself; everything that needs the window (save, view, reuse, edit, retry,
 * remove) is asked for through "action" (const char *name, guint index):
 * "view", "save", "save-all", "copy", "open-with", "reuse", "edit",
 * "retry", "remove". */
G_DECLARE_FINAL_TYPE (EaselJobCard, easel_job_card, EASEL, JOB_CARD, AdwBin)

GtkWidget *easel_job_card_new              (EaselJob     *job);
EaselJob  *easel_job_card_get_job          (EaselJobCard *self);
/* The text Copy Details puts on the clipboard: prompt, parameters,
 * gateway, state, timings, remote id and the error. */
char      *easel_job_card_describe         (EaselJobCard *self);
/* A short headline for an error: "Rate limited", "Key refused"… */
const char *easel_job_card_error_title     (const GError *error);

G_END_DECLS
