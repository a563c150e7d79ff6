/* fuzz-common.c: logging, environment and invariant checks for the targets
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every target parses what a gateway, a history row or a user may hand
 * Easel. For such input a GLib warning or critical is a bug just like a
 * crash (a g_return_if_fail that fires on gateway bytes, a json-glib
 * complaint, Pango refusing a message's bytes later), so the log writer
 * here aborts on them and libFuzzer keeps the input. Debug and info
 * messages are dropped: at thousands of inputs a second they would be all
 * the fuzzer does. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "easel-error.h"
#include "fuzz-common.h"

static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
      fprintf (stderr, "fuzz: a GLib warning or critical on fuzzed input is a bug; aborting\n");
      abort ();
    }

  return G_LOG_WRITER_HANDLED;
}

void
fuzz_init (int    *argc,
           char ***argv)
{
  /* GLib 2.74's slice allocator keeps freed blocks in magazines, which
   * hides leaks from LeakSanitizer and use-after-free from ASan. It reads
   * G_SLICE once, early, so set it and start again when it is missing. */
  if (g_strcmp0 (getenv ("G_SLICE"), "always-malloc") != 0)
    {
      if (setenv ("G_SLICE", "always-malloc", 1) == 0 && argv != NULL && *argv != NULL)
        {
          execv ("/proc/self/exe", *argv);
          perror ("fuzz: cannot re-execute with G_SLICE=always-malloc");
        }
      abort ();
    }

  /* Messages in English whatever the machine's locale; no settings
   * backend, no network proxies, no user files. */
  setenv ("LC_ALL", "C.UTF-8", 1);
  setenv ("GSETTINGS_BACKEND", "memory", 1);
  unsetenv ("http_proxy");
  unsetenv ("https_proxy");
  unsetenv ("all_proxy");

  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
}

void
fuzz_fail (const char *what,
           const char *detail)
{
  fprintf (stderr, "fuzz: invariant broken: %s\n", what);
  if (detail != NULL)
    {
      g_autofree char *shown = g_strescape (detail, NULL);

      fprintf (stderr, "fuzz:   with: %.2000s\n", shown);
    }
  abort ();
}

void
fuzz_check_text (const char *text)
{
  fuzz_check (text != NULL, NULL);
  fuzz_check (*text != '\0', text);
  fuzz_check (g_utf8_validate (text, -1, NULL), text);
}

void
fuzz_check_error (const GError *error)
{
  fuzz_check (error != NULL, NULL);
  fuzz_check (error->domain == EASEL_ERROR, error->message);
  fuzz_check_text (error->message);
}

/* Easel's longest explanation is some 250 characters; the gateway's words
 * add at most 500 and an ellipsis. */
#define MAX_GATEWAY_ERROR_CHARS 1000

void
fuzz_check_gateway_text (const char *text)
{
  fuzz_check_text (text);
  fuzz_check (g_utf8_strlen (text, -1) <= MAX_GATEWAY_ERROR_CHARS, text);

  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      fuzz_check ((c >= 0x20 && c != 0x7f) || c == '\n' || c == '\t', text);
    }
}

void
fuzz_check_gateway_error (const GError *error)
{
  fuzz_check (error != NULL, NULL);
  fuzz_check (error->domain == EASEL_ERROR, error->message);
  fuzz_check_gateway_text (error->message);
}

void
fuzz_random_init (FuzzRandom *random,
                  guint64     seed)
{
  /* splitmix64 of the seed: any seed, 0 included, gives a usable state. */
  seed += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  seed = (seed ^ (seed >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  seed = (seed ^ (seed >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  random->state = (seed ^ (seed >> 31)) | 1;
}

guint32
fuzz_random_next (FuzzRandom *random)
{
  /* xorshift64*: plenty for choosing chunk sizes. */
  random->state ^= random->state >> 12;
  random->state ^= random->state << 25;
  random->state ^= random->state >> 27;
  return (guint32) ((random->state * G_GUINT64_CONSTANT (0x2545f4914f6cdd1d)) >> 32);
}
