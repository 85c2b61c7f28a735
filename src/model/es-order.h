/* es-order.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "es-address.h"
#include "es-discount.h"
#include "es-external-ids.h"
#include "es-fee-line.h"
#include "es-line-item.h"
#include "es-model-enums.h"
#include "es-shipping-line.h"
#include "es-tax-line.h"

G_BEGIN_DECLS

#define ES_TYPE_ORDER (es_order_get_type ())

/**
 * EsOrder:
 * A canonical order: who bought what, for how much, and how it was paid. Every amount, in the
 * order and in its lines, is in minor units of the order's currency. Strings are never %NULL
 * from the getters ("" when empty); times are UTC.
 */
G_DECLARE_FINAL_TYPE (EsOrder, es_order, ES, ORDER, GObject)

/** es_order_new: Returns: (transfer full): an empty order in @currency, e.g. "USD". */
EsOrder         *es_order_new                      (const char *currency);
/**
 * es_order_new_from_json:
 * @node: a canonical order document (docs/model.md)
 *
 * Returns: (transfer full): the order, or %NULL with @error set in %ES_JSON_ERROR; the message
 *   starts with the path of the offending member, e.g. "line_items[2].total: …".
 */
EsOrder         *es_order_new_from_json            (JsonNode  *node,
                                                    GError   **error);
/** es_order_to_json: Returns: (transfer full): the canonical document of @self. */
JsonNode        *es_order_to_json                  (EsOrder *self);

/** es_order_get_external_id: Returns: (nullable): the id of @self in @system. */
const char      *es_order_get_external_id          (EsOrder    *self,
                                                    const char *system);
/** es_order_add_external_id: Records @id as the id of @self in @system. */
void             es_order_add_external_id          (EsOrder    *self,
                                                    const char *system,
                                                    const char *id);

/** es_order_get_currency: Returns: the ISO 4217 code of every amount, e.g. "USD". */
const char      *es_order_get_currency             (EsOrder *self);
/**
 * es_order_set_currency: Sets the ISO 4217 code of every amount; the amounts stay in minor units as
 * they are.
 */
void             es_order_set_currency             (EsOrder    *self,
                                                    const char *currency);

/**
 * es_order_get_external_ids: Returns: (transfer none): the ids of this order in each system; change
 * it in place.
 */
EsExternalIds   *es_order_get_external_ids         (EsOrder *self);
/**
 * es_order_get_source: Returns: the system this document came from, e.g. "woocommerce", "" when
 * empty.
 */
const char      *es_order_get_source               (EsOrder *self);
/**
 * es_order_set_source: Sets the system this document came from, e.g. "woocommerce" (%NULL or "" for
 * none).
 */
void             es_order_set_source               (EsOrder    *self,
                                                    const char *source);
/** es_order_get_number: Returns: the order number customers see, e.g. "727", "" when empty. */
const char      *es_order_get_number               (EsOrder *self);
/** es_order_set_number: Sets the order number customers see, e.g. "727" (%NULL or "" for none). */
void             es_order_set_number               (EsOrder    *self,
                                                    const char *number);
/** es_order_get_status: Returns: the order status. */
EsOrderStatus    es_order_get_status               (EsOrder *self);
/** es_order_set_status: Sets the order status. */
void             es_order_set_status               (EsOrder       *self,
                                                    EsOrderStatus  status);
/** es_order_get_payment_status: Returns: the payment status. */
EsPaymentStatus  es_order_get_payment_status       (EsOrder *self);
/** es_order_set_payment_status: Sets the payment status. */
void             es_order_set_payment_status       (EsOrder         *self,
                                                    EsPaymentStatus  payment_status);
/** es_order_get_prices_include_tax: Returns: %TRUE when the line prices include tax. */
gboolean         es_order_get_prices_include_tax   (EsOrder *self);
/** es_order_set_prices_include_tax: Sets whether the line prices include tax. */
void             es_order_set_prices_include_tax   (EsOrder  *self,
                                                    gboolean  prices_include_tax);
/**
 * es_order_get_created_at: Returns: (nullable) (transfer none): the time the order was placed in
 * UTC, or %NULL.
 */
GDateTime       *es_order_get_created_at           (EsOrder *self);
/**
 * es_order_set_created_at: Sets the time the order was placed (%NULL for unknown), kept in UTC to
 * the second.
 */
void             es_order_set_created_at           (EsOrder   *self,
                                                    GDateTime *created_at);
/**
 * es_order_get_modified_at: Returns: (nullable) (transfer none): the time the order was last
 * changed in UTC, or %NULL.
 */
GDateTime       *es_order_get_modified_at          (EsOrder *self);
/**
 * es_order_set_modified_at: Sets the time the order was last changed (%NULL for unknown), kept in
 * UTC to the second.
 */
void             es_order_set_modified_at          (EsOrder   *self,
                                                    GDateTime *modified_at);
/**
 * es_order_get_paid_at: Returns: (nullable) (transfer none): the time the order was paid in UTC, or
 * %NULL.
 */
GDateTime       *es_order_get_paid_at              (EsOrder *self);
/**
 * es_order_set_paid_at: Sets the time the order was paid (%NULL for unknown), kept in UTC to the
 * second.
 */
void             es_order_set_paid_at              (EsOrder   *self,
                                                    GDateTime *paid_at);
/**
 * es_order_get_completed_at: Returns: (nullable) (transfer none): the time the order was completed
 * in UTC, or %NULL.
 */
GDateTime       *es_order_get_completed_at         (EsOrder *self);
/**
 * es_order_set_completed_at: Sets the time the order was completed (%NULL for unknown), kept in UTC
 * to the second.
 */
void             es_order_set_completed_at         (EsOrder   *self,
                                                    GDateTime *completed_at);
/**
 * es_order_get_customer_ref: Returns: (transfer none): the ids of the customer who placed the
 * order, empty for a guest; change it in place.
 */
EsExternalIds   *es_order_get_customer_ref         (EsOrder *self);
/**
 * es_order_get_billing: Returns: (transfer none): the billing address; change it in place or
 * replace it.
 */
EsAddress       *es_order_get_billing              (EsOrder *self);
/** es_order_set_billing: Replaces the billing address with @billing, taking a reference. */
void             es_order_set_billing              (EsOrder   *self,
                                                    EsAddress *billing);
/**
 * es_order_get_shipping: Returns: (transfer none): the shipping address; change it in place or
 * replace it.
 */
EsAddress       *es_order_get_shipping             (EsOrder *self);
/** es_order_set_shipping: Replaces the shipping address with @shipping, taking a reference. */
void             es_order_set_shipping             (EsOrder   *self,
                                                    EsAddress *shipping);
/**
 * es_order_get_line_items: Returns: (transfer none) (element-type EsLineItem): the product lines,
 * in order; read only.
 */
GPtrArray       *es_order_get_line_items           (EsOrder *self);
/** es_order_add_line_item: Appends @line_item, taking a reference. */
void             es_order_add_line_item            (EsOrder    *self,
                                                    EsLineItem *line_item);
/**
 * es_order_get_shipping_lines: Returns: (transfer none) (element-type EsShippingLine): the shipping
 * lines, in order; read only.
 */
GPtrArray       *es_order_get_shipping_lines       (EsOrder *self);
/** es_order_add_shipping_line: Appends @shipping_line, taking a reference. */
void             es_order_add_shipping_line        (EsOrder        *self,
                                                    EsShippingLine *shipping_line);
/**
 * es_order_get_fee_lines: Returns: (transfer none) (element-type EsFeeLine): the fee lines, in
 * order; read only.
 */
GPtrArray       *es_order_get_fee_lines            (EsOrder *self);
/** es_order_add_fee_line: Appends @fee_line, taking a reference. */
void             es_order_add_fee_line             (EsOrder   *self,
                                                    EsFeeLine *fee_line);
/**
 * es_order_get_discounts: Returns: (transfer none) (element-type EsDiscount): the discounts and
 * coupons, in order; read only.
 */
GPtrArray       *es_order_get_discounts            (EsOrder *self);
/** es_order_add_discount: Appends @discount, taking a reference. */
void             es_order_add_discount             (EsOrder    *self,
                                                    EsDiscount *discount);
/**
 * es_order_get_tax_lines: Returns: (transfer none) (element-type EsTaxLine): the tax lines, one per
 * rate, in order; read only.
 */
GPtrArray       *es_order_get_tax_lines            (EsOrder *self);
/** es_order_add_tax_line: Appends @tax_line, taking a reference. */
void             es_order_add_tax_line             (EsOrder   *self,
                                                    EsTaxLine *tax_line);
/**
 * es_order_get_subtotal: Returns: the sum of the line subtotals, before discounts and without tax
 * in minor units.
 */
gint64           es_order_get_subtotal             (EsOrder *self);
/**
 * es_order_set_subtotal: Sets the sum of the line subtotals, before discounts and without tax in
 * minor units.
 */
void             es_order_set_subtotal             (EsOrder *self,
                                                    gint64   subtotal);
/** es_order_get_discount_total: Returns: the total of the discounts, without tax in minor units. */
gint64           es_order_get_discount_total       (EsOrder *self);
/** es_order_set_discount_total: Sets the total of the discounts, without tax in minor units. */
void             es_order_set_discount_total       (EsOrder *self,
                                                    gint64   discount_total);
/** es_order_get_discount_tax: Returns: the tax taken off by the discounts in minor units. */
gint64           es_order_get_discount_tax         (EsOrder *self);
/** es_order_set_discount_tax: Sets the tax taken off by the discounts in minor units. */
void             es_order_set_discount_tax         (EsOrder *self,
                                                    gint64   discount_tax);
/**
 * es_order_get_shipping_total: Returns: the total of the shipping lines, without tax in minor
 * units.
 */
gint64           es_order_get_shipping_total       (EsOrder *self);
/**
 * es_order_set_shipping_total: Sets the total of the shipping lines, without tax in minor units.
 */
void             es_order_set_shipping_total       (EsOrder *self,
                                                    gint64   shipping_total);
/** es_order_get_shipping_tax: Returns: the tax on shipping in minor units. */
gint64           es_order_get_shipping_tax         (EsOrder *self);
/** es_order_set_shipping_tax: Sets the tax on shipping in minor units. */
void             es_order_set_shipping_tax         (EsOrder *self,
                                                    gint64   shipping_tax);
/** es_order_get_tax_total: Returns: the total of all taxes in minor units. */
gint64           es_order_get_tax_total            (EsOrder *self);
/** es_order_set_tax_total: Sets the total of all taxes in minor units. */
void             es_order_set_tax_total            (EsOrder *self,
                                                    gint64   tax_total);
/** es_order_get_total: Returns: the grand total the customer pays in minor units. */
gint64           es_order_get_total                (EsOrder *self);
/** es_order_set_total: Sets the grand total the customer pays in minor units. */
void             es_order_set_total                (EsOrder *self,
                                                    gint64   total);
/** es_order_get_refunded_total: Returns: the amount refunded so far (positive) in minor units. */
gint64           es_order_get_refunded_total       (EsOrder *self);
/** es_order_set_refunded_total: Sets the amount refunded so far (positive) in minor units. */
void             es_order_set_refunded_total       (EsOrder *self,
                                                    gint64   refunded_total);
/** es_order_get_payment_method: Returns: the payment method id, e.g. "bacs", "" when empty. */
const char      *es_order_get_payment_method       (EsOrder *self);
/** es_order_set_payment_method: Sets the payment method id, e.g. "bacs" (%NULL or "" for none). */
void             es_order_set_payment_method       (EsOrder    *self,
                                                    const char *payment_method);
/**
 * es_order_get_payment_method_title: Returns: the payment method as customers see it, "" when
 * empty.
 */
const char      *es_order_get_payment_method_title (EsOrder *self);
/**
 * es_order_set_payment_method_title: Sets the payment method as customers see it (%NULL or "" for
 * none).
 */
void             es_order_set_payment_method_title (EsOrder    *self,
                                                    const char *payment_method_title);
/** es_order_get_transaction_id: Returns: the payment processor's transaction id, "" when empty. */
const char      *es_order_get_transaction_id       (EsOrder *self);
/**
 * es_order_set_transaction_id: Sets the payment processor's transaction id (%NULL or "" for none).
 */
void             es_order_set_transaction_id       (EsOrder    *self,
                                                    const char *transaction_id);
/**
 * es_order_get_customer_note: Returns: the note the customer left with the order, "" when empty.
 */
const char      *es_order_get_customer_note        (EsOrder *self);
/**
 * es_order_set_customer_note: Sets the note the customer left with the order (%NULL or "" for
 * none).
 */
void             es_order_set_customer_note        (EsOrder    *self,
                                                    const char *customer_note);

G_END_DECLS
