/* es-http-authorizer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define ES_TYPE_HTTP_AUTHORIZER (es_http_authorizer_get_type ())
G_DECLARE_INTERFACE (EsHttpAuthorizer, es_http_authorizer, ES, HTTP_AUTHORIZER, GObject)

/**
 * EsHttpAuthorizerInterface:
 * @authorize_async: adds credentials to the message (e.g. "Authorization: Bearer …"); when
 *   force_refresh is %TRUE the previous attempt got a 401, so renew the credentials first
 * @authorize_finish: completes @authorize_async
 *
 * Adds credentials to every attempt of a request, and is asked once to renew them after a 401.
 * Errors it returns reach the caller of the request unchanged (e.g. "reconnect needed").
 */
struct _EsHttpAuthorizerInterface
{
  GTypeInterface parent_iface;

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

/** es_http_authorizer_authorize_async: Adds credentials to @message, renewed first if asked. */
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

G_END_DECLS
