/* SPDX-License-Identifier: ISC */
/* gettext wiring: `_()` marks and translates user-visible strings, `P_()` those with a
 * number (plural forms), `N_()` only marks. */
#ifndef SMPSCREEN_I18N_H
#define SMPSCREEN_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#define P_(one, many, n) ngettext(one, many, n)
#else
#define _(s) (s)
#define P_(one, many, n) ((n) == 1 ? (one) : (many))
#endif
#define N_(s) (s)

#endif
