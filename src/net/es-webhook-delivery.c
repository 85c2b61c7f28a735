/* es-webhook-delivery.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-webhook"

#include "config.h"

#include "es-webhook-delivery-private.h"

struct _EsWebhookDelivery
{
  GObject             parent_instance;

  SoupServerMessage  *message;         /* (owned) (nullable): NULL once the exchange is over */
  SoupMessageHeaders *headers;         /* (owned) */
  GBytes             *body;            /* (owned) */
  GDateTime          *received_at;     /* (owned) */
  char               *path;
  char               *remote_address;  /* (nullable) */

  guint               deferred : 1;
  guint               responded : 1;
};

G_DEFINE_FINAL_TYPE (EsWebhookDelivery, es_webhook_delivery, G_TYPE_OBJECT)

static void
forget_message (EsWebhookDelivery *self)
{
  if (self->message == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->message, self);
  g_clear_object (&self->message);
}

/* The sender went away, or the exchange ended: there is nobody left to answer. */
static void
on_message_gone (SoupServerMessage *message,
                 EsWebhookDelivery *self)
{
  forget_message (self);
}

static void
answer (EsWebhookDelivery *self,
        guint              status)
{
  self->responded = TRUE;

  if (self->message == NULL)
    {
      g_debug ("The sender of a delivery to %s left before the answer %u", self->path, status);
      return;
    }

  soup_server_message_set_status (self->message, status, NULL);
  if (self->deferred)
    soup_server_message_unpause (self->message);
}

static void
es_webhook_delivery_dispose (GObject *object)
{
  EsWebhookDelivery *self = (EsWebhookDelivery *)object;

  if (self->deferred && !self->responded)
    {
      /* A handler that forgets its delivery must not leave the sender hanging, and must not
       * make it believe the event was stored. */
      g_warning ("A delivery to %s was dropped without an answer; answering 500", self->path);
      answer (self, SOUP_STATUS_INTERNAL_SERVER_ERROR);
    }

  forget_message (self);

  G_OBJECT_CLASS (es_webhook_delivery_parent_class)->dispose (object);
}

static void
es_webhook_delivery_finalize (GObject *object)
{
  EsWebhookDelivery *self = (EsWebhookDelivery *)object;

  g_clear_pointer (&self->headers, soup_message_headers_unref);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_pointer (&self->received_at, g_date_time_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->remote_address, g_free);

  G_OBJECT_CLASS (es_webhook_delivery_parent_class)->finalize (object);
}

static void
es_webhook_delivery_class_init (EsWebhookDeliveryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = es_webhook_delivery_dispose;
  object_class->finalize = es_webhook_delivery_finalize;
}

static void
es_webhook_delivery_init (EsWebhookDelivery *self)
{
}

EsWebhookDelivery *
_es_webhook_delivery_new (SoupServerMessage *message,
                          const char        *path,
                          GBytes            *body)
{
  EsWebhookDelivery *self = g_object_new (ES_TYPE_WEBHOOK_DELIVERY, NULL);

  self->message = g_object_ref (message);
  self->headers = soup_message_headers_ref (soup_server_message_get_request_headers (message));
  self->body = g_bytes_ref (body);
  self->received_at = g_date_time_new_now_utc ();
  self->path = g_strdup (path);
  self->remote_address = g_strdup (soup_server_message_get_remote_host (message));

  g_signal_connect (message, "finished", G_CALLBACK (on_message_gone), self);
  g_signal_connect (message, "disconnected", G_CALLBACK (on_message_gone), self);

  return self;
}

void
_es_webhook_delivery_defer (EsWebhookDelivery *self)
{
  g_return_if_fail (ES_IS_WEBHOOK_DELIVERY (self));
  g_return_if_fail (!self->responded);
  g_return_if_fail (self->message != NULL);

  self->deferred = TRUE;
  soup_server_message_pause (self->message);
}

const char *
es_webhook_delivery_get_path (EsWebhookDelivery *self)
{
  g_return_val_if_fail (ES_IS_WEBHOOK_DELIVERY (self), NULL);

  return self->path;
}

SoupMessageHeaders *
es_webhook_delivery_get_headers (EsWebhookDelivery *self)
{
  g_return_val_if_fail (ES_IS_WEBHOOK_DELIVERY (self), NULL);

  return self->headers;
}

GBytes *
es_webhook_delivery_get_body (EsWebhookDelivery *self)
{
  g_return_val_if_fail (ES_IS_WEBHOOK_DELIVERY (self), NULL);

  return self->body;
}

GDateTime *
es_webhook_delivery_get_received_at (EsWebhookDelivery *self)
{
  g_return_val_if_fail (ES_IS_WEBHOOK_DELIVERY (self), NULL);

  return self->received_at;
}

const char *
es_webhook_delivery_get_remote_address (EsWebhookDelivery *self)
{
  g_return_val_if_fail (ES_IS_WEBHOOK_DELIVERY (self), NULL);

  return self->remote_address;
}

void
es_webhook_delivery_respond (EsWebhookDelivery *self,
                             guint              status)
{
  g_return_if_fail (ES_IS_WEBHOOK_DELIVERY (self));
  g_return_if_fail (status >= 100 && status < 600);
  g_return_if_fail (!self->responded);

  answer (self, status);
}

gboolean
es_webhook_delivery_get_responded (EsWebhookDelivery *self)
{
  g_return_val_if_fail (ES_IS_WEBHOOK_DELIVERY (self), FALSE);

  return self->responded;
}
