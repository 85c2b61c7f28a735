/* es-crypto.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-crypto"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <string.h>
#include <sys/random.h>

#include "es-crypto.h"

gboolean
es_crypto_equal_constant_time (const guint8 *a,
                               gsize         a_len,
                               const guint8 *b,
                               gsize         b_len)
{
  volatile guint8 diff = 0;

  g_return_val_if_fail (a != NULL || a_len == 0, FALSE);
  g_return_val_if_fail (b != NULL || b_len == 0, FALSE);

  /* The length of a MAC is public; only its content must not leak through timing. */
  if (a_len != b_len)
    return FALSE;

  for (gsize i = 0; i < a_len; i++)
    diff |= a[i] ^ b[i];

  return diff == 0;
}

gboolean
es_crypto_str_equal_constant_time (const char *a,
                                   const char *b)
{
  if (a == NULL || b == NULL)
    return FALSE;

  return es_crypto_equal_constant_time ((const guint8 *) a, strlen (a),
                                        (const guint8 *) b, strlen (b));
}

GBytes *
es_crypto_hmac_sha256 (const guint8 *key,
                       gsize         key_len,
                       const guint8 *data,
                       gsize         data_len)
{
  g_autoptr(GHmac) hmac = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_return_val_if_fail (key != NULL || key_len == 0, NULL);
  g_return_val_if_fail (data != NULL || data_len == 0, NULL);

  hmac = g_hmac_new (G_CHECKSUM_SHA256, key, key_len);
  g_hmac_update (hmac, data, data_len);
  g_hmac_get_digest (hmac, digest, &digest_len);

  return g_bytes_new (digest, digest_len);
}

char *
es_crypto_hmac_sha256_base64 (const char   *key,
                              const guint8 *data,
                              gsize         data_len)
{
  g_autoptr(GBytes) digest = NULL;
  gsize len;
  const guint8 *raw;

  g_return_val_if_fail (key != NULL, NULL);

  digest = es_crypto_hmac_sha256 ((const guint8 *) key, strlen (key), data, data_len);
  raw = g_bytes_get_data (digest, &len);

  return g_base64_encode (raw, len);
}

char *
es_crypto_base64url_encode (const guint8 *data,
                            gsize         len)
{
  g_autofree char *b64 = g_base64_encode (data, len);
  GString *out = g_string_sized_new (strlen (b64));

  for (const char *p = b64; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '+':
          g_string_append_c (out, '-');
          break;
        case '/':
          g_string_append_c (out, '_');
          break;
        case '=':
          break;
        default:
          g_string_append_c (out, *p);
          break;
        }
    }

  return g_string_free (out, FALSE);
}

char *
es_crypto_sha256_base64url (const char *text)
{
  g_autoptr(GChecksum) checksum = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_return_val_if_fail (text != NULL, NULL);

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) text, strlen (text));
  g_checksum_get_digest (checksum, digest, &digest_len);

  return es_crypto_base64url_encode (digest, digest_len);
}

char *
es_crypto_random_token (gsize    n_bytes,
                        GError **error)
{
  g_autofree guint8 *buf = NULL;
  gsize filled = 0;

  g_return_val_if_fail (n_bytes > 0 && n_bytes <= 1024, NULL);

  /* GRand is not a CSPRNG: state, nonces, PKCE verifiers and webhook secrets come from the kernel. */
  buf = g_malloc (n_bytes);
  while (filled < n_bytes)
    {
      ssize_t r = getrandom (buf + filled, n_bytes - filled, 0);

      if (r < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Could not read random bytes: %s", g_strerror (saved_errno));
          return NULL;
        }
      filled += (gsize) r;
    }

  return es_crypto_base64url_encode (buf, n_bytes);
}
