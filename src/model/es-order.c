/* es-order.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-order"

#include "config.h"

#include <glib/gi18n.h>

#include "es-json.h"
#include "es-model-private.h"
#include "es-money.h"
#include "es-order.h"

/* The kinds of line an order holds, each in its own array. */
typedef enum
{
  PART_LINE_ITEM,
  PART_SHIPPING_LINE,
  PART_FEE_LINE,
  PART_DISCOUNT,
  PART_TAX_LINE,
  N_PARTS,
} Part;

struct _EsOrder
{
  GObject          parent_instance;

  EsExternalIds   *external_ids;
  EsExternalIds   *customer_ref;
  EsAddress       *billing;
  EsAddress       *shipping;
  GPtrArray       *line_items;
  GPtrArray       *shipping_lines;
  GPtrArray       *fee_lines;
  GPtrArray       *discounts;
  GPtrArray       *tax_lines;
  GDateTime       *created_at;
  GDateTime       *modified_at;
  GDateTime       *paid_at;
  GDateTime       *completed_at;

  char            *source;
  char            *number;
  char            *currency;
  char            *payment_method;
  char            *payment_method_title;
  char            *transaction_id;
  char            *customer_note;

  gint64           subtotal;
  gint64           discount_total;
  gint64           discount_tax;
  gint64           shipping_total;
  gint64           shipping_tax;
  gint64           tax_total;
  gint64           total;
  gint64           refunded_total;

  EsOrderStatus    status;
  EsPaymentStatus  payment_status;

  guint            prices_include_tax : 1;
};

G_DEFINE_FINAL_TYPE (EsOrder, es_order, G_TYPE_OBJECT)

static const struct
{
  const char     *member;
  gsize           offset;
  GDestroyNotify  unref;
} part_arrays[N_PARTS] = {
  [PART_LINE_ITEM] = {
    "line_items", G_STRUCT_OFFSET (EsOrder, line_items),
    (GDestroyNotify) es_line_item_unref,
  },
  [PART_SHIPPING_LINE] = {
    "shipping_lines", G_STRUCT_OFFSET (EsOrder, shipping_lines),
    (GDestroyNotify) es_shipping_line_unref,
  },
  [PART_FEE_LINE] = {
    "fee_lines", G_STRUCT_OFFSET (EsOrder, fee_lines),
    (GDestroyNotify) es_fee_line_unref,
  },
  [PART_DISCOUNT] = {
    "discounts", G_STRUCT_OFFSET (EsOrder, discounts),
    (GDestroyNotify) es_discount_unref,
  },
  [PART_TAX_LINE] = {
    "tax_lines", G_STRUCT_OFFSET (EsOrder, tax_lines),
    (GDestroyNotify) es_tax_line_unref,
  },
};

static const EsModelField string_fields[] = {
  ES_MODEL_FIELD (EsOrder, source),
  ES_MODEL_FIELD (EsOrder, number),
  ES_MODEL_FIELD (EsOrder, payment_method),
  ES_MODEL_FIELD (EsOrder, payment_method_title),
  ES_MODEL_FIELD (EsOrder, transaction_id),
  ES_MODEL_FIELD (EsOrder, customer_note),
};

static const EsModelField money_fields[] = {
  ES_MODEL_FIELD (EsOrder, subtotal),
  ES_MODEL_FIELD (EsOrder, discount_total),
  ES_MODEL_FIELD (EsOrder, discount_tax),
  ES_MODEL_FIELD (EsOrder, shipping_total),
  ES_MODEL_FIELD (EsOrder, shipping_tax),
  ES_MODEL_FIELD (EsOrder, tax_total),
  ES_MODEL_FIELD (EsOrder, total),
  ES_MODEL_FIELD (EsOrder, refunded_total),
};

static const char * const members[] = {
  "schema_version", "kind", "source", "external_ids", "number", "status", "payment_status",
  "currency", "prices_include_tax", "created_at", "modified_at", "paid_at", "completed_at",
  "customer_ref", "billing", "shipping", "line_items", "shipping_lines", "fee_lines", "discounts",
  "tax_lines", "subtotal", "discount_total", "discount_tax", "shipping_total", "shipping_tax",
  "tax_total", "total", "refunded_total", "payment_method", "payment_method_title",
  "transaction_id", "customer_note", NULL,
};

#define PART_ARRAY(self, part) G_STRUCT_MEMBER (GPtrArray *, self, part_arrays[part].offset)

static JsonNode *
part_to_json (Part          part,
              gconstpointer line,
              int           exponent)
{
  switch (part)
    {
    case PART_LINE_ITEM:
      return es_line_item_to_json (line, exponent);
    case PART_SHIPPING_LINE:
      return es_shipping_line_to_json (line, exponent);
    case PART_FEE_LINE:
      return es_fee_line_to_json (line, exponent);
    case PART_DISCOUNT:
      return es_discount_to_json (line, exponent);
    case PART_TAX_LINE:
      return es_tax_line_to_json (line, exponent);
    case N_PARTS:
    default:
      g_assert_not_reached ();
    }
}

static gpointer
part_new_from_json (Part         part,
                    JsonNode    *node,
                    const char  *path,
                    int          exponent,
                    GError     **error)
{
  switch (part)
    {
    case PART_LINE_ITEM:
      return es_line_item_new_from_json (node, path, exponent, error);
    case PART_SHIPPING_LINE:
      return es_shipping_line_new_from_json (node, path, exponent, error);
    case PART_FEE_LINE:
      return es_fee_line_new_from_json (node, path, exponent, error);
    case PART_DISCOUNT:
      return es_discount_new_from_json (node, path, exponent, error);
    case PART_TAX_LINE:
      return es_tax_line_new_from_json (node, path, exponent, error);
    case N_PARTS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
read_parts (EsOrder     *self,
            JsonObject  *object,
            Part         part,
            int          exponent,
            GError     **error)
{
  const char *member = part_arrays[part].member;
  JsonArray *array;
  guint n;

  if (!es_json_require_array (object, "", member, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = es_json_path_index (member, i);
      gpointer line = part_new_from_json (part, json_array_get_element (array, i), path, exponent,
                                          error);

      if (line == NULL)
        return FALSE;
      g_ptr_array_add (PART_ARRAY (self, part), line);
    }

  return TRUE;
}

/* Status and payment status are read by name; an unknown name is an error, not a default. */
static gboolean
read_statuses (EsOrder     *self,
               JsonObject  *object,
               GError     **error)
{
  const char *status;
  const char *payment_status;

  if (!es_json_require_string (object, "", "status", &status, error))
    return FALSE;
  if (!es_order_status_from_string (status, &self->status))
    return es_json_set_error (error, ES_JSON_ERROR_VALUE, "status",
                              _("unknown order status “%s”"), status);

  if (!es_json_require_string (object, "", "payment_status", &payment_status, error))
    return FALSE;
  if (!es_payment_status_from_string (payment_status, &self->payment_status))
    return es_json_set_error (error, ES_JSON_ERROR_VALUE, "payment_status",
                              _("unknown payment status “%s”"), payment_status);

  return TRUE;
}

static void
es_order_finalize (GObject *object)
{
  EsOrder *self = (EsOrder *) object;

  g_clear_pointer (&self->external_ids, es_external_ids_unref);
  g_clear_pointer (&self->customer_ref, es_external_ids_unref);
  g_clear_pointer (&self->billing, es_address_unref);
  g_clear_pointer (&self->shipping, es_address_unref);
  for (guint i = 0; i < N_PARTS; i++)
    g_clear_pointer (&PART_ARRAY (self, i), g_ptr_array_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->modified_at, g_date_time_unref);
  g_clear_pointer (&self->paid_at, g_date_time_unref);
  g_clear_pointer (&self->completed_at, g_date_time_unref);
  g_clear_pointer (&self->currency, g_free);
  es_model_free_strings (self, string_fields, G_N_ELEMENTS (string_fields));

  G_OBJECT_CLASS (es_order_parent_class)->finalize (object);
}

static void
es_order_class_init (EsOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = es_order_finalize;
}

static void
es_order_init (EsOrder *self)
{
  self->external_ids = es_external_ids_new ();
  self->customer_ref = es_external_ids_new ();
  self->billing = es_address_new ();
  self->shipping = es_address_new ();
  for (guint i = 0; i < N_PARTS; i++)
    PART_ARRAY (self, i) = g_ptr_array_new_with_free_func (part_arrays[i].unref);
}

EsOrder *
es_order_new (const char *currency)
{
  EsOrder *self;

  g_return_val_if_fail (currency != NULL && es_money_currency_exponent (currency) >= 0, NULL);

  self = g_object_new (ES_TYPE_ORDER, NULL);
  self->currency = g_strdup (currency);

  return self;
}

EsOrder *
es_order_new_from_json (JsonNode  *node,
                        GError   **error)
{
  g_autoptr(EsOrder) self = NULL;
  g_autofree char *currency = NULL;
  JsonObject *object;
  gboolean prices_include_tax;
  int exponent;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = es_model_require_object (node, "", error);
  if (object == NULL ||
      !es_model_read_header (object, "order", members, error) ||
      !es_model_read_currency (object, &currency, &exponent, error))
    return NULL;

  self = es_order_new (currency);
  if (!es_model_read_strings (object, "", self, string_fields, G_N_ELEMENTS (string_fields),
                              error) ||
      !es_model_read_external_ids (object, "external_ids", &self->external_ids, error) ||
      !read_statuses (self, object, error) ||
      !es_json_require_bool (object, "", "prices_include_tax", &prices_include_tax, error) ||
      !es_model_read_time (object, "created_at", &self->created_at, error) ||
      !es_model_read_time (object, "modified_at", &self->modified_at, error) ||
      !es_model_read_time (object, "paid_at", &self->paid_at, error) ||
      !es_model_read_time (object, "completed_at", &self->completed_at, error) ||
      !es_model_read_external_ids (object, "customer_ref", &self->customer_ref, error) ||
      !es_model_read_address (object, "billing", &self->billing, error) ||
      !es_model_read_address (object, "shipping", &self->shipping, error))
    return NULL;

  self->prices_include_tax = prices_include_tax;

  for (guint i = 0; i < N_PARTS; i++)
    if (!read_parts (self, object, i, exponent, error))
      return NULL;

  if (!es_model_read_money (object, "", self, money_fields, G_N_ELEMENTS (money_fields), exponent,
                            error))
    return NULL;

  return g_steal_pointer (&self);
}

JsonNode *
es_order_to_json (EsOrder *self)
{
  JsonObject *object;
  int exponent;

  g_return_val_if_fail (ES_IS_ORDER (self), NULL);

  exponent = es_money_currency_exponent (self->currency);

  object = json_object_new ();
  es_model_write_header (object, "order");
  es_model_write_strings (object, self, string_fields, G_N_ELEMENTS (string_fields));
  es_model_write_money (object, self, money_fields, G_N_ELEMENTS (money_fields), exponent);
  json_object_set_string_member (object, "currency", self->currency);
  json_object_set_member (object, "external_ids", es_external_ids_to_json (self->external_ids));
  json_object_set_string_member (object, "status", es_order_status_to_string (self->status));
  json_object_set_string_member (object, "payment_status",
                                 es_payment_status_to_string (self->payment_status));
  json_object_set_boolean_member (object, "prices_include_tax", self->prices_include_tax);
  es_json_object_set_time (object, "created_at", self->created_at);
  es_json_object_set_time (object, "modified_at", self->modified_at);
  es_json_object_set_time (object, "paid_at", self->paid_at);
  es_json_object_set_time (object, "completed_at", self->completed_at);
  json_object_set_member (object, "customer_ref", es_external_ids_to_json (self->customer_ref));
  json_object_set_member (object, "billing", es_address_to_json (self->billing));
  json_object_set_member (object, "shipping", es_address_to_json (self->shipping));

  for (guint i = 0; i < N_PARTS; i++)
    {
      GPtrArray *lines = PART_ARRAY (self, i);
      JsonArray *array = json_array_sized_new (lines->len);

      for (guint j = 0; j < lines->len; j++)
        json_array_add_element (array, part_to_json (i, g_ptr_array_index (lines, j), exponent));
      json_object_set_array_member (object, part_arrays[i].member, array);
    }

  return es_model_node_take_object (object);
}

const char *
es_order_get_external_id (EsOrder    *self,
                          const char *system)
{
  g_return_val_if_fail (ES_IS_ORDER (self), NULL);

  return es_external_ids_get (self->external_ids, system);
}

void
es_order_add_external_id (EsOrder    *self,
                          const char *system,
                          const char *id)
{
  g_return_if_fail (ES_IS_ORDER (self));

  es_external_ids_set (self->external_ids, system, id);
}

const char *
es_order_get_currency (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), NULL);

  return self->currency;
}

void
es_order_set_currency (EsOrder    *self,
                       const char *currency)
{
  g_return_if_fail (ES_IS_ORDER (self));
  g_return_if_fail (currency != NULL && es_money_currency_exponent (currency) >= 0);

  g_free (self->currency);
  self->currency = g_strdup (currency);
}

EsExternalIds *
es_order_get_external_ids (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), NULL);

  return self->external_ids;
}

const char *
es_order_get_source (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), NULL);

  return self->source != NULL ? self->source : "";
}

void
es_order_set_source (EsOrder    *self,
                     const char *source)
{
  g_return_if_fail (ES_IS_ORDER (self));

  es_model_set_string (&self->source, source);
}

const char *
es_order_get_number (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), NULL);

  return self->number != NULL ? self->number : "";
}

void
es_order_set_number (EsOrder    *self,
                     const char *number)
{
  g_return_if_fail (ES_IS_ORDER (self));

  es_model_set_string (&self->number, number);
}

EsOrderStatus
es_order_get_status (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), 0);

  return self->status;
}

void
es_order_set_status (EsOrder       *self,
                     EsOrderStatus  status)
{
  g_return_if_fail (ES_IS_ORDER (self));
  g_return_if_fail ((guint) status <= ES_ORDER_STATUS_FAILED);

  self->status = status;
}

EsPaymentStatus
es_order_get_payment_status (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), 0);

  return self->payment_status;
}

void
es_order_set_payment_status (EsOrder         *self,
                             EsPaymentStatus  payment_status)
{
  g_return_if_fail (ES_IS_ORDER (self));
  g_return_if_fail ((guint) payment_status <= ES_PAYMENT_STATUS_PARTIALLY_REFUNDED);

  self->payment_status = payment_status;
}

gboolean
es_order_get_prices_include_tax (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), FALSE);

  return self->prices_include_tax;
}

void
es_order_set_prices_include_tax (EsOrder  *self,
                                 gboolean  prices_include_tax)
{
  g_return_if_fail (ES_IS_ORDER (self));

  self->prices_include_tax = !!prices_include_tax;
}

GDateTime *
es_order_get_created_at (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), NULL);

  return self->created_at;
}

void
es_order_set_created_at (EsOrder   *self,
                         GDateTime *created_at)
{
  g_return_if_fail (ES_IS_ORDER (self));

  es_model_set_time (&self->created_at, created_at);
}

GDateTime *
es_order_get_modified_at (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), NULL);

  return self->modified_at;
}

void
es_order_set_modified_at (EsOrder   *self,
                          GDateTime *modified_at)
{
  g_return_if_fail (ES_IS_ORDER (self));

  es_model_set_time (&self->modified_at, modified_at);
}

GDateTime *
es_order_get_paid_at (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), NULL);

  return self->paid_at;
}

void
es_order_set_paid_at (EsOrder   *self,
                      GDateTime *paid_at)
{
  g_return_if_fail (ES_IS_ORDER (self));

  es_model_set_time (&self->paid_at, paid_at);
}

GDateTime *
es_order_get_completed_at (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), NULL);

  return self->completed_at;
}

void
es_order_set_completed_at (EsOrder   *self,
                           GDateTime *completed_at)
{
  g_return_if_fail (ES_IS_ORDER (self));

  es_model_set_time (&self->completed_at, completed_at);
}

EsExternalIds *
es_order_get_customer_ref (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), NULL);

  return self->customer_ref;
}

EsAddress *
es_order_get_billing (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), NULL);

  return self->billing;
}

void
es_order_set_billing (EsOrder   *self,
                      EsAddress *billing)
{
  g_return_if_fail (ES_IS_ORDER (self));
  g_return_if_fail (billing != NULL);

  es_address_ref (billing);
  es_address_unref (self->billing);
  self->billing = billing;
}

EsAddress *
es_order_get_shipping (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), NULL);

  return self->shipping;
}

void
es_order_set_shipping (EsOrder   *self,
                       EsAddress *shipping)
{
  g_return_if_fail (ES_IS_ORDER (self));
  g_return_if_fail (shipping != NULL);

  es_address_ref (shipping);
  es_address_unref (self->shipping);
  self->shipping = shipping;
}

GPtrArray *
es_order_get_line_items (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), NULL);

  return self->line_items;
}

void
es_order_add_line_item (EsOrder    *self,
                        EsLineItem *line_item)
{
  g_return_if_fail (ES_IS_ORDER (self));
  g_return_if_fail (line_item != NULL);

  g_ptr_array_add (self->line_items, es_line_item_ref (line_item));
}

GPtrArray *
es_order_get_shipping_lines (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), NULL);

  return self->shipping_lines;
}

void
es_order_add_shipping_line (EsOrder        *self,
                            EsShippingLine *shipping_line)
{
  g_return_if_fail (ES_IS_ORDER (self));
  g_return_if_fail (shipping_line != NULL);

  g_ptr_array_add (self->shipping_lines, es_shipping_line_ref (shipping_line));
}

GPtrArray *
es_order_get_fee_lines (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), NULL);

  return self->fee_lines;
}

void
es_order_add_fee_line (EsOrder   *self,
                       EsFeeLine *fee_line)
{
  g_return_if_fail (ES_IS_ORDER (self));
  g_return_if_fail (fee_line != NULL);

  g_ptr_array_add (self->fee_lines, es_fee_line_ref (fee_line));
}

GPtrArray *
es_order_get_discounts (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), NULL);

  return self->discounts;
}

void
es_order_add_discount (EsOrder    *self,
                       EsDiscount *discount)
{
  g_return_if_fail (ES_IS_ORDER (self));
  g_return_if_fail (discount != NULL);

  g_ptr_array_add (self->discounts, es_discount_ref (discount));
}

GPtrArray *
es_order_get_tax_lines (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), NULL);

  return self->tax_lines;
}

void
es_order_add_tax_line (EsOrder   *self,
                       EsTaxLine *tax_line)
{
  g_return_if_fail (ES_IS_ORDER (self));
  g_return_if_fail (tax_line != NULL);

  g_ptr_array_add (self->tax_lines, es_tax_line_ref (tax_line));
}

gint64
es_order_get_subtotal (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), 0);

  return self->subtotal;
}

void
es_order_set_subtotal (EsOrder *self,
                       gint64   subtotal)
{
  g_return_if_fail (ES_IS_ORDER (self));

  self->subtotal = subtotal;
}

gint64
es_order_get_discount_total (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), 0);

  return self->discount_total;
}

void
es_order_set_discount_total (EsOrder *self,
                             gint64   discount_total)
{
  g_return_if_fail (ES_IS_ORDER (self));

  self->discount_total = discount_total;
}

gint64
es_order_get_discount_tax (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), 0);

  return self->discount_tax;
}

void
es_order_set_discount_tax (EsOrder *self,
                           gint64   discount_tax)
{
  g_return_if_fail (ES_IS_ORDER (self));

  self->discount_tax = discount_tax;
}

gint64
es_order_get_shipping_total (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), 0);

  return self->shipping_total;
}

void
es_order_set_shipping_total (EsOrder *self,
                             gint64   shipping_total)
{
  g_return_if_fail (ES_IS_ORDER (self));

  self->shipping_total = shipping_total;
}

gint64
es_order_get_shipping_tax (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), 0);

  return self->shipping_tax;
}

void
es_order_set_shipping_tax (EsOrder *self,
                           gint64   shipping_tax)
{
  g_return_if_fail (ES_IS_ORDER (self));

  self->shipping_tax = shipping_tax;
}

gint64
es_order_get_tax_total (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), 0);

  return self->tax_total;
}

void
es_order_set_tax_total (EsOrder *self,
                        gint64   tax_total)
{
  g_return_if_fail (ES_IS_ORDER (self));

  self->tax_total = tax_total;
}

gint64
es_order_get_total (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), 0);

  return self->total;
}

void
es_order_set_total (EsOrder *self,
                    gint64   total)
{
  g_return_if_fail (ES_IS_ORDER (self));

  self->total = total;
}

gint64
es_order_get_refunded_total (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), 0);

  return self->refunded_total;
}

void
es_order_set_refunded_total (EsOrder *self,
                             gint64   refunded_total)
{
  g_return_if_fail (ES_IS_ORDER (self));

  self->refunded_total = refunded_total;
}

const char *
es_order_get_payment_method (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), NULL);

  return self->payment_method != NULL ? self->payment_method : "";
}

void
es_order_set_payment_method (EsOrder    *self,
                             const char *payment_method)
{
  g_return_if_fail (ES_IS_ORDER (self));

  es_model_set_string (&self->payment_method, payment_method);
}

const char *
es_order_get_payment_method_title (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), NULL);

  return self->payment_method_title != NULL ? self->payment_method_title : "";
}

void
es_order_set_payment_method_title (EsOrder    *self,
                                   const char *payment_method_title)
{
  g_return_if_fail (ES_IS_ORDER (self));

  es_model_set_string (&self->payment_method_title, payment_method_title);
}

const char *
es_order_get_transaction_id (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), NULL);

  return self->transaction_id != NULL ? self->transaction_id : "";
}

void
es_order_set_transaction_id (EsOrder    *self,
                             const char *transaction_id)
{
  g_return_if_fail (ES_IS_ORDER (self));

  es_model_set_string (&self->transaction_id, transaction_id);
}

const char *
es_order_get_customer_note (EsOrder *self)
{
  g_return_val_if_fail (ES_IS_ORDER (self), NULL);

  return self->customer_note != NULL ? self->customer_note : "";
}

void
es_order_set_customer_note (EsOrder    *self,
                            const char *customer_note)
{
  g_return_if_fail (ES_IS_ORDER (self));

  es_model_set_string (&self->customer_note, customer_note);
}
