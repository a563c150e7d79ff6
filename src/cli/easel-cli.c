/* easel-cli.c: Easel on the command line
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "easel-cli-private.h"

typedef struct
{
  const char *name;
  int       (*run)     (int argc, char **argv);
} Command;

static const Command commands[] = {
  { "generate", easel_cli_generate },
  { "resume", easel_cli_resume },
  { "history", easel_cli_history },
  { "profiles", easel_cli_profiles },
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gboolean version = FALSE;
  g_autofree char *description = NULL;
  const GOptionEntry entries[] = {
    { "version", 'v', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &version,
      N_("Show the version of Easel and exit"), NULL },
    G_OPTION_ENTRY_NULL
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("easel-cli");
  /* stdout carries results (paths, JSON lines); every log line goes to stderr. */
  g_log_writer_default_set_use_stderr (TRUE);

  /* Translators: the part of the usage line after "easel-cli [OPTION…]". */
  context = g_option_context_new (_("COMMAND [ARGUMENT…]"));
  g_option_context_set_summary (context,
                                _("Make and edit images with gpt-image-2 from the command line,\n"
                                  "with the gateways, keys and history of the Easel app."));
  description = g_strdup_printf (_("Commands:\n"
                                   "  generate    make images from a prompt (see generate --help)\n"
                                   "  resume      finish the generations a crash or a quit left "
                                   "pending\n"
                                   "  history     list past generations, newest first; "
                                   "--search, --limit\n"
                                   "  profiles    list, add and remove saved gateway profiles\n"
                                   "\n"
                                   "Generations are recorded in the history the Easel app "
                                   "shows ($XDG_DATA_HOME/easel),\n"
                                   "unless generate is given --no-history.\n"
                                   "\n"
                                   "Exit status:\n"
                                   "  0  success\n"
                                   "  1  the command line could not be understood, or a "
                                   "profile or key it needs is missing\n"
                                   "  2  the request is invalid; nothing was sent\n"
                                   "  3  the gateway refused it (4xx, the job failed, the result "
                                   "expired)\n"
                                   "  4  network or gateway failure, after retries\n"
                                   "  5  cancelled\n"
                                   "\n"
                                   "Report problems at %s"),
                                 PACKAGE_BUGREPORT);
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* Options after the command name belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("easel-cli: %s\n", error->message);
      g_printerr (_("Run “%s” to see the options.\n"), "easel-cli --help");
      return EASEL_EXIT_USAGE;
    }

  if (version)
    {
      g_print ("easel-cli %s\n", PACKAGE_VERSION);
      return EASEL_EXIT_OK;
    }

  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return EASEL_EXIT_USAGE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        {
          g_autofree char *name = g_strconcat ("easel-cli ", commands[i].name, NULL);

          /* So that the command's --help reads "easel-cli history [OPTION…]". */
          g_set_prgname (name);
          return commands[i].run (argc - 1, argv + 1);
        }
    }

  g_printerr (_("easel-cli: unknown command “%s”\n"), argv[1]);
  g_printerr (_("Run “%s” to see the options.\n"), "easel-cli --help");
  return EASEL_EXIT_USAGE;
}
