/* es-http-request.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "es-http-authorizer.h"
#include "es-http-error.h"

G_BEGIN_DECLS

#define ES_TYPE_HTTP_REQUEST (es_http_request_get_type ())
G_DECLARE_FINAL_TYPE (EsHttpRequest, es_http_request, ES, HTTP_REQUEST, GObject)

/**
 * es_http_request_new:
 * @method: an HTTP method such as "GET" or "POST"
 * @uri: an absolute http or https URI, query included
 *
 * A request can be sent any number of times; every attempt builds a fresh message from it.
 * A @uri that is not an absolute http or https URI fails when sent, with
 * %ES_HTTP_ERROR_INVALID_REQUEST.
 *
 * Returns: (transfer full): a request for @method on @uri
 */
EsHttpRequest *es_http_request_new              (const char        *method,
                                                 const char        *uri);
/** es_http_request_get_method: Returns: the HTTP method. */
const char    *es_http_request_get_method       (EsHttpRequest     *self);
/** es_http_request_get_uri: Returns: the absolute URI, query included. */
const char    *es_http_request_get_uri          (EsHttpRequest     *self);
/** es_http_request_set_header: Sets (replaces) one request header. */
void           es_http_request_set_header       (EsHttpRequest     *self,
                                                 const char        *name,
                                                 const char        *value);
/** es_http_request_get_header: Returns: (nullable): the value of one request header. */
const char    *es_http_request_get_header       (EsHttpRequest     *self,
                                                 const char        *name);
/** es_http_request_set_body: Sets a raw body with its content type. */
void           es_http_request_set_body         (EsHttpRequest     *self,
                                                 const char        *content_type,
                                                 GBytes            *body);
/** es_http_request_set_json_body: Serializes @node as the body (application/json). */
void           es_http_request_set_json_body    (EsHttpRequest     *self,
                                                 JsonNode          *node);
/** es_http_request_set_form_body: Encodes @form (string → string) as a form (urlencoded). */
void           es_http_request_set_form_body    (EsHttpRequest     *self,
                                                 GHashTable        *form);
/**
 * es_http_request_set_idempotent:
 * Marks a request that may be repeated safely even though its method is not idempotent
 * (e.g. an Intuit POST carrying a `requestid`). GET, HEAD, PUT, DELETE and OPTIONS are idempotent
 * by default. Only idempotent requests are retried after a 5xx, a timeout or a dropped connection;
 * a 429 is retried for any request, since the server refused it without acting on it.
 */
void           es_http_request_set_idempotent   (EsHttpRequest     *self,
                                                 gboolean           idempotent);
/** es_http_request_get_idempotent: Returns: whether a retry after an uncertain outcome is safe. */
gboolean       es_http_request_get_idempotent   (EsHttpRequest     *self);
/** es_http_request_set_authorizer: Uses @authorizer to add credentials before every attempt. */
void           es_http_request_set_authorizer   (EsHttpRequest     *self,
                                                 EsHttpAuthorizer  *authorizer);
/** es_http_request_set_error_parser: Reads the platform's code and message from error bodies. */
void           es_http_request_set_error_parser (EsHttpRequest     *self,
                                                 EsHttpErrorParser  parser);
/**
 * es_http_request_set_limit_key:
 * Groups the request under @key for rate and concurrency limits (default: the URI's host and
 * port, e.g. "example.com:443"). Intuit limits per company, so its connector passes a key
 * naming the realm.
 */
void           es_http_request_set_limit_key    (EsHttpRequest     *self,
                                                 const char        *key);
/** es_http_request_get_limit_key: Returns: the key the limits are counted under. */
const char    *es_http_request_get_limit_key    (EsHttpRequest     *self);
/** es_http_request_set_max_attempts: Sets this request's own attempt limit (≥ 1). */
void           es_http_request_set_max_attempts (EsHttpRequest     *self,
                                                 guint              max_attempts);

G_END_DECLS
