/* es-mapping-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-mapping-page"

#include "config.h"

#include "es-mapping-page.h"

struct _EsMappingPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (EsMappingPage, es_mapping_page, ADW_TYPE_BIN)

static void
es_mapping_page_class_init (EsMappingPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/es-mapping-page.ui");
}

static void
es_mapping_page_init (EsMappingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
