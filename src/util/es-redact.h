/* es-redact.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ES_REDACTED:
 * What every secret is replaced with.
 */
#define ES_REDACTED "[REDACTED]"

/**
 * es_redact_is_secret_header:
 * @name: an HTTP header name, any case
 *
 * Authorization, Proxy-Authorization, Cookie, Set-Cookie, apikey, X-WC-Webhook-Signature,
 * intuit-signature, and any header whose name contains "token", "secret", "key", "signature"
 * or "password".
 *
 * Returns: whether the value of header @name must never be logged
 */
gboolean es_redact_is_secret_header (const char *name);

/**
 * es_redact_is_secret_name:
 * @name: a query parameter, form field or JSON member name, any case
 *
 * Returns: whether a value under @name (access_token, refresh_token, client_secret, …) is a secret
 */
gboolean es_redact_is_secret_name (const char *name);

/**
 * es_redact_header_value:
 * @name: the header name
 * @value: its value
 *
 * Redacts the whole value of a secret header, keeping only the authentication scheme of an
 * Authorization header ("Bearer [REDACTED]"); other headers go through es_redact_text(),
 * since a Location or Link header can carry a token in its query.
 *
 * Returns: (transfer full): a value that is safe to log
 */
char    *es_redact_header_value     (const char *name,
                                     const char *value);

/**
 * es_redact_text:
 * @text: (nullable): a log line, URI, form body, JSON document or any mix of them
 *
 * The one filter every log line goes through. Replaces with `[REDACTED]`: the values of
 * `name=value` pairs and of JSON members whose name is a secret (see
 * es_redact_is_secret_name()), whatever follows "Bearer " or "Basic ", the password of a URI's
 * user information, and the value of a "Header: value" line naming a secret header. It works on
 * truncated or invalid JSON too, and errs on the side of redacting too much.
 *
 * Returns: (transfer full) (nullable): @text with its secrets replaced, %NULL for %NULL
 */
char    *es_redact_text             (const char *text);

/**
 * es_redact_bytes:
 * @bytes: (nullable): a message body
 * @max_len: how many bytes of the redacted text to keep
 *
 * Redacts a body for a log line, then shortens it at a character boundary. A body that is not
 * UTF-8 text is described by its size only.
 *
 * Returns: (transfer full): a printable, redacted form of @bytes
 */
char    *es_redact_bytes            (GBytes     *bytes,
                                     gsize       max_len);

G_END_DECLS
