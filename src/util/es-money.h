/* es-money.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ES_MONEY_ERROR (es_money_error_quark ())

/**
 * EsMoneyError:
 * @ES_MONEY_ERROR_INVALID: the text is not a plain decimal amount such as `29.35` or `-5.00`
 * @ES_MONEY_ERROR_PRECISION: the amount has non-zero digits below the currency's minor unit
 * @ES_MONEY_ERROR_OVERFLOW: the amount does not fit in 64-bit minor units
 */
typedef enum
{
  ES_MONEY_ERROR_INVALID,
  ES_MONEY_ERROR_PRECISION,
  ES_MONEY_ERROR_OVERFLOW,
} EsMoneyError;

/** ES_MONEY_MAX_EXPONENT: the largest number of decimal places a currency may have here. */
#define ES_MONEY_MAX_EXPONENT 9

GQuark   es_money_error_quark         (void);

/**
 * es_money_currency_exponent:
 * @currency: an ISO 4217 alphabetic code such as "USD"
 *
 * Returns: the number of decimal places of @currency's minor unit (0 for JPY, 3 for KWD, 2 for
 *   any well-formed code without an exception in ISO 4217), or -1 when @currency is not three
 *   upper-case ASCII letters.
 */
int      es_money_currency_exponent   (const char *currency);

/**
 * es_money_parse:
 * @text: a decimal amount: an optional `-`, digits, and optionally `.` and digits
 * @exponent: decimal places of the currency (see es_money_currency_exponent())
 * @out_minor: (out): the amount in minor units
 *
 * Parses the one money form this project accepts. Extra decimal places are accepted only when
 * they are zeros ("1.230" is 123 cents); ".5", "5.", "+5", "1e3", "1,000.00" and any blank are
 * rejected.
 *
 * Returns: %TRUE on success; %FALSE with @error set in %ES_MONEY_ERROR.
 */
gboolean es_money_parse               (const char  *text,
                                       int          exponent,
                                       gint64      *out_minor,
                                       GError     **error);

/**
 * es_money_from_double:
 * @value: an amount that arrived as a JSON number
 * @exponent: decimal places of the currency
 * @out_minor: (out): the amount in minor units
 *
 * QuickBooks writes amounts as JSON numbers, which json-glib hands over as doubles. This accepts
 * @value only when it is the double nearest to an amount with at most @exponent decimals, and
 * converts it through its decimal text, never by floating-point arithmetic.
 *
 * Returns: %TRUE on success; %FALSE with @error set in %ES_MONEY_ERROR.
 */
gboolean es_money_from_double         (double       value,
                                       int          exponent,
                                       gint64      *out_minor,
                                       GError     **error);

/**
 * es_money_format:
 * @minor: an amount in minor units
 * @exponent: decimal places of the currency
 *
 * Returns: (transfer full): @minor as a decimal string with exactly @exponent decimals, e.g.
 *   "29.35", "-0.10", "0.00", or "1200" for a currency without minor unit.
 */
char    *es_money_format              (gint64       minor,
                                       int          exponent);

/**
 * es_money_divide_rounded:
 * @amount: an amount in minor units
 * @divisor: a positive count, e.g. a quantity
 *
 * Used to derive a unit price from a line total, as WooCommerce's own line `price` is a float.
 *
 * Returns: @amount / @divisor rounded to the nearest minor unit, halves away from zero.
 */
gint64   es_money_divide_rounded      (gint64       amount,
                                       gint64       divisor);

G_END_DECLS
