/* common.c - what the import parsers share: field names, warnings, dates,
 * lists, handing records to the sink. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fonds/import.h"
#include "fonds/text.h"
#include "import/import-int.h"

/* Names of one field are listed in order of preference. */
const struct import_name import_names[] = {
	{ "id", IF_ID },
	{ "date", IF_DATE },
	{ "doc_date", IF_DOC_DATE },
	{ "frontend_doc_date", IF_FRONT_DATE },
	{ "date_text", IF_FRONT_DATE },
	{ "title", IF_TITLE },
	{ "summary", IF_SUMMARY },
	{ "description", IF_SUMMARY },
	{ "text", IF_BODY },
	{ "body", IF_BODY },
	{ "full_text", IF_BODY },
	{ "transcript", IF_BODY },
	{ "people", IF_PEOPLE },
	{ "person", IF_PEOPLE },
	{ "creators", IF_PEOPLE },
	{ "contributors", IF_PEOPLE },
	{ "places", IF_PLACES },
	{ "place", IF_PLACES },
	{ "original_coverages", IF_PLACES },
	{ "coverages", IF_PLACES },
	{ "subjects", IF_SUBJECTS },
	{ "subject", IF_SUBJECTS },
	{ "collections", IF_COLLECTIONS },
	{ "collection", IF_COLLECTIONS },
	{ "language", IF_LANGUAGE },
	{ "languages", IF_LANGUAGE },
	{ "source", IF_SOURCE },
	{ "repository", IF_SOURCE },
	{ "repositories", IF_SOURCE },
	{ "url", IF_URL },
	{ "uri", IF_URL },
	{ "type", IF_TYPE },
	{ "related", IF_RELATED },
	{ "links", IF_RELATED },
	{ "attachments", IF_RELATED },
	{ NULL, IF_NONE }
};

static char lower_ascii(char c)
{
	if (c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	if (c == ' ' || c == '-')
		return '_'; /* "Doc Date", "full-text" */
	return c;
}

int import_name_find(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	for (int i = 0; import_names[i].name; i++) {
		const char *name = import_names[i].name;
		size_t k = 0;

		while (k < n && name[k] && lower_ascii(s[k]) == name[k])
			k++;
		if (k == n && name[k] == '\0')
			return i;
	}
	return -1;
}

void import_warn(struct import_sink *sink, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (!sink || !sink->warn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	sink->warn(sink->ctx, msg);
}

int import_emit(struct import_sink *sink, struct record *rec, struct err *e)
{
	int rc = 0;

	import_html_record(rec);
	if (!rec->title)
		record_derive_title(rec);
	if (sink && sink->record)
		rc = sink->record(sink->ctx, rec, e);
	record_clear(rec);
	return rc < 0 ? -1 : 0;
}

/* Call fn for each trimmed, non-empty ';'-separated part of s[0..n). */
static void each_part(const char *s, size_t n, void (*fn)(void *, const char *),
                      void *arg)
{
	size_t i = 0;

	while (i <= n) {
		size_t j = i;
		char *part;

		while (j < n && s[j] != ';')
			j++;
		part = xstrndup(s + i, j - i);
		str_trim(part);
		if (part[0])
			fn(arg, part);
		free(part);
		i = j + 1;
	}
}

static void add_name_cb(void *arg, const char *part)
{
	record_add_name(arg, part);
}

void import_add_list(struct strlist *l, const char *s, size_t n)
{
	if (s)
		each_part(s, n, add_name_cb, l);
}

void import_set_language(struct record *rec, const char *s, size_t n)
{
	struct strlist parts = { 0 };
	struct sbuf b = { 0 };

	if (!s)
		return;
	each_part(s, n, add_name_cb, &parts);
	for (size_t i = 0; i < parts.n; i++) {
		if (i > 0)
			sbuf_add(&b, "; ");
		sbuf_add(&b, parts.v[i]);
	}
	free(rec->language);
	rec->language = b.len ? sbuf_take(&b) : NULL;
	sbuf_free(&b);
	strlist_clear(&parts);
}

char *import_quote(const char *s, size_t len, char *buf, size_t n)
{
	char *fixed = text_repair(s, len);
	size_t i = 0, o = 0;

	if (n < 8) {
		buf[0] = '\0';
		free(fixed);
		return buf;
	}
	while (fixed[i]) {
		unsigned char c = (unsigned char)fixed[i];
		size_t clen = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;

		if (o + clen + 4 > n) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		if (c < 0x20 || c == 0x7F) {
			buf[o++] = '?';
			i++;
		} else if (c == 0xC2 && (unsigned char)fixed[i + 1] < 0xA0) {
			buf[o++] = '?'; /* a C1 control */
			i += 2;
		} else {
			memcpy(buf + o, fixed + i, clen);
			o += clen;
			i += clen;
		}
	}
	buf[o] = '\0';
	free(fixed);
	return buf;
}

/* Turn a sortable "YYYYMMDD" with zero parts ("19500900", "19500000")
 * into the precision it means ("1950-09", "1950"); others are copied. */
static void normalize_sortable(const char *s, char *out, size_t n)
{
	size_t len = strlen(s), i;

	for (i = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (len == 8 && i == 8) {
		if (memcmp(s + 4, "0000", 4) == 0)
			snprintf(out, n, "%.4s", s);
		else if (memcmp(s + 6, "00", 2) == 0)
			snprintf(out, n, "%.4s-%.2s", s, s + 4);
		else
			snprintf(out, n, "%s", s);
		return;
	}
	snprintf(out, n, "%s", s);
}

void import_set_date(struct record *rec, const char *text, const char *sortable,
                     struct import_sink *sink, const char *name, long line)
{
	struct date d;
	char q[128];

	memset(&rec->date, 0, sizeof rec->date);
	free(rec->date_text);
	rec->date_text = NULL;
	if (text)
		record_set(&rec->date_text, text, strlen(text));
	if (sortable) {
		char *s = xstrdup(sortable), norm[64];

		str_trim(s);
		if (!rec->date_text)
			record_set(&rec->date_text, s, strlen(s));
		if (s[0]) {
			normalize_sortable(s, norm, sizeof norm);
			if (text_parse_date(norm, &d) == 0 && d.prec != DATE_UNDATED) {
				rec->date = d;
				free(s);
				return;
			}
		}
		free(s);
	}
	if (!rec->date_text)
		return;
	if (text_parse_date(rec->date_text, &d) == 0) {
		rec->date = d;
		return;
	}
	memset(&rec->date, 0, sizeof rec->date);
	import_warn(sink, "%s:%ld: date \"%s\" not understood", name, line,
	            import_quote(rec->date_text, strlen(rec->date_text), q,
	                         sizeof q));
}
