/* test-sse.c: the incremental text/event-stream parser
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "easel-error.h"
#include "easel-sse.h"

/* Events are logged as "[name]data|", so that a whole run compares as one
 * string and a lost, doubled or merged event shows. */
typedef struct
{
  GString *log;
  guint    count;
  guint    stop_after;   /* 0: never stop */
} Recorder;

static gboolean
record (const char *event,
        const char *data,
        gpointer    user_data)
{
  Recorder *recorder = user_data;

  g_string_append_printf (recorder->log, "[%s]%s|", event, data);
  recorder->count++;

  return recorder->stop_after == 0 || recorder->count < recorder->stop_after;
}

static void
recorder_clear (Recorder *recorder)
{
  g_string_free (recorder->log, TRUE);
}

/* Feeds @stream in pieces of the sizes @next_size gives, and returns the
 * log; finish's answer goes to @complete. */
typedef gsize (*SizeFunc) (gpointer data);

static char *
run (const char *stream,
     gsize       length,
     gsize       max_event_bytes,
     SizeFunc    next_size,
     gpointer    size_data,
     gboolean   *complete)
{
  g_autoptr(EaselSseParser) parser = NULL;
  Recorder recorder = { g_string_new (NULL), 0, 0 };
  gsize offset = 0;
  char *log;

  parser = easel_sse_parser_new (max_event_bytes, record, &recorder);
  while (offset < length)
    {
      g_autoptr(GError) error = NULL;
      gsize piece = next_size ? MAX (next_size (size_data), 1) : length;

      piece = MIN (piece, length - offset);
      g_assert_true (easel_sse_parser_feed (parser, stream + offset, piece, &error));
      g_assert_no_error (error);
      offset += piece;
    }

  *complete = easel_sse_parser_finish (parser);
  log = g_strdup (recorder.log->str);
  recorder_clear (&recorder);

  return log;
}

static char *
run_whole (const char *stream,
           gboolean   *complete)
{
  return run (stream, strlen (stream), 1024, NULL, NULL, complete);
}

static void
assert_stream (const char *stream,
               const char *expected_log,
               gboolean    expected_complete)
{
  g_autofree char *log = NULL;
  gboolean complete;

  log = run_whole (stream, &complete);
  g_assert_cmpstr (log, ==, expected_log);
  g_assert_cmpint (complete, ==, expected_complete);
}

static void
test_basic (void)
{
  assert_stream ("data: hello\n\n", "[message]hello|", TRUE);
  assert_stream ("data:hello\n\n", "[message]hello|", TRUE);
  /* Only one space after the colon belongs to the syntax. */
  assert_stream ("data:  two\n\n", "[message] two|", TRUE);
  assert_stream ("data: a: b\n\n", "[message]a: b|", TRUE);
  assert_stream ("", "", TRUE);
  assert_stream ("\n\n\n", "", TRUE);
}

static void
test_event_names (void)
{
  /* The name lasts for one event only. */
  assert_stream ("event: image_generation.partial_image\ndata: one\n\ndata: two\n\n",
                 "[image_generation.partial_image]one|[message]two|", TRUE);
  /* The last event field wins; the order of fields does not matter. */
  assert_stream ("event: a\ndata: x\nevent: b\n\n", "[b]x|", TRUE);
  /* An event without data is dropped, its name with it. */
  assert_stream ("event: lonely\n\ndata: y\n\n", "[message]y|", TRUE);
  assert_stream ("event\ndata: z\n\n", "[message]z|", TRUE);
}

static void
test_multi_line_data (void)
{
  assert_stream ("data: a\ndata: b\ndata\ndata:c\n\n", "[message]a\nb\n\nc|", TRUE);
  assert_stream ("data:\n\n", "[message]|", TRUE);
  assert_stream ("data\ndata\n\n", "[message]\n|", TRUE);
}

static void
test_comments_and_ignored_fields (void)
{
  assert_stream (": hello\n: \n:\ndata: x\n: between\ndata: y\n\n", "[message]x\ny|", TRUE);
  assert_stream ("id: 7\nretry: 1000\nfoo: bar\ndata: x\nDATA: no\n data: no\n\n",
                 "[message]x|", TRUE);
  /* A comment alone is no event, and a blank line after it dispatches
   * nothing. */
  assert_stream (": keep-alive\n\n", "", TRUE);
}

static void
test_line_endings (void)
{
  const char *expected = "[e]a\nb|[message]c|";

  assert_stream ("event: e\ndata: a\ndata: b\n\ndata: c\n\n", expected, TRUE);
  assert_stream ("event: e\rdata: a\rdata: b\r\rdata: c\r\r", expected, TRUE);
  assert_stream ("event: e\r\ndata: a\r\ndata: b\r\n\r\ndata: c\r\n\r\n", expected, TRUE);
  assert_stream ("event: e\r\ndata: a\rdata: b\n\r\ndata: c\r\r\n", expected, TRUE);
  /* CR LF is one line end, but LF CR is two. */
  assert_stream ("data: a\n\rdata: b\n\n", "[message]a|[message]b|", TRUE);
}

static void
test_bom (void)
{
  const char *stream = "\xef\xbb\xbf" "data: x\n\n";
  gsize length = strlen (stream);

  assert_stream (stream, "[message]x|", TRUE);

  /* Split anywhere inside the mark. */
  for (gsize split = 1; split < 4; split++)
    {
      g_autoptr(EaselSseParser) parser = NULL;
      g_autoptr(GError) error = NULL;
      Recorder recorder = { g_string_new (NULL), 0, 0 };

      parser = easel_sse_parser_new (64, record, &recorder);
      g_assert_true (easel_sse_parser_feed (parser, stream, split, &error));
      g_assert_true (easel_sse_parser_feed (parser, stream + split, length - split, &error));
      g_assert_no_error (error);
      g_assert_true (easel_sse_parser_finish (parser));
      g_assert_cmpstr (recorder.log->str, ==, "[message]x|");
      recorder_clear (&recorder);
    }

  /* Only at the start: later, the same bytes are data. */
  assert_stream ("data: a\n\n\xef\xbb\xbf" "data: b\n\n", "[message]a|", TRUE);
  assert_stream ("data: \xef\xbb\xbfy\n\n", "[message]\xef\xbb\xbfy|", TRUE);
  /* A second mark is not skipped. */
  assert_stream ("\xef\xbb\xbf\xef\xbb\xbf" "data: x\n\n", "", TRUE);
  /* A stream of nothing but a mark is complete; one of half a mark is a
   * cut-off line. */
  assert_stream ("\xef\xbb\xbf", "", TRUE);
  assert_stream ("\xef\xbb", "", FALSE);
}

/* A stream with every feature, to cut at every place. */
static const char full_stream[] =
  "\xef\xbb\xbf: opening comment\r\n"
  "retry: 3000\r\n"
  "\r\n"
  "event: image_generation.partial_image\r\n"
  "id: 1\r\n"
  "data: {\"partial_image_index\":0,\r\n"
  "data:  \"b64_json\":\"iVBORw0KGgo=\"}\r\n"
  "\r\n"
  ": keep-alive\n"
  "\n"
  "data: plain\r"
  "\r"
  "event: image_generation.completed\n"
  "data:{\"b64_json\":\"AAAA\"}\n"
  "\n"
  "data: tail\r\n"
  "\r\n";

static const char full_log[] =
  "[image_generation.partial_image]{\"partial_image_index\":0,\n \"b64_json\":\"iVBORw0KGgo=\"}|"
  "[message]plain|"
  "[image_generation.completed]{\"b64_json\":\"AAAA\"}|"
  "[message]tail|";

static void
test_every_split (void)
{
  gsize length = strlen (full_stream);

  for (gsize split = 0; split <= length; split++)
    {
      g_autoptr(EaselSseParser) parser = NULL;
      g_autoptr(GError) error = NULL;
      Recorder recorder = { g_string_new (NULL), 0, 0 };

      parser = easel_sse_parser_new (1024, record, &recorder);
      g_assert_true (easel_sse_parser_feed (parser, full_stream, split, &error));
      g_assert_true (easel_sse_parser_feed (parser, full_stream + split, length - split, &error));
      g_assert_no_error (error);
      g_assert_true (easel_sse_parser_finish (parser));
      g_assert_cmpstr (recorder.log->str, ==, full_log);
      recorder_clear (&recorder);
    }
}

static gsize
one (gpointer data)
{
  return 1;
}

static gsize
random_size (gpointer data)
{
  return g_rand_int_range (data, 1, 24);
}

static void
test_byte_by_byte (void)
{
  g_autofree char *log = NULL;
  gboolean complete;

  log = run (full_stream, strlen (full_stream), 1024, one, NULL, &complete);
  g_assert_cmpstr (log, ==, full_log);
  g_assert_true (complete);
}

static void
test_random_chunks (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260422);

  for (guint round = 0; round < 200; round++)
    {
      g_autofree char *log = NULL;
      gboolean complete;

      log = run (full_stream, strlen (full_stream), 1024, random_size, rand, &complete);
      g_assert_cmpstr (log, ==, full_log);
      g_assert_true (complete);
    }
}

/* A 4K partial image is tens of megabytes of base64 on one line; fed in
 * network-sized pieces it must arrive whole and unchanged. */
static void
test_big_event (void)
{
  gsize size = 3 * 1024 * 1024 + 17;
  g_autoptr(GString) stream = g_string_sized_new (size + 64);
  g_autoptr(GString) expected = g_string_sized_new (size + 32);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *payload = g_malloc (size + 1);
  g_autofree char *log = NULL;
  gboolean complete;

  for (gsize i = 0; i < size; i++)
    payload[i] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[i % 64];
  payload[size] = '\0';

  g_string_append (stream, "event: image_generation.partial_image\r\ndata: ");
  g_string_append (stream, payload);
  g_string_append (stream, "\r\n\r\ndata: small\r\n\r\n");
  g_string_append_printf (expected, "[image_generation.partial_image]%s|[message]small|", payload);

  log = run (stream->str, stream->len, size, random_size, rand, &complete);
  g_assert_true (complete);
  g_assert_cmpuint (strlen (log), ==, expected->len);
  g_assert_cmpstr (log, ==, expected->str);
}

static void
assert_too_large (const char *stream,
                  gsize       max_event_bytes,
                  const char *expected_log)
{
  g_autoptr(EaselSseParser) parser = NULL;
  Recorder recorder = { g_string_new (NULL), 0, 0 };
  gsize length = strlen (stream);
  gboolean failed = FALSE;

  parser = easel_sse_parser_new (max_event_bytes, record, &recorder);

  /* Byte by byte, so the failure must come from what is kept, not from the
   * size of one feed. */
  for (gsize i = 0; i < length && !failed; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!easel_sse_parser_feed (parser, stream + i, 1, &error))
        {
          g_assert_error (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE);
          failed = TRUE;
        }
      else
        {
          g_assert_no_error (error);
        }
    }
  g_assert_true (failed);
  g_assert_cmpstr (recorder.log->str, ==, expected_log);

  /* Once failed, it stays failed. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (easel_sse_parser_feed (parser, "data: x\n\n", 9, &error));
    g_assert_error (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE);
    g_assert_cmpstr (recorder.log->str, ==, expected_log);
  }

  recorder_clear (&recorder);
}

static void
test_cap (void)
{
  const char *at_cap = "data: 0123456789abcdef\n\ndata: 12345678\ndata: 1234567\n\n";
  g_autofree char *log = NULL;
  gboolean complete;

  /* Exactly at the cap passes, one line or several joined. */
  log = run (at_cap, strlen (at_cap), 16, one, NULL, &complete);
  g_assert_cmpstr (log, ==, "[message]0123456789abcdef|[message]12345678\n1234567|");
  g_assert_true (complete);

  /* One byte past it fails, and earlier events were still delivered. */
  assert_too_large ("data: ok\n\ndata: 0123456789abcdefg\n\n", 16, "[message]ok|");
  assert_too_large ("data: 12345678\ndata: 12345678\n\n", 16, "");
  /* A line that never ends fails before the whole stream is kept. */
  {
    g_autoptr(GString) endless = g_string_new ("data: ");

    for (guint i = 0; i < 200; i++)
      g_string_append_c (endless, 'x');
    assert_too_large (endless->str, 16, "");
  }
  /* Comments are bounded too. */
  {
    g_autoptr(GString) endless = g_string_new (": ");

    for (guint i = 0; i < 200; i++)
      g_string_append_c (endless, 'x');
    g_string_append (endless, "\n");
    assert_too_large (endless->str, 16, "");
  }
}

static void
test_stop (void)
{
  g_autoptr(EaselSseParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  Recorder recorder = { g_string_new (NULL), 0, 1 };
  const char *stream = "data: one\n\ndata: two\n\n";

  parser = easel_sse_parser_new (64, record, &recorder);
  g_assert_false (easel_sse_parser_feed (parser, stream, strlen (stream), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (recorder.log->str, ==, "[message]one|");

  g_assert_false (easel_sse_parser_feed (parser, stream, strlen (stream), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (recorder.log->str, ==, "[message]one|");

  recorder_clear (&recorder);
}

/* The end of the stream drops an unfinished event and says so. */
static void
test_finish_partial (void)
{
  assert_stream ("data: one\n\ndata: x\n", "[message]one|", FALSE);
  assert_stream ("data: one\n\ndata: x", "[message]one|", FALSE);
  assert_stream ("data: x\r", "", FALSE);
  assert_stream ("event: a\n", "", FALSE);
  assert_stream ("data: x\r\r", "[message]x|", TRUE);
  assert_stream ("data: x\n\n: ping", "[message]x|", TRUE);
  assert_stream ("data: x\n\n: ping\n", "[message]x|", TRUE);
  assert_stream ("data: x\n\nid: 3\n", "[message]x|", TRUE);

  /* Finish resets: what follows is a new stream. */
  {
    g_autoptr(EaselSseParser) parser = NULL;
    g_autoptr(GError) error = NULL;
    Recorder recorder = { g_string_new (NULL), 0, 0 };

    parser = easel_sse_parser_new (64, record, &recorder);
    g_assert_true (easel_sse_parser_feed (parser, "event: e\ndata: lost", 19, &error));
    g_assert_false (easel_sse_parser_finish (parser));
    g_assert_true (easel_sse_parser_feed (parser, "\ndata: kept\n\n", 13, &error));
    g_assert_no_error (error);
    g_assert_true (easel_sse_parser_finish (parser));
    g_assert_cmpstr (recorder.log->str, ==, "[message]kept|");
    recorder_clear (&recorder);
  }
}

/* Stealing: the callback keeps an event's data, and the parser goes on
 * with fresh buffers, across big and small events. */
typedef struct
{
  EaselSseParser *parser;
  GPtrArray      *taken;
} Stealer;

static gboolean
steal (const char *event,
       const char *data,
       gpointer    user_data)
{
  Stealer *stealer = user_data;
  gsize length = strlen (data);
  char *taken = easel_sse_parser_steal_data (stealer->parser);

  /* The very text the callback was given. */
  g_assert_true (taken == data);
  g_assert_cmpuint (strlen (taken), ==, length);
  g_ptr_array_add (stealer->taken, taken);

  return TRUE;
}

static void
test_steal_data (void)
{
  g_autoptr(GPtrArray) taken = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) stream = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autofree char *big = g_malloc (200 * 1024 + 1);
  Stealer stealer = { NULL, taken };
  g_autoptr(EaselSseParser) parser = NULL;
  gsize offset = 0;

  memset (big, 'b', 200 * 1024);
  big[200 * 1024] = '\0';
  g_string_append_printf (stream, "data: first\n\nevent: e\ndata: %s\n\n"
                          "data: two\ndata: lines\n\ndata: %s\n\ndata: last\n\n", big, big);

  parser = easel_sse_parser_new (1024 * 1024, steal, &stealer);
  stealer.parser = parser;
  while (offset < stream->len)
    {
      g_autoptr(GError) error = NULL;
      gsize piece = MIN (random_size (rand), stream->len - offset);

      g_assert_true (easel_sse_parser_feed (parser, stream->str + offset, piece, &error));
      g_assert_no_error (error);
      offset += piece;
    }
  g_assert_true (easel_sse_parser_finish (parser));

  g_assert_cmpuint (taken->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (taken, 0), ==, "first");
  g_assert_cmpstr (g_ptr_array_index (taken, 1), ==, big);
  g_assert_cmpstr (g_ptr_array_index (taken, 2), ==, "two\nlines");
  g_assert_cmpstr (g_ptr_array_index (taken, 3), ==, big);
  g_assert_cmpstr (g_ptr_array_index (taken, 4), ==, "last");
}

/* Outside a callback there is nothing to take. */
static void
test_steal_outside (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(EaselSseParser) parser = NULL;
      Recorder recorder = { g_string_new (NULL), 0, 0 };

      parser = easel_sse_parser_new (64, record, &recorder);
      g_assert_true (easel_sse_parser_feed (parser, "data: x\n\n", 9, NULL));
      g_assert_null (easel_sse_parser_steal_data (parser));
      recorder_clear (&recorder);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*dispatching*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sse/basic", test_basic);
  g_test_add_func ("/sse/event-names", test_event_names);
  g_test_add_func ("/sse/multi-line-data", test_multi_line_data);
  g_test_add_func ("/sse/comments-and-ignored-fields", test_comments_and_ignored_fields);
  g_test_add_func ("/sse/line-endings", test_line_endings);
  g_test_add_func ("/sse/bom", test_bom);
  g_test_add_func ("/sse/every-split", test_every_split);
  g_test_add_func ("/sse/byte-by-byte", test_byte_by_byte);
  g_test_add_func ("/sse/random-chunks", test_random_chunks);
  g_test_add_func ("/sse/big-event", test_big_event);
  g_test_add_func ("/sse/cap", test_cap);
  g_test_add_func ("/sse/stop", test_stop);
  g_test_add_func ("/sse/finish-partial", test_finish_partial);
  g_test_add_func ("/sse/steal-data", test_steal_data);
  g_test_add_func ("/sse/steal-outside", test_steal_outside);

  return g_test_run ();
}
