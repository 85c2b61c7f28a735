/* es-model-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "es-address.h"
#include "es-external-ids.h"

G_BEGIN_DECLS

/* A string or money member of a record, found by its offset: the documents and their parts
 * read, write and free their plain members through tables of these. */
typedef struct
{
  const char *name;
  gsize       offset;
} EsModelField;

#define ES_MODEL_FIELD(Type, member) { #member, G_STRUCT_OFFSET (Type, member) }

void      es_model_set_string   (char              **field,
                                 const char         *value);
void      es_model_set_time     (GDateTime         **field,
                                 GDateTime          *value);

void      es_model_free_strings (gpointer            record,
                                 const EsModelField *fields,
                                 gsize               n_fields);
void      es_model_write_strings (JsonObject         *object,
                                  gconstpointer       record,
                                  const EsModelField *fields,
                                  gsize               n_fields);
gboolean  es_model_read_strings (JsonObject         *object,
                                 const char         *path,
                                 gpointer            record,
                                 const EsModelField *fields,
                                 gsize               n_fields,
                                 GError            **error);
void      es_model_write_money  (JsonObject         *object,
                                 gconstpointer       record,
                                 const EsModelField *fields,
                                 gsize               n_fields,
                                 int                 exponent);
gboolean  es_model_read_money   (JsonObject         *object,
                                 const char         *path,
                                 gpointer            record,
                                 const EsModelField *fields,
                                 gsize               n_fields,
                                 int                 exponent,
                                 GError            **error);

JsonNode *es_model_node_take_object (JsonObject *object);
JsonObject *es_model_require_object (JsonNode    *node,
                                     const char  *path,
                                     GError     **error);
gboolean  es_model_read_currency (JsonObject  *object,
                                  char       **out_currency,
                                  int         *out_exponent,
                                  GError     **error);
/* Readers of the members of a document's root, replacing what @field holds on success. */
gboolean  es_model_read_time    (JsonObject         *object,
                                 const char         *member,
                                 GDateTime         **field,
                                 GError            **error);
gboolean  es_model_read_address (JsonObject         *object,
                                 const char         *member,
                                 EsAddress         **field,
                                 GError            **error);
gboolean  es_model_read_external_ids (JsonObject     *object,
                                      const char     *member,
                                      EsExternalIds **field,
                                      GError        **error);

void      es_model_write_header (JsonObject         *object,
                                 const char         *kind);
gboolean  es_model_read_header  (JsonObject         *object,
                                 const char         *kind,
                                 const char * const *members,
                                 GError            **error);

G_END_DECLS
