/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cfg.h"
#include "sha256.h"
#include "suggest.h"
#include "smpscreen/ascii.h"
#include "smpscreen/i18n.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

/* Answer files come from anyone, so files are read whole and checked before libconfig sees
 * them: no byte beyond this size (a consultation is a few kilobytes). */
#define CFG_MAX_BYTES (4 * 1024 * 1024)

void
cfg_error(struct cfg_ctx *cx, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(cx->dl, DIAG_ERROR, cx->file, line, fmt, ap);
	va_end(ap);
	cx->errors++;
}

void
cfg_warning(struct cfg_ctx *cx, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(cx->dl, DIAG_WARNING, cx->file, line, fmt, ap);
	va_end(ap);
}

/* Reads path whole into sb: one read(2) of the size fstat gives for a regular file (answer
 * files are read by the thousand in a batch, and stdio would copy each byte twice), and
 * reading until the end for a pipe or a file that grows meanwhile. */
static int
read_all(const char *path, struct strbuf *sb, char **cause)
{
	struct stat st;
	size_t want = 8192;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC), error;

	if (fd == -1) {
		*cause = xstrdup(strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0 &&
	    st.st_size <= CFG_MAX_BYTES)
		want = (size_t)st.st_size + 1;
	for (;;) {
		sb_reserve(sb, want);
		sb->buf[sb->len] = '\0'; /* an empty file is "" */
		n = read(fd, sb->buf + sb->len, sb->cap - sb->len - 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		sb->len += (size_t)n;
		sb->buf[sb->len] = '\0';
		if (sb->len > CFG_MAX_BYTES) {
			close(fd);
			*cause = xasprintf(_("file is larger than %d bytes"), CFG_MAX_BYTES);
			return -1;
		}
		want = 8192;
	}
	if (n == -1) {
		error = errno;
		close(fd);
		*cause = xstrdup(strerror(error));
		return -1;
	}
	close(fd);
	return 0;
}

/*
 * libconfig searches a group's names once for every name it adds to it, so its time grows
 * with the square of the names in a group: 20,000 took 3 s, and the 300,000 a 4 MB file can
 * hold a quarter of an hour. The pairs of names in the same group are counted over the whole
 * file and bounded (16 million: about 0.3 s): an answer file for a questionnaire of 5,000
 * questions still fits, and a questionnaire of 60,000 uses a fraction of it.
 */
#define CFG_MAX_NAME_PAIRS (16UL * 1024 * 1024)
/* Deeper than this libconfig's own parser gives up; the names of deeper groups are not
 * counted. */
#define CFG_NEST_MAX 10000

struct groups {
	size_t *names; /* names so far in each open group (lists and arrays: unused) */
	bool *group;
	size_t depth, cap; /* depth 0 is the file's root, a group */
	size_t pairs;
	bool reported;
};

/* Opens a group, list or array; the first call opens the file's root. */
static void
groups_open(struct groups *g, bool group)
{
	if (g->cap != 0)
		g->depth++;
	if (g->depth >= CFG_NEST_MAX)
		return;
	if (g->depth >= g->cap) {
		g->cap = g->cap != 0 ? g->cap * 2 : 16;
		g->names = xreallocarray(g->names, g->cap, sizeof *g->names);
		g->group = xreallocarray(g->group, g->cap, sizeof *g->group);
	}
	g->names[g->depth] = 0;
	g->group[g->depth] = group;
}

static void
groups_close(struct groups *g)
{
	if (g->depth > 0)
		g->depth--;
}

/* A setting's '=' or ':' in the innermost open group (in a list it is libconfig's error). */
static void
groups_name(struct cfg_ctx *cx, struct groups *g, int line)
{
	size_t n;

	if (g->depth >= CFG_NEST_MAX || !g->group[g->depth])
		return;
	n = g->names[g->depth]++;
	g->pairs += n;
	if (g->pairs > CFG_MAX_NAME_PAIRS && !g->reported) {
		cfg_error(cx, line,
		    _("more settings in groups { } than can be read in reasonable time (%zu in "
		      "this group)"),
		    n + 1);
		g->reported = true;
	}
}

/* What may follow the first character of a name, a bare word or a number in the pre-scan:
 * one table lookup a byte, for the most frequent tokens of every file. */
static const unsigned char name_char[256] = { ['a'] = 1,
	['b'] = 1,
	['c'] = 1,
	['d'] = 1,
	['e'] = 1,
	['f'] = 1,
	['g'] = 1,
	['h'] = 1,
	['i'] = 1,
	['j'] = 1,
	['k'] = 1,
	['l'] = 1,
	['m'] = 1,
	['n'] = 1,
	['o'] = 1,
	['p'] = 1,
	['q'] = 1,
	['r'] = 1,
	['s'] = 1,
	['t'] = 1,
	['u'] = 1,
	['v'] = 1,
	['w'] = 1,
	['x'] = 1,
	['y'] = 1,
	['z'] = 1,
	['A'] = 1,
	['B'] = 1,
	['C'] = 1,
	['D'] = 1,
	['E'] = 1,
	['F'] = 1,
	['G'] = 1,
	['H'] = 1,
	['I'] = 1,
	['J'] = 1,
	['K'] = 1,
	['L'] = 1,
	['M'] = 1,
	['N'] = 1,
	['O'] = 1,
	['P'] = 1,
	['Q'] = 1,
	['R'] = 1,
	['S'] = 1,
	['T'] = 1,
	['U'] = 1,
	['V'] = 1,
	['W'] = 1,
	['X'] = 1,
	['Y'] = 1,
	['Z'] = 1,
	['0'] = 1,
	['1'] = 1,
	['2'] = 1,
	['3'] = 1,
	['4'] = 1,
	['5'] = 1,
	['6'] = 1,
	['7'] = 1,
	['8'] = 1,
	['9'] = 1,
	['_'] = 1,
	['-'] = 1,
	['*'] = 1 };

/* Line breaks in s[from, to). */
static int
count_lines(const char *s, size_t from, size_t to)
{
	const char *p = s + from, *end = s + to;
	int n = 0;

	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* Where the string that opened before s[i] ends (past its closing quote), counting its line
 * breaks into *line. Most strings hold no backslash, so memchr finds both ends. */
static size_t
string_end(const char *s, size_t i, size_t len, int *line)
{
	const char *q, *bs;
	size_t end, j;

	/* A short string without a backslash or a line break: a plain loop, cheaper than the
	 * calls below for the few bytes of an answer. */
	for (j = i; j < len && j < i + 24; j++) {
		if (s[j] == '"')
			return j + 1;
		if (s[j] == '\\' || s[j] == '\n')
			break;
	}
	for (;;) {
		q = memchr(s + i, '"', len - i);
		end = q != NULL ? (size_t)(q - s) : len;
		bs = memchr(s + i, '\\', end - i);
		if (bs == NULL) {
			*line += count_lines(s, i, end);
			return end + 1;
		}
		/* The character after a backslash is taken whatever it is, a quote or a line
		 * break included. */
		j = (size_t)(bs - s);
		if (j + 1 >= len) {
			*line += count_lines(s, i, len);
			return len + 1;
		}
		*line += count_lines(s, i, j + 2);
		i = j + 2;
	}
}

/*
 * libconfig 1.5 wraps a decimal integer beyond 32 bits without an L suffix, so an answer of
 * 4294967330 would be read as 34. It also follows @include relative to the working
 * directory. Both are refused here, with the line, before libconfig parses anything, and so
 * are groups of more names than it can read in reasonable time (above).
 */
/* The file's syntax is ASCII; <ctype.h> would ask the locale for every byte of a 100 KB
 * file (a call each), a tenth of loading the bundled content. */
static inline bool
ascii_digit(char c)
{
	return (unsigned)(c - '0') < 10;
}

static inline bool
ascii_alpha(char c)
{
	return (unsigned)((c | 32) - 'a') < 26;
}

static inline bool
ascii_alnum(char c)
{
	return ascii_alpha(c) || ascii_digit(c);
}

/* Past the comment at s[i], to its line break (which is left for the scan to count). */
static size_t
skip_line(const char *s, size_t i, size_t len)
{
	const char *nl = memchr(s + i, '\n', len - i);

	return nl != NULL ? (size_t)(nl - s) : len;
}

/* What starts a token in the pre-scan: one table lookup and a jump a token, where a chain
 * of tests cost half of the pre-scan. */
enum {
	P_OTHER,
	P_NAME,
	P_DIGIT,
	P_NL,
	P_SPACE,
	P_QUOTE,
	P_HASH,
	P_SLASH,
	P_AT,
	P_OPEN,
	P_CLOSE,
	P_NAMED
};

static const unsigned char prescan_class[256] = { ['a'] = P_NAME,
	['b'] = P_NAME,
	['c'] = P_NAME,
	['d'] = P_NAME,
	['e'] = P_NAME,
	['f'] = P_NAME,
	['g'] = P_NAME,
	['h'] = P_NAME,
	['i'] = P_NAME,
	['j'] = P_NAME,
	['k'] = P_NAME,
	['l'] = P_NAME,
	['m'] = P_NAME,
	['n'] = P_NAME,
	['o'] = P_NAME,
	['p'] = P_NAME,
	['q'] = P_NAME,
	['r'] = P_NAME,
	['s'] = P_NAME,
	['t'] = P_NAME,
	['u'] = P_NAME,
	['v'] = P_NAME,
	['w'] = P_NAME,
	['x'] = P_NAME,
	['y'] = P_NAME,
	['z'] = P_NAME,
	['A'] = P_NAME,
	['B'] = P_NAME,
	['C'] = P_NAME,
	['D'] = P_NAME,
	['E'] = P_NAME,
	['F'] = P_NAME,
	['G'] = P_NAME,
	['H'] = P_NAME,
	['I'] = P_NAME,
	['J'] = P_NAME,
	['K'] = P_NAME,
	['L'] = P_NAME,
	['M'] = P_NAME,
	['N'] = P_NAME,
	['O'] = P_NAME,
	['P'] = P_NAME,
	['Q'] = P_NAME,
	['R'] = P_NAME,
	['S'] = P_NAME,
	['T'] = P_NAME,
	['U'] = P_NAME,
	['V'] = P_NAME,
	['W'] = P_NAME,
	['X'] = P_NAME,
	['Y'] = P_NAME,
	['Z'] = P_NAME,
	['_'] = P_NAME,
	['*'] = P_NAME,
	['0'] = P_DIGIT,
	['1'] = P_DIGIT,
	['2'] = P_DIGIT,
	['3'] = P_DIGIT,
	['4'] = P_DIGIT,
	['5'] = P_DIGIT,
	['6'] = P_DIGIT,
	['7'] = P_DIGIT,
	['8'] = P_DIGIT,
	['9'] = P_DIGIT,
	['\n'] = P_NL,
	[' '] = P_SPACE,
	['\t'] = P_SPACE,
	['\r'] = P_SPACE,
	['"'] = P_QUOTE,
	['#'] = P_HASH,
	['/'] = P_SLASH,
	['@'] = P_AT,
	['('] = P_OPEN,
	['['] = P_OPEN,
	['{'] = P_OPEN,
	[')'] = P_CLOSE,
	[']'] = P_CLOSE,
	['}'] = P_CLOSE,
	['='] = P_NAMED,
	[':'] = P_NAMED };

/* A number at s[i] (a digit): past it, with an error when it is an integer libconfig would
 * wrap. */
static size_t
prescan_number(struct cfg_ctx *cx, const char *s, size_t i, size_t len, int line)
{
	size_t start = i;
	unsigned long long v;
	bool big;

	if (s[i] == '0' && i + 1 < len && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
		for (i += 2; i < len && (ascii_digit(s[i]) || (unsigned)((s[i] | 32) - 'a') < 6);
		     i++)
			;
		big = i - start - 2 > 8;
	} else {
		v = 0;
		big = false;
		for (; i < len && ascii_digit(s[i]); i++) {
			v = v * 10 + (unsigned)(s[i] - '0');
			if (v > 2147483648ULL)
				big = true;
		}
		if (i < len && (s[i] == '.' || s[i] == 'e' || s[i] == 'E'))
			big = false; /* a float; libconfig handles those */
		else if (v == 2147483648ULL && !(start > 0 && s[start - 1] == '-'))
			big = true;
	}
	if (i < len && s[i] == 'L')
		return i + 1;
	while (i < len && (ascii_alnum(s[i]) || s[i] == '.'))
		i++;
	if (big)
		cfg_error(cx, line, _("integer '%.*s' is too large (limit 2147483647)"),
		    (int)(i - start), s + start);
	return i;
}

static void
prescan(struct cfg_ctx *cx, const char *s, size_t len)
{
	struct groups g = { 0 };
	size_t i = 0;
	int line = 1;
	bool linestart = true;

	groups_open(&g, true);
	while (i < len) {
		switch (prescan_class[(unsigned char)s[i]]) {
		case P_NAME:
			linestart = false;
			while (++i < len && name_char[(unsigned char)s[i]])
				;
			continue;
		case P_NL:
			line++;
			linestart = true;
			i++;
			continue;
		case P_SPACE:
			while (++i < len && (s[i] == ' ' || s[i] == '\t'))
				;
			continue;
		case P_QUOTE:
			i = string_end(s, i + 1, len, &line);
			linestart = false;
			continue;
		case P_HASH:
			i = skip_line(s, i, len);
			continue;
		case P_SLASH:
			if (i + 1 < len && s[i + 1] == '/') {
				i = skip_line(s, i, len);
				continue;
			}
			if (i + 1 < len && s[i + 1] == '*') {
				for (i += 2; i + 1 < len && !(s[i] == '*' && s[i + 1] == '/'); i++)
					if (s[i] == '\n')
						line++;
				i += 2;
				continue;
			}
			break;
		case P_AT:
			if (linestart) {
				cfg_error(cx, line,
				    _("directives such as @include are not allowed"));
				while (i < len && s[i] != '\n')
					i++;
				continue;
			}
			break;
		case P_DIGIT:
			linestart = false;
			i = prescan_number(cx, s, i, len, line);
			continue;
		case P_OPEN:
			groups_open(&g, s[i] == '{');
			break;
		case P_CLOSE:
			groups_close(&g);
			break;
		case P_NAMED:
			groups_name(cx, &g, line);
			break;
		default:
			break;
		}
		linestart = false;
		i++;
	}
	free(g.names);
	free(g.group);
}

int
cfg_read(struct cfg_ctx *cx, config_t *cfg, const char *path, const char *text, char sha[65])
{
	struct strbuf sb = { 0 };
	char *cause = NULL;
	size_t before = cx->errors;
	int rc = -1, ok;

	xalloc_doing("reading", cx->file != NULL ? cx->file : path);
	cx->kept_group = NULL;
	if (text == NULL) {
		if (read_all(path, &sb, &cause) != 0) {
			cfg_error(cx, 0, _("cannot read: %s"), cause);
			free(cause);
			goto out;
		}
	} else
		sb_append(&sb, text);
	if (sha != NULL)
		sha256_hex(sb_str(&sb), sb.len, sha);
	if (memchr(sb_str(&sb), '\0', sb.len) != NULL) {
		cfg_error(cx, 0, _("file contains a NUL byte; it is not a text file"));
		goto out;
	}
	prescan(cx, sb_str(&sb), sb.len);
	if (cx->errors != before)
		goto out;
	xalloc_library_enter();
	ok = config_read_string(cfg, sb_str(&sb));
	xalloc_library_leave();
	if (ok != CONFIG_TRUE) {
		cfg_error(cx, config_error_line(cfg), _("cannot parse the file: %s"),
		    config_error_text(cfg) != NULL ? config_error_text(cfg) : "?");
		goto out;
	}
	rc = 0;
out:
	sb_free(&sb);
	xalloc_done();
	return rc;
}

int
cfg_line(const config_setting_t *s)
{
	int line;

	for (; s != NULL; s = config_setting_parent(s))
		if ((line = (int)config_setting_source_line(s)) > 0)
			return line;
	return 0;
}

static const char *
type_word(const config_setting_t *s)
{
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_GROUP:
		return _("a group");
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		return _("an integer");
	case CONFIG_TYPE_FLOAT:
		return _("a number with a fraction");
	case CONFIG_TYPE_STRING:
		return _("a string");
	case CONFIG_TYPE_BOOL:
		return _("true or false");
	case CONFIG_TYPE_ARRAY:
		return _("an array");
	case CONFIG_TYPE_LIST:
		return _("a list");
	default:
		return _("something else");
	}
}

config_setting_t *
cfg_member(struct cfg_ctx *cx, const config_setting_t *group, const char *key)
{
	unsigned i, n;

	if (group != cx->kept_group) {
		if (group == NULL || !config_setting_is_group(group) ||
		    (n = (unsigned)config_setting_length(group)) > CFG_MEMBERS_KEPT) {
			cx->kept_group = NULL;
			return group != NULL ? config_setting_get_member(group, key) : NULL;
		}
		for (i = 0; i < n; i++) {
			cx->kept[i].s = config_setting_get_elem(group, i);
			cx->kept[i].name = config_setting_name(cx->kept[i].s);
		}
		cx->n_kept = n;
		cx->kept_group = group;
	}
	for (i = 0; i < cx->n_kept; i++)
		if (cx->kept[i].name != NULL && cx->kept[i].name[0] == key[0] &&
		    strcmp(cx->kept[i].name, key) == 0)
			return cx->kept[i].s;
	return NULL;
}

static config_setting_t *
member(struct cfg_ctx *cx, const config_setting_t *group, const char *key, bool required,
    const char *owner)
{
	config_setting_t *s = cfg_member(cx, group, key);

	if (s == NULL && required)
		cfg_error(cx, cfg_line(group), _("%s: '%s' is missing"), owner, key);
	return s;
}

static const char *
string_member(struct cfg_ctx *cx, const config_setting_t *group, const char *key, bool required,
    const char *owner, config_setting_t **sp)
{
	config_setting_t *s = *sp = member(cx, group, key, required, owner);

	if (s == NULL)
		return NULL;
	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		cfg_error(cx, cfg_line(s), _("%s: '%s' must be a string, not %s"), owner, key,
		    type_word(s));
		return NULL;
	}
	return config_setting_get_string(s);
}

const char *
cfg_string(struct cfg_ctx *cx, const config_setting_t *group, const char *key, bool required,
    const char *owner)
{
	config_setting_t *s;

	return string_member(cx, group, key, required, owner, &s);
}

/* The usual abbreviation of a control character, or its code point. */
static void
control_name(long cp, char buf[24])
{
	static const char *const c0[] = { "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
		"BS", "TAB", "LF", "VT", "FF", "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4",
		"NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US" };

	if (cp >= 0 && cp < 0x20)
		snprintf(buf, 24, "%s", c0[cp]);
	else if (cp == 0x7f)
		snprintf(buf, 24, "DEL");
	else
		snprintf(buf, 24, "U+%04lX", (unsigned long)cp);
}

/*
 * Texts of a questionnaire, rules or settings file reach terminals as they are (the wizard,
 * `questions`, plain mode, reports): an ESC there is an escape sequence (OSC 52 writes the
 * clipboard, ESC[2J clears the screen), a bidi override makes a text read otherwise than it
 * says, and a byte that is not UTF-8 may be an 8-bit CSI to some terminals. Such a file is
 * refused when it is loaded, so `check` says where, rather than each display stripping it.
 */
bool
cfg_check_text(struct cfg_ctx *cx, int line, const char *owner, const char *key, const char *s,
    bool lines)
{
	char name[24];
	long cp;

	if (!text_first_unclean(s, lines, &cp))
		return true;
	if (cp == '\n')
		cfg_error(cx, line, _("%s: %s holds a line break; it must be one line"), owner,
		    key);
	else if (cp < 0)
		cfg_error(cx, line, _("%s: %s is not valid UTF-8"), owner, key);
	else {
		control_name(cp, name);
		cfg_error(cx, line, _("%s: %s holds a control character (%s)"), owner, key, name);
	}
	return false;
}

const char *
cfg_text(struct cfg_ctx *cx, const config_setting_t *group, const char *key, bool required,
    const char *owner, bool lines)
{
	config_setting_t *m;
	const char *s = string_member(cx, group, key, required, owner, &m);

	if (s != NULL)
		cfg_check_text(cx, cfg_line(m), owner, key, s, lines);
	return s;
}

bool
cfg_long(struct cfg_ctx *cx, const config_setting_t *group, const char *key, long *out,
    bool required, const char *owner)
{
	config_setting_t *s = member(cx, group, key, required, owner);

	if (s == NULL)
		return false;
	if (config_setting_type(s) == CONFIG_TYPE_INT) {
		*out = config_setting_get_int(s);
		return true;
	}
	if (config_setting_type(s) == CONFIG_TYPE_INT64) {
		long long v = config_setting_get_int64(s);

		if (v < LONG_MIN || v > LONG_MAX) {
			cfg_error(cx, cfg_line(s), _("%s: '%s' is out of range"), owner, key);
			return false;
		}
		*out = (long)v;
		return true;
	}
	cfg_error(cx, cfg_line(s), _("%s: '%s' must be an integer, not %s"), owner, key,
	    type_word(s));
	return false;
}

bool
cfg_bool(struct cfg_ctx *cx, const config_setting_t *group, const char *key, bool *out,
    bool required, const char *owner)
{
	config_setting_t *s = member(cx, group, key, required, owner);

	if (s == NULL)
		return false;
	if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
		cfg_error(cx, cfg_line(s), _("%s: '%s' must be true or false, not %s"), owner, key,
		    type_word(s));
		return false;
	}
	*out = config_setting_get_bool(s) != 0;
	return true;
}

size_t
cfg_strings(struct cfg_ctx *cx, const config_setting_t *group, const char *key, char ***out,
    bool required, const char *owner)
{
	config_setting_t *s = member(cx, group, key, required, owner), *e;
	size_t i, n, k = 0;

	*out = NULL;
	if (s == NULL)
		return 0;
	if (config_setting_type(s) != CONFIG_TYPE_ARRAY &&
	    config_setting_type(s) != CONFIG_TYPE_LIST) {
		cfg_error(cx, cfg_line(s), _("%s: '%s' must be a list of strings, not %s"), owner,
		    key, type_word(s));
		return 0;
	}
	n = (size_t)config_setting_length(s);
	*out = xcalloc(n + 1, sizeof **out);
	for (i = 0; i < n; i++) {
		e = config_setting_get_elem(s, (unsigned)i);
		if (config_setting_type(e) != CONFIG_TYPE_STRING) {
			cfg_error(cx, cfg_line(e), _("%s: every item of '%s' must be a string"),
			    owner, key);
			continue;
		}
		(*out)[k++] = xstrdup(config_setting_get_string(e));
	}
	return k;
}

config_setting_t *
cfg_list(struct cfg_ctx *cx, const config_setting_t *group, const char *key, bool required,
    const char *owner)
{
	config_setting_t *s = member(cx, group, key, required, owner), *e;
	unsigned i;

	if (s == NULL)
		return NULL;
	if (config_setting_type(s) != CONFIG_TYPE_LIST) {
		cfg_error(cx, cfg_line(s), _("%s: '%s' must be a list ( {...}, ... ), not %s"),
		    owner, key, type_word(s));
		return NULL;
	}
	for (i = 0; i < (unsigned)config_setting_length(s); i++) {
		e = config_setting_get_elem(s, i);
		if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
			cfg_error(cx, cfg_line(e),
			    _("%s: every item of '%s' must be a group { ... }"), owner, key);
			return NULL;
		}
	}
	return s;
}

void
cfg_check_keys(struct cfg_ctx *cx, const config_setting_t *group, const char *const *allowed,
    const char *owner)
{
	config_setting_t *s;
	const char *name, *hint;
	size_t n = 0;
	unsigned i;
	bool ok;

	while (allowed[n] != NULL)
		n++;
	for (i = 0; i < (unsigned)config_setting_length(group); i++) {
		s = config_setting_get_elem(group, i);
		name = config_setting_name(s);
		ok = false;
		for (size_t k = 0; k < n && !ok; k++)
			ok = strcmp(name, allowed[k]) == 0;
		if (ok)
			continue;
		hint = suggest_closest(name, allowed, n);
		if (hint != NULL)
			cfg_error(cx, cfg_line(s), _("%s: unknown key '%s' (did you mean '%s'?)"),
			    owner, name, hint);
		else
			cfg_error(cx, cfg_line(s), _("%s: unknown key '%s'"), owner, name);
	}
}

bool
cfg_valid_id(const char *s, bool dash_ok)
{
	if (s == NULL || !ascii_is_lower((unsigned char)*s))
		return false;
	for (s++; *s != '\0'; s++)
		if (!ascii_is_lower((unsigned char)*s) && !ascii_is_digit((unsigned char)*s) &&
		    *s != '_' && !(dash_ok && *s == '-'))
			return false;
	return true;
}
