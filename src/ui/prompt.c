/* prompt.c - the search prompt (/) and the command line (:), one line
 * editor with history; the search runs as you type, debounced, and the
 * command line completes with Tab. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui/curs.h"
#include "ui/internal.h"

#define SEARCH_DEBOUNCE_USEC 150000
static struct strlist *history_of(struct app *a)
{
	return a->prompt.kind == PROMPT_COMMAND ? &a->hist.command : &a->hist.search;
}

void prompt_open(struct app *a, enum prompt_kind kind, const char *init)
{
	struct prompt *p = &a->prompt;

	p->kind = kind;
	sbuf_reset(&p->text);
	sbuf_add(&p->text, init ? init : "");
	p->cur = p->text.len;
	p->hist_pos = -1;
	free(p->saved);
	p->saved = NULL;
	p->deadline = 0;
	p->applied = 0;
	free(p->orig);
	p->orig = xstrdup(a->b.search);
	browse_message(&a->b, 0, NULL);
	if (kind == PROMPT_SEARCH) {
		browse_batch_begin(&a->b);
		browse_push_view(&a->b, BV_LIST);
	}
}

static void prompt_close(struct app *a)
{
	struct prompt *p = &a->prompt;

	strlist_clear(&p->cands);

	p->kind = PROMPT_NONE;
	p->deadline = 0;
	free(p->saved);
	p->saved = NULL;
	free(p->orig);
	p->orig = NULL;
}

void prompt_cancel(struct app *a)
{
	struct prompt *p = &a->prompt;

	/* back to the search, list and view the prompt was opened on */
	if (p->kind == PROMPT_SEARCH && browse_batch_cancel(&a->b, &a->e) < 0)
		app_error(a, &a->e);
	prompt_close(a);
	browse_message(&a->b, 0, "Cancelled");
}

void prompt_tick(struct app *a, int force)
{
	struct prompt *p = &a->prompt;
	int r;

	if (p->kind != PROMPT_SEARCH || !p->deadline)
		return;
	if (!force && clock_usec() < p->deadline)
		return;
	p->deadline = 0;
	if (strcmp(sbuf_str(&p->text), a->b.search) == 0 && !a->b.stale)
		return;
	a->interruptible = 1;
	r = browse_set_search(&a->b, sbuf_str(&p->text), &a->e);
	a->interruptible = 0;
	if (r < 0) {
		if (a->b.stale) {
			/* cut short by a key or the time limit: the loop reads it
			 * again as soon as typing pauses */
			p->applied = 1;
			browse_message(&a->b, 0, "Searching...");
		} else {
			browse_message(&a->b, 1, "%s", a->e.msg);
		}
		return;
	}
	p->applied = 1;
	browse_message(&a->b, 0, NULL);
}

static void changed(struct app *a)
{
	struct prompt *p = &a->prompt;

	if (p->kind == PROMPT_SEARCH)
		p->deadline = clock_usec() + SEARCH_DEBOUNCE_USEC;
	else if (p->kind == PROMPT_FIND && browse_top(&a->b) == BV_FILTER)
		filter_narrow(a, sbuf_str(&p->text)); /* type to narrow */
}

static void submit(struct app *a)
{
	struct prompt *p = &a->prompt;
	char *line = xstrdup(sbuf_str(&p->text));
	int r;

	if (p->kind == PROMPT_SEARCH) {
		if (strcmp(line, a->b.search) != 0 || a->b.stale) {
			r = browse_set_search(&a->b, line, &a->e);
			if (r < 0 && !a->b.stale) {
				/* keep the prompt open so the query can be fixed */
				browse_message(&a->b, 1, "%s", a->e.msg);
				free(line);
				return;
			}
		}
		history_add(&a->hist.search, line, a->hist.max);
		if (p->orig && strcmp(p->orig, line) == 0) {
			/* the same search: not a new place */
			browse_batch_end(&a->b, 0);
			prompt_close(a);
			free(line);
			return;
		}
		prompt_close(a);
		browse_batch_end(&a->b, 1);
		/* once counted (idle): the list need not wait for it */
		a->say_found = *line != '\0';
	} else if (p->kind == PROMPT_FIND) {
		history_add(&a->hist.search, line, a->hist.max);
		prompt_close(a);
		if (browse_top(&a->b) == BV_FILTER)
			filter_narrow(a, line);
		else
			help_find(a, line);
	} else {
		history_add(&a->hist.command, line, a->hist.max);
		prompt_close(a);
		r = browse_command(&a->b, line, &a->e);
		if (r < 0)
			app_error(a, &a->e);
		else if (r == BROWSE_CMD_QUIT)
			a->quit = 1;
		else if (r == BROWSE_CMD_EDIT_NOTE)
			app_edit_note(a);
		else if (r == BROWSE_CMD_CITE)
			app_cite(a);
		else if (r == BROWSE_CMD_PIPE)
			app_pipe(a, browse_command_arg(line));
	}
	free(line);
}

static void set_text(struct prompt *p, const char *s)
{
	sbuf_reset(&p->text);
	sbuf_add(&p->text, s);
	p->cur = p->text.len;
}

static void history_walk(struct app *a, int dir)
{
	struct prompt *p = &a->prompt;
	struct strlist *h = history_of(a);
	long pos;

	if (!h->n)
		return;
	if (p->hist_pos < 0) {
		if (dir > 0)
			return;
		free(p->saved);
		p->saved = xstrdup(sbuf_str(&p->text));
		pos = (long)h->n - 1;
	} else {
		pos = p->hist_pos + dir;
	}
	if (pos < 0)
		return;
	if (pos >= (long)h->n) {
		p->hist_pos = -1;
		set_text(p, p->saved ? p->saved : "");
	} else {
		p->hist_pos = pos;
		set_text(p, h->v[pos]);
	}
	changed(a);
}

static size_t prev_char(const char *s, size_t i)
{
	while (i > 0) {
		i--;
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			break;
	}
	return i;
}

static size_t next_char(const char *s, size_t len, size_t i)
{
	if (i < len)
		i++;
	while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
		i++;
	return i;
}

/* Remove bytes [from, to) of the text. */
static void cut(struct prompt *p, size_t from, size_t to)
{
	if (from >= to)
		return;
	memmove(p->text.s + from, p->text.s + to, p->text.len - to + 1);
	p->text.len -= to - from;
	p->cur = from;
}

static void insert(struct prompt *p, const char *s, size_t n)
{
	struct sbuf nb = {0};

	sbuf_addn(&nb, sbuf_str(&p->text), p->cur);
	sbuf_addn(&nb, s, n);
	sbuf_add(&nb, sbuf_str(&p->text) + p->cur);
	sbuf_free(&p->text);
	p->text = nb;
	p->cur += n;
}

static int s_is_word_start(const char *s, size_t i)
{
	return s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
}

/* Tab (dir 1) and Shift-Tab (-1) at the : prompt: complete the last word
 * as far as its candidates agree; when several remain, list them on a
 * line of their own, and further presses put each in turn in place. */
static void complete(struct app *a, int dir)
{
	struct prompt *p = &a->prompt;
	struct strlist c = {0};
	size_t start, common;

	if (p->kind != PROMPT_COMMAND)
		return;
	if (p->cands.n > 1) {
		long n = (long)p->cands.n;

		p->cand = p->cand < 0 ? (dir > 0 ? 0 : n - 1) : ((p->cand + dir) % n + n) % n;
		p->text.len = p->cand_start;
		p->text.s[p->cand_start] = '\0';
		sbuf_add(&p->text, p->cands.v[p->cand]);
		p->cur = p->text.len;
		return;
	}
	start = browse_complete(&a->b, sbuf_str(&p->text), &c);
	if (!c.n) {
		browse_message(&a->b, 0, "No completions");
		return;
	}
	common = browse_common_prefix(&c);
	if (start <= p->text.len && common >= p->text.len - start) {
		int words = 0, filter_field;
		size_t i2;

		for (i2 = 0; i2 < start; i2++)
			if (s_is_word_start(sbuf_str(&p->text), i2))
				words++;
		filter_field = words == 1 &&
		               strncmp(sbuf_str(&p->text), "filter ", 7) == 0;
		p->text.len = start;
		p->text.s[start] = '\0';
		sbuf_addn(&p->text, c.v[0], common);
		if (c.n == 1 && (words == 0 || filter_field))
			sbuf_addc(&p->text, ' ');
		p->cur = p->text.len;
	}
	browse_message(&a->b, 0, NULL);
	strlist_clear(&p->cands);
	if (c.n > 1) {
		p->cands = c;
		p->cand = -1;
		p->cand_start = start;
		return;
	}
	strlist_clear(&c);
}

/* Draw the candidates of the last Tab on line y (nothing when none). */
void prompt_draw_candidates(struct app *a, int y, int w)
{
	struct prompt *p = &a->prompt;
	struct sbuf line = {0};
	struct spans sp = {0};
	size_t hl, hl_len;

	if (p->kind != PROMPT_COMMAND || p->cands.n < 2 || y < 0)
		return;
	ui_candidates_line(&p->cands, p->cand, w - 1, &line, &hl, &hl_len);
	if (hl_len) {
		sp.v = xmalloc(sizeof *sp.v);
		sp.v[0].off = hl;
		sp.v[0].len = hl_len;
		sp.n = sp.cap = 1;
	}
	screen_fill(y, 0, w, SA_STATUS);
	screen_put_spans(y, 1, w - 1, sbuf_str(&line), &sp, SA_STATUS, SA_SELECTED);
	spans_free(&sp);
	sbuf_free(&line);
}

void prompt_key(struct app *a, int key)
{
	struct prompt *p = &a->prompt;
	const char *s = sbuf_str(&p->text);
	size_t len = p->text.len;

	/* any key but Tab ends the choice among candidates */
	if (key != '\t' && key != (KEY_SPECIAL | KEY_BTAB))
		strlist_clear(&p->cands);

	switch (key) {
	case KEY_ENTER_:
		submit(a);
		return;
	case KEY_ESC_:
	case 3: /* C-c, when it arrives as a key */
	case 7: /* C-g */
		prompt_cancel(a);
		return;
	case '\t':
		complete(a, 1);
		return;
	case KEY_SPECIAL | KEY_BTAB:
		complete(a, -1);
		return;
	case KEY_SPECIAL | KEY_BACKSPACE:
		if (!len) {
			prompt_cancel(a);
			return;
		}
		cut(p, prev_char(s, p->cur), p->cur);
		break;
	case KEY_SPECIAL | KEY_DC:
	case 4: /* C-d */
		cut(p, p->cur, next_char(s, len, p->cur));
		break;
	case KEY_SPECIAL | KEY_LEFT:
	case 2: /* C-b */
		p->cur = prev_char(s, p->cur);
		return;
	case KEY_SPECIAL | KEY_RIGHT:
	case 6: /* C-f */
		p->cur = next_char(s, len, p->cur);
		return;
	case KEY_SPECIAL | KEY_HOME:
	case 1: /* C-a */
		p->cur = 0;
		return;
	case KEY_SPECIAL | KEY_END:
	case 5: /* C-e */
		p->cur = len;
		return;
	case 21: /* C-u */
		cut(p, 0, p->cur);
		break;
	case 11: /* C-k */
		cut(p, p->cur, len);
		break;
	case 23: { /* C-w */
		size_t i = p->cur;

		while (i > 0 && s[i - 1] == ' ')
			i--;
		while (i > 0 && s[i - 1] != ' ')
			i--;
		cut(p, i, p->cur);
		break;
	}
	case KEY_SPECIAL | KEY_UP:
	case 16: /* C-p */
		history_walk(a, -1);
		return;
	case KEY_SPECIAL | KEY_DOWN:
	case 14: /* C-n */
		history_walk(a, 1);
		return;
	default:
		if (key & KEY_SPECIAL || key < ' ' || key == 127 ||
		    (key >= 0x80 && key < 0xA0) || key > 0x10FFFF ||
		    (key >= 0xD800 && key < 0xE000))
			return;
		{
			char buf[8];
			size_t n = text_put(buf, (uint32_t)key);

			if (p->text.len + n > 4096)
				return;
			insert(p, buf, n);
		}
		break;
	}
	changed(a);
}

void prompt_draw(struct app *a, int y, int w)
{
	struct prompt *p = &a->prompt;
	char lead[2] = { p->kind == PROMPT_COMMAND ? ':' : '/', 0 };
	char *left, *right, *before;
	int lw, avail, x;
	size_t skip = 0;

	if (w <= 0)
		return;
	screen_fill(y, 0, w, SA_NORMAL);
	screen_put(y, 0, 1, lead, SA_NORMAL);
	before = xstrndup(sbuf_str(&p->text), p->cur);
	left = screen_clean(before);
	free(before);
	right = screen_clean(sbuf_str(&p->text) + p->cur);
	lw = text_width(left);
	avail = w - 2;
	if (avail < 1)
		avail = 1;
	if (lw > avail) {
		int used = 0;

		skip = text_clip(left, lw - avail, &used);
		if (used < lw - avail)
			skip += 1; /* never split a wide character */
		while (left[skip] && ((unsigned char)left[skip] & 0xC0) == 0x80)
			skip++;
	}
	x = 1 + screen_put_clean(y, 1, avail, left + skip, SA_NORMAL);
	screen_put_clean(y, x, w - x, right, SA_NORMAL);
	screen_cursor(y, x);
	free(left);
	free(right);
}
