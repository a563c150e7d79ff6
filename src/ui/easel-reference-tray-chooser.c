/* easel-reference-tray-chooser.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Add Images…: the file chooser, several files at once, PNG, JPEG and
 * WebP only. GtkFileDialog where GTK has it (4.10), GtkFileChooserNative
 * below; both go through the portal in a sandbox. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-reference-tray-private.h"

static void
add_chosen_files (EaselReferenceTray *self,
                  GListModel         *files)
{
  g_autoslist(GFile) list = NULL;
  EaselRefusals refusals = { 0 };

  for (guint i = g_list_model_get_n_items (files); i > 0; i--)
    list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));

  easel_reference_tray_add_files (self, list, &refusals);
  easel_reference_tray_emit_refusals (self, &refusals);
}

static GtkFileFilter *
image_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  /* The three formats every gateway takes (DESIGN.md §4). */
  gtk_file_filter_set_name (filter, _("PNG, JPEG and WebP Images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/webp");

  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
on_files_chosen (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EaselReferenceTray) self = user_data;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GError) error = NULL;

  files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (source), result, &error);
  if (files != NULL)
    add_chosen_files (self, files);
}

void
easel_reference_tray_choose_files (EaselReferenceTray *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) filter = image_filter ();
  GtkRoot *root = gtk_widget_get_root (widget);

  g_list_store_append (filters, filter);
  gtk_file_dialog_set_title (dialog, _("Add Reference Images"));
  gtk_file_dialog_set_accept_label (dialog, _("_Add"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, filter);
  gtk_file_dialog_open_multiple (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 self->cancellable, on_files_chosen, g_object_ref (self));
}

void
easel_reference_tray_close_chooser (EaselReferenceTray *self)
{
  /* GtkFileDialog's own cancellable is the tray's, cancelled in dispose. */
}
#else
static void
on_chooser_response (GtkNativeDialog    *chooser,
                     int                 response,
                     EaselReferenceTray *self)
{
  g_autoptr(GtkFileChooserNative) owned = g_steal_pointer (&self->chooser);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      add_chosen_files (self, files);
    }
}

void
easel_reference_tray_choose_files (EaselReferenceTray *self)
{
  g_autoptr(GtkFileFilter) filter = image_filter ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (_("Add Reference Images"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
easel_reference_tray_close_chooser (EaselReferenceTray *self)
{
  if (self->chooser == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->chooser, self);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}
#endif
