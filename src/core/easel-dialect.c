/* easel-dialect.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The parts every dialect shares: the wire request and outcome types, the
 * table lookup, and the chores of building requests (URLs, the key header,
 * multipart files). Reading answers is in easel-dialect-parse.c. Nothing
 * here does I/O, so every dialect is tested on bytes alone. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-dialect-private.h"
#include "easel-error.h"

/* --- EaselWireRequest ------------------------------------------------- */

/**
 * easel_wire_request_new:
 * @method: "GET" or "POST"
 * @url: the absolute URL
 *
 * Returns: (transfer full): a request with no headers and no body
 */
EaselWireRequest *
easel_wire_request_new (const char *method,
                        const char *url)
{
  EaselWireRequest *self;

  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  self = g_new0 (EaselWireRequest, 1);
  self->method = g_strdup (method);
  self->url = g_strdup (url);
  self->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  self->secret_headers = g_ptr_array_new_with_free_func (g_free);

  return self;
}

void
easel_wire_request_free (EaselWireRequest *self)
{
  if (self == NULL)
    return;

  g_free (self->method);
  g_free (self->url);
  g_clear_pointer (&self->headers, soup_message_headers_unref);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_pointer (&self->secret_headers, g_ptr_array_unref);
  g_free (self);
}

/**
 * easel_wire_request_set_secret:
 * @self: a wire request
 * @header: the header's name
 * @value: the header's value, which holds the API key
 *
 * Sets a header and records its name, so that the client can drop it if
 * the request (or a redirect) would leave the profile's host.
 */
void
easel_wire_request_set_secret (EaselWireRequest *self,
                               const char       *header,
                               const char       *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (header != NULL);
  g_return_if_fail (value != NULL);

  soup_message_headers_replace (self->headers, header, value);

  for (guint i = 0; i < self->secret_headers->len; i++)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (self->secret_headers, i), header) == 0)
        return;
    }
  g_ptr_array_add (self->secret_headers, g_strdup (header));
}

/**
 * easel_wire_request_set_json:
 * @self: a wire request
 * @node: the body
 *
 * Makes @node the body, serialised without any whitespace, with
 * Content-Type application/json.
 */
void
easel_wire_request_set_json (EaselWireRequest *self,
                             JsonNode         *node)
{
  g_autoptr(JsonGenerator) generator = NULL;
  char *data;
  gsize length;

  g_return_if_fail (self != NULL);
  g_return_if_fail (node != NULL);

  generator = json_generator_new ();
  json_generator_set_pretty (generator, FALSE);
  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, &length);

  g_clear_pointer (&self->body, g_bytes_unref);
  self->body = g_bytes_new_take (data, length);
  soup_message_headers_set_content_type (self->headers, "application/json", NULL);
}

/**
 * easel_wire_request_set_multipart:
 * @self: a wire request
 * @multipart: a multipart/form-data body
 *
 * Makes @multipart the body; libsoup picks the boundary and sets the
 * Content-Type that names it.
 */
void
easel_wire_request_set_multipart (EaselWireRequest *self,
                                  SoupMultipart    *multipart)
{
  GBytes *body = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (multipart != NULL);

  soup_multipart_to_message (multipart, self->headers, &body);
  g_clear_pointer (&self->body, g_bytes_unref);
  self->body = body;
}

/* --- EaselOutcome ----------------------------------------------------- */

static void
outcome_image_free (gpointer data)
{
  EaselOutcomeImage *image = data;

  g_free (image->b64);
  g_free (image->mime_type);
  g_free (image);
}

/**
 * easel_outcome_new:
 * @kind: what the response said
 *
 * Returns: (transfer full): an outcome with no images or URLs, token counts
 *   and cost not stated (-1), and partial_index -1 (not a partial image)
 */
EaselOutcome *
easel_outcome_new (EaselOutcomeKind kind)
{
  EaselOutcome *self = g_new0 (EaselOutcome, 1);

  self->kind = kind;
  self->images = g_ptr_array_new_with_free_func (outcome_image_free);
  self->urls = g_ptr_array_new_with_free_func (g_free);
  self->partial_index = -1;
  self->input_tokens = -1;
  self->output_tokens = -1;
  self->total_tokens = -1;
  self->cost = -1;

  return self;
}

void
easel_outcome_free (EaselOutcome *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->images);
  g_ptr_array_unref (self->urls);
  g_free (self->remote_id);
  g_free (self->remote_status);
  g_free (self);
}

/**
 * easel_outcome_add_image:
 * @self: an outcome
 * @b64: the image as base64, without a data: prefix
 * @mime_type: (nullable): its type, if known
 *
 * Copies @b64 once; it may be tens of megabytes.
 */
void
easel_outcome_add_image (EaselOutcome *self,
                         const char   *b64,
                         const char   *mime_type)
{
  EaselOutcomeImage *image;

  g_return_if_fail (self != NULL);
  g_return_if_fail (b64 != NULL);

  image = g_new0 (EaselOutcomeImage, 1);
  image->b64 = g_strdup (b64);
  image->mime_type = g_strdup (mime_type);
  g_ptr_array_add (self->images, image);
}

/* --- The tables ------------------------------------------------------- */

/**
 * easel_dialect_get:
 * @kind: a dialect
 *
 * Returns: (transfer none): the dialect's functions
 */
const EaselDialect *
easel_dialect_get (EaselDialectKind kind)
{
  switch (kind)
    {
    case EASEL_DIALECT_OPENAI:
      return &easel_dialect_openai;
    case EASEL_DIALECT_ICODEEASY:
      return &easel_dialect_icodeeasy;
    case EASEL_DIALECT_YYCODE:
      return &easel_dialect_yycode;
    case EASEL_DIALECT_AIZFW:
      return &easel_dialect_aizfw;
    default:
      g_return_val_if_reached (NULL);
    }
}

/* --- Building helpers ------------------------------------------------- */

/* Profiles drop trailing slashes from base URLs, so a path that starts
 * with one joins cleanly. */
char *
easel_dialect_url (EaselProfile *profile,
                   const char   *path)
{
  g_assert (EASEL_IS_PROFILE (profile));
  g_assert (path != NULL && path[0] == '/');

  return g_strconcat (easel_profile_get_base_url (profile), path, NULL);
}

/* A remote id is the gateway's text: escape it so that a slash or a '?'
 * in it cannot change which resource is asked for. ("." and ".." cannot be
 * escaped that way: URL parsers decode %2E and drop such path steps, so
 * the parsers refuse them as ids; see easel_dialect_is_usable_id().) */
char *
easel_dialect_url_with_id (EaselProfile *profile,
                           const char   *path,
                           const char   *remote_id)
{
  g_autofree char *escaped = NULL;

  g_assert (EASEL_IS_PROFILE (profile));
  g_assert (remote_id != NULL);

  escaped = g_uri_escape_string (remote_id, NULL, FALSE);
  return g_strconcat (easel_profile_get_base_url (profile), path, escaped, NULL);
}

/* A gateway on this computer (the mock, a local proxy) may need no key;
 * then no Authorization header is sent at all. */
void
easel_dialect_set_bearer (EaselWireRequest *wire,
                          const char       *api_key)
{
  g_autofree char *value = NULL;

  if (api_key == NULL || *api_key == '\0')
    return;

  value = g_strconcat ("Bearer ", api_key, NULL);
  easel_wire_request_set_secret (wire, "Authorization", value);
}

/* Ratios are the only size form with a colon ("16:9"); pixel sizes use an
 * x ("1536x1024"). */
gboolean
easel_dialect_size_is_ratio (const char *size)
{
  return size != NULL && strchr (size, ':') != NULL;
}

const char *
easel_dialect_resolution_string (EaselResolution resolution)
{
  switch (resolution)
    {
    case EASEL_RESOLUTION_2K:
      return "2k";
    case EASEL_RESOLUTION_4K:
      return "4k";
    case EASEL_RESOLUTION_1K:
    default:
      return "1k";
    }
}

gboolean
easel_dialect_check_pixel_size (const char  *size,
                                GError     **error)
{
  if (!easel_dialect_size_is_ratio (size))
    return TRUE;

  g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
               /* Translators: %s is an aspect ratio such as 16:9. */
               _("This gateway takes sizes in pixels, such as 1536x1024, or auto; “%s” is a "
                 "ratio."), size);
  return FALSE;
}

/* Dropping a mask silently would redraw the whole image: refuse instead. */
gboolean
easel_dialect_check_no_mask (EaselRequest  *request,
                             GError       **error)
{
  if (easel_request_get_mask (request) == NULL)
    return TRUE;

  g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                       _("This gateway does not take a mask. Remove the mask, or choose a "
                         "gateway that supports inpainting."));
  return FALSE;
}

/* Some gateways tell the image type by the file name's extension rather
 * than the part's Content-Type, so a name without one gets it. */
static char *
upload_filename (EaselReference *reference,
                 const char     *mime_type)
{
  const char *name = easel_reference_get_filename (reference);
  const char *extension = NULL;

  if (name == NULL || *name == '\0')
    name = "image";

  if (strchr (name, '.') != NULL)
    return g_strdup (name);

  if (g_strcmp0 (mime_type, "image/png") == 0)
    extension = ".png";
  else if (g_strcmp0 (mime_type, "image/jpeg") == 0)
    extension = ".jpg";
  else if (g_strcmp0 (mime_type, "image/webp") == 0)
    extension = ".webp";

  return g_strconcat (name, extension, NULL);
}

gboolean
easel_dialect_append_file (SoupMultipart   *multipart,
                           const char      *control_name,
                           EaselReference  *reference,
                           GError         **error)
{
  g_autofree char *filename = NULL;
  const char *mime_type;
  GBytes *bytes;

  bytes = easel_reference_get_bytes (reference);
  if (bytes == NULL)
    {
      if (easel_reference_get_kind (reference) == EASEL_REFERENCE_URL)
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                     /* Translators: %s is the reference's URL. */
                     _("This gateway takes reference images only as files; “%s” is a URL. "
                       "Download the image and add the file instead."),
                     easel_reference_get_location (reference));
      else
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                     /* Translators: %s is a file name. */
                     _("The reference image “%s” has not been read yet."),
                     easel_reference_get_filename (reference));
      return FALSE;
    }

  mime_type = easel_reference_get_mime_type (reference);
  if (mime_type == NULL)
    mime_type = "application/octet-stream";

  filename = upload_filename (reference, mime_type);
  soup_multipart_append_form_file (multipart, control_name, filename, mime_type, bytes);

  return TRUE;
}

/* The gateways read the mask's alpha channel, which only PNG carries here. */
gboolean
easel_dialect_append_mask (SoupMultipart  *multipart,
                           EaselRequest   *request,
                           GError        **error)
{
  EaselReference *mask = easel_request_get_mask (request);

  if (mask == NULL)
    return TRUE;

  if (easel_reference_get_bytes (mask) != NULL &&
      g_strcmp0 (easel_reference_get_mime_type (mask), "image/png") != 0)
    {
      g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                           _("The mask must be a PNG image whose transparent pixels mark the "
                             "area to redraw."));
      return FALSE;
    }

  return easel_dialect_append_file (multipart, "mask", mask, error);
}

void
easel_dialect_append_uint (SoupMultipart *multipart,
                           const char    *name,
                           guint          value)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", value);
  soup_multipart_append_form_string (multipart, name, text);
}

/* The Images API refuses output_compression for PNG, and -1 means the
 * gateway's default. */
gboolean
easel_dialect_compression_applies (EaselRequest *request)
{
  return easel_request_get_output_compression (request) >= 0 &&
         easel_request_get_output_format (request) != EASEL_OUTPUT_FORMAT_PNG;
}
