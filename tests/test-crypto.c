/* test-crypto.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "es-crypto.h"

static void
test_hmac_rfc4231 (void)
{
  /* RFC 4231 test case 2. */
  static const guint8 expected[] = {
    0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24, 0x26, 0x08, 0x95, 0x75, 0xc7,
    0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43,
  };
  const char *data = "what do ya want for nothing?";
  g_autoptr(GBytes) mac = es_crypto_hmac_sha256 ((const guint8 *) "Jefe", 4,
                                                 (const guint8 *) data, strlen (data));
  gsize len;
  const guint8 *raw = g_bytes_get_data (mac, &len);

  g_assert_cmpmem (raw, len, expected, sizeof expected);
}

static void
test_hmac_base64 (void)
{
  const char *body = "{\"id\":1}";
  g_autofree char *sig = es_crypto_hmac_sha256_base64 ("secret", (const guint8 *) body, strlen (body));
  g_autofree char *again = es_crypto_hmac_sha256_base64 ("secret", (const guint8 *) body, strlen (body));
  g_autofree char *other = es_crypto_hmac_sha256_base64 ("secreT", (const guint8 *) body, strlen (body));
  g_autofree guchar *decoded = NULL;
  gsize decoded_len = 0;

  decoded = g_base64_decode (sig, &decoded_len);
  g_assert_cmpuint (decoded_len, ==, 32);
  g_assert_cmpstr (sig, ==, again);
  g_assert_cmpstr (sig, !=, other);
}

static void
test_constant_time_equal (void)
{
  g_assert_true (es_crypto_str_equal_constant_time ("abc", "abc"));
  g_assert_false (es_crypto_str_equal_constant_time ("abc", "abd"));
  g_assert_false (es_crypto_str_equal_constant_time ("abc", "abcd"));
  g_assert_false (es_crypto_str_equal_constant_time ("", "a"));
  g_assert_true (es_crypto_str_equal_constant_time ("", ""));
  g_assert_false (es_crypto_str_equal_constant_time (NULL, "a"));
  g_assert_false (es_crypto_str_equal_constant_time ("a", NULL));
  g_assert_false (es_crypto_str_equal_constant_time (NULL, NULL));
  g_assert_true (es_crypto_equal_constant_time (NULL, 0, NULL, 0));
}

static void
test_pkce_rfc7636 (void)
{
  /* RFC 7636 appendix B. */
  g_autofree char *challenge = es_crypto_sha256_base64url ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

static void
test_base64url (void)
{
  static const guint8 data[] = { 0xfb, 0xff, 0xfe };
  g_autofree char *enc = es_crypto_base64url_encode (data, sizeof data);

  g_assert_cmpstr (enc, ==, "-__-");
}

static void
test_random_token (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = es_crypto_random_token (32, &error);
  g_autofree char *b = NULL;

  g_assert_no_error (error);
  b = es_crypto_random_token (32, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (a), ==, 43);
  g_assert_cmpstr (a, !=, b);
  for (const char *p = a; *p; p++)
    g_assert_true (g_ascii_isalnum (*p) || *p == '-' || *p == '_');
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crypto/hmac/rfc4231", test_hmac_rfc4231);
  g_test_add_func ("/crypto/hmac/base64", test_hmac_base64);
  g_test_add_func ("/crypto/equal/constant-time", test_constant_time_equal);
  g_test_add_func ("/crypto/pkce/rfc7636", test_pkce_rfc7636);
  g_test_add_func ("/crypto/base64url", test_base64url);
  g_test_add_func ("/crypto/random-token", test_random_token);

  return g_test_run ();
}
