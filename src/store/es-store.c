/* es-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "es-json.h"
#include "es-store-private.h"

#define MIGRATIONS_PATH          RESOURCE_PREFIX "/sql/"
#define DEFAULT_BUSY_TIMEOUT_MS  5000
/* How many SQLite VM steps run between two looks at the cancellables. */
#define PROGRESS_INTERVAL        1000

#define RECORD_COLUMNS \
  "id, kind, source_system, source_id, version, content_hash, document, created_at, updated_at"
#define CONNECTION_COLUMNS \
  "system, account, display_name, base_url, state, connected_at, last_error, updated_at"
#define RUN_COLUMNS \
  "id, flow, state, dry_run, started_at, finished_at, " \
  "n_created, n_updated, n_skipped, n_deleted, n_failed, error"

struct _EsStoreStatement
{
  sqlite3_stmt *stmt;
  /* Owned by the statement cache; otherwise finalized on release. */
  gboolean      cached;
  /* Handed out and not released yet: someone may be stepping it. */
  gboolean      in_use;
};

struct _EsStore
{
  GObject             parent_instance;

  char               *data_dir;
  char               *path;

  /* Guards every field below it. Recursive, and held from es_store_begin() to the matching
   * commit or rollback, so a transaction belongs to one thread and the others wait for it:
   * one SQLite connection is never used by two threads at once. */
  GRecMutex           lock;
  sqlite3            *db;
  GHashTable         *statements;    /* (owned) SQL text → (owned) EsStoreStatement */
  guint               n_prepared;
  guint               depth;         /* open transactions and savepoints */
  EsStoreTransaction  outer_kind;
  GPtrArray          *cancellables;  /* (owned) (nullable elements): one per call in progress */
  int                 schema_version;
  guint               busy_timeout_ms;

  /* The database thread: async calls run on it one at a time, in the order they were made. */
  GMutex              worker_lock;
  GThread            *worker;        /* (owned) (nullable): started by the first async call */
  GAsyncQueue        *queue;         /* (owned) of (owned) EsStoreWork */
};

typedef struct
{
  EsStore         *store;  /* (owned) (nullable): %NULL asks the database thread to quit */
  GTask           *task;   /* (owned) (nullable) */
  EsStoreWorkFunc  func;
} EsStoreWork;

typedef struct
{
  char   *source_system;  /* (owned) (nullable) */
  char   *kind;           /* (owned) (nullable) */
  gint64  limit;
} ListRecordsData;

typedef struct
{
  char              *system;        /* (owned) */
  char              *account;       /* (owned) */
  char              *display_name;  /* (owned) (nullable) */
  char              *base_url;      /* (owned) (nullable) */
  EsConnectionState  state;
  char              *last_error;    /* (owned) (nullable) */
} UpsertConnectionData;

G_DEFINE_FINAL_TYPE (EsStore, es_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (es-store-error-quark, es_store_error)

enum {
  PROP_0,
  PROP_DATA_DIR,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const record_kinds[] = { "order", "customer", "product" };

static const char * const job_state_names[] = {
  [ES_JOB_STATE_QUEUED] = "queued",
  [ES_JOB_STATE_RUNNING] = "running",
  [ES_JOB_STATE_DONE] = "done",
  [ES_JOB_STATE_FAILED] = "failed",
  [ES_JOB_STATE_DEAD] = "dead",
};

static const char * const connection_state_names[] = {
  [ES_CONNECTION_STATE_CONNECTED] = "connected",
  [ES_CONNECTION_STATE_NEEDS_RECONNECT] = "needs-reconnect",
  [ES_CONNECTION_STATE_ERROR] = "error",
  [ES_CONNECTION_STATE_DISCONNECTED] = "disconnected",
};

static const char * const run_state_names[] = {
  [ES_RUN_STATE_RUNNING] = "running",
  [ES_RUN_STATE_WAITING] = "waiting",
  [ES_RUN_STATE_SUCCEEDED] = "succeeded",
  [ES_RUN_STATE_FAILED] = "failed",
  [ES_RUN_STATE_CANCELLED] = "cancelled",
};

/* Boxed result types */

static void
es_store_record_clear (gpointer data)
{
  EsStoreRecord *record = data;

  g_free (record->kind);
  g_free (record->source_system);
  g_free (record->source_id);
  g_free (record->content_hash);
  g_free (record->document);
  g_clear_pointer (&record->created_at, g_date_time_unref);
  g_clear_pointer (&record->updated_at, g_date_time_unref);
}

EsStoreRecord *
es_store_record_ref (EsStoreRecord *record)
{
  g_return_val_if_fail (record != NULL, NULL);

  return g_atomic_rc_box_acquire (record);
}

void
es_store_record_unref (EsStoreRecord *record)
{
  g_return_if_fail (record != NULL);

  g_atomic_rc_box_release_full (record, es_store_record_clear);
}

G_DEFINE_BOXED_TYPE (EsStoreRecord, es_store_record, es_store_record_ref, es_store_record_unref)

JsonNode *
es_store_record_dup_document (const EsStoreRecord *record)
{
  g_return_val_if_fail (record != NULL, NULL);

  /* The store only ever writes documents it produced with the canonical writer. */
  return es_json_parse (record->document, -1, NULL);
}

static void
es_store_connection_clear (gpointer data)
{
  EsStoreConnection *connection = data;

  g_free (connection->system);
  g_free (connection->account);
  g_free (connection->display_name);
  g_free (connection->base_url);
  g_free (connection->last_error);
  g_clear_pointer (&connection->connected_at, g_date_time_unref);
  g_clear_pointer (&connection->updated_at, g_date_time_unref);
}

EsStoreConnection *
es_store_connection_ref (EsStoreConnection *connection)
{
  g_return_val_if_fail (connection != NULL, NULL);

  return g_atomic_rc_box_acquire (connection);
}

void
es_store_connection_unref (EsStoreConnection *connection)
{
  g_return_if_fail (connection != NULL);

  g_atomic_rc_box_release_full (connection, es_store_connection_clear);
}

G_DEFINE_BOXED_TYPE (EsStoreConnection, es_store_connection,
                     es_store_connection_ref, es_store_connection_unref)

static void
es_store_run_clear (gpointer data)
{
  EsStoreRun *run = data;

  g_free (run->flow);
  g_free (run->error);
  g_clear_pointer (&run->started_at, g_date_time_unref);
  g_clear_pointer (&run->finished_at, g_date_time_unref);
}

EsStoreRun *
es_store_run_ref (EsStoreRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);

  return g_atomic_rc_box_acquire (run);
}

void
es_store_run_unref (EsStoreRun *run)
{
  g_return_if_fail (run != NULL);

  g_atomic_rc_box_release_full (run, es_store_run_clear);
}

G_DEFINE_BOXED_TYPE (EsStoreRun, es_store_run, es_store_run_ref, es_store_run_unref)

static void
es_store_count_free (gpointer data)
{
  EsStoreCount *count = data;

  g_free (count->source_system);
  g_free (count->kind);
  g_free (count);
}

static void
es_store_status_clear (gpointer data)
{
  EsStoreStatus *status = data;

  g_free (status->path);
  g_clear_pointer (&status->connections, g_ptr_array_unref);
  g_clear_pointer (&status->record_counts, g_ptr_array_unref);
  g_clear_pointer (&status->last_runs, g_ptr_array_unref);
}

EsStoreStatus *
es_store_status_ref (EsStoreStatus *status)
{
  g_return_val_if_fail (status != NULL, NULL);

  return g_atomic_rc_box_acquire (status);
}

void
es_store_status_unref (EsStoreStatus *status)
{
  g_return_if_fail (status != NULL);

  g_atomic_rc_box_release_full (status, es_store_status_clear);
}

G_DEFINE_BOXED_TYPE (EsStoreStatus, es_store_status, es_store_status_ref, es_store_status_unref)

gint64
es_store_status_get_n_failures (const EsStoreStatus *status)
{
  g_return_val_if_fail (status != NULL, 0);

  return status->jobs[ES_JOB_STATE_FAILED] + status->jobs[ES_JOB_STATE_DEAD] + status->inbox_failed;
}

const char *
es_job_state_to_string (EsJobState state)
{
  g_return_val_if_fail (state <= ES_JOB_STATE_LAST, NULL);

  return job_state_names[state];
}

const char *
es_connection_state_to_string (EsConnectionState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (connection_state_names), NULL);

  return connection_state_names[state];
}

const char *
es_run_state_to_string (EsRunState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (run_state_names), NULL);

  return run_state_names[state];
}

/* The schema's CHECK constraints keep the columns to these names. */
static guint
state_from_string (const char * const *names,
                   guint               n_names,
                   const char         *name)
{
  for (guint i = 0; i < n_names; i++)
    {
      if (g_strcmp0 (names[i], name) == 0)
        return i;
    }

  g_return_val_if_reached (0);
}

static gboolean
is_record_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (record_kinds); i++)
    {
      if (g_strcmp0 (record_kinds[i], kind) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
check_record_kind (const char  *kind,
                   GError     **error)
{
  if (is_record_kind (kind))
    return TRUE;

  g_set_error (error, ES_STORE_ERROR, ES_STORE_ERROR_INVALID,
               _("Unknown record kind “%s”; expected order, customer or product"), kind);
  return FALSE;
}

static gboolean
check_not_empty (const char  *value,
                 const char  *what,
                 GError     **error)
{
  if (value != NULL && *value != '\0')
    return TRUE;

  /* @what is a column name, the same in every language. */
  g_set_error (error, ES_STORE_ERROR, ES_STORE_ERROR_INVALID,
               _("The %s must not be empty"), what);
  return FALSE;
}

/* Times */

/* Fixed width, so the text order of the stored times is their time order. */
static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static char *
now_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return format_time (now);
}

static GDateTime *
column_time (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL)
    return NULL;

  return g_date_time_new_from_iso8601 (text, NULL);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Locking, cancellation and errors */

static gboolean
es_store_is_cancelled (EsStore *self)
{
  for (guint i = 0; i < self->cancellables->len; i++)
    {
      GCancellable *cancellable = g_ptr_array_index (self->cancellables, i);

      if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
        return TRUE;
    }

  return FALSE;
}

static int
es_store_progress_cb (void *data)
{
  /* Non-zero makes SQLite abandon the statement with SQLITE_INTERRUPT. */
  return es_store_is_cancelled (data);
}

static int
es_store_busy_cb (void *data,
                  int   n_calls)
{
  static const guint delays_ms[] = { 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 };
  EsStore *self = data;
  guint waited = 0;
  guint delay;

  /* SQLite's own busy_timeout cannot be interrupted; this one gives up as soon as the call is
   * cancelled, so a writer queued behind another process does not outlive its cancellable. */
  if (es_store_is_cancelled (self))
    return 0;

  for (int i = 0; i < n_calls; i++)
    waited += i < (int) G_N_ELEMENTS (delays_ms) ? delays_ms[i] : 100;

  if (waited >= self->busy_timeout_ms)
    return 0;

  delay = n_calls < (int) G_N_ELEMENTS (delays_ms) ? delays_ms[n_calls] : 100;
  g_usleep (MIN (delay, self->busy_timeout_ms - waited) * G_TIME_SPAN_MILLISECOND);

  return 1;
}

/* Maps a SQLite result code (with the connection's message) into the store's error domain.
 * Always returns %FALSE, for `return es_store_set_error (...)`. */
static gboolean
es_store_set_error (EsStore  *self,
                    int       rc,
                    GError  **error)
{
  const char *message = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_INTERRUPT:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The operation was cancelled"));
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      if (es_store_is_cancelled (self))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("The operation was cancelled"));
      else
        g_set_error (error, ES_STORE_ERROR, ES_STORE_ERROR_BUSY,
                     _("The store “%s” is in use by another program: %s"), self->path, message);
      break;

    case SQLITE_CONSTRAINT:
      g_set_error (error, ES_STORE_ERROR, ES_STORE_ERROR_CONSTRAINT,
                   _("The change does not fit the store’s rules: %s"), message);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, ES_STORE_ERROR, ES_STORE_ERROR_CORRUPT,
                   _("The store “%s” is damaged or is not a store: %s"), self->path, message);
      break;

    case SQLITE_FULL:
      g_set_error (error, ES_STORE_ERROR, ES_STORE_ERROR_FULL,
                   _("There is no room left for the store “%s”: %s"), self->path, message);
      break;

    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      g_set_error (error, ES_STORE_ERROR, ES_STORE_ERROR_OPEN,
                   _("Cannot open the store “%s” for writing: %s"), self->path, message);
      break;

    default:
      g_set_error (error, ES_STORE_ERROR, ES_STORE_ERROR_ENGINE,
                   _("The store “%s” failed: %s"), self->path, message);
      break;
    }

  return FALSE;
}

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/* Takes the store for one call on this thread and makes @cancellable reach its statements. */
static gboolean
es_store_enter (EsStore       *self,
                GCancellable  *cancellable,
                GError       **error)
{
  g_rec_mutex_lock (&self->lock);

  if (self->db == NULL)
    {
      g_rec_mutex_unlock (&self->lock);
      g_set_error_literal (error, ES_STORE_ERROR, ES_STORE_ERROR_CLOSED, _("The store is closed"));
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }

  g_ptr_array_add (self->cancellables, cancellable != NULL ? g_object_ref (cancellable) : NULL);

  return TRUE;
}

static void
es_store_leave (EsStore *self)
{
  g_assert (self->cancellables->len > 0);

  g_ptr_array_remove_index (self->cancellables, self->cancellables->len - 1);
  g_rec_mutex_unlock (&self->lock);
}

static gboolean
es_store_exec_locked (EsStore     *self,
                      const char  *sql,
                      GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return es_store_set_error (self, rc, error);

  return TRUE;
}

/* Prepared statements */

static void
es_store_statement_free (gpointer data)
{
  EsStoreStatement *statement = data;

  sqlite3_finalize (statement->stmt);
  g_free (statement);
}

EsStoreStatement *
es_store_prepare (EsStore     *self,
                  const char  *sql,
                  GError     **error)
{
  EsStoreStatement *cached;
  EsStoreStatement *statement;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (ES_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);
  g_return_val_if_fail (self->db != NULL, NULL);

  cached = g_hash_table_lookup (self->statements, sql);
  if (cached != NULL && !cached->in_use)
    {
      /* It was reset and its bindings cleared when it was released. */
      cached->in_use = TRUE;
      return cached;
    }

  /* A cached statement still being stepped (a loop running another query with the same SQL)
   * must not be reset under its user: that caller gets a one-off statement instead. */
  rc = sqlite3_prepare_v3 (self->db, sql, -1, cached == NULL ? SQLITE_PREPARE_PERSISTENT : 0,
                           &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      es_store_set_error (self, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  self->n_prepared++;

  statement = g_new0 (EsStoreStatement, 1);
  statement->stmt = stmt;
  statement->in_use = TRUE;
  statement->cached = cached == NULL;

  if (statement->cached)
    g_hash_table_insert (self->statements, g_strdup (sql), statement);

  return statement;
}

sqlite3_stmt *
es_store_statement_get_stmt (EsStoreStatement *statement)
{
  g_return_val_if_fail (statement != NULL, NULL);

  return statement->stmt;
}

void
es_store_statement_release (EsStoreStatement *statement)
{
  g_return_if_fail (statement != NULL);
  g_return_if_fail (statement->in_use);

  sqlite3_reset (statement->stmt);
  sqlite3_clear_bindings (statement->stmt);

  if (!statement->cached)
    {
      es_store_statement_free (statement);
      return;
    }

  statement->in_use = FALSE;
}

static void
bind_text (EsStoreStatement *statement,
           int               index,
           const char       *value)
{
  /* A NULL value binds SQL NULL. */
  sqlite3_bind_text (statement->stmt, index, value, -1, SQLITE_TRANSIENT);
}

static void
bind_int64 (EsStoreStatement *statement,
            int               index,
            gint64            value)
{
  sqlite3_bind_int64 (statement->stmt, index, value);
}

/* Returns SQLITE_ROW or SQLITE_DONE, or 0 with @error set. */
static int
es_store_step (EsStore           *self,
               EsStoreStatement  *statement,
               GError           **error)
{
  int rc = sqlite3_step (statement->stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;

  es_store_set_error (self, rc, error);
  return 0;
}

static gboolean
es_store_step_done (EsStore           *self,
                    EsStoreStatement  *statement,
                    GError           **error)
{
  return es_store_step (self, statement, error) != 0;
}

/* Transactions */

gboolean
es_store_begin (EsStore             *self,
                EsStoreTransaction   kind,
                GCancellable        *cancellable,
                GError             **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (ES_IS_STORE (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!es_store_enter (self, cancellable, error))
    return FALSE;

  if (self->depth > 0 && kind == ES_STORE_TRANSACTION_WRITE
      && self->outer_kind == ES_STORE_TRANSACTION_READ)
    {
      es_store_leave (self);
      g_set_error_literal (error, ES_STORE_ERROR, ES_STORE_ERROR_INVALID,
                           "A write transaction cannot be nested in a read transaction");
      return FALSE;
    }

  if (self->depth == 0)
    sql = g_strdup (kind == ES_STORE_TRANSACTION_WRITE ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
  else
    sql = g_strdup_printf ("SAVEPOINT es_%u", self->depth);

  if (!es_store_exec_locked (self, sql, error))
    {
      es_store_leave (self);
      return FALSE;
    }

  if (self->depth == 0)
    self->outer_kind = kind;
  self->depth++;

  /* The lock and the cancellable stay with the transaction until it ends. */
  return TRUE;
}

static gboolean
es_store_end (EsStore   *self,
              gboolean   commit,
              GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok = TRUE;

  g_rec_mutex_lock (&self->lock);

  if (self->depth == 0 || self->db == NULL)
    {
      g_rec_mutex_unlock (&self->lock);
      g_critical ("%s: no transaction is open on this store", G_STRFUNC);
      g_set_error_literal (error, ES_STORE_ERROR, ES_STORE_ERROR_INVALID,
                           "No transaction is open on this store");
      return FALSE;
    }

  self->depth--;

  if (sqlite3_get_autocommit (self->db))
    {
      /* SQLite already rolled the whole transaction back (after an interrupted write or a
       * full disk); only a commit has something to report. */
      if (commit)
        {
          g_set_error_literal (&local_error, ES_STORE_ERROR, ES_STORE_ERROR_ENGINE,
                               _("The changes were rolled back after an earlier error"));
          ok = FALSE;
        }
    }
  else if (self->depth == 0)
    {
      ok = es_store_exec_locked (self, commit ? "COMMIT" : "ROLLBACK", &local_error);
      /* A failed COMMIT leaves the transaction open; end it as promised. */
      if (!ok && commit && !sqlite3_get_autocommit (self->db))
        es_store_exec_locked (self, "ROLLBACK", NULL);
    }
  else
    {
      g_autofree char *sql = NULL;

      if (commit)
        sql = g_strdup_printf ("RELEASE es_%u", self->depth);
      else
        sql = g_strdup_printf ("ROLLBACK TO es_%u; RELEASE es_%u", self->depth, self->depth);

      ok = es_store_exec_locked (self, sql, &local_error);
    }

  /* Once for this call, once for the es_store_begin() it ends. */
  g_rec_mutex_unlock (&self->lock);
  es_store_leave (self);

  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return ok;
}

gboolean
es_store_commit (EsStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (ES_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return es_store_end (self, TRUE, error);
}

gboolean
es_store_rollback (EsStore  *self,
                   GError  **error)
{
  g_return_val_if_fail (ES_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return es_store_end (self, FALSE, error);
}

/* Migrations */

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static gboolean
parse_migration_name (const char *name,
                      guint       expected,
                      GError    **error)
{
  g_autofree char *prefix = g_strdup_printf ("%04u-", expected);

  if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".sql")
      && strlen (name) > strlen (prefix) + strlen (".sql"))
    return TRUE;

  g_set_error (error, ES_STORE_ERROR, ES_STORE_ERROR_MIGRATION,
               _("Migration “%s” is out of sequence: expected %s….sql"), name, prefix);
  return FALSE;
}

GStrv
es_store_load_migrations (GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GStrvBuilder) scripts = g_strv_builder_new ();
  guint n_names;

  names = g_resources_enumerate_children (MIGRATIONS_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                          &local_error);
  if (names == NULL)
    {
      g_set_error (error, ES_STORE_ERROR, ES_STORE_ERROR_MIGRATION,
                   _("This build has no store migrations: %s"), local_error->message);
      return NULL;
    }

  n_names = g_strv_length (names);
  qsort (names, n_names, sizeof (char *), compare_names);

  for (guint i = 0; i < n_names; i++)
    {
      g_autofree char *path = g_strconcat (MIGRATIONS_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = NULL;

      if (!parse_migration_name (names[i], i + 1, error))
        return NULL;

      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
      if (bytes == NULL)
        {
          g_set_error (error, ES_STORE_ERROR, ES_STORE_ERROR_MIGRATION,
                       _("Cannot read migration “%s”: %s"), names[i], local_error->message);
          return NULL;
        }

      /* Resource data is always followed by a NUL byte. */
      g_strv_builder_add (scripts, g_bytes_get_data (bytes, NULL));
    }

  return g_strv_builder_end (scripts);
}

int
es_store_get_latest_schema_version (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) migrations = es_store_load_migrations (&error);

  if (migrations == NULL)
    {
      g_critical ("%s", error->message);
      return 0;
    }

  return g_strv_length (migrations);
}

static gboolean
es_store_read_user_version (EsStore  *self,
                            int      *out_version,
                            GError  **error)
{
  g_autoptr(EsStoreStatement) statement = NULL;

  statement = es_store_prepare (self, "PRAGMA user_version", error);
  if (statement == NULL)
    return FALSE;

  if (es_store_step (self, statement, error) != SQLITE_ROW)
    return FALSE;

  *out_version = sqlite3_column_int (statement->stmt, 0);
  return TRUE;
}

static gboolean
set_too_new_error (int      version,
                   guint    n_known,
                   GError **error)
{
  g_set_error (error, ES_STORE_ERROR, ES_STORE_ERROR_TOO_NEW,
               _("This store was written by a newer version of EasySale Sync "
                 "(schema %d, this version knows %u). "
                 "Update the app, or use another data directory."),
               version, n_known);
  return FALSE;
}

static gboolean
es_store_apply_migration_step (EsStore     *self,
                               guint        version,
                               const char  *script,
                               guint        n_known,
                               GError     **error)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", version);
  int current;

  if (!es_store_begin (self, ES_STORE_TRANSACTION_WRITE, NULL, error))
    return FALSE;

  /* Another process may have migrated while this one waited for the write lock. */
  if (!es_store_read_user_version (self, &current, error))
    {
      es_store_rollback (self, NULL);
      return FALSE;
    }

  if (current > (int) n_known)
    {
      es_store_rollback (self, NULL);
      return set_too_new_error (current, n_known, error);
    }

  if (current >= (int) version)
    return es_store_commit (self, error);

  if (!es_store_exec_locked (self, script, error)
      || !es_store_exec_locked (self, set_version, error))
    {
      es_store_rollback (self, NULL);
      return FALSE;
    }

  return es_store_commit (self, error);
}

static gboolean
es_store_apply_migration (EsStore     *self,
                          guint        version,
                          const char  *script,
                          guint        n_known,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (es_store_apply_migration_step (self, version, script, n_known, &local_error))
    {
      g_debug ("Store %s migrated to schema %u", self->path, version);
      return TRUE;
    }

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_error_matches (local_error, ES_STORE_ERROR, ES_STORE_ERROR_TOO_NEW))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_set_error (error, ES_STORE_ERROR, ES_STORE_ERROR_MIGRATION,
               _("Could not upgrade the store to schema %u: %s"), version, local_error->message);
  return FALSE;
}

static gboolean
es_store_migrate_locked (EsStore            *self,
                         const char * const *migrations,
                         GError            **error)
{
  guint n_known = g_strv_length ((char **) migrations);
  int version;

  if (!es_store_read_user_version (self, &version, error))
    return FALSE;

  if (version > (int) n_known)
    return set_too_new_error (version, n_known, error);

  for (guint next = version + 1; next <= n_known; next++)
    {
      if (!es_store_apply_migration (self, next, migrations[next - 1], n_known, error))
        return FALSE;
    }

  return es_store_read_user_version (self, &self->schema_version, error);
}

/* Opening and closing */

static void
es_store_close_locked (EsStore *self)
{
  if (self->db == NULL)
    return;

  if (self->depth > 0)
    {
      /* Closing drops the open transaction; give back the holds es_store_begin() took. */
      g_critical ("Closing the store %s with %u open transactions; they are rolled back",
                  self->path, self->depth);
      for (; self->depth > 0; self->depth--)
        g_rec_mutex_unlock (&self->lock);
      g_ptr_array_set_size (self->cancellables, 0);
    }

  g_hash_table_remove_all (self->statements);
  /* _v2: a one-off statement someone still holds keeps the connection until it is released. */
  sqlite3_close_v2 (self->db);
  self->db = NULL;
}

static gboolean
es_store_open_file (EsStore       *self,
                    GError       **error)
{
  int fd;
  int rc;

  if (g_mkdir_with_parents (self->data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ES_STORE_ERROR, ES_STORE_ERROR_OPEN,
                   _("Cannot create the data directory “%s”: %s"),
                   self->data_dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* Create the file ourselves so that it is private: SQLite gives the -wal and -shm files the
   * database file's permissions. */
  fd = g_open (self->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, ES_STORE_ERROR, ES_STORE_ERROR_OPEN,
                   _("Cannot open the store “%s”: %s"), self->path, g_strerror (saved_errno));
      return FALSE;
    }
  g_close (fd, NULL);

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      es_store_set_error (self, rc, error);
      sqlite3_close (self->db);
      self->db = NULL;
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_progress_handler (self->db, PROGRESS_INTERVAL, es_store_progress_cb, self);
  sqlite3_busy_handler (self->db, es_store_busy_cb, self);

  return TRUE;
}

static gboolean
es_store_configure_locked (EsStore  *self,
                           GError  **error)
{
  g_autoptr(EsStoreStatement) statement = NULL;
  const char *mode;

  /* synchronous=FULL: with WAL, NORMAL survives a crash of the app but may lose the last
   * commits on power loss, and the inbox promises that an acknowledged webhook is on disk. */
  if (!es_store_exec_locked (self,
                             "PRAGMA foreign_keys = ON;"
                             "PRAGMA synchronous = FULL;",
                             error))
    return FALSE;

  statement = es_store_prepare (self, "PRAGMA journal_mode = WAL", error);
  if (statement == NULL || es_store_step (self, statement, error) != SQLITE_ROW)
    return FALSE;

  mode = (const char *) sqlite3_column_text (statement->stmt, 0);
  if (g_ascii_strcasecmp (mode, "wal") != 0)
    {
      g_set_error (error, ES_STORE_ERROR, ES_STORE_ERROR_OPEN,
                   _("The store “%s” cannot use write-ahead logging (journal mode is %s); "
                     "keep the data directory on a local disk"),
                   self->path, mode);
      return FALSE;
    }

  return TRUE;
}

static gboolean
es_store_open_internal (EsStore            *self,
                        const char * const *migrations,
                        GCancellable       *cancellable,
                        GError            **error)
{
  gboolean ok;

  g_rec_mutex_lock (&self->lock);

  if (self->db != NULL)
    {
      g_rec_mutex_unlock (&self->lock);
      return TRUE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error)
      || !es_store_open_file (self, error))
    {
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }

  g_ptr_array_add (self->cancellables, cancellable != NULL ? g_object_ref (cancellable) : NULL);
  ok = es_store_configure_locked (self, error) && es_store_migrate_locked (self, migrations, error);
  es_store_leave (self);

  if (!ok)
    es_store_close (self);

  return ok;
}

/* The database thread */

static void
es_store_work_free (EsStoreWork *work)
{
  g_clear_object (&work->task);
  g_clear_object (&work->store);
  g_free (work);
}

static gpointer
es_store_worker_main (gpointer data)
{
  g_autoptr(GAsyncQueue) queue = data;

  for (;;)
    {
      EsStoreWork *work = g_async_queue_pop (queue);

      if (work->store == NULL)
        {
          es_store_work_free (work);
          break;
        }

      work->func (work->store, work->task, g_task_get_task_data (work->task),
                  g_task_get_cancellable (work->task));

      /* May drop the last reference to the store: finalize then runs on this thread and
       * queues the request to quit that ends this loop. */
      es_store_work_free (work);
    }

  return NULL;
}

void
es_store_queue_work (EsStore         *self,
                     GTask           *task,
                     EsStoreWorkFunc  func)
{
  EsStoreWork *work;

  g_return_if_fail (ES_IS_STORE (self));
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  work = g_new0 (EsStoreWork, 1);
  work->store = g_object_ref (self);
  work->task = task;
  work->func = func;

  g_mutex_lock (&self->worker_lock);
  if (self->worker == NULL)
    self->worker = g_thread_new ("es-store", es_store_worker_main, g_async_queue_ref (self->queue));
  g_mutex_unlock (&self->worker_lock);

  g_async_queue_push (self->queue, work);
}

/* GObject */

static void
es_store_constructed (GObject *object)
{
  EsStore *self = ES_STORE (object);

  G_OBJECT_CLASS (es_store_parent_class)->constructed (object);

  if (self->data_dir == NULL)
    self->data_dir = es_store_dup_default_data_dir ();
  else
    {
      /* Absolute, so that `status` reports where the store really is. */
      char *absolute = g_canonicalize_filename (self->data_dir, NULL);

      g_free (self->data_dir);
      self->data_dir = absolute;
    }

  self->path = g_build_filename (self->data_dir, "store.db", NULL);
}

static void
es_store_finalize (GObject *object)
{
  EsStore *self = ES_STORE (object);

  /* No work is queued: each item holds a reference. */
  if (self->worker != NULL)
    {
      g_async_queue_push (self->queue, g_new0 (EsStoreWork, 1));

      /* The last reference may go from a task finishing on the database thread itself, which
       * must not wait for itself: it ends after this finalize returns. */
      if (self->worker == g_thread_self ())
        g_thread_unref (self->worker);
      else
        g_thread_join (self->worker);
    }

  es_store_close_locked (self);

  g_async_queue_unref (self->queue);
  g_mutex_clear (&self->worker_lock);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->cancellables, g_ptr_array_unref);
  g_rec_mutex_clear (&self->lock);
  g_free (self->data_dir);
  g_free (self->path);

  G_OBJECT_CLASS (es_store_parent_class)->finalize (object);
}

static void
es_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  EsStore *self = ES_STORE (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;

    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
es_store_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  EsStore *self = ES_STORE (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      self->data_dir = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
es_store_class_init (EsStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = es_store_constructed;
  object_class->finalize = es_store_finalize;
  object_class->get_property = es_store_get_property;
  object_class->set_property = es_store_set_property;

  /**
   * EsStore:data-dir:
   * The directory holding `store.db`; %NULL at construction means the default.
   */
  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * EsStore:path:
   * The database file.
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
es_store_init (EsStore *self)
{
  g_rec_mutex_init (&self->lock);
  g_mutex_init (&self->worker_lock);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            es_store_statement_free);
  self->cancellables = g_ptr_array_new_with_free_func (unref_if_set);
  self->busy_timeout_ms = DEFAULT_BUSY_TIMEOUT_MS;
  self->queue = g_async_queue_new ();
}

/* Private API */

EsStore *
es_store_open_with_migrations (const char         *data_dir,
                               const char * const *migrations,
                               GCancellable       *cancellable,
                               GError            **error)
{
  g_autoptr(EsStore) self = NULL;

  g_return_val_if_fail (migrations != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ES_TYPE_STORE, "data-dir", data_dir, NULL);

  if (!es_store_open_internal (self, migrations, cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
es_store_exec (EsStore       *self,
               const char    *sql,
               GCancellable  *cancellable,
               GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (ES_IS_STORE (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  if (!es_store_enter (self, cancellable, error))
    return FALSE;

  ok = es_store_exec_locked (self, sql, error);
  es_store_leave (self);

  return ok;
}

void
es_store_set_busy_timeout (EsStore *self,
                           guint    timeout_ms)
{
  g_return_if_fail (ES_IS_STORE (self));

  g_rec_mutex_lock (&self->lock);
  self->busy_timeout_ms = timeout_ms;
  g_rec_mutex_unlock (&self->lock);
}

guint
es_store_get_n_prepared (EsStore *self)
{
  guint n;

  g_return_val_if_fail (ES_IS_STORE (self), 0);

  g_rec_mutex_lock (&self->lock);
  n = self->n_prepared;
  g_rec_mutex_unlock (&self->lock);

  return n;
}

sqlite3 *
es_store_get_db (EsStore *self)
{
  g_return_val_if_fail (ES_IS_STORE (self), NULL);

  return self->db;
}

/* Public API: opening */

char *
es_store_dup_default_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "easysale-sync", NULL);
}

EsStore *
es_store_open (const char    *data_dir,
               GCancellable  *cancellable,
               GError       **error)
{
  g_auto(GStrv) migrations = NULL;

  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  migrations = es_store_load_migrations (error);
  if (migrations == NULL)
    return NULL;

  return es_store_open_with_migrations (data_dir, (const char * const *) migrations,
                                        cancellable, error);
}

static void
es_store_open_worker (EsStore      *self,
                      GTask        *task,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) migrations = es_store_load_migrations (&error);

  if (migrations == NULL
      || !es_store_open_internal (self, (const char * const *) migrations, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_object_ref (self), g_object_unref);
}

void
es_store_open_async (const char          *data_dir,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(EsStore) self = NULL;
  GTask *task;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  self = g_object_new (ES_TYPE_STORE, "data-dir", data_dir, NULL);

  /* No source object: the store only exists for the caller once opening succeeded. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, es_store_open_async);
  es_store_queue_work (self, task, es_store_open_worker);
}

EsStore *
es_store_open_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == es_store_open_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
es_store_close (EsStore *self)
{
  g_return_if_fail (ES_IS_STORE (self));

  g_rec_mutex_lock (&self->lock);
  es_store_close_locked (self);
  g_rec_mutex_unlock (&self->lock);
}

const char *
es_store_get_data_dir (EsStore *self)
{
  g_return_val_if_fail (ES_IS_STORE (self), NULL);

  return self->data_dir;
}

const char *
es_store_get_path (EsStore *self)
{
  g_return_val_if_fail (ES_IS_STORE (self), NULL);

  return self->path;
}

int
es_store_get_schema_version (EsStore *self)
{
  g_return_val_if_fail (ES_IS_STORE (self), 0);

  return self->schema_version;
}

/* Public API: records */

static EsStoreRecord *
record_from_row (sqlite3_stmt *stmt)
{
  EsStoreRecord *record = g_atomic_rc_box_new0 (EsStoreRecord);

  record->id = sqlite3_column_int64 (stmt, 0);
  record->kind = column_dup (stmt, 1);
  record->source_system = column_dup (stmt, 2);
  record->source_id = column_dup (stmt, 3);
  record->version = sqlite3_column_int64 (stmt, 4);
  record->content_hash = column_dup (stmt, 5);
  record->document = column_dup (stmt, 6);
  record->created_at = column_time (stmt, 7);
  record->updated_at = column_time (stmt, 8);

  return record;
}

static EsStoreRecord *
es_store_upsert_record_locked (EsStore     *self,
                               const char  *kind,
                               const char  *source_system,
                               const char  *source_id,
                               const char  *document,
                               const char  *hash,
                               gboolean    *out_new_version,
                               GError     **error)
{
  g_autoptr(EsStoreStatement) lookup = NULL;
  g_autoptr(EsStoreStatement) write = NULL;
  g_autofree char *now = now_string ();
  int rc;

  lookup = es_store_prepare (self,
                             "SELECT " RECORD_COLUMNS " FROM records"
                             " WHERE source_system = ?1 AND kind = ?2 AND source_id = ?3",
                             error);
  if (lookup == NULL)
    return NULL;

  bind_text (lookup, 1, source_system);
  bind_text (lookup, 2, kind);
  bind_text (lookup, 3, source_id);

  rc = es_store_step (self, lookup, error);
  if (rc == 0)
    return NULL;

  if (rc == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (lookup->stmt, 0);

      if (g_strcmp0 ((const char *) sqlite3_column_text (lookup->stmt, 5), hash) == 0)
        {
          *out_new_version = FALSE;
          return record_from_row (lookup->stmt);
        }

      write = es_store_prepare (self,
                                "UPDATE records SET version = version + 1, content_hash = ?2,"
                                " document = ?3, updated_at = ?4 WHERE id = ?1"
                                " RETURNING " RECORD_COLUMNS,
                                error);
      if (write == NULL)
        return NULL;

      bind_int64 (write, 1, id);
      bind_text (write, 2, hash);
      bind_text (write, 3, document);
      bind_text (write, 4, now);
    }
  else
    {
      write = es_store_prepare (self,
                                "INSERT INTO records (kind, source_system, source_id, version,"
                                " content_hash, document, created_at, updated_at)"
                                " VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?6)"
                                " RETURNING " RECORD_COLUMNS,
                                error);
      if (write == NULL)
        return NULL;

      bind_text (write, 1, kind);
      bind_text (write, 2, source_system);
      bind_text (write, 3, source_id);
      bind_text (write, 4, hash);
      bind_text (write, 5, document);
      bind_text (write, 6, now);
    }

  rc = es_store_step (self, write, error);
  if (rc == 0)
    return NULL;

  g_assert (rc == SQLITE_ROW);
  *out_new_version = TRUE;

  return record_from_row (write->stmt);
}

EsStoreRecord *
es_store_upsert_record (EsStore       *self,
                        const char    *kind,
                        const char    *source_system,
                        const char    *source_id,
                        JsonNode      *document,
                        gboolean      *out_new_version,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(EsStoreRecord) record = NULL;
  g_autofree char *text = NULL;
  g_autofree char *hash = NULL;
  gboolean new_version = FALSE;

  g_return_val_if_fail (ES_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (source_system != NULL, NULL);
  g_return_val_if_fail (source_id != NULL, NULL);
  g_return_val_if_fail (document != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_record_kind (kind, error)
      || !check_not_empty (source_system, "source system", error)
      || !check_not_empty (source_id, "source id", error))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (document))
    {
      g_set_error_literal (error, ES_STORE_ERROR, ES_STORE_ERROR_INVALID,
                           _("A canonical document must be a JSON object"));
      return NULL;
    }

  text = es_json_to_canonical_string (document, FALSE);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  if (!es_store_begin (self, ES_STORE_TRANSACTION_WRITE, cancellable, error))
    return NULL;

  record = es_store_upsert_record_locked (self, kind, source_system, source_id, text, hash,
                                          &new_version, error);
  if (record == NULL)
    {
      es_store_rollback (self, NULL);
      return NULL;
    }

  if (!es_store_commit (self, error))
    return NULL;

  if (out_new_version != NULL)
    *out_new_version = new_version;

  return g_steal_pointer (&record);
}

EsStoreRecord *
es_store_get_record (EsStore       *self,
                     const char    *kind,
                     const char    *source_system,
                     const char    *source_id,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(EsStoreStatement) statement = NULL;
  EsStoreRecord *record = NULL;
  int rc;

  g_return_val_if_fail (ES_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (source_system != NULL, NULL);
  g_return_val_if_fail (source_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_record_kind (kind, error) || !es_store_enter (self, cancellable, error))
    return NULL;

  statement = es_store_prepare (self,
                                "SELECT " RECORD_COLUMNS " FROM records"
                                " WHERE source_system = ?1 AND kind = ?2 AND source_id = ?3",
                                error);
  if (statement != NULL)
    {
      bind_text (statement, 1, source_system);
      bind_text (statement, 2, kind);
      bind_text (statement, 3, source_id);

      rc = es_store_step (self, statement, error);
      if (rc == SQLITE_ROW)
        record = record_from_row (statement->stmt);
      else if (rc == SQLITE_DONE)
        g_set_error (error, ES_STORE_ERROR, ES_STORE_ERROR_NOT_FOUND,
                     _("There is no %s “%s” from %s in the store"), kind, source_id, source_system);
    }

  g_clear_pointer (&statement, es_store_statement_release);
  es_store_leave (self);

  return record;
}

static GPtrArray *
es_store_list_records_locked (EsStore     *self,
                              const char  *source_system,
                              const char  *kind,
                              gint64       limit,
                              GError     **error)
{
  g_autoptr(EsStoreStatement) statement = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const char *sql;
  int rc;

  /* One literal per filter, so each gets its own cached plan and uses its index. */
  if (source_system != NULL && kind != NULL)
    sql = "SELECT " RECORD_COLUMNS " FROM records WHERE source_system = ?1 AND kind = ?2"
          " ORDER BY updated_at DESC, id DESC LIMIT ?3";
  else if (source_system != NULL)
    sql = "SELECT " RECORD_COLUMNS " FROM records WHERE source_system = ?1"
          " ORDER BY updated_at DESC, id DESC LIMIT ?3";
  else if (kind != NULL)
    sql = "SELECT " RECORD_COLUMNS " FROM records WHERE kind = ?2"
          " ORDER BY updated_at DESC, id DESC LIMIT ?3";
  else
    sql = "SELECT " RECORD_COLUMNS " FROM records"
          " ORDER BY updated_at DESC, id DESC LIMIT ?3";

  statement = es_store_prepare (self, sql, error);
  if (statement == NULL)
    return NULL;

  if (source_system != NULL)
    bind_text (statement, 1, source_system);
  if (kind != NULL)
    bind_text (statement, 2, kind);
  bind_int64 (statement, 3, limit < 0 ? -1 : limit);

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) es_store_record_unref);

  while ((rc = es_store_step (self, statement, error)) == SQLITE_ROW)
    g_ptr_array_add (records, record_from_row (statement->stmt));

  if (rc == 0)
    return NULL;

  return g_steal_pointer (&records);
}

GPtrArray *
es_store_list_records (EsStore       *self,
                       const char    *source_system,
                       const char    *kind,
                       gint64         limit,
                       GCancellable  *cancellable,
                       GError       **error)
{
  GPtrArray *records;

  g_return_val_if_fail (ES_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (kind != NULL && !check_record_kind (kind, error))
    return NULL;

  if (!es_store_enter (self, cancellable, error))
    return NULL;

  records = es_store_list_records_locked (self, source_system, kind, limit, error);
  es_store_leave (self);

  return records;
}

static void
list_records_data_free (gpointer data)
{
  ListRecordsData *list = data;

  g_free (list->source_system);
  g_free (list->kind);
  g_free (list);
}

static void
es_store_list_records_worker (EsStore      *self,
                              GTask        *task,
                              gpointer      task_data,
                              GCancellable *cancellable)
{
  ListRecordsData *list = task_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  records = es_store_list_records (self, list->source_system, list->kind, list->limit,
                                   cancellable, &error);
  if (records == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, records, (GDestroyNotify) g_ptr_array_unref);
}

void
es_store_list_records_async (EsStore             *self,
                             const char          *source_system,
                             const char          *kind,
                             gint64               limit,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  ListRecordsData *list;
  GTask *task;

  g_return_if_fail (ES_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  list = g_new0 (ListRecordsData, 1);
  list->source_system = g_strdup (source_system);
  list->kind = g_strdup (kind);
  list->limit = limit;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, es_store_list_records_async);
  g_task_set_task_data (task, list, list_records_data_free);
  es_store_queue_work (self, task, es_store_list_records_worker);
}

GPtrArray *
es_store_list_records_finish (EsStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (ES_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == es_store_list_records_async,
                        NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static GPtrArray *
es_store_count_records_locked (EsStore  *self,
                               GError  **error)
{
  g_autoptr(EsStoreStatement) statement = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  int rc;

  statement = es_store_prepare (self,
                                "SELECT source_system, kind, count(*) FROM records"
                                " GROUP BY source_system, kind ORDER BY source_system, kind",
                                error);
  if (statement == NULL)
    return NULL;

  counts = g_ptr_array_new_with_free_func (es_store_count_free);

  while ((rc = es_store_step (self, statement, error)) == SQLITE_ROW)
    {
      EsStoreCount *count = g_new0 (EsStoreCount, 1);

      count->source_system = column_dup (statement->stmt, 0);
      count->kind = column_dup (statement->stmt, 1);
      count->count = sqlite3_column_int64 (statement->stmt, 2);
      g_ptr_array_add (counts, count);
    }

  if (rc == 0)
    return NULL;

  return g_steal_pointer (&counts);
}

GPtrArray *
es_store_count_records (EsStore       *self,
                        GCancellable  *cancellable,
                        GError       **error)
{
  GPtrArray *counts;

  g_return_val_if_fail (ES_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!es_store_enter (self, cancellable, error))
    return NULL;

  counts = es_store_count_records_locked (self, error);
  es_store_leave (self);

  return counts;
}

/* Public API: inbox, jobs, runs */

static gint64
es_store_add_inbox_event_locked (EsStore     *self,
                                 const char  *system,
                                 const char  *topic,
                                 const char  *delivery_id,
                                 const char  *headers,
                                 GBytes      *body,
                                 gboolean    *out_duplicate,
                                 GError     **error)
{
  g_autoptr(EsStoreStatement) insert = NULL;
  g_autoptr(EsStoreStatement) lookup = NULL;
  g_autofree char *now = now_string ();
  gconstpointer data;
  gsize size;
  int rc;

  insert = es_store_prepare (self,
                             "INSERT INTO inbox (system, topic, delivery_id, headers, body,"
                             " received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                             " ON CONFLICT (system, delivery_id) DO NOTHING RETURNING id",
                             error);
  if (insert == NULL)
    return 0;

  data = g_bytes_get_data (body, &size);
  bind_text (insert, 1, system);
  bind_text (insert, 2, topic);
  bind_text (insert, 3, delivery_id);
  bind_text (insert, 4, headers);
  /* An empty body is still a body: a NULL pointer would bind SQL NULL. */
  if (size == 0)
    sqlite3_bind_zeroblob (insert->stmt, 5, 0);
  else
    sqlite3_bind_blob64 (insert->stmt, 5, data, size, SQLITE_TRANSIENT);
  bind_text (insert, 6, now);

  rc = es_store_step (self, insert, error);
  if (rc == 0)
    return 0;

  if (rc == SQLITE_ROW)
    {
      *out_duplicate = FALSE;
      return sqlite3_column_int64 (insert->stmt, 0);
    }

  lookup = es_store_prepare (self,
                             "SELECT id FROM inbox WHERE system = ?1 AND delivery_id = ?2",
                             error);
  if (lookup == NULL)
    return 0;

  bind_text (lookup, 1, system);
  bind_text (lookup, 2, delivery_id);

  if (es_store_step (self, lookup, error) != SQLITE_ROW)
    return 0;

  *out_duplicate = TRUE;
  return sqlite3_column_int64 (lookup->stmt, 0);
}

gint64
es_store_add_inbox_event (EsStore       *self,
                          const char    *system,
                          const char    *topic,
                          const char    *delivery_id,
                          JsonObject    *headers,
                          GBytes        *body,
                          gboolean      *out_duplicate,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *headers_text = NULL;
  gboolean duplicate = FALSE;
  gint64 id;

  g_return_val_if_fail (ES_IS_STORE (self), 0);
  g_return_val_if_fail (system != NULL, 0);
  g_return_val_if_fail (topic != NULL, 0);
  g_return_val_if_fail (delivery_id != NULL, 0);
  g_return_val_if_fail (body != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!check_not_empty (system, "system", error)
      || !check_not_empty (topic, "topic", error)
      || !check_not_empty (delivery_id, "delivery id", error))
    return 0;

  if (headers != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), headers);

      headers_text = es_json_to_canonical_string (node, FALSE);
    }
  else
    headers_text = g_strdup ("{}");

  if (!es_store_begin (self, ES_STORE_TRANSACTION_WRITE, cancellable, error))
    return 0;

  id = es_store_add_inbox_event_locked (self, system, topic, delivery_id, headers_text, body,
                                        &duplicate, error);
  if (id == 0)
    {
      es_store_rollback (self, NULL);
      return 0;
    }

  if (!es_store_commit (self, error))
    return 0;

  if (out_duplicate != NULL)
    *out_duplicate = duplicate;

  return id;
}

/* Runs a query whose one row is one count. */
static gint64
es_store_query_count_locked (EsStore     *self,
                             const char  *sql,
                             GError     **error)
{
  g_autoptr(EsStoreStatement) statement = es_store_prepare (self, sql, error);

  if (statement == NULL || es_store_step (self, statement, error) != SQLITE_ROW)
    return -1;

  return sqlite3_column_int64 (statement->stmt, 0);
}

static gint64
es_store_query_count (EsStore       *self,
                      const char    *sql,
                      GCancellable  *cancellable,
                      GError       **error)
{
  gint64 count;

  if (!es_store_enter (self, cancellable, error))
    return -1;

  count = es_store_query_count_locked (self, sql, error);
  es_store_leave (self);

  return count;
}

#define SQL_COUNT_INBOX_PENDING "SELECT count(*) FROM inbox WHERE processed_at IS NULL"
#define SQL_COUNT_INBOX_FAILED \
  "SELECT count(*) FROM inbox WHERE processed_at IS NULL AND error IS NOT NULL"
#define SQL_COUNT_FAILURES \
  "SELECT (SELECT count(*) FROM jobs WHERE state IN ('failed', 'dead'))" \
  " + (" SQL_COUNT_INBOX_FAILED ")"

gint64
es_store_count_pending_inbox (EsStore       *self,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_return_val_if_fail (ES_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return es_store_query_count (self, SQL_COUNT_INBOX_PENDING, cancellable, error);
}

gint64
es_store_count_failures (EsStore       *self,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_return_val_if_fail (ES_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return es_store_query_count (self, SQL_COUNT_FAILURES, cancellable, error);
}

static gboolean
es_store_count_jobs_locked (EsStore  *self,
                            gint64    counts[ES_JOB_STATE_LAST + 1],
                            GError  **error)
{
  g_autoptr(EsStoreStatement) statement = NULL;
  int rc;

  statement = es_store_prepare (self, "SELECT state, count(*) FROM jobs GROUP BY state", error);
  if (statement == NULL)
    return FALSE;

  for (guint i = 0; i <= ES_JOB_STATE_LAST; i++)
    counts[i] = 0;

  while ((rc = es_store_step (self, statement, error)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (statement->stmt, 0);
      guint state = state_from_string (job_state_names, G_N_ELEMENTS (job_state_names), name);

      counts[state] = sqlite3_column_int64 (statement->stmt, 1);
    }

  return rc != 0;
}

gboolean
es_store_count_jobs (EsStore       *self,
                     gint64        *counts,
                     GCancellable  *cancellable,
                     GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (ES_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!es_store_enter (self, cancellable, error))
    return FALSE;

  ok = es_store_count_jobs_locked (self, counts, error);
  es_store_leave (self);

  return ok;
}

static GPtrArray *
es_store_list_runs_locked (EsStore  *self,
                           guint     limit,
                           GError  **error)
{
  g_autoptr(EsStoreStatement) statement = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  int rc;

  statement = es_store_prepare (self,
                                "SELECT " RUN_COLUMNS " FROM runs"
                                " ORDER BY started_at DESC, id DESC LIMIT ?1",
                                error);
  if (statement == NULL)
    return NULL;

  bind_int64 (statement, 1, limit);
  runs = g_ptr_array_new_with_free_func ((GDestroyNotify) es_store_run_unref);

  while ((rc = es_store_step (self, statement, error)) == SQLITE_ROW)
    {
      sqlite3_stmt *stmt = statement->stmt;
      EsStoreRun *run = g_atomic_rc_box_new0 (EsStoreRun);
      const char *state = (const char *) sqlite3_column_text (stmt, 2);

      run->id = sqlite3_column_int64 (stmt, 0);
      run->flow = column_dup (stmt, 1);
      run->state = state_from_string (run_state_names, G_N_ELEMENTS (run_state_names), state);
      run->dry_run = sqlite3_column_int (stmt, 3) != 0;
      run->started_at = column_time (stmt, 4);
      run->finished_at = column_time (stmt, 5);
      run->n_created = sqlite3_column_int64 (stmt, 6);
      run->n_updated = sqlite3_column_int64 (stmt, 7);
      run->n_skipped = sqlite3_column_int64 (stmt, 8);
      run->n_deleted = sqlite3_column_int64 (stmt, 9);
      run->n_failed = sqlite3_column_int64 (stmt, 10);
      run->error = column_dup (stmt, 11);
      g_ptr_array_add (runs, run);
    }

  if (rc == 0)
    return NULL;

  return g_steal_pointer (&runs);
}

GPtrArray *
es_store_list_runs (EsStore       *self,
                    guint          limit,
                    GCancellable  *cancellable,
                    GError       **error)
{
  GPtrArray *runs;

  g_return_val_if_fail (ES_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!es_store_enter (self, cancellable, error))
    return NULL;

  runs = es_store_list_runs_locked (self, limit, error);
  es_store_leave (self);

  return runs;
}

/* Public API: cursors */

gboolean
es_store_get_cursor (EsStore       *self,
                     const char    *system,
                     const char    *stream,
                     char         **out_value,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(EsStoreStatement) statement = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (ES_IS_STORE (self), FALSE);
  g_return_val_if_fail (system != NULL, FALSE);
  g_return_val_if_fail (stream != NULL, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_value = NULL;

  if (!es_store_enter (self, cancellable, error))
    return FALSE;

  statement = es_store_prepare (self,
                                "SELECT value FROM cursors WHERE system = ?1 AND stream = ?2",
                                error);
  if (statement != NULL)
    {
      bind_text (statement, 1, system);
      bind_text (statement, 2, stream);

      rc = es_store_step (self, statement, error);
      if (rc == SQLITE_ROW)
        *out_value = column_dup (statement->stmt, 0);
      ok = rc != 0;
    }

  g_clear_pointer (&statement, es_store_statement_release);
  es_store_leave (self);

  return ok;
}

gboolean
es_store_set_cursor (EsStore       *self,
                     const char    *system,
                     const char    *stream,
                     const char    *value,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(EsStoreStatement) statement = NULL;
  g_autofree char *now = now_string ();
  gboolean ok = FALSE;

  g_return_val_if_fail (ES_IS_STORE (self), FALSE);
  g_return_val_if_fail (system != NULL, FALSE);
  g_return_val_if_fail (stream != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_not_empty (system, "system", error) || !check_not_empty (stream, "stream", error))
    return FALSE;

  if (!es_store_enter (self, cancellable, error))
    return FALSE;

  if (value != NULL)
    statement = es_store_prepare (self,
                                  "INSERT INTO cursors (system, stream, value, updated_at)"
                                  " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (system, stream)"
                                  " DO UPDATE SET value = excluded.value,"
                                  " updated_at = excluded.updated_at",
                                  error);
  else
    statement = es_store_prepare (self,
                                  "DELETE FROM cursors WHERE system = ?1 AND stream = ?2",
                                  error);

  if (statement != NULL)
    {
      bind_text (statement, 1, system);
      bind_text (statement, 2, stream);
      if (value != NULL)
        {
          bind_text (statement, 3, value);
          bind_text (statement, 4, now);
        }

      ok = es_store_step_done (self, statement, error);
    }

  g_clear_pointer (&statement, es_store_statement_release);
  es_store_leave (self);

  return ok;
}

/* Public API: connections */

static EsStoreConnection *
connection_from_row (sqlite3_stmt *stmt)
{
  EsStoreConnection *connection = g_atomic_rc_box_new0 (EsStoreConnection);
  const char *state = (const char *) sqlite3_column_text (stmt, 4);

  connection->system = column_dup (stmt, 0);
  connection->account = column_dup (stmt, 1);
  connection->display_name = column_dup (stmt, 2);
  connection->base_url = column_dup (stmt, 3);
  connection->state = state_from_string (connection_state_names,
                                         G_N_ELEMENTS (connection_state_names), state);
  connection->connected_at = column_time (stmt, 5);
  connection->last_error = column_dup (stmt, 6);
  connection->updated_at = column_time (stmt, 7);

  return connection;
}

gboolean
es_store_upsert_connection (EsStore            *self,
                            const char         *system,
                            const char         *account,
                            const char         *display_name,
                            const char         *base_url,
                            EsConnectionState   state,
                            const char         *last_error,
                            GCancellable       *cancellable,
                            GError            **error)
{
  g_autoptr(EsStoreStatement) statement = NULL;
  g_autofree char *now = now_string ();
  gboolean ok = FALSE;

  g_return_val_if_fail (ES_IS_STORE (self), FALSE);
  g_return_val_if_fail (system != NULL, FALSE);
  g_return_val_if_fail (account != NULL, FALSE);
  g_return_val_if_fail (state < G_N_ELEMENTS (connection_state_names), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_not_empty (system, "system", error) || !check_not_empty (account, "account", error))
    return FALSE;

  if (!es_store_enter (self, cancellable, error))
    return FALSE;

  /* connected_at marks the moment it became connected, not every later confirmation. */
  statement = es_store_prepare (self,
                                "INSERT INTO connections (" CONNECTION_COLUMNS ")"
                                " VALUES (?1, ?2, ?3, ?4, ?5,"
                                " CASE WHEN ?5 = 'connected' THEN ?7 END, ?6, ?7)"
                                " ON CONFLICT (system, account) DO UPDATE SET"
                                " display_name = excluded.display_name,"
                                " base_url = excluded.base_url,"
                                " state = excluded.state,"
                                " connected_at = CASE"
                                "   WHEN excluded.state = 'connected'"
                                "    AND connections.state <> 'connected'"
                                "   THEN excluded.updated_at"
                                "   ELSE connections.connected_at END,"
                                " last_error = excluded.last_error,"
                                " updated_at = excluded.updated_at",
                                error);
  if (statement != NULL)
    {
      bind_text (statement, 1, system);
      bind_text (statement, 2, account);
      bind_text (statement, 3, display_name);
      bind_text (statement, 4, base_url);
      bind_text (statement, 5, connection_state_names[state]);
      bind_text (statement, 6, last_error);
      bind_text (statement, 7, now);

      ok = es_store_step_done (self, statement, error);
    }

  g_clear_pointer (&statement, es_store_statement_release);
  es_store_leave (self);

  return ok;
}

static void
upsert_connection_data_free (gpointer data)
{
  UpsertConnectionData *upsert = data;

  g_free (upsert->system);
  g_free (upsert->account);
  g_free (upsert->display_name);
  g_free (upsert->base_url);
  g_free (upsert->last_error);
  g_free (upsert);
}

typedef struct
{
  char       *system;       /* (owned) */
  char       *topic;        /* (owned) */
  char       *delivery_id;  /* (owned) */
  JsonObject *headers;      /* (owned) (nullable) */
  GBytes     *body;         /* (owned) */
  gboolean    duplicate;    /* set by the worker */
} AddInboxEventData;

static void
add_inbox_event_data_free (gpointer data)
{
  AddInboxEventData *add = data;

  g_free (add->system);
  g_free (add->topic);
  g_free (add->delivery_id);
  g_clear_pointer (&add->headers, json_object_unref);
  g_clear_pointer (&add->body, g_bytes_unref);
  g_free (add);
}

static void
es_store_add_inbox_event_worker (EsStore      *self,
                                 GTask        *task,
                                 gpointer      task_data,
                                 GCancellable *cancellable)
{
  AddInboxEventData *add = task_data;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = es_store_add_inbox_event (self, add->system, add->topic, add->delivery_id, add->headers,
                                 add->body, &add->duplicate, cancellable, &error);
  if (id > 0)
    g_task_return_int (task, (gssize) id);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
es_store_add_inbox_event_async (EsStore             *self,
                                const char          *system,
                                const char          *topic,
                                const char          *delivery_id,
                                JsonObject          *headers,
                                GBytes              *body,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  AddInboxEventData *add;
  GTask *task;

  g_return_if_fail (ES_IS_STORE (self));
  g_return_if_fail (system != NULL);
  g_return_if_fail (topic != NULL);
  g_return_if_fail (delivery_id != NULL);
  g_return_if_fail (body != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  add = g_new0 (AddInboxEventData, 1);
  add->system = g_strdup (system);
  add->topic = g_strdup (topic);
  add->delivery_id = g_strdup (delivery_id);
  add->headers = headers != NULL ? json_object_ref (headers) : NULL;
  add->body = g_bytes_ref (body);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, es_store_add_inbox_event_async);
  g_task_set_task_data (task, add, add_inbox_event_data_free);
  es_store_queue_work (self, task, es_store_add_inbox_event_worker);
}

gint64
es_store_add_inbox_event_finish (EsStore       *self,
                                 GAsyncResult  *result,
                                 gboolean      *out_duplicate,
                                 GError       **error)
{
  AddInboxEventData *add;
  gssize id;

  g_return_val_if_fail (ES_IS_STORE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        es_store_add_inbox_event_async, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  id = g_task_propagate_int (G_TASK (result), error);
  if (id <= 0)
    return 0;

  add = g_task_get_task_data (G_TASK (result));
  if (out_duplicate != NULL)
    *out_duplicate = add->duplicate;

  return id;
}

static void
es_store_upsert_connection_worker (EsStore      *self,
                                   GTask        *task,
                                   gpointer      task_data,
                                   GCancellable *cancellable)
{
  UpsertConnectionData *upsert = task_data;
  g_autoptr(GError) error = NULL;

  if (es_store_upsert_connection (self, upsert->system, upsert->account, upsert->display_name,
                                  upsert->base_url, upsert->state, upsert->last_error,
                                  cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
es_store_upsert_connection_async (EsStore             *self,
                                  const char          *system,
                                  const char          *account,
                                  const char          *display_name,
                                  const char          *base_url,
                                  EsConnectionState    state,
                                  const char          *last_error,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  UpsertConnectionData *upsert;
  GTask *task;

  g_return_if_fail (ES_IS_STORE (self));
  g_return_if_fail (system != NULL);
  g_return_if_fail (account != NULL);
  g_return_if_fail (state < G_N_ELEMENTS (connection_state_names));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  upsert = g_new0 (UpsertConnectionData, 1);
  upsert->system = g_strdup (system);
  upsert->account = g_strdup (account);
  upsert->display_name = g_strdup (display_name);
  upsert->base_url = g_strdup (base_url);
  upsert->state = state;
  upsert->last_error = g_strdup (last_error);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, es_store_upsert_connection_async);
  g_task_set_task_data (task, upsert, upsert_connection_data_free);
  es_store_queue_work (self, task, es_store_upsert_connection_worker);
}

gboolean
es_store_upsert_connection_finish (EsStore       *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (ES_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        es_store_upsert_connection_async, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
es_store_remove_connection (EsStore       *self,
                            const char    *system,
                            const char    *account,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(EsStoreStatement) statement = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (ES_IS_STORE (self), FALSE);
  g_return_val_if_fail (system != NULL, FALSE);
  g_return_val_if_fail (account != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!es_store_enter (self, cancellable, error))
    return FALSE;

  statement = es_store_prepare (self,
                                "DELETE FROM connections WHERE system = ?1 AND account = ?2",
                                error);
  if (statement != NULL)
    {
      bind_text (statement, 1, system);
      bind_text (statement, 2, account);

      ok = es_store_step_done (self, statement, error);
      if (ok && sqlite3_changes (self->db) == 0)
        {
          g_set_error (error, ES_STORE_ERROR, ES_STORE_ERROR_NOT_FOUND,
                       _("There is no %s connection for “%s”"), system, account);
          ok = FALSE;
        }
    }

  g_clear_pointer (&statement, es_store_statement_release);
  es_store_leave (self);

  return ok;
}

static GPtrArray *
es_store_list_connections_locked (EsStore  *self,
                                  GError  **error)
{
  g_autoptr(EsStoreStatement) statement = NULL;
  g_autoptr(GPtrArray) connections = NULL;
  int rc;

  statement = es_store_prepare (self,
                                "SELECT " CONNECTION_COLUMNS " FROM connections"
                                " ORDER BY system, account",
                                error);
  if (statement == NULL)
    return NULL;

  connections = g_ptr_array_new_with_free_func ((GDestroyNotify) es_store_connection_unref);

  while ((rc = es_store_step (self, statement, error)) == SQLITE_ROW)
    g_ptr_array_add (connections, connection_from_row (statement->stmt));

  if (rc == 0)
    return NULL;

  return g_steal_pointer (&connections);
}

GPtrArray *
es_store_list_connections (EsStore       *self,
                           GCancellable  *cancellable,
                           GError       **error)
{
  GPtrArray *connections;

  g_return_val_if_fail (ES_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!es_store_enter (self, cancellable, error))
    return NULL;

  connections = es_store_list_connections_locked (self, error);
  es_store_leave (self);

  return connections;
}

/* Public API: status */

static EsStoreStatus *
es_store_query_status_locked (EsStore  *self,
                              guint     n_runs,
                              GError  **error)
{
  g_autoptr(EsStoreStatus) status = g_atomic_rc_box_new0 (EsStoreStatus);

  status->path = g_strdup (self->path);
  status->schema_version = self->schema_version;

  status->connections = es_store_list_connections_locked (self, error);
  if (status->connections == NULL)
    return NULL;

  status->record_counts = es_store_count_records_locked (self, error);
  if (status->record_counts == NULL)
    return NULL;

  if (!es_store_count_jobs_locked (self, status->jobs, error))
    return NULL;

  status->inbox_pending = es_store_query_count_locked (self, SQL_COUNT_INBOX_PENDING, error);
  if (status->inbox_pending < 0)
    return NULL;

  status->inbox_failed = es_store_query_count_locked (self, SQL_COUNT_INBOX_FAILED, error);
  if (status->inbox_failed < 0)
    return NULL;

  status->last_runs = es_store_list_runs_locked (self, n_runs, error);
  if (status->last_runs == NULL)
    return NULL;

  return g_steal_pointer (&status);
}

EsStoreStatus *
es_store_query_status (EsStore       *self,
                       guint          n_runs,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(EsStoreStatus) status = NULL;

  g_return_val_if_fail (ES_IS_STORE (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* One read transaction: every number comes from the same snapshot. */
  if (!es_store_begin (self, ES_STORE_TRANSACTION_READ, cancellable, error))
    return NULL;

  status = es_store_query_status_locked (self, n_runs, error);
  if (status == NULL)
    {
      es_store_rollback (self, NULL);
      return NULL;
    }

  if (!es_store_commit (self, error))
    return NULL;

  return g_steal_pointer (&status);
}

static void
es_store_query_status_worker (EsStore      *self,
                              GTask        *task,
                              gpointer      task_data,
                              GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  EsStoreStatus *status;

  status = es_store_query_status (self, GPOINTER_TO_UINT (task_data), cancellable, &error);
  if (status == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, status, (GDestroyNotify) es_store_status_unref);
}

void
es_store_query_status_async (EsStore             *self,
                             guint                n_runs,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ES_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, es_store_query_status_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (n_runs), NULL);
  es_store_queue_work (self, task, es_store_query_status_worker);
}

EsStoreStatus *
es_store_query_status_finish (EsStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (ES_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == es_store_query_status_async,
                        NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
