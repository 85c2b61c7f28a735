/* es-customer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-customer"

#include "config.h"

#include "es-customer.h"
#include "es-json.h"
#include "es-model-private.h"

struct _EsCustomer
{
  GObject        parent_instance;

  EsExternalIds *external_ids;
  EsAddress     *billing;
  EsAddress     *shipping;
  GDateTime     *created_at;
  GDateTime     *modified_at;

  char          *source;
  char          *first_name;
  char          *last_name;
  char          *email;
  char          *company;
  char          *phone;
};

G_DEFINE_FINAL_TYPE (EsCustomer, es_customer, G_TYPE_OBJECT)

static const EsModelField string_fields[] = {
  ES_MODEL_FIELD (EsCustomer, source),
  ES_MODEL_FIELD (EsCustomer, first_name),
  ES_MODEL_FIELD (EsCustomer, last_name),
  ES_MODEL_FIELD (EsCustomer, email),
  ES_MODEL_FIELD (EsCustomer, company),
  ES_MODEL_FIELD (EsCustomer, phone),
};

static const char * const members[] = {
  "schema_version", "kind", "source", "external_ids", "first_name", "last_name", "email",
  "company", "phone", "billing", "shipping", "created_at", "modified_at", NULL,
};

/* Trimmed @text, or %NULL when it is blank. */
static char *
dup_nonblank (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  return *copy != '\0' ? g_steal_pointer (&copy) : NULL;
}

/* "First Last" with blanks trimmed, or %NULL when both are blank. */
static char *
dup_name (const char *first_name,
          const char *last_name)
{
  g_autofree char *first = dup_nonblank (first_name);
  g_autofree char *last = dup_nonblank (last_name);

  if (first != NULL && last != NULL)
    return g_strconcat (first, " ", last, NULL);

  return first != NULL ? g_steal_pointer (&first) : g_steal_pointer (&last);
}

static void
es_customer_finalize (GObject *object)
{
  EsCustomer *self = (EsCustomer *) object;

  g_clear_pointer (&self->external_ids, es_external_ids_unref);
  g_clear_pointer (&self->billing, es_address_unref);
  g_clear_pointer (&self->shipping, es_address_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->modified_at, g_date_time_unref);
  es_model_free_strings (self, string_fields, G_N_ELEMENTS (string_fields));

  G_OBJECT_CLASS (es_customer_parent_class)->finalize (object);
}

static void
es_customer_class_init (EsCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = es_customer_finalize;
}

static void
es_customer_init (EsCustomer *self)
{
  self->external_ids = es_external_ids_new ();
  self->billing = es_address_new ();
  self->shipping = es_address_new ();
}

EsCustomer *
es_customer_new (void)
{
  return g_object_new (ES_TYPE_CUSTOMER, NULL);
}

EsCustomer *
es_customer_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(EsCustomer) self = NULL;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = es_model_require_object (node, "", error);
  if (object == NULL || !es_model_read_header (object, "customer", members, error))
    return NULL;

  self = es_customer_new ();
  if (!es_model_read_strings (object, "", self, string_fields, G_N_ELEMENTS (string_fields),
                              error) ||
      !es_model_read_external_ids (object, "external_ids", &self->external_ids, error) ||
      !es_model_read_address (object, "billing", &self->billing, error) ||
      !es_model_read_address (object, "shipping", &self->shipping, error) ||
      !es_model_read_time (object, "created_at", &self->created_at, error) ||
      !es_model_read_time (object, "modified_at", &self->modified_at, error))
    return NULL;

  return g_steal_pointer (&self);
}

JsonNode *
es_customer_to_json (EsCustomer *self)
{
  JsonObject *object;

  g_return_val_if_fail (ES_IS_CUSTOMER (self), NULL);

  object = json_object_new ();
  es_model_write_header (object, "customer");
  es_model_write_strings (object, self, string_fields, G_N_ELEMENTS (string_fields));
  json_object_set_member (object, "external_ids", es_external_ids_to_json (self->external_ids));
  json_object_set_member (object, "billing", es_address_to_json (self->billing));
  json_object_set_member (object, "shipping", es_address_to_json (self->shipping));
  es_json_object_set_time (object, "created_at", self->created_at);
  es_json_object_set_time (object, "modified_at", self->modified_at);

  return es_model_node_take_object (object);
}

const char *
es_customer_get_external_id (EsCustomer *self,
                             const char *system)
{
  g_return_val_if_fail (ES_IS_CUSTOMER (self), NULL);

  return es_external_ids_get (self->external_ids, system);
}

void
es_customer_add_external_id (EsCustomer *self,
                             const char *system,
                             const char *id)
{
  g_return_if_fail (ES_IS_CUSTOMER (self));

  es_external_ids_set (self->external_ids, system, id);
}

char *
es_customer_dup_full_name (EsCustomer *self)
{
  g_autofree char *own_name = NULL;
  g_autofree char *billing_name = NULL;

  g_return_val_if_fail (ES_IS_CUSTOMER (self), NULL);

  own_name = dup_name (self->first_name, self->last_name);
  if (own_name != NULL)
    return g_steal_pointer (&own_name);

  billing_name = es_address_dup_name (self->billing);
  if (*billing_name != '\0')
    return g_steal_pointer (&billing_name);

  {
    const char *fallbacks[] = {
      self->company, self->billing->company, self->email, self->billing->email,
    };

    for (guint i = 0; i < G_N_ELEMENTS (fallbacks); i++)
      {
        char *name = dup_nonblank (fallbacks[i]);

        if (name != NULL)
          return name;
      }
  }

  return g_strdup ("");
}

EsExternalIds *
es_customer_get_external_ids (EsCustomer *self)
{
  g_return_val_if_fail (ES_IS_CUSTOMER (self), NULL);

  return self->external_ids;
}

const char *
es_customer_get_source (EsCustomer *self)
{
  g_return_val_if_fail (ES_IS_CUSTOMER (self), NULL);

  return self->source != NULL ? self->source : "";
}

void
es_customer_set_source (EsCustomer *self,
                        const char *source)
{
  g_return_if_fail (ES_IS_CUSTOMER (self));

  es_model_set_string (&self->source, source);
}

const char *
es_customer_get_first_name (EsCustomer *self)
{
  g_return_val_if_fail (ES_IS_CUSTOMER (self), NULL);

  return self->first_name != NULL ? self->first_name : "";
}

void
es_customer_set_first_name (EsCustomer *self,
                            const char *first_name)
{
  g_return_if_fail (ES_IS_CUSTOMER (self));

  es_model_set_string (&self->first_name, first_name);
}

const char *
es_customer_get_last_name (EsCustomer *self)
{
  g_return_val_if_fail (ES_IS_CUSTOMER (self), NULL);

  return self->last_name != NULL ? self->last_name : "";
}

void
es_customer_set_last_name (EsCustomer *self,
                           const char *last_name)
{
  g_return_if_fail (ES_IS_CUSTOMER (self));

  es_model_set_string (&self->last_name, last_name);
}

const char *
es_customer_get_email (EsCustomer *self)
{
  g_return_val_if_fail (ES_IS_CUSTOMER (self), NULL);

  return self->email != NULL ? self->email : "";
}

void
es_customer_set_email (EsCustomer *self,
                       const char *email)
{
  g_return_if_fail (ES_IS_CUSTOMER (self));

  es_model_set_string (&self->email, email);
}

const char *
es_customer_get_company (EsCustomer *self)
{
  g_return_val_if_fail (ES_IS_CUSTOMER (self), NULL);

  return self->company != NULL ? self->company : "";
}

void
es_customer_set_company (EsCustomer *self,
                         const char *company)
{
  g_return_if_fail (ES_IS_CUSTOMER (self));

  es_model_set_string (&self->company, company);
}

const char *
es_customer_get_phone (EsCustomer *self)
{
  g_return_val_if_fail (ES_IS_CUSTOMER (self), NULL);

  return self->phone != NULL ? self->phone : "";
}

void
es_customer_set_phone (EsCustomer *self,
                       const char *phone)
{
  g_return_if_fail (ES_IS_CUSTOMER (self));

  es_model_set_string (&self->phone, phone);
}

EsAddress *
es_customer_get_billing (EsCustomer *self)
{
  g_return_val_if_fail (ES_IS_CUSTOMER (self), NULL);

  return self->billing;
}

void
es_customer_set_billing (EsCustomer *self,
                         EsAddress  *billing)
{
  g_return_if_fail (ES_IS_CUSTOMER (self));
  g_return_if_fail (billing != NULL);

  es_address_ref (billing);
  es_address_unref (self->billing);
  self->billing = billing;
}

EsAddress *
es_customer_get_shipping (EsCustomer *self)
{
  g_return_val_if_fail (ES_IS_CUSTOMER (self), NULL);

  return self->shipping;
}

void
es_customer_set_shipping (EsCustomer *self,
                          EsAddress  *shipping)
{
  g_return_if_fail (ES_IS_CUSTOMER (self));
  g_return_if_fail (shipping != NULL);

  es_address_ref (shipping);
  es_address_unref (self->shipping);
  self->shipping = shipping;
}

GDateTime *
es_customer_get_created_at (EsCustomer *self)
{
  g_return_val_if_fail (ES_IS_CUSTOMER (self), NULL);

  return self->created_at;
}

void
es_customer_set_created_at (EsCustomer *self,
                            GDateTime  *created_at)
{
  g_return_if_fail (ES_IS_CUSTOMER (self));

  es_model_set_time (&self->created_at, created_at);
}

GDateTime *
es_customer_get_modified_at (EsCustomer *self)
{
  g_return_val_if_fail (ES_IS_CUSTOMER (self), NULL);

  return self->modified_at;
}

void
es_customer_set_modified_at (EsCustomer *self,
                             GDateTime  *modified_at)
{
  g_return_if_fail (ES_IS_CUSTOMER (self));

  es_model_set_time (&self->modified_at, modified_at);
}
