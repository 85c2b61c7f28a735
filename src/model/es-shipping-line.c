/* es-shipping-line.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-shipping-line"

#include "config.h"

#include "es-json.h"
#include "es-model-private.h"
#include "es-shipping-line.h"

static const EsModelField string_fields[] = {
  ES_MODEL_FIELD (EsShippingLine, id),
  ES_MODEL_FIELD (EsShippingLine, method_id),
  ES_MODEL_FIELD (EsShippingLine, method_title),
};

static const EsModelField money_fields[] = {
  ES_MODEL_FIELD (EsShippingLine, total),
  ES_MODEL_FIELD (EsShippingLine, total_tax),
};

static const char * const members[] = {
  "id", "method_id", "method_title", "total", "total_tax", NULL,
};

G_DEFINE_BOXED_TYPE (EsShippingLine, es_shipping_line, es_shipping_line_ref, es_shipping_line_unref)

EsShippingLine *
es_shipping_line_new (void)
{
  EsShippingLine *self = g_new0 (EsShippingLine, 1);

  g_atomic_ref_count_init (&self->ref_count);

  return self;
}

EsShippingLine *
es_shipping_line_ref (EsShippingLine *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
es_shipping_line_unref (EsShippingLine *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      es_model_free_strings (self, string_fields, G_N_ELEMENTS (string_fields));
      g_free (self);
    }
}

JsonNode *
es_shipping_line_to_json (const EsShippingLine *self,
                          int                   exponent)
{
  JsonObject *object;

  g_return_val_if_fail (self != NULL, NULL);

  object = json_object_new ();
  es_model_write_strings (object, self, string_fields, G_N_ELEMENTS (string_fields));
  es_model_write_money (object, self, money_fields, G_N_ELEMENTS (money_fields), exponent);

  return es_model_node_take_object (object);
}

EsShippingLine *
es_shipping_line_new_from_json (JsonNode    *node,
                                const char  *path,
                                int          exponent,
                                GError     **error)
{
  g_autoptr(EsShippingLine) self = NULL;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = es_model_require_object (node, path, error);
  if (object == NULL || !es_json_check_members (object, path, members, error))
    return NULL;

  self = es_shipping_line_new ();
  if (!es_model_read_strings (object, path, self, string_fields, G_N_ELEMENTS (string_fields),
                              error) ||
      !es_model_read_money (object, path, self, money_fields, G_N_ELEMENTS (money_fields),
                            exponent, error))
    return NULL;

  return g_steal_pointer (&self);
}
