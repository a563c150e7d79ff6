/* easel-mask-editor.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The mask editor window: the canvas, its tool bar and header, the
 * "mask" actions with their keys, and the settings the brush and overlay
 * keep between editors. Loading the source is in easel-mask-editor-load.c,
 * drops and pastes in easel-mask-editor-dnd.c.
 *
 * The tool bar comes in three widths (an AdwSqueezer picks the widest that
 * fits): everything inline; size and hardness in a popover; and, down to
 * 360 px, invert, clear and the zoom steps in a menu. Brush and overlay
 * popovers exist once and move to whichever bar is shown, and the sliders
 * share their adjustments, so every width shows the same state. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "easel-application.h"
#include "easel-mask-editor-private.h"

/* The slider's range, in source pixels; the settings key has the same. */
#define MIN_BRUSH_SIZE 1.0
#define MAX_BRUSH_SIZE 500.0
/* [ and ] change the size by about this factor, and by 1 px at least. */
#define SIZE_STEP 1.15

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

/* GNOME's palette: red, orange, yellow, green, blue, purple. */
const char *const easel_mask_editor_swatches[] = {
  "#e01b24", "#ff7800", "#f6d32d", "#33d17a", "#3584e4", "#9141ac", NULL
};

static const char *const swatch_names[] = {
  N_("Red"), N_("Orange"), N_("Yellow"), N_("Green"), N_("Blue"), N_("Purple"),
};

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

/* --- actions ------------------------------------------------------------ */

gboolean
easel_mask_editor_is_ready (EaselMaskEditor *self)
{
  return self->texture != NULL && self->mask != NULL;
}

static void
set_action_enabled (EaselMaskEditor *self,
                    const char      *name,
                    gboolean         enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* What needs a loaded image and a mask is off until there is one. */
static void
update_actions (EaselMaskEditor *self)
{
  gboolean ready = easel_mask_editor_is_ready (self);
  const char *const needs_image[] = {
    "invert", "paste", "zoom-in", "zoom-out", "zoom-fit", "zoom-1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (needs_image); i++)
    set_action_enabled (self, needs_image[i], ready);
  set_action_enabled (self, "clear", ready && !easel_mask_is_empty (self->mask));
  set_action_enabled (self, "undo", ready && easel_mask_can_undo (self->mask));
  set_action_enabled (self, "redo", ready && easel_mask_can_redo (self->mask));
}

static void
tool_change_state (GSimpleAction *action,
                   GVariant      *state,
                   gpointer       user_data)
{
  EaselMaskEditor *self = user_data;
  const char *name = g_variant_get_string (state, NULL);

  if (g_str_equal (name, "brush"))
    easel_mask_canvas_set_tool (self->canvas, EASEL_MASK_TOOL_BRUSH);
  else if (g_str_equal (name, "eraser"))
    easel_mask_canvas_set_tool (self->canvas, EASEL_MASK_TOOL_ERASER);
  else
    return;

  g_simple_action_set_state (action, state);
}

static void
tool_activate (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  tool_change_state (action, parameter, user_data);
}

static void
on_canvas_tool (EaselMaskEditor *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "tool");
  gboolean eraser = easel_mask_canvas_get_tool (self->canvas) == EASEL_MASK_TOOL_ERASER;

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (eraser ? "eraser" : "brush"));
}

static double
step_size (double size,
           gboolean up)
{
  double next = up ? MAX (size + 1.0, round (size * SIZE_STEP))
                   : MIN (size - 1.0, round (size / SIZE_STEP));

  return CLAMP (next, MIN_BRUSH_SIZE, MAX_BRUSH_SIZE);
}

static void
size_activate (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  EaselMaskEditor *self = user_data;
  gboolean up = g_str_equal (g_action_get_name (G_ACTION (action)), "size-up");
  double size = easel_mask_canvas_get_brush_size (self->canvas);

  easel_mask_canvas_set_brush_size (self->canvas, step_size (size, up));
}

static void
toggle_overlay_activate (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  EaselMaskEditor *self = user_data;

  easel_mask_canvas_set_overlay_visible (self->canvas,
                                         !easel_mask_canvas_get_overlay_visible (self->canvas));
}

static void
on_canvas_overlay_visible (EaselMaskEditor *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "toggle-overlay");
  gboolean visible = easel_mask_canvas_get_overlay_visible (self->canvas);
  const char *icon = visible ? "view-reveal-symbolic" : "view-conceal-symbolic";

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (visible));
  gtk_image_set_from_icon_name (self->overlay_icon_wide, icon);
  gtk_image_set_from_icon_name (self->overlay_icon_medium, icon);
  gtk_image_set_from_icon_name (self->overlay_icon_narrow, icon);
}

static gboolean
parse_color (const char *text,
             GdkRGBA    *color)
{
  /* Only #rrggbb: the key's documented form. */
  return text != NULL && strlen (text) == 7 && text[0] == '#' && gdk_rgba_parse (color, text);
}

static void
overlay_color_activate (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  EaselMaskEditor *self = user_data;
  const char *text = g_variant_get_string (parameter, NULL);
  GdkRGBA color;

  if (parse_color (text, &color))
    g_settings_set_string (self->settings, "mask-overlay-color", text);
}

static void
on_overlay_color_setting (EaselMaskEditor *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "overlay-color");
  g_autofree char *text = g_settings_get_string (self->settings, "mask-overlay-color");

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (text));
}

static void
undo_activate (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  EaselMaskEditor *self = user_data;

  if (easel_mask_editor_is_ready (self))
    easel_mask_undo (self->mask);
}

static void
redo_activate (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  EaselMaskEditor *self = user_data;

  if (easel_mask_editor_is_ready (self))
    easel_mask_redo (self->mask);
}

static void
invert_activate (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  EaselMaskEditor *self = user_data;

  if (easel_mask_editor_is_ready (self))
    easel_mask_invert (self->mask);
}

static void
clear_activate (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  EaselMaskEditor *self = user_data;

  /* Clearing is one undo step, so it asks nothing; the toast says how to
   * get the mask back. An empty mask has nothing to clear (and the action
   * is off then). */
  if (!easel_mask_editor_is_ready (self) || easel_mask_is_empty (self->mask))
    return;

  easel_mask_clear (self->mask);
  easel_mask_editor_toast (self, _("Mask cleared"), TRUE);
}

static void
zoom_activate (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  EaselMaskEditor *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));

  if (!easel_mask_editor_is_ready (self))
    return;

  if (g_str_equal (name, "zoom-in"))
    easel_mask_canvas_zoom_in (self->canvas);
  else if (g_str_equal (name, "zoom-out"))
    easel_mask_canvas_zoom_out (self->canvas);
  else if (g_str_equal (name, "zoom-fit"))
    easel_mask_canvas_set_fit (self->canvas, TRUE);
  else
    easel_mask_canvas_zoom_at (self->canvas, 1.0,
                               gtk_widget_get_width (GTK_WIDGET (self->canvas)) / 2.0,
                               gtk_widget_get_height (GTK_WIDGET (self->canvas)) / 2.0);
}

static void
paste_activate (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  EaselMaskEditor *self = user_data;

  easel_mask_editor_paste (self, gtk_widget_get_clipboard (GTK_WIDGET (self)));
}

static void
done_activate (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
}

static const GActionEntry action_entries[] = {
  { "tool", tool_activate, "s", "'brush'", tool_change_state },
  { "size-down", size_activate },
  { "size-up", size_activate },
  { "toggle-overlay", toggle_overlay_activate, NULL, "true" },
  { "overlay-color", overlay_color_activate, "s", "'#e01b24'" },
  { "undo", undo_activate },
  { "redo", redo_activate },
  { "invert", invert_activate },
  { "clear", clear_activate },
  { "zoom-in", zoom_activate },
  { "zoom-out", zoom_activate },
  { "zoom-fit", zoom_activate },
  { "zoom-1", zoom_activate },
  { "paste", paste_activate },
  { "done", done_activate },
};

/* --- the mask ------------------------------------------------------------ */

static void
on_mask_history (EaselMaskEditor *self)
{
  update_actions (self);
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

  update_actions (self);
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
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

/* --- bindings ------------------------------------------------------------ */

static gboolean
size_to_position (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  /* The slider moves on a log scale: the small sizes, used for detail,
   * get as much travel as the large ones. */
  g_value_set_double (to, log (CLAMP (g_value_get_double (from), MIN_BRUSH_SIZE,
                                      MAX_BRUSH_SIZE)));
  return TRUE;
}

static gboolean
position_to_size (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_value_set_double (to, CLAMP (round (exp (g_value_get_double (from))), MIN_BRUSH_SIZE,
                                 MAX_BRUSH_SIZE));
  return TRUE;
}

static gboolean
fraction_to_percent (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  g_value_set_double (to, round (g_value_get_double (from) * 100.0));
  return TRUE;
}

static gboolean
percent_to_fraction (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  g_value_set_double (to, CLAMP (round (g_value_get_double (from)) / 100.0, 0.0, 1.0));
  return TRUE;
}

static gboolean
size_to_text (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      user_data)
{
  /* Translators: a brush size in pixels, as in "48 px". */
  g_value_take_string (to, g_strdup_printf (_("%d px"), (int) round (g_value_get_double (from))));
  return TRUE;
}

static gboolean
fraction_to_text (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  /* Translators: a percentage, as in "80 %". */
  g_value_take_string (to, g_strdup_printf (_("%d %%"),
                                            (int) round (g_value_get_double (from) * 100.0)));
  return TRUE;
}

static gboolean
color_from_setting (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  GdkRGBA color;

  if (!parse_color (g_variant_get_string (variant, NULL), &color))
    return FALSE;

  g_value_set_boxed (value, &color);
  return TRUE;
}

static GVariant *
color_to_setting (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const GdkRGBA *color = g_value_get_boxed (value);
  g_autofree char *text = NULL;

  if (color == NULL)
    return NULL;

  text = g_strdup_printf ("#%02x%02x%02x",
                          (int) round (CLAMP (color->red, 0.0, 1.0) * 255.0),
                          (int) round (CLAMP (color->green, 0.0, 1.0) * 255.0),
                          (int) round (CLAMP (color->blue, 0.0, 1.0) * 255.0));
  return g_variant_new_string (text);
}

static void
bind_label (EaselMaskEditor        *self,
            const char             *property,
            GtkLabel               *label,
            GBindingTransformFunc   transform)
{
  g_object_bind_property_full (self->canvas, property, label, "label", G_BINDING_SYNC_CREATE,
                               transform, NULL, NULL, NULL);
}

/* The app's settings when the editor runs in Easel, so a change shows in
 * every window; a GSettings of its own otherwise. */
static GSettings *
find_settings (void)
{
  GApplication *application = g_application_get_default ();

  if (EASEL_IS_APPLICATION (application) &&
      easel_application_get_settings (EASEL_APPLICATION (application)) != NULL)
    return g_object_ref (easel_settings_get_gsettings (
                           easel_application_get_settings (EASEL_APPLICATION (application))));

  return g_settings_new (APP_ID);
}

static void
bind_settings (EaselMaskEditor *self)
{
  self->settings = find_settings ();

  g_settings_bind (self->settings, "mask-brush-size", self->canvas, "brush-size",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "mask-hardness", self->canvas, "hardness",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "mask-overlay-opacity", self->canvas, "overlay-opacity",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "mask-overlay-color", self->canvas,
                                "overlay-color", G_SETTINGS_BIND_DEFAULT,
                                color_from_setting, color_to_setting, NULL, NULL);

  g_signal_connect_object (self->settings, "changed::mask-overlay-color",
                           G_CALLBACK (on_overlay_color_setting), self, G_CONNECT_SWAPPED);
  on_overlay_color_setting (self);
}

static void
bind_controls (EaselMaskEditor *self)
{
  g_object_bind_property_full (self->canvas, "brush-size", self->size_adjustment, "value",
                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                               size_to_position, position_to_size, NULL, NULL);
  g_object_bind_property_full (self->canvas, "hardness", self->hardness_adjustment, "value",
                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                               fraction_to_percent, percent_to_fraction, NULL, NULL);
  g_object_bind_property_full (self->canvas, "overlay-opacity", self->opacity_adjustment,
                               "value", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                               fraction_to_percent, percent_to_fraction, NULL, NULL);

  bind_label (self, "brush-size", self->size_label, size_to_text);
  bind_label (self, "brush-size", self->brush_label_medium, size_to_text);
  bind_label (self, "brush-size", self->brush_label_narrow, size_to_text);
  bind_label (self, "brush-size", self->popover_size_label, size_to_text);
  bind_label (self, "hardness", self->hardness_label, fraction_to_text);
  bind_label (self, "hardness", self->popover_hardness_label, fraction_to_text);
  bind_label (self, "overlay-opacity", self->opacity_label, fraction_to_text);
  bind_label (self, "zoom", self->zoom_label_wide, fraction_to_text);
  bind_label (self, "zoom", self->zoom_label_medium, fraction_to_text);

  g_signal_connect_object (self->canvas, "notify::tool", G_CALLBACK (on_canvas_tool), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify::overlay-visible",
                           G_CALLBACK (on_canvas_overlay_visible), self, G_CONNECT_SWAPPED);
  on_canvas_tool (self);
  on_canvas_overlay_visible (self);
}

/* --- the tool bar -------------------------------------------------------- */

static void
add_swatches (EaselMaskEditor *self)
{
  for (guint i = 0; easel_mask_editor_swatches[i] != NULL; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      g_autofree char *css_class = g_strdup_printf ("swatch-%u", i);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "mask.overlay-color");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                        easel_mask_editor_swatches[i]);
      gtk_widget_set_tooltip_text (button, _(swatch_names[i]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(swatch_names[i]), -1);
      gtk_widget_add_css_class (button, "mask-swatch");
      gtk_widget_add_css_class (button, css_class);
      gtk_box_append (self->swatches, button);
    }
}

/* Moves @popover to @target, taking it from whichever of @buttons has it. */
static void
move_popover (GtkPopover     *popover,
              GtkMenuButton  *target,
              GtkMenuButton **buttons,
              guint           n_buttons)
{
  if (gtk_menu_button_get_popover (target) == popover)
    return;

  gtk_popover_popdown (popover);
  for (guint i = 0; i < n_buttons; i++)
    if (buttons[i] != target && gtk_menu_button_get_popover (buttons[i]) == popover)
      gtk_menu_button_set_popover (buttons[i], NULL);
  gtk_menu_button_set_popover (target, GTK_WIDGET (popover));
}

static void
on_toolbar_child (EaselMaskEditor *self)
{
  GtkWidget *shown = adw_squeezer_get_visible_child (self->toolbar);
  GtkMenuButton *brush_buttons[] = { self->brush_button_medium, self->brush_button_narrow };
  GtkMenuButton *overlay_buttons[] = {
    self->overlay_button_wide, self->overlay_button_medium, self->overlay_button_narrow,
  };

  if (shown == self->toolbar_narrow)
    {
      move_popover (self->brush_popover, self->brush_button_narrow, brush_buttons, 2);
      move_popover (self->overlay_popover, self->overlay_button_narrow, overlay_buttons, 3);
    }
  else
    {
      move_popover (self->brush_popover, self->brush_button_medium, brush_buttons, 2);
      move_popover (self->overlay_popover,
                    shown == self->toolbar_medium ? self->overlay_button_medium
                                                  : self->overlay_button_wide,
                    overlay_buttons, 3);
    }
}

/* Clicking a control leaves the keyboard focus on the canvas, as in
 * other painting programs: Space then still pans, and a button that was
 * clicked is not pressed again by it. */
static void
keep_focus_on_canvas (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (EASEL_IS_MASK_CANVAS (c))
        continue;
      gtk_widget_set_focus_on_click (c, FALSE);
      keep_focus_on_canvas (c);
    }
}

/* --- the window ---------------------------------------------------------- */

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
add_key (GtkWidgetClass  *widget_class,
         guint            keyval,
         GdkModifierType  modifiers,
         const char      *action)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, modifiers, action, NULL);
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

  /* The keys of the "mask" actions, beside them (see init). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, 0, "mask.tool", "s", "brush");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, 0, "mask.tool", "s", "eraser");
  add_key (widget_class, GDK_KEY_bracketleft, 0, "mask.size-down");
  add_key (widget_class, GDK_KEY_bracketright, 0, "mask.size-up");
  add_key (widget_class, GDK_KEY_h, 0, "mask.toggle-overlay");
  add_key (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "mask.undo");
  add_key (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "mask.redo");
  add_key (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "mask.redo");
  add_key (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "mask.invert");
  add_key (widget_class, GDK_KEY_plus, 0, "mask.zoom-in");
  add_key (widget_class, GDK_KEY_equal, 0, "mask.zoom-in");
  add_key (widget_class, GDK_KEY_KP_Add, 0, "mask.zoom-in");
  add_key (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "mask.zoom-in");
  add_key (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "mask.zoom-in");
  add_key (widget_class, GDK_KEY_minus, 0, "mask.zoom-out");
  add_key (widget_class, GDK_KEY_KP_Subtract, 0, "mask.zoom-out");
  add_key (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "mask.zoom-out");
  add_key (widget_class, GDK_KEY_0, 0, "mask.zoom-fit");
  add_key (widget_class, GDK_KEY_KP_0, 0, "mask.zoom-fit");
  add_key (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "mask.zoom-fit");
  add_key (widget_class, GDK_KEY_1, 0, "mask.zoom-1");
  add_key (widget_class, GDK_KEY_KP_1, 0, "mask.zoom-1");
  add_key (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "mask.paste");
  add_key (widget_class, GDK_KEY_Escape, 0, "mask.done");
}

static void
easel_mask_editor_init (EaselMaskEditor *self)
{
  /* The template holds the popovers (and every other object of it) until
   * dispose, so they outlive being moved between menu buttons. */
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_adjustment_set_lower (self->size_adjustment, log (MIN_BRUSH_SIZE));
  gtk_adjustment_set_upper (self->size_adjustment, log (MAX_BRUSH_SIZE));

  self->cancellable = g_cancellable_new ();
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "mask", G_ACTION_GROUP (self->actions));

  add_swatches (self);
  keep_focus_on_canvas (GTK_WIDGET (self));
  keep_focus_on_canvas (GTK_WIDGET (self->brush_popover));
  keep_focus_on_canvas (GTK_WIDGET (self->overlay_popover));
  bind_settings (self);
  bind_controls (self);
  update_actions (self);

  g_signal_connect_object (self->toolbar, "notify::visible-child",
                           G_CALLBACK (on_toolbar_child), self, G_CONNECT_SWAPPED);
  on_toolbar_child (self);
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
