/* test-money.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "es-money.h"

typedef struct
{
  const char *text;
  int         exponent;
  gint64      minor;
} ValidCase;

typedef struct
{
  const char *text;
  int         exponent;
  int         code;
} InvalidCase;

static void
test_parse_valid (void)
{
  static const ValidCase cases[] = {
    { "29.35", 2, 2935 },
    { "-0.10", 2, -10 },
    { "0", 2, 0 },
    { "0.00", 2, 0 },
    { "-0", 2, 0 },
    { "-0.00", 2, 0 },
    { "12", 2, 1200 },
    { "14.3", 2, 1430 },
    { "1.230", 2, 123 },
    { "1.2300000000", 2, 123 },
    { "-5.00", 2, -500 },
    { "007.50", 2, 750 },
    { "0.01", 2, 1 },
    { "12", 0, 12 },
    { "12.000", 0, 12 },
    { "-3", 0, -3 },
    { "1.234", 3, 1234 },
    { "1.2", 3, 1200 },
    { "0.001", 3, 1 },
    { "1.2345", 4, 12345 },
    { "0.000000001", 9, 1 },
    { "92233720368547758.07", 2, G_MAXINT64 },
    { "-92233720368547758.08", 2, G_MININT64 },
    { "9223372036854775807", 0, G_MAXINT64 },
    { "-9223372036854775808", 0, G_MININT64 },
    { "00000000000000000000000000001.00", 2, 100 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = 42;

      g_autofree char *escaped = g_strescape (cases[i].text, NULL);

      g_test_message ("parsing “%s” with exponent %d", escaped, cases[i].exponent);
      g_assert_true (es_money_parse (cases[i].text, cases[i].exponent, &minor, &error));
      g_assert_no_error (error);
      g_assert_cmpint (minor, ==, cases[i].minor);
    }
}

static void
test_parse_invalid (void)
{
  static const InvalidCase cases[] = {
    { "", 2, ES_MONEY_ERROR_INVALID },
    { " 1", 2, ES_MONEY_ERROR_INVALID },
    { "1 ", 2, ES_MONEY_ERROR_INVALID },
    { "\t1", 2, ES_MONEY_ERROR_INVALID },
    { "1e3", 2, ES_MONEY_ERROR_INVALID },
    { "1E3", 2, ES_MONEY_ERROR_INVALID },
    { "1.5e2", 2, ES_MONEY_ERROR_INVALID },
    { "1,000.00", 2, ES_MONEY_ERROR_INVALID },
    { "1,5", 2, ES_MONEY_ERROR_INVALID },
    { "1_000", 2, ES_MONEY_ERROR_INVALID },
    { "+1", 2, ES_MONEY_ERROR_INVALID },
    { "+-1", 2, ES_MONEY_ERROR_INVALID },
    { "--1", 2, ES_MONEY_ERROR_INVALID },
    { "-", 2, ES_MONEY_ERROR_INVALID },
    { ".", 2, ES_MONEY_ERROR_INVALID },
    { ".5", 2, ES_MONEY_ERROR_INVALID },
    { "-.5", 2, ES_MONEY_ERROR_INVALID },
    { "5.", 2, ES_MONEY_ERROR_INVALID },
    { "1.2.3", 2, ES_MONEY_ERROR_INVALID },
    { "NaN", 2, ES_MONEY_ERROR_INVALID },
    { "nan", 2, ES_MONEY_ERROR_INVALID },
    { "inf", 2, ES_MONEY_ERROR_INVALID },
    { "-Infinity", 2, ES_MONEY_ERROR_INVALID },
    { "0x10", 2, ES_MONEY_ERROR_INVALID },
    { "$5.00", 2, ES_MONEY_ERROR_INVALID },
    { "5.00 USD", 2, ES_MONEY_ERROR_INVALID },
    { "\xef\xbc\x91", 2, ES_MONEY_ERROR_INVALID },  /* fullwidth digit one */
    { "\xe2\x88\x92" "1", 2, ES_MONEY_ERROR_INVALID },  /* minus sign U+2212 */
    { "\xff\xfe", 2, ES_MONEY_ERROR_INVALID },  /* not UTF-8 at all */
    { "0.005", 2, ES_MONEY_ERROR_PRECISION },
    { "1.231", 2, ES_MONEY_ERROR_PRECISION },
    { "1.2300001", 2, ES_MONEY_ERROR_PRECISION },
    { "-0.001", 2, ES_MONEY_ERROR_PRECISION },
    { "12.5", 0, ES_MONEY_ERROR_PRECISION },
    { "1.2345", 3, ES_MONEY_ERROR_PRECISION },
    { "92233720368547758.08", 2, ES_MONEY_ERROR_OVERFLOW },
    { "-92233720368547758.09", 2, ES_MONEY_ERROR_OVERFLOW },
    { "9223372036854775808", 0, ES_MONEY_ERROR_OVERFLOW },
    { "-9223372036854775809", 0, ES_MONEY_ERROR_OVERFLOW },
    { "99999999999999999999", 2, ES_MONEY_ERROR_OVERFLOW },
    { "100000000000000000000000000000000000000000", 2, ES_MONEY_ERROR_OVERFLOW },
    { "9223372036854775807", 2, ES_MONEY_ERROR_OVERFLOW },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = 42;

      g_autofree char *escaped = g_strescape (cases[i].text, NULL);

      g_test_message ("parsing “%s” with exponent %d", escaped, cases[i].exponent);
      g_assert_false (es_money_parse (cases[i].text, cases[i].exponent, &minor, &error));
      g_assert_error (error, ES_MONEY_ERROR, cases[i].code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpint (minor, ==, 42);
    }
}

static void
test_parse_messages (void)
{
  g_autoptr(GError) error = NULL;
  gint64 minor;

  g_assert_false (es_money_parse ("1e3", 2, &minor, &error));
  g_assert_cmpstr (error->message, ==, "“1e3” is not a decimal amount");
  g_clear_error (&error);

  g_assert_false (es_money_parse ("", 2, &minor, &error));
  g_assert_cmpstr (error->message, ==, "The amount is empty");
  g_clear_error (&error);

  g_assert_false (es_money_parse ("0.005", 2, &minor, &error));
  g_assert_cmpstr (error->message, ==,
                   "“0.005” has more decimal places than the currency allows (2)");
  g_clear_error (&error);

  g_assert_false (es_money_parse ("99999999999999999999", 2, &minor, &error));
  g_assert_cmpstr (error->message, ==, "“99999999999999999999” is too large an amount");
  g_clear_error (&error);

  /* A long rejected input is shortened in the message. */
  g_assert_false (es_money_parse ("1234567890123456789012345678901234567890123456789x", 2,
                                  &minor, &error));
  g_assert_cmpstr (error->message, ==,
                   "“1234567890123456789012345678901234567890…” is not a decimal amount");
  g_clear_error (&error);

  /* Bytes that are not UTF-8 never reach the message as they are. */
  g_assert_false (es_money_parse ("\xff" "1", 2, &minor, &error));
  g_assert_cmpstr (error->message, ==, "“\xef\xbf\xbd" "1” is not a decimal amount");
}

typedef struct
{
  gint64      minor;
  int         exponent;
  const char *text;
} FormatCase;

static void
test_format (void)
{
  static const FormatCase cases[] = {
    { 2935, 2, "29.35" },
    { -10, 2, "-0.10" },
    { 0, 2, "0.00" },
    { 1, 2, "0.01" },
    { -1, 2, "-0.01" },
    { 100, 2, "1.00" },
    { -500, 2, "-5.00" },
    { 1200, 0, "1200" },
    { 0, 0, "0" },
    { -7, 0, "-7" },
    { 1234, 3, "1.234" },
    { 5, 3, "0.005" },
    { 12345, 4, "1.2345" },
    { 1, 9, "0.000000001" },
    { G_MAXINT64, 2, "92233720368547758.07" },
    { G_MININT64, 2, "-92233720368547758.08" },
    { G_MAXINT64, 0, "9223372036854775807" },
    { G_MININT64, 0, "-9223372036854775808" },
    { G_MININT64, 9, "-9223372036.854775808" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = es_money_format (cases[i].minor, cases[i].exponent);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_round_trip (void)
{
  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      int exponent = g_test_rand_int_range (0, ES_MONEY_MAX_EXPONENT + 1);
      gint64 minor = (gint64) (((guint64) (guint32) g_test_rand_int () << 32) |
                               (guint32) g_test_rand_int ());
      gint64 back = 0;

      /* Mix in small amounts, where the padding happens. */
      if (i % 2 == 0)
        minor %= 100000;

      text = es_money_format (minor, exponent);
      g_assert_true (es_money_parse (text, exponent, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (back, ==, minor);
    }
}

typedef struct
{
  const char *currency;
  int         exponent;
} ExponentCase;

static void
test_currency_exponent (void)
{
  static const ExponentCase cases[] = {
    { "USD", 2 }, { "EUR", 2 }, { "GBP", 2 }, { "CAD", 2 }, { "XYZ", 2 },
    { "JPY", 0 }, { "KRW", 0 }, { "VND", 0 }, { "CLP", 0 }, { "ISK", 0 }, { "XOF", 0 },
    { "BHD", 3 }, { "KWD", 3 }, { "JOD", 3 }, { "OMR", 3 }, { "TND", 3 }, { "IQD", 3 },
    { "LYD", 3 },
    { "CLF", 4 }, { "UYW", 4 },
    { "usd", -1 }, { "Usd", -1 }, { "US", -1 }, { "USDD", -1 }, { "", -1 }, { "U$D", -1 },
    { "US ", -1 }, { "ÜSD", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (es_money_currency_exponent (cases[i].currency), ==, cases[i].exponent);
}

static void
test_from_double (void)
{
  static const struct {
    double value;
    int    exponent;
    gint64 minor;
  } valid[] = {
    { 26.82, 2, 2682 },
    { 100.0, 2, 10000 },
    { -0.0, 2, 0 },
    { -5.5, 2, -550 },
    { 0.1, 2, 10 },
    { 1500.0, 0, 1500 },
    { 1.234, 3, 1234 },
    { 92233720368547.75, 2, 9223372036854775 },
  };
  static const struct {
    double value;
    int    exponent;
    int    code;
  } invalid[] = {
    { 0.30000000000000004, 2, ES_MONEY_ERROR_PRECISION },
    /* WooCommerce's float line price: not the double nearest to 14.31. */
    { 14.309999999999999, 2, ES_MONEY_ERROR_PRECISION },
    { 12.3456789, 2, ES_MONEY_ERROR_PRECISION },
    { 1500.5, 0, ES_MONEY_ERROR_PRECISION },
    { 1e-9, 2, ES_MONEY_ERROR_PRECISION },
    { NAN, 2, ES_MONEY_ERROR_INVALID },
    { INFINITY, 2, ES_MONEY_ERROR_INVALID },
    { -INFINITY, 2, ES_MONEY_ERROR_INVALID },
    { 1e19, 0, ES_MONEY_ERROR_OVERFLOW },
    { -1e300, 2, ES_MONEY_ERROR_OVERFLOW },
    { 1e18, 2, ES_MONEY_ERROR_OVERFLOW },
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = 42;

      g_assert_true (es_money_from_double (valid[i].value, valid[i].exponent, &minor, &error));
      g_assert_no_error (error);
      g_assert_cmpint (minor, ==, valid[i].minor);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = 42;

      g_test_message ("converting %.17g with exponent %d", invalid[i].value, invalid[i].exponent);
      g_assert_false (es_money_from_double (invalid[i].value, invalid[i].exponent, &minor, &error));
      g_assert_error (error, ES_MONEY_ERROR, invalid[i].code);
      g_assert_cmpint (minor, ==, 42);
    }
}

static void
test_divide_rounded (void)
{
  static const struct {
    gint64 amount;
    gint64 divisor;
    gint64 quotient;
  } cases[] = {
    { 1200, 1, 1200 },
    { 600, 2, 300 },
    { 1000, 3, 333 },
    { 2000, 3, 667 },
    { 5, 2, 3 },
    { -5, 2, -3 },
    { 1, 2, 1 },
    { -1, 2, -1 },
    { 1, 3, 0 },
    { -1, 3, 0 },
    { 0, 7, 0 },
    { G_MAXINT64, 1, G_MAXINT64 },
    { G_MININT64, 1, G_MININT64 },
    { G_MAXINT64, G_MAXINT64, 1 },
    { G_MAXINT64 / 2, G_MAXINT64, 0 },
    { G_MAXINT64 / 2 + 1, G_MAXINT64, 1 },
    { G_MININT64, G_MAXINT64, -1 },
    { G_MININT64, 2, G_MININT64 / 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (es_money_divide_rounded (cases[i].amount, cases[i].divisor), ==,
                     cases[i].quotient);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/parse/valid", test_parse_valid);
  g_test_add_func ("/money/parse/invalid", test_parse_invalid);
  g_test_add_func ("/money/parse/messages", test_parse_messages);
  g_test_add_func ("/money/format", test_format);
  g_test_add_func ("/money/round-trip", test_round_trip);
  g_test_add_func ("/money/currency-exponent", test_currency_exponent);
  g_test_add_func ("/money/from-double", test_from_double);
  g_test_add_func ("/money/divide-rounded", test_divide_rounded);

  return g_test_run ();
}
