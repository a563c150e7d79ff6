/* easel-history-details-image.c: the image shown large, and the strip to choose it with
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The picture is decoded off the main thread at most PICTURE_SIZE a side,
 * with a spinner meanwhile; a file the sweep found missing, or that is
 * gone when read, says so with its path, and the actions that need it
 * are turned off. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-history-details-private.h"

/* The large picture is decoded at most this many pixels a side: sharp in
 * a sidebar at a scale factor of 2, a fraction of a 4K image's memory. */
#define PICTURE_SIZE    1024
/* Strip tiles are 56 logical pixels. */
#define STRIP_TILE      56

/* --- thumbnails --------------------------------------------------------------- */

/* A tile whose picture cannot be had: a small "missing" mark, same size. */
static void
show_tile_unavailable (GtkImage *tile)
{
  gtk_image_set_from_icon_name (tile, "image-missing-symbolic");
  gtk_image_set_pixel_size (tile, 24);
  gtk_widget_add_css_class (GTK_WIDGET (tile), "unavailable");
}

typedef struct
{
  GtkImage     *tile;
  char         *fallback;      /* the image itself, when the thumbnail fails */
  GCancellable *cancellable;
} ThumbnailLoad;

static void
thumbnail_load_free (ThumbnailLoad *load)
{
  g_clear_object (&load->tile);
  g_clear_object (&load->cancellable);
  g_free (load->fallback);
  g_free (load);
}

static void
on_thumbnail_loaded (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ThumbnailLoad *load = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselDetailsPicture) picture = easel_details_picture_load_finish (result, &error);

  if (picture != NULL)
    gtk_image_set_from_paintable (load->tile, GDK_PAINTABLE (picture->texture));
  else if (load->fallback != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* A thumbnail swept away or never made: the image itself will do. */
      g_autofree char *path = g_steal_pointer (&load->fallback);

      easel_details_picture_load_async (path, gtk_image_get_pixel_size (load->tile) * 2, TRUE,
                                        load->cancellable, on_thumbnail_loaded, load);
      return;
    }
  else if (picture == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_tile_unavailable (load->tile);
  thumbnail_load_free (load);
}

GtkWidget *
easel_history_details_tile_new (int size)
{
  GtkWidget *tile = gtk_image_new ();

  /* A paintable in a GtkImage is drawn at the pixel size, so the tile
   * stays square whatever the picture's own size. */
  gtk_image_set_pixel_size (GTK_IMAGE (tile), size);
  gtk_widget_set_size_request (tile, size, size);
  gtk_widget_set_halign (tile, GTK_ALIGN_START);
  gtk_widget_set_valign (tile, GTK_ALIGN_CENTER);
  gtk_widget_set_overflow (tile, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (tile, "tile");
  return tile;
}

void
easel_history_details_load_thumbnail (EaselHistoryDetails *self,
                                      const char          *path,
                                      const char          *thumb_path,
                                      GtkImage            *tile)
{
  ThumbnailLoad *load = g_new0 (ThumbnailLoad, 1);

  load->tile = g_object_ref (tile);
  load->cancellable = g_object_ref (self->entry_cancellable);
  if (thumb_path != NULL)
    {
      load->fallback = g_strdup (path);
      path = thumb_path;
    }
  /* Twice the tile, so it stays sharp at a scale factor of 2. */
  easel_details_picture_load_async (path, gtk_image_get_pixel_size (tile) * 2, TRUE,
                                    load->cancellable, on_thumbnail_loaded, load);
}

/* --- the image shown ---------------------------------------------------------- */

static void
show_image_page (EaselHistoryDetails *self,
                 const char          *name)
{
  gboolean loading = g_str_equal (name, "loading");

  gtk_stack_set_visible_child_name (self->image_stack, name);
  if (loading)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
}

static void
show_missing (EaselHistoryDetails *self,
              EaselHistoryImage   *image)
{
  g_autofree char *escaped = g_markup_escape_text (image->path, -1);

  /* The status page's description is markup. */
  adw_status_page_set_description (self->missing_page, escaped);
  show_image_page (self, "missing");
}

static void
on_image_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EaselHistoryDetails) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselDetailsPicture) picture = easel_details_picture_load_finish (result, &error);
  EaselHistoryImage *image;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  image = easel_history_details_current_image (self);
  g_assert (image != NULL);

  if (picture == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          /* Gone since the last startup sweep: the same note as a file
           * the sweep found missing, and the same actions disabled. */
          self->image_gone = TRUE;
          show_missing (self, image);
        }
      else
        {
          g_autofree char *escaped = g_markup_escape_text (error->message, -1);

          adw_status_page_set_description (self->error_page, escaped);
          show_image_page (self, "error");
        }
      easel_history_details_fill_file_rows (self);
      easel_history_details_update_actions (self);
      return;
    }

  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (picture->texture));
  self->file_size = picture->file_size;
  self->image_ready = TRUE;
  show_image_page (self, "image");
  easel_history_details_fill_file_rows (self);
  easel_history_details_update_actions (self);
}

static void
sync_strip (EaselHistoryDetails *self)
{
  guint i = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->strip));
       child != NULL;
       child = gtk_widget_get_next_sibling (child), i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child), i == self->index);
}

static const char *
no_image_text (EaselHistoryEntry *entry)
{
  switch (entry->state)
    {
    case EASEL_HISTORY_PENDING:
      return _("The gateway is still working on this generation.");
    case EASEL_HISTORY_FAILED:
      return _("The generation failed before any image arrived.");
    case EASEL_HISTORY_CANCELLED:
      return _("The generation was cancelled before any image arrived.");
    case EASEL_HISTORY_EXPIRED:
      return _("The images had expired at the gateway before they could be downloaded.");
    case EASEL_HISTORY_STORED:
    default:
      return _("This generation has no images.");
    }
}

void
easel_history_details_show_image (EaselHistoryDetails *self)
{
  EaselHistoryImage *image = easel_history_details_current_image (self);

  g_cancellable_cancel (self->image_cancellable);
  g_clear_object (&self->image_cancellable);
  self->image_cancellable = g_cancellable_new ();
  self->image_ready = FALSE;
  self->image_gone = FALSE;
  self->file_size = -1;
  gtk_picture_set_paintable (self->picture, NULL);

  sync_strip (self);
  easel_history_details_show_favourite (self,
                                        self->favourites != NULL &&
                                        self->index < self->favourites->len &&
                                        g_array_index (self->favourites, gboolean, self->index));

  if (image == NULL)
    {
      adw_status_page_set_description (self->none_page, no_image_text (self->entry));
      show_image_page (self, "none");
    }
  else if (image->missing)
    show_missing (self, image);
  else
    {
      gtk_picture_set_alternative_text (self->picture, self->entry->prompt);
      show_image_page (self, "loading");
      easel_details_picture_load_async (image->path, PICTURE_SIZE, FALSE, self->image_cancellable,
                                        on_image_loaded, g_object_ref (self));
    }

  easel_history_details_fill_file_rows (self);
  easel_history_details_update_actions (self);
}

static void
select_index (EaselHistoryDetails *self,
              guint                index)
{
  if (self->entry == NULL || index >= self->entry->images->len || index == self->index)
    return;
  self->index = index;
  easel_history_details_show_image (self);
}

static void
on_strip_toggled (GtkToggleButton     *button,
                  EaselHistoryDetails *self)
{
  if (gtk_toggle_button_get_active (button))
    select_index (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
}

void
easel_history_details_clear_strip (EaselHistoryDetails *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->strip))) != NULL)
    gtk_box_remove (self->strip, child);
}

void
easel_history_details_build_strip (EaselHistoryDetails *self)
{
  guint n = self->entry->images->len;
  GtkToggleButton *first = NULL;

  easel_history_details_clear_strip (self);
  gtk_widget_set_visible (self->strip_scroller, n > 1);
  if (n < 2)
    return;

  for (guint i = 0; i < n; i++)
    {
      EaselHistoryImage *image = g_ptr_array_index (self->entry->images, i);
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *tile = easel_history_details_tile_new (STRIP_TILE);
      g_autofree char *label = NULL;

      gtk_button_set_child (GTK_BUTTON (button), tile);
      gtk_widget_add_css_class (button, "strip-item");
      gtk_widget_add_css_class (button, "flat");
      /* Translators: an image of a generation in the strip, e.g. "Image 2 of 3". */
      label = g_strdup_printf (_("Image %u of %u"), i + 1, n);
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (i));
      if (first == NULL)
        first = GTK_TOGGLE_BUTTON (button);
      else
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), first);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), i == self->index);
      g_signal_connect (button, "toggled", G_CALLBACK (on_strip_toggled), self);
      gtk_box_append (self->strip, button);

      if (image->missing)
        show_tile_unavailable (GTK_IMAGE (tile));
      else
        easel_history_details_load_thumbnail (self, image->path, image->thumb_path,
                                              GTK_IMAGE (tile));
    }
}
