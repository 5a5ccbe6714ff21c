/* Reports of an outcome: text for people (72 columns, UTF-8 or ASCII) and JSON. */
#ifndef SMPSCREEN_REPORT_H
#define SMPSCREEN_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "smpscreen/answers.h"
#include "smpscreen/outcome.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/rules.h"
#include "smpscreen/settings.h"
#include "smpscreen/strbuf.h"

struct report_input {
	const struct questionnaire *qn;
	const struct ruleset *rs;
	const struct settings *st;
	const struct answers *ans;
	const struct outcome *oc;
};

struct report_opts {
	bool ascii;   /* only ASCII bytes in the output */
	size_t width; /* columns; 0 means 72 */
};

/* Appends the text report. Same inputs give the same bytes. */
void report_write_text(struct strbuf *out, const struct report_input *in,
    const struct report_opts *opts);
/* Appends the JSON report (one object, keys in a fixed order, a final newline). */
void report_write_json(struct strbuf *out, const struct report_input *in);

#endif
