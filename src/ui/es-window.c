/* es-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-window"

#include "config.h"

#include <glib/gi18n.h>

#include "es-window.h"

struct _EsWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwViewStack *stack;
};

G_DEFINE_FINAL_TYPE (EsWindow, es_window, ADW_TYPE_APPLICATION_WINDOW)

static void
es_window_class_init (EsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/es-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EsWindow, stack);
}

static void
es_window_init (EsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

EsWindow *
es_window_new (EsApplication *app)
{
  g_return_val_if_fail (ES_IS_APPLICATION (app), NULL);

  return g_object_new (ES_TYPE_WINDOW, "application", app, NULL);
}
