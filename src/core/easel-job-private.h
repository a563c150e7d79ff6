/* easel-job-private.h: what the files of EaselJob share
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "easel-dialect.h"
#include "easel-history.h"
#include "easel-job.h"
#include "easel-sse.h"

G_BEGIN_DECLS

typedef void (*EaselJobParseHook) (EaselJob *job,
                                   gpointer  user_data);

struct _EaselJob
{
  GObject           parent_instance;

  EaselClient      *client;
  EaselProfile     *profile;
  EaselRequest     *request;
  char             *api_key;
  char             *output_dir;
  char             *stem;

  EaselJobState     state;
  GCancellable     *cancellable;
  gint64            times[EASEL_JOB_TIME_FINISHED + 1];
  guint             elapsed_timer;
  guint             poll_timer;
  guint             remote_deadline_s;
  guint             poll_interval_ms;
  gint64            remote_started_us;
  gboolean          sent;
  guint             in_flight;

  guint             attempt;
  guint             max_attempts;
  gint64            retry_at_us;

  char             *remote_id;
  char             *remote_status;
  EaselImage       *partial_image;
  gboolean          decoding_partial;
  GError           *error;
  GListStore       *images;

  /* Streaming */
  EaselSseParser   *sse;
  EaselOutcome     *final_outcome;
  GError           *stream_error;
  GQueue            pending_events;  /* events waiting for their turn on a worker thread */
  gboolean          parsing_event;
  gboolean          stream_ended;
  gint64            stream_ended_us;

  /* Tests */
  EaselJobParseHook parse_hook;
  gpointer          parse_hook_data;

  /* Results being processed */
  EaselOutcome     *outcome;
  guint             next_index;
  guint             n_expected;
  GError           *first_image_error;
  guint             failed_images;

  gint64            input_tokens;
  gint64            output_tokens;
  gint64            total_tokens;
  double            gateway_cost;
  double            cost;

  /* History (easel-job-history.c) */
  EaselHistory      *history;
  gint64             history_id;
  gint64             created_real_us;   /* real time of creation (of the generation, when resumed) */
  gint64             real_offset_us;    /* real time minus monotonic time, when made */
  EaselHistoryEntry *resume_entry;      /* the pending generation start() picks up */
  GPtrArray         *thumb_paths;       /* recorded thumbnails, in the order of images */
  char              *recorded_request;  /* the request as the store keeps it (pasted images
                                         * as its files), once recorded */
  GError            *history_error;
  gboolean           abandoned;
  gboolean           finishing;         /* the outcome is being recorded */
  gboolean           resumable;         /* recorded as still pending at the end */
};

enum {
  PROP_0,
  PROP_STATE,
  PROP_ELAPSED,
  PROP_ATTEMPT,
  PROP_MAX_ATTEMPTS,
  PROP_RETRY_IN_MS,
  PROP_REMOTE_ID,
  PROP_REMOTE_STATUS,
  PROP_PARTIAL_IMAGE,
  PROP_ERROR,
  PROP_IMAGES,
  PROP_COST,
  N_PROPS
};

extern GParamSpec *easel_job_properties[N_PROPS];


/* easel-job.c: the state machine */
void           easel_job_set_state_internal (EaselJob       *self,
                                             EaselJobState   state);
/* Records the outcome in the history when there is one, then ends. */
void           easel_job_finish_internal    (EaselJob       *self,
                                             EaselJobState   state,
                                             GError         *error);
/* Ends at once. */
void           easel_job_finish_now         (EaselJob       *self,
                                             EaselJobState   state,
                                             GError         *error);
void           easel_job_fail               (EaselJob       *self,
                                             GError         *error);
void           easel_job_on_retry           (guint           next_attempt,
                                             guint           max_attempts,
                                             guint           delay_ms,
                                             gpointer        user_data);
void           easel_job_clear_retry        (EaselJob       *self);
void           easel_job_set_usage          (EaselJob       *self,
                                             const EaselOutcome *outcome);
void           easel_job_process_outcome    (EaselJob       *self,
                                             EaselOutcome   *outcome);

/* easel-job-history.c */
/* A remote job's id is known: record it, then schedule the first poll. */
void           easel_job_history_pending    (EaselJob       *self);
/* @image is on disk: record it, then report it and go on. */
void           easel_job_history_add_image  (EaselJob       *self,
                                             EaselImage     *image);
void           easel_job_history_resume     (EaselJob       *self);
void           easel_job_history_carry_over (EaselJob       *self,
                                             EaselJob       *retry);

/* easel-job-images.c: decoding, downloading and storing the results */
GBytes        *easel_job_take_text          (char          **text);
void           easel_job_process_next_image (EaselJob       *self);

/* easel-job-parse.c: reading answers and stream events on worker threads */
void           easel_job_parse_answer       (EaselJob       *self,
                                             EaselResponse  *response,
                                             gboolean        is_poll);
void           easel_job_queue_event        (EaselJob       *self,
                                             const char     *event);
void           easel_job_end_stream         (EaselJob       *self);
void           easel_job_drop_events        (EaselJob       *self);
/* Tests: @hook runs on the main thread each time an answer or an event
 * has gone to a worker thread to be read, so a test can act meanwhile. */
void           easel_job_set_parse_hook     (EaselJob       *self,
                                             EaselJobParseHook hook,
                                             gpointer        user_data);

/* easel-job-remote.c: polling remote jobs and reading streams */
EaselResponse *easel_job_take_response      (EaselJob       *self,
                                             GObject        *client,
                                             GAsyncResult   *result);
void           easel_job_poll_now           (EaselJob       *self);
gboolean       easel_job_on_poll_timer      (gpointer        user_data);
gboolean       easel_job_on_sse_event       (const char     *event,
                                             const char     *data,
                                             gpointer        user_data);
gboolean       easel_job_on_stream_chunk    (const char     *data,
                                             gsize           length,
                                             gpointer        user_data,
                                             GError        **error);

G_END_DECLS
