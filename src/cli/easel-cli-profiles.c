/* easel-cli-profiles.c: `easel-cli profiles`
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The same profiles the Preferences window edits, from the command line:
 * list them, list the presets, add, remove, and pick the default. The
 * profiles go to GSettings through EaselProfileStore, keys to the keyring
 * through EaselSecrets; a key is only ever read from the environment
 * variable named by --api-key-env and never printed. */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "easel-cli-private.h"
#include "easel-profile-store.h"
#include "easel-secrets.h"
#include "easel-settings.h"
#include "easel-size.h"

typedef struct
{
  EaselSettings     *settings;
  EaselProfileStore *store;
} Profiles;

static void
profiles_clear (Profiles *profiles)
{
  g_clear_object (&profiles->store);
  g_clear_object (&profiles->settings);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Profiles, profiles_clear)

static void
profiles_open (Profiles *profiles)
{
  profiles->settings = easel_settings_new ();
  profiles->store = easel_profile_store_new (easel_settings_get_gsettings (profiles->settings));
}

/* Some backends (dconf) write in the background; the process is about to
 * end, so wait for them. */
static void
profiles_close (Profiles *profiles)
{
  g_settings_sync ();
  profiles_clear (profiles);
}

static int
usage_error (const char *command,
             const char *message)
{
  g_printerr ("easel-cli profiles %s: %s\n", command, message);
  g_printerr (_("Run “easel-cli profiles %s --help” to see the options.\n"), command);
  return EASEL_EXIT_USAGE;
}

static int
invalid (const char *command,
         const char *message)
{
  g_printerr ("easel-cli profiles %s: %s\n", command, message);
  return EASEL_EXIT_INVALID;
}

typedef enum
{
  KEY_UNKNOWN,
  KEY_NONE,
  KEY_STORED,
} KeyState;

static KeyState
key_state (EaselSecrets *secrets,
           const char   *id,
           gboolean     *warned)
{
  g_autoptr(GError) error = NULL;
  g_auto(EaselCliKey) key = easel_secrets_lookup_sync (secrets, id, NULL, &error);

  if (error != NULL)
    {
      if (!*warned)
        g_printerr (_("easel-cli profiles list: could not read the keyring: %s\n"),
                    error->message);
      *warned = TRUE;
      return KEY_UNKNOWN;
    }

  /* Keys in memory are this run's only; that says nothing of the keyring. */
  if (!easel_secrets_get_persistent (secrets))
    return KEY_UNKNOWN;

  return key != NULL ? KEY_STORED : KEY_NONE;
}

static int
run_list (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselSecrets) secrets = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(Profiles) profiles = { 0 };
  EaselProfile *fallback;
  GListModel *list;
  gboolean json = FALSE;
  gboolean warned = FALSE;
  const char *default_id;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print one JSON line per profile"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("List the saved gateway profiles. The default one is "
                                           "marked with *."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("list", error->message);
  if (argc > 1)
    return usage_error ("list", _("This command takes no arguments."));

  profiles_open (&profiles);
  secrets = easel_secrets_new ();
  list = easel_profile_store_get_profiles (profiles.store);
  fallback = easel_profile_store_get_default (profiles.store);
  default_id = fallback ? easel_profile_get_id (fallback) : NULL;

  if (g_list_model_get_n_items (list) == 0 && !json)
    {
      g_printerr (_("There are no saved profiles. Add one with “easel-cli profiles add”.\n"));
      profiles_close (&profiles);
      return EASEL_EXIT_OK;
    }

  rows = easel_cli_table_new ();
  /* Translators: column headers of `easel-cli profiles list`. */
  easel_cli_table_add (rows, " ", _("ID"), _("NAME"), _("DIALECT"), _("BASE URL"), _("MODEL"),
                       _("KEY"), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(EaselProfile) profile = g_list_model_get_item (list, i);
      const char *id = easel_profile_get_id (profile);
      const char *dialect = easel_dialect_kind_to_string (easel_profile_get_dialect (profile));
      gboolean is_default = g_strcmp0 (id, default_id) == 0;
      KeyState key = key_state (secrets, id, &warned);

      if (json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          const char *preset = easel_profile_get_preset_id (profile);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, id);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, easel_profile_get_name (profile));
          json_builder_set_member_name (builder, "dialect");
          json_builder_add_string_value (builder, dialect);
          json_builder_set_member_name (builder, "preset");
          if (preset != NULL)
            json_builder_add_string_value (builder, preset);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "base_url");
          json_builder_add_string_value (builder, easel_profile_get_base_url (profile));
          json_builder_set_member_name (builder, "model");
          json_builder_add_string_value (builder, easel_profile_get_model (profile));
          json_builder_set_member_name (builder, "concurrency");
          json_builder_add_int_value (builder, easel_profile_get_concurrency (profile));
          json_builder_set_member_name (builder, "default");
          json_builder_add_boolean_value (builder, is_default);
          json_builder_set_member_name (builder, "key_stored");
          if (key == KEY_UNKNOWN)
            json_builder_add_null_value (builder);
          else
            json_builder_add_boolean_value (builder, key == KEY_STORED);
          json_builder_end_object (builder);
          easel_cli_print_json_line (builder);
        }
      else
        {
          easel_cli_table_add (rows, is_default ? "*" : " ", id, easel_profile_get_name (profile),
                               dialect, easel_profile_get_base_url (profile),
                               easel_profile_get_model (profile),
                               key == KEY_STORED ? _("stored")
                               : key == KEY_NONE ? _("none") : _("unknown"),
                               NULL);
        }
    }

  if (!json)
    easel_cli_print_table (rows, 7);
  if (!easel_secrets_get_persistent (secrets))
    g_printerr (_("easel-cli profiles list: no keyring (Secret Service) answered, so whether "
                  "keys are stored is unknown.\n"));

  profiles_close (&profiles);
  return EASEL_EXIT_OK;
}

static char *
describe_limits (const EaselProfileLimits *limits)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (parts, g_strdup_printf (_("images: %u"), limits->max_n));
  g_ptr_array_add (parts, g_strdup_printf (_("references: %u"), limits->max_references));
  if (limits->size_form == EASEL_SIZE_FORM_RATIO)
    {
      g_autoptr(GString) tiers = g_string_new (NULL);

      for (EaselResolution r = EASEL_RESOLUTION_1K; r <= EASEL_RESOLUTION_4K; r++)
        {
          if ((limits->resolutions & (1u << r)) == 0)
            continue;
          if (tiers->len > 0)
            g_string_append_c (tiers, '/');
          g_string_append (tiers, easel_resolution_to_string (r));
        }
      g_ptr_array_add (parts, g_strdup_printf (_("sizes: ratio %s"), tiers->str));
    }
  else
    {
      g_ptr_array_add (parts, g_strdup (_("sizes: pixels")));
    }
  if (limits->supports_mask)
    g_ptr_array_add (parts, g_strdup (_("mask")));
  if (limits->supports_streaming)
    g_ptr_array_add (parts, g_strdup (_("streaming")));
  if (limits->always_async)
    g_ptr_array_add (parts, g_strdup (_("always a task")));
  else if (limits->supports_async)
    g_ptr_array_add (parts, g_strdup (_("optional task")));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (", ", (char **) parts->pdata);
}

static void
add_limits_json (JsonBuilder              *builder,
                 const EaselProfileLimits *limits)
{
  static const struct { guint bit; const char *name; } forms[] = {
    { EASEL_REFERENCE_FORM_FILES, "files" },
    { EASEL_REFERENCE_FORM_URLS, "urls" },
    { EASEL_REFERENCE_FORM_DATA, "data" },
  };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "max_n");
  json_builder_add_int_value (builder, limits->max_n);
  json_builder_set_member_name (builder, "max_references");
  json_builder_add_int_value (builder, limits->max_references);
  json_builder_set_member_name (builder, "max_prompt_chars");
  json_builder_add_int_value (builder, limits->max_prompt_chars);
  json_builder_set_member_name (builder, "supports_mask");
  json_builder_add_boolean_value (builder, limits->supports_mask);
  json_builder_set_member_name (builder, "supports_streaming");
  json_builder_add_boolean_value (builder, limits->supports_streaming);
  json_builder_set_member_name (builder, "supports_async");
  json_builder_add_boolean_value (builder, limits->supports_async);
  json_builder_set_member_name (builder, "always_async");
  json_builder_add_boolean_value (builder, limits->always_async);
  json_builder_set_member_name (builder, "quality_ignored");
  json_builder_add_boolean_value (builder, limits->quality_ignored);
  json_builder_set_member_name (builder, "size_form");
  json_builder_add_string_value (builder, limits->size_form == EASEL_SIZE_FORM_RATIO ? "ratio"
                                                                                     : "pixels");
  json_builder_set_member_name (builder, "resolutions");
  json_builder_begin_array (builder);
  for (EaselResolution r = EASEL_RESOLUTION_1K; r <= EASEL_RESOLUTION_4K; r++)
    {
      if (limits->resolutions & (1u << r))
        json_builder_add_string_value (builder, easel_resolution_to_string (r));
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "reference_forms");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      if (limits->reference_forms & forms[i].bit)
        json_builder_add_string_value (builder, forms[i].name);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "poll_interval_ms");
  json_builder_add_int_value (builder, limits->poll_interval_ms);
  json_builder_end_object (builder);
}

static int
run_presets (int    argc,
             char **argv)
{
  const char * const *ids = easel_profile_preset_ids ();
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = easel_cli_table_new ();
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print one JSON line per preset"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("List the gateway presets a profile can be made "
                                           "from."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("presets", error->message);
  if (argc > 1)
    return usage_error ("presets", _("This command takes no arguments."));

  /* Translators: column headers of `easel-cli profiles presets`. */
  easel_cli_table_add (rows, _("ID"), _("NAME"), _("DIALECT"), _("BASE URL"), _("LIMITS"), NULL);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(EaselProfile) preset = easel_profile_new_from_preset (ids[i], ids[i]);
      const EaselProfileLimits *limits = easel_profile_get_limits (preset);
      const char *dialect = easel_dialect_kind_to_string (easel_profile_get_dialect (preset));

      if (json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, ids[i]);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, easel_profile_get_name (preset));
          json_builder_set_member_name (builder, "dialect");
          json_builder_add_string_value (builder, dialect);
          json_builder_set_member_name (builder, "base_url");
          json_builder_add_string_value (builder, easel_profile_get_base_url (preset));
          json_builder_set_member_name (builder, "model");
          json_builder_add_string_value (builder, easel_profile_get_model (preset));
          json_builder_set_member_name (builder, "limits");
          add_limits_json (builder, limits);
          json_builder_end_object (builder);
          easel_cli_print_json_line (builder);
        }
      else
        {
          g_autofree char *described = describe_limits (limits);

          easel_cli_table_add (rows, ids[i], easel_profile_get_name (preset), dialect,
                     easel_profile_get_base_url (preset), described, NULL);
        }
    }

  if (!json)
    easel_cli_print_table (rows, 5);

  return EASEL_EXIT_OK;
}

typedef struct
{
  char *id;
  char *preset;
  char *dialect;
  char *base_url;
  char *model;
  char *name;
  char *api_key_env;
} AddOptions;

static void
add_options_clear (AddOptions *options)
{
  g_free (options->id);
  g_free (options->preset);
  g_free (options->dialect);
  g_free (options->base_url);
  g_free (options->model);
  g_free (options->name);
  g_free (options->api_key_env);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AddOptions, add_options_clear)

static int
run_add (int    argc,
         char **argv)
{
  g_auto(AddOptions) options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselProfile) profile = NULL;
  g_autoptr(EaselSecrets) secrets = NULL;
  g_autofree char *label = NULL;
  g_auto(Profiles) profiles = { 0 };
  const char *key;
  const GOptionEntry entries[] = {
    { "id", 0, 0, G_OPTION_ARG_STRING, &options.id,
      N_("The new profile’s id: lower-case letters, digits and dashes"), N_("ID") },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &options.preset,
      N_("Make it from a preset (see “easel-cli profiles presets”)"), N_("NAME") },
    { "dialect", 0, 0, G_OPTION_ARG_STRING, &options.dialect,
      N_("The gateway’s protocol: openai, icodeeasy, yycode or aizfw"), N_("DIALECT") },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &options.base_url,
      N_("The gateway’s API base URL"), N_("URL") },
    { "model", 0, 0, G_OPTION_ARG_STRING, &options.model,
      N_("The model (default: the preset’s, or gpt-image-2)"), N_("MODEL") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &options.name,
      N_("The name Easel shows for it"), N_("TEXT") },
    { "api-key-env", 0, 0, G_OPTION_ARG_STRING, &options.api_key_env,
      N_("Read the API key from this environment variable"), N_("VARIABLE") },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Add a gateway profile, from a preset or a dialect "
                                           "and base URL, and store its API key in the "
                                           "keyring."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("add", error->message);
  if (argc > 1)
    return usage_error ("add", _("This command takes no arguments, only options."));

  /* The command line must make sense before anything is checked… */
  if (options.id == NULL)
    return usage_error ("add", _("Give the new profile an id with --id."));
  if (options.preset != NULL && (options.dialect != NULL || options.base_url != NULL))
    return usage_error ("add", _("Use either --preset, or --dialect with --base-url, not both."));
  if (options.preset == NULL && (options.dialect == NULL || options.base_url == NULL))
    return usage_error ("add", _("Say which gateway it is: --preset, or --dialect with "
                                 "--base-url."));
  if (options.api_key_env == NULL)
    return usage_error ("add", _("Name the environment variable that holds the API key with "
                                 "--api-key-env."));
  key = g_getenv (options.api_key_env);
  if (key == NULL || *key == '\0')
    {
      g_printerr (_("easel-cli profiles add: the environment variable %s is not set or empty; "
                    "it should hold the API key.\n"), options.api_key_env);
      return EASEL_EXIT_USAGE;
    }

  /* …then every value, and only then is anything written. */
  if (options.preset != NULL)
    {
      profile = easel_profile_new_from_preset (options.preset, options.id);
      if (profile == NULL)
        {
          g_autofree char *list = g_strjoinv (", ", (char **) easel_profile_preset_ids ());
          g_autofree char *message = g_strdup_printf (_("Unknown preset “%s”; the presets are: "
                                                        "%s."), options.preset, list);

          return invalid ("add", message);
        }
    }
  else
    {
      EaselDialectKind dialect;

      if (!easel_dialect_kind_from_string (options.dialect, &dialect))
        {
          g_autofree char *message = g_strdup_printf (_("Unknown dialect “%s”; the dialects are: "
                                                        "openai, icodeeasy, yycode, aizfw."),
                                                      options.dialect);

          return invalid ("add", message);
        }
      if (!easel_base_url_check (options.base_url, &error))
        return invalid ("add", error->message);
      profile = easel_profile_new (options.id, dialect, options.base_url);
    }

  if (options.model != NULL)
    {
      if (*options.model == '\0')
        return invalid ("add", _("The model must not be empty."));
      easel_profile_set_model (profile, options.model);
    }
  if (options.name != NULL)
    {
      if (*options.name == '\0')
        return invalid ("add", _("The name must not be empty."));
      easel_profile_set_name (profile, options.name);
    }

  profiles_open (&profiles);
  if (!easel_profile_store_check_new_id (profiles.store, options.id, &error))
    {
      profiles_close (&profiles);
      return invalid ("add", error->message);
    }

  /* The key first: a profile without its key would be no use, and
   * without a keyring the key would only last until this process ends. */
  secrets = easel_secrets_new ();
  /* Translators: the label the keyring shows; %s is the profile's name. */
  label = g_strdup_printf (_("Easel API key for %s"), easel_profile_get_name (profile));
  if (!easel_secrets_store_sync (secrets, options.id, label, key, NULL, &error))
    {
      g_printerr (_("easel-cli profiles add: could not store the API key in the keyring: %s\n"),
                  error->message);
      profiles_close (&profiles);
      return EASEL_EXIT_FAILED;
    }
  if (!easel_secrets_get_persistent (secrets))
    {
      g_printerr (_("easel-cli profiles add: no keyring (Secret Service) answered, so the API "
                    "key cannot be kept; the profile was not added.\n"));
      profiles_close (&profiles);
      return EASEL_EXIT_FAILED;
    }

  if (!easel_profile_store_add (profiles.store, profile, &error))
    {
      /* Another process took the id after the check: the key just stored
       * under it would pair with their profile, so take it back out. */
      easel_secrets_clear_sync (secrets, options.id, NULL, NULL);
      profiles_close (&profiles);
      return invalid ("add", error->message);
    }

  profiles_close (&profiles);
  g_printerr (_("Added the profile “%s”.\n"), options.id);

  return EASEL_EXIT_OK;
}

/* Both `remove` and `default` take exactly one existing profile id. */
static EaselProfile *
parse_id_command (const char  *command,
                  const char  *summary,
                  int          argc,
                  char       **argv,
                  Profiles    *profiles,
                  int         *status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  EaselProfile *profile;

  context = g_option_context_new (_("ID"));
  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      *status = usage_error (command, error->message);
      return NULL;
    }
  if (argc != 2)
    {
      *status = usage_error (command, _("Give one profile id."));
      return NULL;
    }

  profiles_open (profiles);
  profile = easel_profile_store_lookup (profiles->store, argv[1]);
  if (profile == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("There is no profile “%s”; "
                                                    "“easel-cli profiles list” shows them."),
                                                  argv[1]);

      *status = invalid (command, message);
      return NULL;
    }

  return profile;
}

static int
run_remove (int    argc,
            char **argv)
{
  g_autoptr(EaselSecrets) secrets = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Profiles) profiles = { 0 };
  g_autofree char *id = NULL;
  EaselProfile *profile;
  int status = EASEL_EXIT_OK;

  profile = parse_id_command ("remove", _("Remove a saved gateway profile and its API key."),
                              argc, argv, &profiles, &status);
  if (profile == NULL)
    return status;
  id = g_strdup (easel_profile_get_id (profile));

  /* The key first: when the keyring refuses, the profile stays, so the
   * user can try again rather than leave a key nobody can find. */
  secrets = easel_secrets_new ();
  if (!easel_secrets_clear_sync (secrets, id, NULL, &error))
    {
      g_printerr (_("easel-cli profiles remove: could not remove the API key from the keyring; "
                    "the profile was kept: %s\n"), error->message);
      profiles_close (&profiles);
      return EASEL_EXIT_FAILED;
    }
  if (!easel_secrets_get_persistent (secrets))
    g_printerr (_("easel-cli profiles remove: no keyring (Secret Service) answered; if it holds "
                  "a key for “%s”, that key is still there.\n"), id);

  easel_profile_store_remove (profiles.store, id);
  profiles_close (&profiles);
  g_printerr (_("Removed the profile “%s”.\n"), id);

  return EASEL_EXIT_OK;
}

static int
run_default (int    argc,
             char **argv)
{
  g_auto(Profiles) profiles = { 0 };
  EaselProfile *profile;
  int status = EASEL_EXIT_OK;

  profile = parse_id_command ("default", _("Make a saved profile the one Easel starts with."),
                              argc, argv, &profiles, &status);
  if (profile == NULL)
    return status;

  easel_profile_store_set_default (profiles.store, easel_profile_get_id (profile));
  profiles_close (&profiles);

  return EASEL_EXIT_OK;
}

typedef struct
{
  const char *name;
  int       (*run)     (int argc, char **argv);
} Subcommand;

static const Subcommand subcommands[] = {
  { "list", run_list },
  { "presets", run_presets },
  { "add", run_add },
  { "remove", run_remove },
  { "default", run_default },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s",
           _("Usage:\n"
             "  easel-cli profiles list [--json]\n"
             "  easel-cli profiles presets [--json]\n"
             "  easel-cli profiles add --id ID (--preset NAME | --dialect DIALECT --base-url URL)\n"
             "                         [--model MODEL] [--name TEXT] --api-key-env VARIABLE\n"
             "  easel-cli profiles remove ID\n"
             "  easel-cli profiles default ID\n"
             "\n"
             "The same gateway profiles the Easel app shows; API keys go to the keyring.\n"));
}

int
easel_cli_profiles (int    argc,
                    char **argv)
{
  if (argc < 2)
    {
      print_usage (stderr);
      return EASEL_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_usage (stdout);
      return EASEL_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    {
      if (g_str_equal (argv[1], subcommands[i].name))
        return subcommands[i].run (argc - 1, argv + 1);
    }

  g_printerr (_("easel-cli profiles: unknown command “%s”\n"), argv[1]);
  print_usage (stderr);
  return EASEL_EXIT_USAGE;
}
