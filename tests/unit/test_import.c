/* test_import.c - the import parsers: records, reader, detection, pages,
 * JSON, CSV, hostile input, and the seed pages when they are present. */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fonds/import.h"
#include "fonds/text.h"
#include "tap.h"

#define ELLIPSIS "\xE2\x80\xA6"
#define FFFD "\xEF\xBF\xBD"

/* What a parser handed to the test sink. */
struct got {
	struct record *v;
	size_t n, cap;
	struct strlist warns;
	size_t stop_at; /* make the sink fail on this record (1-based) */
};

static int on_record(void *ctx, struct record *r, struct err *e)
{
	struct got *g = ctx;

	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 16;
		g->v = xrealloc(g->v, g->cap * sizeof *g->v);
	}
	g->v[g->n++] = *r; /* steal every field */
	memset(r, 0, sizeof *r);
	if (g->stop_at && g->n == g->stop_at)
		return err_set(e, "sink says stop");
	return 0;
}

static void on_warn(void *ctx, const char *msg)
{
	struct got *g = ctx;

	strlist_add(&g->warns, msg);
}

static void got_free(struct got *g)
{
	for (size_t i = 0; i < g->n; i++)
		record_clear(&g->v[i]);
	free(g->v);
	strlist_clear(&g->warns);
	memset(g, 0, sizeof *g);
}

static int run_fp(enum import_format fmt, FILE *fp, const char *name,
                  struct got *g, struct err *e)
{
	struct import_sink sink = { on_record, on_warn, g };
	struct reader r;
	int rc;

	e->msg[0] = '\0';
	reader_init(&r, fp, name);
	rc = import_run(fmt, &r, &sink, e);
	reader_free(&r);
	return rc;
}

/* Parse n bytes of data as if read from a file called name. */
static int run_mem(enum import_format fmt, const char *name, const char *data,
                   size_t n, struct got *g, struct err *e)
{
	FILE *fp = tmpfile();
	int rc;

	if (!fp) {
		perror("tmpfile");
		exit(1);
	}
	if (n && fwrite(data, 1, n, fp) != n) {
		perror("fwrite");
		exit(1);
	}
	rewind(fp);
	rc = run_fp(fmt, fp, name, g, e);
	fclose(fp);
	return rc;
}

static int run_str(enum import_format fmt, const char *name, const char *data,
                   struct got *g, struct err *e)
{
	return run_mem(fmt, name, data, strlen(data), g, e);
}

static char fixture_dir[4096];

static int run_file(enum import_format fmt, const char *path, const char *name,
                    struct got *g, struct err *e)
{
	FILE *fp = fopen(path, "rb");
	int rc;

	if (!fp) {
		printf("# cannot open %s\n", path);
		return err_set(e, "cannot open %s", path);
	}
	rc = run_fp(fmt, fp, name ? name : path, g, e);
	fclose(fp);
	return rc;
}

/* Parse a fixture, naming it by its base name in messages. */
static int run_fixture(enum import_format fmt, const char *file, struct got *g,
                       struct err *e)
{
	char path[4200];

	snprintf(path, sizeof path, "%s/%s", fixture_dir, file);
	return run_file(fmt, path, file, g, e);
}

static int starts_with(const char *s, const char *prefix)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n, k;

	if (!s)
		return 0;
	n = strlen(s);
	k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static int has(const char *s, const char *part)
{
	return s && strstr(s, part) != NULL;
}

static long find_title(const struct got *g, const char *title)
{
	for (size_t i = 0; i < g->n; i++)
		if (g->v[i].title && strcmp(g->v[i].title, title) == 0)
			return (long)i;
	return -1;
}

/* ---- record helpers -------------------------------------------------- */

static void test_record(void)
{
	struct record r = { 0 };
	char *p = NULL;

	record_set(&p, "  \t padded title \r\n", 19);
	is_str(p, "padded title", "record_set trims white space");
	record_set(&p, "   ", 3);
	ok(p == NULL, "record_set of blank text gives NULL");
	record_set(&p, "bad \xff byte", 10);
	is_str(p, "bad " FFFD " byte", "record_set repairs invalid UTF-8");
	record_set(&p, "nul\0inside", 10);
	is_str(p, "nul" FFFD "inside", "record_set turns NUL into U+FFFD");
	record_set(&p, NULL, 0);
	ok(p == NULL, "record_set(NULL) clears");

	record_add_name(&r.people, " Kim ");
	record_add_name(&r.people, "Kim");
	record_add_name(&r.people, "  ");
	record_add_name(&r.people, "Orlov");
	is_int(r.people.n, 2, "record_add_name trims, skips empty and duplicates");
	is_str(r.people.v[0], "Kim", "first name kept trimmed");

	ok(!record_usable(&r), "a record with only names is not usable");
	record_set(&r.body, "text", 4);
	ok(record_usable(&r), "a record with a body is usable");
	record_clear(&r);
	ok(r.body == NULL && r.people.n == 0 && r.flags == 0,
	   "record_clear frees and zeroes");

	record_set(&r.summary, "A short note on fishing quotas. More follows.", 45);
	record_derive_title(&r);
	is_str(r.title, "A short note on fishing quotas",
	       "derived title: first sentence, no final period");
	ok(r.flags & RECORD_TITLE_DERIVED, "derived title is flagged");
	record_clear(&r);

	record_set(&r.summary, "Comrade A.I. Petrov met Mr. Li in Harbin. Then "
	           "they left.", 56);
	record_derive_title(&r);
	is_str(r.title, "Comrade A.I. Petrov met Mr. Li in Harbin",
	       "initials and abbreviations do not end the first sentence");
	record_clear(&r);

	record_set(&r.summary,
	           "The delegation reports that the long negotiations on the "
	           "river border have stalled again and that both sides have "
	           "recalled their experts.", 137);
	record_derive_title(&r);
	ok(ends_with(r.title, ELLIPSIS), "long first sentence: cut with an ellipsis");
	ok(strlen(r.title) <= 80 + 3, "cut title is at most ~80 columns");
	ok(starts_with(r.title, "The delegation reports that the long negotiations"),
	   "cut title starts like the summary");
	ok(!has(r.title, " the" ELLIPSIS) && !has(r.title, " of" ELLIPSIS),
	   "cut title does not end on a little word");
	record_clear(&r);

	record_set(&r.title, "Given", 5);
	record_set(&r.summary, "Some summary text here.", 23);
	record_derive_title(&r);
	is_str(r.title, "Given", "an existing title is kept");
	ok(!(r.flags & RECORD_TITLE_DERIVED), "and not flagged");
	record_clear(&r);
}

/* ---- reader ---------------------------------------------------------- */

static void test_reader(void)
{
	const char data[] = "one\r\ntwo\n\nlast";
	FILE *fp = tmpfile();
	struct reader r;
	struct sbuf line = { 0 };
	struct err e;
	size_t avail;

	fwrite(data, 1, sizeof data - 1, fp);
	rewind(fp);
	reader_init(&r, fp, "t.txt");
	avail = reader_peek(&r, 3);
	ok(avail >= 3 && memcmp(r.buf + r.pos, "one", 3) == 0,
	   "reader_peek shows the first bytes");
	is_int(r.offset, 0, "peeking consumes nothing");
	is_int(reader_line(&r, &line, &e), 1, "first line");
	is_str(sbuf_str(&line), "one", "\\r\\n is stripped");
	is_int(r.line, 1, "line 1");
	is_int(r.offset, 5, "offset after the first line");
	reader_line(&r, &line, &e);
	is_str(sbuf_str(&line), "two", "second line");
	reader_line(&r, &line, &e);
	ok(line.len == 0 && r.line == 3, "an empty line is a line");
	is_int(reader_line(&r, &line, &e), 1, "unterminated last line");
	is_str(sbuf_str(&line), "last", "last line without newline");
	is_int(r.line, 4, "its number");
	is_int(reader_line(&r, &line, &e), 0, "then end of input");
	reader_free(&r);
	fclose(fp);

	fp = tmpfile();
	fwrite("ab\ncd\0ef\n", 1, 9, fp);
	rewind(fp);
	reader_init(&r, fp, "bin.dat");
	reader_line(&r, &line, &e);
	is_int(reader_line(&r, &line, &e), -1, "a NUL byte is an error");
	is_str(e.msg,
	       "bin.dat: byte 5: binary input (NUL byte); fonds imports text "
	       "files (pages, JSON, CSV)",
	       "the error names the byte offset");
	reader_free(&r);
	fclose(fp);

	fp = tmpfile();
	fwrite("x\ny", 1, 3, fp);
	rewind(fp);
	reader_init(&r, fp, NULL);
	ok(reader_getc(&r) == 'x' && r.line == 1, "getc: first byte on line 1");
	ok(reader_getc(&r) == '\n' && r.line == 1, "getc: newline ends line 1");
	ok(reader_getc(&r) == 'y' && r.line == 2, "getc: next byte on line 2");
	ok(reader_getc(&r) == -1 && reader_error(&r, &e) == 0, "getc: end");
	is_str(r.name, "-", "a reader without a name is \"-\"");
	reader_free(&r);
	fclose(fp);
	sbuf_free(&line);
}

/* ---- detection --------------------------------------------------------- */

static void test_detect(void)
{
	is_int(import_detect("a.JSON", "x", 1), IMPORT_JSON, ".JSON by extension");
	is_int(import_detect("a.jsonl", "", 0), IMPORT_JSON, ".jsonl");
	is_int(import_detect("a.ndjson", "", 0), IMPORT_JSON, ".ndjson");
	is_int(import_detect("a.csv", "{", 1), IMPORT_CSV, ".csv wins over content");
	is_int(import_detect("a.txt", "[", 1), IMPORT_PAGE, ".txt is a page");
	is_int(import_detect("-", "  \n{\"a\":1}", 10), IMPORT_JSON, "'{' -> JSON");
	is_int(import_detect("-", "\xEF\xBB\xBF[", 4), IMPORT_JSON, "BOM then '['");
	is_int(import_detect("data", "Id,Title,Date\nx,y,z\n", 19), IMPORT_CSV,
	       "a header of known fields -> CSV");
	is_int(import_detect("data", "\"title\",\"summary\"\n", 18), IMPORT_CSV,
	       "quoted header -> CSV");
	is_int(import_detect("data", "Hello, world, again\n", 20), IMPORT_PAGE,
	       "commas without field names -> page");
	is_int(import_detect("data", "Skip to content\n", 16), IMPORT_PAGE,
	       "anything else -> page");
	is_int(import_format_parse("CSV"), IMPORT_CSV, "format names ignore case");
	is_int(import_format_parse("auto"), IMPORT_AUTO, "auto");
	is_int(import_format_parse("ndjson"), IMPORT_JSON, "ndjson is json");
	is_int(import_format_parse("yaml"), -1, "unknown format");
	is_int(import_format_parse("tei"), IMPORT_TEI, "tei");
	is_int(import_format_parse("XML"), IMPORT_TEI, "xml is tei");
	is_int(import_detect("v.xml", "", 0), IMPORT_TEI, ".xml is TEI");
	is_int(import_detect("-", "<?xml version=\"1.0\"?>\n<TEI>", 27), IMPORT_TEI,
	       "an XML declaration is TEI");
	is_int(import_detect("-", "  <TEI xml:id=\"v\">", 19), IMPORT_TEI, "a TEI root is TEI");
}

/* ---- pages ------------------------------------------------------------- */

static void test_page_fixtures(void)
{
	struct got g = { 0 };
	struct err e;
	long i;

	is_int(run_fixture(IMPORT_AUTO, "page-basic.txt", &g, &e), 0, "page-basic parses");
	is_int(g.n, 4, "page-basic: 4 records");
	is_int(g.warns.n, 0, "page-basic: no warnings");
	if (g.n == 4) {
		is_str(g.v[0].title,
		       "Memorandum on Grain Deliveries to the Northern Provinces",
		       "header noise dropped, title kept");
		is_int(g.v[0].date.key, 19520303, "full date");
		is_int(g.v[0].line, 9, "record starts at its date line");
		ok(has(g.v[0].summary, "provinces and asks"),
		   "a summary spanning two lines is joined with a space");
		ok(g.v[0].id == NULL && g.v[0].source == NULL,
		   "page records have no id and no source");
		is_int(g.v[2].date.prec, DATE_MONTH, "month-year date");
		is_int(g.v[2].date.key, 19540500, "month-year key");
		is_int(g.v[3].date.key, 19550909, "abbreviated month \"Sept.\"");
		is_str(g.v[3].date_text, "Sept. 9, 1955", "date as written");
		ok(!has(g.v[3].summary, "Pagination"), "footer not in the last summary");
	}
	got_free(&g);

	is_int(run_fixture(IMPORT_PAGE, "page-cutoff.txt", &g, &e), 0, "page-cutoff parses");
	is_int(g.n, 7, "page-cutoff: 7 records");
	if (g.n == 7) {
		is_str(g.v[0].title, "Notes of a Retired Consul on the Border Commission",
		       "cut-off first record keeps its title");
		ok(g.v[0].date.prec == DATE_UNDATED && g.v[0].date_text == NULL,
		   "cut-off first record is undated");
		ok(starts_with(g.v[0].summary, "The former consul"), "and has its summary");
		is_int(g.v[0].line, 8, "cut-off record starts at its title");
		is_str(g.v[2].date_text, "Febuary 3, 1950", "misspelt date kept as written");
		is_int(g.v[2].date.prec, DATE_UNDATED, "misspelt date: undated");
		is_str(g.v[2].title, "Cable from the Consulate in Harbin",
		       "record with a bad date still has its title");
		is_str(g.v[3].title,
		       "Telegram from the Legation in Ulan Bator to the Foreign Ministry",
		       "title-only record");
		ok(g.v[3].summary == NULL && g.v[3].date.key == 19620802,
		   "title-only record: no summary, its date");
		ok(!(g.v[3].flags & RECORD_TITLE_DERIVED), "its title is not derived");
		is_str(g.v[4].date_text, "undated", "\"undated\" date line");
		is_int(g.v[4].date.prec, DATE_UNDATED, "undated record");
		is_int(g.v[5].date.key, 19581104, "ISO date line");
		ok(ends_with(g.v[6].summary, "left early."),
		   "last line without a newline is read");
	}
	is_int(g.warns.n, 1, "page-cutoff: one warning");
	if (g.warns.n)
		is_str(g.warns.v[0],
		       "page-cutoff.txt:18: date \"Febuary 3, 1950\" not understood",
		       "warning names file, line and date");
	got_free(&g);

	is_int(run_fixture(IMPORT_AUTO, "page-compact.txt", &g, &e), 0, "page-compact parses");
	is_int(g.n, 4, "page-compact: 4 records, facet header dropped");
	for (i = 0; i < (long)g.n; i++)
		if (!(g.v[i].flags & RECORD_TITLE_DERIVED) || !g.v[i].summary)
			break;
	ok(g.n == 4 && i == 4, "compact records are summaries with derived titles");
	if (g.n == 4) {
		is_int(g.v[0].line, 8, "first compact record at its date line");
		is_int(g.v[0].date.key, 19571012, "its date");
		ok(ends_with(g.v[0].title, ELLIPSIS), "long sentence: title cut");
		is_str(g.v[1].title, "A short note on fishing quotas",
		       "short sentence: whole sentence as title");
		ok(starts_with(g.v[2].title, "Deputy Minister A.B. Sorokin asks"),
		   "initials do not end the sentence");
		ok(ends_with(g.v[3].summary, "consultations."),
		   "last summary without newline");
		ok(g.v[0].type == NULL, "derived records have no type");
	}
	got_free(&g);
}

static void test_page_inline(void)
{
	struct got g = { 0 };
	struct err e;
	char *big;
	size_t n;

	run_str(IMPORT_PAGE, "crlf.txt",
	        "Skip to content\r\n\r\n1 - 2 of 2\r\n\r\nMay 4, 1950\r\n\r\n"
	        "A Title\r\n\r\nA summary sentence that is long enough to count.\r\n"
	        "\r\nMay 5, 1950\r\n\r\nAnother Title\r\n",
	        &g, &e);
	ok(g.n == 2 && g.v[0].title && strcmp(g.v[0].title, "A Title") == 0,
	   "CRLF page: records read");
	ok(g.n == 2 && g.v[1].summary == NULL && g.v[1].date.key == 19500505,
	   "CRLF page: last record title only");
	got_free(&g);

	run_str(IMPORT_PAGE, "dates.txt",
	        "March 1, 1950\n\nMarch 2, 1950\n\nTitle Two\n\nSummary of the "
	        "second record, as a sentence.\n",
	        &g, &e);
	is_int(g.n, 2, "a date-only record is still handed to the sink");
	ok(g.n == 2 && !record_usable(&g.v[0]), "which can tell it is unusable");
	got_free(&g);

	run_str(IMPORT_PAGE, "prose.txt",
	        "Just some notes.\nNothing here is a record at all.\n", &g, &e);
	is_int(g.n, 0, "no date line: no records");
	ok(g.warns.n == 1 && has(g.warns.v[0], "prose.txt: no date lines found"),
	   "no date line: a warning");
	got_free(&g);

	is_int(run_str(IMPORT_AUTO, "empty.txt", "", &g, &e), 0, "empty input parses");
	ok(g.n == 0 && g.warns.n == 0, "empty input: nothing, silently");
	got_free(&g);

	is_int(run_mem(IMPORT_PAGE, "nul.txt", "May 4, 1950\n\nTi\0tle\n", 20, &g, &e),
	       -1, "page with a NUL byte is rejected");
	is_str(e.msg,
	       "nul.txt: byte 15: binary input (NUL byte); fonds imports text "
	       "files (pages, JSON, CSV)",
	       "with the offset of the NUL");
	got_free(&g);

	run_str(IMPORT_PAGE, "utf8.txt",
	        "May 4, 1950\n\nP\xe1sztor \xff\xfe Report\n\nA summary sentence "
	        "that is long enough to count.\n",
	        &g, &e);
	ok(g.n == 1 && g.v[0].title &&
	   text_is_valid(g.v[0].title, strlen(g.v[0].title)) &&
	   has(g.v[0].title, FFFD), "invalid UTF-8 in a page is repaired");
	got_free(&g);

	run_str(IMPORT_PAGE, "compact-title.txt",
	        "June 1, 1958\nTelegram to Moscow\nJune 2, 1958\nAnother one\n",
	        &g, &e);
	ok(g.n == 2 && g.v[0].summary && (g.v[0].flags & RECORD_TITLE_DERIVED),
	   "compact layout: the text after a date is a summary");
	got_free(&g);

	/* a 10 MB summary line */
	n = 10u << 20;
	big = xmalloc(n + 64);
	memcpy(big, "May 4, 1950\n\nBig\n\n", 18);
	memset(big + 18, 'w', n);
	for (size_t k = 18 + 1000; k < 18 + n; k += 1000)
		big[k] = ' ';
	memcpy(big + 18 + n, ".\n", 2);
	is_int(run_mem(IMPORT_PAGE, "big.txt", big, 18 + n + 2, &g, &e), 0,
	       "a page with a 10 MB summary parses");
	ok(g.n == 1 && g.v[0].summary && strlen(g.v[0].summary) == n + 1,
	   "the 10 MB summary is whole");
	got_free(&g);
	free(big);
}

/* ---- JSON -------------------------------------------------------------- */

static void test_json_fixtures(void)
{
	struct got g = { 0 };
	struct err e;
	const struct record *r;

	is_int(run_fixture(IMPORT_AUTO, "fonds.jsonl", &g, &e), 0, "fonds.jsonl parses");
	is_int(g.n, 3, "fonds.jsonl: 3 records (blank line skipped)");
	is_int(g.warns.n, 0, "unknown fields are ignored without warnings");
	if (g.n == 3) {
		r = &g.v[0];
		is_str(r->id, "doc-1", "id");
		is_int(r->date.key, 19510314, "date");
		is_str(r->body, "Full text of the report.\nSecond paragraph.", "text -> body");
		ok(r->people.n == 2 && strcmp(r->people.v[1], "Li Wen") == 0, "people list");
		ok(r->places.n == 1 && strcmp(r->places.v[0], "Harbin") == 0,
		   "a single string as a list");
		ok(r->related.n == 2 && strcmp(r->related.v[1], "3") == 0,
		   "numeric related id -> string");
		is_str(r->type, "Report", "type");
		is_str(r->url, "https://example.org/doc/1", "url");
		is_int(r->line, 1, "line of the first record");
		r = &g.v[1];
		is_str(r->id, "2", "numeric id -> string");
		is_int(r->line, 3, "line of the second record");
		ok(r->people.n == 2 && strcmp(r->people.v[1], "Pavel Sokolov") == 0,
		   "\"a; b\" string list is split");
		is_str(r->language, "Chinese; Russian", "language list joined");
		is_int(r->date.prec, DATE_MONTH, "month date");
		is_str(g.v[2].title, "Circular on \xc3\xa9migr\xc3\xa9 Newspapers",
		       "\\u escapes decoded");
	}
	got_free(&g);

	is_int(run_fixture(IMPORT_AUTO, "api.json", &g, &e), 0, "api.json parses");
	is_int(g.n, 3, "api.json: 3 records from the array");
	if (g.n == 3) {
		r = &g.v[0];
		is_str(r->id, "110042", "API numeric id");
		is_int(r->line, 2, "element line");
		is_str(r->summary,
		       "The trade representative complains about late deliveries of "
		       "machine tools.", "description -> summary");
		is_int(r->date.key, 19560412, "doc_date -> date");
		is_str(r->date_text, "April 12, 1956", "frontend_doc_date -> date_text");
		ok(r->people.n == 2 && strcmp(r->people.v[0], "Nikolai Petrov") == 0 &&
		   strcmp(r->people.v[1], "Zhou Ming") == 0,
		   "creators and contributors -> people, deduplicated");
		ok(r->places.n == 1 && strcmp(r->places.v[0], "Beijing") == 0,
		   "original_coverages -> places");
		ok(r->subjects.n == 2 && r->collections.n == 1, "subjects and collections");
		is_str(r->language, "Russian; Chinese", "languages joined");
		ok(r->related.n == 3 && strcmp(r->related.v[0], "110043") == 0 &&
		   strcmp(r->related.v[2], "110051") == 0,
		   "links and attachments -> related");
		is_str(r->source, "Foreign Policy Archive", "source object -> name");
		is_str(r->type, "Conversation", "type object -> name");
		ok(strlist_find(&r->subjects, "Top Secret") < 0,
		   "classifications are not subjects");
		r = &g.v[1];
		is_int(r->date.key, 19560500, "numeric doc_date with day 00 -> month");
		is_str(r->source, "Ministry Archive", "repositories -> source");
		is_str(r->body, "Dear comrade, we have received your letter.",
		       "full_text -> body");
		is_int(r->line, 23, "second element line");
		is_int(g.v[2].date.prec, DATE_UNDATED,
		       "unparsable frontend_doc_date: undated");
	}
	ok(g.warns.n == 1 && has(g.warns.v[0], "api.json:33: date \"ca. June 1956\""),
	   "warning for the date not understood, at its element's line");
	got_free(&g);

	is_int(run_fixture(IMPORT_JSON, "wrong-types.jsonl", &g, &e), 0,
	       "wrong types are not fatal");
	is_int(g.n, 3, "wrong-types: every record emitted");
	if (g.n == 3) {
		r = &g.v[0];
		ok(r->id == NULL && r->url == NULL, "wrong-typed id and url ignored");
		is_str(r->summary, "A description that stands in for the summary.",
		       "a bad summary falls back to description");
		ok(r->title && (r->flags & RECORD_TITLE_DERIVED),
		   "a bad title: title derived from the summary");
		ok(r->places.n == 1 && strcmp(r->places.v[0], "Kazan") == 0,
		   "bad list items skipped, good ones kept");
		is_str(g.v[1].date_text, "the day after the big storm",
		       "date not understood kept as text");
		ok(g.v[2].source == NULL && g.v[2].type == NULL && g.v[2].language == NULL,
		   "bad source/type/language ignored");
	}
	is_int(g.warns.n, 11, "wrong-types: one warning per bad field");
	if (g.warns.n >= 2)
		is_str(g.warns.v[1],
		       "wrong-types.jsonl:1: field \"title\": expected a string, "
		       "found an integer; ignored",
		       "warning text");
	got_free(&g);

	is_int(run_fixture(IMPORT_AUTO, "malformed.jsonl", &g, &e), -1,
	       "a malformed line rejects the input");
	ok(starts_with(e.msg, "malformed.jsonl:3: column 26: "), "with line and column");
	is_int(g.n, 2, "records before it were handed on (the caller rolls back)");
	got_free(&g);

	is_int(run_fixture(IMPORT_AUTO, "truncated.json", &g, &e), -1,
	       "a truncated array is rejected");
	is_str(e.msg,
	       "truncated.json:3: column 3: this object is not closed before the "
	       "end of the input (truncated file?)",
	       "naming the element that is cut off");
	got_free(&g);
}

static void test_json_inline(void)
{
	struct got g = { 0 };
	struct err e;
	char *big;
	size_t n;

	is_int(run_str(IMPORT_JSON, "t.jsonl",
	               "{\"title\": \"a\"}\n{\"title\": \"b\", \"summary\": \"cut",
	               &g, &e), -1, "truncated last JSON line");
	ok(starts_with(e.msg, "t.jsonl:2: column ") &&
	   has(e.msg, "each record must be one line"),
	   "error at its line, with a hint about JSON Lines");
	got_free(&g);

	is_int(run_str(IMPORT_JSON, "s.json", "[{\"title\": \"a\"}, 3]", &g, &e), -1,
	       "an array element that is not an object");
	is_str(e.msg, "s.json:1: expected a JSON object (a record), found an integer",
	       "says what it found");
	got_free(&g);

	is_int(run_str(IMPORT_JSON, "g.json", "[{\"title\": \"a\"}] x", &g, &e), -1,
	       "garbage after the array");
	is_str(e.msg, "g.json:1: column 18: end of input expected after the array",
	       "names its column");
	got_free(&g);

	is_int(run_str(IMPORT_JSON, "c.json", "[{\"title\": \"a\"},]", &g, &e), -1,
	       "a trailing comma");
	got_free(&g);

	is_int(run_str(IMPORT_JSON, "m.json",
	               "[\n {\"title\": \"a\",\n  \"summary\": tru}\n]", &g, &e), -1,
	       "an error inside a multi-line element");
	ok(starts_with(e.msg, "m.json:3: column "), "is reported at its own line");
	got_free(&g);

	is_int(run_str(IMPORT_JSON, "e.json", "  [ ]  \n", &g, &e), 0, "empty array");
	is_int(g.n, 0, "no records");
	got_free(&g);

	run_str(IMPORT_JSON, "u.jsonl",
	        "{\"title\": \"bad \xff utf8\", \"summary\": \"nul\\u0000here\"}\n",
	        &g, &e);
	ok(g.n == 1 && g.v[0].title && strcmp(g.v[0].title, "bad " FFFD " utf8") == 0,
	   "invalid UTF-8 inside JSON is repaired");
	ok(g.n == 1 && g.v[0].summary &&
	   strcmp(g.v[0].summary, "nul" FFFD "here") == 0,
	   "\\u0000 becomes U+FFFD");
	got_free(&g);

	is_int(run_mem(IMPORT_JSON, "b.json", "[{\"title\": \"a\0\"}]", 17, &g, &e),
	       -1, "NUL in a JSON array");
	ok(starts_with(e.msg, "b.json: byte 13: binary input"), "offset of the NUL");
	got_free(&g);

	is_int(run_str(IMPORT_JSON, "p.json", "{\n  \"title\": \"pretty\"\n}\n", &g, &e),
	       -1, "a pretty-printed object is not JSON Lines");
	ok(has(e.msg, "each record must be one line"), "and the message says so");
	got_free(&g);

	/* a 10 MB string inside an array */
	n = 10u << 20;
	big = xmalloc(n + 64);
	memcpy(big, "[{\"summary\": \"", 14);
	memset(big + 14, 'x', n);
	memcpy(big + 14 + n, "\"}]", 3);
	is_int(run_mem(IMPORT_JSON, "big.json", big, 14 + n + 3, &g, &e), 0,
	       "a 10 MB JSON field parses");
	ok(g.n == 1 && g.v[0].summary && strlen(g.v[0].summary) == n,
	   "and is whole");
	got_free(&g);
	free(big);
}

/* ---- CSV --------------------------------------------------------------- */

static void test_csv(void)
{
	struct got g = { 0 };
	struct err e;
	const struct record *r;
	char *big;
	size_t n;

	is_int(run_fixture(IMPORT_AUTO, "basic.csv", &g, &e), 0, "basic.csv parses");
	is_int(g.n, 3, "basic.csv: 3 records");
	is_int(g.warns.n, 0, "basic.csv: no warnings");
	if (g.n == 3) {
		r = &g.v[0];
		is_str(r->id, "c1", "BOM skipped: the first column is the id");
		is_str(r->title, "Letter, with a comma, in the title", "quoted commas");
		is_str(r->summary, "He said \"no\" twice.", "\"\" escapes");
		ok(r->people.n == 2 && strcmp(r->people.v[1], "Li Wen") == 0,
		   "people split at ';'");
		ok(r->places.n == 2 && strcmp(r->places.v[1], "Dalian") == 0, "places");
		ok(r->related.n == 2 && strcmp(r->related.v[0], "c2") == 0, "related ids");
		is_str(r->language, "Russian; Chinese", "language normalized");
		is_int(r->line, 2, "first row line");
		r = &g.v[1];
		is_str(r->summary, "A summary\nthat spans two lines.", "embedded newline");
		is_int(r->date.key, 19550607, "date with a comma, quoted");
		is_int(g.v[2].line, 5, "row after a two-line field starts at line 5");
		ok(g.v[2].summary == NULL && g.v[2].date.prec == DATE_UNDATED,
		   "empty fields stay empty");
	}
	got_free(&g);

	is_int(run_fixture(IMPORT_CSV, "minimal.csv", &g, &e), 0, "minimal.csv parses");
	is_int(g.n, 2, "minimal.csv: 2 records (CRLF)");
	if (g.n == 2) {
		is_str(g.v[0].summary, "Output rose by a tenth.", "Description -> summary");
		is_int(g.v[0].date.key, 19570300, "Doc_Date 19570300 -> month");
		ok(g.v[0].id == NULL, "no id column: no id");
		ok(g.v[0].subjects.n == 2, "subjects column");
		is_str(g.v[1].title, "Quoted title", "quoted title");
	}
	got_free(&g);

	is_int(run_fixture(IMPORT_CSV, "bad-row.csv", &g, &e), -1, "a short row rejects the file");
	is_str(e.msg, "bad-row.csv:3: row has 3 fields, header has 5", "message");
	got_free(&g);

	is_int(run_fixture(IMPORT_CSV, "unterminated.csv", &g, &e), -1,
	       "an unterminated quote rejects the file");
	is_str(e.msg, "unterminated.csv:3: a quoted field that starts here is not "
	       "closed before the end of the input", "names the quote's line");
	got_free(&g);

	is_int(run_fixture(IMPORT_CSV, "no-text.csv", &g, &e), -1,
	       "no title, summary or text column");
	is_str(e.msg, "no-text.csv:1: no title, summary or text column in the header",
	       "message");
	got_free(&g);

	is_int(run_mem(IMPORT_CSV, "n.csv", "title\na\0b\n", 10, &g, &e), -1,
	       "NUL in CSV");
	ok(starts_with(e.msg, "n.csv: byte 7: binary input"), "with its offset");
	got_free(&g);

	is_int(run_str(IMPORT_CSV, "h.csv", "title,summary\n\n", &g, &e), 0,
	       "header only");
	is_int(g.n, 0, "header only: no records");
	got_free(&g);

	is_int(run_str(IMPORT_CSV, "x.csv", "Title,Summary\nonly one\n", &g, &e), -1,
	       "a one-field row");
	is_str(e.msg, "x.csv:2: row has 1 field, header has 2", "singular field");
	got_free(&g);

	n = 10u << 20;
	big = xmalloc(n + 64);
	memcpy(big, "title,text\nBig,\"", 16);
	memset(big + 16, 'y', n);
	big[16 + 5] = '\n';
	memcpy(big + 16 + n, "\"\n", 2);
	is_int(run_mem(IMPORT_CSV, "big.csv", big, 16 + n + 2, &g, &e), 0,
	       "a 10 MB quoted CSV field parses");
	ok(g.n == 1 && g.v[0].body && strlen(g.v[0].body) == n, "and is whole");
	got_free(&g);
	free(big);
}

/* ---- the sink, hostile input ------------------------------------------- */

static void test_sink_stop(void)
{
	struct got g = { 0 };
	struct err e;

	g.stop_at = 2;
	is_int(run_fixture(IMPORT_AUTO, "page-basic.txt", &g, &e), -1,
	       "a failing sink stops the parser");
	is_str(e.msg, "sink says stop", "with the sink's message");
	is_int(g.n, 2, "no record after the failure");
	got_free(&g);
}

static uint32_t rnd_state = 12345;

static uint32_t rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return rnd_state >> 8;
}

/* Mutated fixtures and random bytes through every parser: each must
 * return 0 or -1 with a message, never crash (run under ASan/valgrind). */
static void test_hostile(void)
{
	static const char *const files[] = {
		"page-cutoff.txt", "page-compact.txt", "api.json",
		"fonds.jsonl", "basic.csv",
	};
	static const enum import_format fmts[] = {
		IMPORT_PAGE, IMPORT_JSON, IMPORT_CSV, IMPORT_AUTO
	};
	int bad = 0, runs = 0;

	for (size_t f = 0; f < ARRAY_LEN(files); f++) {
		char path[4200], *data;
		FILE *fp;
		long len;

		snprintf(path, sizeof path, "%s/%s", fixture_dir, files[f]);
		if (!(fp = fopen(path, "rb")))
			continue;
		fseek(fp, 0, SEEK_END);
		len = ftell(fp);
		rewind(fp);
		data = xmalloc((size_t)len + 1);
		if (fread(data, 1, (size_t)len, fp) != (size_t)len)
			len = 0;
		fclose(fp);
		for (int it = 0; it < 60; it++) {
			char *m = xmalloc((size_t)len + 1);
			size_t mlen = (size_t)len;
			struct got g = { 0 };
			struct err e;
			int rc, k = 1 + (int)(rnd() % 8);

			memcpy(m, data, (size_t)len);
			while (k-- > 0 && mlen > 0) {
				size_t at = rnd() % mlen;

				switch (rnd() % 4) {
				case 0: m[at] = (char)(rnd() & 0xFF); break;
				case 1: m[at] = "\"{}[],\n\\"[rnd() % 8]; break;
				case 2: mlen = at; break; /* truncate */
				default: m[at] = (char)(0x80 | (rnd() & 0x7F)); break;
				}
			}
			rc = run_mem(fmts[it % 4], files[f], m, mlen, &g, &e);
			runs++;
			if (rc != 0 && (rc != -1 || e.msg[0] == '\0'))
				bad++;
			for (size_t i = 0; i < g.n; i++) {
				const struct record *r = &g.v[i];

				if ((r->title && !text_is_valid(r->title, strlen(r->title))) ||
				    (r->summary &&
				     !text_is_valid(r->summary, strlen(r->summary))))
					bad++;
			}
			got_free(&g);
			free(m);
		}
		free(data);
	}
	ok(runs > 0 && bad == 0, "%d mutated inputs: no crash, valid UTF-8, "
	   "messages on failure", runs);
}

/* ---- the seed pages ---------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_seeds(void)
{
	const char *dir = getenv("FONDS_SEEDS");
	static const size_t want[] = { 10, 10, 9, 8, 10 };
	struct strlist files = { 0 }, keys = { 0 };
	struct got all[5];
	struct dirent *de;
	size_t total = 0, dated = 0, undated = 0, warns = 0;
	int32_t min = 0, max = 0;
	DIR *d;

	if (!dir || !(d = opendir(dir))) {
		skip_seeds("FONDS_SEEDS is not set or not a directory: seed tests skipped");
		return;
	}
	while ((de = readdir(d)))
		if (strlen(de->d_name) > 4 && de->d_name[3] == '_' &&
		    ends_with(de->d_name, ".txt"))
			strlist_add(&files, de->d_name);
	closedir(d);
	if (files.n != 5) {
		skip_seeds("the seeds directory does not hold the five seed pages");
		strlist_clear(&files);
		return;
	}
	qsort(files.v, files.n, sizeof *files.v, cmp_str);
	memset(all, 0, sizeof all);
	for (size_t i = 0; i < 5; i++) {
		char path[4200];
		struct err e;

		snprintf(path, sizeof path, "%s/%s", dir, files.v[i]);
		if (!ok(run_file(IMPORT_AUTO, path, files.v[i], &all[i], &e) == 0,
		        "seed %s parses", files.v[i]))
			printf("#   %s\n", e.msg);
		is_int(all[i].n, want[i], "seed file record count");
		total += all[i].n;
		warns += all[i].warns.n;
		for (size_t k = 0; k < all[i].n; k++) {
			const struct record *r = &all[i].v[k];
			char key[2048];

			if (r->date.prec == DATE_UNDATED) {
				undated++;
			} else {
				dated++;
				if (!min || r->date.key < min)
					min = r->date.key;
				if (r->date.key > max)
					max = r->date.key;
			}
			snprintf(key, sizeof key, "%d|%s", (int)r->date.key,
			         r->title ? r->title : "");
			if (strlist_find(&keys, key) < 0)
				strlist_add(&keys, key);
		}
	}
	{
		/* the five pages saved one after another into one file */
		struct sbuf cat = { 0 };
		struct got g = { 0 };
		struct err e;
		size_t same = 0;

		for (size_t i = 0; i < 5; i++) {
			char path[4200], buf[4096];
			FILE *fp;
			size_t k;

			snprintf(path, sizeof path, "%s/%s", dir, files.v[i]);
			if (!(fp = fopen(path, "rb")))
				continue;
			while ((k = fread(buf, 1, sizeof buf, fp)) > 0)
				sbuf_addn(&cat, buf, k);
			fclose(fp);
			sbuf_addc(&cat, '\n');
		}
		run_mem(IMPORT_AUTO, "all.txt", cat.s, cat.len, &g, &e);
		is_int(g.n, 47, "the seeds concatenated: still 47 records");
		for (size_t i = 0, k = 0; i < 5; i++)
			for (size_t j = 0; j < all[i].n && k < g.n; j++, k++)
				if (g.v[k].date.key == all[i].v[j].date.key &&
				    g.v[k].title && all[i].v[j].title &&
				    strcmp(g.v[k].title, all[i].v[j].title) == 0 &&
				    ((!g.v[k].summary && !all[i].v[j].summary) ||
				     (g.v[k].summary && all[i].v[j].summary &&
				      strcmp(g.v[k].summary, all[i].v[j].summary) == 0)))
					same++;
		is_int(same, 47, "the same records as page by page");
		got_free(&g);
		sbuf_free(&cat);
	}
	is_int(total, 47, "the five seeds hold 47 records");
	is_int(keys.n, 44, "44 distinct by date and title (3 duplicates)");
	is_int(undated, 1, "one undated record");
	is_int(dated, 46, "46 dated records (43 distinct)");
	is_int(min, 19490924, "earliest date 1949-09-24");
	is_int(max, 19741221, "latest date 1974-12-21");
	is_int(warns, 0, "no warnings on the seeds");

	if (all[0].n == 10) {
		is_str(all[0].v[0].title,
		       "Excerpts from Recollections by the Former Soviet Ambassador "
		       "in North Korea Aleksandr Kapto",
		       "000: the cut-off first record's title");
		ok(all[0].v[0].date.prec == DATE_UNDATED && all[0].v[0].summary,
		   "000: it is undated and has a summary");
		is_int(all[0].v[9].date.key, 19501001, "000: last record 1950-10-01");
		is_str(all[0].v[9].title, "Telegram from Vyshinsky", "000: last title");
	}
	if (all[1].n == 10) {
		is_int(all[1].v[0].date.key, 19510730, "001: first record 1951-07-30");
		is_int(all[1].v[9].date.key, 19500929, "001: last record 1950-09-29");
		ok(has(all[1].v[7].summary, "P\xc3\xa1sztor"), "001: accented name kept");
	}
	if (all[2].n == 9) {
		long k = find_title(&all[2], "Telegram from Czech Embassy in Pyongyang "
		                             "to Foreign Ministry");

		ok(k >= 0, "002: the title-only record");
		ok(k >= 0 && all[2].v[k].date.key == 19630827 && !all[2].v[k].summary,
		   "002: dated 1963-08-27, no summary");
		is_int(all[2].v[0].date.key, 19570724, "002: first record 1957-07-24");
		is_int(all[2].v[8].date.key, 19500930, "002: last record 1950-09-30");
	}
	if (all[3].n == 8) {
		int derived = 0, prefix = 0;

		for (size_t k = 0; k < 8; k++) {
			const struct record *r = &all[3].v[k];
			size_t tl = r->title ? strlen(r->title) : 0;

			if ((r->flags & RECORD_TITLE_DERIVED) && r->summary && !r->type)
				derived++;
			if (ends_with(r->title, ELLIPSIS))
				tl -= 3;
			if (r->title && r->summary && strncmp(r->title, r->summary, tl) == 0)
				prefix++;
		}
		is_int(derived, 8, "003: all 8 are summaries with derived titles");
		is_int(prefix, 8, "003: each title is the start of its summary");
		is_int(all[3].v[0].date.key, 19651220, "003: first record 1965-12-20");
		is_int(all[3].v[7].date.key, 19520716, "003: last record 1952-07-16");
		is_int(all[3].v[0].line, 8, "003: the facet header is not a record");
	}
	if (all[4].n == 10) {
		is_int(all[4].v[0].date.key, 19510626, "004: first record 1951-06-26");
		is_int(all[4].v[9].date.key, 19530418, "004: last record 1953-04-18");
		ok(!has(all[4].v[9].summary, "Pagination"), "004: footer dropped");
	}
	for (size_t i = 0; i < 5; i++)
		got_free(&all[i]);
	strlist_clear(&files);
	strlist_clear(&keys);
}

/* ---- HTML ------------------------------------------------------------ */

static char *html(const char *s, struct strlist *links)
{
	return import_html_text(s, strlen(s), links);
}

static void test_html(void)
{
	struct strlist links = { 0 };
	char *t;

	ok(!html("a < b & c, and <Secret> stays", NULL), "text that is not HTML is left alone");
	ok(!html("plain text", NULL), "plain text is not HTML");
	ok(import_html_is_markup("x &quot;y&quot;", 14), "an entity is markup");
	ok(import_html_is_markup("<br/>", 5), "<br/> is markup");
	ok(!import_html_is_markup("AT&T and 3 < 4", 14), "a bare & and < are not");

	t = html("<p>One &quot;two&quot; &laquo;three&raquo;</p><p>Four<br>five</p>", NULL);
	is_str(t, "One \"two\" \xC2\xABthree\xC2\xBB\n\nFour\nfive", "paragraphs, line breaks, entities");
	free(t);
	t = html("<ul><li>a</li><li>b</li></ul><table><tr><td>1</td><td>2</td></tr>"
	         "<tr><td>3</td><td>4</td></tr></table>", NULL);
	is_str(t, "a\nb\n\n1\t2\n3\t4", "list items and rows are lines, cells tab-separated");
	free(t);
	t = html("<html><head><title>T</title><style>.c{x:y}</style></head><body>"
	         "<script>alert(1)</script><p><span class=\"c\">  spaced \n  out  </span></p>"
	         "</body></html>", NULL);
	is_str(t, "spaced out", "head, style and script dropped, white space collapsed");
	free(t);
	t = html("<p>See <a href=\"https://example.org/x\">the record</a>, "
	         "<a href=\"#n1\">a note</a> and <a href=\"javascript:x()\">this</a>.</p>", &links);
	is_str(t, "See the record, a note and this.", "links kept as their text");
	is_int(links.n, 2, "one address listed (not #... or javascript:)");
	if (links.n == 2) {
		is_str(links.v[0], "the record", "the link's text");
		is_str(links.v[1], "https://example.org/x", "the link's address");
	}
	free(t);
	strlist_clear(&links);
	/* hostile: an internal subset's entities are never expanded */
	t = html("<!DOCTYPE html [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
	         "<p>&b;&b;&b;</p>", NULL);
	ok(t && !strstr(t, "aaaaaaaaaa"), "entities of an internal subset are not expanded");
	free(t);
	t = html("<p><img src=\"file:///etc/passwd\"><iframe src=\"http://example.org/\">x</iframe>ok</p>",
	         NULL);
	is_str(t, "ok", "no file or network is read");
	free(t);
	{
		struct sbuf b = { 0 };
		int64_t t0 = clock_usec();

		for (int i = 0; i < 100000; i++)
			sbuf_add(&b, "<div><span>");
		sbuf_add(&b, "deep");
		t = import_html_text(b.s, b.len, NULL);
		ok(t != NULL && clock_usec() - t0 < 5000000, "100,000 nested elements: bounded, no crash");
		free(t);
		sbuf_free(&b);
	}
}

/* The archive API's records: HTML descriptions, transcripts and
 * translations in Russian, Chinese and Korean. */
static void test_da_texts(void)
{
	struct got g = { 0 };
	struct err e;
	const struct record *r;

	ok(run_fixture(IMPORT_AUTO, "da-texts.json", &g, &e) == 0, "da-texts.json parses");
	is_int(g.n, 3, "three records");
	if (g.n != 3) {
		got_free(&g);
		return;
	}
	r = &g.v[0];
	is_str(r->summary, "The ambassador reports on a talk with Mao Zedong about \"the Korean "
	       "question\" and the coming visit.\n\nSee the original record and top.",
	       "description: HTML to text, paragraphs kept");
	is_int(r->texts.n, 3, "a transcript, a translation and a link");
	if (r->texts.n == 3) {
		is_str(r->texts.v[0].kind, RECORD_TEXT_ORIGINAL, "transcript is the original");
		is_str(r->texts.v[0].language, "Russian", "in the record's language");
		is_str(r->texts.v[0].body, "\xD0\xA2\xD0\xBE\xD0\xB2\xD0\xB0\xD1\x80\xD0\xB8\xD1\x89 "
		       "\xD0\x9C\xD0\xB0\xD0\xBE \xD0\xA6\xD0\xB7\xD1\x8D\xD0\xB4\xD1\x83\xD0\xBD "
		       "\xD1\x81\xD0\xBA\xD0\xB0\xD0\xB7\xD0\xB0\xD0\xBB, \xD1\x87\xD1\x82\xD0\xBE "
		       "\xC2\xAB\xD0\xB2\xD0\xBE\xD0\xBF\xD1\x80\xD0\xBE\xD1\x81 \xD0\xBE "
		       "\xD0\x9A\xD0\xBE\xD1\x80\xD0\xB5\xD0\xB5\xC2\xBB \xD1\x80\xD0\xB5\xD1\x88\xD1\x91"
		       "\xD0\xBD.\n\n\xD0\x92\xD1\x82\xD0\xBE\xD1\x80\xD0\xBE\xD0\xB9 "
		       "\xD0\xB0\xD0\xB1\xD0\xB7\xD0\xB0\xD1\x86\n\xD1\x81\xD0\xBE "
		       "\xD0\xB2\xD1\x82\xD0\xBE\xD1\x80\xD0\xBE\xD0\xB9 "
		       "\xD1\x81\xD1\x82\xD1\x80\xD0\xBE\xD0\xBA\xD0\xBE\xD0\xB9.",
		       "the XHTML page's text, without style or script");
		is_str(r->texts.v[1].kind, RECORD_TEXT_TRANSLATION, "then the translation");
		is_str(r->texts.v[1].language, "English", "translations are English unless said");
		ok(has(r->texts.v[1].body, "first point\nsecond point"), "its list items are lines");
		is_str(r->texts.v[2].kind, RECORD_TEXT_LINK, "the description's link");
		is_str(r->texts.v[2].body, "https://example.org/archive/900001", "its address");
		is_str(r->texts.v[2].label, "original record", "its text");
	}
	r = &g.v[1];
	is_str(r->summary, "A plain summary with a < sign and an & sign, left as it is.",
	       "a summary that is not HTML is exact");
	ok(r->texts.n == 2 && strcmp(r->texts.v[0].language, "Chinese") == 0 &&
	   strcmp(r->texts.v[0].body, "\xE6\xAF\x9B\xE6\xB3\xBD\xE4\xB8\x9C\xE5\x90\x8C\xE6\x84\x8F"
	          "\xE6\xB4\xBE\xE9\x81\xA3\xE5\xBF\x97\xE6\x84\xBF\xE5\x86\x9B\xE5\x85\xA5\xE6\x9C\x9D"
	          "\xE4\xBD\x9C\xE6\x88\x98\xE3\x80\x82\n\n\xE5\xBD\xAD\xE5\xBE\xB7\xE6\x80\x80\xE4\xBB"
	          "\xBB\xE5\x8F\xB8\xE4\xBB\xA4\xE5\x91\x98\xE3\x80\x82") == 0,
	   "a Chinese transcript");
	ok(r->texts.n == 2 && strcmp(r->texts.v[1].language, "English") == 0,
	   "a translation's language as an object");
	r = &g.v[2];
	ok(r->texts.n == 1 && strcmp(r->texts.v[0].language, "Korean") == 0 &&
	   has(r->texts.v[0].body, "\xEA\xB9\x80\xEC\x9D\xBC\xEC\x84\xB1"), "a Korean transcript (html)");
	is_int(g.warns.n, 0, "no warnings");
	got_free(&g);
}

/* ---- TEI ------------------------------------------------------------- */

static long find_id(const struct got *g, const char *id)
{
	for (size_t i = 0; i < g->n; i++)
		if (g->v[i].id && strcmp(g->v[i].id, id) == 0)
			return (long)i;
	return -1;
}

static const struct record_text *text_kind(const struct record *r, const char *kind, size_t nth)
{
	for (size_t i = 0; i < r->texts.n; i++)
		if (strcmp(r->texts.v[i].kind, kind) == 0 && nth-- == 0)
			return &r->texts.v[i];
	return NULL;
}

static void test_tei_fixture(void)
{
	char path[4200];
	struct got g = { 0 };
	struct err e;
	const struct record *r;
	const struct record_text *t;
	long i;

	snprintf(path, sizeof path, "%s/../tei/volume.xml", fixture_dir);
	ok(run_file(IMPORT_AUTO, path, "volume.xml", &g, &e) == 0, "TEI fixture parses (auto)");
	if (*e.msg)
		printf("# %s\n", e.msg);
	is_int(g.n, 5, "five documents, nothing from the front matter");

	i = find_id(&g, "frus1999-00v99/d1");
	ok(i >= 0, "ids are volume/xml:id");
	if (i >= 0) {
		r = &g.v[i];
		is_str(r->title, "Editorial Note", "the number prefix is not in the title");
		is_str(r->type, "Editorial Note", "an editorial note is its own type");
		is_int(r->date.prec, DATE_MONTH, "min/max over a whole month: month precision");
		is_int(r->date.key, 19990300, "the month");
		ok(r->subjects.n == 1 && strcmp(r->subjects.v[0], "demilitarized zone (DMZ)") == 0,
		   "a glossed term is a subject, with what it stands for");
	}
	i = find_id(&g, "frus1999-00v99/d2");
	if (i >= 0) {
		r = &g.v[i];
		is_str(r->title, "Telegram From the Embassy in Testland to the Department of State",
		       "title without its notes");
		is_str(r->type, "Telegram", "type from the title");
		is_int(r->date.key, 19990402, "day from min = max day");
		is_int(r->date.prec, DATE_DAY, "day precision");
		is_str(r->date_text, "April 2, 1999\xE2\x80\x94" "10 a.m.", "the dateline's date as printed");
		is_str(r->source, "Test Archives, File 99.1/4\xE2\x80\x93" "299. Secret. Drafted by John Doe.",
		       "the source note is the source");
		ok(r->places.n == 1 && strcmp(r->places.v[0], "Testville") == 0, "the dateline's place");
		ok(r->collections.n == 1 && has(r->collections.v[0], "Testland, Volume XCIX"),
		   "the volume is the collection");
		ok(strlist_find(&r->people, "Kim Il-sung") >= 0, "a mention links the listed person");
		ok(strlist_find(&r->people, "Andrei A. Gromyko") >= 0, "\"Gromyko, Andrei A.\" turned");
		ok(strlist_find(&r->people, "John Q. Doe") >= 0, "the source note's person too");
		ok(has(r->body, "spoke of the MAC.[2] As"), "a footnote's mark is kept in the text");
		ok(has(r->body, "Then came\n\n[Page 3]\n\nthe second page."), "a page break is kept");
		ok(has(r->body, "[2 paragraphs (5 lines) not declassified]"), "withheld text as printed");
		ok(has(r->body, "first point\nsecond point"), "list items on lines");
		ok(has(r->body, "Name\tPost\nDoe\tAmbassador"), "table rows and cells");
		ok(has(r->body, "was not present.\nA second line."), "lb is a line break");
		ok(has(r->body, "Attachment\n\nAn attached paper with a footnote.[3]"), "the attachment");
		ok(!has(r->body, "Source:"), "the source note is not in the text");
		t = text_kind(r, RECORD_TEXT_NOTE, 0);
		ok(t && strcmp(t->label, "2") == 0 && strcmp(t->body, "See Document 200 in another volume.") == 0,
		   "footnote 2 is a numbered note");
		t = text_kind(r, RECORD_TEXT_NOTE, 1);
		ok(t && strcmp(t->label, "3") == 0, "the attachment's note is note 3");
		t = text_kind(r, RECORD_TEXT_CITATION, 0);
		is_str(t ? t->body : NULL, "Foreign Relations of the United States, 1999\xE2\x80\x93" "2000, "
		       "Testland, Volume XCIX, ed. Ada Editor and Ben Compiler (Springfield: Test Printing "
		       "Office, 2001), Document 2, p. 2.", "the citation: volume, editors, year, number, page");
		is_int(r->cites.n, 2, "two documents cited");
		ok(strlist_find(&r->cites, "frus1964-68v29p1/d200") >= 0, "another volume's document");
		{
			long k = strlist_find(&r->cites, "frus1999-00v99/d1");

			ok(k >= 0 && strcmp(r->cite_why.v[k], "This is explained in Document 1 at length.") == 0,
			   "a citation's reason is the sentence it stands in");
		}
		is_str(r->url, "https://history.state.gov/historicaldocuments/frus1999-00v99/d2", "url");
		ok(r->flags & RECORD_PLAIN, "marked plain text");
	}
	i = find_id(&g, "frus1999-00v99/d3");
	if (i >= 0) {
		r = &g.v[i];
		is_int(r->date.key, 19990506, "no frus dates: the dateline's");
		ok(r->cites.n == 1 && strcmp(r->cites.v[0], "frus1999-00v99/d2") == 0,
		   "a reference to a footnote cites its document");
		t = text_kind(r, RECORD_TEXT_CITATION, 0);
		ok(t && ends_with(t->body, "Document 3, p. 3."), "a document begins on the page it is on");
	}
	i = find_id(&g, "frus1999-00v99/d4");
	if (i >= 0) {
		is_int(g.v[i].date.prec, DATE_YEAR, "a whole year: year precision");
		is_int(g.v[i].date.key, 19990000, "the year");
	}
	i = find_id(&g, "frus1999-00v99/d5");
	if (i >= 0) {
		r = &g.v[i];
		ok(r->date.range && r->date.key == 19990610 && r->date.last == 19990614,
		   "different days: a range");
	}
	got_free(&g);
}

static void test_tei_hostile(void)
{
	static const struct {
		const char *name, *xml, *want;
	} bad[] = {
		{ "billion laughs", "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [\n<!ENTITY a \"aaaaaaaaaa\">\n"
		  "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">\n]>\n"
		  "<TEI xml:id=\"v\"><text><body><div type=\"document\" xml:id=\"d1\"><head>&c;</head>"
		  "</div></body></text></TEI>\n", "t.xml:" },
		{ "external entity", "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM "
		  "\"file:///etc/passwd\">]>\n<TEI><text><body><p>&x;</p></body></text></TEI>\n", "DOCTYPE" },
		{ "undeclared entity", "<?xml version=\"1.0\"?>\n<TEI xml:id=\"v\"><p>&nbsp;</p></TEI>\n",
		  "t.xml:2:" },
		{ "not well-formed", "<?xml version=\"1.0\"?>\n<TEI xml:id=\"v\">\n<text><body>\n"
		  "<div type=\"document\" xml:id=\"d1\"><head>A</head><p>x</div>\n", "t.xml:4: column" },
		{ "truncated", "<?xml version=\"1.0\"?>\n<TEI xml:id=\"v\"><text><body><div type=\"document\" "
		  "xml:id=\"d1\"><head>A</head>", "t.xml:" },
		{ "NUL byte", "<?xml version=\"1.0\"?>\n<TEI>\0</TEI>", "binary" },
	};
	struct got g = { 0 };
	struct err e;

	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		size_t n = strlen(bad[i].xml);

		if (strcmp(bad[i].name, "NUL byte") == 0)
			n = 32;
		ok(run_mem(IMPORT_TEI, "t.xml", bad[i].xml, n, &g, &e) < 0 && has(e.msg, bad[i].want),
		   "%s refused: %s", bad[i].name, e.msg);
		ok(g.n == 0 || strcmp(bad[i].name, "not well-formed") == 0 ||
		   strcmp(bad[i].name, "truncated") == 0, "%s: nothing taken", bad[i].name);
		got_free(&g);
	}
	{
		struct sbuf b = { 0 };

		sbuf_add(&b, "<TEI xml:id=\"v\"><text><body><div type=\"document\" xml:id=\"d1\"><p>");
		for (int i = 0; i < 300; i++)
			sbuf_add(&b, "<hi>");
		ok(run_mem(IMPORT_TEI, "deep.xml", b.s, b.len, &g, &e) < 0 && has(e.msg, "deep"),
		   "deep nesting refused: %s", e.msg);
		got_free(&g);
		sbuf_free(&b);
	}
}

/* The opening of a real volume (../shared/frus), end to end through the
 * parser. Skipped when it is absent, except in CI. */
static void test_frus_excerpt(void)
{
	const char *dir = getenv("FONDS_FRUS");
	const char *ci = getenv("CI");
	char path[4200];
	struct got g = { 0 };
	struct err e;
	FILE *fp;
	long i;

	snprintf(path, sizeof path, "%s/frus1955-57v23p2-head.xml", dir ? dir : ".");
	if (!dir || !(fp = fopen(path, "rb"))) {
		if (ci && strcmp(ci, "true") == 0)
			ok(0, "CI: the FRUS excerpt %s is missing", path);
		else
			skip("FONDS_FRUS (../shared/frus) is absent: the FRUS excerpt test is skipped");
		return;
	}
	fclose(fp);
	ok(run_file(IMPORT_AUTO, path, NULL, &g, &e) == 0, "the FRUS excerpt parses: %s", e.msg);
	is_int(g.n, 21, "its 21 documents");
	i = find_id(&g, "frus1955-57v23p2/d1");
	ok(i >= 0 && strcmp(g.v[i].type, "Editorial Note") == 0 && g.v[i].date.range &&
	   g.v[i].date.key == 19550107 && g.v[i].date.last == 19571231,
	   "d1: an editorial note, 1955-01-07 to 1957-12-31");
	i = find_id(&g, "frus1955-57v23p2/d2");
	if (i >= 0) {
		const struct record *r = &g.v[i];
		const struct record_text *t = text_kind(r, RECORD_TEXT_CITATION, 0);

		is_int(r->date.key, 19550107, "d2: January 7, 1955");
		ok(has(r->title, "Memorandum of a Conversation Between the Secretary of State and the Korean "
		       "Ambassador (Yang)") && !has(r->title, "Source") && r->title[0] == 'M',
		   "d2: the title without number or source note");
		ok(has(r->source, "Department of State, Central Files, 611.95B/1"), "d2: the source note");
		ok(strlist_find(&r->people, "Syngman Rhee") >= 0, "d2: Rhee from the list of persons");
		ok(strlist_find(&r->cites, "frus1955-57v23p2/d7") >= 0, "d2: footnote 5 cites d7");
		ok(has(r->body, "\xE2\x80\x9Ctremendous\n\n[Page 3]\n\nnumbers\xE2\x80\x9D"),
		   "d2: the page break inside a sentence");
		ok(t && has(t->body, "Louis J. Smith") && has(t->body, "1993") && has(t->body, "Document 2, p. 2."),
		   "d2: its citation");
		ok(text_kind(r, RECORD_TEXT_NOTE, 3) != NULL, "d2: four numbered notes");
	}
	i = find_id(&g, "frus1955-57v23p2/d3");
	ok(i >= 0 && g.v[i].date.key == 19550108 && strlist_find(&g.v[i].places, "Seoul") >= 0,
	   "d3: January 8, 1955, Seoul");
	i = find_id(&g, "frus1955-57v23p2/d21");
	ok(i >= 0 && g.v[i].date.key == 19550218, "d21: February 18, 1955");
	got_free(&g);
}

int main(void)
{
	const char *src = getenv("FONDS_SRCDIR");

	snprintf(fixture_dir, sizeof fixture_dir, "%s/tests/data/import",
	         src && *src ? src : ".");
	test_record();
	test_reader();
	test_detect();
	test_page_fixtures();
	test_page_inline();
	test_json_fixtures();
	test_json_inline();
	test_csv();
	test_sink_stop();
	test_hostile();
	test_seeds();
	test_html();
	test_da_texts();
	test_tei_fixture();
	test_tei_hostile();
	test_frus_excerpt();
	return done_testing();
}
