/* reader.c - a buffered input stream with look-ahead and line counting.
 *
 * The buffer holds what was read but not yet consumed; it grows only when
 * a caller peeks further ahead than it holds, so reading lines of any
 * length takes memory for one chunk plus the caller's line buffer.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fonds/import.h"

#define CHUNK 65536

void reader_init(struct reader *r, FILE *fp, const char *name)
{
	memset(r, 0, sizeof *r);
	r->fp = fp;
	r->name = name ? name : "-";
}

void reader_free(struct reader *r)
{
	free(r->buf);
	r->buf = NULL;
	r->len = r->pos = r->cap = 0;
}

size_t reader_peek(struct reader *r, size_t n)
{
	while (r->len - r->pos < n && !r->eof) {
		size_t have = r->len - r->pos, want, got, room;

		/* move the unread bytes to the front */
		if (r->pos > 0) {
			memmove(r->buf, r->buf + r->pos, have);
			r->len = have;
			r->pos = 0;
		}
		want = n - have > CHUNK ? n - have : CHUNK;
		if (r->cap - r->len < want) {
			if (want > (size_t)-1 / 2 - r->len)
				die("input look-ahead too large");
			r->cap = r->len + want;
			r->buf = xrealloc(r->buf, r->cap);
		}
		if (!r->fp) {
			r->eof = 1;
			break;
		}
		room = r->cap - r->len;
		errno = 0;
		got = fread(r->buf + r->len, 1, room, r->fp);
		r->len += got;
		if (got < room) {
			if (ferror(r->fp))
				r->err = errno ? errno : EIO;
			if (ferror(r->fp) || feof(r->fp))
				r->eof = 1;
		}
	}
	return r->len - r->pos;
}

/* Consume n available bytes, counting newlines in them. */
static void reader_skip(struct reader *r, size_t n, long newlines)
{
	r->pos += n;
	r->offset += (long long)n;
	r->nl += newlines;
}

int reader_line(struct reader *r, struct sbuf *out, struct err *e)
{
	int ended = 0;

	sbuf_reset(out);
	if (reader_peek(r, 1) == 0) {
		if (reader_error(r, e) < 0)
			return -1;
		return 0;
	}
	while (!ended) {
		size_t avail = reader_peek(r, 1), chunk;
		const char *p = r->buf + r->pos, *nl, *z;

		if (avail == 0)
			break;
		nl = memchr(p, '\n', avail);
		chunk = nl ? (size_t)(nl - p) : avail;
		z = memchr(p, '\0', chunk);
		if (z) {
			r->line = r->nl + 1;
			return reader_binary(r, r->offset + (z - p), e);
		}
		sbuf_addn(out, p, chunk);
		reader_skip(r, chunk, 0);
		if (nl) {
			reader_skip(r, 1, 0);
			ended = 1;
		}
	}
	if (reader_error(r, e) < 0)
		return -1;
	if (out->len > 0 && out->s[out->len - 1] == '\r')
		out->s[--out->len] = '\0';
	r->line = r->nl + 1;
	if (ended)
		r->nl++;
	return 1;
}

int reader_getc(struct reader *r)
{
	unsigned char c;

	if (r->pos >= r->len && reader_peek(r, 1) == 0)
		return -1;
	c = (unsigned char)r->buf[r->pos++];
	r->offset++;
	r->line = r->nl + 1;
	if (c == '\n')
		r->nl++;
	return c;
}

int reader_error(const struct reader *r, struct err *e)
{
	if (!r->err)
		return 0;
	return err_set(e, "%s: read error: %s", r->name, strerror(r->err));
}

int reader_binary(const struct reader *r, long long off, struct err *e)
{
	return err_set(e,
	               "%s: byte %lld: binary input (NUL byte); "
	               "fonds imports text files (pages, JSON, CSV)",
	               r->name, off);
}
