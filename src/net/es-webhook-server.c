/* es-webhook-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-webhook"

#include "config.h"

#include <glib/gi18n.h>

#include "es-redact.h"
#include "es-webhook-delivery-private.h"
#include "es-webhook-server.h"

#define INCOMING_KEY "es-webhook-incoming"

struct _EsWebhookServer
{
  GObject     parent_instance;

  SoupServer *server;
  GHashTable *routes;         /* (element-type utf8 Route) (owned) */
  char       *uri;            /* (nullable): set while listening */
  guint       port;
  gsize       max_body_size;
};

typedef struct
{
  EsWebhookVerifier verifier;
  EsWebhookHandler  handler;
  gpointer          user_data;
  GDestroyNotify    destroy;
} Route;

/* A request body as it arrives, kept only up to the limit. */
typedef struct
{
  GByteArray *body;           /* (owned) (nullable): dropped once the limit is passed */
  gsize       received;
  gsize       limit;
} Incoming;

enum {
  REQUEST_REJECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (es-webhook-server-error-quark, es_webhook_server_error)

G_DEFINE_FINAL_TYPE (EsWebhookServer, es_webhook_server, G_TYPE_OBJECT)

static void
route_free (Route *route)
{
  if (route->destroy != NULL)
    route->destroy (route->user_data);
  g_free (route);
}

static void
incoming_free (Incoming *incoming)
{
  if (incoming->body != NULL)
    g_byte_array_unref (incoming->body);
  g_free (incoming);
}

static void
reject (EsWebhookServer   *self,
        SoupServerMessage *msg,
        const char        *path,
        guint              status,
        const GError      *error)
{
  g_autofree char *safe_path = es_redact_text (path);
  g_autofree char *safe_reason = error != NULL ? es_redact_text (error->message) : NULL;

  soup_server_message_set_status (msg, status, NULL);
  g_debug ("Rejected %s %s: %u%s%s", soup_server_message_get_method (msg), safe_path, status,
           safe_reason != NULL ? ", " : "", safe_reason != NULL ? safe_reason : "");
  g_signal_emit (self, signals[REQUEST_REJECTED], 0, path, status, error);
}

static void
on_got_chunk (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  EsWebhookServer *self = user_data;
  Incoming *incoming = g_object_get_data (G_OBJECT (msg), INCOMING_KEY);
  gsize size = g_bytes_get_size (chunk);

  if (incoming == NULL || incoming->body == NULL)
    return;

  incoming->received += size;
  if (incoming->received > incoming->limit)
    {
      /* A chunked body has no length to check up front: stop keeping it the moment it is too
       * large. The rest is still read, so the sender gets the 413, but goes nowhere. */
      g_clear_pointer (&incoming->body, g_byte_array_unref);
      reject (self, msg, g_uri_get_path (soup_server_message_get_uri (msg)),
              SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
      return;
    }

  g_byte_array_append (incoming->body, g_bytes_get_data (chunk, NULL), size);
}

/* Runs once the headers are in, before any of the body is read. */
static void
on_early_request (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  EsWebhookServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  Incoming *incoming;

  /* libsoup keeps nothing of any body: the server copies what it accepts itself. */
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);

  if (!g_hash_table_contains (self->routes, path))
    {
      reject (self, msg, path, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  if (soup_server_message_get_method (msg) != SOUP_METHOD_POST)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Allow", "POST");
      reject (self, msg, path, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) self->max_body_size)
    {
      reject (self, msg, path, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
      return;
    }

  incoming = g_new0 (Incoming, 1);
  incoming->body = g_byte_array_new ();
  incoming->limit = self->max_body_size;
  g_object_set_data_full (G_OBJECT (msg), INCOMING_KEY, incoming, (GDestroyNotify) incoming_free);
  g_signal_connect_object (msg, "got-chunk", G_CALLBACK (on_got_chunk), self, 0);
}

/* Runs once the whole body is in, unless an earlier step already answered. */
static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  EsWebhookServer *self = user_data;
  Incoming *incoming = g_object_get_data (G_OBJECT (msg), INCOMING_KEY);
  g_autoptr(EsWebhookDelivery) delivery = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  Route *route;
  guint status;

  route = g_hash_table_lookup (self->routes, path);
  if (route == NULL || incoming == NULL || incoming->body == NULL)
    {
      /* The route was removed while its body was arriving. */
      reject (self, msg, path, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  body = g_byte_array_free_to_bytes (g_steal_pointer (&incoming->body));

  if (!route->verifier (soup_server_message_get_request_headers (msg), body, route->user_data,
                        &error))
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                             _("The delivery could not be verified"));
      reject (self, msg, path, SOUP_STATUS_UNAUTHORIZED, error);
      return;
    }

  delivery = _es_webhook_delivery_new (msg, path, body);
  status = route->handler (self, delivery, route->user_data);

  if (es_webhook_delivery_get_responded (delivery))
    return;

  if (status != 0)
    es_webhook_delivery_respond (delivery, status);
  else
    _es_webhook_delivery_defer (delivery);
}

static void
on_request_finished (SoupServer        *server,
                     SoupServerMessage *msg,
                     gpointer           user_data)
{
  g_autofree char *safe_path = es_redact_text (g_uri_get_path (soup_server_message_get_uri (msg)));
  Incoming *incoming = g_object_get_data (G_OBJECT (msg), INCOMING_KEY);

  g_debug ("%s %s → %u (%" G_GSIZE_FORMAT " bytes)",
           soup_server_message_get_method (msg), safe_path,
           soup_server_message_get_status (msg),
           incoming != NULL ? incoming->received : 0);
}

static void
es_webhook_server_dispose (GObject *object)
{
  EsWebhookServer *self = (EsWebhookServer *)object;

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->routes, g_hash_table_unref);

  G_OBJECT_CLASS (es_webhook_server_parent_class)->dispose (object);
}

static void
es_webhook_server_finalize (GObject *object)
{
  EsWebhookServer *self = (EsWebhookServer *)object;

  g_clear_pointer (&self->uri, g_free);

  G_OBJECT_CLASS (es_webhook_server_parent_class)->finalize (object);
}

static void
es_webhook_server_class_init (EsWebhookServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = es_webhook_server_dispose;
  object_class->finalize = es_webhook_server_finalize;

  /**
   * EsWebhookServer::request-rejected:
   * @self: the server
   * @path: the request's path
   * @status: the answer: 401, 404, 405 or 413
   * @error: (nullable): the verifier's reason for a 401
   */
  signals[REQUEST_REJECTED] =
    g_signal_new ("request-rejected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_UINT,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
es_webhook_server_init (EsWebhookServer *self)
{
  self->server = soup_server_new (NULL, NULL);
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal,
                                        g_free, (GDestroyNotify) route_free);
  self->max_body_size = ES_WEBHOOK_SERVER_DEFAULT_MAX_BODY_SIZE;

  soup_server_add_early_handler (self->server, NULL, on_early_request, self, NULL);
  soup_server_add_handler (self->server, NULL, on_request, self, NULL);
  g_signal_connect_object (self->server, "request-finished",
                           G_CALLBACK (on_request_finished), self, 0);
  g_signal_connect_object (self->server, "request-aborted",
                           G_CALLBACK (on_request_finished), self, 0);
}

EsWebhookServer *
es_webhook_server_new (void)
{
  return g_object_new (ES_TYPE_WEBHOOK_SERVER, NULL);
}

gboolean
es_webhook_server_listen (EsWebhookServer  *self,
                          const char       *address,
                          guint             port,
                          GError          **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoslist(GUri) uris = NULL;

  g_return_val_if_fail (ES_IS_WEBHOOK_SERVER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (address == NULL)
    address = ES_WEBHOOK_SERVER_DEFAULT_ADDRESS;

  if (self->uri != NULL)
    {
      g_set_error (error, ES_WEBHOOK_SERVER_ERROR, ES_WEBHOOK_SERVER_ERROR_LISTEN_FAILED,
                   _("The webhook receiver already listens on %s"), self->uri);
      return FALSE;
    }

  inet = g_inet_address_new_from_string (address);
  if (inet == NULL)
    {
      g_set_error (error, ES_WEBHOOK_SERVER_ERROR, ES_WEBHOOK_SERVER_ERROR_INVALID_ADDRESS,
                   _("“%s” is not an IP address"), address);
      return FALSE;
    }

  if (port > G_MAXUINT16)
    {
      g_set_error (error, ES_WEBHOOK_SERVER_ERROR, ES_WEBHOOK_SERVER_ERROR_INVALID_ADDRESS,
                   _("%u is not a port number"), port);
      return FALSE;
    }

  socket_address = g_inet_socket_address_new (inet, (guint16) port);
  if (!soup_server_listen (self->server, socket_address, 0, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        g_set_error (error, ES_WEBHOOK_SERVER_ERROR, ES_WEBHOOK_SERVER_ERROR_ADDRESS_IN_USE,
                     _("Port %u on %s is already in use by another program"), port, address);
      else
        g_set_error (error, ES_WEBHOOK_SERVER_ERROR, ES_WEBHOOK_SERVER_ERROR_LISTEN_FAILED,
                     _("Could not listen on %s port %u: %s"), address, port, local_error->message);
      return FALSE;
    }

  uris = soup_server_get_uris (self->server);
  g_assert (uris != NULL);
  self->uri = g_uri_to_string (uris->data);
  self->port = (guint) g_uri_get_port (uris->data);

  return TRUE;
}

void
es_webhook_server_stop (EsWebhookServer *self)
{
  g_return_if_fail (ES_IS_WEBHOOK_SERVER (self));

  soup_server_disconnect (self->server);
  g_clear_pointer (&self->uri, g_free);
  self->port = 0;
}

const char *
es_webhook_server_get_uri (EsWebhookServer *self)
{
  g_return_val_if_fail (ES_IS_WEBHOOK_SERVER (self), NULL);

  return self->uri;
}

guint
es_webhook_server_get_port (EsWebhookServer *self)
{
  g_return_val_if_fail (ES_IS_WEBHOOK_SERVER (self), 0);

  return self->port;
}

void
es_webhook_server_set_max_body_size (EsWebhookServer *self,
                                     gsize            max_body_size)
{
  g_return_if_fail (ES_IS_WEBHOOK_SERVER (self));

  self->max_body_size = max_body_size;
}

gsize
es_webhook_server_get_max_body_size (EsWebhookServer *self)
{
  g_return_val_if_fail (ES_IS_WEBHOOK_SERVER (self), 0);

  return self->max_body_size;
}

void
es_webhook_server_add_route (EsWebhookServer   *self,
                             const char        *path,
                             EsWebhookVerifier  verifier,
                             EsWebhookHandler   handler,
                             gpointer           user_data,
                             GDestroyNotify     destroy)
{
  Route *route;

  g_return_if_fail (ES_IS_WEBHOOK_SERVER (self));
  g_return_if_fail (path != NULL && path[0] == '/');
  g_return_if_fail (verifier != NULL);
  g_return_if_fail (handler != NULL);

  route = g_new0 (Route, 1);
  route->verifier = verifier;
  route->handler = handler;
  route->user_data = user_data;
  route->destroy = destroy;

  g_hash_table_replace (self->routes, g_strdup (path), route);
}

gboolean
es_webhook_server_remove_route (EsWebhookServer *self,
                                const char      *path)
{
  g_return_val_if_fail (ES_IS_WEBHOOK_SERVER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return g_hash_table_remove (self->routes, path);
}
