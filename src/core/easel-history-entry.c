/* easel-history-entry.c: one generation as history keeps it
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "easel-dialect-private.h"
#include "easel-history-private.h"

G_DEFINE_BOXED_TYPE (EaselHistoryEntry, easel_history_entry,
                     easel_history_entry_ref, easel_history_entry_unref)

static const char *const state_names[] = {
  [EASEL_HISTORY_PENDING] = "pending",
  [EASEL_HISTORY_STORED] = "stored",
  [EASEL_HISTORY_FAILED] = "failed",
  [EASEL_HISTORY_CANCELLED] = "cancelled",
  [EASEL_HISTORY_EXPIRED] = "expired",
};

const char *
easel_history_state_to_string (EaselHistoryState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), NULL);

  return state_names[state];
}

gboolean
easel_history_state_from_string (const char        *text,
                                 EaselHistoryState *state)
{
  g_return_val_if_fail (state != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (state_names); i++)
    if (g_str_equal (text, state_names[i]))
      {
        *state = i;
        return TRUE;
      }
  return FALSE;
}

EaselHistoryImage *
easel_history_image_copy (const EaselHistoryImage *image)
{
  EaselHistoryImage *copy = g_new0 (EaselHistoryImage, 1);

  *copy = *image;
  copy->path = g_strdup (image->path);
  copy->mime_type = g_strdup (image->mime_type);
  copy->thumb_path = g_strdup (image->thumb_path);
  return copy;
}

void
easel_history_image_free (EaselHistoryImage *image)
{
  if (image == NULL)
    return;
  g_free (image->path);
  g_free (image->mime_type);
  g_free (image->thumb_path);
  g_clear_object (&image->thumbnail);
  g_free (image);
}

static void
entry_clear (EaselHistoryEntry *self)
{
  g_free (self->profile_id);
  g_free (self->profile_name);
  g_free (self->dialect);
  g_free (self->request_json);
  g_free (self->prompt);
  g_free (self->remote_id);
  g_free (self->error);
  g_free (self->currency);
  g_ptr_array_unref (self->images);
  g_clear_pointer (&self->pasted, g_ptr_array_unref);
}

EaselHistoryEntry *
easel_history_entry_new (void)
{
  EaselHistoryEntry *self = g_atomic_rc_box_new0 (EaselHistoryEntry);

  self->state = EASEL_HISTORY_STORED;
  self->input_tokens = -1;
  self->output_tokens = -1;
  self->total_tokens = -1;
  self->cost = -1;
  self->started_ms = -1;
  self->received_ms = -1;
  self->finished_ms = -1;
  self->images = g_ptr_array_new_with_free_func ((GDestroyNotify) easel_history_image_free);
  return self;
}

EaselHistoryEntry *
easel_history_entry_ref (EaselHistoryEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
easel_history_entry_unref (EaselHistoryEntry *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) entry_clear);
}

void
easel_history_entry_set_request (EaselHistoryEntry *self,
                                 EaselRequest      *request)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (EASEL_IS_REQUEST (request));

  node = easel_request_to_json (request);
  g_free (self->request_json);
  self->request_json = json_to_string (node, FALSE);
  g_free (self->prompt);
  self->prompt = g_strdup (easel_request_get_prompt (request));

  /* Pasted images exist nowhere else: their bytes go along, for the
   * recording to keep (the JSON only names them). */
  g_clear_pointer (&self->pasted, g_ptr_array_unref);
  {
    GPtrArray *references = easel_request_get_references (request);
    EaselReference *mask = easel_request_get_mask (request);

    for (guint i = 0; i <= references->len; i++)
      {
        EaselReference *reference = i < references->len ? g_ptr_array_index (references, i)
                                                        : mask;

        if (reference == NULL || easel_reference_get_kind (reference) != EASEL_REFERENCE_BYTES
            || easel_reference_get_bytes (reference) == NULL)
          continue;
        if (self->pasted == NULL)
          self->pasted = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
        g_ptr_array_add (self->pasted, g_bytes_ref (easel_reference_get_bytes (reference)));
      }
  }
}

void
easel_history_entry_set_profile (EaselHistoryEntry *self,
                                 EaselProfile      *profile)
{
  const EaselProfilePricing *pricing;

  g_return_if_fail (self != NULL);
  g_return_if_fail (EASEL_IS_PROFILE (profile));

  g_free (self->profile_id);
  self->profile_id = g_strdup (easel_profile_get_id (profile));
  g_free (self->profile_name);
  self->profile_name = g_strdup (easel_profile_get_name (profile));
  g_free (self->dialect);
  self->dialect = g_strdup (easel_dialect_kind_to_string (easel_profile_get_dialect (profile)));
  pricing = easel_profile_get_pricing (profile);
  g_free (self->currency);
  self->currency = pricing != NULL && pricing->currency[0] != '\0'
    ? g_strndup (pricing->currency, sizeof pricing->currency) : NULL;
}

EaselHistoryImage *
easel_history_entry_add_image (EaselHistoryEntry *self,
                               const char        *path,
                               const char        *mime_type,
                               int                width,
                               int                height,
                               const char        *thumb_path)
{
  EaselHistoryImage *image;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL && g_path_is_absolute (path), NULL);
  g_return_val_if_fail (mime_type != NULL, NULL);

  image = g_new0 (EaselHistoryImage, 1);
  image->index = self->images->len;
  image->path = g_strdup (path);
  image->mime_type = g_strdup (mime_type);
  image->width = width;
  image->height = height;
  image->thumb_path = g_strdup (thumb_path);
  g_ptr_array_add (self->images, image);
  return image;
}

EaselRequest *
easel_history_entry_get_request (EaselHistoryEntry  *self,
                                 GError            **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  /* A damaged row may hold what json-glib 1.6 leaks memory on. */
  if (self->request_json != NULL &&
      easel_dialect_json_hazard (self->request_json,
                                 strlen (self->request_json)) != EASEL_JSON_HAZARD_NONE)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The stored request is not valid JSON");
      return NULL;
    }

  node = json_from_string (self->request_json != NULL ? self->request_json : "", error);
  if (node == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             "The stored request is empty");
      return NULL;
    }
  return easel_request_new_from_json (node, error);
}
