/* es-product.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-product"

#include "config.h"

#include <glib/gi18n.h>

#include "es-json.h"
#include "es-model-private.h"
#include "es-money.h"
#include "es-product.h"

typedef enum
{
  PRICE_PRICE,
  PRICE_REGULAR_PRICE,
  PRICE_SALE_PRICE,
  N_PRICES,
} Price;

/* An amount that may be absent, written as null. */
typedef struct
{
  gint64   minor;
  gboolean set;
} OptionalPrice;

struct _EsProduct
{
  GObject        parent_instance;

  EsExternalIds *external_ids;
  EsExternalIds *parent_ref;
  GDateTime     *created_at;
  GDateTime     *modified_at;

  char          *source;
  char          *currency;
  char          *name;
  char          *sku;
  char          *tax_class;

  OptionalPrice  prices[N_PRICES];
  gint64         stock_quantity;
  EsProductType  product_type;

  guint          manage_stock : 1;
  guint          taxable : 1;
  guint          active : 1;
};

G_DEFINE_FINAL_TYPE (EsProduct, es_product, G_TYPE_OBJECT)

static const EsModelField string_fields[] = {
  ES_MODEL_FIELD (EsProduct, source),
  ES_MODEL_FIELD (EsProduct, name),
  ES_MODEL_FIELD (EsProduct, sku),
  ES_MODEL_FIELD (EsProduct, tax_class),
};

static const char * const price_members[N_PRICES] = {
  [PRICE_PRICE] = "price",
  [PRICE_REGULAR_PRICE] = "regular_price",
  [PRICE_SALE_PRICE] = "sale_price",
};

static const char * const members[] = {
  "schema_version", "kind", "source", "external_ids", "currency", "name", "sku", "type",
  "parent_ref", "price", "regular_price", "sale_price", "manage_stock", "stock_quantity",
  "tax_class", "taxable", "active", "created_at", "modified_at", NULL,
};

static void
es_product_finalize (GObject *object)
{
  EsProduct *self = (EsProduct *) object;

  g_clear_pointer (&self->external_ids, es_external_ids_unref);
  g_clear_pointer (&self->parent_ref, es_external_ids_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->modified_at, g_date_time_unref);
  g_clear_pointer (&self->currency, g_free);
  es_model_free_strings (self, string_fields, G_N_ELEMENTS (string_fields));

  G_OBJECT_CLASS (es_product_parent_class)->finalize (object);
}

static void
es_product_class_init (EsProductClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = es_product_finalize;
}

static void
es_product_init (EsProduct *self)
{
  self->external_ids = es_external_ids_new ();
  self->parent_ref = es_external_ids_new ();
}

EsProduct *
es_product_new (const char *currency)
{
  EsProduct *self;

  g_return_val_if_fail (currency != NULL && es_money_currency_exponent (currency) >= 0, NULL);

  self = g_object_new (ES_TYPE_PRODUCT, NULL);
  self->currency = g_strdup (currency);

  return self;
}

static gboolean
read_stock (EsProduct   *self,
            JsonObject  *object,
            GError     **error)
{
  gboolean manage_stock;

  if (!es_json_require_bool (object, "", "manage_stock", &manage_stock, error))
    return FALSE;

  self->manage_stock = manage_stock;
  if (manage_stock)
    return es_json_require_int (object, "", "stock_quantity", &self->stock_quantity, error);

  /* An untracked quantity is null, so that a document has one form. */
  if (!json_object_has_member (object, "stock_quantity"))
    return es_json_require_int (object, "", "stock_quantity", &self->stock_quantity, error);
  if (!es_json_member_is_null (object, "stock_quantity"))
    return es_json_set_error (error, ES_JSON_ERROR_VALUE, "stock_quantity", "%s",
                              _("expected null, as manage_stock is false"));

  return TRUE;
}

EsProduct *
es_product_new_from_json (JsonNode  *node,
                          GError   **error)
{
  g_autoptr(EsProduct) self = NULL;
  g_autofree char *currency = NULL;
  JsonObject *object;
  const char *type;
  gboolean taxable;
  gboolean active;
  int exponent;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = es_model_require_object (node, "", error);
  if (object == NULL ||
      !es_model_read_header (object, "product", members, error) ||
      !es_model_read_currency (object, &currency, &exponent, error))
    return NULL;

  self = es_product_new (currency);
  if (!es_model_read_strings (object, "", self, string_fields, G_N_ELEMENTS (string_fields),
                              error) ||
      !es_model_read_external_ids (object, "external_ids", &self->external_ids, error) ||
      !es_model_read_external_ids (object, "parent_ref", &self->parent_ref, error) ||
      !es_json_require_string (object, "", "type", &type, error))
    return NULL;

  if (!es_product_type_from_string (type, &self->product_type))
    {
      es_json_set_error (error, ES_JSON_ERROR_VALUE, "type", _("unknown product type “%s”"),
                         type);
      return NULL;
    }

  for (guint i = 0; i < N_PRICES; i++)
    {
      self->prices[i].set = !es_json_member_is_null (object, price_members[i]);
      if (self->prices[i].set &&
          !es_json_require_money (object, "", price_members[i], exponent,
                                  &self->prices[i].minor, error))
        return NULL;
    }

  if (!read_stock (self, object, error) ||
      !es_json_require_bool (object, "", "taxable", &taxable, error) ||
      !es_json_require_bool (object, "", "active", &active, error) ||
      !es_model_read_time (object, "created_at", &self->created_at, error) ||
      !es_model_read_time (object, "modified_at", &self->modified_at, error))
    return NULL;

  self->taxable = taxable;
  self->active = active;

  return g_steal_pointer (&self);
}

JsonNode *
es_product_to_json (EsProduct *self)
{
  JsonObject *object;
  int exponent;

  g_return_val_if_fail (ES_IS_PRODUCT (self), NULL);

  exponent = es_money_currency_exponent (self->currency);

  object = json_object_new ();
  es_model_write_header (object, "product");
  es_model_write_strings (object, self, string_fields, G_N_ELEMENTS (string_fields));
  json_object_set_string_member (object, "currency", self->currency);
  json_object_set_string_member (object, "type", es_product_type_to_string (self->product_type));
  json_object_set_member (object, "external_ids", es_external_ids_to_json (self->external_ids));
  json_object_set_member (object, "parent_ref", es_external_ids_to_json (self->parent_ref));

  for (guint i = 0; i < N_PRICES; i++)
    {
      if (self->prices[i].set)
        es_json_object_set_money (object, price_members[i], self->prices[i].minor, exponent);
      else
        json_object_set_null_member (object, price_members[i]);
    }

  json_object_set_boolean_member (object, "manage_stock", self->manage_stock);
  if (self->manage_stock)
    json_object_set_int_member (object, "stock_quantity", self->stock_quantity);
  else
    json_object_set_null_member (object, "stock_quantity");

  json_object_set_boolean_member (object, "taxable", self->taxable);
  json_object_set_boolean_member (object, "active", self->active);
  es_json_object_set_time (object, "created_at", self->created_at);
  es_json_object_set_time (object, "modified_at", self->modified_at);

  return es_model_node_take_object (object);
}

const char *
es_product_get_external_id (EsProduct  *self,
                            const char *system)
{
  g_return_val_if_fail (ES_IS_PRODUCT (self), NULL);

  return es_external_ids_get (self->external_ids, system);
}

void
es_product_add_external_id (EsProduct  *self,
                            const char *system,
                            const char *id)
{
  g_return_if_fail (ES_IS_PRODUCT (self));

  es_external_ids_set (self->external_ids, system, id);
}

const char *
es_product_get_currency (EsProduct *self)
{
  g_return_val_if_fail (ES_IS_PRODUCT (self), NULL);

  return self->currency;
}

void
es_product_set_currency (EsProduct  *self,
                         const char *currency)
{
  g_return_if_fail (ES_IS_PRODUCT (self));
  g_return_if_fail (currency != NULL && es_money_currency_exponent (currency) >= 0);

  g_free (self->currency);
  self->currency = g_strdup (currency);
}

gboolean
es_product_get_price (EsProduct *self,
                      gint64    *out_minor)
{
  g_return_val_if_fail (ES_IS_PRODUCT (self), FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);

  if (!self->prices[PRICE_PRICE].set)
    return FALSE;

  *out_minor = self->prices[PRICE_PRICE].minor;
  return TRUE;
}

void
es_product_set_price (EsProduct *self,
                      gint64     minor)
{
  g_return_if_fail (ES_IS_PRODUCT (self));

  self->prices[PRICE_PRICE].set = TRUE;
  self->prices[PRICE_PRICE].minor = minor;
}

void
es_product_clear_price (EsProduct *self)
{
  g_return_if_fail (ES_IS_PRODUCT (self));

  self->prices[PRICE_PRICE].set = FALSE;
  self->prices[PRICE_PRICE].minor = 0;
}

gboolean
es_product_get_regular_price (EsProduct *self,
                              gint64    *out_minor)
{
  g_return_val_if_fail (ES_IS_PRODUCT (self), FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);

  if (!self->prices[PRICE_REGULAR_PRICE].set)
    return FALSE;

  *out_minor = self->prices[PRICE_REGULAR_PRICE].minor;
  return TRUE;
}

void
es_product_set_regular_price (EsProduct *self,
                              gint64     minor)
{
  g_return_if_fail (ES_IS_PRODUCT (self));

  self->prices[PRICE_REGULAR_PRICE].set = TRUE;
  self->prices[PRICE_REGULAR_PRICE].minor = minor;
}

void
es_product_clear_regular_price (EsProduct *self)
{
  g_return_if_fail (ES_IS_PRODUCT (self));

  self->prices[PRICE_REGULAR_PRICE].set = FALSE;
  self->prices[PRICE_REGULAR_PRICE].minor = 0;
}

gboolean
es_product_get_sale_price (EsProduct *self,
                           gint64    *out_minor)
{
  g_return_val_if_fail (ES_IS_PRODUCT (self), FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);

  if (!self->prices[PRICE_SALE_PRICE].set)
    return FALSE;

  *out_minor = self->prices[PRICE_SALE_PRICE].minor;
  return TRUE;
}

void
es_product_set_sale_price (EsProduct *self,
                           gint64     minor)
{
  g_return_if_fail (ES_IS_PRODUCT (self));

  self->prices[PRICE_SALE_PRICE].set = TRUE;
  self->prices[PRICE_SALE_PRICE].minor = minor;
}

void
es_product_clear_sale_price (EsProduct *self)
{
  g_return_if_fail (ES_IS_PRODUCT (self));

  self->prices[PRICE_SALE_PRICE].set = FALSE;
  self->prices[PRICE_SALE_PRICE].minor = 0;
}

gboolean
es_product_get_manage_stock (EsProduct *self)
{
  g_return_val_if_fail (ES_IS_PRODUCT (self), FALSE);

  return self->manage_stock;
}

gint64
es_product_get_stock_quantity (EsProduct *self)
{
  g_return_val_if_fail (ES_IS_PRODUCT (self), 0);

  return self->stock_quantity;
}

void
es_product_set_stock (EsProduct *self,
                      gboolean   manage_stock,
                      gint64     quantity)
{
  g_return_if_fail (ES_IS_PRODUCT (self));

  self->manage_stock = !!manage_stock;
  self->stock_quantity = manage_stock ? quantity : 0;
}

EsExternalIds *
es_product_get_external_ids (EsProduct *self)
{
  g_return_val_if_fail (ES_IS_PRODUCT (self), NULL);

  return self->external_ids;
}

const char *
es_product_get_source (EsProduct *self)
{
  g_return_val_if_fail (ES_IS_PRODUCT (self), NULL);

  return self->source != NULL ? self->source : "";
}

void
es_product_set_source (EsProduct  *self,
                       const char *source)
{
  g_return_if_fail (ES_IS_PRODUCT (self));

  es_model_set_string (&self->source, source);
}

const char *
es_product_get_name (EsProduct *self)
{
  g_return_val_if_fail (ES_IS_PRODUCT (self), NULL);

  return self->name != NULL ? self->name : "";
}

void
es_product_set_name (EsProduct  *self,
                     const char *name)
{
  g_return_if_fail (ES_IS_PRODUCT (self));

  es_model_set_string (&self->name, name);
}

const char *
es_product_get_sku (EsProduct *self)
{
  g_return_val_if_fail (ES_IS_PRODUCT (self), NULL);

  return self->sku != NULL ? self->sku : "";
}

void
es_product_set_sku (EsProduct  *self,
                    const char *sku)
{
  g_return_if_fail (ES_IS_PRODUCT (self));

  es_model_set_string (&self->sku, sku);
}

EsProductType
es_product_get_product_type (EsProduct *self)
{
  g_return_val_if_fail (ES_IS_PRODUCT (self), 0);

  return self->product_type;
}

void
es_product_set_product_type (EsProduct     *self,
                             EsProductType  product_type)
{
  g_return_if_fail (ES_IS_PRODUCT (self));
  g_return_if_fail ((guint) product_type <= ES_PRODUCT_TYPE_SERVICE);

  self->product_type = product_type;
}

EsExternalIds *
es_product_get_parent_ref (EsProduct *self)
{
  g_return_val_if_fail (ES_IS_PRODUCT (self), NULL);

  return self->parent_ref;
}

const char *
es_product_get_tax_class (EsProduct *self)
{
  g_return_val_if_fail (ES_IS_PRODUCT (self), NULL);

  return self->tax_class != NULL ? self->tax_class : "";
}

void
es_product_set_tax_class (EsProduct  *self,
                          const char *tax_class)
{
  g_return_if_fail (ES_IS_PRODUCT (self));

  es_model_set_string (&self->tax_class, tax_class);
}

gboolean
es_product_get_taxable (EsProduct *self)
{
  g_return_val_if_fail (ES_IS_PRODUCT (self), FALSE);

  return self->taxable;
}

void
es_product_set_taxable (EsProduct *self,
                        gboolean   taxable)
{
  g_return_if_fail (ES_IS_PRODUCT (self));

  self->taxable = !!taxable;
}

gboolean
es_product_get_active (EsProduct *self)
{
  g_return_val_if_fail (ES_IS_PRODUCT (self), FALSE);

  return self->active;
}

void
es_product_set_active (EsProduct *self,
                       gboolean   active)
{
  g_return_if_fail (ES_IS_PRODUCT (self));

  self->active = !!active;
}

GDateTime *
es_product_get_created_at (EsProduct *self)
{
  g_return_val_if_fail (ES_IS_PRODUCT (self), NULL);

  return self->created_at;
}

void
es_product_set_created_at (EsProduct *self,
                           GDateTime *created_at)
{
  g_return_if_fail (ES_IS_PRODUCT (self));

  es_model_set_time (&self->created_at, created_at);
}

GDateTime *
es_product_get_modified_at (EsProduct *self)
{
  g_return_val_if_fail (ES_IS_PRODUCT (self), NULL);

  return self->modified_at;
}

void
es_product_set_modified_at (EsProduct *self,
                            GDateTime *modified_at)
{
  g_return_if_fail (ES_IS_PRODUCT (self));

  es_model_set_time (&self->modified_at, modified_at);
}
