/* easel-reference-tray-dnd.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Dropped files, textures and links, and tiles dragged to a new place in
 * the row. Everything dropped ends as references added at the end, with
 * what was refused said in one "refused" per drop. Text and file lists
 * are read here for the clipboard too (easel-reference-tray-paste.c). */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-error.h"
#include "easel-reference-tray-private.h"

/* --- files and text ---------------------------------------------------- */

static EaselReference *
reference_for_file (GFile   *file,
                    GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;

  if (path != NULL)
    return easel_reference_new_for_path (path);

  /* A browser's dragged link arrives as a file list of https:// URIs. */
  uri = g_file_get_uri (file);
  if (g_ascii_strncasecmp (uri, "https://", 8) == 0 ||
      g_ascii_strncasecmp (uri, "http://", 7) == 0)
    return easel_reference_new_for_url (uri, error);

  name = g_file_get_parse_name (file);
  g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
               /* Translators: %s is a file's address, such as sftp://host/photo.png. */
               _("“%s” was not added: it is not on this computer. Copy it here first."), name);
  return NULL;
}

gboolean
easel_reference_tray_add_files (EaselReferenceTray *self,
                                GSList             *files,
                                EaselRefusals      *refusals)
{
  guint old_n = self->entries->len;
  guint n_added = 0;

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autoptr(EaselReference) reference = NULL;
      g_autoptr(GError) error = NULL;

      reference = reference_for_file (l->data, &error);
      if (reference == NULL)
        easel_reference_tray_refuse (refusals, error->message);
      else
        n_added += easel_reference_tray_append (self, reference, refusals);
    }

  if (n_added > 0)
    easel_reference_tray_announce (self, old_n);

  return n_added > 0;
}

/* Text is taken line by line, as text/uri-list and a list of pasted links
 * are written: https:// links become URL references, file:// URIs files,
 * data:image URLs data references; lines of other text are passed over,
 * but text with no link at all is refused with @no_link_message. */
gboolean
easel_reference_tray_add_text (EaselReferenceTray *self,
                               const char         *text,
                               const char         *no_link_message,
                               EaselRefusals      *refusals)
{
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);
  guint old_n = self->entries->len;
  guint n_added = 0;
  gboolean any_link = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(EaselReference) reference = NULL;
      g_autoptr(GError) error = NULL;
      char *line = g_strstrip (lines[i]);

      if (g_ascii_strncasecmp (line, "file://", 7) == 0)
        {
          g_autoptr(GFile) file = g_file_new_for_uri (line);

          reference = reference_for_file (file, &error);
        }
      else if (g_ascii_strncasecmp (line, "https://", 8) == 0 ||
               g_ascii_strncasecmp (line, "http://", 7) == 0 ||
               g_ascii_strncasecmp (line, "data:", 5) == 0)
        {
          reference = easel_reference_new_for_url (line, &error);
        }
      else
        {
          continue;
        }

      any_link = TRUE;
      if (reference == NULL)
        easel_reference_tray_refuse (refusals, error->message);
      else
        n_added += easel_reference_tray_append (self, reference, refusals);
    }

  if (!any_link)
    easel_reference_tray_refuse (refusals, no_link_message);

  if (n_added > 0)
    easel_reference_tray_announce (self, old_n);

  return n_added > 0;
}

/* --- dropping ---------------------------------------------------------- */

/**
 * easel_reference_tray_drop_value:
 * @self: a tray
 * @value: a #GdkFileList, a #GFile, a #GdkTexture or a string of links
 *
 * Adds what was dropped at the end; what is refused is said through
 * "refused". A texture is added once it is encoded as PNG.
 *
 * Returns: whether anything was taken
 */
gboolean
easel_reference_tray_drop_value (EaselReferenceTray *self,
                                 const GValue       *value)
{
  EaselRefusals refusals = { 0 };
  gboolean taken = FALSE;

  g_return_val_if_fail (EASEL_IS_REFERENCE_TRAY (self), FALSE);
  g_return_val_if_fail (G_IS_VALUE (value), FALSE);

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) && g_value_get_boxed (value) != NULL)
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      taken = easel_reference_tray_add_files (self, files, &refusals);
      g_slist_free (files);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE) && g_value_get_object (value) != NULL)
    {
      GSList files = { g_value_get_object (value), NULL };

      taken = easel_reference_tray_add_files (self, &files, &refusals);
    }
  else if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE) && g_value_get_object (value) != NULL)
    {
      easel_reference_tray_add_texture (self, g_value_get_object (value), "dropped-image.png");
      taken = TRUE;
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_STRING))
    {
      taken = easel_reference_tray_add_text (self, g_value_get_string (value),
                                             _("The dropped text holds no image link "
                                               "(https://)."),
                                             &refusals);
    }

  easel_reference_tray_emit_refusals (self, &refusals);
  return taken;
}

/* Where a tile dropped at @x lands: before the first tile whose middle is
 * past @x, in the row's reading direction. */
static guint
drop_position (EaselReferenceTray *self,
               guint               from,
               double              x)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  guint before = 0;

  for (guint i = 0; i < self->entries->len; i++)
    {
      GtkWidget *tile = GTK_WIDGET (easel_reference_tray_get_thumbnail (self, i));
      graphene_point_t middle;

      if (!gtk_widget_compute_point (tile, GTK_WIDGET (self),
                                     &GRAPHENE_POINT_INIT (gtk_widget_get_width (tile) / 2.0, 0),
                                     &middle))
        continue;
      if (rtl ? middle.x > x : middle.x < x)
        before = i + 1;
    }

  /* Taking the tile out shifts everything after it one place down. */
  return before > from ? before - 1 : before;
}

gboolean
easel_reference_tray_drop_at (EaselReferenceTray *self,
                              const GValue       *value,
                              double              x,
                              double              y)
{
  if (G_VALUE_HOLDS (value, EASEL_TYPE_REFERENCE_THUMBNAIL))
    {
      EaselReferenceThumbnail *tile = g_value_get_object (value);
      guint from, to;

      /* A tile of another tray is not ours to move. */
      if (tile == NULL ||
          gtk_widget_get_ancestor (GTK_WIDGET (tile), EASEL_TYPE_REFERENCE_TRAY) !=
          GTK_WIDGET (self))
        return FALSE;

      from = easel_reference_thumbnail_get_position (tile);
      to = drop_position (self, from, x);
      if (to != from)
        easel_reference_tray_move (self, from, to);
      return TRUE;
    }

  return easel_reference_tray_drop_value (self, value);
}

static gboolean
on_drop (GtkDropTarget      *target,
         const GValue       *value,
         double              x,
         double              y,
         EaselReferenceTray *self)
{
  return easel_reference_tray_drop_at (self, value, x, y);
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource           *source,
                 double                   x,
                 double                   y,
                 EaselReferenceThumbnail *tile)
{
  g_object_set_data (G_OBJECT (source), "hot-x", GINT_TO_POINTER ((int) x));
  g_object_set_data (G_OBJECT (source), "hot-y", GINT_TO_POINTER ((int) y));

  /* Its own type: a tile means nothing outside this process. */
  return gdk_content_provider_new_typed (EASEL_TYPE_REFERENCE_THUMBNAIL, tile);
}

static void
on_drag_begin (GtkDragSource           *source,
               GdkDrag                 *drag,
               EaselReferenceThumbnail *tile)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (GTK_WIDGET (tile));

  gtk_drag_source_set_icon (source, icon,
                            GPOINTER_TO_INT (g_object_get_data (G_OBJECT (source), "hot-x")),
                            GPOINTER_TO_INT (g_object_get_data (G_OBJECT (source), "hot-y")));
  gtk_widget_add_css_class (GTK_WIDGET (tile), "dragged");
}

static void
on_drag_end (GtkDragSource           *source,
             GdkDrag                 *drag,
             gboolean                 delete_data,
             EaselReferenceThumbnail *tile)
{
  gtk_widget_remove_css_class (GTK_WIDGET (tile), "dragged");
}

void
easel_reference_tray_attach_drag (EaselReferenceTray      *self,
                                  EaselReferenceThumbnail *thumbnail)
{
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), thumbnail);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), thumbnail);
  g_signal_connect (source, "drag-end", G_CALLBACK (on_drag_end), thumbnail);
  gtk_widget_add_controller (GTK_WIDGET (thumbnail), GTK_EVENT_CONTROLLER (source));
}

void
easel_reference_tray_init_dnd (EaselReferenceTray *self)
{
  /* In order of preference: a tile being moved, then files (a file list
   * before a single file, as a file manager offers both), then an image,
   * then text, which a file manager also offers. */
  GType types[] = {
    EASEL_TYPE_REFERENCE_THUMBNAIL,
    GDK_TYPE_FILE_LIST,
    G_TYPE_FILE,
    GDK_TYPE_TEXTURE,
    G_TYPE_STRING,
  };
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID,
                                               GDK_ACTION_COPY | GDK_ACTION_MOVE);

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
