/* es-customer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "es-address.h"
#include "es-external-ids.h"

G_BEGIN_DECLS

#define ES_TYPE_CUSTOMER (es_customer_get_type ())

/**
 * EsCustomer:
 * A canonical customer: who buys, with billing and shipping addresses. Strings are never %NULL
 * from the getters ("" when empty); times are UTC.
 */
G_DECLARE_FINAL_TYPE (EsCustomer, es_customer, ES, CUSTOMER, GObject)

/** es_customer_new: Returns: (transfer full): a customer with every member empty. */
EsCustomer    *es_customer_new              (void);
/**
 * es_customer_new_from_json:
 * @node: a canonical customer document (docs/model.md)
 *
 * Returns: (transfer full): the customer, or %NULL with @error set in %ES_JSON_ERROR; the
 *   message starts with the path of the offending member.
 */
EsCustomer    *es_customer_new_from_json    (JsonNode  *node,
                                             GError   **error);
/** es_customer_to_json: Returns: (transfer full): the canonical document of @self. */
JsonNode      *es_customer_to_json          (EsCustomer *self);

/** es_customer_get_external_id: Returns: (nullable): the id of @self in @system. */
const char    *es_customer_get_external_id  (EsCustomer *self,
                                             const char *system);
/** es_customer_add_external_id: Records @id as the id of @self in @system. */
void           es_customer_add_external_id  (EsCustomer *self,
                                             const char *system,
                                             const char *id);
/**
 * es_customer_dup_full_name:
 *
 * The name to show and to send where a system wants one: "First Last" from the customer, else
 * from the billing address, else the company, else the email address.
 *
 * Returns: (transfer full): the name, "" when the customer has none of these.
 */
char          *es_customer_dup_full_name    (EsCustomer *self);

/**
 * es_customer_get_external_ids: Returns: (transfer none): the ids of this customer in each system;
 * change it in place.
 */
EsExternalIds *es_customer_get_external_ids (EsCustomer *self);
/**
 * es_customer_get_source: Returns: the system this document came from, e.g. "woocommerce", "" when
 * empty.
 */
const char    *es_customer_get_source       (EsCustomer *self);
/**
 * es_customer_set_source: Sets the system this document came from, e.g. "woocommerce" (%NULL or ""
 * for none).
 */
void           es_customer_set_source       (EsCustomer *self,
                                             const char *source);
/** es_customer_get_first_name: Returns: the first name, "" when empty. */
const char    *es_customer_get_first_name   (EsCustomer *self);
/** es_customer_set_first_name: Sets the first name (%NULL or "" for none). */
void           es_customer_set_first_name   (EsCustomer *self,
                                             const char *first_name);
/** es_customer_get_last_name: Returns: the last name, "" when empty. */
const char    *es_customer_get_last_name    (EsCustomer *self);
/** es_customer_set_last_name: Sets the last name (%NULL or "" for none). */
void           es_customer_set_last_name    (EsCustomer *self,
                                             const char *last_name);
/** es_customer_get_email: Returns: the email address, "" when empty. */
const char    *es_customer_get_email        (EsCustomer *self);
/** es_customer_set_email: Sets the email address (%NULL or "" for none). */
void           es_customer_set_email        (EsCustomer *self,
                                             const char *email);
/** es_customer_get_company: Returns: the company name, "" when empty. */
const char    *es_customer_get_company      (EsCustomer *self);
/** es_customer_set_company: Sets the company name (%NULL or "" for none). */
void           es_customer_set_company      (EsCustomer *self,
                                             const char *company);
/** es_customer_get_phone: Returns: the phone number, "" when empty. */
const char    *es_customer_get_phone        (EsCustomer *self);
/** es_customer_set_phone: Sets the phone number (%NULL or "" for none). */
void           es_customer_set_phone        (EsCustomer *self,
                                             const char *phone);
/**
 * es_customer_get_billing: Returns: (transfer none): the billing address; change it in place or
 * replace it.
 */
EsAddress     *es_customer_get_billing      (EsCustomer *self);
/** es_customer_set_billing: Replaces the billing address with @billing, taking a reference. */
void           es_customer_set_billing      (EsCustomer *self,
                                             EsAddress  *billing);
/**
 * es_customer_get_shipping: Returns: (transfer none): the shipping address; change it in place or
 * replace it.
 */
EsAddress     *es_customer_get_shipping     (EsCustomer *self);
/** es_customer_set_shipping: Replaces the shipping address with @shipping, taking a reference. */
void           es_customer_set_shipping     (EsCustomer *self,
                                             EsAddress  *shipping);
/**
 * es_customer_get_created_at: Returns: (nullable) (transfer none): the time the customer was
 * created in UTC, or %NULL.
 */
GDateTime     *es_customer_get_created_at   (EsCustomer *self);
/**
 * es_customer_set_created_at: Sets the time the customer was created (%NULL for unknown), kept in
 * UTC to the second.
 */
void           es_customer_set_created_at   (EsCustomer *self,
                                             GDateTime  *created_at);
/**
 * es_customer_get_modified_at: Returns: (nullable) (transfer none): the time the customer was last
 * changed in UTC, or %NULL.
 */
GDateTime     *es_customer_get_modified_at  (EsCustomer *self);
/**
 * es_customer_set_modified_at: Sets the time the customer was last changed (%NULL for unknown),
 * kept in UTC to the second.
 */
void           es_customer_set_modified_at  (EsCustomer *self,
                                             GDateTime  *modified_at);

G_END_DECLS
