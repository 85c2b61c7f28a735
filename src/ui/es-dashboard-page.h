/* es-dashboard-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The main window's "dashboard" area: what the sync did (runs, errors and totals). */
#define ES_TYPE_DASHBOARD_PAGE (es_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (EsDashboardPage, es_dashboard_page, ES, DASHBOARD_PAGE, AdwBin)

G_END_DECLS
