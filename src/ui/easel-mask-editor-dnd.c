/* easel-mask-editor-dnd.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Images dropped or pasted onto the mask editor. While something is
 * dragged over it, two targets cover the editor: "Replace Image" and "Use
 * as Mask", the one under the pointer lit. Use as Mask reads the image
 * (a file, or a texture encoded as PNG, off the main thread), has
 * easel_mask_load_png_async() take its alpha at the source's size, and
 * lays the result on the mask as one undoable step; Replace Image checks
 * that a file is an image and hands it to the owner through
 * "replace-source". Every refusal is a toast that says why. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-error.h"
#include "easel-image.h"
#include "easel-mask-editor-private.h"

/* Narrower than this, the two targets are stacked. */
#define SIDE_BY_SIDE_WIDTH 560

typedef struct
{
  EaselMaskEditor *editor;
  guint            serial;   /* the source it was read for */
  char            *name;     /* for the toast: a file name, or NULL */
  char            *path;     /* Replace Image with a file */
  gboolean         as_mask;
} Import;

static Import *
import_new (EaselMaskEditor *self,
            const char      *name,
            gboolean         as_mask)
{
  Import *import = g_new0 (Import, 1);

  import->editor = g_object_ref (self);
  import->serial = self->source_serial;
  import->name = g_strdup (name);
  import->as_mask = as_mask;
  self->n_pending++;

  return import;
}

static void
import_free (Import *import)
{
  import->editor->n_pending--;
  g_object_unref (import->editor);
  g_free (import->name);
  g_free (import->path);
  g_free (import);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Import, import_free)

/* Whether an import that ended with @error should go on, saying why not
 * unless the window is gone. */
static gboolean
import_ok (Import       *import,
           const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

  if (error != NULL)
    {
      easel_mask_editor_toast (import->editor, error->message, FALSE);
      return FALSE;
    }

  return TRUE;
}

/* --- Use as Mask ---------------------------------------------------------- */

static void
on_mask_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Import) import = user_data;
  EaselMaskEditor *self = import->editor;
  g_autoptr(EaselMask) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  loaded = easel_mask_load_png_finish (result, &message, &error);
  if (!import_ok (import, error))
    return;

  /* Read for a source that has since been replaced: it would not fit. */
  if (import->serial != self->source_serial || !easel_mask_editor_is_ready (self))
    return;

  if (!easel_mask_assign (self->mask, loaded))
    return;

  if (message == NULL && import->name != NULL)
    /* Translators: %s is a file name. */
    message = g_strdup_printf (_("The mask was taken from “%s”."), import->name);
  else if (message == NULL)
    message = g_strdup (_("The mask was taken from the image."));

  easel_mask_editor_toast (self, message, TRUE);
}

static void
load_mask_png (Import *import,
               GBytes *png)
{
  EaselMaskEditor *self = import->editor;

  if (import->serial != self->source_serial || !easel_mask_editor_is_ready (self))
    {
      import_free (import);
      return;
    }

  easel_mask_load_png_async (png, gdk_texture_get_width (self->texture),
                             gdk_texture_get_height (self->texture), self->cancellable,
                             on_mask_loaded, import);
}

/* --- reading files and textures ------------------------------------------ */

static void
read_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes = easel_mask_editor_read_file (task_data, cancellable, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static gboolean
is_image (GBytes *bytes)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  const char *type = easel_image_sniff_mime_type (data, length);

  return type != NULL && (g_str_equal (type, "image/png") || g_str_equal (type, "image/jpeg") ||
                          g_str_equal (type, "image/webp"));
}

static void
on_file_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Import) import = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (!import_ok (import, error))
    return;

  if (import->as_mask)
    {
      load_mask_png (g_steal_pointer (&import), bytes);
      return;
    }

  if (!is_image (bytes))
    {
      g_autofree char *message =
        /* Translators: %s is a file name. */
        g_strdup_printf (_("“%s” is not a PNG, JPEG or WebP image, so it cannot replace the "
                           "image."), import->name);

      easel_mask_editor_toast (import->editor, message, FALSE);
      return;
    }

  {
    g_autoptr(EaselReference) reference = easel_reference_new_for_path (import->path);

    g_signal_emit_by_name (import->editor, "replace-source", reference);
  }
}

static gboolean
take_file (EaselMaskEditor *self,
           GFile           *file,
           gboolean         as_mask)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GTask) task = NULL;
  Import *import;

  if (!as_mask && !g_file_is_native (file))
    {
      g_autofree char *parse_name = g_file_get_parse_name (file);
      g_autofree char *message =
        /* Translators: %s is a file's address, such as sftp://host/photo.png. */
        g_strdup_printf (_("“%s” is not on this computer. Copy it here first."), parse_name);

      easel_mask_editor_toast (self, message, FALSE);
      return FALSE;
    }

  import = import_new (self, name, as_mask);
  import->path = g_file_get_path (file);

  /* The whole file is read even to replace the image: the bytes tell
   * whether it is one, and reading 50 MB at most is quick. */
  task = g_task_new (NULL, self->cancellable, on_file_read, import);
  g_task_set_source_tag (task, take_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_file_thread);

  return TRUE;
}

static void
encode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_task_return_pointer (task, gdk_texture_save_to_png_bytes (task_data),
                         (GDestroyNotify) g_bytes_unref);
}

static void
png_ready (Import *import,
           GBytes *png)
{
  if (import->as_mask)
    {
      load_mask_png (import, png);
    }
  else
    {
      g_autoptr(EaselReference) reference =
        easel_reference_new_for_bytes (png, "image/png", "dropped-image.png");

      g_signal_emit_by_name (import->editor, "replace-source", reference);
      import_free (import);
    }
}

static void
on_encoded (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Import) import = user_data;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;

  png = g_task_propagate_pointer (G_TASK (result), &error);
  if (import_ok (import, error))
    png_ready (g_steal_pointer (&import), png);
}

static void
take_texture (EaselMaskEditor *self,
              GdkTexture      *texture,
              const char      *name,
              gboolean         as_mask)
{
  Import *import = import_new (self, name, as_mask);
  g_autoptr(GTask) task = NULL;

  /* Only a memory texture may be read on another thread; a GL one (rare
   * here) is encoded where its context lives. */
  if (!GDK_IS_MEMORY_TEXTURE (texture))
    {
      g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (texture);

      png_ready (import, png);
      return;
    }

  task = g_task_new (NULL, self->cancellable, on_encoded, import);
  g_task_set_source_tag (task, take_texture);
  g_task_set_task_data (task, g_object_ref (texture), g_object_unref);
  g_task_run_in_thread (task, encode_thread);
}

/**
 * easel_mask_editor_drop_value:
 * @self: an editor
 * @value: a #GdkFileList, a #GFile or a #GdkTexture
 * @as_mask: %TRUE for Use as Mask, %FALSE for Replace Image
 *
 * Takes a dropped image: its alpha as the mask (one undo step, a toast
 * saying what was done), or as the new source through "replace-source".
 * Of several files, the first is taken. Refusals are toasts.
 *
 * Returns: whether @value was taken (it may still be refused once read)
 */
gboolean
easel_mask_editor_drop_value (EaselMaskEditor *self,
                              const GValue    *value,
                              gboolean         as_mask)
{
  g_return_val_if_fail (EASEL_IS_MASK_EDITOR (self), FALSE);
  g_return_val_if_fail (G_IS_VALUE (value), FALSE);

  if (as_mask && !easel_mask_editor_is_ready (self))
    {
      easel_mask_editor_toast (self, _("A mask can be taken only once the image is open."),
                               FALSE);
      return FALSE;
    }

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) && g_value_get_boxed (value) != NULL)
    {
      g_autoptr(GSList) files = gdk_file_list_get_files (g_value_get_boxed (value));

      if (files == NULL)
        return FALSE;
      return take_file (self, files->data, as_mask);
    }

  if (G_VALUE_HOLDS (value, G_TYPE_FILE) && g_value_get_object (value) != NULL)
    return take_file (self, g_value_get_object (value), as_mask);

  if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE) && g_value_get_object (value) != NULL)
    {
      take_texture (self, g_value_get_object (value), NULL, as_mask);
      return TRUE;
    }

  easel_mask_editor_toast (self, _("Only an image can be dropped here."), FALSE);
  return FALSE;
}

/* --- the clipboard ---------------------------------------------------------- */

static GdkContentFormats *
readable_formats (GdkClipboard *clipboard)
{
  /* Another program's clipboard lists MIME types; what GTK can turn them
   * into is what counts. */
  return gdk_content_formats_union_deserialize_gtypes (
    gdk_content_formats_ref (gdk_clipboard_get_formats (clipboard)));
}

gboolean
easel_mask_editor_can_paste (GdkClipboard *clipboard)
{
  g_autoptr(GdkContentFormats) formats = readable_formats (clipboard);

  return gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE) ||
         gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST) ||
         gdk_content_formats_contain_gtype (formats, G_TYPE_FILE);
}

static gboolean
clipboard_read_ok (Import       *import,
                   const GError *error)
{
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message =
        /* Translators: %s is the system's reason. */
        g_strdup_printf (_("The clipboard could not be read: %s"), error->message);

      easel_mask_editor_toast (import->editor, message, FALSE);
      return FALSE;
    }

  return error == NULL;
}

static void
on_texture_pasted (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Import) import = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);
  if (clipboard_read_ok (import, error))
    take_texture (import->editor, texture, NULL, TRUE);
}

static void
on_value_pasted (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Import) import = user_data;
  g_autoptr(GError) error = NULL;
  const GValue *value;

  value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, &error);
  if (clipboard_read_ok (import, error))
    easel_mask_editor_drop_value (import->editor, value, TRUE);
}

/**
 * easel_mask_editor_paste:
 * @self: an editor
 * @clipboard: the clipboard to read
 *
 * Takes the image on @clipboard (an image, or an image file copied in a
 * file manager) as the mask, as a drop on "Use as Mask" would.
 */
void
easel_mask_editor_paste (EaselMaskEditor *self,
                         GdkClipboard    *clipboard)
{
  g_autoptr(GdkContentFormats) formats = NULL;
  GType file_type = G_TYPE_INVALID;

  g_return_if_fail (EASEL_IS_MASK_EDITOR (self));
  g_return_if_fail (GDK_IS_CLIPBOARD (clipboard));

  if (!easel_mask_editor_is_ready (self))
    {
      easel_mask_editor_toast (self, _("A mask can be taken only once the image is open."),
                               FALSE);
      return;
    }

  formats = readable_formats (clipboard);
  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    {
      gdk_clipboard_read_texture_async (clipboard, self->cancellable, on_texture_pasted,
                                        import_new (self, NULL, TRUE));
      return;
    }

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    file_type = GDK_TYPE_FILE_LIST;
  else if (gdk_content_formats_contain_gtype (formats, G_TYPE_FILE))
    file_type = G_TYPE_FILE;

  if (file_type == G_TYPE_INVALID)
    {
      easel_mask_editor_toast (self, _("The clipboard holds no image."), FALSE);
      return;
    }

  gdk_clipboard_read_value_async (clipboard, file_type, G_PRIORITY_DEFAULT, self->cancellable,
                                  on_value_pasted, import_new (self, NULL, TRUE));
}

/* --- the drop targets ---------------------------------------------------- */

/* Which target is under (@x, @y) of the overlay: the nearer one, along
 * the way they are laid out (in either text direction). */
static gboolean
mask_zone_at (EaselMaskEditor *self,
              double           x,
              double           y)
{
  gboolean horizontal =
    gtk_orientable_get_orientation (GTK_ORIENTABLE (self->drop_zones)) ==
    GTK_ORIENTATION_HORIZONTAL;
  graphene_rect_t replace_bounds, mask_bounds;
  double point, replace_middle, mask_middle;

  if (!gtk_widget_get_visible (self->mask_zone))
    return FALSE;

  if (!gtk_widget_compute_bounds (self->replace_zone, GTK_WIDGET (self->drop_overlay),
                                  &replace_bounds) ||
      !gtk_widget_compute_bounds (self->mask_zone, GTK_WIDGET (self->drop_overlay),
                                  &mask_bounds))
    return FALSE;

  point = horizontal ? x : y;
  replace_middle = horizontal ? replace_bounds.origin.x + replace_bounds.size.width / 2
                              : replace_bounds.origin.y + replace_bounds.size.height / 2;
  mask_middle = horizontal ? mask_bounds.origin.x + mask_bounds.size.width / 2
                           : mask_bounds.origin.y + mask_bounds.size.height / 2;

  return ABS (point - mask_middle) < ABS (point - replace_middle);
}

static void
highlight (EaselMaskEditor *self,
           gboolean         as_mask)
{
  self->drop_as_mask = as_mask;
  if (as_mask)
    {
      gtk_widget_add_css_class (self->mask_zone, "active");
      gtk_widget_remove_css_class (self->replace_zone, "active");
    }
  else
    {
      gtk_widget_add_css_class (self->replace_zone, "active");
      gtk_widget_remove_css_class (self->mask_zone, "active");
    }
}

static GdkDragAction
on_drag_enter (GtkDropTarget   *target,
               double           x,
               double           y,
               EaselMaskEditor *self)
{
  gboolean ready = easel_mask_editor_is_ready (self);
  int width = gtk_widget_get_width (GTK_WIDGET (self->drop_overlay));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->drop_zones),
                                  width >= SIDE_BY_SIDE_WIDTH ? GTK_ORIENTATION_HORIZONTAL
                                                              : GTK_ORIENTATION_VERTICAL);
  /* Without an open image there is no size to take a mask at: only a
   * new image can be dropped then. */
  gtk_widget_set_visible (self->mask_zone, ready);
  gtk_widget_set_visible (GTK_WIDGET (self->drop_zones), TRUE);

  /* Laid out on the next frame; until then the split is by halves. */
  highlight (self, ready && (width >= SIDE_BY_SIDE_WIDTH
                             ? (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL
                                ? x < width / 2.0 : x >= width / 2.0)
                             : y >= gtk_widget_get_height (GTK_WIDGET (self->drop_overlay)) /
                                    2.0));
  return GDK_ACTION_COPY;
}

static GdkDragAction
on_drag_motion (GtkDropTarget   *target,
                double           x,
                double           y,
                EaselMaskEditor *self)
{
  if (gtk_widget_get_width (GTK_WIDGET (self->replace_zone)) > 0)
    highlight (self, mask_zone_at (self, x, y));
  return GDK_ACTION_COPY;
}

static void
on_drag_leave (GtkDropTarget   *target,
               EaselMaskEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->drop_zones), FALSE);
}

static gboolean
on_drop (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         EaselMaskEditor *self)
{
  gboolean as_mask = self->drop_as_mask;

  if (gtk_widget_get_width (GTK_WIDGET (self->replace_zone)) > 0)
    as_mask = mask_zone_at (self, x, y);
  gtk_widget_set_visible (GTK_WIDGET (self->drop_zones), FALSE);

  return easel_mask_editor_drop_value (self, value, as_mask);
}

void
easel_mask_editor_init_dnd (EaselMaskEditor *self)
{
  /* Files first (a list before a single one, as a file manager offers
   * both), then an image. */
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE, GDK_TYPE_TEXTURE };
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "enter", G_CALLBACK (on_drag_enter), self);
  g_signal_connect (target, "motion", G_CALLBACK (on_drag_motion), self);
  g_signal_connect (target, "leave", G_CALLBACK (on_drag_leave), self);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self->drop_overlay), GTK_EVENT_CONTROLLER (target));
}
