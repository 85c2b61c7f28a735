/* es-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "es-application.h"

G_BEGIN_DECLS

#define ES_TYPE_WINDOW (es_window_get_type ())
G_DECLARE_FINAL_TYPE (EsWindow, es_window, ES, WINDOW, AdwApplicationWindow)

/** es_window_new: Returns: (transfer full): a main window for @app. */
EsWindow *es_window_new (EsApplication *app);

G_END_DECLS
