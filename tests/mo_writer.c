/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mo_writer.h"
#include "smpscreen/xalloc.h"

#define MO_MAGIC 0x950412deU

static char *
dup_bytes(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
mo_addn(struct mo_list *l, const char *orig, size_t orig_len, const char *trans, size_t trans_len)
{
	struct mo_ent *e;

	l->e = xreallocarray(l->e, l->n + 1, sizeof *l->e);
	e = &l->e[l->n++];
	e->orig = dup_bytes(orig, orig_len);
	e->orig_len = orig_len;
	e->trans = dup_bytes(trans, trans_len);
	e->trans_len = trans_len;
}

void
mo_add(struct mo_list *l, const char *ctx, const char *msgid, const char *str)
{
	char *key = ctx != NULL ? xasprintf("%s\004%s", ctx, msgid) : xstrdup(msgid);

	mo_addn(l, key, strlen(key), str, strlen(str));
	free(key);
}

void
mo_add_header(struct mo_list *l, const char *language, const char *plural_forms)
{
	char *h = xasprintf("Project-Id-Version: smpscreen tests\n"
	                    "Language-Team: none\n"
	                    "Content-Type: text/plain; charset=UTF-8\n"
	                    "%s%s%s"
	                    "%s%s%s",
	    language != NULL ? "Language: " : "", language != NULL ? language : "",
	    language != NULL ? "\n" : "", plural_forms != NULL ? "Plural-Forms: " : "",
	    plural_forms != NULL ? plural_forms : "", plural_forms != NULL ? "\n" : "");

	mo_add(l, NULL, "", h);
	free(h);
}

void
mo_list_free(struct mo_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->e[i].orig);
		free(l->e[i].trans);
	}
	free(l->e);
	l->e = NULL;
	l->n = 0;
}

unsigned
mo_get_word(const unsigned char *img, size_t off, bool big)
{
	const unsigned char *p = img + off;

	return big ? (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3] :
	             (unsigned)p[3] << 24 | (unsigned)p[2] << 16 | (unsigned)p[1] << 8 | p[0];
}

void
mo_put_word(unsigned char *img, size_t off, unsigned v, bool big)
{
	size_t k;

	for (k = 0; k < 4; k++)
		img[off + (big ? 3 - k : k)] = (unsigned char)(v >> (8 * k));
}

unsigned char *
mo_image(const struct mo_list *l, bool big, size_t *size)
{
	size_t i, at, total = MO_TRANS_TABLE(l->n) + 8 * l->n;
	unsigned char *img;

	for (i = 0; i < l->n; i++)
		total += l->e[i].orig_len + 1 + l->e[i].trans_len + 1;
	img = xcalloc(total, 1);
	mo_put_word(img, 0, MO_MAGIC, big);
	mo_put_word(img, 4, 0, big);
	mo_put_word(img, 8, (unsigned)l->n, big);
	mo_put_word(img, 12, MO_ORIG_TABLE, big);
	mo_put_word(img, 16, (unsigned)MO_TRANS_TABLE(l->n), big);
	mo_put_word(img, 20, 0, big); /* no hash table: readers must not need one */
	mo_put_word(img, 24, (unsigned)total, big);
	at = MO_TRANS_TABLE(l->n) + 8 * l->n;
	for (i = 0; i < l->n; i++) {
		mo_put_word(img, MO_ORIG_TABLE + 8 * i, (unsigned)l->e[i].orig_len, big);
		mo_put_word(img, MO_ORIG_TABLE + 8 * i + 4, (unsigned)at, big);
		memcpy(img + at, l->e[i].orig, l->e[i].orig_len);
		at += l->e[i].orig_len + 1;
	}
	for (i = 0; i < l->n; i++) {
		mo_put_word(img, MO_TRANS_TABLE(l->n) + 8 * i, (unsigned)l->e[i].trans_len, big);
		mo_put_word(img, MO_TRANS_TABLE(l->n) + 8 * i + 4, (unsigned)at, big);
		memcpy(img + at, l->e[i].trans, l->e[i].trans_len);
		at += l->e[i].trans_len + 1;
	}
	*size = total;
	return img;
}

/* mkdir -p of the directory part of path. */
static void
make_parents(const char *path)
{
	char *p = xstrdup(path), *s;

	for (s = strchr(p + 1, '/'); s != NULL; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			cr_assert_fail("mkdir %s: %s", p, strerror(errno));
		*s = '/';
	}
	free(p);
}

void
mo_write_bytes(const char *path, const void *data, size_t size)
{
	FILE *fp;

	make_parents(path);
	fp = fopen(path, "wb");
	cr_assert_not_null(fp, "cannot create %s: %s", path, strerror(errno));
	cr_assert_eq(fwrite(data, 1, size, fp), size, "cannot write %s", path);
	cr_assert_eq(fclose(fp), 0, "cannot write %s", path);
}

void
mo_write_file(const char *path, const struct mo_list *l)
{
	size_t size;
	unsigned char *img = mo_image(l, false, &size);

	mo_write_bytes(path, img, size);
	free(img);
}
