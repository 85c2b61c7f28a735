/* test-secret-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs against a real Secret Service (gnome-keyring under dbus-run-session in the test command).
 * Without one the keyring cases fail, unless ES_TEST_NO_KEYRING=1 says there is none on purpose.
 */

#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include "es-crypto.h"
#include "es-secret-store.h"

/* The schema is part of the contract with items already in users' keyrings: spelled out here
 * on purpose rather than taken from the code under test. */
static const SecretSchema expected_schema = {
  .name = "com.easysale.Sync.Credential",
  .flags = SECRET_SCHEMA_NONE,
  .attributes = {
    { "system", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

typedef struct
{
  EsSecretStore *store;
  char          *system;
  char          *account;
  char          *other_account;
} Fixture;

static gboolean
keyring_expected (void)
{
  return g_strcmp0 (g_getenv ("ES_TEST_NO_KEYRING"), "1") != 0;
}

static void
rm_rf (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;
  GFile *child;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL &&
         g_file_enumerator_iterate (children, &info, &child, NULL, NULL) &&
         info != NULL)
    rm_rf (child);

  g_file_delete (file, NULL, NULL);
}

static gboolean
on_wait_timeout (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_result (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* Iterates the main loop until an async call finishes; a generous limit fails the test instead
 * of hanging it. */
static GAsyncResult *
await_result (GAsyncResult **slot)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (20, on_wait_timeout, &timed_out);

  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("The keyring did not answer within 20 seconds");
  g_source_remove (id);

  return g_steal_pointer (slot);
}

static gboolean
store_sync (EsSecretStore  *store,
            const char     *system,
            const char     *account,
            const char     *description,
            JsonObject     *secret,
            GCancellable   *cancellable,
            GError        **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  es_secret_store_store_async (store, system, account, description, secret, cancellable,
                               on_result, &slot);
  result = await_result (&slot);

  return es_secret_store_store_finish (store, result, error);
}

static JsonObject *
lookup_sync (EsSecretStore  *store,
             const char     *system,
             const char     *account,
             GCancellable   *cancellable,
             GError        **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  es_secret_store_lookup_async (store, system, account, cancellable, on_result, &slot);
  result = await_result (&slot);

  return es_secret_store_lookup_finish (store, result, error);
}

static gboolean
clear_sync (EsSecretStore  *store,
            const char     *system,
            const char     *account,
            GCancellable   *cancellable,
            GError        **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  es_secret_store_clear_async (store, system, account, cancellable, on_result, &slot);
  result = await_result (&slot);

  return es_secret_store_clear_finish (store, result, error);
}

static JsonObject *
credential_new (const char *access_token,
                const char *refresh_token)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "access_token", access_token);
  json_object_set_string_member (object, "refresh_token", refresh_token);
  json_object_set_string_member (object, "expires_at", "2026-05-01T12:00:00Z");
  json_object_set_string_member (object, "realm_id", "9130347596618756");

  return object;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *suffix = NULL;
  g_autoptr(JsonObject) probe = NULL;
  g_autoptr(GError) error = NULL;

  if (!keyring_expected ())
    {
      g_test_skip ("ES_TEST_NO_KEYRING=1: no Secret Service on purpose");
      return;
    }

  /* Unique names, so a run inside a real desktop session never touches anyone's items and a
   * crashed run leaves nothing a later run could mistake for its own. */
  suffix = es_crypto_random_token (9, &error);
  g_assert_no_error (error);

  fixture->store = es_secret_store_new ();
  fixture->system = g_strdup_printf ("test-system-%s", suffix);
  fixture->account = g_strdup_printf ("company-%s", suffix);
  fixture->other_account = g_strdup_printf ("other-company-%s", suffix);

  /* Fails here, with the store's own words, when the test command provided no keyring. */
  probe = lookup_sync (fixture->store, fixture->system, fixture->account, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (probe);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *accounts[] = { fixture->account, fixture->other_account };

  if (fixture->store != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
        {
          g_autoptr(GError) error = NULL;

          clear_sync (fixture->store, fixture->system, accounts[i], NULL, &error);
          g_assert_no_error (error);
        }
    }

  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->system, g_free);
  g_clear_pointer (&fixture->account, g_free);
  g_clear_pointer (&fixture->other_account, g_free);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) first = credential_new ("access-1", "refresh-1");
  g_autoptr(JsonObject) second = credential_new ("access-2", "refresh-2");
  g_autoptr(JsonObject) found = NULL;
  g_autoptr(GError) error = NULL;

  if (fixture->store == NULL)
    return;

  g_assert_true (store_sync (fixture->store, fixture->system, fixture->account,
                             "QuickBooks Online (company 123)", first, NULL, &error));
  g_assert_no_error (error);

  found = lookup_sync (fixture->store, fixture->system, fixture->account, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (json_object_get_string_member (found, "access_token"), ==, "access-1");
  g_assert_cmpstr (json_object_get_string_member (found, "refresh_token"), ==, "refresh-1");
  g_assert_cmpstr (json_object_get_string_member (found, "expires_at"), ==, "2026-05-01T12:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (found, "realm_id"), ==, "9130347596618756");
  g_clear_pointer (&found, json_object_unref);

  /* Storing again replaces the item: one item per account, never a second one. */
  g_assert_true (store_sync (fixture->store, fixture->system, fixture->account,
                             "QuickBooks Online (company 123)", second, NULL, &error));
  g_assert_no_error (error);

  found = lookup_sync (fixture->store, fixture->system, fixture->account, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (json_object_get_string_member (found, "access_token"), ==, "access-2");
  g_assert_cmpstr (json_object_get_string_member (found, "refresh_token"), ==, "refresh-2");
  g_clear_pointer (&found, json_object_unref);

  {
    g_autoptr(GHashTable) attributes = secret_attributes_build (&expected_schema,
                                                                "system", fixture->system,
                                                                "account", fixture->account,
                                                                NULL);
    g_autoptr(SecretService) service = NULL;
    g_autolist(SecretItem) items = NULL;
    g_autofree char *label = NULL;

    service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
    g_assert_no_error (error);
    items = secret_service_search_sync (service, &expected_schema, attributes, SECRET_SEARCH_ALL,
                                        NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_length (items), ==, 1);
    label = secret_item_get_label (items->data);
    g_assert_cmpstr (label, ==, "EasySale Sync: QuickBooks Online (company 123)");
  }

  g_assert_true (clear_sync (fixture->store, fixture->system, fixture->account, NULL, &error));
  g_assert_no_error (error);

  found = lookup_sync (fixture->store, fixture->system, fixture->account, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);
}

static void
test_accounts_distinct (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(JsonObject) mine = credential_new ("access-mine", "refresh-mine");
  g_autoptr(JsonObject) other = credential_new ("access-other", "refresh-other");
  g_autoptr(JsonObject) found = NULL;
  g_autofree char *other_system = g_strconcat (fixture->system ? fixture->system : "", "-b", NULL);
  g_autoptr(GError) error = NULL;

  if (fixture->store == NULL)
    return;

  g_assert_true (store_sync (fixture->store, fixture->system, fixture->account, "A", mine,
                             NULL, &error));
  g_assert_no_error (error);
  g_assert_true (store_sync (fixture->store, fixture->system, fixture->other_account, "B", other,
                             NULL, &error));
  g_assert_no_error (error);

  found = lookup_sync (fixture->store, fixture->system, fixture->account, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (found, "access_token"), ==, "access-mine");
  g_clear_pointer (&found, json_object_unref);

  found = lookup_sync (fixture->store, fixture->system, fixture->other_account, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (found, "access_token"), ==, "access-other");
  g_clear_pointer (&found, json_object_unref);

  /* The same account name under another system is another item. */
  found = lookup_sync (fixture->store, other_system, fixture->account, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);

  /* Clearing one account leaves the other alone. */
  g_assert_true (clear_sync (fixture->store, fixture->system, fixture->other_account, NULL,
                             &error));
  g_assert_no_error (error);

  found = lookup_sync (fixture->store, fixture->system, fixture->account, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (found, "access_token"), ==, "access-mine");
  g_clear_pointer (&found, json_object_unref);

  found = lookup_sync (fixture->store, fixture->system, fixture->other_account, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(JsonObject) found = NULL;
  g_autoptr(GError) error = NULL;

  if (fixture->store == NULL)
    return;

  found = lookup_sync (fixture->store, fixture->system, fixture->account, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);

  /* Forgetting what was never kept is not an error (disconnecting twice is harmless). */
  g_assert_true (clear_sync (fixture->store, fixture->system, fixture->account, NULL, &error));
  g_assert_no_error (error);
}

static void
test_invalid_data (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(JsonObject) found = NULL;
  g_autoptr(GError) error = NULL;
  const char *not_objects[] = { "not json at all", "[\"an\", \"array\"]", "" };

  if (fixture->store == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (not_objects); i++)
    {
      /* Written by another program (or an older, broken version) under our schema. */
      secret_password_store_sync (&expected_schema, SECRET_COLLECTION_DEFAULT, "damaged",
                                  not_objects[i], NULL, &error,
                                  "system", fixture->system,
                                  "account", fixture->account,
                                  NULL);
      g_assert_no_error (error);

      found = lookup_sync (fixture->store, fixture->system, fixture->account, NULL, &error);
      g_assert_error (error, ES_SECRET_STORE_ERROR, ES_SECRET_STORE_ERROR_INVALID_DATA);
      g_assert_null (found);
      /* The message names the account, never the secret. */
      g_assert_nonnull (strstr (error->message, fixture->account));
      g_assert_null (strstr (error->message, "not json"));
      g_clear_error (&error);
    }
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonObject) secret = credential_new ("access", "refresh");
  g_autoptr(JsonObject) found = NULL;
  g_autoptr(GError) error = NULL;

  if (fixture->store == NULL)
    return;

  g_cancellable_cancel (cancellable);

  g_assert_false (store_sync (fixture->store, fixture->system, fixture->account, "A", secret,
                              cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  found = lookup_sync (fixture->store, fixture->system, fixture->account, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (found);
  g_clear_error (&error);

  g_assert_false (clear_sync (fixture->store, fixture->system, fixture->account, cancellable,
                              &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Nothing was stored by the cancelled call. */
  found = lookup_sync (fixture->store, fixture->system, fixture->account, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);
}

static void
test_no_service (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(EsSecretStore) store = NULL;
      g_autoptr(JsonObject) secret = credential_new ("access", "refresh");
      g_autoptr(JsonObject) found = NULL;
      g_autoptr(GError) error = NULL;

      /* This process has not touched D-Bus yet, so the address is read fresh: a bus that is
       * not there, as on a headless server with no desktop session. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/easysale-sync-test-bus", TRUE);
      store = es_secret_store_new ();

      g_assert_false (store_sync (store, "quickbooks", "123", "QuickBooks Online", secret, NULL,
                                  &error));
      g_assert_error (error, ES_SECRET_STORE_ERROR, ES_SECRET_STORE_ERROR_NO_SERVICE);
      g_assert_true (g_str_has_prefix (error->message,
                                       "No keyring is available to keep your passwords safe."));
      g_clear_error (&error);

      found = lookup_sync (store, "quickbooks", "123", NULL, &error);
      g_assert_error (error, ES_SECRET_STORE_ERROR, ES_SECRET_STORE_ERROR_NO_SERVICE);
      g_assert_null (found);
      g_clear_error (&error);

      g_assert_false (clear_sync (store, "quickbooks", "123", NULL, &error));
      g_assert_error (error, ES_SECRET_STORE_ERROR, ES_SECRET_STORE_ERROR_NO_SERVICE);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
on_name_appeared (GDBusConnection *connection,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  gboolean *appeared = user_data;

  *appeared = TRUE;
}

/* A keyring of our own on a private bus, for the states the desktop keyring must never be put in
 * (locked, or without a default keyring). No unlock or create prompt can be shown on that bus, so
 * a prompt is dismissed at once, as when a user closes it. Used in subprocesses only: libsecret
 * keeps its connection to the first bus for the life of the process. */
typedef struct
{
  GTestDBus   *bus;
  GSubprocess *daemon;
  char        *home;
} PrivateKeyring;

static PrivateKeyring *
private_keyring_up (gboolean with_login_keyring)
{
  PrivateKeyring *keyring = g_new0 (PrivateKeyring, 1);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  GOutputStream *input;
  gboolean appeared = FALSE;
  gboolean timed_out = FALSE;
  guint watch_id;
  guint timeout_id;

  keyring->home = g_dir_make_tmp ("es-keyring-XXXXXX", &error);
  g_assert_no_error (error);
  keyring->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (keyring->bus);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "HOME", keyring->home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", keyring->home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", keyring->home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", keyring->home, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");

  /* With --unlock, a newline (an empty password) creates and unlocks a fresh login keyring;
   * without it there is no keyring until a prompt creates one. */
  keyring->daemon = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon",
                                                 "--foreground", "--components=secrets",
                                                 with_login_keyring ? "--unlock" : NULL, NULL);
  g_assert_no_error (error);
  input = g_subprocess_get_stdin_pipe (keyring->daemon);
  if (with_login_keyring)
    {
      g_output_stream_write_all (input, "\n", 1, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  g_output_stream_close (input, NULL, &error);
  g_assert_no_error (error);

  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  watch_id = g_bus_watch_name_on_connection (connection, "org.freedesktop.secrets",
                                             G_BUS_NAME_WATCHER_FLAGS_NONE,
                                             on_name_appeared, NULL, &appeared, NULL);
  timeout_id = g_timeout_add_seconds (20, on_wait_timeout, &timed_out);
  while (!appeared && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("The private gnome-keyring-daemon did not appear on the bus within 20 seconds");
  g_source_remove (timeout_id);
  g_bus_unwatch_name (watch_id);

  return keyring;
}

static void
private_keyring_down (PrivateKeyring *keyring)
{
  g_autoptr(GFile) home = g_file_new_for_path (keyring->home);

  secret_service_disconnect ();
  g_subprocess_force_exit (keyring->daemon);
  g_subprocess_wait (keyring->daemon, NULL, NULL);
  g_test_dbus_down (keyring->bus);
  rm_rf (home);

  g_object_unref (keyring->daemon);
  g_object_unref (keyring->bus);
  g_free (keyring->home);
  g_free (keyring);
}

static void
test_locked (void)
{
  if (!keyring_expected ())
    {
      g_test_skip ("ES_TEST_NO_KEYRING=1: no Secret Service on purpose");
      return;
    }

  if (g_test_subprocess ())
    {
      PrivateKeyring *keyring = private_keyring_up (TRUE);
      g_autoptr(EsSecretStore) store = es_secret_store_new ();
      g_autoptr(SecretService) service = NULL;
      g_autoptr(SecretCollection) collection = NULL;
      g_autoptr(JsonObject) secret = credential_new ("access", "refresh");
      g_autoptr(JsonObject) found = NULL;
      g_autoptr(GList) objects = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (store_sync (store, "quickbooks", "123", "QuickBooks Online", secret, NULL,
                                 &error));
      g_assert_no_error (error);

      service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
      g_assert_no_error (error);
      collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                     SECRET_COLLECTION_NONE, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (collection);
      objects = g_list_append (NULL, collection);
      secret_service_lock_sync (service, objects, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (secret_collection_get_locked (collection));

      /* A locked keyring is not an empty one: the credential is still there. */
      found = lookup_sync (store, "quickbooks", "123", NULL, &error);
      g_assert_error (error, ES_SECRET_STORE_ERROR, ES_SECRET_STORE_ERROR_LOCKED);
      g_assert_null (found);
      g_assert_true (g_str_has_prefix (error->message, "The keyring is locked."));
      g_clear_error (&error);

      g_assert_false (store_sync (store, "quickbooks", "123", "QuickBooks Online", secret, NULL,
                                  &error));
      g_assert_error (error, ES_SECRET_STORE_ERROR, ES_SECRET_STORE_ERROR_LOCKED);
      g_clear_error (&error);

      g_assert_false (clear_sync (store, "quickbooks", "123", NULL, &error));
      g_assert_error (error, ES_SECRET_STORE_ERROR, ES_SECRET_STORE_ERROR_LOCKED);
      g_clear_error (&error);

      g_clear_object (&collection);
      g_clear_object (&service);
      private_keyring_down (keyring);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_no_default_keyring (void)
{
  if (!keyring_expected ())
    {
      g_test_skip ("ES_TEST_NO_KEYRING=1: no Secret Service on purpose");
      return;
    }

  if (g_test_subprocess ())
    {
      PrivateKeyring *keyring = private_keyring_up (FALSE);
      g_autoptr(EsSecretStore) store = es_secret_store_new ();
      g_autoptr(JsonObject) secret = credential_new ("access", "refresh");
      g_autoptr(JsonObject) found = NULL;
      g_autoptr(GError) error = NULL;

      /* A Secret Service that has nowhere to keep anything is no keyring either. */
      g_assert_false (store_sync (store, "quickbooks", "123", "QuickBooks Online", secret, NULL,
                                  &error));
      g_assert_error (error, ES_SECRET_STORE_ERROR, ES_SECRET_STORE_ERROR_NO_SERVICE);
      g_clear_error (&error);

      /* Reading from it finds nothing, truthfully. */
      found = lookup_sync (store, "quickbooks", "123", NULL, &error);
      g_assert_no_error (error);
      g_assert_null (found);

      private_keyring_down (keyring);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* A Secret Service that refuses everything, as a keyring can refuse a confined app. */
static const char refusing_service_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Secret.Service'>"
  "    <method name='OpenSession'>"
  "      <arg type='s' direction='in'/><arg type='v' direction='in'/>"
  "      <arg type='v' direction='out'/><arg type='o' direction='out'/>"
  "    </method>"
  "    <method name='SearchItems'>"
  "      <arg type='a{ss}' direction='in'/>"
  "      <arg type='ao' direction='out'/><arg type='ao' direction='out'/>"
  "    </method>"
  "    <method name='ReadAlias'>"
  "      <arg type='s' direction='in'/><arg type='o' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
on_refusing_call (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  guint *calls = user_data;

  (*calls)++;
  g_dbus_method_invocation_return_dbus_error (invocation,
                                              "org.freedesktop.DBus.Error.AccessDenied",
                                              "Not for this application");
}

static void
test_refused (void)
{
  if (g_test_subprocess ())
    {
      static const GDBusInterfaceVTable vtable = { on_refusing_call, NULL, NULL, { 0 } };
      g_autoptr(GTestDBus) test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_autoptr(GDBusConnection) connection = NULL;
      g_autoptr(GDBusNodeInfo) node = NULL;
      g_autoptr(GVariant) reply = NULL;
      g_autoptr(EsSecretStore) store = es_secret_store_new ();
      g_autoptr(JsonObject) secret = credential_new ("access", "refresh");
      g_autoptr(JsonObject) found = NULL;
      g_autoptr(GError) error = NULL;
      guint calls = 0;
      guint registration;

      g_test_dbus_up (test_bus);
      connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
      g_assert_no_error (error);
      node = g_dbus_node_info_new_for_xml (refusing_service_xml, &error);
      g_assert_no_error (error);
      registration = g_dbus_connection_register_object (connection, "/org/freedesktop/secrets",
                                                        node->interfaces[0], &vtable, &calls,
                                                        NULL, &error);
      g_assert_no_error (error);
      reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus",
                                           "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                           "RequestName",
                                           g_variant_new ("(su)", "org.freedesktop.secrets", 0),
                                           G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                           NULL, &error);
      g_assert_no_error (error);

      g_assert_false (store_sync (store, "quickbooks", "123", "QuickBooks Online", secret, NULL,
                                  &error));
      g_assert_error (error, ES_SECRET_STORE_ERROR, ES_SECRET_STORE_ERROR_FAILED);
      g_assert_true (g_str_has_prefix (error->message, "The keyring could not be used: "));
      g_clear_error (&error);

      found = lookup_sync (store, "quickbooks", "123", NULL, &error);
      g_assert_error (error, ES_SECRET_STORE_ERROR, ES_SECRET_STORE_ERROR_FAILED);
      g_assert_null (found);
      g_clear_error (&error);

      g_assert_false (clear_sync (store, "quickbooks", "123", NULL, &error));
      g_assert_error (error, ES_SECRET_STORE_ERROR, ES_SECRET_STORE_ERROR_FAILED);
      g_clear_error (&error);

      /* The refusals came from the service, not from a missing one. */
      g_assert_cmpuint (calls, >=, 3);

      secret_service_disconnect ();
      g_dbus_connection_unregister_object (connection, registration);
      g_clear_object (&connection);
      g_test_dbus_down (test_bus);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/secret-store/round-trip", Fixture, NULL,
              fixture_setup, test_round_trip, fixture_teardown);
  g_test_add ("/secret-store/accounts-distinct", Fixture, NULL,
              fixture_setup, test_accounts_distinct, fixture_teardown);
  g_test_add ("/secret-store/missing", Fixture, NULL,
              fixture_setup, test_missing, fixture_teardown);
  g_test_add ("/secret-store/invalid-data", Fixture, NULL,
              fixture_setup, test_invalid_data, fixture_teardown);
  g_test_add ("/secret-store/cancelled", Fixture, NULL,
              fixture_setup, test_cancelled, fixture_teardown);
  g_test_add_func ("/secret-store/no-service", test_no_service);
  g_test_add_func ("/secret-store/locked", test_locked);
  g_test_add_func ("/secret-store/no-default-keyring", test_no_default_keyring);
  g_test_add_func ("/secret-store/refused", test_refused);

  return g_test_run ();
}
