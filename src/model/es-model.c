/* es-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-model"

#include "config.h"

#include <glib/gi18n.h>

#include "es-json.h"
#include "es-model.h"
#include "es-model-private.h"
#include "es-money.h"
#include "es-time.h"

/* Empty and unset are one state, kept as NULL, so that a document has one canonical form. */
void
es_model_set_string (char       **field,
                     const char  *value)
{
  g_free (*field);
  *field = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

void
es_model_set_time (GDateTime **field,
                   GDateTime  *value)
{
  g_clear_pointer (field, g_date_time_unref);
  if (value != NULL)
    *field = es_time_normalize (value);
}

void
es_model_free_strings (gpointer            record,
                       const EsModelField *fields,
                       gsize               n_fields)
{
  for (gsize i = 0; i < n_fields; i++)
    g_clear_pointer (&G_STRUCT_MEMBER (char *, record, fields[i].offset), g_free);
}

void
es_model_write_strings (JsonObject         *object,
                        gconstpointer       record,
                        const EsModelField *fields,
                        gsize               n_fields)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      const char *value = G_STRUCT_MEMBER (const char *, record, fields[i].offset);

      json_object_set_string_member (object, fields[i].name, value != NULL ? value : "");
    }
}

gboolean
es_model_read_strings (JsonObject          *object,
                       const char          *path,
                       gpointer             record,
                       const EsModelField  *fields,
                       gsize                n_fields,
                       GError             **error)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      const char *value;

      if (!es_json_require_string (object, path, fields[i].name, &value, error))
        return FALSE;
      es_model_set_string (&G_STRUCT_MEMBER (char *, record, fields[i].offset), value);
    }

  return TRUE;
}

void
es_model_write_money (JsonObject         *object,
                      gconstpointer       record,
                      const EsModelField *fields,
                      gsize               n_fields,
                      int                 exponent)
{
  for (gsize i = 0; i < n_fields; i++)
    es_json_object_set_money (object, fields[i].name,
                              G_STRUCT_MEMBER (gint64, record, fields[i].offset), exponent);
}

gboolean
es_model_read_money (JsonObject          *object,
                     const char          *path,
                     gpointer             record,
                     const EsModelField  *fields,
                     gsize                n_fields,
                     int                  exponent,
                     GError             **error)
{
  for (gsize i = 0; i < n_fields; i++)
    if (!es_json_require_money (object, path, fields[i].name, exponent,
                                &G_STRUCT_MEMBER (gint64, record, fields[i].offset), error))
      return FALSE;

  return TRUE;
}

JsonNode *
es_model_node_take_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);

  return node;
}

JsonObject *
es_model_require_object (JsonNode    *node,
                         const char  *path,
                         GError     **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      es_json_set_error (error, ES_JSON_ERROR_TYPE, path, "%s", _("expected an object"));
      return NULL;
    }

  return json_node_get_object (node);
}

gboolean
es_model_read_currency (JsonObject  *object,
                        char       **out_currency,
                        int         *out_exponent,
                        GError     **error)
{
  const char *currency;

  if (!es_json_require_string (object, "", "currency", &currency, error))
    return FALSE;

  *out_exponent = es_money_currency_exponent (currency);
  if (*out_exponent < 0)
    return es_json_set_error (error, ES_JSON_ERROR_VALUE, "currency",
                              _("“%s” is not an ISO 4217 currency code"), currency);

  *out_currency = g_strdup (currency);
  return TRUE;
}

gboolean
es_model_read_time (JsonObject  *object,
                    const char  *member,
                    GDateTime  **field,
                    GError     **error)
{
  g_autoptr(GDateTime) time = NULL;

  if (!es_json_require_time (object, "", member, TRUE, &time, error))
    return FALSE;

  es_model_set_time (field, time);
  return TRUE;
}

gboolean
es_model_read_address (JsonObject  *object,
                       const char  *member,
                       EsAddress  **field,
                       GError     **error)
{
  JsonObject *unused;
  EsAddress *address;

  /* Reports a missing member; the address reader reports the rest. */
  if (!es_json_require_object (object, "", member, &unused, error))
    return FALSE;

  address = es_address_new_from_json (json_object_get_member (object, member), member, error);
  if (address == NULL)
    return FALSE;

  g_clear_pointer (field, es_address_unref);
  *field = address;
  return TRUE;
}

gboolean
es_model_read_external_ids (JsonObject     *object,
                            const char     *member,
                            EsExternalIds **field,
                            GError        **error)
{
  JsonObject *unused;
  EsExternalIds *ids;

  if (!es_json_require_object (object, "", member, &unused, error))
    return FALSE;

  ids = es_external_ids_new_from_json (json_object_get_member (object, member), member, error);
  if (ids == NULL)
    return FALSE;

  g_clear_pointer (field, es_external_ids_unref);
  *field = ids;
  return TRUE;
}

void
es_model_write_header (JsonObject *object,
                       const char *kind)
{
  json_object_set_int_member (object, "schema_version", ES_MODEL_SCHEMA_VERSION);
  json_object_set_string_member (object, "kind", kind);
}

gboolean
es_model_read_header (JsonObject          *object,
                      const char          *kind,
                      const char * const  *members,
                      GError             **error)
{
  gint64 version;
  const char *found_kind;

  if (!es_json_require_int (object, "", "schema_version", &version, error))
    return FALSE;

  if (version != ES_MODEL_SCHEMA_VERSION)
    {
      g_autofree char *found = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      return es_json_set_error (error, ES_JSON_ERROR_VALUE, "schema_version",
                                _("version %s is not supported (this version of the app "
                                  "reads %d)"),
                                found, ES_MODEL_SCHEMA_VERSION);
    }

  if (!es_json_require_string (object, "", "kind", &found_kind, error))
    return FALSE;

  if (g_strcmp0 (found_kind, kind) != 0)
    return es_json_set_error (error, ES_JSON_ERROR_VALUE, "kind",
                              _("expected “%s”, not “%s”"), kind, found_kind);

  return es_json_check_members (object, "", members, error);
}
