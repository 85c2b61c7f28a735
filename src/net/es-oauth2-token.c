/* es-oauth2-token.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-oauth2-token"

#include "config.h"

#include <glib/gi18n.h>

#include "es-oauth2-flow.h"
#include "es-oauth2-token.h"
#include "es-time.h"

/* The layout of the keyring item; a later layout gets a new number and a reader for this one. */
#define TOKEN_JSON_VERSION 1

/* Nobody issues tokens for longer than this; a bigger number is a broken answer. */
#define MAX_LIFETIME_SECONDS (G_GINT64_CONSTANT (10) * 366 * 24 * 3600)

struct _EsOAuth2Token
{
  GObject     parent_instance;

  char       *access_token;
  char       *refresh_token;
  char       *id_token;
  char       *scope;
  GDateTime  *expires_at;
  GDateTime  *refresh_expires_at;
  GHashTable *params;
};

G_DEFINE_FINAL_TYPE (EsOAuth2Token, es_oauth2_token, G_TYPE_OBJECT)

static void
es_oauth2_token_finalize (GObject *object)
{
  EsOAuth2Token *self = ES_OAUTH2_TOKEN (object);

  g_clear_pointer (&self->access_token, g_free);
  g_clear_pointer (&self->refresh_token, g_free);
  g_clear_pointer (&self->id_token, g_free);
  g_clear_pointer (&self->scope, g_free);
  g_clear_pointer (&self->expires_at, g_date_time_unref);
  g_clear_pointer (&self->refresh_expires_at, g_date_time_unref);
  g_clear_pointer (&self->params, g_hash_table_unref);

  G_OBJECT_CLASS (es_oauth2_token_parent_class)->finalize (object);
}

static void
es_oauth2_token_class_init (EsOAuth2TokenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = es_oauth2_token_finalize;
}

static void
es_oauth2_token_init (EsOAuth2Token *self)
{
  self->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
copy_params (GHashTable *to,
             GHashTable *from)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (to, g_strdup (key), g_strdup (value));
}

/* Reads an optional string member: absent or null is fine, any other type is not. */
static gboolean
get_optional_string (JsonObject  *object,
                     const char  *name,
                     const char **out)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  *out = json_node_get_string (node);
  return TRUE;
}

/* Reads an optional count of seconds; some providers send "3600" as a string. */
static gboolean
get_optional_seconds (JsonObject *object,
                      const char *name,
                      gint64     *out)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = -1;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *out = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0,
                                       (guint64) MAX_LIFETIME_SECONDS, &value, NULL))
        return FALSE;
      *out = (gint64) value;
    }
  else
    return FALSE;

  return *out >= 0 && *out <= MAX_LIFETIME_SECONDS;
}

static gpointer
fail_response (GError     **error,
               const char  *member)
{
  g_set_error (error, ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_INVALID_RESPONSE,
               _("The sign-in service answered with something that is not a usable token "
                 "(“%s” is missing or wrong)."),
               member);
  return NULL;
}

/**
 * es_oauth2_token_new_from_response:
 * @response: the JSON object a token endpoint answered (RFC 6749 §5.1)
 * @received_at: when the answer arrived; `expires_in` counts from here
 * @previous: (nullable): the token this one renews
 * @params: (nullable) (element-type utf8 utf8): parameters sent with the authorization code
 * @error: return location for an error
 *
 * A refresh answer without `refresh_token`, `scope` or `x_refresh_token_expires_in` keeps
 * those of @previous (RFC 6749 §6 lets the server keep the refresh token), and @params %NULL
 * keeps the parameters of @previous, e.g. Intuit's `realmId`.
 *
 * Returns: (transfer full): the token, or %NULL with %ES_OAUTH2_ERROR_INVALID_RESPONSE
 */
EsOAuth2Token *
es_oauth2_token_new_from_response (JsonObject     *response,
                                   GDateTime      *received_at,
                                   EsOAuth2Token  *previous,
                                   GHashTable     *params,
                                   GError        **error)
{
  g_autoptr(EsOAuth2Token) self = NULL;
  g_autoptr(GDateTime) received_utc = NULL;
  const char *access_token;
  const char *refresh_token;
  const char *token_type;
  const char *id_token;
  const char *scope;
  gint64 expires_in;
  gint64 refresh_expires_in;

  g_return_val_if_fail (response != NULL, NULL);
  g_return_val_if_fail (received_at != NULL, NULL);
  g_return_val_if_fail (!previous || ES_IS_OAUTH2_TOKEN (previous), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!get_optional_string (response, "access_token", &access_token) ||
      access_token == NULL || *access_token == '\0')
    return fail_response (error, "access_token");

  /* Only bearer tokens can be used the way this layer uses them (RFC 6750). */
  if (!get_optional_string (response, "token_type", &token_type) ||
      (token_type != NULL && g_ascii_strcasecmp (token_type, "bearer") != 0))
    return fail_response (error, "token_type");

  if (!get_optional_string (response, "refresh_token", &refresh_token) ||
      (refresh_token != NULL && *refresh_token == '\0'))
    return fail_response (error, "refresh_token");
  if (!get_optional_string (response, "id_token", &id_token))
    return fail_response (error, "id_token");
  if (!get_optional_string (response, "scope", &scope))
    return fail_response (error, "scope");
  if (!get_optional_seconds (response, "expires_in", &expires_in))
    return fail_response (error, "expires_in");
  if (!get_optional_seconds (response, "x_refresh_token_expires_in", &refresh_expires_in))
    return fail_response (error, "x_refresh_token_expires_in");

  self = g_object_new (ES_TYPE_OAUTH2_TOKEN, NULL);
  received_utc = es_time_normalize (received_at);

  self->access_token = g_strdup (access_token);
  self->id_token = g_strdup (id_token);
  if (expires_in >= 0)
    self->expires_at = g_date_time_add_seconds (received_utc, (gdouble) expires_in);

  if (refresh_token != NULL)
    {
      self->refresh_token = g_strdup (refresh_token);
      if (refresh_expires_in >= 0)
        self->refresh_expires_at = g_date_time_add_seconds (received_utc,
                                                            (gdouble) refresh_expires_in);
    }
  else if (previous != NULL && previous->refresh_token != NULL)
    {
      self->refresh_token = g_strdup (previous->refresh_token);
      if (refresh_expires_in >= 0)
        self->refresh_expires_at = g_date_time_add_seconds (received_utc,
                                                            (gdouble) refresh_expires_in);
      else if (previous->refresh_expires_at != NULL)
        self->refresh_expires_at = g_date_time_ref (previous->refresh_expires_at);
    }

  if (scope != NULL)
    self->scope = g_strdup (scope);
  else if (previous != NULL)
    self->scope = g_strdup (previous->scope);

  if (params != NULL)
    copy_params (self->params, params);
  else if (previous != NULL)
    copy_params (self->params, previous->params);

  return g_steal_pointer (&self);
}

static gpointer
fail_saved (GError **error)
{
  g_set_error (error, ES_OAUTH2_ERROR, ES_OAUTH2_ERROR_RECONNECT_NEEDED, "%s",
               _("The saved sign-in cannot be read. Connect the account again."));
  return NULL;
}

static gboolean
get_optional_time (JsonObject  *object,
                   const char  *name,
                   GDateTime  **out)
{
  const char *text;

  *out = NULL;
  if (!get_optional_string (object, name, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;

  *out = es_time_parse (text, NULL);
  return *out != NULL;
}

/**
 * es_oauth2_token_new_from_json:
 * @object: what es_oauth2_token_to_json() wrote
 * @error: return location for an error
 *
 * Returns: (transfer full): the token, or %NULL with %ES_OAUTH2_ERROR_RECONNECT_NEEDED when
 *   @object is not a saved token
 */
EsOAuth2Token *
es_oauth2_token_new_from_json (JsonObject  *object,
                               GError     **error)
{
  g_autoptr(EsOAuth2Token) self = NULL;
  const char *access_token;
  const char *refresh_token;
  const char *id_token;
  const char *scope;
  JsonNode *version;
  JsonNode *params;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  version = json_object_get_member (object, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64 ||
      json_node_get_int (version) != TOKEN_JSON_VERSION)
    return fail_saved (error);

  if (!get_optional_string (object, "access_token", &access_token) ||
      access_token == NULL || *access_token == '\0' ||
      !get_optional_string (object, "refresh_token", &refresh_token) ||
      !get_optional_string (object, "id_token", &id_token) ||
      !get_optional_string (object, "scope", &scope))
    return fail_saved (error);

  self = g_object_new (ES_TYPE_OAUTH2_TOKEN, NULL);
  self->access_token = g_strdup (access_token);
  self->refresh_token = g_strdup (refresh_token);
  self->id_token = g_strdup (id_token);
  self->scope = g_strdup (scope);

  if (!get_optional_time (object, "expires_at", &self->expires_at) ||
      !get_optional_time (object, "refresh_expires_at", &self->refresh_expires_at))
    return fail_saved (error);

  params = json_object_get_member (object, "params");
  if (params != NULL)
    {
      JsonObject *params_object;
      g_autoptr(GList) names = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (params))
        return fail_saved (error);

      params_object = json_node_get_object (params);
      names = json_object_get_members (params_object);
      for (const GList *l = names; l != NULL; l = l->next)
        {
          const char *value;

          if (!get_optional_string (params_object, l->data, &value) || value == NULL)
            return fail_saved (error);
          g_hash_table_replace (self->params, g_strdup (l->data), g_strdup (value));
        }
    }

  return g_steal_pointer (&self);
}

static void
set_optional_time (JsonObject *object,
                   const char *name,
                   GDateTime  *time)
{
  g_autofree char *text = NULL;

  if (time == NULL)
    return;

  text = es_time_format (time);
  json_object_set_string_member (object, name, text);
}

/**
 * es_oauth2_token_to_json:
 * @self: a #EsOAuth2Token
 *
 * Returns: (transfer full): everything in the token, expiries as absolute UTC times
 */
JsonObject *
es_oauth2_token_to_json (EsOAuth2Token *self)
{
  JsonObject *object;
  JsonObject *params;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_return_val_if_fail (ES_IS_OAUTH2_TOKEN (self), NULL);

  object = json_object_new ();
  json_object_set_int_member (object, "version", TOKEN_JSON_VERSION);
  json_object_set_string_member (object, "access_token", self->access_token);
  if (self->refresh_token != NULL)
    json_object_set_string_member (object, "refresh_token", self->refresh_token);
  if (self->id_token != NULL)
    json_object_set_string_member (object, "id_token", self->id_token);
  if (self->scope != NULL)
    json_object_set_string_member (object, "scope", self->scope);
  set_optional_time (object, "expires_at", self->expires_at);
  set_optional_time (object, "refresh_expires_at", self->refresh_expires_at);

  params = json_object_new ();
  g_hash_table_iter_init (&iter, self->params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    json_object_set_string_member (params, key, value);
  json_object_set_object_member (object, "params", params);

  return object;
}

const char *
es_oauth2_token_get_access_token (EsOAuth2Token *self)
{
  g_return_val_if_fail (ES_IS_OAUTH2_TOKEN (self), NULL);

  return self->access_token;
}

const char *
es_oauth2_token_get_refresh_token (EsOAuth2Token *self)
{
  g_return_val_if_fail (ES_IS_OAUTH2_TOKEN (self), NULL);

  return self->refresh_token;
}

const char *
es_oauth2_token_get_id_token (EsOAuth2Token *self)
{
  g_return_val_if_fail (ES_IS_OAUTH2_TOKEN (self), NULL);

  return self->id_token;
}

const char *
es_oauth2_token_get_scope (EsOAuth2Token *self)
{
  g_return_val_if_fail (ES_IS_OAUTH2_TOKEN (self), NULL);

  return self->scope;
}

GDateTime *
es_oauth2_token_get_expires_at (EsOAuth2Token *self)
{
  g_return_val_if_fail (ES_IS_OAUTH2_TOKEN (self), NULL);

  return self->expires_at;
}

GDateTime *
es_oauth2_token_get_refresh_expires_at (EsOAuth2Token *self)
{
  g_return_val_if_fail (ES_IS_OAUTH2_TOKEN (self), NULL);

  return self->refresh_expires_at;
}

const char *
es_oauth2_token_get_param (EsOAuth2Token *self,
                           const char    *name)
{
  g_return_val_if_fail (ES_IS_OAUTH2_TOKEN (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (self->params, name);
}

/**
 * es_oauth2_token_expires_within:
 * @self: a #EsOAuth2Token
 * @now: the current time
 * @margin: how long before the expiry a token counts as expired
 *
 * Returns: %TRUE when the access token has expired at @now + @margin
 */
gboolean
es_oauth2_token_expires_within (EsOAuth2Token *self,
                                GDateTime     *now,
                                GTimeSpan      margin)
{
  g_return_val_if_fail (ES_IS_OAUTH2_TOKEN (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (self->expires_at == NULL)
    return FALSE;

  return g_date_time_difference (self->expires_at, now) <= margin;
}
