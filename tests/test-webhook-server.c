/* test-webhook-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real deliveries over loopback to an EsWebhookServer on an OS-chosen port, sent with a plain
 * SoupSession.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "es-crypto.h"
#include "es-webhook-server.h"

/* Intuit's published test vector: see ../shared/fixtures/quickbooks/README.md. */
#define QBO_VERIFIER_TOKEN "00faeec4-08d0-4996-bb37-698ae19f0149"
#define QBO_SIGNATURE      "6q+xGyMirJupwKTh2/WBl2NcdxzxqdIbk3sneKTxLWM="
#define ROUTE              "/webhooks/quickbooks"

typedef struct
{
  gboolean done;
  guint    status;
  GError  *error;
} Reply;

typedef struct
{
  EsWebhookServer   *server;
  SoupSession       *session;
  char              *tmpdir;

  guint              verified;
  guint              handled;
  GBytes            *handled_body;     /* (nullable) */
  char              *handled_signature;
  guint              rejected_status;
  char              *rejected_reason;  /* (nullable) */

  gboolean           defer;            /* the handler answers later, after storing */
  gboolean           drop;             /* the handler forgets its delivery */
  gboolean           hold;             /* the handler keeps its delivery for the test */
  EsWebhookDelivery *pending;          /* (nullable) */
  Reply             *sender;           /* (nullable): the sender waiting for @pending */
  GPtrArray         *events;           /* (element-type utf8): what happened, in order */
} Fixture;

static gboolean
on_guard (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

#define WAIT_FOR(cond) \
  G_STMT_START { \
    gboolean timed_out_ = FALSE; \
    guint guard_ = g_timeout_add_seconds (10, on_guard, &timed_out_); \
    while (!(cond) && !timed_out_) \
      g_main_context_iteration (NULL, TRUE); \
    if (timed_out_) \
      g_error ("Timed out waiting for %s", #cond); \
    g_source_remove (guard_); \
  } G_STMT_END

static gboolean
verify_intuit_signature (SoupMessageHeaders  *headers,
                         GBytes              *body,
                         gpointer             user_data,
                         GError             **error)
{
  Fixture *f = user_data;
  const char *signature = soup_message_headers_get_one (headers, "intuit-signature");
  g_autofree char *expected = NULL;
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (body, &size);

  f->verified++;
  expected = es_crypto_hmac_sha256_base64 (QBO_VERIFIER_TOKEN, data, size);
  if (!es_crypto_str_equal_constant_time (signature, expected))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           "The intuit-signature does not match the body");
      return FALSE;
    }

  return TRUE;
}

static gboolean
verify_anything (SoupMessageHeaders  *headers,
                 GBytes              *body,
                 gpointer             user_data,
                 GError             **error)
{
  Fixture *f = user_data;

  f->verified++;

  return TRUE;
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_task_propagate_boolean (G_TASK (result), &error));
  g_assert_no_error (error);
  g_ptr_array_add (f->events, g_strdup ("stored"));
  g_assert_nonnull (f->sender);
  g_assert_false (f->sender->done);

  es_webhook_delivery_respond (f->pending, SOUP_STATUS_OK);
  g_assert_true (es_webhook_delivery_get_responded (f->pending));
  g_clear_object (&f->pending);
}

/* Stands in for the inbox commit: a blocking write, so it runs on a worker thread. */
static void
store_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  GBytes *body = task_data;
  GError *error = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);

  if (!g_file_set_contents (path, data, size, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static guint
handle_delivery (EsWebhookServer   *server,
                 EsWebhookDelivery *delivery,
                 gpointer           user_data)
{
  Fixture *f = user_data;
  g_autoptr(GTask) task = NULL;
  SoupMessageHeaders *headers;

  f->handled++;
  g_clear_pointer (&f->handled_body, g_bytes_unref);
  f->handled_body = g_bytes_ref (es_webhook_delivery_get_body (delivery));
  g_free (f->handled_signature);
  headers = es_webhook_delivery_get_headers (delivery);
  f->handled_signature = g_strdup (soup_message_headers_get_one (headers, "intuit-signature"));
  g_assert_cmpstr (es_webhook_delivery_get_path (delivery), ==, ROUTE);
  g_assert_cmpstr (es_webhook_delivery_get_remote_address (delivery), ==, "127.0.0.1");
  g_assert_nonnull (es_webhook_delivery_get_received_at (delivery));
  g_ptr_array_add (f->events, g_strdup ("handled"));

  if (f->drop)
    return 0;

  if (f->hold)
    {
      f->pending = g_object_ref (delivery);
      return 0;
    }

  if (!f->defer)
    return SOUP_STATUS_OK;

  f->pending = g_object_ref (delivery);
  task = g_task_new (NULL, NULL, on_stored, f);
  g_object_set_data_full (G_OBJECT (task), "path",
                          g_build_filename (f->tmpdir, "event.json", NULL), g_free);
  g_task_set_task_data (task, g_bytes_ref (es_webhook_delivery_get_body (delivery)),
                        (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, store_in_thread);

  return 0;
}

static void
on_rejected (EsWebhookServer *server,
             const char      *path,
             guint            status,
             const GError    *error,
             gpointer         user_data)
{
  Fixture *f = user_data;

  f->rejected_status = status;
  g_free (f->rejected_reason);
  f->rejected_reason = error != NULL ? g_strdup (error->message) : NULL;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->tmpdir = g_dir_make_tmp ("es-webhook-XXXXXX", &error);
  g_assert_no_error (error);
  f->events = g_ptr_array_new_with_free_func (g_free);

  f->server = es_webhook_server_new ();
  es_webhook_server_add_route (f->server, ROUTE, verify_intuit_signature, handle_delivery, f, NULL);
  g_signal_connect (f->server, "request-rejected", G_CALLBACK (on_rejected), f);
  es_webhook_server_listen (f->server, NULL, 0, &error);
  g_assert_no_error (error);

  f->session = soup_session_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *event = g_build_filename (f->tmpdir, "event.json", NULL);

  g_clear_object (&f->pending);
  g_clear_object (&f->session);
  g_clear_object (&f->server);
  g_clear_pointer (&f->handled_body, g_bytes_unref);
  g_clear_pointer (&f->handled_signature, g_free);
  g_clear_pointer (&f->rejected_reason, g_free);
  g_clear_pointer (&f->events, g_ptr_array_unref);

  g_remove (event);
  g_assert_cmpint (g_rmdir (f->tmpdir), ==, 0);
  g_clear_pointer (&f->tmpdir, g_free);

  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reply *reply = user_data;
  g_autoptr(GBytes) body = NULL;
  SoupMessage *msg;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &reply->error);
  msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  reply->status = soup_message_get_status (msg);
  reply->done = TRUE;
}

static SoupMessage *
message_new (Fixture    *f,
             const char *method,
             const char *path)
{
  g_autofree char *uri = NULL;
  const char *base = es_webhook_server_get_uri (f->server);

  g_assert_nonnull (base);
  /* The base ends with a slash. */
  uri = g_strconcat (base, path + 1, NULL);

  return soup_message_new (method, uri);
}

static void
send_message (Fixture     *f,
              SoupMessage *msg,
              Reply       *reply)
{
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, reply);
}

static guint
post (Fixture    *f,
      const char *path,
      GBytes     *body,
      const char *signature)
{
  g_autoptr(SoupMessage) msg = message_new (f, "POST", path);
  Reply reply = { 0 };

  if (signature != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg),
                                  "intuit-signature", signature);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  send_message (f, msg, &reply);
  WAIT_FOR (reply.done);
  g_assert_no_error (reply.error);

  return reply.status;
}

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("ES_FIXTURES_DIR"), "quickbooks", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static void
test_delivery_raw_bytes (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GBytes) signed_body = load_fixture ("webhook_legacy_signed.json");
  /* Bytes a JSON parser would normalise or choke on: NUL, CRLF, invalid UTF-8, escapes. */
  static const char odd[] = "{\"a\":\"\\u00e9\\/\"}\r\n\x00\xff\xfe trailing ";
  g_autoptr(GBytes) odd_body = g_bytes_new_static (odd, sizeof odd - 1);

  g_assert_cmpuint (g_bytes_get_size (signed_body), ==, 264);
  g_assert_cmpuint (post (f, ROUTE, signed_body, QBO_SIGNATURE), ==, SOUP_STATUS_OK);
  g_assert_cmpuint (f->verified, ==, 1);
  g_assert_cmpuint (f->handled, ==, 1);
  g_assert_true (g_bytes_equal (f->handled_body, signed_body));
  g_assert_cmpstr (f->handled_signature, ==, QBO_SIGNATURE);

  /* Adding the path again replaces its verifier. */
  es_webhook_server_add_route (f->server, ROUTE, verify_anything, handle_delivery, f, NULL);
  g_assert_cmpuint (post (f, ROUTE, odd_body, NULL), ==, SOUP_STATUS_OK);
  g_assert_cmpuint (f->handled, ==, 2);
  g_assert_true (g_bytes_equal (f->handled_body, odd_body));
  g_assert_cmpuint (f->rejected_status, ==, 0);
}

static void
test_verifier_rejects (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) body = load_fixture ("webhook_legacy_signed.json");
  g_autoptr(GBytes) tampered = NULL;
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  /* Right signature, one byte changed. */
  text[g_bytes_get_size (body) - 3] = '1';
  tampered = g_bytes_new (text, strlen (text));

  g_assert_cmpuint (post (f, ROUTE, tampered, QBO_SIGNATURE), ==, SOUP_STATUS_UNAUTHORIZED);
  g_assert_cmpuint (f->verified, ==, 1);
  g_assert_cmpuint (f->handled, ==, 0);
  g_assert_cmpuint (f->rejected_status, ==, SOUP_STATUS_UNAUTHORIZED);
  g_assert_cmpstr (f->rejected_reason, ==, "The intuit-signature does not match the body");

  /* No signature at all. */
  g_assert_cmpuint (post (f, ROUTE, body, NULL), ==, SOUP_STATUS_UNAUTHORIZED);
  g_assert_cmpuint (f->verified, ==, 2);
  g_assert_cmpuint (f->handled, ==, 0);
}

static GBytes *
filled_bytes (gsize size)
{
  guint8 *data = g_malloc (size);

  memset (data, 'x', size);

  return g_bytes_new_take (data, size);
}

static void
test_oversize_content_length (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GBytes) at_limit = filled_bytes (1024);
  g_autoptr(GBytes) over = filled_bytes (1025);
  g_autoptr(GBytes) huge = filled_bytes (ES_WEBHOOK_SERVER_DEFAULT_MAX_BODY_SIZE + 1);

  g_assert_cmpuint (es_webhook_server_get_max_body_size (f->server), ==, 1024 * 1024);
  g_assert_cmpuint (post (f, ROUTE, huge, QBO_SIGNATURE), ==, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
  g_assert_cmpuint (f->verified, ==, 0);

  es_webhook_server_set_max_body_size (f->server, 1024);
  es_webhook_server_add_route (f->server, ROUTE, verify_anything, handle_delivery, f, NULL);

  g_assert_cmpuint (post (f, ROUTE, over, NULL), ==, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
  g_assert_cmpuint (f->rejected_status, ==, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
  g_assert_null (f->rejected_reason);
  g_assert_cmpuint (f->verified, ==, 0);
  g_assert_cmpuint (f->handled, ==, 0);

  g_assert_cmpuint (post (f, ROUTE, at_limit, NULL), ==, SOUP_STATUS_OK);
  g_assert_cmpuint (f->handled, ==, 1);
  g_assert_true (g_bytes_equal (f->handled_body, at_limit));
}

static guint
post_chunked (Fixture *f,
              GBytes  *body)
{
  g_autoptr(SoupMessage) msg = message_new (f, "POST", ROUTE);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (body);
  Reply reply = { 0 };

  /* No length given: libsoup sends the body chunked. */
  soup_message_set_request_body (msg, "application/json", stream, -1);
  send_message (f, msg, &reply);
  WAIT_FOR (reply.done);
  g_assert_no_error (reply.error);
  g_assert_cmpint (soup_message_headers_get_encoding (soup_message_get_request_headers (msg)), ==,
                   SOUP_ENCODING_CHUNKED);

  return reply.status;
}

static void
test_oversize_chunked (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) small = filled_bytes (1000);
  g_autoptr(GBytes) over = filled_bytes (64 * 1024);

  es_webhook_server_set_max_body_size (f->server, 1024);
  es_webhook_server_add_route (f->server, ROUTE, verify_anything, handle_delivery, f, NULL);

  g_assert_cmpuint (post_chunked (f, over), ==, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
  g_assert_cmpuint (f->rejected_status, ==, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
  g_assert_cmpuint (f->verified, ==, 0);
  g_assert_cmpuint (f->handled, ==, 0);

  g_assert_cmpuint (post_chunked (f, small), ==, SOUP_STATUS_OK);
  g_assert_cmpuint (f->handled, ==, 1);
  g_assert_true (g_bytes_equal (f->handled_body, small));
}

static void
test_unknown_path_and_method (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GBytes) body = load_fixture ("webhook_legacy_signed.json");
  g_autoptr(SoupMessage) get = message_new (f, "GET", ROUTE);
  Reply reply = { 0 };

  g_assert_cmpuint (post (f, "/webhooks/unknown", body, QBO_SIGNATURE), ==, SOUP_STATUS_NOT_FOUND);
  g_assert_cmpuint (f->rejected_status, ==, SOUP_STATUS_NOT_FOUND);
  g_assert_cmpuint (post (f, "/", body, QBO_SIGNATURE), ==, SOUP_STATUS_NOT_FOUND);
  /* A route is an exact path, not a prefix. */
  g_assert_cmpuint (post (f, ROUTE "/extra", body, QBO_SIGNATURE), ==, SOUP_STATUS_NOT_FOUND);

  send_message (f, get, &reply);
  WAIT_FOR (reply.done);
  g_assert_cmpuint (reply.status, ==, SOUP_STATUS_METHOD_NOT_ALLOWED);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (get), "Allow"),
                   ==, "POST");
  g_assert_cmpuint (f->rejected_status, ==, SOUP_STATUS_METHOD_NOT_ALLOWED);

  g_assert_true (es_webhook_server_remove_route (f->server, ROUTE));
  g_assert_false (es_webhook_server_remove_route (f->server, ROUTE));
  g_assert_cmpuint (post (f, ROUTE, body, QBO_SIGNATURE), ==, SOUP_STATUS_NOT_FOUND);

  g_assert_cmpuint (f->verified, ==, 0);
  g_assert_cmpuint (f->handled, ==, 0);
}

static void
test_listen_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(EsWebhookServer) other = es_webhook_server_new ();
  g_autoptr(GError) error = NULL;
  guint port = es_webhook_server_get_port (f->server);
  g_autofree char *expected_uri = g_strdup_printf ("http://127.0.0.1:%u/", port);

  g_assert_cmpuint (port, >, 0);
  g_assert_cmpstr (es_webhook_server_get_uri (f->server), ==, expected_uri);

  g_assert_false (es_webhook_server_listen (other, "127.0.0.1", port, &error));
  g_assert_error (error, ES_WEBHOOK_SERVER_ERROR, ES_WEBHOOK_SERVER_ERROR_ADDRESS_IN_USE);
  g_assert_nonnull (strstr (error->message, "already in use"));
  g_assert_null (es_webhook_server_get_uri (other));
  g_assert_cmpuint (es_webhook_server_get_port (other), ==, 0);
  g_clear_error (&error);

  g_assert_false (es_webhook_server_listen (other, "localhost-ish", 0, &error));
  g_assert_error (error, ES_WEBHOOK_SERVER_ERROR, ES_WEBHOOK_SERVER_ERROR_INVALID_ADDRESS);
  g_clear_error (&error);

  g_assert_false (es_webhook_server_listen (other, NULL, 70000, &error));
  g_assert_error (error, ES_WEBHOOK_SERVER_ERROR, ES_WEBHOOK_SERVER_ERROR_INVALID_ADDRESS);
  g_clear_error (&error);

  g_assert_false (es_webhook_server_listen (f->server, NULL, 0, &error));
  g_assert_error (error, ES_WEBHOOK_SERVER_ERROR, ES_WEBHOOK_SERVER_ERROR_LISTEN_FAILED);
  g_clear_error (&error);

  /* Once the first server stops, its port is free for the other. */
  es_webhook_server_stop (f->server);
  g_assert_null (es_webhook_server_get_uri (f->server));
  g_assert_true (es_webhook_server_listen (other, NULL, port, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (es_webhook_server_get_uri (other), ==, expected_uri);
}

static void
test_store_before_answer (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GBytes) body = load_fixture ("webhook_legacy_signed.json");
  g_autoptr(SoupMessage) msg = message_new (f, "POST", ROUTE);
  g_autofree char *stored_path = g_build_filename (f->tmpdir, "event.json", NULL);
  g_autofree char *stored = NULL;
  g_autoptr(GError) error = NULL;
  gsize stored_len = 0;
  Reply reply = { 0 };

  f->defer = TRUE;
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "intuit-signature", QBO_SIGNATURE);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  f->sender = &reply;
  send_message (f, msg, &reply);

  WAIT_FOR (f->events->len == 2);
  /* The store finished; only now may the sender hear back. */
  g_assert_cmpstr (g_ptr_array_index (f->events, 0), ==, "handled");
  g_assert_cmpstr (g_ptr_array_index (f->events, 1), ==, "stored");
  g_assert_false (reply.done);

  WAIT_FOR (reply.done);
  g_ptr_array_add (f->events, g_strdup ("answered"));
  g_assert_no_error (reply.error);
  g_assert_cmpuint (reply.status, ==, SOUP_STATUS_OK);
  g_assert_cmpuint (f->events->len, ==, 3);

  g_file_get_contents (stored_path, &stored, &stored_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (stored, stored_len, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
test_dropped_delivery (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GBytes) body = load_fixture ("webhook_legacy_signed.json");
  g_autoptr(SoupMessage) msg = message_new (f, "POST", ROUTE);
  g_autoptr(EsWebhookDelivery) delivery = NULL;
  Reply reply = { 0 };

  /* A handler that means to answer later but forgets the delivery. */
  f->drop = TRUE;
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "intuit-signature", QBO_SIGNATURE);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);

  g_test_expect_message ("es-webhook", G_LOG_LEVEL_WARNING, "*dropped without an answer*");
  send_message (f, msg, &reply);
  WAIT_FOR (reply.done);
  g_test_assert_expected_messages ();

  /* Dropped without an answer: 500, so the sender tries again later. */
  g_assert_cmpuint (reply.status, ==, SOUP_STATUS_INTERNAL_SERVER_ERROR);
  g_assert_cmpuint (f->handled, ==, 1);
}

static void
test_sender_gone (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) body = load_fixture ("webhook_legacy_signed.json");
  g_autoptr(SoupMessage) msg = message_new (f, "POST", ROUTE);
  Reply reply = { 0 };

  f->hold = TRUE;
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "intuit-signature", QBO_SIGNATURE);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  send_message (f, msg, &reply);
  WAIT_FOR (f->pending != NULL);

  /* The receiver shuts down while the event is being stored: the sender sees a failure and
   * will deliver again; the late answer goes nowhere, harmlessly. */
  es_webhook_server_stop (f->server);
  WAIT_FOR (reply.done);
  g_assert_nonnull (reply.error);
  g_clear_error (&reply.error);

  es_webhook_delivery_respond (f->pending, SOUP_STATUS_OK);
  g_assert_true (es_webhook_delivery_get_responded (f->pending));
  g_clear_object (&f->pending);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/webhook/server/delivery-raw-bytes", test_delivery_raw_bytes);
  ADD ("/webhook/server/verifier-rejects", test_verifier_rejects);
  ADD ("/webhook/server/oversize/content-length", test_oversize_content_length);
  ADD ("/webhook/server/oversize/chunked", test_oversize_chunked);
  ADD ("/webhook/server/unknown-path-and-method", test_unknown_path_and_method);
  ADD ("/webhook/server/listen-errors", test_listen_errors);
  ADD ("/webhook/server/store-before-answer", test_store_before_answer);
  ADD ("/webhook/server/dropped-delivery", test_dropped_delivery);
  ADD ("/webhook/server/sender-gone", test_sender_gone);
#undef ADD

  return g_test_run ();
}
