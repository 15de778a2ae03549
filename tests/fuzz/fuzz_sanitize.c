/* fuzz_sanitize.c - text_sanitize() under every combination of flags,
 * then width, clipping and wrapping of what it returns. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <uniwidth.h>

#include "fuzz.h"

#define MAX_MARKS 3 /* combining marks text_sanitize() keeps on one base */

/* A character text_sanitize() treats as combining: drawn on the base
 * before it (non-ASCII, no columns of its own or a mark). */
static int is_mark(uint32_t uc)
{
	return uc >= 0xA0 &&
	       (uc_is_general_category(uc, UC_CATEGORY_M) || uc_width(uc, "UTF-8") == 0);
}

/* A character text_wrap() keeps with the one before it. */
static int wrap_combining(uint32_t uc)
{
	return uc >= 0x300 && (text_char_width(uc) == 0 ||
	                       uc_is_general_category(uc, UC_CATEGORY_M));
}

/* What must never come out of text_sanitize(). */
static const char *forbidden(uint32_t uc)
{
	if (uc >= 0x80 && uc <= 0x9F)
		return "a C1 control";
	if ((uc >= 0x202A && uc <= 0x202E) || (uc >= 0x2066 && uc <= 0x2069))
		return "a bidi embedding, override or isolate";
	if (uc == 0x2028 || uc == 0x2029)
		return "a line or paragraph separator";
	if ((uc >= 0xFE00 && uc <= 0xFE0F) || (uc >= 0xE0100 && uc <= 0xE01EF))
		return "a variation selector";
	if (uc_is_general_category(uc, UC_CATEGORY_Cf))
		return "a format character";
	if (uc_is_general_category(uc, UC_CATEGORY_Co))
		return "a private-use character";
	if (uc_is_general_category(uc, UC_CATEGORY_Cn))
		return "an unassigned code point";
	if (uc_is_general_category(uc, UC_CATEGORY_Cs))
		return "a surrogate";
	if (uc >= 0xA0 && uc_is_property_default_ignorable_code_point(uc))
		return "a default-ignorable character";
	return NULL;
}

/* The characters of out: allowed, marks in place, widths summed. */
static void check_chars(const char *out, size_t len, int flags)
{
	long sum = 0;
	int marks = -1; /* marks on the current base; -1: no base */
	size_t i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)out[i];
		uint32_t uc;
		size_t n = text_next(out + i, len - i, &uc);
		const char *why;

		FUZZ_CHECK(c >= 0x20 || (c == '\n' && (flags & TEXT_SAN_NEWLINES)),
		           "flags %d: control byte 0x%02x at %zu", flags, c, i);
		FUZZ_CHECK(c != 0x7F, "flags %d: DEL at %zu", flags, i);
		FUZZ_CHECK(c < 0x80 || !(flags & TEXT_SAN_ASCII),
		           "flags %d: non-ASCII byte 0x%02x at %zu", flags, c, i);
		why = forbidden(uc);
		FUZZ_CHECK(why == NULL, "flags %d: U+%04X at %zu is %s", flags,
		           (unsigned)uc, i, why ? why : "");
		if (is_mark(uc)) {
			FUZZ_CHECK(marks >= 0,
			           "flags %d: mark U+%04X at %zu has no base", flags,
			           (unsigned)uc, i);
			FUZZ_CHECK(marks < MAX_MARKS,
			           "flags %d: more than %d marks on one base at %zu",
			           flags, MAX_MARKS, i);
			marks++;
		} else if (c == '\n' || uc == 0xFFFD) {
			marks = -1;
		} else {
			marks = 0;
		}
		sum += text_char_width(uc);
		i += n;
	}
	FUZZ_CHECK(text_width(out) == (sum > INT_MAX ? INT_MAX : sum),
	           "flags %d: text_width %d, characters sum to %ld", flags,
	           text_width(out), sum);
}

/* Clipping to cols stops at a character boundary, within cols, before
 * the first character that does not fit. */
static void check_clip(const char *out, size_t len, int cols)
{
	int used = -1;
	size_t n = text_clip(out, cols, &used);
	uint32_t uc;

	FUZZ_CHECK(n <= len, "clip %d: %zu bytes of %zu", cols, n, len);
	if (n > len)
		return;
	FUZZ_CHECK(used >= 0 && used <= cols && used == text_width_n(out, n),
	           "clip %d: used %d, width of the bytes %d", cols, used,
	           text_width_n(out, n));
	FUZZ_CHECK(n == len || ((unsigned char)out[n] & 0xC0) != 0x80,
	           "clip %d: cut inside a character at %zu", cols, n);
	if (n < len) {
		text_next(out + n, len - n, &uc);
		FUZZ_CHECK(text_char_width(uc) > cols - used,
		           "clip %d: stopped at %zu though U+%04X fits", cols, n,
		           (unsigned)uc);
	}
}

/* Whether s[0..n) is one character and the marks that go with it. */
static int one_cluster(const char *s, size_t n)
{
	uint32_t uc;
	size_t i;

	if (n == 0)
		return 0;
	i = text_next(s, n, &uc);
	while (i < n) {
		i += text_next(s + i, n - i, &uc);
		if (!wrap_combining(uc))
			return 0;
	}
	return 1;
}

/* The lines of text_wrap() cover the text in order; only spaces and
 * newlines fall between them; each paragraph gives at least one line;
 * a line wider than width is a single cluster. */
static void check_wrap(const char *out, size_t len, int width)
{
	struct text_line *lines = NULL;
	size_t n = text_wrap(out, width, &lines), at = 0, para_lines = 0;

	FUZZ_CHECK(n >= 1 && lines != NULL, "wrap %d: %zu lines", width, n);
	for (size_t k = 0; k < n; k++) {
		const struct text_line *l = &lines[k];

		if (l->off < at || l->off > len || l->len > len - l->off) {
			FUZZ_CHECK(0, "wrap %d: line %zu at %zu+%zu out of order "
			           "(previous end %zu, length %zu)", width, k, l->off,
			           l->len, at, len);
			break;
		}
		for (size_t i = at; i < l->off; i++) {
			FUZZ_CHECK(out[i] == ' ' || out[i] == '\n',
			           "wrap %d: byte 0x%02x at %zu is on no line", width,
			           (unsigned char)out[i], i);
			if (out[i] == '\n') {
				FUZZ_CHECK(para_lines > 0,
				           "wrap %d: paragraph ending at %zu has no line",
				           width, i);
				para_lines = 0;
			}
		}
		FUZZ_CHECK(memchr(out + l->off, '\n', l->len) == NULL,
		           "wrap %d: line %zu holds a newline", width, k);
		FUZZ_CHECK(l->off == len || ((unsigned char)out[l->off] & 0xC0) != 0x80,
		           "wrap %d: line %zu starts inside a character", width, k);
		FUZZ_CHECK(l->width == text_width_n(out + l->off, l->len),
		           "wrap %d: line %zu says width %d, has %d", width, k,
		           l->width, text_width_n(out + l->off, l->len));
		FUZZ_CHECK(l->width <= width || one_cluster(out + l->off, l->len),
		           "wrap %d: line %zu (\"%.*s\") is %d wide", width, k,
		           (int)l->len, out + l->off, l->width);
		para_lines++;
		at = l->off + l->len;
	}
	for (size_t i = at; i < len; i++) {
		FUZZ_CHECK(out[i] == ' ' || out[i] == '\n',
		           "wrap %d: byte 0x%02x at %zu is on no line", width,
		           (unsigned char)out[i], i);
		if (out[i] == '\n') {
			FUZZ_CHECK(para_lines > 0,
			           "wrap %d: paragraph ending at %zu has no line", width, i);
			para_lines = 0;
		}
	}
	FUZZ_CHECK(para_lines > 0, "wrap %d: the last paragraph has no line", width);
	free(lines);
}

int fuzz_sanitize(const uint8_t *data, size_t size)
{
	static const int widths[] = { 1, 7, 80 };

	for (int flags = 0; flags < 4; flags++) {
		char *out = text_sanitize((const char *)data, size, flags);
		size_t len = strlen(out);

		FUZZ_CHECK(text_is_valid(out, len), "flags %d: invalid UTF-8", flags);
		FUZZ_CHECK(len <= 3 * size, "flags %d: %zu bytes from %zu", flags, len,
		           size);
		check_chars(out, len, flags);
		FUZZ_CHECK(text_width(out) >= 0, "negative width");
		check_clip(out, len, 0);
		check_clip(out, len, 1);
		check_clip(out, len, 7);
		for (size_t w = 0; w < ARRAY_LEN(widths); w++)
			check_wrap(out, len, widths[w]);
		free(out);
	}
	return 0;
}

FUZZ_ENTRY(fuzz_sanitize)
