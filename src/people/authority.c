/* authority.c - the name authority: parsing people.txt, merging the user's
 * file into the bundled one, and the folded-form index.
 *
 * The index is a small open-addressing hash table from the folded form of
 * every name, variant, cover and script form to its person. Canonical
 * names win over other forms (a user's new person "Kim" is found as
 * "kim" even when a bundled person has the variant "Kim"); between other
 * forms the first person in file order wins. The index is rebuilt at the
 * end of every load; during a load only canonical names are added to it,
 * which is all that merging needs.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fonds/people.h"
#include "fonds/text.h"
#include "fonds/util.h"
#include "people/internal.h"

int people_is_hangul(uint32_t uc)
{
	return (uc >= 0xAC00 && uc <= 0xD7A3) || (uc >= 0x1100 && uc <= 0x11FF) ||
	       (uc >= 0x3130 && uc <= 0x318F) || (uc >= 0xA960 && uc <= 0xA97F) ||
	       (uc >= 0xD7B0 && uc <= 0xD7FF);
}

int people_is_han(uint32_t uc)
{
	return (uc >= 0x4E00 && uc <= 0x9FFF) || (uc >= 0x3400 && uc <= 0x4DBF) ||
	       (uc >= 0xF900 && uc <= 0xFAFF) || (uc >= 0x20000 && uc <= 0x3FFFF);
}

/* ---- the index ---------------------------------------------------------- */

long authority_probe(const struct authority *a, const char *key, size_t len, int *prefix)
{
	uint64_t h;
	size_t mask, i;

	*prefix = 0;
	if (!a || a->nslots == 0 || len == 0)
		return -1;
	h = hash64(key, len, 0);
	mask = a->nslots - 1;
	for (i = (size_t)h & mask; a->slots[i].key; i = (i + 1) & mask) {
		const struct authority_slot *s = &a->slots[i];

		if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0) {
			*prefix = s->is_prefix;
			return s->is_form ? (long)s->entry : -1;
		}
	}
	return -1;
}

long authority_lookup(const struct authority *a, const char *key, size_t len)
{
	int prefix;

	return authority_probe(a, key, len, &prefix);
}

/* The slot holding key, or the empty slot where it would go. */
static struct authority_slot *index_slot(struct authority_slot *slots, size_t nslots,
					 const char *key, size_t len, uint64_t h)
{
	size_t mask = nslots - 1, i;

	for (i = (size_t)h & mask; slots[i].key; i = (i + 1) & mask)
		if (slots[i].hash == h && slots[i].len == len &&
		    memcmp(slots[i].key, key, len) == 0)
			break;
	return &slots[i];
}

static void index_free(struct authority *a)
{
	for (size_t i = 0; i < a->nslots; i++)
		free(a->slots[i].key);
	free(a->slots);
	a->slots = NULL;
	a->nslots = 0;
	a->nused = 0;
	a->max_words = 0;
	a->max_ideo = 0;
}

/* Grow the table so that one more key keeps it at most half full. */
static void index_reserve(struct authority *a)
{
	struct authority_slot *old = a->slots;
	size_t oldn = a->nslots, n = oldn ? oldn : 64;

	while ((a->nused + 1) * 2 > n)
		n *= 2;
	if (n == oldn)
		return;
	a->slots = xcalloc(n, sizeof *a->slots);
	a->nslots = n;
	for (size_t i = 0; i < oldn; i++)
		if (old[i].key)
			*index_slot(a->slots, n, old[i].key, old[i].len, old[i].hash) = old[i];
	free(old);
}

/* Note the shape of a folded key for the recognizer: its words, and its
 * characters when it is Han or Hangul only. */
static void index_measure(struct authority *a, const char *key, size_t len)
{
	size_t words = 1, chars = 0, i = 0;
	int ideo = 1;

	while (i < len) {
		uint32_t uc;
		size_t l = text_next(key + i, len - i, &uc);

		if (uc == ' ')
			words++;
		if (!people_is_han(uc) && !people_is_hangul(uc))
			ideo = 0;
		chars++;
		i += l;
	}
	if (words > a->max_words)
		a->max_words = words < PEOPLE_MAX_WORDS ? words : PEOPLE_MAX_WORDS;
	if (ideo && chars > a->max_ideo)
		a->max_ideo = chars < PEOPLE_MAX_IDEO ? chars : PEOPLE_MAX_IDEO;
}

/* The slot for key[0..len) (a copy is made when it is new). */
static struct authority_slot *index_put(struct authority *a, const char *key, size_t len)
{
	uint64_t h = hash64(key, len, 0);
	struct authority_slot *s;

	index_reserve(a);
	s = index_slot(a->slots, a->nslots, key, len, h);
	if (!s->key) {
		s->key = xstrndup(key, len);
		s->len = len;
		s->hash = h;
		a->nused++;
	}
	return s;
}

/* Index the folded form of text for person entry. A canonical name takes
 * the slot of another person's variant; otherwise the first one stays.
 * The first word of a form of several words is marked as a prefix. */
static void index_add(struct authority *a, const char *text, size_t entry, int is_name)
{
	char *key = text_fold(text);
	size_t len = strlen(key);
	const char *space = strchr(key, ' ');
	struct authority_slot *s;

	if (len == 0) {
		free(key);
		return;
	}
	s = index_put(a, key, len);
	if (!s->is_form || (is_name && !s->is_name)) {
		s->entry = entry;
		s->is_form = 1;
		s->is_name = (unsigned char)is_name;
	}
	if (space)
		index_put(a, key, (size_t)(space - key))->is_prefix = 1;
	index_measure(a, key, len);
	free(key);
}

static void index_add_list(struct authority *a, const struct strlist *l, size_t entry)
{
	for (size_t i = 0; i < l->n; i++)
		index_add(a, l->v[i], entry, 0);
}

static void index_rebuild(struct authority *a)
{
	index_free(a);
	for (size_t i = 0; i < a->n; i++)
		index_add(a, a->v[i].name, i, 1);
	for (size_t i = 0; i < a->n; i++) {
		index_add_list(a, &a->v[i].variants, i);
		index_add_list(a, &a->v[i].covers, i);
		index_add_list(a, &a->v[i].scripts, i);
	}
}

/* The person whose canonical name folds to key, or -1. */
static long index_find_name(const struct authority *a, const char *key)
{
	size_t len = strlen(key);
	struct authority_slot *s;

	if (a->nslots == 0 || len == 0)
		return -1;
	s = index_slot(a->slots, a->nslots, key, len, hash64(key, len, 0));
	if (!s->key || !s->is_form || !s->is_name)
		return -1;
	return (long)s->entry;
}

/* ---- parsing ------------------------------------------------------------ */

/* The keys of a block that are lists. */
enum { LIST_VARIANT, LIST_COVER, LIST_SCRIPT, NLISTS };

/* A block being read: what it sets, applied to the authority at its end. */
struct block {
	char *name;      /* NULL when no block is open */
	size_t line;     /* line of its name: */
	char *born, *died, *role;
	size_t born_line, died_line, role_line;
	int has[NLISTS]; /* the block lists this key (and so replaces it) */
	struct strlist lists[NLISTS];
	int skipping;    /* a block without name: is being skipped */
};

/* The state of one load. */
struct loader {
	struct authority *a;
	const char *path;
	size_t line;
	void (*warn)(void *ctx, const char *msg);
	void *ctx;
	size_t *defined; /* line where entry i was defined in this file, or 0 */
	size_t ndefined;
	struct block b;
};

static void warn_at(struct loader *ld, size_t line, const char *fmt, ...) FONDS_PRINTF(3, 4);

static void warn_at(struct loader *ld, size_t line, const char *fmt, ...)
{
	struct sbuf msg = { 0 };
	va_list ap;

	if (!ld->warn)
		return;
	sbuf_printf(&msg, "%s:%zu: ", ld->path, line);
	va_start(ap, fmt);
	sbuf_vprintf(&msg, fmt, ap);
	va_end(ap);
	ld->warn(ld->ctx, sbuf_str(&msg));
	sbuf_free(&msg);
}

static void block_clear(struct block *b)
{
	free(b->name);
	free(b->born);
	free(b->died);
	free(b->role);
	for (int i = 0; i < NLISTS; i++)
		strlist_clear(&b->lists[i]);
	memset(b, 0, sizeof *b);
}

static void entry_free(struct person_entry *p)
{
	free(p->name);
	free(p->born);
	free(p->died);
	free(p->role);
	strlist_clear(&p->variants);
	strlist_clear(&p->covers);
	strlist_clear(&p->scripts);
}

static struct strlist *entry_list(struct person_entry *p, int which)
{
	return which == LIST_VARIANT ? &p->variants : which == LIST_COVER ? &p->covers
									   : &p->scripts;
}

/* Move *from into *to when from is set (the block listed that key). */
static void replace_str(char **to, char **from)
{
	if (*from) {
		free(*to);
		*to = *from;
		*from = NULL;
	}
}

/* Apply the open block to the authority and close it. */
static void block_commit(struct loader *ld)
{
	struct block *b = &ld->b;
	struct authority *a = ld->a;
	struct person_entry *p;
	char *key;
	long idx;

	if (!b->name) {
		block_clear(b);
		return;
	}
	key = text_fold(b->name);
	if (!*key) {
		warn_at(ld, b->line, "name \"%s\" has no letters or digits; block skipped",
			b->name);
		free(key);
		block_clear(b);
		return;
	}
	idx = index_find_name(a, key);
	free(key);
	if (idx < 0) {
		array_reserve((void **)&a->v, &a->cap, a->n + 1, sizeof *a->v, 64);
		idx = (long)a->n++;
		memset(&a->v[idx], 0, sizeof a->v[idx]);
		a->v[idx].name = b->name;
		b->name = NULL;
		index_add(a, a->v[idx].name, (size_t)idx, 1);
	} else if ((size_t)idx < ld->ndefined && ld->defined[idx]) {
		warn_at(ld, b->line, "\"%s\" is already defined at line %zu; keys merged",
			b->name, ld->defined[idx]);
	}
	if (ld->ndefined <= (size_t)idx) {
		size_t n = ld->ndefined ? ld->ndefined : 64;

		while (n <= (size_t)idx)
			n *= 2;
		ld->defined = xrealloc(ld->defined, n * sizeof *ld->defined);
		memset(ld->defined + ld->ndefined, 0, (n - ld->ndefined) * sizeof *ld->defined);
		ld->ndefined = n;
	}
	if (!ld->defined[idx])
		ld->defined[idx] = b->line;

	p = &a->v[idx];
	replace_str(&p->name, &b->name); /* a respelling of the same name */
	replace_str(&p->born, &b->born);
	replace_str(&p->died, &b->died);
	replace_str(&p->role, &b->role);
	for (int i = 0; i < NLISTS; i++) {
		if (b->has[i]) {
			struct strlist *l = entry_list(p, i);

			strlist_clear(l);
			*l = b->lists[i];
			memset(&b->lists[i], 0, sizeof b->lists[i]);
		}
	}
	block_clear(b);
}

static int is_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Whether s is a year "1912", a month "1912-04" or a day "1912-04-15". */
static int date_ok(const char *s)
{
	size_t n = strlen(s);
	int m, d;

	if (n != 4 && n != 7 && n != 10)
		return 0;
	if (!is_digits(s, 4))
		return 0;
	if (n == 4)
		return 1;
	if (s[4] != '-' || !is_digits(s + 5, 2))
		return 0;
	m = (s[5] - '0') * 10 + (s[6] - '0');
	if (m < 1 || m > 12)
		return 0;
	if (n == 7)
		return 1;
	if (s[7] != '-' || !is_digits(s + 8, 2))
		return 0;
	d = (s[8] - '0') * 10 + (s[9] - '0');
	return d >= 1 && d <= text_month_days(atoi(s), m);
}

/* Set a scalar key of the open block, warning when it is given twice. */
static void block_set(struct loader *ld, char **field, size_t *line, const char *key,
		      const char *value)
{
	if (*field)
		warn_at(ld, ld->line, "second \"%s:\" in this block (first at line %zu); "
			"this one is used", key, *line);
	free(*field);
	*field = xstrdup(value);
	*line = ld->line;
}

/* Whether key (of length n) looks like a key: a letter, then letters,
 * digits, '-' or '_'. */
static int key_ok(const char *key, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = key[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			continue;
		if (i > 0 && ((c >= '0' && c <= '9') || c == '-' || c == '_'))
			continue;
		return 0;
	}
	return 1;
}

static int key_is(const char *key, size_t n, const char *want)
{
	return strlen(want) == n && strncasecmp(key, want, n) == 0;
}

/* Handle one line, trimmed and valid UTF-8, not blank, not a comment. */
static void parse_line(struct loader *ld, char *line)
{
	struct block *b = &ld->b;
	char *colon = strchr(line, ':');
	size_t klen;
	char *value;
	int list = -1;

	if (!colon || !key_ok(line, (size_t)(colon - line))) {
		if (!b->skipping)
			warn_at(ld, ld->line, "not a \"key: value\" line; ignored");
		return;
	}
	klen = (size_t)(colon - line);
	value = str_trim(colon + 1);

	if (key_is(line, klen, "name")) {
		if (b->name) {
			warn_at(ld, ld->line, "\"name:\" inside a block (blocks are separated "
				"by a blank line); a new block starts here");
			block_commit(ld);
		}
		b->skipping = 0;
		if (!*value) {
			warn_at(ld, ld->line, "empty name; block skipped");
			b->skipping = 1;
			return;
		}
		b->name = xstrdup(value);
		b->line = ld->line;
		return;
	}
	if (b->skipping)
		return;
	if (!b->name) {
		warn_at(ld, ld->line, "a block must start with \"name:\"; lines up to the "
			"next blank line skipped");
		b->skipping = 1;
		return;
	}

	if (key_is(line, klen, "variant"))
		list = LIST_VARIANT;
	else if (key_is(line, klen, "cover"))
		list = LIST_COVER;
	else if (key_is(line, klen, "script"))
		list = LIST_SCRIPT;
	else if (!key_is(line, klen, "born") && !key_is(line, klen, "died") &&
		 !key_is(line, klen, "role"))
		return; /* unknown keys are for later versions */

	if (!*value) {
		warn_at(ld, ld->line, "empty value for \"%.*s:\"; ignored", (int)klen, line);
		return;
	}
	if (list >= 0) {
		b->has[list] = 1;
		if (strlist_find(&b->lists[list], value) < 0)
			strlist_add(&b->lists[list], value);
	} else if (key_is(line, klen, "role")) {
		block_set(ld, &b->role, &b->role_line, "role", value);
	} else {
		int born = key_is(line, klen, "born");

		if (!date_ok(value)) {
			warn_at(ld, ld->line, "%s \"%s\" is not a year (1912) or a date "
				"(1912-04-15); ignored", born ? "born" : "died", value);
			return;
		}
		if (born)
			block_set(ld, &b->born, &b->born_line, "born", value);
		else
			block_set(ld, &b->died, &b->died_line, "died", value);
	}
}

void authority_load_buffer(struct authority *a, const char *name, const char *buf,
			   size_t len, void (*warn)(void *ctx, const char *msg), void *ctx)
{
	struct loader ld = { .a = a, .path = name, .warn = warn, .ctx = ctx };
	size_t pos = 0;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - buf) : len, n = end - pos;
		char *line, *t;

		ld.line++;
		if (n > 0 && buf[pos + n - 1] == '\r')
			n--;
		if (text_is_valid(buf + pos, n)) {
			line = xstrndup(buf + pos, n);
		} else {
			line = text_repair(buf + pos, n);
			warn_at(&ld, ld.line, "invalid UTF-8 or a NUL byte replaced by U+FFFD");
		}
		t = str_trim(line);
		if (!*t) {
			block_commit(&ld);
		} else if (*t != '#') {
			parse_line(&ld, t);
		}
		free(line);
		pos = end + 1;
	}
	block_commit(&ld);
	free(ld.defined);
	index_rebuild(a);
}

int authority_load(struct authority *a, const char *path, int required,
		   void (*warn)(void *ctx, const char *msg), void *ctx, struct err *e)
{
	FILE *f = fopen(path, "rb");
	struct sbuf buf = { 0 };
	char chunk[65536];
	size_t n;
	int failed, saved;

	if (!f) {
		if (errno == ENOENT && !required)
			return 1;
		return err_set(e, "cannot open name authority %s: %s", path, strerror(errno));
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sbuf_addn(&buf, chunk, n);
	saved = errno;
	failed = ferror(f);
	fclose(f);
	if (failed) {
		sbuf_free(&buf);
		return err_set(e, "cannot read name authority %s: %s", path,
			       strerror(saved));
	}
	authority_load_buffer(a, path, sbuf_str(&buf), buf.len, warn, ctx);
	sbuf_free(&buf);
	return 0;
}

/* ---- queries ------------------------------------------------------------ */

/* The folded name key without its initials and titles ("admiral arleigh
 * a burke" -> "arleigh burke"), as lists of persons write names; NULL
 * when that leaves it as it was or with fewer than two words. */
static char *plain_name(const char *key)
{
	static const char *const titles[] = {
		"admiral", "general", "gen", "lieutenant", "colonel", "col", "major", "captain",
		"dr", "mr", "mrs", "sir", "ambassador", "president", "premier", "marshal", "lord"
	};
	struct sbuf b = {0};
	char *copy = xstrdup(key), *save = NULL;
	int words = 0, dropped = 0;

	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		size_t len = strlen(w);
		/* an initial: "a", "a.", "a.a." */
		int drop = len == 1 || (len % 2 == 0 && w[1] == '.' && w[len - 1] == '.');

		for (size_t i = 0; i < ARRAY_LEN(titles) && !drop; i++)
			drop = strcmp(w, titles[i]) == 0;
		if (drop) {
			dropped++;
			continue;
		}
		if (w[len - 1] == '.')
			w[len - 1] = '\0';
		sbuf_printf(&b, "%s%s", b.len ? " " : "", w);
		words++;
	}
	free(copy);
	if (!dropped || words < 2) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_take(&b);
}

const struct person_entry *authority_find(const struct authority *a, const char *text)
{
	char *key, *plain;
	long idx;

	if (!a || !text || a->nslots == 0)
		return NULL;
	key = text_fold(text);
	idx = authority_lookup(a, key, strlen(key));
	if (idx < 0 && (plain = plain_name(key))) {
		idx = authority_lookup(a, plain, strlen(plain));
		free(plain);
	}
	free(key);
	return idx < 0 ? NULL : &a->v[idx];
}

/* Add s to out unless it folds like something in seen; seen keeps folds. */
static void alias_add(struct strlist *out, struct strlist *seen, const char *s)
{
	char *f = text_fold(s);

	if (!*f || strlist_find(seen, f) >= 0) {
		free(f);
		return;
	}
	strlist_take(seen, f);
	strlist_add(out, s);
}

void person_aliases(const struct person_entry *p, struct strlist *out)
{
	struct strlist seen = { 0 };
	const struct strlist *lists[] = { &p->variants, &p->covers, &p->scripts };

	strlist_take(&seen, text_fold(p->name));
	for (size_t i = 0; i < out->n; i++)
		strlist_take(&seen, text_fold(out->v[i]));
	for (size_t k = 0; k < ARRAY_LEN(lists); k++)
		for (size_t i = 0; i < lists[k]->n; i++)
			alias_add(out, &seen, lists[k]->v[i]);
	strlist_clear(&seen);
}

void authority_free(struct authority *a)
{
	for (size_t i = 0; i < a->n; i++)
		entry_free(&a->v[i]);
	free(a->v);
	index_free(a);
	memset(a, 0, sizeof *a);
}

char *authority_default_user_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	struct sbuf b = { 0 };

	if (xdg && xdg[0] == '/')
		sbuf_printf(&b, "%s/fonds/people.txt", xdg);
	else if (home && *home)
		sbuf_printf(&b, "%s/.config/fonds/people.txt", home);
	else
		return NULL;
	return sbuf_take(&b);
}
