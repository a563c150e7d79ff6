/* easel-mock-private.h: what the mock gateway's source files share
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>

#include "easel-mock-server.h"

G_BEGIN_DECLS

typedef enum {
  MOCK_OPENAI,
  MOCK_ICODEEASY,
  MOCK_YYCODE,
  MOCK_AIZFW,
  MOCK_N_DIALECTS,
  MOCK_NO_DIALECT = MOCK_N_DIALECTS,
} MockDialect;

extern const char * const mock_dialect_names[MOCK_N_DIALECTS];

/* What an error answer means; each dialect words and numbers it its own way. */
typedef enum {
  MOCK_ERROR_INVALID,     /* 400 */
  MOCK_ERROR_AUTH,        /* 401 */
  MOCK_ERROR_PAYMENT,     /* 402; the openai dialect says 429 */
  MOCK_ERROR_MODERATION,  /* 403, content policy */
  MOCK_ERROR_FORBIDDEN,   /* 403, anything else */
  MOCK_ERROR_NOT_FOUND,   /* 404 */
  MOCK_ERROR_METHOD,      /* 405 */
  MOCK_ERROR_RATE_LIMIT,  /* 429 */
  MOCK_ERROR_SERVER,      /* 5xx */
} MockErrorKind;

typedef struct {
  EaselMockFault  fault;
  guint           remaining;   /* 0 = until cleared */
  gboolean        forever;
  char           *param;
} MockFaultEntry;

/* A remote job (yycode job, icodeeasy task, aizfw task). */
typedef struct {
  char           *id;
  MockDialect     dialect;
  guint           polls;          /* polls answered so far */
  guint           pending_polls;  /* the server's setting when the job was made */
  EaselMockFault  fault;          /* stuck to the job by a submit or poll */
  char           *fault_param;
  guint           n;
  char           *format;         /* png, jpeg, webp */
  int             compression;    /* -1 = not given */
  char           *model;
  char           *quality;
  double          cost;
  gint64          created;
  char           *request_id;     /* yycode's meta.requestId */
  GPtrArray      *urls;           /* result URLs on the file host (icodeeasy, aizfw) */
} MockJob;

/* One result file on the file host. */
typedef struct {
  char           *name;           /* "<id>-<seq>.png": the blob's name and the table key */
  char           *path;           /* the result URL's path */
  MockDialect     dialect;
  guint           index;          /* which picture to draw */
  EaselMockFault  fault;          /* expired-url, redirect-loop, not-an-image, bomb, no-images */
  char           *fault_param;
} MockFile;

struct _EaselMockServer
{
  SoupServer     *api;            /* 127.0.0.1 */
  SoupServer     *files;          /* 127.0.0.2, the file host */
  GSocketService *api_service;    /* what accepts their connections */
  GSocketService *files_service;
  guint           port;
  guint           file_port;
  char           *base_urls[MOCK_N_DIALECTS];
  char           *file_host_url;
  char           *api_key;
  guint           pending_polls;
  int             image_width;
  int             image_height;
  gboolean        image_noise;    /* grain, so PNGs are photo-sized rather than tiny */
  GQueue          faults[EASEL_MOCK_N_STAGES];   /* of MockFaultEntry */
  GPtrArray      *requests;       /* of EaselMockRequest */
  char           *last_rejection;
  GHashTable     *jobs;           /* id → MockJob */
  GHashTable     *result_files;   /* name → MockFile */
  GList          *open;           /* of MockOpen: messages held open */
  GHashTable     *bombs;          /* "WxH" → GBytes */
  GBytes         *filler;         /* one chunk of a huge body, reused */
  guint64         serial;
  guint           key_leaks;
  GPtrArray      *delivered;      /* SHA-256 hex of each image delivered whole */
  GList          *deliveries;     /* of MockDelivery: answers still being written */
};

/* One part of a multipart/form-data body. */
typedef struct
{
  char   *name;
  char   *filename;      /* NULL for a plain field */
  char   *content_type;
  GBytes *data;
} MockPart;

/* The client's socket, which the mock looks up to see a client hang up. */
#define MOCK_SOCKET_KEY "easel-mock-socket"

/* One request as the dispatcher and a dialect's endpoint see it. */
typedef struct
{
  EaselMockServer   *server;
  SoupServerMessage *msg;
  EaselMockRequest  *record;      /* its log entry; valid while the handler runs */
  MockDialect        dialect;
  EaselMockStage     stage;
  gboolean           edits;       /* the edits/edit endpoint rather than generations */
  char              *id;          /* the job id of a poll */
  GHashTable        *query;       /* may be NULL */
  JsonNode          *json;        /* the body, if it was JSON */
  char              *json_error;  /* why a JSON body did not parse */
  GPtrArray         *parts;       /* of MockPart, if the body was multipart/form-data */
  GHashTable        *form;        /* multipart text fields: name → value */
  char              *body_error;  /* why a multipart body did not parse */
  char              *prompt;
  gboolean           stream;      /* openai: "stream": true */
  EaselMockFault     fault;       /* a non-transport fault for the endpoint to apply */
  char              *fault_param;
} MockCall;

/* easel-mock-server.c */
guint64          mock_server_next_serial   (EaselMockServer   *self);

/* easel-mock-call.c */
void             mock_request_free         (gpointer           data);
void             mock_call_init            (MockCall          *call,
                                            EaselMockServer   *self,
                                            SoupServerMessage *msg,
                                            GHashTable        *query,
                                            MockDialect        dialect,
                                            EaselMockStage     stage);
void             mock_call_clear           (MockCall          *call);
/* Parses a JSON or multipart body and picks out the prompt and "stream". */
void             mock_call_read_body       (MockCall          *call);
void             mock_call_reject          (MockCall          *call,
                                            const char        *param,
                                            const char        *format,
                                            ...) G_GNUC_PRINTF (3, 4);
void             mock_call_note_rejection  (MockCall          *call,
                                            const char        *message);
const char      *mock_call_field           (MockCall          *call,
                                            const char        *name);
/* Parameter readers over a JSON or multipart body. Each answers 400 itself
 * and returns FALSE when the value has the wrong type; an absent (or JSON
 * null) parameter leaves *value alone and returns TRUE. */
gboolean         mock_param_string         (MockCall          *call,
                                            const char        *name,
                                            const char       **value);
gboolean         mock_param_int            (MockCall          *call,
                                            const char        *name,
                                            gint64            *value);
gboolean         mock_param_bool           (MockCall          *call,
                                            const char        *name,
                                            gboolean          *value);
/* Refuses a body that is neither JSON nor multipart, or did not parse. */
gboolean         mock_call_require_body    (MockCall          *call,
                                            gboolean           json,
                                            gboolean           multipart);
/* The multipart parts called @name or @alias (nullable), in body order. */
GPtrArray       *mock_call_parts           (MockCall          *call,
                                            const char        *name,
                                            const char        *alias);

/* easel-mock-faults.c */
gboolean         mock_fault_is_transport   (EaselMockFault     fault);
/* Whether @fault means anything for this request's dialect and stage. */
gboolean         mock_fault_fits           (MockCall          *call,
                                            EaselMockFault     fault);
void             mock_fault_entry_free     (gpointer           data);
void             mock_call_set_fault       (MockCall          *call,
                                            EaselMockFault     fault,
                                            const char        *param);
/* Takes the stage's next queued fault if it fits this request: a transport
 * fault is answered at once (TRUE); any other is left in call->fault. */
gboolean         mock_call_take_fault      (MockCall          *call);
/* "[fault:NAME]" or "[fault:NAME=PARAM]" in @prompt. */
gboolean         mock_prompt_fault         (const char        *prompt,
                                            EaselMockFault    *fault,
                                            char             **param);
void             mock_job_free             (gpointer           data);
MockJob         *mock_job_new              (EaselMockServer   *self,
                                            MockDialect        dialect,
                                            char              *id);
MockJob         *mock_job_lookup           (EaselMockServer   *self,
                                            const char        *id);
void             mock_job_attach_call_fault (MockJob          *job,
                                             MockCall         *call);

typedef enum {
  MOCK_JOB_PENDING,
  MOCK_JOB_DONE,
  MOCK_JOB_FAILED,
} MockJobState;

/* Counts a poll and says where the job stands after it. */
MockJobState     mock_job_poll             (MockJob           *job);

/* easel-mock-respond.c */
const char      *mock_reason_phrase        (guint              status);
void             mock_respond_bytes        (MockCall          *call,
                                            guint              status,
                                            const char        *content_type,
                                            char              *data,
                                            gsize              length);
char            *mock_builder_to_data      (JsonBuilder       *builder,
                                            gsize             *length);
void             mock_respond_json         (MockCall          *call,
                                            guint              status,
                                            JsonBuilder       *builder);
void             mock_respond_error        (MockCall          *call,
                                            MockErrorKind      kind,
                                            guint              status,
                                            const char        *param,
                                            const char        *message);
JsonBuilder     *mock_error_builder        (MockDialect        dialect,
                                            MockErrorKind      kind,
                                            const char        *param,
                                            const char        *message);

/* easel-mock-transport.c */
void             mock_respond_fault        (MockCall          *call,
                                            EaselMockFault     fault,
                                            const char        *param);
/* Sends @chunks (of GBytes) as a chunked response, one every @interval_ms. */
void             mock_respond_chunks       (MockCall          *call,
                                            const char        *content_type,
                                            GPtrArray         *chunks,
                                            guint              interval_ms);
void             mock_server_close_open    (EaselMockServer   *self);
guint            mock_server_count_open    (EaselMockServer   *self);

/* easel-mock-image.c */
GBytes          *mock_image_encode         (EaselMockServer   *self,
                                            guint              index,
                                            double             level,
                                            const char        *format,
                                            int                compression,
                                            const char       **mime_type);
char            *mock_image_base64         (EaselMockServer   *self,
                                            guint              index,
                                            double             level,
                                            const char        *format,
                                            int                compression,
                                            const char       **mime_type);
GBytes          *mock_image_bomb           (EaselMockServer   *self,
                                            const char        *param);
GBytes          *mock_not_an_image         (void);
char            *mock_bad_base64           (void);
const char      *mock_image_sniff          (GBytes            *bytes);
GdkPixbuf       *mock_image_decode         (GBytes            *bytes,
                                            GError           **error);
gboolean         mock_base64_is_valid      (const char        *text,
                                            gsize              length);
gboolean         mock_parse_wxh            (const char        *text,
                                            int               *width,
                                            int               *height);
char            *mock_check_pixel_size     (int                width,
                                            int                height);
gboolean         mock_is_ratio             (const char        *text);
/* The edits mask rule (seed 002): a PNG with alpha, the first image's size. */
char            *mock_check_mask           (GBytes            *mask,
                                            GBytes            *first_image);

/* easel-mock-delivered.c */
/* Notes a good image in this call's answer: delivered once the whole body
 * is written. */
void             mock_call_deliver         (MockCall          *call,
                                            GBytes            *image);
void             mock_server_forget_deliveries (EaselMockServer *self);

/* easel-mock-files.c */
MockFile        *mock_file_add             (EaselMockServer   *self,
                                            MockDialect        dialect,
                                            const char        *id,
                                            guint              seq,
                                            guint              index,
                                            EaselMockFault     fault,
                                            const char        *fault_param);
char            *mock_file_url             (EaselMockServer   *self,
                                            MockFile          *file);
void             mock_file_free            (MockFile          *file);
/* Puts a finished job's images on the file host, once. */
void             mock_job_publish          (EaselMockServer   *self,
                                            MockJob           *job);
void             mock_files_handle         (SoupServer        *server,
                                            SoupServerMessage *msg,
                                            const char        *path,
                                            GHashTable        *query,
                                            gpointer           user_data);

/* One endpoint per dialect path, each in its dialect's file. */
void             mock_openai_images        (MockCall          *call);
void             mock_openai_models        (MockCall          *call);
void             mock_icodeeasy_images     (MockCall          *call);
void             mock_icodeeasy_task       (MockCall          *call);
void             mock_yycode_images        (MockCall          *call);
void             mock_yycode_job           (MockCall          *call);
void             mock_aizfw_images         (MockCall          *call);
void             mock_aizfw_result         (MockCall          *call);

G_END_DECLS
