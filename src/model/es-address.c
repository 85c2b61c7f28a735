/* es-address.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-address"

#include "config.h"

#include "es-address.h"
#include "es-json.h"
#include "es-model-private.h"

static const EsModelField string_fields[] = {
  ES_MODEL_FIELD (EsAddress, first_name),
  ES_MODEL_FIELD (EsAddress, last_name),
  ES_MODEL_FIELD (EsAddress, company),
  ES_MODEL_FIELD (EsAddress, address_1),
  ES_MODEL_FIELD (EsAddress, address_2),
  ES_MODEL_FIELD (EsAddress, city),
  ES_MODEL_FIELD (EsAddress, state),
  ES_MODEL_FIELD (EsAddress, postcode),
  ES_MODEL_FIELD (EsAddress, country),
  ES_MODEL_FIELD (EsAddress, email),
  ES_MODEL_FIELD (EsAddress, phone),
};

static const char * const members[] = {
  "first_name", "last_name", "company", "address_1", "address_2", "city", "state", "postcode",
  "country", "email", "phone", NULL,
};

G_DEFINE_BOXED_TYPE (EsAddress, es_address, es_address_ref, es_address_unref)

/* A copy of @text without surrounding blanks, or %NULL when nothing is left. */
static char *
dup_trimmed (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  return *copy != '\0' ? g_steal_pointer (&copy) : NULL;
}

/* Joins the non-empty, trimmed @parts with @separator. */
static char *
join_parts (const char         *separator,
            const char * const *parts,
            gsize               n_parts)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < n_parts; i++)
    {
      g_autofree char *part = dup_trimmed (parts[i]);

      if (part == NULL)
        continue;
      if (out->len > 0)
        g_string_append (out, separator);
      g_string_append (out, part);
    }

  return g_string_free (out, FALSE);
}

EsAddress *
es_address_new (void)
{
  EsAddress *self = g_new0 (EsAddress, 1);

  g_atomic_ref_count_init (&self->ref_count);

  return self;
}

EsAddress *
es_address_ref (EsAddress *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
es_address_unref (EsAddress *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      es_model_free_strings (self, string_fields, G_N_ELEMENTS (string_fields));
      g_free (self);
    }
}

gboolean
es_address_is_empty (const EsAddress *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  for (gsize i = 0; i < G_N_ELEMENTS (string_fields); i++)
    {
      g_autofree char *value =
        dup_trimmed (G_STRUCT_MEMBER (const char *, self, string_fields[i].offset));

      if (value != NULL)
        return FALSE;
    }

  return TRUE;
}

char *
es_address_dup_name (const EsAddress *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return join_parts (" ", (const char *[]) { self->first_name, self->last_name }, 2);
}

char *
es_address_format (const EsAddress *self)
{
  g_autofree char *name = NULL;
  g_autofree char *region = NULL;
  g_autofree char *city_line = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  name = es_address_dup_name (self);
  region = join_parts (" ", (const char *[]) { self->state, self->postcode }, 2);
  city_line = join_parts (", ", (const char *[]) { self->city, region }, 2);

  return join_parts ("\n",
                     (const char *[]) {
                       name, self->company, self->address_1, self->address_2, city_line,
                       self->country,
                     },
                     6);
}

JsonNode *
es_address_to_json (const EsAddress *self)
{
  JsonObject *object;

  g_return_val_if_fail (self != NULL, NULL);

  object = json_object_new ();
  es_model_write_strings (object, self, string_fields, G_N_ELEMENTS (string_fields));

  return es_model_node_take_object (object);
}

EsAddress *
es_address_new_from_json (JsonNode    *node,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(EsAddress) self = NULL;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = es_model_require_object (node, path, error);
  if (object == NULL || !es_json_check_members (object, path, members, error))
    return NULL;

  self = es_address_new ();
  if (!es_model_read_strings (object, path, self, string_fields, G_N_ELEMENTS (string_fields),
                              error))
    return NULL;

  return g_steal_pointer (&self);
}
