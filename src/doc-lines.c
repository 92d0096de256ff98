/*
 * doc-lines.c - the line stage for pdftotext's extractions: the logical
 * text that doc-extract.c made, cut into line records that carry their
 * page (form feeds), their source line and their width, for the stages
 * after it (doc-lines.h has the picture).  Pure: no I/O, no ICU.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "doc-lines.h"
#include "text.h"
#include "util.h"

uint32_t
dl_dec(const char *s, size_t n, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s + *i;
	size_t left = n - *i;
	uint32_t c = u[0];

	assert(*i < n);
	if (c < 0x80 || left < 2) {
		*i += 1;
		return c;
	}
	if (c < 0xE0) {
		*i += 2;
		return ((c & 0x1F) << 6) | (u[1] & 0x3F);
	}
	if (c < 0xF0 || left < 4) {
		if (left < 3) {
			*i += left;
			return 0xFFFD;
		}
		*i += 3;
		return ((c & 0x0F) << 12) | ((u[1] & 0x3F) << 6) |
		    (u[2] & 0x3F);
	}
	*i += 4;
	return ((c & 0x07) << 18) | ((u[1] & 0x3F) << 12) |
	    ((u[2] & 0x3F) << 6) | (u[3] & 0x3F);
}

int
dl_digit(uint32_t c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 0x660 && c <= 0x669)
		return (int)(c - 0x660);
	if (c >= 0x6F0 && c <= 0x6F9)
		return (int)(c - 0x6F0);
	return -1;
}

int
dl_sup_digit(uint32_t c)
{
	if (c == 0x2070)
		return 0;
	if (c == 0xB9)
		return 1;
	if (c == 0xB2 || c == 0xB3)
		return (int)(c - 0xB0);
	if (c >= 0x2074 && c <= 0x2079)
		return (int)(c - 0x2070);
	return -1;
}

bool
dl_digits_only(const char *s, size_t n, size_t lo, size_t hi)
{
	size_t i = 0, k = 0;

	while (i < n) {
		if (dl_digit(dl_dec(s, n, &i)) < 0)
			return false;
		k++;
	}
	return k >= lo && k <= hi;
}

/*
 * What a font's kashida glyph comes out as: the letter or symbol of the
 * code the glyph was given (A, Q, %); not the punctuation that a careless
 * text may leave with no space after it ("النهائي.وفي").
 */
bool
dl_stretch_char(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c < 0x80 && strchr("#$%&+<=>@^_`|~", (int)c) != NULL && c != 0);
}

static bool
is_haraka(uint32_t c)
{
	return (c >= 0x064B && c <= 0x065F) || c == 0x0670;
}

/*
 * Where a kashida's stretch that starts at b[r] (after a letter that
 * joins the next) ends, or r if there is none there: runs of one stretch
 * character X, maybe with spaces between or around them, which
 * pdftotext puts where the stretch left a gap ("الكامل %%ة", "المنظم %%
 * %ات"), glued to the letters on at least one side, before a letter that
 * joins the previous (harakat aside).  The spaces go with it.
 */
static size_t
stretch_end(const struct buf *b, size_t r)
{
	const char *s = b->data;
	size_t k = r, e, m;
	char x;
	uint32_t d;

	while (k < b->len && s[k] == ' ')
		k++;
	if (k >= b->len || !dl_stretch_char((unsigned char)s[k]))
		return r;
	x = s[k];
	for (;;) {
		while (k < b->len && s[k] == x)
			k++;
		e = k;		/* after the last X so far */
		while (k < b->len && s[k] == ' ')
			k++;
		if (k >= b->len || s[k] != x)
			break;
	}
	if (s[r] == ' ' && k > e)
		return r;	/* a space on both sides: not in a word */
	/* (a haraka poppler put after the stretch) */
	m = k;
	do
		d = m < b->len ? dl_dec(s, b->len, &m) : 0;
	while (is_haraka(d));
	if (text_cp_bidi(d) != TEXT_BIDI_AL || !text_cp_joins_prev(d))
		return r;
	return k;
}

size_t
dl_kashida_drop(struct buf *b, size_t from)
{
	size_t r = from, w = from, q, k, dropped = 0;
	uint32_t base = 0;	/* the letter before, harakat skipped */
	const unsigned char *u = (const unsigned char *)b->data;

	/* most lines have no stretch character near a two-byte letter:
	   say so with a byte scan */
	for (q = from + 2; q < b->len; q++)
		if (dl_stretch_char(u[q]) && ((u[q - 2] >= 0xD8 &&
		    u[q - 2] <= 0xDB) || (q + 1 < b->len && u[q + 1] >= 0xD8 &&
		    u[q + 1] <= 0xDB)))
			break;
	if (q >= b->len)
		return 0;
	while (r < b->len) {
		size_t j = r;
		uint32_t c = dl_dec(b->data, b->len, &j);

		/* (ى is dual-joining in Unicode, but Arabic ends words
		   with it) */
		if ((c == ' ' || dl_stretch_char(c)) && base != 0 &&
		    base != 0x649 && text_cp_joins_next(base) &&
		    (k = stretch_end(b, r)) > r) {
			r = k;	/* the stretch goes */
			dropped++;
			continue;
		}
		if (!is_haraka(c))
			base = text_cp_bidi(c) == TEXT_BIDI_AL ? c : 0;
		memmove(b->data + w, b->data + r, j - r);
		w += j - r;
		r = j;
	}
	b->len = w;
	return dropped;
}

static char
bracket_pair(char c)
{
	static const char from[] = "()[]{}<>", to[] = ")(][}{><";
	const char *p = c != 0 ? strchr(from, c) : NULL;

	return p != NULL ? to[p - from] : 0;
}

/* The bidi class of the strong character nearest to s[i] in step (+1 or
 * -1) within [lo, hi): 'L' Latin, 'R' Arabic or an Arabic-Indic digit,
 * 0 none. */
static char
strong_near(const char *s, size_t lo, size_t hi, size_t i, int step)
{
	while (step > 0 ? i + 1 < hi : i > lo) {
		enum text_bidi b;
		size_t j;
		uint32_t c;

		if (step > 0) {
			i++;
			while (i < hi && ((unsigned char)s[i] & 0xC0) == 0x80)
				i++;
			if (i >= hi)
				break;
		} else {
			i--;
			while (i > lo && ((unsigned char)s[i] & 0xC0) == 0x80)
				i--;
		}
		j = i;
		c = dl_dec(s, hi, &j);
		b = text_cp_bidi(c);
		if (b == TEXT_BIDI_L)
			return 'L';
		if (b == TEXT_BIDI_R || b == TEXT_BIDI_AL || b == TEXT_BIDI_AN)
			return 'R';	/* (European digits take the side of
					   the letters around them) */
	}
	return 0;
}

static bool
is_rtl_at(const char *s, size_t n, size_t i)
{
	enum text_bidi b = text_cp_bidi(dl_dec(s, n, &i));

	return b == TEXT_BIDI_R || b == TEXT_BIDI_AL || b == TEXT_BIDI_AN;
}

void
dl_mirror_count(const char *s, size_t n, size_t ev[2])
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (s[i] != '(' && s[i] != ')')
			continue;
		/* the letter after it, and the one before it */
		if (i + 1 < n && (unsigned char)s[i + 1] >= 0xC0 &&
		    is_rtl_at(s, n, i + 1))
			ev[s[i] == ')']++;
		for (k = i; k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80;
		    k--)
			;
		if (k > 0 && k < i && is_rtl_at(s, n, k - 1))
			ev[s[i] == '(']++;
	}
}

bool
dl_mirror_wanted(const size_t ev[2])
{
	return ev[1] >= 5 && ev[1] > 3 * ev[0];
}

void
dl_mirror_swap(char *s, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		char p = bracket_pair(s[k]);

		if (p != 0 && !(strong_near(s, 0, n, k, -1) == 'L' &&
		    strong_near(s, 0, n, k, 1) == 'L'))
			s[k] = p;
	}
}

bool
dl_mirrored_fix(struct buf *b, size_t from)
{
	size_t i, e, ev[2] = { 0, 0 };
	char *s = b->data;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		for (i = from; i < b->len; i = e + 1) {
			const char *lf = memchr(s + i, '\n', b->len - i);

			e = lf != NULL ? (size_t)(lf - s) : b->len;
			if (pass == 0)
				dl_mirror_count(s + i, e - i, ev);
			else
				dl_mirror_swap(s + i, e - i);
		}
		if (pass == 0 && !dl_mirror_wanted(ev))
			return false;
	}
	return true;
}

bool
dl_is_dash(uint32_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2012 ||
	    c == 0x2013 || c == 0x2014 || c == 0x2212;
}

bool
dl_is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0xA0 || c == '\f' ||
	    c == '\v' || c == '\r' || c == 0x2002 || c == 0x2003 ||
	    c == 0x2009 || c == 0x202F;
}

bool
dl_number(const char *s, size_t n, size_t *i, long *v)
{
	size_t k = *i, j, nd = 0;
	long x = 0;
	int d;

	while (k < n && nd < 7) {
		j = k;
		if ((d = dl_digit(dl_dec(s, n, &j))) < 0)
			break;
		x = x * 10 + d;
		nd++;
		k = j;
	}
	if (nd == 0 || nd > 6)
		return false;
	*i = k;
	*v = x;
	return true;
}

/* Trims white space (and form feeds) off both ends; *width counted. */
static void
line_fill(struct dl_line *L, const char *s, size_t n)
{
	size_t i = 0, e = n, k, w = 0;
	bool sp = false;

	while (i < e) {
		k = i;
		if (!dl_is_space(dl_dec(s, e, &k)))
			break;
		i = k;
	}
	while (e > i) {
		k = e - 1;
		while (k > i && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		{
			size_t j = k;

			if (!dl_is_space(dl_dec(s, e, &j)))
				break;
		}
		e = k;
	}
	L->s = s + i;
	L->n = e - i;
	for (k = i; k < e; k++) {		/* code points: lead bytes */
		unsigned char b = (unsigned char)s[k];
		bool is = b == ' ' || b == '\t';

		if ((b & 0xC0) == 0x80)
			continue;
		if (!is || !sp)
			w++;
		sp = is;
	}
	L->width = w;
	L->kind = L->n > 0 ? DL_BODY : DL_BLANK;
}

struct dl_line *
dl_push(struct dl_doc *d, const char *s, size_t n, size_t page)
{
	struct dl_line *L;

	if (d->n == d->cap) {
		d->cap = d->cap == 0 ? 256 : d->cap * 2;
		d->v = xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	L = &d->v[d->n++];
	memset(L, 0, sizeof *L);
	L->page = page;
	line_fill(L, s, n);
	return L;
}

void
dl_split(struct dl_doc *d, const char *s, size_t n)
{
	size_t i = 0, no = 0, page = 0;

	while (i < n) {
		const char *lf = memchr(s + i, '\n', n - i);
		size_t e = lf != NULL ? (size_t)(lf - s) : n, k;

		for (k = i; k < e; k++)	/* form feeds start pages */
			if (s[k] == '\f')
				page++;
		dl_push(d, s + i, e - i, page)->no = ++no;
		i = e + 1;
	}
	/* pdftotext ends the last page with a form feed too: the pages are
	 * those up to the last line with text */
	for (i = d->n; i > 0 && d->v[i - 1].kind == DL_BLANK; i--)
		;
	d->npages = i > 0 ? d->v[i - 1].page + 1 : 0;
}

void
dl_sort_keys(struct dl_key *k, size_t n)
{
	enum { RUN = 16 };	/* sorted by insertion first */
	struct dl_key *t, *src, *dst, *sw, x;
	size_t w, i, j, o, lo, mid, hi;

	assert(k != NULL || n == 0);
	for (lo = 0; lo < n; lo += RUN) {
		hi = n - lo > RUN ? lo + RUN : n;
		for (i = lo + 1; i < hi; i++) {
			x = k[i];
			for (j = i; j > lo && k[j - 1].v > x.v; j--)
				k[j] = k[j - 1];
			k[j] = x;
		}
	}
	if (n <= RUN)
		return;
	/* then runs merged bottom up, the left one first on a tie */
	t = xreallocarray(NULL, n, sizeof *t);
	src = k;
	dst = t;
	for (w = RUN; w < n; w *= 2) {
		for (lo = 0; lo < n; lo += 2 * w) {
			mid = n - lo > w ? lo + w : n;
			hi = n - mid > w ? mid + w : n;
			i = lo, j = mid, o = lo;
			while (i < mid && j < hi)
				dst[o++] = src[j].v < src[i].v ? src[j++] :
				    src[i++];
			while (i < mid)
				dst[o++] = src[i++];
			while (j < hi)
				dst[o++] = src[j++];
		}
		sw = src, src = dst, dst = sw;
	}
	if (src != k)
		memcpy(k, src, n * sizeof *k);
	free(t);
}

float
dl_mode(float *x, size_t n, float tol)
{
	size_t i, lo = 0, hi = 0, best = 0;
	float m;

	assert(x != NULL || n == 0);
	if (n == 0)
		return 0;
	/* mostly the values of a line are sorted already, often equal */
	for (i = 1; i < n && x[i - 1] <= x[i]; i++)
		;
	if (i < n) {
		struct dl_key *k = xreallocarray(NULL, n, sizeof *k);

		for (i = 0; i < n; i++)
			k[i].v = x[i], k[i].i = 0;
		dl_sort_keys(k, n);
		for (i = 0; i < n; i++)
			x[i] = k[i].v;
		free(k);
	}
	if (x[n - 1] - x[0] < tol)
		return x[0];	/* all within tol of the first */
	m = x[0];
	for (i = 0; i < n; i++) {
		while (x[i] - x[lo] >= tol)
			lo++;
		if (hi < i)
			hi = i;
		while (hi + 1 < n && x[hi + 1] - x[i] < tol)
			hi++;
		if (hi - lo + 1 > best) {
			best = hi - lo + 1;
			m = x[i];
		}
	}
	return m;
}

void
dl_free(struct dl_doc *d)
{
	if (d == NULL)
		return;
	free(d->v);
	memset(d, 0, sizeof *d);
}
