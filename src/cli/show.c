/* show.c - fonds show: one whole document, its names and its relations. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/internal.h"
#include "fonds/store.h"
#include "fonds/text.h"

enum { OPT_FORMAT = 1, OPT_TEXT = 2 };

const struct cli_opt cli_show_opts[] = {
	{ "format", OPT_FORMAT, "FMT", "text (the default), json or csv" },
	{ "text", OPT_TEXT, "WHICH", "the text to print: original, translation or all" },
	{ NULL, 0, NULL, NULL }
};

/* Width of the labels column ("Collections: "). */
#define LABEL 13

/* Print "Label:       value" with the value wrapped under itself. */
static void field(const struct cli *c, const char *label, const char *value)
{
	char *safe;

	if (!value || !*value)
		return;
	safe = cli_safe_line(c, value);
	printf("%-*s", LABEL, label);
	if (c->cols > 0) {
		struct text_line *lines = NULL;
		size_t n, i;
		int w = c->cols - LABEL > 20 ? c->cols - LABEL : 20;

		n = text_wrap(safe, w, &lines);
		for (i = 0; i < n; i++)
			printf("%*s%.*s\n", i ? LABEL : 0, "", (int)lines[i].len,
			       safe + lines[i].off);
		free(lines);
	} else {
		printf("%s\n", safe);
	}
	free(safe);
}

static void names(const struct cli *c, const char *label,
                  const struct strlist *l)
{
	struct sbuf b = { 0 };
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (i)
			sbuf_add(&b, "; ");
		sbuf_add(&b, l->v[i]);
	}
	field(c, label, b.s);
	sbuf_free(&b);
}

static void paragraph(const struct cli *c, const char *text)
{
	char *safe;

	if (!text || !*text)
		return;
	safe = cli_safe_text(c, text);
	putchar('\n');
	cli_put_wrapped(safe, 0, c->cols);
	free(safe);
}

/* Print the relations of d as indented list rows with their reasons. */
static int print_relations(const struct cli *c, struct store *s,
                           const struct doc *d, struct err *e)
{
	struct relation *rel = NULL;
	size_t n = 0, i;
	char date[64], *t;
	int idw = 0, w, kw = 7;

	if (store_related(s, d->key, STORE_REL_SIMILAR, &rel, &n, e) < 0)
		return -1;
	if (n == 0)
		return 0;
	printf("\nRelated:\n");
	for (i = 0; i < n; i++) {
		t = cli_safe_line(c, rel[i].row.id);
		if ((w = text_width(t)) > idw)
			idw = w;
		free(t);
	}
	for (i = 0; i < n; i++)
		if ((int)strlen(store_rel_label(&rel[i])) > kw)
			kw = (int)strlen(store_rel_label(&rel[i]));
	for (i = 0; i < n; i++) {
		fputs("  ", stdout);
		cli_put_padded(c, store_rel_label(&rel[i]), kw, 0);
		fputs(" ", stdout);
		cli_put_padded(c, cli_date(&rel[i].row.date, date, sizeof date), 10, 0);
		fputs("  ", stdout);
		t = cli_safe_line(c, rel[i].row.id);
		cli_put_padded(c, t, idw, 0);
		free(t);
		fputs("  ", stdout);
		t = cli_safe_line(c, rel[i].row.title ? rel[i].row.title : "(untitled)");
		cli_put_clipped(c, t, c->cols > 0 ? c->cols - 24 - idw : 0);
		free(t);
		putchar('\n');
		if (rel[i].reason && *rel[i].reason) {
			t = cli_safe_line(c, rel[i].reason);
			fputs("          ", stdout);
			cli_put_clipped(c, t, c->cols > 0 ? c->cols - 10 : 0);
			putchar('\n');
			free(t);
		}
	}
	relations_free(rel, n);
	return 0;
}

/* Which texts show prints. */
enum show_text { SHOW_DEFAULT, SHOW_ORIGINAL, SHOW_TRANSLATION, SHOW_ALL };

/* Print one transcript or translation under a heading naming its kind
 * and language. */
static void print_text(const struct cli *c, const struct record_text *t)
{
	struct sbuf h = { 0 };
	char *safe;

	sbuf_add(&h, strcmp(t->kind, RECORD_TEXT_ORIGINAL) == 0 ? "Original" : "Translation");
	if (t->language)
		sbuf_printf(&h, " (%s)", t->language);
	sbuf_addc(&h, ':');
	safe = cli_safe_line(c, sbuf_str(&h));
	printf("\n%s\n", safe);
	free(safe);
	sbuf_free(&h);
	paragraph(c, t->body);
}

/* Print the notes, links and citation of a document after its text. */
static void print_apparatus(const struct cli *c, const struct record_texts *tx)
{
	int notes = 0, links = 0;

	for (size_t i = 0; i < tx->n; i++) {
		const struct record_text *t = &tx->v[i];
		struct sbuf b = { 0 };
		char *safe;

		if (strcmp(t->kind, RECORD_TEXT_NOTE) == 0) {
			if (!notes++)
				printf("\nNotes:\n");
			sbuf_printf(&b, "[%s] %s", t->label ? t->label : "*", t->body);
		} else if (strcmp(t->kind, RECORD_TEXT_LINK) == 0) {
			if (!links++)
				printf("\nLinks:\n");
			if (t->label && strcmp(t->label, t->body) != 0)
				sbuf_printf(&b, "%s: %s", t->label, t->body);
			else
				sbuf_add(&b, t->body);
		} else
			continue;
		safe = cli_safe_text(c, sbuf_str(&b));
		cli_put_wrapped(safe, 2, c->cols);
		free(safe);
		sbuf_free(&b);
	}
}

static int print_doc(const struct cli *c, struct store *s, const struct doc *d,
                     enum show_text which, struct err *e)
{
	char date[64];
	struct sbuf b = { 0 };
	struct record_texts tx = { 0 };
	int shown = 0;
	char *t;

	if (store_texts(s, d->key, &tx, e) < 0)
		return -1;
	/* a document printed whole has its text in the body; a transcript
	 * is the original of one that has only a summary */
	if (which == SHOW_TRANSLATION || which == SHOW_ORIGINAL) {
		const char *want = which == SHOW_ORIGINAL ? RECORD_TEXT_ORIGINAL : RECORD_TEXT_TRANSLATION;

		for (size_t i = 0; i < tx.n; i++)
			shown += strcmp(tx.v[i].kind, want) == 0;
		if (!shown && !(which == SHOW_ORIGINAL && d->body && *d->body)) {
			t = cli_safe_line(c, d->id);
			err_set(e, "%s has no %s text (try --text all)", t,
			        which == SHOW_ORIGINAL ? "original" : "translated");
			free(t);
			record_texts_free(&tx);
			return 1;
		}
	}

	t = cli_safe_line(c, d->title ? d->title : "(untitled)");
	if (c->cols > 0)
		cli_put_wrapped(t, 0, c->cols);
	else
		printf("%s\n", t);
	free(t);
	putchar('\n');
	if (d->date.prec == DATE_UNDATED) {
		sbuf_add(&b, "undated");
		if (d->date_text && *d->date_text)
			sbuf_printf(&b, " (%s)", d->date_text);
	} else {
		text_format_date(&d->date, date, sizeof date);
		if (d->date_text && *d->date_text && strcmp(d->date_text, date) != 0)
			sbuf_printf(&b, "%s (%s)", d->date_text, date);
		else
			sbuf_add(&b, date);
	}
	field(c, "Date:", sbuf_str(&b));
	sbuf_free(&b);
	field(c, "ID:", d->id);
	field(c, "Type:", d->type);
	field(c, "Language:", d->language);
	field(c, "Source:", d->source);
	field(c, "URL:", d->url);
	names(c, "People:", &d->names[FACET_PERSON]);
	names(c, "Places:", &d->names[FACET_PLACE]);
	names(c, "Subjects:", &d->names[FACET_SUBJECT]);
	names(c, "Collections:", &d->names[FACET_COLLECTION]);
	for (size_t i = 0; i < tx.n; i++)
		if (strcmp(tx.v[i].kind, RECORD_TEXT_CITATION) == 0)
			field(c, "Cite as:", tx.v[i].body);
	if (which == SHOW_DEFAULT) {
		/* name the texts there are to read */
		for (size_t i = 0; i < tx.n; i++) {
			const struct record_text *x = &tx.v[i];

			if (strcmp(x->kind, RECORD_TEXT_ORIGINAL) && strcmp(x->kind, RECORD_TEXT_TRANSLATION))
				continue;
			sbuf_printf(&b, "%s%s%s%s%s", b.len ? "; " : "", x->kind,
			            x->language ? " (" : "", x->language ? x->language : "",
			            x->language ? ")" : "");
		}
		if (b.len)
			sbuf_add(&b, " (fonds show --text)");
		field(c, "Texts:", sbuf_str(&b));
		sbuf_free(&b);
	}
	if (which == SHOW_DEFAULT || which == SHOW_ALL)
		paragraph(c, d->summary);
	if (which != SHOW_TRANSLATION)
		paragraph(c, d->body);
	for (size_t i = 0; which != SHOW_DEFAULT && i < tx.n; i++) {
		const struct record_text *x = &tx.v[i];

		if ((which != SHOW_TRANSLATION && strcmp(x->kind, RECORD_TEXT_ORIGINAL) == 0) ||
		    (which != SHOW_ORIGINAL && strcmp(x->kind, RECORD_TEXT_TRANSLATION) == 0))
			print_text(c, x);
	}
	if (which != SHOW_TRANSLATION)
		print_apparatus(c, &tx);
	record_texts_free(&tx);
	if (d->note && *d->note) {
		printf("\nNote:\n");
		t = cli_safe_text(c, d->note);
		cli_put_wrapped(t, 2, c->cols);
		free(t);
	}
	return print_relations(c, s, d, e);
}

/* Add "relations": the computed and explicit relations with reasons. */
static int add_relations(struct store *s, const struct doc *d, json_t *o,
                         struct err *e)
{
	struct relation *rel = NULL;
	size_t n = 0, i;
	json_t *a, *r;

	if (store_related(s, d->key, STORE_REL_SIMILAR, &rel, &n, e) < 0)
		return -1;
	a = json_array();
	for (i = 0; i < n; i++) {
		r = json_object();
		json_object_set_new(r, "kind", json_string(store_rel_label(&rel[i])));
		json_object_set_new(r, "id", cli_json_str(rel[i].row.id));
		json_object_set_new(r, "reason", cli_json_str(rel[i].reason));
		json_array_append_new(a, r);
	}
	relations_free(rel, n);
	json_object_set_new(o, "relations", a);
	return 0;
}

int cli_show(struct cli *c, int argc, char **argv)
{
	struct store *s;
	struct doc *d;
	struct err e;
	int format, status, rc;
	const char *text = NULL;
	enum show_text which = SHOW_DEFAULT;

	if ((status = cli_doc_arg(c, argc, argv, cli_show_opts, &format, &text, &s, &d)) >= 0)
		return status;
	if (text) {
		if (strcmp(text, "original") == 0)
			which = SHOW_ORIGINAL;
		else if (strcmp(text, "translation") == 0)
			which = SHOW_TRANSLATION;
		else if (strcmp(text, "all") == 0)
			which = SHOW_ALL;
		else {
			doc_free(d);
			store_close(s);
			return cli_usage_error(c, "--text takes original, translation or all");
		}
	}
	if (format == CLI_TEXT) {
		if ((rc = print_doc(c, s, d, which, &e)) < 0)
			status = cli_error("%s", e.msg);
		else if (rc > 0) {
			cli_error("%s", e.msg);
			status = cli_finish(EXIT_NOTHING);
		} else
			status = cli_finish(EXIT_OK);
	} else if (format == CLI_JSON) {
		json_t *o = cli_doc_json(s, d, &e);

		if (!o || add_relations(s, d, o, &e) < 0) {
			json_decref(o);
			status = cli_error("%s", e.msg);
		} else {
			cli_json_line(o);
			status = cli_finish(EXIT_OK);
		}
	} else {
		cli_csv_row(c, cli_doc_fields, cli_doc_nfields);
		if (cli_doc_csv(c, s, d, &e) < 0)
			status = cli_error("%s", e.msg);
		else
			status = cli_finish(EXIT_OK);
	}
	doc_free(d);
	store_close(s);
	return status;
}
