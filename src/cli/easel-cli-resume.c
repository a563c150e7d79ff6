/* easel-cli-resume.c: `easel-cli resume`
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Finishes every generation the history still has as pending after a
 * crash or a quit (DESIGN.md §5, "Nothing lost"): a remote job is polled
 * again, never sent again, and its images land in the history's folder;
 * a direct request whose answer never arrived is closed as interrupted.
 * Each generation runs with its own saved profile, a few at a time per
 * gateway as the profile allows; one whose profile is gone is reported
 * and stays pending until the profile is added back. */

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "easel-cli-private.h"
#include "easel-client.h"
#include "easel-job-queue.h"
#include "easel-profile-store.h"
#include "easel-settings.h"

#define COMMAND_LINE_PROFILE "command-line"

typedef struct
{
  EaselHistoryEntry *entry;
  char              *prefix;
  EaselCliProgress  *progress;
} Item;

static void
item_free (Item *item)
{
  easel_history_entry_unref (item->entry);
  g_free (item->prefix);
  easel_cli_progress_free (item->progress);
  g_free (item);
}

typedef struct
{
  char     *profile_id;
  char     *api_key_env;
  char     *preset;
  char     *dialect;
  char     *base_url;
  gboolean  json;
  int       poll_interval_ms;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->profile_id);
  g_free (options->api_key_env);
  g_free (options->preset);
  g_free (options->dialect);
  g_free (options->base_url);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

typedef struct
{
  Options           *options;
  const char        *env_key;       /* from --api-key-env, or NULL */
  EaselProfile      *command_line;  /* from --preset or --dialect, or NULL */
  EaselSettings     *settings;
  EaselProfileStore *store;
  EaselSecrets      *secrets;
  GHashTable        *keys;          /* profile id → EaselCliKey from the keyring */
  EaselClient       *client;
  EaselHistory      *history;
  EaselJobQueue     *queue;
  GHashTable        *items;         /* EaselJob → Item */
  GMainLoop         *loop;
  guint              running;
  gboolean           stopping;
  int                status;
} Resume;

static void
resume_clear (Resume *resume)
{
  g_clear_pointer (&resume->items, g_hash_table_unref);
  g_clear_object (&resume->queue);
  g_clear_object (&resume->command_line);
  g_clear_object (&resume->store);
  g_clear_object (&resume->settings);
  g_clear_object (&resume->secrets);
  g_clear_pointer (&resume->keys, g_hash_table_unref);
  g_clear_object (&resume->client);
  g_clear_pointer (&resume->loop, g_main_loop_unref);
  easel_cli_history_close (g_steal_pointer (&resume->history));
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Resume, resume_clear)

static void
worse (Resume *resume,
       int     status)
{
  resume->status = MAX (resume->status, status);
}

static int
usage_error (const char *message)
{
  g_printerr ("easel-cli resume: %s\n", message);
  g_printerr (_("Run “%s” to see the options.\n"), "easel-cli resume --help");
  return EASEL_EXIT_USAGE;
}

/* The gateway to finish @entry with, or NULL when there is none: said
 * why, and the generation stays pending. */
static EaselProfile *
find_profile (Resume            *resume,
              EaselHistoryEntry *entry,
              const char        *prefix)
{
  EaselProfile *saved;
  const char *dialect;

  if (g_strcmp0 (entry->profile_id, COMMAND_LINE_PROFILE) == 0)
    {
      /* Made with --preset or --dialect: only the same options can tell
       * where its gateway is (the selection matched the dialect). */
      if (resume->command_line == NULL)
        {
          g_printerr (_("%sthis generation was made with a gateway given on the command line "
                        "(the %s dialect); resume it with the same --preset, or --dialect and "
                        "--base-url, and --api-key-env.\n"),
                      prefix, entry->dialect ? entry->dialect : "?");
          return NULL;
        }
      return g_object_ref (resume->command_line);
    }

  saved = entry->profile_id != NULL ? easel_profile_store_lookup (resume->store,
                                                                  entry->profile_id)
                                    : NULL;
  if (saved == NULL)
    {
      g_printerr (_("%sthe gateway “%s” was removed; add it back to resume this generation.\n"),
                  prefix, entry->profile_id ? entry->profile_id : "?");
      return NULL;
    }
  dialect = easel_dialect_kind_to_string (easel_profile_get_dialect (saved));
  if (g_strcmp0 (dialect, entry->dialect) != 0)
    {
      g_printerr (_("%sthe gateway “%s” speaks the %s dialect now, not %s as when this generation "
                    "was made, so it cannot be resumed there.\n"),
                  prefix, entry->profile_id, dialect, entry->dialect ? entry->dialect : "?");
      return NULL;
    }

  return easel_cli_profile_copy (saved);
}

/* What closing a direct request cut off needs: nothing is sent, so no
 * gateway and no key, only what the generation was recorded with (the
 * closing record writes the profile's id, name, dialect and currency
 * back as they were), even when its profile is gone. */
static EaselProfile *
stand_in_profile (EaselHistoryEntry *entry)
{
  EaselDialectKind kind = EASEL_DIALECT_OPENAI;
  g_autoptr(EaselProfile) profile = NULL;
  EaselProfilePricing pricing;

  if (entry->dialect != NULL)
    easel_dialect_kind_from_string (entry->dialect, &kind);
  profile = easel_profile_new (entry->profile_id ? entry->profile_id : COMMAND_LINE_PROFILE, kind,
                               "https://gateway.invalid");
  if (entry->profile_name != NULL)
    easel_profile_set_name (profile, entry->profile_name);
  pricing = *easel_profile_get_pricing (profile);
  g_strlcpy (pricing.currency, entry->currency ? entry->currency : "", sizeof pricing.currency);
  easel_profile_set_pricing (profile, &pricing);

  return g_steal_pointer (&profile);
}

/* --api-key-env first (the selection holds one gateway then); else the
 * keyring, asked once per profile. */
static const char *
find_key (Resume       *resume,
          EaselProfile *profile)
{
  const char *id = easel_profile_get_id (profile);
  int status = EASEL_EXIT_USAGE;
  char *key;

  if (resume->env_key != NULL)
    return resume->env_key;
  if (g_hash_table_contains (resume->keys, id))
    return g_hash_table_lookup (resume->keys, id);

  if (g_strcmp0 (id, COMMAND_LINE_PROFILE) == 0)
    {
      g_printerr (_("easel-cli resume: a gateway given on the command line needs its key from "
                    "--api-key-env.\n"));
      key = NULL;
    }
  else
    {
      if (resume->secrets == NULL)
        resume->secrets = easel_secrets_new ();
      key = easel_cli_key_from_keyring ("resume", resume->secrets, id, &status);
    }
  if (key == NULL)
    worse (resume, status);
  /* A failed lookup is remembered too, so that it is said once. */
  g_hash_table_insert (resume->keys, g_strdup (id), key);

  return key;
}

/* Whether this run is to finish @entry: --profile picks one saved
 * profile; --preset or --dialect the generations made with the same
 * options on the command line. */
static gboolean
selected (Resume            *resume,
          EaselHistoryEntry *entry)
{
  gboolean command_line = g_strcmp0 (entry->profile_id, COMMAND_LINE_PROFILE) == 0;

  if (resume->command_line != NULL)
    {
      EaselDialectKind kind = easel_profile_get_dialect (resume->command_line);

      return command_line && g_strcmp0 (entry->dialect, easel_dialect_kind_to_string (kind)) == 0;
    }
  if (resume->options->profile_id != NULL)
    return !command_line && g_strcmp0 (entry->profile_id, resume->options->profile_id) == 0;

  return TRUE;
}

/* One key from the environment is for one gateway: sent to several, it
 * would reach gateways it does not belong to. */
static gboolean
check_env_key (Resume    *resume,
               GPtrArray *entries)
{
  const char *first = NULL;

  if (resume->env_key == NULL)
    return TRUE;

  for (guint i = 0; i < entries->len; i++)
    {
      EaselHistoryEntry *entry = g_ptr_array_index (entries, i);
      const char *id = entry->profile_id != NULL ? entry->profile_id : "";

      /* Closing a request cut off needs no key. */
      if (entry->remote_id == NULL)
        continue;
      if (first == NULL)
        first = id;
      else if (!g_str_equal (first, id))
        {
          g_printerr (_("easel-cli resume: --api-key-env gives one key, but generations of "
                        "several gateways are pending (“%s”, “%s”); resume one gateway at a "
                        "time with --profile.\n"), first, id);
          return FALSE;
        }
    }

  return TRUE;
}

static void
on_job_finished (EaselJobQueue *queue,
                 EaselJob      *job,
                 Resume        *resume)
{
  Item *item = g_hash_table_lookup (resume->items, job);

  g_assert (item != NULL);
  easel_cli_print_images (job, resume->options->json);

  if (resume->stopping)
    ;
  else if (item->entry->remote_id == NULL && easel_job_get_state (job) == EASEL_JOB_FAILED)
    {
      /* Bookkeeping, not a failure of this run: nothing more could come
       * of a direct request whose answer was lost with the process. */
      g_printerr (_("%sclosed: %s\n"), item->prefix, easel_job_get_error (job)->message);
      if (easel_job_get_history_error (job) != NULL)
        g_printerr (_("easel-cli resume: warning: %sthe history could not keep this "
                      "generation: %s\n"), item->prefix,
                    easel_job_get_history_error (job)->message);
    }
  else
    {
      worse (resume, easel_cli_report_outcome ("resume", item->prefix, job));
    }

  g_assert (resume->running > 0);
  if (--resume->running == 0)
    g_main_loop_quit (resume->loop);
}

static gboolean
on_signal (gpointer user_data)
{
  Resume *resume = user_data;

  if (!resume->stopping)
    {
      g_printerr (_("Stopping; the generations not finished stay pending for the next "
                    "“easel-cli resume”.\n"));
      resume->stopping = TRUE;
      worse (resume, EASEL_EXIT_CANCELLED);
      /* Abandoned, not cancelled: the gateway may still deliver. */
      easel_job_queue_abandon_all (resume->queue);
    }

  return G_SOURCE_CONTINUE;
}

/* Starts the job that finishes @entry, or says why it cannot. */
static void
add_entry (Resume            *resume,
           EaselHistoryEntry *entry)
{
  g_autofree char *prefix = g_strdup_printf ("[%" G_GINT64_FORMAT "] ", entry->id);
  g_autoptr(EaselProfile) profile = NULL;
  g_autoptr(EaselJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prompt = NULL;
  const char *key;
  Item *item;

  if (entry->remote_id == NULL)
    {
      profile = stand_in_profile (entry);
      key = NULL;
    }
  else
    {
      profile = find_profile (resume, entry, prefix);
      if (profile == NULL)
        {
          worse (resume, EASEL_EXIT_USAGE);
          return;
        }
      key = find_key (resume, profile);
      if (key == NULL)
        return;
    }

  job = easel_job_new_for_pending (resume->client, profile, resume->history, entry, key, &error);
  if (job == NULL)
    {
      g_printerr ("easel-cli resume: %s%s\n", prefix, error->message);
      worse (resume, EASEL_EXIT_INVALID);
      return;
    }
  if (resume->options->poll_interval_ms > 0)
    easel_job_set_poll_interval (job, resume->options->poll_interval_ms);

  prompt = easel_cli_shorten (entry->prompt, 40);
  if (entry->remote_id != NULL)
    g_printerr (_("%sResuming “%s” at %s…\n"), prefix, prompt, easel_profile_get_name (profile));
  else
    g_printerr (_("%sClosing “%s”, cut off before its answer arrived…\n"), prefix, prompt);

  item = g_new0 (Item, 1);
  item->entry = easel_history_entry_ref (entry);
  item->prefix = g_steal_pointer (&prefix);
  item->progress = easel_cli_progress_new (job, item->prefix, TRUE);
  g_hash_table_insert (resume->items, g_object_ref (job), item);
  resume->running++;
  easel_job_queue_add (resume->queue, job);
}

int
easel_cli_resume (int    argc,
                  char **argv)
{
  g_auto(Options) options = { 0 };
  g_auto(Resume) resume = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) chosen = NULL;
  guint sigint, sigterm;
  const GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_STRING, &options.profile_id,
      N_("Only the generations of the saved gateway profile ID"), N_("ID") },
    { "api-key-env", 0, 0, G_OPTION_ARG_STRING, &options.api_key_env,
      N_("Read the API key from this environment variable instead of the keyring (one "
         "gateway at a time)"), N_("VARIABLE") },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &options.preset,
      N_("For generations made with --preset: the same preset"), N_("NAME") },
    { "dialect", 0, 0, G_OPTION_ARG_STRING, &options.dialect,
      N_("For generations made with --dialect: the same dialect"), N_("DIALECT") },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &options.base_url,
      N_("For generations made with --base-url: the same base URL"), N_("URL") },
    /* Hidden, as for generate: tests need not wait seconds per poll. */
    { "poll-interval-ms", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &options.poll_interval_ms,
      NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json,
      N_("Print one JSON line per image, as generate --json does"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Finish the generations that the history still has "
                                           "as pending after a crash or a quit: remote jobs are "
                                           "asked for again (never sent again), and requests cut "
                                           "off before their answer are closed."));
  g_option_context_set_description (context,
                                    _("Each generation goes back to its saved profile, with the "
                                      "key from the keyring; one whose profile was removed stays "
                                      "pending until it is added back. Generations made with "
                                      "--preset or --dialect need the same options again, and "
                                      "--api-key-env. A request cut off is closed without "
                                      "affecting the exit status; otherwise the status is the "
                                      "worst of the generations’ (see “easel-cli --help”)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message);
  if (argc > 1)
    return usage_error (_("This command takes no arguments, only options."));

  resume.options = &options;
  if (options.api_key_env != NULL)
    {
      resume.env_key = easel_cli_key_from_env ("resume", options.api_key_env);
      if (resume.env_key == NULL)
        return EASEL_EXIT_USAGE;
    }
  if (options.profile_id != NULL &&
      (options.preset != NULL || options.dialect != NULL || options.base_url != NULL))
    return usage_error (_("Use either --profile, or --preset or --dialect with --base-url, not "
                          "both."));
  if (options.preset != NULL || options.dialect != NULL || options.base_url != NULL)
    {
      resume.command_line = easel_cli_profile_from_options (options.preset, options.dialect,
                                                            options.base_url, &error);
      if (resume.command_line == NULL)
        return usage_error (error->message);
    }

  /* Nothing was ever recorded: nothing to do, and nothing to create. */
  if (!easel_cli_history_exists ())
    {
      g_printerr (_("Nothing to resume.\n"));
      return EASEL_EXIT_OK;
    }

  resume.history = easel_cli_history_open ("resume", &error);
  if (resume.history == NULL)
    {
      g_printerr (_("easel-cli resume: the history could not be opened: %s\n"), error->message);
      return EASEL_EXIT_FAILED;
    }
  pending = easel_cli_history_list_pending (resume.history, &error);
  if (pending == NULL)
    {
      g_printerr (_("easel-cli resume: the history could not be read: %s\n"), error->message);
      return EASEL_EXIT_FAILED;
    }
  chosen = g_ptr_array_new_with_free_func ((GDestroyNotify) easel_history_entry_unref);
  for (guint i = 0; i < pending->len; i++)
    if (selected (&resume, g_ptr_array_index (pending, i)))
      g_ptr_array_add (chosen, easel_history_entry_ref (g_ptr_array_index (pending, i)));
  if (chosen->len < pending->len)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "%u pending generation of other gateways is left for later.\n",
                             "%u pending generations of other gateways are left for later.\n",
                             pending->len - chosen->len),
                pending->len - chosen->len);
  if (chosen->len == 0)
    {
      g_printerr (_("Nothing to resume.\n"));
      return EASEL_EXIT_OK;
    }
  if (!check_env_key (&resume, chosen))
    return EASEL_EXIT_USAGE;

  resume.settings = easel_settings_new ();
  resume.store = easel_profile_store_new (easel_settings_get_gsettings (resume.settings));
  resume.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) easel_cli_key_free);
  resume.client = easel_client_new ();
  resume.queue = easel_job_queue_new ();
  resume.items = g_hash_table_new_full (NULL, NULL, g_object_unref, (GDestroyNotify) item_free);
  resume.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (resume.queue, "job-finished", G_CALLBACK (on_job_finished), &resume);
  sigint = g_unix_signal_add (SIGINT, on_signal, &resume);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, &resume);

  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u generation to resume.\n",
                           "%u generations to resume.\n", chosen->len),
              chosen->len);
  /* Counted before any starts: one may finish while it is being added. */
  resume.running++;
  for (guint i = 0; i < chosen->len; i++)
    add_entry (&resume, g_ptr_array_index (chosen, i));
  if (--resume.running > 0)
    g_main_loop_run (resume.loop);

  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_signal_handlers_disconnect_by_data (resume.queue, &resume);

  return resume.status;
}
