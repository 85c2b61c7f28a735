/* es-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-application"

#include "config.h"

#include <glib/gi18n.h>

#include "es-application.h"
#include "es-window.h"

struct _EsApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (EsApplication, es_application, ADW_TYPE_APPLICATION)

static void
es_application_activate (GApplication *app)
{
  GtkWindow *window;

  g_assert (ES_IS_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (es_window_new (ES_APPLICATION (app)));

  gtk_window_present (window);
}

static void
es_application_class_init (EsApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = es_application_activate;
}

static void
es_application_init (EsApplication *self)
{
}

EsApplication *
es_application_new (void)
{
  return g_object_new (ES_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_PREFIX,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
