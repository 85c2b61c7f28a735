/* es-integrations-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-integrations-page"

#include "config.h"

#include "es-integrations-page.h"

struct _EsIntegrationsPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (EsIntegrationsPage, es_integrations_page, ADW_TYPE_BIN)

static void
es_integrations_page_class_init (EsIntegrationsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/es-integrations-page.ui");
}

static void
es_integrations_page_init (EsIntegrationsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
