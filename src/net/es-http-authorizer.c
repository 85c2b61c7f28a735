/* es-http-authorizer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-http"

#include "config.h"

#include "es-http-authorizer.h"

G_DEFINE_INTERFACE (EsHttpAuthorizer, es_http_authorizer, G_TYPE_OBJECT)

static void
es_http_authorizer_default_init (EsHttpAuthorizerInterface *iface)
{
}

void
es_http_authorizer_authorize_async (EsHttpAuthorizer    *self,
                                    SoupMessage         *message,
                                    gboolean             force_refresh,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (ES_IS_HTTP_AUTHORIZER (self));
  g_return_if_fail (SOUP_IS_MESSAGE (message));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  ES_HTTP_AUTHORIZER_GET_IFACE (self)->authorize_async (self, message, force_refresh,
                                                        cancellable, callback, user_data);
}

gboolean
es_http_authorizer_authorize_finish (EsHttpAuthorizer  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  g_return_val_if_fail (ES_IS_HTTP_AUTHORIZER (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return ES_HTTP_AUTHORIZER_GET_IFACE (self)->authorize_finish (self, result, error);
}
