/* fuzz-request.c: stored requests read back, validated, priced and built
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The history keeps each generation's request as JSON and reads it back
 * for the details pane, Reuse and resuming a pending job; easel-cli reads
 * the same form. A row may come from another Easel version or a damaged
 * file, so the input is that JSON text, read back by the history's own
 * easel_history_entry_get_request().
 *
 * A request that loads must write the same JSON again after a second
 * round trip (the stored form is stable), and is then checked against
 * every preset gateway as the Create panel and easel-cli check it. Where
 * validation passes and no reference needs a file, the submit request is
 * built as a job would build it: it must build, and the API key must be
 * in its secret headers only. */

/* memmem */
#define _GNU_SOURCE

#include "config.h"

#include <string.h>

#include "easel-dialect.h"
#include "easel-error.h"
#include "easel-history.h"
#include "easel-pricing.h"
#include "easel-request.h"
#include "fuzz-common.h"

#define FUZZ_API_KEY "sk-fuzz-0123456789abcdef"

static GPtrArray *profiles;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *const *ids;

  fuzz_init (argc, argv);

  profiles = g_ptr_array_new_with_free_func (g_object_unref);
  ids = easel_profile_preset_ids ();
  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (profiles, easel_profile_new_from_preset (ids[i], ids[i]));

  return 0;
}

static gboolean
key_appears (const void *data,
             gsize       length)
{
  return data != NULL && memmem (data, length, FUZZ_API_KEY, strlen (FUZZ_API_KEY)) != NULL;
}

/* The references a job would load, loaded the same way, when none needs
 * the disk: URLs need nothing, data: URLs decode. FALSE when one cannot be
 * sent (the job would fail it with that reference's error). */
static gboolean
load_references (EaselRequest *request)
{
  GPtrArray *references = easel_request_get_references (request);
  EaselReference *mask = easel_request_get_mask (request);

  for (guint i = 0; i <= references->len; i++)
    {
      EaselReference *reference = i < references->len ? g_ptr_array_index (references, i) : mask;
      g_autoptr(GError) error = NULL;

      if (reference == NULL)
        continue;

      switch (easel_reference_get_kind (reference))
        {
        case EASEL_REFERENCE_URL:
        case EASEL_REFERENCE_DATA_URL:
          break;
        case EASEL_REFERENCE_FILE:
        case EASEL_REFERENCE_BYTES:
        default:
          /* Files stay unread; pasted bytes are not stored in the JSON. */
          return FALSE;
        }

      if (!easel_reference_load (reference, NULL, &error))
        {
          fuzz_check_error (error);
          return FALSE;
        }
    }

  return TRUE;
}

static void
check_built (EaselProfile     *profile,
             EaselWireRequest *wire)
{
  const char *base_url = easel_profile_get_base_url (profile);
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;

  fuzz_check (g_str_equal (wire->method, "POST"), wire->method);
  fuzz_check (g_str_has_prefix (wire->url, base_url), wire->url);
  fuzz_check (wire->body != NULL, NULL);
  fuzz_check (!key_appears (wire->url, strlen (wire->url)), wire->url);
  {
    gsize length;
    const void *body = g_bytes_get_data (wire->body, &length);

    fuzz_check (!key_appears (body, length), NULL);
  }

  soup_message_headers_iter_init (&iter, wire->headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      gboolean secret = FALSE;

      for (guint i = 0; i < wire->secret_headers->len; i++)
        secret |= g_ascii_strcasecmp (g_ptr_array_index (wire->secret_headers, i), name) == 0;
      if (!secret)
        fuzz_check (!key_appears (value, strlen (value)), name);
    }
}

static void
check_for_profile (EaselRequest *request,
                   EaselProfile *profile,
                   gboolean      loaded,
                   gboolean      input_has_key)
{
  const EaselDialect *dialect = easel_dialect_get (easel_profile_get_dialect (profile));
  g_autoptr(EaselWireRequest) wire = NULL;
  g_autoptr(GError) error = NULL;
  double amount;

  if (easel_pricing_estimate (profile, request, &amount))
    {
      g_autofree char *shown = easel_pricing_format (amount,
                                                     easel_profile_get_pricing (profile)->currency);

      /* 0 for n = 0, which validation refuses next. */
      fuzz_check (amount >= 0 && amount < G_MAXDOUBLE, NULL);
      fuzz_check_text (shown);
    }

  if (!easel_request_validate (request, profile, &error))
    {
      fuzz_check (g_error_matches (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST),
                  error->message);
      fuzz_check_error (error);
      return;
    }

  if (!loaded)
    return;

  /* What passed validation is what the job sends. */
  wire = dialect->build_submit (profile, request, FUZZ_API_KEY, &error);
  if (wire == NULL)
    fuzz_fail ("a valid request must build", error ? error->message : NULL);
  if (!input_has_key)
    check_built (profile, wire);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(EaselHistoryEntry) entry = easel_history_entry_new ();
  g_autoptr(JsonNode) stored = NULL;
  g_autoptr(JsonNode) stored_again = NULL;
  g_autoptr(EaselRequest) request = NULL;
  g_autoptr(EaselRequest) again = NULL;
  g_autoptr(GError) error = NULL;
  gboolean loaded;

  /* As the row's text column comes back: up to its first NUL. */
  entry->request_json = g_strndup ((const char *) data, size);
  request = easel_history_entry_get_request (entry, &error);
  if (request == NULL)
    {
      fuzz_check (error != NULL, NULL);
      /* Not JSON (json-glib's words), or JSON that is not a request. */
      if (error->domain == EASEL_ERROR)
        {
          fuzz_check (error->code == EASEL_ERROR_INVALID_REQUEST, error->message);
          fuzz_check_error (error);
        }
      return 0;
    }
  fuzz_check (error == NULL, NULL);

  /* The stored form is stable: what is written reads back the same. */
  stored = easel_request_to_json (request);
  again = easel_request_new_from_json (stored, &error);
  if (again == NULL)
    fuzz_fail ("a stored request must read back", error->message);
  stored_again = easel_request_to_json (again);
  if (!json_node_equal (stored, stored_again))
    {
      g_autofree char *first = json_to_string (stored, FALSE);

      fuzz_fail ("a stored request must read back the same", first);
    }

  loaded = load_references (request);
  for (guint i = 0; i < profiles->len; i++)
    check_for_profile (request, g_ptr_array_index (profiles, i), loaded,
                       key_appears (data, size));

  return 0;
}
