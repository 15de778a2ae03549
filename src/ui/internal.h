/* internal.h - what the files of the browser's UI share.
 *
 * Layering inside src/ui: screen.c is the only file that calls curses to
 * put text on the terminal; format.c and keymap.c are plain functions
 * returning strings and tables (unit-tested without a terminal); the view
 * files (list.c, detail.c, ...) map the browse state to cells through
 * screen.c and keys to browse functions; app.c runs the event loop.
 */
#ifndef FONDS_UI_INTERNAL_H
#define FONDS_UI_INTERNAL_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fonds/browse.h"
#include "fonds/history.h"
#include "fonds/readpos.h"
#include "fonds/store.h"
#include "fonds/text.h"
#include "fonds/ui.h"
#include "fonds/util.h"
#include "ui/request.h"

/* --- keys and the keymap (keymap.c) ------------------------------------ */

/* Keys are Unicode code points; curses function keys are KEY_SPECIAL plus
 * their KEY_ code. Enter is '\n', Backspace is KEY_SPECIAL | KEY_BACKSPACE
 * (the screen maps ^H and DEL to it). */
#define KEY_SPECIAL 0x200000
#define KEY_ENTER_ '\n'
#define KEY_ESC_ 27

/* Where a binding applies: a view of browse.h, or every view. */
#define KM_GENERIC BV_NVIEWS
#define KM_NSECTIONS (BV_NVIEWS + 1)

struct binding {
	int key;
	enum request req;
};

/* The settings of fondsrc's "set" lines (config_defaults() gives the
 * built-in ones; -1 in accessible and ambiwidth: decided at start). */
enum ui_layout { LAYOUT_SPLIT, LAYOUT_LIST };

/* A "color AREA FG BG [ATTRS]" line: colours 0-255, -1 the terminal's
 * own; attrs CA_* bits. */
#define CA_BOLD 1u
#define CA_DIM 2u
#define CA_UNDERLINE 4u
#define CA_REVERSE 8u
#define CA_BLINK 16u
#define CA_ITALIC 32u
#define CA_STANDOUT 64u
#define UI_NAREAS 14          /* = SA_NATTRS */

struct color_spec {
	int set;                  /* a color line gave it */
	short fg, bg;
	unsigned attrs;
};

/* The name of area i in color lines ("selected"), or NULL past the end;
 * an area by name, or -1. */
const char *config_area_name(int i);
int config_area_parse(const char *name);

struct ui_config {
	struct color_spec color[UI_NAREAS];
	enum ui_layout layout;   /* set layout split|list */
	int preview_delay_ms;    /* set preview-delay MS: the preview waits
	                            for the cursor to rest this long while a
	                            key is held or typed fast */
	int accessible;          /* set accessible on|off; -1: by TERM */
	int mouse;               /* set mouse on|off */
	int ambiwidth;           /* set ambiwidth 1|2; -1: by the locale */
	int osc52;               /* set osc52 on: y copies to the terminal's
	                            clipboard (off: it writes to the terminal) */
};

/* Bindings per section; later bindings of a key replace earlier ones.
 * fondsrc's other lines ("set") go to cfg, read by the same parser. */
struct keymap {
	struct binding *v[KM_NSECTIONS];
	size_t n[KM_NSECTIONS], cap[KM_NSECTIONS];
	struct ui_config cfg;
	int cfg_init;            /* cfg holds the defaults or more */
};

/* The built-in settings into c. */
void config_defaults(struct ui_config *c);

/* The default bindings: share/fondsrc compiled into the program. */
extern const char keymap_default_text[];

/* The name in fondsrc, the hint label and the help line of a request. */
const char *request_name(enum request r);
const char *request_label(enum request r);
const char *request_help(enum request r);

/* The request named name ("move-down"), or REQ_NONE (with *ok = 0 when
 * not NULL) when there is none; "none" gives REQ_NONE with *ok = 1. */
enum request request_parse(const char *name, int *ok);

/* The key named name ("j", "Enter", "C-f", "PgDn", "F1", "é"), or -1. */
int keymap_key_parse(const char *name);

/* The name of key into buf (as key_parse reads it); returns buf. */
char *keymap_key_name(int key, char *buf, size_t n);

/* The section named name ("generic", "list", "document", ...), or -1. */
int keymap_section(const char *name);

/* Bind key to req in section (REQ_NONE unbinds). */
void keymap_bind(struct keymap *km, int section, int key, enum request req);

/* Read the lines of a fondsrc ("bind SECTION KEY REQUEST", "set NAME
 * VALUE", comments with '#'); each bad line is reported in errors as "name:LINE: message" and
 * skipped. Returns the number of bad lines. */
int keymap_parse(struct keymap *km, const char *text, const char *name,
                 struct strlist *errors);

/* The request of key in view v (the view's bindings first, then the
 * generic ones), or REQ_NONE. */
enum request keymap_lookup(const struct keymap *km, enum browse_view v,
                           int key);

/* The keys bound to req in section, as "j, Down", into buf (empty when
 * none). Returns the number of keys. */
int keymap_keys(const struct keymap *km, int section, enum request req,
                char *buf, size_t n);

/* The first key that reaches req in view v, as its name, into buf;
 * returns 0 when no key does. */
int keymap_first_key(const struct keymap *km, enum browse_view v,
                     enum request req, char *buf, size_t n);

/* Free every binding of km. */
void keymap_free(struct keymap *km);

/* --- formatting: plain functions returning strings (format.c) ----------- */

/* A byte range of a string to highlight. */
struct span {
	size_t off, len;
};

struct spans {
	struct span *v;
	size_t n, cap;
};

/* Free the ranges of s and empty it. */
void spans_free(struct spans *s);

/* The words to highlight for query q (words, phrases' words and
 * prefixes that are not excluded), folded with text_fold, into terms;
 * prefix terms end with '*'. */
void ui_query_terms(const struct query *q, struct strlist *terms);

/* The match to go to from match cur (0-based; -1: none yet, then from
 * first, the first at or after the view for dir > 0, or last, the last
 * before its end, for dir < 0) among n, in direction dir; past either end
 * it wraps around, and *wrapped says so (1 to the first, -1 to the last).
 * Returns -1 when n is 0. */
long ui_match_step(long cur, long n, int dir, long first, long last, int *wrapped);

/* One hint of the key-hint line: a key and what it does; keep: shown at
 * any width (help and quit). */
struct hint {
	const char *key, *label;
	int keep;
};

/* The key-hint line of hints v[0..n), most important first, in at most
 * width columns: the least important are dropped until it fits, never
 * those marked keep (then it is clipped). Appended to out. */
void ui_hint_line(const struct hint *v, size_t n, int width, struct sbuf *out);

/* Wrap line (sanitized) to width columns into out, the lines after the
 * first indented as the line's text is: to the column after its leading
 * spaces and a first column set off by two or more spaces ("  j, Down
 * Move down" continues under "Move"), else under its leading spaces. */
void ui_wrap_hanging(const char *line, int width, struct strlist *out);

/* 1 when text (folded, case and accents ignored) occurs in line. */
int ui_line_has(const char *line, const char *text);

/* The line of completion candidates v[0..n), the chosen one cur (-1:
 * none) shown in brackets and kept in view, in at most width columns;
 * "<" and ">" say that more are before or after. Appended to out;
 * *hl and *hl_len get the byte range of the chosen one (0 when none). */
void ui_candidates_line(const struct strlist *v, long cur, int width, struct sbuf *out,
                        size_t *hl, size_t *hl_len);

/* Add the folded words of text to terms, each once. */
void ui_add_terms(struct strlist *terms, const char *text);

/* The byte ranges of the words of s (sanitized) that match a term (the
 * word folded equals it, or starts with it for a prefix term), appended
 * to out in order. Returns the number found. */
size_t ui_match_spans(const char *s, const struct strlist *terms,
                      struct spans *out);

/* The snippet raw from the store (matches between \x02 and \x03),
 * sanitized with flags san, appended to out without the markers; the
 * matches' byte ranges in out are appended to marks (if not NULL). */
void ui_snippet(const char *raw, int san, struct sbuf *out,
                struct spans *marks);

/* Clip s (sanitized) to width columns, padding with spaces to exactly
 * width when pad; appends to out and returns the columns written. A
 * clipped string ends with "~" (ASCII) or an ellipsis. */
int ui_fit(struct sbuf *out, const char *s, int width, int pad, int ascii);

/* The markers column of a row: related, read, bookmark (three columns). */
void ui_row_marks(unsigned flags, int ascii, struct sbuf *out);

/* One line of the list: date at its precision (10 columns), markers,
 * title, clipped to exactly width columns. title is the sanitized
 * title. */
void ui_row_line(const struct row *r, const char *title, int width,
                 int ascii, struct sbuf *out);

/* A horizontal bar of count/max in at most width columns with eighths
 * (UTF-8) or '#' (ASCII); a non-zero count always shows something. */
void ui_bar(long long count, long long max, int width, int ascii,
            struct sbuf *out);

/* The timeline's last line, appended to out (nothing when there is
 * nothing to say): the documents it draws in no period (coarse: dated
 * less precisely than level; undated), and whether the counts are
 * partial. */
void ui_timeline_apart(long long coarse, long long undated, enum date_prec level,
                       int partial, struct sbuf *out);

/* One line of the timeline: cursor and document markers, the period's
 * label, its count and its bar, exactly width columns. */
void ui_timeline_line(const char *label, long long count, long long max,
                      int cursor, int marked, int width, int ascii,
                      struct sbuf *out);

/* The status line: mode, position ("17/44", "17/>=1000" when partial),
 * search and filters, order, and a message that wins over the filters
 * when space runs out; exactly width columns. Strings are raw data: the
 * function sanitizes them. */
struct status_info {
	const char *mode;
	long long pos, total; /* -1: not counted yet; pos -2: the document
	                         shown is not in the list */
	int exact, have_pos;
	const char *search, *filters;
	const char *sort;   /* "date" or "rank" */
	const char *extra;  /* after the order: "42%" in a document */
	const char *msg;
	int ascii;
};
void ui_status_line(const struct status_info *si, int width,
                    struct sbuf *out);
/* The position part of it: "  12/345" ("..." for what is not counted). */
void ui_position_text(const struct status_info *si, struct sbuf *out);

/* One formatted line of the detail pane or of the person view. */
enum dkind { DL_TEXT, DL_TITLE, DL_FIELD, DL_HEADING, DL_RELATED,
             DL_REASON, DL_BLANK,
             DL_BAR,     /* a line of ui_timeline_line: its bar from byte 20 */
             DL_PERSON   /* one of the people a person appears with */
};

struct dline {
	enum dkind kind;
	char *label;  /* DL_FIELD: "People" on the field's first line, else NULL */
	char *text;   /* sanitized, one screen line */
	int indent;   /* columns before text */
	long rel;     /* DL_RELATED/DL_REASON: index of the relation; in the
	                 person view, the item it belongs to (0 the person,
	                 k the k-th person they appear with); else -1 */
	int sect;     /* the text section it belongs to (1, 2, ... in the
	                 order shown), 0 for the title, fields and relations */
	size_t off;   /* where it starts in its section's text (bytes) */
};

/* A reference in a document's text that the reader can select ({ and })
 * and follow (Enter). */
enum dref_kind {
	DREF_MARK,  /* a footnote mark "[2]" in the text: to its note */
	DREF_NOTE,  /* a note's own mark in the notes: back to the text */
	DREF_CITE,  /* a reference to another document (its sentence, or
	               the words "Document 7" in it) */
	DREF_LINK   /* a link's address in the links */
};

struct dref {
	enum dref_kind kind;
	size_t line0, off0;  /* it starts on line line0 at byte off0 */
	size_t line1, end1;  /* and ends on line line1 before byte end1 */
	char *target;        /* a note's label, a cited id, an address */
};

struct dlines {
	struct dline *v;
	size_t n, cap;
	struct dref *refs;   /* in the order of the text */
	size_t nrefs, crefs;
	struct strlist sects; /* each section's text, sanitized (sect k is
	                         sects.v[k - 1]) */
	struct sbuf sect_kinds; /* per section: 'T' a text, 'N' the notes,
	                           'L' the links */
	int sect;            /* while formatting: the section being added */
	size_t limit;        /* set before formatting: the lines wanted (a
	                        preview shows its first screen), 0 all */
	int upto_sect;       /* or (upto_sect > 0) the lines down to the
	                        place (upto_sect, upto_off) and limit more */
	size_t upto_off;
	int partial;         /* the limit left lines out */
};

/* Free the lines of d and empty it. */
void dlines_free(struct dlines *d);

/* Which text of a document the document view shows. */
enum ui_text { UI_TEXT_MAIN, UI_TEXT_ORIGINAL, UI_TEXT_TRANSLATION };

/* The lines of document d wrapped to width columns: title, fields, the
 * summary and full text with its notes and links (or, with which, the
 * original transcript or the translation), then the relations
 * rel[0..nrel) with reasons. san is the text_sanitize flags of the
 * terminal. With out->limit set, about that many lines and no more are
 * made (the same first lines; out->partial then says that some were
 * left out), so that a preview of a long text costs its first screen. */
void ui_detail_format(const struct doc *d, const struct relation *rel,
                      size_t nrel, int width, int san, enum ui_text which,
                      struct dlines *out);

/* The references of the lines out holds (ui_detail_format's, for doc and
 * which) into out->refs, in the order of the text: footnote marks "[n]"
 * of the notes doc has, each note's mark in the notes, the documents
 * cited (cites[i], the sentence why[i]; NULL for none) where their
 * sentence stands, the links' addresses. san as for ui_detail_format. */
void ui_detail_refs(const struct doc *d, const struct strlist *cites,
                    const struct strlist *why, int san, struct dlines *out);

/* The line of out to show first for the place (sect, off) of a text
 * (dline's fields; sect 0: off is a line number), and the place of line
 * i; width-free, so that a reading position outlives a resize. */
size_t ui_dlines_find(const struct dlines *out, int sect, size_t off);
void ui_dlines_place(const struct dlines *out, size_t i, int *sect, size_t *off);

/* 1 when document d has a text of kind (RECORD_TEXT_*). */
int ui_doc_has_text(const struct doc *d, const char *kind);

/* A life span from born and died ("1893-1976" with an en dash, "born
 * 1912", "died 1971"), appended to out; nothing when both are unknown. */
void ui_life_span(const char *born, const char *died, int ascii,
                  struct sbuf *out);

/* The lines of person p wrapped to width columns: the name (item 0), an
 * uncertain marker, life span, role, variants, cover names, other
 * scripts, the number of documents, a bar per year from their first year
 * to their last (ui_timeline_line; year mark, yyyy0000, marked with '*',
 * 0 for none), and the people they appear with most (items 1..nwith).
 * san is the text_sanitize flags of the terminal. */
void ui_person_format(const struct person_info *p, int32_t mark, int width,
                      int ascii, int san, struct dlines *out);

/* One edge of a box w columns wide: the top (top != 0, with title in it
 * when not NULL) or the bottom, appended to out (exactly w columns). */
void ui_box_edge(const char *title, int w, int top, int ascii,
                 struct sbuf *out);

/* --- screen.c: the only code that draws -------------------------------- */

enum sattr {
	SA_NORMAL,
	SA_SELECTED,  /* the selected row */
	SA_CURSOR,    /* the selected row of an unfocused pane */
	SA_STATUS,    /* the status line */
	SA_HINT,      /* the key hint line */
	SA_TITLE,     /* document titles */
	SA_HEADING,   /* section headings */
	SA_LABEL,     /* field labels */
	SA_MATCH,     /* search matches */
	SA_DIM,       /* reasons, snippets, empty periods */
	SA_BAR,       /* timeline bars */
	SA_MARK,      /* markers */
	SA_ERROR,     /* error messages */
	SA_FACET,     /* facet values in the filters */
	SA_NATTRS
};

struct rect {
	int y, x, h, w;
};

/* Start curses on the terminal (or, with headless, on /dev/null with the
 * given size). Returns -1 with e set when the terminal cannot be used. */
int screen_start(int headless, int lines, int cols, struct err *e);

/* The colours and attributes of every area from c (after screen_start;
 * NO_COLOR or a terminal without colours keeps the attributes alone). */
void screen_colors(const struct ui_config *c);

/* Give the terminal back (idempotent; safe from atexit and die()). */
void screen_stop(void);

/* Give the terminal back as it was before curses (for a program that
 * takes it over: an editor, a pager) and take it again, redrawn whole.
 * Nothing happens in a headless run. */
void screen_suspend(void);
void screen_resume(void);

/* Put text on the terminal's clipboard with the OSC 52 sequence (the
 * text base64-encoded: nothing of it reaches the terminal as is). */
void screen_osc52(const char *text);


/* The text_sanitize flags for this terminal (TEXT_SAN_ASCII in a
 * non-UTF-8 locale). */
int screen_san(void);


/* Draw only ASCII (a non-UTF-8 locale); set before screen_start. */
void screen_set_ascii(int ascii);

/* The mouse on or off (set mouse); a KEY_MOUSE key's event: its cell
 * and kind (MOUSE_*), once (0: none). */
enum { MOUSE_CLICK = 1, MOUSE_DOUBLE, MOUSE_WHEEL_UP, MOUSE_WHEEL_DOWN };
void screen_mouse(int on);
int screen_mouse_event(int *y, int *x, int *kind);

/* No box drawing: ASCII lines (accessible mode). */
void screen_set_plain(int plain);

/* Start curses as terminal type type instead of $TERM (before
 * screen_start; NULL: $TERM). */
void screen_set_fallback(const char *type);

/* Whether terminal type name can address the cursor: 1 yes, 0 no (dumb,
 * a printing terminal), -1 unknown. */
int screen_term_addressable(const char *name);

/* Note the first cell drawn as a selection (SA_SELECTED or SA_CURSOR)
 * from screen_sel_begin on; screen_sel_end gives it (0: none drawn). */
void screen_sel_begin(void);
int screen_sel_end(int *y, int *x);

/* The terminal size. */
void screen_size(int *lines, int *cols);

/* Sanitize s for this terminal (caller frees). */
char *screen_clean(const char *s);

/* Blank the whole virtual screen (nothing is sent until screen_update). */
void screen_erase(void);

/* Draw raw string s at (y, x) in at most w columns: sanitized, measured
 * and clipped. Returns the columns drawn. */
int screen_put(int y, int x, int w, const char *s, enum sattr a);

/* The same for a string already sanitized by screen_clean. */
int screen_put_clean(int y, int x, int w, const char *s, enum sattr a);

/* Draw sanitized s with the byte ranges of sp in attribute hl. */
int screen_put_spans(int y, int x, int w, const char *s,
                     const struct spans *sp, enum sattr a, enum sattr hl);

/* Fill w columns at (y, x) with blanks in attribute a. */
void screen_fill(int y, int x, int w, enum sattr a);

/* A vertical separator of h lines at column x from line y. */
void screen_vline(int y, int x, int h);

/* Show the cursor at (y, x), or hide it with y < 0. */
void screen_cursor(int y, int x);

/* Send what changed to the terminal; returns the bytes that took, or -1
 * when that cannot be told. */
long screen_update(void);

/* The rate in bytes a second of a link seen to be slow: timed by the
 * terminal's answers (screen_link_probe), or, from a terminal that does
 * not answer, by writes that had to wait for it; 0 while it keeps up. */
long screen_link_rate(void);

/* Whether the terminal answers screen_link_probe (or may yet). */
int screen_link_answers(void);

/* Ask the terminal to answer once it has shown what was sent (when its
 * terminfo says it answers such requests; one request at a time). */
void screen_link_probe(void);

/* While the terminal's answer to screen_link_probe is awaited: the time
 * until which it is (usec, clock_usec); 0 when none is. */
int64_t screen_link_awaiting(void);

/* Repaint everything on the next update (after ^L). */
void screen_redraw(void);

/* Wait up to timeout_ms (-1: forever) for a key. Returns 1 with *key set,
 * 0 on timeout, KEY_RESIZE handling included (*key = KEY_SPECIAL |
 * KEY_RESIZE). */
int screen_getkey(int timeout_ms, int *key);

/* 1 when input is waiting on the terminal (no curses call). */
int screen_input_pending(void);

/* 1 when the terminal has gone away (hang-up). */
int screen_input_gone(void);

/* Resize the virtual screen (headless tests). */
void screen_resize(int lines, int cols);

/* Write the virtual screen as text lines (headless tests). */
void screen_dump(FILE *fp);

/* --- views ----------------------------------------------------------------- */

struct app;

/* Where a view goes on a wide screen (on a narrow one, it has it all). */
enum view_place {
	VP_FULL,     /* the whole screen */
	VP_LEFT,     /* the left part, its companion on the right */
	VP_RIGHT,    /* the right part, its companion on the left */
	VP_THIRD,    /* the left third, its companion on the right */
	VP_OVERLAY   /* a box over the view below it */
};

/* A view's operations, as tig's views have them. Every pointer but draw
 * may be NULL. The table of every view is view_table (view.c), indexed
 * by enum browse_view: layout, dispatch, the status and hint lines and
 * the help read it, so adding a view is its file, its enum value (and
 * name) in browse.h, and its line in the table. */
struct view_ops {
	enum browse_view id;
	enum view_place place;
	enum request toggle;       /* the request that opens and closes it */
	/* open the view on top (the toggle request, or a command); returns
	 * like the browse functions: 0, 1 (nothing to do, said), -1 (a->e) */
	int (*enter)(struct app *a);
	/* it is no longer on top (closed, or another view above it) */
	void (*leave)(struct app *a);
	void (*draw)(struct app *a, struct rect r, int focused);
	/* what shows beside it on a wide screen (unfocused) */
	void (*companion)(struct app *a, struct rect r);
	/* handle a request: 1 when handled, 0 to let the generic one have it */
	int (*request)(struct app *a, enum request req);
	/* fill the mode and position of the status line */
	void (*status)(struct app *a, struct status_info *si, char *mode,
	               size_t n);
	/* work left for a pause in typing: pending says whether there is,
	 * idle does it */
	int (*pending)(struct app *a);
	void (*idle)(struct app *a);
	/* free the view's private state at the end */
	void (*done)(struct app *a);
	const enum request *hints; /* for the key hint line, REQ_NONE ends */
	const char *enter_label;   /* the hint's label of REQ_ENTER, or NULL */
};

/* One view of the application: its table, its private state (the
 * struct of its file, allocated on first use) and where it was drawn. */
struct view {
	const struct view_ops *ops;
	void *priv;
	struct rect rect;
};

/* Every view's operations, indexed by enum browse_view. */
extern const struct view_ops *const view_table[BV_NVIEWS];

/* The ops of view v. */
const struct view_ops *view_ops_of(enum browse_view v);

/* The private state of view v (size bytes, zeroed on first use, owned by
 * a and freed after the view's done). */
void *view_state(struct app *a, enum browse_view v, size_t size);

/* Free every view's private state (calling done first). */
void view_free_all(struct app *a);

/* The generic navigation: move, page and jump to the ends of nav over
 * count items for the requests that do so. Returns 1 when req was one of
 * them. */
int view_nav_request(struct browse_nav *nav, size_t count, enum request req);

/* The generic status position of a list-like view: sel + 1 of count. */
void view_status_nav(struct status_info *si, const struct browse_nav *nav,
                     size_t count);

/* Scroll offset that keeps line sel visible in h lines out of n, moving
 * top as little as possible. */
int view_scroll_to(int top, int sel, int h, int n);

/* Draw the list pane unfocused (the companion of other views). */
void list_draw_companion(struct app *a, struct rect r);

/* Draw the current document (or the focused relation) as a preview. */
void detail_draw_preview(struct app *a, struct rect r);

/* Lines per list row for a pane of h lines (2 with search snippets). */
int list_lines_per_row(struct app *a, int h);

/* Give the list the rows of rect r (the layout calls it before drawing). */
void list_size(struct app *a, struct rect r);

/* The prompt (prompt.c). */
enum prompt_kind {
	PROMPT_NONE,
	PROMPT_SEARCH,  /* / in the list: the search */
	PROMPT_COMMAND, /* : */
	PROMPT_FIND     /* / in the help: text to find in it (help_find);
	                   in the filter pane, what narrows a facet's values */
};

struct prompt {
	enum prompt_kind kind;
	struct sbuf text;
	size_t cur;          /* byte offset of the cursor */
	long hist_pos;       /* index into the history being shown, -1 none */
	char *saved;         /* the line typed before walking the history */
	char *orig;          /* live search: the search when the prompt opened */
	int64_t deadline;    /* live search: when to run it (usec), 0 none */
	int applied;         /* live search: text was applied */
	/* : completion: the candidates of the last Tab (two or more), the
	 * one chosen (-1: none yet) and where the completed word starts */
	struct strlist cands;
	long cand;
	size_t cand_start;
};

/* Open a prompt of kind. */
void prompt_open(struct app *a, enum prompt_kind kind, const char *init);

/* Feed one key to the open prompt. */
void prompt_key(struct app *a, int key);

/* Cancel the open prompt (Esc, ^C). */
void prompt_cancel(struct app *a);

/* Run the live search if its time has come (or now when force). */
void prompt_tick(struct app *a, int force);

/* Draw the prompt on line y. */
void prompt_draw(struct app *a, int y, int w);

/* Draw the : prompt's completion candidates on line y, when it has some
 * (a line of their own, above the status line). */
void prompt_draw_candidates(struct app *a, int y, int w);

/* The lines of the help view, generated from the keymap (caller frees). */
void help_lines(const struct keymap *km, struct strlist *out);

/* Find text in the help (the PROMPT_FIND prompt submitted it) and go to
 * its first line at or after the view; n and N then go on. */
void help_find(struct app *a, const char *text);

/* Narrow the filter pane's expanded facet ("more") to the values that
 * hold text (NULL or "": every value); the PROMPT_FIND prompt calls it as
 * one types. */
void filter_narrow(struct app *a, const char *text);

/* --- the application (app.c) ------------------------------------------------ */

struct app {
	struct store *store;
	struct browse b;
	struct keymap km;
	struct err e;
	int lines, cols;
	int wide;            /* list and detail side by side */
	int too_small;
	int quit;
	int dirty;           /* redraw needed */
	int interruptible;   /* queries may be cut short by pending input */
	int san, ascii;
	struct prompt prompt;
	struct history hist;   /* searches and commands, kept across sessions */
	char *hist_path;       /* its file, or NULL: not kept */
	struct readpos pos;    /* where each document was left */
	char *pos_path;        /* its file, or NULL: not kept */
	struct strlist terms;  /* the search's words to highlight */
	unsigned long terms_gen; /* the list they were made for */
	/* terms and the spellings document doc_terms_key has of names the
	 * search found by another (store_doc_forms), for list doc_terms_gen */
	struct strlist doc_terms;
	unsigned long doc_terms_gen;
	int64_t doc_terms_key;
	char *filters_text;      /* the filters as the status line shows them */
	unsigned long filters_gen;
	int say_found;       /* say "N found" once the list is counted */
	/* slow links: keys that come faster than HOLD_USEC apart are a held
	 * key (or fast typing): the screens are paced (not drawn before
	 * draw_due), the list scrolls by pages at its ends, and the preview
	 * stays on preview_key until preview_due (the cursor rests) */
	int headless;
	int held;
	int64_t last_key, last_draw, draw_due, preview_due;
	int64_t wait_start;      /* when the loop last began to wait for a key */
	long last_bytes;         /* what the last screen took (-1: unknown) */
	char *rc_path;           /* the user's fondsrc, when read */
	/* accessible mode: the cursor on the selected row of the focused
	 * pane (sel_y, sel_x), a > beside every selection, ASCII lines */
	int accessible, plain;
	int sel_y, sel_x;
	int64_t preview_key;
	int doc_full;        /* the document view across a wide screen (z) */
	struct view views[BV_NVIEWS];
	enum browse_view shown; /* the view on top when last handled */
};

/* Report err in the status line (an interruption is not an error). */
void app_error(struct app *a, const struct err *e);

/* Open view v on top, as its toggle request does. */
int app_enter_view(struct app *a, enum browse_view v);

/* The list's position for the status line (not counting: what is not
 * counted yet shows as such). */
void app_status_list(struct app *a, struct status_info *si);

/* Run request req as the generic handler does. */
void app_request(struct app *a, enum request req);

/* Hand the current document to other programs (handoff.c): its note to
 * the editor, its citation to the clipboard or a file, its address to
 * $BROWSER, its text to $PAGER or to a command of words (no shell). */
void app_edit_note(struct app *a);
void app_cite(struct app *a);
void app_open_url(struct app *a);
void app_page_text(struct app *a);
void app_pipe(struct app *a, const char *command);

/* Search terms of the current search for highlighting (owned by a). */
const struct strlist *app_terms(struct app *a);

/* The terms to highlight in document key: the search's, and the names as
 * the document spells them where the search found it through another
 * spelling or a cover name (owned by a, kept until the list or the
 * document changes). */
const struct strlist *app_doc_terms(struct app *a, int64_t key);

#endif
