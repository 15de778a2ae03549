/* detect.c - telling the input formats apart and running their parsers. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "fonds/import.h"
#include "import/import-int.h"

/* How far import_run looks ahead to guess the format. */
#define DETECT_BYTES 4096

/* 1 when name ends with ext (ASCII case ignored). */
static int has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), k = strlen(ext);

	return n > k && strcasecmp(name + n - k, ext) == 0;
}

/* 1 when the line s[0..n) looks like a CSV header: at least two
 * comma-separated cells, one of which names a field holding text or a
 * date, and none of which is long. */
static int looks_like_csv_header(const char *s, size_t n)
{
	size_t i = 0, cells = 0;
	int known = 0;

	while (i <= n) {
		size_t j = i, a, b;
		int idx;

		while (j < n && s[j] != ',')
			j++;
		a = i;
		b = j;
		while (a < b && (s[a] == ' ' || s[a] == '"'))
			a++;
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '"' || s[b - 1] == '\r'))
			b--;
		if (b - a > 64)
			return 0;
		idx = import_name_find(s + a, b - a);
		if (idx >= 0) {
			enum import_field f = import_names[idx].field;

			if (f == IF_TITLE || f == IF_SUMMARY || f == IF_BODY ||
			    f == IF_DATE || f == IF_DOC_DATE || f == IF_ID)
				known = 1;
		}
		cells++;
		i = j + 1;
	}
	return cells >= 2 && known;
}

enum import_format import_detect(const char *name, const char *head, size_t n)
{
	size_t i = 0, eol;

	if (name) {
		if (has_ext(name, ".json") || has_ext(name, ".jsonl") ||
		    has_ext(name, ".ndjson"))
			return IMPORT_JSON;
		if (has_ext(name, ".csv"))
			return IMPORT_CSV;
		if (has_ext(name, ".txt"))
			return IMPORT_PAGE;
		if (has_ext(name, ".xml") || has_ext(name, ".tei"))
			return IMPORT_TEI;
	}
	if (!head)
		return IMPORT_PAGE;
	if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' ||
	                 head[i] == '\n'))
		i++;
	if (i < n && (head[i] == '{' || head[i] == '['))
		return IMPORT_JSON;
	/* XML: a declaration, or a TEI root */
	if (n - i >= 5 && (memcmp(head + i, "<?xml", 5) == 0 || memcmp(head + i, "<TEI", 4) == 0))
		return IMPORT_TEI;
	for (eol = i; eol < n && head[eol] != '\n'; eol++)
		;
	if (looks_like_csv_header(head + i, eol - i))
		return IMPORT_CSV;
	return IMPORT_PAGE;
}

int import_format_parse(const char *s)
{
	static const struct {
		const char *name;
		enum import_format fmt;
	} names[] = {
		{ "auto", IMPORT_AUTO },  { "page", IMPORT_PAGE },
		{ "txt", IMPORT_PAGE },   { "json", IMPORT_JSON },
		{ "jsonl", IMPORT_JSON }, { "ndjson", IMPORT_JSON },
		{ "csv", IMPORT_CSV },    { "tei", IMPORT_TEI },
		{ "xml", IMPORT_TEI },
	};

	if (!s)
		return -1;
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (strcasecmp(s, names[i].name) == 0)
			return (int)names[i].fmt;
	return -1;
}

int import_run(enum import_format fmt, struct reader *r,
               struct import_sink *sink, struct err *e)
{
	if (fmt == IMPORT_AUTO) {
		size_t n = reader_peek(r, DETECT_BYTES);

		if (reader_error(r, e) < 0)
			return -1;
		fmt = import_detect(r->name, r->buf ? r->buf + r->pos : NULL, n);
	}
	switch (fmt) {
	case IMPORT_JSON:
		return import_json(r, sink, e);
	case IMPORT_CSV:
		return import_csv(r, sink, e);
	case IMPORT_TEI:
		return import_tei(r, sink, e);
	case IMPORT_PAGE:
	case IMPORT_AUTO:
	default:
		return import_page(r, sink, e);
	}
}
