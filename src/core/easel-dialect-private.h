/* easel-dialect-private.h: what the dialect files share
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "easel-dialect.h"

G_BEGIN_DECLS

/* The four tables; easel_dialect_get() hands them out. */
extern const EaselDialect easel_dialect_openai;
extern const EaselDialect easel_dialect_icodeeasy;
extern const EaselDialect easel_dialect_yycode;
extern const EaselDialect easel_dialect_aizfw;

/* Building. */
char         *easel_dialect_url                 (EaselProfile      *profile,
                                                 const char        *path);
char         *easel_dialect_url_with_id         (EaselProfile      *profile,
                                                 const char        *path,
                                                 const char        *remote_id);
void          easel_dialect_set_bearer          (EaselWireRequest  *wire,
                                                 const char        *api_key);
gboolean      easel_dialect_size_is_ratio       (const char        *size);
const char   *easel_dialect_resolution_string   (EaselResolution    resolution);
gboolean      easel_dialect_check_pixel_size    (const char        *size,
                                                 GError           **error);
gboolean      easel_dialect_check_no_mask       (EaselRequest      *request,
                                                 GError           **error);
gboolean      easel_dialect_append_file         (SoupMultipart     *multipart,
                                                 const char        *control_name,
                                                 EaselReference    *reference,
                                                 GError           **error);
gboolean      easel_dialect_append_mask         (SoupMultipart     *multipart,
                                                 EaselRequest      *request,
                                                 GError           **error);
void          easel_dialect_append_uint         (SoupMultipart     *multipart,
                                                 const char        *name,
                                                 guint              value);
gboolean      easel_dialect_compression_applies (EaselRequest      *request);

/* Parsing. */
gboolean      easel_dialect_is_success          (guint              status);
/* Whether a gateway's job id can name the job in a poll URL. */
gboolean      easel_dialect_is_usable_id        (const char        *id);
GError       *easel_dialect_status_error        (guint              status,
                                                 const char        *content_type,
                                                 GBytes            *body);
JsonNode     *easel_dialect_parse_body          (GBytes            *body,
                                                 const char        *content_type,
                                                 GError           **error);
JsonNode     *easel_dialect_parse_text          (const char        *text,
                                                 GError           **error);
/* easel-dialect-json.c: the fast way for answers with huge strings.
 * NULL when it does not apply; easel_dialect_parse_body() then asks
 * json-glib alone. */
JsonNode     *easel_dialect_json_parse_lifting  (const char        *data,
                                                 gsize              length);
/* Deeper than any gateway's answer nests (a few levels), shallow enough
 * for json-glib's recursion on any thread's stack. */
#define EASEL_JSON_MAX_DEPTH 512

/* Text json-glib 1.6 leaks memory on, overflows its stack on, or reads
 * to strings that are not UTF-8 (see easel-dialect-json.c). */

typedef enum
{
  EASEL_JSON_HAZARD_NONE,
  EASEL_JSON_HAZARD_SEVERAL_VALUES,
  EASEL_JSON_HAZARD_BAD_ESCAPE,
  EASEL_JSON_HAZARD_TOO_DEEP,
  EASEL_JSON_HAZARD_NOT_UTF8,
} EaselJsonHazard;

EaselJsonHazard easel_dialect_json_hazard       (const char        *data,
                                                 gsize              length);
void          easel_dialect_set_missing         (GError           **error,
                                                 const char        *member);
void          easel_dialect_set_no_images       (GError           **error,
                                                 const char        *gateway_message);
void          easel_dialect_set_unknown_status  (GError           **error,
                                                 const char        *status);
const char   *easel_dialect_json_string         (JsonObject        *object,
                                                 const char        *name);
JsonObject   *easel_dialect_json_object         (JsonObject        *object,
                                                 const char        *name);
JsonArray    *easel_dialect_json_array          (JsonObject        *object,
                                                 const char        *name);
gboolean      easel_dialect_json_int            (JsonObject        *object,
                                                 const char        *name,
                                                 gint64            *value);
gboolean      easel_dialect_json_number         (JsonObject        *object,
                                                 const char        *name,
                                                 double            *value);
gboolean      easel_dialect_json_bool           (JsonObject        *object,
                                                 const char        *name,
                                                 gboolean          *value);
char         *easel_dialect_error_text          (JsonObject        *object);
void          easel_dialect_read_usage          (JsonObject        *object,
                                                 EaselOutcome      *outcome);
gboolean      easel_dialect_add_b64             (EaselOutcome      *outcome,
                                                 const char        *b64,
                                                 const char        *mime_type,
                                                 const char        *member,
                                                 GError           **error);
EaselOutcome *easel_dialect_parse_data          (JsonObject        *root,
                                                 const char        *mime_type,
                                                 GError           **error);

/* FALSE when an array or object in @data nests deeper than
 * EASEL_JSON_MAX_DEPTH (easel-dialect-json.c). */
gboolean      easel_dialect_json_depth_ok       (const char        *data,
                                                 gsize              length);

G_END_DECLS
