/* easel-connection-check.h: does this profile reach its gateway, and is
 * its key accepted, without spending money?
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "easel-client.h"
#include "easel-profile.h"

G_BEGIN_DECLS

typedef enum
{
  EASEL_CONNECTION_WORKS,           /* reached, and the key was accepted */
  EASEL_CONNECTION_UNVERIFIED,      /* reached; this gateway cannot check a key for free */
  EASEL_CONNECTION_KEY_REJECTED,    /* reached; the key was refused */
  EASEL_CONNECTION_UNREACHABLE,     /* no connection (DNS, refused, timeout) */
  EASEL_CONNECTION_TLS_FAILED,      /* connected, but the secure connection failed */
  EASEL_CONNECTION_UNEXPECTED,      /* reached, but it does not answer like this gateway */
} EaselConnectionResult;

/* One cheap request per dialect that generates nothing. */
void                  easel_connection_check_async  (EaselClient         *client,
                                                     EaselProfile        *profile,
                                                     const char          *api_key,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
/* @message: (out) (optional): a sentence for the user saying what was
 * found and, when something is wrong, what to do. */
EaselConnectionResult easel_connection_check_finish (GAsyncResult        *result,
                                                     char               **message,
                                                     GError             **error);

G_END_DECLS
