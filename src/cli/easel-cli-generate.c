/* easel-cli-generate.c: `easel-cli generate`
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs one EaselJob from the command line: the same core as the app, with
 * progress on stderr and results on stdout (paths, or one JSON line per
 * image). The key is only ever read from the environment variable named
 * by --api-key-env or, for a saved profile, from the keyring; never from
 * the command line. */

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "easel-cli-private.h"
#include "easel-client.h"
#include "easel-error.h"
#include "easel-job.h"
#include "easel-pricing.h"
#include "easel-profile-store.h"
#include "easel-secrets.h"
#include "easel-settings.h"

typedef struct
{
  GMainLoop    *loop;
  EaselJob     *job;
  gboolean      json;
  EaselJobState last_state;
  char         *last_remote_status;
  guint         last_attempt;
} Run;

static void
on_state (EaselJob   *job,
          GParamSpec *pspec,
          Run        *run)
{
  EaselJobState state = easel_job_get_state (job);

  if (state == run->last_state)
    return;
  run->last_state = state;

  switch (state)
    {
    case EASEL_JOB_SUBMITTING:
      g_printerr (_("Sending the request to %s…\n"),
                  easel_profile_get_host (easel_job_get_profile (job)));
      break;
    case EASEL_JOB_STREAMING:
      g_printerr (_("Receiving partial images…\n"));
      break;
    case EASEL_JOB_POLLING:
      g_printerr (_("The gateway accepted the job (%s); waiting for it…\n"),
                  easel_job_get_remote_id (job));
      break;
    case EASEL_JOB_DOWNLOADING:
      g_printerr (_("Downloading the result…\n"));
      break;
    case EASEL_JOB_DECODING:
      g_printerr (_("Saving…\n"));
      break;
    case EASEL_JOB_STORED:
    case EASEL_JOB_FAILED:
    case EASEL_JOB_CANCELLED:
      g_main_loop_quit (run->loop);
      break;
    case EASEL_JOB_QUEUED:
    default:
      break;
    }
}

static void
on_remote_status (EaselJob   *job,
                  GParamSpec *pspec,
                  Run        *run)
{
  const char *status = easel_job_get_remote_status (job);

  if (status != NULL && g_strcmp0 (status, run->last_remote_status) != 0)
    {
      g_free (run->last_remote_status);
      run->last_remote_status = g_strdup (status);
      /* Translators: %s is the gateway's own word for the job's state, e.g. "running". */
      g_printerr (_("  job status: %s (%.0f s)\n"), status, easel_job_get_elapsed (job));
    }
}

static void
on_retry (EaselJob   *job,
          GParamSpec *pspec,
          Run        *run)
{
  guint in_ms = easel_job_get_retry_in_ms (job);
  guint attempt = easel_job_get_attempt (job);

  if (in_ms == 0 || attempt == run->last_attempt)
    return;
  run->last_attempt = attempt;
  g_printerr (_("  retrying in %.1f s (attempt %u of %u)\n"), in_ms / 1000.0, attempt,
              easel_job_get_max_attempts (job));
}

static void
on_partial (EaselJob   *job,
            GParamSpec *pspec,
            Run        *run)
{
  EaselImage *image = easel_job_get_partial_image (job);

  if (image != NULL)
    g_printerr (_("  partial image %d × %d\n"), easel_image_get_width (image),
                easel_image_get_height (image));
}

static gboolean
on_signal (gpointer user_data)
{
  Run *run = user_data;

  g_printerr (_("Cancelling…\n"));
  easel_job_cancel (run->job);

  return G_SOURCE_CONTINUE;
}

static void
print_image_json (EaselJob   *job,
                  EaselImage *image)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *line = NULL;
  EaselProfile *profile = easel_job_get_profile (job);
  double cost = easel_job_get_cost (job);

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
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  line = json_generator_to_data (generator, NULL);
  g_print ("%s\n", line);
}

typedef struct
{
  char      *profile_id;
  char      *preset;
  char      *dialect;
  char      *base_url;
  char      *api_key_env;
  char      *model;
  char      *size;
  char      *resolution;
  char      *quality;
  char      *format;
  int        compression;
  char      *background;
  char      *moderation;
  int        n;
  char     **images;
  char      *mask;
  gboolean   async;
  gboolean   stream;
  char      *output_dir;
  gboolean   no_history;
  gboolean   json;
  int        poll_interval_ms;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->profile_id);
  g_free (options->preset);
  g_free (options->dialect);
  g_free (options->base_url);
  g_free (options->api_key_env);
  g_free (options->model);
  g_free (options->size);
  g_free (options->resolution);
  g_free (options->quality);
  g_free (options->format);
  g_free (options->background);
  g_free (options->moderation);
  g_strfreev (options->images);
  g_free (options->mask);
  g_free (options->output_dir);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_printerr ("easel-cli generate: %s\n", message);
  g_printerr (_("Run “%s” to see the options.\n"), "easel-cli generate --help");
  return EASEL_EXIT_USAGE;
}

/* Builds the profile from --preset, --dialect and --base-url. */
static EaselProfile *
make_profile (Options  *options,
              GError  **error)
{
  g_autoptr(EaselProfile) profile = NULL;
  EaselDialectKind dialect;

  if (options->preset != NULL)
    {
      profile = easel_profile_new_from_preset (options->preset, "command-line");
      if (profile == NULL)
        {
          g_autofree char *list = g_strjoinv (", ", (char **) easel_profile_preset_ids ());

          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                       _("Unknown preset “%s”; the presets are: %s."), options->preset, list);
          return NULL;
        }
      if (options->dialect != NULL &&
          (!easel_dialect_kind_from_string (options->dialect, &dialect) ||
           dialect != easel_profile_get_dialect (profile)))
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                       _("The preset “%s” speaks the %s dialect, not “%s”."), options->preset,
                       easel_dialect_kind_to_string (easel_profile_get_dialect (profile)),
                       options->dialect);
          return NULL;
        }
      if (options->base_url != NULL &&
          !easel_profile_set_base_url (profile, options->base_url, error))
        return NULL;
    }
  else
    {
      if (options->dialect == NULL || options->base_url == NULL)
        {
          g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                               _("Say which gateway to use: --dialect and --base-url, or "
                                 "--preset."));
          return NULL;
        }
      if (!easel_dialect_kind_from_string (options->dialect, &dialect))
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                       _("Unknown dialect “%s”; the dialects are: openai, icodeeasy, yycode, "
                         "aizfw."), options->dialect);
          return NULL;
        }
      if (!easel_base_url_check (options->base_url, error))
        return NULL;
      profile = easel_profile_new ("command-line", dialect, options->base_url);
    }

  if (options->model != NULL)
    easel_profile_set_model (profile, options->model);

  return g_steal_pointer (&profile);
}

/* A detached copy of a saved profile, so that --model changes this run
 * only and is never written back to the user's settings. */
static EaselProfile *
copy_profile (EaselProfile *saved)
{
  const char *id = easel_profile_get_id (saved);
  const char *preset = easel_profile_get_preset_id (saved);
  g_autoptr(EaselProfile) copy = NULL;

  if (preset != NULL)
    copy = easel_profile_new_from_preset (preset, id);
  if (copy == NULL)
    copy = easel_profile_new (id, easel_profile_get_dialect (saved),
                              easel_profile_get_base_url (saved));
  if (!easel_profile_set_base_url (copy, easel_profile_get_base_url (saved), NULL))
    g_assert_not_reached ();
  easel_profile_set_name (copy, easel_profile_get_name (saved));
  easel_profile_set_model (copy, easel_profile_get_model (saved));
  easel_profile_set_limits (copy, easel_profile_get_limits (saved));
  easel_profile_set_pricing (copy, easel_profile_get_pricing (saved));
  easel_profile_set_concurrency (copy, easel_profile_get_concurrency (saved));

  return g_steal_pointer (&copy);
}

/* Finds --profile in the saved profiles and, unless --api-key-env gave
 * one, its key in the keyring. */
static EaselProfile *
load_saved_profile (Options      *options,
                    EaselCliKey  *stored_key,
                    int          *status)
{
  g_autoptr(EaselSettings) settings = easel_settings_new ();
  g_autoptr(EaselProfileStore) store = NULL;
  g_autoptr(EaselProfile) profile = NULL;
  g_autoptr(EaselSecrets) secrets = NULL;
  g_autoptr(GError) error = NULL;
  EaselProfile *saved;

  store = easel_profile_store_new (easel_settings_get_gsettings (settings));
  saved = easel_profile_store_lookup (store, options->profile_id);
  if (saved == NULL)
    {
      g_printerr (_("easel-cli generate: there is no saved profile “%s”; "
                    "“easel-cli profiles list” shows them.\n"), options->profile_id);
      *status = EASEL_EXIT_USAGE;
      return NULL;
    }
  profile = copy_profile (saved);

  if (options->api_key_env != NULL)
    return g_steal_pointer (&profile);

  secrets = easel_secrets_new ();
  *stored_key = easel_secrets_lookup_sync (secrets, options->profile_id, NULL, &error);
  if (error != NULL)
    {
      g_printerr (_("easel-cli generate: could not read the API key of the profile “%s” from "
                    "the keyring: %s\n"), options->profile_id, error->message);
      *status = EASEL_EXIT_FAILED;
      return NULL;
    }
  if (*stored_key == NULL)
    {
      if (!easel_secrets_get_persistent (secrets))
        g_printerr (_("easel-cli generate: no keyring (Secret Service) answered, so the API key "
                      "of the profile “%s” cannot be read; pass one with --api-key-env.\n"),
                    options->profile_id);
      else
        g_printerr (_("easel-cli generate: the profile “%s” has no API key in the keyring; pass "
                      "one with --api-key-env.\n"), options->profile_id);
      *status = EASEL_EXIT_USAGE;
      return NULL;
    }

  return g_steal_pointer (&profile);
}

static EaselRequest *
make_request (Options     *options,
              const char  *prompt,
              GError     **error)
{
  g_autoptr(EaselRequest) request = easel_request_new ();

  easel_request_set_prompt (request, prompt);
  if (options->size != NULL)
    easel_request_set_size (request, options->size);

#define PARSE(option, type, parse, setter, what)                                           \
  if (options->option != NULL)                                                             \
    {                                                                                      \
      type value;                                                                          \
      if (!parse (options->option, &value))                                                \
        {                                                                                  \
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST, what,              \
                       options->option);                                                   \
          return NULL;                                                                     \
        }                                                                                  \
      setter (request, value);                                                             \
    }

  PARSE (quality, EaselQuality, easel_quality_from_string, easel_request_set_quality,
         _("Unknown quality “%s”; use auto, low, medium or high."));
  PARSE (format, EaselOutputFormat, easel_output_format_from_string,
         easel_request_set_output_format, _("Unknown format “%s”; use png, jpeg or webp."));
  PARSE (background, EaselBackground, easel_background_from_string,
         easel_request_set_background, _("Unknown background “%s”; use auto or opaque."));
  PARSE (moderation, EaselModeration, easel_moderation_from_string,
         easel_request_set_moderation, _("Unknown moderation “%s”; use auto or low."));
#undef PARSE

  if (options->resolution != NULL)
    {
      EaselResolution resolution;

      if (!easel_resolution_parse (options->resolution, &resolution, error))
        return NULL;
      easel_request_set_resolution (request, resolution);
    }

  easel_request_set_output_compression (request, options->compression);
  if (options->n < 1)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("-n must be at least 1, not %d."), options->n);
      return NULL;
    }
  easel_request_set_n (request, options->n);

  for (guint i = 0; options->images && options->images[i]; i++)
    {
      const char *image = options->images[i];
      g_autoptr(EaselReference) reference = NULL;

      if (strstr (image, "://") != NULL || g_str_has_prefix (image, "data:"))
        {
          reference = easel_reference_new_for_url (image, error);
          if (reference == NULL)
            return NULL;
        }
      else
        {
          reference = easel_reference_new_for_path (image);
        }
      easel_request_add_reference (request, reference);
    }

  if (options->mask != NULL)
    {
      g_autoptr(EaselReference) mask = easel_reference_new_for_path (options->mask);

      easel_request_set_mask (request, mask);
    }

  easel_request_set_async (request, options->async);
  easel_request_set_stream (request, options->stream);
  if (options->stream)
    easel_request_set_partial_images (request, 2);

  return g_steal_pointer (&request);
}

int
easel_cli_generate (int    argc,
                    char **argv)
{
  g_auto(Options) options = { .compression = -1, .n = 1 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselProfile) profile = NULL;
  g_autoptr(EaselRequest) request = NULL;
  g_autoptr(EaselClient) client = NULL;
  g_autoptr(EaselJob) job = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *prompt = NULL;
  g_auto(EaselCliKey) stored_key = NULL;
  const char *key = NULL;
  Run run = { 0 };
  guint sigint, sigterm;
  GListModel *images;
  const GError *job_error;
  const GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_STRING, &options.profile_id,
      N_("Use the saved gateway profile ID"), N_("ID") },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &options.preset,
      N_("Use a preset gateway: openai, apiyi, yycode, icodeeasy, aizfw, aizfw-r"), N_("NAME") },
    { "dialect", 0, 0, G_OPTION_ARG_STRING, &options.dialect,
      N_("The gateway’s protocol: openai, icodeeasy, yycode or aizfw"), N_("DIALECT") },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &options.base_url,
      N_("The gateway’s API base URL"), N_("URL") },
    { "api-key-env", 0, 0, G_OPTION_ARG_STRING, &options.api_key_env,
      N_("Read the API key from this environment variable"), N_("VARIABLE") },
    { "model", 0, 0, G_OPTION_ARG_STRING, &options.model,
      N_("The model (default: the profile’s, gpt-image-2)"), N_("MODEL") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &options.size,
      N_("auto, WIDTHxHEIGHT, or a ratio such as 16:9"), N_("SIZE") },
    { "resolution", 0, 0, G_OPTION_ARG_STRING, &options.resolution,
      N_("With a ratio: 1k, 2k or 4k"), N_("TIER") },
    { "quality", 0, 0, G_OPTION_ARG_STRING, &options.quality,
      N_("auto, low, medium or high"), N_("QUALITY") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &options.format,
      N_("png, jpeg or webp"), N_("FORMAT") },
    { "compression", 0, 0, G_OPTION_ARG_INT, &options.compression,
      N_("0–100, for jpeg and webp"), N_("PERCENT") },
    { "background", 0, 0, G_OPTION_ARG_STRING, &options.background,
      N_("auto or opaque"), N_("BACKGROUND") },
    { "moderation", 0, 0, G_OPTION_ARG_STRING, &options.moderation,
      N_("auto or low"), N_("MODERATION") },
    { "n", 'n', 0, G_OPTION_ARG_INT, &options.n,
      N_("How many images"), N_("COUNT") },
    { "image", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options.images,
      N_("A reference image: a file, an https:// URL or a data: URL (repeatable)"),
      N_("FILE|URL") },
    { "mask", 0, 0, G_OPTION_ARG_FILENAME, &options.mask,
      N_("A PNG mask for the first image: transparent where to redraw"), N_("FILE") },
    { "async", 0, 0, G_OPTION_ARG_NONE, &options.async,
      N_("Submit as a task and poll (gateways that offer it)"), NULL },
    { "stream", 0, 0, G_OPTION_ARG_NONE, &options.stream,
      N_("Stream partial images (gateways that offer it)"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output_dir,
      N_("Write images into DIR (default: the current folder)"), N_("DIR") },
    { "no-history", 0, 0, G_OPTION_ARG_NONE, &options.no_history,
      N_("Do not record this generation in Easel’s history"), NULL },
    /* Hidden: the gateways' documented intervals are the right ones; tests
     * against the local mock gateway need not wait seconds per poll. */
    { "poll-interval-ms", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &options.poll_interval_ms,
      NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json,
      N_("Print one JSON line per image: path, mime, width, height, usage, cost, seconds"),
      NULL },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new (_("PROMPT"));
  g_option_context_set_summary (context, _("Make images from a prompt, and from reference images "
                                           "when --image is given."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);

  if (argc != 2)
    return usage_error (context, argc < 2 ? _("Give the prompt as one argument.")
                                          : _("Give the prompt as one argument (quote it)."));
  prompt = g_strdup (argv[1]);

  if (options.profile_id != NULL &&
      (options.preset != NULL || options.dialect != NULL || options.base_url != NULL))
    return usage_error (context, _("Use either --profile, or --preset or --dialect with "
                                   "--base-url, not both."));

  /* A saved profile's key comes from the keyring; --api-key-env overrides it. */
  if (options.api_key_env == NULL && options.profile_id == NULL)
    return usage_error (context, _("Name the environment variable that holds the API key with "
                                   "--api-key-env."));
  if (options.api_key_env != NULL)
    {
      key = g_getenv (options.api_key_env);
      if (key == NULL || *key == '\0')
        {
          g_printerr (_("easel-cli generate: the environment variable %s is not set or empty; it "
                        "should hold the API key.\n"), options.api_key_env);
          return EASEL_EXIT_USAGE;
        }
    }

  if (options.profile_id != NULL)
    {
      int status = EASEL_EXIT_USAGE;

      profile = load_saved_profile (&options, &stored_key, &status);
      if (profile == NULL)
        return status;
      if (key == NULL)
        key = stored_key;
      if (options.model != NULL)
        easel_profile_set_model (profile, options.model);
    }
  else
    {
      profile = make_profile (&options, &error);
      if (profile == NULL)
        {
          g_printerr ("easel-cli generate: %s\n", error->message);
          return EASEL_EXIT_USAGE;
        }
    }

  request = make_request (&options, prompt, &error);
  if (request == NULL)
    {
      g_printerr ("easel-cli generate: %s\n", error->message);
      return EASEL_EXIT_INVALID;
    }

  /* Fail before anything is sent, with the rule that was broken. */
  if (!easel_request_validate (request, profile, &error))
    {
      g_printerr ("easel-cli generate: %s\n", error->message);
      return EASEL_EXIT_INVALID;
    }

  {
    double estimate;

    if (easel_pricing_estimate (profile, request, &estimate))
      {
        g_autofree char *money = easel_pricing_format (estimate,
                                                       easel_profile_get_pricing (profile)->currency);

        g_printerr (_("Estimated cost: %s\n"), money);
      }
  }

  client = easel_client_new ();
  job = easel_job_new (client, profile, request, key,
                       options.output_dir ? options.output_dir : ".");
  if (options.poll_interval_ms > 0)
    easel_job_set_poll_interval (job, options.poll_interval_ms);
  loop = g_main_loop_new (NULL, FALSE);
  run.loop = loop;
  run.job = job;
  run.json = options.json;
  run.last_state = EASEL_JOB_QUEUED;

  g_signal_connect (job, "notify::state", G_CALLBACK (on_state), &run);
  g_signal_connect (job, "notify::remote-status", G_CALLBACK (on_remote_status), &run);
  g_signal_connect (job, "notify::retry-in-ms", G_CALLBACK (on_retry), &run);
  g_signal_connect (job, "notify::partial-image", G_CALLBACK (on_partial), &run);
  sigint = g_unix_signal_add (SIGINT, on_signal, &run);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, &run);

  easel_job_start (job);
  if (!easel_job_is_finished (job))
    g_main_loop_run (loop);

  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_signal_handlers_disconnect_by_data (job, &run);
  g_free (run.last_remote_status);

  images = easel_job_get_images (job);
  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(EaselImage) image = g_list_model_get_item (images, i);

      if (options.json)
        print_image_json (job, image);
      else
        g_print ("%s\n", easel_image_get_path (image));
    }

  job_error = easel_job_get_error (job);
  if (easel_job_get_state (job) == EASEL_JOB_STORED)
    {
      double cost = easel_job_get_cost (job);

      if (cost >= 0)
        {
          g_autofree char *money = easel_pricing_format (cost,
                                                         easel_profile_get_pricing (profile)->currency);

          g_printerr (_("Done in %.1f s; cost %s.\n"), easel_job_get_elapsed (job), money);
        }
      else
        {
          g_printerr (_("Done in %.1f s.\n"), easel_job_get_elapsed (job));
        }
      return EASEL_EXIT_OK;
    }

  g_assert (job_error != NULL);
  g_printerr ("easel-cli generate: %s\n", job_error->message);
  if (easel_job_get_state (job) == EASEL_JOB_CANCELLED)
    return EASEL_EXIT_CANCELLED;

  return easel_error_exit_code (job_error, easel_job_get_sent (job));
}
