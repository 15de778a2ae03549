/* internal.h - what the files of the CLI share: the context of a run,
 * the command table, option parsing, filters, output helpers. Not for
 * other modules (fonds/cli.h is the module's public face). */
#ifndef FONDS_CLI_INTERNAL_H
#define FONDS_CLI_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include "fonds/cli.h"
#include "fonds/query.h"
#include "fonds/store.h"
#include "fonds/util.h"

/* --- the context of one run ------------------------------------------ */

struct cli_command;
struct authority;

/* What every command needs to know about its invocation and terminal;
 * lives on cli_main's stack. */
struct cli {
	const char *db_path;            /* --db, or NULL for the default */
	const struct cli_command *cmd;  /* the command being run */
	int in_tty, out_tty, err_tty;   /* stdin/stdout/stderr are terminals */
	int utf8;                       /* the locale's character set is UTF-8 */
	int cols;                       /* columns of the terminal on stdout, 0 if none */
	int highlight;                  /* may use bold on stdout (a terminal, no NO_COLOR) */
	struct authority *authority;    /* the name authority, loaded on demand
	                                   (cli_load_authority), freed by cli_main */
	int browsing;                   /* the browser will own the terminal */
	int accessible;                 /* --accessible: the browser's accessible mode */
	char notice[256];               /* what the first run said, for the browser
	                                   (nothing on stderr behind curses) */
};

/* One option of a command: "--name" or "--name VALUE" / "--name=VALUE". */
struct cli_opt {
	const char *name;  /* long name without the dashes; NULL ends a table */
	int key;           /* what cli_getopt returns for it (> 0) */
	const char *arg;   /* name of the value ("DATE"), NULL for a flag */
	const char *help;  /* one line for --help */
};

/* One row of the command table. */
struct cli_command {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv); /* argv[0] is the name */
	const struct cli_opt *opts; /* its options (for --help), or NULL */
	const char *args;           /* synopsis of its arguments */
	const char *help;           /* one line of help */
};

/* The command table, ended by a row with a NULL name. */
extern const struct cli_command cli_commands[];

/* Find a command by name, or NULL. */
const struct cli_command *cli_find_command(const char *name);

/* The commands (one file each in src/cli/). */
int cli_import(struct cli *c, int argc, char **argv);
int cli_search(struct cli *c, int argc, char **argv);
int cli_show(struct cli *c, int argc, char **argv);
int cli_related(struct cli *c, int argc, char **argv);
int cli_timeline(struct cli *c, int argc, char **argv);
int cli_export(struct cli *c, int argc, char **argv);
int cli_stats(struct cli *c, int argc, char **argv);
int cli_help(struct cli *c, int argc, char **argv);
int cli_people(struct cli *c, int argc, char **argv);
int cli_person(struct cli *c, int argc, char **argv);
int cli_relate(struct cli *c, int argc, char **argv);
int cli_mark(struct cli *c, int argc, char **argv);
int cli_tag(struct cli *c, int argc, char **argv);
int cli_tags(struct cli *c, int argc, char **argv);
int cli_saved(struct cli *c, int argc, char **argv);
int cli_note(struct cli *c, int argc, char **argv);
int cli_excerpts(struct cli *c, int argc, char **argv);
int cli_notebook(struct cli *c, int argc, char **argv);
int cli_cite(struct cli *c, int argc, char **argv);

/* Their option tables. */
extern const struct cli_opt cli_import_opts[];
extern const struct cli_opt cli_search_opts[];
extern const struct cli_opt cli_show_opts[];
extern const struct cli_opt cli_related_opts[];
extern const struct cli_opt cli_timeline_opts[];
extern const struct cli_opt cli_export_opts[];
extern const struct cli_opt cli_stats_opts[];
extern const struct cli_opt cli_help_opts[];
extern const struct cli_opt cli_people_opts[];
extern const struct cli_opt cli_person_opts[];
extern const struct cli_opt cli_relate_opts[];
extern const struct cli_opt cli_mark_opts[];
extern const struct cli_opt cli_tag_opts[];
extern const struct cli_opt cli_tags_opts[];
extern const struct cli_opt cli_saved_opts[];
extern const struct cli_opt cli_note_opts[];
extern const struct cli_opt cli_excerpts_opts[];
extern const struct cli_opt cli_notebook_opts[];
extern const struct cli_opt cli_cite_opts[];

/* --- the name authority (people.c) ----------------------------------- */

/* Load the name authority (the bundled people.txt, then the user's file)
 * into c->authority once, hand it to the store for recognizing people at
 * import, and sync the store's people with it. Returns 0, or -1 after
 * printing why. */
int cli_load_authority(struct cli *c, struct store *s);

/* Free c->authority, if loaded. */
void cli_free_authority(struct cli *c);

/* --- option parsing (common.c) --------------------------------------- */

enum {
	CLI_OPT_END = -1,   /* no more arguments */
	CLI_OPT_ERROR = -2, /* bad option: e is set */
	CLI_OPT_WORD = 0,   /* a positional argument, in g->value */
	CLI_OPT_HELP = -3,  /* --help or -h */
	CLI_OPT_STOP = -4   /* cli_query_getopt: answered, the status set */
};

/* State of cli_getopt over one command's arguments. */
struct cli_getopt {
	int argc;
	char **argv;
	int i;                     /* next argument */
	int words_only;            /* after "--" */
	const char *value;         /* the option's value or the positional word */
	const char *opt;           /* the option as written ("--from") */
	const struct cli_opt *opts;
};

/* Start parsing argv[1..argc) with the option table opts. */
void cli_getopt_init(struct cli_getopt *g, int argc, char **argv,
                     const struct cli_opt *opts);

/* Return the next option's key (with its value in g->value),
 * CLI_OPT_WORD for a positional argument (anything not starting with
 * "--": a single-dash word like "-korea" is a query word), CLI_OPT_HELP,
 * CLI_OPT_END, or CLI_OPT_ERROR with e set. "--db PATH" is handled here
 * for every command: it sets c->db_path and is not returned. */
int cli_getopt(struct cli_getopt *g, struct cli *c, struct err *e);

/* Print "fonds: MESSAGE" to stderr as safe text (messages quote arguments
 * and data: controls and escape sequences are made visible). Returns
 * EXIT_USAGE. */
int cli_error(const char *fmt, ...) FONDS_PRINTF(1, 2);

/* Print a usage error for the current command with a hint to --help.
 * Returns EXIT_USAGE. */
int cli_usage_error(const struct cli *c, const char *fmt, ...) FONDS_PRINTF(2, 3);

/* What a command does with cli_getopt's CLI_OPT_ERROR (a usage error
 * naming e's message) and CLI_OPT_HELP (its help on stdout): returns the
 * exit status. */
int cli_opt_stop(const struct cli *c, int k, const struct err *e);

/* Print the help of command cmd (generated from its table row). */
void cli_print_command_help(FILE *fp, const struct cli_command *cmd);

/* Parse a non-negative integer option value; -1 with e set if bad. */
int cli_parse_count(const char *opt, const char *s, long *out, struct err *e);

/* --- queries and filters (common.c) ---------------------------------- */

/* The filter options shared by search, timeline and export. */
enum {
	CLI_F_FROM = 1000, CLI_F_TO, CLI_F_PERSON, CLI_F_PLACE, CLI_F_SUBJECT,
	CLI_F_COLLECTION, CLI_F_LANGUAGE
};

#define CLI_FILTER_OPTS \
	{ "from", CLI_F_FROM, "DATE", "only documents dated on or after DATE (1950, 1950-06, 1950-06-25)" }, \
	{ "to", CLI_F_TO, "DATE", "only documents dated on or before DATE" }, \
	{ "person", CLI_F_PERSON, "NAME", "only documents naming this person" }, \
	{ "place", CLI_F_PLACE, "NAME", "only documents about this place" }, \
	{ "subject", CLI_F_SUBJECT, "NAME", "only documents with this subject" }, \
	{ "collection", CLI_F_COLLECTION, "NAME", "only documents of this collection" }, \
	{ "language", CLI_F_LANGUAGE, "NAME", "only documents in this language" }

/* Query words and filter options collected from the command line. */
struct cli_query {
	struct sbuf text;      /* the QUERY words joined by spaces */
	struct query *filters; /* clauses from the options */
	int32_t from, to;      /* --from/--to days, 0 when not given */
};

/* Start with no words and an empty query of filters. */
void cli_query_init(struct cli_query *cq);

/* Free what cq holds (not cq itself). */
void cli_query_free(struct cli_query *cq);

/* Add a query word. */
void cli_query_word(struct cli_query *cq, const char *w);

/* Handle one filter option (key CLI_F_*). Returns 1 when handled, 0 when
 * key is not a filter option, -1 with e set for a bad value. */
int cli_query_option(struct cli_query *cq, int key, const char *opt,
                     const char *value, struct err *e);

/* cli_getopt for a command over a query (search, timeline, export,
 * notebook, excerpts): the filter options go into cq; --help, a usage
 * error and a bad filter are answered (cli_opt_stop, cli_error), *status
 * set and CLI_OPT_STOP returned. Otherwise the command's own option key,
 * CLI_OPT_WORD (the word is the command's: most give it to
 * cli_query_word) or CLI_OPT_END. */
int cli_query_getopt(struct cli_getopt *g, struct cli *c, struct cli_query *cq,
                     int *status);

/* Parse the words and add the filters into a new query (caller frees).
 * Returns 0, or -1 with the parser's message in e. */
int cli_query_build(struct cli_query *cq, struct query **out, struct err *e);

/* --- the database (common.c) ----------------------------------------- */

/* Open the database of this run: --db, else store_default_path(). A
 * missing database at the default path is created and, unless no_sample,
 * loaded with the bundled sample collection; a missing database at an
 * explicit path is created only when create is set, else an error.
 * Returns the store (caller closes) or NULL after printing why. */
struct store *cli_open_store(struct cli *c, int create, int no_sample);

/* For show and related: parse "[--format FMT] ID" (the table's format
 * option has key 1; the value of the option with key 2, if any, goes to
 * *extra when extra is not NULL), open the database and read the
 * document. Returns -1 with *format, *s and *d set (the caller frees d
 * and closes s), or the exit status to return, the reason already
 * printed. */
int cli_doc_arg(struct cli *c, int argc, char **argv, const struct cli_opt *opts,
                int *format, const char **extra, struct store **s, struct doc **d);

/* Find the bundled sample collection: $FONDS_DATADIR, FONDS_PKGDATADIR,
 * then <dir of the executable>/share. Caller frees; NULL if not found. */
char *cli_sample_path(void);

/* --- the reader's data (common.c) ------------------------------------ */

/* 0 when each of the n ids names a document, else EXIT_USAGE after
 * printing which does not. */
int cli_check_ids(struct store *s, char *const *ids, size_t n);

/* Check what the store cannot tell from a query's results: that each
 * @NAME is a saved search and each tag:NAME a tag some document has.
 * Returns 0, or -1 with e saying which is unknown. */
int cli_query_check(struct store *s, const struct query *q, struct err *e);

/* What search, timeline, export, excerpts and notebook do first: build the
 * query of cq (and of the clause also, when not NULL: "has:note"), open
 * the database and check the query's tags and saved searches there.
 * Returns -1 with *q and *s set (the caller frees and closes them, also
 * on failure), or the exit status to return, the reason printed. */
int cli_query_open(struct cli *c, struct cli_query *cq, const char *also,
                   struct query **q, struct store **s);

/* Call cb with every document of q, whole, in date order (a page of
 * keys at a time); a negative return stops with -1 (e set by cb). */
int cli_each_doc(struct store *s, const struct query *q,
                 int (*cb)(void *ctx, struct doc *d), void *ctx, struct err *e);

/* --- citations (cite.c) --------------------------------------------- */

/* A run of citations in one style (enum cite_style) on stdout: text
 * styles are written as they come, CSL-JSON as one array at the end. */
struct cli_cites {
	int style;
	int64_t accessed; /* the day they say the documents were accessed */
	void *items;      /* CSL-JSON: the json_t array */
	size_t n;
};

void cli_cites_begin(struct cli_cites *w, int style);
void cli_cites_add(const struct cli *c, struct cli_cites *w, const struct doc *d);
void cli_cites_end(const struct cli *c, struct cli_cites *w);

/* --- the reader's data as a file (userdata.c) ------------------------ */

/* Write every note (with its versions), excerpt, tag, mark and saved
 * search of s as one JSON object on stdout. Returns the exit status. */
int cli_export_user_data(const struct cli *c, struct store *s);

/* Bring in a file of cli_export_user_data (path "-": stdin) in one
 * transaction, for the documents s holds; the others are counted and
 * skipped. Returns the exit status. */
int cli_import_user_data(const struct cli *c, struct store *s, const char *path);

/* --- importing (import.c) -------------------------------------------- */

/* Counts of one or more imported files. */
struct cli_import_counts {
	long long added, merged, same, rejected, warnings;
};

/* Import one file (path "-" is stdin) in one transaction into s: all of
 * it, or nothing with the reason printed. Adds to *n on success only.
 * With strict, any warning fails the file. With quiet, warnings are not
 * printed (but still counted). Returns 0 or -1. */
int cli_import_file(struct cli *c, struct store *s, int format,
                    const char *path, int strict, int quiet,
                    struct cli_import_counts *n);

/* --- output (output.c) ----------------------------------------------- */

/* Output formats. */
enum cli_format { CLI_TEXT, CLI_JSON, CLI_CSV };

/* Parse "text", "json" or "csv" for option opt, allowing only the formats
 * in the mask (1 << CLI_TEXT | ...). Returns the format or -1 with e set. */
int cli_format_parse(const char *opt, const char *s, unsigned allowed,
                     struct err *e);

/* Return a copy of s (NULL counts as "") that is safe on a terminal:
 * sanitized, on one line (runs of white space become one space), ASCII
 * only when the terminal on stdout is not UTF-8. Caller frees. */
char *cli_safe_line(const struct cli *c, const char *s);

/* Like cli_safe_line but keeps line breaks (for paragraphs). */
char *cli_safe_text(const struct cli *c, const char *s);

/* Write the sanitized string s padded with spaces to width columns
 * (clipped with an ellipsis if wider, when clip is set). */
void cli_put_padded(const struct cli *c, const char *s, int width, int clip);

/* Write the sanitized one-line string s clipped to cols columns (cols <= 0:
 * not clipped), with an ellipsis when cut. */
void cli_put_clipped(const struct cli *c, const char *s, int cols);

/* Write a snippet of the store (matched words between \002 and \003) on
 * one line, sanitized, clipped to cols (<= 0: not clipped), the matched
 * words in bold when c->highlight. */
void cli_put_snippet(const struct cli *c, const char *s, int cols);

/* A copy of a snippet without its match marks. Caller frees. */
char *cli_snippet_plain(const char *s);

/* Write the sanitized text s wrapped to width columns (width <= 0: not
 * wrapped), every line after indent spaces, each line ending in '\n'. */
void cli_put_wrapped(const char *s, int indent, int width);

/* Format a date for output at its precision ("1950-09-30", "1950",
 * "undated") into buf. Returns buf. */
const char *cli_date(const struct date *d, char *buf, size_t n);

/* Write the JSON value v (a json_t *) on one line of stdout, exact, with
 * controls, C1 and bidi characters escaped; takes the reference. */
void cli_json_line(void *v);

/* A JSON string of s (repaired if not valid UTF-8), or JSON null when s
 * is NULL: a new json_t *. */
void *cli_json_str(const char *s);

/* Append s to b as one CSV field (RFC 4180 quoting when needed). */
void cli_csv_field(struct sbuf *b, const char *s);

/* Write one CSV record of the n fields (NULL counts as ""). Fields are
 * sanitized when stdout is a terminal. */
void cli_csv_row(const struct cli *c, const char *const *fields, size_t n);

/* The columns of a document in CSV and the keys of its JSON object, in
 * order (the same names fonds import reads). */
extern const char *const cli_doc_fields[];
extern const size_t cli_doc_nfields;

/* Build the JSON object of a whole document, with the ids of its explicit
 * links (from store_related) in "related". Returns a new json_t * (the
 * caller releases it), or NULL with e set. */
void *cli_doc_json(struct store *s, const struct doc *d, struct err *e);

/* Write a whole document as one CSV record in the cli_doc_fields order.
 * Returns 0 or -1 with e set. */
int cli_doc_csv(const struct cli *c, struct store *s, const struct doc *d,
                struct err *e);

/* Fill the sorted ids of the explicit links of d into out. */
int cli_doc_links(struct store *s, const struct doc *d, struct strlist *out,
                  struct err *e);

/* Finish writing stdout; returns EXIT_USAGE with a message if writing
 * failed (disk full, closed pipe), else status. */
int cli_finish(int status);

/* Format n with thousands separators ("12,345") into buf. Returns buf. */
const char *cli_thousands(long long n, char *buf, size_t size);

#endif
