/* easel-job-queue.h: the jobs of a window, run a few at a time per gateway
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "easel-job.h"

G_BEGIN_DECLS

#define EASEL_TYPE_JOB_QUEUE (easel_job_queue_get_type ())

/* A GListModel of EaselJob, newest first. A job starts as soon as its
 * profile has fewer running jobs than easel_profile_get_concurrency();
 * otherwise it stays queued and starts when one of them finishes, oldest
 * first. Properties: "n-running", "n-queued" (notified on change).
 * Signal "job-finished" (EaselJob *job): the job reached stored, failed or
 * cancelled. */
G_DECLARE_FINAL_TYPE (EaselJobQueue, easel_job_queue, EASEL, JOB_QUEUE, GObject)

EaselJobQueue *easel_job_queue_new             (void);

/* Adds @job (which must be queued and not started) at position 0 and
 * starts it when its profile has a free slot. */
void           easel_job_queue_add             (EaselJobQueue *self,
                                                EaselJob      *job);
/* Replaces a failed or cancelled @job by a new job for the same request,
 * profile, key and folder, at the same position, and schedules it.
 * Returns: (transfer none): the new job. */
EaselJob      *easel_job_queue_retry           (EaselJobQueue *self,
                                                EaselJob      *job);
/* Cancels @job if it is still running or queued, and removes it. */
void           easel_job_queue_remove          (EaselJobQueue *self,
                                                EaselJob      *job);
/* Cancels every job that has not finished (a window closing). */
void           easel_job_queue_cancel_all      (EaselJobQueue *self);
void           easel_job_queue_abandon_all     (EaselJobQueue *self);

/* Running (started, not finished) jobs of @profile, or of all profiles
 * when @profile is NULL. */
guint          easel_job_queue_get_n_running   (EaselJobQueue *self,
                                                EaselProfile  *profile);
/* Jobs waiting for a free slot. */
guint          easel_job_queue_get_n_queued    (EaselJobQueue *self);

G_END_DECLS
