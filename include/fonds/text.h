/* text.h - Unicode text handling on top of libunistring.
 *
 * All strings are UTF-8. Strings that come from data are untrusted: they may
 * be invalid UTF-8, hold control characters, escape sequences, bidi
 * overrides or huge lengths. text_repair() makes them valid at import;
 * text_sanitize() makes them inert at the point they reach a terminal.
 * This module depends on libunistring and libc only.
 */
#ifndef FONDS_TEXT_H
#define FONDS_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Return a valid UTF-8 copy of s[0..n): every invalid or over-long
 * sequence and every NUL byte becomes U+FFFD. Caller frees. */
char *text_repair(const char *s, size_t n);

/* Return 1 when s[0..n) is valid UTF-8 without NUL bytes, else 0. */
int text_is_valid(const char *s, size_t n);

/* Decode the character at s (n > 0 bytes available) into *uc and return
 * its length in bytes; a byte that does not start a valid, shortest-form,
 * non-surrogate sequence gives *uc = U+FFFD and length 1 (so every bad
 * byte stands for one U+FFFD everywhere in this module). */
size_t text_next(const char *s, size_t n, uint32_t *uc);

/* Write code point uc as UTF-8 at out (room for 4 bytes); returns the
 * bytes written, 0 for what is not a Unicode scalar value. The one
 * encoder (text_next is the one decoder). */
size_t text_put(char *out, uint32_t uc);

/* Ambiguous-width characters (East Asian "A": the ellipsis, Greek and
 * Cyrillic letters, box drawing...) take cols columns (1 or 2) in every
 * width function from now on; text_ambiwidth() tells which. A CJK
 * terminal draws them two wide. text_ambiwidth_of_locale: 2 for a
 * Chinese, Japanese or Korean locale name ("ja_JP.UTF-8"), else 1. */
void text_set_ambiwidth(int cols);
int text_ambiwidth(void);
int text_ambiwidth_of_locale(const char *locale);

/* Display columns of one character as text_width() counts them, never
 * negative: C0 controls and DEL count as their caret notation (2, and so
 * does '\n'), a tab as 1, C1 controls as U+FFFD (1). */
int text_char_width(uint32_t uc);

/* Return the case- and accent-folded form of s for matching: NFKD,
 * diacritics dropped, case folded ("Pásztor" -> "pasztor",
 * "ШТЫКОВ" -> "штыков", "Straße" -> "strasse"), every run of characters
 * that are not letters or digits (spaces, punctuation, ' and ’) collapsed
 * to one space ("Kim’s" -> "kim s"), trimmed; invisible characters such
 * as a soft hyphen vanish without a gap. The result is NFC again, so
 * Hangul stays in syllables ("김일성" -> "김일성", whether the input was
 * syllables or jamo), and marks that spell a letter rather than accent it
 * (Indic vowel signs, kana voicing) are kept. Folding is idempotent.
 * Invalid UTF-8 is repaired first. Caller frees. */
char *text_fold(const char *s);

/* 1 when uc is a Han, Hiragana, Katakana or Hangul character: a script
 * written without spaces between words (or, for Korean, with particles
 * joined to them), which the full-text index splits into pairs. */
int text_is_cjk(uint32_t uc);

/* Flags for text_sanitize(). */
enum {
	TEXT_SAN_NEWLINES = 1 << 0, /* keep '\n' (for paragraphs); else a stand-in */
	TEXT_SAN_ASCII = 1 << 1     /* non-UTF-8 terminal: non-ASCII becomes '?' */
};

/* Return a copy of s[0..n) that is safe to print on a terminal and whose
 * every character has a known, non-negative display width: C0 controls
 * and DEL become caret notation ("^[", "^@" for NUL, "^?"), C1 controls
 * and each byte of invalid UTF-8 become U+FFFD, a tab becomes a space,
 * bidi controls, zero-width and other format characters (category Cf,
 * soft hyphen included), other default-ignorable characters, unassigned
 * code points, noncharacters and private-use characters become U+FFFD;
 * variation selectors are dropped (they change how wide terminals draw
 * emoji); U+2028/U+2029 become a space. A base keeps at most 3 combining
 * (zero-width) characters; a mark with no base (at the start, after a
 * control, a newline or a U+FFFD) gets U+25CC DOTTED CIRCLE as its base.
 * With TEXT_SAN_NEWLINES a '\n' is kept ("\r\n", a lone '\r' and
 * U+2028/U+2029 become '\n'); without it '\n' becomes "^J". With
 * TEXT_SAN_ASCII every non-ASCII character left becomes '?'. Linear
 * time. Caller frees. */
char *text_sanitize(const char *s, size_t n, int flags);

/* Combining marks text_sanitize() keeps on one base character. */
enum { TEXT_MAX_MARKS = 3 };

/* How text_sanitize() treats one character. */
enum text_char_kind {
	TEXT_CHAR_PLAIN,  /* printed as it is */
	TEXT_CHAR_MARK,   /* printed on the character before it (combining) */
	TEXT_CHAR_UNSAFE  /* replaced, dropped or turned into a line break:
	                   * C0 and C1 controls, DEL, format, invisible,
	                   * unassigned and private-use characters */
};

/* Classify the code point uc as text_sanitize() does (for writers that
 * escape rather than replace, such as JSON output). */
enum text_char_kind text_char_kind(uint32_t uc);

/* Display width in terminal columns of a sanitized UTF-8 string (Hangul
 * and CJK count two, combining marks zero); never negative, whatever s
 * holds (see text_char_width()). */
int text_width(const char *s);

/* Display width of the first n bytes of a sanitized string. */
int text_width_n(const char *s, size_t n);

/* How many bytes of the sanitized string s fit in cols columns without
 * splitting a character (or a base from its combining marks); *used, if
 * not NULL, receives the columns they take. */
size_t text_clip(const char *s, int cols, int *used);

/* One line of wrapped text: a byte range of the source string. */
struct text_line {
	size_t off;  /* start offset in the source */
	size_t len;  /* bytes, without the trailing space or newline */
	int width;   /* display columns */
};

/* Wrap the sanitized string s to lines of at most width columns, breaking
 * at the line-break opportunities of UAX #14 (libunistring), at '\n', and
 * inside a word only when the word alone is wider than the line (never
 * between a base and its marks; a single character wider than the line
 * gets a line of its own). Spaces at a break belong to no line. Each '\n'
 * ends a line, so "a\n" gives "a" and "". Stores a malloc'd array in
 * *lines (caller frees) and returns its length. An empty string gives one
 * empty line. width < 1 is treated as 1. Linear time. */
size_t text_wrap(const char *s, int width, struct text_line **lines);

/* text_wrap, never breaking inside a URL (http://, https://, ftp://,
 * file://, mailto:, www.): a URL that does not fit on a line starts the
 * next, and one wider than a line has a line of its own, wider than
 * width (the caller clips it, with a marker), so that a terminal can
 * still find it and a selection take it whole. Linear time. */
size_t text_wrap_urls(const char *s, int width, struct text_line **lines);

/* Date precision, ordered from none to finest. */
enum date_prec { DATE_UNDATED = 0, DATE_YEAR = 1, DATE_MONTH = 2, DATE_DAY = 3 };

/* A normalized date. Days are written as integers yyyymmdd. */
struct date {
	enum date_prec prec;
	int32_t key;   /* sort key: yyyymmdd with unknown parts 0 (19500900); 0 if undated */
	int32_t first; /* first day covered (19500901); 0 if undated */
	int32_t last;  /* last day covered, inclusive (19500930); 0 if undated */
	int range;     /* 1 when the source gave a range ("1950-1953") */
};

/* Parse a date as written in a source: "September 30, 1950",
 * "Sept. 30, 1950", "Sep 30 1950", "30 September 1950", "30th of Sept.
 * 1950", "1950-09-30", "1950/09/30", "19500930", "September 1950",
 * "1950-09", "1950" (month names full or in three letters or "Sept", any
 * case, dot optional; years of four digits), ranges "1950-1953",
 * "1950 – 1953", "1950-06-01..1950-12" (the start gives prec and key, the
 * end gives last, range is 1), "undated"/"n.d."/"no date"/empty (undated).
 * Days are checked against their month. Note that a life span such as
 * "1893-1976" is a valid range: the caller decides from context whether
 * a line is a document's date. Returns 0 when understood (possibly as
 * undated), -1 when not (then *d is undated). */
int text_parse_date(const char *s, struct date *d);

/* Parse a query bound: "1950", "1950-06", "1950-06-30" (also the forms
 * above). With is_end, the bound is the last day of the period, else the
 * first. Returns the day as yyyymmdd, or -1 if not understood. */
int32_t text_parse_bound(const char *s, int is_end);

/* Write d at its precision into buf (truncated to n bytes): "1950-09-30",
 * "1950-09", "1950", "1950-1953" for a year range, "1950-06..1950-12" for
 * other ranges, "undated"; text_parse_date() reads every form back to the
 * same date. Returns buf. */
char *text_format_date(const struct date *d, char *buf, size_t n);

/* Days since 1970-01-01 of the day yyyymmdd (month/day 0 read as 1). */
long text_day_number(int32_t ymd);

/* The day yyyymmdd for a day number (inverse of text_day_number). */
int32_t text_day_from_number(long days);

/* Number of days in month m (1-12) of year y. */
int text_month_days(int y, int m);

/* Periods: a year is yyyy0000, a month yyyymm00, a day yyyymmdd, at the
 * level DATE_YEAR, DATE_MONTH or DATE_DAY. The one place that does their
 * arithmetic (store, CLI and browser use it). */

/* The period holding day ymd at level (a month or day 0 read as 1). */
int32_t text_period_of(int32_t ymd, enum date_prec level);

/* The period n periods after p (before, for n < 0), within years 0-9999. */
int32_t text_period_add(int32_t p, enum date_prec level, long n);

/* The number of periods from a to b (b - a, in periods). */
long text_period_diff(int32_t a, int32_t b, enum date_prec level);

/* First and last day (yyyymmdd) of period p. */
void text_period_days(int32_t p, enum date_prec level, int32_t *first,
                      int32_t *last);

/* Write period p ("1950", "1950-09", "1950-09-30") into buf (n bytes);
 * returns buf. */
char *text_period_format(int32_t p, enum date_prec level, char *buf,
                         size_t n);

#endif
