/* es-tax-line.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-tax-line"

#include "config.h"

#include "es-json.h"
#include "es-model-private.h"
#include "es-tax-line.h"

static const EsModelField string_fields[] = {
  ES_MODEL_FIELD (EsTaxLine, id),
  ES_MODEL_FIELD (EsTaxLine, rate_id),
  ES_MODEL_FIELD (EsTaxLine, rate_code),
  ES_MODEL_FIELD (EsTaxLine, label),
};

static const EsModelField money_fields[] = {
  ES_MODEL_FIELD (EsTaxLine, tax_total),
  ES_MODEL_FIELD (EsTaxLine, shipping_tax_total),
};

static const char * const members[] = {
  "id", "rate_id", "rate_code", "label", "compound", "tax_total", "shipping_tax_total", NULL,
};

G_DEFINE_BOXED_TYPE (EsTaxLine, es_tax_line, es_tax_line_ref, es_tax_line_unref)

EsTaxLine *
es_tax_line_new (void)
{
  EsTaxLine *self = g_new0 (EsTaxLine, 1);

  g_atomic_ref_count_init (&self->ref_count);

  return self;
}

EsTaxLine *
es_tax_line_ref (EsTaxLine *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
es_tax_line_unref (EsTaxLine *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      es_model_free_strings (self, string_fields, G_N_ELEMENTS (string_fields));
      g_free (self);
    }
}

JsonNode *
es_tax_line_to_json (const EsTaxLine *self,
                     int              exponent)
{
  JsonObject *object;

  g_return_val_if_fail (self != NULL, NULL);

  object = json_object_new ();
  es_model_write_strings (object, self, string_fields, G_N_ELEMENTS (string_fields));
  es_model_write_money (object, self, money_fields, G_N_ELEMENTS (money_fields), exponent);
  json_object_set_boolean_member (object, "compound", self->compound);

  return es_model_node_take_object (object);
}

EsTaxLine *
es_tax_line_new_from_json (JsonNode    *node,
                           const char  *path,
                           int          exponent,
                           GError     **error)
{
  g_autoptr(EsTaxLine) self = NULL;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = es_model_require_object (node, path, error);
  if (object == NULL || !es_json_check_members (object, path, members, error))
    return NULL;

  self = es_tax_line_new ();
  if (!es_model_read_strings (object, path, self, string_fields, G_N_ELEMENTS (string_fields),
                              error) ||
      !es_model_read_money (object, path, self, money_fields, G_N_ELEMENTS (money_fields),
                            exponent, error))
    return NULL;

  if (!es_json_require_bool (object, path, "compound", &self->compound, error))
    return NULL;

  return g_steal_pointer (&self);
}
