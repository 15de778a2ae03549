/* format.c - the browser's formatting: plain functions returning strings.
 *
 * Column layout, clipping by display width, wrapping, timeline bars, the
 * status line and the lines of the detail pane are computed here, with no
 * curses, so unit tests can check them to the column. Every string from
 * the data is sanitized (text_sanitize) before it is measured.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/internal.h"

void spans_free(struct spans *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}

static void spans_add(struct spans *s, size_t off, size_t len)
{
	ARRAY_RESERVE(s->v, s->n, s->cap);
	s->v[s->n].off = off;
	s->v[s->n].len = len;
	s->n++;
}

/* Add the folded words of text to terms (prefix: mark the last with '*'). */
static void add_terms(struct strlist *terms, const char *text, int prefix)
{
	char *f = text_fold(text), *p = f, *sp;

	while (p && *p) {
		sp = strchr(p, ' ');
		if (sp)
			*sp = '\0';
		if (*p) {
			struct sbuf t = {0};

			sbuf_add(&t, p);
			if (prefix && !sp)
				sbuf_addc(&t, '*');
			if (strlist_find(terms, sbuf_str(&t)) < 0)
				strlist_take(terms, sbuf_take(&t));
			else
				sbuf_free(&t);
		}
		if (!sp)
			break;
		p = sp + 1;
	}
	free(f);
}

void ui_hint_line(const struct hint *v, size_t n, int width, struct sbuf *out)
{
	char *shown = xcalloc(n ? n : 1, 1);
	struct sbuf line = {0};
	int w = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		shown[i] = 1;
		w += 2 + text_width(v[i].key) + 1 + text_width(v[i].label);
	}
	w -= n ? 1 : 0; /* the line starts with one space, not two */
	/* drop from the least important end, sparing those to keep */
	for (i = n; i-- > 0 && w > width;) {
		if (v[i].keep)
			continue;
		shown[i] = 0;
		w -= 2 + text_width(v[i].key) + 1 + text_width(v[i].label);
	}
	for (i = 0; i < n; i++)
		if (shown[i])
			sbuf_printf(&line, "%s%s %s", line.len ? "  " : " ", v[i].key, v[i].label);
	ui_fit(out, sbuf_str(&line), width, 0, 0);
	sbuf_free(&line);
	free(shown);
}

long ui_match_step(long cur, long n, int dir, long first, long last, int *wrapped)
{
	long next;

	*wrapped = 0;
	if (n <= 0)
		return -1;
	if (cur < 0 || cur >= n)
		next = dir > 0 ? first : last;
	else
		next = cur + (dir > 0 ? 1 : -1);
	if (next >= n) {
		next = 0;
		*wrapped = 1;
	} else if (next < 0) {
		next = n - 1;
		*wrapped = -1;
	}
	return next;
}

void ui_wrap_hanging(const char *line, int width, struct strlist *out)
{
	size_t lead = strspn(line, " "), col = lead, i;
	struct text_line *tl = NULL;
	struct sbuf b = {0};
	size_t n;
	int indent;

	/* the first column: a word run, then two spaces or more */
	for (i = lead; line[i] && line[i] != ' '; i++)
		;
	while (line[i] == ' ' && !(line[i + 1] == ' ')) {
		for (i++; line[i] && line[i] != ' '; i++)
			;
	}
	if (line[i] == ' ' && line[i + 1] == ' ' && line[i + strspn(line + i, " ")])
		col = i + strspn(line + i, " ");
	indent = text_width_n(line, col);
	if (indent > width / 2) {
		/* too deep for the width: under the start */
		col = lead;
		indent = (int)lead;
	}
	if (text_width(line) <= width || width <= indent + 4) {
		strlist_add(out, line);
		return;
	}
	/* the first line as it comes, then the rest under the indent */
	n = text_wrap_urls(line + col, width - indent, &tl);
	for (i = 0; i < n; i++) {
		sbuf_reset(&b);
		if (i == 0)
			sbuf_addn(&b, line, col);
		else
			for (int k = 0; k < indent; k++)
				sbuf_addc(&b, ' ');
		sbuf_addn(&b, line + col + tl[i].off, tl[i].len);
		strlist_add(out, sbuf_str(&b));
	}
	free(tl);
	sbuf_free(&b);
}

int ui_line_has(const char *line, const char *text)
{
	char *l = text_fold(line), *t = text_fold(text);
	int hit = *t && strstr(l, t) != NULL;

	free(l);
	free(t);
	return hit;
}

void ui_candidates_line(const struct strlist *v, long cur, int width, struct sbuf *out,
                        size_t *hl, size_t *hl_len)
{
	size_t first = 0, last, i;
	int w;

	*hl = *hl_len = 0;
	if (!v->n || width < 8)
		return;
	/* the window of candidates: from first, as many as fit; move it on
	 * until the chosen one is in it */
	for (;;) {
		w = first ? 2 : 0;
		for (last = first; last < v->n; last++) {
			int cw = text_width(v->v[last]) + 3;

			if (w + cw + (last + 1 < v->n ? 2 : 0) > width && last > first)
				break;
			w += cw;
		}
		if (cur < 0 || (size_t)cur < last || first + 1 >= v->n)
			break;
		first++;
	}
	if (first)
		sbuf_add(out, "< ");
	for (i = first; i < last; i++) {
		int chosen = (long)i == cur;

		sbuf_addc(out, chosen ? '[' : ' ');
		if (chosen)
			*hl = out->len;
		sbuf_add(out, v->v[i]);
		if (chosen)
			*hl_len = out->len - *hl;
		sbuf_add(out, chosen ? "] " : "  ");
	}
	if (last < v->n)
		sbuf_add(out, ">");
}

void ui_add_terms(struct strlist *terms, const char *text)
{
	add_terms(terms, text, 0);
}

void ui_query_terms(const struct query *q, struct strlist *terms)
{
	size_t i, j;

	if (!q)
		return;
	for (i = 0; i < q->n; i++) {
		for (j = 0; j < q->v[i].n; j++) {
			const struct qatom *a = &q->v[i].atoms[j];

			if (a->neg || !a->text)
				continue;
			if (a->kind == Q_WORD || a->kind == Q_PHRASE)
				add_terms(terms, a->text, 0);
			else if (a->kind == Q_PREFIX)
				add_terms(terms, a->text, 1);
		}
	}
}

static int word_byte(unsigned char c)
{
	return c >= 0x80 || isalnum(c);
}

/* Does the folded word w match term t? */
static int term_matches(const char *w, const char *t)
{
	size_t n = strlen(t);

	if (n && t[n - 1] == '*')
		return strncmp(w, t, n - 1) == 0;
	/* a word that folds to several ("Matveyev’s" -> "matveyev s") matches
	 * on its first part */
	return strncmp(w, t, n) == 0 && (w[n] == '\0' || w[n] == ' ');
}

size_t ui_match_spans(const char *s, const struct strlist *terms,
                      struct spans *out)
{
	size_t i = 0, found = 0, k, start;
	char small[64];

	if (!terms || !terms->n || !s)
		return 0;
	while (s[i]) {
		int ascii = 1;
		char *folded;
		const char *w;

		while (s[i] && !word_byte((unsigned char)s[i]))
			i++;
		if (!s[i])
			break;
		start = i;
		while (s[i] && word_byte((unsigned char)s[i])) {
			if ((unsigned char)s[i] >= 0x80)
				ascii = 0;
			i++;
		}
		folded = NULL;
		if (ascii && i - start < sizeof small) {
			for (k = 0; k < i - start; k++)
				small[k] = (char)tolower((unsigned char)s[start + k]);
			small[k] = '\0';
			w = small;
		} else {
			char *word = xstrndup(s + start, i - start);

			folded = text_fold(word);
			free(word);
			w = folded;
		}
		for (k = 0; k < terms->n; k++) {
			if (term_matches(w, terms->v[k])) {
				spans_add(out, start, i - start);
				found++;
				break;
			}
		}
		free(folded);
	}
	return found;
}

void ui_snippet(const char *raw, int san, struct sbuf *out,
                struct spans *marks)
{
	const char *p = raw ? raw : "";
	int in = 0;

	while (*p) {
		size_t n = strcspn(p, "\x02\x03");

		if (n) {
			char *c = text_sanitize(p, n, san);
			size_t off = out->len;

			sbuf_add(out, c);
			if (in && marks && out->len > off)
				spans_add(marks, off, out->len - off);
			free(c);
			p += n;
		}
		if (*p == '\x02')
			in = 1;
		else if (*p == '\x03')
			in = 0;
		if (*p)
			p++;
	}
}

int ui_fit(struct sbuf *out, const char *s, int width, int pad, int ascii)
{
	int used = 0, w;
	size_t n;

	if (width <= 0)
		return 0;
	w = text_width(s);
	if (w <= width) {
		sbuf_add(out, s);
		used = w;
	} else {
		n = text_clip(s, width - 1, &used);
		sbuf_addn(out, s, n);
		sbuf_add(out, ascii ? "~" : "\xe2\x80\xa6");
		used++;
	}
	while (pad && used < width) {
		sbuf_addc(out, ' ');
		used++;
	}
	return used;
}

void ui_row_marks(unsigned flags, int ascii, struct sbuf *out)
{
	sbuf_add(out, flags & ROW_RELATED ? "+" : " ");
	if (flags & ROW_READ)
		sbuf_add(out, ascii ? "r" : "\xe2\x9c\x93");
	else
		sbuf_add(out, " ");
	sbuf_add(out, flags & ROW_BOOKMARK ? "*" : " ");
}

void ui_row_line(const struct row *r, const char *title, int width,
                 int ascii, struct sbuf *out)
{
	struct sbuf line = {0};
	char date[32];

	text_format_date(&r->date, date, sizeof date);
	sbuf_printf(&line, "%-10s ", date);
	ui_row_marks(r->flags, ascii, &line);
	sbuf_addc(&line, ' ');
	sbuf_add(&line, title && *title ? title : "(untitled)");
	ui_fit(out, sbuf_str(&line), width, 1, ascii);
	sbuf_free(&line);
}

void ui_bar(long long count, long long max, int width, int ascii,
            struct sbuf *out)
{
	long long eighths;
	int full, rem, i;

	if (count <= 0 || max <= 0 || width <= 0)
		return;
	if (count > max)
		count = max;
	eighths = (count * width * 8 + max / 2) / max;
	if (eighths < 1)
		eighths = 1;
	full = (int)(eighths / 8);
	rem = (int)(eighths % 8);
	if (ascii) {
		if (rem >= 4 || full == 0)
			full++;
		for (i = 0; i < full && i < width; i++)
			sbuf_addc(out, '#');
		return;
	}
	for (i = 0; i < full; i++)
		sbuf_add(out, "\xe2\x96\x88"); /* U+2588 full block */
	if (rem && full < width) {
		/* U+258F (one eighth) .. U+2589 (seven eighths) */
		char c[4] = { '\xe2', '\x96', (char)(0x90 - rem), 0 };

		sbuf_add(out, c);
	}
}

void ui_timeline_apart(long long coarse, long long undated, enum date_prec level,
                       int partial, struct sbuf *out)
{
	if (coarse > 0 || undated > 0) {
		sbuf_add(out, coarse > 0 ? "Not counted at this level: " : "In no period: ");
		if (coarse > 0)
			sbuf_printf(out, "%lld dated only to the %s", coarse,
			            level == DATE_DAY ? "month or year" : "year");
		if (undated > 0)
			sbuf_printf(out, "%s%lld undated", coarse > 0 ? ", " : "", undated);
		if (partial)
			sbuf_add(out, "; counts are partial");
	} else if (partial) {
		sbuf_add(out, "Counts are partial: the query was cut short");
	}
}

void ui_timeline_line(const char *label, long long count, long long max,
                      int cursor, int marked, int width, int ascii,
                      struct sbuf *out)
{
	struct sbuf line = {0};
	int barw = width - 20;

	sbuf_addc(&line, cursor ? '>' : ' ');
	sbuf_addc(&line, marked ? '*' : ' ');
	sbuf_printf(&line, "%-10s %6lld ", label, count);
	if (barw > 0)
		ui_bar(count, max, barw, ascii, &line);
	ui_fit(out, sbuf_str(&line), width, 1, ascii);
	sbuf_free(&line);
}

static char *clean_line(const char *s, int ascii)
{
	return text_sanitize(s ? s : "", s ? strlen(s) : 0,
	                     ascii ? TEXT_SAN_ASCII : 0);
}

/* "  12/345", "  12/>=345" for a lower bound, and an ellipsis for what is
 * not counted yet ("  12/..." while a new search is counted). */
void ui_position_text(const struct status_info *si, struct sbuf *out)
{
	const char *more = si->ascii ? "..." : "\xe2\x80\xa6";

	sbuf_add(out, "  ");
	if (si->pos >= 0)
		sbuf_printf(out, "%lld", si->pos);
	else if (si->pos == -2)
		sbuf_add(out, "-"); /* the document is not in the list */
	else
		sbuf_add(out, more);
	sbuf_add(out, "/");
	if (si->total < 0)
		sbuf_add(out, more);
	else
		sbuf_printf(out, "%s%lld", si->exact ? "" :
		            (si->ascii ? ">=" : "\xe2\x89\xa5"), si->total);
}

void ui_status_line(const struct status_info *si, int width,
                    struct sbuf *out)
{
	struct sbuf left = {0}, mid = {0};
	char *msg = clean_line(si->msg, si->ascii);
	int lw, mw, rw, room;

	if (width <= 0) {
		free(msg);
		return;
	}
	sbuf_printf(&left, " %s", si->mode ? si->mode : "");
	if (si->have_pos)
		ui_position_text(si, &left);
	if (si->sort)
		sbuf_printf(&left, "  by %s", si->sort);
	if (si->extra && *si->extra)
		sbuf_printf(&left, "  %s", si->extra);
	if (si->search && *si->search) {
		char *c = clean_line(si->search, si->ascii);

		sbuf_printf(&mid, "  /%s", c);
		free(c);
	}
	if (si->filters && *si->filters) {
		char *c = clean_line(si->filters, si->ascii);

		sbuf_printf(&mid, "  [%s]", c);
		free(c);
	}
	lw = text_width(sbuf_str(&left));
	mw = text_width(sbuf_str(&mid));
	rw = *msg ? text_width(msg) + 2 : 0;
	if (rw && lw + rw > width && si->sort) {
		/* a message matters more than the order */
		sbuf_reset(&left);
		sbuf_printf(&left, " %s", si->mode ? si->mode : "");
		if (si->have_pos)
			ui_position_text(si, &left);
		lw = text_width(sbuf_str(&left));
	}
	if (lw >= width) {
		ui_fit(out, sbuf_str(&left), width, 1, si->ascii);
		goto done;
	}
	sbuf_add(out, sbuf_str(&left));
	room = width - lw;
	if (rw > room)
		rw = room;
	if (mw > room - rw)
		mw = room - rw;
	if (mw > 0)
		ui_fit(out, sbuf_str(&mid), mw, 1, si->ascii);
	if (rw > 0) {
		int gap = room - mw - rw, i;

		for (i = 0; i < gap; i++)
			sbuf_addc(out, ' ');
		sbuf_addc(out, ' ');
		if (rw > 1)
			ui_fit(out, msg, rw - 1, 1, si->ascii);
	} else {
		int i;

		for (i = lw + mw; i < width; i++)
			sbuf_addc(out, ' ');
	}
done:
	free(msg);
	sbuf_free(&left);
	sbuf_free(&mid);
}

/* --- the detail pane -------------------------------------------------- */

void dlines_free(struct dlines *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].label);
		free(d->v[i].text);
	}
	free(d->v);
	for (i = 0; i < d->nrefs; i++)
		free(d->refs[i].target);
	free(d->refs);
	strlist_clear(&d->sects);
	sbuf_free(&d->sect_kinds);
	memset(d, 0, sizeof *d);
}

static struct dline *dline_add(struct dlines *d, enum dkind kind,
                               const char *text, size_t len, int indent)
{
	struct dline *l;

	ARRAY_RESERVE(d->v, d->n, d->cap);
	l = &d->v[d->n++];
	l->kind = kind;
	l->label = NULL;
	l->text = xstrndup(text ? text : "", text ? len : 0);
	l->indent = indent;
	l->rel = -1;
	l->sect = d->sect;
	l->off = 0;
	return l;
}

/* Wrap the sanitized s to width - indent columns, adding one line each;
 * returns the index of the first line added. A URL is never broken: one
 * wider than the pane has a line of its own, wider than width, which the
 * drawing clips with a marker. */
static size_t add_wrapped(struct dlines *d, enum dkind kind, const char *s,
                          int indent, int width, long rel)
{
	struct text_line *tl = NULL;
	size_t n, i, first = d->n;

	n = text_wrap_urls(s, width - indent > 1 ? width - indent : 1, &tl);
	for (i = 0; i < n; i++) {
		struct dline *l = dline_add(d, kind, s + tl[i].off, tl[i].len, indent);

		l->rel = rel;
		l->off = tl[i].off;
	}
	free(tl);
	return first;
}

static void add_blank(struct dlines *d)
{
	if (d->n && d->v[d->n - 1].kind != DL_BLANK)
		dline_add(d, DL_BLANK, "", 0, 0);
}

/* A labelled field: the label in the first column, the value wrapped
 * beside it (or below it when the pane is narrow). */
static void add_field(struct dlines *d, const char *label, const char *value,
                      int width, int san)
{
	char *clean;
	int indent = width >= 30 ? 12 : 2;
	size_t first;

	if (!value || !*value)
		return;
	clean = text_sanitize(value, strlen(value), san);
	if (indent == 2)
		dline_add(d, DL_FIELD, "", 0, 0)->label = xstrdup(label);
	first = add_wrapped(d, DL_FIELD, clean, indent, width, -1);
	if (indent != 2)
		d->v[first].label = xstrdup(label);
	free(clean);
}

static char *join(const struct strlist *l, const char *sep)
{
	struct sbuf b = {0};
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (i)
			sbuf_add(&b, sep);
		sbuf_add(&b, l->v[i]);
	}
	return sbuf_take(&b);
}

/* A text under its heading: a section of its own (kind 'T' a text, 'N'
 * the notes, 'L' the links), whose sanitized text is kept for finding
 * references and places in it. */
static void add_section(struct dlines *d, const char *heading,
                        const char *text, int width, int san, char kind)
{
	char *clean;
	size_t n;

	if (!text || !*text)
		return;
	if (d->upto_sect ? (int)d->sects.n + 1 > d->upto_sect : d->limit && d->n >= d->limit) {
		d->partial = 1;
		return;
	}
	add_blank(d);
	dline_add(d, DL_HEADING, heading, strlen(heading), 0);
	n = strlen(text);
	if (d->limit && (!d->upto_sect || (int)d->sects.n + 1 == d->upto_sect)) {
		/* no more than the lines wanted can hold (4 bytes a column),
		 * cut at a space or a line's end: the lines made from it are
		 * those of the whole text, but for the last; down to a place,
		 * its byte and as many lines after it */
		size_t want = (d->upto_sect ? d->limit : d->limit - d->n + 2) *
		              ((size_t)(width > 0 ? width : 1) + 1) * 4 + 64 +
		              (d->upto_sect ? d->upto_off : 0);

		if (n > want) {
			size_t cut = want;

			while (cut > want / 2 && text[cut] != ' ' && text[cut] != '\n')
				cut--;
			n = cut;
			d->partial = 1;
		}
	}
	clean = text_sanitize(text, n, san | TEXT_SAN_NEWLINES);
	d->sect = (int)d->sects.n + 1;
	add_wrapped(d, DL_TEXT, clean, 0, width, -1);
	d->sect = 0;
	strlist_take(&d->sects, clean);
	sbuf_addc(&d->sect_kinds, kind);
}

int ui_doc_has_text(const struct doc *d, const char *kind)
{
	for (size_t i = 0; i < d->texts.n; i++)
		if (strcmp(d->texts.v[i].kind, kind) == 0)
			return 1;
	return 0;
}

/* The texts of doc of one kind, each under a heading with its language
 * ("Original (Russian)"), or, for notes and links, one section of them. */
static void add_texts(struct dlines *out, const struct doc *doc, const char *kind,
                      const char *heading, int width, int san)
{
	struct sbuf b = {0};

	for (size_t i = 0; i < doc->texts.n; i++) {
		const struct record_text *t = &doc->texts.v[i];

		if (strcmp(t->kind, kind) != 0)
			continue;
		if (!strcmp(kind, RECORD_TEXT_NOTE) || !strcmp(kind, RECORD_TEXT_LINK)) {
			if (b.len)
				sbuf_add(&b, "\n");
			if (!strcmp(kind, RECORD_TEXT_NOTE))
				sbuf_printf(&b, "[%s] %s", t->label ? t->label : "*", t->body);
			else if (t->label && strcmp(t->label, t->body))
				sbuf_printf(&b, "%s: %s", t->label, t->body);
			else
				sbuf_add(&b, t->body);
			continue;
		}
		sbuf_printf(&b, "%s%s%s%s", heading, t->language ? " (" : "",
		            t->language ? t->language : "", t->language ? ")" : "");
		{
			char *h = sbuf_take(&b);

			add_section(out, h, t->body, width, san, 'T');
			free(h);
		}
	}
	if (b.len)
		add_section(out, heading, sbuf_str(&b), width, san,
		            !strcmp(kind, RECORD_TEXT_NOTE) ? 'N' : 'L');
	sbuf_free(&b);
}

void ui_detail_format(const struct doc *doc, const struct relation *rel,
                      size_t nrel, int width, int san, enum ui_text which,
                      struct dlines *out)
{
	static const char *const labels[FACET_NKINDS] = {
		"People", "Places", "Subjects", "Collection", "Language"
	};
	char date[32], *clean, *s;
	const char *why;
	struct sbuf b = {0};
	size_t i;
	int f;

	if (width < 1)
		width = 1;
	clean = text_sanitize(doc->title ? doc->title : "(untitled)",
	                      doc->title ? strlen(doc->title) : 10, san);
	add_wrapped(out, DL_TITLE, clean, 0, width, -1);
	free(clean);
	add_blank(out);

	text_format_date(&doc->date, date, sizeof date);
	if (doc->date_text && *doc->date_text && strcmp(doc->date_text, date))
		sbuf_printf(&b, "%s (%s)", doc->date_text, date);
	else
		sbuf_add(&b, date);
	add_field(out, "Date", sbuf_str(&b), width, san);
	sbuf_reset(&b);
	add_field(out, "Type", doc->type, width, san);
	for (f = 0; f < FACET_NKINDS; f++) {
		if (f == FACET_LANGUAGE && !doc->names[f].n) {
			add_field(out, labels[f], doc->language, width, san);
			continue;
		}
		s = join(&doc->names[f], "; ");
		add_field(out, labels[f], s, width, san);
		free(s);
	}
	add_field(out, "Source", doc->source, width, san);
	add_field(out, "URL", doc->url, width, san);
	add_field(out, "ID", doc->id, width, san);
	if (doc->flags & ROW_READ)
		sbuf_add(&b, "read");
	if (doc->flags & ROW_BOOKMARK)
		sbuf_printf(&b, "%sbookmarked", b.len ? ", " : "");
	add_field(out, "Marks", sbuf_str(&b), width, san);
	sbuf_free(&b);
	s = join(&doc->tags, " ");
	add_field(out, "Tags", s, width, san);
	free(s);
	add_field(out, "Note", doc->note, width, san);
	for (i = 0; i < doc->texts.n; i++)
		if (strcmp(doc->texts.v[i].kind, RECORD_TEXT_CITATION) == 0)
			add_field(out, "Cite as", doc->texts.v[i].body, width, san);
	if (ui_doc_has_text(doc, RECORD_TEXT_ORIGINAL) || ui_doc_has_text(doc, RECORD_TEXT_TRANSLATION))
		add_field(out, "Texts", which == UI_TEXT_ORIGINAL ? "the original (T: the translation)"
		          : which == UI_TEXT_TRANSLATION ? "the translation (T: the summary)"
		          : "summary (T: the original, then the translation)", width, san);

	if (which == UI_TEXT_ORIGINAL) {
		if (!ui_doc_has_text(doc, RECORD_TEXT_ORIGINAL))
			add_section(out, "Full text", doc->body, width, san, 'T');
		add_texts(out, doc, RECORD_TEXT_ORIGINAL, "Original", width, san);
	} else if (which == UI_TEXT_TRANSLATION) {
		add_texts(out, doc, RECORD_TEXT_TRANSLATION, "Translation", width, san);
	} else {
		add_section(out, "Summary", doc->summary, width, san, 'T');
		add_section(out, "Full text", doc->body, width, san, 'T');
	}
	if (which != UI_TEXT_TRANSLATION) {
		add_texts(out, doc, RECORD_TEXT_NOTE, "Notes", width, san);
		add_texts(out, doc, RECORD_TEXT_LINK, "Links", width, san);
	}

	if (nrel && (out->partial || (out->limit && out->n >= out->limit)))
		out->partial = 1;
	else if (nrel) {
		char head[64];

		add_blank(out);
		snprintf(head, sizeof head, "Related documents (%zu)", nrel);
		dline_add(out, DL_HEADING, head, strlen(head), 0);
		for (i = 0; i < nrel; i++) {
			const struct row *r = &rel[i].row;
			struct sbuf line = {0};

			size_t first, k;

			text_format_date(&r->date, date, sizeof date);
			clean = text_sanitize(r->title ? r->title : "(untitled)",
			                      r->title ? strlen(r->title) : 10, san);
			if (width >= 40) {
				/* the title wrapped beside its date */
				first = add_wrapped(out, DL_RELATED, clean, 14, width,
				                    (long)i);
				sbuf_printf(&line, "%-10s  %s", date, out->v[first].text);
				free(out->v[first].text);
				out->v[first].text = sbuf_take(&line);
				out->v[first].indent = 2;
				for (k = first + 1; k < out->n; k++)
					out->v[k].indent = 14;
			} else {
				sbuf_printf(&line, "%s  %s", date, clean);
				add_wrapped(out, DL_RELATED, sbuf_str(&line), 2, width,
				            (long)i);
			}
			free(clean);
			sbuf_free(&line);
			why = rel[i].reason && *rel[i].reason ? rel[i].reason :
			      store_rel_label(&rel[i]);
			clean = text_sanitize(why, strlen(why), san);
			add_wrapped(out, DL_REASON, clean, width >= 40 ? 14 : 6, width,
			            (long)i);
			free(clean);
		}
	}
}

/* --- references in the text ------------------------------------------ */

/* The line of section sect (lines [lo, hi) of out) where byte pos of its
 * text is shown, and the byte of that line; end: pos is the end of a
 * range (a range ending where a line starts ends on the line before). */
static void sect_locate(const struct dlines *out, size_t lo, size_t hi, size_t pos,
                        int end, size_t *line, size_t *byte)
{
	size_t a = lo, z = hi, len;

	/* the last line starting at or before pos (before, for an end) */
	while (z - a > 1) {
		size_t m = a + (z - a) / 2;

		if (out->v[m].off < pos || (!end && out->v[m].off == pos))
			a = m;
		else
			z = m;
	}
	*line = a;
	len = strlen(out->v[a].text);
	*byte = pos > out->v[a].off ? pos - out->v[a].off : 0;
	if (*byte > len)
		*byte = len;
}

static void ref_add(struct dlines *out, enum dref_kind kind, size_t lo, size_t hi,
                    size_t from, size_t to, const char *target)
{
	struct dref *r;

	if (out->nrefs >= 100000)
		return;
	ARRAY_RESERVE(out->refs, out->nrefs, out->crefs);
	r = &out->refs[out->nrefs++];
	r->kind = kind;
	sect_locate(out, lo, hi, from, 0, &r->line0, &r->off0);
	sect_locate(out, lo, hi, to, 1, &r->line1, &r->end1);
	if (r->line1 < r->line0 || (r->line1 == r->line0 && r->end1 < r->off0)) {
		r->line1 = r->line0;
		r->end1 = r->off0;
	}
	r->target = xstrdup(target);
}

static int ref_cmp(const void *x, const void *y)
{
	const struct dref *a = x, *b = y;

	if (a->line0 != b->line0)
		return a->line0 < b->line0 ? -1 : 1;
	if (a->off0 != b->off0)
		return a->off0 < b->off0 ? -1 : 1;
	return 0;
}

/* Where in the sentence s[0..n) the reference to target stands: the words
 * "Document 7" (or "Documents 5 and 7") when target is ".../d7" and they
 * are there, else the whole sentence; into [*from, *to). */
static void cite_words(const char *s, size_t n, const char *target, size_t *from,
                       size_t *to)
{
	const char *slash = strrchr(target, '/'), *num;
	size_t nl, i;

	*from = 0;
	*to = n;
	num = slash ? slash + 1 : target;
	if (num[0] != 'd' || !num[1] || strspn(num + 1, "0123456789") != strlen(num + 1))
		return;
	num++;
	nl = strlen(num);
	for (i = 0; i + nl <= n; i++) {
		size_t k, d;

		if (memcmp(s + i, num, nl) || (i && s[i - 1] >= '0' && s[i - 1] <= '9') ||
		    (i + nl < n && s[i + nl] >= '0' && s[i + nl] <= '9'))
			continue;
		/* "ocument" at most 40 bytes before the number */
		for (k = i; k-- > 0 && i - k <= 40;) {
			if (k + 7 > n || memcmp(s + k, "ocument", 7) || k == 0)
				continue;
			d = k + 7;
			if (d < i && s[d] == 's')
				d++;
			while (d < i && s[d] == ' ')
				d++;
			*from = d == i ? k - 1 : i;
			*to = i + nl;
			return;
		}
	}
}

void ui_detail_refs(const struct doc *doc, const struct strlist *cites,
                    const struct strlist *why, int san, struct dlines *out)
{
	struct strlist labels = {0};
	char *found = NULL;
	size_t lo = 0, hi, i, k, link = 0;

	for (i = 0; i < out->nrefs; i++)
		free(out->refs[i].target);
	out->nrefs = 0;
	for (i = 0; i < doc->texts.n; i++)
		if (!strcmp(doc->texts.v[i].kind, RECORD_TEXT_NOTE) && doc->texts.v[i].label) {
			char *l = text_sanitize(doc->texts.v[i].label, strlen(doc->texts.v[i].label), san);

			strlist_take(&labels, l);
		}
	if (cites && cites->n)
		found = xcalloc(cites->n, 1);
	for (k = 1; k <= out->sects.n; k++) {
		const char *t = out->sects.v[k - 1];
		char kind = out->sect_kinds.len >= k ? sbuf_str(&out->sect_kinds)[k - 1] : 'T';
		size_t n = strlen(t);

		while (lo < out->n && out->v[lo].sect != (int)k)
			lo++;
		for (hi = lo; hi < out->n && out->v[hi].sect == (int)k; hi++)
			;
		if (lo == hi)
			continue;
		if (kind == 'L') {
			/* a line per link, in the order of the document's links */
			size_t a = 0;

			while (a < n) {
				size_t z = a + strcspn(t + a, "\n");

				while (link < doc->texts.n &&
				       strcmp(doc->texts.v[link].kind, RECORD_TEXT_LINK))
					link++;
				if (link < doc->texts.n)
					ref_add(out, DREF_LINK, lo, hi, a, z, doc->texts.v[link++].body);
				a = z + 1;
			}
			lo = hi;
			continue;
		}
		/* footnote marks: "[2]" of a note the document has; in the
		 * notes, each note's own mark at the start of its line */
		for (i = 0; i < n; i++) {
			size_t z, ll;
			char lab[24];

			if (t[i] != '[')
				continue;
			z = i + 1 + strcspn(t + i + 1, "]\n[");
			ll = z - i - 1;
			if (z >= n || t[z] != ']' || !ll || ll >= sizeof lab)
				continue;
			memcpy(lab, t + i + 1, ll);
			lab[ll] = '\0';
			if (strlist_find(&labels, lab) < 0)
				continue;
			if (kind == 'N' && (i == 0 || t[i - 1] == '\n'))
				ref_add(out, DREF_NOTE, lo, hi, i, z + 1, lab);
			else if (kind != 'N')
				ref_add(out, DREF_MARK, lo, hi, i, z + 1, lab);
			i = z;
		}
		/* the documents cited, where their sentence stands */
		for (i = 0; cites && i < cites->n && i < 1000; i++) {
			const char *w = why && i < why->n ? why->v[i] : NULL;
			char *cw;
			const char *p, *q;
			size_t wl, from, to;

			if (found[i] || !w || !*w)
				continue;
			cw = text_sanitize(w, strlen(w), san);
			p = cw;
			wl = strlen(p);
			/* a long sentence is cut with an ellipsis at either end */
			if (wl >= 3 && !memcmp(p, "\xe2\x80\xa6", 3)) {
				p += 3;
				wl -= 3;
			}
			if (wl >= 3 && !memcmp(p + wl - 3, "\xe2\x80\xa6", 3))
				wl -= 3;
			if (wl) {
				char *needle = xstrndup(p, wl);

				q = strstr(t, needle);
				free(needle);
				if (q) {
					cite_words(q, wl, cites->v[i], &from, &to);
					ref_add(out, DREF_CITE, lo, hi, (size_t)(q - t) + from,
					        (size_t)(q - t) + to, cites->v[i]);
					found[i] = 1;
				}
			}
			free(cw);
		}
		lo = hi;
	}
	if (out->nrefs > 1)
		qsort(out->refs, out->nrefs, sizeof *out->refs, ref_cmp);
	free(found);
	strlist_clear(&labels);
}

size_t ui_dlines_find(const struct dlines *out, int sect, size_t off)
{
	size_t i, best = 0;
	int seen = 0;

	if (sect <= 0)
		return off < out->n ? off : (out->n ? out->n - 1 : 0);
	for (i = 0; i < out->n; i++) {
		if (out->v[i].sect != sect) {
			if (seen)
				break;
			continue;
		}
		if (!seen || out->v[i].off <= off)
			best = i;
		seen = 1;
		if (out->v[i].off > off)
			break;
	}
	return best;
}

void ui_dlines_place(const struct dlines *out, size_t i, int *sect, size_t *off)
{
	if (i < out->n && out->v[i].sect > 0) {
		*sect = out->v[i].sect;
		*off = out->v[i].off;
	} else {
		*sect = 0;
		*off = i;
	}
}

/* --- the person view ---------------------------------------------------- */

void ui_life_span(const char *born, const char *died, int ascii,
                  struct sbuf *out)
{
	int hb = born && *born, hd = died && *died;

	if (hb && hd)
		sbuf_printf(out, "%s%s%s", born, ascii ? "-" : "\xe2\x80\x93", died);
	else if (hb)
		sbuf_printf(out, "born %s", born);
	else if (hd)
		sbuf_printf(out, "died %s", died);
}

/* Years spanning more than this show only the years with documents. */
#define PERSON_MAX_YEARS 200
/* The bars stay small: at most this many columns for a year's line. */
#define PERSON_BAR_LINE 60

/* Add the bars of p's documents per year. */
static void add_years(struct dlines *out, const struct person_info *p,
                      int32_t mark, int width, int ascii)
{
	long long max = 0;
	int first, last, y, sparse, w = width < PERSON_BAR_LINE ? width :
	                                PERSON_BAR_LINE;
	size_t i, k = 0;

	for (i = 0; i < p->nyears; i++)
		if (p->years[i].count > max)
			max = p->years[i].count;
	first = p->years[0].period / 10000;
	last = p->years[p->nyears - 1].period / 10000;
	sparse = last - first >= PERSON_MAX_YEARS;
	for (y = first; y <= last; y++) {
		long long c = 0;
		struct sbuf line = {0};
		char label[16];

		while (k < p->nyears && p->years[k].period / 10000 < y)
			k++;
		if (k < p->nyears && p->years[k].period / 10000 == y)
			c = p->years[k].count;
		else if (sparse)
			continue;
		snprintf(label, sizeof label, "%04d", y);
		ui_timeline_line(label, c, max, 0, mark && mark / 10000 == y, w,
		                 ascii, &line);
		dline_add(out, DL_BAR, sbuf_str(&line), line.len, 0);
		sbuf_free(&line);
	}
}

void ui_person_format(const struct person_info *p, int32_t mark, int width,
                      int ascii, int san, struct dlines *out)
{
	static const char *const list_labels[3] = {
		"Variants", "Covers", "Scripts"
	};
	const struct strlist *lists[3];
	struct sbuf b = {0};
	long long dated = 0;
	char *clean, *s;
	size_t i;
	int l;

	if (width < 1)
		width = 1;
	lists[0] = &p->variants;
	lists[1] = &p->covers;
	lists[2] = &p->scripts;
	clean = text_sanitize(p->name ? p->name : "?",
	                      p->name ? strlen(p->name) : 1, san);
	add_wrapped(out, DL_TITLE, clean, 0, width, 0);
	free(clean);
	add_blank(out);
	if (p->uncertain)
		add_field(out, "Uncertain", "found only by the shape of a title, "
		          "not in the name authority", width, san);
	ui_life_span(p->born, p->died, ascii, &b);
	if (!b.len && !p->uncertain)
		sbuf_add(&b, "dates unknown");
	add_field(out, "Life", sbuf_str(&b), width, san);
	sbuf_reset(&b);
	add_field(out, "Role", p->role, width, san);
	for (l = 0; l < 3; l++) {
		s = join(lists[l], "; ");
		add_field(out, list_labels[l], s, width, san);
		free(s);
	}
	for (i = 0; i < p->nyears; i++)
		dated += p->years[i].count;
	sbuf_printf(&b, "%lld", p->ndocs);
	if (p->ndocs > dated)
		sbuf_printf(&b, " (%lld undated)", p->ndocs - dated);
	add_field(out, "Documents", sbuf_str(&b), width, san);
	sbuf_free(&b);

	if (p->nyears) {
		static const char head[] = "Documents by year";

		add_blank(out);
		dline_add(out, DL_HEADING, head, strlen(head), 0);
		add_years(out, p, mark, width, ascii);
	}
	if (p->nwith) {
		static const char head[] = "Appears most with";
		int namew = width - 8 > 40 ? 40 : width - 8;

		add_blank(out);
		dline_add(out, DL_HEADING, head, strlen(head), 0);
		for (i = 0; i < p->nwith; i++) {
			struct sbuf raw = {0}, line = {0};

			clean = text_sanitize(p->with[i].name ? p->with[i].name : "?",
			                      p->with[i].name ? strlen(p->with[i].name) : 1,
			                      san);
			sbuf_add(&raw, "  ");
			if (namew > 0) {
				ui_fit(&raw, clean, namew, 1, ascii);
				sbuf_printf(&raw, " %5lld", p->with[i].count);
			} else {
				sbuf_add(&raw, clean);
			}
			ui_fit(&line, sbuf_str(&raw), width, 0, ascii);
			sbuf_free(&raw);
			free(clean);
			dline_add(out, DL_PERSON, sbuf_str(&line), line.len, 0)->rel =
				(long)i + 1;
			sbuf_free(&line);
		}
	}
}

void ui_box_edge(const char *title, int w, int top, int ascii,
                 struct sbuf *out)
{
	const char *h = ascii ? "-" : "\xe2\x94\x80";
	int used = 0;

	if (w <= 0)
		return;
	sbuf_add(out, ascii ? "+" : top ? "\xe2\x94\x8c" : "\xe2\x94\x94");
	used = 1;
	if (top && title && *title && w > 6) {
		sbuf_add(out, h);
		sbuf_addc(out, ' ');
		used += 2 + ui_fit(out, title, w - 6, 0, ascii);
		sbuf_addc(out, ' ');
		used++;
	}
	while (used < w - 1) {
		sbuf_add(out, h);
		used++;
	}
	if (w > 1)
		sbuf_add(out, ascii ? "+" : top ? "\xe2\x94\x90" : "\xe2\x94\x98");
}
