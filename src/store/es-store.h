/* es-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ES_STORE_ERROR (es_store_error_quark ())

/**
 * EsStoreError:
 * @ES_STORE_ERROR_ENGINE: SQLite failed in a way no other code describes
 * @ES_STORE_ERROR_OPEN: the data directory or the database file cannot be created or opened
 * @ES_STORE_ERROR_CLOSED: the store was closed (or never opened)
 * @ES_STORE_ERROR_BUSY: another process holds the store's write lock for too long
 * @ES_STORE_ERROR_CONSTRAINT: a write broke a constraint of the schema
 * @ES_STORE_ERROR_CORRUPT: the file is damaged or is not a database
 * @ES_STORE_ERROR_FULL: the disk (or the database's size limit) is full
 * @ES_STORE_ERROR_TOO_NEW: the store was written by a newer version of the app
 * @ES_STORE_ERROR_MIGRATION: upgrading the schema failed; the store keeps its previous version
 * @ES_STORE_ERROR_NOT_FOUND: the requested row does not exist
 * @ES_STORE_ERROR_INVALID: an argument is not acceptable (unknown kind, empty id, bad JSON)
 *
 * Errors of the canonical store. A cancelled call fails with %G_IO_ERROR_CANCELLED instead.
 */
typedef enum
{
  ES_STORE_ERROR_ENGINE,
  ES_STORE_ERROR_OPEN,
  ES_STORE_ERROR_CLOSED,
  ES_STORE_ERROR_BUSY,
  ES_STORE_ERROR_CONSTRAINT,
  ES_STORE_ERROR_CORRUPT,
  ES_STORE_ERROR_FULL,
  ES_STORE_ERROR_TOO_NEW,
  ES_STORE_ERROR_MIGRATION,
  ES_STORE_ERROR_NOT_FOUND,
  ES_STORE_ERROR_INVALID,
} EsStoreError;

/**
 * EsStoreTransaction:
 * @ES_STORE_TRANSACTION_READ: a consistent snapshot for several reads
 * @ES_STORE_TRANSACTION_WRITE: takes the write lock at once (`BEGIN IMMEDIATE`)
 */
typedef enum
{
  ES_STORE_TRANSACTION_READ,
  ES_STORE_TRANSACTION_WRITE,
} EsStoreTransaction;

/**
 * EsJobState:
 * The state of one outbox job; the values index #EsStoreStatus.jobs.
 */
typedef enum
{
  ES_JOB_STATE_QUEUED,
  ES_JOB_STATE_RUNNING,
  ES_JOB_STATE_DONE,
  ES_JOB_STATE_FAILED,
  ES_JOB_STATE_DEAD,
} EsJobState;

#define ES_JOB_STATE_LAST ES_JOB_STATE_DEAD

/**
 * EsConnectionState:
 * What the store last knew about a connection to another system.
 */
typedef enum
{
  ES_CONNECTION_STATE_CONNECTED,
  ES_CONNECTION_STATE_NEEDS_RECONNECT,
  ES_CONNECTION_STATE_ERROR,
  ES_CONNECTION_STATE_DISCONNECTED,
} EsConnectionState;

/**
 * EsRunState:
 * The state of one run of a flow.
 */
typedef enum
{
  ES_RUN_STATE_RUNNING,
  ES_RUN_STATE_WAITING,
  ES_RUN_STATE_SUCCEEDED,
  ES_RUN_STATE_FAILED,
  ES_RUN_STATE_CANCELLED,
} EsRunState;

/**
 * EsStoreRecord:
 * @id: the row id, stable for the life of the record
 * @kind: "order", "customer" or "product"
 * @source_system: the system the document came from ("woocommerce", "quickbooks")
 * @source_id: its id in that system
 * @version: 1 for a new record, one more for each change of content
 * @content_hash: lowercase hex SHA-256 of @document
 * @document: the canonical JSON text (object members sorted, compact)
 * @created_at: when the record first arrived (UTC)
 * @updated_at: when @version last changed (UTC)
 *
 * One canonical document as the store holds it. Reference counted and immutable.
 */
typedef struct
{
  gint64     id;
  char      *kind;
  char      *source_system;
  char      *source_id;
  gint64     version;
  char      *content_hash;
  char      *document;
  GDateTime *created_at;
  GDateTime *updated_at;
} EsStoreRecord;

/**
 * EsStoreConnection:
 * @system: "woocommerce", "quickbooks" or "supabase"
 * @account: the account within that system (a site URL, a QuickBooks realm id)
 * @display_name: (nullable): a name to show
 * @base_url: (nullable): the API base URL
 * @state: the last known state
 * @connected_at: (nullable): when it was last connected
 * @last_error: (nullable): the last error message
 * @updated_at: when this row last changed
 *
 * A connection as recorded in the store. It never holds a secret: those are in the Secret
 * Service under (@system, @account).
 */
typedef struct
{
  char              *system;
  char              *account;
  char              *display_name;
  char              *base_url;
  EsConnectionState  state;
  GDateTime         *connected_at;
  char              *last_error;
  GDateTime         *updated_at;
} EsStoreConnection;

/**
 * EsStoreRun:
 * One run of a flow and what it did.
 */
typedef struct
{
  gint64      id;
  char       *flow;
  EsRunState  state;
  gboolean    dry_run;
  GDateTime  *started_at;
  GDateTime  *finished_at;
  gint64      n_created;
  gint64      n_updated;
  gint64      n_skipped;
  gint64      n_deleted;
  gint64      n_failed;
  char       *error;
} EsStoreRun;

/**
 * EsStoreCount:
 * How many records of @kind from @source_system the store holds.
 */
typedef struct
{
  char   *source_system;
  char   *kind;
  gint64  count;
} EsStoreCount;

/**
 * EsStoreStatus:
 * @path: the database file
 * @schema_version: the schema the file is at
 * @connections: (element-type EsStoreConnection): by system and account
 * @record_counts: (element-type EsStoreCount): by source system and kind; absent pairs are zero
 * @jobs: the number of outbox jobs in each #EsJobState
 * @inbox_pending: inbox events waiting to be processed
 * @inbox_failed: inbox events whose processing failed and that wait for a retry
 * @last_runs: (element-type EsStoreRun): the most recent runs, newest first
 *
 * One consistent snapshot of what the store holds, for `status` and the dashboard.
 */
typedef struct
{
  char      *path;
  int        schema_version;
  GPtrArray *connections;
  GPtrArray *record_counts;
  gint64     jobs[ES_JOB_STATE_LAST + 1];
  gint64     inbox_pending;
  gint64     inbox_failed;
  GPtrArray *last_runs;
} EsStoreStatus;

#define ES_TYPE_STORE (es_store_get_type ())
#define ES_TYPE_STORE_RECORD (es_store_record_get_type ())
#define ES_TYPE_STORE_CONNECTION (es_store_connection_get_type ())
#define ES_TYPE_STORE_RUN (es_store_run_get_type ())
#define ES_TYPE_STORE_STATUS (es_store_status_get_type ())

G_DECLARE_FINAL_TYPE (EsStore, es_store, ES, STORE, GObject)

GQuark             es_store_error_quark              (void);

/** es_job_state_to_string: Returns: the name stored in the database ("queued", "dead"…). */
const char        *es_job_state_to_string            (EsJobState         state);
/** es_connection_state_to_string: Returns: the stored name ("connected", "needs-reconnect"…). */
const char        *es_connection_state_to_string     (EsConnectionState  state);
/** es_run_state_to_string: Returns: the stored name ("running", "succeeded"…). */
const char        *es_run_state_to_string            (EsRunState         state);

GType              es_store_record_get_type          (void) G_GNUC_CONST;
/** es_store_record_ref: Returns: (transfer full): @record with one more reference. */
EsStoreRecord     *es_store_record_ref               (EsStoreRecord     *record);
/** es_store_record_unref: Drops one reference to @record. */
void               es_store_record_unref             (EsStoreRecord     *record);
/**
 * es_store_record_dup_document:
 * Returns: (transfer full): @record's document parsed back into a #JsonNode.
 */
JsonNode          *es_store_record_dup_document      (const EsStoreRecord *record);

GType              es_store_connection_get_type      (void) G_GNUC_CONST;
/** es_store_connection_ref: Returns: (transfer full): @connection with one more reference. */
EsStoreConnection *es_store_connection_ref           (EsStoreConnection *connection);
/** es_store_connection_unref: Drops one reference to @connection. */
void               es_store_connection_unref         (EsStoreConnection *connection);

GType              es_store_run_get_type             (void) G_GNUC_CONST;
/** es_store_run_ref: Returns: (transfer full): @run with one more reference. */
EsStoreRun        *es_store_run_ref                  (EsStoreRun        *run);
/** es_store_run_unref: Drops one reference to @run. */
void               es_store_run_unref                (EsStoreRun        *run);

GType              es_store_status_get_type          (void) G_GNUC_CONST;
/** es_store_status_ref: Returns: (transfer full): @status with one more reference. */
EsStoreStatus     *es_store_status_ref               (EsStoreStatus     *status);
/** es_store_status_unref: Drops one reference to @status. */
void               es_store_status_unref             (EsStoreStatus     *status);
/** es_store_status_get_n_failures: Returns: failed and dead jobs plus failed inbox events. */
gint64             es_store_status_get_n_failures    (const EsStoreStatus *status);

/**
 * es_store_dup_default_data_dir:
 * Returns: (transfer full): `$XDG_DATA_HOME/easysale-sync`, the data directory when none is given.
 */
char              *es_store_dup_default_data_dir     (void);

/**
 * es_store_get_latest_schema_version:
 * Returns: the schema version this build migrates stores to (the number of its migrations).
 */
int                es_store_get_latest_schema_version (void);

/**
 * es_store_open:
 * @data_dir: (nullable): the directory holding `store.db`, or %NULL for the default
 * @cancellable: (nullable): stops a long migration
 * @error: where to put an #EsStoreError, or %G_IO_ERROR_CANCELLED
 *
 * Opens (creating it and its directories with mode 0700 when missing) and migrates the store.
 * Blocks on disk I/O: from the main loop of a window use es_store_open_async().
 *
 * Returns: (transfer full): the open store, or %NULL with @error set.
 */
EsStore           *es_store_open                     (const char         *data_dir,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
/**
 * es_store_open_async:
 * Opens the store like es_store_open() on the store's database thread.
 */
void               es_store_open_async               (const char         *data_dir,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
/**
 * es_store_open_finish:
 * Returns: (transfer full): the open store, or %NULL with @error set.
 */
EsStore           *es_store_open_finish              (GAsyncResult       *result,
                                                      GError            **error);
/**
 * es_store_close:
 * Closes the database; later calls fail with %ES_STORE_ERROR_CLOSED. Waits for the call
 * in progress on another thread, if any. Finalizing the store closes it too.
 */
void               es_store_close                    (EsStore            *self);

/** es_store_get_data_dir: Returns: the data directory. */
const char        *es_store_get_data_dir             (EsStore            *self);
/** es_store_get_path: Returns: the database file (`store.db` in the data directory). */
const char        *es_store_get_path                 (EsStore            *self);
/** es_store_get_schema_version: Returns: the schema version of the open store. */
int                es_store_get_schema_version       (EsStore            *self);

/**
 * es_store_begin:
 * @self: the store
 * @kind: %ES_STORE_TRANSACTION_WRITE for a batch of writes
 * @cancellable: (nullable): checked by every statement until the transaction ends
 * @error: where to put the error
 *
 * Starts a transaction, or a savepoint when one is already open on this thread. Until the
 * matching es_store_commit() or es_store_rollback() the calling thread holds the store, and
 * calls from other threads wait. A write cannot nest inside a read.
 *
 * Returns: %TRUE when the transaction started; otherwise nothing needs ending.
 */
gboolean           es_store_begin                    (EsStore            *self,
                                                      EsStoreTransaction  kind,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
/**
 * es_store_commit:
 * Ends the innermost transaction, keeping its changes. When committing fails the
 * transaction is rolled back and ended all the same.
 * Returns: %TRUE when the changes were kept.
 */
gboolean           es_store_commit                   (EsStore            *self,
                                                      GError            **error);
/**
 * es_store_rollback:
 * Ends the innermost transaction, undoing its changes (only those since its savepoint when nested).
 * Returns: %TRUE when the rollback worked; the transaction has ended either way.
 */
gboolean           es_store_rollback                 (EsStore            *self,
                                                      GError            **error);

/**
 * es_store_upsert_record:
 * @self: the store
 * @kind: "order", "customer" or "product"
 * @source_system: the system the document came from
 * @source_id: the document's id in @source_system
 * @document: a JSON object, the canonical document
 * @out_new_version: (out) (optional): set to %TRUE when the record was created or its content
 *   changed, %FALSE when the same content was already stored
 * @cancellable: (nullable): a #GCancellable
 * @error: where to put the error (%ES_STORE_ERROR_INVALID for a bad argument)
 *
 * Stores @document as the current version of the record, making a new version only when its
 * content hash changed.
 *
 * Returns: (transfer full): the record as now stored, or %NULL with @error set.
 */
EsStoreRecord     *es_store_upsert_record            (EsStore            *self,
                                                      const char         *kind,
                                                      const char         *source_system,
                                                      const char         *source_id,
                                                      JsonNode           *document,
                                                      gboolean           *out_new_version,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
/**
 * es_store_get_record:
 * Returns: (transfer full): the record, or %NULL with %ES_STORE_ERROR_NOT_FOUND or another error.
 */
EsStoreRecord     *es_store_get_record               (EsStore            *self,
                                                      const char         *kind,
                                                      const char         *source_system,
                                                      const char         *source_id,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
/**
 * es_store_list_records:
 * @self: the store
 * @source_system: (nullable): only records from this system
 * @kind: (nullable): only records of this kind
 * @limit: at most this many, or -1 for all
 * @cancellable: (nullable): a #GCancellable
 * @error: where to put the error
 *
 * Returns: (transfer container) (element-type EsStoreRecord): the records, most recently
 *   changed first, or %NULL with @error set.
 */
GPtrArray         *es_store_list_records             (EsStore            *self,
                                                      const char         *source_system,
                                                      const char         *kind,
                                                      gint64              limit,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
/** es_store_list_records_async: es_store_list_records() on the database thread. */
void               es_store_list_records_async       (EsStore            *self,
                                                      const char         *source_system,
                                                      const char         *kind,
                                                      gint64              limit,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
/**
 * es_store_list_records_finish:
 * Returns: (transfer container) (element-type EsStoreRecord): the records, or %NULL.
 */
GPtrArray         *es_store_list_records_finish      (EsStore            *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);
/**
 * es_store_count_records:
 * Returns: (transfer container) (element-type EsStoreCount): counts by source system and kind,
 *   sorted, or %NULL with @error set.
 */
GPtrArray         *es_store_count_records            (EsStore            *self,
                                                      GCancellable       *cancellable,
                                                      GError            **error);

/**
 * es_store_add_inbox_event:
 * @self: the store
 * @system: the sender ("woocommerce", "quickbooks")
 * @topic: what happened ("order.updated")
 * @delivery_id: the sender's id of this delivery; a second delivery with it is a duplicate
 * @headers: (nullable): the request headers worth keeping, as a JSON object
 * @body: the raw body, byte for byte
 * @out_duplicate: (out) (optional): set to %TRUE when the event was already in the inbox
 * @cancellable: (nullable): a #GCancellable
 * @error: where to put the error
 *
 * Commits the event to the inbox before returning, so the sender may be acknowledged after.
 *
 * Returns: the inbox id of the event (of the first copy for a duplicate), or 0 with @error set.
 */
gint64             es_store_add_inbox_event          (EsStore            *self,
                                                      const char         *system,
                                                      const char         *topic,
                                                      const char         *delivery_id,
                                                      JsonObject         *headers,
                                                      GBytes             *body,
                                                      gboolean           *out_duplicate,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
/**
 * es_store_add_inbox_event_async:
 * es_store_add_inbox_event() on the database thread, for a webhook receiver on the main loop:
 * answer the sender only from @callback, once the event is committed.
 */
void               es_store_add_inbox_event_async    (EsStore            *self,
                                                      const char         *system,
                                                      const char         *topic,
                                                      const char         *delivery_id,
                                                      JsonObject         *headers,
                                                      GBytes             *body,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
/**
 * es_store_add_inbox_event_finish:
 * @out_duplicate: (out) (optional): set to %TRUE when the event was already in the inbox
 * Returns: the committed inbox id, or 0 with @error set.
 */
gint64             es_store_add_inbox_event_finish   (EsStore            *self,
                                                      GAsyncResult       *result,
                                                      gboolean           *out_duplicate,
                                                      GError            **error);
/**
 * es_store_count_pending_inbox:
 * Returns: the number of inbox events not processed yet (failed ones included), or -1 with
 *   @error set.
 */
gint64             es_store_count_pending_inbox      (EsStore            *self,
                                                      GCancellable       *cancellable,
                                                      GError            **error);

/**
 * es_store_count_jobs:
 * @counts: (out caller-allocates) (array fixed-size=5): `ES_JOB_STATE_LAST + 1` slots, filled
 *   with the number of jobs in each #EsJobState
 * Returns: %TRUE on success.
 */
gboolean           es_store_count_jobs               (EsStore            *self,
                                                      gint64             *counts,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
/**
 * es_store_count_failures:
 * Returns: failed and dead jobs plus failed inbox events, or -1 with @error set.
 */
gint64             es_store_count_failures           (EsStore            *self,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
/**
 * es_store_list_runs:
 * Returns: (transfer container) (element-type EsStoreRun): the @limit most recent runs,
 *   newest first, or %NULL with @error set.
 */
GPtrArray         *es_store_list_runs                (EsStore            *self,
                                                      guint               limit,
                                                      GCancellable       *cancellable,
                                                      GError            **error);

/**
 * es_store_get_cursor:
 * @out_value: (out) (transfer full) (nullable): the cursor, or %NULL when none was saved
 * Returns: %TRUE on success (also when there is no cursor).
 */
gboolean           es_store_get_cursor               (EsStore            *self,
                                                      const char         *system,
                                                      const char         *stream,
                                                      char              **out_value,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
/**
 * es_store_set_cursor:
 * @value: (nullable): the new position, or %NULL to forget it (the next pull is a full one)
 * Returns: %TRUE on success.
 */
gboolean           es_store_set_cursor               (EsStore            *self,
                                                      const char         *system,
                                                      const char         *stream,
                                                      const char         *value,
                                                      GCancellable       *cancellable,
                                                      GError            **error);

/**
 * es_store_upsert_connection:
 * @display_name: (nullable): a name to show
 * @base_url: (nullable): the API base URL
 * @last_error: (nullable): the error that put it in @state, if any
 *
 * Records the state of a connection. Entering %ES_CONNECTION_STATE_CONNECTED stamps its
 * connection time. Never pass a secret here.
 * Returns: %TRUE on success.
 */
gboolean           es_store_upsert_connection        (EsStore            *self,
                                                      const char         *system,
                                                      const char         *account,
                                                      const char         *display_name,
                                                      const char         *base_url,
                                                      EsConnectionState   state,
                                                      const char         *last_error,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
/** es_store_upsert_connection_async: es_store_upsert_connection() on the database thread. */
void               es_store_upsert_connection_async  (EsStore            *self,
                                                      const char         *system,
                                                      const char         *account,
                                                      const char         *display_name,
                                                      const char         *base_url,
                                                      EsConnectionState   state,
                                                      const char         *last_error,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
/** es_store_upsert_connection_finish: Returns: %TRUE on success. */
gboolean           es_store_upsert_connection_finish (EsStore            *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);
/**
 * es_store_remove_connection:
 * Forgets a connection. Returns: %TRUE on success, %FALSE with %ES_STORE_ERROR_NOT_FOUND
 *   when there was none.
 */
gboolean           es_store_remove_connection        (EsStore            *self,
                                                      const char         *system,
                                                      const char         *account,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
/**
 * es_store_list_connections:
 * Returns: (transfer container) (element-type EsStoreConnection): by system and account,
 *   or %NULL with @error set.
 */
GPtrArray         *es_store_list_connections         (EsStore            *self,
                                                      GCancellable       *cancellable,
                                                      GError            **error);

/**
 * es_store_query_status:
 * @n_runs: how many of the most recent runs to include
 * Returns: (transfer full): a consistent snapshot of the store, or %NULL with @error set.
 */
EsStoreStatus     *es_store_query_status             (EsStore            *self,
                                                      guint               n_runs,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
/** es_store_query_status_async: es_store_query_status() on the database thread. */
void               es_store_query_status_async       (EsStore            *self,
                                                      guint               n_runs,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
/** es_store_query_status_finish: Returns: (transfer full): the snapshot, or %NULL. */
EsStoreStatus     *es_store_query_status_finish      (EsStore            *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EsStoreRecord, es_store_record_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EsStoreConnection, es_store_connection_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EsStoreRun, es_store_run_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EsStoreStatus, es_store_status_unref)

G_END_DECLS
