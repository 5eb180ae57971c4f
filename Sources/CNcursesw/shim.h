#ifndef STUDYSPOT_CNCURSESW_SHIM_H
#define STUDYSPOT_CNCURSESW_SHIM_H
/* SwiftPM drops pkg-config's -D flags, so the wide API must be asked for here. */
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncurses.h>
#include <termios.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* Attribute macros Swift cannot import. */
static const attr_t SS_A_NORMAL = A_NORMAL;
static const attr_t SS_A_BOLD = A_BOLD;
static const attr_t SS_A_DIM = A_DIM;
static const attr_t SS_A_UNDERLINE = A_UNDERLINE;
static const attr_t SS_A_REVERSE = A_REVERSE;
static const attr_t SS_A_ITALIC = A_ITALIC;
static const attr_t SS_A_STANDOUT = A_STANDOUT;

static const int SS_OK = OK;
static const int SS_ERR = ERR;
static const int SS_CCHARW_MAX = CCHARW_MAX;

static inline int ss_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int ss_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline int ss_KEY_F(int n) { return KEY_F(n); }
static inline int ss_COLORS(void) { return COLORS; }
static inline int ss_COLOR_PAIRS(void) { return COLOR_PAIRS; }
static inline WINDOW *ss_stdscr(void) { return stdscr; }
static inline WINDOW *ss_curscr(void) { return curscr; }

/* Sets attributes and an extended colour pair (pairs above 32767 go through opts). */
static inline int ss_wattr_set_pair(WINDOW *w, attr_t a, int pair) {
    return wattr_set(w, a, (short)(pair > 32767 ? 0 : pair), &pair);
}

/* Writes one cluster (up to CCHARW_MAX wide chars, spacing char first) with attributes and pair. */
static inline int ss_mvwadd_cluster(WINDOW *w, int y, int x, const wchar_t *wcs, attr_t a, int pair) {
    cchar_t c;
    if (setcchar(&c, wcs, a, (short)(pair > 32767 ? 0 : pair), &pair) != OK) return ERR;
    return mvwadd_wch(w, y, x, &c);
}

/* Terminal size from the kernel, for SIGWINCH handling outside ncurses' own handler. */
static inline int ss_winsize(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    *rows = ws.ws_row; *cols = ws.ws_col;
    return 0;
}
#endif
