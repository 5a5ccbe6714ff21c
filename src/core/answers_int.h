/* SPDX-License-Identifier: ISC */
/* What the answers loader shares with the modules that read and write the other groups of
 * an answers file (review.c). Private to the core. */
#ifndef SMPSCREEN_ANSWERS_INT_H
#define SMPSCREEN_ANSWERS_INT_H

#include <stdbool.h>

#include "cfg.h"
#include "smpscreen/answers.h"

/* "YYYY-MM-DDTHH:MM:SS+HH:MM" (or Z), a real date and time. */
bool answers_valid_timestamp(const char *s);
/* One metadata string of group into *field: one clean line of at most 200 bytes. */
void answers_read_meta(struct cfg_ctx *cx, const config_setting_t *group, const char *key,
    const char *owner, char **field);
/* One answer to q as an answers file gives it (an option value, a list, a number, text). */
void answers_read_value(struct cfg_ctx *cx, const config_setting_t *s, const struct question *q,
    struct answer *out);
/* The `review` group of root, if any, against a's questionnaire and effective answers. */
void review_read(struct cfg_ctx *cx, const config_setting_t *root, struct answers *a);
/* libconfig syntax for a string, and for an answer to q (as answers_write writes them). */
void answers_write_string(struct strbuf *out, const char *s);
void answers_write_value(struct strbuf *out, const struct question *q, const struct answer *v);

#endif
