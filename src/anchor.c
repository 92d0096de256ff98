/*
 * anchor.c - anchors of annotations and their re-anchoring (see anchor.h).
 *
 * Pure C over the document model and text_fold(); it never talks to
 * SQLite (store.c keeps the rows) nor to a terminal, never prints and
 * never exits.  All matching is done on folded text (text_fold(), the one
 * table of Arabic letter equivalences hamish has), so harakat, tatweel,
 * hamza forms of alef, ى/ي and ة/ه never stop a quote from being found;
 * every place found is mapped back to code points of the block's own
 * text through the fold map.
 *
 * Resolving a quote (anchor_resolve(), the steps of anchor.h):
 *
 *   1. same document hash, the quote at its offsets      exact, O(quote)
 *   2. the quote at the stored offsets of the stored block, or of the
 *      block with the stored address, if that block's fingerprint is
 *      unchanged                                          exact
 *   3. the folded quote, searched in tiers:
 *        home   the stored block, the block of the stored address, the
 *               blocks with the stored fingerprint
 *        near   NEAR blocks either side of the first two
 *        rest   the whole document, only when the tiers above leave it
 *               open
 *      each place scored as Hypothesis does (quote 50, prefix 20,
 *      suffix 20, position 2, over 92)     moved, or needs-review
 *   4. approximate: Myers' bit-vector search for the least edit distance
 *      of the quote, k <= m/2, home and near first, then the rest
 *                                          fuzzy, or needs-review
 *   5. orphan
 *
 * Step 2 asks for the fingerprint because a short quote at the same
 * offsets of another paragraph (two paragraphs opening "وتؤكد اللجنة",
 * one renumbered onto the other's index) is a coincidence; when the
 * block changed, step 3 still calls a place exact if it is the quote
 * byte for byte at the stored offsets of the stored block or address
 * and its context agrees.  A place that is the quote only once folded
 * (harakat added, another hamza form) is at best moved: the words are
 * there, but the text is not the text that was annotated.
 *
 * Two places whose scores differ by less than MARGIN are one ambiguity,
 * never a choice: MARGIN exceeds the whole weight of the position, so a
 * quote found twice with the same context is needs-review wherever it
 * sits.  A place in a home or near block that agrees with both contexts
 * is taken without looking at the rest of the document (that keeps the
 * common case away from O(document) work): a paragraph whose words moved
 * keeps its notes even when its sentence was copied elsewhere.
 *
 * A paragraph note (a whole block) follows its fingerprint; failing
 * that, the most similar block (edit distance over length, folded)
 * among the stored block, the block of the address and their
 * neighbours (fuzzy when clearly the best, else needs-review), then in
 * the whole document (needs-review).
 *
 * Offsets in a block, the fold map and the ends of a match, for the text
 * "وَالدول" (waw with fatha) folded to "والدول":
 *
 *	text  i    0  1  2  3  4  5  6        (1 is the fatha)
 *	fold  k    0     1  2  3  4  5
 *	map[k]     0     2  3  4  5  6  |7    map[nfold] = ncp
 *
 * A folded match [fs, fe) covers text [map[fs], map[fe]): up to, not
 * including, the next letter that survived folding, so the marks of its
 * last letter go with it.
 *
 * Not thread-safe: an anchor_doc caches what it computes.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "anchor.h"
#include "doc.h"
#include "text.h"
#include "util.h"

/* Scores of a place (Hypothesis' match-quote.ts weights). */
#define W_QUOTE		50.0
#define W_PREFIX	20.0
#define W_SUFFIX	20.0
#define W_POS		2.0
#define W_SUM		(W_QUOTE + W_PREFIX + W_SUFFIX + W_POS)
/*
 * Two places closer than this are a tie: more than the whole weight of
 * the position (2/92), so the position only orders places that agree
 * equally with the text, it never decides between them.
 */
#define MARGIN		(3.0 / W_SUM)
/* A context "agrees" from here (1 - edits/length). */
#define CTX_OK		0.75
/* Then it agrees well enough on both sides for an early decision. */
#define CTX_SOME	0.5
/*
 * Status by score: a quote of ten words with two changed (q about 0.8)
 * and its context intact scores 0.89: fuzzy.  One with half its letters
 * changed and the context intact, 0.73: needs review.  The contexts of
 * unrelated places in these documents agree at 0.3 to 0.56, so an exact
 * quote at a random place scores about 0.73 too: the score alone cannot
 * tell a damaged quote in the right place from the right words in the
 * wrong place, and needs-review also asks for a context that agrees
 * (CTX_OK), or for a long exact quote.
 */
#define FUZZY_MIN	0.85
#define REVIEW_MIN	0.60
/* Quotes of at most this many words need their context to agree. */
#define SHORT_WORDS	3
/* Quotes of at least this many words are evidence on their own. */
#define LONG_WORDS	8
/* Blocks searched either side of the stored block and address. */
#define NEAR		3
/*
 * Places scored: exact occurrences in all (home and near blocks come
 * first, so a common word's place there is among them), fuzzy ones per
 * block.
 */
#define MAX_CANDS	256
#define MAX_FUZZY	16
/* Blocks with the same fingerprint looked at. */
#define MAX_FP		16
/* Whole blocks: similarity (1 - edits/longer length) needed. */
#define WHOLE_FUZZY	0.85
#define WHOLE_REVIEW	0.60
#define WHOLE_MARGIN	0.03
/* Code points below this have a direct slot in the Peq table. */
#define PEQ_LO		0x700
#define NONE		((size_t)-1)

/* What anchoring keeps of one block, each part computed on first use. */
struct ablock {
	uint32_t	*cp;		/* code points of the text, or NULL */
	size_t		 ncp;
	uint32_t	*fold;		/* folded, or NULL */
	size_t		 nfold;
	size_t		*map;		/* nfold + 1: index in cp (above) */
	uint64_t	 fp;		/* fold_hash() of fold */
	uint32_t	 cstamp;	/* == anchor_doc stamp: cfirst and */
	size_t		 cfirst, ccount; /* ccount are its exact places */
};

struct addr_ent {
	const char	*addr;		/* borrowed from the document */
	size_t		 block;
};

struct fp_ent {
	uint64_t	 fp;
	size_t		 block;
};

struct anchor_doc {
	const struct doc *doc;		/* borrowed */
	size_t		 n;		/* blocks */
	struct ablock	*b;		/* n */
	bool		 have_hash;
	uint64_t	 hash;
	size_t		*off;		/* n + 1 prefix sums, or NULL */
	struct addr_ent	*addr;		/* sorted by addr, or NULL */
	size_t		 naddr;
	struct fp_ent	*fps;		/* n, sorted by fp, or NULL */
	uint32_t	*freq;		/* PEQ_LO: folded code points in
					   the document, with fps */
	uint32_t	*mark;		/* block searched when == stamp */
	uint32_t	 stamp;
};

/*
 * The equality table of Myers' algorithm for one pattern: for each
 * distinct code point of the pattern (a symbol), a bit vector of the
 * rows holding it, nw words long; symbol 0 is every other code point and
 * matches nowhere.  Symbols of code points below PEQ_LO come from a
 * direct table, the others from a small open-addressed hash.  rev holds
 * the vectors of the reversed pattern, for finding where a match starts.
 */
struct peq {
	size_t		 m;
	size_t		 nw;
	uint64_t	*fwd;		/* nsym * nw */
	uint64_t	*rev;
	uint32_t	*hkey;		/* hcap, 0: empty */
	uint32_t	*hsym;
	size_t		 hcap;
	uint32_t	 lo[PEQ_LO];
};

/* One column of the bit-vector computation (Myers 1999, Fig. 9). */
struct myers {
	const uint64_t	*eq;		/* peq fwd or rev */
	size_t		 nw;
	uint64_t	 last;		/* bit of row m - 1 in word nw - 1 */
	uint64_t	*pv, *mv;	/* nw each: vertical deltas +1, -1 */
	size_t		 score;		/* D[m][j] */
	int		 hin;		/* row 0: 0 search, +1 anchored */
};

/* A place the quote may have gone (steps 3 and 4). */
struct cand {
	size_t		 block;
	size_t		 fs, fe;	/* folded offsets in the block */
	size_t		 start, end;	/* code points of the block's text */
	size_t		 errors;	/* edits of the folded quote */
	double		 q, p, s, pos;
	double		 score;
	bool		 bytes;		/* the quote byte for byte */
};

/* An end found by the approximate search, with its edit distance. */
struct end {
	size_t		 at;
	size_t		 errors;
};

/* One anchor_resolve(): the query and the places found so far. */
struct res {
	struct anchor_doc	*ad;
	const struct anchor	*a;
	uint32_t		*q;		/* the quote, code points */
	size_t			 nq;
	uint32_t		*qf;		/* folded */
	size_t			 mq;
	/* The contexts folded, nearest code point first (the prefix
	 * reversed), their tables (NULL when empty) and myers words. */
	uint32_t		 pf[ANCHOR_CONTEXT];
	size_t			 np;
	uint32_t		 sf[ANCHOR_CONTEXT];
	size_t			 ns;
	struct peq		*ppeq, *speq;
	uint64_t		 cw[2];
	bool			 p_info, s_info; /* stored at all */
	bool			 p_edge, s_edge; /* reaches the block edge */
	size_t			 words;		/* in the quote */
	bool			 short_quote;
	size_t			 home_b;	/* stored block, or NONE */
	size_t			 home_a;	/* block of the address, or NONE */
	size_t			 fpb[MAX_FP];	/* blocks of the fingerprint */
	size_t			 nfpb;
	size_t			*near;		/* home then near blocks */
	size_t			 nhome, nnear;
	struct cand		*c;
	size_t			 nc, ccap;
	double			 best;		/* highest score in c */
	size_t			 nexact;	/* exact places, all counted */
	struct peq		*peq;
	uint64_t		*mw;		/* 2 * nw words for myers */
	struct end		*ends;
	size_t			 nends, ecap;
	size_t			*d;		/* D[m][j] of a block */
	size_t			 dcap;
	size_t			 rare;		/* rarest code point of qf */
};

enum stage {
	STAGE_EXACT,		/* exact places of home or near blocks */
	STAGE_EXACT_ALL,	/* every exact place of the document */
	STAGE_FUZZY,		/* and fuzzy places of home and near */
	STAGE_FUZZY_ALL		/* and fuzzy places everywhere */
};

static const char *const status_names[] = {
	[ANCHOR_EXACT] = "exact",
	[ANCHOR_MOVED] = "moved",
	[ANCHOR_FUZZY] = "fuzzy",
	[ANCHOR_REVIEW] = "needs-review",
	[ANCHOR_ORPHAN] = "orphan"
};

/* The test program checks the approximate search against a plain
 * dynamic programme through this; it is not part of anchor.h. */
void	anchor_test_edit_ends(const uint32_t *, size_t, const uint32_t *,
	    size_t, bool, size_t *);

const char *
anchor_status_name(enum anchor_status s)
{
	return (size_t)s < UTIL_NELEM(status_names) ? status_names[s] : "";
}

bool
anchor_status_parse(const char *name, enum anchor_status *out)
{
	for (size_t i = 0; i < UTIL_NELEM(status_names); i++)
		if (strcmp(name, status_names[i]) == 0) {
			*out = (enum anchor_status)i;
			return true;
		}
	return false;
}

/* --- hashing --- */

/* FNV-1a of n folded code points as UTF-8, so the value does not depend
 * on the machine's byte order (fingerprints are stored). */
static uint64_t
fold_hash(const uint32_t *f, size_t n)
{
	uint64_t h = UTIL_HASH64_INIT;
	char u[256];
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		k += utf8_put(u + k, f[i]);
		if (k > sizeof u - 4) {
			h = util_hash64(u, k, h);
			k = 0;
		}
	}
	return util_hash64(u, k, h);
}

uint64_t
anchor_fingerprint(const char *s, size_t len)
{
	uint32_t *cp, *f;
	size_t n, nf;
	uint64_t h;

	assert(s != NULL || len == 0);
	cp = text_utf8_decode(s != NULL ? s : "", len, TEXT_NFC, &n, NULL);
	f = xreallocarray(NULL, n + 1, sizeof *f);
	nf = text_fold(cp, n, 0, f, NULL);
	h = fold_hash(f, nf);
	free(f);
	free(cp);
	return h;
}

/* --- the prepared document --- */

struct anchor_doc *
anchor_doc_new(const struct doc *d)
{
	struct anchor_doc *ad;

	assert(d != NULL);
	ad = xcalloc(1, sizeof *ad);
	ad->doc = d;
	ad->n = doc_block_count(d);
	ad->b = xcalloc(ad->n + 1, sizeof *ad->b);
	ad->mark = xcalloc(ad->n + 1, sizeof *ad->mark);
	return ad;
}

void
anchor_doc_free(struct anchor_doc *ad)
{
	if (ad == NULL)
		return;
	for (size_t i = 0; i < ad->n; i++) {
		free(ad->b[i].cp);
		free(ad->b[i].fold);
		free(ad->b[i].map);
	}
	free(ad->b);
	free(ad->off);
	free(ad->addr);
	free(ad->fps);
	free(ad->freq);
	free(ad->mark);
	free(ad);
}

const struct doc *
anchor_doc_doc(const struct anchor_doc *ad)
{
	return ad->doc;
}

uint64_t
anchor_doc_hash(struct anchor_doc *ad)
{
	const char *s;
	size_t i, len;
	uint64_t h = UTIL_HASH64_INIT;
	unsigned char k;
	/* 0xFE and 0xFF never occur in UTF-8: they end each part. */
	static const unsigned char nolabel = 0xFE, sep = 0xFF;

	if (ad->have_hash)
		return ad->hash;
	for (i = 0; i < ad->n; i++) {
		k = (unsigned char)doc_block_kind(ad->doc, i);
		h = util_hash64(&k, 1, h);
		if ((s = doc_block_label(ad->doc, i)) != NULL) {
			h = util_hash64(s, strlen(s), h);
			h = util_hash64(&sep, 1, h);
		} else
			h = util_hash64(&nolabel, 1, h);
		s = doc_block_text(ad->doc, i, &len);
		h = util_hash64(s, len, h);
		h = util_hash64(&sep, 1, h);
	}
	ad->hash = h;
	ad->have_hash = true;
	return h;
}

size_t
anchor_doc_offset(struct anchor_doc *ad, size_t i)
{
	const char *s;
	size_t b, len;

	assert(i <= ad->n);
	if (ad->off == NULL) {
		/* Block text is well-formed NFC: lead bytes count code
		 * points, no need to decode. */
		ad->off = xreallocarray(NULL, ad->n + 1, sizeof *ad->off);
		ad->off[0] = 0;
		for (b = 0; b < ad->n; b++) {
			s = doc_block_text(ad->doc, b, &len);
			ad->off[b + 1] = ad->off[b] + utf8_count(s, len) + 1;
		}
	}
	return ad->off[i];
}

/* Block i with its code points decoded; borrowed from ad. */
static struct ablock *
block_cp(struct anchor_doc *ad, size_t i)
{
	struct ablock *b = &ad->b[i];
	const char *s;
	size_t len;

	assert(i < ad->n);
	if (b->cp == NULL) {
		s = doc_block_text(ad->doc, i, &len);
		/* Block text is NFC already (doc.h). */
		b->cp = text_utf8_decode(s, len, 0, &b->ncp, NULL);
	}
	return b;
}

/* Block i with its folded text, map and fingerprint; borrowed. */
static struct ablock *
block_fold(struct anchor_doc *ad, size_t i)
{
	struct ablock *b = block_cp(ad, i);

	if (b->fold == NULL) {
		b->fold = xreallocarray(NULL, b->ncp + 1, sizeof *b->fold);
		b->map = xreallocarray(NULL, b->ncp + 1, sizeof *b->map);
		b->nfold = text_fold(b->cp, b->ncp, 0, b->fold, b->map);
		b->map[b->nfold] = b->ncp;
		b->fp = fold_hash(b->fold, b->nfold);
	}
	return b;
}

/* qsort() order of addresses: by address, then block. */
static int
addr_cmp(const void *x, const void *y)
{
	const struct addr_ent *a = x, *b = y;
	int c = strcmp(a->addr, b->addr);

	if (c != 0)
		return c;
	return a->block < b->block ? -1 : a->block > b->block;
}

/*
 * The block whose address is addr, or NONE (also when two blocks share
 * it: an address that does not say which block is no evidence).
 */
static size_t
addr_find(struct anchor_doc *ad, const char *addr)
{
	struct addr_ent key, *e;
	const char *s;
	size_t i, lo, hi, mid;

	if (addr == NULL)
		return NONE;
	if (ad->addr == NULL) {
		ad->addr = xreallocarray(NULL, ad->n + 1, sizeof *ad->addr);
		for (i = 0; i < ad->n; i++)
			if ((s = doc_block_address(ad->doc, i)) != NULL) {
				ad->addr[ad->naddr].addr = s;
				ad->addr[ad->naddr++].block = i;
			}
		qsort(ad->addr, ad->naddr, sizeof *ad->addr, addr_cmp);
	}
	key.addr = addr;
	key.block = 0;
	/* Lower bound: the first entry not below key. */
	lo = 0;
	hi = ad->naddr;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (addr_cmp(&ad->addr[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == ad->naddr || strcmp((e = &ad->addr[lo])->addr, addr) != 0)
		return NONE;
	if (lo + 1 < ad->naddr && strcmp(ad->addr[lo + 1].addr, addr) == 0)
		return NONE;
	return e->block;
}

/* qsort() order of fingerprints: by value, then block. */
static int
fp_cmp(const void *x, const void *y)
{
	const struct fp_ent *a = x, *b = y;

	if (a->fp != b->fp)
		return a->fp < b->fp ? -1 : 1;
	return a->block < b->block ? -1 : a->block > b->block;
}

/*
 * Up to max blocks whose fingerprint is fp, in document order, into
 * out; returns how many.  The first call folds every block (once per
 * anchor_doc) and counts its code points for rarest().
 */
static size_t
fp_find(struct anchor_doc *ad, uint64_t fp, size_t *out, size_t max)
{
	struct ablock *b;
	size_t i, j, lo, hi, mid, k = 0;

	if (ad->fps == NULL) {
		ad->fps = xreallocarray(NULL, ad->n + 1, sizeof *ad->fps);
		ad->freq = xcalloc(PEQ_LO, sizeof *ad->freq);
		for (i = 0; i < ad->n; i++) {
			b = block_fold(ad, i);
			ad->fps[i].fp = b->fp;
			ad->fps[i].block = i;
			for (j = 0; j < b->nfold; j++)
				if (b->fold[j] < PEQ_LO)
					ad->freq[b->fold[j]]++;
		}
		qsort(ad->fps, ad->n, sizeof *ad->fps, fp_cmp);
	}
	lo = 0;
	hi = ad->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ad->fps[mid].fp < fp)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < ad->n && ad->fps[i].fp == fp && k < max; i++)
		out[k++] = ad->fps[i].block;
	return k;
}

/* --- anchors --- */

/* A new UTF-8 string of n code points (caller frees). */
static char *
cp_string(const uint32_t *cp, size_t n)
{
	struct buf b;

	buf_init(&b);
	text_utf8_encode(&b, cp, n);
	buf_addc(&b, '\0');
	return buf_steal(&b);
}

void
anchor_make(struct anchor_doc *ad, size_t i, size_t start, size_t end,
    bool whole, struct anchor *out)
{
	struct ablock *b;
	const char *addr;
	size_t ps, se;

	assert(ad != NULL && out != NULL && i < ad->n);
	b = block_fold(ad, i);
	if (whole) {
		start = 0;
		end = b->ncp;
	}
	assert(whole || (start < end && end <= b->ncp));
	memset(out, 0, sizeof *out);
	addr = doc_block_address(ad->doc, i);
	out->para = addr != NULL ? xstrdup(addr) : NULL;
	out->block = i;
	out->start = start;
	out->end = end;
	out->whole = whole;
	ps = start > ANCHOR_CONTEXT ? start - ANCHOR_CONTEXT : 0;
	se = b->ncp - end > ANCHOR_CONTEXT ? end + ANCHOR_CONTEXT : b->ncp;
	out->exact = cp_string(b->cp + start, end - start);
	out->prefix = cp_string(b->cp + ps, start - ps);
	out->suffix = cp_string(b->cp + end, se - end);
	out->para_fp = b->fp;
	out->doc_hash = anchor_doc_hash(ad);
}

void
anchor_clear(struct anchor *a)
{
	if (a == NULL)
		return;
	free(a->para);
	free(a->exact);
	free(a->prefix);
	free(a->suffix);
	memset(a, 0, sizeof *a);
}

/* --- Myers' bit-vector approximate search --- */

/* The symbol of code point c in pq: 0 when the pattern lacks it. */
static inline size_t
peq_sym(const struct peq *pq, uint32_t c)
{
	size_t h;

	if (c < PEQ_LO)
		return pq->lo[c];
	h = (c * 2654435761u) & (pq->hcap - 1);
	while (pq->hkey[h] != 0) {
		if (pq->hkey[h] == c)
			return pq->hsym[h];
		h = (h + 1) & (pq->hcap - 1);
	}
	return 0;
}

/* The table of pattern p (m >= 1 code points); caller frees with
 * peq_free(). */
static struct peq *
peq_new(const uint32_t *p, size_t m)
{
	struct peq *pq;
	uint32_t *sym;
	size_t i, h, nsym = 1, nw;

	assert(m > 0);
	pq = xcalloc(1, sizeof *pq);
	pq->m = m;
	pq->nw = nw = (m + 63) / 64;
	for (pq->hcap = 8; pq->hcap < 2 * m; pq->hcap *= 2)
		;
	pq->hkey = xcalloc(pq->hcap, sizeof *pq->hkey);
	pq->hsym = xcalloc(pq->hcap, sizeof *pq->hsym);
	/* Number the distinct code points 1, 2, ... */
	sym = xreallocarray(NULL, m, sizeof *sym);
	for (i = 0; i < m; i++) {
		if ((sym[i] = (uint32_t)peq_sym(pq, p[i])) != 0)
			continue;
		sym[i] = (uint32_t)nsym++;
		if (p[i] < PEQ_LO)
			pq->lo[p[i]] = sym[i];
		else {
			h = (p[i] * 2654435761u) & (pq->hcap - 1);
			while (pq->hkey[h] != 0)
				h = (h + 1) & (pq->hcap - 1);
			pq->hkey[h] = p[i];
			pq->hsym[h] = sym[i];
		}
	}
	pq->fwd = xcalloc(nsym * nw, sizeof *pq->fwd);
	pq->rev = xcalloc(nsym * nw, sizeof *pq->rev);
	for (i = 0; i < m; i++) {
		pq->fwd[sym[i] * nw + i / 64] |= (uint64_t)1 << (i % 64);
		pq->rev[sym[i] * nw + (m - 1 - i) / 64] |=
		    (uint64_t)1 << ((m - 1 - i) % 64);
	}
	free(sym);
	return pq;
}

/* Frees a table of peq_new(); NULL is fine. */
static void
peq_free(struct peq *pq)
{
	if (pq == NULL)
		return;
	free(pq->fwd);
	free(pq->rev);
	free(pq->hkey);
	free(pq->hsym);
	free(pq);
}

/*
 * Starts a column scan of pq's pattern (reversed if rev) in my, using
 * words (2 * pq->nw, the caller's) as its state.  Column 0: D[i][0] = i.
 * anchored: row 0 is D[0][j] = j, the match must start at the first
 * code point scanned (edit distance to a prefix of the text); else
 * D[0][j] = 0, a match may start anywhere (search).
 */
static void
myers_init(struct myers *my, const struct peq *pq, bool rev, bool anchored,
    uint64_t *words)
{
	my->eq = rev ? pq->rev : pq->fwd;
	my->nw = pq->nw;
	my->last = (uint64_t)1 << ((pq->m - 1) % 64);
	my->pv = words;
	my->mv = words + pq->nw;
	for (size_t w = 0; w < pq->nw; w++) {
		my->pv[w] = ~(uint64_t)0;
		my->mv[w] = 0;
	}
	my->score = pq->m;
	my->hin = anchored ? 1 : 0;
}

/*
 * Advances my by one text code point of symbol sym and returns D[m][j].
 * Each word is one block of 64 rows (Myers 1999, Fig. 9): hin is the
 * horizontal delta entering its top row from the block above, hout the
 * one leaving its bottom row.  Bits above row m - 1 in the last word are
 * garbage but never reach the rows below: carries and shifts only go up.
 */
static inline size_t
myers_step(struct myers *my, size_t sym)
{
	const uint64_t *row = my->eq + sym * my->nw;
	uint64_t eq, pv, mv, xv, xh, ph, mh, top;
	int hin = my->hin, hout = 0;

	for (size_t w = 0; w < my->nw; w++) {
		eq = row[w];
		pv = my->pv[w];
		mv = my->mv[w];
		top = w + 1 == my->nw ? my->last : (uint64_t)1 << 63;
		xv = eq | mv;
		if (hin < 0)
			eq |= 1;
		xh = (((eq & pv) + pv) ^ pv) | eq;
		ph = mv | ~(xh | pv);
		mh = pv & xh;
		hout = (ph & top) ? 1 : (mh & top) ? -1 : 0;
		ph <<= 1;
		mh <<= 1;
		if (hin < 0)
			mh |= 1;
		else if (hin > 0)
			ph |= 1;
		my->pv[w] = mh | ~(xv | ph);
		my->mv[w] = ph & xv;
		hin = hout;
	}
	if (hout > 0)
		my->score++;
	else if (hout < 0)
		my->score--;
	return my->score;
}

/*
 * D[m][j + 1] for j = 0..n-1 into d[j], the pattern of pq over t (search
 * or anchored, see myers_init()), with words (2 * pq->nw) as state.  A
 * pattern of up to 64 code points searched is the hot loop of fuzzy
 * matching and has a loop of its own: one word, no carries between
 * blocks, row 0 free (Ph and Mh shift in 0).
 */
static void
myers_scores(const struct peq *pq, bool anchored, const uint32_t *t,
    size_t n, uint64_t *words, size_t *d)
{
	struct myers my;
	uint64_t pv = ~(uint64_t)0, mv = 0, eq, xv, xh, ph, mh, last;
	size_t j, score = pq->m;

	if (pq->nw > 1 || anchored) {
		myers_init(&my, pq, false, anchored, words);
		for (j = 0; j < n; j++)
			d[j] = myers_step(&my, peq_sym(pq, t[j]));
		return;
	}
	last = (uint64_t)1 << (pq->m - 1);
	for (j = 0; j < n; j++) {
		eq = pq->fwd[peq_sym(pq, t[j])];
		xv = eq | mv;
		xh = (((eq & pv) + pv) ^ pv) | eq;
		ph = mv | ~(xh | pv);
		mh = pv & xh;
		if (ph & last)
			score++;
		else if (mh & last)
			score--;
		ph <<= 1;
		mh <<= 1;
		pv = mh | ~(xv | ph);
		mv = ph & xv;
		d[j] = score;
	}
}

void
anchor_test_edit_ends(const uint32_t *p, size_t m, const uint32_t *t,
    size_t n, bool anchored, size_t *d)
{
	struct peq *pq;
	uint64_t *w;

	assert(m > 0);
	pq = peq_new(p, m);
	w = xreallocarray(NULL, 2 * pq->nw, sizeof *w);
	d[0] = m;
	myers_scores(pq, anchored, t, n, w, d + 1);
	free(w);
	peq_free(pq);
}

/* --- resolving --- */

/* Code points of s (NUL-terminated, NULL is ""), NFC; caller frees. */
static uint32_t *
decode(const char *s, size_t *n)
{
	if (s == NULL)
		s = "";
	return text_utf8_decode(s, strlen(s), TEXT_NFC, n, NULL);
}

/*
 * Folds context s into out (room for ANCHOR_CONTEXT): the folded code
 * points nearest the quote, nearest first, so a prefix is reversed.
 * *edge: s is shorter than ANCHOR_CONTEXT, so it reached the start or
 * end of its block.
 */
static size_t
context_fold(const char *s, bool prefix, uint32_t *out, bool *edge)
{
	uint32_t *cp, *f;
	size_t n, nf, k, i;

	cp = decode(s, &n);
	f = xreallocarray(NULL, n + 1, sizeof *f);
	nf = text_fold(cp, n, 0, f, NULL);
	*edge = n < ANCHOR_CONTEXT;
	k = nf < ANCHOR_CONTEXT ? nf : ANCHOR_CONTEXT;
	for (i = 0; i < k; i++)
		out[i] = prefix ? f[nf - 1 - i] : f[i];
	free(f);
	free(cp);
	return k;
}

/*
 * Prepares r for resolving a in ad: the quote decoded, all step 1 needs.
 * a and ad are borrowed for the life of r; everything r allocates is
 * freed by res_free().
 */
static void
res_init(struct res *r, struct anchor_doc *ad, const struct anchor *a)
{
	memset(r, 0, sizeof *r);
	r->ad = ad;
	r->a = a;
	r->q = decode(a->exact, &r->nq);
	r->home_b = a->block < ad->n ? a->block : NONE;
}

/* The rest, for the steps after 1: the quote and contexts folded, the
 * block of the address looked up. */
static void
res_prepare(struct res *r)
{
	const struct anchor *a = r->a;
	size_t i, words = 0;
	bool in = false;

	r->qf = xreallocarray(NULL, r->nq + 1, sizeof *r->qf);
	r->mq = text_fold(r->q, r->nq, 0, r->qf, NULL);
	if ((r->p_info = a->prefix != NULL))
		r->np = context_fold(a->prefix, true, r->pf, &r->p_edge);
	if ((r->s_info = a->suffix != NULL))
		r->ns = context_fold(a->suffix, false, r->sf, &r->s_edge);
	if (r->np > 0)
		r->ppeq = peq_new(r->pf, r->np);
	if (r->ns > 0)
		r->speq = peq_new(r->sf, r->ns);
	for (i = 0; i < r->mq; i++) {
		if (text_cp_is_word(r->qf[i]) && !in)
			words++;
		in = text_cp_is_word(r->qf[i]);
	}
	r->words = words;
	r->short_quote = words <= SHORT_WORDS;
	r->home_a = addr_find(r->ad, a->para);
	r->near = xreallocarray(NULL, 2 * (2 * NEAR + 1) + MAX_FP + 2,
	    sizeof *r->near);
}

/* Frees what r owns (not its anchor or document). */
static void
res_free(struct res *r)
{
	free(r->q);
	free(r->qf);
	free(r->near);
	free(r->c);
	free(r->ends);
	free(r->d);
	free(r->mw);
	peq_free(r->peq);
	peq_free(r->ppeq);
	peq_free(r->speq);
}

/* The pattern table of the folded quote, built on first use. */
static struct peq *
res_peq(struct res *r)
{
	if (r->peq == NULL) {
		r->peq = peq_new(r->qf, r->mq);
		r->mw = xreallocarray(NULL, 2 * r->peq->nw, sizeof *r->mw);
	}
	return r->peq;
}

/* The quote, code point for code point, at start of block b (an empty
 * quote is anywhere). */
static bool
quote_at(struct res *r, size_t b, size_t start)
{
	struct ablock *blk = block_cp(r->ad, b);

	return start <= blk->ncp && blk->ncp - start >= r->nq &&
	    memcmp(blk->cp + start, r->q, r->nq * sizeof *r->q) == 0;
}

/* A new search: no block marked. */
static void
mark_reset(struct anchor_doc *ad)
{
	if (++ad->stamp == 0) {
		memset(ad->mark, 0, ad->n * sizeof *ad->mark);
		ad->stamp = 1;
	}
}

/* Marks block b; false if it was marked already. */
static bool
mark(struct anchor_doc *ad, size_t b)
{
	if (ad->mark[b] == ad->stamp)
		return false;
	ad->mark[b] = ad->stamp;
	return true;
}

/* Adds b to the home or near list unless it is there already. */
static void
near_add(struct res *r, size_t b)
{
	if (b < r->ad->n && mark(r->ad, b))
		r->near[r->nnear++] = b;
}

/*
 * The blocks to search first, in order: home (the stored block, the
 * block of the stored address, the blocks of the fingerprint), then the
 * NEAR blocks either side of the first two, nearest first.  Marks them.
 */
static void
near_build(struct res *r)
{
	size_t i, d;

	mark_reset(r->ad);
	near_add(r, r->home_b);
	near_add(r, r->home_a);
	for (i = 0; i < r->nfpb; i++)
		near_add(r, r->fpb[i]);
	r->nhome = r->nnear;
	for (d = 1; d <= NEAR; d++) {
		if (r->home_b != NONE) {
			near_add(r, r->home_b + d);
			if (r->home_b >= d)
				near_add(r, r->home_b - d);
		}
		if (r->home_a != NONE) {
			near_add(r, r->home_a + d);
			if (r->home_a >= d)
				near_add(r, r->home_a - d);
		}
	}
}

/* Blocks between b and the nearest home block (0: b is one). */
static size_t
home_dist(const struct res *r, size_t b)
{
	size_t i, d = NONE;

	for (i = 0; i < r->nhome; i++) {
		size_t h = r->near[i];
		size_t e = h > b ? h - b : b - h;
		if (e < d)
			d = e;
	}
	return d == NONE ? 0 : d;
}

/*
 * Agreement of a context of n code points (table pq, nearest code point
 * first) with the text t[0..w) next to a place, nearest first: 1 - d/n,
 * where d is the least edit distance between the context and a start of
 * t (all of t when edge: the context reached the block's edge, so must
 * the text).  Myers, anchored at the place; beyond 2n code points no
 * alignment could score above 0.
 */
static double
ctx_score(struct res *r, const struct peq *pq, size_t n, const uint32_t *t,
    size_t w, bool edge)
{
	struct myers my;
	size_t j, d, best;

	if (n == 0)
		return !edge || w == 0 ? 1.0 : 0.0;
	if (w > 2 * n) {
		if (edge)
			return 0.0;
		w = 2 * n;
	}
	myers_init(&my, pq, false, true, r->cw);
	best = n;
	for (j = 0; j < w; j++)
		if ((d = myers_step(&my, peq_sym(pq, t[j]))) < best)
			best = d;
	if (edge)
		best = my.score;
	return best >= n ? 0.0 : 1.0 - (double)best / (double)n;
}

/* Scores the prefix, suffix and position of place c, and the whole. */
static void
cand_score(struct res *r, struct cand *c)
{
	const struct ablock *b = &r->ad->b[c->block];
	uint32_t t[2 * ANCHOR_CONTEXT];
	size_t i, w, d;
	double in;

	/* The text either side, nearest first, as much as can count:
	 * ctx_score() is told the true length when it must reach the
	 * block's edge, and then needs no more than 2n of it. */
	c->q = 1.0 - (double)c->errors / (double)r->mq;
	c->p = 1.0;
	if (r->p_info) {
		w = c->fs < 2 * r->np ? c->fs : 2 * r->np;
		for (i = 0; i < w; i++)
			t[i] = b->fold[c->fs - 1 - i];
		c->p = ctx_score(r, r->ppeq, r->np, t,
		    r->p_edge ? c->fs : w, r->p_edge);
	}
	c->s = 1.0;
	if (r->s_info) {
		w = b->nfold - c->fe < 2 * r->ns ? b->nfold - c->fe :
		    2 * r->ns;
		memcpy(t, b->fold + c->fe, w * sizeof *t);
		c->s = ctx_score(r, r->speq, r->ns, t,
		    r->s_edge ? b->nfold - c->fe : w, r->s_edge);
	}
	/* Position: near the stored offsets of a home block, or a block
	 * near one.  Never more than a tie-break (MARGIN). */
	in = 1.0;
	if (c->block == r->home_b || c->block == r->home_a) {
		d = c->start > r->a->start ? c->start - r->a->start :
		    r->a->start - c->start;
		in = b->ncp > 0 && d < b->ncp ?
		    1.0 - (double)d / (double)b->ncp : 0.0;
	}
	c->pos = in / (double)(1 + home_dist(r, c->block));
	c->score = (W_QUOTE * c->q + W_PREFIX * c->p + W_SUFFIX * c->s +
	    W_POS * c->pos) / W_SUM;
	if (c->score > r->best)
		r->best = c->score;
}

/* Two places share code points. */
static bool
overlap(const struct cand *x, const struct cand *y)
{
	return x->block == y->block && x->start < y->end &&
	    y->start < x->end;
}

/* A new zeroed place at the end of r->c; borrowed until the next
 * cand_new() (the array moves). */
static struct cand *
cand_new(struct res *r)
{
	if (r->nc == r->ccap) {
		r->ccap = r->ccap ? 2 * r->ccap : 16;
		r->c = xreallocarray(r->c, r->ccap, sizeof *r->c);
	}
	memset(&r->c[r->nc], 0, sizeof r->c[r->nc]);
	return &r->c[r->nc++];
}

/*
 * Adds every place of the folded quote in block bi.  A folded match is
 * byte-equal when the quote's code points sit at its start; otherwise it
 * covers up to the next letter that survived folding.
 */
static void
exact_scan(struct res *r, size_t bi)
{
	struct ablock *b = block_fold(r->ad, bi);
	const uint32_t *f = b->fold, *q = r->qf;
	size_t i, k, m = r->mq, n = b->nfold;
	uint32_t rc;
	struct cand *c;

	b->cstamp = r->ad->stamp;
	b->cfirst = r->nc;
	b->ccount = 0;
	if (m == 0 || m > n)
		return;
	/* Look for the quote's rarest code point, then compare. */
	rc = q[r->rare];
	for (k = r->rare; k + m - r->rare <= n; k++) {
		if (f[k] != rc)
			continue;
		i = k - r->rare;
		if (memcmp(f + i, q, m * sizeof *q) != 0)
			continue;
		if (r->nexact++ >= MAX_CANDS)
			continue;
		c = cand_new(r);
		b->ccount++;
		c->block = bi;
		c->fs = i;
		c->fe = i + m;
		c->start = b->map[i];
		if ((c->bytes = quote_at(r, bi, c->start)))
			c->end = c->start + r->nq;
		else
			c->end = b->map[i + m];
		cand_score(r, c);
	}
}

/*
 * Moves the ends of a fuzzy match [*s, *e) of cp[0..n) off the middle
 * of a word: to the word's edge on the side that holds more of it.
 * Spaces left at either end go, unless the quote had them.
 */
static void
word_adjust(const struct res *r, const uint32_t *cp, size_t n, size_t *ps,
    size_t *pe)
{
	size_t s = *ps, e = *pe, ws, we;

	if (s > 0 && s < n && text_cp_is_word(cp[s - 1]) &&
	    text_cp_is_word(cp[s])) {
		for (ws = s; ws > 0 && text_cp_is_word(cp[ws - 1]); ws--)
			;
		for (we = s; we < n && text_cp_is_word(cp[we]); we++)
			;
		s = we - s >= s - ws ? ws : we;
	}
	if (e > 0 && e < n && text_cp_is_word(cp[e - 1]) &&
	    text_cp_is_word(cp[e])) {
		for (ws = e; ws > 0 && text_cp_is_word(cp[ws - 1]); ws--)
			;
		for (we = e; we < n && text_cp_is_word(cp[we]); we++)
			;
		e = e - ws >= we - e ? we : ws;
	}
	if (r->nq > 0 && !text_cp_is_space(r->q[0]))
		while (s < e && text_cp_is_space(cp[s]))
			s++;
	if (r->nq > 0 && !text_cp_is_space(r->q[r->nq - 1]))
		while (e > s && text_cp_is_space(cp[e - 1]))
			e--;
	if (s < e) {
		*ps = s;
		*pe = e;
	}
}

/* qsort() order of ends: fewest errors first, then leftmost. */
static int
end_cmp(const void *x, const void *y)
{
	const struct end *a = x, *b = y;

	if (a->errors != b->errors)
		return a->errors < b->errors ? -1 : 1;
	return a->at < b->at ? -1 : a->at > b->at;
}

/* Appends an end to r->ends. */
static void
end_add(struct res *r, size_t at, size_t errors)
{
	if (r->nends == r->ecap) {
		r->ecap = r->ecap ? 2 * r->ecap : 64;
		r->ends = xreallocarray(r->ends, r->ecap, sizeof *r->ends);
	}
	r->ends[r->nends].at = at;
	r->ends[r->nends++].errors = errors;
}

/* The best score a place with this many errors could reach. */
static double
score_bound(const struct res *r, size_t errors)
{
	return (W_QUOTE * (1.0 - (double)errors / (double)r->mq) + W_PREFIX +
	    W_SUFFIX + W_POS) / W_SUM;
}

/*
 * Adds the approximate places of the quote in block bi: the ends where
 * the edit distance D[m][j] is a local minimum within k = m/2, best
 * first, one per stretch of m/2 code points; each start found by running
 * the reversed quote backwards from its end (anchored there), taking the
 * longest match of the same distance.  Places that overlap one already
 * found, or could not come near the best score, are skipped.
 */
static void
fuzzy_scan(struct res *r, size_t bi)
{
	struct ablock *b = block_fold(r->ad, bi);
	struct peq *pq = res_peq(r);
	struct myers my;
	struct cand *c, tmp;
	size_t j, s, prev, k = r->mq / 2, pend = 0, pend_err = 0, kept = 0;
	size_t i, x, len, lim, bestj, beste, span, taken[MAX_FUZZY];
	size_t xfirst = 0, xcount = 0, nc0 = r->nc;
	bool pending = false, clash;

	if (b->nfold == 0)
		return;
	if (b->cstamp == r->ad->stamp) {
		xfirst = b->cfirst;	/* its exact places, found before */
		xcount = b->ccount;
	}
	r->nends = 0;
	if (b->nfold > r->dcap) {
		r->dcap = b->nfold;
		r->d = xreallocarray(r->d, r->dcap, sizeof *r->d);
	}
	myers_scores(pq, false, b->fold, b->nfold, r->mw, r->d);
	prev = r->mq;
	for (j = 0; j < b->nfold; j++) {
		s = r->d[j];
		if (s < prev) {
			pending = s <= k;
			pend = j + 1;
			pend_err = s;
		} else if (s > prev && pending) {
			end_add(r, pend, pend_err);
			pending = false;
		}
		prev = s;
	}
	if (pending)
		end_add(r, pend, pend_err);
	if (r->nends == 0)
		return;
	qsort(r->ends, r->nends, sizeof *r->ends, end_cmp);
	span = r->mq / 2 > 0 ? r->mq / 2 : 1;
	for (i = 0; i < r->nends && kept < MAX_FUZZY; i++) {
		struct end *e = &r->ends[i];

		/* One place per stretch: a better end nearby was taken. */
		for (clash = false, x = 0; x < kept && !clash; x++)
			clash = (taken[x] > e->at ? taken[x] - e->at :
			    e->at - taken[x]) < span;
		if (clash)
			continue;
		if (score_bound(r, e->errors) < r->best - MARGIN)
			break;
		taken[kept++] = e->at;
		/* Its start: the reversed quote, anchored at the end. */
		myers_init(&my, pq, true, true, r->mw);
		lim = e->at < r->mq + e->errors ? e->at : r->mq + e->errors;
		bestj = 0;
		beste = r->mq;
		for (len = 1; len <= lim; len++) {
			s = myers_step(&my,
			    peq_sym(pq, b->fold[e->at - len]));
			if (s <= beste) {
				beste = s;
				bestj = len;
			}
		}
		if (bestj == 0)
			continue;
		memset(&tmp, 0, sizeof tmp);
		tmp.block = bi;
		tmp.fs = e->at - bestj;
		tmp.fe = e->at;
		tmp.errors = beste;
		tmp.start = b->map[tmp.fs];
		tmp.end = b->map[tmp.fe];
		word_adjust(r, b->cp, b->ncp, &tmp.start, &tmp.end);
		for (clash = false, x = 0; x < xcount && !clash; x++)
			clash = overlap(&r->c[xfirst + x], &tmp);
		for (x = nc0; x < r->nc && !clash; x++)
			clash = overlap(&r->c[x], &tmp);
		if (clash)
			continue;
		tmp.bytes = tmp.end - tmp.start == r->nq &&
		    quote_at(r, bi, tmp.start);
		c = cand_new(r);
		*c = tmp;
		cand_score(r, c);
	}
}

/* The best place: the highest score, the first of equal ones (home
 * and near blocks were searched first). */
static size_t
cand_best(const struct res *r)
{
	size_t i, best = 0;

	for (i = 1; i < r->nc; i++)
		if (r->c[i].score > r->c[best].score)
			best = i;
	return best;
}

/* Another place, not overlapping best, scores within MARGIN of it. */
static bool
cand_rival(const struct res *r, size_t best)
{
	for (size_t i = 0; i < r->nc; i++)
		if (i != best && !overlap(&r->c[i], &r->c[best]) &&
		    r->c[i].score >= r->c[best].score - MARGIN)
			return true;
	return false;
}

/* Fills m from place c with status st. */
static void
match_set(struct res *r, const struct cand *c, enum anchor_status st,
    struct anchor_match *m)
{
	const struct anchor *a = r->a;

	if (st == ANCHOR_MOVED && c->bytes && c->start == a->start &&
	    c->end == a->end &&
	    (c->block == r->home_b || c->block == r->home_a))
		st = ANCHOR_EXACT;	/* the quote where it was */
	m->status = st;
	m->block = c->block;
	m->start = c->start;
	m->end = c->end;
	m->score = st == ANCHOR_EXACT ? 1.0 : c->score;
}

/*
 * Decides from the places found so far at stage st; true when m is
 * final.  The rules, with b the best place and a tie another place
 * within MARGIN of it:
 *
 *   home and near searched: an exact b with one context agreeing fully
 *	and the other at least half: moved (exact where it was), or
 *	needs-review on a tie
 *   every exact place known: an exact b with a context agreeing
 *	(CTX_OK): moved, or needs-review on a tie; with no context, moved
 *	only if it is the one place of a long quote (LONG_WORDS)
 *   with the fuzzy places: b >= FUZZY_MIN, no tie, and for a short
 *	quote a context agreeing: fuzzy (moved if b is exact); b >=
 *	REVIEW_MIN with a context agreeing, or exact and long:
 *	needs-review; otherwise orphan
 */
static bool
decide(struct res *r, enum stage st, struct anchor_match *m)
{
	const struct cand *b;
	size_t best;
	bool rival, ctxok, strong, shortok, longq;
	double hi, lo;

	if (r->nc == 0) {
		if (st != STAGE_FUZZY_ALL)
			return false;
		m->status = ANCHOR_ORPHAN;
		return true;
	}
	best = cand_best(r);
	b = &r->c[best];
	rival = cand_rival(r, best);
	hi = b->p > b->s ? b->p : b->s;
	lo = b->p > b->s ? b->s : b->p;
	ctxok = hi >= CTX_OK;
	strong = b->errors == 0 && hi >= 1.0 && lo >= CTX_SOME;
	shortok = !r->short_quote || ctxok;
	longq = b->errors == 0 && r->words >= LONG_WORDS;
	switch (st) {
	case STAGE_EXACT:
		if (!strong)
			return false;
		match_set(r, b, rival ? ANCHOR_REVIEW : ANCHOR_MOVED, m);
		return true;
	case STAGE_EXACT_ALL:
		if (b->errors != 0)
			return false;
		if (rival && ctxok) {
			match_set(r, b, ANCHOR_REVIEW, m);
			return true;
		}
		if (!rival && (ctxok || (r->nexact == 1 && longq))) {
			match_set(r, b, ANCHOR_MOVED, m);
			return true;
		}
		return false;
	case STAGE_FUZZY:
		if (b->errors == 0 || b->score < FUZZY_MIN || rival ||
		    !shortok)
			return false;
		match_set(r, b, ANCHOR_FUZZY, m);
		return true;
	case STAGE_FUZZY_ALL:
		if (b->score >= FUZZY_MIN && !rival && shortok)
			match_set(r, b, b->errors == 0 ? ANCHOR_MOVED :
			    ANCHOR_FUZZY, m);
		else if (b->score >= REVIEW_MIN && (ctxok || longq))
			match_set(r, b, ANCHOR_REVIEW, m);
		else
			m->status = ANCHOR_ORPHAN;
		return true;
	}
	return false;
}

/* Index of the code point of q[0..m) least frequent in the document
 * (one above U+06FF counts as rare). */
static size_t
rarest(const struct anchor_doc *ad, const uint32_t *q, size_t m)
{
	size_t i, best = 0;
	uint32_t f, bf = UINT32_MAX;

	for (i = 0; i < m; i++) {
		f = q[i] < PEQ_LO ? ad->freq[q[i]] : 0;
		if (f < bf) {
			bf = f;
			best = i;
		}
	}
	return best;
}

/* Steps 2 to 5 for a quote. */
static void
quote_resolve(struct res *r, struct anchor_match *m)
{
	const struct anchor *a = r->a;
	size_t places[2] = { r->home_b, r->home_a }, i, bi;

	/* 2. At the stored offsets of an unchanged block. */
	for (i = 0; i < 2 && r->nq > 0; i++) {
		if ((bi = places[i]) == NONE || !quote_at(r, bi, a->start) ||
		    block_fold(r->ad, bi)->fp != a->para_fp)
			continue;
		m->status = ANCHOR_EXACT;
		m->block = bi;
		m->start = a->start;
		m->end = a->start + r->nq;
		m->score = 1.0;
		return;
	}
	if (r->mq == 0)
		return;		/* nothing to search for: orphan */
	/* 3. The exact quote: home, near, then everywhere. */
	r->nfpb = fp_find(r->ad, a->para_fp, r->fpb, MAX_FP);
	r->rare = rarest(r->ad, r->qf, r->mq);
	near_build(r);
	for (i = 0; i < r->nnear; i++) {
		exact_scan(r, r->near[i]);
		if ((i + 1 == r->nhome || i + 1 == r->nnear) &&
		    decide(r, STAGE_EXACT, m))
			return;
	}
	for (bi = 0; bi < r->ad->n; bi++)
		if (r->ad->mark[bi] != r->ad->stamp)
			exact_scan(r, bi);
	if (decide(r, STAGE_EXACT_ALL, m))
		return;
	/* 4. Approximately: home and near, then everywhere. */
	for (i = 0; i < r->nnear; i++)
		fuzzy_scan(r, r->near[i]);
	if (decide(r, STAGE_FUZZY, m))
		return;
	for (bi = 0; bi < r->ad->n; bi++)
		if (r->ad->mark[bi] != r->ad->stamp)
			fuzzy_scan(r, bi);
	decide(r, STAGE_FUZZY_ALL, m);
}

/*
 * Similarity of block bi to the folded quote: 1 - d / the longer
 * length, d their edit distance (Myers, anchored, to the end of the
 * block).  0 when the lengths alone rule out min.
 */
static double
block_sim(struct res *r, size_t bi, double min)
{
	struct ablock *b = block_fold(r->ad, bi);
	struct peq *pq;
	struct myers my;
	size_t j, d, longer = r->mq > b->nfold ? r->mq : b->nfold;
	size_t diff = r->mq > b->nfold ? r->mq - b->nfold : b->nfold - r->mq;

	if (longer == 0)
		return 1.0;
	if ((double)diff > (1.0 - min) * (double)longer || r->mq == 0)
		return 0.0;
	pq = res_peq(r);
	myers_init(&my, pq, false, true, r->mw);
	d = my.score;
	for (j = 0; j < b->nfold; j++)
		d = myers_step(&my, peq_sym(pq, b->fold[j]));
	return 1.0 - (double)d / (double)longer;
}

/* The block's address is the stored one (both may be none). */
static bool
same_addr(const struct res *r, size_t bi)
{
	const char *s = doc_block_address(r->ad->doc, bi);

	if (s == NULL || r->a->para == NULL)
		return s == NULL && r->a->para == NULL;
	return strcmp(s, r->a->para) == 0;
}

/*
 * Steps for a whole block (a paragraph note): the block of the same
 * fingerprint (exact only at the same index and address, byte for
 * byte); else a similar block: the stored block, the block of the
 * address or one near them (fuzzy, or needs-review when weaker or tied),
 * anywhere else (needs-review).
 */
static void
whole_resolve(struct res *r, struct anchor_match *m)
{
	const struct anchor *a = r->a;
	struct ablock *blk;
	size_t i, bi, pick = NONE, best = NONE, nbest = 0;
	double sim, top = 0.0, second = 0.0;

	r->nfpb = fp_find(r->ad, a->para_fp, r->fpb, MAX_FP);
	for (i = 0; i < r->nfpb && pick == NONE; i++)
		if (r->fpb[i] == r->home_b)
			pick = r->fpb[i];
	for (i = 0; i < r->nfpb && pick == NONE; i++)
		if (r->fpb[i] == r->home_a)
			pick = r->fpb[i];
	if (pick == NONE && r->nfpb == 1)
		pick = r->fpb[0];
	if (pick != NONE) {
		blk = block_cp(r->ad, pick);
		m->status = pick == a->block && same_addr(r, pick) &&
		    blk->ncp == r->nq && quote_at(r, pick, 0) ?
		    ANCHOR_EXACT : ANCHOR_MOVED;
		m->block = pick;
		m->start = 0;
		m->end = blk->ncp;
		m->score = 1.0;
		return;
	}
	if (r->nfpb > 1) {
		/* The same paragraph several times, none where it was:
		 * show the one nearest to it, for review. */
		for (pick = r->fpb[0], i = 1; i < r->nfpb; i++)
			if ((r->fpb[i] > a->block ? r->fpb[i] - a->block :
			    a->block - r->fpb[i]) < (pick > a->block ?
			    pick - a->block : a->block - pick))
				pick = r->fpb[i];
		m->status = ANCHOR_REVIEW;
		m->block = pick;
		m->start = 0;
		m->end = block_cp(r->ad, pick)->ncp;
		m->score = 1.0;
		return;
	}
	if (r->mq == 0)
		return;
	near_build(r);
	for (i = 0; i < r->nnear; i++) {
		/* A short block is only compared where it was. */
		if (r->short_quote && i >= r->nhome)
			break;
		sim = block_sim(r, r->near[i], WHOLE_REVIEW);
		if (sim > top) {
			second = top;
			top = sim;
			best = r->near[i];
		} else if (sim > second)
			second = sim;
	}
	if (best != NONE && top >= WHOLE_REVIEW) {
		m->status = top >= WHOLE_FUZZY && !r->short_quote &&
		    second < top - WHOLE_MARGIN ? ANCHOR_FUZZY : ANCHOR_REVIEW;
		goto found;
	}
	if (r->short_quote)
		return;
	for (bi = 0; bi < r->ad->n; bi++) {
		if (r->ad->mark[bi] == r->ad->stamp)
			continue;
		sim = block_sim(r, bi, WHOLE_REVIEW);
		if (sim > top) {
			top = sim;
			best = bi;
			nbest = 1;
		}
	}
	if (nbest == 0 || top < WHOLE_REVIEW)
		return;
	m->status = ANCHOR_REVIEW;
found:
	m->block = best;
	m->start = 0;
	m->end = block_cp(r->ad, best)->ncp;
	m->score = top;
}

void
anchor_resolve(struct anchor_doc *ad, const struct anchor *a,
    struct anchor_match *m)
{
	struct res r;
	struct ablock *blk;

	assert(ad != NULL && a != NULL && m != NULL);
	memset(m, 0, sizeof *m);
	m->status = ANCHOR_ORPHAN;
	res_init(&r, ad, a);
	/* 1. The same document: the stored offsets, if the quote is
	 * there (a row could have been edited by hand). */
	if (a->doc_hash == anchor_doc_hash(ad) && r.home_b != NONE) {
		blk = block_cp(ad, r.home_b);
		if (a->whole ? blk->ncp == r.nq && quote_at(&r, r.home_b, 0) :
		    a->start < a->end && a->end - a->start == r.nq &&
		    quote_at(&r, r.home_b, a->start)) {
			m->status = ANCHOR_EXACT;
			m->block = r.home_b;
			m->start = a->whole ? 0 : a->start;
			m->end = a->whole ? blk->ncp : a->end;
			m->score = 1.0;
			goto out;
		}
	}
	res_prepare(&r);
	if (a->whole)
		whole_resolve(&r, m);
	else
		quote_resolve(&r, m);
out:
	res_free(&r);
}

/* --- sketches ------------------------------------------------------ */

static uint64_t
fnv1a(uint64_t h, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Puts h among the n (<= ANCHOR_SKETCH) smallest, sorted, distinct. */
static void
sketch_add(uint64_t *v, size_t *n, uint64_t h)
{
	size_t lo = 0, hi = *n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (v[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	if ((lo < *n && v[lo] == h) || lo >= ANCHOR_SKETCH)
		return;
	if (*n < ANCHOR_SKETCH)
		(*n)++;
	memmove(v + lo + 1, v + lo, (*n - lo - 1) * sizeof *v);
	v[lo] = h;
}

char *
anchor_doc_sketch(const struct doc *d)
{
	uint64_t v[ANCHOR_SKETCH];
	size_t n = 0, i, len, w[4], nw, k;
	const char *t;
	struct buf out;

	for (i = 0; i < doc_block_count(d); i++) {
		t = doc_block_text(d, i, &len);
		/* word starts of a sliding window of three words */
		nw = 0;
		w[0] = 0;
		for (k = 0; k <= len; k++) {
			if (k < len && t[k] != ' ')
				continue;
			w[++nw] = k + 1;	/* after the space */
			if (nw == 3) {
				sketch_add(v, &n, fnv1a(0xcbf29ce484222325ULL,
				    t + w[0], k - w[0]));
				memmove(w, w + 1, 3 * sizeof *w);
				nw = 2;
			}
		}
		for (k = 0, nw = 0; k < len && nw < 2; k++)
			nw += t[k] == ' ';
		if (len > 0 && nw < 2)	/* under three words: one piece */
			sketch_add(v, &n, fnv1a(0xcbf29ce484222325ULL, t, len));
	}
	buf_init(&out);
	buf_adds(&out, "");
	for (k = 0; k < n; k++)
		buf_addf(&out, "%016llx", (unsigned long long)v[k]);
	return buf_steal(&out);
}

/* The hashes of a sketch; returns how many (at most ANCHOR_SKETCH). */
static size_t
sketch_read(const char *s, uint64_t *v)
{
	size_t n = 0, k;
	char hex[17];

	for (; s != NULL && strlen(s) >= 16 && n < ANCHOR_SKETCH; s += 16) {
		memcpy(hex, s, 16);
		hex[16] = '\0';
		for (k = 0; k < 16; k++)
			if (!((hex[k] >= '0' && hex[k] <= '9') ||
			    (hex[k] >= 'a' && hex[k] <= 'f')))
				return n;
		v[n++] = strtoull(hex, NULL, 16);
	}
	return n;
}

double
anchor_sketch_similarity(const char *a, const char *b)
{
	uint64_t va[ANCHOR_SKETCH], vb[ANCHOR_SKETCH];
	size_t na = sketch_read(a, va), nb = sketch_read(b, vb);
	size_t i = 0, j = 0, taken = 0, both = 0;

	/* the smallest of the union, and how many of them are in both */
	while (taken < ANCHOR_SKETCH && (i < na || j < nb)) {
		if (j >= nb || (i < na && va[i] < vb[j]))
			i++;
		else if (i >= na || vb[j] < va[i])
			j++;
		else {
			i++;
			j++;
			both++;
		}
		taken++;
	}
	return taken > 0 ? (double)both / (double)taken : 1.0;
}
