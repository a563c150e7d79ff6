/* easel-dialect-yycode.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* YYCode's job API (seed 000): POST {base}/api/images/generate with JSON,
 * or POST {base}/api/images/edit as multipart with the field image
 * repeated (not image[]) and mask. Every submit carries x-demo-base-url,
 * x-demo-async: 1 and the key in x-demo-api-key, and answers {ok: true,
 * pending: true, jobId}. GET {base}/api/jobs/{jobId}, which the document
 * calls without any header, then says pending, running, succeeded (with
 * images[].b64 and mimeType) or failed (with error.message). */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-dialect-private.h"
#include "easel-size.h"
#include "easel-error.h"

#define YYCODE_GATEWAY "https://yycode.net"

static void
set_demo_headers (EaselWireRequest *wire,
                  const char       *api_key)
{
  soup_message_headers_replace (wire->headers, "x-demo-base-url", YYCODE_GATEWAY);
  soup_message_headers_replace (wire->headers, "x-demo-async", "1");
  if (api_key != NULL && *api_key != '\0')
    easel_wire_request_set_secret (wire, "x-demo-api-key", api_key);
}

static EaselWireRequest *
build_generate (EaselProfile *profile,
                EaselRequest *request,
                const char   *api_key)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *url = easel_dialect_url (profile, "/api/images/generate");
  EaselWireRequest *wire;

  /* The document's parameter table: no moderation, no compression. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, easel_request_get_effective_model (request, profile));
  json_builder_set_member_name (builder, "prompt");
  json_builder_add_string_value (builder, easel_request_get_prompt (request));
  json_builder_set_member_name (builder, "n");
  json_builder_add_int_value (builder, easel_request_get_n (request));
  /* The document takes only WIDTHxHEIGHT; "auto" means the gateway's own
   * default, which leaving the field out asks for. */
  if (!easel_size_is_auto (easel_request_get_size (request)))
    {
      json_builder_set_member_name (builder, "size");
      json_builder_add_string_value (builder, easel_request_get_size (request));
    }
  json_builder_set_member_name (builder, "output_format");
  json_builder_add_string_value (builder, easel_output_format_to_string (
                                            easel_request_get_output_format (request)));
  json_builder_set_member_name (builder, "quality");
  json_builder_add_string_value (builder,
                                 easel_quality_to_string (easel_request_get_quality (request)));
  json_builder_set_member_name (builder, "background");
  json_builder_add_string_value (builder, easel_background_to_string (
                                            easel_request_get_background (request)));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  wire = easel_wire_request_new ("POST", url);
  set_demo_headers (wire, api_key);
  easel_wire_request_set_json (wire, root);

  return wire;
}

static EaselWireRequest *
build_edit (EaselProfile  *profile,
            EaselRequest  *request,
            const char    *api_key,
            GError       **error)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autofree char *url = easel_dialect_url (profile, "/api/images/edit");
  GPtrArray *references = easel_request_get_references (request);
  EaselWireRequest *wire;

  soup_multipart_append_form_string (multipart, "model",
                                     easel_request_get_effective_model (request, profile));
  soup_multipart_append_form_string (multipart, "prompt", easel_request_get_prompt (request));
  easel_dialect_append_uint (multipart, "n", easel_request_get_n (request));
  if (!easel_size_is_auto (easel_request_get_size (request)))
    soup_multipart_append_form_string (multipart, "size", easel_request_get_size (request));
  soup_multipart_append_form_string (multipart, "output_format",
                                     easel_output_format_to_string (
                                       easel_request_get_output_format (request)));
  soup_multipart_append_form_string (multipart, "quality",
                                     easel_quality_to_string (easel_request_get_quality (request)));
  soup_multipart_append_form_string (multipart, "background",
                                     easel_background_to_string (
                                       easel_request_get_background (request)));

  for (guint i = 0; i < references->len; i++)
    {
      if (!easel_dialect_append_file (multipart, "image", g_ptr_array_index (references, i),
                                      error))
        return NULL;
    }

  if (!easel_dialect_append_mask (multipart, request, error))
    return NULL;

  wire = easel_wire_request_new ("POST", url);
  set_demo_headers (wire, api_key);
  easel_wire_request_set_multipart (wire, multipart);

  return wire;
}

static EaselWireRequest *
yycode_build_submit (EaselProfile  *profile,
                     EaselRequest  *request,
                     const char    *api_key,
                     GError       **error)
{
  g_return_val_if_fail (EASEL_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (EASEL_IS_REQUEST (request), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!easel_dialect_check_pixel_size (easel_request_get_size (request), error))
    return NULL;

  if (easel_request_get_references (request)->len > 0)
    return build_edit (profile, request, api_key, error);

  if (easel_request_get_mask (request) != NULL)
    {
      g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                           _("A mask needs a reference image to apply to. Add the image "
                             "to redraw as the first reference."));
      return NULL;
    }

  return build_generate (profile, request, api_key);
}

static gboolean
is_waiting_status (const char *status)
{
  return g_strcmp0 (status, "pending") == 0 || g_strcmp0 (status, "queued") == 0 ||
         g_strcmp0 (status, "running") == 0;
}

static EaselOutcome *
parse_images (JsonObject  *object,
              GError     **error)
{
  g_autoptr(EaselOutcome) outcome = NULL;
  JsonNode *node = json_object_get_member (object, "images");
  JsonArray *images;
  guint length;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_autofree char *message = easel_dialect_error_text (object);

      easel_dialect_set_no_images (error, message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      easel_dialect_set_missing (error, "images");
      return NULL;
    }

  images = json_node_get_array (node);
  length = json_array_get_length (images);
  if (length == 0)
    {
      g_autofree char *message = easel_dialect_error_text (object);

      easel_dialect_set_no_images (error, message);
      return NULL;
    }

  outcome = easel_outcome_new (EASEL_OUTCOME_IMAGES);
  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (images, i);
      g_autofree char *member = g_strdup_printf ("images[%u].b64", i);
      const char *b64 = NULL;
      const char *mime_type = NULL;

      if (JSON_NODE_HOLDS_OBJECT (element))
        {
          JsonObject *image = json_node_get_object (element);

          b64 = easel_dialect_json_string (image, "b64");
          mime_type = easel_dialect_json_string (image, "mimeType");
        }

      if (!easel_dialect_add_b64 (outcome, b64, mime_type, member, error))
        return NULL;
    }

  easel_dialect_read_usage (object, outcome);

  return g_steal_pointer (&outcome);
}

/* Submit and poll answers have one shape: {ok, pending, jobId, status,
 * images, error}. The document's own client reads pending first, then
 * status succeeded, and treats anything else as the job's failure. */
static EaselOutcome *
parse_job (guint         status,
           const char   *content_type,
           GBytes       *body,
           gboolean      is_submit,
           GError      **error)
{
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  const char *job_id;
  const char *job_status;
  gboolean pending = FALSE;
  gboolean ok = TRUE;

  if (!easel_dialect_is_success (status))
    {
      g_propagate_error (error, easel_dialect_status_error (status, content_type, body));
      return NULL;
    }

  root = easel_dialect_parse_body (body, content_type, error);
  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);

  job_id = easel_dialect_json_string (object, "jobId");
  if (!easel_dialect_is_usable_id (job_id))
    job_id = NULL;
  job_status = easel_dialect_json_string (object, "status");
  easel_dialect_json_bool (object, "pending", &pending);
  easel_dialect_json_bool (object, "ok", &ok);

  if (!ok || g_strcmp0 (job_status, "failed") == 0)
    {
      g_autofree char *message = easel_dialect_error_text (object);

      g_propagate_error (error, easel_error_new_remote_failed (message));
      return NULL;
    }

  if (g_strcmp0 (job_status, "succeeded") == 0)
    {
      outcome = parse_images (object, error);
      if (outcome == NULL)
        return NULL;
    }
  else if (pending || is_waiting_status (job_status))
    {
      /* Without the id a submitted job could never be polled. */
      if (is_submit && job_id == NULL)
        {
          easel_dialect_set_missing (error, "jobId");
          return NULL;
        }
      outcome = easel_outcome_new (EASEL_OUTCOME_PENDING);
      /* Any word goes while pending is true; the job card shows it. */
      outcome->remote_status = easel_error_clip_gateway_text (job_status);
      if (outcome->remote_status == NULL)
        outcome->remote_status = g_strdup ("pending");
    }
  else if (is_submit && job_id == NULL)
    {
      easel_dialect_set_missing (error, "jobId");
      return NULL;
    }
  else if (job_status == NULL)
    {
      easel_dialect_set_missing (error, "status");
      return NULL;
    }
  else
    {
      easel_dialect_set_unknown_status (error, job_status);
      return NULL;
    }

  if (job_id != NULL)
    outcome->remote_id = g_strdup (job_id);
  if (outcome->remote_status == NULL && job_status != NULL)
    outcome->remote_status = g_strdup (job_status);

  return g_steal_pointer (&outcome);
}

static EaselOutcome *
yycode_parse_submit (EaselProfile  *profile,
                     EaselRequest  *request,
                     guint          status,
                     const char    *content_type,
                     GBytes        *body,
                     GError       **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_job (status, content_type, body, TRUE, error);
}

static EaselWireRequest *
yycode_build_poll (EaselProfile *profile,
                   const char   *remote_id,
                   const char   *api_key)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (EASEL_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (remote_id != NULL, NULL);

  /* The document queries jobs with no header at all, so the key is not
   * sent where it is not needed. */
  url = easel_dialect_url_with_id (profile, "/api/jobs/", remote_id);

  return easel_wire_request_new ("GET", url);
}

static EaselOutcome *
yycode_parse_poll (EaselProfile  *profile,
                   guint          status,
                   const char    *content_type,
                   GBytes        *body,
                   GError       **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_job (status, content_type, body, FALSE, error);
}

const EaselDialect easel_dialect_yycode = {
  .kind = EASEL_DIALECT_YYCODE,
  .build_submit = yycode_build_submit,
  .parse_submit = yycode_parse_submit,
  .build_poll = yycode_build_poll,
  .parse_poll = yycode_parse_poll,
  .parse_event = NULL,
};
