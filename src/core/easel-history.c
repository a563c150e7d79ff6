/* easel-history.c: the store of every generation and image (DESIGN.md §6)
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One worker (a thread pool of one) owns the SQLite connection: every call
 * is queued to it in the order made, so writes never race, never wait on
 * each other's locks and never run on the main thread. SQL lives in
 * easel-history-store.c, migrations in easel-history-schema.c; this file
 * is the object, the queue, opening with recovery and deleting with undo. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "easel-history-private.h"

G_DEFINE_FINAL_TYPE (EaselHistory, easel_history, G_TYPE_OBJECT)

typedef struct
{
  GTask    *task;
  WorkFunc  func;
} Work;

void
easel_history_trash_item_free (TrashItem *item)
{
  easel_history_entry_unref (item->entry);
  g_ptr_array_unref (item->moves);
  g_free (item);
}

static void open_work (EaselHistory *self,
                       GTask        *task,
                       gpointer      data);

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  GTask  *task;
  gint64  changed_id;
} Done;

static gboolean
finish_work (gpointer data)
{
  Done *done = data;

  /* The task's own callback has been dispatched already: it was queued
   * first on the same context. */
  if (done->changed_id != 0)
    g_signal_emit (g_task_get_source_object (done->task), signals[SIGNAL_CHANGED], 0,
                   done->changed_id);
  g_object_unref (done->task);
  g_free (done);
  return G_SOURCE_REMOVE;
}

static void
worker (gpointer item,
        gpointer user_data)
{
  Work *work = item;
  EaselHistory *self = g_task_get_source_object (work->task);
  g_autoptr(GSource) source = NULL;
  Done *done = g_new0 (Done, 1);

  if (g_task_return_error_if_cancelled (work->task))
    ;
  else if (self->db == NULL && work->func != open_work
           && work->func != easel_history_barrier_work)
    g_task_return_new_error (work->task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                             "The history is not open");
  else
    {
      self->changed_id = 0;
      work->func (self, work->task, g_task_get_task_data (work->task));
      done->changed_id = self->changed_id;
    }

  /* The last reference to the task (and so perhaps to the history) must
   * go in the caller's context: finalizing here would wait for this very
   * thread. An idle source, not g_main_context_invoke(), which would run
   * it right here when it can acquire an idle main context. */
  done->task = work->task;
  source = g_idle_source_new ();
  g_source_set_callback (source, finish_work, done, NULL);
  g_source_set_static_name (source, "[easel] history task");
  g_source_attach (source, g_task_get_context (work->task));
  g_free (work);
}

void
easel_history_queue_work (EaselHistory *self,
                          GTask        *task,
                          WorkFunc      func)
{
  Work *work = g_new0 (Work, 1);

  work->task = task;
  work->func = func;
  g_thread_pool_push (self->pool, work, NULL);
}

static void
easel_history_finalize (GObject *object)
{
  EaselHistory *self = (EaselHistory *)object;

  /* Every task holds the history, so the queue is empty by now. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_hash_table_unref (self->trash);
  g_free (self->base_dir);

  G_OBJECT_CLASS (easel_history_parent_class)->finalize (object);
}

static void
easel_history_class_init (EaselHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = easel_history_finalize;

  /**
   * EaselHistory::changed:
   * @id: the generation recorded, changed or deleted
   *
   * A call of this process changed the store. Emitted in the context the
   * call was made in, after its callback.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
easel_history_init (EaselHistory *self)
{
  self->pool = g_thread_pool_new (worker, self, 1, FALSE, NULL);
  self->lock_fd = -1;
  self->trash = g_hash_table_new_full (NULL, NULL, NULL,
                                       (GDestroyNotify) easel_history_trash_item_free);
}

EaselHistory *
easel_history_new (const char *base_dir)
{
  EaselHistory *self;

  g_return_val_if_fail (base_dir != NULL && g_path_is_absolute (base_dir), NULL);

  self = g_object_new (EASEL_TYPE_HISTORY, NULL);
  /* Canonical, so stored paths are found relative to it whatever the
   * caller's spelling (a trailing slash, "..", "."). */
  self->base_dir = g_canonicalize_filename (base_dir, NULL);
  return self;
}

const char *
easel_history_get_base_dir (EaselHistory *self)
{
  g_return_val_if_fail (EASEL_IS_HISTORY (self), NULL);

  return self->base_dir;
}

char *
easel_history_default_base_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "easel", NULL);
}

static char *
dated_dir (EaselHistory *self,
           const char   *kind,
           gint64        created_at)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (created_at / G_USEC_PER_SEC);
  g_autofree char *year = g_date_time_format (time, "%Y");
  g_autofree char *month = g_date_time_format (time, "%m");

  return g_build_filename (self->base_dir, kind, year, month, NULL);
}

char *
easel_history_image_dir (EaselHistory *self,
                         gint64        created_at)
{
  g_return_val_if_fail (EASEL_IS_HISTORY (self), NULL);

  return dated_dir (self, "images", created_at);
}

char *
easel_history_thumb_dir (EaselHistory *self,
                         gint64        created_at)
{
  g_return_val_if_fail (EASEL_IS_HISTORY (self), NULL);

  return dated_dir (self, "thumbs", created_at);
}

/* Opening, with recovery */

static sqlite3 *
open_database (const char  *path,
               GError     **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      easel_history_db_set_error (db, error);
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);
  /* journal_mode is the first read of the file: a file that is not a
   * database fails here with SQLITE_NOTADB. */
  if (!easel_history_db_exec (db, "PRAGMA journal_mode = WAL;", error)
      || !easel_history_db_exec (db, "PRAGMA foreign_keys = ON;", error)
      || !easel_history_schema_migrate (db, EASEL_HISTORY_SCHEMA_VERSION, error))
    {
      sqlite3_close_v2 (db);
      return NULL;
    }
  return db;
}

/* Moves an unreadable database (and its journal) out of the way, under a
 * name that says when; returns the new path. */
static char *
move_aside (const char  *base_dir,
            const char  *path,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  for (guint n = 1; n < 100; n++)
    {
      g_autofree char *name = n == 1
        ? g_strdup_printf ("history-corrupt-%s.sqlite", stamp)
        : g_strdup_printf ("history-corrupt-%s-%u.sqlite", stamp, n);
      g_autofree char *target = g_build_filename (base_dir, name, NULL);
      g_autofree char *target_wal = g_strconcat (target, "-wal", NULL);

      if (g_file_test (target, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (path, target) != 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("The history database “%s” cannot be read, and could not be moved "
                         "aside: %s"), path, g_strerror (saved));
          return NULL;
        }
      if (g_file_test (wal, G_FILE_TEST_EXISTS))
        g_rename (wal, target_wal);
      g_unlink (shm);
      return g_steal_pointer (&target);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("The history database “%s” cannot be read, and could not be moved aside"),
               path);
  return NULL;
}

/* Deletes the temp files of writes a crash cut short (EaselImage writes
 * ".easel-*.part" beside the final name) and, with @everything, all files. */
static void
sweep_dir (const char *path,
           gboolean    everything)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        {
          if (everything)
            g_unlink (child);
        }
      else if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          sweep_dir (child, everything);
          if (everything)
            g_rmdir (child);
        }
      else if (everything || g_str_has_prefix (name, ".easel-"))
        g_unlink (child);
    }
}

/* The app and easel-cli share the folder, and each may be writing an
 * image's temp file or holding deleted files in the trash for an undo at
 * any moment: only the one user of the folder may sweep. Every open store
 * holds a shared lock on history.lock for as long as it lives (the kernel
 * drops it when a process dies, however it dies); sweeping takes it
 * exclusively, or is left to a later start. Returns whether this one is
 * alone, holding the lock exclusively. */
static gboolean
lock_folder (EaselHistory *self)
{
  g_autofree char *path = g_build_filename (self->base_dir, "history.lock", NULL);
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      /* No lock to be had: never sweep what someone else may be using. */
      g_debug ("Cannot open %s: %s", path, g_strerror (errno));
      return FALSE;
    }
  /* An earlier open that failed after taking it. */
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  self->lock_fd = fd;
  if (flock (fd, LOCK_EX | LOCK_NB) == 0)
    return TRUE;

  /* Someone else has the folder open; waits only while another start
   * sweeps. */
  while (flock (fd, LOCK_SH) != 0 && errno == EINTR)
    ;
  return FALSE;
}

static void
open_work (EaselHistory *self,
           GTask        *task,
           gpointer      data)
{
  g_autofree char *path = g_build_filename (self->base_dir, "history.sqlite", NULL);
  g_autofree char *images = g_build_filename (self->base_dir, "images", NULL);
  g_autofree char *thumbs = g_build_filename (self->base_dir, "thumbs", NULL);
  g_autofree char *trash = g_build_filename (self->base_dir, "trash", NULL);
  g_autofree char *references = g_build_filename (self->base_dir, "references", NULL);
  g_autofree char *moved_to = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  if (self->db != NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (g_mkdir_with_parents (images, 0755) != 0 || g_mkdir_with_parents (thumbs, 0755) != 0)
    {
      int saved = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Could not create the history folder “%s”: %s"),
                               self->base_dir, g_strerror (saved));
      return;
    }

  db = open_database (path, &error);
  if (db == NULL && error->domain == EASEL_HISTORY_CORRUPT_QUARK)
    {
      g_debug ("History database %s is unreadable (%s); moving it aside", path, error->message);
      g_clear_error (&error);
      moved_to = move_aside (self->base_dir, path, &error);
      if (moved_to != NULL)
        db = open_database (path, &error);
    }
  if (db == NULL)
    {
      if (error->domain == EASEL_HISTORY_CORRUPT_QUARK)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                 _("The history database “%s” cannot be read: %s"),
                                 path, error->message);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (lock_folder (self))
    {
      sweep_dir (images, FALSE);
      sweep_dir (thumbs, FALSE);
      sweep_dir (references, FALSE);
      /* Deletions of an earlier run: the undo toast is long gone. */
      sweep_dir (trash, TRUE);
      /* Shared from now on, so that others may open it too. */
      while (flock (self->lock_fd, LOCK_SH) != 0 && errno == EINTR)
        ;
    }
  if (!easel_history_db_mark_missing (db, self->base_dir, &error))
    {
      sqlite3_close_v2 (db);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->db = db;
  g_task_return_pointer (task, g_steal_pointer (&moved_to), g_free);
}

void
easel_history_open_async (EaselHistory        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (EASEL_IS_HISTORY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, easel_history_open_async);
  easel_history_queue_work (self, task, open_work);
}

gboolean
easel_history_open_finish (EaselHistory  *self,
                           GAsyncResult  *result,
                           char         **moved_to,
                           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *moved = NULL;

  g_return_val_if_fail (EASEL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == easel_history_open_async,
                        FALSE);

  moved = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (moved_to != NULL)
    *moved_to = g_steal_pointer (&moved);
  return TRUE;
}
