/* easel-request-json.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A request as JSON, for history (DESIGN.md §6), easel-cli --json and
 * "reuse parameters". Every field is written by name with its enums as the
 * words the gateways use, so a row stays readable by a person and by a
 * later Easel. A request holds no key, so none can leak here; references
 * are kept by location, and pasted bytes only by name and size: history
 * stores the images themselves elsewhere. Reading back is strict about
 * types (a wrong one is named) and lenient about members it does not know,
 * so a newer Easel's rows still load. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-error.h"
#include "easel-request-private.h"

static const char *
reference_kind_to_string (EaselReferenceKind kind)
{
  switch (kind)
    {
    case EASEL_REFERENCE_FILE: return "file";
    case EASEL_REFERENCE_URL: return "url";
    case EASEL_REFERENCE_DATA_URL: return "data-url";
    case EASEL_REFERENCE_BYTES: return "bytes";
    default: g_assert_not_reached ();
    }
}

static gboolean
reference_kind_from_string (const char         *text,
                            EaselReferenceKind *kind)
{
  static const char *const names[] = { "file", "url", "data-url", "bytes" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_strcmp0 (text, names[i]) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_reference (JsonBuilder    *builder,
               EaselReference *reference)
{
  EaselReferenceKind kind = easel_reference_get_kind (reference);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, reference_kind_to_string (kind));
  /* A data URL is the image itself, so it is kept whole; pasted bytes have
   * no location and are not copied into the JSON. */
  add_nullable_string (builder, "location", easel_reference_get_location (reference));
  add_nullable_string (builder, "filename", easel_reference_get_filename (reference));
  add_nullable_string (builder, "mime_type", easel_reference_get_mime_type (reference));
  if (kind == EASEL_REFERENCE_BYTES)
    {
      GBytes *bytes = easel_reference_get_bytes (reference);

      json_builder_set_member_name (builder, "byte_size");
      json_builder_add_int_value (builder, bytes ? g_bytes_get_size (bytes) : 0);
    }
  json_builder_end_object (builder);
}

/**
 * easel_request_to_json:
 * @self: a request
 *
 * Returns: (transfer full): the request as a JSON object
 */
JsonNode *
easel_request_to_json (EaselRequest *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  GPtrArray *references;
  EaselReference *mask;

  g_return_val_if_fail (EASEL_IS_REQUEST (self), NULL);

  builder = json_builder_new ();
  references = easel_request_get_references (self);
  mask = easel_request_get_mask (self);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "prompt");
  json_builder_add_string_value (builder, easel_request_get_prompt (self));
  add_nullable_string (builder, "model", easel_request_get_model (self));
  json_builder_set_member_name (builder, "size");
  json_builder_add_string_value (builder, easel_request_get_size (self));
  json_builder_set_member_name (builder, "resolution");
  json_builder_add_string_value (builder,
                                 easel_resolution_to_string (easel_request_get_resolution (self)));
  json_builder_set_member_name (builder, "quality");
  json_builder_add_string_value (builder,
                                 easel_quality_to_string (easel_request_get_quality (self)));
  json_builder_set_member_name (builder, "output_format");
  json_builder_add_string_value (builder,
                                 easel_output_format_to_string (
                                   easel_request_get_output_format (self)));
  json_builder_set_member_name (builder, "output_compression");
  json_builder_add_int_value (builder, easel_request_get_output_compression (self));
  json_builder_set_member_name (builder, "background");
  json_builder_add_string_value (builder,
                                 easel_background_to_string (easel_request_get_background (self)));
  json_builder_set_member_name (builder, "moderation");
  json_builder_add_string_value (builder,
                                 easel_moderation_to_string (easel_request_get_moderation (self)));
  json_builder_set_member_name (builder, "n");
  json_builder_add_int_value (builder, easel_request_get_n (self));

  json_builder_set_member_name (builder, "references");
  json_builder_begin_array (builder);
  for (guint i = 0; i < references->len; i++)
    add_reference (builder, g_ptr_array_index (references, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "mask");
  if (mask != NULL)
    add_reference (builder, mask);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "stream");
  json_builder_add_boolean_value (builder, easel_request_get_stream (self));
  json_builder_set_member_name (builder, "partial_images");
  json_builder_add_int_value (builder, easel_request_get_partial_images (self));
  json_builder_set_member_name (builder, "async");
  json_builder_add_boolean_value (builder, easel_request_get_async (self));

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* --- Reading back ----------------------------------------------------- */

static void
set_wrong_type (GError     **error,
                const char  *name,
                const char  *expected)
{
  /* Translators: the first %s is a member such as “n” or
   * “references[0].kind”, the second what it must be, such as “a string”. */
  g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
               _("The saved request’s “%s” must be %s."), name, expected);
}

static gboolean
holds_type (JsonNode *node,
            GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* A string member: absent leaves *value alone; null is taken only when
 * @nullable. */
static gboolean
read_string (JsonObject  *object,
             const char  *member,
             const char  *name,
             gboolean     nullable,
             const char **value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;

  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      *value = NULL;
      return TRUE;
    }

  if (!holds_type (node, G_TYPE_STRING))
    {
      set_wrong_type (error, name, nullable ? _("a string or null") : _("a string"));
      return FALSE;
    }

  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_int (JsonObject  *object,
          const char  *member,
          gint64       min,
          gint64       max,
          gint64      *value,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 number;

  if (node == NULL)
    return TRUE;

  if (!holds_type (node, G_TYPE_INT64))
    {
      set_wrong_type (error, member, _("a whole number"));
      return FALSE;
    }

  number = json_node_get_int (node);
  if (number < min || number > max)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, number);

      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("The saved request’s “%s” is out of range: %s."), member, text);
      return FALSE;
    }

  *value = number;
  return TRUE;
}

static gboolean
read_boolean (JsonObject  *object,
              const char  *member,
              gboolean    *value,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;

  if (!holds_type (node, G_TYPE_BOOLEAN))
    {
      set_wrong_type (error, member, _("true or false"));
      return FALSE;
    }

  *value = json_node_get_boolean (node);
  return TRUE;
}

static void
set_unknown_value (GError     **error,
                   const char  *member,
                   const char  *value)
{
  g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
               _("The saved request’s “%s” has the unknown value “%s”."), member, value);
}

static EaselReference *
read_reference (JsonNode    *node,
                const char  *name,
                GError     **error)
{
  g_autofree char *kind_name = g_strconcat (name, ".kind", NULL);
  g_autofree char *location_name = g_strconcat (name, ".location", NULL);
  g_autofree char *filename_name = g_strconcat (name, ".filename", NULL);
  g_autofree char *mime_name = g_strconcat (name, ".mime_type", NULL);
  g_autoptr(EaselReference) reference = NULL;
  JsonObject *object;
  const char *kind_text = NULL;
  const char *location = NULL;
  const char *filename = NULL;
  const char *mime_type = NULL;
  EaselReferenceKind kind;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_wrong_type (error, name, _("an object"));
      return NULL;
    }

  object = json_node_get_object (node);
  if (!read_string (object, "kind", kind_name, FALSE, &kind_text, error) ||
      !read_string (object, "location", location_name, TRUE, &location, error) ||
      !read_string (object, "filename", filename_name, TRUE, &filename, error) ||
      !read_string (object, "mime_type", mime_name, TRUE, &mime_type, error))
    return NULL;

  if (kind_text == NULL || !reference_kind_from_string (kind_text, &kind))
    {
      set_unknown_value (error, kind_name, kind_text ? kind_text : "");
      return NULL;
    }

  if (kind != EASEL_REFERENCE_BYTES && (location == NULL || *location == '\0'))
    {
      set_wrong_type (error, location_name, _("a file path or URL"));
      return NULL;
    }

  switch (kind)
    {
    case EASEL_REFERENCE_FILE:
      reference = easel_reference_new_for_path (location);
      break;

    case EASEL_REFERENCE_URL:
    case EASEL_REFERENCE_DATA_URL:
      reference = easel_reference_new_for_url (location, error);
      if (reference == NULL)
        return NULL;
      if (easel_reference_get_kind (reference) != kind)
        {
          set_unknown_value (error, kind_name, kind_text);
          return NULL;
        }
      break;

    case EASEL_REFERENCE_BYTES:
      {
        /* The bytes were never saved: the reference keeps its place, name
         * and type, and loading it says it is not an image. */
        g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);

        reference = easel_reference_new_for_bytes (empty, mime_type, filename);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  /* The type a load sniffed (it may differ from a data URL's header). */
  if (mime_type != NULL)
    easel_reference_set_mime_type (reference, mime_type);

  return g_steal_pointer (&reference);
}

/* An enum member, as the word its from_string function knows: absent
 * leaves @text NULL and the default stands. */
static gboolean
read_word (JsonObject  *object,
           const char  *member,
           const char **text,
           GError     **error)
{
  *text = NULL;
  return read_string (object, member, member, FALSE, text, error);
}

/**
 * easel_request_new_from_json:
 * @node: a JSON object as easel_request_to_json() makes it
 * @error: return location for an %EASEL_ERROR_INVALID_REQUEST naming the
 *   member at fault
 *
 * Members that are missing keep the defaults of easel_request_new();
 * members Easel does not know are ignored.
 *
 * Returns: (transfer full) (nullable): the request, or %NULL
 */
EaselRequest *
easel_request_new_from_json (JsonNode  *node,
                             GError   **error)
{
  g_autoptr(EaselRequest) self = NULL;
  JsonObject *object;
  JsonNode *member;
  const char *prompt = "";
  const char *model = NULL;
  const char *size = "auto";
  const char *resolution_text;
  const char *quality_text;
  const char *format_text;
  const char *background_text;
  const char *moderation_text;
  EaselResolution resolution = EASEL_RESOLUTION_1K;
  EaselQuality quality = EASEL_QUALITY_AUTO;
  EaselOutputFormat format = EASEL_OUTPUT_FORMAT_PNG;
  EaselBackground background = EASEL_BACKGROUND_AUTO;
  EaselModeration moderation = EASEL_MODERATION_AUTO;
  gint64 compression = -1;
  gint64 n = 1;
  gint64 partial_images = 0;
  gboolean stream = FALSE;
  gboolean async = FALSE;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                           _("The saved request is not a JSON object."));
      return NULL;
    }

  object = json_node_get_object (node);

  if (!read_string (object, "prompt", "prompt", FALSE, &prompt, error) ||
      !read_string (object, "model", "model", TRUE, &model, error) ||
      !read_string (object, "size", "size", FALSE, &size, error) ||
      !read_word (object, "resolution", &resolution_text, error) ||
      !read_word (object, "quality", &quality_text, error) ||
      !read_word (object, "output_format", &format_text, error) ||
      !read_int (object, "output_compression", G_MININT, G_MAXINT, &compression, error) ||
      !read_word (object, "background", &background_text, error) ||
      !read_word (object, "moderation", &moderation_text, error) ||
      !read_int (object, "n", 0, G_MAXUINT, &n, error) ||
      !read_boolean (object, "stream", &stream, error) ||
      !read_int (object, "partial_images", 0, G_MAXUINT, &partial_images, error) ||
      !read_boolean (object, "async", &async, error))
    return NULL;

  if (resolution_text != NULL && !easel_resolution_parse (resolution_text, &resolution, NULL))
    {
      set_unknown_value (error, "resolution", resolution_text);
      return NULL;
    }
  if (quality_text != NULL && !easel_quality_from_string (quality_text, &quality))
    {
      set_unknown_value (error, "quality", quality_text);
      return NULL;
    }
  if (format_text != NULL && !easel_output_format_from_string (format_text, &format))
    {
      set_unknown_value (error, "output_format", format_text);
      return NULL;
    }
  if (background_text != NULL && !easel_background_from_string (background_text, &background))
    {
      set_unknown_value (error, "background", background_text);
      return NULL;
    }
  if (moderation_text != NULL && !easel_moderation_from_string (moderation_text, &moderation))
    {
      set_unknown_value (error, "moderation", moderation_text);
      return NULL;
    }

  self = easel_request_new ();
  easel_request_set_prompt (self, prompt);
  easel_request_set_model (self, model);
  easel_request_set_size (self, size);
  easel_request_set_resolution (self, resolution);
  easel_request_set_quality (self, quality);
  easel_request_set_output_format (self, format);
  easel_request_set_output_compression (self, compression);
  easel_request_set_background (self, background);
  easel_request_set_moderation (self, moderation);
  easel_request_set_n (self, n);
  easel_request_set_stream (self, stream);
  easel_request_set_partial_images (self, partial_images);
  easel_request_set_async (self, async);

  member = json_object_get_member (object, "references");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (member))
        {
          set_wrong_type (error, "references", _("a list"));
          return NULL;
        }

      array = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *name = g_strdup_printf ("references[%u]", i);
          g_autoptr(EaselReference) reference = NULL;

          reference = read_reference (json_array_get_element (array, i), name, error);
          if (reference == NULL)
            return NULL;
          easel_request_add_reference (self, reference);
        }
    }

  member = json_object_get_member (object, "mask");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      g_autoptr(EaselReference) mask = read_reference (member, "mask", error);

      if (mask == NULL)
        return NULL;
      easel_request_set_mask (self, mask);
    }

  return g_steal_pointer (&self);
}
