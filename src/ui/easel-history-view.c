/* easel-history-view.c: every past generation, searchable, in a lazily loaded grid
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The view turns its search and filter controls into one EaselHistoryQuery
 * for an EaselHistoryModel, which reads the store a page at a time as the
 * grid binds tiles near its end. Tiles load their thumbnails through one
 * EaselThumbnailCache, so memory stays bounded however far one scrolls.
 * The filters live in easel-history-view-filters.c, the selection, the
 * details and deleting in easel-history-view-selection.c. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-history-details.h"
#include "easel-history-model.h"
#include "easel-history-tile.h"
#include "easel-history-view-private.h"

/* Tiles of 256 px thumbnails: ~256 KiB each, so ~60 MiB at most. */
#define THUMBNAIL_SIZE 256
#define THUMBNAIL_CACHE_SIZE 240
/* "changed" comes once per call; a burst (a job's images landing, an
 * undo) becomes one reload. */
#define RELOAD_DELAY_MS 80

G_DEFINE_FINAL_TYPE (EaselHistoryView, easel_history_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_PROFILE_STORE,
  PROP_LOADING,
  N_PROPS
};

enum {
  SIGNAL_REUSE,
  SIGNAL_EDIT_IMAGE,
  SIGNAL_ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
easel_history_view_add_toast (EaselHistoryView *self,
                              AdwToast         *toast)
{
  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, toast);
}

void
easel_history_view_add_error_toast (EaselHistoryView *self,
                                    const char       *format,
                                    const GError     *error)
{
  g_autofree char *message = g_strdup_printf (format, error->message);
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  g_autoptr(AdwToast) toast = adw_toast_new (escaped);

  easel_history_view_add_toast (self, toast);
}

/* The content: the grid, or a status page saying why it is empty */

static void
update_content (EaselHistoryView *self)
{
  const char *page;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    page = "grid";
  /* Until the first answer the grid stays, blank, rather than flashing
   * "No History Yet" for a moment. */
  else if (!easel_history_model_get_loaded (self->model))
    page = gtk_stack_get_visible_child_name (self->content_stack);
  else if (easel_history_view_filters_active (self))
    page = "no-matches";
  else
    page = "empty";
  gtk_stack_set_visible_child_name (self->content_stack, page);
  /* Nothing at all to filter or show details of: the status page alone.
   * (Empty with a filter on is "no-matches", so no filter is hidden.) */
  gtk_widget_set_visible (self->toolbar, !g_str_equal (page, "empty"));
  gtk_widget_set_visible (GTK_WIDGET (self->search_bar), !g_str_equal (page, "empty"));
  gtk_widget_set_visible (GTK_WIDGET (self->details_page), !g_str_equal (page, "empty"));
  gtk_widget_set_visible (self->details_separator, !g_str_equal (page, "empty"));
}

/* The model */

static void
on_items_changed (EaselHistoryView *self)
{
  update_content (self);
  easel_history_view_queue_select (self);
}

static void
on_loading_changed (EaselHistoryView *self)
{
  update_content (self);
  easel_history_view_queue_select (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
on_model_failed (EaselHistoryView *self,
                 const GError     *error)
{
  easel_history_view_add_error_toast (self, _("Could not read the history: %s"), error);
}

static gboolean
reload_now (gpointer data)
{
  EaselHistoryView *self = data;

  self->reload_id = 0;
  easel_history_model_reload (self->model);
  return G_SOURCE_REMOVE;
}

static void
on_history_changed (EaselHistoryView *self,
                    gint64            id)
{
  /* Hidden (the Create page is up while jobs land): no query and no
   * thumbnails competing with the images being decoded; it reads again
   * when shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_now, self);
}

static void
easel_history_view_map (GtkWidget *widget)
{
  EaselHistoryView *self = EASEL_HISTORY_VIEW (widget);

  GTK_WIDGET_CLASS (easel_history_view_parent_class)->map (widget);

  /* An idle: a caller that reloads as it shows the page (the window)
   * clears it, and the store is read once. */
  if (self->stale)
    {
      self->stale = FALSE;
      g_clear_handle_id (&self->reload_id, g_source_remove);
      self->reload_id = g_idle_add (reload_now, self);
    }
}

/* Paging follows the scroll position, not binding: GtkGridView keeps
 * tiles bound for max-columns × 30 rows around what is shown, so a bound
 * tile says little about what the user is looking at. Less than two
 * screens left below: read the next page. Also run when the content
 * changes size, so a first page shorter than that reads the next at once. */
static void
check_scroll (EaselHistoryView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double page = gtk_adjustment_get_page_size (adjustment);
  double left = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_value (adjustment)
                - page;

  if (page > 0 && left < 2 * page)
    easel_history_model_want (self->model,
                              g_list_model_get_n_items (G_LIST_MODEL (self->model))
                              + EASEL_HISTORY_VIEW_PAGE_SIZE);
}

/* Tiles */

static void
setup_tile (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            EaselHistoryView         *self)
{
  gtk_list_item_set_child (list_item, easel_history_tile_new (self->thumbnails));
}

static void
bind_tile (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           EaselHistoryView         *self)
{
  easel_history_tile_set_item (EASEL_HISTORY_TILE (gtk_list_item_get_child (list_item)),
                               gtk_list_item_get_item (list_item));
}

static void
unbind_tile (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             EaselHistoryView         *self)
{
  easel_history_tile_set_item (EASEL_HISTORY_TILE (gtk_list_item_get_child (list_item)), NULL);
}

static void
on_details_reuse (EaselHistoryView  *self,
                  EaselHistoryEntry *entry)
{
  g_signal_emit (self, signals[SIGNAL_REUSE], 0, entry);
}

static void
on_details_edit_image (EaselHistoryView  *self,
                       EaselHistoryEntry *entry,
                       guint              index)
{
  g_signal_emit (self, signals[SIGNAL_EDIT_IMAGE], 0, entry, index);
}

/* Actions */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  easel_history_view_start_search (EASEL_HISTORY_VIEW (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  easel_history_view_show_grid_page (EASEL_HISTORY_VIEW (widget));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  easel_history_view_clear_filters (EASEL_HISTORY_VIEW (widget));
}

/* The object */

static void
easel_history_view_constructed (GObject *object)
{
  EaselHistoryView *self = EASEL_HISTORY_VIEW (object);
  GtkListItemFactory *factory;

  G_OBJECT_CLASS (easel_history_view_parent_class)->constructed (object);

  g_assert (self->history != NULL && self->store != NULL);

  self->model = easel_history_model_new (self->history, EASEL_HISTORY_VIEW_PAGE_SIZE);
  g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (on_items_changed), self);
  g_signal_connect_swapped (self->model, "notify::loading", G_CALLBACK (on_loading_changed),
                            self);
  g_signal_connect_swapped (self->model, "failed", G_CALLBACK (on_model_failed), self);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_tile), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_tile), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_tile), self);
  gtk_grid_view_set_factory (self->grid_view, factory);
  g_object_unref (factory);
  gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                           G_CALLBACK (check_scroll), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "changed",
                           G_CALLBACK (check_scroll), self, G_CONNECT_SWAPPED);

  self->details = easel_history_details_new (self->history);
  gtk_widget_set_vexpand (self->details, TRUE);
  gtk_box_append (self->details_page, self->details);
  g_signal_connect_swapped (self->details, "reuse", G_CALLBACK (on_details_reuse), self);
  g_signal_connect_swapped (self->details, "edit-image", G_CALLBACK (on_details_edit_image),
                            self);
  g_signal_connect_swapped (self->details, "add-toast", G_CALLBACK (easel_history_view_add_toast),
                            self);
  easel_history_view_init_selection (self);

  g_signal_connect_object (self->history, "changed", G_CALLBACK (on_history_changed), self,
                           G_CONNECT_SWAPPED);

  easel_history_view_init_filters (self);
  easel_history_view_apply_filters (self);
}

static void
easel_history_view_dispose (GObject *object)
{
  EaselHistoryView *self = EASEL_HISTORY_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  if (self->scroller != NULL)
    g_signal_handlers_disconnect_by_data (gtk_scrolled_window_get_vadjustment (self->scroller),
                                          self);
  easel_history_view_dispose_filters (self);
  easel_history_view_dispose_selection (self);
  if (self->grid_view != NULL)
    gtk_grid_view_set_model (self->grid_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), EASEL_TYPE_HISTORY_VIEW);
  self->details = NULL;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->thumbnails);
  g_clear_object (&self->history);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (easel_history_view_parent_class)->dispose (object);
}

static void
easel_history_view_finalize (GObject *object)
{
  EaselHistoryView *self = EASEL_HISTORY_VIEW (object);

  g_clear_object (&self->cancellable);
  g_free (self->search_text);

  G_OBJECT_CLASS (easel_history_view_parent_class)->finalize (object);
}

static void
easel_history_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EaselHistoryView *self = EASEL_HISTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_PROFILE_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, easel_history_view_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_history_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EaselHistoryView *self = EASEL_HISTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      self->history = g_value_dup_object (value);
      break;
    case PROP_PROFILE_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_history_view_class_init (EaselHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = easel_history_view_constructed;
  object_class->dispose = easel_history_view_dispose;
  widget_class->map = easel_history_view_map;
  object_class->finalize = easel_history_view_finalize;
  object_class->get_property = easel_history_view_get_property;
  object_class->set_property = easel_history_view_set_property;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, EASEL_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE_STORE] =
    g_param_spec_object ("profile-store", NULL, NULL, EASEL_TYPE_PROFILE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_REUSE] =
    g_signal_new ("reuse", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, EASEL_TYPE_HISTORY_ENTRY);
  signals[SIGNAL_EDIT_IMAGE] =
    g_signal_new ("edit-image", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, EASEL_TYPE_HISTORY_ENTRY, G_TYPE_UINT);
  signals[SIGNAL_ADD_TOAST] =
    g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_install_action (widget_class, "history.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "history.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "history.clear-filters", NULL,
                                   clear_filters_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "history.search", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "historyview");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/easel-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryView, search_button);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryView, gateway_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryView, date_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryView, favourites_button);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryView, edits_button);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryView, toggle_squeezer);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryView, toggles_narrow);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryView,
                                        favourites_compact_button);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryView, edits_compact_button);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryView, scroller);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryView, grid_view);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryView, no_matches_page);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryView, details_separator);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryView, details_page);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryView, details_header);
}

static void
easel_history_view_init (EaselHistoryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->thumbnails = easel_thumbnail_cache_new (THUMBNAIL_CACHE_SIZE, THUMBNAIL_SIZE);
  g_signal_connect_swapped (self->leaflet, "notify::folded",
                            G_CALLBACK (easel_history_view_on_folded_changed), self);
  easel_history_view_on_folded_changed (self);
}

GtkWidget *
easel_history_view_new (EaselHistory      *history,
                        EaselProfileStore *store)
{
  g_return_val_if_fail (EASEL_IS_HISTORY (history), NULL);
  g_return_val_if_fail (EASEL_IS_PROFILE_STORE (store), NULL);

  return g_object_new (EASEL_TYPE_HISTORY_VIEW,
                       "history", history,
                       "profile-store", store,
                       NULL);
}

EaselHistory *
easel_history_view_get_history (EaselHistoryView *self)
{
  g_return_val_if_fail (EASEL_IS_HISTORY_VIEW (self), NULL);

  return self->history;
}

gboolean
easel_history_view_get_loading (EaselHistoryView *self)
{
  g_return_val_if_fail (EASEL_IS_HISTORY_VIEW (self), FALSE);

  return self->model != NULL && easel_history_model_get_loading (self->model);
}

void
easel_history_view_reload (EaselHistoryView *self)
{
  g_return_if_fail (EASEL_IS_HISTORY_VIEW (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->stale = FALSE;
  easel_history_model_reload (self->model);
}
