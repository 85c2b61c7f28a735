/* es-integrations-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The main window's "integrations" area: the systems EasySale Sync is connected to. */
#define ES_TYPE_INTEGRATIONS_PAGE (es_integrations_page_get_type ())
G_DECLARE_FINAL_TYPE (EsIntegrationsPage, es_integrations_page, ES, INTEGRATIONS_PAGE, AdwBin)

G_END_DECLS
