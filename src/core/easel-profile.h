/* easel-profile.h: one configured gateway
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  EASEL_DIALECT_OPENAI,      /* seeds 001, 002: OpenAI Images API */
  EASEL_DIALECT_ICODEEASY,   /* seed 003: OpenAI-compatible, URL results, ?async=1 tasks */
  EASEL_DIALECT_YYCODE,      /* seed 000: x-demo headers, jobs polled every 6 s */
  EASEL_DIALECT_AIZFW,       /* seed 004: task API, ratio/resolution, image_url */
} EaselDialectKind;

typedef enum
{
  EASEL_SIZE_FORM_PIXELS,    /* "auto" or "WxH" */
  EASEL_SIZE_FORM_RATIO,     /* a ratio + resolution tier, or "WxH" */
} EaselSizeForm;

typedef enum
{
  EASEL_REFERENCE_FORM_FILES = 1 << 0,   /* uploaded as multipart files */
  EASEL_REFERENCE_FORM_URLS  = 1 << 1,   /* sent as https URLs */
  EASEL_REFERENCE_FORM_DATA  = 1 << 2,   /* sent as data: URLs in JSON */
} EaselReferenceForms;

typedef enum
{
  EASEL_QUALITY_AUTO,
  EASEL_QUALITY_LOW,
  EASEL_QUALITY_MEDIUM,
  EASEL_QUALITY_HIGH,
} EaselQuality;

/* What a profile can honour. The UI hides or disables what it cannot. */
typedef struct
{
  guint           max_n;              /* 1 for gateways that take one image per request */
  guint           max_references;
  guint           max_prompt_chars;   /* 32000 */
  gboolean        supports_mask;
  gboolean        supports_streaming; /* SSE partial images (openai) */
  gboolean        supports_async;     /* an optional async form (icodeeasy ?async=1) */
  gboolean        always_async;       /* every submit is a job to poll (yycode, aizfw) */
  gboolean        quality_ignored;    /* aizfw gpt-image-2-r */
  EaselSizeForm   size_form;
  guint           reference_forms;    /* EaselReferenceForms */
  guint           resolutions;        /* bit 1 << EaselResolution for each tier allowed */
  guint           poll_interval_ms;   /* yycode 6000, aizfw 3000, icodeeasy 3000 */
} EaselProfileLimits;

/* Prices per image, by quality (index EaselQuality; AUTO is billed as
 * MEDIUM where the gateway says so). 0 means not known. For the openai
 * dialect the square and the 3:2 prices differ, so both rows exist. */
typedef struct
{
  char    currency[4];                /* "USD", "CNY", … */
  double  square[4];                  /* 1024x1024 (and ratio-form 1:1 1k) */
  double  other[4];                   /* 1536x1024 / 1024x1536, and everything else */
  gboolean tokens_are_actual;         /* the response's usage is the real bill */
} EaselProfilePricing;

#define EASEL_TYPE_PROFILE (easel_profile_get_type ())

G_DECLARE_FINAL_TYPE (EaselProfile, easel_profile, EASEL, PROFILE, GObject)

EaselProfile              *easel_profile_new               (const char          *id,
                                                            EaselDialectKind     dialect,
                                                            const char          *base_url);
/* Presets: "openai", "apiyi", "yycode", "icodeeasy", "aizfw", "aizfw-r". */
const char * const        *easel_profile_preset_ids        (void);
EaselProfile              *easel_profile_new_from_preset   (const char          *preset_id,
                                                            const char          *profile_id);
const char                *easel_profile_preset_name       (const char          *preset_id);

const char                *easel_profile_get_id            (EaselProfile        *self);
const char                *easel_profile_get_name          (EaselProfile        *self);
void                       easel_profile_set_name          (EaselProfile        *self,
                                                            const char          *name);
EaselDialectKind           easel_profile_get_dialect       (EaselProfile        *self);
const char                *easel_profile_get_base_url      (EaselProfile        *self);
/* Refuses a URL with credentials, a scheme other than http(s), or http to
 * anything but a loopback host. Trailing slashes are dropped. */
gboolean                   easel_profile_set_base_url      (EaselProfile        *self,
                                                            const char          *base_url,
                                                            GError             **error);
const char                *easel_profile_get_model         (EaselProfile        *self);
void                       easel_profile_set_model         (EaselProfile        *self,
                                                            const char          *model);
const EaselProfileLimits  *easel_profile_get_limits        (EaselProfile        *self);
void                       easel_profile_set_limits        (EaselProfile        *self,
                                                            const EaselProfileLimits *limits);
const EaselProfilePricing *easel_profile_get_pricing       (EaselProfile        *self);
void                       easel_profile_set_pricing       (EaselProfile        *self,
                                                            const EaselProfilePricing *pricing);
/* The preset a profile was made from, or NULL for a custom one. */
const char                *easel_profile_get_preset_id     (EaselProfile        *self);
/* How many of this profile's jobs may run at once (1–8, default 2). */
guint                      easel_profile_get_concurrency   (EaselProfile        *self);
void                       easel_profile_set_concurrency   (EaselProfile        *self,
                                                            guint                concurrency);
/* The host (and port) the API key may be sent to: the base URL's. */
const char                *easel_profile_get_host          (EaselProfile        *self);

const char                *easel_dialect_kind_to_string    (EaselDialectKind     kind);
gboolean                   easel_dialect_kind_from_string  (const char          *text,
                                                            EaselDialectKind    *kind);
const char                *easel_quality_to_string         (EaselQuality         quality);
gboolean                   easel_quality_from_string       (const char          *text,
                                                            EaselQuality        *quality);

/* Checks a base URL on its own (the rules of easel_profile_set_base_url). */
gboolean                   easel_base_url_check            (const char          *base_url,
                                                            GError             **error);

G_END_DECLS
