/* test-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "es-cli.h"
#include "es-store-private.h"

typedef struct
{
  char *dir;
  /* A data directory that does not exist yet: `status` must create it. */
  char *data_dir;
} CliFixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_clear (CliResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliResult, cli_result_clear)

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
fixture_set_up (CliFixture    *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("es-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_dir = g_build_filename (fixture->dir, "data", NULL);
}

static void
fixture_tear_down (CliFixture    *fixture,
                   gconstpointer  user_data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->data_dir);
}

static char *
steal_text (GOutputStream *stream)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  data = g_bytes_get_data (bytes, &size);

  return g_strndup (data != NULL ? data : "", size);
}

/* Runs a command in this process, as es-application.c does, with @... the arguments. */
static void
run_cli (const char *data_dir,
         CliResult  *result,
         ...)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) err = g_memory_output_stream_new_resizable ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  const char *arg;
  va_list args;

  va_start (args, result);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_strv_builder_add (builder, arg);
  va_end (args);
  argv = g_strv_builder_end (builder);

  result->status = es_cli_run (data_dir, argv, out, err);
  result->out = steal_text (out);
  result->err = steal_text (err);

  g_test_message ("exit %d\nout: %s\nerr: %s", result->status, result->out, result->err);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static gint64
path_int (JsonObject *root,
          const char *object_member,
          const char *member)
{
  JsonObject *object = json_object_get_object_member (root, object_member);

  g_assert_nonnull (object);
  g_assert_true (json_object_has_member (object, member));
  return json_object_get_int_member (object, member);
}

static guint
array_length (JsonObject *root,
              const char *member)
{
  JsonArray *array = json_object_get_array_member (root, member);

  g_assert_nonnull (array);
  return json_array_get_length (array);
}

static void
add_record (EsStore    *store,
            const char *kind,
            const char *system,
            const char *id,
            const char *json)
{
  g_autoptr(JsonNode) document = parse_json (json);
  g_autoptr(EsStoreRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  record = es_store_upsert_record (store, kind, system, id, document, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Fills a store the way the sync engine and connectors will, so `status` has real numbers. */
static void
fill_store (const char *data_dir)
{
  g_autoptr(EsStore) store = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(GError) error = NULL;

  store = es_store_open (data_dir, NULL, &error);
  g_assert_no_error (error);

  add_record (store, "order", "woocommerce", "1001", "{\"total\":\"29.35\",\"currency\":\"USD\"}");
  add_record (store, "order", "woocommerce", "1002", "{\"total\":\"5.00\",\"currency\":\"USD\"}");
  add_record (store, "customer", "woocommerce", "7", "{\"email\":\"ann@example.com\"}");
  add_record (store, "product", "quickbooks", "19", "{\"sku\":\"MUG-1\",\"qty\":12}");
  /* A second version of the first order. */
  add_record (store, "order", "woocommerce", "1001", "{\"total\":\"30.00\",\"currency\":\"USD\"}");

  g_assert_true (es_store_upsert_connection (store, "woocommerce", "shop.example", "Example shop",
                                             "https://shop.example/wp-json/wc/v3",
                                             ES_CONNECTION_STATE_CONNECTED, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (es_store_add_inbox_event (store, "woocommerce", "order.updated", "d-1", NULL,
                                             body, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);

  g_assert_true (es_store_exec (store,
                                "INSERT INTO jobs (flow, record_id, record_version, state,"
                                " next_attempt_at, request_id, created_at, updated_at) VALUES"
                                " ('woocommerce-to-quickbooks', 1, 2, 'queued', 't', 'r1', 't',"
                                "  't'),"
                                " ('woocommerce-to-supabase', 1, 2, 'dead', 't', 'r2', 't', 't');"
                                "INSERT INTO runs (flow, started_at, state, dry_run, n_created)"
                                " VALUES ('woocommerce-to-quickbooks',"
                                " '2024-05-01T10:00:00.000000Z', 'succeeded', 1, 3);",
                                NULL, &error));
  g_assert_no_error (error);
}

/* Commands */

static void
test_commands (void)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autofree char *usage = NULL;

  g_assert_true (es_cli_is_command ("status"));
  g_assert_true (es_cli_is_command ("records"));

  /* Commands of later issues must not exist before they work. */
  g_assert_false (es_cli_is_command ("sync"));
  g_assert_false (es_cli_is_command ("connect"));
  g_assert_false (es_cli_is_command ("log"));
  g_assert_false (es_cli_is_command (""));
  g_assert_false (es_cli_is_command ("--help"));
  g_assert_false (es_cli_is_command (NULL));

  es_cli_print_usage (out);
  usage = steal_text (out);
  g_assert_nonnull (strstr (usage, "  status "));
  g_assert_nonnull (strstr (usage, "  records "));
  g_assert_null (strstr (usage, "  sync "));
  g_assert_null (strstr (usage, "  connect "));
}

static void
test_unknown_command (CliFixture    *fixture,
                      gconstpointer  user_data)
{
  g_auto(CliResult) result = { 0 };

  run_cli (fixture->data_dir, &result, "sync", NULL);
  g_assert_cmpint (result.status, ==, 2);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_nonnull (strstr (result.err, "sync"));
  g_assert_false (g_file_test (fixture->data_dir, G_FILE_TEST_EXISTS));
}

/* status */

static void
test_status_json_empty (CliFixture    *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *expected_path = g_build_filename (fixture->data_dir, "store.db", NULL);
  g_auto(CliResult) result = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root;

  run_cli (fixture->data_dir, &result, "status", "--json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");

  /* The store was created on the way. */
  g_assert_true (g_file_test (expected_path, G_FILE_TEST_IS_REGULAR));

  node = parse_json (result.out);
  root = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "store"),
                                                  "path"), ==, expected_path);
  g_assert_cmpint (path_int (root, "store", "schema_version"), ==,
                   es_store_get_latest_schema_version ());
  g_assert_cmpuint (array_length (root, "connections"), ==, 0);
  g_assert_cmpuint (array_length (root, "records"), ==, 0);
  g_assert_cmpuint (array_length (root, "last_runs"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (root, "records_total"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (root, "failures"), ==, 0);
  for (EsJobState state = 0; state <= ES_JOB_STATE_LAST; state++)
    g_assert_cmpint (path_int (root, "queue", es_job_state_to_string (state)), ==, 0);
  g_assert_cmpint (path_int (root, "inbox", "pending"), ==, 0);
  g_assert_cmpint (path_int (root, "inbox", "failed"), ==, 0);
}

static void
test_status_json_filled (CliFixture    *fixture,
                         gconstpointer  user_data)
{
  g_auto(CliResult) result = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root;
  JsonObject *object;
  JsonArray *array;

  fill_store (fixture->data_dir);

  run_cli (fixture->data_dir, &result, "status", "--json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  node = parse_json (result.out);
  root = json_node_get_object (node);

  array = json_object_get_array_member (root, "connections");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  object = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "system"), ==, "woocommerce");
  g_assert_cmpstr (json_object_get_string_member (object, "account"), ==, "shop.example");
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "connected");
  g_assert_nonnull (json_object_get_string_member (object, "connected_at"));
  g_assert_true (json_object_get_null_member (object, "last_error"));

  array = json_object_get_array_member (root, "records");
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  object = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "system"), ==, "quickbooks");
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "product");
  g_assert_cmpint (json_object_get_int_member (object, "count"), ==, 1);
  object = json_array_get_object_element (array, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "system"), ==, "woocommerce");
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "order");
  g_assert_cmpint (json_object_get_int_member (object, "count"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (root, "records_total"), ==, 4);

  g_assert_cmpint (path_int (root, "queue", "queued"), ==, 1);
  g_assert_cmpint (path_int (root, "queue", "dead"), ==, 1);
  g_assert_cmpint (path_int (root, "queue", "done"), ==, 0);
  g_assert_cmpint (path_int (root, "inbox", "pending"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "failures"), ==, 1);

  array = json_object_get_array_member (root, "last_runs");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  object = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "flow"), ==, "woocommerce-to-quickbooks");
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "succeeded");
  g_assert_cmpstr (json_object_get_string_member (object, "started_at"), ==,
                   "2024-05-01T10:00:00Z");
  g_assert_true (json_object_get_boolean_member (object, "dry_run"));
  g_assert_cmpint (path_int (object, "counts", "created"), ==, 3);
}

static void
test_status_text (CliFixture    *fixture,
                  gconstpointer  user_data)
{
  g_auto(CliResult) empty = { 0 };
  g_auto(CliResult) filled = { 0 };

  run_cli (fixture->data_dir, &empty, "status", NULL);
  g_assert_cmpint (empty.status, ==, 0);
  g_assert_cmpstr (empty.err, ==, "");
  g_assert_nonnull (strstr (empty.out, fixture->data_dir));
  g_assert_nonnull (strstr (empty.out, "No connections yet."));
  g_assert_nonnull (strstr (empty.out, "No records yet."));

  fill_store (fixture->data_dir);
  run_cli (fixture->data_dir, &filled, "status", NULL);
  g_assert_cmpint (filled.status, ==, 0);
  g_assert_nonnull (strstr (filled.out, "woocommerce  shop.example  connected"));
  g_assert_nonnull (strstr (filled.out, "queued 1"));
  g_assert_nonnull (strstr (filled.out, "dead 1"));
  g_assert_nonnull (strstr (filled.out, "Failures: 1"));
  g_assert_nonnull (strstr (filled.out, "woocommerce-to-quickbooks"));
}

/* records */

static void
test_records_json (CliFixture    *fixture,
                   gconstpointer  user_data)
{
  g_auto(CliResult) all = { 0 };
  g_auto(CliResult) orders = { 0 };
  g_auto(CliResult) quickbooks = { 0 };
  g_auto(CliResult) limited = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;
  JsonObject *object;
  JsonObject *document;

  fill_store (fixture->data_dir);

  run_cli (fixture->data_dir, &all, "records", "--json", NULL);
  g_assert_cmpint (all.status, ==, 0);
  g_assert_cmpstr (all.err, ==, "");
  node = parse_json (all.out);
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 4);

  /* Most recently changed first: the order that got a second version. */
  object = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "order");
  g_assert_cmpstr (json_object_get_string_member (object, "source_system"), ==, "woocommerce");
  g_assert_cmpstr (json_object_get_string_member (object, "source_id"), ==, "1001");
  g_assert_cmpint (json_object_get_int_member (object, "version"), ==, 2);
  g_assert_cmpuint (strlen (json_object_get_string_member (object, "content_hash")), ==, 64);
  document = json_object_get_object_member (object, "document");
  g_assert_nonnull (document);
  /* Money stays a decimal string, never a double. */
  g_assert_cmpstr (json_object_get_string_member (document, "total"), ==, "30.00");
  g_clear_pointer (&node, json_node_unref);

  run_cli (fixture->data_dir, &orders, "records", "--kind", "order", "--json", NULL);
  g_assert_cmpint (orders.status, ==, 0);
  node = parse_json (orders.out);
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, i),
                                                    "kind"), ==, "order");
  g_clear_pointer (&node, json_node_unref);

  run_cli (fixture->data_dir, &quickbooks, "records", "--system", "quickbooks", "--json", NULL);
  g_assert_cmpint (quickbooks.status, ==, 0);
  node = parse_json (quickbooks.out);
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  document = json_object_get_object_member (json_array_get_object_element (array, 0), "document");
  g_assert_cmpint (json_object_get_int_member (document, "qty"), ==, 12);
  g_clear_pointer (&node, json_node_unref);

  run_cli (fixture->data_dir, &limited, "records", "--system", "woocommerce", "--kind", "order",
           "--limit", "1", "--json", NULL);
  g_assert_cmpint (limited.status, ==, 0);
  node = parse_json (limited.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
}

static void
test_records_text (CliFixture    *fixture,
                   gconstpointer  user_data)
{
  g_auto(CliResult) empty = { 0 };
  g_auto(CliResult) filled = { 0 };
  g_auto(GStrv) lines = NULL;

  run_cli (fixture->data_dir, &empty, "records", NULL);
  g_assert_cmpint (empty.status, ==, 0);
  g_assert_cmpstr (empty.out, ==, "No records.\n");

  fill_store (fixture->data_dir);
  run_cli (fixture->data_dir, &filled, "records", "--kind", "customer", NULL);
  g_assert_cmpint (filled.status, ==, 0);
  lines = g_strsplit (filled.out, "\n", -1);
  /* A header, one row, and the empty string after the last newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], "System"));
  g_assert_true (g_str_has_prefix (lines[1], "woocommerce  customer  7"));
  g_assert_false (g_str_has_suffix (lines[1], " "));
}

/* Help and usage errors */

static void
test_help (CliFixture    *fixture,
           gconstpointer  user_data)
{
  static const char * const commands[] = { "status", "records" };
  static const char * const flags[] = { "--help", "-h" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      for (guint j = 0; j < G_N_ELEMENTS (flags); j++)
        {
          g_auto(CliResult) result = { 0 };
          g_autofree char *usage = g_strdup_printf ("easysale-sync [--data-dir DIR] %s ",
                                                    commands[i]);

          run_cli (fixture->data_dir, &result, commands[i], flags[j], NULL);
          g_assert_cmpint (result.status, ==, 0);
          g_assert_cmpstr (result.err, ==, "");
          g_assert_true (g_str_has_prefix (result.out, "Usage:"));
          g_assert_nonnull (strstr (result.out, usage));
          g_assert_nonnull (strstr (result.out, "--json"));
          g_assert_nonnull (strstr (result.out, "-h, --help"));
        }
    }

  /* Help does not touch the store. */
  g_assert_false (g_file_test (fixture->data_dir, G_FILE_TEST_EXISTS));
}

static void
test_usage_errors (CliFixture    *fixture,
                   gconstpointer  user_data)
{
  static const char * const cases[][5] = {
    { "status", "--bogus" },
    { "status", "extra" },
    { "records", "--kind", "invoice" },
    { "records", "--limit", "0" },
    { "records", "--limit", "ten" },
    { "records", "--system", "" },
    { "records", "--system" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
      g_autoptr(GOutputStream) err = g_memory_output_stream_new_resizable ();
      g_autofree char *out_text = NULL;
      g_autofree char *err_text = NULL;
      g_autofree char *hint = g_strdup_printf ("easysale-sync %s --help", cases[i][0]);
      int status;

      status = es_cli_run (fixture->data_dir, (char **) cases[i], out, err);
      out_text = steal_text (out);
      err_text = steal_text (err);
      g_test_message ("%s %s: %d %s", cases[i][0], cases[i][1], status, err_text);

      g_assert_cmpint (status, ==, 2);
      g_assert_cmpstr (out_text, ==, "");
      g_assert_true (g_str_has_prefix (err_text, "easysale-sync "));
      g_assert_nonnull (strstr (err_text, hint));
    }

  g_assert_false (g_file_test (fixture->data_dir, G_FILE_TEST_EXISTS));
}

static void
test_store_errors (CliFixture    *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *file = g_build_filename (fixture->dir, "file", NULL);
  g_autofree char *under_file = g_build_filename (file, "data", NULL);
  g_autofree char *expected = NULL;
  g_auto(CliResult) not_dir = { 0 };
  g_auto(CliResult) too_new = { 0 };
  g_autoptr(EsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int latest = es_store_get_latest_schema_version ();
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", latest + 4);

  g_assert_true (g_file_set_contents (file, "x", -1, NULL));
  run_cli (under_file, &not_dir, "status", "--json", NULL);
  g_assert_cmpint (not_dir.status, ==, 1);
  g_assert_cmpstr (not_dir.out, ==, "");
  g_assert_true (g_str_has_prefix (not_dir.err, "easysale-sync: "));
  /* One line. */
  g_assert_cmpint (strchr (not_dir.err, '\n') - not_dir.err, ==, strlen (not_dir.err) - 1);

  store = es_store_open (fixture->data_dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (es_store_exec (store, bump, NULL, &error));
  g_clear_object (&store);

  run_cli (fixture->data_dir, &too_new, "records", NULL);
  g_assert_cmpint (too_new.status, ==, 1);
  g_assert_cmpstr (too_new.out, ==, "");
  expected = g_strdup_printf ("easysale-sync: This store was written by a newer version of "
                              "EasySale Sync (schema %d, this version knows %d). Update the app, "
                              "or use another data directory.\n", latest + 4, latest);
  g_assert_cmpstr (too_new.err, ==, expected);
}

/* The real binary */

static GSubprocess *
spawn_binary (GSubprocessLauncher *launcher,
              const char * const  *args)
{
  const char *binary = g_getenv ("ES_BINARY");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  return process;
}

static gboolean
have_binary (void)
{
  if (g_getenv ("ES_BINARY") != NULL)
    return TRUE;

  g_test_skip ("ES_BINARY is not set");
  return FALSE;
}

static void
run_binary (GSubprocessLauncher  *launcher,
            const char * const   *args,
            int                  *out_status,
            char                **out_stdout,
            char                **out_stderr)
{
  g_autoptr(GSubprocess) process = spawn_binary (launcher, args);
  g_autoptr(GError) error = NULL;

  /* Blocking is fine here: the meson timeout bounds a hang. */
  g_subprocess_communicate_utf8 (process, NULL, NULL, out_stdout, out_stderr, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  *out_status = g_subprocess_get_exit_status (process);

  g_test_message ("%s %s: exit %d\nout: %s\nerr: %s", args[0], args[1], *out_status,
                  *out_stdout, *out_stderr);
}

static void
test_binary_status_json (CliFixture    *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root;
  int status;

  if (!have_binary ())
    return;

  fill_store (fixture->data_dir);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  run_binary (launcher,
              (const char * const []) { "--data-dir", fixture->data_dir, "status", "--json", NULL },
              &status, &out, &err);
  g_assert_cmpint (status, ==, 0);

  node = parse_json (out);
  root = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (root, "records_total"), ==, 4);
  g_assert_cmpint (path_int (root, "queue", "queued"), ==, 1);
  g_assert_cmpint (path_int (root, "store", "schema_version"), ==,
                   es_store_get_latest_schema_version ());
}

static void
test_binary_default_data_dir (CliFixture    *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *expected = g_build_filename (fixture->dir, "easysale-sync", "store.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  int status;

  if (!have_binary ())
    return;

  /* Without --data-dir the store lives under $XDG_DATA_HOME. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", fixture->dir, TRUE);
  run_binary (launcher, (const char * const []) { "records", "--json", NULL },
              &status, &out, &err);
  g_assert_cmpint (status, ==, 0);
  node = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 0);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

static void
test_binary_exit_codes (CliFixture    *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *file = g_build_filename (fixture->dir, "file", NULL);
  int status;

  if (!have_binary ())
    return;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);

  run_binary (launcher,
              (const char * const []) { "--data-dir", fixture->data_dir, "records", "--kind",
                                        "invoice", NULL },
              &status, &out, &err);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "invoice"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  run_binary (launcher,
              (const char * const []) { "--data-dir", fixture->data_dir, "status", "--help", NULL },
              &status, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "Usage:"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (g_file_set_contents (file, "x", -1, NULL));
  run_binary (launcher,
              (const char * const []) { "--data-dir", file, "status", NULL },
              &status, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_true (g_str_has_prefix (err, "easysale-sync: "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, CliFixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/cli/commands", test_commands);
  ADD ("/cli/unknown-command", test_unknown_command);
  ADD ("/cli/status/json-empty", test_status_json_empty);
  ADD ("/cli/status/json-filled", test_status_json_filled);
  ADD ("/cli/status/text", test_status_text);
  ADD ("/cli/records/json", test_records_json);
  ADD ("/cli/records/text", test_records_text);
  ADD ("/cli/help", test_help);
  ADD ("/cli/usage-errors", test_usage_errors);
  ADD ("/cli/store-errors", test_store_errors);
  ADD ("/cli/binary/status-json", test_binary_status_json);
  ADD ("/cli/binary/default-data-dir", test_binary_default_data_dir);
  ADD ("/cli/binary/exit-codes", test_binary_exit_codes);

#undef ADD

  return g_test_run ();
}
