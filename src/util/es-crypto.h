/* es-crypto.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * es_crypto_equal_constant_time:
 * Compares two byte strings in time that depends only on their lengths.
 */
gboolean es_crypto_equal_constant_time (const guint8 *a,
                                        gsize         a_len,
                                        const guint8 *b,
                                        gsize         b_len);

/**
 * es_crypto_str_equal_constant_time:
 * Compares two strings (either may be %NULL) without leaking where they differ.
 */
gboolean es_crypto_str_equal_constant_time (const char *a,
                                            const char *b);

/**
 * es_crypto_hmac_sha256:
 * Returns: (transfer full): the raw 32-byte HMAC-SHA256 of @data under @key.
 */
GBytes  *es_crypto_hmac_sha256 (const guint8 *key,
                                gsize         key_len,
                                const guint8 *data,
                                gsize         data_len);

/**
 * es_crypto_hmac_sha256_base64:
 * Returns: (transfer full): the standard base64 encoding of the HMAC-SHA256 of @data.
 */
char    *es_crypto_hmac_sha256_base64 (const char   *key,
                                       const guint8 *data,
                                       gsize         data_len);

/**
 * es_crypto_sha256_base64url:
 * Returns: (transfer full): unpadded base64url of SHA-256 of @text (RFC 7636 S256 challenge).
 */
char    *es_crypto_sha256_base64url (const char *text);

/**
 * es_crypto_base64url_encode:
 * Returns: (transfer full): unpadded base64url (RFC 4648 §5) of @data.
 */
char    *es_crypto_base64url_encode (const guint8 *data,
                                     gsize         len);

/**
 * es_crypto_random_token:
 * Returns: (transfer full): @n_bytes from the system CSPRNG as unpadded base64url, or %NULL
 *   with @error set when the system has no randomness to give.
 */
char    *es_crypto_random_token (gsize    n_bytes,
                                 GError **error);

G_END_DECLS
