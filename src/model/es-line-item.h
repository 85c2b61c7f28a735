/* es-line-item.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "es-external-ids.h"

G_BEGIN_DECLS

#define ES_TYPE_LINE_ITEM (es_line_item_get_type ())

typedef struct _EsLineItem EsLineItem;

/**
 * EsLineItem:
 * One product line of an order. Money members are minor units of the order's currency:
 * @unit_price is the price of one unit before discounts, @subtotal and @subtotal_tax the line
 * before discounts, @total and @total_tax after them. @product_ref holds the sold product's ids
 * (the variation's, for a variation), never %NULL. Strings are owned; %NULL and "" mean empty.
 */
struct _EsLineItem
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  char          *id;
  char          *name;
  char          *sku;
  char          *tax_class;
  EsExternalIds *product_ref;
  gint64         quantity;
  gint64         unit_price;
  gint64         subtotal;
  gint64         subtotal_tax;
  gint64         total;
  gint64         total_tax;
};

GType       es_line_item_get_type      (void) G_GNUC_CONST;

/** es_line_item_new: Returns: (transfer full): a line with every member empty or zero. */
EsLineItem *es_line_item_new           (void);
/** es_line_item_ref: Returns: (transfer full): @self. */
EsLineItem *es_line_item_ref           (EsLineItem *self);
/** es_line_item_unref: Drops a reference to @self. */
void        es_line_item_unref         (EsLineItem *self);

/**
 * es_line_item_to_json:
 * @exponent: decimal places of the order's currency
 *
 * Returns: (transfer full): the canonical object (docs/model.md).
 */
JsonNode   *es_line_item_to_json       (const EsLineItem *self,
                                        int               exponent);
/**
 * es_line_item_new_from_json:
 * @path: where @node sits in its document, for error messages
 * @exponent: decimal places of the order's currency
 *
 * Returns: (transfer full): the line, or %NULL with @error set in %ES_JSON_ERROR.
 */
EsLineItem *es_line_item_new_from_json (JsonNode    *node,
                                        const char  *path,
                                        int          exponent,
                                        GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EsLineItem, es_line_item_unref)

G_END_DECLS
