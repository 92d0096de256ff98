/*
 * words.c - words across a document's blocks (see words.h).
 *
 * Keeps the code points and line breaks of the few blocks last asked
 * for: a cursor or a selection looks at one block and its neighbours.
 * Must not: know of rows, columns or keys.
 */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "text.h"
#include "util.h"
#include "words.h"

#define CACHED	4		/* blocks kept */

struct wblock {
	size_t		 block;		/* (size_t)-1: empty slot */
	uint32_t	*cps;
	uint8_t		*brk;		/* n + 1 */
	size_t		 n;
	unsigned	 used;		/* for least recently used */
};

struct words {
	const struct doc *d;
	struct wblock	 c[CACHED];
	unsigned	 clock;
};

struct words *
words_new(const struct doc *d)
{
	struct words *w = xcalloc(1, sizeof *w);

	w->d = d;
	for (int i = 0; i < CACHED; i++)
		w->c[i].block = (size_t)-1;
	return w;
}

void
words_free(struct words *w)
{
	if (w == NULL)
		return;
	for (int i = 0; i < CACHED; i++) {
		free(w->c[i].cps);
		free(w->c[i].brk);
	}
	free(w);
}

int
wpos_cmp(const struct wpos *a, const struct wpos *b)
{
	if (a->block != b->block)
		return a->block < b->block ? -1 : 1;
	if (a->off != b->off)
		return a->off < b->off ? -1 : 1;
	return 0;
}

static struct wblock *
get(struct words *w, size_t block)
{
	struct wblock *b = &w->c[0];
	const char *t;
	size_t len, j;

	for (int i = 0; i < CACHED; i++) {
		if (w->c[i].block == block) {
			w->c[i].used = ++w->clock;
			return &w->c[i];
		}
		if (w->c[i].used < b->used)
			b = &w->c[i];
	}
	free(b->cps);
	free(b->brk);
	t = doc_block_text(w->d, block, &len);
	b->block = block;
	b->cps = text_utf8_decode(t, len, 0, &b->n, NULL);
	b->brk = xcalloc(b->n + 1, 1);
	text_breaks(b->cps, b->n, TEXT_BRK_LINE, b->brk);
	for (j = 1; j < b->n; j++)
		if ((b->brk[j] & TEXT_BRK_LINE) &&
		    text_break_unwanted(b->cps, j))
			b->brk[j] &= (uint8_t)~TEXT_BRK_LINE;
	b->used = ++w->clock;
	return b;
}

const uint32_t *
words_text(struct words *w, size_t block, size_t *n)
{
	struct wblock *b = get(w, block);

	*n = b->n;
	return b->cps;
}

static bool
is_word(const struct wblock *b, size_t i)
{
	return i < b->n && !text_cp_is_space(b->cps[i]);
}

/* A word starts at i: a line-break opportunity (or the block's start)
 * before a character that is not a space. */
static bool
starts(const struct wblock *b, size_t i)
{
	return is_word(b, i) && (i == 0 || (b->brk[i] & TEXT_BRK_LINE) != 0);
}

bool
words_at_or_after(struct words *w, struct wpos *p)
{
	size_t nb = doc_block_count(w->d), i = p->off;

	for (size_t k = p->block; k < nb; k++, i = 0) {
		struct wblock *b = get(w, k);

		for (; i < b->n; i++)
			if (starts(b, i)) {
				p->block = k;
				p->off = i;
				return true;
			}
	}
	return false;
}

bool
words_before(struct words *w, struct wpos *p)
{
	size_t k = p->block, i = p->off;

	if (k >= doc_block_count(w->d)) {
		if (doc_block_count(w->d) == 0)
			return false;
		k = doc_block_count(w->d) - 1;
		i = (size_t)-1;
	}
	for (;;) {
		struct wblock *b = get(w, k);

		if (i > b->n)
			i = b->n;
		while (i-- > 0)
			if (starts(b, i)) {
				p->block = k;
				p->off = i;
				return true;
			}
		if (k-- == 0)
			return false;
		i = (size_t)-1;
	}
}

size_t
words_end(struct words *w, const struct wpos *p)
{
	struct wblock *b = get(w, p->block);
	size_t i = p->off, last = p->off;

	if (i >= b->n)
		return b->n;
	/* to the next break, then back over the spaces before it */
	for (i++; i < b->n && !starts(b, i); i++)
		if (is_word(b, i))
			last = i;
	return last + 1;
}

bool
words_snap(struct words *w, struct wpos *p)
{
	struct wpos q = { p->block, p->off + 1 };

	if (p->block < doc_block_count(w->d) && words_before(w, &q) &&
	    q.block == p->block && words_end(w, &q) > p->off) {
		*p = q;
		return true;
	}
	return words_at_or_after(w, p);
}

bool
words_next(struct words *w, struct wpos *p)
{
	struct wpos q = { p->block, words_end(w, p) };

	if (!words_at_or_after(w, &q))
		return false;
	*p = q;
	return true;
}

bool
words_prev(struct words *w, struct wpos *p)
{
	struct wpos q = *p;

	if (!words_before(w, &q))
		return false;
	*p = q;
	return true;
}
