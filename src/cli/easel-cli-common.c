/* easel-cli-common.c: output, gateways, keys and the history, for every
 * easel-cli command
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "easel-cli-private.h"
#include "easel-error.h"

void
easel_cli_key_free (char *key)
{
  if (key == NULL)
    return;

  memset (key, 0, strlen (key));
  g_free (key);
}

/* --- Output ------------------------------------------------------------ */

void
easel_cli_print_json_line (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *line = NULL;

  json_generator_set_root (generator, root);
  line = json_generator_to_data (generator, NULL);
  g_print ("%s\n", line);
}

GPtrArray *
easel_cli_table_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

void
easel_cli_table_add (GPtrArray  *rows,
                     const char *first,
                     ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *cell;
  va_list args;

  va_start (args, first);
  for (cell = first; cell != NULL; cell = va_arg (args, const char *))
    g_strv_builder_add (builder, cell);
  va_end (args);

  g_ptr_array_add (rows, g_strv_builder_end (builder));
}

/* Pads to the widest cell, counting characters rather than bytes so
 * translated headers line up. */
void
easel_cli_print_table (GPtrArray *rows,
                       guint      n_columns)
{
  g_autofree glong *widths = g_new0 (glong, n_columns);

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < n_columns; c++)
        widths[c] = MAX (widths[c], g_utf8_strlen (row[c], -1));
    }

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < n_columns; c++)
        {
          g_string_append (line, row[c]);
          if (c + 1 < n_columns)
            for (glong pad = g_utf8_strlen (row[c], -1); pad < widths[c] + 2; pad++)
              g_string_append_c (line, ' ');
        }
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_print ("%s\n", line->str);
    }
}

/* @text on one line, cut to @columns terminal cells with an ellipsis.
 * Wide (CJK) characters take two cells. */
char *
easel_cli_shorten (const char *text,
                   guint       columns)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint used = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint width = g_unichar_iswide (c) ? 2 : 1;

      if (g_unichar_isspace (c))
        c = ' ';
      if (c == ' ' && out->len > 0 && out->str[out->len - 1] == ' ')
        continue;
      if (used + width > columns)
        {
          /* Room for the ellipsis: take back what it needs. */
          while (out->len > 0 && used + 1 > columns)
            {
              const char *last = g_utf8_find_prev_char (out->str, out->str + out->len);

              used -= g_unichar_iswide (g_utf8_get_char (last)) ? 2 : 1;
              g_string_truncate (out, last - out->str);
            }
          g_string_append (out, "…");
          break;
        }
      g_string_append_unichar (out, c);
      used += width;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* --- Gateways and keys ------------------------------------------------- */

EaselProfile *
easel_cli_profile_from_options (const char  *preset,
                                const char  *dialect,
                                const char  *base_url,
                                GError     **error)
{
  g_autoptr(EaselProfile) profile = NULL;
  EaselDialectKind kind;

  if (preset != NULL)
    {
      profile = easel_profile_new_from_preset (preset, "command-line");
      if (profile == NULL)
        {
          g_autofree char *list = g_strjoinv (", ", (char **) easel_profile_preset_ids ());

          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                       _("Unknown preset “%s”; the presets are: %s."), preset, list);
          return NULL;
        }
      if (dialect != NULL &&
          (!easel_dialect_kind_from_string (dialect, &kind) ||
           kind != easel_profile_get_dialect (profile)))
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                       _("The preset “%s” speaks the %s dialect, not “%s”."), preset,
                       easel_dialect_kind_to_string (easel_profile_get_dialect (profile)),
                       dialect);
          return NULL;
        }
      if (base_url != NULL && !easel_profile_set_base_url (profile, base_url, error))
        return NULL;

      return g_steal_pointer (&profile);
    }

  if (dialect == NULL || base_url == NULL)
    {
      g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                           _("Say which gateway to use: --dialect and --base-url, or "
                             "--preset."));
      return NULL;
    }
  if (!easel_dialect_kind_from_string (dialect, &kind))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("Unknown dialect “%s”; the dialects are: openai, icodeeasy, yycode, "
                     "aizfw."), dialect);
      return NULL;
    }
  if (!easel_base_url_check (base_url, error))
    return NULL;

  return easel_profile_new ("command-line", kind, base_url);
}

EaselProfile *
easel_cli_profile_copy (EaselProfile *saved)
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

const char *
easel_cli_key_from_env (const char *command,
                        const char *variable)
{
  const char *key = g_getenv (variable);

  if (key == NULL || *key == '\0')
    {
      g_printerr (_("easel-cli %s: the environment variable %s is not set or empty; it should "
                    "hold the API key.\n"), command, variable);
      return NULL;
    }

  return key;
}

char *
easel_cli_key_from_keyring (const char   *command,
                            EaselSecrets *secrets,
                            const char   *profile_id,
                            int          *status)
{
  g_autoptr(GError) error = NULL;
  g_auto(EaselCliKey) key = easel_secrets_lookup_sync (secrets, profile_id, NULL, &error);

  if (error != NULL)
    {
      g_printerr (_("easel-cli %s: could not read the API key of the profile “%s” from the "
                    "keyring: %s\n"), command, profile_id, error->message);
      *status = EASEL_EXIT_FAILED;
      return NULL;
    }
  if (key == NULL)
    {
      if (!easel_secrets_get_persistent (secrets))
        g_printerr (_("easel-cli %s: no keyring (Secret Service) answered, so the API key of "
                      "the profile “%s” cannot be read; pass one with --api-key-env.\n"),
                    command, profile_id);
      else
        g_printerr (_("easel-cli %s: the profile “%s” has no API key in the keyring; pass one "
                      "with --api-key-env.\n"), command, profile_id);
      *status = EASEL_EXIT_USAGE;
      return NULL;
    }

  return g_steal_pointer (&key);
}

/* --- The history ------------------------------------------------------- */

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The CLI has nothing else to do meanwhile; the worker thread does the
 * work and the main context delivers its answer. */
static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

gboolean
easel_cli_history_exists (void)
{
  g_autofree char *base = easel_history_default_base_dir ();
  g_autofree char *path = g_build_filename (base, "history.sqlite", NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

EaselHistory *
easel_cli_history_open (const char  *command,
                        GError     **error)
{
  g_autofree char *base = easel_history_default_base_dir ();
  g_autoptr(EaselHistory) history = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *moved_to = NULL;

  /* XDG_DATA_HOME may be relative; the store wants an absolute folder. */
  if (!g_path_is_absolute (base))
    {
      g_autofree char *relative = g_steal_pointer (&base);

      base = g_canonicalize_filename (relative, NULL);
    }

  history = easel_history_new (base);
  easel_history_open_async (history, NULL, store_result, &result);
  if (!easel_history_open_finish (history, wait_for (&result), &moved_to, error))
    {
      /* The task holds the history: let it go first. */
      g_clear_object (&result);
      easel_cli_history_close (g_steal_pointer (&history));
      return NULL;
    }
  if (moved_to != NULL)
    g_printerr (_("easel-cli %s: the history database could not be read, so a new one was "
                  "started; the old one was moved to %s\n"), command, moved_to);

  return g_steal_pointer (&history);
}

static gboolean
tick (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
easel_cli_history_close (EaselHistory *history)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GObject *weak;
  guint ticker;

  if (history == NULL)
    return;

  /* Whatever was recorded is on disk once this returns… */
  if (!easel_history_flush (history, 10 * 1000))
    g_debug ("The history did not finish its work in time");

  /* …and finalizing closes the database, so the next process finds it
   * tidy. The worker hands its last references back through idles. A
   * reference kept elsewhere must not hang the command: the records are
   * on disk already, so after a while the process just ends. */
  weak = G_OBJECT (history);
  g_object_add_weak_pointer (weak, (gpointer *) &weak);
  g_object_unref (history);
  ticker = g_timeout_add (100, tick, NULL);
  while (weak != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (ticker);
  if (weak != NULL)
    {
      g_debug ("The history is still referenced; not waiting for it to close");
      g_object_remove_weak_pointer (weak, (gpointer *) &weak);
    }
}

GPtrArray *
easel_cli_history_list (EaselHistory             *history,
                        const EaselHistoryQuery  *query,
                        GError                  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  easel_history_list_async (history, query, NULL, store_result, &result);
  return easel_history_list_finish (history, wait_for (&result), error);
}

GPtrArray *
easel_cli_history_list_pending (EaselHistory  *history,
                                GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  easel_history_list_pending_async (history, NULL, store_result, &result);
  return easel_history_list_finish (history, wait_for (&result), error);
}
