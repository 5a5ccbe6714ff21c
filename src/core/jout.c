/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jout.h"
#include <stdbool.h>
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

/* jansson fails only when memory runs out; treat that like xmalloc does. */
_Noreturn void
jout_oom(void)
{
	xalloc_oom();
}

/* jansson's copies of the strings hold answers and names: zeroed before they are let go,
 * like the program's own. */
static void
zero_free(void *p)
{
	if (p == NULL)
		return;
	explicit_bzero(p, malloc_usable_size(p));
	free(p);
}

void
jout_begin(void)
{
	static bool done;

	if (done)
		return;
	json_set_alloc_funcs(malloc, zero_free);
	done = true;
}

json_t *
jout_must(json_t *j)
{
	if (j == NULL)
		jout_oom();
	return j;
}

json_t *
jout_str(const char *s)
{
	char *clean;
	json_t *j;

	/* Nearly every string (ids, values, our own texts) is clean and valid UTF-8 already:
	 * checked, not copied, and jansson need not validate it a second time. */
	if (text_is_clean(s, true))
		return jout_must(json_string_nocheck(s));
	clean = text_sanitize(s, strlen(s), 0, true);
	j = jout_must(json_string_nocheck(clean));
	explicit_bzero(clean, strlen(clean));
	free(clean);
	return j;
}

json_t *
jout_str_or_null(const char *s)
{
	return s != NULL ? jout_str(s) : jout_must(json_null());
}

void
jout_set(json_t *obj, const char *key, json_t *value)
{
	if (json_object_set_new(obj, key, value) != 0)
		jout_oom();
}

void
jout_push(json_t *arr, json_t *value)
{
	if (json_array_append_new(arr, value) != 0)
		jout_oom();
}

char *
jout_dumps(const json_t *j, size_t flags)
{
	char *s = json_dumps(j, flags);

	if (s == NULL)
		jout_oom();
	return s;
}

void
jout_dump(struct strbuf *out, const json_t *j, size_t flags)
{
	char *s = jout_dumps(j, flags);

	sb_append(out, s);
	sb_appendc(out, '\n');
	zero_free(s);
}

json_t *
jout_ident(const char *id, int version, const char *sha256)
{
	json_t *o = jout_must(json_object());

	jout_set(o, "id", jout_str(id));
	jout_set(o, "version", jout_must(json_integer(version)));
	jout_set(o, "sha256", jout_str(sha256));
	return o;
}
