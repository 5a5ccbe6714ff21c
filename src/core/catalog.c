/* SPDX-License-Identifier: ISC */
/*
 * A reader for GNU .mo files. The layout (gettext manual, "The Format of GNU MO Files"):
 *
 *	0  magic 0x950412de, in the writer's byte order
 *	4  revision (major in the high 16 bits: 0 or 1)
 *	8  N, the number of strings
 *	12 offset of the table of original strings   (N pairs: length, offset)
 *	16 offset of the table of translated strings (N pairs: length, offset)
 *
 * Every offset and length is checked against the file before it is used: a clinic drops
 * these files in by hand, and a truncated one must be an error with its name, not a crash.
 * We do not trust the writer to have sorted the originals (msgfmt does, other tools may
 * not), so lookups go through an index sorted here. A msgid with a context is stored as
 * "context\004msgid"; a plural entry as "one\0many", with its forms likewise separated.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "smpscreen/catalog.h"
#include "smpscreen/i18n.h"
#include "smpscreen/xalloc.h"

#define MO_MAGIC 0x950412deU
/* Far above any questionnaire's catalog (ours are ~60 KB); a bound on what a hostile file
 * can make us allocate. */
#define MO_MAX_SIZE (16u << 20)

/* A Plural-Forms expression, compiled to a tree in an array. */
enum pop { P_NUM, P_N, P_NOT, P_MUL, P_DIV, P_MOD, P_ADD, P_SUB, P_LT, P_LE, P_GT, P_GE, P_EQ,
	P_NE, P_AND, P_OR, P_COND };
struct pnode {
	enum pop op;
	unsigned long num;
	int a, b, c; /* operand node indices */
};
#define PLURAL_MAX_NODES 64

struct entry {
	const char *orig;
	const char *trans;
	size_t trans_len; /* bytes of every form, the NULs between them included */
};

struct catalog {
	char *data;
	size_t size;
	struct entry *entries; /* sorted by orig */
	size_t n;
	/* A hash index of entries by orig, built once: a report looks up some fifty messages,
	 * and a batch as many per file. Each slot holds an entry's index + 1, 0 when empty;
	 * a power of two at least twice n. */
	uint32_t *slots;
	size_t mask;
	char language[32];
	unsigned long nplurals;
	struct pnode plural[PLURAL_MAX_NODES];
	int n_plural; /* 0: the English rule, n != 1 */
	int plural_root;
};

static uint32_t
word(const struct catalog *c, size_t off, int swap)
{
	uint32_t v;

	memcpy(&v, c->data + off, sizeof v);
	return swap ? __builtin_bswap32(v) : v;
}

static int
cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->orig, ((const struct entry *)b)->orig);
}

/* The string of a table pair, if it lies in the file and ends with a NUL there. */
static const char *
string_at(const struct catalog *c, size_t table, size_t i, int swap, size_t *len)
{
	size_t at = table + i * 8;
	uint32_t l, o;

	if (at > c->size || c->size - at < 8)
		return NULL;
	l = word(c, at, swap);
	o = word(c, at + 4, swap);
	if (o > c->size || c->size - o <= l || c->data[o + l] != '\0')
		return NULL;
	*len = l;
	return c->data + o;
}

/* --- Plural-Forms: a recursive-descent parser for the C subset gettext allows. --- */

struct pparse {
	const char *s;
	struct catalog *c;
	int err;
	int depth; /* of parentheses and "!": a hostile header must not exhaust the stack */
};
/* Real Plural-Forms nest 3 or 4 deep. */
#define PLURAL_MAX_DEPTH 32

static int pcond(struct pparse *p);

static void
pskip(struct pparse *p)
{
	while (*p->s == ' ' || *p->s == '\t' || *p->s == '\n')
		p->s++;
}

static int
pnode(struct pparse *p, enum pop op, unsigned long num, int a, int b, int c)
{
	if (p->c->n_plural >= PLURAL_MAX_NODES) {
		p->err = 1;
		return 0;
	}
	p->c->plural[p->c->n_plural] = (struct pnode){ op, num, a, b, c };
	return p->c->n_plural++;
}

static int
pprimary(struct pparse *p)
{
	int a;

	pskip(p);
	if ((*p->s == '(' || *p->s == '!') && ++p->depth > PLURAL_MAX_DEPTH)
		p->err = 1;
	if (p->err)
		return 0;
	if (*p->s == '(') {
		p->s++;
		a = pcond(p);
		pskip(p);
		if (*p->s != ')')
			p->err = 1;
		else
			p->s++;
		p->depth--;
		return a;
	}
	if (*p->s == '!') {
		p->s++;
		a = pnode(p, P_NOT, 0, pprimary(p), 0, 0);
		p->depth--;
		return a;
	}
	if (*p->s == 'n') {
		p->s++;
		return pnode(p, P_N, 0, 0, 0, 0);
	}
	if (*p->s >= '0' && *p->s <= '9') {
		char *end;
		unsigned long v = strtoul(p->s, &end, 10);

		p->s = end;
		return pnode(p, P_NUM, v, 0, 0, 0);
	}
	p->err = 1;
	return 0;
}

/* Binary operators by precedence, loosest first; each level is left-associative. */
static const struct {
	const char *tok[3];
	enum pop op[3];
} levels[] = {
	{ { "||" }, { P_OR } },
	{ { "&&" }, { P_AND } },
	{ { "==", "!=" }, { P_EQ, P_NE } },
	{ { "<=", ">=" }, { P_LE, P_GE } }, /* before < and > so that "<=" is not "<" "=" */
	{ { "<", ">" }, { P_LT, P_GT } },
	{ { "+", "-" }, { P_ADD, P_SUB } },
	{ { "*", "/", "%" }, { P_MUL, P_DIV, P_MOD } },
};
#define N_LEVELS (sizeof levels / sizeof levels[0])

static int
pbinary(struct pparse *p, size_t level)
{
	int a;

	if (level == N_LEVELS)
		return pprimary(p);
	/* <= and >= share a level with < and > in C; parsing them one level apart is the
	 * same for the left-associative chains real Plural-Forms use. */
	a = pbinary(p, level + 1);
	for (;;) {
		size_t k;

		pskip(p);
		for (k = 0; k < 3 && levels[level].tok[k] != NULL; k++) {
			size_t len = strlen(levels[level].tok[k]);

			if (strncmp(p->s, levels[level].tok[k], len) == 0 &&
			    !(len == 1 && (p->s[1] == '=' || p->s[1] == p->s[0])))
				break;
		}
		if (k == 3 || levels[level].tok[k] == NULL || p->err)
			return a;
		p->s += strlen(levels[level].tok[k]);
		a = pnode(p, levels[level].op[k], 0, a, pbinary(p, level + 1), 0);
	}
}

static int
pcond(struct pparse *p)
{
	int a = pbinary(p, 0), b, c;

	pskip(p);
	if (*p->s != '?' || p->err)
		return a;
	/* "a ? b : c ? d : e" recurses once per "?": bounded like a parenthesis. */
	if (++p->depth > PLURAL_MAX_DEPTH) {
		p->err = 1;
		return a;
	}
	p->s++;
	b = pcond(p);
	pskip(p);
	if (*p->s != ':') {
		p->err = 1;
		return a;
	}
	p->s++;
	c = pcond(p);
	p->depth--;
	return pnode(p, P_COND, 0, a, b, c);
}

static unsigned long
peval(const struct catalog *c, int i, unsigned long n)
{
	const struct pnode *x = &c->plural[i];
	unsigned long a, b;

	switch (x->op) {
	case P_NUM:
		return x->num;
	case P_N:
		return n;
	case P_NOT:
		return !peval(c, x->a, n);
	case P_AND:
		return peval(c, x->a, n) && peval(c, x->b, n);
	case P_OR:
		return peval(c, x->a, n) || peval(c, x->b, n);
	case P_COND:
		return peval(c, x->a, n) ? peval(c, x->b, n) : peval(c, x->c, n);
	default:
		break;
	}
	a = peval(c, x->a, n);
	b = peval(c, x->b, n);
	switch (x->op) {
	case P_MUL:
		return a * b;
	case P_DIV:
		return b == 0 ? 0 : a / b;
	case P_MOD:
		return b == 0 ? 0 : a % b;
	case P_ADD:
		return a + b;
	case P_SUB:
		return a - b;
	case P_LT:
		return a < b;
	case P_LE:
		return a <= b;
	case P_GT:
		return a > b;
	case P_GE:
		return a >= b;
	case P_EQ:
		return a == b;
	default: /* P_NE */
		return a != b;
	}
}

/* The value of "Field: value" in the header, up to the end of its line; NULL if absent. */
static const char *
header_field(const char *header, const char *field, size_t *len)
{
	size_t fl = strlen(field);
	const char *p;

	for (p = header; p != NULL && *p != '\0'; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, field, fl) == 0 && p[fl] == ':') {
			p += fl + 1;
			while (*p == ' ')
				p++;
			*len = strcspn(p, "\n");
			return p;
		}
	}
	return NULL;
}

/* A hash of the n bytes at s, eight at a time (the order of bytes in a word is the
 * machine's: the index lives in memory only). */
static uint64_t
key_hash(const char *s, size_t n)
{
	uint64_t h = UINT64_C(0x9e3779b97f4a7c15) ^ n, w;
	size_t i;

	for (i = 0; n - i >= 8; i += 8) {
		memcpy(&w, s + i, sizeof w);
		h = (h ^ w) * UINT64_C(0xff51afd7ed558ccd);
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, s + i, n - i);
	h = (h ^ w) * UINT64_C(0xc4ceb9fe1a85ec53);
	return h ^ (h >> 29);
}

static const struct entry *
bsearch_entry(const struct catalog *c, const char *key)
{
	struct entry k = { .orig = key };

	return bsearch(&k, c->entries, c->n, sizeof *c->entries, cmp_entry);
}

/* The slot of key in the index: the one holding its entry, or the empty one where it would
 * go. */
static size_t
slot_of(const struct catalog *c, const char *key)
{
	size_t i = (size_t)key_hash(key, strlen(key)) & c->mask;

	while (c->slots[i] != 0 && strcmp(c->entries[c->slots[i] - 1].orig, key) != 0)
		i = (i + 1) & c->mask;
	return i;
}

static void
build_index(struct catalog *c)
{
	size_t cap = 16, i, k;

	while (cap < 2 * c->n)
		cap *= 2;
	c->slots = xcalloc(cap, sizeof *c->slots);
	c->mask = cap - 1;
	for (i = 0; i < c->n; i++) {
		k = slot_of(c, c->entries[i].orig);
		/* Two entries with one msgid (msgfmt writes none; another tool might): the one
		 * the binary search finds, as lookups always were. */
		if (c->slots[k] != 0)
			c->slots[k] =
			    (uint32_t)(bsearch_entry(c, c->entries[i].orig) - c->entries) + 1;
		else
			c->slots[k] = (uint32_t)i + 1;
	}
}

static int
read_header(struct catalog *c, const char *name, struct diag_list *dl)
{
	const char *h = catalog_get(c, NULL, ""), *v, *pl;
	struct pparse p = { .c = c };
	size_t len;
	char *forms;

	if (h == NULL)
		return 0;
	if ((v = header_field(h, "Language", &len)) != NULL && len < sizeof c->language)
		memcpy(c->language, v, len), c->language[len] = '\0';
	if ((v = header_field(h, "Plural-Forms", &len)) == NULL)
		return 0;
	forms = xstrndup(v, len);
	v = strstr(forms, "nplurals=");
	pl = strstr(forms, "plural="); /* not inside "nplurals=", which has an "s" before "=" */
	if (v == NULL || pl == NULL || (c->nplurals = strtoul(v + 9, NULL, 10)) == 0 ||
	    c->nplurals > 16) {
		p.err = 1;
	} else {
		p.s = pl + 7;
		c->plural_root = pcond(&p);
		pskip(&p);
		if (*p.s != ';' && *p.s != '\0')
			p.err = 1;
	}
	free(forms);
	if (p.err) {
		c->n_plural = 0;
		diag_add(dl, DIAG_ERROR, name, 0,
		    _("the catalog's Plural-Forms header is not a valid expression"));
		return -1;
	}
	return 0;
}

static int
parse(struct catalog *c, const char *name, struct diag_list *dl)
{
	uint32_t magic, rev, n, to, tt;
	int swap;
	size_t i, len;

	if (c->size < 20) {
		diag_add(dl, DIAG_ERROR, name, 0, _("not a compiled catalog (too short)"));
		return -1;
	}
	memcpy(&magic, c->data, sizeof magic);
	if (magic != MO_MAGIC && magic != __builtin_bswap32(MO_MAGIC)) {
		diag_add(dl, DIAG_ERROR, name, 0,
		    _("not a compiled catalog (a .mo file, as msgfmt writes)"));
		return -1;
	}
	swap = magic != MO_MAGIC;
	rev = word(c, 4, swap);
	n = word(c, 8, swap);
	to = word(c, 12, swap);
	tt = word(c, 16, swap);
	if ((rev >> 16) > 1) {
		diag_add(dl, DIAG_ERROR, name, 0, _("catalog format revision %u is not supported"),
		    (unsigned)(rev >> 16));
		return -1;
	}
	if (n > c->size / 16) {
		diag_add(dl, DIAG_ERROR, name, 0, _("the catalog is cut short or damaged"));
		return -1;
	}
	c->entries = xcalloc(n ? n : 1, sizeof *c->entries);
	for (i = 0; i < n; i++) {
		struct entry *e = &c->entries[i];

		if ((e->orig = string_at(c, to, i, swap, &len)) == NULL ||
		    (e->trans = string_at(c, tt, i, swap, &e->trans_len)) == NULL) {
			diag_add(dl, DIAG_ERROR, name, 0, _("the catalog is cut short or damaged"));
			return -1;
		}
	}
	c->n = n;
	qsort(c->entries, c->n, sizeof *c->entries, cmp_entry);
	build_index(c);
	c->nplurals = 2;
	return read_header(c, name, dl);
}

int
catalog_open_mem(struct catalog **out, const void *data, size_t size, const char *name,
    struct diag_list *dl)
{
	struct catalog *c = xcalloc(1, sizeof *c);

	*out = NULL;
	/* One spare NUL, so that every string check can end at the buffer. */
	c->data = xmalloc(size + 1);
	if (size > 0)
		memcpy(c->data, data, size);
	c->data[size] = '\0';
	c->size = size;
	if (parse(c, name, dl) != 0) {
		catalog_free(c);
		return -1;
	}
	*out = c;
	return 0;
}

int
catalog_open(struct catalog **out, const char *path, struct diag_list *dl)
{
	FILE *fp = NULL;
	struct stat st;
	char *buf;
	int fd;
	size_t got;
	int rc;

	*out = NULL;
	/* O_NONBLOCK: a FIFO put where a catalog belongs must not hang the kiosk at start;
	 * it is refused as not a regular file below. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0 ||
	    (fp = fdopen(fd, "rb")) == NULL) {
		int e = errno;

		if (fd >= 0)
			close(fd);
		if (e == ENOENT || e == ENOTDIR)
			return 1;
		diag_add(dl, DIAG_ERROR, path, 0, _("cannot read the catalog: %s"), strerror(e));
		return -1;
	}
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > MO_MAX_SIZE) {
		diag_add(dl, DIAG_ERROR, path, 0,
		    _("not a regular file of at most 16 MB, so not a catalog"));
		fclose(fp);
		return -1;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	got = fread(buf, 1, (size_t)st.st_size, fp);
	if (ferror(fp) || got != (size_t)st.st_size) {
		diag_add(dl, DIAG_ERROR, path, 0, _("cannot read the catalog: %s"),
		    ferror(fp) ? strerror(errno) : _("it changed while being read"));
		fclose(fp);
		free(buf);
		return -1;
	}
	fclose(fp);
	rc = catalog_open_mem(out, buf, got, path, dl);
	free(buf);
	return rc;
}

void
catalog_free(struct catalog *c)
{
	if (c == NULL)
		return;
	free(c->slots);
	free(c->entries);
	free(c->data);
	free(c);
}

static const struct entry *
find(const struct catalog *c, const char *key)
{
	size_t k;

	if (c == NULL || c->n == 0)
		return NULL;
	k = slot_of(c, key);
	return c->slots[k] != 0 ? &c->entries[c->slots[k] - 1] : NULL;
}

const char *
catalog_get(const struct catalog *c, const char *ctx, const char *msgid)
{
	const struct entry *e;
	char stack[256], *key = stack;
	size_t cl, ml;

	if (ctx == NULL) {
		e = find(c, msgid);
	} else {
		cl = strlen(ctx);
		ml = strlen(msgid);
		if (cl + ml + 2 > sizeof stack)
			key = xmalloc(cl + ml + 2);
		memcpy(key, ctx, cl);
		key[cl] = '\004';
		memcpy(key + cl + 1, msgid, ml + 1);
		e = find(c, key);
		if (key != stack)
			free(key);
	}
	/* An empty translation is what msgfmt --use-fuzzy can leave; it is no translation. */
	return e != NULL && e->trans[0] != '\0' ? e->trans : NULL;
}

const char *
catalog_nget(const struct catalog *c, const char *one, unsigned long n)
{
	const struct entry *e = find(c, one);
	unsigned long form, k;
	const char *s, *end;

	if (e == NULL || e->trans[0] == '\0')
		return NULL;
	form = c->n_plural > 0 ? peval(c, c->plural_root, n) : n != 1;
	if (form >= c->nplurals)
		form = 0;
	s = e->trans;
	end = e->trans + e->trans_len;
	for (k = 0; k < form; k++) {
		s += strlen(s) + 1;
		if (s >= end) /* fewer forms than nplurals says: the first is better than none */
			return e->trans;
	}
	return s;
}

size_t
catalog_count(const struct catalog *c)
{
	size_t i, n = 0;

	/* As catalog_get sees them: an empty translation is none, and "" is the header. */
	for (i = 0; c != NULL && i < c->n; i++)
		n += c->entries[i].orig[0] != '\0' && c->entries[i].trans[0] != '\0';
	return n;
}

const char *
catalog_language(const struct catalog *c)
{
	return c->language;
}
