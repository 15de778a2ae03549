/* notebook.c - fonds notebook: the reader's notes and excerpts of the
 * documents of a query, in date order, each under its document's
 * citation, as Markdown, Org or JSON Lines: a notebook to paste into a
 * draft. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/internal.h"
#include "fonds/cite.h"
#include "fonds/store.h"

enum { OPT_FORMAT = 1 };
enum { NB_MARKDOWN, NB_ORG, NB_JSON };

const struct cli_opt cli_notebook_opts[] = {
	CLI_FILTER_OPTS,
	{ "format", OPT_FORMAT, "FMT", "markdown (the default), org or json" },
	{ NULL, 0, NULL, NULL }
};

struct nb {
	const struct cli *c;
	struct store *s;
	int format;
	int64_t accessed;
	long n;
};

/* Write text (the reader's or the data's), line by line, each line after
 * prefix, escaping what would start markup of its own: a heading in
 * Markdown, a heading or a keyword in Org. */
static void put_lines(const struct nb *nb, const char *text, const char *prefix)
{
	char *t = nb->c->out_tty ? cli_safe_text(nb->c, text) : xstrdup(text);

	for (char *line = t, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		fputs(prefix, stdout);
		if (nb->format == NB_MARKDOWN && line[0] == '#')
			putchar('\\');
		if (nb->format == NB_ORG && (line[0] == '*' || strncmp(line, "#+", 2) == 0 ||
		                             line[0] == ','))
			putchar(',');
		printf("%s\n", line);
	}
	free(t);
}

static int nb_doc(void *ctx, struct doc *d)
{
	struct nb *nb = ctx;
	struct excerpt *x;
	struct cite ct;
	struct err e;
	char *cite, *title;
	char date[64];
	size_t n;

	if (store_excerpts(nb->s, d->id, &x, &n, &e) < 0)
		return -1;
	cite_from_doc(&ct, d);
	cite = cite_chicago(&ct, nb->accessed);
	cite_free(&ct);
	cli_date(&d->date, date, sizeof date);
	if (nb->format == NB_JSON) {
		json_t *xs = json_array(), *tags = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(xs, json_pack("{s:o, s:o, s:I}", "text",
			                      cli_json_str(x[i].text), "page", cli_json_str(x[i].page),
			                      "at", (json_int_t)x[i].at));
		for (size_t i = 0; i < d->tags.n; i++)
			json_array_append_new(tags, cli_json_str(d->tags.v[i]));
		cli_json_line(json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id",
		              cli_json_str(d->id), "date", cli_json_str(date), "title",
		              cli_json_str(d->title), "citation", cli_json_str(cite), "tags", tags,
		              "note", cli_json_str(d->note), "excerpts", xs));
	} else {
		title = cli_safe_line(nb->c, d->title);
		if (nb->format == NB_ORG) {
			printf("%s* %s (%s)\n  :PROPERTIES:\n  :ID:       %s\n  :END:\n",
			       nb->n ? "\n" : "", title, date, d->id);
		} else {
			printf("%s## %s (%s)\n\n", nb->n ? "\n" : "", title, date);
		}
		free(title);
		put_lines(nb, cite, "");
		if (d->tags.n) {
			printf("\n%s", nb->format == NB_ORG ? "Tags:" : "Tags:");
			for (size_t i = 0; i < d->tags.n; i++)
				printf(" %s", d->tags.v[i]);
			putchar('\n');
		}
		if (d->note) {
			putchar('\n');
			put_lines(nb, d->note, "");
		}
		for (size_t i = 0; i < n; i++) {
			putchar('\n');
			if (nb->format == NB_ORG) {
				puts("#+BEGIN_QUOTE");
				put_lines(nb, x[i].text, "");
				if (x[i].page)
					printf("(p. %s)\n", x[i].page);
				puts("#+END_QUOTE");
			} else {
				put_lines(nb, x[i].text, "> ");
				if (x[i].page)
					printf(">\n> (p. %s)\n", x[i].page);
			}
		}
	}
	nb->n++;
	free(cite);
	excerpts_free(x, n);
	return 0;
}

int cli_notebook(struct cli *c, int argc, char **argv)
{
	struct cli_getopt g;
	struct cli_query cq;
	struct query *q = NULL;
	struct store *s = NULL;
	struct err e;
	int k, format = NB_MARKDOWN, status = EXIT_USAGE;

	cli_query_init(&cq);
	cli_getopt_init(&g, argc, argv, cli_notebook_opts);
	while ((k = cli_query_getopt(&g, c, &cq, &status)) != CLI_OPT_END) {
		switch (k) {
		case CLI_OPT_STOP:
			goto out;
		case CLI_OPT_WORD:
			cli_query_word(&cq, g.value);
			break;
		case OPT_FORMAT:
			if (strcmp(g.value, "markdown") == 0 || strcmp(g.value, "md") == 0) {
				format = NB_MARKDOWN;
			} else if (strcmp(g.value, "org") == 0) {
				format = NB_ORG;
			} else if (strcmp(g.value, "json") == 0) {
				format = NB_JSON;
			} else {
				status = cli_usage_error(c, "unknown format \"%s\" for --format (use "
				                         "markdown, org or json)", g.value);
				goto out;
			}
			break;
		}
	}
	if ((status = cli_query_open(c, &cq, "has:note OR has:excerpt", &q, &s)) >= 0)
		goto out;
	{
		struct nb nb = { c, s, format, cite_today(), 0 };

		if (cli_each_doc(s, q, nb_doc, &nb, &e) < 0)
			status = cli_error("%s", e.msg);
		else
			status = cli_finish(nb.n ? EXIT_OK : EXIT_NOTHING);
	}
out:
	if (s)
		store_close(s);
	query_free(q);
	cli_query_free(&cq);
	return status;
}
