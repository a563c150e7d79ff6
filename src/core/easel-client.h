/* easel-client.h: the one HTTP client, with Easel's retry and safety rules
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "easel-dialect.h"

G_BEGIN_DECLS

#define EASEL_MAX_BODY_BYTES  ((gsize) 256 * 1024 * 1024)

typedef enum
{
  EASEL_SEND_SUBMIT,     /* a generation: long read timeout, 2 retries */
  EASEL_SEND_POLL,       /* a job status: short timeout, more patient retries */
  EASEL_SEND_DOWNLOAD,   /* a result URL: never any key, 2 retries */
  EASEL_SEND_PROBE,      /* a connection test: short timeout, 1 retry, for a quick answer */
} EaselSendKind;

typedef struct
{
  guint               status;
  char               *content_type;   /* without parameters, lower case; or NULL */
  SoupMessageHeaders *headers;
  GBytes             *body;           /* empty when streamed to a chunk function */
  guint               attempts;       /* 1 + retries made */
} EaselResponse;

void easel_response_free (EaselResponse *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselResponse, easel_response_free)

/* Told before each retry: which attempt comes next (2, 3, …), of how many
 * at most, and in how many milliseconds. */
typedef void     (*EaselRetryFunc)  (guint     next_attempt,
                                     guint     max_attempts,
                                     guint     delay_ms,
                                     gpointer  user_data);
/* Streaming: each piece of a 2xx body as it arrives, instead of collecting
 * it. Return FALSE with @error set to abort. */
typedef gboolean (*EaselChunkFunc)  (const char *data,
                                     gsize       length,
                                     gpointer    user_data,
                                     GError    **error);
/* Test hooks: the current wall-clock time in seconds (for Retry-After
 * dates), and a number in [0, 1) for the jitter. */
typedef double   (*EaselClockFunc)  (gpointer  user_data);
typedef double   (*EaselRandomFunc) (gpointer  user_data);

typedef struct
{
  guint connect_ms;      /* 15 s */
  guint submit_ms;       /* 600 s: high quality 4K takes 3–5 minutes */
  guint poll_ms;         /* 30 s */
  guint download_ms;     /* 300 s */
} EaselTimeouts;

#define EASEL_TYPE_CLIENT (easel_client_get_type ())

G_DECLARE_FINAL_TYPE (EaselClient, easel_client, EASEL, CLIENT, GObject)

EaselClient   *easel_client_new              (void);
SoupSession   *easel_client_get_session      (EaselClient        *self);

void           easel_client_set_timeouts     (EaselClient        *self,
                                              const EaselTimeouts *timeouts);
void           easel_client_get_timeouts     (EaselClient        *self,
                                              EaselTimeouts      *timeouts);
void           easel_client_set_max_body     (EaselClient        *self,
                                              gsize               max_bytes);
void           easel_client_set_clock        (EaselClient        *self,
                                              EaselClockFunc      clock,
                                              gpointer            user_data);
void           easel_client_set_random       (EaselClient        *self,
                                              EaselRandomFunc     random,
                                              gpointer            user_data);
/* Multiplies every retry delay, so tests need not wait; the delays
 * reported to EaselRetryFunc stay the policy's. Default 1.0. */
void           easel_client_set_delay_scale  (EaselClient        *self,
                                              double              scale);

/* The retry policy as pure functions, for tests and the fault matrix. */
guint          easel_client_max_attempts     (EaselSendKind       kind);
gboolean       easel_client_should_retry     (guint               status,
                                              SoupMessageHeaders *headers);
/* Delay before retry number @retry (0 for the first retry) after a
 * response with @headers (nullable), or -1 when the server asks for a wait
 * longer than Easel will (more than 120 s): then no retry. */
gint64         easel_client_retry_delay_ms   (EaselClient        *self,
                                              guint               retry,
                                              SoupMessageHeaders *headers);

/* Sends @request, following redirects itself, retrying as DESIGN.md §5
 * says, and collecting the body up to the cap (or streaming a 2xx body to
 * @chunk_func). The secret headers go only to @key_host ("host[:port]");
 * a download sends none at all. Non-2xx final statuses are not errors
 * here: the response carries them to the dialect. Errors: network,
 * timeout, too large, redirect problems, cancelled. */
void           easel_client_send_async       (EaselClient        *self,
                                              EaselWireRequest   *request,
                                              const char         *key_host,
                                              EaselSendKind       kind,
                                              EaselRetryFunc      retry_func,
                                              EaselChunkFunc      chunk_func,
                                              gpointer            func_data,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
EaselResponse *easel_client_send_finish      (EaselClient        *self,
                                              GAsyncResult       *result,
                                              GError            **error);

/* Whether a URL may be fetched at all: https, or http to a loopback host. */
gboolean       easel_url_is_allowed          (const char         *url,
                                              GError            **error);

G_END_DECLS
