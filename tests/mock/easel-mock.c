/* easel-mock.c: the mock gateway as a program, for demos and command-line tests
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints one "DIALECT BASE_URL" line per dialect and a "key KEY" line on
 * stdout, then serves until SIGINT or SIGTERM. Scripts read those lines, so
 * everything else goes to stderr.
 */

#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "easel-mock-server.h"

static const char *description =
  "Serves the four gateway dialects Easel speaks on loopback addresses only:\n"
  "  openai     OpenAI Images API: /images/generations (JSON, optional SSE stream)\n"
  "             and /images/edits (multipart image[], mask); base64 results;\n"
  "             GET /models lists the model (a free way to test a key)\n"
  "  icodeeasy  OpenAI-compatible with ratio sizes, https/data URL references,\n"
  "             URL results and ?async=1 tasks\n"
  "  yycode     job API: /api/images/generate|edit, poll /api/jobs/{jobId}\n"
  "  aizfw      task API: /v1/image2/images, poll /v1/result/{id}\n"
  "Result URLs point at a file host on 127.0.0.2 that answers 302 to the image.\n"
  "\n"
  "A prompt containing [fault:NAME] (or [fault:NAME=PARAM]) makes that request\n"
  "fail on purpose; job and URL faults stick to the job it creates. NAME is one of:\n"
  "  rate-limit server-error html-error stall malformed-json bad-base64\n"
  "  not-an-image huge-body job-failure never-ending-job expired-url\n"
  "  redirect-loop no-images decompression-bomb auth payment moderation\n"
  "  bad-request reset-mid-body\n"
  "For example: \"a lighthouse at dusk [fault:rate-limit=2]\" answers 429 with\n"
  "Retry-After: 2, and \"a cat [fault:job-failure]\" makes the job fail.";

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  static const char * const dialects[] = { "openai", "icodeeasy", "yycode", "aizfw" };
  int port = 0;
  int pending_polls = 1;
  g_autofree char *key = NULL;
  g_autofree char *image_size = NULL;
  gboolean noise = FALSE;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      "Listen on PORT on 127.0.0.1 and 127.0.0.2 (default: any free port)", "PORT" },
    { "key", 'k', 0, G_OPTION_ARG_STRING, &key,
      "The API key every dialect expects (default: sk-mock-key)", "KEY" },
    { "pending-polls", 0, 0, G_OPTION_ARG_INT, &pending_polls,
      "Polls a remote job stays pending before it finishes (default: 1)", "N" },
    { "image-size", 0, 0, G_OPTION_ARG_STRING, &image_size,
      "Size of the images it makes (default: 512x512)", "WxH" },
    { "noise", 0, 0, G_OPTION_ARG_NONE, &noise,
      "Add grain to the images so they weigh what photographs do", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselMockServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  int width = 512;
  int height = 512;

  setlocale (LC_ALL, "");

  context = g_option_context_new ("- a mock image gateway for Easel");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context, description);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("easel-mock: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (port < 0 || port > G_MAXUINT16)
    {
      g_printerr ("easel-mock: --port must be between 0 and 65535\n");
      return EXIT_FAILURE;
    }
  if (pending_polls < 0)
    {
      g_printerr ("easel-mock: --pending-polls cannot be negative\n");
      return EXIT_FAILURE;
    }
  if (image_size != NULL
      && (sscanf (image_size, "%dx%d", &width, &height) != 2
          || width < 1 || width > 8192 || height < 1 || height > 8192))
    {
      g_printerr ("easel-mock: --image-size must be WIDTHxHEIGHT, each 1 to 8192\n");
      return EXIT_FAILURE;
    }
  if (key != NULL && *key == '\0')
    {
      g_printerr ("easel-mock: --key cannot be empty\n");
      return EXIT_FAILURE;
    }

  server = easel_mock_server_new_for_port (port, &error);
  if (server == NULL)
    {
      g_printerr ("easel-mock: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (key != NULL)
    easel_mock_server_set_api_key (server, key);
  easel_mock_server_set_pending_polls (server, pending_polls);
  easel_mock_server_set_image_size (server, width, height);
  easel_mock_server_set_image_noise (server, noise);

  for (guint i = 0; i < G_N_ELEMENTS (dialects); i++)
    g_print ("%s %s\n", dialects[i], easel_mock_server_get_base_url (server, dialects[i]));
  g_print ("key %s\n", easel_mock_server_get_api_key (server));
  fflush (stdout);
  g_printerr ("easel-mock: result files on %s; Ctrl+C stops\n",
              easel_mock_server_get_file_host_url (server));

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal, loop);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_main_loop_run (loop);

  return EXIT_SUCCESS;
}
