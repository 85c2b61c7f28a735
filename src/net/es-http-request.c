/* es-http-request.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-http"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "es-http-private.h"
#include "es-http-request.h"

struct _EsHttpRequest
{
  GObject             parent_instance;

  char               *method;
  char               *uri;
  char               *limit_key;      /* (nullable): the host and port when unset */
  char               *default_key;    /* (nullable): NULL when @uri has no host */
  SoupMessageHeaders *headers;
  char               *content_type;   /* (nullable) */
  GBytes             *body;           /* (nullable) */
  EsHttpAuthorizer   *authorizer;     /* (nullable) (owned) */
  EsHttpErrorParser   error_parser;   /* (nullable) */
  guint               max_attempts;   /* 0: the client's policy */

  guint               idempotent : 1;
};

G_DEFINE_FINAL_TYPE (EsHttpRequest, es_http_request, G_TYPE_OBJECT)

static gboolean
method_is_idempotent (const char *method)
{
  static const char * const idempotent[] = { "GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE" };

  for (gsize i = 0; i < G_N_ELEMENTS (idempotent); i++)
    {
      if (strcmp (method, idempotent[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

static char *
default_limit_key (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, SOUP_HTTP_URI_FLAGS, NULL);
  const char *host;
  int port;

  if (parsed == NULL || (host = g_uri_get_host (parsed)) == NULL || *host == '\0')
    return NULL;

  port = g_uri_get_port (parsed);
  if (port < 0)
    port = g_ascii_strcasecmp (g_uri_get_scheme (parsed), "https") == 0 ? 443 : 80;

  return g_strdup_printf ("%s:%d", host, port);
}

static void
es_http_request_finalize (GObject *object)
{
  EsHttpRequest *self = (EsHttpRequest *)object;

  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->limit_key, g_free);
  g_clear_pointer (&self->default_key, g_free);
  g_clear_pointer (&self->headers, soup_message_headers_unref);
  g_clear_pointer (&self->content_type, g_free);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_object (&self->authorizer);

  G_OBJECT_CLASS (es_http_request_parent_class)->finalize (object);
}

static void
es_http_request_class_init (EsHttpRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = es_http_request_finalize;
}

static void
es_http_request_init (EsHttpRequest *self)
{
  self->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
}

EsHttpRequest *
es_http_request_new (const char *method,
                     const char *uri)
{
  EsHttpRequest *self;

  g_return_val_if_fail (method != NULL && *method != '\0', NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  self = g_object_new (ES_TYPE_HTTP_REQUEST, NULL);
  self->method = g_strdup (method);
  self->uri = g_strdup (uri);
  self->default_key = default_limit_key (uri);
  self->idempotent = method_is_idempotent (method);

  return self;
}

const char *
es_http_request_get_method (EsHttpRequest *self)
{
  g_return_val_if_fail (ES_IS_HTTP_REQUEST (self), NULL);

  return self->method;
}

const char *
es_http_request_get_uri (EsHttpRequest *self)
{
  g_return_val_if_fail (ES_IS_HTTP_REQUEST (self), NULL);

  return self->uri;
}

void
es_http_request_set_header (EsHttpRequest *self,
                            const char    *name,
                            const char    *value)
{
  g_return_if_fail (ES_IS_HTTP_REQUEST (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);

  soup_message_headers_replace (self->headers, name, value);
}

const char *
es_http_request_get_header (EsHttpRequest *self,
                            const char    *name)
{
  g_return_val_if_fail (ES_IS_HTTP_REQUEST (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return soup_message_headers_get_one (self->headers, name);
}

void
es_http_request_set_body (EsHttpRequest *self,
                          const char    *content_type,
                          GBytes        *body)
{
  g_return_if_fail (ES_IS_HTTP_REQUEST (self));
  g_return_if_fail (content_type != NULL);
  g_return_if_fail (body != NULL);

  g_free (self->content_type);
  self->content_type = g_strdup (content_type);
  g_clear_pointer (&self->body, g_bytes_unref);
  self->body = g_bytes_ref (body);
}

void
es_http_request_set_json_body (EsHttpRequest *self,
                               JsonNode      *node)
{
  g_autofree char *text = NULL;
  g_autoptr(GBytes) body = NULL;
  gsize len;

  g_return_if_fail (ES_IS_HTTP_REQUEST (self));
  g_return_if_fail (node != NULL);

  text = json_to_string (node, FALSE);
  len = strlen (text);
  body = g_bytes_new_take (g_steal_pointer (&text), len);
  es_http_request_set_body (self, "application/json", body);
}

void
es_http_request_set_form_body (EsHttpRequest *self,
                               GHashTable    *form)
{
  g_autofree char *text = NULL;
  g_autoptr(GBytes) body = NULL;
  gsize len;

  g_return_if_fail (ES_IS_HTTP_REQUEST (self));
  g_return_if_fail (form != NULL);

  text = soup_form_encode_hash (form);
  len = strlen (text);
  body = g_bytes_new_take (g_steal_pointer (&text), len);
  es_http_request_set_body (self, "application/x-www-form-urlencoded", body);
}

void
es_http_request_set_idempotent (EsHttpRequest *self,
                                gboolean       idempotent)
{
  g_return_if_fail (ES_IS_HTTP_REQUEST (self));

  self->idempotent = !!idempotent;
}

gboolean
es_http_request_get_idempotent (EsHttpRequest *self)
{
  g_return_val_if_fail (ES_IS_HTTP_REQUEST (self), FALSE);

  return self->idempotent;
}

void
es_http_request_set_authorizer (EsHttpRequest    *self,
                                EsHttpAuthorizer *authorizer)
{
  g_return_if_fail (ES_IS_HTTP_REQUEST (self));
  g_return_if_fail (!authorizer || ES_IS_HTTP_AUTHORIZER (authorizer));

  g_set_object (&self->authorizer, authorizer);
}

void
es_http_request_set_error_parser (EsHttpRequest     *self,
                                  EsHttpErrorParser  parser)
{
  g_return_if_fail (ES_IS_HTTP_REQUEST (self));

  self->error_parser = parser;
}

void
es_http_request_set_limit_key (EsHttpRequest *self,
                               const char    *key)
{
  g_return_if_fail (ES_IS_HTTP_REQUEST (self));

  g_free (self->limit_key);
  self->limit_key = g_strdup (key);
}

const char *
es_http_request_get_limit_key (EsHttpRequest *self)
{
  g_return_val_if_fail (ES_IS_HTTP_REQUEST (self), NULL);

  if (self->limit_key != NULL)
    return self->limit_key;

  /* A URI without a host cannot be sent; it still needs some key until it fails. */
  return self->default_key != NULL ? self->default_key : self->uri;
}

void
es_http_request_set_max_attempts (EsHttpRequest *self,
                                  guint          max_attempts)
{
  g_return_if_fail (ES_IS_HTTP_REQUEST (self));
  g_return_if_fail (max_attempts >= 1);

  self->max_attempts = max_attempts;
}

SoupMessageHeaders *
_es_http_request_get_headers (EsHttpRequest *self)
{
  return self->headers;
}

GBytes *
_es_http_request_get_body (EsHttpRequest *self)
{
  return self->body;
}

const char *
_es_http_request_get_content_type (EsHttpRequest *self)
{
  return self->content_type;
}

EsHttpAuthorizer *
_es_http_request_get_authorizer (EsHttpRequest *self)
{
  return self->authorizer;
}

EsHttpErrorParser
_es_http_request_get_error_parser (EsHttpRequest *self)
{
  return self->error_parser;
}

guint
_es_http_request_get_max_attempts (EsHttpRequest *self)
{
  return self->max_attempts;
}
