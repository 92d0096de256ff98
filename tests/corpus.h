/*
 * corpus.h - the seed documents for the C unit tests.  Header-only,
 * like tap.h (include that first).  The corpus is $HAMISH_CORPUS, by
 * default tests/corpus: run the tests from the repository root.
 */
#ifndef HAMISH_CORPUS_H
#define HAMISH_CORPUS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "doc.h"
#include "text.h"
#include "util.h"

#define S000	"000_81311ed4a92fdab7.txt"
#define S001	"001_9cffd64b9ac82079.txt"
#define S002	"002_a2ddec63a1cf2f60.txt"
#define S003	"003_50053b280e36211a.txt"

/* The corpus directory (static). */
__attribute__((unused)) static const char *
corpus_dir(void)
{
	const char *c = getenv("HAMISH_CORPUS");

	return c != NULL && *c != '\0' ? c : "tests/corpus";
}

/* The bytes of corpus file name, NUL-terminated (caller frees), their
 * count in *len; NULL if it cannot be read. */
__attribute__((unused)) static char *
corpus_read(const char *name, size_t *len)
{
	char *path = xasprintf("%s/%s", corpus_dir(), name), *s = NULL;
	char *cause = NULL;

	if (util_file_read(path, &s, len, &cause) != 0)
		s = NULL;
	free(cause);
	free(path);
	return s;
}

/* Corpus file name imported (caller frees), or NULL after a failed ok(). */
__attribute__((unused)) static struct doc *
load(const char *name)
{
	struct doc *d;
	char *path, *cause = NULL;

	path = xasprintf("%s/%s", corpus_dir(), name);
	d = doc_import_file(path, NULL, &cause);
	if (!ok(d != NULL, "import %s", name))
		printf("#   %s\n", cause);
	free(cause);
	free(path);
	return d;
}

/* Code points of block b (caller frees), length in *n. */
__attribute__((unused)) static uint32_t *
block_cps(const struct doc *d, size_t b, size_t *n)
{
	size_t len;
	const char *t = doc_block_text(d, b, &len);

	return text_utf8_decode(t, len, 0, n, NULL);
}

/* Code points [s, e) of block b as UTF-8 (caller frees); "" if the
 * range is not within the block. */
__attribute__((unused)) static char *
block_slice(const struct doc *d, size_t b, size_t s, size_t e)
{
	struct buf out;
	uint32_t *cp;
	size_t n;

	buf_init(&out);
	cp = block_cps(d, b, &n);
	if (s <= e && e <= n)
		text_utf8_encode(&out, cp + s, e - s);
	buf_addc(&out, '\0');
	free(cp);
	return buf_steal(&out);
}

#endif
