/*
 * fuzz-import.c - libFuzzer target (make fuzz): arbitrary bytes through
 * doc_import() (charset, lines, styles, furniture, labels, footnotes,
 * pages) and both printers, with checks besides the sanitizers': block
 * text has no line end or form feed and its spans lie inside it, every
 * body block's page is within the page count and pages never go back in
 * the body, a footnote's referring blocks exist, and the address of a
 * block leads back to a block.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct doc_span *sp;
	struct doc *d;
	struct buf b;
	char *cause = NULL;
	const char *t, *addr;
	size_t i, k, n, len, np, page, last = 0, nb;

	d = doc_import((const char *)data, size, NULL, &cause);
	if (d == NULL) {
		if (cause == NULL)
			abort();	/* NULL always comes with a cause */
		free(cause);
		return 0;
	}
	nb = doc_block_count(d);
	np = doc_page_count(d);
	for (i = 0; i < nb; i++) {
		t = doc_block_text(d, i, &len);
		if (memchr(t, '\n', len) != NULL || memchr(t, '\f', len) !=
		    NULL || strlen(t) != len)
			abort();
		sp = doc_block_spans(d, i, &n);
		for (k = 0; k < n; k++)
			if (sp[k].start > sp[k].end ||
			    sp[k].end > utf8_count(t, len))
				abort();
		page = doc_block_page(d, i);
		if ((np == 0) != (page == 0) || page > np)
			abort();
		if (doc_block_kind(d, i) != DOC_FOOTNOTE) {
			if (page < last)
				abort();
			last = page;
		}
		for (k = 0; k < doc_block_ref_count(d, i); k++)
			if (doc_block_ref(d, i, k) >= nb)
				abort();
		if (doc_block_parent(d, i) != (size_t)-1 &&
		    doc_block_parent(d, i) >= i)
			abort();
		addr = doc_block_address(d, i);
		if (addr != NULL && doc_addr_find(d, addr) >= (long)nb)
			abort();
	}
	buf_init(&b);
	doc_json_print(&b, d);
	doc_outline_print(&b, d);
	buf_free(&b);
	doc_free(d);
	return 0;
}
