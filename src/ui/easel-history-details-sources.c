/* easel-history-details-sources.c: the references and mask a generation was made from
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Files are shown as thumbnails while they still exist; links, embedded
 * and pasted images (history keeps only their names) as a line of text
 * each, and so is a file moved or deleted since. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-history-details-private.h"

/* Reference and mask thumbnails: 64 logical pixels. */
#define SOURCE_TILE     64

/* --- sources ------------------------------------------------------------------- */

static void
clear_box_after_caption (GtkWidget *box)
{
  GtkWidget *caption = gtk_widget_get_first_child (box);
  GtkWidget *child;

  while ((child = gtk_widget_get_next_sibling (caption)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static GtkWidget *
source_line_new (const char *icon_name,
                 const char *text,
                 const char *tooltip)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (icon, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_tooltip_text (line, tooltip != NULL ? tooltip : text);
  gtk_box_append (GTK_BOX (line), icon);
  gtk_box_append (GTK_BOX (line), label);
  gtk_widget_add_css_class (line, "source-line");
  return line;
}

typedef struct
{
  GtkWidget *tile;
  GtkWidget *tiles;
  GtkWidget *lines;      /* where a file that cannot be shown is named instead */
  char      *path;
} SourceLoad;

static void
source_load_free (SourceLoad *load)
{
  g_clear_object (&load->tile);
  g_clear_object (&load->tiles);
  g_clear_object (&load->lines);
  g_free (load->path);
  g_free (load);
}

static void
on_source_loaded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SourceLoad *load = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselDetailsPicture) picture = easel_details_picture_load_finish (result, &error);

  if (picture != NULL)
    {
      gtk_image_set_from_paintable (GTK_IMAGE (load->tile), GDK_PAINTABLE (picture->texture));
      gtk_widget_set_visible (gtk_widget_get_parent (load->tile), TRUE);
      gtk_widget_set_visible (load->tiles, TRUE);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *name = g_path_get_basename (load->path);
      g_autofree char *text = NULL;

      /* Translators: a reference file that was moved or deleted since. */
      text = g_strdup_printf (_("%s (no longer on disk)"), name);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_free (text);
          /* Translators: a reference file that is there but is not an image Easel can read. */
          text = g_strdup_printf (_("%s (cannot be shown)"), name);
        }
      gtk_box_append (GTK_BOX (load->lines),
                      source_line_new ("image-missing-symbolic", text, load->path));
      gtk_widget_set_visible (load->lines, TRUE);
    }
  source_load_free (load);
}

/* One reference or the mask: a thumbnail for a file, a line of text for
 * what is not a file here. */
static void
add_source (EaselHistoryDetails *self,
            GtkWidget           *tiles,
            GtkWidget           *lines,
            EaselReference      *reference,
            const char          *accessible_label,
            const char          *pasted_text)
{
  const char *location = easel_reference_get_location (reference);

  switch (easel_reference_get_kind (reference))
    {
    case EASEL_REFERENCE_FILE:
      {
        GtkWidget *tile = easel_history_details_tile_new (SOURCE_TILE);
        SourceLoad *load = g_new0 (SourceLoad, 1);

        gtk_widget_set_tooltip_text (tile, location);
        gtk_accessible_update_property (GTK_ACCESSIBLE (tile), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        accessible_label, -1);
        /* Shown once it loads: a file gone since is named as text instead. */
        gtk_flow_box_append (GTK_FLOW_BOX (tiles), tile);
        gtk_widget_set_visible (gtk_widget_get_parent (tile), FALSE);

        load->tile = g_object_ref (tile);
        load->tiles = g_object_ref (tiles);
        load->lines = g_object_ref (lines);
        load->path = g_strdup (location);
        easel_details_picture_load_async (location, SOURCE_TILE * 2, TRUE,
                                          self->entry_cancellable, on_source_loaded, load);
      }
      break;
    case EASEL_REFERENCE_URL:
      gtk_box_append (GTK_BOX (lines), source_line_new ("insert-link-symbolic", location, NULL));
      gtk_widget_set_visible (lines, TRUE);
      break;
    case EASEL_REFERENCE_DATA_URL:
      gtk_box_append (GTK_BOX (lines),
                      source_line_new ("image-x-generic-symbolic",
                                       _("Embedded image (data URL)"), NULL));
      gtk_widget_set_visible (lines, TRUE);
      break;
    case EASEL_REFERENCE_BYTES:
    default:
      gtk_box_append (GTK_BOX (lines),
                      source_line_new ("image-x-generic-symbolic", pasted_text, NULL));
      gtk_widget_set_visible (lines, TRUE);
      break;
    }
}

static void
make_source_area (GtkWidget  *box,
                  GtkWidget **tiles,
                  GtkWidget **lines)
{
  *tiles = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (*tiles), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (*tiles), TRUE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (*tiles), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (*tiles), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (*tiles), 16);
  gtk_widget_add_css_class (*tiles, "source-tiles");
  gtk_widget_set_visible (*tiles, FALSE);
  gtk_box_append (GTK_BOX (box), *tiles);
  *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_visible (*lines, FALSE);
  gtk_box_append (GTK_BOX (box), *lines);
}

void
easel_history_details_fill_sources (EaselHistoryDetails *self)
{
  GPtrArray *references = self->request != NULL
    ? easel_request_get_references (self->request) : NULL;
  EaselReference *mask = self->request != NULL ? easel_request_get_mask (self->request) : NULL;
  GtkWidget *tiles, *lines;
  guint n = references != NULL ? references->len : 0;

  clear_box_after_caption (self->references_box);
  clear_box_after_caption (self->mask_box);
  gtk_widget_set_visible (self->references_row, n > 0);
  gtk_widget_set_visible (self->mask_row, mask != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->sources_group), n > 0 || mask != NULL);

  if (n > 0)
    {
      make_source_area (self->references_box, &tiles, &lines);
      for (guint i = 0; i < n; i++)
        {
          EaselReference *reference = g_ptr_array_index (references, i);
          g_autofree char *label = NULL;
          g_autofree char *name = easel_reference_get_location (reference) != NULL
            ? g_path_get_basename (easel_reference_get_location (reference))
            : g_strdup (easel_reference_get_filename (reference));

          /* Translators: a reference image's accessible name, e.g. "Reference 1: photo.png". */
          label = g_strdup_printf (_("Reference %u: %s"), i + 1, name);
          add_source (self, tiles, lines, reference, label, _("Pasted image (not kept)"));
        }
    }

  if (mask != NULL)
    {
      make_source_area (self->mask_box, &tiles, &lines);
      add_source (self, tiles, lines, mask, _("Mask"), _("Painted mask (not kept)"));
    }
}
