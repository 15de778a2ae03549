/* tei.c - Foreign Relations of the United States volumes in TEI XML.
 *
 * One file is one volume (HistoryAtState/frus, volumes/). It is read with
 * libxml2's streaming reader, one node at a time, so memory holds one
 * document of the volume, never the volume: a 50 MB volume reads in the
 * memory of its largest document. What is read:
 *
 * - the header: the volume's id, complete title (the collection), its
 *   editors, publisher, place and year (kept in each document's citation);
 * - the front matter's list of persons (xml:id="p_...") and list of
 *   terms (xml:id="t_..."): a persName corresp="#p_..." in a document
 *   links it to that person (by the name the list gives, turned from
 *   "Rhee, Syngman" to "Syngman Rhee", so the name authority knows it);
 *   a gloss target="#t_..." makes the term a subject of the document;
 * - each div type="document": its id (volume/xml:id), number, title (its
 *   head without notes or the number), type (an editorial note is one),
 *   date (frus:doc-dateTime-min/max, else the dateline's date), the
 *   dateline's place, the source note (type="source"), numbered footnotes
 *   (their marks kept in the text as [n]), page breaks (a line "[Page n]"),
 *   references to other documents (cites, with the sentence they stand
 *   in), paragraphs, lists, tables and attachments as text.
 *
 * Hostile input is refused, not expanded: no network (XML_PARSE_NONET),
 * no DTD loaded, no entity substituted; a DOCTYPE or an entity reference
 * is an error, and so is nesting deeper than TEI_MAX_DEPTH. Errors name
 * the line and column; the caller then keeps nothing of the file.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>

#include "fonds/import.h"
#include "fonds/record.h"
#include "fonds/text.h"
#include "fonds/util.h"
#include "import-int.h"

/* Deeper nesting than this is refused (FRUS volumes nest about 15 deep). */
#define TEI_MAX_DEPTH 200

/* A reference's sentence is cut to about this many bytes. */
#define TEI_REASON_MAX 300

#define FRUS_NS "http://history.state.gov/frus/ns/1.0"

/* What an open element is to the reader. */
enum tei_role {
	R_OTHER,
	R_HEADER,     /* teiHeader */
	R_VOLTITLE,   /* title type="complete" in the header */
	R_EDITOR,
	R_PUBLISHER,
	R_PUBPLACE,
	R_PUBDATE,    /* date type="publication-date" */
	R_NAMES,      /* list type="names" */
	R_TERMS,      /* list type="terms" */
	R_ITEM,       /* an item of one of them */
	R_ENTRY,      /* the persName or term an item defines */
	R_DOC,        /* div type="document" */
	R_TITLE,      /* the head of a document */
	R_NOTE,       /* a footnote */
	R_SOURCE,     /* the source note */
	R_DATELINE,
	R_PLACE,      /* placeName in a dateline */
	R_DATE,       /* date in a dateline */
	R_REF,        /* a reference to another document */
	R_BLOCK,      /* a paragraph-like element */
	R_LINE,       /* an element on a line of its own */
	R_CELL
};

/* One open element. */
struct tei_elem {
	enum tei_role role;
	struct import_text *out; /* where its text goes (NULL: nowhere) */
	struct import_text cap;  /* its own capture, for roles that keep their text */
	int capturing;           /* cap receives the text of the element */
	char *attr;              /* an attribute it keeps (n, xml:id, when, a target) */
	size_t ref;              /* R_REF: index in the document's refs;
	                          * R_ITEM: where the gloss begins in cap */
};

/* A reference to another document, waiting for its sentence. */
struct tei_ref {
	char *target;             /* the cited id, volume/dN */
	struct import_text *in;   /* the text it stands in */
	size_t start, end;        /* where it stands in it */
	char *why;                /* the sentence, once known */
};

/* An entry of the persons or terms list. */
struct tei_entry {
	char *id;   /* without the list's "#" */
	char *name; /* the person's name, or the term */
	char *gloss; /* what the list says of it */
};

struct tei {
	struct reader *r;
	xmlTextReaderPtr xr;
	struct import_sink *sink;
	struct err *e;
	char errmsg[512];    /* the parser's first error */
	long errline, errcol;
	int binary;          /* a NUL byte was read */
	long long binary_at;

	char *vol;           /* the volume's id */
	struct import_text voltitle, publisher, pubplace, pubdate;
	struct strlist editors;
	struct tei_entry *people, *terms;
	size_t npeople, nterms, cpeople, cterms;
	char *page;          /* the last page break's number */

	struct tei_elem stack[TEI_MAX_DEPTH + 2];
	int depth;

	/* the document being read */
	int in_doc;
	struct record rec;
	struct import_text body, title;
	char *docid, *docnum, *subtype, *datemin, *datemax, *docpage;
	struct import_text place, datetext;
	char *when;
	struct tei_ref *refs;
	size_t nrefs, crefs;
};

/* ---- input ---------------------------------------------------------- */

/* libxml2 reads the input through this: from the reader's buffer. */
static int tei_read(void *ctx, char *buf, int len)
{
	struct tei *t = ctx;
	struct reader *r = t->r;
	size_t n = reader_peek(r, 1), nl = 0;

	if (n == 0)
		return r->err ? -1 : 0;
	if (n > (size_t)len)
		n = (size_t)len;
	memcpy(buf, r->buf + r->pos, n);
	if (memchr(buf, '\0', n)) {
		t->binary = 1;
		t->binary_at = r->offset + ((char *)memchr(buf, '\0', n) - buf);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		nl += buf[i] == '\n';
	r->pos += n;
	r->offset += (long long)n;
	r->nl += (long)nl;
	return (int)n;
}

#if LIBXML_VERSION >= 21200
static void tei_error(void *ctx, const xmlError *err)
#else
static void tei_error(void *ctx, xmlErrorPtr err)
#endif
{
	struct tei *t = ctx;
	size_t n;

	if (!err || err->level < XML_ERR_ERROR || t->errmsg[0])
		return;
	snprintf(t->errmsg, sizeof t->errmsg, "%s", err->message ? err->message : "not well-formed");
	n = strlen(t->errmsg);
	while (n && (t->errmsg[n - 1] == '\n' || t->errmsg[n - 1] == ' '))
		t->errmsg[--n] = '\0';
	t->errline = err->line;
	t->errcol = err->int2;
}

/* Fail at the reader's position with a message. */
static int tei_fail(struct tei *t, const char *what)
{
	return err_set(t->e, "%s:%d: column %d: %s", t->r->name,
	               xmlTextReaderGetParserLineNumber(t->xr),
	               xmlTextReaderGetParserColumnNumber(t->xr), what);
}

/* ---- small helpers -------------------------------------------------- */

static char *attr(struct tei *t, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(t->xr, (const xmlChar *)name);
	char *s = v ? xstrdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

static char *attr_ns(struct tei *t, const char *name, const char *ns)
{
	xmlChar *v = xmlTextReaderGetAttributeNs(t->xr, (const xmlChar *)name,
	                                         (const xmlChar *)ns);
	char *s = v ? xstrdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

/* 1 when attribute name of the current element is value. */
static int attr_is(struct tei *t, const char *name, const char *value)
{
	char *v = attr(t, name);
	int is = v && strcmp(v, value) == 0;

	free(v);
	return is;
}

static const char *text_of(const struct import_text *x)
{
	return x->b.s ? x->b.s : "";
}

static void text_free(struct import_text *x)
{
	sbuf_free(&x->b);
	memset(x, 0, sizeof *x);
}

/* "Rhee, Syngman" -> "Syngman Rhee"; "Burke, Admiral Arleigh A." ->
 * "Admiral Arleigh A. Burke"; "Chang, Myon, (John M. Chang)" -> "Myon
 * Chang"; a name without a comma stays as it is. Caller frees. */
static char *person_name(const char *s)
{
	const char *comma = strchr(s, ',');
	struct sbuf b = {0};
	size_t n;

	if (!comma)
		return xstrdup(s);
	comma++;
	while (*comma == ' ')
		comma++;
	n = strcspn(comma, ",(");
	while (n && comma[n - 1] == ' ')
		n--;
	if (n == 0)
		return xstrndup(s, (size_t)(strchr(s, ',') - s));
	sbuf_printf(&b, "%.*s %.*s", (int)n, comma, (int)(strchr(s, ',') - s), s);
	return sbuf_take(&b);
}

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tei_entry *)a)->id, ((const struct tei_entry *)b)->id);
}

/* The entry of the list for a reference "#id" (lists are sorted when
 * they end). */
static const struct tei_entry *entry_find(const struct tei_entry *v, size_t n, const char *ref)
{
	struct tei_entry key;

	if (!ref || !n)
		return NULL;
	key.id = (char *)(ref[0] == '#' ? ref + 1 : ref);
	return bsearch(&key, v, n, sizeof *v, entry_cmp);
}

static void entry_add(struct tei_entry **v, size_t *n, size_t *cap, const char *id,
                      char *name, char *gloss)
{
	array_reserve((void **)v, cap, *n + 1, sizeof **v, 64);
	(*v)[*n].id = xstrdup(id);
	(*v)[*n].name = name;
	(*v)[*n].gloss = gloss;
	(*n)++;
}

/* The document a reference names, as "volume/dN", or NULL (a page, a
 * chapter, a whole volume). "#d7", "#d7fn2" (a note of d7),
 * "frus1964-68v29p1#d200". Caller frees. */
static char *ref_target(const struct tei *t, const char *target)
{
	const char *hash = strchr(target, '#'), *id;
	size_t vl, n;
	struct sbuf b = {0};

	if (!hash)
		return NULL;
	id = hash + 1;
	if (id[0] != 'd' || id[1] < '0' || id[1] > '9')
		return NULL;
	n = 1 + strspn(id + 1, "0123456789");
	vl = (size_t)(hash - target);
	if (vl == 0 && !t->vol)
		return NULL;
	sbuf_printf(&b, "%.*s/%.*s", (int)(vl ? vl : strlen(t->vol)), vl ? target : t->vol,
	            (int)n, id);
	return sbuf_take(&b);
}

/* The sentence of text s around bytes [start, end), cut to about
 * TEI_REASON_MAX bytes at a space. Caller frees. */
static char *sentence_at(const char *s, size_t len, size_t start, size_t end)
{
	size_t a = start, z = end;
	struct sbuf b = {0};

	if (start > len)
		start = a = len;
	if (z > len)
		z = len;
	while (a > 0 && !(a >= 2 && (s[a - 2] == '.' || s[a - 2] == ';' || s[a - 2] == '\n') &&
	                  (s[a - 1] == ' ' || s[a - 1] == '\n')) && s[a - 1] != '\n')
		a--;
	while (z < len && s[z] != '\n' && !(s[z] == '.' && (z + 1 == len || s[z + 1] == ' ' ||
	                                                   s[z + 1] == '\n')))
		z++;
	if (z < len && s[z] == '.')
		z++;
	if (z - a > TEI_REASON_MAX) {
		/* keep the reference and what is near it */
		size_t from = start > a + TEI_REASON_MAX / 2 ? start - TEI_REASON_MAX / 2 : a;
		size_t to = from + TEI_REASON_MAX < z ? from + TEI_REASON_MAX : z;

		while (from > a && s[from - 1] != ' ')
			from--;
		while (to < z && s[to] != ' ')
			to++;
		sbuf_printf(&b, "%s%.*s%s", from > a ? "\xE2\x80\xA6" : "", (int)(to - from),
		            s + from, to < z ? "\xE2\x80\xA6" : "");
	} else
		sbuf_printf(&b, "%.*s", (int)(z - a), s + a);
	return sbuf_take(&b);
}

/* Give the references standing in x their sentences. */
static void refs_resolve(struct tei *t, struct import_text *x)
{
	for (size_t i = 0; i < t->nrefs; i++) {
		struct tei_ref *f = &t->refs[i];

		if (f->in != x || f->why)
			continue;
		f->why = sentence_at(text_of(x), x->b.len, f->start, f->end);
		f->in = NULL;
	}
}

/* ---- documents ------------------------------------------------------ */

static void doc_reset(struct tei *t)
{
	record_clear(&t->rec);
	text_free(&t->body);
	text_free(&t->title);
	text_free(&t->place);
	text_free(&t->datetext);
	free(t->docid);
	free(t->docnum);
	free(t->subtype);
	free(t->datemin);
	free(t->datemax);
	free(t->docpage);
	free(t->when);
	t->docid = t->docnum = t->subtype = t->datemin = t->datemax = t->docpage = t->when = NULL;
	for (size_t i = 0; i < t->nrefs; i++) {
		free(t->refs[i].target);
		free(t->refs[i].why);
	}
	t->nrefs = 0;
	t->in_doc = 0;
}

/* The date part (yyyy-mm-dd) of an xs:dateTime, in buf. */
static const char *day_of(const char *dt, char *buf, size_t n)
{
	snprintf(buf, n, "%.10s", dt ? dt : "");
	return buf;
}

/* The date of the document as a string the date parser reads, at the
 * precision min and max give: a day, a month, a year, or a range. */
static void doc_date(struct tei *t, char *out, size_t n)
{
	char a[16], z[16];
	struct date da, dz;

	out[0] = '\0';
	if (!t->datemin && !t->datemax) {
		if (t->when)
			day_of(t->when, out, n);
		return;
	}
	day_of(t->datemin ? t->datemin : t->datemax, a, sizeof a);
	day_of(t->datemax ? t->datemax : t->datemin, z, sizeof z);
	if (text_parse_date(a, &da) < 0 || text_parse_date(z, &dz) < 0 ||
	    da.prec != DATE_DAY || dz.prec != DATE_DAY) {
		snprintf(out, n, "%s", a);
		return;
	}
	if (strcmp(a, z) == 0)
		snprintf(out, n, "%s", a);
	else if (da.key / 100 == dz.key / 100 && da.key % 100 == 1 &&
	         text_day_from_number(text_day_number(dz.key) + 1) % 100 == 1)
		snprintf(out, n, "%.7s", a);   /* a whole month */
	else if (da.key / 10000 == dz.key / 10000 && da.key % 10000 == 101 && dz.key % 10000 == 1231)
		snprintf(out, n, "%.4s", a);   /* a whole year */
	else
		snprintf(out, n, "%s..%s", a, z);
}

/* A document's type: an editorial note, or the first words of its
 * title ("Telegram", "Memorandum of a Conversation", "Letter"). */
static char *doc_type(const struct tei *t, const char *title)
{
	static const char *const stops[] = { " From ", " from ", " Between ", " by ", " By ",
	                                     " to ", " To ", " for ", " For ", " on ", ",",
	                                     " Prepared ", " of the ", " Of the " };
	size_t n;

	if (t->subtype && strcmp(t->subtype, "editorial-note") == 0)
		return xstrdup("Editorial Note");
	if (!title || !*title)
		return NULL;
	n = strlen(title);
	for (size_t i = 0; i < ARRAY_LEN(stops); i++) {
		const char *p = strstr(title, stops[i]);

		if (p && (size_t)(p - title) < n)
			n = (size_t)(p - title);
	}
	if (n == 0 || n > 60)
		return NULL;
	return xstrndup(title, n);
}

/* The citation of a document: the volume, its editors, its publisher
 * and year, the document's number and first page. Caller frees. */
static char *doc_citation(const struct tei *t)
{
	struct sbuf b = {0};

	sbuf_add(&b, t->voltitle.b.len ? text_of(&t->voltitle) : t->vol);
	if (t->editors.n) {
		sbuf_add(&b, ", ed. ");
		for (size_t i = 0; i < t->editors.n; i++)
			sbuf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == t->editors.n ? " and " : ", ",
			            t->editors.v[i]);
	}
	if (t->pubplace.b.len || t->publisher.b.len || t->pubdate.b.len) {
		sbuf_add(&b, " (");
		if (t->pubplace.b.len)
			sbuf_printf(&b, "%s%s", text_of(&t->pubplace), t->publisher.b.len ? ": " : "");
		sbuf_add(&b, text_of(&t->publisher));
		if (t->pubdate.b.len)
			sbuf_printf(&b, "%s%s", t->pubplace.b.len || t->publisher.b.len ? ", " : "",
			            text_of(&t->pubdate));
		sbuf_addc(&b, ')');
	}
	if (t->docnum)
		sbuf_printf(&b, ", Document %s", t->docnum);
	if (t->docpage)
		sbuf_printf(&b, ", p. %s", t->docpage);
	sbuf_addc(&b, '.');
	return sbuf_take(&b);
}

static void doc_begin(struct tei *t)
{
	char *id = attr_ns(t, "id", (const char *)XML_XML_NAMESPACE);

	doc_reset(t);
	t->in_doc = 1;
	t->docid = id ? id : xstrdup("d?");
	t->docnum = attr(t, "n");
	t->subtype = attr(t, "subtype");
	t->datemin = attr_ns(t, "doc-dateTime-min", FRUS_NS);
	t->datemax = attr_ns(t, "doc-dateTime-max", FRUS_NS);
	t->docpage = t->page ? xstrdup(t->page) : NULL;
	t->rec.line = xmlTextReaderGetParserLineNumber(t->xr);
}

/* The title: the head's text without the number it starts with. */
static void doc_title(struct tei *t)
{
	const char *s = text_of(&t->title);
	size_t n = t->docnum ? strlen(t->docnum) : 0;

	if (n && strncmp(s, t->docnum, n) == 0 && s[n] == '.' && s[n + 1] == ' ')
		s += n + 2;
	else {
		size_t d = strspn(s, "0123456789");

		if (d && s[d] == '.' && s[d + 1] == ' ')
			s += d + 2;
	}
	record_set(&t->rec.title, s, strlen(s));
}

static int doc_end(struct tei *t)
{
	struct record *r = &t->rec;
	char date[64], *cite;
	struct sbuf id = {0};
	int rc;

	sbuf_printf(&id, "%s/%s", t->vol, t->docid);
	record_set(&r->id, id.s, id.len);
	sbuf_reset(&id);
	sbuf_printf(&id, "https://history.state.gov/historicaldocuments/%s/%s", t->vol, t->docid);
	record_set(&r->url, id.s, id.len);
	sbuf_free(&id);
	doc_title(t);
	r->type = doc_type(t, r->title);
	record_set(&r->body, text_of(&t->body), t->body.b.len);
	doc_date(t, date, sizeof date);
	{
		const char *dt = t->datetext.b.len ? text_of(&t->datetext) : NULL;
		struct date a, b;

		/* the dateline's date as printed, unless it names another day
		 * (or it is all there is: then it is parsed, or warned about) */
		if (dt && date[0] && text_parse_date(dt, &a) == 0 && text_parse_date(date, &b) == 0 &&
		    a.key != b.key)
			dt = NULL;
		if (date[0] || dt)
			import_set_date(r, dt, date[0] ? date : NULL, t->sink, t->r->name, r->line);
	}
	if (t->place.b.len)
		record_add_name(&r->places, text_of(&t->place));
	if (t->voltitle.b.len)
		record_add_name(&r->collections, text_of(&t->voltitle));
	else
		record_add_name(&r->collections, t->vol);
	record_set(&r->language, "English", 7);
	refs_resolve(t, &t->body);
	refs_resolve(t, &t->title);
	for (size_t i = 0; i < t->nrefs; i++) {
		char self[512];

		snprintf(self, sizeof self, "%s/%s", t->vol, t->docid);
		if (strcmp(t->refs[i].target, self) != 0)
			record_add_cite(r, t->refs[i].target, t->refs[i].why);
	}
	cite = doc_citation(t);
	record_add_text(r, RECORD_TEXT_CITATION, NULL, NULL, cite);
	free(cite);
	r->flags |= RECORD_PLAIN;
	rc = import_emit(t->sink, r, t->e);
	doc_reset(t);
	return rc;
}

/* ---- elements ------------------------------------------------------- */

static int is_one_of(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, list[i]) == 0)
			return 1;
	return 0;
}

static const char *const blocks[] = {
	"p", "head", "list", "table", "opener", "closer", "signed", "salute",
	"postscript", "div", "quote", "byline", "docDate", "trailer", "frus:attachment",
	"listBibl", "bibl", "figure"
};
static const char *const lines[] = { "item", "row", "label" };

/* An element begins; e is its new stack entry, out inherited. */
static int elem_start(struct tei *t, struct tei_elem *e, const char *name)
{
	struct tei_elem *parent = e - 1;

	if (strcmp(name, "TEI") == 0) {
		if (!t->vol)
			t->vol = attr_ns(t, "id", (const char *)XML_XML_NAMESPACE);
		return 0;
	}
	if (strcmp(name, "teiHeader") == 0) {
		e->role = R_HEADER;
		e->out = NULL;
		return 0;
	}
	if (parent->role == R_HEADER) {
		/* the header's fields; the rest of it is not text to read */
		if (strcmp(name, "title") == 0 && attr_is(t, "type", "complete") && !t->voltitle.b.len)
			e->role = R_VOLTITLE;
		else if (strcmp(name, "editor") == 0)
			e->role = R_EDITOR;
		else if (strcmp(name, "publisher") == 0 && !t->publisher.b.len)
			e->role = R_PUBLISHER;
		else if (strcmp(name, "pubPlace") == 0 && !t->pubplace.b.len)
			e->role = R_PUBPLACE;
		else if (strcmp(name, "date") == 0 && attr_is(t, "type", "publication-date") &&
		         !t->pubdate.b.len)
			e->role = R_PUBDATE;
		else
			e->role = R_HEADER;
		e->capturing = e->role != R_HEADER;
		return 0;
	}
	if (strcmp(name, "pb") == 0) {
		char *n = attr(t, "n");

		if (n) {
			free(t->page);
			t->page = n;
			if (t->in_doc && !t->body.b.len) {
				/* the document begins on this page */
				free(t->docpage);
				t->docpage = xstrdup(n);
			} else if (t->in_doc && e->out == &t->body) {
				import_text_break(&t->body, 2);
				import_text_add(&t->body, "[Page ");
				import_text_add(&t->body, n);
				import_text_add(&t->body, "]");
				import_text_break(&t->body, 2);
			}
		}
		return 0;
	}
	if (strcmp(name, "list") == 0 && !t->in_doc) {
		if (attr_is(t, "type", "names"))
			e->role = R_NAMES;
		else if (attr_is(t, "type", "terms"))
			e->role = R_TERMS;
		return 0;
	}
	if (strcmp(name, "item") == 0 && (parent->role == R_NAMES || parent->role == R_TERMS)) {
		e->role = R_ITEM;
		e->capturing = 1;
		return 0;
	}
	if ((strcmp(name, "persName") == 0 || strcmp(name, "term") == 0) && !t->in_doc) {
		for (struct tei_elem *a = parent; a > t->stack; a--)
			if (a->role == R_ITEM) {
				e->attr = attr_ns(t, "id", (const char *)XML_XML_NAMESPACE);
				if (e->attr) {
					e->role = R_ENTRY;
					e->capturing = 1;
				}
				break;
			}
		return 0;
	}
	if (strcmp(name, "div") == 0 && attr_is(t, "type", "document") && !t->in_doc) {
		if (!t->vol)
			t->vol = xstrdup("tei");
		doc_begin(t);
		e->role = R_DOC;
		e->out = &t->body;
		return 0;
	}
	if (!t->in_doc)
		return 0;

	/* inside a document */
	if (strcmp(name, "head") == 0 && parent->role == R_DOC && !t->title.b.len) {
		e->role = R_TITLE;
		e->out = &t->title;
		return 0;
	}
	if (strcmp(name, "note") == 0) {
		if (attr_is(t, "type", "source") && !t->rec.source) {
			e->role = R_SOURCE;
		} else {
			e->role = R_NOTE;
			e->attr = attr(t, "n");
			if (e->out == &t->body && e->attr) {
				import_text_add(&t->body, "[");
				import_text_add(&t->body, e->attr);
				import_text_add(&t->body, "]");
			}
		}
		e->out = &e->cap;
		return 0;
	}
	if (strcmp(name, "dateline") == 0) {
		e->role = R_DATELINE;
		import_text_break(e->out ? e->out : &t->body, 2);
		return 0;
	}
	if (strcmp(name, "placeName") == 0 && parent->role == R_DATELINE && !t->place.b.len) {
		e->role = R_PLACE;
		e->capturing = 1;
		return 0;
	}
	if (strcmp(name, "date") == 0 && !t->datetext.b.len) {
		int in_dateline = 0;

		for (struct tei_elem *a = parent; a > t->stack; a--)
			in_dateline |= a->role == R_DATELINE;
		if (in_dateline) {
			e->role = R_DATE;
			e->capturing = 1;
			if (!t->when)
				t->when = attr(t, "when");
		}
		return 0;
	}
	if (strcmp(name, "persName") == 0) {
		char *c = attr(t, "corresp");
		const struct tei_entry *p = entry_find(t->people, t->npeople, c);

		if (p)
			record_add_name(&t->rec.people, p->name);
		free(c);
		return 0;
	}
	if (strcmp(name, "gloss") == 0) {
		char *g = attr(t, "target");
		const struct tei_entry *p = entry_find(t->terms, t->nterms, g);

		if (p) {
			struct sbuf b = {0};

			if (p->gloss && *p->gloss)
				sbuf_printf(&b, "%s (%s)", p->gloss, p->name);
			else
				sbuf_add(&b, p->name);
			record_add_name(&t->rec.subjects, sbuf_str(&b));
			sbuf_free(&b);
		}
		free(g);
		return 0;
	}
	if (strcmp(name, "ref") == 0) {
		char *target = attr(t, "target");
		char *doc = target ? ref_target(t, target) : NULL;

		free(target);
		if (doc && e->out && t->nrefs < RECORD_MAX_NAMES) {
			array_reserve((void **)&t->refs, &t->crefs, t->nrefs + 1,
			              sizeof *t->refs, 16);
			t->refs[t->nrefs] = (struct tei_ref){ doc, e->out, e->out->b.len, 0, NULL };
			e->role = R_REF;
			e->ref = t->nrefs++;
		} else
			free(doc);
		return 0;
	}
	if (strcmp(name, "lb") == 0) {
		if (e->out)
			import_text_break(e->out, 1);
		return 0;
	}
	if (strcmp(name, "cell") == 0) {
		e->role = R_CELL;
		if (e->out)
			import_text_cell(e->out);
		return 0;
	}
	if (is_one_of(name, lines, ARRAY_LEN(lines))) {
		e->role = R_LINE;
		if (e->out)
			import_text_break(e->out, 1);
		return 0;
	}
	if (is_one_of(name, blocks, ARRAY_LEN(blocks))) {
		e->role = R_BLOCK;
		if (e->out)
			import_text_break(e->out, 2);
		return 0;
	}
	return 0;
}

/* The element of stack entry e ends. */
static int elem_end(struct tei *t, struct tei_elem *e)
{
	const char *cap = text_of(&e->cap);
	struct tei_elem *parent = e - 1;

	switch (e->role) {
	case R_VOLTITLE:
		import_text_add(&t->voltitle, cap);
		break;
	case R_EDITOR:
		if (*cap && t->editors.n < 20)
			strlist_add(&t->editors, cap);
		break;
	case R_PUBLISHER:
		import_text_add(&t->publisher, cap);
		break;
	case R_PUBPLACE:
		import_text_add(&t->pubplace, cap);
		break;
	case R_PUBDATE:
		import_text_add(&t->pubdate, cap);
		break;
	case R_ENTRY:
		/* the item is the parent or further up: it keeps the entry */
		for (struct tei_elem *a = parent; a > t->stack; a--)
			if (a->role == R_ITEM) {
				if (!a->attr) {
					a->attr = e->attr;
					e->attr = NULL;
					sbuf_reset(&a->cap.b);
					/* the entry's own text, then what follows it */
					import_text_add(&a->cap, cap);
					a->cap.breaks = 0;
					a->ref = a->cap.b.len; /* where the gloss starts */
				}
				break;
			}
		break;
	case R_ITEM:
		if (e->attr && e->cap.b.len >= e->ref) {
			const char *s = text_of(&e->cap);
			char *nm = xstrndup(s, e->ref), *gloss;
			const char *g = s + e->ref;

			while (*g == ',' || *g == ' ' || *g == ':')
				g++;
			gloss = *g ? xstrdup(g) : NULL;
			if (parent->role == R_NAMES) {
				char *full = person_name(nm);

				free(nm);
				nm = full;
			}
			if (strlen(nm) && (parent->role == R_NAMES ? t->npeople : t->nterms) < 100000) {
				if (parent->role == R_NAMES)
					entry_add(&t->people, &t->npeople, &t->cpeople, e->attr, nm, gloss);
				else
					entry_add(&t->terms, &t->nterms, &t->cterms, e->attr, nm, gloss);
			} else {
				free(nm);
				free(gloss);
			}
		}
		break;
	case R_NAMES:
		if (t->npeople)
			qsort(t->people, t->npeople, sizeof *t->people, entry_cmp);
		break;
	case R_TERMS:
		if (t->nterms)
			qsort(t->terms, t->nterms, sizeof *t->terms, entry_cmp);
		break;
	case R_SOURCE:
		refs_resolve(t, &e->cap);
		if (strncmp(cap, "Source: ", 8) == 0)
			cap += 8;
		record_set(&t->rec.source, cap, strlen(cap));
		break;
	case R_NOTE:
		refs_resolve(t, &e->cap);
		record_add_text(&t->rec, RECORD_TEXT_NOTE, NULL, e->attr, cap);
		break;
	case R_PLACE:
		import_text_add(&t->place, cap);
		break;
	case R_DATE:
		import_text_add(&t->datetext, cap);
		break;
	case R_REF:
		if (e->ref < t->nrefs && e->out)
			t->refs[e->ref].end = e->out->b.len;
		break;
	case R_DATELINE:
	case R_BLOCK:
	case R_LINE:
		if (e->out)
			import_text_break(e->out, e->role == R_LINE ? 1 : 2);
		break;
	case R_DOC:
		return doc_end(t);
	default:
		break;
	}
	return 0;
}

/* Text: to the element's output, and to every capture open around it. */
static void on_text(struct tei *t, const char *s)
{
	struct tei_elem *top = &t->stack[t->depth];

	if (top->out)
		import_text_add(top->out, s);
	for (int i = t->depth; i > 0; i--) {
		struct tei_elem *a = &t->stack[i];

		if (a->capturing && &a->cap != top->out)
			import_text_add(&a->cap, s);
		/* a note's text belongs to the note alone */
		if (a->role == R_NOTE || a->role == R_SOURCE)
			break;
	}
}

static void pop(struct tei *t)
{
	struct tei_elem *e = &t->stack[t->depth];

	text_free(&e->cap);
	free(e->attr);
	memset(e, 0, sizeof *e);
	t->depth--;
}

static void entries_free(struct tei_entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].name);
		free(v[i].gloss);
	}
	free(v);
}

static void tei_free(struct tei *t)
{
	while (t->depth > 0)
		pop(t);
	doc_reset(t);
	free(t->refs);
	free(t->vol);
	free(t->page);
	text_free(&t->voltitle);
	text_free(&t->publisher);
	text_free(&t->pubplace);
	text_free(&t->pubdate);
	strlist_clear(&t->editors);
	entries_free(t->people, t->npeople);
	entries_free(t->terms, t->nterms);
}

int import_tei(struct reader *r, struct import_sink *sink, struct err *e)
{
	struct tei *t = xcalloc(1, sizeof *t);
	int ret, rc = 0;

	t->r = r;
	t->sink = sink;
	t->e = e;
	t->xr = xmlReaderForIO(tei_read, NULL, t, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (!t->xr) {
		free(t);
		return err_set(e, "%s: cannot start the XML reader", r->name);
	}
	xmlTextReaderSetStructuredErrorHandler(t->xr, tei_error, t);
	xmlTextReaderSetParserProp(t->xr, XML_PARSER_SUBST_ENTITIES, 0);
	xmlTextReaderSetParserProp(t->xr, XML_PARSER_LOADDTD, 0);
	xmlTextReaderSetParserProp(t->xr, XML_PARSER_DEFAULTATTRS, 0);
	xmlTextReaderSetParserProp(t->xr, XML_PARSER_VALIDATE, 0);
	while (rc == 0 && (ret = xmlTextReaderRead(t->xr)) == 1) {
		int type = xmlTextReaderNodeType(t->xr);

		switch (type) {
		case XML_READER_TYPE_ELEMENT: {
			const char *name = (const char *)xmlTextReaderConstLocalName(t->xr);
			struct tei_elem *el;
			int empty = xmlTextReaderIsEmptyElement(t->xr);

			if (t->depth >= TEI_MAX_DEPTH) {
				rc = tei_fail(t, "elements nested too deeply; refused");
				break;
			}
			t->depth++;
			el = &t->stack[t->depth];
			memset(el, 0, sizeof *el);
			el->out = t->stack[t->depth - 1].out;
			if (elem_start(t, el, name ? name : "") < 0)
				rc = -1;
			if (empty) {
				if (rc == 0 && elem_end(t, el) < 0)
					rc = -1;
				pop(t);
			}
			break;
		}
		case XML_READER_TYPE_END_ELEMENT:
			if (t->depth > 0) {
				if (elem_end(t, &t->stack[t->depth]) < 0)
					rc = -1;
				pop(t);
			}
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_WHITESPACE:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE: {
			const char *v = (const char *)xmlTextReaderConstValue(t->xr);

			if (v && t->depth > 0)
				on_text(t, v);
			break;
		}
		case XML_READER_TYPE_DOCUMENT_TYPE:
			rc = tei_fail(t, "a DOCTYPE is not accepted in a TEI volume "
			                 "(its entities could expand or read files); refused");
			break;
		case XML_READER_TYPE_ENTITY_REFERENCE:
			rc = tei_fail(t, "an entity reference other than XML's own "
			                 "(&lt; &gt; &amp; &quot; &apos;) is not accepted; refused");
			break;
		default:
			break;
		}
	}
	if (rc == 0 && ret < 0) {
		if (t->binary)
			rc = reader_binary(r, t->binary_at, e);
		else if (r->err)
			rc = reader_error(r, e);
		else if (t->errmsg[0])
			rc = err_set(e, "%s:%ld: column %ld: %s", r->name, t->errline, t->errcol,
			             t->errmsg);
		else
			rc = tei_fail(t, "not well-formed XML");
	}
	if (rc == 0 && t->depth == 0 && !t->vol)
		rc = err_set(e, "%s: not a TEI volume (no <TEI> element)", r->name);
	xmlFreeTextReader(t->xr);
	tei_free(t);
	free(t);
	return rc;
}
