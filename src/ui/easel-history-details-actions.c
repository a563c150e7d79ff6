/* easel-history-details-actions.c: what can be done with a past generation
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The "details." actions: reuse and edit are handed to the view as
 * signals; favourite and delete go through the EaselHistory, each ending
 * in a toast when it fails. Save As, Copy, Show in Folder and the drag
 * source, which all hand the image's file out, are in
 * easel-history-details-files.c. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-history-details-private.h"

EaselDetailsCall *
easel_details_call_new (EaselHistoryDetails *self)
{
  EaselDetailsCall *data = g_new0 (EaselDetailsCall, 1);
  EaselHistoryImage *image = easel_history_details_current_image (self);

  data->self = g_object_ref (self);
  data->entry = easel_history_entry_ref (self->entry);
  data->index = self->index;
  if (image != NULL)
    data->source = g_file_new_for_path (image->path);
  return data;
}

void
easel_details_call_free (EaselDetailsCall *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->entry, easel_history_entry_unref);
  g_clear_object (&data->source);
  g_clear_object (&data->destination);
  g_clear_object (&data->window);
  g_clear_pointer (&data->metadata, easel_image_metadata_free);
  g_free (data);
}

void
easel_history_details_toast_error (EaselHistoryDetails *self,
                                   const char          *what,
                                   const GError        *error)
{
  /* Translators: the first %s says what failed, e.g. "Could not copy the
   * image", the second is the reason. */
  g_autofree char *message = g_strdup_printf (_("%s: %s"), what, error->message);

  easel_history_details_toast (self, message);
}

/* --- reuse, edit ---------------------------------------------------------------- */

static void
reuse_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EaselHistoryDetails *self = EASEL_HISTORY_DETAILS (widget);

  if (self->entry != NULL && self->request != NULL)
    g_signal_emit_by_name (self, "reuse", self->entry);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EaselHistoryDetails *self = EASEL_HISTORY_DETAILS (widget);

  if (easel_history_details_image_available (self))
    g_signal_emit_by_name (self, "edit-image", self->entry, self->index);
}

/* --- favourite ------------------------------------------------------------------- */

static void
on_favourite_set (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(EaselDetailsCall) data = user_data;
  g_autoptr(GError) error = NULL;
  EaselHistoryDetails *self = data->self;

  if (easel_history_set_favourite_finish (EASEL_HISTORY (object), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The star goes back to what the store still says. */
  if (self->entry == data->entry && data->index < self->favourites->len)
    {
      g_array_index (self->favourites, gboolean, data->index) = !data->favourite;
      if (self->index == data->index)
        easel_history_details_show_favourite (self, !data->favourite);
    }
  easel_history_details_toast_error (self, data->favourite ? _("Could not add the image to favourites")
                                     : _("Could not remove the image from favourites"), error);
}

void
easel_history_details_request_favourite (EaselHistoryDetails *self,
                                         gboolean             favourite)
{
  EaselHistoryImage *image = easel_history_details_current_image (self);
  EaselDetailsCall *data;

  favourite = !!favourite;
  if (image == NULL || image->id <= 0 || self->deleting || favourite == self->favourite)
    return;

  /* Shown at once; a refusal from the store sets it back. */
  easel_history_details_show_favourite (self, favourite);
  data = easel_details_call_new (self);
  data->favourite = favourite;
  easel_history_set_favourite_async (self->history, image->id, favourite, self->cancellable,
                                     on_favourite_set, data);
}

/* --- delete ---------------------------------------------------------------------- */

static void
on_deleted (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(EaselDetailsCall) data = user_data;
  g_autoptr(GError) error = NULL;
  EaselHistoryDetails *self = data->self;
  guint token = easel_history_delete_finish (EASEL_HISTORY (object), result, &error);

  if (token == 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (self->entry == data->entry)
        {
          self->deleting = FALSE;
          easel_history_details_update_actions (self);
        }
      easel_history_details_toast_error (self, _("Could not delete the generation"), error);
      return;
    }

  g_signal_emit_by_name (self, "deleted", data->entry->id, token);
  /* Unless the view has chosen what to show instead, show nothing rather
   * than a generation that is gone. */
  if (self->entry == data->entry)
    easel_history_details_set_entry (self, NULL, 0);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EaselHistoryDetails *self = EASEL_HISTORY_DETAILS (widget);
  EaselDetailsCall *data;

  if (self->entry == NULL || self->entry->id <= 0 || self->deleting)
    return;

  /* No confirmation: the view offers Undo with the token. */
  self->deleting = TRUE;
  easel_history_details_update_actions (self);
  data = easel_details_call_new (self);
  easel_history_delete_async (self->history, self->entry->id, self->cancellable, on_deleted,
                              data);
}

/* --- the class ------------------------------------------------------------------- */

void
easel_history_details_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "details.reuse", NULL, reuse_action);
  gtk_widget_class_install_action (widget_class, "details.edit", NULL, edit_action);
  gtk_widget_class_install_property_action (widget_class, "details.favourite", "favourite");
  gtk_widget_class_install_action (widget_class, "details.delete", NULL, delete_action);

  easel_history_details_class_init_file_actions (widget_class);
}
