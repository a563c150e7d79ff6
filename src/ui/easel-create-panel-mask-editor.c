/* easel-create-panel-mask-editor.c: the mask editor, opened from the panel
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The editor paints the panel's own mask in place, so every stroke is
 * already in what Generate sends; the panel only adopts a mask the editor
 * makes (none was set, or the one set did not fit) and turns its Replace
 * Image into a new first reference, which drops the old mask as any change
 * of the first image does. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-create-panel-private.h"
#include "easel-mask-editor.h"

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

static void
on_editor_mask (EaselCreatePanel *self,
                GParamSpec       *pspec,
                EaselMaskEditor  *editor)
{
  EaselMask *mask = easel_mask_editor_get_mask (editor);
  EaselReference *source = easel_mask_editor_get_source (editor);
  g_autoptr(EaselReference) first = first_reference (self);

  /* The editor made a mask for its image (none was set, or the one set
   * did not fit): that is the mask now. */
  if (mask != NULL && source != NULL && source == first)
    easel_create_panel_take_mask (self, mask, source);
}

static void
on_editor_replace_source (EaselCreatePanel *self,
                          EaselReference   *reference,
                          EaselMaskEditor  *editor)
{
  g_autoptr(GError) error = NULL;

  if (easel_reference_tray_get_n_references (self->reference_tray) == 0 ||
      !easel_reference_tray_replace (self->reference_tray, 0, reference, &error))
    {
      toast (self, error != NULL ? error->message : _("There is no image to replace."));
      return;
    }

  /* The tray's change dropped the old mask (with its Undo); the editor
   * starts a new one on the new image, and says so through notify::mask. */
  easel_mask_editor_set_source (editor, reference, NULL);
}

void
easel_create_panel_edit_mask (EaselCreatePanel *self)
{
  g_autoptr(EaselReference) first = NULL;
  GtkRoot *root;
  GtkWidget *editor;
  const char *problem;

  g_return_if_fail (EASEL_IS_CREATE_PANEL (self));

  if (self->mask_editor != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->mask_editor));
      return;
    }

  problem = easel_reference_tray_get_mask_problem (self->reference_tray);
  if (problem != NULL)
    {
      toast (self, problem);
      return;
    }

  first = first_reference (self);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  editor = easel_mask_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, first,
                                  self->mask_source == first ? self->mask : NULL);
  self->mask_editor = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &self->mask_editor);
  g_signal_connect_object (editor, "notify::mask", G_CALLBACK (on_editor_mask), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "replace-source", G_CALLBACK (on_editor_replace_source),
                           self, G_CONNECT_SWAPPED);
  /* A mask the editor was given is edited in place; one it makes is
   * announced, maybe at once. */
  on_editor_mask (self, NULL, EASEL_MASK_EDITOR (editor));
  gtk_window_present (GTK_WINDOW (editor));
}

GtkWindow *
easel_create_panel_get_mask_editor (EaselCreatePanel *self)
{
  g_return_val_if_fail (EASEL_IS_CREATE_PANEL (self), NULL);

  return self->mask_editor ? GTK_WINDOW (self->mask_editor) : NULL;
}
