/* easel-history-details-lineage.c: the generation this one edits, and its own edits
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each is a row with a thumbnail and the start of its prompt; activating
 * one asks the view to show that generation ("show-generation"). */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-history-details-private.h"

/* Lineage rows: a 40 px thumbnail beside the prompt. */
#define LINEAGE_TILE    40
/* A lineage row's title: the start of the prompt. */
#define PROMPT_SHORT    80

/* --- lineage ------------------------------------------------------------------- */

static void
on_lineage_activated (AdwActionRow        *row,
                      EaselHistoryDetails *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "generation-id");

  g_signal_emit_by_name (self, "show-generation", *id);
}

static void
add_lineage_row (EaselHistoryDetails *self,
                 AdwPreferencesGroup *group,
                 EaselHistoryEntry   *entry)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *tile = easel_history_details_tile_new (LINEAGE_TILE);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  g_autofree char *title = NULL;
  g_autofree char *created = easel_history_details_format_created (entry->created_at);
  const char *prompt = entry->prompt != NULL ? entry->prompt : "";
  gint64 *id = g_new (gint64, 1);

  if (g_utf8_strlen (prompt, -1) > PROMPT_SHORT)
    {
      g_autofree char *start = g_utf8_substring (prompt, 0, PROMPT_SHORT - 1);

      title = g_strconcat (g_strchomp (start), "…", NULL);
    }
  else
    title = g_strdup (prompt);

  *id = entry->id;
  g_object_set_data_full (G_OBJECT (row), "generation-id", id, g_free);
  /* Prompts are the user's text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  if (created != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), created);
  gtk_widget_set_tooltip_text (row, prompt);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  gtk_widget_add_css_class (tile, "small");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), tile);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  g_signal_connect (row, "activated", G_CALLBACK (on_lineage_activated), self);

  if (entry->images->len > 0)
    {
      EaselHistoryImage *image = g_ptr_array_index (entry->images, 0);

      if (!image->missing)
        easel_history_details_load_thumbnail (self, image->path, image->thumb_path,
                                              GTK_IMAGE (tile));
    }

  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->lineage_rows, row);
  gtk_widget_set_visible (GTK_WIDGET (group), TRUE);
}

void
easel_history_details_clear_lineage (EaselHistoryDetails *self)
{
  if (self->lineage_rows == NULL)
    return;

  for (guint i = 0; i < self->lineage_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->lineage_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->lineage_rows, 0);
  if (self->parent_group != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->parent_group), FALSE);
  if (self->children_group != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->children_group), FALSE);
}

static void
on_parent_loaded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(EaselHistoryDetails) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselHistoryEntry) parent = easel_history_get_finish (EASEL_HISTORY (object), result,
                                                                  &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (parent != NULL)
    add_lineage_row (self, self->parent_group, parent);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      /* Deleted since: say so rather than pretend it never had a source. */
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("A deleted generation"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->parent_group, row);
      g_ptr_array_add (self->lineage_rows, row);
      gtk_widget_set_visible (GTK_WIDGET (self->parent_group), TRUE);
    }
  else
    {
      g_autofree char *message =
        g_strdup_printf (_("Could not load the generation this one was edited from: %s"),
                         error->message);

      easel_history_details_toast (self, message);
    }
}

static void
on_children_listed (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(EaselHistoryDetails) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) children = easel_history_list_finish (EASEL_HISTORY (object), result,
                                                             &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (children == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("Could not load the edits of this generation: %s"), error->message);

      easel_history_details_toast (self, message);
      return;
    }

  for (guint i = 0; i < children->len; i++)
    add_lineage_row (self, self->children_group, g_ptr_array_index (children, i));
}

void
easel_history_details_load_lineage (EaselHistoryDetails *self)
{
  EaselHistoryEntry *entry = self->entry;

  if (entry->parent_id > 0)
    easel_history_get_async (self->history, entry->parent_id, self->entry_cancellable,
                             on_parent_loaded, g_object_ref (self));

  if (entry->id > 0)
    {
      EaselHistoryQuery query = { .parent_id = entry->id };

      easel_history_list_async (self->history, &query, self->entry_cancellable,
                                on_children_listed, g_object_ref (self));
    }
}
