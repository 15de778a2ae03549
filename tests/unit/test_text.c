/* test_text.c - UTF-8 repair, sanitizing, width, clipping, wrapping and
 * folding (src/text/utf8.c, width.c, fold.c). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fonds/text.h"
#include "fonds/util.h"
#include "tap.h"

#define FFFD "\xef\xbf\xbd"

/* text_sanitize() of a NUL-terminated string, compared with want. */
static void san_is(const char *in, int flags, const char *want, const char *name)
{
	char *got = text_sanitize(in, strlen(in), flags);

	is_str(got, want, name);
	free(got);
}

static void fold_is(const char *in, const char *want)
{
	char *got = text_fold(in);
	char *shown = text_sanitize(in, strlen(in), 0);
	char name[256];

	snprintf(name, sizeof name, "fold \"%s\"", shown);
	is_str(got, want, name);
	free(shown);
	free(got);
}

/* The properties every sanitized string must have: valid UTF-8 without
 * NUL, no C0 control but (with TEXT_SAN_NEWLINES) '\n', no DEL, no C1
 * control, no format character, no run of more than 3 zero-width
 * characters, none at the start or after a newline, and a width that is
 * the sum of its characters' widths. Returns a reason or NULL. */
static const char *san_check(const char *s, int flags)
{
	size_t n = strlen(s), i = 0;
	long sum = 0;
	int zero_run = 0, at_line_start = 1;

	if (!text_is_valid(s, n))
		return "invalid UTF-8";
	while (i < n) {
		uint32_t uc;
		size_t len = text_next(s + i, n - i, &uc);
		int w = text_char_width(uc);

		if (uc == '\n') {
			if (!(flags & TEXT_SAN_NEWLINES))
				return "newline kept";
			at_line_start = 1;
			zero_run = 0;
			sum += w;
			i += len;
			continue;
		}
		if (uc < 0x20 || (uc >= 0x7F && uc < 0xA0))
			return "control character";
		if ((flags & TEXT_SAN_ASCII) && uc >= 0x80)
			return "non-ASCII in ASCII mode";
		if (uc == 0x200B || uc == 0x202E || uc == 0xFEFF || uc == 0x00AD ||
		    uc == 0x2066 || uc == 0x200E || uc == 0x061C || uc == 0xE000)
			return "format or private character";
		if (w == 0) {
			if (at_line_start)
				return "zero-width character without a base";
			if (++zero_run > 3)
				return "more than 3 marks";
		} else {
			zero_run = 0;
		}
		at_line_start = 0;
		sum += w;
		i += len;
	}
	if (sum != text_width(s) || text_width(s) < 0)
		return "width is not the sum of the characters";
	return NULL;
}

static void test_repair(void)
{
	char *r;

	ok(text_is_valid("P\xc3\xa1sztor \xea\xb9\x80", 12), "valid: accents and Hangul");
	ok(!text_is_valid("a\0b", 3), "invalid: NUL inside");
	ok(!text_is_valid("\xc0\xaf", 2), "invalid: over-long slash");
	ok(!text_is_valid("\xed\xa0\x80", 3), "invalid: surrogate");
	ok(!text_is_valid("\xe2\x82", 2), "invalid: truncated sequence");
	ok(!text_is_valid("\xf4\x90\x80\x80", 4), "invalid: above U+10FFFF");
	ok(text_is_valid("", 0), "valid: empty");

	r = text_repair("a\0b", 3);
	is_str(r, "a" FFFD "b", "repair: NUL becomes U+FFFD");
	free(r);
	r = text_repair("x\xc0\xafy", 4);
	is_str(r, "x" FFFD FFFD "y", "repair: over-long sequence, one U+FFFD a byte");
	free(r);
	r = text_repair("\xed\xa0\x80", 3);
	is_str(r, FFFD FFFD FFFD, "repair: surrogate");
	free(r);
	r = text_repair("Kim\xe2\x80\x99s \xd0\xa8", 10);
	is_str(r, "Kim\xe2\x80\x99s \xd0\xa8", "repair: valid text unchanged");
	free(r);
	r = text_repair("abc\xe2\x82", 5);
	ok(text_is_valid(r, strlen(r)), "repair: truncated tail gives valid UTF-8");
	free(r);
}

static void test_sanitize(void)
{
	char *r;

	san_is("\x1b[31mred\x1b[0m", 0, "^[[31mred^[[0m", "sanitize: SGR escape");
	san_is("\x1b]52;c;aGVsbG8=\x07", 0, "^[]52;c;aGVsbG8=^G",
	       "sanitize: OSC 52 clipboard write");
	san_is("\x1bP1$r\x1b\\x", 0, "^[P1$r^[\\x", "sanitize: DCS");
	san_is("\x1b_Gi=1;\x1b\\", 0, "^[_Gi=1;^[\\", "sanitize: APC");
	san_is("a\x9b" "31mX", 0, "a" FFFD "31mX", "sanitize: raw CSI byte 0x9b");
	san_is("a\xc2\x9b" "31m", 0, "a" FFFD "31m", "sanitize: C1 CSI as UTF-8");
	san_is("\xc2\x85", 0, FFFD, "sanitize: NEL (C1)");
	san_is("\xc0\xaf", 0, FFFD FFFD, "sanitize: over-long");
	san_is("\xed\xa0\x80", 0, FFFD FFFD FFFD, "sanitize: surrogate");
	san_is("abc\xe2\x80\xaexyz", 0, "abc" FFFD "xyz", "sanitize: RLO U+202E");
	san_is("\xe2\x81\xa6x\xe2\x81\xa9", 0, FFFD "x" FFFD, "sanitize: isolates U+2066/U+2069");
	san_is("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", 0, FFFD FFFD FFFD, "sanitize: LRM RLM ALM");
	san_is("a\xe2\x80\x8b" "b", 0, "a" FFFD "b", "sanitize: zero-width space");
	san_is("a\xe2\x80\x8d" "b\xe2\x81\xa0", 0, "a" FFFD "b" FFFD, "sanitize: ZWJ, word joiner");
	san_is("\xef\xbb\xbfx", 0, FFFD "x", "sanitize: BOM");
	san_is("co\xc2\xadop", 0, "co" FFFD "op", "sanitize: soft hyphen");
	san_is("\xee\x80\x80", 0, FFFD, "sanitize: private use");
	san_is("\xcd\xb8\xef\xb7\x90", 0, FFFD FFFD, "sanitize: unassigned, noncharacter");
	san_is("\xe3\x85\xa4", 0, FFFD, "sanitize: Hangul filler");
	san_is("\xe2\x9d\xa4\xef\xb8\x8f", 0, "\xe2\x9d\xa4", "sanitize: emoji selector dropped");
	san_is("a\tb", 0, "a b", "sanitize: tab");
	san_is("a\x7f", 0, "a^?", "sanitize: DEL");
	san_is("a\r\nb\rc\n", 0, "a^M^Jb^Mc^J", "sanitize: newlines as carets");
	san_is("a\r\nb\rc\n\n", TEXT_SAN_NEWLINES, "a\nb\nc\n\n", "sanitize: newlines kept");
	san_is("a\xe2\x80\xa8" "b", 0, "a b", "sanitize: line separator");
	san_is("a\xe2\x80\xa8" "b", TEXT_SAN_NEWLINES, "a\nb", "sanitize: line separator kept");
	san_is("P\xc3\xa1sztor \xea\xb9\x80\xec\x9d\xbc\xec\x84\xb1 \xe4\xb8\xad "
	       "\xd0\xa8\xd0\xa2\xd0\xab Kim\xe2\x80\x99s", 0,
	       "P\xc3\xa1sztor \xea\xb9\x80\xec\x9d\xbc\xec\x84\xb1 \xe4\xb8\xad "
	       "\xd0\xa8\xd0\xa2\xd0\xab Kim\xe2\x80\x99s",
	       "sanitize: ordinary text unchanged");
	san_is("P\xc3\xa1sztor \xea\xb9\x80\x1b", TEXT_SAN_ASCII, "P?sztor ?^[",
	       "sanitize: ASCII mode");
	san_is("\xcc\x81" "a", 0, "\xe2\x97\x8c\xcc\x81" "a", "sanitize: lone mark gets a dotted circle");
	san_is("\x1b\xcc\x81", 0, "^[\xe2\x97\x8c\xcc\x81", "sanitize: mark after a control");
	san_is("x \xcc\x81", 0, "x \xe2\x97\x8c\xcc\x81", "sanitize: mark after a space");
	san_is("e\xcc\x81\xcc\x81\xcc\x81\xcc\x81", TEXT_SAN_ASCII, "e???",
	       "sanitize: ASCII mode caps marks too");

	r = text_sanitize("a\0b", 3, 0);
	is_str(r, "a^@b", "sanitize: NUL inside counted input");
	free(r);

	{
		struct sbuf b = { 0 };
		int i;

		sbuf_add(&b, "e");
		for (i = 0; i < 50; i++)
			sbuf_add(&b, "\xcc\x81");
		sbuf_add(&b, "x");
		r = text_sanitize(b.s, b.len, 0);
		is_str(r, "e\xcc\x81\xcc\x81\xcc\x81x", "sanitize: 50 marks cut to 3");
		is_int(text_width(r), 2, "sanitize: width of capped marks");
		free(r);
		sbuf_free(&b);
	}

	/* random bytes, biased towards the troublesome ones */
	{
		static const char *const pieces[] = {
			"\x1b", "\x9b", "\xc2\x9b", "\xcc\x81", "\xe2\x80\xae",
			"\xe2\x80\x8b", "\xef\xbb\xbf", "\r", "\n", "\t", "\x7f",
			"\xed\xa0\x80", "\xc0", "\xea\xb9\x80", "\xe1\x85\xa1",
			"\xee\x80\x80", "a", " ", "\xf0\x9f\x98\x80", "\xe2\x80\xa8",
			"\xef\xb8\x8f", "\xd8\x9c", "\xc2\xad", "\0"
		};
		uint32_t seed = 12345;
		const char *why = NULL;
		int round, flags = 0;

		for (round = 0; round < 3000 && !why; round++) {
			struct sbuf b = { 0 };
			int k, len = (int)(seed % 40);

			for (k = 0; k < len; k++) {
				seed = seed * 1103515245u + 12345u;
				if ((seed >> 16) % 3 == 0) {
					char c = (char)(seed >> 8);
					sbuf_addn(&b, &c, 1);
				} else {
					const char *p = pieces[(seed >> 16) % ARRAY_LEN(pieces)];
					sbuf_addn(&b, p, *p ? strlen(p) : 1);
				}
			}
			flags = round % 4;
			r = text_sanitize(b.s ? b.s : "", b.len, flags);
			why = san_check(r, flags);
			if (why) {
				size_t j;

				printf("# input:");
				for (j = 0; j < b.len; j++)
					printf(" %02x", (unsigned char)b.s[j]);
				printf("\n# flags %d: %s\n", flags, why);
			}
			free(r);
			sbuf_free(&b);
			seed = seed * 1103515245u + 12345u;
		}
		ok(why == NULL, "sanitize: 3000 random strings are all inert");
	}
}

static void test_width(void)
{
	is_int(text_width(""), 0, "width: empty");
	is_int(text_width("abc"), 3, "width: ASCII");
	is_int(text_width("\xea\xb9\x80\xec\x9d\xbc\xec\x84\xb1"), 6, "width: Hangul is 2 a syllable");
	is_int(text_width("\xe4\xb8\xad\xe6\x96\x87"), 4, "width: CJK");
	is_int(text_width("P\xc3\xa1sztor"), 7, "width: precomposed accent");
	is_int(text_width("Pa\xcc\x81sztor"), 7, "width: combining accent is 0");
	is_int(text_width("\xe1\x84\x80\xe1\x85\xb5\xe1\x86\xb7"), 2, "width: Hangul jamo syllable");
	is_int(text_width("\xef\xbc\xab"), 2, "width: fullwidth Latin");
	is_int(text_width("\x1b[0m"), 5, "width: raw ESC counts as its caret form");
	is_int(text_width("\xe2\x80\x8b\xe2\x80\xae"), 0, "width: format characters never negative");
	is_int(text_width("\xff\xfe"), 2, "width: bad bytes count as U+FFFD");
	is_int(text_width_n("\xea\xb9\x80\xec\x9d\xbc", 3), 2, "width_n: prefix");
	is_int(text_width_n("abc", 0), 0, "width_n: nothing");
	is_int(text_char_width(0x0A), 2, "char_width: newline");
	is_int(text_char_width(0x4E2D), 2, "char_width: CJK");
	is_int(text_char_width(0x0301), 0, "char_width: combining acute");
	is_int(text_char_width(0x9B), 1, "char_width: C1 as U+FFFD");
}

static void test_clip(void)
{
	int used = -1;

	is_int(text_clip("\xea\xb9\x80\xec\x9d\xbc\xec\x84\xb1", 5, &used), 6,
	       "clip: two Hangul syllables in 5 columns");
	is_int(used, 4, "clip: they use 4 columns");
	is_int(text_clip("e\xcc\x81x", 1, &used), 3, "clip: base keeps its mark");
	is_int(used, 1, "clip: one column used");
	is_int(text_clip("abc", 0, &used), 0, "clip: zero columns");
	is_int(text_clip("abc", 10, &used), 3, "clip: everything fits");
	is_int(used, 3, "clip: used = width");
	is_int(text_clip("a\xe4\xb8\xad" "b", 2, NULL), 1, "clip: wide char that does not fit");
	is_int(text_clip("", 5, &used), 0, "clip: empty");
}

/* Check the invariants of wrapping s at width; returns a reason or NULL.
 * Each line fits (unless it is a single cluster wider than the line), its
 * width is right, it neither starts nor ends with a space (except a
 * paragraph's leading indent), lines are in order, and what lies between
 * them is only spaces and at most one '\n'. */
static const char *wrap_check(const char *s, int width, const struct text_line *l,
			      size_t nl)
{
	size_t n = strlen(s), at = 0, k;

	if (nl == 0)
		return "no lines";
	for (k = 0; k < nl; k++) {
		size_t j;
		int newlines = 0;

		if (l[k].off < at || l[k].off + l[k].len > n)
			return "line out of order";
		for (j = at; j < l[k].off; j++) {
			if (s[j] == '\n')
				newlines++;
			else if (s[j] != ' ')
				return "text lost between lines";
		}
		if (newlines > 1)
			return "two newlines between lines";
		if (l[k].width != text_width_n(s + l[k].off, l[k].len))
			return "wrong line width";
		if (l[k].width > width) {
			uint32_t uc;
			size_t len = text_next(s + l[k].off, l[k].len, &uc);

			if (text_width_n(s + l[k].off + len, l[k].len - len) != 0)
				return "line too wide";
		}
		if (l[k].len > 0 && s[l[k].off + l[k].len - 1] == ' ')
			return "trailing space";
		if (memchr(s + l[k].off, '\n', l[k].len))
			return "newline inside a line";
		if (l[k].len > 0 && l[k].off > 0 && s[l[k].off - 1] != '\n') {
			uint32_t uc;

			text_next(s + l[k].off, l[k].len, &uc);
			if (text_char_width(uc) == 0)
				return "line starts with a mark";
		}
		at = l[k].off + l[k].len;
	}
	for (; at < n; at++)
		if (s[at] != ' ')
			return "text lost at the end";
	return NULL;
}

/* The text of line k of s, for comparisons. */
static char *line_str(const char *s, const struct text_line *l, size_t k)
{
	return xstrndup(s + l[k].off, l[k].len);
}

static void wrap_is(const char *s, int width, const char *want, const char *name)
{
	struct text_line *l;
	size_t n = text_wrap(s, width, &l), k;
	struct sbuf b = { 0 };
	const char *why = wrap_check(s, width, l, n);

	for (k = 0; k < n; k++) {
		char *t = line_str(s, l, k);

		sbuf_printf(&b, "%s%s", k ? "|" : "", t);
		free(t);
	}
	is_str(sbuf_str(&b), want, name);
	if (why)
		printf("#   %s\n", why);
	sbuf_free(&b);
	free(l);
}

/* text_wrap_urls of s at width, lines joined with '|'. */
static void wrap_urls_is(const char *s, int width, const char *want, const char *name)
{
	struct text_line *l;
	size_t n = text_wrap_urls(s, width, &l), k;
	struct sbuf b = { 0 };
	int widths_ok = 1;

	for (k = 0; k < n; k++) {
		char *t = line_str(s, l, k);

		sbuf_printf(&b, "%s%s", k ? "|" : "", t);
		if (text_width(t) != l[k].width)
			widths_ok = 0;
		free(t);
	}
	is_str(sbuf_str(&b), want, name);
	ok(widths_ok, "%s: widths measured", name);
	sbuf_free(&b);
	free(l);
}

static void test_wrap_urls(void)
{
	struct text_line *l;
	struct sbuf big = {0};
	size_t n;
	int64_t t0;

	/* UAX #14 breaks after a slash: text_wrap split the address */
	wrap_is("see https://digitalarchive.example.org/document/120000 now", 40,
	        "see https://digitalarchive.example.org/|document/120000 now",
	        "wrap: a URL is broken after a slash by plain wrapping");
	wrap_urls_is("see https://digitalarchive.example.org/document/120000 now", 40,
	             "see|https://digitalarchive.example.org/document/120000|now",
	             "wrap_urls: a URL wider than the line has a line of its own, whole");
	wrap_urls_is("see https://ex.org/a/b now", 20, "see|https://ex.org/a/b|now",
	             "wrap_urls: a URL that does not fit starts the next line");
	wrap_urls_is("go to https://ex.org/a-b/c. Then", 40, "go to https://ex.org/a-b/c. Then",
	             "wrap_urls: what fits is as before");
	wrap_urls_is("at www.example.org/x/y/z, and", 10, "at|www.example.org/x/y/z,|and",
	             "wrap_urls: www. too, the comma after it breaks as usual");
	wrap_urls_is("a-very/long/path/that/is/no/url", 10, "a-very/|long/path/|that/is/|no/url",
	             "wrap_urls: no URL, plain wrapping");
	wrap_urls_is("(https://ex.org/a_(b)) end", 12, "(https://ex.org/a_(b))|end",
	             "wrap_urls: brackets inside a URL kept, around it not");
	wrap_urls_is("x\nhttps://ex.org/aaaa/bbbb\ny", 8, "x|https://ex.org/aaaa/bbbb|y",
	             "wrap_urls: across hard newlines");
	/* linear: a long text of URLs */
	for (int i = 0; i < 20000; i++)
		sbuf_printf(&big, "https://ex.org/%d/document/%d and ", i, i);
	t0 = clock_usec();
	n = text_wrap_urls(sbuf_str(&big), 30, &l);
	ok(n >= 20000 && clock_usec() - t0 < 2000000, "wrap_urls: 20000 URLs in linear time");
	free(l);
	sbuf_free(&big);
}

static void test_wrap(void)
{
	struct text_line *l;
	size_t n;
	const char *why;
	char *big;
	int64_t t0;

	n = text_wrap("", 10, &l);
	ok(n == 1 && l[0].off == 0 && l[0].len == 0 && l[0].width == 0,
	   "wrap: empty string gives one empty line");
	free(l);

	wrap_is("hello world", 5, "hello|world", "wrap: two words");
	wrap_is("hello world", 11, "hello world", "wrap: fits");
	wrap_is("a bb ccc dddd", 6, "a bb|ccc|dddd", "wrap: greedy");
	wrap_is("a\n\nb", 10, "a||b", "wrap: hard newlines");
	wrap_is("a\n", 10, "a|", "wrap: trailing newline gives an empty line");
	wrap_is("word     next", 6, "word|next", "wrap: spaces dropped at a break");
	wrap_is("abcdefghij", 4, "abcd|efgh|ij", "wrap: long word broken by width");
	wrap_is("ab abcdefghij", 4, "ab|abcd|efgh|ij", "wrap: long word starts a line");
	wrap_is("abc", 0, "a|b|c", "wrap: width 0 means 1");
	wrap_is("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97\xe7\xac\xa6\xe4\xb8\xad", 5,
		"\xe4\xb8\xad\xe6\x96\x87|\xe5\xad\x97\xe7\xac\xa6|\xe4\xb8\xad",
		"wrap: CJK breaks between ideographs, 2 columns each");
	wrap_is("\xea\xb9\x80\xec\x9d\xbc\xec\x84\xb1 \xeb\x8f\x99\xec\xa7\x80", 7,
		"\xea\xb9\x80\xec\x9d\xbc\xec\x84\xb1|\xeb\x8f\x99\xec\xa7\x80",
		"wrap: Hangul at the space");
	wrap_is("e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2,
		"e\xcc\x81" "e\xcc\x81|e\xcc\x81" "e\xcc\x81|e\xcc\x81",
		"wrap: marks stay with their base");
	wrap_is("well-known", 6, "well-|known", "wrap: after a hyphen");
	wrap_is("(see p. 12)", 8, "(see p.|12)", "wrap: UAX 14 keeps ')' attached");
	wrap_is("\xe4\xb8\xad", 1, "\xe4\xb8\xad", "wrap: a wide char alone overflows width 1");

	n = text_wrap("ab cd", 2, &l);
	ok(n == 2 && l[1].off == 3 && l[1].len == 2 && l[1].width == 2,
	   "wrap: offsets point into the source");
	free(l);

	{
		const char *mixed =
			"Kim Il Sung (\xea\xb9\x80\xec\x9d\xbc\xec\x84\xb1) met "
			"\xd0\xa8\xd1\x82\xd1\x8b\xd0\xba\xd0\xbe\xd0\xb2 in "
			"\xe5\xb9\xb3\xe5\xa3\xa4\xef\xbc\x8c\xe4\xb8\xad\xe5\x9b\xbd"
			"\xe4\xba\xba\xe6\xb0\x91\xe5\xbf\x97\xe6\x84\xbf\xe5\x86\x9b\n"
			"P\xc3\xa1sztor wrote \xe2\x80\x9csupercalifragilisticexpialidocious"
			"\xe2\x80\x9d and Kim\xe2\x80\x99s reply.\n\n"
			"Pa\xcc\x81sztor e\xcc\x81\xcc\x82\xcc\x83 done";
		int w, bad = 0;

		for (w = 1; w <= 40; w++) {
			n = text_wrap(mixed, w, &l);
			why = wrap_check(mixed, w, l, n);
			if (why) {
				printf("#   width %d: %s\n", w, why);
				bad++;
			}
			free(l);
		}
		ok(bad == 0, "wrap: mixed scripts keep every invariant at widths 1-40");
	}

	/* an 80,000-character line without a break opportunity */
	big = xmalloc(80001);
	memset(big, 'x', 80000);
	big[80000] = '\0';
	t0 = clock_usec();
	n = text_wrap(big, 80, &l);
	is_int(n, 1000, "wrap: unbreakable 80,000 chars give 1000 lines");
	why = wrap_check(big, 80, l, n);
	ok(!why && l[999].width == 80, "wrap: unbreakable line invariants%s%s",
	   why ? ": " : "", why ? why : "");
	ok(clock_usec() - t0 < 5000000, "wrap: unbreakable line in linear time");
	free(l);
	free(big);

	/* a 10 MB paragraph */
	{
		static const char *const words[] = {
			"Soviet ", "\xea\xb9\x80\xec\x9d\xbc\xec\x84\xb1 ", "telegram, ",
			"P\xc3\xa1sztor ", "\xe4\xb8\xad\xe5\x9b\xbd", "long-running ",
			"\xd0\xa8\xd1\x82\xd1\x8b\xd0\xba\xd0\xbe\xd0\xb2 ", "(sic) ",
			"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghij "
		};
		struct sbuf b = { 0 };
		size_t i = 0;

		while (b.len < 10u * 1000 * 1000)
			sbuf_add(&b, words[i++ % ARRAY_LEN(words)]);
		t0 = clock_usec();
		n = text_wrap(b.s, 72, &l);
		ok(clock_usec() - t0 < 20000000, "wrap: 10 MB paragraph in linear time");
		ok(n > 100000, "wrap: 10 MB paragraph gives many lines");
		why = wrap_check(b.s, 72, l, n);
		ok(!why, "wrap: 10 MB paragraph invariants%s%s", why ? ": " : "", why ? why : "");
		free(l);

		t0 = clock_usec();
		big = text_sanitize(b.s, b.len, TEXT_SAN_NEWLINES);
		ok(strcmp(big, b.s) == 0, "sanitize: 10 MB of clean text unchanged");
		ok(clock_usec() - t0 < 20000000, "sanitize: 10 MB in linear time");
		free(big);
		sbuf_free(&b);
	}
}

static void test_fold(void)
{
	char *a, *b;

	fold_is("P\xc3\xa1sztor", "pasztor");
	fold_is("Pa\xcc\x81sztor", "pasztor");
	fold_is("Kim Il Sung", "kim il sung");
	fold_is("\xd0\xa8\xd0\xa2\xd0\xab\xd0\x9a\xd0\x9e\xd0\x92",
		"\xd1\x88\xd1\x82\xd1\x8b\xd0\xba\xd0\xbe\xd0\xb2");
	fold_is("\xea\xb9\x80\xec\x9d\xbc\xec\x84\xb1", "\xea\xb9\x80\xec\x9d\xbc\xec\x84\xb1");
	fold_is("\xe1\x84\x80\xe1\x85\xb5\xe1\x86\xb7", "\xea\xb9\x80");
	fold_is("Kim\xe2\x80\x99s", "kim s");
	fold_is("Kim's", "kim s");
	fold_is("  Hello,   World!  ", "hello world");
	fold_is("Choe Yong-geon", "choe yong geon");
	fold_is("Feng Xi [Stalin]", "feng xi stalin");
	fold_is("Stra\xc3\x9f" "e", "strasse");
	fold_is("\xef\xac\x81le", "file");
	fold_is("\xef\xbc\xab\xef\xbd\x89\xef\xbd\x8d", "kim");
	fold_is("\xd0\x81\xd0\xbb\xd0\xba\xd0\xb0", "\xd0\xb5\xd0\xbb\xd0\xba\xd0\xb0");
	fold_is("a\xff" "b", "a b");
	fold_is("Zusam\xc2\xadmenarbeit", "zusammenarbeit");
	fold_is("\xe3\x82\xac", "\xe3\x82\xac");
	fold_is("\xe2\x80\x9cQuoted\xe2\x80\x9d \xe2\x80\x94 text", "quoted text");
	fold_is("1950-09-30", "1950 09 30");
	fold_is("", "");
	fold_is(" ... ", "");
	fold_is("\xe4\xb8\xad\xe5\x9b\xbd \xe4\xba\xba", "\xe4\xb8\xad\xe5\x9b\xbd \xe4\xba\xba");
	/* mostly ASCII with other words: folded piece by piece, as a whole */
	fold_is("Telegram from \xd0\xa7\xd1\x85\xd0\xb0\xd0\xbe\xd0\xb2\xd0\xb8\xd1\x87 to "
	        "P\xc3\xa1sztor, 1950.", "telegram from \xd1\x87\xd1\x85\xd0\xb0\xd0\xbe\xd0\xb2"
	        "\xd0\xb8\xd1\x87 to pasztor 1950");
	fold_is("x-\xcc\x81y", "x y");
	fold_is("e\xcc\x81-\xc3\x89" "E", "e ee");
	fold_is("<\xcc\xb8 =\xcc\xb8", "");
	fold_is("\xc2\xa0" "Ab\xc2\xa0" "cD-", "ab cd");
	fold_is("a\xc3-b", "a b");
	fold_is("St. Stra\xc3\x9f" "e\xe2\x80\x8b" "n, ok", "st strassen ok");

	a = text_fold("\xea\xb9\x80\xec\x9d\xbc\xec\x84\xb1 P\xc3\xa1sztor \xd0\xa8\xd0\xa2");
	b = text_fold(a);
	is_str(b, a, "fold: folding twice changes nothing");
	free(a);
	free(b);
}

/* Every seed page survives sanitizing unchanged but for its tabs and
 * carriage returns, and wraps with every invariant. */
static void test_seeds(void)
{
	const char *dir = getenv("FONDS_SEEDS");
	const char *names[] = { "000_977cbeacce77201b.txt", "001_f899af1d1bf2928c.txt",
				"002_d2eadf9cfc334338.txt", "003_f65aea8e7f2bc8a3.txt",
				"004_961ba4dfd91e6592.txt" };
	size_t i;
	int pages = 0, bad = 0;

	for (i = 0; dir && i < ARRAY_LEN(names); i++) {
		char path[4096], buf[65536];
		FILE *f;
		size_t n;
		char *san;
		struct text_line *l;
		size_t nl;
		const char *why;

		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		f = fopen(path, "rb");
		if (!f)
			continue;
		n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
		buf[n] = '\0';
		pages++;
		san = text_sanitize(buf, n, TEXT_SAN_NEWLINES);
		if (!text_is_valid(buf, n) || strlen(san) < n / 2) {
			printf("#   %s: sanitized badly\n", names[i]);
			bad++;
		}
		nl = text_wrap(san, 37, &l);
		why = wrap_check(san, 37, l, nl);
		if (why) {
			printf("#   %s: %s\n", names[i], why);
			bad++;
		}
		free(l);
		free(san);
	}
	if (pages == 0) {
		skip_seeds("seed pages not found (FONDS_SEEDS)");
		return;
	}
	ok(bad == 0, "seeds: %d pages sanitize and wrap cleanly", pages);
}

/* set ambiwidth: ambiguous characters one or two columns, in every width
 * function, so that a layout computed here holds on a CJK terminal */
static void test_ambiwidth(void)
{
	const char *s = "\xe2\x80\xa6\xce\xb1\xd0\x96x"; /* … α Ж x */
	struct text_line *lines = NULL;
	size_t n, i;
	int used = 0, maxw = 0;

	is_int(text_ambiwidth(), 1, "ambiwidth 1 by default");
	is_int(text_width(s), 4, "ambiwidth 1: ellipsis, alpha, Zhe and x in 4 columns");
	is_int(text_width("\xe4\xb8\x80"), 2, "a Han character is 2 either way");
	text_set_ambiwidth(2);
	is_int(text_ambiwidth(), 2, "ambiwidth 2 set");
	is_int(text_width(s), 7, "ambiwidth 2: the three ambiguous ones 2 each (7)");
	is_int(text_width("abc"), 3, "ASCII stays 1");
	is_int(text_width("\xe4\xb8\x80"), 2, "Han stays 2");
	n = text_clip(s, 5, &used);
	ok(n == 5 && used == 4, "clip to 5 columns: the ellipsis and alpha (%zu bytes, %d columns)", n, used);
	n = text_wrap("\xce\xb1\xce\xb1\xce\xb1 \xce\xb1\xce\xb1\xce\xb1 \xce\xb1\xce\xb1\xce\xb1", 7, &lines);
	for (i = 0; i < n; i++)
		if (lines[i].width > maxw)
			maxw = lines[i].width;
	ok(n == 3 && maxw <= 7, "wrap at 7 columns: each word of three alphas (6) on its own line (%zu lines, widest %d)", n, maxw);
	free(lines);
	text_set_ambiwidth(1);
	is_int(text_width(s), 4, "back to 1");
	is_int(text_ambiwidth_of_locale("ja_JP.UTF-8"), 2, "a Japanese locale: 2");
	is_int(text_ambiwidth_of_locale("zh_CN.UTF-8"), 2, "a Chinese locale: 2");
	is_int(text_ambiwidth_of_locale("ko_KR.UTF-8"), 2, "a Korean locale: 2");
	is_int(text_ambiwidth_of_locale("C.UTF-8"), 1, "C: 1");
	is_int(text_ambiwidth_of_locale("ru_RU.UTF-8"), 1, "Russian: 1");
}

int main(void)
{
	test_ambiwidth();
	test_repair();
	test_sanitize();
	test_width();
	test_clip();
	test_wrap();
	test_wrap_urls();
	test_fold();
	test_seeds();
	return done_testing();
}
