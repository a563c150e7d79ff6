/* easel-mock-server.c: the mock gateway's listeners, routing and public API
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SoupServer on 127.0.0.1 speaks the four dialects under a path prefix
 * each; a second on 127.0.0.2 is the file host that result URLs point to, so
 * a test can tell "sent to the gateway" from "sent to the file host" by
 * address, as it could against the real services. Every request is logged
 * before anything else happens to it, then goes through the same steps a
 * gateway takes: a queued fault, the key, the prompt's fault, and the
 * dialect's own endpoint, which validates and answers.
 */

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>

#include "easel-mock-private.h"

#define DEFAULT_KEY "sk-mock-key"

const char * const mock_dialect_names[MOCK_N_DIALECTS] = {
  "openai", "icodeeasy", "yycode", "aizfw",
};

static const char * const dialect_prefixes[MOCK_N_DIALECTS] = {
  "/openai/v1", "/icodeeasy/v1", "/yycode", "/aizfw/kyyReactApiServer",
};

typedef struct
{
  MockDialect     dialect;
  const char     *path;      /* the whole path, or what comes before the id */
  gboolean        has_id;
  const char     *method;
  EaselMockStage  stage;
  gboolean        edits;
  void          (*endpoint) (MockCall *call);
} MockRoute;

/* icodeeasy accepts its paths with and without /v1 (seed 003). */
static const MockRoute routes[] = {
  { MOCK_OPENAI, "/openai/v1/images/generations", FALSE, "POST", EASEL_MOCK_STAGE_SUBMIT, FALSE,
    mock_openai_images },
  { MOCK_OPENAI, "/openai/v1/images/edits", FALSE, "POST", EASEL_MOCK_STAGE_SUBMIT, TRUE,
    mock_openai_images },
  /* The model list: a free, keyed GET, logged as a poll (it asks, and
   * creates nothing). */
  { MOCK_OPENAI, "/openai/v1/models", FALSE, "GET", EASEL_MOCK_STAGE_POLL, FALSE,
    mock_openai_models },
  { MOCK_ICODEEASY, "/icodeeasy/v1/images/generations", FALSE, "POST", EASEL_MOCK_STAGE_SUBMIT,
    FALSE, mock_icodeeasy_images },
  { MOCK_ICODEEASY, "/icodeeasy/images/generations", FALSE, "POST", EASEL_MOCK_STAGE_SUBMIT,
    FALSE, mock_icodeeasy_images },
  { MOCK_ICODEEASY, "/icodeeasy/v1/images/edits", FALSE, "POST", EASEL_MOCK_STAGE_SUBMIT, TRUE,
    mock_icodeeasy_images },
  { MOCK_ICODEEASY, "/icodeeasy/images/edits", FALSE, "POST", EASEL_MOCK_STAGE_SUBMIT, TRUE,
    mock_icodeeasy_images },
  { MOCK_ICODEEASY, "/icodeeasy/v1/images/tasks/", TRUE, "GET", EASEL_MOCK_STAGE_POLL, FALSE,
    mock_icodeeasy_task },
  { MOCK_ICODEEASY, "/icodeeasy/images/tasks/", TRUE, "GET", EASEL_MOCK_STAGE_POLL, FALSE,
    mock_icodeeasy_task },
  { MOCK_YYCODE, "/yycode/api/images/generate", FALSE, "POST", EASEL_MOCK_STAGE_SUBMIT, FALSE,
    mock_yycode_images },
  { MOCK_YYCODE, "/yycode/api/images/edit", FALSE, "POST", EASEL_MOCK_STAGE_SUBMIT, TRUE,
    mock_yycode_images },
  { MOCK_YYCODE, "/yycode/api/jobs/", TRUE, "GET", EASEL_MOCK_STAGE_POLL, FALSE,
    mock_yycode_job },
  { MOCK_AIZFW, "/aizfw/kyyReactApiServer/v1/image2/images", FALSE, "POST",
    EASEL_MOCK_STAGE_SUBMIT, FALSE, mock_aizfw_images },
  { MOCK_AIZFW, "/aizfw/kyyReactApiServer/v1/result/", TRUE, "GET", EASEL_MOCK_STAGE_POLL, FALSE,
    mock_aizfw_result },
};

static MockDialect
dialect_from_name (const char *name)
{
  for (guint i = 0; i < MOCK_N_DIALECTS; i++)
    if (g_strcmp0 (name, mock_dialect_names[i]) == 0)
      return i;

  return MOCK_NO_DIALECT;
}

guint64
mock_server_next_serial (EaselMockServer *self)
{
  return ++self->serial;
}

/* --- keys ------------------------------------------------------------------ */

static gboolean
check_key (MockCall *call)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (call->msg);
  const char *key = call->server->api_key;
  const char *sent;

  if (call->dialect == MOCK_YYCODE)
    {
      /* The job query needs no key (seed 000 polls it with a bare curl). */
      if (call->stage != EASEL_MOCK_STAGE_SUBMIT)
        return TRUE;
      sent = soup_message_headers_get_one (headers, "x-demo-api-key");
      if (sent == NULL)
        {
          mock_respond_error (call, MOCK_ERROR_AUTH, 401, NULL,
                              "Missing API key: send it in the x-demo-api-key header");
          return FALSE;
        }
      if (strcmp (sent, key) != 0)
        {
          mock_respond_error (call, MOCK_ERROR_AUTH, 401, NULL, "Invalid API key");
          return FALSE;
        }
      return TRUE;
    }

  sent = soup_message_headers_get_one (headers, "Authorization");
  if (sent == NULL || g_ascii_strncasecmp (sent, "Bearer ", strlen ("Bearer ")) != 0)
    {
      mock_respond_error (call, MOCK_ERROR_AUTH, 401, NULL,
                          "You didn't provide an API key. Send it in an Authorization header "
                          "as \"Bearer KEY\".");
      return FALSE;
    }
  if (strcmp (sent + strlen ("Bearer "), key) != 0)
    {
      mock_respond_error (call, MOCK_ERROR_AUTH, 401, NULL, "Incorrect API key provided.");
      return FALSE;
    }

  return TRUE;
}

/* --- routing --------------------------------------------------------------- */

static const MockRoute *
find_route (const char  *path,
            const char  *method,
            MockDialect *dialect,
            char       **id,
            gboolean    *wrong_method)
{
  *dialect = MOCK_NO_DIALECT;
  *wrong_method = FALSE;

  for (guint i = 0; i < MOCK_N_DIALECTS; i++)
    {
      g_autofree char *top = g_strdup_printf ("/%s/", mock_dialect_names[i]);

      if (g_str_has_prefix (path, top))
        *dialect = i;
    }

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      const MockRoute *route = &routes[i];
      gboolean match;

      if (route->has_id)
        {
          const char *rest = path + strlen (route->path);

          match = g_str_has_prefix (path, route->path) && *rest != '\0'
                  && strchr (rest, '/') == NULL;
          if (match)
            *id = g_strdup (rest);
        }
      else
        {
          match = strcmp (path, route->path) == 0;
        }

      if (!match)
        continue;
      if (strcmp (method, route->method) != 0)
        {
          *wrong_method = TRUE;
          g_clear_pointer (id, g_free);
          return route;
        }
      return route;
    }

  return NULL;
}

static void
api_handler (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  EaselMockServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const MockRoute *route;
  MockDialect dialect;
  g_autofree char *id = NULL;
  gboolean wrong_method;
  EaselMockFault fault;
  g_autofree char *param = NULL;
  MockCall call;

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                "close");
  route = find_route (path, method, &dialect, &id, &wrong_method);
  mock_call_init (&call, self, msg, query, dialect,
                  route != NULL ? route->stage
                  : strcmp (method, "POST") == 0 ? EASEL_MOCK_STAGE_SUBMIT
                  : EASEL_MOCK_STAGE_POLL);

  if (route == NULL || wrong_method)
    {
      g_autofree char *message = g_strdup_printf ("Invalid URL (%s %s)", method, path);

      if (wrong_method)
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Allow", route->method);
          mock_respond_error (&call, MOCK_ERROR_METHOD, 405, NULL, message);
        }
      else
        {
          mock_respond_error (&call, MOCK_ERROR_NOT_FOUND, 404, NULL, message);
        }
      goto out;
    }

  call.edits = route->edits;
  call.id = g_steal_pointer (&id);
  mock_call_read_body (&call);

  if (mock_call_take_fault (&call))
    goto out;
  if (!check_key (&call))
    goto out;

  /* The prompt's own fault, unless the queue already gave this request one. */
  if (call.fault == EASEL_MOCK_FAULT_NONE && call.stage == EASEL_MOCK_STAGE_SUBMIT
      && mock_prompt_fault (call.prompt, &fault, &param))
    {
      if (!mock_fault_fits (&call, fault))
        {
          g_message ("easel-mock: [fault:%s] means nothing for a %s request; ignored",
                     easel_mock_fault_to_string (fault), mock_dialect_names[call.dialect]);
        }
      else if (mock_fault_is_transport (fault))
        {
          mock_call_set_fault (&call, fault, param);
          mock_respond_fault (&call, fault, param);
          goto out;
        }
      else
        {
          mock_call_set_fault (&call, fault, param);
        }
    }

  route->endpoint (&call);

out:
  mock_call_clear (&call);
}

/* --- the server ------------------------------------------------------------ */

/* libsoup 3.2's own listener leaks every socket it accepts and the address
 * it binds (fixed in libsoup 3.4 by upstream commits b545d5f0 and c07ff61f),
 * so every sanitizer run of a test using the mock would report leaks. The
 * mock therefore accepts connections itself and hands each one to its
 * SoupServer. Such a server does not keep connections alive, so answers
 * say "Connection: close" instead of leaving clients to find out. */
static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  SoupServer *server = SOUP_SERVER (source_object);
  GSocket *socket = g_socket_connection_get_socket (connection);
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);

  if (local == NULL || remote == NULL)
    return TRUE;

  /* Small SSE chunks must leave at once, not wait for the previous ACK. */
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  g_object_set_data_full (G_OBJECT (remote), MOCK_SOCKET_KEY, g_object_ref (socket),
                          g_object_unref);
  soup_server_accept_iostream (server, G_IO_STREAM (connection), local, remote, NULL);

  return TRUE;
}

static GSocketService *
listen_on (SoupServer  *server,
           const char  *address,
           guint        port,
           guint       *bound_port,
           GError     **error)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GSocketAddress) wanted = g_inet_socket_address_new_from_string (address, port);
  g_autoptr(GSocketAddress) effective = NULL;

  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (service), wanted, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, G_OBJECT (server), &effective, error))
    {
      g_prefix_error (error, "easel-mock cannot listen on %s:%u: ", address, port);
      return NULL;
    }

  *bound_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (service, "incoming", G_CALLBACK (on_incoming), NULL);
  g_socket_service_start (service);

  return g_steal_pointer (&service);
}

static void
stop_listening (GSocketService **service)
{
  if (*service == NULL)
    return;

  /* An accept that completed just now may still be delivered: with no
   * handler, GSocketService closes that connection instead of handing it
   * to a server whose owner is gone. */
  g_signal_handlers_disconnect_by_func (*service, on_incoming, NULL);
  g_socket_service_stop (*service);
  g_socket_listener_close (G_SOCKET_LISTENER (*service));
  g_clear_object (service);
}

EaselMockServer *
easel_mock_server_new_for_port (guint    port,
                                GError **error)
{
  g_autoptr(EaselMockServer) self = g_new0 (EaselMockServer, 1);

  g_return_val_if_fail (port <= G_MAXUINT16, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self->api_key = g_strdup (DEFAULT_KEY);
  self->pending_polls = 1;
  self->image_width = 64;
  self->image_height = 48;
  for (guint i = 0; i < EASEL_MOCK_N_STAGES; i++)
    g_queue_init (&self->faults[i]);
  self->requests = g_ptr_array_new_with_free_func (mock_request_free);
  self->delivered = g_ptr_array_new_with_free_func (g_free);
  self->jobs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, mock_job_free);
  self->result_files = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) mock_file_free);
  self->bombs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_bytes_unref);

  self->api = soup_server_new ("server-header", "easel-mock ", NULL);
  soup_server_add_handler (self->api, NULL, api_handler, self, NULL);
  self->api_service = listen_on (self->api, "127.0.0.1", port, &self->port, error);
  if (self->api_service == NULL)
    return NULL;

  self->files = soup_server_new ("server-header", "easel-mock-files ", NULL);
  soup_server_add_handler (self->files, NULL, mock_files_handle, self, NULL);
  self->files_service = listen_on (self->files, "127.0.0.2", port, &self->file_port, error);
  if (self->files_service == NULL)
    return NULL;

  for (guint i = 0; i < MOCK_N_DIALECTS; i++)
    self->base_urls[i] = g_strdup_printf ("http://127.0.0.1:%u%s", self->port,
                                          dialect_prefixes[i]);
  self->file_host_url = g_strdup_printf ("http://127.0.0.2:%u", self->file_port);

  return g_steal_pointer (&self);
}

EaselMockServer *
easel_mock_server_new (GError **error)
{
  return easel_mock_server_new_for_port (0, error);
}

void
easel_mock_server_free (EaselMockServer *self)
{
  if (self == NULL)
    return;

  /* No new clients; then let go of held messages, so no timeout or socket
   * watch of ours fires into a server that is going away. */
  stop_listening (&self->api_service);
  stop_listening (&self->files_service);
  mock_server_close_open (self);
  mock_server_forget_deliveries (self);

  if (self->api != NULL)
    {
      soup_server_disconnect (self->api);
      g_object_unref (self->api);
    }
  if (self->files != NULL)
    {
      soup_server_disconnect (self->files);
      g_object_unref (self->files);
    }

  for (guint i = 0; i < MOCK_N_DIALECTS; i++)
    g_free (self->base_urls[i]);
  g_free (self->file_host_url);
  g_free (self->api_key);
  for (guint i = 0; i < EASEL_MOCK_N_STAGES; i++)
    g_queue_clear_full (&self->faults[i], mock_fault_entry_free);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->delivered, g_ptr_array_unref);
  g_free (self->last_rejection);
  g_clear_pointer (&self->jobs, g_hash_table_unref);
  g_clear_pointer (&self->result_files, g_hash_table_unref);
  g_clear_pointer (&self->bombs, g_hash_table_unref);
  g_clear_pointer (&self->filler, g_bytes_unref);
  g_free (self);
}

const char *
easel_mock_server_get_base_url (EaselMockServer *self,
                                const char      *dialect)
{
  MockDialect which;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (dialect != NULL, NULL);

  which = dialect_from_name (dialect);
  return which < MOCK_N_DIALECTS ? self->base_urls[which] : NULL;
}

const char *
easel_mock_server_get_file_host_url (EaselMockServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->file_host_url;
}

guint
easel_mock_server_get_port (EaselMockServer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->port;
}

void
easel_mock_server_set_api_key (EaselMockServer *self,
                               const char      *key)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL && *key != '\0');

  g_free (self->api_key);
  self->api_key = g_strdup (key);
}

const char *
easel_mock_server_get_api_key (EaselMockServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->api_key;
}

void
easel_mock_server_set_fault (EaselMockServer *self,
                             EaselMockStage   stage,
                             EaselMockFault   fault,
                             guint            times,
                             const char      *param)
{
  MockFaultEntry *entry;

  g_return_if_fail (self != NULL);
  g_return_if_fail (stage < EASEL_MOCK_N_STAGES);
  g_return_if_fail (fault < EASEL_MOCK_N_FAULTS);

  entry = g_new0 (MockFaultEntry, 1);
  entry->fault = fault;
  entry->remaining = times;
  entry->forever = times == 0;
  entry->param = g_strdup (param);
  g_queue_push_tail (&self->faults[stage], entry);
}

void
easel_mock_server_clear_faults (EaselMockServer *self)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < EASEL_MOCK_N_STAGES; i++)
    g_queue_clear_full (&self->faults[i], mock_fault_entry_free);
}

void
easel_mock_server_set_pending_polls (EaselMockServer *self,
                                     guint            polls)
{
  g_return_if_fail (self != NULL);

  self->pending_polls = polls;
}

void
easel_mock_server_release_jobs (EaselMockServer *self)
{
  GHashTableIter iter;
  MockJob *job;

  g_return_if_fail (self != NULL);

  g_hash_table_iter_init (&iter, self->jobs);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &job))
    {
      if (job->fault == EASEL_MOCK_FAULT_NEVER_ENDING_JOB)
        job->fault = EASEL_MOCK_FAULT_NONE;
      job->pending_polls = job->polls;
    }
}

void
easel_mock_server_set_image_size (EaselMockServer *self,
                                  int              width,
                                  int              height)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (width > 0 && width <= 8192);
  g_return_if_fail (height > 0 && height <= 8192);

  self->image_width = width;
  self->image_height = height;
}

void
easel_mock_server_set_image_noise (EaselMockServer *self,
                                   gboolean         noise)
{
  g_return_if_fail (self != NULL);

  self->image_noise = noise;
}

GPtrArray *
easel_mock_server_get_requests (EaselMockServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->requests;
}

static gboolean
request_matches (const EaselMockRequest *request,
                 const char             *dialect,
                 EaselMockStage          stage)
{
  return request->stage == stage && (dialect == NULL || g_strcmp0 (request->dialect, dialect) == 0);
}

guint
easel_mock_server_count (EaselMockServer *self,
                         const char      *dialect,
                         EaselMockStage   stage)
{
  guint count = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->requests->len; i++)
    if (request_matches (g_ptr_array_index (self->requests, i), dialect, stage))
      count++;

  return count;
}

const EaselMockRequest *
easel_mock_server_get_last_request (EaselMockServer *self,
                                    const char      *dialect,
                                    EaselMockStage   stage)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = self->requests->len; i > 0; i--)
    {
      const EaselMockRequest *request = g_ptr_array_index (self->requests, i - 1);

      if (request_matches (request, dialect, stage))
        return request;
    }

  return NULL;
}

void
easel_mock_server_reset_log (EaselMockServer *self)
{
  g_return_if_fail (self != NULL);

  g_ptr_array_set_size (self->requests, 0);
  g_ptr_array_set_size (self->delivered, 0);
  g_clear_pointer (&self->last_rejection, g_free);
  self->key_leaks = 0;
}

const char *
easel_mock_server_get_last_rejection (EaselMockServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->last_rejection;
}

guint
easel_mock_server_count_key_leaks (EaselMockServer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->key_leaks;
}

guint
easel_mock_server_get_n_open (EaselMockServer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return mock_server_count_open (self);
}
