/* cli.c - global options, the command table, help, and the browser entry. */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/internal.h"
#include "fonds/store.h"
#include "fonds/ui.h"

/* The one table of commands: dispatch and help both come from it. */
const struct cli_command cli_commands[] = {
	{ "import", cli_import, cli_import_opts, "[OPTION]... FILE...",
	  "import documents: saved result pages, JSON, CSV, FRUS TEI volumes" },
	{ "search", cli_search, cli_search_opts, "[OPTION]... [QUERY]...",
	  "list the documents matching a query" },
	{ "show", cli_show, cli_show_opts, "[OPTION]... ID",
	  "print a whole document" },
	{ "related", cli_related, cli_related_opts, "[OPTION]... ID",
	  "list the documents related to one, with the reason for each" },
	{ "timeline", cli_timeline, cli_timeline_opts, "[OPTION]... [QUERY]...",
	  "count documents per year, month or day as a histogram" },
	{ "export", cli_export, cli_export_opts, "[OPTION]... [QUERY]...",
	  "write the matching documents: JSON Lines, CSV, bibliographies" },
	{ "stats", cli_stats, cli_stats_opts, "[OPTION]...",
	  "summarize the database" },
	{ "people", cli_people, cli_people_opts, "[OPTION]...",
	  "list the people of the name authority, with their documents" },
	{ "person", cli_person, cli_person_opts, "[OPTION]... NAME",
	  "show one person: spellings, cover names, life, documents" },
	{ "relate", cli_relate, cli_relate_opts, "",
	  "recompute the relations between all documents" },
	{ "mark", cli_mark, cli_mark_opts, "read|unread|bookmark|unbookmark ID...",
	  "mark documents read or unread; bookmark them or not" },
	{ "tag", cli_tag, cli_tag_opts, "ID... +NAME... -NAME...",
	  "put tags on documents (+NAME) or take them off (-NAME)" },
	{ "tags", cli_tags, cli_tags_opts, "[OPTION]...",
	  "list the tags with their numbers of documents" },
	{ "saved", cli_saved, cli_saved_opts, "[add NAME QUERY... | delete NAME]",
	  "list, add or delete saved searches (@NAME in a query)" },
	{ "excerpts", cli_excerpts, cli_excerpts_opts, "[QUERY]... | add ID TEXT... | delete N",
	  "list the saved passages of matching documents; add or delete one" },
	{ "notebook", cli_notebook, cli_notebook_opts, "[OPTION]... [QUERY]...",
	  "notes and excerpts of matching documents under their citations" },
	{ "cite", cli_cite, cli_cite_opts, "[OPTION]... ID...",
	  "cite documents: Chicago style, BibTeX, RIS or CSL-JSON" },
	{ "note", cli_note, cli_note_opts, "[OPTION] ID",
	  "print, write, edit or delete a document's note; its versions" },
	{ "help", cli_help, cli_help_opts, "[COMMAND]",
	  "show the help of fonds or of one command" },
	{ NULL, NULL, NULL, NULL, NULL }
};

const struct cli_opt cli_help_opts[] = {
	{ NULL, 0, NULL, NULL }
};

const struct cli_command *cli_find_command(const char *name)
{
	const struct cli_command *cmd;

	for (cmd = cli_commands; cmd->name; cmd++)
		if (strcmp(cmd->name, name) == 0)
			return cmd;
	return NULL;
}

static void print_help(FILE *fp)
{
	const struct cli_command *cmd;

	fputs("Usage: fonds [--db PATH] [COMMAND [ARG]...]\n"
	      "Browse, search and export collections of archival documents.\n"
	      "Without a command, fonds opens the browser (it needs a terminal).\n"
	      "\nCommands:\n", fp);
	for (cmd = cli_commands; cmd->name; cmd++)
		fprintf(fp, "  %-10s %s\n", cmd->name, cmd->help);
	fputs("\nOptions:\n"
	      "  --db PATH    the database file (default: $FONDS_DB, else\n"
	      "               $XDG_DATA_HOME/fonds/fonds.db)\n"
	      "  --accessible the browser for screen readers and braille displays:\n"
	      "               the cursor on the selection, a > beside it, ASCII lines\n"
	      "  -h, --help   show this help and exit\n"
	      "  --version    show the version and exit\n"
	      "\nQueries: words (all must match; case and accents folded), \"a phrase\",\n"
	      "prefix*, -word to exclude, a OR b, person:NAME place:NAME subject:NAME\n"
	      "collection:NAME language:NAME id:ID, date:FROM..TO (date:1950-06..1950-12,\n"
	      "date:..1953, date:1956); the reader's own: is:read is:unread is:bookmarked\n"
	      "has:note has:excerpt tag:NAME note:WORDS, and @NAME for a saved search.\n"
	      "\nExit status: 0 success, 1 nothing found, 2 bad usage, bad input or error.\n"
	      "Run 'fonds COMMAND --help' for the options of a command; see fonds(1).\n",
	      fp);
}

int cli_help(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd;
	struct cli_getopt g;
	struct err e;
	const char *name = NULL;
	int k;

	cli_getopt_init(&g, argc, argv, cli_help_opts);
	while ((k = cli_getopt(&g, c, &e)) != CLI_OPT_END) {
		if (k == CLI_OPT_ERROR)
			return cli_usage_error(c, "%s", e.msg);
		if (k == CLI_OPT_HELP) {
			cli_print_command_help(stdout, c->cmd);
			return cli_finish(EXIT_OK);
		}
		if (name)
			return cli_usage_error(c, "too many arguments");
		name = g.value;
	}
	if (!name) {
		print_help(stdout);
		return cli_finish(EXIT_OK);
	}
	if (!(cmd = cli_find_command(name)))
		return cli_error("unknown command '%s' (try 'fonds --help')", name);
	cli_print_command_help(stdout, cmd);
	return cli_finish(EXIT_OK);
}

static int terminal_columns(void)
{
	struct winsize ws;
	const char *env;
	long n;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	env = getenv("COLUMNS");
	if (env && (n = strtol(env, NULL, 10)) > 0 && n < 10000)
		return (int)n;
	return 80;
}

/* The browser needs a real terminal on both ends and a usable TERM. */
static int can_browse(const struct cli *c)
{
	const char *term = getenv("TERM");

	/* TERM=dumb too: the browser then runs in accessible mode */
	return c->in_tty && c->out_tty && term && *term;
}

static int run_browser(struct cli *c)
{
	struct ui_options o = { NULL, NULL, NULL, NULL, NULL, 0 };
	struct store *s;
	struct err e;
	int rc;

	if (!can_browse(c)) {
		const char *term = getenv("TERM");

		/* on a terminal, the reason is its type */
		if (c->in_tty && c->out_tty && (!term || !*term))
			return cli_error("the browser needs a terminal type: TERM is not "
			                 "set (set it, such as TERM=xterm-256color, or try "
			                 "'fonds search ...')");
		return cli_error("the browser needs a terminal; try 'fonds search ...' "
		                 "or 'fonds --help'");
	}
	c->browsing = 1;
	if (!(s = cli_open_store(c, 1, 0)))
		return EXIT_USAGE;
	o.notice = c->notice;
	o.accessible = c->accessible;
	rc = ui_main(s, &o, &e);
	store_close(s);
	if (rc < 0)
		return cli_error("%s", e.msg);
	return EXIT_OK;
}

int cli_main(int argc, char **argv)
{
	const struct cli_command *cmd;
	const char *cs;
	struct cli c;
	int i, rc;

	setlocale(LC_ALL, "");
	memset(&c, 0, sizeof c);
	c.in_tty = isatty(STDIN_FILENO);
	c.out_tty = isatty(STDOUT_FILENO);
	c.err_tty = isatty(STDERR_FILENO);
	cs = nl_langinfo(CODESET);
	c.utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
	c.cols = c.out_tty ? terminal_columns() : 0;
	c.highlight = c.out_tty && !getenv("NO_COLOR") && getenv("TERM") &&
	              strcmp(getenv("TERM"), "dumb") != 0;

	/* Global options come before the command. */
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (a[0] != '-' || a[1] == '\0')
			break;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			print_help(stdout);
			return cli_finish(EXIT_OK);
		}
		if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
			printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
			return cli_finish(EXIT_OK);
		}
		if (strcmp(a, "--accessible") == 0) {
			c.accessible = 1;
		} else if (strcmp(a, "--db") == 0) {
			if (i + 1 >= argc || !argv[i + 1][0])
				return cli_error("--db needs a file name (try 'fonds --help')");
			c.db_path = argv[++i];
		} else if (strncmp(a, "--db=", 5) == 0) {
			if (!a[5])
				return cli_error("--db needs a file name (try 'fonds --help')");
			c.db_path = a + 5;
		} else {
			return cli_error("unknown option '%s' (try 'fonds --help')", a);
		}
	}
	if (i >= argc) {
		rc = run_browser(&c);
		cli_free_authority(&c);
		return rc;
	}
	if (!(cmd = cli_find_command(argv[i])))
		return cli_error("unknown command '%s' (try 'fonds --help')", argv[i]);
	c.cmd = cmd;
	rc = cmd->run(&c, argc - i, argv + i);
	cli_free_authority(&c);
	return rc;
}
