/* easel-dialect-test.h: what the dialect tests share
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Helpers for golden tests on the bytes a dialect sends and parses: real
 * PNG images in memory, headers compared as a whole set, JSON bodies
 * compared member by member after parsing them back, multipart bodies
 * parsed back part by part. Static inline so that each test program takes
 * only what it uses. */

#pragma once

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "easel-dialect.h"
#include "easel-error.h"

/* Real PNG files, 70–72 bytes: a red 1×1, a blue 2×1, and a 2×1 mask whose
 * second pixel is transparent. Seeds elide base64 as "iVBORw0KGgo..."; the
 * tests put these in its place. */
#define TEST_PNG_RED_B64 \
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP4z8DwHwAFAAH/VscvDQAAAABJRU5ErkJggg=="
#define TEST_PNG_BLUE_B64 \
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAADklEQVR42mNgYPj/H4QBDfsD/Zo2m/EAAAAASUVORK5CYII="
#define TEST_PNG_MASK_B64 \
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAD0lEQVR42mNgYGD4D8QMAAUEAQAJfvTVAAAAAElFTkSuQmCC"

#define TEST_API_KEY "sk-test-9f8e7d6c5b4a"

static inline GBytes *
test_bytes_from_b64 (const char *b64)
{
  gsize length = 0;
  guchar *data = g_base64_decode (b64, &length);

  return g_bytes_new_take (data, length);
}

/* A loaded in-memory reference, as the job hands it to a dialect. */
static inline EaselReference *
test_reference_png (const char *b64,
                    const char *filename)
{
  g_autoptr(GBytes) bytes = test_bytes_from_b64 (b64);
  g_autoptr(GError) error = NULL;
  EaselReference *reference = easel_reference_new_for_bytes (bytes, NULL, filename);

  g_assert_true (easel_reference_load (reference, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (easel_reference_get_mime_type (reference), ==, "image/png");

  return reference;
}

static inline EaselReference *
test_reference_url (const char *url)
{
  g_autoptr(GError) error = NULL;
  EaselReference *reference = easel_reference_new_for_url (url, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reference);

  return reference;
}

static inline GBytes *
test_body (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static inline const char *
test_wire_body_text (EaselWireRequest *wire,
                     gsize            *length)
{
  g_assert_nonnull (wire->body);
  return g_bytes_get_data (wire->body, length);
}

/* The headers, as a whole: exactly these names with exactly these values,
 * NULL-terminated name/value pairs. A value of "*" only asks that the
 * header be there (a multipart boundary is random). */
static inline void
test_assert_headers (EaselWireRequest *wire,
                     ...)
{
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;
  guint expected = 0;
  guint actual = 0;
  va_list args;

  va_start (args, wire);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *want = va_arg (args, const char *);
      const char *got = soup_message_headers_get_one (wire->headers, name);

      if (got == NULL)
        g_error ("header %s is missing", name);
      if (!g_str_equal (want, "*"))
        g_assert_cmpstr (got, ==, want);
      expected++;
    }
  va_end (args);

  soup_message_headers_iter_init (&iter, wire->headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    actual++;

  g_assert_cmpuint (actual, ==, expected);
}

/* The key is in the one header that is listed as secret, and nowhere
 * else: not in the URL, not in the body, not in another header. */
static inline void
test_assert_secret (EaselWireRequest *wire,
                    const char       *header,
                    const char       *value,
                    const char       *key)
{
  SoupMessageHeadersIter iter;
  const char *name;
  const char *header_value;

  if (header == NULL)
    {
      g_assert_cmpuint (wire->secret_headers->len, ==, 0);
    }
  else
    {
      g_assert_cmpuint (wire->secret_headers->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (wire->secret_headers, 0), ==, header);
      g_assert_cmpstr (soup_message_headers_get_one (wire->headers, header), ==, value);
    }

  g_assert_null (strstr (wire->url, key));

  soup_message_headers_iter_init (&iter, wire->headers);
  while (soup_message_headers_iter_next (&iter, &name, &header_value))
    {
      if (header == NULL || g_ascii_strcasecmp (name, header) != 0)
        g_assert_null (strstr (header_value, key));
    }

  if (wire->body != NULL)
    {
      gsize length;
      const char *data = g_bytes_get_data (wire->body, &length);

      g_assert_null (g_strstr_len (data, length, key));
    }
}

static inline JsonNode *
test_parse_json (const char *data,
                 gssize      length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, data, length, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_parser_steal_root (parser);
}

/* The JSON body parsed back and compared member by member with @expected,
 * so that a missing, extra or wrong member is named in the failure. */
static inline void
test_assert_json_body (EaselWireRequest *wire,
                       const char       *expected)
{
  g_autoptr(JsonNode) want_root = test_parse_json (expected, -1);
  g_autoptr(JsonNode) got_root = NULL;
  g_autoptr(GList) names = NULL;
  JsonObject *want;
  JsonObject *got;
  const char *data;
  gsize length;

  g_assert_cmpstr (soup_message_headers_get_content_type (wire->headers, NULL), ==,
                   "application/json");
  data = test_wire_body_text (wire, &length);
  /* Compact: no pretty-printing whitespace between tokens. */
  g_assert_null (g_strstr_len (data, length, "\n"));
  g_assert_null (g_strstr_len (data, length, "\": "));
  got_root = test_parse_json (data, length);

  want = json_node_get_object (want_root);
  got = json_node_get_object (got_root);

  names = json_object_get_members (want);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *got_member = json_object_get_member (got, name);

      if (got_member == NULL)
        g_error ("JSON member “%s” is missing from %.*s", name, (int) length, data);
      if (!json_node_equal (json_object_get_member (want, name), got_member))
        g_error ("JSON member “%s” differs in %.*s", name, (int) length, data);
    }

  g_clear_pointer (&names, g_list_free);
  names = json_object_get_members (got);
  for (GList *l = names; l != NULL; l = l->next)
    {
      if (!json_object_has_member (want, l->data))
        g_error ("JSON member “%s” was not expected in %.*s", (char *) l->data,
                 (int) length, data);
    }
}

typedef struct
{
  const char *name;
  const char *filename;       /* NULL for a text field */
  const char *content_type;   /* NULL for a text field */
  const char *text;           /* a text field's value */
  const char *b64;            /* a file's bytes, as base64 */
} TestPart;

/* The multipart body parsed back with libsoup and compared part by part,
 * in order. */
static inline void
test_assert_multipart (EaselWireRequest *wire,
                       const TestPart   *parts,
                       guint             n_parts)
{
  g_autoptr(SoupMultipart) multipart = NULL;
  GHashTable *params = NULL;

  g_assert_cmpstr (soup_message_headers_get_content_type (wire->headers, &params), ==,
                   "multipart/form-data");
  g_assert_nonnull (params);
  g_assert_nonnull (g_hash_table_lookup (params, "boundary"));
  g_hash_table_unref (params);

  multipart = soup_multipart_new_from_message (wire->headers, wire->body);
  g_assert_nonnull (multipart);
  g_assert_cmpint (soup_multipart_get_length (multipart), ==, n_parts);

  for (guint i = 0; i < n_parts; i++)
    {
      SoupMessageHeaders *headers = NULL;
      GBytes *body = NULL;
      g_autofree char *disposition = NULL;
      GHashTable *disposition_params = NULL;

      g_assert_true (soup_multipart_get_part (multipart, i, &headers, &body));
      g_assert_true (soup_message_headers_get_content_disposition (headers, &disposition,
                                                                   &disposition_params));
      g_assert_cmpstr (disposition, ==, "form-data");
      g_assert_cmpstr (g_hash_table_lookup (disposition_params, "name"), ==, parts[i].name);
      g_assert_cmpstr (g_hash_table_lookup (disposition_params, "filename"), ==,
                       parts[i].filename);
      g_assert_cmpstr (soup_message_headers_get_content_type (headers, NULL), ==,
                       parts[i].content_type);
      g_hash_table_unref (disposition_params);

      if (parts[i].b64 != NULL)
        {
          g_autoptr(GBytes) want = test_bytes_from_b64 (parts[i].b64);

          g_assert_true (g_bytes_equal (body, want));
        }
      else
        {
          gsize length;
          const char *data = g_bytes_get_data (body, &length);

          g_assert_cmpmem (data, length, parts[i].text, strlen (parts[i].text));
        }
    }
}

/* An error of @code whose message holds @fragment (the gateway's own words
 * or the member it names). */
/* A submit the dialect must refuse: returns the error it gave. */
static inline GError *
test_build_submit_error (EaselProfile *profile,
                         EaselRequest *request)
{
  const EaselDialect *dialect = easel_dialect_get (easel_profile_get_dialect (profile));
  GError *error = NULL;
  EaselWireRequest *wire = dialect->build_submit (profile, request, TEST_API_KEY, &error);

  g_assert_null (wire);
  g_assert_nonnull (error);

  return error;
}

static inline void
test_assert_error (GError       *error,
                   int           code,
                   const char   *fragment)
{
  g_assert_error (error, EASEL_ERROR, code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("error message “%s” does not mention “%s”", error->message, fragment);
}

static inline EaselOutcome *
test_parse_submit (EaselProfile  *profile,
                   EaselRequest  *request,
                   guint          status,
                   const char    *content_type,
                   const char    *text,
                   GError       **error)
{
  const EaselDialect *dialect = easel_dialect_get (easel_profile_get_dialect (profile));
  g_autoptr(GBytes) body = test_body (text);

  return dialect->parse_submit (profile, request, status, content_type, body, error);
}

static inline EaselOutcome *
test_parse_poll (EaselProfile  *profile,
                 guint          status,
                 const char    *content_type,
                 const char    *text,
                 GError       **error)
{
  const EaselDialect *dialect = easel_dialect_get (easel_profile_get_dialect (profile));
  g_autoptr(GBytes) body = test_body (text);

  return dialect->parse_poll (profile, status, content_type, body, error);
}

static inline void
test_assert_image (EaselOutcome *outcome,
                   guint         index,
                   const char   *b64,
                   const char   *mime_type)
{
  EaselOutcomeImage *image;

  g_assert_cmpuint (index, <, outcome->images->len);
  image = g_ptr_array_index (outcome->images, index);
  g_assert_cmpstr (image->b64, ==, b64);
  g_assert_cmpstr (image->mime_type, ==, mime_type);
}

#define TEST_HTML_502 \
  "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n" \
  "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n"
