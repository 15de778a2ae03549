/* app.c - the browser's event loop: layout of panes, focus, keys, resize
 * and signals.
 *
 * One struct app holds all of the UI's state. The loop draws only when
 * something changed, and draws once per settled batch of input: every key
 * already waiting is handled before the screen is drawn again, so holding
 * a key down never queues up redraws. The terminal is given back on every
 * way out: normal quit, SIGTERM/SIGHUP (position saved first), die() and
 * exit() (atexit).
 */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "ui/curs.h"
#include "ui/internal.h"

#define MIN_COLS 40
#define MIN_LINES 10
#define WIDE_COLS 100
#define QUERY_TIME_LIMIT_USEC 400000
#define IDLE_TIME_LIMIT_USEC 10000000
/* Keys closer together than this are a held key or fast typing (a key
 * within HOLD_MIN_USEC of the last is a program's, sent as soon as the
 * screen was drawn: no autorepeat is that fast). */
#define HOLD_USEC 120000
#define HOLD_MIN_USEC 5000
/* While a key is held, a screen at most this often, and not before the
 * terminal has shown the last one (screen_link_awaiting: it answered);
 * on a slow link no more bytes a second than half what it carries
 * (screen_link_rate, HELD_SHARE), a screen at least every FRAME_MAX_USEC.
 * The keys that came in between are applied together (measured in
 * BENCHMARKS). */
#define FRAME_USEC 125000
#define FRAME_MAX_USEC 2000000
#define HELD_SHARE 2

/* The one application (for the signal handlers, atexit and die()). */
static struct app *the_app;
static volatile sig_atomic_t sig_int, sig_stop;

static void on_signal(int sig)
{
	if (sig == SIGINT)
		sig_int = 1;
	else
		sig_stop = sig;
	if (the_app && the_app->store)
		store_interrupt(the_app->store);
}

static void restore_terminal(void)
{
	screen_stop();
}

static int progress(void *arg)
{
	struct app *a = arg;

	if (sig_int || sig_stop)
		return 1;
	return a->interruptible && screen_input_pending();
}

void app_error(struct app *a, const struct err *e)
{
	if (a->b.stale)
		browse_message(&a->b, 0, "Searching...");
	else if (sig_int || store_was_interrupted(a->store))
		browse_message(&a->b, 0, "Interrupted: %s", e->msg);
	else
		browse_message(&a->b, 1, "%s", e->msg);
}

const struct strlist *app_terms(struct app *a)
{
	/* made again only when the list changed: no formatting per draw */
	if (a->terms_gen != a->b.gen || !a->terms_gen) {
		strlist_clear(&a->terms);
		ui_query_terms(a->b.search_q, &a->terms);
		a->terms_gen = a->b.gen;
	}
	return &a->terms;
}

const struct strlist *app_doc_terms(struct app *a, int64_t key)
{
	const struct strlist *terms = app_terms(a);
	struct strlist forms = {0};
	struct err e;

	if (a->doc_terms_key == key && a->doc_terms_gen == a->b.gen && a->doc_terms_gen)
		return &a->doc_terms;
	strlist_clear(&a->doc_terms);
	for (size_t i = 0; i < terms->n; i++)
		strlist_add(&a->doc_terms, terms->v[i]);
	/* the spellings the document has of a name found by another */
	if (key && terms->n && browse_doc_forms(&a->b, key, &forms, &e) == 0)
		for (size_t i = 0; i < forms.n; i++)
			ui_add_terms(&a->doc_terms, forms.v[i]);
	strlist_clear(&forms);
	a->doc_terms_gen = a->b.gen;
	a->doc_terms_key = key;
	return &a->doc_terms;
}

/* --- requests every view shares ------------------------------------------ */

/* The view a request opens and closes, or -1. */
static int toggled_view(enum request req)
{
	int v;

	for (v = 0; v < BV_NVIEWS; v++)
		if (view_ops_of((enum browse_view)v)->toggle == req &&
		    req != REQ_NONE)
			return v;
	return -1;
}

int app_enter_view(struct app *a, enum browse_view v)
{
	const struct view_ops *ops = view_ops_of(v);

	if (ops->enter)
		return ops->enter(a);
	browse_push_view(&a->b, v);
	return 0;
}

void app_request(struct app *a, enum request req)
{
	struct browse *b = &a->b;
	const struct view_ops *v = view_ops_of(browse_top(b));
	int r = 0, tv;

	if (v->request && v->request(a, req))
		return;
	tv = toggled_view(req);
	if (tv >= 0) {
		if (browse_top(b) == (enum browse_view)tv)
			browse_pop_view(b);
		else
			r = app_enter_view(a, (enum browse_view)tv);
		if (r < 0)
			app_error(a, &a->e);
		return;
	}
	switch (req) {
	case REQ_QUIT:
		if (browse_pop_view(b))
			a->quit = 1;
		break;
	case REQ_QUIT_ALL:
		a->quit = 1;
		break;
	case REQ_BACK:
		r = browse_back(b, &a->e);
		break;
	case REQ_FORWARD:
		r = browse_forward(b, &a->e);
		break;
	case REQ_PREV_TIME:
		r = browse_neighbor(b, -1, &a->e);
		break;
	case REQ_NEXT_TIME:
		r = browse_neighbor(b, 1, &a->e);
		break;
	case REQ_SEARCH:
		prompt_open(a, PROMPT_SEARCH, b->search);
		break;
	case REQ_COMMAND:
		prompt_open(a, PROMPT_COMMAND, "");
		break;
	case REQ_RELATED:
		r = browse_related_open(b, &a->e);
		break;
	case REQ_PEOPLE:
		r = browse_people_open(b, &a->e);
		break;
	case REQ_PERSON_DOCS:
		browse_message(b, 0, "Open a person first (p in a document)");
		break;
	case REQ_CLEAR:
		r = browse_clear_all(b, &a->e);
		break;
	case REQ_WIDEN:
		r = browse_widen(b, &a->e);
		break;
	case REQ_SORT:
		r = browse_set_sort(b, b->rank_pref ? SORT_DATE : SORT_RANK, &a->e);
		if (r == 0)
			browse_message(b, 0, !query_has_text(b->q) ?
			               "Relevance order applies while searching" :
			               b->rank_pref && b->rank_capped ?
			               "Too many matches to rank: sorted by date (narrow the search)" :
			               b->rank_pref ? "Sorted by relevance" :
			               "Sorted by date");
		break;
	case REQ_BOOKMARK:
		r = browse_toggle_bookmark(b, &a->e);
		break;
	case REQ_TOGGLE_READ:
		r = browse_toggle_read(b, &a->e);
		break;
	case REQ_EDIT_NOTE:
		app_edit_note(a);
		break;
	case REQ_TAG:
		prompt_open(a, PROMPT_COMMAND, "tag ");
		break;
	case REQ_CITE:
		app_cite(a);
		break;
	case REQ_OPEN_URL:
		app_open_url(a);
		break;
	case REQ_PAGE_TEXT:
		app_page_text(a);
		break;
	case REQ_PIPE:
		prompt_open(a, PROMPT_COMMAND, "pipe ");
		break;
	case REQ_VISUAL:
		browse_message(b, 0, "Select lines in the document view (Enter opens it)");
		break;
	case REQ_REDRAW:
		screen_redraw();
		break;
	case REQ_LAYOUT:
		a->km.cfg.layout = a->km.cfg.layout == LAYOUT_LIST ? LAYOUT_SPLIT :
		                   LAYOUT_LIST;
		browse_message(b, 0, a->km.cfg.layout == LAYOUT_LIST ?
		               "The list alone: Enter opens a document" :
		               "The list beside the document");
		break;
	case REQ_ZOOM_IN:
	case REQ_ZOOM_OUT:
		browse_message(b, 0, "Zooming works in the timeline (t)");
		break;
	default:
		break;
	}
	if (r < 0)
		app_error(a, &a->e);
}

/* Tell the view that was on top that it no longer is. */
static void views_follow(struct app *a)
{
	enum browse_view top = browse_top(&a->b);
	const struct view_ops *ops;

	if (top == a->shown)
		return;
	ops = view_ops_of(a->shown);
	a->shown = top;
	if (ops->leave)
		ops->leave(a);
}

static void compose_screen(struct app *a);

/* The mouse (set mouse on): the wheel moves the view under it three
 * lines, or the list beside it; a click selects the row under it (the
 * view's own moves, one at a time, until its selection is drawn there),
 * a double click opens it. */
static int in_rect(struct rect r, int y, int x)
{
	return y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w;
}

static void app_mouse(struct app *a)
{
	enum browse_view top = browse_top(&a->b);
	int y, x, kind, i, prev, dir;

	if (!screen_mouse_event(&y, &x, &kind))
		return;
	if (kind == MOUSE_WHEEL_UP || kind == MOUSE_WHEEL_DOWN) {
		dir = kind == MOUSE_WHEEL_DOWN ? 1 : -1;
		if (in_rect(a->views[top].rect, y, x)) {
			for (i = 0; i < 3; i++)
				app_request(a, dir > 0 ? REQ_MOVE_DOWN : REQ_MOVE_UP);
		} else if (top != BV_LIST && a->wide &&
		           in_rect(a->views[BV_LIST].rect, y, x)) {
			if (browse_move(&a->b, 3 * dir, &a->e) < 0)
				app_error(a, &a->e);
		}
		return;
	}
	if (!in_rect(a->views[top].rect, y, x))
		return;
	store_read_begin(a->store);
	compose_screen(a);
	for (i = 0; i < 500 && a->sel_y >= 0 && a->sel_y != y; i++) {
		dir = y > a->sel_y ? 1 : -1;
		prev = a->sel_y;
		app_request(a, dir > 0 ? REQ_MOVE_DOWN : REQ_MOVE_UP);
		compose_screen(a);
		if (a->sel_y == prev)
			break;
		/* past the row clicked (its second line): one back */
		if ((dir > 0 && a->sel_y > y) || (dir < 0 && a->sel_y < y)) {
			if (dir > 0) {
				app_request(a, REQ_MOVE_UP);
				compose_screen(a);
			}
			break;
		}
	}
	store_read_end(a->store);
	if (kind == MOUSE_DOUBLE)
		app_request(a, REQ_ENTER);
}

static void handle_key(struct app *a, int key)
{
	enum request req;
	char name[32];

	if (key == (KEY_SPECIAL | KEY_RESIZE))
		return;
	if (a->prompt.kind != PROMPT_NONE) {
		prompt_key(a, key);
		views_follow(a);
		return;
	}
	browse_message(&a->b, 0, NULL);
	if (key == (KEY_SPECIAL | KEY_MOUSE)) {
		if (a->km.cfg.mouse)
			app_mouse(a);
		views_follow(a);
		return;
	}
	req = keymap_lookup(&a->km, browse_top(&a->b), key);
	if (req == REQ_NONE) {
		if (key != KEY_ESC_)
			browse_message(&a->b, 0, "%s does nothing here; ? shows "
			               "every key", keymap_key_name(key, name, sizeof name));
		return;
	}
	app_request(a, req);
	views_follow(a);
}

/* --- drawing ------------------------------------------------------------------ */

/* The filters in query syntax for the status line, formatted once per
 * list (owned by a). */
static const char *app_filters_text(struct app *a)
{
	if (!a->filters_text || a->filters_gen != a->b.gen) {
		free(a->filters_text);
		a->filters_text = browse_filters_text(&a->b);
		a->filters_gen = a->b.gen;
	}
	return a->filters_text;
}

/* The status position of the list (counted when idle, browse_count). */
void app_status_list(struct app *a, struct status_info *si)
{
	si->have_pos = browse_position_known(&a->b, &si->pos, &si->total,
	                                     &si->exact) == 0;
}

static void draw_status(struct app *a, int y, int w)
{
	struct browse *b = &a->b;
	struct status_info si;
	struct sbuf line = {0};
	const char *filters = app_filters_text(a);
	enum browse_view top = browse_top(b);
	const struct view_ops *ops = view_ops_of(top);
	char mode[64];

	memset(&si, 0, sizeof si);
	snprintf(mode, sizeof mode, "%s", browse_view_name(top));
	if (ops->status)
		ops->status(a, &si, mode, sizeof mode);
	else
		app_status_list(a, &si);
	si.mode = mode;
	if (query_has_text(b->q))
		si.sort = browse_sort(b) == SORT_RANK ? "relevance" : "date";
	si.search = b->search;
	si.filters = filters;
	si.msg = b->msg[0] ? b->msg : b->stale ? "Searching..." : NULL;
	if (b->msg_error && b->msg[0])
		si.msg = NULL; /* drawn over it below, in the error colours */
	si.ascii = a->ascii;
	ui_status_line(&si, w, &line);
	screen_put_clean(y, 0, w, sbuf_str(&line), SA_STATUS);
	if (b->msg_error && b->msg[0]) {
		/* only the message itself in the error colours, beside the mode
		 * and position */
		char *m = screen_clean(b->msg);
		struct sbuf fit = {0}, lead = {0};
		int mw = text_width(m) + 1, room;

		sbuf_printf(&lead, " %s", mode);
		if (si.have_pos)
			ui_position_text(&si, &lead);
		room = w - text_width(sbuf_str(&lead)) - 2;
		if (mw > room)
			mw = room;
		if (mw > 0) {
			ui_fit(&fit, m, mw, 1, a->ascii);
			screen_put_clean(y, w - mw, mw, sbuf_str(&fit), SA_ERROR);
		}
		sbuf_free(&fit);
		sbuf_free(&lead);
		free(m);
	}
	sbuf_free(&line);
}

static void draw_hint(struct app *a, int y, int w)
{
	const struct view_ops *v = view_ops_of(browse_top(&a->b));
	struct hint h[32];
	char keys[32][32];
	struct sbuf line = {0};
	size_t i, n = 0;

	for (i = 0; v->hints && v->hints[i] != REQ_NONE && n < ARRAY_LEN(h); i++) {
		if (!keymap_first_key(&a->km, browse_top(&a->b), v->hints[i], keys[n],
		                      sizeof keys[n]))
			continue;
		h[n].key = keys[n];
		h[n].label = v->enter_label && v->hints[i] == REQ_ENTER ?
		             v->enter_label : request_label(v->hints[i]);
		/* how to get help and out stay at every width */
		h[n].keep = v->hints[i] == REQ_HELP || v->hints[i] == REQ_QUIT;
		n++;
	}
	ui_hint_line(h, n, w, &line);
	screen_put(y, 0, w, sbuf_str(&line), SA_HINT);
	sbuf_free(&line);
}

static void draw_too_small(struct app *a)
{
	char msg[64];
	int y = a->lines / 2 - 1;

	snprintf(msg, sizeof msg, "Terminal too small (%dx%d)", a->cols,
	         a->lines);
	screen_put(y < 0 ? 0 : y, 0, a->cols, msg, SA_NORMAL);
	snprintf(msg, sizeof msg, "fonds needs %dx%d; q quits", MIN_COLS,
	         MIN_LINES);
	screen_put(y + 1, 0, a->cols, msg, SA_DIM);
}

/* Draw a pane (the view's own draw, focused or not, or a companion) in
 * r; in accessible mode two columns at its left hold a > beside its
 * selection, and the focused pane's selection is where the terminal's
 * cursor goes (screen readers follow it). */
static void draw_pane(struct app *a, const struct view_ops *ops, int companion,
                      struct rect r, int focused)
{
	int y, x, gut = a->accessible && r.w > 8;

	screen_sel_begin();
	if (gut) {
		r.x += 2;
		r.w -= 2;
	}
	if (companion)
		ops->companion(a, r);
	else
		ops->draw(a, r, focused);
	if (screen_sel_end(&y, &x)) {
		if (gut)
			screen_put(y, r.x - 2, 2, "> ", SA_MARK);
		/* where the selection is: the cursor in accessible mode, and
		 * what a mouse click moves from */
		if (focused) {
			a->sel_y = y;
			a->sel_x = gut ? r.x - 2 : x;
		}
	}
}

/* Lay out view top (and what shows beside it or under it) in c, from
 * the table, and draw it. */
static void draw_layout(struct app *a, enum browse_view top, struct rect c)
{
	const struct view_ops *ops = view_ops_of(top);
	struct rect mine = c, other = c;
	int lw;

	if (ops->place == VP_OVERLAY) {
		/* a box over the view it was opened from */
		const struct browse_views *v = &a->b.v;
		enum browse_view below = v->n >= 2 ? v->stack[v->n - 2] : BV_LIST;

		if (below != top)
			draw_layout(a, below, c);
		a->views[top].rect = c;
		draw_pane(a, ops, 0, c, 1);
		return;
	}
	if (!a->wide || ops->place == VP_FULL || !ops->companion ||
	    (top == BV_DOC && a->doc_full)) {
		a->views[top].rect = c;
		if (top == BV_LIST)
			list_size(a, c);
		draw_pane(a, ops, 0, c, 1);
		return;
	}
	if (ops->place == VP_THIRD) {
		lw = a->cols / 3 > MIN_COLS ? a->cols / 3 : MIN_COLS;
	} else {
		lw = a->cols * 9 / 20;
		if (lw < MIN_COLS)
			lw = MIN_COLS;
		if (lw > 90)
			lw = 90;
	}
	mine.w = lw;
	other.x = lw + 1;
	other.w = a->cols - lw - 1;
	if (ops->place == VP_RIGHT) {
		struct rect t = mine;

		mine = other;
		other = t;
	}
	a->views[top].rect = mine;
	/* the list's height is set before anything that depends on its rows
	 * is drawn */
	if (top == BV_LIST)
		list_size(a, mine);
	else if (ops->companion == list_draw_companion)
		list_size(a, other);
	draw_pane(a, ops, 0, mine, 1);
	draw_pane(a, ops, 1, other, 0);
	screen_vline(c.y, lw, c.h);
}

static void draw_screen(struct app *a);

/* One read transaction for the queries of a screen (a preview alone is a
 * dozen): each on its own would take and drop the read lock. */
static void draw(struct app *a)
{
	store_read_begin(a->store);
	draw_screen(a);
	store_read_end(a->store);
}

static void draw_screen(struct app *a)
{
	compose_screen(a);
	a->last_bytes = a->too_small ? 0 : screen_update();
}

/* The screen drawn into curses' virtual screen, nothing sent. */
static void compose_screen(struct app *a)
{
	struct rect c;

	screen_size(&a->lines, &a->cols);
	screen_erase();
	a->too_small = a->lines < MIN_LINES || a->cols < MIN_COLS;
	if (a->too_small) {
		draw_too_small(a);
		screen_cursor(-1, -1);
		screen_update();
		return;
	}
	c.y = 0;
	c.x = 0;
	c.h = a->lines - 2;
	c.w = a->cols;
	a->wide = a->cols >= WIDE_COLS && a->km.cfg.layout == LAYOUT_SPLIT;
	a->sel_y = a->sel_x = -1;
	draw_layout(a, browse_top(&a->b), c);
	draw_status(a, a->lines - 2, a->cols);
	if (a->prompt.kind != PROMPT_NONE) {
		prompt_draw_candidates(a, a->lines - 3, a->cols);
		prompt_draw(a, a->lines - 1, a->cols);
	} else {
		draw_hint(a, a->lines - 1, a->cols);
		/* accessible: the cursor on the selection (else on the status
		 * line, where the message is) */
		if (a->accessible)
			screen_cursor(a->sel_y >= 0 ? a->sel_y : a->lines - 2,
			              a->sel_y >= 0 ? a->sel_x : 0);
		else
			screen_cursor(-1, -1);
	}
}

/* --- the loop ---------------------------------------------------------------- */

/* Queries run while nothing is typed (on = 1, then 0 after them): more
 * time than a key's, and they give way to any key. */
static void idle_queries(struct app *a, int on)
{
	store_set_time_limit(a->store, on ? IDLE_TIME_LIMIT_USEC : QUERY_TIME_LIMIT_USEC);
	a->interruptible = on;
}

/* Count the list (its size, the position of its window) while nothing is
 * typed, giving way to any key; say "N found" for a search when asked. */
static void count_list(struct app *a)
{
	long long pos, total;
	int exact;

	idle_queries(a, 1);
	if (browse_count(&a->b) == 0 && a->say_found) {
		a->say_found = 0;
		browse_position_known(&a->b, &pos, &total, &exact);
		if (!a->b.msg[0])
			browse_message(&a->b, 0, "%s%lld found", exact ? "" : ">=",
			               total);
	}
	idle_queries(a, 0);
	a->dirty = 1;
}

static int count_wanted(const struct app *a)
{
	return a->say_found || browse_count_due(&a->b);
}

/* The view with work left for a pause, or NULL. */
static const struct view_ops *view_pending(struct app *a)
{
	int v;

	for (v = 0; v < BV_NVIEWS; v++) {
		const struct view_ops *ops = view_ops_of((enum browse_view)v);

		if (ops->pending && ops->pending(a))
			return ops;
	}
	return NULL;
}

static void idle(struct app *a)
{
	const struct view_ops *vp;

	/* the preview once the cursor rests and the terminal has shown
	 * the list it rests on */
	if (a->preview_due && clock_usec() >= a->preview_due &&
	    !screen_link_awaiting()) {
		a->preview_due = 0;
		a->held = 0;
		a->draw_due = 0;        /* the link's room was kept for it */
		a->dirty = 1;
		return;
	}

	if (count_wanted(a)) {
		count_list(a);
		return;
	}
	vp = view_pending(a);
	if (vp) {
		vp->idle(a);
		a->dirty = 1;
		return;
	}
	if (a->prompt.kind == PROMPT_SEARCH && a->prompt.deadline) {
		if (clock_usec() >= a->prompt.deadline) {
			prompt_tick(a, 0);
			a->dirty = 1;
		}
		return;
	}
	if (a->b.stale) {
		int r;

		/* a query cut short: run it again while nothing is typed, with
		 * more time, still giving way to any key */
		idle_queries(a, 1);
		r = browse_reload(&a->b, &a->e);
		idle_queries(a, 0);
		if (r < 0 && a->b.stale && !screen_input_pending() && !sig_int) {
			browse_give_up(&a->b);
			browse_message(&a->b, 1, "This list takes too long to read: "
			               "narrow the search, or press s for date order");
		} else if (r < 0 && !a->b.stale) {
			app_error(a, &a->e);
		}
		a->dirty = 1;
	}
}

static int wait_ms_work(struct app *a);

static int until_ms(int64_t t)
{
	int64_t left = t - clock_usec();

	return left <= 0 ? 0 : (int)(left / 1000) + 1;
}

static int wait_ms(struct app *a)
{
	int ms = wait_ms_work(a);
	int64_t answer = screen_link_awaiting(), due;

	/* a held key's screen and the preview wait for the terminal's
	 * answer too (it wakes fonds as a key would) */
	if (a->dirty) {
		due = a->held && answer > a->draw_due ? answer : a->draw_due;
		if (due && until_ms(due) < ms)
			ms = until_ms(due);
	}
	if (a->preview_due) {
		due = answer > a->preview_due ? answer : a->preview_due;
		if (until_ms(due) < ms)
			ms = until_ms(due);
	}
	return ms;
}

static int wait_ms_work(struct app *a)
{
	if (a->prompt.kind == PROMPT_SEARCH && a->prompt.deadline) {
		int64_t left = a->prompt.deadline - clock_usec();

		return left <= 0 ? 0 : (int)(left / 1000) + 1;
	}
	if (a->b.stale)
		return 20;
	if (view_pending(a) || count_wanted(a))
		return 0;
	return 1000;
}

static void handle_interrupt(struct app *a)
{
	sig_int = 0;
	if (a->prompt.kind != PROMPT_NONE)
		prompt_cancel(a);
	else
		browse_message(&a->b, 0, "Interrupted");
	a->dirty = 1;
}

/* The settle hook for tests and benchmarks: when FONDS_SETTLE_FD names an
 * open file descriptor, run() writes one byte to it each time it has
 * redrawn the screen (after doupdate) and is about to wait for input with
 * none pending and no work left (no debounced search to run, no
 * interrupted query to finish): the screen has settled. A harness times
 * "key written -> byte read" exactly, instead of guessing by silence.
 * Returns the descriptor, or -1 when the hook is off. */
static int settle_fd(void)
{
	const char *s = getenv("FONDS_SETTLE_FD");
	char *end;
	long fd;

	if (!s || !*s)
		return -1;
	fd = strtol(s, &end, 10);
	if (*end || fd < 0 || fd > 65535 || fcntl((int)fd, F_GETFD) < 0)
		return -1;
	return (int)fd;
}

static void settle_signal(struct app *a, int fd)
{
	ssize_t w;

	if (fd < 0 || a->dirty || a->preview_due ||
	    (a->prompt.kind == PROMPT_SEARCH && a->prompt.deadline) ||
	    a->b.stale || view_pending(a) || count_wanted(a) ||
	    screen_input_pending())
		return;
	w = write(fd, "s", 1);
	(void)w;
}

static void run(struct app *a)
{
	int key, n, queued, sfd = settle_fd();
	int64_t now;

	a->dirty = 1;
	while (!a->quit && !sig_stop) {
		if (sig_int)
			handle_interrupt(a);
		/* a held key's next screen once the terminal has shown the
		 * last one (it answered), and a frame after it */
		if (a->dirty && (!a->draw_due || clock_usec() >= a->draw_due) &&
		    !(a->held && screen_link_awaiting())) {
			int first = !a->last_draw;

			draw(a);
			a->dirty = 0;
			a->draw_due = 0;
			a->last_draw = clock_usec();
			/* the terminal asked to say when it has shown the first
			 * screen (the link's rate) and a held key's */
			if (a->held || first)
				screen_link_probe();
			settle_signal(a, sfd);
		}
		/* when fonds began to wait, and whether a key was there already */
		a->wait_start = clock_usec();
		queued = screen_input_pending();
		if (!screen_getkey(wait_ms(a), &key)) {
			idle(a);
			/* a terminal that went away answers at once, forever */
			if (screen_input_gone())
				break;
			continue;
		}
		/* a held key: keys closer than HOLD_USEC, that waited while a
		 * screen was drawn or sent, or came while fonds waited but not at
		 * once (a program typing sends its next key as soon as the screen
		 * has settled, however long the last key's work took), or follow
		 * a held key (a key repeating at 30 a second comes at once after
		 * the screen as often as one in seven times) */
		now = clock_usec();
		a->held = a->last_key && now - a->last_key < HOLD_USEC &&
		          (queued || a->held || now - a->wait_start >= HOLD_MIN_USEC);
		a->last_key = now;
		handle_key(a, key);
		/* the rest of the batch: keys already waiting, no redraw */
		for (n = 0; n < 512 && !a->quit && screen_getkey(0, &key); n++) {
			a->held = 1;
			a->last_key = clock_usec();
			handle_key(a, key);
		}
		/* the preview follows once the cursor rests and the terminal
		 * has shown the list (it answered; to one that does not, on a
		 * slow link, as long again as the link needs for the last
		 * screen): the preview is the dearest screen */
		a->preview_due = 0;
		if (a->held && a->km.cfg.preview_delay_ms > 0) {
			long rate = screen_link_rate();

			a->preview_due = a->last_key +
			                 (int64_t)a->km.cfg.preview_delay_ms * 1000;
			if (rate > 0 && a->last_bytes > 0 && !screen_link_answers())
				a->preview_due += (int64_t)a->last_bytes * 1000000 / rate;
		}
		a->dirty = 1;
		/* a held key: the next screen when the link has had time for
		 * the last one, with every key that came until then */
		if (a->held && !a->draw_due) {
			int64_t gap = FRAME_USEC;
			long rate = screen_link_rate();

			/* on a link seen to be slow, held screens take at most
			 * 1/HELD_SHARE of it, so that the screen at rest goes at
			 * once: a terminal that keeps up (a fast link, a local
			 * one) gets the next screen a frame later */
			if (a->last_bytes > 0 && rate > 0 &&
			    (int64_t)a->last_bytes * HELD_SHARE * 1000000 / rate > gap)
				gap = (int64_t)a->last_bytes * HELD_SHARE * 1000000 / rate;
			if (gap > FRAME_MAX_USEC)
				gap = FRAME_MAX_USEC;
			a->draw_due = a->last_draw + gap;
		}
	}
}

/* --- headless runs (tests): keys from a script, screens to a file ----------- */

static void run_script(struct app *a, const char *path, const char *dump)
{
	FILE *in = fopen(path, "r"), *out = NULL;
	char line[4096];

	if (!in) {
		fprintf(stderr, "fonds: %s: %s\n", path, strerror(errno));
		return;
	}
	if (dump)
		out = fopen(dump, "w");
	if (count_wanted(a))
		count_list(a);
	draw(a);
	while (!a->quit && !sig_stop && fgets(line, sizeof line, in)) {
		char *s = str_trim(line);
		int key;

		if (!*s || *s == '#')
			continue;
		if (strncmp(s, "type ", 5) == 0) {
			const char *p = s + 5, *end = p + strlen(p);

			while (p < end) {
				uint32_t c;

				p += text_next(p, (size_t)(end - p), &c);
				handle_key(a, (int)c);
			}
		} else if (strcmp(s, "dump") == 0) {
			draw(a);
			if (out) {
				screen_dump(out);
				fputs("--\n", out);
				fflush(out);
			}
			continue;
		} else if (strncmp(s, "resize ", 7) == 0) {
			int c = 0, l = 0;

			if (sscanf(s + 7, "%dx%d", &c, &l) == 2)
				screen_resize(l, c);
		} else if ((key = keymap_key_parse(s)) >= 0) {
			handle_key(a, key);
		} else if (out) {
			fprintf(out, "script: unknown key \"%s\"\n", s);
		}
		/* let pending work (a debounced search, the rest of a long
		 * document's lines) finish as a pause would */
		if (a->prompt.kind == PROMPT_SEARCH && a->prompt.deadline)
			prompt_tick(a, 1);
		draw(a);
		{
			const struct view_ops *vp = view_pending(a);

			if (vp && vp->id == BV_DOC)
				vp->idle(a);
		}
		if (a->b.stale)
			idle(a);
		if (count_wanted(a))
			count_list(a);
		draw(a);
	}
	fclose(in);
	if (out)
		fclose(out);
}

/* --- set up and tear down --------------------------------------------------- */

static void read_user_config(struct app *a, struct strlist *errors)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	struct sbuf path = {0}, text = {0};
	FILE *f;
	char buf[4096];
	size_t n;

	if (xdg && *xdg)
		sbuf_printf(&path, "%s/fonds/fondsrc", xdg);
	else if (home && *home)
		sbuf_printf(&path, "%s/.config/fonds/fondsrc", home);
	else
		return;
	f = fopen(sbuf_str(&path), "r");
	if (f) {
		free(a->rc_path);
		a->rc_path = xstrdup(sbuf_str(&path));
		while ((n = fread(buf, 1, sizeof buf, f)) > 0 && text.len < (1 << 20))
			sbuf_addn(&text, buf, n);
		fclose(f);
		if (memchr(sbuf_str(&text), '\0', text.len))
			strlist_add(errors, "fondsrc: a NUL byte: not a text file");
		else
			keymap_parse(&a->km, sbuf_str(&text), sbuf_str(&path), errors);
	}
	sbuf_free(&path);
	sbuf_free(&text);
}

static void app_free(struct app *a)
{
	browse_free(&a->b);
	keymap_free(&a->km);
	sbuf_free(&a->prompt.text);
	free(a->prompt.saved);
	free(a->prompt.orig);
	strlist_clear(&a->prompt.cands);
	history_free(&a->hist);
	free(a->hist_path);
	readpos_free(&a->pos);
	free(a->pos_path);
	strlist_clear(&a->terms);
	strlist_clear(&a->doc_terms);
	free(a->filters_text);
	free(a->rc_path);
	view_free_all(a);
	free(a);
}

int ui_main(struct store *s, const struct ui_options *o, struct err *e)
{
	struct sigaction sa, old[4];
	sigset_t block, prev;
	static const int sigs[4] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	static int atexit_done;
	const char *script = getenv("FONDS_UI_SCRIPT");
	const char *cs, *fallback = NULL;
	struct strlist errors = {0};
	struct app *a;
	int i, lines = 24, cols = 80;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	a = xcalloc(1, sizeof *a);
	a->store = s;
	a->headless = script && *script;
	a->ascii = !cs || (strcmp(cs, "UTF-8") != 0 && strcmp(cs, "utf8") != 0);
	a->san = a->ascii ? TEXT_SAN_ASCII : 0;
	screen_set_ascii(a->ascii);

	keymap_parse(&a->km, keymap_default_text, "fondsrc (built in)", &errors);
	read_user_config(a, &errors);

	if (script && *script) {
		const char *sz = getenv("FONDS_UI_SIZE");

		if (sz && sscanf(sz, "%dx%d", &cols, &lines) != 2) {
			cols = 80;
			lines = 24;
		}
	}
	the_app = a;
	sig_int = sig_stop = 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < 4; i++)
		sigaction(sigs[i], &sa, &old[i]);
	if (!atexit_done) {
		atexit(restore_terminal);
		atexit_done = 1;
	}
	die_set_hook(restore_terminal);

	store_set_progress(s, progress, a);
	store_set_time_limit(s, QUERY_TIME_LIMIT_USEC);
	if (browse_init(&a->b, s, (size_t)(lines > 3 ? lines - 3 : 1), e) < 0)
		browse_message(&a->b, 1, "%s", e->msg);
	if (o && o->query && *o->query &&
	    browse_set_search(&a->b, o->query, e) < 0)
		browse_message(&a->b, 1, "%s", e->msg);
	if (o && o->open && *o->open) {
		if (browse_open_id(&a->b, o->open, e) < 0)
			browse_message(&a->b, 1, "%s", e->msg);
	} else if (!(o && o->query && *o->query)) {
		browse_restore(&a->b, e);
	}
	history_init(&a->hist, 0);
	a->hist_path = o && o->history ? (*o->history ? xstrdup(o->history) : NULL)
	                               : history_default_path();
	if (a->hist_path) {
		struct err he;
		int skipped = history_load(&a->hist, a->hist_path, &he);

		if (skipped < 0)
			browse_message(&a->b, 1, "%s", he.msg);
		else if (skipped > 0)
			browse_message(&a->b, 0, "%s: %d unreadable line%s skipped",
			               a->hist_path, skipped, skipped == 1 ? "" : "s");
	}
	readpos_init(&a->pos, 0);
	a->pos_path = o && o->positions ? (*o->positions ? xstrdup(o->positions) : NULL)
	                                : readpos_default_path();
	if (a->pos_path) {
		struct err pe;

		if (readpos_load(&a->pos, a->pos_path, &pe) < 0)
			browse_message(&a->b, 1, "%s", pe.msg);
	}
	if (o && o->notice && *o->notice)
		browse_message(&a->b, 0, "%s", o->notice);
	if (store_readonly_reason(s))
		browse_message(&a->b, 0, "Read-only: %s; bookmarks, read marks and "
		               "the last position are not saved", store_readonly_reason(s));
	if (errors.n)
		browse_message(&a->b, 1, "%s%s", errors.v[0],
		               errors.n > 1 ? " (and more)" : "");

	/* ambiguous widths: fondsrc's, else the locale's (2 in CJK ones) */
	text_set_ambiwidth(a->km.cfg.ambiwidth > 0 ? a->km.cfg.ambiwidth :
	                   text_ambiwidth_of_locale(setlocale(LC_CTYPE, NULL)));
	/* accessible mode: asked for, set in fondsrc, or a terminal that
	 * cannot address the cursor (dumb) where a browser is asked for all
	 * the same: drawn for the simplest terminal that can */
	{
		const char *t = getenv("TERM");
		int addr = a->headless ? 1 : screen_term_addressable(t);

		if (addr == 0)
			fallback = "vt100";
		a->accessible = (o && o->accessible) || (a->km.cfg.accessible > 0) ||
		                (a->km.cfg.accessible < 0 && addr == 0);
		a->plain = a->ascii || a->accessible;
		screen_set_plain(a->accessible);
		screen_set_fallback(fallback);
	}
	if (screen_start(script && *script, lines, cols, e) < 0) {
		store_set_progress(s, NULL, NULL);
		store_set_time_limit(s, 0);
		for (i = 0; i < 4; i++)
			sigaction(sigs[i], &old[i], NULL);
		die_set_hook(NULL);
		the_app = NULL;
		strlist_clear(&errors);
		app_free(a);
		return -1;
	}
	screen_colors(&a->km.cfg);
	screen_mouse(a->km.cfg.mouse);
	if (a->accessible && fallback)
		browse_message(&a->b, 0, "TERM=%s cannot move the cursor: accessible "
		               "mode, drawn for a VT100", getenv("TERM"));
	if (script && *script)
		run_script(a, script, getenv("FONDS_UI_DUMP"));
	else
		run(a);

	/* The way out, whatever ended the loop. A signal arriving now (the
	 * hang-up that follows a dead terminal's end of input, a second
	 * SIGTERM) must not cut the position's save short: the signals wait
	 * until it is written, and no query is left running or interrupted. */
	sigemptyset(&block);
	for (i = 0; i < 4; i++)
		sigaddset(&block, sigs[i]);
	sigprocmask(SIG_BLOCK, &block, &prev);
	store_set_progress(s, NULL, NULL);
	store_set_time_limit(s, 0);
	store_end_queries(s);
	/* quietly: a position not saved (another program writing for longer
	 * than the busy timeout) is no reason to trouble the way out */
	(void)browse_save(&a->b, e);
	screen_stop();
	/* after the screen is given back: a history that cannot be saved is
	 * said on the terminal, once */
	if (a->hist_path && history_save(&a->hist, a->hist_path, &a->e) < 0 &&
	    !(script && *script))
		fprintf(stderr, "fonds: %s\n", a->e.msg);
	if (a->pos_path && a->pos.seq && readpos_save(&a->pos, a->pos_path, &a->e) < 0 &&
	    !(script && *script))
		fprintf(stderr, "fonds: %s\n", a->e.msg);
	/* every bad line of fondsrc, once the screen is the shell's again
	 * (the status line may have cut the first short) */
	if (errors.n && !(script && *script)) {
		char *p = text_sanitize(a->rc_path ? a->rc_path : "fondsrc",
		                        strlen(a->rc_path ? a->rc_path : "fondsrc"), a->san);

		fprintf(stderr, "fonds: %s: %zu bad line%s, skipped (the rest was "
		        "applied):\n", p, errors.n, errors.n == 1 ? "" : "s");
		free(p);
		/* sanitized: the lines hold the file's bytes */
		for (size_t k = 0; k < errors.n; k++) {
			p = text_sanitize(errors.v[k], strlen(errors.v[k]), a->san);
			fprintf(stderr, "  %s\n", p);
			free(p);
		}
	}
	strlist_clear(&errors);
	the_app = NULL;
	sigprocmask(SIG_SETMASK, &prev, NULL);
	for (i = 0; i < 4; i++)
		sigaction(sigs[i], &old[i], NULL);
	die_set_hook(NULL);
	text_set_ambiwidth(1);
	app_free(a);
	return 0;
}
