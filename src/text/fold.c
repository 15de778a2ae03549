/* fold.c - the case- and accent-folded form of a string, for matching.
 *
 * Folding is: repair, full case folding with NFKD (so ligatures, width
 * variants and "ß" fold too), removal of diacritics and of invisible
 * characters, one space for each run of anything that is not a letter or
 * a digit, then NFC. The last step recomposes what NFKD took apart and no
 * diacritic puts back: Hangul syllables ("김일성" stays "김일성", not a
 * string of jamo) and the letters of scripts whose marks are spelling,
 * not accents. The result is stable: folding it again changes nothing.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "fonds/text.h"
#include "fonds/util.h"

/* Whether the combining mark uc is a diacritic that folding removes: the
 * generic combining diacritics (acute, diaeresis, caron, cedilla, ...),
 * Cyrillic titlo and friends, Hebrew points and Arabic vowel signs. Marks
 * that spell a letter (Indic vowel signs, the kana voicing marks, ...)
 * are kept, or "が" would match "か". */
static int is_diacritic(uint32_t uc)
{
	return (uc >= 0x0300 && uc <= 0x036F) || (uc >= 0x0483 && uc <= 0x0489) ||
	       (uc >= 0x0591 && uc <= 0x05C7) || (uc >= 0x0610 && uc <= 0x061A) ||
	       (uc >= 0x064B && uc <= 0x065F) || uc == 0x0670 ||
	       (uc >= 0x06D6 && uc <= 0x06ED) || (uc >= 0x1AB0 && uc <= 0x1AFF) ||
	       (uc >= 0x1DC0 && uc <= 0x1DFF) || (uc >= 0x20D0 && uc <= 0x20FF) ||
	       (uc >= 0xFE20 && uc <= 0xFE2F);
}

/* The ASCII-only case, which is most titles and names: same result as the
 * general path, without its allocations. */
static char *fold_ascii(const char *s, size_t n)
{
	char *out = xmalloc(n + 1);
	size_t i, o = 0;
	int gap = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (gap && o > 0)
				out[o++] = ' ';
			gap = 0;
			out[o++] = (char)c;
		} else {
			gap = 1;
		}
	}
	out[o] = '\0';
	return out;
}

/* Fold s[0..n), which holds a non-ASCII byte, the general way: append
 * its folded words to out, each after one space (out's first word gets
 * none). */
static void fold_general(const char *s, size_t n, struct sbuf *out)
{
	size_t i, o = 0, flen, nlen;
	uint8_t *f, *nfc;
	char *r, *w;
	int gap = 0, wide = 0;

	r = text_repair(s, n);
	f = u8_casefold((const uint8_t *)r, strlen(r), NULL, UNINORM_NFKD, NULL,
			&flen);
	free(r);
	if (!f)
		die("case folding failed: %s", strerror(errno));

	w = xmalloc(flen + 1);
	for (i = 0; i < flen;) {
		uint32_t uc;
		size_t len = text_next((const char *)f + i, flen - i, &uc);

		if (uc_is_property_default_ignorable_code_point(uc) ||
		    (is_diacritic(uc) && uc_is_general_category(uc, UC_CATEGORY_M))) {
			/* removed without a gap: "Zusam<SHY>menarbeit" is one word */
		} else if (uc_is_general_category(uc, UC_CATEGORY_L) ||
			   uc_is_general_category(uc, UC_CATEGORY_N) ||
			   uc_is_general_category(uc, UC_CATEGORY_M)) {
			if (gap && o > 0)
				w[o++] = ' ';
			gap = 0;
			memcpy(w + o, f + i, len);
			o += len;
			wide |= uc >= 0x80;
		} else {
			gap = 1;
		}
		i += len;
	}
	free(f);
	if (o && out->len)
		sbuf_addc(out, ' ');
	if (!wide) {
		sbuf_addn(out, w, o);
		free(w);
		return;
	}
	nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)w, o, NULL, &nlen);
	if (!nfc)
		die("normalization failed: %s", strerror(errno));
	free(w);
	sbuf_addn(out, (const char *)nfc, nlen);
	free(nfc);
}

static int ascii_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Text that is mostly ASCII with a few other words (names in another
 * script, an accented letter) is cut at its ASCII spaces and marks, which
 * are gaps whatever surrounds them and compose with nothing that folding
 * keeps; only the pieces with other characters take the general way,
 * which gives the same result as folding the whole at once. */
char *text_fold(const char *s)
{
	size_t n = strlen(s), i;
	struct sbuf out = {0};

	for (i = 0; i < n && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == n)
		return fold_ascii(s, n);

	for (i = 0; i < n;) {
		size_t start, j;
		int wide = 0;

		while (i < n && (unsigned char)s[i] < 0x80 && !ascii_alnum((unsigned char)s[i]))
			i++;
		start = i;
		while (i < n && ((unsigned char)s[i] >= 0x80 || ascii_alnum((unsigned char)s[i]))) {
			wide |= (unsigned char)s[i] >= 0x80;
			i++;
		}
		if (i == start)
			break;
		if (wide) {
			fold_general(s + start, i - start, &out);
			continue;
		}
		if (out.len)
			sbuf_addc(&out, ' ');
		j = out.len;
		sbuf_addn(&out, s + start, i - start);
		for (; j < out.len; j++)
			if (out.s[j] >= 'A' && out.s[j] <= 'Z')
				out.s[j] = (char)(out.s[j] - 'A' + 'a');
	}
	return sbuf_take(&out);
}

int text_is_cjk(uint32_t uc)
{
	static const uint32_t ranges[][2] = {
		{ 0x1100, 0x11FF },   /* Hangul Jamo */
		{ 0x2E80, 0x2FDF },   /* CJK radicals, Kangxi radicals */
		{ 0x3005, 0x3007 },   /* iteration mark, closing mark, ideographic zero */
		{ 0x3021, 0x3029 },   /* Hangzhou numerals */
		{ 0x3038, 0x303C },
		{ 0x3041, 0x309F },   /* Hiragana */
		{ 0x30A1, 0x30FF },   /* Katakana */
		{ 0x3131, 0x318F },   /* Hangul compatibility Jamo */
		{ 0x31F0, 0x31FF },   /* Katakana phonetic extensions */
		{ 0x3400, 0x4DBF },   /* CJK extension A */
		{ 0x4E00, 0x9FFF },   /* CJK unified ideographs */
		{ 0xA960, 0xA97F },   /* Hangul Jamo extended A */
		{ 0xAC00, 0xD7FF },   /* Hangul syllables, Jamo extended B */
		{ 0xF900, 0xFAFF },   /* CJK compatibility ideographs */
		{ 0xFF66, 0xFF9F },   /* halfwidth Katakana */
		{ 0xFFA0, 0xFFDC },   /* halfwidth Hangul */
		{ 0x20000, 0x3FFFF }  /* CJK extensions B and beyond */
	};

	if (uc < 0x1100)
		return 0;
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
		if (uc >= ranges[i][0] && uc <= ranges[i][1])
			return 1;
	return 0;
}
