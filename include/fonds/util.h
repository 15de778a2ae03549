/* util.h - error reporting, growable strings, checked allocation.
 *
 * Every module reports failure the same way: a function returns a negative
 * value and fills a struct err with a message a user can act on
 * ("file.txt:12: date \"Febuary 3, 1950\" not understood").
 */
#ifndef FONDS_UTIL_H
#define FONDS_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define FONDS_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define FONDS_NORETURN __attribute__((noreturn))
#else
#define FONDS_PRINTF(a, b)
#define FONDS_NORETURN
#endif

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* One error message; the owner allocates it (usually on the stack). */
struct err {
	char msg[1024];
};

/* Format a message into e (if e is not NULL); always returns -1. */
int err_set(struct err *e, const char *fmt, ...) FONDS_PRINTF(2, 3);

/* Prefix the existing message with "prefix: ". Returns -1. */
int err_prefix(struct err *e, const char *fmt, ...) FONDS_PRINTF(2, 3);

/* Called on out-of-memory and other impossible states; restores the
 * terminal through the hook set by the UI, prints and exits. */
void die(const char *fmt, ...) FONDS_PRINTF(1, 2) FONDS_NORETURN;

/* Installed by the UI so that die() can give the terminal back first. */
void die_set_hook(void (*hook)(void));

/* Checked allocation: never return NULL (they die instead). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);

/* The one growable array: make room for want elements of size bytes in
 * *v of capacity *cap (doubling, from at least min), dying when memory
 * runs out. ARRAY_RESERVE(v, n, cap) makes room for one more after n. */
void array_reserve(void **v, size_t *cap, size_t want, size_t size,
                   size_t min);
#define ARRAY_RESERVE(v, n, cap) \
	array_reserve((void **)&(v), &(cap), (n) + 1, sizeof *(v), 8)
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* A growable NUL-terminated byte string. Zero-initialise to use. */
struct sbuf {
	char *s;    /* NULL until something is added */
	size_t len; /* bytes, not counting the NUL */
	size_t cap;
};

void sbuf_addn(struct sbuf *b, const char *s, size_t n);
void sbuf_add(struct sbuf *b, const char *s);
void sbuf_addc(struct sbuf *b, char c);
void sbuf_printf(struct sbuf *b, const char *fmt, ...) FONDS_PRINTF(2, 3);
void sbuf_vprintf(struct sbuf *b, const char *fmt, va_list ap);
/* Empty the buffer, keeping its memory. */
void sbuf_reset(struct sbuf *b);
/* The contents, never NULL ("" when empty); owned by b. */
const char *sbuf_str(const struct sbuf *b);
/* Hand the string to the caller (who frees it) and empty the buffer. */
char *sbuf_take(struct sbuf *b);
void sbuf_free(struct sbuf *b);

/* A growable list of owned strings. Zero-initialise to use. */
struct strlist {
	char **v;
	size_t n, cap;
};

/* Append a copy of s (takes nothing). */
void strlist_add(struct strlist *l, const char *s);
/* Append s, adopting it (caller must not free it). */
void strlist_take(struct strlist *l, char *s);
/* Index of the first element equal to s, or -1. */
long strlist_find(const struct strlist *l, const char *s);
void strlist_clear(struct strlist *l);

/* Microseconds from a monotonic clock. */
int64_t clock_usec(void);

/* Trim ASCII white space in place; returns s. */
char *str_trim(char *s);

/* 64-bit FNV-1a hash of n bytes. */
uint64_t hash64(const void *p, size_t n, uint64_t seed);

/* mkdir -p (mode 0700) of the directory that holds the file path. */
int path_make_parents(const char *path, struct err *e);

/* --- other programs and whole files (run.c) --- */

/* The words of s split at spaces and tabs (no shell: quotes are not
 * read), then last when not NULL, as a NULL-terminated argv (caller
 * frees with run_words_free). */
char **run_split_words(const char *s, const char *last);
void run_words_free(char **v);

/* Run argv[0] (looked up in PATH) with argv, without a shell, waiting
 * for it; input, when not NULL, is written to its standard input (else
 * it inherits ours). SIGINT and SIGQUIT are ignored meanwhile (they are
 * the program's). Returns its exit status, or -1 with e set when it
 * could not run or was killed. */
int run_program(char *const argv[], const char *input, struct err *e);

/* Write text to path whole: a new file beside it (mode 0600, its
 * directories made), flushed to the disk, renamed over it. */
int file_write_whole(const char *path, const char *text, struct err *e);

/* A whole file as a new string (caller frees), at most max bytes; NULL
 * with e set. */
char *file_read_whole(const char *path, size_t max, struct err *e);

/* $XDG_STATE_HOME/fonds/NAME, else ~/.local/state/fonds/NAME; NULL
 * without a home. Caller frees. */
char *state_path(const char *name);

/* A file in the state directory dir for document id: the id with every
 * byte but letters, digits, '-', '_' and '.' (not first) as %XX, then
 * suffix. Caller frees; NULL without a home. */
char *state_id_file(const char *dir, const char *id, const char *suffix);

#endif
