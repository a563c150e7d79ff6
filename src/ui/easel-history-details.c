/* easel-history-details.c: one past generation in full
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The widget itself: the entry shown and its life cycle. The image and
 * the strip are in easel-history-details-image.c; the property rows in
 * -rows.c, the references and mask in -sources.c, the lineage in
 * -lineage.c; the actions in -actions.c and -files.c; pictures are
 * decoded and scaled on worker threads by -load.c. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-history-details-private.h"

G_DEFINE_FINAL_TYPE (EaselHistoryDetails, easel_history_details, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_FAVOURITE,
  N_PROPS
};

enum {
  SIGNAL_REUSE,
  SIGNAL_EDIT_IMAGE,
  SIGNAL_SHOW_GENERATION,
  SIGNAL_DELETED,
  SIGNAL_ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
easel_history_details_toast (EaselHistoryDetails *self,
                             const char          *message)
{
  /* A toast's title is Pango markup in libadwaita 1.2; file names and
   * gateway messages are not. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  g_autoptr(AdwToast) toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 4);
  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, toast);
}

EaselHistoryImage *
easel_history_details_current_image (EaselHistoryDetails *self)
{
  if (self->entry == NULL || self->index >= self->entry->images->len)
    return NULL;
  return g_ptr_array_index (self->entry->images, self->index);
}

gboolean
easel_history_details_image_available (EaselHistoryDetails *self)
{
  EaselHistoryImage *image = easel_history_details_current_image (self);

  return image != NULL && !image->missing && !self->image_gone;
}

void
easel_history_details_update_actions (EaselHistoryDetails *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  EaselHistoryImage *image = easel_history_details_current_image (self);
  gboolean shown = self->entry != NULL && !self->deleting;
  gboolean available = shown && easel_history_details_image_available (self);

  gtk_widget_action_set_enabled (widget, "details.reuse", shown && self->request != NULL);
  gtk_widget_action_set_enabled (widget, "details.edit", available);
  gtk_widget_action_set_enabled (widget, "details.save-as", available);
  gtk_widget_action_set_enabled (widget, "details.copy", available);
  gtk_widget_action_set_enabled (widget, "details.show-in-folder", available);
  gtk_widget_action_set_enabled (widget, "details.favourite",
                                 shown && image != NULL && image->id > 0);
  gtk_widget_action_set_enabled (widget, "details.delete", shown && self->entry->id > 0);
}

void
easel_history_details_show_favourite (EaselHistoryDetails *self,
                                      gboolean             favourite)
{
  favourite = !!favourite;
  if (self->favourites != NULL && self->index < self->favourites->len)
    g_array_index (self->favourites, gboolean, self->index) = favourite;

  gtk_button_set_icon_name (GTK_BUTTON (self->favourite_button),
                            favourite ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->favourite_button),
                               favourite ? _("Remove from Favourites")
                               : _("Add to Favourites"));

  if (self->favourite == favourite)
    return;
  self->favourite = favourite;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAVOURITE]);
}

/* --- public API --------------------------------------------------------------- */

GtkWidget *
easel_history_details_new (EaselHistory *history)
{
  g_return_val_if_fail (EASEL_IS_HISTORY (history), NULL);

  return g_object_new (EASEL_TYPE_HISTORY_DETAILS, "history", history, NULL);
}

void
easel_history_details_set_entry (EaselHistoryDetails *self,
                                 EaselHistoryEntry   *entry,
                                 guint                index)
{
  g_autoptr(GError) error = NULL;
  GtkAdjustment *adjustment;

  g_return_if_fail (EASEL_IS_HISTORY_DETAILS (self));

  /* Whatever was loading belongs to the generation shown before. */
  g_cancellable_cancel (self->entry_cancellable);
  g_clear_object (&self->entry_cancellable);
  self->entry_cancellable = g_cancellable_new ();

  if (entry != NULL)
    easel_history_entry_ref (entry);
  g_clear_pointer (&self->entry, easel_history_entry_unref);
  self->entry = entry;
  g_clear_object (&self->request);
  g_clear_pointer (&self->favourites, g_array_unref);
  self->deleting = FALSE;
  self->index = 0;
  easel_history_details_clear_strip (self);
  easel_history_details_clear_lineage (self);

  if (entry == NULL)
    {
      g_cancellable_cancel (self->image_cancellable);
      gtk_picture_set_paintable (self->picture, NULL);
      self->image_ready = FALSE;
      easel_history_details_show_favourite (self, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      easel_history_details_update_actions (self);
      return;
    }

  self->request = easel_history_entry_get_request (entry, &error);
  if (self->request == NULL)
    g_debug ("Generation %" G_GINT64_FORMAT " has no readable request: %s", entry->id,
             error->message);

  self->favourites = g_array_sized_new (FALSE, TRUE, sizeof (gboolean), entry->images->len);
  for (guint i = 0; i < entry->images->len; i++)
    {
      EaselHistoryImage *image = g_ptr_array_index (entry->images, i);
      gboolean favourite = image->favourite;

      g_array_append_val (self->favourites, favourite);
    }
  self->index = entry->images->len > 0 ? MIN (index, entry->images->len - 1) : 0;

  gtk_label_set_text (self->prompt_label, entry->prompt != NULL ? entry->prompt : "");
  easel_history_details_build_strip (self);
  easel_history_details_fill_rows (self);
  easel_history_details_load_lineage (self);
  easel_history_details_show_image (self);

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  gtk_adjustment_set_value (adjustment, 0);
  gtk_stack_set_visible_child_name (self->stack, "details");
}

EaselHistoryEntry *
easel_history_details_get_entry (EaselHistoryDetails *self)
{
  g_return_val_if_fail (EASEL_IS_HISTORY_DETAILS (self), NULL);

  return self->entry;
}

guint
easel_history_details_get_index (EaselHistoryDetails *self)
{
  g_return_val_if_fail (EASEL_IS_HISTORY_DETAILS (self), 0);

  return self->index;
}

gboolean
easel_history_details_get_image_ready (EaselHistoryDetails *self)
{
  return self->image_ready;
}

/* --- GObject ------------------------------------------------------------------ */

static void
easel_history_details_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  EaselHistoryDetails *self = EASEL_HISTORY_DETAILS (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_FAVOURITE:
      g_value_set_boolean (value, self->favourite);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_history_details_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  EaselHistoryDetails *self = EASEL_HISTORY_DETAILS (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      self->history = g_value_dup_object (value);
      break;
    case PROP_FAVOURITE:
      easel_history_details_request_favourite (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_history_details_dispose (GObject *object)
{
  EaselHistoryDetails *self = EASEL_HISTORY_DETAILS (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->entry_cancellable);
  g_cancellable_cancel (self->image_cancellable);
  easel_history_details_clear_lineage (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), EASEL_TYPE_HISTORY_DETAILS);
  g_clear_pointer (&self->entry, easel_history_entry_unref);
  g_clear_object (&self->request);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (easel_history_details_parent_class)->dispose (object);
}

static void
easel_history_details_finalize (GObject *object)
{
  EaselHistoryDetails *self = EASEL_HISTORY_DETAILS (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->entry_cancellable);
  g_clear_object (&self->image_cancellable);
  g_clear_pointer (&self->favourites, g_array_unref);
  g_clear_pointer (&self->lineage_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (easel_history_details_parent_class)->finalize (object);
}

static void
easel_history_details_class_init (EaselHistoryDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = easel_history_details_get_property;
  object_class->set_property = easel_history_details_set_property;
  object_class->dispose = easel_history_details_dispose;
  object_class->finalize = easel_history_details_finalize;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, EASEL_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the image shown is a favourite; setting it asks the store, and
   * a refusal sets it back. The star button follows it through the
   * "details.favourite" action. */
  properties[PROP_FAVOURITE] =
    g_param_spec_boolean ("favourite", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_REUSE] =
    g_signal_new ("reuse", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, EASEL_TYPE_HISTORY_ENTRY);
  signals[SIGNAL_EDIT_IMAGE] =
    g_signal_new ("edit-image", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, EASEL_TYPE_HISTORY_ENTRY, G_TYPE_UINT);
  signals[SIGNAL_SHOW_GENERATION] =
    g_signal_new ("show-generation", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_UINT);
  signals[SIGNAL_ADD_TOAST] =
    g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  easel_history_details_class_init_actions (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "historydetails");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/easel-history-details.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryDetails, stack);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryDetails, scroller);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryDetails, image_stack);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryDetails, picture);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryDetails, spinner);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryDetails, missing_page);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryDetails, error_page);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryDetails, none_page);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryDetails, strip_scroller);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryDetails, strip);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryDetails, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryDetails, generation_group);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryDetails, parameters_group);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryDetails, usage_group);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryDetails, file_group);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryDetails, sources_group);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryDetails, parent_group);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryDetails, children_group);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryDetails, favourite_button);
}

static void
easel_history_details_init (EaselHistoryDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->entry_cancellable = g_cancellable_new ();
  self->image_cancellable = g_cancellable_new ();
  self->file_size = -1;
  self->lineage_rows = g_ptr_array_new ();

  easel_history_details_rows_init (self);
  easel_history_details_init_drag (self);
  easel_history_details_show_favourite (self, FALSE);
  easel_history_details_update_actions (self);
}
