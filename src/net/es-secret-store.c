/* es-secret-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-secret-store"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "es-secret-store.h"

/*
 * One keyring item per (system, account), as gnome-online-accounts does: the whole credential is
 * one JSON object, so an access token and the refresh token it came with are always replaced
 * together. Nothing here ever falls back to a file: without a keyring there is an error.
 */

struct _EsSecretStore
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (EsSecretStore, es_secret_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (es-secret-store-error-quark, es_secret_store_error)

static const SecretSchema credential_schema = {
  .name = "com.easysale.Sync.Credential",
  .flags = SECRET_SCHEMA_NONE,
  .attributes = {
    { "system", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

/* Text that held a secret is wiped before it is freed. */
typedef char EsSecretText;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EsSecretText, secret_password_free)

typedef struct
{
  char        *system;      /* (owned) */
  char        *account;     /* (owned) */
  GHashTable  *attributes;  /* (owned): borrows the two strings above */
  SecretValue *value;       /* (owned) (nullable): what store writes */
  char        *label;       /* (owned) (nullable): the item's label, for store */
  GList       *doomed;      /* (owned) (element-type SecretItem): items clear has yet to delete */
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_clear_pointer (&request->attributes, g_hash_table_unref);
  g_list_free_full (request->doomed, g_object_unref);
  g_clear_pointer (&request->value, secret_value_unref);
  g_free (request->label);
  g_free (request->system);
  g_free (request->account);
  g_free (request);
}

static GTask *
request_task_new (EsSecretStore       *self,
                  gpointer             source_tag,
                  const char          *system,
                  const char          *account,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  request->system = g_strdup (system);
  request->account = g_strdup (account);
  request->attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (request->attributes, (gpointer) "system", request->system);
  g_hash_table_insert (request->attributes, (gpointer) "account", request->account);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, request_free);

  return task;
}

static gboolean
is_no_service_error (const GError *error)
{
  /* Connecting to the session bus failed (no bus, a dead address). */
  if (error->domain == G_IO_ERROR)
    return TRUE;

  /* A Secret Service without a default keyring (gnome-keyring answers "Object does not exist at
   * path …/collection/login" with UnknownMethod) keeps nothing either. */
  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT))
    return TRUE;

  if (error->domain == G_DBUS_ERROR)
    {
      switch (error->code)
        {
        case G_DBUS_ERROR_SERVICE_UNKNOWN:
        case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
        case G_DBUS_ERROR_NO_SERVER:
        case G_DBUS_ERROR_DISCONNECTED:
        case G_DBUS_ERROR_FILE_NOT_FOUND:
        case G_DBUS_ERROR_UNKNOWN_METHOD:
        case G_DBUS_ERROR_UNKNOWN_OBJECT:
        case G_DBUS_ERROR_UNKNOWN_INTERFACE:
        case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
        case G_DBUS_ERROR_SPAWN_FORK_FAILED:
        case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
        case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
        case G_DBUS_ERROR_SPAWN_FAILED:
        case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
        case G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID:
        case G_DBUS_ERROR_SPAWN_FILE_INVALID:
        case G_DBUS_ERROR_SPAWN_NO_MEMORY:
          return TRUE;
        default:
          return FALSE;
        }
    }

  return FALSE;
}

static void
task_return_locked (GTask *task)
{
  g_task_return_new_error (task, ES_SECRET_STORE_ERROR, ES_SECRET_STORE_ERROR_LOCKED, "%s",
                           _("The keyring is locked. Unlock it to let EasySale Sync use "
                             "your saved passwords, then try again."));
}

/* Rewraps a libsecret or D-Bus error in this domain, with words a user can act on. The original
 * text goes to the debug log only: it names D-Bus objects, never secrets. */
static void
task_return_keyring_error (GTask  *task,
                           GError *error)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) owned = error;

  g_assert (error != NULL);

  g_debug ("Keyring error: %s (%s, %d)",
           error->message, g_quark_to_string (error->domain), error->code);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                               _("Operation was cancelled"));
      return;
    }

  /* An unlock prompt that was dismissed (or could not be shown) ends as a cancellation that
   * nobody asked for: to the user it is a keyring that stayed locked. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    {
      task_return_locked (task);
      return;
    }

  if (is_no_service_error (error))
    {
      g_task_return_new_error (task, ES_SECRET_STORE_ERROR, ES_SECRET_STORE_ERROR_NO_SERVICE, "%s",
                               _("No keyring is available to keep your passwords safe. Make "
                                 "sure the desktop’s password keyring (a Secret Service such as "
                                 "GNOME Keyring) is running and has a default keyring, then try "
                                 "again."));
      return;
    }

  g_task_return_new_error (task, ES_SECRET_STORE_ERROR, ES_SECRET_STORE_ERROR_FAILED,
                           _("The keyring could not be used: %s"), error->message);
}

static void
es_secret_store_class_init (EsSecretStoreClass *klass)
{
}

static void
es_secret_store_init (EsSecretStore *self)
{
}

/**
 * es_secret_store_new:
 *
 * Creates a store over the desktop keyring (the Secret Service; the Secret portal in Flatpak).
 *
 * Returns: (transfer full): a new #EsSecretStore
 */
EsSecretStore *
es_secret_store_new (void)
{
  return g_object_new (ES_TYPE_SECRET_STORE, NULL);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  g_assert (G_IS_TASK (task));

  if (!secret_service_store_finish (SECRET_SERVICE (object), result, &error))
    {
      task_return_keyring_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
store_now (GTask         *task,
           SecretService *service)
{
  Request *request = g_task_get_task_data (task);

  g_assert (request->value != NULL);

  secret_service_store (service, &credential_schema, request->attributes,
                        SECRET_COLLECTION_DEFAULT, request->label, request->value,
                        g_task_get_cancellable (task), store_cb, g_object_ref (task));
}

static void
store_unlock_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  g_assert (G_IS_TASK (task));

  /* A dismissed prompt is no error to libsecret, only nothing unlocked. */
  if (secret_service_unlock_finish (SECRET_SERVICE (object), result, NULL, &error) == 0)
    {
      if (error != NULL)
        task_return_keyring_error (task, error);
      else
        task_return_locked (task);
      return;
    }

  store_now (task, SECRET_SERVICE (object));
}

static void
store_collection_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GList) objects = NULL;
  GError *error = NULL;

  g_assert (G_IS_TASK (task));

  collection = secret_collection_for_alias_finish (result, &error);
  if (error != NULL)
    {
      task_return_keyring_error (task, error);
      return;
    }

  if (collection == NULL)
    {
      task_return_keyring_error (task, g_error_new (SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT,
                                                    "The keyring has no default collection"));
      return;
    }

  service = secret_collection_get_service (collection);
  g_object_ref (service);

  /* Unlocking explicitly, rather than letting secret_service_store() do it, tells a dismissed
   * prompt apart from other failures. */
  if (secret_collection_get_locked (collection))
    {
      objects = g_list_append (NULL, collection);
      secret_service_unlock (service, objects, g_task_get_cancellable (task),
                             store_unlock_cb, g_object_ref (task));
      return;
    }

  store_now (task, service);
}

static void
store_service_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SecretService) service = NULL;
  GError *error = NULL;

  g_assert (G_IS_TASK (task));

  service = secret_service_get_finish (result, &error);
  if (service == NULL)
    {
      task_return_keyring_error (task, error);
      return;
    }

  secret_collection_for_alias (service, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE,
                               g_task_get_cancellable (task),
                               store_collection_cb, g_object_ref (task));
}

/**
 * es_secret_store_store_async:
 * @self: a #EsSecretStore
 * @system: the system the credential is for, e.g. "quickbooks"
 * @account: the account within @system, e.g. the QuickBooks company id
 * @description: translated, shown in the keyring as "EasySale Sync: @description"
 * @secret: the credential
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the keyring holds the secret, or failed
 * @user_data: data for @callback
 *
 * Saves @secret as the one keyring item of @system and @account, replacing any earlier one.
 * The keyring is unlocked first if needed (which may show the desktop's unlock prompt).
 */
void
es_secret_store_store_async (EsSecretStore       *self,
                             const char          *system,
                             const char          *account,
                             const char          *description,
                             JsonObject          *secret,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(EsSecretText) text = NULL;
  Request *request;

  g_return_if_fail (ES_IS_SECRET_STORE (self));
  g_return_if_fail (system != NULL && *system != '\0');
  g_return_if_fail (account != NULL && *account != '\0');
  g_return_if_fail (description != NULL);
  g_return_if_fail (secret != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = request_task_new (self, es_secret_store_store_async, system, account,
                           cancellable, callback, user_data);
  request = g_task_get_task_data (task);

  root = json_node_init_object (json_node_alloc (), secret);
  text = json_to_string (root, FALSE);
  /* SecretValue wipes its copy when it is freed. */
  request->value = secret_value_new (text, -1, "text/plain");
  /* Translators: the name of an item in the desktop's password keyring; %s names the account,
   * e.g. "QuickBooks Online (company 123)". */
  request->label = g_strdup_printf (_("EasySale Sync: %s"), description);

  g_debug ("Storing the credential of %s account %s", system, account);

  secret_service_get (SECRET_SERVICE_OPEN_SESSION, cancellable,
                      store_service_cb, g_steal_pointer (&task));
}

/**
 * es_secret_store_store_finish:
 * @self: a #EsSecretStore
 * @result: the result passed to the callback
 * @error: return location for an error in %ES_SECRET_STORE_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Returns: %TRUE once the keyring holds the secret
 */
gboolean
es_secret_store_store_finish (EsSecretStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (ES_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == es_secret_store_store_async,
                        FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/*
 * Lookup and clear search with the SecretService API rather than secret_password_lookup() and
 * secret_password_clear(): those report an item whose keyring stayed locked (unlock prompt
 * dismissed) as "no such item", which would look to the user like a lost connection.
 */

static void
lookup_search_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autolist(SecretItem) items = NULL;
  g_autoptr(SecretValue) value = NULL;
  g_autoptr(JsonParser) parser = NULL;
  Request *request;
  SecretItem *item;
  const char *data;
  gsize len = 0;
  JsonNode *root;
  GError *error = NULL;

  g_assert (G_IS_TASK (task));

  request = g_task_get_task_data (task);
  items = secret_service_search_finish (SECRET_SERVICE (object), result, &error);
  if (error != NULL)
    {
      task_return_keyring_error (task, error);
      return;
    }

  if (items == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  /* Without SECRET_SEARCH_ALL the search returns one item, an unlocked one when there is one. */
  item = items->data;
  value = secret_item_get_locked (item) ? NULL : secret_item_get_secret (item);
  if (value == NULL)
    {
      task_return_locked (task);
      return;
    }

  data = secret_value_get (value, &len);
  parser = json_parser_new ();
  if (len == 0 ||
      !json_parser_load_from_data (parser, data, len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    {
      /* Never quote the text: it is a secret, however damaged. */
      g_task_return_new_error (task, ES_SECRET_STORE_ERROR, ES_SECRET_STORE_ERROR_INVALID_DATA,
                               _("The saved credentials for %s (%s) cannot be read. Connect "
                                 "the account again."),
                               request->system, request->account);
      return;
    }

  g_task_return_pointer (task, json_node_dup_object (root), (GDestroyNotify) json_object_unref);
}

static void
lookup_service_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SecretService) service = NULL;
  Request *request;
  GError *error = NULL;

  g_assert (G_IS_TASK (task));

  request = g_task_get_task_data (task);
  service = secret_service_get_finish (result, &error);
  if (service == NULL)
    {
      task_return_keyring_error (task, error);
      return;
    }

  secret_service_search (service, &credential_schema, request->attributes,
                         SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                         g_task_get_cancellable (task),
                         lookup_search_cb, g_object_ref (task));
}

/**
 * es_secret_store_lookup_async:
 * @self: a #EsSecretStore
 * @system: the system, e.g. "quickbooks"
 * @account: the account within @system
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the credential
 * @user_data: data for @callback
 *
 * Reads the credential of @system and @account, unlocking the keyring first if needed.
 */
void
es_secret_store_lookup_async (EsSecretStore       *self,
                              const char          *system,
                              const char          *account,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ES_IS_SECRET_STORE (self));
  g_return_if_fail (system != NULL && *system != '\0');
  g_return_if_fail (account != NULL && *account != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = request_task_new (self, es_secret_store_lookup_async, system, account,
                           cancellable, callback, user_data);

  secret_service_get (SECRET_SERVICE_OPEN_SESSION, cancellable,
                      lookup_service_cb, g_steal_pointer (&task));
}

/**
 * es_secret_store_lookup_finish:
 * @self: a #EsSecretStore
 * @result: the result passed to the callback
 * @error: return location for an error in %ES_SECRET_STORE_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the credential, or %NULL without an error when the keyring
 *   holds none for that account
 */
JsonObject *
es_secret_store_lookup_finish (EsSecretStore  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (ES_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == es_secret_store_lookup_async,
                        NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void clear_next (GTask *task);

static void
clear_delete_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  g_assert (G_IS_TASK (task));

  if (!secret_item_delete_finish (SECRET_ITEM (object), result, &error))
    {
      task_return_keyring_error (task, error);
      return;
    }

  clear_next (g_steal_pointer (&task));
}

static void
clear_next (GTask *task)
{
  g_autoptr(GTask) owned = task;
  Request *request = g_task_get_task_data (task);
  g_autoptr(SecretItem) item = NULL;

  if (request->doomed == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  item = request->doomed->data;
  request->doomed = g_list_delete_link (request->doomed, request->doomed);

  secret_item_delete (item, g_task_get_cancellable (task),
                      clear_delete_cb, g_steal_pointer (&owned));
}

static void
clear_search_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request;
  GError *error = NULL;

  g_assert (G_IS_TASK (task));

  request = g_task_get_task_data (task);
  request->doomed = secret_service_search_finish (SECRET_SERVICE (object), result, &error);
  if (error != NULL)
    {
      task_return_keyring_error (task, error);
      return;
    }

  for (const GList *l = request->doomed; l != NULL; l = l->next)
    {
      if (secret_item_get_locked (l->data))
        {
          task_return_locked (task);
          return;
        }
    }

  clear_next (g_steal_pointer (&task));
}

static void
clear_service_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SecretService) service = NULL;
  Request *request;
  GError *error = NULL;

  g_assert (G_IS_TASK (task));

  request = g_task_get_task_data (task);
  service = secret_service_get_finish (result, &error);
  if (service == NULL)
    {
      task_return_keyring_error (task, error);
      return;
    }

  /* Every matching item, in any collection: forgetting a credential must forget all copies. */
  secret_service_search (service, &credential_schema, request->attributes,
                         SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK,
                         g_task_get_cancellable (task),
                         clear_search_cb, g_object_ref (task));
}

/**
 * es_secret_store_clear_async:
 * @self: a #EsSecretStore
 * @system: the system, e.g. "quickbooks"
 * @account: the account within @system
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the credential is gone
 * @user_data: data for @callback
 *
 * Removes the credential of @system and @account from the keyring, if there is one.
 */
void
es_secret_store_clear_async (EsSecretStore       *self,
                             const char          *system,
                             const char          *account,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ES_IS_SECRET_STORE (self));
  g_return_if_fail (system != NULL && *system != '\0');
  g_return_if_fail (account != NULL && *account != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = request_task_new (self, es_secret_store_clear_async, system, account,
                           cancellable, callback, user_data);

  g_debug ("Removing the credential of %s account %s", system, account);

  secret_service_get (SECRET_SERVICE_NONE, cancellable,
                      clear_service_cb, g_steal_pointer (&task));
}

/**
 * es_secret_store_clear_finish:
 * @self: a #EsSecretStore
 * @result: the result passed to the callback
 * @error: return location for an error in %ES_SECRET_STORE_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Returns: %TRUE when the keyring holds no credential for the account (also if it held none)
 */
gboolean
es_secret_store_clear_finish (EsSecretStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (ES_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == es_secret_store_clear_async,
                        FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
