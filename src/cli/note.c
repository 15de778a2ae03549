/* note.c - fonds note: print, write, edit, delete a document's note, its
 * earlier versions, and bringing back text that could not be saved.
 *
 * Nothing a reader wrote is lost: the store keeps every replaced note as
 * a version; an editor that fails, is killed or changes nothing changes
 * nothing; text the database would not take (read-only, locked) goes to
 * a recovery file in the state directory, whose path is printed, and
 * --recover brings it in. The file being edited lives there too, so a
 * dropped connection or kill -9 while the editor runs leaves it behind,
 * and --recover finds it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/internal.h"
#include "fonds/store.h"

enum { OPT_EDIT = 1, OPT_SET, OPT_APPEND, OPT_DELETE, OPT_HISTORY, OPT_RECOVER };

const struct cli_opt cli_note_opts[] = {
	{ "edit", OPT_EDIT, NULL, "edit the note in $VISUAL, else $EDITOR, else vi" },
	{ "set", OPT_SET, "TEXT", "make TEXT the note" },
	{ "append", OPT_APPEND, "TEXT", "add TEXT to the note as a new paragraph" },
	{ "delete", OPT_DELETE, NULL, "delete the note (it stays among the versions)" },
	{ "history", OPT_HISTORY, NULL, "list the earlier versions of the note, newest first" },
	{ "recover", OPT_RECOVER, NULL, "bring in text that could not be saved earlier" },
	{ NULL, 0, NULL, NULL }
};

/* The longest note read from a file. */
#define NOTE_MAX (16 << 20)

/* Text as a note: without the blank lines and spaces an editor leaves at
 * its end. */
static void trim_end(char *t)
{
	size_t n = strlen(t);

	while (n > 0 && (t[n - 1] == '\n' || t[n - 1] == ' ' || t[n - 1] == '\t' ||
	                 t[n - 1] == '\r'))
		t[--n] = '\0';
}

/* Save text as id's note; when the store will not take it, keep it in
 * the recovery file and say where. Returns the exit status. */
static int save_or_keep(struct store *s, const char *id, const char *text, int *kept)
{
	struct err e, e2;
	char *path;

	*kept = 0;
	if (store_set_note(s, id, text, &e) == 0)
		return EXIT_OK;
	path = state_id_file("recover", id, ".txt");
	if (!path || file_write_whole(path, text ? text : "", &e2) < 0) {
		cli_error("%s; the text could not be kept either (%s)", e.msg,
		          path ? e2.msg : "no state directory");
		free(path);
		return EXIT_USAGE;
	}
	*kept = 1;
	cli_error("%s; the text is kept in %s ('fonds note %s --recover' brings it in)",
	          e.msg, path, id);
	free(path);
	return EXIT_USAGE;
}

/* Run the editor on file ($VISUAL, else $EDITOR, else vi; its words
 * split, no shell), waiting for it. Returns its exit status, or -1 when
 * it could not run or was killed (why in e). */
static int run_editor(const char *file, struct err *e)
{
	const char *ed = getenv("VISUAL");
	char **argv;
	int rc;

	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	argv = run_split_words(ed, file);
	if (!argv[1]) {
		run_words_free(argv);
		return err_set(e, "the editor variable is blank");
	}
	rc = run_program(argv, NULL, e);
	if (rc < 0) {
		char why[sizeof e->msg];

		snprintf(why, sizeof why, "%s", e->msg);
		err_set(e, "the editor: %s", why);
	}
	run_words_free(argv);
	return rc;
}

/* --edit: the note in a file of the state directory, the editor on it,
 * and the file's text saved if the editor succeeded and changed it. */
static int edit_note(struct store *s, const char *id)
{
	char *path = state_id_file("edit", id, ".txt");
	char *old = NULL, *text;
	struct err e;
	struct stat st;
	int rc, status, kept = 0;

	if (!path)
		return cli_error("no state directory for the file to edit (set HOME)");
	if (stat(path, &st) == 0) {
		cli_error("an earlier edit of this note was left in %s: 'fonds note %s "
		          "--recover' brings it in (or remove the file)", path, id);
		free(path);
		return EXIT_USAGE;
	}
	if (store_note_get(s, id, &old, NULL, &e) < 0 ||
	    file_write_whole(path, old ? old : "", &e) < 0) {
		free(old);
		free(path);
		return cli_error("%s", e.msg);
	}
	if (old) {
		/* an editor adds a newline at the end: compare without it */
		trim_end(old);
	}
	rc = run_editor(path, &e);
	if (rc != 0) {
		if (rc > 0)
			err_set(&e, "the editor exited with status %d", rc);
		text = file_read_whole(path, NOTE_MAX, &e);
		if (text) {
			trim_end(text);
			if (strcmp(text, old ? old : "") == 0)
				unlink(path);
		}
		cli_error("%s: the note is unchanged%s%s", e.msg,
		          text && access(path, F_OK) == 0 ? "; what was written is in " : "",
		          text && access(path, F_OK) == 0 ? path : "");
		free(text);
		free(old);
		free(path);
		return EXIT_USAGE;
	}
	if (!(text = file_read_whole(path, NOTE_MAX, &e))) {
		free(old);
		free(path);
		return cli_error("%s: the note is unchanged", e.msg);
	}
	trim_end(text);
	if (strcmp(text, old ? old : "") == 0) {
		printf("note unchanged\n");
		status = EXIT_OK;
	} else if ((status = save_or_keep(s, id, text, &kept)) == EXIT_OK) {
		printf(*text ? "note saved\n" : "note deleted (it stays among the versions)\n");
	}
	/* saved or kept in the recovery file: the edit file has served */
	if (status == EXIT_OK || kept)
		unlink(path);
	free(text);
	free(old);
	free(path);
	return status;
}

/* --recover: the recovery file, else a file an interrupted edit left. */
static int recover_note(struct store *s, const char *id)
{
	const char *dirs[] = { "recover", "edit" };
	struct err e;

	for (size_t i = 0; i < ARRAY_LEN(dirs); i++) {
		char *path = state_id_file(dirs[i], id, ".txt");
		char *text;

		if (!path || access(path, F_OK) != 0) {
			free(path);
			continue;
		}
		if (!(text = file_read_whole(path, NOTE_MAX, &e))) {
			free(path);
			return cli_error("%s", e.msg);
		}
		trim_end(text);
		if (store_set_note(s, id, text, &e) < 0) {
			free(text);
			cli_error("%s; the text stays in %s", e.msg, path);
			free(path);
			return EXIT_USAGE;
		}
		unlink(path);
		printf("note of %s brought in from %s\n", id, path);
		free(text);
		free(path);
		return EXIT_OK;
	}
	return cli_error("nothing to recover for %s", id);
}

static int print_history(const struct cli *c, struct store *s, const char *id)
{
	struct note_version *v;
	struct err e;
	size_t n;

	if (store_note_history(s, id, &v, &n, &e) < 0)
		return cli_error("%s", e.msg);
	for (size_t i = 0; i < n; i++) {
		char when[64], repl[64];
		time_t t = (time_t)v[i].at, r = (time_t)v[i].replaced;
		char *text = cli_safe_text(c, v[i].text);

		strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", localtime(&t));
		strftime(repl, sizeof repl, "%Y-%m-%d %H:%M:%S", localtime(&r));
		printf("--- version %zu, written %s, replaced %s\n%s\n", n - i, when, repl, text);
		free(text);
	}
	note_versions_free(v, n);
	return cli_finish(n ? EXIT_OK : EXIT_NOTHING);
}

int cli_note(struct cli *c, int argc, char **argv)
{
	struct cli_getopt g;
	struct store *s = NULL;
	struct err e;
	const char *id = NULL, *value = NULL;
	char *old = NULL;
	int k, action = 0, status = EXIT_USAGE, rc;

	cli_getopt_init(&g, argc, argv, cli_note_opts);
	while ((k = cli_getopt(&g, c, &e)) != CLI_OPT_END) {
		switch (k) {
		case CLI_OPT_ERROR:
			return cli_usage_error(c, "%s", e.msg);
		case CLI_OPT_HELP:
			cli_print_command_help(stdout, c->cmd);
			return cli_finish(EXIT_OK);
		case CLI_OPT_WORD:
			if (id)
				return cli_usage_error(c, "give one document ID");
			id = g.value;
			break;
		default:
			if (action)
				return cli_usage_error(c, "give one of --edit, --set, --append, "
				                       "--delete, --history, --recover");
			action = k;
			value = g.value;
			break;
		}
	}
	if (!id)
		return cli_usage_error(c, "which document? give its ID");
	if (!(s = cli_open_store(c, 0, 0)))
		return EXIT_USAGE;
	if (cli_check_ids(s, (char *const *)&id, 1))
		goto out;
	switch (action) {
	case 0:
		if ((rc = store_note_get(s, id, &old, NULL, &e)) < 0) {
			status = cli_error("%s", e.msg);
		} else if (rc == 0) {
			status = EXIT_NOTHING;
		} else {
			char *t = cli_safe_text(c, old);

			printf("%s\n", t);
			free(t);
			status = cli_finish(EXIT_OK);
		}
		break;
	case OPT_SET:
	case OPT_APPEND: {
		struct sbuf b = {0};

		if (action == OPT_APPEND) {
			if (store_note_get(s, id, &old, NULL, &e) < 0) {
				status = cli_error("%s", e.msg);
				break;
			}
			if (old && *old)
				sbuf_printf(&b, "%s\n\n", old);
		}
		sbuf_add(&b, value);
		trim_end(b.s ? b.s : (char *)"");
		if (!b.len || !*sbuf_str(&b)) {
			sbuf_free(&b);
			status = cli_usage_error(c, "the text is empty (--delete deletes a note)");
			break;
		}
		{
			int kept;

			status = save_or_keep(s, id, sbuf_str(&b), &kept);
		}
		sbuf_free(&b);
		break;
	}
	case OPT_DELETE:
		if ((rc = store_note_get(s, id, &old, NULL, &e)) < 0)
			status = cli_error("%s", e.msg);
		else if (rc == 0)
			status = cli_error("%s has no note", id);
		else if (store_set_note(s, id, NULL, &e) < 0)
			status = cli_error("%s", e.msg);
		else
			status = cli_finish(EXIT_OK);
		break;
	case OPT_HISTORY:
		status = print_history(c, s, id);
		break;
	case OPT_EDIT:
		status = edit_note(s, id);
		break;
	case OPT_RECOVER:
		status = recover_note(s, id);
		break;
	}
out:
	free(old);
	store_close(s);
	return status == EXIT_OK ? cli_finish(status) : status;
}
