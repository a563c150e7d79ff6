/* easel-history-view-private.h: what the History view's files share
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "easel-history-model.h"
#include "easel-history-view.h"
#include "easel-thumbnail-cache.h"

G_BEGIN_DECLS

/* Generations read from the store at a time. */
#define EASEL_HISTORY_VIEW_PAGE_SIZE 150

typedef enum
{
  EASEL_HISTORY_DATE_ANY,
  EASEL_HISTORY_DATE_TODAY,
  EASEL_HISTORY_DATE_WEEK,
  EASEL_HISTORY_DATE_MONTH,
  EASEL_HISTORY_DATE_YEAR,
} EaselHistoryDateRange;

struct _EaselHistoryView
{
  GtkWidget            parent_instance;

  EaselHistory        *history;
  EaselProfileStore   *store;
  EaselHistoryModel   *model;
  GtkSingleSelection  *selection;
  EaselThumbnailCache *thumbnails;
  GtkWidget           *details;
  GCancellable        *cancellable;

  EaselHistoryItem    *selected_item;
  gulong               selected_notify_id;
  gint64               pending_select;
  guint                reload_id;
  gboolean             stale;        /* changed while hidden: read again when shown */
  guint                select_id;
  guint                resync_id;
  gboolean             keep_details;
  gboolean             reselect;     /* after the new query's answer */

  /* Filters (easel-history-view-filters.c) */
  char                *search_text;
  GtkStringList       *gateway_names;
  GPtrArray           *gateway_ids;     /* (element-type utf8) beside gateway_names, from 1 */
  GPtrArray           *watched;         /* (element-type EaselProfile) whose names are shown */
  gboolean             applying;
  gboolean             setting_text;

  /* Template widgets */
  AdwLeaflet          *leaflet;
  GtkWidget           *toolbar;
  GtkToggleButton     *search_button;
  GtkDropDown         *gateway_dropdown;
  GtkDropDown         *date_dropdown;
  GtkToggleButton     *favourites_button;
  GtkToggleButton     *edits_button;
  AdwSqueezer         *toggle_squeezer;
  GtkWidget           *toggles_narrow;
  GtkToggleButton     *favourites_compact_button;
  GtkToggleButton     *edits_compact_button;
  GtkSearchBar        *search_bar;
  GtkEditable         *search_entry;
  GtkStack            *content_stack;
  GtkScrolledWindow   *scroller;
  GtkGridView         *grid_view;
  AdwStatusPage       *empty_page;
  AdwStatusPage       *no_matches_page;
  GtkWidget           *details_separator;
  GtkBox              *details_page;
  GtkWidget           *details_header;
};

/* easel-history-view.c */
void     easel_history_view_add_toast       (EaselHistoryView      *self,
                                             AdwToast              *toast);
/* A toast of @format with the error's message for its %s. */
void     easel_history_view_add_error_toast (EaselHistoryView      *self,
                                             const char            *format,
                                             const GError          *error);

/* easel-history-view-selection.c */
void     easel_history_view_init_selection    (EaselHistoryView    *self);
void     easel_history_view_dispose_selection (EaselHistoryView    *self);
void     easel_history_view_on_folded_changed (EaselHistoryView    *self);
void     easel_history_view_show_grid_page    (EaselHistoryView    *self);
/* Lets go of the grid's selection, keeping the details as they are. */
void     easel_history_view_unselect_quietly  (EaselHistoryView    *self);
/* Looks again, from an idle, for a generation waiting to be selected. */
void     easel_history_view_queue_select      (EaselHistoryView    *self);

/* easel-history-view-filters.c */
void     easel_history_view_init_filters    (EaselHistoryView      *self);
void     easel_history_view_dispose_filters (EaselHistoryView      *self);
/* Reads the controls into a query and gives it to the model; the grid's
 * selection is let go meanwhile, the details kept. */
void     easel_history_view_apply_filters   (EaselHistoryView      *self);
gboolean easel_history_view_filters_active  (EaselHistoryView      *self);
void     easel_history_view_clear_filters   (EaselHistoryView      *self);
/* The first µs of @range, at @now (local time); 0 for any time. */
gint64   easel_history_date_range_since     (EaselHistoryDateRange  range,
                                             GDateTime             *now);

G_END_DECLS
