/* es-address.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ES_TYPE_ADDRESS (es_address_get_type ())

typedef struct _EsAddress EsAddress;

/**
 * EsAddress:
 * A billing or shipping address. Every string member is owned by the address; %NULL and ""
 * both mean empty. @email and @phone are used on billing addresses.
 */
struct _EsAddress
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  char *first_name;
  char *last_name;
  char *company;
  char *address_1;
  char *address_2;
  char *city;
  char *state;
  char *postcode;
  char *country;
  char *email;
  char *phone;
};

GType      es_address_get_type      (void) G_GNUC_CONST;

/** es_address_new: Returns: (transfer full): an empty address. */
EsAddress *es_address_new           (void);
/** es_address_ref: Returns: (transfer full): @self. */
EsAddress *es_address_ref           (EsAddress   *self);
/** es_address_unref: Drops a reference to @self. */
void       es_address_unref         (EsAddress   *self);

/** es_address_is_empty: Returns: %TRUE when every member is empty or blank. */
gboolean   es_address_is_empty      (const EsAddress *self);
/** es_address_dup_name: Returns: (transfer full): "First Last", or "" without a name. */
char      *es_address_dup_name      (const EsAddress *self);
/**
 * es_address_format:
 *
 * Lays the address out as on an envelope, one part per line: name, company, street lines,
 * "City, State Postcode", country. Empty parts and blank lines are left out; there is no
 * trailing newline. Email and phone are not part of it.
 *
 * Returns: (transfer full): the address text, "" for an empty address.
 */
char      *es_address_format        (const EsAddress *self);

/** es_address_to_json: Returns: (transfer full): the canonical object (docs/model.md). */
JsonNode  *es_address_to_json       (const EsAddress *self);
/**
 * es_address_new_from_json:
 * @path: where @node sits in its document, for error messages
 *
 * Returns: (transfer full): the address, or %NULL with @error set in %ES_JSON_ERROR.
 */
EsAddress *es_address_new_from_json (JsonNode    *node,
                                     const char  *path,
                                     GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EsAddress, es_address_unref)

G_END_DECLS
