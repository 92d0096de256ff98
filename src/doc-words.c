/*
 * doc-words.c - the word stage: spaces that pdftotext put inside the
 * words of justified lines ("الأش خاص", "مث ل"), taken out where the
 * document itself says so.  Two Arabic words a, b with one space between
 * are one word when "ab" stands as a word elsewhere in the document, more
 * often than a or b stands alone: the parts of a split word are rare, the
 * word is not (a phrase "في الدول" is never written "فيالدول").
 *
 * Works on the canonical text (doc-assemble.c): it only gets shorter,
 * its lines stay where they are.  Pure.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc-words.h"
#include "util.h"

struct slot {				/* 16 bytes: the table is large */
	uint32_t	 hash;
	uint32_t	 count;
	uint32_t	 off, len;	/* the word in the text */
};

struct table {
	struct slot	*v;
	size_t		 mask;
	const char	*text;
};

static uint32_t
fnv(uint32_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

#define FNV0	2166136261u

/* An Arabic word: letters and harakat of the Arabic block only. */
static bool
arabic_word(const char *s, size_t n)
{
	size_t i;

	if (n < 2)
		return false;
	for (i = 0; i + 1 < n; i += 2) {
		unsigned char a = (unsigned char)s[i], b = (unsigned char)s[i + 1];
		uint32_t c;

		if (a < 0xD8 || a > 0xD9)
			return false;
		c = ((uint32_t)(a & 0x1F) << 6) | (b & 0x3F);
		if (c < 0x621 || c > 0x652 || c == 0x640)
			return false;
	}
	return i == n;
}

/*
 * The length of the Arabic word that s[0..n) is, punctuation after it
 * aside ("خاص." -> "خاص"), or 0.
 */
static size_t
core(const char *s, size_t n)
{
	size_t e = n;

	while (e > 0 && (s[e - 1] == '.' || s[e - 1] == ',' ||
	    s[e - 1] == ':' || s[e - 1] == ';' || s[e - 1] == ')' ||
	    s[e - 1] == '"'))
		e--;
	while (e >= 2 && (unsigned char)s[e - 2] == 0xD8 &&
	    ((unsigned char)s[e - 1] == 0x8C || (unsigned char)s[e - 1] ==
	    0x9B || (unsigned char)s[e - 1] == 0x9F))
		e -= 2;			/* ، ؛ ؟ */
	return arabic_word(s, e) ? e : 0;
}

/* The slot of the word that is a[0..na) followed by b[0..nb). */
static struct slot *
find(struct table *t, const char *a, size_t na, const char *b, size_t nb)
{
	uint32_t h = fnv(fnv(FNV0, a, na), b, nb);
	size_t i = h & t->mask;

	for (;; i = (i + 1) & t->mask) {
		struct slot *sl = &t->v[i];
		const char *w;

		if (sl->count == 0)
			return sl;
		w = t->text + sl->off;
		if (sl->hash == h && sl->len == na + nb &&
		    memcmp(w, a, na) == 0 && memcmp(w + na, b, nb) == 0)
			return sl;
	}
}

static uint32_t
count_of(struct table *t, const char *a, size_t na, const char *b,
    size_t nb)
{
	return find(t, a, na, b, nb)->count;
}

/* The next word of line s[*i..e): *w, *n; false at the line's end. */
static bool
word_next(const char *s, size_t e, size_t *i, size_t *w, size_t *n)
{
	size_t k = *i;

	while (k < e && s[k] == ' ')
		k++;
	if (k >= e)
		return false;
	*w = k;
	while (k < e && s[k] != ' ')
		k++;
	*n = k - *w;
	*i = k;
	return true;
}

void
dl_words_join(struct buf *b)
{
	struct table t;
	struct buf o;
	size_t i, e, w, n, nw = 0, cap, r, bn;
	const char *s = b->data;

	if (b->len == 0 || b->len > UINT32_MAX)
		return;			/* (offsets are 32 bits) */
	for (i = 0; i < b->len; i++)
		if (s[i] == ' ' || s[i] == '\n')
			nw++;
	for (cap = 64; cap < nw + nw / 2 + 1; cap *= 2)
		;
	t.v = xcalloc(cap, sizeof *t.v);
	t.mask = cap - 1;
	t.text = s;
	for (i = 0; i < b->len; i = e + 1) {
		const char *lf = memchr(s + i, '\n', b->len - i);
		size_t k = i;

		e = lf != NULL ? (size_t)(lf - s) : b->len;
		while (word_next(s, e, &k, &w, &n))
			if ((n = core(s + w, n)) > 0) {
				struct slot *sl = find(&t, s + w, n, "", 0);

				if (sl->count == 0) {
					sl->hash = fnv(FNV0, s + w, n);
					sl->off = (uint32_t)w;
					sl->len = (uint32_t)n;
				}
				sl->count++;
			}
	}
	/* the joins, into a copy (the table points into the text) */
	buf_init(&o);
	buf_grow(&o, b->len);
	for (r = 0; r < b->len;) {
		const char *lf = memchr(s + r, '\n', b->len - r);
		size_t k, pw = 0, pn = 0;
		bool have = false;

		e = lf != NULL ? (size_t)(lf - s) : b->len;
		k = r;
		while (k < e) {
			size_t gap0 = k;

			if (!word_next(s, e, &k, &w, &n)) {
				buf_add(&o, s + gap0, e - gap0);
				break;
			}
			bn = core(s + w, n);
			if (have && w == gap0 + 1 && bn > 0 &&
			    arabic_word(s + pw, pn)) {
				uint32_t cab = count_of(&t, s + pw, pn, s + w,
				    bn);

				if (cab >= 2 && (count_of(&t, s + pw, pn, "",
				    0) < cab || count_of(&t, s + w, bn, "", 0) <
				    cab)) {
					/* the space goes: the word joins the
					 * one before (one join a word) */
					buf_add(&o, s + w, n);
					have = false;
					continue;
				}
			}
			buf_add(&o, s + gap0, k - gap0);
			pw = w, pn = n;
			have = true;
		}
		if (e < b->len)
			buf_addc(&o, '\n');
		r = e + 1;
	}
	free(t.v);
	buf_free(b);
	*b = o;
}
