/* es-model-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-model-enums"

#include "config.h"

#include <string.h>

#include "es-model-enums.h"

/* Indexed by the enumeration values, which therefore must stay dense and in this order. */
static const char * const order_statuses[] = {
  [ES_ORDER_STATUS_PENDING] = "pending",
  [ES_ORDER_STATUS_PROCESSING] = "processing",
  [ES_ORDER_STATUS_ON_HOLD] = "on-hold",
  [ES_ORDER_STATUS_COMPLETED] = "completed",
  [ES_ORDER_STATUS_CANCELLED] = "cancelled",
  [ES_ORDER_STATUS_REFUNDED] = "refunded",
  [ES_ORDER_STATUS_FAILED] = "failed",
};

static const char * const payment_statuses[] = {
  [ES_PAYMENT_STATUS_PENDING] = "pending",
  [ES_PAYMENT_STATUS_PAID] = "paid",
  [ES_PAYMENT_STATUS_PARTIALLY_PAID] = "partially-paid",
  [ES_PAYMENT_STATUS_REFUNDED] = "refunded",
  [ES_PAYMENT_STATUS_PARTIALLY_REFUNDED] = "partially-refunded",
};

static const char * const product_types[] = {
  [ES_PRODUCT_TYPE_SIMPLE] = "simple",
  [ES_PRODUCT_TYPE_VARIABLE] = "variable",
  [ES_PRODUCT_TYPE_VARIATION] = "variation",
  [ES_PRODUCT_TYPE_SERVICE] = "service",
};

static const char * const discount_types[] = {
  [ES_DISCOUNT_TYPE_PERCENT] = "percent",
  [ES_DISCOUNT_TYPE_FIXED_CART] = "fixed-cart",
  [ES_DISCOUNT_TYPE_FIXED_PRODUCT] = "fixed-product",
};

static gboolean
lookup (const char         *text,
        const char * const *names,
        guint               n_names,
        guint              *out_index)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (strcmp (text, names[i]) == 0)
        {
          *out_index = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
es_order_status_to_string (EsOrderStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (order_statuses), NULL);

  return order_statuses[status];
}

gboolean
es_order_status_from_string (const char    *text,
                             EsOrderStatus *out_status)
{
  guint index;

  g_return_val_if_fail (out_status != NULL, FALSE);

  if (!lookup (text, order_statuses, G_N_ELEMENTS (order_statuses), &index))
    return FALSE;

  *out_status = (EsOrderStatus) index;
  return TRUE;
}

const char *
es_payment_status_to_string (EsPaymentStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (payment_statuses), NULL);

  return payment_statuses[status];
}

gboolean
es_payment_status_from_string (const char      *text,
                               EsPaymentStatus *out_status)
{
  guint index;

  g_return_val_if_fail (out_status != NULL, FALSE);

  if (!lookup (text, payment_statuses, G_N_ELEMENTS (payment_statuses), &index))
    return FALSE;

  *out_status = (EsPaymentStatus) index;
  return TRUE;
}

const char *
es_product_type_to_string (EsProductType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (product_types), NULL);

  return product_types[type];
}

gboolean
es_product_type_from_string (const char    *text,
                             EsProductType *out_type)
{
  guint index;

  g_return_val_if_fail (out_type != NULL, FALSE);

  if (!lookup (text, product_types, G_N_ELEMENTS (product_types), &index))
    return FALSE;

  *out_type = (EsProductType) index;
  return TRUE;
}

const char *
es_discount_type_to_string (EsDiscountType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (discount_types), NULL);

  return discount_types[type];
}

gboolean
es_discount_type_from_string (const char     *text,
                              EsDiscountType *out_type)
{
  guint index;

  g_return_val_if_fail (out_type != NULL, FALSE);

  if (!lookup (text, discount_types, G_N_ELEMENTS (discount_types), &index))
    return FALSE;

  *out_type = (EsDiscountType) index;
  return TRUE;
}
