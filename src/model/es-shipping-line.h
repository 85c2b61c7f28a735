/* es-shipping-line.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ES_TYPE_SHIPPING_LINE (es_shipping_line_get_type ())

typedef struct _EsShippingLine EsShippingLine;

/**
 * EsShippingLine:
 * One shipping method charged on an order, @total and @total_tax in minor units of the
 * order's currency. Strings are owned; %NULL and "" mean empty.
 */
struct _EsShippingLine
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  char          *id;
  char          *method_id;
  char          *method_title;
  gint64         total;
  gint64         total_tax;
};

GType           es_shipping_line_get_type      (void) G_GNUC_CONST;

/** es_shipping_line_new: Returns: (transfer full): a line with every member empty or zero. */
EsShippingLine *es_shipping_line_new           (void);
/** es_shipping_line_ref: Returns: (transfer full): @self. */
EsShippingLine *es_shipping_line_ref           (EsShippingLine *self);
/** es_shipping_line_unref: Drops a reference to @self. */
void            es_shipping_line_unref         (EsShippingLine *self);

/**
 * es_shipping_line_to_json:
 * @exponent: decimal places of the order's currency
 *
 * Returns: (transfer full): the canonical object (docs/model.md).
 */
JsonNode       *es_shipping_line_to_json       (const EsShippingLine *self,
                                                int                   exponent);
/**
 * es_shipping_line_new_from_json:
 * @path: where @node sits in its document, for error messages
 * @exponent: decimal places of the order's currency
 *
 * Returns: (transfer full): the line, or %NULL with @error set in %ES_JSON_ERROR.
 */
EsShippingLine *es_shipping_line_new_from_json (JsonNode    *node,
                                                const char  *path,
                                                int          exponent,
                                                GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EsShippingLine, es_shipping_line_unref)

G_END_DECLS
