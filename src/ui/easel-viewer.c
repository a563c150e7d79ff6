/* easel-viewer.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-viewer.h"

struct _EaselViewer
{
  AdwBin           parent_instance;

  EaselJob        *job;
  guint            index;
  GCancellable    *cancellable;
  gboolean         image_loaded;
  gboolean         reference_pending;

  /* Template widgets */
  GtkBox          *nav_box;
  GtkLabel        *position_label;
  GtkLabel        *title_label;
  EaselImageView  *image_view;
  GtkToggleButton *fit_button;
  GtkLabel        *zoom_label;
  GtkToggleButton *compare_button;
  GtkLabel        *info_label;
};

G_DEFINE_FINAL_TYPE (EaselViewer, easel_viewer, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

enum {
  SIGNAL_ACTION,
  SIGNAL_CLOSE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


static void
set_loaded (EaselViewer *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

gboolean
easel_viewer_get_loaded (EaselViewer *self)
{
  g_return_val_if_fail (EASEL_IS_VIEWER (self), FALSE);

  return self->image_loaded && !self->reference_pending;
}

static void
on_image_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EaselViewer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = easel_texture_load_finish (result, &error);

  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_text (self->info_label, error->message);
          g_warning ("Could not show the image: %s", error->message);
        }
      return;
    }

  easel_image_view_set_texture (self->image_view, texture);
  self->image_loaded = TRUE;
  set_loaded (self);
}

static void
on_reference_loaded (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(EaselViewer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = easel_texture_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->reference_pending = FALSE;
  if (texture != NULL)
    {
      easel_image_view_set_compare_texture (self->image_view, texture);
      gtk_widget_set_sensitive (GTK_WIDGET (self->compare_button), TRUE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->compare_button),
                                   _("Compare with the first reference image (drag the divider)"));
    }
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->compare_button), error->message);
  set_loaded (self);
}

/* The "before" of before/after is the job's first reference: a file, or
 * pasted or dropped bytes, decoded on a worker thread; a link is not
 * fetched just to compare. */
static void
load_reference (EaselViewer *self)
{
  GPtrArray *references = easel_request_get_references (easel_job_get_request (self->job));
  EaselReference *first;
  const char *reason = NULL;

  gtk_toggle_button_set_active (self->compare_button, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->compare_button), FALSE);
  easel_image_view_set_compare_texture (self->image_view, NULL);
  self->reference_pending = FALSE;

  if (references == NULL || references->len == 0)
    reason = _("This image was made without a reference image to compare with");
  else
    {
      first = g_ptr_array_index (references, 0);
      switch (easel_reference_get_kind (first))
        {
        case EASEL_REFERENCE_FILE:
          {
            g_autoptr(GFile) file = g_file_new_for_path (easel_reference_get_location (first));

            self->reference_pending = TRUE;
            easel_texture_load_async (file, self->cancellable, on_reference_loaded,
                                      g_object_ref (self));
          }
          break;
        case EASEL_REFERENCE_BYTES:
        case EASEL_REFERENCE_DATA_URL:
          if (easel_reference_get_bytes (first) != NULL)
            {
              /* Pasted images can be large: decoded off the main loop too. */
              self->reference_pending = TRUE;
              easel_texture_load_bytes_async (easel_reference_get_bytes (first),
                                              easel_reference_get_filename (first),
                                              self->cancellable, on_reference_loaded,
                                              g_object_ref (self));
            }
          else
            reason = _("The reference image is no longer in memory");
          break;
        case EASEL_REFERENCE_URL:
        default:
          reason = _("The reference is a link; Easel does not download it to compare");
          break;
        }
    }

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->compare_button), reason);
}

static void
update_chrome (EaselViewer *self)
{
  GListModel *images = easel_job_get_images (self->job);
  guint n = g_list_model_get_n_items (images);
  g_autoptr(EaselImage) image = g_list_model_get_item (images, self->index);
  g_autofree char *position = NULL;
  g_autofree char *info = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->nav_box), n > 1);
  /* Translators: the image shown of the job's images, e.g. "2 / 4". */
  position = g_strdup_printf (_("%u / %u"), self->index + 1, n);
  gtk_label_set_text (self->position_label, position);
  gtk_label_set_text (self->title_label,
                      easel_request_get_prompt (easel_job_get_request (self->job)));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label),
                               easel_request_get_prompt (easel_job_get_request (self->job)));

  if (image != NULL)
    {
      /* Translators: "1536 × 1024 PNG". */
      info = g_strdup_printf (_("%d × %d %s"), easel_image_get_width (image),
                              easel_image_get_height (image), easel_image_get_extension (image));
      {
        g_autofree char *mixed = g_steal_pointer (&info);

        info = g_ascii_strup (mixed, -1);
      }
    }
  gtk_label_set_text (self->info_label, info != NULL ? info : "");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.previous", self->index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.next", self->index + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.save-all", n > 1);
}

void
easel_viewer_show (EaselViewer *self,
                   EaselJob    *job,
                   guint        index)
{
  GListModel *images;
  g_autoptr(EaselImage) image = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_if_fail (EASEL_IS_VIEWER (self));
  g_return_if_fail (EASEL_IS_JOB (job));

  images = easel_job_get_images (job);
  g_return_if_fail (index < g_list_model_get_n_items (images));
  image = g_list_model_get_item (images, index);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->job != job)
    {
      g_set_object (&self->job, job);
      load_reference (self);
    }
  self->index = index;
  self->image_loaded = FALSE;

  /* The thumbnail at once, the full image when it is decoded. */
  if (easel_image_get_thumbnail (image) != NULL)
    {
      g_autoptr(GdkTexture) thumbnail = NULL;

      thumbnail = gdk_texture_new_for_pixbuf (easel_image_get_thumbnail (image));

      easel_image_view_set_texture (self->image_view, thumbnail);
    }
  easel_image_view_set_fit (self->image_view, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->image_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  easel_request_get_prompt (easel_job_get_request (job)), -1);

  file = g_file_new_for_path (easel_image_get_path (image));
  easel_texture_load_async (file, self->cancellable, on_image_loaded, g_object_ref (self));

  update_chrome (self);
  set_loaded (self);
}

void
easel_viewer_clear (EaselViewer *self)
{
  g_return_if_fail (EASEL_IS_VIEWER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->job);
  self->image_loaded = FALSE;
  self->reference_pending = FALSE;
  easel_image_view_set_texture (self->image_view, NULL);
  easel_image_view_set_compare_texture (self->image_view, NULL);
}

EaselJob *
easel_viewer_get_job (EaselViewer *self)
{
  g_return_val_if_fail (EASEL_IS_VIEWER (self), NULL);

  return self->job;
}

guint
easel_viewer_get_index (EaselViewer *self)
{
  g_return_val_if_fail (EASEL_IS_VIEWER (self), 0);

  return self->index;
}

EaselImageView *
easel_viewer_get_image_view (EaselViewer *self)
{
  g_return_val_if_fail (EASEL_IS_VIEWER (self), NULL);

  return self->image_view;
}

/* --- actions ---------------------------------------------------------------- */

static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EaselViewer *self = EASEL_VIEWER (widget);

  if (self->job != NULL)
    g_signal_emit (self, signals[SIGNAL_ACTION], 0, action_name + strlen ("viewer."), self->index);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_CLOSE], 0);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EaselViewer *self = EASEL_VIEWER (widget);
  guint n;

  if (self->job == NULL)
    return;
  n = g_list_model_get_n_items (easel_job_get_images (self->job));
  if (g_str_equal (action_name, "viewer.next") && self->index + 1 < n)
    easel_viewer_show (self, self->job, self->index + 1);
  else if (g_str_equal (action_name, "viewer.previous") && self->index > 0)
    easel_viewer_show (self, self->job, self->index - 1);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EaselViewer *self = EASEL_VIEWER (widget);
  int width = gtk_widget_get_width (GTK_WIDGET (self->image_view));
  int height = gtk_widget_get_height (GTK_WIDGET (self->image_view));

  if (g_str_equal (action_name, "viewer.zoom-in"))
    easel_image_view_zoom_in (self->image_view);
  else if (g_str_equal (action_name, "viewer.zoom-out"))
    easel_image_view_zoom_out (self->image_view);
  else if (g_str_equal (action_name, "viewer.zoom-original"))
    easel_image_view_zoom_at (self->image_view, 1.0, width / 2.0, height / 2.0);
}

static void
on_zoom_changed (EaselViewer *self)
{
  double zoom = easel_image_view_get_zoom (self->image_view);
  g_autofree char *text = g_strdup_printf ("%.0f%%", zoom * 100);

  gtk_label_set_text (self->zoom_label, text);
}

/* --- GObject --------------------------------------------------------------- */

static void
easel_viewer_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EaselViewer *self = EASEL_VIEWER (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, easel_viewer_get_loaded (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_viewer_dispose (GObject *object)
{
  EaselViewer *self = EASEL_VIEWER (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), EASEL_TYPE_VIEWER);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->job);

  G_OBJECT_CLASS (easel_viewer_parent_class)->dispose (object);
}

static void
easel_viewer_class_init (EaselViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const forwarded[] = { "viewer.save", "viewer.save-all", "viewer.copy",
                                            "viewer.open-with", "viewer.reuse", "viewer.edit" };

  object_class->dispose = easel_viewer_dispose;
  object_class->get_property = easel_viewer_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_ACTION] =
    g_signal_new ("action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
  signals[SIGNAL_CLOSE] =
    g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  for (guint i = 0; i < G_N_ELEMENTS (forwarded); i++)
    gtk_widget_class_install_action (widget_class, forwarded[i], NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "viewer.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "viewer.next", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "viewer.previous", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-original", NULL, zoom_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "viewer.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "viewer.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "viewer.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "viewer.copy", NULL);

  g_type_ensure (EASEL_TYPE_IMAGE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/easel-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselViewer, nav_box);
  gtk_widget_class_bind_template_child (widget_class, EaselViewer, position_label);
  gtk_widget_class_bind_template_child (widget_class, EaselViewer, title_label);
  gtk_widget_class_bind_template_child (widget_class, EaselViewer, image_view);
  gtk_widget_class_bind_template_child (widget_class, EaselViewer, fit_button);
  gtk_widget_class_bind_template_child (widget_class, EaselViewer, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, EaselViewer, compare_button);
  gtk_widget_class_bind_template_child (widget_class, EaselViewer, info_label);
}

static void
easel_viewer_init (EaselViewer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_object_bind_property (self->image_view, "fit", self->fit_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->image_view, "comparing", self->compare_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->image_view, "notify::zoom", G_CALLBACK (on_zoom_changed), self);
  on_zoom_changed (self);
}

GtkWidget *
easel_viewer_new (void)
{
  return g_object_new (EASEL_TYPE_VIEWER, NULL);
}
