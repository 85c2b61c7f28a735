/* test-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "es-json.h"
#include "es-model.h"
#include "es-time.h"

#include "fuzz/random-documents.h"

/* WooCommerce's order 727 (fixtures/woocommerce/order_727_docs.json) in canonical form. */
static const char order_727[] =
  "{\n"
  "  \"billing\": {\n"
  "    \"address_1\": \"969 Market\",\n"
  "    \"address_2\": \"\",\n"
  "    \"city\": \"San Francisco\",\n"
  "    \"company\": \"\",\n"
  "    \"country\": \"US\",\n"
  "    \"email\": \"john.doe@example.com\",\n"
  "    \"first_name\": \"John\",\n"
  "    \"last_name\": \"Doe\",\n"
  "    \"phone\": \"(555) 555-5555\",\n"
  "    \"postcode\": \"94103\",\n"
  "    \"state\": \"CA\"\n"
  "  },\n"
  "  \"completed_at\": null,\n"
  "  \"created_at\": \"2017-03-22T19:28:02Z\",\n"
  "  \"currency\": \"USD\",\n"
  "  \"customer_note\": \"\",\n"
  "  \"customer_ref\": {},\n"
  "  \"discount_tax\": \"0.00\",\n"
  "  \"discount_total\": \"0.00\",\n"
  "  \"discounts\": [],\n"
  "  \"external_ids\": {\n"
  "    \"woocommerce\": \"727\"\n"
  "  },\n"
  "  \"fee_lines\": [],\n"
  "  \"kind\": \"order\",\n"
  "  \"line_items\": [\n"
  "    {\n"
  "      \"id\": \"315\",\n"
  "      \"name\": \"Woo Single #1\",\n"
  "      \"product_ref\": {\n"
  "        \"woocommerce\": \"93\"\n"
  "      },\n"
  "      \"quantity\": 2,\n"
  "      \"sku\": \"\",\n"
  "      \"subtotal\": \"6.00\",\n"
  "      \"subtotal_tax\": \"0.45\",\n"
  "      \"tax_class\": \"\",\n"
  "      \"total\": \"6.00\",\n"
  "      \"total_tax\": \"0.45\",\n"
  "      \"unit_price\": \"3.00\"\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"316\",\n"
  "      \"name\": \"Ship Your Idea &ndash; Color: Black, Size: M Test\",\n"
  "      \"product_ref\": {\n"
  "        \"woocommerce\": \"23\"\n"
  "      },\n"
  "      \"quantity\": 1,\n"
  "      \"sku\": \"Bar3\",\n"
  "      \"subtotal\": \"12.00\",\n"
  "      \"subtotal_tax\": \"0.90\",\n"
  "      \"tax_class\": \"\",\n"
  "      \"total\": \"12.00\",\n"
  "      \"total_tax\": \"0.90\",\n"
  "      \"unit_price\": \"12.00\"\n"
  "    }\n"
  "  ],\n"
  "  \"modified_at\": \"2017-03-22T19:28:08Z\",\n"
  "  \"number\": \"727\",\n"
  "  \"paid_at\": \"2017-03-22T19:28:08Z\",\n"
  "  \"payment_method\": \"bacs\",\n"
  "  \"payment_method_title\": \"Direct Bank Transfer\",\n"
  "  \"payment_status\": \"paid\",\n"
  "  \"prices_include_tax\": false,\n"
  "  \"refunded_total\": \"0.00\",\n"
  "  \"schema_version\": 1,\n"
  "  \"shipping\": {\n"
  "    \"address_1\": \"969 Market\",\n"
  "    \"address_2\": \"\",\n"
  "    \"city\": \"San Francisco\",\n"
  "    \"company\": \"\",\n"
  "    \"country\": \"US\",\n"
  "    \"email\": \"\",\n"
  "    \"first_name\": \"John\",\n"
  "    \"last_name\": \"Doe\",\n"
  "    \"phone\": \"\",\n"
  "    \"postcode\": \"94103\",\n"
  "    \"state\": \"CA\"\n"
  "  },\n"
  "  \"shipping_lines\": [\n"
  "    {\n"
  "      \"id\": \"317\",\n"
  "      \"method_id\": \"flat_rate\",\n"
  "      \"method_title\": \"Flat Rate\",\n"
  "      \"total\": \"10.00\",\n"
  "      \"total_tax\": \"0.00\"\n"
  "    }\n"
  "  ],\n"
  "  \"shipping_tax\": \"0.00\",\n"
  "  \"shipping_total\": \"10.00\",\n"
  "  \"source\": \"woocommerce\",\n"
  "  \"status\": \"processing\",\n"
  "  \"subtotal\": \"18.00\",\n"
  "  \"tax_lines\": [\n"
  "    {\n"
  "      \"compound\": false,\n"
  "      \"id\": \"318\",\n"
  "      \"label\": \"State Tax\",\n"
  "      \"rate_code\": \"US-CA-STATE TAX\",\n"
  "      \"rate_id\": \"75\",\n"
  "      \"shipping_tax_total\": \"0.00\",\n"
  "      \"tax_total\": \"1.35\"\n"
  "    }\n"
  "  ],\n"
  "  \"tax_total\": \"1.35\",\n"
  "  \"total\": \"29.35\",\n"
  "  \"transaction_id\": \"\"\n"
  "}";

/* WooCommerce's customer 25 (customer_docs.json) in canonical form. */
static const char customer_25[] =
  "{\n"
  "  \"billing\": {\n"
  "    \"address_1\": \"969 Market\",\n"
  "    \"address_2\": \"\",\n"
  "    \"city\": \"San Francisco\",\n"
  "    \"company\": \"\",\n"
  "    \"country\": \"US\",\n"
  "    \"email\": \"john.doe@example.com\",\n"
  "    \"first_name\": \"John\",\n"
  "    \"last_name\": \"Doe\",\n"
  "    \"phone\": \"(555) 555-5555\",\n"
  "    \"postcode\": \"94103\",\n"
  "    \"state\": \"CA\"\n"
  "  },\n"
  "  \"company\": \"\",\n"
  "  \"created_at\": \"2017-03-21T19:09:28Z\",\n"
  "  \"email\": \"john.doe@example.com\",\n"
  "  \"external_ids\": {\n"
  "    \"woocommerce\": \"25\"\n"
  "  },\n"
  "  \"first_name\": \"John\",\n"
  "  \"kind\": \"customer\",\n"
  "  \"last_name\": \"Doe\",\n"
  "  \"modified_at\": \"2017-03-21T19:09:30Z\",\n"
  "  \"phone\": \"(555) 555-5555\",\n"
  "  \"schema_version\": 1,\n"
  "  \"shipping\": {\n"
  "    \"address_1\": \"969 Market\",\n"
  "    \"address_2\": \"\",\n"
  "    \"city\": \"San Francisco\",\n"
  "    \"company\": \"\",\n"
  "    \"country\": \"US\",\n"
  "    \"email\": \"\",\n"
  "    \"first_name\": \"John\",\n"
  "    \"last_name\": \"Doe\",\n"
  "    \"phone\": \"\",\n"
  "    \"postcode\": \"94103\",\n"
  "    \"state\": \"CA\"\n"
  "  },\n"
  "  \"source\": \"woocommerce\"\n"
  "}";

/* WooCommerce's variation 732 of product 22 (variation_docs.json), its stock tracked here. */
static const char variation_732[] =
  "{\n"
  "  \"active\": true,\n"
  "  \"created_at\": \"2017-03-23T03:36:38Z\",\n"
  "  \"currency\": \"USD\",\n"
  "  \"external_ids\": {\n"
  "    \"quickbooks\": \"130\",\n"
  "    \"woocommerce\": \"732\"\n"
  "  },\n"
  "  \"kind\": \"product\",\n"
  "  \"manage_stock\": true,\n"
  "  \"modified_at\": \"2017-03-23T03:36:38Z\",\n"
  "  \"name\": \"Ship Your Idea - Black\",\n"
  "  \"parent_ref\": {\n"
  "    \"woocommerce\": \"22\"\n"
  "  },\n"
  "  \"price\": \"9.00\",\n"
  "  \"regular_price\": \"9.00\",\n"
  "  \"sale_price\": null,\n"
  "  \"schema_version\": 1,\n"
  "  \"sku\": \"\",\n"
  "  \"source\": \"woocommerce\",\n"
  "  \"stock_quantity\": -3,\n"
  "  \"tax_class\": \"\",\n"
  "  \"taxable\": true,\n"
  "  \"type\": \"variation\"\n"
  "}";

/* WooCommerce's product 794 (product_simple_794_docs.json): no tracked stock. */
static const char product_794[] =
  "{\n"
  "  \"active\": true,\n"
  "  \"created_at\": \"2017-03-23T20:01:14Z\",\n"
  "  \"currency\": \"USD\",\n"
  "  \"external_ids\": {\n"
  "    \"woocommerce\": \"794\"\n"
  "  },\n"
  "  \"kind\": \"product\",\n"
  "  \"manage_stock\": false,\n"
  "  \"modified_at\": \"2017-03-23T20:01:14Z\",\n"
  "  \"name\": \"Premium Quality\",\n"
  "  \"parent_ref\": {},\n"
  "  \"price\": \"21.99\",\n"
  "  \"regular_price\": \"21.99\",\n"
  "  \"sale_price\": null,\n"
  "  \"schema_version\": 1,\n"
  "  \"sku\": \"\",\n"
  "  \"source\": \"woocommerce\",\n"
  "  \"stock_quantity\": null,\n"
  "  \"tax_class\": \"\",\n"
  "  \"taxable\": true,\n"
  "  \"type\": \"simple\"\n"
  "}";

static GDateTime *
utc (const char *text)
{
  g_autoptr(GError) error = NULL;
  GDateTime *time = es_time_parse (text, &error);

  g_assert_no_error (error);
  return time;
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = es_json_parse (text, -1, &error);

  g_assert_no_error (error);
  return node;
}

static char *
pretty (JsonNode *node)
{
  return es_json_to_canonical_string (node, TRUE);
}

static EsAddress *
john_doe (gboolean billing)
{
  EsAddress *address = es_address_new ();

  address->first_name = g_strdup ("John");
  address->last_name = g_strdup ("Doe");
  address->company = g_strdup ("");
  address->address_1 = g_strdup ("969 Market");
  address->city = g_strdup ("San Francisco");
  address->state = g_strdup ("CA");
  address->postcode = g_strdup ("94103");
  address->country = g_strdup ("US");
  if (billing)
    {
      address->email = g_strdup ("john.doe@example.com");
      address->phone = g_strdup ("(555) 555-5555");
    }

  return address;
}

/* What the WooCommerce transformer is to make of order 727, built through the public API. */
static EsOrder *
build_order_727 (void)
{
  EsOrder *order = es_order_new ("USD");
  g_autoptr(EsAddress) billing = john_doe (TRUE);
  g_autoptr(EsAddress) shipping = john_doe (FALSE);
  g_autoptr(EsLineItem) single = es_line_item_new ();
  g_autoptr(EsLineItem) variation = es_line_item_new ();
  g_autoptr(EsShippingLine) flat_rate = es_shipping_line_new ();
  g_autoptr(EsTaxLine) state_tax = es_tax_line_new ();
  g_autoptr(GDateTime) created = utc ("2017-03-22T19:28:02");
  g_autoptr(GDateTime) paid = utc ("2017-03-22T19:28:08");

  es_order_add_external_id (order, "woocommerce", "727");
  es_order_set_source (order, "woocommerce");
  es_order_set_number (order, "727");
  es_order_set_status (order, ES_ORDER_STATUS_PROCESSING);
  es_order_set_payment_status (order, ES_PAYMENT_STATUS_PAID);
  es_order_set_prices_include_tax (order, FALSE);
  es_order_set_created_at (order, created);
  es_order_set_modified_at (order, paid);
  es_order_set_paid_at (order, paid);
  es_order_set_completed_at (order, NULL);
  es_order_set_billing (order, billing);
  es_order_set_shipping (order, shipping);

  single->id = g_strdup ("315");
  single->name = g_strdup ("Woo Single #1");
  es_external_ids_set (single->product_ref, "woocommerce", "93");
  single->quantity = 2;
  single->unit_price = es_money_divide_rounded (600, 2);
  single->subtotal = 600;
  single->subtotal_tax = 45;
  single->total = 600;
  single->total_tax = 45;
  es_order_add_line_item (order, single);

  variation->id = g_strdup ("316");
  variation->name = g_strdup ("Ship Your Idea &ndash; Color: Black, Size: M Test");
  variation->sku = g_strdup ("Bar3");
  es_external_ids_set (variation->product_ref, "woocommerce", "23");
  variation->quantity = 1;
  variation->unit_price = 1200;
  variation->subtotal = 1200;
  variation->subtotal_tax = 90;
  variation->total = 1200;
  variation->total_tax = 90;
  es_order_add_line_item (order, variation);

  flat_rate->id = g_strdup ("317");
  flat_rate->method_id = g_strdup ("flat_rate");
  flat_rate->method_title = g_strdup ("Flat Rate");
  flat_rate->total = 1000;
  es_order_add_shipping_line (order, flat_rate);

  state_tax->id = g_strdup ("318");
  state_tax->rate_id = g_strdup ("75");
  state_tax->rate_code = g_strdup ("US-CA-STATE TAX");
  state_tax->label = g_strdup ("State Tax");
  state_tax->tax_total = 135;
  es_order_add_tax_line (order, state_tax);

  es_order_set_subtotal (order, 1800);
  es_order_set_shipping_total (order, 1000);
  es_order_set_tax_total (order, 135);
  es_order_set_total (order, 2935);
  es_order_set_payment_method (order, "bacs");
  es_order_set_payment_method_title (order, "Direct Bank Transfer");

  return order;
}

/* Follows "a.b[1].c" from @root; removes the last member when @json is NULL, else sets it. */
static void
set_at_path (JsonNode   *root,
             const char *path,
             const char *json)
{
  g_auto(GStrv) steps = g_strsplit (path, ".", -1);
  JsonNode *node = root;
  guint n = g_strv_length (steps);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *member = g_strdup (steps[i]);
      char *bracket = strchr (member, '[');
      int index = -1;

      if (bracket != NULL)
        {
          index = atoi (bracket + 1);
          *bracket = '\0';
        }

      if (i == n - 1 && index < 0)
        {
          JsonObject *object = json_node_get_object (node);

          if (json == NULL)
            json_object_remove_member (object, member);
          else
            json_object_set_member (object, member, parse (json));
          return;
        }

      node = json_object_get_member (json_node_get_object (node), member);
      if (index >= 0)
        {
          JsonArray *array = json_node_get_array (node);

          if (i == n - 1)
            {
              json_array_remove_element (array, index);
              json_array_add_element (array, parse (json));
              return;
            }
          node = json_array_get_element (array, index);
        }
    }
}

static void
test_enums (void)
{
  static const char * const bad[] = { "", "shipped", "On-Hold", "on_hold", "paid ", "fixed_cart" };
  EsOrderStatus status;
  EsPaymentStatus payment;
  EsProductType type;
  EsDiscountType discount;

  g_assert_cmpstr (es_order_status_to_string (ES_ORDER_STATUS_ON_HOLD), ==, "on-hold");
  g_assert_cmpstr (es_payment_status_to_string (ES_PAYMENT_STATUS_PARTIALLY_PAID), ==,
                   "partially-paid");
  g_assert_cmpstr (es_payment_status_to_string (ES_PAYMENT_STATUS_PARTIALLY_REFUNDED), ==,
                   "partially-refunded");
  g_assert_cmpstr (es_product_type_to_string (ES_PRODUCT_TYPE_VARIATION), ==, "variation");
  g_assert_cmpstr (es_discount_type_to_string (ES_DISCOUNT_TYPE_FIXED_CART), ==, "fixed-cart");
  g_assert_cmpstr (es_discount_type_to_string (ES_DISCOUNT_TYPE_FIXED_PRODUCT), ==,
                   "fixed-product");

  for (EsOrderStatus i = ES_ORDER_STATUS_PENDING; i <= ES_ORDER_STATUS_FAILED; i++)
    {
      g_assert_true (es_order_status_from_string (es_order_status_to_string (i), &status));
      g_assert_cmpint (status, ==, i);
    }
  for (EsPaymentStatus i = ES_PAYMENT_STATUS_PENDING;
       i <= ES_PAYMENT_STATUS_PARTIALLY_REFUNDED;
       i++)
    {
      g_assert_true (es_payment_status_from_string (es_payment_status_to_string (i), &payment));
      g_assert_cmpint (payment, ==, i);
    }
  for (EsProductType i = ES_PRODUCT_TYPE_SIMPLE; i <= ES_PRODUCT_TYPE_SERVICE; i++)
    {
      g_assert_true (es_product_type_from_string (es_product_type_to_string (i), &type));
      g_assert_cmpint (type, ==, i);
    }
  for (EsDiscountType i = ES_DISCOUNT_TYPE_PERCENT; i <= ES_DISCOUNT_TYPE_FIXED_PRODUCT; i++)
    {
      g_assert_true (es_discount_type_from_string (es_discount_type_to_string (i), &discount));
      g_assert_cmpint (discount, ==, i);
    }

  status = ES_ORDER_STATUS_FAILED;
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (es_order_status_from_string (bad[i], &status));
      g_assert_false (es_payment_status_from_string (bad[i], &payment));
      g_assert_false (es_product_type_from_string (bad[i], &type));
      g_assert_false (es_discount_type_from_string (bad[i], &discount));
    }
  g_assert_false (es_order_status_from_string (NULL, &status));
  g_assert_cmpint (status, ==, ES_ORDER_STATUS_FAILED);
}

static void
test_external_ids (void)
{
  g_autoptr(EsExternalIds) ids = es_external_ids_new ();
  g_autoptr(EsExternalIds) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) systems = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpuint (es_external_ids_get_size (ids), ==, 0);
  g_assert_null (es_external_ids_get (ids, "woocommerce"));

  es_external_ids_set (ids, "woocommerce", "727");
  es_external_ids_set (ids, "quickbooks", "129");
  es_external_ids_set (ids, "quickbooks", "130");
  es_external_ids_set (ids, "supabase", "x");
  es_external_ids_set (ids, "supabase", NULL);
  g_assert_cmpstr (es_external_ids_get (ids, "woocommerce"), ==, "727");
  g_assert_cmpstr (es_external_ids_get (ids, "quickbooks"), ==, "130");
  g_assert_null (es_external_ids_get (ids, "supabase"));
  g_assert_cmpuint (es_external_ids_get_size (ids), ==, 2);

  systems = es_external_ids_dup_systems (ids);
  g_assert_cmpuint (g_strv_length (systems), ==, 2);
  g_assert_cmpstr (systems[0], ==, "quickbooks");
  g_assert_cmpstr (systems[1], ==, "woocommerce");

  node = es_external_ids_to_json (ids);
  text = es_json_to_canonical_string (node, FALSE);
  g_assert_cmpstr (text, ==, "{\"quickbooks\":\"130\",\"woocommerce\":\"727\"}");

  back = es_external_ids_new_from_json (node, "external_ids", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (es_external_ids_get (back, "quickbooks"), ==, "130");
  g_assert_cmpuint (es_external_ids_get_size (back), ==, 2);
}

static void
test_external_ids_errors (void)
{
  static const struct {
    const char *json;
    int         code;
    const char *message;
  } cases[] = {
    { "[]", ES_JSON_ERROR_TYPE, "external_ids: expected an object" },
    { "\"727\"", ES_JSON_ERROR_TYPE, "external_ids: expected an object" },
    { "{\"woocommerce\":727}", ES_JSON_ERROR_TYPE, "external_ids.woocommerce: expected a string" },
    { "{\"woocommerce\":null}", ES_JSON_ERROR_TYPE, "external_ids.woocommerce: expected a string" },
    { "{\"woocommerce\":\"\"}", ES_JSON_ERROR_VALUE, "external_ids.woocommerce: the id is empty" },
    { "{\"\":\"5\"}", ES_JSON_ERROR_VALUE, "external_ids: a system name is empty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(EsExternalIds) ids = es_external_ids_new_from_json (node, "external_ids", &error);

      g_assert_null (ids);
      g_assert_error (error, ES_JSON_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_address_format (void)
{
  g_autoptr(EsAddress) john = john_doe (TRUE);
  g_autoptr(EsAddress) ada = es_address_new ();
  g_autoptr(EsAddress) sparse = es_address_new ();
  g_autoptr(EsAddress) blank = es_address_new ();
  g_autofree char *john_text = es_address_format (john);
  g_autofree char *ada_text = NULL;
  g_autofree char *sparse_text = NULL;
  g_autofree char *blank_text = NULL;
  g_autofree char *ada_name = NULL;

  /* Email and phone are not part of a postal address. */
  g_assert_cmpstr (john_text, ==, "John Doe\n969 Market\nSan Francisco, CA 94103\nUS");

  ada->first_name = g_strdup (" Ada ");
  ada->last_name = g_strdup ("Lovelace");
  ada->company = g_strdup ("Analytical Engines Ltd");
  ada->address_1 = g_strdup ("12 St James's Square");
  ada->address_2 = g_strdup ("Flat 2");
  ada->city = g_strdup ("London");
  ada->postcode = g_strdup ("SW1Y 4JH");
  ada->country = g_strdup ("GB");
  ada_text = es_address_format (ada);
  g_assert_cmpstr (ada_text, ==,
                   "Ada Lovelace\nAnalytical Engines Ltd\n12 St James's Square\nFlat 2\n"
                   "London, SW1Y 4JH\nGB");
  ada_name = es_address_dup_name (ada);
  g_assert_cmpstr (ada_name, ==, "Ada Lovelace");

  /* Missing parts leave no blank line and no stray separator. */
  sparse->last_name = g_strdup ("Lovelace");
  sparse->address_2 = g_strdup ("   ");
  sparse->state = g_strdup ("CA");
  sparse->country = g_strdup ("");
  sparse_text = es_address_format (sparse);
  g_assert_cmpstr (sparse_text, ==, "Lovelace\nCA");

  blank->city = g_strdup (" \t");
  blank_text = es_address_format (blank);
  g_assert_cmpstr (blank_text, ==, "");
  g_assert_true (es_address_is_empty (blank));
  g_assert_false (es_address_is_empty (sparse));
}

static void
test_address_json (void)
{
  static const struct {
    const char *json;
    int         code;
    const char *message;
  } cases[] = {
    { "null", ES_JSON_ERROR_TYPE, "billing: expected an object" },
    { "{\"street\":\"x\"}", ES_JSON_ERROR_UNKNOWN_MEMBER, "billing.street: unknown member" },
    { "{\"first_name\":\"\",\"last_name\":\"\",\"company\":\"\",\"address_1\":\"\","
      "\"address_2\":\"\",\"city\":5}", ES_JSON_ERROR_TYPE, "billing.city: expected a string" },
    { "{\"first_name\":\"x\"}", ES_JSON_ERROR_MISSING,
      "billing.last_name: required member is missing" },
  };
  g_autoptr(EsAddress) john = john_doe (TRUE);
  g_autoptr(JsonNode) node = es_address_to_json (john);
  g_autoptr(EsAddress) back = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = es_json_to_canonical_string (node, FALSE);
  g_autofree char *again_text = NULL;

  g_assert_cmpstr (text, ==,
                   "{\"address_1\":\"969 Market\",\"address_2\":\"\",\"city\":\"San Francisco\","
                   "\"company\":\"\",\"country\":\"US\",\"email\":\"john.doe@example.com\","
                   "\"first_name\":\"John\",\"last_name\":\"Doe\",\"phone\":\"(555) 555-5555\","
                   "\"postcode\":\"94103\",\"state\":\"CA\"}");

  back = es_address_new_from_json (node, "billing", &error);
  g_assert_no_error (error);
  /* Empty strings are read as unset. */
  g_assert_null (back->company);
  again = es_address_to_json (back);
  again_text = es_json_to_canonical_string (again, FALSE);
  g_assert_cmpstr (again_text, ==, text);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) bad = parse (cases[i].json);
      g_autoptr(EsAddress) address = NULL;

      g_clear_error (&error);
      address = es_address_new_from_json (bad, "billing", &error);
      g_assert_null (address);
      g_assert_error (error, ES_JSON_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_customer_full_name (void)
{
  g_autoptr(EsCustomer) customer = es_customer_new ();
  EsAddress *billing = es_customer_get_billing (customer);
  g_autofree char *nothing = es_customer_dup_full_name (customer);
  g_autofree char *billing_email = NULL;
  g_autofree char *email = NULL;
  g_autofree char *billing_company = NULL;
  g_autofree char *company = NULL;
  g_autofree char *billing_name = NULL;
  g_autofree char *last_only = NULL;
  g_autofree char *first_only = NULL;
  g_autofree char *full = NULL;

  g_assert_cmpstr (nothing, ==, "");

  billing->email = g_strdup ("orders@example.com");
  billing_email = es_customer_dup_full_name (customer);
  g_assert_cmpstr (billing_email, ==, "orders@example.com");

  es_customer_set_email (customer, "ada@example.com");
  email = es_customer_dup_full_name (customer);
  g_assert_cmpstr (email, ==, "ada@example.com");

  billing->company = g_strdup ("  Engines Ltd ");
  billing_company = es_customer_dup_full_name (customer);
  g_assert_cmpstr (billing_company, ==, "Engines Ltd");

  es_customer_set_company (customer, "Analytical Engines Ltd");
  company = es_customer_dup_full_name (customer);
  g_assert_cmpstr (company, ==, "Analytical Engines Ltd");

  billing->first_name = g_strdup ("Augusta");
  billing->last_name = g_strdup ("King");
  billing_name = es_customer_dup_full_name (customer);
  g_assert_cmpstr (billing_name, ==, "Augusta King");

  es_customer_set_last_name (customer, "Lovelace");
  es_customer_set_first_name (customer, "   ");
  last_only = es_customer_dup_full_name (customer);
  g_assert_cmpstr (last_only, ==, "Lovelace");

  es_customer_set_first_name (customer, "Ada");
  es_customer_set_last_name (customer, NULL);
  first_only = es_customer_dup_full_name (customer);
  g_assert_cmpstr (first_only, ==, "Ada");

  es_customer_set_last_name (customer, "Lovelace");
  full = es_customer_dup_full_name (customer);
  g_assert_cmpstr (full, ==, "Ada Lovelace");
}

static void
test_customer_round_trip (void)
{
  g_autoptr(EsCustomer) customer = es_customer_new ();
  g_autoptr(EsAddress) billing = john_doe (TRUE);
  g_autoptr(EsAddress) shipping = john_doe (FALSE);
  g_autoptr(GDateTime) created = utc ("2017-03-21T19:09:28");
  g_autoptr(GDateTime) modified = utc ("2017-03-21T16:09:30-03:00");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(EsCustomer) back = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again_text = NULL;

  es_customer_add_external_id (customer, "woocommerce", "25");
  es_customer_set_source (customer, "woocommerce");
  es_customer_set_first_name (customer, "John");
  es_customer_set_last_name (customer, "Doe");
  es_customer_set_email (customer, "john.doe@example.com");
  es_customer_set_phone (customer, "(555) 555-5555");
  es_customer_set_billing (customer, billing);
  es_customer_set_shipping (customer, shipping);
  es_customer_set_created_at (customer, created);
  es_customer_set_modified_at (customer, modified);

  node = es_customer_to_json (customer);
  text = pretty (node);
  g_assert_cmpstr (text, ==, customer_25);

  parsed = parse (customer_25);
  back = es_customer_new_from_json (parsed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (es_customer_get_external_id (back, "woocommerce"), ==, "25");
  g_assert_null (es_customer_get_external_id (back, "quickbooks"));
  g_assert_cmpstr (es_customer_get_company (back), ==, "");
  g_assert_cmpstr (es_customer_get_shipping (back)->city, ==, "San Francisco");
  g_assert_cmpint (g_date_time_to_unix (es_customer_get_modified_at (back)), ==,
                   g_date_time_to_unix (modified));

  es_customer_add_external_id (back, "quickbooks", "58");
  g_assert_cmpstr (es_customer_get_external_id (back, "quickbooks"), ==, "58");
  g_assert_cmpuint (es_external_ids_get_size (es_customer_get_external_ids (back)), ==, 2);
  es_customer_add_external_id (back, "quickbooks", NULL);

  again = es_customer_to_json (back);
  again_text = pretty (again);
  g_assert_cmpstr (again_text, ==, customer_25);
}

static void
test_product_round_trip (void)
{
  g_autoptr(EsProduct) product = es_product_new ("USD");
  g_autoptr(GDateTime) created = utc ("2017-03-23T03:36:38");
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  const char *documents[] = { variation_732, product_794 };
  gint64 minor = 0;

  es_product_add_external_id (product, "woocommerce", "732");
  es_product_add_external_id (product, "quickbooks", "130");
  es_product_set_source (product, "woocommerce");
  es_product_set_name (product, "Ship Your Idea - Black");
  es_product_set_product_type (product, ES_PRODUCT_TYPE_VARIATION);
  es_external_ids_set (es_product_get_parent_ref (product), "woocommerce", "22");
  es_product_set_price (product, 900);
  es_product_set_regular_price (product, 900);
  es_product_set_sale_price (product, 700);
  es_product_clear_sale_price (product);
  es_product_set_stock (product, TRUE, -3);
  es_product_set_taxable (product, TRUE);
  es_product_set_active (product, TRUE);
  es_product_set_created_at (product, created);
  es_product_set_modified_at (product, created);

  g_assert_true (es_product_get_price (product, &minor));
  g_assert_cmpint (minor, ==, 900);
  g_assert_false (es_product_get_sale_price (product, &minor));
  g_assert_cmpint (minor, ==, 900);

  node = es_product_to_json (product);
  text = pretty (node);
  g_assert_cmpstr (text, ==, variation_732);

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(JsonNode) parsed = parse (documents[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(EsProduct) back = es_product_new_from_json (parsed, &error);
      g_autoptr(JsonNode) again = NULL;
      g_autofree char *again_text = NULL;

      g_assert_no_error (error);
      again = es_product_to_json (back);
      again_text = pretty (again);
      g_assert_cmpstr (again_text, ==, documents[i]);
    }
}

static void
test_product_stock_and_prices (void)
{
  g_autoptr(EsProduct) product = es_product_new ("JPY");
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;
  gint64 minor = -1;

  es_product_set_stock (product, FALSE, 12);
  g_assert_false (es_product_get_manage_stock (product));
  g_assert_cmpint (es_product_get_stock_quantity (product), ==, 0);

  es_product_set_stock (product, TRUE, 12);
  g_assert_true (es_product_get_manage_stock (product));
  g_assert_cmpint (es_product_get_stock_quantity (product), ==, 12);

  g_assert_false (es_product_get_price (product, &minor));
  g_assert_false (es_product_get_regular_price (product, &minor));
  es_product_set_regular_price (product, 1500);
  es_product_set_price (product, 1200);
  es_product_clear_price (product);
  g_assert_false (es_product_get_price (product, &minor));
  g_assert_cmpint (minor, ==, -1);

  node = es_product_to_json (product);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "regular_price"), ==, "1500");
  g_assert_true (json_object_get_null_member (object, "price"));
  g_assert_cmpint (json_object_get_int_member (object, "stock_quantity"), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (object, "currency"), ==, "JPY");
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "simple");

  es_product_set_currency (product, "BHD");
  g_assert_cmpstr (es_product_get_currency (product), ==, "BHD");
  g_clear_pointer (&node, json_node_unref);
  node = es_product_to_json (product);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "regular_price"),
                   ==, "1.500");
}

typedef struct
{
  const char *path;
  const char *json;
  int         code;
  const char *message;
} Damage;

static void
assert_damage (const char   *document,
               const Damage *cases,
               gsize         n_cases,
               JsonNode  *(*reread) (JsonNode *, GError **))
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(JsonNode) node = parse (document);
      g_autoptr(JsonNode) result = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("setting %s to %s", cases[i].path,
                      cases[i].json != NULL ? cases[i].json : "(removed)");
      set_at_path (node, cases[i].path, cases[i].json);
      result = reread (node, &error);
      g_assert_null (result);
      g_assert_error (error, ES_JSON_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static JsonNode *
reread_order (JsonNode  *node,
              GError   **error)
{
  g_autoptr(EsOrder) order = es_order_new_from_json (node, error);

  return order != NULL ? es_order_to_json (order) : NULL;
}

static JsonNode *
reread_customer (JsonNode  *node,
                 GError   **error)
{
  g_autoptr(EsCustomer) customer = es_customer_new_from_json (node, error);

  return customer != NULL ? es_customer_to_json (customer) : NULL;
}

static JsonNode *
reread_product (JsonNode  *node,
                GError   **error)
{
  g_autoptr(EsProduct) product = es_product_new_from_json (node, error);

  return product != NULL ? es_product_to_json (product) : NULL;
}

static void
test_order_round_trip (void)
{
  g_autoptr(EsOrder) order = build_order_727 ();
  g_autoptr(JsonNode) node = es_order_to_json (order);
  g_autofree char *text = pretty (node);
  g_autoptr(JsonNode) parsed = parse (order_727);
  g_autoptr(GError) error = NULL;
  g_autoptr(EsOrder) back = es_order_new_from_json (parsed, &error);
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *again_text = NULL;
  g_autofree char *paid = NULL;
  g_autofree char *hash_a = NULL;
  g_autofree char *hash_b = NULL;
  EsLineItem *item;

  g_assert_cmpstr (text, ==, order_727);

  g_assert_no_error (error);
  g_assert_cmpstr (es_order_get_number (back), ==, "727");
  g_assert_cmpstr (es_order_get_external_id (back, "woocommerce"), ==, "727");
  g_assert_cmpstr (es_order_get_currency (back), ==, "USD");
  g_assert_cmpint (es_order_get_status (back), ==, ES_ORDER_STATUS_PROCESSING);
  g_assert_cmpint (es_order_get_payment_status (back), ==, ES_PAYMENT_STATUS_PAID);
  g_assert_false (es_order_get_prices_include_tax (back));
  g_assert_cmpint (es_order_get_total (back), ==, 2935);
  g_assert_cmpint (es_order_get_subtotal (back), ==, 1800);
  g_assert_cmpint (es_order_get_tax_total (back), ==, 135);
  g_assert_cmpint (es_order_get_refunded_total (back), ==, 0);
  g_assert_null (es_order_get_completed_at (back));
  paid = es_time_format (es_order_get_paid_at (back));
  g_assert_cmpstr (paid, ==, "2017-03-22T19:28:08Z");
  g_assert_cmpuint (es_external_ids_get_size (es_order_get_customer_ref (back)), ==, 0);
  g_assert_cmpstr (es_order_get_billing (back)->email, ==, "john.doe@example.com");
  g_assert_cmpstr (es_order_get_customer_note (back), ==, "");
  g_assert_cmpuint (es_order_get_line_items (back)->len, ==, 2);
  g_assert_cmpuint (es_order_get_shipping_lines (back)->len, ==, 1);
  g_assert_cmpuint (es_order_get_tax_lines (back)->len, ==, 1);
  g_assert_cmpuint (es_order_get_fee_lines (back)->len, ==, 0);
  g_assert_cmpuint (es_order_get_discounts (back)->len, ==, 0);
  item = g_ptr_array_index (es_order_get_line_items (back), 1);
  g_assert_cmpstr (es_external_ids_get (item->product_ref, "woocommerce"), ==, "23");
  g_assert_cmpint (item->total_tax, ==, 90);

  again = es_order_to_json (back);
  again_text = pretty (again);
  g_assert_cmpstr (again_text, ==, order_727);

  /* The content hash ignores how the document was built. */
  hash_a = es_json_content_hash (node);
  hash_b = es_json_content_hash (again);
  g_assert_cmpstr (hash_a, ==, hash_b);
}

static void
test_order_parts (void)
{
  g_autoptr(EsOrder) order = es_order_new ("USD");
  g_autoptr(EsDiscount) percent = es_discount_new ();
  g_autoptr(EsDiscount) fixed = es_discount_new ();
  g_autoptr(EsFeeLine) fee = es_fee_line_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(EsOrder) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *discounts = NULL;
  g_autofree char *fees = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again_text = NULL;
  EsDiscount *read;

  percent->id = g_strdup ("401");
  percent->code = g_strdup ("SPRING");
  percent->type = ES_DISCOUNT_TYPE_PERCENT;
  percent->nominal = 1250;
  percent->amount = 225;
  es_order_add_discount (order, percent);

  fixed->code = g_strdup ("FIVEOFF");
  fixed->type = ES_DISCOUNT_TYPE_FIXED_PRODUCT;
  fixed->nominal = 500;
  fixed->amount = 1000;
  fixed->amount_tax = 75;
  es_order_add_discount (order, fixed);

  fee->id = g_strdup ("9");
  fee->name = g_strdup ("Card surcharge");
  fee->taxable = TRUE;
  fee->total = 150;
  fee->total_tax = 11;
  es_order_add_fee_line (order, fee);

  es_order_set_discount_total (order, 1225);
  es_order_set_discount_tax (order, 75);
  es_order_set_refunded_total (order, 500);

  node = es_order_to_json (order);
  discounts = es_json_to_canonical_string (
    json_object_get_member (json_node_get_object (node), "discounts"), FALSE);
  g_assert_cmpstr (discounts, ==,
                   "[{\"amount\":\"2.25\",\"amount_tax\":\"0.00\",\"code\":\"SPRING\","
                   "\"id\":\"401\",\"nominal\":\"12.50\",\"type\":\"percent\"},"
                   "{\"amount\":\"10.00\",\"amount_tax\":\"0.75\",\"code\":\"FIVEOFF\","
                   "\"id\":\"\",\"nominal\":\"5.00\",\"type\":\"fixed-product\"}]");
  fees = es_json_to_canonical_string (
    json_object_get_member (json_node_get_object (node), "fee_lines"), FALSE);
  g_assert_cmpstr (fees, ==,
                   "[{\"id\":\"9\",\"name\":\"Card surcharge\",\"tax_class\":\"\","
                   "\"taxable\":true,\"total\":\"1.50\",\"total_tax\":\"0.11\"}]");

  back = es_order_new_from_json (node, &error);
  g_assert_no_error (error);
  read = g_ptr_array_index (es_order_get_discounts (back), 0);
  g_assert_cmpint (read->type, ==, ES_DISCOUNT_TYPE_PERCENT);
  g_assert_cmpint (read->nominal, ==, 1250);
  g_assert_cmpint (es_order_get_refunded_total (back), ==, 500);
  g_assert_cmpint (es_order_get_discount_tax (back), ==, 75);

  text = es_json_to_canonical_string (node, FALSE);
  again = es_order_to_json (back);
  again_text = es_json_to_canonical_string (again, FALSE);
  g_assert_cmpstr (again_text, ==, text);
}

static void
test_order_currencies (void)
{
  g_autoptr(EsOrder) yen = es_order_new ("JPY");
  g_autoptr(EsOrder) dinar = es_order_new ("BHD");
  g_autoptr(JsonNode) yen_node = NULL;
  g_autoptr(JsonNode) dinar_node = NULL;

  es_order_set_total (yen, 1200);
  es_order_set_total (dinar, -1234);
  yen_node = es_order_to_json (yen);
  dinar_node = es_order_to_json (dinar);

  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (yen_node), "total"), ==,
                   "1200");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (dinar_node), "total"), ==,
                   "-1.234");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (dinar_node), "tax_total"),
                   ==, "0.000");

  es_order_set_currency (yen, "EUR");
  g_assert_cmpstr (es_order_get_currency (yen), ==, "EUR");
}

static void
test_order_normalizes (void)
{
  static const char * const changes[][2] = {
    { "total", "\"29.350\"" },
    { "created_at", "\"2017-03-22T16:28:02-03:00\"" },
    { "paid_at", "\"2017-03-22T19:28:08.999Z\"" },
    { "modified_at", "\"2017-03-22 19:28:08\"" },
    { "line_items[0].unit_price", "\"3\"" },
    { "number", "\"727\"" },
  };
  g_autoptr(JsonNode) node = parse (order_727);
  g_autoptr(GError) error = NULL;
  g_autoptr(EsOrder) order = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *text = NULL;

  /* Equivalent but not canonical input is read, and written back in canonical form. */
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    set_at_path (node, changes[i][0], changes[i][1]);

  order = es_order_new_from_json (node, &error);
  g_assert_no_error (error);
  again = es_order_to_json (order);
  text = pretty (again);
  g_assert_cmpstr (text, ==, order_727);
}

static void
test_order_errors (void)
{
  static const Damage cases[] = {
    { "schema_version", "2", ES_JSON_ERROR_VALUE,
      "schema_version: version 2 is not supported (this version of the app reads 1)" },
    { "schema_version", "\"1\"", ES_JSON_ERROR_TYPE, "schema_version: expected an integer" },
    { "schema_version", NULL, ES_JSON_ERROR_MISSING,
      "schema_version: required member is missing" },
    { "kind", "\"customer\"", ES_JSON_ERROR_VALUE,
      "kind: expected “order”, not “customer”" },
    { "color", "\"red\"", ES_JSON_ERROR_UNKNOWN_MEMBER, "color: unknown member" },
    { "total", NULL, ES_JSON_ERROR_MISSING, "total: required member is missing" },
    { "total", "29.35", ES_JSON_ERROR_TYPE, "total: expected a string" },
    { "total", "\"1e3\"", ES_JSON_ERROR_VALUE, "total: “1e3” is not a decimal amount" },
    { "refunded_total", "\"-0.001\"", ES_JSON_ERROR_VALUE,
      "refunded_total: “-0.001” has more decimal places than the currency allows (2)" },
    { "line_items[1].total", "\"1e3\"", ES_JSON_ERROR_VALUE,
      "line_items[1].total: “1e3” is not a decimal amount" },
    { "line_items[1].total", "12", ES_JSON_ERROR_TYPE, "line_items[1].total: expected a string" },
    { "line_items[1].subtotal", "\"92233720368547758.08\"", ES_JSON_ERROR_VALUE,
      "line_items[1].subtotal: “92233720368547758.08” is too large an amount" },
    { "line_items[0].quantity", "\"2\"", ES_JSON_ERROR_TYPE,
      "line_items[0].quantity: expected an integer" },
    { "line_items[0].quantity", "2.0", ES_JSON_ERROR_TYPE,
      "line_items[0].quantity: expected an integer" },
    { "line_items[0].product_ref.woocommerce", "93", ES_JSON_ERROR_TYPE,
      "line_items[0].product_ref.woocommerce: expected a string" },
    { "line_items[0].product_ref.woocommerce", "\"\"", ES_JSON_ERROR_VALUE,
      "line_items[0].product_ref.woocommerce: the id is empty" },
    { "line_items[0].product_ref", NULL, ES_JSON_ERROR_MISSING,
      "line_items[0].product_ref: required member is missing" },
    { "line_items[0].weight", "\"1kg\"", ES_JSON_ERROR_UNKNOWN_MEMBER,
      "line_items[0].weight: unknown member" },
    { "line_items[0].name", "null", ES_JSON_ERROR_TYPE, "line_items[0].name: expected a string" },
    { "line_items[1]", "\"x\"", ES_JSON_ERROR_TYPE, "line_items[1]: expected an object" },
    { "line_items", "{}", ES_JSON_ERROR_TYPE, "line_items: expected an array" },
    { "status", "\"shipped\"", ES_JSON_ERROR_VALUE, "status: unknown order status “shipped”" },
    { "status", "3", ES_JSON_ERROR_TYPE, "status: expected a string" },
    { "payment_status", "\"partially_paid\"", ES_JSON_ERROR_VALUE,
      "payment_status: unknown payment status “partially_paid”" },
    { "currency", "\"usd\"", ES_JSON_ERROR_VALUE,
      "currency: “usd” is not an ISO 4217 currency code" },
    { "currency", NULL, ES_JSON_ERROR_MISSING, "currency: required member is missing" },
    /* Cents are too fine for yen: the first amount read with them is named. */
    { "currency", "\"JPY\"", ES_JSON_ERROR_VALUE,
      "line_items[0].subtotal_tax: “0.45” has more decimal places than the currency "
      "allows (0)" },
    { "prices_include_tax", "\"no\"", ES_JSON_ERROR_TYPE,
      "prices_include_tax: expected true or false" },
    { "created_at", "\"2017-03-22\"", ES_JSON_ERROR_VALUE,
      "created_at: “2017-03-22” is not an ISO 8601 date and time" },
    { "completed_at", "\"2017-02-30T00:00:00Z\"", ES_JSON_ERROR_VALUE,
      "completed_at: “2017-02-30T00:00:00Z” is not a valid date and time" },
    { "paid_at", "1490210888", ES_JSON_ERROR_TYPE, "paid_at: expected a string" },
    { "modified_at", NULL, ES_JSON_ERROR_MISSING, "modified_at: required member is missing" },
    { "billing.city", "5", ES_JSON_ERROR_TYPE, "billing.city: expected a string" },
    { "billing.street", "\"x\"", ES_JSON_ERROR_UNKNOWN_MEMBER, "billing.street: unknown member" },
    { "shipping", "null", ES_JSON_ERROR_TYPE, "shipping: expected an object" },
    { "external_ids", "[]", ES_JSON_ERROR_TYPE, "external_ids: expected an object" },
    { "customer_ref", "{\"\":\"5\"}", ES_JSON_ERROR_VALUE, "customer_ref: a system name is empty" },
    { "shipping_lines[0].total_tax", "\"0,00\"", ES_JSON_ERROR_VALUE,
      "shipping_lines[0].total_tax: “0,00” is not a decimal amount" },
    { "tax_lines[0].compound", "\"no\"", ES_JSON_ERROR_TYPE,
      "tax_lines[0].compound: expected true or false" },
    { "tax_lines[0].rate_id", "75", ES_JSON_ERROR_TYPE, "tax_lines[0].rate_id: expected a string" },
    { "fee_lines", "[{\"id\":\"1\"}]", ES_JSON_ERROR_MISSING,
      "fee_lines[0].name: required member is missing" },
    { "fee_lines", "[{\"id\":\"1\",\"name\":\"Fee\",\"tax_class\":\"\",\"taxable\":1,"
                   "\"total\":\"1.00\",\"total_tax\":\"0.00\"}]",
      ES_JSON_ERROR_TYPE, "fee_lines[0].taxable: expected true or false" },
    { "discounts", "[{\"id\":\"1\",\"code\":\"SAVE\",\"type\":\"half\",\"nominal\":\"10.00\","
                   "\"amount\":\"1.00\",\"amount_tax\":\"0.00\"}]",
      ES_JSON_ERROR_VALUE, "discounts[0].type: unknown discount type “half”" },
    { "discounts", "[{\"id\":\"1\",\"code\":\"SAVE\",\"type\":\"percent\",\"nominal\":\"12.125\","
                   "\"amount\":\"1.00\",\"amount_tax\":\"0.00\"}]",
      ES_JSON_ERROR_VALUE,
      "discounts[0].nominal: “12.125” has more decimal places than the currency allows (2)" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) array = parse ("[]");
  g_autoptr(EsOrder) order = NULL;

  assert_damage (order_727, cases, G_N_ELEMENTS (cases), reread_order);

  order = es_order_new_from_json (array, &error);
  g_assert_null (order);
  g_assert_error (error, ES_JSON_ERROR, ES_JSON_ERROR_TYPE);
  g_assert_cmpstr (error->message, ==, "expected an object");
}

static void
test_customer_errors (void)
{
  static const Damage cases[] = {
    { "kind", "\"order\"", ES_JSON_ERROR_VALUE, "kind: expected “customer”, not “order”" },
    { "email", "null", ES_JSON_ERROR_TYPE, "email: expected a string" },
    { "shipping.phone", "5", ES_JSON_ERROR_TYPE, "shipping.phone: expected a string" },
    { "billing", NULL, ES_JSON_ERROR_MISSING, "billing: required member is missing" },
    { "modified_at", "\"2017-02-30T00:00:00Z\"", ES_JSON_ERROR_VALUE,
      "modified_at: “2017-02-30T00:00:00Z” is not a valid date and time" },
    { "external_ids.woocommerce", "25", ES_JSON_ERROR_TYPE,
      "external_ids.woocommerce: expected a string" },
    { "currency", "\"USD\"", ES_JSON_ERROR_UNKNOWN_MEMBER, "currency: unknown member" },
  };

  assert_damage (customer_25, cases, G_N_ELEMENTS (cases), reread_customer);
}

static void
test_product_errors (void)
{
  static const Damage stocked[] = {
    { "kind", "\"order\"", ES_JSON_ERROR_VALUE, "kind: expected “product”, not “order”" },
    { "type", "\"bundle\"", ES_JSON_ERROR_VALUE, "type: unknown product type “bundle”" },
    { "stock_quantity", "null", ES_JSON_ERROR_TYPE, "stock_quantity: expected an integer" },
    { "stock_quantity", "\"3\"", ES_JSON_ERROR_TYPE, "stock_quantity: expected an integer" },
    { "price", "\"abc\"", ES_JSON_ERROR_VALUE, "price: “abc” is not a decimal amount" },
    { "sale_price", "1", ES_JSON_ERROR_TYPE, "sale_price: expected a string" },
    { "regular_price", NULL, ES_JSON_ERROR_MISSING, "regular_price: required member is missing" },
    { "parent_ref", "\"22\"", ES_JSON_ERROR_TYPE, "parent_ref: expected an object" },
    { "manage_stock", "null", ES_JSON_ERROR_TYPE, "manage_stock: expected true or false" },
    { "active", NULL, ES_JSON_ERROR_MISSING, "active: required member is missing" },
    { "currency", "\"\"", ES_JSON_ERROR_VALUE,
      "currency: “” is not an ISO 4217 currency code" },
  };
  static const Damage untracked[] = {
    { "stock_quantity", "5", ES_JSON_ERROR_VALUE,
      "stock_quantity: expected null, as manage_stock is false" },
    { "stock_quantity", NULL, ES_JSON_ERROR_MISSING, "stock_quantity: required member is missing" },
    { "taxable", "\"taxable\"", ES_JSON_ERROR_TYPE, "taxable: expected true or false" },
  };

  assert_damage (variation_732, stocked, G_N_ELEMENTS (stocked), reread_product);
  assert_damage (product_794, untracked, G_N_ELEMENTS (untracked), reread_product);
}

static void
test_random_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(JsonNode) node = random_document (rand);

      assert_round_trip (node);
    }
}

static void
test_random_damage (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(JsonNode) node = random_document (rand);
      g_autofree char *text = es_json_to_canonical_string (node, FALSE);
      g_autofree char *damaged_text = mutate_text (rand, text);
      g_autofree char *damaged_tree = NULL;

      assert_damage_is_handled (damaged_text);

      mutate_tree (rand, node);
      damaged_tree = es_json_to_canonical_string (node, FALSE);
      assert_damage_is_handled (damaged_tree);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/enums", test_enums);
  g_test_add_func ("/model/external-ids/basics", test_external_ids);
  g_test_add_func ("/model/external-ids/errors", test_external_ids_errors);
  g_test_add_func ("/model/address/format", test_address_format);
  g_test_add_func ("/model/address/json", test_address_json);
  g_test_add_func ("/model/customer/full-name", test_customer_full_name);
  g_test_add_func ("/model/customer/round-trip", test_customer_round_trip);
  g_test_add_func ("/model/customer/errors", test_customer_errors);
  g_test_add_func ("/model/product/round-trip", test_product_round_trip);
  g_test_add_func ("/model/product/stock-and-prices", test_product_stock_and_prices);
  g_test_add_func ("/model/product/errors", test_product_errors);
  g_test_add_func ("/model/order/round-trip", test_order_round_trip);
  g_test_add_func ("/model/order/parts", test_order_parts);
  g_test_add_func ("/model/order/currencies", test_order_currencies);
  g_test_add_func ("/model/order/normalizes", test_order_normalizes);
  g_test_add_func ("/model/order/errors", test_order_errors);
  g_test_add_func ("/model/random/round-trip", test_random_round_trip);
  g_test_add_func ("/model/random/damage", test_random_damage);

  return g_test_run ();
}
