/* es-fee-line.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ES_TYPE_FEE_LINE (es_fee_line_get_type ())

typedef struct _EsFeeLine EsFeeLine;

/**
 * EsFeeLine:
 * One fee charged on an order (a surcharge, a handling fee), @total and @total_tax in minor
 * units of the order's currency. Strings are owned; %NULL and "" mean empty.
 */
struct _EsFeeLine
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  char          *id;
  char          *name;
  char          *tax_class;
  gboolean       taxable;
  gint64         total;
  gint64         total_tax;
};

GType      es_fee_line_get_type      (void) G_GNUC_CONST;

/** es_fee_line_new: Returns: (transfer full): a line with every member empty or zero. */
EsFeeLine *es_fee_line_new           (void);
/** es_fee_line_ref: Returns: (transfer full): @self. */
EsFeeLine *es_fee_line_ref           (EsFeeLine *self);
/** es_fee_line_unref: Drops a reference to @self. */
void       es_fee_line_unref         (EsFeeLine *self);

/**
 * es_fee_line_to_json:
 * @exponent: decimal places of the order's currency
 *
 * Returns: (transfer full): the canonical object (docs/model.md).
 */
JsonNode  *es_fee_line_to_json       (const EsFeeLine *self,
                                      int              exponent);
/**
 * es_fee_line_new_from_json:
 * @path: where @node sits in its document, for error messages
 * @exponent: decimal places of the order's currency
 *
 * Returns: (transfer full): the line, or %NULL with @error set in %ES_JSON_ERROR.
 */
EsFeeLine *es_fee_line_new_from_json (JsonNode    *node,
                                      const char  *path,
                                      int          exponent,
                                      GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EsFeeLine, es_fee_line_unref)

G_END_DECLS
