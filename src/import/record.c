/* record.c - one archival record: clearing, setting fields, titles. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fonds/record.h"
#include "fonds/text.h"

/* Titles derived from a summary are cut at about this many characters. */
#define TITLE_COLS 80

void record_texts_free(struct record_texts *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].kind);
		free(t->v[i].language);
		free(t->v[i].label);
		free(t->v[i].body);
	}
	free(t->v);
	memset(t, 0, sizeof *t);
}

void record_clear(struct record *r)
{
	free(r->id);
	free(r->date_text);
	free(r->title);
	free(r->summary);
	free(r->body);
	free(r->source);
	free(r->language);
	free(r->url);
	free(r->type);
	strlist_clear(&r->people);
	strlist_clear(&r->places);
	strlist_clear(&r->subjects);
	strlist_clear(&r->collections);
	strlist_clear(&r->related);
	strlist_clear(&r->uncertain);
	record_texts_free(&r->texts);
	strlist_clear(&r->cites);
	strlist_clear(&r->cite_why);
	memset(r, 0, sizeof *r);
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

/* Narrow s[0..*n) to its part without white space at either end. */
static const char *trim_range(const char *s, size_t *n)
{
	size_t len = *n;

	while (len > 0 && is_space((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && is_space((unsigned char)s[len - 1]))
		len--;
	*n = len;
	return s;
}

void record_set(char **field, const char *s, size_t n)
{
	free(*field);
	*field = NULL;
	if (!s)
		return;
	s = trim_range(s, &n);
	if (n > 0)
		*field = text_repair(s, n);
}

/* A repaired, trimmed copy of s, or NULL when s is NULL or blank. */
static char *dup_trimmed(const char *s)
{
	char *v = NULL;

	if (s)
		record_set(&v, s, strlen(s));
	return v;
}

void record_add_text(struct record *r, const char *kind, const char *language,
                     const char *label, const char *body)
{
	struct record_text *t;
	char *b = dup_trimmed(body);

	if (!b || !kind || r->texts.n >= RECORD_MAX_TEXTS) {
		free(b);
		return;
	}
	array_reserve((void **)&r->texts.v, &r->texts.cap, r->texts.n + 1,
	              sizeof *r->texts.v, 4);
	t = &r->texts.v[r->texts.n++];
	t->kind = xstrdup(kind);
	t->language = dup_trimmed(language);
	t->label = dup_trimmed(label);
	t->body = b;
}

void record_add_cite(struct record *r, const char *target, const char *why)
{
	char *t = dup_trimmed(target);

	if (!t || strlist_find(&r->cites, t) >= 0 || r->cites.n >= RECORD_MAX_NAMES) {
		free(t);
		return;
	}
	strlist_add(&r->cites, t);
	free(t);
	why = why ? why : "";
	{
		char *w = dup_trimmed(why);

		strlist_add(&r->cite_why, w ? w : "");
		free(w);
	}
}

void record_add_name(struct strlist *l, const char *name)
{
	size_t n;
	char *v;

	if (!name || l->n >= RECORD_MAX_NAMES)
		return;
	n = strlen(name);
	name = trim_range(name, &n);
	if (n == 0)
		return;
	v = text_repair(name, n);
	if (strlist_find(l, v) >= 0)
		free(v);
	else
		strlist_take(l, v);
}

int record_usable(const struct record *r)
{
	return (r->title && r->title[0]) || (r->summary && r->summary[0]) ||
	       (r->body && r->body[0]);
}

/* Words after which a period does not end a sentence. */
static const char *const abbrevs[] = {
	"mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt",
	"adm", "st", "no", "nos", "vs", "etc", "cf", "jr", "sr", "prof",
	"gov", "sen", "rep", "amb", "dept", "vol", "pp", "ca", "approx",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
	"oct", "nov", "dec", "comrade", "tov", "u.s", "u.n", "e.g", "i.e",
};

/* 1 when the word s[0..n) (without its final period) is an abbreviation
 * or an initial, so that the period after it does not end a sentence. */
static int is_abbrev(const char *s, size_t n)
{
	char low[16];

	if (n == 0)
		return 1;
	if (n == 1)
		return 1; /* an initial: "A." */
	if (memchr(s, '.', n))
		return 1; /* "A.M." "I.V." */
	if (n >= sizeof low)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		low[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	low[n] = '\0';
	for (size_t i = 0; i < ARRAY_LEN(abbrevs); i++)
		if (strcmp(low, abbrevs[i]) == 0)
			return 1;
	return 0;
}

/* Length of the first sentence of s (up to and including its final
 * punctuation), or 0 when s holds no sentence end before its end. */
static size_t first_sentence(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		size_t end, w;

		if (c != '.' && c != '!' && c != '?')
			continue;
		end = i + 1;
		/* closing quotes and brackets: " ' ) ] and U+201D U+2019 */
		for (;;) {
			if (end < n && s[end] != '\0' && strchr("\"')]", s[end]))
				end++;
			else if (end + 2 < n && (unsigned char)s[end] == 0xE2 &&
			         (unsigned char)s[end + 1] == 0x80 &&
			         ((unsigned char)s[end + 2] == 0x9D ||
			          (unsigned char)s[end + 2] == 0x99))
				end += 3;
			else
				break;
		}
		if (end < n && !is_space((unsigned char)s[end]))
			continue;
		if (c == '.') {
			w = i;
			while (w > 0 && !is_space((unsigned char)s[w - 1]))
				w--;
			/* skip opening quotes and brackets */
			while (w < i && s[w] != '\0' && strchr("\"'([", s[w]))
				w++;
			if (is_abbrev(s + w, i - w))
				continue;
		}
		return end;
	}
	return 0;
}

/* Number of UTF-8 characters in s[0..n). */
static size_t count_chars(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

/* Append s[0..n) to b with every run of white space made one space. */
static void add_collapsed(struct sbuf *b, const char *s, size_t n)
{
	int space = 0;

	for (size_t i = 0; i < n; i++) {
		if (is_space((unsigned char)s[i])) {
			space = 1;
			continue;
		}
		if (space && b->len > 0)
			sbuf_addc(b, ' ');
		space = 0;
		sbuf_addc(b, s[i]);
	}
}

/* Little words that should not end a shortened title. */
static const char *const weak_words[] = {
	"a", "an", "the", "of", "to", "in", "on", "and", "or", "for", "with",
	"by", "at", "from", "about", "as", "into", "that", "which", "their",
	"his", "her", "its",
};

/* Drop trailing punctuation and little words from a cut title, keeping
 * at least its first word. */
static void trim_tail(struct sbuf *b)
{
	for (;;) {
		size_t w;
		int weak = 0;

		while (b->len > 0 && b->s[b->len - 1] != '\0' &&
		       strchr(" ,;:-(", b->s[b->len - 1]))
			b->s[--b->len] = '\0';
		w = b->len;
		while (w > 0 && b->s[w - 1] != ' ')
			w--;
		if (w == 0)
			return;
		for (size_t i = 0; i < ARRAY_LEN(weak_words); i++)
			if (strlen(weak_words[i]) == b->len - w &&
			    strncasecmp(b->s + w, weak_words[i], b->len - w) == 0)
				weak = 1;
		if (!weak)
			return;
		b->len = w;
		b->s[b->len] = '\0';
	}
}

void record_derive_title(struct record *r)
{
	const char *src = r->summary ? r->summary : r->body;
	struct sbuf b = { 0 };
	size_t n, sent;

	if ((r->title && r->title[0]) || !src)
		return;
	n = strlen(src);
	src = trim_range(src, &n);
	if (n == 0)
		return;
	sent = first_sentence(src, n);
	if (sent == 0)
		sent = n;
	if (count_chars(src, sent) <= TITLE_COLS) {
		add_collapsed(&b, src, sent);
		/* a title has no final period */
		if (b.len > 1 && b.s[b.len - 1] == '.' && b.s[b.len - 2] != '.')
			b.s[--b.len] = '\0';
	} else {
		/* cut at the last space within TITLE_COLS characters */
		size_t i = 0, chars = 0, cut = 0;

		while (i < sent && chars < TITLE_COLS) {
			if (is_space((unsigned char)src[i]))
				cut = i;
			i++;
			while (i < sent && ((unsigned char)src[i] & 0xC0) == 0x80)
				i++;
			chars++;
		}
		if (i < sent && is_space((unsigned char)src[i]))
			cut = i;
		if (cut == 0)
			cut = i; /* one long word: cut between characters */
		add_collapsed(&b, src, cut);
		trim_tail(&b);
		sbuf_add(&b, "\xE2\x80\xA6");
	}
	free(r->title);
	r->title = text_repair(b.s, b.len);
	sbuf_free(&b);
	r->flags |= RECORD_TITLE_DERIVED;
}
