/* easel-size.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The size rules every gateway of gpt-image-2 states, as pure functions so
 * the UI can check a size while it is typed and the request can refuse it
 * before anything is sent (and billed). DESIGN.md §4.6 for the model's own
 * rules, §4.3 for yycode's. */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "easel-error.h"
#include "easel-size.h"

/* yycode states a total of 3840×2160 rather than a pixel count. */
#define YYCODE_MAX_PIXELS (3840 * 2160)

/* The longest edge of each resolution tier (the ratio gateways' 1k, 2k and
 * the 4k of aizfw, which is 3840 like §4.6's largest preset). */
static const int resolution_edges[] = { 1024, 2048, 3840 };
static const char *const resolution_names[] = { "1k", "2k", "4k" };

static const char *const ratios[] = {
  "1:1", "3:2", "2:3", "4:3", "3:4", "5:4", "4:5",
  "16:9", "9:16", "2:1", "1:2", "21:9", "9:21", NULL
};

/* aizfw: at 4k only the wide ratios stay under the model's pixel cap. */
static const char *const ratios_4k[] = { "16:9", "9:16", "2:1", "1:2", "21:9", "9:21", NULL };

static const char *const presets[] = {
  "auto", "1024x1024", "1536x1024", "1024x1536", "2048x2048", "2048x1152",
  "3840x2160", "2160x3840", NULL
};

static const char *const yycode_presets[] = {
  "1024x1024", "1536x1024", "1024x1536", "1920x1080", "1080x1920", "3840x2160",
  "2160x3840", NULL
};

/* "8,294,400": the rules quote pixel counts with separators, so the
 * messages do too. Not the locale's separator: the C locale has none, and
 * the numbers must read the same as in the gateways' documents. */
static char *
format_count (gint64 count)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, count < 0 ? -count : count);
  GString *out = g_string_new (count < 0 ? "-" : "");
  gsize length = strlen (digits);

  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

/* The nearest multiple of 16 that is not zero: what to suggest instead.
 * Rounds down near G_MAXINT rather than overflow. */
static int
nearest_multiple (int value)
{
  int lower = value / EASEL_SIZE_MULTIPLE * EASEL_SIZE_MULTIPLE;

  if (value - lower >= EASEL_SIZE_MULTIPLE / 2 && lower <= G_MAXINT - EASEL_SIZE_MULTIPLE)
    return lower + EASEL_SIZE_MULTIPLE;

  return MAX (lower, EASEL_SIZE_MULTIPLE);
}

gboolean
easel_size_is_auto (const char *text)
{
  return g_strcmp0 (text, "auto") == 0;
}

gboolean
easel_size_is_ratio (const char *text)
{
  return text != NULL && g_strv_contains (ratios, text);
}

/* A positive decimal edge without sign, spaces or leading zeros; nine
 * digits at most, so it fits an int whatever it is. */
static gboolean
parse_edge (const char *start,
            const char *end,
            int        *value)
{
  gsize length = end - start;
  int result = 0;

  if (length == 0 || length > 9 || *start == '0')
    return FALSE;

  for (const char *p = start; p < end; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      result = result * 10 + (*p - '0');
    }

  *value = result;
  return TRUE;
}

/**
 * easel_size_parse_pixels:
 * @text: a size such as "1536x1024"
 * @width: (out) (optional): the width
 * @height: (out) (optional): the height
 * @error: return location for an %EASEL_ERROR_INVALID_REQUEST
 *
 * Parses "WxH", also written with "X" or "×" as people type and paste it.
 * The rules are not checked here.
 *
 * Returns: whether @text is a pixel size
 */
gboolean
easel_size_parse_pixels (const char  *text,
                         int         *width,
                         int         *height,
                         GError     **error)
{
  const char *separator = NULL;
  gsize separator_length = 1;
  int w = 0;
  int h = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text != NULL)
    {
      separator = strpbrk (text, "xX");
      if (separator == NULL && (separator = strstr (text, "×")) != NULL)
        separator_length = strlen ("×");
    }

  if (separator == NULL ||
      !parse_edge (text, separator, &w) ||
      !parse_edge (separator + separator_length, text + strlen (text), &h))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("“%s” is not a size in pixels; write it as WIDTHxHEIGHT, such as "
                     "1536x1024."), text ? text : "");
      return FALSE;
    }

  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;

  return TRUE;
}

static gboolean
is_yycode_preset (int width,
                  int height)
{
  return (width == 1920 && height == 1080) || (width == 1080 && height == 1920);
}

/**
 * easel_size_check_pixels:
 * @width: the width in pixels
 * @height: the height in pixels
 * @rules: the rule set of the gateway
 * @error: return location for an %EASEL_ERROR_INVALID_REQUEST
 *
 * Checks the rules in the order a person fixes a size: each edge a
 * multiple of 16, then each edge's length, then the shape, then the area.
 * The message names the first rule broken and the value that breaks it.
 *
 * Returns: whether the gateway takes the size
 */
gboolean
easel_size_check_pixels (int              width,
                         int              height,
                         EaselSizeRules   rules,
                         GError         **error)
{
  gint64 pixels = (gint64) width * height;
  int long_edge = MAX (width, height);
  int short_edge = MIN (width, height);

  g_return_val_if_fail (rules == EASEL_SIZE_RULES_OPENAI || rules == EASEL_SIZE_RULES_YYCODE,
                        FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (width <= 0 || height <= 0)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("%dx%d is not a size: both edges must be at least 1 pixel."), width, height);
      return FALSE;
    }

  /* yycode's document lists these two among its supported sizes although
   * 1080 is not a multiple of 16; it is the gateway's word that counts, and
   * both are inside every other rule. */
  if (rules == EASEL_SIZE_RULES_YYCODE && is_yycode_preset (width, height))
    return TRUE;

  if (width % EASEL_SIZE_MULTIPLE != 0)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("Width %d is not a multiple of 16; try %d."), width, nearest_multiple (width));
      return FALSE;
    }

  if (height % EASEL_SIZE_MULTIPLE != 0)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("Height %d is not a multiple of 16; try %d."),
                   height, nearest_multiple (height));
      return FALSE;
    }

  if (width > EASEL_SIZE_MAX_EDGE)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("Width %d is more than %d pixels, the longest edge allowed."),
                   width, EASEL_SIZE_MAX_EDGE);
      return FALSE;
    }

  if (height > EASEL_SIZE_MAX_EDGE)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("Height %d is more than %d pixels, the longest edge allowed."),
                   height, EASEL_SIZE_MAX_EDGE);
      return FALSE;
    }

  /* yycode states no shape rule, so a long strip is the gateway's to refuse
   * or honour; Easel does not refuse what a document allows. */
  if (rules == EASEL_SIZE_RULES_OPENAI && long_edge > EASEL_SIZE_MAX_RATIO * short_edge)
    {
      if (width > height)
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                     _("%dx%d is wider than 3:1, the widest shape gpt-image-2 makes."),
                     width, height);
      else
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                     _("%dx%d is taller than 1:3, the tallest shape gpt-image-2 makes."),
                     width, height);
      return FALSE;
    }

  /* The minimum holds for yycode too although its document states none:
   * yycode serves only gpt-image-2, and the model itself needs 655,360
   * pixels (§4.6). Refusing here costs nothing; a job the model refuses
   * costs a submit and several polls before the user learns why. None of
   * yycode's own listed sizes is below it. */
  if (pixels < EASEL_SIZE_MIN_PIXELS)
    {
      g_autofree char *count = format_count (pixels);
      g_autofree char *limit = format_count (EASEL_SIZE_MIN_PIXELS);

      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("%dx%d has %s pixels; gpt-image-2 needs at least %s."),
                   width, height, count, limit);
      return FALSE;
    }

  if (rules == EASEL_SIZE_RULES_YYCODE && pixels > YYCODE_MAX_PIXELS)
    {
      g_autofree char *count = format_count (pixels);
      g_autofree char *limit = format_count (YYCODE_MAX_PIXELS);

      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("%dx%d has %s pixels; this gateway makes at most 3840×2160 (%s)."),
                   width, height, count, limit);
      return FALSE;
    }

  if (rules == EASEL_SIZE_RULES_OPENAI && pixels > EASEL_SIZE_MAX_PIXELS)
    {
      g_autofree char *count = format_count (pixels);
      g_autofree char *limit = format_count (EASEL_SIZE_MAX_PIXELS);

      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("%dx%d has %s pixels; gpt-image-2 makes at most %s."),
                   width, height, count, limit);
      return FALSE;
    }

  return TRUE;
}

/**
 * easel_size_check_text:
 * @text: "auto" or "WxH"
 * @rules: the rule set of the gateway
 * @error: return location for an %EASEL_ERROR_INVALID_REQUEST
 *
 * Returns: whether the gateway takes the size
 */
gboolean
easel_size_check_text (const char      *text,
                       EaselSizeRules   rules,
                       GError         **error)
{
  int width;
  int height;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (easel_size_is_auto (text))
    return TRUE;

  if (!easel_size_parse_pixels (text, &width, &height, error))
    return FALSE;

  return easel_size_check_pixels (width, height, rules, error);
}

/**
 * easel_size_ratios:
 *
 * Returns: (transfer none): the 13 ratios, %NULL-terminated, "1:1" first
 */
const char * const *
easel_size_ratios (void)
{
  return ratios;
}

/**
 * easel_size_check_ratio:
 * @text: a ratio such as "16:9"
 * @error: return location for an %EASEL_ERROR_INVALID_REQUEST
 *
 * "auto" is not a ratio: the caller decides what it means.
 *
 * Returns: whether @text is one of easel_size_ratios()
 */
gboolean
easel_size_check_ratio (const char  *text,
                        GError     **error)
{
  g_autofree char *list = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (easel_size_is_ratio (text))
    return TRUE;

  list = g_strjoinv (", ", (char **) ratios);
  g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
               _("“%s” is not one of the ratios the gateways take: %s."),
               text ? text : "", list);
  return FALSE;
}

/**
 * easel_size_presets:
 *
 * Returns: (transfer none): "auto" and the seven sizes of DESIGN.md §4.6
 */
const char * const *
easel_size_presets (void)
{
  return presets;
}

/**
 * easel_size_yycode_presets:
 *
 * Returns: (transfer none): the sizes yycode's document lists
 */
const char * const *
easel_size_yycode_presets (void)
{
  return yycode_presets;
}

const char *
easel_resolution_to_string (EaselResolution resolution)
{
  g_return_val_if_fail (resolution < G_N_ELEMENTS (resolution_names), NULL);
  return resolution_names[resolution];
}

/**
 * easel_resolution_parse:
 * @text: "1k", "2k" or "4k" (upper case too)
 * @resolution: (out): the tier
 * @error: return location for an %EASEL_ERROR_INVALID_REQUEST
 *
 * Returns: whether @text names a tier
 */
gboolean
easel_resolution_parse (const char       *text,
                        EaselResolution  *resolution,
                        GError          **error)
{
  g_return_val_if_fail (resolution != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (resolution_names); i++)
    {
      if (text != NULL && g_ascii_strcasecmp (text, resolution_names[i]) == 0)
        {
          *resolution = i;
          return TRUE;
        }
    }

  g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
               _("“%s” is not a resolution; use 1k, 2k or 4k."), text ? text : "");
  return FALSE;
}

gboolean
easel_size_ratio_allows_4k (const char *ratio)
{
  return ratio != NULL && g_strv_contains (ratios_4k, ratio);
}

/**
 * easel_size_ratio_to_pixels:
 * @ratio: one of easel_size_ratios(), or "auto" (which the ratio gateways
 *   make as 1:1)
 * @resolution: the tier
 * @width: (out): the approximate width, 0 for an unknown ratio
 * @height: (out): the approximate height, 0 for an unknown ratio
 *
 * The gateways do not publish their exact pixels for a ratio; this is the
 * long edge of the tier and the short edge rounded to a multiple of 16,
 * close enough for an estimate and for showing what a ratio means.
 */
void
easel_size_ratio_to_pixels (const char      *ratio,
                            EaselResolution  resolution,
                            int             *width,
                            int             *height)
{
  const char *text = easel_size_is_auto (ratio) ? "1:1" : ratio;
  int long_edge;
  int a;
  int b;
  int big;
  int small;
  int short_edge;

  g_return_if_fail (width != NULL && height != NULL);
  g_return_if_fail (resolution < G_N_ELEMENTS (resolution_edges));

  *width = 0;
  *height = 0;

  if (!easel_size_is_ratio (text) || sscanf (text, "%d:%d", &a, &b) != 2)
    return;

  long_edge = resolution_edges[resolution];
  big = MAX (a, b);
  small = MIN (a, b);
  /* long × small / big rounded to the nearest multiple of 16, in integers
   * so every platform gives the same pixels. */
  short_edge = (2 * long_edge * small + big * EASEL_SIZE_MULTIPLE) /
               (2 * big * EASEL_SIZE_MULTIPLE) * EASEL_SIZE_MULTIPLE;

  *width = a >= b ? long_edge : short_edge;
  *height = a >= b ? short_edge : long_edge;
}
