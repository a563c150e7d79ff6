/* easel-job-history.c: EaselJob kept in the history as it goes
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* DESIGN.md §5, "Nothing lost": a remote job's id is recorded before its
 * first poll; each image is recorded once it is on disk and before it is
 * reported; the outcome is recorded before the final state is notified.
 * Until the end the generation is "pending", so whatever kills Easel
 * leaves a row that the next start (or easel-cli resume) picks up. While
 * a record is in flight it counts as work in flight, so a cancel waits
 * for it rather than recording the end before the image. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-error.h"
#include "easel-job-private.h"

typedef void (*RecordedFunc) (EaselJob *self,
                              gpointer  data);

typedef struct
{
  EaselJob          *job;
  EaselHistoryEntry *entry;
  RecordedFunc       then;
  gpointer           data;
  guint              n_job_images;   /* the entry's first images are the job's */
} Record;

/* Milliseconds from the generation's creation to @which, or -1. */
static gint64
relative_ms (EaselJob     *self,
             EaselJobTime  which)
{
  gint64 at = self->times[which];

  if (at == 0)
    return -1;
  return MAX (0, (at + self->real_offset_us - self->created_real_us) / 1000);
}

static void
add_image (EaselJob          *self,
           EaselHistoryEntry *entry,
           EaselImage        *image,
           guint              index)
{
  EaselHistoryImage *added;
  const char *thumb = NULL;
  GdkPixbuf *thumbnail;

  if (self->thumb_paths != NULL && index < self->thumb_paths->len)
    thumb = g_ptr_array_index (self->thumb_paths, index);
  added = easel_history_entry_add_image (entry, easel_image_get_path (image),
                                         easel_image_get_mime_type (image),
                                         easel_image_get_width (image),
                                         easel_image_get_height (image), thumb);
  thumbnail = easel_image_get_thumbnail (image);
  if (thumb == NULL && thumbnail != NULL)
    added->thumbnail = g_object_ref (thumbnail);
}

static EaselHistoryEntry *
build_entry (EaselJob          *self,
             EaselHistoryState  state,
             const GError      *error,
             EaselImage        *extra,
             guint             *n_job_images)
{
  EaselHistoryEntry *entry = easel_history_entry_new ();
  GListModel *images = G_LIST_MODEL (self->images);
  guint n = g_list_model_get_n_items (images);

  entry->id = self->history_id;
  entry->created_at = self->created_real_us;
  easel_history_entry_set_profile (entry, self->profile);
  /* Once recorded, the stored form is reused: pasted images are not
   * hashed and looked for again at every record. */
  if (self->recorded_request != NULL)
    {
      entry->request_json = g_strdup (self->recorded_request);
      entry->prompt = g_strdup (easel_request_get_prompt (self->request));
    }
  else
    easel_history_entry_set_request (entry, self->request);
  entry->state = state;
  entry->remote_id = g_strdup (self->remote_id);
  entry->error = error != NULL ? g_strdup (error->message) : NULL;
  entry->input_tokens = self->input_tokens;
  entry->output_tokens = self->output_tokens;
  entry->total_tokens = self->total_tokens;
  entry->cost = self->cost;
  entry->started_ms = self->resume_entry != NULL ? self->resume_entry->started_ms
                                                 : relative_ms (self, EASEL_JOB_TIME_STARTED);
  entry->received_ms = relative_ms (self, EASEL_JOB_TIME_RECEIVED);
  entry->finished_ms = state == EASEL_HISTORY_PENDING ? -1
                                                      : relative_ms (self, EASEL_JOB_TIME_FINISHED);
  if (self->resume_entry != NULL)
    {
      EaselHistoryEntry *before = self->resume_entry;

      entry->parent_id = before->parent_id;
      /* What the generation recorded before the crash (the usage and the
       * bill of a direct answer that did arrive) stands until this job
       * learns better: closing it must not lose what it cost. */
      if (entry->input_tokens < 0)
        entry->input_tokens = before->input_tokens;
      if (entry->output_tokens < 0)
        entry->output_tokens = before->output_tokens;
      if (entry->total_tokens < 0)
        entry->total_tokens = before->total_tokens;
      if (entry->cost < 0)
        entry->cost = before->cost;
      if (entry->received_ms < 0)
        entry->received_ms = before->received_ms;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EaselImage) image = g_list_model_get_item (images, i);

      add_image (self, entry, image, i);
    }
  if (extra != NULL)
    add_image (self, entry, extra, n);
  *n_job_images = entry->images->len;

  /* Resumed without a new image: what the generation had stays. */
  if (entry->images->len == 0 && self->resume_entry != NULL)
    for (guint i = 0; i < self->resume_entry->images->len; i++)
      {
        EaselHistoryImage *kept = g_ptr_array_index (self->resume_entry->images, i);
        EaselHistoryImage *copy;

        copy = easel_history_entry_add_image (entry, kept->path, kept->mime_type, kept->width,
                                              kept->height, kept->thumb_path);
        copy->favourite = kept->favourite;
      }

  return entry;
}

static void
on_recorded (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Record *record = user_data;
  EaselJob *self = record->job;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = easel_history_record_finish (EASEL_HISTORY (object), result, &error);
  if (id > 0)
    {
      self->history_id = id;
      g_free (self->recorded_request);
      self->recorded_request = g_strdup (record->entry->request_json);
      /* Thumbnails written once are named from then on, not written again. */
      g_clear_pointer (&self->thumb_paths, g_ptr_array_unref);
      self->thumb_paths = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < record->n_job_images; i++)
        {
          EaselHistoryImage *image = g_ptr_array_index (record->entry->images, i);

          g_ptr_array_add (self->thumb_paths, g_strdup (image->thumb_path));
        }
    }
  else
    {
      g_message ("Job %s could not be recorded in the history: %s", self->stem, error->message);
      if (self->history_error == NULL)
        self->history_error = g_steal_pointer (&error);
    }

  record->then (self, record->data);
  easel_history_entry_unref (record->entry);
  g_object_unref (record->job);
  g_free (record);
}

static void
record (EaselJob          *self,
        EaselHistoryEntry *entry,
        guint              n_job_images,
        RecordedFunc       then,
        gpointer           data)
{
  Record *record = g_new0 (Record, 1);

  record->job = g_object_ref (self);
  record->entry = entry;
  record->then = then;
  record->data = data;
  record->n_job_images = n_job_images;
  /* Never cancelled: what reached the disk is recorded whatever happens. */
  easel_history_record_async (self->history, entry, NULL, on_recorded, record);
}

/* --- A remote job's id ------------------------------------------------- */

static void
pending_recorded (EaselJob *self,
                  gpointer  data)
{
  self->in_flight--;
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      easel_job_fail (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled"));
      return;
    }
  self->poll_timer = g_timeout_add (self->poll_interval_ms, easel_job_on_poll_timer, self);
}

void
easel_job_history_pending (EaselJob *self)
{
  guint n_job_images;
  EaselHistoryEntry *entry = build_entry (self, EASEL_HISTORY_PENDING, NULL, NULL, &n_job_images);

  self->in_flight++;
  record (self, entry, n_job_images, pending_recorded, NULL);
}

/* --- Images ------------------------------------------------------------ */

static void
image_recorded (EaselJob *self,
                gpointer  data)
{
  g_autoptr(EaselImage) image = data;

  self->in_flight--;
  g_list_store_append (self->images, image);
  easel_job_process_next_image (self);
}

void
easel_job_history_add_image (EaselJob   *self,
                             EaselImage *image)
{
  EaselHistoryEntry *entry;
  guint n_job_images;

  if (self->history == NULL || self->abandoned)
    {
      g_list_store_append (self->images, image);
      easel_job_process_next_image (self);
      return;
    }

  entry = build_entry (self, EASEL_HISTORY_PENDING, NULL, image, &n_job_images);
  self->in_flight++;
  record (self, entry, n_job_images, image_recorded, g_object_ref (image));
}

/* --- The end ----------------------------------------------------------- */

typedef struct
{
  EaselJobState  state;
  GError        *error;
} Outcome;

static EaselHistoryState
history_state (EaselJob      *self,
               EaselJobState  state,
               const GError  *error)
{
  if (state == EASEL_JOB_STORED)
    return EASEL_HISTORY_STORED;
  if (state == EASEL_JOB_CANCELLED)
    return EASEL_HISTORY_CANCELLED;
  if (g_error_matches (error, EASEL_ERROR, EASEL_ERROR_EXPIRED))
    return EASEL_HISTORY_EXPIRED;

  /* A remote job Easel stopped waiting for, or lost touch with, may
   * still finish at the gateway: it stays pending, to be resumed. */
  if (self->remote_id != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->images)) == 0
      && error != NULL && error->domain == EASEL_ERROR
      && (error->code == EASEL_ERROR_TIMEOUT || error->code == EASEL_ERROR_NETWORK
          || error->code == EASEL_ERROR_SERVER || error->code == EASEL_ERROR_RATE_LIMIT))
    return EASEL_HISTORY_PENDING;

  return EASEL_HISTORY_FAILED;
}

static void
outcome_recorded (EaselJob *self,
                  gpointer  data)
{
  Outcome *outcome = data;

  self->finishing = FALSE;
  easel_job_finish_now (self, outcome->state, outcome->error);
  g_free (outcome);
}

void
easel_job_finish_internal (EaselJob      *self,
                           EaselJobState  state,
                           GError        *error)
{
  EaselHistoryEntry *entry;
  EaselHistoryState recorded;
  Outcome *outcome;
  guint n_job_images;

  /* Already ending: the first word stands. */
  if (self->finishing)
    {
      g_clear_error (&error);
      return;
    }

  /* Abandoned (Easel is closing), or never reached the gateway. */
  if (self->history == NULL || self->abandoned || (!self->sent && self->history_id == 0))
    {
      easel_job_finish_now (self, state, error);
      return;
    }

  self->finishing = TRUE;
  self->times[EASEL_JOB_TIME_FINISHED] = g_get_monotonic_time ();
  g_clear_handle_id (&self->poll_timer, g_source_remove);
  recorded = history_state (self, state, error);
  self->resumable = recorded == EASEL_HISTORY_PENDING;
  entry = build_entry (self, recorded, error, NULL, &n_job_images);

  outcome = g_new0 (Outcome, 1);
  outcome->state = state;
  outcome->error = error;
  record (self, entry, n_job_images, outcome_recorded, outcome);
}

/* --- Resuming ---------------------------------------------------------- */

/* start() of a pending generation that has no remote job: a direct
 * request whose answer never fully arrived. */
void
easel_job_history_resume (EaselJob *self)
{
  guint kept = self->resume_entry->images->len;
  GError *error;

  if (kept == 0)
    error = g_error_new_literal (EASEL_ERROR, EASEL_ERROR_NETWORK,
                                 _("Easel stopped before the gateway’s answer arrived, so "
                                   "this request’s images were not received. The gateway may "
                                   "still have billed it."));
  else
    error = g_error_new (EASEL_ERROR, EASEL_ERROR_NETWORK,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "Easel stopped while storing this request’s images; the "
                                      "%u image stored by then is kept.",
                                      "Easel stopped while storing this request’s images; the "
                                      "%u images stored by then are kept.", kept),
                         kept);
  easel_job_finish_internal (self, EASEL_JOB_FAILED, error);
}

/* --- Public ------------------------------------------------------------ */

void
easel_job_set_history (EaselJob     *self,
                       EaselHistory *history)
{
  g_return_if_fail (EASEL_IS_JOB (self));
  g_return_if_fail (history == NULL || EASEL_IS_HISTORY (history));
  g_return_if_fail (self->state == EASEL_JOB_QUEUED);

  g_set_object (&self->history, history);
}

EaselHistory *
easel_job_get_history (EaselJob *self)
{
  g_return_val_if_fail (EASEL_IS_JOB (self), NULL);

  return self->history;
}

gint64
easel_job_get_history_id (EaselJob *self)
{
  g_return_val_if_fail (EASEL_IS_JOB (self), 0);

  return self->history_id;
}

const GError *
easel_job_get_history_error (EaselJob *self)
{
  g_return_val_if_fail (EASEL_IS_JOB (self), NULL);

  return self->history_error;
}

void
easel_job_abandon (EaselJob *self)
{
  g_return_if_fail (EASEL_IS_JOB (self));

  self->abandoned = TRUE;
  easel_job_cancel (self);
}

EaselJob *
easel_job_new_for_pending (EaselClient        *client,
                           EaselProfile       *profile,
                           EaselHistory       *history,
                           EaselHistoryEntry  *entry,
                           const char         *api_key,
                           GError            **error)
{
  g_autoptr(EaselRequest) request = NULL;
  g_autofree char *output_dir = NULL;
  EaselJob *self;

  g_return_val_if_fail (EASEL_IS_HISTORY (history), NULL);
  g_return_val_if_fail (entry != NULL && entry->id > 0, NULL);

  request = easel_history_entry_get_request (entry, error);
  if (request == NULL)
    {
      /* The id formatted apart: xgettext cannot read a format macro. */
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, entry->id);

      /* Translators: %s is the number of a generation in the history. */
      g_prefix_error (error, _("The pending generation %s cannot be resumed: "), id);
      return NULL;
    }

  output_dir = easel_history_image_dir (history, entry->created_at);
  self = easel_job_new (client, profile, request, api_key, output_dir);
  self->history = g_object_ref (history);
  self->history_id = entry->id;
  self->created_real_us = entry->created_at;
  self->resume_entry = easel_history_entry_ref (entry);
  return self;
}

/* For easel_job_new_retry(): a job still pending at the gateway is
 * picked up, not sent again (and billed twice). */
void
easel_job_history_carry_over (EaselJob *self,
                              EaselJob *retry)
{
  EaselHistoryEntry *entry;

  if (self->history == NULL)
    return;
  retry->history = g_object_ref (self->history);
  if (!self->resumable || self->history_id == 0 || self->remote_id == NULL)
    return;

  entry = easel_history_entry_new ();
  entry->id = self->history_id;
  entry->created_at = self->created_real_us;
  entry->remote_id = g_strdup (self->remote_id);
  entry->started_ms = relative_ms (self, EASEL_JOB_TIME_STARTED);
  entry->parent_id = self->resume_entry != NULL ? self->resume_entry->parent_id : 0;
  retry->history_id = self->history_id;
  retry->created_real_us = self->created_real_us;
  retry->resume_entry = entry;
}
