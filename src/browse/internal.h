/* internal.h - what the files of the browse module share.
 *
 * The module is split along its seams: state.c (set up, the view stack,
 * generic navigation), list.c (the list window and counting), filters.c
 * (search, filters, sort, facets), history.c (places, back and forward,
 * the saved position), jump.c (the current document, opening, jumps,
 * relations), person.c (the people chooser and the person view),
 * timeline.c (the timeline cursor) and command.c (the : commands).
 */
#ifndef FONDS_BROWSE_INTERNAL_H
#define FONDS_BROWSE_INTERNAL_H

#include "fonds/browse.h"

/* One place of the history: the list (query, order, window, counts),
 * the current document, and the views with their states, whole. */
struct browse_place {
	char *search;
	struct query *filters;
	int rank_pref, rank_capped;
	unsigned long gen;
	int have_top;
	struct page_pos top;
	size_t sel;
	long long top_index;
	int top_exact;
	long long total;
	int total_exact;
	int64_t cur;
	int cur_outside;
	struct browse_views v;
};

/* Relations are cached for two documents: the related view's and the
 * preview beside it. */
#define REL_SLOTS 2

struct rel_slot {
	int64_t key;
	int full;
	struct relation *v;
	size_t n;
	unsigned long used;  /* for replacing the least recently used */
};

/* What the model reads once and keeps while it is current. */
struct browse_cache {
	struct doc *doc;                 /* the document read last */
	struct rel_slot rel[REL_SLOTS];
	unsigned long rel_clock;
	struct person_info *pinfo;       /* facts of v.person.name */
	struct rows person_rows;         /* first documents of person_rows_of */
	char *person_rows_of;
	size_t person_rows_want;
	/* the timeline's span of list tl_gen (valid when tl_read) and its
	 * undated documents (browse_timeline_span) */
	unsigned long tl_gen;
	int tl_read;
	int32_t tl_first, tl_last;
	long long tl_undated;
};

/* Ranking sorts every match (bm25 over all of them), so a search with
 * more matches than this is shown in date order, which streams from the
 * index: no key pays for the number of matches. */
#define BROWSE_RANK_MAX 5000

/* state.c */
int browse_blank(const char *s);
void browse_views_copy(struct browse_views *dst, const struct browse_views *src);
void browse_views_clear(struct browse_views *v);

/* list.c */
struct page_pos browse_row_pos(const struct row *r);
void browse_rows_replace(struct rows *dst, struct rows *src);
void browse_check_rank_cap(struct browse *b);
int browse_fetch_window(struct browse *b, const struct page_pos *pos,
                        int inclusive, struct rows *out, size_t *before,
                        struct err *e);
int browse_load_start(struct browse *b, struct err *e);
void browse_rebuild_query(struct browse *b);
/* Count the list (b->total, b->total_exact); -1 when a key or a signal
 * cut it short. */
int browse_count_total(struct browse *b);
int browse_requery(struct browse *b, int64_t keep, struct err *e);
int64_t browse_list_key(const struct browse *b);
void browse_follow_list(struct browse *b);
/* browse_list_seek; at_top: read the window from key even when it holds
 * key already (a jump to a date puts it first). */
int browse_list_seek_at(struct browse *b, int64_t key, int at_top,
                        struct err *e);

/* history.c */
void browse_change_begin(struct browse *b);
void browse_change_end(struct browse *b);
void browse_place_clear(struct browse_place *h);
void browse_place_take(const struct browse *b, struct browse_place *h);

/* jump.c */
void browse_set_flag(struct browse *b, int64_t key, unsigned flag, int on);
void browse_cache_free(struct browse_cache *c);

/* filters.c */
size_t browse_drop_dates(struct browse *b);
/* Empty the search and the filters (the list is not read again). */
void browse_drop_query(struct browse *b);

/* timeline.c */
int browse_focus_date(struct browse *b, struct date *d);

#endif
