/* es-http-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the HTTP layer's own files share with each other, and nothing else may use.
 */

#pragma once

#include <libsoup/soup.h>

#include "es-http-authorizer.h"
#include "es-http-error.h"
#include "es-http-request.h"
#include "es-http-response.h"

G_BEGIN_DECLS

GError             *_es_http_error_new                 (EsHttpError         code,
                                                        guint               status,
                                                        const char         *platform_code,
                                                        const char         *platform_message,
                                                        GBytes             *body,
                                                        gint64              retry_after,
                                                        const char         *format,
                                                        ...) G_GNUC_PRINTF (7, 8);
EsHttpError         _es_http_error_code_for_status     (guint               status);

SoupMessageHeaders *_es_http_request_get_headers       (EsHttpRequest      *self);
GBytes             *_es_http_request_get_body          (EsHttpRequest      *self);
const char         *_es_http_request_get_content_type  (EsHttpRequest      *self);
EsHttpAuthorizer   *_es_http_request_get_authorizer    (EsHttpRequest      *self);
EsHttpErrorParser   _es_http_request_get_error_parser  (EsHttpRequest      *self);
guint               _es_http_request_get_max_attempts  (EsHttpRequest      *self);

EsHttpResponse     *_es_http_response_new              (guint               status,
                                                        SoupMessageHeaders *headers,
                                                        GBytes             *body,
                                                        guint               attempts);

G_END_DECLS
