/* easel-cli-history.c: `easel-cli history`
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Past generations from the store the app shares, newest first: a table
 * for people, or one JSON object per line for scripts. A history that
 * does not exist yet is reported as empty rather than created. */

#include "config.h"

#include <glib/gi18n.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "easel-cli-private.h"
#include "easel-pricing.h"

#define DEFAULT_COLUMNS 80
#define MIN_PROMPT_COLUMNS 20

static int
usage_error (const char *message)
{
  g_printerr ("easel-cli history: %s\n", message);
  g_printerr (_("Run “%s” to see the options.\n"), "easel-cli history --help");
  return EASEL_EXIT_USAGE;
}

static const char *
state_label (EaselHistoryState state)
{
  /* Translators: the state of a generation in `easel-cli history`. */
  switch (state)
    {
    case EASEL_HISTORY_PENDING:
      return _("pending");
    case EASEL_HISTORY_STORED:
      return _("stored");
    case EASEL_HISTORY_FAILED:
      return _("failed");
    case EASEL_HISTORY_CANCELLED:
      return _("cancelled");
    case EASEL_HISTORY_EXPIRED:
      return _("expired");
    default:
      return easel_history_state_to_string (state);
    }
}

/* The width of the terminal stdout is on, else $COLUMNS, else 80. */
static guint
terminal_columns (void)
{
  struct winsize size;
  const char *columns;

  if (isatty (STDOUT_FILENO) && ioctl (STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
    return size.ws_col;

  columns = g_getenv ("COLUMNS");
  if (columns != NULL)
    {
      guint64 value;

      if (g_ascii_string_to_unsigned (columns, 10, 1, G_MAXUINT16, &value, NULL))
        return value;
    }

  return DEFAULT_COLUMNS;
}

static char *
format_created (gint64 created_at)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (created_at / G_USEC_PER_SEC);

  return g_date_time_format (time, "%Y-%m-%d %H:%M");
}

static char *
format_images (EaselHistoryEntry *entry)
{
  guint missing = 0;

  for (guint i = 0; i < entry->images->len; i++)
    if (((EaselHistoryImage *) g_ptr_array_index (entry->images, i))->missing)
      missing++;

  if (missing == 0)
    return g_strdup_printf ("%u", entry->images->len);

  /* Translators: the images column of `easel-cli history` when files are gone. */
  return g_strdup_printf (_("%u (%u missing)"), entry->images->len, missing);
}

static void
print_table (GPtrArray *entries)
{
  g_autoptr(GPtrArray) rows = easel_cli_table_new ();
  g_autoptr(GPtrArray) prompts = g_ptr_array_new ();
  glong widths[5] = { 0 };
  glong used = 0;
  guint prompt_columns;

  /* Translators: column headers of `easel-cli history`. */
  easel_cli_table_add (rows, _("DATE"), _("STATE"), _("GATEWAY"), _("IMAGES"), _("COST"),
                       _("PROMPT"), NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      EaselHistoryEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *created = format_created (entry->created_at);
      g_autofree char *images = format_images (entry);
      g_autofree char *cost = entry->cost >= 0 ? easel_pricing_format (entry->cost, entry->currency)
                                                : g_strdup ("—");
      const char *gateway = entry->profile_name != NULL ? entry->profile_name : entry->profile_id;

      easel_cli_table_add (rows, created, state_label (entry->state), gateway ? gateway : "—",
                           images, cost, "", NULL);
      g_ptr_array_add (prompts, entry->prompt != NULL ? entry->prompt : "");
    }

  /* What is left of the line after the other columns goes to the prompt. */
  for (guint r = 0; r < rows->len; r++)
    for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
      widths[c] = MAX (widths[c], g_utf8_strlen (((char **) rows->pdata[r])[c], -1));
  for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
    used += widths[c] + 2;
  prompt_columns = MAX ((glong) terminal_columns () - used, MIN_PROMPT_COLUMNS);

  for (guint i = 0; i < prompts->len; i++)
    {
      char **row = rows->pdata[i + 1];

      g_free (row[5]);
      row[5] = easel_cli_shorten (prompts->pdata[i], prompt_columns);
    }

  easel_cli_print_table (rows, 6);
}

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
print_json (EaselHistoryEntry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (entry->created_at /
                                                                   G_USEC_PER_SEC);
  g_autofree char *iso = g_date_time_format_iso8601 (created);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, entry->id);
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, iso);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, easel_history_state_to_string (entry->state));
  add_nullable_string (builder, "profile", entry->profile_id);
  add_nullable_string (builder, "profile_name", entry->profile_name);
  add_nullable_string (builder, "dialect", entry->dialect);
  add_nullable_string (builder, "prompt", entry->prompt);
  json_builder_set_member_name (builder, "usage");
  if (entry->total_tokens >= 0)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "input_tokens");
      json_builder_add_int_value (builder, entry->input_tokens);
      json_builder_set_member_name (builder, "output_tokens");
      json_builder_add_int_value (builder, entry->output_tokens);
      json_builder_set_member_name (builder, "total_tokens");
      json_builder_add_int_value (builder, entry->total_tokens);
      json_builder_end_object (builder);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
  json_builder_set_member_name (builder, "cost");
  if (entry->cost >= 0)
    json_builder_add_double_value (builder, entry->cost);
  else
    json_builder_add_null_value (builder);
  add_nullable_string (builder, "currency",
                       entry->currency != NULL && *entry->currency != '\0' ? entry->currency
                                                                           : NULL);
  add_nullable_string (builder, "remote_id", entry->remote_id);
  add_nullable_string (builder, "error", entry->error);
  json_builder_set_member_name (builder, "parent_id");
  if (entry->parent_id > 0)
    json_builder_add_int_value (builder, entry->parent_id);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "images");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entry->images->len; i++)
    {
      EaselHistoryImage *image = g_ptr_array_index (entry->images, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, image->path);
      add_nullable_string (builder, "mime", image->mime_type);
      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, image->width);
      json_builder_set_member_name (builder, "height");
      json_builder_add_int_value (builder, image->height);
      json_builder_set_member_name (builder, "favourite");
      json_builder_add_boolean_value (builder, image->favourite);
      json_builder_set_member_name (builder, "missing");
      json_builder_add_boolean_value (builder, image->missing);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  easel_cli_print_json_line (builder);
}

static void
say_empty (const char *search)
{
  if (search != NULL)
    g_printerr (_("Nothing in the history matches “%s”.\n"), search);
  else
    g_printerr (_("The history is empty: images made with Easel or easel-cli show up here.\n"));
}

int
easel_cli_history (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselHistory) history = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *search = NULL;
  EaselHistoryQuery query = { 0 };
  gboolean json = FALSE;
  int limit = G_MININT;
  const GOptionEntry entries_options[] = {
    { "search", 's', 0, G_OPTION_ARG_STRING, &search,
      N_("Only generations whose prompt has these words"), N_("TEXT") },
    { "limit", 'l', 0, G_OPTION_ARG_INT, &limit,
      N_("Show at most N generations (default: all)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print one JSON object per generation: id, created, state, profile, dialect, prompt, "
         "usage, cost, currency, error, parent_id, images"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("List past generations, newest first, from the "
                                           "history Easel and easel-cli share."));
  g_option_context_add_main_entries (context, entries_options, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message);
  if (argc > 1)
    return usage_error (_("This command takes no arguments, only options."));
  if (limit != G_MININT && limit < 1)
    return usage_error (_("--limit must be at least 1."));
  if (search != NULL)
    {
      g_strstrip (search);
      if (*search == '\0')
        g_clear_pointer (&search, g_free);
    }

  /* Reading should not create the store. */
  if (!easel_cli_history_exists ())
    {
      say_empty (search);
      return EASEL_EXIT_OK;
    }

  history = easel_cli_history_open ("history", &error);
  if (history == NULL)
    {
      g_printerr (_("easel-cli history: the history could not be opened: %s\n"),
                  error->message);
      return EASEL_EXIT_FAILED;
    }

  query.text = search;
  query.limit = limit > 0 ? (guint) limit : G_MAXINT;
  entries = easel_cli_history_list (history, &query, &error);
  easel_cli_history_close (g_steal_pointer (&history));
  if (entries == NULL)
    {
      g_printerr (_("easel-cli history: the history could not be read: %s\n"), error->message);
      return EASEL_EXIT_FAILED;
    }

  if (entries->len == 0)
    say_empty (search);
  else if (json)
    for (guint i = 0; i < entries->len; i++)
      print_json (g_ptr_array_index (entries, i));
  else
    print_table (entries);

  return EASEL_EXIT_OK;
}
