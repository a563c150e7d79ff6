/* easel-request.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* EaselRequest is what the user asked for, independent of any gateway:
 * the dialect decides how to put it on the wire. Validation against a
 * profile lives in easel-request-validate.c, JSON in easel-request-json.c. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-error.h"
#include "easel-request-private.h"

/* --- EaselReference --------------------------------------------------- */

struct _EaselReference
{
  gatomicrefcount     ref_count;
  EaselReferenceKind  kind;
  char               *location;
  char               *filename;
  char               *mime_type;
  GBytes             *bytes;
};

G_DEFINE_BOXED_TYPE (EaselReference, easel_reference, easel_reference_ref, easel_reference_unref)

static EaselReference *
reference_new (EaselReferenceKind kind)
{
  EaselReference *self = g_new0 (EaselReference, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;

  return self;
}

/**
 * easel_reference_new_for_path:
 * @path: a local image file
 *
 * Returns: (transfer full): a reference whose bytes easel_reference_load()
 *   reads
 */
EaselReference *
easel_reference_new_for_path (const char *path)
{
  EaselReference *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = reference_new (EASEL_REFERENCE_FILE);
  self->location = g_strdup (path);
  self->filename = g_path_get_basename (path);

  return self;
}

/**
 * easel_reference_new_for_url:
 * @url: an https:// URL or a data:image/…;base64, URL
 * @error: return location for an %EASEL_ERROR_INVALID_REQUEST
 *
 * Returns: (transfer full) (nullable): the reference, or %NULL if @url is
 *   neither
 */
EaselReference *
easel_reference_new_for_url (const char  *url,
                             GError     **error)
{
  EaselReference *self;

  g_return_val_if_fail (url != NULL, NULL);

  if (g_str_has_prefix (url, "data:"))
    {
      const char *comma = strchr (url, ',');
      g_autofree char *header = comma ? g_strndup (url + 5, comma - url - 5) : NULL;

      if (header == NULL || !g_str_has_prefix (header, "image/") ||
          !g_str_has_suffix (header, ";base64"))
        {
          g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                               _("A data URL reference must have the form "
                                 "data:image/TYPE;base64,DATA."));
          return NULL;
        }

      self = reference_new (EASEL_REFERENCE_DATA_URL);
      self->location = g_strdup (url);
      self->mime_type = g_strndup (header, strlen (header) - strlen (";base64"));
      self->filename = g_strdup ("image");
      return self;
    }

  if (g_ascii_strncasecmp (url, "https://", 8) == 0)
    {
      g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);

      if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                       _("The reference URL “%s” is not a valid URL."), url);
          return NULL;
        }

      self = reference_new (EASEL_REFERENCE_URL);
      self->location = g_strdup (url);
      self->filename = g_path_get_basename (g_uri_get_path (uri));
      return self;
    }

  if (g_ascii_strncasecmp (url, "http://", 7) == 0)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("The reference URL “%s” uses http://; gateways accept only https:// "
                     "reference URLs."), url);
      return NULL;
    }

  g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
               _("The reference “%s” is neither an https:// URL nor a data:image URL."), url);
  return NULL;
}

/**
 * easel_reference_new_for_bytes:
 * @bytes: encoded image bytes
 * @mime_type: (nullable): their type, or %NULL to sniff it
 * @filename: (nullable): a name for uploads
 *
 * Returns: (transfer full): a reference holding @bytes
 */
EaselReference *
easel_reference_new_for_bytes (GBytes     *bytes,
                               const char *mime_type,
                               const char *filename)
{
  EaselReference *self;

  g_return_val_if_fail (bytes != NULL, NULL);

  self = reference_new (EASEL_REFERENCE_BYTES);
  self->bytes = g_bytes_ref (bytes);
  self->mime_type = g_strdup (mime_type);
  self->filename = g_strdup (filename ? filename : "image");

  return self;
}

EaselReference *
easel_reference_ref (EaselReference *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
easel_reference_unref (EaselReference *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->location);
      g_free (self->filename);
      g_free (self->mime_type);
      g_clear_pointer (&self->bytes, g_bytes_unref);
      g_free (self);
    }
}

EaselReferenceKind
easel_reference_get_kind (EaselReference *self)
{
  g_return_val_if_fail (self != NULL, EASEL_REFERENCE_FILE);
  return self->kind;
}

const char *
easel_reference_get_location (EaselReference *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->location;
}

const char *
easel_reference_get_filename (EaselReference *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->filename;
}

GBytes *
easel_reference_get_bytes (EaselReference *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->bytes;
}

const char *
easel_reference_get_mime_type (EaselReference *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->mime_type;
}

void
easel_reference_set_mime_type (EaselReference *self,
                               const char     *mime_type)
{
  g_return_if_fail (self != NULL);

  g_free (self->mime_type);
  self->mime_type = g_strdup (mime_type);
}

/* The three formats the gateways take, by their magic bytes. */
static const char *
sniff_image_type (GBytes *bytes)
{
  gsize length;
  const guchar *data = g_bytes_get_data (bytes, &length);

  if (length >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (length >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "image/jpeg";
  if (length >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "image/webp";

  return NULL;
}

static const char *
display_name (EaselReference *self)
{
  return self->kind == EASEL_REFERENCE_FILE ? self->location : self->filename;
}

/**
 * easel_reference_load:
 * @self: a reference
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Makes the bytes of a file or data URL reference available and checks
 * that they are a PNG, JPEG or WebP image of at most 50 MB. Blocks: call it
 * on a worker thread.
 *
 * Returns: whether the reference can be sent
 */
gboolean
easel_reference_load (EaselReference  *self,
                      GCancellable    *cancellable,
                      GError         **error)
{
  const char *type;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->kind == EASEL_REFERENCE_URL)
    return TRUE;

  if (self->bytes == NULL && self->kind == EASEL_REFERENCE_FILE)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->location);
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *contents = NULL;
      gsize length;

      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                cancellable, &local_error);
      if (info == NULL)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                       _("The reference image “%s” cannot be read: %s"),
                       self->location, local_error->message);
          return FALSE;
        }

      if (g_file_info_get_size (info) > EASEL_MAX_REFERENCE_BYTES)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                       _("The reference image “%s” is %.1f MB; gateways take at most 50 MB "
                         "per image."), self->location, g_file_info_get_size (info) / 1e6);
          return FALSE;
        }

      if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                       _("The reference image “%s” cannot be read: %s"),
                       self->location, local_error->message);
          return FALSE;
        }

      self->bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
    }
  else if (self->bytes == NULL && self->kind == EASEL_REFERENCE_DATA_URL)
    {
      const char *data = strchr (self->location, ',') + 1;
      gsize length = 0;
      guchar *decoded;

      /* Base64 is 4/3 of the bytes: refuse before decoding what would be
       * past the cap. */
      if (strlen (data) / 4 * 3 > EASEL_MAX_REFERENCE_BYTES)
        {
          g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                               _("A data URL reference is larger than 50 MB, the most gateways "
                                 "take per image."));
          return FALSE;
        }

      decoded = g_base64_decode (data, &length);
      self->bytes = g_bytes_new_take (decoded, length);
    }

  if (g_bytes_get_size (self->bytes) > EASEL_MAX_REFERENCE_BYTES)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("The reference image “%s” is larger than 50 MB, the most gateways take "
                     "per image."), display_name (self));
      return FALSE;
    }

  type = sniff_image_type (self->bytes);
  if (type == NULL)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("The reference “%s” is not a PNG, JPEG or WebP image."),
                   display_name (self));
      return FALSE;
    }

  g_free (self->mime_type);
  self->mime_type = g_strdup (type);

  return TRUE;
}

/**
 * easel_reference_to_data_url:
 * @self: a loaded reference
 *
 * Returns: (transfer full) (nullable): the image as a data: URL, or %NULL
 *   for an https:// reference or one not loaded yet
 */
char *
easel_reference_to_data_url (EaselReference *self)
{
  g_autofree char *b64 = NULL;
  gsize length;
  const guchar *data;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->kind == EASEL_REFERENCE_DATA_URL)
    return g_strdup (self->location);

  if (self->bytes == NULL)
    return NULL;

  data = g_bytes_get_data (self->bytes, &length);
  b64 = g_base64_encode (data, length);

  return g_strdup_printf ("data:%s;base64,%s",
                          self->mime_type ? self->mime_type : "image/png", b64);
}

/* --- EaselRequest ----------------------------------------------------- */

struct _EaselRequest
{
  GObject            parent_instance;

  char              *prompt;
  char              *model;
  char              *size;
  EaselResolution    resolution;
  EaselQuality       quality;
  EaselOutputFormat  output_format;
  int                output_compression;
  EaselBackground    background;
  EaselModeration    moderation;
  guint              n;
  GPtrArray         *references;
  EaselReference    *mask;
  gboolean           stream;
  guint              partial_images;
  gboolean           async;
};

G_DEFINE_FINAL_TYPE (EaselRequest, easel_request, G_TYPE_OBJECT)

static void
easel_request_finalize (GObject *object)
{
  EaselRequest *self = EASEL_REQUEST (object);

  g_free (self->prompt);
  g_free (self->model);
  g_free (self->size);
  g_ptr_array_unref (self->references);
  g_clear_pointer (&self->mask, easel_reference_unref);

  G_OBJECT_CLASS (easel_request_parent_class)->finalize (object);
}

static void
easel_request_class_init (EaselRequestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = easel_request_finalize;
}

static void
easel_request_init (EaselRequest *self)
{
  self->prompt = g_strdup ("");
  self->size = g_strdup ("auto");
  self->resolution = EASEL_RESOLUTION_1K;
  self->quality = EASEL_QUALITY_AUTO;
  self->output_format = EASEL_OUTPUT_FORMAT_PNG;
  self->output_compression = -1;
  self->background = EASEL_BACKGROUND_AUTO;
  self->moderation = EASEL_MODERATION_AUTO;
  self->n = 1;
  self->references = g_ptr_array_new_with_free_func ((GDestroyNotify) easel_reference_unref);
}

/**
 * easel_request_new:
 *
 * Returns: (transfer full): a request with the defaults: size auto,
 *   quality auto, PNG, one image
 */
EaselRequest *
easel_request_new (void)
{
  return g_object_new (EASEL_TYPE_REQUEST, NULL);
}

/**
 * easel_request_copy:
 * @self: a request
 *
 * Returns: (transfer full): an independent copy sharing the references
 */
EaselRequest *
easel_request_copy (EaselRequest *self)
{
  EaselRequest *copy;

  g_return_val_if_fail (EASEL_IS_REQUEST (self), NULL);

  copy = easel_request_new ();
  easel_request_set_prompt (copy, self->prompt);
  easel_request_set_model (copy, self->model);
  easel_request_set_size (copy, self->size);
  copy->resolution = self->resolution;
  copy->quality = self->quality;
  copy->output_format = self->output_format;
  copy->output_compression = self->output_compression;
  copy->background = self->background;
  copy->moderation = self->moderation;
  copy->n = self->n;
  for (guint i = 0; i < self->references->len; i++)
    easel_request_add_reference (copy, g_ptr_array_index (self->references, i));
  easel_request_set_mask (copy, self->mask);
  copy->stream = self->stream;
  copy->partial_images = self->partial_images;
  copy->async = self->async;

  return copy;
}

static void
replace_string (char       **field,
                const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

const char *
easel_request_get_prompt (EaselRequest *self)
{
  g_return_val_if_fail (EASEL_IS_REQUEST (self), NULL);
  return self->prompt;
}

void
easel_request_set_prompt (EaselRequest *self,
                          const char   *prompt)
{
  g_return_if_fail (EASEL_IS_REQUEST (self));
  replace_string (&self->prompt, prompt ? prompt : "");
}

const char *
easel_request_get_model (EaselRequest *self)
{
  g_return_val_if_fail (EASEL_IS_REQUEST (self), NULL);
  return self->model;
}

void
easel_request_set_model (EaselRequest *self,
                         const char   *model)
{
  g_return_if_fail (EASEL_IS_REQUEST (self));
  replace_string (&self->model, model && *model ? model : NULL);
}

const char *
easel_request_get_effective_model (EaselRequest *self,
                                   EaselProfile *profile)
{
  g_return_val_if_fail (EASEL_IS_REQUEST (self), NULL);
  g_return_val_if_fail (EASEL_IS_PROFILE (profile), NULL);

  return self->model ? self->model : easel_profile_get_model (profile);
}

const char *
easel_request_get_size (EaselRequest *self)
{
  g_return_val_if_fail (EASEL_IS_REQUEST (self), NULL);
  return self->size;
}

void
easel_request_set_size (EaselRequest *self,
                        const char   *size)
{
  g_return_if_fail (EASEL_IS_REQUEST (self));
  replace_string (&self->size, size && *size ? size : "auto");
}

EaselResolution
easel_request_get_resolution (EaselRequest *self)
{
  g_return_val_if_fail (EASEL_IS_REQUEST (self), EASEL_RESOLUTION_1K);
  return self->resolution;
}

void
easel_request_set_resolution (EaselRequest    *self,
                              EaselResolution  resolution)
{
  g_return_if_fail (EASEL_IS_REQUEST (self));
  self->resolution = resolution;
}

EaselQuality
easel_request_get_quality (EaselRequest *self)
{
  g_return_val_if_fail (EASEL_IS_REQUEST (self), EASEL_QUALITY_AUTO);
  return self->quality;
}

void
easel_request_set_quality (EaselRequest *self,
                           EaselQuality  quality)
{
  g_return_if_fail (EASEL_IS_REQUEST (self));
  self->quality = quality;
}

EaselOutputFormat
easel_request_get_output_format (EaselRequest *self)
{
  g_return_val_if_fail (EASEL_IS_REQUEST (self), EASEL_OUTPUT_FORMAT_PNG);
  return self->output_format;
}

void
easel_request_set_output_format (EaselRequest      *self,
                                 EaselOutputFormat  format)
{
  g_return_if_fail (EASEL_IS_REQUEST (self));
  self->output_format = format;
}

int
easel_request_get_output_compression (EaselRequest *self)
{
  g_return_val_if_fail (EASEL_IS_REQUEST (self), -1);
  return self->output_compression;
}

void
easel_request_set_output_compression (EaselRequest *self,
                                      int           compression)
{
  g_return_if_fail (EASEL_IS_REQUEST (self));
  self->output_compression = compression;
}

EaselBackground
easel_request_get_background (EaselRequest *self)
{
  g_return_val_if_fail (EASEL_IS_REQUEST (self), EASEL_BACKGROUND_AUTO);
  return self->background;
}

void
easel_request_set_background (EaselRequest    *self,
                              EaselBackground  background)
{
  g_return_if_fail (EASEL_IS_REQUEST (self));
  self->background = background;
}

EaselModeration
easel_request_get_moderation (EaselRequest *self)
{
  g_return_val_if_fail (EASEL_IS_REQUEST (self), EASEL_MODERATION_AUTO);
  return self->moderation;
}

void
easel_request_set_moderation (EaselRequest    *self,
                              EaselModeration  moderation)
{
  g_return_if_fail (EASEL_IS_REQUEST (self));
  self->moderation = moderation;
}

guint
easel_request_get_n (EaselRequest *self)
{
  g_return_val_if_fail (EASEL_IS_REQUEST (self), 1);
  return self->n;
}

void
easel_request_set_n (EaselRequest *self,
                     guint         n)
{
  g_return_if_fail (EASEL_IS_REQUEST (self));
  self->n = n;
}

/**
 * easel_request_get_references:
 * @self: a request
 *
 * Returns: (transfer none) (element-type EaselReference): the references
 */
GPtrArray *
easel_request_get_references (EaselRequest *self)
{
  g_return_val_if_fail (EASEL_IS_REQUEST (self), NULL);
  return self->references;
}

void
easel_request_add_reference (EaselRequest   *self,
                             EaselReference *reference)
{
  g_return_if_fail (EASEL_IS_REQUEST (self));
  g_return_if_fail (reference != NULL);

  g_ptr_array_add (self->references, easel_reference_ref (reference));
}

void
easel_request_clear_references (EaselRequest *self)
{
  g_return_if_fail (EASEL_IS_REQUEST (self));
  g_ptr_array_set_size (self->references, 0);
}

EaselReference *
easel_request_get_mask (EaselRequest *self)
{
  g_return_val_if_fail (EASEL_IS_REQUEST (self), NULL);
  return self->mask;
}

void
easel_request_set_mask (EaselRequest   *self,
                        EaselReference *mask)
{
  g_return_if_fail (EASEL_IS_REQUEST (self));

  if (mask != NULL)
    easel_reference_ref (mask);
  g_clear_pointer (&self->mask, easel_reference_unref);
  self->mask = mask;
}

gboolean
easel_request_get_stream (EaselRequest *self)
{
  g_return_val_if_fail (EASEL_IS_REQUEST (self), FALSE);
  return self->stream;
}

void
easel_request_set_stream (EaselRequest *self,
                          gboolean      stream)
{
  g_return_if_fail (EASEL_IS_REQUEST (self));
  self->stream = !!stream;
}

guint
easel_request_get_partial_images (EaselRequest *self)
{
  g_return_val_if_fail (EASEL_IS_REQUEST (self), 0);
  return self->partial_images;
}

void
easel_request_set_partial_images (EaselRequest *self,
                                  guint         partial_images)
{
  g_return_if_fail (EASEL_IS_REQUEST (self));
  self->partial_images = partial_images;
}

gboolean
easel_request_get_async (EaselRequest *self)
{
  g_return_val_if_fail (EASEL_IS_REQUEST (self), FALSE);
  return self->async;
}

void
easel_request_set_async (EaselRequest *self,
                         gboolean      async)
{
  g_return_if_fail (EASEL_IS_REQUEST (self));
  self->async = !!async;
}

static const char *const format_names[] = { "png", "jpeg", "webp" };
static const char *const format_types[] = { "image/png", "image/jpeg", "image/webp" };
static const char *const background_names[] = { "auto", "opaque", "transparent" };
static const char *const moderation_names[] = { "auto", "low" };

static gboolean
lookup (const char        *text,
        const char *const *names,
        guint              n_names,
        int               *value)
{
  for (guint i = 0; i < n_names; i++)
    {
      if (g_strcmp0 (text, names[i]) == 0)
        {
          *value = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
easel_output_format_to_string (EaselOutputFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (format_names), NULL);
  return format_names[format];
}

const char *
easel_output_format_to_mime_type (EaselOutputFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (format_types), NULL);
  return format_types[format];
}

gboolean
easel_output_format_from_string (const char        *text,
                                 EaselOutputFormat *format)
{
  int value;

  /* "jpg" is what people type. */
  if (g_strcmp0 (text, "jpg") == 0)
    text = "jpeg";

  if (!lookup (text, format_names, G_N_ELEMENTS (format_names), &value))
    return FALSE;

  *format = value;
  return TRUE;
}

EaselOutputFormat
easel_output_format_for_mime_type (const char *mime_type)
{
  if (g_strcmp0 (mime_type, "image/jpeg") == 0)
    return EASEL_OUTPUT_FORMAT_JPEG;
  if (g_strcmp0 (mime_type, "image/webp") == 0)
    return EASEL_OUTPUT_FORMAT_WEBP;
  return EASEL_OUTPUT_FORMAT_PNG;
}

EaselOutputFormat
easel_output_format_for_file_name (const char *name,
                                   const char *mime_type)
{
  g_autofree char *lower = g_ascii_strdown (name != NULL ? name : "", -1);
  const char *dot = strrchr (lower, '.');
  EaselOutputFormat format;

  if (dot != NULL && easel_output_format_from_string (dot + 1, &format))
    return format;
  return easel_output_format_for_mime_type (mime_type);
}

const char *
easel_background_to_string (EaselBackground background)
{
  g_return_val_if_fail (background < G_N_ELEMENTS (background_names), NULL);
  return background_names[background];
}

gboolean
easel_background_from_string (const char      *text,
                              EaselBackground *background)
{
  int value;

  if (!lookup (text, background_names, G_N_ELEMENTS (background_names), &value))
    return FALSE;

  *background = value;
  return TRUE;
}

const char *
easel_moderation_to_string (EaselModeration moderation)
{
  g_return_val_if_fail (moderation < G_N_ELEMENTS (moderation_names), NULL);
  return moderation_names[moderation];
}

gboolean
easel_moderation_from_string (const char      *text,
                              EaselModeration *moderation)
{
  int value;

  if (!lookup (text, moderation_names, G_N_ELEMENTS (moderation_names), &value))
    return FALSE;

  *moderation = value;
  return TRUE;
}
