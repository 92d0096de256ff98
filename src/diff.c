/*
 * diff.c - comparing two versions of a document: block alignment by
 * content and word-level changes.
 *
 * Pure: no terminal, no SQLite, nothing printed; it reads the two
 * documents through doc.h and folds and breaks text through text.h.
 *
 * Blocks (diff_new()), in the body and in the footnotes separately:
 *   1. Every block gets three fingerprints of its text without its label
 *      (a 64-bit FNV-1a hash): "loose" (folded like text_fold_diff()
 *      with TEXT_DFOLD_SPELLING), "form" (without it) and the one of the
 *      mode (form, or the exact code points with opts->exact).  Footnote
 *      markers count as one placeholder whatever their number, so that
 *      renumbered footnotes leave their paragraphs "same".  Alignment
 *      uses the loose fingerprint; the status compares the mode's.
 *   2. Common prefix and suffix, then unique fingerprints as anchors:
 *      a fingerprint that occurs once in each version pairs those two
 *      blocks (P. Heckel, "A technique for isolating differences between
 *      files", CACM 21(4), 1978), the anchors kept in the longest
 *      increasing subsequence of their positions and the gaps between
 *      them done again the same way (B. Cohen's patience diff, as in
 *      bzr and git --patience).  A gap without unique fingerprints (a
 *      document that repeats itself) goes to E. Myers' O(ND) greedy
 *      algorithm ("An O(ND) difference algorithm and its variations",
 *      Algorithmica 1, 1986), bounded in D.
 *   3. Between two aligned pairs, what is left on both sides is paired
 *      by similarity (Dice coefficient of the folded words), by the
 *      dynamic programme of a global alignment with free gaps
 *      (Needleman-Wunsch) when the hunk is small, greedily in a window
 *      when it is not: reworded paragraphs become "changed".
 *   4. Split and merge: a block left over beside a changed pair, or one
 *      whose neighbourhood holds a run of left-over blocks on the other
 *      side, is tried against the concatenation of 2-16 consecutive
 *      blocks (most of each piece's words must be in the other side).
 *   5. Moves: what is left on both sides anywhere is paired best first,
 *      first by equal fingerprints, then by similarity over candidates
 *      found through an inverted index of rare words (each word's list
 *      capped, so unrelated documents stay near-linear).  A pair is
 *      "moved" when it is not in the longest increasing subsequence of
 *      all pairs (the order of the rest).
 *   6. The pairs of step 5 that keep the order anchor the hunks again:
 *      in-place rewordings a big hunk's window missed are paired with the
 *      threshold of step 3 (refine()).
 * White space is no change, a space more or less between two words
 * included (hs_add()); only a space between two digits counts.
 *
 * Words (diff_pair_ops()), only for the pairs a caller asks about:
 * tokens are words, numbers and symbols kept whole (a line-break segment
 * of ICU from its first letter or digit to its last, so `A/79/161` and
 * `12(b)` are one token), each punctuation grapheme and each footnote
 * marker (its span); white space belongs to the token before it.  Myers
 * again over the tokens' fingerprints, then N. Fraser's semantic
 * clean-up (diff-match-patch, diff_cleanupSemantic: an equality no longer
 * than the changes on both sides of it is made part of them), then a
 * one-word replacement that only adds, drops or changes a prefix or
 * suffix of up to three letters that is a clitic (a run of و ف, ب ل ك,
 * ال; an attached pronoun) around a stem of three letters or more is
 * narrowed to that affix (affix()), and a replacement that only moves
 * white space is no change, one beside words joined or broken by an
 * extraction narrowed to what differs (emit_spacing()).
 */
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "doc.h"
#include "text.h"
#include "util.h"

#define MYERS_DMAX	1024	/* edit distance bound of one Myers run */
#define DP_CELLS	40000	/* largest hunk aligned by dynamic programme */
#define GREEDY_WIN	8	/* window of the greedy pairing of big hunks */
#define T_CHANGE	0.4	/* similarity to pair two blocks in place */
#define T_MOVE		0.55	/* ... two blocks far apart */
#define T_SPLIT		0.5	/* ... a block with a run of blocks */
#define T_PIECE		0.6	/* words of a piece found in the whole */
#define SPLIT_MAX	16	/* most pieces of a split or a merge */
#define POST_CAP	64	/* longest posting list of the move index */
#define MOVE_CANDS	16	/* candidates scored per left-over block */
#define DEPTH_MAX	48	/* patience recursion before Myers */
#define SIDES_THREAD	200	/* blocks of both: fingerprint on 2 threads */

#define FNV_PRIME	0x100000001b3ULL
#define FOOTREF_CP	0xFFFC	/* what a footnote marker counts as */

static inline uint64_t
fnv(uint64_t h, uint32_t c)
{
	return (h ^ c) * FNV_PRIME;
}

/* One block of one version. */
struct blk {
	uint64_t	 kl;		/* loose fingerprint (spelling folded) */
	uint64_t	 kf;		/* form fingerprint */
	uint64_t	 km;		/* fingerprint of the mode */
	uint32_t	*words;		/* sorted hashes of the folded words */
	size_t		 nwords;
	bool		 words_done;
	enum doc_kind	 kind;
	size_t		 grp;		/* group (pair) or DIFF_NONE */
};

struct side {
	const struct doc *d;
	size_t		 n;
	size_t		 nbody;		/* blocks before the footnotes */
	struct blk	*b;
	uint64_t	*kl;		/* b[i].kl, contiguous for the runs */
	uint32_t	*cp;		/* side_init()'s scratch: the two */
	size_t		 cpcap;		/* sides may be read at once */
};

/* A group in the making: becomes a pair. */
struct grp {
	size_t		 of, oc, nf, nc;
	bool		 inorder;
	double		 sim;
};

struct diff {
	struct side	 o, n;
	struct diff_opts opts;
	struct grp	*g;
	size_t		 ng, gcap;
	struct diff_pair *p;
	size_t		 np;
	size_t		*pair_of_old, *pair_of_new;
	struct diff_op **ops;
	size_t		*nops;
	struct diff_summary sum;
	/* scratch */
	uint32_t	*cp;
	size_t		 cpcap;
};

/* --- fingerprints ---------------------------------------------------- */

/* Code points of block i's text into d->cp; returns how many. */
static size_t
blk_decode(struct diff *df, const struct side *s, size_t i)
{
	size_t len;
	const char *t = doc_block_text(s->d, i, &len);

	return text_utf8_decode_buf(t, len, 0, &df->cp, &df->cpcap, NULL);
}

/* Whether code point k of block i is inside a footnote marker span; *end
 * receives the span's end. */
static bool
in_footref(const struct doc_span *sp, size_t nsp, size_t k, size_t *end)
{
	for (size_t j = 0; j < nsp; j++)
		if (sp[j].kind == DOC_SPAN_FOOTREF && k >= sp[j].start &&
		    k < sp[j].end) {
			*end = sp[j].end;
			return true;
		}
	return false;
}

/* The first code point at or after from that is inside a footnote marker
 * span (in_footref() is then true there), or SIZE_MAX: so that a block
 * is not searched span by span at every code point. */
static size_t
footref_next(const struct doc_span *sp, size_t nsp, size_t from)
{
	size_t p = SIZE_MAX, st;

	for (size_t j = 0; j < nsp; j++)
		if (sp[j].kind == DOC_SPAN_FOOTREF && sp[j].end > from) {
			st = sp[j].start > from ? sp[j].start : from;
			if (st < p)
				p = st;
		}
	return p;
}

/*
 * Hashes the folded code points of one level without its white space: a
 * small state machine per level.  Spacing is no change (the "white
 * space" rule), and that includes a space more or less between two words:
 * PDF extraction and retyping join and break Arabic words all the time
 * (تعرّضالنساء, و يغطّي, هو ية).  Only a space between two digits counts,
 * since 1 2 is not 12.
 */
struct hstate {
	uint64_t h;
	bool	 space;		/* a space is pending */
	bool	 any;		/* something was hashed */
	uint32_t last;		/* the last code point hashed */
};

static inline bool
is_digit_cp(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static inline void
hs_add(struct hstate *st, uint32_t c)
{
	if (c == ' ') {
		st->space = st->any;
		return;
	}
	if (st->space && is_digit_cp(st->last) && is_digit_cp(c))
		st->h = fnv(st->h, ' ');
	st->space = false;
	st->any = true;
	st->last = c;
	st->h = fnv(st->h, c);
}

static void
blk_keys(struct diff *df, struct side *s, size_t i)
{
	struct blk *b = &s->b[i];
	struct hstate hl = { UTIL_HASH64_INIT, false, false, 0 }, hf = hl,
	    hx = hl;
	const struct doc_span *sp;
	uint32_t f[TEXT_DFOLD_MAX];
	size_t n, k, j, m, nsp, end, fpos, len;
	const char *t;

	t = doc_block_text(s->d, i, &len);
	n = text_utf8_decode_buf(t, len, 0, &s->cp, &s->cpcap, NULL);
	sp = doc_block_spans(s->d, i, &nsp);
	fpos = footref_next(sp, nsp, 0);
	for (k = 0; k < n; k++) {
		uint32_t c = s->cp[k];

		if (k == fpos && in_footref(sp, nsp, k, &end)) {
			hs_add(&hl, FOOTREF_CP);
			hs_add(&hf, FOOTREF_CP);
			hs_add(&hx, FOOTREF_CP);
			k = end - 1;
			fpos = footref_next(sp, nsp, end);
			continue;
		}
		hx.h = fnv(hx.h, c);
		hx.any = true;
		m = text_fold_diff(c, 0, f);
		for (j = 0; j < m; j++)
			hs_add(&hf, f[j]);
		if (c < 0x80 && c != ' ' && (c < 'A' || c > 'Z')) {
			hs_add(&hl, c);
			continue;
		}
		m = text_fold_diff(c, TEXT_DFOLD_SPELLING, f);
		for (j = 0; j < m; j++)
			hs_add(&hl, f[j]);
	}
	b->kl = hl.h;
	b->kf = hf.h;
	b->km = df->opts.exact ? hx.h : hf.h;
	b->kind = doc_block_kind(s->d, i);
	b->grp = DIFF_NONE;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* The sorted hashes of the loose-folded words of block i (letters, marks
 * and digits; a footnote marker is no word). */
static void
blk_words(struct diff *df, struct side *s, size_t i)
{
	struct blk *b = &s->b[i];
	const struct doc_span *sp;
	uint32_t f[TEXT_DFOLD_MAX], *w = NULL;
	size_t n, k, j, m, nw = 0, cap = 0, nsp, end;
	uint64_t h = UTIL_HASH64_INIT;
	bool in = false, word;

	if (b->words_done)
		return;
	b->words_done = true;
	n = blk_decode(df, s, i);
	sp = doc_block_spans(s->d, i, &nsp);
	for (k = 0; k <= n; k++) {
		if (k < n && nsp > 0 && in_footref(sp, nsp, k, &end)) {
			k = end - 1;	/* a marker is no word */
			m = 1;
			f[0] = ' ';
		} else if (k < n) {
			if ((m = text_fold_diff(df->cp[k],
			    TEXT_DFOLD_SPELLING, f)) == 0)
				continue;  /* a haraka does not end a word */
		} else {
			m = 1;
			f[0] = ' ';
		}
		for (j = 0; j < m; j++) {
			word = (text_cp_props(f[j]) & TEXT_P_WORD) != 0;
			if (word) {
				h = fnv(h, f[j]);
				in = true;
				continue;
			}
			if (!in)
				continue;
			if (nw == cap) {
				cap = cap ? 2 * cap : 32;
				w = xreallocarray(w, cap, sizeof *w);
			}
			w[nw++] = (uint32_t)(h ^ (h >> 32));
			h = UTIL_HASH64_INIT;
			in = false;
		}
	}
	if (nw > 1)
		qsort(w, nw, sizeof *w, cmp_u32);
	b->words = w;
	b->nwords = nw;
}

/* Words common to two sorted multisets. */
static size_t
common(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t i = 0, j = 0, c = 0;

	while (i < na && j < nb) {
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else {
			c++;
			i++;
			j++;
		}
	}
	return c;
}

static double
dice(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	if (na + nb == 0)
		return 0;
	return 2.0 * (double)common(a, na, b, nb) / (double)(na + nb);
}

/* Headings pair with headings only; the other body kinds freely (a
 * preambular paragraph may become an operative one). */
static bool
kinds_ok(enum doc_kind a, enum doc_kind b)
{
	return (a == DOC_HEADING) == (b == DOC_HEADING);
}

static double
sim_blocks(struct diff *df, size_t i, size_t j)
{
	struct blk *a = &df->o.b[i], *b = &df->n.b[j];

	if (!kinds_ok(a->kind, b->kind))
		return 0;
	if (a->kl == b->kl)
		return 1;
	blk_words(df, &df->o, i);
	blk_words(df, &df->n, j);
	return dice(a->words, a->nwords, b->words, b->nwords);
}

/* --- groups ---------------------------------------------------------- */

static size_t
grp_add(struct diff *df, size_t of, size_t oc, size_t nf, size_t nc,
    double sim)
{
	struct grp *g;
	size_t k;

	if (df->ng == df->gcap) {
		df->gcap = df->gcap ? 2 * df->gcap : 64;
		df->g = xreallocarray(df->g, df->gcap, sizeof *df->g);
	}
	g = &df->g[df->ng];
	g->of = of;
	g->oc = oc;
	g->nf = nf;
	g->nc = nc;
	g->sim = sim;
	g->inorder = true;
	for (k = 0; k < oc; k++)
		df->o.b[of + k].grp = df->ng;
	for (k = 0; k < nc; k++)
		df->n.b[nf + k].grp = df->ng;
	return df->ng++;
}

/* --- Myers ----------------------------------------------------------- */

/*
 * The matches of a shortest edit script between a[0..n) and b[0..m),
 * reported to fn in increasing order; false (nothing reported) when the
 * edit distance exceeds dmax.  The trace keeps each round's frontier, so
 * memory is O(D^2) with D <= dmax.
 */
typedef void (*match_fn)(void *, size_t, size_t);

static bool
myers(const uint64_t *a, size_t n, const uint64_t *b, size_t m,
    size_t dmax, match_fn fn, void *arg)
{
	ptrdiff_t *v, *trace, x, y, k, d, D = -1, off, prevk, px, py;
	size_t *toff, tlen = 0, i, nm;
	struct { size_t x, y; } *mt;

	if (dmax > n + m)
		dmax = n + m;
	off = (ptrdiff_t)dmax + 1;
	v = xcalloc(2 * (size_t)off + 1, sizeof *v);
	toff = xcalloc(dmax + 2, sizeof *toff);
	trace = xreallocarray(NULL, (dmax + 1) * (dmax + 1) + 1,
	    sizeof *trace);
	v[off + 1] = 0;
	for (d = 0; d <= (ptrdiff_t)dmax && D < 0; d++) {
		for (k = -d; k <= d; k += 2) {
			if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
				x = v[off + k + 1];
			else
				x = v[off + k - 1] + 1;
			y = x - k;
			while (x < (ptrdiff_t)n && y < (ptrdiff_t)m &&
			    a[x] == b[y]) {
				x++;
				y++;
			}
			v[off + k] = x;
			if (x >= (ptrdiff_t)n && y >= (ptrdiff_t)m) {
				D = d;
				break;
			}
		}
		toff[d] = tlen;
		for (k = -d; k <= d; k++)
			trace[tlen++] = v[off + k];
	}
	free(v);
	if (D < 0) {
		free(toff);
		free(trace);
		return false;
	}
	/* Backwards from (n, m), the matches collected then reported. */
	mt = xreallocarray(NULL, (n < m ? n : m) + 1, sizeof *mt);
	nm = 0;
	x = (ptrdiff_t)n;
	y = (ptrdiff_t)m;
	for (d = D; d > 0; d--) {
		/* round d - 1's frontier, k from -(d - 1) */
		const ptrdiff_t *pv = trace + toff[d - 1] + (d - 1);
		ptrdiff_t sx, sy;

		k = x - y;
		if (k == -d || (k != d && pv[k - 1] < pv[k + 1]))
			prevk = k + 1;
		else
			prevk = k - 1;
		px = pv[prevk];
		py = px - prevk;
		sx = prevk == k + 1 ? px : px + 1;	/* after the edit */
		sy = sx - k;
		while (x > sx && y > sy) {
			x--;
			y--;
			mt[nm].x = (size_t)x;
			mt[nm++].y = (size_t)y;
		}
		x = px;
		y = py;
	}
	while (x > 0 && y > 0) {
		x--;
		y--;
		mt[nm].x = (size_t)x;
		mt[nm++].y = (size_t)y;
	}
	for (i = nm; i-- > 0;)
		fn(arg, mt[i].x, mt[i].y);
	free(mt);
	free(toff);
	free(trace);
	return true;
}

/* --- step 2: equal fingerprints -------------------------------------- */

struct run {
	size_t	alo, ahi, blo, bhi;
	int	depth;
};

struct bctx {
	struct diff	*df;
	size_t		 alo, blo;
};

static void
block_match(void *arg, size_t x, size_t y)
{
	struct bctx *c = arg;

	grp_add(c->df, c->alo + x, 1, c->blo + y, 1, 1);
}

/* Open-addressing table of fingerprints for the patience step. */
struct hent {
	uint64_t key;
	size_t	 ca, pa, cb, pb;
	bool	 used;
};

static struct hent *
hfind(struct hent *t, size_t mask, uint64_t key)
{
	size_t h = (size_t)(key ^ (key >> 29)) & mask;

	while (t[h].used && t[h].key != key)
		h = (h + 1) & mask;
	return &t[h];
}

/*
 * The longest increasing subsequence of v[0..n) (values distinct),
 * patience sorting with back links: sets keep[i] for its members.
 */
static void
lis(const size_t *v, size_t n, bool *keep)
{
	size_t *tail = xreallocarray(NULL, n + 1, sizeof *tail);
	size_t *prev = xreallocarray(NULL, n + 1, sizeof *prev);
	size_t len = 0, lo, hi, mid, i, k;

	for (i = 0; i < n; i++) {
		keep[i] = false;
		lo = 0;
		hi = len;
		while (lo < hi) {
			mid = (lo + hi) / 2;
			if (v[tail[mid]] < v[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[i] = lo > 0 ? tail[lo - 1] : DIFF_NONE;
		tail[lo] = i;
		if (lo == len)
			len++;
	}
	for (k = len > 0 ? tail[len - 1] : DIFF_NONE; k != DIFF_NONE;
	    k = prev[k])
		keep[k] = true;
	free(tail);
	free(prev);
}

static void
push_run(struct run **st, size_t *n, size_t *cap, struct run r)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		*st = xreallocarray(*st, *cap, sizeof **st);
	}
	(*st)[(*n)++] = r;
}

static void
align_equal(struct diff *df, size_t alo, size_t ahi, size_t blo,
    size_t bhi)
{
	struct run *st = NULL, r;
	size_t nst = 0, cst = 0, na, nb, sz, mask, i, k, nc;
	const uint64_t *ka = df->o.kl, *kb = df->n.kl;
	struct hent *t, *e;
	size_t *ca, *cb;
	bool *keep;
	struct bctx bc;

	push_run(&st, &nst, &cst, (struct run){ alo, ahi, blo, bhi, 0 });
	while (nst > 0) {
		r = st[--nst];
		while (r.alo < r.ahi && r.blo < r.bhi &&
		    ka[r.alo] == kb[r.blo]) {
			grp_add(df, r.alo++, 1, r.blo++, 1, 1);
		}
		while (r.alo < r.ahi && r.blo < r.bhi &&
		    ka[r.ahi - 1] == kb[r.bhi - 1])
			grp_add(df, --r.ahi, 1, --r.bhi, 1, 1);
		if (r.alo == r.ahi || r.blo == r.bhi)
			continue;
		na = r.ahi - r.alo;
		nb = r.bhi - r.blo;
		nc = 0;
		if (r.depth < DEPTH_MAX) {
			for (sz = 16; sz < 2 * (na + nb); sz *= 2)
				;
			mask = sz - 1;
			t = xcalloc(sz, sizeof *t);
			for (i = r.alo; i < r.ahi; i++) {
				e = hfind(t, mask, ka[i]);
				e->used = true;
				e->key = ka[i];
				e->ca++;
				e->pa = i;
			}
			for (i = r.blo; i < r.bhi; i++) {
				e = hfind(t, mask, kb[i]);
				if (!e->used)
					continue;	/* not in old */
				e->cb++;
				e->pb = i;
			}
			ca = xreallocarray(NULL, na < nb ? na : nb,
			    sizeof *ca);
			cb = xreallocarray(NULL, na < nb ? na : nb,
			    sizeof *cb);
			for (i = r.alo; i < r.ahi; i++) {
				e = hfind(t, mask, ka[i]);
				if (e->ca == 1 && e->cb == 1 && kinds_ok(
				    df->o.b[i].kind, df->n.b[e->pb].kind)) {
					ca[nc] = i;
					cb[nc++] = e->pb;
				}
			}
			free(t);
			if (nc > 0) {
				size_t pa = r.alo, pb = r.blo;

				keep = xreallocarray(NULL, nc, sizeof *keep);
				lis(cb, nc, keep);
				/* the gaps, last first so that the stack
				 * does them in order (the order only
				 * matters for the groups' numbering) */
				for (k = 0; k < nc; k++) {
					if (!keep[k])
						continue;
					push_run(&st, &nst, &cst, (struct run){
					    pa, ca[k], pb, cb[k],
					    r.depth + 1 });
					grp_add(df, ca[k], 1, cb[k], 1, 1);
					pa = ca[k] + 1;
					pb = cb[k] + 1;
				}
				push_run(&st, &nst, &cst, (struct run){
				    pa, r.ahi, pb, r.bhi, r.depth + 1 });
				free(keep);
			}
			free(ca);
			free(cb);
			if (nc > 0)
				continue;
		}
		bc.df = df;
		bc.alo = r.alo;
		bc.blo = r.blo;
		(void)myers(ka + r.alo, na, kb + r.blo, nb, MYERS_DMAX,
		    block_match, &bc);
	}
	free(st);
}

/* --- step 3: similarity in the hunks --------------------------------- */

static void
hunk_pair(struct diff *df, size_t i0, size_t i1, size_t j0, size_t j1)
{
	size_t k = i1 - i0, l = j1 - j0, i, j, w;
	double *S, s, best;
	unsigned char *bt;
	size_t bj;

	if (k == 0 || l == 0)
		return;
	if (k * l > DP_CELLS) {
		/* greedy, in a window ahead of the last pair */
		for (i = i0, j = j0; i < i1 && j < j1; i++) {
			best = 0;
			bj = DIFF_NONE;
			if (df->o.b[i].grp != DIFF_NONE)
				continue;
			for (w = j; w < j1 && w < j + GREEDY_WIN; w++)
				if (df->n.b[w].grp == DIFF_NONE &&
				    (s = sim_blocks(df, i, w)) >= T_CHANGE &&
				    s > best) {
					best = s;
					bj = w;
				}
			if (bj != DIFF_NONE) {
				grp_add(df, i, 1, bj, 1, best);
				j = bj + 1;
			}
		}
		return;
	}
	/* S[i][j]: best total similarity of old[0..i) with new[0..j) */
	S = xcalloc((k + 1) * (l + 1), sizeof *S);
	bt = xcalloc((k + 1) * (l + 1), 1);
	for (i = 1; i <= k; i++)
		for (j = 1; j <= l; j++) {
			double up = S[(i - 1) * (l + 1) + j];
			double left = S[i * (l + 1) + j - 1];
			double *c = &S[i * (l + 1) + j];

			*c = up;
			bt[i * (l + 1) + j] = 1;
			if (left > *c) {
				*c = left;
				bt[i * (l + 1) + j] = 2;
			}
			s = df->o.b[i0 + i - 1].grp == DIFF_NONE &&
			    df->n.b[j0 + j - 1].grp == DIFF_NONE ?
			    sim_blocks(df, i0 + i - 1, j0 + j - 1) : 0;
			if (s >= T_CHANGE &&
			    S[(i - 1) * (l + 1) + j - 1] + s > *c) {
				*c = S[(i - 1) * (l + 1) + j - 1] + s;
				bt[i * (l + 1) + j] = 3;
			}
		}
	for (i = k, j = l; i > 0 && j > 0;) {
		switch (bt[i * (l + 1) + j]) {
		case 3:
			grp_add(df, i0 + i - 1, 1, j0 + j - 1, 1,
			    sim_blocks(df, i0 + i - 1, j0 + j - 1));
			i--;
			j--;
			break;
		case 2:
			j--;
			break;
		default:
			i--;
			break;
		}
	}
	free(S);
	free(bt);
}

/* The hunks between the pairs of [lo, hi) x [nlo, nhi), all in order. */
static void
hunks(struct diff *df, size_t lo, size_t hi, size_t nlo, size_t nhi)
{
	size_t i = lo, j = nlo, i0, j0;

	for (;;) {
		i0 = i;
		j0 = j;
		while (i < hi && df->o.b[i].grp == DIFF_NONE)
			i++;
		while (j < nhi && df->n.b[j].grp == DIFF_NONE)
			j++;
		hunk_pair(df, i0, i, j0, j);
		if (i >= hi || j >= nhi)
			break;
		/* the pairs so far are in order: old i goes with new j */
		j = df->g[df->o.b[i].grp].nf + 1;
		i++;
	}
}

/* --- step 4: split and merge ----------------------------------------- */

/* Words of blocks [f, f + c) of side s, merged and sorted (caller frees). */
static uint32_t *
run_words(struct diff *df, struct side *s, size_t f, size_t c, size_t *n)
{
	uint32_t *w;
	size_t k, t = 0;

	for (k = 0; k < c; k++) {
		blk_words(df, s, f + k);
		t += s->b[f + k].nwords;
	}
	w = xreallocarray(NULL, t + 1, sizeof *w);
	t = 0;
	for (k = 0; k < c; k++) {
		memcpy(w + t, s->b[f + k].words,
		    s->b[f + k].nwords * sizeof *w);
		t += s->b[f + k].nwords;
	}
	qsort(w, t, sizeof *w, cmp_u32);
	*n = t;
	return w;
}

/* Share of piece block p's words (side s) found in the words w. */
static double
contained(struct diff *df, struct side *s, size_t p, const uint32_t *w,
    size_t nw)
{
	struct blk *b = &s->b[p];

	blk_words(df, s, p);
	if (b->nwords == 0)
		return 0;
	return (double)common(b->words, b->nwords, w, nw) /
	    (double)b->nwords;
}

/*
 * One block x of side a against runs of left-over blocks of side b in
 * [lo, hi) that include or touch block anchor (DIFF_NONE: any run):
 * the best run of 2-SPLIT_MAX blocks whose concatenation is like x (a
 * paragraph broken into a chapeau and a list of sub-paragraphs, or one
 * an importer read as one block per hard-wrapped line, has many pieces).  Returns its
 * first block (and *cnt, *simp) or DIFF_NONE.
 */
static size_t
best_run(struct diff *df, struct side *a, size_t x, struct side *b,
    size_t lo, size_t hi, size_t anchor, double base, size_t *cnt,
    double *simp)
{
	const uint32_t *xw;
	size_t nxw, f, c, k, nw, bf = DIFF_NONE;
	uint32_t *w;
	double s, best = base;
	bool ok;

	blk_words(df, a, x);
	xw = a->b[x].words;
	nxw = a->b[x].nwords;
	if (nxw == 0 || hi - lo > 2 * SPLIT_MAX)
		return DIFF_NONE;
	for (f = lo; f < hi; f++)
		for (c = 2; c <= SPLIT_MAX && f + c <= hi; c++) {
			if (anchor != DIFF_NONE && (anchor < f ||
			    anchor >= f + c))
				continue;
			ok = true;
			for (k = f; k < f + c && ok; k++)
				ok = (k == anchor || b->b[k].grp ==
				    DIFF_NONE) && kinds_ok(a->b[x].kind,
				    b->b[k].kind) &&
				    contained(df, b, k, xw, nxw) >= T_PIECE;
			if (!ok)
				break;
			w = run_words(df, b, f, c, &nw);
			s = dice(xw, nxw, w, nw);
			free(w);
			/* better than the pair there by a margin; then any
			 * contained piece more that adds to it (the short
			 * last line of a paragraph) */
			if (s >= T_SPLIT && s > best + (bf == DIFF_NONE ?
			    0.05 : 0)) {
				best = s;
				bf = f;
				*cnt = c;
			}
		}
	*simp = best;
	return bf;
}

/* The range of side-b positions between the groups of the nearest
 * grouped side-a blocks around x, within [lo, hi) of a. */
static void
gap_of(struct diff *df, bool old, size_t x, size_t lo, size_t hi,
    size_t blo, size_t bhi, size_t *glo, size_t *ghi)
{
	struct side *a = old ? &df->o : &df->n;
	size_t k, g;

	*glo = blo;
	*ghi = bhi;
	for (k = x; k-- > lo;)
		if ((g = a->b[k].grp) != DIFF_NONE) {
			*glo = old ? df->g[g].nf + df->g[g].nc :
			    df->g[g].of + df->g[g].oc;
			break;
		}
	for (k = x + 1; k < hi; k++)
		if ((g = a->b[k].grp) != DIFF_NONE) {
			*ghi = old ? df->g[g].nf : df->g[g].of;
			break;
		}
	if (*ghi < *glo)
		*ghi = *glo;
}

/*
 * One side's unpaired blocks and one-to-one pairs against runs of the
 * other side: a block of side a (old if old) whose best match is a run
 * of 2..SPLIT_MAX blocks of side b, within [blo, bhi) of b, is grouped
 * with that run (one old -> many new is a split, many old -> one new a
 * merge), dropping the one-to-one pair it had.
 */
static void
split_side(struct diff *df, bool old, size_t lo, size_t hi, size_t blo,
    size_t bhi)
{
	struct side *a = old ? &df->o : &df->n, *b = old ? &df->n : &df->o;
	size_t i, j, g, f, c, glo, ghi;
	double s;

	for (i = lo; i < hi; i++) {
		g = a->b[i].grp;
		if (g != DIFF_NONE && (df->g[g].oc != 1 || df->g[g].nc != 1 ||
		    df->g[g].sim >= 1))
			continue;
		if (g == DIFF_NONE) {
			gap_of(df, old, i, lo, hi, blo, bhi, &glo, &ghi);
			j = DIFF_NONE;
			f = best_run(df, a, i, b, glo, ghi, DIFF_NONE, 0, &c,
			    &s);
		} else {
			j = old ? df->g[g].nf : df->g[g].of;
			glo = j >= 3 + blo ? j - 3 : blo;
			ghi = j + SPLIT_MAX <= bhi ? j + SPLIT_MAX : bhi;
			f = best_run(df, a, i, b, glo, ghi, j, df->g[g].sim,
			    &c, &s);
		}
		if (f == DIFF_NONE)
			continue;
		if (g != DIFF_NONE) {
			b->b[j].grp = DIFF_NONE;
			df->g[g].oc = df->g[g].nc = 0;	/* dropped */
		}
		a->b[i].grp = DIFF_NONE;
		if (old)
			grp_add(df, i, 1, f, c, s);
		else
			grp_add(df, f, c, i, 1, s);
	}
}

static void
split_merge(struct diff *df, size_t lo, size_t hi, size_t nlo, size_t nhi)
{
	split_side(df, true, lo, hi, nlo, nhi);		/* splits */
	split_side(df, false, nlo, nhi, lo, hi);	/* merges */
}

/* --- step 5: moves --------------------------------------------------- */

struct cand {
	double	s;
	size_t	i, j;
};

static int
cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->s != y->s)
		return x->s > y->s ? -1 : 1;
	if (x->j != y->j)
		return x->j < y->j ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

struct post {
	uint32_t w;
	size_t	 blk;
};

static int
cmp_post(const void *a, const void *b)
{
	const struct post *x = a, *y = b;

	if (x->w != y->w)
		return x->w < y->w ? -1 : 1;
	return x->blk < y->blk ? -1 : x->blk > y->blk;
}

static void
moves(struct diff *df, size_t lo, size_t hi, size_t nlo, size_t nhi)
{
	struct hent *t;
	size_t sz, mask, i, j, k, np = 0, pcap = 0, nc = 0, ccap = 0, nleft = 0;
	size_t *next, *cnt, *stamp, *touched, nt, a, b;
	struct post *p = NULL;
	struct cand *c = NULL;
	struct hent *e;

	if (lo == hi || nlo == nhi)
		return;
	/* a: equal fingerprints, in the new order, first old first */
	for (sz = 16; sz < 2 * (hi - lo); sz *= 2)
		;
	mask = sz - 1;
	t = xcalloc(sz, sizeof *t);
	next = xreallocarray(NULL, hi - lo, sizeof *next);
	for (i = hi; i-- > lo;) {
		if (df->o.b[i].grp != DIFF_NONE)
			continue;
		nleft++;
		e = hfind(t, mask, df->o.kl[i]);
		next[i - lo] = e->used ? e->pa : DIFF_NONE;
		e->used = true;
		e->key = df->o.kl[i];
		e->pa = i;
	}
	for (j = nlo; j < nhi && nleft > 0; j++) {
		if (df->n.b[j].grp != DIFF_NONE)
			continue;
		e = hfind(t, mask, df->n.kl[j]);
		if (!e->used)
			continue;
		for (i = e->pa; i != DIFF_NONE && df->o.b[i].grp != DIFF_NONE;
		    i = next[i - lo])
			;
		if (i != DIFF_NONE && kinds_ok(df->o.b[i].kind,
		    df->n.b[j].kind)) {
			grp_add(df, i, 1, j, 1, 1);
			e->pa = next[i - lo];
			nleft--;
		}
	}
	free(t);
	free(next);
	/* b: similarity through an inverted index of the old words */
	for (i = lo; i < hi; i++) {
		if (df->o.b[i].grp != DIFF_NONE)
			continue;
		blk_words(df, &df->o, i);
		for (k = 0; k < df->o.b[i].nwords; k++) {
			if (k > 0 && df->o.b[i].words[k] ==
			    df->o.b[i].words[k - 1])
				continue;
			if (np == pcap) {
				pcap = pcap ? 2 * pcap : 256;
				p = xreallocarray(p, pcap, sizeof *p);
			}
			p[np].w = df->o.b[i].words[k];
			p[np++].blk = i;
		}
	}
	if (np == 0) {
		free(p);
		return;
	}
	qsort(p, np, sizeof *p, cmp_post);
	cnt = xcalloc(hi - lo, sizeof *cnt);
	stamp = xcalloc(hi - lo, sizeof *stamp);
	touched = xreallocarray(NULL, hi - lo, sizeof *touched);
	for (j = nlo; j < nhi; j++) {
		struct blk *nb = &df->n.b[j];
		struct cand top[MOVE_CANDS];
		size_t ntop = 0, lo2, hi2, m;

		if (nb->grp != DIFF_NONE)
			continue;
		blk_words(df, &df->n, j);
		nt = 0;
		for (k = 0; k < nb->nwords; k++) {
			if (k > 0 && nb->words[k] == nb->words[k - 1])
				continue;
			/* the posting list of this word */
			lo2 = 0;
			hi2 = np;
			while (lo2 < hi2) {
				m = (lo2 + hi2) / 2;
				if (p[m].w < nb->words[k])
					lo2 = m + 1;
				else
					hi2 = m;
			}
			for (hi2 = lo2; hi2 < np && p[hi2].w == nb->words[k];
			    hi2++)
				;
			if (hi2 - lo2 > POST_CAP)
				continue;	/* too common to tell */
			for (m = lo2; m < hi2; m++) {
				a = p[m].blk - lo;
				if (stamp[a] != j + 1) {
					stamp[a] = j + 1;
					cnt[a] = 0;
					touched[nt++] = a;
				}
				cnt[a]++;
			}
		}
		/* the MOVE_CANDS old blocks sharing most words */
		for (k = 0; k < nt; k++) {
			a = touched[k];
			if (ntop < MOVE_CANDS) {
				top[ntop].s = (double)cnt[a];
				top[ntop++].i = a + lo;
				continue;
			}
			for (b = 0, m = 1; m < ntop; m++)
				if (top[m].s < top[b].s)
					b = m;
			if ((double)cnt[a] > top[b].s) {
				top[b].s = (double)cnt[a];
				top[b].i = a + lo;
			}
		}
		for (k = 0; k < ntop; k++) {
			double s = sim_blocks(df, top[k].i, j);

			if (s < T_MOVE)
				continue;
			if (nc == ccap) {
				ccap = ccap ? 2 * ccap : 64;
				c = xreallocarray(c, ccap, sizeof *c);
			}
			c[nc].s = s;
			c[nc].i = top[k].i;
			c[nc++].j = j;
		}
	}
	free(cnt);
	free(stamp);
	free(touched);
	free(p);
	if (nc > 0)
		qsort(c, nc, sizeof *c, cmp_cand);
	for (k = 0; k < nc; k++)
		if (df->o.b[c[k].i].grp == DIFF_NONE &&
		    df->n.b[c[k].j].grp == DIFF_NONE)
			grp_add(df, c[k].i, 1, c[k].j, 1, c[k].s);
	free(c);
}

/* --- pairs ----------------------------------------------------------- */

struct order {
	size_t	pos, tie, sub, g;
};

static int
cmp_order(const void *a, const void *b)
{
	const struct order *x = a, *y = b;

	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	if (x->tie != y->tie)
		return x->tie < y->tie ? -1 : 1;
	return x->sub < y->sub ? -1 : x->sub > y->sub;
}

/* Groups with blocks on both sides, by old position (qsort helper). */
static const struct grp *sort_g;

static int
cmp_gidx(const void *a, const void *b)
{
	const struct grp *x = &sort_g[*(const size_t *)a],
	    *y = &sort_g[*(const size_t *)b];

	return x->of < y->of ? -1 : x->of > y->of;
}

/*
 * The groups with blocks on both sides whose first old block is in
 * [lo, hi), in the old order, into *idxp (their indices in df->g), and
 * into *keepp whether each is in the longest run of them whose new
 * blocks keep that order too; both arrays the caller's (free()), the
 * count returned.
 */
static size_t
grps_in_order(struct diff *df, size_t lo, size_t hi, size_t **idxp,
    bool **keepp)
{
	size_t *idx, *v, n = 0, k;
	bool *keep;

	idx = xreallocarray(NULL, df->ng + 1, sizeof *idx);
	for (k = 0; k < df->ng; k++)
		if (df->g[k].oc > 0 && df->g[k].nc > 0 && df->g[k].of >= lo &&
		    df->g[k].of < hi)
			idx[n++] = k;
	sort_g = df->g;
	qsort(idx, n, sizeof *idx, cmp_gidx);
	v = xreallocarray(NULL, n + 1, sizeof *v);
	keep = xreallocarray(NULL, n + 1, sizeof *keep);
	for (k = 0; k < n; k++)
		v[k] = df->g[idx[k]].nf;
	lis(v, n, keep);
	free(v);
	*idxp = idx;
	*keepp = keep;
	return n;
}

static void
order_moves(struct diff *df)
{
	size_t *idx, n, k;
	bool *keep;

	n = grps_in_order(df, 0, df->o.n, &idx, &keep);
	for (k = 0; k < n; k++)
		df->g[idx[k]].inorder = keep[k];
	free(idx);
	free(keep);
}

static void
make_pairs(struct diff *df)
{
	struct order *ord;
	size_t k, i, no = 0, pos, *np;
	struct diff_pair *p;
	struct grp *gr;

	for (i = 0; i < df->o.n; i++)
		if (df->o.b[i].grp == DIFF_NONE)
			grp_add(df, i, 1, DIFF_NONE, 0, 0);
	for (i = 0; i < df->n.n; i++)
		if (df->n.b[i].grp == DIFF_NONE)
			grp_add(df, DIFF_NONE, 0, i, 1, 0);
	order_moves(df);
	/* where each old block stands in the new order: the new position
	 * of the next old block of its list that is in order */
	np = xreallocarray(NULL, df->o.n + 1, sizeof *np);
	pos = df->n.n;
	for (i = df->o.n; i-- > 0;) {
		if (i + 1 == df->o.nbody)
			pos = df->n.nbody;
		gr = &df->g[df->o.b[i].grp];
		if (gr->nc > 0 && gr->inorder)
			pos = gr->nf;
		np[i] = pos;
	}
	ord = xreallocarray(NULL, df->ng + 1, sizeof *ord);
	for (k = 0; k < df->ng; k++) {
		gr = &df->g[k];
		if (gr->oc == 0 && gr->nc == 0)
			continue;	/* dropped by split_merge() */
		ord[no].g = k;
		if (gr->nc > 0) {
			ord[no].pos = gr->nf;
			ord[no].tie = 1;
			ord[no].sub = gr->nf;
		} else {
			ord[no].pos = np[gr->of];
			ord[no].tie = 0;
			ord[no].sub = gr->of;
		}
		no++;
	}
	qsort(ord, no, sizeof *ord, cmp_order);
	df->np = no;
	df->p = xcalloc(no + 1, sizeof *df->p);
	df->pair_of_old = xreallocarray(NULL, df->o.n + 1, sizeof(size_t));
	df->pair_of_new = xreallocarray(NULL, df->n.n + 1, sizeof(size_t));
	for (k = 0; k < no; k++) {
		gr = &df->g[ord[k].g];
		p = &df->p[k];
		p->old_first = gr->oc > 0 ? gr->of : DIFF_NONE;
		p->old_count = gr->oc;
		p->new_first = gr->nc > 0 ? gr->nf : DIFF_NONE;
		p->new_count = gr->nc;
		p->kind = gr->nc > 0 ? df->n.b[gr->nf].kind :
		    df->o.b[gr->of].kind;
		p->old_after = DIFF_NONE;
		p->similarity = gr->sim;
		for (i = 0; i < gr->oc; i++)
			df->pair_of_old[gr->of + i] = k;
		for (i = 0; i < gr->nc; i++)
			df->pair_of_new[gr->nf + i] = k;
		if (gr->oc == 0)
			p->status = DIFF_INSERTED;
		else if (gr->nc == 0)
			p->status = DIFF_DELETED;
		else if (gr->nc > 1)
			p->status = DIFF_SPLIT;
		else if (gr->oc > 1)
			p->status = DIFF_MERGED;
		else {
			struct blk *a = &df->o.b[gr->of], *b = &df->n.b[gr->nf];

			p->same_text = a->km == b->km;
			p->spelling = a->kl == b->kl && a->kf != b->kf;
			p->similarity = a->kl == b->kl ? 1 : gr->sim;
			if (!gr->inorder)
				p->status = DIFF_MOVED;
			else
				p->status = p->same_text ? DIFF_SAME :
				    DIFF_CHANGED;
		}
	}
	for (k = 0; k < no; k++) {
		p = &df->p[k];
		if (p->status == DIFF_MOVED && p->old_first > 0)
			p->old_after = df->pair_of_old[p->old_first - 1];
		df->sum.count[p->status]++;
		if (p->spelling)
			df->sum.spelling++;
	}
	df->sum.pairs = no;
	free(ord);
	free(np);
}

static void
side_init(struct diff *df, struct side *s, const struct doc *d)
{
	size_t i;

	s->d = d;
	s->n = d != NULL ? doc_block_count(d) : 0;
	s->b = xcalloc(s->n + 1, sizeof *s->b);
	s->kl = xreallocarray(NULL, s->n + 1, sizeof *s->kl);
	s->nbody = s->n;
	for (i = 0; i < s->n; i++) {
		blk_keys(df, s, i);
		s->kl[i] = s->b[i].kl;
		if (s->b[i].kind == DOC_FOOTNOTE && s->nbody == s->n)
			s->nbody = i;
	}
	free(s->cp);
	s->cp = NULL;
	s->cpcap = 0;
}

/* The old side's side_init() on a thread of its own: it reads only its
 * document and df->opts, and writes only df->o. */
static void *
side_init_old(void *arg)
{
	struct diff *df = arg;

	side_init(df, &df->o, df->o.d);
	return NULL;
}

/*
 * Step 6: the pairs found anywhere by step 5 that keep the order (the
 * longest increasing subsequence again) are anchors the first pass did
 * not have: a hunk too big for the dynamic programme of step 3 (a long
 * run without one exact match, as when one version is a PDF extraction
 * whose words are broken by spaces, or begins far into the other) was
 * only searched in a window, so the in-place rewordings between two of
 * these anchors are paired now with the threshold of step 3.  The same
 * refinement as patience diff's recursion between its anchors (Cohen),
 * with the anchors found by similarity instead of uniqueness.
 */
static void
refine(struct diff *df, size_t lo, size_t hi, size_t nlo, size_t nhi)
{
	size_t *idx, n, k, i0 = lo, j0 = nlo, of, nf;
	bool *keep;

	n = grps_in_order(df, lo, hi, &idx, &keep);
	for (k = 0; k <= n; k++) {
		if (k < n && !keep[k])
			continue;
		if (k == n) {
			hunk_pair(df, i0, hi, j0, nhi);
			break;
		}
		/* by value: hunk_pair() may grow df->g */
		of = df->g[idx[k]].of;
		nf = df->g[idx[k]].nf;
		if (of > i0 && nf > j0)
			hunk_pair(df, i0, of, j0, nf);
		i0 = of + df->g[idx[k]].oc;
		j0 = nf + df->g[idx[k]].nc;
	}
	free(idx);
	free(keep);
}

static void
align_list(struct diff *df, size_t lo, size_t hi, size_t nlo, size_t nhi)
{
	align_equal(df, lo, hi, nlo, nhi);
	hunks(df, lo, hi, nlo, nhi);
	split_merge(df, lo, hi, nlo, nhi);
	moves(df, lo, hi, nlo, nhi);
	refine(df, lo, hi, nlo, nhi);
}

struct diff *
diff_new(const struct doc *old, const struct doc *new,
    const struct diff_opts *opts)
{
	struct diff *df = xcalloc(1, sizeof *df);
	pthread_t th;

	if (opts != NULL)
		df->opts = *opts;
	/*
	 * Fingerprinting folds every code point of both versions: for
	 * two drafts it is most of diff_new(), so the two sides are done
	 * at once when there is enough of them to pay for a thread.
	 */
	df->o.d = old;
	if (old != NULL && new != NULL && doc_block_count(old) +
	    doc_block_count(new) >= SIDES_THREAD &&
	    pthread_create(&th, NULL, side_init_old, df) == 0) {
		side_init(df, &df->n, new);
		pthread_join(th, NULL);
	} else {
		side_init(df, &df->o, old);
		side_init(df, &df->n, new);
	}
	align_list(df, 0, df->o.nbody, 0, df->n.nbody);
	align_list(df, df->o.nbody, df->o.n, df->n.nbody, df->n.n);
	make_pairs(df);
	df->ops = xcalloc(df->np + 1, sizeof *df->ops);
	df->nops = xcalloc(df->np + 1, sizeof *df->nops);
	return df;
}

void
diff_free(struct diff *df)
{
	size_t i;

	if (df == NULL)
		return;
	for (i = 0; i < df->o.n; i++)
		free(df->o.b[i].words);
	for (i = 0; i < df->n.n; i++)
		free(df->n.b[i].words);
	free(df->o.b);
	free(df->n.b);
	free(df->o.kl);
	free(df->n.kl);
	for (i = 0; i < df->np; i++)
		free(df->ops[i]);
	free(df->ops);
	free(df->nops);
	free(df->g);
	free(df->p);
	free(df->pair_of_old);
	free(df->pair_of_new);
	free(df->cp);
	free(df);
}

const struct doc *
diff_old(const struct diff *df)
{
	return df->o.d;
}

const struct doc *
diff_new_doc(const struct diff *df)
{
	return df->n.d;
}

size_t
diff_pair_count(const struct diff *df)
{
	return df->np;
}

const struct diff_pair *
diff_pair(const struct diff *df, size_t i)
{
	assert(i < df->np);
	return &df->p[i];
}

bool
diff_has_changes(const struct diff *df)
{
	return df->sum.count[DIFF_SAME] != df->np;
}

const struct diff_summary *
diff_summary(const struct diff *df)
{
	return &df->sum;
}

size_t
diff_pair_of_old(const struct diff *df, size_t b)
{
	return b < df->o.n ? df->pair_of_old[b] : DIFF_NONE;
}

size_t
diff_pair_of_new(const struct diff *df, size_t b)
{
	return b < df->n.n ? df->pair_of_new[b] : DIFF_NONE;
}

const char *
diff_status_name(enum diff_status s)
{
	static const char *const names[DIFF_NSTATUS] = { "same", "changed",
	    "moved", "inserted", "deleted", "split", "merged" };

	return (unsigned)s < DIFF_NSTATUS ? names[s] : "?";
}

const char *
diff_kind_name(enum doc_kind k)
{
	switch (k) {
	case DOC_HEADING: return "heading";
	case DOC_PARA: return "para";
	case DOC_SUBPARA: return "subpara";
	case DOC_PREAMBLE: return "preamble";
	case DOC_FOOTNOTE: return "footnote";
	default: return "text";
	}
}

/* --- words ----------------------------------------------------------- */

/* One token: code points [start, end) of block blk, end taking the white
 * space after it; core_end where that space begins. */
struct tok {
	size_t	 blk, start, core_end, end;
	uint64_t km, kl;	/* fingerprints of the core */
	bool	 fn;		/* a footnote marker */
	bool	 word;		/* holds a letter or digit */
};

struct toks {
	struct tok *t;
	size_t	 n, cap;
};

static void
tok_push(struct toks *ts, size_t blk, size_t s, size_t e, bool fn,
    bool word)
{
	struct tok *t;

	if (ts->n == ts->cap) {
		ts->cap = ts->cap ? 2 * ts->cap : 64;
		ts->t = xreallocarray(ts->t, ts->cap, sizeof *ts->t);
	}
	t = &ts->t[ts->n++];
	t->blk = blk;
	t->start = s;
	t->core_end = t->end = e;
	t->fn = fn;
	t->word = word;
}

/* Fingerprints of cps[s, e) at the mode's level and the loose one. */
static void
tok_keys(const struct diff *df, const uint32_t *cp, struct tok *t)
{
	uint32_t f[TEXT_DFOLD_MAX];
	uint64_t hm = UTIL_HASH64_INIT, hl = UTIL_HASH64_INIT;
	size_t k, j, m;

	if (t->fn) {
		t->km = t->kl = fnv(hm, FOOTREF_CP);
		return;
	}
	for (k = t->start; k < t->core_end; k++) {
		if (df->opts.exact)
			hm = fnv(hm, cp[k]);
		else {
			m = text_fold_diff(cp[k], 0, f);
			for (j = 0; j < m; j++)
				if (f[j] != ' ')
					hm = fnv(hm, f[j]);
		}
		m = text_fold_diff(cp[k], TEXT_DFOLD_SPELLING, f);
		for (j = 0; j < m; j++)
			if (f[j] != ' ')
				hl = fnv(hl, f[j]);
	}
	t->km = hm;
	t->kl = hl;
}

static bool
is_word_cp(uint32_t c)
{
	return (text_cp_props(c) & TEXT_P_WORD) &&
	    text_cp_class(c) != TEXT_CLS_MARK;
}

/* Appends the tokens of block i of side s to ts. */
static void
tokenize(struct diff *df, struct side *s, size_t i, struct toks *ts)
{
	const struct doc_span *sp;
	size_t n, nsp, pos, q, r, g, w0, w1, k, first = ts->n, fe;
	uint8_t *br;
	uint32_t *cp;

	n = blk_decode(df, s, i);
	if (n == 0)
		return;
	cp = xreallocarray(NULL, n, sizeof *cp);
	memcpy(cp, df->cp, n * sizeof *cp);
	br = xcalloc(n + 1, 1);
	text_breaks(cp, n, TEXT_BRK_LINE | TEXT_BRK_GRAPHEME, br);
	sp = doc_block_spans(s->d, i, &nsp);
	for (k = 0; k < nsp; k++)
		if (sp[k].kind == DOC_SPAN_FOOTREF && sp[k].end <= n) {
			br[sp[k].start] |= TEXT_BRK_LINE;
			br[sp[k].end] |= TEXT_BRK_LINE;
		}
	pos = 0;
	while (pos < n) {
		if (in_footref(sp, nsp, pos, &fe) && fe <= n) {
			tok_push(ts, i, pos, fe, true, false);
			q = fe;
			while (q < n && text_cp_is_space(cp[q]))
				q++;
			ts->t[ts->n - 1].end = q;
			pos = q;
			continue;
		}
		/* the segment: to the next line break; a symbol's slash or
		 * hyphen followed by a letter or digit does not end it */
		for (q = pos + 1; q < n; q++)
			if ((br[q] & TEXT_BRK_LINE) && !((cp[q - 1] == '/' ||
			    cp[q - 1] == '-') && is_word_cp(cp[q]) &&
			    !in_footref(sp, nsp, q, &fe)))
				break;
		for (r = q; r > pos && text_cp_is_space(cp[r - 1]); r--)
			;
		if (r == pos) {		/* only white space */
			if (ts->n > first)
				ts->t[ts->n - 1].end = q;
			pos = q;
			continue;
		}
		/* the core: first to last grapheme holding a letter/digit */
		w0 = w1 = DIFF_NONE;
		for (g = pos; g < r;) {
			size_t ge = g + 1;
			bool w = false;

			while (ge < r && !(br[ge] & TEXT_BRK_GRAPHEME))
				ge++;
			for (k = g; k < ge; k++)
				w = w || is_word_cp(cp[k]);
			if (w) {
				if (w0 == DIFF_NONE)
					w0 = g;
				w1 = ge;
			}
			g = ge;
		}
		/* a closing bracket whose opening one is in the core */
		if (w0 != DIFF_NONE) {
			int depth = 0;
			uint32_t id;

			for (k = w0; k < w1; k++) {
				int b = text_cp_bracket(cp[k], &id);

				depth += b == 1 ? 1 : b == 2 ? -1 : 0;
			}
			while (depth > 0 && w1 < r &&
			    text_cp_bracket(cp[w1], &id) == 2) {
				w1++;
				depth--;
			}
		}
		for (g = pos; g < r;) {
			size_t ge = g + 1;

			if (g == w0) {
				tok_push(ts, i, w0, w1, false, true);
				g = w1;
				continue;
			}
			while (ge < r && !(br[ge] & TEXT_BRK_GRAPHEME))
				ge++;
			tok_push(ts, i, g, ge, false, false);
			g = ge;
		}
		ts->t[ts->n - 1].end = q;
		pos = q;
	}
	if (ts->n > first)
		ts->t[first].start = 0;
	for (k = first; k < ts->n; k++)
		tok_keys(df, cp, &ts->t[k]);
	free(br);
	free(cp);
}

/* An edit region of tokens: a run of old tokens [a0, a1) and new ones
 * [b0, b1); equal when eq (then both runs are equally long). */
struct reg {
	size_t	a0, a1, b0, b1;
	bool	eq;
};

struct regs {
	struct reg *r;
	size_t	 n, cap;
};

static void
reg_push(struct regs *rs, size_t a0, size_t a1, size_t b0, size_t b1,
    bool eq)
{
	struct reg *r;

	if (a0 == a1 && b0 == b1)
		return;
	if (rs->n > 0 && rs->r[rs->n - 1].eq == eq) {	/* extend */
		r = &rs->r[rs->n - 1];
		if (r->a1 == a0 && r->b1 == b0) {
			r->a1 = a1;
			r->b1 = b1;
			return;
		}
	}
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? 2 * rs->cap : 32;
		rs->r = xreallocarray(rs->r, rs->cap, sizeof *rs->r);
	}
	r = &rs->r[rs->n++];
	r->a0 = a0;
	r->a1 = a1;
	r->b0 = b0;
	r->b1 = b1;
	r->eq = eq;
}

struct wctx {
	struct regs *rs;
	size_t	 x, y;		/* next unmatched old and new token */
	size_t	 off_a, off_b;
};

static void
word_match(void *arg, size_t x, size_t y)
{
	struct wctx *c = arg;

	x += c->off_a;
	y += c->off_b;
	reg_push(c->rs, c->x, x, c->y, y, false);
	reg_push(c->rs, x, x + 1, y, y + 1, true);
	c->x = x + 1;
	c->y = y + 1;
}

static size_t
toks_len(const struct toks *ts, size_t a, size_t b)
{
	size_t n = 0;

	for (; a < b; a++)
		n += ts->t[a].core_end - ts->t[a].start;
	return n;
}

/* Fraser's semantic clean-up over the regions (see the top). */
static void
cleanup_semantic(struct regs *rs, const struct toks *A, const struct toks *B)
{
	bool again = true;
	size_t k, la, lb, ra, rb, e;
	struct regs out;

	while (again) {
		again = false;
		for (k = 1; k + 1 < rs->n; k++) {
			struct reg *p = &rs->r[k - 1], *q = &rs->r[k],
			    *s = &rs->r[k + 1];

			if (!q->eq || p->eq || s->eq)
				continue;
			e = toks_len(A, q->a0, q->a1);
			la = toks_len(A, p->a0, p->a1);
			lb = toks_len(B, p->b0, p->b1);
			ra = toks_len(A, s->a0, s->a1);
			rb = toks_len(B, s->b0, s->b1);
			if (e <= (la > lb ? la : lb) && e <= (ra > rb ? ra : rb)) {
				q->eq = false;
				again = true;
			}
		}
		if (!again)
			break;
		/* coalesce neighbours of the same kind */
		memset(&out, 0, sizeof out);
		for (k = 0; k < rs->n; k++) {
			struct reg *q = &rs->r[k];

			if (out.n > 0 && !q->eq && !out.r[out.n - 1].eq) {
				out.r[out.n - 1].a1 = q->a1;
				out.r[out.n - 1].b1 = q->b1;
				continue;
			}
			reg_push(&out, q->a0, q->a1, q->b0, q->b1, q->eq);
		}
		free(rs->r);
		*rs = out;
	}
}

struct opsb {
	struct diff_op *v;
	size_t	 n, cap;
	/* where the other side stands, for empty ranges */
	size_t	 ob, op, nb, nq;
};

static void
op_push(struct opsb *o, enum diff_op_kind kind, size_t ob, size_t os,
    size_t oe, size_t nb, size_t ns, size_t ne, bool spelling)
{
	struct diff_op *p;

	if (os == oe && ns == ne)
		return;
	if (o->n > 0) {		/* extend the last one of the same kind */
		p = &o->v[o->n - 1];
		if (p->kind == kind && p->spelling == spelling &&
		    p->oblock == ob && p->nblock == nb && p->oend == os &&
		    p->nend == ns) {
			p->oend = oe;
			p->nend = ne;
			goto pos;
		}
	}
	if (o->n == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 32;
		o->v = xreallocarray(o->v, o->cap, sizeof *o->v);
	}
	p = &o->v[o->n++];
	p->kind = kind;
	p->oblock = ob;
	p->ostart = os;
	p->oend = oe;
	p->nblock = nb;
	p->nstart = ns;
	p->nend = ne;
	p->spelling = spelling;
pos:
	if (ob != DIFF_NONE) {
		o->ob = ob;
		o->op = oe;
	}
	if (nb != DIFF_NONE) {
		o->nb = nb;
		o->nq = ne;
	}
}

/* Folded (mode) code points of a token's core with their offsets. */
static size_t
tok_fold(const struct diff *df, const uint32_t *cp, const struct tok *t,
    uint32_t *out, size_t *map)
{
	uint32_t f[TEXT_DFOLD_MAX];
	size_t k, j, m, n = 0;

	for (k = t->start; k < t->core_end; k++) {
		if (df->opts.exact) {
			out[n] = cp[k];
			map[n++] = k;
			continue;
		}
		m = text_fold_diff(cp[k], 0, f);
		for (j = 0; j < m; j++) {
			out[n] = f[j];
			map[n++] = k;
		}
	}
	return n;
}

/* Only Arabic letters, harakat and tatweel: where clitics are. */
static bool
arabic_word(const uint32_t *cp, size_t s, size_t e)
{
	for (; s < e; s++)
		if (cp[s] < 0x621 || cp[s] > 0x670 || (cp[s] >= 0x660 &&
		    cp[s] <= 0x669))
			return false;
	return true;
}

/*
 * Whether the n folded letters s are a run of Arabic proclitics (or
 * none): a conjunction (و ف), then a preposition (ب ل ك), then the
 * article (ال, which after ل is written ل alone: لل).  The attachment
 * order of the grammars (e.g. Wright, "A Grammar of the Arabic Language",
 * I, and the prefix tables of Buckwalter's morphological analyser).
 */
static bool
proclitics(const uint32_t *s, size_t n)
{
	size_t k = 0;
	bool prep = false;

	if (k < n && (s[k] == 0x648 || s[k] == 0x641))
		k++;
	if (k < n && (s[k] == 0x628 || s[k] == 0x644 || s[k] == 0x643)) {
		prep = s[k] == 0x644;
		k++;
	}
	if (k + 2 <= n && s[k] == 0x627 && s[k + 1] == 0x644)
		k += 2;
	else if (prep && k < n && s[k] == 0x644)
		k++;
	return k == n;
}

/* Whether the n folded letters s are an attached pronoun (or none): ه ها
 * هم هما هن ك كم كما كن نا ي ني (the same grammars' suffix tables). */
static bool
enclitic(const uint32_t *s, size_t n)
{
	static const uint32_t pron[][3] = {
		{ 0x647 }, { 0x647, 0x627 }, { 0x647, 0x645 },
		{ 0x647, 0x645, 0x627 }, { 0x647, 0x646 }, { 0x643 },
		{ 0x643, 0x645 }, { 0x643, 0x645, 0x627 }, { 0x643, 0x646 },
		{ 0x646, 0x627 }, { 0x64A }, { 0x646, 0x64A }
	};
	size_t k, j, m;

	if (n == 0)
		return true;
	for (k = 0; k < sizeof pron / sizeof pron[0]; k++) {
		for (m = 0; m < 3 && pron[k][m] != 0; m++)
			;
		if (m != n)
			continue;
		for (j = 0; j < n && pron[k][j] == s[j]; j++)
			;
		if (j == n)
			return true;
	}
	return false;
}

/*
 * A one-token replacement that only adds, drops or changes a clitic: the
 * prefixes that differ are both runs of proclitics, or the suffixes both
 * attached pronouns (either may be empty), around a shared stem of at
 * least three letters (the shortest Arabic root).  Two words that only
 * share their first or last letters (تشدد, تشجع) are not one word with a
 * new affix: they are shown whole.  The offsets (old, new) where the
 * shared part begins (prefix changed, *suffix false) or ends (suffix
 * changed).  False if none.
 */
static bool
affix(struct diff *df, struct side *sa, const struct tok *ta,
    struct side *sb, const struct tok *tb, size_t *ca, size_t *cb,
    bool *suffix)
{
	uint32_t *fa, *fb, *ba = NULL, *bb = NULL;
	size_t *ma, *mb, na, nb, pre, suf, la, lb, n;
	bool ok = false;

	if (!ta->word || !tb->word || ta->fn || tb->fn)
		return false;
	n = blk_decode(df, sa, ta->blk);
	if (!arabic_word(df->cp, ta->start, ta->core_end))
		return false;
	ba = xreallocarray(NULL, n + 1, sizeof *ba);
	memcpy(ba, df->cp, n * sizeof *ba);
	n = blk_decode(df, sb, tb->blk);
	if (!arabic_word(df->cp, tb->start, tb->core_end)) {
		free(ba);
		return false;
	}
	bb = xreallocarray(NULL, n + 1, sizeof *bb);
	memcpy(bb, df->cp, n * sizeof *bb);
	la = (ta->core_end - ta->start) * TEXT_DFOLD_MAX;
	lb = (tb->core_end - tb->start) * TEXT_DFOLD_MAX;
	fa = xreallocarray(NULL, la + 1, sizeof *fa);
	fb = xreallocarray(NULL, lb + 1, sizeof *fb);
	ma = xreallocarray(NULL, la + 1, sizeof *ma);
	mb = xreallocarray(NULL, lb + 1, sizeof *mb);
	na = tok_fold(df, ba, ta, fa, ma);
	nb = tok_fold(df, bb, tb, fb, mb);
	for (pre = 0; pre < na && pre < nb && fa[pre] == fb[pre]; pre++)
		;
	for (suf = 0; suf < na && suf < nb &&
	    fa[na - 1 - suf] == fb[nb - 1 - suf]; suf++)
		;
	/* the shared part may have taken a letter of the clitic (the ه of
	 * ها -> هم, the ل of بال -> لل): give it back while a stem stays */
	while (suf > 3 && !(proclitics(fa, na - suf) &&
	    proclitics(fb, nb - suf)))
		suf--;
	while (pre > 3 && !(enclitic(fa + pre, na - pre) &&
	    enclitic(fb + pre, nb - pre)))
		pre--;
	/* prefix changed: the rest shared, a stem */
	if (suf >= 3 && na - suf <= 3 && nb - suf <= 3 &&
	    suf < (na > nb ? na : nb) && proclitics(fa, na - suf) &&
	    proclitics(fb, nb - suf)) {
		*ca = na - suf < na ? ma[na - suf] : ta->core_end;
		*cb = nb - suf < nb ? mb[nb - suf] : tb->core_end;
		*suffix = false;
		ok = true;
	} else if (pre >= 3 && na - pre <= 3 && nb - pre <= 3 &&
	    pre < (na > nb ? na : nb) && enclitic(fa + pre, na - pre) &&
	    enclitic(fb + pre, nb - pre)) {
		*ca = pre < na ? ma[pre] : ta->core_end;
		*cb = pre < nb ? mb[pre] : tb->core_end;
		*suffix = true;
		ok = true;
	}
	free(fa);
	free(fb);
	free(ma);
	free(mb);
	free(ba);
	free(bb);
	return ok;
}

/*
 * Tokens [a, b) of ts (side s) folded as the fingerprints are (hs_add():
 * no white space but between two digits, a footnote marker as one
 * placeholder).  f->c[k] is element k, f->at[k] the offset of the code
 * point it comes from, f->cut[k] whether a range may begin there (the
 * first element of a code point that is not a mark: no grapheme split),
 * f->tok[k] whether a token begins there.  Returns false when the tokens
 * are not all in one block.
 */
struct flat {
	uint32_t *c;
	size_t	 *at;
	bool	 *cut, *tok;
	size_t	  n, cap;
};

static void
flat_free(struct flat *f)
{
	free(f->c);
	free(f->at);
	free(f->cut);
	free(f->tok);
}

static void
flat_push(struct flat *f, uint32_t c, size_t at, bool cut, bool tok)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 64;
		f->c = xreallocarray(f->c, f->cap, sizeof *f->c);
		f->at = xreallocarray(f->at, f->cap, sizeof *f->at);
		f->cut = xreallocarray(f->cut, f->cap, sizeof *f->cut);
		f->tok = xreallocarray(f->tok, f->cap, sizeof *f->tok);
	}
	f->c[f->n] = c;
	f->at[f->n] = at;
	f->cut[f->n] = cut;
	f->tok[f->n++] = tok;
}

static bool
toks_flat(struct diff *df, struct side *s, const struct toks *ts, size_t a,
    size_t b, unsigned fold, struct flat *fl)
{
	uint32_t f[TEXT_DFOLD_MAX], last = 0;
	size_t k, c, j, m, sp = 0;
	bool space = false, first;

	fl->n = 0;
	if (a >= b || ts->t[a].blk != ts->t[b - 1].blk)
		return false;
	(void)blk_decode(df, s, ts->t[a].blk);
	for (k = a; k < b; k++) {
		const struct tok *t = &ts->t[k];

		first = true;
		for (c = t->start; c < t->end; c++) {
			bool mark = text_cp_class(df->cp[c]) == TEXT_CLS_MARK;

			if (t->fn) {
				f[0] = FOOTREF_CP;
				m = 1;
			} else
				m = text_fold_diff_cp(df->cp[c], fold, f);
			for (j = 0; j < m; j++) {
				if (f[j] == ' ') {
					if (!space)
						sp = c;
					space = fl->n > 0;
					continue;
				}
				if (space && is_digit_cp(last) &&
				    is_digit_cp(f[j]))
					flat_push(fl, ' ', sp, false, false);
				space = false;
				flat_push(fl, f[j], c, j == 0 && !mark, first);
				first = false;
				last = f[j];
			}
			if (t->fn)
				break;
		}
	}
	return true;
}

/* Whether both sides may be cut before elements i of x and j of y: no
 * mark after the cut, a token boundary on one side at least, and on a
 * side where it is none (two words joined there), no digit on either hand
 * (numbers stay whole) and two letters at least each side of the cut in
 * its token (a word, not a letter split from one: تهيب is not ت هيب). */
static bool
flat_side_ok(const struct flat *f, size_t i)
{
	size_t b, e;

	if (!f->cut[i])
		return false;
	if (f->tok[i])
		return true;
	if (i == 0 || is_digit_cp(f->c[i - 1]) || is_digit_cp(f->c[i]))
		return false;
	for (b = i; b > 0 && !f->tok[b]; b--)
		;
	for (e = i + 1; e < f->n && !f->tok[e]; e++)
		;
	return i - b >= 2 && e - i >= 2;
}

static bool
flat_cut(const struct flat *x, size_t i, const struct flat *y, size_t j)
{
	return (x->tok[i] || y->tok[j]) && flat_side_ok(x, i) &&
	    flat_side_ok(y, j);
}

/*
 * White space is no change (hs_add()): a replacement that only moves it
 * is EQUAL; one whose texts, spacing aside, begin or end alike (a word
 * changed beside two words an extraction joined: حماية النساء ->
 * حمايةالفتيات) is narrowed to what differs, cut where either side has a
 * token boundary, so that the change reads as words, and never before a
 * mark.  Only within one block on each side.  True if it emitted the
 * region.
 */
static bool
emit_spacing(struct diff *df, struct opsb *o, const struct toks *A,
    const struct toks *B, const struct reg *r)
{
	struct flat x = { 0 }, y = { 0 };
	size_t p = 0, q = 0, P, S, lim, ob, nb, o0, o1, o2, o3, n0, n1, n2, n3;
	bool done = false, spelling = false;

	if (df->opts.exact || r->a1 == r->a0 || r->b1 == r->b0 ||
	    !toks_flat(df, &df->o, A, r->a0, r->a1, 0, &x) ||
	    !toks_flat(df, &df->n, B, r->b0, r->b1, 0, &y))
		goto out;
	lim = x.n < y.n ? x.n : y.n;
	while (p < lim && x.c[p] == y.c[p])
		p++;
	while (q < lim - p && x.c[x.n - 1 - q] == y.c[y.n - 1 - q])
		q++;
	/* the prefix cut: at most p, a token boundary on one side */
	for (P = p; P > 0; P--)
		if (P == x.n && P == y.n)
			break;
		else if (P < x.n && P < y.n && flat_cut(&x, P, &y, P))
			break;
	/* the suffix cut, as far as it can go without crossing P */
	for (S = q; S > 0; S--)
		if (x.n - S >= P && y.n - S >= P &&
		    flat_cut(&x, x.n - S, &y, y.n - S))
			break;
	if (P == 0 && S == 0)
		goto out;
	ob = A->t[r->a0].blk;
	nb = B->t[r->b0].blk;
	o0 = A->t[r->a0].start;
	o3 = A->t[r->a1 - 1].end;
	n0 = B->t[r->b0].start;
	n3 = B->t[r->b1 - 1].end;
	o1 = P == x.n ? o3 : x.at[P];
	n1 = P == y.n ? n3 : y.at[P];
	o2 = S > 0 ? x.at[x.n - S] : o3;
	n2 = S > 0 ? y.at[y.n - S] : n3;
	if (o1 > o2 || n1 > n2)
		goto out;
	/* what differs is only a respelling when the texts are equal with
	 * letter variants folded too (as for the fingerprints) */
	if (toks_flat(df, &df->o, A, r->a0, r->a1, TEXT_DFOLD_SPELLING, &x) &&
	    toks_flat(df, &df->n, B, r->b0, r->b1, TEXT_DFOLD_SPELLING, &y))
		spelling = x.n == y.n && (x.n == 0 ||
		    memcmp(x.c, y.c, x.n * sizeof *x.c) == 0);
	if (o1 > o0 || n1 > n0)
		op_push(o, DIFF_OP_EQUAL, ob, o0, o1, nb, n0, n1, false);
	if (o2 > o1)
		op_push(o, DIFF_OP_DELETE, ob, o1, o2, nb, n1, n1, spelling);
	if (n2 > n1)
		op_push(o, DIFF_OP_INSERT, ob, o2, o2, nb, n1, n2, spelling);
	if (o3 > o2 || n3 > n2)
		op_push(o, DIFF_OP_EQUAL, ob, o2, o3, nb, n2, n3, false);
	done = true;
out:
	flat_free(&x);
	flat_free(&y);
	return done;
}

static void
emit_region(struct diff *df, struct opsb *o, const struct toks *A,
    const struct toks *B, const struct reg *r)
{
	size_t k, a, b, ca, cb;
	const struct tok *ta, *tb;
	bool spelling = false, suffix;
	uint64_t ha = UTIL_HASH64_INIT, hb = UTIL_HASH64_INIT;

	if (r->eq) {
		for (k = 0; k < r->a1 - r->a0; k++) {
			ta = &A->t[r->a0 + k];
			tb = &B->t[r->b0 + k];
			op_push(o, DIFF_OP_EQUAL, ta->blk, ta->start, ta->end,
			    tb->blk, tb->start, tb->end, false);
		}
		return;
	}
	if (emit_spacing(df, o, A, B, r))
		return;
	if (r->a1 > r->a0 && r->b1 > r->b0) {
		for (a = r->a0; a < r->a1; a++)
			ha = fnv(ha, (uint32_t)(A->t[a].kl ^ (A->t[a].kl >> 32)));
		for (b = r->b0; b < r->b1; b++)
			hb = fnv(hb, (uint32_t)(B->t[b].kl ^ (B->t[b].kl >> 32)));
		spelling = ha == hb;
	}
	if (r->a1 == r->a0 + 1 && r->b1 == r->b0 + 1 && !spelling &&
	    affix(df, &df->o, &A->t[r->a0], &df->n, &B->t[r->b0], &ca, &cb,
	    &suffix)) {
		ta = &A->t[r->a0];
		tb = &B->t[r->b0];
		if (!suffix) {
			op_push(o, DIFF_OP_DELETE, ta->blk, ta->start, ca,
			    tb->blk, tb->start, tb->start, false);
			op_push(o, DIFF_OP_INSERT, ta->blk, ca, ca, tb->blk,
			    tb->start, cb, false);
			op_push(o, DIFF_OP_EQUAL, ta->blk, ca, ta->end,
			    tb->blk, cb, tb->end, false);
		} else {
			op_push(o, DIFF_OP_EQUAL, ta->blk, ta->start, ca,
			    tb->blk, tb->start, cb, false);
			op_push(o, DIFF_OP_DELETE, ta->blk, ca, ta->core_end,
			    tb->blk, cb, cb, false);
			op_push(o, DIFF_OP_INSERT, ta->blk, ta->core_end,
			    ta->core_end, tb->blk, cb, tb->core_end, false);
			op_push(o, DIFF_OP_EQUAL, ta->blk, ta->core_end,
			    ta->end, tb->blk, tb->core_end, tb->end, false);
		}
		return;
	}
	for (a = r->a0; a < r->a1; a++) {
		ta = &A->t[a];
		op_push(o, DIFF_OP_DELETE, ta->blk, ta->start, ta->end,
		    o->nb, o->nq, o->nq, spelling);
	}
	for (b = r->b0; b < r->b1; b++) {
		tb = &B->t[b];
		op_push(o, DIFF_OP_INSERT, o->ob, o->op, o->op, tb->blk,
		    tb->start, tb->end, spelling);
	}
}

/* Whole blocks as one operation each (same, inserted, deleted). */
static void
whole_ops(struct diff *df, const struct diff_pair *p, struct opsb *o)
{
	size_t k, lo = 0, ln = 0, len;
	const char *t;

	for (k = 0; k < p->old_count || k < p->new_count; k++) {
		if (k < p->old_count) {
			t = doc_block_text(df->o.d, p->old_first + k, &len);
			lo = utf8_count(t, len);
		}
		if (k < p->new_count) {
			t = doc_block_text(df->n.d, p->new_first + k, &len);
			ln = utf8_count(t, len);
		}
		if (p->status == DIFF_INSERTED)
			op_push(o, DIFF_OP_INSERT, DIFF_NONE, 0, 0,
			    p->new_first + k, 0, ln, false);
		else if (p->status == DIFF_DELETED)
			op_push(o, DIFF_OP_DELETE, p->old_first + k, 0, lo,
			    DIFF_NONE, 0, 0, false);
		else
			op_push(o, DIFF_OP_EQUAL, p->old_first + k, 0, lo,
			    p->new_first + k, 0, ln, false);
	}
}

const struct diff_op *
diff_pair_ops(struct diff *df, size_t i, size_t *n)
{
	const struct diff_pair *p;
	struct toks A = { 0 }, B = { 0 };
	struct regs rs = { 0 };
	struct opsb o = { 0 };
	struct wctx wc;
	size_t k, pre, suf, na, nb;
	uint64_t *ka, *kb;

	assert(i < df->np);
	p = &df->p[i];
	if (df->ops[i] != NULL || df->nops[i] == (size_t)-1) {
		*n = df->ops[i] != NULL ? df->nops[i] : 0;
		return df->ops[i];
	}
	o.ob = p->old_count > 0 ? p->old_first : DIFF_NONE;
	o.nb = p->new_count > 0 ? p->new_first : DIFF_NONE;
	if (p->status == DIFF_SAME || p->status == DIFF_INSERTED ||
	    p->status == DIFF_DELETED || (p->status == DIFF_MOVED &&
	    p->same_text))
		whole_ops(df, p, &o);
	else {
		for (k = 0; k < p->old_count; k++)
			tokenize(df, &df->o, p->old_first + k, &A);
		for (k = 0; k < p->new_count; k++)
			tokenize(df, &df->n, p->new_first + k, &B);
		na = A.n;
		nb = B.n;
		ka = xreallocarray(NULL, na + 1, sizeof *ka);
		kb = xreallocarray(NULL, nb + 1, sizeof *kb);
		for (k = 0; k < na; k++)
			ka[k] = A.t[k].km;
		for (k = 0; k < nb; k++)
			kb[k] = B.t[k].km;
		for (pre = 0; pre < na && pre < nb && ka[pre] == kb[pre]; pre++)
			;
		for (suf = 0; suf < na - pre && suf < nb - pre &&
		    ka[na - 1 - suf] == kb[nb - 1 - suf]; suf++)
			;
		reg_push(&rs, 0, pre, 0, pre, true);
		wc.rs = &rs;
		wc.x = wc.off_a = pre;
		wc.y = wc.off_b = pre;
		(void)myers(ka + pre, na - pre - suf, kb + pre, nb - pre - suf,
		    MYERS_DMAX, word_match, &wc);
		reg_push(&rs, wc.x, na - suf, wc.y, nb - suf, false);
		reg_push(&rs, na - suf, na, nb - suf, nb, true);
		cleanup_semantic(&rs, &A, &B);
		for (k = 0; k < rs.n; k++)
			emit_region(df, &o, &A, &B, &rs.r[k]);
		free(ka);
		free(kb);
		free(A.t);
		free(B.t);
		free(rs.r);
	}
	df->ops[i] = o.v;
	df->nops[i] = o.v != NULL ? o.n : (size_t)-1;
	*n = o.n;
	return o.v;
}
