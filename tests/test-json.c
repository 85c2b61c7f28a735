/* test-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "es-json.h"

static JsonNode *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = es_json_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);

  return node;
}

static char *
canonical (const char *text)
{
  g_autoptr(JsonNode) node = parse_ok (text);

  return es_json_to_canonical_string (node, FALSE);
}

static void
test_parse_valid (void)
{
  static const struct {
    const char *text;
    const char *canonical;
  } cases[] = {
    { "{}", "{}" },
    { " [ ] ", "[]" },
    { "\"x\"", "\"x\"" },
    { "0", "0" },
    { "-0", "0" },
    { "true", "true" },
    { "null", "null" },
    { "9223372036854775807", "9223372036854775807" },
    { "-9223372036854775808", "-9223372036854775808" },
    { "[1.5e3, -2E-2, 0.1, 1e300]", "[1500.0,-0.02,0.1,1e+300]" },
    { "{\"a\" : [ {\"b\":null} ] }\r\n", "{\"a\":[{\"b\":null}]}" },
    { "\"\\u00e9\\ud83d\\ude00\\/\"", "\"\xc3\xa9\xf0\x9f\x98\x80/\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = canonical (cases[i].text);

      g_assert_cmpstr (text, ==, cases[i].canonical);
    }
}

static void
test_parse_invalid (void)
{
  static const struct {
    const char *text;
    gssize      length;
    const char *message;
  } cases[] = {
    { "", 0, "The document is empty" },
    { " \n\t ", -1, "The document is empty" },
    { "{", -1, "Invalid JSON at line 1, column 2: expected a member name" },
    { "[", -1, "Invalid JSON at line 1, column 2: unexpected end of the document" },
    { "[1,]", -1, "Invalid JSON at line 1, column 4: unexpected character" },
    { "[1 2]", -1, "Invalid JSON at line 1, column 4: expected “,” or “]”" },
    { "{\"a\" 1}", -1, "Invalid JSON at line 1, column 6: expected “:”" },
    { "{\"a\":1 \"b\":2}", -1, "Invalid JSON at line 1, column 8: expected “,” or “}”" },
    { "{a:1}", -1, "Invalid JSON at line 1, column 2: expected a member name" },
    { "{} x", -1, "Invalid JSON at line 1, column 4: unexpected text after the document" },
    { "[1]\n[2]", -1, "Invalid JSON at line 2, column 1: unexpected text after the document" },
    { "/* c */ {}", -1, "Invalid JSON at line 1, column 1: unexpected character" },
    { "['a']", -1, "Invalid JSON at line 1, column 2: unexpected character" },
    { "[010]", -1, "Invalid JSON at line 1, column 3: expected “,” or “]”" },
    { "[0x10]", -1, "Invalid JSON at line 1, column 3: expected “,” or “]”" },
    { "[.5]", -1, "Invalid JSON at line 1, column 2: unexpected character" },
    { "[1.]", -1, "Invalid JSON at line 1, column 4: invalid number" },
    { "[1e]", -1, "Invalid JSON at line 1, column 4: invalid number" },
    { "[-]", -1, "Invalid JSON at line 1, column 3: invalid number" },
    { "[+1]", -1, "Invalid JSON at line 1, column 2: unexpected character" },
    { "[NaN]", -1, "Invalid JSON at line 1, column 2: unexpected character" },
    { "[tru]", -1, "Invalid JSON at line 1, column 2: unexpected character" },
    { "[9223372036854775808]", -1, "Invalid JSON at line 1, column 21: integer out of range" },
    { "[-9223372036854775809]", -1, "Invalid JSON at line 1, column 22: integer out of range" },
    { "[99999999999999999999]", -1, "Invalid JSON at line 1, column 22: integer out of range" },
    { "[1e400]", -1, "Invalid JSON at line 1, column 7: number out of range" },
    { "\"a\\u0000b\"", -1, "Invalid JSON at line 1, column 3: a string contains \\u0000" },
    { "\"\\ud800\"", -1, "Invalid JSON at line 1, column 2: unpaired surrogate in a \\u escape" },
    { "\"\\udc00\"", -1, "Invalid JSON at line 1, column 2: unpaired surrogate in a \\u escape" },
    { "\"\\ud800\\u0041\"", -1,
      "Invalid JSON at line 1, column 2: unpaired surrogate in a \\u escape" },
    { "\"\\u12\"", -1, "Invalid JSON at line 1, column 2: invalid \\u escape" },
    { "\"\\x\"", -1, "Invalid JSON at line 1, column 2: invalid escape in a string" },
    { "\"a\tb\"", -1, "Invalid JSON at line 1, column 3: control character in a string" },
    { "\"abc", -1, "Invalid JSON at line 1, column 5: unterminated string" },
    { "\"abc\\", -1, "Invalid JSON at line 1, column 6: unterminated string" },
    { "\"\xff\"", -1, "Invalid JSON at line 1, column 2: not UTF-8 text" },
    { "[1]\0[2]", 7, "Invalid JSON at line 1, column 4: not UTF-8 text" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;

      g_autofree char *escaped = g_strescape (cases[i].text, NULL);

      g_test_message ("parsing %s", escaped);
      node = es_json_parse (cases[i].text, cases[i].length, &error);
      g_assert_null (node);
      g_assert_error (error, ES_JSON_ERROR, ES_JSON_ERROR_PARSE);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_parse_depth (void)
{
  g_autoptr(GString) ok = g_string_new (NULL);
  g_autoptr(GString) too_deep = NULL;
  g_autoptr(GString) hostile = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *deep = NULL;

  for (guint i = 0; i < ES_JSON_MAX_DEPTH; i++)
    g_string_append (ok, i % 2 == 0 ? "[" : "{\"k\":");
  g_string_append (ok, "1");
  for (guint i = ES_JSON_MAX_DEPTH; i > 0; i--)
    g_string_append (ok, (i - 1) % 2 == 0 ? "]" : "}");

  node = es_json_parse (ok->str, ok->len, &error);
  g_assert_no_error (error);
  deep = node;
  for (guint i = 0; i < ES_JSON_MAX_DEPTH; i++)
    deep = i % 2 == 0 ? json_array_get_element (json_node_get_array (deep), 0)
                      : json_object_get_member (json_node_get_object (deep), "k");
  g_assert_cmpint (json_node_get_int (deep), ==, 1);

  too_deep = g_string_new ("[");
  g_string_append (too_deep, ok->str);
  g_string_append (too_deep, "]");
  g_assert_null (es_json_parse (too_deep->str, too_deep->len, &error));
  g_assert_error (error, ES_JSON_ERROR, ES_JSON_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "nested too deeply"));
  g_clear_error (&error);

  /* A megabyte of brackets must be refused without recursing. */
  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (hostile, '[');
  g_assert_null (es_json_parse (hostile->str, hostile->len, &error));
  g_assert_error (error, ES_JSON_ERROR, ES_JSON_ERROR_PARSE);
}

static void
test_canonical_sorted (void)
{
  g_autofree char *a = canonical ("{\"b\":1,\"a\":{\"z\":[3,2,1],\"y\":true},"
                                  "\"A\":null,\"é\":\"\"}");
  g_autoptr(JsonNode) built = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *b = NULL;
  g_autofree char *pretty = NULL;
  JsonObject *inner;
  JsonArray *list;

  g_assert_cmpstr (a, ==, "{\"A\":null,\"a\":{\"y\":true,\"z\":[3,2,1]},\"b\":1,\"é\":\"\"}");

  /* Building order does not matter. */
  json_object_set_string_member (object, "é", "");
  json_object_set_null_member (object, "A");
  json_object_set_int_member (object, "b", 1);
  inner = json_object_new ();
  list = json_array_new ();
  json_array_add_int_element (list, 3);
  json_array_add_int_element (list, 2);
  json_array_add_int_element (list, 1);
  json_object_set_array_member (inner, "z", list);
  json_object_set_boolean_member (inner, "y", TRUE);
  json_object_set_object_member (object, "a", inner);
  json_node_set_object (built, object);
  b = es_json_to_canonical_string (built, FALSE);
  g_assert_cmpstr (a, ==, b);

  pretty = es_json_to_canonical_string (built, TRUE);
  g_assert_cmpstr (pretty, ==,
                   "{\n"
                   "  \"A\": null,\n"
                   "  \"a\": {\n"
                   "    \"y\": true,\n"
                   "    \"z\": [\n"
                   "      3,\n"
                   "      2,\n"
                   "      1\n"
                   "    ]\n"
                   "  },\n"
                   "  \"b\": 1,\n"
                   "  \"é\": \"\"\n"
                   "}");
}

static void
test_canonical_strings (void)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;

  json_node_set_string (node, "q\"b\\s/\b\f\n\r\t\x01\x1f\x7f é 😀 \xe2\x80\xa8");
  text = es_json_to_canonical_string (node, FALSE);
  g_assert_cmpstr (text, ==,
                   "\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0001\\u001f\x7f é 😀 \xe2\x80\xa8\"");

  again = canonical (text);
  g_assert_cmpstr (again, ==, text);
}

static void
test_canonical_numbers (void)
{
  static const struct {
    const char *text;
    const char *canonical;
  } cases[] = {
    /* WooCommerce's float line price: not the double of 14.31, so it keeps all its digits. */
    { "14.309999999999999", "14.309999999999999" },
    { "14.31", "14.31" },
    { "3", "3" },
    { "3.0", "3.0" },
    { "-0.0", "-0.0" },
    { "0.30000000000000004", "0.30000000000000004" },
    { "1e21", "1e+21" },
    { "1e20", "100000000000000000000.0" },
    { "1.2345678901234568e20", "123456789012345680000.0" },
    { "1e-7", "1e-7" },
    { "1.5e-6", "0.0000015" },
    { "5e-324", "5e-324" },
    { "1.7976931348623157e308", "1.7976931348623157e+308" },
    { "0.000001", "0.000001" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = canonical (cases[i].text);
      g_autofree char *again = canonical (text);

      g_assert_cmpstr (text, ==, cases[i].canonical);
      g_assert_cmpstr (again, ==, text);
    }
}

static void
test_canonical_built_values (void)
{
  g_autoptr(JsonNode) array_node = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) null_string = json_node_new (JSON_NODE_VALUE);
  g_autofree char *text = NULL;

  /* Values code can build but JSON cannot hold. */
  json_array_add_double_element (array, 1.0 / 0.0);
  json_array_add_double_element (array, 0.0 / 0.0);
  json_node_set_string (null_string, NULL);
  json_array_add_element (array, g_steal_pointer (&null_string));
  json_array_add_boolean_element (array, FALSE);
  json_node_set_array (array_node, array);

  text = es_json_to_canonical_string (array_node, FALSE);
  g_assert_cmpstr (text, ==, "[null,null,null,false]");
}

static void
test_content_hash (void)
{
  g_autoptr(JsonNode) empty = parse_ok ("{}");
  g_autoptr(JsonNode) a = parse_ok ("{\"b\":1,\"a\":\"x\"}");
  g_autoptr(JsonNode) b = parse_ok ("{ \"a\" : \"x\", \"b\" : 1 }");
  g_autoptr(JsonNode) c = parse_ok ("{\"a\":\"x\",\"b\":2}");
  g_autofree char *hash_empty = es_json_content_hash (empty);
  g_autofree char *hash_a = es_json_content_hash (a);
  g_autofree char *hash_b = es_json_content_hash (b);
  g_autofree char *hash_c = es_json_content_hash (c);

  /* sha256sum of the two bytes "{}". */
  g_assert_cmpstr (hash_empty, ==,
                   "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  g_assert_cmpstr (hash_a, ==, hash_b);
  g_assert_cmpstr (hash_a, !=, hash_c);
  g_assert_cmpuint (strlen (hash_a), ==, 64);
}

static void
test_paths (void)
{
  g_autofree char *root_member = es_json_path_member ("", "total");
  g_autofree char *null_member = es_json_path_member (NULL, "total");
  g_autofree char *nested = es_json_path_member ("line_items[2]", "total");
  g_autofree char *element = es_json_path_index ("line_items", 2);
  g_autofree char *root_element = es_json_path_index ("", 0);

  g_assert_cmpstr (root_member, ==, "total");
  g_assert_cmpstr (null_member, ==, "total");
  g_assert_cmpstr (nested, ==, "line_items[2].total");
  g_assert_cmpstr (element, ==, "line_items[2]");
  g_assert_cmpstr (root_element, ==, "[0]");
}

static void
test_get_lenient (void)
{
  g_autoptr(JsonNode) node = parse_ok ("{\"s\":\"text\",\"i\":7,\"d\":7.5,\"b\":true,\"n\":null}");
  JsonObject *object = json_node_get_object (node);

  g_assert_cmpstr (es_json_get_string (object, "s", "x"), ==, "text");
  g_assert_cmpstr (es_json_get_string (object, "i", "x"), ==, "x");
  g_assert_cmpstr (es_json_get_string (object, "n", "x"), ==, "x");
  g_assert_cmpstr (es_json_get_string (object, "missing", "x"), ==, "x");
  g_assert_null (es_json_get_string (object, "missing", NULL));
  g_assert_cmpstr (es_json_get_string (NULL, "s", "x"), ==, "x");

  g_assert_cmpint (es_json_get_int (object, "i", -1), ==, 7);
  g_assert_cmpint (es_json_get_int (object, "d", -1), ==, -1);
  g_assert_cmpint (es_json_get_int (object, "s", -1), ==, -1);
  g_assert_cmpint (es_json_get_int (object, "missing", -1), ==, -1);

  g_assert_true (es_json_get_bool (object, "b", FALSE));
  g_assert_false (es_json_get_bool (object, "i", FALSE));
  g_assert_true (es_json_get_bool (object, "n", TRUE));
}

static void
test_require_ok (void)
{
  g_autoptr(JsonNode) node = parse_ok ("{\"s\":\"text\",\"i\":-7,\"b\":false,\"o\":{\"k\":1},"
                                       "\"a\":[{\"x\":1}],\"m\":\"29.35\","
                                       "\"t\":\"2015-07-24T10:35:08-07:00\",\"n\":null}");
  JsonObject *object = json_node_get_object (node);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) no_time = NULL;
  const char *s = NULL;
  gint64 i = 0;
  gboolean b = TRUE;
  JsonObject *o = NULL;
  JsonObject *element = NULL;
  JsonArray *a = NULL;
  gint64 minor = 0;

  g_assert_true (es_json_require_string (object, "", "s", &s, &error));
  g_assert_cmpstr (s, ==, "text");
  g_assert_true (es_json_require_int (object, "", "i", &i, &error));
  g_assert_cmpint (i, ==, -7);
  g_assert_true (es_json_require_bool (object, "", "b", &b, &error));
  g_assert_false (b);
  g_assert_true (es_json_require_object (object, "", "o", &o, &error));
  g_assert_cmpint (json_object_get_int_member (o, "k"), ==, 1);
  g_assert_true (es_json_require_array (object, "", "a", &a, &error));
  g_assert_true (es_json_require_object_element (a, "a", 0, &element, &error));
  g_assert_cmpint (json_object_get_int_member (element, "x"), ==, 1);
  g_assert_true (es_json_require_money (object, "", "m", 2, &minor, &error));
  g_assert_cmpint (minor, ==, 2935);
  g_assert_true (es_json_require_time (object, "", "t", FALSE, &time, &error));
  g_assert_cmpint (g_date_time_get_hour (time), ==, 17);
  g_assert_true (es_json_require_time (object, "", "n", TRUE, &no_time, &error));
  g_assert_null (no_time);
  g_assert_no_error (error);

  g_assert_true (es_json_member_is_null (object, "n"));
  g_assert_false (es_json_member_is_null (object, "s"));
  g_assert_false (es_json_member_is_null (object, "missing"));
}

typedef enum
{
  READ_STRING,
  READ_INT,
  READ_BOOL,
  READ_OBJECT,
  READ_ARRAY,
  READ_MONEY,
  READ_TIME,
  READ_NULLABLE_TIME,
} ReadKind;

static gboolean
read_member (JsonObject  *object,
             const char  *path,
             const char  *member,
             ReadKind     kind,
             GError     **error)
{
  const char *s;
  gint64 i;
  gboolean b;
  JsonObject *o;
  JsonArray *a;
  g_autoptr(GDateTime) t = NULL;

  switch (kind)
    {
    case READ_STRING:
      return es_json_require_string (object, path, member, &s, error);
    case READ_INT:
      return es_json_require_int (object, path, member, &i, error);
    case READ_BOOL:
      return es_json_require_bool (object, path, member, &b, error);
    case READ_OBJECT:
      return es_json_require_object (object, path, member, &o, error);
    case READ_ARRAY:
      return es_json_require_array (object, path, member, &a, error);
    case READ_MONEY:
      return es_json_require_money (object, path, member, 2, &i, error);
    case READ_TIME:
      return es_json_require_time (object, path, member, FALSE, &t, error);
    case READ_NULLABLE_TIME:
      return es_json_require_time (object, path, member, TRUE, &t, error);
    default:
      g_assert_not_reached ();
    }
}

static void
test_require_errors (void)
{
  static const struct {
    const char *member;
    ReadKind    kind;
    int         code;
    const char *message;
  } cases[] = {
    { "missing", READ_STRING, ES_JSON_ERROR_MISSING,
      "line_items[2].missing: required member is missing" },
    { "total", READ_STRING, ES_JSON_ERROR_TYPE, "line_items[2].total: expected a string" },
    { "n", READ_STRING, ES_JSON_ERROR_TYPE, "line_items[2].n: expected a string" },
    { "s", READ_INT, ES_JSON_ERROR_TYPE, "line_items[2].s: expected an integer" },
    { "d", READ_INT, ES_JSON_ERROR_TYPE, "line_items[2].d: expected an integer" },
    { "missing", READ_INT, ES_JSON_ERROR_MISSING,
      "line_items[2].missing: required member is missing" },
    { "s", READ_BOOL, ES_JSON_ERROR_TYPE, "line_items[2].s: expected true or false" },
    { "missing", READ_BOOL, ES_JSON_ERROR_MISSING,
      "line_items[2].missing: required member is missing" },
    { "s", READ_OBJECT, ES_JSON_ERROR_TYPE, "line_items[2].s: expected an object" },
    { "missing", READ_OBJECT, ES_JSON_ERROR_MISSING,
      "line_items[2].missing: required member is missing" },
    { "o", READ_ARRAY, ES_JSON_ERROR_TYPE, "line_items[2].o: expected an array" },
    { "missing", READ_ARRAY, ES_JSON_ERROR_MISSING,
      "line_items[2].missing: required member is missing" },
    { "s", READ_MONEY, ES_JSON_ERROR_VALUE,
      "line_items[2].s: “1e3” is not a decimal amount" },
    { "total", READ_MONEY, ES_JSON_ERROR_TYPE, "line_items[2].total: expected a string" },
    { "precise", READ_MONEY, ES_JSON_ERROR_VALUE,
      "line_items[2].precise: “0.005” has more decimal places than the currency allows (2)" },
    { "huge", READ_MONEY, ES_JSON_ERROR_VALUE,
      "line_items[2].huge: “99999999999999999999” is too large an amount" },
    { "missing", READ_MONEY, ES_JSON_ERROR_MISSING,
      "line_items[2].missing: required member is missing" },
    { "s", READ_TIME, ES_JSON_ERROR_VALUE,
      "line_items[2].s: “1e3” is not an ISO 8601 date and time" },
    { "feb30", READ_TIME, ES_JSON_ERROR_VALUE,
      "line_items[2].feb30: “2017-02-30T00:00:00Z” is not a valid date and time" },
    { "n", READ_TIME, ES_JSON_ERROR_TYPE, "line_items[2].n: expected a string" },
    { "total", READ_NULLABLE_TIME, ES_JSON_ERROR_TYPE, "line_items[2].total: expected a string" },
    { "missing", READ_NULLABLE_TIME, ES_JSON_ERROR_MISSING,
      "line_items[2].missing: required member is missing" },
  };
  g_autoptr(JsonNode) node = parse_ok ("{\"s\":\"1e3\",\"total\":29.35,\"d\":1.0,\"n\":null,"
                                       "\"o\":{},\"precise\":\"0.005\","
                                       "\"huge\":\"99999999999999999999\","
                                       "\"feb30\":\"2017-02-30T00:00:00Z\"}");
  JsonObject *object = json_node_get_object (node);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (read_member (object, "line_items[2]", cases[i].member, cases[i].kind,
                                   &error));
      g_assert_error (error, ES_JSON_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_require_root_paths (void)
{
  g_autoptr(JsonNode) node = parse_ok ("{\"total\":1,\"a\":[{},2]}");
  JsonObject *object = json_node_get_object (node);
  g_autoptr(GError) error = NULL;
  JsonArray *array = json_object_get_array_member (object, "a");
  JsonObject *element = NULL;
  const char *s;

  g_assert_false (es_json_require_string (object, "", "total", &s, &error));
  g_assert_cmpstr (error->message, ==, "total: expected a string");
  g_clear_error (&error);

  g_assert_false (es_json_require_object_element (array, "a", 1, &element, &error));
  g_assert_error (error, ES_JSON_ERROR, ES_JSON_ERROR_TYPE);
  g_assert_cmpstr (error->message, ==, "a[1]: expected an object");
  g_assert_null (element);
}

static void
test_check_members (void)
{
  static const char * const allowed[] = { "a", "b", NULL };
  g_autoptr(JsonNode) good = parse_ok ("{\"b\":1,\"a\":2}");
  g_autoptr(JsonNode) bad = parse_ok ("{\"a\":1,\"street\":2,\"zz\":3}");
  g_autoptr(GError) error = NULL;

  g_assert_true (es_json_check_members (json_node_get_object (good), "billing", allowed, &error));
  g_assert_no_error (error);

  g_assert_false (es_json_check_members (json_node_get_object (bad), "billing", allowed, &error));
  g_assert_error (error, ES_JSON_ERROR, ES_JSON_ERROR_UNKNOWN_MEMBER);
  g_assert_cmpstr (error->message, ==, "billing.street: unknown member");
}

static void
test_setters (void)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (-7 * 3600);
  g_autoptr(GDateTime) time = g_date_time_new (zone, 2015, 7, 24, 10, 35, 8);
  g_autofree char *text = NULL;

  es_json_object_set_money (object, "total", 2935, 2);
  es_json_object_set_money (object, "refund", -10, 2);
  es_json_object_set_money (object, "yen", 1200, 0);
  es_json_object_set_time (object, "created_at", time);
  es_json_object_set_time (object, "paid_at", NULL);
  json_node_set_object (node, object);

  text = es_json_to_canonical_string (node, FALSE);
  g_assert_cmpstr (text, ==,
                   "{\"created_at\":\"2015-07-24T17:35:08Z\",\"paid_at\":null,"
                   "\"refund\":\"-0.10\",\"total\":\"29.35\",\"yen\":\"1200\"}");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/parse/valid", test_parse_valid);
  g_test_add_func ("/json/parse/invalid", test_parse_invalid);
  g_test_add_func ("/json/parse/depth", test_parse_depth);
  g_test_add_func ("/json/canonical/sorted", test_canonical_sorted);
  g_test_add_func ("/json/canonical/strings", test_canonical_strings);
  g_test_add_func ("/json/canonical/numbers", test_canonical_numbers);
  g_test_add_func ("/json/canonical/built-values", test_canonical_built_values);
  g_test_add_func ("/json/content-hash", test_content_hash);
  g_test_add_func ("/json/paths", test_paths);
  g_test_add_func ("/json/get/lenient", test_get_lenient);
  g_test_add_func ("/json/require/ok", test_require_ok);
  g_test_add_func ("/json/require/errors", test_require_errors);
  g_test_add_func ("/json/require/root-paths", test_require_root_paths);
  g_test_add_func ("/json/check-members", test_check_members);
  g_test_add_func ("/json/setters", test_setters);

  return g_test_run ();
}
