/* easel-test-job.c: running EaselJob against the mock gateway in tests
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "easel-test-job.h"

#define JOB_LIMIT_SECONDS 30

void
easel_test_gateway_init (EaselTestGateway *gateway)
{
  g_autoptr(GError) error = NULL;
  EaselTimeouts timeouts = { 2000, 1500, 1500, 1500 };

  memset (gateway, 0, sizeof *gateway);
  gateway->mock = easel_mock_server_new (&error);
  g_assert_no_error (error);
  gateway->client = easel_client_new ();
  /* Retries happen as the policy says; only the waiting is skipped. */
  easel_client_set_delay_scale (gateway->client, 0.0);
  easel_client_set_timeouts (gateway->client, &timeouts);
  gateway->output_dir = g_dir_make_tmp ("easel-job-XXXXXX", &error);
  g_assert_no_error (error);
}

void
easel_test_gateway_empty_output (EaselTestGateway *gateway)
{
  g_autoptr(GDir) dir = g_dir_open (gateway->output_dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (gateway->output_dir, name, NULL);
      g_unlink (path);
    }
}

void
easel_test_gateway_clear (EaselTestGateway *gateway)
{
  easel_test_gateway_empty_output (gateway);
  g_rmdir (gateway->output_dir);
  g_clear_pointer (&gateway->output_dir, g_free);
  g_clear_object (&gateway->client);
  g_clear_pointer (&gateway->mock, easel_mock_server_free);
}

EaselProfile *
easel_test_gateway_profile (EaselTestGateway *gateway,
                            const char       *preset)
{
  g_autoptr(EaselProfile) profile = easel_profile_new_from_preset (preset, preset);
  g_autoptr(GError) error = NULL;
  const char *dialect;

  g_assert_nonnull (profile);
  dialect = easel_dialect_kind_to_string (easel_profile_get_dialect (profile));
  g_assert_true (easel_profile_set_base_url (profile,
                                             easel_mock_server_get_base_url (gateway->mock,
                                                                             dialect),
                                             &error));
  g_assert_no_error (error);

  return g_steal_pointer (&profile);
}

static gboolean
on_job_timeout (gpointer user_data)
{
  g_error ("The job did not end within %d s", JOB_LIMIT_SECONDS);
  return G_SOURCE_REMOVE;
}

static void
on_partial (EaselJob         *job,
            GParamSpec       *pspec,
            EaselTestGateway *gateway)
{
  if (easel_job_get_partial_image (job) != NULL)
    gateway->partials++;
}

EaselJob *
easel_test_gateway_run (EaselTestGateway *gateway,
                        EaselProfile     *profile,
                        EaselRequest     *request)
{
  EaselJob *job = easel_job_new (gateway->client, profile, request, "sk-mock-key",
                                 gateway->output_dir);
  guint timeout = g_timeout_add_seconds (JOB_LIMIT_SECONDS, on_job_timeout, NULL);

  gateway->partials = 0;
  easel_job_set_poll_interval (job, 20);
  g_signal_connect (job, "notify::partial-image", G_CALLBACK (on_partial), gateway);
  easel_job_start (job);
  while (!easel_job_is_finished (job))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  g_signal_handlers_disconnect_by_func (job, on_partial, gateway);

  return job;
}

guint
easel_test_gateway_count_files (EaselTestGateway *gateway,
                                const char       *prefix)
{
  g_autoptr(GDir) dir = g_dir_open (gateway->output_dir, 0, NULL);
  const char *name;
  guint count = 0;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    count += g_str_has_prefix (name, prefix);

  return count;
}

GBytes *
easel_test_png (int      width,
                int      height,
                gboolean alpha,
                guint32  rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);
  char *buffer = NULL;
  gsize length = 0;

  gdk_pixbuf_fill (pixbuf, rgba);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", NULL, NULL));

  return g_bytes_new_take (buffer, length);
}

char *
easel_test_write_temp (GBytes     *bytes,
                       const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("easel-ref-XXXXXX", &error);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);

  return path;
}
