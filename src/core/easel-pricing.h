/* easel-pricing.h: what a generation costs, before and after
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "easel-dialect.h"
#include "easel-profile.h"
#include "easel-request.h"

G_BEGIN_DECLS

/* Estimate before submit: the profile's per-image price for the request's
 * quality and size, times n. FALSE when the profile has no price for it
 * (yycode and aizfw publish none). Quality auto is billed as medium. For
 * token-billed gateways (OpenAI-style) sizes larger than the table's are
 * scaled by pixel count from 1024x1024 (square) or 1536x1024 (others);
 * flat-rate gateways (icodeeasy) charge the same whatever the size. */
gboolean  easel_pricing_estimate  (EaselProfile        *profile,
                                   EaselRequest        *request,
                                   double              *amount);
/* Actual cost after the images landed: the gateway's own cost when the
 * outcome states it, else the estimate for the images received. */
gboolean  easel_pricing_actual    (EaselProfile        *profile,
                                   EaselRequest        *request,
                                   const EaselOutcome  *outcome,
                                   guint                n_images,
                                   double              *amount);
/* "$0.041", "¥0.20", or "0.20 EUR" for other currencies. */
char     *easel_pricing_format    (double               amount,
                                   const char          *currency);

G_END_DECLS
