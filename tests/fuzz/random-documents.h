/* random-documents.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Random canonical documents and mutations of them, shared by the unit test (a few hundred,
 * seeded by the GLib test seed) and the long fuzz run. Every function here is used by both.
 */

#pragma once

#include <string.h>

#include "es-json.h"
#include "es-model.h"
#include "es-money.h"

/* Pieces that stress escaping and UTF-8: quotes, backslashes, control characters, U+2028,
 * astral characters, HTML entities as WooCommerce sends them. */
static const char * const random_string_pieces[] = {
  "", "a", "John", "Doe", "Ship Your Idea &ndash; Color: Black", "969 Market", "é", "ß", "Ω",
  "😀", "\"", "\\", "/", "\n", "\r\n", "\t", "\x01", "\x1f", "\x7f", "\xe2\x80\xa8", " ", "  ",
  "0", "-1", "1e3", "null", "{}", "[", "<b>", "’", "中文", "\xef\xbb\xbf",
};

static const char * const random_currencies[] = {
  "USD", "EUR", "GBP", "JPY", "KRW", "BHD", "KWD", "TND", "CLF", "XYZ",
};

static const char * const random_systems[] = {
  "woocommerce", "quickbooks", "supabase", "x", "é", "a.b",
};

static char *
random_string (GRand *rand)
{
  GString *out = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, 4);

  for (guint i = 0; i < n; i++)
    {
      gsize piece = g_rand_int_range (rand, 0, G_N_ELEMENTS (random_string_pieces));

      g_string_append (out, random_string_pieces[piece]);
    }

  /* Now and then a long one. */
  if (g_rand_int_range (rand, 0, 50) == 0)
    for (guint i = 0; i < 300; i++)
      g_string_append_c (out, 'a' + i % 26);

  return g_string_free (out, FALSE);
}

static const char *
random_currency (GRand *rand)
{
  return random_currencies[g_rand_int_range (rand, 0, G_N_ELEMENTS (random_currencies))];
}

static gint64
random_amount (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      return 0;
    case 1:
      return g_rand_int_range (rand, -1000, 1000);
    case 2:
      return g_rand_int_range (rand, 0, 10000000);
    case 3:
      return g_rand_boolean (rand) ? G_MAXINT64 : G_MININT64;
    case 4:
      return (gint64) (((guint64) g_rand_int (rand) << 32) | g_rand_int (rand));
    default:
      return -(gint64) g_rand_int (rand);
    }
}

static GDateTime *
random_time (GRand *rand)
{
  if (g_rand_int_range (rand, 0, 4) == 0)
    return NULL;

  /* Years 1 to 9999, whole seconds: everything the canonical form can hold. */
  return g_date_time_new_from_unix_utc ((gint64) g_rand_double_range (rand, -62135596800.0,
                                                                      253402300799.0));
}

static void
fill_random_ids (GRand         *rand,
                 EsExternalIds *ids)
{
  guint n = g_rand_int_range (rand, 0, 4);

  for (guint i = 0; i < n; i++)
    {
      const char *system = random_systems[g_rand_int_range (rand, 0,
                                                            G_N_ELEMENTS (random_systems))];
      g_autofree char *id = g_strdup_printf ("%u", g_rand_int (rand));

      es_external_ids_set (ids, system, id);
    }
}

static EsAddress *
random_address (GRand *rand)
{
  EsAddress *address = es_address_new ();

  address->first_name = random_string (rand);
  address->last_name = random_string (rand);
  address->company = random_string (rand);
  address->address_1 = random_string (rand);
  address->address_2 = random_string (rand);
  address->city = random_string (rand);
  address->state = random_string (rand);
  address->postcode = random_string (rand);
  address->country = random_string (rand);
  address->email = random_string (rand);
  address->phone = random_string (rand);

  return address;
}

static EsCustomer *
random_customer (GRand *rand)
{
  EsCustomer *customer = es_customer_new ();
  g_autoptr(EsAddress) billing = random_address (rand);
  g_autoptr(EsAddress) shipping = random_address (rand);
  g_autofree char *source = random_string (rand);
  g_autofree char *first_name = random_string (rand);
  g_autofree char *last_name = random_string (rand);
  g_autofree char *email = random_string (rand);
  g_autofree char *company = random_string (rand);
  g_autofree char *phone = random_string (rand);
  g_autoptr(GDateTime) created_at = random_time (rand);
  g_autoptr(GDateTime) modified_at = random_time (rand);

  fill_random_ids (rand, es_customer_get_external_ids (customer));
  es_customer_set_source (customer, source);
  es_customer_set_first_name (customer, first_name);
  es_customer_set_last_name (customer, last_name);
  es_customer_set_email (customer, email);
  es_customer_set_company (customer, company);
  es_customer_set_phone (customer, phone);
  es_customer_set_billing (customer, billing);
  es_customer_set_shipping (customer, shipping);
  es_customer_set_created_at (customer, created_at);
  es_customer_set_modified_at (customer, modified_at);

  return customer;
}

static EsProduct *
random_product (GRand *rand)
{
  EsProduct *product = es_product_new (random_currency (rand));
  g_autofree char *source = random_string (rand);
  g_autofree char *name = random_string (rand);
  g_autofree char *sku = random_string (rand);
  g_autofree char *tax_class = random_string (rand);
  g_autoptr(GDateTime) created_at = random_time (rand);
  g_autoptr(GDateTime) modified_at = random_time (rand);

  fill_random_ids (rand, es_product_get_external_ids (product));
  fill_random_ids (rand, es_product_get_parent_ref (product));
  es_product_set_source (product, source);
  es_product_set_name (product, name);
  es_product_set_sku (product, sku);
  es_product_set_tax_class (product, tax_class);
  es_product_set_product_type (product, g_rand_int_range (rand, 0, ES_PRODUCT_TYPE_SERVICE + 1));
  if (g_rand_boolean (rand))
    es_product_set_price (product, random_amount (rand));
  if (g_rand_boolean (rand))
    es_product_set_regular_price (product, random_amount (rand));
  if (g_rand_boolean (rand))
    es_product_set_sale_price (product, random_amount (rand));
  es_product_set_stock (product, g_rand_boolean (rand), random_amount (rand));
  es_product_set_taxable (product, g_rand_boolean (rand));
  es_product_set_active (product, g_rand_boolean (rand));
  es_product_set_created_at (product, created_at);
  es_product_set_modified_at (product, modified_at);

  return product;
}

static EsOrder *
random_order (GRand *rand)
{
  EsOrder *order = es_order_new (random_currency (rand));
  g_autoptr(EsAddress) billing = random_address (rand);
  g_autoptr(EsAddress) shipping = random_address (rand);
  g_autofree char *source = random_string (rand);
  g_autofree char *number = random_string (rand);
  g_autofree char *payment_method = random_string (rand);
  g_autofree char *payment_method_title = random_string (rand);
  g_autofree char *transaction_id = random_string (rand);
  g_autofree char *customer_note = random_string (rand);
  g_autoptr(GDateTime) created_at = random_time (rand);
  g_autoptr(GDateTime) modified_at = random_time (rand);
  g_autoptr(GDateTime) paid_at = random_time (rand);
  g_autoptr(GDateTime) completed_at = random_time (rand);
  guint n;

  fill_random_ids (rand, es_order_get_external_ids (order));
  fill_random_ids (rand, es_order_get_customer_ref (order));
  es_order_set_source (order, source);
  es_order_set_number (order, number);
  es_order_set_status (order, g_rand_int_range (rand, 0, ES_ORDER_STATUS_FAILED + 1));
  es_order_set_payment_status (order, g_rand_int_range (rand, ES_PAYMENT_STATUS_PENDING,
                                                        ES_PAYMENT_STATUS_PARTIALLY_REFUNDED + 1));
  es_order_set_prices_include_tax (order, g_rand_boolean (rand));
  es_order_set_created_at (order, created_at);
  es_order_set_modified_at (order, modified_at);
  es_order_set_paid_at (order, paid_at);
  es_order_set_completed_at (order, completed_at);
  es_order_set_billing (order, billing);
  es_order_set_shipping (order, shipping);

  n = g_rand_int_range (rand, 0, 5);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EsLineItem) item = es_line_item_new ();

      item->id = random_string (rand);
      item->name = random_string (rand);
      item->sku = random_string (rand);
      item->tax_class = random_string (rand);
      fill_random_ids (rand, item->product_ref);
      item->quantity = random_amount (rand);
      item->unit_price = random_amount (rand);
      item->subtotal = random_amount (rand);
      item->subtotal_tax = random_amount (rand);
      item->total = random_amount (rand);
      item->total_tax = random_amount (rand);
      es_order_add_line_item (order, item);
    }

  n = g_rand_int_range (rand, 0, 3);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EsShippingLine) line = es_shipping_line_new ();

      line->id = random_string (rand);
      line->method_id = random_string (rand);
      line->method_title = random_string (rand);
      line->total = random_amount (rand);
      line->total_tax = random_amount (rand);
      es_order_add_shipping_line (order, line);
    }

  n = g_rand_int_range (rand, 0, 3);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EsFeeLine) line = es_fee_line_new ();

      line->id = random_string (rand);
      line->name = random_string (rand);
      line->tax_class = random_string (rand);
      line->taxable = g_rand_boolean (rand);
      line->total = random_amount (rand);
      line->total_tax = random_amount (rand);
      es_order_add_fee_line (order, line);
    }

  n = g_rand_int_range (rand, 0, 3);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EsDiscount) discount = es_discount_new ();

      discount->id = random_string (rand);
      discount->code = random_string (rand);
      discount->type = g_rand_int_range (rand, 0, ES_DISCOUNT_TYPE_FIXED_PRODUCT + 1);
      discount->nominal = random_amount (rand);
      discount->amount = random_amount (rand);
      discount->amount_tax = random_amount (rand);
      es_order_add_discount (order, discount);
    }

  n = g_rand_int_range (rand, 0, 3);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EsTaxLine) line = es_tax_line_new ();

      line->id = random_string (rand);
      line->rate_id = random_string (rand);
      line->rate_code = random_string (rand);
      line->label = random_string (rand);
      line->compound = g_rand_boolean (rand);
      line->tax_total = random_amount (rand);
      line->shipping_tax_total = random_amount (rand);
      es_order_add_tax_line (order, line);
    }

  es_order_set_subtotal (order, random_amount (rand));
  es_order_set_discount_total (order, random_amount (rand));
  es_order_set_discount_tax (order, random_amount (rand));
  es_order_set_shipping_total (order, random_amount (rand));
  es_order_set_shipping_tax (order, random_amount (rand));
  es_order_set_tax_total (order, random_amount (rand));
  es_order_set_total (order, random_amount (rand));
  es_order_set_refunded_total (order, random_amount (rand));
  es_order_set_payment_method (order, payment_method);
  es_order_set_payment_method_title (order, payment_method_title);
  es_order_set_transaction_id (order, transaction_id);
  es_order_set_customer_note (order, customer_note);

  return order;
}

/* A random order, customer or product, as its canonical JSON document. */
static JsonNode *
random_document (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      {
        g_autoptr(EsCustomer) customer = random_customer (rand);

        return es_customer_to_json (customer);
      }
    case 1:
      {
        g_autoptr(EsProduct) product = random_product (rand);

        return es_product_to_json (product);
      }
    default:
      {
        g_autoptr(EsOrder) order = random_order (rand);

        return es_order_to_json (order);
      }
    }
}

/* Reads @node back as the document its "kind" says and writes it out again. */
static JsonNode *
reread_document (JsonNode  *node,
                 GError   **error)
{
  const char *kind = JSON_NODE_HOLDS_OBJECT (node)
                       ? es_json_get_string (json_node_get_object (node), "kind", "")
                       : "";

  if (g_str_equal (kind, "customer"))
    {
      g_autoptr(EsCustomer) customer = es_customer_new_from_json (node, error);

      return customer != NULL ? es_customer_to_json (customer) : NULL;
    }
  else if (g_str_equal (kind, "product"))
    {
      g_autoptr(EsProduct) product = es_product_new_from_json (node, error);

      return product != NULL ? es_product_to_json (product) : NULL;
    }
  else
    {
      g_autoptr(EsOrder) order = es_order_new_from_json (node, error);

      return order != NULL ? es_order_to_json (order) : NULL;
    }
}

/* Checks that the canonical text of @node survives parse → model → JSON byte for byte. */
static void
assert_round_trip (JsonNode *node)
{
  g_autofree char *text = es_json_to_canonical_string (node, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) parsed = es_json_parse (text, -1, &error);
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *again_text = NULL;

  g_assert_no_error (error);
  again = reread_document (parsed, &error);
  if (error != NULL)
    g_printerr ("document: %s\n", text);
  g_assert_no_error (error);
  again_text = es_json_to_canonical_string (again, FALSE);
  g_assert_cmpstr (again_text, ==, text);
}

/* Values that stress the readers: wrong types, bad amounts and times, unknown enum names. */
static JsonNode *
random_json_value (GRand *rand)
{
  static const char * const strings[] = {
    "", "1e3", "-0.001", "0.005", "99999999999999999999", ".5", "12", "29.35", "shipped",
    "on-hold", "percent", "variation", "2017-02-30T00:00:00Z", "2017-03-22T16:28:08",
    "2015-07-24T10:35:08-07:00", "yesterday", "USD", "usd", "order", "product", "customer",
  };
  JsonNode *node;

  switch (g_rand_int_range (rand, 0, 8))
    {
    case 0:
      return json_node_init_null (json_node_alloc ());
    case 1:
      return json_node_init_boolean (json_node_alloc (), g_rand_boolean (rand));
    case 2:
      return json_node_init_int (json_node_alloc (), random_amount (rand));
    case 3:
      return json_node_init_double (json_node_alloc (), g_rand_double_range (rand, -1e6, 1e6));
    case 4:
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, json_object_new ());
      return node;
    case 5:
      node = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (node, json_array_new ());
      return node;
    default:
      return json_node_init_string (json_node_alloc (),
                                    strings[g_rand_int_range (rand, 0, G_N_ELEMENTS (strings))]);
    }
}

/* Replaces, removes or adds one member or element somewhere in @node. */
static void
mutate_tree (GRand    *rand,
             JsonNode *node)
{
  for (guint depth = 0; depth < 8; depth++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *object = json_node_get_object (node);
          g_autoptr(GList) members = json_object_get_members (object);
          guint n = g_list_length (members);
          const char *member;

          if (n == 0 || g_rand_int_range (rand, 0, 10) == 0)
            {
              json_object_set_member (object, g_rand_boolean (rand) ? "unexpected" : "id",
                                      random_json_value (rand));
              return;
            }

          member = g_list_nth_data (members, g_rand_int_range (rand, 0, n));
          if (g_rand_int_range (rand, 0, 3) == 0)
            {
              switch (g_rand_int_range (rand, 0, 3))
                {
                case 0:
                  json_object_remove_member (object, member);
                  break;
                default:
                  json_object_set_member (object, member, random_json_value (rand));
                  break;
                }
              return;
            }
          node = json_object_get_member (object, member);
        }
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint n = json_array_get_length (array);

          if (n == 0 || g_rand_int_range (rand, 0, 4) == 0)
            {
              json_array_add_element (array, random_json_value (rand));
              return;
            }
          node = json_array_get_element (array, g_rand_int_range (rand, 0, n));
        }
      else
        {
          return;
        }
    }
}

/* Byte-level damage to JSON text: flips, cuts, insertions of syntax and duplicated spans. */
static char *
mutate_text (GRand      *rand,
             const char *text)
{
  static const char * const inserts[] = {
    "\"", "{", "}", "[", "]", ",", ":", "0", "-", ".", "e", "null", "true", "\\", "\\u0000",
    "\\ud800", "\xff", "\xc3", "01", "1e999", "99999999999999999999", " ", "\n",
  };
  GString *out = g_string_new (text);
  guint n = g_rand_int_range (rand, 1, 4);

  for (guint i = 0; i < n && out->len > 0; i++)
    {
      gsize at = g_rand_int_range (rand, 0, out->len);
      gsize wanted = g_rand_int_range (rand, 1, 64);
      gsize span_len = MIN (wanted, out->len - at);

      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          out->str[at] = (char) g_rand_int_range (rand, 1, 256);
          break;
        case 1:
          g_string_erase (out, at, span_len);
          break;
        case 2:
          g_string_insert (out, at, inserts[g_rand_int_range (rand, 0, G_N_ELEMENTS (inserts))]);
          break;
        default:
          {
            g_autofree char *span = g_strndup (out->str + at, span_len);

            g_string_insert (out, g_rand_int_range (rand, 0, out->len), span);
          }
          break;
        }
    }

  return g_string_free (out, FALSE);
}

/* Damaged input must give an error in ES_JSON_ERROR, or a document that is its own canonical
 * form once read and written again. Crashes and leaks are caught by the sanitizers.
 * Returns: %TRUE when the damaged text was still a valid document. */
static gboolean
assert_damage_is_handled (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = es_json_parse (text, -1, &error);
  g_autoptr(JsonNode) first = NULL;

  if (node == NULL)
    {
      g_assert_error (error, ES_JSON_ERROR, ES_JSON_ERROR_PARSE);
      return FALSE;
    }

  first = reread_document (node, &error);
  if (first == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == ES_JSON_ERROR);
      g_assert_cmpint (error->code, !=, ES_JSON_ERROR_PARSE);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return FALSE;
    }

  g_assert_no_error (error);
  assert_round_trip (first);
  return TRUE;
}
