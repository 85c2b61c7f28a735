/* es-http-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-http"

#include "config.h"

#include <stdarg.h>

#include "es-http-error.h"
#include "es-http-private.h"

typedef struct
{
  guint   status;
  char   *platform_code;     /* (nullable) (owned) */
  char   *platform_message;  /* (nullable) (owned) */
  GBytes *body;              /* (nullable) (owned) */
  gint64  retry_after;
} EsHttpErrorPrivate;

static void
es_http_error_private_init (EsHttpErrorPrivate *priv)
{
  priv->retry_after = -1;
}

static void
es_http_error_private_copy (const EsHttpErrorPrivate *src,
                            EsHttpErrorPrivate       *dest)
{
  dest->status = src->status;
  dest->platform_code = g_strdup (src->platform_code);
  dest->platform_message = g_strdup (src->platform_message);
  dest->body = src->body != NULL ? g_bytes_ref (src->body) : NULL;
  dest->retry_after = src->retry_after;
}

static void
es_http_error_private_clear (EsHttpErrorPrivate *priv)
{
  g_clear_pointer (&priv->platform_code, g_free);
  g_clear_pointer (&priv->platform_message, g_free);
  g_clear_pointer (&priv->body, g_bytes_unref);
}

/* An extended domain, so that the status and the platform's own code travel with the error
 * through GTask and g_error_copy() without a side channel. */
G_DEFINE_EXTENDED_ERROR (EsHttpError, es_http_error)

static const EsHttpErrorPrivate *
get_private (const GError *error)
{
  if (error == NULL || error->domain != ES_HTTP_ERROR)
    return NULL;

  return es_http_error_get_private (error);
}

guint
es_http_error_get_status (const GError *error)
{
  const EsHttpErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->status : 0;
}

const char *
es_http_error_get_platform_code (const GError *error)
{
  const EsHttpErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->platform_code : NULL;
}

const char *
es_http_error_get_platform_message (const GError *error)
{
  const EsHttpErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->platform_message : NULL;
}

GBytes *
es_http_error_get_body (const GError *error)
{
  const EsHttpErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->body : NULL;
}

gint64
es_http_error_get_retry_after (const GError *error)
{
  const EsHttpErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->retry_after : -1;
}

GError *
_es_http_error_new (EsHttpError  code,
                    guint        status,
                    const char  *platform_code,
                    const char  *platform_message,
                    GBytes      *body,
                    gint64       retry_after,
                    const char  *format,
                    ...)
{
  EsHttpErrorPrivate *priv;
  GError *error;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (ES_HTTP_ERROR, code, format, args);
  va_end (args);

  priv = es_http_error_get_private (error);
  priv->status = status;
  priv->platform_code = g_strdup (platform_code);
  priv->platform_message = g_strdup (platform_message);
  priv->body = body != NULL ? g_bytes_ref (body) : NULL;
  priv->retry_after = retry_after;

  return error;
}

EsHttpError
_es_http_error_code_for_status (guint status)
{
  switch (status)
    {
    case 401:
      return ES_HTTP_ERROR_UNAUTHORIZED;
    case 403:
      return ES_HTTP_ERROR_FORBIDDEN;
    case 404:
    case 410:
      return ES_HTTP_ERROR_NOT_FOUND;
    case 408:
      return ES_HTTP_ERROR_TIMEOUT;
    case 413:
      return ES_HTTP_ERROR_TOO_LARGE;
    case 429:
      return ES_HTTP_ERROR_RATE_LIMITED;
    default:
      if (status >= 400 && status < 500)
        return ES_HTTP_ERROR_BAD_REQUEST;
      if (status >= 500 && status < 600)
        return ES_HTTP_ERROR_SERVER;
      return ES_HTTP_ERROR_INVALID_RESPONSE;
    }
}
