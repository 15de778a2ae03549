/* ptyrun.c - a raw pseudo-terminal for the fault tests: run a program on
 * a new terminal, type at it from a script, record every byte it writes;
 * and scan such a recording for anything a terminal would obey that did
 * not come from curses.
 *
 *   ptyrun run [-s COLSxLINES] [-o FILE] [-t SECONDS] SCRIPT -- CMD [ARG]...
 *   ptyrun scan FILE [FORBIDDEN]...
 *   ptyrun columns FILE [CHAR]
 *
 * run: CMD gets the slave side as its controlling terminal (a new
 * session), SCRIPT ("-" for standard input) drives it one command a line:
 *
 *   keys TEXT       type TEXT; \e \r \n \t \\ and \xHH are escapes
 *   sleep MS        wait, recording output
 *   settle MS       wait until the program has written nothing for MS
 *   expect TEXT     wait until TEXT appears in the output written since
 *                   the previous expect (escapes as in keys)
 *   answer MS       the program must write something within MS after the
 *                   last keys (it answered them); else fail as expect does
 *   stopif PATH     when PATH exists, skip the script down to "finally"
 *   finally         where stopif goes on
 *   resize CxL      set the window size (the kernel sends SIGWINCH)
 *   signal NAME     send HUP, TERM, INT, QUIT, KILL, WINCH, STOP or CONT
 *   hangup          close the terminal, as a dropped connection does
 *   exit SECONDS    wait for the program to end
 *   # ...           a comment
 *
 * Every wait is bounded by -t (default 30 s over the whole run). The exit
 * status is the program's (128 + N when signal N ended it); 124 when it
 * was still running at the end of the script or at the time limit (it is
 * then killed), 125 when an expect timed out, 126 on a usage or system
 * error. The recording goes to FILE (-o), the reasons for failing to
 * standard error.
 *
 * scan: exit 0 when the recording holds only what curses itself writes:
 * well-formed UTF-8; no C1 control code points; no bidi controls or
 * invisible format characters; no C0 controls but CR, LF, BS, TAB and ESC;
 * ESC only in CSI sequences, charset designations and the few two-byte
 * sequences terminfo uses (never OSC, DCS, APC, PM, SOS, or a lone ST);
 * no CSI with a parameter 4242 (the test data's marker), that asks the
 * terminal for a report (DSR, DA; but the status report ESC [ 5 n, whose
 * answer ESC [ 0 n carries nothing, by which fonds learns when a screen
 * has been shown), resets it or does window operations
 * other than saving and restoring the title; no true-colour SGR; no more
 * than four combining marks in a row; and none of the FORBIDDEN strings
 * (escapes as in keys). Otherwise exit 1, listing the first findings with
 * their offsets.
 *
 * columns: for each line of a screen capture, its width in terminal
 * columns and the column of the first CHAR (-1 when absent): a pane's
 * border at the same column on every line means nothing shifted it.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#define ST_TIMEOUT 124
#define ST_EXPECT 125
#define ST_ERROR 126

/* --- shared ------------------------------------------------------------- */

/* malloc() that gives up on failure (a test tool has nothing better). */
static void *alloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		perror("ptyrun");
		exit(ST_ERROR);
	}
	return p;
}

/* Decode the escapes of s into out (at least strlen(s) + 1 bytes); returns
 * the length. */
static size_t unescape(const char *s, char *out)
{
	size_t o = 0;

	while (*s) {
		if (*s != '\\' || !s[1]) {
			out[o++] = *s++;
			continue;
		}
		s++;
		switch (*s) {
		case 'e': out[o++] = '\033'; s++; break;
		case 'r': out[o++] = '\r'; s++; break;
		case 'n': out[o++] = '\n'; s++; break;
		case 't': out[o++] = '\t'; s++; break;
		case 'x': {
			unsigned v = 0;
			int k;

			s++;
			for (k = 0; k < 2 && *s; k++, s++) {
				int c = *s;

				v = v * 16 + (unsigned)(c >= 'a' ? c - 'a' + 10 :
				                        c >= 'A' ? c - 'A' + 10 : c - '0');
			}
			out[o++] = (char)v;
			break;
		}
		default: out[o++] = *s++; break;
		}
	}
	out[o] = '\0';
	return o;
}

static int64_t now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* --- run ------------------------------------------------------------------ */

struct run {
	int master;       /* -1 once hung up */
	pid_t pid;
	int status;       /* wait status, valid when exited */
	int exited;
	FILE *out;
	char *buf;        /* output since the last expect */
	size_t len, cap;
	int64_t deadline; /* of the whole run */
	int64_t last_out; /* when output last arrived */
	size_t total;     /* bytes written by the program so far */
	size_t typed_at;  /* total when keys were last typed */
	int64_t typed_ms; /* and when */
	int skipping;     /* a stopif fired: skip to "finally" */
};

static void keep(struct run *r, const char *p, size_t n)
{
	if (r->out)
		fwrite(p, 1, n, r->out);
	if (r->len + n + 1 > r->cap) {
		while (r->len + n + 1 > r->cap)
			r->cap = r->cap ? r->cap * 2 : 65536;
		r->buf = realloc(r->buf, r->cap);
		if (!r->buf) {
			perror("ptyrun");
			exit(ST_ERROR);
		}
	}
	memcpy(r->buf + r->len, p, n);
	r->len += n;
	r->total += n;
	r->buf[r->len] = '\0';
	r->last_out = now_ms();
}

static void reap(struct run *r)
{
	if (!r->exited && waitpid(r->pid, &r->status, WNOHANG) == r->pid)
		r->exited = 1;
}

/* Read what the program wrote for up to ms milliseconds (0: only what is
 * there now). Returns 0 when the terminal is closed on its side, 2 when
 * something was read, else 1. */
static int pump(struct run *r, int ms)
{
	struct pollfd p;
	char b[8192];
	ssize_t n;

	if (r->master < 0) {
		if (ms > 0)
			usleep((useconds_t)ms * 1000);
		reap(r);
		return 0;
	}
	p.fd = r->master;
	p.events = POLLIN;
	p.revents = 0;
	if (poll(&p, 1, ms) <= 0) {
		reap(r);
		return 1;
	}
	n = read(r->master, b, sizeof b);
	if (n > 0) {
		keep(r, b, (size_t)n);
		return 2;
	}
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 1;
	/* EIO: every process holding the slave has closed it */
	reap(r);
	return 0;
}

static int left_ms(const struct run *r)
{
	int64_t l = r->deadline - now_ms();

	return l < 0 ? 0 : (int)l;
}

static void wait_ms(struct run *r, int ms)
{
	int64_t end = now_ms() + ms;

	while (now_ms() < end && left_ms(r) > 0) {
		int64_t l = end - now_ms();

		if (!pump(r, (int)(l > 50 ? 50 : l)) && r->exited && r->master < 0)
			usleep(10000);
	}
}

static int wait_exit(struct run *r, int ms)
{
	int64_t end = now_ms() + ms;

	while (!r->exited && now_ms() < end && left_ms(r) > 0) {
		if (!pump(r, 20) && !r->exited)
			usleep(10000);
		reap(r);
	}
	if (r->exited && r->master >= 0)
		while (pump(r, 50))
			; /* what it wrote last */
	return r->exited;
}

static int parse_size(const char *s, struct winsize *ws)
{
	unsigned c, l;

	if (sscanf(s, "%ux%u", &c, &l) != 2 || !c || !l || c > 10000 || l > 10000)
		return -1;
	memset(ws, 0, sizeof *ws);
	ws->ws_col = (unsigned short)c;
	ws->ws_row = (unsigned short)l;
	return 0;
}

static int signal_number(const char *name)
{
	static const struct { const char *name; int sig; } sigs[] = {
		{ "HUP", SIGHUP }, { "TERM", SIGTERM }, { "INT", SIGINT },
		{ "QUIT", SIGQUIT }, { "KILL", SIGKILL }, { "WINCH", SIGWINCH },
		{ "STOP", SIGSTOP }, { "CONT", SIGCONT }
	};
	size_t i;

	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		if (strcmp(name, sigs[i].name) == 0)
			return sigs[i].sig;
	return -1;
}

static void finish(struct run *r)
{
	if (!r->exited) {
		kill(r->pid, SIGKILL);
		waitpid(r->pid, &r->status, 0);
		r->exited = 1;
	}
	if (r->out)
		fclose(r->out);
}

static int status_of(const struct run *r)
{
	if (WIFEXITED(r->status))
		return WEXITSTATUS(r->status);
	if (WIFSIGNALED(r->status))
		return 128 + WTERMSIG(r->status);
	return ST_ERROR;
}

/* One line of the script; returns -1 to go on, else the final status. */
static int command(struct run *r, char *line, long lineno)
{
	char *arg, *text;
	size_t n;

	line[strcspn(line, "\n")] = '\0';
	while (*line == ' ' || *line == '\t')
		line++;
	if (!*line || *line == '#')
		return -1;
	arg = line + strcspn(line, " ");
	if (*arg)
		*arg++ = '\0';
	if (r->skipping) {
		if (strcmp(line, "finally") == 0)
			r->skipping = 0;
		return -1;
	}
	if (strcmp(line, "finally") == 0) {
		/* reached without a stopif: nothing to do */
	} else if (strcmp(line, "stopif") == 0) {
		r->skipping = access(arg, F_OK) == 0;
	} else if (strcmp(line, "answer") == 0) {
		int64_t end = r->typed_ms + atoi(arg);

		while (r->total <= r->typed_at) {
			if (now_ms() >= end || left_ms(r) <= 0 ||
			    (!pump(r, 20) && r->master >= 0 && r->exited)) {
				fprintf(stderr, "ptyrun: line %ld: no answer within "
				        "%s ms\n", lineno, arg);
				return ST_EXPECT;
			}
		}
	} else if (strcmp(line, "keys") == 0) {
		text = alloc(strlen(arg) + 1);
		n = unescape(arg, text);
		while (pump(r, 0) == 2)
			; /* what it wrote before: not an answer */
		r->typed_at = r->total;
		r->typed_ms = now_ms();
		if (r->master >= 0 && write(r->master, text, n) != (ssize_t)n)
			fprintf(stderr, "ptyrun: line %ld: cannot type: %s\n", lineno,
			        strerror(errno));
		free(text);
		pump(r, 0);
	} else if (strcmp(line, "sleep") == 0) {
		wait_ms(r, atoi(arg));
	} else if (strcmp(line, "settle") == 0) {
		int quiet = atoi(arg);

		r->last_out = now_ms();
		while (left_ms(r) > 0 && now_ms() - r->last_out < quiet)
			if (!pump(r, 20))
				usleep(20000);
	} else if (strcmp(line, "expect") == 0) {
		text = alloc(strlen(arg) + 1);
		unescape(arg, text);
		while (!(r->buf && strstr(r->buf, text))) {
			if (left_ms(r) <= 0 || (!pump(r, 50) && r->master >= 0 &&
			                        r->exited)) {
				fprintf(stderr, "ptyrun: line %ld: timed out waiting "
				        "for \"%s\"\n", lineno, arg);
				free(text);
				return ST_EXPECT;
			}
		}
		free(text);
		r->len = 0; /* the next expect looks at newer output */
		r->buf[0] = '\0';
	} else if (strcmp(line, "resize") == 0) {
		struct winsize ws;

		if (parse_size(arg, &ws) < 0 || r->master < 0 ||
		    ioctl(r->master, TIOCSWINSZ, &ws) < 0)
			fprintf(stderr, "ptyrun: line %ld: cannot resize to %s\n",
			        lineno, arg);
		pump(r, 0);
	} else if (strcmp(line, "signal") == 0) {
		int sig = signal_number(arg);

		if (sig < 0) {
			fprintf(stderr, "ptyrun: line %ld: unknown signal %s\n",
			        lineno, arg);
			return ST_ERROR;
		}
		kill(r->pid, sig);
		pump(r, 0);
	} else if (strcmp(line, "hangup") == 0) {
		if (r->master >= 0) {
			close(r->master);
			r->master = -1;
		}
	} else if (strcmp(line, "exit") == 0) {
		if (!wait_exit(r, atoi(arg) * 1000)) {
			fprintf(stderr, "ptyrun: line %ld: still running after %s s\n",
			        lineno, arg);
			return ST_TIMEOUT;
		}
	} else {
		fprintf(stderr, "ptyrun: line %ld: unknown command \"%s\"\n",
		        lineno, line);
		return ST_ERROR;
	}
	return -1;
}

static int usage(void)
{
	fputs("usage: ptyrun run [-s COLSxLINES] [-o FILE] [-t SECONDS] SCRIPT "
	      "-- CMD [ARG]...\n       ptyrun scan FILE [FORBIDDEN]...\n"
	      "       ptyrun columns FILE [CHAR]\n", stderr);
	return ST_ERROR;
}

static int do_run(int argc, char **argv)
{
	struct winsize ws;
	struct run r;
	const char *script = NULL, *outfile = NULL;
	char *slave, line[65536];
	FILE *sf;
	int i, timeout = 30, st = -1;
	long lineno = 0;

	memset(&r, 0, sizeof r);
	parse_size("80x24", &ws);
	for (i = 2; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
			if (parse_size(argv[++i], &ws) < 0)
				return usage();
		} else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			outfile = argv[++i];
		} else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc) {
			timeout = atoi(argv[++i]);
		} else if (!script) {
			script = argv[i];
		} else {
			return usage();
		}
	}
	if (!script || i + 1 >= argc)
		return usage();
	sf = strcmp(script, "-") == 0 ? stdin : fopen(script, "r");
	if (!sf) {
		fprintf(stderr, "ptyrun: %s: %s\n", script, strerror(errno));
		return ST_ERROR;
	}
	if (outfile && !(r.out = fopen(outfile, "wb"))) {
		fprintf(stderr, "ptyrun: %s: %s\n", outfile, strerror(errno));
		return ST_ERROR;
	}
	r.master = posix_openpt(O_RDWR | O_NOCTTY);
	if (r.master < 0 || grantpt(r.master) < 0 || unlockpt(r.master) < 0 ||
	    !(slave = ptsname(r.master))) {
		perror("ptyrun: a pseudo-terminal");
		return ST_ERROR;
	}
	ioctl(r.master, TIOCSWINSZ, &ws);
	signal(SIGPIPE, SIG_IGN);
	fflush(NULL);
	r.pid = fork();
	if (r.pid < 0) {
		perror("ptyrun: fork");
		return ST_ERROR;
	}
	if (r.pid == 0) {
		int fd;

		setsid();
		fd = open(slave, O_RDWR);
		if (fd < 0) {
			perror("ptyrun: open the terminal");
			_exit(ST_ERROR);
		}
		ioctl(fd, TIOCSCTTY, 0);
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
		close(r.master);
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[i + 1], argv + i + 1);
		fprintf(stderr, "ptyrun: %s: %s\n", argv[i + 1], strerror(errno));
		_exit(127);
	}
	r.deadline = now_ms() + (int64_t)timeout * 1000;
	r.last_out = now_ms();
	while (st < 0 && fgets(line, sizeof line, sf)) {
		lineno++;
		st = command(&r, line, lineno);
		if (st < 0 && left_ms(&r) <= 0) {
			fprintf(stderr, "ptyrun: time limit of %d s reached at "
			        "line %ld\n", timeout, lineno);
			st = ST_TIMEOUT;
		}
	}
	if (sf != stdin)
		fclose(sf);
	if (st < 0 && !wait_exit(&r, left_ms(&r))) {
		fprintf(stderr, "ptyrun: still running at the end of the script\n");
		st = ST_TIMEOUT;
	}
	finish(&r);
	if (r.master >= 0)
		close(r.master);
	free(r.buf);
	return st >= 0 ? st : status_of(&r);
}

/* --- scan ----------------------------------------------------------------- */

struct scan {
	const unsigned char *p;
	size_t n;
	int found;
};

static void report(struct scan *s, size_t off, const char *what)
{
	size_t a = off > 24 ? off - 24 : 0, b = off + 24 < s->n ? off + 24 : s->n;

	s->found++;
	if (s->found > 12)
		return;
	printf("offset %zu: %s: ", off, what);
	for (; a < b; a++) {
		unsigned c = s->p[a];

		if (c == '\033')
			fputs("\\e", stdout);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\x%02x", c);
		else
			putchar((int)c);
	}
	putchar('\n');
}

/* Decode one strict UTF-8 character at p (n bytes left) into *uc;
 * returns its length, or 0 when the bytes are not well-formed. */
static size_t utf8_decode(const unsigned char *p, size_t n, uint32_t *uc)
{
	uint32_t c;
	size_t len, i;

	if (p[0] < 0x80) {
		*uc = p[0];
		return 1;
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		len = 2, c = p[0] & 0x1F;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		len = 3, c = p[0] & 0x0F;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		len = 4, c = p[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*uc = c;
	return len;
}

static int invisible(uint32_t c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x200E || c == 0x200F || c == 0x061C ||
	       (c >= 0x200B && c <= 0x200D) || (c >= 0x2060 && c <= 0x2064) ||
	       c == 0xFEFF || c == 0x00AD || c == 0x180E || c == 0x115F ||
	       c == 0x1160 || c == 0x3164 || c == 0x034F ||
	       (c >= 0xE0000 && c <= 0xE007F) || (c >= 0xFFF9 && c <= 0xFFFB);
}

static int combining(uint32_t c)
{
	return (c >= 0x0300 && c <= 0x036F) || (c >= 0x0483 && c <= 0x0489) ||
	       (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
	       (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F);
}

/* Whether SGR parameters p[0..n) choose a 24-bit colour (38;2 or 48;2). */
static int truecolor(const unsigned char *p, size_t n)
{
	size_t k;

	for (k = 0; k + 4 <= n; k++)
		if ((p[k] == '3' || p[k] == '4') && memcmp(p + k + 1, "8;2;", 3) == 0 &&
		    (k == 0 || p[k - 1] == ';'))
			return 1;
	return 0;
}

/* Whether window-op parameters p[0..n) only push or pop the title (22 and
 * 23, which curses writes around its session). */
static int title_stack(const unsigned char *p, size_t n)
{
	return n >= 2 && p[0] == '2' && (p[1] == '2' || p[1] == '3') &&
	       (n == 2 || p[2] == ';');
}

/* Check the escape sequence at s->p[i] (an ESC); returns its length. */
static size_t scan_escape(struct scan *s, size_t i)
{
	const unsigned char *p = s->p;
	size_t j = i + 1, start;
	int c;

	if (j >= s->n) {
		report(s, i, "ESC at the end of the output");
		return 1;
	}
	c = p[j];
	if (c == '[') {
		int bang = 0;

		start = ++j;
		while (j < s->n && p[j] >= 0x30 && p[j] <= 0x3F)
			j++;
		while (j < s->n && p[j] >= 0x20 && p[j] <= 0x2F)
			bang |= p[j++] == '!';
		if (j >= s->n || p[j] < 0x40 || p[j] > 0x7E) {
			report(s, i, "a malformed CSI sequence");
			return j - i;
		}
		{
			size_t k;
			int marker = 0;

			for (k = start; k + 4 <= j; k++)
				if (memcmp(p + k, "4242", 4) == 0)
					marker = 1;
			if (marker)
				report(s, i, "a CSI sequence from the test data (4242)");
			else if ((p[j] == 'n' && !(j - start == 1 && p[start] == '5')) ||
			         p[j] == 'c' || (p[j] == 'p' && bang) ||
			         (p[j] == 't' && !title_stack(p + start, j - start)))
				report(s, i, "a CSI sequence that asks the terminal to answer "
				       "or reset");
			else if (p[j] == 'm' && truecolor(p + start, j - start))
				report(s, i, "a true-colour SGR (curses never writes one)");
		}
		return j + 1 - i;
	}
	switch (c) {
	case '(': case ')': case '*': case '+':
		if (j + 1 >= s->n) {
			report(s, i, "a cut charset designation");
			return 2;
		}
		return 3;
	case '7': case '8': case '=': case '>': case 'M': case 'D': case 'E':
		return 2;
	case ']':
		report(s, i, "an OSC sequence (ESC ])");
		return 2;
	case 'P':
		report(s, i, "a DCS sequence (ESC P)");
		return 2;
	case '_':
		report(s, i, "an APC sequence (ESC _)");
		return 2;
	case '^':
		report(s, i, "a PM sequence (ESC ^)");
		return 2;
	case 'X':
		report(s, i, "an SOS sequence (ESC X)");
		return 2;
	case '\\':
		report(s, i, "a string terminator (ESC \\) out of place");
		return 2;
	case 'c':
		report(s, i, "a full reset (ESC c)");
		return 2;
	default:
		report(s, i, "an escape sequence curses does not write");
		return 2;
	}
}

static int do_scan(int argc, char **argv)
{
	struct scan s;
	struct stat sb;
	FILE *f;
	unsigned char *buf;
	size_t i, run = 0;
	int a;

	if (argc < 3)
		return usage();
	f = fopen(argv[2], "rb");
	if (!f || fstat(fileno(f), &sb) < 0) {
		fprintf(stderr, "ptyrun: %s: %s\n", argv[2], strerror(errno));
		return ST_ERROR;
	}
	buf = alloc((size_t)sb.st_size + 1);
	if (fread(buf, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size) {
		fprintf(stderr, "ptyrun: cannot read %s\n", argv[2]);
		return ST_ERROR;
	}
	fclose(f);
	s.p = buf;
	s.n = (size_t)sb.st_size;
	s.found = 0;
	for (i = 0; i < s.n;) {
		uint32_t uc;
		size_t len;

		if (buf[i] == '\033') {
			i += scan_escape(&s, i);
			run = 0;
			continue;
		}
		if (buf[i] < 0x20 || buf[i] == 0x7F) {
			if (buf[i] != '\r' && buf[i] != '\n' && buf[i] != '\b' &&
			    buf[i] != '\t')
				report(&s, i, buf[i] == 7 ? "a BEL" : buf[i] == 0x7F ?
				       "a DEL" : "a C0 control character");
			i++;
			run = 0;
			continue;
		}
		len = utf8_decode(buf + i, s.n - i, &uc);
		if (!len) {
			report(&s, i, buf[i] == 0x9B ? "a raw C1 CSI byte (0x9b)" :
			       "invalid UTF-8");
			i++;
			run = 0;
			continue;
		}
		if (uc >= 0x80 && uc <= 0x9F)
			report(&s, i, "a C1 control character");
		else if (invisible(uc))
			report(&s, i, "a bidi control or invisible format character");
		if (combining(uc)) {
			if (++run == 5)
				report(&s, i, "more than four combining marks in a row");
		} else {
			run = 0;
		}
		i += len;
	}
	for (a = 3; a < argc; a++) {
		char *pat = alloc(strlen(argv[a]) + 1);
		size_t pn = unescape(argv[a], pat), k;

		for (k = 0; pn && k + pn <= s.n; k++)
			if (memcmp(buf + k, pat, pn) == 0) {
				report(&s, k, "a forbidden string");
				break;
			}
		free(pat);
	}
	if (s.found > 12)
		printf("... and %d more\n", s.found - 12);
	free(buf);
	return s.found ? 1 : 0;
}

/* --- columns ------------------------------------------------------------- */

/* For each line of a screen capture (UTF-8), print its width in terminal
 * columns and the column where the first ch (a UTF-8 string) starts, or
 * -1. */
static int do_columns(int argc, char **argv)
{
	FILE *f;
	char line[65536];
	wchar_t want = 0;

	if (argc < 3)
		return usage();
	if (!setlocale(LC_CTYPE, "C.UTF-8") && !setlocale(LC_CTYPE, ""))
		return ST_ERROR;
	if (argc > 3 && mbtowc(&want, argv[3], strlen(argv[3])) < 0)
		return usage();
	f = strcmp(argv[2], "-") == 0 ? stdin : fopen(argv[2], "r");
	if (!f) {
		fprintf(stderr, "ptyrun: %s: %s\n", argv[2], strerror(errno));
		return ST_ERROR;
	}
	while (fgets(line, sizeof line, f)) {
		const char *p = line;
		size_t left = strcspn(line, "\n");
		int w = 0, at = -1;
		mbstate_t st;

		memset(&st, 0, sizeof st);
		while (left > 0) {
			wchar_t wc;
			size_t k = mbrtowc(&wc, p, left, &st);
			int cw;

			if (k == (size_t)-1 || k == (size_t)-2) {
				memset(&st, 0, sizeof st);
				wc = L'?';
				k = 1;
			}
			if (k == 0)
				k = 1;
			if (want && wc == want && at < 0)
				at = w;
			cw = wcwidth(wc);
			w += cw < 0 ? 1 : cw;
			p += k;
			left -= k;
		}
		printf("%d %d\n", w, at);
	}
	if (f != stdin)
		fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "columns") == 0)
		return do_columns(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "run") == 0)
		return do_run(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "scan") == 0)
		return do_scan(argc, argv);
	return usage();
}
