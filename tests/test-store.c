/* test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "es-store-private.h"

/* Waits for async work; a hang fails instead of blocking the suite. */
#define ASYNC_TIMEOUT_SECONDS 20

typedef struct
{
  char    *dir;
  EsStore *store;
} StoreFixture;

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_dir_close (dir);
    }

  g_assert_no_errno (g_remove (path));
}

static void
fixture_set_up_dir (StoreFixture  *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("es-store-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (StoreFixture  *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture_set_up_dir (fixture, user_data);
  fixture->store = es_store_open (fixture->dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static void
fixture_tear_down (StoreFixture  *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

static EsStoreRecord *
upsert (EsStore    *store,
        const char *kind,
        const char *system,
        const char *id,
        const char *json,
        gboolean   *out_new_version)
{
  g_autoptr(JsonNode) document = parse (json);
  g_autoptr(GError) error = NULL;
  EsStoreRecord *record;

  record = es_store_upsert_record (store, kind, system, id, document, out_new_version, NULL,
                                   &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

/* Upserts a record the test only needs to exist. */
static void
add_record (EsStore    *store,
            const char *kind,
            const char *system,
            const char *id,
            const char *json)
{
  g_autoptr(EsStoreRecord) record = upsert (store, kind, system, id, json, NULL);

  g_assert_nonnull (record);
}

static void
exec_ok (EsStore    *store,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (es_store_exec (store, sql, NULL, &error));
  g_assert_no_error (error);
}

/* Reads one integer with the store's own connection, inside a read transaction. */
static gint64
query_int (EsStore    *store,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_true (es_store_begin (store, ES_STORE_TRANSACTION_READ, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (es_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_true (es_store_commit (store, &error));
  g_assert_no_error (error);

  return value;
}

static char *
query_text (EsStore    *store,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_true (es_store_begin (store, ES_STORE_TRANSACTION_READ, NULL, &error));
  g_assert_cmpint (sqlite3_prepare_v2 (es_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_true (es_store_commit (store, &error));

  return value;
}

static gboolean
async_timeout_cb (gpointer user_data)
{
  g_error ("An async store call did not finish within %d s", ASYNC_TIMEOUT_SECONDS);
  return G_SOURCE_REMOVE;
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  guint timeout = g_timeout_add_seconds (ASYNC_TIMEOUT_SECONDS, async_timeout_cb, NULL);

  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout);
  return g_steal_pointer (slot);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

/* Opening */

static void
test_open_creates_private_dirs (StoreFixture  *fixture,
                                gconstpointer  user_data)
{
  g_autofree char *data_dir = g_build_filename (fixture->dir, "a", "b", NULL);
  g_autofree char *expected_path = g_build_filename (data_dir, "store.db", NULL);
  g_autoptr(EsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = NULL;
  GStatBuf st;

  store = es_store_open (data_dir, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (es_store_get_data_dir (store), ==, data_dir);
  g_assert_cmpstr (es_store_get_path (store), ==, expected_path);
  g_assert_cmpint (es_store_get_schema_version (store), ==, es_store_get_latest_schema_version ());

  g_assert_no_errno (g_stat (data_dir, &st));
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_no_errno (g_stat (expected_path, &st));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The durability the inbox promises rests on these. */
  journal = query_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (query_int (store, "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);
}

static void
test_open_relative_dir_is_absolute (StoreFixture  *fixture,
                                    gconstpointer  user_data)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autoptr(EsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_build_filename (fixture->dir, "rel", NULL);

  g_assert_no_errno (g_chdir (fixture->dir));
  store = es_store_open ("rel", NULL, &error);
  g_assert_no_errno (g_chdir (cwd));
  g_assert_no_error (error);

  g_assert_cmpstr (es_store_get_data_dir (store), ==, expected);
}

static void
test_open_not_a_directory (StoreFixture  *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *file = g_build_filename (fixture->dir, "file", NULL);
  g_autofree char *data_dir = g_build_filename (file, "store", NULL);
  g_autoptr(EsStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (file, "x", -1, NULL));

  store = es_store_open (data_dir, NULL, &error);
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_OPEN);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, data_dir));
}

static void
test_open_corrupt (StoreFixture  *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "store.db", NULL);
  g_autofree char *garbage = g_strnfill (8192, 'z');
  g_autoptr(EsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));

  store = es_store_open (fixture->dir, NULL, &error);
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_CORRUPT);
  g_assert_null (store);

  /* Refusing must not touch the file: it may be the user's only copy. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, garbage);
}

static void
test_open_cancelled (StoreFixture  *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(EsStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  store = es_store_open (fixture->dir, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (store);
}

static void
test_closed (StoreFixture  *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  es_store_close (fixture->store);
  /* Closing twice is harmless. */
  es_store_close (fixture->store);

  records = es_store_list_records (fixture->store, NULL, NULL, -1, NULL, &error);
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_CLOSED);
  g_assert_null (records);
  g_clear_error (&error);

  g_assert_false (es_store_begin (fixture->store, ES_STORE_TRANSACTION_WRITE, NULL, &error));
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_CLOSED);
}

/* Migrations */

static const char * const expected_tables[] = {
  "records", "id_mappings", "cursors", "inbox", "jobs", "runs", "sync_log", "mappings",
  "connections",
};

static void
test_migrations_from_empty (StoreFixture  *fixture,
                            gconstpointer  user_data)
{
  int latest = es_store_get_latest_schema_version ();

  g_assert_cmpint (latest, >=, 1);
  g_assert_cmpint (es_store_get_schema_version (fixture->store), ==, latest);
  g_assert_cmpint (query_int (fixture->store, "PRAGMA user_version"), ==, latest);

  for (guint i = 0; i < G_N_ELEMENTS (expected_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_master"
                                              " WHERE type = 'table' AND name = '%s'",
                                              expected_tables[i]);

      g_test_message ("table %s", expected_tables[i]);
      g_assert_cmpint (query_int (fixture->store, sql), ==, 1);
    }

  /* The queries the engine and the dashboard make have their indexes. */
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN"
                              " ('jobs_state_idx', 'sync_log_run_idx', 'sync_log_time_idx',"
                              "  'records_source_idx', 'inbox_delivery_idx')"), ==, 5);
}

static void
test_migrations_from_every_version (StoreFixture  *fixture,
                                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) migrations = es_store_load_migrations (&error);
  guint n;

  g_assert_no_error (error);
  n = g_strv_length (migrations);
  g_assert_cmpuint (n, ==, es_store_get_latest_schema_version ());

  for (guint k = 0; k < n; k++)
    {
      g_autofree char *name = g_strdup_printf ("from-%u", k);
      g_autofree char *data_dir = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) first_k = NULL;
      g_autoptr(EsStore) old_store = NULL;
      g_autoptr(EsStore) store = NULL;

      g_test_message ("store at schema %u", k);

      for (guint i = 0; i < k; i++)
        g_strv_builder_add (builder, migrations[i]);
      first_k = g_strv_builder_end (builder);

      old_store = es_store_open_with_migrations (data_dir, (const char * const *) first_k, NULL,
                                                 &error);
      g_assert_no_error (error);
      g_assert_cmpint (es_store_get_schema_version (old_store), ==, k);
      g_clear_object (&old_store);

      store = es_store_open (data_dir, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (es_store_get_schema_version (store), ==, n);
      g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, n);

      /* The upgraded store works like a new one. */
      g_autoptr(EsStoreRecord) record = upsert (store, "order", "woocommerce", "1", "{}", NULL);
      g_assert_cmpint (record->version, ==, 1);
      g_autoptr(EsStoreStatus) status = es_store_query_status (store, 5, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (status->record_counts->len, ==, 1);
    }
}

static void
test_migrations_stepwise (StoreFixture  *fixture,
                          gconstpointer  user_data)
{
  const char * const one[] = { "CREATE TABLE a (x INTEGER);", NULL };
  const char * const three[] = {
    "CREATE TABLE a (x INTEGER);",
    "INSERT INTO a VALUES (2);",
    "ALTER TABLE a ADD COLUMN y TEXT; INSERT INTO a VALUES (3, 'three');",
    NULL
  };
  g_autoptr(EsStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = es_store_open_with_migrations (fixture->dir, one, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (es_store_get_schema_version (store), ==, 1);
  g_clear_object (&store);

  store = es_store_open_with_migrations (fixture->dir, three, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (es_store_get_schema_version (store), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM a"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM a WHERE y = 'three'"), ==, 1);
  g_clear_object (&store);

  /* Opening again applies nothing twice. */
  store = es_store_open_with_migrations (fixture->dir, three, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM a"), ==, 2);
}

static void
test_migrations_too_new (StoreFixture  *fixture,
                         gconstpointer  user_data)
{
  int latest = es_store_get_latest_schema_version ();
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", latest + 6);
  g_autofree char *expected = NULL;
  g_autoptr(EsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char * const older[] = { "CREATE TABLE a (x);", "CREATE TABLE b (x);", NULL };

  exec_ok (fixture->store, bump);
  g_clear_object (&fixture->store);

  store = es_store_open (fixture->dir, NULL, &error);
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_TOO_NEW);
  g_assert_null (store);
  expected = g_strdup_printf ("This store was written by a newer version of EasySale Sync "
                              "(schema %d, this version knows %d). Update the app, or use "
                              "another data directory.", latest + 6, latest);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  /* The same with an injected, shorter list of migrations. */
  store = es_store_open_with_migrations (fixture->dir, older, NULL, &error);
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "this version knows 2"));
}

static void
test_migrations_failure_rolls_back (StoreFixture  *fixture,
                                    gconstpointer  user_data)
{
  const char * const one[] = { "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1);", NULL };
  const char * const broken[] = {
    "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1);",
    "CREATE TABLE b (y INTEGER); UPDATE a SET x = 2; INSERT INTO missing VALUES (1);",
    NULL
  };
  g_autoptr(EsStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = es_store_open_with_migrations (fixture->dir, one, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  store = es_store_open_with_migrations (fixture->dir, broken, NULL, &error);
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_MIGRATION);
  g_assert_null (store);
  g_assert_true (g_str_has_prefix (error->message, "Could not upgrade the store to schema 2: "));
  g_assert_nonnull (strstr (error->message, "missing"));
  g_clear_error (&error);

  /* Nothing of step 2 stayed: not the table, not the update, not the version. */
  store = es_store_open_with_migrations (fixture->dir, one, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (es_store_get_schema_version (store), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sqlite_master WHERE name = 'b'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT x FROM a"), ==, 1);
}

static void
test_migrations_compiled_in (void)
{
  const char *sql_dir = g_getenv ("ES_SQL_DIR");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) migrations = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (sql_dir == NULL)
    {
      g_test_skip ("ES_SQL_DIR is not set");
      return;
    }

  dir = g_dir_open (sql_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".sql"))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, (GCompareFunc) g_ascii_strcasecmp);

  /* Every file in sql/ is in the resource bundle, in order, byte for byte. */
  migrations = es_store_load_migrations (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (migrations), ==, names->len);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (sql_dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;
      g_autofree char *prefix = g_strdup_printf ("%04u-", i + 1);

      g_assert_true (g_str_has_prefix (g_ptr_array_index (names, i), prefix));
      g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
      g_assert_cmpstr (migrations[i], ==, contents);
    }
}

static void
test_schema_has_no_secret_columns (StoreFixture  *fixture,
                                   gconstpointer  user_data)
{
  static const char * const forbidden[] = { "token", "secret", "password", "key" };

  /* Secrets belong in the Secret Service; a column named for one is a design slip. */
  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_master AS m,"
                                              " pragma_table_info (m.name) AS c"
                                              " WHERE m.type = 'table'"
                                              " AND c.name LIKE '%%%s%%'",
                                              forbidden[i]);

      g_assert_cmpint (query_int (fixture->store, sql), ==, 0);
    }
}

/* Records */

static void
test_records_versioning (StoreFixture  *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(EsStoreRecord) first = NULL;
  g_autoptr(EsStoreRecord) same = NULL;
  g_autoptr(EsStoreRecord) changed = NULL;
  g_autoptr(EsStoreRecord) again = NULL;
  g_autoptr(EsStoreRecord) got = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(GError) error = NULL;
  gboolean new_version = FALSE;

  first = upsert (fixture->store, "order", "woocommerce", "1001",
                  "{\"total\": \"29.35\", \"currency\": \"USD\", \"lines\": [1, 2]}",
                  &new_version);
  g_assert_true (new_version);
  g_assert_cmpint (first->version, ==, 1);
  g_assert_cmpint (first->id, >, 0);
  g_assert_cmpstr (first->kind, ==, "order");
  g_assert_cmpstr (first->source_system, ==, "woocommerce");
  g_assert_cmpstr (first->source_id, ==, "1001");
  g_assert_cmpstr (first->document, ==,
                   "{\"currency\":\"USD\",\"lines\":[1,2],\"total\":\"29.35\"}");
  g_assert_cmpuint (strlen (first->content_hash), ==, 64);
  g_assert_nonnull (first->created_at);
  g_assert_true (g_date_time_equal (first->created_at, first->updated_at));

  /* The same content in another member order is the same document. */
  same = upsert (fixture->store, "order", "woocommerce", "1001",
                 "{\"lines\": [1, 2], \"currency\": \"USD\", \"total\": \"29.35\"}",
                 &new_version);
  g_assert_false (new_version);
  g_assert_cmpint (same->version, ==, 1);
  g_assert_cmpint (same->id, ==, first->id);
  g_assert_cmpstr (same->content_hash, ==, first->content_hash);

  changed = upsert (fixture->store, "order", "woocommerce", "1001",
                    "{\"total\": \"30.00\", \"currency\": \"USD\", \"lines\": [1, 2]}",
                    &new_version);
  g_assert_true (new_version);
  g_assert_cmpint (changed->version, ==, 2);
  g_assert_cmpint (changed->id, ==, first->id);
  g_assert_cmpstr (changed->content_hash, !=, first->content_hash);
  g_assert_true (g_date_time_equal (changed->created_at, first->created_at));
  g_assert_cmpint (g_date_time_compare (changed->updated_at, first->updated_at), >=, 0);

  /* Going back to earlier content is a change too. */
  again = upsert (fixture->store, "order", "woocommerce", "1001",
                  "{\"total\": \"29.35\", \"currency\": \"USD\", \"lines\": [1, 2]}",
                  &new_version);
  g_assert_true (new_version);
  g_assert_cmpint (again->version, ==, 3);
  g_assert_cmpstr (again->content_hash, ==, first->content_hash);

  got = es_store_get_record (fixture->store, "order", "woocommerce", "1001", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->version, ==, 3);
  g_assert_cmpstr (got->document, ==, first->document);

  document = es_store_record_dup_document (got);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (document));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (document), "total"), ==,
                   "29.35");

  /* The same source id in another system or kind is another record. */
  g_autoptr(EsStoreRecord) other = upsert (fixture->store, "customer", "woocommerce", "1001", "{}",
                                           &new_version);
  g_assert_true (new_version);
  g_assert_cmpint (other->id, !=, first->id);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM records"), ==, 2);
}

static void
test_records_canonical_text (StoreFixture  *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(EsStoreRecord) record = NULL;

  record = upsert (fixture->store, "product", "quickbooks", "7",
                   "{\"b\": {\"z\": null, \"a\": true}, \"a\": \"é\\n\\\"\", \"n\": 0.1,"
                   " \"q\": 1.0, \"i\": -3}",
                   NULL);
  g_assert_cmpstr (record->document, ==,
                   "{\"a\":\"é\\n\\\"\",\"b\":{\"a\":true,\"z\":null},"
                   "\"i\":-3,\"n\":0.1,\"q\":1.0}");
}

static void
test_records_invalid (StoreFixture  *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(JsonNode) object = parse ("{}");
  g_autoptr(JsonNode) array = parse ("[1]");
  g_autoptr(EsStoreRecord) record = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  record = es_store_upsert_record (fixture->store, "invoice", "woocommerce", "1", object, NULL,
                                   NULL, &error);
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "invoice"));
  g_clear_error (&error);

  record = es_store_upsert_record (fixture->store, "order", "", "1", object, NULL, NULL, &error);
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_INVALID);
  g_clear_error (&error);

  record = es_store_upsert_record (fixture->store, "order", "woocommerce", "", object, NULL, NULL,
                                   &error);
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_INVALID);
  g_clear_error (&error);

  record = es_store_upsert_record (fixture->store, "order", "woocommerce", "1", array, NULL, NULL,
                                   &error);
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_INVALID);
  g_clear_error (&error);

  records = es_store_list_records (fixture->store, NULL, "invoice", -1, NULL, &error);
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_INVALID);
  g_assert_null (records);

  g_assert_null (record);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM records"), ==, 0);
}

static void
test_records_not_found (StoreFixture  *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(EsStoreRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  record = es_store_get_record (fixture->store, "order", "woocommerce", "404", NULL, &error);
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_NOT_FOUND);
  g_assert_null (record);
}

static void
test_records_list_and_count (StoreFixture  *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) woo = NULL;
  g_autoptr(GPtrArray) woo_orders = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) limited = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GError) error = NULL;
  const EsStoreCount *count;
  const EsStoreRecord *record;

  add_record (fixture->store, "order", "woocommerce", "1", "{\"n\":1}");
  add_record (fixture->store, "order", "woocommerce", "2", "{\"n\":2}");
  add_record (fixture->store, "customer", "woocommerce", "9", "{}");
  add_record (fixture->store, "customer", "quickbooks", "58", "{}");
  /* A new version of the first order makes it the most recently changed. */
  add_record (fixture->store, "order", "woocommerce", "1", "{\"n\":3}");

  all = es_store_list_records (fixture->store, NULL, NULL, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
  record = g_ptr_array_index (all, 0);
  g_assert_cmpstr (record->source_id, ==, "1");
  g_assert_cmpint (record->version, ==, 2);
  record = g_ptr_array_index (all, 3);
  g_assert_cmpstr (record->source_id, ==, "2");

  woo = es_store_list_records (fixture->store, "woocommerce", NULL, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (woo->len, ==, 3);

  woo_orders = es_store_list_records (fixture->store, "woocommerce", "order", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (woo_orders->len, ==, 2);

  customers = es_store_list_records (fixture->store, NULL, "customer", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (customers->len, ==, 2);
  for (guint i = 0; i < customers->len; i++)
    g_assert_cmpstr (((EsStoreRecord *) g_ptr_array_index (customers, i))->kind, ==, "customer");

  limited = es_store_list_records (fixture->store, NULL, NULL, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (limited->len, ==, 2);

  none = es_store_list_records (fixture->store, "supabase", NULL, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  counts = es_store_count_records (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 3);
  count = g_ptr_array_index (counts, 0);
  g_assert_cmpstr (count->source_system, ==, "quickbooks");
  g_assert_cmpstr (count->kind, ==, "customer");
  g_assert_cmpint (count->count, ==, 1);
  count = g_ptr_array_index (counts, 1);
  g_assert_cmpstr (count->source_system, ==, "woocommerce");
  g_assert_cmpstr (count->kind, ==, "customer");
  g_assert_cmpint (count->count, ==, 1);
  count = g_ptr_array_index (counts, 2);
  g_assert_cmpstr (count->kind, ==, "order");
  g_assert_cmpint (count->count, ==, 2);
}

/* Inbox */

static void
test_inbox_dedup (StoreFixture  *fixture,
                  gconstpointer  user_data)
{
  static const guint8 raw[] = { '{', '"', 'i', 'd', '"', ':', '1', '}', 0x00, 0xff };
  g_autoptr(GBytes) body = g_bytes_new_static (raw, sizeof raw);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(JsonNode) headers = parse ("{\"X-WC-Webhook-Topic\": \"order.updated\"}");
  g_autoptr(GError) error = NULL;
  gboolean duplicate = TRUE;
  gint64 first, second, other, bodiless;

  first = es_store_add_inbox_event (fixture->store, "woocommerce", "order.updated", "d-1",
                                    json_node_get_object (headers), body, &duplicate, NULL,
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);
  g_assert_false (duplicate);

  /* A redelivery is acknowledged again but stored once. */
  second = es_store_add_inbox_event (fixture->store, "woocommerce", "order.updated", "d-1", NULL,
                                     body, &duplicate, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second, ==, first);
  g_assert_true (duplicate);

  other = es_store_add_inbox_event (fixture->store, "quickbooks", "Invoice", "d-1", NULL, body,
                                    &duplicate, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (other, !=, first);
  g_assert_false (duplicate);

  bodiless = es_store_add_inbox_event (fixture->store, "woocommerce", "action.ping", "d-2", NULL,
                                       empty, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bodiless, >, 0);

  g_assert_cmpint (es_store_count_pending_inbox (fixture->store, NULL, &error), ==, 3);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM inbox"), ==, 3);

  /* The body is kept byte for byte, including a NUL. */
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT length (body) FROM inbox WHERE delivery_id = 'd-1'"
                              " AND system = 'woocommerce'"), ==, sizeof raw);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT hex (body) = '7B226964223A317D00FF' FROM inbox"
                              " WHERE id = (SELECT min (id) FROM inbox)"), ==, 1);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT length (body) FROM inbox WHERE delivery_id = 'd-2'"), ==, 0);
  g_autofree char *stored_headers = query_text (fixture->store,
                                                "SELECT headers FROM inbox WHERE id = 1");
  g_assert_cmpstr (stored_headers, ==, "{\"X-WC-Webhook-Topic\":\"order.updated\"}");
}

static void
test_inbox_invalid (StoreFixture  *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = es_store_add_inbox_event (fixture->store, "woocommerce", "order.created", "", NULL, body,
                                 NULL, NULL, &error);
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_INVALID);
  g_assert_cmpint (id, ==, 0);
  g_clear_error (&error);

  id = es_store_add_inbox_event (fixture->store, "woocommerce", "", "d", NULL, body, NULL, NULL,
                                 &error);
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_INVALID);
  g_assert_cmpint (es_store_count_pending_inbox (fixture->store, NULL, NULL), ==, 0);
}

/* Cursors */

static void
test_cursors (StoreFixture  *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  g_assert_true (es_store_get_cursor (fixture->store, "quickbooks", "cdc", &value, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (value);

  g_assert_true (es_store_set_cursor (fixture->store, "quickbooks", "cdc",
                                      "2024-05-01T10:00:00Z", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (es_store_set_cursor (fixture->store, "woocommerce", "orders", "17", NULL, &error));
  g_assert_true (es_store_get_cursor (fixture->store, "quickbooks", "cdc", &value, NULL, &error));
  g_assert_cmpstr (value, ==, "2024-05-01T10:00:00Z");
  g_clear_pointer (&value, g_free);

  g_assert_true (es_store_set_cursor (fixture->store, "quickbooks", "cdc",
                                      "2024-05-02T10:00:00Z", NULL, &error));
  g_assert_true (es_store_get_cursor (fixture->store, "quickbooks", "cdc", &value, NULL, &error));
  g_assert_cmpstr (value, ==, "2024-05-02T10:00:00Z");
  g_clear_pointer (&value, g_free);

  /* Forgetting one cursor leaves the others. */
  g_assert_true (es_store_set_cursor (fixture->store, "quickbooks", "cdc", NULL, NULL, &error));
  g_assert_true (es_store_get_cursor (fixture->store, "quickbooks", "cdc", &value, NULL, &error));
  g_assert_null (value);
  g_assert_true (es_store_get_cursor (fixture->store, "woocommerce", "orders", &value, NULL,
                                      &error));
  g_assert_cmpstr (value, ==, "17");
  g_assert_no_error (error);

  g_assert_false (es_store_set_cursor (fixture->store, "", "orders", "1", NULL, &error));
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_INVALID);
}

/* Connections */

static const EsStoreConnection *
find_connection (GPtrArray  *connections,
                 const char *system)
{
  for (guint i = 0; i < connections->len; i++)
    {
      const EsStoreConnection *connection = g_ptr_array_index (connections, i);

      if (g_strcmp0 (connection->system, system) == 0)
        return connection;
    }

  return NULL;
}

static void
test_connections (StoreFixture  *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(GDateTime) connected_at = NULL;
  g_autoptr(GError) error = NULL;
  const EsStoreConnection *connection;

  g_assert_true (es_store_upsert_connection (fixture->store, "woocommerce", "shop.example",
                                             "Example shop", "https://shop.example/wp-json/wc/v3",
                                             ES_CONNECTION_STATE_CONNECTED, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (es_store_upsert_connection (fixture->store, "quickbooks", "9130", NULL, NULL,
                                             ES_CONNECTION_STATE_NEEDS_RECONNECT,
                                             "The refresh token expired", NULL, &error));
  g_assert_no_error (error);

  connections = es_store_list_connections (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (connections->len, ==, 2);
  /* Sorted by system. */
  connection = g_ptr_array_index (connections, 0);
  g_assert_cmpstr (connection->system, ==, "quickbooks");
  g_assert_cmpint (connection->state, ==, ES_CONNECTION_STATE_NEEDS_RECONNECT);
  g_assert_null (connection->connected_at);
  g_assert_cmpstr (connection->last_error, ==, "The refresh token expired");
  g_assert_null (connection->display_name);

  connection = find_connection (connections, "woocommerce");
  g_assert_cmpstr (connection->account, ==, "shop.example");
  g_assert_cmpstr (connection->display_name, ==, "Example shop");
  g_assert_cmpstr (connection->base_url, ==, "https://shop.example/wp-json/wc/v3");
  g_assert_cmpint (connection->state, ==, ES_CONNECTION_STATE_CONNECTED);
  g_assert_nonnull (connection->connected_at);
  connected_at = g_date_time_ref (connection->connected_at);
  g_clear_pointer (&connections, g_ptr_array_unref);

  /* Confirming a connection keeps when it was connected; an error keeps it too. */
  g_assert_true (es_store_upsert_connection (fixture->store, "woocommerce", "shop.example",
                                             "Example shop", "https://shop.example/wp-json/wc/v3",
                                             ES_CONNECTION_STATE_ERROR, "HTTP 500", NULL,
                                             &error));
  connections = es_store_list_connections (fixture->store, NULL, &error);
  connection = find_connection (connections, "woocommerce");
  g_assert_cmpint (connection->state, ==, ES_CONNECTION_STATE_ERROR);
  g_assert_cmpstr (connection->last_error, ==, "HTTP 500");
  g_assert_true (g_date_time_equal (connection->connected_at, connected_at));
  g_clear_pointer (&connections, g_ptr_array_unref);

  g_assert_true (es_store_remove_connection (fixture->store, "quickbooks", "9130", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (es_store_remove_connection (fixture->store, "quickbooks", "9130", NULL, &error));
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  connections = es_store_list_connections (fixture->store, NULL, &error);
  g_assert_cmpuint (connections->len, ==, 1);

  g_assert_false (es_store_upsert_connection (fixture->store, "supabase", "", NULL, NULL,
                                              ES_CONNECTION_STATE_CONNECTED, NULL, NULL, &error));
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_INVALID);
}

/* Jobs, runs and status */

static void
insert_jobs_and_runs (EsStore *store)
{
  add_record (store, "order", "woocommerce", "1", "{}");

  exec_ok (store,
           "INSERT INTO jobs (flow, record_id, record_version, state, next_attempt_at, request_id,"
           " created_at, updated_at) VALUES"
           " ('woocommerce-to-quickbooks', 1, 1, 'queued', 't', 'r1', 't', 't'),"
           " ('woocommerce-to-supabase', 1, 1, 'queued', 't', 'r2', 't', 't'),"
           " ('inventory-to-woocommerce', 1, 1, 'done', 't', 'r3', 't', 't'),"
           " ('quickbooks-to-local', 1, 1, 'failed', 't', 'r4', 't', 't'),"
           " ('woocommerce-to-quickbooks', 1, 2, 'dead', 't', 'r5', 't', 't');"
           "INSERT INTO runs (flow, started_at, finished_at, state, dry_run, n_created, n_failed,"
           " error) VALUES"
           " ('woocommerce-to-quickbooks', '2024-05-01T10:00:00.000000Z',"
           "  '2024-05-01T10:01:00.000000Z', 'succeeded', 0, 4, 0, NULL),"
           " ('woocommerce-to-supabase', '2024-05-01T11:00:00.000000Z', NULL, 'failed', 1, 0, 2,"
           "  'Supabase answered 401'),"
           " ('quickbooks-to-local', '2024-05-01T09:00:00.000000Z', NULL, 'running', 0, 0, 0,"
           "  NULL);");
}

static void
test_jobs_runs_failures (StoreFixture  *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  gint64 counts[ES_JOB_STATE_LAST + 1];
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  const EsStoreRun *run;

  insert_jobs_and_runs (fixture->store);

  g_assert_true (es_store_count_jobs (fixture->store, counts, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts[ES_JOB_STATE_QUEUED], ==, 2);
  g_assert_cmpint (counts[ES_JOB_STATE_RUNNING], ==, 0);
  g_assert_cmpint (counts[ES_JOB_STATE_DONE], ==, 1);
  g_assert_cmpint (counts[ES_JOB_STATE_FAILED], ==, 1);
  g_assert_cmpint (counts[ES_JOB_STATE_DEAD], ==, 1);

  g_assert_cmpint (es_store_count_failures (fixture->store, NULL, &error), ==, 2);

  /* A failed inbox event counts as a failure, and stays pending. */
  g_assert_cmpint (es_store_add_inbox_event (fixture->store, "woocommerce", "order.created", "d",
                                             NULL, body, NULL, NULL, &error), >, 0);
  exec_ok (fixture->store, "UPDATE inbox SET error = 'Not a WooCommerce order'");
  g_assert_cmpint (es_store_count_failures (fixture->store, NULL, &error), ==, 3);
  g_assert_cmpint (es_store_count_pending_inbox (fixture->store, NULL, &error), ==, 1);
  exec_ok (fixture->store, "UPDATE inbox SET processed_at = 'x'");
  g_assert_cmpint (es_store_count_pending_inbox (fixture->store, NULL, &error), ==, 0);
  g_assert_no_error (error);

  runs = es_store_list_runs (fixture->store, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 2);
  run = g_ptr_array_index (runs, 0);
  g_assert_cmpstr (run->flow, ==, "woocommerce-to-supabase");
  g_assert_cmpint (run->state, ==, ES_RUN_STATE_FAILED);
  g_assert_true (run->dry_run);
  g_assert_null (run->finished_at);
  g_assert_cmpint (run->n_failed, ==, 2);
  g_assert_cmpstr (run->error, ==, "Supabase answered 401");
  run = g_ptr_array_index (runs, 1);
  g_assert_cmpstr (run->flow, ==, "woocommerce-to-quickbooks");
  g_assert_cmpint (run->state, ==, ES_RUN_STATE_SUCCEEDED);
  g_assert_false (run->dry_run);
  g_assert_cmpint (run->n_created, ==, 4);
  g_assert_cmpint (g_date_time_get_hour (run->started_at), ==, 10);
  g_assert_cmpint (g_date_time_get_minute (run->finished_at), ==, 1);
}

static void
test_status (StoreFixture  *fixture,
             gconstpointer  user_data)
{
  g_autoptr(EsStoreStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  status = es_store_query_status (fixture->store, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (status->path, ==, es_store_get_path (fixture->store));
  g_assert_cmpint (status->schema_version, ==, es_store_get_latest_schema_version ());
  g_assert_cmpuint (status->connections->len, ==, 0);
  g_assert_cmpuint (status->record_counts->len, ==, 0);
  g_assert_cmpuint (status->last_runs->len, ==, 0);
  for (guint i = 0; i <= ES_JOB_STATE_LAST; i++)
    g_assert_cmpint (status->jobs[i], ==, 0);
  g_assert_cmpint (es_store_status_get_n_failures (status), ==, 0);
  g_clear_pointer (&status, es_store_status_unref);

  insert_jobs_and_runs (fixture->store);
  g_assert_true (es_store_upsert_connection (fixture->store, "woocommerce", "shop", NULL, NULL,
                                             ES_CONNECTION_STATE_CONNECTED, NULL, NULL, &error));

  status = es_store_query_status (fixture->store, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->connections->len, ==, 1);
  g_assert_cmpuint (status->record_counts->len, ==, 1);
  g_assert_cmpint (status->jobs[ES_JOB_STATE_QUEUED], ==, 2);
  g_assert_cmpint (status->jobs[ES_JOB_STATE_DEAD], ==, 1);
  g_assert_cmpint (es_store_status_get_n_failures (status), ==, 2);
  g_assert_cmpuint (status->last_runs->len, ==, 2);
}

/* Transactions */

static void
test_transaction_rollback (StoreFixture  *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(JsonNode) bad = parse ("[]");
  g_autoptr(EsStoreRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (es_store_begin (fixture->store, ES_STORE_TRANSACTION_WRITE, NULL, &error));
  add_record (fixture->store, "order", "woocommerce", "1", "{}");
  g_assert_true (es_store_set_cursor (fixture->store, "woocommerce", "orders", "5", NULL, &error));

  /* The batch fails half-way... */
  record = es_store_upsert_record (fixture->store, "order", "woocommerce", "2", bad, NULL, NULL,
                                   &error);
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (es_store_rollback (fixture->store, &error));
  g_assert_no_error (error);

  /* ...and nothing of it stays. */
  record = es_store_get_record (fixture->store, "order", "woocommerce", "1", NULL, &error);
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM cursors"), ==, 0);
}

static void
test_transaction_commit_batch (StoreFixture  *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (es_store_begin (fixture->store, ES_STORE_TRANSACTION_WRITE, NULL, &error));
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);

      add_record (fixture->store, "product", "woocommerce", id, "{}");
    }
  g_assert_true (es_store_commit (fixture->store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM records"), ==, 50);
}

static void
test_transaction_nested (StoreFixture  *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(EsStoreRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (es_store_begin (fixture->store, ES_STORE_TRANSACTION_WRITE, NULL, &error));
  add_record (fixture->store, "order", "woocommerce", "outer", "{}");

  g_assert_true (es_store_begin (fixture->store, ES_STORE_TRANSACTION_WRITE, NULL, &error));
  add_record (fixture->store, "order", "woocommerce", "inner", "{}");
  g_assert_true (es_store_rollback (fixture->store, &error));

  g_assert_true (es_store_begin (fixture->store, ES_STORE_TRANSACTION_WRITE, NULL, &error));
  add_record (fixture->store, "order", "woocommerce", "kept", "{}");
  g_assert_true (es_store_commit (fixture->store, &error));

  g_assert_true (es_store_commit (fixture->store, &error));
  g_assert_no_error (error);

  record = es_store_get_record (fixture->store, "order", "woocommerce", "outer", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&record, es_store_record_unref);
  record = es_store_get_record (fixture->store, "order", "woocommerce", "kept", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&record, es_store_record_unref);
  record = es_store_get_record (fixture->store, "order", "woocommerce", "inner", NULL, &error);
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_NOT_FOUND);
}

static void
test_transaction_write_in_read (StoreFixture  *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (es_store_begin (fixture->store, ES_STORE_TRANSACTION_READ, NULL, &error));
  g_assert_false (es_store_begin (fixture->store, ES_STORE_TRANSACTION_WRITE, NULL, &error));
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (es_store_commit (fixture->store, &error));
  g_assert_no_error (error);

  /* The store is free again. */
  g_assert_true (es_store_begin (fixture->store, ES_STORE_TRANSACTION_WRITE, NULL, &error));
  g_assert_true (es_store_commit (fixture->store, &error));
}

/* Cancellation */

typedef struct
{
  GCancellable *cancellable;
  gint64        cancel_at;
  gint64        last_seen;
} CancelAt;

static void
cancel_at_func (sqlite3_context *context,
                int              argc,
                sqlite3_value  **argv)
{
  CancelAt *cancel = sqlite3_user_data (context);

  cancel->last_seen = sqlite3_value_int64 (argv[0]);
  if (cancel->last_seen == cancel->cancel_at)
    g_cancellable_cancel (cancel->cancellable);

  sqlite3_result_int (context, 1);
}

/* Makes `cancel_at(x)` cancel @cancellable when x reaches @at, from inside a running query. */
static void
register_cancel_at (EsStore  *store,
                    CancelAt *cancel)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (es_store_begin (store, ES_STORE_TRANSACTION_READ, NULL, &error));
  g_assert_cmpint (sqlite3_create_function (es_store_get_db (store), "cancel_at", 1, SQLITE_UTF8,
                                            cancel, cancel_at_func, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (es_store_commit (store, &error));
}

#define LONG_QUERY_ROWS 200000000
#define LONG_QUERY \
  "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000000)"

static void
test_cancel_long_query (StoreFixture  *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CancelAt cancel = { cancellable, 1000, 0 };
  g_autoptr(GError) error = NULL;

  register_cancel_at (fixture->store, &cancel);

  /* Unstopped, this query runs for minutes; the progress handler must end it. */
  g_assert_false (es_store_exec (fixture->store,
                                 LONG_QUERY " SELECT count(*) FROM c WHERE cancel_at (x)",
                                 cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (cancel.last_seen, >=, 1000);
  g_assert_cmpint (cancel.last_seen, <, LONG_QUERY_ROWS);
  g_clear_error (&error);

  /* The store is usable afterwards. */
  add_record (fixture->store, "order", "woocommerce", "1", "{}");
}

static void
test_cancel_write_in_transaction (StoreFixture  *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CancelAt cancel = { cancellable, 1000, 0 };
  g_autoptr(GError) error = NULL;

  register_cancel_at (fixture->store, &cancel);

  g_assert_true (es_store_begin (fixture->store, ES_STORE_TRANSACTION_WRITE, cancellable, &error));
  g_assert_true (es_store_set_cursor (fixture->store, "woocommerce", "orders", "1", NULL, &error));

  /* The transaction's cancellable reaches a statement run with none of its own. */
  g_assert_false (es_store_exec (fixture->store,
                                 "CREATE TABLE scratch (x);"
                                 "INSERT INTO scratch " LONG_QUERY
                                 " SELECT x FROM c WHERE cancel_at (x)",
                                 NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* SQLite drops the whole transaction after an interrupted write: committing must say so. */
  g_assert_false (es_store_commit (fixture->store, &error));
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_ENGINE);
  g_clear_error (&error);

  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM cursors"), ==, 0);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM sqlite_master WHERE name = 'scratch'"), ==, 0);
}

static void
test_cancel_before (StoreFixture  *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonNode) document = parse ("{}");
  g_autoptr(EsStoreRecord) record = NULL;
  g_autoptr(EsStoreStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);

  record = es_store_upsert_record (fixture->store, "order", "woocommerce", "1", document, NULL,
                                   cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (record);
  g_clear_error (&error);

  status = es_store_query_status (fixture->store, 5, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (status);

  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM records"), ==, 0);
}

/* Errors mapped from SQLite */

static void
test_error_engine_and_constraint (StoreFixture  *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (es_store_exec (fixture->store, "SELEKT 1", NULL, &error));
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_ENGINE);
  g_assert_nonnull (strstr (error->message, "syntax error"));
  g_clear_error (&error);

  /* foreign_keys is on: a job for a record that does not exist is refused. */
  g_assert_false (es_store_exec (fixture->store,
                                 "INSERT INTO jobs (flow, record_id, record_version,"
                                 " next_attempt_at, request_id, created_at, updated_at)"
                                 " VALUES ('woocommerce-to-quickbooks', 42, 1, 't', 'r', 't', 't')",
                                 NULL, &error));
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "FOREIGN KEY"));
}

static void
test_error_full (StoreFixture  *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *big = NULL;
  g_autofree char *limit = NULL;
  g_autoptr(GError) error = NULL;
  EsStoreRecord *record = NULL;
  GString *json = g_string_new ("{\"padding\": \"");
  guint i;

  for (i = 0; i < 2000; i++)
    g_string_append (json, "0123456789");
  g_string_append (json, "\"}");
  big = g_string_free (json, FALSE);

  /* A size limit behaves like a full disk. */
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                           query_int (fixture->store, "PRAGMA page_count") + 8);
  exec_ok (fixture->store, limit);

  g_assert_true (es_store_begin (fixture->store, ES_STORE_TRANSACTION_WRITE, NULL, &error));
  for (i = 0; i < 1000; i++)
    {
      g_autoptr(JsonNode) document = parse (big);
      g_autofree char *id = g_strdup_printf ("%u", i);

      record = es_store_upsert_record (fixture->store, "product", "woocommerce", id, document,
                                       NULL, NULL, &error);
      if (record == NULL)
        break;
      es_store_record_unref (record);
    }
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_FULL);
  g_assert_cmpuint (i, >, 0);
  g_clear_error (&error);
  g_assert_true (es_store_rollback (fixture->store, &error));
  g_assert_no_error (error);

  /* The batch is gone as a whole, and the store works again once there is room. */
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM records"), ==, 0);
  exec_ok (fixture->store, "PRAGMA max_page_count = 1073741823");
  add_record (fixture->store, "product", "woocommerce", "x", big);
}

static void
test_error_busy (StoreFixture  *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *other = NULL;

  /* Another process holds the write lock. */
  g_assert_cmpint (sqlite3_open (es_store_get_path (fixture->store), &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  es_store_set_busy_timeout (fixture->store, 20);
  g_assert_false (es_store_set_cursor (fixture->store, "woocommerce", "orders", "1", NULL, &error));
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_BUSY);
  g_clear_error (&error);

  /* Reading still works under WAL while the other writer holds its lock. */
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM cursors"), ==, 0);

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  g_assert_true (es_store_set_cursor (fixture->store, "woocommerce", "orders", "1", NULL, &error));
  g_assert_no_error (error);
}

/* Prepared statements */

static void
test_statement_cache_reuse (StoreFixture  *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GError) error = NULL;
  guint before;

  first = es_store_count_records (fixture->store, NULL, &error);
  g_assert_no_error (error);
  before = es_store_get_n_prepared (fixture->store);

  for (guint i = 0; i < 10; i++)
    {
      g_clear_pointer (&second, g_ptr_array_unref);
      second = es_store_count_records (fixture->store, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (es_store_get_n_prepared (fixture->store), ==, before);

  /* A statement with new SQL is prepared once, then reused with fresh bindings. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);

      add_record (fixture->store, "order", "woocommerce", id, "{}");
    }
  before = es_store_get_n_prepared (fixture->store);
  add_record (fixture->store, "order", "woocommerce", "9", "{}");
  g_assert_cmpuint (es_store_get_n_prepared (fixture->store), ==, before);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM records"), ==, 4);
}

static void
test_statement_in_use (StoreFixture  *fixture,
                       gconstpointer  user_data)
{
  static const char *sql = "SELECT value FROM cursors WHERE system = ?1";
  EsStoreStatement *outer;
  EsStoreStatement *inner;
  EsStoreStatement *again;
  g_autoptr(GError) error = NULL;
  guint before;

  g_assert_true (es_store_begin (fixture->store, ES_STORE_TRANSACTION_READ, NULL, &error));
  before = es_store_get_n_prepared (fixture->store);

  outer = es_store_prepare (fixture->store, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (es_store_get_n_prepared (fixture->store), ==, before + 1);

  /* Someone is stepping the cached one: the second user gets its own. */
  inner = es_store_prepare (fixture->store, sql, &error);
  g_assert_no_error (error);
  g_assert_true (inner != outer);
  g_assert_true (es_store_statement_get_stmt (inner) != es_store_statement_get_stmt (outer));
  g_assert_cmpuint (es_store_get_n_prepared (fixture->store), ==, before + 2);
  es_store_statement_release (inner);
  es_store_statement_release (outer);

  again = es_store_prepare (fixture->store, sql, &error);
  g_assert_true (again == outer);
  g_assert_cmpuint (es_store_get_n_prepared (fixture->store), ==, before + 2);
  es_store_statement_release (again);

  g_assert_null (es_store_prepare (fixture->store, "SELECT nope FROM nowhere", &error));
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_ENGINE);
  g_clear_error (&error);

  g_assert_true (es_store_commit (fixture->store, &error));
}

/* The async path */

static void
test_async_open_and_status (StoreFixture  *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(EsStore) store = NULL;
  g_autoptr(EsStoreStatus) status = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  const EsStoreConnection *connection;

  es_store_open_async (fixture->dir, NULL, store_result_cb, &slot);
  result = wait_for_result (&slot);
  store = es_store_open_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (es_store_get_schema_version (store), ==, es_store_get_latest_schema_version ());
  g_clear_object (&result);

  /* Writes queued from the main loop run in order: the last one wins. */
  es_store_upsert_connection_async (store, "woocommerce", "shop", NULL, NULL,
                                    ES_CONNECTION_STATE_ERROR, "first", NULL, NULL, NULL);
  es_store_upsert_connection_async (store, "woocommerce", "shop", NULL, NULL,
                                    ES_CONNECTION_STATE_NEEDS_RECONNECT, "second", NULL, NULL,
                                    NULL);
  es_store_upsert_connection_async (store, "woocommerce", "shop", "Shop", NULL,
                                    ES_CONNECTION_STATE_CONNECTED, NULL, NULL, store_result_cb,
                                    &slot);
  result = wait_for_result (&slot);
  g_assert_true (es_store_upsert_connection_finish (store, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  add_record (store, "order", "woocommerce", "1", "{}");

  es_store_query_status_async (store, 3, NULL, store_result_cb, &slot);
  result = wait_for_result (&slot);
  status = es_store_query_status_finish (store, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (status->connections->len, ==, 1);
  connection = g_ptr_array_index (status->connections, 0);
  g_assert_cmpint (connection->state, ==, ES_CONNECTION_STATE_CONNECTED);
  g_assert_cmpstr (connection->display_name, ==, "Shop");
  g_assert_null (connection->last_error);
  g_assert_cmpuint (status->record_counts->len, ==, 1);

  es_store_list_records_async (store, "woocommerce", "order", 10, NULL, store_result_cb, &slot);
  result = wait_for_result (&slot);
  records = es_store_list_records_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
}

static void
test_async_errors (StoreFixture  *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *file = g_build_filename (fixture->dir, "file", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(EsStore) store = NULL;
  g_autoptr(EsStore) bad = NULL;
  g_autoptr(EsStoreStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  g_assert_true (g_file_set_contents (file, "x", -1, NULL));
  es_store_open_async (file, NULL, store_result_cb, &slot);
  result = wait_for_result (&slot);
  bad = es_store_open_finish (result, &error);
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_OPEN);
  g_assert_null (bad);
  g_clear_error (&error);
  g_clear_object (&result);

  store = es_store_open (fixture->dir, NULL, &error);
  g_assert_no_error (error);

  g_cancellable_cancel (cancellable);
  es_store_query_status_async (store, 3, cancellable, store_result_cb, &slot);
  result = wait_for_result (&slot);
  status = es_store_query_status_finish (store, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (status);
}

static void
test_async_inbox (StoreFixture  *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"id\":727}", 10);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonObject) headers = json_object_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(EsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  gboolean duplicate = TRUE;
  gint64 first;
  gint64 again;

  store = es_store_open (fixture->dir, NULL, &error);
  g_assert_no_error (error);
  json_object_set_string_member (headers, "X-WC-Webhook-Topic", "order.updated");

  es_store_add_inbox_event_async (store, "woocommerce", "order.updated", "d-1", headers, body,
                                  NULL, store_result_cb, &slot);
  result = wait_for_result (&slot);
  first = es_store_add_inbox_event_finish (store, result, &duplicate, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);
  g_assert_false (duplicate);
  /* Committed by the time the callback runs: another connection sees it. */
  g_assert_cmpint (es_store_count_pending_inbox (store, NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_clear_object (&result);

  es_store_add_inbox_event_async (store, "woocommerce", "order.updated", "d-1", NULL, body,
                                  NULL, store_result_cb, &slot);
  result = wait_for_result (&slot);
  again = es_store_add_inbox_event_finish (store, result, &duplicate, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, first);
  g_assert_true (duplicate);
  g_clear_object (&result);

  /* Errors arrive through the callback, and nothing is stored. */
  es_store_add_inbox_event_async (store, "woocommerce", "", "d-2", NULL, empty,
                                  NULL, store_result_cb, &slot);
  result = wait_for_result (&slot);
  g_assert_cmpint (es_store_add_inbox_event_finish (store, result, NULL, &error), ==, 0);
  g_assert_error (error, ES_STORE_ERROR, ES_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&result);

  g_cancellable_cancel (cancellable);
  es_store_add_inbox_event_async (store, "woocommerce", "order.updated", "d-3", NULL, body,
                                  cancellable, store_result_cb, &slot);
  result = wait_for_result (&slot);
  g_assert_cmpint (es_store_add_inbox_event_finish (store, result, NULL, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (es_store_count_pending_inbox (store, NULL, NULL), ==, 1);
}

static void
count_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  guint *n_done = user_data;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = es_store_list_records_finish (ES_STORE (object), result, &error);
  g_assert_no_error (error);
  (*n_done)++;
}

static void
test_async_last_reference (StoreFixture  *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  guint timeout;
  guint n_done = 0;

  /* The caller lets go at once: the tasks keep the store alive, and whichever thread drops
   * the last reference closes it without waiting for itself. */
  for (guint round = 0; round < 20; round++)
    {
      EsStore *store = es_store_open (fixture->dir, NULL, &error);

      g_assert_no_error (error);
      es_store_list_records_async (store, NULL, NULL, -1, NULL, count_result_cb, &n_done);
      es_store_list_records_async (store, NULL, NULL, -1, NULL, count_result_cb, &n_done);
      g_object_unref (store);
    }

  timeout = g_timeout_add_seconds (ASYNC_TIMEOUT_SECONDS, async_timeout_cb, NULL);
  while (n_done < 40)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

typedef struct
{
  GMutex   gate;
  GThread *finalized_on;  /* (atomic) */
  gboolean returned;
} LastReference;

static void
gated_work (EsStore      *self,
            GTask        *task,
            gpointer      task_data,
            GCancellable *cancellable)
{
  LastReference *state = task_data;

  /* Wait until the test has dropped its own reference. */
  g_mutex_lock (&state->gate);
  g_mutex_unlock (&state->gate);

  g_task_return_boolean (task, TRUE);
}

static void
store_finalized_cb (gpointer  data,
                    GObject  *where_the_object_was)
{
  LastReference *state = data;

  g_atomic_pointer_set (&state->finalized_on, g_thread_self ());
  g_main_context_wakeup (NULL);
}

static void
gated_work_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  LastReference *state = user_data;

  g_assert_true (g_task_propagate_boolean (G_TASK (result), NULL));
  state->returned = TRUE;
}

static void
test_async_finalize_on_worker (StoreFixture  *fixture,
                               gconstpointer  user_data)
{
  g_autofree char *wal = g_build_filename (fixture->dir, "store.db-wal", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (fixture->dir);
  g_autoptr(GFileMonitor) monitor = NULL;
  LastReference state = { 0 };
  g_autoptr(GError) error = NULL;
  EsStore *store;
  GTask *task;
  guint timeout;

  store = es_store_open (fixture->dir, NULL, &error);
  g_assert_no_error (error);
  g_object_weak_ref (G_OBJECT (store), store_finalized_cb, &state);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* Closing the last connection removes the WAL file: the end of finalize is observable. */
  monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_NONE, NULL, &error);
  g_assert_no_error (error);

  /* A task without a source object: only the queued work keeps the store alive, so its last
   * reference goes on the database thread, which must not wait for itself to finish. */
  g_mutex_init (&state.gate);
  g_mutex_lock (&state.gate);
  task = g_task_new (NULL, NULL, gated_work_done_cb, &state);
  g_task_set_task_data (task, &state, NULL);
  es_store_queue_work (store, task, gated_work);
  g_object_unref (store);
  g_mutex_unlock (&state.gate);

  timeout = g_timeout_add_seconds (ASYNC_TIMEOUT_SECONDS, async_timeout_cb, NULL);
  while (!state.returned || g_file_test (wal, G_FILE_TEST_EXISTS))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  g_assert_nonnull (g_atomic_pointer_get (&state.finalized_on));
  g_assert_true (g_atomic_pointer_get (&state.finalized_on) != g_thread_self ());

  g_mutex_clear (&state.gate);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, StoreFixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_DIR(path, func) \
  g_test_add (path, StoreFixture, NULL, fixture_set_up_dir, func, fixture_tear_down)

  ADD_DIR ("/store/open/creates-private-dirs", test_open_creates_private_dirs);
  ADD_DIR ("/store/open/relative-dir", test_open_relative_dir_is_absolute);
  ADD_DIR ("/store/open/not-a-directory", test_open_not_a_directory);
  ADD_DIR ("/store/open/corrupt", test_open_corrupt);
  ADD_DIR ("/store/open/cancelled", test_open_cancelled);
  ADD ("/store/open/closed", test_closed);

  ADD ("/store/migrations/from-empty", test_migrations_from_empty);
  ADD_DIR ("/store/migrations/from-every-version", test_migrations_from_every_version);
  ADD_DIR ("/store/migrations/stepwise", test_migrations_stepwise);
  ADD ("/store/migrations/too-new", test_migrations_too_new);
  ADD_DIR ("/store/migrations/failure-rolls-back", test_migrations_failure_rolls_back);
  g_test_add_func ("/store/migrations/compiled-in", test_migrations_compiled_in);
  ADD ("/store/schema/no-secret-columns", test_schema_has_no_secret_columns);

  ADD ("/store/records/versioning", test_records_versioning);
  ADD ("/store/records/canonical-text", test_records_canonical_text);
  ADD ("/store/records/invalid", test_records_invalid);
  ADD ("/store/records/not-found", test_records_not_found);
  ADD ("/store/records/list-and-count", test_records_list_and_count);

  ADD ("/store/inbox/dedup", test_inbox_dedup);
  ADD ("/store/inbox/invalid", test_inbox_invalid);
  ADD ("/store/cursors", test_cursors);
  ADD ("/store/connections", test_connections);
  ADD ("/store/jobs-runs-failures", test_jobs_runs_failures);
  ADD ("/store/status", test_status);

  ADD ("/store/transaction/rollback", test_transaction_rollback);
  ADD ("/store/transaction/commit-batch", test_transaction_commit_batch);
  ADD ("/store/transaction/nested", test_transaction_nested);
  ADD ("/store/transaction/write-in-read", test_transaction_write_in_read);

  ADD ("/store/cancel/long-query", test_cancel_long_query);
  ADD ("/store/cancel/write-in-transaction", test_cancel_write_in_transaction);
  ADD ("/store/cancel/before", test_cancel_before);

  ADD ("/store/errors/engine-and-constraint", test_error_engine_and_constraint);
  ADD ("/store/errors/full", test_error_full);
  ADD ("/store/errors/busy", test_error_busy);

  ADD ("/store/statements/cache-reuse", test_statement_cache_reuse);
  ADD ("/store/statements/in-use", test_statement_in_use);

  ADD_DIR ("/store/async/open-and-status", test_async_open_and_status);
  ADD_DIR ("/store/async/inbox", test_async_inbox);
  ADD_DIR ("/store/async/errors", test_async_errors);
  ADD_DIR ("/store/async/last-reference", test_async_last_reference);
  ADD_DIR ("/store/async/finalize-on-worker", test_async_finalize_on_worker);

#undef ADD
#undef ADD_DIR

  return g_test_run ();
}
