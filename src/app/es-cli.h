/* es-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * es_cli_is_command:
 * Returns: %TRUE when @word names a command this build implements (e.g. "status").
 */
gboolean es_cli_is_command (const char *word);

/**
 * es_cli_run:
 * @data_dir: (nullable): the store directory, or %NULL for `$XDG_DATA_HOME/easysale-sync`
 * @argv: the command and its own arguments, %NULL-terminated (argv[0] is the command name)
 * @out: where normal output goes (stdout in the program)
 * @err: where errors and diagnostics go (stderr in the program)
 *
 * Runs one command to completion in this process; it may iterate its own main context.
 * Returns: the process exit status (0 only on success).
 */
int      es_cli_run        (const char     *data_dir,
                            char          **argv,
                            GOutputStream  *out,
                            GOutputStream  *err);

/**
 * es_cli_print_usage:
 * Writes the list of commands (for `easysale-sync --help`) to @out.
 */
void     es_cli_print_usage (GOutputStream *out);

G_END_DECLS
