/* es-http-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ES_HTTP_ERROR (es_http_error_quark ())

/**
 * EsHttpError:
 * @ES_HTTP_ERROR_CONNECTION: could not connect, or the connection dropped (after retries)
 * @ES_HTTP_ERROR_TIMEOUT: the request timed out, or the server answered 408 (after retries)
 * @ES_HTTP_ERROR_BAD_REQUEST: a 4xx not listed below (400, 409, 422, ...)
 * @ES_HTTP_ERROR_UNAUTHORIZED: 401, after one forced re-authorization when an authorizer is set
 * @ES_HTTP_ERROR_FORBIDDEN: 403
 * @ES_HTTP_ERROR_NOT_FOUND: 404 or 410
 * @ES_HTTP_ERROR_TOO_LARGE: 413
 * @ES_HTTP_ERROR_RATE_LIMITED: 429 (after retries)
 * @ES_HTTP_ERROR_SERVER: 5xx (after retries)
 * @ES_HTTP_ERROR_INVALID_RESPONSE: a status that is neither success nor error (a redirect that
 *   could not be followed), or a 2xx whose body is not what was asked for (e.g. not JSON)
 * @ES_HTTP_ERROR_INVALID_REQUEST: the request cannot be sent at all (not an absolute http or
 *   https URI)
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
  ES_HTTP_ERROR_INVALID_REQUEST,
} EsHttpError;

/** es_http_error_quark: Returns: the extended error domain of the HTTP layer. */
GQuark      es_http_error_quark                (void);

/** es_http_error_get_status: Returns: the HTTP status of an %ES_HTTP_ERROR, 0 if none. */
guint       es_http_error_get_status           (const GError *error);
/** es_http_error_get_platform_code: Returns: (nullable): the platform's code, e.g. "6240". */
const char *es_http_error_get_platform_code    (const GError *error);
/** es_http_error_get_platform_message: Returns: (nullable): the platform's own message. */
const char *es_http_error_get_platform_message (const GError *error);
/** es_http_error_get_body: Returns: (nullable) (transfer none): the raw response body. */
GBytes     *es_http_error_get_body             (const GError *error);
/** es_http_error_get_retry_after: Returns: seconds the server asked to wait, or -1. */
gint64      es_http_error_get_retry_after      (const GError *error);

/**
 * EsHttpErrorParser:
 * @status: the HTTP status
 * @body: the raw response body, possibly empty
 * @content_type: (nullable): the response's media type, without parameters
 * @platform_code: (out) (transfer full): set to the platform's error code, if found
 * @platform_message: (out) (transfer full): set to the platform's message, if found
 *
 * A platform's reader of its error bodies (WooCommerce `{code,message}`, Intuit `Fault`, PostgREST
 * `{code,message,details,hint}`). Called for every non-2xx response; it may set nothing. It must
 * tolerate any body, including XML and empty ones.
 */
typedef void (*EsHttpErrorParser) (guint        status,
                                   GBytes      *body,
                                   const char  *content_type,
                                   char       **platform_code,
                                   char       **platform_message);

G_END_DECLS
