/* test-pricing.c: cost estimates before submit and actual costs after
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "easel-pricing.h"

/* Prices are rounded to a tenth of a cent; compare at a far finer grain. */
#define EPSILON 1e-9

static double
estimate (const char      *preset,
          const char      *size,
          EaselResolution  resolution,
          EaselQuality     quality,
          guint            n)
{
  g_autoptr(EaselProfile) profile = easel_profile_new_from_preset (preset, "p");
  g_autoptr(EaselRequest) request = easel_request_new ();
  double amount = -1;

  easel_request_set_size (request, size);
  easel_request_set_resolution (request, resolution);
  easel_request_set_quality (request, quality);
  easel_request_set_n (request, n);

  g_assert_true (easel_pricing_estimate (profile, request, &amount));
  return amount;
}

static void
test_openai_table (void)
{
  static const char *const presets[] = { "openai", "apiyi", NULL };

  for (guint i = 0; presets[i] != NULL; i++)
    {
      const char *p = presets[i];

      /* Seed 002's table, per image. */
      g_assert_cmpfloat_with_epsilon (estimate (p, "1024x1024", 0, EASEL_QUALITY_LOW, 1),
                                      0.006, EPSILON);
      g_assert_cmpfloat_with_epsilon (estimate (p, "1024x1024", 0, EASEL_QUALITY_MEDIUM, 1),
                                      0.053, EPSILON);
      g_assert_cmpfloat_with_epsilon (estimate (p, "1024x1024", 0, EASEL_QUALITY_HIGH, 1),
                                      0.211, EPSILON);
      g_assert_cmpfloat_with_epsilon (estimate (p, "1536x1024", 0, EASEL_QUALITY_LOW, 1),
                                      0.005, EPSILON);
      g_assert_cmpfloat_with_epsilon (estimate (p, "1536x1024", 0, EASEL_QUALITY_MEDIUM, 1),
                                      0.041, EPSILON);
      g_assert_cmpfloat_with_epsilon (estimate (p, "1536x1024", 0, EASEL_QUALITY_HIGH, 1),
                                      0.165, EPSILON);
      g_assert_cmpfloat_with_epsilon (estimate (p, "1024x1536", 0, EASEL_QUALITY_LOW, 1),
                                      0.005, EPSILON);
      g_assert_cmpfloat_with_epsilon (estimate (p, "1024x1536", 0, EASEL_QUALITY_MEDIUM, 1),
                                      0.041, EPSILON);
      g_assert_cmpfloat_with_epsilon (estimate (p, "1024x1536", 0, EASEL_QUALITY_HIGH, 1),
                                      0.165, EPSILON);
      /* The same size written as people type it. */
      g_assert_cmpfloat_with_epsilon (estimate (p, "1536×1024", 0, EASEL_QUALITY_HIGH, 1),
                                      0.165, EPSILON);
    }
}

static void
test_auto_quality (void)
{
  /* Auto is billed as medium. */
  g_assert_cmpfloat_with_epsilon (estimate ("openai", "1024x1024", 0, EASEL_QUALITY_AUTO, 1),
                                  0.053, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate ("openai", "1536x1024", 0, EASEL_QUALITY_AUTO, 1),
                                  0.041, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate ("icodeeasy", "16:9", EASEL_RESOLUTION_1K,
                                            EASEL_QUALITY_AUTO, 1), 0.20, EPSILON);

  /* Whatever a profile keeps in its auto slot: the medium price is billed. */
  {
    g_autoptr(EaselProfile) profile = easel_profile_new ("c", EASEL_DIALECT_OPENAI,
                                                         "https://gw.example.com/v1");
    g_autoptr(EaselRequest) request = easel_request_new ();
    EaselProfilePricing pricing = { "EUR", { 0, 0.01, 0.07, 0.3 }, { 0.5, 0.01, 0.06, 0.3 },
                                    FALSE };
    double amount = 0;

    easel_profile_set_pricing (profile, &pricing);
    g_assert_true (easel_pricing_estimate (profile, request, &amount));
    g_assert_cmpfloat_with_epsilon (amount, 0.07, EPSILON);
    easel_request_set_size (request, "1536x1024");
    g_assert_true (easel_pricing_estimate (profile, request, &amount));
    g_assert_cmpfloat_with_epsilon (amount, 0.06, EPSILON);
  }
}

static void
test_auto_size (void)
{
  /* Size auto is priced as the square image. */
  g_assert_cmpfloat_with_epsilon (estimate ("openai", "auto", 0, EASEL_QUALITY_HIGH, 1),
                                  0.211, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate ("openai", "auto", 0, EASEL_QUALITY_LOW, 3),
                                  0.018, EPSILON);
}

static void
test_n_multiplies (void)
{
  g_assert_cmpfloat_with_epsilon (estimate ("openai", "1536x1024", 0, EASEL_QUALITY_MEDIUM, 4),
                                  0.164, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate ("openai", "1024x1024", 0, EASEL_QUALITY_HIGH, 10),
                                  2.11, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate ("icodeeasy", "1:1", EASEL_RESOLUTION_1K,
                                            EASEL_QUALITY_HIGH, 3), 1.20, EPSILON);
}

static void
test_larger_sizes (void)
{
  /* Square sizes scale from 1024x1024: 2048x2048 is four times the area. */
  g_assert_cmpfloat_with_epsilon (estimate ("openai", "2048x2048", 0, EASEL_QUALITY_HIGH, 1),
                                  0.844, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate ("openai", "2048x2048", 0, EASEL_QUALITY_LOW, 1),
                                  0.024, EPSILON);
  /* Other sizes scale from 1536x1024: 2048x1152 is 1.5 times its area,
   * 3840x2160 about 5.27 times. */
  g_assert_cmpfloat_with_epsilon (estimate ("openai", "2048x1152", 0, EASEL_QUALITY_MEDIUM, 1),
                                  0.062, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate ("openai", "3840x2160", 0, EASEL_QUALITY_HIGH, 1),
                                  0.870, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate ("openai", "2160x3840", 0, EASEL_QUALITY_HIGH, 2),
                                  1.740, EPSILON);
  /* Smaller than the table's sizes: the table's price. */
  g_assert_cmpfloat_with_epsilon (estimate ("openai", "1024x640", 0, EASEL_QUALITY_HIGH, 1),
                                  0.165, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate ("openai", "1280x720", 0, EASEL_QUALITY_MEDIUM, 1),
                                  0.041, EPSILON);
  /* A square smaller than 1024x1024 keeps the square price. */
  g_assert_cmpfloat_with_epsilon (estimate ("openai", "896x896", 0, EASEL_QUALITY_MEDIUM, 1),
                                  0.053, EPSILON);
}

static void
test_ratio_sizes (void)
{
  g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("openai", "p");
  EaselProfilePricing pricing = *easel_profile_get_pricing (profile);

  /* icodeeasy bills a flat price per image and quality, at 1k and 2k. */
  g_assert_cmpfloat_with_epsilon (estimate ("icodeeasy", "1:1", EASEL_RESOLUTION_1K,
                                            EASEL_QUALITY_LOW, 1), 0.10, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate ("icodeeasy", "1:1", EASEL_RESOLUTION_1K,
                                            EASEL_QUALITY_MEDIUM, 1), 0.20, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate ("icodeeasy", "16:9", EASEL_RESOLUTION_2K,
                                            EASEL_QUALITY_HIGH, 1), 0.40, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate ("icodeeasy", "auto", EASEL_RESOLUTION_2K,
                                            EASEL_QUALITY_LOW, 2), 0.20, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate ("icodeeasy", "1536x1024", EASEL_RESOLUTION_1K,
                                            EASEL_QUALITY_HIGH, 1), 0.40, EPSILON);

  /* A token-billed profile with ratio sizes (a user's custom one): 1:1
   * takes the square row, other ratios the other row, scaled by the
   * ratio's pixels at its resolution. */
  {
    g_autoptr(EaselProfile) custom = easel_profile_new ("c", EASEL_DIALECT_ICODEEASY,
                                                        "https://gw.example.com/v1");
    g_autoptr(EaselRequest) request = easel_request_new ();
    double amount = 0;

    easel_profile_set_pricing (custom, &pricing);
    easel_request_set_quality (request, EASEL_QUALITY_HIGH);

    easel_request_set_size (request, "1:1");
    g_assert_true (easel_pricing_estimate (custom, request, &amount));
    g_assert_cmpfloat_with_epsilon (amount, 0.211, EPSILON);

    easel_request_set_size (request, "3:2");
    g_assert_true (easel_pricing_estimate (custom, request, &amount));
    g_assert_cmpfloat_with_epsilon (amount, 0.165, EPSILON);

    /* 16:9 at 2k is 2048x1152, 1.5 times 1536x1024. */
    easel_request_set_size (request, "16:9");
    easel_request_set_resolution (request, EASEL_RESOLUTION_2K);
    g_assert_true (easel_pricing_estimate (custom, request, &amount));
    g_assert_cmpfloat_with_epsilon (amount, 0.248, EPSILON);

    /* 1:1 at 2k is 2048x2048. */
    easel_request_set_size (request, "1:1");
    g_assert_true (easel_pricing_estimate (custom, request, &amount));
    g_assert_cmpfloat_with_epsilon (amount, 0.844, EPSILON);
  }
}

static void
test_unknown (void)
{
  static const char *const unpriced[] = { "yycode", "aizfw", "aizfw-r", NULL };

  for (guint i = 0; unpriced[i] != NULL; i++)
    {
      g_autoptr(EaselProfile) profile = easel_profile_new_from_preset (unpriced[i], "p");
      g_autoptr(EaselRequest) request = easel_request_new ();
      double amount = 42;

      g_assert_false (easel_pricing_estimate (profile, request, &amount));
      g_assert_false (easel_pricing_actual (profile, request, NULL, 1, &amount));
      g_assert_cmpfloat (amount, ==, 42);
    }

  /* One price missing from a row is unknown too, not free. */
  {
    g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("openai", "p");
    g_autoptr(EaselRequest) request = easel_request_new ();
    EaselProfilePricing pricing = *easel_profile_get_pricing (profile);
    double amount = 42;

    pricing.other[EASEL_QUALITY_HIGH] = 0;
    easel_profile_set_pricing (profile, &pricing);
    easel_request_set_quality (request, EASEL_QUALITY_HIGH);

    easel_request_set_size (request, "1024x1024");
    g_assert_true (easel_pricing_estimate (profile, request, &amount));
    g_assert_cmpfloat_with_epsilon (amount, 0.211, EPSILON);

    amount = 42;
    easel_request_set_size (request, "1536x1024");
    g_assert_false (easel_pricing_estimate (profile, request, &amount));
    g_assert_cmpfloat (amount, ==, 42);

    /* A size that is not one cannot be priced. */
    easel_request_set_size (request, "huge");
    g_assert_false (easel_pricing_estimate (profile, request, &amount));
    easel_request_set_size (request, "7:5");
    g_assert_false (easel_pricing_estimate (profile, request, &amount));
  }
}

static void
test_actual (void)
{
  g_autoptr(EaselProfile) icodeeasy = easel_profile_new_from_preset ("icodeeasy", "i");
  g_autoptr(EaselProfile) openai = easel_profile_new_from_preset ("openai", "o");
  g_autoptr(EaselProfile) yycode = easel_profile_new_from_preset ("yycode", "y");
  g_autoptr(EaselRequest) request = easel_request_new ();
  EaselOutcome outcome = {
    .kind = EASEL_OUTCOME_URLS,
    .input_tokens = -1,
    .output_tokens = -1,
    .total_tokens = -1,
    .cost = 0.2,
  };
  double amount = 0;

  easel_request_set_quality (request, EASEL_QUALITY_HIGH);
  easel_request_set_size (request, "16:9");
  easel_request_set_n (request, 4);

  /* The task's own cost wins over the table (0.2, not 0.40 × 4). */
  g_assert_true (easel_pricing_actual (icodeeasy, request, &outcome, 4, &amount));
  g_assert_cmpfloat_with_epsilon (amount, 0.2, EPSILON);

  /* It is the total, whatever the count. */
  outcome.cost = 1.6;
  g_assert_true (easel_pricing_actual (icodeeasy, request, &outcome, 1, &amount));
  g_assert_cmpfloat_with_epsilon (amount, 1.6, EPSILON);

  /* A stated cost of 0 is a real figure (a free or refunded task). */
  outcome.cost = 0;
  g_assert_true (easel_pricing_actual (icodeeasy, request, &outcome, 4, &amount));
  g_assert_cmpfloat (amount, ==, 0);

  /* Even on a profile with no prices. */
  outcome.cost = 0.35;
  g_assert_true (easel_pricing_actual (yycode, request, &outcome, 1, &amount));
  g_assert_cmpfloat_with_epsilon (amount, 0.35, EPSILON);

  /* Without one, the estimate for the images that landed. */
  outcome.cost = -1;
  g_assert_true (easel_pricing_actual (icodeeasy, request, &outcome, 3, &amount));
  g_assert_cmpfloat_with_epsilon (amount, 1.20, EPSILON);
  g_assert_true (easel_pricing_actual (icodeeasy, request, NULL, 2, &amount));
  g_assert_cmpfloat_with_epsilon (amount, 0.80, EPSILON);
  g_assert_true (easel_pricing_actual (icodeeasy, request, NULL, 0, &amount));
  g_assert_cmpfloat (amount, ==, 0);

  easel_request_set_size (request, "1536x1024");
  outcome.kind = EASEL_OUTCOME_IMAGES;
  outcome.output_tokens = 6240;
  g_assert_true (easel_pricing_actual (openai, request, &outcome, 3, &amount));
  g_assert_cmpfloat_with_epsilon (amount, 0.495, EPSILON);
}

static void
test_format (void)
{
  static const struct
  {
    double      amount;
    const char *currency;
    const char *text;
  } cases[] = {
    { 0.041, "USD", "$0.041" },
    { 0.006, "USD", "$0.006" },
    { 0.211, "USD", "$0.211" },
    { 0.164, "USD", "$0.164" },
    { 0, "USD", "$0.000" },
    { 0.999, "USD", "$0.999" },
    { 1, "USD", "$1.00" },
    { 2.11, "USD", "$2.11" },
    { 12.345678, "USD", "$12.35" },
    { 0.2, "CNY", "¥0.20" },
    { 0.1, "CNY", "¥0.10" },
    { 1.2, "CNY", "¥1.20" },
    { 16, "CNY", "¥16.00" },
    { 0.2, "EUR", "0.20 EUR" },
    { 3, "JPY", "3.00 JPY" },
    { 0.041, "", "0.041" },
    { 2.5, "", "2.50" },
    { 0.041, NULL, "0.041" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = easel_pricing_format (cases[i].amount, cases[i].currency);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pricing/openai-table", test_openai_table);
  g_test_add_func ("/pricing/auto-quality", test_auto_quality);
  g_test_add_func ("/pricing/auto-size", test_auto_size);
  g_test_add_func ("/pricing/n-multiplies", test_n_multiplies);
  g_test_add_func ("/pricing/larger-sizes", test_larger_sizes);
  g_test_add_func ("/pricing/ratio-sizes", test_ratio_sizes);
  g_test_add_func ("/pricing/unknown", test_unknown);
  g_test_add_func ("/pricing/actual", test_actual);
  g_test_add_func ("/pricing/format", test_format);

  return g_test_run ();
}
