/* es-webhook-server.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "es-webhook-delivery.h"

G_BEGIN_DECLS

#define ES_WEBHOOK_SERVER_ERROR (es_webhook_server_error_quark ())

/**
 * EsWebhookServerError:
 * @ES_WEBHOOK_SERVER_ERROR_ADDRESS_IN_USE: another program listens on that address and port
 * @ES_WEBHOOK_SERVER_ERROR_INVALID_ADDRESS: not an IP address, or not a port number
 * @ES_WEBHOOK_SERVER_ERROR_LISTEN_FAILED: listening failed for another reason, or the server
 *   already listens
 */
typedef enum
{
  ES_WEBHOOK_SERVER_ERROR_ADDRESS_IN_USE,
  ES_WEBHOOK_SERVER_ERROR_INVALID_ADDRESS,
  ES_WEBHOOK_SERVER_ERROR_LISTEN_FAILED,
} EsWebhookServerError;

/** es_webhook_server_error_quark: Returns: the error domain of the webhook server. */
GQuark es_webhook_server_error_quark (void);

#define ES_WEBHOOK_SERVER_DEFAULT_ADDRESS       "127.0.0.1"
#define ES_WEBHOOK_SERVER_DEFAULT_MAX_BODY_SIZE (1024 * 1024)

#define ES_TYPE_WEBHOOK_SERVER (es_webhook_server_get_type ())
G_DECLARE_FINAL_TYPE (EsWebhookServer, es_webhook_server, ES, WEBHOOK_SERVER, GObject)

/**
 * EsWebhookVerifier:
 * @headers: the request headers
 * @body: the raw body, byte for byte as received
 * @user_data: the route's data
 * @error: set when the delivery is refused
 *
 * Checks a delivery (typically an HMAC-SHA256 signature compared in constant time) before
 * anything else sees it. A refused delivery is answered 401 and its handler never runs.
 *
 * Returns: %TRUE when the delivery is authentic
 */
typedef gboolean (*EsWebhookVerifier) (SoupMessageHeaders  *headers,
                                       GBytes              *body,
                                       gpointer             user_data,
                                       GError             **error);

/**
 * EsWebhookHandler:
 * @server: the server
 * @delivery: the verified delivery
 * @user_data: the route's data
 *
 * Takes a verified delivery. Return the status to answer at once, or 0 to answer later with
 * es_webhook_delivery_respond() after keeping a reference to @delivery: the sender gets
 * nothing until then, so an asynchronous store (the inbox commit) can finish before the 200.
 *
 * Returns: an HTTP status, or 0 to answer later
 */
typedef guint (*EsWebhookHandler) (EsWebhookServer   *server,
                                   EsWebhookDelivery *delivery,
                                   gpointer           user_data);

/** es_webhook_server_new: Returns: (transfer full): a server with no routes, not listening yet. */
EsWebhookServer *es_webhook_server_new               (void);
/**
 * es_webhook_server_listen:
 * @address: (nullable): an IP address; %NULL for 127.0.0.1, so nothing outside this machine
 *   can reach the server unless asked for
 * @port: a port number, or 0 to let the system choose one
 *
 * Returns: %TRUE when the server is listening; see es_webhook_server_get_uri()
 */
gboolean         es_webhook_server_listen            (EsWebhookServer    *self,
                                                      const char         *address,
                                                      guint               port,
                                                      GError            **error);
/** es_webhook_server_stop: Stops listening and closes open connections. */
void             es_webhook_server_stop              (EsWebhookServer    *self);
/** es_webhook_server_get_uri: Returns: (nullable): the base URI, e.g. "http://127.0.0.1:40123/". */
const char      *es_webhook_server_get_uri           (EsWebhookServer    *self);
/** es_webhook_server_get_port: Returns: the port listened on, 0 when not listening. */
guint            es_webhook_server_get_port          (EsWebhookServer    *self);
/**
 * es_webhook_server_set_max_body_size:
 * Larger bodies are answered 413: at once when Content-Length says so, otherwise as soon as
 * a chunked body goes past the limit, after which the rest is read and thrown away, never kept.
 * The default is 1 MiB.
 */
void             es_webhook_server_set_max_body_size (EsWebhookServer    *self,
                                                      gsize               max_body_size);
/** es_webhook_server_get_max_body_size: Returns: the body size limit in bytes. */
gsize            es_webhook_server_get_max_body_size (EsWebhookServer    *self);
/**
 * es_webhook_server_add_route:
 * @path: an absolute path such as "/webhooks/woocommerce"
 * @verifier: (scope notified): checks every delivery before @handler sees it
 * @handler: (scope notified): takes verified deliveries
 * @user_data: data for both
 * @destroy: (nullable): frees @user_data when the route goes
 *
 * Routes accept POST only (405 otherwise); any other path is answered 404. Adding a path again
 * replaces its route.
 */
void             es_webhook_server_add_route         (EsWebhookServer    *self,
                                                      const char         *path,
                                                      EsWebhookVerifier   verifier,
                                                      EsWebhookHandler    handler,
                                                      gpointer            user_data,
                                                      GDestroyNotify      destroy);
/** es_webhook_server_remove_route: Returns: %TRUE when @path had a route. */
gboolean         es_webhook_server_remove_route      (EsWebhookServer    *self,
                                                      const char         *path);

/*
 * Signals:
 *
 * "request-rejected" (const char *path, guint status, GError *error): a request was answered
 * 401 (@error is the verifier's reason), 404, 405 or 413 (@error %NULL) without reaching a
 * handler.
 */

G_END_DECLS
