/* easel-history-model.c: the History page's list, read from the store a page at a time
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One read at a time: a new query or a reload cancels the read under way
 * (and a serial number drops a result that raced its cancellation), so
 * what the list shows is always the answer to the latest question. */

#include "config.h"

#include "easel-history-model.h"

struct _EaselHistoryModel
{
  GObject            parent_instance;

  EaselHistory      *history;
  guint              page_size;

  GPtrArray         *items;        /* (element-type EaselHistoryItem) */
  GHashTable        *by_id;        /* gint64 id → EaselHistoryItem (borrowed from items) */

  EaselHistoryQuery  query;        /* text and profile_id point at the two below */
  char              *text;
  char              *profile_id;

  guint              wanted;
  guint              serial;
  GCancellable      *cancellable;
  gboolean           loading;
  gboolean           loaded;
  gboolean           complete;
};

static void list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EaselHistoryModel, easel_history_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_init))

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

enum {
  SIGNAL_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GType
get_item_type (GListModel *model)
{
  return EASEL_TYPE_HISTORY_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return EASEL_HISTORY_MODEL (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  EaselHistoryModel *self = EASEL_HISTORY_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static GHashTable *
new_id_table (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
set_loading (EaselHistoryModel *self,
             gboolean           loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
easel_history_model_dispose (GObject *object)
{
  EaselHistoryModel *self = EASEL_HISTORY_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (easel_history_model_parent_class)->dispose (object);
}

static void
easel_history_model_finalize (GObject *object)
{
  EaselHistoryModel *self = EASEL_HISTORY_MODEL (object);

  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->items);
  g_free (self->text);
  g_free (self->profile_id);

  G_OBJECT_CLASS (easel_history_model_parent_class)->finalize (object);
}

static void
easel_history_model_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  EaselHistoryModel *self = EASEL_HISTORY_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_history_model_class_init (EaselHistoryModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = easel_history_model_dispose;
  object_class->finalize = easel_history_model_finalize;
  object_class->get_property = easel_history_model_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
easel_history_model_init (EaselHistoryModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = new_id_table ();
}

EaselHistoryModel *
easel_history_model_new (EaselHistory *history,
                         guint         page_size)
{
  EaselHistoryModel *self;

  g_return_val_if_fail (EASEL_IS_HISTORY (history), NULL);
  g_return_val_if_fail (page_size > 0, NULL);

  self = g_object_new (EASEL_TYPE_HISTORY_MODEL, NULL);
  self->history = g_object_ref (history);
  self->page_size = page_size;
  self->wanted = page_size;
  return self;
}

/* Reading */

typedef enum
{
  READ_NEXT_PAGE,
  READ_AGAIN,        /* the same question: merge by id */
  READ_NEW_QUERY,    /* another question: reuse the items by position */
} ReadKind;

typedef struct
{
  EaselHistoryModel *self;
  guint              serial;
  ReadKind           kind;
  guint              limit;
} Read;

static void start_read (EaselHistoryModel *self,
                        ReadKind           kind);

/* The new list in the store's order, reusing the item of every
 * generation already shown; one items-changed for the span between the
 * unchanged head and tail (GtkSingleSelection finds its item again inside
 * the span, so the selection survives). */
static void
replace_items (EaselHistoryModel *self,
               GPtrArray         *entries)
{
  g_autoptr(GPtrArray) old = self->items;
  g_autoptr(GHashTable) old_ids = self->by_id;
  guint prefix = 0, suffix = 0, removed, added;

  self->items = g_ptr_array_new_full (entries->len, g_object_unref);
  self->by_id = new_id_table ();
  for (guint i = 0; i < entries->len; i++)
    {
      EaselHistoryEntry *entry = g_ptr_array_index (entries, i);
      EaselHistoryItem *item;

      if (g_hash_table_contains (self->by_id, &entry->id))
        continue;
      item = g_hash_table_lookup (old_ids, &entry->id);
      if (item != NULL)
        {
          g_object_ref (item);
          easel_history_item_update (item, entry);
        }
      else
        item = easel_history_item_new (entry);
      g_ptr_array_add (self->items, item);
      g_hash_table_insert (self->by_id, g_memdup2 (&entry->id, sizeof (gint64)), item);
    }

  while (prefix < old->len && prefix < self->items->len
         && old->pdata[prefix] == self->items->pdata[prefix])
    prefix++;
  while (suffix < old->len - prefix && suffix < self->items->len - prefix
         && old->pdata[old->len - 1 - suffix] == self->items->pdata[self->items->len - 1 - suffix])
    suffix++;
  removed = old->len - prefix - suffix;
  added = self->items->len - prefix - suffix;
  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
}

/* Another question's answer: the items already shown take the new
 * entries in order, so the grid rebinds its tiles instead of destroying
 * and building them all (what a search costs is mostly that), and only
 * the difference in length is an items-changed. */
static void
reuse_items (EaselHistoryModel *self,
             GPtrArray         *entries)
{
  guint before = self->items->len;
  guint n = 0;

  g_hash_table_remove_all (self->by_id);
  for (guint i = 0; i < entries->len; i++)
    {
      EaselHistoryEntry *entry = g_ptr_array_index (entries, i);
      EaselHistoryItem *item;

      if (g_hash_table_contains (self->by_id, &entry->id))
        continue;
      if (n < before)
        {
          item = g_ptr_array_index (self->items, n);
          easel_history_item_reuse (item, entry);
        }
      else
        {
          item = easel_history_item_new (entry);
          g_ptr_array_add (self->items, item);
        }
      g_hash_table_insert (self->by_id, g_memdup2 (&entry->id, sizeof (gint64)), item);
      n++;
    }
  if (n < before)
    {
      g_ptr_array_remove_range (self->items, n, before - n);
      g_list_model_items_changed (G_LIST_MODEL (self), n, before - n, 0);
    }
  else if (n > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, n - before);
}

static void
append_items (EaselHistoryModel *self,
              GPtrArray         *entries)
{
  guint before = self->items->len;

  for (guint i = 0; i < entries->len; i++)
    {
      EaselHistoryEntry *entry = g_ptr_array_index (entries, i);
      EaselHistoryItem *item;

      /* A generation recorded meanwhile shifts the pages by one: the
       * first of this page may be the last of the one before. */
      if (g_hash_table_contains (self->by_id, &entry->id))
        continue;
      item = easel_history_item_new (entry);
      g_ptr_array_add (self->items, item);
      g_hash_table_insert (self->by_id, g_memdup2 (&entry->id, sizeof (gint64)), item);
    }
  if (self->items->len > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, self->items->len - before);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autofree Read *read = user_data;
  g_autoptr(EaselHistoryModel) self = read->self;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = easel_history_list_finish (EASEL_HISTORY (source), result, &error);
  /* Cancelled or overtaken: the read that replaced this one reports. */
  if (read->serial != self->serial || self->history == NULL)
    return;

  g_clear_object (&self->cancellable);
  if (entries == NULL)
    {
      set_loading (self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[SIGNAL_FAILED], 0, error);
      return;
    }

  self->complete = entries->len < read->limit;
  self->loaded = TRUE;
  switch (read->kind)
    {
    case READ_NEW_QUERY:
      reuse_items (self, entries);
      break;
    case READ_AGAIN:
      replace_items (self, entries);
      break;
    case READ_NEXT_PAGE:
    default:
      append_items (self, entries);
      break;
    }

  if (!self->complete && self->items->len < self->wanted)
    start_read (self, READ_NEXT_PAGE);
  else
    set_loading (self, FALSE);
}

static void
start_read (EaselHistoryModel *self,
            ReadKind           kind)
{
  EaselHistoryQuery query = self->query;
  Read *read = g_new0 (Read, 1);

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  self->cancellable = g_cancellable_new ();

  read->self = g_object_ref (self);
  read->serial = ++self->serial;
  read->kind = kind;
  if (kind != READ_NEXT_PAGE)
    {
      /* As many as are shown, in whole pages, so a reload of a long
       * scrolled list keeps the scroll position's items. */
      query.limit = MAX (self->page_size,
                         (self->items->len + self->page_size - 1) / self->page_size
                         * self->page_size);
      query.offset = 0;
    }
  else
    {
      query.limit = self->page_size;
      query.offset = self->items->len;
    }
  read->limit = query.limit;
  set_loading (self, TRUE);
  easel_history_list_async (self->history, &query, self->cancellable, on_read, read);
}

void
easel_history_model_set_query (EaselHistoryModel       *self,
                               const EaselHistoryQuery *query)
{
  g_return_if_fail (EASEL_IS_HISTORY_MODEL (self));
  g_return_if_fail (query != NULL);

  g_free (self->text);
  g_free (self->profile_id);
  self->query = *query;
  self->text = g_strdup (query->text);
  self->profile_id = g_strdup (query->profile_id);
  self->query.text = self->text;
  self->query.profile_id = self->profile_id;
  self->query.limit = 0;
  self->query.offset = 0;

  self->loaded = FALSE;
  self->complete = FALSE;
  self->wanted = self->page_size;
  /* A new question starts from the top: reading as many as the old
   * answer had loaded would waste the first read. */
  if (self->items->len > self->page_size)
    {
      guint removed = self->items->len - self->page_size;

      for (guint i = self->page_size; i < self->items->len; i++)
        g_hash_table_remove (self->by_id,
                             &((EaselHistoryEntry *) easel_history_item_get_entry (
                               self->items->pdata[i]))->id);
      g_ptr_array_set_size (self->items, self->page_size);
      g_list_model_items_changed (G_LIST_MODEL (self), self->page_size, removed, 0);
    }
  start_read (self, READ_NEW_QUERY);
}

void
easel_history_model_reload (EaselHistoryModel *self)
{
  g_return_if_fail (EASEL_IS_HISTORY_MODEL (self));

  start_read (self, READ_AGAIN);
}

void
easel_history_model_want (EaselHistoryModel *self,
                          guint              n_items)
{
  g_return_if_fail (EASEL_IS_HISTORY_MODEL (self));

  self->wanted = MAX (self->wanted, n_items);
  /* A read under way checks the wish when it comes back. */
  if (!self->loading && !self->complete && self->items->len < self->wanted)
    start_read (self, READ_NEXT_PAGE);
}

gboolean
easel_history_model_get_loading (EaselHistoryModel *self)
{
  g_return_val_if_fail (EASEL_IS_HISTORY_MODEL (self), FALSE);

  return self->loading;
}

gboolean
easel_history_model_get_loaded (EaselHistoryModel *self)
{
  g_return_val_if_fail (EASEL_IS_HISTORY_MODEL (self), FALSE);

  return self->loaded;
}

gboolean
easel_history_model_get_complete (EaselHistoryModel *self)
{
  g_return_val_if_fail (EASEL_IS_HISTORY_MODEL (self), FALSE);

  return self->complete;
}

gboolean
easel_history_model_find (EaselHistoryModel *self,
                          gint64             id,
                          guint             *position)
{
  EaselHistoryItem *item;

  g_return_val_if_fail (EASEL_IS_HISTORY_MODEL (self), FALSE);

  item = g_hash_table_lookup (self->by_id, &id);
  if (item == NULL)
    return FALSE;
  return g_ptr_array_find (self->items, item, position);
}

gboolean
easel_history_model_remove (EaselHistoryModel *self,
                            gint64             id)
{
  guint position;

  g_return_val_if_fail (EASEL_IS_HISTORY_MODEL (self), FALSE);

  if (!easel_history_model_find (self, id, &position))
    return FALSE;
  g_hash_table_remove (self->by_id, &id);
  g_ptr_array_remove_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  return TRUE;
}
