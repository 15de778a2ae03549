/* cite.c - citations of documents (see cite.h). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>

#include "fonds/cite.h"
#include "fonds/record.h"
#include "fonds/text.h"

static const char *const style_names[CITE_NSTYLES] = {
	"chicago", "bibtex", "ris", "csl-json"
};

int cite_style_parse(const char *s)
{
	for (int i = 0; i < CITE_NSTYLES; i++)
		if (s && strcmp(s, style_names[i]) == 0)
			return i;
	return -1;
}

static char *dup_n(const char *s, size_t n)
{
	char *t = xstrndup(s, n);

	str_trim(t);
	if (!*t) {
		free(t);
		return NULL;
	}
	return t;
}

/* --- reading the source ---------------------------------------------- */

/* Words after which a full stop does not end the archive's reference:
 * the parts of a Russian (f., op., d., l.) or other signature. */
static int is_abbrev(const char *w, size_t n)
{
	static const char *const ab[] = {
		"f", "op", "d", "l", "ll", "ob", "no", "nos", "vol", "p", "pp", "t",
		"sp", "fol", "k", "r", "doc", "dok", "str", "inv", "sign", "ms", "mss",
		"ds", "cf", "ed", "eds", "st",
	};

	if (n == 1 && isalpha((unsigned char)*w))
		return 1; /* an initial or a letter of a signature */
	for (size_t i = 0; i < ARRAY_LEN(ab); i++)
		if (strlen(ab[i]) == n && strncasecmp(w, ab[i], n) == 0)
			return 1;
	return 0;
}

/* Where the first sentence of s ends (at its full stop), or NULL: a
 * full stop after a word that is not an abbreviation, before a space and
 * a capital letter. */
static const char *first_sentence_end(const char *s)
{
	for (const char *p = s; *p; p++) {
		const char *w;

		if (*p != '.' || p[1] != ' ' || !isupper((unsigned char)p[2]))
			continue;
		for (w = p; w > s && isalnum((unsigned char)w[-1]); w--)
			;
		if (is_abbrev(w, (size_t)(p - w)))
			continue;
		return p;
	}
	return NULL;
}

/* The start of a signature within s ("f. 0100", "fond 558", "Opis"),
 * after the archive's name, or NULL. */
static const char *signature_start(const char *s)
{
	static const char *const marks[] = { " f. ", " F. ", " fond ", " Fond ", " fund ", " Fund " };
	const char *best = NULL;

	for (size_t i = 0; i < ARRAY_LEN(marks); i++) {
		const char *p = strstr(s, marks[i]);

		if (p && (!best || p < best))
			best = p;
	}
	return best;
}

static int has_digit(const char *s)
{
	for (; s && *s; s++)
		if (isdigit((unsigned char)*s))
			return 1;
	return 0;
}

/* Split a source ("AVPRF, f. 0100, op. 34, d. 18. Translated by Gary
 * Goldberg.") into the archive, its signature and the credit after it. */
static void parse_source(struct cite *c, const char *src)
{
	const char *end, *comma, *sig;
	char *first;

	if (!src || !*src)
		return;
	end = first_sentence_end(src);
	first = dup_n(src, end ? (size_t)(end - src) : strlen(src));
	if (end)
		c->credit = dup_n(end + 1, strlen(end + 1));
	if (!first)
		return;
	/* the first sentence's own full stop is punctuation of the citation */
	if (first[strlen(first) - 1] == '.' && !end)
		first[strlen(first) - 1] = '\0';
	comma = strstr(first, ", ");
	sig = signature_start(first);
	if (sig && (!comma || sig < comma)) {
		c->archive = dup_n(first, (size_t)(sig - first));
		c->location = dup_n(sig + 1, strlen(sig + 1));
	} else if (comma && has_digit(comma)) {
		c->archive = dup_n(first, (size_t)(comma - first));
		c->location = dup_n(comma + 2, strlen(comma + 2));
	} else {
		c->archive = xstrdup(first);
	}
	free(first);
}

/* --- reading the title ----------------------------------------------- */

/* Kinds of documents whose titles name their writer and addressee. */
static int is_genre(const char *s, size_t n)
{
	static const char *const g[] = {
		"telegram", "letter", "memorandum", "cable", "note", "report", "message",
		"instruction", "instructions", "directive", "dispatch", "despatch",
		"airgram", "record", "minutes", "notes", "appeal", "order", "reply",
	};
	char *w = xstrndup(s, n);
	int found = 0;

	for (char *p = w; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	for (size_t i = 0; i < ARRAY_LEN(g) && !found; i++)
		found = strstr(w, g[i]) != NULL;
	free(w);
	return found;
}

/* A name in a title, without "the " and cut where the title goes on. */
static char *title_name(const char *s, size_t n)
{
	static const char *const stops[] = {
		", ", "; ", " (", " transmitting", " regarding", " concerning", " on the ",
		" about ", " with ", " to ", " from ",
	};
	char *t;

	for (size_t i = 0; i < ARRAY_LEN(stops); i++) {
		const char *p = s;

		while ((p = strstr(p, stops[i])) && p < s + n) {
			/* a bracket belongs to the name: "Feng Xi [Stalin]" */
			n = (size_t)(p - s);
			break;
		}
	}
	if (n >= 4 && strncasecmp(s, "the ", 4) == 0) {
		s += 4;
		n -= 4;
	}
	if (n == 0 || n > 80)
		return NULL;
	t = dup_n(s, n);
	return t;
}

/* Find " from " (any case) in s before end. */
static const char *find_word(const char *s, const char *w)
{
	size_t n = strlen(w);

	for (const char *p = s; *p; p++)
		if (strncasecmp(p, w, n) == 0)
			return p;
	return NULL;
}

/* "Telegram from A to B", "Letter, A to B": the writer and addressee. */
static void parse_title(struct cite *c, const char *title)
{
	const char *from, *to, *comma;

	if (!title)
		return;
	from = find_word(title, " from ");
	comma = strstr(title, ", ");
	if (from && is_genre(title, (size_t)(from - title))) {
		from += 6;
		to = strstr(from, " to ");
		c->author = title_name(from, to ? (size_t)(to - from) : strlen(from));
		if (to)
			c->recipient = title_name(to + 4, strlen(to + 4));
	} else if (comma && is_genre(title, (size_t)(comma - title)) &&
	           (to = strstr(comma, " to ")) != NULL) {
		c->author = title_name(comma + 2, (size_t)(to - comma - 2));
		c->recipient = title_name(to + 4, strlen(to + 4));
	}
}

/* --- dates as prose ------------------------------------------------- */

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/* One day at precision prec as prose: "July 8, 1950", "July 1950",
 * "1950". */
static void prose_day(char *buf, size_t n, int32_t ymd, enum date_prec prec)
{
	int y = (int)(ymd / 10000), m = (int)(ymd / 100 % 100), d = (int)(ymd % 100);

	if (prec == DATE_YEAR || m < 1 || m > 12)
		snprintf(buf, n, "%d", y);
	else if (prec == DATE_MONTH || d < 1)
		snprintf(buf, n, "%s %d", months[m - 1], y);
	else
		snprintf(buf, n, "%s %d, %d", months[m - 1], d, y);
}

/* A date as a note gives it: a day, month or year as prose, a range as
 * the two joined by an en dash ("1950-1953", "June 1950-December 1951").
 * Returns buf, or NULL for a date it cannot say so (undated, before year
 * 1000). */
static char *prose_date(const struct date *d, char *buf, size_t n)
{
	char a[48], b[48];

	if (d->prec == DATE_UNDATED || d->prec > DATE_DAY || d->first < 10000000)
		return NULL;
	if (!d->range) {
		prose_day(buf, n, d->prec == DATE_DAY ? d->key : d->first, d->prec);
		return buf;
	}
	prose_day(a, sizeof a, d->first, d->prec);
	prose_day(b, sizeof b, d->last, d->prec);
	snprintf(buf, n, "%s\xe2\x80\x93%s", a, b);
	return buf;
}

/* --- a volume's citation (FRUS) -------------------------------------- */

/* Read "VOLUME, ed. A and B (Place: Publisher, Year), Document N, p. P."
 * as the TEI reader writes it. */
static void parse_volume(struct cite *c, const char *s)
{
	const char *ed = strstr(s, ", ed. ");
	const char *open = strstr(s, " (");
	const char *close = open ? strchr(open, ')') : NULL;
	const char *doc, *page, *rest;

	c->in_volume = 1;
	if (ed && (!open || ed < open)) {
		const char *p = ed + 6, *stop = open ? open : s + strlen(s);

		c->volume = dup_n(s, (size_t)(ed - s));
		while (p < stop) {
			const char *and = strstr(p, " and ");
			const char *cm = strstr(p, ", ");
			const char *next = stop;

			if (and && and < next)
				next = and;
			if (cm && cm < next)
				next = cm;
			strlist_take(&c->editors, dup_n(p, (size_t)(next - p)));
			p = next == stop ? stop : next + (next == and ? 5 : 2);
		}
	} else {
		c->volume = dup_n(s, open ? (size_t)(open - s) : strcspn(s, ","));
	}
	if (open && close) {
		const char *in = open + 2;
		const char *colon = memchr(in, ':', (size_t)(close - in));
		const char *last = NULL;

		for (const char *p = in; p < close; p++)
			if (p[0] == ',' && p[1] == ' ')
				last = p;
		if (colon) {
			c->place = dup_n(in, (size_t)(colon - in));
			in = colon + 1;
		}
		if (last && last > in) {
			c->volume_publisher = dup_n(in, (size_t)(last - in));
			c->year = dup_n(last + 2, (size_t)(close - last - 2));
		} else {
			c->volume_publisher = dup_n(in, (size_t)(close - in));
		}
	}
	rest = close ? close : s;
	if ((doc = strstr(rest, ", Document ")))
		c->number = dup_n(doc + 11, strcspn(doc + 11, ",."));
	if ((page = strstr(rest, ", p. ")))
		c->page = dup_n(page + 5, strcspn(page + 5, ",") - (page[5 + strcspn(page + 5, ",") - 1] == '.'));
}

void cite_from_doc(struct cite *c, const struct doc *d)
{
	const char *vol = NULL;

	memset(c, 0, sizeof *c);
	c->id = xstrdup(d->id);
	c->title = d->title && *d->title ? xstrdup(d->title) : xstrdup("Untitled");
	c->when = d->date;
	if (d->date.prec != DATE_UNDATED) {
		char iso[64], prose[112];

		/* the date as the source wrote it ("ca. July 1950"), but as
		 * prose where it wrote only numbers ("1950-07-08") */
		text_format_date(&d->date, iso, sizeof iso);
		if (d->date_text && d->date_text[strspn(d->date_text, "0123456789-./ ")])
			c->date = xstrdup(d->date_text);
		else
			c->date = xstrdup(prose_date(&d->date, prose, sizeof prose) ? prose : iso);
	} else if (d->date_text && *d->date_text) {
		c->date = xstrdup(d->date_text);
	}
	for (size_t i = 0; i < d->texts.n; i++)
		if (strcmp(d->texts.v[i].kind, RECORD_TEXT_CITATION) == 0)
			vol = d->texts.v[i].body;
	parse_title(c, d->title);
	if (vol) {
		parse_volume(c, vol);
	} else {
		parse_source(c, d->source);
	}
	if (d->names[FACET_COLLECTION].n)
		c->collection = xstrdup(d->names[FACET_COLLECTION].v[0]);
	if (c->in_volume && c->collection && c->volume && strcmp(c->collection, c->volume) == 0) {
		free(c->collection);
		c->collection = NULL;
	}
	if (d->url && *d->url)
		c->url = xstrdup(d->url);
	if (!c->in_volume && (!c->url || strstr(c->url, "wilsoncenter.org")))
		c->publisher = xstrdup("Wilson Center Digital Archive");
}

void cite_free(struct cite *c)
{
	char **f[] = { &c->id, &c->title, &c->date, &c->author, &c->recipient, &c->archive,
	               &c->location, &c->credit, &c->collection, &c->publisher, &c->url,
	               &c->volume, &c->place, &c->volume_publisher, &c->year, &c->number,
	               &c->page };

	for (size_t i = 0; i < ARRAY_LEN(f); i++) {
		free(*f[i]);
		*f[i] = NULL;
	}
	strlist_clear(&c->editors);
}

int64_t cite_today(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (e && *e) {
		v = strtoll(e, &end, 10);
		if (!*end && v >= 0)
			return v;
	}
	return (int64_t)time(NULL);
}

/* "December 2, 2026" (local time). */
static void long_day(int64_t t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	snprintf(buf, n, "%s %d, %d", months[tm.tm_mon], tm.tm_mday, tm.tm_year + 1900);
}

/* --- Chicago --------------------------------------------------------- */

/* Add a title in quotation marks, with punct (",", ".") inside them
 * unless the title ends in its own mark. */
static void add_quoted(struct sbuf *b, const char *title, const char *punct)
{
	size_t n = strlen(title);
	char last = n ? title[n - 1] : 0;

	sbuf_printf(b, "\xe2\x80\x9c%s%s\xe2\x80\x9d", title,
	            last == '?' || last == '!' || last == '.' ? "" : punct);
}

static void add_editors(struct sbuf *b, const struct cite *c)
{
	for (size_t i = 0; i < c->editors.n; i++)
		sbuf_printf(b, "%s%s", i == 0 ? "" : i + 1 == c->editors.n ? " and " : ", ",
		            c->editors.v[i]);
}

/* Add a sentence, ending it with a full stop unless it has its own. */
static void add_sentence(struct sbuf *b, const char *s)
{
	size_t n = strlen(s);

	sbuf_add(b, s);
	if (n && s[n - 1] != '.' && s[n - 1] != '?' && s[n - 1] != '!')
		sbuf_addc(b, '.');
}

char *cite_chicago(const struct cite *c, int64_t accessed)
{
	struct sbuf b = {0};
	char day[64];

	long_day(accessed, day, sizeof day);
	if (c->in_volume) {
		add_quoted(&b, c->title, ",");
		if (c->date)
			sbuf_printf(&b, " %s,", c->date);
		if (c->number)
			sbuf_printf(&b, " document %s,", c->number);
		sbuf_printf(&b, " in %s", c->volume ? c->volume : "");
		if (c->editors.n) {
			sbuf_add(&b, ", ed. ");
			add_editors(&b, c);
		}
		if (c->place || c->volume_publisher || c->year)
			sbuf_printf(&b, " (%s%s%s%s%s)", c->place ? c->place : "",
			            c->place && c->volume_publisher ? ": " : "",
			            c->volume_publisher ? c->volume_publisher : "",
			            c->year && (c->place || c->volume_publisher) ? ", " : "",
			            c->year ? c->year : "");
		if (c->page)
			sbuf_printf(&b, ", %s", c->page);
		if (c->url)
			sbuf_printf(&b, ", %s", c->url);
		sbuf_addc(&b, '.');
		return sbuf_take(&b);
	}
	if (c->author)
		sbuf_printf(&b, "%s%s%s, ", c->author, c->recipient ? " to " : "",
		            c->recipient ? c->recipient : "");
	add_quoted(&b, c->title, ",");
	sbuf_printf(&b, " %s", c->date ? c->date : "n.d.");
	if (c->archive)
		sbuf_printf(&b, ", %s", c->archive);
	if (c->location)
		sbuf_printf(&b, ", %s", c->location);
	sbuf_add(&b, ". ");
	if (c->credit) {
		add_sentence(&b, c->credit);
		sbuf_addc(&b, ' ');
	}
	if (c->collection)
		sbuf_printf(&b, "%s%s", c->collection, c->publisher ? ", " : "");
	if (c->publisher)
		sbuf_add(&b, c->publisher);
	/* an access date goes with an address */
	if (c->url)
		sbuf_printf(&b, "%saccessed %s, %s", c->collection || c->publisher ? ", " : "",
		            day, c->url);
	if (b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	else
		sbuf_addc(&b, '.');
	return sbuf_take(&b);
}

char *cite_chicago_bib(const struct cite *c, int64_t accessed)
{
	struct sbuf b = {0};
	char day[64];

	long_day(accessed, day, sizeof day);
	if (c->author)
		sbuf_printf(&b, "%s%s%s. ", c->author, c->recipient ? " to " : "",
		            c->recipient ? c->recipient : "");
	add_quoted(&b, c->title, ".");
	sbuf_printf(&b, " %s.", c->date ? c->date : "n.d.");
	if (c->in_volume) {
		if (c->number)
			sbuf_printf(&b, " Document %s.", c->number);
		sbuf_printf(&b, " In %s", c->volume ? c->volume : "");
		if (c->editors.n) {
			sbuf_add(&b, ", edited by ");
			add_editors(&b, c);
		}
		sbuf_addc(&b, '.');
		if (c->place || c->volume_publisher)
			sbuf_printf(&b, " %s%s%s", c->place ? c->place : "",
			            c->place && c->volume_publisher ? ": " : "",
			            c->volume_publisher ? c->volume_publisher : "");
		if (c->year)
			sbuf_printf(&b, ", %s", c->year);
		sbuf_addc(&b, '.');
	} else {
		if (c->archive || c->location)
			sbuf_printf(&b, " %s%s%s.", c->archive ? c->archive : "",
			            c->archive && c->location ? ", " : "",
			            c->location ? c->location : "");
		if (c->credit) {
			sbuf_addc(&b, ' ');
			add_sentence(&b, c->credit);
		}
		if (c->collection)
			sbuf_printf(&b, " %s.", c->collection);
		if (c->publisher)
			sbuf_printf(&b, " %s.", c->publisher);
		if (c->url)
			sbuf_printf(&b, " Accessed %s.", day);
	}
	if (c->url)
		sbuf_printf(&b, " %s.", c->url);
	return sbuf_take(&b);
}

/* --- dates as numbers ------------------------------------------------ */

/* An ISO/EDTF date of the day ymd at precision prec into buf. */
static void iso_day(int32_t ymd, enum date_prec prec, char *buf, size_t n)
{
	if (prec == DATE_YEAR)
		snprintf(buf, n, "%04d", ymd / 10000);
	else if (prec == DATE_MONTH)
		snprintf(buf, n, "%04d-%02d", ymd / 10000, ymd / 100 % 100);
	else
		snprintf(buf, n, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
}

/* The document's date in EDTF (1950-07-08, 1950-07, 1950, 1950/1953)
 * into buf; "" when undated. */
static void edtf(const struct date *d, char *buf, size_t n)
{
	char a[16], z[16];

	buf[0] = '\0';
	if (d->prec == DATE_UNDATED)
		return;
	iso_day(d->first, d->prec, a, sizeof a);
	if (d->range) {
		/* the end at the start's precision when it is a whole period */
		iso_day(d->last, d->prec == DATE_DAY ? DATE_DAY :
		        d->last % 10000 == 1231 ? DATE_YEAR : DATE_DAY, z, sizeof z);
		if (d->prec != DATE_DAY && d->last % 10000 != 1231)
			iso_day(d->first, DATE_DAY, a, sizeof a);
		snprintf(buf, n, "%s/%s", a, z);
	} else {
		snprintf(buf, n, "%s", a);
	}
}

static void iso_now(int64_t t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	strftime(buf, n, "%Y-%m-%d", &tm);
}

/* The title of a document of a volume with its date (where the volume's
 * year stands otherwise) and its number: "Telegram From the Embassy,
 * January 8, 1955, document 3". Owned by a static buffer. */
static const char *volume_title(const struct cite *c)
{
	static char buf[2048];

	snprintf(buf, sizeof buf, "%s%s%s%s%s", c->title,
	         c->date && !strstr(c->title, c->date) ? ", " : "",
	         c->date && !strstr(c->title, c->date) ? c->date : "",
	         c->number ? ", document " : "", c->number ? c->number : "");
	return buf;
}

/* --- BibTeX ---------------------------------------------------------- */

char *cite_key(const char *id)
{
	struct sbuf b = {0};

	for (const char *p = id; *p; p++)
		sbuf_addc(&b, isalnum((unsigned char)*p) || *p == '-' || *p == '_' ||
		              *p == ':' || *p == '.' || *p == '/' ? *p : '_');
	if (!b.len)
		sbuf_add(&b, "doc");
	return sbuf_take(&b);
}

/* A BibTeX field's value: the characters TeX reads as commands escaped,
 * braces too (so they always balance), controls as spaces. */
static void bib_value(struct sbuf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '{':
			/* BibTeX counts braces whatever precedes them: a
			 * lone one must not be a brace at all */
			sbuf_add(b, "\\textbraceleft{}");
			break;
		case '}':
			sbuf_add(b, "\\textbraceright{}");
			break;
		case '&': case '%': case '$': case '#': case '_':
			sbuf_addc(b, '\\');
			sbuf_addc(b, (char)*p);
			break;
		case '\\':
			sbuf_add(b, "\\textbackslash{}");
			break;
		case '~':
			sbuf_add(b, "\\textasciitilde{}");
			break;
		case '^':
			sbuf_add(b, "\\textasciicircum{}");
			break;
		default:
			sbuf_addc(b, *p < ' ' || *p == 0x7f ? ' ' : (char)*p);
		}
	}
}

static void bib_field(struct sbuf *b, const char *name, const char *v, int literal)
{
	if (!v || !*v)
		return;
	if (strcmp(name, "url") == 0) {
		/* an address is verbatim: only what would break the entry
		 * (braces, spaces, controls) is percent-encoded */
		sbuf_add(b, "  url = {");
		for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
			if (*p <= ' ' || *p == '{' || *p == '}' || *p == '\\' || *p == 0x7f)
				sbuf_printf(b, "%%%02X", *p);
			else
				sbuf_addc(b, (char)*p);
		}
		sbuf_add(b, "},\n");
		return;
	}
	sbuf_printf(b, "  %s = {%s", name, literal ? "{" : "");
	bib_value(b, v);
	sbuf_printf(b, "%s},\n", literal ? "}" : "");
}

char *cite_bibtex(const struct cite *c, int64_t accessed)
{
	struct sbuf b = {0}, t = {0};
	char *key = cite_key(c->id);
	char date[48], now[16];

	edtf(&c->when, date, sizeof date);
	iso_now(accessed, now, sizeof now);
	sbuf_printf(&b, "@%s{%s,\n", c->in_volume ? "incollection" : "unpublished", key);
	free(key);
	bib_field(&b, "title", c->in_volume ? volume_title(c) : c->title, 0);
	/* a name as the title gives it ("Feng Xi [Stalin]", "Embassy in
	 * Korea") is one literal name, not first and last */
	bib_field(&b, "author", c->author, 1);
	if (c->in_volume) {
		bib_field(&b, "booktitle", c->volume, 0);
		for (size_t i = 0; i < c->editors.n; i++)
			sbuf_printf(&t, "%s%s", i ? " and " : "", c->editors.v[i]);
		bib_field(&b, "editor", sbuf_str(&t), 0);
		bib_field(&b, "publisher", c->volume_publisher, 0);
		bib_field(&b, "location", c->place, 0);
		bib_field(&b, "pages", c->page, 0);
		bib_field(&b, "date", c->year, 0);
	} else {
		bib_field(&b, "date", date, 0);
		if (c->recipient) {
			sbuf_reset(&t);
			sbuf_printf(&t, "To %s", c->recipient);
			bib_field(&b, "titleaddon", sbuf_str(&t), 0);
		}
		/* biblatex has no field for an archive: the archive, the
		 * signature, the credit, the collection and the publisher are
		 * how the manuscript is to be had (Chicago styles print it) */
		sbuf_reset(&t);
		if (c->archive || c->location)
			sbuf_printf(&t, "%s%s%s", c->archive ? c->archive : "",
			            c->archive && c->location ? ", " : "",
			            c->location ? c->location : "");
		if (c->credit) {
			if (t.len)
				sbuf_add(&t, ". ");
			sbuf_add(&t, c->credit);
			if (t.s[t.len - 1] == '.')
				t.s[--t.len] = '\0';
		}
		if (c->collection)
			sbuf_printf(&t, "%s%s", t.len ? ". " : "", c->collection);
		if (c->publisher)
			sbuf_printf(&t, "%s%s", t.len ? ", " : "", c->publisher);
		bib_field(&b, "howpublished", sbuf_str(&t), 0);
	}
	bib_field(&b, "url", c->url, 0);
	if (c->url)
		bib_field(&b, "urldate", now, 0);
	sbuf_add(&b, "}\n");
	sbuf_free(&t);
	return sbuf_take(&b);
}

/* --- RIS ------------------------------------------------------------- */

/* One RIS line: its value on one line (line breaks and controls become
 * spaces). */
static void ris_line(struct sbuf *b, const char *tag, const char *v)
{
	if (!v || !*v)
		return;
	sbuf_printf(b, "%s  - ", tag);
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		sbuf_addc(b, *p < ' ' || *p == 0x7f ? ' ' : (char)*p);
	sbuf_add(b, "\r\n");
}

char *cite_ris(const struct cite *c, int64_t accessed)
{
	struct sbuf b = {0}, t = {0};
	char now[16];

	iso_now(accessed, now, sizeof now);
	/* UNPB: Zotero reads it as a manuscript, bibutils as unpublished
	 * (it does not know MANSCPT) */
	ris_line(&b, "TY", c->in_volume ? "CHAP" : "UNPB");
	ris_line(&b, "ID", c->id);
	ris_line(&b, "TI", c->title);
	ris_line(&b, "AU", c->author);
	if (c->when.prec != DATE_UNDATED) {
		int32_t k = c->when.first;

		sbuf_printf(&t, "%04d/", k / 10000);
		if (c->when.prec >= DATE_MONTH)
			sbuf_printf(&t, "%02d", k / 100 % 100);
		sbuf_addc(&t, '/');
		if (c->when.prec == DATE_DAY)
			sbuf_printf(&t, "%02d", k % 100);
		sbuf_addc(&t, '/');
		ris_line(&b, "DA", sbuf_str(&t));
		sbuf_reset(&t);
	}
	if (c->in_volume) {
		ris_line(&b, "BT", c->volume);
		for (size_t i = 0; i < c->editors.n; i++)
			ris_line(&b, "A2", c->editors.v[i]);
		ris_line(&b, "PB", c->volume_publisher);
		ris_line(&b, "CY", c->place);
		ris_line(&b, "PY", c->year);
		ris_line(&b, "SP", c->page);
		ris_line(&b, "M1", c->number);
	} else {
		char y[8];

		if (c->when.prec != DATE_UNDATED) {
			snprintf(y, sizeof y, "%04d", c->when.first / 10000);
			ris_line(&b, "PY", y);
		}
		ris_line(&b, "A3", c->recipient);
		ris_line(&b, "DP", c->archive);      /* Zotero's archive */
		ris_line(&b, "AN", c->location);     /* and its place in it */
		ris_line(&b, "T2", c->collection);
		ris_line(&b, "PB", c->publisher);
		ris_line(&b, "N1", c->credit);
	}
	ris_line(&b, "UR", c->url);
	if (c->url)
		ris_line(&b, "Y2", now);
	sbuf_add(&b, "ER  - \r\n");
	sbuf_free(&t);
	return sbuf_take(&b);
}

/* --- CSL-JSON -------------------------------------------------------- */

/* A JSON string of s (NULL stays absent): repaired UTF-8. */
static json_t *jstr(const char *s)
{
	char *r = text_repair(s, strlen(s));
	json_t *v = json_string(r);

	free(r);
	return v;
}

static void jset(json_t *o, const char *k, const char *v)
{
	if (v && *v)
		json_object_set_new(o, k, jstr(v));
}

static json_t *date_parts(int32_t ymd, enum date_prec prec)
{
	json_t *p = json_array();

	json_array_append_new(p, json_integer(ymd / 10000));
	if (prec >= DATE_MONTH)
		json_array_append_new(p, json_integer(ymd / 100 % 100));
	if (prec == DATE_DAY)
		json_array_append_new(p, json_integer(ymd % 100));
	return p;
}

/* {"family": "Smith", "given": "Louis J."} of "Louis J. Smith". */
static json_t *person_name(const char *name)
{
	const char *sp = strrchr(name, ' ');

	if (!sp)
		return json_pack("{s:o}", "literal", jstr(name));
	{
		char *given = xstrndup(name, (size_t)(sp - name));
		json_t *o = json_pack("{s:o, s:o}", "family", jstr(sp + 1), "given", jstr(given));

		free(given);
		return o;
	}
}

void *cite_csl_json(const struct cite *c, int64_t accessed)
{
	json_t *o = json_object();
	time_t tt = (time_t)accessed;
	struct tm tm;

	localtime_r(&tt, &tm);
	jset(o, "id", c->id);
	json_object_set_new(o, "type", json_string(c->in_volume ? "chapter" : "manuscript"));
	jset(o, "title", c->in_volume ? volume_title(c) : c->title);
	if (c->author)
		json_object_set_new(o, "author", json_pack("[{s:o}]", "literal", jstr(c->author)));
	if (c->in_volume) {
		jset(o, "container-title", c->volume);
		if (c->editors.n) {
			json_t *ed = json_array();

			for (size_t i = 0; i < c->editors.n; i++)
				json_array_append_new(ed, person_name(c->editors.v[i]));
			json_object_set_new(o, "editor", ed);
		}
		jset(o, "publisher", c->volume_publisher);
		jset(o, "publisher-place", c->place);
		jset(o, "page", c->page);
		if (c->year && atoi(c->year) > 0)
			json_object_set_new(o, "issued", json_pack("{s:[[i]]}", "date-parts",
			                                           atoi(c->year)));
	} else {
		if (c->recipient)
			json_object_set_new(o, "recipient",
			                    json_pack("[{s:o}]", "literal", jstr(c->recipient)));
		if (c->when.prec != DATE_UNDATED) {
			json_t *parts = json_array();

			json_array_append_new(parts, date_parts(c->when.first, c->when.prec));
			if (c->when.range)
				json_array_append_new(parts, date_parts(c->when.last, c->when.prec));
			json_object_set_new(o, "issued", json_pack("{s:o}", "date-parts", parts));
		}
		jset(o, "archive", c->archive);
		jset(o, "archive_location", c->location);
		jset(o, "note", c->credit);
		jset(o, "collection-title", c->collection);
		jset(o, "publisher", c->publisher);
	}
	jset(o, "URL", c->url);
	if (c->url)
		json_object_set_new(o, "accessed", json_pack("{s:[[i,i,i]]}", "date-parts",
		                    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday));
	return o;
}
