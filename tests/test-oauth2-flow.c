/* test-oauth2-flow.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The OAuth 2.0 layer end to end against an authorization server written here (SoupServer on
 * 127.0.0.1, an OS-chosen port): /authorize redirects like Intuit's (code, state, realmId, or an
 * error), /token checks HTTP Basic client authentication and the PKCE verifier and rotates
 * refresh tokens, /api stands for the Accounting API. The "browser" is a SoupSession that GETs
 * the sign-in address and follows the redirect to the flow's loopback listener.
 *
 * The session cases keep tokens in the real keyring (gnome-keyring in the test command); with
 * ES_TEST_NO_KEYRING=1 they are skipped, otherwise a missing keyring fails them.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "es-crypto.h"
#include "es-http-client.h"
#include "es-oauth2-flow.h"
#include "es-oauth2-session.h"
#include "es-secret-store.h"

#define CLIENT_ID     "ABtestClientId0123456789"
#define CLIENT_SECRET "s3cret/with+odd=chars"
#define REALM_ID      "9130347596618756"
#define SCOPE         "com.intuit.quickbooks.accounting openid"
#define WAIT_SECONDS  20

/* ------------------------------------------------------------------------------------------- */
/* The authorization server                                                                     */
/* ------------------------------------------------------------------------------------------- */

typedef enum
{
  AUTHORIZE_GRANT,
  AUTHORIZE_DENY,
  AUTHORIZE_INVALID_SCOPE,
  AUTHORIZE_NO_CODE,
  AUTHORIZE_FORGED_STATE,
} AuthorizeMode;

typedef struct
{
  char *challenge;
  char *redirect_uri;
  char *state;
} Grant;

typedef struct
{
  SoupServer        *server;
  char              *base;
  JsonObject        *token_template;  /* the fixture oauth_token_refresh_response.json */
  GBytes            *invalid_grant;   /* the fixture oauth_invalid_grant.json, byte for byte */

  AuthorizeMode      authorize_mode;
  GHashTable        *grants;          /* code → Grant */
  guint              next_code;

  char              *access_token;    /* the only access token /api accepts */
  char              *refresh_token;   /* the only refresh token /token accepts */
  guint              generation;
  gint64             expires_in;

  guint              token_calls;
  guint              code_exchanges;
  guint              refreshes;
  gboolean           pkce_verified;
  guint              forced_status;   /* when set, /token answers this with forced_body */
  char              *forced_body;
  gboolean           hold_token;      /* /token answers nothing, as if very slow */
  gboolean           token_held;
  SoupServerMessage *held;

  guint              api_calls;
  gboolean           api_refuses_all;

  /* The rotation check: when the first /api call with a rotated access token arrives, the
   * keyring must already hold the rotated refresh token. */
  EsSecretStore     *store;
  const char        *system;
  const char        *account;
  gboolean           rotation_checked;
  gboolean           rotation_saved_first;

  char              *failure;         /* the first protocol violation the server saw */
} AuthServer;

static void
grant_free (gpointer data)
{
  Grant *grant = data;

  g_free (grant->challenge);
  g_free (grant->redirect_uri);
  g_free (grant->state);
  g_free (grant);
}

static void
auth_server_fail (AuthServer *auth,
                  const char *what)
{
  if (auth->failure == NULL)
    auth->failure = g_strdup (what);
}

static void
respond_json (SoupServerMessage *message,
              guint              status,
              const char        *json)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json;charset=utf-8", SOUP_MEMORY_COPY,
                                    json, strlen (json));
}

/* Issues a new access and refresh token; the previous ones stop working, as at Intuit once a
 * refresh token has rotated. */
static JsonObject *
auth_server_issue (AuthServer *auth)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) copy = NULL;
  JsonObject *object;

  auth->generation++;
  g_free (auth->access_token);
  g_free (auth->refresh_token);
  auth->access_token = g_strdup_printf ("access-%u-%s", auth->generation, "eyJlbmMiOiJBMTI4");
  auth->refresh_token = g_strdup_printf ("AB1176%u8109728uVoOkDSUCl4s8FDRvjHR6kUKz0RHe3W",
                                         auth->generation);

  node = json_node_init_object (json_node_alloc (), auth->token_template);
  copy = json_node_copy (node);
  object = json_object_ref (json_node_get_object (copy));
  json_object_set_string_member (object, "access_token", auth->access_token);
  json_object_set_string_member (object, "refresh_token", auth->refresh_token);
  json_object_set_int_member (object, "expires_in", auth->expires_in);

  return object;
}

static char *
sha256_base64url (const char *text)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  g_autofree char *b64 = NULL;
  GString *out;

  /* Computed here on its own, not with the helper the code under test uses. */
  g_checksum_update (checksum, (const guchar *) text, strlen (text));
  g_checksum_get_digest (checksum, digest, &len);
  b64 = g_base64_encode (digest, len);
  out = g_string_new (NULL);
  for (const char *p = b64; *p != '\0'; p++)
    {
      if (*p == '+')
        g_string_append_c (out, '-');
      else if (*p == '/')
        g_string_append_c (out, '_');
      else if (*p != '=')
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static void
on_authorize (SoupServer        *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  AuthServer *auth = user_data;
  const char *redirect_uri;
  const char *state;
  g_autofree char *location = NULL;
  g_autofree char *code = NULL;
  g_autofree char *escaped_state = NULL;
  Grant *grant;

  if (query == NULL ||
      g_strcmp0 (g_hash_table_lookup (query, "client_id"), CLIENT_ID) != 0 ||
      g_strcmp0 (g_hash_table_lookup (query, "response_type"), "code") != 0 ||
      g_strcmp0 (g_hash_table_lookup (query, "scope"), SCOPE) != 0 ||
      g_strcmp0 (g_hash_table_lookup (query, "code_challenge_method"), "S256") != 0 ||
      g_hash_table_lookup (query, "code_challenge") == NULL ||
      (state = g_hash_table_lookup (query, "state")) == NULL ||
      strlen (state) < 32 ||
      (redirect_uri = g_hash_table_lookup (query, "redirect_uri")) == NULL)
    {
      auth_server_fail (auth, "/authorize: a required parameter is missing or wrong");
      respond_json (message, SOUP_STATUS_BAD_REQUEST, "{\"error\":\"invalid_request\"}");
      return;
    }

  escaped_state = g_uri_escape_string (state, NULL, FALSE);

  switch (auth->authorize_mode)
    {
    case AUTHORIZE_GRANT:
      code = g_strdup_printf ("AB11%04u-code", ++auth->next_code);
      grant = g_new0 (Grant, 1);
      grant->challenge = g_strdup (g_hash_table_lookup (query, "code_challenge"));
      grant->redirect_uri = g_strdup (redirect_uri);
      grant->state = g_strdup (state);
      g_hash_table_replace (auth->grants, g_strdup (code), grant);
      location = g_strdup_printf ("%s?code=%s&state=%s&realmId=%s",
                                  redirect_uri, code, escaped_state, REALM_ID);
      break;

    case AUTHORIZE_DENY:
      location = g_strdup_printf ("%s?error=access_denied&error_description=User%%20denied"
                                  "&state=%s", redirect_uri, escaped_state);
      break;

    case AUTHORIZE_INVALID_SCOPE:
      location = g_strdup_printf ("%s?error=invalid_scope&error_description=Bad%%20scope"
                                  "&state=%s", redirect_uri, escaped_state);
      break;

    case AUTHORIZE_NO_CODE:
      location = g_strdup_printf ("%s?state=%s&realmId=%s", redirect_uri, escaped_state, REALM_ID);
      break;

    case AUTHORIZE_FORGED_STATE:
      /* What a hostile page could send the browser to: a code of its own, a state it made up. */
      location = g_strdup_printf ("%s?code=forged-code&state=forged%s&realmId=666",
                                  redirect_uri, escaped_state);
      break;

    default:
      g_assert_not_reached ();
    }

  soup_server_message_set_redirect (message, SOUP_STATUS_FOUND, location);
}

static gboolean
check_basic_auth (SoupServerMessage *message)
{
  const char *header = soup_message_headers_get_one (
    soup_server_message_get_request_headers (message), "Authorization");
  g_autofree char *id = g_uri_escape_string (CLIENT_ID, NULL, FALSE);
  g_autofree char *secret = g_uri_escape_string (CLIENT_SECRET, NULL, FALSE);
  g_autofree char *pair = g_strconcat (id, ":", secret, NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *expected = g_strconcat ("Basic ", encoded, NULL);

  return g_strcmp0 (header, expected) == 0;
}

static void
respond_token (SoupServerMessage *message,
               JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = json_to_string (node, FALSE);

  respond_json (message, SOUP_STATUS_OK, text);
}

static void
respond_invalid_grant (AuthServer        *auth,
                       SoupServerMessage *message)
{
  gsize len;
  const char *data = g_bytes_get_data (auth->invalid_grant, &len);

  soup_server_message_set_status (message, SOUP_STATUS_BAD_REQUEST, NULL);
  soup_server_message_set_response (message, "application/json;charset=utf-8",
                                    SOUP_MEMORY_COPY, data, len);
}

static void
on_token (SoupServer        *server,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  AuthServer *auth = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) flat = soup_message_body_flatten (body);
  g_autofree char *text = g_strndup (g_bytes_get_data (flat, NULL), g_bytes_get_size (flat));
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(JsonObject) issued = NULL;
  const char *grant_type;

  auth->token_calls++;

  if (auth->hold_token)
    {
      g_clear_object (&auth->held);
      auth->held = g_object_ref (message);
      auth->token_held = TRUE;
      soup_server_message_pause (message);
      return;
    }

  if (strcmp (soup_server_message_get_method (message), SOUP_METHOD_POST) != 0 ||
      g_strcmp0 (soup_message_headers_get_content_type (
                   soup_server_message_get_request_headers (message), NULL),
                 "application/x-www-form-urlencoded") != 0)
    {
      auth_server_fail (auth, "/token: not a form POST");
      respond_json (message, SOUP_STATUS_BAD_REQUEST, "{\"error\":\"invalid_request\"}");
      return;
    }

  if (!check_basic_auth (message))
    {
      respond_json (message, SOUP_STATUS_UNAUTHORIZED, "{\"error\":\"invalid_client\"}");
      return;
    }

  if (auth->forced_status != 0)
    {
      respond_json (message, auth->forced_status, auth->forced_body);
      return;
    }

  form = soup_form_decode (text);
  grant_type = g_hash_table_lookup (form, "grant_type");

  if (g_strcmp0 (grant_type, "authorization_code") == 0)
    {
      const char *code = g_hash_table_lookup (form, "code");
      const char *verifier = g_hash_table_lookup (form, "code_verifier");
      g_autofree char *challenge = NULL;
      Grant *grant = code != NULL ? g_hash_table_lookup (auth->grants, code) : NULL;

      auth->code_exchanges++;
      if (grant == NULL || verifier == NULL ||
          g_strcmp0 (g_hash_table_lookup (form, "redirect_uri"), grant->redirect_uri) != 0)
        {
          auth_server_fail (auth, "/token: unknown code, or no verifier, or another redirect_uri");
          respond_invalid_grant (auth, message);
          return;
        }

      challenge = sha256_base64url (verifier);
      if (strcmp (challenge, grant->challenge) != 0)
        {
          auth_server_fail (auth, "/token: the PKCE verifier does not match the challenge");
          respond_invalid_grant (auth, message);
          return;
        }
      auth->pkce_verified = TRUE;

      /* A code works once. */
      g_hash_table_remove (auth->grants, code);
      issued = auth_server_issue (auth);
      respond_token (message, issued);
      return;
    }

  if (g_strcmp0 (grant_type, "refresh_token") == 0)
    {
      auth->refreshes++;
      if (g_strcmp0 (g_hash_table_lookup (form, "refresh_token"), auth->refresh_token) != 0)
        {
          respond_invalid_grant (auth, message);
          return;
        }

      issued = auth_server_issue (auth);
      respond_token (message, issued);
      return;
    }

  respond_json (message, SOUP_STATUS_BAD_REQUEST, "{\"error\":\"unsupported_grant_type\"}");
}

typedef struct
{
  AuthServer        *auth;
  SoupServerMessage *message;
} RotationCheck;

static void
on_rotation_lookup (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  RotationCheck *check = user_data;
  AuthServer *auth = check->auth;
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(EsOAuth2Token) token = NULL;
  g_autoptr(GError) error = NULL;

  saved = es_secret_store_lookup_finish (ES_SECRET_STORE (object), result, &error);
  if (saved != NULL)
    token = es_oauth2_token_new_from_json (saved, &error);

  auth->rotation_checked = TRUE;
  auth->rotation_saved_first = token != NULL &&
                               g_strcmp0 (es_oauth2_token_get_refresh_token (token),
                                          auth->refresh_token) == 0;

  respond_json (check->message, SOUP_STATUS_OK, "{\"QueryResponse\":{}}");
  soup_server_message_unpause (check->message);
  g_object_unref (check->message);
  g_free (check);
}

static void
on_api (SoupServer        *server,
        SoupServerMessage *message,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  AuthServer *auth = user_data;
  const char *header = soup_message_headers_get_one (
    soup_server_message_get_request_headers (message), "Authorization");
  g_autofree char *expected = g_strconcat ("Bearer ", auth->access_token, NULL);

  auth->api_calls++;

  if (auth->api_refuses_all || auth->access_token == NULL || g_strcmp0 (header, expected) != 0)
    {
      /* Intuit's 401 body: lower-case "fault". */
      respond_json (message, SOUP_STATUS_UNAUTHORIZED,
                    "{\"fault\":{\"error\":[{\"message\":\"message=AuthenticationFailed; "
                    "errorCode=003200; statusCode=401\",\"detail\":\"Token expired\","
                    "\"code\":\"3200\"}],\"type\":\"AUTHENTICATION\"}}");
      return;
    }

  if (auth->store != NULL && auth->generation > 1 && !auth->rotation_checked)
    {
      RotationCheck *check = g_new0 (RotationCheck, 1);

      check->auth = auth;
      check->message = g_object_ref (message);
      soup_server_message_pause (message);
      es_secret_store_lookup_async (auth->store, auth->system, auth->account, NULL,
                                    on_rotation_lookup, check);
      return;
    }

  respond_json (message, SOUP_STATUS_OK, "{\"QueryResponse\":{}}");
}

static AuthServer *
auth_server_new (void)
{
  AuthServer *auth = g_new0 (AuthServer, 1);
  const char *fixtures = g_getenv ("ES_FIXTURES_DIR");
  g_autofree char *template_path = NULL;
  g_autofree char *invalid_grant_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GSList) uris = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  g_assert_nonnull (fixtures);
  template_path = g_build_filename (fixtures, "quickbooks", "oauth_token_refresh_response.json",
                                    NULL);
  invalid_grant_path = g_build_filename (fixtures, "quickbooks", "oauth_invalid_grant.json", NULL);

  json_parser_load_from_file (parser, template_path, &error);
  g_assert_no_error (error);
  auth->token_template = json_object_ref (json_node_get_object (json_parser_get_root (parser)));

  g_file_get_contents (invalid_grant_path, &contents, &len, &error);
  g_assert_no_error (error);
  auth->invalid_grant = g_bytes_new_take (g_steal_pointer (&contents), len);

  auth->grants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, grant_free);
  auth->expires_in = 3600;

  auth->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (auth->server, "/authorize", on_authorize, auth, NULL);
  soup_server_add_handler (auth->server, "/token", on_token, auth, NULL);
  soup_server_add_handler (auth->server, "/api", on_api, auth, NULL);
  soup_server_listen_local (auth->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (auth->server);
  g_assert_nonnull (uris);
  auth->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_foreach (uris, (GFunc) g_uri_unref, NULL);

  return auth;
}

static void
auth_server_free (AuthServer *auth)
{
  soup_server_disconnect (auth->server);
  g_clear_object (&auth->held);
  g_clear_object (&auth->server);
  g_clear_pointer (&auth->token_template, json_object_unref);
  g_clear_pointer (&auth->invalid_grant, g_bytes_unref);
  g_clear_pointer (&auth->grants, g_hash_table_unref);
  g_free (auth->base);
  g_free (auth->access_token);
  g_free (auth->refresh_token);
  g_free (auth->forced_body);
  g_free (auth->failure);
  g_free (auth);
}

/* ------------------------------------------------------------------------------------------- */
/* Fixture: the flow, the "browser", and (for sessions) the keyring                              */
/* ------------------------------------------------------------------------------------------- */

typedef enum
{
  BROWSER_FOLLOW,   /* visits the sign-in address and follows the redirect */
  BROWSER_NOTHING,  /* the user never comes back */
} BrowserMode;

typedef struct
{
  AuthServer     *auth;
  EsHttpClient   *client;
  EsOAuth2Flow   *flow;
  EsSecretStore  *store;
  char           *system;
  char           *account;

  BrowserMode     browser_mode;
  SoupSession    *browser;
  char           *sign_in_uri;     /* the last address the flow asked to open */
  guint           open_count;
  guint           browser_status;  /* of the page the redirect ended on */
  char           *browser_page;
  gboolean        browser_done;
} Fixture;

static gboolean
on_wait_timeout (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
iterate_until (gboolean   *flag,
               const char *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_SECONDS, on_wait_timeout, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Waited %d seconds for %s", WAIT_SECONDS, what);
  g_source_remove (id);
}

static void
on_result (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static GAsyncResult *
await_result (GAsyncResult **slot)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_SECONDS, on_wait_timeout, &timed_out);

  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("An asynchronous call did not finish within %d seconds", WAIT_SECONDS);
  g_source_remove (id);

  return g_steal_pointer (slot);
}

static void
on_browser_page (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fixture *f = user_data;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  /* The teardown aborts a visit no test waited for. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_free (f->browser_page);
  if (error != NULL)
    {
      /* Nobody listening, as for a visit after the flow ended. */
      f->browser_status = 0;
      f->browser_page = g_strdup (error->message);
    }
  else
    {
      f->browser_status = soup_message_get_status (message);
      f->browser_page = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
    }
  f->browser_done = TRUE;
}

static void
browser_request (Fixture    *f,
                 const char *method,
                 const char *uri)
{
  g_autoptr(SoupMessage) message = soup_message_new (method, uri);

  g_assert_nonnull (message);
  f->browser_done = FALSE;
  soup_session_send_and_read_async (f->browser, message, G_PRIORITY_DEFAULT, NULL,
                                    on_browser_page, f);
}

static void
browser_visit (Fixture    *f,
               const char *uri)
{
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, uri);

  g_assert_nonnull (message);
  f->browser_done = FALSE;
  soup_session_send_and_read_async (f->browser, message, G_PRIORITY_DEFAULT, NULL,
                                    on_browser_page, f);
}

static gboolean
on_open_uri (EsOAuth2Flow *flow,
             const char   *uri,
             Fixture      *f)
{
  f->open_count++;
  g_free (f->sign_in_uri);
  f->sign_in_uri = g_strdup (uri);

  if (f->browser_mode == BROWSER_FOLLOW)
    browser_visit (f, uri);

  return TRUE;
}

static char *
random_name (const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *suffix = es_crypto_random_token (9, &error);

  g_assert_no_error (error);
  return g_strconcat (prefix, suffix, NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *authorize_uri = NULL;
  g_autofree char *token_uri = NULL;

  f->auth = auth_server_new ();
  f->client = es_http_client_new ();
  es_http_client_set_retry_policy (f->client, 3, 1, 10);

  authorize_uri = g_strconcat (f->auth->base, "/authorize", NULL);
  token_uri = g_strconcat (f->auth->base, "/token", NULL);
  f->flow = es_oauth2_flow_new (f->client, authorize_uri, token_uri, CLIENT_ID, CLIENT_SECRET);
  es_oauth2_flow_set_scope (f->flow, SCOPE);
  g_signal_connect (f->flow, "open-uri", G_CALLBACK (on_open_uri), f);

  f->browser = soup_session_new ();
  f->system = random_name ("test-quickbooks-");
  f->account = random_name ("company-");
}

static gboolean
keyring_expected (void)
{
  return g_strcmp0 (g_getenv ("ES_TEST_NO_KEYRING"), "1") != 0;
}

/* For the session cases: the real keyring, checked up front so a missing one fails here with
 * the store's own words. */
static void
session_fixture_setup (Fixture       *f,
                       gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) probe = NULL;
  g_autoptr(GError) error = NULL;

  fixture_setup (f, data);

  if (!keyring_expected ())
    {
      g_test_skip ("ES_TEST_NO_KEYRING=1: no Secret Service on purpose");
      return;
    }

  f->store = es_secret_store_new ();
  es_secret_store_lookup_async (f->store, f->system, f->account, NULL, on_result, &slot);
  result = await_result (&slot);
  probe = es_secret_store_lookup_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_null (probe);

  f->auth->store = f->store;
  f->auth->system = f->system;
  f->auth->account = f->account;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->store != NULL)
    {
      GAsyncResult *slot = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      es_secret_store_clear_async (f->store, f->system, f->account, NULL, on_result, &slot);
      result = await_result (&slot);
      es_secret_store_clear_finish (f->store, result, &error);
      g_assert_no_error (error);
    }

  /* A protocol violation the server saw fails the test even if the flow coped. */
  g_assert_cmpstr (f->auth->failure, ==, NULL);

  soup_session_abort (f->browser);
  /* Lets the listener's last connections close. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_clear_object (&f->flow);
  g_clear_object (&f->client);
  g_clear_object (&f->store);
  g_clear_object (&f->browser);
  g_clear_pointer (&f->auth, auth_server_free);
  g_clear_pointer (&f->system, g_free);
  g_clear_pointer (&f->account, g_free);
  g_clear_pointer (&f->sign_in_uri, g_free);
  g_clear_pointer (&f->browser_page, g_free);

  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static EsOAuth2Token *
authorize_sync (Fixture       *f,
                GCancellable  *cancellable,
                GError       **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  es_oauth2_flow_authorize_async (f->flow, cancellable, on_result, &slot);
  result = await_result (&slot);

  return es_oauth2_flow_authorize_finish (f->flow, result, error);
}

static EsOAuth2Token *
refresh_sync (Fixture        *f,
              EsOAuth2Token  *token,
              GError        **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  es_oauth2_flow_refresh_async (f->flow, token, NULL, on_result, &slot);
  result = await_result (&slot);

  return es_oauth2_flow_refresh_finish (f->flow, result, error);
}

static guint
uri_port (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (parsed);
  return (guint) g_uri_get_port (parsed);
}

static char *
query_param (const char *uri,
             const char *name)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = NULL;

  g_assert_nonnull (parsed);
  g_assert_nonnull (g_uri_get_query (parsed));
  params = g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_nonnull (params);

  return g_strdup (g_hash_table_lookup (params, name));
}

/* The port is free again when a new listener can take it. */
static void
assert_port_free (guint port)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new_from_string ("127.0.0.1", port);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);
}

/* A listening socket on an OS-chosen loopback port, standing for another program. */
static GSocket *
occupy_port (guint *port)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  return g_steal_pointer (&socket);
}

static EsOAuth2Token *
token_from_server (AuthServer *auth,
                   gint64      expires_in)
{
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  EsOAuth2Token *token;

  auth->expires_in = expires_in;
  response = auth_server_issue (auth);
  auth->expires_in = 3600;
  g_hash_table_insert (params, (gpointer) "realmId", (gpointer) REALM_ID);

  token = es_oauth2_token_new_from_response (response, now, NULL, params, &error);
  g_assert_no_error (error);

  return token;
}

/* ------------------------------------------------------------------------------------------- */
/* EsOAuth2Token                                                                                */
/* ------------------------------------------------------------------------------------------- */

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_token_from_fixture (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("ES_FIXTURES_DIR"), "quickbooks",
                                            "oauth_token_refresh_response.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(GDateTime) received = g_date_time_new_utc (2026, 3, 1, 12, 0, 0.25);
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(EsOAuth2Token) token = NULL;
  g_autoptr(EsOAuth2Token) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *refresh_expires = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  response = parse_object (contents);
  g_hash_table_insert (params, (gpointer) "realmId", (gpointer) REALM_ID);

  token = es_oauth2_token_new_from_response (response, received, NULL, params, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (es_oauth2_token_get_refresh_token (token), ==,
                   "L311478109728uVoOkDSUCl4s8FDRvjHR6kUKz0RHe3WtZQuBq");
  g_assert_true (g_str_has_prefix (es_oauth2_token_get_access_token (token), "eyJlbmMiOi"));
  g_assert_true (g_str_has_prefix (es_oauth2_token_get_id_token (token), "eyJraWQiOi"));
  g_assert_cmpstr (es_oauth2_token_get_param (token, "realmId"), ==, REALM_ID);
  g_assert_null (es_oauth2_token_get_param (token, "code"));

  /* expires_in 3600 and x_refresh_token_expires_in 15552000, as absolute UTC times. */
  expires = g_date_time_format_iso8601 (es_oauth2_token_get_expires_at (token));
  refresh_expires = g_date_time_format_iso8601 (es_oauth2_token_get_refresh_expires_at (token));
  g_assert_cmpstr (expires, ==, "2026-03-01T13:00:00Z");
  g_assert_cmpstr (refresh_expires, ==, "2026-08-28T12:00:00Z");

  /* The keyring form reads back the same. */
  saved = es_oauth2_token_to_json (token);
  again = es_oauth2_token_new_from_json (saved, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (es_oauth2_token_get_access_token (again), ==,
                   es_oauth2_token_get_access_token (token));
  g_assert_cmpstr (es_oauth2_token_get_refresh_token (again), ==,
                   es_oauth2_token_get_refresh_token (token));
  g_assert_cmpstr (es_oauth2_token_get_id_token (again), ==, es_oauth2_token_get_id_token (token));
  g_assert_cmpstr (es_oauth2_token_get_param (again, "realmId"), ==, REALM_ID);
  g_assert_true (g_date_time_equal (es_oauth2_token_get_expires_at (again),
                                    es_oauth2_token_get_expires_at (token)));
  g_assert_true (g_date_time_equal (es_oauth2_token_get_refresh_expires_at (again),
                                    es_oauth2_token_get_refresh_expires_at (token)));
}

static void
test_token_refresh_keeps (void)
{
  g_autoptr(JsonObject) first_response = parse_object (
    "{\"token_type\":\"bearer\",\"access_token\":\"a1\",\"refresh_token\":\"r1\","
    "\"expires_in\":3600,\"x_refresh_token_expires_in\":100,\"scope\":\"s\"}");
  g_autoptr(JsonObject) renewal = parse_object (
    "{\"token_type\":\"Bearer\",\"access_token\":\"a2\",\"expires_in\":\"60\"}");
  g_autoptr(GDateTime) t0 = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) t1 = g_date_time_new_utc (2026, 1, 1, 0, 1, 0);
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(EsOAuth2Token) first = NULL;
  g_autoptr(EsOAuth2Token) second = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_insert (params, (gpointer) "realmId", (gpointer) REALM_ID);
  first = es_oauth2_token_new_from_response (first_response, t0, NULL, params, &error);
  g_assert_no_error (error);

  /* A refresh answer without a refresh token keeps the previous one (RFC 6749 §6). */
  second = es_oauth2_token_new_from_response (renewal, t1, first, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (es_oauth2_token_get_access_token (second), ==, "a2");
  g_assert_cmpstr (es_oauth2_token_get_refresh_token (second), ==, "r1");
  g_assert_cmpstr (es_oauth2_token_get_scope (second), ==, "s");
  g_assert_cmpstr (es_oauth2_token_get_param (second, "realmId"), ==, REALM_ID);
  g_assert_true (g_date_time_equal (es_oauth2_token_get_refresh_expires_at (second),
                                    es_oauth2_token_get_refresh_expires_at (first)));

  /* Expiry arithmetic with the refresh margin. */
  g_assert_false (es_oauth2_token_expires_within (second, t1, 59 * G_TIME_SPAN_SECOND));
  g_assert_true (es_oauth2_token_expires_within (second, t1, 60 * G_TIME_SPAN_SECOND));
  later = g_date_time_add_minutes (t1, 2);
  g_assert_true (es_oauth2_token_expires_within (second, later, 0));
}

static void
test_token_invalid_response (void)
{
  const char *responses[] = {
    "{}",
    "{\"access_token\":\"\"}",
    "{\"access_token\":42}",
    "{\"access_token\":\"a\",\"token_type\":\"mac\"}",
    "{\"access_token\":\"a\",\"expires_in\":-1}",
    "{\"access_token\":\"a\",\"expires_in\":\"soon\"}",
    "{\"access_token\":\"a\",\"expires_in\":1.5}",
    "{\"access_token\":\"a\",\"refresh_token\":5}",
    "{\"access_token\":\"a\",\"refresh_token\":\"\"}",
    "{\"access_token\":\"a\",\"x_refresh_token_expires_in\":[]}",
    "{\"access_token\":\"a\",\"id_token\":{}}",
    "{\"error\":\"invalid_grant\"}",
  };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (guint i = 0; i < G_N_ELEMENTS (responses); i++)
    {
      g_autoptr(JsonObject) response = parse_object (responses[i]);
      g_autoptr(EsOAuth2Token) token = NULL;
      g_autoptr(GError) error = NULL;

      token = es_oauth2_token_new_from_response (response, now, NULL, NULL, &error);
      g_assert_error (error, ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_INVALID_RESPONSE);
      g_assert_null (token);
    }
}

static void
test_token_saved_invalid (void)
{
  const char *saved[] = {
    "{\"access_token\":\"a\"}",
    "{\"version\":2,\"access_token\":\"a\"}",
    "{\"version\":\"1\",\"access_token\":\"a\"}",
    "{\"version\":1}",
    "{\"version\":1,\"access_token\":\"a\",\"expires_at\":\"tomorrow\"}",
    "{\"version\":1,\"access_token\":\"a\",\"params\":[]}",
    "{\"version\":1,\"access_token\":\"a\",\"params\":{\"realmId\":1}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (saved); i++)
    {
      g_autoptr(JsonObject) object = parse_object (saved[i]);
      g_autoptr(EsOAuth2Token) token = NULL;
      g_autoptr(GError) error = NULL;

      token = es_oauth2_token_new_from_json (object, &error);
      g_assert_error (error, ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_RECONNECT_NEEDED);
      g_assert_null (token);
    }
}

/* ------------------------------------------------------------------------------------------- */
/* EsOAuth2Flow: authorization                                                                  */
/* ------------------------------------------------------------------------------------------- */

static void
test_flow_success (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(EsOAuth2Token) token = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) earliest = NULL;
  g_autoptr(GDateTime) latest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect_uri = NULL;
  g_autofree char *state = NULL;
  g_autofree char *other_state = NULL;
  g_autofree char *challenge = NULL;

  token = authorize_sync (f, NULL, &error);
  g_assert_no_error (error);
  after = g_date_time_new_now_utc ();

  /* What the browser was sent to. */
  g_assert_cmpuint (f->open_count, ==, 1);
  g_assert_true (g_str_has_prefix (f->sign_in_uri, f->auth->base));
  redirect_uri = query_param (f->sign_in_uri, "redirect_uri");
  g_assert_true (g_str_has_prefix (redirect_uri, "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (redirect_uri, "/callback"));
  g_assert_cmpuint (uri_port (redirect_uri), >, 0);
  state = query_param (f->sign_in_uri, "state");
  challenge = query_param (f->sign_in_uri, "code_challenge");
  g_assert_cmpuint (strlen (state), ==, 43);
  g_assert_cmpuint (strlen (challenge), ==, 43);

  /* The server checked HTTP Basic client authentication and the PKCE verifier. */
  g_assert_true (f->auth->pkce_verified);
  g_assert_cmpuint (f->auth->code_exchanges, ==, 1);
  g_assert_cmpuint (f->auth->token_calls, ==, 1);

  g_assert_cmpstr (es_oauth2_token_get_access_token (token), ==, f->auth->access_token);
  g_assert_cmpstr (es_oauth2_token_get_refresh_token (token), ==, f->auth->refresh_token);
  g_assert_cmpstr (es_oauth2_token_get_param (token, "realmId"), ==, REALM_ID);
  g_assert_nonnull (es_oauth2_token_get_id_token (token));
  earliest = g_date_time_add_seconds (before, 3600 - 1);
  latest = g_date_time_add_seconds (after, 3600 + 1);
  g_assert_cmpint (g_date_time_compare (es_oauth2_token_get_expires_at (token), earliest), >=, 0);
  g_assert_cmpint (g_date_time_compare (es_oauth2_token_get_expires_at (token), latest), <=, 0);

  /* The browser shows the outcome. */
  iterate_until (&f->browser_done, "the browser's page");
  g_assert_cmpuint (f->browser_status, ==, SOUP_STATUS_OK);
  g_assert_nonnull (strstr (f->browser_page,
                            "You can close this tab and go back to EasySale Sync."));
  g_assert_null (strstr (f->browser_page, es_oauth2_token_get_access_token (token)));

  /* The listener is closed and its port free. */
  assert_port_free (uri_port (redirect_uri));

  /* A second sign-in gets a fresh state and verifier. */
  g_clear_object (&token);
  token = authorize_sync (f, NULL, &error);
  g_assert_no_error (error);
  other_state = query_param (f->sign_in_uri, "state");
  g_assert_cmpstr (other_state, !=, state);
  g_assert_cmpuint (f->auth->code_exchanges, ==, 2);
}

static void
test_flow_fixed_port (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(EsOAuth2Token) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect_uri = NULL;
  g_autofree char *expected = NULL;
  guint port;

  /* A free port, as a provider's registered redirect URI would name. */
  {
    g_autoptr(GSocket) probe = occupy_port (&port);
  }

  es_oauth2_flow_set_redirect (f->flow, "localhost", port, "/oauth/intuit");
  token = authorize_sync (f, NULL, &error);
  g_assert_no_error (error);

  redirect_uri = query_param (f->sign_in_uri, "redirect_uri");
  expected = g_strdup_printf ("http://localhost:%u/oauth/intuit", port);
  g_assert_cmpstr (redirect_uri, ==, expected);
  g_assert_true (f->auth->pkce_verified);

  iterate_until (&f->browser_done, "the browser's page");
  g_assert_cmpuint (f->browser_status, ==, SOUP_STATUS_OK);
  assert_port_free (port);
}

static void
test_flow_state_mismatch (Fixture       *f,
                          gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(EsOAuth2Token) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect_uri = NULL;
  g_autofree char *no_state = NULL;
  g_autofree char *other_path = NULL;

  f->auth->authorize_mode = AUTHORIZE_FORGED_STATE;
  es_oauth2_flow_authorize_async (f->flow, NULL, on_result, &slot);

  /* The forged redirect is refused, its code never exchanged, and the flow keeps waiting. */
  iterate_until (&f->browser_done, "the page for the forged redirect");
  g_assert_cmpuint (f->browser_status, ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_nonnull (strstr (f->browser_page, "does not belong to the sign-in"));
  g_assert_cmpuint (f->auth->token_calls, ==, 0);
  g_assert_null (slot);

  /* No state at all is refused the same way. */
  redirect_uri = query_param (f->sign_in_uri, "redirect_uri");
  no_state = g_strconcat (redirect_uri, "?code=forged-code&realmId=666", NULL);
  browser_visit (f, no_state);
  iterate_until (&f->browser_done, "the page for the redirect without state");
  g_assert_cmpuint (f->browser_status, ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpuint (f->auth->token_calls, ==, 0);
  g_assert_null (slot);

  /* Other paths and methods are not the redirect either. */
  other_path = g_strdup_printf ("http://127.0.0.1:%u/favicon.ico", uri_port (redirect_uri));
  browser_visit (f, other_path);
  iterate_until (&f->browser_done, "the page for another path");
  g_assert_cmpuint (f->browser_status, ==, SOUP_STATUS_NOT_FOUND);
  browser_request (f, SOUP_METHOD_HEAD, no_state);
  iterate_until (&f->browser_done, "the answer to a HEAD request");
  g_assert_cmpuint (f->browser_status, ==, SOUP_STATUS_METHOD_NOT_ALLOWED);
  g_assert_null (slot);

  /* The genuine answer still completes the sign-in. */
  f->auth->authorize_mode = AUTHORIZE_GRANT;
  browser_visit (f, f->sign_in_uri);
  result = await_result (&slot);
  token = es_oauth2_flow_authorize_finish (f->flow, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (es_oauth2_token_get_param (token, "realmId"), ==, REALM_ID);
  g_assert_cmpuint (f->auth->code_exchanges, ==, 1);
  iterate_until (&f->browser_done, "the browser's page");
  g_assert_cmpuint (f->browser_status, ==, SOUP_STATUS_OK);
}

static void
test_flow_denied (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(EsOAuth2Token) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect_uri = NULL;

  f->auth->authorize_mode = AUTHORIZE_DENY;
  token = authorize_sync (f, NULL, &error);
  g_assert_error (error, ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_ACCESS_DENIED);
  g_assert_null (token);
  g_assert_cmpuint (f->auth->token_calls, ==, 0);

  iterate_until (&f->browser_done, "the browser's page");
  g_assert_nonnull (strstr (f->browser_page, "Access was not granted"));
  g_assert_nonnull (strstr (f->browser_page, "You can close this tab"));

  redirect_uri = query_param (f->sign_in_uri, "redirect_uri");
  assert_port_free (uri_port (redirect_uri));
}

static void
test_flow_provider_error (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(EsOAuth2Token) token = NULL;
  g_autoptr(GError) error = NULL;

  f->auth->authorize_mode = AUTHORIZE_INVALID_SCOPE;
  token = authorize_sync (f, NULL, &error);
  g_assert_error (error, ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_AUTHORIZATION_FAILED);
  g_assert_nonnull (strstr (error->message, "invalid_scope"));
  g_assert_nonnull (strstr (error->message, "Bad scope"));
  g_assert_null (token);
  g_clear_error (&error);
  iterate_until (&f->browser_done, "the browser's page");

  /* The right state but no code. */
  f->auth->authorize_mode = AUTHORIZE_NO_CODE;
  token = authorize_sync (f, NULL, &error);
  g_assert_error (error, ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_AUTHORIZATION_FAILED);
  g_assert_null (token);
  g_assert_cmpuint (f->auth->token_calls, ==, 0);
  iterate_until (&f->browser_done, "the browser's page");
}

static void
test_flow_exchange_refused (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(EsOAuth2Token) token = NULL;
  g_autoptr(GError) error = NULL;

  /* The code expired between the redirect and the exchange. */
  f->auth->forced_status = SOUP_STATUS_BAD_REQUEST;
  f->auth->forced_body = g_strdup ("{\"error\":\"invalid_grant\"}");

  token = authorize_sync (f, NULL, &error);
  g_assert_error (error, ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_RECONNECT_NEEDED);
  g_assert_null (token);
  g_assert_cmpuint (f->auth->token_calls, ==, 1);

  /* The page says what went wrong, in the same words. */
  iterate_until (&f->browser_done, "the browser's page");
  g_assert_nonnull (strstr (f->browser_page, "Not connected"));
  g_assert_nonnull (strstr (f->browser_page, "Connect the account again"));
}

static void
test_flow_timeout (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(EsOAuth2Token) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect_uri = NULL;

  f->browser_mode = BROWSER_NOTHING;
  es_oauth2_flow_set_timeout (f->flow, 1);

  token = authorize_sync (f, NULL, &error);
  g_assert_error (error, ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_TIMED_OUT);
  g_assert_null (token);

  redirect_uri = query_param (f->sign_in_uri, "redirect_uri");
  assert_port_free (uri_port (redirect_uri));

  /* A late redirect finds nobody listening. */
  browser_visit (f, f->sign_in_uri);
  iterate_until (&f->browser_done, "the late visit");
  g_assert_cmpuint (f->browser_status, ==, 0);
  g_assert_cmpuint (f->auth->token_calls, ==, 0);
}

static void
test_flow_port_taken (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GSocket) other_program = NULL;
  g_autoptr(EsOAuth2Token) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port_text = NULL;
  guint port;

  other_program = occupy_port (&port);
  es_oauth2_flow_set_redirect (f->flow, "127.0.0.1", port, "/callback");

  token = authorize_sync (f, NULL, &error);
  g_assert_error (error, ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_PORT_UNAVAILABLE);
  g_assert_null (token);
  port_text = g_strdup_printf ("Port %u ", port);
  g_assert_true (g_str_has_prefix (error->message, port_text));
  g_assert_nonnull (strstr (error->message, "already in use"));
  g_assert_cmpuint (f->open_count, ==, 0);

  /* Once the other program lets go, the same configuration works. */
  g_clear_object (&other_program);
  g_clear_error (&error);
  token = authorize_sync (f, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  iterate_until (&f->browser_done, "the browser's page");
}

static void
test_flow_cancelled (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GAsyncResult *slot = NULL;
  GAsyncResult *second_slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(EsOAuth2Token) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect_uri = NULL;

  f->browser_mode = BROWSER_NOTHING;
  es_oauth2_flow_authorize_async (f->flow, cancellable, on_result, &slot);
  g_assert_cmpuint (f->open_count, ==, 1);

  /* One sign-in at a time. */
  es_oauth2_flow_authorize_async (f->flow, NULL, on_result, &second_slot);
  result = await_result (&second_slot);
  token = es_oauth2_flow_authorize_finish (f->flow, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_assert_null (token);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_null (slot);

  g_cancellable_cancel (cancellable);
  result = await_result (&slot);
  token = es_oauth2_flow_authorize_finish (f->flow, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (token);

  redirect_uri = query_param (f->sign_in_uri, "redirect_uri");
  assert_port_free (uri_port (redirect_uri));

  /* Already cancelled: nothing is started at all. */
  g_clear_error (&error);
  token = authorize_sync (f, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (f->open_count, ==, 1);
}

static void
test_flow_cancelled_exchange (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(EsOAuth2Token) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect_uri = NULL;

  /* The user came back, the code is being exchanged, and then the user cancels. */
  f->auth->hold_token = TRUE;
  es_oauth2_flow_authorize_async (f->flow, cancellable, on_result, &slot);
  iterate_until (&f->auth->token_held, "the code exchange");
  g_assert_false (f->browser_done);

  g_cancellable_cancel (cancellable);
  result = await_result (&slot);
  token = es_oauth2_flow_authorize_finish (f->flow, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (token);

  /* The browser, kept waiting during the exchange, learns the outcome. */
  iterate_until (&f->browser_done, "the browser's page");
  g_assert_cmpuint (f->browser_status, ==, SOUP_STATUS_OK);
  g_assert_nonnull (strstr (f->browser_page, "The sign-in was cancelled in EasySale Sync."));

  redirect_uri = query_param (f->sign_in_uri, "redirect_uri");
  assert_port_free (uri_port (redirect_uri));
}

static void
test_flow_browser_failure (void)
{
  if (g_test_subprocess ())
    {
      Fixture fixture = { 0 };
      Fixture *f = &fixture;
      g_autofree char *empty = NULL;
      g_autoptr(EsOAuth2Token) token = NULL;
      g_autoptr(GError) error = NULL;

      /* A system with no browser at all: no applications, no portal, no GVfs. Set before
       * anything reads them. */
      empty = g_dir_make_tmp ("es-no-browser-XXXXXX", &error);
      g_assert_no_error (error);
      g_setenv ("XDG_DATA_HOME", empty, TRUE);
      g_setenv ("XDG_DATA_DIRS", empty, TRUE);
      g_setenv ("XDG_CONFIG_HOME", empty, TRUE);
      g_setenv ("XDG_CONFIG_DIRS", empty, TRUE);
      g_setenv ("GIO_USE_VFS", "local", TRUE);
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/easysale-sync-test-bus",
                TRUE);
      g_unsetenv ("BROWSER");

      fixture_setup (f, NULL);
      /* No handler of our own: the default opens "the browser". */
      g_signal_handlers_disconnect_by_func (f->flow, on_open_uri, f);

      token = authorize_sync (f, NULL, &error);
      g_assert_error (error, ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_BROWSER);
      g_assert_null (token);

      fixture_teardown (f, NULL);
      g_rmdir (empty);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* ------------------------------------------------------------------------------------------- */
/* EsOAuth2Flow: the token endpoint                                                             */
/* ------------------------------------------------------------------------------------------- */

static void
test_flow_refresh_rotates (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(EsOAuth2Token) first = token_from_server (f->auth, 3600);
  g_autoptr(EsOAuth2Token) second = NULL;
  g_autoptr(EsOAuth2Token) stale = NULL;
  g_autoptr(GError) error = NULL;

  second = refresh_sync (f, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->auth->refreshes, ==, 1);
  g_assert_cmpstr (es_oauth2_token_get_refresh_token (second), ==, f->auth->refresh_token);
  g_assert_cmpstr (es_oauth2_token_get_refresh_token (second), !=,
                   es_oauth2_token_get_refresh_token (first));
  g_assert_cmpstr (es_oauth2_token_get_param (second, "realmId"), ==, REALM_ID);

  /* The rotated-out refresh token is dead: exactly Intuit's invalid_grant body. */
  stale = refresh_sync (f, first, &error);
  g_assert_error (error, ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_RECONNECT_NEEDED);
  g_assert_null (stale);
  g_assert_cmpuint (f->auth->refreshes, ==, 2);
}

static void
test_flow_token_errors (Fixture       *f,
                        gconstpointer  data)
{
  const struct {
    guint       status;
    const char *body;
    GQuark      domain;
    int         code;
    const char *in_message;
  } cases[] = {
    { 400,
      "{\"error\":\"invalid_grant\",\"error_description\":\"Incorrect or invalid refresh token\"}",
      ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_RECONNECT_NEEDED, "Incorrect or invalid refresh token" },
    { 401, "{\"error\":\"invalid_client\"}",
      ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_INVALID_CLIENT, "client ID" },
    { 400, "{\"error\":\"unauthorized_client\"}",
      ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_UNAUTHORIZED_CLIENT, NULL },
    { 400, "{\"error\":\"invalid_request\"}",
      ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_INVALID_REQUEST, NULL },
    { 400, "{\"error\":\"unsupported_grant_type\"}",
      ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_UNSUPPORTED_GRANT_TYPE, NULL },
    { 400, "{\"error\":\"invalid_scope\"}",
      ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_INVALID_SCOPE, NULL },
    { 400, "{\"error\":\"temporarily_unavailable\"}",
      ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_TOKEN_FAILED, "temporarily_unavailable" },
    { 200, "{\"token_type\":\"bearer\",\"expires_in\":3600}",
      ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_INVALID_RESPONSE, NULL },
    { 200, "[\"not\", \"a\", \"token\"]",
      ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_INVALID_RESPONSE, NULL },
    /* Not an OAuth answer: the HTTP layer's error, worth a retry. */
    { 503, "<html>busy</html>", ES_HTTP_ERROR, ES_HTTP_ERROR_SERVER, NULL },
    { 400, "<html>bad</html>", ES_HTTP_ERROR, ES_HTTP_ERROR_BAD_REQUEST, NULL },
  };
  g_autoptr(EsOAuth2Token) token = token_from_server (f->auth, 3600);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EsOAuth2Token) renewed = NULL;
      g_autoptr(GError) error = NULL;

      f->auth->forced_status = cases[i].status;
      g_free (f->auth->forced_body);
      f->auth->forced_body = g_strdup (cases[i].body);

      renewed = refresh_sync (f, token, &error);
      g_assert_error (error, cases[i].domain, cases[i].code);
      g_assert_null (renewed);
      if (cases[i].in_message != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].in_message));
      /* Tokens never appear in error messages. */
      g_assert_null (strstr (error->message, es_oauth2_token_get_refresh_token (token)));
    }
}

static void
test_flow_client_credentials (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *authorize_uri = g_strconcat (f->auth->base, "/authorize", NULL);
  g_autofree char *token_uri = g_strconcat (f->auth->base, "/token", NULL);
  g_autoptr(EsOAuth2Flow) wrong = es_oauth2_flow_new (f->client, authorize_uri, token_uri,
                                                      CLIENT_ID, "not-the-secret");
  g_autoptr(EsOAuth2Token) token = token_from_server (f->auth, 3600);
  g_autoptr(EsOAuth2Token) renewed = NULL;
  g_autoptr(JsonObject) no_refresh_response = parse_object ("{\"access_token\":\"a\"}");
  g_autoptr(EsOAuth2Token) no_refresh = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* The server checks the Basic credentials itself. */
  es_oauth2_flow_refresh_async (wrong, token, NULL, on_result, &slot);
  result = await_result (&slot);
  renewed = es_oauth2_flow_refresh_finish (wrong, result, &error);
  g_assert_error (error, ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_INVALID_CLIENT);
  g_assert_null (renewed);
  g_assert_cmpuint (f->auth->refreshes, ==, 0);
  g_clear_error (&error);

  /* Nothing to refresh with: no request at all. */
  no_refresh = es_oauth2_token_new_from_response (no_refresh_response, now, NULL, NULL, &error);
  g_assert_no_error (error);
  renewed = refresh_sync (f, no_refresh, &error);
  g_assert_error (error, ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_RECONNECT_NEEDED);
  g_assert_null (renewed);
  g_assert_cmpuint (f->auth->token_calls, ==, 1);
}

static void
test_flow_token_unreachable (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GSocket) closed = NULL;
  g_autofree char *token_uri = NULL;
  g_autoptr(EsOAuth2Flow) flow = NULL;
  g_autoptr(EsOAuth2Token) token = token_from_server (f->auth, 3600);
  g_autoptr(EsOAuth2Token) renewed = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  /* A port that was free a moment ago and has nobody listening now. */
  closed = occupy_port (&port);
  g_clear_object (&closed);
  token_uri = g_strdup_printf ("http://127.0.0.1:%u/token", port);
  flow = es_oauth2_flow_new (f->client, "http://127.0.0.1:1/authorize", token_uri,
                             CLIENT_ID, CLIENT_SECRET);

  es_oauth2_flow_refresh_async (flow, token, NULL, on_result, &slot);
  result = await_result (&slot);
  renewed = es_oauth2_flow_refresh_finish (flow, result, &error);
  g_assert_error (error, ES_HTTP_ERROR, ES_HTTP_ERROR_CONNECTION);
  g_assert_null (renewed);
}

/* ------------------------------------------------------------------------------------------- */
/* EsOAuth2Session                                                                              */
/* ------------------------------------------------------------------------------------------- */

static EsOAuth2Session *
session_new (Fixture *f)
{
  return es_oauth2_session_new (f->flow, f->store, f->system, f->account,
                                "QuickBooks Online (company 123)");
}

static gboolean
session_save_sync (EsOAuth2Session  *session,
                   EsOAuth2Token    *token,
                   GError          **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  es_oauth2_session_save_async (session, token, NULL, on_result, &slot);
  result = await_result (&slot);

  return es_oauth2_session_save_finish (session, result, error);
}

static EsOAuth2Token *
session_get_sync (EsOAuth2Session  *session,
                  gboolean          force_refresh,
                  GError          **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  es_oauth2_session_get_token_async (session, force_refresh, NULL, on_result, &slot);
  result = await_result (&slot);

  return es_oauth2_session_get_token_finish (session, result, error);
}

static EsOAuth2Token *
keyring_token (Fixture *f)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(GError) error = NULL;
  EsOAuth2Token *token;

  es_secret_store_lookup_async (f->store, f->system, f->account, NULL, on_result, &slot);
  result = await_result (&slot);
  saved = es_secret_store_lookup_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  token = es_oauth2_token_new_from_json (saved, &error);
  g_assert_no_error (error);

  return token;
}

static EsHttpRequest *
api_request (Fixture         *f,
             EsOAuth2Session *session)
{
  g_autofree char *uri = g_strconcat (f->auth->base, "/api/v3/company/" REALM_ID
                                      "/query?query=select%20*%20from%20CompanyInfo", NULL);
  EsHttpRequest *request = es_http_request_new ("GET", uri);

  es_http_request_set_authorizer (request, ES_HTTP_AUTHORIZER (session));
  return request;
}

static JsonNode *
api_call_sync (Fixture          *f,
               EsOAuth2Session  *session,
               GError          **error)
{
  g_autoptr(EsHttpRequest) request = api_request (f, session);
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  es_http_client_send_json_async (f->client, request, NULL, on_result, &slot);
  result = await_result (&slot);

  return es_http_client_send_json_finish (f->client, result, error);
}

static void
test_session_connect (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(EsOAuth2Token) token = NULL;
  g_autoptr(EsOAuth2Token) saved = NULL;
  g_autoptr(EsOAuth2Token) loaded = NULL;
  g_autoptr(EsOAuth2Session) session = NULL;
  g_autoptr(EsOAuth2Session) next_start = NULL;
  g_autoptr(GError) error = NULL;

  if (f->store == NULL)
    return;

  token = authorize_sync (f, NULL, &error);
  g_assert_no_error (error);
  iterate_until (&f->browser_done, "the browser's page");

  session = session_new (f);
  g_assert_true (session_save_sync (session, token, &error));
  g_assert_no_error (error);

  /* The keyring holds the whole token, the company id included. */
  saved = keyring_token (f);
  g_assert_cmpstr (es_oauth2_token_get_access_token (saved), ==, f->auth->access_token);
  g_assert_cmpstr (es_oauth2_token_get_refresh_token (saved), ==, f->auth->refresh_token);
  g_assert_cmpstr (es_oauth2_token_get_param (saved, "realmId"), ==, REALM_ID);

  /* The next start of the app reads it back without asking the provider. */
  next_start = session_new (f);
  loaded = session_get_sync (next_start, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (es_oauth2_token_get_access_token (loaded), ==, f->auth->access_token);
  g_assert_cmpuint (f->auth->token_calls, ==, 1);
}

static void
test_session_not_connected (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(EsOAuth2Session) session = NULL;
  g_autoptr(EsOAuth2Token) token = NULL;
  g_autoptr(GError) error = NULL;

  if (f->store == NULL)
    return;

  session = session_new (f);
  token = session_get_sync (session, FALSE, &error);
  g_assert_error (error, ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_NOT_CONNECTED);
  g_assert_null (token);
  g_assert_cmpuint (f->auth->token_calls, ==, 0);
}

static void
test_session_damaged (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(EsOAuth2Session) session = NULL;
  g_autoptr(EsOAuth2Token) token = NULL;
  g_autoptr(JsonObject) garbage = parse_object ("{\"consumer_key\":\"ck_123\"}");
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (f->store == NULL)
    return;

  es_secret_store_store_async (f->store, f->system, f->account, "Something else", garbage, NULL,
                               on_result, &slot);
  result = await_result (&slot);
  es_secret_store_store_finish (f->store, result, &error);
  g_assert_no_error (error);

  session = session_new (f);
  token = session_get_sync (session, FALSE, &error);
  g_assert_error (error, ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_RECONNECT_NEEDED);
  g_assert_null (token);
}

static void
test_session_refresh_rotation (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(EsOAuth2Token) expiring = NULL;
  g_autoptr(EsOAuth2Token) token = NULL;
  g_autoptr(EsOAuth2Token) saved = NULL;
  g_autoptr(EsOAuth2Session) session = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;

  if (f->store == NULL)
    return;

  /* Valid for one more minute: inside the five-minute margin. */
  expiring = token_from_server (f->auth, 60);
  session = session_new (f);
  g_assert_true (session_save_sync (session, expiring, &error));
  g_assert_no_error (error);

  /* The first API call renews first; the server, seeing the rotated access token for the first
   * time, checks that the keyring already holds the rotated refresh token. */
  answer = api_call_sync (f, session, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  g_assert_cmpuint (f->auth->refreshes, ==, 1);
  g_assert_cmpuint (f->auth->api_calls, ==, 1);
  g_assert_true (f->auth->rotation_checked);
  g_assert_true (f->auth->rotation_saved_first);

  saved = keyring_token (f);
  g_assert_cmpstr (es_oauth2_token_get_refresh_token (saved), ==, f->auth->refresh_token);
  g_assert_cmpstr (es_oauth2_token_get_refresh_token (saved), !=,
                   es_oauth2_token_get_refresh_token (expiring));
  g_assert_cmpstr (es_oauth2_token_get_param (saved, "realmId"), ==, REALM_ID);

  /* Fresh now: no further refresh. */
  token = session_get_sync (session, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (es_oauth2_token_get_access_token (token), ==, f->auth->access_token);
  g_assert_cmpuint (f->auth->refreshes, ==, 1);
}

static void
test_session_concurrent_refresh (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(EsOAuth2Token) expired = NULL;
  g_autoptr(EsOAuth2Session) session = NULL;
  GAsyncResult *slots[4] = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autofree char *first_access = NULL;

  if (f->store == NULL)
    return;

  expired = token_from_server (f->auth, 0);
  session = session_new (f);
  g_assert_true (session_save_sync (session, expired, &error));
  g_assert_no_error (error);

  /* Four callers at once, two of them forcing: one refresh serves them all. */
  es_oauth2_session_get_token_async (session, FALSE, NULL, on_result, &slots[0]);
  es_oauth2_session_get_token_async (session, TRUE, NULL, on_result, &slots[1]);
  es_oauth2_session_get_token_async (session, FALSE, NULL, on_result, &slots[2]);
  es_oauth2_session_get_token_async (session, TRUE, NULL, on_result, &slots[3]);

  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      g_autoptr(GAsyncResult) result = await_result (&slots[i]);
      g_autoptr(EsOAuth2Token) token = es_oauth2_session_get_token_finish (session, result,
                                                                           &error);

      g_assert_no_error (error);
      if (first_access == NULL)
        first_access = g_strdup (es_oauth2_token_get_access_token (token));
      g_assert_cmpstr (es_oauth2_token_get_access_token (token), ==, first_access);
    }

  g_assert_cmpstr (first_access, ==, f->auth->access_token);
  g_assert_cmpuint (f->auth->token_calls, ==, 1);

  /* Two API requests at once with an expired token: still one refresh. */
  {
    g_autoptr(EsOAuth2Token) expired_again = token_from_server (f->auth, 0);
    g_autoptr(EsHttpRequest) first = api_request (f, session);
    g_autoptr(EsHttpRequest) second = api_request (f, session);
    GAsyncResult *api_slots[2] = { NULL, };

    g_assert_true (session_save_sync (session, expired_again, &error));
    g_assert_no_error (error);
    f->auth->token_calls = 0;

    es_http_client_send_json_async (f->client, first, NULL, on_result, &api_slots[0]);
    es_http_client_send_json_async (f->client, second, NULL, on_result, &api_slots[1]);
    for (guint i = 0; i < G_N_ELEMENTS (api_slots); i++)
      {
        g_autoptr(GAsyncResult) result = await_result (&api_slots[i]);
        g_autoptr(JsonNode) answer = es_http_client_send_json_finish (f->client, result, &error);

        g_assert_no_error (error);
        g_assert_nonnull (answer);
      }
    g_assert_cmpuint (f->auth->token_calls, ==, 1);
    g_assert_cmpuint (f->auth->api_calls, ==, 2);
  }
}

static void
test_session_invalid_grant (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(EsOAuth2Token) expired = NULL;
  g_autoptr(EsOAuth2Token) token = NULL;
  g_autoptr(EsOAuth2Session) session = NULL;
  g_autoptr(JsonNode) answer = NULL;
  GAsyncResult *slots[2] = { NULL, };
  g_autoptr(GError) error = NULL;

  if (f->store == NULL)
    return;

  expired = token_from_server (f->auth, 0);
  session = session_new (f);
  g_assert_true (session_save_sync (session, expired, &error));
  g_assert_no_error (error);

  /* The user disconnected the app at Intuit: the refresh token is gone. */
  g_free (f->auth->refresh_token);
  f->auth->refresh_token = g_strdup ("revoked");

  es_oauth2_session_get_token_async (session, FALSE, NULL, on_result, &slots[0]);
  es_oauth2_session_get_token_async (session, FALSE, NULL, on_result, &slots[1]);
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      g_autoptr(GAsyncResult) result = await_result (&slots[i]);

      token = es_oauth2_session_get_token_finish (session, result, &error);
      g_assert_error (error, ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_RECONNECT_NEEDED);
      g_assert_null (token);
      g_clear_error (&error);
    }
  g_assert_cmpuint (f->auth->token_calls, ==, 1);

  /* Through the authorizer, a request ends with the same error, never reaching the API. */
  answer = api_call_sync (f, session, &error);
  g_assert_error (error, ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_RECONNECT_NEEDED);
  g_assert_null (answer);
  g_assert_cmpuint (f->auth->api_calls, ==, 0);
}

static void
test_session_unauthorized_refreshes_once (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(EsOAuth2Token) token = NULL;
  g_autoptr(EsOAuth2Session) session = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;

  if (f->store == NULL)
    return;

  /* Valid for an hour by its own account, but the server no longer takes it. */
  token = token_from_server (f->auth, 3600);
  session = session_new (f);
  g_assert_true (session_save_sync (session, token, &error));
  g_assert_no_error (error);
  g_free (f->auth->access_token);
  f->auth->access_token = g_strdup ("access-revoked-by-server");

  answer = api_call_sync (f, session, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  g_assert_cmpuint (f->auth->api_calls, ==, 2);
  g_assert_cmpuint (f->auth->refreshes, ==, 1);
  g_clear_pointer (&answer, json_node_unref);

  /* A 401 even with fresh credentials: one renewal, then the error, no loop. */
  f->auth->api_refuses_all = TRUE;
  f->auth->api_calls = 0;
  f->auth->refreshes = 0;
  answer = api_call_sync (f, session, &error);
  g_assert_error (error, ES_HTTP_ERROR, ES_HTTP_ERROR_UNAUTHORIZED);
  g_assert_null (answer);
  g_assert_cmpuint (f->auth->api_calls, ==, 2);
  g_assert_cmpuint (f->auth->refreshes, ==, 1);
}

static void
test_session_cancelled (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(EsOAuth2Token) expired = NULL;
  g_autoptr(EsOAuth2Token) token = NULL;
  g_autoptr(EsOAuth2Token) saved = NULL;
  g_autoptr(EsOAuth2Session) session = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GAsyncResult *cancelled_slot = NULL;
  GAsyncResult *other_slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (f->store == NULL)
    return;

  expired = token_from_server (f->auth, 0);
  session = session_new (f);
  g_assert_true (session_save_sync (session, expired, &error));
  g_assert_no_error (error);

  /* One caller gives up while the refresh runs; the other still gets the token, and the
   * rotated refresh token is saved all the same. */
  es_oauth2_session_get_token_async (session, FALSE, cancellable, on_result, &cancelled_slot);
  es_oauth2_session_get_token_async (session, FALSE, NULL, on_result, &other_slot);
  g_cancellable_cancel (cancellable);

  result = await_result (&cancelled_slot);
  token = es_oauth2_session_get_token_finish (session, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (token);
  g_clear_error (&error);
  g_clear_object (&result);

  result = await_result (&other_slot);
  token = es_oauth2_session_get_token_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (es_oauth2_token_get_access_token (token), ==, f->auth->access_token);
  g_assert_cmpuint (f->auth->refreshes, ==, 1);

  saved = keyring_token (f);
  g_assert_cmpstr (es_oauth2_token_get_refresh_token (saved), ==, f->auth->refresh_token);

  /* Cancelled before the call: answered at once. */
  g_clear_object (&token);
  g_clear_object (&result);
  es_oauth2_session_get_token_async (session, FALSE, cancellable, on_result, &cancelled_slot);
  result = await_result (&cancelled_slot);
  token = es_oauth2_session_get_token_finish (session, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_session_no_keyring (void)
{
  if (g_test_subprocess ())
    {
      Fixture fixture = { 0 };
      Fixture *f = &fixture;
      g_autoptr(EsOAuth2Session) session = NULL;
      g_autoptr(EsOAuth2Token) token = NULL;
      g_autoptr(EsOAuth2Token) got = NULL;
      g_autoptr(GError) error = NULL;

      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/easysale-sync-test-bus",
                TRUE);
      fixture_setup (f, NULL);
      f->store = es_secret_store_new ();
      session = session_new (f);

      /* A token that cannot be saved is not handed out either. */
      token = token_from_server (f->auth, 3600);
      g_assert_false (session_save_sync (session, token, &error));
      g_assert_error (error, ES_SECRET_STORE_ERROR, ES_SECRET_STORE_ERROR_NO_SERVICE);
      g_clear_error (&error);

      got = session_get_sync (session, FALSE, &error);
      g_assert_error (error, ES_SECRET_STORE_ERROR, ES_SECRET_STORE_ERROR_NO_SERVICE);
      g_assert_null (got);
      g_assert_cmpuint (f->auth->token_calls, ==, 0);

      g_clear_object (&session);
      g_clear_object (&f->store);
      fixture_teardown (f, NULL);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/oauth2/token/from-fixture", test_token_from_fixture);
  g_test_add_func ("/oauth2/token/refresh-keeps", test_token_refresh_keeps);
  g_test_add_func ("/oauth2/token/invalid-response", test_token_invalid_response);
  g_test_add_func ("/oauth2/token/saved-invalid", test_token_saved_invalid);

#define FLOW_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
#define SESSION_TEST(path, func) \
  g_test_add (path, Fixture, NULL, session_fixture_setup, func, fixture_teardown)

  FLOW_TEST ("/oauth2/flow/success", test_flow_success);
  FLOW_TEST ("/oauth2/flow/fixed-port", test_flow_fixed_port);
  FLOW_TEST ("/oauth2/flow/state-mismatch", test_flow_state_mismatch);
  FLOW_TEST ("/oauth2/flow/denied", test_flow_denied);
  FLOW_TEST ("/oauth2/flow/provider-error", test_flow_provider_error);
  FLOW_TEST ("/oauth2/flow/exchange-refused", test_flow_exchange_refused);
  FLOW_TEST ("/oauth2/flow/timeout", test_flow_timeout);
  FLOW_TEST ("/oauth2/flow/port-taken", test_flow_port_taken);
  FLOW_TEST ("/oauth2/flow/cancelled", test_flow_cancelled);
  FLOW_TEST ("/oauth2/flow/cancelled-exchange", test_flow_cancelled_exchange);
  g_test_add_func ("/oauth2/flow/browser-failure", test_flow_browser_failure);
  FLOW_TEST ("/oauth2/flow/refresh-rotates", test_flow_refresh_rotates);
  FLOW_TEST ("/oauth2/flow/token-errors", test_flow_token_errors);
  FLOW_TEST ("/oauth2/flow/client-credentials", test_flow_client_credentials);
  FLOW_TEST ("/oauth2/flow/token-unreachable", test_flow_token_unreachable);

  SESSION_TEST ("/oauth2/session/connect", test_session_connect);
  SESSION_TEST ("/oauth2/session/not-connected", test_session_not_connected);
  SESSION_TEST ("/oauth2/session/damaged", test_session_damaged);
  SESSION_TEST ("/oauth2/session/refresh-rotation", test_session_refresh_rotation);
  SESSION_TEST ("/oauth2/session/concurrent-refresh", test_session_concurrent_refresh);
  SESSION_TEST ("/oauth2/session/invalid-grant", test_session_invalid_grant);
  SESSION_TEST ("/oauth2/session/unauthorized-refreshes-once",
                test_session_unauthorized_refreshes_once);
  SESSION_TEST ("/oauth2/session/cancelled", test_session_cancelled);
  g_test_add_func ("/oauth2/session/no-keyring", test_session_no_keyring);

#undef FLOW_TEST
#undef SESSION_TEST

  return g_test_run ();
}
