/* es-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ES_TYPE_APPLICATION (es_application_get_type ())
G_DECLARE_FINAL_TYPE (EsApplication, es_application, ES, APPLICATION, AdwApplication)

/** es_application_new: Returns: (transfer full): the application, id `com.easysale.Sync`. */
EsApplication *es_application_new (void);

G_END_DECLS
