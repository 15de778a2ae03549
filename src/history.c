/* history.c - the search and command history file: bounded, deduplicated,
 * read defensively and written whole. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fonds/history.h"
#include "fonds/text.h"

/* The most of the file read: its end, where the newest entries are. */
#define HISTORY_READ_MAX (1L << 20)

void history_init(struct history *h, size_t max)
{
	memset(h, 0, sizeof *h);
	h->max = max ? max : HISTORY_DEFAULT_MAX;
}

void history_free(struct history *h)
{
	strlist_clear(&h->search);
	strlist_clear(&h->command);
}

/* 1 when s can be an entry: one line of valid UTF-8, no control
 * characters (C0, DEL, C1), not too long. What the prompt could not have
 * produced is not put back into it. */
static int entry_ok(const char *s)
{
	size_t n = strlen(s);

	if (!n || n > HISTORY_LINE_MAX || !text_is_valid(s, n))
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			return 0;
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] < 0xa0)
			return 0; /* U+0080..U+009F */
	}
	return 1;
}

void history_add(struct strlist *l, const char *s, size_t max)
{
	long i;

	if (!s || !entry_ok(s))
		return;
	if (!max)
		max = HISTORY_DEFAULT_MAX;
	i = strlist_find(l, s);
	if (i >= 0) {
		free(l->v[i]);
		memmove(l->v + i, l->v + i + 1, (l->n - (size_t)i - 1) * sizeof *l->v);
		l->n--;
	}
	while (l->n >= max) {
		free(l->v[0]);
		memmove(l->v, l->v + 1, (l->n - 1) * sizeof *l->v);
		l->n--;
	}
	strlist_add(l, s);
}

char *history_default_path(void)
{
	const char *xdg = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	struct sbuf b = {0};

	/* the base directory specification: a relative path is ignored */
	if (xdg && *xdg == '/')
		sbuf_printf(&b, "%s/fonds/history", xdg);
	else if (home && *home)
		sbuf_printf(&b, "%s/.local/state/fonds/history", home);
	else
		return NULL;
	return sbuf_take(&b);
}

/* Add one line of the file (without its newline) to h; 0 when it is not
 * an entry. */
static int load_line(struct history *h, const char *line)
{
	struct strlist *l = line[0] == '/' ? &h->search : line[0] == ':' ? &h->command : NULL;

	if (!l || !entry_ok(line + 1))
		return 0;
	history_add(l, line + 1, h->max);
	return 1;
}

int history_load(struct history *h, const char *path, struct err *e)
{
	char buf[HISTORY_LINE_MAX + 2];
	int fd, skipped = 0, c;
	struct stat st;
	size_t n = 0;
	int too_long = 0; /* or holds a NUL: the line is skipped */
	FILE *f;

	if (!h->max)
		h->max = HISTORY_DEFAULT_MAX;
	/* O_NONBLOCK: a FIFO put in its place must not hang the browser */
	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		return err_set(e, "cannot read the history %s: %s", path, strerror(errno));
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return err_set(e, "cannot read the history %s: not a regular file", path);
	}
	if (!(f = fdopen(fd, "r"))) {
		close(fd);
		return err_set(e, "cannot read the history %s: %s", path, strerror(errno));
	}
	if (st.st_size > HISTORY_READ_MAX) {
		/* the newest entries only, from the first whole line */
		fseek(f, (long)(st.st_size - HISTORY_READ_MAX), SEEK_SET);
		while ((c = getc(f)) != EOF && c != '\n')
			;
	}
	while ((c = getc(f)) != EOF) {
		if (c == '\n') {
			buf[n] = '\0';
			if (too_long || (n && !load_line(h, buf)))
				skipped++;
			n = 0;
			too_long = 0;
		} else if (c == '\0') {
			too_long = 1; /* a NUL: not a line of text either */
		} else if (n < sizeof buf - 1) {
			buf[n++] = (char)c;
		} else {
			too_long = 1;
		}
	}
	if (n || too_long) {
		/* a last line without its newline (a write cut short) */
		buf[n] = '\0';
		if (too_long || !load_line(h, buf))
			skipped++;
	}
	if (ferror(f)) {
		fclose(f);
		return err_set(e, "cannot read the history %s: %s", path, strerror(errno));
	}
	fclose(f);
	return skipped;
}

/* Write the entries of l with their prefix to f. */
static void write_list(FILE *f, const struct strlist *l, char prefix)
{
	for (size_t i = 0; i < l->n; i++)
		fprintf(f, "%c%s\n", prefix, l->v[i]);
}

int history_save(const struct history *h, const char *path, struct err *e)
{
	struct history all;
	struct sbuf tmp = {0};
	int fd, rc = 0;
	FILE *f;

	if (path_make_parents(path, e) < 0)
		return err_prefix(e, "cannot save the history");
	/* what other sessions saved since, then ours, newest last */
	history_init(&all, h->max);
	if (history_load(&all, path, e) < 0) {
		history_free(&all);
		return -1;
	}
	for (size_t i = 0; i < h->search.n; i++)
		history_add(&all.search, h->search.v[i], all.max);
	for (size_t i = 0; i < h->command.n; i++)
		history_add(&all.command, h->command.v[i], all.max);

	sbuf_printf(&tmp, "%s.XXXXXX", path);
	fd = mkstemp(tmp.s);
	if (fd < 0) {
		rc = err_set(e, "cannot save the history in %s: %s", path, strerror(errno));
		goto out;
	}
	if (!(f = fdopen(fd, "w"))) {
		rc = err_set(e, "cannot save the history in %s: %s", path, strerror(errno));
		close(fd);
		unlink(sbuf_str(&tmp));
		goto out;
	}
	write_list(f, &all.search, '/');
	write_list(f, &all.command, ':');
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		rc = err_set(e, "cannot save the history in %s: %s", path, strerror(errno));
		fclose(f);
		unlink(sbuf_str(&tmp));
		goto out;
	}
	if (fclose(f) != 0 || rename(sbuf_str(&tmp), path) != 0) {
		rc = err_set(e, "cannot save the history in %s: %s", path, strerror(errno));
		unlink(sbuf_str(&tmp));
	}
out:
	sbuf_free(&tmp);
	history_free(&all);
	return rc;
}
