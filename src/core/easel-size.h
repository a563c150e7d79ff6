/* easel-size.h: output size rules of gpt-image-2 and its gateways
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The pixel rules of DESIGN.md §4.6 (openai, aizfw). */
#define EASEL_SIZE_MULTIPLE     16
#define EASEL_SIZE_MAX_EDGE     3840
#define EASEL_SIZE_MAX_RATIO    3
#define EASEL_SIZE_MIN_PIXELS   655360
#define EASEL_SIZE_MAX_PIXELS   8294400

typedef enum
{
  EASEL_RESOLUTION_1K,
  EASEL_RESOLUTION_2K,
  EASEL_RESOLUTION_4K,
} EaselResolution;

/* Which rule set a pixel size is checked against. */
typedef enum
{
  EASEL_SIZE_RULES_OPENAI,   /* §4.6: openai, aizfw, icodeeasy pixel strings */
  EASEL_SIZE_RULES_YYCODE,   /* §4.3: total ≤ 3840×2160, documented presets accepted */
} EaselSizeRules;

gboolean            easel_size_is_auto            (const char       *text);
gboolean            easel_size_is_ratio           (const char       *text);

/* "WxH" (also "W×H" and upper-case X), both edges positive integers. Does
 * not check the rules; "auto" and ratios are errors here. */
gboolean            easel_size_parse_pixels       (const char       *text,
                                                   int              *width,
                                                   int              *height,
                                                   GError          **error);

/* Checks a pixel size against a rule set. The error message names the
 * value and the rule, e.g. "Width 1000 is not a multiple of 16". */
gboolean            easel_size_check_pixels       (int               width,
                                                   int               height,
                                                   EaselSizeRules    rules,
                                                   GError          **error);

/* Parses and checks "auto" or "WxH" in one go. */
gboolean            easel_size_check_text         (const char       *text,
                                                   EaselSizeRules    rules,
                                                   GError          **error);

/* The 13 ratios the ratio-form gateways accept, "1:1" first. */
const char * const *easel_size_ratios             (void);
gboolean            easel_size_check_ratio        (const char       *text,
                                                   GError          **error);

/* Pixel presets: "auto" then the seven of §4.6. */
const char * const *easel_size_presets            (void);
/* The yycode document's own list (1920x1080 and 1080x1920 among them). */
const char * const *easel_size_yycode_presets     (void);

const char         *easel_resolution_to_string    (EaselResolution   resolution);
gboolean            easel_resolution_parse        (const char       *text,
                                                   EaselResolution  *resolution,
                                                   GError          **error);
/* aizfw: 4k only for 16:9, 9:16, 2:1, 1:2, 21:9, 9:21. */
gboolean            easel_size_ratio_allows_4k    (const char       *ratio);

/* Approximate output pixels of a ratio at a resolution tier (long edge
 * 1024/2048/3840, short edge rounded to 16), for estimates and display. */
void                easel_size_ratio_to_pixels    (const char       *ratio,
                                                   EaselResolution   resolution,
                                                   int              *width,
                                                   int              *height);

G_END_DECLS
