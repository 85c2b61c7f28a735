/* es-http-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "es-http-authorizer.h"
#include "es-http-error.h"
#include "es-http-request.h"
#include "es-http-response.h"

G_BEGIN_DECLS

#define ES_TYPE_HTTP_CLIENT (es_http_client_get_type ())
G_DECLARE_FINAL_TYPE (EsHttpClient, es_http_client, ES, HTTP_CLIENT, GObject)

/** es_http_client_new: Returns: (transfer full): a client over one new #SoupSession. */
EsHttpClient   *es_http_client_new                     (void);
/** es_http_client_get_session: Returns: (transfer none): the session every request goes through. */
SoupSession    *es_http_client_get_session             (EsHttpClient        *self);
/**
 * es_http_client_set_retry_policy:
 * @max_attempts: attempts per request, including the first (default 5, at least 1)
 * @base_delay_ms: first backoff step (default 500)
 * @max_delay_ms: cap of one backoff step and of any Retry-After wait (default 60000)
 *
 * Backoff is exponential with full jitter: after failed attempt n the client waits a uniform
 * random time in [0, min(max, base·2ⁿ⁻¹)]; a Retry-After (seconds or HTTP date) replaces it
 * when present, capped at @max_delay_ms.
 */
void            es_http_client_set_retry_policy        (EsHttpClient        *self,
                                                        guint                max_attempts,
                                                        guint                base_delay_ms,
                                                        guint                max_delay_ms);
/**
 * es_http_client_set_default_retry_after:
 * The wait after a 429 without Retry-After (ms, default 1000, capped by the retry policy's
 * maximum). Intuit sends none and asks for 60 s, so its connector sets 60000.
 */
void            es_http_client_set_default_retry_after (EsHttpClient        *self,
                                                        guint                delay_ms);
/**
 * es_http_client_set_limits:
 * @key: a limit key (a host such as "example.com:443" or a connector's own key)
 * @requests_per_minute: token bucket rate; 0 for no rate limit
 * @burst: requests allowed back to back; 0 for one second's worth (at least 1)
 * @max_concurrent: requests in flight at once; 0 for no cap
 *
 * Requests over the limits wait in one first-come, first-served queue per key.
 */
void            es_http_client_set_limits              (EsHttpClient        *self,
                                                        const char          *key,
                                                        guint                requests_per_minute,
                                                        guint                burst,
                                                        guint                max_concurrent);
/** es_http_client_get_in_flight: Returns: requests under @key's limits being sent now. */
guint           es_http_client_get_in_flight           (EsHttpClient        *self,
                                                        const char          *key);
/** es_http_client_get_queued: Returns: requests waiting for @key's limits. */
guint           es_http_client_get_queued              (EsHttpClient        *self,
                                                        const char          *key);
/** es_http_client_set_user_agent: Sets the User-Agent sent with every request. */
void            es_http_client_set_user_agent          (EsHttpClient        *self,
                                                        const char          *user_agent);
/** es_http_client_set_timeout: Seconds without progress before an attempt fails (default 60). */
void            es_http_client_set_timeout             (EsHttpClient        *self,
                                                        guint                seconds);
/**
 * es_http_client_set_log_details:
 * Adds the headers and the first 4 KiB of the bodies to each request log entry, redacted
 * like the rest of it.
 */
void            es_http_client_set_log_details         (EsHttpClient        *self,
                                                        gboolean             log_details);
/**
 * es_http_client_send_async:
 * Sends @request, waiting for the rate limiter and concurrency cap of its limit key, retrying
 * as the retry policy allows. Any non-2xx final status is an %ES_HTTP_ERROR; an error from the
 * request's authorizer is returned unchanged.
 */
void            es_http_client_send_async              (EsHttpClient        *self,
                                                        EsHttpRequest       *request,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
/** es_http_client_send_finish: Returns: (transfer full): the 2xx response, or %NULL with @error. */
EsHttpResponse *es_http_client_send_finish             (EsHttpClient        *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
/**
 * es_http_client_send_json_async:
 * Like es_http_client_send_async(), and parses the body as JSON (an empty body is a JSON null).
 * Sends `Accept: application/json` unless the request sets its own Accept.
 */
void            es_http_client_send_json_async         (EsHttpClient        *self,
                                                        EsHttpRequest       *request,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
/** es_http_client_send_json_finish: Returns: (transfer full): the parsed body, or %NULL. */
JsonNode       *es_http_client_send_json_finish        (EsHttpClient        *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/*
 * Signals:
 *
 * "request-logged" (const char *line): one redacted entry per attempt, e.g.
 * "POST https://…/token?client_secret=[REDACTED] → 429 Too Many Requests (attempt 1/5, 3 ms,
 * retry in 1000 ms)"; with es_http_client_set_log_details() further lines follow, starting with
 * "> " for the request and "< " for the response. The same entry goes to g_debug() under the
 * "es-http" log domain.
 *
 * "retry-scheduled" (EsHttpRequest *request, guint attempt, guint status, guint delay_ms,
 * gint64 retry_after_ms): emitted when attempt @attempt failed (@status 0 for a transport
 * error) and the next one starts in @delay_ms; @retry_after_ms is what the server asked for
 * through Retry-After, or -1.
 */

G_END_DECLS
