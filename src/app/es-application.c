/* es-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-application"

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "es-application.h"
#include "es-cli.h"
#include "es-window.h"

/* The exit status of a command line the program cannot understand (as for getopt tools). */
#define ES_EXIT_USAGE 2

struct _EsApplication
{
  AdwApplication  parent_instance;

  /* Owned references */
  char           *data_dir;
};

G_DEFINE_FINAL_TYPE (EsApplication, es_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DATA_DIR,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
es_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  EsApplication *self = user_data;
  GtkWindow *parent;
  GtkWindow *about;

  g_assert (ES_IS_APPLICATION (self));

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application", self,
                        "transient-for", parent,
                        "modal", parent != NULL,
                        "application-icon", APPLICATION_ID,
                        "application-name", _("EasySale Sync"),
                        "comments", _("Keeps your WooCommerce store, your QuickBooks Online books "
                                      "and your Supabase reports in step."),
                        "developer-name", _("EasySale Sync developers"),
                        "version", PACKAGE_VERSION,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* translators: your name(s) and address(es), one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (about);
}

static void
es_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  EsApplication *self = user_data;
  GList *windows;

  g_assert (ES_IS_APPLICATION (self));

  /* Closing (rather than destroying) lets each window save its state on the way out. The list
   * changes under us as windows go, so walk a referenced copy. */
  windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (self)),
                              (GCopyFunc) g_object_ref, NULL);
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = es_application_about_action },
  { .name = "quit", .activate = es_application_quit_action },
};

static gboolean
write_text (GOutputStream *stream,
            const char    *text)
{
  return g_output_stream_write_all (stream, text, strlen (text), NULL, NULL, NULL);
}

static GOptionContext *
create_option_context (gboolean *show_help,
                       gboolean *show_version,
                       char    **data_dir)
{
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, data_dir,
      N_("Keep the store in DIR instead of the usual place in your home folder"),
      /* translators: the placeholder of --data-dir in the help text */
      N_("DIR") },
    { "help", 'h', 0, G_OPTION_ARG_NONE, show_help,
      N_("Show this help and the list of commands"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, show_version,
      N_("Show the version"), NULL },
    G_OPTION_ENTRY_NULL
  };
  GOptionContext *context;

  /* translators: the part of the usage line after "easysale-sync [OPTION…]" */
  context = g_option_context_new (N_("[COMMAND [ARGUMENT…]]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                N_("Keeps a WooCommerce store, QuickBooks Online and Supabase in "
                                   "step.\nWith no command it opens the window, or brings forward "
                                   "the one already open."));
  /* The global --help also lists the commands, so GOption's own (which exits) is off. */
  g_option_context_set_help_enabled (context, FALSE);
  /* Everything after the command word belongs to the command ("status --json"). */
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  return context;
}

static gboolean
es_application_local_command_line (GApplication   *app,
                                   char         ***arguments,
                                   int            *exit_status)
{
  EsApplication *self = (EsApplication *)app;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GOutputStream) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  gboolean show_help = FALSE;
  gboolean show_version = FALSE;
  gboolean handled;
  char **argv;
  guint command;

  g_assert (ES_IS_APPLICATION (self));
  g_assert (arguments != NULL && *arguments != NULL);

  out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  err = g_unix_output_stream_new (STDERR_FILENO, FALSE);

  context = create_option_context (&show_help, &show_version, &data_dir);
  if (!g_option_context_parse_strv (context, arguments, &error))
    {
      g_output_stream_printf (err, NULL, NULL, NULL, "%s\n%s\n", error->message,
                              /* translators: "easysale-sync --help" is a command, keep it */
                              _("Run “easysale-sync --help” to see the options and commands."));
      *exit_status = ES_EXIT_USAGE;
      return TRUE;
    }

  if (show_help)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      /* GOption's text ends with a blank line, which separates it from the commands. */
      if (write_text (out, help))
        {
          es_cli_print_usage (out);
          *exit_status = EXIT_SUCCESS;
        }
      else
        *exit_status = EXIT_FAILURE;
      return TRUE;
    }

  if (show_version)
    {
      *exit_status = write_text (out, "easysale-sync " PACKAGE_VERSION "\n")
                     ? EXIT_SUCCESS : EXIT_FAILURE;
      return TRUE;
    }

  if (data_dir != NULL)
    {
      g_autofree char *absolute = NULL;

      if (data_dir[0] == '\0')
        {
          g_output_stream_printf (err, NULL, NULL, NULL, "%s\n",
                                  _("The folder given with --data-dir is empty. Give the folder "
                                    "where the store should be kept."));
          *exit_status = ES_EXIT_USAGE;
          return TRUE;
        }

      /* Absolute, so that a command or window using it later does not depend on the cwd. */
      absolute = g_canonicalize_filename (data_dir, NULL);
      es_application_set_data_dir (self, absolute);
    }

  /* argv[0] is the program's name, unless the caller passed no arguments at all. */
  argv = *arguments;
  command = argv[0] != NULL ? 1 : 0;
  if (g_strcmp0 (argv[command], "--") == 0)
    command++;

  if (argv[command] != NULL)
    {
      if (!es_cli_is_command (argv[command]))
        {
          g_autofree char *message = NULL;

          /* translators: %s is the word the user typed; keep "easysale-sync --help", it is
           * a command */
          message = g_strdup_printf (_("Unknown command “%s”. Run “easysale-sync --help” to see "
                                       "the commands."),
                                     argv[command]);
          g_output_stream_printf (err, NULL, NULL, NULL, "%s\n", message);
          *exit_status = ES_EXIT_USAGE;
          return TRUE;
        }

      /* A command runs here and now, with no window and without asking a running instance. */
      *exit_status = es_cli_run (self->data_dir, &argv[command], out, err);
      return TRUE;
    }

  /* No command: GApplication registers, and either opens the window here or asks the running
   * instance to raise its own. */
  handled = G_APPLICATION_CLASS (es_application_parent_class)->local_command_line (app,
                                                                                   arguments,
                                                                                   exit_status);

  /* The running window cannot switch stores, so say that --data-dir did not reach it. */
  if (self->data_dir != NULL
      && g_application_get_is_registered (app)
      && g_application_get_is_remote (app))
    g_output_stream_printf (err, NULL, NULL, NULL, "%s\n",
                            _("EasySale Sync is already open, so its window was brought forward. "
                              "It keeps the store it was opened with; close it first to open "
                              "another one."));

  return handled;
}

static void
es_application_startup (GApplication *app)
{
  EsApplication *self = (EsApplication *)app;

  g_assert (ES_IS_APPLICATION (self));

  G_APPLICATION_CLASS (es_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
}

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
es_application_finalize (GObject *object)
{
  EsApplication *self = (EsApplication *)object;

  g_clear_pointer (&self->data_dir, g_free);

  G_OBJECT_CLASS (es_application_parent_class)->finalize (object);
}

static void
es_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EsApplication *self = ES_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
es_application_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EsApplication *self = ES_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      es_application_set_data_dir (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
es_application_class_init (EsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = es_application_finalize;
  object_class->get_property = es_application_get_property;
  object_class->set_property = es_application_set_property;

  app_class->local_command_line = es_application_local_command_line;
  app_class->startup = es_application_startup;
  app_class->activate = es_application_activate;

  /**
   * EsApplication:data-dir: (type filename)
   *
   * The absolute directory of the store, or %NULL for `$XDG_DATA_HOME/easysale-sync`.
   */
  properties [PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
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

const char *
es_application_get_data_dir (EsApplication *self)
{
  g_return_val_if_fail (ES_IS_APPLICATION (self), NULL);

  return self->data_dir;
}

void
es_application_set_data_dir (EsApplication *self,
                             const char    *data_dir)
{
  g_return_if_fail (ES_IS_APPLICATION (self));
  g_return_if_fail (data_dir == NULL || g_path_is_absolute (data_dir));

  if (g_strcmp0 (self->data_dir, data_dir) == 0)
    return;

  g_free (self->data_dir);
  self->data_dir = g_strdup (data_dir);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DATA_DIR]);
}
