/* test-time.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "es-time.h"

typedef struct
{
  const char *text;
  const char *utc;
  int         microsecond;
} ValidCase;

static void
test_parse_valid (void)
{
  static const ValidCase cases[] = {
    /* WooCommerce's *_gmt fields carry no offset and mean UTC. */
    { "2017-03-22T16:28:08", "2017-03-22T16:28:08Z", 0 },
    { "2017-03-22T19:28:02Z", "2017-03-22T19:28:02Z", 0 },
    { "2017-03-22t19:28:02z", "2017-03-22T19:28:02Z", 0 },
    { "2017-03-22 19:28:02", "2017-03-22T19:28:02Z", 0 },
    /* Intuit's MetaData times, with and without the colon. */
    { "2015-07-24T10:35:08-07:00", "2015-07-24T17:35:08Z", 0 },
    { "2015-10-05T14:42:19-0700", "2015-10-05T21:42:19Z", 0 },
    { "2015-07-24T10:38:50.01-07:00", "2015-07-24T17:38:50Z", 10000 },
    { "2016-10-05T03:09:04.000Z", "2016-10-05T03:09:04Z", 0 },
    /* CloudEvents time with nanoseconds: truncated to microseconds. */
    { "2025-09-10T21:31:25.179851517Z", "2025-09-10T21:31:25Z", 179851 },
    { "2025-09-10T21:31:25,5Z", "2025-09-10T21:31:25Z", 500000 },
    { "2020-01-01T00:30:00+01", "2019-12-31T23:30:00Z", 0 },
    { "2020-01-01T00:00:00+05:45", "2019-12-31T18:15:00Z", 0 },
    { "2020-01-01T00:00:00-00:00", "2020-01-01T00:00:00Z", 0 },
    { "2020-02-29T23:59:59+23:59", "2020-02-29T00:00:59Z", 0 },
    { "2024-12-31T23:00:00-01:00", "2025-01-01T00:00:00Z", 0 },
    { "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z", 0 },
    { "9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) time = es_time_parse (cases[i].text, &error);
      g_autofree char *text = NULL;

      g_test_message ("parsing “%s”", cases[i].text);
      g_assert_no_error (error);
      g_assert_nonnull (time);
      g_assert_cmpint (g_date_time_get_utc_offset (time), ==, 0);
      g_assert_cmpint (g_date_time_get_microsecond (time), ==, cases[i].microsecond);
      text = es_time_format (time);
      g_assert_cmpstr (text, ==, cases[i].utc);
    }
}

typedef struct
{
  const char *text;
  int         code;
} InvalidCase;

static void
test_parse_invalid (void)
{
  static const InvalidCase cases[] = {
    { "", ES_TIME_ERROR_INVALID },
    { "2017-03-22", ES_TIME_ERROR_INVALID },
    { "2017-03-22T16:28", ES_TIME_ERROR_INVALID },
    { "2017-3-22T16:28:08", ES_TIME_ERROR_INVALID },
    { "17-03-22T16:28:08", ES_TIME_ERROR_INVALID },
    { "2017/03/22T16:28:08", ES_TIME_ERROR_INVALID },
    { "20170322T162808Z", ES_TIME_ERROR_INVALID },
    { "2017-03-22X16:28:08", ES_TIME_ERROR_INVALID },
    { " 2017-03-22T16:28:08", ES_TIME_ERROR_INVALID },
    { "2017-03-22T16:28:08 ", ES_TIME_ERROR_INVALID },
    { "2017-03-22T16:28:08.", ES_TIME_ERROR_INVALID },
    { "2017-03-22T16:28:08.1234567891Z", ES_TIME_ERROR_INVALID },
    { "2017-03-22T16:28:08ZZ", ES_TIME_ERROR_INVALID },
    { "2017-03-22T16:28:08+7", ES_TIME_ERROR_INVALID },
    { "2017-03-22T16:28:08+07:0", ES_TIME_ERROR_INVALID },
    { "2017-03-22T16:28:08+070", ES_TIME_ERROR_INVALID },
    { "2017-03-22T16:28:08+07:00:00", ES_TIME_ERROR_INVALID },
    { "2017-03-22T16:28:08 UTC", ES_TIME_ERROR_INVALID },
    { "1490200088", ES_TIME_ERROR_INVALID },
    { "2017-03-22T16:28:08\xff", ES_TIME_ERROR_INVALID },
    { "2017-02-30T00:00:00Z", ES_TIME_ERROR_RANGE },
    { "2019-02-29T00:00:00Z", ES_TIME_ERROR_RANGE },
    { "2017-13-01T00:00:00Z", ES_TIME_ERROR_RANGE },
    { "2017-00-01T00:00:00Z", ES_TIME_ERROR_RANGE },
    { "2017-01-00T00:00:00Z", ES_TIME_ERROR_RANGE },
    { "2017-01-01T24:00:00Z", ES_TIME_ERROR_RANGE },
    { "2017-01-01T23:60:00Z", ES_TIME_ERROR_RANGE },
    { "2016-12-31T23:59:60Z", ES_TIME_ERROR_RANGE },
    { "2017-01-01T00:00:00+24:00", ES_TIME_ERROR_RANGE },
    { "2017-01-01T00:00:00+05:60", ES_TIME_ERROR_RANGE },
    { "0000-01-01T00:00:00Z", ES_TIME_ERROR_RANGE },
    { "0001-01-01T00:00:00+01:00", ES_TIME_ERROR_RANGE },
    { "9999-12-31T23:59:59-01:00", ES_TIME_ERROR_RANGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) time = NULL;
      g_autofree char *escaped = NULL;

      escaped = g_strescape (cases[i].text, NULL);
      g_test_message ("parsing “%s”", escaped);
      time = es_time_parse (cases[i].text, &error);
      g_assert_null (time);
      g_assert_error (error, ES_TIME_ERROR, cases[i].code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

static void
test_parse_messages (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) bad = es_time_parse ("yesterday", &error);
  g_autoptr(GDateTime) impossible = NULL;

  g_assert_null (bad);
  g_assert_cmpstr (error->message, ==, "“yesterday” is not an ISO 8601 date and time");
  g_clear_error (&error);

  impossible = es_time_parse ("2017-02-30T00:00:00Z", &error);
  g_assert_null (impossible);
  g_assert_cmpstr (error->message, ==, "“2017-02-30T00:00:00Z” is not a valid date and time");
}

static void
test_format_other_zone (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (-7 * 3600);
  g_autoptr(GDateTime) local = g_date_time_new (zone, 2015, 7, 24, 10, 35, 8.75);
  g_autoptr(GDateTime) early = g_date_time_new_utc (12, 1, 2, 3, 4, 5);
  g_autofree char *text = es_time_format (local);
  g_autofree char *early_text = es_time_format (early);

  g_assert_cmpstr (text, ==, "2015-07-24T17:35:08Z");
  g_assert_cmpstr (early_text, ==, "0012-01-02T03:04:05Z");
}

static void
test_normalize (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (5 * 3600 + 45 * 60);
  g_autoptr(GDateTime) local = g_date_time_new (zone, 2020, 1, 1, 0, 0, 30.999999);
  g_autoptr(GDateTime) normal = es_time_normalize (local);
  g_autoptr(GDateTime) expected = g_date_time_new_utc (2019, 12, 31, 18, 15, 30);
  g_autofree char *text = es_time_format (normal);
  g_autoptr(GDateTime) back = es_time_parse (text, NULL);

  g_assert_cmpint (g_date_time_get_utc_offset (normal), ==, 0);
  g_assert_cmpint (g_date_time_get_microsecond (normal), ==, 0);
  g_assert_true (g_date_time_equal (normal, expected));
  g_assert_true (g_date_time_equal (back, normal));
}

static void
test_round_trip (void)
{
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(GDateTime) time = NULL;
      g_autoptr(GDateTime) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      gint64 unix_seconds = (gint64) g_test_rand_double_range (-62135596800.0, 253402300799.0);

      time = g_date_time_new_from_unix_utc (unix_seconds);
      g_assert_nonnull (time);
      text = es_time_format (time);
      back = es_time_parse (text, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_date_time_to_unix (back), ==, unix_seconds);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time/parse/valid", test_parse_valid);
  g_test_add_func ("/time/parse/invalid", test_parse_invalid);
  g_test_add_func ("/time/parse/messages", test_parse_messages);
  g_test_add_func ("/time/format/other-zone", test_format_other_zone);
  g_test_add_func ("/time/normalize", test_normalize);
  g_test_add_func ("/time/round-trip", test_round_trip);

  return g_test_run ();
}
