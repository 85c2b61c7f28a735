/* es-time.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ES_TIME_ERROR (es_time_error_quark ())

/**
 * EsTimeError:
 * @ES_TIME_ERROR_INVALID: the text is not an ISO 8601 date and time in a form this parser reads
 * @ES_TIME_ERROR_RANGE: well-formed, but no such moment (February 30, hour 25, year 0)
 */
typedef enum
{
  ES_TIME_ERROR_INVALID,
  ES_TIME_ERROR_RANGE,
} EsTimeError;

GQuark     es_time_error_quark (void);

/**
 * es_time_parse:
 * @text: `YYYY-MM-DDTHH:MM:SS`, optionally with a fraction of up to 9 digits, then `Z`, an
 *   offset `±HH:MM`, `±HHMM` or `±HH`, or nothing; the separator may also be a space
 *
 * A time without an offset is UTC: that is how WooCommerce writes its `*_gmt` fields
 * ("2017-03-22T19:28:02"). Intuit writes offsets ("2015-07-24T10:35:08-07:00", also "-0700").
 * Fractions beyond microseconds are truncated.
 *
 * Returns: (transfer full): the moment in UTC, or %NULL with @error set in %ES_TIME_ERROR.
 */
GDateTime *es_time_parse       (const char  *text,
                                GError     **error);

/**
 * es_time_format:
 * @time: any moment
 *
 * Returns: (transfer full): @time in UTC as "YYYY-MM-DDTHH:MM:SSZ", without its fraction.
 */
char      *es_time_format      (GDateTime   *time);

/**
 * es_time_normalize:
 * @time: any moment
 *
 * Returns: (transfer full): @time in UTC without its fraction of a second: exactly what
 *   es_time_format() writes and es_time_parse() reads back.
 */
GDateTime *es_time_normalize   (GDateTime   *time);

G_END_DECLS
