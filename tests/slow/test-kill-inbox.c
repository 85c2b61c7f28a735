/* test-kill-inbox.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Nothing lost", the hard way. The program runs itself again as a receiver: an EsStore and an
 * EsWebhookServer that answers 200 only once the delivery is committed to the inbox. The test
 * sends numbered deliveries over real HTTP, SIGKILLs the receiver at chosen moments (while it
 * opens the store, at a request's last byte, after some answers, after a delay), checks the
 * store after every kill, restarts the receiver on the same store and goes on. Whatever got a
 * 200 must be in the inbox exactly once; whatever had no answer is sent again and must still be
 * there once.
 */

#define G_LOG_DOMAIN "es-kill-inbox"

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "es-store-private.h"
#include "es-webhook-server.h"

#define RECEIVER_FLAG        "--receiver"
#define ROUTE                "/webhooks/woocommerce"
#define SYSTEM               "woocommerce"
#define TOPIC                "order.updated"
#define DELIVERY_ID_HEADER   "X-WC-Webhook-Delivery-ID"
#define TOPIC_HEADER         "X-WC-Webhook-Topic"

#define N_KILLS              60
#define N_CREATE_KILLS       32
#define MAX_CONCURRENCY      8
#define MAX_NOTE_LENGTH      4096
/* Now and then a body that spans many database pages */
#define MAX_LONG_NOTE_LENGTH (256 * 1024)
#define N_FINAL_REDELIVERIES 25
/* Every wait is for an event; this only turns a hang into a failure. */
#define WAIT_TIMEOUT_SECONDS 60

/* The receiver: the child process */

typedef struct
{
  GMainLoop       *loop;
  EsStore         *store;   /* (nullable) until opened */
  EsWebhookServer *server;  /* (nullable) */
  guint            stdin_watch;
  int              status;
} Receiver;

static void
receiver_quit (Receiver *self,
               int       status)
{
  if (self->status == 0)
    self->status = status;
  g_main_loop_quit (self->loop);
}

/* Signatures are test-webhook-server's business; the inbox needs the id and the topic. */
static gboolean
verify_has_ids (SoupMessageHeaders  *headers,
                GBytes              *body,
                gpointer             user_data,
                GError             **error)
{
  const char *id = soup_message_headers_get_one (headers, DELIVERY_ID_HEADER);
  const char *topic = soup_message_headers_get_one (headers, TOPIC_HEADER);

  if (id == NULL || *id == '\0' || topic == NULL || *topic == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "A delivery needs its id and topic headers");
      return FALSE;
    }

  return TRUE;
}

static void
on_inbox_event_added (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(EsWebhookDelivery) delivery = user_data;
  g_autoptr(GError) error = NULL;

  if (es_store_add_inbox_event_finish (ES_STORE (source), result, NULL, &error) <= 0)
    {
      /* The parent fails on any answer but 200; this line says why. */
      g_printerr ("receiver: could not store a delivery: %s\n", error->message);
      es_webhook_delivery_respond (delivery, SOUP_STATUS_INTERNAL_SERVER_ERROR);
      return;
    }

  /* Only now, with the event committed, may the sender learn that it arrived. */
  es_webhook_delivery_respond (delivery, SOUP_STATUS_OK);
}

static guint
handle_delivery (EsWebhookServer   *server,
                 EsWebhookDelivery *delivery,
                 gpointer           user_data)
{
  Receiver *self = user_data;
  SoupMessageHeaders *headers = es_webhook_delivery_get_headers (delivery);
  const char *delivery_id = soup_message_headers_get_one (headers, DELIVERY_ID_HEADER);
  const char *topic = soup_message_headers_get_one (headers, TOPIC_HEADER);
  g_autoptr(JsonObject) kept = json_object_new ();

  json_object_set_string_member (kept, DELIVERY_ID_HEADER, delivery_id);
  json_object_set_string_member (kept, TOPIC_HEADER, topic);

  /* The callback holds the delivery and answers it on this thread once the event is committed. */
  es_store_add_inbox_event_async (self->store, SYSTEM, topic, delivery_id, kept,
                                  es_webhook_delivery_get_body (delivery), NULL,
                                  on_inbox_event_added, g_object_ref (delivery));

  return 0;
}

static gboolean
on_receiver_stdin (int          fd,
                   GIOCondition condition,
                   gpointer     user_data)
{
  Receiver *self = user_data;
  char buffer[64];
  gssize n;

  do
    n = read (fd, buffer, sizeof buffer);
  while (n < 0 && errno == EINTR);

  if (n > 0)
    return G_SOURCE_CONTINUE;

  /* The parent closed the pipe, or died: never outlive it. */
  self->stdin_watch = 0;
  receiver_quit (self, 0);

  return G_SOURCE_REMOVE;
}

static void
on_receiver_store_opened (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  Receiver *self = user_data;
  g_autoptr(GError) error = NULL;

  self->store = es_store_open_finish (result, &error);
  if (self->store == NULL)
    {
      g_printerr ("receiver: cannot open the store: %s\n", error->message);
      receiver_quit (self, 1);
      return;
    }

  self->server = es_webhook_server_new ();
  es_webhook_server_add_route (self->server, ROUTE, verify_has_ids, handle_delivery, self, NULL);
  if (!es_webhook_server_listen (self->server, NULL, 0, &error))
    {
      g_printerr ("receiver: cannot listen: %s\n", error->message);
      receiver_quit (self, 1);
      return;
    }

  g_print ("listening %u\n", es_webhook_server_get_port (self->server));
  fflush (stdout);
}

static int
run_receiver (const char *data_dir)
{
  Receiver self = { 0 };

  /* A warning in the receiver is a bug: it ends the process with SIGTRAP, which the parent
   * tells apart from its own SIGKILL. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  self.loop = g_main_loop_new (NULL, FALSE);
  self.stdin_watch = g_unix_fd_add (STDIN_FILENO, G_IO_IN | G_IO_HUP | G_IO_ERR,
                                    on_receiver_stdin, &self);

  g_print ("opening\n");
  fflush (stdout);
  es_store_open_async (data_dir, NULL, on_receiver_store_opened, &self);

  g_main_loop_run (self.loop);

  g_clear_handle_id (&self.stdin_watch, g_source_remove);
  if (self.server != NULL)
    es_webhook_server_stop (self.server);
  g_clear_object (&self.server);
  g_clear_object (&self.store);
  g_main_loop_unref (self.loop);

  return self.status;
}

/* The sender: the test */

typedef enum
{
  KILL_AT_OPEN,        /* kill_after ms after the receiver says it opens the store */
  KILL_AFTER_ACKS,     /* at the round's kill_after-th 200, other requests in flight */
  KILL_ON_WROTE_BODY,  /* the moment the round's kill_after-th request is fully sent */
  KILL_AFTER_DELAY,    /* kill_after ms after the receiver listens */
  KILL_NEVER,          /* the last round: everything acknowledged, then a clean exit */
  N_KILL_MOMENTS
} KillMoment;

typedef struct
{
  guint     number;
  char     *id;
  GBytes   *body;
  gboolean  acked;      /* a 200 came back at least once */
  gboolean  in_flight;
  gboolean  queued;     /* waiting to be sent again */
  gboolean  in_inbox;   /* seen in the inbox by a check after a kill */
} Delivery;

typedef struct
{
  char             *tmpdir;
  char             *data_dir;
  char             *self_path;
  guint32           seed;
  GRand            *rand;
  SoupSession      *session;
  GPtrArray        *deliveries;  /* (element-type Delivery) (owned) */
  GHashTable       *by_id;       /* (element-type utf8 Delivery): into @deliveries */
  GQueue            resend;      /* (element-type Delivery): into @deliveries */

  /* The current round */
  guint             round;
  KillMoment        moment;
  guint             kill_after;
  guint             concurrency;
  GSubprocess      *child;
  GDataInputStream *child_stdout;
  char             *uri;         /* (nullable): set once the receiver listens */
  gboolean          stdout_closed;
  gboolean          child_exited;
  gboolean          killed;
  gboolean          stopping;
  guint             kill_timer;
  guint             in_flight;
  guint             round_sent;
  guint             round_acks;

  /* For the checks and the report */
  guint             n_rounds[N_KILL_MOMENTS];
  guint             n_sent;
  guint             n_new;
  guint             n_resent;
  guint             n_redelivered;
  guint             n_acks;
  guint             n_acked;
  guint             n_unanswered;
  guint             n_unanswered_alive;
  guint             n_abandoned;
  guint             n_kills;
  guint             n_kills_at_open;
  guint             n_kills_in_flight;
  guint             n_kills_on_wrote_body;
  guint             n_committed_unacked;
  guint             n_found_absent;
  guint             n_found_unmigrated;
} Fixture;

typedef struct
{
  Fixture      *fixture;
  Delivery     *delivery;
  SoupMessage  *message;      /* (owned) */
  GCancellable *cancellable;  /* (owned) (nullable): set when the sender gives up early */
} Send;

static gboolean
on_guard (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

#define WAIT_FOR(f, cond) \
  G_STMT_START { \
    gboolean timed_out_ = FALSE; \
    guint guard_ = g_timeout_add_seconds (WAIT_TIMEOUT_SECONDS, on_guard, &timed_out_); \
    while (!(cond) && !timed_out_) \
      g_main_context_iteration (NULL, TRUE); \
    if (timed_out_) \
      g_error ("Round %u (seed %u): timed out waiting for %s", (f)->round, (f)->seed, #cond); \
    g_source_remove (guard_); \
  } G_STMT_END

static void
delivery_free (gpointer data)
{
  Delivery *delivery = data;

  g_free (delivery->id);
  g_bytes_unref (delivery->body);
  g_free (delivery);
}

static Delivery *
delivery_new (Fixture *f)
{
  Delivery *delivery = g_new0 (Delivery, 1);
  GString *body = g_string_new (NULL);
  guint length;

  if (g_rand_int_range (f->rand, 0, 8) == 0)
    length = g_rand_int_range (f->rand, MAX_NOTE_LENGTH, MAX_LONG_NOTE_LENGTH);
  else
    length = g_rand_int_range (f->rand, 0, MAX_NOTE_LENGTH);

  delivery->number = f->deliveries->len + 1;
  delivery->id = g_strdup_printf ("kill-inbox-%06u", delivery->number);
  /* Sizes vary so that a kill can land in the middle of a body, or of a chain of pages. */
  g_string_append_printf (body, "{\"id\":%u,\"status\":\"processing\",\"note\":\"",
                          delivery->number);
  for (guint i = 0; i < length; i++)
    g_string_append_c (body, (char) ('a' + g_rand_int_range (f->rand, 0, 26)));
  g_string_append (body, "\"}");
  delivery->body = g_string_free_to_bytes (body);

  g_ptr_array_add (f->deliveries, delivery);
  g_hash_table_insert (f->by_id, delivery->id, delivery);

  return delivery;
}

static void
queue_resend (Fixture  *f,
              Delivery *delivery)
{
  if (delivery->queued)
    return;

  delivery->queued = TRUE;
  g_queue_push_tail (&f->resend, delivery);
}

static char *
describe_exit (GSubprocess *child)
{
  if (g_subprocess_get_if_signaled (child))
    return g_strdup_printf ("signal %d", g_subprocess_get_term_sig (child));

  return g_strdup_printf ("exit status %d", g_subprocess_get_exit_status (child));
}

static void
kill_child (Fixture *f)
{
  if (f->killed)
    return;

  f->killed = TRUE;
  f->n_kills++;
  if (f->uri == NULL)
    f->n_kills_at_open++;
  if (f->in_flight > 0)
    f->n_kills_in_flight++;
  g_clear_handle_id (&f->kill_timer, g_source_remove);

  g_subprocess_force_exit (f->child);
}

static gboolean
on_kill_timer (gpointer user_data)
{
  Fixture *f = user_data;

  f->kill_timer = 0;
  kill_child (f);

  return G_SOURCE_REMOVE;
}

static void
on_wrote_body (SoupMessage *message,
               gpointer     user_data)
{
  Fixture *f = user_data;

  if (!f->killed)
    f->n_kills_on_wrote_body++;
  kill_child (f);
}

static gboolean
on_abandon_idle (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));

  return G_SOURCE_REMOVE;
}

/* The sender hangs up once its body is out, while the receiver commits: as from the main loop,
 * not from inside libsoup's write. */
static void
on_wrote_body_abandon (SoupMessage *message,
                       gpointer     user_data)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, on_abandon_idle, g_object_ref (user_data), g_object_unref);
}

static Delivery *
next_delivery (Fixture *f)
{
  Delivery *delivery;

  while ((delivery = g_queue_pop_head (&f->resend)) != NULL)
    {
      delivery->queued = FALSE;
      if (delivery->in_flight)
        continue;

      if (delivery->acked)
        f->n_redelivered++;
      else
        f->n_resent++;

      return delivery;
    }

  if (f->moment == KILL_NEVER)
    return NULL;

  /* Now and then a sender redelivers what was already acknowledged. */
  if (f->deliveries->len > 0 && g_rand_int_range (f->rand, 0, 10) == 0)
    {
      delivery = g_ptr_array_index (f->deliveries,
                                    g_rand_int_range (f->rand, 0, f->deliveries->len));
      if (delivery->acked && !delivery->in_flight)
        {
          f->n_redelivered++;
          return delivery;
        }
    }

  f->n_new++;

  return delivery_new (f);
}

static void pump (Fixture *f);

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Send *send = user_data;
  Fixture *f = send->fixture;
  Delivery *delivery = send->delivery;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  reply = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  status = soup_message_get_status (send->message);
  g_object_unref (send->message);
  g_clear_object (&send->cancellable);
  g_free (send);

  g_assert_cmpuint (f->in_flight, >, 0);
  f->in_flight--;
  delivery->in_flight = FALSE;

  if (reply == NULL)
    {
      /* The connection died with the receiver: the event may or may not be in the inbox, so
       * the sender sends it again, and the inbox must keep one copy. */
      f->n_unanswered++;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        f->n_abandoned++;
      else if (!f->killed)
        {
          f->n_unanswered_alive++;
          g_test_message ("%s had no answer from a live receiver: %s", delivery->id,
                          error->message);
        }
      if (!delivery->acked)
        queue_resend (f, delivery);
    }
  else if (status == SOUP_STATUS_OK)
    {
      f->n_acks++;
      f->round_acks++;
      if (!delivery->acked)
        {
          delivery->acked = TRUE;
          f->n_acked++;
        }
      if (f->moment == KILL_AFTER_ACKS && f->round_acks == f->kill_after)
        kill_child (f);
    }
  else
    {
      g_error ("Round %u (seed %u): the receiver answered %u to %s", f->round, f->seed, status,
               delivery->id);
    }

  pump (f);
}

static void
send_delivery (Fixture  *f,
               Delivery *delivery)
{
  g_autofree char *uri = g_strconcat (f->uri, ROUTE, NULL);
  SoupMessageHeaders *headers;
  Send *send;

  send = g_new0 (Send, 1);
  send->fixture = f;
  send->delivery = delivery;
  send->message = soup_message_new (SOUP_METHOD_POST, uri);
  g_assert_nonnull (send->message);
  headers = soup_message_get_request_headers (send->message);
  soup_message_headers_replace (headers, DELIVERY_ID_HEADER, delivery->id);
  soup_message_headers_replace (headers, TOPIC_HEADER, TOPIC);
  soup_message_set_request_body_from_bytes (send->message, "application/json", delivery->body);

  delivery->in_flight = TRUE;
  f->in_flight++;
  f->n_sent++;
  f->round_sent++;
  if (f->moment == KILL_ON_WROTE_BODY && f->round_sent == f->kill_after)
    g_signal_connect (send->message, "wrote-body", G_CALLBACK (on_wrote_body), f);
  if (f->moment != KILL_NEVER && g_rand_int_range (f->rand, 0, 12) == 0)
    {
      send->cancellable = g_cancellable_new ();
      g_signal_connect_object (send->message, "wrote-body", G_CALLBACK (on_wrote_body_abandon),
                               send->cancellable, 0);
    }

  soup_session_send_and_read_async (f->session, send->message, G_PRIORITY_DEFAULT,
                                    send->cancellable, on_sent, send);
}

static void
pump (Fixture *f)
{
  while (f->uri != NULL && !f->killed && f->in_flight < f->concurrency)
    {
      Delivery *delivery = next_delivery (f);

      if (delivery == NULL)
        return;

      send_delivery (f, delivery);
    }
}

static void read_next_line (Fixture *f);

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *f = user_data;
  g_autofree char *line = NULL;
  guint64 port = 0;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL,
                                                    NULL);
  if (line == NULL)
    {
      /* End of file (or a broken pipe): the receiver is gone. */
      f->stdout_closed = TRUE;
      return;
    }

  if (g_str_equal (line, "opening"))
    {
      if (f->moment == KILL_AT_OPEN && f->kill_after == 0)
        kill_child (f);
      else if (f->moment == KILL_AT_OPEN)
        f->kill_timer = g_timeout_add (f->kill_after, on_kill_timer, f);
    }
  else if (g_str_has_prefix (line, "listening ")
           && g_ascii_string_to_unsigned (line + strlen ("listening "), 10, 1, G_MAXUINT16,
                                          &port, NULL))
    {
      f->uri = g_strdup_printf ("http://127.0.0.1:%" G_GUINT64_FORMAT, port);
      if (f->moment == KILL_AFTER_DELAY)
        f->kill_timer = g_timeout_add (f->kill_after, on_kill_timer, f);
      pump (f);
    }
  else
    g_error ("Round %u: the receiver wrote “%s”", f->round, line);

  read_next_line (f);
}

static void
read_next_line (Fixture *f)
{
  g_data_input_stream_read_line_async (f->child_stdout, G_PRIORITY_DEFAULT, NULL, on_line, f);
}

static void
on_child_exited (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fixture *f = user_data;
  GSubprocess *child = G_SUBPROCESS (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *how = NULL;

  g_subprocess_wait_finish (child, result, &error);
  g_assert_no_error (error);
  f->child_exited = TRUE;
  how = describe_exit (child);

  if (f->killed)
    {
      if (!g_subprocess_get_if_signaled (child) || g_subprocess_get_term_sig (child) != SIGKILL)
        g_error ("Round %u (seed %u): the receiver died of %s before the kill", f->round,
                 f->seed, how);
    }
  else if (f->stopping)
    {
      if (!g_subprocess_get_if_exited (child) || g_subprocess_get_exit_status (child) != 0)
        g_error ("Round %u (seed %u): the receiver stopped with %s", f->round, f->seed, how);
    }
  else
    g_error ("Round %u (seed %u): the receiver ended by itself with %s", f->round, f->seed, how);
}

static void
run_round (Fixture *f)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;

  f->n_rounds[f->moment]++;
  f->stdout_closed = FALSE;
  f->child_exited = FALSE;
  f->killed = FALSE;
  f->stopping = FALSE;
  f->round_sent = 0;
  f->round_acks = 0;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  f->child = g_subprocess_launcher_spawn (launcher, &error, f->self_path, RECEIVER_FLAG,
                                          f->data_dir, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (f->child, NULL, on_child_exited, f);
  f->child_stdout = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->child));
  read_next_line (f);

  if (f->moment == KILL_NEVER)
    {
      WAIT_FOR (f, f->uri != NULL && g_queue_is_empty (&f->resend) && f->in_flight == 0);
      /* Closing its stdin asks the receiver to stop cleanly. */
      f->stopping = TRUE;
      g_output_stream_close (g_subprocess_get_stdin_pipe (f->child), NULL, &error);
      g_assert_no_error (error);
    }

  WAIT_FOR (f, f->child_exited && f->stdout_closed && f->in_flight == 0);
  g_assert_true (f->killed == (f->moment != KILL_NEVER));
  g_assert_cmpuint (f->kill_timer, ==, 0);

  g_clear_object (&f->child_stdout);
  g_clear_object (&f->child);
  g_clear_pointer (&f->uri, g_free);
}

static gint64
raw_query_int (sqlite3    *db,
               const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* Looks at the file as the kill left it, before EsStore gets a chance to migrate it. */
static void
check_schema_as_left (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->data_dir, "store.db", NULL);
  sqlite3 *db = NULL;
  gint64 version;
  gint64 n_tables;
  gint64 n_inbox;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      f->n_found_absent++;
      return;
    }

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  /* Leave a write-ahead log where it is, so that EsStore meets the file as the kill left it. */
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), ==,
                   SQLITE_OK);
  version = raw_query_int (db, "PRAGMA user_version");
  n_tables = raw_query_int (db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'");
  n_inbox = raw_query_int (db, "SELECT count(*) FROM sqlite_master"
                               " WHERE type = 'table' AND name = 'inbox'");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  /* Each migration commits with its user_version: a kill leaves all of it or none of it. */
  if (version == 0)
    {
      g_assert_cmpint (n_tables, ==, 0);
      f->n_found_unmigrated++;
    }
  else
    {
      g_assert_cmpint (version, ==, es_store_get_latest_schema_version ());
      g_assert_cmpint (n_inbox, ==, 1);
    }
}

static void
check_store (Fixture  *f,
             gboolean  final)
{
  g_autoptr(EsStore) store = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_rows = 0;
  int rc;

  check_schema_as_left (f);

  store = es_store_open (f->data_dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (es_store_get_schema_version (store), ==,
                   es_store_get_latest_schema_version ());

  g_assert_true (es_store_begin (store, ES_STORE_TRANSACTION_READ, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_prepare_v2 (es_store_get_db (store), "PRAGMA integrity_check", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  integrity = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_assert_cmpstr (integrity, ==, "ok");

  g_assert_cmpint (sqlite3_prepare_v2 (es_store_get_db (store),
                                       "SELECT system, topic, delivery_id, body, headers"
                                       " FROM inbox ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *delivery_id = (const char *) sqlite3_column_text (stmt, 2);
      const char *headers = (const char *) sqlite3_column_text (stmt, 4);
      Delivery *delivery = g_hash_table_lookup (f->by_id, delivery_id);

      if (delivery == NULL)
        g_error ("Round %u (seed %u): the inbox holds “%s”, which was never sent", f->round,
                 f->seed, delivery_id);
      if (!g_hash_table_add (seen, delivery))
        g_error ("Round %u (seed %u): %s is in the inbox twice", f->round, f->seed,
                 delivery_id);

      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, SYSTEM);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, TOPIC);
      g_assert_nonnull (strstr (headers, delivery_id));
      g_assert_cmpmem (sqlite3_column_blob (stmt, 3), sqlite3_column_bytes (stmt, 3),
                       g_bytes_get_data (delivery->body, NULL), g_bytes_get_size (delivery->body));

      if (!delivery->in_inbox)
        {
          delivery->in_inbox = TRUE;
          if (!delivery->acked)
            f->n_committed_unacked++;
        }
      n_rows++;
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  g_clear_pointer (&stmt, sqlite3_finalize);

  g_assert_true (es_store_commit (store, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < f->deliveries->len; i++)
    {
      Delivery *delivery = g_ptr_array_index (f->deliveries, i);

      if ((delivery->acked || delivery->in_inbox) && !g_hash_table_contains (seen, delivery))
        g_error ("Round %u (seed %u): %s was %s but is not in the inbox after the kill",
                 f->round, f->seed, delivery->id,
                 delivery->acked ? "acknowledged with 200" : "in the inbox before");
    }

  g_assert_cmpint (es_store_count_pending_inbox (store, NULL, &error), ==, n_rows);
  g_assert_no_error (error);

  if (final)
    {
      g_assert_cmpuint (f->n_acked, ==, f->deliveries->len);
      g_assert_cmpuint (n_rows, ==, f->deliveries->len);
    }
}

static void
choose_moment (Fixture *f)
{
  /* The first rounds stop the receiver while it creates and migrates the store. */
  if (f->round < 2 || f->round % 7 == 3)
    {
      f->moment = KILL_AT_OPEN;
      f->kill_after = g_rand_int_range (f->rand, 0, 25);
    }
  else if (f->round % 3 == 0)
    {
      f->moment = KILL_AFTER_ACKS;
      f->kill_after = g_rand_int_range (f->rand, 1, 41);
    }
  else if (f->round % 3 == 1)
    {
      f->moment = KILL_ON_WROTE_BODY;
      f->kill_after = g_rand_int_range (f->rand, 1, 41);
    }
  else
    {
      f->moment = KILL_AFTER_DELAY;
      f->kill_after = g_rand_int_range (f->rand, 1, 81);
    }

  f->concurrency = g_rand_int_range (f->rand, 1, MAX_CONCURRENCY + 1);
}

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
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *seed = g_getenv ("ES_TEST_SEED");

  f->tmpdir = g_dir_make_tmp ("es-kill-inbox-XXXXXX", &error);
  g_assert_no_error (error);
  /* Not created yet: the first receiver creates it, and may be killed doing so. */
  f->data_dir = g_build_filename (f->tmpdir, "data", NULL);
  f->self_path = g_file_read_link ("/proc/self/exe", &error);
  g_assert_no_error (error);

  f->seed = seed != NULL ? (guint32) g_ascii_strtoull (seed, NULL, 10) : g_random_int ();
  f->rand = g_rand_new_with_seed (f->seed);
  g_test_message ("seed %u (ES_TEST_SEED=%u repeats this kill schedule)", f->seed, f->seed);

  f->session = soup_session_new_with_options ("max-conns", 2 * MAX_CONCURRENCY,
                                              "max-conns-per-host", MAX_CONCURRENCY,
                                              NULL);
  f->deliveries = g_ptr_array_new_with_free_func (delivery_free);
  f->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&f->resend);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_null (f->child);
  g_queue_clear (&f->resend);
  g_clear_pointer (&f->by_id, g_hash_table_unref);
  g_clear_pointer (&f->deliveries, g_ptr_array_unref);
  g_clear_object (&f->session);
  g_clear_pointer (&f->rand, g_rand_free);

  while (g_main_context_iteration (NULL, FALSE))
    ;

  remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  g_free (f->data_dir);
  g_free (f->self_path);
}

static void
test_kill_and_resume (Fixture       *f,
                      gconstpointer  data)
{
  for (f->round = 0; f->round < N_KILLS; f->round++)
    {
      choose_moment (f);
      run_round (f);
      check_store (f, FALSE);
    }

  /* A last receiver that lives: it takes every delivery still without an answer, and some
   * that earlier receivers acknowledged, as senders redeliver. */
  f->moment = KILL_NEVER;
  f->concurrency = MAX_CONCURRENCY;
  for (guint i = 0; i < N_FINAL_REDELIVERIES && f->deliveries->len > 0; i++)
    {
      Delivery *delivery = g_ptr_array_index (f->deliveries,
                                              g_rand_int_range (f->rand, 0, f->deliveries->len));

      if (delivery->acked)
        queue_resend (f, delivery);
    }
  run_round (f);
  check_store (f, TRUE);

  g_test_message ("sent %u requests: %u new deliveries, %u re-sent after no answer, "
                  "%u redeliveries of acknowledged ones",
                  f->n_sent, f->n_new, f->n_resent, f->n_redelivered);
  g_test_message ("acknowledged %u of %u deliveries (%u answers 200); %u requests had no answer "
                  "(%u abandoned by the sender, %u from a live receiver)",
                  f->n_acked, f->deliveries->len, f->n_acks, f->n_unanswered, f->n_abandoned,
                  f->n_unanswered_alive);
  g_test_message ("kills %u: %u while opening the store, %u with requests in flight, "
                  "%u at a request's last byte",
                  f->n_kills, f->n_kills_at_open, f->n_kills_in_flight, f->n_kills_on_wrote_body);
  g_test_message ("committed but not acknowledged when killed: %u (each sent again, stored once)",
                  f->n_committed_unacked);
  g_test_message ("after a kill the store was absent %u times and not yet migrated %u times",
                  f->n_found_absent, f->n_found_unmigrated);

  g_assert_cmpuint (f->n_kills, ==, N_KILLS);
  g_assert_cmpuint (f->n_kills_on_wrote_body, ==, f->n_rounds[KILL_ON_WROTE_BODY]);
  g_assert_cmpuint (f->n_kills_in_flight, >=, f->n_kills_on_wrote_body);
  g_assert_cmpuint (f->n_rounds[KILL_NEVER], ==, 1);
  g_assert_cmpuint (f->n_acked, >, 0);
  g_assert_cmpuint (f->n_sent, ==, f->n_new + f->n_resent + f->n_redelivered);
}

/* Every receiver opens a store that does not exist yet and is killed a little later each time,
 * so that kills land before, inside and after the first migration. */
static void
test_kill_while_creating (Fixture       *f,
                          gconstpointer  data)
{
  guint n_migrated;

  f->concurrency = 0;
  for (f->round = 0; f->round < N_CREATE_KILLS; f->round++)
    {
      g_free (f->data_dir);
      f->data_dir = g_strdup_printf ("%s/create-%02u", f->tmpdir, f->round);
      f->moment = KILL_AT_OPEN;
      f->kill_after = f->round / 4;
      run_round (f);
      check_store (f, FALSE);
    }

  n_migrated = N_CREATE_KILLS - f->n_found_absent - f->n_found_unmigrated;
  g_test_message ("kills %u, %u of them before the receiver listened; the store was then absent "
                  "%u times, not yet migrated %u times, migrated %u times",
                  f->n_kills, f->n_kills_at_open, f->n_found_absent, f->n_found_unmigrated,
                  n_migrated);

  g_assert_cmpuint (f->n_kills, ==, N_CREATE_KILLS);
  g_assert_cmpuint (f->n_sent, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], RECEIVER_FLAG))
    return run_receiver (argv[2]);

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/open/kill-while-creating", Fixture, NULL,
              fixture_set_up, test_kill_while_creating, fixture_tear_down);
  g_test_add ("/store/inbox/kill-and-resume", Fixture, NULL,
              fixture_set_up, test_kill_and_resume, fixture_tear_down);

  return g_test_run ();
}
