/* es-external-ids.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ES_TYPE_EXTERNAL_IDS (es_external_ids_get_type ())

/**
 * EsExternalIds:
 * A map from a system ("woocommerce", "quickbooks", …) to a record's id in that system. A
 * document carries its own; an order line refers to its product by the product's ids.
 */
typedef struct _EsExternalIds EsExternalIds;

GType          es_external_ids_get_type      (void) G_GNUC_CONST;

/** es_external_ids_new: Returns: (transfer full): an empty map. */
EsExternalIds *es_external_ids_new           (void);
/** es_external_ids_ref: Returns: (transfer full): @self. */
EsExternalIds *es_external_ids_ref           (EsExternalIds  *self);
/** es_external_ids_unref: Drops a reference to @self. */
void           es_external_ids_unref         (EsExternalIds  *self);

/**
 * es_external_ids_set:
 * @system: a non-empty system name
 * @id: (nullable): the id in @system, non-empty; %NULL forgets @system
 */
void           es_external_ids_set           (EsExternalIds  *self,
                                              const char     *system,
                                              const char     *id);
/** es_external_ids_get: Returns: (nullable): the id in @system, or %NULL when there is none. */
const char    *es_external_ids_get           (EsExternalIds  *self,
                                              const char     *system);
/** es_external_ids_get_size: Returns: how many systems have an id. */
guint          es_external_ids_get_size      (EsExternalIds  *self);
/** es_external_ids_dup_systems: Returns: (transfer full): the systems with an id, sorted. */
char         **es_external_ids_dup_systems   (EsExternalIds  *self);

/** es_external_ids_to_json: Returns: (transfer full): an object of system → id strings. */
JsonNode      *es_external_ids_to_json       (EsExternalIds  *self);
/**
 * es_external_ids_new_from_json:
 * @path: where @node sits in its document, for error messages
 *
 * Returns: (transfer full): the map, or %NULL with @error set in %ES_JSON_ERROR when @node is
 *   not an object of non-empty strings with non-empty names.
 */
EsExternalIds *es_external_ids_new_from_json (JsonNode       *node,
                                              const char     *path,
                                              GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EsExternalIds, es_external_ids_unref)

G_END_DECLS
