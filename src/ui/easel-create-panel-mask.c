/* easel-create-panel-mask.c: the mask of the next request
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The panel owns the mask: an EaselMask at the first reference's size,
 * tied to the reference that was first when it was made. When another
 * image becomes first the mask no longer fits it, so it is dropped, with
 * a toast whose Undo brings back both the list and the mask.
 *
 * Encoding a 4K mask as PNG takes a while, so the request does not wait
 * for it: a PNG is kept ready, refreshed on a worker thread a moment
 * after the last change (the user paints in bursts), and Generate waits
 * only while a refresh is due or running. The tinted overlay the first
 * thumbnail shows is made the same way. Imports (drops, the clipboard,
 * Reuse Parameters) are in easel-create-panel-mask-load.c. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-create-panel-private.h"

/* Strokes come in bursts; the PNG is made once a burst is over. */
#define EXPORT_DELAY_MS 300
/* The overlay is drawn over a 72 px tile whose preview is twice that. */
#define OVERLAY_SIDE 144

static guint add_toast_signal;

/* --- state ---------------------------------------------------------------- */

static EaselReference *
first_reference (EaselCreatePanel *self)
{
  g_autoptr(GPtrArray) references = easel_reference_tray_get_references (self->reference_tray);

  return references->len > 0 ? easel_reference_ref (g_ptr_array_index (references, 0)) : NULL;
}

gboolean
easel_create_panel_mask_in_effect (EaselCreatePanel *self)
{
  return self->mask != NULL && !easel_mask_is_empty (self->mask);
}

gboolean
easel_create_panel_get_mask_pending (EaselCreatePanel *self)
{
  g_return_val_if_fail (EASEL_IS_CREATE_PANEL (self), FALSE);

  return self->mask_export_id != 0 || self->mask_export_cancellable != NULL ||
         self->mask_n_loading > 0;
}

/* What the first thumbnail shows and what Generate says follow the state. */
static void
update (EaselCreatePanel *self)
{
  gboolean in_effect = easel_create_panel_mask_in_effect (self);

  easel_reference_tray_set_mask (self->reference_tray, in_effect,
                                 in_effect ? self->mask_overlay : NULL);
  easel_create_panel_check (self);
}

void
easel_create_panel_add_toast (EaselCreatePanel *self,
                              AdwToast         *toast)
{
  g_autoptr(AdwToast) owned = toast;

  g_signal_emit (self, add_toast_signal, 0, toast);
}

/* --- the PNG and the overlay ------------------------------------------------- */

static void
cancel_export (EaselCreatePanel *self)
{
  g_clear_handle_id (&self->mask_export_id, g_source_remove);
  if (self->mask_export_cancellable != NULL)
    {
      g_cancellable_cancel (self->mask_export_cancellable);
      g_clear_object (&self->mask_export_cancellable);
    }
}

typedef struct
{
  guint   generation;
  GBytes *coverage;
  guint   width;
  guint   height;
  guint   out_width;
  guint   out_height;
} OverlayJob;

static void
overlay_job_free (OverlayJob *job)
{
  g_bytes_unref (job->coverage);
  g_free (job);
}

/* The painted region at the preview's shape, tinted red (premultiplied):
 * each pixel the mean coverage of the source pixels it stands for. */
static void
overlay_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  OverlayJob *job = task_data;
  const guint8 *coverage = g_bytes_get_data (job->coverage, NULL);
  guint8 *pixels = g_malloc ((gsize) job->out_width * job->out_height * 4);

  for (guint oy = 0; oy < job->out_height; oy++)
    {
      guint y0 = (guint) ((guint64) oy * job->height / job->out_height);
      guint y1 = MAX (y0 + 1, (guint) ((guint64) (oy + 1) * job->height / job->out_height));

      if (g_cancellable_is_cancelled (cancellable))
        break;

      for (guint ox = 0; ox < job->out_width; ox++)
        {
          guint x0 = (guint) ((guint64) ox * job->width / job->out_width);
          guint x1 = MAX (x0 + 1, (guint) ((guint64) (ox + 1) * job->width / job->out_width));
          guint64 sum = 0;
          guint alpha;
          guint8 *out = pixels + ((gsize) oy * job->out_width + ox) * 4;

          for (guint y = y0; y < y1; y++)
            for (guint x = x0; x < x1; x++)
              sum += coverage[(gsize) y * job->width + x];
          /* At most 55 %: the image must still show through. */
          alpha = (guint) (sum * 140 / ((guint64) (y1 - y0) * (x1 - x0) * 255));
          out[0] = 0xe0 * alpha / 255;
          out[1] = 0x1b * alpha / 255;
          out[2] = 0x24 * alpha / 255;
          out[3] = alpha;
        }
    }

  if (g_task_return_error_if_cancelled (task))
    {
      g_free (pixels);
      return;
    }
  g_task_return_pointer (task,
                         g_bytes_new_take (pixels, (gsize) job->out_width * job->out_height * 4),
                         (GDestroyNotify) g_bytes_unref);
}

static void
on_overlay_made (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EaselCreatePanel) self = user_data;
  OverlayJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GBytes) pixels = g_task_propagate_pointer (G_TASK (result), NULL);

  /* A newer overlay is on its way, or the mask is gone. */
  if (pixels == NULL || self->mask_disposed || job->generation != self->mask_generation)
    return;

  g_clear_object (&self->mask_overlay);
  self->mask_overlay = gdk_memory_texture_new (job->out_width, job->out_height,
                                               GDK_MEMORY_R8G8B8A8_PREMULTIPLIED, pixels,
                                               (gsize) job->out_width * 4);
  easel_reference_tray_set_mask (self->reference_tray, easel_create_panel_mask_in_effect (self),
                                 self->mask_overlay);
}

static void
make_overlay (EaselCreatePanel *self)
{
  g_autoptr(GTask) task = NULL;
  OverlayJob *job = g_new0 (OverlayJob, 1);
  guint width = easel_mask_get_width (self->mask);
  guint height = easel_mask_get_height (self->mask);

  job->generation = ++self->mask_generation;
  job->width = width;
  job->height = height;
  job->coverage = g_bytes_new (easel_mask_get_data (self->mask), (gsize) width * height);
  if (width >= height)
    {
      job->out_width = MIN (width, OVERLAY_SIDE);
      job->out_height = MAX (1, (guint) ((guint64) job->out_width * height / width));
    }
  else
    {
      job->out_height = MIN (height, OVERLAY_SIDE);
      job->out_width = MAX (1, (guint) ((guint64) job->out_height * width / height));
    }

  task = g_task_new (NULL, self->mask_export_cancellable, on_overlay_made, g_object_ref (self));
  g_task_set_source_tag (task, make_overlay);
  g_task_set_task_data (task, job, (GDestroyNotify) overlay_job_free);
  g_task_run_in_thread (task, overlay_thread);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(EaselCreatePanel) self = user_data;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;

  png = easel_mask_export_png_finish (EASEL_MASK (source), result, &error);
  /* Cancelled: a newer change or a new mask took over, and will say so. */
  if (self->mask_disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->mask_export_cancellable);
  g_clear_pointer (&self->mask_png, easel_reference_unref);
  g_clear_pointer (&self->mask_error, g_free);
  if (png != NULL)
    self->mask_png = easel_reference_new_for_bytes (png, "image/png", "mask.png");
  else
    /* Translators: %s is why the mask could not be made into a PNG. */
    self->mask_error = g_strdup_printf (_("The mask could not be prepared: %s"), error->message);

  update (self);
}

static gboolean
export_now (gpointer user_data)
{
  EaselCreatePanel *self = user_data;

  self->mask_export_id = 0;
  if (!easel_create_panel_mask_in_effect (self))
    {
      g_clear_pointer (&self->mask_png, easel_reference_unref);
      g_clear_object (&self->mask_overlay);
      update (self);
      return G_SOURCE_REMOVE;
    }

  self->mask_export_cancellable = g_cancellable_new ();
  easel_mask_export_png_async (self->mask, self->mask_export_cancellable, on_exported,
                               g_object_ref (self));
  make_overlay (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_export (EaselCreatePanel *self,
                 guint             delay_ms)
{
  gboolean was_pending = easel_create_panel_get_mask_pending (self);

  cancel_export (self);
  self->mask_export_id = g_timeout_add (delay_ms, export_now, self);

  /* Every dab comes here: only a change of state is worth a check. */
  if (!was_pending)
    update (self);
}

static void
on_mask_changed (EaselCreatePanel *self)
{
  schedule_export (self, EXPORT_DELAY_MS);
}

/* --- setting and dropping ------------------------------------------------------ */

void
easel_create_panel_take_mask (EaselCreatePanel *self,
                              EaselMask        *mask,
                              EaselReference   *source)
{
  g_assert (mask == NULL || source != NULL);

  if (self->mask == mask && self->mask_source == source)
    return;

  cancel_export (self);
  if (self->mask != NULL)
    g_signal_handlers_disconnect_by_func (self->mask, on_mask_changed, self);
  g_set_object (&self->mask, mask);
  g_clear_pointer (&self->mask_source, easel_reference_unref);
  g_clear_pointer (&self->mask_png, easel_reference_unref);
  g_clear_pointer (&self->mask_error, g_free);
  g_clear_object (&self->mask_overlay);
  self->mask_generation++;

  if (mask != NULL)
    {
      self->mask_source = easel_reference_ref (source);
      g_signal_connect_swapped (mask, "changed", G_CALLBACK (on_mask_changed), self);
      /* A whole new mask: no burst to wait for. */
      schedule_export (self, 0);
    }
  update (self);
}

EaselMask *
easel_create_panel_get_mask (EaselCreatePanel *self)
{
  g_return_val_if_fail (EASEL_IS_CREATE_PANEL (self), NULL);

  return self->mask;
}

gboolean
easel_create_panel_has_mask (EaselCreatePanel *self)
{
  g_return_val_if_fail (EASEL_IS_CREATE_PANEL (self), FALSE);

  return easel_create_panel_mask_in_effect (self);
}

void
easel_create_panel_set_mask (EaselCreatePanel *self,
                             EaselMask        *mask)
{
  g_autoptr(EaselReference) first = NULL;

  g_return_if_fail (EASEL_IS_CREATE_PANEL (self));
  g_return_if_fail (mask == NULL || EASEL_IS_MASK (mask));

  first = first_reference (self);
  g_return_if_fail (mask == NULL || first != NULL);

  easel_create_panel_take_mask (self, mask, first);
}

/* --- undo -------------------------------------------------------------------- */

typedef struct
{
  GPtrArray      *references;   /* (nullable): the list to put back, or leave it */
  EaselMask      *mask;         /* (nullable) */
  EaselReference *source;       /* (nullable) */
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->references, g_ptr_array_unref);
  g_clear_object (&snapshot->mask);
  g_clear_pointer (&snapshot->source, easel_reference_unref);
  g_free (snapshot);
}

static void
on_undo (AdwToast         *toast,
         EaselCreatePanel *self)
{
  Snapshot *snapshot = g_object_get_data (G_OBJECT (toast), "easel-mask-snapshot");
  g_autoptr(EaselReference) first = NULL;

  g_assert (snapshot != NULL);

  if (snapshot->references != NULL)
    {
      /* Putting the list back is not a change of the first image to
       * answer with another toast. */
      self->mask_quiet++;
      easel_reference_tray_set_references (self->reference_tray, snapshot->references);
      self->mask_quiet--;
      easel_create_panel_mask_references_changed (self, TRUE);
    }

  /* The mask fits only the image it was made on. */
  first = first_reference (self);
  if (snapshot->mask == NULL || first == snapshot->source)
    easel_create_panel_take_mask (self, snapshot->mask, snapshot->source);
}

/* A toast saying what happened to the mask, whose Undo puts back
 * @references (when not NULL) and the mask as it is now. */
void
easel_create_panel_toast_undo (EaselCreatePanel *self,
                               const char       *message,
                               GPtrArray        *references)
{
  AdwToast *toast = adw_toast_new (message);
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->references = references ? g_ptr_array_ref (references) : NULL;
  snapshot->mask = self->mask ? g_object_ref (self->mask) : NULL;
  snapshot->source = self->mask_source ? easel_reference_ref (self->mask_source) : NULL;

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, 8);
  g_object_set_data_full (G_OBJECT (toast), "easel-mask-snapshot", snapshot,
                          (GDestroyNotify) snapshot_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo), self, 0);
  easel_create_panel_add_toast (self, toast);
}

void
easel_create_panel_remove_mask (EaselCreatePanel *self)
{
  g_return_if_fail (EASEL_IS_CREATE_PANEL (self));

  if (self->mask == NULL)
    return;

  if (easel_create_panel_mask_in_effect (self))
    easel_create_panel_toast_undo (self, _("Mask removed"), NULL);
  easel_create_panel_take_mask (self, NULL, NULL);
}

/* The references changed (or were put back: @restored). A mask belongs to
 * the image that was first when it was made, so when another is first now
 * it goes, with an Undo that brings back the list as it was last seen. */
void
easel_create_panel_mask_references_changed (EaselCreatePanel *self,
                                            gboolean          restored)
{
  g_autoptr(GPtrArray) references = easel_reference_tray_get_references (self->reference_tray);
  EaselReference *first = references->len > 0 ? g_ptr_array_index (references, 0) : NULL;
  EaselReference *seen_first = self->mask_seen_references != NULL &&
                               self->mask_seen_references->len > 0
                               ? g_ptr_array_index (self->mask_seen_references, 0) : NULL;

  if (first != seen_first)
    easel_create_panel_cancel_mask_loads (self);

  if (!restored && self->mask != NULL && first != self->mask_source)
    {
      if (easel_create_panel_mask_in_effect (self))
        easel_create_panel_toast_undo (self, _("Mask removed: the first image changed"),
                                       self->mask_seen_references);
      easel_create_panel_take_mask (self, NULL, NULL);
    }

  g_clear_pointer (&self->mask_seen_references, g_ptr_array_unref);
  self->mask_seen_references = g_steal_pointer (&references);
  update (self);
}

static void
on_references_changed (EaselCreatePanel *self)
{
  /* Reuse Parameters sets the list and then the mask, in one go
   * (easel_create_panel_apply_request_mask()); the undo puts its own list
   * back. */
  if (self->updating || self->mask_quiet > 0 || self->mask_disposed)
    return;

  easel_create_panel_mask_references_changed (self, FALSE);
}

/* --- the request ------------------------------------------------------------- */

void
easel_create_panel_put_mask (EaselCreatePanel *self,
                             EaselRequest     *request,
                             gboolean          checking)
{
  if (!easel_create_panel_mask_in_effect (self))
    return;

  if (self->mask_png != NULL)
    easel_request_set_mask (request, self->mask_png);
  else if (checking)
    {
      /* Not encoded yet: a stand-in, so validation still says whether the
       * gateway takes a mask at all. Generate waits for the real one. */
      g_autoptr(GBytes) nothing = g_bytes_new (NULL, 0);
      g_autoptr(EaselReference) stand_in = easel_reference_new_for_bytes (nothing, "image/png",
                                                                          "mask.png");

      easel_request_set_mask (request, stand_in);
    }
}

const char *
easel_create_panel_mask_problem (EaselCreatePanel *self)
{
  if (easel_create_panel_get_mask_pending (self))
    return _("Preparing the mask…");
  if (easel_create_panel_mask_in_effect (self) && self->mask_error != NULL)
    return self->mask_error;
  return NULL;
}

/* --- set-up -------------------------------------------------------------------- */

static void
on_mask_action (EaselCreatePanel *self,
                const char       *name)
{
  if (g_str_equal (name, "edit"))
    easel_create_panel_edit_mask (self);
  else if (g_str_equal (name, "paste"))
    easel_create_panel_paste_mask (self, gtk_widget_get_clipboard (GTK_WIDGET (self)));
  else if (g_str_equal (name, "remove"))
    easel_create_panel_remove_mask (self);
}

static void
on_mask_drop (EaselCreatePanel *self,
              const GValue     *value)
{
  easel_create_panel_drop_mask (self, value);
}

void
easel_create_panel_init_mask (EaselCreatePanel *self)
{
  g_signal_connect_swapped (self->reference_tray, "changed",
                            G_CALLBACK (on_references_changed), self);
  g_signal_connect_swapped (self->reference_tray, "mask-action",
                            G_CALLBACK (on_mask_action), self);
  g_signal_connect_swapped (self->reference_tray, "mask-drop",
                            G_CALLBACK (on_mask_drop), self);
}

void
easel_create_panel_dispose_mask (EaselCreatePanel *self)
{
  self->mask_disposed = TRUE;
  cancel_export (self);
  easel_create_panel_cancel_mask_loads (self);
  if (self->mask_editor != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->mask_editor),
                                    (gpointer *) &self->mask_editor);
      gtk_window_destroy (GTK_WINDOW (self->mask_editor));
      self->mask_editor = NULL;
    }
  if (self->mask != NULL)
    g_signal_handlers_disconnect_by_func (self->mask, on_mask_changed, self);
  g_clear_object (&self->mask);
  g_clear_pointer (&self->mask_source, easel_reference_unref);
  g_clear_pointer (&self->mask_png, easel_reference_unref);
  g_clear_pointer (&self->mask_error, g_free);
  g_clear_object (&self->mask_overlay);
  g_clear_pointer (&self->mask_seen_references, g_ptr_array_unref);
}

void
easel_create_panel_class_init_mask (GObjectClass *object_class)
{
  /**
   * EaselCreatePanel::add-toast:
   * @toast: an #AdwToast for the window to show (an Undo, a refusal)
   */
  add_toast_signal = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (object_class),
                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                   ADW_TYPE_TOAST);
}
