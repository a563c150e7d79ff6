/* easel-history-details.c: a stand-in for the details pane of the History page
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* TEMPORARY: just enough of easel-history-details.h for EaselHistoryView to
 * build and embed it (a label with the prompt, the signals declared). The
 * real pane is written on its own branch and replaces this file at merge. */

#include "config.h"

#include "easel-history-details.h"

struct _EaselHistoryDetails
{
  GtkWidget          parent_instance;

  EaselHistory      *history;
  EaselHistoryEntry *entry;
  guint              index;
  GtkWidget         *label;
};

G_DEFINE_FINAL_TYPE (EaselHistoryDetails, easel_history_details, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HISTORY,
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

static void
easel_history_details_dispose (GObject *object)
{
  EaselHistoryDetails *self = EASEL_HISTORY_DETAILS (object);

  g_clear_pointer (&self->label, gtk_widget_unparent);
  g_clear_object (&self->history);
  g_clear_pointer (&self->entry, easel_history_entry_unref);

  G_OBJECT_CLASS (easel_history_details_parent_class)->dispose (object);
}

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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_history_details_class_init (EaselHistoryDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = easel_history_details_dispose;
  object_class->get_property = easel_history_details_get_property;
  object_class->set_property = easel_history_details_set_property;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, EASEL_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_REUSE] =
    g_signal_new ("reuse", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, EASEL_TYPE_HISTORY_ENTRY);
  signals[SIGNAL_EDIT_IMAGE] =
    g_signal_new ("edit-image", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, EASEL_TYPE_HISTORY_ENTRY, G_TYPE_UINT);
  signals[SIGNAL_SHOW_GENERATION] =
    g_signal_new ("show-generation", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_UINT);
  signals[SIGNAL_ADD_TOAST] =
    g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
easel_history_details_init (EaselHistoryDetails *self)
{
  self->label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (self->label), TRUE);
  gtk_widget_set_margin_start (self->label, 18);
  gtk_widget_set_margin_end (self->label, 18);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
}

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
  g_return_if_fail (EASEL_IS_HISTORY_DETAILS (self));

  if (entry != NULL)
    easel_history_entry_ref (entry);
  g_clear_pointer (&self->entry, easel_history_entry_unref);
  self->entry = entry;
  self->index = index;
  gtk_label_set_text (GTK_LABEL (self->label), entry != NULL ? entry->prompt : "");
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
