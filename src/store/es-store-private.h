/* es-store-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "es-store.h"

G_BEGIN_DECLS

/* For src/store/ and the store's tests only. */

typedef struct _EsStoreStatement EsStoreStatement;

/* Work for the database thread; it ends by returning a result through @task. */
typedef void (*EsStoreWorkFunc) (EsStore      *self,
                                 GTask        *task,
                                 gpointer      task_data,
                                 GCancellable *cancellable);

/*
 * es_store_load_migrations:
 * Returns: (transfer full): the migration scripts compiled into this build, script i taking a
 *   store from schema i to i + 1, or %NULL with %ES_STORE_ERROR_MIGRATION when they are not
 *   numbered 1, 2, 3… without gaps.
 */
GStrv             es_store_load_migrations      (GError            **error);

/*
 * es_store_open_with_migrations:
 * es_store_open() with an explicit list of migration scripts instead of the compiled-in ones,
 * so tests can stop at an earlier schema or inject a failing step.
 */
EsStore          *es_store_open_with_migrations (const char         *data_dir,
                                                 const char * const *migrations,
                                                 GCancellable       *cancellable,
                                                 GError            **error);

/*
 * es_store_exec:
 * Runs an SQL script (several statements) inside the store's lock, with cancellation and
 * error mapping. Not cached: for migrations and tests.
 */
gboolean          es_store_exec                 (EsStore            *self,
                                                 const char         *sql,
                                                 GCancellable       *cancellable,
                                                 GError            **error);

/* How long a writer waits for another process's write lock before ES_STORE_ERROR_BUSY. */
void              es_store_set_busy_timeout     (EsStore            *self,
                                                 guint               timeout_ms);

/*
 * es_store_queue_work:
 * @task: (transfer full): its task data and cancellable are passed to @func
 *
 * Runs @func on the store's database thread, after the work queued before it. The store stays
 * alive until @func has run. The async API is built on this.
 */
void              es_store_queue_work           (EsStore            *self,
                                                 GTask              *task,
                                                 EsStoreWorkFunc     func);

/* The number of statements prepared so far: cache misses plus in-use duplicates. */
guint             es_store_get_n_prepared       (EsStore            *self);

/*
 * es_store_get_db:
 * The raw connection, only while the calling thread holds the store (inside es_store_begin()).
 */
sqlite3          *es_store_get_db               (EsStore            *self);

/*
 * es_store_prepare:
 * @sql: a string literal; it is the cache key
 *
 * Returns a reset statement with no bindings. The cached one is handed out only when no one
 * else is stepping it; otherwise a fresh, uncached one. Only while the calling thread holds
 * the store. Give it back with es_store_statement_release().
 */
EsStoreStatement *es_store_prepare              (EsStore            *self,
                                                 const char         *sql,
                                                 GError            **error);
sqlite3_stmt     *es_store_statement_get_stmt   (EsStoreStatement   *statement);
void              es_store_statement_release    (EsStoreStatement   *statement);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EsStoreStatement, es_store_statement_release)

G_END_DECLS
