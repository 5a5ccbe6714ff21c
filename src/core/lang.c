/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "smpscreen/ascii.h"
#include "smpscreen/catalog.h"
#include "smpscreen/i18n.h"
#include "smpscreen/lang.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

/* The program's messages are one language at a time for the whole process, as with
 * gettext: `_()` is called from everywhere and cannot be handed a language. */
static struct catalog *program;
static char current[LANG_CODE_MAX + 1] = "en";

/*
 * What lang_msg found for a msgid, by its address: a batch asks for the same fifty
 * messages in every report, and comparing a message with a copy of it is cheaper than
 * finding it in the catalog. The copy makes it exact whatever the caller passes (a buffer
 * reused for another message is not taken for the first). Emptied with the catalog.
 */
#define MSG_MEMO 256
static struct {
	const char *msgid; /* NULL: empty */
	char *copy;
	const char *trans; /* NULL: the catalog has none */
} msg_memo[MSG_MEMO];

static void
msg_memo_clear(void)
{
	size_t i;

	for (i = 0; i < MSG_MEMO; i++) {
		free(msg_memo[i].copy);
		msg_memo[i].copy = NULL;
		msg_memo[i].msgid = NULL;
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A code as we store it: letters, digits, '_' and '@' only, so that it is safe in a path. */
static bool
code_ok(const char *s)
{
	size_t n = 0;

	for (; s[n] != '\0'; n++)
		if (!ascii_is_alnum((unsigned char)s[n]) && s[n] != '_' && s[n] != '@')
			return false;
	return n >= 2 && n <= LANG_CODE_MAX;
}

static char *
catalog_path(const char *dir, const char *code, const char *domain)
{
	return xasprintf("%s/%s/LC_MESSAGES/%s.mo", dir, code, domain);
}

static void
add_from_dir(struct lang_list *l, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct stat st;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		char *path;

		if (!code_ok(de->d_name) || lang_list_has(l, de->d_name))
			continue;
		path = catalog_path(dir, de->d_name, LANG_CONTENT_DOMAIN);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			l->codes = xreallocarray(l->codes, l->n + 1, sizeof *l->codes);
			l->codes[l->n++] = xstrdup(de->d_name);
		}
		free(path);
	}
	closedir(d);
}

void
lang_list_available(const struct lang_dirs *d, struct lang_list *out)
{
	size_t i;

	out->codes = xmalloc(sizeof *out->codes);
	out->codes[0] = xstrdup("en");
	out->n = 1;
	for (i = 0; i < LANG_MAX_DIRS; i++)
		if (d->content[i] != NULL)
			add_from_dir(out, d->content[i]);
	/* readdir's order is the file system's; menus and messages need a fixed one. */
	qsort(out->codes + 1, out->n - 1, sizeof *out->codes, cmp_str);
}

void
lang_list_free(struct lang_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->codes[i]);
	free(l->codes);
	l->codes = NULL;
	l->n = 0;
}

int
lang_list_has(const struct lang_list *l, const char *code)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->codes[i], code) == 0)
			return 1;
	return 0;
}

static const char *
find_code(const struct lang_list *l, const char *code)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->codes[i], code) == 0)
			return l->codes[i];
	return NULL;
}

const char *
lang_match(const struct lang_list *avail, const char *name)
{
	char buf[LANG_CODE_MAX + 1];
	size_t i, n = strcspn(name, ".@");
	const char *hit;

	/* A catalog folder named as given ("ca@valencia", "pt_br") wins; "fr_FR.UTF-8"
	 * names its language without the character set. */
	i = strcspn(name, ".");
	if (i > 0 && i <= LANG_CODE_MAX) {
		memcpy(buf, name, i);
		buf[i] = '\0';
		if ((hit = find_code(avail, buf)) != NULL)
			return hit;
	}
	/* "es-419" is how a person or a web form writes it; catalogs say es_419. */
	if (n == 0 || n > LANG_CODE_MAX)
		return NULL;
	for (i = 0; i < n; i++) {
		char c = name[i] == '-' ? '_' : name[i];

		if (!ascii_is_alnum((unsigned char)c) && c != '_')
			return NULL;
		/* Language lower case, territory upper case: "FR" and "pt_br" still match. */
		buf[i] = (char)(memchr(buf, '_', i) != NULL ? ascii_to_upper((unsigned char)c) :
		                                              ascii_to_lower((unsigned char)c));
	}
	buf[n] = '\0';
	if ((hit = find_code(avail, buf)) != NULL)
		return hit;
	buf[strcspn(buf, "_")] = '\0';
	return find_code(avail, buf);
}

static bool
names_english(const char *name)
{
	return strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0 ||
	    strncmp(name, "C.", 2) == 0 ||
	    (strncmp(name, "en", 2) == 0 && !ascii_is_alpha((unsigned char)name[2]));
}

static char *
refusal(const struct lang_list *avail, const char *name, enum lang_source src)
{
	struct strbuf list = { 0 };
	size_t i;
	char *msg;

	for (i = 0; i < avail->n; i++)
		sb_printf(&list, "%s%s", i ? ", " : "", avail->codes[i]);
	/* The name comes from a command line, a file or the environment: it may hold anything,
	 * so only a bounded, printable part of it is repeated. */
	struct strbuf shown = { 0 };
	for (i = 0; name[i] != '\0' && i < LANG_CODE_MAX + 8; i++)
		sb_appendc(&shown, ascii_is_print((unsigned char)name[i]) ? name[i] : '?');
	if (src == LANG_FROM_OPTION)
		msg = xasprintf(_("language '%s' (--lang) is not available (available: %s); "
		                  "using English"),
		    sb_str(&shown), sb_str(&list));
	else if (src == LANG_FROM_SETTINGS)
		msg = xasprintf(_("language '%s' (the language setting) is not available "
		                  "(available: %s); using English"),
		    sb_str(&shown), sb_str(&list));
	else
		msg = xasprintf(_("language '%s' (from the environment) is not available "
		                  "(available: %s); using English"),
		    sb_str(&shown), sb_str(&list));
	sb_free(&list);
	sb_free(&shown);
	return msg;
}

const char *
lang_choose(const struct lang_list *avail, const char *option, const char *setting,
    char **refused)
{
	static const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *hit, *env;
	size_t i;

	*refused = NULL;
	if (option != NULL && *option != '\0') {
		if ((hit = lang_match(avail, option)) != NULL)
			return hit;
		if (!names_english(option))
			*refused = refusal(avail, option, LANG_FROM_OPTION);
		return avail->codes[0];
	}
	if (setting != NULL && *setting != '\0') {
		if ((hit = lang_match(avail, setting)) != NULL)
			return hit;
		if (!names_english(setting))
			*refused = refusal(avail, setting, LANG_FROM_SETTINGS);
		return avail->codes[0];
	}
	/* LANGUAGE is a list of preferences, the first usable one wins. */
	if ((env = getenv("LANGUAGE")) != NULL && *env != '\0') {
		char *copy = xstrdup(env), *save = NULL, *tok, *first = NULL;

		for (tok = strtok_r(copy, ":", &save); tok != NULL; tok = strtok_r(NULL, ":", &save)) {
			if (names_english(tok)) {
				free(copy);
				return avail->codes[0];
			}
			if ((hit = lang_match(avail, tok)) != NULL) {
				free(copy);
				return hit;
			}
			if (first == NULL)
				first = tok;
		}
		if (first != NULL)
			*refused = refusal(avail, first, LANG_FROM_ENV);
		free(copy);
		return avail->codes[0];
	}
	for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		if ((env = getenv(vars[i])) == NULL || *env == '\0')
			continue;
		if ((hit = lang_match(avail, env)) != NULL)
			return hit;
		if (!names_english(env))
			*refused = refusal(avail, env, LANG_FROM_ENV);
		return avail->codes[0];
	}
	return avail->codes[0];
}

/* The program catalog for code: the first directory that has one. */
static int
open_program(const struct lang_dirs *d, const char *code, struct catalog **out,
    struct diag_list *dl)
{
	size_t i;
	int rc = 1;

	*out = NULL;
	for (i = 0; i < LANG_MAX_DIRS && rc == 1; i++) {
		char *path;

		if (d->program[i] == NULL)
			continue;
		path = catalog_path(d->program[i], code, LANG_PROGRAM_DOMAIN);
		rc = catalog_open(out, path, dl);
		free(path);
	}
	return rc < 0 ? -1 : 0;
}

int
lang_use(const struct lang_dirs *d, const char *code, struct diag_list *dl)
{
	struct catalog *c = NULL;

	if (code == NULL || strcmp(code, "en") == 0 || !code_ok(code)) {
		lang_reset();
		return code == NULL || strcmp(code, "en") == 0 ? 0 : -1;
	}
	if (open_program(d, code, &c, dl) != 0)
		return -1;
	msg_memo_clear();
	catalog_free(program);
	program = c;
	snprintf(current, sizeof current, "%s", code);
	return 0;
}

int
lang_offered(size_t done, size_t total)
{
	return total == 0 || done * 2 >= total;
}

const char *
lang_current(void)
{
	return current;
}

const char *
lang_msg(const char *msgid)
{
	uintptr_t a = (uintptr_t)msgid;
	size_t k;

	/* "" is the catalog's header, never a message. */
	if (program == NULL || msgid[0] == '\0')
		return msgid;
	k = (size_t)((a ^ (a >> 9)) >> 3) % MSG_MEMO;
	if (msg_memo[k].msgid != msgid || strcmp(msg_memo[k].copy, msgid) != 0) {
		free(msg_memo[k].copy);
		msg_memo[k].msgid = msgid;
		msg_memo[k].copy = xstrdup(msgid);
		msg_memo[k].trans = catalog_get(program, NULL, msgid);
	}
	return msg_memo[k].trans != NULL ? msg_memo[k].trans : msgid;
}

const char *
lang_nmsg(const char *one, const char *many, unsigned long n)
{
	const char *t = program != NULL ? catalog_nget(program, one, n) : NULL;

	return t != NULL ? t : n == 1 ? one : many;
}

size_t
lang_program_entries(const struct lang_dirs *d, const char *code, struct diag_list *dl)
{
	struct catalog *c;
	size_t n;

	if (strcmp(code, "en") == 0 || open_program(d, code, &c, dl) != 0)
		return 0;
	n = catalog_count(c);
	catalog_free(c);
	return n;
}

const char *
lang_name(const char *code)
{
	/* Autonyms: a patient looks for their language under its own name. */
	static const char *const names[][2] = {
		{ "ar", "العربية" }, { "ca", "Català" }, { "cs", "Čeština" }, { "da", "Dansk" },
		{ "de", "Deutsch" }, { "el", "Ελληνικά" }, { "en", "English" },
		{ "es", "Español" }, { "eu", "Euskara" }, { "fi", "Suomi" }, { "fr", "Français" },
		{ "gl", "Galego" }, { "hu", "Magyar" }, { "it", "Italiano" }, { "ja", "日本語" },
		{ "nl", "Nederlands" }, { "no", "Norsk" }, { "pl", "Polski" },
		{ "pt", "Português" }, { "ro", "Română" }, { "ru", "Русский" },
		{ "sv", "Svenska" }, { "tr", "Türkçe" }, { "uk", "Українська" }, { "zh", "中文" },
	};
	size_t i, n = strcspn(code, "_@");

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i][0]) == n && strncmp(names[i][0], code, n) == 0)
			return names[i][1];
	return code;
}

void
lang_reset(void)
{
	msg_memo_clear();
	catalog_free(program);
	program = NULL;
	strcpy(current, "en");
}
