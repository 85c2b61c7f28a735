/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "es-application.h"
#include "es-dashboard-page.h"
#include "es-integrations-page.h"
#include "es-mapping-page.h"
#include "es-window.h"

/* Generous: only a hung main loop should ever reach it. */
#define WAIT_TIMEOUT_SECONDS 20

static const char * const page_names[] = { "integrations", "mapping", "dashboard" };

typedef struct _WindowFixture WindowFixture;

typedef struct
{
  const char *path;
  void      (*body) (WindowFixture *fixture,
                     EsWindow      *window);
} WindowTest;

struct _WindowFixture
{
  GSettings        *settings;
  EsApplication    *app;
  const WindowTest *test;
  gboolean          ran;
};

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static AdwViewStack *
window_stack (EsWindow *window)
{
  GtkWidget *stack = find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);

  g_assert_nonnull (stack);
  return ADW_VIEW_STACK (stack);
}

static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
on_wait_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until @predicate holds, or fails the test. */
static void
wait_until (gboolean    (*predicate) (gpointer data),
            gpointer      data,
            const char   *what)
{
  gboolean timed_out = FALSE;
  guint timeout_id;

  timeout_id = g_timeout_add_seconds (WAIT_TIMEOUT_SECONDS, on_wait_timeout_cb, &timed_out);
  while (!predicate (data))
    {
      if (timed_out)
        g_error ("Timed out waiting until %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (timeout_id);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *)data == NULL;
}

static gboolean
is_allocated (gpointer data)
{
  return gtk_widget_get_width (data) > 0;
}

static gboolean
is_title_visible (gpointer data)
{
  return adw_view_switcher_title_get_title_visible (data);
}

static EsApplication *
create_test_application (void)
{
  EsApplication *app = es_application_new ();

  /* Never meet (or become) a running EasySale Sync on the session bus. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  return app;
}

static void
reset_settings (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

static void
window_fixture_setup (WindowFixture *fixture,
                      gconstpointer  data)
{
  fixture->settings = g_settings_new (APPLICATION_ID);
  reset_settings (fixture->settings);
  fixture->app = create_test_application ();
}

static void
window_fixture_teardown (WindowFixture *fixture,
                         gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->app), (gpointer *)&fixture->app);
  g_object_unref (fixture->app);
  wait_until (is_null, &fixture->app, "the application is finalized");

  g_clear_object (&fixture->settings);
}

static gboolean
run_body_cb (gpointer user_data)
{
  WindowFixture *fixture = user_data;
  GtkWindow *window;
  GList *windows;

  /* The window the application opened on activation, as for a user. */
  window = gtk_application_get_active_window (GTK_APPLICATION (fixture->app));
  g_assert_true (ES_IS_WINDOW (window));

  fixture->test->body (fixture, ES_WINDOW (window));
  fixture->ran = TRUE;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (fixture->app))) != NULL)
    gtk_window_destroy (windows->data);
  g_application_quit (G_APPLICATION (fixture->app));

  return G_SOURCE_REMOVE;
}

static void
on_activate_cb (WindowFixture *fixture)
{
  g_idle_add (run_body_cb, fixture);
}

static gboolean
on_run_hung_cb (gpointer user_data)
{
  const char *what = user_data;

  g_error ("%s did not finish within %d seconds", what, WAIT_TIMEOUT_SECONDS);
  return G_SOURCE_REMOVE;
}

/* Runs the application as main() does (no command: register, activate, open the window), then
 * the test's body against that window, then quits. */
static void
run_window_test (WindowFixture *fixture,
                 gconstpointer  data)
{
  const char * const argv[] = { "test-window", NULL };
  guint timeout_id;
  int status;

  fixture->test = data;
  g_signal_connect_swapped (fixture->app, "activate", G_CALLBACK (on_activate_cb), fixture);
  timeout_id = g_timeout_add_seconds (WAIT_TIMEOUT_SECONDS, on_run_hung_cb,
                                      (gpointer)fixture->test->path);

  status = g_application_run (G_APPLICATION (fixture->app), 1, (char **)argv);

  g_source_remove (timeout_id);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (fixture->ran);
}

static EsWindow *
open_window (WindowFixture *fixture)
{
  EsWindow *window = es_window_new (fixture->app);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
test_window_pages (WindowFixture *fixture,
                   EsWindow      *window)
{
  const GType page_types[] = {
    ES_TYPE_INTEGRATIONS_PAGE, ES_TYPE_MAPPING_PAGE, ES_TYPE_DASHBOARD_PAGE,
  };
  AdwViewStack *stack = window_stack (window);
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (stack);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==,
                    G_N_ELEMENTS (page_names));

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = adw_view_stack_page_get_child (page);
      GtkWidget *status;
      const char *text;

      g_assert_cmpstr (adw_view_stack_page_get_name (page), ==, page_names[i]);
      g_assert_true (adw_view_stack_get_child_by_name (stack, page_names[i]) == child);
      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (child, page_types[i]));

      text = adw_view_stack_page_get_title (page);
      g_assert_true (text != NULL && text[0] != '\0');
      text = adw_view_stack_page_get_icon_name (page);
      g_assert_true (text != NULL && text[0] != '\0');

      /* Until its own issue lands each area is an honest empty state. */
      status = find_descendant (child, ADW_TYPE_STATUS_PAGE);
      g_assert_nonnull (status);
      text = adw_status_page_get_title (ADW_STATUS_PAGE (status));
      g_assert_true (text != NULL && text[0] != '\0');
      text = adw_status_page_get_description (ADW_STATUS_PAGE (status));
      g_assert_true (text != NULL && text[0] != '\0');
    }

  /* The first start shows the first area. */
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "integrations");
}

static void
test_window_switch_saves_page (WindowFixture *fixture,
                               EsWindow      *window)
{
  AdwViewStack *stack = window_stack (window);
  g_autofree char *saved = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                             "dashboard"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "dashboard");
  saved = g_settings_get_string (fixture->settings, "last-page");
  g_assert_cmpstr (saved, ==, "dashboard");
  g_clear_pointer (&saved, g_free);

  /* The way the view switcher does it. */
  adw_view_stack_set_visible_child_name (stack, "mapping");
  saved = g_settings_get_string (fixture->settings, "last-page");
  g_assert_cmpstr (saved, ==, "mapping");
}

static void
test_window_show_unknown_page (WindowFixture *fixture,
                               EsWindow      *window)
{
  AdwViewStack *stack = window_stack (window);
  g_autofree char *saved = NULL;

  adw_view_stack_set_visible_child_name (stack, "mapping");

  g_test_expect_message ("es-window", G_LOG_LEVEL_WARNING, "*no area named “payroll”*");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "payroll");
  g_test_assert_expected_messages ();

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "mapping");
  saved = g_settings_get_string (fixture->settings, "last-page");
  g_assert_cmpstr (saved, ==, "mapping");
}

static void
test_window_restores_page (WindowFixture *fixture,
                           EsWindow      *window)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      EsWindow *next;

      g_assert_true (g_settings_set_string (fixture->settings, "last-page", page_names[i]));
      next = open_window (fixture);
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (window_stack (next)), ==,
                       page_names[i]);
      gtk_window_destroy (GTK_WINDOW (next));
    }
}

static void
test_window_size_saved_and_restored (WindowFixture *fixture,
                                     EsWindow      *window)
{
  GtkApplication *app = GTK_APPLICATION (fixture->app);
  EsWindow *next;
  int width;
  int height;

  /* The first start uses the schema's defaults. */
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);

  g_settings_set_int (fixture->settings, "window-width", 800);
  g_settings_set_int (fixture->settings, "window-height", 600);
  next = open_window (fixture);
  gtk_window_get_default_size (GTK_WINDOW (next), &width, &height);
  g_assert_cmpint (width, ==, 800);
  g_assert_cmpint (height, ==, 600);

  gtk_window_set_default_size (GTK_WINDOW (next), 900, 650);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (app)), ==, 2);
  gtk_window_close (GTK_WINDOW (next));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (app)), ==, 1);

  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-height"), ==, 650);
  g_assert_false (g_settings_get_boolean (fixture->settings, "window-maximized"));
}

static void
test_window_adaptive_switcher (WindowFixture *fixture,
                               EsWindow      *window)
{
  GtkWidget *title;
  GtkWidget *bar;
  EsWindow *narrow;
  int min_width;

  /* Wide (the default 1000 pixels): the switcher sits in the header bar and the bottom bar is
   * hidden. */
  title = find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE);
  bar = find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR);
  g_assert_nonnull (title);
  g_assert_nonnull (bar);
  g_assert_true (adw_view_switcher_title_get_stack (ADW_VIEW_SWITCHER_TITLE (title)) ==
                 window_stack (window));
  g_assert_true (adw_view_switcher_bar_get_stack (ADW_VIEW_SWITCHER_BAR (bar)) ==
                 window_stack (window));
  wait_until (is_allocated, title, "the header bar is laid out");
  g_assert_false (adw_view_switcher_title_get_title_visible (ADW_VIEW_SWITCHER_TITLE (title)));
  g_assert_false (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));

  /* The window fits a phone's 360 pixels (the GNOME HIG's smallest width). */
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1,
                      &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 360);

  /* Phone-sized: the header shows the title and the switcher moves to the bottom bar. */
  g_settings_set_int (fixture->settings, "window-width", 360);
  narrow = open_window (fixture);
  title = find_descendant (GTK_WIDGET (narrow), ADW_TYPE_VIEW_SWITCHER_TITLE);
  bar = find_descendant (GTK_WIDGET (narrow), ADW_TYPE_VIEW_SWITCHER_BAR);
  wait_until (is_title_visible, title, "the narrow window shows its title");
  g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
}

static void
test_window_actions (WindowFixture *fixture,
                     EsWindow      *window)
{
  GActionGroup *app_group = G_ACTION_GROUP (fixture->app);
  g_auto(GStrv) accels = NULL;

  g_assert_true (g_action_group_has_action (app_group, "quit"));
  g_assert_true (g_action_group_has_action (app_group, "about"));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app), "app.quit");
  g_assert_true (g_strv_contains ((const char * const *)accels, "<Control>q"));

  /* The help overlay comes from gtk/help-overlay.ui under the resource base path. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay",
                                             NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_application_window_get_help_overlay (
    GTK_APPLICATION_WINDOW (window)))));
}

static void
test_window_about (WindowFixture *fixture,
                   EsWindow      *window)
{
  AdwAboutWindow *about = NULL;
  g_autofree char *name = NULL;
  g_autofree char *version = NULL;
  g_autofree char *developer = NULL;
  g_autofree char *website = NULL;
  GtkLicense license;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "about", NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (fixture->app));
       l != NULL; l = l->next)
    {
      if (ADW_IS_ABOUT_WINDOW (l->data))
        {
          g_assert_null (about);
          about = l->data;
        }
    }
  g_assert_nonnull (about);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (about)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));

  g_object_get (about,
                "application-name", &name,
                "version", &version,
                "developer-name", &developer,
                "website", &website,
                "license-type", &license,
                NULL);
  g_assert_cmpstr (name, ==, "EasySale Sync");
  g_assert_cmpstr (version, ==, PACKAGE_VERSION);
  g_assert_cmpstr (developer, ==, "EasySale Sync developers");
  g_assert_true (website == NULL || website[0] == '\0');
  g_assert_cmpint (license, ==, GTK_LICENSE_GPL_3_0);
}

static void
test_window_quit (WindowFixture *fixture,
                  EsWindow      *window)
{
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "about", NULL);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (fixture->app))),
                    ==, 2);

  gtk_window_set_default_size (GTK_WINDOW (window), 1111, 777);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);

  /* Every window closed, and the main one saved its size on the way. */
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (fixture->app)));
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-width"), ==, 1111);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-height"), ==, 777);
}

typedef struct
{
  GType  window_type;
  char  *data_dir;
} RunState;

static gboolean
quit_idle_cb (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    RunState       *state)
{
  state->window_type = G_OBJECT_TYPE (window);
  state->data_dir = g_strdup (es_application_get_data_dir (ES_APPLICATION (app)));
  g_idle_add_full (G_PRIORITY_DEFAULT, quit_idle_cb, g_object_ref (app), g_object_unref);
}

/* Runs the application in this process with @argv, as main() does. */
static int
run_application (const char * const *argv,
                 RunState           *state)
{
  g_autoptr(EsApplication) app = create_test_application ();
  guint timeout_id;
  int status;

  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), state);
  timeout_id = g_timeout_add_seconds (WAIT_TIMEOUT_SECONDS, on_run_hung_cb,
                                      (gpointer)"the application run");
  status = g_application_run (G_APPLICATION (app), g_strv_length ((char **)argv), (char **)argv);
  g_source_remove (timeout_id);
  drain_main_context ();

  return status;
}

static void
test_application_run_opens_window (void)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *expected = g_build_filename (cwd, "shop-store", NULL);
  const char * const argv[] = { "easysale-sync", "--data-dir=shop-store/./sub/..", NULL };
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  RunState state = { 0 };
  int status;

  reset_settings (settings);
  status = run_application (argv, &state);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (state.window_type == ES_TYPE_WINDOW);
  /* A relative --data-dir is made absolute against the working directory. */
  g_assert_cmpstr (state.data_dir, ==, expected);
  g_free (state.data_dir);
}

typedef struct
{
  EsApplication *app;
  guint          activations;
  guint          children;
  int            status[2];
  char          *err[2];
  guint          max_windows;
} SecondInstance;

static void spawn_second_instance (SecondInstance *state);

static void
on_second_instance_done_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  GSubprocess *process = G_SUBPROCESS (object);
  SecondInstance *state = user_data;
  g_autoptr(GError) error = NULL;
  guint child = state->children - 1;
  GList *windows;

  g_subprocess_communicate_utf8_finish (process, result, NULL, &state->err[child], &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  state->status[child] = g_subprocess_get_exit_status (process);
  g_object_unref (process);

  state->max_windows = MAX (state->max_windows,
                            g_list_length (gtk_application_get_windows (GTK_APPLICATION (state->app))));

  if (state->children < G_N_ELEMENTS (state->status))
    {
      spawn_second_instance (state);
      return;
    }

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (state->app))) != NULL)
    gtk_window_destroy (windows->data);
  g_application_quit (G_APPLICATION (state->app));
}

static void
spawn_second_instance (SecondInstance *state)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");

  /* First with a --data-dir the running window cannot take, then plainly. */
  if (state->children == 0)
    process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("ES_BINARY"),
                                           "--data-dir", "/nonexistent/other-shop", NULL);
  else
    process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("ES_BINARY"), NULL);
  g_assert_no_error (error);
  state->children++;

  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_second_instance_done_cb, state);
}

static void
on_second_activate_cb (SecondInstance *state)
{
  state->activations++;
  if (state->activations == 1)
    spawn_second_instance (state);
}

static void
test_application_second_instance_raises (void)
{
  g_autoptr(EsApplication) app = es_application_new ();
  const char * const argv[] = { "easysale-sync", NULL };
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  SecondInstance state = { .app = app };
  guint timeout_id;
  int status;

  g_assert_nonnull (g_getenv ("ES_BINARY"));
  reset_settings (settings);

  /* The real id, since the second process uses it; tests run on a private session bus. */
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  if (g_application_get_is_remote (G_APPLICATION (app)))
    {
      g_test_skip ("EasySale Sync is running on this session bus; run the tests on a private one");
      return;
    }

  g_signal_connect_swapped (app, "activate", G_CALLBACK (on_second_activate_cb), &state);
  timeout_id = g_timeout_add_seconds (WAIT_TIMEOUT_SECONDS, on_run_hung_cb,
                                      (gpointer)"the second-instance test");
  status = g_application_run (G_APPLICATION (app), 1, (char **)argv);
  g_source_remove (timeout_id);

  g_assert_cmpint (status, ==, 0);
  /* Our own activation, then one for each later start; never a second window. */
  g_assert_cmpuint (state.activations, ==, 3);
  g_assert_cmpuint (state.max_windows, ==, 1);

  g_assert_cmpint (state.status[0], ==, 0);
  g_assert_nonnull (strstr (state.err[0], "already open"));
  g_assert_cmpint (state.status[1], ==, 0);
  g_assert_cmpstr (state.err[1], ==, "");

  g_free (state.err[0]);
  g_free (state.err[1]);
}

static void
count_notify_cb (guint *count)
{
  (*count)++;
}

static void
test_application_data_dir (void)
{
  g_autoptr(EsApplication) app = create_test_application ();
  g_autofree char *value = NULL;
  guint notified = 0;

  g_assert_null (es_application_get_data_dir (app));
  g_signal_connect_swapped (app, "notify::data-dir", G_CALLBACK (count_notify_cb), &notified);

  es_application_set_data_dir (app, "/tmp/shop");
  g_assert_cmpstr (es_application_get_data_dir (app), ==, "/tmp/shop");
  g_assert_cmpuint (notified, ==, 1);

  /* Setting the same value again is not a change. */
  es_application_set_data_dir (app, "/tmp/shop");
  g_assert_cmpuint (notified, ==, 1);

  g_object_get (app, "data-dir", &value, NULL);
  g_assert_cmpstr (value, ==, "/tmp/shop");

  g_object_set (app, "data-dir", NULL, NULL);
  g_assert_null (es_application_get_data_dir (app));
  g_assert_cmpuint (notified, ==, 2);

  /* A relative directory would depend on the working directory of whoever reads it later. */
  g_test_expect_message ("es-application", G_LOG_LEVEL_CRITICAL, "*g_path_is_absolute*");
  es_application_set_data_dir (app, "shop");
  g_test_assert_expected_messages ();
  g_assert_null (es_application_get_data_dir (app));
  g_assert_cmpuint (notified, ==, 2);
}

/* Removes @path and everything below it. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  g_remove (path);
}

static void
skip_without_display (gconstpointer data)
{
  g_test_skip ("No display: these tests need a display (run them under xvfb-run)");
}

/* Command line dispatch, as the user meets it: the real binary in a child process. */
static void
run_binary (const char * const  *args,
            int                 *exit_status,
            char               **out,
            char               **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("ES_BINARY");

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer)binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* Untranslated messages, whatever the machine's language. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  *exit_status = g_subprocess_get_exit_status (process);
}

static void
test_cli_help (void)
{
  const char * const variants[][2] = { { "--help", NULL }, { "-h", NULL } };

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;

      run_binary (variants[i], &status, &out, &err);
      g_assert_cmpint (status, ==, 0);
      g_assert_cmpstr (err, ==, "");
      g_assert_nonnull (strstr (out, "--data-dir=DIR"));
      g_assert_nonnull (strstr (out, "--version"));
      /* The commands of this build follow the options. */
      g_assert_nonnull (strstr (out, "status"));
    }
}

static void
test_cli_version (void)
{
  const char * const args[] = { "--version", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  run_binary (args, &status, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "easysale-sync " PACKAGE_VERSION "\n");
  g_assert_cmpstr (err, ==, "");
}

static void
test_cli_unknown_command (void)
{
  const char * const args[] = { "frobnicate", "--json", NULL };
  const char * const after_dashes[] = { "--", "frobnicate", NULL };
  const char * const *cases[] = { args, after_dashes };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;

      run_binary (cases[i], &status, &out, &err);
      g_assert_cmpint (status, ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_cmpstr (err, ==, "Unknown command “frobnicate”. Run “easysale-sync --help” to "
                                "see the commands.\n");
    }
}

static void
test_cli_bad_options (void)
{
  const struct {
    const char *args[3];
    const char *message;
  } cases[] = {
    { { "--frobnicate", NULL }, "--frobnicate" },
    { { "--json", "status" }, "--json" },
    { { "--data-dir", NULL }, "--data-dir" },
    { { "--data-dir", "" }, "--data-dir is empty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;

      run_binary (cases[i].args, &status, &out, &err);
      g_assert_cmpint (status, ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strstr (err, cases[i].message));
    }
}

typedef struct
{
  char *dir;
} StoreFixture;

static void
store_fixture_setup (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("es-test-window-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
store_fixture_teardown (StoreFixture  *fixture,
                        gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static void
test_cli_command_gets_its_options (StoreFixture  *fixture,
                                   gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *store;
  int status;

  /* --help after the command word is the command's, not the global one. */
  {
    const char * const args[] = { "--data-dir", fixture->dir, "status", "--help", NULL };

    run_binary (args, &status, &out, &err);
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "status [--json]"));
    g_assert_null (strstr (out, "Commands:"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* --json reaches the command, and the command uses the store in --data-dir. */
  {
    const char * const args[] = { "--data-dir", fixture->dir, "status", "--json", NULL };
    g_autofree char *prefix = g_build_filename (fixture->dir, "", NULL);

    run_binary (args, &status, &out, &err);
    g_assert_cmpstr (err, ==, "");
    g_assert_cmpint (status, ==, 0);
    json_parser_load_from_data (parser, out, -1, &error);
    g_assert_no_error (error);
    g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
    store = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                           "store");
    g_assert_nonnull (store);
    g_assert_true (g_str_has_prefix (json_object_get_string_member (store, "path"), prefix));
  }
}

int
main (int   argc,
      char *argv[])
{
  static const WindowTest window_tests[] = {
    { "/window/pages", test_window_pages },
    { "/window/switch-saves-page", test_window_switch_saves_page },
    { "/window/show-unknown-page", test_window_show_unknown_page },
    { "/window/restores-page", test_window_restores_page },
    { "/window/size-saved-and-restored", test_window_size_saved_and_restored },
    { "/window/adaptive-switcher", test_window_adaptive_switcher },
    { "/window/actions", test_window_actions },
    { "/window/about", test_window_about },
    { "/window/quit", test_window_quit },
  };
  gboolean have_display;

  g_test_init (&argc, &argv, NULL);

  have_display = gtk_init_check ();

  for (guint i = 0; i < G_N_ELEMENTS (window_tests); i++)
    {
      if (have_display)
        g_test_add (window_tests[i].path, WindowFixture, &window_tests[i],
                    window_fixture_setup, run_window_test, window_fixture_teardown);
      else
        g_test_add_data_func (window_tests[i].path, NULL, skip_without_display);
    }

  if (have_display)
    {
      g_test_add_func ("/application/run-opens-window", test_application_run_opens_window);
      g_test_add_func ("/application/second-instance-raises",
                       test_application_second_instance_raises);
    }
  else
    {
      g_test_add_data_func ("/application/run-opens-window", NULL, skip_without_display);
      g_test_add_data_func ("/application/second-instance-raises", NULL, skip_without_display);
    }
  g_test_add_func ("/application/data-dir", test_application_data_dir);

  g_test_add_func ("/cli/help", test_cli_help);
  g_test_add_func ("/cli/version", test_cli_version);
  g_test_add_func ("/cli/unknown-command", test_cli_unknown_command);
  g_test_add_func ("/cli/bad-options", test_cli_bad_options);
  g_test_add ("/cli/command-gets-its-options", StoreFixture, NULL,
              store_fixture_setup, test_cli_command_gets_its_options, store_fixture_teardown);

  return g_test_run ();
}
