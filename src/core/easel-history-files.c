/* easel-history-files.c: what the history's worker does besides SQL when recording
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Thumbnails are written here, on the history's worker, so a job hands
 * over the pixbuf it made while decoding and never waits for an encoder;
 * and a generation whose first reference is an image of the history is
 * recorded as an edit of that generation, whoever made the request (the
 * window's Edit This Image, or easel-cli --image PATH). */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "easel-file-private.h"
#include "easel-history-private.h"
#include "easel-image.h"

static char *
thumbnail_name (const char *image_path,
                gboolean    has_alpha)
{
  g_autofree char *base = g_path_get_basename (image_path);
  char *dot = strrchr (base, '.');

  if (dot != NULL)
    *dot = '\0';
  return g_strconcat (base, has_alpha ? ".png" : ".jpg", NULL);
}

/* Writes @image's thumbnail into thumbs/YYYY/MM atomically and sets its
 * thumb_path. A thumbnail is a convenience: failing to write one is
 * logged, and the image is recorded without it. */
static void
write_thumbnail (EaselHistory      *self,
                 gint64             created_at,
                 EaselHistoryImage *image)
{
  g_autofree char *dir = easel_history_thumb_dir (self, created_at);
  g_autofree char *name = NULL;
  g_autofree char *target = NULL;
  g_autofree char *temp = NULL;
  g_autofree char *buffer = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_alpha = gdk_pixbuf_get_has_alpha (image->thumbnail);
  gsize length = 0;
  int saved = 0;

  if (!(has_alpha
        ? gdk_pixbuf_save_to_buffer (image->thumbnail, &buffer, &length, "png", &error,
                                     "compression", "3", NULL)
        : gdk_pixbuf_save_to_buffer (image->thumbnail, &buffer, &length, "jpeg", &error,
                                     "quality", "85", NULL)))
    {
      g_warning ("Could not encode the thumbnail of %s: %s", image->path, error->message);
      return;
    }

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_warning ("Could not make %s: %s", dir, g_strerror (errno));
      return;
    }
  temp = easel_file_write_temp (dir, ".easel-", (const guint8 *) buffer, length, NULL, &saved);
  if (temp == NULL)
    {
      g_warning ("Could not write a thumbnail in %s: %s", dir, g_strerror (saved));
      return;
    }

  name = thumbnail_name (image->path, has_alpha);
  target = g_build_filename (dir, name, NULL);
  for (guint n = 2; easel_file_rename_no_replace (temp, target) != 0; n++)
    {
      g_autofree char *stem = g_strndup (name, strrchr (name, '.') - name);

      if (errno != EEXIST || n > 100)
        {
          g_warning ("Could not name the thumbnail %s: %s", target, g_strerror (errno));
          g_unlink (temp);
          return;
        }
      g_free (target);
      target = g_strdup_printf ("%s%c%s-%u%s", dir, G_DIR_SEPARATOR, stem, n,
                                has_alpha ? ".png" : ".jpg");
    }
  easel_file_sync_directory (dir);

  g_free (image->thumb_path);
  image->thumb_path = g_steal_pointer (&target);
}

void
easel_history_write_thumbnails (EaselHistory      *self,
                                EaselHistoryEntry *entry)
{
  gint64 created_at = entry->created_at != 0 ? entry->created_at : g_get_real_time ();

  for (guint i = 0; i < entry->images->len; i++)
    {
      EaselHistoryImage *image = g_ptr_array_index (entry->images, i);

      if (image->thumb_path == NULL && image->thumbnail != NULL)
        write_thumbnail (self, created_at, image);
    }
}

/* The path of the request's first reference when it is a file, else NULL. */
char *
easel_history_first_reference_path (const char *request_json)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *references;
  JsonObject *first;

  if (request_json == NULL)
    return NULL;
  root = json_from_string (request_json, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  if (!json_object_has_member (object, "references")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "references")))
    return NULL;
  references = json_object_get_array_member (object, "references");
  if (json_array_get_length (references) == 0
      || !JSON_NODE_HOLDS_OBJECT (json_array_get_element (references, 0)))
    return NULL;
  first = json_array_get_object_element (references, 0);
  if (g_strcmp0 (json_object_get_string_member_with_default (first, "kind", ""), "file") != 0)
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (first, "location", NULL));
}

/* Writes @bytes as base/references/<sha256>.<ext> unless that file is
 * there already (the same image pasted again), and gives its path. */
static char *
keep_bytes (EaselHistory *self,
            GBytes       *bytes)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  const char *mime_type = easel_image_sniff_mime_type (data, length);
  const char *extension = g_strcmp0 (mime_type, "image/jpeg") == 0 ? "jpg"
                          : g_strcmp0 (mime_type, "image/webp") == 0 ? "webp" : "png";
  g_autofree char *digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autofree char *dir = g_build_filename (self->base_dir, "references", NULL);
  g_autofree char *name = g_strdup_printf ("%.32s.%s", digest, extension);
  g_autofree char *target = g_build_filename (dir, name, NULL);
  g_autofree char *temp = NULL;
  int saved = 0;

  if (g_file_test (target, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&target);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_warning ("Could not make %s: %s", dir, g_strerror (errno));
      return NULL;
    }
  temp = easel_file_write_temp (dir, ".easel-", data, length, NULL, &saved);
  if (temp == NULL)
    {
      g_warning ("Could not keep a pasted reference in %s: %s", dir, g_strerror (saved));
      return NULL;
    }
  if (easel_file_rename_no_replace (temp, target) != 0)
    {
      /* Another writer kept the same image meanwhile: that one stands. */
      if (errno != EEXIST)
        {
          g_warning ("Could not name %s: %s", target, g_strerror (errno));
          g_unlink (temp);
          return NULL;
        }
      g_unlink (temp);
    }
  easel_file_sync_directory (dir);
  return g_steal_pointer (&target);
}

static void
keep_reference (EaselHistory *self,
                JsonObject   *reference,
                GPtrArray    *pasted,
                guint        *next)
{
  g_autofree char *path = NULL;

  if (g_strcmp0 (json_object_get_string_member_with_default (reference, "kind", ""),
                 "bytes") != 0 || *next >= pasted->len)
    return;
  path = keep_bytes (self, g_ptr_array_index (pasted, (*next)++));
  if (path == NULL)
    return;
  json_object_set_string_member (reference, "kind", "file");
  json_object_set_string_member (reference, "location", path);
  json_object_remove_member (reference, "byte_size");
}

/* Pasted references live only in memory: kept as files, so that the
 * details can show them and Reuse Parameters brings them back. A failed
 * write leaves that reference named only, as before. */
void
easel_history_keep_pasted (EaselHistory      *self,
                           EaselHistoryEntry *entry)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  guint next = 0;

  if (entry->pasted == NULL || entry->pasted->len == 0 || entry->request_json == NULL)
    return;
  root = json_from_string (entry->request_json, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  object = json_node_get_object (root);

  if (json_object_has_member (object, "references")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "references")))
    {
      JsonArray *references = json_object_get_array_member (object, "references");

      for (guint i = 0; i < json_array_get_length (references); i++)
        if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (references, i)))
          keep_reference (self, json_array_get_object_element (references, i), entry->pasted,
                          &next);
    }
  if (json_object_has_member (object, "mask")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "mask")))
    keep_reference (self, json_object_get_object_member (object, "mask"), entry->pasted, &next);

  g_free (entry->request_json);
  entry->request_json = json_to_string (root, FALSE);
}
