/*
 * fuzz-refs.c - libFuzzer target (make fuzz): arbitrary bytes imported as
 * a document and read for cross-references (refs_find()), with checks
 * besides the sanitizers': every reference lies inside its block, in
 * reading order, with its text the block's text there; a target block
 * exists; and the fast search (the hints of refs.c) finds exactly what
 * the exhaustive one does.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "refs.h"
#include "text.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct ref *x, *prev = NULL;
	struct refs *r, *slow;
	struct doc *d;
	struct buf a, b;
	uint32_t *cps;
	char *cause = NULL;
	const char *t;
	size_t i, n, len, nb;

	if ((d = doc_import((const char *)data, size, NULL, &cause)) == NULL) {
		free(cause);
		return 0;
	}
	nb = doc_block_count(d);
	r = refs_find(d);
	buf_init(&a);
	buf_init(&b);
	for (i = 0; i < refs_count(r); i++) {
		x = refs_get(r, i);
		if (x->block >= nb || x->start >= x->end ||
		    x->target == NULL || x->text == NULL ||
		    x->target_block >= (long)nb || x->target_block < -1)
			abort();
		if (prev != NULL && (prev->block > x->block ||
		    (prev->block == x->block && prev->start > x->start)))
			abort();
		t = doc_block_text(d, x->block, &len);
		cps = text_utf8_decode(t, len, 0, &n, NULL);
		if (x->end > n)
			abort();
		buf_reset(&a);
		text_utf8_encode(&a, cps + x->start, x->end - x->start);
		buf_addc(&a, '\0');
		if (strcmp(a.data, x->text) != 0)
			abort();
		free(cps);
		prev = x;
	}
	slow = refs_find_flags(d, REFS_EXHAUSTIVE);
	buf_reset(&a);
	refs_print(&a, d, r, true, NULL, NULL);
	refs_print(&b, d, slow, true, NULL, NULL);
	if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
		abort();
	buf_reset(&a);
	refs_print(&a, d, r, false, NULL, NULL);
	buf_free(&a);
	buf_free(&b);
	refs_free(slow);
	refs_free(r);
	doc_free(d);
	return 0;
}
