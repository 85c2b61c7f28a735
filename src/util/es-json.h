/* es-json.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ES_JSON_ERROR (es_json_error_quark ())

/**
 * EsJsonError:
 * @ES_JSON_ERROR_PARSE: the text is not JSON, or nests deeper than %ES_JSON_MAX_DEPTH
 * @ES_JSON_ERROR_MISSING: a required member is absent
 * @ES_JSON_ERROR_TYPE: a member or element has the wrong JSON type (null included)
 * @ES_JSON_ERROR_VALUE: the type is right but the value is not (an amount, a time, an
 *   enumeration, a version)
 * @ES_JSON_ERROR_UNKNOWN_MEMBER: an object has a member its reader does not know
 *
 * Every message except for %ES_JSON_ERROR_PARSE starts with the path of the offending value,
 * e.g. "line_items[2].total: expected a string".
 */
typedef enum
{
  ES_JSON_ERROR_PARSE,
  ES_JSON_ERROR_MISSING,
  ES_JSON_ERROR_TYPE,
  ES_JSON_ERROR_VALUE,
  ES_JSON_ERROR_UNKNOWN_MEMBER,
} EsJsonError;

/** ES_JSON_MAX_DEPTH: the deepest nesting es_json_parse() accepts; json-glib parses recursively. */
#define ES_JSON_MAX_DEPTH 128

GQuark       es_json_error_quark          (void);

/**
 * es_json_parse:
 * @data: JSON text in UTF-8
 * @length: length of @data in bytes, or -1 when it is nul-terminated
 *
 * Accepts exactly RFC 8259 JSON. json-glib alone also takes comments, single quotes, octal and
 * hexadecimal numbers, wraps integers beyond 64 bits, cuts strings at "\u0000", reads an empty
 * text as no document, and recurses without limit: all of these are errors here, as is nesting
 * deeper than %ES_JSON_MAX_DEPTH and a number beyond the range of a double.
 *
 * Returns: (transfer full): the root node, or %NULL with @error set (%ES_JSON_ERROR_PARSE).
 */
JsonNode    *es_json_parse                (const char  *data,
                                           gssize       length,
                                           GError     **error);

/**
 * es_json_to_canonical_string:
 * @node: any JSON node
 * @pretty: indent by two spaces per level instead of writing one compact line
 *
 * Writes object members sorted by name (bytewise), no insignificant whitespace when compact,
 * strings escaped minimally, integers in decimal and doubles in their shortest exact form
 * (non-finite doubles as null): equal documents give equal text whatever order they were
 * built in.
 *
 * Returns: (transfer full): the JSON text.
 */
char        *es_json_to_canonical_string  (JsonNode    *node,
                                           gboolean     pretty);

/**
 * es_json_content_hash:
 * @node: any JSON node
 *
 * Returns: (transfer full): the lowercase hex SHA-256 of the compact canonical text of @node.
 */
char        *es_json_content_hash         (JsonNode    *node);

/**
 * es_json_path_member:
 * @path: the path of an object, "" for the root
 * @member: a member of that object
 *
 * Returns: (transfer full): the path of @member, e.g. "billing.city" or "total".
 */
char        *es_json_path_member          (const char  *path,
                                           const char  *member);

/**
 * es_json_path_index:
 * @path: the path of an array
 * @index_: an element of that array
 *
 * Returns: (transfer full): the path of the element, e.g. "line_items[2]".
 */
char        *es_json_path_index           (const char  *path,
                                           guint        index_);

/**
 * es_json_set_error:
 * @path: where the problem is ("" or %NULL for the document itself)
 *
 * Sets @error in %ES_JSON_ERROR to "@path: message", the form of every error of this domain.
 *
 * Returns: %FALSE, so that a reader can `return es_json_set_error (…);`.
 */
gboolean     es_json_set_error            (GError     **error,
                                           EsJsonError  code,
                                           const char  *path,
                                           const char  *format,
                                           ...) G_GNUC_PRINTF (4, 5);

/* Lenient readers for foreign payloads: the member's value when it is present with the right
 * type, otherwise @default_value. @object may be %NULL, for chains of optional objects. */

/** es_json_get_string: Returns: (nullable): the string member @member, else @default_value. */
const char  *es_json_get_string           (JsonObject  *object,
                                           const char  *member,
                                           const char  *default_value);
/** es_json_get_int: Returns: the integer member @member, else @default_value. */
gint64       es_json_get_int              (JsonObject  *object,
                                           const char  *member,
                                           gint64       default_value);
/** es_json_get_bool: Returns: the boolean member @member, else @default_value. */
gboolean     es_json_get_bool             (JsonObject  *object,
                                           const char  *member,
                                           gboolean     default_value);

/* Strict readers. @path is where @object sits in its document ("" for the root) and only
 * serves the error message. They return %FALSE with @error set when the member is missing
 * (%ES_JSON_ERROR_MISSING), of another type or null (%ES_JSON_ERROR_TYPE), or an invalid value
 * (%ES_JSON_ERROR_VALUE). */

/** es_json_member_is_null: Returns: %TRUE when @object has the member @member and it is null. */
gboolean     es_json_member_is_null       (JsonObject  *object,
                                           const char  *member);

/** es_json_require_string: Reads a string member; @out_value points into @object. */
gboolean     es_json_require_string       (JsonObject  *object,
                                           const char  *path,
                                           const char  *member,
                                           const char **out_value,
                                           GError     **error);
/** es_json_require_int: Reads an integer member ("1.0" and "1e3" are not integers). */
gboolean     es_json_require_int          (JsonObject  *object,
                                           const char  *path,
                                           const char  *member,
                                           gint64      *out_value,
                                           GError     **error);
/** es_json_require_bool: Reads a boolean member. */
gboolean     es_json_require_bool         (JsonObject  *object,
                                           const char  *path,
                                           const char  *member,
                                           gboolean    *out_value,
                                           GError     **error);
/** es_json_require_object: Reads an object member; @out_value is owned by @object. */
gboolean     es_json_require_object       (JsonObject  *object,
                                           const char  *path,
                                           const char  *member,
                                           JsonObject **out_value,
                                           GError     **error);
/** es_json_require_array: Reads an array member; @out_value is owned by @object. */
gboolean     es_json_require_array        (JsonObject  *object,
                                           const char  *path,
                                           const char  *member,
                                           JsonArray  **out_value,
                                           GError     **error);
/** es_json_require_money: Reads a decimal money string (es_money_parse()) into minor units. */
gboolean     es_json_require_money        (JsonObject  *object,
                                           const char  *path,
                                           const char  *member,
                                           int          exponent,
                                           gint64      *out_minor,
                                           GError     **error);
/**
 * es_json_require_time:
 * Reads an ISO 8601 time (es_time_parse()); with @nullable, null gives %NULL in @out_value.
 * @out_value: (out) (transfer full) (nullable): the moment in UTC
 */
gboolean     es_json_require_time         (JsonObject  *object,
                                           const char  *path,
                                           const char  *member,
                                           gboolean     nullable,
                                           GDateTime  **out_value,
                                           GError     **error);
/** es_json_require_object_element: Reads element @index_ of @array, which must be an object. */
gboolean     es_json_require_object_element (JsonArray   *array,
                                             const char  *path,
                                             guint        index_,
                                             JsonObject **out_value,
                                             GError     **error);
/**
 * es_json_check_members:
 * @allowed: (array zero-terminated=1): every member @object may have
 *
 * Returns: %FALSE with %ES_JSON_ERROR_UNKNOWN_MEMBER naming the first member of @object that is
 *   not in @allowed.
 */
gboolean     es_json_check_members        (JsonObject         *object,
                                           const char         *path,
                                           const char * const *allowed,
                                           GError            **error);

/* Writers for the two value types JSON lacks. */

/** es_json_object_set_money: Sets @member to @minor as a decimal string (es_money_format()). */
void         es_json_object_set_money     (JsonObject  *object,
                                           const char  *member,
                                           gint64       minor,
                                           int          exponent);
/** es_json_object_set_time: Sets @member to "YYYY-MM-DDTHH:MM:SSZ", or null for a %NULL @time. */
void         es_json_object_set_time      (JsonObject  *object,
                                           const char  *member,
                                           GDateTime   *time);

G_END_DECLS
