/* easel-mock-transport.c: transport faults and the messages the mock holds open
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Transport faults are the ones any request can meet, whatever its dialect
 * or stage: error statuses, proxies' HTML pages, broken or endless bodies,
 * silence. Those that outlive the handler (a stall, a stream, a huge body, a
 * reset) hold their message in a MockOpen, which lets go of it when the
 * message finishes, the client disconnects, or the server is freed.
 */

#include <string.h>

#include "easel-mock-private.h"

#define FILLER_SIZE (64 * 1024)
#define DEFAULT_HUGE_SIZE (G_GUINT64_CONSTANT (300) * 1024 * 1024)
/* How much of the body a reset sends: half of it, up to this. */
#define RESET_BYTES (16 * 1024)

/* The file host's stages: what they serve is an image, not JSON. */
static gboolean
is_file_stage (MockCall *call)
{
  return call->stage == EASEL_MOCK_STAGE_DOWNLOAD || call->stage == EASEL_MOCK_STAGE_FILE;
}

/* --- messages held open ---------------------------------------------------- */

typedef struct
{
  EaselMockServer   *server;
  SoupServerMessage *msg;
  GPtrArray         *chunks;      /* a stream: its chunks, of GBytes */
  guint              next;
  guint64            remaining;   /* a huge body: filler bytes still to send */
  GBytes            *tail;        /* a huge body: what closes it */
  gboolean           completed;
  GBytes            *raw;         /* a reset: the bytes written before the close */
  guint              source_id;
  GSource           *watch;       /* a stall: the client's socket */
  gulong             finished_id;
  gulong             disconnected_id;
  gulong             wrote_chunk_id;
} MockOpen;

static void
open_close (MockOpen *open)
{
  EaselMockServer *server = open->server;

  server->open = g_list_remove (server->open, open);
  g_clear_signal_handler (&open->finished_id, open->msg);
  g_clear_signal_handler (&open->disconnected_id, open->msg);
  g_clear_signal_handler (&open->wrote_chunk_id, open->msg);
  g_clear_handle_id (&open->source_id, g_source_remove);
  if (open->watch != NULL)
    {
      g_source_destroy (open->watch);
      g_clear_pointer (&open->watch, g_source_unref);
    }
  g_clear_pointer (&open->chunks, g_ptr_array_unref);
  g_clear_pointer (&open->tail, g_bytes_unref);
  g_clear_pointer (&open->raw, g_bytes_unref);
  g_object_unref (open->msg);
  g_free (open);
}

static MockOpen *
open_new (MockCall *call)
{
  MockOpen *open = g_new0 (MockOpen, 1);

  open->server = call->server;
  open->msg = g_object_ref (call->msg);
  open->finished_id = g_signal_connect_swapped (call->msg, "finished",
                                                G_CALLBACK (open_close), open);
  open->disconnected_id = g_signal_connect_swapped (call->msg, "disconnected",
                                                    G_CALLBACK (open_close), open);
  call->server->open = g_list_prepend (call->server->open, open);

  return open;
}

void
mock_server_close_open (EaselMockServer *self)
{
  while (self->open != NULL)
    open_close (self->open->data);
}

guint
mock_server_count_open (EaselMockServer *self)
{
  return g_list_length (self->open);
}

/* Takes the connection away from libsoup and closes it, optionally after
 * writing @raw: a peer that vanishes, or one that dies mid-answer. */
static void
drop_connection (MockOpen *open,
                 GBytes   *raw)
{
  g_autoptr(SoupServerMessage) msg = g_object_ref (open->msg);
  g_autoptr(GIOStream) stream = NULL;

  open_close (open);
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    return;

  if (raw != NULL)
    {
      GOutputStream *output = g_io_stream_get_output_stream (stream);
      gsize length;
      const char *data = g_bytes_get_data (raw, &length);

      /* At most RESET_BYTES and some headers into a fresh loopback socket:
       * this fits its buffers and cannot block the main loop. */
      g_output_stream_write_all (output, data, length, NULL, NULL, NULL);
      g_output_stream_flush (output, NULL, NULL);
    }
  g_io_stream_close (stream, NULL, NULL);
}

static gboolean
reset_now (gpointer user_data)
{
  MockOpen *open = user_data;
  g_autoptr(GBytes) raw = g_bytes_ref (open->raw);

  open->source_id = 0;
  drop_connection (open, raw);

  return G_SOURCE_REMOVE;
}

/* A paused message leaves its socket unwatched, so a client that gives up
 * would stay half-closed until the server is freed; watching it lets the
 * mock let go as soon as the client does. */
static gboolean
stall_watch (GSocket      *socket,
             GIOCondition  condition,
             gpointer      user_data)
{
  MockOpen *open = user_data;
  char byte;
  GInputVector vector = { &byte, 1 };
  int flags = G_SOCKET_MSG_PEEK;
  gboolean blocking = g_socket_get_blocking (socket);
  gssize got;

  g_socket_set_blocking (socket, FALSE);
  got = g_socket_receive_message (socket, NULL, &vector, 1, NULL, NULL, &flags, NULL, NULL);
  g_socket_set_blocking (socket, blocking);

  if (got > 0)
    {
      /* More bytes, not a hang-up (a pipelined request): stop watching and
       * keep stalling until the server is freed. */
      g_clear_pointer (&open->watch, g_source_unref);
      return G_SOURCE_REMOVE;
    }

  drop_connection (open, NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
chunks_next (gpointer user_data)
{
  MockOpen *open = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (open->msg);

  soup_message_body_append_bytes (body, g_ptr_array_index (open->chunks, open->next++));
  if (open->next < open->chunks->len)
    {
      soup_server_message_unpause (open->msg);
      return G_SOURCE_CONTINUE;
    }

  open->source_id = 0;
  soup_message_body_complete (body);
  soup_server_message_unpause (open->msg);
  return G_SOURCE_REMOVE;
}

void
mock_respond_chunks (MockCall   *call,
                     const char *content_type,
                     GPtrArray  *chunks,
                     guint       interval_ms)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (call->msg);
  SoupMessageBody *body = soup_server_message_get_response_body (call->msg);
  MockOpen *open;

  g_assert (chunks->len > 0);

  soup_server_message_set_status (call->msg, 200, NULL);
  soup_message_headers_set_content_type (headers, content_type, NULL);
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  call->record->status = 200;

  soup_message_body_append_bytes (body, g_ptr_array_index (chunks, 0));
  if (chunks->len == 1)
    {
      soup_message_body_complete (body);
      return;
    }

  open = open_new (call);
  open->chunks = g_ptr_array_ref (chunks);
  open->next = 1;
  open->source_id = g_timeout_add (interval_ms, chunks_next, open);
}

/* Keeps one chunk queued ahead of the writer, so the body never sits whole
 * in memory (the response body does not accumulate) and libsoup never
 * pauses for want of data. */
static void
huge_feed (SoupServerMessage *msg,
           MockOpen          *open)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  if (open->remaining > 0)
    {
      gsize size = MIN (open->remaining, FILLER_SIZE);
      g_autoptr(GBytes) chunk = g_bytes_new_from_bytes (open->server->filler, 0, size);

      soup_message_body_append_bytes (body, chunk);
      open->remaining -= size;
    }
  else if (open->tail != NULL)
    {
      soup_message_body_append_bytes (body, open->tail);
      g_clear_pointer (&open->tail, g_bytes_unref);
    }
  else if (!open->completed)
    {
      open->completed = TRUE;
      soup_message_body_complete (body);
    }
}

/* --- sample bodies --------------------------------------------------------- */

/* A plausible success body for the request at hand, which the malformed-JSON
 * and reset faults cut short: a client then meets a body that starts out
 * exactly like the real thing. */
static JsonBuilder *
sample_success (MockCall *call)
{
  JsonBuilder *builder = json_builder_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *b64 = mock_image_base64 (call->server, 0, 1.0, "png", -1, NULL);
  g_autofree char *url = g_strdup_printf ("%s/v1/images/files/gpt-image-2/20260101/sample-1.png",
                                          call->server->file_host_url);
  gboolean poll = call->stage == EASEL_MOCK_STAGE_POLL;

  json_builder_begin_object (builder);
  switch (call->dialect)
    {
    case MOCK_OPENAI:
      json_builder_set_member_name (builder, "created");
      json_builder_add_int_value (builder, now);
      json_builder_set_member_name (builder, "data");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "b64_json");
      json_builder_add_string_value (builder, b64);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      break;

    case MOCK_ICODEEASY:
      json_builder_set_member_name (builder, poll ? "task_id" : "id");
      json_builder_add_string_value (builder, "3e0c77bb-9cbd-4c44-9549-bff1b4060623");
      json_builder_set_member_name (builder, poll ? "status" : "created");
      if (poll)
        json_builder_add_string_value (builder, "completed");
      else
        json_builder_add_int_value (builder, now);
      json_builder_set_member_name (builder, poll ? "result_url" : "data");
      if (poll)
        {
          json_builder_add_string_value (builder, url);
        }
      else
        {
          json_builder_begin_array (builder);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "url");
          json_builder_add_string_value (builder, url);
          json_builder_end_object (builder);
          json_builder_end_array (builder);
        }
      break;

    case MOCK_YYCODE:
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, poll ? "images" : "pending");
      if (poll)
        {
          json_builder_begin_array (builder);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "b64");
          json_builder_add_string_value (builder, b64);
          json_builder_set_member_name (builder, "mimeType");
          json_builder_add_string_value (builder, "image/png");
          json_builder_end_object (builder);
          json_builder_end_array (builder);
        }
      else
        {
          json_builder_add_boolean_value (builder, TRUE);
        }
      json_builder_set_member_name (builder, "jobId");
      json_builder_add_string_value (builder, "job_1782732290788_3");
      break;

    case MOCK_AIZFW:
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, "image_fd35ee52-2a98-44a6-b930-29a88ce9b8fd");
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, poll ? "completed" : "queued");
      json_builder_set_member_name (builder, poll ? "image_url" : "error");
      if (poll)
        json_builder_add_string_value (builder, url);
      else
        json_builder_add_null_value (builder);
      break;

    default:
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
      break;
    }
  json_builder_end_object (builder);

  return builder;
}

/* The body the fault spoils, with its content type; SSE for a streaming
 * openai request, a PNG at the download stage, JSON otherwise. */
static GBytes *
sample_body (MockCall    *call,
             const char **content_type)
{
  if (is_file_stage (call))
    {
      *content_type = "image/png";
      return mock_image_encode (call->server, 0, 1.0, "png", -1, NULL);
    }

  if (call->dialect == MOCK_OPENAI && call->stream)
    {
      g_autofree char *b64 = mock_image_base64 (call->server, 0, 1.0, "png", -1, NULL);
      const char *type = call->edits ? "image_edit.completed" : "image_generation.completed";
      char *text = g_strdup_printf ("event: %s\ndata: {\"type\":\"%s\",\"b64_json\":\"%s\"}\n\n",
                                    type, type, b64);
      gsize length = strlen (text);

      *content_type = "text/event-stream";
      return g_bytes_new_take (text, length);
    }
  else
    {
      g_autoptr(JsonBuilder) builder = sample_success (call);
      gsize length;
      char *data = mock_builder_to_data (builder, &length);

      *content_type = "application/json";
      return g_bytes_new_take (data, length);
    }
}

/* --- transport faults ------------------------------------------------------ */

/* Fault params are ';'-separated tokens: "2", "Wed, 21 Oct 2015 07:28:00
 * GMT", "retry-after-ms:250", "retry-after:3", "no-retry", "should-retry",
 * "none" (no retry header at all) and, for server-error, a status code. */
static void
apply_retry_tokens (MockCall   *call,
                    const char *param,
                    gboolean    default_retry_after,
                    guint      *status)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (call->msg);
  g_auto(GStrv) tokens = g_strsplit (param != NULL ? param : "", ";", -1);
  gboolean retry_header = FALSE;
  gboolean none = FALSE;

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      char *token = g_strstrip (tokens[i]);
      guint64 number;

      if (*token == '\0')
        continue;
      if (strcmp (token, "none") == 0)
        none = TRUE;
      else if (strcmp (token, "no-retry") == 0)
        soup_message_headers_replace (headers, "x-should-retry", "false");
      else if (strcmp (token, "should-retry") == 0)
        soup_message_headers_replace (headers, "x-should-retry", "true");
      else if (g_str_has_prefix (token, "retry-after-ms:"))
        {
          soup_message_headers_replace (headers, "retry-after-ms",
                                        token + strlen ("retry-after-ms:"));
          retry_header = TRUE;
        }
      else if (g_str_has_prefix (token, "retry-after:"))
        {
          soup_message_headers_replace (headers, "Retry-After", token + strlen ("retry-after:"));
          retry_header = TRUE;
        }
      else if (status != NULL && strlen (token) == 3
               && g_ascii_string_to_unsigned (token, 10, 100, 599, &number, NULL))
        *status = number;
      else
        {
          soup_message_headers_replace (headers, "Retry-After", token);
          retry_header = TRUE;
        }
    }

  if (default_retry_after && !retry_header && !none)
    soup_message_headers_replace (headers, "Retry-After", "1");
}

static void
respond_html_error (MockCall   *call,
                    const char *param)
{
  guint64 status = 502;
  guint64 number;
  const char *phrase;
  char *page;

  if (param != NULL && g_ascii_string_to_unsigned (param, 10, 400, 599, &number, NULL))
    status = number;
  phrase = mock_reason_phrase (status);
  page = g_strdup_printf ("<html>\r\n<head><title>%u %s</title></head>\r\n<body>\r\n"
                          "<center><h1>%u %s</h1></center>\r\n<hr><center>nginx</center>\r\n"
                          "</body>\r\n</html>\r\n",
                          (guint) status, phrase, (guint) status, phrase);
  mock_respond_bytes (call, status, "text/html", page, strlen (page));
}

static void
respond_malformed (MockCall *call)
{
  const char *content_type;
  g_autoptr(GBytes) sample = sample_body (call, &content_type);
  gsize length;
  const char *data = g_bytes_get_data (sample, &length);
  GString *body;

  if (is_file_stage (call) || !(call->dialect == MOCK_OPENAI && call->stream))
    {
      /* Two thirds of a real body: it opens right and never closes. */
      body = g_string_new_len (data, length * 2 / 3);
      content_type = "application/json";
    }
  else
    {
      /* A whole SSE event whose data is cut short. */
      const char *json = strstr (data, "data: ") + strlen ("data: ");
      gsize json_length = strlen (json);

      body = g_string_new_len (data, json - data);
      g_string_append_len (body, json, json_length / 2);
      g_string_append (body, "\n\n");
    }

  length = body->len;
  mock_respond_bytes (call, 200, content_type, g_string_free (body, FALSE), length);
}

static void
respond_stall (MockCall *call)
{
  MockOpen *open = open_new (call);
  GSocketAddress *remote = soup_server_message_get_remote_address (call->msg);
  GSocket *socket = remote != NULL ? g_object_get_data (G_OBJECT (remote), MOCK_SOCKET_KEY) : NULL;

  soup_server_message_pause (call->msg);
  call->record->status = 0;
  if (socket != NULL)
    {
      open->watch = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
      g_source_set_callback (open->watch, G_SOURCE_FUNC (stall_watch), open, NULL);
      g_source_attach (open->watch, NULL);
    }
}

static void
respond_reset (MockCall *call)
{
  const char *content_type;
  g_autoptr(GBytes) sample = sample_body (call, &content_type);
  gsize length;
  const char *data = g_bytes_get_data (sample, &length);
  gsize half = MIN (length / 2, RESET_BYTES);
  GString *raw = g_string_new ("HTTP/1.1 200 OK\r\n");
  MockOpen *open;

  g_string_append_printf (raw, "Content-Type: %s\r\n", content_type);
  if (g_str_equal (content_type, "text/event-stream"))
    {
      g_string_append (raw, "Transfer-Encoding: chunked\r\n\r\n");
      g_string_append_printf (raw, "%zx\r\n", half);
      g_string_append_len (raw, data, half);
      g_string_append (raw, "\r\n");
    }
  else
    {
      g_string_append_printf (raw, "Content-Length: %zu\r\n\r\n", length);
      g_string_append_len (raw, data, half);
    }

  /* Stealing the connection inside the handler would free the message
   * under libsoup's feet: pause now, act from an idle. */
  soup_server_message_pause (call->msg);
  call->record->status = 0;
  open = open_new (call);
  open->raw = g_string_free_to_bytes (raw);
  open->source_id = g_idle_add (reset_now, open);
}

static void
respond_huge (MockCall   *call,
              const char *param)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (call->msg);
  SoupMessageBody *body = soup_server_message_get_response_body (call->msg);
  g_auto(GStrv) tokens = g_strsplit (param != NULL ? param : "", ";", -1);
  guint64 size = DEFAULT_HUGE_SIZE;
  gboolean content_length = FALSE;
  g_autoptr(GBytes) head = NULL;
  g_autoptr(GBytes) tail = NULL;
  const char *content_type;
  MockOpen *open;

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      char *token = g_strstrip (tokens[i]);
      guint64 number;

      if (strcmp (token, "content-length") == 0)
        content_length = TRUE;
      else if (g_ascii_string_to_unsigned (token, 10, 1, G_MAXUINT64, &number, NULL))
        size = number;
      else if (*token != '\0')
        g_warning ("easel-mock: huge-body size \"%s\" is not a number", token);
    }

  if (call->server->filler == NULL)
    call->server->filler = g_bytes_new_take (memset (g_malloc (FILLER_SIZE), 'A', FILLER_SIZE),
                                             FILLER_SIZE);

  if (is_file_stage (call))
    {
      content_type = "image/png";
      head = g_bytes_new_static ("\x89PNG\r\n\x1a\n", 8);
      tail = g_bytes_new_static ("", 0);
    }
  else
    {
      /* A real body with a marker where the endless base64 goes. */
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *data = NULL;
      char *marker;

      json_builder_begin_object (builder);
      if (call->dialect == MOCK_YYCODE)
        {
          json_builder_set_member_name (builder, "ok");
          json_builder_add_boolean_value (builder, TRUE);
          json_builder_set_member_name (builder, "images");
          json_builder_begin_array (builder);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "b64");
        }
      else
        {
          json_builder_set_member_name (builder, "created");
          json_builder_add_int_value (builder, g_get_real_time () / G_USEC_PER_SEC);
          json_builder_set_member_name (builder, "data");
          json_builder_begin_array (builder);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "b64_json");
        }
      json_builder_add_string_value (builder, "@FILL@");
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      data = mock_builder_to_data (builder, NULL);
      marker = strstr (data, "@FILL@");
      content_type = "application/json";
      head = g_bytes_new (data, marker - data);
      tail = g_bytes_new (marker + strlen ("@FILL@"), strlen (marker + strlen ("@FILL@")));
    }

  soup_server_message_set_status (call->msg, 200, NULL);
  soup_message_headers_set_content_type (headers, content_type, NULL);
  if (content_length)
    soup_message_headers_set_content_length (headers, g_bytes_get_size (head) + size
                                                      + g_bytes_get_size (tail));
  else
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_body_set_accumulate (body, FALSE);
  call->record->status = 200;

  open = open_new (call);
  open->remaining = size;
  open->tail = g_bytes_ref (tail);
  open->wrote_chunk_id = g_signal_connect (call->msg, "wrote-chunk", G_CALLBACK (huge_feed), open);
  soup_message_body_append_bytes (body, head);
  huge_feed (call->msg, open);
}

/* Valid JSON whose "data" is DEPTH nested arrays: a parser that recurses
 * runs out of stack long before it runs out of input. */
static void
respond_deep (MockCall   *call,
              const char *param)
{
  g_auto(GStrv) tokens = g_strsplit (param != NULL ? param : "", ";", -1);
  guint64 depth = 100000;
  guint64 status = 200;
  const char *content_type = "application/json";
  GString *body = g_string_new (NULL);
  gsize length;

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      char *token = g_strstrip (tokens[i]);
      guint64 number;

      if (*token == '\0')
        continue;
      if (!g_ascii_string_to_unsigned (token, 10, 1, G_MAXUINT32, &number, NULL))
        g_warning ("easel-mock: deep-json parameter \"%s\" is not a number", token);
      else if (i == 0)
        depth = number;
      else
        status = number;
    }

  if (call->dialect == MOCK_OPENAI && call->stream && status == 200)
    {
      content_type = "text/event-stream";
      g_string_append (body, "event: image_generation.completed\ndata: ");
    }
  g_string_append (body, "{\"data\":");
  for (guint64 i = 0; i < depth; i++)
    g_string_append_c (body, '[');
  for (guint64 i = 0; i < depth; i++)
    g_string_append_c (body, ']');
  g_string_append_c (body, '}');
  if (g_str_equal (content_type, "text/event-stream"))
    g_string_append (body, "\n\n");

  length = body->len;
  mock_respond_bytes (call, status, content_type, g_string_free (body, FALSE), length);
}

void
mock_respond_fault (MockCall       *call,
                    EaselMockFault  fault,
                    const char     *param)
{
  guint status;

  call->record->fault = fault;
  g_debug ("easel-mock: %s %s gets %s", call->record->method, call->record->path,
           easel_mock_fault_to_string (fault));

  switch (fault)
    {
    case EASEL_MOCK_FAULT_RESET_MID_BODY:
      respond_reset (call);
      break;

    case EASEL_MOCK_FAULT_RATE_LIMIT:
      apply_retry_tokens (call, param, TRUE, NULL);
      mock_respond_error (call, MOCK_ERROR_RATE_LIMIT, 429, NULL,
                          "Rate limit reached for requests. Please try again later.");
      break;

    case EASEL_MOCK_FAULT_SERVER_ERROR:
      status = 500;
      apply_retry_tokens (call, param, FALSE, &status);
      mock_respond_error (call, MOCK_ERROR_SERVER, status, NULL,
                          "The server had an error while processing your request. Sorry about "
                          "that!");
      break;

    case EASEL_MOCK_FAULT_HTML_ERROR:
      respond_html_error (call, param);
      break;

    case EASEL_MOCK_FAULT_STALL:
      respond_stall (call);
      break;

    case EASEL_MOCK_FAULT_MALFORMED_JSON:
      respond_malformed (call);
      break;

    case EASEL_MOCK_FAULT_HUGE_BODY:
      respond_huge (call, param);
      break;

    case EASEL_MOCK_FAULT_AUTH:
      mock_respond_error (call, MOCK_ERROR_AUTH, 401, NULL,
                          param != NULL ? param : "Incorrect API key provided.");
      break;

    case EASEL_MOCK_FAULT_PAYMENT:
      mock_respond_error (call, MOCK_ERROR_PAYMENT, call->dialect == MOCK_OPENAI ? 429 : 402, NULL,
                          param != NULL ? param
                          : "Insufficient balance: you exceeded your current quota. Top up your "
                            "account to continue.");
      break;

    case EASEL_MOCK_FAULT_MODERATION:
      mock_respond_error (call, MOCK_ERROR_MODERATION, 403, NULL,
                          param != NULL ? param
                          : "Your request was rejected as a result of our safety system: it may "
                            "contain content that is not allowed by the content policy.");
      break;

    case EASEL_MOCK_FAULT_BAD_REQUEST:
      mock_respond_error (call, MOCK_ERROR_INVALID, 400, "size",
                          param != NULL ? param : "Invalid value for 'size'.");
      break;

    case EASEL_MOCK_FAULT_DEEP_JSON:
      respond_deep (call, param);
      break;

    default:
      g_assert_not_reached ();
    }
}
