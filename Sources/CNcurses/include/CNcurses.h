#ifndef REPLAY_CNCURSES_H
#define REPLAY_CNCURSES_H

#define NCURSES_WIDECHAR 1
#if defined(__APPLE__)
#include <curses.h>  /* macOS ships ncurses with wide characters as plain curses */
#else
#include <ncursesw/curses.h>
#endif
#include <wchar.h>

/// The C bridge to ncursesw. Swift 6 rejects C globals (stdscr, COLS, LINES, COLORS) and
/// cannot call macros (A_BOLD and the other attributes, the mouse button masks), so they are wrapped here.

/// setlocale(LC_ALL, "") so that curses draws UTF-8.
void replay_setup_locale(void);

/// Starts curses on the process's terminal (initscr), or, given a path such as /dev/tty,
/// on that terminal while standard input stays free for a trace read from a pipe.
/// Returns 0, or -1 when the terminal cannot be opened.
int replay_open_terminal(const char *tty_path);

WINDOW *replay_stdscr(void);
int replay_cols(void);
int replay_lines(void);
int replay_colors(void);
int replay_color_pairs(void);
attr_t replay_attribute_bold(void);
attr_t replay_attribute_dim(void);
attr_t replay_attribute_underline(void);
attr_t replay_attribute_reverse(void);

/// Reads one key or character, waiting at most `timeout_ms` (-1: forever).
/// Returns ERR on timeout, KEY_CODE_YES with a curses key code in *code, or OK with a character.
int replay_read(int timeout_ms, wint_t *code);

/// Turns mouse reporting on (clicks and wheel).
void replay_enable_mouse(void);
/// Turns mouse reporting off (also sent on exit so the terminal stops reporting).
void replay_disable_mouse(void);
/// After KEY_MOUSE: the event's cell and button state. Returns 0 when there is one.
int replay_mouse(int *x, int *y, unsigned long *buttons);
unsigned long replay_button1_pressed(void);
unsigned long replay_button1_clicked(void);
unsigned long replay_wheel_up(void);
unsigned long replay_wheel_down(void);

/// Catches SIGTERM, SIGHUP and SIGINT into a flag instead of dying with the terminal raw.
void replay_catch_signals(void);
/// The signal caught since the last call, or 0.
int replay_take_signal(void);

/// Writes a UTF-8 string at (y, x) with a curses attribute word.
void replay_put(int y, int x, const char *text, attr_t attributes, short pair);

#endif
