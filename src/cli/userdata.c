/* userdata.c - the reader's data as one JSON file: fonds export
 * --user-data writes it, fonds import --user-data reads it back.
 *
 *   {"fonds_user_data": 1,
 *    "saved": [{"name": ..., "query": ..., "at": ...}],
 *    "documents": {"ID": {"read": AT, "bookmark": AT,
 *                         "note": {"text": ..., "at": ...},
 *                         "versions": [{"text", "at", "replaced"}],
 *                         "excerpts": [{"text", "page", "at"}],
 *                         "tags": [{"name", "at"}]}}}
 *
 * Times are Unix seconds. Keyed by document id, as the store keeps it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/internal.h"
#include "fonds/store.h"

/* The object of document id in docs, made when missing. */
static json_t *doc_obj(json_t *docs, const char *id)
{
	json_t *o = json_object_get(docs, id);

	if (!o) {
		o = json_object();
		json_object_set_new(docs, id, o);
	}
	return o;
}

static void push(json_t *o, const char *key, json_t *v)
{
	json_t *a = json_object_get(o, key);

	if (!a) {
		a = json_array();
		json_object_set_new(o, key, a);
	}
	json_array_append_new(a, v);
}

struct build {
	json_t *docs, *saved;
};

static int add_item(void *ctx, const struct user_item *it)
{
	struct build *b = ctx;
	json_t *o;

	if (it->kind == USER_SAVED) {
		json_array_append_new(b->saved, json_pack("{s:o, s:o, s:I}", "name",
		                      cli_json_str(it->id), "query", cli_json_str(it->text),
		                      "at", (json_int_t)it->at));
		return 0;
	}
	o = doc_obj(b->docs, it->id);
	switch (it->kind) {
	case USER_READ:
		json_object_set_new(o, "read", json_integer(it->at));
		break;
	case USER_BOOKMARK:
		json_object_set_new(o, "bookmark", json_integer(it->at));
		break;
	case USER_NOTE:
		json_object_set_new(o, "note", json_pack("{s:o, s:I}", "text",
		                    cli_json_str(it->text), "at", (json_int_t)it->at));
		break;
	case USER_NOTE_VERSION:
		push(o, "versions", json_pack("{s:o, s:I, s:I}", "text", cli_json_str(it->text),
		                              "at", (json_int_t)it->at,
		                              "replaced", (json_int_t)it->replaced));
		break;
	case USER_EXCERPT:
		push(o, "excerpts", json_pack("{s:o, s:o, s:I}", "text", cli_json_str(it->text),
		                              "page", cli_json_str(it->extra),
		                              "at", (json_int_t)it->at));
		break;
	case USER_TAG:
		push(o, "tags", json_pack("{s:o, s:I}", "name", cli_json_str(it->text),
		                          "at", (json_int_t)it->at));
		break;
	default:
		break;
	}
	return 0;
}

int cli_export_user_data(const struct cli *c, struct store *s)
{
	struct build b = { json_object(), json_array() };
	struct err e;

	(void)c;
	if (store_user_each(s, add_item, &b, &e) < 0) {
		json_decref(b.docs);
		json_decref(b.saved);
		return cli_error("%s", e.msg);
	}
	cli_json_line(json_pack("{s:i, s:o, s:o}", "fonds_user_data", 1, "saved", b.saved,
	                        "documents", b.docs));
	return cli_finish(EXIT_OK);
}

/* --- import ---------------------------------------------------------- */

static const char *jtext(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int64_t jtime(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

struct counts {
	long added, there, skipped_docs;
};

static int put(struct store *s, struct user_item *it, struct counts *n, struct err *e)
{
	int rc = store_user_put(s, it, e);

	if (rc < 0)
		return -1;
	if (rc)
		n->added++;
	else
		n->there++;
	return 0;
}

/* Every item of one document's object. */
static int put_doc(struct store *s, const char *id, json_t *o, struct counts *n,
                   struct err *e)
{
	struct user_item it = { .id = id };
	static const char *const lists[] = { "versions", "excerpts", "tags" };
	static const enum user_kind kinds[] = { USER_NOTE_VERSION, USER_EXCERPT, USER_TAG };
	json_t *v;

	if (!json_is_object(o))
		return err_set(e, "document \"%s\": not an object", id);
	if (json_object_get(o, "read")) {
		it.kind = USER_READ;
		it.at = jtime(o, "read");
		if (put(s, &it, n, e) < 0)
			return -1;
	}
	if (json_object_get(o, "bookmark")) {
		it.kind = USER_BOOKMARK;
		it.at = jtime(o, "bookmark");
		if (put(s, &it, n, e) < 0)
			return -1;
	}
	/* versions before the note: a note older than this database's
	 * becomes a version of it */
	for (size_t l = 0; l < ARRAY_LEN(lists); l++) {
		size_t i;
		json_t *x;

		json_array_foreach(json_object_get(o, lists[l]), i, x) {
			struct user_item xi = { .kind = kinds[l], .id = id, .at = jtime(x, "at") };

			xi.text = jtext(x, kinds[l] == USER_TAG ? "name" : "text");
			xi.extra = kinds[l] == USER_EXCERPT ? jtext(x, "page") : NULL;
			xi.replaced = jtime(x, "replaced");
			if (put(s, &xi, n, e) < 0)
				return err_prefix(e, "document \"%s\"", id);
		}
	}
	if ((v = json_object_get(o, "note"))) {
		it.kind = USER_NOTE;
		it.text = jtext(v, "text");
		it.at = jtime(v, "at");
		if (put(s, &it, n, e) < 0)
			return err_prefix(e, "document \"%s\"", id);
	}
	return 0;
}

int cli_import_user_data(const struct cli *c, struct store *s, const char *path)
{
	json_error_t je;
	json_t *root, *docs, *v;
	struct counts n = { 0, 0, 0 };
	struct err e;
	const char *id;
	size_t i;
	int ok = 0;

	(void)c;
	root = strcmp(path, "-") == 0 ? json_loadf(stdin, 0, &je) : json_load_file(path, 0, &je);
	if (!root)
		return cli_error("%s:%d: %s", path, je.line, je.text);
	if (!json_is_object(root) || !json_is_integer(json_object_get(root, "fonds_user_data"))) {
		json_decref(root);
		return cli_error("%s: not a file of 'fonds export --user-data'", path);
	}
	if (store_user_begin(s, &e) < 0) {
		json_decref(root);
		return cli_error("%s", e.msg);
	}
	json_array_foreach(json_object_get(root, "saved"), i, v) {
		struct user_item it = { .kind = USER_SAVED, .id = jtext(v, "name"),
		                        .text = jtext(v, "query"), .at = jtime(v, "at") };

		if (put(s, &it, &n, &e) < 0)
			goto fail;
	}
	docs = json_object_get(root, "documents");
	json_object_foreach(docs, id, v) {
		if (!store_doc_exists(s, id)) {
			n.skipped_docs++;
			continue;
		}
		if (put_doc(s, id, v, &n, &e) < 0)
			goto fail;
	}
	ok = 1;
fail:
	json_decref(root);
	if (!ok) {
		store_user_end(s, 0, &e);
		return cli_error("%s: %s: nothing was imported", path, e.msg);
	}
	if (store_user_end(s, 1, &e) < 0)
		return cli_error("%s: %s: nothing was imported", path, e.msg);
	printf("%ld added, %ld already there", n.added, n.there);
	if (n.skipped_docs)
		printf(", %ld document%s not in this database skipped", n.skipped_docs,
		       n.skipped_docs == 1 ? "" : "s");
	putchar('\n');
	return cli_finish(EXIT_OK);
}
