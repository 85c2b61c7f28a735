/* es-oauth2-flow.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-oauth2-flow"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "es-crypto.h"
#include "es-oauth2-flow.h"

/*
 * The authorization-code flow of RFC 6749 §4.1 for a native app (RFC 8252): the redirect comes
 * back to a listener on the loopback interface, PKCE (RFC 7636, S256) binds the code to this
 * process, and `state` (RFC 6749 §10.12) binds the redirect to this very sign-in.
 *
 * The listener is a GSocketService of our own feeding a SoupServer, rather than
 * soup_server_listen(): the port can then be given back the moment the flow ends while the
 * page telling the user the outcome is still being written.
 */

#define DEFAULT_TIMEOUT_SECONDS 300
#define DEFAULT_REDIRECT_HOST   "127.0.0.1"
#define DEFAULT_REDIRECT_PATH   "/callback"

/* 32 random bytes: 43 characters of base64url, the shortest PKCE verifier RFC 7636 allows. */
#define RANDOM_BYTES 32

/* RFC 6749 §4.1.2.1 and §5.2 error codes. */
#define OAUTH2_ERROR_ACCESS_DENIED          "access_denied"
#define OAUTH2_ERROR_INVALID_GRANT          "invalid_grant"
#define OAUTH2_ERROR_INVALID_CLIENT         "invalid_client"
#define OAUTH2_ERROR_UNAUTHORIZED_CLIENT    "unauthorized_client"
#define OAUTH2_ERROR_INVALID_REQUEST        "invalid_request"
#define OAUTH2_ERROR_UNSUPPORTED_GRANT_TYPE "unsupported_grant_type"
#define OAUTH2_ERROR_INVALID_SCOPE          "invalid_scope"

struct _EsOAuth2Flow
{
  GObject       parent_instance;

  EsHttpClient *client;
  char         *authorize_uri;
  char         *token_uri;
  char         *client_id;
  char         *client_secret;
  char         *scope;
  GHashTable   *authorize_params;
  char         *redirect_host;
  char         *redirect_path;
  guint         redirect_port;
  guint         timeout_seconds;

  /* The running authorization, owned while it runs. */
  GTask        *pending;
};

G_DEFINE_FINAL_TYPE (EsOAuth2Flow, es_oauth2_flow, G_TYPE_OBJECT)

G_DEFINE_QUARK (es-oauth2-error-quark, es_oauth2_error)

enum {
  PROP_0,
  PROP_HTTP_CLIENT,
  PROP_AUTHORIZE_URI,
  PROP_TOKEN_URI,
  PROP_CLIENT_ID,
  PROP_CLIENT_SECRET,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  OPEN_URI,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

typedef struct
{
  GSocketService    *listener;        /* (owned) (nullable): closed as soon as the flow ends */
  SoupServer        *server;          /* (owned) (nullable) */
  char              *state;           /* (owned) */
  char              *verifier;        /* (owned): a secret until the code is exchanged */
  char              *redirect_uri;    /* (owned) */
  char              *uri;             /* (owned): the sign-in address the user visits */
  GSource           *timeout_source;  /* (owned) (nullable) */
  GSource           *cancel_source;   /* (owned) (nullable) */
  SoupServerMessage *answering;       /* (owned) (nullable): the redirect that ends the flow */
  GHashTable        *params;          /* (owned) (nullable): the redirect's other parameters */
  guint              paused : 1;      /* @answering waits for the code exchange */
  guint              done : 1;
} Authorization;

static void
destroy_source (GSource *source)
{
  g_source_destroy (source);
  g_source_unref (source);
}

static void
authorization_free (gpointer data)
{
  Authorization *auth = data;

  /* Everything that can call back into the flow is gone by now: authorization_complete(). */
  g_assert (auth->listener == NULL);
  g_assert (auth->server == NULL);
  g_assert (auth->timeout_source == NULL);
  g_assert (auth->cancel_source == NULL);
  g_assert (auth->answering == NULL);

  g_free (auth->state);
  g_free (auth->verifier);
  g_free (auth->redirect_uri);
  g_free (auth->uri);
  g_clear_pointer (&auth->params, g_hash_table_unref);
  g_free (auth);
}

/* ------------------------------------------------------------------------------------------- */
/* The page the browser shows after the redirect                                                */
/* ------------------------------------------------------------------------------------------- */

static void
respond_page (SoupServerMessage *message,
              guint              status,
              const char        *title,
              const char        *text,
              const char        *hint)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autofree char *title_html = g_markup_escape_text (title, -1);
  g_autofree char *text_html = g_markup_escape_text (text, -1);
  g_autofree char *hint_html = g_markup_escape_text (hint != NULL ? hint : "", -1);
  g_autofree char *page = NULL;

  page = g_strdup_printf ("<!DOCTYPE html>\n"
                          "<html><head><meta charset=\"utf-8\">"
                          "<meta name=\"viewport\" content=\"width=device-width\">"
                          "<title>EasySale Sync</title>"
                          "<style>body{font-family:sans-serif;max-width:36em;margin:4em auto;"
                          "padding:0 1em;line-height:1.5}</style></head>\n"
                          "<body><h1>%s</h1><p>%s</p><p>%s</p></body></html>\n",
                          title_html, text_html, hint_html);

  /* The address held the authorization code: keep it out of caches and referrers. */
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'");
  soup_message_headers_replace (headers, "Connection", "close");
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&page), strlen (page));
}

/* ------------------------------------------------------------------------------------------- */
/* Token endpoint                                                                               */
/* ------------------------------------------------------------------------------------------- */

typedef struct
{
  EsOAuth2Token *previous;  /* (owned) (nullable) */
  GHashTable    *params;    /* (owned) (nullable) */
} TokenRequest;

static void
token_request_free (gpointer data)
{
  TokenRequest *request = data;

  g_clear_object (&request->previous);
  g_clear_pointer (&request->params, g_hash_table_unref);
  g_free (request);
}

/* RFC 6749 §5.2: `{"error": "...", "error_description": "..."}`, any other body tolerated. */
static void
parse_token_error (guint        status,
                   GBytes      *body,
                   const char  *content_type,
                   char       **platform_code,
                   char       **platform_message)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *data;
  gsize len = 0;
  JsonNode *root;
  JsonObject *object;
  JsonNode *member;

  data = body != NULL ? g_bytes_get_data (body, &len) : NULL;
  if (len == 0 || !json_parser_load_from_data (parser, data, len, NULL))
    return;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;

  object = json_node_get_object (root);
  member = json_object_get_member (object, "error");
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
      json_node_get_value_type (member) == G_TYPE_STRING)
    *platform_code = g_strdup (json_node_get_string (member));

  member = json_object_get_member (object, "error_description");
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
      json_node_get_value_type (member) == G_TYPE_STRING)
    *platform_message = g_strdup (json_node_get_string (member));
}

static char *
with_description (const char *message,
                  const char *description)
{
  if (description == NULL || *description == '\0')
    return g_strdup (message);

  /* Translators: the first %s is an explanation, the second the service's own words. */
  return g_strdup_printf (_("%s The service said: “%s”."), message, description);
}

/* Turns an OAuth error answer into this domain. Other HTTP failures (no connection, 5xx) stay
 * in ES_HTTP_ERROR: they are worth a retry, and say nothing about the grant. */
static GError *
map_token_error (GError *error)
{
  g_autoptr(GError) owned = error;
  g_autofree char *message = NULL;
  const char *code;
  const char *description;
  guint status;
  EsOAuth2Error oauth_code;
  const char *text;

  if (error->domain != ES_HTTP_ERROR)
    return g_steal_pointer (&owned);

  status = es_http_error_get_status (error);
  code = es_http_error_get_platform_code (error);
  description = es_http_error_get_platform_message (error);
  if (code == NULL || status < 400 || status >= 500)
    return g_steal_pointer (&owned);

  if (strcmp (code, OAUTH2_ERROR_INVALID_GRANT) == 0)
    {
      oauth_code = ES_OAUTH2_ERROR_RECONNECT_NEEDED;
      text = _("The permission EasySale Sync had was not accepted: it has expired, was revoked, "
               "or was replaced. Connect the account again.");
    }
  else if (strcmp (code, OAUTH2_ERROR_INVALID_CLIENT) == 0)
    {
      oauth_code = ES_OAUTH2_ERROR_INVALID_CLIENT;
      text = _("The sign-in service does not accept the app’s client ID or client secret. Check "
               "them in the app’s settings with the service.");
    }
  else if (strcmp (code, OAUTH2_ERROR_UNAUTHORIZED_CLIENT) == 0)
    {
      oauth_code = ES_OAUTH2_ERROR_UNAUTHORIZED_CLIENT;
      text = _("The sign-in service does not allow this app to sign in this way. Check the "
               "app’s settings with the service.");
    }
  else if (strcmp (code, OAUTH2_ERROR_INVALID_REQUEST) == 0)
    {
      oauth_code = ES_OAUTH2_ERROR_INVALID_REQUEST;
      text = _("The sign-in service did not understand the request for a token.");
    }
  else if (strcmp (code, OAUTH2_ERROR_UNSUPPORTED_GRANT_TYPE) == 0)
    {
      oauth_code = ES_OAUTH2_ERROR_UNSUPPORTED_GRANT_TYPE;
      text = _("The sign-in service does not support this kind of sign-in.");
    }
  else if (strcmp (code, OAUTH2_ERROR_INVALID_SCOPE) == 0)
    {
      oauth_code = ES_OAUTH2_ERROR_INVALID_SCOPE;
      text = _("The sign-in service does not grant the permissions EasySale Sync asks for.");
    }
  else
    {
      g_autofree char *generic = NULL;

      /* Translators: %s is an error code such as "server_error". */
      generic = g_strdup_printf (_("The sign-in service refused to issue a token (%s)."), code);
      message = with_description (generic, description);
      return g_error_new_literal (ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_TOKEN_FAILED, message);
    }

  message = with_description (text, description);
  return g_error_new_literal (ES_OAUTH2_ERROR, oauth_code, message);
}

static void
token_request_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) received_at = NULL;
  g_autoptr(EsOAuth2Token) token = NULL;
  TokenRequest *request;
  GError *error = NULL;

  g_assert (G_IS_TASK (task));

  request = g_task_get_task_data (task);
  root = es_http_client_send_json_finish (ES_HTTP_CLIENT (object), result, &error);
  received_at = g_date_time_new_now_utc ();

  if (root == NULL)
    {
      g_task_return_error (task, map_token_error (error));
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_task_return_new_error (task, ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_INVALID_RESPONSE, "%s",
                               _("The sign-in service answered with something that is not a "
                                 "token."));
      return;
    }

  token = es_oauth2_token_new_from_response (json_node_get_object (root), received_at,
                                             request->previous, request->params, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&token), g_object_unref);
}

/* POSTs @form to the token endpoint with the client's credentials (RFC 6749 §2.3.1). */
static void
token_request_async (EsOAuth2Flow        *self,
                     GHashTable          *form,
                     EsOAuth2Token       *previous,
                     GHashTable          *params,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(EsHttpRequest) request = NULL;
  TokenRequest *data;

  g_assert (ES_IS_OAUTH2_FLOW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, token_request_async);
  data = g_new0 (TokenRequest, 1);
  data->previous = previous != NULL ? g_object_ref (previous) : NULL;
  data->params = params != NULL ? g_hash_table_ref (params) : NULL;
  g_task_set_task_data (task, data, token_request_free);

  request = es_http_request_new ("POST", self->token_uri);
  es_http_request_set_header (request, "Accept", "application/json");
  es_http_request_set_error_parser (request, parse_token_error);
  /* Neither a code exchange nor a refresh may be repeated after an uncertain outcome: a code
   * works once, and a refresh may already have rotated the refresh token. */
  es_http_request_set_idempotent (request, FALSE);

  if (self->client_secret != NULL)
    {
      g_autofree char *id = g_uri_escape_string (self->client_id, NULL, FALSE);
      g_autofree char *secret = g_uri_escape_string (self->client_secret, NULL, FALSE);
      g_autofree char *pair = g_strconcat (id, ":", secret, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
      g_autofree char *header = g_strconcat ("Basic ", encoded, NULL);

      es_http_request_set_header (request, "Authorization", header);
    }
  else
    g_hash_table_replace (form, (gpointer) "client_id", self->client_id);

  es_http_request_set_form_body (request, form);

  es_http_client_send_json_async (self->client, request, cancellable,
                                  token_request_cb, g_steal_pointer (&task));
}

static EsOAuth2Token *
token_request_finish (EsOAuth2Flow  *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_assert (g_task_is_valid (result, self));
  g_assert (g_task_get_source_tag (G_TASK (result)) == token_request_async);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------------------------- */
/* Authorization                                                                                */
/* ------------------------------------------------------------------------------------------- */

static gboolean
on_server_idle_close (gpointer data)
{
  SoupServer *server = data;

  soup_server_disconnect (server);
  return G_SOURCE_REMOVE;
}

static void
on_answer_sent (SoupServerMessage *message,
                SoupServer        *server)
{
  /* Not from inside the message's own signal: disconnecting frees its connection. */
  g_idle_add_full (G_PRIORITY_DEFAULT, on_server_idle_close,
                   g_object_ref (server), g_object_unref);
}

/* Ends the authorization: everything that could call back is stopped, the port is free, and the
 * browser gets the outcome (its connection is closed once the page is out). */
static void
authorization_complete (GTask         *task,
                        EsOAuth2Token *token,
                        GError        *error)
{
  EsOAuth2Flow *self = g_task_get_source_object (task);
  Authorization *auth = g_task_get_task_data (task);
  g_autoptr(GTask) pending = NULL;

  g_assert (!auth->done);
  g_assert ((token == NULL) != (error == NULL));
  g_assert (self->pending == task);

  auth->done = TRUE;
  pending = g_steal_pointer (&self->pending);

  g_clear_pointer (&auth->timeout_source, destroy_source);
  g_clear_pointer (&auth->cancel_source, destroy_source);

  if (auth->listener != NULL)
    {
      g_socket_service_stop (auth->listener);
      g_socket_listener_close (G_SOCKET_LISTENER (auth->listener));
      g_clear_object (&auth->listener);
    }

  if (auth->answering != NULL)
    {
      const char *back = _("You can close this tab and go back to EasySale Sync.");

      if (error == NULL)
        respond_page (auth->answering, SOUP_STATUS_OK, _("Connected"), back, NULL);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        respond_page (auth->answering, SOUP_STATUS_OK, _("Sign-in cancelled"),
                      _("The sign-in was cancelled in EasySale Sync."), back);
      else
        respond_page (auth->answering, SOUP_STATUS_OK, _("Not connected"), error->message, back);

      /* The server lives on until the page is out (or the browser went away). */
      g_signal_connect_data (auth->answering, "finished", G_CALLBACK (on_answer_sent),
                             g_object_ref (auth->server), (GClosureNotify) g_object_unref, 0);
      g_signal_connect_data (auth->answering, "disconnected", G_CALLBACK (on_answer_sent),
                             g_object_ref (auth->server), (GClosureNotify) g_object_unref, 0);
      if (auth->paused)
        soup_server_message_unpause (auth->answering);
      g_clear_object (&auth->answering);
    }
  else if (auth->server != NULL)
    soup_server_disconnect (auth->server);

  g_clear_object (&auth->server);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (token), g_object_unref);
}

static void
on_code_exchanged (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Authorization *auth = g_task_get_task_data (task);
  g_autoptr(EsOAuth2Token) token = NULL;
  GError *error = NULL;

  token = token_request_finish (ES_OAUTH2_FLOW (object), result, &error);

  /* Cancelled while exchanging: already answered. */
  if (auth->done)
    {
      g_clear_error (&error);
      return;
    }

  authorization_complete (task, token, error);
}

static void
handle_redirect (GTask             *task,
                 SoupServerMessage *message,
                 GHashTable        *query)
{
  EsOAuth2Flow *self = g_task_get_source_object (task);
  Authorization *auth = g_task_get_task_data (task);
  g_autoptr(GHashTable) form = NULL;
  GHashTableIter iter;
  gpointer key;
  gpointer value;
  const char *state;
  const char *error_code;
  const char *code;

  state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;

  /* Before believing anything else in the redirect, including an error: a page elsewhere may
   * point the browser here to plant its own code (login CSRF) or to end the sign-in. Such a
   * request is refused and the real redirect can still come. */
  if (!es_crypto_str_equal_constant_time (state, auth->state))
    {
      g_debug ("Refused a redirect whose state does not match");
      respond_page (message, SOUP_STATUS_BAD_REQUEST, _("Unexpected sign-in answer"),
                    _("This answer does not belong to the sign-in EasySale Sync is waiting for, "
                      "so it was ignored."),
                    _("Go back to EasySale Sync to finish signing in."));
      return;
    }

  if (auth->answering != NULL)
    {
      respond_page (message, SOUP_STATUS_CONFLICT, _("Already signing in"),
                    _("EasySale Sync is already finishing this sign-in."),
                    _("You can close this tab and go back to EasySale Sync."));
      return;
    }

  auth->answering = g_object_ref (message);

  error_code = g_hash_table_lookup (query, "error");
  if (error_code != NULL)
    {
      const char *description = g_hash_table_lookup (query, "error_description");
      g_autofree char *text = NULL;
      g_autofree char *message_text = NULL;

      if (strcmp (error_code, OAUTH2_ERROR_ACCESS_DENIED) == 0)
        {
          authorization_complete (task, NULL,
                                  g_error_new_literal (ES_OAUTH2_ERROR,
                                                       ES_OAUTH2_ERROR_ACCESS_DENIED,
                                                       _("Access was not granted, so the "
                                                         "account was not connected.")));
          return;
        }

      /* Translators: %s is an error code such as "invalid_scope". */
      text = g_strdup_printf (_("The sign-in page reported a problem (%s)."), error_code);
      message_text = with_description (text, description);
      authorization_complete (task, NULL,
                              g_error_new_literal (ES_OAUTH2_ERROR,
                                                   ES_OAUTH2_ERROR_AUTHORIZATION_FAILED,
                                                   message_text));
      return;
    }

  code = g_hash_table_lookup (query, "code");
  if (code == NULL || *code == '\0')
    {
      authorization_complete (task, NULL,
                              g_error_new_literal (ES_OAUTH2_ERROR,
                                                   ES_OAUTH2_ERROR_AUTHORIZATION_FAILED,
                                                   _("The sign-in page answered without an "
                                                     "authorization code.")));
      return;
    }

  /* Whatever else the provider sent along, e.g. Intuit's realmId (the company id). */
  auth->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (strcmp (key, "code") != 0 && strcmp (key, "state") != 0)
        g_hash_table_replace (auth->params, g_strdup (key), g_strdup (value));
    }

  /* The user has done their part; the exchange has the HTTP client's own timeouts. */
  g_clear_pointer (&auth->timeout_source, destroy_source);

  soup_server_message_pause (message);
  auth->paused = TRUE;

  form = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (form, (gpointer) "grant_type", (gpointer) "authorization_code");
  g_hash_table_insert (form, (gpointer) "code", (gpointer) code);
  g_hash_table_insert (form, (gpointer) "redirect_uri", auth->redirect_uri);
  g_hash_table_insert (form, (gpointer) "code_verifier", auth->verifier);

  token_request_async (self, form, NULL, auth->params, g_task_get_cancellable (task),
                       on_code_exchanged, g_object_ref (task));
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  EsOAuth2Flow *self = user_data;
  const char *method = soup_server_message_get_method (message);
  Authorization *auth;

  g_assert (ES_IS_OAUTH2_FLOW (self));

  /* The server outlives its authorization while the last page goes out. */
  auth = self->pending != NULL ? g_task_get_task_data (self->pending) : NULL;
  if (auth == NULL || auth->server != server)
    {
      respond_page (message, SOUP_STATUS_GONE, _("Sign-in over"),
                    _("This sign-in has already ended."), _("Go back to EasySale Sync."));
      return;
    }

  if (g_strcmp0 (path, self->redirect_path) != 0)
    {
      respond_page (message, SOUP_STATUS_NOT_FOUND, _("Not found"),
                    _("There is nothing here."), _("Go back to EasySale Sync."));
      return;
    }

  /* Only a browser's GET ends the flow; a HEAD from a link checker must not use it up. */
  if (strcmp (method, SOUP_METHOD_GET) != 0)
    {
      respond_page (message, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Not allowed"),
                    _("There is nothing here."), _("Go back to EasySale Sync."));
      return;
    }

  handle_redirect (self->pending, message, query);
}

static gboolean
on_incoming (GSocketService    *listener,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  SoupServer *server = user_data;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocketAddress) remote = NULL;
  g_autoptr(GError) error = NULL;

  local = g_socket_connection_get_local_address (connection, NULL);
  remote = g_socket_connection_get_remote_address (connection, NULL);

  if (!soup_server_accept_iostream (server, G_IO_STREAM (connection), local, remote, &error))
    g_debug ("Could not take a connection to the redirect listener: %s", error->message);

  return TRUE;
}

static gboolean
on_timeout (gpointer user_data)
{
  GTask *task = user_data;
  Authorization *auth = g_task_get_task_data (task);

  g_clear_pointer (&auth->timeout_source, g_source_unref);
  authorization_complete (task, NULL,
                          g_error_new_literal (ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_TIMED_OUT,
                                               _("The sign-in was not finished in time. Try "
                                                 "again.")));
  return G_SOURCE_REMOVE;
}

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  Authorization *auth = g_task_get_task_data (task);

  g_clear_pointer (&auth->cancel_source, g_source_unref);
  authorization_complete (task, NULL,
                          g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                               _("Operation was cancelled")));
  return G_SOURCE_REMOVE;
}

static gboolean
start_listener (EsOAuth2Flow   *self,
                Authorization  *auth,
                GError        **error)
{
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) local_error = NULL;
  guint port;

  auth->server = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_handler (auth->server, NULL, on_request,
                           g_object_ref (self), g_object_unref);

  auth->listener = g_socket_service_new ();
  address = g_inet_socket_address_new_from_string ("127.0.0.1", self->redirect_port);
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (auth->listener), address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                      NULL, &effective, &local_error))
    {
      g_clear_object (&auth->listener);
      g_clear_object (&auth->server);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        g_set_error (error, ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_PORT_UNAVAILABLE,
                     _("Port %u on this computer is already in use by another program, so "
                       "EasySale Sync cannot receive the answer of the sign-in page. Close "
                       "that program, or choose another redirect port, and try again."),
                     self->redirect_port);
      else
        g_set_error (error, ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_PORT_UNAVAILABLE,
                     _("EasySale Sync cannot listen for the answer of the sign-in page on "
                       "port %u: %s"),
                     self->redirect_port, local_error->message);
      return FALSE;
    }

  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect_object (auth->listener, "incoming", G_CALLBACK (on_incoming),
                           auth->server, 0);
  g_socket_service_start (auth->listener);

  auth->redirect_uri = g_strdup_printf ("http://%s:%u%s",
                                        self->redirect_host, port, self->redirect_path);
  g_debug ("Waiting for the redirect on port %u", port);

  return TRUE;
}

static void
append_param (GString    *uri,
              const char *name,
              const char *value)
{
  g_autofree char *escaped_name = g_uri_escape_string (name, NULL, FALSE);
  g_autofree char *escaped_value = g_uri_escape_string (value, NULL, FALSE);
  char last = uri->str[uri->len - 1];

  if (last != '?' && last != '&')
    g_string_append_c (uri, '&');
  g_string_append_printf (uri, "%s=%s", escaped_name, escaped_value);
}

static char *
build_authorize_uri (EsOAuth2Flow  *self,
                     Authorization *auth)
{
  g_autofree char *challenge = es_crypto_sha256_base64url (auth->verifier);
  g_autoptr(GList) names = NULL;
  GString *uri = g_string_new (self->authorize_uri);

  if (strchr (uri->str, '?') == NULL)
    g_string_append_c (uri, '?');

  append_param (uri, "client_id", self->client_id);
  append_param (uri, "response_type", "code");
  append_param (uri, "redirect_uri", auth->redirect_uri);
  if (self->scope != NULL)
    append_param (uri, "scope", self->scope);
  append_param (uri, "state", auth->state);
  append_param (uri, "code_challenge", challenge);
  append_param (uri, "code_challenge_method", "S256");

  names = g_list_sort (g_hash_table_get_keys (self->authorize_params), (GCompareFunc) strcmp);
  for (const GList *l = names; l != NULL; l = l->next)
    append_param (uri, l->data, g_hash_table_lookup (self->authorize_params, l->data));

  return g_string_free (uri, FALSE);
}

static void
on_browser_launched (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Authorization *auth = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error) || auth->done)
    return;

  authorization_complete (task, NULL,
                          g_error_new (ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_BROWSER,
                                       _("No web browser could be opened for signing in: %s"),
                                       error->message));
}

static gboolean
es_oauth2_flow_real_open_uri (EsOAuth2Flow *self,
                              const char   *uri)
{
  g_assert (ES_IS_OAUTH2_FLOW (self));
  g_assert (self->pending != NULL);

  g_app_info_launch_default_for_uri_async (uri, NULL, g_task_get_cancellable (self->pending),
                                           on_browser_launched, g_object_ref (self->pending));
  return TRUE;
}

/* ------------------------------------------------------------------------------------------- */
/* GObject                                                                                      */
/* ------------------------------------------------------------------------------------------- */

static void
es_oauth2_flow_finalize (GObject *object)
{
  EsOAuth2Flow *self = ES_OAUTH2_FLOW (object);

  /* A running authorization holds a reference on the flow. */
  g_assert (self->pending == NULL);

  g_clear_object (&self->client);
  g_clear_pointer (&self->authorize_uri, g_free);
  g_clear_pointer (&self->token_uri, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->client_secret, g_free);
  g_clear_pointer (&self->scope, g_free);
  g_clear_pointer (&self->authorize_params, g_hash_table_unref);
  g_clear_pointer (&self->redirect_host, g_free);
  g_clear_pointer (&self->redirect_path, g_free);

  G_OBJECT_CLASS (es_oauth2_flow_parent_class)->finalize (object);
}

static void
es_oauth2_flow_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EsOAuth2Flow *self = ES_OAUTH2_FLOW (object);

  switch (prop_id)
    {
    case PROP_HTTP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_AUTHORIZE_URI:
      g_value_set_string (value, self->authorize_uri);
      break;

    case PROP_TOKEN_URI:
      g_value_set_string (value, self->token_uri);
      break;

    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
es_oauth2_flow_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EsOAuth2Flow *self = ES_OAUTH2_FLOW (object);

  switch (prop_id)
    {
    case PROP_HTTP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_AUTHORIZE_URI:
      self->authorize_uri = g_value_dup_string (value);
      break;

    case PROP_TOKEN_URI:
      self->token_uri = g_value_dup_string (value);
      break;

    case PROP_CLIENT_ID:
      self->client_id = g_value_dup_string (value);
      break;

    case PROP_CLIENT_SECRET:
      self->client_secret = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
es_oauth2_flow_class_init (EsOAuth2FlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = es_oauth2_flow_finalize;
  object_class->get_property = es_oauth2_flow_get_property;
  object_class->set_property = es_oauth2_flow_set_property;

  properties [PROP_HTTP_CLIENT] =
    g_param_spec_object ("http-client", NULL, NULL,
                         ES_TYPE_HTTP_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_AUTHORIZE_URI] =
    g_param_spec_string ("authorize-uri", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_TOKEN_URI] =
    g_param_spec_string ("token-uri", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Write-only: a secret is not something to read back from a property. */
  properties [PROP_CLIENT_SECRET] =
    g_param_spec_string ("client-secret", NULL, NULL,
                         NULL,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EsOAuth2Flow::open-uri:
   * @self: the flow
   * @uri: the sign-in address
   *
   * The listener is up and the user must visit @uri. Return %TRUE when handled; the default
   * handler opens the default browser.
   */
  signals [OPEN_URI] =
    g_signal_new_class_handler ("open-uri",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (es_oauth2_flow_real_open_uri),
                                g_signal_accumulator_true_handled, NULL,
                                NULL,
                                G_TYPE_BOOLEAN, 1, G_TYPE_STRING);
}

static void
es_oauth2_flow_init (EsOAuth2Flow *self)
{
  self->authorize_params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->redirect_host = g_strdup (DEFAULT_REDIRECT_HOST);
  self->redirect_path = g_strdup (DEFAULT_REDIRECT_PATH);
  self->timeout_seconds = DEFAULT_TIMEOUT_SECONDS;
}

/* ------------------------------------------------------------------------------------------- */
/* Public API                                                                                   */
/* ------------------------------------------------------------------------------------------- */

/**
 * es_oauth2_flow_new:
 * @client: the HTTP client token requests go through
 * @authorize_uri: the provider's authorization endpoint
 * @token_uri: the provider's token endpoint (code exchange and refresh)
 * @client_id: the app's client id
 * @client_secret: (nullable): the app's client secret, sent as HTTP Basic; %NULL for a public
 *   client
 *
 * Returns: (transfer full): a flow for one provider and app registration
 */
EsOAuth2Flow *
es_oauth2_flow_new (EsHttpClient *client,
                    const char   *authorize_uri,
                    const char   *token_uri,
                    const char   *client_id,
                    const char   *client_secret)
{
  g_return_val_if_fail (ES_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (authorize_uri != NULL, NULL);
  g_return_val_if_fail (token_uri != NULL, NULL);
  g_return_val_if_fail (client_id != NULL && *client_id != '\0', NULL);

  return g_object_new (ES_TYPE_OAUTH2_FLOW,
                       "http-client", client,
                       "authorize-uri", authorize_uri,
                       "token-uri", token_uri,
                       "client-id", client_id,
                       "client-secret", client_secret,
                       NULL);
}

/**
 * es_oauth2_flow_set_scope:
 * @self: a #EsOAuth2Flow
 * @scope: (nullable): space-separated scopes, e.g. "com.intuit.quickbooks.accounting"
 *
 * Sets the scopes the authorization asks for.
 */
void
es_oauth2_flow_set_scope (EsOAuth2Flow *self,
                          const char   *scope)
{
  g_return_if_fail (ES_IS_OAUTH2_FLOW (self));

  g_free (self->scope);
  self->scope = g_strdup (scope);
}

/**
 * es_oauth2_flow_set_authorize_param:
 * @self: a #EsOAuth2Flow
 * @name: a provider-specific parameter of the authorization request
 * @value: (nullable): its value, or %NULL to remove it
 *
 * Adds a provider-specific authorization parameter. The parameters of the flow itself cannot
 * be replaced this way.
 */
void
es_oauth2_flow_set_authorize_param (EsOAuth2Flow *self,
                                    const char   *name,
                                    const char   *value)
{
  static const char * const own[] = {
    "client_id", "response_type", "redirect_uri", "scope", "state", "code_challenge",
    "code_challenge_method", NULL,
  };

  g_return_if_fail (ES_IS_OAUTH2_FLOW (self));
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (!g_strv_contains (own, name));

  if (value == NULL)
    g_hash_table_remove (self->authorize_params, name);
  else
    g_hash_table_replace (self->authorize_params, g_strdup (name), g_strdup (value));
}

/**
 * es_oauth2_flow_set_redirect:
 * @self: a #EsOAuth2Flow
 * @host: "127.0.0.1" or "localhost", as registered with the provider
 * @port: a fixed port as registered with the provider, or 0 for any free port
 * @path: the redirect URI's path, starting with "/"
 *
 * Sets the loopback redirect URI, `http://@host:@port@path`. The listener binds 127.0.0.1 only,
 * whatever @host says.
 */
void
es_oauth2_flow_set_redirect (EsOAuth2Flow *self,
                             const char   *host,
                             guint         port,
                             const char   *path)
{
  g_return_if_fail (ES_IS_OAUTH2_FLOW (self));
  g_return_if_fail (g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "localhost") == 0);
  g_return_if_fail (port <= G_MAXUINT16);
  g_return_if_fail (path != NULL && path[0] == '/');

  g_free (self->redirect_host);
  self->redirect_host = g_strdup (host);
  g_free (self->redirect_path);
  self->redirect_path = g_strdup (path);
  self->redirect_port = port;
}

/**
 * es_oauth2_flow_set_timeout:
 * @self: a #EsOAuth2Flow
 * @seconds: how long the user has to finish signing in, at least 1
 *
 * Sets how long an authorization waits for the redirect before it fails with
 * %ES_OAUTH2_ERROR_TIMED_OUT.
 */
void
es_oauth2_flow_set_timeout (EsOAuth2Flow *self,
                            guint         seconds)
{
  g_return_if_fail (ES_IS_OAUTH2_FLOW (self));
  g_return_if_fail (seconds > 0);

  self->timeout_seconds = seconds;
}

/**
 * es_oauth2_flow_authorize_async:
 * @self: a #EsOAuth2Flow
 * @cancellable: (nullable): a #GCancellable; cancelling closes the listener at once
 * @callback: called with the tokens, or the reason there are none
 * @user_data: data for @callback
 *
 * Runs the authorization-code flow with `state` and PKCE (S256) through the browser and a
 * loopback redirect, then exchanges the code for tokens.
 */
void
es_oauth2_flow_authorize_async (EsOAuth2Flow        *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Authorization *auth;
  GError *error = NULL;
  gboolean handled = FALSE;

  g_return_if_fail (ES_IS_OAUTH2_FLOW (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, es_oauth2_flow_authorize_async);

  if (self->pending != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, "%s",
                               _("A sign-in is already in progress."));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  auth = g_new0 (Authorization, 1);
  g_task_set_task_data (task, auth, authorization_free);

  auth->state = es_crypto_random_token (RANDOM_BYTES, &error);
  if (auth->state != NULL)
    auth->verifier = es_crypto_random_token (RANDOM_BYTES, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!start_listener (self, auth, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  auth->uri = build_authorize_uri (self, auth);
  self->pending = g_object_ref (task);

  auth->timeout_source = g_timeout_source_new_seconds (self->timeout_seconds);
  g_source_set_callback (auth->timeout_source, on_timeout, task, NULL);
  g_source_attach (auth->timeout_source, g_task_get_context (task));

  if (cancellable != NULL)
    {
      auth->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (auth->cancel_source, G_SOURCE_FUNC (on_cancelled), task, NULL);
      g_source_attach (auth->cancel_source, g_task_get_context (task));
    }

  g_signal_emit (self, signals [OPEN_URI], 0, auth->uri, &handled);
}

/**
 * es_oauth2_flow_authorize_finish:
 * @self: a #EsOAuth2Flow
 * @result: the result passed to the callback
 * @error: return location for an %ES_OAUTH2_ERROR, %ES_HTTP_ERROR or %G_IO_ERROR
 *
 * Returns: (transfer full): the new token, with the redirect's other parameters (e.g.
 *   `realmId`) as its params
 */
EsOAuth2Token *
es_oauth2_flow_authorize_finish (EsOAuth2Flow  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (ES_IS_OAUTH2_FLOW (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        es_oauth2_flow_authorize_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_refreshed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EsOAuth2Token *token;
  GError *error = NULL;

  token = token_request_finish (ES_OAUTH2_FLOW (object), result, &error);
  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, g_object_unref);
}

/**
 * es_oauth2_flow_refresh_async:
 * @self: a #EsOAuth2Flow
 * @token: the token to renew; it must have a refresh token
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the renewed token
 * @user_data: data for @callback
 *
 * Asks the token endpoint for a new access token (RFC 6749 §6). The answer may carry a new
 * (rotated) refresh token that must be saved before the new access token is used.
 */
void
es_oauth2_flow_refresh_async (EsOAuth2Flow        *self,
                              EsOAuth2Token       *token,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) form = NULL;
  const char *refresh_token;

  g_return_if_fail (ES_IS_OAUTH2_FLOW (self));
  g_return_if_fail (ES_IS_OAUTH2_TOKEN (token));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, es_oauth2_flow_refresh_async);

  refresh_token = es_oauth2_token_get_refresh_token (token);
  if (refresh_token == NULL)
    {
      g_task_return_new_error (task, ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_RECONNECT_NEEDED, "%s",
                               _("The sign-in cannot be renewed. Connect the account again."));
      return;
    }

  form = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (form, (gpointer) "grant_type", (gpointer) "refresh_token");
  g_hash_table_insert (form, (gpointer) "refresh_token", (gpointer) refresh_token);

  token_request_async (self, form, token, NULL, cancellable,
                       on_refreshed, g_steal_pointer (&task));
}

/**
 * es_oauth2_flow_refresh_finish:
 * @self: a #EsOAuth2Flow
 * @result: the result passed to the callback
 * @error: return location for an %ES_OAUTH2_ERROR, %ES_HTTP_ERROR or %G_IO_ERROR
 *
 * Returns: (transfer full): the renewed token
 */
EsOAuth2Token *
es_oauth2_flow_refresh_finish (EsOAuth2Flow  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (ES_IS_OAUTH2_FLOW (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        es_oauth2_flow_refresh_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
