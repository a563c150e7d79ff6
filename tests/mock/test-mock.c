/* test-mock.c: the mock gateway, checked with raw libsoup requests
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Easel's end-to-end tests trust the mock to speak each gateway's dialect
 * and to fail the way it is told to; these tests check that, byte by byte,
 * with a plain SoupSession on the same main loop as the server.
 */

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>

#include "easel-mock-server.h"

#define KEY "sk-mock-key"

typedef struct
{
  EaselMockServer *server;
  SoupSession     *session;
} Fixture;

/* --- plumbing -------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = easel_mock_server_new (&error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->server);
  fixture->session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  soup_session_abort (fixture->session);
  drain ();
  g_clear_object (&fixture->session);
  easel_mock_server_free (fixture->server);
  drain ();
}

typedef struct
{
  GBytes       *body;
  GInputStream *stream;
  GError       *error;
  gboolean      done;
} Reply;

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reply *reply = user_data;

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &reply->error);
  reply->done = TRUE;
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reply *reply = user_data;

  reply->stream = soup_session_send_finish (SOUP_SESSION (source), result, &reply->error);
  reply->done = TRUE;
}

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done, failing the test after @seconds. */
static void
wait_for (gboolean *done,
          guint     seconds)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (seconds, on_timeout, &expired);

  while (!*done && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (expired);
  g_source_remove (id);
}

static GBytes *
send_full (Fixture       *fixture,
           SoupMessage   *msg,
           GCancellable  *cancellable,
           GError       **error)
{
  Reply reply = { 0 };

  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    on_read, &reply);
  wait_for (&reply.done, 5);
  if (reply.error != NULL)
    g_propagate_error (error, reply.error);

  return reply.body;
}

static GBytes *
send (Fixture     *fixture,
      SoupMessage *msg)
{
  g_autoptr(GError) error = NULL;
  GBytes *body = send_full (fixture, msg, NULL, &error);

  g_assert_no_error (error);
  return body;
}

static char *
url_for (Fixture    *fixture,
         const char *dialect,
         const char *path)
{
  return g_strconcat (easel_mock_server_get_base_url (fixture->server, dialect), path, NULL);
}

static SoupMessage *
json_request (Fixture    *fixture,
              const char *dialect,
              const char *path,
              const char *json)
{
  g_autofree char *url = url_for (fixture, dialect, path);
  SoupMessage *msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  if (strcmp (dialect, "yycode") == 0)
    {
      soup_message_headers_append (headers, "x-demo-base-url", "https://yycode.net");
      soup_message_headers_append (headers, "x-demo-api-key", KEY);
      soup_message_headers_append (headers, "x-demo-async", "1");
    }
  else
    {
      soup_message_headers_append (headers, "Authorization", "Bearer " KEY);
    }

  return msg;
}

static SoupMessage *
get_request (const char *url,
             gboolean    with_key)
{
  SoupMessage *msg = soup_message_new ("GET", url);

  if (with_key)
    soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization",
                                 "Bearer " KEY);
  return msg;
}

static JsonObject *
parse_object (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  json_parser_load_from_data (parser, data, length, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* POSTs @json and returns the parsed answer, checking its status. */
static JsonObject *
post_json (Fixture    *fixture,
           const char *dialect,
           const char *path,
           const char *json,
           guint       status)
{
  g_autoptr(SoupMessage) msg = json_request (fixture, dialect, path, json);
  g_autoptr(GBytes) body = send (fixture, msg);

  g_assert_cmpuint (soup_message_get_status (msg), ==, status);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (msg),
                                                          NULL), ==, "application/json");
  return parse_object (body);
}

static JsonObject *
get_json (Fixture    *fixture,
          const char *url,
          gboolean    with_key,
          guint       status)
{
  g_autoptr(SoupMessage) msg = get_request (url, with_key);
  g_autoptr(GBytes) body = send (fixture, msg);

  g_assert_cmpuint (soup_message_get_status (msg), ==, status);
  return parse_object (body);
}

static GdkPixbuf *
decode_bytes (GBytes *bytes)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_loader_write_bytes (loader, bytes, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);

  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

static gboolean
is_strict_base64 (const char *text)
{
  gsize length = strlen (text);

  if (length == 0 || length % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!(g_ascii_isalnum (text[i]) || text[i] == '+' || text[i] == '/'
          || (text[i] == '=' && i >= length - 2)))
      return FALSE;

  return TRUE;
}

static GBytes *
decode_base64 (const char *text)
{
  gsize length;
  guchar *data;

  g_assert_true (is_strict_base64 (text));
  data = g_base64_decode (text, &length);
  return g_bytes_new_take (data, length);
}

static GdkPixbuf *
decode_b64_image (const char *text)
{
  g_autoptr(GBytes) bytes = decode_base64 (text);

  return decode_bytes (bytes);
}

static guint
blue_of (GdkPixbuf *pixbuf)
{
  return gdk_pixbuf_get_pixels (pixbuf)[2];
}

static GBytes *
make_png (int      width,
          int      height,
          gboolean alpha)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *buffer;
  gsize size;

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL);
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

static const char *
response_header (SoupMessage *msg,
                 const char  *name)
{
  return soup_message_headers_get_one (soup_message_get_response_headers (msg), name);
}

static const char *
error_member (JsonObject *answer,
              const char *member)
{
  JsonObject *error = json_object_get_object_member (answer, "error");

  return json_object_get_string_member (error, member);
}

/* GETs @url with "Bearer @key" and returns the parsed answer, checking its
 * status. */
static JsonObject *
get_json_with_key (Fixture    *fixture,
                   const char *url,
                   const char *key,
                   guint       status)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autofree char *value = g_strconcat ("Bearer ", key, NULL);
  g_autoptr(GBytes) body = NULL;

  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization", value);
  body = send (fixture, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, status);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (msg),
                                                          NULL), ==, "application/json");
  return parse_object (body);
}

/* --- names ----------------------------------------------------------------- */

static void
test_names (void)
{
  EaselMockFault fault;

  for (guint i = 0; i < EASEL_MOCK_N_FAULTS; i++)
    {
      const char *name = easel_mock_fault_to_string (i);

      g_assert_nonnull (name);
      g_assert_true (easel_mock_fault_from_string (name, &fault));
      g_assert_cmpint (fault, ==, i);
    }
  g_assert_cmpstr (easel_mock_fault_to_string (EASEL_MOCK_FAULT_DECOMPRESSION_BOMB), ==,
                   "decompression-bomb");
  g_assert_false (easel_mock_fault_from_string ("no-such-fault", &fault));
  g_assert_cmpstr (easel_mock_stage_to_string (EASEL_MOCK_STAGE_POLL), ==, "poll");
  g_assert_cmpstr (easel_mock_stage_to_string (EASEL_MOCK_STAGE_FILE), ==, "file");
}

static void
test_urls (Fixture       *fixture,
           gconstpointer  data)
{
  guint port = easel_mock_server_get_port (fixture->server);
  g_autofree char *openai = g_strdup_printf ("http://127.0.0.1:%u/openai/v1", port);
  g_autofree char *aizfw = g_strdup_printf ("http://127.0.0.1:%u/aizfw/kyyReactApiServer", port);

  g_assert_cmpstr (easel_mock_server_get_base_url (fixture->server, "openai"), ==, openai);
  g_assert_cmpstr (easel_mock_server_get_base_url (fixture->server, "aizfw"), ==, aizfw);
  g_assert_true (g_str_has_suffix (easel_mock_server_get_base_url (fixture->server, "icodeeasy"),
                                   "/icodeeasy/v1"));
  g_assert_true (g_str_has_suffix (easel_mock_server_get_base_url (fixture->server, "yycode"),
                                   "/yycode"));
  g_assert_null (easel_mock_server_get_base_url (fixture->server, "dall-e"));
  g_assert_true (g_str_has_prefix (easel_mock_server_get_file_host_url (fixture->server),
                                   "http://127.0.0.2:"));
}

/* --- openai ---------------------------------------------------------------- */

static void
test_openai_generations (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *json = "{\"model\":\"gpt-image-2\",\"prompt\":\"a lighthouse at dusk\",\"n\":2,"
                     "\"size\":\"1024x1536\",\"quality\":\"high\"}";
  g_autoptr(JsonObject) answer = post_json (fixture, "openai", "/images/generations", json, 200);
  JsonArray *images = json_object_get_array_member (answer, "data");
  JsonObject *usage = json_object_get_object_member (answer, "usage");
  JsonObject *details = json_object_get_object_member (usage, "input_tokens_details");
  g_autoptr(GdkPixbuf) first = NULL;
  g_autoptr(GdkPixbuf) second = NULL;
  const EaselMockRequest *request;
  g_autofree char *host = NULL;

  g_assert_cmpint (json_object_get_int_member (answer, "created"), >, 1700000000);
  g_assert_cmpuint (json_array_get_length (images), ==, 2);
  first = decode_b64_image (json_object_get_string_member (
    json_array_get_object_element (images, 0), "b64_json"));
  second = decode_b64_image (json_object_get_string_member (
    json_array_get_object_element (images, 1), "b64_json"));
  g_assert_cmpint (gdk_pixbuf_get_width (first), ==, 64);
  g_assert_cmpint (gdk_pixbuf_get_height (first), ==, 48);
  g_assert_cmpuint (blue_of (first), !=, blue_of (second));

  g_assert_cmpint (json_object_get_int_member (usage, "total_tokens"), ==,
                   json_object_get_int_member (usage, "input_tokens")
                   + json_object_get_int_member (usage, "output_tokens"));
  g_assert_cmpint (json_object_get_int_member (usage, "output_tokens"), >, 0);
  g_assert_cmpint (json_object_get_int_member (details, "text_tokens"), >, 0);
  g_assert_cmpint (json_object_get_int_member (details, "image_tokens"), ==, 0);

  request = easel_mock_server_get_last_request (fixture->server, "openai",
                                                EASEL_MOCK_STAGE_SUBMIT);
  g_assert_nonnull (request);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/openai/v1/images/generations");
  host = g_strdup_printf ("127.0.0.1:%u", easel_mock_server_get_port (fixture->server));
  g_assert_cmpstr (request->host, ==, host);
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Authorization"), ==,
                   "Bearer " KEY);
  g_assert_cmpmem (g_bytes_get_data (request->body, NULL), g_bytes_get_size (request->body),
                   json, strlen (json));
  g_assert_cmpuint (request->status, ==, 200);
  g_assert_cmpint (request->fault, ==, EASEL_MOCK_FAULT_NONE);
  g_assert_null (easel_mock_server_get_last_rejection (fixture->server));
}

static void
test_openai_formats (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) jpeg = post_json (fixture, "openai", "/images/generations",
                                          "{\"model\":\"gpt-image-2\",\"prompt\":\"x\","
                                          "\"output_format\":\"jpeg\",\"output_compression\":50}",
                                          200);
  g_autoptr(JsonObject) png = post_json (fixture, "openai", "/images/generations",
                                         "{\"model\":\"gpt-image-2\",\"prompt\":\"x\","
                                         "\"size\":\"auto\",\"background\":\"opaque\","
                                         "\"moderation\":\"low\"}", 200);
  const char *b64;
  g_autoptr(GBytes) jpeg_bytes = NULL;
  g_autoptr(GBytes) png_bytes = NULL;

  b64 = json_object_get_string_member (json_array_get_object_element (
    json_object_get_array_member (jpeg, "data"), 0), "b64_json");
  jpeg_bytes = decode_base64 (b64);
  g_assert_cmpmem (g_bytes_get_data (jpeg_bytes, NULL), 3, "\xff\xd8\xff", 3);

  b64 = json_object_get_string_member (json_array_get_object_element (
    json_object_get_array_member (png, "data"), 0), "b64_json");
  png_bytes = decode_base64 (b64);
  g_assert_cmpmem (g_bytes_get_data (png_bytes, NULL), 8, "\x89PNG\r\n\x1a\n", 8);
}

static SoupMessage *
edits_request (Fixture    *fixture,
               const char *image_field,
               guint       n_images,
               GBytes     *mask)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autofree char *url = url_for (fixture, "openai", "/images/edits");
  SoupMessage *msg;

  soup_multipart_append_form_string (multipart, "model", "gpt-image-2");
  soup_multipart_append_form_string (multipart, "prompt", "put a cat on the sofa");
  soup_multipart_append_form_string (multipart, "size", "1024x1024");
  for (guint i = 0; i < n_images; i++)
    {
      g_autoptr(GBytes) png = make_png (32, 24, FALSE);

      soup_multipart_append_form_file (multipart, image_field, "source.png", "image/png", png);
    }
  if (mask != NULL)
    soup_multipart_append_form_file (multipart, "mask", "mask.png", "image/png", mask);

  msg = soup_message_new_from_multipart (url, multipart);
  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization",
                               "Bearer " KEY);
  return msg;
}

static guint
send_status (Fixture     *fixture,
             SoupMessage *msg)
{
  g_autoptr(GBytes) body = send (fixture, msg);

  return soup_message_get_status (msg);
}

static void
test_openai_edits (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GBytes) good_mask = make_png (32, 24, TRUE);
  g_autoptr(GBytes) small_mask = make_png (16, 16, TRUE);
  g_autoptr(GBytes) opaque_mask = make_png (32, 24, FALSE);
  g_autoptr(SoupMessage) two = edits_request (fixture, "image[]", 2, good_mask);
  g_autoptr(SoupMessage) plain = edits_request (fixture, "image", 1, NULL);
  g_autoptr(SoupMessage) wrong_size = edits_request (fixture, "image[]", 1, small_mask);
  g_autoptr(SoupMessage) no_alpha = edits_request (fixture, "image[]", 1, opaque_mask);
  g_autoptr(SoupMessage) none = edits_request (fixture, "image[]", 0, NULL);
  g_autoptr(SoupMessage) too_many = edits_request (fixture, "image[]", 17, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) json_edit = NULL;
  JsonObject *details;

  body = send (fixture, two);
  g_assert_cmpuint (soup_message_get_status (two), ==, 200);
  answer = parse_object (body);
  details = json_object_get_object_member (json_object_get_object_member (answer, "usage"),
                                           "input_tokens_details");
  g_assert_cmpint (json_object_get_int_member (details, "image_tokens"), >, 0);

  g_assert_cmpuint (send_status (fixture, plain), ==, 200);
  g_assert_cmpuint (send_status (fixture, wrong_size), ==, 400);
  g_assert_nonnull (strstr (easel_mock_server_get_last_rejection (fixture->server), "16x16"));
  g_assert_cmpuint (send_status (fixture, no_alpha), ==, 400);
  g_assert_nonnull (strstr (easel_mock_server_get_last_rejection (fixture->server), "alpha"));
  g_assert_cmpuint (send_status (fixture, none), ==, 400);
  g_assert_cmpuint (send_status (fixture, too_many), ==, 400);

  /* Edits are multipart: a JSON body is refused. */
  json_edit = post_json (fixture, "openai", "/images/edits",
                         "{\"model\":\"gpt-image-2\",\"prompt\":\"x\"}", 400);
  g_assert_cmpstr (error_member (json_edit, "type"), ==, "invalid_request_error");
}

static void
test_openai_validation (Fixture       *fixture,
                        gconstpointer  data)
{
  static const struct {
    const char *json;
    const char *param;
  } refused[] = {
    { "{\"prompt\":\"x\"}", "model" },
    { "{\"model\":\"gpt-image-2\"}", "prompt" },
    { "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"n\":0}", "n" },
    { "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"n\":11}", "n" },
    { "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"n\":\"2\"}", "n" },
    { "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"size\":\"1000x1000\"}", "size" },
    { "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"size\":\"3840x1088\"}", "size" },
    { "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"size\":\"512x512\"}", "size" },
    { "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"size\":\"4096x2304\"}", "size" },
    { "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"size\":\"16:9\"}", "size" },
    { "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"quality\":\"hd\"}", "quality" },
    { "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"output_format\":\"gif\"}", "output_format" },
    { "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"output_compression\":80}",
      "output_compression" },
    { "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"output_format\":\"jpeg\","
      "\"output_compression\":101}", "output_compression" },
    { "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"background\":\"transparent\"}",
      "background" },
    { "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"moderation\":\"high\"}", "moderation" },
    { "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"input_fidelity\":\"high\"}",
      "input_fidelity" },
    { "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"resolution\":\"2k\"}", "resolution" },
    { "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"partial_images\":4}", "partial_images" },
  };
  static const char * const accepted[] = {
    "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"size\":\"3840x2160\"}",
    "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"size\":\"2160x3840\"}",
    "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"size\":\"1280x720\"}",
    "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"n\":10,\"quality\":\"low\"}",
    "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"output_format\":\"webp\","
    "\"output_compression\":0}",
  };
  g_autoptr(GString) long_prompt = g_string_new ("{\"model\":\"gpt-image-2\",\"prompt\":\"");
  g_autoptr(JsonObject) too_long = NULL;
  g_autoptr(JsonObject) not_json = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(JsonObject) answer = post_json (fixture, "openai", "/images/generations",
                                                refused[i].json, 400);

      g_test_message ("refused: %s", refused[i].json);
      g_assert_cmpstr (error_member (answer, "param"), ==, refused[i].param);
      g_assert_cmpstr (error_member (answer, "type"), ==, "invalid_request_error");
      g_assert_nonnull (error_member (answer, "message"));
      g_assert_cmpstr (easel_mock_server_get_last_rejection (fixture->server), ==,
                       error_member (answer, "message"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(JsonObject) answer = post_json (fixture, "openai", "/images/generations",
                                                accepted[i], 200);

      g_test_message ("accepted: %s", accepted[i]);
      g_assert_true (json_object_has_member (answer, "data"));
    }

  for (guint i = 0; i < 32001; i++)
    g_string_append_c (long_prompt, 'a');
  g_string_append (long_prompt, "\"}");
  too_long = post_json (fixture, "openai", "/images/generations", long_prompt->str, 400);
  g_assert_cmpstr (error_member (too_long, "param"), ==, "prompt");

  not_json = post_json (fixture, "openai", "/images/generations", "{\"model\":", 400);
  g_assert_nonnull (strstr (error_member (not_json, "message"), "parse"));
}

static void
test_openai_auth (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *url = url_for (fixture, "openai", "/images/generations");
  const char *json = "{\"model\":\"gpt-image-2\",\"prompt\":\"x\"}";
  g_autoptr(GBytes) body = g_bytes_new_static (json, strlen (json));
  g_autoptr(SoupMessage) bare = soup_message_new ("POST", url);
  g_autoptr(SoupMessage) wrong = soup_message_new ("POST", url);
  g_autoptr(GBytes) bare_body = NULL;
  g_autoptr(GBytes) wrong_body = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) old_key = NULL;
  g_autoptr(JsonObject) new_key = NULL;
  g_autoptr(SoupMessage) with_new = NULL;
  g_autoptr(GBytes) new_body = NULL;

  soup_message_set_request_body_from_bytes (bare, "application/json", body);
  bare_body = send (fixture, bare);
  g_assert_cmpuint (soup_message_get_status (bare), ==, 401);

  soup_message_set_request_body_from_bytes (wrong, "application/json", body);
  soup_message_headers_append (soup_message_get_request_headers (wrong), "Authorization",
                               "Bearer sk-wrong");
  wrong_body = send (fixture, wrong);
  g_assert_cmpuint (soup_message_get_status (wrong), ==, 401);
  answer = parse_object (wrong_body);
  g_assert_cmpstr (error_member (answer, "code"), ==, "invalid_api_key");

  easel_mock_server_set_api_key (fixture->server, "sk-other");
  g_assert_cmpstr (easel_mock_server_get_api_key (fixture->server), ==, "sk-other");
  old_key = post_json (fixture, "openai", "/images/generations", json, 401);
  with_new = soup_message_new ("POST", url);
  soup_message_set_request_body_from_bytes (with_new, "application/json", body);
  soup_message_headers_append (soup_message_get_request_headers (with_new), "Authorization",
                               "Bearer sk-other");
  new_body = send (fixture, with_new);
  g_assert_cmpuint (soup_message_get_status (with_new), ==, 200);
  new_key = parse_object (new_body);
  g_assert_true (json_object_has_member (new_key, "data"));
}

typedef struct
{
  GString *text;
  guint    reads;
  gint64   first;
  gint64   last;
} StreamRead;

static GInputStream *
send_stream (Fixture     *fixture,
             SoupMessage *msg)
{
  Reply reply = { 0 };

  soup_session_send_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, &reply);
  wait_for (&reply.done, 5);
  g_assert_no_error (reply.error);
  return reply.stream;
}

/* Reading with blocking calls would stall the server on the same main
 * loop, so read asynchronously and count what each read brought. */
typedef struct
{
  GInputStream *stream;
  StreamRead   *result;
  char          buffer[64 * 1024];
  gboolean      done;
  GError       *error;
} AsyncRead;

static void
on_chunk (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  AsyncRead *read = user_data;
  gssize got = g_input_stream_read_finish (read->stream, res, &read->error);

  if (got <= 0)
    {
      read->done = TRUE;
      return;
    }
  if (read->result->reads++ == 0)
    read->result->first = g_get_monotonic_time ();
  read->result->last = g_get_monotonic_time ();
  g_string_append_len (read->result->text, read->buffer, got);
  g_input_stream_read_async (read->stream, read->buffer, sizeof read->buffer,
                             G_PRIORITY_DEFAULT, NULL, on_chunk, read);
}

static void
read_all (Fixture     *fixture,
          SoupMessage *msg,
          StreamRead  *result,
          GError     **error)
{
  g_autoptr(GInputStream) stream = send_stream (fixture, msg);
  g_autofree AsyncRead *read = g_new0 (AsyncRead, 1);

  result->text = g_string_new (NULL);
  read->stream = stream;
  read->result = result;
  g_input_stream_read_async (stream, read->buffer, sizeof read->buffer, G_PRIORITY_DEFAULT, NULL,
                             on_chunk, read);
  wait_for (&read->done, 5);
  if (read->error != NULL)
    g_propagate_error (error, read->error);
}

static void
test_openai_stream (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SoupMessage) msg = json_request (fixture, "openai", "/images/generations",
                                             "{\"model\":\"gpt-image-2\",\"prompt\":\"x\","
                                             "\"stream\":true,\"partial_images\":2}");
  StreamRead result = { 0 };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) events = NULL;
  guint n_events = 0;

  read_all (fixture, msg, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (msg),
                                                          NULL), ==, "text/event-stream");

  /* Six chunks twenty milliseconds apart: the client sees them arrive. */
  g_assert_cmpuint (result.reads, >=, 3);
  g_assert_cmpint (result.last - result.first, >=, 40 * 1000);

  events = g_strsplit (result.text->str, "\n\n", -1);
  for (guint i = 0; events[i] != NULL; i++)
    {
      g_auto(GStrv) lines = NULL;
      g_autoptr(GBytes) json = NULL;
      g_autoptr(JsonObject) object = NULL;
      const char *type;

      if (*events[i] == '\0')
        continue;
      lines = g_strsplit (events[i], "\n", 2);
      g_assert_true (g_str_has_prefix (lines[0], "event: "));
      g_assert_true (g_str_has_prefix (lines[1], "data: "));
      json = g_bytes_new (lines[1] + 6, strlen (lines[1] + 6));
      object = parse_object (json);
      type = json_object_get_string_member (object, "type");
      g_assert_cmpstr (type, ==, lines[0] + 7);
      if (n_events < 2)
        {
          g_autoptr(GdkPixbuf) partial = NULL;

          g_assert_cmpstr (type, ==, "image_generation.partial_image");
          g_assert_cmpint (json_object_get_int_member (object, "partial_image_index"), ==,
                           n_events);
          partial = decode_b64_image (json_object_get_string_member (object, "b64_json"));
        }
      else
        {
          g_autoptr(GdkPixbuf) final = NULL;

          g_assert_cmpstr (type, ==, "image_generation.completed");
          g_assert_true (json_object_has_member (object, "usage"));
          final = decode_b64_image (json_object_get_string_member (object, "b64_json"));
        }
      n_events++;
    }
  g_assert_cmpuint (n_events, ==, 3);
  g_string_free (result.text, TRUE);
}

static void
test_openai_edit_stream (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autofree char *url = url_for (fixture, "openai", "/images/edits");
  g_autoptr(GBytes) png = make_png (32, 24, FALSE);
  g_autoptr(SoupMessage) msg = NULL;
  StreamRead result = { 0 };
  g_autoptr(GError) error = NULL;

  soup_multipart_append_form_string (multipart, "model", "gpt-image-2");
  soup_multipart_append_form_string (multipart, "prompt", "x");
  soup_multipart_append_form_string (multipart, "stream", "true");
  soup_multipart_append_form_string (multipart, "partial_images", "1");
  soup_multipart_append_form_file (multipart, "image[]", "a.png", "image/png", png);
  msg = soup_message_new_from_multipart (url, multipart);
  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization",
                               "Bearer " KEY);

  read_all (fixture, msg, &result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (result.text->str, "event: image_edit.partial_image\n"));
  g_assert_nonnull (strstr (result.text->str, "event: image_edit.completed\n"));
  g_string_free (result.text, TRUE);
}

/* --- icodeeasy ------------------------------------------------------------- */

static void
test_icodeeasy_sync (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) answer = post_json (fixture, "icodeeasy", "/images/generations",
                                            "{\"model\":\"gpt-image-2\",\"prompt\":\"x\","
                                            "\"size\":\"16:9\",\"resolution\":\"2k\","
                                            "\"quality\":\"medium\",\"n\":2}", 200);
  JsonArray *images = json_object_get_array_member (answer, "data");
  const char *url = json_object_get_string_member (json_array_get_object_element (images, 0),
                                                   "url");
  const char *id = json_object_get_string_member (answer, "id");
  const char *file_host = easel_mock_server_get_file_host_url (fixture->server);
  g_autofree char *suffix = g_strdup_printf ("/%s-1.png", id);
  g_autofree char *blob = g_strdup_printf ("%s/blob/%s-1.png", file_host, id);
  g_autoptr(SoupMessage) head = get_request (url, FALSE);
  g_autoptr(SoupMessage) follow = get_request (url, FALSE);
  g_autoptr(SoupMessage) second = NULL;
  g_autoptr(SoupMessage) leaky = get_request (url, TRUE);
  g_autoptr(GBytes) head_body = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autoptr(GBytes) second_image = NULL;
  g_autoptr(GBytes) leaky_body = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) second_pixbuf = NULL;
  g_autoptr(JsonObject) without_v1 = NULL;
  g_autofree char *without_v1_url = NULL;
  const EaselMockRequest *download;
  g_autofree char *file_authority = NULL;

  g_assert_cmpuint (json_array_get_length (images), ==, 2);
  g_assert_true (g_str_has_prefix (url, file_host));
  g_assert_true (g_str_has_prefix (url + strlen (file_host), "/v1/images/files/gpt-image-2/"));
  g_assert_true (g_str_has_suffix (url, suffix));

  /* The result URL answers 302 to the file, which needs no key. */
  soup_message_add_flags (head, SOUP_MESSAGE_NO_REDIRECT);
  head_body = send (fixture, head);
  g_assert_cmpuint (soup_message_get_status (head), ==, 302);
  g_assert_cmpstr (response_header (head, "Location"), ==, blob);

  image = send (fixture, follow);
  g_assert_cmpuint (soup_message_get_status (follow), ==, 200);
  g_assert_cmpstr (response_header (follow, "Content-Type"), ==, "image/png");
  pixbuf = decode_bytes (image);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 64);

  second = get_request (json_object_get_string_member (json_array_get_object_element (images, 1),
                                                       "url"), FALSE);
  second_image = send (fixture, second);
  second_pixbuf = decode_bytes (second_image);
  g_assert_cmpuint (blue_of (pixbuf), !=, blue_of (second_pixbuf));

  download = easel_mock_server_get_last_request (fixture->server, "icodeeasy",
                                                 EASEL_MOCK_STAGE_DOWNLOAD);
  file_authority = g_strdup (file_host + strlen ("http://"));
  g_assert_cmpstr (download->host, ==, file_authority);
  /* Three result URLs asked for; two of them followed to the file. */
  g_assert_cmpuint (easel_mock_server_count (fixture->server, "icodeeasy",
                                             EASEL_MOCK_STAGE_DOWNLOAD), ==, 3);
  g_assert_cmpuint (easel_mock_server_count (fixture->server, "icodeeasy",
                                             EASEL_MOCK_STAGE_FILE), ==, 2);
  g_assert_cmpuint (easel_mock_server_count_key_leaks (fixture->server), ==, 0);

  /* A client that sends the key to the file host is caught: on the result
   * URL and again on the blob it is redirected to. */
  leaky_body = send (fixture, leaky);
  g_assert_cmpuint (easel_mock_server_count_key_leaks (fixture->server), ==, 2);

  /* The same paths without /v1 work too. */
  without_v1_url = g_strdup_printf ("http://127.0.0.1:%u/icodeeasy/images/generations",
                                    easel_mock_server_get_port (fixture->server));
  {
    g_autoptr(SoupMessage) msg = soup_message_new ("POST", without_v1_url);
    g_autoptr(GBytes) body = g_bytes_new_static ("{\"model\":\"gpt-image-2\",\"prompt\":\"x\"}",
                                                 strlen ("{\"model\":\"gpt-image-2\","
                                                         "\"prompt\":\"x\"}"));
    g_autoptr(GBytes) reply = NULL;

    soup_message_set_request_body_from_bytes (msg, "application/json", body);
    soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization",
                                 "Bearer " KEY);
    reply = send (fixture, msg);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
    without_v1 = parse_object (reply);
    g_assert_true (json_object_has_member (without_v1, "data"));
  }
}

static void
test_icodeeasy_async (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(JsonObject) submitted = post_json (fixture, "icodeeasy", "/images/edits?async=1",
                                               "{\"model\":\"gpt-image-2\",\"prompt\":\"x\","
                                               "\"quality\":\"high\",\"image_urls\":"
                                               "[\"https://127.0.0.1/refs/photo.png\"]}", 202);
  const char *task_id = json_object_get_string_member (submitted, "task_id");
  g_autofree char *task_url = url_for (fixture, "icodeeasy", "/images/tasks/");
  g_autofree char *poll_url = g_strconcat (task_url, task_id, NULL);
  g_autoptr(JsonObject) pending = NULL;
  g_autoptr(JsonObject) done = NULL;
  g_autoptr(JsonObject) keyless = NULL;
  g_autoptr(JsonObject) unknown = NULL;
  g_autoptr(JsonObject) other = NULL;
  g_autoptr(SoupMessage) download = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autofree char *unknown_url = g_strconcat (task_url, "no-such-task", NULL);

  g_assert_cmpstr (json_object_get_string_member (submitted, "status"), ==, "pending");
  g_assert_nonnull (task_id);

  keyless = get_json (fixture, poll_url, FALSE, 401);
  g_assert_cmpstr (error_member (keyless, "type"), ==, "authentication_error");
  g_assert_cmpstr (error_member (keyless, "provider"), ==, "icodeeasy.cc");

  pending = get_json (fixture, poll_url, TRUE, 200);
  g_assert_cmpstr (json_object_get_string_member (pending, "status"), ==, "pending");
  g_assert_cmpstr (json_object_get_string_member (pending, "task_id"), ==, task_id);
  g_assert_true (json_object_get_null_member (pending, "result_url"));

  done = get_json (fixture, poll_url, TRUE, 200);
  g_assert_cmpstr (json_object_get_string_member (done, "status"), ==, "completed");
  g_assert_cmpstr (json_object_get_string_member (done, "model"), ==, "gpt-image-2");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (done, "cost"), 0.4, 1e-9);

  download = get_request (json_object_get_string_member (done, "result_url"), FALSE);
  image = send (fixture, download);
  g_assert_cmpuint (soup_message_get_status (download), ==, 200);
  g_assert_cmpmem (g_bytes_get_data (image, NULL), 8, "\x89PNG\r\n\x1a\n", 8);

  unknown = get_json (fixture, unknown_url, TRUE, 404);
  g_assert_cmpstr (error_member (unknown, "provider"), ==, "icodeeasy.cc");

  /* "true" and "yes" also ask for a task; low quality costs 0.1 an image. */
  other = post_json (fixture, "icodeeasy", "/images/generations?async=yes",
                     "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"quality\":\"low\",\"n\":3}",
                     202);
  {
    g_autofree char *url = g_strconcat (task_url, json_object_get_string_member (other, "task_id"),
                                        NULL);
    g_autoptr(JsonObject) first = get_json (fixture, url, TRUE, 200);
    g_autoptr(JsonObject) second = get_json (fixture, url, TRUE, 200);

    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (second, "cost"), 0.3, 1e-9);
  }
  g_assert_cmpuint (easel_mock_server_count (fixture->server, "icodeeasy",
                                             EASEL_MOCK_STAGE_POLL), ==, 6);
}

static void
test_icodeeasy_references (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GBytes) png = make_png (8, 8, FALSE);
  g_autofree char *b64 = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  g_autofree char *mixed = g_strdup_printf ("{\"model\":\"gpt-image-2\",\"prompt\":\"x\","
                                            "\"size\":\"4:3\",\"image_urls\":"
                                            "[\"https://127.0.0.1/refs/a.jpg\","
                                            "\"data:image/png;base64,%s\"]}", b64);
  g_autoptr(GString) many = g_string_new ("{\"model\":\"gpt-image-2\",\"prompt\":\"x\","
                                          "\"image_urls\":[");
  g_autoptr(JsonObject) ok = NULL;
  g_autoptr(JsonObject) alias = NULL;
  g_autoptr(JsonObject) http = NULL;
  g_autoptr(JsonObject) too_many = NULL;
  g_autoptr(JsonObject) bad_data = NULL;
  g_autoptr(JsonObject) b64_format = NULL;
  g_autoptr(JsonObject) bad_ratio = NULL;
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autofree char *edits_url = url_for (fixture, "icodeeasy", "/images/edits");
  g_autoptr(SoupMessage) upload = NULL;

  ok = post_json (fixture, "icodeeasy", "/images/edits", mixed, 200);
  alias = post_json (fixture, "icodeeasy", "/images/edits",
                     "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"image_input\":"
                     "[\"https://127.0.0.1/refs/a.jpg\"]}", 200);

  http = post_json (fixture, "icodeeasy", "/images/edits",
                    "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"image_urls\":"
                    "[\"http://127.0.0.1/refs/a.jpg\"]}", 400);
  g_assert_cmpstr (error_member (http, "type"), ==, "invalid_request_error");
  g_assert_cmpstr (error_member (http, "provider"), ==, "icodeeasy.cc");
  g_assert_nonnull (strstr (easel_mock_server_get_last_rejection (fixture->server), "https"));

  for (guint i = 0; i < 17; i++)
    g_string_append_printf (many, "%s\"https://127.0.0.1/refs/%u.png\"", i > 0 ? "," : "", i);
  g_string_append (many, "]}");
  too_many = post_json (fixture, "icodeeasy", "/images/edits", many->str, 400);

  bad_data = post_json (fixture, "icodeeasy", "/images/edits",
                        "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"image_urls\":"
                        "[\"data:image/png;base64,not*base64\"]}", 400);
  b64_format = post_json (fixture, "icodeeasy", "/images/generations",
                          "{\"model\":\"gpt-image-2\",\"prompt\":\"x\","
                          "\"response_format\":\"b64_json\"}", 400);
  bad_ratio = post_json (fixture, "icodeeasy", "/images/generations",
                         "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"size\":\"7:5\"}", 400);

  soup_multipart_append_form_string (multipart, "model", "gpt-image-2");
  soup_multipart_append_form_string (multipart, "prompt", "x");
  soup_multipart_append_form_string (multipart, "size", "1536x1024");
  soup_multipart_append_form_file (multipart, "image[]", "a.png", "image/png", png);
  upload = soup_message_new_from_multipart (edits_url, multipart);
  soup_message_headers_append (soup_message_get_request_headers (upload), "Authorization",
                               "Bearer " KEY);
  g_assert_cmpuint (send_status (fixture, upload), ==, 200);
}

/* --- yycode ---------------------------------------------------------------- */

static JsonObject *
yycode_poll (Fixture    *fixture,
             const char *job_id)
{
  g_autofree char *path = g_strconcat ("/api/jobs/", job_id, NULL);
  g_autofree char *url = url_for (fixture, "yycode", path);

  /* The document polls with a bare GET: no key, no demo headers. */
  return get_json (fixture, url, FALSE, 200);
}

static void
test_yycode_job (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) submitted = post_json (fixture, "yycode", "/api/images/generate",
                                               "{\"model\":\"gpt-image-2\",\"prompt\":\"x\","
                                               "\"n\":2,\"size\":\"1920x1080\","
                                               "\"quality\":\"hd\"}", 200);
  const char *job_id = json_object_get_string_member (submitted, "jobId");
  const char *request_id = json_object_get_string_member (
    json_object_get_object_member (submitted, "meta"), "requestId");
  g_autoptr(JsonObject) running = NULL;
  g_autoptr(JsonObject) done = NULL;
  JsonArray *images;
  JsonObject *image;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(JsonObject) jpeg_job = NULL;
  g_autoptr(JsonObject) jpeg_done = NULL;
  g_autoptr(JsonObject) unknown = NULL;
  g_autofree char *unknown_url = url_for (fixture, "yycode", "/api/jobs/job_0_0");

  g_assert_true (json_object_get_boolean_member (submitted, "ok"));
  g_assert_true (json_object_get_boolean_member (submitted, "pending"));
  g_assert_true (g_str_has_prefix (job_id, "job_"));
  g_assert_true (g_str_has_prefix (request_id, "req_"));

  running = yycode_poll (fixture, job_id);
  g_assert_true (json_object_get_boolean_member (running, "pending"));
  g_assert_cmpstr (json_object_get_string_member (running, "status"), ==, "running");
  g_assert_cmpstr (json_object_get_string_member (running, "jobId"), ==, job_id);

  done = yycode_poll (fixture, job_id);
  g_assert_true (json_object_get_boolean_member (done, "ok"));
  g_assert_false (json_object_has_member (done, "pending"));
  g_assert_cmpstr (json_object_get_string_member (done, "status"), ==, "succeeded");
  g_assert_true (json_object_get_null_member (done, "usage"));
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (done, "raw")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (done, "meta"),
                                                  "requestId"), ==, request_id);
  images = json_object_get_array_member (done, "images");
  g_assert_cmpuint (json_array_get_length (images), ==, 2);
  image = json_array_get_object_element (images, 0);
  g_assert_cmpstr (json_object_get_string_member (image, "mimeType"), ==, "image/png");
  g_assert_true (json_object_get_null_member (image, "filename"));
  pixbuf = decode_b64_image (json_object_get_string_member (image, "b64"));
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 48);

  jpeg_job = post_json (fixture, "yycode", "/api/images/generate",
                        "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"output_format\":\"jpeg\"}",
                        200);
  easel_mock_server_set_pending_polls (fixture->server, 0);
  {
    g_autoptr(JsonObject) jpeg_first = yycode_poll (fixture,
                                                    json_object_get_string_member (jpeg_job,
                                                                                   "jobId"));

    /* The job keeps the pending count it was made with. */
    g_assert_cmpstr (json_object_get_string_member (jpeg_first, "status"), ==, "running");
  }
  jpeg_done = yycode_poll (fixture, json_object_get_string_member (jpeg_job, "jobId"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
    json_object_get_array_member (jpeg_done, "images"), 0), "mimeType"), ==, "image/jpeg");

  unknown = get_json (fixture, unknown_url, FALSE, 404);
  g_assert_false (json_object_get_boolean_member (unknown, "ok"));

  g_assert_cmpuint (easel_mock_server_count (fixture->server, "yycode", EASEL_MOCK_STAGE_POLL),
                    ==, 5);
}

static SoupMessage *
yycode_edit (Fixture    *fixture,
             const char *field,
             guint       n_images)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autofree char *url = url_for (fixture, "yycode", "/api/images/edit");
  SoupMessageHeaders *headers;
  SoupMessage *msg;

  soup_multipart_append_form_string (multipart, "model", "gpt-image-2");
  soup_multipart_append_form_string (multipart, "prompt", "watercolour");
  soup_multipart_append_form_string (multipart, "n", "1");
  soup_multipart_append_form_string (multipart, "size", "1536x1024");
  for (guint i = 0; i < n_images; i++)
    {
      g_autoptr(GBytes) png = make_png (20, 20, FALSE);

      soup_multipart_append_form_file (multipart, field, "a.png", "image/png", png);
    }
  msg = soup_message_new_from_multipart (url, multipart);
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_append (headers, "x-demo-base-url", "https://yycode.net");
  soup_message_headers_append (headers, "x-demo-api-key", KEY);
  soup_message_headers_append (headers, "x-demo-async", "1");
  return msg;
}

static void
test_yycode_refusals (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const bad_sizes[] = { "1000x1000", "4096x1024", "3840x2176", "auto" };
  static const char * const good_sizes[] = { "1080x1920", "3840x2160", "2160x3840", "1024x1024" };
  g_autoptr(SoupMessage) edit = yycode_edit (fixture, "image", 2);
  g_autoptr(SoupMessage) bracketed = yycode_edit (fixture, "image[]", 1);
  const char *json = "{\"model\":\"gpt-image-2\",\"prompt\":\"x\"}";
  g_autoptr(GBytes) body = g_bytes_new_static (json, strlen (json));

  g_assert_cmpuint (send_status (fixture, edit), ==, 200);
  g_assert_cmpuint (send_status (fixture, bracketed), ==, 400);

  for (guint i = 0; i < G_N_ELEMENTS (bad_sizes); i++)
    {
      g_autofree char *request = g_strdup_printf ("{\"model\":\"gpt-image-2\",\"prompt\":\"x\","
                                                  "\"size\":\"%s\"}", bad_sizes[i]);
      g_autoptr(JsonObject) answer = post_json (fixture, "yycode", "/api/images/generate",
                                                request, 400);

      g_assert_false (json_object_get_boolean_member (answer, "ok"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (good_sizes); i++)
    {
      g_autofree char *request = g_strdup_printf ("{\"model\":\"gpt-image-2\",\"prompt\":\"x\","
                                                  "\"size\":\"%s\"}", good_sizes[i]);
      g_autoptr(JsonObject) answer = post_json (fixture, "yycode", "/api/images/generate",
                                                request, 200);
    }

  /* Each demo header matters. */
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *url = url_for (fixture, "yycode", "/api/images/generate");
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
      SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

      soup_message_set_request_body_from_bytes (msg, "application/json", body);
      soup_message_headers_append (headers, "x-demo-base-url",
                                   i == 0 ? "https://127.0.0.1" : "https://yycode.net");
      soup_message_headers_append (headers, "x-demo-api-key", i == 1 ? "sk-wrong" : KEY);
      if (i != 2)
        soup_message_headers_append (headers, "x-demo-async", "1");
      if (i == 3)
        soup_message_headers_remove (headers, "x-demo-api-key");
      g_assert_cmpuint (send_status (fixture, msg), ==, i == 0 || i == 2 ? 400 : 401);
    }
}

/* --- aizfw ----------------------------------------------------------------- */

static JsonObject *
aizfw_poll (Fixture    *fixture,
            const char *id)
{
  g_autofree char *path = g_strconcat ("/v1/result/", id, NULL);
  g_autofree char *url = url_for (fixture, "aizfw", path);

  return get_json (fixture, url, TRUE, 200);
}

static void
test_aizfw_task (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) queued = NULL;
  g_autoptr(JsonObject) done = NULL;
  g_autoptr(SoupMessage) download = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autoptr(JsonObject) keyless = NULL;
  g_autofree char *keyless_url = NULL;
  const char *id;
  const char *states[] = { "queued", "processing", "processing" };

  easel_mock_server_set_pending_polls (fixture->server, 3);
  queued = post_json (fixture, "aizfw", "/v1/image2/images",
                      "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"quality\":\"high\","
                      "\"ratio\":\"16:9\",\"resolution\":\"4k\"}", 200);
  id = json_object_get_string_member (queued, "id");
  g_assert_true (g_str_has_prefix (id, "image_"));
  g_assert_cmpstr (json_object_get_string_member (queued, "object"), ==, "image");
  g_assert_cmpstr (json_object_get_string_member (queued, "model"), ==, "gpt-image-2");
  g_assert_cmpstr (json_object_get_string_member (queued, "status"), ==, "queued");
  g_assert_true (json_object_get_null_member (queued, "error"));
  g_assert_cmpint (json_object_get_int_member (queued, "created"), >, 1700000000);

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autoptr(JsonObject) pending = aizfw_poll (fixture, id);

      g_assert_cmpstr (json_object_get_string_member (pending, "status"), ==, states[i]);
      g_assert_true (json_object_get_null_member (pending, "image_url"));
    }
  done = aizfw_poll (fixture, id);
  g_assert_cmpstr (json_object_get_string_member (done, "status"), ==, "completed");
  g_assert_true (json_object_get_null_member (done, "error"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (done, "image_url"),
                                   easel_mock_server_get_file_host_url (fixture->server)));

  download = get_request (json_object_get_string_member (done, "image_url"), FALSE);
  image = send (fixture, download);
  g_assert_cmpuint (soup_message_get_status (download), ==, 200);
  g_assert_cmpmem (g_bytes_get_data (image, NULL), 8, "\x89PNG\r\n\x1a\n", 8);

  keyless_url = g_strconcat (easel_mock_server_get_base_url (fixture->server, "aizfw"),
                             "/v1/result/", id, NULL);
  keyless = get_json (fixture, keyless_url, FALSE, 401);
  g_assert_cmpstr (json_object_get_string_member (keyless, "status"), ==, "failed");
}

#define SEVEN_URLS \
  "\"https://127.0.0.1/r/1\",\"https://127.0.0.1/r/2\",\"https://127.0.0.1/r/3\"," \
  "\"https://127.0.0.1/r/4\",\"https://127.0.0.1/r/5\",\"https://127.0.0.1/r/6\"," \
  "\"https://127.0.0.1/r/7\""

static void
test_aizfw_refusals (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const failed[] = {
    "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"ratio\":\"4:3\",\"resolution\":\"4k\"}",
    "{\"model\":\"gpt-image-2-r\",\"prompt\":\"x\",\"ratio\":\"1:1\",\"resolution\":\"2k\"}",
    "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"ratio\":\"7:5\"}",
    "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"quality\":\"hd\"}",
    "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"size\":\"1000x1000\"}",
    "{\"model\":\"gpt-image-2-r\",\"prompt\":\"x\",\"size\":\"2048x2048\"}",
    "{\"model\":\"gpt-image-3\",\"prompt\":\"x\"}",
    "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"image_urls\":[\"data:image/png;base64,AAAA\"]}",
    "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"image_urls\":[" SEVEN_URLS "]}",
  };
  static const char * const accepted[] = {
    "{\"model\":\"gpt-image-2-r\",\"prompt\":\"x\",\"quality\":\"whatever\",\"image_urls\":["
    SEVEN_URLS "]}",
    "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"size\":\"3840x2160\",\"resolution\":\"4k\","
    "\"ratio\":\"4:3\"}",
    "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"ratio\":\"21:9\",\"resolution\":\"2k\"}",
  };
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) polled = NULL;
  g_autoptr(JsonObject) no_prompt = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (failed); i++)
    {
      g_autoptr(JsonObject) answer = post_json (fixture, "aizfw", "/v1/image2/images", failed[i],
                                                200);
      const char *error = json_object_get_string_member (answer, "error");

      g_test_message ("failed: %s", failed[i]);
      g_assert_cmpstr (json_object_get_string_member (answer, "status"), ==, "failed");
      g_assert_true (g_str_has_prefix (error, "Invalid request: "));
      g_assert_cmpstr (easel_mock_server_get_last_rejection (fixture->server), ==, error);
      if (i == 0)
        first = json_object_ref (answer);
    }
  g_assert_cmpstr (json_object_get_string_member (first, "error"), ==,
                   "Invalid request: resolution '4k' is not supported for ratio '4:3'");

  /* The failed task stays failed when polled. */
  polled = aizfw_poll (fixture, json_object_get_string_member (first, "id"));
  g_assert_cmpstr (json_object_get_string_member (polled, "status"), ==, "failed");

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(JsonObject) answer = post_json (fixture, "aizfw", "/v1/image2/images",
                                                accepted[i], 200);

      g_test_message ("accepted: %s", accepted[i]);
      g_assert_cmpstr (json_object_get_string_member (answer, "status"), ==, "queued");
    }

  no_prompt = post_json (fixture, "aizfw", "/v1/image2/images", "{\"model\":\"gpt-image-2\"}", 400);
  g_assert_cmpstr (json_object_get_string_member (no_prompt, "status"), ==, "failed");
}

/* --- probes ---------------------------------------------------------------- */

/* The free GETs a connection check sends: the model list, and a task, job
 * or result that does not exist. Each says whether the key was right
 * without making anything. */
static void
test_probes (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *models = url_for (fixture, "openai", "/models");
  g_autofree char *task = url_for (fixture, "icodeeasy", "/images/tasks/no-such-task");
  g_autofree char *result = url_for (fixture, "aizfw", "/v1/result/no-such-task");
  g_autofree char *job = url_for (fixture, "yycode", "/api/jobs/no-such-job");
  g_autoptr(JsonObject) list = NULL;
  g_autoptr(JsonObject) list_refused = NULL;
  g_autoptr(JsonObject) task_unknown = NULL;
  g_autoptr(JsonObject) task_refused = NULL;
  g_autoptr(JsonObject) result_unknown = NULL;
  g_autoptr(JsonObject) result_refused = NULL;
  g_autoptr(JsonObject) job_unknown = NULL;
  g_autoptr(JsonObject) job_keyless = NULL;
  JsonObject *model;
  GPtrArray *log;

  list = get_json_with_key (fixture, models, KEY, 200);
  g_assert_cmpstr (json_object_get_string_member (list, "object"), ==, "list");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (list, "data")), ==, 1);
  model = json_array_get_object_element (json_object_get_array_member (list, "data"), 0);
  g_assert_cmpstr (json_object_get_string_member (model, "id"), ==, "gpt-image-2");
  g_assert_cmpstr (json_object_get_string_member (model, "object"), ==, "model");
  list_refused = get_json_with_key (fixture, models, "sk-wrong", 401);
  g_assert_cmpstr (error_member (list_refused, "code"), ==, "invalid_api_key");

  task_unknown = get_json_with_key (fixture, task, KEY, 404);
  g_assert_cmpstr (error_member (task_unknown, "type"), ==, "not_found_error");
  g_assert_cmpstr (error_member (task_unknown, "provider"), ==, "icodeeasy.cc");
  task_refused = get_json_with_key (fixture, task, "sk-wrong", 401);
  g_assert_cmpstr (error_member (task_refused, "type"), ==, "authentication_error");

  result_unknown = get_json_with_key (fixture, result, KEY, 404);
  g_assert_cmpstr (json_object_get_string_member (result_unknown, "status"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (result_unknown, "error"), ==, "task not found");
  result_refused = get_json_with_key (fixture, result, "sk-wrong", 401);
  g_assert_cmpstr (json_object_get_string_member (result_refused, "status"), ==, "failed");

  /* yycode's job query takes no key, so a wrong one changes nothing. */
  job_unknown = get_json (fixture, job, FALSE, 404);
  g_assert_false (json_object_get_boolean_member (job_unknown, "ok"));
  g_assert_nonnull (error_member (job_unknown, "message"));
  job_keyless = get_json_with_key (fixture, job, "sk-wrong", 404);
  g_assert_false (json_object_get_boolean_member (job_keyless, "ok"));

  log = easel_mock_server_get_requests (fixture->server);
  g_assert_cmpuint (log->len, ==, 8);
  for (guint i = 0; i < log->len; i++)
    {
      EaselMockRequest *request = g_ptr_array_index (log, i);

      g_assert_cmpstr (request->method, ==, "GET");
      g_assert_cmpint (request->stage, ==, EASEL_MOCK_STAGE_POLL);
      g_assert_nonnull (request->dialect);
    }
  g_assert_cmpuint (easel_mock_server_count (fixture->server, "openai", EASEL_MOCK_STAGE_POLL),
                    ==, 2);
  g_assert_cmpuint (easel_mock_server_count (fixture->server, "openai", EASEL_MOCK_STAGE_SUBMIT),
                    ==, 0);

  /* A POST to the list is not a route to something else. */
  {
    g_autoptr(JsonObject) wrong_method = post_json (fixture, "openai", "/models", "{}", 405);

    g_assert_nonnull (error_member (wrong_method, "message"));
  }
}

/* --- faults ---------------------------------------------------------------- */

static const char *openai_json = "{\"model\":\"gpt-image-2\",\"prompt\":\"x\"}";

static void
test_fault_rate_limit (Fixture       *fixture,
                       gconstpointer  data)
{
  static const struct {
    const char *param;
    const char *retry_after;
    const char *retry_after_ms;
    const char *should_retry;
  } cases[] = {
    { NULL, "1", NULL, NULL },
    { "0", "0", NULL, NULL },
    { "2", "2", NULL, NULL },
    { "Wed, 21 Oct 2015 07:28:00 GMT", "Wed, 21 Oct 2015 07:28:00 GMT", NULL, NULL },
    { "retry-after-ms:250", NULL, "250", NULL },
    { "no-retry", "1", NULL, "false" },
    { "none", NULL, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SoupMessage) msg = json_request (fixture, "openai", "/images/generations",
                                                 openai_json);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonObject) answer = NULL;

      easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                                   EASEL_MOCK_FAULT_RATE_LIMIT, 1, cases[i].param);
      body = send (fixture, msg);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 429);
      g_assert_cmpstr (soup_message_get_reason_phrase (msg), ==, "Too Many Requests");
      g_assert_cmpstr (response_header (msg, "Retry-After"), ==, cases[i].retry_after);
      g_assert_cmpstr (response_header (msg, "retry-after-ms"), ==, cases[i].retry_after_ms);
      g_assert_cmpstr (response_header (msg, "x-should-retry"), ==, cases[i].should_retry);
      answer = parse_object (body);
      g_assert_cmpstr (error_member (answer, "code"), ==, "rate_limit_exceeded");
    }

  /* The dialect's own error shape, on another dialect and stage. */
  {
    g_autoptr(JsonObject) submitted = post_json (fixture, "icodeeasy",
                                                 "/images/generations?async=1",
                                                 openai_json, 202);
    g_autofree char *path = g_strconcat ("/images/tasks/",
                                         json_object_get_string_member (submitted, "task_id"),
                                         NULL);
    g_autofree char *url = url_for (fixture, "icodeeasy", path);
    g_autoptr(JsonObject) limited = NULL;

    easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_POLL,
                                 EASEL_MOCK_FAULT_RATE_LIMIT, 1, NULL);
    limited = get_json (fixture, url, TRUE, 429);
    g_assert_cmpstr (error_member (limited, "type"), ==, "rate_limit_error");
  }
}

static void
test_fault_server_errors (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(SoupMessage) html = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(JsonObject) plain = NULL;
  g_autoptr(JsonObject) unavailable = NULL;
  g_autoptr(JsonObject) yycode = NULL;

  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_SERVER_ERROR, 1, NULL);
  plain = post_json (fixture, "openai", "/images/generations", openai_json, 500);
  g_assert_cmpstr (error_member (plain, "type"), ==, "server_error");

  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_SERVER_ERROR, 1, "503");
  unavailable = post_json (fixture, "openai", "/images/generations", openai_json, 503);

  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_SERVER_ERROR, 1, "502");
  yycode = post_json (fixture, "yycode", "/api/images/generate", openai_json, 502);
  g_assert_false (json_object_get_boolean_member (yycode, "ok"));
  g_assert_nonnull (json_object_get_string_member (json_object_get_object_member (yycode,
                                                                                  "error"),
                                                   "message"));

  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_HTML_ERROR, 1, NULL);
  html = json_request (fixture, "aizfw", "/v1/image2/images", openai_json);
  page = send (fixture, html);
  g_assert_cmpuint (soup_message_get_status (html), ==, 502);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (html),
                                                          NULL), ==, "text/html");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (page, NULL), g_bytes_get_size (page),
                                  "<h1>502 Bad Gateway</h1>"));
}

static void
test_fault_statuses (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct {
    EaselMockFault fault;
    const char    *dialect;
    const char    *path;
    guint          status;
  } cases[] = {
    { EASEL_MOCK_FAULT_AUTH, "openai", "/images/generations", 401 },
    { EASEL_MOCK_FAULT_PAYMENT, "openai", "/images/generations", 429 },
    { EASEL_MOCK_FAULT_PAYMENT, "icodeeasy", "/images/generations", 402 },
    { EASEL_MOCK_FAULT_PAYMENT, "yycode", "/api/images/generate", 402 },
    { EASEL_MOCK_FAULT_MODERATION, "openai", "/images/generations", 403 },
    { EASEL_MOCK_FAULT_MODERATION, "aizfw", "/v1/image2/images", 403 },
    { EASEL_MOCK_FAULT_BAD_REQUEST, "icodeeasy", "/images/generations", 400 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) answer = NULL;

      easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT, cases[i].fault, 1,
                                   NULL);
      answer = post_json (fixture, cases[i].dialect, cases[i].path, openai_json, cases[i].status);
      if (cases[i].fault == EASEL_MOCK_FAULT_PAYMENT && strcmp (cases[i].dialect, "openai") == 0)
        {
          g_assert_cmpstr (error_member (answer, "code"), ==, "insufficient_quota");
          g_assert_nonnull (strstr (error_member (answer, "message"), "balance"));
        }
      if (strcmp (cases[i].dialect, "icodeeasy") == 0)
        g_assert_cmpstr (error_member (answer, "type"), ==,
                         cases[i].status == 402 ? "payment_required" : "invalid_request_error");
      g_assert_cmpint (easel_mock_server_get_last_request (fixture->server, cases[i].dialect,
                                                           EASEL_MOCK_STAGE_SUBMIT)->fault, ==,
                       cases[i].fault);
    }
}

static gboolean
cancel_later (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_fault_stall (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(SoupMessage) stalled = json_request (fixture, "openai", "/images/generations",
                                                 openai_json);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Reply reply = { 0 };
  g_autoptr(JsonObject) other = NULL;
  gboolean expired = FALSE;
  guint id;

  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT, EASEL_MOCK_FAULT_STALL,
                               1, NULL);
  soup_session_send_and_read_async (fixture->session, stalled, G_PRIORITY_DEFAULT, cancellable,
                                    on_read, &reply);

  /* While one request hangs, the main loop and the server stay responsive. */
  while (easel_mock_server_get_n_open (fixture->server) == 0)
    g_main_context_iteration (NULL, TRUE);
  other = post_json (fixture, "openai", "/images/generations", openai_json, 200);
  g_assert_false (reply.done);
  g_assert_cmpuint (easel_mock_server_get_requests (fixture->server)->len, ==, 2);
  g_assert_cmpuint (((EaselMockRequest *) g_ptr_array_index (
    easel_mock_server_get_requests (fixture->server), 0))->status, ==, 0);

  /* The client gives up; the mock notices and lets go of the message. */
  g_timeout_add (50, cancel_later, cancellable);
  wait_for (&reply.done, 5);
  g_assert_error (reply.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&reply.error);
  id = g_timeout_add_seconds (5, on_timeout, &expired);
  while (easel_mock_server_get_n_open (fixture->server) > 0 && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (expired);
  g_source_remove (id);
}

static void
test_fault_stall_free (void)
{
  g_autoptr(GError) error = NULL;
  EaselMockServer *server = easel_mock_server_new (&error);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autofree char *url = g_strconcat (easel_mock_server_get_base_url (server, "openai"),
                                      "/images/generations", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = g_bytes_new_static (openai_json, strlen (openai_json));
  Reply reply = { 0 };

  g_assert_no_error (error);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  easel_mock_server_set_fault (server, EASEL_MOCK_STAGE_SUBMIT, EASEL_MOCK_FAULT_STALL, 0, NULL);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_read, &reply);
  while (easel_mock_server_get_n_open (server) == 0)
    g_main_context_iteration (NULL, TRUE);

  /* Freeing the server with a stalled request in flight ends it cleanly. */
  easel_mock_server_free (server);
  wait_for (&reply.done, 5);
  g_assert_nonnull (reply.error);
  g_clear_error (&reply.error);
  soup_session_abort (session);
  drain ();
}

static void
test_fault_reset (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(SoupMessage) submit = json_request (fixture, "openai", "/images/generations",
                                                openai_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) sync = NULL;
  g_autoptr(SoupMessage) download = NULL;
  g_autoptr(GBytes) partial = NULL;
  const char *url;

  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_RESET_MID_BODY, 1, NULL);
  body = send_full (fixture, submit, NULL, &error);
  g_assert_nonnull (error);
  g_assert_null (body);
  g_assert_cmpuint (easel_mock_server_get_last_request (fixture->server, "openai",
                                                        EASEL_MOCK_STAGE_SUBMIT)->status, ==, 0);
  g_clear_error (&error);

  /* Large images too: the client shares the main loop, so the reset must
   * never block it on a full socket. */
  easel_mock_server_set_image_size (fixture->server, 2048, 2048);
  sync = post_json (fixture, "icodeeasy", "/images/generations", openai_json, 200);
  url = json_object_get_string_member (json_array_get_object_element (
    json_object_get_array_member (sync, "data"), 0), "url");
  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_DOWNLOAD,
                               EASEL_MOCK_FAULT_RESET_MID_BODY, 1, NULL);
  download = get_request (url, FALSE);
  partial = send_full (fixture, download, NULL, &error);
  g_assert_nonnull (error);
  g_assert_cmpuint (easel_mock_server_get_n_open (fixture->server), ==, 0);
}

static void
test_fault_malformed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(SoupMessage) msg = json_request (fixture, "yycode", "/api/images/generate",
                                             openai_json);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_MALFORMED_JSON, 1, NULL);
  body = send (fixture, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (msg),
                                                          NULL), ==, "application/json");
  g_assert_cmpuint (g_bytes_get_size (body), >, 0);
  g_assert_false (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                              g_bytes_get_size (body), &error));
  g_assert_nonnull (error);

  /* A streaming request gets a whole SSE event whose data is cut short. */
  {
    g_autoptr(SoupMessage) stream = json_request (fixture, "openai", "/images/generations",
                                                  "{\"model\":\"gpt-image-2\",\"prompt\":\"x\","
                                                  "\"stream\":true}");
    g_autoptr(GBytes) events = NULL;
    g_autoptr(JsonParser) data_parser = json_parser_new ();
    g_autoptr(GError) data_error = NULL;
    g_autofree char *text = NULL;
    char *json_text;

    easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                                 EASEL_MOCK_FAULT_MALFORMED_JSON, 1, NULL);
    events = send (fixture, stream);
    g_assert_cmpstr (soup_message_headers_get_content_type (
      soup_message_get_response_headers (stream), NULL), ==, "text/event-stream");
    text = g_strndup (g_bytes_get_data (events, NULL), g_bytes_get_size (events));
    g_assert_true (g_str_has_prefix (text, "event: image_generation.completed\ndata: {"));
    g_assert_true (g_str_has_suffix (text, "\n\n"));
    json_text = strstr (text, "data: ") + strlen ("data: ");
    *strstr (json_text, "\n\n") = '\0';
    g_assert_false (json_parser_load_from_data (data_parser, json_text, -1, &data_error));
  }
}

static const char *
first_b64 (JsonObject *answer)
{
  return json_object_get_string_member (json_array_get_object_element (
    json_object_get_array_member (answer, "data"), 0), "b64_json");
}

static void
test_fault_images (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(JsonObject) bad = NULL;
  g_autoptr(JsonObject) not_image = NULL;
  g_autoptr(JsonObject) empty = NULL;
  g_autoptr(GBytes) not_image_bytes = NULL;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;

  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_BAD_BASE64, 1, NULL);
  bad = post_json (fixture, "openai", "/images/generations", openai_json, 200);
  g_assert_false (is_strict_base64 (first_b64 (bad)));

  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_NOT_AN_IMAGE, 1, NULL);
  not_image = post_json (fixture, "openai", "/images/generations", openai_json, 200);
  not_image_bytes = decode_base64 (first_b64 (not_image));
  g_assert_false (gdk_pixbuf_loader_write_bytes (loader, not_image_bytes, &error)
                  && gdk_pixbuf_loader_close (loader, &error));
  g_assert_nonnull (error);

  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_NO_IMAGES, 1, NULL);
  empty = post_json (fixture, "openai", "/images/generations", openai_json, 200);
  g_assert_false (json_object_has_member (empty, "data"));
  g_assert_true (json_object_has_member (empty, "usage"));
}

static void
check_bomb (GBytes *png,
            guint   width,
            guint   height)
{
  const guint8 *data = g_bytes_get_data (png, NULL);

  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (data + 16)), ==, width);
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (data + 20)), ==, height);
}

static void
test_fault_bomb (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) big = NULL;
  g_autoptr(JsonObject) small = NULL;
  g_autoptr(GBytes) big_png = NULL;
  g_autoptr(GBytes) small_png = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;

  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_DECOMPRESSION_BOMB, 1, NULL);
  big = post_json (fixture, "openai", "/images/generations", openai_json, 200);
  big_png = decode_base64 (first_b64 (big));
  check_bomb (big_png, 30000, 30000);
  g_assert_cmpuint (g_bytes_get_size (big_png), <, 256 * 1024);

  /* The same construction at a size a test can afford to decode, to show
   * that the bomb is a valid PNG and not merely a lying header. */
  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_DECOMPRESSION_BOMB, 1, "2000x1500");
  small = post_json (fixture, "openai", "/images/generations", openai_json, 200);
  small_png = decode_base64 (first_b64 (small));
  check_bomb (small_png, 2000, 1500);
  decoded = decode_bytes (small_png);
  g_assert_cmpint (gdk_pixbuf_get_width (decoded), ==, 2000);
  g_assert_cmpint (gdk_pixbuf_get_height (decoded), ==, 1500);
}

static void
test_fault_huge (Fixture       *fixture,
                 gconstpointer  data)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SoupMessage) msg = json_request (fixture, "openai", "/images/generations",
                                                 openai_json);
      StreamRead result = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonObject) answer = NULL;
      SoupMessageHeaders *headers;

      easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                                   EASEL_MOCK_FAULT_HUGE_BODY, 1,
                                   i == 0 ? "1048576" : "1048576;content-length");
      read_all (fixture, msg, &result, &error);
      g_assert_no_error (error);
      headers = soup_message_get_response_headers (msg);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      g_assert_cmpuint (result.text->len, >, 1048576);
      if (i == 0)
        g_assert_cmpint (soup_message_headers_get_encoding (headers), ==, SOUP_ENCODING_CHUNKED);
      else
        g_assert_cmpint (soup_message_headers_get_content_length (headers), ==, result.text->len);

      /* Read to the end, it is still JSON: the size alone is the fault. */
      body = g_string_free_to_bytes (result.text);
      answer = parse_object (body);
      g_assert_cmpuint (strlen (first_b64 (answer)), ==, 1048576);
    }
  g_assert_cmpuint (easel_mock_server_get_n_open (fixture->server), ==, 0);
}

/* Submits one task to @dialect and returns its poll URL. */
static char *
submit_task (Fixture    *fixture,
             const char *dialect,
             const char *prompt)
{
  g_autofree char *json = g_strdup_printf ("{\"model\":\"gpt-image-2\",\"prompt\":\"%s\"}", prompt);
  g_autoptr(JsonObject) answer = NULL;

  if (strcmp (dialect, "yycode") == 0)
    {
      g_autofree char *path = NULL;

      answer = post_json (fixture, dialect, "/api/images/generate", json, 200);
      path = g_strconcat ("/api/jobs/", json_object_get_string_member (answer, "jobId"), NULL);
      return url_for (fixture, dialect, path);
    }
  if (strcmp (dialect, "icodeeasy") == 0)
    {
      g_autofree char *path = NULL;

      answer = post_json (fixture, dialect, "/images/generations?async=1", json, 202);
      path = g_strconcat ("/images/tasks/", json_object_get_string_member (answer, "task_id"),
                          NULL);
      return url_for (fixture, dialect, path);
    }

  {
    g_autofree char *path = NULL;

    answer = post_json (fixture, dialect, "/v1/image2/images", json, 200);
    path = g_strconcat ("/v1/result/", json_object_get_string_member (answer, "id"), NULL);
    return url_for (fixture, dialect, path);
  }
}

static void
test_fault_jobs (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *yycode = NULL;
  g_autofree char *icodeeasy = NULL;
  g_autofree char *aizfw = NULL;
  g_autofree char *endless = NULL;
  g_autoptr(JsonObject) failed = NULL;
  g_autoptr(JsonObject) task = NULL;
  g_autoptr(JsonObject) aizfw_task = NULL;
  g_autoptr(JsonObject) immediate = NULL;

  easel_mock_server_set_pending_polls (fixture->server, 0);

  /* A poll fault shows on that very poll. */
  yycode = submit_task (fixture, "yycode", "x");
  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_POLL,
                               EASEL_MOCK_FAULT_JOB_FAILURE, 1, NULL);
  failed = get_json (fixture, yycode, FALSE, 200);
  g_assert_false (json_object_get_boolean_member (failed, "ok"));
  g_assert_cmpstr (json_object_get_string_member (failed, "status"), ==, "failed");
  g_assert_nonnull (json_object_get_string_member (json_object_get_object_member (failed, "error"),
                                                   "message"));

  icodeeasy = submit_task (fixture, "icodeeasy", "x");
  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_POLL,
                               EASEL_MOCK_FAULT_JOB_FAILURE, 1, "quota exhausted upstream");
  task = get_json (fixture, icodeeasy, TRUE, 200);
  g_assert_cmpstr (json_object_get_string_member (task, "status"), ==, "failed");
  g_assert_cmpfloat (json_object_get_double_member (task, "cost"), ==, 0.0);
  g_assert_cmpstr (error_member (task, "message"), ==, "quota exhausted upstream");

  aizfw = submit_task (fixture, "aizfw", "x");
  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_POLL,
                               EASEL_MOCK_FAULT_JOB_FAILURE, 1, NULL);
  aizfw_task = get_json (fixture, aizfw, TRUE, 200);
  g_assert_cmpstr (json_object_get_string_member (aizfw_task, "status"), ==, "failed");
  g_assert_nonnull (json_object_get_string_member (aizfw_task, "error"));

  /* aizfw can fail a task in the create call itself. */
  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_JOB_FAILURE, 1, NULL);
  immediate = post_json (fixture, "aizfw", "/v1/image2/images", openai_json, 200);
  g_assert_cmpstr (json_object_get_string_member (immediate, "status"), ==, "failed");

  /* A never-ending job stays running however often it is polled. */
  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_NEVER_ENDING_JOB, 1, NULL);
  endless = submit_task (fixture, "yycode", "x");
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(JsonObject) running = get_json (fixture, endless, FALSE, 200);

      g_assert_cmpstr (json_object_get_string_member (running, "status"), ==, "running");
    }
}

static void
test_fault_job_images (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *bad = NULL;
  g_autofree char *empty = NULL;
  g_autoptr(JsonObject) bad_done = NULL;
  g_autoptr(JsonObject) empty_done = NULL;
  g_autoptr(JsonObject) sync = NULL;

  easel_mock_server_set_pending_polls (fixture->server, 0);

  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_POLL,
                               EASEL_MOCK_FAULT_BAD_BASE64, 1, NULL);
  bad = submit_task (fixture, "yycode", "x");
  bad_done = get_json (fixture, bad, FALSE, 200);
  g_assert_cmpstr (json_object_get_string_member (bad_done, "status"), ==, "succeeded");
  g_assert_false (is_strict_base64 (json_object_get_string_member (json_array_get_object_element (
    json_object_get_array_member (bad_done, "images"), 0), "b64")));

  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_NO_IMAGES, 1, NULL);
  empty = submit_task (fixture, "yycode", "x");
  empty_done = get_json (fixture, empty, FALSE, 200);
  g_assert_cmpstr (json_object_get_string_member (empty_done, "status"), ==, "succeeded");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (empty_done, "images")),
                    ==, 0);

  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_NO_IMAGES, 1, NULL);
  sync = post_json (fixture, "icodeeasy", "/images/generations", openai_json, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sync, "data")), ==, 0);
}

static char *
icodeeasy_result_url (Fixture *fixture)
{
  g_autoptr(JsonObject) sync = post_json (fixture, "icodeeasy", "/images/generations",
                                          openai_json, 200);

  return g_strdup (json_object_get_string_member (json_array_get_object_element (
    json_object_get_array_member (sync, "data"), 0), "url"));
}

static void
test_fault_downloads (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *expired = NULL;
  g_autofree char *looping = NULL;
  g_autofree char *junk = NULL;
  g_autofree char *aizfw = NULL;
  g_autoptr(JsonObject) gone = NULL;
  g_autoptr(JsonObject) still_gone = NULL;
  g_autoptr(JsonObject) aizfw_done = NULL;
  g_autoptr(JsonObject) forbidden = NULL;
  g_autoptr(SoupMessage) once = NULL;
  g_autoptr(SoupMessage) follow = NULL;
  g_autoptr(SoupMessage) junk_msg = NULL;
  g_autoptr(GBytes) once_body = NULL;
  g_autoptr(GBytes) junk_body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) follow_body = NULL;

  expired = icodeeasy_result_url (fixture);
  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_DOWNLOAD,
                               EASEL_MOCK_FAULT_EXPIRED_URL, 1, NULL);
  gone = get_json (fixture, expired, FALSE, 404);
  g_assert_cmpstr (error_member (gone, "provider"), ==, "icodeeasy.cc");
  /* Expiry is for good. */
  still_gone = get_json (fixture, expired, FALSE, 404);

  looping = icodeeasy_result_url (fixture);
  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_DOWNLOAD,
                               EASEL_MOCK_FAULT_REDIRECT_LOOP, 1, NULL);
  once = get_request (looping, FALSE);
  soup_message_add_flags (once, SOUP_MESSAGE_NO_REDIRECT);
  once_body = send (fixture, once);
  g_assert_cmpuint (soup_message_get_status (once), ==, 302);
  g_assert_cmpstr (response_header (once, "Location"), ==, looping);
  follow = get_request (looping, FALSE);
  follow_body = send_full (fixture, follow, NULL, &error);
  g_assert_error (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS);

  junk = icodeeasy_result_url (fixture);
  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_DOWNLOAD,
                               EASEL_MOCK_FAULT_NOT_AN_IMAGE, 1, NULL);
  junk_msg = get_request (junk, FALSE);
  junk_body = send (fixture, junk_msg);
  g_assert_cmpuint (soup_message_get_status (junk_msg), ==, 200);
  g_assert_cmpstr (response_header (junk_msg, "Content-Type"), ==, "image/png");
  g_assert_true (g_bytes_get_size (junk_body) > 8);
  g_assert_true (memcmp (g_bytes_get_data (junk_body, NULL), "\x89PNG", 4) != 0);

  /* One download is one DOWNLOAD request: NONE lets the first through,
   * redirect and file included, and the next download gets the fault. */
  {
    g_autofree char *url = icodeeasy_result_url (fixture);
    g_autoptr(SoupMessage) first = get_request (url, FALSE);
    g_autoptr(SoupMessage) second = get_request (url, FALSE);
    g_autoptr(SoupMessage) third = get_request (url, FALSE);

    easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_DOWNLOAD,
                                 EASEL_MOCK_FAULT_NONE, 1, NULL);
    easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_DOWNLOAD,
                                 EASEL_MOCK_FAULT_SERVER_ERROR, 1, "503");
    g_assert_cmpuint (send_status (fixture, first), ==, 200);
    g_assert_cmpuint (send_status (fixture, second), ==, 503);

    /* The file behind the redirect can fail on its own. */
    easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_FILE,
                                 EASEL_MOCK_FAULT_SERVER_ERROR, 1, NULL);
    g_assert_cmpuint (send_status (fixture, third), ==, 500);
    g_assert_cmpuint (easel_mock_server_get_last_request (fixture->server, "icodeeasy",
                                                          EASEL_MOCK_STAGE_DOWNLOAD)->status,
                      ==, 302);
  }

  /* aizfw's expired image_url answers 403; a fault met at submit sticks to
   * the task's file. */
  easel_mock_server_set_pending_polls (fixture->server, 0);
  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_EXPIRED_URL, 1, NULL);
  aizfw = submit_task (fixture, "aizfw", "x");
  aizfw_done = get_json (fixture, aizfw, TRUE, 200);
  g_assert_cmpstr (json_object_get_string_member (aizfw_done, "status"), ==, "completed");
  forbidden = get_json (fixture, json_object_get_string_member (aizfw_done, "image_url"), FALSE,
                        403);
  g_assert_cmpstr (json_object_get_string_member (forbidden, "status"), ==, "failed");
}

static void
test_fault_download_bomb (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(JsonObject) submitted = NULL;

  easel_mock_server_set_pending_polls (fixture->server, 0);
  url = submit_task (fixture, "icodeeasy", "a bomb [fault:decompression-bomb=20000x20000]");
  submitted = get_json (fixture, url, TRUE, 200);
  msg = get_request (json_object_get_string_member (submitted, "result_url"), FALSE);
  png = send (fixture, msg);
  check_bomb (png, 20000, 20000);
}

static void
test_fault_queue (Fixture       *fixture,
                  gconstpointer  data)
{
  static const guint expected[] = { 429, 429, 200 };
  g_autofree char *job = NULL;
  g_autoptr(JsonObject) failed = NULL;

  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_RATE_LIMIT, 2, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(JsonObject) answer = post_json (fixture, "openai", "/images/generations",
                                                openai_json, expected[i]);
    }

  /* NONE lets requests through first; then the next fault in line. */
  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT, EASEL_MOCK_FAULT_NONE, 1,
                               NULL);
  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_SERVER_ERROR, 1, NULL);
  {
    g_autoptr(JsonObject) a = post_json (fixture, "openai", "/images/generations", openai_json,
                                         200);
    g_autoptr(JsonObject) b = post_json (fixture, "openai", "/images/generations", openai_json,
                                         500);
    g_autoptr(JsonObject) c = post_json (fixture, "openai", "/images/generations", openai_json,
                                         200);
  }

  /* times 0: every request until cleared. */
  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_AUTH, 0, NULL);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JsonObject) answer = post_json (fixture, "openai", "/images/generations",
                                                openai_json, 401);
    }
  easel_mock_server_clear_faults (fixture->server);
  {
    g_autoptr(JsonObject) answer = post_json (fixture, "openai", "/images/generations",
                                              openai_json, 200);
  }

  /* A fault that means nothing for openai waits for a request it fits. */
  easel_mock_server_set_pending_polls (fixture->server, 0);
  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_JOB_FAILURE, 1, NULL);
  {
    g_autoptr(JsonObject) answer = post_json (fixture, "openai", "/images/generations",
                                              openai_json, 200);

    g_assert_true (json_object_has_member (answer, "data"));
  }
  job = submit_task (fixture, "yycode", "x");
  failed = get_json (fixture, job, FALSE, 200);
  g_assert_cmpstr (json_object_get_string_member (failed, "status"), ==, "failed");
}

static void
test_prompt_faults (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) limited = NULL;
  g_autoptr(JsonObject) unavailable = NULL;
  g_autoptr(JsonObject) normal = NULL;
  g_autoptr(JsonObject) failed = NULL;
  g_autoptr(JsonObject) done = NULL;
  g_autoptr(JsonObject) gone = NULL;
  g_autoptr(SoupMessage) limited_msg = NULL;
  g_autoptr(GBytes) limited_body = NULL;
  g_autofree char *yycode = NULL;
  g_autofree char *icodeeasy = NULL;

  limited_msg = json_request (fixture, "openai", "/images/generations",
                              "{\"model\":\"gpt-image-2\","
                              "\"prompt\":\"a cat [fault:rate-limit=2]\"}");
  limited_body = send (fixture, limited_msg);
  g_assert_cmpuint (soup_message_get_status (limited_msg), ==, 429);
  g_assert_cmpstr (response_header (limited_msg, "Retry-After"), ==, "2");
  limited = parse_object (limited_body);

  unavailable = post_json (fixture, "aizfw", "/v1/image2/images",
                           "{\"model\":\"gpt-image-2\",\"prompt\":\"x [fault:server-error=503]\"}",
                           503);
  /* A name the mock does not know is ignored. */
  normal = post_json (fixture, "openai", "/images/generations",
                      "{\"model\":\"gpt-image-2\",\"prompt\":\"x [fault:sunspots]\"}", 200);

  easel_mock_server_set_pending_polls (fixture->server, 0);
  yycode = submit_task (fixture, "yycode", "a cat [fault:job-failure]");
  failed = get_json (fixture, yycode, FALSE, 200);
  g_assert_cmpstr (json_object_get_string_member (failed, "status"), ==, "failed");

  icodeeasy = submit_task (fixture, "icodeeasy", "a cat [fault:expired-url]");
  done = get_json (fixture, icodeeasy, TRUE, 200);
  g_assert_cmpstr (json_object_get_string_member (done, "status"), ==, "completed");
  gone = get_json (fixture, json_object_get_string_member (done, "result_url"), FALSE, 404);

  g_assert_cmpint (easel_mock_server_get_last_request (fixture->server, "icodeeasy",
                                                       EASEL_MOCK_STAGE_DOWNLOAD)->fault, ==,
                   EASEL_MOCK_FAULT_EXPIRED_URL);
}

/* --- the log --------------------------------------------------------------- */

static void
test_log (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(JsonObject) a = post_json (fixture, "openai", "/images/generations", openai_json, 200);
  g_autofree char *job = submit_task (fixture, "yycode", "x");
  g_autoptr(JsonObject) b = get_json (fixture, job, FALSE, 200);
  g_autoptr(JsonObject) c = post_json (fixture, "openai", "/images/generations", "{}", 400);
  g_autoptr(JsonObject) d = NULL;
  GPtrArray *requests = easel_mock_server_get_requests (fixture->server);
  EaselMockRequest *first, *poll;

  d = post_json (fixture, "openai", "/images/variations", openai_json, 404);
  {
    g_autofree char *url = url_for (fixture, "openai", "/images/generations");
    g_autoptr(JsonObject) wrong_method = get_json (fixture, url, TRUE, 405);

    g_assert_cmpstr (error_member (wrong_method, "type"), ==, "invalid_request_error");
  }

  g_assert_cmpuint (requests->len, ==, 6);
  first = g_ptr_array_index (requests, 0);
  poll = g_ptr_array_index (requests, 2);
  g_assert_cmpstr (first->dialect, ==, "openai");
  g_assert_cmpint (first->stage, ==, EASEL_MOCK_STAGE_SUBMIT);
  g_assert_cmpstr (poll->dialect, ==, "yycode");
  g_assert_cmpstr (poll->method, ==, "GET");
  g_assert_cmpint (poll->stage, ==, EASEL_MOCK_STAGE_POLL);
  g_assert_null (poll->query);
  g_assert_cmpuint (poll->status, ==, 200);

  /* The GET on the submit endpoint counts as a submit, answered 405. */
  g_assert_cmpuint (easel_mock_server_count (fixture->server, NULL, EASEL_MOCK_STAGE_SUBMIT), ==,
                    5);
  g_assert_cmpuint (easel_mock_server_count (fixture->server, "openai", EASEL_MOCK_STAGE_SUBMIT),
                    ==, 4);
  g_assert_cmpuint (easel_mock_server_count (fixture->server, "yycode", EASEL_MOCK_STAGE_POLL),
                    ==, 1);
  g_assert_cmpuint (easel_mock_server_count (fixture->server, "aizfw", EASEL_MOCK_STAGE_SUBMIT),
                    ==, 0);
  g_assert_cmpuint (((EaselMockRequest *) g_ptr_array_index (requests, 4))->status, ==, 404);
  g_assert_cmpuint (easel_mock_server_get_last_request (fixture->server, "openai",
                                                        EASEL_MOCK_STAGE_SUBMIT)->status, ==, 405);
  g_assert_nonnull (easel_mock_server_get_last_rejection (fixture->server));

  easel_mock_server_reset_log (fixture->server);
  g_assert_cmpuint (easel_mock_server_get_requests (fixture->server)->len, ==, 0);
  g_assert_cmpuint (easel_mock_server_count (fixture->server, NULL, EASEL_MOCK_STAGE_SUBMIT), ==,
                    0);
  g_assert_null (easel_mock_server_get_last_rejection (fixture->server));
  g_assert_null (easel_mock_server_get_last_request (fixture->server, NULL,
                                                     EASEL_MOCK_STAGE_POLL));
}

/* Valid JSON nested as deep as asked: checked here by counting, since a
 * recursive parser is what the fault is for. */
static void
test_fault_deep_json (Fixture       *fixture,
                      gconstpointer  data)
{
  static const struct
  {
    const char *param;
    gboolean    stream;
    guint       status;
    gsize       depth;
    const char *content_type;
  } cases[] = {
    { NULL, FALSE, 200, 100000, "application/json" },
    { "1000;500", FALSE, 500, 1000, "application/json" },
    { "20", TRUE, 200, 20, "text/event-stream" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SoupMessage) msg = json_request (fixture, "openai", "/images/generations",
                                                 cases[i].stream
                                                 ? "{\"model\":\"gpt-image-2\",\"prompt\":\"x\","
                                                   "\"stream\":true}"
                                                 : openai_json);
      g_autoptr(GBytes) body = NULL;
      g_autofree char *text = NULL;
      const char *expected = "{\"data\":";
      const char *json;

      easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                                   EASEL_MOCK_FAULT_DEEP_JSON, 1, cases[i].param);
      body = send (fixture, msg);
      g_assert_cmpuint (soup_message_get_status (msg), ==, cases[i].status);
      g_assert_cmpstr (soup_message_headers_get_content_type (
        soup_message_get_response_headers (msg), NULL), ==, cases[i].content_type);
      text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      json = text;
      if (cases[i].stream)
        {
          g_assert_true (g_str_has_prefix (text, "event: image_generation.completed\ndata: "));
          g_assert_true (g_str_has_suffix (text, "}\n\n"));
          json = text + strlen ("event: image_generation.completed\ndata: ");
          text[strlen (text) - 2] = '\0';
        }
      g_assert_true (g_str_has_prefix (json, expected));
      g_assert_cmpuint (strlen (json), ==, strlen (expected) + 2 * cases[i].depth + 1);
      g_assert_cmpuint (strspn (json + strlen (expected), "["), ==, cases[i].depth);
      g_assert_cmpuint (strspn (json + strlen (expected) + cases[i].depth, "]"), ==,
                        cases[i].depth);
      g_assert_cmpint (easel_mock_server_get_last_request (fixture->server, "openai",
                                                           EASEL_MOCK_STAGE_SUBMIT)->fault, ==,
                       EASEL_MOCK_FAULT_DEEP_JSON);
    }
}

/* --- delivered images ------------------------------------------------------ */

static char *
sha256_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static void
assert_delivered (Fixture *fixture,
                  guint    index,
                  GBytes  *image)
{
  GPtrArray *delivered = easel_mock_server_get_delivered_images (fixture->server);
  g_autofree char *hash = sha256_of (image);

  g_assert_cmpuint (index, <, delivered->len);
  g_assert_cmpstr (g_ptr_array_index (delivered, index), ==, hash);
}

/* Only a whole answer with good images counts: spoilt images, answers cut
 * short and refusals do not. */
static void
test_delivered (Fixture       *fixture,
                gconstpointer  data)
{
  GPtrArray *delivered = easel_mock_server_get_delivered_images (fixture->server);
  const char *json = "{\"model\":\"gpt-image-2\",\"prompt\":\"x\",\"n\":2}";
  g_autoptr(JsonObject) answer = post_json (fixture, "openai", "/images/generations", json, 200);
  JsonArray *images = json_object_get_array_member (answer, "data");
  g_autoptr(GBytes) first = decode_base64 (json_object_get_string_member (
    json_array_get_object_element (images, 0), "b64_json"));
  g_autoptr(GBytes) second = decode_base64 (json_object_get_string_member (
    json_array_get_object_element (images, 1), "b64_json"));
  g_autoptr(JsonObject) spoilt = NULL;
  g_autoptr(JsonObject) refused = NULL;
  g_autoptr(JsonObject) sync = NULL;
  g_autoptr(JsonObject) submitted = NULL;
  g_autoptr(JsonObject) done = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) polled = NULL;
  g_autoptr(SoupMessage) reset = NULL;
  g_autoptr(SoupMessage) download = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) nothing = NULL;
  const char *job_id;

  g_assert_cmpuint (delivered->len, ==, 2);
  assert_delivered (fixture, 0, first);
  assert_delivered (fixture, 1, second);

  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_NOT_AN_IMAGE, 1, NULL);
  spoilt = post_json (fixture, "openai", "/images/generations", json, 200);
  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_MODERATION, 1, NULL);
  refused = post_json (fixture, "openai", "/images/generations", json, 403);
  easel_mock_server_set_fault (fixture->server, EASEL_MOCK_STAGE_SUBMIT,
                               EASEL_MOCK_FAULT_RESET_MID_BODY, 1, NULL);
  reset = json_request (fixture, "openai", "/images/generations", json);
  nothing = send_full (fixture, reset, NULL, &error);
  g_assert_nonnull (error);
  g_assert_cmpuint (delivered->len, ==, 2);

  /* A file from the file host, reached through the result URL. */
  sync = post_json (fixture, "icodeeasy", "/images/generations",
                    "{\"model\":\"gpt-image-2\",\"prompt\":\"x\"}", 200);
  download = get_request (json_object_get_string_member (
    json_array_get_object_element (json_object_get_array_member (sync, "data"), 0), "url"), FALSE);
  file = send (fixture, download);
  g_assert_cmpuint (soup_message_get_status (download), ==, 200);
  g_assert_cmpuint (delivered->len, ==, 3);
  assert_delivered (fixture, 2, file);

  /* A job's images, when the poll that finds it done is answered. */
  submitted = post_json (fixture, "yycode", "/api/images/generate",
                         "{\"model\":\"gpt-image-2\",\"prompt\":\"x\"}", 200);
  job_id = json_object_get_string_member (submitted, "jobId");
  g_clear_pointer (&done, json_object_unref);
  done = yycode_poll (fixture, job_id);
  g_assert_cmpuint (delivered->len, ==, 3);
  g_clear_pointer (&done, json_object_unref);
  done = yycode_poll (fixture, job_id);
  polled = decode_base64 (json_object_get_string_member (
    json_array_get_object_element (json_object_get_array_member (done, "images"), 0), "b64"));
  g_assert_cmpuint (delivered->len, ==, 4);
  assert_delivered (fixture, 3, polled);

  easel_mock_server_reset_log (fixture->server);
  g_assert_cmpuint (delivered->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/mock/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/mock/names", test_names);
  ADD ("urls", test_urls);
  ADD ("openai/generations", test_openai_generations);
  ADD ("openai/formats", test_openai_formats);
  ADD ("openai/edits", test_openai_edits);
  ADD ("openai/validation", test_openai_validation);
  ADD ("openai/auth", test_openai_auth);
  ADD ("openai/stream", test_openai_stream);
  ADD ("openai/edit-stream", test_openai_edit_stream);
  ADD ("icodeeasy/sync", test_icodeeasy_sync);
  ADD ("icodeeasy/async", test_icodeeasy_async);
  ADD ("icodeeasy/references", test_icodeeasy_references);
  ADD ("yycode/job", test_yycode_job);
  ADD ("yycode/refusals", test_yycode_refusals);
  ADD ("aizfw/task", test_aizfw_task);
  ADD ("aizfw/refusals", test_aizfw_refusals);
  ADD ("probes", test_probes);
  ADD ("fault/rate-limit", test_fault_rate_limit);
  ADD ("fault/server-errors", test_fault_server_errors);
  ADD ("fault/statuses", test_fault_statuses);
  ADD ("fault/stall", test_fault_stall);
  g_test_add_func ("/mock/fault/stall-then-free", test_fault_stall_free);
  ADD ("fault/reset", test_fault_reset);
  ADD ("fault/malformed-json", test_fault_malformed);
  ADD ("fault/deep-json", test_fault_deep_json);
  ADD ("fault/images", test_fault_images);
  ADD ("fault/decompression-bomb", test_fault_bomb);
  ADD ("fault/download-bomb", test_fault_download_bomb);
  ADD ("fault/huge-body", test_fault_huge);
  ADD ("fault/jobs", test_fault_jobs);
  ADD ("fault/job-images", test_fault_job_images);
  ADD ("fault/downloads", test_fault_downloads);
  ADD ("fault/queue", test_fault_queue);
  ADD ("prompt-faults", test_prompt_faults);
  ADD ("log", test_log);
  ADD ("delivered", test_delivered);

#undef ADD

  return g_test_run ();
}
