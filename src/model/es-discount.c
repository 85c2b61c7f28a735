/* es-discount.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-discount"

#include "config.h"

#include <glib/gi18n.h>

#include "es-discount.h"
#include "es-json.h"
#include "es-model-private.h"

static const EsModelField string_fields[] = {
  ES_MODEL_FIELD (EsDiscount, id),
  ES_MODEL_FIELD (EsDiscount, code),
};

static const EsModelField money_fields[] = {
  ES_MODEL_FIELD (EsDiscount, amount),
  ES_MODEL_FIELD (EsDiscount, amount_tax),
};

static const char * const members[] = {
  "id", "code", "type", "nominal", "amount", "amount_tax", NULL,
};

G_DEFINE_BOXED_TYPE (EsDiscount, es_discount, es_discount_ref, es_discount_unref)

/* A percentage is kept in hundredths, written like an amount with two decimals ("12.50"). */
static int
nominal_exponent (EsDiscountType type,
                  int            exponent)
{
  return type == ES_DISCOUNT_TYPE_PERCENT ? 2 : exponent;
}

EsDiscount *
es_discount_new (void)
{
  EsDiscount *self = g_new0 (EsDiscount, 1);

  g_atomic_ref_count_init (&self->ref_count);

  return self;
}

EsDiscount *
es_discount_ref (EsDiscount *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
es_discount_unref (EsDiscount *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      es_model_free_strings (self, string_fields, G_N_ELEMENTS (string_fields));
      g_free (self);
    }
}

JsonNode *
es_discount_to_json (const EsDiscount *self,
                     int               exponent)
{
  JsonObject *object;

  g_return_val_if_fail (self != NULL, NULL);

  object = json_object_new ();
  es_model_write_strings (object, self, string_fields, G_N_ELEMENTS (string_fields));
  es_model_write_money (object, self, money_fields, G_N_ELEMENTS (money_fields), exponent);
  json_object_set_string_member (object, "type", es_discount_type_to_string (self->type));
  es_json_object_set_money (object, "nominal", self->nominal,
                            nominal_exponent (self->type, exponent));

  return es_model_node_take_object (object);
}

EsDiscount *
es_discount_new_from_json (JsonNode    *node,
                           const char  *path,
                           int          exponent,
                           GError     **error)
{
  g_autoptr(EsDiscount) self = NULL;
  const char *type;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = es_model_require_object (node, path, error);
  if (object == NULL || !es_json_check_members (object, path, members, error))
    return NULL;

  self = es_discount_new ();
  if (!es_model_read_strings (object, path, self, string_fields, G_N_ELEMENTS (string_fields),
                              error) ||
      !es_model_read_money (object, path, self, money_fields, G_N_ELEMENTS (money_fields),
                            exponent, error))
    return NULL;

  if (!es_json_require_string (object, path, "type", &type, error))
    return NULL;

  if (!es_discount_type_from_string (type, &self->type))
    {
      g_autofree char *type_path = es_json_path_member (path, "type");

      es_json_set_error (error, ES_JSON_ERROR_VALUE, type_path, _("unknown discount type “%s”"),
                         type);
      return NULL;
    }

  if (!es_json_require_money (object, path, "nominal", nominal_exponent (self->type, exponent),
                              &self->nominal, error))
    return NULL;

  return g_steal_pointer (&self);
}
