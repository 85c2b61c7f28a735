/* es-oauth2-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "es-http-authorizer.h"
#include "es-oauth2-flow.h"
#include "es-oauth2-token.h"
#include "es-secret-store.h"

G_BEGIN_DECLS

#define ES_TYPE_OAUTH2_SESSION (es_oauth2_session_get_type ())
G_DECLARE_FINAL_TYPE (EsOAuth2Session, es_oauth2_session, ES, OAUTH2_SESSION, GObject)

/**
 * es_oauth2_session_new:
 * @flow: the provider's flow, used to refresh
 * @store: where the account's token is kept
 * @system: the keyring item's system, e.g. "quickbooks"
 * @account: the keyring item's account, e.g. the QuickBooks company id
 * @description: translated, for the keyring item's label, e.g. "QuickBooks Online (company 123)"
 *
 * The tokens of one connected account. It implements [iface@Es.HttpAuthorizer], so a request
 * given the session as its authorizer carries `Authorization: Bearer …`, renewed ahead of
 * expiry and once after a 401.
 *
 * Returns: (transfer full): a session; nothing is read from the keyring until a token is needed
 */
EsOAuth2Session *es_oauth2_session_new                (EsOAuth2Flow        *flow,
                                                       EsSecretStore       *store,
                                                       const char          *system,
                                                       const char          *account,
                                                       const char          *description);
/** es_oauth2_session_get_system: Returns: the system its keyring item is filed under. */
const char      *es_oauth2_session_get_system         (EsOAuth2Session     *self);
/** es_oauth2_session_get_account: Returns: the account its keyring item is filed under. */
const char      *es_oauth2_session_get_account        (EsOAuth2Session     *self);
/**
 * es_oauth2_session_set_refresh_margin:
 * An access token this close to its expiry is renewed before use (default 5 minutes).
 */
void             es_oauth2_session_set_refresh_margin (EsOAuth2Session     *self,
                                                       GTimeSpan            margin);

/**
 * es_oauth2_session_save_async:
 * Makes @token (fresh from es_oauth2_flow_authorize_finish()) the account's token and saves
 * it in the keyring. Queued behind any running refresh.
 */
void             es_oauth2_session_save_async         (EsOAuth2Session     *self,
                                                       EsOAuth2Token       *token,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
/** es_oauth2_session_save_finish: Returns: %TRUE once the keyring holds the token. */
gboolean         es_oauth2_session_save_finish        (EsOAuth2Session     *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/**
 * es_oauth2_session_get_token_async:
 * @force_refresh: renew even if the access token looks valid (it was just refused)
 *
 * Gets a usable token: read from the keyring the first time, renewed when it expires within
 * the refresh margin or when @force_refresh. Callers waiting at the same time share one
 * keyring read and one refresh. A renewed token is saved in the keyring (a rotated refresh
 * token above all) before any caller gets it.
 */
void             es_oauth2_session_get_token_async    (EsOAuth2Session     *self,
                                                       gboolean             force_refresh,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
/**
 * es_oauth2_session_get_token_finish:
 * Returns: (transfer full): the token, or %NULL with an %ES_OAUTH2_ERROR (NOT_CONNECTED,
 *   RECONNECT_NEEDED, …), %ES_SECRET_STORE_ERROR, %ES_HTTP_ERROR or %G_IO_ERROR_CANCELLED
 */
EsOAuth2Token   *es_oauth2_session_get_token_finish   (EsOAuth2Session     *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

G_END_DECLS
