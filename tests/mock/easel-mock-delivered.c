/* easel-mock-delivered.c: the images the mock delivered whole
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test that proves nothing is lost needs to know what was given. Each
 * good image an answer carries is noted against its message, and counts as
 * delivered only when libsoup has written the whole body ("wrote-body"): an
 * answer cut short by a fault, or one whose client hung up first, never
 * gets there.
 */

#include "easel-mock-private.h"

#define DELIVERY_KEY "easel-mock-delivery"

/* The images of one answer, until its body is written. */
typedef struct
{
  EaselMockServer *server;   /* NULL once the server is gone */
  GPtrArray       *hashes;   /* of char *, SHA-256 in hex */
} MockDelivery;

static void
delivery_free (gpointer data)
{
  MockDelivery *delivery = data;

  if (delivery->server != NULL)
    delivery->server->deliveries = g_list_remove (delivery->server->deliveries, delivery);
  g_ptr_array_unref (delivery->hashes);
  g_free (delivery);
}

static void
on_wrote_body (SoupServerMessage *msg,
               MockDelivery      *delivery)
{
  if (delivery->server == NULL)
    return;

  for (guint i = 0; i < delivery->hashes->len; i++)
    g_ptr_array_add (delivery->server->delivered,
                     g_strdup (g_ptr_array_index (delivery->hashes, i)));
  g_ptr_array_set_size (delivery->hashes, 0);
}

void
mock_call_deliver (MockCall *call,
                   GBytes   *image)
{
  MockDelivery *delivery = g_object_get_data (G_OBJECT (call->msg), DELIVERY_KEY);

  if (delivery == NULL)
    {
      delivery = g_new0 (MockDelivery, 1);
      delivery->server = call->server;
      delivery->hashes = g_ptr_array_new_with_free_func (g_free);
      call->server->deliveries = g_list_prepend (call->server->deliveries, delivery);
      /* Handlers go at dispose, the data at finalize: the handler never
       * sees a freed delivery. */
      g_object_set_data_full (G_OBJECT (call->msg), DELIVERY_KEY, delivery, delivery_free);
      g_signal_connect (call->msg, "wrote-body", G_CALLBACK (on_wrote_body), delivery);
    }

  g_ptr_array_add (delivery->hashes, g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, image));
}

void
mock_server_forget_deliveries (EaselMockServer *self)
{
  for (GList *l = self->deliveries; l != NULL; l = l->next)
    ((MockDelivery *) l->data)->server = NULL;
  g_clear_pointer (&self->deliveries, g_list_free);
}

GPtrArray *
easel_mock_server_get_delivered_images (EaselMockServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->delivered;
}
