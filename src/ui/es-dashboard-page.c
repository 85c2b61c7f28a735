/* es-dashboard-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-dashboard-page"

#include "config.h"

#include "es-dashboard-page.h"

struct _EsDashboardPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (EsDashboardPage, es_dashboard_page, ADW_TYPE_BIN)

static void
es_dashboard_page_class_init (EsDashboardPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/es-dashboard-page.ui");
}

static void
es_dashboard_page_init (EsDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
