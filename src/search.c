/*
 * search.c - finding text in a document, Arabic-aware.
 *
 * The first search folds every block of the document (text_fold()) into
 * one array, the index, and every step after that is a scan of it: a
 * tight loop for the pattern's first code point, then a compare.  The
 * folded and the exact index are separate and each is built the first
 * time it is needed.  Nothing here prints, touches a terminal or changes
 * the document.
 *
 * The index of blocks 0 and 1, "أَنَّ" and "Aب" (folded, SEP = 0xFFFFFFFF):
 *
 *	index i   0     1     2     3     4     5
 *	cp[i]     ا     ن     SEP   a     ب     SEP
 *	offset    0     2     5     0     1     2
 *	start[]   0                 3                 6
 *	jumps     .     (1,1) (2,3) .     .     .
 *
 * A code point's offset in its own block is its position in the folded
 * block plus the number of code points folded away before it (the
 * harakat at 1, 3 and 4 here); a SEP's offset is its block's length.
 * Harakat are rare in most documents, so instead of an offset per code
 * point (twice the memory, and fresh memory is what the build spends its
 * time on) the index keeps a jump (i, dropped so far) wherever that
 * count changes, and finds the one before i by bisection.
 *
 * A hit at i of a pattern of m folded code points covers [offset(i),
 * offset(i + m)) of its block: up to, not including, the next code point
 * that survived folding, so the marks after its last letter are
 * highlighted with it.  No pattern holds SEP (it is no code point), so no
 * hit spans two blocks and a compare always stops at the last SEP.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "search.h"
#include "text.h"
#include "util.h"

#define SEARCH_SEP	0xFFFFFFFFu	/* between blocks: matches nothing */
#define SEARCH_NFREQ	0x700		/* counted: ASCII to Arabic */

/* From index position at on (to the next jump), add to the offset. */
struct search_jump {
	size_t		at;
	size_t		add;
};

struct search_index {
	bool			 built;
	uint32_t		*cp;	/* folded text of every block + SEP */
	size_t			 n;	/* length of cp */
	size_t			*start;	/* nblocks + 1: where blocks start */
	size_t			 nblocks;
	struct search_jump	*jump;	/* sorted by at */
	size_t			 njump;
	size_t			*jstart; /* nblocks + 1: block's first jump */
	uint32_t		 freq[SEARCH_NFREQ]; /* of cp[i] < NFREQ */
};

struct search {
	const struct doc	*doc;		/* borrowed */
	struct search_index	 idx[2];	/* 0 folded, 1 exact */
	uint32_t		*pat;		/* folded pattern, owned */
	size_t			 npat;
	bool			 exact;
};

struct search *
search_new(const struct doc *d)
{
	struct search *s;

	assert(d != NULL);
	s = xcalloc(1, sizeof *s);
	s->doc = d;
	return s;
}

static void
index_free(struct search_index *x)
{
	free(x->cp);
	free(x->start);
	free(x->jump);
	free(x->jstart);
	memset(x, 0, sizeof *x);
}

void
search_free(struct search *s)
{
	if (s == NULL)
		return;
	index_free(&s->idx[0]);
	index_free(&s->idx[1]);
	free(s->pat);
	free(s);
}

static void
jump_add(struct search_index *x, size_t *cap, size_t at, size_t add)
{
	if (x->njump == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		x->jump = xreallocarray(x->jump, *cap, sizeof *x->jump);
	}
	x->jump[x->njump].at = at;
	x->jump[x->njump].add = add;
	x->njump++;
}

/*
 * Folds every block into x.  Each block has at most as many code points
 * as bytes, so cp is allocated for the total bytes first (pages never
 * written are never touched) and shrunk at the end.
 */
static void
index_build(struct search_index *x, const struct doc *d, bool exact)
{
	size_t nb = doc_block_count(d), b, len, total = 0, ncp, k, j, i;
	size_t *map = NULL, mapcap = 0, jcap = 0, add;
	const char *t;
	uint32_t *cps;

	for (b = 0; b < nb; b++) {
		doc_block_text(d, b, &len);
		total += len + 1;
	}
	x->cp = xreallocarray(NULL, total + 1, sizeof *x->cp);
	x->start = xreallocarray(NULL, nb + 1, sizeof *x->start);
	x->jstart = xreallocarray(NULL, nb + 1, sizeof *x->jstart);
	x->nblocks = nb;
	k = 0;
	for (b = 0; b < nb; b++) {
		x->start[b] = k;
		x->jstart[b] = x->njump;
		t = doc_block_text(d, b, &len);
		/* Block text is NFC already. */
		cps = text_utf8_decode(t, len, 0, &ncp, NULL);
		if (exact) {
			j = text_fold(cps, ncp, TEXT_FOLD_EXACT, x->cp + k,
			    NULL);
			add = 0;
		} else {
			if (ncp > mapcap) {
				mapcap = ncp;
				free(map);
				map = xreallocarray(NULL, mapcap,
				    sizeof *map);
			}
			j = text_fold(cps, ncp, 0, x->cp + k, map);
			/* map[i] - i only grows: record where it does. */
			for (add = 0, i = 0; i < j; i++)
				if (map[i] - i != add) {
					add = map[i] - i;
					jump_add(x, &jcap, k + i, add);
				}
		}
		for (i = k; i < k + j; i++)
			if (x->cp[i] < SEARCH_NFREQ)
				x->freq[x->cp[i]]++;
		k += j;
		x->cp[k] = SEARCH_SEP;
		if (ncp - j != add)
			jump_add(x, &jcap, k, ncp - j);
		k++;
		free(cps);
	}
	x->start[nb] = k;
	x->jstart[nb] = x->njump;
	x->n = k;
	free(map);
	if (k > 0)
		x->cp = xreallocarray(x->cp, k, sizeof *x->cp);
	x->built = true;
}

static struct search_index *
index_get(struct search *s)
{
	struct search_index *x = &s->idx[s->exact ? 1 : 0];

	if (!x->built)
		index_build(x, s->doc, s->exact);
	return x;
}

bool
search_set(struct search *s, const char *pat, size_t len, bool exact)
{
	uint32_t *cps;
	size_t n;

	assert(s != NULL && (pat != NULL || len == 0));
	free(s->pat);
	cps = text_utf8_decode(pat != NULL ? pat : "", len, TEXT_NFC, &n,
	    NULL);
	/* Folding never makes text longer. */
	s->pat = xreallocarray(NULL, n + 1, sizeof *s->pat);
	s->npat = text_fold(cps, n, exact ? TEXT_FOLD_EXACT : 0, s->pat,
	    NULL);
	free(cps);
	s->exact = exact;
	return s->npat > 0;
}

/* Whether the pattern occurs at p (see above for why this never reads
 * past the index). */
static inline bool
match_at(const struct search *s, const uint32_t *p)
{
	size_t i;

	for (i = 0; i < s->npat; i++)
		if (p[i] != s->pat[i])
			return false;
	return true;
}

/*
 * Which code point of the pattern to scan for: the one the document has
 * least of.  Most words start with ال, the commonest pair of letters, and
 * a scan that stops at every alef spends its time comparing.
 */
static size_t
rarest(const struct search *s, const struct search_index *x)
{
	size_t i, r = 0;
	uint32_t f, best = UINT32_MAX;

	for (i = 0; i < s->npat; i++) {
		f = s->pat[i] < SEARCH_NFREQ ? x->freq[s->pat[i]] : 0;
		if (f < best) {
			best = f;
			r = i;
		}
	}
	return r;
}

/* The block holding index position i (not past the last SEP). */
static size_t
index_block(const struct search_index *x, size_t i)
{
	size_t lo = 0, hi = x->nblocks, mid;

	/* The last block whose start is <= i. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (x->start[mid] <= i)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The offset in block b of the code point at index position i. */
static size_t
index_offset(const struct search_index *x, size_t b, size_t i)
{
	size_t lo = x->jstart[b], hi = x->jstart[b + 1], mid;

	/* The last jump of the block at or before i, if any. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (x->jump[mid].at <= i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return i - x->start[b] + (lo > x->jstart[b] ? x->jump[lo - 1].add :
	    0);
}

/*
 * The index position of offset off of block: the first folded code point
 * of the block at or after off, or the block's SEP; x->n past the end.
 */
static size_t
index_pos(const struct search_index *x, size_t block, size_t off)
{
	size_t lo, hi, mid;

	if (block >= x->nblocks)
		return x->n;
	lo = x->start[block];
	hi = x->start[block + 1] - 1;	/* the SEP */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (index_offset(x, block, mid) < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
hit_make(const struct search *s, const struct search_index *x, size_t i,
    struct search_hit *hit)
{
	hit->block = index_block(x, i);
	hit->start = index_offset(x, hit->block, i);
	hit->end = index_offset(x, hit->block, i + s->npat);
}

bool
search_find(struct search *s, size_t block, size_t off, bool forward,
    struct search_hit *hit)
{
	const struct search_index *x;
	const uint32_t *cp, *p, *e;
	uint32_t c;
	size_t pos, last, r;

	assert(s != NULL && hit != NULL);
	if (s->npat == 0)
		return false;
	x = index_get(s);
	if (x->n < s->npat)
		return false;
	cp = x->cp;
	pos = index_pos(x, block, off);
	/* A hit starts at most at last (the SEP ends the index). */
	last = x->n - s->npat;
	/* Hits start at h; the scan looks at h + r for c. */
	r = rarest(s, x);
	c = s->pat[r];
	if (forward) {
		if (pos > last)
			return false;
		p = cp + pos + r;
		e = cp + last + r + 1;
		for (;;) {
			while (p < e && *p != c)
				p++;
			if (p == e)
				return false;
			if (match_at(s, p - r))
				break;
			p++;
		}
	} else {
		if (pos == 0)
			return false;
		/* From h = min(pos - 1, last) down to 0. */
		p = cp + (pos - 1 < last ? pos - 1 : last) + r;
		e = cp + r;
		for (;;) {
			while (p > e && *p != c)
				p--;
			if (*p == c && match_at(s, p - r))
				break;
			if (p == e)
				return false;
			p--;
		}
	}
	hit_make(s, x, (size_t)(p - r - cp), hit);
	return true;
}

size_t
search_block_hits(struct search *s, size_t block, struct search_hit *hits,
    size_t max)
{
	const struct search_index *x;
	const uint32_t *cp, *p, *e;
	size_t count = 0;

	assert(s != NULL && (hits != NULL || max == 0));
	if (s->npat == 0)
		return 0;
	x = index_get(s);
	if (block >= x->nblocks)
		return 0;
	cp = x->cp;
	/* Hits in the block start before its SEP; match_at() stops there. */
	e = cp + x->start[block + 1] - 1;
	for (p = cp + x->start[block]; p < e; p++) {
		if (!match_at(s, p))
			continue;
		if (count < max)
			hit_make(s, x, (size_t)(p - cp), &hits[count]);
		count++;
	}
	return count;
}
