/* easel-mock-server.h: a mock image gateway speaking Easel's four dialects
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mock is an independent peer of Easel: it includes no Easel header and
 * names dialects with plain strings, so a shared misunderstanding cannot make
 * both sides agree on something the gateways' documents do not say.
 *
 * It runs on the main context that is the thread default when it is made,
 * so it answers only while that context is iterated: an in-process test
 * drives it with the same main loop as its client. Every image is a real
 * one made with GdkPixbuf: PNG, or JPEG when jpeg is asked for; a webp
 * request gets PNG bytes unless GdkPixbuf can write WebP (Debian 12's
 * cannot), and yycode's mimeType says which.
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef enum {
  EASEL_MOCK_FAULT_NONE,
  /* send headers and part of the body, then close the connection */
  EASEL_MOCK_FAULT_RESET_MID_BODY,
  /* 429 with Retry-After (param = header value, default "1"), gateway error JSON */
  EASEL_MOCK_FAULT_RATE_LIMIT,
  /* 500 (param = status code to use instead, e.g. "502" or "503"), gateway error JSON */
  EASEL_MOCK_FAULT_SERVER_ERROR,
  /* 502 with a text/html error page, as a proxy in front of a gateway sends */
  EASEL_MOCK_FAULT_HTML_ERROR,
  /* accept the request and never answer (until the client gives up) */
  EASEL_MOCK_FAULT_STALL,
  /* 200, application/json, body not valid JSON */
  EASEL_MOCK_FAULT_MALFORMED_JSON,
  /* 200, an image whose base64 is not valid */
  EASEL_MOCK_FAULT_BAD_BASE64,
  /* 200, valid base64 (or a download) of bytes that are not an image */
  EASEL_MOCK_FAULT_NOT_AN_IMAGE,
  /* 200 with a body larger than param bytes (default 300 MiB), streamed in
   * chunks, never all in memory */
  EASEL_MOCK_FAULT_HUGE_BODY,
  /* the job/task ends failed with the gateway's failure body */
  EASEL_MOCK_FAULT_JOB_FAILURE,
  /* polls say pending/running forever */
  EASEL_MOCK_FAULT_NEVER_ENDING_JOB,
  /* the result URL answers 404 (icodeeasy: 404; aizfw: 403/404) */
  EASEL_MOCK_FAULT_EXPIRED_URL,
  /* the result URL redirects to itself forever */
  EASEL_MOCK_FAULT_REDIRECT_LOOP,
  /* 200 success body without images (openai: no "data"; yycode: succeeded
   * with empty images) */
  EASEL_MOCK_FAULT_NO_IMAGES,
  /* a valid, small PNG whose header says 30000x30000 (or param "WxH") */
  EASEL_MOCK_FAULT_DECOMPRESSION_BOMB,
  /* 401 with the gateway's error JSON */
  EASEL_MOCK_FAULT_AUTH,
  /* 402 (openai dialect: 429 with an "insufficient balance" message) */
  EASEL_MOCK_FAULT_PAYMENT,
  /* 403 content policy */
  EASEL_MOCK_FAULT_MODERATION,
  /* 400 invalid parameter */
  EASEL_MOCK_FAULT_BAD_REQUEST,
  /* JSON nested 100,000 arrays deep (param "DEPTH", optionally ";STATUS", default
   * status 200), as an SSE event for a streaming openai request */
  EASEL_MOCK_FAULT_DEEP_JSON,
  EASEL_MOCK_N_FAULTS
} EaselMockFault;

typedef enum {
  EASEL_MOCK_STAGE_SUBMIT,    /* the generations/edits/generate/edit/images POST */
  EASEL_MOCK_STAGE_POLL,      /* GET jobs/tasks/result, and openai's GET models */
  EASEL_MOCK_STAGE_DOWNLOAD,  /* GET of a result URL (icodeeasy, aizfw) */
  /* GET of the file a result URL redirects to: a stage of its own, so that
   * one download is one DOWNLOAD request and its faults stay with it. */
  EASEL_MOCK_STAGE_FILE,
} EaselMockStage;

#define EASEL_MOCK_N_STAGES 4

typedef struct {
  char               *method;
  char               *path;
  char               *query;     /* NULL when the URL had none */
  char               *host;      /* the Host header as received */
  SoupMessageHeaders *headers;
  GBytes             *body;
  char               *dialect;   /* "openai", "icodeeasy", "yycode", "aizfw", or NULL if unknown */
  EaselMockStage      stage;
  guint               status;    /* what the mock answered (0 for a stall or reset) */
  EaselMockFault      fault;     /* the fault this request got (NONE for a normal answer) */
} EaselMockRequest;

typedef struct _EaselMockServer EaselMockServer;

/* Listens on 127.0.0.1, port 0, and on 127.0.0.2, port 0: the "file host"
 * that serves result URLs, so tests can see which host a client talks to. */
EaselMockServer *easel_mock_server_new            (GError          **error);
/* The same on a fixed port (both addresses use it); 0 picks free ports. */
EaselMockServer *easel_mock_server_new_for_port   (guint             port,
                                                   GError          **error);
/* Disconnects every client; safe with requests in flight, streaming or stalled. */
void             easel_mock_server_free           (EaselMockServer  *self);

/* "openai", "icodeeasy", "yycode", "aizfw" → e.g. "http://127.0.0.1:PORT/openai/v1",
 * "http://127.0.0.1:PORT/icodeeasy/v1", "http://127.0.0.1:PORT/yycode",
 * "http://127.0.0.1:PORT/aizfw/kyyReactApiServer"; NULL for another name. */
const char      *easel_mock_server_get_base_url   (EaselMockServer  *self,
                                                   const char       *dialect);
/* "http://127.0.0.2:PORT", where result URLs point. */
const char      *easel_mock_server_get_file_host_url (EaselMockServer *self);
guint            easel_mock_server_get_port       (EaselMockServer  *self);

/* The key every dialect expects; requests with another or no key get the
 * dialect's 401. Default "sk-mock-key". */
void             easel_mock_server_set_api_key    (EaselMockServer  *self,
                                                   const char       *key);
const char      *easel_mock_server_get_api_key    (EaselMockServer  *self);

/* Inject a fault: the next @times requests of @stage (any dialect) get it;
 * @times 0 = every request until cleared. @param may be NULL.
 *
 * Calls queue up per stage and are used in order, so "one 429, then one 500"
 * is two calls; EASEL_MOCK_FAULT_NONE with @times n lets n requests through
 * first. A fault that has no meaning for the request at hand (job-failure
 * for an openai submit, say) stays queued for the next request it fits.
 * Faults of a later stage given at an earlier one stick to what that request
 * creates: expired-url at SUBMIT makes that job's result URLs expire. */
void             easel_mock_server_set_fault      (EaselMockServer  *self,
                                                   EaselMockStage    stage,
                                                   EaselMockFault    fault,
                                                   guint             times,
                                                   const char       *param);
void             easel_mock_server_clear_faults   (EaselMockServer  *self);

/* Remote jobs stay pending for this many polls before they finish (default
 * 1); each job keeps the value it was created with. */
void             easel_mock_server_set_pending_polls (EaselMockServer *self,
                                                      guint            polls);
/* Every job made so far finishes at its next poll, never-ending ones too
 * (a gateway that was slow while the client was away). */
void             easel_mock_server_release_jobs   (EaselMockServer  *self);
/* Size of the images it makes (default 64x48, to keep tests fast; the
 * requested size is still validated). */
void             easel_mock_server_set_image_size (EaselMockServer  *self,
                                                   int               width,
                                                   int               height);

/* Everything received, in order: (element-type EaselMockRequest) (transfer none),
 * valid until the next easel_mock_server_reset_log() or free. */
/* Adds grain to the images, so a PNG weighs what a photograph does (a 4K
 * one about 16 MB) instead of compressing to almost nothing. */
void             easel_mock_server_set_image_noise (EaselMockServer *self,
                                                    gboolean         noise);
GPtrArray       *easel_mock_server_get_requests   (EaselMockServer  *self);
guint            easel_mock_server_count          (EaselMockServer  *self,
                                                   const char       *dialect,
                                                   EaselMockStage    stage);
/* The newest logged request of @dialect (nullable = any) at @stage, or NULL. */
const EaselMockRequest *easel_mock_server_get_last_request (EaselMockServer *self,
                                                            const char      *dialect,
                                                            EaselMockStage   stage);
void             easel_mock_server_reset_log      (EaselMockServer  *self);
/* The last request validation problem the mock found (it also answered 400
 * in the gateway's error format; aizfw answers 200 "failed" as its document
 * shows), or NULL. Cleared by easel_mock_server_reset_log(). */
const char      *easel_mock_server_get_last_rejection (EaselMockServer *self);
/* How many requests to the file host carried the API key (in a header, the
 * path or the query): result URLs are credentials of their own, and a client
 * must never send the key there. */
guint            easel_mock_server_count_key_leaks (EaselMockServer *self);
/* The SHA-256 (hex) of every image the mock delivered whole in a
 * successful answer: base64 in a JSON or SSE body, or a file from the file
 * host, in the order the answers were written. Partial images, spoilt ones
 * and answers cut short (a reset, a client that hung up) are not in it.
 * (element-type utf8) (transfer none); cleared by easel_mock_server_reset_log(). */
GPtrArray       *easel_mock_server_get_delivered_images (EaselMockServer *self);
/* Messages the mock holds open right now: stalls, SSE streams, huge bodies. */
guint            easel_mock_server_get_n_open     (EaselMockServer  *self);

/* "rate-limit", "job-failure", … ("none" for EASEL_MOCK_FAULT_NONE). */
const char      *easel_mock_fault_to_string       (EaselMockFault    fault);
gboolean         easel_mock_fault_from_string     (const char       *name,
                                                   EaselMockFault   *fault);
/* "submit", "poll", "download", "file". */
const char      *easel_mock_stage_to_string       (EaselMockStage    stage);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselMockServer, easel_mock_server_free)

G_END_DECLS
