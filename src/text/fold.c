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

char *text_fold(const char *s)
{
	size_t n = strlen(s), i, o = 0, flen, nlen;
	uint8_t *f, *nfc;
	char *r, *out;
	int gap = 0, wide = 0;

	for (i = 0; i < n && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == n)
		return fold_ascii(s, n);

	r = text_repair(s, n);
	f = u8_casefold((const uint8_t *)r, strlen(r), NULL, UNINORM_NFKD, NULL,
			&flen);
	free(r);
	if (!f)
		die("case folding failed: %s", strerror(errno));

	out = xmalloc(flen + 1);
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
				out[o++] = ' ';
			gap = 0;
			memcpy(out + o, f + i, len);
			o += len;
			wide |= uc >= 0x80;
		} else {
			gap = 1;
		}
		i += len;
	}
	out[o] = '\0';
	free(f);
	if (!wide)
		return out;

	nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)out, o, NULL, &nlen);
	if (!nfc)
		die("normalization failed: %s", strerror(errno));
	free(out);
	out = xmalloc(nlen + 1);
	memcpy(out, nfc, nlen);
	out[nlen] = '\0';
	free(nfc);
	return out;
}
