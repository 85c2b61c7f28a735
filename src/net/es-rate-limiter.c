/* es-rate-limiter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-http"

#include "config.h"

#include "es-rate-limiter.h"

/* Tokens are counted in units of 1/60 000 000 so that a rate in requests per minute refills
 * a whole number of units per microsecond: no floating point drift. */
#define UNITS_PER_TOKEN (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

struct _EsRateLimiter
{
  GObject  parent_instance;

  GQueue   waiters;          /* (element-type GTask) (owned) */
  GSource *timer;            /* (nullable) (owned): wakes the head waiter when a token is due */

  guint    requests_per_minute;
  guint    burst;
  guint    max_concurrent;
  guint    in_flight;

  gint64   units;            /* tokens in the bucket, in UNITS_PER_TOKEN */
  gint64   last_refill_us;

  guint    bucket_started : 1;
};

typedef struct
{
  EsRateLimiter *self;          /* (unowned): the task's source object keeps it alive */
  GTask         *task;          /* (unowned): the queue holds the reference */
  GSource       *cancel_source; /* (nullable) (owned) */
} Waiter;

G_DEFINE_FINAL_TYPE (EsRateLimiter, es_rate_limiter, G_TYPE_OBJECT)

static void pump (EsRateLimiter *self);

static void
waiter_free (Waiter *waiter)
{
  if (waiter->cancel_source != NULL)
    {
      g_source_destroy (waiter->cancel_source);
      g_clear_pointer (&waiter->cancel_source, g_source_unref);
    }

  g_free (waiter);
}

static gint64
capacity_units (EsRateLimiter *self)
{
  guint burst = self->burst;

  if (burst == 0)
    burst = MAX (1, (self->requests_per_minute + 59) / 60);

  return (gint64) burst * UNITS_PER_TOKEN;
}

static gboolean
on_timer (gpointer user_data)
{
  EsRateLimiter *self = user_data;

  g_clear_pointer (&self->timer, g_source_unref);
  pump (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_timer (EsRateLimiter *self,
                gint64         wait_us)
{
  guint wait_ms = (guint) MIN ((wait_us + 999) / 1000, (gint64) G_MAXUINT);

  g_assert (self->timer == NULL);

  self->timer = g_timeout_source_new (wait_ms);
  g_source_set_static_name (self->timer, "[es] rate limiter");
  g_source_set_callback (self->timer, on_timer, self, NULL);
  g_source_attach (self->timer, g_main_context_get_thread_default ());
}

static void
clear_timer (EsRateLimiter *self)
{
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
}

static void
pump (EsRateLimiter *self)
{
  g_autoptr(GPtrArray) granted = g_ptr_array_new_with_free_func (g_object_unref);

  clear_timer (self);

  while (!g_queue_is_empty (&self->waiters))
    {
      Waiter *waiter;
      GTask *task;
      gint64 wait_us;

      /* A slot first, then a token: a token taken while waiting for a slot would be spent
       * long before the request goes out. */
      if (self->max_concurrent > 0 && self->in_flight >= self->max_concurrent)
        break;

      wait_us = es_rate_limiter_take_token (self, g_get_monotonic_time ());
      if (wait_us > 0)
        {
          schedule_timer (self, wait_us);
          break;
        }

      task = g_queue_pop_head (&self->waiters);
      waiter = g_task_get_task_data (task);
      if (waiter->cancel_source != NULL)
        {
          g_source_destroy (waiter->cancel_source);
          g_clear_pointer (&waiter->cancel_source, g_source_unref);
        }

      self->in_flight++;
      g_ptr_array_add (granted, task);
    }

  /* Returned only once the queue is consistent: a callback may release a slot right away,
   * which comes back here. */
  for (guint i = 0; i < granted->len; i++)
    g_task_return_boolean (g_ptr_array_index (granted, i), TRUE);
}

static gboolean
on_waiter_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  Waiter *waiter = user_data;
  g_autoptr(EsRateLimiter) self = g_object_ref (waiter->self);
  g_autoptr(GTask) task = g_object_ref (waiter->task);

  if (g_queue_remove (&self->waiters, task))
    {
      g_object_unref (task);
      pump (self);
      g_task_return_error_if_cancelled (task);
    }

  return G_SOURCE_REMOVE;
}

static void
es_rate_limiter_dispose (GObject *object)
{
  EsRateLimiter *self = (EsRateLimiter *)object;

  /* Waiters hold a reference through their task, so the queue is empty here. */
  g_assert (g_queue_is_empty (&self->waiters));
  clear_timer (self);

  G_OBJECT_CLASS (es_rate_limiter_parent_class)->dispose (object);
}

static void
es_rate_limiter_class_init (EsRateLimiterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = es_rate_limiter_dispose;
}

static void
es_rate_limiter_init (EsRateLimiter *self)
{
  g_queue_init (&self->waiters);
}

EsRateLimiter *
es_rate_limiter_new (guint requests_per_minute,
                     guint burst,
                     guint max_concurrent)
{
  EsRateLimiter *self = g_object_new (ES_TYPE_RATE_LIMITER, NULL);

  es_rate_limiter_set_limits (self, requests_per_minute, burst, max_concurrent);

  return self;
}

void
es_rate_limiter_set_limits (EsRateLimiter *self,
                            guint          requests_per_minute,
                            guint          burst,
                            guint          max_concurrent)
{
  g_return_if_fail (ES_IS_RATE_LIMITER (self));

  if (requests_per_minute != self->requests_per_minute)
    self->bucket_started = FALSE;

  self->requests_per_minute = requests_per_minute;
  self->burst = burst;
  self->max_concurrent = max_concurrent;
  self->units = MIN (self->units, capacity_units (self));

  pump (self);
}

gint64
es_rate_limiter_take_token (EsRateLimiter *self,
                            gint64         now_us)
{
  gint64 capacity;
  gint64 elapsed;
  gint64 rate;

  g_return_val_if_fail (ES_IS_RATE_LIMITER (self), 0);

  if (self->requests_per_minute == 0)
    return 0;

  rate = self->requests_per_minute;
  capacity = capacity_units (self);

  if (!self->bucket_started)
    {
      self->units = capacity;
      self->last_refill_us = now_us;
      self->bucket_started = TRUE;
    }

  /* Bounded so that elapsed × rate cannot overflow: past this the bucket is full anyway. */
  elapsed = CLAMP (now_us - self->last_refill_us, 0, capacity / rate + 1);
  self->units = MIN (capacity, self->units + elapsed * rate);
  self->last_refill_us = MAX (self->last_refill_us, now_us);

  if (self->units >= UNITS_PER_TOKEN)
    {
      self->units -= UNITS_PER_TOKEN;
      return 0;
    }

  return (UNITS_PER_TOKEN - self->units + rate - 1) / rate;
}

void
es_rate_limiter_acquire_async (EsRateLimiter       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Waiter *waiter;

  g_return_if_fail (ES_IS_RATE_LIMITER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, es_rate_limiter_acquire_async);
  /* A granted slot must reach the caller even if it was cancelled meanwhile, or it leaks. */
  g_task_set_check_cancellable (task, FALSE);

  if (g_task_return_error_if_cancelled (task))
    return;

  waiter = g_new0 (Waiter, 1);
  waiter->self = self;
  waiter->task = task;
  g_task_set_task_data (task, waiter, (GDestroyNotify) waiter_free);

  if (cancellable != NULL)
    {
      waiter->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_static_name (waiter->cancel_source, "[es] rate limiter cancel");
      g_source_set_callback (waiter->cancel_source, G_SOURCE_FUNC (on_waiter_cancelled),
                             waiter, NULL);
      g_source_attach (waiter->cancel_source, g_task_get_context (task));
    }

  g_queue_push_tail (&self->waiters, g_steal_pointer (&task));
  pump (self);
}

gboolean
es_rate_limiter_acquire_finish (EsRateLimiter  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (ES_IS_RATE_LIMITER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == es_rate_limiter_acquire_async,
                        FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
es_rate_limiter_release (EsRateLimiter *self)
{
  g_return_if_fail (ES_IS_RATE_LIMITER (self));
  g_return_if_fail (self->in_flight > 0);

  self->in_flight--;
  pump (self);
}

guint
es_rate_limiter_get_in_flight (EsRateLimiter *self)
{
  g_return_val_if_fail (ES_IS_RATE_LIMITER (self), 0);

  return self->in_flight;
}

guint
es_rate_limiter_get_queued (EsRateLimiter *self)
{
  g_return_val_if_fail (ES_IS_RATE_LIMITER (self), 0);

  return g_queue_get_length (&self->waiters);
}
