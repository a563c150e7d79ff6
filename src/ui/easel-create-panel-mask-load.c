/* easel-create-panel-mask-load.c: masks that come as images
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A PNG dropped on the first reference's Mask button, pasted with Paste as
 * Mask, or named by a request brought back with Reuse Parameters becomes
 * the mask through its alpha channel. Its size must be the first
 * reference's, which is read from that image's header; both reads and the
 * decoding happen on a worker thread, and a first reference that changes
 * meanwhile cancels the load (the mask would not fit it). */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-create-panel-private.h"
#include "easel-error.h"

typedef enum
{
  ORIGIN_DROP,
  ORIGIN_PASTE,
  ORIGIN_REQUEST,
} Origin;

typedef struct
{
  EaselCreatePanel *panel;
  Origin            origin;
  EaselReference   *first;     /* the image the mask is for */
  /* The mask's image: one of */
  GBytes           *png;
  GFile            *file;
  GdkTexture       *texture;   /* a memory texture, safe to read on a thread */
  EaselReference   *reference; /* a data: URL */
  char             *name;      /* for messages; nullable */
  char             *message;   /* from the thread: how it was scaled */
} MaskLoad;

static void
mask_load_free (MaskLoad *load)
{
  g_object_unref (load->panel);
  easel_reference_unref (load->first);
  g_clear_pointer (&load->png, g_bytes_unref);
  g_clear_object (&load->file);
  g_clear_object (&load->texture);
  g_clear_pointer (&load->reference, easel_reference_unref);
  g_free (load->name);
  g_free (load->message);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MaskLoad, mask_load_free)

static GCancellable *
load_cancellable (EaselCreatePanel *self)
{
  if (self->mask_load_cancellable == NULL)
    self->mask_load_cancellable = g_cancellable_new ();
  return self->mask_load_cancellable;
}

void
easel_create_panel_cancel_mask_loads (EaselCreatePanel *self)
{
  if (self->mask_load_cancellable == NULL)
    return;
  g_cancellable_cancel (self->mask_load_cancellable);
  g_clear_object (&self->mask_load_cancellable);
}

static EaselReference *
first_reference (EaselCreatePanel *self)
{
  g_autoptr(GPtrArray) references = easel_reference_tray_get_references (self->reference_tray);

  return references->len > 0 ? easel_reference_ref (g_ptr_array_index (references, 0)) : NULL;
}

static void
toast (EaselCreatePanel *self,
       const char       *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  easel_create_panel_add_toast (self, toast);
}

/* --- the worker thread ---------------------------------------------------- */

/* A file's bytes, refused past the size a gateway takes per image before
 * anything is read. */
static GBytes *
read_file (GFile         *file,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > EASEL_MAX_REFERENCE_BYTES)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE,
                   /* Translators: %.1f is a size in megabytes. */
                   _("It is %.1f MB, over the 50 MB a gateway takes per image."),
                   g_file_info_get_size (info) / 1e6);
      return NULL;
    }
  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/* The bytes of a reference, read into a copy: the tray's own reference is
 * shared with the main thread and stays untouched. */
static GBytes *
reference_bytes (EaselReference  *reference,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autoptr(EaselReference) copy = NULL;

  switch (easel_reference_get_kind (reference))
    {
    case EASEL_REFERENCE_BYTES:
      return g_bytes_ref (easel_reference_get_bytes (reference));

    case EASEL_REFERENCE_FILE:
      copy = easel_reference_new_for_path (easel_reference_get_location (reference));
      break;

    case EASEL_REFERENCE_DATA_URL:
      copy = easel_reference_new_for_url (easel_reference_get_location (reference), error);
      if (copy == NULL)
        return NULL;
      break;

    case EASEL_REFERENCE_URL:
    default:
      g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                           _("A mask needs a local image as the first reference; this one is "
                             "a link"));
      return NULL;
    }

  if (!easel_reference_load (copy, cancellable, error))
    return NULL;
  return g_bytes_ref (easel_reference_get_bytes (copy));
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MaskLoad *load = task_data;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(EaselMask) mask = NULL;
  g_autoptr(GError) error = NULL;
  guint width, height;

  if (load->png != NULL)
    png = g_bytes_ref (load->png);
  else if (load->file != NULL)
    png = read_file (load->file, cancellable, &error);
  else if (load->texture != NULL)
    png = gdk_texture_save_to_png_bytes (load->texture);
  else
    png = reference_bytes (load->reference, cancellable, &error);
  if (png == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  first = reference_bytes (load->first, cancellable, &error);
  if (first == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s says why the first reference cannot be read. */
          g_autofree char *message = g_strdup_printf (_("The first reference cannot be read: %s"),
                                                      error->message);

          g_clear_error (&error);
          error = g_error_new_literal (EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST, message);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Its own message says what is wrong with the first image. */
  if (!easel_mask_read_image_size (first, &width, &height, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  mask = easel_mask_load_png (png, width, height, &load->message, &error);
  if (mask == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&mask), g_object_unref);
}

/* --- back on the main thread ------------------------------------------------ */

static char *
refusal (MaskLoad     *load,
         const GError *error)
{
  if (load->origin == ORIGIN_REQUEST)
    /* Translators: %s says why, a whole sentence. */
    return g_strdup_printf (_("The mask was not restored. %s"), error->message);
  if (load->name != NULL)
    /* Translators: %s is a file name, then why, a whole sentence. */
    return g_strdup_printf (_("“%s” was not used as the mask. %s"), load->name, error->message);
  /* Translators: %s says why, a whole sentence. */
  return g_strdup_printf (_("The image was not used as the mask. %s"), error->message);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  MaskLoad *load = g_task_get_task_data (G_TASK (result));
  EaselCreatePanel *self = load->panel;
  g_autoptr(EaselMask) mask = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselReference) first = NULL;

  g_assert (self->mask_n_loading > 0);
  self->mask_n_loading--;

  mask = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->mask_disposed)
    return;
  /* Cancelled: the first image changed, and the load with it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      easel_create_panel_check (self);
      return;
    }

  first = first_reference (self);
  if (mask == NULL || first != load->first)
    {
      if (mask == NULL)
        {
          g_autofree char *message = refusal (load, error);

          toast (self, message);
        }
      easel_create_panel_check (self);
      return;
    }

  /* A mask that was already painted is replaced: that can be undone. */
  if (load->origin != ORIGIN_REQUEST && easel_create_panel_mask_in_effect (self))
    easel_create_panel_toast_undo (self, load->message ? load->message : _("Mask replaced"),
                                   NULL);
  else if (load->message != NULL)
    toast (self, load->message);

  easel_create_panel_take_mask (self, mask, load->first);
}

/* Takes @load (its image already set) and starts it. */
static void
start_load (EaselCreatePanel *self,
            MaskLoad         *load)
{
  g_autoptr(GTask) task = NULL;

  self->mask_n_loading++;
  task = g_task_new (NULL, load_cancellable (self), on_loaded, NULL);
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, load, (GDestroyNotify) mask_load_free);
  g_task_run_in_thread (task, load_thread);
  easel_create_panel_check (self);
}

static MaskLoad *
mask_load_new (EaselCreatePanel *self,
               Origin            origin,
               EaselReference   *first)
{
  MaskLoad *load = g_new0 (MaskLoad, 1);

  load->panel = g_object_ref (self);
  load->origin = origin;
  load->first = easel_reference_ref (first);
  return load;
}

/* Sets @load's image from a dropped or pasted value. FALSE when it holds
 * nothing a mask can come from. */
static gboolean
take_value (MaskLoad     *load,
            const GValue *value)
{
  GFile *file = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) && g_value_get_boxed (value) != NULL)
    {
      /* One mask: of several files, the first. */
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      file = files != NULL ? files->data : NULL;
      g_slist_free (files);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      file = g_value_get_object (value);
    }
  else if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE) && g_value_get_object (value) != NULL)
    {
      GdkTexture *texture = g_value_get_object (value);

      /* Only a memory texture may be read on another thread. */
      if (GDK_IS_MEMORY_TEXTURE (texture))
        load->texture = g_object_ref (texture);
      else
        load->png = gdk_texture_save_to_png_bytes (texture);
      return TRUE;
    }

  if (file == NULL)
    return FALSE;

  load->file = g_object_ref (file);
  load->name = g_file_get_basename (file);
  if (load->name != NULL)
    {
      g_autofree char *display = g_filename_display_name (load->name);

      g_free (load->name);
      load->name = g_steal_pointer (&display);
    }
  return TRUE;
}

gboolean
easel_create_panel_drop_mask (EaselCreatePanel *self,
                              const GValue     *value)
{
  g_autoptr(EaselReference) first = NULL;
  g_autoptr(MaskLoad) load = NULL;
  const char *problem;

  g_return_val_if_fail (EASEL_IS_CREATE_PANEL (self), FALSE);
  g_return_val_if_fail (G_IS_VALUE (value), FALSE);

  problem = easel_reference_tray_get_mask_problem (self->reference_tray);
  if (problem != NULL)
    {
      toast (self, problem);
      return FALSE;
    }

  first = first_reference (self);
  load = mask_load_new (self, ORIGIN_DROP, first);
  if (!take_value (load, value))
    {
      toast (self, _("Only an image can be a mask: drop a PNG whose transparent pixels mark "
                     "the area to redraw."));
      return FALSE;
    }

  start_load (self, g_steal_pointer (&load));
  return TRUE;
}

/* --- the clipboard ---------------------------------------------------------- */

static void
pasted (EaselCreatePanel *self,
        const GValue     *value,
        const GError     *error)
{
  g_autoptr(EaselReference) first = NULL;
  g_autoptr(MaskLoad) load = NULL;

  self->mask_n_loading--;
  if (self->mask_disposed)
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      easel_create_panel_check (self);
      return;
    }

  first = first_reference (self);
  load = first != NULL ? mask_load_new (self, ORIGIN_PASTE, first) : NULL;
  if (error != NULL || load == NULL || !take_value (load, value))
    {
      g_autofree char *message = NULL;

      if (error != NULL)
        /* Translators: %s is the system's reason. */
        message = g_strdup_printf (_("The clipboard could not be read: %s"), error->message);
      toast (self, message ? message : _("The clipboard holds no image to use as the mask."));
      easel_create_panel_check (self);
      return;
    }

  start_load (self, g_steal_pointer (&load));
}

static void
on_texture_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EaselCreatePanel) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);
  g_value_init (&value, GDK_TYPE_TEXTURE);
  g_value_set_object (&value, texture);
  pasted (self, &value, error);
}

static void
on_value_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(EaselCreatePanel) self = user_data;
  g_autoptr(GError) error = NULL;
  const GValue *value;
  g_auto(GValue) none = G_VALUE_INIT;

  value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, &error);
  if (value == NULL)
    {
      g_value_init (&none, G_TYPE_FILE);
      value = &none;
    }
  pasted (self, value, error);
}

void
easel_create_panel_paste_mask (EaselCreatePanel *self,
                               GdkClipboard     *clipboard)
{
  g_autoptr(GdkContentFormats) formats = NULL;
  const char *problem;

  g_return_if_fail (EASEL_IS_CREATE_PANEL (self));
  g_return_if_fail (GDK_IS_CLIPBOARD (clipboard));

  problem = easel_reference_tray_get_mask_problem (self->reference_tray);
  if (problem != NULL)
    {
      toast (self, problem);
      return;
    }

  /* Another program's clipboard lists MIME types; what GTK can turn them
   * into is what counts. */
  formats = gdk_content_formats_union_deserialize_gtypes (
    gdk_content_formats_ref (gdk_clipboard_get_formats (clipboard)));
  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    gdk_clipboard_read_texture_async (clipboard, load_cancellable (self), on_texture_read,
                                      g_object_ref (self));
  else if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                    load_cancellable (self), on_value_read, g_object_ref (self));
  else if (gdk_content_formats_contain_gtype (formats, G_TYPE_FILE))
    gdk_clipboard_read_value_async (clipboard, G_TYPE_FILE, G_PRIORITY_DEFAULT,
                                    load_cancellable (self), on_value_read, g_object_ref (self));
  else
    {
      toast (self, _("The clipboard holds no image to use as the mask."));
      return;
    }

  self->mask_n_loading++;
  easel_create_panel_check (self);
}

/* --- Reuse Parameters -------------------------------------------------------- */

void
easel_create_panel_apply_request_mask (EaselCreatePanel *self,
                                       EaselRequest     *request)
{
  EaselReference *wanted = easel_request_get_mask (request);
  g_autoptr(GPtrArray) seen = NULL;
  g_autoptr(EaselReference) first = first_reference (self);
  g_autoptr(MaskLoad) load = NULL;
  gboolean first_changed = self->mask_source != first;

  seen = self->mask_seen_references ? g_ptr_array_ref (self->mask_seen_references) : NULL;
  /* The list is new: any import for the old first image stops here. */
  easel_create_panel_cancel_mask_loads (self);
  easel_create_panel_mask_references_changed (self, TRUE);

  if (wanted == NULL)
    {
      if (easel_create_panel_mask_in_effect (self))
        easel_create_panel_toast_undo (self,
                                       first_changed
                                       ? _("Mask removed: the first image changed")
                                       : _("Mask removed: the restored parameters have none"),
                                       seen);
      easel_create_panel_take_mask (self, NULL, NULL);
      return;
    }

  /* The restored parameters bring their own mask. */
  easel_create_panel_take_mask (self, NULL, NULL);
  if (first == NULL)
    {
      toast (self, _("The mask was not restored: the image it applies to is not among the "
                     "references."));
      return;
    }

  load = mask_load_new (self, ORIGIN_REQUEST, first);
  switch (easel_reference_get_kind (wanted))
    {
    case EASEL_REFERENCE_FILE:
      load->file = g_file_new_for_path (easel_reference_get_location (wanted));
      break;
    case EASEL_REFERENCE_BYTES:
      /* The history names a pasted mask it could not keep, without its
       * bytes: the load says it is not a PNG. */
      load->png = easel_reference_get_bytes (wanted) != NULL
                  ? g_bytes_ref (easel_reference_get_bytes (wanted)) : g_bytes_new (NULL, 0);
      break;
    case EASEL_REFERENCE_DATA_URL:
      load->reference = easel_reference_ref (wanted);
      break;
    case EASEL_REFERENCE_URL:
    default:
      /* Easel never downloads other people's links. */
      toast (self, _("The mask was not restored: it is a link, and a mask must be a local "
                     "image."));
      return;
    }

  start_load (self, g_steal_pointer (&load));
}
