#!/bin/sh
# browse_search.sh - the search prompt (live, debounced), invalid queries,
# the command line with history and completion, the filter pane, Ctrl-C.
. "${FONDS_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_init

e2e_start 100 30
e2e_wait ' list  1/44'
e2e_keys /
e2e_type 'Pueblo'
e2e_wait ' list  1/1 .*/Pueblo'
ok_status $? "the list follows the search as it is typed, before Enter"
e2e_screen | grep -q '^/Pueblo'
ok_status $? "the prompt shows what is typed"
e2e_keys Enter
e2e_wait '1 found'
ok_status $? "Enter: 1 found"
e2e_screen | grep -q '^1968-01-29 .*Record of Conversation'
ok_status $? "a search for Pueblo finds the 1968 conversation"
e2e_screen | grep -q 'by relevance'
ok_status $? "sorted by relevance while searching"
e2e_screen -e | grep -q '.\[[0-9;]*mPueblo'
ok_status $? "the match is highlighted in the detail"
e2e_keys Enter
e2e_wait ' document '
e2e_keys n
e2e_wait 'match 1/2$'
ok_status $? "n: the first of the two matches, counted"
e2e_keys n
e2e_wait 'match 2/2$'
ok_status $? "n: the second"
e2e_keys n
e2e_wait 'match 1/2 \(wrapped to the first\)'
ok_status $? "n at the last wraps to the first, and says so"
e2e_keys q

# an invalid query: a message in the status line, the prompt stays open
e2e_keys /
e2e_keys C-u
e2e_type 'persn:Kim'
e2e_keys Enter
e2e_wait "$E2E_STATUS.*unknown field"
ok_status $? "an invalid query: a message in the status line"
e2e_screen | grep -q '^/persn:Kim'
ok_status $? "and the prompt stays open to fix it"
e2e_keys Escape
e2e_wait 'Cancelled'
ok_status $? "Esc cancels"
e2e_wait ' list  1/1 .*/Pueblo'
ok_status $? "the earlier search is back"

# Ctrl-C cancels a prompt and never kills the program
e2e_keys /
e2e_type 'Kim'
e2e_keys C-c
e2e_wait 'Cancelled'
ok_status $? "Ctrl-C cancels the prompt"
e2e_alive
ok_status $? "and the browser is still running"
e2e_keys C-c
sleep 0.3
e2e_alive
ok_status $? "Ctrl-C outside a prompt does not quit"

# rank and date order
e2e_keys /
e2e_keys C-u
e2e_type 'Kim'
e2e_keys Enter
e2e_wait '[0-9]+ found'
ok_status $? "a search for Kim"
e2e_keys s
e2e_wait 'by date'
ok_status $? "s switches to date order"
e2e_keys g
sleep 0.3
first=$(e2e_screen | head -n 1 | cut -c1-10)
[ "$first" = 1949-09-24 ] || [ "$first" = 1950-07-08 ]
ok_status $? "in date order the earliest comes first ($first)"
e2e_keys s
e2e_wait 'by relevance'
ok_status $? "s again: relevance"
e2e_keys /
e2e_keys C-u Enter
e2e_wait ' list  [0-9]+/44'
ok_status $? "an empty search shows everything"

# the command line: completion and history
e2e_keys :
e2e_type 'fi'
e2e_keys Tab
e2e_wait '^:filter *$'
ok_status $? "Tab completes a command"
e2e_type 'pe'
e2e_keys Tab
e2e_wait '^:filter person *$'
ok_status $? "Tab completes a field"
e2e_type 'Kim I'
e2e_keys Tab
e2e_wait '^:filter person Kim Il Sung'
ok_status $? "Tab completes a name from the facet"
e2e_keys Enter
e2e_wait '\[person:'
ok_status $? "the filter is in the status line"
# the count may follow the filter by a moment (a sanitizer build)
e2e_wait "$E2E_STATUS  *[0-9]+/[0-9]+ .*\\[person:"
n=$(e2e_screen | grep -E "$E2E_STATUS" | sed -n 's/.* [0-9]*\/\([0-9]*\).*/\1/p')
[ -n "$n" ] && [ "$n" -lt 44 ] && [ "$n" -gt 5 ]
ok_status $? "the list is narrowed ($n documents)"
e2e_keys c
e2e_wait 'Filters cleared'
ok_status $? "c clears the filters"
e2e_wait ' list  [0-9]+/44'
ok_status $? "everything again"
e2e_keys : Up
e2e_wait '^:filter person Kim Il Sung'
ok_status $? "Up recalls the last command"
e2e_keys Escape
e2e_keys :
e2e_type 'nonsense'
e2e_keys Enter
e2e_wait 'unknown command'
ok_status $? "an unknown command: a message"

# the filter pane: facets with counts, toggling narrows at once
e2e_keys f
e2e_wait 'Active filters'
ok_status $? "f shows the filter pane"
e2e_screen | grep -q 'People'
ok_status $? "with people"
e2e_keys G
e2e_wait 'Decades'
ok_status $? "and decades, further down"
e2e_screen | grep -Eq '\[ \] 1950s +[0-9]+'
ok_status $? "with counts"
# move to the first person and toggle it
e2e_keys g j
e2e_keys Enter
e2e_wait '\[person:'
ok_status $? "Enter on a person narrows the list at once"
e2e_screen | grep -q '\[x\]'
ok_status $? "and marks it chosen"
e2e_keys x
e2e_wait 'No longer only'
ok_status $? "x removes it"
e2e_keys f
e2e_wait ' list '
ok_status $? "f closes the pane"
e2e_keys Q
st=$(e2e_exited)
[ "$st" = 0 ]
ok_status $? "quits ($st)"

done_testing
