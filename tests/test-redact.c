/* test-redact.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "es-redact.h"

typedef struct
{
  const char *input;
  const char *expected;
} Case;

static void
check_cases (const Case *cases,
             gsize       n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *out = es_redact_text (cases[i].input);
      g_autofree char *again = es_redact_text (out);

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].expected);
      g_assert_cmpstr (out, ==, cases[i].expected);
      /* Redacting twice changes nothing: log lines may pass through the filter again. */
      g_assert_cmpstr (again, ==, out);
    }
}

static void
test_header_names (void)
{
  static const char * const secret[] = {
    "Authorization", "authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "apikey",
    "APIKEY", "X-WC-Webhook-Signature", "intuit-signature", "X-Refresh-Token", "X-Client-Secret",
    "X-Api-Key", "Idempotency-Key", "X-Password",
  };
  static const char * const plain[] = {
    "Content-Type", "Accept", "intuit_tid", "X-WP-Total", "Link", "Retry-After", "User-Agent",
    "WWW-Authenticate", "Location", "Keep-Alive",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (secret); i++)
    g_assert_true (es_redact_is_secret_header (secret[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (plain); i++)
    g_assert_false (es_redact_is_secret_header (plain[i]));
}

static void
test_field_names (void)
{
  static const char * const secret[] = {
    "access_token", "refresh_token", "id_token", "code", "client_secret", "consumer_key",
    "consumer_secret", "oauth_signature", "apikey", "password", "token", "ACCESS_TOKEN",
    "Client_Secret", "Code", "secret", "code_verifier",
  };
  static const char * const plain[] = {
    "grant_type", "token_type", "expires_in", "x_refresh_token_expires_in", "SyncToken",
    "client_id", "redirect_uri", "state", "realmId", "id", "codes", "tokens",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (secret); i++)
    g_assert_true (es_redact_is_secret_name (secret[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (plain); i++)
    g_assert_false (es_redact_is_secret_name (plain[i]));
}

static void
test_header_values (void)
{
  static const struct { const char *name, *value, *expected; } cases[] = {
    { "Authorization", "Bearer eyJhbGciOi.eyJzdWIi.sig", "Bearer [REDACTED]" },
    { "authorization", "Basic Y2tfMTIzOmNzXzQ1Ng==", "Basic [REDACTED]" },
    { "Authorization", "OAuth oauth_consumer_key=\"ck_1\", oauth_signature=\"x%3D\"",
      "OAuth [REDACTED]" },
    { "Authorization", "opaque-token-without-scheme", "[REDACTED]" },
    { "Proxy-Authorization", "Basic dXNlcjpwYXNz", "Basic [REDACTED]" },
    { "Cookie", "wordpress_logged_in=abc; other=1", "[REDACTED]" },
    { "Set-Cookie", "sid=abc; Path=/; HttpOnly", "[REDACTED]" },
    { "apikey", "sb_secret_abcdef", "[REDACTED]" },
    { "X-WC-Webhook-Signature", "JTKX6qjohS7F3oze+qUpXnEDwoe6Uz1cxTiVP9iRYJY=", "[REDACTED]" },
    { "intuit-signature", "6q+xGyMirJupwKTh2/WBl2NcdxzxqdIbk3sneKTxLWM=", "[REDACTED]" },
    { "X-Custom-Token", "tok", "[REDACTED]" },
    { "Content-Type", "application/json", "application/json" },
    { "Location", "http://127.0.0.1:1/cb?code=abc&state=xyz",
      "http://127.0.0.1:1/cb?code=[REDACTED]&state=xyz" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = es_redact_header_value (cases[i].name, cases[i].value);

      g_assert_cmpstr (out, ==, cases[i].expected);
    }
}

static void
test_query_and_form (void)
{
  static const Case cases[] = {
    { "https://x.test/token?client_secret=abc&client_id=id1",
      "https://x.test/token?client_secret=[REDACTED]&client_id=id1" },
    { "https://x.test/cb?code=AB12&state=s1&realmId=42",
      "https://x.test/cb?code=[REDACTED]&state=s1&realmId=42" },
    { "https://x.test/p?ACCESS_TOKEN=a#frag", "https://x.test/p?ACCESS_TOKEN=[REDACTED]#frag" },
    { "/wp-json/wc/v3/orders?consumer_key=ck_1&consumer_secret=cs_2&per_page=100",
      "/wp-json/wc/v3/orders?consumer_key=[REDACTED]&consumer_secret=[REDACTED]&per_page=100" },
    { "grant_type=refresh_token&refresh_token=RT-1&client_secret=CS",
      "grant_type=refresh_token&refresh_token=[REDACTED]&client_secret=[REDACTED]" },
    { "grant_type=authorization_code&code=C0DE&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb"
      "&code_verifier=V",
      "grant_type=authorization_code&code=[REDACTED]&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb"
      "&code_verifier=[REDACTED]" },
    { "password=hunter2", "password=[REDACTED]" },
    { "apikey=k&token=t&id_token=i&oauth_signature=s",
      "apikey=[REDACTED]&token=[REDACTED]&id_token=[REDACTED]&oauth_signature=[REDACTED]" },
    { "OAuth oauth_consumer_key=\"ck_1\", oauth_nonce=\"n\", oauth_signature=\"sig%3D\"",
      "OAuth oauth_consumer_key=[REDACTED], oauth_nonce=\"n\", oauth_signature=[REDACTED]" },
    /* Names that merely contain a secret name are left alone. */
    { "xcode=1&tokens=2&token_type=bearer", "xcode=1&tokens=2&token_type=bearer" },
    { "code=", "code=[REDACTED]" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_json (void)
{
  static const Case cases[] = {
    { "{\"access_token\":\"AT\",\"token_type\":\"bearer\",\"expires_in\":3600,"
      "\"refresh_token\":\"RT\"}",
      "{\"access_token\":\"[REDACTED]\",\"token_type\":\"bearer\",\"expires_in\":3600,"
      "\"refresh_token\":\"[REDACTED]\"}" },
    { "{ \"client_secret\" : \"x\\\"y\" , \"n\": 1 }",
      "{ \"client_secret\" : \"[REDACTED]\" , \"n\": 1 }" },
    { "{\"password\": 12345, \"token\": true, \"secret\": null}",
      "{\"password\": \"[REDACTED]\", \"token\": \"[REDACTED]\", \"secret\": null}" },
    { "{\"token\": {\"value\": \"V\", \"list\": [\"a\", \"}\"]}, \"after\": 2}",
      "{\"token\": \"[REDACTED]\", \"after\": 2}" },
    { "[{\"consumer_key\":\"ck_1\",\"consumer_secret\":\"cs_2\",\"key_id\":1}]",
      "[{\"consumer_key\":\"[REDACTED]\",\"consumer_secret\":\"[REDACTED]\",\"key_id\":1}]" },
    { "{\"headers\":{\"Authorization\":\"Bearer AT\",\"apikey\":\"K\",\"Accept\":\"*/*\"}}",
      "{\"headers\":{\"Authorization\":\"[REDACTED]\",\"apikey\":\"[REDACTED]\","
      "\"Accept\":\"*/*\"}}" },
    /* Secrets inside ordinary string values are still found. */
    { "{\"next\":\"https://x.test/p?access_token=AT&page=2\",\"note\":\"Bearer AT2\"}",
      "{\"next\":\"https://x.test/p?access_token=[REDACTED]&page=2\","
      "\"note\":\"Bearer [REDACTED]\"}" },
    /* A JSON "code" is a platform error code, never the OAuth code (that one travels in forms). */
    { "{\"a\":\"b\",\"code\":\"C\",\"SyncToken\":\"3\"}",
      "{\"a\":\"b\",\"code\":\"C\",\"SyncToken\":\"3\"}" },
    { "{\"code\":\"woocommerce_rest_cannot_view\",\"message\":\"Sorry\",\"data\":{\"status\":401}}",
      "{\"code\":\"woocommerce_rest_cannot_view\",\"message\":\"Sorry\",\"data\":{\"status\":401}}" },
    /* A body cut short in the middle of a secret. */
    { "{\"refresh_token\":\"RT-partial", "{\"refresh_token\":\"[REDACTED]\"" },
    { "{\"id_token\": [1, 2", "{\"id_token\": \"[REDACTED]\"" },
    { "\"", "\"" },
    { "\"\": 1", "\"\": 1" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_schemes_and_lines (void)
{
  static const Case cases[] = {
    { "sent Bearer eyJ0eXAi.eyJzdWIi.c2ln to the server", "sent Bearer [REDACTED] to the server" },
    { "bearer abc", "bearer [REDACTED]" },
    { "BASIC Y2s6Y3M=, then", "BASIC [REDACTED], then" },
    { "Authorization: Bearer AT\nAccept: */*\napikey: K\n",
      "Authorization: Bearer [REDACTED]\nAccept: */*\napikey: [REDACTED]\n" },
    { "> Cookie: a=b; c=d\n< Set-Cookie: s=1\n< Content-Type: text/plain",
      "> Cookie: [REDACTED]\n< Set-Cookie: [REDACTED]\n< Content-Type: text/plain" },
    { "  intuit-signature: 6q+x/abc=", "  intuit-signature: [REDACTED]" },
    { "https://user:pa55@example.test/x", "https://user:[REDACTED]@example.test/x" },
    { "https://user@example.test/x", "https://user@example.test/x" },
    { "postgres://u:p@h:5432/db?password=q",
      "postgres://u:[REDACTED]@h:5432/db?password=[REDACTED]" },
    /* Not a scheme: the word must stand alone and be followed by credentials. */
    { "Bearerless request", "Bearerless request" },
    { "token_type is bearer", "token_type is bearer" },
    { "", "" },
    { "GET https://x.test/orders → 200", "GET https://x.test/orders → 200" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_bytes (void)
{
  g_autoptr(GBytes) json = g_bytes_new_static ("{\"access_token\":\"AT-0123456789\"}", 32);
  g_autoptr(GBytes) binary = g_bytes_new_static ("\x00\xff\xfe", 3);
  g_autoptr(GBytes) utf8 = g_bytes_new_static ("ééééé", 10);
  g_autofree char *full = es_redact_bytes (json, 1000);
  g_autofree char *cut = es_redact_bytes (json, 20);
  g_autofree char *bin = es_redact_bytes (binary, 1000);
  g_autofree char *none = es_redact_bytes (NULL, 10);
  g_autofree char *accent = es_redact_bytes (utf8, 5);

  g_assert_cmpstr (full, ==, "{\"access_token\":\"[REDACTED]\"}");
  g_assert_cmpstr (cut, ==, "{\"access_token\":\"[RE… (32 bytes)");
  g_assert_null (strstr (cut, "AT-0"));
  g_assert_cmpstr (bin, ==, "(3 bytes, not text)");
  g_assert_cmpstr (none, ==, "");
  g_assert_null (es_redact_text (NULL));
  /* Cut at a character boundary, never inside "é". */
  g_assert_cmpstr (accent, ==, "éé… (10 bytes)");
}

/* Every secret-looking value planted in a mixed document disappears, whatever the form. */
static void
test_mixed_document (void)
{
  static const char * const planted[] = {
    "S3cr3t-AAA", "S3cr3t-BBB", "S3cr3t-CCC", "S3cr3t-DDD", "S3cr3t-EEE", "S3cr3t-FFF",
    "S3cr3t-GGG", "S3cr3t-HHH",
  };
  const char *doc =
    "POST https://u:S3cr3t-AAA@api.test/oauth2/v1/tokens/bearer?client_secret=S3cr3t-BBB\n"
    "> Authorization: Basic S3cr3t-CCC\n"
    "> body: grant_type=refresh_token&refresh_token=S3cr3t-DDD\n"
    "< body: {\"access_token\":\"S3cr3t-EEE\",\"x\":{\"id_token\":\"S3cr3t-FFF\"}}\n"
    "note: Bearer S3cr3t-GGG\n"
    "< X-Session-Token: S3cr3t-HHH\n";
  g_autofree char *out = es_redact_text (doc);

  for (gsize i = 0; i < G_N_ELEMENTS (planted); i++)
    g_assert_null (strstr (out, planted[i]));
  g_assert_nonnull (strstr (out, "grant_type=refresh_token"));
  g_assert_nonnull (strstr (out, "api.test/oauth2/v1/tokens/bearer"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/redact/header-names", test_header_names);
  g_test_add_func ("/redact/field-names", test_field_names);
  g_test_add_func ("/redact/header-values", test_header_values);
  g_test_add_func ("/redact/query-and-form", test_query_and_form);
  g_test_add_func ("/redact/json", test_json);
  g_test_add_func ("/redact/schemes-and-lines", test_schemes_and_lines);
  g_test_add_func ("/redact/bytes", test_bytes);
  g_test_add_func ("/redact/mixed-document", test_mixed_document);

  return g_test_run ();
}
