/*
 * test-search.c - search over the four real seed documents, checked
 * against a naive reference search written here (fold each block with
 * text_fold(), compare at every position), never against counts typed
 * in by hand: the Arabic equivalences (shadda, hamza forms, ى/ي, ة/ه,
 * digits, Latin case), exact mode, stepping both ways, the hits of a
 * block, and what a hit covers.
 *
 * Run from the repository root; the corpus is $HAMISH_CORPUS, by default
 * tests/corpus.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "search.h"
#include "tap.h"
#include "corpus.h"
#include "text.h"
#include "util.h"


#define SHADDA	0x0651


struct hits {
	struct search_hit	*v;
	size_t			 n;
	size_t			 cap;
};

static void
hits_add(struct hits *h, size_t block, size_t start, size_t end)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->v = xreallocarray(h->v, h->cap, sizeof *h->v);
	}
	h->v[h->n].block = block;
	h->v[h->n].start = start;
	h->v[h->n].end = end;
	h->n++;
}

static bool
hit_eq(const struct search_hit *a, const struct search_hit *b)
{
	return a->block == b->block && a->start == b->start &&
	    a->end == b->end;
}

/* (block, start) of a strictly before b. */
static bool
hit_before(const struct search_hit *a, const struct search_hit *b)
{
	return a->block < b->block ||
	    (a->block == b->block && a->start < b->start);
}

/* The pattern as search_set() sees it: NFC, folded (caller frees). */
static uint32_t *
pat_fold(const char *pat, bool exact, size_t *m)
{
	uint32_t *cps, *f;
	size_t n;

	cps = text_utf8_decode(pat, strlen(pat), TEXT_NFC, &n, NULL);
	f = xreallocarray(NULL, n + 1, sizeof *f);
	*m = text_fold(cps, n, exact ? TEXT_FOLD_EXACT : 0, f, NULL);
	free(cps);
	return f;
}

/*
 * The reference: every position of every block where the folded pattern
 * equals the folded text, compared code point by code point.  A hit ends
 * where the next code point that survives folding starts (or at the end
 * of the block), so marks after its last letter belong to it.
 */
static void
naive(const struct doc *d, const char *pat, bool exact, struct hits *h)
{
	uint32_t *p, *cps, *f;
	size_t m, b, ncp, nf, i, k, *map;

	memset(h, 0, sizeof *h);
	p = pat_fold(pat, exact, &m);
	for (b = 0; m > 0 && b < doc_block_count(d); b++) {
		cps = block_cps(d, b, &ncp);
		f = xreallocarray(NULL, ncp + 1, sizeof *f);
		map = xreallocarray(NULL, ncp + 1, sizeof *map);
		nf = text_fold(cps, ncp, exact ? TEXT_FOLD_EXACT : 0, f, map);
		for (i = 0; i + m <= nf; i++) {
			for (k = 0; k < m && f[i + k] == p[k]; k++)
				;
			if (k == m)
				hits_add(h, b, map[i],
				    i + m < nf ? map[i + m] : ncp);
		}
		free(cps);
		free(f);
		free(map);
	}
	free(p);
}

/* Every hit, stepping forward from the start of the document. */
static void
step_forward(struct search *s, struct hits *h)
{
	struct search_hit hit;
	size_t b = 0, off = 0;

	memset(h, 0, sizeof *h);
	while (search_find(s, b, off, true, &hit)) {
		hits_add(h, hit.block, hit.start, hit.end);
		b = hit.block;
		off = hit.start + 1;
	}
}

/* Every hit, stepping backward from the end (block count, offset 0). */
static void
step_backward(struct search *s, const struct doc *d, struct hits *h)
{
	struct search_hit hit;
	size_t b = doc_block_count(d), off = 0;

	memset(h, 0, sizeof *h);
	while (search_find(s, b, off, false, &hit)) {
		hits_add(h, hit.block, hit.start, hit.end);
		b = hit.block;
		off = hit.start;
	}
}

static bool
same_hits(const struct hits *a, const struct hits *b)
{
	size_t i;

	if (a->n != b->n) {
		printf("#   %zu hits against %zu\n", a->n, b->n);
		return false;
	}
	for (i = 0; i < a->n; i++)
		if (!hit_eq(&a->v[i], &b->v[i])) {
			printf("#   hit %zu: %zu:%zu-%zu against %zu:%zu-%zu\n",
			    i, a->v[i].block, a->v[i].start, a->v[i].end,
			    b->v[i].block, b->v[i].start, b->v[i].end);
			return false;
		}
	return true;
}

/* The UTF-8 text of a hit (caller frees). */
static char *
hit_text(const struct doc *d, const struct search_hit *hit)
{
	struct buf b;
	uint32_t *cps;
	size_t n;

	cps = block_cps(d, hit->block, &n);
	buf_init(&b);
	if (hit->start <= hit->end && hit->end <= n)
		text_utf8_encode(&b, cps + hit->start, hit->end - hit->start);
	free(cps);
	return b.len > 0 ? buf_steal(&b) : xstrdup("");
}

/* Hits whose text is exactly want (UTF-8). */
static size_t
count_text(const struct doc *d, const struct hits *h, const char *want)
{
	size_t i, c = 0;
	char *t;

	for (i = 0; i < h->n; i++) {
		t = hit_text(d, &h->v[i]);
		c += strcmp(t, want) == 0;
		free(t);
	}
	return c;
}

/* Hits that contain code point cp. */
static size_t
count_with(const struct doc *d, const struct hits *h, uint32_t cp)
{
	uint32_t *cps;
	size_t i, j, n, c = 0;

	for (i = 0; i < h->n; i++) {
		cps = block_cps(d, h->v[i].block, &n);
		for (j = h->v[i].start; j < h->v[i].end && j < n; j++)
			if (cps[j] == cp) {
				c++;
				break;
			}
		free(cps);
	}
	return c;
}

/* Occurrences of the bytes needle in the texts of all blocks. */
static size_t
count_bytes(const struct doc *d, const char *needle)
{
	const char *t, *p;
	size_t b, c = 0;

	for (b = 0; b < doc_block_count(d); b++) {
		t = doc_block_text(d, b, NULL);
		for (p = t; (p = strstr(p, needle)) != NULL; p++)
			c++;
	}
	return c;
}

/*
 * Every hit's text folds to the pattern, and covers exactly the marks
 * that follow its last letter: the code point at end survives folding.
 */
static bool
hits_fold_to(const struct doc *d, const struct hits *h, const char *pat,
    bool exact)
{
	uint32_t *p, *cps, *f;
	size_t m, i, n, nf;
	bool good = true;

	p = pat_fold(pat, exact, &m);
	for (i = 0; good && i < h->n; i++) {
		const struct search_hit *hit = &h->v[i];

		cps = block_cps(d, hit->block, &n);
		if (hit->start >= hit->end || hit->end > n) {
			good = false;
			free(cps);
			break;
		}
		f = xreallocarray(NULL, n + 1, sizeof *f);
		nf = text_fold(cps + hit->start, hit->end - hit->start,
		    exact ? TEXT_FOLD_EXACT : 0, f, NULL);
		good = nf == m && memcmp(f, p, m * sizeof *p) == 0;
		if (good && !exact && hit->end < n)
			good = text_fold(cps + hit->end, 1, 0, f, NULL) == 1;
		if (!good)
			printf("#   hit %zu:%zu-%zu\n", hit->block, hit->start,
			    hit->end);
		free(f);
		free(cps);
	}
	free(p);
	return good;
}

/*
 * The whole contract for one pattern on one document: stepping forward
 * and backward and the hits of each block all agree with the reference,
 * in order, and every hit folds back to the pattern.  Returns the
 * reference hits (caller frees h->v) for further checks.
 */
static void
check_pattern(const struct doc *d, const char *name, const char *pat,
    bool exact, struct hits *ref)
{
	struct search *s;
	struct hits fw, bw;
	struct search_hit *bh = NULL;
	size_t i, b, n, k, nb = doc_block_count(d);
	bool order, agree;

	naive(d, pat, exact, ref);
	s = search_new(d);
	ok(search_set(s, pat, strlen(pat), exact), "%s: set '%s'%s", name,
	    pat, exact ? " exact" : "");
	step_forward(s, &fw);
	ok(same_hits(&fw, ref), "%s: '%s'%s forward finds the %zu hits of "
	    "the reference", name, pat, exact ? " exact" : "", ref->n);
	order = true;
	for (i = 1; i < fw.n; i++)
		order = order && hit_before(&fw.v[i - 1], &fw.v[i]);
	ok(order, "%s: '%s' forward positions strictly increase", name, pat);

	step_backward(s, d, &bw);
	order = bw.n == fw.n;
	for (i = 0; order && i < bw.n; i++)
		order = hit_eq(&bw.v[i], &fw.v[fw.n - 1 - i]);
	ok(order, "%s: '%s' backward finds them in reverse", name, pat);
	order = true;
	for (i = 1; i < bw.n; i++)
		order = order && hit_before(&bw.v[i], &bw.v[i - 1]);
	ok(order, "%s: '%s' backward positions strictly decrease", name, pat);
	if (ref->n > 0) {
		struct search_hit last;

		ok(search_find(s, nb - 1, SIZE_MAX, false, &last) &&
		    hit_eq(&last, &ref->v[ref->n - 1]),
		    "%s: '%s' backward from the last block's end is the "
		    "last hit", name, pat);
	}

	/* search_block_hits() against the forward steps, block by block. */
	agree = true;
	k = 0;
	for (b = 0; agree && b < nb; b++) {
		n = search_block_hits(s, b, NULL, 0);
		bh = xreallocarray(bh, n + 1, sizeof *bh);
		if (search_block_hits(s, b, bh, n) != n)
			agree = false;
		for (i = 0; agree && i < n; i++, k++)
			agree = k < fw.n && hit_eq(&bh[i], &fw.v[k]);
		if (!agree)
			printf("#   block %zu\n", b);
	}
	ok(agree && k == fw.n, "%s: '%s' block hits equal the steps", name,
	    pat);
	ok(hits_fold_to(d, ref, pat, exact), "%s: '%s' every hit folds to "
	    "the pattern", name, pat);

	free(bh);
	free(fw.v);
	free(bw.v);
	search_free(s);
}

/* From a few positions inside blocks: forward is the first hit at or
 * after, backward the last hit before, per the reference. */
static void
check_from_middle(const struct doc *d, const char *name, const char *pat,
    const struct hits *ref)
{
	struct search *s = search_new(d);
	struct search_hit hit;
	size_t i, j, want;
	bool good = true, found;

	search_set(s, pat, strlen(pat), false);
	for (i = 0; good && i < ref->n; i += 1 + ref->n / 16) {
		/* Just at the hit, one past its start, and at its start - 1. */
		const struct search_hit *r = &ref->v[i];
		size_t offs[3] = { r->start, r->start + 1,
		    r->start > 0 ? r->start - 1 : 0 };

		for (j = 0; good && j < 3; j++) {
			for (want = 0; want < ref->n &&
			    (ref->v[want].block < r->block ||
			    (ref->v[want].block == r->block &&
			    ref->v[want].start < offs[j])); want++)
				;
			found = search_find(s, r->block, offs[j], true, &hit);
			good = want < ref->n ? found &&
			    hit_eq(&hit, &ref->v[want]) : !found;
			found = search_find(s, r->block, offs[j], false, &hit);
			if (good)
				good = want > 0 ? found &&
				    hit_eq(&hit, &ref->v[want - 1]) : !found;
			if (!good)
				printf("#   from %zu:%zu\n", r->block, offs[j]);
		}
	}
	ok(good, "%s: '%s' from inside blocks, both ways", name, pat);
	search_free(s);
}

/* Seed 003: الاتجار with and without shadda, folded and exact. */
static void
test_shadda(void)
{
	/* kasra + shadda (NFC order, as the seed has it) */
	static const char with[] = "الاتِّجار";
	/* typed shadda first: search_set() must normalise it */
	static const char typed[] = "الات\u0651\u0650جار";
	static const char plain[] = "الاتجار";
	struct hits r1, r2, r3, r4, r5;
	struct doc *d;
	size_t nwith, nplain;

	if ((d = load(S003)) == NULL)
		return;
	nwith = count_bytes(d, with);
	nplain = count_bytes(d, plain);
	ok(nwith > 0 && nplain > 0, "003 has %zu الاتِّجار and %zu الاتجار",
	    nwith, nplain);

	check_pattern(d, "003", plain, false, &r1);
	ok(r1.n >= nwith + nplain, "003: الاتجار finds both spellings "
	    "(%zu hits)", r1.n);
	is_int(count_with(d, &r1, SHADDA), nwith, "003: الاتجار finds "
	    "every الاتِّجار written with shadda");
	is_int(count_text(d, &r1, with), nwith, "003: those hits cover "
	    "the whole الاتِّجار, marks included");
	check_from_middle(d, "003", plain, &r1);

	check_pattern(d, "003", with, false, &r2);
	ok(same_hits(&r1, &r2), "003: typed with shadda finds the same");
	check_pattern(d, "003", typed, false, &r3);
	ok(same_hits(&r1, &r3), "003: typed shadda before kasra too");

	check_pattern(d, "003", plain, true, &r4);
	is_int(r4.n, nplain, "003: exact الاتجار: only the plain spelling");
	is_int(count_with(d, &r4, SHADDA), 0, "003: exact plain: no shadda");
	check_pattern(d, "003", typed, true, &r5);
	is_int(r5.n, nwith, "003: exact الاتِّجار (typed out of order): "
	    "only with shadda");
	ok(r5.n < r1.n && r4.n < r1.n, "003: exact distinguishes");

	free(r1.v);
	free(r2.v);
	free(r3.v);
	free(r4.v);
	free(r5.v);
	doc_free(d);
}

/* The letter equivalences, on whichever seed has the spelling. */
static void
test_letters(void)
{
	struct hits r, rx;
	struct doc *d;
	size_t n;

	if ((d = load(S000)) == NULL)
		return;
	/* أ/إ/ا: إلى typed with a bare alef and a hamza alef. */
	n = count_bytes(d, "إلى");
	check_pattern(d, "000", "الى", false, &r);
	ok(n > 0 && count_text(d, &r, "إلى") == n,
	    "000: الى finds all %zu إلى", n);
	free(r.v);
	check_pattern(d, "000", "ألي", false, &rx);
	ok(count_text(d, &rx, "إلى") == n, "000: ألي finds them too "
	    "(أ = إ, ي = ى)");
	free(rx.v);
	check_pattern(d, "000", "الى", true, &rx);
	is_int(count_text(d, &rx, "إلى"), 0, "000: exact الى does not");
	free(rx.v);

	/* ى/ي: على typed with yeh. */
	n = count_bytes(d, "على");
	check_pattern(d, "000", "علي", false, &r);
	ok(n > 0 && count_text(d, &r, "على") == n,
	    "000: علي finds all %zu على", n);
	free(r.v);

	/* ة/ه: المتحدة typed with heh. */
	n = count_bytes(d, "المتحدة");
	check_pattern(d, "000", "المتحده", false, &r);
	ok(n > 0 && count_text(d, &r, "المتحدة") == n,
	    "000: المتحده finds all %zu المتحدة", n);
	free(r.v);
	check_pattern(d, "000", "المتحده", true, &rx);
	is_int(count_text(d, &rx, "المتحدة"), 0,
	    "000: exact المتحده does not");
	free(rx.v);

	/* A word of several alef forms, and tatweel in the pattern. */
	check_pattern(d, "000", "الامـم", false, &r);
	n = count_bytes(d, "الأمم");
	ok(n > 0 && count_text(d, &r, "الأمم") == n,
	    "000: الامـم (bare alef, tatweel) finds all %zu الأمم", n);
	free(r.v);
	doc_free(d);
}

/* Digits and Latin case, in seed 002 (٦٥ and A/67 occur there). */
static void
test_digits_case(void)
{
	struct hits r, rx;
	struct doc *d;
	size_t n;

	if ((d = load(S002)) == NULL)
		return;
	n = count_bytes(d, "٦٥");
	check_pattern(d, "002", "65", false, &r);
	ok(n > 0 && count_text(d, &r, "٦٥") == n,
	    "002: 65 finds all %zu ٦٥", n);
	ok(count_text(d, &r, "65") == count_bytes(d, "65"),
	    "002: and the %zu ASCII 65", count_bytes(d, "65"));
	free(r.v);
	check_pattern(d, "002", "٦٥", false, &rx);
	is_int(count_text(d, &rx, "65"), count_bytes(d, "65"),
	    "002: ٦٥ finds ASCII 65");
	free(rx.v);
	check_pattern(d, "002", "65", true, &rx);
	is_int(count_text(d, &rx, "٦٥"), 0, "002: exact 65 does not find ٦٥");
	free(rx.v);

	n = count_bytes(d, "A/67");
	check_pattern(d, "002", "a/67", false, &r);
	ok(n > 0 && count_text(d, &r, "A/67") == n,
	    "002: a/67 finds all %zu A/67", n);
	free(r.v);
	check_pattern(d, "002", "a/67", true, &rx);
	is_int(rx.n, count_bytes(d, "a/67"), "002: exact a/67 finds only "
	    "lowercase");
	free(rx.v);
	doc_free(d);
}

/* Consistency of the machinery on every seed, with common words. */
static void
test_all_seeds(void)
{
	static const char *seeds[] = { S000, S001, S002, S003 };
	static const char *pats[] = { "ال", "ا", " ", "الدول", "ة",
	    "اللاجئين", "xyzzy", "un" };
	struct hits r;
	struct doc *d;
	size_t i, j;
	char name[4];

	for (i = 0; i < UTIL_NELEM(seeds); i++) {
		if ((d = load(seeds[i])) == NULL)
			continue;
		memcpy(name, seeds[i], 3);
		name[3] = '\0';
		for (j = 0; j < UTIL_NELEM(pats); j++) {
			check_pattern(d, name, pats[j], false, &r);
			check_from_middle(d, name, pats[j], &r);
			free(r.v);
		}
		check_pattern(d, name, "ال", true, &r);
		free(r.v);
		doc_free(d);
	}
}

/* Patterns that fold to nothing, overlapping hits, small documents. */
static void
test_edges(void)
{
	static const char txt[] = "1. نص\n\nاااا بـِـا\n\n";
	struct search *s;
	struct search_hit hit, hits[8];
	struct doc *d;
	char *cause = NULL;
	size_t b, n;
	bool found;

	d = doc_import(txt, sizeof txt - 1, NULL, &cause);
	if (!ok(d != NULL, "small document imports")) {
		printf("#   %s\n", cause);
		free(cause);
		return;
	}
	s = search_new(d);
	ok(!search_set(s, "\u064E\u0651\u0650", 6, false),
	    "a pattern of harakat only: false");
	ok(!search_find(s, 0, 0, true, &hit), "and finds nothing forward");
	ok(!search_find(s, doc_block_count(d), 0, false, &hit),
	    "nor backward");
	is_int(search_block_hits(s, 0, hits, 8), 0, "nor in a block");
	ok(!search_set(s, "", 0, false), "empty pattern: false");
	ok(!search_set(s, "ـ", strlen("ـ"), false), "tatweel only: false");
	ok(search_set(s, "\u064E", 2, true), "exact harakah: true");

	/* Overlapping hits: اا in اااا is found at 0, 1 and 2. */
	for (b = 0; b < doc_block_count(d); b++)
		if (strstr(doc_block_text(d, b, NULL), "اااا") != NULL)
			break;
	ok(b < doc_block_count(d), "block with اااا");
	search_set(s, "اا", strlen("اا"), false);
	n = search_block_hits(s, b, hits, 8);
	ok(n == 3 && hits[0].start == 0 && hits[1].start == 1 &&
	    hits[2].start == 2 && hits[2].end == 4, "اا: three overlapping "
	    "hits in اااا");
	/* بـِـا: ب tatweel kasra tatweel alef; "با" covers all five. */
	search_set(s, "با", strlen("با"), false);
	memset(&hit, 0, sizeof hit);
	found = search_find(s, 0, 0, true, &hit);
	ok(found && hit.block == b && hit.start == 5 && hit.end == 10,
	    "با matches بـِـا across tatweel and kasra: %zu:%zu-%zu",
	    hit.block, hit.start, hit.end);
	ok(!search_find(s, b, hit.start + 1, true, &hit), "and only once");
	/* ب alone: the tatweel and kasra after it are part of the hit. */
	search_set(s, "ب", strlen("ب"), false);
	memset(&hit, 0, sizeof hit);
	found = search_find(s, b, 0, true, &hit);
	ok(found && hit.start == 5 && hit.end == 9,
	    "ب covers the marks after it: %zu-%zu", hit.start, hit.end);
	ok(!search_find(s, 0, 0, false, &hit), "nothing before the start");
	ok(!search_find(s, doc_block_count(d), 0, true, &hit),
	    "nothing forward from the end");
	search_free(s);
	search_free(NULL);
	doc_free(d);
}

int
main(void)
{
	test_shadda();
	test_letters();
	test_digits_case();
	test_all_seeds();
	test_edges();
	text_cleanup();
	return tap_done();
}
