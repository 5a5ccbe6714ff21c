/* SPDX-License-Identifier: ISC */
/* Program messages: `_()` marks and translates a user-visible string, `P_()` one with a
 * number (plural forms), `N_()` only marks (xgettext finds all three, locales/Makevars).
 * The translation comes from lang.h, in the language the run chose; the texts of the
 * questionnaire and rules are not messages and go through ctext.h instead. */
#ifndef SMPSCREEN_I18N_H
#define SMPSCREEN_I18N_H

#include "smpscreen/lang.h"

#define _(s) lang_msg(s)
#define P_(one, many, n) lang_nmsg(one, many, (unsigned long)(n))
#define N_(s) (s)

#endif
