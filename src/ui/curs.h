/* curs.h - include the wide-character curses header wherever it is. */
#ifndef FONDS_UI_CURS_H
#define FONDS_UI_CURS_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#if defined(HAVE_NCURSESW_CURSES_H)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

#endif
