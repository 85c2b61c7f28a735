/* es-mapping-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The main window's "mapping" area: the field mappings from orders to invoices. */
#define ES_TYPE_MAPPING_PAGE (es_mapping_page_get_type ())
G_DECLARE_FINAL_TYPE (EsMappingPage, es_mapping_page, ES, MAPPING_PAGE, AdwBin)

G_END_DECLS
