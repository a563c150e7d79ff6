/* easel-mock-files.c: the file host on 127.0.0.2 that serves result URLs
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * icodeeasy's result URL answers 302 to the actual file and needs no key:
 * the URL itself is the credential (seed 003). aizfw's image_url is a link
 * on its own file server that expires after a day (DESIGN.md §4.4). Both
 * live here, on a host of their own, so a test can see that a client sends
 * nothing of the gateway's key to it.
 */

#include <string.h>

#include "easel-mock-private.h"

void
mock_file_free (MockFile *file)
{
  g_free (file->name);
  g_free (file->path);
  g_free (file->fault_param);
  g_free (file);
}

MockFile *
mock_file_add (EaselMockServer *self,
               MockDialect      dialect,
               const char      *id,
               guint            seq,
               guint            index,
               EaselMockFault   fault,
               const char      *fault_param)
{
  MockFile *file = g_new0 (MockFile, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *day = g_date_time_format (now, "%Y%m%d");

  file->dialect = dialect;
  file->index = index;
  if (fault == EASEL_MOCK_FAULT_NOT_AN_IMAGE || fault == EASEL_MOCK_FAULT_DECOMPRESSION_BOMB
      || fault == EASEL_MOCK_FAULT_EXPIRED_URL || fault == EASEL_MOCK_FAULT_REDIRECT_LOOP)
    {
      file->fault = fault;
      file->fault_param = g_strdup (fault_param);
    }

  if (dialect == MOCK_ICODEEASY)
    {
      file->name = g_strdup_printf ("%s-%u.png", id, seq);
      file->path = g_strdup_printf ("/v1/images/files/gpt-image-2/%s/%s", day, file->name);
    }
  else
    {
      file->name = g_strdup_printf ("%s.png", id);
      file->path = g_strdup_printf ("/image2/results/%s/%s", day, file->name);
    }
  g_hash_table_replace (self->result_files, file->name, file);

  return file;
}

char *
mock_file_url (EaselMockServer *self,
               MockFile        *file)
{
  return g_strconcat (self->file_host_url, file->path, NULL);
}

/* Files appear when the job finishes, so a fault met at any poll before
 * then still reaches them. */
void
mock_job_publish (EaselMockServer *self,
                  MockJob         *job)
{
  if (job->urls->len > 0 || job->fault == EASEL_MOCK_FAULT_NO_IMAGES)
    return;

  for (guint i = 0; i < job->n; i++)
    {
      MockFile *file = mock_file_add (self, job->dialect, job->id,
                                      job->dialect == MOCK_ICODEEASY ? i + 1 : 0, i,
                                      job->fault, job->fault_param);

      g_ptr_array_add (job->urls, mock_file_url (self, file));
    }
}

static void
check_header_for_key (const char *name,
                      const char *value,
                      gpointer    user_data)
{
  gboolean *found = ((gpointer *) user_data)[0];
  const char *key = ((gpointer *) user_data)[1];

  if (strstr (value, key) != NULL)
    *found = TRUE;
}

static gboolean
carries_key (EaselMockServer   *self,
             SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  gboolean found = FALSE;
  gpointer data[2] = { &found, self->api_key };

  soup_message_headers_foreach (soup_server_message_get_request_headers (msg),
                                check_header_for_key, data);
  if (strstr (g_uri_get_path (uri), self->api_key) != NULL
      || (g_uri_get_query (uri) != NULL && strstr (g_uri_get_query (uri), self->api_key) != NULL))
    found = TRUE;

  return found;
}

static MockDialect
dialect_of_path (const char *path)
{
  if (g_str_has_prefix (path, "/v1/images/files/"))
    return MOCK_ICODEEASY;
  if (g_str_has_prefix (path, "/image2/"))
    return MOCK_AIZFW;
  return MOCK_NO_DIALECT;
}

static void
serve_blob (MockCall   *call,
            MockFile   *file,
            gboolean    download)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (call->msg);
  EaselMockFault fault = call->fault != EASEL_MOCK_FAULT_NONE ? call->fault : file->fault;
  const char *param = call->fault != EASEL_MOCK_FAULT_NONE ? call->fault_param : file->fault_param;
  g_autoptr(GBytes) bytes = NULL;

  switch (fault)
    {
    case EASEL_MOCK_FAULT_NOT_AN_IMAGE:
      bytes = mock_not_an_image ();
      break;
    case EASEL_MOCK_FAULT_DECOMPRESSION_BOMB:
      bytes = mock_image_bomb (call->server, param);
      break;
    case EASEL_MOCK_FAULT_NO_IMAGES:
      bytes = g_bytes_new_static ("", 0);
      break;
    default:
      bytes = mock_image_encode (call->server, file->index, 1.0, "png", -1, NULL);
      if (g_strcmp0 (soup_server_message_get_method (call->msg), "GET") == 0)
        mock_call_deliver (call, bytes);
      break;
    }
  call->record->fault = fault;

  if (download)
    {
      g_autofree char *disposition = g_strdup_printf ("attachment; filename=\"%s\"", file->name);

      soup_message_headers_replace (headers, "Content-Disposition", disposition);
    }
  soup_server_message_set_status (call->msg, 200, NULL);
  soup_server_message_set_response (call->msg, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  call->record->status = 200;
}

static void
serve_result_url (MockCall   *call,
                  MockFile   *file,
                  const char *query)
{
  g_autofree char *location = NULL;

  /* Expiry and loops belong to the URL, not to one request: a client that
   * tries again must meet them again. Wrong bytes stick to the file, to be
   * served where the URL redirects. */
  if (call->fault == EASEL_MOCK_FAULT_EXPIRED_URL || call->fault == EASEL_MOCK_FAULT_REDIRECT_LOOP
      || call->fault == EASEL_MOCK_FAULT_NOT_AN_IMAGE
      || call->fault == EASEL_MOCK_FAULT_DECOMPRESSION_BOMB
      || call->fault == EASEL_MOCK_FAULT_NO_IMAGES)
    {
      file->fault = call->fault;
      g_free (file->fault_param);
      file->fault_param = g_strdup (call->fault_param);
    }

  if (file->fault == EASEL_MOCK_FAULT_EXPIRED_URL)
    {
      guint64 status = file->dialect == MOCK_AIZFW ? 403 : 404;
      guint64 number;

      if (file->fault_param != NULL
          && g_ascii_string_to_unsigned (file->fault_param, 10, 400, 499, &number, NULL))
        status = number;
      call->record->fault = EASEL_MOCK_FAULT_EXPIRED_URL;
      mock_respond_error (call, status == 403 ? MOCK_ERROR_FORBIDDEN : MOCK_ERROR_NOT_FOUND,
                          status, NULL,
                          status == 403 ? "Access denied: the link has expired."
                          : "File not found: the link has expired.");
      return;
    }

  if (file->fault == EASEL_MOCK_FAULT_REDIRECT_LOOP)
    {
      location = g_strconcat (call->server->file_host_url, file->path,
                              query != NULL ? "?" : NULL, query, NULL);
      call->record->fault = EASEL_MOCK_FAULT_REDIRECT_LOOP;
    }
  else
    {
      location = g_strconcat (call->server->file_host_url, "/blob/", file->name,
                              query != NULL ? "?" : NULL, query, NULL);
    }

  soup_server_message_set_redirect (call->msg, 302, location);
  call->record->status = 302;
}

void
mock_files_handle (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  EaselMockServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *query_text = g_uri_get_query (soup_server_message_get_uri (msg));
  gboolean blob = g_str_has_prefix (path, "/blob/");
  const char *name = strrchr (path, '/') + 1;
  MockFile *file = g_hash_table_lookup (self->result_files, name);
  gboolean download = query != NULL && g_strcmp0 (g_hash_table_lookup (query, "download"),
                                                  "1") == 0;
  MockCall call;

  if (file != NULL && !blob && strcmp (file->path, path) != 0)
    file = NULL;

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                "close");
  mock_call_init (&call, self, msg, query, file != NULL ? file->dialect : dialect_of_path (path),
                  blob ? EASEL_MOCK_STAGE_FILE : EASEL_MOCK_STAGE_DOWNLOAD);
  if (carries_key (self, msg))
    {
      self->key_leaks++;
      g_message ("easel-mock: a request to the file host carried the API key");
    }

  if (strcmp (method, "GET") != 0 && strcmp (method, "HEAD") != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    "GET, HEAD");
      mock_respond_error (&call, MOCK_ERROR_METHOD, 405, NULL, "Method not allowed");
      goto out;
    }

  if (mock_call_take_fault (&call))
    goto out;

  if (file == NULL)
    {
      mock_respond_error (&call, MOCK_ERROR_NOT_FOUND, 404, NULL, "File not found.");
      goto out;
    }

  if (blob)
    serve_blob (&call, file, download);
  else
    serve_result_url (&call, file, query_text);

out:
  mock_call_clear (&call);
}
