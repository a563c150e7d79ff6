/* fuzz-sse.c: the text/event-stream parser and the openai stream events
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* EaselSseParser is fed whatever pieces the network hands over, so the
 * same stream must give the same events however it is cut. This target
 * feeds the stream in pieces of sizes drawn from the input and compares
 * the events with a plain one-pass reading of the whole stream written
 * here from the HTML Living Standard's rules (and the parser's documented
 * limits). Each event then goes to the openai dialect's event parser, as
 * EaselJob does with a streamed generation.
 *
 * Input: three parameter bytes, then the stream.
 *   byte 0  the event size limit: below 0x80, 1 + 4 × byte bytes (small,
 *           to reach the "too large" paths); otherwise 1 MiB
 *   byte 1  the seed of the piece sizes (0: the whole stream at once)
 *   byte 2  bits 0–3: stop after this many events (0: never);
 *           bit 4: the callback steals every other event's data */

#include "config.h"

#include <string.h>

#include "easel-dialect.h"
#include "easel-error.h"
#include "easel-sse.h"
#include "fuzz-common.h"

#define LINE_OVERHEAD 64   /* as easel-sse.c: a field name and ": " */

typedef struct
{
  char *event;
  char *data;
} Event;

static void
event_free (gpointer pointer)
{
  Event *event = pointer;

  g_free (event->event);
  g_free (event->data);
  g_free (event);
}

typedef enum
{
  END_FINISHED,     /* every byte read; finish() was called */
  END_STOPPED,      /* the callback asked to stop */
  END_TOO_LARGE,    /* an event or a line went past the limit */
} EndKind;

typedef struct
{
  GPtrArray *events;
  EndKind    end;
  gboolean   finish_clean;   /* what finish() said (END_FINISHED only) */
} Result;

static EaselProfile *openai_profile;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init (argc, argv);
  openai_profile = easel_profile_new_from_preset ("openai", "fuzz");
  return 0;
}

/* --- The reference: the whole stream in one pass ------------------------- */

static void
reference_parse (const char *stream,
                 gsize       length,
                 gsize       max_event_bytes,
                 guint       stop_after,
                 Result     *result)
{
  g_autoptr(GString) data = g_string_new (NULL);
  g_autoptr(GString) type = g_string_new (NULL);
  gboolean has_event = FALSE;
  gsize i = 0;

  /* One UTF-8 byte order mark may open the stream. */
  if (length >= 3 && memcmp (stream, "\xef\xbb\xbf", 3) == 0)
    i = 3;

  while (i <= length)
    {
      gsize start = i;
      gsize end = i;
      const char *line;
      gsize line_length;
      const char *colon;
      const char *value;
      gsize field_length;
      gsize value_length;

      while (end < length && stream[end] != '\n' && stream[end] != '\r')
        end++;

      line = stream + start;
      line_length = end - start;

      if (line_length > max_event_bytes + LINE_OVERHEAD)
        {
          result->end = END_TOO_LARGE;
          return;
        }

      if (end == length)
        {
          /* The last line had no end: the stream was cut there. */
          result->end = END_FINISHED;
          result->finish_clean = data->len == 0 && !has_event &&
                                 (line_length == 0 || line[0] == ':');
          return;
        }

      i = end + 1;
      if (stream[end] == '\r' && i < length && stream[i] == '\n')
        i++;

      if (line_length == 0)
        {
          if (data->len > 0)
            {
              Event *event = g_new0 (Event, 1);

              g_string_truncate (data, data->len - 1);
              event->event = g_strdup (type->len > 0 ? type->str : "message");
              event->data = g_strndup (data->str, data->len);
              g_ptr_array_add (result->events, event);
              if (stop_after != 0 && result->events->len == stop_after)
                {
                  result->end = END_STOPPED;
                  return;
                }
            }
          g_string_truncate (data, 0);
          g_string_truncate (type, 0);
          has_event = FALSE;
          continue;
        }

      if (line[0] == ':')
        continue;

      colon = memchr (line, ':', line_length);
      field_length = colon ? (gsize) (colon - line) : line_length;
      value = colon ? colon + 1 : line + line_length;
      if (colon != NULL && value < line + line_length && *value == ' ')
        value++;
      value_length = line + line_length - value;

      if (field_length == 4 && memcmp (line, "data", 4) == 0)
        {
          if (data->len + value_length > max_event_bytes)
            {
              result->end = END_TOO_LARGE;
              return;
            }
          g_string_append_len (data, value, value_length);
          g_string_append_c (data, '\n');
        }
      else if (field_length == 5 && memcmp (line, "event", 5) == 0)
        {
          g_string_truncate (type, 0);
          g_string_append_len (type, value, value_length);
          has_event = TRUE;
        }
    }
}

/* --- The parser under test, fed in pieces --------------------------------- */

typedef struct
{
  EaselSseParser *parser;
  Result         *result;
  guint           stop_after;
  gboolean        steal;
} Feed;

static gboolean
on_event (const char *type,
          const char *data,
          gpointer    user_data)
{
  Feed *feed = user_data;
  Event *event = g_new0 (Event, 1);

  event->event = g_strdup (type);
  /* EaselJob takes the data to a worker thread without copying it. */
  if (feed->steal && feed->result->events->len % 2 == 0)
    event->data = easel_sse_parser_steal_data (feed->parser);
  else
    event->data = g_strdup (data);
  g_ptr_array_add (feed->result->events, event);

  return feed->stop_after == 0 || feed->result->events->len < feed->stop_after;
}

static void
parse_in_pieces (const char *stream,
                 gsize       length,
                 gsize       max_event_bytes,
                 guint       stop_after,
                 gboolean    steal,
                 guint8      seed,
                 Result     *result)
{
  g_autoptr(EaselSseParser) parser = NULL;
  FuzzRandom random;
  Feed feed = { NULL, result, stop_after, steal };
  gsize offset = 0;

  parser = easel_sse_parser_new (max_event_bytes, on_event, &feed);
  feed.parser = parser;
  fuzz_random_init (&random, seed);

  do
    {
      g_autoptr(GError) error = NULL;
      gsize piece = seed == 0 ? length - offset : 1 + fuzz_random_next (&random) % 64;

      piece = MIN (piece, length - offset);
      if (!easel_sse_parser_feed (parser, stream + offset, piece, &error))
        {
          if (error != NULL)
            {
              fuzz_check (g_error_matches (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE),
                          error->message);
              fuzz_check_error (error);
              result->end = END_TOO_LARGE;

              /* A failed parser stays failed. */
              g_clear_error (&error);
              fuzz_check (!easel_sse_parser_feed (parser, "\n\n", 2, &error), NULL);
              fuzz_check (g_error_matches (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE), NULL);
            }
          else
            {
              result->end = END_STOPPED;
              fuzz_check (!easel_sse_parser_feed (parser, "\n\n", 2, NULL), NULL);
            }
          return;
        }
      offset += piece;
    }
  while (offset < length);

  result->end = END_FINISHED;
  result->finish_clean = easel_sse_parser_finish (parser);
}

/* --- The events, as EaselJob reads them ------------------------------------ */

static void
check_openai_event (const Event *event)
{
  const EaselDialect *dialect = easel_dialect_get (EASEL_DIALECT_OPENAI);
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  outcome = dialect->parse_event (openai_profile, event->event, event->data, &error);
  if (error != NULL)
    {
      fuzz_check (outcome == NULL, NULL);
      fuzz_check_gateway_error (error);
      return;
    }
  if (outcome == NULL)
    return;

  switch (outcome->kind)
    {
    case EASEL_OUTCOME_PARTIAL:
      fuzz_check (outcome->partial_index >= 0, NULL);
      break;
    case EASEL_OUTCOME_IMAGES:
      break;
    case EASEL_OUTCOME_URLS:
    case EASEL_OUTCOME_PENDING:
    default:
      fuzz_fail ("a stream event is a partial or the final image", NULL);
    }

  fuzz_check (outcome->images->len == 1, NULL);
  fuzz_check (outcome->urls->len == 0, NULL);
  {
    EaselOutcomeImage *image = g_ptr_array_index (outcome->images, 0);

    fuzz_check (image->b64 != NULL && *image->b64 != '\0', NULL);
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  Result expected = { NULL, END_FINISHED, FALSE };
  Result actual = { NULL, END_FINISHED, FALSE };
  const char *stream;
  gsize length;
  gsize max_event_bytes;
  guint stop_after;
  gboolean steal;

  if (size < 3)
    return 0;

  max_event_bytes = data[0] < 0x80 ? 1 + 4 * (gsize) data[0] : 1024 * 1024;
  stop_after = data[2] & 0x0f;
  steal = (data[2] & 0x10) != 0;
  stream = (const char *) data + 3;
  length = size - 3;

  expected.events = g_ptr_array_new_with_free_func (event_free);
  actual.events = g_ptr_array_new_with_free_func (event_free);

  reference_parse (stream, length, max_event_bytes, stop_after, &expected);
  parse_in_pieces (stream, length, max_event_bytes, stop_after, steal, data[1], &actual);

  fuzz_check (actual.end == expected.end, NULL);
  fuzz_check (actual.events->len == expected.events->len, NULL);
  for (guint i = 0; i < actual.events->len; i++)
    {
      Event *a = g_ptr_array_index (actual.events, i);
      Event *e = g_ptr_array_index (expected.events, i);

      fuzz_check (g_str_equal (a->event, e->event), a->event);
      fuzz_check (g_str_equal (a->data, e->data), a->data);
    }
  if (actual.end == END_FINISHED)
    fuzz_check (actual.finish_clean == expected.finish_clean, NULL);

  for (guint i = 0; i < actual.events->len; i++)
    check_openai_event (g_ptr_array_index (actual.events, i));

  g_ptr_array_unref (expected.events);
  g_ptr_array_unref (actual.events);

  return 0;
}
