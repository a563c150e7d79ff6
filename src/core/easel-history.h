/* easel-history.h: the store of every generation and image (DESIGN.md §6)
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

#include "easel-profile.h"
#include "easel-request.h"

G_BEGIN_DECLS

typedef enum
{
  EASEL_HISTORY_PENDING,     /* a remote job was submitted; resume polling it */
  EASEL_HISTORY_STORED,      /* every image is on disk */
  EASEL_HISTORY_FAILED,      /* see error; images that did arrive are kept */
  EASEL_HISTORY_CANCELLED,
  EASEL_HISTORY_EXPIRED,     /* the result URLs were gone when fetched */
} EaselHistoryState;

/* One image of a generation. Paths are absolute. */
typedef struct
{
  gint64    id;              /* 0 until recorded */
  guint     index;
  char     *path;
  char     *mime_type;
  int       width;
  int       height;
  char     *thumb_path;      /* nullable */
  gboolean  favourite;
  gboolean  missing;         /* the file was gone at the last startup sweep */
  GdkPixbuf *thumbnail;      /* nullable: when thumb_path is NULL, recording writes it
                              * to thumbs/YYYY/MM and sets thumb_path */
} EaselHistoryImage;

/* One generation. Reference-counted; the fields are public to read. Fill
 * one in before recording it, and leave it alone until the call finishes. */
typedef struct
{
  gint64             id;             /* 0 until recorded */
  gint64             created_at;     /* g_get_real_time(); 0 means "now" when recorded */
  char              *profile_id;
  char              *profile_name;
  char              *dialect;
  char              *request_json;   /* easel_request_to_json(): no secrets */
  char              *prompt;
  EaselHistoryState  state;
  char              *remote_id;
  char              *error;
  gint64             input_tokens;   /* -1 when unknown */
  gint64             output_tokens;
  gint64             total_tokens;
  double             cost;           /* -1 when unknown */
  char              *currency;
  gint64             started_ms;     /* milliseconds after created_at, -1 when unknown */
  gint64             received_ms;
  gint64             finished_ms;
  gint64             parent_id;      /* the generation this one edits, or 0: when 0 and the
                                      * first reference is an image of the history,
                                      * recording sets it to that image's generation */
  GPtrArray         *images;         /* (element-type EaselHistoryImage) in index order */
  GPtrArray         *pasted;         /* (element-type GBytes) (nullable): set by set_request,
                                      * the pasted references' bytes (then the mask's), in
                                      * order; recording keeps them under references/ and
                                      * makes the stored request name those files */
} EaselHistoryEntry;

#define EASEL_TYPE_HISTORY_ENTRY (easel_history_entry_get_type ())
GType               easel_history_entry_get_type     (void) G_GNUC_CONST;

EaselHistoryEntry  *easel_history_entry_new          (void);
EaselHistoryEntry  *easel_history_entry_ref          (EaselHistoryEntry  *self);
void                easel_history_entry_unref        (EaselHistoryEntry  *self);
/* Sets request_json and prompt. */
void                easel_history_entry_set_request  (EaselHistoryEntry  *self,
                                                      EaselRequest       *request);
/* Sets profile_id, profile_name, dialect and currency. */
void                easel_history_entry_set_profile  (EaselHistoryEntry  *self,
                                                      EaselProfile       *profile);
/* The image added, to set its thumbnail. */
EaselHistoryImage  *easel_history_entry_add_image    (EaselHistoryEntry  *self,
                                                      const char         *path,
                                                      const char         *mime_type,
                                                      int                 width,
                                                      int                 height,
                                                      const char         *thumb_path);
/* The request back, for "reuse parameters". */
EaselRequest       *easel_history_entry_get_request  (EaselHistoryEntry  *self,
                                                      GError            **error);

const char         *easel_history_state_to_string    (EaselHistoryState   state);
gboolean            easel_history_state_from_string  (const char         *text,
                                                      EaselHistoryState  *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselHistoryEntry, easel_history_entry_unref)

/* What to list. Zero-filled means everything, newest first, 100 at a time. */
typedef struct
{
  const char *text;            /* words searched in prompts (any characters are safe) */
  const char *profile_id;
  gint64      since;           /* created_at >= since, when not 0 */
  gint64      until;           /* created_at < until, when not 0 */
  gboolean    favourites_only; /* generations with a favourite image */
  gboolean    edits_only;      /* generations with a parent */
  gint64      parent_id;       /* the children of this generation, when not 0 */
  guint       limit;           /* 0 means 100 */
  guint       offset;
} EaselHistoryQuery;

#define EASEL_TYPE_HISTORY (easel_history_get_type ())

G_DECLARE_FINAL_TYPE (EaselHistory, easel_history, EASEL, HISTORY, GObject)

/* Every call runs on one worker thread that owns the database, in the
 * order made, so writes are serialized and never block the main loop.
 *
 * Signals: "changed" (gint64 id) after a record, delete, undo or
 * favourite of this process succeeded, in the caller's context and after
 * the call's own callback; @id is the generation, or -1 for a favourite. */
EaselHistory       *easel_history_new                (const char         *base_dir);
const char         *easel_history_get_base_dir       (EaselHistory       *self);
/* $XDG_DATA_HOME/easel */
char               *easel_history_default_base_dir   (void);
/* Where a new image (or thumbnail) created at @created_at (real time, µs)
 * belongs: base/images/YYYY/MM, base/thumbs/YYYY/MM. */
char               *easel_history_image_dir          (EaselHistory       *self,
                                                      gint64              created_at);
char               *easel_history_thumb_dir          (EaselHistory       *self,
                                                      gint64              created_at);

/* Opens (or creates, or migrates) the database, then sweeps: stray temp
 * files go, rows whose files vanished are marked missing. A database that
 * cannot be read is moved aside and a new one made: @moved_to is then its
 * new path, for telling the user, else NULL. */
void                easel_history_open_async         (EaselHistory       *self,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
gboolean            easel_history_open_finish        (EaselHistory       *self,
                                                      GAsyncResult       *result,
                                                      char              **moved_to,
                                                      GError            **error);

/* Records @entry as it is: a pending remote job (before its first poll),
 * or a finished one whose files are already on disk. An entry with an id
 * replaces that row (a pending job finishing) and its images. Finishes
 * with the generation's id, or 0 on error. */
void                easel_history_record_async       (EaselHistory       *self,
                                                      EaselHistoryEntry  *entry,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
gint64              easel_history_record_finish      (EaselHistory       *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);

/* (element-type EaselHistoryEntry) newest first. */
void                easel_history_list_async         (EaselHistory       *self,
                                                      const EaselHistoryQuery *query,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
/* The pending remote jobs, oldest first, for resuming. */
void                easel_history_list_pending_async (EaselHistory       *self,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
GPtrArray          *easel_history_list_finish        (EaselHistory       *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);

void                easel_history_get_async          (EaselHistory       *self,
                                                      gint64              id,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
EaselHistoryEntry  *easel_history_get_finish         (EaselHistory       *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);

void                easel_history_set_favourite_async (EaselHistory      *self,
                                                      gint64              image_id,
                                                      gboolean            favourite,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
gboolean            easel_history_set_favourite_finish (EaselHistory     *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);

/* Deletes a generation: its files go to base/trash first, then its rows.
 * Finishes with a token for easel_history_undo_delete_async() (0 on error); the trash
 * is emptied when the history is next opened. */
void                easel_history_delete_async       (EaselHistory       *self,
                                                      gint64              id,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
guint               easel_history_delete_finish      (EaselHistory       *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);
void                easel_history_undo_delete_async  (EaselHistory       *self,
                                                      guint               token,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
gboolean            easel_history_undo_delete_finish (EaselHistory       *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);

/* Blocks until every call made so far is carried out (for a process about
 * to exit); FALSE if @timeout_ms passed first. */
gboolean            easel_history_flush              (EaselHistory       *self,
                                                      guint               timeout_ms);

G_END_DECLS
