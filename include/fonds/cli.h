/* cli.h - the non-interactive commands (fonds import, search, show, ...). */
#ifndef FONDS_CLI_H
#define FONDS_CLI_H

/* Exit statuses of every command. */
enum {
	EXIT_OK = 0,       /* success */
	EXIT_NOTHING = 1,  /* a search or show found nothing */
	EXIT_USAGE = 2     /* bad usage, bad input, or an error */
};

/* Parse the global options and run the command (or the browser). */
int cli_main(int argc, char **argv);

#endif
