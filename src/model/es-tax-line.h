/* es-tax-line.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ES_TYPE_TAX_LINE (es_tax_line_get_type ())

typedef struct _EsTaxLine EsTaxLine;

/**
 * EsTaxLine:
 * One tax rate applied to an order: @tax_total on the items, @shipping_tax_total on shipping,
 * in minor units of the order's currency. @rate_id and @rate_code identify the rate in the
 * source system. Strings are owned; %NULL and "" mean empty.
 */
struct _EsTaxLine
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  char          *id;
  char          *rate_id;
  char          *rate_code;
  char          *label;
  gboolean       compound;
  gint64         tax_total;
  gint64         shipping_tax_total;
};

GType      es_tax_line_get_type      (void) G_GNUC_CONST;

/** es_tax_line_new: Returns: (transfer full): a line with every member empty or zero. */
EsTaxLine *es_tax_line_new           (void);
/** es_tax_line_ref: Returns: (transfer full): @self. */
EsTaxLine *es_tax_line_ref           (EsTaxLine *self);
/** es_tax_line_unref: Drops a reference to @self. */
void       es_tax_line_unref         (EsTaxLine *self);

/**
 * es_tax_line_to_json:
 * @exponent: decimal places of the order's currency
 *
 * Returns: (transfer full): the canonical object (docs/model.md).
 */
JsonNode  *es_tax_line_to_json       (const EsTaxLine *self,
                                      int              exponent);
/**
 * es_tax_line_new_from_json:
 * @path: where @node sits in its document, for error messages
 * @exponent: decimal places of the order's currency
 *
 * Returns: (transfer full): the line, or %NULL with @error set in %ES_JSON_ERROR.
 */
EsTaxLine *es_tax_line_new_from_json (JsonNode    *node,
                                      const char  *path,
                                      int          exponent,
                                      GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EsTaxLine, es_tax_line_unref)

G_END_DECLS
