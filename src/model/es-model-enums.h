/* es-model-enums.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * EsOrderStatus:
 * Where an order is in its life; the canonical strings are WooCommerce's ("on-hold").
 */
typedef enum
{
  ES_ORDER_STATUS_PENDING,
  ES_ORDER_STATUS_PROCESSING,
  ES_ORDER_STATUS_ON_HOLD,
  ES_ORDER_STATUS_COMPLETED,
  ES_ORDER_STATUS_CANCELLED,
  ES_ORDER_STATUS_REFUNDED,
  ES_ORDER_STATUS_FAILED,
} EsOrderStatus;

/**
 * EsPaymentStatus:
 * How much of an order has been paid or given back ("partially-paid", "partially-refunded").
 */
typedef enum
{
  ES_PAYMENT_STATUS_PENDING,
  ES_PAYMENT_STATUS_PAID,
  ES_PAYMENT_STATUS_PARTIALLY_PAID,
  ES_PAYMENT_STATUS_REFUNDED,
  ES_PAYMENT_STATUS_PARTIALLY_REFUNDED,
} EsPaymentStatus;

/**
 * EsProductType:
 * A sellable product, a product with variations, one variation, or a service.
 */
typedef enum
{
  ES_PRODUCT_TYPE_SIMPLE,
  ES_PRODUCT_TYPE_VARIABLE,
  ES_PRODUCT_TYPE_VARIATION,
  ES_PRODUCT_TYPE_SERVICE,
} EsProductType;

/**
 * EsDiscountType:
 * A percentage off, a fixed amount off the cart, or a fixed amount off each product
 * ("percent", "fixed-cart", "fixed-product").
 */
typedef enum
{
  ES_DISCOUNT_TYPE_PERCENT,
  ES_DISCOUNT_TYPE_FIXED_CART,
  ES_DISCOUNT_TYPE_FIXED_PRODUCT,
} EsDiscountType;

/** es_order_status_to_string: Returns: the canonical string of @status, e.g. "on-hold". */
const char *es_order_status_to_string     (EsOrderStatus    status);
/** es_order_status_from_string: Returns: %TRUE and sets @out_status when @text names a status. */
gboolean    es_order_status_from_string   (const char      *text,
                                           EsOrderStatus   *out_status);

/** es_payment_status_to_string: Returns: the canonical string of @status, e.g. "partially-paid". */
const char *es_payment_status_to_string   (EsPaymentStatus  status);
/** es_payment_status_from_string: Returns: %TRUE and sets @out_status when @text names a status. */
gboolean    es_payment_status_from_string (const char      *text,
                                           EsPaymentStatus *out_status);

/** es_product_type_to_string: Returns: the canonical string of @type, e.g. "variation". */
const char *es_product_type_to_string     (EsProductType    type);
/** es_product_type_from_string: Returns: %TRUE and sets @out_type when @text names a type. */
gboolean    es_product_type_from_string   (const char      *text,
                                           EsProductType   *out_type);

/** es_discount_type_to_string: Returns: the canonical string of @type, e.g. "fixed-cart". */
const char *es_discount_type_to_string    (EsDiscountType   type);
/** es_discount_type_from_string: Returns: %TRUE and sets @out_type when @text names a type. */
gboolean    es_discount_type_from_string  (const char      *text,
                                           EsDiscountType  *out_type);

G_END_DECLS
