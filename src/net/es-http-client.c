/* es-http-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-http"

#include "config.h"

#include <glib/gi18n.h>

#include "es-http-client.h"
#include "es-http-private.h"
#include "es-rate-limiter.h"
#include "es-redact.h"

#define DEFAULT_MAX_ATTEMPTS    5
#define DEFAULT_BASE_DELAY_MS   500
#define DEFAULT_MAX_DELAY_MS    60000
#define DEFAULT_RETRY_AFTER_MS  1000
#define DEFAULT_TIMEOUT_SECONDS 60
#define LOG_BODY_MAX            4096

/* libsoup 3.2 names no constant for it. */
#define STATUS_TOO_MANY_REQUESTS 429

struct _EsHttpClient
{
  GObject      parent_instance;

  SoupSession *session;
  GHashTable  *limiters;          /* (element-type utf8 EsRateLimiter) (owned) */
  GRand       *rand;              /* jitter; one per client so clients share no state */

  guint        max_attempts;
  guint        base_delay_ms;
  guint        max_delay_ms;
  guint        default_retry_after_ms;

  guint        log_details : 1;
};

enum {
  REQUEST_LOGGED,
  RETRY_SCHEDULED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The state of one es_http_client_send_async() across all its attempts. */
typedef struct
{
  EsHttpRequest *request;        /* (owned) */
  GUri          *uri;            /* (owned) */
  EsRateLimiter *limiter;        /* (owned) (nullable): none when the key has no limits */
  SoupMessage   *message;        /* (owned) (nullable): the current attempt */
  GSource       *wait_source;    /* (owned) (nullable): the pause before the next attempt */
  GSource       *cancel_source;  /* (owned) (nullable): ends that pause early */
  gint64         sent_at_us;
  guint          attempt;
  guint          max_attempts;

  guint          want_json : 1;
  guint          holds_slot : 1;
  guint          force_refresh : 1;  /* the next attempt renews the credentials first */
  guint          refreshed : 1;      /* the one renewal allowed after a 401 is used up */
} Send;

G_DEFINE_FINAL_TYPE (EsHttpClient, es_http_client, G_TYPE_OBJECT)

static void start_attempt (GTask *task);

static void
clear_wait (Send *send)
{
  if (send->wait_source != NULL)
    {
      g_source_destroy (send->wait_source);
      g_clear_pointer (&send->wait_source, g_source_unref);
    }

  if (send->cancel_source != NULL)
    {
      g_source_destroy (send->cancel_source);
      g_clear_pointer (&send->cancel_source, g_source_unref);
    }
}

static void
release_slot (Send *send)
{
  if (send->holds_slot)
    {
      send->holds_slot = FALSE;
      es_rate_limiter_release (send->limiter);
    }
}

static void
send_free (Send *send)
{
  release_slot (send);
  clear_wait (send);
  g_clear_object (&send->request);
  g_clear_pointer (&send->uri, g_uri_unref);
  g_clear_object (&send->limiter);
  g_clear_object (&send->message);
  g_free (send);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Send, send_free)

static void
append_headers (GString            *line,
                const char         *prefix,
                SoupMessageHeaders *headers)
{
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_autofree char *safe = es_redact_header_value (name, value);

      g_string_append_printf (line, "\n%s%s: %s", prefix, name, safe);
    }
}

static void
append_body (GString    *line,
             const char *prefix,
             GBytes     *body)
{
  g_autofree char *safe = NULL;

  if (body == NULL || g_bytes_get_size (body) == 0)
    return;

  safe = es_redact_bytes (body, LOG_BODY_MAX);
  g_string_append_printf (line, "\n%s%s", prefix, safe);
}

/* Every attempt ends here, whatever its outcome, so that the log has one entry per attempt. */
static void
log_attempt (EsHttpClient *self,
             Send         *send,
             const GError *transport_error,
             GBytes       *body,
             const char   *platform_code,
             const char   *platform_message,
             const char   *note)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *safe = NULL;
  gint64 elapsed_ms = (g_get_monotonic_time () - send->sent_at_us) / 1000;

  g_string_append_printf (line, "%s %s → ",
                          es_http_request_get_method (send->request),
                          es_http_request_get_uri (send->request));

  if (transport_error != NULL)
    {
      g_string_append_printf (line, "%s", transport_error->message);
    }
  else
    {
      guint status = soup_message_get_status (send->message);

      g_string_append_printf (line, "%u %s", status, soup_status_get_phrase (status));
    }

  if (platform_code != NULL || platform_message != NULL)
    g_string_append_printf (line, ": %s%s%s",
                            platform_code != NULL ? platform_code : "",
                            platform_code != NULL && platform_message != NULL ? " " : "",
                            platform_message != NULL ? platform_message : "");

  g_string_append_printf (line, " (attempt %u/%u, %" G_GINT64_FORMAT " ms%s%s)",
                          send->attempt, MAX (send->attempt, send->max_attempts), elapsed_ms,
                          note != NULL ? ", " : "", note != NULL ? note : "");

  if (self->log_details)
    {
      append_headers (line, "> ", soup_message_get_request_headers (send->message));
      append_body (line, "> ", _es_http_request_get_body (send->request));
      if (transport_error == NULL)
        {
          append_headers (line, "< ", soup_message_get_response_headers (send->message));
          append_body (line, "< ", body);
        }
    }

  /* The parts were redacted one by one; the whole entry goes through the filter once more
   * because the URI, the platform's message and error texts can carry secrets too. */
  safe = es_redact_text (line->str);
  g_signal_emit (self, signals[REQUEST_LOGGED], 0, safe);
  g_debug ("%s", safe);
}

static gboolean
status_is_retryable (guint status)
{
  /* 501 and 505 say the server will never support the request: asking again cannot help. */
  return status == SOUP_STATUS_REQUEST_TIMEOUT ||
         (status >= 500 && status < 600 &&
          status != SOUP_STATUS_NOT_IMPLEMENTED &&
          status != SOUP_STATUS_HTTP_VERSION_NOT_SUPPORTED);
}

static guint
choose_delay (EsHttpClient *self,
              guint         status,
              guint         attempt,
              gint64        retry_after_ms)
{
  guint64 step;

  if (retry_after_ms >= 0)
    return (guint) MIN (retry_after_ms, (gint64) self->max_delay_ms);

  if (status == STATUS_TOO_MANY_REQUESTS)
    return MIN (self->default_retry_after_ms, self->max_delay_ms);

  /* Full jitter: clients that failed together do not come back together. */
  step = (guint64) self->base_delay_ms << MIN (attempt - 1, 32u);
  step = MIN (step, (guint64) self->max_delay_ms);

  return (guint) g_rand_int_range (self->rand, 0, (gint32) step + 1);
}

static GError *
make_error (Send         *send,
            EsHttpError   code,
            guint         status,
            const GError *transport_error,
            const char   *platform_code,
            const char   *platform_message,
            GBytes       *body,
            gint64        retry_after_ms)
{
  const char *host = g_uri_get_host (send->uri);
  gint64 retry_after = retry_after_ms < 0 ? -1 : (retry_after_ms + 999) / 1000;
  g_autofree char *base = NULL;
  g_autofree char *detail = NULL;

  if (transport_error != NULL && code == ES_HTTP_ERROR_TIMEOUT)
    base = g_strdup_printf (_("%s did not answer in time"), host);
  else if (transport_error != NULL)
    base = g_strdup_printf (_("Could not connect to %s: %s"), host, transport_error->message);
  else
    {
      switch (code)
        {
        case ES_HTTP_ERROR_UNAUTHORIZED:
          base = g_strdup_printf (_("%s did not accept the credentials (HTTP %u)"), host, status);
          break;
        case ES_HTTP_ERROR_FORBIDDEN:
          base = g_strdup_printf (_("%s denied access (HTTP %u)"), host, status);
          break;
        case ES_HTTP_ERROR_NOT_FOUND:
          base = g_strdup_printf (_("%s has no such resource (HTTP %u)"), host, status);
          break;
        case ES_HTTP_ERROR_TOO_LARGE:
          base = g_strdup_printf (_("%s found the request too large (HTTP %u)"), host, status);
          break;
        case ES_HTTP_ERROR_RATE_LIMITED:
          base = g_strdup_printf (_("%s is receiving too many requests (HTTP %u)"), host, status);
          break;
        case ES_HTTP_ERROR_SERVER:
          base = g_strdup_printf (_("%s had an internal problem (HTTP %u)"), host, status);
          break;
        case ES_HTTP_ERROR_TIMEOUT:
          base = g_strdup_printf (_("%s did not answer in time (HTTP %u)"), host, status);
          break;
        case ES_HTTP_ERROR_BAD_REQUEST:
          base = g_strdup_printf (_("%s rejected the request (HTTP %u)"), host, status);
          break;
        case ES_HTTP_ERROR_INVALID_RESPONSE:
        case ES_HTTP_ERROR_CONNECTION:
        case ES_HTTP_ERROR_INVALID_REQUEST:
        default:
          base = g_strdup_printf (_("%s gave an unexpected answer (HTTP %u)"), host, status);
          break;
        }
    }

  if (platform_code != NULL && platform_message != NULL)
    detail = g_strdup_printf ("%s (%s)", platform_message, platform_code);
  else if (platform_code != NULL || platform_message != NULL)
    detail = g_strdup (platform_code != NULL ? platform_code : platform_message);

  if (detail != NULL)
    {
      /* A platform message may quote the request back, secrets and all. */
      g_autofree char *safe = es_redact_text (detail);

      return _es_http_error_new (code, status, platform_code, platform_message, body, retry_after,
                                 "%s: %s", base, safe);
    }

  return _es_http_error_new (code, status, platform_code, platform_message, body, retry_after,
                             "%s", base);
}

static void
succeed (GTask *task,
         Send  *send,
         GBytes *body)
{
  g_autoptr(EsHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  response = _es_http_response_new (soup_message_get_status (send->message),
                                    soup_message_get_response_headers (send->message),
                                    body, send->attempt);

  if (!send->want_json)
    {
      g_task_return_pointer (task, g_steal_pointer (&response), g_object_unref);
      return;
    }

  node = es_http_response_parse_json (response, &error);
  if (node == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
}

static gboolean
on_wait_done (gpointer user_data)
{
  GTask *task = user_data;
  Send *send = g_task_get_task_data (task);

  /* Holds the task while the wait's sources, which also reference it, go away. */
  g_object_ref (task);
  clear_wait (send);
  start_attempt (task);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

static gboolean
on_wait_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);
  Send *send = g_task_get_task_data (task);

  clear_wait (send);
  g_task_return_error_if_cancelled (task);

  return G_SOURCE_REMOVE;
}

static void
wait_then_retry (GTask *task,
                 guint  delay_ms)
{
  Send *send = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GMainContext *context = g_task_get_context (task);

  g_assert (send->wait_source == NULL);

  send->wait_source = g_timeout_source_new (delay_ms);
  g_source_set_static_name (send->wait_source, "[es] http retry");
  g_source_set_callback (send->wait_source, on_wait_done, g_object_ref (task), g_object_unref);
  g_source_attach (send->wait_source, context);

  if (cancellable != NULL)
    {
      send->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_static_name (send->cancel_source, "[es] http retry cancel");
      g_source_set_callback (send->cancel_source, G_SOURCE_FUNC (on_wait_cancelled),
                             g_object_ref (task), g_object_unref);
      g_source_attach (send->cancel_source, context);
    }
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EsHttpClient *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);
  EsHttpAuthorizer *authorizer = _es_http_request_get_authorizer (send->request);
  gboolean idempotent = es_http_request_get_idempotent (send->request);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *platform_code = NULL;
  g_autofree char *platform_message = NULL;
  g_autofree char *note = NULL;
  gint64 retry_after_ms = -1;
  guint status = 0;
  EsHttpError code;
  gboolean retryable;

  g_assert (SOUP_IS_SESSION (source));
  g_assert (G_IS_TASK (task));

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  release_slot (send);

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          log_attempt (self, send, error, NULL, NULL, NULL, NULL);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      code = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)
             ? ES_HTTP_ERROR_TIMEOUT : ES_HTTP_ERROR_CONNECTION;
      /* The server may have acted before the connection broke; a certificate problem does
       * not go away by asking again. */
      retryable = idempotent && error->domain != G_TLS_ERROR;
    }
  else
    {
      SoupMessageHeaders *headers = soup_message_get_response_headers (send->message);
      EsHttpErrorParser parser = _es_http_request_get_error_parser (send->request);
      const char *retry_after = soup_message_headers_get_one (headers, "Retry-After");

      status = soup_message_get_status (send->message);
      if (SOUP_STATUS_IS_SUCCESSFUL (status))
        {
          log_attempt (self, send, NULL, body, NULL, NULL, NULL);
          succeed (task, send, body);
          return;
        }

      retry_after_ms = es_http_parse_retry_after (retry_after, NULL);
      if (parser != NULL)
        parser (status, body, soup_message_headers_get_content_type (headers, NULL),
                &platform_code, &platform_message);

      if (status == SOUP_STATUS_UNAUTHORIZED && authorizer != NULL && !send->refreshed)
        {
          /* Once only: a second 401 after fresh credentials means they are not accepted. */
          send->refreshed = TRUE;
          send->force_refresh = TRUE;
          log_attempt (self, send, NULL, body, platform_code, platform_message,
                       "renewing the credentials");
          start_attempt (task);
          return;
        }

      code = _es_http_error_code_for_status (status);
      /* A 429 means the server refused without acting, so even a POST may be repeated. */
      retryable = status == STATUS_TOO_MANY_REQUESTS ||
                  (idempotent && status_is_retryable (status));
    }

  if (retryable && send->attempt < send->max_attempts)
    {
      guint delay_ms = choose_delay (self, status, send->attempt, retry_after_ms);

      note = g_strdup_printf ("retry in %u ms", delay_ms);
      log_attempt (self, send, error, body, platform_code, platform_message, note);
      wait_then_retry (task, delay_ms);
      g_signal_emit (self, signals[RETRY_SCHEDULED], 0,
                     send->request, send->attempt, status, delay_ms, retry_after_ms);
      return;
    }

  log_attempt (self, send, error, body, platform_code, platform_message, NULL);
  g_task_return_error (task, make_error (send, code, status, error, platform_code,
                                         platform_message, body, retry_after_ms));
}

static void
send_message (GTask *task)
{
  EsHttpClient *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);

  send->sent_at_us = g_get_monotonic_time ();
  soup_session_send_and_read_async (self->session,
                                    send->message,
                                    G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task),
                                    on_sent,
                                    g_object_ref (task));
}

static void
on_acquired (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Send *send = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_assert (ES_IS_RATE_LIMITER (source));

  if (!es_rate_limiter_acquire_finish (ES_RATE_LIMITER (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  send->holds_slot = TRUE;

  /* The caller may have given up while the request was granted its slot. */
  if (g_task_return_error_if_cancelled (task))
    {
      release_slot (send);
      return;
    }

  send_message (task);
}

static void
acquire_slot (GTask *task)
{
  Send *send = g_task_get_task_data (task);

  if (send->limiter == NULL)
    {
      send_message (task);
      return;
    }

  es_rate_limiter_acquire_async (send->limiter,
                                 g_task_get_cancellable (task),
                                 on_acquired,
                                 g_object_ref (task));
}

static void
on_authorized (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  g_assert (ES_IS_HTTP_AUTHORIZER (source));

  if (!es_http_authorizer_authorize_finish (ES_HTTP_AUTHORIZER (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          Send *send = g_task_get_task_data (task);

          send->sent_at_us = g_get_monotonic_time ();
          log_attempt (g_task_get_source_object (task), send, error, NULL, NULL, NULL,
                       "not sent: no credentials");
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Credentials first, then the limiter: a renewal may itself go through this client, and
   * must not wait behind the request that needs it. */
  acquire_slot (task);
}

static SoupMessage *
build_message (Send *send)
{
  SoupMessage *message;
  SoupMessageHeaders *headers;
  SoupMessageHeadersIter iter;
  GBytes *body;
  const char *name;
  const char *value;

  message = soup_message_new_from_uri (es_http_request_get_method (send->request), send->uri);
  headers = soup_message_get_request_headers (message);

  soup_message_headers_iter_init (&iter, _es_http_request_get_headers (send->request));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_append (headers, name, value);

  if (send->want_json && soup_message_headers_get_one (headers, "Accept") == NULL)
    soup_message_headers_replace (headers, "Accept", "application/json");

  body = _es_http_request_get_body (send->request);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (message,
                                              _es_http_request_get_content_type (send->request),
                                              body);

  if (es_http_request_get_idempotent (send->request))
    soup_message_add_flags (message, SOUP_MESSAGE_IDEMPOTENT);

  return message;
}

static void
start_attempt (GTask *task)
{
  Send *send = g_task_get_task_data (task);
  EsHttpAuthorizer *authorizer = _es_http_request_get_authorizer (send->request);
  gboolean force_refresh = send->force_refresh;

  send->attempt++;
  send->force_refresh = FALSE;
  g_clear_object (&send->message);
  send->message = build_message (send);

  if (authorizer == NULL)
    {
      acquire_slot (task);
      return;
    }

  es_http_authorizer_authorize_async (authorizer,
                                      send->message,
                                      force_refresh,
                                      g_task_get_cancellable (task),
                                      on_authorized,
                                      g_object_ref (task));
}

static GUri *
parse_request_uri (EsHttpRequest  *request,
                   GError        **error)
{
  const char *text = es_http_request_get_uri (request);
  g_autoptr(GUri) uri = g_uri_parse (text, SOUP_HTTP_URI_FLAGS, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "https") != 0) ||
      host == NULL || *host == '\0')
    {
      g_autofree char *safe = es_redact_text (text);

      g_propagate_error (error,
                         _es_http_error_new (ES_HTTP_ERROR_INVALID_REQUEST, 0, NULL, NULL, NULL, -1,
                                             _("“%s” is not an absolute http or https address"),
                                             safe));
      return NULL;
    }

  return g_steal_pointer (&uri);
}

static void
send_internal (EsHttpClient        *self,
               EsHttpRequest       *request,
               gboolean             want_json,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               gpointer             source_tag)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(Send) send = NULL;
  g_autoptr(GError) error = NULL;
  EsRateLimiter *limiter;
  guint max_attempts;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  send = g_new0 (Send, 1);
  send->request = g_object_ref (request);
  send->want_json = !!want_json;

  max_attempts = _es_http_request_get_max_attempts (request);
  send->max_attempts = max_attempts > 0 ? max_attempts : self->max_attempts;

  limiter = g_hash_table_lookup (self->limiters, es_http_request_get_limit_key (request));
  if (limiter != NULL)
    send->limiter = g_object_ref (limiter);

  send->uri = parse_request_uri (request, &error);
  g_task_set_task_data (task, g_steal_pointer (&send), (GDestroyNotify) send_free);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  start_attempt (task);
}

static void
es_http_client_finalize (GObject *object)
{
  EsHttpClient *self = (EsHttpClient *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->limiters, g_hash_table_unref);
  g_clear_pointer (&self->rand, g_rand_free);

  G_OBJECT_CLASS (es_http_client_parent_class)->finalize (object);
}

static void
es_http_client_class_init (EsHttpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = es_http_client_finalize;

  /**
   * EsHttpClient::request-logged:
   * @self: the client
   * @line: the redacted log entry of one attempt
   */
  signals[REQUEST_LOGGED] =
    g_signal_new ("request-logged",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * EsHttpClient::retry-scheduled:
   * @self: the client
   * @request: the request
   * @attempt: the attempt that failed
   * @status: its HTTP status, 0 for a transport error
   * @delay_ms: the wait before the next attempt
   * @retry_after_ms: what the server asked for through Retry-After, or -1
   */
  signals[RETRY_SCHEDULED] =
    g_signal_new ("retry-scheduled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 5,
                  ES_TYPE_HTTP_REQUEST, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_INT64);
}

static void
es_http_client_init (EsHttpClient *self)
{
  /* libsoup's default of 2 connections per host would cap concurrency below the limits the
   * platforms allow (Intuit: 10 per company). */
  self->session = soup_session_new_with_options ("max-conns", 64,
                                                 "max-conns-per-host", 16,
                                                 "timeout", DEFAULT_TIMEOUT_SECONDS,
                                                 NULL);
  self->limiters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->rand = g_rand_new ();
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
  self->base_delay_ms = DEFAULT_BASE_DELAY_MS;
  self->max_delay_ms = DEFAULT_MAX_DELAY_MS;
  self->default_retry_after_ms = DEFAULT_RETRY_AFTER_MS;
}

EsHttpClient *
es_http_client_new (void)
{
  return g_object_new (ES_TYPE_HTTP_CLIENT, NULL);
}

SoupSession *
es_http_client_get_session (EsHttpClient *self)
{
  g_return_val_if_fail (ES_IS_HTTP_CLIENT (self), NULL);

  return self->session;
}

void
es_http_client_set_retry_policy (EsHttpClient *self,
                                 guint         max_attempts,
                                 guint         base_delay_ms,
                                 guint         max_delay_ms)
{
  g_return_if_fail (ES_IS_HTTP_CLIENT (self));
  g_return_if_fail (max_attempts >= 1);

  self->max_attempts = max_attempts;
  self->base_delay_ms = base_delay_ms;
  /* The jitter is drawn as a gint32. */
  self->max_delay_ms = MIN (max_delay_ms, (guint) G_MAXINT32 - 1);
}

void
es_http_client_set_default_retry_after (EsHttpClient *self,
                                        guint         delay_ms)
{
  g_return_if_fail (ES_IS_HTTP_CLIENT (self));

  self->default_retry_after_ms = delay_ms;
}

void
es_http_client_set_limits (EsHttpClient *self,
                           const char   *key,
                           guint         requests_per_minute,
                           guint         burst,
                           guint         max_concurrent)
{
  EsRateLimiter *limiter;

  g_return_if_fail (ES_IS_HTTP_CLIENT (self));
  g_return_if_fail (key != NULL);

  limiter = g_hash_table_lookup (self->limiters, key);
  if (limiter != NULL)
    es_rate_limiter_set_limits (limiter, requests_per_minute, burst, max_concurrent);
  else
    g_hash_table_insert (self->limiters, g_strdup (key),
                         es_rate_limiter_new (requests_per_minute, burst, max_concurrent));
}

guint
es_http_client_get_in_flight (EsHttpClient *self,
                              const char   *key)
{
  EsRateLimiter *limiter;

  g_return_val_if_fail (ES_IS_HTTP_CLIENT (self), 0);
  g_return_val_if_fail (key != NULL, 0);

  limiter = g_hash_table_lookup (self->limiters, key);

  return limiter != NULL ? es_rate_limiter_get_in_flight (limiter) : 0;
}

guint
es_http_client_get_queued (EsHttpClient *self,
                           const char   *key)
{
  EsRateLimiter *limiter;

  g_return_val_if_fail (ES_IS_HTTP_CLIENT (self), 0);
  g_return_val_if_fail (key != NULL, 0);

  limiter = g_hash_table_lookup (self->limiters, key);

  return limiter != NULL ? es_rate_limiter_get_queued (limiter) : 0;
}

void
es_http_client_set_user_agent (EsHttpClient *self,
                               const char   *user_agent)
{
  g_return_if_fail (ES_IS_HTTP_CLIENT (self));

  soup_session_set_user_agent (self->session, user_agent);
}

void
es_http_client_set_timeout (EsHttpClient *self,
                            guint         seconds)
{
  g_return_if_fail (ES_IS_HTTP_CLIENT (self));

  soup_session_set_timeout (self->session, seconds);
}

void
es_http_client_set_log_details (EsHttpClient *self,
                                gboolean      log_details)
{
  g_return_if_fail (ES_IS_HTTP_CLIENT (self));

  self->log_details = !!log_details;
}

void
es_http_client_send_async (EsHttpClient        *self,
                           EsHttpRequest       *request,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (ES_IS_HTTP_CLIENT (self));
  g_return_if_fail (ES_IS_HTTP_REQUEST (request));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  send_internal (self, request, FALSE, cancellable, callback, user_data,
                 es_http_client_send_async);
}

EsHttpResponse *
es_http_client_send_finish (EsHttpClient  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (ES_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == es_http_client_send_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
es_http_client_send_json_async (EsHttpClient        *self,
                                EsHttpRequest       *request,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (ES_IS_HTTP_CLIENT (self));
  g_return_if_fail (ES_IS_HTTP_REQUEST (request));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  send_internal (self, request, TRUE, cancellable, callback, user_data,
                 es_http_client_send_json_async);
}

JsonNode *
es_http_client_send_json_finish (EsHttpClient  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (ES_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == es_http_client_send_json_async,
                        NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
