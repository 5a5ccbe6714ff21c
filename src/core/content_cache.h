/* SPDX-License-Identifier: ISC */
/*
 * The content cache: the questionnaire and rules as loaded, kept in a private folder under
 * the name of the SHA-256 of their files' bytes, so that a run whose content has not changed
 * skips libconfig's parse and the checks (about half of a screening's start-up). It is only
 * an optimisation: any trouble with it (no folder, a damaged or foreign file) means a normal
 * load, never an error. `check` does not use it, so that it always shows every warning.
 */
#ifndef SMPSCREEN_CONTENT_CACHE_H
#define SMPSCREEN_CONTENT_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "smpscreen/questionnaire.h"
#include "smpscreen/rules.h"
#include "smpscreen/strbuf.h"

/* Change with anything that changes what the loaders produce or how this file stores it:
 * a cache of another format is never read. */
#define CONTENT_CACHE_FORMAT 1
/* Cache files kept in the folder; the oldest beyond are removed when one is written. */
#define CONTENT_CACHE_KEEP 8

/* What a cache file is for: the two files' hashes and the name derived from them. */
struct content_key {
	char qn_sha[65], rs_sha[65]; /* hex SHA-256 of the questionnaire's and rules' bytes */
	/* hex SHA-256 of both hashes, the program's version, CONTENT_CACHE_FORMAT and
	 * sizeof(long): the file is content-HEX.bin */
	char hex[65];
};

/* Fills k->hex from k->qn_sha and k->rs_sha. */
/* The GNU build ids of the program and of libconfig in hex, joined by "+", part of every key
 * (content_cache.c says why); a part is empty when the linker gave its object none. */
const char *content_cache_build_id(void);
void content_cache_key(struct content_key *k);

/* The cache folder ($XDG_CACHE_HOME/smpscreen, else $HOME/.cache/smpscreen), made 0700 when
 * missing and checked private; NULL when there is none to use (SMPSCREEN_CACHE=off, neither
 * variable an absolute path, a folder that cannot be made or is not private). Caller frees. */
char *content_cache_dir(void);

/* Writes the compiled form of qn and rs (every field the files gave, none derived) for key
 * k into out (appended). */
void content_cache_encode(const struct questionnaire *qn, const struct ruleset *rs,
    const struct content_key *k, struct strbuf *out);
/* Reads back what content_cache_encode wrote for k: 0 and *qn, *rs (caller frees; their
 * paths qn_path and rs_path, their hashes from k, indexes and conditions rebuilt), or -1
 * when the bytes are not exactly a cache of k's content (damaged, cut, another key or
 * format, an index out of range, a condition that does not parse), with nothing to free. */
int content_cache_decode(const char *data, size_t len, const struct content_key *k,
    const char *qn_path, const char *rs_path, struct questionnaire **qn, struct ruleset **rs);

/* The checksum that ends a cache file, of the len bytes before it. Public for the tests and
 * the fuzz target, which seal altered files again so that the checks behind it are met. */
uint64_t content_cache_checksum(const void *data, size_t len);

/* One load through the cache. */
struct content_cache;

/* Reads the two files and hashes them. NULL when the cache is not to be used: no folder (as
 * content_cache_dir), or a file that cannot be read or that the loaders refuse whole (too
 * large, a NUL byte): the caller loads as usual, and the error is the usual one. */
struct content_cache *content_cache_open(const char *qn_path, const char *rs_path);
/* The bytes read of the questionnaire (which 0) or the rules (1), NUL-terminated. */
const char *content_cache_text(const struct content_cache *cc, int which);
/* Their hex SHA-256. */
const char *content_cache_sha(const struct content_cache *cc, int which);
/* The cached content for these bytes: 0 and *qn, *rs (caller frees), else -1. */
int content_cache_get(struct content_cache *cc, struct questionnaire **qn, struct ruleset **rs);
/* Stores qn and rs, which were loaded from cc's bytes without any diagnostic. Failures are
 * ignored (the next run loads as usual). */
void content_cache_put(struct content_cache *cc, const struct questionnaire *qn,
    const struct ruleset *rs);
/* Accepts NULL. */
void content_cache_close(struct content_cache *cc);

#endif
