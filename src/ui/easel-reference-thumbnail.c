/* easel-reference-thumbnail.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One tile of the reference tray. It knows its reference, where it stands
 * in the list and what the gateway thinks of it, and turns the user's
 * gestures into "move" and "remove" for the tray, which owns the list.
 * The preview is made elsewhere (easel-reference-preview.c) and handed in. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "easel-reference-thumbnail.h"

struct _EaselReferenceThumbnail
{
  GtkWidget       parent_instance;

  EaselReference *reference;
  char           *name;
  char           *label;
  char           *problem;
  guint           position;
  guint           n_references;
  GtkWidget      *menu;
  char           *mask_problem;   /* why no mask can be painted here, or NULL */
  gboolean        has_mask;

  /* Template widgets */
  GtkOverlay     *overlay;
  GtkStack       *stack;
  GtkPicture     *picture;
  GtkPicture     *mask_picture;
  GtkButton      *remove_button;
  GtkButton      *mask_button;
  GMenuModel     *context_menu;
};

G_DEFINE_FINAL_TYPE (EaselReferenceThumbnail, easel_reference_thumbnail, GTK_TYPE_WIDGET)

enum {
  MOVE,
  REMOVE,
  MASK_ACTION,
  MASK_DROP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* GTK 4.8 queries tooltips again on every set, even of the same text,
 * and a query racing a closing window trips over its gone surface: only
 * a change is set. */
static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

static void
update_tooltip (EaselReferenceThumbnail *self)
{
  g_autofree char *tooltip = NULL;

  /* The problem goes first: it is why the tile is marked in red. */
  if (self->problem != NULL)
    tooltip = g_strdup_printf ("%s\n%s", self->problem, self->name);
  else
    tooltip = g_strdup (self->name);

  set_tooltip (GTK_WIDGET (self), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->problem ? self->problem
                                  : self->has_mask ? _("Mask set") : "",
                                  -1);
}

/* The Mask button and its menu items: only on the first reference, and
 * only where a mask can be painted; a mask already set can always be
 * removed, even when a new gateway would not take it. */
static void
update_mask (EaselReferenceThumbnail *self)
{
  gboolean first = self->position == 0;
  gboolean available = first && self->mask_problem == NULL;
  GtkWidget *button = GTK_WIDGET (self->mask_button);

  gtk_widget_set_visible (button, first);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reference.edit-mask", available);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reference.paste-mask", available);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reference.remove-mask",
                                 first && self->has_mask);

  /* Translators: on the first reference when a mask is set; keep it short,
   * it sits on a 72 px tile. */
  gtk_button_set_label (self->mask_button, self->has_mask ? _("Edit Mask") : _("Mask"));
  if (self->has_mask)
    gtk_widget_add_css_class (button, "mask-set");
  else
    gtk_widget_remove_css_class (button, "mask-set");

  if (self->mask_problem != NULL)
    set_tooltip (button, self->mask_problem);
  else if (self->has_mask)
    set_tooltip (button, _("Edit the mask: the area of this image to redraw. Drop a PNG here "
                           "to use its transparency instead."));
  else
    set_tooltip (button, _("Paint a mask: the area of this image to redraw. Drop a PNG here to "
                           "use its transparency."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->mask_problem ? self->mask_problem
                                  : self->has_mask ? _("Mask set") : "",
                                  -1);

  gtk_widget_set_visible (GTK_WIDGET (self->mask_picture),
                          first && self->has_mask &&
                          gtk_picture_get_paintable (self->mask_picture) != NULL &&
                          g_strcmp0 (gtk_stack_get_visible_child_name (self->stack),
                                     "picture") == 0);
}

/* "Left" and "Right" are what the user sees: in a right-to-left locale the
 * row runs the other way, so left is later in the list. */
static int
visual_offset (EaselReferenceThumbnail *self,
               int                      offset)
{
  return gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? -offset : offset;
}

static void
update_actions (EaselReferenceThumbnail *self)
{
  int left = (int) self->position + visual_offset (self, -1);
  int right = (int) self->position + visual_offset (self, 1);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reference.move-left",
                                 left >= 0 && left < (int) self->n_references);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reference.move-right",
                                 right >= 0 && right < (int) self->n_references);
}

static void
on_move_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EaselReferenceThumbnail *self = EASEL_REFERENCE_THUMBNAIL (widget);
  int offset = g_str_equal (action_name, "reference.move-left") ? -1 : 1;

  g_signal_emit (self, signals[MOVE], 0, visual_offset (self, offset));
}

static void
on_remove_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_signal_emit (widget, signals[REMOVE], 0);
}

static void
on_mask_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  /* "reference.edit-mask" → "edit", and so on. */
  g_autofree char *name = g_strndup (action_name + strlen ("reference."),
                                     strlen (action_name) - strlen ("reference.")
                                     - strlen ("-mask"));

  g_signal_emit (widget, signals[MASK_ACTION], 0, name);
}

/* The Mask button is the mask's slot: an image dropped on it becomes the
 * mask instead of another reference. */
static gboolean
on_mask_drop (GtkDropTarget           *target,
              const GValue            *value,
              double                   x,
              double                   y,
              EaselReferenceThumbnail *self)
{
  return easel_reference_thumbnail_drop_mask_value (self, value);
}

static void
on_menu_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  /* From the keyboard the menu opens at the middle of the tile. */
  easel_reference_thumbnail_popup_menu (EASEL_REFERENCE_THUMBNAIL (widget),
                                        gtk_widget_get_width (widget) / 2.0,
                                        gtk_widget_get_height (widget) / 2.0);
}

/* Focus goes back to the tile as soon as its menu closes, rather than on
 * the window's next frame as GTK would do it. GTK 4.8 keeps the closed
 * menu in a one-slot "move focus away from" reference until that frame;
 * when Remove in the menu takes the tile away first, the tile overwrites
 * that slot and the menu's reference is never dropped, so every removal
 * from the menu would leak a popover (one that also keeps GTK's pending
 * tooltip pointed at a native without a surface). */
static void
on_menu_closed (EaselReferenceThumbnail *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && self->menu != NULL &&
      (focus == self->menu || gtk_widget_is_ancestor (focus, self->menu)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

void
easel_reference_thumbnail_popup_menu (EaselReferenceThumbnail *self,
                                      double                   x,
                                      double                   y)
{
  g_return_if_fail (EASEL_IS_REFERENCE_THUMBNAIL (self));

  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (self->context_menu);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
      g_signal_connect_swapped (self->menu, "closed", G_CALLBACK (on_menu_closed), self);
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
on_click_pressed (GtkGestureClick         *gesture,
                  int                      n_press,
                  double                   x,
                  double                   y,
                  EaselReferenceThumbnail *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));

  if (event != NULL && gdk_event_triggers_context_menu (event))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      easel_reference_thumbnail_popup_menu (self, x, y);
      return;
    }

  /* A click selects the tile for the keys (Delete, Alt+arrows). */
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_long_pressed (GtkGestureLongPress     *gesture,
                 double                   x,
                 double                   y,
                 EaselReferenceThumbnail *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  easel_reference_thumbnail_popup_menu (self, x, y);
}

/* The tile is a fixed size whatever the preview's own size, which is
 * twice the tile's for sharpness. */
static void
easel_reference_thumbnail_measure (GtkWidget      *widget,
                                   GtkOrientation  orientation,
                                   int             for_size,
                                   int            *minimum,
                                   int            *natural,
                                   int            *minimum_baseline,
                                   int            *natural_baseline)
{
  EaselReferenceThumbnail *self = EASEL_REFERENCE_THUMBNAIL (widget);
  int child_minimum;

  gtk_widget_measure (GTK_WIDGET (self->overlay), orientation, -1, &child_minimum, NULL,
                      NULL, NULL);
  *minimum = *natural = MAX (child_minimum, EASEL_REFERENCE_THUMBNAIL_SIZE);
}

static void
easel_reference_thumbnail_size_allocate (GtkWidget *widget,
                                         int        width,
                                         int        height,
                                         int        baseline)
{
  EaselReferenceThumbnail *self = EASEL_REFERENCE_THUMBNAIL (widget);

  gtk_widget_allocate (GTK_WIDGET (self->overlay), width, height, baseline, NULL);
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
easel_reference_thumbnail_dispose (GObject *object)
{
  EaselReferenceThumbnail *self = EASEL_REFERENCE_THUMBNAIL (object);

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), EASEL_TYPE_REFERENCE_THUMBNAIL);

  G_OBJECT_CLASS (easel_reference_thumbnail_parent_class)->dispose (object);
}

static void
easel_reference_thumbnail_finalize (GObject *object)
{
  EaselReferenceThumbnail *self = EASEL_REFERENCE_THUMBNAIL (object);

  g_clear_pointer (&self->reference, easel_reference_unref);
  g_free (self->name);
  g_free (self->label);
  g_free (self->problem);
  g_free (self->mask_problem);

  G_OBJECT_CLASS (easel_reference_thumbnail_parent_class)->finalize (object);
}

static void
easel_reference_thumbnail_direction_changed (GtkWidget        *widget,
                                             GtkTextDirection  previous)
{
  GTK_WIDGET_CLASS (easel_reference_thumbnail_parent_class)->direction_changed (widget, previous);
  update_actions (EASEL_REFERENCE_THUMBNAIL (widget));
}

static void
easel_reference_thumbnail_class_init (EaselReferenceThumbnailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = easel_reference_thumbnail_dispose;
  object_class->finalize = easel_reference_thumbnail_finalize;
  widget_class->measure = easel_reference_thumbnail_measure;
  widget_class->size_allocate = easel_reference_thumbnail_size_allocate;
  widget_class->direction_changed = easel_reference_thumbnail_direction_changed;

  /**
   * EaselReferenceThumbnail::move:
   * @offset: -1 for earlier in the list, 1 for later
   */
  signals[MOVE] = g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * EaselReferenceThumbnail::mask-action:
   * @name: "edit", "paste" or "remove"
   */
  signals[MASK_ACTION] = g_signal_new ("mask-action", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                       G_TYPE_STRING);
  /**
   * EaselReferenceThumbnail::mask-drop:
   * @value: what was dropped on the Mask button: a #GdkFileList, a #GFile
   *   or a #GdkTexture
   */
  signals[MASK_DROP] = g_signal_new ("mask-drop", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                     G_TYPE_VALUE | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_install_action (widget_class, "reference.move-left", NULL, on_move_action);
  gtk_widget_class_install_action (widget_class, "reference.move-right", NULL, on_move_action);
  gtk_widget_class_install_action (widget_class, "reference.remove", NULL, on_remove_action);
  gtk_widget_class_install_action (widget_class, "reference.menu", NULL, on_menu_action);
  gtk_widget_class_install_action (widget_class, "reference.edit-mask", NULL, on_mask_action);
  gtk_widget_class_install_action (widget_class, "reference.paste-mask", NULL, on_mask_action);
  gtk_widget_class_install_action (widget_class, "reference.remove-mask", NULL, on_mask_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "reference.move-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK,
                                       "reference.move-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "reference.move-right", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, GDK_ALT_MASK,
                                       "reference.move-right", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "reference.remove", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0,
                                       "reference.remove", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0,
                                       "reference.remove", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "reference.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "reference.menu", NULL);

  gtk_widget_class_set_css_name (widget_class, "referencethumbnail");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/easel-reference-thumbnail.ui");
#define BIND(name) \
  gtk_widget_class_bind_template_child (widget_class, EaselReferenceThumbnail, name)
  BIND (overlay);
  BIND (stack);
  BIND (picture);
  BIND (mask_picture);
  BIND (remove_button);
  BIND (mask_button);
  BIND (context_menu);
#undef BIND
}

static void
easel_reference_thumbnail_init (EaselReferenceThumbnail *self)
{
  GtkGesture *click, *long_press;
  GtkDropTarget *mask_target;
  GType mask_types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE, GDK_TYPE_TEXTURE };

  gtk_widget_init_template (GTK_WIDGET (self));

  mask_target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (mask_target, mask_types, G_N_ELEMENTS (mask_types));
  g_signal_connect (mask_target, "drop", G_CALLBACK (on_mask_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self->mask_button), GTK_EVENT_CONTROLLER (mask_target));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  long_press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect (long_press, "pressed", G_CALLBACK (on_long_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (long_press));
}

/**
 * easel_reference_display_name:
 * @reference: a reference
 *
 * Returns: (transfer full): the file's base name (in the file system's
 *   encoding made displayable), the pasted image's name, or a link's host
 */
char *
easel_reference_display_name (EaselReference *reference)
{
  const char *location = easel_reference_get_location (reference);

  switch (easel_reference_get_kind (reference))
    {
    case EASEL_REFERENCE_FILE:
      return g_filename_display_basename (location);

    case EASEL_REFERENCE_URL:
      {
        g_autoptr(GUri) uri = g_uri_parse (location, G_URI_FLAGS_ENCODED, NULL);

        /* Only the host: the rest of a link can be a credential (a
         * gateway's result URL is one). */
        if (uri != NULL && g_uri_get_host (uri) != NULL)
          return g_strdup (g_uri_get_host (uri));
        return g_strdup (easel_reference_get_filename (reference));
      }

    case EASEL_REFERENCE_DATA_URL:
    case EASEL_REFERENCE_BYTES:
    default:
      return g_strdup (easel_reference_get_filename (reference));
    }
}

GtkWidget *
easel_reference_thumbnail_new (EaselReference *reference)
{
  EaselReferenceThumbnail *self;

  g_return_val_if_fail (reference != NULL, NULL);

  self = g_object_new (EASEL_TYPE_REFERENCE_THUMBNAIL, NULL);
  self->reference = easel_reference_ref (reference);
  self->name = easel_reference_display_name (reference);

  if (easel_reference_get_kind (reference) == EASEL_REFERENCE_URL)
    {
      /* Links are shown, never fetched: Easel does not download other
       * people's URLs, and a preview would do just that. */
      gtk_stack_set_visible_child_name (self->stack, "link");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }

  update_tooltip (self);
  easel_reference_thumbnail_set_position (self, 0, 1);

  return GTK_WIDGET (self);
}

EaselReference *
easel_reference_thumbnail_get_reference (EaselReferenceThumbnail *self)
{
  g_return_val_if_fail (EASEL_IS_REFERENCE_THUMBNAIL (self), NULL);
  return self->reference;
}

void
easel_reference_thumbnail_set_position (EaselReferenceThumbnail *self,
                                        guint                    position,
                                        guint                    n_references)
{
  g_autofree char *remove_label = NULL;

  g_return_if_fail (EASEL_IS_REFERENCE_THUMBNAIL (self));
  g_return_if_fail (position < n_references);

  self->position = position;
  self->n_references = n_references;

  g_free (self->label);
  if (easel_reference_get_kind (self->reference) == EASEL_REFERENCE_URL)
    /* Translators: %u is the reference's place in the row, %s a host name. */
    self->label = g_strdup_printf (_("Reference %u: image link on %s"), position + 1, self->name);
  else
    /* Translators: %u is the reference's place in the row, %s a file name. */
    self->label = g_strdup_printf (_("Reference %u: %s"), position + 1, self->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->label, -1);

  /* Translators: %u is the reference's place in the row. */
  remove_label = g_strdup_printf (_("Remove Reference %u"), position + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);

  /* The mask applies to the first reference, so its button lives there. */
  update_mask (self);
  update_tooltip (self);
  update_actions (self);
}

guint
easel_reference_thumbnail_get_position (EaselReferenceThumbnail *self)
{
  g_return_val_if_fail (EASEL_IS_REFERENCE_THUMBNAIL (self), 0);
  return self->position;
}

const char *
easel_reference_thumbnail_get_label (EaselReferenceThumbnail *self)
{
  g_return_val_if_fail (EASEL_IS_REFERENCE_THUMBNAIL (self), NULL);
  return self->label;
}

void
easel_reference_thumbnail_set_preview (EaselReferenceThumbnail *self,
                                       GdkTexture              *preview)
{
  g_return_if_fail (EASEL_IS_REFERENCE_THUMBNAIL (self));
  g_return_if_fail (preview == NULL || GDK_IS_TEXTURE (preview));

  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (preview));
  gtk_stack_set_visible_child_name (self->stack, preview ? "picture" : "none");
  update_mask (self);
}

void
easel_reference_thumbnail_set_problem (EaselReferenceThumbnail *self,
                                       const char              *problem)
{
  g_return_if_fail (EASEL_IS_REFERENCE_THUMBNAIL (self));

  if (g_strcmp0 (self->problem, problem) == 0)
    return;

  g_free (self->problem);
  self->problem = g_strdup (problem);

  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  update_tooltip (self);
}

const char *
easel_reference_thumbnail_get_problem (EaselReferenceThumbnail *self)
{
  g_return_val_if_fail (EASEL_IS_REFERENCE_THUMBNAIL (self), NULL);
  return self->problem;
}

GtkWidget *
easel_reference_thumbnail_get_mask_button (EaselReferenceThumbnail *self)
{
  g_return_val_if_fail (EASEL_IS_REFERENCE_THUMBNAIL (self), NULL);
  return GTK_WIDGET (self->mask_button);
}

/**
 * easel_reference_thumbnail_set_mask:
 * @self: a thumbnail
 * @problem: (nullable): why no mask can be painted on this reference (for
 *   the Mask button's tooltip), or %NULL when one can
 * @has_mask: whether a mask is set
 * @overlay: (nullable): the painted region, tinted, at the preview's shape
 *
 * Only the first reference shows any of it.
 */
void
easel_reference_thumbnail_set_mask (EaselReferenceThumbnail *self,
                                    const char              *problem,
                                    gboolean                 has_mask,
                                    GdkTexture              *overlay)
{
  g_return_if_fail (EASEL_IS_REFERENCE_THUMBNAIL (self));
  g_return_if_fail (overlay == NULL || GDK_IS_TEXTURE (overlay));

  has_mask = !!has_mask;
  if (g_strcmp0 (self->mask_problem, problem) != 0)
    {
      g_free (self->mask_problem);
      self->mask_problem = g_strdup (problem);
    }
  if (gtk_picture_get_paintable (self->mask_picture) != GDK_PAINTABLE (overlay))
    gtk_picture_set_paintable (self->mask_picture, GDK_PAINTABLE (overlay));
  if (self->has_mask != has_mask)
    {
      self->has_mask = has_mask;
      update_tooltip (self);
    }
  update_mask (self);
}

gboolean
easel_reference_thumbnail_get_has_mask (EaselReferenceThumbnail *self)
{
  g_return_val_if_fail (EASEL_IS_REFERENCE_THUMBNAIL (self), FALSE);
  return self->has_mask;
}

const char *
easel_reference_thumbnail_get_mask_problem (EaselReferenceThumbnail *self)
{
  g_return_val_if_fail (EASEL_IS_REFERENCE_THUMBNAIL (self), NULL);
  return self->mask_problem;
}

GtkWidget *
easel_reference_thumbnail_get_mask_picture (EaselReferenceThumbnail *self)
{
  g_return_val_if_fail (EASEL_IS_REFERENCE_THUMBNAIL (self), NULL);
  return GTK_WIDGET (self->mask_picture);
}

/**
 * easel_reference_thumbnail_drop_mask_value:
 * @self: a thumbnail
 * @value: what was dropped on the Mask button
 *
 * The Mask button's drop handler, public so tests can drive it.
 *
 * Returns: whether it was taken: only the first reference, where a mask
 *   can be painted, takes a mask
 */
gboolean
easel_reference_thumbnail_drop_mask_value (EaselReferenceThumbnail *self,
                                           const GValue            *value)
{
  g_return_val_if_fail (EASEL_IS_REFERENCE_THUMBNAIL (self), FALSE);
  g_return_val_if_fail (G_IS_VALUE (value), FALSE);

  if (self->position != 0 || self->mask_problem != NULL)
    return FALSE;

  g_signal_emit (self, signals[MASK_DROP], 0, value);
  return TRUE;
}
