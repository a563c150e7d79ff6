/* fuzz-size.c: size, ratio and resolution text, and the pixel rules
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Sizes come from the Create panel's entry as people type and paste them,
 * from easel-cli's --size, and from requests stored in the history. The
 * input is such a text (up to its first NUL). Besides not crashing, the
 * answers must agree with each other: a size that parses prints back to
 * itself, a size the rules take has the properties the rules state, a
 * ratio maps to pixels of its tier, and every message is text a person can
 * be shown when the input was. */

#include "config.h"

#include <string.h>

#include "easel-error.h"
#include "easel-size.h"
#include "fuzz-common.h"

static const int tier_edges[] = { 1024, 2048, 3840 };

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init (argc, argv);
  return 0;
}

static void
check_message (const GError *error,
               gboolean      input_is_text)
{
  fuzz_check (error != NULL, NULL);
  fuzz_check (g_error_matches (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST), error->message);
  /* Messages quote the input: bytes that are not UTF-8 stay so. */
  if (input_is_text)
    fuzz_check_error (error);
}

static void
check_rules (int            width,
             int            height,
             EaselSizeRules rules,
             gboolean       input_is_text)
{
  g_autoptr(GError) error = NULL;
  gint64 pixels = (gint64) width * height;

  if (!easel_size_check_pixels (width, height, rules, &error))
    {
      check_message (error, input_is_text);
      return;
    }

  fuzz_check (width > 0 && height > 0, NULL);
  fuzz_check (width <= EASEL_SIZE_MAX_EDGE && height <= EASEL_SIZE_MAX_EDGE, NULL);
  fuzz_check (pixels >= EASEL_SIZE_MIN_PIXELS, NULL);
  if (rules == EASEL_SIZE_RULES_OPENAI)
    {
      fuzz_check (width % EASEL_SIZE_MULTIPLE == 0 && height % EASEL_SIZE_MULTIPLE == 0, NULL);
      fuzz_check (MAX (width, height) <= EASEL_SIZE_MAX_RATIO * MIN (width, height), NULL);
      fuzz_check (pixels <= EASEL_SIZE_MAX_PIXELS, NULL);
    }
  else
    {
      fuzz_check (pixels <= 3840 * 2160, NULL);
    }
}

static void
check_text (const char *text,
            gboolean    input_is_text)
{
  g_autoptr(GError) error = NULL;
  EaselResolution resolution;
  int width = -1;
  int height = -1;

  if (easel_size_parse_pixels (text, &width, &height, &error))
    {
      g_autofree char *printed = g_strdup_printf ("%dx%d", width, height);
      int again_width = -1;
      int again_height = -1;

      fuzz_check (width > 0 && height > 0, text);
      fuzz_check (!easel_size_is_auto (text) && !easel_size_is_ratio (text), text);
      fuzz_check (easel_size_parse_pixels (printed, &again_width, &again_height, NULL), printed);
      fuzz_check (again_width == width && again_height == height, printed);

      for (EaselSizeRules rules = EASEL_SIZE_RULES_OPENAI; rules <= EASEL_SIZE_RULES_YYCODE;
           rules++)
        {
          g_autoptr(GError) text_error = NULL;
          g_autoptr(GError) pixels_error = NULL;
          gboolean by_text = easel_size_check_text (text, rules, &text_error);
          gboolean by_pixels = easel_size_check_pixels (width, height, rules, &pixels_error);

          fuzz_check (by_text == by_pixels, text);
          if (!by_text)
            check_message (text_error, input_is_text);
          check_rules (width, height, rules, input_is_text);
        }
    }
  else
    {
      check_message (error, input_is_text);
      g_clear_error (&error);
      for (EaselSizeRules rules = EASEL_SIZE_RULES_OPENAI; rules <= EASEL_SIZE_RULES_YYCODE;
           rules++)
        {
          gboolean taken = easel_size_check_text (text, rules, &error);

          fuzz_check (taken == easel_size_is_auto (text), text);
          if (!taken)
            check_message (error, input_is_text);
          g_clear_error (&error);
        }
    }

  g_clear_error (&error);
  if (easel_size_check_ratio (text, &error))
    {
      fuzz_check (easel_size_is_ratio (text), text);
      fuzz_check (g_strv_contains (easel_size_ratios (), text), text);
    }
  else
    {
      check_message (error, input_is_text);
    }

  g_clear_error (&error);
  if (easel_resolution_parse (text, &resolution, &error))
    fuzz_check (g_ascii_strcasecmp (easel_resolution_to_string (resolution), text) == 0, text);
  else
    check_message (error, input_is_text);

  /* A ratio (or auto) at each tier: the tier's long edge and a short edge
   * on the 16-pixel grid; anything else maps to nothing. */
  for (EaselResolution tier = EASEL_RESOLUTION_1K; tier <= EASEL_RESOLUTION_4K; tier++)
    {
      easel_size_ratio_to_pixels (text, tier, &width, &height);
      if (!easel_size_is_ratio (text) && !easel_size_is_auto (text))
        {
          fuzz_check (width == 0 && height == 0, text);
          continue;
        }
      fuzz_check (MAX (width, height) == tier_edges[tier], text);
      fuzz_check (MIN (width, height) > 0 && MIN (width, height) % EASEL_SIZE_MULTIPLE == 0, text);
    }

  if (easel_size_ratio_allows_4k (text))
    fuzz_check (easel_size_is_ratio (text), text);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  gboolean input_is_text = g_utf8_validate (text, -1, NULL);

  check_text (text, input_is_text);

  /* The rules on any two ints, as the spin buttons and stored rows may
   * hand them: the first eight bytes, when there are that many. */
  if (size >= 8)
    {
      gint32 width;
      gint32 height;

      memcpy (&width, data, sizeof width);
      memcpy (&height, data + 4, sizeof height);
      check_rules (width, height, EASEL_SIZE_RULES_OPENAI, TRUE);
      check_rules (width, height, EASEL_SIZE_RULES_YYCODE, TRUE);
    }

  return 0;
}
