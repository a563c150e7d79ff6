/* easel-image-metadata.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The prompt and parameters a saved image carries: what they say, and the
 * choice of container. Each container's bytes are handled in its own file
 * (easel-image-metadata-png.c, -jpeg.c, -webp.c), the XMP packet of JPEG
 * and WebP in easel-image-metadata-xmp.c. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-error.h"
#include "easel-image.h"
#include "easel-image-metadata-private.h"

/* Parameters and software name are one short line each; a longer one came
 * from a runaway profile name and is cut so the prompt keeps its room in a
 * 64 KiB JPEG segment. */
#define SHORT_FIELD_MAX 1024

/* Control characters would break the "one line" promise of the parameters
 * (a profile name is free text). */
static void
append_one_line (GString    *line,
                 const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (line, ((guchar) *p < 0x20 || *p == 0x7f) ? ' ' : *p);
}

static void
append_item (GString    *line,
             const char *name,
             const char *value)
{
  if (line->len > 0)
    g_string_append (line, ", ");
  g_string_append (line, name);
  if (value != NULL)
    {
      g_string_append_c (line, ' ');
      append_one_line (line, value);
    }
}

static char *
parameters_for_request (EaselRequest *request,
                        EaselProfile *profile)
{
  GString *line = g_string_new (NULL);
  const char *size = easel_request_get_size (request);
  EaselOutputFormat format = easel_request_get_output_format (request);
  int compression = easel_request_get_output_compression (request);
  GPtrArray *references = easel_request_get_references (request);
  g_autofree char *gateway = NULL;

  append_item (line, "model", easel_request_get_effective_model (request, profile));
  append_item (line, "size", size);
  if (easel_size_is_ratio (size))
    append_item (line, "resolution",
                 easel_resolution_to_string (easel_request_get_resolution (request)));
  append_item (line, "quality", easel_quality_to_string (easel_request_get_quality (request)));
  append_item (line, "format", easel_output_format_to_string (format));
  /* PNG is lossless: a compression value set for another format earlier
   * says nothing about this image. */
  if (compression >= 0 && format != EASEL_OUTPUT_FORMAT_PNG)
    {
      g_autofree char *value = g_strdup_printf ("%d", compression);

      append_item (line, "compression", value);
    }
  if (easel_request_get_background (request) != EASEL_BACKGROUND_AUTO)
    append_item (line, "background",
                 easel_background_to_string (easel_request_get_background (request)));
  if (easel_request_get_moderation (request) != EASEL_MODERATION_AUTO)
    append_item (line, "moderation",
                 easel_moderation_to_string (easel_request_get_moderation (request)));
  if (easel_request_get_n (request) != 1)
    {
      g_autofree char *value = g_strdup_printf ("%u", easel_request_get_n (request));

      append_item (line, "n", value);
    }
  if (references != NULL && references->len > 0)
    {
      g_autofree char *value = g_strdup_printf ("%u", references->len);

      append_item (line, "references", value);
    }
  if (easel_request_get_mask (request) != NULL)
    append_item (line, "mask", NULL);

  gateway = g_strdup_printf ("%s (%s)", easel_profile_get_name (profile),
                             easel_dialect_kind_to_string (easel_profile_get_dialect (profile)));
  append_item (line, "gateway", gateway);

  return g_string_free (line, FALSE);
}

/**
 * easel_image_metadata_new_for_request:
 * @request: what was asked for
 * @profile: the gateway it was sent to
 *
 * Returns: (transfer full): the prompt, a parameters line and Easel's name
 */
EaselImageMetadata *
easel_image_metadata_new_for_request (EaselRequest *request,
                                      EaselProfile *profile)
{
  EaselImageMetadata *self;

  g_return_val_if_fail (EASEL_IS_REQUEST (request), NULL);
  g_return_val_if_fail (EASEL_IS_PROFILE (profile), NULL);

  self = g_new0 (EaselImageMetadata, 1);
  self->prompt = g_strdup (easel_request_get_prompt (request));
  self->parameters = parameters_for_request (request, profile);
  self->software = g_strdup ("Easel " PACKAGE_VERSION);

  return self;
}

EaselImageMetadata *
easel_image_metadata_copy (const EaselImageMetadata *metadata)
{
  EaselImageMetadata *copy;

  g_return_val_if_fail (metadata != NULL, NULL);

  copy = g_new0 (EaselImageMetadata, 1);
  copy->prompt = g_strdup (metadata->prompt);
  copy->parameters = g_strdup (metadata->parameters);
  copy->software = g_strdup (metadata->software);

  return copy;
}

void
easel_image_metadata_free (EaselImageMetadata *metadata)
{
  if (metadata == NULL)
    return;

  g_free (metadata->prompt);
  g_free (metadata->parameters);
  g_free (metadata->software);
  g_free (metadata);
}

gboolean
easel_image_metadata_has_any (const EaselImageMetadata *metadata)
{
  return metadata->prompt != NULL || metadata->parameters != NULL || metadata->software != NULL;
}

gsize
easel_utf8_cut_length (const char *text,
                       gsize       max_bytes)
{
  gsize length = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize next = (g_utf8_next_char (p)) - text;

      if (next > max_bytes)
        break;
      length = next;
    }

  return length;
}

/* Valid UTF-8, and the short fields cut to their one line's worth. */
static char *
clean_field (const char *text,
             gsize       max_bytes)
{
  g_autofree char *valid = NULL;
  gsize cut;

  if (text == NULL || *text == '\0')
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  if (strlen (valid) <= max_bytes)
    return g_steal_pointer (&valid);

  cut = easel_utf8_cut_length (valid, max_bytes - strlen (EASEL_ELLIPSIS));
  return g_strdup_printf ("%.*s%s", (int) cut, valid, EASEL_ELLIPSIS);
}

void
easel_image_metadata_set_damaged (GError     **error,
                                  const char  *format_name,
                                  const char  *what)
{
  g_set_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
               /* Translators: the first %s is PNG, JPEG or WebP; the second
                * says what is wrong, such as "it is cut short" */
               _("This is not a valid %s image: %s."),
               format_name, what);
}

gboolean
easel_image_metadata_check_mime_type (GBytes      *image,
                                      const char  *mime_type,
                                      GError     **error)
{
  const char *sniffed;
  gsize length;
  const guint8 *data = g_bytes_get_data (image, &length);

  if (!g_str_equal (mime_type, "image/png") && !g_str_equal (mime_type, "image/jpeg") &&
      !g_str_equal (mime_type, "image/webp"))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("Easel cannot write into “%s” files; it saves PNG, JPEG and WebP images."),
                   mime_type);
      return FALSE;
    }

  sniffed = easel_image_sniff_mime_type (data, length);
  if (g_strcmp0 (sniffed, mime_type) != 0)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
                   _("The image is not the %s file it was said to be, so it cannot be saved "
                     "with its prompt."), mime_type);
      return FALSE;
    }

  return TRUE;
}

/**
 * easel_image_metadata_embed:
 * @image: encoded image bytes
 * @mime_type: image/png, image/jpeg or image/webp
 * @metadata: what to write
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the image with @metadata in it, or
 *   %NULL with %EASEL_ERROR_INVALID_REQUEST (another MIME type) or
 *   %EASEL_ERROR_BAD_RESPONSE (bytes that are not that format)
 */
GBytes *
easel_image_metadata_embed (GBytes                    *image,
                            const char                *mime_type,
                            const EaselImageMetadata  *metadata,
                            GError                   **error)
{
  EaselImageMetadata clean = { NULL };
  const guint8 *data;
  gsize length;
  GBytes *result;

  g_return_val_if_fail (image != NULL, NULL);
  g_return_val_if_fail (mime_type != NULL, NULL);
  g_return_val_if_fail (metadata != NULL, NULL);

  if (!easel_image_metadata_check_mime_type (image, mime_type, error))
    return NULL;

  clean.prompt = clean_field (metadata->prompt, G_MAXSIZE);
  clean.parameters = clean_field (metadata->parameters, SHORT_FIELD_MAX);
  clean.software = clean_field (metadata->software, SHORT_FIELD_MAX);

  data = g_bytes_get_data (image, &length);
  if (g_str_equal (mime_type, "image/png"))
    result = easel_png_embed (data, length, &clean, error);
  else if (g_str_equal (mime_type, "image/jpeg"))
    result = easel_jpeg_embed (data, length, &clean, error);
  else
    result = easel_webp_embed (data, length, &clean, error);

  g_free (clean.prompt);
  g_free (clean.parameters);
  g_free (clean.software);

  return result;
}

/**
 * easel_image_metadata_read:
 * @image: encoded image bytes
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): what the image says about itself
 *   (fields it lacks are %NULL), or %NULL with %G_IO_ERROR_NOT_FOUND when
 *   it says nothing, or %EASEL_ERROR_BAD_RESPONSE when it is not a PNG,
 *   JPEG or WebP file
 */
EaselImageMetadata *
easel_image_metadata_read (GBytes  *image,
                           GError **error)
{
  g_autoptr(EaselImageMetadata) metadata = NULL;
  const char *mime_type;
  const guint8 *data;
  gsize length;
  gboolean ok;

  g_return_val_if_fail (image != NULL, NULL);

  data = g_bytes_get_data (image, &length);
  mime_type = easel_image_sniff_mime_type (data, length);
  if (mime_type == NULL)
    {
      g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_BAD_RESPONSE,
                           _("This is not a PNG, JPEG or WebP image."));
      return NULL;
    }

  metadata = g_new0 (EaselImageMetadata, 1);
  if (g_str_equal (mime_type, "image/png"))
    ok = easel_png_read (data, length, metadata, error);
  else if (g_str_equal (mime_type, "image/jpeg"))
    ok = easel_jpeg_read (data, length, metadata, error);
  else
    ok = easel_webp_read (data, length, metadata, error);

  if (!ok)
    return NULL;

  if (metadata->prompt == NULL && metadata->parameters == NULL && metadata->software == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The image holds no prompt or parameters."));
      return NULL;
    }

  return g_steal_pointer (&metadata);
}
