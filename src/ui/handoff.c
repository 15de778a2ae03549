/* handoff.c - handing the current document to other programs: its note
 * to the editor, its address to a web browser, its text to a pager or a
 * typed command, its citation to the clipboard. Each program runs with
 * arguments (never a shell string holding data) and the terminal given
 * back to it, then taken again and redrawn. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui/internal.h"

/* Run argv with the terminal restored; input on its stdin when not
 * NULL. Returns its exit status or -1 with a->e set. */
static int run_restored(struct app *a, char **argv, const char *input)
{
	int rc;

	screen_suspend();
	rc = run_program(argv, input, &a->e);
	screen_resume();
	return rc;
}

/* The words of the variable var, else of fallback, then last. */
static char **program(const char *var, const char *fallback, const char *last)
{
	const char *v = var ? getenv(var) : NULL;

	return run_split_words(v && *v ? v : fallback, last);
}

void app_edit_note(struct app *a)
{
	char *path = browse_note_edit_begin(&a->b, &a->e);
	const char *ed = getenv("VISUAL");
	char **argv;
	int rc;

	if (!path) {
		app_error(a, &a->e);
		return;
	}
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	argv = run_split_words(ed && *ed ? ed : "vi", path);
	rc = run_restored(a, argv, NULL);
	run_words_free(argv);
	if (browse_note_edit_end(&a->b, path, rc, &a->e) < 0)
		app_error(a, &a->e);
	free(path);
}

void app_cite(struct app *a)
{
	char *c = browse_cite(&a->b, &a->e);
	char *path = NULL;

	if (!c) {
		app_error(a, &a->e);
		return;
	}
	if (a->km.cfg.osc52) {
		screen_osc52(c);
		browse_message(&a->b, 0, "Copied: %s", c);
	} else if ((path = state_path("citation.txt")) &&
	           file_write_whole(path, c, &a->e) == 0) {
		browse_message(&a->b, 0, "In %s: %s", path, c);
	} else {
		browse_message(&a->b, 0, "%s", c);
	}
	free(path);
	free(c);
}

void app_open_url(struct app *a)
{
	const char *url = browse_doc_url(&a->b, &a->e);
	char **argv;
	int rc;

	if (!url) {
		app_error(a, &a->e);
		return;
	}
	argv = program("BROWSER", "xdg-open", url);
	rc = run_restored(a, argv, NULL);
	if (rc < 0)
		app_error(a, &a->e);
	else if (rc > 0)
		browse_message(&a->b, 1, "%s exited with status %d", argv[0], rc);
	run_words_free(argv);
}

/* Pipe the document's whole text into argv (a pager or a command). */
static void pipe_text(struct app *a, char **argv)
{
	char *text = browse_doc_text(&a->b, &a->e);
	int rc;

	if (!text) {
		app_error(a, &a->e);
		return;
	}
	rc = run_restored(a, argv, text);
	free(text);
	if (rc < 0)
		app_error(a, &a->e);
	else if (rc > 0)
		browse_message(&a->b, 1, "%s exited with status %d", argv[0], rc);
}

void app_page_text(struct app *a)
{
	char **argv = program("PAGER", "less", NULL);

	pipe_text(a, argv);
	run_words_free(argv);
}

void app_pipe(struct app *a, const char *command)
{
	char **argv = run_split_words(command, NULL);

	if (!argv[0])
		browse_message(&a->b, 1, "pipe to what? (:pipe COMMAND ARGS...)");
	else
		pipe_text(a, argv);
	run_words_free(argv);
}
