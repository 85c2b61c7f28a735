/* es-oauth2-flow.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "es-http-client.h"
#include "es-oauth2-token.h"

G_BEGIN_DECLS

#define ES_OAUTH2_ERROR (es_oauth2_error_quark ())

/**
 * EsOAuth2Error:
 * @ES_OAUTH2_ERROR_PORT_UNAVAILABLE: the loopback redirect listener could not listen (the fixed
 *   port is taken, or binding failed)
 * @ES_OAUTH2_ERROR_BROWSER: no web browser could be opened for the sign-in page
 * @ES_OAUTH2_ERROR_ACCESS_DENIED: the user refused consent (`error=access_denied`)
 * @ES_OAUTH2_ERROR_AUTHORIZATION_FAILED: the provider redirected back with another error, or
 *   without a code
 * @ES_OAUTH2_ERROR_TIMED_OUT: the sign-in was not finished in time
 * @ES_OAUTH2_ERROR_RECONNECT_NEEDED: the grant is gone (`invalid_grant`: code or refresh token
 *   expired, revoked or reused, or no usable token saved): the user must connect again
 * @ES_OAUTH2_ERROR_INVALID_CLIENT: `invalid_client`: wrong client id or secret
 * @ES_OAUTH2_ERROR_UNAUTHORIZED_CLIENT: `unauthorized_client`
 * @ES_OAUTH2_ERROR_INVALID_REQUEST: `invalid_request`
 * @ES_OAUTH2_ERROR_UNSUPPORTED_GRANT_TYPE: `unsupported_grant_type`
 * @ES_OAUTH2_ERROR_INVALID_SCOPE: `invalid_scope` from the token endpoint
 * @ES_OAUTH2_ERROR_TOKEN_FAILED: the token endpoint answered another OAuth error code
 * @ES_OAUTH2_ERROR_INVALID_RESPONSE: the token endpoint answered 2xx with no usable bearer token
 * @ES_OAUTH2_ERROR_NOT_CONNECTED: no token is saved for the account
 *
 * Errors of the OAuth 2.0 layer ([class@Es.OAuth2Flow], [class@Es.OAuth2Session]). A token
 * endpoint that cannot be reached, or answers 5xx, gives the %ES_HTTP_ERROR of the HTTP layer
 * unchanged (worth a retry, unlike these). Cancellation is always %G_IO_ERROR_CANCELLED.
 */
typedef enum
{
  ES_OAUTH2_ERROR_PORT_UNAVAILABLE,
  ES_OAUTH2_ERROR_BROWSER,
  ES_OAUTH2_ERROR_ACCESS_DENIED,
  ES_OAUTH2_ERROR_AUTHORIZATION_FAILED,
  ES_OAUTH2_ERROR_TIMED_OUT,
  ES_OAUTH2_ERROR_RECONNECT_NEEDED,
  ES_OAUTH2_ERROR_INVALID_CLIENT,
  ES_OAUTH2_ERROR_UNAUTHORIZED_CLIENT,
  ES_OAUTH2_ERROR_INVALID_REQUEST,
  ES_OAUTH2_ERROR_UNSUPPORTED_GRANT_TYPE,
  ES_OAUTH2_ERROR_INVALID_SCOPE,
  ES_OAUTH2_ERROR_TOKEN_FAILED,
  ES_OAUTH2_ERROR_INVALID_RESPONSE,
  ES_OAUTH2_ERROR_NOT_CONNECTED,
} EsOAuth2Error;

/** es_oauth2_error_quark: Returns: the error domain of the OAuth 2.0 layer. */
GQuark         es_oauth2_error_quark               (void);

#define ES_TYPE_OAUTH2_FLOW (es_oauth2_flow_get_type ())
G_DECLARE_FINAL_TYPE (EsOAuth2Flow, es_oauth2_flow, ES, OAUTH2_FLOW, GObject)

/**
 * es_oauth2_flow_new:
 * @client: the HTTP client token requests go through
 * @authorize_uri: the provider's authorization endpoint
 * @token_uri: the provider's token endpoint (code exchange and refresh)
 * @client_id: the app's client id
 * @client_secret: (nullable): the app's client secret, sent as HTTP Basic
 *   (`client_secret_basic`); %NULL for a public client, which sends `client_id` in the form
 *
 * Returns: (transfer full): a flow for one provider and app registration
 */
EsOAuth2Flow  *es_oauth2_flow_new                  (EsHttpClient        *client,
                                                    const char          *authorize_uri,
                                                    const char          *token_uri,
                                                    const char          *client_id,
                                                    const char          *client_secret);
/** es_oauth2_flow_set_scope: Sets the space-separated scopes to ask for (none by default). */
void           es_oauth2_flow_set_scope            (EsOAuth2Flow        *self,
                                                    const char          *scope);
/**
 * es_oauth2_flow_set_authorize_param:
 * Adds (or with @value %NULL removes) a provider-specific authorization parameter, e.g. Intuit's
 * `claims`. The parameters of the flow itself (client_id, state, PKCE, …) cannot be replaced.
 */
void           es_oauth2_flow_set_authorize_param  (EsOAuth2Flow        *self,
                                                    const char          *name,
                                                    const char          *value);
/**
 * es_oauth2_flow_set_redirect:
 * @host: "127.0.0.1" (the default) or "localhost": how the redirect URI names the loopback
 *   address; the listener always binds 127.0.0.1 only
 * @port: a fixed port, for providers that require an exactly registered redirect URI;
 *   0 (the default) lets the system choose a free one
 * @path: the redirect URI's path, starting with "/" (default "/callback")
 */
void           es_oauth2_flow_set_redirect         (EsOAuth2Flow        *self,
                                                    const char          *host,
                                                    guint                port,
                                                    const char          *path);
/** es_oauth2_flow_set_timeout: Seconds the user has to finish signing in (default 300). */
void           es_oauth2_flow_set_timeout          (EsOAuth2Flow        *self,
                                                    guint                seconds);

/**
 * es_oauth2_flow_authorize_async:
 *
 * Runs the authorization-code flow with `state` and PKCE (S256): starts the loopback redirect
 * listener, emits #EsOAuth2Flow::open-uri with the sign-in address, waits for the redirect,
 * and exchanges the code for tokens. A redirect with a wrong or missing `state` is refused with
 * an error page and the flow keeps waiting (see docs/oauth.md). The listener is closed, and its
 * port free again, before the callback runs. One authorization at a time per flow
 * (%G_IO_ERROR_PENDING otherwise).
 */
void           es_oauth2_flow_authorize_async      (EsOAuth2Flow        *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/**
 * es_oauth2_flow_authorize_finish:
 * Returns: (transfer full): the new token, with the redirect's other parameters (e.g.
 *   `realmId`) as its params, or %NULL with an %ES_OAUTH2_ERROR, %ES_HTTP_ERROR or %G_IO_ERROR
 */
EsOAuth2Token *es_oauth2_flow_authorize_finish     (EsOAuth2Flow        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/**
 * es_oauth2_flow_refresh_async:
 * Asks the token endpoint for a new access token with the refresh token of @token. The answer
 * may carry a new (rotated) refresh token: whoever calls this must save it before using the
 * new access token ([class@Es.OAuth2Session] does).
 */
void           es_oauth2_flow_refresh_async        (EsOAuth2Flow        *self,
                                                    EsOAuth2Token       *token,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/** es_oauth2_flow_refresh_finish: Returns: (transfer full): the renewed token, or %NULL. */
EsOAuth2Token *es_oauth2_flow_refresh_finish       (EsOAuth2Flow        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/*
 * Signals:
 *
 * "open-uri" (const char *uri) → gboolean: the listener is up and the user must visit @uri.
 * Handlers return %TRUE when they took care of it. The default handler opens the default
 * browser with g_app_info_launch_default_for_uri_async() (the OpenURI portal in Flatpak); a
 * launch failure ends the flow with %ES_OAUTH2_ERROR_BROWSER. A `--no-browser` command line
 * connects a handler that prints @uri and returns %TRUE.
 */

G_END_DECLS
