/* es-webhook-delivery-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What EsWebhookServer needs from its deliveries, and nothing else may use.
 */

#pragma once

#include "es-webhook-delivery.h"

G_BEGIN_DECLS

EsWebhookDelivery *_es_webhook_delivery_new   (SoupServerMessage *message,
                                               const char        *path,
                                               GBytes            *body);
/* Holds the connection, with nothing sent, until es_webhook_delivery_respond(). */
void               _es_webhook_delivery_defer (EsWebhookDelivery *self);

G_END_DECLS
