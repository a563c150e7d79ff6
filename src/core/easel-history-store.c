/* easel-history-store.c: EaselHistory's SQL, run on its worker thread
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "easel-history-private.h"

#define GEN_COLUMNS \
  "g.id, g.created_at, g.profile_id, g.profile_name, g.dialect, g.request, g.prompt, " \
  "g.state, g.remote_id, g.error, g.input_tokens, g.output_tokens, g.total_tokens, " \
  "g.cost, g.currency, g.started_ms, g.received_ms, g.finished_ms, g.parent_id"

typedef sqlite3_stmt *sqlite3_stmt_ptr;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (sqlite3_stmt_ptr, sqlite3_finalize, NULL)

/* Paths inside the base folder are kept relative to it, so the store
 * survives the folder moving (a new home, a Flatpak data dir). */
static char *
path_to_stored (const char *base_dir,
                const char *path)
{
  gsize length = strlen (base_dir);

  if (path != NULL && strncmp (path, base_dir, length) == 0 && path[length] == G_DIR_SEPARATOR)
    return g_strdup (path + length + 1);
  return g_strdup (path);
}

static char *
path_from_stored (const char *base_dir,
                  const char *stored)
{
  if (stored == NULL || g_path_is_absolute (stored))
    return g_strdup (stored);
  return g_build_filename (base_dir, stored, NULL);
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      easel_history_db_set_error (db, error);
      return NULL;
    }
  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static gboolean
step_done (sqlite3       *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      easel_history_db_set_error (db, error);
      return FALSE;
    }
  return TRUE;
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Binds everything but the id into ?1…?18 in GEN_COLUMNS' order. */
static void
bind_generation (sqlite3_stmt      *stmt,
                 EaselHistoryEntry *entry)
{
  sqlite3_bind_int64 (stmt, 1, entry->created_at != 0 ? entry->created_at : g_get_real_time ());
  bind_text (stmt, 2, entry->profile_id);
  bind_text (stmt, 3, entry->profile_name);
  bind_text (stmt, 4, entry->dialect);
  bind_text (stmt, 5, entry->request_json != NULL ? entry->request_json : "{}");
  bind_text (stmt, 6, entry->prompt != NULL ? entry->prompt : "");
  bind_text (stmt, 7, easel_history_state_to_string (entry->state));
  bind_text (stmt, 8, entry->remote_id);
  bind_text (stmt, 9, entry->error);
  sqlite3_bind_int64 (stmt, 10, entry->input_tokens);
  sqlite3_bind_int64 (stmt, 11, entry->output_tokens);
  sqlite3_bind_int64 (stmt, 12, entry->total_tokens);
  sqlite3_bind_double (stmt, 13, entry->cost);
  bind_text (stmt, 14, entry->currency);
  sqlite3_bind_int64 (stmt, 15, entry->started_ms);
  sqlite3_bind_int64 (stmt, 16, entry->received_ms);
  sqlite3_bind_int64 (stmt, 17, entry->finished_ms);
  if (entry->parent_id > 0)
    sqlite3_bind_int64 (stmt, 18, entry->parent_id);
  else
    sqlite3_bind_null (stmt, 18);
}

static gboolean
insert_images (sqlite3            *db,
               const char         *base_dir,
               gint64              generation_id,
               EaselHistoryEntry  *entry,
               gboolean            keep_ids,
               GError            **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;

  stmt = prepare (db,
                  "INSERT INTO images (id, generation_id, idx, path, mime, width, height,"
                  " thumb_path, favourite, missing) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                  " ?10)", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < entry->images->len; i++)
    {
      EaselHistoryImage *image = g_ptr_array_index (entry->images, i);
      g_autofree char *path = path_to_stored (base_dir, image->path);
      g_autofree char *thumb = path_to_stored (base_dir, image->thumb_path);

      sqlite3_reset (stmt);
      if (keep_ids && image->id > 0)
        sqlite3_bind_int64 (stmt, 1, image->id);
      else
        sqlite3_bind_null (stmt, 1);
      sqlite3_bind_int64 (stmt, 2, generation_id);
      sqlite3_bind_int (stmt, 3, i);
      bind_text (stmt, 4, path);
      bind_text (stmt, 5, image->mime_type);
      sqlite3_bind_int (stmt, 6, image->width);
      sqlite3_bind_int (stmt, 7, image->height);
      bind_text (stmt, 8, thumb);
      sqlite3_bind_int (stmt, 9, image->favourite);
      sqlite3_bind_int (stmt, 10, image->missing);
      if (!step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
commit_or_rollback (sqlite3   *db,
                    gboolean   ok,
                    GError   **error)
{
  if (ok && easel_history_db_exec (db, "COMMIT;", error))
    return TRUE;
  sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
  return FALSE;
}

gint64
easel_history_db_insert (sqlite3            *db,
                         const char         *base_dir,
                         EaselHistoryEntry  *entry,
                         gboolean            keep_ids,
                         GError            **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  gint64 id = 0;
  gboolean ok;

  if (!easel_history_db_exec (db, "BEGIN IMMEDIATE;", error))
    return 0;

  stmt = prepare (db,
                  "INSERT INTO generations (created_at, profile_id, profile_name, dialect,"
                  " request, prompt, state, remote_id, error, input_tokens, output_tokens,"
                  " total_tokens, cost, currency, started_ms, received_ms, finished_ms,"
                  " parent_id, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                  " ?13, ?14, ?15, ?16, ?17, ?18, ?19)", error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_generation (stmt, entry);
      if (keep_ids && entry->id > 0)
        sqlite3_bind_int64 (stmt, 19, entry->id);
      else
        sqlite3_bind_null (stmt, 19);
      ok = step_done (db, stmt, error);
    }
  if (ok)
    {
      id = sqlite3_last_insert_rowid (db);
      ok = insert_images (db, base_dir, id, entry, keep_ids, error);
    }
  return commit_or_rollback (db, ok, error) ? id : 0;
}

gboolean
easel_history_db_replace (sqlite3            *db,
                          const char         *base_dir,
                          EaselHistoryEntry  *entry,
                          GError            **error)
{
  g_auto(sqlite3_stmt_ptr) update = NULL;
  g_auto(sqlite3_stmt_ptr) clear = NULL;
  gboolean ok;

  g_assert (entry->id > 0);

  if (!easel_history_db_exec (db, "BEGIN IMMEDIATE;", error))
    return FALSE;

  update = prepare (db,
                    "UPDATE generations SET created_at = ?1, profile_id = ?2, profile_name = ?3,"
                    " dialect = ?4, request = ?5, prompt = ?6, state = ?7, remote_id = ?8,"
                    " error = ?9, input_tokens = ?10, output_tokens = ?11, total_tokens = ?12,"
                    " cost = ?13, currency = ?14, started_ms = ?15, received_ms = ?16,"
                    " finished_ms = ?17, parent_id = ?18 WHERE id = ?19", error);
  ok = update != NULL;
  if (ok)
    {
      bind_generation (update, entry);
      sqlite3_bind_int64 (update, 19, entry->id);
      ok = step_done (db, update, error);
    }
  if (ok && sqlite3_changes (db) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "There is no generation %" G_GINT64_FORMAT " in the history", entry->id);
      ok = FALSE;
    }
  if (ok)
    ok = (clear = prepare (db, "DELETE FROM images WHERE generation_id = ?1", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (clear, 1, entry->id);
      ok = step_done (db, clear, error)
        && insert_images (db, base_dir, entry->id, entry, FALSE, error);
    }
  return commit_or_rollback (db, ok, error);
}

static EaselHistoryEntry *
read_generation (sqlite3_stmt *stmt)
{
  EaselHistoryEntry *entry = easel_history_entry_new ();
  const char *state = (const char *) sqlite3_column_text (stmt, 7);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->created_at = sqlite3_column_int64 (stmt, 1);
  entry->profile_id = column_text (stmt, 2);
  entry->profile_name = column_text (stmt, 3);
  entry->dialect = column_text (stmt, 4);
  entry->request_json = column_text (stmt, 5);
  entry->prompt = column_text (stmt, 6);
  if (!easel_history_state_from_string (state, &entry->state))
    entry->state = EASEL_HISTORY_FAILED;
  entry->remote_id = column_text (stmt, 8);
  entry->error = column_text (stmt, 9);
  entry->input_tokens = sqlite3_column_int64 (stmt, 10);
  entry->output_tokens = sqlite3_column_int64 (stmt, 11);
  entry->total_tokens = sqlite3_column_int64 (stmt, 12);
  entry->cost = sqlite3_column_double (stmt, 13);
  entry->currency = column_text (stmt, 14);
  entry->started_ms = sqlite3_column_int64 (stmt, 15);
  entry->received_ms = sqlite3_column_int64 (stmt, 16);
  entry->finished_ms = sqlite3_column_int64 (stmt, 17);
  entry->parent_id = sqlite3_column_int64 (stmt, 18);
  return entry;
}

static gboolean
read_images (sqlite3            *db,
             const char         *base_dir,
             GPtrArray          *entries,
             GError            **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;

  if (entries->len == 0)
    return TRUE;

  stmt = prepare (db,
                  "SELECT id, idx, path, mime, width, height, thumb_path, favourite, missing"
                  " FROM images WHERE generation_id = ?1 ORDER BY idx", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      EaselHistoryEntry *entry = g_ptr_array_index (entries, i);
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, entry->id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          EaselHistoryImage *image = g_new0 (EaselHistoryImage, 1);

          image->id = sqlite3_column_int64 (stmt, 0);
          image->index = sqlite3_column_int (stmt, 1);
          image->path = path_from_stored (base_dir, (const char *) sqlite3_column_text (stmt, 2));
          image->mime_type = column_text (stmt, 3);
          image->width = sqlite3_column_int (stmt, 4);
          image->height = sqlite3_column_int (stmt, 5);
          image->thumb_path = path_from_stored (base_dir,
                                                (const char *) sqlite3_column_text (stmt, 6));
          image->favourite = sqlite3_column_int (stmt, 7) != 0;
          image->missing = sqlite3_column_int (stmt, 8) != 0;
          g_ptr_array_add (entry->images, image);
        }
      if (rc != SQLITE_DONE)
        {
          easel_history_db_set_error (db, error);
          return FALSE;
        }
    }
  return TRUE;
}

char *
easel_history_fts_query (const char *text)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) query = g_string_new (NULL);

  if (text == NULL)
    return NULL;

  /* Every word becomes an FTS5 string, so quotes, stars, parentheses,
   * colons and AND/OR/NOT/NEAR in the user's text are just text. */
  words = g_strsplit_set (text, " \t\r\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_c (query, '"');
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *p);
        }
      g_string_append_c (query, '"');
    }
  if (query->len == 0)
    return NULL;
  /* The last word as a prefix: results follow the typing. */
  g_string_append_c (query, '*');
  return g_string_free (g_steal_pointer (&query), FALSE);
}

GPtrArray *
easel_history_db_list (sqlite3                  *db,
                       const char               *base_dir,
                       const EaselHistoryQuery  *query,
                       gboolean                  pending_only,
                       GError                  **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " GEN_COLUMNS " FROM generations g WHERE 1");
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *match = easel_history_fts_query (query->text);
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  int n = 0;
  int rc;

  if (match != NULL)
    g_string_append (sql, " AND g.id IN (SELECT rowid FROM prompts WHERE prompts MATCH ?)");
  if (query->profile_id != NULL)
    g_string_append (sql, " AND g.profile_id = ?");
  if (query->since != 0)
    g_string_append (sql, " AND g.created_at >= ?");
  if (query->until != 0)
    g_string_append (sql, " AND g.created_at < ?");
  if (query->favourites_only)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM images i"
                          " WHERE i.generation_id = g.id AND i.favourite)");
  if (query->edits_only)
    g_string_append (sql, " AND g.parent_id IS NOT NULL");
  if (query->parent_id != 0)
    g_string_append (sql, " AND g.parent_id = ?");
  if (pending_only)
    g_string_append (sql, " AND g.state = 'pending' ORDER BY g.created_at, g.id");
  else
    g_string_append (sql, " ORDER BY g.created_at DESC, g.id DESC");
  g_string_append (sql, " LIMIT ? OFFSET ?");

  stmt = prepare (db, sql->str, error);
  if (stmt == NULL)
    return NULL;

  if (match != NULL)
    sqlite3_bind_text (stmt, ++n, match, -1, SQLITE_TRANSIENT);
  if (query->profile_id != NULL)
    sqlite3_bind_text (stmt, ++n, query->profile_id, -1, SQLITE_TRANSIENT);
  if (query->since != 0)
    sqlite3_bind_int64 (stmt, ++n, query->since);
  if (query->until != 0)
    sqlite3_bind_int64 (stmt, ++n, query->until);
  if (query->parent_id != 0)
    sqlite3_bind_int64 (stmt, ++n, query->parent_id);
  sqlite3_bind_int64 (stmt, ++n, query->limit != 0 ? query->limit : 100);
  sqlite3_bind_int64 (stmt, ++n, query->offset);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) easel_history_entry_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, read_generation (stmt));
  if (rc != SQLITE_DONE)
    {
      easel_history_db_set_error (db, error);
      return NULL;
    }
  if (!read_images (db, base_dir, entries, error))
    return NULL;
  return g_steal_pointer (&entries);
}

EaselHistoryEntry *
easel_history_db_get (sqlite3     *db,
                      const char  *base_dir,
                      gint64       id,
                      GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (
    (GDestroyNotify) easel_history_entry_unref);
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  int rc;

  stmt = prepare (db, "SELECT " GEN_COLUMNS " FROM generations g WHERE g.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    g_ptr_array_add (entries, read_generation (stmt));
  else if (rc == SQLITE_DONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "There is no generation %" G_GINT64_FORMAT " in the history", id);
      return NULL;
    }
  else
    {
      easel_history_db_set_error (db, error);
      return NULL;
    }
  if (!read_images (db, base_dir, entries, error))
    return NULL;
  return easel_history_entry_ref (g_ptr_array_index (entries, 0));
}

gboolean
easel_history_db_delete (sqlite3  *db,
                         gint64    id,
                         GError  **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = prepare (db, "DELETE FROM generations WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return step_done (db, stmt, error);
}

gboolean
easel_history_db_set_favourite (sqlite3   *db,
                                gint64     image_id,
                                gboolean   favourite,
                                GError   **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = prepare (db, "UPDATE images SET favourite = ?1 WHERE id = ?2",
                                           error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, favourite ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, image_id);
  if (!step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "There is no image %" G_GINT64_FORMAT " in the history", image_id);
      return FALSE;
    }
  return TRUE;
}

/* The generation that made the image at @path, or 0. */
gint64
easel_history_db_find_image (sqlite3    *db,
                             const char *base_dir,
                             const char *path)
{
  g_autofree char *stored = path_to_stored (base_dir, path);
  g_auto(sqlite3_stmt_ptr) stmt = prepare (db, "SELECT generation_id FROM images WHERE path = ?1"
                                           " ORDER BY id LIMIT 1", NULL);

  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, stored);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

gboolean
easel_history_db_mark_missing (sqlite3     *db,
                               const char  *base_dir,
                               GError     **error)
{
  g_auto(sqlite3_stmt_ptr) select = NULL;
  g_auto(sqlite3_stmt_ptr) update = NULL;
  gboolean ok;
  int rc = SQLITE_DONE;

  if (!easel_history_db_exec (db, "BEGIN IMMEDIATE;", error))
    return FALSE;

  select = prepare (db, "SELECT id, path, missing FROM images", error);
  update = select != NULL
    ? prepare (db, "UPDATE images SET missing = ?1 WHERE id = ?2", error) : NULL;
  ok = update != NULL;

  while (ok && (rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      g_autofree char *path = path_from_stored (base_dir,
                                                (const char *) sqlite3_column_text (select, 1));
      gboolean missing = !g_file_test (path, G_FILE_TEST_IS_REGULAR);

      /* A file that came back (a restored backup) is no longer missing. */
      if (missing == (sqlite3_column_int (select, 2) != 0))
        continue;
      sqlite3_reset (update);
      sqlite3_bind_int (update, 1, missing);
      sqlite3_bind_int64 (update, 2, sqlite3_column_int64 (select, 0));
      ok = step_done (db, update, error);
    }
  if (ok && rc != SQLITE_DONE)
    {
      easel_history_db_set_error (db, error);
      ok = FALSE;
    }
  return commit_or_rollback (db, ok, error);
}
