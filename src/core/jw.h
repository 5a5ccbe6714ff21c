/* SPDX-License-Identifier: ISC */
/*
 * A streaming JSON writer for the per-file reports (JSON, JSON Lines, the FHIR Bundle):
 * values are appended to a strbuf as they are given, with no tree, in exactly the bytes
 * jansson's json_dumps() writes with JSON_INDENT(n) or JSON_COMPACT (what the reports wrote
 * before), so that their readers see no change. Private to the core.
 *
 * The caller gives a well-formed sequence: a key before every value inside an object, none
 * inside an array, every container closed, then jw_finish. Keys are the contract's ids
 * (checked by the loaders) and are escaped, not sanitised; string values are sanitised as
 * jout_str does.
 */
#ifndef SMPSCREEN_JW_H
#define SMPSCREEN_JW_H

#include <stdbool.h>
#include <stddef.h>

#include "smpscreen/strbuf.h"

struct jw {
	struct strbuf *out;
	unsigned indent; /* spaces a level; 0: JSON_COMPACT */
	unsigned base;   /* the depth the first value is written at */
	unsigned depth;  /* base + containers open */
	bool first;      /* the open container has nothing yet */
	bool keyed;      /* a key was written: its value comes next, with no separator */
	/* What is written goes here first and to out a buffer at a time: a report is
	 * thousands of small pieces, and a strbuf append costs more than most of them. */
	size_t n;
	char buf[2048];
};

/* Starts a value written into out as json_dumps() would with JSON_INDENT(indent), or
 * JSON_COMPACT when indent is 0; depth: how deep in an enclosing document the value sits
 * (its lines are indented for that depth; 0 for a document of its own). */
void jw_init(struct jw *w, struct strbuf *out, unsigned indent, unsigned depth);
/* Appends what is still buffered to out, and zeroes the buffer (it held patient data).
 * out holds the whole value only after this; w may then be started again. */
void jw_finish(struct jw *w);

void jw_object(struct jw *w);
void jw_object_end(struct jw *w);
void jw_array(struct jw *w);
void jw_array_end(struct jw *w);
/* The key of the next value in the open object. */
void jw_key(struct jw *w, const char *key);
/* A string: invalid UTF-8, C0 controls but LF (TAB becomes a space), DEL, C1 controls and
 * bidi overrides/isolates removed, as text_sanitize(s, len, 0, true) does, since what reads
 * the report may show it on a terminal. */
void jw_str(struct jw *w, const char *s);
/* jw_str(s), or null when s is NULL. */
void jw_str_or_null(struct jw *w, const char *s);
void jw_int(struct jw *w, long long v);
void jw_bool(struct jw *w, bool v);
void jw_null(struct jw *w);
/* A value written already, by a writer started with this one's indent at its depth: one
 * written before its place in the document was known (FHIR hashes a resource before the
 * entry that holds it). */
void jw_raw(struct jw *w, const char *json, size_t len);

/* The JSON text json (len bytes, as jw writes it, indented or not) with the whitespace
 * between its tokens removed: the JSON_COMPACT form of the same value. Caller frees, and
 * zeroes it first when it holds patient data. */
char *jw_compact(const char *json, size_t len);

#endif
