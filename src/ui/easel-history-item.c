/* easel-history-item.c: one generation as an item of the History page's list
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "easel-history-item.h"

struct _EaselHistoryItem
{
  GObject            parent_instance;

  EaselHistoryEntry *entry;
};

G_DEFINE_FINAL_TYPE (EaselHistoryItem, easel_history_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
easel_history_item_finalize (GObject *object)
{
  EaselHistoryItem *self = EASEL_HISTORY_ITEM (object);

  g_clear_pointer (&self->entry, easel_history_entry_unref);

  G_OBJECT_CLASS (easel_history_item_parent_class)->finalize (object);
}

static void
easel_history_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EaselHistoryItem *self = EASEL_HISTORY_ITEM (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      g_value_set_boxed (value, self->entry);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_history_item_class_init (EaselHistoryItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = easel_history_item_finalize;
  object_class->get_property = easel_history_item_get_property;

  properties[PROP_ENTRY] =
    g_param_spec_boxed ("entry", NULL, NULL, EASEL_TYPE_HISTORY_ENTRY,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
easel_history_item_init (EaselHistoryItem *self)
{
}

EaselHistoryItem *
easel_history_item_new (EaselHistoryEntry *entry)
{
  EaselHistoryItem *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (EASEL_TYPE_HISTORY_ITEM, NULL);
  self->entry = easel_history_entry_ref (entry);
  return self;
}

EaselHistoryEntry *
easel_history_item_get_entry (EaselHistoryItem *self)
{
  g_return_val_if_fail (EASEL_IS_HISTORY_ITEM (self), NULL);

  return self->entry;
}

gint64
easel_history_item_get_id (EaselHistoryItem *self)
{
  g_return_val_if_fail (EASEL_IS_HISTORY_ITEM (self), 0);

  return self->entry->id;
}

gboolean
easel_history_entry_is_favourite (EaselHistoryEntry *entry)
{
  g_return_val_if_fail (entry != NULL, FALSE);

  for (guint i = 0; i < entry->images->len; i++)
    if (((EaselHistoryImage *) g_ptr_array_index (entry->images, i))->favourite)
      return TRUE;
  return FALSE;
}

static gboolean
images_equal (EaselHistoryImage *a,
              EaselHistoryImage *b)
{
  return a->id == b->id && a->favourite == b->favourite && a->missing == b->missing
    && g_strcmp0 (a->path, b->path) == 0 && g_strcmp0 (a->thumb_path, b->thumb_path) == 0;
}

/* What a reload can change about a generation: a pending job finishing
 * (state, images, timings), a favourite, the prompt of a replaced row. */
static gboolean
entries_equal (EaselHistoryEntry *a,
               EaselHistoryEntry *b)
{
  if (a->state != b->state || a->created_at != b->created_at || a->parent_id != b->parent_id
      || a->images->len != b->images->len || a->finished_ms != b->finished_ms
      || g_strcmp0 (a->prompt, b->prompt) != 0 || g_strcmp0 (a->error, b->error) != 0
      || g_strcmp0 (a->request_json, b->request_json) != 0)
    return FALSE;
  for (guint i = 0; i < a->images->len; i++)
    if (!images_equal (g_ptr_array_index (a->images, i), g_ptr_array_index (b->images, i)))
      return FALSE;
  return TRUE;
}

static void
set_entry (EaselHistoryItem  *self,
           EaselHistoryEntry *entry)
{
  easel_history_entry_ref (entry);
  easel_history_entry_unref (self->entry);
  self->entry = entry;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRY]);
}

void
easel_history_item_reuse (EaselHistoryItem  *self,
                          EaselHistoryEntry *entry)
{
  g_return_if_fail (EASEL_IS_HISTORY_ITEM (self));
  g_return_if_fail (entry != NULL);

  if (entry->id == self->entry->id)
    easel_history_item_update (self, entry);
  else
    set_entry (self, entry);
}

gboolean
easel_history_item_update (EaselHistoryItem  *self,
                           EaselHistoryEntry *entry)
{
  g_return_val_if_fail (EASEL_IS_HISTORY_ITEM (self), FALSE);
  g_return_val_if_fail (entry != NULL && entry->id == self->entry->id, FALSE);

  if (entry == self->entry || entries_equal (self->entry, entry))
    return FALSE;
  set_entry (self, entry);
  return TRUE;
}
