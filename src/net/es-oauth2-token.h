/* es-oauth2-token.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ES_TYPE_OAUTH2_TOKEN (es_oauth2_token_get_type ())
G_DECLARE_FINAL_TYPE (EsOAuth2Token, es_oauth2_token, ES, OAUTH2_TOKEN, GObject)

/**
 * es_oauth2_token_new_from_response:
 * @response: the JSON object a token endpoint answered (RFC 6749 §5.1)
 * @received_at: when the answer arrived; `expires_in` counts from here
 * @previous: (nullable): the token this one renews: a refresh answer without `refresh_token`,
 *   `scope` or `x_refresh_token_expires_in` keeps those of @previous, and its parameters
 * @params: (nullable) (element-type utf8 utf8): parameters the provider sent with the
 *   authorization code, e.g. Intuit's `realmId`; %NULL keeps those of @previous
 *
 * Returns: (transfer full): the token, or %NULL with %ES_OAUTH2_ERROR_INVALID_RESPONSE when
 *   @response is not a bearer token
 */
EsOAuth2Token *es_oauth2_token_new_from_response     (JsonObject     *response,
                                                      GDateTime      *received_at,
                                                      EsOAuth2Token  *previous,
                                                      GHashTable     *params,
                                                      GError        **error);
/**
 * es_oauth2_token_new_from_json:
 * Reads what es_oauth2_token_to_json() wrote (the keyring item).
 *
 * Returns: (transfer full): the token, or %NULL with %ES_OAUTH2_ERROR_RECONNECT_NEEDED when
 *   @object is not a saved token
 */
EsOAuth2Token *es_oauth2_token_new_from_json         (JsonObject     *object,
                                                      GError        **error);
/**
 * es_oauth2_token_to_json:
 * Returns: (transfer full): everything in the token, expiries as absolute UTC times. It holds
 *   secrets: it belongs in the keyring and nowhere else.
 */
JsonObject    *es_oauth2_token_to_json               (EsOAuth2Token  *self);

/** es_oauth2_token_get_access_token: Returns: the access token (a secret). */
const char    *es_oauth2_token_get_access_token      (EsOAuth2Token  *self);
/** es_oauth2_token_get_refresh_token: Returns: (nullable): the refresh token (a secret). */
const char    *es_oauth2_token_get_refresh_token     (EsOAuth2Token  *self);
/** es_oauth2_token_get_id_token: Returns: (nullable): the OpenID Connect ID token, if one came. */
const char    *es_oauth2_token_get_id_token          (EsOAuth2Token  *self);
/** es_oauth2_token_get_scope: Returns: (nullable): the granted scope, if the provider said. */
const char    *es_oauth2_token_get_scope             (EsOAuth2Token  *self);
/** es_oauth2_token_get_expires_at: Returns: (nullable): when the access token expires (UTC). */
GDateTime     *es_oauth2_token_get_expires_at        (EsOAuth2Token  *self);
/** es_oauth2_token_get_refresh_expires_at: Returns: (nullable): when the refresh token expires. */
GDateTime     *es_oauth2_token_get_refresh_expires_at (EsOAuth2Token *self);
/** es_oauth2_token_get_param: Returns: (nullable): a parameter sent with the code ("realmId"). */
const char    *es_oauth2_token_get_param             (EsOAuth2Token  *self,
                                                      const char     *name);
/**
 * es_oauth2_token_expires_within:
 * Returns: %TRUE when the access token has expired at @now + @margin; a token without a known
 *   expiry never does (only a 401 will tell)
 */
gboolean       es_oauth2_token_expires_within        (EsOAuth2Token  *self,
                                                      GDateTime      *now,
                                                      GTimeSpan       margin);

G_END_DECLS
