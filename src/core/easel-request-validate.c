/* easel-request-validate.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A request checked against what its gateway documents, before anything
 * is sent: a 400 after a 3-minute wait, or a billed job that fails, is the
 * worst way to learn that a size was wrong. Each message names the value
 * and the rule so the user can fix it without reading the gateway's
 * documents. Files are not read here; easel_reference_load() does that on a
 * worker thread. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "easel-error.h"
#include "easel-image-private.h"
#include "easel-request-private.h"

/* OpenAI's streaming takes 0–3 partial images (DESIGN.md §4.1). */
#define MAX_PARTIAL_IMAGES 3

static gboolean
check_prompt (EaselRequest              *self,
              const EaselProfileLimits  *limits,
              GError                   **error)
{
  const char *prompt = easel_request_get_prompt (self);
  guint max_chars = limits->max_prompt_chars ? limits->max_prompt_chars : EASEL_MAX_PROMPT_CHARS;
  glong n_chars;
  gboolean blank = TRUE;

  if (!g_utf8_validate (prompt, -1, NULL))
    {
      g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                           _("The prompt is not valid UTF-8 text."));
      return FALSE;
    }

  for (const char *p = prompt; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        {
          blank = FALSE;
          break;
        }
    }

  if (blank)
    {
      g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                           _("The prompt is empty; describe the image to make."));
      return FALSE;
    }

  /* The gateways count characters, not bytes: a Chinese prompt of 32,000
   * characters is some 96,000 bytes and still allowed. */
  n_chars = g_utf8_strlen (prompt, -1);
  if (n_chars > max_chars)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("The prompt has %ld characters; this gateway takes at most %u."),
                   n_chars, max_chars);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_n (EaselRequest              *self,
         const EaselProfileLimits  *limits,
         GError                   **error)
{
  guint n = easel_request_get_n (self);
  guint max_n = MAX (limits->max_n, 1);

  if (n == 0)
    {
      g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                           _("Ask for at least 1 image; 0 were asked."));
      return FALSE;
    }

  if (n > max_n)
    {
      if (max_n == 1)
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                     _("This gateway makes 1 image per request; %u were asked."), n);
      else
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                     _("This gateway makes at most %u images per request; %u were asked."),
                     max_n, n);
      return FALSE;
    }

  return TRUE;
}

/* "1k, 2k": the tiers a profile offers, for the message that refuses one. */
static char *
describe_resolutions (guint resolutions)
{
  GString *list = g_string_new (NULL);

  for (EaselResolution r = EASEL_RESOLUTION_1K; r <= EASEL_RESOLUTION_4K; r++)
    {
      if (resolutions & (1u << r))
        {
          if (list->len > 0)
            g_string_append (list, ", ");
          g_string_append (list, easel_resolution_to_string (r));
        }
    }

  return g_string_free (list, FALSE);
}

static gboolean
check_ratio_size (EaselRequest              *self,
                  const EaselProfileLimits  *limits,
                  const char                *size,
                  GError                   **error)
{
  EaselResolution resolution = easel_request_get_resolution (self);
  /* Both ratio gateways default to 1k: a profile that lists no tier takes
   * that one. */
  guint resolutions = limits->resolutions ? limits->resolutions : 1u << EASEL_RESOLUTION_1K;

  if (!easel_size_is_auto (size) && !easel_size_check_ratio (size, error))
    return FALSE;

  if (resolution > EASEL_RESOLUTION_4K || !(resolutions & (1u << resolution)))
    {
      g_autofree char *offered = describe_resolutions (resolutions);

      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("This gateway does not offer the %s resolution; it offers %s."),
                   resolution <= EASEL_RESOLUTION_4K ? easel_resolution_to_string (resolution)
                                                     : "?",
                   offered);
      return FALSE;
    }

  /* At 4k the other ratios pass the model's 8,294,400-pixel cap (aizfw's
   * document); "auto" is made as 1:1, so it is one of them. */
  if (resolution == EASEL_RESOLUTION_4K && !easel_size_ratio_allows_4k (size))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("At 4k this gateway takes only the ratios 16:9, 9:16, 2:1, 1:2, 21:9 and "
                     "9:21; “%s” is not one of them."), size);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_size (EaselRequest              *self,
            EaselProfile              *profile,
            const EaselProfileLimits  *limits,
            GError                   **error)
{
  const char *size = easel_request_get_size (self);
  EaselSizeRules rules = easel_profile_get_dialect (profile) == EASEL_DIALECT_YYCODE
                         ? EASEL_SIZE_RULES_YYCODE : EASEL_SIZE_RULES_OPENAI;

  if (limits->size_form == EASEL_SIZE_FORM_PIXELS)
    {
      if (easel_size_is_ratio (size))
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                       _("This gateway takes sizes in pixels, such as 1536x1024, not the ratio "
                         "“%s”."), size);
          return FALSE;
        }

      return easel_size_check_text (size, rules, error);
    }

  /* Ratio form: a ratio (or auto) with a resolution tier, or pixels, which
   * the gateways let win over both and check by the model's own rules. */
  if (easel_size_is_auto (size) || strchr (size, ':') != NULL)
    return check_ratio_size (self, limits, size, error);

  if (!easel_size_parse_pixels (size, NULL, NULL, NULL))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("“%s” is not a size this gateway takes; use auto, a ratio such as 16:9, "
                     "or pixels such as 1536x1024."), size);
      return FALSE;
    }

  return easel_size_check_text (size, EASEL_SIZE_RULES_OPENAI, error);
}

static gboolean
check_format (EaselRequest  *self,
              EaselProfile  *profile,
              GError       **error)
{
  int compression = easel_request_get_output_compression (self);
  EaselOutputFormat format = easel_request_get_output_format (self);
  const char *model = easel_request_get_effective_model (self, profile);

  if (compression != -1)
    {
      if (compression < 0 || compression > 100)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                       _("Compression %d is outside 0–100."), compression);
          return FALSE;
        }

      if (format != EASEL_OUTPUT_FORMAT_JPEG && format != EASEL_OUTPUT_FORMAT_WEBP)
        {
          g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                               _("Compression applies only to JPEG and WebP output; the format "
                                 "is PNG. Choose JPEG or WebP, or leave compression unset."));
          return FALSE;
        }
    }

  /* Seed 002: gpt-image-2 answers background "transparent" with a 400.
   * Other models (a user's own choice on a custom profile) may take it. */
  if (easel_request_get_background (self) == EASEL_BACKGROUND_TRANSPARENT &&
      (g_strcmp0 (model, "gpt-image-2") == 0 || g_str_has_prefix (model, "gpt-image-2-")))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("%s cannot make a transparent background; the gateway refuses it with "
                     "HTTP 400. Choose auto or opaque, and remove the background afterwards."),
                   model);
      return FALSE;
    }

  return TRUE;
}

/* Whether the gateway can carry one image of this kind. Local files and
 * pasted bytes go up as multipart files or as data: URLs in JSON; a data:
 * URL as is, or decoded into a file; an https URL only as a URL, since
 * Easel does not fetch other people's URLs to upload them again. */
static gboolean
check_kind (EaselReference  *reference,
            guint            forms,
            GError         **error)
{
  const char *name = easel_reference_get_filename (reference);

  switch (easel_reference_get_kind (reference))
    {
    case EASEL_REFERENCE_FILE:
    case EASEL_REFERENCE_BYTES:
      if (forms & (EASEL_REFERENCE_FORM_FILES | EASEL_REFERENCE_FORM_DATA))
        return TRUE;
      if (forms & EASEL_REFERENCE_FORM_URLS)
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                     easel_reference_get_kind (reference) == EASEL_REFERENCE_FILE
                     ? _("This gateway takes reference images only as https:// URLs; “%s” is a "
                         "local file.")
                     : _("This gateway takes reference images only as https:// URLs; “%s” is a "
                         "pasted image."),
                     name);
      else
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                     _("This gateway takes no reference images; remove “%s”."), name);
      return FALSE;

    case EASEL_REFERENCE_DATA_URL:
      if (forms & (EASEL_REFERENCE_FORM_DATA | EASEL_REFERENCE_FORM_FILES))
        return TRUE;
      if (forms & EASEL_REFERENCE_FORM_URLS)
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                     _("This gateway takes reference images only as https:// URLs; “%s” is a "
                       "data: URL."), name);
      else
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                     _("This gateway takes no reference images; remove “%s”."), name);
      return FALSE;

    case EASEL_REFERENCE_URL:
      if (forms & EASEL_REFERENCE_FORM_URLS)
        return TRUE;
      /* The file name, not the URL: a result URL is itself a credential
       * (seed 003), and messages end up in logs. */
      if (forms & (EASEL_REFERENCE_FORM_FILES | EASEL_REFERENCE_FORM_DATA))
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                     _("This gateway takes reference images only as files, not URLs; “%s” is a "
                       "URL. Download the image and add the file."), name);
      else
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                     _("This gateway takes no reference images; remove “%s”."), name);
      return FALSE;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_references (EaselRequest              *self,
                  const EaselProfileLimits  *limits,
                  GError                   **error)
{
  GPtrArray *references = easel_request_get_references (self);
  guint max_references = MIN (limits->max_references, EASEL_MAX_REFERENCES);
  EaselReference *mask = easel_request_get_mask (self);

  if (references->len > max_references)
    {
      if (max_references == 0)
        g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                             _("This gateway takes no reference images; remove them."));
      else
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                     _("This gateway takes at most %u reference images; %u were added."),
                     max_references, references->len);
      return FALSE;
    }

  for (guint i = 0; i < references->len; i++)
    {
      if (!check_kind (g_ptr_array_index (references, i), limits->reference_forms, error))
        return FALSE;
    }

  if (mask != NULL)
    {
      if (!limits->supports_mask)
        {
          g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                               _("This gateway does not take a mask; remove it to send the "
                                 "request."));
          return FALSE;
        }

      if (references->len == 0)
        {
          g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                               _("A mask needs the image it applies to; add that image as the "
                                 "first reference."));
          return FALSE;
        }

      /* The mask travels with the references, in the same form. */
      if (!check_kind (mask, limits->reference_forms, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_waiting (EaselRequest              *self,
               const EaselProfileLimits  *limits,
               GError                   **error)
{
  if (easel_request_get_stream (self))
    {
      if (!limits->supports_streaming)
        {
          g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                               _("This gateway does not stream partial images; turn streaming "
                                 "off."));
          return FALSE;
        }

      if (easel_request_get_partial_images (self) > MAX_PARTIAL_IMAGES)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                       _("Streaming shows 0 to 3 partial images; %u were asked."),
                       easel_request_get_partial_images (self));
          return FALSE;
        }
    }

  /* A gateway whose every submit is a job needs no flag for it, so the
   * flag is simply moot there. */
  if (easel_request_get_async (self) && !limits->supports_async && !limits->always_async)
    {
      g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                           _("This gateway has no asynchronous mode; turn it off."));
      return FALSE;
    }

  return TRUE;
}

/**
 * easel_request_validate:
 * @self: a request
 * @profile: the profile it is for
 * @error: return location for an %EASEL_ERROR_INVALID_REQUEST
 *
 * Checks the request against the profile's limits and the gateway's
 * documented rules, field by field in the order of the Create panel, and
 * reports the first rule broken. Quality needs no check: every gateway
 * takes the four values, and gpt-image-2-r merely ignores them.
 *
 * Returns: whether the request may be sent
 */
gboolean
easel_request_validate (EaselRequest  *self,
                        EaselProfile  *profile,
                        GError       **error)
{
  const EaselProfileLimits *limits;

  g_return_val_if_fail (EASEL_IS_REQUEST (self), FALSE);
  g_return_val_if_fail (EASEL_IS_PROFILE (profile), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  limits = easel_profile_get_limits (profile);

  return check_prompt (self, limits, error) &&
         check_n (self, limits, error) &&
         check_size (self, profile, limits, error) &&
         check_format (self, profile, error) &&
         check_references (self, limits, error) &&
         check_waiting (self, limits, error);
}

/* The size a loaded reference's header claims, or FALSE for one that is a
 * URL (not read here) or whose header cannot be found. */
static gboolean
reference_size (EaselReference *reference,
                gint64         *width,
                gint64         *height)
{
  GBytes *bytes = easel_reference_get_bytes (reference);
  const char *mime_type = easel_reference_get_mime_type (reference);
  gsize length;
  const guint8 *data;

  if (bytes == NULL || mime_type == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &length);
  return easel_image_read_header_size (data, length, mime_type, width, height);
}

/**
 * easel_request_check_mask_size:
 * @self: a request whose references and mask easel_reference_load() loaded
 * @error: return location for an %EASEL_ERROR_INVALID_REQUEST
 *
 * A mask must be the size of the image it applies to, the first reference:
 * gateways refuse another size, but only once both are uploaded, and some
 * only after the job was billed. Read from the images' headers; a
 * reference sent as a URL is not read, so that case is left to the gateway.
 *
 * Returns: %FALSE when the sizes differ
 */
gboolean
easel_request_check_mask_size (EaselRequest  *self,
                               GError       **error)
{
  EaselReference *mask = easel_request_get_mask (self);
  GPtrArray *references = easel_request_get_references (self);
  gint64 mask_width, mask_height, width, height;

  if (mask == NULL || references->len == 0)
    return TRUE;
  if (!reference_size (mask, &mask_width, &mask_height)
      || !reference_size (g_ptr_array_index (references, 0), &width, &height))
    return TRUE;

  if (mask_width != width || mask_height != height)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   /* Translators: the sizes are in pixels, width × height. */
                   _("The mask is %lld×%lld but the first image is %lld×%lld; a mask must be "
                     "exactly the size of the image it edits. Draw the mask on this image, or "
                     "pick the image the mask was made for as the first reference."),
                   (long long) mask_width, (long long) mask_height,
                   (long long) width, (long long) height);
      return FALSE;
    }

  return TRUE;
}
