/* easel-history-private.h: what EaselHistory's files share, and the tests
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "easel-history.h"

G_BEGIN_DECLS

struct _EaselHistory
{
  GObject      parent_instance;

  char        *base_dir;
  GThreadPool *pool;

  /* The worker's alone. */
  sqlite3     *db;
  int          lock_fd;      /* history.lock, held shared while open; -1 before */
  GHashTable  *trash;        /* token → TrashItem */
  guint        last_token;
  /* Set by a call that changed a generation: its id, for "changed". */
  gint64       changed_id;
};

typedef void (*WorkFunc) (EaselHistory *self,
                          GTask        *task,
                          gpointer      data);

/* Queues @func to run on the worker with @task (whose reference it takes). */
void                easel_history_queue_work         (EaselHistory       *self,
                                                      GTask              *task,
                                                      WorkFunc            func);
/* easel_history_flush()'s work; the one call besides opening that runs on
 * a store that is not open. */
void                easel_history_barrier_work       (EaselHistory       *self,
                                                      GTask              *task,
                                                      gpointer            data);

/* A deleted generation kept for undo: its rows as they were and where its
 * files went. */
typedef struct
{
  EaselHistoryEntry *entry;
  GPtrArray         *moves;  /* pairs: original path, path in the trash */
} TrashItem;

void                easel_history_trash_item_free    (TrashItem          *item);

/* Version 1: generations and images. Version 2: the FTS5 index on prompts
 * and the favourite flag. */
#define EASEL_HISTORY_SCHEMA_VERSION 2

/* Set on errors that mean the file is not a readable database. */
#define EASEL_HISTORY_CORRUPT_QUARK (g_quark_from_static_string ("easel-history-corrupt"))

gboolean            easel_history_db_exec            (sqlite3            *db,
                                                      const char         *sql,
                                                      GError            **error);
void                easel_history_db_set_error       (sqlite3            *db,
                                                      GError            **error);
/* Brings @db up to @target (tests stop at 1 to make an old store). */
gboolean            easel_history_schema_migrate     (sqlite3            *db,
                                                      int                 target,
                                                      GError            **error);
int                 easel_history_schema_version     (sqlite3            *db,
                                                      GError            **error);

/* Blocking, on the worker thread. */
gint64              easel_history_db_insert          (sqlite3            *db,
                                                      const char         *base_dir,
                                                      EaselHistoryEntry  *entry,
                                                      gboolean            keep_ids,
                                                      GError            **error);
gboolean            easel_history_db_replace         (sqlite3            *db,
                                                      const char         *base_dir,
                                                      EaselHistoryEntry  *entry,
                                                      GError            **error);
GPtrArray          *easel_history_db_list            (sqlite3            *db,
                                                      const char         *base_dir,
                                                      const EaselHistoryQuery *query,
                                                      gboolean            pending_only,
                                                      GError            **error);
EaselHistoryEntry  *easel_history_db_get             (sqlite3            *db,
                                                      const char         *base_dir,
                                                      gint64              id,
                                                      GError            **error);
gboolean            easel_history_db_delete          (sqlite3            *db,
                                                      gint64              id,
                                                      GError            **error);
gboolean            easel_history_db_set_favourite   (sqlite3            *db,
                                                      gint64              image_id,
                                                      gboolean            favourite,
                                                      GError            **error);
/* Marks every image row missing or not by whether its file exists. */
gint64              easel_history_db_find_image      (sqlite3            *db,
                                                      const char         *base_dir,
                                                      const char         *path);
/* easel-history-files.c */
void                easel_history_write_thumbnails   (EaselHistory       *self,
                                                      EaselHistoryEntry  *entry);
char               *easel_history_first_reference_path (const char       *request_json);
void                easel_history_keep_pasted        (EaselHistory       *self,
                                                      EaselHistoryEntry  *entry);
gboolean            easel_history_db_mark_missing    (sqlite3            *db,
                                                      const char         *base_dir,
                                                      GError            **error);
/* The FTS5 query for user text: each word quoted, the last a prefix; NULL
 * when nothing is left to search for. */
char               *easel_history_fts_query          (const char         *text);

EaselHistoryImage  *easel_history_image_copy         (const EaselHistoryImage *image);
void                easel_history_image_free         (EaselHistoryImage  *image);

G_END_DECLS
