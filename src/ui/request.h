/* request.h - every request a key can make, in one table.
 *
 * REQ_INFO(X) yields, for each request, its enum name, the name used in
 * fondsrc ("move-down"), a short label for the key hint line, and the line
 * of help text. The enum, the config parser, the hint line and the help
 * view are all generated from it, so help never goes stale.
 */
#ifndef FONDS_UI_REQUEST_H
#define FONDS_UI_REQUEST_H

#define REQ_INFO(X) \
	X(MOVE_DOWN, "move-down", "down", "Move down a line (the next period in the timeline)") \
	X(MOVE_UP, "move-up", "up", "Move up a line (the previous period in the timeline)") \
	X(MOVE_LEFT, "move-left", "left", "Previous period in the timeline") \
	X(MOVE_RIGHT, "move-right", "right", "Next period in the timeline") \
	X(PAGE_DOWN, "page-down", "page", "Page down (a larger step in the timeline)") \
	X(PAGE_UP, "page-up", "page up", "Page up (a larger step back in the timeline)") \
	X(MOVE_FIRST, "move-first", "first", "Go to the first line") \
	X(MOVE_LAST, "move-last", "last", "Go to the last line") \
	X(ENTER, "enter", "open", "Open the selected document or person; narrow to the period; choose") \
	X(FOCUS, "focus", "pane", "Switch between the list and the document") \
	X(BACK, "back", "back", "Go back to where the last jump or change of the list came from") \
	X(FORWARD, "forward", "forward", "Go forward again after going back") \
	X(PREV_TIME, "prev-in-time", "earlier", "Previous document in time, ignoring filters") \
	X(NEXT_TIME, "next-in-time", "later", "Next document in time, ignoring filters") \
	X(SEARCH, "search", "search", "Search; the list updates as you type") \
	X(FIND_NEXT, "find-next", "next match", "Next match of the search in the document") \
	X(FIND_PREV, "find-prev", "prev match", "Previous match of the search in the document") \
	X(NEXT_REF, "next-reference", "next ref", "Document: select the next footnote mark, note or cross-reference; Enter follows it, Backspace comes back") \
	X(PREV_REF, "prev-reference", "prev ref", "Document: select the previous footnote mark, note or cross-reference") \
	X(COMMAND, "command", "command", "Type a command: goto, open, filter, person, clear, sort, help, quit") \
	X(TIMELINE, "timeline", "timeline", "Show the timeline of the current list") \
	X(RELATED, "related", "related", "List the documents related to this one") \
	X(PEOPLE, "people", "people", "Show one of the document's people (a chooser when several)") \
	X(PERSON_DOCS, "person-documents", "documents", "List this person's documents (replacing search and filters)") \
	X(FILTERS, "filters", "filters", "Show the search, the active filters and the facets") \
	X(CLEAR, "clear-filters", "clear", "Clear the search and every filter") \
	X(WIDEN, "widen", "widen", "Widen the list back from a period to every date") \
	X(ZOOM_IN, "zoom-in", "zoom in", "Timeline: zoom in, years to months to days") \
	X(ZOOM_OUT, "zoom-out", "zoom out", "Timeline: zoom out, days to months to years") \
	X(SORT, "toggle-sort", "sort", "Switch between date and relevance order while searching") \
	X(BOOKMARK, "bookmark", "bookmark", "Bookmark the document, or remove its bookmark") \
	X(TOGGLE_READ, "toggle-read", "read", "Mark the document read, or unread again") \
	X(EDIT_NOTE, "edit-note", "note", "Edit the document's note in $VISUAL, else $EDITOR, else vi") \
	X(TAG, "tag", "tag", "Tag the document: the : prompt with \"tag \" (untag NAME takes one off)") \
	X(CITE, "cite", "cite", "Show the document's citation and copy it (OSC 52 with set osc52 on, else a file)") \
	X(OPEN_URL, "open-url", "open URL", "Open the document's address in $BROWSER, else xdg-open") \
	X(PAGE_TEXT, "page-text", "pager", "Read the whole text in $PAGER, else less") \
	X(PIPE, "pipe", "pipe", "Pipe the whole text to a command typed at the prompt (no shell)") \
	X(VISUAL, "visual", "select", "Document: select lines (j/k extend, V or Enter saves an excerpt, q cancels)") \
	X(TEXT, "switch-text", "text", "Document: switch between its summary and text, the original transcript and the translation") \
	X(REMOVE, "remove", "remove", "Filters: remove the selected filter") \
	X(HELP, "help", "help", "Show every key") \
	X(FULL_WIDTH, "full-width", "full width", "Document: across the whole screen, or beside the list again (wide screens)") \
	X(LAYOUT, "toggle-layout", "layout", "The list alone (a document opens on Enter), or the list beside the document") \
	X(REDRAW, "redraw", "redraw", "Redraw the whole screen") \
	X(QUIT, "quit", "quit", "Close the view; quit from the list") \
	X(QUIT_ALL, "quit-all", "quit all", "Quit at once")

enum request {
	REQ_NONE,
#define REQ_ENUM_(id, name, label, help) REQ_##id,
	REQ_INFO(REQ_ENUM_)
#undef REQ_ENUM_
	REQ_COUNT
};

#endif
