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
dl_free(struct dl_doc *d)
{
	if (d == NULL)
		return;
	free(d->v);
	memset(d, 0, sizeof *d);
}
