/* es-product.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "es-external-ids.h"
#include "es-model-enums.h"

G_BEGIN_DECLS

#define ES_TYPE_PRODUCT (es_product_get_type ())

/**
 * EsProduct:
 * A canonical product, variation or service, with prices in minor units of its currency. A
 * price may be absent (a variable product has none of its own; most products have no sale
 * price). Strings are never %NULL from the getters ("" when empty); times are UTC.
 */
G_DECLARE_FINAL_TYPE (EsProduct, es_product, ES, PRODUCT, GObject)

/** es_product_new: Returns: (transfer full): a product priced in @currency, e.g. "USD". */
EsProduct     *es_product_new                 (const char *currency);
/**
 * es_product_new_from_json:
 * @node: a canonical product document (docs/model.md)
 *
 * Returns: (transfer full): the product, or %NULL with @error set in %ES_JSON_ERROR; the
 *   message starts with the path of the offending member.
 */
EsProduct     *es_product_new_from_json       (JsonNode  *node,
                                               GError   **error);
/** es_product_to_json: Returns: (transfer full): the canonical document of @self. */
JsonNode      *es_product_to_json             (EsProduct *self);

/** es_product_get_external_id: Returns: (nullable): the id of @self in @system. */
const char    *es_product_get_external_id     (EsProduct  *self,
                                               const char *system);
/** es_product_add_external_id: Records @id as the id of @self in @system. */
void           es_product_add_external_id     (EsProduct  *self,
                                               const char *system,
                                               const char *id);

/** es_product_get_currency: Returns: the ISO 4217 code of the prices, e.g. "USD". */
const char    *es_product_get_currency        (EsProduct *self);
/**
 * es_product_set_currency: Sets the ISO 4217 code of the prices; the amounts stay in minor units as
 * they are.
 */
void           es_product_set_currency        (EsProduct  *self,
                                               const char *currency);
/**
 * es_product_get_price: Returns: %TRUE and sets @out_minor to the current price, %FALSE when there
 * is none.
 */
gboolean       es_product_get_price           (EsProduct *self,
                                               gint64    *out_minor);
/** es_product_set_price: Sets the current price in minor units. */
void           es_product_set_price           (EsProduct *self,
                                               gint64     minor);
/** es_product_clear_price: Leaves the product without a current price. */
void           es_product_clear_price         (EsProduct *self);
/**
 * es_product_get_regular_price: Returns: %TRUE and sets @out_minor to the regular price, %FALSE
 * when there is none.
 */
gboolean       es_product_get_regular_price   (EsProduct *self,
                                               gint64    *out_minor);
/** es_product_set_regular_price: Sets the regular price in minor units. */
void           es_product_set_regular_price   (EsProduct *self,
                                               gint64     minor);
/** es_product_clear_regular_price: Leaves the product without a regular price. */
void           es_product_clear_regular_price (EsProduct *self);
/**
 * es_product_get_sale_price: Returns: %TRUE and sets @out_minor to the sale price, %FALSE when
 * there is none.
 */
gboolean       es_product_get_sale_price      (EsProduct *self,
                                               gint64    *out_minor);
/** es_product_set_sale_price: Sets the sale price in minor units. */
void           es_product_set_sale_price      (EsProduct *self,
                                               gint64     minor);
/** es_product_clear_sale_price: Leaves the product without a sale price. */
void           es_product_clear_sale_price    (EsProduct *self);
/** es_product_get_manage_stock: Returns: %TRUE when the stock quantity of @self is tracked. */
gboolean       es_product_get_manage_stock    (EsProduct *self);
/** es_product_get_stock_quantity: Returns: the quantity in stock, 0 when it is not tracked. */
gint64         es_product_get_stock_quantity  (EsProduct *self);
/**
 * es_product_set_stock:
 * @manage_stock: whether the stock quantity is tracked
 * @quantity: the quantity in stock (may be negative on backorder); ignored when not tracked
 */
void           es_product_set_stock           (EsProduct *self,
                                               gboolean   manage_stock,
                                               gint64     quantity);

/**
 * es_product_get_external_ids: Returns: (transfer none): the ids of this product in each system;
 * change it in place.
 */
EsExternalIds *es_product_get_external_ids    (EsProduct *self);
/**
 * es_product_get_source: Returns: the system this document came from, e.g. "woocommerce", "" when
 * empty.
 */
const char    *es_product_get_source          (EsProduct *self);
/**
 * es_product_set_source: Sets the system this document came from, e.g. "woocommerce" (%NULL or ""
 * for none).
 */
void           es_product_set_source          (EsProduct  *self,
                                               const char *source);
/** es_product_get_name: Returns: the product name, "" when empty. */
const char    *es_product_get_name            (EsProduct *self);
/** es_product_set_name: Sets the product name (%NULL or "" for none). */
void           es_product_set_name            (EsProduct  *self,
                                               const char *name);
/** es_product_get_sku: Returns: the stock keeping unit, "" when empty. */
const char    *es_product_get_sku             (EsProduct *self);
/** es_product_set_sku: Sets the stock keeping unit (%NULL or "" for none). */
void           es_product_set_sku             (EsProduct  *self,
                                               const char *sku);
/** es_product_get_product_type: Returns: the product type. */
EsProductType  es_product_get_product_type    (EsProduct *self);
/** es_product_set_product_type: Sets the product type. */
void           es_product_set_product_type    (EsProduct     *self,
                                               EsProductType  product_type);
/**
 * es_product_get_parent_ref: Returns: (transfer none): the parent product's ids, for a variation;
 * empty otherwise; change it in place.
 */
EsExternalIds *es_product_get_parent_ref      (EsProduct *self);
/** es_product_get_tax_class: Returns: the tax class ("" is the standard class), "" when empty. */
const char    *es_product_get_tax_class       (EsProduct *self);
/**
 * es_product_set_tax_class: Sets the tax class ("" is the standard class) (%NULL or "" for none).
 */
void           es_product_set_tax_class       (EsProduct  *self,
                                               const char *tax_class);
/** es_product_get_taxable: Returns: %TRUE when sales of the product are taxed. */
gboolean       es_product_get_taxable         (EsProduct *self);
/** es_product_set_taxable: Sets whether sales of the product are taxed. */
void           es_product_set_taxable         (EsProduct *self,
                                               gboolean   taxable);
/** es_product_get_active: Returns: %TRUE when the product is published and can be sold. */
gboolean       es_product_get_active          (EsProduct *self);
/** es_product_set_active: Sets whether the product is published and can be sold. */
void           es_product_set_active          (EsProduct *self,
                                               gboolean   active);
/**
 * es_product_get_created_at: Returns: (nullable) (transfer none): the time the product was created
 * in UTC, or %NULL.
 */
GDateTime     *es_product_get_created_at      (EsProduct *self);
/**
 * es_product_set_created_at: Sets the time the product was created (%NULL for unknown), kept in UTC
 * to the second.
 */
void           es_product_set_created_at      (EsProduct *self,
                                               GDateTime *created_at);
/**
 * es_product_get_modified_at: Returns: (nullable) (transfer none): the time the product was last
 * changed in UTC, or %NULL.
 */
GDateTime     *es_product_get_modified_at     (EsProduct *self);
/**
 * es_product_set_modified_at: Sets the time the product was last changed (%NULL for unknown), kept
 * in UTC to the second.
 */
void           es_product_set_modified_at     (EsProduct *self,
                                               GDateTime *modified_at);

G_END_DECLS
