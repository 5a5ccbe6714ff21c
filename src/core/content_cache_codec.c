/* SPDX-License-Identifier: ISC */
/*
 * What a content cache file holds (content_cache.h): its key, and its encoding. A file is
 *
 *   magic, format (u32), the key's hex (64 bytes), the questionnaire, the rules,
 *   a checksum (u64) of everything before it
 *
 * in a fixed little-endian layout: a u32 count before every array, a u32 length before every
 * string (0xffffffff: NULL), i64 for longs, i32 for lines, u8 for enums and booleans. Only what
 * the files say is stored; the id indexes and the parsed conditions are rebuilt by the
 * loaders' own functions (loader.h). Reading trusts nothing: every count is bounded by the
 * bytes left, every enum and index is checked against what it names, and the checksum turns
 * away a file damaged on disk, since a changed text would otherwise pass every other check.
 * It is a check against accidents, not against an attacker: the folder is private.
 */
#include "config.h"

#include <elf.h>
#include <link.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "content_cache.h"
#include "expr.h"
#include "idindex.h"
#include "loader.h"
#include "sha256.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

static const char magic[16] = "smpscreen-cache\n";

#define NO_STRING 0xffffffffu

/*
 * A tripwire for the one way this file can silently go wrong: a field added to a loaded
 * structure and not stored here, which a cached load would then leave zero. When a size
 * changes, store the new field (encode and decode), bump CONTENT_CACHE_FORMAT, and update
 * the size. Checked where the sizes are known (LP64: every 64-bit Debian architecture).
 */
#if defined(__LP64__)
_Static_assert(sizeof(struct questionnaire) == 152, "struct questionnaire changed: see above");
_Static_assert(sizeof(struct section) == 16, "struct section changed: see above");
_Static_assert(sizeof(struct question) == 144, "struct question changed: see above");
_Static_assert(sizeof(struct choice) == 24, "struct choice changed: see above");
_Static_assert(sizeof(struct ruleset) == 184, "struct ruleset changed: see above");
_Static_assert(sizeof(struct setting_defs) == 24, "struct setting_defs changed: see above");
_Static_assert(sizeof(struct setting_def) == 88, "struct setting_def changed: see above");
_Static_assert(sizeof(struct note) == 32, "struct note changed: see above");
_Static_assert(sizeof(struct refer_target) == 16, "struct refer_target changed: see above");
_Static_assert(sizeof(struct source) == 24, "struct source changed: see above");
_Static_assert(sizeof(struct rule) == 136, "struct rule changed: see above");
#endif

/*
 * The program's GNU build id, in hex: a development build keeps PACKAGE_VERSION while its
 * loaders change what they accept or produce, and a cache written by yesterday's build must
 * not feed today's. The linker computes the id from the program's code and data, so the
 * same build (a reproducible package) keeps its caches and any other gets its own. "" when
 * the program has none (a linker without --build-id): the version and format then decide.
 */
/* The build ids of the program and of the libconfig it runs with: libconfig does the parse
 * the cache stands for, and a new libconfig may read the same bytes otherwise (cfg.c works
 * around what 1.5 does with integers beyond 32 bits), so an upgraded library must not be
 * served what the old one read. "+" joins the two. */
struct build_id {
	char hex[2 * (2 * 64 + 1)];
	bool program_seen;
	char lib[2 * 64 + 1];
};

/* The GNU build id note of one loaded object, in hex into out (2 * 64 + 1 bytes); false when
 * it has none. */
static bool
object_build_id(const struct dl_phdr_info *info, char *out)
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		const unsigned char *p, *end;

		if (ph->p_type != PT_NOTE)
			continue;
		p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
		end = p + ph->p_memsz;
		while ((size_t)(end - p) >= sizeof(ElfW(Nhdr))) {
			const ElfW(Nhdr) *n = (const void *)p;
			size_t name = (n->n_namesz + 3) & ~(size_t)3,
			       desc = (n->n_descsz + 3) & ~(size_t)3;
			const unsigned char *d = p + sizeof *n + name;

			if ((size_t)(end - p) < sizeof *n + name + desc)
				break;
			if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 &&
			    memcmp(p + sizeof *n, "GNU", 4) == 0 && n->n_descsz <= 64) {
				for (size_t k = 0; k < n->n_descsz; k++) {
					out[2 * k] = digits[d[k] >> 4];
					out[2 * k + 1] = digits[d[k] & 0xf];
				}
				out[2 * n->n_descsz] = '\0';
				return true;
			}
			p += sizeof *n + name + desc;
		}
	}
	return false;
}

static int
build_id_note(struct dl_phdr_info *info, size_t size, void *data)
{
	struct build_id *b = data;

	(void)size;
	/* The first object dl_iterate_phdr reports is the program itself. */
	if (!b->program_seen) {
		b->program_seen = true;
		(void)object_build_id(info, b->hex);
		return 0;
	}
	if (info->dlpi_name != NULL && strstr(info->dlpi_name, "/libconfig.so") != NULL) {
		(void)object_build_id(info, b->lib);
		return 1;
	}
	return 0;
}

const char *
content_cache_build_id(void)
{
	static struct build_id b;
	static bool done;

	if (!done) {
		dl_iterate_phdr(build_id_note, &b);
		if (b.lib[0] != '\0') {
			strcat(b.hex, "+");
			strcat(b.hex, b.lib);
		}
		done = true;
	}
	return b.hex;
}

void
content_cache_key(struct content_key *k)
{
	char tail[64 + sizeof(struct build_id)];
	struct sha256 c;
	unsigned char d[32];
	static const char digits[] = "0123456789abcdef";
	int i, n;

	n = snprintf(tail, sizeof tail, "\n%s\n%d\n%zu\n%s\n", PACKAGE_VERSION,
	    CONTENT_CACHE_FORMAT, sizeof(long), content_cache_build_id());
	sha256_begin(&c);
	sha256_add(&c, magic, sizeof magic);
	sha256_add(&c, k->qn_sha, 64);
	sha256_add(&c, "\n", 1);
	sha256_add(&c, k->rs_sha, 64);
	sha256_add(&c, tail, (size_t)n);
	sha256_end(&c, d);
	for (i = 0; i < 32; i++) {
		k->hex[2 * i] = digits[d[i] >> 4];
		k->hex[2 * i + 1] = digits[d[i] & 0xf];
	}
	k->hex[64] = '\0';
}

/* Not cryptographic: each step is a bijection of the state for a given word, so a change in
 * any one 8-byte word always changes the result; a few instructions per word, where a
 * SHA-256 of a cache of 100 KB would cost more than half of what the cache saves. */
static uint64_t
load_le64(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
	    (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	    (uint64_t)p[7] << 56;
}

uint64_t
content_cache_checksum(const void *data, size_t n)
{
	const unsigned char *p = data;
	unsigned char last[8] = { 0 };
	uint64_t h = 0x736d707363616368ULL ^ (uint64_t)n;

	for (; n >= 8; p += 8, n -= 8) {
		h = (h ^ load_le64(p)) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	memcpy(last, p, n);
	h = (h ^ load_le64(last)) * 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 32);
}

/* --- writing ------------------------------------------------------------------------- */

static void
put_u8(struct strbuf *sb, unsigned v)
{
	sb_appendc(sb, (char)(v & 0xff));
}

static void
put_u32(struct strbuf *sb, uint32_t v)
{
	char b[4] = { (char)v, (char)(v >> 8), (char)(v >> 16), (char)(v >> 24) };

	sb_appendn(sb, b, 4);
}

static void
put_u64(struct strbuf *sb, uint64_t v)
{
	put_u32(sb, (uint32_t)v);
	put_u32(sb, (uint32_t)(v >> 32));
}

static void
put_long(struct strbuf *sb, long v)
{
	put_u64(sb, (uint64_t)(int64_t)v);
}

static void
put_int(struct strbuf *sb, int v)
{
	put_u32(sb, (uint32_t)v);
}

static void
put_size(struct strbuf *sb, size_t n)
{
	put_u32(sb, (uint32_t)n);
}

static void
put_str(struct strbuf *sb, const char *s)
{
	size_t n;

	if (s == NULL) {
		put_u32(sb, NO_STRING);
		return;
	}
	n = strlen(s);
	put_u32(sb, (uint32_t)n);
	sb_appendn(sb, s, n);
}

static void
encode_question(struct strbuf *sb, const struct question *q)
{
	size_t i;

	put_str(sb, q->id);
	put_u8(sb, q->type);
	put_str(sb, q->text);
	put_str(sb, q->help);
	put_size(sb, q->n_options);
	for (i = 0; i < q->n_options; i++) {
		put_str(sb, q->options[i].value);
		put_str(sb, q->options[i].label);
		put_str(sb, q->options[i].illustration);
	}
	put_long(sb, q->min);
	put_long(sb, q->max);
	put_str(sb, q->unit);
	put_u64(sb, q->max_length);
	put_str(sb, q->show_if_src);
	put_u8(sb, q->required);
	put_u8(sb, q->allow_unknown);
	put_str(sb, q->unknown_label);
	put_u8(sb, q->unknown_class);
	put_u8(sb, q->audience);
	put_str(sb, q->option_order_reason);
	put_size(sb, q->section);
	put_int(sb, q->line);
}

static void
encode_questionnaire(struct strbuf *sb, const struct questionnaire *qn)
{
	size_t i;

	put_str(sb, qn->id);
	put_int(sb, qn->version);
	put_str(sb, qn->title);
	put_str(sb, qn->url);
	put_size(sb, qn->n_sections);
	for (i = 0; i < qn->n_sections; i++) {
		put_str(sb, qn->sections[i].id);
		put_str(sb, qn->sections[i].title);
	}
	put_size(sb, qn->n_questions);
	for (i = 0; i < qn->n_questions; i++)
		encode_question(sb, &qn->questions[i]);
}

static void
encode_settings(struct strbuf *sb, const struct setting_defs *defs)
{
	const struct setting_def *d;
	size_t i, j;

	put_size(sb, defs->n);
	for (i = 0; i < defs->n; i++) {
		d = &defs->items[i];
		put_str(sb, d->id);
		put_u8(sb, d->type);
		put_long(sb, d->def);
		put_long(sb, d->min);
		put_long(sb, d->max);
		put_size(sb, d->n_values);
		for (j = 0; j < d->n_values; j++)
			put_str(sb, d->values[j]);
		put_str(sb, d->unit);
		put_str(sb, d->text);
		put_long(sb, d->at_least);
		put_int(sb, d->line);
	}
}

static void
encode_rule(struct strbuf *sb, const struct rule *r)
{
	size_t i;

	put_str(sb, r->id);
	put_str(sb, r->when_src);
	put_u8(sb, r->level);
	put_u8(sb, r->patch);
	put_size(sb, r->n_notes);
	for (i = 0; i < r->n_notes; i++)
		put_size(sb, r->notes[i]);
	put_size(sb, r->n_refer_to);
	for (i = 0; i < r->n_refer_to; i++)
		put_size(sb, r->refer_to[i]);
	put_u8(sb, r->come_back.kind);
	put_long(sb, r->come_back.setting);
	put_long(sb, r->come_back.question);
	put_u8(sb, r->come_back.unit);
	put_str(sb, r->come_back.condition);
	put_str(sb, r->reason);
	put_size(sb, r->n_sources);
	for (i = 0; i < r->n_sources; i++)
		put_str(sb, r->sources[i]);
	put_int(sb, r->line);
}

static void
encode_rules(struct strbuf *sb, const struct ruleset *rs)
{
	size_t i;

	put_str(sb, rs->id);
	put_int(sb, rs->version);
	encode_settings(sb, &rs->settings);
	put_size(sb, rs->n_notes);
	for (i = 0; i < rs->n_notes; i++) {
		put_str(sb, rs->notes[i].id);
		put_u8(sb, rs->notes[i].group);
		put_str(sb, rs->notes[i].text);
		put_int(sb, rs->notes[i].line);
	}
	put_size(sb, rs->n_targets);
	for (i = 0; i < rs->n_targets; i++) {
		put_str(sb, rs->targets[i].id);
		put_str(sb, rs->targets[i].label);
	}
	put_size(sb, rs->n_bibliography);
	for (i = 0; i < rs->n_bibliography; i++) {
		put_str(sb, rs->bibliography[i].id);
		put_str(sb, rs->bibliography[i].title);
		put_str(sb, rs->bibliography[i].where);
	}
	put_size(sb, rs->n_rules);
	for (i = 0; i < rs->n_rules; i++)
		encode_rule(sb, &rs->rules[i]);
}

void
content_cache_encode(const struct questionnaire *qn, const struct ruleset *rs,
    const struct content_key *k, struct strbuf *out)
{
	size_t start = out->len;

	sb_appendn(out, magic, sizeof magic);
	put_u32(out, CONTENT_CACHE_FORMAT);
	sb_appendn(out, k->hex, 64);
	encode_questionnaire(out, qn);
	encode_rules(out, rs);
	put_u64(out, content_cache_checksum(out->buf + start, out->len - start));
}

/* --- reading ------------------------------------------------------------------------- */

/* A reader stops at its first problem: every later read gives zero or NULL, and the caller
 * looks at bad once, at the end of a structure. */
struct rd {
	const unsigned char *p, *end;
	bool bad;
};

static bool
need(struct rd *r, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = true;
		return false;
	}
	return true;
}

static uint32_t
get_u32(struct rd *r)
{
	uint32_t v;

	if (!need(r, 4))
		return 0;
	v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 |
	    (uint32_t)r->p[3] << 24;
	r->p += 4;
	return v;
}

static uint64_t
get_u64(struct rd *r)
{
	uint64_t lo = get_u32(r);

	return lo | (uint64_t)get_u32(r) << 32;
}

static long
get_long(struct rd *r)
{
	return (long)(int64_t)get_u64(r);
}

static int
get_int(struct rd *r)
{
	return (int)(int32_t)get_u32(r);
}

/* An enum or boolean no greater than max. */
static unsigned
get_u8(struct rd *r, unsigned max)
{
	unsigned v;

	if (!need(r, 1))
		return 0;
	v = *r->p++;
	if (v > max) {
		r->bad = true;
		return 0;
	}
	return v;
}

static bool
get_bool(struct rd *r)
{
	return get_u8(r, 1) != 0;
}

/* A count of items that take at least min bytes each in the file, and no more than max: a
 * damaged count is refused before it asks for memory in proportion to it (an item in memory
 * is up to 144 bytes). Every item starts with a u32 (a string's length or an index). */
static size_t
get_count(struct rd *r, size_t max, size_t min)
{
	uint32_t n = get_u32(r);

	if (n > max || n > (size_t)(r->end - r->p) / min) {
		r->bad = true;
		return 0;
	}
	return n;
}

/* An index below n. */
static size_t
get_index(struct rd *r, size_t n)
{
	uint32_t i = get_u32(r);

	if (i >= n) {
		r->bad = true;
		return 0;
	}
	return i;
}

/* A string as it is stored, NULL for none, and its stored length in *len (a NUL inside
 * makes strlen() shorter); unchecked. */
static char *
get_raw(struct rd *r, size_t *len)
{
	uint32_t n = get_u32(r);
	char *s;

	*len = 0;
	if (r->bad || n == NO_STRING)
		return NULL;
	if (!need(r, n)) {
		r->bad = true;
		return NULL;
	}
	s = xmalloc((size_t)n + 1);
	memcpy(s, r->p, n);
	s[n] = '\0';
	r->p += n;
	*len = n;
	return s;
}

/*
 * A string as the loaders leave it, or NULL: text they checked (cfg_check_text: UTF-8, no
 * control or bidi override, one line unless lines). The reports, the terminal and the JSON
 * writers take the loaders' word for that, so a cache must not be the way round it: a file
 * written by a faulty build, or changed and sealed again, is refused here like a damaged one.
 * A NUL is a control: a string cut short there would not be the one stored.
 */
static char *
get_str(struct rd *r, bool lines)
{
	size_t len;
	char *s = get_raw(r, &len);

	/* Still returned when refused: the caller's structure owns it, and frees it with the
	 * rest. Checked with its stored length, which strlen() need not find again. */
	if (s != NULL && !text_is_clean_n(s, len, lines))
		r->bad = true;
	return s;
}

/* A string the loaders never leave NULL. */
static char *
get_text(struct rd *r, bool lines)
{
	char *s = get_str(r, lines);

	if (s == NULL)
		r->bad = true;
	return s;
}

/* An id of the form the loaders require (cfg_valid_id): ASCII letters, digits and '_' (and
 * '-' if dash_ok), so clean text as well, and never NULL. A NUL inside ends the id short of
 * its stored length, which the length check refuses. */
static char *
get_id(struct rd *r, bool dash_ok)
{
	size_t len;
	char *s = get_raw(r, &len);

	if (s == NULL || !cfg_valid_id(s, dash_ok) || strlen(s) != len)
		r->bad = true;
	return s;
}

static void
decode_question(struct rd *r, struct question *q, size_t n_sections)
{
	size_t i;

	q->id = get_id(r, false);
	if (q->id != NULL && expr_is_reserved(q->id, strlen(q->id)))
		r->bad = true;
	q->type = get_u8(r, QTYPE_INFO);
	q->text = get_text(r, false);
	q->help = get_str(r, true);
	q->n_options = get_count(r, QUESTION_MAX_OPTIONS, 4);
	q->options = xcalloc(q->n_options, sizeof *q->options);
	for (i = 0; i < q->n_options && !r->bad; i++) {
		q->options[i].value = get_id(r, false);
		/* An option of that value could not be told from a "not sure" answer. */
		if (q->options[i].value != NULL &&
		    strcmp(q->options[i].value, ANSWER_UNKNOWN_VALUE) == 0)
			r->bad = true;
		q->options[i].label = get_text(r, false);
		q->options[i].illustration = get_str(r, true);
	}
	q->min = get_long(r);
	q->max = get_long(r);
	q->unit = get_str(r, false);
	q->max_length = (size_t)get_u64(r);
	q->show_if_src = get_str(r, true);
	q->required = get_bool(r);
	q->allow_unknown = get_bool(r);
	q->unknown_label = get_str(r, false);
	q->unknown_class = get_u8(r, UNKNOWN_PREFERENCE);
	q->audience = get_u8(r, AUDIENCE_CONSULTANT);
	q->option_order_reason = get_str(r, true);
	q->section = get_index(r, n_sections);
	q->line = get_int(r);
	/* The loader gives a label to exactly the questions that allow "not sure". */
	if ((q->unknown_label != NULL) != q->allow_unknown)
		r->bad = true;
}

static struct questionnaire *
decode_questionnaire(struct rd *r)
{
	struct questionnaire *qn = xcalloc(1, sizeof *qn);
	size_t i;

	qn->id = get_text(r, false);
	qn->version = get_int(r);
	qn->title = get_text(r, false);
	qn->url = get_str(r, false);
	if (qn->url != NULL && !questionnaire_valid_url(qn->url))
		r->bad = true;
	qn->n_sections = get_count(r, SIZE_MAX, 8);
	qn->sections = xcalloc(qn->n_sections, sizeof *qn->sections);
	for (i = 0; i < qn->n_sections && !r->bad; i++) {
		qn->sections[i].id = get_id(r, false);
		qn->sections[i].title = get_text(r, false);
	}
	qn->n_questions = get_count(r, SIZE_MAX, 8);
	qn->questions = xcalloc(qn->n_questions, sizeof *qn->questions);
	for (i = 0; i < qn->n_questions && !r->bad; i++)
		decode_question(r, &qn->questions[i], qn->n_sections);
	return qn;
}

static void
decode_settings(struct rd *r, struct setting_defs *defs)
{
	struct setting_def *d;
	size_t i, j;

	defs->n = get_count(r, SIZE_MAX, 8);
	defs->items = xcalloc(defs->n, sizeof *defs->items);
	for (i = 0; i < defs->n && !r->bad; i++) {
		d = &defs->items[i];
		d->id = get_id(r, false);
		d->type = get_u8(r, SETTING_BOOLEAN);
		d->def = get_long(r);
		d->min = get_long(r);
		d->max = get_long(r);
		d->n_values = get_count(r, SETTING_MAX_VALUES, 4);
		d->values = xcalloc(d->n_values, sizeof *d->values);
		for (j = 0; j < d->n_values && !r->bad; j++)
			d->values[j] = get_text(r, false);
		d->unit = get_str(r, false);
		d->text = get_str(r, false);
		d->at_least = get_long(r);
		d->line = get_int(r);
		/* A value is an index into values[] for an enum (settings_format_value). */
		if (d->type == SETTING_ENUM && (d->def < 0 || (size_t)d->def >= d->n_values))
			r->bad = true;
	}
	/* "At least" names another integer setting, possibly a later one. */
	for (i = 0; i < defs->n && !r->bad; i++) {
		d = &defs->items[i];
		if (d->at_least != -1 &&
		    (d->at_least < 0 || (size_t)d->at_least >= defs->n ||
		        (size_t)d->at_least == i || d->type != SETTING_INTEGER ||
		        defs->items[d->at_least].type != SETTING_INTEGER))
			r->bad = true;
	}
}

static void
decode_rule(struct rd *r, struct rule *ru, const struct ruleset *rs, const struct questionnaire *qn)
{
	struct come_back *cb = &ru->come_back;
	size_t i;

	ru->id = get_id(r, true);
	ru->when_src = get_text(r, true);
	ru->level = get_u8(r, LEVEL_UNSUITABLE);
	ru->patch = get_u8(r, PATCH_REQUIRED);
	ru->n_notes = get_count(r, SIZE_MAX, 4);
	ru->notes = xcalloc(ru->n_notes, sizeof *ru->notes);
	for (i = 0; i < ru->n_notes && !r->bad; i++)
		ru->notes[i] = get_index(r, rs->n_notes);
	ru->n_refer_to = get_count(r, SIZE_MAX, 4);
	ru->refer_to = xcalloc(ru->n_refer_to, sizeof *ru->refer_to);
	for (i = 0; i < ru->n_refer_to && !r->bad; i++)
		ru->refer_to[i] = get_index(r, rs->n_targets);
	cb->kind = get_u8(r, COME_BACK_CONDITION);
	cb->setting = get_long(r);
	cb->question = get_long(r);
	cb->unit = get_u8(r, UNIT_YEARS);
	cb->condition = get_str(r, false);
	ru->reason = get_str(r, true);
	ru->n_sources = get_count(r, SIZE_MAX, 4);
	ru->sources = xcalloc(ru->n_sources, sizeof *ru->sources);
	for (i = 0; i < ru->n_sources && !r->bad; i++)
		ru->sources[i] = get_text(r, false);
	ru->line = get_int(r);
	/* A date formula subtracts an integer answer from an integer setting (outcome.c). */
	if (cb->kind == COME_BACK_DATE &&
	    (cb->setting < 0 || (size_t)cb->setting >= rs->settings.n ||
	        rs->settings.items[cb->setting].type != SETTING_INTEGER || cb->question < 0 ||
	        (size_t)cb->question >= qn->n_questions ||
	        qn->questions[cb->question].type != QTYPE_INTEGER))
		r->bad = true;
	if (cb->kind == COME_BACK_CONDITION && cb->condition == NULL)
		r->bad = true;
}

static struct ruleset *
decode_rules(struct rd *r, const struct questionnaire *qn)
{
	struct ruleset *rs = xcalloc(1, sizeof *rs);
	const char *tag;
	size_t i;

	rs->id = get_text(r, false);
	rs->version = get_int(r);
	decode_settings(r, &rs->settings);
	rs->n_notes = get_count(r, SIZE_MAX, 8);
	rs->notes = xcalloc(rs->n_notes, sizeof *rs->notes);
	for (i = 0; i < rs->n_notes && !r->bad; i++) {
		rs->notes[i].id = get_id(r, true);
		rs->notes[i].group = get_u8(r, NOTE_LOGISTICS);
		rs->notes[i].text = get_text(r, true);
		rs->notes[i].line = get_int(r);
	}
	rs->n_targets = get_count(r, SIZE_MAX, 8);
	rs->targets = xcalloc(rs->n_targets, sizeof *rs->targets);
	for (i = 0; i < rs->n_targets && !r->bad; i++) {
		rs->targets[i].id = get_id(r, true);
		rs->targets[i].label = get_text(r, false);
	}
	rs->n_bibliography = get_count(r, SIZE_MAX, 8);
	rs->bibliography = xcalloc(rs->n_bibliography, sizeof *rs->bibliography);
	for (i = 0; i < rs->n_bibliography && !r->bad; i++) {
		tag = rs->bibliography[i].id = get_text(r, false);
		/* A tag is one word (rules.c). */
		if (tag != NULL && (*tag == '\0' || strpbrk(tag, " \t\n\"'") != NULL))
			r->bad = true;
		rs->bibliography[i].title = get_text(r, false);
		rs->bibliography[i].where = get_str(r, false);
	}
	rs->n_rules = get_count(r, SIZE_MAX, 8);
	rs->rules = xcalloc(rs->n_rules, sizeof *rs->rules);
	for (i = 0; i < rs->n_rules && !r->bad; i++)
		decode_rule(r, &rs->rules[i], rs, qn);
	return rs;
}

/* What the loaders derive from the fields, by their own functions (loader.h). Problems go
 * to a list of our own: they only mean that the cache is not to be used. */
static bool
derive(struct questionnaire *qn, struct ruleset *rs)
{
	struct diag_list scratch = { .max = 1 };
	/* A damaged condition's did-you-mean is bounded as the loaders bound a file's. */
	size_t i, suggested = 0;
	bool ok = true;
	char *owner;

	for (i = 0; i < qn->n_questions && ok; i++)
		ok = questionnaire_index_add(qn, i) < 0;
	/* settings.c's settings_defs_parse builds the same index as it reads the file. */
	rs->settings.index = idindex_new();
	for (i = 0; i < rs->settings.n && ok; i++)
		ok = idindex_add(rs->settings.index, rs->settings.items[i].id, i) < 0;
	if (ok && questionnaire_parse_conditions(qn, qn->path, &suggested, &scratch) != 0)
		ok = false;
	for (i = 0; i < rs->n_rules && ok; i++) {
		owner = xasprintf("rule '%s'", rs->rules[i].id);
		ok = rules_parse_when(rs, i, qn, rs->path, owner, &suggested, &scratch);
		free(owner);
	}
	diag_clear(&scratch);
	return ok;
}

int
content_cache_decode(const char *data, size_t len, const struct content_key *k, const char *qn_path,
    const char *rs_path, struct questionnaire **qn_out, struct ruleset **rs_out)
{
	struct rd r = { (const unsigned char *)data, (const unsigned char *)data + len, false };
	struct questionnaire *qn;
	struct ruleset *rs;

	*qn_out = NULL;
	*rs_out = NULL;
	if (len < sizeof magic + 4 + 64 + 8 ||
	    load_le64((const unsigned char *)data + len - 8) !=
	        content_cache_checksum(data, len - 8))
		return -1;
	r.end -= 8;
	if (memcmp(r.p, magic, sizeof magic) != 0)
		return -1;
	r.p += sizeof magic;
	if (get_u32(&r) != CONTENT_CACHE_FORMAT || memcmp(r.p, k->hex, 64) != 0)
		return -1;
	r.p += 64;
	qn = decode_questionnaire(&r);
	qn->path = xstrdup(qn_path);
	memcpy(qn->sha256, k->qn_sha, sizeof qn->sha256);
	rs = decode_rules(&r, qn);
	rs->path = xstrdup(rs_path);
	memcpy(rs->sha256, k->rs_sha, sizeof rs->sha256);
	if (r.bad || r.p != r.end || !derive(qn, rs)) {
		rules_free(rs);
		questionnaire_free(qn);
		return -1;
	}
	*qn_out = qn;
	*rs_out = rs;
	return 0;
}
