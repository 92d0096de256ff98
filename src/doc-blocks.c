/*
 * doc-blocks.c - the working blocks both assemblers fill
 * (doc-style-lines.c, doc-style-wrapped.c) and imp_emit() reads: a list
 * of blocks, each a run of pieces of source lines (borrowed, nothing
 * copied; see struct seg), and the labels as printed.
 */
#include <stdlib.h>
#include <string.h>

#include "doc-import-int.h"

/* --- working blocks --------------------------------------------------- */

/* Adds a block of kind that starts on line to wl; returns its index. */
size_t
imp_block_add(struct wlist *wl, enum doc_kind kind, size_t line)
{
	struct wb *b;

	if (wl->n == wl->cap) {
		wl->cap = wl->cap == 0 ? 256 : wl->cap * 2;
		wl->v = xreallocarray(wl->v, wl->cap, sizeof *wl->v);
	}
	b = &wl->v[wl->n];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->line = line;
	b->parent = NOFF;
	b->label = NOFF;
	b->seg0 = wl->nseg;
	return wl->n++;
}

/*
 * Appends a piece of text (borrowed, see struct seg) to the last block
 * of wl.
 */
void
imp_block_append(struct wlist *wl, const char *s, size_t n)
{
	struct wb *b;

	assert(wl->n > 0);
	b = &wl->v[wl->n - 1];
	assert(b->seg0 + b->nseg == wl->nseg);
	if (n == 0)
		return;
	if (wl->nseg == wl->cseg) {
		wl->cseg = wl->cseg == 0 ? 256 : wl->cseg * 2;
		wl->seg = xreallocarray(wl->seg, wl->cseg, sizeof *wl->seg);
	}
	wl->seg[wl->nseg].s = s;
	wl->seg[wl->nseg].n = n;
	wl->nseg++;
	b->nseg++;
}

/* The block's pieces joined with spaces into out (reset first). */
void
imp_block_gather(const struct wlist *wl, const struct wb *b, struct buf *out)
{
	size_t i;

	buf_reset(out);
	for (i = 0; i < b->nseg; i++) {
		if (i > 0)
			buf_addc(out, ' ');
		buf_add(out, wl->seg[b->seg0 + i].s, wl->seg[b->seg0 + i].n);
	}
}

/* Stores a label as printed; returns its offset in im->labels. */
size_t
imp_label_add(struct imp *im, const char *s, size_t n)
{
	return buf_add_str(&im->labels, s, n);
}

/* Stores a label with its digits folded to ASCII ("١٨" -> "18"). */
size_t
imp_label_add_ascii(struct imp *im, const char *s, size_t n)
{
	size_t off = im->labels.len, i = 0;
	uint32_t c;
	int dv;

	while (i < n) {
		size_t k = i;

		c = dec(s, n, &k);
		if ((dv = digit(c)) >= 0)
			buf_addc(&im->labels, (char)('0' + dv));
		else
			buf_add(&im->labels, s + i, k - i);
		i = k;
	}
	buf_addc(&im->labels, '\0');
	return off;
}
