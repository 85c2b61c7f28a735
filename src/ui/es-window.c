/* es-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-window"

#include "config.h"

#include "es-dashboard-page.h"
#include "es-integrations-page.h"
#include "es-mapping-page.h"
#include "es-window.h"

/* The ranges of the window-width and window-height keys in the schema. */
#define MIN_SAVED_WIDTH  360
#define MIN_SAVED_HEIGHT 294
#define MAX_SAVED_SIZE   32767

struct _EsWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwViewStack         *stack;

  /* Owned references */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (EsWindow, es_window, ADW_TYPE_APPLICATION_WINDOW)

static void
on_stack_visible_child_name_cb (EsWindow *self)
{
  const char *name;

  g_assert (ES_IS_WINDOW (self));

  name = adw_view_stack_get_visible_child_name (self->stack);
  if (name != NULL)
    g_settings_set_string (self->settings, "last-page", name);
}

static void
es_window_restore_state (EsWindow *self)
{
  g_autofree char *page = NULL;

  g_assert (ES_IS_WINDOW (self));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* The schema only allows the page names, but a name from an older version could still be
   * missing from this window; then the first page stays. */
  page = g_settings_get_string (self->settings, "last-page");
  if (adw_view_stack_get_child_by_name (self->stack, page) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, page);
}

static void
es_window_save_state (EsWindow *self)
{
  int width;
  int height;

  g_assert (ES_IS_WINDOW (self));

  /* The default size follows the user's resizing but not maximizing, so it is the size to come
   * back to when the window is unmaximized next time. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width",
                      CLAMP (width, MIN_SAVED_WIDTH, MAX_SAVED_SIZE));
  g_settings_set_int (self->settings, "window-height",
                      CLAMP (height, MIN_SAVED_HEIGHT, MAX_SAVED_SIZE));
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
es_window_show_page_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  EsWindow *self = (EsWindow *)widget;
  const char *name;

  g_assert (ES_IS_WINDOW (self));

  /* The parameter may come from outside (D-Bus, a later command), so it is checked. */
  name = g_variant_get_string (parameter, NULL);
  if (adw_view_stack_get_child_by_name (self->stack, name) == NULL)
    {
      g_warning ("The main window has no area named “%s”", name);
      return;
    }

  adw_view_stack_set_visible_child_name (self->stack, name);
}

static gboolean
es_window_close_request (GtkWindow *window)
{
  es_window_save_state (ES_WINDOW (window));

  return GTK_WINDOW_CLASS (es_window_parent_class)->close_request (window);
}

static void
es_window_dispose (GObject *object)
{
  EsWindow *self = (EsWindow *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (es_window_parent_class)->dispose (object);
}

static void
es_window_class_init (EsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = es_window_dispose;

  window_class->close_request = es_window_close_request;

  g_type_ensure (ES_TYPE_DASHBOARD_PAGE);
  g_type_ensure (ES_TYPE_INTEGRATIONS_PAGE);
  g_type_ensure (ES_TYPE_MAPPING_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/es-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EsWindow, stack);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s",
                                   es_window_show_page_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-page", "s", "integrations");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-page", "s", "mapping");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.show-page", "s", "dashboard");
}

static void
es_window_init (EsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  es_window_restore_state (self);

  /* Connected after restoring, so that building the stack does not overwrite the saved page. */
  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (on_stack_visible_child_name_cb), self,
                           G_CONNECT_SWAPPED);
}

EsWindow *
es_window_new (EsApplication *app)
{
  g_return_val_if_fail (ES_IS_APPLICATION (app), NULL);

  return g_object_new (ES_TYPE_WINDOW, "application", app, NULL);
}
