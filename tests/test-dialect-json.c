/* test-dialect-json.c: answers with huge strings, parsed fast and exactly
 * as json-glib would
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every case compares easel_dialect_parse_body() with json-glib alone on
 * the same bytes: the same tree, member order included, or the same error
 * in json-glib's own words. Each case also says whether the fast way must
 * have been taken, so a fallback cannot pass for a success. Text json-glib
 * 1.6 leaks memory or crashes on is refused before either parser sees it
 * (easel_dialect_json_hazard()), and json-glib is not asked about it. */

#include <string.h>

#include "easel-dialect-private.h"
#include "easel-error.h"

/* The fast way's threshold is 64 KiB: these are just over it. */
#define BIG ((gsize) 70 * 1024)
#define THRESHOLD ((gsize) 64 * 1024)

typedef enum
{
  FAST,        /* the lifting path must have produced the tree */
  FALLBACK,    /* it must have left the text to json-glib */
} Way;

static const char b64_chars[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Base64-looking text, with '/' written as "\/" when @escape_slashes, as
 * PHP's json_encode() does. */
static char *
big_b64 (gsize    length,
         guint32  seed,
         gboolean escape_slashes)
{
  GString *text = g_string_sized_new (length + length / 16);
  GRand *rand = g_rand_new_with_seed (seed);

  for (gsize i = 0; i < length; i++)
    {
      char c = b64_chars[g_rand_int_range (rand, 0, 64)];

      if (c == '/' && escape_slashes)
        g_string_append (text, "\\/");
      else
        g_string_append_c (text, c);
    }

  g_rand_free (rand);
  return g_string_free (text, FALSE);
}

/* @unit repeated until the text is at least @length bytes long. */
static char *
repeat (const char *unit,
        gsize       length)
{
  GString *text = g_string_sized_new (length + strlen (unit));

  while (text->len < length)
    g_string_append (text, unit);

  return g_string_free (text, FALSE);
}

static char *
node_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static void
assert_same_tree (JsonNode *expected,
                  JsonNode *actual)
{
  g_autofree char *expected_text = node_text (expected);
  g_autofree char *actual_text = node_text (actual);

  g_assert_true (json_node_equal (expected, actual));
  /* json_node_equal() ignores member order; the generator does not. */
  g_assert_cmpuint (strlen (expected_text), ==, strlen (actual_text));
  g_assert_true (strcmp (expected_text, actual_text) == 0);
}

/* Parses @text both ways and asserts the same outcome. */
static void
assert_same (const char *text,
             gsize       length,
             Way         way)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) json_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static (text, length);
  g_autoptr(JsonNode) lifted = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *expected = NULL;

  if (easel_dialect_json_hazard (text, length) != EASEL_JSON_HAZARD_NONE)
    {
      root = easel_dialect_parse_body (body, "application/json", &error);
      g_assert_null (root);
      g_assert_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE);
      g_assert_true (g_str_has_prefix (error->message,
                                       "The gateway’s answer is not valid JSON: "));
      g_test_message ("refused before json-glib: %s", error->message);
      return;
    }

  if (json_parser_load_from_data (parser, text, length, &json_error))
    expected = json_parser_get_root (parser);

  lifted = easel_dialect_json_parse_lifting (text, length);
  if (way == FAST)
    {
      g_assert_nonnull (expected);
      g_assert_nonnull (lifted);
      assert_same_tree (expected, lifted);
    }
  else
    {
      g_assert_null (lifted);
    }

  root = easel_dialect_parse_body (body, "application/json", &error);
  if (json_error != NULL)
    {
      /* In json-glib's words, made fit to show: they quote the answer. */
      g_autofree char *valid = g_utf8_make_valid (json_error->message, -1);
      g_autofree char *words = easel_error_clip_gateway_text (valid);
      g_autofree char *suffix = g_strdup_printf (": %s", words);

      g_assert_null (root);
      g_assert_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE);
      g_assert_true (g_str_has_suffix (error->message, suffix));
      g_test_message ("both refused it: %s", json_error->message);
    }
  else if (expected != NULL && JSON_NODE_HOLDS_OBJECT (expected))
    {
      g_assert_no_error (error);
      g_assert_nonnull (root);
      assert_same_tree (expected, root);
    }
  else
    {
      /* Not an object: refused for that, not for the JSON. */
      g_assert_null (root);
      g_assert_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE);
    }
}

static void
assert_same_string (const char *text,
                    Way         way)
{
  assert_same (text, strlen (text), way);
}

/* --- Cases ------------------------------------------------------------ */

static void
test_plain_b64 (void)
{
  g_autofree char *b64 = big_b64 (BIG, 1, FALSE);
  g_autofree char *text =
    g_strdup_printf ("{\"created\": 1713833628, \"data\": [{\"b64_json\": \"%s\"}], "
                     "\"usage\": {\"input_tokens\": 50, \"total_tokens\": 250}}", b64);
  g_autoptr(GBytes) body = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *data;

  assert_same_string (text, FAST);

  /* And the string is the base64, byte for byte. */
  root = easel_dialect_parse_body (body, "application/json", &error);
  g_assert_no_error (error);
  data = json_object_get_array_member (json_node_get_object (root), "data");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (data, 0),
                                                  "b64_json"), ==, b64);
}

static void
test_escaped_slashes (void)
{
  g_autofree char *escaped = big_b64 (BIG, 2, TRUE);
  g_autofree char *plain = big_b64 (BIG, 2, FALSE);
  g_autofree char *text = g_strdup_printf ("{\"data\":[{\"b64_json\":\"%s\"}]}", escaped);
  g_autoptr(JsonNode) root = NULL;

  g_assert_nonnull (strstr (escaped, "\\/"));
  assert_same_string (text, FAST);

  root = easel_dialect_json_parse_lifting (text, strlen (text));
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (
                       json_object_get_array_member (json_node_get_object (root), "data"), 0),
                     "b64_json"), ==, plain);
}

static void
test_every_escape (void)
{
  /* Each escape RFC 8259 has, a BMP character, a surrogate pair (😀), raw
   * UTF-8, and backslash runs right before the quote and before "\"". */
  g_autofree char *unit_text = repeat ("a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti"
                                       "\\u00e9\\u4E2D\\ud83d\\ude00 é中😀 \\\\\\\" ", BIG);
  g_autofree char *ends_in_backslash = g_strdup_printf ("%s\\\\", unit_text);
  g_autofree char *text = g_strdup_printf ("{\"a\": \"%s\", \"b\": \"%s\"}", unit_text,
                                           ends_in_backslash);
  g_autoptr(JsonNode) root = NULL;
  const char *value;

  assert_same_string (text, FAST);

  root = easel_dialect_json_parse_lifting (text, strlen (text));
  value = json_object_get_string_member (json_node_get_object (root), "a");
  g_assert_true (g_str_has_prefix (value, "a\"b\\c/d\be\ff\ng\rh\ti\xc3\xa9\xe4\xb8\xad"
                                          "\xf0\x9f\x98\x80 é中😀 \\\" "));
  value = json_object_get_string_member (json_node_get_object (root), "b");
  g_assert_true (g_str_has_suffix (value, "\\\" \\"));
}

static void
test_nested (void)
{
  g_autofree char *one = big_b64 (BIG, 3, FALSE);
  g_autofree char *two = big_b64 (BIG + 1, 4, TRUE);
  g_autofree char *three = big_b64 (BIG + 2, 5, FALSE);
  g_autofree char *object = NULL;
  g_autofree char *array = NULL;

  object = g_strdup_printf ("{\"outer\": [[{\"a\": [\"%s\", {\"b\": \"%s\"}], \"n\": null}], "
                            "[], {}, 1.5e3, -2, true, false, \"small \\\"quoted\\\"\"],\n"
                            "  \"c\": {\"d\": {\"e\": [\"%s\"]}}}", one, two, three);
  assert_same_string (object, FAST);

  /* A root that is not an object: the tree is still json-glib's. */
  array = g_strdup_printf ("[\"%s\", [\"%s\"], {\"x\": \"%s\"}]", one, two, three);
  assert_same_string (array, FAST);
}

static void
test_several (void)
{
  GString *text = g_string_new ("{\"data\": [");

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *b64 = big_b64 (BIG + i * 1000, 10 + i, i % 2);

      g_string_append_printf (text, "%s{\"b64_json\": \"%s\", \"i\": %u, \"s\": \"x\\\\\"}",
                              i ? ", " : "", b64, i);
    }
  g_string_append (text, "], \"id\": \"img_123\"}");

  assert_same (text->str, text->len, FAST);
  g_string_free (text, TRUE);
}

static void
test_threshold (void)
{
  g_autofree char *below = big_b64 (THRESHOLD - 1, 6, FALSE);
  g_autofree char *at = big_b64 (THRESHOLD, 6, FALSE);
  g_autofree char *padding = repeat (" ", THRESHOLD);
  g_autofree char *text_below = g_strdup_printf ("{\"a\": \"%s\"}%s", below, padding);
  g_autofree char *text_at = g_strdup_printf ("{\"a\": \"%s\"}", at);

  /* A long text with no long string: nothing to lift. */
  assert_same_string (text_below, FALLBACK);
  assert_same_string (text_at, FAST);

  /* Short answers never take the fast way. */
  assert_same_string ("{\"data\": [{\"b64_json\": \"iVBORw0KGgo=\"}]}", FALLBACK);
}

static void
test_byte_order_mark (void)
{
  g_autofree char *b64 = big_b64 (BIG, 7, FALSE);
  g_autofree char *text = g_strdup_printf ("\xef\xbb\xbf{\"b64_json\": \"%s\"}", b64);

  assert_same_string (text, FAST);
}

static void
test_big_key (void)
{
  g_autofree char *b64 = big_b64 (BIG, 8, FALSE);
  g_autofree char *key = g_strdup_printf ("{\"%s\": 1, \"b\": \"x\"}", b64);
  g_autofree char *spaced = g_strdup_printf ("{\"%s\"  \n\t:\"%s\"}", b64, b64);

  /* json-glib takes it for a member name: left to json-glib. */
  assert_same_string (key, FALLBACK);
  assert_same_string (spaced, FALLBACK);
}

static void
test_duplicate_members (void)
{
  g_autofree char *one = big_b64 (BIG, 9, FALSE);
  g_autofree char *two = big_b64 (BIG, 10, FALSE);
  g_autofree char *text = g_strdup_printf ("{\"a\": \"%s\", \"a\": \"%s\"}", one, two);

  /* The first value is dropped by json-glib, and with it a placeholder. */
  assert_same_string (text, FALLBACK);
}

static void
test_left_to_json_glib (void)
{
  /* Escapes json-glib versions read in their own ways, raw controls, a
   * NUL, and bad UTF-8, each inside a big literal. */
  const char *odd[] = {
    "\\x41", "\\u00\\n", "\\u00zz", "\\u0000", "\\ud83d", "\\ud83dx", "\\ude00",
    "\\1", "\\'", "\n", "\t", "\x01", "\xc3\x28", "\xff",
  };

  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autofree char *head = big_b64 (BIG / 2, 11, FALSE);
      g_autofree char *tail = big_b64 (BIG / 2, 12, FALSE);
      g_autofree char *text = g_strdup_printf ("{\"a\": \"%s%s%s\"}", head, odd[i], tail);

      g_test_message ("odd content %u", i);
      assert_same_string (text, FALLBACK);
    }

  /* A high surrogate followed by no low one: json-glib 1.6 refuses it (and
   * leaks a GString doing so, so it is not asked here); the fast way must
   * leave it to json-glib, and the answer is refused before that. */
  {
    g_autofree char *b64 = big_b64 (BIG, 14, FALSE);
    g_autofree char *text = g_strdup_printf ("{\"a\": \"%s\\ud83d\\u0041\"}", b64);

    g_assert_null (easel_dialect_json_parse_lifting (text, strlen (text)));
    assert_same_string (text, FALLBACK);
  }

  /* A NUL byte: strlen() would stop at it. */
  {
    g_autofree char *b64 = big_b64 (BIG, 13, FALSE);
    g_autofree char *text = g_strdup_printf ("{\"a\": \"%s@\"}", b64);
    gsize length = strlen (text);

    text[length - 3] = '\0';
    assert_same (text, length, FALLBACK);
  }
}

/* Text json-glib 1.6 leaks memory on, crashes on, or reads into strings
 * that are not UTF-8 (found by fuzz/fuzz-dialect.c and friends). Each is
 * refused with a BAD_RESPONSE before json-glib sees it; text around them
 * that is fine stays so. Under the sanitizer lane a leak fails the test. */
static void
test_hazards (void)
{
  const struct
  {
    const char      *text;
    EaselJsonHazard  hazard;
  } cases[] = {
    /* json-glib keeps the last of several values and leaks the others. */
    { "{\"a\":1} {\"b\":2}", EASEL_JSON_HAZARD_SEVERAL_VALUES },
    { "[] []", EASEL_JSON_HAZARD_SEVERAL_VALUES },
    { "{}/* between */{}", EASEL_JSON_HAZARD_SEVERAL_VALUES },
    { "1 {}", EASEL_JSON_HAZARD_SEVERAL_VALUES },
    { "\"a\" []", EASEL_JSON_HAZARD_SEVERAL_VALUES },
    { "{\"a\":1} trailing", EASEL_JSON_HAZARD_SEVERAL_VALUES },
    /* "malformed surrogate pair" leaks the string being read. */
    { "{\"a\":\"\\ud83d\\u0041\"}", EASEL_JSON_HAZARD_BAD_ESCAPE },
    { "{\"a\":\"\\udde0\\u0041\"}", EASEL_JSON_HAZARD_BAD_ESCAPE },
    { "{\"a\":\"\\ud83d\\u 20", EASEL_JSON_HAZARD_BAD_ESCAPE },
    { "{\"a\":\"\\ud92l\\u\"}", EASEL_JSON_HAZARD_BAD_ESCAPE },
    { "{\"a\":\"\\ud83d\"}", EASEL_JSON_HAZARD_BAD_ESCAPE },
    /* Short \u escapes swallow the next byte, a closing quote too. */
    { "[\"\\u1\", \"] [\"x\"]", EASEL_JSON_HAZARD_BAD_ESCAPE },
    /* Octal escapes and raw bytes make strings that are not UTF-8. */
    { "{\"a\":\"\\250x\"}", EASEL_JSON_HAZARD_BAD_ESCAPE },
    { "{\"a\":\"\xa8\"}", EASEL_JSON_HAZARD_NOT_UTF8 },
    { "{\"a\":\"\xc3\x28\"}", EASEL_JSON_HAZARD_NOT_UTF8 },
    /* Fine: a pair, escaped backslashes before digits, a byte order mark,
     * comments, UTF-8, an unterminated literal (json-glib says so). */
    { "{\"a\":\"\\ud83d\\ude00\"}", EASEL_JSON_HAZARD_NONE },
    { "{\"a\":\"C:\\\\0\\\\u12\"}", EASEL_JSON_HAZARD_NONE },
    { "\xef\xbb\xbf/* c */ {\"a\":\"\xe4\xb8\xad\"} /* d */\n", EASEL_JSON_HAZARD_NONE },
    { "{\"a\":\"x", EASEL_JSON_HAZARD_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (cases[i].text, strlen (cases[i].text));
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *shown = g_strescape (cases[i].text, NULL);

      g_test_message ("case %u: %s", i, shown);
      g_assert_cmpint (easel_dialect_json_hazard (cases[i].text, strlen (cases[i].text)), ==,
                       cases[i].hazard);
      if (cases[i].hazard == EASEL_JSON_HAZARD_NONE)
        continue;

      root = easel_dialect_parse_body (body, "application/json", &error);
      g_assert_null (root);
      g_assert_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE);
      g_assert_true (g_str_has_prefix (error->message,
                                       "The gateway’s answer is not valid JSON: "));
    }
}

/* json-glib reads nested arrays by recursion: a megabyte of "[" overflowed
 * the stack and ended Easel. The depth is capped well above any answer. */
static void
test_deep_nesting (void)
{
  g_autofree char *deep = g_strnfill (1000 * 1000, '[');
  g_autoptr(GBytes) body = g_bytes_new_static (deep, strlen (deep));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) allowed = g_string_new ("{\"a\":");

  g_assert_cmpint (easel_dialect_json_hazard (deep, strlen (deep)), ==,
                   EASEL_JSON_HAZARD_TOO_DEEP);
  root = easel_dialect_parse_body (body, "application/json", &error);
  g_assert_null (root);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "nests more than 512 levels"));

  /* EASEL_JSON_MAX_DEPTH levels in all still parse. */
  for (guint i = 1; i < EASEL_JSON_MAX_DEPTH; i++)
    g_string_append_c (allowed, '[');
  for (guint i = 1; i < EASEL_JSON_MAX_DEPTH; i++)
    g_string_append_c (allowed, ']');
  g_string_append_c (allowed, '}');
  g_clear_error (&error);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&body, g_bytes_unref);
  body = g_bytes_new_static (allowed->str, allowed->len);
  root = easel_dialect_parse_body (body, "application/json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);

  /* One more does not. */
  g_string_insert_c (allowed, 5, '[');
  g_string_insert_c (allowed, allowed->len - 1, ']');
  g_assert_cmpint (easel_dialect_json_hazard (allowed->str, allowed->len), ==,
                   EASEL_JSON_HAZARD_TOO_DEEP);
}

static void
test_malformed (void)
{
  g_autofree char *b64 = big_b64 (BIG, 14, FALSE);
  const char *forms[] = {
    "{\"a\": \"%s\" \"b\": 1}",          /* missing comma */
    "{\"a\": \"%s\",}",                  /* trailing comma */
    "{\"a\": \"%s\"",                    /* unclosed object */
    "{\"a\": \"%s\"}}",                  /* one brace too many */
    "{\"a\": \"%s\"} trailing",          /* junk after the root */
    "{\"a\" \"%s\"}",                    /* missing colon */
    "{a: \"%s\"}",                       /* a bare word */
    "[\"%s\" 1]",                        /* missing comma in an array */
    "{\"a\": \"%s\", \"b\": tru}",       /* a bad literal */
    "\"%s\"",                            /* a lone string */
  };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_auto(GStrv) parts = g_strsplit (forms[i], "%s", 2);
      g_autofree char *text = g_strconcat (parts[0], b64, parts[1], NULL);

      g_test_message ("form %u", i);
      /* Whether the fast way applies is its business; the answer must be
       * json-glib's, error and position included. */
      assert_same_string (text, forms[i][0] == '"' ? FAST : FALLBACK);
    }
}

static void
test_unterminated (void)
{
  g_autofree char *b64 = big_b64 (BIG, 15, FALSE);
  g_autofree char *open = g_strdup_printf ("{\"data\": [{\"b64_json\": \"%s", b64);
  g_autofree char *escaped_end = g_strdup_printf ("{\"data\": \"%s\\\"}", b64);
  g_autofree char *cut = g_strdup_printf ("{\"data\": \"%s\\", b64);

  assert_same_string (open, FALLBACK);
  assert_same_string (escaped_end, FALLBACK);
  assert_same_string (cut, FALLBACK);
}

static void
test_not_json (void)
{
  g_autofree char *b64 = big_b64 (BIG, 16, FALSE);
  g_autofree char *html = g_strdup_printf ("<html><body title=\"%s\">502</body></html>", b64);
  g_autoptr(GBytes) body = g_bytes_new_static (html, strlen (html));
  g_autoptr(GError) error = NULL;

  assert_same_string (html, FALLBACK);

  /* And an HTML page is still called one. */
  g_assert_null (easel_dialect_parse_body (body, "text/html; charset=utf-8", &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "text/html instead of JSON"));
}

static void
test_parse_text (void)
{
  /* An SSE event's data goes through easel_dialect_parse_text(). */
  g_autofree char *b64 = big_b64 (BIG, 17, TRUE);
  g_autofree char *plain = big_b64 (BIG, 17, FALSE);
  g_autofree char *text =
    g_strdup_printf ("{\"type\":\"image_generation.completed\",\"b64_json\":\"%s\"}", b64);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = easel_dialect_parse_text (text, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "b64_json"), ==,
                   plain);
}

/* --- Timing ----------------------------------------------------------- */

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* A 3840x2160 PNG's answer: ~22 MB of base64. Printed, not asserted:
 * timings depend on the machine. */
static void
test_timing_4k (void)
{
  for (guint escaped = 0; escaped <= 1; escaped++)
    {
      g_autofree char *b64 = big_b64 (22 * 1000 * 1000, 18, escaped);
      g_autofree char *text =
        g_strdup_printf ("{\"created\": 1713833628, \"data\": [{\"b64_json\": \"%s\"}], "
                         "\"usage\": {\"total_tokens\": 6240}}", b64);
      g_autoptr(GBytes) body = g_bytes_new_static (text, strlen (text));
      double json_glib = G_MAXDOUBLE;
      double ours = G_MAXDOUBLE;

      for (guint round = 0; round < 3; round++)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(JsonNode) root = NULL;
          g_autoptr(GError) error = NULL;
          gint64 start = g_get_monotonic_time ();

          g_assert_true (json_parser_load_from_data (parser, text, strlen (text), &error));
          json_glib = MIN (json_glib, seconds_since (start));

          start = g_get_monotonic_time ();
          root = easel_dialect_parse_body (body, "application/json", &error);
          ours = MIN (ours, seconds_since (start));
          g_assert_no_error (error);

          if (round == 0)
            assert_same_tree (json_parser_get_root (parser), root);
        }

      g_test_message ("{\"body-bytes\": %" G_GSIZE_FORMAT ", \"escaped-slashes\": %s, "
                      "\"json-glib-ms\": %.1f, \"easel-ms\": %.1f}",
                      strlen (text), escaped ? "true" : "false",
                      json_glib * 1000, ours * 1000);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dialect-json/plain-b64", test_plain_b64);
  g_test_add_func ("/dialect-json/escaped-slashes", test_escaped_slashes);
  g_test_add_func ("/dialect-json/every-escape", test_every_escape);
  g_test_add_func ("/dialect-json/nested", test_nested);
  g_test_add_func ("/dialect-json/several", test_several);
  g_test_add_func ("/dialect-json/threshold", test_threshold);
  g_test_add_func ("/dialect-json/byte-order-mark", test_byte_order_mark);
  g_test_add_func ("/dialect-json/big-key", test_big_key);
  g_test_add_func ("/dialect-json/duplicate-members", test_duplicate_members);
  g_test_add_func ("/dialect-json/left-to-json-glib", test_left_to_json_glib);
  g_test_add_func ("/dialect-json/hazards", test_hazards);
  g_test_add_func ("/dialect-json/deep-nesting", test_deep_nesting);
  g_test_add_func ("/dialect-json/malformed", test_malformed);
  g_test_add_func ("/dialect-json/unterminated", test_unterminated);
  g_test_add_func ("/dialect-json/not-json", test_not_json);
  g_test_add_func ("/dialect-json/parse-text", test_parse_text);
  g_test_add_func ("/dialect-json/timing-4k", test_timing_4k);

  return g_test_run ();
}
