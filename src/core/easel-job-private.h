/* easel-job-private.h: what the files of EaselJob share
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "easel-dialect.h"
#include "easel-job.h"
#include "easel-sse.h"

G_BEGIN_DECLS

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
  gint64            started_us;
  gint64            finished_us;
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
void           easel_job_finish_internal    (EaselJob       *self,
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

/* easel-job-images.c: decoding, downloading and storing the results */
GBytes        *easel_job_take_text          (char          **text);
void           easel_job_process_next_image (EaselJob       *self);

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
