/* import.c - fonds import: read files into the store, one transaction each. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/internal.h"
#include "fonds/import.h"
#include "fonds/store.h"
#include "fonds/text.h"

enum { OPT_FORMAT = 1, OPT_STRICT, OPT_USER_DATA };

const struct cli_opt cli_import_opts[] = {
	{ "format", OPT_FORMAT, "FMT", "auto (the default), page, json, csv or tei" },
	{ "strict", OPT_STRICT, NULL, "fail a file on any warning" },
	{ "user-data", OPT_USER_DATA, NULL, "bring in the reader's data of 'fonds export "
	  "--user-data' (for the documents this database holds)" },
	{ NULL, 0, NULL, NULL }
};

/* State of the import of one file, the sink's context. */
struct import_ctx {
	struct cli *c;
	struct store *s;
	const char *name;
	int strict, quiet;
	int progress;          /* show a progress line on stderr */
	int progress_shown;
	int64_t last_progress; /* clock_usec of the last update */
	int strict_stop;       /* stopped by a warning under --strict */
	struct cli_import_counts n;
};

static void progress_clear(struct import_ctx *x)
{
	if (x->progress_shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		x->progress_shown = 0;
	}
}

static void progress_update(struct import_ctx *x)
{
	long long total = x->n.added + x->n.merged + x->n.same + x->n.rejected;
	char num[32], *name;
	int64_t now;

	if (!x->progress)
		return;
	now = clock_usec();
	if (now - x->last_progress < 100000)
		return;
	x->last_progress = now;
	name = cli_safe_line(x->c, x->name);
	fprintf(stderr, "\rimporting %s: %s records\033[K", name,
	        cli_thousands(total, num, sizeof num));
	fflush(stderr);
	free(name);
	x->progress_shown = 1;
}

/* Committing computes relations, which takes a while on big files: say
 * so when the progress line is up. */
static void progress_saving(struct import_ctx *x)
{
	long long total = x->n.added + x->n.merged + x->n.same + x->n.rejected;
	char num[32], *name;

	if (!x->progress_shown)
		return;
	name = cli_safe_line(x->c, x->name);
	fprintf(stderr, "\rimporting %s: %s records, saving...\033[K", name,
	        cli_thousands(total, num, sizeof num));
	fflush(stderr);
	free(name);
}

/* Print a message of the form "name:line: text" as
 * "fonds: name:line: warning: text", sanitized (it may quote data). */
static void print_warning(struct import_ctx *x, const char *msg)
{
	size_t nl = strlen(x->name), at = 0;
	const char *p;
	char *safe;
	struct sbuf b = { 0 };

	if (strncmp(msg, x->name, nl) == 0 && msg[nl] == ':') {
		p = msg + nl + 1;
		if (isdigit((unsigned char)*p)) {
			while (isdigit((unsigned char)*p))
				p++;
			at = *p == ':' ? (size_t)(p + 1 - msg) : nl + 1;
		} else if (strncmp(p, " byte ", 6) == 0) {
			p += 6;
			while (isdigit((unsigned char)*p))
				p++;
			at = *p == ':' ? (size_t)(p + 1 - msg) : nl + 1;
		} else {
			at = nl + 1;
		}
		sbuf_addn(&b, msg, at);
		sbuf_add(&b, " warning:");
		if (msg[at] != ' ')
			sbuf_addc(&b, ' ');
		sbuf_add(&b, msg + at);
	} else {
		sbuf_printf(&b, "%s: warning: %s", x->name, msg);
	}
	safe = cli_safe_line(x->c, sbuf_str(&b));
	progress_clear(x);
	fflush(stdout);
	fprintf(stderr, "fonds: %s\n", safe);
	free(safe);
	sbuf_free(&b);
}

static void on_warn(void *ctx, const char *msg)
{
	struct import_ctx *x = ctx;

	x->n.warnings++;
	if (!x->quiet)
		print_warning(x, msg);
}

static int on_record(void *ctx, struct record *r, struct err *e)
{
	struct import_ctx *x = ctx;
	struct err pe;
	int result;

	if (x->strict && x->n.warnings) {
		x->strict_stop = 1;
		return err_set(e, "%s:%ld: stopped: warnings are errors with --strict",
		               x->name, r->line);
	}
	if (!record_usable(r)) {
		struct sbuf b = { 0 };

		sbuf_printf(&b, "%s:%ld: record has no title, summary or text; skipped",
		            x->name, r->line);
		on_warn(x, sbuf_str(&b));
		sbuf_free(&b);
		x->n.rejected++;
		if (x->strict) {
			x->strict_stop = 1;
			return err_set(e, "%s:%ld: stopped: warnings are errors with "
			               "--strict", x->name, r->line);
		}
		progress_update(x);
		return 0;
	}
	if (store_put(x->s, r, &result, &pe) < 0) {
		if (r->line > 0)
			return err_set(e, "%s:%ld: %s", x->name, r->line, pe.msg);
		return err_set(e, "%s: %s", x->name, pe.msg);
	}
	if (result == STORE_NEW)
		x->n.added++;
	else if (result == STORE_MERGED)
		x->n.merged++;
	else
		x->n.same++;
	progress_update(x);
	return 0;
}

/* --- reading in a second thread -------------------------------------- *
 *
 * The parser (reading, JSON or CSV, repairing text) runs in a thread of
 * its own, with the recognition of people in each record, and hands
 * records and warnings, in their order, to the thread that stores them
 * through a bounded queue: on a machine with two cores parsing costs the
 * import nothing. Everything the store does with the database stays in
 * the calling thread. */

/* How many records and warnings may wait in the queue. */
#define PIPE_SLOTS 256

struct pipe_item {
	struct record r; /* a record, or (msg != NULL) a warning */
	char *msg;
};

struct pipe {
	pthread_mutex_t mu;
	pthread_cond_t changed;
	struct pipe_item v[PIPE_SLOTS];
	size_t head, n;
	int done;      /* the parser returned: rc and e are set */
	int stop;      /* the storing side failed: the parser is to stop */
	int rc;
	struct err e;
	/* the parser's side: its input and format, and the store whose
	 * authority recognises people (store_recognize: read only) */
	enum import_format format;
	struct reader *reader;
	const struct store *store;
};

/* Queue an item, waiting while the queue is full. -1 when told to stop. */
static int pipe_push(struct pipe *p, struct record *r, const char *msg)
{
	struct pipe_item *it;

	pthread_mutex_lock(&p->mu);
	while (p->n == PIPE_SLOTS && !p->stop)
		pthread_cond_wait(&p->changed, &p->mu);
	if (p->stop) {
		pthread_mutex_unlock(&p->mu);
		return -1;
	}
	it = &p->v[(p->head + p->n) % PIPE_SLOTS];
	memset(it, 0, sizeof *it);
	if (msg) {
		it->msg = xstrdup(msg);
	} else {
		/* the record is stolen: the parser clears what is left */
		it->r = *r;
		memset(r, 0, sizeof *r);
	}
	p->n++;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->mu);
	return 0;
}

static int pipe_record(void *ctx, struct record *r, struct err *e)
{
	struct pipe *p = ctx;

	store_recognize(p->store, r);
	if (pipe_push(p, r, NULL) < 0)
		return err_set(e, "stopped");
	return 0;
}

static void pipe_warn(void *ctx, const char *msg)
{
	pipe_push(ctx, NULL, msg);
}

static void *pipe_parse(void *arg)
{
	struct pipe *p = arg;
	struct import_sink sink = { pipe_record, pipe_warn, p };
	struct err e;
	int rc = import_run(p->format, p->reader, &sink, &e);

	pthread_mutex_lock(&p->mu);
	p->done = 1;
	p->rc = rc;
	if (rc < 0)
		p->e = e;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Take the next item into *it: 1, or 0 when the parser is done and the
 * queue empty. */
static int pipe_pop(struct pipe *p, struct pipe_item *it)
{
	int got = 0;

	pthread_mutex_lock(&p->mu);
	while (p->n == 0 && !p->done)
		pthread_cond_wait(&p->changed, &p->mu);
	if (p->n) {
		*it = p->v[p->head];
		p->head = (p->head + 1) % PIPE_SLOTS;
		p->n--;
		got = 1;
		pthread_cond_broadcast(&p->changed);
	}
	pthread_mutex_unlock(&p->mu);
	return got;
}

static void pipe_item_free(struct pipe_item *it)
{
	free(it->msg);
	record_clear(&it->r);
}

/* import_run() with the parser in a thread of its own, handing what it
 * finds (with people recognised for store s) to sink in this thread: the
 * same results, messages and order. Falls back to one thread when no
 * thread can be made. */
static int import_run_threaded(enum import_format format, struct reader *r,
                               const struct store *s, struct import_sink *sink,
                               struct err *e)
{
	struct pipe *p = xcalloc(1, sizeof *p);
	struct pipe_item it;
	pthread_t tid;
	int rc = 0, failed = 0;

	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->changed, NULL);
	p->format = format;
	p->reader = r;
	p->store = s;
	if (pthread_create(&tid, NULL, pipe_parse, p) != 0) {
		pthread_cond_destroy(&p->changed);
		pthread_mutex_destroy(&p->mu);
		free(p);
		return import_run(format, r, sink, e);
	}
	while (pipe_pop(p, &it)) {
		if (failed) {
			/* stopping: what is left is dropped */
		} else if (it.msg) {
			sink->warn(sink->ctx, it.msg);
		} else if (sink->record(sink->ctx, &it.r, e) < 0) {
			failed = 1;
			rc = -1;
			pthread_mutex_lock(&p->mu);
			p->stop = 1;
			pthread_cond_broadcast(&p->changed);
			pthread_mutex_unlock(&p->mu);
		}
		pipe_item_free(&it);
	}
	pthread_join(tid, NULL);
	if (!failed && p->rc < 0) {
		rc = -1;
		*e = p->e;
	}
	pthread_cond_destroy(&p->changed);
	pthread_mutex_destroy(&p->mu);
	free(p);
	return rc;
}

int cli_import_file(struct cli *c, struct store *s, int format,
                    const char *path, int strict, int quiet,
                    struct cli_import_counts *n)
{
	struct import_ctx x;
	struct import_sink sink;
	struct reader r;
	struct stat st;
	struct err e;
	FILE *fp;
	int is_stdin = strcmp(path, "-") == 0, rc;
	char *safe;

	memset(&x, 0, sizeof x);
	x.c = c;
	x.s = s;
	x.name = is_stdin ? "<stdin>" : path;
	x.strict = strict;
	x.quiet = quiet;
	x.progress = c->err_tty && !quiet;
	x.last_progress = clock_usec();
	safe = cli_safe_line(c, x.name);
	if (is_stdin) {
		fp = stdin;
	} else if (!(fp = fopen(path, "rb"))) {
		cli_error("%s: cannot open: %s", safe, strerror(errno));
		free(safe);
		return -1;
	}
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		cli_error("%s: is a directory, not a file", safe);
		if (!is_stdin)
			fclose(fp);
		free(safe);
		return -1;
	}
	if (store_import_begin(s, &e) < 0) {
		cli_error("%s: %s", safe, e.msg);
		if (!is_stdin)
			fclose(fp);
		free(safe);
		return -1;
	}
	sink.record = on_record;
	sink.warn = on_warn;
	sink.ctx = &x;
	reader_init(&r, fp, x.name);
	rc = import_run_threaded((enum import_format)format, &r, s, &sink, &e);
	if (rc == 0 && x.n.added + x.n.merged + x.n.same + x.n.rejected == 0) {
		struct sbuf b = { 0 };

		sbuf_printf(&b, "%s: no records found", x.name);
		on_warn(&x, sbuf_str(&b));
		sbuf_free(&b);
	}
	if (rc == 0 && strict && x.n.warnings) {
		x.strict_stop = 1;
		rc = -1;
	}
	if (rc < 0) {
		progress_clear(&x);
		store_import_rollback(s);
		if (x.strict_stop) {
			cli_error("%s: not imported: %lld warning%s, and --strict makes "
			          "warnings errors", safe, x.n.warnings,
			          x.n.warnings == 1 ? "" : "s");
		} else {
			char *msg = cli_safe_line(c, e.msg);

			/* Parsers name the position; add the file if they did not. */
			if (strncmp(e.msg, x.name, strlen(x.name)) == 0)
				cli_error("%s", msg);
			else
				cli_error("%s: %s", safe, msg);
			cli_error("%s: not imported (nothing was changed)", safe);
			free(msg);
		}
	} else if (progress_saving(&x), store_import_commit(s, &e) < 0) {
		progress_clear(&x);
		store_import_rollback(s);
		cli_error("%s: %s", safe, e.msg);
		cli_error("%s: not imported (nothing was changed)", safe);
		rc = -1;
	} else {
		progress_clear(&x);
		n->added += x.n.added;
		n->merged += x.n.merged;
		n->same += x.n.same;
		n->rejected += x.n.rejected;
		n->warnings += x.n.warnings;
	}
	reader_free(&r);
	if (!is_stdin)
		fclose(fp);
	free(safe);
	return rc;
}

int cli_import(struct cli *c, int argc, char **argv)
{
	struct cli_import_counts n = { 0 };
	struct strlist files = { 0 };
	struct cli_getopt g;
	struct store *s;
	struct err e;
	int k, format = IMPORT_AUTO, strict = 0, failed = 0, status, user_data = 0;
	size_t i;

	cli_getopt_init(&g, argc, argv, cli_import_opts);
	while ((k = cli_getopt(&g, c, &e)) != CLI_OPT_END) {
		switch (k) {
		case CLI_OPT_ERROR:
			strlist_clear(&files);
			return cli_usage_error(c, "%s", e.msg);
		case CLI_OPT_HELP:
			strlist_clear(&files);
			cli_print_command_help(stdout, c->cmd);
			return cli_finish(EXIT_OK);
		case OPT_FORMAT:
			if ((format = import_format_parse(g.value)) < 0) {
				strlist_clear(&files);
				return cli_usage_error(c, "--format: unknown format \"%s\" "
				                       "(use auto, page, json, csv or tei)", g.value);
			}
			break;
		case OPT_STRICT:
			strict = 1;
			break;
		case OPT_USER_DATA:
			user_data = 1;
			break;
		case CLI_OPT_WORD:
			if (g.value[0] == '-' && g.value[1] && !g.words_only) {
				strlist_clear(&files);
				return cli_usage_error(c, "unknown option '%s'", g.value);
			}
			strlist_add(&files, g.value);
			break;
		}
	}
	if (!files.n)
		return cli_usage_error(c, "no file given (use - for standard input)");
	if (user_data) {
		if (files.n != 1) {
			strlist_clear(&files);
			return cli_usage_error(c, "--user-data takes one file");
		}
		if (!(s = cli_open_store(c, 0, 0))) {
			strlist_clear(&files);
			return EXIT_USAGE;
		}
		status = cli_import_user_data(c, s, files.v[0]);
		store_close(s);
		strlist_clear(&files);
		return status;
	}
	/* A new database gets what the user imports, not the sample. */
	if (!(s = cli_open_store(c, 1, 1))) {
		strlist_clear(&files);
		return EXIT_USAGE;
	}
	/* People are recognized at import with the name authority; without
	 * it (a broken file, already reported) documents still go in. */
	cli_load_authority(c, s);
	for (i = 0; i < files.n; i++)
		if (cli_import_file(c, s, format, files.v[i], strict, 0, &n) < 0)
			failed++;
	store_close(s);
	printf("%lld new, %lld merged, %lld rejected", n.added, n.merged,
	       n.rejected);
	if (n.same)
		printf(", %lld unchanged", n.same);
	if (failed)
		printf(" (%d file%s failed)", failed, failed == 1 ? "" : "s");
	putchar('\n');
	status = cli_finish(failed ? EXIT_USAGE : EXIT_OK);
	strlist_clear(&files);
	return status;
}
