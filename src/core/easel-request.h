/* easel-request.h: what the user asked for
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "easel-profile.h"
#include "easel-size.h"

G_BEGIN_DECLS

/* Caps of DESIGN.md §5. */
#define EASEL_MAX_REFERENCES        16
#define EASEL_MAX_REFERENCE_BYTES   (50 * 1000 * 1000)
#define EASEL_MAX_PROMPT_CHARS      32000

typedef enum
{
  EASEL_OUTPUT_FORMAT_PNG,
  EASEL_OUTPUT_FORMAT_JPEG,
  EASEL_OUTPUT_FORMAT_WEBP,
} EaselOutputFormat;

typedef enum
{
  EASEL_BACKGROUND_AUTO,
  EASEL_BACKGROUND_OPAQUE,
  EASEL_BACKGROUND_TRANSPARENT,   /* refused for gpt-image-2: validation says so */
} EaselBackground;

typedef enum
{
  EASEL_MODERATION_AUTO,
  EASEL_MODERATION_LOW,
} EaselModeration;

typedef enum
{
  EASEL_REFERENCE_FILE,      /* a local file; its bytes are loaded before sending */
  EASEL_REFERENCE_URL,       /* an https:// URL, sent as is */
  EASEL_REFERENCE_DATA_URL,  /* a data:image/…;base64, value, sent as is or decoded */
  EASEL_REFERENCE_BYTES,     /* image bytes in memory (pasted, dropped texture) */
} EaselReferenceKind;

/* One reference image (or the mask). Reference-counted, immutable but for
 * the bytes that easel_reference_load() fills in. */
typedef struct _EaselReference EaselReference;

#define EASEL_TYPE_REFERENCE (easel_reference_get_type ())
GType               easel_reference_get_type      (void) G_GNUC_CONST;

EaselReference     *easel_reference_new_for_path  (const char      *path);
/* https:// or data:image/…;base64, — anything else is an error naming it. */
EaselReference     *easel_reference_new_for_url   (const char      *url,
                                                   GError         **error);
EaselReference     *easel_reference_new_for_bytes (GBytes          *bytes,
                                                   const char      *mime_type,
                                                   const char      *filename);
EaselReference     *easel_reference_ref           (EaselReference  *self);
void                easel_reference_unref         (EaselReference  *self);

EaselReferenceKind  easel_reference_get_kind      (EaselReference  *self);
/* The path (FILE), the URL (URL, DATA_URL) or NULL (BYTES). */
const char         *easel_reference_get_location  (EaselReference  *self);
/* A file name for multipart uploads: the basename, or "image-N.png". */
const char         *easel_reference_get_filename  (EaselReference  *self);
/* NULL until loaded (FILE), or for URL. DATA_URL references decode on load. */
GBytes             *easel_reference_get_bytes     (EaselReference  *self);
/* Sniffed from the bytes: image/png, image/jpeg or image/webp. */
const char         *easel_reference_get_mime_type (EaselReference  *self);
/* Reads a FILE reference (≤ 50 MB) or decodes a DATA_URL one, and checks it
 * is a PNG, JPEG or WebP image. Blocking: call it from a worker thread.
 * URL references need no loading and return TRUE. */
gboolean            easel_reference_load          (EaselReference  *self,
                                                   GCancellable    *cancellable,
                                                   GError         **error);
/* "data:MIME;base64,…" of the loaded bytes (or the DATA_URL as given). */
char               *easel_reference_to_data_url   (EaselReference  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselReference, easel_reference_unref)

#define EASEL_TYPE_REQUEST (easel_request_get_type ())

G_DECLARE_FINAL_TYPE (EaselRequest, easel_request, EASEL, REQUEST, GObject)

EaselRequest       *easel_request_new                  (void);
EaselRequest       *easel_request_copy                 (EaselRequest      *self);

const char         *easel_request_get_prompt           (EaselRequest      *self);
void                easel_request_set_prompt           (EaselRequest      *self,
                                                        const char        *prompt);
/* NULL means the profile's model. */
const char         *easel_request_get_model            (EaselRequest      *self);
void                easel_request_set_model            (EaselRequest      *self,
                                                        const char        *model);
/* "auto", "WxH", or a ratio such as "16:9". Default "auto". */
const char         *easel_request_get_size             (EaselRequest      *self);
void                easel_request_set_size             (EaselRequest      *self,
                                                        const char        *size);
/* Used with a ratio size. Default 1k. */
EaselResolution     easel_request_get_resolution       (EaselRequest      *self);
void                easel_request_set_resolution       (EaselRequest      *self,
                                                        EaselResolution    resolution);
EaselQuality        easel_request_get_quality          (EaselRequest      *self);
void                easel_request_set_quality          (EaselRequest      *self,
                                                        EaselQuality       quality);
EaselOutputFormat   easel_request_get_output_format    (EaselRequest      *self);
void                easel_request_set_output_format    (EaselRequest      *self,
                                                        EaselOutputFormat  format);
/* 0–100, or -1 for the gateway's default. Only for jpeg and webp. */
int                 easel_request_get_output_compression (EaselRequest    *self);
void                easel_request_set_output_compression (EaselRequest    *self,
                                                          int              compression);
EaselBackground     easel_request_get_background       (EaselRequest      *self);
void                easel_request_set_background       (EaselRequest      *self,
                                                        EaselBackground    background);
EaselModeration     easel_request_get_moderation       (EaselRequest      *self);
void                easel_request_set_moderation       (EaselRequest      *self,
                                                        EaselModeration    moderation);
guint               easel_request_get_n                (EaselRequest      *self);
void                easel_request_set_n                (EaselRequest      *self,
                                                        guint              n);
/* (element-type EaselReference): the references in order; the first one is
 * the image a mask applies to. */
GPtrArray          *easel_request_get_references       (EaselRequest      *self);
void                easel_request_add_reference        (EaselRequest      *self,
                                                        EaselReference    *reference);
void                easel_request_clear_references     (EaselRequest      *self);
EaselReference     *easel_request_get_mask             (EaselRequest      *self);
void                easel_request_set_mask             (EaselRequest      *self,
                                                        EaselReference    *mask);
/* openai: SSE with partial images (0–3). */
gboolean            easel_request_get_stream           (EaselRequest      *self);
void                easel_request_set_stream           (EaselRequest      *self,
                                                        gboolean           stream);
guint               easel_request_get_partial_images   (EaselRequest      *self);
void                easel_request_set_partial_images   (EaselRequest      *self,
                                                        guint              partial_images);
/* icodeeasy: ?async=1 and polling instead of one long request. */
gboolean            easel_request_get_async            (EaselRequest      *self);
void                easel_request_set_async            (EaselRequest      *self,
                                                        gboolean           async);

/* The model that will be sent: the request's, else the profile's. */
const char         *easel_request_get_effective_model  (EaselRequest      *self,
                                                        EaselProfile      *profile);

/* Checks the request against the profile's limits and the gateway's
 * documented rules. The message names the field, the value and the rule,
 * e.g. "Width 1000 is not a multiple of 16" or "This gateway takes at most
 * 6 reference images; 7 were added". Does not load files. */
gboolean            easel_request_validate             (EaselRequest      *self,
                                                        EaselProfile      *profile,
                                                        GError           **error);

/* The request as JSON, without any secret; references by location only
 * (BYTES references as their file name and size). */
JsonNode           *easel_request_to_json              (EaselRequest      *self);
EaselRequest       *easel_request_new_from_json        (JsonNode          *node,
                                                        GError           **error);

const char         *easel_output_format_to_string      (EaselOutputFormat  format);
const char         *easel_output_format_to_mime_type   (EaselOutputFormat  format);
gboolean            easel_output_format_from_string    (const char        *text,
                                                        EaselOutputFormat *format);
/* PNG unless @mime_type is JPEG or WebP. */
EaselOutputFormat   easel_output_format_for_mime_type  (const char        *mime_type);
/* The format a file name's extension asks for (.png, .jpg, .jpeg,
 * .webp, any case); another extension keeps @mime_type's. */
EaselOutputFormat   easel_output_format_for_file_name  (const char        *name,
                                                        const char        *mime_type);
const char         *easel_background_to_string         (EaselBackground    background);
gboolean            easel_background_from_string       (const char        *text,
                                                        EaselBackground   *background);
const char         *easel_moderation_to_string         (EaselModeration    moderation);
gboolean            easel_moderation_from_string       (const char        *text,
                                                        EaselModeration   *moderation);

G_END_DECLS
