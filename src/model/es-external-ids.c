/* es-external-ids.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-external-ids"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "es-external-ids.h"
#include "es-json.h"
#include "es-model-private.h"

struct _EsExternalIds
{
  gatomicrefcount  ref_count;
  GHashTable      *ids;
};

G_DEFINE_BOXED_TYPE (EsExternalIds, es_external_ids, es_external_ids_ref, es_external_ids_unref)

EsExternalIds *
es_external_ids_new (void)
{
  EsExternalIds *self = g_new0 (EsExternalIds, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return self;
}

EsExternalIds *
es_external_ids_ref (EsExternalIds *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
es_external_ids_unref (EsExternalIds *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_hash_table_unref (self->ids);
      g_free (self);
    }
}

void
es_external_ids_set (EsExternalIds *self,
                     const char    *system,
                     const char    *id)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (system != NULL && *system != '\0');
  g_return_if_fail (id == NULL || *id != '\0');

  if (id == NULL)
    g_hash_table_remove (self->ids, system);
  else
    g_hash_table_replace (self->ids, g_strdup (system), g_strdup (id));
}

const char *
es_external_ids_get (EsExternalIds *self,
                     const char    *system)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (system != NULL, NULL);

  return g_hash_table_lookup (self->ids, system);
}

guint
es_external_ids_get_size (EsExternalIds *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->ids);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

char **
es_external_ids_dup_systems (EsExternalIds *self)
{
  g_autofree char **systems = NULL;
  guint n;

  g_return_val_if_fail (self != NULL, NULL);

  systems = (char **) g_hash_table_get_keys_as_array (self->ids, &n);
  qsort (systems, n, sizeof (char *), compare_strings);

  for (guint i = 0; i < n; i++)
    systems[i] = g_strdup (systems[i]);

  return g_steal_pointer (&systems);
}

JsonNode *
es_external_ids_to_json (EsExternalIds *self)
{
  JsonObject *object;
  GHashTableIter iter;
  gpointer system, id;

  g_return_val_if_fail (self != NULL, NULL);

  object = json_object_new ();
  g_hash_table_iter_init (&iter, self->ids);
  while (g_hash_table_iter_next (&iter, &system, &id))
    json_object_set_string_member (object, system, id);

  return es_model_node_take_object (object);
}

EsExternalIds *
es_external_ids_new_from_json (JsonNode    *node,
                               const char  *path,
                               GError     **error)
{
  g_autoptr(EsExternalIds) self = NULL;
  g_autoptr(GList) systems = NULL;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = es_model_require_object (node, path, error);
  if (object == NULL)
    return NULL;

  self = es_external_ids_new ();
  systems = json_object_get_members (object);

  for (const GList *l = systems; l != NULL; l = l->next)
    {
      const char *system = l->data;
      const char *id;

      if (*system == '\0')
        {
          es_json_set_error (error, ES_JSON_ERROR_VALUE, path, "%s", _("a system name is empty"));
          return NULL;
        }

      if (!es_json_require_string (object, path, system, &id, error))
        return NULL;

      if (*id == '\0')
        {
          g_autofree char *id_path = es_json_path_member (path, system);

          es_json_set_error (error, ES_JSON_ERROR_VALUE, id_path, "%s", _("the id is empty"));
          return NULL;
        }

      es_external_ids_set (self, system, id);
    }

  return g_steal_pointer (&self);
}
