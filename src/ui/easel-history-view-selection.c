/* easel-history-view-selection.c: the History page's selection, its details and deleting
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the details pane shows follows the grid's selection, with two
 * exceptions that keep the user's place: a new search lets go of the
 * selection but not of the details (and selects them again if the answer
 * has them), and a generation asked for by id that the filters leave out
 * is shown without a selection. Deleting takes the tile out at once and
 * offers an undo toast. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-history-details.h"
#include "easel-history-view-private.h"

#define TOAST_PROMPT_CHARS 40

/* Selection and details */

static void
show_details_page (EaselHistoryView *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "details");
}

void
easel_history_view_show_grid_page (EaselHistoryView *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "grid");
}

static gint64
shown_id (EaselHistoryView *self)
{
  EaselHistoryEntry *shown = easel_history_details_get_entry (
    EASEL_HISTORY_DETAILS (self->details));

  return shown != NULL ? shown->id : 0;
}

/* Shows @entry in the details; a newer copy of the generation shown keeps
 * the image the user was looking at. */
static void
show_entry (EaselHistoryView  *self,
            EaselHistoryEntry *entry)
{
  EaselHistoryDetails *details = EASEL_HISTORY_DETAILS (self->details);
  guint index = 0;

  if (easel_history_details_get_entry (details) == entry)
    return;
  if (shown_id (self) == entry->id)
    index = MIN (easel_history_details_get_index (details), MAX (entry->images->len, 1) - 1);
  easel_history_details_set_entry (details, entry, index);
}

/* Unselects without clearing the details: the grid's answer changed under
 * the selection (a new search), but what the user reads stays. */
void
easel_history_view_unselect_quietly (EaselHistoryView *self)
{
  self->keep_details = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->keep_details = FALSE;
}

static gboolean
resync_selection (gpointer data)
{
  EaselHistoryView *self = data;

  self->resync_id = 0;
  if (self->selected_item != NULL
      && easel_history_item_get_id (self->selected_item) != shown_id (self))
    easel_history_view_unselect_quietly (self);
  return G_SOURCE_REMOVE;
}

static void
on_selected_entry_changed (EaselHistoryView *self)
{
  EaselHistoryEntry *entry = easel_history_item_get_entry (self->selected_item);

  /* A favourite or a finished job: the details follow. */
  if (entry->id == shown_id (self))
    {
      show_entry (self, entry);
      return;
    }
  /* The item now stands for another generation (a new query reused it):
   * let go of it, later, as this runs inside the model's update. */
  if (self->resync_id == 0)
    self->resync_id = g_idle_add (resync_selection, self);
}

static void
set_selected_item (EaselHistoryView *self,
                   EaselHistoryItem *item)
{
  if (self->selected_item == item)
    return;

  if (self->selected_item != NULL)
    {
      g_clear_signal_handler (&self->selected_notify_id, self->selected_item);
      g_clear_object (&self->selected_item);
    }
  if (item != NULL)
    {
      self->selected_item = g_object_ref (item);
      self->selected_notify_id = g_signal_connect_swapped (item, "notify::entry",
                                                           G_CALLBACK (on_selected_entry_changed),
                                                           self);
      show_entry (self, easel_history_item_get_entry (item));
    }
  else if (!self->keep_details && self->details != NULL)
    {
      easel_history_details_set_entry (EASEL_HISTORY_DETAILS (self->details), NULL, 0);
      easel_history_view_show_grid_page (self);
    }
}

static void
on_selection_changed (EaselHistoryView *self)
{
  set_selected_item (self, gtk_single_selection_get_selected_item (self->selection));
}

/* After a new query's first answer: the generation in the details is
 * selected again if the answer has it. */
static void
reselect_shown (EaselHistoryView *self)
{
  guint position;

  if (self->selected_item == NULL && shown_id (self) != 0
      && easel_history_model_find (self->model, shown_id (self), &position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
}

static void
on_grid_activate (GtkGridView      *grid_view,
                  guint             position,
                  EaselHistoryView *self)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  show_details_page (self);
}

void
easel_history_view_on_folded_changed (EaselHistoryView *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  /* Folded, the details cover the grid: a click opens them, and arrows
   * only move the selection. */
  gtk_grid_view_set_single_click_activate (self->grid_view, folded);
  gtk_widget_set_visible (self->details_header, folded);
}

static void
select_position (EaselHistoryView *self,
                 guint             position)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self->grid_view), "list.scroll-to-item", "u",
                              position);
  show_details_page (self);
}

typedef struct
{
  EaselHistoryView *self;
  gint64            id;
} Fetch;

static void
on_fetched (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autofree Fetch *fetch = user_data;
  g_autoptr(EaselHistoryView) self = fetch->self;
  g_autoptr(EaselHistoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  entry = easel_history_get_finish (EASEL_HISTORY (source), result, &error);
  /* Disposed, or asked for another since. */
  if (self->details == NULL || self->pending_select != fetch->id)
    return;
  self->pending_select = 0;
  if (entry == NULL)
    {
      g_debug ("Generation %" G_GINT64_FORMAT " not shown: %s", fetch->id, error->message);
      return;
    }
  easel_history_view_unselect_quietly (self);
  easel_history_details_set_entry (EASEL_HISTORY_DETAILS (self->details), entry, 0);
  show_details_page (self);
}

/* Called whenever the list grows or a read ends, while a selection waits. */
static void
try_pending_select (EaselHistoryView *self)
{
  guint position;

  if (self->pending_select == 0)
    return;
  if (easel_history_model_find (self->model, self->pending_select, &position))
    {
      self->pending_select = 0;
      select_position (self, position);
    }
  else if (easel_history_model_get_loading (self->model))
    ;
  else if (!easel_history_model_get_complete (self->model))
    easel_history_model_want (self->model,
                              g_list_model_get_n_items (G_LIST_MODEL (self->model))
                              + EASEL_HISTORY_VIEW_PAGE_SIZE);
  else
    {
      /* Filtered out: still shown in the details, the grid left alone. */
      Fetch *fetch = g_new0 (Fetch, 1);

      fetch->self = g_object_ref (self);
      fetch->id = self->pending_select;
      easel_history_get_async (self->history, fetch->id, self->cancellable, on_fetched, fetch);
    }
}

static gboolean
select_later (gpointer data)
{
  EaselHistoryView *self = data;

  self->select_id = 0;
  if (self->reselect && !easel_history_model_get_loading (self->model))
    {
      self->reselect = FALSE;
      reselect_shown (self);
    }
  try_pending_select (self);
  return G_SOURCE_REMOVE;
}

/* Not from inside items-changed: the selection and the grid have not
 * seen the change yet. */
void
easel_history_view_queue_select (EaselHistoryView *self)
{
  if ((self->pending_select != 0 || self->reselect) && self->select_id == 0)
    self->select_id = g_idle_add (select_later, self);
}

/* Deleting, with undo */

typedef struct
{
  EaselHistoryView *self;
  gint64            id;
} Undo;

static void
on_undone (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autofree Undo *undo = user_data;
  g_autoptr(EaselHistoryView) self = undo->self;
  g_autoptr(GError) error = NULL;

  if (!easel_history_undo_delete_finish (EASEL_HISTORY (source), result, &error))
    {
      if (self->model == NULL)
        return;
      easel_history_view_add_error_toast (self, _("Could not undo the deletion: %s"), error);
      /* Whatever happened, show the store as it is. */
      easel_history_view_reload (self);
      return;
    }
  if (self->model == NULL)
    return;
  /* Back, and shown again as it was before. */
  self->pending_select = undo->id;
  g_clear_handle_id (&self->reload_id, g_source_remove);
  easel_history_model_reload (self->model);
}

static void
on_undo_clicked (AdwToast         *toast,
                 EaselHistoryView *self)
{
  Undo *undo = g_new0 (Undo, 1);
  guint token = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toast), "easel-undo-token"));

  undo->self = g_object_ref (self);
  undo->id = *(gint64 *) g_object_get_data (G_OBJECT (toast), "easel-undo-id");
  /* Not cancelled with the view: an undo asked for happens even if the
   * page is closed right after. */
  easel_history_undo_delete_async (self->history, token, NULL, on_undone, undo);
}

static char *
toast_title (EaselHistoryEntry *entry)
{
  g_autofree char *start = NULL;
  g_autofree char *escaped = NULL;

  if (entry == NULL || entry->prompt == NULL || entry->prompt[0] == '\0')
    return g_strdup (_("Deleted"));
  if (g_utf8_strlen (entry->prompt, -1) > TOAST_PROMPT_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (entry->prompt, 0, TOAST_PROMPT_CHARS - 1);

      start = g_strconcat (g_strchomp (cut), "…", NULL);
    }
  else
    start = g_strdup (entry->prompt);
  /* Toast titles are markup. */
  escaped = g_markup_escape_text (start, -1);
  /* TRANSLATORS: a toast after deleting a generation; %s is its prompt, shortened */
  return g_strdup_printf (_("“%s” deleted"), escaped);
}

static void
on_details_deleted (EaselHistoryView *self,
                    gint64            id,
                    guint             token)
{
  g_autoptr(EaselHistoryEntry) entry = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *title = NULL;
  guint position;

  if (easel_history_model_find (self->model, id, &position))
    {
      g_autoptr(EaselHistoryItem) item = g_list_model_get_item (G_LIST_MODEL (self->model),
                                                                position);

      entry = easel_history_entry_ref (easel_history_item_get_entry (item));
    }
  else
    {
      EaselHistoryEntry *shown = easel_history_details_get_entry (
        EASEL_HISTORY_DETAILS (self->details));

      if (shown != NULL && shown->id == id)
        entry = easel_history_entry_ref (shown);
    }

  /* Gone at once; the store's own "changed" comes after and finds it gone. */
  easel_history_model_remove (self->model, id);
  if (self->selected_item == NULL)
    {
      EaselHistoryEntry *shown = easel_history_details_get_entry (
        EASEL_HISTORY_DETAILS (self->details));

      if (shown != NULL && shown->id == id)
        {
          easel_history_details_set_entry (EASEL_HISTORY_DETAILS (self->details), NULL, 0);
          easel_history_view_show_grid_page (self);
        }
    }

  title = toast_title (entry);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data (G_OBJECT (toast), "easel-undo-token", GUINT_TO_POINTER (token));
  g_object_set_data_full (G_OBJECT (toast), "easel-undo-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked), self, 0);
  easel_history_view_add_toast (self, toast);
}

static void
on_details_show_generation (EaselHistoryView *self,
                            gint64            id)
{
  easel_history_view_select (self, id);
}

void
easel_history_view_init_selection (EaselHistoryView *self)
{
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selection_changed), self);
  g_signal_connect (self->grid_view, "activate", G_CALLBACK (on_grid_activate), self);
  g_signal_connect_swapped (self->details, "deleted", G_CALLBACK (on_details_deleted), self);
  g_signal_connect_swapped (self->details, "show-generation",
                            G_CALLBACK (on_details_show_generation), self);
}

void
easel_history_view_dispose_selection (EaselHistoryView *self)
{
  g_clear_handle_id (&self->select_id, g_source_remove);
  g_clear_handle_id (&self->resync_id, g_source_remove);
  set_selected_item (self, NULL);
}

void
easel_history_view_select (EaselHistoryView *self,
                           gint64            id)
{
  g_return_if_fail (EASEL_IS_HISTORY_VIEW (self));
  g_return_if_fail (id > 0);

  self->pending_select = id;
  try_pending_select (self);
}
