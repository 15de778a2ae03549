/* utf8.c - UTF-8 validation, repair and terminal sanitizing.
 *
 * One decoding rule holds for the whole module: a byte that does not start
 * a valid, shortest-form, non-surrogate sequence stands for one U+FFFD and
 * decoding resumes at the next byte (text_next()). Repair, sanitizing and
 * width measurement therefore agree on how many characters a bad string
 * holds.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>
#include <uniwidth.h>

#include "fonds/text.h"
#include "fonds/util.h"

#define REPLACEMENT 0xFFFD
#define DOTTED_CIRCLE 0x25CC /* the conventional base for a lone mark */

size_t text_next(const char *s, size_t n, uint32_t *uc)
{
	const uint8_t *p = (const uint8_t *)s;
	ucs4_t c;
	int len;

	if (p[0] < 0x80) {
		*uc = p[0];
		return 1;
	}
	len = u8_mbtoucr(&c, p, n);
	if (len < 0) {
		*uc = REPLACEMENT;
		return 1;
	}
	*uc = c;
	return (size_t)len;
}

int text_is_valid(const char *s, size_t n)
{
	return memchr(s, '\0', n) == NULL &&
	       u8_check((const uint8_t *)s, n) == NULL;
}

size_t text_put(char *o, uint32_t uc)
{
	int len = u8_uctomb((uint8_t *)o, uc, 4);

	return len > 0 ? (size_t)len : 0;
}

/* Room for the worst case of n input bytes: every byte turned into a
 * three-byte U+FFFD (nothing else grows faster; see text_sanitize()). */
static char *alloc_out(size_t n)
{
	if (n > (SIZE_MAX - 1) / 3)
		die("string too long (%zu bytes)", n);
	return xmalloc(3 * n + 1);
}

/* Give back the unused part of a worst-case buffer when it is large. */
static char *shrink(char *out, size_t len, size_t cap)
{
	out[len] = '\0';
	if (cap > 4096 && len + 1 < cap / 2)
		out = xrealloc(out, len + 1);
	return out;
}

char *text_repair(const char *s, size_t n)
{
	char *out = alloc_out(n);
	size_t i = 0, o = 0;

	while (i < n) {
		uint32_t uc;
		size_t len;

		if ((unsigned char)s[i] >= 0x01 && (unsigned char)s[i] < 0x80) {
			out[o++] = s[i++];
			continue;
		}
		len = text_next(s + i, n - i, &uc);
		if (uc == 0)
			uc = REPLACEMENT;
		if (uc == REPLACEMENT)
			o += text_put(out + o, uc);
		else {
			memcpy(out + o, s + i, len);
			o += len;
		}
		i += len;
	}
	return shrink(out, o, 3 * n + 1);
}

/* What text_sanitize() does with one non-ASCII character. */
enum san_class {
	SAN_KEEP,    /* a base character: printed as is */
	SAN_MARK,    /* a combining character: printed on the preceding base */
	SAN_REPLACE, /* shown as U+FFFD */
	SAN_DROP,    /* removed without trace */
	SAN_NEWLINE  /* a line or paragraph separator */
};

/* Classify a decoded non-ASCII character (uc >= 0x80) for sanitizing.
 *
 * Replaced: C1 controls, bidi embeddings/overrides/isolates and marks and
 * every other format character (Cf: zero-width space and joiners, word
 * joiner, BOM, soft hyphen, ...), the other default-ignorable characters
 * (Hangul fillers, combining grapheme joiner, ...), unassigned code points
 * and noncharacters (Cn), and private-use characters (Co): a terminal has
 * no agreed width for them and fonts draw them as anything at all.
 * Dropped: the variation selectors, which only choose a glyph but make a
 * terminal draw emoji one or two columns wide at its whim. */
static enum san_class san_classify(uint32_t uc)
{
	if (uc < 0xA0)
		return SAN_REPLACE;
	if (uc == 0x2028 || uc == 0x2029)
		return SAN_NEWLINE;
	if ((uc >= 0xFE00 && uc <= 0xFE0F) || (uc >= 0xE0100 && uc <= 0xE01EF))
		return SAN_DROP;
	if (uc == REPLACEMENT)
		return SAN_REPLACE;
	if (uc_is_general_category(uc, UC_CATEGORY_Cf) ||
	    uc_is_general_category(uc, UC_CATEGORY_Cn) ||
	    uc_is_general_category(uc, UC_CATEGORY_Co) ||
	    uc_is_general_category(uc, UC_CATEGORY_Cs) ||
	    uc_is_property_default_ignorable_code_point(uc))
		return SAN_REPLACE;
	if (uc_is_general_category(uc, UC_CATEGORY_M) ||
	    uc_width(uc, "UTF-8") == 0)
		return SAN_MARK;
	return SAN_KEEP;
}

enum text_char_kind text_char_kind(uint32_t uc)
{
	if (uc < 0x80)
		return uc < 0x20 || uc == 0x7F ? TEXT_CHAR_UNSAFE : TEXT_CHAR_PLAIN;
	if (uc == REPLACEMENT)
		return TEXT_CHAR_PLAIN; /* it stands for itself */
	switch (san_classify(uc)) {
	case SAN_KEEP:
		return TEXT_CHAR_PLAIN;
	case SAN_MARK:
		return TEXT_CHAR_MARK;
	default:
		return TEXT_CHAR_UNSAFE;
	}
}

/* Spaces (Unicode Zs) other than the ASCII one. */
static int is_space(uint32_t uc)
{
	return uc == 0xA0 || uc == 0x1680 || (uc >= 0x2000 && uc <= 0x200A) ||
	       uc == 0x202F || uc == 0x205F || uc == 0x3000;
}

/* Sanitizing walks the input once and writes at most three bytes per input
 * byte: U+FFFD for one bad byte is 3, caret notation 2 for 1, a dotted
 * circle before a lone mark 3 + the mark's own 2 or more. */
char *text_sanitize(const char *s, size_t n, int flags)
{
	int ascii = (flags & TEXT_SAN_ASCII) != 0;
	int newlines = (flags & TEXT_SAN_NEWLINES) != 0;
	char *out = alloc_out(n);
	size_t i = 0, o = 0;
	int marks = -1; /* marks on the current base; -1 when there is none */

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t uc;
		size_t len;

		if (c >= 0x20 && c < 0x7F) {
			out[o++] = (char)c;
			/* a mark on a space would glue it to the words around
			 * it for wrapping: it gets a base of its own */
			marks = c == ' ' ? -1 : 0;
			i++;
			continue;
		}
		if (c < 0x80) {
			i++;
			if (c == '\t') {
				out[o++] = ' ';
			} else if (newlines && c == '\n') {
				out[o++] = '\n';
			} else if (newlines && c == '\r') {
				if (i < n && s[i] == '\n')
					i++;
				out[o++] = '\n';
			} else {
				out[o++] = '^';
				out[o++] = c == 0x7F ? '?' : (char)(c + 0x40);
			}
			marks = -1;
			continue;
		}
		len = text_next(s + i, n - i, &uc);
		i += len;
		switch (san_classify(uc)) {
		case SAN_KEEP:
			if (ascii)
				out[o++] = '?';
			else
				o += text_put(out + o, uc);
			marks = is_space(uc) ? -1 : 0;
			break;
		case SAN_MARK:
			if (marks >= TEXT_MAX_MARKS)
				break;
			if (ascii) {
				/* '?' is spacing: a lone mark needs no base */
				out[o++] = '?';
				marks = marks < 0 ? 1 : marks + 1;
				break;
			}
			if (marks < 0) {
				o += text_put(out + o, DOTTED_CIRCLE);
				marks = 0;
			}
			o += text_put(out + o, uc);
			marks++;
			break;
		case SAN_REPLACE:
			if (ascii)
				out[o++] = '?';
			else
				o += text_put(out + o, REPLACEMENT);
			marks = -1;
			break;
		case SAN_NEWLINE:
			out[o++] = newlines ? '\n' : ' ';
			marks = -1;
			break;
		case SAN_DROP:
			break;
		}
	}
	return shrink(out, o, 3 * n + 1);
}
