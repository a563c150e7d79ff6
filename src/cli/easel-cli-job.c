/* easel-cli-job.c: one job's progress on stderr and its images on stdout,
 * for `generate` and `resume`
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-cli-private.h"
#include "easel-error.h"
#include "easel-pricing.h"

struct _EaselCliProgress
{
  EaselJob      *job;
  char          *prefix;
  gboolean       resuming;
  EaselJobState  last_state;
  char          *last_remote_status;
  guint          last_attempt;
};

/* Every progress line starts with the job's prefix, so that the lines of
 * several jobs (resume) can be told apart. */
G_GNUC_PRINTF (2, 3)
static void
say (EaselCliProgress *self,
     const char       *format,
     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("%s%s", self->prefix, text);
}

static void
on_state (EaselJob         *job,
          GParamSpec       *pspec,
          EaselCliProgress *self)
{
  EaselJobState state = easel_job_get_state (job);

  if (state == self->last_state)
    return;
  self->last_state = state;

  switch (state)
    {
    case EASEL_JOB_SUBMITTING:
      /* A resumed job sends nothing anew. */
      if (!self->resuming)
        say (self, _("Sending the request to %s…\n"),
             easel_profile_get_host (easel_job_get_profile (job)));
      break;
    case EASEL_JOB_STREAMING:
      say (self, _("Receiving partial images…\n"));
      break;
    case EASEL_JOB_POLLING:
      if (self->resuming)
        say (self, _("Asking %s about the job %s…\n"),
             easel_profile_get_host (easel_job_get_profile (job)), easel_job_get_remote_id (job));
      else
        say (self, _("The gateway accepted the job (%s); waiting for it…\n"),
             easel_job_get_remote_id (job));
      break;
    case EASEL_JOB_DOWNLOADING:
      say (self, _("Downloading the result…\n"));
      break;
    case EASEL_JOB_DECODING:
      say (self, _("Saving…\n"));
      break;
    case EASEL_JOB_QUEUED:
    case EASEL_JOB_STORED:
    case EASEL_JOB_FAILED:
    case EASEL_JOB_CANCELLED:
    default:
      break;
    }
}

static void
on_remote_status (EaselJob         *job,
                  GParamSpec       *pspec,
                  EaselCliProgress *self)
{
  const char *status = easel_job_get_remote_status (job);

  if (status != NULL && g_strcmp0 (status, self->last_remote_status) != 0)
    {
      g_free (self->last_remote_status);
      self->last_remote_status = g_strdup (status);
      /* Translators: %s is the gateway's own word for the job's state, e.g. "running". */
      say (self, _("  job status: %s (%.0f s)\n"), status, easel_job_get_elapsed (job));
    }
}

static void
on_retry (EaselJob         *job,
          GParamSpec       *pspec,
          EaselCliProgress *self)
{
  guint in_ms = easel_job_get_retry_in_ms (job);
  guint attempt = easel_job_get_attempt (job);

  if (in_ms == 0 || attempt == self->last_attempt)
    return;
  self->last_attempt = attempt;
  say (self, _("  retrying in %.1f s (attempt %u of %u)\n"), in_ms / 1000.0, attempt,
       easel_job_get_max_attempts (job));
}

static void
on_partial (EaselJob         *job,
            GParamSpec       *pspec,
            EaselCliProgress *self)
{
  EaselImage *image = easel_job_get_partial_image (job);

  if (image != NULL)
    say (self, _("  partial image %d × %d\n"), easel_image_get_width (image),
         easel_image_get_height (image));
}

EaselCliProgress *
easel_cli_progress_new (EaselJob   *job,
                        const char *prefix,
                        gboolean    resuming)
{
  EaselCliProgress *self = g_new0 (EaselCliProgress, 1);

  self->job = g_object_ref (job);
  self->prefix = g_strdup (prefix != NULL ? prefix : "");
  self->resuming = resuming;
  self->last_state = easel_job_get_state (job);
  g_signal_connect (job, "notify::state", G_CALLBACK (on_state), self);
  g_signal_connect (job, "notify::remote-status", G_CALLBACK (on_remote_status), self);
  g_signal_connect (job, "notify::retry-in-ms", G_CALLBACK (on_retry), self);
  g_signal_connect (job, "notify::partial-image", G_CALLBACK (on_partial), self);

  return self;
}

void
easel_cli_progress_free (EaselCliProgress *self)
{
  if (self == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->job, self);
  g_object_unref (self->job);
  g_free (self->prefix);
  g_free (self->last_remote_status);
  g_free (self);
}

static void
print_image_json (EaselJob   *job,
                  EaselImage *image)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  EaselProfile *profile = easel_job_get_profile (job);
  double cost = easel_job_get_cost (job);
  gint64 history_id = easel_job_get_history_id (job);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, easel_image_get_path (image));
  json_builder_set_member_name (builder, "mime");
  json_builder_add_string_value (builder, easel_image_get_mime_type (image));
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, easel_image_get_width (image));
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, easel_image_get_height (image));
  json_builder_set_member_name (builder, "usage");
  if (easel_job_get_total_tokens (job) >= 0)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "input_tokens");
      json_builder_add_int_value (builder, easel_job_get_input_tokens (job));
      json_builder_set_member_name (builder, "output_tokens");
      json_builder_add_int_value (builder, easel_job_get_output_tokens (job));
      json_builder_set_member_name (builder, "total_tokens");
      json_builder_add_int_value (builder, easel_job_get_total_tokens (job));
      json_builder_end_object (builder);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
  json_builder_set_member_name (builder, "cost");
  if (cost >= 0)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "amount");
      json_builder_add_double_value (builder, cost);
      json_builder_set_member_name (builder, "currency");
      json_builder_add_string_value (builder, easel_profile_get_pricing (profile)->currency);
      json_builder_end_object (builder);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
  json_builder_set_member_name (builder, "seconds");
  json_builder_add_double_value (builder, (gint64) (easel_job_get_elapsed (job) * 10) / 10.0);
  /* Only when the history holds the image: a script can then find it
   * there. */
  if (history_id > 0 && easel_job_get_history_error (job) == NULL)
    {
      json_builder_set_member_name (builder, "history_id");
      json_builder_add_int_value (builder, history_id);
    }
  json_builder_end_object (builder);

  easel_cli_print_json_line (builder);
}

void
easel_cli_print_images (EaselJob *job,
                        gboolean  json)
{
  GListModel *images = easel_job_get_images (job);

  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(EaselImage) image = g_list_model_get_item (images, i);

      if (json)
        print_image_json (job, image);
      else
        g_print ("%s\n", easel_image_get_path (image));
    }
}

int
easel_cli_report_outcome (const char *command,
                          const char *prefix,
                          EaselJob   *job)
{
  const GError *history_error = easel_job_get_history_error (job);
  const GError *error = easel_job_get_error (job);

  if (prefix == NULL)
    prefix = "";

  /* The images are on disk all the same; only the history lacks them. */
  if (history_error != NULL)
    g_printerr (_("easel-cli %s: warning: %sthe history could not keep this generation: %s\n"),
                command, prefix, history_error->message);

  if (easel_job_get_state (job) == EASEL_JOB_STORED)
    {
      double cost = easel_job_get_cost (job);

      g_printerr ("%s", prefix);
      if (cost >= 0)
        {
          EaselProfile *profile = easel_job_get_profile (job);
          g_autofree char *money =
            easel_pricing_format (cost, easel_profile_get_pricing (profile)->currency);

          g_printerr (_("Done in %.1f s; cost %s.\n"), easel_job_get_elapsed (job), money);
        }
      else
        {
          g_printerr (_("Done in %.1f s.\n"), easel_job_get_elapsed (job));
        }
      return EASEL_EXIT_OK;
    }

  g_assert (error != NULL);
  g_printerr ("easel-cli %s: %s%s\n", command, prefix, error->message);
  if (easel_job_get_state (job) == EASEL_JOB_CANCELLED)
    return EASEL_EXIT_CANCELLED;

  return easel_error_exit_code (error, easel_job_get_sent (job));
}
