/* es-http-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* ------------------------------------------------------------------------------------------- */
/* Errors                                                                                        */
/* ------------------------------------------------------------------------------------------- */

#define ES_HTTP_ERROR (es_http_error_quark ())

/**
 * EsHttpError:
 * @ES_HTTP_ERROR_CONNECTION: could not connect, or the connection dropped (after retries)
 * @ES_HTTP_ERROR_TIMEOUT: the request timed out (after retries)
 * @ES_HTTP_ERROR_BAD_REQUEST: a 4xx not listed below (400, 409, 422, ...)
 * @ES_HTTP_ERROR_UNAUTHORIZED: 401, after one forced re-authorization when an authorizer is set
 * @ES_HTTP_ERROR_FORBIDDEN: 403
 * @ES_HTTP_ERROR_NOT_FOUND: 404 or 410
 * @ES_HTTP_ERROR_TOO_LARGE: 413
 * @ES_HTTP_ERROR_RATE_LIMITED: 429 (after retries)
 * @ES_HTTP_ERROR_SERVER: 5xx (after retries)
 * @ES_HTTP_ERROR_INVALID_RESPONSE: a 2xx whose body is not what was asked for (e.g. not JSON)
 *
 * Every error in this domain carries the HTTP status (0 when none was received) and, when the
 * request's error parser found them, the platform's own error code and message; read them with
 * es_http_error_get_status() and friends. Cancellation is always %G_IO_ERROR_CANCELLED.
 */
typedef enum
{
  ES_HTTP_ERROR_CONNECTION,
  ES_HTTP_ERROR_TIMEOUT,
  ES_HTTP_ERROR_BAD_REQUEST,
  ES_HTTP_ERROR_UNAUTHORIZED,
  ES_HTTP_ERROR_FORBIDDEN,
  ES_HTTP_ERROR_NOT_FOUND,
  ES_HTTP_ERROR_TOO_LARGE,
  ES_HTTP_ERROR_RATE_LIMITED,
  ES_HTTP_ERROR_SERVER,
  ES_HTTP_ERROR_INVALID_RESPONSE,
} EsHttpError;

GQuark      es_http_error_quark              (void);

/** es_http_error_get_status: Returns: the HTTP status of an %ES_HTTP_ERROR, 0 if none. */
guint       es_http_error_get_status         (const GError *error);
/** es_http_error_get_platform_code: Returns: (nullable): the platform's code, e.g. "6240" or "woocommerce_rest_cannot_view". */
const char *es_http_error_get_platform_code  (const GError *error);
/** es_http_error_get_platform_message: Returns: (nullable): the platform's own message. */
const char *es_http_error_get_platform_message (const GError *error);
/** es_http_error_get_body: Returns: (nullable) (transfer none): the raw response body. */
GBytes     *es_http_error_get_body           (const GError *error);
/** es_http_error_get_retry_after: Returns: seconds the server asked to wait, or -1. */
gint64      es_http_error_get_retry_after    (const GError *error);

/**
 * EsHttpErrorParser:
 * A platform's reader of its error bodies (WooCommerce `{code,message}`, Intuit `Fault`, PostgREST
 * `{code,message,details,hint}`). Called for every non-2xx response; it may set nothing. It must
 * tolerate any body, including XML and empty ones.
 */
typedef void (*EsHttpErrorParser) (guint        status,
                                   GBytes      *body,
                                   const char  *content_type,
                                   char       **platform_code,
                                   char       **platform_message);

/* ------------------------------------------------------------------------------------------- */
/* Authorizer: adds credentials, and is asked once to renew them after a 401                     */
/* ------------------------------------------------------------------------------------------- */

#define ES_TYPE_HTTP_AUTHORIZER (es_http_authorizer_get_type ())
G_DECLARE_INTERFACE (EsHttpAuthorizer, es_http_authorizer, ES, HTTP_AUTHORIZER, GObject)

struct _EsHttpAuthorizerInterface
{
  GTypeInterface parent_iface;

  /* Adds credentials to @message (e.g. "Authorization: Bearer …"). When @force_refresh is
   * TRUE the previous attempt got a 401: renew the credentials before adding them. */
  void     (*authorize_async)  (EsHttpAuthorizer    *self,
                                SoupMessage         *message,
                                gboolean             force_refresh,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
  gboolean (*authorize_finish) (EsHttpAuthorizer    *self,
                                GAsyncResult        *result,
                                GError             **error);
};

/** es_http_authorizer_authorize_async: Adds credentials to @message, renewing them first if asked. */
void     es_http_authorizer_authorize_async  (EsHttpAuthorizer    *self,
                                              SoupMessage         *message,
                                              gboolean             force_refresh,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/** es_http_authorizer_authorize_finish: Returns: %TRUE when @message now carries credentials. */
gboolean es_http_authorizer_authorize_finish (EsHttpAuthorizer    *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* ------------------------------------------------------------------------------------------- */
/* Request                                                                                       */
/* ------------------------------------------------------------------------------------------- */

#define ES_TYPE_HTTP_REQUEST (es_http_request_get_type ())
G_DECLARE_FINAL_TYPE (EsHttpRequest, es_http_request, ES, HTTP_REQUEST, GObject)

/** es_http_request_new: Returns: (transfer full): a request for @method on the absolute @uri. */
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
/** es_http_request_set_body: Sets a raw body with its content type. */
void           es_http_request_set_body         (EsHttpRequest     *self,
                                                 const char        *content_type,
                                                 GBytes            *body);
/** es_http_request_set_json_body: Serializes @node as the body (application/json). */
void           es_http_request_set_json_body    (EsHttpRequest     *self,
                                                 JsonNode          *node);
/** es_http_request_set_form_body: Encodes @form (string → string) as application/x-www-form-urlencoded. */
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
 * port). Intuit limits per company, so its connector passes a key naming the realm.
 */
void           es_http_request_set_limit_key    (EsHttpRequest     *self,
                                                 const char        *key);
/** es_http_request_get_limit_key: Returns: the key the limits are counted under. */
const char    *es_http_request_get_limit_key    (EsHttpRequest     *self);
/** es_http_request_set_max_attempts: Overrides the client's attempt limit for this request (≥ 1). */
void           es_http_request_set_max_attempts (EsHttpRequest     *self,
                                                 guint              max_attempts);

/* ------------------------------------------------------------------------------------------- */
/* Response                                                                                      */
/* ------------------------------------------------------------------------------------------- */

#define ES_TYPE_HTTP_RESPONSE (es_http_response_get_type ())
G_DECLARE_FINAL_TYPE (EsHttpResponse, es_http_response, ES, HTTP_RESPONSE, GObject)

/** es_http_response_get_status: Returns: the final HTTP status (2xx, 3xx when not followed). */
guint               es_http_response_get_status   (EsHttpResponse  *self);
/** es_http_response_get_headers: Returns: (transfer none): the response headers. */
SoupMessageHeaders *es_http_response_get_headers  (EsHttpResponse  *self);
/** es_http_response_get_header: Returns: (nullable): one header's value. */
const char         *es_http_response_get_header   (EsHttpResponse  *self,
                                                   const char      *name);
/** es_http_response_get_body: Returns: (transfer none): the body, possibly empty, never %NULL. */
GBytes             *es_http_response_get_body     (EsHttpResponse  *self);
/** es_http_response_get_attempts: Returns: how many attempts the request took (1 = no retry). */
guint               es_http_response_get_attempts (EsHttpResponse  *self);
/**
 * es_http_response_parse_json:
 * Returns: (transfer full): the body parsed as JSON, or %NULL with %ES_HTTP_ERROR_INVALID_RESPONSE.
 */
JsonNode           *es_http_response_parse_json   (EsHttpResponse  *self,
                                                   GError         **error);

/* ------------------------------------------------------------------------------------------- */
/* Client                                                                                        */
/* ------------------------------------------------------------------------------------------- */

#define ES_TYPE_HTTP_CLIENT (es_http_client_get_type ())
G_DECLARE_FINAL_TYPE (EsHttpClient, es_http_client, ES, HTTP_CLIENT, GObject)

/** es_http_client_new: Returns: (transfer full): a client over one new #SoupSession. */
EsHttpClient   *es_http_client_new                (void);
/** es_http_client_get_session: Returns: (transfer none): the session every request goes through. */
SoupSession    *es_http_client_get_session        (EsHttpClient        *self);
/**
 * es_http_client_set_retry_policy:
 * @max_attempts: attempts per request, including the first (default 5)
 * @base_delay_ms: first backoff step (default 500)
 * @max_delay_ms: cap of one backoff step and of a Retry-After wait (default 60000)
 *
 * Backoff is exponential with full jitter: attempt n waits a uniform random time in
 * [0, min(max, base·2ⁿ)]; a Retry-After (seconds or HTTP date) replaces it when present.
 */
void            es_http_client_set_retry_policy   (EsHttpClient        *self,
                                                   guint                max_attempts,
                                                   guint                base_delay_ms,
                                                   guint                max_delay_ms);
/** es_http_client_set_default_retry_after: Wait used after a 429 without Retry-After (ms, default 1000). */
void            es_http_client_set_default_retry_after (EsHttpClient   *self,
                                                   guint                delay_ms);
/**
 * es_http_client_set_limits:
 * @key: a limit key (a host such as "example.com:443" or a connector's own key)
 * @requests_per_minute: token bucket rate; 0 for no rate limit
 * @max_concurrent: requests in flight at once; 0 for no cap
 */
void            es_http_client_set_limits         (EsHttpClient        *self,
                                                   const char          *key,
                                                   guint                requests_per_minute,
                                                   guint                max_concurrent);
/** es_http_client_set_user_agent: Sets the User-Agent sent with every request. */
void            es_http_client_set_user_agent     (EsHttpClient        *self,
                                                   const char          *user_agent);
/**
 * es_http_client_send_async:
 * Sends @request, waiting for the rate limiter and concurrency cap of its limit key, retrying
 * as the retry policy allows. Any non-2xx final status is an %ES_HTTP_ERROR.
 */
void            es_http_client_send_async         (EsHttpClient        *self,
                                                   EsHttpRequest       *request,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/** es_http_client_send_finish: Returns: (transfer full): the 2xx response, or %NULL with @error. */
EsHttpResponse *es_http_client_send_finish        (EsHttpClient        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/** es_http_client_send_json_async: Like es_http_client_send_async(), and parses the body as JSON. */
void            es_http_client_send_json_async    (EsHttpClient        *self,
                                                   EsHttpRequest       *request,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/** es_http_client_send_json_finish: Returns: (transfer full): the parsed body, or %NULL with @error. */
JsonNode       *es_http_client_send_json_finish   (EsHttpClient        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/*
 * Signals: "request-logged" (const char *line): one redacted line per attempt, e.g.
 * "POST https://…/token?client_secret=[REDACTED] → 429 (attempt 1/5, retry in 1000 ms)".
 * The same line goes to g_debug() under the "es-http" log domain.
 */

G_END_DECLS
