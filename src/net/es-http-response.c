/* es-http-response.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-http"

#include "config.h"

#include <glib/gi18n.h>

#include "es-http-private.h"
#include "es-http-response.h"

/* Longer than anyone would wait; keeps the millisecond arithmetic far from overflow. */
#define MAX_RETRY_AFTER_SECONDS G_GINT64_CONSTANT (1000000000)

struct _EsHttpResponse
{
  GObject             parent_instance;

  SoupMessageHeaders *headers;
  GBytes             *body;
  guint               status;
  guint               attempts;
};

G_DEFINE_FINAL_TYPE (EsHttpResponse, es_http_response, G_TYPE_OBJECT)

static void
es_http_response_finalize (GObject *object)
{
  EsHttpResponse *self = (EsHttpResponse *)object;

  g_clear_pointer (&self->headers, soup_message_headers_unref);
  g_clear_pointer (&self->body, g_bytes_unref);

  G_OBJECT_CLASS (es_http_response_parent_class)->finalize (object);
}

static void
es_http_response_class_init (EsHttpResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = es_http_response_finalize;
}

static void
es_http_response_init (EsHttpResponse *self)
{
}

EsHttpResponse *
_es_http_response_new (guint               status,
                       SoupMessageHeaders *headers,
                       GBytes             *body,
                       guint               attempts)
{
  EsHttpResponse *self = g_object_new (ES_TYPE_HTTP_RESPONSE, NULL);

  self->status = status;
  self->headers = soup_message_headers_ref (headers);
  self->body = body != NULL ? g_bytes_ref (body) : g_bytes_new (NULL, 0);
  self->attempts = attempts;

  return self;
}

guint
es_http_response_get_status (EsHttpResponse *self)
{
  g_return_val_if_fail (ES_IS_HTTP_RESPONSE (self), 0);

  return self->status;
}

SoupMessageHeaders *
es_http_response_get_headers (EsHttpResponse *self)
{
  g_return_val_if_fail (ES_IS_HTTP_RESPONSE (self), NULL);

  return self->headers;
}

const char *
es_http_response_get_header (EsHttpResponse *self,
                             const char     *name)
{
  g_return_val_if_fail (ES_IS_HTTP_RESPONSE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return soup_message_headers_get_one (self->headers, name);
}

GBytes *
es_http_response_get_body (EsHttpResponse *self)
{
  g_return_val_if_fail (ES_IS_HTTP_RESPONSE (self), NULL);

  return self->body;
}

guint
es_http_response_get_attempts (EsHttpResponse *self)
{
  g_return_val_if_fail (ES_IS_HTTP_RESPONSE (self), 0);

  return self->attempts;
}

JsonNode *
es_http_response_parse_json (EsHttpResponse  *self,
                             GError         **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize size = 0;

  g_return_val_if_fail (ES_IS_HTTP_RESPONSE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (self->body, &size);
  if (size == 0)
    return json_node_new (JSON_NODE_NULL);

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      g_propagate_error (error,
                         _es_http_error_new (ES_HTTP_ERROR_INVALID_RESPONSE, self->status,
                                             NULL, NULL, self->body, -1,
                                             _("The server’s answer is not valid JSON: %s"),
                                             local_error->message));
      return NULL;
    }

  return json_parser_steal_root (parser);
}

gint64
es_http_parse_retry_after (const char *value,
                           GDateTime  *now)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) current = NULL;
  g_autofree char *trimmed = NULL;
  GTimeSpan span;

  if (value == NULL)
    return -1;

  trimmed = g_strstrip (g_strdup (value));
  if (*trimmed == '\0')
    return -1;

  if (g_ascii_isdigit (*trimmed))
    {
      guint64 seconds = 0;

      for (const char *p = trimmed; *p != '\0'; p++)
        {
          if (!g_ascii_isdigit (*p))
            return -1;
          /* Saturate instead of overflowing: a huge value still means "not soon". */
          seconds = MIN ((guint64) MAX_RETRY_AFTER_SECONDS, seconds * 10 + (guint64) (*p - '0'));
        }

      return (gint64) seconds * 1000;
    }

  date = soup_date_time_new_from_http_string (trimmed);
  if (date == NULL)
    return -1;

  if (now == NULL)
    now = current = g_date_time_new_now_utc ();

  span = g_date_time_difference (date, now);
  if (span <= 0)
    return 0;

  return MIN (span / G_TIME_SPAN_MILLISECOND, MAX_RETRY_AFTER_SECONDS * 1000);
}
