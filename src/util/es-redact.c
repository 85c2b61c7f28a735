/* es-redact.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-redact"

#include "config.h"

#include <string.h>

#include "es-redact.h"

/* The names the platforms and OAuth use for secrets. "code" is the OAuth authorization code,
 * worth as much as a token for the few minutes it lives. */
static const char * const secret_names[] = {
  "access_token", "refresh_token", "id_token", "code", "client_secret", "consumer_key",
  "consumer_secret", "oauth_signature", "apikey", "password", "token",
  "api_key", "secret", "code_verifier", "client_assertion", "oauth_consumer_key", "oauth_token",
  "service_key", "verifier_token", "webhook_secret", "private_key", "passwd",
};

static const char * const secret_headers[] = {
  "authorization", "proxy-authorization", "cookie", "set-cookie", "apikey",
  "x-wc-webhook-signature", "intuit-signature",
};

static const char * const secret_header_parts[] = {
  "token", "secret", "key", "signature", "password",
};

static gboolean
in_list (const char         *name,
         gsize               len,
         const char * const *list,
         gsize               n_list)
{
  for (gsize i = 0; i < n_list; i++)
    {
      if (strlen (list[i]) == len && g_ascii_strncasecmp (name, list[i], len) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_secret_name_len (const char *name,
                    gsize       len)
{
  return in_list (name, len, secret_names, G_N_ELEMENTS (secret_names));
}

static gboolean
is_secret_header_len (const char *name,
                      gsize       len)
{
  g_autofree char *lower = NULL;

  if (in_list (name, len, secret_headers, G_N_ELEMENTS (secret_headers)))
    return TRUE;

  lower = g_ascii_strdown (name, len);
  for (gsize i = 0; i < G_N_ELEMENTS (secret_header_parts); i++)
    {
      if (strstr (lower, secret_header_parts[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

gboolean
es_redact_is_secret_header (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  return is_secret_header_len (name, strlen (name));
}

gboolean
es_redact_is_secret_name (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  return is_secret_name_len (name, strlen (name));
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-' || c == '.';
}

static gboolean
is_header_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-';
}

static gboolean
at_word_start (const char *text,
               const char *p)
{
  return p == text || !is_name_char (p[-1]);
}

/* Returns the end of the credentials that follow an authentication scheme: everything up to
 * the next separator, so that unusual token alphabets are covered too. */
static const char *
skip_credentials (const char *p)
{
  while (*p != '\0' && strchr ("\"',;<>) \t\r\n", *p) == NULL)
    p++;

  return p;
}

/* Returns the position just past the closing quote of the JSON string at @p, or the end of
 * the text when the string is not closed (a truncated body). */
static const char *
skip_json_string (const char *p)
{
  g_assert (*p == '"');

  p++;
  while (*p != '\0')
    {
      if (*p == '\\' && p[1] != '\0')
        p += 2;
      else if (*p == '"')
        return p + 1;
      else
        p++;
    }

  return p;
}

static const char *
skip_json_value (const char *p)
{
  if (*p == '"')
    return skip_json_string (p);

  if (*p == '{' || *p == '[')
    {
      int depth = 0;

      while (*p != '\0')
        {
          if (*p == '"')
            {
              p = skip_json_string (p);
              continue;
            }
          if (*p == '{' || *p == '[')
            depth++;
          else if ((*p == '}' || *p == ']') && --depth == 0)
            return p + 1;
          p++;
        }

      return p;
    }

  while (*p != '\0' && *p != ',' && *p != '}' && *p != ']' && !g_ascii_isspace (*p))
    p++;

  return p;
}

static const char *
skip_plain_value (const char *p)
{
  if (*p == '"' || *p == '\'')
    {
      char quote = *p++;

      while (*p != '\0' && *p != quote)
        p++;

      return *p == quote ? p + 1 : p;
    }

  while (*p != '\0' && strchr ("&#;,\"'<>) \t\r\n", *p) == NULL)
    p++;

  return p;
}

/* "Name: value" at the start of a line, as in a dump of headers. */
static const char *
redact_header_line (GString    *out,
                    const char *p)
{
  const char *name;
  const char *q = p;
  const char *value;
  const char *end;
  g_autofree char *name_str = NULL;
  g_autofree char *value_str = NULL;
  g_autofree char *redacted = NULL;

  while (*q == ' ' || *q == '\t' || *q == '<' || *q == '>')
    q++;

  name = q;
  while (is_header_name_char (*q))
    q++;

  if (q == name || *q != ':' || g_str_has_prefix (q, "://"))
    return NULL;

  if (!is_secret_header_len (name, q - name))
    return NULL;

  value = q + 1;
  while (*value == ' ' || *value == '\t')
    value++;

  end = value;
  while (*end != '\0' && *end != '\n' && *end != '\r')
    end++;

  name_str = g_strndup (name, q - name);
  value_str = g_strndup (value, end - value);
  redacted = es_redact_header_value (name_str, value_str);

  g_string_append_len (out, p, value - p);
  g_string_append (out, redacted);

  return end;
}

/* "name": value, where the name is a secret (or a secret header, as in a JSON dump of headers). */
static const char *
redact_json_member (GString    *out,
                    const char *p)
{
  const char *name_end = skip_json_string (p);
  const char *q = name_end;
  const char *value_end;
  gsize name_len;

  if (name_end[-1] != '"' || name_end == p + 1)
    return NULL;

  while (g_ascii_isspace (*q))
    q++;

  if (*q != ':')
    return NULL;

  name_len = name_end - p - 2;
  /* In a query or form "code" is the OAuth authorization code, but in a JSON body it is the
   * platform's error code (WooCommerce, Intuit, PostgREST), which the log must keep. */
  if ((!is_secret_name_len (p + 1, name_len) ||
       (name_len == 4 && g_ascii_strncasecmp (p + 1, "code", 4) == 0)) &&
      !in_list (p + 1, name_len, secret_headers, G_N_ELEMENTS (secret_headers)))
    {
      /* A member name carries no secret; copying it whole keeps the scan in step. */
      g_string_append_len (out, p, name_end - p);
      return name_end;
    }

  q++;
  while (g_ascii_isspace (*q))
    q++;

  g_string_append_len (out, p, q - p);

  value_end = skip_json_value (q);
  if (value_end - q == 4 && strncmp (q, "null", 4) == 0)
    g_string_append (out, "null");
  else
    g_string_append (out, "\"" ES_REDACTED "\"");

  return value_end;
}

/* scheme://user:password@host */
static const char *
redact_userinfo (GString    *out,
                 const char *p)
{
  const char *authority = p + 3;
  const char *at = NULL;
  const char *colon;

  for (const char *q = authority; *q != '\0' && strchr ("/?#\"'<> \t\r\n", *q) == NULL; q++)
    {
      if (*q == '@')
        at = q;
    }

  if (at == NULL)
    return NULL;

  colon = memchr (authority, ':', at - authority);
  if (colon == NULL)
    return NULL;

  g_string_append_len (out, p, colon + 1 - p);
  g_string_append (out, ES_REDACTED);
  g_string_append_c (out, '@');

  return at + 1;
}

static const char *
redact_auth_scheme (GString    *out,
                    const char *p)
{
  static const char * const schemes[] = { "bearer", "basic" };

  for (gsize i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      gsize len = strlen (schemes[i]);
      const char *q = p + len;
      const char *end;

      if (g_ascii_strncasecmp (p, schemes[i], len) != 0 || (*q != ' ' && *q != '\t'))
        continue;

      while (*q == ' ' || *q == '\t')
        q++;

      end = skip_credentials (q);
      if (end == q)
        continue;

      g_string_append_len (out, p, q - p);
      g_string_append (out, ES_REDACTED);

      return end;
    }

  return NULL;
}

/* name=value, as in a query, a form body or an OAuth 1.0a header. */
static const char *
redact_pair (GString    *out,
             const char *p)
{
  const char *q = p;

  while (is_name_char (*q))
    q++;

  g_assert (q > p);

  g_string_append_len (out, p, q - p);

  if (*q != '=' || !is_secret_name_len (p, q - p))
    return q;

  g_string_append_c (out, '=');
  g_string_append (out, ES_REDACTED);

  return skip_plain_value (q + 1);
}

char *
es_redact_text (const char *text)
{
  GString *out;
  const char *p;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text) + 16);
  p = text;

  while (*p != '\0')
    {
      const char *next = NULL;

      if (p == text || p[-1] == '\n')
        next = redact_header_line (out, p);

      if (next == NULL && *p == '"' && (p == text || p[-1] != '\\'))
        next = redact_json_member (out, p);

      if (next == NULL && *p == ':' && g_str_has_prefix (p, "://"))
        next = redact_userinfo (out, p);

      if (next == NULL && is_name_char (*p) && at_word_start (text, p))
        {
          next = redact_auth_scheme (out, p);
          if (next == NULL)
            next = redact_pair (out, p);
        }

      if (next == NULL)
        {
          g_string_append_c (out, *p);
          next = p + 1;
        }

      p = next;
    }

  return g_string_free (out, FALSE);
}

char *
es_redact_header_value (const char *name,
                        const char *value)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  if (!es_redact_is_secret_header (name))
    return es_redact_text (value);

  if (g_ascii_strcasecmp (name, "Authorization") == 0 ||
      g_ascii_strcasecmp (name, "Proxy-Authorization") == 0)
    {
      const char *q = value;

      /* The scheme tells which credentials were sent, which is what debugging a 401 needs. */
      while (g_ascii_isalnum (*q) || *q == '-' || *q == '_' || *q == '.')
        q++;

      if (q > value && *q == ' ')
        {
          g_autofree char *scheme = g_strndup (value, q - value);

          return g_strconcat (scheme, " " ES_REDACTED, NULL);
        }
    }

  return g_strdup (ES_REDACTED);
}

char *
es_redact_bytes (GBytes *bytes,
                 gsize   max_len)
{
  g_autofree char *text = NULL;
  g_autofree char *redacted = NULL;
  const char *data;
  gsize size = 0;
  gsize len;
  const char *cut;

  if (bytes == NULL)
    return g_strdup ("");

  data = g_bytes_get_data (bytes, &size);
  if (size == 0)
    return g_strdup ("");

  if (!g_utf8_validate_len (data, size, NULL))
    return g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes, not text)", size);

  text = g_strndup (data, size);
  redacted = es_redact_text (text);
  len = strlen (redacted);
  if (len <= max_len)
    return g_steal_pointer (&redacted);

  /* Redacting before cutting means a secret split by the cut is still recognised. */
  cut = redacted + max_len;
  while (cut > redacted && ((guchar) *cut & 0xC0) == 0x80)
    cut--;

  return g_strdup_printf ("%.*s… (%" G_GSIZE_FORMAT " bytes)",
                          (int) (cut - redacted), redacted, size);
}
