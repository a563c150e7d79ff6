/* easel-dialect-aizfw.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* aizfw's task API (seed 004): POST {base}/v1/image2/images with JSON
 * {model, prompt, quality, ratio + resolution or size, image_urls} and a
 * Bearer key answers {id, status: queued|processing|failed, error}; then
 * GET {base}/v1/result/{id} every 2–5 s until status completed (image_url,
 * valid for 24 hours) or failed (error, a string). References are URLs
 * only; there is no mask and no n. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-dialect-private.h"
#include "easel-error.h"

/* gpt-image-2-r is billed by resolution and ignores quality. */
#define MODEL_WITHOUT_QUALITY "gpt-image-2-r"

static EaselWireRequest *
aizfw_build_submit (EaselProfile  *profile,
                    EaselRequest  *request,
                    const char    *api_key,
                    GError       **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *url = NULL;
  GPtrArray *references;
  const char *model;
  const char *size;
  EaselQuality quality;
  EaselWireRequest *wire;

  g_return_val_if_fail (EASEL_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (EASEL_IS_REQUEST (request), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!easel_dialect_check_no_mask (request, error))
    return NULL;

  references = easel_request_get_references (request);
  for (guint i = 0; i < references->len; i++)
    {
      EaselReference *reference = g_ptr_array_index (references, i);

      if (easel_reference_get_kind (reference) != EASEL_REFERENCE_URL)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                       /* Translators: %s is a file name. */
                       _("This gateway takes reference images only as https:// URLs; “%s” is "
                         "a local image. Upload it somewhere and add its URL instead."),
                       easel_reference_get_filename (reference));
          return NULL;
        }
    }

  model = easel_request_get_effective_model (request, profile);
  size = easel_request_get_size (request);
  quality = easel_request_get_quality (request);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, model);
  json_builder_set_member_name (builder, "prompt");
  json_builder_add_string_value (builder, easel_request_get_prompt (request));

  /* The gateway knows low, medium and high (default low), not auto: auto
   * leaves the choice to it by not naming one. */
  if (g_strcmp0 (model, MODEL_WITHOUT_QUALITY) != 0 && quality != EASEL_QUALITY_AUTO)
    {
      json_builder_set_member_name (builder, "quality");
      json_builder_add_string_value (builder, easel_quality_to_string (quality));
    }

  /* size wins over ratio + resolution on this gateway, so exactly one form
   * is sent; auto has no pixel form here and means the default ratio. */
  if (easel_dialect_size_is_ratio (size) || g_strcmp0 (size, "auto") == 0)
    {
      json_builder_set_member_name (builder, "ratio");
      json_builder_add_string_value (builder, easel_dialect_size_is_ratio (size) ? size : "1:1");
      json_builder_set_member_name (builder, "resolution");
      json_builder_add_string_value (builder, easel_dialect_resolution_string (
                                                easel_request_get_resolution (request)));
    }
  else
    {
      json_builder_set_member_name (builder, "size");
      json_builder_add_string_value (builder, size);
    }

  if (references->len > 0)
    {
      json_builder_set_member_name (builder, "image_urls");
      json_builder_begin_array (builder);
      for (guint i = 0; i < references->len; i++)
        json_builder_add_string_value (builder, easel_reference_get_location (
                                                  g_ptr_array_index (references, i)));
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  url = easel_dialect_url (profile, "/v1/image2/images");
  wire = easel_wire_request_new ("POST", url);
  easel_dialect_set_bearer (wire, api_key);
  easel_wire_request_set_json (wire, root);

  return wire;
}

/* Create and query answers share one shape: {id, object, created, model,
 * status, image_url, error}. */
static EaselOutcome *
parse_task (guint        status,
            const char  *content_type,
            GBytes      *body,
            gboolean     is_submit,
            GError     **error)
{
  g_autoptr(EaselOutcome) outcome = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  const char *task_status;
  const char *id;

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

  id = easel_dialect_json_string (object, "id");
  if (!easel_dialect_is_usable_id (id))
    id = NULL;

  if (g_str_equal (task_status, "failed"))
    {
      g_autofree char *message = easel_dialect_error_text (object);

      g_propagate_error (error, easel_error_new_remote_failed (message));
      return NULL;
    }

  if (g_str_equal (task_status, "completed"))
    {
      const char *image_url = easel_dialect_json_string (object, "image_url");

      if (image_url == NULL || *image_url == '\0')
        {
          easel_dialect_set_missing (error, "image_url");
          return NULL;
        }

      outcome = easel_outcome_new (EASEL_OUTCOME_URLS);
      g_ptr_array_add (outcome->urls, g_strdup (image_url));
    }
  else if (g_str_equal (task_status, "queued") || g_str_equal (task_status, "processing"))
    {
      /* Without the id a created task could never be queried. */
      if (is_submit && id == NULL)
        {
          easel_dialect_set_missing (error, "id");
          return NULL;
        }
      outcome = easel_outcome_new (EASEL_OUTCOME_PENDING);
    }
  else
    {
      easel_dialect_set_unknown_status (error, task_status);
      return NULL;
    }

  outcome->remote_status = g_strdup (task_status);
  if (id != NULL)
    outcome->remote_id = g_strdup (id);

  return g_steal_pointer (&outcome);
}

static EaselOutcome *
aizfw_parse_submit (EaselProfile  *profile,
                    EaselRequest  *request,
                    guint          status,
                    const char    *content_type,
                    GBytes        *body,
                    GError       **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_task (status, content_type, body, TRUE, error);
}

static EaselWireRequest *
aizfw_build_poll (EaselProfile *profile,
                  const char   *remote_id,
                  const char   *api_key)
{
  g_autofree char *url = NULL;
  EaselWireRequest *wire;

  g_return_val_if_fail (EASEL_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (remote_id != NULL, NULL);

  url = easel_dialect_url_with_id (profile, "/v1/result/", remote_id);
  wire = easel_wire_request_new ("GET", url);
  easel_dialect_set_bearer (wire, api_key);

  return wire;
}

static EaselOutcome *
aizfw_parse_poll (EaselProfile  *profile,
                  guint          status,
                  const char    *content_type,
                  GBytes        *body,
                  GError       **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_task (status, content_type, body, FALSE, error);
}

const EaselDialect easel_dialect_aizfw = {
  .kind = EASEL_DIALECT_AIZFW,
  .build_submit = aizfw_build_submit,
  .parse_submit = aizfw_parse_submit,
  .build_poll = aizfw_build_poll,
  .parse_poll = aizfw_parse_poll,
  .parse_event = NULL,
};
