/* gen.c - a deterministic generator of realistic collections for the
 * benchmarks: N documents in fonds' JSON Lines shape.
 *
 *   gen [-s SEED] N            write N documents to standard output
 *   gen [-s SEED] --word RANK  print the vocabulary word of that rank
 *
 * Everything comes from one seeded PRNG (xoshiro256**), so the same seed
 * and N give the same bytes on every machine. What it makes, and why:
 * - dates over 1945-1991, clustered in the years of the wars and crises
 *   of the Cold War; about 5% with the month only, 3% the year only and
 *   1% undated; written in the varied forms fonds parses;
 * - 1-6 people from a pool of a few thousand made-up names, Latin,
 *   accented, Cyrillic and Hangul, some far more frequent than others;
 * - places, subjects, collections and languages from pools;
 * - titles in the shapes of real catalogues (telegrams, records of
 *   conversation, journal entries), which fonds reads for relations;
 * - summaries of 200-600 bytes drawn from a vocabulary with a Zipf-like
 *   distribution, so that some words are in most documents and some in a
 *   handful (which is what makes search benchmarks meaningful);
 * - about 10% with a full text of 2-20 KB, about 30% with 1-3 related
 *   ids pointing to other generated documents;
 * - 5% with a transcript of 300-3000 bytes in Chinese (no spaces) or
 *   Korean, drawn from a generator of their own (the other fields are
 *   the same with or without them);
 * - one in 100,000 (bench-0005000, bench-0105000, ...: LONG_EVERY) a
 *   long document for the reader: a full text of about 500 KB in some
 *   1,200 paragraphs, a "[Page n]" line every 3 KB or so, and a footnote
 *   mark "[k]" on each page with its note among the texts, from a
 *   generator of its own (the rest of the corpus is unchanged).
 * Word of rank r (0-based) has probability proportional to 1/(r+2.7).
 * With the full texts that is about 1.5 KB of text per document on average;
 * it writes 1M documents (about 2 GB) in well under a minute.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VOCAB 60000
#define NPEOPLE 4000
#define NPLACES 400
#define NSUBJECTS 240
#define NCOLLECTIONS 60
#define DEFAULT_SEED 19450508u

/* --- the PRNG: xoshiro256** seeded through splitmix64 -------------------- */

struct rng {
	uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static void rng_seed(struct rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s, out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

/* A uniform integer in [0, n). */
static uint32_t rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* A uniform double in [0, 1). */
static double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* --- Walker's alias tables: O(1) draws from a fixed distribution --------- */

struct alias {
	uint32_t n;
	double *prob;
	uint32_t *thresh; /* prob scaled to 2^32: one PRNG draw per sample */
	uint32_t *alias;
};

static void *xmalloc_(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fprintf(stderr, "gen: out of memory\n");
		exit(2);
	}
	return p;
}

static char *xstrdup_(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc_(n), s, n);
}

static void alias_init(struct alias *a, const double *w, uint32_t n)
{
	double sum = 0, *p = xmalloc_(n * sizeof *p);
	uint32_t *small = xmalloc_(n * sizeof *small), *large = xmalloc_(n * sizeof *large);
	uint32_t ns = 0, nl = 0, i;

	a->n = n;
	a->prob = xmalloc_(n * sizeof *a->prob);
	a->alias = xmalloc_(n * sizeof *a->alias);
	for (i = 0; i < n; i++)
		sum += w[i];
	for (i = 0; i < n; i++) {
		p[i] = w[i] * n / sum;
		if (p[i] < 1.0)
			small[ns++] = i;
		else
			large[nl++] = i;
	}
	while (ns && nl) {
		uint32_t s = small[--ns], l = large[--nl];

		a->prob[s] = p[s];
		a->alias[s] = l;
		p[l] = (p[l] + p[s]) - 1.0;
		if (p[l] < 1.0)
			small[ns++] = l;
		else
			large[nl++] = l;
	}
	while (nl) {
		uint32_t l = large[--nl];

		a->prob[l] = 1.0;
		a->alias[l] = l;
	}
	while (ns) {
		uint32_t s = small[--ns];

		a->prob[s] = 1.0;
		a->alias[s] = s;
	}
	a->thresh = xmalloc_(n * sizeof *a->thresh);
	for (i = 0; i < n; i++)
		a->thresh[i] = a->prob[i] >= 1.0 ? UINT32_MAX :
		               (uint32_t)(a->prob[i] * 4294967296.0);
	free(p);
	free(small);
	free(large);
}

/* The high half of one draw picks the column, the low half the side. */
static void alias_free(struct alias *a)
{
	free(a->prob);
	free(a->thresh);
	free(a->alias);
}

static uint32_t alias_draw(const struct alias *a, struct rng *r)
{
	uint64_t x = rng_next(r);
	uint32_t i = (uint32_t)(((x >> 32) * (uint64_t)a->n) >> 32);

	return (uint32_t)x < a->thresh[i] ? i : a->alias[i];
}

/* Zipf-like weights 1/(rank + q). */
static void zipf_init(struct alias *a, uint32_t n, double q)
{
	double *w = xmalloc_(n * sizeof *w);

	for (uint32_t i = 0; i < n; i++)
		w[i] = 1.0 / (i + q);
	alias_init(a, w, n);
	free(w);
}

/* --- output: one big buffer, JSON strings escaped ------------------------- */

struct out {
	char *buf;
	size_t len, cap;
	FILE *fp;
};

static void out_flush(struct out *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, o->fp) != o->len) {
		fprintf(stderr, "gen: write error: %s\n", strerror(errno));
		exit(2);
	}
	o->len = 0;
}

static void out_reserve(struct out *o, size_t n)
{
	if (o->len + n > o->cap)
		out_flush(o);
	if (n > o->cap) {
		o->cap = n * 2;
		o->buf = realloc(o->buf, o->cap);
		if (!o->buf) {
			fprintf(stderr, "gen: out of memory\n");
			exit(2);
		}
	}
}

static void out_raw(struct out *o, const char *s, size_t n)
{
	out_reserve(o, n);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void out_s(struct out *o, const char *s)
{
	out_raw(o, s, strlen(s));
}

static void out_c(struct out *o, char c)
{
	out_reserve(o, 1);
	o->buf[o->len++] = c;
}

/* A JSON string; what we generate has no control characters but new
 * lines, and no backslashes, but escape them all the same. */
static void out_str(struct out *o, const char *s, size_t n)
{
	out_reserve(o, n * 2 + 2);
	o->buf[o->len++] = '"';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\') {
			o->buf[o->len++] = '\\';
			o->buf[o->len++] = (char)c;
		} else if (c == '\n') {
			o->buf[o->len++] = '\\';
			o->buf[o->len++] = 'n';
		} else if (c < 0x20) {
			o->buf[o->len++] = ' ';
		} else {
			o->buf[o->len++] = (char)c;
		}
	}
	o->buf[o->len++] = '"';
}

static void out_field(struct out *o, const char *key, const char *s)
{
	out_c(o, ',');
	out_c(o, '"');
	out_s(o, key);
	out_s(o, "\":");
	out_str(o, s, strlen(s));
}

/* A string builder on the stack's side (for titles, names, text). */
struct buf {
	char *s;
	size_t len, cap;
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s) {
			fprintf(stderr, "gen: out of memory\n");
			exit(2);
		}
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void buf_printf(struct buf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n > 0)
		buf_add(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

static char *buf_take(struct buf *b)
{
	char *s = b->s ? b->s : xstrdup_("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

/* --- the vocabulary -------------------------------------------------------- */

/* The most frequent words are real function and archive words; the rest
 * are made of syllables, shorter ones more frequent, as in real text. */
static const char *const top_words[] = {
	"the", "of", "and", "to", "in", "a", "that", "was", "for", "on",
	"with", "as", "by", "is", "at", "from", "his", "which", "be", "it",
	"this", "not", "had", "soviet", "government", "would", "were", "an",
	"their", "they", "have", "party", "war", "he", "but", "all", "also",
	"its", "are", "been", "korean", "military", "has", "them", "ambassador",
	"comrade", "will", "situation", "question", "during", "embassy",
	"delegation", "meeting", "forces", "leadership", "chinese", "american",
	"economic", "minister", "foreign", "political", "letter", "report",
	"talks", "border", "aid", "army", "people", "state", "union",
};

static const char *const syl[] = {
	"ka", "to", "ri", "ne", "mo", "sa", "lu", "vi", "de", "po",
	"ta", "ki", "ro", "na", "me", "su", "la", "vo", "di", "pe",
	"ga", "bo", "zi", "te", "mu", "ha", "no", "li", "fe", "ru",
	"dan", "mir", "kol", "sen", "tar", "vel", "gor", "lin", "pas", "nor",
	"bra", "tri", "sto", "kra", "pla", "gre", "dro", "fli", "sku", "tho",
	"ar", "el", "in", "or", "us", "an", "en", "is", "on", "um",
	"vas", "zor", "hel", "mak",
};
#define NSYL (sizeof syl / sizeof syl[0])
#define NTOP (sizeof top_words / sizeof top_words[0])

/* Word of rank r into w (at least 64 bytes): top words first, then the
 * syllable numerals of r - NTOP + NSYL (two syllables and up, unique). */
static void vocab_word(uint32_t r, char *w)
{
	uint32_t x, digits[8];
	int n = 0;

	if (r < NTOP) {
		strcpy(w, top_words[r]);
		return;
	}
	x = r - (uint32_t)NTOP + (uint32_t)NSYL;
	while (x) {
		digits[n++] = x % NSYL;
		x /= NSYL;
	}
	w[0] = '\0';
	while (n-- > 0)
		strcat(w, syl[digits[n]]);
	/* a one-letter tail keeps words from colliding with the top list */
	strcat(w, r % 3 == 0 ? "k" : r % 3 == 1 ? "t" : "s");
}

struct vocab {
	char *word[VOCAB];
	uint8_t len[VOCAB];
	struct alias dist;
};

static void vocab_init(struct vocab *v)
{
	char w[64];

	for (uint32_t r = 0; r < VOCAB; r++) {
		vocab_word(r, w);
		v->word[r] = xstrdup_(w);
		v->len[r] = (uint8_t)strlen(w);
	}
	zipf_init(&v->dist, VOCAB, 2.7);
}

static void buf_reserve(struct buf *b, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s) {
			fprintf(stderr, "gen: out of memory\n");
			exit(2);
		}
	}
}

static void vocab_free(struct vocab *v)
{
	for (uint32_t r = 0; r < VOCAB; r++)
		free(v->word[r]);
	alias_free(&v->dist);
}

/* Sentences of 6-22 words until about n bytes; paragraphs with para.
 * Words are copied by hand: they are short, and this is the hot loop. */
static void gen_text(struct buf *b, struct rng *r, const struct vocab *v,
                     size_t n, int para)
{
	size_t start = b->len;
	int in_para = 0;
	char *d;

	buf_reserve(b, n + 40 * 64);
	d = b->s + b->len;
	while ((size_t)(d - b->s) - start < n) {
		int words = 6 + (int)rng_below(r, 17);

		if ((size_t)(d - b->s) > start) {
			in_para++;
			if (para && in_para % 6 == 0)
				*d++ = '\n', *d++ = '\n';
			else
				*d++ = ' ';
		}
		for (int i = 0; i < words; i++) {
			uint32_t k = alias_draw(&v->dist, r);
			const char *w = v->word[k];
			int len = v->len[k];

			if (i > 0)
				*d++ = ' ';
			*d++ = i == 0 ? (char)(w[0] - 'a' + 'A') : w[0];
			for (int j = 1; j < len; j++)
				*d++ = w[j];
			if (i + 1 < words && (rng_next(r) & 15) == 0)
				*d++ = ',';
		}
		*d++ = '.';
	}
	*d = '\0';
	b->len = (size_t)(d - b->s);
}

/* --- names ------------------------------------------------------------------ */

static const char *const lat_syl[] = {
	"an", "ber", "cal", "dor", "ed", "fran", "gus", "hal", "ir", "jo",
	"ken", "lor", "mar", "nel", "os", "per", "quin", "ras", "sel", "tom",
	"ul", "van", "wil", "xan", "yor", "zel", "ma", "ri", "to", "la",
};
static const char *const acc_syl[] = {
	"á", "é", "ö", "ñ", "ç", "ł", "ř", "ü", "ø", "ã",
	"ló", "ré", "sző", "dź", "vá", "ní", "kö", "ží", "bé", "ça",
};
static const char *const cyr_syl[] = {
	"ва", "си", "лий", "ни", "ко", "лай", "ми", "ха", "ил", "пе",
	"тр", "ан", "дре", "се", "ргей", "бо", "рис", "ти", "мо", "фей",
};
static const char *const cyr_end[] = { "ов", "ев", "ин", "ский", "енко", "ович" };
static const char *const hangul_family[] = {
	"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오",
};
static const char *const hangul_syl[] = {
	"일", "성", "정", "은", "현", "민", "수", "영", "철", "호",
	"동", "진", "희", "준", "광", "태", "명", "선", "용", "석",
};
#define N(a) (sizeof(a) / sizeof((a)[0]))

static void cap_ascii(char *s)
{
	if (*s >= 'a' && *s <= 'z')
		*s = (char)(*s - 'a' + 'A');
}

/* A word of k syllables from list, capitalised when it starts in ASCII. */
static void name_word(struct buf *b, struct rng *r, const char *const *list,
                      size_t n, int k)
{
	size_t at = b->len;

	for (int i = 0; i < k; i++)
		buf_puts(b, list[rng_below(r, (uint32_t)n)]);
	cap_ascii(b->s + at);
}

/* A made-up person: 55% Latin, 15% Latin with accents, 15% Cyrillic,
 * 15% Hangul. */
static char *make_person(struct rng *r)
{
	static const char *const cyr_cap[] = {
		"А", "Б", "В", "Г", "Д", "Е", "Ж", "З", "И", "К",
		"Л", "М", "Н", "О", "П", "Р", "С", "Т", "Ф", "Ч",
	};
	struct buf b = {0};
	uint32_t kind = rng_below(r, 100);

	if (kind < 55) {
		name_word(&b, r, lat_syl, N(lat_syl), 2);
		buf_puts(&b, " ");
		if (rng_below(r, 5) == 0) {
			/* a middle initial: "Jomar K. Selvan" */
			size_t at = b.len;

			name_word(&b, r, lat_syl, N(lat_syl), 1);
			b.len = at + 1;
			buf_puts(&b, ". ");
		}
		name_word(&b, r, lat_syl, N(lat_syl), 2 + (int)rng_below(r, 2));
	} else if (kind < 70) {
		name_word(&b, r, lat_syl, N(lat_syl), 1);
		buf_puts(&b, acc_syl[rng_below(r, N(acc_syl))]);
		buf_puts(&b, " ");
		name_word(&b, r, lat_syl, N(lat_syl), 1);
		buf_puts(&b, acc_syl[rng_below(r, N(acc_syl))]);
		buf_puts(&b, lat_syl[rng_below(r, N(lat_syl))]);
	} else if (kind < 85) {
		buf_puts(&b, cyr_cap[rng_below(r, N(cyr_cap))]);
		name_word(&b, r, cyr_syl, N(cyr_syl), 1 + (int)rng_below(r, 2));
		buf_puts(&b, " ");
		buf_puts(&b, cyr_cap[rng_below(r, N(cyr_cap))]);
		name_word(&b, r, cyr_syl, N(cyr_syl), 1 + (int)rng_below(r, 2));
		buf_puts(&b, cyr_end[rng_below(r, N(cyr_end))]);
	} else {
		/* written together, family name first: "김정현" */
		buf_puts(&b, hangul_family[rng_below(r, N(hangul_family))]);
		name_word(&b, r, hangul_syl, N(hangul_syl), 2);
	}
	return buf_take(&b);
}

static const char *const real_places[] = {
	"Moscow", "Pyongyang", "Seoul", "Beijing", "Washington", "Hanoi",
	"Berlin", "Havana", "Warsaw", "Prague", "Budapest", "Bucharest",
	"Sofia", "Belgrade", "Tirana", "Ulaanbaatar", "Kabul", "Saigon",
	"Tokyo", "London", "Paris", "Bonn", "Vienna", "Geneva", "Panmunjom",
	"Kaesong", "Shenyang", "Vladivostok", "Tashkent", "Delhi",
};
static const char *const place_end[] = {
	"grad", "ville", "burg", "sk", "ovo", "pur", "stad", "ia", "an", "dong",
};
static const char *const subject_heads[] = {
	"Military aid", "Economic cooperation", "Border disputes", "Propaganda",
	"Nuclear weapons", "Reunification", "Prisoners of war", "Armistice",
	"Trade", "Agriculture", "Education", "Intelligence", "Refugees",
	"Party congresses", "Diplomacy", "Industry", "Press", "Religion",
	"Youth", "Science", "Air war", "Naval forces", "Guerrilla warfare",
	"Elections", "Purges", "Famine", "Transport", "Culture", "Sport",
	"Health",
};
static const char *const collection_heads[] = {
	"Korean War", "Vietnam War", "Berlin Crisis", "Cuban Missile Crisis",
	"Sino-Soviet Split", "Warsaw Pact", "Hungarian Revolution",
	"Prague Spring", "Soviet Invasion of Afghanistan", "Polish Crisis",
	"End of the Cold War", "Nuclear History", "Cold War Origins",
	"North Korean International Documentation", "Chinese Foreign Policy",
};
static const char *const languages[] = {
	"Russian", "Russian", "Russian", "Chinese", "Chinese", "Korean",
	"Korean", "English", "English", "German", "Polish", "Hungarian",
	"Czech", "Romanian", "Bulgarian", "Vietnamese", "Mongolian", "French",
};

struct pools {
	char *people[NPEOPLE];
	struct alias people_dist;
	char *places[NPLACES];
	struct alias place_dist;
	char *subjects[NSUBJECTS];
	struct alias subject_dist;
	char *collections[NCOLLECTIONS];
	double year_cdf[47];
};

static void pools_init(struct pools *p, struct rng *r)
{
	char w[64];
	struct buf b = {0};
	size_t i;

	for (i = 0; i < NPEOPLE; i++) {
		char *s;

		/* made-up names may repeat: retry a few times */
		for (int t = 0;; t++) {
			size_t j;

			s = make_person(r);
			for (j = 0; j < i && strcmp(p->people[j], s) != 0; j++)
				;
			if (j == i || t > 8)
				break;
			free(s);
		}
		p->people[i] = s;
	}
	zipf_init(&p->people_dist, NPEOPLE, 3.0);
	for (i = 0; i < NPLACES; i++) {
		if (i < N(real_places)) {
			p->places[i] = xstrdup_(real_places[i]);
			continue;
		}
		name_word(&b, r, lat_syl, N(lat_syl), 1 + (int)rng_below(r, 2));
		buf_puts(&b, place_end[i % N(place_end)]);
		buf_printf(&b, "%s", i % 7 == 0 ? " Province" : "");
		p->places[i] = buf_take(&b);
	}
	zipf_init(&p->place_dist, NPLACES, 2.0);
	for (i = 0; i < NSUBJECTS; i++) {
		if (i < N(subject_heads)) {
			p->subjects[i] = xstrdup_(subject_heads[i]);
			continue;
		}
		vocab_word((uint32_t)(200 + i * 37), w);
		cap_ascii(w);
		buf_printf(&b, "%s (%s)", subject_heads[i % N(subject_heads)], w);
		p->subjects[i] = buf_take(&b);
	}
	zipf_init(&p->subject_dist, NSUBJECTS, 2.0);
	for (i = 0; i < NCOLLECTIONS; i++) {
		if (i < N(collection_heads))
			buf_puts(&b, collection_heads[i]);
		else
			buf_printf(&b, "%s, Series %zu",
			           collection_heads[i % N(collection_heads)],
			           i / N(collection_heads) + 1);
		p->collections[i] = buf_take(&b);
	}

	/* years 1945..1991: a base weight, more in the war and crisis years */
	{
		double wsum = 0, acc = 0, wy[47];

		for (int y = 0; y < 47; y++) {
			int year = 1945 + y;
			double wt = 1.0;

			if (year >= 1950 && year <= 1953)
				wt = 6.0; /* Korean War */
			else if (year >= 1965 && year <= 1973)
				wt = 3.0; /* Vietnam */
			else if (year == 1956 || year == 1961 || year == 1962 || year == 1968)
				wt = 2.5; /* Hungary, Berlin, Cuba, Prague */
			else if (year >= 1979 && year <= 1989)
				wt = 1.8; /* Afghanistan */
			wy[y] = wt;
			wsum += wt;
		}
		for (int y = 0; y < 47; y++) {
			acc += wy[y] / wsum;
			p->year_cdf[y] = acc;
		}
	}
}

static void pools_free(struct pools *p)
{
	for (size_t i = 0; i < NPEOPLE; i++)
		free(p->people[i]);
	for (size_t i = 0; i < NPLACES; i++)
		free(p->places[i]);
	for (size_t i = 0; i < NSUBJECTS; i++)
		free(p->subjects[i]);
	for (size_t i = 0; i < NCOLLECTIONS; i++)
		free(p->collections[i]);
	alias_free(&p->people_dist);
	alias_free(&p->place_dist);
	alias_free(&p->subject_dist);
}

/* --- documents ------------------------------------------------------------- */

static const char *const month_name[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};
static const char *const month_abbr[12] = {
	"Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.",
	"Sept.", "Oct.", "Nov.", "Dec.",
};

static int days_in(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && y % 4 == 0 ? 29 : d[m - 1];
}

/* The date string of a document; *year etc. for titles ("" undated). */
static void gen_date(struct buf *b, struct rng *r, const struct pools *p,
                     int *year, int *month, int *day)
{
	double u = rng_unit(r);
	uint32_t prec = rng_below(r, 100), form = rng_below(r, 10);
	int y = 0, m, d;

	while (y < 46 && u >= p->year_cdf[y])
		y++;
	y += 1945;
	m = 1 + (int)rng_below(r, 12);
	/* within the Korean War, summer 1950 and 1953 draw more */
	if ((y == 1950 || y == 1953) && rng_below(r, 3) == 0)
		m = 6 + (int)rng_below(r, 3);
	d = 1 + (int)rng_below(r, (uint32_t)days_in(y, m));
	*year = y;
	*month = m;
	*day = d;
	if (prec < 1) {
		*year = 0;
		if (form < 5)
			buf_puts(b, "undated"); /* else: no date at all */
		return;
	}
	if (prec < 4) {
		*month = *day = 0;
		buf_printf(b, "%d", y);
		return;
	}
	if (prec < 9) {
		*day = 0;
		if (form < 4)
			buf_printf(b, "%s %d", month_name[m - 1], y);
		else if (form < 7)
			buf_printf(b, "%s %d", month_abbr[m - 1], y);
		else
			buf_printf(b, "%d-%02d", y, m);
		return;
	}
	if (form < 4)
		buf_printf(b, "%s %d, %d", month_name[m - 1], d, y);
	else if (form < 8)
		buf_printf(b, "%d-%02d-%02d", y, m, d);
	else if (form < 9)
		buf_printf(b, "%d %s %d", d, month_name[m - 1], y);
	else
		buf_printf(b, "%s %d, %d", month_abbr[m - 1], d, y);
}

/* The surname (last word) of a person, for titles. */
static const char *surname(const char *name)
{
	const char *s = strrchr(name, ' ');

	return s ? s + 1 : name;
}

static void gen_title(struct buf *b, struct rng *r, char **people, int np,
                      const struct pools *p, int year, int month, int day)
{
	const char *x = surname(people[0]);
	const char *y = np > 1 ? surname(people[1]) :
	                surname(p->people[alias_draw(&p->people_dist, r)]);
	uint32_t k = rng_below(r, 100);

	if (k < 25)
		buf_printf(b, "Telegram from %s to %s", x, y);
	else if (k < 35)
		buf_printf(b, "Ciphered Telegram No. %u from %s to %s",
		           1000 + rng_below(r, 900000), x, y);
	else if (k < 55)
		buf_printf(b, "Record of Conversation between %s and %s", x, y);
	else if (k < 62)
		buf_printf(b, "Memorandum of Conversation between %s and %s", x, y);
	else if (k < 72)
		buf_printf(b, "Letter from %s to %s", x, y);
	else if (k < 84 && year && day)
		buf_printf(b, "Journal of Ambassador %s for %d %s %d", people[0],
		           day, month_name[month - 1], year);
	else if (k < 92)
		buf_printf(b, "Report by %s on the %s", x,
		           p->subjects[alias_draw(&p->subject_dist, r)]);
	else
		buf_printf(b, "Minutes of the Meeting of %s and %s on the %s", x, y,
		           p->places[alias_draw(&p->place_dist, r)]);
}

/* Pick k distinct entries from an alias distribution. */
static int pick(uint32_t *out, int k, const struct alias *a, struct rng *r)
{
	int n = 0;

	for (int tries = 0; n < k && tries < k * 8; tries++) {
		uint32_t v = alias_draw(a, r);
		int j;

		for (j = 0; j < n && out[j] != v; j++)
			;
		if (j == n)
			out[n++] = v;
	}
	return n;
}

static void out_list(struct out *o, const char *key, char *const *pool,
                     const uint32_t *idx, int n)
{
	out_c(o, ',');
	out_c(o, '"');
	out_s(o, key);
	out_s(o, "\":[");
	for (int i = 0; i < n; i++) {
		if (i)
			out_c(o, ',');
		out_str(o, pool[idx[i]], strlen(pool[idx[i]]));
	}
	out_c(o, ']');
}

/* Append the UTF-8 of code point c. */
static void buf_utf8(struct buf *b, uint32_t c)
{
	char u[4];

	u[0] = (char)(0xE0 | (c >> 12));
	u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
	u[2] = (char)(0x80 | (c & 0x3F));
	buf_add(b, u, 3);
}

/* A transcript of about n bytes in Chinese (no spaces between words) or
 * Korean (syllables in words of 2-4 with spaces): characters drawn with a
 * skewed distribution from a block of common Han characters or Hangul
 * syllables, so that some pairs are common and most are rare. */
static void gen_cjk(struct buf *b, struct rng *r, int korean, size_t n)
{
	/* U+4E00.., U+AC00..: 3000 characters, 2000 syllables */
	uint32_t base = korean ? 0xAC00 : 0x4E00, span = korean ? 2000 : 3000;

	while (b->len < n) {
		int words = 4 + (int)rng_below(r, 12);

		for (int w = 0; w < words; w++) {
			int len = 2 + (int)rng_below(r, 3);

			for (int k = 0; k < len; k++) {
				/* the square of a uniform draw: low ranks are common */
				double u = rng_unit(r);

				buf_utf8(b, base + (uint32_t)(u * u * span));
			}
			if (korean && w + 1 < words)
				buf_add(b, " ", 1);
		}
		if (korean)
			buf_add(b, ". ", 2);
		else
			buf_utf8(b, 0x3002); /* 。 */
	}
}

/* One document in LONG_EVERY is a long one (LONG_BYTES of text), the one
 * of index LONG_AT in each block, so that 10k documents hold one. */
#define LONG_EVERY 100000
#define LONG_AT 4999
#define LONG_BYTES (500 * 1024)

/* The long text: pages of about 3 KB, each a page line, paragraphs, and
 * a footnote mark at its end; the notes into notes, as JSON texts. */
static void gen_long(struct buf *b, struct buf *notes, struct rng *r, const struct vocab *v)
{
	struct buf t = {0};
	int page = 1;

	while (b->len < LONG_BYTES) {
		if (page > 1)
			buf_printf(b, "\n\n[Page %d]\n\n", page);
		gen_text(b, r, v, 2500 + rng_below(r, 1000), 1);
		buf_printf(b, "[%d]", page);
		t.len = 0;
		gen_text(&t, r, v, 80 + rng_below(r, 300), 0);
		buf_printf(notes, "%s{\"kind\":\"note\",\"label\":\"%d\",\"text\":\"",
		           page > 1 ? "," : "", page);
		buf_add(notes, t.s, t.len);
		buf_puts(notes, "\"}");
		page++;
	}
	free(t.s);
}

static void gen_doc(struct out *o, struct rng *r, const struct pools *p,
                    const struct vocab *v, unsigned long i, unsigned long n)
{
	struct buf b = {0}, notes = {0};
	uint32_t idx[8];
	char *people[6], id[32];
	int np, year, month, day, k;

	snprintf(id, sizeof id, "bench-%07lu", i + 1);
	out_s(o, "{\"id\":");
	out_str(o, id, strlen(id));

	gen_date(&b, r, p, &year, &month, &day);
	if (b.len)
		out_field(o, "date", b.s);
	b.len = 0;

	/* people first: titles name them */
	np = 1 + (int)rng_below(r, 6);
	np = pick(idx, np, &p->people_dist, r);
	for (k = 0; k < np; k++)
		people[k] = p->people[idx[k]];
	gen_title(&b, r, people, np, p, year, month, day);
	out_field(o, "title", b.s);
	b.len = 0;

	gen_text(&b, r, v, 200 + rng_below(r, 400), 0);
	out_field(o, "summary", b.s);
	b.len = 0;

	if (rng_below(r, 10) == 0) {
		gen_text(&b, r, v, 2048 + rng_below(r, 18 * 1024), 1);
		if (i % LONG_EVERY != LONG_AT)
			out_field(o, "text", b.s);
		b.len = 0;
	}
	if (i % LONG_EVERY == LONG_AT) {
		/* the long document: its own generator, the same draws above */
		struct rng lr;

		rng_seed(&lr, 0x10261026ull ^ (0x9E3779B97F4A7C15ull * (uint64_t)(i + 1)));
		gen_long(&b, &notes, &lr, v);
		out_field(o, "text", b.s);
		b.len = 0;
	}

	out_list(o, "people", p->people, idx, np);
	k = pick(idx, 1 + (int)rng_below(r, 3), &p->place_dist, r);
	out_list(o, "places", p->places, idx, k);
	k = pick(idx, 1 + (int)rng_below(r, 4), &p->subject_dist, r);
	out_list(o, "subjects", p->subjects, idx, k);
	/* collections follow the date: the war of the year, else a general one */
	idx[0] = year >= 1950 && year <= 1953 ? 0 :
	         year >= 1964 && year <= 1975 ? 1 :
	         year == 1961 ? 2 : year == 1962 ? 3 : year == 1956 ? 6 :
	         year == 1968 ? 7 : year >= 1979 && year <= 1989 ? 8 :
	         12 + rng_below(r, 3);
	k = 1;
	if (rng_below(r, 3) == 0)
		idx[k++] = 15 + rng_below(r, NCOLLECTIONS - 15);
	out_list(o, "collections", p->collections, idx, k);
	out_field(o, "language", languages[rng_below(r, N(languages))]);
	buf_printf(&b, "Archive %u, Fond %u, Opis %u, Delo %u",
	           1 + rng_below(r, 20), 1 + rng_below(r, 500),
	           1 + rng_below(r, 30), 1 + rng_below(r, 2000));
	out_field(o, "source", b.s);
	b.len = 0;

	out_s(o, ",\"related\":[");
	if (rng_below(r, 10) < 3 && n > 1) {
		int nr = 1 + (int)rng_below(r, 3), written = 0;

		for (k = 0; k < nr; k++) {
			/* mostly near neighbours in the file, sometimes anywhere */
			long j = rng_below(r, 4) ? (long)i + (long)rng_below(r, 2001) - 1000 :
			         (long)rng_below(r, (uint32_t)n);

			if (j < 0)
				j = (long)i + 1;
			if (j >= (long)n)
				j = (long)i - 1;
			if (j < 0 || j == (long)i)
				continue;
			snprintf(id, sizeof id, "bench-%07ld", j + 1);
			if (written++)
				out_c(o, ',');
			out_str(o, id, strlen(id));
		}
	}
	out_s(o, "]");
	/* 5% have a transcript in Chinese or Korean, from a generator of
	 * their own, so that the rest of the corpus is what it always was */
	{
		struct rng cr;

		rng_seed(&cr, 0xC1C1C1C1ull ^ (0x9E3779B97F4A7C15ull * (uint64_t)(i + 1)));
		if (rng_below(&cr, 20) == 0) {
			int korean = (int)rng_below(&cr, 2);

			b.len = 0;
			gen_cjk(&b, &cr, korean, 300 + rng_below(&cr, 2700));
			out_s(o, ",\"texts\":[{\"kind\":\"original\",\"language\":");
			out_s(o, korean ? "\"Korean\"" : "\"Chinese\"");
			out_s(o, ",\"text\":");
			out_str(o, b.s, b.len);
			out_c(o, '}');
			if (notes.len) {
				out_c(o, ',');
				out_raw(o, notes.s, notes.len);
			}
			out_c(o, ']');
		} else if (notes.len) {
			out_s(o, ",\"texts\":[");
			out_raw(o, notes.s, notes.len);
			out_s(o, "]");
		}
	}
	out_s(o, "}\n");
	free(b.s);
	free(notes.s);
}

static void usage(void)
{
	fputs("usage: gen [-s SEED] N > collection.jsonl\n"
	      "       gen [-s SEED] --word RANK\n", stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	uint64_t seed = DEFAULT_SEED;
	long long n = -1, word = -1;
	struct vocab *v;
	struct pools *p;
	struct rng r;
	struct out o = {0};
	int i;

	for (i = 1; i < argc; i++) {
		char *end;

		if (strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
			seed = strtoull(argv[++i], &end, 10);
			if (*end)
				usage();
		} else if (strcmp(argv[i], "--word") == 0 && i + 1 < argc) {
			word = strtoll(argv[++i], &end, 10);
			if (*end || word < 0 || word >= VOCAB)
				usage();
		} else if (argv[i][0] != '-' && n < 0) {
			n = strtoll(argv[i], &end, 10);
			if (*end || n < 0 || n > 99999999)
				usage();
		} else {
			usage();
		}
	}
	if (word >= 0) {
		char w[64];

		vocab_word((uint32_t)word, w);
		puts(w);
		return 0;
	}
	if (n < 0)
		usage();

	v = calloc(1, sizeof *v);
	p = calloc(1, sizeof *p);
	if (!v || !p)
		return 2;
	rng_seed(&r, seed);
	vocab_init(v);
	pools_init(p, &r);
	o.fp = stdout;
	o.cap = 1 << 20;
	o.buf = xmalloc_(o.cap);
	for (long long d = 0; d < n; d++) {
		/* one stream per document: the same document whatever N is */
		struct rng dr;

		rng_seed(&dr, seed ^ (0xD1B54A32D192ED03ull * (uint64_t)(d + 1)));
		gen_doc(&o, &dr, p, v, (unsigned long)d, (unsigned long)n);
	}
	out_flush(&o);
	free(o.buf);
	pools_free(p);
	vocab_free(v);
	free(p);
	free(v);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "gen: write error: %s\n", strerror(errno));
		return 2;
	}
	return 0;
}
