/* easel-mask-editor.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The mask editor window: its properties, the mask it edits and the
 * source it shows. The actions, keys, settings and tool bar are in
 * easel-mask-editor-controls.c, loading the source in
 * easel-mask-editor-load.c, drops and pastes in easel-mask-editor-dnd.c. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-mask-editor-private.h"

G_DEFINE_FINAL_TYPE (EaselMaskEditor, easel_mask_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_MASK,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REPLACE_SOURCE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- toasts ------------------------------------------------------------ */

void
easel_mask_editor_toast (EaselMaskEditor *self,
                         const char      *message,
                         gboolean         offer_undo)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  g_autoptr(AdwToast) toast = adw_toast_new (escaped);

  if (offer_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "mask.undo");
    }

  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
  adw_toast_overlay_add_toast (self->toast_overlay, g_steal_pointer (&toast));
}

const char *
easel_mask_editor_get_last_toast (EaselMaskEditor *self)
{
  g_return_val_if_fail (EASEL_IS_MASK_EDITOR (self), NULL);

  return self->last_toast;
}

guint
easel_mask_editor_get_n_pending (EaselMaskEditor *self)
{
  g_return_val_if_fail (EASEL_IS_MASK_EDITOR (self), 0);

  return self->n_pending;
}

/* --- the mask ---------------------------------------------------------- */

gboolean
easel_mask_editor_is_ready (EaselMaskEditor *self)
{
  return self->texture != NULL && self->mask != NULL;
}


static void
on_mask_history (EaselMaskEditor *self)
{
  easel_mask_editor_update_actions (self);
}

static void
disconnect_mask (EaselMaskEditor *self)
{
  if (self->mask != NULL)
    g_signal_handlers_disconnect_by_data (self->mask, self);
}

/* Takes @mask (nullable) as the mask being edited, notifying on change. */
static void
take_mask (EaselMaskEditor *self,
           EaselMask       *mask)
{
  if (self->mask == mask)
    {
      g_clear_object (&mask);
      return;
    }

  disconnect_mask (self);
  g_clear_object (&self->mask);
  self->mask = mask;
  if (mask != NULL)
    {
      g_signal_connect_swapped (mask, "notify::can-undo", G_CALLBACK (on_mask_history), self);
      g_signal_connect_swapped (mask, "notify::can-redo", G_CALLBACK (on_mask_history), self);
      g_signal_connect_swapped (mask, "notify::empty", G_CALLBACK (on_mask_history), self);
    }

  easel_mask_editor_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MASK]);
}

/* The mask is kept if it has the source's size, else a new one takes its
 * place. */
void
easel_mask_editor_show_texture (EaselMaskEditor *self,
                                GdkTexture      *texture)
{
  guint width = gdk_texture_get_width (texture);
  guint height = gdk_texture_get_height (texture);

  g_set_object (&self->texture, texture);

  if (self->mask == NULL || easel_mask_get_width (self->mask) != width ||
      easel_mask_get_height (self->mask) != height)
    take_mask (self, easel_mask_new (width, height));

  easel_mask_canvas_set_source (self->canvas, texture, self->mask);
  gtk_stack_set_visible_child_name (self->stack, "editor");
  easel_mask_editor_update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

/* --- the window ---------------------------------------------------------- */

/* gtk_window_destroy() unrealizes the window but does not dispose it while
 * the loads and imports under way still hold it: their work is called off
 * here, so a closed editor neither decodes on nor changes its mask. */
static void
easel_mask_editor_unrealize (GtkWidget *widget)
{
  EaselMaskEditor *self = EASEL_MASK_EDITOR (widget);

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->cancellable);

  GTK_WIDGET_CLASS (easel_mask_editor_parent_class)->unrealize (widget);
}

static void
easel_mask_editor_dispose (GObject *object)
{
  EaselMaskEditor *self = EASEL_MASK_EDITOR (object);

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->cancellable);
  disconnect_mask (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), EASEL_TYPE_MASK_EDITOR);

  g_clear_object (&self->mask);
  g_clear_object (&self->texture);
  g_clear_pointer (&self->source, easel_reference_unref);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->actions);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (easel_mask_editor_parent_class)->dispose (object);
}

static void
easel_mask_editor_finalize (GObject *object)
{
  EaselMaskEditor *self = EASEL_MASK_EDITOR (object);

  g_free (self->last_toast);

  G_OBJECT_CLASS (easel_mask_editor_parent_class)->finalize (object);
}

static void
easel_mask_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EaselMaskEditor *self = EASEL_MASK_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_boxed (value, self->source);
      break;

    case PROP_MASK:
      g_value_set_object (value, self->mask);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_mask_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  EaselMaskEditor *self = EASEL_MASK_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      easel_mask_editor_set_source (self, g_value_get_boxed (value), self->mask);
      break;

    case PROP_MASK:
      {
        EaselMask *mask = g_value_get_object (value);

        if (self->texture != NULL)
          {
            take_mask (self, mask != NULL ? g_object_ref (mask) : NULL);
            easel_mask_editor_show_texture (self, self->texture);
          }
        else
          {
            take_mask (self, mask != NULL ? g_object_ref (mask) : NULL);
          }
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_mask_editor_class_init (EaselMaskEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = easel_mask_editor_dispose;
  object_class->finalize = easel_mask_editor_finalize;
  object_class->get_property = easel_mask_editor_get_property;
  object_class->set_property = easel_mask_editor_set_property;
  widget_class->unrealize = easel_mask_editor_unrealize;

  properties[PROP_SOURCE] =
    g_param_spec_boxed ("source", NULL, NULL,
                        EASEL_TYPE_REFERENCE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MASK] =
    g_param_spec_object ("mask", NULL, NULL,
                         EASEL_TYPE_MASK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EaselMaskEditor::replace-source:
   * @reference: the dropped image, a FILE or BYTES reference
   *
   * An image was dropped on "Replace Image". The owner makes it the first
   * reference and calls easel_mask_editor_set_source().
   */
  signals[REPLACE_SOURCE] =
    g_signal_new ("replace-source",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, EASEL_TYPE_REFERENCE);

  g_type_ensure (EASEL_TYPE_MASK_CANVAS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/easelapp/Easel/easel-mask-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, drop_overlay);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, error_page);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, canvas);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, drop_zones);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, replace_zone);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, mask_zone);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, toolbar);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, toolbar_wide);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, toolbar_medium);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, toolbar_narrow);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, size_adjustment);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, hardness_adjustment);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, opacity_adjustment);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, size_label);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, hardness_label);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, brush_label_medium);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, brush_label_narrow);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, popover_size_label);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, popover_hardness_label);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, opacity_label);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, zoom_label_wide);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, zoom_label_medium);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, brush_button_medium);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, brush_button_narrow);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, overlay_button_wide);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, overlay_button_medium);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, overlay_button_narrow);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, overlay_icon_wide);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, overlay_icon_medium);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, overlay_icon_narrow);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, brush_popover);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, overlay_popover);
  gtk_widget_class_bind_template_child (widget_class, EaselMaskEditor, swatches);


  easel_mask_editor_class_init_controls (widget_class);
}

static void
easel_mask_editor_init (EaselMaskEditor *self)
{
  /* The template holds the popovers (and every other object of it) until
   * dispose, so they outlive being moved between menu buttons. */
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  easel_mask_editor_init_controls (self);
  g_object_bind_property (self, "loading", self->spinner, "spinning", G_BINDING_SYNC_CREATE);

  easel_mask_editor_init_dnd (self);
}

/**
 * easel_mask_editor_new:
 * @parent: (nullable): the window the editor is modal over
 * @source: the reference to paint the mask of
 * @mask: (nullable): the mask to edit in place, or %NULL for a new one
 *
 * Returns: (transfer floating): the editor, not yet shown
 */
GtkWidget *
easel_mask_editor_new (GtkWindow      *parent,
                       EaselReference *source,
                       EaselMask      *mask)
{
  EaselMaskEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (mask == NULL || EASEL_IS_MASK (mask), NULL);

  self = g_object_new (EASEL_TYPE_MASK_EDITOR,
                       "transient-for", parent,
                       NULL);
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  easel_mask_editor_set_source (self, source, mask);

  return GTK_WIDGET (self);
}

EaselReference *
easel_mask_editor_get_source (EaselMaskEditor *self)
{
  g_return_val_if_fail (EASEL_IS_MASK_EDITOR (self), NULL);

  return self->source;
}

EaselMask *
easel_mask_editor_get_mask (EaselMaskEditor *self)
{
  g_return_val_if_fail (EASEL_IS_MASK_EDITOR (self), NULL);

  return self->mask;
}

gboolean
easel_mask_editor_get_loading (EaselMaskEditor *self)
{
  g_return_val_if_fail (EASEL_IS_MASK_EDITOR (self), FALSE);

  return self->loading;
}

EaselMaskCanvas *
easel_mask_editor_get_canvas (EaselMaskEditor *self)
{
  g_return_val_if_fail (EASEL_IS_MASK_EDITOR (self), NULL);

  return self->canvas;
}

/**
 * easel_mask_editor_set_source:
 * @self: an editor
 * @source: the reference to paint the mask of
 * @mask: (nullable): its mask, or %NULL for a new one
 *
 * Loads @source off the main thread and shows @mask over it. A mask of
 * another size than the source is replaced by a new one once the source
 * is loaded ("notify::mask").
 */
void
easel_mask_editor_set_source (EaselMaskEditor *self,
                              EaselReference  *source,
                              EaselMask       *mask)
{
  g_return_if_fail (EASEL_IS_MASK_EDITOR (self));
  g_return_if_fail (source != NULL);
  g_return_if_fail (mask == NULL || EASEL_IS_MASK (mask));

  g_object_freeze_notify (G_OBJECT (self));

  if (self->source != source)
    {
      easel_reference_ref (source);
      g_clear_pointer (&self->source, easel_reference_unref);
      self->source = source;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
    }

  /* Nothing of the earlier source stays on screen or in the actions. */
  self->source_serial++;
  g_clear_object (&self->texture);
  easel_mask_canvas_set_source (self->canvas, NULL, NULL);
  take_mask (self, mask != NULL ? g_object_ref (mask) : NULL);
  adw_window_title_set_subtitle (self->window_title, easel_reference_get_filename (source));

  easel_mask_editor_load_source (self);

  g_object_thaw_notify (G_OBJECT (self));
}

void
easel_mask_editor_set_loading (EaselMaskEditor *self,
                               gboolean         loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}
