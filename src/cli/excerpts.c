/* excerpts.c - fonds excerpts: the passages the reader saved, of the
 * documents of a query, in date order; adding and deleting one. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/internal.h"
#include "fonds/store.h"

enum { OPT_PAGE = 1, OPT_FORMAT };

const struct cli_opt cli_excerpts_opts[] = {
	CLI_FILTER_OPTS,
	{ "page", OPT_PAGE, "PAGE", "with add: the page the passage stands on" },
	{ "format", OPT_FORMAT, "FMT", "text (the default) or json" },
	{ NULL, 0, NULL, NULL }
};

struct list {
	const struct cli *c;
	struct store *s;
	int format;
	long n;
};

static int list_doc(void *ctx, struct doc *d)
{
	struct list *l = ctx;
	struct excerpt *x;
	struct err e;
	size_t n;

	if (store_excerpts(l->s, d->id, &x, &n, &e) < 0)
		return -1;
	for (size_t i = 0; i < n; i++, l->n++) {
		char date[64];

		if (l->format == CLI_JSON) {
			cli_json_line(json_pack("{s:I, s:o, s:o, s:o, s:o, s:I}", "excerpt",
			              (json_int_t)x[i].xid, "id", cli_json_str(d->id),
			              "title", cli_json_str(d->title), "page", cli_json_str(x[i].page),
			              "text", cli_json_str(x[i].text), "at", (json_int_t)x[i].at));
		} else {
			char *t = cli_safe_line(l->c, d->title), *body = cli_safe_text(l->c, x[i].text);

			printf("#%lld  %s  %s  %s%s%s\n", (long long)x[i].xid,
			       cli_date(&d->date, date, sizeof date), d->id, t,
			       x[i].page ? ", p. " : "", x[i].page ? x[i].page : "");
			cli_put_wrapped(body, 4, l->c->cols > 8 ? l->c->cols : 0);
			free(t);
			free(body);
		}
	}
	excerpts_free(x, n);
	return 0;
}

int cli_excerpts(struct cli *c, int argc, char **argv)
{
	struct cli_getopt g;
	struct cli_query cq;
	struct strlist words = {0};
	struct query *q = NULL;
	struct store *s = NULL;
	struct err e;
	const char *page = NULL;
	int k, format = CLI_TEXT, status = EXIT_USAGE;

	cli_query_init(&cq);
	cli_getopt_init(&g, argc, argv, cli_excerpts_opts);
	while ((k = cli_query_getopt(&g, c, &cq, &status)) != CLI_OPT_END) {
		switch (k) {
		case CLI_OPT_STOP:
			goto out;
		case CLI_OPT_WORD:
			strlist_add(&words, g.value);
			break;
		case OPT_PAGE:
			page = g.value;
			break;
		case OPT_FORMAT:
			if ((format = cli_format_parse("--format", g.value,
			                               1 << CLI_TEXT | 1 << CLI_JSON, &e)) < 0) {
				status = cli_usage_error(c, "%s", e.msg);
				goto out;
			}
			break;
		}
	}
	if (words.n && strcmp(words.v[0], "add") == 0) {
		struct sbuf t = {0};
		int64_t xid;

		if (words.n < 3) {
			status = cli_usage_error(c, "excerpts add needs an ID and the TEXT");
			goto out;
		}
		for (size_t i = 2; i < words.n; i++)
			sbuf_printf(&t, "%s%s", i > 2 ? " " : "", words.v[i]);
		if (!(s = cli_open_store(c, 0, 0)) || cli_check_ids(s, words.v + 1, 1)) {
			sbuf_free(&t);
			goto out;
		}
		if (store_excerpt_add(s, words.v[1], sbuf_str(&t), page, &xid, &e) < 0)
			status = cli_error("%s", e.msg);
		else
			status = (printf("excerpt #%lld saved\n", (long long)xid), cli_finish(EXIT_OK));
		sbuf_free(&t);
		goto out;
	}
	if (words.n && strcmp(words.v[0], "delete") == 0) {
		char *end;
		long long xid = words.n == 2 ? strtoll(words.v[1] + (words.v[1][0] == '#'), &end, 10) : 0;
		int rc;

		if (words.n != 2 || *end || xid <= 0) {
			status = cli_usage_error(c, "excerpts delete needs the number of an excerpt");
			goto out;
		}
		if (!(s = cli_open_store(c, 0, 0)))
			goto out;
		if ((rc = store_excerpt_delete(s, xid, &e)) < 0)
			status = cli_error("%s", e.msg);
		else if (rc == 0)
			status = cli_error("no excerpt #%lld (fonds excerpts lists them)", xid);
		else
			status = cli_finish(EXIT_OK);
		goto out;
	}
	if (page) {
		status = cli_usage_error(c, "--page goes with add");
		goto out;
	}
	for (size_t i = 0; i < words.n; i++)
		cli_query_word(&cq, words.v[i]);
	if ((status = cli_query_open(c, &cq, "has:excerpt", &q, &s)) >= 0)
		goto out;
	{
		struct list l = { c, s, format, 0 };

		if (cli_each_doc(s, q, list_doc, &l, &e) < 0)
			status = cli_error("%s", e.msg);
		else
			status = cli_finish(l.n ? EXIT_OK : EXIT_NOTHING);
	}
out:
	if (s)
		store_close(s);
	query_free(q);
	cli_query_free(&cq);
	strlist_clear(&words);
	return status;
}
