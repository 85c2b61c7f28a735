/* es-secret-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ES_SECRET_STORE_ERROR (es_secret_store_error_quark ())

/**
 * EsSecretStoreError:
 * @ES_SECRET_STORE_ERROR_NO_SERVICE: no Secret Service (keyring) answers on the session bus
 * @ES_SECRET_STORE_ERROR_LOCKED: the keyring is locked and could not be unlocked
 * @ES_SECRET_STORE_ERROR_FAILED: the keyring refused the operation for another reason
 * @ES_SECRET_STORE_ERROR_INVALID_DATA: a stored item is not a JSON object (written by someone else)
 *
 * Errors of [class@Es.SecretStore]. Cancellation is always %G_IO_ERROR_CANCELLED.
 */
typedef enum
{
  ES_SECRET_STORE_ERROR_NO_SERVICE,
  ES_SECRET_STORE_ERROR_LOCKED,
  ES_SECRET_STORE_ERROR_FAILED,
  ES_SECRET_STORE_ERROR_INVALID_DATA,
} EsSecretStoreError;

GQuark es_secret_store_error_quark (void);

#define ES_TYPE_SECRET_STORE (es_secret_store_get_type ())
G_DECLARE_FINAL_TYPE (EsSecretStore, es_secret_store, ES, SECRET_STORE, GObject)

/** es_secret_store_new: Returns: (transfer full): a store over the desktop keyring (libsecret). */
EsSecretStore *es_secret_store_new           (void);

/**
 * es_secret_store_store_async:
 * @system: the system the credential is for, e.g. "quickbooks"
 * @account: the account within @system, e.g. the QuickBooks company id
 * @description: translated, shown in the keyring as "EasySale Sync: @description"
 * @secret: the credential, kept as one keyring item; replaces any item of @system and @account
 *
 * Saves @secret in the keyring, unlocking it first if needed.
 */
void           es_secret_store_store_async   (EsSecretStore        *self,
                                              const char           *system,
                                              const char           *account,
                                              const char           *description,
                                              JsonObject           *secret,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
/** es_secret_store_store_finish: Returns: %TRUE once the keyring holds the secret. */
gboolean       es_secret_store_store_finish  (EsSecretStore        *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/** es_secret_store_lookup_async: Reads the credential of @system and @account. */
void           es_secret_store_lookup_async  (EsSecretStore        *self,
                                              const char           *system,
                                              const char           *account,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
/**
 * es_secret_store_lookup_finish:
 * Returns: (transfer full) (nullable): the credential, or %NULL without an error when the keyring
 *   holds none for that account.
 */
JsonObject    *es_secret_store_lookup_finish (EsSecretStore        *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/** es_secret_store_clear_async: Removes the credential of @system and @account, if any. */
void           es_secret_store_clear_async   (EsSecretStore        *self,
                                              const char           *system,
                                              const char           *account,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
/** es_secret_store_clear_finish: Returns: %TRUE when no credential remains (or none was kept). */
gboolean       es_secret_store_clear_finish  (EsSecretStore        *self,
                                              GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
