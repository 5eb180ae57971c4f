#ifndef STUDYSPOT_CNCURSESW_SHIM_H
#define STUDYSPOT_CNCURSESW_SHIM_H
/* SwiftPM drops pkg-config's -D flags, so the wide API must be asked for here. */
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncurses.h>
#endif
