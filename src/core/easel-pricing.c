/* easel-pricing.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a generation costs, shown before Generate ("≈ $0.041 for 1 image")
 * and recorded after. Prices come from the profile: the documents' tables
 * for the presets (seed 002 for OpenAI-style gateways, seed 003 for
 * icodeeasy), the user's own figures for gateways that publish none. */

#include "config.h"

#include "easel-pricing.h"

/* The sizes seed 002's table prices: everything else scales from these. */
#define SQUARE_BASE_PIXELS (1024 * 1024)
#define OTHER_BASE_PIXELS  (1536 * 1024)

/* Pixels of the request's size and whether it is square; FALSE when the
 * size cannot be priced (not a size at all). */
static gboolean
request_pixels (EaselRequest *request,
                gint64       *pixels,
                gboolean     *square)
{
  const char *size = easel_request_get_size (request);
  int width;
  int height;

  if (easel_size_is_auto (size))
    {
      /* The model picks; seed 002 bills auto at the square price, and
       * icodeeasy makes auto as 1:1. */
      *pixels = SQUARE_BASE_PIXELS;
      *square = TRUE;
      return TRUE;
    }

  if (easel_size_is_ratio (size))
    easel_size_ratio_to_pixels (size, easel_request_get_resolution (request), &width, &height);
  else if (!easel_size_parse_pixels (size, &width, &height, NULL))
    return FALSE;

  if (width <= 0 || height <= 0)
    return FALSE;

  *pixels = (gint64) width * height;
  *square = width == height;
  return TRUE;
}

/* The price of one image of this request, rounded to a tenth of a cent
 * (or of a fen); 0 when unknown. */
static double
price_per_image (EaselProfile *profile,
                 EaselRequest *request)
{
  const EaselProfilePricing *pricing = easel_profile_get_pricing (profile);
  EaselQuality quality = easel_request_get_quality (request);
  gint64 pixels;
  gboolean square;
  double price;

  if (!request_pixels (request, &pixels, &square))
    return 0;

  /* Auto is billed as medium by every gateway that says (seeds 002, 003). */
  if (quality == EASEL_QUALITY_AUTO || quality > EASEL_QUALITY_HIGH)
    quality = EASEL_QUALITY_MEDIUM;

  price = square ? pricing->square[quality] : pricing->other[quality];
  if (!(price > 0))
    return 0;

  /* Token-billed gateways charge by output tokens, which grow with the
   * area: above the table's sizes the price grows in proportion. Gateways
   * with a flat price per image (icodeeasy: "fixed by image count x
   * quality tier") charge the same at 2k, so they do not scale. Smaller
   * sizes keep the table's price: the table has no smaller row, and an
   * estimate that errs high does not surprise anyone. */
  if (pricing->tokens_are_actual)
    {
      gint64 base = square ? SQUARE_BASE_PIXELS : OTHER_BASE_PIXELS;

      if (pixels > base)
        price *= (double) pixels / base;
    }

  /* Half a tenth of a cent rounds up, as a person would: 1.5 × $0.041 is
   * $0.0615 on paper but a hair less in binary, hence the nudge. */
  return (gint64) (price * 1000 + 0.5 + 1e-6) / 1000.0;
}

/**
 * easel_pricing_estimate:
 * @profile: the profile the request goes to
 * @request: the request
 * @amount: (out): the estimated cost, in the profile's currency
 *
 * The per-image price for the request's quality and size, times n: the
 * `square` row for 1:1 sizes, the `other` row for the rest, scaled by pixel
 * count from 1024x1024 or 1536x1024 on token-billed gateways.
 *
 * Returns: whether the profile has a price for the request
 */
gboolean
easel_pricing_estimate (EaselProfile *profile,
                        EaselRequest *request,
                        double       *amount)
{
  double price;

  g_return_val_if_fail (EASEL_IS_PROFILE (profile), FALSE);
  g_return_val_if_fail (EASEL_IS_REQUEST (request), FALSE);
  g_return_val_if_fail (amount != NULL, FALSE);

  price = price_per_image (profile, request);
  if (price <= 0)
    return FALSE;

  *amount = price * easel_request_get_n (request);
  return TRUE;
}

/**
 * easel_pricing_actual:
 * @profile: the profile the request went to
 * @request: the request
 * @outcome: (nullable): the final outcome
 * @n_images: how many images landed
 * @amount: (out): the cost
 *
 * The gateway's own figure when it states one (an icodeeasy task's
 * `cost`, already the total), else the estimate for the images received:
 * a request for 4 that brought 3 is billed for 3 by the per-image
 * gateways.
 *
 * Returns: whether a cost is known
 */
gboolean
easel_pricing_actual (EaselProfile       *profile,
                      EaselRequest       *request,
                      const EaselOutcome *outcome,
                      guint               n_images,
                      double             *amount)
{
  double price;

  g_return_val_if_fail (EASEL_IS_PROFILE (profile), FALSE);
  g_return_val_if_fail (EASEL_IS_REQUEST (request), FALSE);
  g_return_val_if_fail (amount != NULL, FALSE);

  if (outcome != NULL && outcome->cost >= 0)
    {
      *amount = outcome->cost;
      return TRUE;
    }

  price = price_per_image (profile, request);
  if (price <= 0)
    return FALSE;

  *amount = price * n_images;
  return TRUE;
}

/**
 * easel_pricing_format:
 * @amount: a cost
 * @currency: (nullable): an ISO 4217 code, or empty when unknown
 *
 * "$0.041" (a tenth of a cent matters below a dollar: seed 002's prices
 * are $0.005 apart), "¥0.20", "0.20 EUR", or just the number. Always with
 * a full stop, like the gateways' own price lists.
 *
 * Returns: (transfer full): the amount for display
 */
char *
easel_pricing_format (double      amount,
                      const char *currency)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean fine = ABS (amount) < 1.0;

  if (currency == NULL || *currency == '\0')
    return g_strdup (g_ascii_formatd (number, sizeof number, fine ? "%.3f" : "%.2f", amount));

  if (g_str_equal (currency, "USD"))
    return g_strconcat ("$", g_ascii_formatd (number, sizeof number, fine ? "%.3f" : "%.2f",
                                              amount), NULL);

  g_ascii_formatd (number, sizeof number, "%.2f", amount);

  if (g_str_equal (currency, "CNY"))
    return g_strconcat ("¥", number, NULL);

  return g_strconcat (number, " ", currency, NULL);
}
