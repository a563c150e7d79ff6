/* easel-error.h
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define EASEL_ERROR (easel_error_quark ())

/**
 * EaselErrorCode:
 * @EASEL_ERROR_INVALID_REQUEST: the request breaks a rule (ours, or the gateway's 400)
 * @EASEL_ERROR_AUTH: the key was refused (401)
 * @EASEL_ERROR_PAYMENT: balance or quota exhausted (402, or a 429 that says so)
 * @EASEL_ERROR_MODERATION: the prompt or an image was blocked (403)
 * @EASEL_ERROR_RATE_LIMIT: too many requests (429) after the retries
 * @EASEL_ERROR_SERVER: the gateway failed (5xx) after the retries
 * @EASEL_ERROR_TIMEOUT: no answer in time, or a remote job past its deadline
 * @EASEL_ERROR_NETWORK: the connection failed (refused, reset, DNS)
 * @EASEL_ERROR_BAD_RESPONSE: the answer could not be understood
 * @EASEL_ERROR_TOO_LARGE: a body or an image past Easel's caps
 * @EASEL_ERROR_REMOTE_FAILED: the gateway's job or task ended in failure
 * @EASEL_ERROR_EXPIRED: a result URL is no longer there
 * @EASEL_ERROR_CANCELLED: the user cancelled
 * @EASEL_ERROR_TLS: a connection was made, but the secure connection on it
 *   failed (certificate, handshake): a network error of its own, last so
 *   that the older codes keep their values
 *
 * Every failure Easel reports, whatever the gateway.
 */
typedef enum
{
  EASEL_ERROR_INVALID_REQUEST,
  EASEL_ERROR_AUTH,
  EASEL_ERROR_PAYMENT,
  EASEL_ERROR_MODERATION,
  EASEL_ERROR_RATE_LIMIT,
  EASEL_ERROR_SERVER,
  EASEL_ERROR_TIMEOUT,
  EASEL_ERROR_NETWORK,
  EASEL_ERROR_BAD_RESPONSE,
  EASEL_ERROR_TOO_LARGE,
  EASEL_ERROR_REMOTE_FAILED,
  EASEL_ERROR_EXPIRED,
  EASEL_ERROR_CANCELLED,
  EASEL_ERROR_TLS,
} EaselErrorCode;

GQuark      easel_error_quark              (void);
const char *easel_error_code_to_string     (EaselErrorCode  code);
GError     *easel_error_new_for_status     (guint           status,
                                            const char     *gateway_message);
GError     *easel_error_new_remote_failed  (const char     *gateway_message);
char       *easel_error_gateway_message    (GBytes         *body,
                                            const char     *content_type);
char       *easel_error_clip_gateway_text  (const char     *text);
int         easel_error_exit_code          (const GError   *error,
                                            gboolean        sent);

G_END_DECLS
