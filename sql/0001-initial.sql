-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The first schema of the canonical store. Applied in one transaction together with
-- PRAGMA user_version = 1 (see src/store/es-store.c); never edit a released migration,
-- add sql/NNNN-name.sql instead. Times are UTC text in one fixed-width form
-- (YYYY-MM-DDTHH:MM:SS.ffffffZ) so that text order is time order.

-- One row per canonical document: the current version of an order, customer or product as it
-- came from its source system. `version` grows only when `content_hash` (SHA-256 of the
-- canonical JSON) changes, so re-reading an unchanged record does not make new work.
CREATE TABLE records (
  id            INTEGER PRIMARY KEY,
  kind          TEXT    NOT NULL CHECK (kind IN ('order', 'customer', 'product')),
  source_system TEXT    NOT NULL CHECK (source_system <> ''),
  source_id     TEXT    NOT NULL CHECK (source_id <> ''),
  version       INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  content_hash  TEXT    NOT NULL,
  document      TEXT    NOT NULL CHECK (json_valid (document)),
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL
);
-- Serves lookups by source id, listing by system and counting per system and kind.
CREATE UNIQUE INDEX records_source_idx ON records (source_system, kind, source_id);
CREATE INDEX records_kind_idx ON records (kind, updated_at);
CREATE INDEX records_updated_idx ON records (updated_at);

-- Which object in a target system stands for a source object. `target_version` is what the
-- target needs to accept the next update (QuickBooks' SyncToken).
CREATE TABLE id_mappings (
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind <> ''),
  source_system  TEXT NOT NULL CHECK (source_system <> ''),
  source_id      TEXT NOT NULL CHECK (source_id <> ''),
  target_system  TEXT NOT NULL CHECK (target_system <> ''),
  target_id      TEXT NOT NULL CHECK (target_id <> ''),
  target_version TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX id_mappings_source_idx
  ON id_mappings (kind, source_system, source_id, target_system);
CREATE UNIQUE INDEX id_mappings_target_idx
  ON id_mappings (kind, target_system, target_id, source_system);

-- Where each incremental pull or Change Data Capture poll resumes.
CREATE TABLE cursors (
  system     TEXT NOT NULL CHECK (system <> ''),
  stream     TEXT NOT NULL CHECK (stream <> ''),
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (system, stream)
) WITHOUT ROWID;

-- Raw events exactly as received, committed before the sender is acknowledged. The unique
-- delivery id makes a redelivered webhook a no-op instead of a second event.
CREATE TABLE inbox (
  id           INTEGER PRIMARY KEY,
  system       TEXT NOT NULL CHECK (system <> ''),
  topic        TEXT NOT NULL CHECK (topic <> ''),
  delivery_id  TEXT NOT NULL CHECK (delivery_id <> ''),
  headers      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid (headers)),
  body         BLOB NOT NULL,
  received_at  TEXT NOT NULL,
  processed_at TEXT,
  error        TEXT
);
CREATE UNIQUE INDEX inbox_delivery_idx ON inbox (system, delivery_id);
CREATE INDEX inbox_unprocessed_idx ON inbox (received_at) WHERE processed_at IS NULL;

-- The outbox: one row per record version and flow (a flow has one target). `request_id` is
-- generated once and reused on every attempt, so a retry is recognised by the target.
CREATE TABLE jobs (
  id              INTEGER PRIMARY KEY,
  flow            TEXT    NOT NULL CHECK (flow <> ''),
  record_id       INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
  record_version  INTEGER NOT NULL CHECK (record_version >= 1),
  state           TEXT    NOT NULL DEFAULT 'queued'
                          CHECK (state IN ('queued', 'running', 'done', 'failed', 'dead')),
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at TEXT    NOT NULL,
  request_id      TEXT    NOT NULL UNIQUE,
  last_error      TEXT,
  created_at      TEXT    NOT NULL,
  updated_at      TEXT    NOT NULL
);
CREATE UNIQUE INDEX jobs_record_idx ON jobs (flow, record_id, record_version);
-- The engine's query: due jobs in a state, oldest first; also the queue depth per state.
CREATE INDEX jobs_state_idx ON jobs (state, next_attempt_at);
CREATE INDEX jobs_record_id_idx ON jobs (record_id);

-- One row per run of a flow, dry or real.
CREATE TABLE runs (
  id          INTEGER PRIMARY KEY,
  flow        TEXT    NOT NULL CHECK (flow <> ''),
  started_at  TEXT    NOT NULL,
  finished_at TEXT,
  state       TEXT    NOT NULL DEFAULT 'running'
                      CHECK (state IN ('running', 'waiting', 'succeeded', 'failed', 'cancelled')),
  dry_run     INTEGER NOT NULL DEFAULT 0 CHECK (dry_run IN (0, 1)),
  n_created   INTEGER NOT NULL DEFAULT 0,
  n_updated   INTEGER NOT NULL DEFAULT 0,
  n_skipped   INTEGER NOT NULL DEFAULT 0,
  n_deleted   INTEGER NOT NULL DEFAULT 0,
  n_failed    INTEGER NOT NULL DEFAULT 0,
  error       TEXT
);
CREATE INDEX runs_started_idx ON runs (started_at);

-- What each run did to each object, for the dashboard and `log`.
CREATE TABLE sync_log (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER REFERENCES runs (id) ON DELETE CASCADE,
  logged_at   TEXT    NOT NULL,
  flow        TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  source_id   TEXT,
  target_id   TEXT,
  action      TEXT    NOT NULL,
  result      TEXT    NOT NULL,
  duration_ms INTEGER CHECK (duration_ms IS NULL OR duration_ms >= 0),
  error       TEXT
);
CREATE INDEX sync_log_run_idx ON sync_log (run_id, id);
CREATE INDEX sync_log_time_idx ON sync_log (logged_at);

-- The user's copies of the field mappings (the defaults ship in data/mappings/).
CREATE TABLE mappings (
  target     TEXT NOT NULL CHECK (target <> ''),
  name       TEXT NOT NULL CHECK (name <> ''),
  document   TEXT NOT NULL CHECK (json_valid (document)),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (target, name)
) WITHOUT ROWID;

-- What is connected, for `status` and the Integrations page. Never a secret: tokens and keys
-- live in the Secret Service, keyed by (system, account).
CREATE TABLE connections (
  system       TEXT NOT NULL CHECK (system <> ''),
  account      TEXT NOT NULL CHECK (account <> ''),
  display_name TEXT,
  base_url     TEXT,
  state        TEXT NOT NULL
               CHECK (state IN ('connected', 'needs-reconnect', 'error', 'disconnected')),
  connected_at TEXT,
  last_error   TEXT,
  updated_at   TEXT NOT NULL,
  PRIMARY KEY (system, account)
) WITHOUT ROWID;
