/* easel-sse.h: an incremental text/event-stream parser
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Called once per complete event. @event is "message" when the stream
 * named none; @data is the data lines joined with "\n". Return FALSE to
 * stop parsing (easel_sse_parser_feed then returns FALSE too). */
typedef gboolean (*EaselSseEventFunc) (const char *event,
                                       const char *data,
                                       gpointer    user_data);

typedef struct _EaselSseParser EaselSseParser;

/* max_event_bytes caps one event's data (a 4K partial image is ~30 MB of
 * base64); past it feed fails with EASEL_ERROR_TOO_LARGE. */
EaselSseParser *easel_sse_parser_new   (gsize              max_event_bytes,
                                        EaselSseEventFunc  func,
                                        gpointer           user_data);
void            easel_sse_parser_free  (EaselSseParser    *self);
/* Feeds any number of bytes, split anywhere (inside a line, inside a CRLF).
 * Lines end in LF, CR or CRLF; ':' lines are comments; a blank line ends an
 * event, as the HTML Living Standard describes. */
gboolean        easel_sse_parser_feed  (EaselSseParser    *self,
                                        const char        *data,
                                        gsize              length,
                                        GError           **error);
/* Only from within the event callback: takes the event's data (the
 * callback's @data, which is then no longer valid) without copying it. */
char           *easel_sse_parser_steal_data (EaselSseParser *self);
/* End of stream: an event not ended by a blank line is dropped, as the
 * standard says; returns FALSE if a partial event was pending, so callers
 * can tell a cut-off stream. */
gboolean        easel_sse_parser_finish (EaselSseParser   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselSseParser, easel_sse_parser_free)

G_END_DECLS
