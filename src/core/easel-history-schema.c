/* easel-history-schema.c: the history database's tables and migrations
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each version is a step from the one before, run in one transaction with
 * PRAGMA user_version, so a store made by any older Easel is brought
 * forward and a crash mid-way leaves it at the old version, intact. */

#include "config.h"

#include "easel-history-private.h"

/* parent_id has no foreign key on purpose: deleting a parent must neither
 * fail nor cut its children's lineage, so that an undo restores the link. */
static const char schema_v1[] =
  "CREATE TABLE generations ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  created_at INTEGER NOT NULL,"
  "  profile_id TEXT,"
  "  profile_name TEXT,"
  "  dialect TEXT,"
  "  request TEXT NOT NULL DEFAULT '{}',"
  "  prompt TEXT NOT NULL DEFAULT '',"
  "  state TEXT NOT NULL,"
  "  remote_id TEXT,"
  "  error TEXT,"
  "  input_tokens INTEGER NOT NULL DEFAULT -1,"
  "  output_tokens INTEGER NOT NULL DEFAULT -1,"
  "  total_tokens INTEGER NOT NULL DEFAULT -1,"
  "  cost REAL NOT NULL DEFAULT -1,"
  "  currency TEXT,"
  "  started_ms INTEGER NOT NULL DEFAULT -1,"
  "  received_ms INTEGER NOT NULL DEFAULT -1,"
  "  finished_ms INTEGER NOT NULL DEFAULT -1,"
  "  parent_id INTEGER"
  ");"
  "CREATE INDEX generations_created ON generations (created_at, id);"
  "CREATE INDEX generations_parent ON generations (parent_id);"
  "CREATE INDEX generations_state ON generations (state);"
  "CREATE TABLE images ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  generation_id INTEGER NOT NULL REFERENCES generations (id) ON DELETE CASCADE,"
  "  idx INTEGER NOT NULL,"
  "  path TEXT NOT NULL,"
  "  mime TEXT NOT NULL,"
  "  width INTEGER NOT NULL,"
  "  height INTEGER NOT NULL,"
  "  thumb_path TEXT,"
  "  missing INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (generation_id, idx)"
  ");";

/* An external-content FTS5 table: the prompt is stored once, in
 * generations, and triggers keep the index in step. */
static const char schema_v2[] =
  "ALTER TABLE images ADD COLUMN favourite INTEGER NOT NULL DEFAULT 0;"
  "CREATE INDEX images_favourite ON images (generation_id) WHERE favourite;"
  "CREATE VIRTUAL TABLE prompts USING fts5 ("
  "  prompt, content = 'generations', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2');"
  "INSERT INTO prompts (prompts) VALUES ('rebuild');"
  "CREATE TRIGGER generations_fts_insert AFTER INSERT ON generations BEGIN"
  "  INSERT INTO prompts (rowid, prompt) VALUES (new.id, new.prompt);"
  "END;"
  "CREATE TRIGGER generations_fts_delete AFTER DELETE ON generations BEGIN"
  "  INSERT INTO prompts (prompts, rowid, prompt) VALUES ('delete', old.id, old.prompt);"
  "END;"
  "CREATE TRIGGER generations_fts_update AFTER UPDATE OF prompt ON generations BEGIN"
  "  INSERT INTO prompts (prompts, rowid, prompt) VALUES ('delete', old.id, old.prompt);"
  "  INSERT INTO prompts (rowid, prompt) VALUES (new.id, new.prompt);"
  "END;";

static const char *const steps[] = { NULL, schema_v1, schema_v2 };

G_STATIC_ASSERT (G_N_ELEMENTS (steps) == EASEL_HISTORY_SCHEMA_VERSION + 1);

void
easel_history_db_set_error (sqlite3  *db,
                            GError  **error)
{
  int code = sqlite3_errcode (db);

  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    g_set_error (error, EASEL_HISTORY_CORRUPT_QUARK, code, "%s", sqlite3_errmsg (db));
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", sqlite3_errmsg (db));
}

gboolean
easel_history_db_exec (sqlite3     *db,
                       const char  *sql,
                       GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      easel_history_db_set_error (db, error);
      return FALSE;
    }
  return TRUE;
}

int
easel_history_schema_version (sqlite3  *db,
                              GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    easel_history_db_set_error (db, error);
  else
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

gboolean
easel_history_schema_migrate (sqlite3  *db,
                              int       target,
                              GError  **error)
{
  int version;

  g_assert (target >= 1 && target <= EASEL_HISTORY_SCHEMA_VERSION);

  version = easel_history_schema_version (db, error);
  if (version < 0)
    return FALSE;
  if (version > EASEL_HISTORY_SCHEMA_VERSION)
    {
      /* A newer Easel's store: leave it untouched rather than guess. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "The history was written by a newer Easel (version %d)", version);
      return FALSE;
    }

  for (int next = version + 1; next <= target; next++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d;", next);

      if (!easel_history_db_exec (db, "BEGIN IMMEDIATE;", error))
        return FALSE;
      if (!easel_history_db_exec (db, steps[next], error)
          || !easel_history_db_exec (db, bump, error)
          || !easel_history_db_exec (db, "COMMIT;", error))
        {
          sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
          return FALSE;
        }
    }
  return TRUE;
}
