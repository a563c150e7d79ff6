/* easel-job-images.c: EaselJob's results, decoded and written to disk
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each image is decoded and written on worker threads, one after the
 * other; one that fails is counted and the others are still kept. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-core-enums.h"
#include "easel-error.h"
#include "easel-job-private.h"
#include "easel-pricing.h"

/* Moves a string into a GBytes without copying tens of megabytes. */
GBytes *
easel_job_take_text (char **text)
{
  gsize length = *text ? strlen (*text) : 0;

  return g_bytes_new_take (g_steal_pointer (text), length);
}

static void
image_failed (EaselJob *self,
              GError   *error)
{
  self->failed_images++;
  if (self->first_image_error == NULL)
    self->first_image_error = error;
  else
    g_error_free (error);
}

static void
on_image_decoded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(EaselJob) self = user_data;
  g_autoptr(EaselImage) image = NULL;
  GError *error = NULL;

  self->in_flight--;
  image = easel_image_decode_finish (result, &error);
  if (image == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          easel_job_fail (self, error);
          return;
        }
      image_failed (self, error);
      easel_job_process_next_image (self);
      return;
    }

  /* Recorded in the history (when there is one) before it is reported. */
  easel_job_history_add_image (self, image);
}

/* Decoded and written at once (easel_image_decode_and_save): the file is
 * on disk before the image is reported. */
static void
decode_and_store (EaselJob *self,
                  GBytes   *data,
                  gboolean  is_base64)
{
  g_autofree char *stem = g_strdup_printf ("%s-%u", self->stem, self->next_index);

  self->in_flight++;
  easel_image_decode_and_save_async (data, is_base64, self->output_dir, stem, self->cancellable,
                                     on_image_decoded, g_object_ref (self));
}

static void
on_download_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(EaselJob) self = user_data;
  g_autoptr(EaselResponse) response = NULL;
  GError *error = NULL;

  self->in_flight--;
  easel_job_clear_retry (self);
  response = easel_client_send_finish (EASEL_CLIENT (object), result, &error);
  if (response == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          easel_job_fail (self, error);
          return;
        }
      image_failed (self, error);
      easel_job_process_next_image (self);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      if (response->status == 404 || response->status == 410 || response->status == 403)
        image_failed (self, g_error_new (EASEL_ERROR, EASEL_ERROR_EXPIRED,
                                         _("The image’s download link no longer works "
                                           "(HTTP %u): it has expired or was removed. Gateways "
                                           "keep results only for a while; generate it again."),
                                         response->status));
      else
        image_failed (self, easel_error_new_for_status (response->status, NULL));
      easel_job_process_next_image (self);
      return;
    }

  easel_job_set_state_internal (self, EASEL_JOB_DECODING);
  decode_and_store (self, response->body, FALSE);
}

static void
finish_images (EaselJob *self)
{
  guint stored = g_list_model_get_n_items (G_LIST_MODEL (self->images));
  double amount;

  g_clear_pointer (&self->outcome, easel_outcome_free);

  {
    EaselOutcome priced = { 0 };

    priced.cost = self->gateway_cost;
    if (stored > 0 && easel_pricing_actual (self->profile, self->request, &priced, stored,
                                            &amount))
      {
        self->cost = amount;
        g_object_notify_by_pspec (G_OBJECT (self), easel_job_properties[PROP_COST]);
      }
  }

  if (self->failed_images == 0)
    {
      easel_job_finish_internal (self, EASEL_JOB_STORED, NULL);
      return;
    }

  if (stored == 0)
    {
      easel_job_finish_internal (self, EASEL_JOB_FAILED,
                                 g_steal_pointer (&self->first_image_error));
      return;
    }

  /* Some images arrived and are on disk; say what happened to the rest. */
  {
    GError *error = g_error_new (self->first_image_error->domain, self->first_image_error->code,
                                 g_dngettext (GETTEXT_PACKAGE,
                                              "%u of %u images could not be kept: %s",
                                              "%u of %u images could not be kept: %s",
                                              self->n_expected),
                                 self->failed_images, self->n_expected,
                                 self->first_image_error->message);

    g_clear_error (&self->first_image_error);
    easel_job_finish_internal (self, EASEL_JOB_FAILED, error);
  }
}

void
easel_job_process_next_image (EaselJob *self)
{
  EaselOutcome *outcome = self->outcome;
  guint index;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      easel_job_fail (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled"));
      return;
    }

  if (self->next_index >= self->n_expected)
    {
      finish_images (self);
      return;
    }

  index = self->next_index++;

  if (outcome->kind == EASEL_OUTCOME_URLS)
    {
      g_autoptr(EaselWireRequest) request =
        easel_wire_request_new ("GET", g_ptr_array_index (outcome->urls, index));

      easel_job_set_state_internal (self, EASEL_JOB_DOWNLOADING);
      self->in_flight++;
      easel_client_send_async (self->client, request, NULL, EASEL_SEND_DOWNLOAD, easel_job_on_retry,
                               NULL, self, self->cancellable, on_download_done,
                               g_object_ref (self));
      return;
    }

  {
    EaselOutcomeImage *image = g_ptr_array_index (outcome->images, index);
    g_autoptr(GBytes) data = NULL;

    /* The base64 text moves into the bytes without a copy. */
    data = easel_job_take_text (&image->b64);
    easel_job_set_state_internal (self, EASEL_JOB_DECODING);
    decode_and_store (self, data, TRUE);
  }
}

