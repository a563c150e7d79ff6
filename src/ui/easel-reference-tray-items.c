/* easel-reference-tray-items.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The reference tray's list: an entry per reference with its tile, the
 * checks at the door (the limit and the forms the gateway takes), the
 * worker-thread check of each image as it arrives, and the view of it
 * all against the current limits. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-error.h"
#include "easel-reference-preview.h"
#include "easel-reference-tray-private.h"

void
easel_reference_entry_free (EaselReferenceEntry *entry)
{
  g_cancellable_cancel (entry->cancellable);
  g_object_unref (entry->cancellable);
  easel_reference_unref (entry->reference);
  g_free (entry);
}

/* Why a gateway taking @forms cannot take @reference, or NULL. */
static const char *
form_problem (EaselReference *reference,
              guint           forms)
{
  if (forms == 0)
    return _("This gateway takes no reference images.");

  if (easel_reference_get_kind (reference) == EASEL_REFERENCE_URL)
    return (forms & EASEL_REFERENCE_FORM_URLS)
           ? NULL
           : _("This gateway takes images as files, not links; download the image and add the "
               "file.");

  return (forms & LOCAL_FORMS)
         ? NULL
         : _("This gateway takes image links (https://) only; upload the image somewhere and "
             "paste its link.");
}

static char *
limit_message (guint max_references)
{
  if (max_references == 0)
    return g_strdup (_("This gateway takes no reference images."));

  return g_strdup_printf (ngettext ("This gateway takes at most %u reference image.",
                                    "This gateway takes at most %u reference images.",
                                    max_references),
                          max_references);
}

void
easel_reference_tray_refuse (EaselRefusals *refusals,
                             const char    *message)
{
  if (refusals->n_refused++ == 0)
    refusals->first_message = g_strdup (message);
}

void
easel_reference_tray_emit_refusals (EaselReferenceTray *self,
                                    EaselRefusals      *refusals)
{
  g_autofree char *message = NULL;
  guint others = refusals->n_refused - 1;

  if (refusals->n_refused == 0)
    return;

  if (others == 0)
    message = g_steal_pointer (&refusals->first_message);
  else
    /* Translators: %s is why the first item was refused, a whole sentence. */
    message = g_strdup_printf (ngettext ("%s %u more item was not added either.",
                                         "%s %u more items were not added either.", others),
                               refusals->first_message, others);

  g_clear_pointer (&refusals->first_message, g_free);
  refusals->n_refused = 0;
  g_signal_emit_by_name (self, "refused", message);
}

static guint
find_entry (EaselReferenceTray *self,
            gpointer            thumbnail_or_cancellable)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      EaselReferenceEntry *entry = g_ptr_array_index (self->entries, i);

      if ((gpointer) entry->thumbnail == thumbnail_or_cancellable ||
          (gpointer) entry->cancellable == thumbnail_or_cancellable)
        return i;
    }

  return G_MAXUINT;
}

void
easel_reference_tray_remove_entry (EaselReferenceTray *self,
              guint               position)
{
  EaselReferenceEntry *entry = g_ptr_array_steal_index (self->entries, position);

  g_signal_handlers_disconnect_by_data (entry->thumbnail, self);
  gtk_box_remove (self->items_box, GTK_WIDGET (entry->thumbnail));
  easel_reference_entry_free (entry);
}

/* Shows the list against the limits: the count ("7 of 6" in red when a
 * new gateway takes fewer), each tile's problem, and the empty state. */
void
easel_reference_tray_update_view (EaselReferenceTray *self)
{
  guint n = self->entries->len;
  gboolean over = n > self->max_references;
  g_autofree char *count = NULL;
  g_autofree char *limit = limit_message (self->max_references);

  /* Translators: how many reference images were added, of how many the
   * gateway takes, e.g. "2 of 16". */
  count = g_strdup_printf (_("%u of %u"), n, self->max_references);
  gtk_label_set_label (self->count_label, count);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->count_label), over ? limit : NULL);
  /* Over the limit the count is in full red, not the dimmed grey. */
  if (over)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
    }

  for (guint i = 0; i < n; i++)
    {
      EaselReferenceEntry *entry = g_ptr_array_index (self->entries, i);
      const char *problem = form_problem (entry->reference, self->reference_forms);

      easel_reference_thumbnail_set_position (entry->thumbnail, i, n);
      easel_reference_thumbnail_set_problem (entry->thumbnail,
                                             problem ? problem : i >= self->max_references
                                                                 ? limit : NULL);
      if (i == 0)
        easel_reference_thumbnail_set_mask (entry->thumbnail,
                                            easel_reference_tray_get_mask_problem (self),
                                            self->has_mask, self->mask_overlay);
      else
        easel_reference_thumbnail_set_mask (entry->thumbnail, NULL, FALSE, NULL);
    }

  if (self->max_references == 0 || self->reference_forms == 0)
    gtk_label_set_label (self->drop_zone_label, _("This gateway takes no reference images"));
  else if (!(self->reference_forms & LOCAL_FORMS))
    gtk_label_set_label (self->drop_zone_label, _("Paste or drop image links (https://)"));
  else
    gtk_label_set_label (self->drop_zone_label, _("Drop images here or paste a link"));

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "items" : "empty");

  /* Files make no sense to a gateway that takes links only. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tray.add-files",
                                 self->max_references > 0 && (self->reference_forms & LOCAL_FORMS));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tray.paste-mask",
                                 easel_reference_tray_get_mask_problem (self) == NULL);
}

/**
 * easel_reference_tray_get_mask_problem:
 * @self: a tray
 *
 * Returns: (nullable): why no mask can be painted now (the gateway takes
 *   none, there is no first reference, or it is a link), or %NULL
 */
const char *
easel_reference_tray_get_mask_problem (EaselReferenceTray *self)
{
  const EaselProfileLimits *limits;
  EaselReferenceEntry *first;

  g_return_val_if_fail (EASEL_IS_REFERENCE_TRAY (self), NULL);

  limits = self->profile != NULL ? easel_profile_get_limits (self->profile) : NULL;
  if (limits != NULL && !limits->supports_mask)
    return _("This gateway does not take a mask");
  if (self->entries->len == 0)
    return _("Add the image to edit first: a mask applies to the first reference");

  /* The mask is painted over the image at its own size, so Easel must
   * have its pixels; it never downloads other people's links. */
  first = g_ptr_array_index (self->entries, 0);
  if (easel_reference_get_kind (first->reference) == EASEL_REFERENCE_URL)
    return _("A mask needs a local image as the first reference; this one is a link");

  return NULL;
}

static void
on_preview_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(EaselReferenceTray) self = user_data;
  g_autoptr(GdkTexture) preview = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = easel_reference_preview_load_finish (result, &preview, &error);
  guint position;

  self->n_pending--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The entry is found by its load's cancellable: the same reference may
   * be in the list twice, and the entry may be gone already. */
  position = find_entry (self, g_task_get_cancellable (G_TASK (result)));
  if (position == G_MAXUINT)
    return;

  if (!ok)
    {
      guint old_n = self->entries->len;

      easel_reference_tray_remove_entry (self, position);
      easel_reference_tray_announce (self, old_n);
      g_signal_emit_by_name (self, "refused", error->message);
      return;
    }

  easel_reference_thumbnail_set_preview (
    ((EaselReferenceEntry *) g_ptr_array_index (self->entries, position))->thumbnail, preview);
}

static void
on_thumbnail_move (EaselReferenceThumbnail *thumbnail,
                   int                      offset,
                   EaselReferenceTray      *self)
{
  guint from = find_entry (self, thumbnail);
  int to = (int) from + offset;

  if (from != G_MAXUINT && to >= 0 && to < (int) self->entries->len)
    easel_reference_tray_move (self, from, to);
}

/* Only the first reference carries the mask. */
static void
on_thumbnail_mask_action (EaselReferenceThumbnail *thumbnail,
                          const char              *name,
                          EaselReferenceTray      *self)
{
  if (find_entry (self, thumbnail) == 0)
    g_signal_emit_by_name (self, "mask-action", name);
}

static void
on_thumbnail_mask_drop (EaselReferenceThumbnail *thumbnail,
                        const GValue            *value,
                        EaselReferenceTray      *self)
{
  if (find_entry (self, thumbnail) == 0)
    g_signal_emit_by_name (self, "mask-drop", value);
}

static void
on_thumbnail_remove (EaselReferenceThumbnail *thumbnail,
                     EaselReferenceTray      *self)
{
  guint position = find_entry (self, thumbnail);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL && (focus == GTK_WIDGET (thumbnail) ||
                                         gtk_widget_is_ancestor (focus, GTK_WIDGET (thumbnail)));

  if (position == G_MAXUINT)
    return;

  easel_reference_tray_remove (self, position);

  /* Focus stays in the row, on the tile that took the removed one's
   * place, so Delete can be pressed again. */
  if (had_focus)
    {
      guint n = self->entries->len;

      if (n > 0)
        gtk_widget_grab_focus (GTK_WIDGET (easel_reference_tray_get_thumbnail (
                                 self, MIN (position, n - 1))));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
    }
}

gboolean
easel_reference_tray_insert (EaselReferenceTray  *self,
                             EaselReference      *reference,
                             guint                position,
                             gboolean             check,
                             GError             **error)
{
  EaselReferenceEntry *entry;
  GtkWidget *sibling;

  g_assert (position <= self->entries->len);

  if (check)
    {
      /* A full tray refuses anything, so the limit is the reason given. */
      gboolean full = self->entries->len >= self->max_references;
      const char *problem = full ? NULL : form_problem (reference, self->reference_forms);

      if (full || problem != NULL)
        {
          g_autofree char *name = easel_reference_display_name (reference);
          g_autofree char *limit = limit_message (self->max_references);

          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                       /* Translators: %s is a file name or a host, then why, a sentence. */
                       _("“%s” was not added. %s"), name, problem ? problem : limit);
          return FALSE;
        }
    }

  entry = g_new0 (EaselReferenceEntry, 1);
  entry->reference = easel_reference_ref (reference);
  entry->cancellable = g_cancellable_new ();
  entry->thumbnail = EASEL_REFERENCE_THUMBNAIL (easel_reference_thumbnail_new (reference));
  g_signal_connect (entry->thumbnail, "move", G_CALLBACK (on_thumbnail_move), self);
  g_signal_connect (entry->thumbnail, "remove", G_CALLBACK (on_thumbnail_remove), self);
  g_signal_connect (entry->thumbnail, "mask-action", G_CALLBACK (on_thumbnail_mask_action), self);
  g_signal_connect (entry->thumbnail, "mask-drop", G_CALLBACK (on_thumbnail_mask_drop), self);
  easel_reference_tray_attach_drag (self, entry->thumbnail);

  sibling = position == 0
            ? NULL
            : GTK_WIDGET (((EaselReferenceEntry *) g_ptr_array_index (self->entries,
                                                                      position - 1))->thumbnail);
  gtk_box_insert_child_after (self->items_box, GTK_WIDGET (entry->thumbnail), sibling);
  g_ptr_array_insert (self->entries, position, entry);

  if (easel_reference_get_kind (reference) != EASEL_REFERENCE_URL)
    {
      self->n_pending++;
      easel_reference_preview_load_async (reference, entry->cancellable, on_preview_loaded,
                                          g_object_ref (self));
    }

  return TRUE;
}

/* Inserts at the end, or collects why not. */
gboolean
easel_reference_tray_append (EaselReferenceTray *self,
                             EaselReference     *reference,
                             EaselRefusals      *refusals)
{
  g_autoptr(GError) error = NULL;

  if (easel_reference_tray_insert (self, reference, self->entries->len, TRUE, &error))
    return TRUE;

  easel_reference_tray_refuse (refusals, error->message);
  return FALSE;
}
