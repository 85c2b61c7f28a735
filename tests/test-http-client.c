/* test-http-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives EsHttpClient against a real SoupServer on 127.0.0.1 that follows a script of replies
 * per test (statuses, Retry-After, dropped connections, held requests). Assertions are on
 * request counts, ordering and the waits the client chose, never on wall-clock time.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "es-http-client.h"
#include "es-rate-limiter.h"

/* ------------------------------------------------------------------------------------------ */
/* A scripted server                                                                            */
/* ------------------------------------------------------------------------------------------ */

typedef enum
{
  REPLY_RESPOND,
  REPLY_ECHO,     /* 200 with a JSON description of the request */
  REPLY_DROP,     /* headers and half a body, then the socket is closed */
  REPLY_HOLD,     /* paused until the test releases it */
} ReplyAction;

typedef struct
{
  ReplyAction  action;
  guint        status;
  const char  *retry_after;   /* (nullable) */
  const char  *content_type;  /* (nullable): application/json */
  const char  *body;          /* (nullable) */
} Reply;

typedef struct
{
  guint  attempt;
  guint  status;
  guint  delay_ms;
  gint64 retry_after_ms;
} Retry;

typedef struct
{
  SoupServer    *server;
  char          *base;            /* http://127.0.0.1:PORT */
  char          *key;             /* 127.0.0.1:PORT, the default limit key */
  EsHttpClient  *client;

  const Reply   *script;          /* replies in order; the last one repeats */
  gsize          n_script;
  guint          next_reply;
  char          *required_auth;   /* (nullable): anything else gets a 401 */

  GPtrArray     *requests;        /* (element-type utf8): "METHOD /path" in arrival order */
  GQueue         held;            /* (element-type SoupServerMessage) (owned) */
  guint          held_max;

  GArray        *retries;         /* (element-type Retry) */
  GPtrArray     *log_lines;       /* (element-type utf8): request-logged and g_log output */
  GCancellable  *cancel_on_retry; /* (nullable) */

  guint          completions;
} Fixture;

typedef struct
{
  Fixture        *f;
  gboolean        done;
  guint           order;          /* 1 for the first request to complete */
  EsHttpResponse *response;
  JsonNode       *node;
  GError         *error;
} Result;

static void
result_clear (Result *r)
{
  g_clear_object (&r->response);
  g_clear_pointer (&r->node, json_node_unref);
  g_clear_error (&r->error);
}

static const Reply *
next_reply (Fixture *f)
{
  gsize index;

  g_assert_nonnull (f->script);
  g_assert_cmpuint (f->n_script, >, 0);

  index = MIN (f->next_reply, f->n_script - 1);
  f->next_reply++;

  return &f->script[index];
}

static void
respond_echo (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request_body);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, soup_server_message_get_method (msg));
  json_builder_set_member_name (builder, "content_type");
  json_builder_add_string_value (builder, soup_message_headers_get_one (headers, "Content-Type"));
  json_builder_set_member_name (builder, "accept");
  json_builder_add_string_value (builder, soup_message_headers_get_one (headers, "Accept"));
  json_builder_set_member_name (builder, "body");
  if (size > 0 && json_parser_load_from_data (parser, data, size, NULL))
    json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, text, strlen (text));
}

static void
drop_connection (SoupServerMessage *msg)
{
  static const char partial[] =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 64\r\n\r\n{\"trunc";
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  /* msg may be gone now; only the stream is ours. */
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), partial, sizeof partial - 1,
                             NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  const char *auth = soup_message_headers_get_one (request_headers, "Authorization");
  const Reply *reply;

  g_ptr_array_add (f->requests,
                   g_strdup_printf ("%s %s", soup_server_message_get_method (msg), path));

  if (f->required_auth != NULL && g_strcmp0 (auth, f->required_auth) != 0)
    {
      static const char body[] = "{\"code\":\"invalid_token\",\"message\":\"Token expired\"}";

      soup_server_message_set_status (msg, 401, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        body, strlen (body));
      return;
    }

  reply = next_reply (f);
  switch (reply->action)
    {
    case REPLY_RESPOND:
      soup_server_message_set_status (msg, reply->status, NULL);
      if (reply->retry_after != NULL)
        soup_message_headers_replace (response_headers, "Retry-After", reply->retry_after);
      if (reply->body != NULL)
        soup_server_message_set_response (msg,
                                          reply->content_type ? reply->content_type
                                                              : "application/json",
                                          SOUP_MEMORY_COPY, reply->body, strlen (reply->body));
      break;

    case REPLY_ECHO:
      respond_echo (msg);
      break;

    case REPLY_DROP:
      drop_connection (msg);
      break;

    case REPLY_HOLD:
      soup_server_message_pause (msg);
      g_queue_push_tail (&f->held, g_object_ref (msg));
      f->held_max = MAX (f->held_max, f->held.length);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
release_held (Fixture *f)
{
  g_autoptr(SoupServerMessage) msg = g_queue_pop_head (&f->held);

  g_assert_nonnull (msg);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
  soup_server_message_unpause (msg);
}

/* ------------------------------------------------------------------------------------------ */
/* Waiting without sleeping                                                                     */
/* ------------------------------------------------------------------------------------------ */

static gboolean
on_guard (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until @cond holds; ten seconds is far beyond any honest wait here. */
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

/* ------------------------------------------------------------------------------------------ */
/* Fixture                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static void
on_request_logged (EsHttpClient *client,
                   const char   *line,
                   gpointer      user_data)
{
  Fixture *f = user_data;

  g_ptr_array_add (f->log_lines, g_strdup (line));
}

static void
on_retry_scheduled (EsHttpClient  *client,
                    EsHttpRequest *request,
                    guint          attempt,
                    guint          status,
                    guint          delay_ms,
                    gint64         retry_after_ms,
                    gpointer       user_data)
{
  Fixture *f = user_data;
  Retry retry = { attempt, status, delay_ms, retry_after_ms };

  g_array_append_val (f->retries, retry);
  if (f->cancel_on_retry != NULL)
    g_cancellable_cancel (f->cancel_on_retry);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  GUri *uri;

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (f->server);
  g_assert_nonnull (uris);
  uri = uris->data;
  f->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uri));
  f->key = g_strdup_printf ("127.0.0.1:%d", g_uri_get_port (uri));

  f->requests = g_ptr_array_new_with_free_func (g_free);
  f->log_lines = g_ptr_array_new_with_free_func (g_free);
  f->retries = g_array_new (FALSE, TRUE, sizeof (Retry));
  g_queue_init (&f->held);

  f->client = es_http_client_new ();
  /* Tiny waits keep the suite fast; the tests look at the waits chosen, not at the clock. */
  es_http_client_set_retry_policy (f->client, 5, 1, 4);
  es_http_client_set_default_retry_after (f->client, 3);
  g_signal_connect (f->client, "request-logged", G_CALLBACK (on_request_logged), f);
  g_signal_connect (f->client, "retry-scheduled", G_CALLBACK (on_retry_scheduled), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_queue_clear_full (&f->held, g_object_unref);
  g_clear_object (&f->client);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->base, g_free);
  g_clear_pointer (&f->key, g_free);
  g_clear_pointer (&f->required_auth, g_free);
  g_clear_pointer (&f->requests, g_ptr_array_unref);
  g_clear_pointer (&f->log_lines, g_ptr_array_unref);
  g_clear_pointer (&f->retries, g_array_unref);

  /* Let connections and sources wind down before the next test. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static EsHttpRequest *
request_new (Fixture    *f,
             const char *method,
             const char *path)
{
  g_autofree char *uri = g_strconcat (f->base, path, NULL);

  return es_http_request_new (method, uri);
}

static void
on_send_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Result *r = user_data;

  r->response = es_http_client_send_finish (ES_HTTP_CLIENT (source), result, &r->error);
  r->order = ++r->f->completions;
  r->done = TRUE;
}

static void
on_send_json_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Result *r = user_data;

  r->node = es_http_client_send_json_finish (ES_HTTP_CLIENT (source), result, &r->error);
  r->order = ++r->f->completions;
  r->done = TRUE;
}

static void
send (Fixture       *f,
      EsHttpRequest *request,
      GCancellable  *cancellable,
      Result        *r)
{
  r->f = f;
  es_http_client_send_async (f->client, request, cancellable, on_send_done, r);
}

static void
send_and_wait (Fixture       *f,
               EsHttpRequest *request,
               Result        *r)
{
  send (f, request, NULL, r);
  WAIT_FOR (r->done);
}

#define SCRIPT(f, s) \
  G_STMT_START { (f)->script = (s); (f)->n_script = G_N_ELEMENTS (s); } G_STMT_END

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                        */
/* ------------------------------------------------------------------------------------------ */

static void
test_json_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  static const Reply script[] = { { REPLY_ECHO } };
  g_autoptr(EsHttpRequest) post = request_new (f, "POST", "/products");
  g_autoptr(EsHttpRequest) get = request_new (f, "GET", "/products/1");
  g_autoptr(JsonNode) payload = json_from_string ("{\"name\":\"Widget\",\"price\":\"9.99\","
                                                  "\"qty\":3}", NULL);
  Result r = { f };
  Result g = { f };
  JsonObject *echo;
  JsonObject *body;

  SCRIPT (f, script);

  es_http_request_set_json_body (post, payload);
  es_http_client_send_json_async (f->client, post, NULL, on_send_json_done, &r);
  WAIT_FOR (r.done);

  g_assert_no_error (r.error);
  g_assert_nonnull (r.node);
  echo = json_node_get_object (r.node);
  g_assert_cmpstr (json_object_get_string_member (echo, "method"), ==, "POST");
  g_assert_cmpstr (json_object_get_string_member (echo, "content_type"), ==, "application/json");
  g_assert_cmpstr (json_object_get_string_member (echo, "accept"), ==, "application/json");
  body = json_object_get_object_member (echo, "body");
  g_assert_cmpstr (json_object_get_string_member (body, "name"), ==, "Widget");
  g_assert_cmpstr (json_object_get_string_member (body, "price"), ==, "9.99");
  g_assert_cmpint (json_object_get_int_member (body, "qty"), ==, 3);

  /* The plain API gives the response itself. */
  es_http_request_set_header (get, "Accept", "application/vnd.test+json");
  send_and_wait (f, get, &g);
  g_assert_no_error (g.error);
  g_assert_cmpuint (es_http_response_get_status (g.response), ==, 200);
  g_assert_cmpuint (es_http_response_get_attempts (g.response), ==, 1);
  g_assert_cmpstr (es_http_response_get_header (g.response, "Content-Type"), ==,
                   "application/json");
  g_assert_nonnull (strstr (g_bytes_get_data (es_http_response_get_body (g.response), NULL),
                            "application/vnd.test+json"));

  g_assert_cmpuint (f->requests->len, ==, 2);
  g_assert_cmpuint (f->retries->len, ==, 0);
  g_assert_cmpuint (f->log_lines->len, ==, 2);

  result_clear (&r);
  result_clear (&g);
}

static void
test_get_retried_after_500 (Fixture       *f,
                            gconstpointer  data)
{
  static const Reply script[] = {
    { REPLY_RESPOND, 500, NULL, NULL, "{\"code\":\"oops\"}" },
    { REPLY_RESPOND, 200, NULL, NULL, "{\"ok\":true}" },
  };
  g_autoptr(EsHttpRequest) request = request_new (f, "GET", "/orders");
  Result r = { f };

  SCRIPT (f, script);
  send_and_wait (f, request, &r);

  g_assert_no_error (r.error);
  g_assert_cmpuint (es_http_response_get_attempts (r.response), ==, 2);
  g_assert_cmpuint (f->requests->len, ==, 2);
  g_assert_cmpuint (f->retries->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->retries, Retry, 0).status, ==, 500);
  g_assert_cmpuint (g_array_index (f->retries, Retry, 0).attempt, ==, 1);
  /* Full jitter within the first step of the test's policy (base 1 ms). */
  g_assert_cmpuint (g_array_index (f->retries, Retry, 0).delay_ms, <=, 1);
  g_assert_cmpint (g_array_index (f->retries, Retry, 0).retry_after_ms, ==, -1);

  result_clear (&r);
}

static void
test_post_not_retried_after_500 (Fixture       *f,
                                 gconstpointer  data)
{
  static const Reply script[] = {
    { REPLY_RESPOND, 500, NULL, NULL, "{}" },
    { REPLY_RESPOND, 200, NULL, NULL, "{}" },
  };
  g_autoptr(EsHttpRequest) request = request_new (f, "POST", "/orders");
  Result r = { f };

  SCRIPT (f, script);
  send_and_wait (f, request, &r);

  g_assert_error (r.error, ES_HTTP_ERROR, ES_HTTP_ERROR_SERVER);
  g_assert_cmpuint (es_http_error_get_status (r.error), ==, 500);
  g_assert_cmpuint (f->requests->len, ==, 1);
  g_assert_cmpuint (f->retries->len, ==, 0);

  result_clear (&r);
}

static void
test_idempotent_post_retried_after_500 (Fixture       *f,
                                        gconstpointer  data)
{
  static const Reply script[] = {
    { REPLY_RESPOND, 503, NULL, NULL, "{}" },
    { REPLY_RESPOND, 200, NULL, NULL, "{}" },
  };
  g_autoptr(EsHttpRequest) request = request_new (f, "POST", "/invoice?requestid=42");
  Result r = { f };

  SCRIPT (f, script);
  g_assert_false (es_http_request_get_idempotent (request));
  es_http_request_set_idempotent (request, TRUE);
  send_and_wait (f, request, &r);

  g_assert_no_error (r.error);
  g_assert_cmpuint (f->requests->len, ==, 2);
  g_assert_cmpuint (es_http_response_get_attempts (r.response), ==, 2);

  result_clear (&r);
}

static void
test_post_retried_after_429 (Fixture       *f,
                             gconstpointer  data)
{
  static const Reply script[] = {
    { REPLY_RESPOND, 429, NULL, NULL, "{}" },
    { REPLY_RESPOND, 201, NULL, NULL, "{}" },
  };
  g_autoptr(EsHttpRequest) request = request_new (f, "POST", "/orders");
  Result r = { f };
  Retry retry;

  SCRIPT (f, script);
  send_and_wait (f, request, &r);

  g_assert_no_error (r.error);
  g_assert_cmpuint (es_http_response_get_status (r.response), ==, 201);
  g_assert_cmpuint (f->requests->len, ==, 2);
  g_assert_cmpuint (f->retries->len, ==, 1);
  retry = g_array_index (f->retries, Retry, 0);
  g_assert_cmpuint (retry.status, ==, 429);
  /* No Retry-After: the configured default (3 ms in this fixture), not the jittered backoff. */
  g_assert_cmpint (retry.retry_after_ms, ==, -1);
  g_assert_cmpuint (retry.delay_ms, ==, 3);

  result_clear (&r);
}

static void
test_retry_after_seconds (Fixture       *f,
                          gconstpointer  data)
{
  static const Reply script[] = {
    { REPLY_RESPOND, 429, "7", NULL, "{}" },
    { REPLY_RESPOND, 429, "0", NULL, "{}" },
    { REPLY_RESPOND, 200, NULL, NULL, "{}" },
  };
  g_autoptr(EsHttpRequest) request = request_new (f, "POST", "/batch");
  Result r = { f };

  SCRIPT (f, script);
  es_http_client_set_retry_policy (f->client, 5, 1, 20);
  send_and_wait (f, request, &r);

  g_assert_no_error (r.error);
  g_assert_cmpuint (f->requests->len, ==, 3);
  g_assert_cmpuint (f->retries->len, ==, 2);
  /* The server asked for 7 s; the test's policy caps any wait at 20 ms. */
  g_assert_cmpint (g_array_index (f->retries, Retry, 0).retry_after_ms, ==, 7000);
  g_assert_cmpuint (g_array_index (f->retries, Retry, 0).delay_ms, ==, 20);
  g_assert_cmpint (g_array_index (f->retries, Retry, 1).retry_after_ms, ==, 0);
  g_assert_cmpuint (g_array_index (f->retries, Retry, 1).delay_ms, ==, 0);

  result_clear (&r);
}

static void
test_retry_after_http_date (Fixture       *f,
                            gconstpointer  data)
{
  static const Reply script[] = {
    { REPLY_RESPOND, 503, "Fri, 31 Dec 2100 23:59:59 GMT", NULL, "{}" },
    { REPLY_RESPOND, 503, "Wed, 21 Oct 2015 07:28:00 GMT", NULL, "{}" },
    { REPLY_RESPOND, 200, NULL, NULL, "{}" },
  };
  g_autoptr(EsHttpRequest) request = request_new (f, "GET", "/status");
  Result r = { f };

  SCRIPT (f, script);
  es_http_client_set_retry_policy (f->client, 5, 1, 20);
  send_and_wait (f, request, &r);

  g_assert_no_error (r.error);
  g_assert_cmpuint (f->requests->len, ==, 3);
  g_assert_cmpuint (f->retries->len, ==, 2);
  g_assert_cmpint (g_array_index (f->retries, Retry, 0).retry_after_ms, >, 20);
  g_assert_cmpuint (g_array_index (f->retries, Retry, 0).delay_ms, ==, 20);
  /* A date in the past means "now". */
  g_assert_cmpint (g_array_index (f->retries, Retry, 1).retry_after_ms, ==, 0);
  g_assert_cmpuint (g_array_index (f->retries, Retry, 1).delay_ms, ==, 0);

  result_clear (&r);
}

static void
test_retry_after_parse (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2015, 10, 21, 7, 28, 0);
  static const struct { const char *value; gint64 expected_ms; } cases[] = {
    { "", -1 },
    { "   ", -1 },
    { "soon", -1 },
    { "-5", -1 },
    { "1.5", -1 },
    { "12abc", -1 },
    { "0", 0 },
    { "7", 7000 },
    { " 120 ", 120000 },
    { "99999999999999999999999", G_GINT64_CONSTANT (1000000000000) },
    { "Wed, 21 Oct 2015 07:28:07 GMT", 7000 },
    { "Wednesday, 21-Oct-15 07:28:30 GMT", 30000 },
    { "Wed Oct 21 07:28:10 2015", 10000 },
    { "Wed, 21 Oct 2015 07:27:00 GMT", 0 },
    { "Wed, 32 Oct 2015 07:27:00 GMT", -1 },
  };

  g_assert_cmpint (es_http_parse_retry_after (NULL, now), ==, -1);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("Retry-After: %s", cases[i].value);
      g_assert_cmpint (es_http_parse_retry_after (cases[i].value, now), ==, cases[i].expected_ms);
    }

  /* Without a time given, a date far ahead is measured from now. */
  g_assert_cmpint (es_http_parse_retry_after ("Fri, 31 Dec 2100 23:59:59 GMT", NULL), >, 0);
}

static void
test_dropped_connection (Fixture       *f,
                         gconstpointer  data)
{
  static const Reply script[] = {
    { REPLY_DROP },
    { REPLY_RESPOND, 200, NULL, NULL, "{\"id\":1}" },
  };
  static const Reply post_script[] = {
    { REPLY_DROP },
    { REPLY_RESPOND, 200, NULL, NULL, "{}" },
  };
  g_autoptr(EsHttpRequest) get = request_new (f, "GET", "/orders/1");
  g_autoptr(EsHttpRequest) post = request_new (f, "POST", "/orders");
  Result r = { f };
  Result p = { f };

  SCRIPT (f, script);
  send_and_wait (f, get, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (es_http_response_get_attempts (r.response), ==, 2);
  g_assert_cmpuint (f->requests->len, ==, 2);
  g_assert_cmpuint (f->retries->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->retries, Retry, 0).status, ==, 0);

  /* The server may have acted on a POST before the connection broke: never repeated. */
  SCRIPT (f, post_script);
  f->next_reply = 0;
  send_and_wait (f, post, &p);
  g_assert_error (p.error, ES_HTTP_ERROR, ES_HTTP_ERROR_CONNECTION);
  g_assert_cmpuint (es_http_error_get_status (p.error), ==, 0);
  g_assert_cmpuint (f->requests->len, ==, 3);
  g_assert_cmpuint (f->retries->len, ==, 1);

  result_clear (&r);
  result_clear (&p);
}

/* Reads the two shapes these tests use: WooCommerce/PostgREST JSON and Intuit's XML Fault. */
static void
test_error_parser (guint        status,
                   GBytes      *body,
                   const char  *content_type,
                   char       **platform_code,
                   char       **platform_message)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *data;
  gsize size = 0;

  data = g_bytes_get_data (body, &size);

  if (g_strcmp0 (content_type, "application/json") == 0 &&
      json_parser_load_from_data (parser, data, size, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *object = json_node_get_object (json_parser_get_root (parser));

      *platform_code = g_strdup (json_object_get_string_member_with_default (object, "code", NULL));
      *platform_message = g_strdup (json_object_get_string_member_with_default (object, "message",
                                                                                 NULL));
    }
  else if (g_strcmp0 (content_type, "application/xml") == 0)
    {
      g_autofree char *text = g_strndup (data, size);
      g_autoptr(GRegex) code = g_regex_new ("<Error code=\"([0-9]+)\"", 0, 0, NULL);
      g_autoptr(GRegex) detail = g_regex_new ("<Detail>([^<]*)</Detail>", 0, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match (code, text, 0, &match))
        *platform_code = g_match_info_fetch (match, 1);
      g_clear_pointer (&match, g_match_info_free);
      if (g_regex_match (detail, text, 0, &match))
        *platform_message = g_match_info_fetch (match, 1);
    }
}

static void
test_attempts_exhausted (Fixture       *f,
                         gconstpointer  data)
{
  static const Reply script[] = {
    { REPLY_RESPOND, 503, NULL, NULL,
      "{\"code\":\"PGRST000\",\"message\":\"Database unavailable\"}" },
  };
  g_autoptr(EsHttpRequest) request = request_new (f, "GET", "/rest/v1/orders");
  Result r = { f };
  gsize size = 0;

  SCRIPT (f, script);
  es_http_request_set_max_attempts (request, 3);
  es_http_request_set_error_parser (request, test_error_parser);
  send_and_wait (f, request, &r);

  g_assert_error (r.error, ES_HTTP_ERROR, ES_HTTP_ERROR_SERVER);
  g_assert_cmpuint (es_http_error_get_status (r.error), ==, 503);
  g_assert_cmpstr (es_http_error_get_platform_code (r.error), ==, "PGRST000");
  g_assert_cmpstr (es_http_error_get_platform_message (r.error), ==, "Database unavailable");
  g_assert_cmpint (es_http_error_get_retry_after (r.error), ==, -1);
  g_assert_nonnull (es_http_error_get_body (r.error));
  g_bytes_get_data (es_http_error_get_body (r.error), &size);
  g_assert_cmpuint (size, ==, strlen (script[0].body));
  g_assert_nonnull (strstr (r.error->message, "Database unavailable"));
  g_assert_cmpuint (f->requests->len, ==, 3);
  g_assert_cmpuint (f->retries->len, ==, 2);
  g_assert_cmpuint (f->log_lines->len, ==, 3);

  result_clear (&r);
}

static void
test_rate_limited_exhausted (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("ES_FIXTURES_DIR"), "quickbooks",
                                            "fault_throttle_429.xml", NULL);
  g_autofree char *xml = NULL;
  Reply script[] = { { REPLY_RESPOND, 429, "1", "application/xml", NULL } };
  g_autoptr(EsHttpRequest) request = request_new (f, "POST", "/v3/company/1/batch");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  Result r = { f };

  g_file_get_contents (path, &xml, NULL, &error);
  g_assert_no_error (error);
  script[0].body = xml;
  SCRIPT (f, script);
  es_http_client_set_retry_policy (f->client, 3, 1, 2);
  es_http_request_set_error_parser (request, test_error_parser);
  send_and_wait (f, request, &r);

  g_assert_error (r.error, ES_HTTP_ERROR, ES_HTTP_ERROR_RATE_LIMITED);
  g_assert_cmpuint (es_http_error_get_status (r.error), ==, 429);
  g_assert_cmpstr (es_http_error_get_platform_code (r.error), ==, "3001");
  g_assert_cmpstr (es_http_error_get_platform_message (r.error), ==,
                   "The request limit was reached.  Try again later");
  g_assert_cmpint (es_http_error_get_retry_after (r.error), ==, 1);
  g_assert_cmpuint (f->requests->len, ==, 3);

  /* The extra fields survive a copy, as GTask and callers make them. */
  copy = g_error_copy (r.error);
  g_assert_cmpuint (es_http_error_get_status (copy), ==, 429);
  g_assert_cmpstr (es_http_error_get_platform_code (copy), ==, "3001");
  g_assert_true (g_bytes_equal (es_http_error_get_body (copy), es_http_error_get_body (r.error)));
  g_assert_cmpint (es_http_error_get_retry_after (copy), ==, 1);

  /* Errors of other domains have none of them. */
  g_assert_cmpuint (es_http_error_get_status (error), ==, 0);
  g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "other");
  g_assert_cmpuint (es_http_error_get_status (error), ==, 0);
  g_assert_null (es_http_error_get_platform_code (error));
  g_assert_null (es_http_error_get_platform_message (error));
  g_assert_null (es_http_error_get_body (error));
  g_assert_cmpint (es_http_error_get_retry_after (error), ==, -1);

  result_clear (&r);
}

static void
test_status_mapping (Fixture       *f,
                     gconstpointer  data)
{
  static const struct { const char *method; guint status; EsHttpError code; } cases[] = {
    { "POST", 400, ES_HTTP_ERROR_BAD_REQUEST },
    { "GET", 401, ES_HTTP_ERROR_UNAUTHORIZED },
    { "GET", 403, ES_HTTP_ERROR_FORBIDDEN },
    { "GET", 404, ES_HTTP_ERROR_NOT_FOUND },
    { "DELETE", 410, ES_HTTP_ERROR_NOT_FOUND },
    { "POST", 409, ES_HTTP_ERROR_BAD_REQUEST },
    { "POST", 413, ES_HTTP_ERROR_TOO_LARGE },
    { "PUT", 422, ES_HTTP_ERROR_BAD_REQUEST },
    { "PUT", 501, ES_HTTP_ERROR_SERVER },
    { "GET", 505, ES_HTTP_ERROR_SERVER },
    { "GET", 302, ES_HTTP_ERROR_INVALID_RESPONSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Reply script[] = {
        { REPLY_RESPOND, cases[i].status, NULL, NULL, "{\"code\":\"c\",\"message\":\"m\"}" },
      };
      g_autoptr(EsHttpRequest) request = request_new (f, cases[i].method, "/thing");
      Result r = { f };

      g_test_message ("HTTP %u", cases[i].status);
      SCRIPT (f, script);
      f->next_reply = 0;
      g_ptr_array_set_size (f->requests, 0);
      es_http_request_set_error_parser (request, test_error_parser);
      send_and_wait (f, request, &r);

      g_assert_error (r.error, ES_HTTP_ERROR, (int) cases[i].code);
      g_assert_cmpuint (es_http_error_get_status (r.error), ==, cases[i].status);
      g_assert_cmpstr (es_http_error_get_platform_code (r.error), ==, "c");
      /* None of these can succeed by asking again. */
      g_assert_cmpuint (f->requests->len, ==, 1);
      result_clear (&r);
    }

  g_assert_cmpuint (f->retries->len, ==, 0);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  static const Reply script[] = { { REPLY_HOLD } };
  static const Reply script_408[] = {
    { REPLY_RESPOND, 408, NULL, NULL, NULL },
    { REPLY_RESPOND, 408, NULL, NULL, NULL },
  };
  g_autoptr(EsHttpRequest) request = request_new (f, "GET", "/slow");
  g_autoptr(EsHttpRequest) request_408 = request_new (f, "GET", "/slow");
  Result r = { f };
  Result t = { f };

  SCRIPT (f, script);
  es_http_client_set_timeout (f->client, 1);
  es_http_request_set_max_attempts (request, 2);
  send_and_wait (f, request, &r);

  g_assert_error (r.error, ES_HTTP_ERROR, ES_HTTP_ERROR_TIMEOUT);
  g_assert_cmpuint (es_http_error_get_status (r.error), ==, 0);
  g_assert_cmpuint (f->requests->len, ==, 2);
  g_assert_cmpuint (f->retries->len, ==, 1);

  SCRIPT (f, script_408);
  f->next_reply = 0;
  es_http_request_set_max_attempts (request_408, 2);
  send_and_wait (f, request_408, &t);
  g_assert_error (t.error, ES_HTTP_ERROR, ES_HTTP_ERROR_TIMEOUT);
  g_assert_cmpuint (es_http_error_get_status (t.error), ==, 408);
  g_assert_cmpuint (f->requests->len, ==, 4);

  result_clear (&r);
  result_clear (&t);
}

static void
test_connection_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) any = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(EsHttpRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  Result r = { f };

  /* A port that was free a moment ago and has no listener now. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  any = g_inet_socket_address_new (loopback, 0);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  uri = g_strdup_printf ("http://127.0.0.1:%u/orders",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  request = es_http_request_new ("GET", uri);
  es_http_request_set_max_attempts (request, 2);
  send_and_wait (f, request, &r);

  g_assert_error (r.error, ES_HTTP_ERROR, ES_HTTP_ERROR_CONNECTION);
  g_assert_cmpuint (es_http_error_get_status (r.error), ==, 0);
  g_assert_cmpuint (f->retries->len, ==, 1);
  g_assert_cmpuint (f->log_lines->len, ==, 2);

  result_clear (&r);
}

static void
test_invalid_request (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const uris[] = {
    "not a uri", "ftp://127.0.0.1/file", "http:///no-host", "/relative/path",
    "mailto:someone@example.com",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (uris); i++)
    {
      g_autoptr(EsHttpRequest) request = es_http_request_new ("GET", uris[i]);
      Result r = { f };

      send_and_wait (f, request, &r);
      g_assert_error (r.error, ES_HTTP_ERROR, ES_HTTP_ERROR_INVALID_REQUEST);
      g_assert_cmpuint (es_http_error_get_status (r.error), ==, 0);
      result_clear (&r);
    }

  g_assert_cmpuint (f->requests->len, ==, 0);
}

static void
test_invalid_json (Fixture       *f,
                   gconstpointer  data)
{
  static const Reply script[] = {
    { REPLY_RESPOND, 200, NULL, "text/html", "<html>Maintenance</html>" },
    { REPLY_RESPOND, 204, NULL, NULL, NULL },
  };
  g_autoptr(EsHttpRequest) request = request_new (f, "GET", "/orders");
  Result r = { f };
  Result e = { f };

  SCRIPT (f, script);
  es_http_client_send_json_async (f->client, request, NULL, on_send_json_done, &r);
  WAIT_FOR (r.done);

  g_assert_error (r.error, ES_HTTP_ERROR, ES_HTTP_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (es_http_error_get_status (r.error), ==, 200);
  g_assert_nonnull (es_http_error_get_body (r.error));
  g_assert_null (r.node);
  /* A 2xx is not retried even when its body is useless. */
  g_assert_cmpuint (f->requests->len, ==, 1);

  /* An empty body is a JSON null, not an error. */
  es_http_client_send_json_async (f->client, request, NULL, on_send_json_done, &e);
  WAIT_FOR (e.done);
  g_assert_no_error (e.error);
  g_assert_nonnull (e.node);
  g_assert_true (JSON_NODE_HOLDS_NULL (e.node));

  result_clear (&r);
  result_clear (&e);
}

/* An authorizer whose credentials the test server accepts only after one renewal. */
#define TEST_TYPE_AUTHORIZER (test_authorizer_get_type ())
G_DECLARE_FINAL_TYPE (TestAuthorizer, test_authorizer, TEST, AUTHORIZER, GObject)

struct _TestAuthorizer
{
  GObject  parent_instance;
  char    *token;
  guint    calls;
  guint    refreshes;
  gboolean fail;
};

static void
test_authorizer_authorize_async (EsHttpAuthorizer    *authorizer,
                                 SoupMessage         *message,
                                 gboolean             force_refresh,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  TestAuthorizer *self = TEST_AUTHORIZER (authorizer);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *header = NULL;

  self->calls++;
  if (self->fail)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               "No secret service");
      return;
    }

  if (force_refresh)
    {
      self->refreshes++;
      g_free (self->token);
      self->token = g_strdup ("fresh-token");
    }

  header = g_strdup_printf ("Bearer %s", self->token);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Authorization", header);
  g_task_return_boolean (task, TRUE);
}

static gboolean
test_authorizer_authorize_finish (EsHttpAuthorizer  *authorizer,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
test_authorizer_iface_init (EsHttpAuthorizerInterface *iface)
{
  iface->authorize_async = test_authorizer_authorize_async;
  iface->authorize_finish = test_authorizer_authorize_finish;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestAuthorizer, test_authorizer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ES_TYPE_HTTP_AUTHORIZER,
                                                      test_authorizer_iface_init))

static void
test_authorizer_finalize (GObject *object)
{
  g_free (TEST_AUTHORIZER (object)->token);

  G_OBJECT_CLASS (test_authorizer_parent_class)->finalize (object);
}

static void
test_authorizer_class_init (TestAuthorizerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_authorizer_finalize;
}

static void
test_authorizer_init (TestAuthorizer *self)
{
  self->token = g_strdup ("expired-token");
}

static void
test_auth_refresh_once (Fixture       *f,
                        gconstpointer  data)
{
  static const Reply script[] = { { REPLY_RESPOND, 200, NULL, NULL, "{\"ok\":true}" } };
  g_autoptr(TestAuthorizer) authorizer = g_object_new (TEST_TYPE_AUTHORIZER, NULL);
  g_autoptr(EsHttpRequest) request = request_new (f, "POST", "/invoice");
  Result r = { f };

  SCRIPT (f, script);
  f->required_auth = g_strdup ("Bearer fresh-token");
  es_http_request_set_authorizer (request, ES_HTTP_AUTHORIZER (authorizer));
  es_http_request_set_max_attempts (request, 1);
  send_and_wait (f, request, &r);

  g_assert_no_error (r.error);
  g_assert_cmpuint (es_http_response_get_attempts (r.response), ==, 2);
  g_assert_cmpuint (authorizer->calls, ==, 2);
  g_assert_cmpuint (authorizer->refreshes, ==, 1);
  g_assert_cmpuint (f->requests->len, ==, 2);
  /* A renewal is not a backoff retry. */
  g_assert_cmpuint (f->retries->len, ==, 0);

  result_clear (&r);
}

static void
test_auth_unauthorized_twice (Fixture       *f,
                              gconstpointer  data)
{
  static const Reply script[] = { { REPLY_RESPOND, 200, NULL, NULL, "{}" } };
  g_autoptr(TestAuthorizer) authorizer = g_object_new (TEST_TYPE_AUTHORIZER, NULL);
  g_autoptr(EsHttpRequest) request = request_new (f, "GET", "/companyinfo");
  Result r = { f };

  SCRIPT (f, script);
  f->required_auth = g_strdup ("Bearer a-token-nobody-has");
  es_http_request_set_authorizer (request, ES_HTTP_AUTHORIZER (authorizer));
  es_http_request_set_error_parser (request, test_error_parser);
  send_and_wait (f, request, &r);

  g_assert_error (r.error, ES_HTTP_ERROR, ES_HTTP_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (es_http_error_get_status (r.error), ==, 401);
  g_assert_cmpstr (es_http_error_get_platform_code (r.error), ==, "invalid_token");
  g_assert_cmpuint (authorizer->refreshes, ==, 1);
  g_assert_cmpuint (f->requests->len, ==, 2);

  result_clear (&r);
}

static void
test_auth_authorizer_error (Fixture       *f,
                            gconstpointer  data)
{
  static const Reply script[] = { { REPLY_RESPOND, 200, NULL, NULL, "{}" } };
  g_autoptr(TestAuthorizer) authorizer = g_object_new (TEST_TYPE_AUTHORIZER, NULL);
  g_autoptr(EsHttpRequest) request = request_new (f, "GET", "/companyinfo");
  Result r = { f };

  SCRIPT (f, script);
  authorizer->fail = TRUE;
  es_http_request_set_authorizer (request, ES_HTTP_AUTHORIZER (authorizer));
  send_and_wait (f, request, &r);

  /* Unchanged, so that "reconnect needed" reaches the UI as such. */
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
  g_assert_cmpuint (f->requests->len, ==, 0);
  g_assert_cmpuint (f->log_lines->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (f->log_lines, 0), "No secret service"));
  g_assert_nonnull (strstr (g_ptr_array_index (f->log_lines, 0), "not sent"));

  result_clear (&r);
}

static void
test_concurrency_cap (Fixture       *f,
                      gconstpointer  data)
{
  static const Reply script[] = { { REPLY_HOLD } };
  Result r[8];
  g_autoptr(GHashTable) first = g_hash_table_new (g_str_hash, g_str_equal);

  SCRIPT (f, script);
  es_http_client_set_limits (f->client, f->key, 0, 0, 3);

  for (guint i = 0; i < G_N_ELEMENTS (r); i++)
    {
      g_autofree char *path = g_strdup_printf ("/%u", i);
      g_autoptr(EsHttpRequest) request = request_new (f, "GET", path);

      memset (&r[i], 0, sizeof r[i]);
      send (f, request, NULL, &r[i]);
    }

  WAIT_FOR (f->held.length == 3);
  g_assert_cmpuint (es_http_client_get_in_flight (f->client, f->key), ==, 3);
  g_assert_cmpuint (es_http_client_get_queued (f->client, f->key), ==, 5);

  /* The first three share the cap in any order; then each freed slot lets in the next, in order. */
  for (guint i = 0; i < 3; i++)
    g_hash_table_add (first, g_ptr_array_index (f->requests, i));
  g_assert_true (g_hash_table_contains (first, "GET /0"));
  g_assert_true (g_hash_table_contains (first, "GET /1"));
  g_assert_true (g_hash_table_contains (first, "GET /2"));

  for (guint i = 3; i < G_N_ELEMENTS (r); i++)
    {
      g_autofree char *expected = g_strdup_printf ("GET /%u", i);

      release_held (f);
      WAIT_FOR (f->requests->len == i + 1);
      g_assert_cmpstr (g_ptr_array_index (f->requests, i), ==, expected);
      g_assert_cmpuint (f->held.length, ==, 3);
    }

  while (f->held.length > 0)
    release_held (f);

  for (guint i = 0; i < G_N_ELEMENTS (r); i++)
    {
      WAIT_FOR (r[i].done);
      g_assert_no_error (r[i].error);
      result_clear (&r[i]);
    }

  g_assert_cmpuint (f->held_max, ==, 3);
  g_assert_cmpuint (f->requests->len, ==, G_N_ELEMENTS (r));
  g_assert_cmpuint (es_http_client_get_in_flight (f->client, f->key), ==, 0);
  g_assert_cmpuint (es_http_client_get_queued (f->client, f->key), ==, 0);
}

static void
test_token_bucket (void)
{
  g_autoptr(EsRateLimiter) limiter = es_rate_limiter_new (60, 3, 0);
  g_autoptr(EsRateLimiter) default_burst = es_rate_limiter_new (120, 0, 0);
  g_autoptr(EsRateLimiter) unlimited = es_rate_limiter_new (0, 0, 0);
  const gint64 t0 = 5 * G_USEC_PER_SEC;

  /* One token a second, three back to back. */
  g_assert_cmpint (es_rate_limiter_take_token (limiter, t0), ==, 0);
  g_assert_cmpint (es_rate_limiter_take_token (limiter, t0), ==, 0);
  g_assert_cmpint (es_rate_limiter_take_token (limiter, t0), ==, 0);
  g_assert_cmpint (es_rate_limiter_take_token (limiter, t0), ==, G_USEC_PER_SEC);
  g_assert_cmpint (es_rate_limiter_take_token (limiter, t0 + 250000), ==, 750000);
  g_assert_cmpint (es_rate_limiter_take_token (limiter, t0 + G_USEC_PER_SEC), ==, 0);
  g_assert_cmpint (es_rate_limiter_take_token (limiter, t0 + G_USEC_PER_SEC), ==, G_USEC_PER_SEC);

  /* A long pause refills the bucket only up to the burst. */
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (es_rate_limiter_take_token (limiter, t0 + 100 * G_USEC_PER_SEC), ==, 0);
  g_assert_cmpint (es_rate_limiter_take_token (limiter, t0 + 100 * G_USEC_PER_SEC), >, 0);

  /* A clock that goes back adds nothing. */
  g_assert_cmpint (es_rate_limiter_take_token (limiter, t0), >, 0);

  /* Burst 0 means one second's worth: 120/min gives two at once. */
  g_assert_cmpint (es_rate_limiter_take_token (default_burst, t0), ==, 0);
  g_assert_cmpint (es_rate_limiter_take_token (default_burst, t0), ==, 0);
  g_assert_cmpint (es_rate_limiter_take_token (default_burst, t0), ==, 500000);

  for (guint i = 0; i < 1000; i++)
    g_assert_cmpint (es_rate_limiter_take_token (unlimited, t0), ==, 0);

  /* New limits start from a full bucket at the new rate. */
  es_rate_limiter_set_limits (limiter, 6000, 1, 0);
  g_assert_cmpint (es_rate_limiter_take_token (limiter, t0), ==, 0);
  g_assert_cmpint (es_rate_limiter_take_token (limiter, t0), ==, 10000);
}

static void
test_rate_limit_waits (Fixture       *f,
                       gconstpointer  data)
{
  static const Reply script[] = { { REPLY_RESPOND, 200, NULL, NULL, "{}" } };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result r[3];

  SCRIPT (f, script);
  /* One a minute after a burst of two: the third cannot go during this test. */
  es_http_client_set_limits (f->client, f->key, 1, 2, 0);

  for (guint i = 0; i < G_N_ELEMENTS (r); i++)
    {
      g_autofree char *path = g_strdup_printf ("/%u", i);
      g_autoptr(EsHttpRequest) request = request_new (f, "GET", path);

      memset (&r[i], 0, sizeof r[i]);
      send (f, request, i == 2 ? cancellable : NULL, &r[i]);
    }

  g_assert_cmpuint (es_http_client_get_queued (f->client, f->key), ==, 1);
  WAIT_FOR (r[0].done && r[1].done);
  g_assert_no_error (r[0].error);
  g_assert_no_error (r[1].error);
  g_assert_false (r[2].done);
  /* It waits for a token, not for a slot: nothing else is in flight. */
  g_assert_cmpuint (es_http_client_get_in_flight (f->client, f->key), ==, 0);
  g_assert_cmpuint (es_http_client_get_queued (f->client, f->key), ==, 1);
  g_assert_cmpuint (f->requests->len, ==, 2);

  g_cancellable_cancel (cancellable);
  WAIT_FOR (r[2].done);
  g_assert_error (r[2].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (es_http_client_get_queued (f->client, f->key), ==, 0);
  g_assert_cmpuint (f->requests->len, ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (r); i++)
    result_clear (&r[i]);
}

static void
test_rate_limit_order (Fixture       *f,
                       gconstpointer  data)
{
  static const Reply script[] = { { REPLY_RESPOND, 200, NULL, NULL, "{}" } };
  Result r[4];

  SCRIPT (f, script);
  /* A token every 100 ms, none saved up: each request waits for the one before. */
  es_http_client_set_limits (f->client, f->key, 600, 1, 0);

  for (guint i = 0; i < G_N_ELEMENTS (r); i++)
    {
      g_autofree char *path = g_strdup_printf ("/%u", i);
      g_autoptr(EsHttpRequest) request = request_new (f, "GET", path);

      memset (&r[i], 0, sizeof r[i]);
      send (f, request, NULL, &r[i]);
    }

  g_assert_cmpuint (es_http_client_get_queued (f->client, f->key), ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (r); i++)
    {
      g_autofree char *expected = g_strdup_printf ("GET /%u", i);

      WAIT_FOR (r[i].done);
      g_assert_no_error (r[i].error);
      g_assert_cmpuint (r[i].order, ==, i + 1);
      g_assert_cmpstr (g_ptr_array_index (f->requests, i), ==, expected);
      result_clear (&r[i]);
    }
}

static void
test_cancel_during_backoff (Fixture       *f,
                            gconstpointer  data)
{
  static const Reply script[] = { { REPLY_RESPOND, 503, "3600", NULL, "{}" } };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(EsHttpRequest) request = request_new (f, "GET", "/orders");
  Result r = { f };

  SCRIPT (f, script);
  /* Without the cancellation this would wait a minute, far past WAIT_FOR's limit. */
  es_http_client_set_retry_policy (f->client, 5, 1, 60000);
  f->cancel_on_retry = cancellable;
  send (f, request, cancellable, &r);
  WAIT_FOR (r.done);

  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (f->retries->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->retries, Retry, 0).delay_ms, ==, 60000);
  g_assert_cmpuint (f->requests->len, ==, 1);

  result_clear (&r);
}

static void
test_cancel_while_queued (Fixture       *f,
                          gconstpointer  data)
{
  static const Reply script[] = {
    { REPLY_HOLD },
    { REPLY_RESPOND, 200, NULL, NULL, "{}" },
  };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(EsHttpRequest) a = request_new (f, "GET", "/a");
  g_autoptr(EsHttpRequest) b = request_new (f, "GET", "/b");
  g_autoptr(EsHttpRequest) c = request_new (f, "GET", "/c");
  Result ra = { f };
  Result rb = { f };
  Result rc = { f };

  SCRIPT (f, script);
  es_http_client_set_limits (f->client, f->key, 0, 0, 1);

  send (f, a, NULL, &ra);
  send (f, b, cancellable, &rb);
  WAIT_FOR (f->held.length == 1);
  g_assert_cmpuint (es_http_client_get_queued (f->client, f->key), ==, 1);

  /* B leaves the queue at once, while A still holds the only slot. */
  g_cancellable_cancel (cancellable);
  WAIT_FOR (rb.done);
  g_assert_error (rb.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (ra.done);
  g_assert_cmpuint (es_http_client_get_queued (f->client, f->key), ==, 0);
  g_assert_cmpuint (es_http_client_get_in_flight (f->client, f->key), ==, 1);

  release_held (f);
  WAIT_FOR (ra.done);
  g_assert_no_error (ra.error);

  /* The slot was given back exactly once: C goes straight through. */
  send_and_wait (f, c, &rc);
  g_assert_no_error (rc.error);
  g_assert_cmpuint (f->requests->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (f->requests, 0), ==, "GET /a");
  g_assert_cmpstr (g_ptr_array_index (f->requests, 1), ==, "GET /c");
  g_assert_cmpuint (es_http_client_get_in_flight (f->client, f->key), ==, 0);

  result_clear (&ra);
  result_clear (&rb);
  result_clear (&rc);
}

static void
test_cancel_before_send (Fixture       *f,
                         gconstpointer  data)
{
  static const Reply script[] = { { REPLY_RESPOND, 200, NULL, NULL, "{}" } };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(EsHttpRequest) request = request_new (f, "GET", "/orders");
  Result r = { f };

  SCRIPT (f, script);
  g_cancellable_cancel (cancellable);
  send (f, request, cancellable, &r);
  WAIT_FOR (r.done);

  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (f->requests->len, ==, 0);

  result_clear (&r);
}

static void
test_log_entry_per_attempt (Fixture       *f,
                            gconstpointer  data)
{
  static const Reply script[] = {
    { REPLY_RESPOND, 500, NULL, NULL, "{}" },
    { REPLY_RESPOND, 502, NULL, NULL, "{}" },
    { REPLY_RESPOND, 200, NULL, NULL, "{}" },
  };
  g_autoptr(EsHttpRequest) request = request_new (f, "GET", "/orders?page=2");
  Result r = { f };
  const char *line;

  SCRIPT (f, script);
  send_and_wait (f, request, &r);
  g_assert_no_error (r.error);

  g_assert_cmpuint (f->log_lines->len, ==, 3);
  line = g_ptr_array_index (f->log_lines, 0);
  g_assert_true (g_str_has_prefix (line, "GET http://127.0.0.1:"));
  g_assert_nonnull (strstr (line, "/orders?page=2 → 500 Internal Server Error (attempt 1/5"));
  g_assert_nonnull (strstr (line, "retry in"));
  line = g_ptr_array_index (f->log_lines, 1);
  g_assert_nonnull (strstr (line, "→ 502 Bad Gateway (attempt 2/5"));
  line = g_ptr_array_index (f->log_lines, 2);
  g_assert_nonnull (strstr (line, "→ 200 OK (attempt 3/5"));
  g_assert_null (strstr (line, "retry in"));

  result_clear (&r);
}

typedef struct
{
  GPtrArray *lines;     /* (element-type utf8): everything logged, any domain */
  guint      es_http;   /* how many came from the HTTP layer */
} Capture;

static void
capture_log (const char     *log_domain,
             GLogLevelFlags  log_level,
             const char     *message,
             gpointer        user_data)
{
  Capture *capture = user_data;

  g_ptr_array_add (capture->lines, g_strdup (message));
  if (g_strcmp0 (log_domain, "es-http") == 0)
    capture->es_http++;
}

static void
test_log_redaction (Fixture       *f,
                    gconstpointer  data)
{
  static const Reply script[] = {
    { REPLY_RESPOND, 400, NULL, NULL,
      "{\"code\":\"invalid_grant\",\"message\":\"Bad grant\","
      "\"access_token\":\"BODY-SECRET-8\",\"id_token\":\"BODY-SECRET-9\"}" },
    { REPLY_RESPOND, 200, NULL, NULL,
      "{\"access_token\":\"RESP-SECRET-13\",\"token_type\":\"bearer\"}" },
  };
  g_autoptr(TestAuthorizer) authorizer = g_object_new (TEST_TYPE_AUTHORIZER, NULL);
  g_autoptr(EsHttpRequest) form_request = NULL;
  g_autoptr(EsHttpRequest) json_request = request_new (f, "POST", "/rest/v1/orders");
  g_autoptr(GHashTable) form = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JsonNode) json = json_from_string ("{\"refresh_token\":\"JSON-SECRET-11\","
                                               "\"nested\":{\"client_secret\":\"JSON-SECRET-12\"},"
                                               "\"sku\":\"visible-sku\"}", NULL);
  g_autoptr(GPtrArray) logged = g_ptr_array_new_with_free_func (g_free);
  Capture capture = { logged, 0 };
  GLogFunc old_default;
  guint handler;
  gboolean redacted_seen = FALSE;
  Result r = { f };
  Result j = { f };

  SCRIPT (f, script);
  es_http_client_set_log_details (f->client, TRUE);
  old_default = g_log_set_default_handler (capture_log, &capture);
  handler = g_log_set_handler ("es-http",
                               G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
                               capture_log, &capture);

  form_request = request_new (f, "POST", "/oauth2/token?client_secret=QS-SECRET-1"
                                         "&code=QS-SECRET-2&state=visible-state");
  g_free (authorizer->token);
  authorizer->token = g_strdup ("HDR-SECRET-5");
  es_http_request_set_authorizer (form_request, ES_HTTP_AUTHORIZER (authorizer));
  es_http_request_set_header (form_request, "apikey", "HDR-SECRET-6");
  es_http_request_set_header (form_request, "X-Client-Secret", "HDR-SECRET-7");
  g_hash_table_insert (form, g_strdup ("grant_type"), g_strdup ("refresh_token"));
  g_hash_table_insert (form, g_strdup ("refresh_token"), g_strdup ("FORM-SECRET-3"));
  g_hash_table_insert (form, g_strdup ("password"), g_strdup ("FORM-SECRET-4"));
  es_http_request_set_form_body (form_request, form);
  es_http_request_set_error_parser (form_request, test_error_parser);
  send_and_wait (f, form_request, &r);
  g_assert_error (r.error, ES_HTTP_ERROR, ES_HTTP_ERROR_BAD_REQUEST);
  g_assert_null (strstr (r.error->message, "SECRET-"));

  es_http_request_set_json_body (json_request, json);
  es_http_request_set_header (json_request, "Authorization", "Basic SECRET-BASIC-14");
  es_http_client_send_json_async (f->client, json_request, NULL, on_send_json_done, &j);
  WAIT_FOR (j.done);
  g_assert_no_error (j.error);

  g_log_remove_handler ("es-http", handler);
  g_log_set_default_handler (old_default, NULL);

  /* Two entries from the signal, the same two through g_debug(). */
  g_assert_cmpuint (f->log_lines->len, ==, 2);
  g_assert_cmpuint (capture.es_http, ==, 2);
  g_ptr_array_extend (logged, f->log_lines, (GCopyFunc) g_strdup, NULL);
  for (guint i = 0; i < logged->len; i++)
    {
      const char *line = g_ptr_array_index (logged, i);

      if (strstr (line, "SECRET-") != NULL)
        g_error ("A secret reached the log: line %u", i);
      g_test_message ("%s", line);
      redacted_seen |= strstr (line, "[REDACTED]") != NULL;
    }
  g_assert_true (redacted_seen);

  /* Redaction hides the secrets, not the rest of the entry. */
  g_assert_nonnull (strstr (g_ptr_array_index (f->log_lines, 0), "state=visible-state"));
  g_assert_nonnull (strstr (g_ptr_array_index (f->log_lines, 0), "grant_type=refresh_token"));
  g_assert_nonnull (strstr (g_ptr_array_index (f->log_lines, 0),
                            "> Authorization: Bearer [REDACTED]"));
  g_assert_nonnull (strstr (g_ptr_array_index (f->log_lines, 0), "invalid_grant Bad grant"));
  g_assert_nonnull (strstr (g_ptr_array_index (f->log_lines, 1), "visible-sku"));
  g_assert_nonnull (strstr (g_ptr_array_index (f->log_lines, 1), "\"token_type\":\"bearer\""));

  result_clear (&r);
  result_clear (&j);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/http/client/json-round-trip", test_json_round_trip);
  ADD ("/http/client/retry/get-after-500", test_get_retried_after_500);
  ADD ("/http/client/retry/post-not-after-500", test_post_not_retried_after_500);
  ADD ("/http/client/retry/idempotent-post-after-503", test_idempotent_post_retried_after_500);
  ADD ("/http/client/retry/post-after-429", test_post_retried_after_429);
  ADD ("/http/client/retry/dropped-connection", test_dropped_connection);
  ADD ("/http/client/retry-after/seconds", test_retry_after_seconds);
  ADD ("/http/client/retry-after/http-date", test_retry_after_http_date);
  g_test_add_func ("/http/client/retry-after/parse", test_retry_after_parse);
  ADD ("/http/client/errors/attempts-exhausted", test_attempts_exhausted);
  ADD ("/http/client/errors/rate-limited-exhausted", test_rate_limited_exhausted);
  ADD ("/http/client/errors/status-mapping", test_status_mapping);
  ADD ("/http/client/errors/timeout", test_timeout);
  ADD ("/http/client/errors/connection-refused", test_connection_refused);
  ADD ("/http/client/errors/invalid-request", test_invalid_request);
  ADD ("/http/client/errors/invalid-json", test_invalid_json);
  ADD ("/http/client/auth/refresh-once", test_auth_refresh_once);
  ADD ("/http/client/auth/unauthorized-twice", test_auth_unauthorized_twice);
  ADD ("/http/client/auth/authorizer-error", test_auth_authorizer_error);
  ADD ("/http/client/limits/concurrency-cap", test_concurrency_cap);
  g_test_add_func ("/http/client/limits/token-bucket", test_token_bucket);
  ADD ("/http/client/limits/rate-waits", test_rate_limit_waits);
  ADD ("/http/client/limits/rate-order", test_rate_limit_order);
  ADD ("/http/client/cancel/during-backoff", test_cancel_during_backoff);
  ADD ("/http/client/cancel/while-queued", test_cancel_while_queued);
  ADD ("/http/client/cancel/before-send", test_cancel_before_send);
  ADD ("/http/client/log/entry-per-attempt", test_log_entry_per_attempt);
  ADD ("/http/client/log/redaction", test_log_redaction);
#undef ADD

  return g_test_run ();
}
