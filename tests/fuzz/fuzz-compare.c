/*
 * fuzz-compare.c - libFuzzer target (make fuzz): two versions made of
 * arbitrary bytes (split at the first NUL, else in half), imported,
 * compared (diff.c) and laid out side by side and in one column
 * (compare-view.c) at a width from the first byte, folded and not.
 * Checks besides the sanitizers': every pair is shown once; a row of a
 * side is a row of one of that pair's blocks; the rows counted item by
 * item are the rows walked from the top to the end; the changes are in
 * order; the inline marks lie inside the inline text.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compare-view.h"
#include "diff.h"
#include "doc.h"
#include "util.h"
#include "view.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct doc *
import(const uint8_t *p, size_t n)
{
	struct doc_import_opts io = { NULL, "fuzz.txt", 0, false };
	char *cause = NULL;
	struct doc *d = doc_import((const char *)p, n, &io, &cause);

	free(cause);
	return d;
}

static void
walk(struct diff *df, struct cmpv *m, struct view *v[2])
{
	struct cmpv_pos p = { 0, 0 };
	struct cmpv_row r;
	size_t i, total = 0, pairs = 0, last = 0;
	long moved;
	int s;

	for (i = 0; i < cmpv_item_count(m); i++) {
		const struct cmpv_item *it = cmpv_item(m, i);

		total += cmpv_item_rows(m, i);
		if (it->kind == CMPV_PAIR)
			pairs++;
		else if (it->kind == CMPV_FOLD)
			pairs += it->npairs;
	}
	if (pairs != diff_pair_count(df))
		abort();
	for (i = 0; i < cmpv_change_count(m); i++) {
		if (i > 0 && cmpv_change_item(m, i) <= last)
			abort();
		last = cmpv_change_item(m, i);
	}
	do {
		cmpv_row(m, &p, &r);
		if (r.kind != CMPV_ROW_TEXT)
			continue;
		for (s = 0; s < 2 && !cmpv_inline(m); s++) {
			const struct diff_pair *pr = diff_pair(df, r.pair);
			size_t f = s == CMPV_OLD ? pr->old_first :
			    pr->new_first;
			size_t n = s == CMPV_OLD ? pr->old_count :
			    pr->new_count;

			if (r.has[s] && (r.at[s].block < f ||
			    r.at[s].block >= f + n ||
			    r.at[s].row >= view_block_rows(v[s],
			    r.at[s].block)))
				abort();
		}
	} while (cmpv_move(m, &p, 1) == 1);
	p.item = p.row = 0;
	moved = cmpv_move(m, &p, (long)total + 5);
	if (cmpv_item_count(m) > 0 && moved != (long)total - 1)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul;
	struct doc *od, *nd;
	struct diff *df;
	struct view *v[2];
	struct cmpv *m;
	size_t half, k, i, nm, cap = 0;
	struct view_mark *mk = NULL;
	int width;

	if (size < 2 || size > 65536)
		return 0;
	width = 8 + data[0] % 90;
	data++;
	size--;
	nul = memchr(data, 0, size);
	half = nul != NULL ? (size_t)(nul - data) : size / 2;
	od = import(data, half);
	nd = import(data + half + (nul != NULL), size - half -
	    (nul != NULL));
	df = diff_new(od, nd, NULL);
	v[CMPV_OLD] = od != NULL ? view_new(od, width, 0) : NULL;
	v[CMPV_NEW] = nd != NULL ? view_new(nd, width, 0) : NULL;
	m = cmpv_new(df, v[CMPV_OLD], v[CMPV_NEW]);
	walk(df, m, v);
	cmpv_set_fold(m, true, NULL);
	walk(df, m, v);
	cmpv_set_inline(m, true, width * 2, 0, NULL);
	walk(df, m, v);
	for (k = 0; k < diff_pair_count(df); k++) {
		nm = 0;
		cmpv_marks(m, k, CMPV_NEW, &mk, &cap, &nm);
		for (i = 0; i < nm; i++) {
			size_t len;
			const char *t = doc_block_text(view_doc(
			    cmpv_inline_view(m)), mk[i].block, &len);

			if (mk[i].end > utf8_count(t, len) ||
			    mk[i].start >= mk[i].end)
				abort();
		}
	}
	cmpv_set_fold(m, false, NULL);
	walk(df, m, v);
	free(mk);
	cmpv_free(m);
	view_free(v[CMPV_OLD]);
	view_free(v[CMPV_NEW]);
	diff_free(df);
	doc_free(od);
	doc_free(nd);
	return 0;
}
