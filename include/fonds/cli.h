/* cli.h - the non-interactive commands (fonds import, search, show, ...).
 *
 * cli_main() parses the global options, finds the command in one table
 * (cli.c: name, function, options, one-line help; the help text is
 * generated from it) and runs it. Each command lives in its own file of
 * src/cli/ and parses its own options with cli_getopt(). To add a command,
 * write src/cli/NAME.c with a cli_NAME() function and a cli_NAME_opts[]
 * table, and add one row to the table in cli.c.
 *
 * Only main() needs this header; what the commands share is in
 * src/cli/internal.h.
 *
 * Output rules: text output always passes data through text_sanitize();
 * JSON is exact (jansson) with control, C1 and bidi characters escaped;
 * CSV is exact when piped and sanitized on a terminal. Errors go to
 * stderr as "fonds: ...".
 */
#ifndef FONDS_CLI_H
#define FONDS_CLI_H

/* Exit statuses of every command. */
enum cli_exit {
	EXIT_OK = 0,       /* success */
	EXIT_NOTHING = 1,  /* a search or show found nothing */
	EXIT_USAGE = 2     /* bad usage, bad input, or an error */
};

/* Parse the global options and run the command (or the browser). */
int cli_main(int argc, char **argv);

#endif
