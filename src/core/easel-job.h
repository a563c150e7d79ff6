/* easel-job.h: one generation, from the request to images on disk
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "easel-client.h"
#include "easel-history.h"
#include "easel-image.h"
#include "easel-profile.h"
#include "easel-request.h"

G_BEGIN_DECLS

typedef enum
{
  EASEL_JOB_QUEUED,       /* made, not started */
  EASEL_JOB_SUBMITTING,   /* checking, loading references, sending; a sync gateway works meanwhile */
  EASEL_JOB_STREAMING,    /* receiving partial images */
  EASEL_JOB_POLLING,      /* a remote job runs; asking for it now and then */
  EASEL_JOB_DOWNLOADING,  /* fetching result URLs */
  EASEL_JOB_DECODING,     /* decoding and writing images to disk */
  EASEL_JOB_STORED,       /* every image is on disk */
  EASEL_JOB_FAILED,       /* see error; images that did arrive are still on disk */
  EASEL_JOB_CANCELLED,
} EaselJobState;

/* Moments in a job's life, for timings in history and benchmarks. */
typedef enum
{
  EASEL_JOB_TIME_CREATED,    /* easel_job_new() */
  EASEL_JOB_TIME_STARTED,    /* easel_job_start() or easel_job_resume() */
  EASEL_JOB_TIME_SENT,       /* the submit went out */
  EASEL_JOB_TIME_RECEIVED,   /* the last byte of the answer that carried the images (or
                              * their URLs) arrived */
  EASEL_JOB_TIME_FINISHED,   /* stored, failed or cancelled */
} EaselJobTime;

#define EASEL_TYPE_JOB (easel_job_get_type ())

G_DECLARE_FINAL_TYPE (EaselJob, easel_job, EASEL, JOB, GObject)

/* @api_key is held in memory for the job's life only. Images are written
 * into @output_dir. */
EaselJob      *easel_job_new                (EaselClient    *client,
                                             EaselProfile   *profile,
                                             EaselRequest   *request,
                                             const char     *api_key,
                                             const char     *output_dir);

/* A new job, not started, for the same request (copied), profile, key,
 * folder and history as @self: what Retry makes. A remote job that is
 * still pending in the history (it gave up waiting, or lost the network)
 * is picked up again rather than sent anew. */
EaselJob      *easel_job_new_retry          (EaselJob       *self);

/* A job whose start() finishes @entry, a pending generation of @history
 * left by a crash or a quit: it polls the remote job, or, when the
 * generation has none (a direct request cut off), closes it as
 * interrupted and keeps the images it had recorded. Images go into the
 * history's folder for the generation's month. */
EaselJob      *easel_job_new_for_pending    (EaselClient       *client,
                                             EaselProfile      *profile,
                                             EaselHistory      *history,
                                             EaselHistoryEntry *entry,
                                             const char        *api_key,
                                             GError           **error);

/* Keeps the job in @history (DESIGN.md §5, "Nothing lost"): a remote job
 * is recorded before its first poll, each image when it is on disk and
 * before it is reported, and the outcome when the job ends (before the
 * final state is notified). A job that fails before reaching the gateway
 * is not recorded. Set before starting. */
void           easel_job_set_history        (EaselJob       *self,
                                             EaselHistory   *history);
EaselHistory  *easel_job_get_history        (EaselJob       *self);
/* The job's generation in the history, 0 until first recorded. */
gint64         easel_job_get_history_id     (EaselJob       *self);
/* Why the history could not keep the job, or NULL: the images are on
 * disk all the same. */
const GError  *easel_job_get_history_error  (EaselJob       *self);

void           easel_job_start              (EaselJob       *self);
/* Picks up a remote job submitted earlier (after a crash or quit). */
void           easel_job_resume             (EaselJob       *self,
                                             const char     *remote_id);
/* Stops at the user's word: recorded as cancelled. */
void           easel_job_cancel             (EaselJob       *self);
/* Stops because Easel is closing: nothing more is recorded, so a remote
 * job stays pending in the history and is resumed on the next start. */
void           easel_job_abandon            (EaselJob       *self);

/* How long a remote job may run before the job gives up (it stays
 * resumable). Default 30 minutes. */
void           easel_job_set_remote_deadline (EaselJob      *self,
                                              guint          seconds);
/* Overrides the profile's poll interval (tests). */
void           easel_job_set_poll_interval  (EaselJob       *self,
                                             guint           interval_ms);

EaselJobState  easel_job_get_state          (EaselJob       *self);
gboolean       easel_job_is_finished        (EaselJob       *self);
EaselProfile  *easel_job_get_profile        (EaselJob       *self);
EaselRequest  *easel_job_get_request        (EaselJob       *self);
double         easel_job_get_elapsed        (EaselJob       *self);
guint          easel_job_get_attempt        (EaselJob       *self);
guint          easel_job_get_max_attempts   (EaselJob       *self);
/* Milliseconds until the next retry, 0 when none is waiting. */
guint          easel_job_get_retry_in_ms    (EaselJob       *self);
const char    *easel_job_get_remote_id      (EaselJob       *self);
const char    *easel_job_get_remote_status  (EaselJob       *self);
EaselImage    *easel_job_get_partial_image  (EaselJob       *self);
const GError  *easel_job_get_error          (EaselJob       *self);
/* Whether the request reached the gateway (for easel-cli's exit status). */
gboolean       easel_job_get_sent           (EaselJob       *self);
/* (element-type EaselImage): the images on disk, in order. */
GListModel    *easel_job_get_images         (EaselJob       *self);
gint64         easel_job_get_input_tokens   (EaselJob       *self);
gint64         easel_job_get_output_tokens  (EaselJob       *self);
gint64         easel_job_get_total_tokens   (EaselJob       *self);
/* The cost in the profile's currency, or -1 when unknown. */
double         easel_job_get_cost           (EaselJob       *self);

/* g_get_monotonic_time() at @which, or 0 when the job has not got there. */
gint64         easel_job_get_time           (EaselJob       *self,
                                             EaselJobTime    which);
const char    *easel_job_get_output_dir     (EaselJob       *self);

const char    *easel_job_state_to_string    (EaselJobState   state);

G_END_DECLS
