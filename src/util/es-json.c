/* es-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-json"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "es-json.h"
#include "es-money.h"
#include "es-time.h"

/* A cursor over JSON text for the strict check that runs before json-glib sees it. */
typedef struct
{
  const char *start;
  const char *p;
  const char *end;
} Scanner;

G_DEFINE_QUARK (es-json-error-quark, es_json_error)

static gboolean
scan_error (Scanner     *s,
            GError     **error,
            const char  *problem)
{
  guint line = 1;
  guint column = 1;

  for (const char *q = s->start; q < s->p && q < s->end; q++)
    {
      if (*q == '\n')
        {
          line++;
          column = 1;
        }
      else
        {
          column++;
        }
    }

  g_set_error (error, ES_JSON_ERROR, ES_JSON_ERROR_PARSE,
               _("Invalid JSON at line %u, column %u: %s"), line, column, problem);
  return FALSE;
}

static gboolean
at (Scanner *s,
    char     c)
{
  return s->p < s->end && *s->p == c;
}

static gboolean
at_digit (Scanner *s)
{
  return s->p < s->end && g_ascii_isdigit (*s->p);
}

static void
skip_whitespace (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
scan_hex4 (Scanner  *s,
           gunichar *out_value)
{
  gunichar value = 0;

  if (s->end - s->p < 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (s->p[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + digit;
    }

  s->p += 4;
  *out_value = value;
  return TRUE;
}

/* Errors point at the backslash that starts the escape. */
static gboolean
scan_unicode_escape (Scanner     *s,
                     const char  *escape,
                     GError     **error)
{
  const char *problem = NULL;
  gunichar unit;
  gunichar low;

  if (!scan_hex4 (s, &unit))
    problem = _("invalid \\u escape");
  else if (unit == 0)
    problem = _("a string contains \\u0000");  /* json-glib would silently cut the string */
  else if (unit >= 0xDC00 && unit <= 0xDFFF)
    problem = _("unpaired surrogate in a \\u escape");
  else if (unit >= 0xD800 && unit <= 0xDBFF &&
           (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u' ||
            (s->p += 2, !scan_hex4 (s, &low)) || low < 0xDC00 || low > 0xDFFF))
    problem = _("unpaired surrogate in a \\u escape");

  if (problem != NULL)
    {
      s->p = escape;
      return scan_error (s, error, problem);
    }

  return TRUE;
}

static gboolean
scan_string (Scanner  *s,
             GError  **error)
{
  s->p++;

  while (s->p < s->end)
    {
      guchar c = *s->p;
      const char *escape;

      if (c == '"')
        {
          s->p++;
          return TRUE;
        }

      if (c < 0x20)
        return scan_error (s, error, _("control character in a string"));

      if (c != '\\')
        {
          s->p++;
          continue;
        }

      escape = s->p++;
      if (s->p >= s->end)
        break;

      if (*s->p == 'u')
        {
          s->p++;
          if (!scan_unicode_escape (s, escape, error))
            return FALSE;
        }
      else if (*s->p != '\0' && strchr ("\"\\/bfnrt", *s->p) != NULL)
        {
          s->p++;
        }
      else
        {
          s->p = escape;
          return scan_error (s, error, _("invalid escape in a string"));
        }
    }

  return scan_error (s, error, _("unterminated string"));
}

static gboolean
scan_number (Scanner  *s,
             GError  **error)
{
  const char *token = s->p;
  const char *digits;
  gboolean negative = FALSE;
  gboolean integer = TRUE;

  if (at (s, '-'))
    {
      negative = TRUE;
      s->p++;
    }

  digits = s->p;
  if (at (s, '0'))
    s->p++;
  else if (at_digit (s))
    while (at_digit (s))
      s->p++;
  else
    return scan_error (s, error, _("invalid number"));

  if (s->p - digits >= 19)
    {
      const char *limit = negative ? "9223372036854775808" : "9223372036854775807";
      gsize n_digits = s->p - digits;

      /* Checked now because json-glib wraps such integers around without a word. */
      if (!at (s, '.') && !at (s, 'e') && !at (s, 'E') &&
          (n_digits > 19 || memcmp (digits, limit, 19) > 0))
        return scan_error (s, error, _("integer out of range"));
    }

  if (at (s, '.'))
    {
      integer = FALSE;
      s->p++;
      if (!at_digit (s))
        return scan_error (s, error, _("invalid number"));
      while (at_digit (s))
        s->p++;
    }

  if (at (s, 'e') || at (s, 'E'))
    {
      integer = FALSE;
      s->p++;
      if (at (s, '+') || at (s, '-'))
        s->p++;
      if (!at_digit (s))
        return scan_error (s, error, _("invalid number"));
      while (at_digit (s))
        s->p++;
    }

  if (!integer)
    {
      g_autofree char *text = g_strndup (token, s->p - token);

      if (!isfinite (g_ascii_strtod (text, NULL)))
        return scan_error (s, error, _("number out of range"));
    }

  return TRUE;
}

static gboolean
scan_literal (Scanner    *s,
              const char *literal,
              GError    **error)
{
  gsize len = strlen (literal);

  if ((gsize) (s->end - s->p) < len || memcmp (s->p, literal, len) != 0)
    return scan_error (s, error, _("unexpected character"));

  s->p += len;
  return TRUE;
}

static gboolean
scan_member_name (Scanner  *s,
                  GError  **error)
{
  skip_whitespace (s);
  if (!at (s, '"'))
    return scan_error (s, error, _("expected a member name"));
  if (!scan_string (s, error))
    return FALSE;

  skip_whitespace (s);
  if (!at (s, ':'))
    return scan_error (s, error, _("expected “:”"));
  s->p++;

  return TRUE;
}

/* An iterative RFC 8259 checker, so that hostile nesting cannot exhaust the stack. */
static gboolean
check_strict_json (const char  *data,
                   gsize        length,
                   GError     **error)
{
  Scanner s = { data, data, data + length };
  char open[ES_JSON_MAX_DEPTH];
  guint depth = 0;
  const char *invalid = NULL;

  if (!g_utf8_validate_len (data, length, &invalid))
    {
      s.p = invalid;
      return scan_error (&s, error, _("not UTF-8 text"));
    }

  skip_whitespace (&s);
  if (s.p == s.end)
    {
      g_set_error_literal (error, ES_JSON_ERROR, ES_JSON_ERROR_PARSE, _("The document is empty"));
      return FALSE;
    }

  for (;;)
    {
      gboolean value_done = TRUE;

      skip_whitespace (&s);
      if (s.p == s.end)
        return scan_error (&s, error, _("unexpected end of the document"));

      switch (*s.p)
        {
        case '{':
        case '[':
          if (depth == ES_JSON_MAX_DEPTH)
            return scan_error (&s, error, _("nested too deeply"));
          open[depth++] = *s.p++;
          skip_whitespace (&s);
          if (at (&s, open[depth - 1] == '{' ? '}' : ']'))
            {
              s.p++;
              depth--;
            }
          else
            {
              if (open[depth - 1] == '{' && !scan_member_name (&s, error))
                return FALSE;
              value_done = FALSE;
            }
          break;

        case '"':
          if (!scan_string (&s, error))
            return FALSE;
          break;

        case 't':
          if (!scan_literal (&s, "true", error))
            return FALSE;
          break;

        case 'f':
          if (!scan_literal (&s, "false", error))
            return FALSE;
          break;

        case 'n':
          if (!scan_literal (&s, "null", error))
            return FALSE;
          break;

        default:
          if (*s.p != '-' && !g_ascii_isdigit (*s.p))
            return scan_error (&s, error, _("unexpected character"));
          if (!scan_number (&s, error))
            return FALSE;
          break;
        }

      /* After a complete value: close what ends here, then expect the next value. */
      while (value_done)
        {
          char close;

          skip_whitespace (&s);
          if (depth == 0)
            {
              if (s.p != s.end)
                return scan_error (&s, error, _("unexpected text after the document"));
              return TRUE;
            }

          close = open[depth - 1] == '{' ? '}' : ']';
          if (at (&s, close))
            {
              s.p++;
              depth--;
            }
          else if (at (&s, ','))
            {
              s.p++;
              if (open[depth - 1] == '{' && !scan_member_name (&s, error))
                return FALSE;
              value_done = FALSE;
            }
          else
            {
              return scan_error (&s, error, close == '}' ? _("expected “,” or “}”")
                                                         : _("expected “,” or “]”"));
            }
        }
    }
}

JsonNode *
es_json_parse (const char  *data,
               gssize       length,
               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);

  if (!check_strict_json (data, length, error))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, ES_JSON_ERROR, ES_JSON_ERROR_PARSE,
                   _("Invalid JSON: %s"), local_error->message);
      return NULL;
    }

  return json_parser_steal_root (parser);
}

static void
append_string (GString    *out,
               const char *str)
{
  g_string_append_c (out, '"');

  for (const guchar *p = (const guchar *) str; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, *p);
          break;
        }
    }

  g_string_append_c (out, '"');
}

/* The shortest text that reads back as @value, laid out as ECMAScript's Number::toString()
 * does (plain up to 1e21, exponent beyond), always with a fraction or an exponent so that
 * json-glib reads it back as a double. */
static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char digits[24];
  char *exponent_start;
  int n_digits = 0;
  int point;

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  for (int precision = 0; precision <= 16; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%de", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  /* buf is now "-d.ddde±xx": collect the significant digits and where the point goes. */
  exponent_start = strchr (buf, 'e');
  g_assert (exponent_start != NULL);
  for (const char *p = buf; p < exponent_start; p++)
    if (g_ascii_isdigit (*p))
      digits[n_digits++] = *p;
  digits[n_digits] = '\0';
  point = atoi (exponent_start + 1) + 1;

  if (value < 0 || (value == 0 && signbit (value)))
    g_string_append_c (out, '-');

  if (n_digits <= point && point <= 21)
    {
      g_string_append (out, digits);
      for (int i = n_digits; i < point; i++)
        g_string_append_c (out, '0');
      g_string_append (out, ".0");
    }
  else if (0 < point && point <= 21)
    {
      g_string_append_len (out, digits, point);
      g_string_append_c (out, '.');
      g_string_append (out, digits + point);
    }
  else if (-6 < point && point <= 0)
    {
      g_string_append (out, "0.");
      for (int i = point; i < 0; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else
    {
      g_string_append_c (out, digits[0]);
      if (n_digits > 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + 1);
        }
      g_string_append_printf (out, "e%+d", point - 1);
    }
}

static void
append_newline (GString  *out,
                gboolean  pretty,
                guint     depth)
{
  if (!pretty)
    return;

  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
append_node (GString  *out,
             JsonNode *node,
             gboolean  pretty,
             guint     depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        members = g_list_sort (members, (GCompareFunc) strcmp);
        g_string_append_c (out, '{');
        for (const GList *l = members; l != NULL; l = l->next)
          {
            if (l != members)
              g_string_append_c (out, ',');
            append_newline (out, pretty, depth + 1);
            append_string (out, l->data);
            g_string_append (out, pretty ? ": " : ":");
            append_node (out, json_object_get_member (object, l->data), pretty, depth + 1);
          }
        if (members != NULL)
          append_newline (out, pretty, depth);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_newline (out, pretty, depth + 1);
            append_node (out, json_array_get_element (array, i), pretty, depth + 1);
          }
        if (n > 0)
          append_newline (out, pretty, depth);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          append_double (out, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          if (json_node_get_string (node) != NULL)
            append_string (out, json_node_get_string (node));
          else
            g_string_append (out, "null");
          break;
        default:
          g_assert_not_reached ();
        }
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    default:
      g_assert_not_reached ();
    }
}

char *
es_json_to_canonical_string (JsonNode *node,
                             gboolean  pretty)
{
  GString *out;

  g_return_val_if_fail (node != NULL, NULL);

  out = g_string_new (NULL);
  append_node (out, node, pretty, 0);

  return g_string_free (out, FALSE);
}

char *
es_json_content_hash (JsonNode *node)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  text = es_json_to_canonical_string (node, FALSE);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

char *
es_json_path_member (const char *path,
                     const char *member)
{
  g_return_val_if_fail (member != NULL, NULL);

  if (path == NULL || *path == '\0')
    return g_strdup (member);

  return g_strconcat (path, ".", member, NULL);
}

char *
es_json_path_index (const char *path,
                    guint       index_)
{
  return g_strdup_printf ("%s[%u]", path != NULL ? path : "", index_);
}

static JsonNode *
get_value_member (JsonObject *object,
                  const char *member,
                  GType       type)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;

  return node;
}

const char *
es_json_get_string (JsonObject *object,
                    const char *member,
                    const char *default_value)
{
  JsonNode *node;

  g_return_val_if_fail (member != NULL, default_value);

  node = get_value_member (object, member, G_TYPE_STRING);

  return node != NULL ? json_node_get_string (node) : default_value;
}

gint64
es_json_get_int (JsonObject *object,
                 const char *member,
                 gint64      default_value)
{
  JsonNode *node;

  g_return_val_if_fail (member != NULL, default_value);

  node = get_value_member (object, member, G_TYPE_INT64);

  return node != NULL ? json_node_get_int (node) : default_value;
}

gboolean
es_json_get_bool (JsonObject *object,
                  const char *member,
                  gboolean    default_value)
{
  JsonNode *node;

  g_return_val_if_fail (member != NULL, default_value);

  node = get_value_member (object, member, G_TYPE_BOOLEAN);

  return node != NULL ? json_node_get_boolean (node) : default_value;
}

gboolean
es_json_set_error (GError      **error,
                   EsJsonError   code,
                   const char   *path,
                   const char   *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_val_if_fail (format != NULL, FALSE);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (path == NULL || *path == '\0')
    g_set_error_literal (error, ES_JSON_ERROR, code, message);
  else
    g_set_error (error, ES_JSON_ERROR, code, "%s: %s", path, message);

  return FALSE;
}

static gboolean
set_path_error (GError     **error,
                EsJsonError  code,
                const char  *path,
                const char  *member,
                const char  *problem)
{
  g_autofree char *full_path = member != NULL ? es_json_path_member (path, member)
                                              : g_strdup (path);

  return es_json_set_error (error, code, full_path, "%s", problem);
}

/* Finds @member, reporting its absence; a null member is found (its type is checked later). */
static JsonNode *
require_member (JsonObject  *object,
                const char  *path,
                const char  *member,
                GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (member != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  node = json_object_get_member (object, member);
  if (node == NULL)
    set_path_error (error, ES_JSON_ERROR_MISSING, path, member, _("required member is missing"));

  return node;
}

static JsonNode *
require_value (JsonObject  *object,
               const char  *path,
               const char  *member,
               GType        type,
               const char  *expected,
               GError     **error)
{
  JsonNode *node = require_member (object, path, member, error);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    {
      set_path_error (error, ES_JSON_ERROR_TYPE, path, member, expected);
      return NULL;
    }

  return node;
}

gboolean
es_json_member_is_null (JsonObject *object,
                        const char *member)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_NULL (node);
}

gboolean
es_json_require_string (JsonObject  *object,
                        const char  *path,
                        const char  *member,
                        const char **out_value,
                        GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (out_value != NULL, FALSE);

  node = require_value (object, path, member, G_TYPE_STRING, _("expected a string"), error);
  if (node == NULL)
    return FALSE;

  *out_value = json_node_get_string (node);
  return TRUE;
}

gboolean
es_json_require_int (JsonObject  *object,
                     const char  *path,
                     const char  *member,
                     gint64      *out_value,
                     GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (out_value != NULL, FALSE);

  node = require_value (object, path, member, G_TYPE_INT64, _("expected an integer"), error);
  if (node == NULL)
    return FALSE;

  *out_value = json_node_get_int (node);
  return TRUE;
}

gboolean
es_json_require_bool (JsonObject  *object,
                      const char  *path,
                      const char  *member,
                      gboolean    *out_value,
                      GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (out_value != NULL, FALSE);

  node = require_value (object, path, member, G_TYPE_BOOLEAN, _("expected true or false"), error);
  if (node == NULL)
    return FALSE;

  *out_value = json_node_get_boolean (node);
  return TRUE;
}

gboolean
es_json_require_object (JsonObject  *object,
                        const char  *path,
                        const char  *member,
                        JsonObject **out_value,
                        GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (out_value != NULL, FALSE);

  node = require_member (object, path, member, error);
  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return set_path_error (error, ES_JSON_ERROR_TYPE, path, member, _("expected an object"));

  *out_value = json_node_get_object (node);
  return TRUE;
}

gboolean
es_json_require_array (JsonObject  *object,
                       const char  *path,
                       const char  *member,
                       JsonArray  **out_value,
                       GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (out_value != NULL, FALSE);

  node = require_member (object, path, member, error);
  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return set_path_error (error, ES_JSON_ERROR_TYPE, path, member, _("expected an array"));

  *out_value = json_node_get_array (node);
  return TRUE;
}

gboolean
es_json_require_money (JsonObject  *object,
                       const char  *path,
                       const char  *member,
                       int          exponent,
                       gint64      *out_minor,
                       GError     **error)
{
  g_autoptr(GError) money_error = NULL;
  const char *text;

  g_return_val_if_fail (out_minor != NULL, FALSE);

  if (!es_json_require_string (object, path, member, &text, error))
    return FALSE;

  if (!es_money_parse (text, exponent, out_minor, &money_error))
    return set_path_error (error, ES_JSON_ERROR_VALUE, path, member, money_error->message);

  return TRUE;
}

gboolean
es_json_require_time (JsonObject  *object,
                      const char  *path,
                      const char  *member,
                      gboolean     nullable,
                      GDateTime  **out_value,
                      GError     **error)
{
  g_autoptr(GError) time_error = NULL;
  const char *text;

  g_return_val_if_fail (out_value != NULL, FALSE);

  if (nullable && es_json_member_is_null (object, member))
    {
      *out_value = NULL;
      return TRUE;
    }

  if (!es_json_require_string (object, path, member, &text, error))
    return FALSE;

  *out_value = es_time_parse (text, &time_error);
  if (*out_value == NULL)
    return set_path_error (error, ES_JSON_ERROR_VALUE, path, member, time_error->message);

  return TRUE;
}

gboolean
es_json_require_object_element (JsonArray   *array,
                                const char  *path,
                                guint        index_,
                                JsonObject **out_value,
                                GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (array != NULL, FALSE);
  g_return_val_if_fail (index_ < json_array_get_length (array), FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  node = json_array_get_element (array, index_);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *element_path = es_json_path_index (path, index_);

      return set_path_error (error, ES_JSON_ERROR_TYPE, element_path, NULL,
                             _("expected an object"));
    }

  *out_value = json_node_get_object (node);
  return TRUE;
}

gboolean
es_json_check_members (JsonObject         *object,
                       const char         *path,
                       const char * const *allowed,
                       GError            **error)
{
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (allowed != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      return set_path_error (error, ES_JSON_ERROR_UNKNOWN_MEMBER, path, l->data,
                             _("unknown member"));

  return TRUE;
}

void
es_json_object_set_money (JsonObject *object,
                          const char *member,
                          gint64      minor,
                          int         exponent)
{
  g_autofree char *text = NULL;

  g_return_if_fail (object != NULL);
  g_return_if_fail (member != NULL);

  text = es_money_format (minor, exponent);
  json_object_set_string_member (object, member, text);
}

void
es_json_object_set_time (JsonObject *object,
                         const char *member,
                         GDateTime  *time)
{
  g_autofree char *text = NULL;

  g_return_if_fail (object != NULL);
  g_return_if_fail (member != NULL);

  if (time == NULL)
    {
      json_object_set_null_member (object, member);
      return;
    }

  text = es_time_format (time);
  json_object_set_string_member (object, member, text);
}
