/* es-time.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-time"

#include "config.h"

#include <glib/gi18n.h>

#include "es-time.h"

/* Longest piece of a rejected input quoted back in an error message. */
#define QUOTE_MAX_CHARS 40

G_DEFINE_QUARK (es-time-error-quark, es_time_error)

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
read_number (const char **p,
             guint        n_digits,
             int         *out_value)
{
  int value = 0;

  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      value = value * 10 + ((*p)[i] - '0');
    }

  *p += n_digits;
  *out_value = value;
  return TRUE;
}

static gboolean
skip_char (const char **p,
           char         c)
{
  if (**p != c)
    return FALSE;

  (*p)++;
  return TRUE;
}

/* Reads an optional fraction of a second into microseconds, truncating nanoseconds. */
static gboolean
read_fraction (const char **p,
               gint64      *out_usec)
{
  gint64 usec = 0;
  guint n = 0;

  if (!skip_char (p, '.') && !skip_char (p, ','))
    return TRUE;

  for (; g_ascii_isdigit (**p); (*p)++, n++)
    {
      if (n >= 9)
        return FALSE;
      if (n < 6)
        usec = usec * 10 + (**p - '0');
    }

  if (n == 0)
    return FALSE;

  for (; n < 6; n++)
    usec *= 10;

  *out_usec = usec;
  return TRUE;
}

/* Reads Z, ±HH:MM, ±HHMM, ±HH or nothing (UTC), then expects the end of the text. */
static gboolean
read_offset (const char **p,
             int         *out_seconds,
             gboolean    *out_in_range)
{
  int sign;
  int hours;
  int minutes = 0;

  *out_seconds = 0;
  *out_in_range = TRUE;

  if (**p == '\0')
    return TRUE;

  if (skip_char (p, 'Z') || skip_char (p, 'z'))
    return **p == '\0';

  if (skip_char (p, '+'))
    sign = 1;
  else if (skip_char (p, '-'))
    sign = -1;
  else
    return FALSE;

  if (!read_number (p, 2, &hours))
    return FALSE;

  if (skip_char (p, ':'))
    {
      if (!read_number (p, 2, &minutes))
        return FALSE;
    }
  else if (**p != '\0' && !read_number (p, 2, &minutes))
    {
      return FALSE;
    }

  *out_in_range = hours <= 23 && minutes <= 59;
  *out_seconds = sign * (hours * 3600 + minutes * 60);
  return **p == '\0';
}

GDateTime *
es_time_parse (const char  *text,
               GError     **error)
{
  const char *p = text;
  int year, month, day, hour, minute, second;
  gint64 usec = 0;
  int offset = 0;
  gboolean offset_in_range = TRUE;
  g_autoptr(GDateTime) wall = NULL;
  GDateTime *utc;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_number (&p, 4, &year) || !skip_char (&p, '-') ||
      !read_number (&p, 2, &month) || !skip_char (&p, '-') ||
      !read_number (&p, 2, &day) ||
      !(skip_char (&p, 'T') || skip_char (&p, 't') || skip_char (&p, ' ')) ||
      !read_number (&p, 2, &hour) || !skip_char (&p, ':') ||
      !read_number (&p, 2, &minute) || !skip_char (&p, ':') ||
      !read_number (&p, 2, &second) ||
      !read_fraction (&p, &usec) ||
      !read_offset (&p, &offset, &offset_in_range))
    {
      g_autofree char *quoted = quote_for_message (text);

      g_set_error (error, ES_TIME_ERROR, ES_TIME_ERROR_INVALID,
                   _("“%s” is not an ISO 8601 date and time"), quoted);
      return NULL;
    }

  /* g_date_time_new_utc() checks the calendar (February 30, hour 24, second 60 are refused) and
   * g_date_time_add() refuses to leave years 1–9999. */
  if (offset_in_range)
    wall = g_date_time_new_utc (year, month, day, hour, minute, second);
  utc = wall != NULL ? g_date_time_add (wall, usec - (gint64) offset * G_TIME_SPAN_SECOND) : NULL;

  if (utc == NULL)
    {
      g_autofree char *quoted = quote_for_message (text);

      g_set_error (error, ES_TIME_ERROR, ES_TIME_ERROR_RANGE,
                   _("“%s” is not a valid date and time"), quoted);
      return NULL;
    }

  return utc;
}

char *
es_time_format (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  utc = g_date_time_to_utc (time);

  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                          g_date_time_get_year (utc),
                          g_date_time_get_month (utc),
                          g_date_time_get_day_of_month (utc),
                          g_date_time_get_hour (utc),
                          g_date_time_get_minute (utc),
                          g_date_time_get_second (utc));
}

GDateTime *
es_time_normalize (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  utc = g_date_time_to_utc (time);

  return g_date_time_new_utc (g_date_time_get_year (utc),
                              g_date_time_get_month (utc),
                              g_date_time_get_day_of_month (utc),
                              g_date_time_get_hour (utc),
                              g_date_time_get_minute (utc),
                              g_date_time_get_second (utc));
}
