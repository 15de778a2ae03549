/* page.c - saved search-result pages of a digital archive.
 *
 * The text of such a page is a header (a "skip" link, a result count,
 * facets), then records, then sometimes a pagination footer. A record is
 * a date line ("September 30, 1950", "September 1950", "undated") followed
 * by paragraphs: normally a title and a summary, separated by blank lines.
 * Lines are read one at a time and grouped into paragraphs (runs of
 * non-blank lines, joined with spaces); a date line closes the record
 * before it. Which paragraph is what:
 *
 *   two or more paragraphs    title, then the summary (further paragraphs
 *                             are appended to it)
 *   one paragraph             a summary when it directly follows the date
 *                             line (the compact layout, with no blank
 *                             lines) or reads like a sentence; else a
 *                             title. A summary-only record gets a title
 *                             derived from its first sentence.
 *   none                      a record with only a date (handed on; the
 *                             sink rejects it as having nothing to show)
 *
 * Before the first date line, only the last two paragraphs are kept: when
 * the last one reads like a sentence, they are a record whose date line
 * was cut off at the top of the page (imported undated); facet lines are
 * not sentences and are dropped. A page header line ("Skip to content",
 * "21 - 30 of 35") after records starts another page, so pages saved one
 * after another into a single file read as they would one by one.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fonds/import.h"
#include "fonds/text.h"
#include "import/import-int.h"

/* One paragraph being collected or kept. */
struct para {
	struct sbuf text;
	long line;       /* its first line */
	int after_blank; /* a blank line came right before it */
	int after_date;  /* it starts on the line right after a date line */
};

struct page {
	struct reader *r;
	struct import_sink *sink;
	const char *name;
	int seen_date;     /* a date line was seen */
	int prelude;       /* before the first record of a page */
	int footer;        /* after "Pagination": drop everything but dates */
	int prev;          /* what the previous line was: PREV_* */
	int content;       /* lines that were neither blank nor noise */
	struct para cur;   /* the paragraph being collected */
	int in_para;
	struct para pre[2]; /* the last two paragraphs before the first date */
	int npre;
	struct record rec; /* the record being collected */
	int in_rec;
	int nparas;        /* its paragraphs so far */
	int compact;       /* its first paragraph followed the date line */
	struct sbuf rest;  /* its second and later paragraphs */
};

enum { PREV_START, PREV_BLANK, PREV_NOISE, PREV_DATE, PREV_TEXT };

static int is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	       c == '\f';
}

/* Narrow s[0..*n) to its part without white space (ASCII and no-break
 * spaces, which saved web pages are full of) at either end. */
static const char *trim(const char *s, size_t *n)
{
	size_t len = *n;

	for (;;) {
		if (len > 0 && is_ws((unsigned char)s[0])) {
			s++;
			len--;
		} else if (len > 1 && (unsigned char)s[0] == 0xC2 &&
		           (unsigned char)s[1] == 0xA0) {
			s += 2;
			len -= 2;
		} else {
			break;
		}
	}
	for (;;) {
		if (len > 0 && is_ws((unsigned char)s[len - 1]))
			len--;
		else if (len > 1 && (unsigned char)s[len - 2] == 0xC2 &&
		         (unsigned char)s[len - 1] == 0xA0)
			len -= 2;
		else
			break;
	}
	*n = len;
	return s;
}

/* 1 when s[0..n) equals word, ASCII case ignored. */
static int is_word(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && strncasecmp(s, word, n) == 0;
}

/* Skip a number ("35", "1,250") at s[*i]; 1 if there was one. */
static int skip_number(const char *s, size_t n, size_t *i)
{
	size_t start = *i;

	while (*i < n && (isdigit((unsigned char)s[*i]) ||
	                  (s[*i] == ',' && *i > start)))
		(*i)++;
	return *i > start;
}

static void skip_spaces(const char *s, size_t n, size_t *i)
{
	while (*i < n && s[*i] == ' ')
		(*i)++;
}

/* Skip a dash (ASCII, en or em dash) at s[*i]; 1 if there was one. */
static int skip_dash(const char *s, size_t n, size_t *i)
{
	if (*i < n && s[*i] == '-') {
		(*i)++;
		return 1;
	}
	if (n - *i >= 3 && (unsigned char)s[*i] == 0xE2 &&
	    (unsigned char)s[*i + 1] == 0x80 &&
	    ((unsigned char)s[*i + 2] == 0x93 ||
	     (unsigned char)s[*i + 2] == 0x94)) {
		*i += 3;
		return 1;
	}
	return 0;
}

/* "21 - 30 of 35": the result count of a page. */
static int is_result_count(const char *s, size_t n)
{
	size_t i = 0;

	if (!skip_number(s, n, &i))
		return 0;
	skip_spaces(s, n, &i);
	if (!skip_dash(s, n, &i))
		return 0;
	skip_spaces(s, n, &i);
	if (!skip_number(s, n, &i))
		return 0;
	skip_spaces(s, n, &i);
	if (i + 2 > n || strncasecmp(s + i, "of", 2) != 0)
		return 0;
	i += 2;
	skip_spaces(s, n, &i);
	if (!skip_number(s, n, &i))
		return 0;
	return i == n;
}

/* A facet line: a life span "1893-1976" or "1912- 1994", or a count
 * "(372) documents". */
static int is_facet(const char *s, size_t n)
{
	size_t i = 0, j;

	if (s[0] == '(') {
		i = 1;
		if (!skip_number(s, n, &i) || i >= n || s[i] != ')')
			return 0;
		i++;
		skip_spaces(s, n, &i);
		return is_word(s + i, n - i, "documents") ||
		       is_word(s + i, n - i, "document") ||
		       is_word(s + i, n - i, "records") ||
		       is_word(s + i, n - i, "results");
	}
	if (!skip_number(s, n, &i) || i != 4)
		return 0;
	skip_spaces(s, n, &i);
	if (!skip_dash(s, n, &i))
		return 0;
	skip_spaces(s, n, &i);
	j = i;
	return skip_number(s, n, &i) && i == n && i - j == 4;
}

/* Page furniture that can appear anywhere: 0 if s is not. Returns 2 for
 * the start of the pagination footer, 1 for a line that only a page
 * header holds (after records, it starts another page). */
static int is_page_noise(const char *s, size_t n)
{
	if (n >= 8 && n < 40 && strncasecmp(s, "skip to ", 8) == 0)
		return 1;
	if (is_word(s, n, "results:") || is_word(s, n, "results") ||
	    is_word(s, n, "search results") || is_word(s, n, "search results:"))
		return 1;
	if (is_result_count(s, n) || is_facet(s, n))
		return 1;
	if (is_word(s, n, "pagination"))
		return 2;
	return 0;
}

/* 1 when s has no letter (ASCII or not): "-", "1893-1976", "(372)". */
static int has_no_letter(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (isalpha(c) || c >= 0xC3)
			return 0;
	}
	return 1;
}

/* Lines of a page header that could also be text: "Documents", letterless
 * lines ("-"), "1234 results". Dropped only before the first record of a
 * page and in the footer. */
static int is_header_noise(const char *s, size_t n)
{
	size_t i = 0;

	if (is_word(s, n, "documents") || is_word(s, n, "document") ||
	    is_word(s, n, "records") || is_word(s, n, "filters") ||
	    is_word(s, n, "refine results") || is_word(s, n, "sort by"))
		return 1;
	if (has_no_letter(s, n))
		return 1;
	if (skip_number(s, n, &i)) {
		skip_spaces(s, n, &i);
		if (is_word(s + i, n - i, "results") || is_word(s + i, n - i, "result") ||
		    is_word(s + i, n - i, "documents"))
			return 1;
	}
	return 0;
}

static const char *const months[] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec",
};

/* 1 when the word s[0..n) starts like a month name ("Sept.", "Febuary"). */
static int is_month_word(const char *s, size_t n)
{
	if (n < 3 || n > 10)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalpha((unsigned char)s[i]) && !(s[i] == '.' && i == n - 1))
			return 0;
	for (size_t m = 0; m < ARRAY_LEN(months); m++)
		if (strncasecmp(s, months[m], 3) == 0)
			return 1;
	return 0;
}

/* 1 when the words say the record has no date. */
static int is_undated_line(const char *s, size_t n)
{
	return is_word(s, n, "undated") || is_word(s, n, "undated.") ||
	       is_word(s, n, "n.d.") || is_word(s, n, "n.d") ||
	       is_word(s, n, "no date") || is_word(s, n, "date unknown");
}

/* Kinds of token in a date line. */
enum { TOK_MONTH, TOK_DAY, TOK_YEAR, TOK_ISO, TOK_OTHER };

/* 1 when the trimmed line s[0..n) is a record's date line: "September 30,
 * 1950", "Sept. 30, 1950", "30 September 1950", "September 1950",
 * "1950-09-30", "1950-09" or "undated". Only the shape is checked here
 * (a misspelt month still makes a date line, whose date is then reported
 * as not understood); bare years and year ranges are facets, not dates. */
static int is_date_line(const char *s, size_t n)
{
	int kinds[5], nt = 0;
	size_t i = 0;

	if (n == 0 || n > 40)
		return 0;
	if (is_undated_line(s, n))
		return 1;
	while (i < n) {
		size_t a, len, digits = 0;

		while (i < n && (s[i] == ' ' || s[i] == ','))
			i++;
		if (i >= n)
			break;
		a = i;
		while (i < n && s[i] != ' ' && s[i] != ',')
			i++;
		len = i - a;
		if (nt == (int)ARRAY_LEN(kinds))
			return 0;
		for (size_t k = a; k < i; k++)
			if (isdigit((unsigned char)s[k]))
				digits++;
		if (digits == len && len <= 2 && atoi(s + a) >= 1 && atoi(s + a) <= 31)
			kinds[nt++] = TOK_DAY;
		else if (digits == len && len == 4)
			kinds[nt++] = TOK_YEAR;
		else if ((len == 10 || len == 7) && digits == len - (len == 10 ? 2 : 1) &&
		         s[a + 4] == '-' && (len == 7 || s[a + 7] == '-'))
			kinds[nt++] = TOK_ISO;
		else if (is_month_word(s + a, len))
			kinds[nt++] = TOK_MONTH;
		else
			kinds[nt++] = TOK_OTHER;
	}
	if (nt == 1)
		return kinds[0] == TOK_ISO;
	if (nt == 2)
		return kinds[0] == TOK_MONTH && kinds[1] == TOK_YEAR;
	if (nt == 3)
		return (kinds[0] == TOK_MONTH && kinds[1] == TOK_DAY &&
		        kinds[2] == TOK_YEAR) ||
		       (kinds[0] == TOK_DAY && kinds[1] == TOK_MONTH &&
		        kinds[2] == TOK_YEAR);
	return 0;
}

/* 1 when the paragraph reads like a sentence rather than a title: it has
 * a few words and ends with a full stop (not one after an initial, as in
 * "Stalin I.V."), a question or an exclamation mark, perhaps inside
 * closing quotes or brackets. */
static int is_sentence(const char *s, size_t n)
{
	size_t words = 1, end = n, w;

	s = trim(s, &n);
	end = n;
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == ' ')
			words++;
	if (words < 5)
		return 0;
	for (;;) {
		if (end > 0 && s[end - 1] != '\0' && strchr("\"')]", s[end - 1]))
			end--;
		else if (end >= 3 && (unsigned char)s[end - 3] == 0xE2 &&
		         (unsigned char)s[end - 2] == 0x80 &&
		         ((unsigned char)s[end - 1] == 0x9D ||
		          (unsigned char)s[end - 1] == 0x99))
			end -= 3;
		else
			break;
	}
	if (end == 0)
		return 0;
	if (s[end - 1] == '!' || s[end - 1] == '?')
		return 1;
	if (s[end - 1] != '.')
		return 0;
	/* the word before the period: an initial or "A.M." is no sentence end */
	w = end - 1;
	while (w > 0 && s[w - 1] != ' ')
		w--;
	if (end - 1 - w < 2 || memchr(s + w, '.', end - 1 - w))
		return 0;
	return 1;
}

static void para_free(struct para *p)
{
	sbuf_free(&p->text);
}

/* Hand the record being collected to the sink. */
static int finish_record(struct page *pg, struct err *e)
{
	struct record *rec = &pg->rec;

	if (!pg->in_rec)
		return 0;
	pg->in_rec = 0;
	if (pg->rest.len > 0)
		record_set(&rec->summary, pg->rest.s, pg->rest.len);
	sbuf_reset(&pg->rest);
	return import_emit(pg->sink, rec, e);
}

/* A paragraph is complete: give it to the record or keep it as one of the
 * last two before the first date. */
static void end_para(struct page *pg)
{
	struct para *p = &pg->cur;

	if (!pg->in_para)
		return;
	pg->in_para = 0;
	if (pg->footer) {
		sbuf_reset(&p->text);
		return;
	}
	if (pg->prelude) {
		struct para tmp = pg->pre[0];

		/* keep the last two: pre[1] is the latest */
		if (pg->npre == 2) {
			pg->pre[0] = pg->pre[1];
			pg->pre[1] = tmp;
		} else {
			pg->npre++;
		}
		{
			struct para *slot = &pg->pre[pg->npre - 1];

			sbuf_reset(&slot->text);
			sbuf_addn(&slot->text, sbuf_str(&p->text), p->text.len);
			slot->line = p->line;
			slot->after_blank = p->after_blank;
			slot->after_date = 0;
		}
		sbuf_reset(&p->text);
		return;
	}
	if (!pg->in_rec) {
		sbuf_reset(&p->text);
		return;
	}
	pg->nparas++;
	if (pg->nparas == 1) {
		/* decided when the record ends; title for now */
		pg->compact = p->after_date;
		record_set(&pg->rec.title, p->text.s, p->text.len);
	} else {
		if (pg->rest.len > 0)
			sbuf_add(&pg->rest, "\n\n");
		sbuf_addn(&pg->rest, sbuf_str(&p->text), p->text.len);
	}
	sbuf_reset(&p->text);
}

/* Decide what a lone first paragraph of the current record is. */
static void settle_record(struct page *pg)
{
	struct record *rec = &pg->rec;

	if (!pg->in_rec || pg->nparas != 1 || !rec->title)
		return;
	if (pg->compact || is_sentence(rec->title, strlen(rec->title))) {
		free(rec->summary);
		rec->summary = rec->title;
		rec->title = NULL;
	}
}

/* The first date line came: the paragraphs before it may be a record
 * whose date line was cut off. */
static int finish_prelude(struct page *pg, struct err *e)
{
	struct para *last, *prev;
	struct record rec = { 0 };

	if (pg->npre == 0)
		return 0;
	last = &pg->pre[pg->npre - 1];
	prev = pg->npre == 2 ? &pg->pre[0] : NULL;
	pg->npre = 0;
	if (!is_sentence(last->text.s, last->text.len))
		return 0;
	record_set(&rec.summary, last->text.s, last->text.len);
	rec.line = last->line;
	if (prev && last->after_blank && !is_sentence(prev->text.s, prev->text.len)) {
		record_set(&rec.title, prev->text.s, prev->text.len);
		rec.line = prev->line;
	}
	return import_emit(pg->sink, &rec, e);
}

static int start_record(struct page *pg, const char *s, size_t n, struct err *e)
{
	char *text;

	settle_record(pg);
	if (finish_record(pg, e) < 0)
		return -1;
	if (pg->prelude && finish_prelude(pg, e) < 0)
		return -1;
	pg->seen_date = 1;
	pg->prelude = 0;
	pg->footer = 0;
	pg->in_rec = 1;
	pg->nparas = 0;
	pg->compact = 0;
	record_clear(&pg->rec);
	pg->rec.line = pg->r->line;
	text = xstrndup(s, n);
	import_set_date(&pg->rec, text, NULL, pg->sink, pg->name, pg->r->line);
	free(text);
	return 0;
}

/* Take one line (without its newline). */
static int page_line(struct page *pg, const char *line, size_t len,
                     struct err *e)
{
	const char *s;
	size_t n = len;
	int noise;

	s = trim(line, &n);
	if (n == 0) {
		end_para(pg);
		pg->prev = PREV_BLANK;
		return 0;
	}
	if (is_date_line(s, n)) {
		end_para(pg);
		if (start_record(pg, s, n, e) < 0)
			return -1;
		pg->prev = PREV_DATE;
		return 0;
	}
	noise = is_page_noise(s, n);
	if (!noise && (pg->prelude || pg->footer) && is_header_noise(s, n))
		noise = 1;
	if (noise) {
		end_para(pg);
		if (noise == 2 && !pg->prelude)
			pg->footer = 1;
		if (noise == 1 && !pg->prelude) {
			/* the header of another page (pages saved one after
			 * another into one file): end the record, and read
			 * what follows as a page's prelude */
			settle_record(pg);
			if (finish_record(pg, e) < 0)
				return -1;
			pg->prelude = 1;
			pg->footer = 0;
			pg->npre = 0;
		}
		pg->prev = PREV_NOISE;
		return 0;
	}
	if (pg->footer) {
		pg->prev = PREV_NOISE;
		return 0;
	}
	pg->content++;
	if (!pg->in_para) {
		pg->in_para = 1;
		pg->cur.line = pg->r->line;
		pg->cur.after_blank = pg->prev == PREV_BLANK || pg->prev == PREV_START;
		pg->cur.after_date = pg->prev == PREV_DATE;
	} else {
		sbuf_addc(&pg->cur.text, ' ');
	}
	sbuf_addn(&pg->cur.text, s, n);
	pg->prev = PREV_TEXT;
	return 0;
}

int import_page(struct reader *r, struct import_sink *sink, struct err *e)
{
	struct page pg;
	struct sbuf line = { 0 };
	int rc = 0, got;
	size_t avail;

	memset(&pg, 0, sizeof pg);
	pg.r = r;
	pg.sink = sink;
	pg.name = r->name;
	pg.prev = PREV_START;
	pg.prelude = 1;
	/* a byte order mark is not text */
	avail = reader_peek(r, 3);
	if (avail >= 3 && memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3) == 0) {
		r->pos += 3;
		r->offset += 3;
	}
	while ((got = reader_line(r, &line, e)) > 0) {
		if (page_line(&pg, line.s, line.len, e) < 0) {
			rc = -1;
			break;
		}
	}
	if (got < 0)
		rc = -1;
	if (rc == 0) {
		end_para(&pg);
		settle_record(&pg);
		rc = finish_record(&pg, e);
		if (rc == 0 && !pg.seen_date && pg.content > 0)
			import_warn(sink,
			            "%s: no date lines found: is this a saved page "
			            "of search results?",
			            pg.name);
	}
	record_clear(&pg.rec);
	para_free(&pg.cur);
	para_free(&pg.pre[0]);
	para_free(&pg.pre[1]);
	sbuf_free(&pg.rest);
	sbuf_free(&line);
	return rc;
}
