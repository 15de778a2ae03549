/* readpos.c - the reading positions file: bounded, read defensively and
 * written whole (see readpos.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fonds/readpos.h"
#include "fonds/text.h"

/* A line is at most this long: three numbers and an id. */
#define READPOS_LINE_MAX (READPOS_ID_MAX + 64)

/* The most of the file read (its end, where the newest are). */
#define READPOS_READ_MAX (1L << 20)

void readpos_init(struct readpos *p, size_t max)
{
	memset(p, 0, sizeof *p);
	p->max = max ? max : READPOS_DEFAULT_MAX;
}

void readpos_free(struct readpos *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].id);
	free(p->v);
	p->v = NULL;
	p->n = p->cap = 0;
}

/* 1 when id can be written on a line and read back. */
static int id_ok(const char *id)
{
	size_t n = strlen(id);

	if (!n || n > READPOS_ID_MAX || !text_is_valid(id, n))
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)id[i];

		if (c < 0x20 || c == 0x7f)
			return 0;
		if (c == 0xc2 && i + 1 < n && (unsigned char)id[i + 1] < 0xa0)
			return 0; /* U+0080..U+009F */
	}
	return 1;
}

static long find(const struct readpos *p, const char *id)
{
	/* newest first: the document read last is the one looked up most */
	for (size_t i = p->n; i-- > 0;)
		if (strcmp(p->v[i].id, id) == 0)
			return (long)i;
	return -1;
}

const struct readpos_entry *readpos_get(const struct readpos *p, const char *id)
{
	long i = id ? find(p, id) : -1;

	return i < 0 ? NULL : &p->v[i];
}

/* Set id's entry as the newest, with seq. */
static void put(struct readpos *p, const char *id, int text, int sect, size_t off,
                unsigned long seq)
{
	long i = find(p, id);
	char *keep = NULL;

	if (!p->max)
		p->max = READPOS_DEFAULT_MAX;
	if (i >= 0) {
		keep = p->v[i].id;
		memmove(p->v + i, p->v + i + 1, (p->n - (size_t)i - 1) * sizeof *p->v);
		p->n--;
	}
	while (p->n >= p->max) {
		free(p->v[0].id);
		memmove(p->v, p->v + 1, (p->n - 1) * sizeof *p->v);
		p->n--;
	}
	ARRAY_RESERVE(p->v, p->n, p->cap);
	p->v[p->n].id = keep ? keep : xstrdup(id);
	p->v[p->n].text = text;
	p->v[p->n].sect = sect;
	p->v[p->n].off = off;
	p->v[p->n].seq = seq;
	p->n++;
}

void readpos_set(struct readpos *p, const char *id, int text, int sect, size_t off)
{
	if (!id || !id_ok(id) || text < 0 || text > 2 || sect < 0)
		return;
	put(p, id, text, sect, off, ++p->seq);
}

char *readpos_default_path(void)
{
	const char *xdg = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	struct sbuf b = {0};

	if (xdg && *xdg == '/')
		sbuf_printf(&b, "%s/fonds/positions", xdg);
	else if (home && *home)
		sbuf_printf(&b, "%s/.local/state/fonds/positions", home);
	else
		return NULL;
	return sbuf_take(&b);
}

/* One line of the file: 1 when it is an entry (added), else 0. */
static int load_line(struct readpos *p, const char *line)
{
	unsigned long text, sect;
	unsigned long long off;
	char *end;
	const char *s = line;

	if (*s < '0' || *s > '9')
		return 0;
	text = strtoul(s, &end, 10);
	if (*end != ' ' || text > 2)
		return 0;
	s = end + 1;
	if (*s < '0' || *s > '9')
		return 0;
	sect = strtoul(s, &end, 10);
	if (*end != ' ' || sect > 1000000)
		return 0;
	s = end + 1;
	if (*s < '0' || *s > '9')
		return 0;
	errno = 0;
	off = strtoull(s, &end, 10);
	if (*end != ' ' || errno || off > (1ULL << 40))
		return 0;
	s = end + 1;
	if (!id_ok(s))
		return 0;
	put(p, s, (int)text, (int)sect, (size_t)off, 0);
	return 1;
}

int readpos_load(struct readpos *p, const char *path, struct err *e)
{
	char buf[READPOS_LINE_MAX + 2];
	int fd, skipped = 0, c, bad = 0;
	struct stat st;
	size_t n = 0;
	FILE *f;

	/* O_NONBLOCK: a FIFO put in its place must not hang the browser */
	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		return err_set(e, "cannot read the reading positions %s: %s", path, strerror(errno));
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return err_set(e, "cannot read the reading positions %s: not a regular file", path);
	}
	if (!(f = fdopen(fd, "r"))) {
		close(fd);
		return err_set(e, "cannot read the reading positions %s: %s", path, strerror(errno));
	}
	if (st.st_size > READPOS_READ_MAX) {
		fseek(f, (long)(st.st_size - READPOS_READ_MAX), SEEK_SET);
		while ((c = getc(f)) != EOF && c != '\n')
			;
	}
	while ((c = getc(f)) != EOF || n || bad) {
		if (c == '\n' || c == EOF) {
			buf[n] = '\0';
			if (bad || (n && buf[0] != '#' && !load_line(p, buf)))
				skipped++;
			n = 0;
			bad = 0;
			if (c == EOF)
				break;
		} else if (c == '\0' || n >= sizeof buf - 1) {
			bad = 1;
		} else {
			buf[n++] = (char)c;
		}
	}
	if (ferror(f)) {
		fclose(f);
		return err_set(e, "cannot read the reading positions %s: %s", path, strerror(errno));
	}
	fclose(f);
	return skipped;
}

static int cmp_seq(const void *x, const void *y)
{
	const struct readpos_entry *a = *(const struct readpos_entry *const *)x;
	const struct readpos_entry *b = *(const struct readpos_entry *const *)y;

	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

int readpos_save(const struct readpos *p, const char *path, struct err *e)
{
	struct readpos all;
	const struct readpos_entry **mine;
	struct sbuf tmp = {0};
	size_t k = 0;
	int fd, rc = 0;
	FILE *f;

	if (path_make_parents(path, e) < 0)
		return err_prefix(e, "cannot save the reading positions");
	/* what other sessions saved since, then this session's, newest last */
	readpos_init(&all, p->max);
	if (readpos_load(&all, path, e) < 0) {
		readpos_free(&all);
		return -1;
	}
	mine = xcalloc(p->n ? p->n : 1, sizeof *mine);
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].seq)
			mine[k++] = &p->v[i];
	qsort(mine, k, sizeof *mine, cmp_seq);
	for (size_t i = 0; i < k; i++)
		put(&all, mine[i]->id, mine[i]->text, mine[i]->sect, mine[i]->off, 1);
	free(mine);

	sbuf_printf(&tmp, "%s.XXXXXX", path);
	fd = mkstemp(tmp.s);
	if (fd < 0) {
		rc = err_set(e, "cannot save the reading positions in %s: %s", path, strerror(errno));
		goto out;
	}
	if (!(f = fdopen(fd, "w"))) {
		rc = err_set(e, "cannot save the reading positions in %s: %s", path, strerror(errno));
		close(fd);
		unlink(sbuf_str(&tmp));
		goto out;
	}
	fputs("# fonds: where each document was left (TEXT SECTION OFFSET ID), oldest first\n", f);
	for (size_t i = 0; i < all.n; i++)
		fprintf(f, "%d %d %zu %s\n", all.v[i].text, all.v[i].sect, all.v[i].off, all.v[i].id);
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		rc = err_set(e, "cannot save the reading positions in %s: %s", path, strerror(errno));
		fclose(f);
		unlink(sbuf_str(&tmp));
		goto out;
	}
	if (fclose(f) != 0 || rename(sbuf_str(&tmp), path) != 0) {
		rc = err_set(e, "cannot save the reading positions in %s: %s", path, strerror(errno));
		unlink(sbuf_str(&tmp));
	}
out:
	sbuf_free(&tmp);
	readpos_free(&all);
	return rc;
}
