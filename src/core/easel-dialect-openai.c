/* easel-dialect-openai.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The OpenAI Images API (seeds 001 and 002; APIYI speaks it too):
 * POST {base}/images/generations with a JSON body, or POST
 * {base}/images/edits as multipart/form-data with one image[] part per
 * reference and an optional PNG mask. Answers carry raw base64 in
 * data[].b64_json and the billed tokens in usage. With stream: true the
 * answer is text/event-stream, one JSON event per partial image and one
 * for the result. input_fidelity is never sent: gpt-image-2 answers 400. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-dialect-private.h"
#include "easel-error.h"

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static EaselWireRequest *
build_generations (EaselProfile *profile,
                   EaselRequest *request,
                   const char   *api_key)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *url = easel_dialect_url (profile, "/images/generations");
  EaselWireRequest *wire;

  json_builder_begin_object (builder);
  add_string (builder, "model", easel_request_get_effective_model (request, profile));
  add_string (builder, "prompt", easel_request_get_prompt (request));
  add_int (builder, "n", easel_request_get_n (request));
  add_string (builder, "size", easel_request_get_size (request));
  add_string (builder, "quality", easel_quality_to_string (easel_request_get_quality (request)));
  add_string (builder, "output_format",
              easel_output_format_to_string (easel_request_get_output_format (request)));
  add_string (builder, "background",
              easel_background_to_string (easel_request_get_background (request)));
  add_string (builder, "moderation",
              easel_moderation_to_string (easel_request_get_moderation (request)));
  if (easel_dialect_compression_applies (request))
    add_int (builder, "output_compression", easel_request_get_output_compression (request));
  if (easel_request_get_stream (request))
    {
      json_builder_set_member_name (builder, "stream");
      json_builder_add_boolean_value (builder, TRUE);
      add_int (builder, "partial_images", easel_request_get_partial_images (request));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  wire = easel_wire_request_new ("POST", url);
  easel_dialect_set_bearer (wire, api_key);
  easel_wire_request_set_json (wire, root);

  return wire;
}

static EaselWireRequest *
build_edits (EaselProfile  *profile,
             EaselRequest  *request,
             const char    *api_key,
             GError       **error)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autofree char *url = easel_dialect_url (profile, "/images/edits");
  GPtrArray *references = easel_request_get_references (request);
  EaselWireRequest *wire;

  soup_multipart_append_form_string (multipart, "model",
                                     easel_request_get_effective_model (request, profile));
  soup_multipart_append_form_string (multipart, "prompt", easel_request_get_prompt (request));
  easel_dialect_append_uint (multipart, "n", easel_request_get_n (request));
  soup_multipart_append_form_string (multipart, "size", easel_request_get_size (request));
  soup_multipart_append_form_string (multipart, "quality",
                                     easel_quality_to_string (easel_request_get_quality (request)));
  soup_multipart_append_form_string (multipart, "output_format",
                                     easel_output_format_to_string (
                                       easel_request_get_output_format (request)));
  if (easel_dialect_compression_applies (request))
    easel_dialect_append_uint (multipart, "output_compression",
                               easel_request_get_output_compression (request));
  soup_multipart_append_form_string (multipart, "background",
                                     easel_background_to_string (
                                       easel_request_get_background (request)));
  /* OpenAI's own edits endpoint does not list moderation and refuses
   * parameters it does not know, so it is sent only when the user asked
   * for something other than the default. */
  if (easel_request_get_moderation (request) != EASEL_MODERATION_AUTO)
    soup_multipart_append_form_string (multipart, "moderation",
                                       easel_moderation_to_string (
                                         easel_request_get_moderation (request)));
  if (easel_request_get_stream (request))
    {
      soup_multipart_append_form_string (multipart, "stream", "true");
      easel_dialect_append_uint (multipart, "partial_images",
                                 easel_request_get_partial_images (request));
    }

  for (guint i = 0; i < references->len; i++)
    {
      if (!easel_dialect_append_file (multipart, "image[]", g_ptr_array_index (references, i),
                                      error))
        return NULL;
    }

  if (!easel_dialect_append_mask (multipart, request, error))
    return NULL;

  wire = easel_wire_request_new ("POST", url);
  easel_dialect_set_bearer (wire, api_key);
  easel_wire_request_set_multipart (wire, multipart);

  return wire;
}

static EaselWireRequest *
openai_build_submit (EaselProfile  *profile,
                     EaselRequest  *request,
                     const char    *api_key,
                     GError       **error)
{
  GPtrArray *references;

  g_return_val_if_fail (EASEL_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (EASEL_IS_REQUEST (request), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!easel_dialect_check_pixel_size (easel_request_get_size (request), error))
    return NULL;

  references = easel_request_get_references (request);
  if (references->len == 0)
    {
      if (easel_request_get_mask (request) != NULL)
        {
          g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                               _("A mask needs a reference image to apply to. Add the image "
                                 "to redraw as the first reference."));
          return NULL;
        }

      return build_generations (profile, request, api_key);
    }

  return build_edits (profile, request, api_key, error);
}

static EaselOutcome *
openai_parse_submit (EaselProfile  *profile,
                     EaselRequest  *request,
                     guint          status,
                     const char    *content_type,
                     GBytes        *body,
                     GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  const char *mime_type = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!easel_dialect_is_success (status))
    {
      g_propagate_error (error, easel_dialect_status_error (status, content_type, body));
      return NULL;
    }

  root = easel_dialect_parse_body (body, content_type, error);
  if (root == NULL)
    return NULL;

  /* The answer does not say the type: it is what the request asked for. */
  if (request != NULL)
    mime_type = easel_output_format_to_mime_type (easel_request_get_output_format (request));

  return easel_dialect_parse_data (json_node_get_object (root), mime_type, error);
}

/* Maps an error event's type or code to the status OpenAI would have
 * answered with, so that it reads like the same failure without a stream. */
static guint
status_for_error (JsonObject *error)
{
  const char *words[] = {
    easel_dialect_json_string (error, "code"),
    easel_dialect_json_string (error, "type"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      const char *word = words[i];

      if (word == NULL)
        continue;
      if (strstr (word, "moderation") != NULL || strstr (word, "content_policy") != NULL ||
          strstr (word, "safety") != NULL)
        return 403;
      if (strstr (word, "quota") != NULL || strstr (word, "billing") != NULL ||
          strstr (word, "balance") != NULL)
        return 402;
      if (strstr (word, "rate_limit") != NULL)
        return 429;
      if (strstr (word, "auth") != NULL || strstr (word, "api_key") != NULL)
        return 401;
      if (strstr (word, "invalid_request") != NULL)
        return 400;
    }

  return 500;
}

static const char *const partial_types[] = {
  "image_generation.partial_image", "image_edit.partial_image",
};
static const char *const completed_types[] = {
  "image_generation.completed", "image_edit.completed",
};

static gboolean
is_one_of (const char        *type,
           const char *const *types)
{
  return g_strcmp0 (type, types[0]) == 0 || g_strcmp0 (type, types[1]) == 0;
}

static char *
event_mime_type (JsonObject *object)
{
  const char *format = easel_dialect_json_string (object, "output_format");
  EaselOutputFormat value;

  if (format == NULL || !easel_output_format_from_string (format, &value))
    return NULL;

  return g_strdup (easel_output_format_to_mime_type (value));
}

static gboolean
is_done (const char *data)
{
  while (g_ascii_isspace (*data))
    data++;
  if (!g_str_has_prefix (data, "[DONE]"))
    return FALSE;
  data += strlen ("[DONE]");
  while (g_ascii_isspace (*data))
    data++;

  return *data == '\0';
}

static EaselOutcome *
openai_parse_event (EaselProfile  *profile,
                    const char    *event,
                    const char    *data,
                    GError       **error)
{
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *mime_type = NULL;
  JsonObject *object;
  JsonObject *error_object;
  const char *type;
  gboolean known_event;
  gint64 index = 0;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Not an OpenAI image event, but some compatible gateways end every
   * stream this way. */
  if (is_done (data))
    return NULL;

  known_event = is_one_of (event, partial_types) || is_one_of (event, completed_types) ||
                g_strcmp0 (event, "error") == 0;

  root = easel_dialect_parse_text (data, &local_error);
  if (root == NULL)
    {
      /* Junk in an event Easel does not wait for is not worth failing a
       * stream over; junk where an image should be is. */
      if (known_event)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  object = json_node_get_object (root);

  /* The data's own type is authoritative; streams without event: lines
   * only have that. */
  type = easel_dialect_json_string (object, "type");
  if (type == NULL)
    type = event;

  error_object = easel_dialect_json_object (object, "error");
  if (error_object != NULL || g_strcmp0 (type, "error") == 0)
    {
      g_autofree char *message = easel_dialect_error_text (object);
      guint status = error_object ? status_for_error (error_object) : status_for_error (object);

      g_propagate_error (error, easel_error_new_for_status (status, message));
      return NULL;
    }

  if (is_one_of (type, partial_types))
    {
      outcome = easel_outcome_new (EASEL_OUTCOME_PARTIAL);
      /* Absent means the first; present, it must be a small count. */
      if (json_object_has_member (object, "partial_image_index") &&
          (!easel_dialect_json_int (object, "partial_image_index", &index) ||
           index < 0 || index > G_MAXINT))
        {
          easel_dialect_set_missing (error, "partial_image_index");
          return NULL;
        }
      outcome->partial_index = (int) index;
    }
  else if (is_one_of (type, completed_types))
    {
      outcome = easel_outcome_new (EASEL_OUTCOME_IMAGES);
      easel_dialect_read_usage (object, outcome);
    }
  else
    {
      return NULL;
    }

  mime_type = event_mime_type (object);
  if (!easel_dialect_add_b64 (outcome, easel_dialect_json_string (object, "b64_json"), mime_type,
                              "b64_json", error))
    return NULL;

  return g_steal_pointer (&outcome);
}

const EaselDialect easel_dialect_openai = {
  .kind = EASEL_DIALECT_OPENAI,
  .build_submit = openai_build_submit,
  .parse_submit = openai_parse_submit,
  .build_poll = NULL,
  .parse_poll = NULL,
  .parse_event = openai_parse_event,
};
