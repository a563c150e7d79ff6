/* easel-dialect-icodeeasy.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* icodeeasy (seed 003): OpenAI-compatible paths and fields, plus a ratio
 * form of size with a resolution tier, references as image_urls (https or
 * data: URLs, mixed) or as multipart image[] files, results as URLs only,
 * and an optional async form: ?async=1 answers 202 {status: "pending",
 * task_id}, then GET {base}/images/tasks/{id} until completed (result_url,
 * cost) or failed. Errors are {error: {type, message, provider}}. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-dialect-private.h"
#include "easel-error.h"

static gboolean
is_local (EaselReference *reference)
{
  EaselReferenceKind kind = easel_reference_get_kind (reference);

  return kind == EASEL_REFERENCE_FILE || kind == EASEL_REFERENCE_BYTES;
}

/* resolution goes with a ratio (and auto, which the gateway takes as 1:1);
 * with pixels it would contradict the size. */
static gboolean
wants_resolution (const char *size)
{
  return easel_dialect_size_is_ratio (size) || g_strcmp0 (size, "auto") == 0;
}

static char *
submit_url (EaselProfile *profile,
            EaselRequest *request,
            const char   *path)
{
  g_autofree char *url = easel_dialect_url (profile, path);

  if (easel_request_get_async (request))
    return g_strconcat (url, "?async=1", NULL);

  return g_steal_pointer (&url);
}

static EaselWireRequest *
build_json (EaselProfile  *profile,
            EaselRequest  *request,
            const char    *api_key,
            GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *url = NULL;
  GPtrArray *references = easel_request_get_references (request);
  const char *size = easel_request_get_size (request);
  EaselWireRequest *wire;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, easel_request_get_effective_model (request, profile));
  json_builder_set_member_name (builder, "prompt");
  json_builder_add_string_value (builder, easel_request_get_prompt (request));
  json_builder_set_member_name (builder, "n");
  json_builder_add_int_value (builder, easel_request_get_n (request));
  json_builder_set_member_name (builder, "size");
  json_builder_add_string_value (builder, size);
  if (wants_resolution (size))
    {
      json_builder_set_member_name (builder, "resolution");
      json_builder_add_string_value (builder, easel_dialect_resolution_string (
                                                easel_request_get_resolution (request)));
    }
  json_builder_set_member_name (builder, "quality");
  json_builder_add_string_value (builder,
                                 easel_quality_to_string (easel_request_get_quality (request)));

  if (references->len > 0)
    {
      json_builder_set_member_name (builder, "image_urls");
      json_builder_begin_array (builder);
      for (guint i = 0; i < references->len; i++)
        {
          EaselReference *reference = g_ptr_array_index (references, i);
          g_autofree char *data_url = NULL;

          if (easel_reference_get_kind (reference) == EASEL_REFERENCE_URL)
            {
              json_builder_add_string_value (builder, easel_reference_get_location (reference));
              continue;
            }

          data_url = easel_reference_to_data_url (reference);
          if (data_url == NULL)
            {
              g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                           _("The reference image “%s” has not been read yet."),
                           easel_reference_get_filename (reference));
              return NULL;
            }
          json_builder_add_string_value (builder, data_url);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  /* Both paths do the same here; edits says what the request is. */
  url = submit_url (profile, request,
                    references->len > 0 ? "/images/edits" : "/images/generations");
  wire = easel_wire_request_new ("POST", url);
  easel_dialect_set_bearer (wire, api_key);
  easel_wire_request_set_json (wire, root);

  return wire;
}

/* Local files go up as they are: as data: URLs in JSON they would grow by
 * a third and be copied several times over. */
static EaselWireRequest *
build_multipart (EaselProfile  *profile,
                 EaselRequest  *request,
                 const char    *api_key,
                 GError       **error)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autofree char *url = submit_url (profile, request, "/images/edits");
  GPtrArray *references = easel_request_get_references (request);
  const char *size = easel_request_get_size (request);
  EaselWireRequest *wire;

  soup_multipart_append_form_string (multipart, "model",
                                     easel_request_get_effective_model (request, profile));
  soup_multipart_append_form_string (multipart, "prompt", easel_request_get_prompt (request));
  easel_dialect_append_uint (multipart, "n", easel_request_get_n (request));
  soup_multipart_append_form_string (multipart, "size", size);
  if (wants_resolution (size))
    soup_multipart_append_form_string (multipart, "resolution",
                                       easel_dialect_resolution_string (
                                         easel_request_get_resolution (request)));
  soup_multipart_append_form_string (multipart, "quality",
                                     easel_quality_to_string (easel_request_get_quality (request)));

  for (guint i = 0; i < references->len; i++)
    {
      if (!easel_dialect_append_file (multipart, "image[]", g_ptr_array_index (references, i),
                                      error))
        return NULL;
    }

  wire = easel_wire_request_new ("POST", url);
  easel_dialect_set_bearer (wire, api_key);
  easel_wire_request_set_multipart (wire, multipart);

  return wire;
}

static EaselWireRequest *
icodeeasy_build_submit (EaselProfile  *profile,
                        EaselRequest  *request,
                        const char    *api_key,
                        GError       **error)
{
  GPtrArray *references;
  gboolean all_local = TRUE;

  g_return_val_if_fail (EASEL_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (EASEL_IS_REQUEST (request), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The document names no mask field. */
  if (!easel_dialect_check_no_mask (request, error))
    return NULL;

  references = easel_request_get_references (request);
  for (guint i = 0; i < references->len; i++)
    all_local = all_local && is_local (g_ptr_array_index (references, i));

  if (references->len > 0 && all_local)
    return build_multipart (profile, request, api_key, error);

  return build_json (profile, request, api_key, error);
}

static EaselOutcome *
icodeeasy_parse_submit (EaselProfile  *profile,
                        EaselRequest  *request,
                        guint          status,
                        const char    *content_type,
                        GBytes        *body,
                        GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  const char *task_id;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!easel_dialect_is_success (status))
    {
      g_propagate_error (error, easel_dialect_status_error (status, content_type, body));
      return NULL;
    }

  root = easel_dialect_parse_body (body, content_type, error);
  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);

  /* 202 {status: "pending", task_id}: the async form. */
  if (status == 202 || json_object_has_member (object, "task_id"))
    {
      g_autoptr(EaselOutcome) outcome = NULL;
      const char *task_status = easel_dialect_json_string (object, "status");

      task_id = easel_dialect_json_string (object, "task_id");
      if (!easel_dialect_is_usable_id (task_id))
        {
          easel_dialect_set_missing (error, "task_id");
          return NULL;
        }

      outcome = easel_outcome_new (EASEL_OUTCOME_PENDING);
      outcome->remote_id = g_strdup (task_id);
      /* Whatever word it is, the job card shows it. */
      outcome->remote_status = easel_error_clip_gateway_text (task_status);
      if (outcome->remote_status == NULL)
        outcome->remote_status = g_strdup ("pending");
      return g_steal_pointer (&outcome);
    }

  /* The sync form: {id, created, data: [{url}]}. */
  return easel_dialect_parse_data (object, NULL, error);
}

static EaselWireRequest *
icodeeasy_build_poll (EaselProfile *profile,
                      const char   *remote_id,
                      const char   *api_key)
{
  g_autofree char *url = NULL;
  EaselWireRequest *wire;

  g_return_val_if_fail (EASEL_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (remote_id != NULL, NULL);

  /* The preset's base URL already ends in /v1: GET /v1/images/tasks/{id}. */
  url = easel_dialect_url_with_id (profile, "/images/tasks/", remote_id);
  wire = easel_wire_request_new ("GET", url);
  easel_dialect_set_bearer (wire, api_key);

  return wire;
}

static EaselOutcome *
icodeeasy_parse_poll (EaselProfile  *profile,
                      guint          status,
                      const char    *content_type,
                      GBytes        *body,
                      GError       **error)
{
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  const char *task_status;
  const char *task_id;
  double cost;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!easel_dialect_is_success (status))
    {
      g_propagate_error (error, easel_dialect_status_error (status, content_type, body));
      return NULL;
    }

  root = easel_dialect_parse_body (body, content_type, error);
  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);

  task_status = easel_dialect_json_string (object, "status");
  if (task_status == NULL)
    {
      easel_dialect_set_missing (error, "status");
      return NULL;
    }

  task_id = easel_dialect_json_string (object, "task_id");

  if (g_str_equal (task_status, "failed"))
    {
      g_autofree char *message = easel_dialect_error_text (object);

      g_propagate_error (error, easel_error_new_remote_failed (message));
      return NULL;
    }

  if (g_str_equal (task_status, "completed"))
    {
      const char *result_url = easel_dialect_json_string (object, "result_url");

      if (result_url == NULL || *result_url == '\0')
        {
          easel_dialect_set_missing (error, "result_url");
          return NULL;
        }

      outcome = easel_outcome_new (EASEL_OUTCOME_URLS);
      g_ptr_array_add (outcome->urls, g_strdup (result_url));
      if (easel_dialect_json_number (object, "cost", &cost))
        outcome->cost = cost;
    }
  /* The document names pending only; queued and processing are what
   * task APIs add when they grow, and waiting on is their meaning. */
  else if (g_str_equal (task_status, "pending") || g_str_equal (task_status, "queued") ||
           g_str_equal (task_status, "processing") || g_str_equal (task_status, "running"))
    {
      outcome = easel_outcome_new (EASEL_OUTCOME_PENDING);
    }
  else
    {
      easel_dialect_set_unknown_status (error, task_status);
      return NULL;
    }

  outcome->remote_status = g_strdup (task_status);
  if (easel_dialect_is_usable_id (task_id))
    outcome->remote_id = g_strdup (task_id);

  return g_steal_pointer (&outcome);
}

const EaselDialect easel_dialect_icodeeasy = {
  .kind = EASEL_DIALECT_ICODEEASY,
  .build_submit = icodeeasy_build_submit,
  .parse_submit = icodeeasy_parse_submit,
  .build_poll = icodeeasy_build_poll,
  .parse_poll = icodeeasy_parse_poll,
  .parse_event = NULL,
};
