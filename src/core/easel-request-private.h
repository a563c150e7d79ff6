/* easel-request-private.h: what the files of EaselRequest share
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "easel-request.h"

G_BEGIN_DECLS

/* Restores the type a reference was sniffed as, for a request read back
 * from JSON; loading sniffs it again, so it is never trusted for sending. */
void  easel_reference_set_mime_type  (EaselReference  *self,
                                      const char      *mime_type);

/* Once the references and the mask are loaded: the mask must be the size
 * of the first reference (easel-request-validate.c). */
gboolean  easel_request_check_mask_size  (EaselRequest  *self,
                                          GError       **error);

G_END_DECLS
