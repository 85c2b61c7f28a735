/* es-oauth2-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-oauth2-session"

#include "config.h"

#include <glib/gi18n.h>

#include "es-oauth2-session.h"

/*
 * One account's tokens, after gnome-online-accounts' refresh under a per-account lock, but
 * without blocking: callers queue as GTasks and one operation at a time (read the keyring,
 * refresh, save) serves everyone waiting. Intuit invalidates a refresh token as soon as it has
 * issued the next one, so two refreshes racing, or a rotated token that never reached the
 * keyring, would leave the account needing a reconnect; hence one refresh per account, and no
 * new access token handed out before its refresh token is saved.
 */

#define DEFAULT_REFRESH_MARGIN (5 * G_TIME_SPAN_MINUTE)

typedef enum
{
  WAITER_GET,
  WAITER_SAVE,
} WaiterKind;

typedef struct
{
  WaiterKind     kind;
  EsOAuth2Token *token;          /* (owned) (nullable): SAVE, until the session adopts it */
  GError        *error;          /* (owned) (nullable): the waiter is to fail with this */
  GSource       *cancel_source;  /* (owned) (nullable) */
  guint          force : 1;      /* GET: the current access token was refused */
  guint          refreshed : 1;  /* GET: a refresh finished while it waited */
  guint          load_done : 1;  /* GET: the keyring was read while it waited */
  guint          adopted : 1;    /* SAVE: its token is the session's now */
} Waiter;

struct _EsOAuth2Session
{
  GObject        parent_instance;

  EsOAuth2Flow  *flow;
  EsSecretStore *store;
  char          *system;
  char          *account;
  char          *description;
  GTimeSpan      refresh_margin;

  /* Stops the shared operations when the session goes away; callers cancel only their wait. */
  GCancellable  *cancellable;

  EsOAuth2Token *token;          /* (nullable): the current token */
  GQueue         waiters;        /* (element-type GTask) (owned) */

  guint          busy : 1;       /* a keyring read, a refresh or a save is running */
  guint          processing : 1; /* session_process() is on the stack */
  guint          unsaved : 1;    /* @token is not in the keyring yet */
};

static void es_oauth2_session_authorizer_init (EsHttpAuthorizerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EsOAuth2Session, es_oauth2_session, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ES_TYPE_HTTP_AUTHORIZER,
                                                      es_oauth2_session_authorizer_init))

static void session_process (EsOAuth2Session *self);

static void
destroy_source (GSource *source)
{
  g_source_destroy (source);
  g_source_unref (source);
}

static void
waiter_free (gpointer data)
{
  Waiter *waiter = data;

  g_assert (waiter->cancel_source == NULL);

  g_clear_object (&waiter->token);
  g_clear_error (&waiter->error);
  g_free (waiter);
}

/* Marks waiters to fail with a copy of @error; session_process() answers them. */
static void
fail_waiters (EsOAuth2Session *self,
              const GError    *error,
              gboolean         with_adopted_saves)
{
  for (const GList *l = self->waiters.head; l != NULL; l = l->next)
    {
      Waiter *waiter = g_task_get_task_data (l->data);

      if (waiter->error != NULL)
        continue;
      if (waiter->kind == WAITER_GET || (with_adopted_saves && waiter->adopted))
        waiter->error = g_error_copy (error);
    }
}

static void
mark_waiters (EsOAuth2Session *self,
              gboolean         refreshed,
              gboolean         load_done)
{
  for (const GList *l = self->waiters.head; l != NULL; l = l->next)
    {
      Waiter *waiter = g_task_get_task_data (l->data);

      if (waiter->kind != WAITER_GET)
        continue;
      waiter->refreshed |= refreshed;
      waiter->load_done |= load_done;
    }
}

/* Takes @task out of the queue and answers it; its callback may run right away. */
static void
waiter_return (EsOAuth2Session *self,
               GTask           *task)
{
  g_autoptr(GTask) owned = task;
  Waiter *waiter = g_task_get_task_data (task);

  g_assert (self->processing);

  g_queue_remove (&self->waiters, task);
  g_clear_pointer (&waiter->cancel_source, destroy_source);

  if (waiter->error != NULL)
    g_task_return_error (task, g_steal_pointer (&waiter->error));
  else if (waiter->kind == WAITER_SAVE)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_pointer (task, g_object_ref (self->token), g_object_unref);
}

static gboolean
answer_failed_waiters (EsOAuth2Session *self)
{
  for (const GList *l = self->waiters.head; l != NULL; l = l->next)
    {
      Waiter *waiter = g_task_get_task_data (l->data);

      if (waiter->error != NULL)
        {
          /* One at a time: its callback may change the queue. */
          waiter_return (self, l->data);
          return TRUE;
        }
    }

  return FALSE;
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(EsOAuth2Session) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;

  if (!es_secret_store_store_finish (ES_SECRET_STORE (object), result, &error))
    {
      /* The token stays in memory, unsaved: the next caller tries again, and until then no
       * one uses an access token whose refresh token could be lost. */
      g_debug ("Could not save the token of %s account %s: %s",
               self->system, self->account, error->message);
      fail_waiters (self, error, TRUE);
    }
  else
    self->unsaved = FALSE;

  session_process (self);
}

static void
start_save (EsOAuth2Session *self)
{
  g_autoptr(JsonObject) object = NULL;

  g_assert (!self->busy);
  g_assert (self->token != NULL);

  self->busy = TRUE;
  object = es_oauth2_token_to_json (self->token);
  es_secret_store_store_async (self->store, self->system, self->account, self->description,
                               object, self->cancellable, on_saved, g_object_ref (self));
}

static void
on_refreshed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(EsOAuth2Session) self = user_data;
  g_autoptr(EsOAuth2Token) token = NULL;
  g_autoptr(GError) error = NULL;

  token = es_oauth2_flow_refresh_finish (ES_OAUTH2_FLOW (object), result, &error);
  self->busy = FALSE;

  if (token == NULL)
    {
      g_debug ("Could not refresh the token of %s account %s: %s",
               self->system, self->account, error->message);
      fail_waiters (self, error, FALSE);
      session_process (self);
      return;
    }

  g_debug ("Refreshed the token of %s account %s", self->system, self->account);

  g_set_object (&self->token, token);
  self->unsaved = TRUE;
  mark_waiters (self, TRUE, FALSE);

  /* Saved first: session_process() hands out nothing unsaved. */
  session_process (self);
}

static void
start_refresh (EsOAuth2Session *self)
{
  g_assert (!self->busy);
  g_assert (self->token != NULL);

  self->busy = TRUE;
  es_oauth2_flow_refresh_async (self->flow, self->token, self->cancellable,
                                on_refreshed, g_object_ref (self));
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(EsOAuth2Session) self = user_data;
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(EsOAuth2Token) token = NULL;
  g_autoptr(GError) error = NULL;

  saved = es_secret_store_lookup_finish (ES_SECRET_STORE (object), result, &error);
  self->busy = FALSE;

  if (error == NULL && saved != NULL)
    token = es_oauth2_token_new_from_json (saved, &error);

  if (error != NULL)
    fail_waiters (self, error, FALSE);
  else if (token != NULL)
    g_set_object (&self->token, token);
  else
    mark_waiters (self, FALSE, TRUE);

  session_process (self);
}

static void
start_load (EsOAuth2Session *self)
{
  g_assert (!self->busy);

  self->busy = TRUE;
  es_secret_store_lookup_async (self->store, self->system, self->account, self->cancellable,
                                on_loaded, g_object_ref (self));
}

static gboolean
token_is_fresh (EsOAuth2Session *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return !es_oauth2_token_expires_within (self->token, now, self->refresh_margin);
}

/* Serves the queue in order, starting at most one operation at a time. Re-entered from the
 * callbacks of the tasks it answers, it leaves the work to the outer call. */
static void
session_process (EsOAuth2Session *self)
{
  if (self->processing)
    return;

  self->processing = TRUE;

  for (;;)
    {
      GTask *task;
      Waiter *waiter;

      if (answer_failed_waiters (self))
        continue;

      if (self->busy || (task = g_queue_peek_head (&self->waiters)) == NULL)
        break;

      waiter = g_task_get_task_data (task);

      if (waiter->kind == WAITER_SAVE)
        {
          if (!waiter->adopted)
            {
              g_set_object (&self->token, waiter->token);
              g_clear_object (&waiter->token);
              waiter->adopted = TRUE;
              self->unsaved = TRUE;
            }

          if (self->unsaved)
            start_save (self);
          else
            waiter_return (self, task);
          continue;
        }

      if (self->token == NULL)
        {
          if (waiter->load_done)
            waiter->error = g_error_new (ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_NOT_CONNECTED,
                                         _("No sign-in is saved for this account (%s). "
                                           "Connect it first."),
                                         self->account);
          else
            start_load (self);
          continue;
        }

      if (self->unsaved)
        start_save (self);
      else if (waiter->refreshed || (!waiter->force && token_is_fresh (self)))
        waiter_return (self, task);
      else
        start_refresh (self);
    }

  self->processing = FALSE;
}

static gboolean
on_waiter_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  GTask *task = user_data;
  EsOAuth2Session *self = g_task_get_source_object (task);
  Waiter *waiter = g_task_get_task_data (task);

  /* Only this caller stops waiting: a refresh under way goes on, for the rotated token. */
  g_clear_pointer (&waiter->cancel_source, g_source_unref);
  g_clear_error (&waiter->error);
  waiter->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                       _("Operation was cancelled"));
  session_process (self);

  return G_SOURCE_REMOVE;
}

static void
enqueue (EsOAuth2Session *self,
         GTask           *task,
         Waiter          *waiter)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_task_set_task_data (task, waiter, waiter_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (cancellable != NULL)
    {
      waiter->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (waiter->cancel_source, G_SOURCE_FUNC (on_waiter_cancelled),
                             task, NULL);
      g_source_attach (waiter->cancel_source, g_task_get_context (task));
    }

  g_queue_push_tail (&self->waiters, g_object_ref (task));
  session_process (self);
}

/* ------------------------------------------------------------------------------------------- */
/* EsHttpAuthorizer                                                                             */
/* ------------------------------------------------------------------------------------------- */

static void
on_authorize_token (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(EsOAuth2Token) token = NULL;
  g_autofree char *value = NULL;
  SoupMessage *message;
  GError *error = NULL;

  token = es_oauth2_session_get_token_finish (ES_OAUTH2_SESSION (object), result, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  message = g_task_get_task_data (task);
  value = g_strconcat ("Bearer ", es_oauth2_token_get_access_token (token), NULL);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Authorization", value);

  g_task_return_boolean (task, TRUE);
}

static void
es_oauth2_session_authorize_async (EsHttpAuthorizer    *authorizer,
                                   SoupMessage         *message,
                                   gboolean             force_refresh,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  EsOAuth2Session *self = ES_OAUTH2_SESSION (authorizer);
  g_autoptr(GTask) task = NULL;

  g_assert (SOUP_IS_MESSAGE (message));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, es_oauth2_session_authorize_async);
  g_task_set_task_data (task, g_object_ref (message), g_object_unref);

  /* The HTTP client builds a new message per attempt, so a forced refresh cannot tell which
   * token was refused; one that arrives while a refresh runs joins it (see get_token_async). */
  es_oauth2_session_get_token_async (self, force_refresh, cancellable,
                                     on_authorize_token, g_steal_pointer (&task));
}

static gboolean
es_oauth2_session_authorize_finish (EsHttpAuthorizer  *authorizer,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  g_assert (g_task_is_valid (result, authorizer));
  g_assert (g_task_get_source_tag (G_TASK (result)) == es_oauth2_session_authorize_async);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
es_oauth2_session_authorizer_init (EsHttpAuthorizerInterface *iface)
{
  iface->authorize_async = es_oauth2_session_authorize_async;
  iface->authorize_finish = es_oauth2_session_authorize_finish;
}

/* ------------------------------------------------------------------------------------------- */
/* GObject                                                                                      */
/* ------------------------------------------------------------------------------------------- */

static void
es_oauth2_session_dispose (GObject *object)
{
  EsOAuth2Session *self = ES_OAUTH2_SESSION (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (es_oauth2_session_parent_class)->dispose (object);
}

static void
es_oauth2_session_finalize (GObject *object)
{
  EsOAuth2Session *self = ES_OAUTH2_SESSION (object);

  /* Waiters and operations hold references on the session. */
  g_assert (g_queue_is_empty (&self->waiters));
  g_assert (!self->busy);

  g_clear_object (&self->flow);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->token);
  g_clear_pointer (&self->system, g_free);
  g_clear_pointer (&self->account, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (es_oauth2_session_parent_class)->finalize (object);
}

static void
es_oauth2_session_class_init (EsOAuth2SessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = es_oauth2_session_dispose;
  object_class->finalize = es_oauth2_session_finalize;
}

static void
es_oauth2_session_init (EsOAuth2Session *self)
{
  self->cancellable = g_cancellable_new ();
  self->refresh_margin = DEFAULT_REFRESH_MARGIN;
  g_queue_init (&self->waiters);
}

/* ------------------------------------------------------------------------------------------- */
/* Public API                                                                                   */
/* ------------------------------------------------------------------------------------------- */

/**
 * es_oauth2_session_new:
 * @flow: the provider's flow, used to refresh
 * @store: where the account's token is kept
 * @system: the keyring item's system, e.g. "quickbooks"
 * @account: the keyring item's account, e.g. the QuickBooks company id
 * @description: translated, for the keyring item's label
 *
 * Returns: (transfer full): a session for one connected account
 */
EsOAuth2Session *
es_oauth2_session_new (EsOAuth2Flow  *flow,
                       EsSecretStore *store,
                       const char    *system,
                       const char    *account,
                       const char    *description)
{
  EsOAuth2Session *self;

  g_return_val_if_fail (ES_IS_OAUTH2_FLOW (flow), NULL);
  g_return_val_if_fail (ES_IS_SECRET_STORE (store), NULL);
  g_return_val_if_fail (system != NULL && *system != '\0', NULL);
  g_return_val_if_fail (account != NULL && *account != '\0', NULL);
  g_return_val_if_fail (description != NULL, NULL);

  self = g_object_new (ES_TYPE_OAUTH2_SESSION, NULL);
  self->flow = g_object_ref (flow);
  self->store = g_object_ref (store);
  self->system = g_strdup (system);
  self->account = g_strdup (account);
  self->description = g_strdup (description);

  return self;
}

const char *
es_oauth2_session_get_system (EsOAuth2Session *self)
{
  g_return_val_if_fail (ES_IS_OAUTH2_SESSION (self), NULL);

  return self->system;
}

const char *
es_oauth2_session_get_account (EsOAuth2Session *self)
{
  g_return_val_if_fail (ES_IS_OAUTH2_SESSION (self), NULL);

  return self->account;
}

/**
 * es_oauth2_session_set_refresh_margin:
 * @self: a #EsOAuth2Session
 * @margin: how long before its expiry an access token is renewed, ≥ 0
 *
 * Sets how early tokens are renewed.
 */
void
es_oauth2_session_set_refresh_margin (EsOAuth2Session *self,
                                      GTimeSpan        margin)
{
  g_return_if_fail (ES_IS_OAUTH2_SESSION (self));
  g_return_if_fail (margin >= 0);

  self->refresh_margin = margin;
}

/**
 * es_oauth2_session_save_async:
 * @self: a #EsOAuth2Session
 * @token: the account's new token
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the token is saved
 * @user_data: data for @callback
 *
 * Makes @token the account's token and saves it in the keyring, after any operation under way.
 */
void
es_oauth2_session_save_async (EsOAuth2Session     *self,
                              EsOAuth2Token       *token,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Waiter *waiter;

  g_return_if_fail (ES_IS_OAUTH2_SESSION (self));
  g_return_if_fail (ES_IS_OAUTH2_TOKEN (token));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, es_oauth2_session_save_async);

  waiter = g_new0 (Waiter, 1);
  waiter->kind = WAITER_SAVE;
  waiter->token = g_object_ref (token);
  enqueue (self, task, waiter);
}

/**
 * es_oauth2_session_save_finish:
 * @self: a #EsOAuth2Session
 * @result: the result passed to the callback
 * @error: return location for an %ES_SECRET_STORE_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Returns: %TRUE once the keyring holds the token
 */
gboolean
es_oauth2_session_save_finish (EsOAuth2Session  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (ES_IS_OAUTH2_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        es_oauth2_session_save_async, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * es_oauth2_session_get_token_async:
 * @self: a #EsOAuth2Session
 * @force_refresh: renew even if the access token looks valid (it was just refused)
 * @cancellable: (nullable): a #GCancellable; cancelling ends this wait only
 * @callback: called with a usable token
 * @user_data: data for @callback
 *
 * Gets a usable token, reading the keyring the first time and renewing it when it expires
 * within the refresh margin or when @force_refresh. Callers waiting at the same time share one
 * keyring read and one refresh, and a forced call joins a refresh already under way. A renewed
 * token is saved in the keyring before any caller gets it.
 */
void
es_oauth2_session_get_token_async (EsOAuth2Session     *self,
                                   gboolean             force_refresh,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Waiter *waiter;

  g_return_if_fail (ES_IS_OAUTH2_SESSION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, es_oauth2_session_get_token_async);

  waiter = g_new0 (Waiter, 1);
  waiter->kind = WAITER_GET;
  waiter->force = !!force_refresh;
  enqueue (self, task, waiter);
}

/**
 * es_oauth2_session_get_token_finish:
 * @self: a #EsOAuth2Session
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): a usable token, or %NULL with an %ES_OAUTH2_ERROR,
 *   %ES_SECRET_STORE_ERROR, %ES_HTTP_ERROR or %G_IO_ERROR_CANCELLED
 */
EsOAuth2Token *
es_oauth2_session_get_token_finish (EsOAuth2Session  *self,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  g_return_val_if_fail (ES_IS_OAUTH2_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        es_oauth2_session_get_token_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
