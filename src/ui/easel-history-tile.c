/* easel-history-tile.c: one generation in the History page's grid
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Tiles are recycled by the grid as it scrolls: binding starts the
 * thumbnail's load, unbinding cancels it, and a load that comes back for
 * an item the tile no longer shows is dropped. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-history-tile.h"

/* Wide enough for two columns in a 360 px window. */
#define TILE_SIZE 150
#define TOOLTIP_CHARS 200

struct _EaselHistoryTile
{
  GtkWidget            parent_instance;

  EaselThumbnailCache *cache;
  EaselHistoryItem    *item;
  gulong               notify_id;
  GCancellable        *cancellable;
  char                *loading_path;
  char                *label;
  gboolean             has_thumbnail;

  /* Template widgets */
  GtkWidget           *overlay;
  GtkPicture          *picture;
  GtkWidget           *placeholder;
  GtkImage            *state_icon;
  GtkLabel            *state_label;
  GtkWidget           *star;
  GtkLabel            *count_label;
};

G_DEFINE_FINAL_TYPE (EaselHistoryTile, easel_history_tile, GTK_TYPE_WIDGET)

static void
cancel_load (EaselHistoryTile *self)
{
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
}

static void
show_placeholder (EaselHistoryTile *self,
                  const char       *icon_name,
                  const char       *label)
{
  self->has_thumbnail = FALSE;
  gtk_picture_set_paintable (self->picture, NULL);
  gtk_image_set_from_icon_name (self->state_icon, icon_name);
  gtk_label_set_text (self->state_label, label);
  gtk_widget_set_visible (self->placeholder, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "placeholder");
}

static void
show_texture (EaselHistoryTile *self,
              GdkTexture       *texture)
{
  self->has_thumbnail = TRUE;
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (self->placeholder, FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "placeholder");
}

static void load_thumbnail (EaselHistoryTile *self,
                            const char       *path);

static const char *
first_image_path (EaselHistoryTile *self)
{
  EaselHistoryEntry *entry = easel_history_item_get_entry (self->item);

  return ((EaselHistoryImage *) g_ptr_array_index (entry->images, 0))->path;
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(EaselHistoryTile) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  const char *image_path;
  const char *loaded_path;

  /* Unbound, disposed or bound to another item meanwhile. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  g_clear_object (&self->cancellable);
  texture = easel_thumbnail_cache_load_finish (self->cache, result, &error);

  if (texture != NULL)
    {
      show_texture (self, texture);
      return;
    }

  /* A thumbnail that is gone or damaged: the image itself, scaled. */
  image_path = first_image_path (self);
  loaded_path = self->loading_path;
  if (image_path != NULL && g_strcmp0 (loaded_path, image_path) != 0)
    {
      g_debug ("No thumbnail from %s (%s); scaling the image", loaded_path, error->message);
      load_thumbnail (self, image_path);
      return;
    }
  g_debug ("No preview of %s: %s", image_path, error->message);
  show_placeholder (self, "image-missing-symbolic", _("No Preview"));
}

static void
load_thumbnail (EaselHistoryTile *self,
                const char       *path)
{
  g_autoptr(GdkTexture) texture = easel_thumbnail_cache_lookup (self->cache, path);

  if (texture != NULL)
    {
      show_texture (self, texture);
      return;
    }

  /* Blank while it loads rather than the previous item's picture. */
  self->has_thumbnail = FALSE;
  gtk_picture_set_paintable (self->picture, NULL);
  gtk_widget_set_visible (self->placeholder, FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "placeholder");
  self->cancellable = g_cancellable_new ();
  g_free (self->loading_path);
  self->loading_path = g_strdup (path);
  easel_thumbnail_cache_load_async (self->cache, path, self->cancellable, on_loaded,
                                    g_object_ref (self));
}

static void
state_placeholder (EaselHistoryTile  *self,
                   EaselHistoryEntry *entry)
{
  /* Styled by state: a failure in the error colour. */
  gtk_widget_add_css_class (GTK_WIDGET (self), easel_history_state_to_string (entry->state));
  switch (entry->state)
    {
    case EASEL_HISTORY_PENDING:
      show_placeholder (self, "image-loading-symbolic", C_("generation state", "Pending"));
      break;
    case EASEL_HISTORY_FAILED:
      show_placeholder (self, "dialog-error-symbolic", C_("generation state", "Failed"));
      break;
    case EASEL_HISTORY_CANCELLED:
      show_placeholder (self, "process-stop-symbolic", C_("generation state", "Cancelled"));
      break;
    case EASEL_HISTORY_EXPIRED:
      show_placeholder (self, "preferences-system-time-symbolic",
                        C_("generation state", "Expired"));
      break;
    case EASEL_HISTORY_STORED:
    default:
      show_placeholder (self, "image-x-generic-symbolic", C_("generation state", "No Images"));
      break;
    }
}

static void
update_labels (EaselHistoryTile  *self,
               EaselHistoryEntry *entry)
{
  g_autofree char *count = NULL;
  const char *prompt = entry->prompt != NULL && entry->prompt[0] != '\0'
    ? entry->prompt : _("No prompt");
  gboolean favourite = easel_history_entry_is_favourite (entry);
  g_autoptr(GString) description = g_string_new (NULL);

  /* Given to the tooltip when asked (query_tooltip): setting a tooltip
   * on every bind costs a round trip to the display server. */
  g_free (self->label);
  if (g_utf8_strlen (prompt, -1) > TOOLTIP_CHARS)
    {
      g_autofree char *start = g_utf8_substring (prompt, 0, TOOLTIP_CHARS);

      self->label = g_strconcat (start, "…", NULL);
    }
  else
    self->label = g_strdup (prompt);

  gtk_widget_set_visible (self->star, favourite);
  if (entry->images->len > 1)
    {
      /* TRANSLATORS: the number of images of one generation, on its tile */
      count = g_strdup_printf (_("×%u"), entry->images->len);
      gtk_label_set_text (self->count_label, count);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), entry->images->len > 1);

  if (favourite)
    g_string_append (description, _("Favourite"));
  if (entry->images->len > 1)
    {
      if (description->len > 0)
        g_string_append (description, ", ");
      g_string_append_printf (description,
                              g_dngettext (GETTEXT_PACKAGE, "%u image", "%u images",
                                           entry->images->len),
                              entry->images->len);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, prompt,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

static void
update (EaselHistoryTile *self)
{
  EaselHistoryEntry *entry = easel_history_item_get_entry (self->item);
  EaselHistoryImage *image;

  cancel_load (self);
  update_labels (self, entry);
  for (EaselHistoryState state = EASEL_HISTORY_PENDING; state <= EASEL_HISTORY_EXPIRED; state++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), easel_history_state_to_string (state));

  if (entry->images->len == 0)
    {
      state_placeholder (self, entry);
      return;
    }
  image = g_ptr_array_index (entry->images, 0);
  if (image->missing)
    {
      show_placeholder (self, "image-missing-symbolic", _("File Missing"));
      return;
    }
  load_thumbnail (self, image->thumb_path != NULL ? image->thumb_path : image->path);
}

void
easel_history_tile_set_item (EaselHistoryTile *self,
                             EaselHistoryItem *item)
{
  g_return_if_fail (EASEL_IS_HISTORY_TILE (self));
  g_return_if_fail (item == NULL || EASEL_IS_HISTORY_ITEM (item));

  if (self->item == item)
    return;

  cancel_load (self);
  if (self->item != NULL)
    {
      g_clear_signal_handler (&self->notify_id, self->item);
      g_clear_object (&self->item);
    }
  if (item == NULL)
    {
      self->has_thumbnail = FALSE;
      gtk_picture_set_paintable (self->picture, NULL);
      return;
    }

  self->item = g_object_ref (item);
  self->notify_id = g_signal_connect_swapped (item, "notify::entry", G_CALLBACK (update), self);
  update (self);
}

const char *
easel_history_tile_get_label (EaselHistoryTile *self)
{
  g_return_val_if_fail (EASEL_IS_HISTORY_TILE (self), NULL);

  return self->item != NULL ? self->label : NULL;
}

static gboolean
easel_history_tile_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard,
                                  GtkTooltip *tooltip)
{
  EaselHistoryTile *self = EASEL_HISTORY_TILE (widget);

  if (self->item == NULL || self->label == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->label);
  return TRUE;
}

EaselHistoryItem *
easel_history_tile_get_item (EaselHistoryTile *self)
{
  g_return_val_if_fail (EASEL_IS_HISTORY_TILE (self), NULL);

  return self->item;
}

gboolean
easel_history_tile_has_thumbnail (EaselHistoryTile *self)
{
  g_return_val_if_fail (EASEL_IS_HISTORY_TILE (self), FALSE);

  return self->has_thumbnail;
}

/* Square, as wide as the grid's column. */
static GtkSizeRequestMode
easel_history_tile_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
easel_history_tile_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  EaselHistoryTile *self = EASEL_HISTORY_TILE (widget);
  int child_minimum;

  gtk_widget_measure (self->overlay, orientation, -1, &child_minimum, NULL, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL || for_size < 0)
    *minimum = *natural = MAX (child_minimum, TILE_SIZE);
  else
    *minimum = *natural = MAX (child_minimum, for_size);
}

static void
easel_history_tile_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  gtk_widget_allocate (EASEL_HISTORY_TILE (widget)->overlay, width, height, baseline, NULL);
}

static void
easel_history_tile_dispose (GObject *object)
{
  EaselHistoryTile *self = EASEL_HISTORY_TILE (object);

  easel_history_tile_set_item (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), EASEL_TYPE_HISTORY_TILE);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->loading_path, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (easel_history_tile_parent_class)->dispose (object);
}

static void
easel_history_tile_class_init (EaselHistoryTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = easel_history_tile_dispose;
  widget_class->get_request_mode = easel_history_tile_get_request_mode;
  widget_class->measure = easel_history_tile_measure;
  widget_class->size_allocate = easel_history_tile_size_allocate;
  widget_class->query_tooltip = easel_history_tile_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "historytile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/easel-history-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryTile, overlay);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryTile, picture);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryTile, placeholder);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryTile, state_icon);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryTile, state_label);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryTile, star);
  gtk_widget_class_bind_template_child (widget_class, EaselHistoryTile, count_label);
}

static void
easel_history_tile_init (EaselHistoryTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
easel_history_tile_new (EaselThumbnailCache *cache)
{
  EaselHistoryTile *self;

  g_return_val_if_fail (EASEL_IS_THUMBNAIL_CACHE (cache), NULL);

  self = g_object_new (EASEL_TYPE_HISTORY_TILE, NULL);
  self->cache = g_object_ref (cache);
  return GTK_WIDGET (self);
}
