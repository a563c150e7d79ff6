/* easel-reference-tray.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The reference tray keeps the list of reference images and shows it
 * against the current gateway's rules. It refuses at the door only what
 * the gateway could never take (past its limit, or a form it does not
 * accept), checks files on a worker thread, and when the gateway changes
 * under existing references it marks them instead of dropping anything:
 * the Create panel's validation then says why Generate is blocked.
 * Here are the widget, its properties and its API; the list and its
 * checks are in easel-reference-tray-items.c, drops and drags in -dnd.c,
 * the clipboard and textures in -paste.c, the file chooser in -chooser.c. */

#include "config.h"

#include "easel-reference-tray-private.h"

G_DEFINE_FINAL_TYPE (EaselReferenceTray, easel_reference_tray, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_N_REFERENCES,
  PROP_MAX_REFERENCES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  REFUSED,
  MASK_ACTION,
  MASK_DROP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
easel_reference_tray_announce (EaselReferenceTray *self,
                               guint               old_n_references)
{
  easel_reference_tray_update_view (self);
  g_signal_emit (self, signals[CHANGED], 0);
  if (self->entries->len != old_n_references)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_REFERENCES]);
}

static void
apply_profile (EaselReferenceTray *self)
{
  const EaselProfileLimits *limits = self->profile ? easel_profile_get_limits (self->profile)
                                                   : NULL;
  guint max_references = limits ? MIN (limits->max_references, EASEL_MAX_REFERENCES)
                                 : EASEL_MAX_REFERENCES;

  self->reference_forms = limits ? limits->reference_forms : ALL_FORMS;
  if (self->max_references != max_references)
    {
      self->max_references = max_references;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_REFERENCES]);
    }

  easel_reference_tray_update_view (self);
}

static void
add_files_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  easel_reference_tray_choose_files (EASEL_REFERENCE_TRAY (widget));
}

static void
paste_mask_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_signal_emit (widget, signals[MASK_ACTION], 0, "paste");
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  easel_reference_tray_paste (EASEL_REFERENCE_TRAY (widget), gtk_widget_get_clipboard (widget));
}

/* --- GObject ----------------------------------------------------------- */

static void
easel_reference_tray_dispose (GObject *object)
{
  EaselReferenceTray *self = EASEL_REFERENCE_TRAY (object);

  g_cancellable_cancel (self->cancellable);
  easel_reference_tray_close_chooser (self);
  if (self->profile != NULL)
    g_signal_handlers_disconnect_by_data (self->profile, self);
  g_clear_object (&self->profile);
  if (self->entries != NULL)
    g_ptr_array_set_size (self->entries, 0);

  gtk_widget_dispose_template (GTK_WIDGET (self), EASEL_TYPE_REFERENCE_TRAY);
  {
    GtkWidget *child;

    /* The tray's own box is not a bound template child, so it is ours to
     * unparent. */
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (easel_reference_tray_parent_class)->dispose (object);
}

static void
easel_reference_tray_finalize (GObject *object)
{
  EaselReferenceTray *self = EASEL_REFERENCE_TRAY (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->mask_overlay);

  G_OBJECT_CLASS (easel_reference_tray_parent_class)->finalize (object);
}

static void
easel_reference_tray_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  EaselReferenceTray *self = EASEL_REFERENCE_TRAY (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_N_REFERENCES:
      g_value_set_uint (value, self->entries->len);
      break;
    case PROP_MAX_REFERENCES:
      g_value_set_uint (value, self->max_references);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_reference_tray_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  EaselReferenceTray *self = EASEL_REFERENCE_TRAY (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      easel_reference_tray_set_profile (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_reference_tray_class_init (EaselReferenceTrayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags read_only = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = easel_reference_tray_dispose;
  object_class->finalize = easel_reference_tray_finalize;
  object_class->get_property = easel_reference_tray_get_property;
  object_class->set_property = easel_reference_tray_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, EASEL_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_REFERENCES] =
    g_param_spec_uint ("n-references", NULL, NULL, 0, G_MAXUINT, 0, read_only);
  properties[PROP_MAX_REFERENCES] =
    g_param_spec_uint ("max-references", NULL, NULL, 0, EASEL_MAX_REFERENCES,
                       EASEL_MAX_REFERENCES, read_only);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EaselReferenceTray::changed:
   *
   * The references or their order changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * EaselReferenceTray::refused:
   * @message: what was not added or was removed, and why; for a toast
   */
  signals[REFUSED] = g_signal_new ("refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * EaselReferenceTray::mask-action:
   * @name: "edit" (the Mask button), "paste" (Paste as Mask) or "remove"
   *
   * Asked for on the first reference; the mask is not the tray's.
   */
  signals[MASK_ACTION] = g_signal_new ("mask-action", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                       G_TYPE_STRING);
  /**
   * EaselReferenceTray::mask-drop:
   * @value: a #GdkFileList, a #GFile or a #GdkTexture dropped on the Mask
   *   button of the first reference
   */
  signals[MASK_DROP] = g_signal_new ("mask-drop", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                     G_TYPE_VALUE | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_install_action (widget_class, "tray.add-files", NULL, add_files_action);
  gtk_widget_class_install_action (widget_class, "tray.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "tray.paste-mask", NULL, paste_mask_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK,
                                       "tray.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, GDK_SHIFT_MASK,
                                       "tray.paste", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/easel-reference-tray.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, EaselReferenceTray, name)
  BIND (count_label);
  BIND (add_button);
  BIND (stack);
  BIND (drop_zone_label);
  BIND (scroller);
  BIND (items_box);
#undef BIND

  g_type_ensure (EASEL_TYPE_REFERENCE_THUMBNAIL);
}

static void
easel_reference_tray_init (EaselReferenceTray *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) easel_reference_entry_free);
  self->cancellable = g_cancellable_new ();
  self->max_references = EASEL_MAX_REFERENCES;
  self->reference_forms = ALL_FORMS;

  easel_reference_tray_init_dnd (self);
  easel_reference_tray_update_view (self);
}

/* --- public API -------------------------------------------------------- */

GtkWidget *
easel_reference_tray_new (void)
{
  return g_object_new (EASEL_TYPE_REFERENCE_TRAY, NULL);
}

EaselProfile *
easel_reference_tray_get_profile (EaselReferenceTray *self)
{
  g_return_val_if_fail (EASEL_IS_REFERENCE_TRAY (self), NULL);
  return self->profile;
}

/**
 * easel_reference_tray_set_profile:
 * @self: a tray
 * @profile: (nullable): the gateway the references are for
 *
 * Shows the references against @profile's limits, and follows later edits
 * of them. References the profile cannot take are kept and marked.
 */
void
easel_reference_tray_set_profile (EaselReferenceTray *self,
                                  EaselProfile       *profile)
{
  g_return_if_fail (EASEL_IS_REFERENCE_TRAY (self));
  g_return_if_fail (profile == NULL || EASEL_IS_PROFILE (profile));

  if (self->profile == profile)
    return;

  if (self->profile != NULL)
    g_signal_handlers_disconnect_by_data (self->profile, self);
  g_set_object (&self->profile, profile);
  if (profile != NULL)
    g_signal_connect_swapped (profile, "changed", G_CALLBACK (apply_profile), self);

  apply_profile (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

GPtrArray *
easel_reference_tray_get_references (EaselReferenceTray *self)
{
  GPtrArray *references;

  g_return_val_if_fail (EASEL_IS_REFERENCE_TRAY (self), NULL);

  references = g_ptr_array_new_full (self->entries->len, (GDestroyNotify) easel_reference_unref);
  for (guint i = 0; i < self->entries->len; i++)
    g_ptr_array_add (references, easel_reference_ref (
                       ((EaselReferenceEntry *) g_ptr_array_index (self->entries, i))->reference));

  return references;
}

/**
 * easel_reference_tray_set_references:
 * @self: a tray
 * @references: (element-type EaselReference) (nullable): the new list
 *
 * Replaces every reference, as Reuse Parameters does. Nothing is refused
 * here: what the gateway cannot take is marked, and files are still
 * checked as they load.
 */
void
easel_reference_tray_set_references (EaselReferenceTray *self,
                                     GPtrArray          *references)
{
  guint old_n;

  g_return_if_fail (EASEL_IS_REFERENCE_TRAY (self));

  old_n = self->entries->len;
  while (self->entries->len > 0)
    easel_reference_tray_remove_entry (self, self->entries->len - 1);
  for (guint i = 0; references != NULL && i < references->len; i++)
    easel_reference_tray_insert (self, g_ptr_array_index (references, i), i, FALSE, NULL);

  easel_reference_tray_announce (self, old_n);
}

guint
easel_reference_tray_get_n_references (EaselReferenceTray *self)
{
  g_return_val_if_fail (EASEL_IS_REFERENCE_TRAY (self), 0);
  return self->entries->len;
}

gboolean
easel_reference_tray_add (EaselReferenceTray  *self,
                          EaselReference      *reference,
                          gboolean             first,
                          GError             **error)
{
  guint old_n;

  g_return_val_if_fail (EASEL_IS_REFERENCE_TRAY (self), FALSE);
  g_return_val_if_fail (reference != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  old_n = self->entries->len;
  if (!easel_reference_tray_insert (self, reference, first ? 0 : old_n, TRUE, error))
    return FALSE;

  easel_reference_tray_announce (self, old_n);
  return TRUE;
}

/**
 * easel_reference_tray_replace:
 * @self: a tray
 * @position: a reference's position
 * @reference: what takes its place
 * @error: why @reference was refused
 *
 * Puts @reference where the one at @position was, in one change (the mask
 * editor's Replace Image). Checked as easel_reference_tray_add() checks.
 *
 * Returns: whether it was taken; when not, nothing changed
 */
gboolean
easel_reference_tray_replace (EaselReferenceTray  *self,
                              guint                position,
                              EaselReference      *reference,
                              GError             **error)
{
  EaselReferenceEntry *entry;
  g_autoptr(EaselReference) old = NULL;

  g_return_val_if_fail (EASEL_IS_REFERENCE_TRAY (self), FALSE);
  g_return_val_if_fail (position < self->entries->len, FALSE);
  g_return_val_if_fail (reference != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  entry = g_ptr_array_index (self->entries, position);
  old = easel_reference_ref (entry->reference);
  easel_reference_tray_remove_entry (self, position);
  if (!easel_reference_tray_insert (self, reference, position, TRUE, error))
    {
      /* Put back as it was, unchecked: it was there already. */
      easel_reference_tray_insert (self, old, position, FALSE, NULL);
      easel_reference_tray_update_view (self);
      return FALSE;
    }

  easel_reference_tray_announce (self, self->entries->len);
  return TRUE;
}

/**
 * easel_reference_tray_set_mask:
 * @self: a tray
 * @has_mask: whether the first reference has a mask
 * @overlay: (nullable): its painted region, tinted, at the preview's shape
 *
 * Shows the mask on the first reference: "Edit Mask", the tint over the
 * preview, "Mask set" for assistive technologies.
 */
void
easel_reference_tray_set_mask (EaselReferenceTray *self,
                               gboolean            has_mask,
                               GdkTexture         *overlay)
{
  g_return_if_fail (EASEL_IS_REFERENCE_TRAY (self));
  g_return_if_fail (overlay == NULL || GDK_IS_TEXTURE (overlay));

  self->has_mask = !!has_mask;
  g_set_object (&self->mask_overlay, overlay);
  if (self->entries->len > 0)
    easel_reference_thumbnail_set_mask (easel_reference_tray_get_thumbnail (self, 0),
                                        easel_reference_tray_get_mask_problem (self),
                                        self->has_mask, self->mask_overlay);
}

void
easel_reference_tray_remove (EaselReferenceTray *self,
                             guint               position)
{
  guint old_n;

  g_return_if_fail (EASEL_IS_REFERENCE_TRAY (self));
  g_return_if_fail (position < self->entries->len);

  old_n = self->entries->len;
  easel_reference_tray_remove_entry (self, position);
  easel_reference_tray_announce (self, old_n);
}

/**
 * easel_reference_tray_move:
 * @self: a tray
 * @from: a reference's position
 * @to: the position it is to have afterwards
 */
void
easel_reference_tray_move (EaselReferenceTray *self,
                           guint               from,
                           guint               to)
{
  EaselReferenceEntry *entry;
  GtkWidget *sibling;

  g_return_if_fail (EASEL_IS_REFERENCE_TRAY (self));
  g_return_if_fail (from < self->entries->len);
  g_return_if_fail (to < self->entries->len);

  if (from == to)
    return;

  entry = g_ptr_array_steal_index (self->entries, from);
  g_ptr_array_insert (self->entries, to, entry);

  /* Reordered in place, not removed and added, so keyboard focus stays on
   * the tile being moved. */
  sibling = to == 0
            ? NULL
            : GTK_WIDGET (((EaselReferenceEntry *) g_ptr_array_index (self->entries,
                                                                      to - 1))->thumbnail);
  gtk_box_reorder_child_after (self->items_box, GTK_WIDGET (entry->thumbnail), sibling);

  easel_reference_tray_announce (self, self->entries->len);
}

void
easel_reference_tray_clear (EaselReferenceTray *self)
{
  guint old_n;

  g_return_if_fail (EASEL_IS_REFERENCE_TRAY (self));

  old_n = self->entries->len;
  if (old_n == 0)
    return;

  while (self->entries->len > 0)
    easel_reference_tray_remove_entry (self, self->entries->len - 1);
  easel_reference_tray_announce (self, old_n);
}

guint
easel_reference_tray_get_n_pending (EaselReferenceTray *self)
{
  g_return_val_if_fail (EASEL_IS_REFERENCE_TRAY (self), 0);
  return self->n_pending;
}

EaselReferenceThumbnail *
easel_reference_tray_get_thumbnail (EaselReferenceTray *self,
                                    guint               position)
{
  g_return_val_if_fail (EASEL_IS_REFERENCE_TRAY (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  return ((EaselReferenceEntry *) g_ptr_array_index (self->entries, position))->thumbnail;
}
