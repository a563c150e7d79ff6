/* easel-job-card.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-error.h"
#include "easel-job-card.h"
#include "easel-pricing.h"
#include "easel-size.h"

struct _EaselJobCard
{
  AdwBin        parent_instance;

  EaselJob     *job;
  GListModel   *images;
  gint64        retry_deadline;   /* monotonic µs when the waiting retry goes out, or 0 */
  guint         countdown_id;

  /* Template widgets */
  GtkStack     *preview_stack;
  GtkPicture   *partial_picture;
  GtkSpinner   *spinner;
  GtkLabel     *elapsed_label;
  GtkLabel     *status_label;
  GtkLabel     *detail_label;
  GtkGrid      *images_grid;
  GtkImage     *error_icon;
  GtkLabel     *error_title;
  GtkLabel     *error_label;
  GtkLabel     *prompt_label;
  GtkLabel     *meta_label;
  GtkButton    *cancel_button;
  GtkButton    *retry_button;
  GtkButton    *details_button;
  GtkButton    *save_button;
  GtkButton    *copy_button;
  GtkButton    *edit_button;
  GtkMenuButton *menu_button;
};

G_DEFINE_FINAL_TYPE (EaselJobCard, easel_job_card, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_JOB,
  N_PROPS
};

enum {
  SIGNAL_ACTION,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

const char *
easel_job_card_error_title (const GError *error)
{
  if (error == NULL)
    return _("Failed");

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return _("Cancelled");

  if (error->domain != EASEL_ERROR)
    return _("Could not keep the image");

  switch ((EaselErrorCode) error->code)
    {
    case EASEL_ERROR_INVALID_REQUEST: return _("Request refused");
    case EASEL_ERROR_AUTH:            return _("Key refused");
    case EASEL_ERROR_PAYMENT:         return _("Out of credit");
    case EASEL_ERROR_MODERATION:      return _("Blocked by moderation");
    case EASEL_ERROR_RATE_LIMIT:      return _("Too many requests");
    case EASEL_ERROR_SERVER:          return _("Gateway error");
    case EASEL_ERROR_TIMEOUT:         return _("Timed out");
    case EASEL_ERROR_NETWORK:         return _("Network problem");
    case EASEL_ERROR_BAD_RESPONSE:    return _("Unreadable answer");
    case EASEL_ERROR_TOO_LARGE:       return _("Too large");
    case EASEL_ERROR_REMOTE_FAILED:   return _("Generation failed");
    case EASEL_ERROR_EXPIRED:         return _("Link expired");
    case EASEL_ERROR_CANCELLED:       return _("Cancelled");
    case EASEL_ERROR_TLS:             return _("Secure connection failed");
    default:                          return _("Failed");
    }
}

static char *
format_elapsed (double seconds)
{
  guint total = (guint) seconds;

  if (total >= 3600)
    return g_strdup_printf ("%u:%02u:%02u", total / 3600, (total / 60) % 60, total % 60);
  return g_strdup_printf ("%u:%02u", total / 60, total % 60);
}

static char *
describe_size (EaselRequest *request)
{
  const char *size = easel_request_get_size (request);
  int width, height;

  if (easel_size_parse_pixels (size, &width, &height, NULL))
    return g_strdup_printf (_("%d × %d"), width, height);
  if (easel_size_is_auto (size))
    return g_strdup (_("Auto size"));
  return g_strdup_printf ("%s · %s", size,
                          easel_resolution_to_string (easel_request_get_resolution (request)));
}

static const char *
quality_label (EaselQuality quality)
{
  switch (quality)
    {
    case EASEL_QUALITY_LOW:    return _("Low");
    case EASEL_QUALITY_MEDIUM: return _("Medium");
    case EASEL_QUALITY_HIGH:   return _("High");
    case EASEL_QUALITY_AUTO:
    default:                   return _("Auto quality");
    }
}

static void
update_meta (EaselJobCard *self)
{
  EaselRequest *request = easel_job_get_request (self->job);
  EaselProfile *profile = easel_job_get_profile (self->job);
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autofree char *size = NULL;
  double cost = easel_job_get_cost (self->job);

  if (g_list_model_get_n_items (self->images) > 0)
    {
      g_autoptr(EaselImage) first = g_list_model_get_item (self->images, 0);

      size = g_strdup_printf (_("%d × %d"), easel_image_get_width (first),
                              easel_image_get_height (first));
    }
  else
    size = describe_size (request);

  g_string_append (meta, size);
  g_string_append (meta, " · ");
  g_string_append (meta, quality_label (easel_request_get_quality (request)));
  g_string_append (meta, " · ");
  g_string_append (meta, easel_profile_get_name (profile));
  if (cost >= 0)
    {
      const EaselProfilePricing *pricing = easel_profile_get_pricing (profile);
      g_autofree char *price = easel_pricing_format (cost, pricing->currency);

      g_string_append (meta, " · ");
      g_string_append (meta, price);
    }

  gtk_label_set_text (self->meta_label, meta->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->meta_label), meta->str);
}

static const char *
status_text (EaselJobCard *self)
{
  switch (easel_job_get_state (self->job))
    {
    case EASEL_JOB_QUEUED:
      return _("Waiting for a free slot");
    case EASEL_JOB_SUBMITTING:
      /* Sending takes a moment; the gateway's work takes the minutes. */
      return _("Generating…");
    case EASEL_JOB_STREAMING:
      return _("Receiving previews…");
    case EASEL_JOB_POLLING:
      return _("The gateway is working on it…");
    case EASEL_JOB_DOWNLOADING:
      return _("Downloading…");
    case EASEL_JOB_DECODING:
      return _("Saving…");
    case EASEL_JOB_STORED:
    case EASEL_JOB_FAILED:
    case EASEL_JOB_CANCELLED:
    default:
      return "";
    }
}

static gboolean
on_countdown (gpointer user_data);

static void
update_progress (EaselJobCard *self)
{
  g_autofree char *elapsed = format_elapsed (easel_job_get_elapsed (self->job));
  g_autofree char *detail = NULL;
  gint64 now = g_get_monotonic_time ();
  const char *remote_status = easel_job_get_remote_status (self->job);

  gtk_label_set_text (self->elapsed_label, elapsed);
  gtk_label_set_text (self->status_label, status_text (self));

  if (self->retry_deadline > now)
    {
      guint seconds = (guint) ((self->retry_deadline - now + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);

      /* "attempt" is already the one that waits to go out. */
      /* Translators: "Retrying in 4 s · attempt 2 of 3". */
      detail = g_strdup_printf (_("Retrying in %u s · attempt %u of %u"), seconds,
                                easel_job_get_attempt (self->job),
                                easel_job_get_max_attempts (self->job));
    }
  else if (easel_job_get_attempt (self->job) > 1 && !easel_job_is_finished (self->job))
    detail = g_strdup_printf (_("Attempt %u of %u"), easel_job_get_attempt (self->job),
                              easel_job_get_max_attempts (self->job));
  else if (easel_job_get_state (self->job) == EASEL_JOB_POLLING && remote_status != NULL)
    /* Translators: the gateway's own word for its job's state, e.g. "running". */
    detail = g_strdup_printf (_("Gateway says: %s"), remote_status);

  gtk_label_set_text (self->detail_label, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL);
}

static gboolean
on_countdown (gpointer user_data)
{
  EaselJobCard *self = user_data;

  update_progress (self);
  if (self->retry_deadline <= g_get_monotonic_time ())
    {
      self->countdown_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_retry_in (EaselJobCard *self)
{
  guint ms = easel_job_get_retry_in_ms (self->job);

  self->retry_deadline = ms > 0 ? g_get_monotonic_time () + (gint64) ms * 1000 : 0;
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  if (ms > 0)
    self->countdown_id = g_timeout_add (250, on_countdown, self);
  update_progress (self);
}

static void
on_partial_image (EaselJobCard *self)
{
  EaselImage *partial = easel_job_get_partial_image (self->job);
  g_autoptr(GdkTexture) texture = NULL;

  if (partial != NULL && easel_image_get_thumbnail (partial) != NULL)
    texture = gdk_texture_new_for_pixbuf (easel_image_get_thumbnail (partial));
  gtk_picture_set_paintable (self->partial_picture, GDK_PAINTABLE (texture));
  if (texture != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->preview_stack), "has-partial");
}

/* --- images ------------------------------------------------------------------ */

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 EaselImage    *image)
{
  g_autoptr(GFile) file = g_file_new_for_path (easel_image_get_path (image));
  GdkContentProvider *providers[2];
  GSList files = { file, NULL };
  GdkFileList *list = gdk_file_list_new_from_list (&files);

  /* File managers take the list, most other apps the single file. */
  providers[0] = gdk_content_provider_new_typed (GDK_TYPE_FILE_LIST, list);
  providers[1] = gdk_content_provider_new_typed (G_TYPE_FILE, file);
  g_boxed_free (GDK_TYPE_FILE_LIST, list);
  return gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               GtkPicture    *picture)
{
  GdkPaintable *paintable = gtk_picture_get_paintable (picture);

  if (paintable != NULL)
    gtk_drag_source_set_icon (source, paintable, 24, 24);
}

static void
rebuild_images (EaselJobCard *self)
{
  guint n = g_list_model_get_n_items (self->images);
  guint columns = n <= 1 ? 1 : 2;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->images_grid))) != NULL)
    gtk_grid_remove (self->images_grid, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EaselImage) image = g_list_model_get_item (self->images, i);
      g_autoptr(GdkTexture) texture = NULL;
      g_autofree char *label = NULL;
      GtkWidget *button, *picture;
      GtkDragSource *drag;

      if (easel_image_get_thumbnail (image) != NULL)
        texture = gdk_texture_new_for_pixbuf (easel_image_get_thumbnail (image));

      picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      gtk_picture_set_content_fit (GTK_PICTURE (picture), n == 1 ? GTK_CONTENT_FIT_CONTAIN
                                                                 : GTK_CONTENT_FIT_COVER);
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);

      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), picture);
      gtk_widget_add_css_class (button, "result-image");
      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "card.view");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", i);
      /* Translators: an image in a result card, e.g. "Image 1 of 4, 1536 × 1024". */
      label = g_strdup_printf (_("Image %u of %u, %d × %d"), i + 1, n,
                               easel_image_get_width (image), easel_image_get_height (image));
      gtk_widget_set_tooltip_text (button,
                                   _("View (Enter); drag to another app to share the file"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);

      drag = gtk_drag_source_new ();
      gtk_drag_source_set_actions (drag, GDK_ACTION_COPY);
      g_signal_connect_object (drag, "prepare", G_CALLBACK (on_drag_prepare), image, 0);
      g_signal_connect_object (drag, "drag-begin", G_CALLBACK (on_drag_begin), picture, 0);
      gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (drag));

      gtk_grid_attach (self->images_grid, button, i % columns, i / columns, 1, 1);
    }
}

/* --- state ---------------------------------------------------------------- */

static void
update (EaselJobCard *self)
{
  EaselJobState state = easel_job_get_state (self->job);
  guint n_images = g_list_model_get_n_items (self->images);
  gboolean finished = easel_job_is_finished (self->job);
  gboolean failed = state == EASEL_JOB_FAILED || state == EASEL_JOB_CANCELLED;
  const GError *error = easel_job_get_error (self->job);
  const char *page;

  if (n_images > 0)
    page = "images";
  else if (failed)
    page = "error";
  else
    page = "progress";
  gtk_stack_set_visible_child_name (self->preview_stack, page);

  gtk_spinner_set_spinning (self->spinner, !finished);
  update_progress (self);

  if (failed)
    {
      gboolean cancelled = state == EASEL_JOB_CANCELLED;

      gtk_image_set_from_icon_name (self->error_icon, cancelled ? "process-stop-symbolic"
                                                                : "dialog-warning-symbolic");
      gtk_label_set_text (self->error_title, cancelled ? _("Cancelled")
                                                       : easel_job_card_error_title (error));
      gtk_label_set_text (self->error_label,
                          cancelled ? _("Nothing more is asked of the gateway.")
                                    : error != NULL ? error->message : "");
    }

  /* A partly failed job keeps its images and still offers Retry. */
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !finished);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), failed && n_images == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->details_button), failed && n_images == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), n_images > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_button), n_images > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), n_images > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->menu_button), finished);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.cancel", !finished);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.retry", failed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.view", n_images > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.save", n_images > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.save-all", n_images > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.copy", n_images > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.open-with", n_images > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.edit", n_images > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.remove", finished);

  /* Cancelling is the user's choice, not a failure: no error colours. */
  if (state == EASEL_JOB_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (self), "failed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "failed");

  update_meta (self);
}

static void
on_images_changed (EaselJobCard *self)
{
  rebuild_images (self);
  update (self);
}

char *
easel_job_card_describe (EaselJobCard *self)
{
  EaselRequest *request;
  EaselProfile *profile;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *size = NULL;
  g_autofree char *elapsed = NULL;
  const GError *error;

  g_return_val_if_fail (EASEL_IS_JOB_CARD (self), NULL);

  request = easel_job_get_request (self->job);
  profile = easel_job_get_profile (self->job);
  error = easel_job_get_error (self->job);
  size = describe_size (request);
  elapsed = format_elapsed (easel_job_get_elapsed (self->job));

  g_string_append_printf (text, "%s: %s\n", _("Prompt"), easel_request_get_prompt (request));
  g_string_append_printf (text, "%s: %s (%s, %s)\n", _("Gateway"), easel_profile_get_name (profile),
                          easel_dialect_kind_to_string (easel_profile_get_dialect (profile)),
                          easel_profile_get_base_url (profile));
  g_string_append_printf (text, "%s: %s\n", _("Model"),
                          easel_request_get_effective_model (request, profile));
  g_string_append_printf (text, "%s: %s, %s, %s, n=%u\n", _("Parameters"), size,
                          easel_quality_to_string (easel_request_get_quality (request)),
                          easel_output_format_to_string (easel_request_get_output_format (request)),
                          easel_request_get_n (request));
  g_string_append_printf (text, "%s: %s (%s)\n", _("State"),
                          easel_job_state_to_string (easel_job_get_state (self->job)), elapsed);
  if (easel_job_get_remote_id (self->job) != NULL)
    g_string_append_printf (text, "%s: %s\n", _("Remote job"), easel_job_get_remote_id (self->job));
  if (error != NULL)
    g_string_append_printf (text, "%s: %s\n", _("Error"), error->message);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* --- actions -------------------------------------------------------------- */

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  easel_job_cancel (EASEL_JOB_CARD (widget)->job);
}

static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  guint index = parameter != NULL ? g_variant_get_uint32 (parameter) : 0;

  /* "card.save" → "save" */
  g_signal_emit (widget, signals[SIGNAL_ACTION], 0, action_name + strlen ("card."), index);
}

/* --- GObject --------------------------------------------------------------- */

EaselJob *
easel_job_card_get_job (EaselJobCard *self)
{
  g_return_val_if_fail (EASEL_IS_JOB_CARD (self), NULL);

  return self->job;
}

static void
easel_job_card_constructed (GObject *object)
{
  EaselJobCard *self = EASEL_JOB_CARD (object);
  EaselRequest *request;

  G_OBJECT_CLASS (easel_job_card_parent_class)->constructed (object);

  g_assert (EASEL_IS_JOB (self->job));

  request = easel_job_get_request (self->job);
  gtk_label_set_text (self->prompt_label, easel_request_get_prompt (request));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->prompt_label), easel_request_get_prompt (request));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  easel_request_get_prompt (request), -1);

  self->images = g_object_ref (easel_job_get_images (self->job));
  g_signal_connect_object (self->images, "items-changed", G_CALLBACK (on_images_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->job, "notify::state", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->job, "notify::error", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->job, "notify::cost", G_CALLBACK (update_meta), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->job, "notify::elapsed", G_CALLBACK (update_progress), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->job, "notify::attempt", G_CALLBACK (update_progress), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->job, "notify::remote-status", G_CALLBACK (update_progress), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->job, "notify::retry-in-ms", G_CALLBACK (on_retry_in), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->job, "notify::partial-image", G_CALLBACK (on_partial_image), self,
                           G_CONNECT_SWAPPED);

  rebuild_images (self);
  on_partial_image (self);
  on_retry_in (self);
  update (self);
}

static void
easel_job_card_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EaselJobCard *self = EASEL_JOB_CARD (object);

  switch (prop_id)
    {
    case PROP_JOB:
      g_value_set_object (value, self->job);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_job_card_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EaselJobCard *self = EASEL_JOB_CARD (object);

  switch (prop_id)
    {
    case PROP_JOB:
      self->job = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_job_card_dispose (GObject *object)
{
  EaselJobCard *self = EASEL_JOB_CARD (object);

  g_clear_handle_id (&self->countdown_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), EASEL_TYPE_JOB_CARD);
  g_clear_object (&self->images);
  g_clear_object (&self->job);

  G_OBJECT_CLASS (easel_job_card_parent_class)->dispose (object);
}

static void
easel_job_card_class_init (EaselJobCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const forwarded[] = { "card.retry", "card.copy-details", "card.remove",
                                            "card.save-all", "card.reuse" };
  static const char * const indexed[] = { "card.view", "card.save", "card.copy",
                                          "card.open-with", "card.edit" };

  object_class->constructed = easel_job_card_constructed;
  object_class->dispose = easel_job_card_dispose;
  object_class->get_property = easel_job_card_get_property;
  object_class->set_property = easel_job_card_set_property;

  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL, EASEL_TYPE_JOB,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_ACTION] =
    g_signal_new ("action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "card.cancel", NULL, cancel_action);
  for (guint i = 0; i < G_N_ELEMENTS (forwarded); i++)
    gtk_widget_class_install_action (widget_class, forwarded[i], NULL, forward_action);
  for (guint i = 0; i < G_N_ELEMENTS (indexed); i++)
    gtk_widget_class_install_action (widget_class, indexed[i], "u", forward_action);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/easel-job-card.ui");
  gtk_widget_class_bind_template_child (widget_class, EaselJobCard, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, EaselJobCard, partial_picture);
  gtk_widget_class_bind_template_child (widget_class, EaselJobCard, spinner);
  gtk_widget_class_bind_template_child (widget_class, EaselJobCard, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, EaselJobCard, status_label);
  gtk_widget_class_bind_template_child (widget_class, EaselJobCard, detail_label);
  gtk_widget_class_bind_template_child (widget_class, EaselJobCard, images_grid);
  gtk_widget_class_bind_template_child (widget_class, EaselJobCard, error_icon);
  gtk_widget_class_bind_template_child (widget_class, EaselJobCard, error_title);
  gtk_widget_class_bind_template_child (widget_class, EaselJobCard, error_label);
  gtk_widget_class_bind_template_child (widget_class, EaselJobCard, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, EaselJobCard, meta_label);
  gtk_widget_class_bind_template_child (widget_class, EaselJobCard, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, EaselJobCard, retry_button);
  gtk_widget_class_bind_template_child (widget_class, EaselJobCard, details_button);
  gtk_widget_class_bind_template_child (widget_class, EaselJobCard, save_button);
  gtk_widget_class_bind_template_child (widget_class, EaselJobCard, copy_button);
  gtk_widget_class_bind_template_child (widget_class, EaselJobCard, edit_button);
  gtk_widget_class_bind_template_child (widget_class, EaselJobCard, menu_button);
}

static void
easel_job_card_init (EaselJobCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
easel_job_card_new (EaselJob *job)
{
  g_return_val_if_fail (EASEL_IS_JOB (job), NULL);

  return g_object_new (EASEL_TYPE_JOB_CARD, "job", job, NULL);
}
