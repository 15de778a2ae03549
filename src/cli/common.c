/* common.c - option parsing, query filters and opening the database. */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/internal.h"
#include "fonds/import.h"
#include "fonds/store.h"
#include "fonds/text.h"

/* --- messages ---------------------------------------------------------- */

/* Write "fonds: " and the message to stderr. Messages quote arguments,
 * file names and data, so they go out as safe text: escape sequences and
 * control characters made visible, and ASCII only on a terminal whose
 * locale is not UTF-8. */
static void put_message(const char *prefix, const char *fmt, va_list ap,
                        const char *suffix)
{
	struct sbuf b = { 0 };
	const char *cs = nl_langinfo(CODESET);
	int ascii = isatty(STDERR_FILENO) && !(cs && (strcmp(cs, "UTF-8") == 0 ||
	                                             strcmp(cs, "utf8") == 0));
	char *safe;

	sbuf_add(&b, "fonds: ");
	if (prefix)
		sbuf_add(&b, prefix);
	sbuf_vprintf(&b, fmt, ap);
	if (suffix)
		sbuf_add(&b, suffix);
	safe = text_sanitize(sbuf_str(&b), b.len, ascii ? TEXT_SAN_ASCII : 0);
	fflush(stdout);
	fprintf(stderr, "%s\n", safe);
	free(safe);
	sbuf_free(&b);
}

int cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	put_message(NULL, fmt, ap, NULL);
	va_end(ap);
	return EXIT_USAGE;
}

int cli_usage_error(const struct cli *c, const char *fmt, ...)
{
	const char *name = c->cmd ? c->cmd->name : NULL;
	struct sbuf prefix = { 0 }, suffix = { 0 };
	va_list ap;

	if (name) {
		sbuf_printf(&prefix, "%s: ", name);
		sbuf_printf(&suffix, " (try 'fonds %s --help')", name);
	} else {
		sbuf_add(&suffix, " (try 'fonds --help')");
	}
	va_start(ap, fmt);
	put_message(sbuf_str(&prefix), fmt, ap, sbuf_str(&suffix));
	va_end(ap);
	sbuf_free(&prefix);
	sbuf_free(&suffix);
	return EXIT_USAGE;
}

/* Write help text already indented by indent columns, wrapped at
 * spaces to fit 79 columns. */
static void put_help(FILE *fp, const char *s, int indent)
{
	int col = indent;
	size_t n;

	while (*s) {
		n = strcspn(s, " ");
		if (col > indent && col + 1 + (int)n > 79) {
			fprintf(fp, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', fp);
			col++;
		}
		fwrite(s, 1, n, fp);
		col += (int)n;
		s += n;
		s += strspn(s, " ");
	}
	fputc('\n', fp);
}

void cli_print_command_help(FILE *fp, const struct cli_command *cmd)
{
	const struct cli_opt *o;
	char left[64];

	fprintf(fp, "Usage: fonds %s%s%s\n", cmd->name, *cmd->args ? " " : "",
	        cmd->args);
	fprintf(fp, "%c%s.\n", cmd->help[0] >= 'a' && cmd->help[0] <= 'z' ?
	        cmd->help[0] - 'a' + 'A' : cmd->help[0], cmd->help + 1);
	fputs("\nOptions:\n", fp);
	for (o = cmd->opts; o && o->name; o++) {
		snprintf(left, sizeof left, "--%s%s%s", o->name, o->arg ? " " : "",
		         o->arg ? o->arg : "");
		if (strlen(left) > 20)
			fprintf(fp, "  %s\n  %-20s  ", left, "");
		else
			fprintf(fp, "  %-20s  ", left);
		put_help(fp, o->help, 24);
	}
	fprintf(fp, "  %-20s  %s\n", "--db PATH", "the database file");
	fprintf(fp, "  %-20s  %s\n", "-h, --help", "show this help and exit");
	if (cmd->opts && cmd->opts[0].name &&
	    (strcmp(cmd->args, "[OPTION]... [QUERY]...") == 0))
		fputs("\nQUERY words are joined and read as one query; see 'fonds --help'\n"
		      "and fonds(1) for the query language. A word starting with one dash\n"
		      "excludes it: fonds search korea -armistice.\n", fp);
}

/* --- options ----------------------------------------------------------- */

void cli_getopt_init(struct cli_getopt *g, int argc, char **argv,
                     const struct cli_opt *opts)
{
	memset(g, 0, sizeof *g);
	g->argc = argc;
	g->argv = argv;
	g->i = 1;
	g->opts = opts;
}

int cli_getopt(struct cli_getopt *g, struct cli *c, struct err *e)
{
	const struct cli_opt *o;
	const char *a, *eq;
	size_t len;

	for (;;) {
		if (g->i >= g->argc)
			return CLI_OPT_END;
		a = g->argv[g->i++];
		g->opt = a;
		g->value = NULL;
		if (g->words_only || a[0] != '-' || a[1] != '-' ) {
			if (!g->words_only && strcmp(a, "-h") == 0)
				return CLI_OPT_HELP;
			g->value = a;
			return CLI_OPT_WORD;
		}
		if (a[2] == '\0') {
			g->words_only = 1;
			continue;
		}
		a += 2;
		eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a) : strlen(a);
		if (len == 4 && strncmp(a, "help", 4) == 0 && !eq)
			return CLI_OPT_HELP;
		if (len == 2 && strncmp(a, "db", 2) == 0) {
			const char *v = eq ? eq + 1 : g->i < g->argc ? g->argv[g->i++] : NULL;

			if (!v || !*v)
				return err_set(e, "--db needs a file name"), CLI_OPT_ERROR;
			c->db_path = v;
			continue;
		}
		for (o = g->opts; o && o->name; o++)
			if (strlen(o->name) == len && strncmp(o->name, a, len) == 0)
				break;
		if (!o || !o->name) {
			err_set(e, "unknown option '--%.*s'", (int)(len > 100 ? 100 : len), a);
			return CLI_OPT_ERROR;
		}
		if (!o->arg) {
			if (eq) {
				err_set(e, "--%s takes no value", o->name);
				return CLI_OPT_ERROR;
			}
			return o->key;
		}
		if (eq) {
			g->value = eq + 1;
		} else if (g->i < g->argc) {
			g->value = g->argv[g->i++];
		} else {
			err_set(e, "--%s needs a value (%s)", o->name, o->arg);
			return CLI_OPT_ERROR;
		}
		return o->key;
	}
}

int cli_parse_count(const char *opt, const char *s, long *out, struct err *e)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (!*s || *end || errno || n < 0)
		return err_set(e, "%s: \"%s\" is not a number (0 or more)", opt, s);
	*out = n;
	return 0;
}

/* --- queries ----------------------------------------------------------- */

void cli_query_init(struct cli_query *cq)
{
	memset(cq, 0, sizeof *cq);
	cq->filters = query_new();
}

void cli_query_free(struct cli_query *cq)
{
	sbuf_free(&cq->text);
	query_free(cq->filters);
	cq->filters = NULL;
}

void cli_query_word(struct cli_query *cq, const char *w)
{
	if (cq->text.len)
		sbuf_addc(&cq->text, ' ');
	sbuf_add(&cq->text, w);
}

int cli_query_option(struct cli_query *cq, int key, const char *opt,
                     const char *value, struct err *e)
{
	static const struct { int key; enum qfield f; } fields[] = {
		{ CLI_F_PERSON, QF_PERSON }, { CLI_F_PLACE, QF_PLACE },
		{ CLI_F_SUBJECT, QF_SUBJECT }, { CLI_F_COLLECTION, QF_COLLECTION },
		{ CLI_F_LANGUAGE, QF_LANGUAGE }
	};
	int32_t day;
	size_t i;

	if (key == CLI_F_FROM || key == CLI_F_TO) {
		day = text_parse_bound(value, key == CLI_F_TO);
		if (day < 0 || !*value)
			return err_set(e, "%s: date \"%s\" not understood (try 1950, "
			               "1950-06 or 1950-06-25)", opt, value);
		if (key == CLI_F_FROM)
			cq->from = day;
		else
			cq->to = day;
		return 1;
	}
	for (i = 0; i < ARRAY_LEN(fields); i++) {
		if (fields[i].key != key)
			continue;
		if (!*value)
			return err_set(e, "%s needs a name", opt);
		query_add_field(cq->filters, fields[i].f, value, 0);
		return 1;
	}
	return 0;
}

int cli_query_build(struct cli_query *cq, struct query **out, struct err *e)
{
	struct query *q = NULL;

	if (cq->from && cq->to && cq->from > cq->to)
		return err_set(e, "--from is after --to");
	if (cq->text.len) {
		if (query_parse(sbuf_str(&cq->text), &q, e) < 0)
			return -1;
	} else {
		q = query_new();
	}
	query_append(q, cq->filters);
	if (cq->from || cq->to)
		query_add_dates(q, cq->from, cq->to);
	*out = q;
	return 0;
}

/* --- the database ------------------------------------------------------ */

static int file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static char *sample_in(const char *dir)
{
	struct sbuf b = { 0 };

	if (!dir || !*dir)
		return NULL;
	sbuf_printf(&b, "%s/sample.jsonl", dir);
	if (file_exists(b.s))
		return sbuf_take(&b);
	sbuf_free(&b);
	return NULL;
}

char *cli_sample_path(void)
{
	char exe[PATH_MAX], *p, *slash;
	ssize_t n;

	if ((p = sample_in(getenv("FONDS_DATADIR"))))
		return p;
#ifdef FONDS_PKGDATADIR
	if ((p = sample_in(FONDS_PKGDATADIR)))
		return p;
#endif
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/'))) {
			strcpy(slash, "/share");
			if ((p = sample_in(exe)))
				return p;
		}
	}
	return NULL;
}

/* Load the sample collection into a newly created default database, and
 * say so: on stderr, or (when the browser is to start) in c->notice, with
 * how to bring one's own files, for its status line. */
static void load_sample(struct cli *c, struct store *s)
{
	struct cli_import_counts n = { 0 };
	struct store_stats st;
	struct err e;
	char *path = cli_sample_path();

	if (!path) {
		if (c->browsing)
			snprintf(c->notice, sizeof c->notice, "An empty database: the "
			         "sample was not found. Quit, then: fonds import FILE");
		else
			cli_error("created an empty DB at %s (the sample collection "
			          "sample.jsonl was not found; set FONDS_DATADIR)",
			          store_path(s));
		return;
	}
	cli_load_authority(c, s);
	if (cli_import_file(c, s, IMPORT_JSON, path, 0, 1, &n) < 0) {
		if (c->browsing)
			snprintf(c->notice, sizeof c->notice, "An empty database: the "
			         "sample failed to load. Quit, then: fonds import FILE");
		else
			cli_error("created an empty DB at %s (the sample collection "
			          "could not be loaded)", store_path(s));
	} else if (store_stats(s, &st, &e) == 0) {
		/* at most 66 columns: whole on an 80-column status line */
		if (c->browsing)
			snprintf(c->notice, sizeof c->notice, "%lld sample documents loaded; "
			         "to add your own: fonds import FILE", st.documents);
		else
			cli_error("created DB with the sample collection (%lld documents)",
			          st.documents);
	} else if (c->browsing) {
		snprintf(c->notice, sizeof c->notice,
		         "Sample documents loaded; to add your own: fonds import FILE");
	} else {
		cli_error("created DB with the sample collection");
	}
	free(path);
}

struct store *cli_open_store(struct cli *c, int create, int no_sample)
{
	struct store *s = NULL;
	struct err e;
	char *def = NULL, *path;
	int is_default, fresh;

	def = store_default_path();
	if (c->db_path) {
		path = xstrdup(c->db_path);
		is_default = def && strcmp(def, path) == 0;
	} else if (def) {
		path = xstrdup(def);
		is_default = 1;
	} else {
		cli_error("no place for the database: set HOME, XDG_DATA_HOME or "
		          "FONDS_DB, or use --db PATH");
		return NULL;
	}
	free(def);
	fresh = !file_exists(path);
	if (fresh && !is_default && !create) {
		cli_error("no database at %s (create one with 'fonds --db %s import "
		          "FILE')", path, path);
		free(path);
		return NULL;
	}
	if (store_open(&s, path, fresh && (is_default || create) ? 0 :
	               STORE_NOCREATE, &e) < 0) {
		cli_error("%s", e.msg);
		free(path);
		return NULL;
	}
	if (fresh && is_default && !no_sample)
		load_sample(c, s);
	free(path);
	return s;
}

int cli_doc_arg(struct cli *c, int argc, char **argv, const struct cli_opt *opts,
                int *format, const char **extra, struct store **s, struct doc **d)
{
	struct cli_getopt g;
	struct err e;
	const char *id = NULL;
	int k, rc;

	*s = NULL;
	*d = NULL;
	*format = CLI_TEXT;
	cli_getopt_init(&g, argc, argv, opts);
	while ((k = cli_getopt(&g, c, &e)) != CLI_OPT_END) {
		switch (k) {
		case CLI_OPT_ERROR:
			return cli_usage_error(c, "%s", e.msg);
		case CLI_OPT_HELP:
			cli_print_command_help(stdout, c->cmd);
			return cli_finish(EXIT_OK);
		case 1: /* --format */
			if ((*format = cli_format_parse("--format", g.value, 7, &e)) < 0)
				return cli_usage_error(c, "%s", e.msg);
			break;
		case 2:
			if (extra)
				*extra = g.value;
			break;
		case CLI_OPT_WORD:
			if (id)
				return cli_usage_error(c, "give one document ID");
			id = g.value;
			break;
		}
	}
	if (!id)
		return cli_usage_error(c, "which document? give its ID");
	if (!(*s = cli_open_store(c, 0, 0)))
		return EXIT_USAGE;
	rc = store_get(*s, id, d, &e);
	if (rc > 0)
		return -1;
	if (rc < 0) {
		cli_error("%s", e.msg);
	} else {
		char *safe = cli_safe_line(c, id);

		cli_error("no document with id \"%s\"", safe);
		free(safe);
	}
	store_close(*s);
	*s = NULL;
	return rc < 0 ? EXIT_USAGE : EXIT_NOTHING;
}

/* --- the reader's data ----------------------------------------------- */

int cli_check_ids(struct store *s, char *const *ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!store_doc_exists(s, ids[i])) {
			cli_error("no document with id \"%s\"", ids[i]);
			return EXIT_USAGE;
		}
	return 0;
}

int cli_query_check(struct store *s, const struct query *q, struct err *e)
{
	struct query *x;
	int rc = store_query_expand(s, q, &x, e);

	query_free(x);
	return rc < 0 ? -1 : 0;
}

int cli_opt_stop(const struct cli *c, int k, const struct err *e)
{
	if (k == CLI_OPT_ERROR)
		return cli_usage_error(c, "%s", e->msg);
	cli_print_command_help(stdout, c->cmd);
	return cli_finish(EXIT_OK);
}

int cli_query_getopt(struct cli_getopt *g, struct cli *c, struct cli_query *cq,
                     int *status)
{
	struct err e;
	int k, r;

	for (;;) {
		k = cli_getopt(g, c, &e);
		if (k == CLI_OPT_ERROR || k == CLI_OPT_HELP) {
			*status = cli_opt_stop(c, k, &e);
			return CLI_OPT_STOP;
		}
		if (k == CLI_OPT_END || k == CLI_OPT_WORD)
			return k;
		r = cli_query_option(cq, k, g->opt, g->value, &e);
		if (r < 0) {
			*status = cli_error("%s", e.msg);
			return CLI_OPT_STOP;
		}
		if (r == 0)
			return k;
	}
}

int cli_query_open(struct cli *c, struct cli_query *cq, const char *also,
                   struct query **q, struct store **s)
{
	struct query *more = NULL;
	struct err e;

	if (cli_query_build(cq, q, &e) < 0 ||
	    (also && query_parse(also, &more, &e) < 0))
		return cli_error("%s", e.msg);
	if (more) {
		query_append(*q, more);
		query_free(more);
	}
	if (!(*s = cli_open_store(c, 0, 0)))
		return EXIT_USAGE;
	if (cli_query_check(*s, *q, &e) < 0)
		return cli_error("%s", e.msg);
	return -1;
}

int cli_each_doc(struct store *s, const struct query *q,
                 int (*cb)(void *ctx, struct doc *d), void *ctx, struct err *e)
{
	struct page_pos pos = { 0, 0 };
	int have_pos = 0, done = 0;

	while (!done) {
		struct rows rows = {0};

		if (store_page(s, q, SORT_DATE, have_pos ? &pos : NULL, 1, 0, 256, &rows, e) < 0) {
			rows_free(&rows);
			return -1;
		}
		for (size_t i = 0; i < rows.n; i++) {
			struct doc *d;
			int rc = store_get_key(s, rows.v[i].key, &d, e);

			if (rc < 0) {
				rows_free(&rows);
				return -1;
			}
			if (rc == 0)
				continue;
			rc = cb(ctx, d);
			doc_free(d);
			if (rc < 0) {
				rows_free(&rows);
				return -1;
			}
		}
		if (rows.n > 0) {
			pos.key = rows.v[rows.n - 1].key;
			have_pos = 1;
		}
		done = rows.n < 256;
		rows_free(&rows);
	}
	return 0;
}
