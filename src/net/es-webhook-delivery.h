/* es-webhook-delivery.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define ES_TYPE_WEBHOOK_DELIVERY (es_webhook_delivery_get_type ())
G_DECLARE_FINAL_TYPE (EsWebhookDelivery, es_webhook_delivery, ES, WEBHOOK_DELIVERY, GObject)

/** es_webhook_delivery_get_path: Returns: the route's path, e.g. "/webhooks/quickbooks". */
const char         *es_webhook_delivery_get_path           (EsWebhookDelivery *self);
/** es_webhook_delivery_get_headers: Returns: (transfer none): the request headers, as received. */
SoupMessageHeaders *es_webhook_delivery_get_headers        (EsWebhookDelivery *self);
/** es_webhook_delivery_get_body: Returns: (transfer none): the body, byte for byte as received. */
GBytes             *es_webhook_delivery_get_body           (EsWebhookDelivery *self);
/** es_webhook_delivery_get_received_at: Returns: (transfer none): when the body was in (UTC). */
GDateTime          *es_webhook_delivery_get_received_at    (EsWebhookDelivery *self);
/** es_webhook_delivery_get_remote_address: Returns: (nullable): the sender's IP address. */
const char         *es_webhook_delivery_get_remote_address (EsWebhookDelivery *self);
/**
 * es_webhook_delivery_respond:
 * @status: the HTTP status to answer, e.g. 200 once the event is stored
 *
 * Answers a delivery whose handler returned 0. The connection stays open, with nothing sent,
 * until this is called; a delivery dropped without an answer is answered 500 so that the
 * sender retries. Answering a sender that has gone away does nothing.
 */
void                es_webhook_delivery_respond            (EsWebhookDelivery *self,
                                                            guint              status);
/** es_webhook_delivery_get_responded: Returns: whether the delivery has been answered. */
gboolean            es_webhook_delivery_get_responded      (EsWebhookDelivery *self);

G_END_DECLS
