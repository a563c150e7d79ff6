/* easel-dialect.h: the wire protocols Easel speaks, as pure build/parse code
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "easel-profile.h"
#include "easel-request.h"

G_BEGIN_DECLS

/* One HTTP request as a dialect describes it, before any I/O. The client
 * turns it into a SoupMessage; tests read its bytes. */
typedef struct
{
  char               *method;        /* "GET" or "POST" */
  char               *url;           /* absolute */
  SoupMessageHeaders *headers;       /* request headers, Content-Type included */
  GBytes             *body;          /* NULL for GET */
  /* Names of the headers that carry the API key: the client drops them if
   * the request would go to another host than the profile's. */
  GPtrArray          *secret_headers;
} EaselWireRequest;

EaselWireRequest *easel_wire_request_new        (const char        *method,
                                                 const char        *url);
void              easel_wire_request_free       (EaselWireRequest  *self);
void              easel_wire_request_set_secret (EaselWireRequest  *self,
                                                 const char        *header,
                                                 const char        *value);
void              easel_wire_request_set_json   (EaselWireRequest  *self,
                                                 JsonNode          *node);
void              easel_wire_request_set_multipart (EaselWireRequest *self,
                                                    SoupMultipart    *multipart);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselWireRequest, easel_wire_request_free)

typedef enum
{
  EASEL_OUTCOME_IMAGES,     /* images are in the body (base64) */
  EASEL_OUTCOME_URLS,       /* images are at URLs to download, without the key */
  EASEL_OUTCOME_PENDING,    /* a remote job: poll remote_id later */
  EASEL_OUTCOME_PARTIAL,    /* a streamed partial image (openai SSE), more to come */
} EaselOutcomeKind;

typedef struct
{
  char   *b64;              /* base64 as received, no data: prefix; or NULL */
  char   *mime_type;        /* as stated by the gateway, or NULL */
} EaselOutcomeImage;

/* What one response says. */
typedef struct
{
  EaselOutcomeKind  kind;
  GPtrArray        *images;          /* (element-type EaselOutcomeImage) */
  GPtrArray        *urls;            /* (element-type utf8) */
  char             *remote_id;       /* PENDING, and echoed on results when known */
  char             *remote_status;   /* the gateway's own word: queued, running, … */
  int               partial_index;   /* PARTIAL: which partial image, from 0 */
  gint64            input_tokens;    /* -1 when not stated */
  gint64            output_tokens;
  gint64            total_tokens;
  double            cost;            /* the gateway's actual cost, or -1 */
} EaselOutcome;

EaselOutcome     *easel_outcome_new             (EaselOutcomeKind   kind);
void              easel_outcome_free            (EaselOutcome      *self);
void              easel_outcome_add_image       (EaselOutcome      *self,
                                                 const char        *b64,
                                                 const char        *mime_type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselOutcome, easel_outcome_free)

/* A dialect's functions. Parse functions get the final HTTP status (after
 * the client's retries), the Content-Type and the whole body; a non-2xx
 * status becomes the matching EASEL_ERROR with the gateway's own message,
 * a body that cannot be understood EASEL_ERROR_BAD_RESPONSE, and a job the
 * gateway reports as failed EASEL_ERROR_REMOTE_FAILED. */
typedef struct
{
  EaselDialectKind   kind;

  /* The submit request. The request must be valid and its references
   * loaded. */
  EaselWireRequest *(*build_submit)  (EaselProfile  *profile,
                                      EaselRequest  *request,
                                      const char    *api_key,
                                      GError       **error);
  EaselOutcome     *(*parse_submit)  (EaselProfile  *profile,
                                      EaselRequest  *request,
                                      guint          status,
                                      const char    *content_type,
                                      GBytes        *body,
                                      GError       **error);

  /* For dialects with remote jobs; NULL otherwise. parse_poll returns
   * PENDING while the job runs. */
  EaselWireRequest *(*build_poll)    (EaselProfile  *profile,
                                      const char    *remote_id,
                                      const char    *api_key);
  EaselOutcome     *(*parse_poll)    (EaselProfile  *profile,
                                      guint          status,
                                      const char    *content_type,
                                      GBytes        *body,
                                      GError       **error);

  /* For streaming dialects; NULL otherwise. One SSE event in, a PARTIAL or
   * IMAGES outcome out (IMAGES ends the stream); NULL without an error for
   * an event to ignore. */
  EaselOutcome     *(*parse_event)   (EaselProfile  *profile,
                                      const char    *event,
                                      const char    *data,
                                      GError       **error);
} EaselDialect;

const EaselDialect *easel_dialect_get           (EaselDialectKind   kind);

G_END_DECLS
