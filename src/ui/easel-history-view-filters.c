/* easel-history-view-filters.c: the History page's search and filters
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every control feeds one query: the search text (as typed, with the
 * entry's short delay, or at once through set_search_text), the gateway,
 * the date range and the two toggles. The gateway list follows the
 * profile store, names and all. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-history-view-private.h"

gint64
easel_history_date_range_since (EaselHistoryDateRange  range,
                                GDateTime             *now)
{
  g_autoptr(GDateTime) since = NULL;

  switch (range)
    {
    case EASEL_HISTORY_DATE_TODAY:
      since = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                     g_date_time_get_day_of_month (now), 0, 0, 0);
      break;
    case EASEL_HISTORY_DATE_WEEK:
      since = g_date_time_add_days (now, -7);
      break;
    case EASEL_HISTORY_DATE_MONTH:
      since = g_date_time_add_days (now, -30);
      break;
    case EASEL_HISTORY_DATE_YEAR:
      since = g_date_time_new_local (g_date_time_get_year (now), 1, 1, 0, 0, 0);
      break;
    case EASEL_HISTORY_DATE_ANY:
    default:
      return 0;
    }
  return g_date_time_to_unix (since) * G_USEC_PER_SEC + g_date_time_get_microsecond (since);
}

static const char *
selected_profile_id (EaselHistoryView *self)
{
  guint gateway = gtk_drop_down_get_selected (self->gateway_dropdown);

  if (gateway == GTK_INVALID_LIST_POSITION || gateway == 0 || gateway > self->gateway_ids->len)
    return NULL;
  return g_ptr_array_index (self->gateway_ids, gateway - 1);
}

static gboolean
has_search_text (EaselHistoryView *self)
{
  for (const char *p = self->search_text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return TRUE;
  return FALSE;
}

gboolean
easel_history_view_filters_active (EaselHistoryView *self)
{
  return has_search_text (self)
    || selected_profile_id (self) != NULL
    || gtk_drop_down_get_selected (self->date_dropdown) != EASEL_HISTORY_DATE_ANY
    || gtk_toggle_button_get_active (self->favourites_button)
    || gtk_toggle_button_get_active (self->edits_button);
}

void
easel_history_view_apply_filters (EaselHistoryView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  EaselHistoryQuery query = { 0 };

  if (self->applying)
    return;

  query.text = self->search_text;
  query.profile_id = selected_profile_id (self);
  query.since = easel_history_date_range_since (gtk_drop_down_get_selected (self->date_dropdown),
                                                now);
  query.favourites_only = gtk_toggle_button_get_active (self->favourites_button);
  query.edits_only = gtk_toggle_button_get_active (self->edits_button);

  /* The model reuses its items for the new answer: nothing stays
   * selected across it, but the details stay, and are selected again if
   * the answer has them. */
  easel_history_view_unselect_quietly (self);
  self->reselect = TRUE;
  easel_history_model_set_query (self->model, &query);
}

static void
set_search_text (EaselHistoryView *self,
                 const char       *text)
{
  if (text != NULL && text[0] == '\0')
    text = NULL;
  if (g_strcmp0 (text, self->search_text) == 0)
    return;
  g_free (self->search_text);
  self->search_text = g_strdup (text);
  easel_history_view_apply_filters (self);
}

static void
on_search_changed (EaselHistoryView *self)
{
  /* Also comes for text set_search_text already applied: after the delay,
   * and at once for the empty text on the way to the new one. */
  if (self->setting_text)
    return;
  set_search_text (self, gtk_editable_get_text (self->search_entry));
}

static void
on_stop_search (EaselHistoryView *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_search_mode_changed (EaselHistoryView *self)
{
  /* Closing the search bar ends the search. */
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      gtk_editable_set_text (self->search_entry, "");
      set_search_text (self, NULL);
    }
}

/* The gateway list */

static void rebuild_gateways (EaselHistoryView *self);

static void
unwatch_profiles (EaselHistoryView *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched, i), self);
  g_ptr_array_set_size (self->watched, 0);
}

static void
rebuild_gateways (EaselHistoryView *self)
{
  GListModel *profiles = easel_profile_store_get_profiles (self->store);
  guint n = g_list_model_get_n_items (profiles);
  g_autofree char *selected = g_strdup (selected_profile_id (self));
  g_autofree const char **names = g_new0 (const char *, n + 2);
  guint position = 0;

  unwatch_profiles (self);
  g_ptr_array_set_size (self->gateway_ids, 0);
  names[0] = _("All Gateways");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EaselProfile) profile = g_list_model_get_item (profiles, i);
      const char *id = easel_profile_get_id (profile);

      names[i + 1] = easel_profile_get_name (profile);
      if (names[i + 1] == NULL || names[i + 1][0] == '\0')
        names[i + 1] = id;
      g_ptr_array_add (self->gateway_ids, g_strdup (id));
      if (g_strcmp0 (id, selected) == 0)
        position = i + 1;
      g_signal_connect_swapped (profile, "notify::name", G_CALLBACK (rebuild_gateways), self);
      g_ptr_array_add (self->watched, g_steal_pointer (&profile));
    }

  /* Renaming or adding a gateway is not a new question. */
  self->applying = TRUE;
  gtk_string_list_splice (self->gateway_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->gateway_names)), names);
  gtk_drop_down_set_selected (self->gateway_dropdown, position);
  self->applying = FALSE;
  /* The chosen gateway was removed: show them all. */
  if (selected != NULL && position == 0)
    easel_history_view_apply_filters (self);
}

/* Drop-down labels: the button's shrinks with an ellipsis so the bar fits
 * a narrow window; the list's shows each name whole. */

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 6);
    }
  gtk_list_item_set_child (list_item, label);
}

static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  ellipsize)
{
  GtkStringObject *string = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      gtk_string_object_get_string (string));
}

static GtkListItemFactory *
label_factory (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label), GINT_TO_POINTER (ellipsize));
  return factory;
}

static void
set_factories (GtkDropDown *dropdown)
{
  g_autoptr(GtkListItemFactory) button = label_factory (TRUE);
  g_autoptr(GtkListItemFactory) list = label_factory (FALSE);

  gtk_drop_down_set_factory (dropdown, button);
  gtk_drop_down_set_list_factory (dropdown, list);
}

void
easel_history_view_init_filters (EaselHistoryView *self)
{
  self->gateway_ids = g_ptr_array_new_with_free_func (g_free);
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->gateway_names = gtk_string_list_new (NULL);
  set_factories (self->gateway_dropdown);
  set_factories (self->date_dropdown);
  gtk_drop_down_set_model (self->gateway_dropdown, G_LIST_MODEL (self->gateway_names));
  rebuild_gateways (self);
  g_signal_connect_object (easel_profile_store_get_profiles (self->store), "items-changed",
                           G_CALLBACK (rebuild_gateways), self, G_CONNECT_SWAPPED);

  g_signal_connect_swapped (self->gateway_dropdown, "notify::selected",
                            G_CALLBACK (easel_history_view_apply_filters), self);
  g_signal_connect_swapped (self->date_dropdown, "notify::selected",
                            G_CALLBACK (easel_history_view_apply_filters), self);
  g_signal_connect_swapped (self->favourites_button, "notify::active",
                            G_CALLBACK (easel_history_view_apply_filters), self);
  g_signal_connect_swapped (self->edits_button, "notify::active",
                            G_CALLBACK (easel_history_view_apply_filters), self);

  /* The narrow window's unlabelled pair is the same two filters. */
  g_object_bind_property (self->favourites_button, "active", self->favourites_compact_button,
                          "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->edits_button, "active", self->edits_compact_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_search_bar_connect_entry (self->search_bar, self->search_entry);
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed),
                            self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (on_stop_search), self);
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (on_search_mode_changed), self);
}

void
easel_history_view_dispose_filters (EaselHistoryView *self)
{
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (easel_profile_store_get_profiles (self->store), self);
  if (self->watched != NULL)
    unwatch_profiles (self);
  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_clear_pointer (&self->gateway_ids, g_ptr_array_unref);
  g_clear_object (&self->gateway_names);
}

void
easel_history_view_clear_filters (EaselHistoryView *self)
{
  g_return_if_fail (EASEL_IS_HISTORY_VIEW (self));

  self->applying = TRUE;
  gtk_drop_down_set_selected (self->gateway_dropdown, 0);
  gtk_drop_down_set_selected (self->date_dropdown, EASEL_HISTORY_DATE_ANY);
  gtk_toggle_button_set_active (self->favourites_button, FALSE);
  gtk_toggle_button_set_active (self->edits_button, FALSE);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  self->setting_text = TRUE;
  gtk_editable_set_text (self->search_entry, "");
  self->setting_text = FALSE;
  g_clear_pointer (&self->search_text, g_free);
  self->applying = FALSE;
  easel_history_view_apply_filters (self);
}

void
easel_history_view_start_search (EaselHistoryView *self)
{
  g_return_if_fail (EASEL_IS_HISTORY_VIEW (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
easel_history_view_set_search_text (EaselHistoryView *self,
                                    const char       *text)
{
  g_return_if_fail (EASEL_IS_HISTORY_VIEW (self));

  /* Applied now; the entry's delayed "search-changed" then finds nothing new. */
  set_search_text (self, text);
  if (g_strcmp0 (gtk_editable_get_text (self->search_entry), text != NULL ? text : "") != 0)
    {
      self->setting_text = TRUE;
      gtk_editable_set_text (self->search_entry, text != NULL ? text : "");
      self->setting_text = FALSE;
    }
  if (self->search_text != NULL)
    gtk_search_bar_set_search_mode (self->search_bar, TRUE);
}
