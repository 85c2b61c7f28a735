/* es-rate-limiter.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to the HTTP layer: EsHttpClient keeps one limiter per limit key.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ES_TYPE_RATE_LIMITER (es_rate_limiter_get_type ())
G_DECLARE_FINAL_TYPE (EsRateLimiter, es_rate_limiter, ES, RATE_LIMITER, GObject)

/**
 * es_rate_limiter_new:
 * @requests_per_minute: token bucket rate; 0 for no rate limit
 * @burst: bucket size; 0 for one second's worth of requests (at least 1)
 * @max_concurrent: slots held at once; 0 for no cap
 *
 * Returns: (transfer full): a limiter whose waiters are served first come, first served
 */
EsRateLimiter *es_rate_limiter_new            (guint                requests_per_minute,
                                               guint                burst,
                                               guint                max_concurrent);
/** es_rate_limiter_set_limits: Changes the limits; waiters are re-examined at once. */
void           es_rate_limiter_set_limits     (EsRateLimiter       *self,
                                               guint                requests_per_minute,
                                               guint                burst,
                                               guint                max_concurrent);
/**
 * es_rate_limiter_acquire_async:
 * Waits for a free slot and then a token. A cancelled waiter leaves the queue at once with
 * %G_IO_ERROR_CANCELLED and holds nothing.
 */
void           es_rate_limiter_acquire_async  (EsRateLimiter       *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/** es_rate_limiter_acquire_finish: Returns: %TRUE with a slot held: release it. */
gboolean       es_rate_limiter_acquire_finish (EsRateLimiter       *self,
                                               GAsyncResult        *result,
                                               GError             **error);
/** es_rate_limiter_release: Gives back a slot obtained from es_rate_limiter_acquire_async(). */
void           es_rate_limiter_release        (EsRateLimiter       *self);
/** es_rate_limiter_get_in_flight: Returns: slots held now. */
guint          es_rate_limiter_get_in_flight  (EsRateLimiter       *self);
/** es_rate_limiter_get_queued: Returns: waiters not yet served. */
guint          es_rate_limiter_get_queued     (EsRateLimiter       *self);
/**
 * es_rate_limiter_take_token:
 * @now_us: the monotonic time, in microseconds
 *
 * The token bucket itself, as a function of the time it is given (tests pass their own).
 *
 * Returns: 0 when a token was taken, otherwise the microseconds until one is available
 */
gint64         es_rate_limiter_take_token     (EsRateLimiter       *self,
                                               gint64               now_us);

G_END_DECLS
