/* es-line-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-line-item"

#include "config.h"

#include "es-external-ids.h"
#include "es-json.h"
#include "es-line-item.h"
#include "es-model-private.h"

static const EsModelField string_fields[] = {
  ES_MODEL_FIELD (EsLineItem, id),
  ES_MODEL_FIELD (EsLineItem, name),
  ES_MODEL_FIELD (EsLineItem, sku),
  ES_MODEL_FIELD (EsLineItem, tax_class),
};

static const EsModelField money_fields[] = {
  ES_MODEL_FIELD (EsLineItem, unit_price),
  ES_MODEL_FIELD (EsLineItem, subtotal),
  ES_MODEL_FIELD (EsLineItem, subtotal_tax),
  ES_MODEL_FIELD (EsLineItem, total),
  ES_MODEL_FIELD (EsLineItem, total_tax),
};

static const char * const members[] = {
  "id", "name", "sku", "tax_class", "product_ref", "quantity", "unit_price", "subtotal",
  "subtotal_tax", "total", "total_tax", NULL,
};

G_DEFINE_BOXED_TYPE (EsLineItem, es_line_item, es_line_item_ref, es_line_item_unref)

EsLineItem *
es_line_item_new (void)
{
  EsLineItem *self = g_new0 (EsLineItem, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->product_ref = es_external_ids_new ();

  return self;
}

EsLineItem *
es_line_item_ref (EsLineItem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
es_line_item_unref (EsLineItem *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      es_model_free_strings (self, string_fields, G_N_ELEMENTS (string_fields));
      es_external_ids_unref (self->product_ref);
      g_free (self);
    }
}

JsonNode *
es_line_item_to_json (const EsLineItem *self,
                      int               exponent)
{
  JsonObject *object;

  g_return_val_if_fail (self != NULL, NULL);

  object = json_object_new ();
  es_model_write_strings (object, self, string_fields, G_N_ELEMENTS (string_fields));
  es_model_write_money (object, self, money_fields, G_N_ELEMENTS (money_fields), exponent);
  json_object_set_member (object, "product_ref", es_external_ids_to_json (self->product_ref));
  json_object_set_int_member (object, "quantity", self->quantity);

  return es_model_node_take_object (object);
}

EsLineItem *
es_line_item_new_from_json (JsonNode    *node,
                            const char  *path,
                            int          exponent,
                            GError     **error)
{
  g_autoptr(EsLineItem) self = NULL;
  g_autofree char *ref_path = NULL;
  EsExternalIds *product_ref;
  JsonObject *ref_object;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = es_model_require_object (node, path, error);
  if (object == NULL || !es_json_check_members (object, path, members, error))
    return NULL;

  self = es_line_item_new ();
  if (!es_model_read_strings (object, path, self, string_fields, G_N_ELEMENTS (string_fields),
                              error) ||
      !es_model_read_money (object, path, self, money_fields, G_N_ELEMENTS (money_fields),
                            exponent, error))
    return NULL;

  if (!es_json_require_int (object, path, "quantity", &self->quantity, error) ||
      !es_json_require_object (object, path, "product_ref", &ref_object, error))
    return NULL;

  ref_path = es_json_path_member (path, "product_ref");
  product_ref = es_external_ids_new_from_json (json_object_get_member (object, "product_ref"),
                                               ref_path, error);
  if (product_ref == NULL)
    return NULL;

  es_external_ids_unref (self->product_ref);
  self->product_ref = product_ref;

  return g_steal_pointer (&self);
}
