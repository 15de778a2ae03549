/* browse.h - the browser's state, with no curses in it.
 *
 * A struct browse holds what the browser shows: the search and filters,
 * the list window (the rows of one screen, read a screen at a time with
 * keyset pagination), the stack of views, the document being read, the
 * timeline cursor, the related documents, and a history of jumps that
 * Back and Forward walk like a web browser's. Every function is a change
 * of that state that may call the store; the UI maps keys to these
 * functions and draws the result, and unit tests drive them with no
 * terminal.
 *
 * Functions return 0 on success and -1 with e set on failure, unless said
 * otherwise. A failed function leaves the state as it was (or, when the
 * store was interrupted, keeps the old rows and sets b->stale).
 */
#ifndef FONDS_BROWSE_H
#define FONDS_BROWSE_H

#include <stddef.h>
#include <stdint.h>

#include "fonds/query.h"
#include "fonds/store.h"
#include "fonds/text.h"
#include "fonds/util.h"

/* The views of the browser, as X(ID, "name"): the enum (BV_ID) and the
 * names (browse_view_name: the status line, fondsrc's sections) come
 * from this one list. The list is always at the bottom. The UI keeps one
 * operation table per view in this order (src/ui/view.c). */
#define BROWSE_VIEWS(X) \
	X(LIST, "list")         /* the result list */ \
	X(DOC, "document")      /* reading one document */ \
	X(TIMELINE, "timeline") /* counts per year, month or day */ \
	X(RELATED, "related")   /* the documents related to one document */ \
	X(FILTER, "filters")    /* the query, active filters and facets */ \
	X(HELP, "help")         /* every key */ \
	X(PERSON, "person")     /* one person: names, life, documents, company */ \
	X(PEOPLE, "people")     /* a chooser among one document's people */

enum browse_view {
#define BROWSE_VIEW_ENUM_(id, name) BV_##id,
	BROWSE_VIEWS(BROWSE_VIEW_ENUM_)
#undef BROWSE_VIEW_ENUM_
	BV_NVIEWS
};

#define BROWSE_MAX_VIEWS 8
#define BROWSE_MAX_HISTORY 256

/* The generic navigation of a list-like view: the selected item, the
 * first item shown and how many the view showed when last drawn (set by
 * the UI from the rectangle it drew in). Changed with browse_nav_*. */
struct browse_nav {
	size_t sel;
	size_t top;
	size_t page;  /* >= 1 once drawn; 0 before */
};

/* Each view's own state: what Back and Forward restore with it. */
struct browse_doc_view {
	int scroll;                 /* first line shown; the UI clamps it */
	int ref;                    /* the reference selected in the text ({
	                               and }): 1 + its number in the order of
	                               the text, 0 none */
	int resume;                 /* just opened: the UI may put it where
	                               the reader left it last time */
};

struct browse_timeline_view {
	enum date_prec level;       /* DATE_YEAR, DATE_MONTH or DATE_DAY */
	int32_t cursor;             /* the period under the cursor */
	int32_t top;                /* the first period shown, 0 unknown */
	enum date_prec top_level;   /* the level top was set for */
};

struct browse_related_view {
	int64_t key;                /* the document whose relations are listed */
	struct browse_nav nav;      /* over its relations (two lines each) */
};

struct browse_filter_view {
	struct browse_nav nav;      /* over the filter pane's lines */
};

struct browse_help_view {
	struct browse_nav nav;      /* sel is the first line shown */
};

struct browse_person_view {
	char *name;                 /* canonical name shown (owned), or NULL */
	size_t sel;                 /* 0: the person; k: pinfo->with[k - 1] */
	int top;                    /* first line shown */
};

struct browse_people_view {
	int64_t key;                /* the document whose people are listed */
	struct browse_nav nav;
};

/* The stack of views and every view's state, copied whole into each place
 * of the history. */
struct browse_views {
	enum browse_view stack[BROWSE_MAX_VIEWS]; /* stack[0] is BV_LIST */
	size_t n;
	struct browse_doc_view doc;
	struct browse_timeline_view timeline;
	struct browse_related_view related;
	struct browse_filter_view filter;
	struct browse_help_view help;
	struct browse_person_view person;
	struct browse_people_view people;
};

struct browse_place;
struct browse_cache;

/* The whole browsing state. Fields are read by the UI; change them only
 * through the functions below. */
struct browse {
	struct store *store;        /* not owned */

	/* what the list shows */
	char *search;               /* the search as typed ("" for none) */
	struct query *search_q;     /* parsed search */
	struct query *filters;      /* browser filters, AND'ed to the search */
	struct query *q;            /* search_q and filters: the result set */
	int rank_pref;              /* 1: rank order while a search has text */
	int rank_capped;            /* too many matches to rank: date order */
	unsigned long gen;          /* changes with the list (the same list,
	                               after Back, has its old number): caches
	                               of what depends on it compare it */
	unsigned long gen_next;

	/* the list window: the rows on screen, in display order */
	size_t height;              /* rows the list pane shows (>= 1) */
	struct rows rows;
	size_t sel;                 /* selected row, an index into rows */
	long long top_index;        /* position of rows.v[0] (0-based; a lower
	                               bound when top_exact is 0), -1 unknown */
	int top_exact;
	long long total;            /* size of the result set (a lower bound
	                               when total_exact is 0), -1 unknown */
	int total_exact;
	int stale;                  /* last load interrupted: call browse_reload */

	/* the current document: the one the document view reads and the list
	 * preview shows. When it is in the list, the list's selected row is
	 * it (cur_outside 0); a document outside the list (a jump through
	 * time past the filters, an id) leaves no row selected. */
	int64_t cur;
	int cur_outside;

	/* the data's span of days, 0 none */
	int32_t span_first, span_last;

	/* the views: their stack and their states */
	struct browse_views v;

	/* the model's caches: relations, person facts and documents, the
	 * document read last (src/browse/internal.h) */
	struct browse_cache *cache;

	/* history: hist[hist_cur] is the current place; batch counts the
	 * nested changes under way (one history entry when it drops to 0) */
	struct browse_place *hist;
	size_t nhist, hist_cur;
	int batch;

	/* changes with the reader's data of a document (a tag, a note):
	 * what shows them compares it */
	unsigned long user_gen;

	/* a message for the status line ("" for none) */
	char msg[256];
	int msg_error;
};

/* Set up b on store s (not owned): the whole collection in date order,
 * a list of height rows. */
int browse_init(struct browse *b, struct store *s, size_t height,
                struct err *e);

/* Free everything b owns (not the store). */
void browse_free(struct browse *b);

/* The view on top of the stack. */
enum browse_view browse_top(const struct browse *b);

/* Short name of a view ("list", "document", ...). */
const char *browse_view_name(enum browse_view v);

/* Set or clear the status message (printf-style; NULL clears). */
void browse_message(struct browse *b, int error, const char *fmt, ...)
	FONDS_PRINTF(3, 4);

/* --- generic navigation --------------------------------------------- */

/* Move the selection of nav over count items by delta (clamped), keeping
 * it on screen. */
void browse_nav_move(struct browse_nav *nav, size_t count, long delta);

/* Scroll a page down (dir > 0) or up; the selection keeps its line, and
 * goes to the last (first) item at the end. */
void browse_nav_page(struct browse_nav *nav, size_t count, int dir);

/* Select the first (dir < 0) or last (dir > 0) item. */
void browse_nav_edge(struct browse_nav *nav, size_t count, int dir);

/* The view shows page items (from the rectangle it is drawn in): clamp
 * the selection to count and scroll as little as keeps it on screen. */
void browse_nav_show(struct browse_nav *nav, size_t count, size_t page);

/* A pager: scroll by delta lines of count with the selection as the
 * first line shown (help). */
void browse_nav_scroll(struct browse_nav *nav, size_t count, long delta);

/* --- the list ------------------------------------------------------- */

/* The order in use: rank while the search has text and rank is preferred. */
enum store_sort browse_sort(const struct browse *b);

/* Change the number of rows the list shows, keeping the selected row on
 * screen. */
int browse_set_height(struct browse *b, size_t height, struct err *e);

/* Read the window again from its first row (after an interruption, or
 * when flags changed). */
int browse_reload(struct browse *b, struct err *e);

/* Stop reading the list again after an interruption (it takes too long
 * even when idle): b->stale is cleared, the rows held stay. */
void browse_give_up(struct browse *b);

/* Move the selection by delta rows, scrolling as needed. */
int browse_move(struct browse *b, long delta, struct err *e);

/* The same, scrolling by at least jump rows when the selection leaves
 * the window (a held key on a slow link: one new screen every page, not
 * one every row). */
int browse_move_jump(struct browse *b, long delta, size_t jump,
                     struct err *e);

/* Scroll a screen down (dir > 0) or up, keeping the selection's line;
 * at the end the selection goes to the last (first) row. */
int browse_page(struct browse *b, int dir, struct err *e);

/* Go to the first (dir < 0) or last (dir > 0) document of the list. */
int browse_edge(struct browse *b, int dir, struct err *e);

/* The selected row, or NULL when the list is empty. */
const struct row *browse_current(const struct browse *b);

/* Position of the selected row (1-based) into *pos and the size of the
 * list into *total; *exact is 0 when either is a lower bound. Counts what
 * is unknown first (browse_count). Returns 0, or -1 when the list is
 * empty. */
int browse_position(struct browse *b, long long *pos, long long *total,
                    int *exact);

/* The same without counting: what is not counted yet is -1; *pos is -2
 * when the current document is not in the list. */
int browse_position_known(const struct browse *b, long long *pos,
                          long long *total, int *exact);

/* Whether the list is empty because the database is. */
int browse_db_empty(const struct browse *b);

/* Whether the size of the list or the position of its window is still to
 * be counted. A change of the list (search, filter, jump) leaves them
 * uncounted, so that the list is shown, and keys answered, without
 * waiting for a count in proportion to the matches. */
int browse_count_due(const struct browse *b);

/* Count what is due. Returns 0 when both are known (exactly, or as lower
 * bounds when the time limit stopped a count), -1 when a key or a signal
 * cut the counting short (the store's progress handler): it stays due. */
int browse_count(struct browse *b);

/* --- search, filters and sort ---------------------------------------- */

/* Set the search (NULL or "" clears it) and show the list from its start.
 * On a syntax error returns -1 with the parser's message and changes
 * nothing. */
int browse_set_search(struct browse *b, const char *text, struct err *e);

/* Add a filter clause field:value (excluded with neg). */
int browse_add_filter(struct browse *b, enum qfield f, const char *value,
                      int neg, struct err *e);

/* Add a filter on dates from..to (yyyymmdd, 0 for an open end). */
int browse_add_dates(struct browse *b, int32_t from, int32_t to,
                     struct err *e);

/* Add the filter field:value, or remove it when it is already there.
 * *added (if not NULL) says which. */
int browse_toggle_filter(struct browse *b, enum qfield f, const char *value,
                         int *added, struct err *e);

/* Index of the filter clause that is exactly field:value, or -1. */
long browse_filter_index(const struct browse *b, enum qfield f,
                         const char *value);

/* Index of the filter clause that is exactly the dates from..to, or -1. */
long browse_dates_index(const struct browse *b, int32_t from, int32_t to);

/* Remove the dates from..to when that is a filter; else replace every
 * date filter with it. *added (if not NULL) says which. */
int browse_toggle_dates(struct browse *b, int32_t from, int32_t to,
                        int *added, struct err *e);

/* Remove filter clause i (an index into b->filters). */
int browse_remove_filter(struct browse *b, size_t i, struct err *e);

/* Remove every filter (the search stays). */
int browse_clear_filters(struct browse *b, struct err *e);

/* Clear the search and every filter (the c key and :clear), keeping the
 * document in focus selected, and say what was cleared (or that there
 * was nothing to clear) in the message line. */
int browse_clear_all(struct browse *b, struct err *e);

/* Remove the date filters (widen back after narrowing to a period). */
int browse_widen(struct browse *b, struct err *e);

/* Prefer rank (SORT_RANK) or date order; rank applies while a search
 * has text. */
int browse_set_sort(struct browse *b, enum store_sort sort, struct err *e);

/* The active filters in query syntax (caller frees; "" for none). */
char *browse_filters_text(const struct browse *b);

/* How a count came out (the store's returns of store_facet and
 * store_timeline, by name). */
enum browse_counted {
	BROWSE_COUNT_ERROR = -1,   /* e says why */
	BROWSE_COUNT_PARTIAL = 0,  /* cut short by the time limit or a key */
	BROWSE_COUNT_EXACT = 1,
	BROWSE_COUNT_SAMPLED = 2   /* estimated from a sample of the list */
};

/* A facet is filtered on as the query field of the same number (the
 * filter pane, completion): the two enums line up. */
_Static_assert(FACET_PERSON == (int)QF_PERSON && FACET_PLACE == (int)QF_PLACE &&
               FACET_SUBJECT == (int)QF_SUBJECT &&
               FACET_COLLECTION == (int)QF_COLLECTION &&
               FACET_LANGUAGE == (int)QF_LANGUAGE,
               "enum facet and enum qfield must line up");

/* The query field that filters on facet f. */
static inline enum qfield browse_facet_field(enum facet f)
{
	return (enum qfield)f;
}

/* The limit most frequent values of facet f in the list, as
 * store_facet() counts them; caller frees with facet_values_free. */
enum browse_counted browse_facet(struct browse *b, enum facet f,
                                 size_t limit, struct facet_value **out,
                                 size_t *n, struct err *e);

/* The names by which document key spells the people the search found
 * through another of their names (store_doc_forms), appended to out: what
 * the document view highlights besides the search's words. */
int browse_doc_forms(struct browse *b, int64_t key, struct strlist *out, struct err *e);

/* browse_facet, keeping only the values whose name holds text (folded):
 * a facet's every value, narrowed as one types. */
enum browse_counted browse_facet_matching(struct browse *b, enum facet f,
                                          const char *text, size_t limit,
                                          struct facet_value **out, size_t *n,
                                          struct err *e);

/* The reader's own facets of the filter pane: saved searches, marks,
 * tags. */
enum browse_user_facet { BUF_SAVED, BUF_MARKS, BUF_TAGS };

/* The values of facet which, each named as the query term that filters
 * on it ("@plenum", "is:unread", "has:note", or a tag's name), with the
 * number of the list's documents it holds (-1 when a saved search cannot
 * run), in *out (caller frees with facet_values_free). Counting is
 * bounded by the store's time limit (then partial). */
enum browse_counted browse_user_facet(struct browse *b, enum browse_user_facet which,
                                      struct facet_value **out, size_t *n,
                                      struct err *e);

/* The filter the value name of facet which is, in *field and *value (a
 * new string, caller frees). Returns 0, or -1 with e set. */
int browse_user_filter(enum browse_user_facet which, const char *name,
                       enum qfield *field, char **value, struct err *e);

/* The list's documents per year, as store_timeline() counts them
 * (exact, partial or error); caller frees *out. */
enum browse_counted browse_years(struct browse *b, struct bucket **out,
                                 size_t *n, struct err *e);

/* --- documents, jumps and history ------------------------------------ */

/* The key of the document in focus: the selected relation when the
 * related view is above the list and document views, else the current
 * document (b->cur); 0 when none. */
int64_t browse_focus_key(const struct browse *b);

/* The document with key, from a one-entry cache owned by b (valid until
 * the next call); NULL when there is none (e set on error). */
const struct doc *browse_doc(struct browse *b, int64_t key, struct err *e);

/* Open the document in focus in BV_DOC (a jump) and mark it read. */
int browse_open(struct browse *b, struct err *e);

/* Open the document with key (a jump): it becomes the current document,
 * and the list's selection goes to it when the list holds it. */
int browse_open_key(struct browse *b, int64_t key, struct err *e);

/* Open the document with this id (a jump); -1 when there is none. */
int browse_open_id(struct browse *b, const char *id, struct err *e);

/* Open the next (dir > 0) or previous document in time after the one in
 * focus, ignoring filters (a jump). Returns 1 at either end. */
int browse_neighbor(struct browse *b, int dir, struct err *e);

/* Move the list to the first document on or after the date text ("1950",
 * "1950-09", "1950-09-30", ...), in date order (a jump); in the timeline,
 * move its cursor there. */
int browse_goto_date(struct browse *b, const char *date, struct err *e);

/* Put the list on the document with key if it is in the result set
 * (date order; in rank order, only when its window holds it); returns 1
 * when it is not. It becomes the current document either way. Not a
 * jump. */
int browse_list_seek(struct browse *b, int64_t key, struct err *e);

/* Push view v (if v is already on the stack, pop down to it instead). */
void browse_push_view(struct browse *b, enum browse_view v);

/* Close the top view. Returns 1 (and does nothing) when only the list is
 * left: the caller quits. */
int browse_pop_view(struct browse *b);

/* Scroll the document view by delta lines (the UI clamps it at draw). */
void browse_doc_scroll(struct browse *b, long delta);

/* Put the document view's first line at line. */
void browse_doc_scroll_to(struct browse *b, int line);

/* Select reference ref of the document view (1-based in the order of its
 * text; 0: none). Not a jump. */
void browse_doc_select(struct browse *b, int ref);

/* Go to line line of the document with reference ref selected (a footnote
 * mark's note, and back): a jump, which Back undoes. */
void browse_doc_jump(struct browse *b, int line, int ref);

/* 1 once after a document was opened (then 0 until the next one): the
 * UI may then put it where the reader left it. */
int browse_doc_take_resume(struct browse *b);

/* The ids document key cites and the sentence of each (store_cites),
 * appended to ids and why. */
int browse_doc_cites(struct browse *b, int64_t key, struct strlist *ids,
                     struct strlist *why, struct err *e);

/* Go back to where the last jump or change of the list came from. Returns
 * 1 when there is no earlier place. */
int browse_back(struct browse *b, struct err *e);

/* Redo a jump undone by browse_back. Returns 1 when there is none. */
int browse_forward(struct browse *b, struct err *e);

/* Begin a change made in steps (a live search): the changes until
 * browse_batch_end make one place in the history. Batches nest. */
void browse_batch_begin(struct browse *b);

/* End the batch; when it is the outermost and record is 1, the state
 * becomes a new place in the history (0: nothing worth a place). */
void browse_batch_end(struct browse *b, int record);

/* End the batch undoing its changes: back to the place it began on. */
int browse_batch_cancel(struct browse *b, struct err *e);

/* Toggle the bookmark on the document in focus. */
int browse_toggle_bookmark(struct browse *b, struct err *e);

/* --- the reader's data (user.c) ---------------------------------------
 * Each acts on the document in focus, says what it did in the message
 * line, and returns 0, 1 when there is no document (said), or -1 with e
 * set. */

/* Toggle its read mark. */
int browse_toggle_read(struct browse *b, struct err *e);

/* Put tag name on it (on) or take it off. */
int browse_tag(struct browse *b, const char *name, int on, struct err *e);

/* Save the list's query (search and filters) as @name. */
int browse_save_search(struct browse *b, const char *name, struct err *e);

/* Set its note (NULL or "": delete; the old one stays a version). */
int browse_set_note(struct browse *b, const char *text, struct err *e);

/* Editing its note: _begin writes the note to a file of the state
 * directory and returns its path (caller frees; NULL with e set, also
 * when an earlier edit was left there); the caller runs the editor on it
 * (with the terminal restored) and hands _end its exit status (-1 with
 * the failure in e when it could not run or was killed). A failure or
 * an unchanged text changes nothing (what was written stays in the
 * file, named in e); a changed one is saved, or when the database will
 * not take it, kept in the recovery file (named in e). */
char *browse_note_edit_begin(struct browse *b, struct err *e);
int browse_note_edit_end(struct browse *b, const char *path, int status, struct err *e);

/* Save text (with its page, or NULL) as an excerpt of it. */
int browse_excerpt_add(struct browse *b, const char *text, const char *page,
                       struct err *e);

/* Its Chicago full note (caller frees), or NULL with e set. */
char *browse_cite(struct browse *b, struct err *e);

/* Its whole text for a pager or a pipe: title, date, summary, body,
 * transcripts, translations, notes, source, the reader's note (caller
 * frees; raw data: the receiving program shows it). NULL with e set. */
char *browse_doc_text(struct browse *b, struct err *e);

/* Its address (owned by b's cache), or NULL with e set when none. */
const char *browse_doc_url(struct browse *b, struct err *e);

/* --- related documents ----------------------------------------------- */

/* The relations of the document with key (owned by b's cache, valid
 * until the next call), *n of them; full: with the documents of similar
 * text (the document and related views), else the stored relations (the
 * list's preview, which keeps up with a held-down key). NULL with e set
 * on error. */
const struct relation *browse_relations(struct browse *b, int64_t key,
                                        int full, size_t *n, struct err *e);

/* The relations the related view lists (browse_relations, full). */
const struct relation *browse_related_list(struct browse *b, size_t *n,
                                           struct err *e);

/* Open the related view for the document in focus. Returns 1 (with a
 * message) when it has no related documents. */
int browse_related_open(struct browse *b, struct err *e);

/* Move the related view's selection by delta (clamped). */
void browse_related_move(struct browse *b, long delta);

/* Open the relation selected in the related view (a jump). */
int browse_related_enter(struct browse *b, struct err *e);

/* --- people ----------------------------------------------------------- */

/* Open the people chooser on the document in focus: with one person, open
 * that person at once (a jump); with several, push BV_PEOPLE (not a jump).
 * Returns 1 (with a message) when the document names nobody. */
int browse_people_open(struct browse *b, struct err *e);

/* The people of the chooser's document (owned by b's document cache,
 * valid until the next browse_doc), or NULL with e set. */
const struct strlist *browse_people_names(struct browse *b, struct err *e);

/* Move the chooser's selection by delta (clamped). */
void browse_people_move(struct browse *b, long delta);

/* Close the chooser and open the person selected in it (a jump). */
int browse_people_choose(struct browse *b, struct err *e);

/* Open the person view on the person any of whose names is name (a jump;
 * a chooser on top is closed first). Returns 1 (with a message, nothing
 * changed) when nobody has that name. */
int browse_person_open(struct browse *b, const char *name, struct err *e);

/* The facts of the person the view shows (owned by b, valid until the
 * person changes), loading them when needed; NULL with e set when there
 * is no person or they cannot be read. */
const struct person_info *browse_person_info(struct browse *b, struct err *e);

/* Move the person view's selection (the person, then the people they
 * appear with) by delta, clamped. */
void browse_person_move(struct browse *b, long delta);

/* Set the person view's selection (clamped) and first line shown. */
void browse_person_set(struct browse *b, size_t sel, int top);

/* The first want documents of the person the view shows, in date order
 * (owned by b, read again when the person or want changes), or NULL
 * with e set. */
const struct rows *browse_person_rows(struct browse *b, size_t want,
                                      struct err *e);

/* Enter in the person view: on the person, list their documents; on one
 * of the people they appear with, open that person. Both are jumps. */
int browse_person_enter(struct browse *b, struct err *e);

/* Show in the list exactly the documents of the person the view shows
 * (the search and filters are replaced by one person filter; the list
 * stays on the document in focus when it is one of them). A jump. */
int browse_person_list(struct browse *b, struct err *e);

/* --- the timeline ---------------------------------------------------- */

/* The days the timeline spans for the current list, in *first and *last
 * (0 when nothing in it is dated): the date filter's bounds where it has
 * them, else the first and last dated documents' (store_query_span), and
 * in *undated (if not NULL) how many of the list's documents are undated.
 * Read again only when the query changed. */
void browse_timeline_span(struct browse *b, int32_t *first, int32_t *last,
                          long long *undated);
/* The date of the current document into *d; 0 when there is none or it
 * is undated. */
int browse_current_date(struct browse *b, struct date *d);

/* Open the timeline at year level with the cursor on the focused
 * document's year (or the first year). */
int browse_timeline_open(struct browse *b, struct err *e);

/* Move the timeline cursor by n periods (clamped to the data's span). */
void browse_timeline_move(struct browse *b, long n);

/* Move the timeline cursor to the first (dir < 0) or last period. */
void browse_timeline_edge(struct browse *b, int dir);

/* The first period to show in rows lines with the cursor on screen,
 * scrolling as little as possible (kept in the view's state). */
int32_t browse_timeline_top(struct browse *b, int rows);

/* Zoom in (dir > 0: years to months to days) or out. */
void browse_timeline_zoom(struct browse *b, int dir);

/* Move the cursor to the period of day ymd, zooming in to prec when it is
 * finer than the current level. */
void browse_timeline_goto(struct browse *b, int32_t ymd, enum date_prec prec);

/* The counts of n periods from period first for the current result set,
 * into out[0..n) (each period's own count, 0 when empty); *coarse gets
 * the documents too coarse for this level. Exact, partial or error. */
enum browse_counted browse_timeline_counts(struct browse *b, int32_t first, size_t n,
                           long long *out, long long *coarse,
                           struct err *e);

/* Narrow the list to the period under the cursor (replacing any date
 * filter), go to the list (a jump). */
int browse_timeline_narrow(struct browse *b, struct err *e);

/* --- commands -------------------------------------------------------- */

/* What a command asks of the UI beyond the model: quit, or hand the
 * document to a program (the editor, the clipboard, a pipe). */
enum browse_cmd_result {
	BROWSE_CMD_OK = 0, BROWSE_CMD_QUIT = 1, BROWSE_CMD_EDIT_NOTE, BROWSE_CMD_CITE,
	BROWSE_CMD_PIPE
};

/* The argument of a command line: what follows its first word and the
 * spaces after it (a pointer into line). */
const char *browse_command_arg(const char *line);

/* What the argument of a command completes to. */
enum browse_cmd_arg {
	CMD_ARG_NONE,     /* nothing */
	CMD_ARG_FILTER,   /* a field, then its values in the list */
	CMD_ARG_SORT,     /* date or rank */
	CMD_ARG_PERSON,   /* the names of people, by any of their names */
	CMD_ARG_ID,       /* document ids */
	CMD_ARG_TAG       /* the tags in use */
};

/* One : command: the table of them runs, completes and documents them. */
struct browse_command {
	const char *name;
	const char *alias;        /* a short form ("g"), or NULL */
	const char *args;         /* for help ("DATE"), or NULL */
	enum browse_cmd_arg arg;
	/* run it: 0, 1 (nothing to do, said), BROWSE_CMD_QUIT, or -1 */
	int (*run)(struct browse *b, const char *arg, struct err *e);
	const char *help;
};

/* The table of commands (static), *n of them, in the order help lists
 * them. */
const struct browse_command *browse_commands(size_t *n);

/* Run one command line (a command of browse_commands and its argument).
 * Returns BROWSE_CMD_OK, BROWSE_CMD_QUIT, or -1 with e set. */
int browse_command(struct browse *b, const char *line, struct err *e);

/* The completions of the last word of line into out (strings to replace
 * that word with); returns the byte offset where that word starts. After
 * "person " the rest of the line is one word, completed with the names
 * of people (whole names, or any of their words, case ignored), else
 * with their other names (variants, cover names); after "open ",
 * document ids. */
size_t browse_complete(struct browse *b, const char *line,
                       struct strlist *out);

/* The longest common prefix length (in bytes) of the strings of l. */
size_t browse_common_prefix(const struct strlist *l);

/* --- saved position -------------------------------------------------- */

/* Save the document in focus as "last_id" in the store's state. */
int browse_save(struct browse *b, struct err *e);

/* Put the list back on the saved "last_id" if there is one. */
int browse_restore(struct browse *b, struct err *e);

#endif
