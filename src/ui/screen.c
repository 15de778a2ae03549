/* screen.c - the only code that puts text on the terminal.
 *
 * Every string passes through text_sanitize() (screen_clean) and is
 * measured and clipped by display width (text_clip) before curses sees it,
 * so data can never move the cursor, change modes or overflow a pane.
 * Drawing goes to curses' virtual screen; screen_update() sends only what
 * changed, once per settled batch of input.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include "ui/curs.h"
#include "ui/internal.h"

static int term_known(const char *name);

/* The terminal is one per process: this is the state curses itself keeps,
 * mirrored so that screen_stop() is safe from atexit and die(). */
static struct {
	SCREEN *scr;
	FILE *in, *out;
	int active, ascii, headless, colors_started;
	int plain;          /* no box drawing: ASCII lines (accessible mode) */
	int sel_y, sel_x;   /* the first cell drawn as a selection, or -1 */
	const char *fallback; /* the terminal type curses uses instead of TERM */
	attr_t attrs[SA_NATTRS];
} term;

/* What the link to the terminal was seen to carry. A pty cannot say how
 * much it holds back (TIOCOUTQ answers 0 there), so the sign of a slow
 * link behind sshd is a write that had to wait. The link's rate is then
 * what went out from the end of one wait to the end of the next (the
 * buffers on the way are as full at both), or LINK_RATE until two waits
 * come close together. When more goes out in LINK_WINDOW without a wait
 * than that rate and any buffer (LINK_BUFFER) allow, the link has become
 * faster and is forgotten. */
#define LINK_WAIT_USEC 50000    /* a write this long had to wait ... */
#define LINK_FAST 262144        /* ... unless it went at this rate */
#define LINK_WINDOW 2000000     /* the span over which a link is judged */
#define LINK_BUFFER 65536       /* more than the buffers on the way hold */
#define LINK_RATE 4096          /* a slow link's rate until it is seen */
#define LINK_MIN_RATE 256
static struct {
	long rate;              /* bytes a second; 0: it keeps up */
	int64_t wait_end;       /* when the last wait ended */
	long long sent;         /* bytes since then */
	int64_t win_start;      /* the window of bytes without a wait */
	long long win_sent;
} seen_link;

static void link_observe(long n, int64_t t0, int64_t t1)
{
	int64_t dt = t1 - t0;

	if (n <= 0)
		return;
	if (dt >= LINK_WAIT_USEC && (int64_t)n * 1000000 / dt < LINK_FAST) {
		int64_t span = t1 - seen_link.wait_end;
		long r;

		if (seen_link.wait_end && span < LINK_WINDOW + dt) {
			r = (long)((seen_link.sent + n) * 1000000 / span);
			seen_link.rate = r < LINK_MIN_RATE ? LINK_MIN_RATE :
			                 r > LINK_FAST ? LINK_FAST : r;
		} else if (!seen_link.rate) {
			seen_link.rate = LINK_RATE;
		}
		seen_link.wait_end = t1;
		seen_link.sent = 0;
		seen_link.win_start = t1;
		seen_link.win_sent = 0;
		return;
	}
	seen_link.sent += n;
	if (t0 - seen_link.win_start > LINK_WINDOW) {
		seen_link.win_start = t0;
		seen_link.win_sent = 0;
	}
	seen_link.win_sent += n;
	if (seen_link.rate && seen_link.win_sent > LINK_BUFFER +
	    (long long)seen_link.rate * LINK_WINDOW / 1000000)
		seen_link.rate = 0;
}

/* A terminal that answers a status request (DSR 5, "\033[5n": "\033[0n",
 * as xterm, tmux, screen, the Linux console and every VT100 do; its
 * terminfo has the cursor report u7) answers only once it has read every
 * byte sent before the request: the answer says the last screen is on the
 * user's screen, however slow the link and whatever the buffers on the
 * way. While a key is held the next screen waits for it
 * (screen_link_awaiting), so a slow link never holds more than one
 * screen; the time an answer took, for the bytes sent since the request
 * before, is the link's rate (its latency included: an estimate on the
 * low side). An answer within LINK_WAIT_USEC after PROBE_MEASURE bytes
 * says the link keeps up. The first screen is followed by a request, so
 * that the link is known before a key is held. Until a terminal has
 * answered, screens do not wait for it and the rate learned from waits
 * (seen_link) paces them; a request to it is given up on after
 * PROBE_MAX_USEC, and after PROBE_TRIES of them it is not asked again.
 * One that answers is waited for PROBE_WAIT_USEC, or four times what its
 * rate needs for the bytes ahead, up to PROBE_MAX_USEC. Answers come in
 * the order asked: one to a request given up on only counts the requests
 * down and measures nothing. */
#define PROBE_REQUEST "\033[5n"
#define PROBE_ANSWER "\033[0n"
#define PROBE_WAIT_USEC 2000000  /* one that answers, on a slow link */
#define PROBE_MAX_USEC 10000000
#define PROBE_MEASURE 512        /* bytes enough to time */
#define PROBE_TRIES 3
#define PROBE_DRAIN_USEC 1000000 /* for the answer awaited, before leaving */
#define PROBE_LATE_USEC 300000   /* for those given up on */
static struct {
	int code;               /* the key ncurses gives for the answer */
	int answers;            /* answers read */
	int asked;              /* requests not yet answered */
	int unanswered;         /* requests given up on */
	int64_t sent_at;        /* when the request awaited went, or 0 */
	int given_up;           /* an answer now is to an older request */
	long long ahead;        /* the bytes sent before it, after the last */
	long long since;        /* the bytes sent since the last request */
	long rate;              /* the link's, bytes a second; 0: keeps up */
} probe;

static void probe_init(void)
{
	const char *u7 = tigetstr("u7");
	int code;

	memset(&probe, 0, sizeof probe);
	if (term.headless || !u7 || u7 == (char *)-1 || strcmp(u7, "\033[6n") != 0)
		return;
	code = key_defined(PROBE_ANSWER);
	if (code <= 0) {
		/* a key code beyond those ncurses gives terminfo's own keys */
		for (code = KEY_MAX + 256; code < KEY_MAX + 512; code++)
			if (!keybound(code, 0))
				break;
		if (code == KEY_MAX + 512 || define_key(PROBE_ANSWER, code) != OK)
			return;
	}
	probe.code = code;
}

static void probe_answered(void)
{
	int64_t rtt;

	probe.answers++;
	if (probe.asked <= 0 || --probe.asked > 0)
		return;
	rtt = clock_usec() - probe.sent_at;
	if (probe.sent_at && !probe.given_up && probe.ahead >= PROBE_MEASURE) {
		if (rtt < LINK_WAIT_USEC) {
			probe.rate = 0;
		} else {
			long r = (long)(probe.ahead * 1000000 / rtt);

			probe.rate = r < LINK_MIN_RATE ? LINK_MIN_RATE : r;
		}
	}
	probe.sent_at = 0;
	probe.given_up = 0;
}

/* Whether the terminal may be asked: it answered, or has not yet left
 * PROBE_TRIES requests unanswered. */
static int probe_works(void)
{
	return probe.code && (probe.answers || probe.unanswered < PROBE_TRIES);
}

int screen_link_answers(void)
{
	return term.active && !term.headless && probe.code && probe.answers;
}

void screen_link_probe(void)
{
	FILE *out = term.out ? term.out : stdout;

	if (!term.active || !probe_works() || probe.sent_at)
		return;
	fputs(PROBE_REQUEST, out);
	fflush(out);
	probe.given_up = probe.asked > 0;
	probe.asked++;
	probe.sent_at = clock_usec();
	probe.ahead = probe.since;
	probe.since = 0;
}

int64_t screen_link_awaiting(void)
{
	int64_t until, wait = PROBE_MAX_USEC;

	if (!probe.sent_at)
		return 0;
	if (probe.answers) {
		wait = PROBE_WAIT_USEC;
		if (probe.rate && probe.ahead * 4000000 / probe.rate > wait)
			wait = probe.ahead * 4000000 / probe.rate;
		if (wait > PROBE_MAX_USEC)
			wait = PROBE_MAX_USEC;
	}
	until = probe.sent_at + wait;
	if (clock_usec() >= until) {
		probe.unanswered++;
		probe.sent_at = 0;
		return 0;
	}
	/* a terminal not yet heard from is not waited for */
	return probe.answers ? until : 0;
}

/* Before the terminal is given back: the answers still on their way, so
 * that they do not reach the shell (a request after the first screen on
 * a slow link is answered a second or more later, by a terminal never yet
 * heard from). */
static void probe_drain(void)
{
	int64_t until = clock_usec();
	wint_t ch;
	int r;

	if (probe.sent_at)
		until += PROBE_DRAIN_USEC;
	else if (probe.asked > 0 && probe.answers)
		until += PROBE_LATE_USEC;
	while (probe.asked > 0 && clock_usec() < until) {
		timeout((int)((until - clock_usec()) / 1000) + 1);
		r = get_wch(&ch);
		if (r == ERR)
			break;
		if (r == KEY_CODE_YES && (int)ch == probe.code)
			probe_answered();
	}
	probe.asked = 0;
	probe.sent_at = 0;
	probe.given_up = 0;
}

/* The built-in look of each area: with colours (readable on light and on
 * dark backgrounds: a colour is a background under black or white text,
 * or a foreground that reads on both, red, magenta, green), and without
 * them (monochrome, NO_COLOR). */
static const struct {
	short fg, bg;
	unsigned attrs, mono;
} defaults[SA_NATTRS] = {
	[SA_NORMAL] = { -1, -1, 0, 0 },
	[SA_SELECTED] = { COLOR_BLACK, COLOR_CYAN, 0, CA_REVERSE },
	[SA_CURSOR] = { COLOR_WHITE, COLOR_BLUE, 0, CA_BOLD | CA_UNDERLINE },
	[SA_STATUS] = { COLOR_BLACK, COLOR_WHITE, 0, CA_REVERSE },
	[SA_HINT] = { -1, -1, 0, 0 },
	[SA_TITLE] = { -1, -1, CA_BOLD, CA_BOLD },
	[SA_HEADING] = { COLOR_MAGENTA, -1, CA_BOLD, CA_BOLD | CA_UNDERLINE },
	[SA_LABEL] = { -1, -1, CA_BOLD, CA_BOLD },
	[SA_MATCH] = { COLOR_BLACK, COLOR_YELLOW, 0, CA_BOLD | CA_UNDERLINE },
	[SA_DIM] = { -1, -1, CA_DIM, CA_DIM },
	[SA_BAR] = { COLOR_CYAN, -1, 0, 0 },
	[SA_MARK] = { COLOR_GREEN, -1, CA_BOLD, CA_BOLD },
	[SA_ERROR] = { COLOR_RED, -1, CA_BOLD, CA_BOLD },
	[SA_FACET] = { -1, -1, 0, 0 },
};

_Static_assert(SA_NATTRS == UI_NAREAS, "an area name for every attribute");

static attr_t curses_attrs(unsigned ca)
{
	attr_t a = A_NORMAL;

	if (ca & CA_BOLD)
		a |= A_BOLD;
	if (ca & CA_DIM)
		a |= A_DIM;
	if (ca & CA_UNDERLINE)
		a |= A_UNDERLINE;
	if (ca & CA_REVERSE)
		a |= A_REVERSE;
	if (ca & CA_BLINK)
		a |= A_BLINK;
	if (ca & CA_STANDOUT)
		a |= A_STANDOUT;
#ifdef A_ITALIC
	if (ca & CA_ITALIC)
		a |= A_ITALIC;
#endif
	return a;
}

/* Colour c (0-255, -1 default) as the terminal can show it: the nearest
 * of its 8 or 16 when it has fewer than c. */
static short fit_color(int c, int ncolors)
{
	if (c < 0 || c < ncolors)
		return (short)c;
	if (c >= 16 && c < 232) {
		int r = (c - 16) / 36, g = (c - 16) / 6 % 6, b = (c - 16) % 6;
		int base = (r >= 3) | (g >= 3) << 1 | (b >= 3) << 2;

		c = base + (ncolors >= 16 && (r >= 4 || g >= 4 || b >= 4) ? 8 : 0);
	} else if (c >= 232) {
		int l = c - 232;

		c = l < 8 ? 0 : l < 16 ? 8 : l < 20 ? 7 : 15;
	}
	if (c >= ncolors)
		c -= 8; /* a bright one on 8 colours */
	return (short)(c < 0 ? 0 : c);
}

void screen_colors(const struct ui_config *c)
{
	const char *nc = getenv("NO_COLOR");
	int color = term.active && has_colors() && !(nc && *nc);
	attr_t *a = term.attrs;
	int i, usedef = 0;

	if (!term.active)
		return;
	if (color && !term.colors_started) {
		if (start_color() == ERR)
			color = 0;
		else
			term.colors_started = 1;
	}
	if (color)
		usedef = use_default_colors() != ERR;
	for (i = 0; i < SA_NATTRS; i++) {
		const struct color_spec *cs = c && c->color[i].set ? &c->color[i] : NULL;
		int fg = cs ? cs->fg : defaults[i].fg, bg = cs ? cs->bg : defaults[i].bg;
		unsigned at = cs ? cs->attrs : color ? defaults[i].attrs : defaults[i].mono;

		a[i] = curses_attrs(at);
		if (!color || (fg < 0 && bg < 0) || i + 1 >= COLOR_PAIRS)
			continue;
		if (!usedef) {
			/* a terminal without default colours: white on black */
			if (fg < 0)
				fg = COLOR_WHITE;
			if (bg < 0)
				bg = COLOR_BLACK;
		}
		init_pair((short)(i + 1), fit_color(fg, COLORS), fit_color(bg, COLORS));
		a[i] |= COLOR_PAIR(i + 1);
	}
}

int screen_start(int headless, int lines, int cols, struct err *e)
{
	const char *t = getenv("TERM");
	const char *fb = term.fallback;
	int plain = term.plain, ascii = term.ascii;

	if (term.active)
		return 0;
	memset(&term, 0, sizeof term);
	term.fallback = fb;
	term.plain = plain;
	term.ascii = ascii;
	term.sel_y = term.sel_x = -1;
	if (headless) {
		term.out = fopen("/dev/null", "w");
		term.in = fopen("/dev/null", "r");
		if (!term.out || !term.in) {
			if (term.out)
				fclose(term.out);
			if (term.in)
				fclose(term.in);
			return err_set(e, "cannot open /dev/null");
		}
		term.scr = newterm(t && *t ? t : "xterm", term.out, term.in);
	} else {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
			return err_set(e, "the browser needs a terminal (use a command "
			               "such as \"fonds search\" in scripts)");
		if (!t || !*t)
			return err_set(e, "TERM is not set; set it to your terminal "
			               "type (such as xterm-256color)");
		/* newterm() leaks what it set up when the type is unknown */
		if (term.fallback)
			t = term.fallback;
		if (term_known(t) > 0)
			term.scr = newterm(t, stdout, stdin);
	}
	if (!term.scr) {
		if (term.out)
			fclose(term.out);
		if (term.in)
			fclose(term.in);
		return err_set(e, "cannot use terminal type \"%s\" (try "
		               "TERM=xterm-256color or TERM=vt100)", t ? t : "");
	}
	set_term(term.scr);
	term.active = 1;
	term.headless = headless;
	if (headless && lines > 0 && cols > 0)
		resizeterm(lines, cols);
	cbreak();
	noecho();
	nonl();
	/* No look for typed keys in the middle of a refresh (a poll, and a
	 * flush, every few lines): run() reads every key already typed before
	 * it draws, and a screen is drawn whole. */
	typeahead(-1);
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	leaveok(stdscr, FALSE);
	set_escdelay(25);
	/* ncurses flushes its output after every cursor movement until the
	 * program has once left curses mode and come back (its "initial"
	 * state, meant for programs that use terminfo alone): a screen went
	 * out as forty writes of a line each. Leave and come back at once,
	 * before anything is drawn and before colours are started (coming
	 * back with colours on would reset the terminal's palette). A screen
	 * is then one write. */
	endwin();
	doupdate();
	curs_set(0);
	screen_colors(NULL);
	probe_init();
	return 0;
}

void screen_stop(void)
{
	if (!term.active)
		return;
	probe_drain();
	term.active = 0;
	curs_set(1);
	endwin();
	if (term.headless) {
		delscreen(term.scr);
		term.scr = NULL;
		fclose(term.out);
		fclose(term.in);
	}
}

void screen_suspend(void)
{
	if (!term.active || term.headless)
		return;
	/* what curses set up is kept, the terminal given back as it was */
	probe_drain();
	def_prog_mode();
	curs_set(1);
	endwin();
	fflush(stdout);
}

void screen_resume(void)
{
	if (!term.active || term.headless)
		return;
	reset_prog_mode();
	curs_set(0);
	clearok(curscr, TRUE);
	wnoutrefresh(stdscr);
	doupdate();
}

void screen_osc52(const char *text)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)text;
	size_t n = strlen(text);
	struct sbuf b = {0};

	if (!term.active || term.headless)
		return;
	/* OSC 52 ; c ; base64 BEL: the data is base64, so nothing of it can
	 * be read by the terminal as a sequence of its own */
	sbuf_add(&b, "\033]52;c;");
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
		             (i + 2 < n ? p[i + 2] : 0);

		sbuf_addc(&b, b64[v >> 18 & 63]);
		sbuf_addc(&b, b64[v >> 12 & 63]);
		sbuf_addc(&b, i + 1 < n ? b64[v >> 6 & 63] : '=');
		sbuf_addc(&b, i + 2 < n ? b64[v & 63] : '=');
	}
	sbuf_addc(&b, '\a');
	fwrite(b.s, 1, b.len, stdout);
	fflush(stdout);
	sbuf_free(&b);
}

int screen_san(void)
{
	return term.ascii ? TEXT_SAN_ASCII : 0;
}

void screen_set_ascii(int ascii)
{
	term.ascii = ascii;
}

void screen_set_plain(int plain)
{
	term.plain = plain;
}

void screen_set_fallback(const char *type)
{
	term.fallback = type;
}

/* Selections drawn from now on are noted (the first one's cell). */
void screen_sel_begin(void)
{
	term.sel_y = term.sel_x = -1;
}

int screen_sel_end(int *y, int *x)
{
	*y = term.sel_y;
	*x = term.sel_x;
	return term.sel_y >= 0;
}

static void note_sel(int y, int x, enum sattr a)
{
	if ((a == SA_SELECTED || a == SA_CURSOR) && term.sel_y < 0) {
		term.sel_y = y;
		term.sel_x = x;
	}
}

void screen_size(int *lines, int *cols)
{
	if (!term.active) {
		*lines = *cols = 0;
		return;
	}
	getmaxyx(stdscr, *lines, *cols);
}

char *screen_clean(const char *s)
{
	return text_sanitize(s ? s : "", s ? strlen(s) : 0, screen_san());
}

void screen_erase(void)
{
	if (term.active)
		erase();
}

/* Clip (y, x, w) to the screen; returns 0 when nothing can be drawn. */
static int clip_box(int y, int x, int *w)
{
	int lines, cols;

	if (!term.active)
		return 0;
	getmaxyx(stdscr, lines, cols);
	if (y < 0 || y >= lines || x < 0 || x >= cols || *w <= 0)
		return 0;
	if (*w > cols - x)
		*w = cols - x;
	return 1;
}

static int put_bytes(int y, int x, const char *s, size_t n, attr_t a)
{
	attrset(a);
	mvaddnstr(y, x, s, (int)n);
	attrset(A_NORMAL);
	return 0;
}

int screen_put_clean(int y, int x, int w, const char *s, enum sattr a)
{
	int used = 0;
	size_t n;

	if (!clip_box(y, x, &w) || !s)
		return 0;
	note_sel(y, x, a);
	n = text_clip(s, w, &used);
	if (n)
		put_bytes(y, x, s, n, term.attrs[a]);
	return used;
}

int screen_put(int y, int x, int w, const char *s, enum sattr a)
{
	char *c;
	int used;

	if (!clip_box(y, x, &w) || !s)
		return 0;
	c = screen_clean(s);
	used = screen_put_clean(y, x, w, c, a);
	free(c);
	return used;
}

int screen_put_spans(int y, int x, int w, const char *s,
                     const struct spans *sp, enum sattr a, enum sattr hl)
{
	size_t n, pos = 0, i;
	int used = 0, col = x;

	if (!sp || !sp->n)
		return screen_put_clean(y, x, w, s, a);
	if (!clip_box(y, x, &w) || !s)
		return 0;
	note_sel(y, x, a);
	n = text_clip(s, w, &used);
	for (i = 0; i <= sp->n && pos < n; i++) {
		size_t off = i < sp->n ? sp->v[i].off : n;
		size_t len = i < sp->n ? sp->v[i].len : 0;

		if (off < pos)
			continue;
		if (off > n)
			off = n;
		if (off > pos) {
			put_bytes(y, col, s + pos, off - pos, term.attrs[a]);
			col += text_width_n(s + pos, off - pos);
			pos = off;
		}
		if (len && pos < n) {
			size_t end = off + len > n ? n : off + len;

			put_bytes(y, col, s + pos, end - pos, term.attrs[hl] |
			          (term.attrs[a] & (A_REVERSE | A_BOLD)));
			col += text_width_n(s + pos, end - pos);
			pos = end;
		}
	}
	return used;
}

void screen_fill(int y, int x, int w, enum sattr a)
{
	if (!clip_box(y, x, &w))
		return;
	note_sel(y, x, a);
	attrset(term.attrs[a]);
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

void screen_vline(int y, int x, int h)
{
	int lines, cols, i;

	if (!term.active)
		return;
	getmaxyx(stdscr, lines, cols);
	if (x < 0 || x >= cols)
		return;
	for (i = 0; i < h && y + i < lines; i++)
		if (y + i >= 0)
			mvaddch(y + i, x, term.ascii || term.plain ? '|' : ACS_VLINE);
}

void screen_cursor(int y, int x)
{
	int lines, cols;

	if (!term.active)
		return;
	getmaxyx(stdscr, lines, cols);
	if (y < 0 || y >= lines || x < 0 || x >= cols) {
		/* a hidden cursor is left where the update ends: no move sent */
		leaveok(stdscr, TRUE);
		curs_set(0);
		return;
	}
	leaveok(stdscr, FALSE);
	move(y, x);
	curs_set(1);
}

/* The bytes this process has written so far (Linux's /proc/self/io),
 * or -1 when it cannot tell. */
static long long written_bytes(void)
{
	static int fd = -2;
	char buf[512], *p;
	ssize_t n;

	if (fd == -2)
		fd = open("/proc/self/io", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = pread(fd, buf, sizeof buf - 1, 0);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strstr(buf, "wchar:");
	return p ? strtoll(p + 6, NULL, 10) : -1;
}

long screen_update(void)
{
	long long before, after;
	int64_t t0;
	long n;

	if (!term.active)
		return 0;
	wnoutrefresh(stdscr);
	before = term.headless ? -1 : written_bytes();
	t0 = clock_usec();
	doupdate();
	after = before >= 0 ? written_bytes() : -1;
	n = after >= before && before >= 0 ? (long)(after - before) : -1;
	link_observe(n, t0, clock_usec());
	if (n > 0)
		probe.since += n;
	return n;
}

long screen_link_rate(void)
{
	int n = 0;

	if (!term.active || term.headless)
		return 0;
	if (screen_link_answers())
		return probe.rate;
	if (seen_link.rate)
		return seen_link.rate;
#ifdef TIOCOUTQ
	if (ioctl(STDOUT_FILENO, TIOCOUTQ, &n) == 0 && n > 0)
		return LINK_RATE;
#endif
	return 0;
}

void screen_redraw(void)
{
	if (term.active)
		clearok(curscr, TRUE);
}

static struct { int y, x, kind, have; } mouse_ev;

void screen_mouse(int on)
{
	if (!term.active || term.headless)
		return;
	mousemask(on ? BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED |
	          BUTTON4_PRESSED | BUTTON5_PRESSED : 0, NULL);
}

int screen_mouse_event(int *y, int *x, int *kind)
{
	if (!mouse_ev.have)
		return 0;
	mouse_ev.have = 0;
	*y = mouse_ev.y;
	*x = mouse_ev.x;
	*kind = mouse_ev.kind;
	return 1;
}

/* The event of a KEY_MOUSE, kept for screen_mouse_event. */
static void read_mouse(void)
{
	MEVENT ev;

	mouse_ev.have = 0;
	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED)
		mouse_ev.kind = MOUSE_WHEEL_UP;
	else if (ev.bstate & BUTTON5_PRESSED)
		mouse_ev.kind = MOUSE_WHEEL_DOWN;
	else if (ev.bstate & BUTTON1_DOUBLE_CLICKED)
		mouse_ev.kind = MOUSE_DOUBLE;
	else if (ev.bstate & BUTTON1_CLICKED)
		mouse_ev.kind = MOUSE_CLICK;
	else
		return;
	mouse_ev.y = ev.y;
	mouse_ev.x = ev.x;
	mouse_ev.have = 1;
}

int screen_getkey(int timeout_ms, int *key)
{
	wint_t ch;
	int r;

	if (!term.active || term.headless)
		return 0;
	timeout(timeout_ms);
	r = get_wch(&ch);
	if (r == ERR)
		return 0;
	if (r == KEY_CODE_YES && probe.code && (int)ch == probe.code) {
		probe_answered();
		return 0;
	}
	if (r == KEY_CODE_YES) {
		if (ch == KEY_MOUSE)
			read_mouse();
		if (ch == KEY_ENTER)
			*key = KEY_ENTER_;
		else
			*key = KEY_SPECIAL | (int)ch;
		return 1;
	}
	if (ch == '\r')
		ch = '\n';
	if (ch == 127 || ch == 8)
		*key = KEY_SPECIAL | KEY_BACKSPACE;
	else
		*key = (int)ch;
	return 1;
}

int screen_input_pending(void)
{
	struct pollfd p;

	if (!term.active || term.headless)
		return 0;
	p.fd = STDIN_FILENO;
	p.events = POLLIN;
	p.revents = 0;
	return poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

int screen_input_gone(void)
{
	struct pollfd p;

	if (!term.active || term.headless)
		return 0;
	p.fd = STDIN_FILENO;
	p.events = POLLIN;
	p.revents = 0;
	return poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

void screen_resize(int lines, int cols)
{
	if (term.active && lines > 0 && cols > 0)
		resizeterm(lines, cols);
}

void screen_dump(FILE *fp)
{
	int lines, cols, y;
	wchar_t *buf;
	char mb[MB_LEN_MAX];

	if (!term.active)
		return;
	getmaxyx(stdscr, lines, cols);
	buf = xcalloc((size_t)cols + 1, sizeof *buf);
	for (y = 0; y < lines; y++) {
		int n = mvinnwstr(y, 0, buf, cols), i, end;
		mbstate_t st;

		if (n < 0)
			n = 0;
		end = n;
		while (end > 0 && buf[end - 1] == L' ')
			end--;
		memset(&st, 0, sizeof st);
		for (i = 0; i < end; i++) {
			size_t k = wcrtomb(mb, buf[i], &st);

			if (k == (size_t)-1) {
				fputc('?', fp);
				memset(&st, 0, sizeof st);
			} else {
				fwrite(mb, 1, k, fp);
			}
		}
		fputc('\n', fp);
	}
	free(buf);
}

/* term.h defines a macro for every terminal capability (lines, columns,
 * ...): it comes last, for this one function. */
#if defined(HAVE_NCURSESW_CURSES_H)
#include <ncursesw/term.h>
#else
#include <term.h>
#endif

/* Whether terminfo knows the terminal type name: 1 with cursor
 * addressing, 2 without it (dumb, a printing terminal), 0 unknown
 * (nothing is kept). */
static int term_known(const char *name)
{
	int err = 0, r;
	const char *cup;

	if (setupterm(name, STDOUT_FILENO, &err) != OK)
		return 0;
	cup = tigetstr("cup");
	r = cup && cup != (char *)-1 ? 1 : 2;
	del_curterm(cur_term);
	return r;
}

int screen_term_addressable(const char *name)
{
	int r;

	if (!name || !*name)
		return -1;
	if (!strcmp(name, "dumb"))
		return 0;
	r = term_known(name);
	return r == 1 ? 1 : r == 2 ? 0 : -1;
}
