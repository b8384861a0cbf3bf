#include "CNcurses.h"
#include <locale.h>
#include <signal.h>
#include <stdio.h>

static volatile sig_atomic_t caught_signal = 0;
/* Where escape sequences curses does not send itself go: the terminal curses draws on. */
static FILE *terminal_out = NULL;

int replay_open_terminal(const char *tty_path) {
    if (tty_path == NULL) {
        terminal_out = stdout;
        return initscr() == NULL ? -1 : 0;
    }
    FILE *out = fopen(tty_path, "w");
    FILE *in = fopen(tty_path, "r");
    if (out == NULL || in == NULL) {
        if (out) fclose(out);
        if (in) fclose(in);
        return -1;
    }
    SCREEN *screen = newterm(NULL, out, in);
    if (screen == NULL) return -1;
    set_term(screen);
    terminal_out = out;
    return 0;
}

void replay_setup_locale(void) { setlocale(LC_ALL, ""); }
WINDOW *replay_stdscr(void) { return stdscr; }
int replay_cols(void) { return COLS; }
int replay_lines(void) { return LINES; }
int replay_colors(void) { return COLORS; }
int replay_color_pairs(void) { return COLOR_PAIRS; }
attr_t replay_attribute_bold(void) { return A_BOLD; }
attr_t replay_attribute_dim(void) { return A_DIM; }
attr_t replay_attribute_underline(void) { return A_UNDERLINE; }
attr_t replay_attribute_reverse(void) { return A_REVERSE; }

int replay_read(int timeout_ms, wint_t *code) {
    timeout(timeout_ms);
    return get_wch(code);
}

void replay_enable_mouse(void) {
    mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
    /* Ask for SGR (1006) reports whatever the terminfo entry says: the old encoding cannot
       say a column past 223. Curses decodes them where its entry expects them (kmous=\E[<);
       elsewhere CursesTerminal's SGRMouseDecoder reads them from the characters. */
    fputs("\033[?1000h\033[?1006h", terminal_out);
    fflush(terminal_out);
}

void replay_disable_mouse(void) {
    mousemask(0, NULL);
    /* Make sure the terminal itself stops reporting, whatever curses believes. */
    fputs("\033[?1000l\033[?1002l\033[?1006l", terminal_out);
    fflush(terminal_out);
}

int replay_mouse(int *x, int *y, unsigned long *buttons) {
    MEVENT event;
    if (getmouse(&event) != OK) return -1;
    *x = event.x;
    *y = event.y;
    *buttons = (unsigned long)event.bstate;
    return 0;
}

unsigned long replay_button1_pressed(void) { return BUTTON1_PRESSED; }
unsigned long replay_button1_clicked(void) { return BUTTON1_CLICKED; }
unsigned long replay_wheel_up(void) { return BUTTON4_PRESSED; }
unsigned long replay_wheel_down(void) { return BUTTON5_PRESSED; }

static void remember_signal(int number) { caught_signal = number; }

void replay_catch_signals(void) {
    struct sigaction action;
    action.sa_handler = remember_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    /* A parent may have left these blocked (the mask is inherited); unblocked, a resize
       reaches curses and a quit request reaches us. */
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGTERM);
    sigaddset(&wanted, SIGHUP);
    sigaddset(&wanted, SIGINT);
    sigaddset(&wanted, SIGWINCH);
    sigprocmask(SIG_UNBLOCK, &wanted, NULL);
}

int replay_take_signal(void) {
    int number = caught_signal;
    caught_signal = 0;
    return number;
}

void replay_put(int y, int x, const char *text, attr_t attributes, short pair) {
    attr_set(attributes, pair, NULL);
    mvaddstr(y, x, text);
}
