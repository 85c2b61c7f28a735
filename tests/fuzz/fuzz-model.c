/* fuzz-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The long randomized run of the canonical model and its helpers: random documents must survive
 * the JSON round trip byte for byte; damaged documents, garbage bytes and random money and time
 * strings must give an error or a value that is stable when written and read again. Never a
 * crash: the suite runs under AddressSanitizer and UBSan.
 *
 * ES_FUZZ_ITERATIONS sets the number of documents (default 200000); the seed is GLib's test
 * seed, printed at the start and reused with --seed.
 */

#include "config.h"

#include <stdlib.h>

#include "es-time.h"

#include "random-documents.h"

static guint iterations = 200000;

static GRand *
new_rand (void)
{
  return g_rand_new_with_seed (g_test_rand_int ());
}

static void
test_round_trip (void)
{
  g_autoptr(GRand) rand = new_rand ();

  for (guint i = 0; i < iterations; i++)
    {
      g_autoptr(JsonNode) node = random_document (rand);

      assert_round_trip (node);
    }

  g_test_message ("%u random documents survived the round trip", iterations);
}

static void
test_damaged_text (void)
{
  g_autoptr(GRand) rand = new_rand ();
  guint still_valid = 0;

  for (guint i = 0; i < iterations / 2; i++)
    {
      g_autoptr(JsonNode) node = random_document (rand);
      g_autofree char *text = es_json_to_canonical_string (node, FALSE);
      g_autofree char *damaged = mutate_text (rand, text);

      still_valid += assert_damage_is_handled (damaged);
    }

  g_test_message ("%u of %u damaged texts were still valid documents", still_valid,
                  iterations / 2);
}

static void
test_damaged_tree (void)
{
  g_autoptr(GRand) rand = new_rand ();
  guint still_valid = 0;

  for (guint i = 0; i < iterations / 2; i++)
    {
      g_autoptr(JsonNode) node = random_document (rand);
      g_autofree char *damaged = NULL;
      guint n = g_rand_int_range (rand, 1, 4);

      for (guint j = 0; j < n; j++)
        mutate_tree (rand, node);
      damaged = es_json_to_canonical_string (node, FALSE);
      still_valid += assert_damage_is_handled (damaged);
    }

  g_test_message ("%u of %u damaged trees were still valid documents", still_valid,
                  iterations / 2);
}

/* Any bytes: an error, or JSON whose canonical text is a fixed point. */
static void
test_garbage (void)
{
  static const char alphabet[] = "{}[]\",:\\0123456789-+.eEtrufalsn \n\t\x01\xc3\xa9\xff";
  g_autoptr(GRand) rand = new_rand ();
  guint parsed = 0;

  for (guint i = 0; i < iterations; i++)
    {
      gsize len = g_rand_int_range (rand, 0, 64);
      g_autofree char *bytes = g_malloc (len + 1);
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;

      for (gsize j = 0; j < len; j++)
        bytes[j] = g_rand_boolean (rand)
                     ? alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]
                     : (char) g_rand_int_range (rand, 0, 256);
      bytes[len] = '\0';

      node = es_json_parse (bytes, len, &error);
      if (node == NULL)
        {
          g_assert_error (error, ES_JSON_ERROR, ES_JSON_ERROR_PARSE);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
        }
      else
        {
          g_autofree char *text = es_json_to_canonical_string (node, FALSE);
          g_autoptr(JsonNode) again = es_json_parse (text, -1, &error);
          g_autofree char *again_text = NULL;

          g_assert_no_error (error);
          again_text = es_json_to_canonical_string (again, FALSE);
          g_assert_cmpstr (again_text, ==, text);
          parsed++;
        }
    }

  g_test_message ("%u of %u garbage texts were JSON", parsed, iterations);
}

/* An independent reading of a money string, in 128-bit arithmetic: %TRUE with the value when
 * the string is well formed, fits and has no significant digit below the minor unit. */
static gboolean
reference_money (const char *text,
                 int         exponent,
                 gint64     *out_minor)
{
  const char *p = text;
  __int128 value = 0;
  gboolean negative = FALSE;
  int decimals = -1;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (!g_ascii_isdigit (*p))
    return FALSE;

  for (; *p != '\0'; p++)
    {
      if (*p == '.' && decimals < 0 && g_ascii_isdigit (p[1]))
        {
          decimals = 0;
          continue;
        }
      if (!g_ascii_isdigit (*p))
        return FALSE;
      if (decimals >= exponent && *p != '0')
        return FALSE;
      if (decimals < exponent)
        {
          value = value * 10 + (*p - '0');
          if (value > (__int128) G_MAXINT64 + 1)
            return FALSE;
        }
      if (decimals >= 0)
        decimals++;
    }

  for (int i = MAX (decimals, 0); i < exponent; i++)
    value *= 10;

  if (negative)
    value = -value;
  if (value > G_MAXINT64 || value < G_MININT64)
    return FALSE;

  *out_minor = (gint64) value;
  return TRUE;
}

static void
test_money_strings (void)
{
  static const char alphabet[] = "0000123456789..--+e, ";
  g_autoptr(GRand) rand = new_rand ();
  guint valid = 0;

  for (guint i = 0; i < iterations; i++)
    {
      int exponent = g_rand_int_range (rand, 0, ES_MONEY_MAX_EXPONENT + 1);
      gsize len = g_rand_int_range (rand, 0, 26);
      g_autofree char *text = g_malloc (len + 1);
      g_autoptr(GError) error = NULL;
      gint64 minor = 0;
      gint64 expected = 0;
      gboolean parsed;

      for (gsize j = 0; j < len; j++)
        text[j] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      text[len] = '\0';

      parsed = es_money_parse (text, exponent, &minor, &error);
      g_assert_cmpint (parsed, ==, reference_money (text, exponent, &expected));
      if (parsed)
        {
          g_autofree char *formatted = es_money_format (minor, exponent);
          gint64 again = 0;

          g_assert_cmpint (minor, ==, expected);
          g_assert_true (es_money_parse (formatted, exponent, &again, NULL));
          g_assert_cmpint (again, ==, minor);
          valid++;
        }
      else
        {
          g_assert_true (error != NULL && error->domain == ES_MONEY_ERROR);
        }
    }

  g_test_message ("%u of %u random money strings were valid", valid, iterations);
}

static void
test_time_strings (void)
{
  static const char inserts[] = "0123456789-:TZ+. zt,";
  g_autoptr(GRand) rand = new_rand ();
  guint valid = 0;

  for (guint i = 0; i < iterations; i++)
    {
      g_autoptr(GDateTime) seed_time = random_time (rand);
      g_autofree char *text = seed_time != NULL ? es_time_format (seed_time)
                                                : g_strdup ("2015-07-24T10:35:08-07:00");
      g_autoptr(GDateTime) time = NULL;
      g_autoptr(GError) error = NULL;
      gsize len = strlen (text);
      gsize at = g_rand_int_range (rand, 0, len);

      switch (g_rand_int_range (rand, 0, 3))
        {
        case 0:
          text[at] = inserts[g_rand_int_range (rand, 0, sizeof inserts - 1)];
          break;
        case 1:
          text[at] = '\0';
          break;
        default:
          break;
        }

      time = es_time_parse (text, &error);
      if (time == NULL)
        {
          g_assert_true (error != NULL && error->domain == ES_TIME_ERROR);
        }
      else
        {
          g_autofree char *formatted = es_time_format (time);
          g_autoptr(GDateTime) again = es_time_parse (formatted, &error);

          g_assert_no_error (error);
          g_assert_cmpint (g_date_time_get_utc_offset (time), ==, 0);
          g_assert_cmpint (g_date_time_to_unix (again), ==, g_date_time_to_unix (time));
          valid++;
        }
    }

  g_test_message ("%u of %u damaged time strings were valid", valid, iterations);
}

int
main (int   argc,
      char *argv[])
{
  const char *env = g_getenv ("ES_FUZZ_ITERATIONS");

  g_test_init (&argc, &argv, NULL);

  if (env != NULL)
    iterations = (guint) g_ascii_strtoull (env, NULL, 10);

  g_test_add_func ("/fuzz/model/round-trip", test_round_trip);
  g_test_add_func ("/fuzz/model/damaged-text", test_damaged_text);
  g_test_add_func ("/fuzz/model/damaged-tree", test_damaged_tree);
  g_test_add_func ("/fuzz/json/garbage", test_garbage);
  g_test_add_func ("/fuzz/money/strings", test_money_strings);
  g_test_add_func ("/fuzz/time/strings", test_time_strings);

  return g_test_run ();
}
