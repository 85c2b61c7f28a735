/* es-http-response.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "es-http-error.h"

G_BEGIN_DECLS

#define ES_TYPE_HTTP_RESPONSE (es_http_response_get_type ())
G_DECLARE_FINAL_TYPE (EsHttpResponse, es_http_response, ES, HTTP_RESPONSE, GObject)

/** es_http_response_get_status: Returns: the final HTTP status (always 2xx). */
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
 * An empty body (a 204, or a PostgREST write with `return=minimal`) parses as a JSON null.
 *
 * Returns: (transfer full): the body parsed as JSON, or %NULL with %ES_HTTP_ERROR_INVALID_RESPONSE.
 */
JsonNode           *es_http_response_parse_json   (EsHttpResponse  *self,
                                                   GError         **error);

/**
 * es_http_parse_retry_after:
 * @value: (nullable): a Retry-After header value: delta-seconds or an HTTP date
 * @now: (nullable): the time a date is measured from; %NULL for the current time
 *
 * Returns: the wait the server asked for in milliseconds (0 for a date in the past), or -1
 *   when @value is absent or not a valid Retry-After
 */
gint64              es_http_parse_retry_after     (const char      *value,
                                                   GDateTime       *now);

G_END_DECLS
