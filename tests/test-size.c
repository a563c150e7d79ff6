/* test-size.c: the size rules of gpt-image-2 and its gateways
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "easel-error.h"
#include "easel-size.h"

/* Checks "WxH" and, when it must fail, that the message is @message. */
static void
assert_size (const char     *text,
             EaselSizeRules  rules,
             const char     *message)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = easel_size_check_text (text, rules, &error);

  if (message == NULL)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
      g_assert_false (ok);
      g_assert_cmpstr (error->message, ==, message);
    }
}

#define OK_OPENAI(text) assert_size (text, EASEL_SIZE_RULES_OPENAI, NULL)
#define BAD_OPENAI(text, message) assert_size (text, EASEL_SIZE_RULES_OPENAI, message)
#define OK_YYCODE(text) assert_size (text, EASEL_SIZE_RULES_YYCODE, NULL)
#define BAD_YYCODE(text, message) assert_size (text, EASEL_SIZE_RULES_YYCODE, message)

static void
test_auto (void)
{
  g_assert_true (easel_size_is_auto ("auto"));
  g_assert_false (easel_size_is_auto ("Auto "));
  g_assert_false (easel_size_is_auto (""));
  g_assert_false (easel_size_is_auto (NULL));
  g_assert_false (easel_size_is_ratio ("auto"));

  OK_OPENAI ("auto");
  OK_YYCODE ("auto");
}

static void
test_parse (void)
{
  static const char *const bad[] = {
    "", "auto", "16:9", "1024", "x1024", "1024x", "1024 x 1024", " 1024x1024", "1024x1024 ",
    "-1024x1024", "+1024x1024", "01024x1024", "0x1024", "1024x0", "1024x1024x16", "1024*1024",
    "widthxheight", "1024.0x1024", "1234567890x1024", "1024xx1024", "1024×", NULL
  };
  int width = 0;
  int height = 0;

  g_assert_true (easel_size_parse_pixels ("1536x1024", &width, &height, NULL));
  g_assert_cmpint (width, ==, 1536);
  g_assert_cmpint (height, ==, 1024);

  g_assert_true (easel_size_parse_pixels ("1024×1536", &width, &height, NULL));
  g_assert_cmpint (width, ==, 1024);
  g_assert_cmpint (height, ==, 1536);

  g_assert_true (easel_size_parse_pixels ("2048X1152", &width, &height, NULL));
  g_assert_cmpint (width, ==, 2048);
  g_assert_cmpint (height, ==, 1152);

  /* The largest number that still fits nine digits, unchecked by rules. */
  g_assert_true (easel_size_parse_pixels ("999999999x1", &width, &height, NULL));
  g_assert_cmpint (width, ==, 999999999);

  /* Outputs are optional. */
  g_assert_true (easel_size_parse_pixels ("16x16", NULL, NULL, NULL));

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", bad[i]);

      width = height = -7;
      g_assert_false (easel_size_parse_pixels (bad[i], &width, &height, &error));
      g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
      g_assert_nonnull (strstr (error->message, quoted));
      /* Nothing is written on failure. */
      g_assert_cmpint (width, ==, -7);
      g_assert_cmpint (height, ==, -7);
    }

  BAD_OPENAI ("1024", "“1024” is not a size in pixels; write it as WIDTHxHEIGHT, such as "
                      "1536x1024.");
}

static void
test_multiple_of_16 (void)
{
  OK_OPENAI ("1024x1024");
  BAD_OPENAI ("1000x1024", "Width 1000 is not a multiple of 16; try 1008.");
  BAD_OPENAI ("1023x1024", "Width 1023 is not a multiple of 16; try 1024.");
  BAD_OPENAI ("1025x1024", "Width 1025 is not a multiple of 16; try 1024.");
  BAD_OPENAI ("1032x1024", "Width 1032 is not a multiple of 16; try 1040.");
  BAD_OPENAI ("1024x1000", "Height 1000 is not a multiple of 16; try 1008.");
  BAD_OPENAI ("1024x1025", "Height 1025 is not a multiple of 16; try 1024.");
  /* Never suggests 0. */
  BAD_OPENAI ("1024x7", "Height 7 is not a multiple of 16; try 16.");
  /* Width before height. */
  BAD_OPENAI ("1000x1000", "Width 1000 is not a multiple of 16; try 1008.");
  /* Multiple of 16 comes before every other rule: 4001 is also too long. */
  BAD_OPENAI ("4001x1024", "Width 4001 is not a multiple of 16; try 4000.");
  /* The seed's ultrawide example is refused already for its height. */
  BAD_OPENAI ("3840x1080", "Height 1080 is not a multiple of 16; try 1088.");
}

static void
test_edge (void)
{
  OK_OPENAI ("3840x2160");
  OK_OPENAI ("2160x3840");
  OK_OPENAI ("3840x1280");
  BAD_OPENAI ("3856x2160", "Width 3856 is more than 3840 pixels, the longest edge allowed.");
  BAD_OPENAI ("2160x3856", "Height 3856 is more than 3840 pixels, the longest edge allowed.");
  /* Edge before ratio: 4096x1024 is also 4:1. */
  BAD_OPENAI ("4096x1024", "Width 4096 is more than 3840 pixels, the longest edge allowed.");
}

static void
test_ratio (void)
{
  /* Exactly 3:1 is allowed. */
  OK_OPENAI ("3072x1024");
  OK_OPENAI ("1024x3072");
  OK_OPENAI ("2304x768");
  BAD_OPENAI ("3088x1024", "3088x1024 is wider than 3:1, the widest shape gpt-image-2 makes.");
  BAD_OPENAI ("1024x3088", "1024x3088 is taller than 1:3, the tallest shape gpt-image-2 makes.");
  BAD_OPENAI ("3840x1088", "3840x1088 is wider than 3:1, the widest shape gpt-image-2 makes.");
  BAD_OPENAI ("3840x1264", "3840x1264 is wider than 3:1, the widest shape gpt-image-2 makes.");
  OK_OPENAI ("3840x1280");
  /* Ratio before pixels: 2400x784 is also too small. */
  BAD_OPENAI ("2400x784", "2400x784 is wider than 3:1, the widest shape gpt-image-2 makes.");
  /* The seed's 720p example is valid. */
  OK_OPENAI ("1280x720");
}

static void
test_pixels (void)
{
  /* 1024x640 is exactly 655,360. */
  OK_OPENAI ("1024x640");
  OK_OPENAI ("640x1024");
  BAD_OPENAI ("1008x640", "1008x640 has 645,120 pixels; gpt-image-2 needs at least 655,360.");
  BAD_OPENAI ("1024x624", "1024x624 has 638,976 pixels; gpt-image-2 needs at least 655,360.");
  BAD_OPENAI ("512x512", "512x512 has 262,144 pixels; gpt-image-2 needs at least 655,360.");
  BAD_OPENAI ("16x16", "16x16 has 256 pixels; gpt-image-2 needs at least 655,360.");

  /* 8,294,400 exactly, in two shapes. */
  OK_OPENAI ("3840x2160");
  OK_OPENAI ("2880x2880");
  BAD_OPENAI ("3840x2176", "3840x2176 has 8,355,840 pixels; gpt-image-2 makes at most 8,294,400.");
  BAD_OPENAI ("2896x2880", "2896x2880 has 8,340,480 pixels; gpt-image-2 makes at most 8,294,400.");
  BAD_OPENAI ("3840x3840",
              "3840x3840 has 14,745,600 pixels; gpt-image-2 makes at most 8,294,400.");
}

static void
test_check_pixels (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (easel_size_check_pixels (1536, 1024, EASEL_SIZE_RULES_OPENAI, NULL));
  g_assert_false (easel_size_check_pixels (0, 1024, EASEL_SIZE_RULES_OPENAI, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (error->message, ==,
                   "0x1024 is not a size: both edges must be at least 1 pixel.");
  g_clear_error (&error);

  g_assert_false (easel_size_check_pixels (1024, -16, EASEL_SIZE_RULES_YYCODE, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  /* Large values do not overflow the pixel count. */
  g_assert_false (easel_size_check_pixels (G_MAXINT, G_MAXINT, EASEL_SIZE_RULES_OPENAI, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (error->message, ==,
                   "Width 2147483647 is not a multiple of 16; try 2147483632.");
  g_clear_error (&error);

  g_assert_false (easel_size_check_pixels (G_MAXINT - 15, 1024, EASEL_SIZE_RULES_OPENAI,
                                           &error));
  g_assert_cmpstr (error->message, ==,
                   "Width 2147483632 is more than 3840 pixels, the longest edge allowed.");
}

static void
test_yycode (void)
{
  const char * const *presets = easel_size_yycode_presets ();
  static const char *const expected[] = {
    "1024x1024", "1536x1024", "1024x1536", "1920x1080", "1080x1920", "3840x2160",
    "2160x3840", NULL
  };

  g_assert_cmpstrv (presets, expected);
  for (guint i = 0; presets[i] != NULL; i++)
    OK_YYCODE (presets[i]);

  /* The two documented sizes that break the multiple-of-16 rule… */
  OK_YYCODE ("1920x1080");
  OK_YYCODE ("1080x1920");
  OK_YYCODE ("1920×1080");
  BAD_OPENAI ("1920x1080", "Height 1080 is not a multiple of 16; try 1088.");
  /* …and nothing else that does. */
  BAD_YYCODE ("1080x1080", "Width 1080 is not a multiple of 16; try 1088.");
  BAD_YYCODE ("1920x1072x", "“1920x1072x” is not a size in pixels; write it as WIDTHxHEIGHT, "
                            "such as 1536x1024.");
  BAD_YYCODE ("1921x1080", "Width 1921 is not a multiple of 16; try 1920.");
  BAD_YYCODE ("1920x1081", "Height 1081 is not a multiple of 16; try 1088.");
  BAD_YYCODE ("2160x1080", "Height 1080 is not a multiple of 16; try 1088.");
  OK_YYCODE ("1920x1088");

  /* Long edge. */
  OK_YYCODE ("3840x1024");
  BAD_YYCODE ("3856x1024", "Width 3856 is more than 3840 pixels, the longest edge allowed.");
  BAD_YYCODE ("1024x3856", "Height 3856 is more than 3840 pixels, the longest edge allowed.");

  /* No shape rule is stated: wider than 3:1 passes. */
  OK_YYCODE ("3840x1024");
  OK_YYCODE ("3840x800");
  BAD_OPENAI ("3840x800", "3840x800 is wider than 3:1, the widest shape gpt-image-2 makes.");

  /* Total ≤ 3840×2160. */
  OK_YYCODE ("3840x2160");
  OK_YYCODE ("2880x2880");
  BAD_YYCODE ("3840x2176", "3840x2176 has 8,355,840 pixels; this gateway makes at most "
                           "3840×2160 (8,294,400).");
  BAD_YYCODE ("2896x2880", "2896x2880 has 8,340,480 pixels; this gateway makes at most "
                           "3840×2160 (8,294,400).");

  /* The model's minimum, which Easel applies to yycode too. */
  OK_YYCODE ("1024x640");
  BAD_YYCODE ("1008x640", "1008x640 has 645,120 pixels; gpt-image-2 needs at least 655,360.");
  BAD_YYCODE ("512x512", "512x512 has 262,144 pixels; gpt-image-2 needs at least 655,360.");
}

static void
test_presets (void)
{
  const char * const *presets = easel_size_presets ();
  static const char *const expected[] = {
    "auto", "1024x1024", "1536x1024", "1024x1536", "2048x2048", "2048x1152", "3840x2160",
    "2160x3840", NULL
  };

  g_assert_cmpstrv (presets, expected);
  for (guint i = 0; presets[i] != NULL; i++)
    {
      OK_OPENAI (presets[i]);
      OK_YYCODE (presets[i]);
    }
}

static void
test_ratios (void)
{
  const char * const *ratios = easel_size_ratios ();
  static const char *const expected[] = {
    "1:1", "3:2", "2:3", "4:3", "3:4", "5:4", "4:5", "16:9", "9:16", "2:1", "1:2", "21:9",
    "9:21", NULL
  };
  static const char *const bad[] = { "auto", "7:5", "16:10", "1:1 ", "9:16:1", "1x1", "", NULL };

  g_assert_cmpstrv (ratios, expected);
  g_assert_cmpuint (g_strv_length ((char **) ratios), ==, 13);

  for (guint i = 0; ratios[i] != NULL; i++)
    {
      g_assert_true (easel_size_is_ratio (ratios[i]));
      g_assert_true (easel_size_check_ratio (ratios[i], NULL));
      /* A ratio is not a pixel size. */
      g_assert_false (easel_size_parse_pixels (ratios[i], NULL, NULL, NULL));
    }

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", bad[i]);

      g_assert_false (easel_size_is_ratio (bad[i]));
      g_assert_false (easel_size_check_ratio (bad[i], &error));
      g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
      g_assert_true (g_str_has_prefix (error->message, quoted));
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (easel_size_check_ratio ("7:5", &error));
    g_assert_cmpstr (error->message, ==,
                     "“7:5” is not one of the ratios the gateways take: 1:1, 3:2, 2:3, 4:3, 3:4, "
                     "5:4, 4:5, 16:9, 9:16, 2:1, 1:2, 21:9, 9:21.");
  }

  g_assert_false (easel_size_is_ratio (NULL));
}

static void
test_resolution (void)
{
  static const char *const bad[] = { "8k", "1", "k", "1kk", "", "2 k", NULL };
  EaselResolution resolution = EASEL_RESOLUTION_4K;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (easel_resolution_to_string (EASEL_RESOLUTION_1K), ==, "1k");
  g_assert_cmpstr (easel_resolution_to_string (EASEL_RESOLUTION_2K), ==, "2k");
  g_assert_cmpstr (easel_resolution_to_string (EASEL_RESOLUTION_4K), ==, "4k");

  g_assert_true (easel_resolution_parse ("1k", &resolution, NULL));
  g_assert_cmpint (resolution, ==, EASEL_RESOLUTION_1K);
  g_assert_true (easel_resolution_parse ("2K", &resolution, NULL));
  g_assert_cmpint (resolution, ==, EASEL_RESOLUTION_2K);
  g_assert_true (easel_resolution_parse ("4k", &resolution, NULL));
  g_assert_cmpint (resolution, ==, EASEL_RESOLUTION_4K);

  for (guint i = 0; bad[i] != NULL; i++)
    {
      resolution = EASEL_RESOLUTION_2K;
      g_assert_false (easel_resolution_parse (bad[i], &resolution, NULL));
      g_assert_cmpint (resolution, ==, EASEL_RESOLUTION_2K);
    }

  g_assert_false (easel_resolution_parse ("8k", &resolution, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (error->message, ==, "“8k” is not a resolution; use 1k, 2k or 4k.");
}

static void
test_4k (void)
{
  static const char *const allowed[] = { "16:9", "9:16", "2:1", "1:2", "21:9", "9:21", NULL };
  const char * const *ratios = easel_size_ratios ();
  guint n_allowed = 0;

  for (guint i = 0; allowed[i] != NULL; i++)
    g_assert_true (easel_size_ratio_allows_4k (allowed[i]));

  for (guint i = 0; ratios[i] != NULL; i++)
    {
      gboolean allows = easel_size_ratio_allows_4k (ratios[i]);
      int width;
      int height;

      n_allowed += allows;
      g_assert_cmpint (allows, ==, g_strv_contains (allowed, ratios[i]));

      /* aizfw's reason: the other ratios at 4k pass the pixel cap, and the
       * six stay inside every rule of the model. */
      easel_size_ratio_to_pixels (ratios[i], EASEL_RESOLUTION_4K, &width, &height);
      if (allows)
        g_assert_true (easel_size_check_pixels (width, height, EASEL_SIZE_RULES_OPENAI, NULL));
      else
        g_assert_cmpint ((gint64) width * height, >, EASEL_SIZE_MAX_PIXELS);
    }

  g_assert_cmpuint (n_allowed, ==, 6);
  g_assert_false (easel_size_ratio_allows_4k ("auto"));
  g_assert_false (easel_size_ratio_allows_4k ("1:1"));
  g_assert_false (easel_size_ratio_allows_4k ("4:3"));
  g_assert_false (easel_size_ratio_allows_4k (NULL));
}

static void
test_ratio_to_pixels (void)
{
  static const struct
  {
    const char      *ratio;
    EaselResolution  resolution;
    int              width;
    int              height;
  } cases[] = {
    { "1:1", EASEL_RESOLUTION_1K, 1024, 1024 },
    { "auto", EASEL_RESOLUTION_1K, 1024, 1024 },
    { "1:1", EASEL_RESOLUTION_2K, 2048, 2048 },
    { "3:2", EASEL_RESOLUTION_1K, 1024, 688 },
    { "2:3", EASEL_RESOLUTION_1K, 688, 1024 },
    { "3:2", EASEL_RESOLUTION_2K, 2048, 1360 },
    { "4:3", EASEL_RESOLUTION_1K, 1024, 768 },
    { "3:4", EASEL_RESOLUTION_2K, 1536, 2048 },
    { "5:4", EASEL_RESOLUTION_1K, 1024, 816 },
    { "4:5", EASEL_RESOLUTION_1K, 816, 1024 },
    { "16:9", EASEL_RESOLUTION_1K, 1024, 576 },
    { "16:9", EASEL_RESOLUTION_2K, 2048, 1152 },
    { "16:9", EASEL_RESOLUTION_4K, 3840, 2160 },
    { "9:16", EASEL_RESOLUTION_4K, 2160, 3840 },
    { "2:1", EASEL_RESOLUTION_4K, 3840, 1920 },
    { "1:2", EASEL_RESOLUTION_2K, 1024, 2048 },
    { "21:9", EASEL_RESOLUTION_4K, 3840, 1648 },
    { "9:21", EASEL_RESOLUTION_1K, 432, 1024 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int width = -1;
      int height = -1;

      easel_size_ratio_to_pixels (cases[i].ratio, cases[i].resolution, &width, &height);
      g_assert_cmpint (width, ==, cases[i].width);
      g_assert_cmpint (height, ==, cases[i].height);
      g_assert_cmpint (width % 16, ==, 0);
      g_assert_cmpint (height % 16, ==, 0);
    }

  {
    int width = -1;
    int height = -1;

    easel_size_ratio_to_pixels ("7:5", EASEL_RESOLUTION_1K, &width, &height);
    g_assert_cmpint (width, ==, 0);
    g_assert_cmpint (height, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/size/auto", test_auto);
  g_test_add_func ("/size/parse", test_parse);
  g_test_add_func ("/size/openai/multiple-of-16", test_multiple_of_16);
  g_test_add_func ("/size/openai/edge", test_edge);
  g_test_add_func ("/size/openai/ratio", test_ratio);
  g_test_add_func ("/size/openai/pixels", test_pixels);
  g_test_add_func ("/size/check-pixels", test_check_pixels);
  g_test_add_func ("/size/yycode", test_yycode);
  g_test_add_func ("/size/presets", test_presets);
  g_test_add_func ("/size/ratios", test_ratios);
  g_test_add_func ("/size/resolution", test_resolution);
  g_test_add_func ("/size/4k", test_4k);
  g_test_add_func ("/size/ratio-to-pixels", test_ratio_to_pixels);

  return g_test_run ();
}
