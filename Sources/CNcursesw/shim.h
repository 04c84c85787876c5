#ifndef SHOUHU_CNCURSESW_SHIM_H
#define SHOUHU_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D flags, so wide-character curses must be requested here.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <stdio.h>
#include <ncurses.h>

// Function-like macros and globals that Swift cannot import (or rejects in Swift 6 mode).
static inline WINDOW *shouhu_stdscr(void) { return stdscr; }
static inline int shouhu_lines(void) { return LINES; }
static inline int shouhu_cols(void) { return COLS; }
static inline int shouhu_colors(void) { return COLORS; }
static inline attr_t shouhu_a_bold(void) { return A_BOLD; }
static inline attr_t shouhu_a_reverse(void) { return A_REVERSE; }
static inline attr_t shouhu_a_underline(void) { return A_UNDERLINE; }
static inline attr_t shouhu_a_dim(void) { return A_DIM; }
static inline attr_t shouhu_a_normal(void) { return A_NORMAL; }
static inline int shouhu_key_f(int n) { return KEY_F(n); }
static inline attr_t shouhu_color_pair(int n) { return COLOR_PAIR(n); }
#endif
