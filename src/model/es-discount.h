/* es-discount.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "es-model-enums.h"

G_BEGIN_DECLS

#define ES_TYPE_DISCOUNT (es_discount_get_type ())

typedef struct _EsDiscount EsDiscount;

/**
 * EsDiscount:
 * A coupon or discount applied to an order. @amount and @amount_tax are what it took off, in
 * minor units of the order's currency. @nominal is what the coupon says: hundredths of a percent
 * for %ES_DISCOUNT_TYPE_PERCENT (1250 is 12.5 %), minor units for the fixed types. Strings are
 * owned; %NULL and "" mean empty.
 */
struct _EsDiscount
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  char          *id;
  char          *code;
  EsDiscountType type;
  gint64         nominal;
  gint64         amount;
  gint64         amount_tax;
};

GType       es_discount_get_type      (void) G_GNUC_CONST;

/** es_discount_new: Returns: (transfer full): a line with every member empty or zero. */
EsDiscount *es_discount_new           (void);
/** es_discount_ref: Returns: (transfer full): @self. */
EsDiscount *es_discount_ref           (EsDiscount *self);
/** es_discount_unref: Drops a reference to @self. */
void        es_discount_unref         (EsDiscount *self);

/**
 * es_discount_to_json:
 * @exponent: decimal places of the order's currency
 *
 * Returns: (transfer full): the canonical object (docs/model.md).
 */
JsonNode   *es_discount_to_json       (const EsDiscount *self,
                                       int               exponent);
/**
 * es_discount_new_from_json:
 * @path: where @node sits in its document, for error messages
 * @exponent: decimal places of the order's currency
 *
 * Returns: (transfer full): the line, or %NULL with @error set in %ES_JSON_ERROR.
 */
EsDiscount *es_discount_new_from_json (JsonNode    *node,
                                       const char  *path,
                                       int          exponent,
                                       GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EsDiscount, es_discount_unref)

G_END_DECLS
