/* easel-job-queue.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The jobs of a window, newest first, as the results grid shows them.
 * Gateways throttle, so each profile runs at most its concurrency at once;
 * the rest wait in EASEL_JOB_QUEUED and start in the order they were
 * added (a retry counts as added when it is made) as slots free up, or
 * when the profile's concurrency is raised. Two profile objects with the
 * same id are the same gateway.
 *
 * Every state change of a job is watched: "job-finished" is emitted once
 * for each job that ends while it is in the queue. A removed job is
 * cancelled and forgotten; no "job-finished" comes for it. A queue that
 * goes away does not cancel its jobs (a window calls
 * easel_job_queue_cancel_all() for that): a running job finishes on its
 * own, and what it stored stays stored. */

#include "config.h"

#include "easel-job-queue.h"

typedef struct
{
  EaselJob *job;
  guint64   order;         /* when it was added: smaller starts first */
  gboolean  finished;      /* "job-finished" was emitted */
  gulong    state_id;
  gulong    concurrency_id;
} Entry;

struct _EaselJobQueue
{
  GObject    parent_instance;

  GPtrArray *entries;      /* (element-type Entry), newest first */
  guint64    next_order;
  gboolean   scheduling;
  gboolean   reschedule;
  gboolean   holding;      /* cancel_all: start nothing */
  guint      n_running;
  guint      n_queued;
};

static void easel_job_queue_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EaselJobQueue, easel_job_queue, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      easel_job_queue_list_model_init))

enum {
  PROP_0,
  PROP_N_RUNNING,
  PROP_N_QUEUED,
  N_PROPS
};

enum {
  JOB_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_signal_handler (&entry->state_id, entry->job);
  g_clear_signal_handler (&entry->concurrency_id, easel_job_get_profile (entry->job));
  g_clear_object (&entry->job);
  g_free (entry);
}

static gboolean
same_gateway (EaselProfile *a,
              EaselProfile *b)
{
  return a == b || g_strcmp0 (easel_profile_get_id (a), easel_profile_get_id (b)) == 0;
}

static gboolean
is_running (EaselJob *job)
{
  return easel_job_get_state (job) != EASEL_JOB_QUEUED && !easel_job_is_finished (job);
}

static gboolean
find_entry (EaselJobQueue *self,
            EaselJob      *job,
            guint         *position)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->job == job)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
update_counts (EaselJobQueue *self)
{
  guint running = easel_job_queue_get_n_running (self, NULL);
  guint queued = easel_job_queue_get_n_queued (self);

  if (self->n_running != running)
    {
      self->n_running = running;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RUNNING]);
    }
  if (self->n_queued != queued)
    {
      self->n_queued = queued;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_QUEUED]);
    }
}

/* The oldest waiting job whose gateway has a free slot, or NULL. */
static Entry *
next_to_start (EaselJobQueue *self)
{
  Entry *next = NULL;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      EaselProfile *profile = easel_job_get_profile (entry->job);

      if (easel_job_get_state (entry->job) != EASEL_JOB_QUEUED)
        continue;
      if (next != NULL && next->order < entry->order)
        continue;
      if (easel_job_queue_get_n_running (self, profile) >= easel_profile_get_concurrency (profile))
        continue;

      next = entry;
    }

  return next;
}

/* Starts what may start. A job can end inside easel_job_start() (a request
 * that does not validate), which comes back here: that only asks for
 * another round. */
static void
schedule (EaselJobQueue *self)
{
  if (self->scheduling)
    {
      self->reschedule = TRUE;
      return;
    }

  self->scheduling = TRUE;
  do
    {
      Entry *next;

      self->reschedule = FALSE;
      next = self->holding ? NULL : next_to_start (self);
      if (next != NULL)
        {
          g_autoptr(EaselJob) job = g_object_ref (next->job);

          easel_job_start (job);
          self->reschedule = TRUE;
        }
    }
  while (self->reschedule);
  self->scheduling = FALSE;

  update_counts (self);
}

static void
on_job_state (EaselJob      *job,
              GParamSpec    *pspec,
              EaselJobQueue *self)
{
  guint position;
  Entry *entry;

  if (!find_entry (self, job, &position))
    return;

  entry = g_ptr_array_index (self->entries, position);
  if (easel_job_is_finished (job) && !entry->finished)
    {
      entry->finished = TRUE;
      g_signal_emit (self, signals[JOB_FINISHED], 0, job);
    }

  schedule (self);
}

static void
on_concurrency (EaselJobQueue *self)
{
  schedule (self);
}

static Entry *
entry_new (EaselJobQueue *self,
           EaselJob      *job)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->job = g_object_ref (job);
  entry->order = self->next_order++;
  entry->state_id = g_signal_connect (job, "notify::state", G_CALLBACK (on_job_state), self);
  entry->concurrency_id = g_signal_connect_swapped (easel_job_get_profile (job),
                                                    "notify::concurrency",
                                                    G_CALLBACK (on_concurrency), self);

  return entry;
}

/* --- GListModel --------------------------------------------------------- */

static GType
easel_job_queue_get_item_type (GListModel *model)
{
  return EASEL_TYPE_JOB;
}

static guint
easel_job_queue_get_n_items (GListModel *model)
{
  return EASEL_JOB_QUEUE (model)->entries->len;
}

static gpointer
easel_job_queue_get_item (GListModel *model,
                          guint       position)
{
  EaselJobQueue *self = EASEL_JOB_QUEUE (model);
  Entry *entry;

  if (position >= self->entries->len)
    return NULL;

  entry = g_ptr_array_index (self->entries, position);
  return g_object_ref (entry->job);
}

static void
easel_job_queue_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = easel_job_queue_get_item_type;
  iface->get_n_items = easel_job_queue_get_n_items;
  iface->get_item = easel_job_queue_get_item;
}

/* --- GObject ------------------------------------------------------------ */

static void
easel_job_queue_dispose (GObject *object)
{
  EaselJobQueue *self = EASEL_JOB_QUEUE (object);

  g_ptr_array_set_size (self->entries, 0);

  G_OBJECT_CLASS (easel_job_queue_parent_class)->dispose (object);
}

static void
easel_job_queue_finalize (GObject *object)
{
  EaselJobQueue *self = EASEL_JOB_QUEUE (object);

  g_ptr_array_unref (self->entries);

  G_OBJECT_CLASS (easel_job_queue_parent_class)->finalize (object);
}

static void
easel_job_queue_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EaselJobQueue *self = EASEL_JOB_QUEUE (object);

  switch (prop_id)
    {
    case PROP_N_RUNNING:
      g_value_set_uint (value, self->n_running);
      break;
    case PROP_N_QUEUED:
      g_value_set_uint (value, self->n_queued);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_job_queue_class_init (EaselJobQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = easel_job_queue_dispose;
  object_class->finalize = easel_job_queue_finalize;
  object_class->get_property = easel_job_queue_get_property;

  properties[PROP_N_RUNNING] =
    g_param_spec_uint ("n-running", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_QUEUED] =
    g_param_spec_uint ("n-queued", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EaselJobQueue::job-finished:
   * @self: the queue
   * @job: a job of the queue that reached stored, failed or cancelled
   *
   * Emitted once per job, after the job's own state notification.
   */
  signals[JOB_FINISHED] = g_signal_new ("job-finished", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, EASEL_TYPE_JOB);
}

static void
easel_job_queue_init (EaselJobQueue *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
}

EaselJobQueue *
easel_job_queue_new (void)
{
  return g_object_new (EASEL_TYPE_JOB_QUEUE, NULL);
}

/**
 * easel_job_queue_add:
 * @self: a queue
 * @job: a job that was not started
 *
 * Adds @job at position 0 and starts it when its profile has a free slot
 * (perhaps before this returns).
 */
void
easel_job_queue_add (EaselJobQueue *self,
                     EaselJob      *job)
{
  gboolean found;
  guint position;

  g_return_if_fail (EASEL_IS_JOB_QUEUE (self));
  g_return_if_fail (EASEL_IS_JOB (job));
  g_return_if_fail (easel_job_get_state (job) == EASEL_JOB_QUEUED);

  found = find_entry (self, job, &position);
  g_return_if_fail (!found);

  g_ptr_array_insert (self->entries, 0, entry_new (self, job));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, 1);
  schedule (self);
}

/**
 * easel_job_queue_retry:
 * @self: a queue
 * @job: a failed or cancelled job of @self
 *
 * Replaces @job by easel_job_new_retry() at the same position, and
 * schedules the new job as if it had just been added.
 *
 * Returns: (transfer none) (nullable): the new job
 */
EaselJob *
easel_job_queue_retry (EaselJobQueue *self,
                       EaselJob      *job)
{
  g_autoptr(EaselJob) retry = NULL;
  gboolean found;
  Entry *old;
  guint position;

  g_return_val_if_fail (EASEL_IS_JOB_QUEUE (self), NULL);
  g_return_val_if_fail (EASEL_IS_JOB (job), NULL);
  g_return_val_if_fail (easel_job_get_state (job) == EASEL_JOB_FAILED ||
                        easel_job_get_state (job) == EASEL_JOB_CANCELLED, NULL);

  found = find_entry (self, job, &position);
  g_return_val_if_fail (found, NULL);

  retry = easel_job_new_retry (job);
  old = g_ptr_array_index (self->entries, position);
  g_ptr_array_index (self->entries, position) = entry_new (self, retry);
  entry_free (old);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
  schedule (self);

  return retry;
}

/**
 * easel_job_queue_remove:
 * @self: a queue
 * @job: a job of @self
 *
 * Removes @job, cancelling it first if it has not finished. No
 * "job-finished" is emitted for it.
 */
void
easel_job_queue_remove (EaselJobQueue *self,
                        EaselJob      *job)
{
  g_autoptr(EaselJob) held = NULL;
  gboolean found;
  guint position;

  g_return_if_fail (EASEL_IS_JOB_QUEUE (self));
  g_return_if_fail (EASEL_IS_JOB (job));

  found = find_entry (self, job, &position);
  g_return_if_fail (found);

  /* Out of the queue before it is cancelled: a queued job ends at once,
   * and its slot must not look taken while the others are scheduled. */
  held = g_object_ref (job);
  g_ptr_array_remove_index (self->entries, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);

  easel_job_cancel (held);
  schedule (self);
}

/**
 * easel_job_queue_cancel_all:
 * @self: a queue
 *
 * Cancels every job that has not finished; waiting jobs end cancelled
 * without starting. The jobs stay in the queue.
 */
static void
stop_all (EaselJobQueue *self,
          void         (*stop) (EaselJob *job))
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);

  /* A copy: cancelling may emit "job-finished", whose handlers may remove
   * jobs. Nothing starts meanwhile, or a waiting job could take the slot
   * of a running one that was just cancelled. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      g_ptr_array_add (jobs, g_object_ref (entry->job));
    }

  self->holding = TRUE;
  for (guint i = 0; i < jobs->len; i++)
    stop (g_ptr_array_index (jobs, i));
  self->holding = FALSE;

  schedule (self);
}

void
easel_job_queue_cancel_all (EaselJobQueue *self)
{
  g_return_if_fail (EASEL_IS_JOB_QUEUE (self));

  stop_all (self, easel_job_cancel);
}

/**
 * easel_job_queue_abandon_all:
 * @self: a queue
 *
 * As easel_job_queue_cancel_all(), for closing: each job is abandoned
 * (easel_job_abandon()), so remote jobs stay pending in the history.
 */
void
easel_job_queue_abandon_all (EaselJobQueue *self)
{
  g_return_if_fail (EASEL_IS_JOB_QUEUE (self));

  stop_all (self, easel_job_abandon);
}

guint
easel_job_queue_get_n_running (EaselJobQueue *self,
                               EaselProfile  *profile)
{
  guint count = 0;

  g_return_val_if_fail (EASEL_IS_JOB_QUEUE (self), 0);
  g_return_val_if_fail (profile == NULL || EASEL_IS_PROFILE (profile), 0);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (is_running (entry->job) &&
          (profile == NULL || same_gateway (profile, easel_job_get_profile (entry->job))))
        count++;
    }

  return count;
}

guint
easel_job_queue_get_n_queued (EaselJobQueue *self)
{
  guint count = 0;

  g_return_val_if_fail (EASEL_IS_JOB_QUEUE (self), 0);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      count += easel_job_get_state (entry->job) == EASEL_JOB_QUEUED;
    }

  return count;
}
