/* run.c - running other programs (an editor, a pager, a browser, a
 * command the reader typed) with arguments and never through a shell;
 * whole files written and read; the state directory. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fonds/util.h"

char **run_split_words(const char *s, const char *last)
{
	char **v = xcalloc(strlen(s ? s : "") / 2 + 3, sizeof *v);
	size_t n = 0;

	for (const char *p = s ? s : ""; *p;) {
		size_t k;

		while (*p == ' ' || *p == '\t')
			p++;
		k = strcspn(p, " \t");
		if (k)
			v[n++] = xstrndup(p, k);
		p += k;
	}
	if (last)
		v[n++] = xstrdup(last);
	v[n] = NULL;
	return v;
}

void run_words_free(char **v)
{
	for (char **p = v; p && *p; p++)
		free(*p);
	free(v);
}

/* A hang-up or termination that arrives while a program runs (set by
 * on_forward, from a signal handler). */
static volatile sig_atomic_t forward_sig;

static void on_forward(int sig)
{
	forward_sig = sig;
}

int run_program(char *const argv[], const char *input, struct err *e)
{
	struct sigaction ign, fwd, oint, oquit, opipe, ohup, oterm;
	int fds[2] = { -1, -1 }, st = 0;
	pid_t pid;

	if (!argv || !argv[0])
		return err_set(e, "no program to run");
	if (input && pipe(fds) < 0)
		return err_set(e, "cannot make a pipe: %s", strerror(errno));
	/* the terminal's ^C and ^\ belong to the program while it runs, and
	 * a program that stops reading its input early is no error */
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	sigaction(SIGPIPE, &ign, &opipe);
	/* a hang-up reaches only us (the session's leader), not the program
	 * on the terminal: it is passed on, as a shell does to its jobs, and
	 * raised again once the program has ended */
	memset(&fwd, 0, sizeof fwd);
	fwd.sa_handler = on_forward;
	sigemptyset(&fwd.sa_mask);
	forward_sig = 0;
	sigaction(SIGHUP, &fwd, &ohup);
	sigaction(SIGTERM, &fwd, &oterm);
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		if (input) {
			dup2(fds[0], STDIN_FILENO);
			close(fds[0]);
			close(fds[1]);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "fonds: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (input) {
		size_t n = strlen(input), off = 0;

		close(fds[0]);
		while (pid > 0 && off < n) {
			ssize_t w = write(fds[1], input + off, n - off);

			if (w < 0 && errno == EINTR && !forward_sig)
				continue;
			if (w <= 0)
				break; /* it stopped reading */
			off += (size_t)w;
		}
		close(fds[1]);
	}
	{
		int sent = 0;

		while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR)
			if (forward_sig && !sent++)
				kill(pid, forward_sig);
	}
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	sigaction(SIGPIPE, &opipe, NULL);
	sigaction(SIGHUP, &ohup, NULL);
	sigaction(SIGTERM, &oterm, NULL);
	if (forward_sig)
		raise(forward_sig);
	if (pid < 0)
		return err_set(e, "cannot start %s: %s", argv[0], strerror(errno));
	if (WIFSIGNALED(st))
		return err_set(e, "%s was killed (signal %d)", argv[0], WTERMSIG(st));
	if (WEXITSTATUS(st) == 127)
		return err_set(e, "cannot run %s", argv[0]);
	return WEXITSTATUS(st);
}

int file_write_whole(const char *path, const char *text, struct err *e)
{
	struct sbuf tmp = {0};
	size_t n = strlen(text);
	int fd, ok;

	if (path_make_parents(path, e) < 0)
		return -1;
	sbuf_printf(&tmp, "%s.%ld.tmp", path, (long)getpid());
	fd = open(sbuf_str(&tmp), O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		err_set(e, "%s: %s", sbuf_str(&tmp), strerror(errno));
		sbuf_free(&tmp);
		return -1;
	}
	ok = write(fd, text, n) == (ssize_t)n && fsync(fd) == 0;
	ok &= close(fd) == 0;
	if (!ok || rename(sbuf_str(&tmp), path) < 0) {
		err_set(e, "%s: %s", path, strerror(errno));
		unlink(sbuf_str(&tmp));
		sbuf_free(&tmp);
		return -1;
	}
	sbuf_free(&tmp);
	return 0;
}

char *file_read_whole(const char *path, size_t max, struct err *e)
{
	FILE *f = fopen(path, "rb");
	struct sbuf b = {0};
	char buf[8192];
	size_t n;

	if (!f) {
		err_set(e, "%s: %s", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof buf, f)) > 0 && b.len <= max)
		sbuf_addn(&b, buf, n);
	if (ferror(f) || b.len > max) {
		err_set(e, "%s: %s", path, ferror(f) ? strerror(errno) : "too long");
		fclose(f);
		sbuf_free(&b);
		return NULL;
	}
	fclose(f);
	if (!b.s)
		sbuf_add(&b, "");
	return sbuf_take(&b);
}

char *state_path(const char *name)
{
	const char *xdg = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	struct sbuf b = {0};

	if (xdg && *xdg == '/')
		sbuf_printf(&b, "%s/fonds/%s", xdg, name);
	else if (home && *home)
		sbuf_printf(&b, "%s/.local/state/fonds/%s", home, name);
	else
		return NULL;
	return sbuf_take(&b);
}

char *state_id_file(const char *dir, const char *id, const char *suffix)
{
	char *base = state_path(dir);
	struct sbuf b = {0};

	if (!base)
		return NULL;
	sbuf_printf(&b, "%s/", base);
	free(base);
	for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		    (*p == '.' && p != (const unsigned char *)id))
			sbuf_addc(&b, (char)*p);
		else
			sbuf_printf(&b, "%%%02X", *p);
	}
	sbuf_add(&b, suffix);
	return sbuf_take(&b);
}
