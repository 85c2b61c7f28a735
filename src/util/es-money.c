/* es-money.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-money"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "es-money.h"

/* Longest piece of a rejected input quoted back in an error message. */
#define QUOTE_MAX_CHARS 40

/* ISO 4217 codes whose minor unit is not 1/100 (list of 2024). */
static const char * const exponent_0[] = {
  "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
  "VUV", "XAF", "XOF", "XPF",
};
static const char * const exponent_3[] = {
  "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND",
};
static const char * const exponent_4[] = {
  "CLF", "UYW",
};

G_DEFINE_QUARK (es-money-error-quark, es_money_error)

static gboolean
in_list (const char         *code,
         const char * const *list,
         gsize               n_items)
{
  for (gsize i = 0; i < n_items; i++)
    if (strcmp (code, list[i]) == 0)
      return TRUE;

  return FALSE;
}

/* Error messages quote the input; it may be long or not even UTF-8. */
static char *
quote_for_message (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_autofree char *start = NULL;

  if (g_utf8_strlen (valid, -1) <= QUOTE_MAX_CHARS)
    return g_steal_pointer (&valid);

  start = g_utf8_substring (valid, 0, QUOTE_MAX_CHARS);
  return g_strconcat (start, "…", NULL);
}

static gboolean
set_overflow_error (GError     **error,
                    const char  *text)
{
  g_autofree char *quoted = quote_for_message (text);

  g_set_error (error, ES_MONEY_ERROR, ES_MONEY_ERROR_OVERFLOW,
               _("“%s” is too large an amount"), quoted);
  return FALSE;
}

/* -?[0-9]+(\.[0-9]+)? and nothing else. */
static gboolean
is_plain_decimal (const char *text)
{
  const char *p = text;

  if (*p == '-')
    p++;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;

  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  return *p == '\0';
}

static gboolean
accumulate (guint64 *magnitude,
            guint    digit,
            guint64  limit)
{
  if (*magnitude > (limit - digit) / 10)
    return FALSE;

  *magnitude = *magnitude * 10 + digit;
  return TRUE;
}

int
es_money_currency_exponent (const char *currency)
{
  g_return_val_if_fail (currency != NULL, -1);

  for (guint i = 0; i < 3; i++)
    if (!g_ascii_isupper (currency[i]))
      return -1;
  if (currency[3] != '\0')
    return -1;

  if (in_list (currency, exponent_0, G_N_ELEMENTS (exponent_0)))
    return 0;
  if (in_list (currency, exponent_3, G_N_ELEMENTS (exponent_3)))
    return 3;
  if (in_list (currency, exponent_4, G_N_ELEMENTS (exponent_4)))
    return 4;

  return 2;
}

gboolean
es_money_parse (const char  *text,
                int          exponent,
                gint64      *out_minor,
                GError     **error)
{
  const char *p = text;
  gboolean negative = FALSE;
  guint64 magnitude = 0;
  guint64 limit;
  int decimals = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (exponent >= 0 && exponent <= ES_MONEY_MAX_EXPONENT, FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (*text == '\0')
    {
      g_set_error_literal (error, ES_MONEY_ERROR, ES_MONEY_ERROR_INVALID,
                           _("The amount is empty"));
      return FALSE;
    }

  if (!is_plain_decimal (text))
    {
      g_autofree char *quoted = quote_for_message (text);

      g_set_error (error, ES_MONEY_ERROR, ES_MONEY_ERROR_INVALID,
                   _("“%s” is not a decimal amount"), quoted);
      return FALSE;
    }

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  /* G_MININT64 has no positive counterpart, so the negative limit is one larger. */
  limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;

  for (; g_ascii_isdigit (*p); p++)
    if (!accumulate (&magnitude, *p - '0', limit))
      return set_overflow_error (error, text);

  if (*p == '.')
    {
      for (p++; g_ascii_isdigit (*p); p++)
        {
          if (decimals < exponent)
            {
              if (!accumulate (&magnitude, *p - '0', limit))
                return set_overflow_error (error, text);
              decimals++;
            }
          else if (*p != '0')
            {
              g_autofree char *quoted = quote_for_message (text);

              g_set_error (error, ES_MONEY_ERROR, ES_MONEY_ERROR_PRECISION,
                           _("“%s” has more decimal places than the currency allows (%d)"),
                           quoted, exponent);
              return FALSE;
            }
        }
    }

  for (; decimals < exponent; decimals++)
    if (!accumulate (&magnitude, 0, limit))
      return set_overflow_error (error, text);

  if (!negative)
    *out_minor = (gint64) magnitude;
  else if (magnitude == (guint64) G_MAXINT64 + 1)
    *out_minor = G_MININT64;
  else
    *out_minor = -(gint64) magnitude;

  return TRUE;
}

gboolean
es_money_from_double (double       value,
                      int          exponent,
                      gint64      *out_minor,
                      GError     **error)
{
  char format[8];
  char text[G_ASCII_DTOSTR_BUF_SIZE + ES_MONEY_MAX_EXPONENT];

  g_return_val_if_fail (exponent >= 0 && exponent <= ES_MONEY_MAX_EXPONENT, FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!isfinite (value))
    {
      g_set_error_literal (error, ES_MONEY_ERROR, ES_MONEY_ERROR_INVALID,
                           _("The amount is not a finite number"));
      return FALSE;
    }

  /* Anything this large overflows whatever the exponent; checking first bounds the text. */
  if (fabs (value) >= 1e19)
    {
      g_set_error (error, ES_MONEY_ERROR, ES_MONEY_ERROR_OVERFLOW,
                   _("“%g” is too large an amount"), value);
      return FALSE;
    }

  /* printf rounds the exact binary value correctly; if that decimal text reads back as the same
   * double, the sender meant exactly that amount. */
  g_snprintf (format, sizeof format, "%%.%df", exponent);
  g_ascii_formatd (text, sizeof text, format, value);

  if (g_ascii_strtod (text, NULL) != value)
    {
      g_set_error (error, ES_MONEY_ERROR, ES_MONEY_ERROR_PRECISION,
                   _("“%.17g” has more decimal places than the currency allows (%d)"),
                   value, exponent);
      return FALSE;
    }

  return es_money_parse (text, exponent, out_minor, error);
}

char *
es_money_format (gint64 minor,
                 int    exponent)
{
  char digits[32];
  guint64 magnitude;
  int len;
  GString *out;

  g_return_val_if_fail (exponent >= 0 && exponent <= ES_MONEY_MAX_EXPONENT, NULL);

  magnitude = minor < 0 ? (guint64) -(minor + 1) + 1 : (guint64) minor;
  len = g_snprintf (digits, sizeof digits, "%0*" G_GUINT64_FORMAT, exponent + 1, magnitude);

  out = g_string_sized_new (len + 2);
  if (minor < 0)
    g_string_append_c (out, '-');
  g_string_append_len (out, digits, len - exponent);
  if (exponent > 0)
    {
      g_string_append_c (out, '.');
      g_string_append (out, digits + len - exponent);
    }

  return g_string_free (out, FALSE);
}

gint64
es_money_divide_rounded (gint64 amount,
                         gint64 divisor)
{
  gint64 quotient;
  guint64 remainder;

  g_return_val_if_fail (divisor > 0, 0);

  quotient = amount / divisor;
  remainder = amount % divisor < 0 ? (guint64) -(amount % divisor) : (guint64) (amount % divisor);

  /* remainder >= divisor / 2, written so that nothing can overflow. */
  if (remainder >= (guint64) divisor - remainder)
    quotient += amount < 0 ? -1 : 1;

  return quotient;
}
