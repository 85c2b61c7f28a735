/* es-fee-line.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-fee-line"

#include "config.h"

#include "es-fee-line.h"
#include "es-json.h"
#include "es-model-private.h"

static const EsModelField string_fields[] = {
  ES_MODEL_FIELD (EsFeeLine, id),
  ES_MODEL_FIELD (EsFeeLine, name),
  ES_MODEL_FIELD (EsFeeLine, tax_class),
};

static const EsModelField money_fields[] = {
  ES_MODEL_FIELD (EsFeeLine, total),
  ES_MODEL_FIELD (EsFeeLine, total_tax),
};

static const char * const members[] = {
  "id", "name", "tax_class", "taxable", "total", "total_tax", NULL,
};

G_DEFINE_BOXED_TYPE (EsFeeLine, es_fee_line, es_fee_line_ref, es_fee_line_unref)

EsFeeLine *
es_fee_line_new (void)
{
  EsFeeLine *self = g_new0 (EsFeeLine, 1);

  g_atomic_ref_count_init (&self->ref_count);

  return self;
}

EsFeeLine *
es_fee_line_ref (EsFeeLine *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
es_fee_line_unref (EsFeeLine *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      es_model_free_strings (self, string_fields, G_N_ELEMENTS (string_fields));
      g_free (self);
    }
}

JsonNode *
es_fee_line_to_json (const EsFeeLine *self,
                     int              exponent)
{
  JsonObject *object;

  g_return_val_if_fail (self != NULL, NULL);

  object = json_object_new ();
  es_model_write_strings (object, self, string_fields, G_N_ELEMENTS (string_fields));
  es_model_write_money (object, self, money_fields, G_N_ELEMENTS (money_fields), exponent);
  json_object_set_boolean_member (object, "taxable", self->taxable);

  return es_model_node_take_object (object);
}

EsFeeLine *
es_fee_line_new_from_json (JsonNode    *node,
                           const char  *path,
                           int          exponent,
                           GError     **error)
{
  g_autoptr(EsFeeLine) self = NULL;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = es_model_require_object (node, path, error);
  if (object == NULL || !es_json_check_members (object, path, members, error))
    return NULL;

  self = es_fee_line_new ();
  if (!es_model_read_strings (object, path, self, string_fields, G_N_ELEMENTS (string_fields),
                              error) ||
      !es_model_read_money (object, path, self, money_fields, G_N_ELEMENTS (money_fields),
                            exponent, error))
    return NULL;

  if (!es_json_require_bool (object, path, "taxable", &self->taxable, error))
    return NULL;

  return g_steal_pointer (&self);
}
