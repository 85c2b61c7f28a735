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
EsApplication *es_application_new          (void);

/**
 * es_application_get_data_dir:
 * Returns: (nullable) (type filename): the absolute store directory given with `--data-dir`,
 *   or %NULL for the default one (`$XDG_DATA_HOME/easysale-sync`).
 */
const char    *es_application_get_data_dir (EsApplication *self);

/**
 * es_application_set_data_dir:
 * @data_dir: (nullable) (type filename): an absolute directory, or %NULL for the default one
 *
 * Sets where the store lives; relative paths are refused, see es_application_get_data_dir().
 */
void           es_application_set_data_dir (EsApplication *self,
                                            const char    *data_dir);

G_END_DECLS
