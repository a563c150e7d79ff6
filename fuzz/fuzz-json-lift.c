/* fuzz-json-lift.c: the fast path for JSON with huge strings, against json-glib
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* easel_dialect_json_parse_lifting() promises exactly the tree json-glib
 * gives for the same text, or NULL. It only acts on string literals of
 * 64 KiB or more, which a fuzzer with small inputs would never write, so
 * the input is expanded first: a 0xFF byte followed by a byte k stands for
 * the byte before it repeated 65528 + (k mod 16) times more (just under
 * and just over the 64 KiB threshold), at most four times per input; 0xFF
 * never occurs in UTF-8, so this takes nothing from the text a gateway
 * could send. A backslash repeated that way makes long escape runs, a
 * quote long runs of quotes.
 *
 * Whenever the fast path returns a tree, json-glib must parse the same
 * text, and the two trees must be equal. (Text json-glib 1.6 would leak
 * on is refused before either parser, as easel_dialect_parse_body() does.)
 * One dialect's submit parser then reads the text too, as a gateway's
 * answer. */

#include "config.h"

#include <string.h>

#include "easel-dialect-private.h"
#include "easel-error.h"
#include "fuzz-common.h"

#define LIFT_BYTES     (64 * 1024)
#define MAX_EXPANSIONS 4

static EaselProfile *profiles[4];
static EaselRequest *request;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  static const char *const presets[] = { "openai", "icodeeasy", "yycode", "aizfw" };

  fuzz_init (argc, argv);

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    profiles[i] = easel_profile_new_from_preset (presets[i], "fuzz");
  request = easel_request_new ();

  return 0;
}

static GString *
expand (const uint8_t *data,
        size_t         size)
{
  GString *text = g_string_sized_new (size);
  guint expansions = 0;

  for (size_t i = 0; i < size; i++)
    {
      if (data[i] == 0xff && i + 1 < size && expansions < MAX_EXPANSIONS)
        {
          char repeated = text->len > 0 ? text->str[text->len - 1] : 'A';
          gsize count = LIFT_BYTES - 8 + (data[i + 1] & 15);
          gsize at = text->len;

          g_string_set_size (text, at + count);
          memset (text->str + at, repeated, count);
          expansions++;
          i++;
          continue;
        }
      g_string_append_c (text, (char) data[i]);
    }

  return text;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GString) text = expand (data, size);
  g_autoptr(JsonNode) lifted = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  /* What json-glib 1.6 leaks on is refused before either parser sees it,
   * as easel_dialect_parse_body() refuses it. */
  if (easel_dialect_json_hazard (text->str, text->len) == EASEL_JSON_HAZARD_NONE)
    lifted = easel_dialect_json_parse_lifting (text->str, text->len);
  if (lifted != NULL)
    {
      JsonNode *root;

      parser = json_parser_new ();
      if (!json_parser_load_from_data (parser, text->str, text->len, &error))
        fuzz_fail ("the fast path took text json-glib refuses", error->message);
      root = json_parser_get_root (parser);
      fuzz_check (root != NULL, NULL);
      if (!json_node_equal (lifted, root))
        fuzz_fail ("the fast path gave another tree than json-glib", NULL);
    }

  /* One dialect an input, chosen by its length: each parse of a text this
   * long costs as much as the comparison above. */
  body = g_bytes_new (text->str, text->len);
  {
    guint kind = size % G_N_ELEMENTS (profiles);
    const EaselDialect *dialect = easel_dialect_get (kind);
    g_autoptr(EaselOutcome) outcome = NULL;
    g_autoptr(GError) parse_error = NULL;

    outcome = dialect->parse_submit (profiles[kind], request, 200, "application/json", body,
                                     &parse_error);
    fuzz_check ((outcome == NULL) != (parse_error == NULL), NULL);
    if (parse_error != NULL)
      fuzz_check_gateway_error (parse_error);
  }

  return 0;
}
