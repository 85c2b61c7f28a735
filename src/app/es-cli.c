/* es-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "es-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "es-cli.h"
#include "es-json.h"
#include "es-store.h"
#include "es-time.h"

/* Like es-application.c: a mistake in how a command was called, as opposed to a failure. */
#define ES_CLI_EXIT_USAGE 2
/* How many recent runs `status` shows. */
#define ES_CLI_STATUS_RUNS 5

typedef struct _EsCliCommand EsCliCommand;

struct _EsCliCommand
{
  const char *name;
  /* The options after the name, as typed; not translated. */
  const char *synopsis;
  /* Marked with N_(), translated when shown. */
  const char *summary;
  int (*run) (const EsCliCommand  *command,
              const char          *data_dir,
              char               **argv,
              GOutputStream       *out,
              GOutputStream       *err);
};

static int es_cli_status  (const EsCliCommand  *command,
                           const char          *data_dir,
                           char               **argv,
                           GOutputStream       *out,
                           GOutputStream       *err);
static int es_cli_records (const EsCliCommand  *command,
                           const char          *data_dir,
                           char               **argv,
                           GOutputStream       *out,
                           GOutputStream       *err);

/* Only the commands this build really implements; the others arrive with their issues. */
static const EsCliCommand commands[] = {
  {
    "status", "[--json]",
    N_("Show connections, record counts, queue depth, recent runs and failures"),
    es_cli_status,
  },
  {
    "records", "[--system SYSTEM] [--kind order|customer|product] [--limit N] [--json]",
    N_("List the records the store holds, in canonical form"),
    es_cli_records,
  },
};

static const char * const record_kinds[] = { "order", "customer", "product", NULL };

static const EsCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (commands[i].name, name) == 0)
        return &commands[i];
    }

  return NULL;
}

static gboolean
write_text (GOutputStream *stream,
            const char    *text)
{
  return g_output_stream_write_all (stream, text, strlen (text), NULL, NULL, NULL);
}

/* Errors are one line on @err, whatever the message they carry. */
static int
fail (GOutputStream *err,
      const char    *message)
{
  g_autofree char *line = g_strdelimit (g_strdup (message), "\r\n", ' ');
  g_autofree char *text = g_strdup_printf ("easysale-sync: %s\n", line);

  write_text (err, text);
  return EXIT_FAILURE;
}

/* Writes @text to @out, or reports on @err why it could not (a closed pipe, a full disk). */
static int
finish_output (GOutputStream *out,
               GOutputStream *err,
               GString       *text)
{
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all (out, text->str, text->len, NULL, NULL, &error)
      || !g_output_stream_flush (out, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Cannot write the output: %s"), error->message);

      return fail (err, message);
    }

  return EXIT_SUCCESS;
}

static int
usage_error (const EsCliCommand *command,
             GOutputStream      *err,
             const char         *message)
{
  g_autofree char *hint = NULL;
  g_autofree char *text = NULL;

  /* translators: the first %s is a command name; keep the command line as it is */
  hint = g_strdup_printf (_("Run “easysale-sync %s --help” to see its options."), command->name);
  text = g_strdup_printf ("easysale-sync %s: %s\n%s\n", command->name, message, hint);
  write_text (err, text);

  return ES_CLI_EXIT_USAGE;
}

static void
append_help (GString            *text,
             const EsCliCommand *command,
             const GOptionEntry *entries)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint width = 0;

  g_string_append_printf (text, "%s\n  easysale-sync [--data-dir DIR] %s %s\n\n%s.\n\n%s\n",
                          _("Usage:"), command->name, command->synopsis,
                          _(command->summary), _("Options:"));

  for (const GOptionEntry *entry = entries; entry->long_name != NULL; entry++)
    {
      GString *name = g_string_new (NULL);

      if (entry->short_name != '\0')
        g_string_append_printf (name, "-%c, ", entry->short_name);
      g_string_append_printf (name, "--%s", entry->long_name);
      if (entry->arg_description != NULL)
        g_string_append_printf (name, " %s", entry->arg_description);

      width = MAX (width, g_utf8_strlen (name->str, -1));
      g_ptr_array_add (names, g_string_free (name, FALSE));
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      guint padding = width - g_utf8_strlen (name, -1) + 2;

      g_string_append_printf (text, "  %s%*s%s\n", name, (int) padding, "",
                              _(entries[i].description));
    }
}

/*
 * Parses the options of @command from @argv (starting at the command name) into @entries,
 * whose last real entry must be -h/--help bound to @help.
 *
 * Returns: -1 to run the command, otherwise the exit status to end with right away.
 */
static int
parse_options (const EsCliCommand  *command,
               const GOptionEntry  *entries,
               const gboolean      *help,
               char               **argv,
               GOutputStream       *out,
               GOutputStream       *err)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = g_strdupv (argv);

  context = g_option_context_new (NULL);
  /* GOption's own --help prints to stdout and exits the process; the command writes its
   * help to @out itself. */
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (command, err, error->message);

  if (*help)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      append_help (text, command, entries);
      return finish_output (out, err, text);
    }

  if (args[0] != NULL && args[1] != NULL)
    {
      g_autofree char *message = NULL;

      /* translators: %s is what the user typed */
      message = g_strdup_printf (_("Unexpected argument “%s”"), args[1]);
      return usage_error (command, err, message);
    }

  return -1;
}

static void
add_time (JsonBuilder *builder,
          const char  *member,
          GDateTime   *time)
{
  json_builder_set_member_name (builder, member);

  if (time == NULL)
    {
      json_builder_add_null_value (builder);
    }
  else
    {
      g_autofree char *text = es_time_format (time);

      json_builder_add_string_value (builder, text);
    }
}

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (builder, member);

  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static char *
format_time_or (GDateTime  *time,
                const char *fallback)
{
  if (time == NULL)
    return g_strdup (fallback);

  return es_time_format (time);
}

/* Pads @text with spaces to @width characters (not bytes: names may be UTF-8). */
static void
append_cell (GString    *line,
             const char *text,
             guint       width)
{
  glong length = g_utf8_strlen (text, -1);

  g_string_append (line, text);
  for (glong i = length; i < (glong) width + 2; i++)
    g_string_append_c (line, ' ');
}

/* `status` */

static void
status_to_json (JsonBuilder         *builder,
                const EsStoreStatus *status)
{
  gint64 total = 0;

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "store");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, status->path);
  add_int (builder, "schema_version", status->schema_version);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "connections");
  json_builder_begin_array (builder);
  for (guint i = 0; i < status->connections->len; i++)
    {
      const EsStoreConnection *connection = g_ptr_array_index (status->connections, i);

      json_builder_begin_object (builder);
      add_nullable_string (builder, "system", connection->system);
      add_nullable_string (builder, "account", connection->account);
      add_nullable_string (builder, "display_name", connection->display_name);
      add_nullable_string (builder, "base_url", connection->base_url);
      add_nullable_string (builder, "state", es_connection_state_to_string (connection->state));
      add_time (builder, "connected_at", connection->connected_at);
      add_nullable_string (builder, "last_error", connection->last_error);
      add_time (builder, "updated_at", connection->updated_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "records");
  json_builder_begin_array (builder);
  for (guint i = 0; i < status->record_counts->len; i++)
    {
      const EsStoreCount *count = g_ptr_array_index (status->record_counts, i);

      json_builder_begin_object (builder);
      add_nullable_string (builder, "system", count->source_system);
      add_nullable_string (builder, "kind", count->kind);
      add_int (builder, "count", count->count);
      json_builder_end_object (builder);
      total += count->count;
    }
  json_builder_end_array (builder);
  add_int (builder, "records_total", total);

  json_builder_set_member_name (builder, "queue");
  json_builder_begin_object (builder);
  for (EsJobState state = 0; state <= ES_JOB_STATE_LAST; state++)
    add_int (builder, es_job_state_to_string (state), status->jobs[state]);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "inbox");
  json_builder_begin_object (builder);
  add_int (builder, "pending", status->inbox_pending);
  add_int (builder, "failed", status->inbox_failed);
  json_builder_end_object (builder);

  add_int (builder, "failures", es_store_status_get_n_failures (status));

  json_builder_set_member_name (builder, "last_runs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < status->last_runs->len; i++)
    {
      const EsStoreRun *run = g_ptr_array_index (status->last_runs, i);

      json_builder_begin_object (builder);
      add_int (builder, "id", run->id);
      add_nullable_string (builder, "flow", run->flow);
      add_nullable_string (builder, "state", es_run_state_to_string (run->state));
      json_builder_set_member_name (builder, "dry_run");
      json_builder_add_boolean_value (builder, run->dry_run);
      add_time (builder, "started_at", run->started_at);
      add_time (builder, "finished_at", run->finished_at);
      json_builder_set_member_name (builder, "counts");
      json_builder_begin_object (builder);
      add_int (builder, "created", run->n_created);
      add_int (builder, "updated", run->n_updated);
      add_int (builder, "skipped", run->n_skipped);
      add_int (builder, "deleted", run->n_deleted);
      add_int (builder, "failed", run->n_failed);
      json_builder_end_object (builder);
      add_nullable_string (builder, "error", run->error);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

static void
status_to_text (GString             *text,
                const EsStoreStatus *status)
{
  g_string_append_printf (text, _("Store: %s (schema %d)"), status->path, status->schema_version);
  g_string_append (text, "\n\n");

  g_string_append_printf (text, "%s\n", _("Connections:"));
  if (status->connections->len == 0)
    g_string_append_printf (text, "  %s\n", _("No connections yet."));
  for (guint i = 0; i < status->connections->len; i++)
    {
      const EsStoreConnection *connection = g_ptr_array_index (status->connections, i);
      g_autofree char *since = format_time_or (connection->connected_at, "-");

      g_string_append_printf (text, "  %s  %s  %s  %s\n", connection->system, connection->account,
                              es_connection_state_to_string (connection->state), since);
      if (connection->last_error != NULL)
        g_string_append_printf (text, "    %s\n", connection->last_error);
    }

  g_string_append_printf (text, "\n%s\n", _("Records:"));
  if (status->record_counts->len == 0)
    g_string_append_printf (text, "  %s\n", _("No records yet."));
  for (guint i = 0; i < status->record_counts->len; i++)
    {
      const EsStoreCount *count = g_ptr_array_index (status->record_counts, i);

      g_string_append (text, "  ");
      append_cell (text, count->source_system, 12);
      append_cell (text, count->kind, 9);
      g_string_append_printf (text, "%" G_GINT64_FORMAT "\n", count->count);
    }

  g_string_append_printf (text, "\n%s\n ", _("Queue:"));
  for (EsJobState state = 0; state <= ES_JOB_STATE_LAST; state++)
    g_string_append_printf (text, " %s %" G_GINT64_FORMAT, es_job_state_to_string (state),
                            status->jobs[state]);
  g_string_append_c (text, '\n');

  g_string_append_printf (text, "\n%s\n  ", _("Inbox:"));
  /* translators: numbers of inbox events */
  g_string_append_printf (text, _("%lld waiting, %lld failed"),
                          (long long) status->inbox_pending, (long long) status->inbox_failed);
  g_string_append (text, "\n\n");

  g_string_append_printf (text, _("Failures: %lld"),
                          (long long) es_store_status_get_n_failures (status));
  g_string_append (text, "\n");

  g_string_append_printf (text, "\n%s\n", _("Last runs:"));
  if (status->last_runs->len == 0)
    g_string_append_printf (text, "  %s\n", _("No runs yet."));
  for (guint i = 0; i < status->last_runs->len; i++)
    {
      const EsStoreRun *run = g_ptr_array_index (status->last_runs, i);
      g_autofree char *started = format_time_or (run->started_at, "-");

      g_string_append_printf (text, "  #%" G_GINT64_FORMAT "  %s  %s  %s%s\n    ",
                              run->id, run->flow, es_run_state_to_string (run->state), started,
                              run->dry_run ? _(" (dry run)") : "");
      /* translators: numbers of records a run handled */
      g_string_append_printf (text,
                              _("created %lld, updated %lld, skipped %lld, deleted %lld, "
                                "failed %lld"),
                              (long long) run->n_created, (long long) run->n_updated,
                              (long long) run->n_skipped, (long long) run->n_deleted,
                              (long long) run->n_failed);
      g_string_append_c (text, '\n');
      if (run->error != NULL)
        g_string_append_printf (text, "    %s\n", run->error);
    }
}

static int
es_cli_status (const EsCliCommand  *command,
               const char          *data_dir,
               char               **argv,
               GOutputStream       *out,
               GOutputStream       *err)
{
  g_autoptr(EsStore) store = NULL;
  g_autoptr(EsStoreStatus) status = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    { NULL }
  };
  int status_code;

  status_code = parse_options (command, entries, &help, argv, out, err);
  if (status_code >= 0)
    return status_code;

  store = es_store_open (data_dir, NULL, &error);
  if (store == NULL)
    return fail (err, error->message);

  status = es_store_query_status (store, ES_CLI_STATUS_RUNS, NULL, &error);
  if (status == NULL)
    return fail (err, error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *json_text = NULL;

      status_to_json (builder, status);
      root = json_builder_get_root (builder);
      json_text = es_json_to_canonical_string (root, TRUE);
      g_string_append_printf (text, "%s\n", json_text);
    }
  else
    {
      status_to_text (text, status);
    }

  return finish_output (out, err, text);
}

/* `records` */

static gboolean
records_to_json (GString    *text,
                 GPtrArray  *records,
                 GError    **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json_text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < records->len; i++)
    {
      const EsStoreRecord *record = g_ptr_array_index (records, i);
      JsonNode *document = es_json_parse (record->document, -1, error);

      if (document == NULL)
        return FALSE;

      json_builder_begin_object (builder);
      add_nullable_string (builder, "kind", record->kind);
      add_nullable_string (builder, "source_system", record->source_system);
      add_nullable_string (builder, "source_id", record->source_id);
      add_int (builder, "version", record->version);
      add_nullable_string (builder, "content_hash", record->content_hash);
      add_time (builder, "created_at", record->created_at);
      add_time (builder, "updated_at", record->updated_at);
      json_builder_set_member_name (builder, "document");
      json_builder_add_value (builder, document);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_text = es_json_to_canonical_string (root, TRUE);
  g_string_append_printf (text, "%s\n", json_text);

  return TRUE;
}

static void
records_to_text (GString   *text,
                 GPtrArray *records)
{
  const char *headers[] = {
    _("System"), _("Kind"), _("Source id"), _("Version"), _("Updated"),
  };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint widths[G_N_ELEMENTS (headers)] = { 0 };

  if (records->len == 0)
    {
      g_string_append_printf (text, "%s\n", _("No records."));
      return;
    }

  g_ptr_array_add (rows, g_strdupv ((char **) (const char *[]) {
    headers[0], headers[1], headers[2], headers[3], headers[4], NULL }));

  for (guint i = 0; i < records->len; i++)
    {
      const EsStoreRecord *record = g_ptr_array_index (records, i);
      char **row = g_new0 (char *, G_N_ELEMENTS (headers) + 1);

      row[0] = g_strdup (record->source_system);
      row[1] = g_strdup (record->kind);
      row[2] = g_strdup (record->source_id);
      row[3] = g_strdup_printf ("%" G_GINT64_FORMAT, record->version);
      row[4] = format_time_or (record->updated_at, "-");
      g_ptr_array_add (rows, row);
    }

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
        widths[c] = MAX (widths[c], (guint) g_utf8_strlen (row[c], -1));
    }

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      gsize start = text->len;

      for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
        append_cell (text, row[c], widths[c]);

      /* No trailing spaces after the last column. */
      while (text->len > start && text->str[text->len - 1] == ' ')
        g_string_truncate (text, text->len - 1);
      g_string_append_c (text, '\n');
    }
}

static int
es_cli_records (const EsCliCommand  *command,
                const char          *data_dir,
                char               **argv,
                GOutputStream       *out,
                GOutputStream       *err)
{
  g_autoptr(EsStore) store = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *system = NULL;
  g_autofree char *kind = NULL;
  gint64 limit = -1;
  gboolean json = FALSE;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "system", 0, 0, G_OPTION_ARG_STRING, &system,
      N_("Only records from this system (woocommerce, quickbooks)"), "SYSTEM" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_("Only records of this kind"), "order|customer|product" },
    { "limit", 0, 0, G_OPTION_ARG_INT64, &limit,
      N_("At most this many records, most recently changed first"), "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    { NULL }
  };
  int status_code;

  status_code = parse_options (command, entries, &help, argv, out, err);
  if (status_code >= 0)
    return status_code;

  if (kind != NULL && !g_strv_contains (record_kinds, kind))
    {
      g_autofree char *message = NULL;

      /* translators: %s is what the user typed; order, customer and product are the values
       * the option takes and stay as they are */
      message = g_strdup_printf (_("Unknown kind “%s”; use order, customer or product"), kind);
      return usage_error (command, err, message);
    }

  if (system != NULL && *system == '\0')
    return usage_error (command, err, _("The system given with --system is empty"));

  if (limit == 0 || limit < -1)
    return usage_error (command, err, _("--limit takes a number of at least 1"));

  store = es_store_open (data_dir, NULL, &error);
  if (store == NULL)
    return fail (err, error->message);

  records = es_store_list_records (store, system, kind, limit, NULL, &error);
  if (records == NULL)
    return fail (err, error->message);

  if (json)
    {
      if (!records_to_json (text, records, &error))
        return fail (err, error->message);
    }
  else
    {
      records_to_text (text, records);
    }

  return finish_output (out, err, text);
}

/* Public API */

gboolean
es_cli_is_command (const char *word)
{
  return word != NULL && find_command (word) != NULL;
}

void
es_cli_print_usage (GOutputStream *out)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint width = 0;

  g_return_if_fail (G_IS_OUTPUT_STREAM (out));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, strlen (commands[i].name));

  g_string_append_printf (text, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_string_append (text, "  ");
      append_cell (text, commands[i].name, width);
      g_string_append_printf (text, "%s\n", _(commands[i].summary));
    }
  g_string_append_c (text, '\n');
  /* translators: keep the command line as it is */
  g_string_append_printf (text, "%s\n",
                          _("Run “easysale-sync COMMAND --help” to see a command’s options."));

  write_text (out, text->str);
}

int
es_cli_run (const char     *data_dir,
            char          **argv,
            GOutputStream  *out,
            GOutputStream  *err)
{
  const EsCliCommand *command;

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, ES_CLI_EXIT_USAGE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), ES_CLI_EXIT_USAGE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (err), ES_CLI_EXIT_USAGE);

  command = find_command (argv[0]);
  if (command == NULL)
    {
      g_autofree char *text = NULL;

      /* translators: %s is the word the user typed; keep "easysale-sync --help" as it is */
      text = g_strdup_printf (_("Unknown command “%s”. Run “easysale-sync --help” to see the "
                                "commands."), argv[0]);
      write_text (err, text);
      write_text (err, "\n");
      return ES_CLI_EXIT_USAGE;
    }

  return command->run (command, data_dir, argv, out, err);
}
