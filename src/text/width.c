/* width.c - display width, clipping and line wrapping.
 *
 * Everything here walks its input once: wrapping a 10 MB paragraph or an
 * 80,000-character line without a break opportunity costs time linear in
 * its length.
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unictype.h>
#include <unilbrk.h>
#include <uniwidth.h>

#include "fonds/text.h"
#include "fonds/util.h"

/* Columns of an East Asian ambiguous-width character (set ambiwidth):
 * libunistring counts them two wide for a CJK encoding. */
static const char *width_encoding = "UTF-8";

void text_set_ambiwidth(int cols)
{
	width_encoding = cols == 2 ? "EUC-JP" : "UTF-8";
}

int text_ambiwidth(void)
{
	return width_encoding[0] == 'E' ? 2 : 1;
}

int text_ambiwidth_of_locale(const char *locale)
{
	if (!locale)
		return 1;
	return !strncmp(locale, "zh", 2) || !strncmp(locale, "ja", 2) ||
	       !strncmp(locale, "ko", 2) ? 2 : 1;
}

int text_char_width(uint32_t uc)
{
	int w;

	if (uc < 0x20)
		return uc == '\t' ? 1 : 2;
	if (uc < 0x7F)
		return 1;
	if (uc == 0x7F)
		return 2;
	if (uc < 0xA0)
		return 1;
	w = uc_width(uc, width_encoding);
	return w < 0 ? 1 : w;
}

/* Whether uc must stay with the character before it: a combining mark, or
 * any character drawn in no column of its own (Hangul vowel and final
 * jamo, for instance). */
static int is_combining(uint32_t uc, int w)
{
	if (uc < 0x300)
		return 0;
	return w == 0 || uc_is_general_category(uc, UC_CATEGORY_M);
}

int text_width_n(const char *s, size_t n)
{
	long total = 0;
	size_t i = 0;

	while (i < n) {
		uint32_t uc;

		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) {
			total++;
			i++;
		} else {
			i += text_next(s + i, n - i, &uc);
			total += text_char_width(uc);
		}
		if (total > INT_MAX - 4)
			return INT_MAX;
	}
	return (int)total;
}

int text_width(const char *s)
{
	return text_width_n(s, strlen(s));
}

/* A zero-width character after the last fitting one still fits, so a base
 * is never separated from its marks. */
size_t text_clip(const char *s, int cols, int *used)
{
	size_t n = strlen(s), i = 0;
	int w = 0;

	while (i < n) {
		uint32_t uc;
		size_t len = text_next(s + i, n - i, &uc);
		int cw = text_char_width(uc);

		if (cw > cols - w)
			break;
		w += cw;
		i += len;
	}
	if (used)
		*used = w;
	return i;
}

/* The lines being built by text_wrap(). */
struct wrap {
	const char *s;
	struct text_line *v;
	size_t n, cap;
};

/* Add the line s[off..end) without its trailing spaces; width includes
 * them. An empty line is added only when keep_empty is set. */
static void wrap_emit(struct wrap *w, size_t off, size_t end, long width,
		      int keep_empty)
{
	while (end > off && w->s[end - 1] == ' ') {
		end--;
		width--;
	}
	if (end == off && !keep_empty)
		return;
	array_reserve((void **)&w->v, &w->cap, w->n + 1, sizeof *w->v, 16);
	w->v[w->n].off = off;
	w->v[w->n].len = end - off;
	w->v[w->n].width = width > INT_MAX ? INT_MAX : (int)width;
	w->n++;
}

/* Wrap the paragraph s[ps..pe) (no '\n' inside) greedily. brk holds room
 * for pe - ps bytes.
 *
 * lw is the width from the line start to the current character, counting
 * trailing spaces, which may hang past the margin since they are dropped
 * at a break. A character that does not fit breaks the line at the last
 * UAX #14 opportunity; if the rest is still too wide (a word longer than
 * the line), it breaks again just before the character's cluster. Each
 * character causes at most two breaks, so the walk stays linear. */
static void wrap_paragraph(struct wrap *w, size_t ps, size_t pe, int width,
			   char *brk)
{
	const char *s = w->s;
	size_t start = ps, i = ps;
	size_t bp = 0, cs = ps; /* last break opportunity, current cluster */
	long lw = 0, bpw = 0, csw = 0; /* widths before them */
	int have_bp = 0;

	if (pe == ps) {
		wrap_emit(w, ps, pe, 0, 1);
		return;
	}
	u8_possible_linebreaks((const uint8_t *)s + ps, pe - ps, "UTF-8", brk);
	while (i < pe) {
		uint32_t uc;
		size_t len = text_next(s + i, pe - i, &uc);
		int cw = text_char_width(uc);

		if (!is_combining(uc, cw)) {
			char b = brk[i - ps];

			if (i > start && (b == UC_BREAK_POSSIBLE ||
					  b == UC_BREAK_MANDATORY)) {
				have_bp = 1;
				bp = i;
				bpw = lw;
			}
			cs = i;
			csw = lw;
		}
		if (uc != ' ' && cw > 0 && lw + cw > width && i > start) {
			if (have_bp) {
				wrap_emit(w, start, bp, bpw, 0);
				start = bp;
				lw -= bpw;
				csw -= bpw;
				have_bp = 0;
			}
			if (lw + cw > width && cs > start) {
				wrap_emit(w, start, cs, csw, 0);
				start = cs;
				lw -= csw;
				csw = 0;
			}
		}
		lw += cw;
		i += len;
	}
	wrap_emit(w, start, pe, lw, 1);
}

size_t text_wrap(const char *s, int width, struct text_line **lines)
{
	struct wrap w = { .s = s };
	size_t n = strlen(s), ps = 0, longest = 0;
	char *brk;

	if (width < 1)
		width = 1;
	/* one break buffer, as long as the longest paragraph */
	while (ps <= n) {
		const char *nl = memchr(s + ps, '\n', n - ps);
		size_t pe = nl ? (size_t)(nl - s) : n;

		if (pe - ps > longest)
			longest = pe - ps;
		ps = pe + 1;
	}
	brk = xmalloc(longest + 1);
	ps = 0;
	while (ps <= n) {
		const char *nl = memchr(s + ps, '\n', n - ps);
		size_t pe = nl ? (size_t)(nl - s) : n;

		wrap_paragraph(&w, ps, pe, width, brk);
		ps = pe + 1;
	}
	free(brk);
	*lines = w.v;
	return w.n;
}

/* The end of the URL that starts at s[i] (a scheme such as "https://" or
 * "mailto:", or "www." at the start of a word), or i when none starts
 * there. A URL is printable ASCII up to a space, without its trailing
 * punctuation (the full stop that ends a sentence, a closing bracket
 * that has no opening one in it). */
static size_t url_end(const char *s, size_t i, size_t n)
{
	static const char *const starts[] = {
		"https://", "http://", "ftp://", "file://", "mailto:", "www."
	};
	size_t e = i, k;
	int open = 0, c = (unsigned char)s[i] | 0x20;

	/* most bytes start no URL: a look at the first letter first (the
	 * scan runs over every byte of a text, which may be a long one) */
	if (c != 'h' && c != 'f' && c != 'm' && c != 'w')
		return i;
	if (i > 0 && ((unsigned char)s[i - 1] >= 0x80 || isalnum((unsigned char)s[i - 1])))
		return i;
	for (k = 0; k < sizeof starts / sizeof starts[0]; k++)
		if (n - i > strlen(starts[k]) && strncasecmp(s + i, starts[k], strlen(starts[k])) == 0)
			break;
	if (k == sizeof starts / sizeof starts[0])
		return i;
	while (e < n && (unsigned char)s[e] > ' ' && (unsigned char)s[e] < 0x7f &&
	       s[e] != '<' && s[e] != '>' && s[e] != '"') {
		if (s[e] == '(')
			open++;
		e++;
	}
	while (e > i && (strchr(".,;:!?'", s[e - 1]) || (s[e - 1] == ')' && !open) ||
	                 s[e - 1] == ']' || s[e - 1] == '}'))
		e--;
	return e > i + strlen(starts[k]) ? e : i;
}

size_t text_wrap_urls(const char *s, int width, struct text_line **lines)
{
	struct { size_t s, e; } *u = NULL;
	size_t n = strlen(s), nu = 0, cap = 0, nl, k, out, j;
	struct text_line *v;
	char *t;

	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i] | 0x20;
		size_t e;

		if (c != 'h' && c != 'f' && c != 'm' && c != 'w')
			continue;
		e = url_end(s, i, n);
		if (e == i)
			continue;
		if (nu == cap) {
			cap = cap ? 2 * cap : 4;
			u = xrealloc(u, cap * sizeof *u);
		}
		u[nu].s = i;
		u[nu++].e = e;
		i = e - 1;
	}
	if (!nu)
		return text_wrap(s, width, lines);
	/* a URL is wrapped as a word of as many letters: never broken where
	 * line breaking allows (after a slash, a hyphen), only where a word
	 * wider than the line is; its bytes are ASCII, so offsets and widths
	 * stay those of s */
	t = xstrdup(s);
	for (k = 0; k < nu; k++) {
		size_t p = u[k].e;

		memset(t + u[k].s, 'x', u[k].e - u[k].s);
		if (u[k].e - u[k].s <= (size_t)(width < 1 ? 1 : width))
			continue;
		/* wider than a line: a line of its own, with what sticks to
		 * it (a comma), the space before and after it a line's end */
		if (u[k].s > 0 && t[u[k].s - 1] == ' ')
			t[u[k].s - 1] = '\n';
		while (p < n && t[p] != ' ' && t[p] != '\n' && !(k + 1 < nu && p >= u[k + 1].s))
			p++;
		if (p < n && t[p] == ' ')
			t[p] = '\n';
	}
	nl = text_wrap(t, width, &v);
	free(t);
	/* and the pieces of a URL wider than a line are joined again: one
	 * line wider than width, for the caller to clip with a marker */
	for (k = 0, out = 0, j = 0; k < nl; out++) {
		struct text_line l = v[k++];

		for (;;) {
			size_t end = l.off + l.len;

			/* lines and URLs both come in order: one pass over each */
			while (j < nu && u[j].e <= end)
				j++;
			if (j == nu || u[j].s >= end || k >= nl || v[k].off != end)
				break;
			l.len += v[k].len;
			l.width += v[k].width;
			k++;
		}
		v[out] = l;
	}
	free(u);
	*lines = v;
	return out;
}

