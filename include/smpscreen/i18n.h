/* SPDX-License-Identifier: ISC */
/* gettext wiring: `_()` marks and translates user-visible strings, `N_()` only marks. */
#ifndef SMPSCREEN_I18N_H
#define SMPSCREEN_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#endif
#define N_(s) (s)

#endif
