/* easel-history-calls.c: EaselHistory's queued calls after opening
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "easel-history-private.h"

static GTask *
new_task (EaselHistory        *self,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

/* Recording */

static void
record_work (EaselHistory *self,
             GTask        *task,
             gpointer      data)
{
  EaselHistoryEntry *entry = data;
  GError *error = NULL;
  gint64 id = entry->id;

  /* Files first, rows after: a row never names a file not yet written. */
  easel_history_keep_pasted (self, entry);
  easel_history_write_thumbnails (self, entry);
  if (entry->parent_id == 0)
    {
      g_autofree char *source = easel_history_first_reference_path (entry->request_json);

      if (source != NULL)
        entry->parent_id = easel_history_db_find_image (self->db, self->base_dir, source);
    }

  if (id > 0)
    easel_history_db_replace (self->db, self->base_dir, entry, &error);
  else
    id = easel_history_db_insert (self->db, self->base_dir, entry, FALSE, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    {
      self->changed_id = id;
      g_task_return_int (task, id);
    }
}

void
easel_history_record_async (EaselHistory        *self,
                            EaselHistoryEntry   *entry,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (EASEL_IS_HISTORY (self));
  g_return_if_fail (entry != NULL);

  task = new_task (self, easel_history_record_async, cancellable, callback, user_data);
  g_task_set_task_data (task, easel_history_entry_ref (entry),
                        (GDestroyNotify) easel_history_entry_unref);
  easel_history_queue_work (self, task, record_work);
}

gint64
easel_history_record_finish (EaselHistory  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == easel_history_record_async,
                        0);

  value = g_task_propagate_int (G_TASK (result), error);
  /* propagate_int gives -1 on error; ids and tokens start at 1. */
  return MAX (value, 0);
}

/* Listing */

typedef struct
{
  EaselHistoryQuery  query;
  char              *text;
  char              *profile_id;
  gboolean           pending_only;
} ListData;

static void
list_data_free (ListData *data)
{
  g_free (data->text);
  g_free (data->profile_id);
  g_free (data);
}

static void
list_work (EaselHistory *self,
           GTask        *task,
           gpointer      task_data)
{
  ListData *data = task_data;
  GError *error = NULL;
  GPtrArray *entries;

  entries = easel_history_db_list (self->db, self->base_dir, &data->query, data->pending_only,
                                   &error);
  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

static void
queue_list (EaselHistory            *self,
            const EaselHistoryQuery *query,
            gboolean                 pending_only,
            gpointer                 source_tag,
            GCancellable            *cancellable,
            GAsyncReadyCallback      callback,
            gpointer                 user_data)
{
  GTask *task = new_task (self, source_tag, cancellable, callback, user_data);
  ListData *data = g_new0 (ListData, 1);

  if (query != NULL)
    data->query = *query;
  data->text = g_strdup (data->query.text);
  data->profile_id = g_strdup (data->query.profile_id);
  data->query.text = data->text;
  data->query.profile_id = data->profile_id;
  data->pending_only = pending_only;
  if (pending_only)
    data->query.limit = G_MAXINT;
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);
  easel_history_queue_work (self, task, list_work);
}

void
easel_history_list_async (EaselHistory            *self,
                          const EaselHistoryQuery *query,
                          GCancellable            *cancellable,
                          GAsyncReadyCallback      callback,
                          gpointer                 user_data)
{
  g_return_if_fail (EASEL_IS_HISTORY (self));

  queue_list (self, query, FALSE, easel_history_list_async, cancellable, callback, user_data);
}

void
easel_history_list_pending_async (EaselHistory        *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (EASEL_IS_HISTORY (self));

  queue_list (self, NULL, TRUE, easel_history_list_pending_async, cancellable, callback,
              user_data);
}

GPtrArray *
easel_history_list_finish (EaselHistory  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == easel_history_list_async
                        || g_task_get_source_tag (G_TASK (result))
                           == easel_history_list_pending_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
get_work (EaselHistory *self,
          GTask        *task,
          gpointer      data)
{
  GError *error = NULL;
  EaselHistoryEntry *entry;

  entry = easel_history_db_get (self->db, self->base_dir, *(gint64 *) data, &error);
  if (entry == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entry, (GDestroyNotify) easel_history_entry_unref);
}

void
easel_history_get_async (EaselHistory        *self,
                         gint64               id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (EASEL_IS_HISTORY (self));

  task = new_task (self, easel_history_get_async, cancellable, callback, user_data);
  g_task_set_task_data (task, g_memdup2 (&id, sizeof id), g_free);
  easel_history_queue_work (self, task, get_work);
}

EaselHistoryEntry *
easel_history_get_finish (EaselHistory  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == easel_history_get_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Favourites */

typedef struct
{
  gint64   image_id;
  gboolean favourite;
} FavouriteData;

static void
favourite_work (EaselHistory *self,
                GTask        *task,
                gpointer      task_data)
{
  FavouriteData *data = task_data;
  GError *error = NULL;

  if (easel_history_db_set_favourite (self->db, data->image_id, data->favourite, &error))
    {
      /* The generation is not looked up for this. */
      self->changed_id = -1;
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

void
easel_history_set_favourite_async (EaselHistory        *self,
                                   gint64               image_id,
                                   gboolean             favourite,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  FavouriteData *data = g_new0 (FavouriteData, 1);

  g_return_if_fail (EASEL_IS_HISTORY (self));

  data->image_id = image_id;
  data->favourite = favourite;
  task = new_task (self, easel_history_set_favourite_async, cancellable, callback, user_data);
  g_task_set_task_data (task, data, g_free);
  easel_history_queue_work (self, task, favourite_work);
}

gboolean
easel_history_set_favourite_finish (EaselHistory  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == easel_history_set_favourite_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Deleting and undoing */

/* Moves the files back in reverse order, leaving the pairs as they were. */
static void
move_back (GPtrArray *moves)
{
  for (guint i = moves->len; i >= 2; i -= 2)
    {
      const char *original = g_ptr_array_index (moves, i - 2);
      const char *trashed = g_ptr_array_index (moves, i - 1);
      g_autofree char *dir = g_path_get_dirname (original);

      g_mkdir_with_parents (dir, 0755);
      if (g_rename (trashed, original) != 0)
        g_warning ("Could not restore %s from %s: %s", original, trashed, g_strerror (errno));
    }
}

static gboolean
move_to_trash (const char  *path,
               const char  *trash_dir,
               GPtrArray   *moves,
               GError     **error)
{
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autofree char *target = NULL;

  if (path == NULL)
    return TRUE;
  base = g_path_get_basename (path);
  name = g_strdup_printf ("%u-%s", moves->len / 2, base);
  target = g_build_filename (trash_dir, name, NULL);
  if (g_rename (path, target) != 0)
    {
      int saved = errno;

      /* A file already gone needs no trash. */
      if (saved == ENOENT)
        return TRUE;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not move “%s” to the trash: %s"), path, g_strerror (saved));
      return FALSE;
    }
  g_ptr_array_add (moves, g_strdup (path));
  g_ptr_array_add (moves, g_steal_pointer (&target));
  return TRUE;
}

static void
delete_work (EaselHistory *self,
             GTask        *task,
             gpointer      data)
{
  g_autoptr(EaselHistoryEntry) entry = NULL;
  g_autoptr(GPtrArray) moves = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *trash_dir = NULL;
  GError *error = NULL;
  TrashItem *item;
  guint token;

  entry = easel_history_db_get (self->db, self->base_dir, *(gint64 *) data, &error);
  if (entry == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  token = ++self->last_token;
  trash_dir = g_strdup_printf ("%s/trash/%u", self->base_dir, token);
  if (g_mkdir_with_parents (trash_dir, 0755) != 0)
    {
      int saved = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Could not create the trash folder “%s”: %s"), trash_dir,
                               g_strerror (saved));
      return;
    }

  /* Files first, rows after: a crash in between leaves rows whose files
   * are in the trash (marked missing at the next start), never files
   * nothing refers to. */
  for (guint i = 0; i < entry->images->len && error == NULL; i++)
    {
      EaselHistoryImage *image = g_ptr_array_index (entry->images, i);

      if (move_to_trash (image->path, trash_dir, moves, &error))
        move_to_trash (image->thumb_path, trash_dir, moves, &error);
    }
  if (error == NULL)
    easel_history_db_delete (self->db, entry->id, &error);
  if (error != NULL)
    {
      move_back (moves);
      g_task_return_error (task, error);
      return;
    }

  self->changed_id = entry->id;
  item = g_new0 (TrashItem, 1);
  item->entry = g_steal_pointer (&entry);
  item->moves = g_steal_pointer (&moves);
  g_hash_table_insert (self->trash, GUINT_TO_POINTER (token), item);
  g_task_return_int (task, token);
}

void
easel_history_delete_async (EaselHistory        *self,
                            gint64               id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (EASEL_IS_HISTORY (self));

  task = new_task (self, easel_history_delete_async, cancellable, callback, user_data);
  g_task_set_task_data (task, g_memdup2 (&id, sizeof id), g_free);
  easel_history_queue_work (self, task, delete_work);
}

guint
easel_history_delete_finish (EaselHistory  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == easel_history_delete_async,
                        0);

  value = g_task_propagate_int (G_TASK (result), error);
  /* propagate_int gives -1 on error; ids and tokens start at 1. */
  return MAX (value, 0);
}

static void
undo_work (EaselHistory *self,
           GTask        *task,
           gpointer      data)
{
  guint token = GPOINTER_TO_UINT (data);
  TrashItem *item = g_hash_table_lookup (self->trash, GUINT_TO_POINTER (token));
  GError *error = NULL;

  if (item == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               "Nothing to undo for deletion %u", token);
      return;
    }

  move_back (item->moves);
  if (easel_history_db_insert (self->db, self->base_dir, item->entry, TRUE, &error) == 0)
    {
      g_task_return_error (task, error);
      return;
    }
  self->changed_id = item->entry->id;
  g_hash_table_remove (self->trash, GUINT_TO_POINTER (token));
  g_task_return_boolean (task, TRUE);
}

void
easel_history_undo_delete_async (EaselHistory        *self,
                                 guint                token,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (EASEL_IS_HISTORY (self));

  task = new_task (self, easel_history_undo_delete_async, cancellable, callback, user_data);
  g_task_set_task_data (task, GUINT_TO_POINTER (token), NULL);
  easel_history_queue_work (self, task, undo_work);
}

gboolean
easel_history_undo_delete_finish (EaselHistory  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == easel_history_undo_delete_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Flushing */

typedef struct
{
  GMutex   mutex;
  GCond    cond;
  gboolean done;
  gint     refs;
} Barrier;

static void
barrier_unref (Barrier *barrier)
{
  if (!g_atomic_int_dec_and_test (&barrier->refs))
    return;
  g_mutex_clear (&barrier->mutex);
  g_cond_clear (&barrier->cond);
  g_free (barrier);
}

/* Runs whether or not the store is open: a flush of a store that never
 * opened has nothing to wait for, and must not wait out its timeout. */
void
easel_history_barrier_work (EaselHistory *self,
                            GTask        *task,
                            gpointer      data)
{
  Barrier *barrier = data;

  g_mutex_lock (&barrier->mutex);
  barrier->done = TRUE;
  g_cond_signal (&barrier->cond);
  g_mutex_unlock (&barrier->mutex);
  g_task_return_boolean (task, TRUE);
}

/**
 * easel_history_flush:
 * @self: a history
 * @timeout_ms: how long to wait at most
 *
 * Blocks until every call made so far has been carried out, for a
 * process about to exit: its records are then on disk. The calls'
 * callbacks still need the main context.
 *
 * Returns: FALSE when @timeout_ms passed first
 */
gboolean
easel_history_flush (EaselHistory *self,
                     guint         timeout_ms)
{
  Barrier *barrier;
  GTask *task;
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gboolean done;

  g_return_val_if_fail (EASEL_IS_HISTORY (self), FALSE);

  barrier = g_new0 (Barrier, 1);
  g_mutex_init (&barrier->mutex);
  g_cond_init (&barrier->cond);
  barrier->refs = 2;
  task = new_task (self, easel_history_flush, NULL, NULL, NULL);
  g_task_set_task_data (task, barrier, (GDestroyNotify) barrier_unref);
  easel_history_queue_work (self, task, easel_history_barrier_work);

  g_mutex_lock (&barrier->mutex);
  while (!barrier->done)
    if (!g_cond_wait_until (&barrier->cond, &barrier->mutex, end))
      break;
  done = barrier->done;
  g_mutex_unlock (&barrier->mutex);
  barrier_unref (barrier);
  return done;
}
