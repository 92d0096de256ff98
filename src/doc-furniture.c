/*
 * doc-furniture.c - the furniture stage: which lines of a paged text are
 * the page's and not the document's.  The evidence, weighed for every
 * line wherever the extraction put it:
 *
 *   tokens      a line made only of page numbers (N/M, N, - N -), job
 *               numbers (12-43534, V.19-04312), barcodes (*1243534*),
 *               document symbols and print dates, with a job number or
 *               a barcode in it (also as -raw cuts them: "12 43534"
 *               beside a page number, "2015478 * *"), or N/M with M the
 *               page count;
 *   repetition  a line that stands at the top or the bottom of several
 *               pages, its digits aside (the running header "A/67/170",
 *               a date, "2/20 12-43534" when they share a line);
 *   sequence    a number alone at the edge of each page ("7", "- 7 -")
 *               that grows with the page (a plain page number);
 *   scraps      what -raw leaves beside a footer: stars, dashes, the
 *               "V" of V.19-04312, a barcode's digits (the job number's).
 *
 * A PDF's records say where each line stands (d->geo): then only the
 * lines in the top or bottom sixth of their page can be furniture, and
 * the evidence is weighed there alone (bands()):
 *
 *   tokens      a line in a band made only of page numbers (12, 2/23),
 *               job numbers, barcodes however their spaces fell, print
 *               dates and language tags; a short line at the top of a
 *               page after the first with a document symbol among its
 *               words (a running header seen once);
 *   repetition  a line of a band that the same band of other pages has
 *               too, its digits aside, on a quarter of the pages.
 *
 * A text has no bands: its rules look at the first and last lines of
 * each page, and at token lines wherever they are.
 *
 * Reads and marks struct dl_line records (doc-lines.h); pure.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc-lines.h"
#include "doc-furniture.h"
#include "util.h"

#define EDGE		3	/* lines at each end of a page */
#define KEY_MAX		96

static bool
ascii_digits(const char *s, size_t n, size_t lo, size_t hi)
{
	size_t i;

	if (n < lo || n > hi)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool
dl_is_job(const char *s, size_t n)
{
	if (n > 2 && s[1] == '.' && s[0] >= 'A' && s[0] <= 'Z') {
		s += 2;
		n -= 2;
	}
	return n == 8 && ascii_digits(s, 2, 2, 2) && s[2] == '-' &&
	    ascii_digits(s + 3, 5, 5, 5);
}

/* "*1243534*" */
static bool
is_barcode(const char *s, size_t n)
{
	return n >= 8 && s[0] == '*' && s[n - 1] == '*' &&
	    ascii_digits(s + 1, n - 2, 6, 10);
}

bool
dl_is_symbol(const char *s, size_t n)
{
	size_t i, slash = 0, dig = 0;

	if (n < 3 || n > 60 || s[0] < 'A' || s[0] > 'Z')
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '/')
			slash++;
		else if (c >= '0' && c <= '9')
			dig++;
		else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    c == '.' || c == '-' || c == '(' || c == ')'))
			return false;
	}
	return slash > 0 && dig > 0 && s[n - 1] != '/';
}

/* "N/M" (digits of any script) with N <= M into *num, *of. */
static bool
is_page_of(const char *s, size_t n, long *num, long *of)
{
	size_t i = 0;

	if (!dl_number(s, n, &i, num) || i >= n || s[i] != '/')
		return false;
	i++;
	if (!dl_number(s, n, &i, of) || i != n)
		return false;
	return *num >= 1 && *num <= *of && *of <= 9999;
}

/*
 * A page number as footers print it: "7", "-7-" or "- 7 -" (the dashes
 * and spaces around it dropped) into *v; digits of any script.
 */
static bool
page_number(const char *s, size_t n, long *v)
{
	size_t i = 0, m = n;

	while (m > 0 && (s[m - 1] == '-' || s[m - 1] == ' '))
		m--;
	while (i < m && (s[i] == '-' || s[i] == ' '))
		i++;
	/* dashes on both sides or none: "12 -" is a paragraph's label */
	if ((i > 0 && s[0] == '-') != (m < n && s[n - 1] == '-'))
		return false;
	return i < m && dl_number(s, m, &i, v) && i == m && *v >= 1 &&
	    *v <= 9999;
}

/* "V.19", ".19", "19": the year of a job number that -raw cut from its
 * five digits (the Latin letter may have gone to another line). */
static bool
job_year(const char *s, size_t n)
{
	if (n > 2 && s[n - 3] == '.' && (n == 3 || (n == 4 && s[0] >= 'A' &&
	    s[0] <= 'Z')))
		s += n - 2, n = 2;
	return ascii_digits(s, n, 2, 2);
}

/*
 * A footer or header line: job numbers, barcodes, page numbers (12,
 * 2/23, - 12 -), print dates, language tags and document symbols, and
 * nothing else.  It needs an anchor that no body line has: a job number
 * or a barcode, whole, or cut apart by -raw ("12 43534", "- 2015478 * *")
 * where a page number or a barcode's star says what the line is; or N/M
 * with M the page count.
 */
bool
dl_furniture_line(const char *s, size_t n, size_t npages)
{
	struct { const char *s; size_t n; } w[16];
	size_t nw = 0, i = 0, j, k;
	bool anchor = false, page = false, star = false, cut = false;
	bool barcode_digits = false;
	long a, b;

	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == n)
			break;
		if (nw == UTIL_NELEM(w))
			return false;
		j = i;
		while (j < n && s[j] != ' ' && s[j] != '\t')
			j++;
		w[nw].s = s + i;
		w[nw++].n = j - i;
		i = j;
	}
	for (k = 0; k < nw; k++) {
		const char *t = w[k].s;
		size_t tn = w[k].n;

		if (dl_is_job(t, tn) || is_barcode(t, tn))
			anchor = true;
		else if (is_page_of(t, tn, &a, &b)) {
			if (npages == 0 || (size_t)b == npages)
				anchor = true;
			page = true;
		} else if (strspn(t, "-") == tn)
			;		/* the dashes of "- 12 -" */
		else if (tn == 1 && t[0] == '*')
			star = true;	/* a barcode's star, cut off */
		else if (k + 1 < nw && job_year(t, tn) &&
		    ascii_digits(w[k + 1].s, w[k + 1].n, 5, 5)) {
			cut = true;	/* a job number cut in two */
			k++;
		} else if (ascii_digits(t, tn, 6, 6))
			;		/* a print date */
		else if (ascii_digits(t, tn, 5, 12))
			barcode_digits = true;
		else if (page_number(t, tn, &a)) {
			if (npages == 0 || (size_t)a <= npages)
				page = true;
		} else if (!dl_is_symbol(t, tn) &&
		    !(tn == 3 && t[0] == '(' && t[2] == ')'))
			return false;
	}
	return anchor || (cut && (page || star)) || (barcode_digits && star);
}

/*
 * The line without white space into key, its digits as '#' when mask is
 * set; 0 if it is too long to be furniture.
 */
static size_t
line_key(const struct dl_line *L, char *key, bool mask)
{
	size_t i = 0, k = 0, j;
	uint32_t c;

	while (i < L->n && k + 4 < KEY_MAX) {
		j = i;
		c = dl_dec(L->s, L->n, &j);
		if (mask && dl_digit(c) >= 0)
			key[k++] = '#';
		else if (!dl_is_space(c)) {
			memcpy(key + k, L->s + i, j - i);
			k += j - i;
		}
		i = j;
	}
	key[k] = '\0';
	return i < L->n ? 0 : k;
}

/*
 * A key that could be furniture: three characters or more, a letter
 * among them when the digits are masked (a paragraph number "١٢ -" at the
 * top of pages repeats as "#-" too), a letter or a digit when they are
 * not (a date "23 2012" on every page, not "( )").
 */
static bool
key_ok(const char *key, size_t n, bool mask)
{
	size_t i;

	if (n < 3)
		return false;
	for (i = 0; i < n; i++)
		if ((key[i] >= 'A' && key[i] <= 'Z') ||
		    (key[i] >= 'a' && key[i] <= 'z') ||
		    (unsigned char)key[i] >= 0xC0 ||
		    (!mask && key[i] >= '0' && key[i] <= '9'))
			return true;
	return false;
}

/* Whether line i is the first body or furniture line of its page. */
static bool
first_of_page(const struct dl_doc *d, size_t i)
{
	size_t p = d->v[i].page;

	while (i > 0 && d->v[i - 1].page == p) {
		i--;
		if (d->v[i].kind == DL_BODY || d->v[i].kind == DL_FURN)
			return false;
	}
	return true;
}

struct edge {
	char		 key[KEY_MAX];
	const char	*s;		/* the line's text */
	size_t		 n;
	size_t		 line;		/* index in the doc */
	size_t		 page;
};

/* By key, then by the text itself, then by page. */
static int
edge_cmp(const void *x, const void *y)
{
	const struct edge *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	size_t n;

	if (c != 0)
		return c;
	n = a->n < b->n ? a->n : b->n;
	if ((c = memcmp(a->s, b->s, n)) != 0)
		return c;
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	return a->page < b->page ? -1 : a->page > b->page;
}

/*
 * Marks the lines of a group e[i..j) alike but for their digits (sorted
 * by text): all of them, unless the group has a text that repeats as it
 * is (a running header) and a line with another text that repeats on no
 * other page ("A/67/150", a footnote, next to the header "A/67/170"):
 * that one stays.  Where every text differs (page numbers), all go.
 */
static void
group_mark(struct dl_doc *d, const struct edge *e, size_t i, size_t j)
{
	size_t a, b, k;
	bool fixed = false;

	for (a = i; a < j; a = b) {
		for (b = a + 1; b < j && e[b].n == e[a].n &&
		    memcmp(e[b].s, e[a].s, e[a].n) == 0; b++)
			;
		if (b - a >= 2)
			fixed = true;
	}
	for (a = i; a < j; a = b) {
		for (b = a + 1; b < j && e[b].n == e[a].n &&
		    memcmp(e[b].s, e[a].s, e[a].n) == 0; b++)
			;
		if (fixed && b - a < 2)
			continue;
		for (k = a; k < b; k++)
			d->v[e[k].line].kind = DL_FURN;
	}
}

/*
 * The indices of the EDGE first and last body lines of each page, and of
 * the furniture lines among and before them: a running header that
 * running_symbol() took on the pages after the first is the evidence
 * that the same line on the first page is one too.
 */
static size_t
edges_find(const struct dl_doc *d, size_t *out)
{
	size_t i = 0, n = 0, j, k, first, last, pstart, top;

	while (i < d->n) {
		size_t p = d->v[i].page;

		pstart = n;
		first = i;
		while (i < d->n && d->v[i].page == p)
			i++;
		last = i;
		for (j = first, k = 0; j < last && k < EDGE; j++)
			if (d->v[j].kind == DL_BODY ||
			    d->v[j].kind == DL_FURN) {
				out[n++] = j;
				k += d->v[j].kind == DL_BODY;
			}
		top = n;
		for (j = last, k = 0; j > first && k < EDGE; j--)
			if (d->v[j - 1].kind == DL_BODY ||
			    d->v[j - 1].kind == DL_FURN) {
				/* a short page: its lines once only */
				size_t m;
				bool seen = false;

				for (m = pstart; m < top; m++)
					if (out[m] == j - 1)
						seen = true;
				if (!seen)
					out[n++] = j - 1;
				k += d->v[j - 1].kind == DL_BODY;
			}
	}
	return n;
}

/* "23 July 2012", the date of a running header. */
static bool
is_date(const char *s, size_t n)
{
	static const char *const months[] = {
		"January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November",
		"December"
	};
	size_t i = 0, m, k;

	while (i < n && i < 2 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0 || i >= n || s[i] != ' ')
		return false;
	i++;
	for (m = 0; m < sizeof months / sizeof months[0]; m++) {
		k = strlen(months[m]);
		if (i + k < n && memcmp(s + i, months[m], k) == 0 &&
		    s[i + k] == ' ')
			return ascii_digits(s + i + k + 1, n - i - k - 1, 4, 4);
	}
	return false;
}

/*
 * A running header seen once (a two-page document's second page): the
 * first line of a page after the first, short, with a document symbol
 * among its words ("A/67/170 23 July 2012").
 */
static void
running_symbol(struct dl_doc *d)
{
	size_t i, j, k;

	for (i = 0; i < d->n; i++) {
		struct dl_line *L = &d->v[i];

		if (L->kind != DL_BODY || L->page == 0 || L->width > 48 ||
		    (i > 0 && d->v[i - 1].page == L->page &&
		    !first_of_page(d, i)))
			continue;
		for (j = 0; j < L->n; j = k + 1) {
			for (k = j; k < L->n && L->s[k] != ' '; k++)
				;
			if (dl_is_symbol(L->s + j, k - j)) {
				L->kind = DL_FURN;
				break;
			}
		}
		/* the date beside it, when the extraction split the two */
		for (j = i + 1; L->kind == DL_FURN && j < d->n &&
		    d->v[j].page == L->page; j++) {
			if (d->v[j].kind == DL_BLANK)
				continue;
			if (d->v[j].kind == DL_BODY &&
			    is_date(d->v[j].s, d->v[j].n))
				d->v[j].kind = DL_FURN;
			break;
		}
	}
}

static int
line_cmp(const void *x, const void *y)
{
	const struct dl_line *a = *(const struct dl_line *const *)x;
	const struct dl_line *b = *(const struct dl_line *const *)y;
	size_t n = a->n < b->n ? a->n : b->n;
	int c = memcmp(a->s, b->s, n);

	if (c != 0)
		return c;
	return a->n < b->n ? -1 : a->n > b->n;
}

/*
 * A short line with Latin in it ("23 July 2012", "A/67/170") that is on
 * `need` pages or more as it is, wherever on them: the extraction put a
 * running header below the first lines (numbers of paragraphs before
 * it).  Sentences of the text do not repeat so.
 */
static void
repeated_anywhere(struct dl_doc *d, size_t need, size_t *seen,
    size_t *stamp)
{
	struct dl_line **v = xreallocarray(NULL, d->n + 1, sizeof *v);
	size_t i, j, k, n = 0, pages;

	for (i = 0; i < d->n; i++) {
		struct dl_line *L = &d->v[i];
		bool latin = false;

		if ((L->kind != DL_BODY && L->kind != DL_FURN) ||
		    L->width > 40 || L->n < 3)
			continue;
		for (k = 0; k < L->n && !latin; k++)
			latin = (L->s[k] >= 'A' && L->s[k] <= 'Z') ||
			    (L->s[k] >= 'a' && L->s[k] <= 'z');
		if (latin)
			v[n++] = L;
	}
	qsort(v, n, sizeof *v, line_cmp);
	for (i = 0; i < n; i = j) {
		(*stamp)++;
		seen[v[i]->page] = *stamp;
		for (j = i + 1, pages = 1; j < n && line_cmp(&v[i], &v[j]) == 0;
		    j++)
			if (seen[v[j]->page] != *stamp) {
				seen[v[j]->page] = *stamp;
				pages++;
			}
		if (pages >= need)
			for (k = i; k < j; k++)
				v[k]->kind = DL_FURN;
	}
	free(v);
}

/* Plain page numbers: a number alone at page edges that grows with them. */
static void
page_numbers(struct dl_doc *d, const size_t *ed, size_t ne)
{
	long *off = xcalloc(ne + 1, sizeof *off);
	size_t i, j, best = 0, nb = 0, cnt;
	long v;

	for (i = 0; i < ne; i++) {
		struct dl_line *L = &d->v[ed[i]];

		off[i] = -100000;
		if (L->kind == DL_BODY && page_number(L->s, L->n, &v))
			off[i] = v - (long)L->page;
	}
	for (i = 0; i < ne; i++) {
		if (off[i] == -100000)
			continue;
		for (j = 0, cnt = 0; j < ne; j++)
			if (off[j] == off[i])
				cnt++;
		if (cnt > nb) {
			nb = cnt;
			best = i;
		}
	}
	if (nb >= 3 && nb * 2 >= d->npages)
		for (i = 0; i < ne; i++)
			if (off[i] == off[best])
				d->v[ed[i]].kind = DL_FURN;
	free(off);
}

/* --- with geometry (a PDF) --------------------------------------------- */

/*
 * Whether every word of a line in a band is furniture: a page number
 * (12, 2/23), a job number (24-12345, V.19-04312), a barcode (*2412345*,
 * its star apart or not), a date stamp (170812) or a language tag ((A)),
 * at least one of them not a date or a tag.
 */
static bool
band_tokens(const char *s, size_t n)
{
	size_t i = 0;
	bool any = false;

	while (i < n) {
		size_t j = i;
		const char *w, *sl;
		size_t wn;

		while (j < n && s[j] != ' ')
			j++;
		w = s + i, wn = j - i;
		i = j + 1;
		if (wn >= 3 && w[0] == '*' && w[wn - 1] == '*' &&
		    dl_digits_only(w + 1, wn - 2, 5, 12))
			any = true;
		else if ((wn == 3 && w[0] == '(' && w[2] == ')') ||
		    (wn == 1 && w[0] == '*') || dl_digits_only(w, wn, 6, 6))
			;
		else if (wn >= 6 && (w[0] == '*' || w[wn - 1] == '*') &&
		    dl_digits_only(w + (w[0] == '*'), wn - 1, 5, 12))
			any = true;
		else if (dl_digits_only(w, wn, 1, 4) || dl_is_job(w, wn))
			any = true;
		else if ((sl = memchr(w, '/', wn)) != NULL &&
		    dl_digits_only(w, (size_t)(sl - w), 1, 4) &&
		    dl_digits_only(sl + 1, wn - (size_t)(sl - w) - 1, 1, 4))
			any = true;
		else
			return false;
	}
	return any;
}

/* A barcode, its stars and digits however the spaces fell. */
static bool
band_barcode(const char *s, size_t n)
{
	char t[64];
	size_t i, k = 0, stars = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ')
			continue;
		if (k == sizeof t)
			return false;
		stars += s[i] == '*';
		t[k++] = s[i];
	}
	if (k < 7 || stars != 2 || (t[0] != '*' && t[k - 1] != '*'))
		return false;
	for (i = 0; i < k; i++)
		if (t[i] != '*' && (t[i] < '0' || t[i] > '9'))
			return false;
	return true;
}

/* A short line with a document symbol among its words. */
static bool
symbol_among(const char *s, size_t n)
{
	size_t j, k;

	if (n > 60)
		return false;
	for (j = 0; j < n; j = k + 1) {
		for (k = j; k < n && s[k] != ' '; k++)
			;
		if (dl_is_symbol(s + j, k - j))
			return true;
	}
	return false;
}

int
dl_band(const struct dl_line *L)
{
	if (L->ph <= 0)
		return 0;
	if (L->bot < L->ph / 6)
		return 1;
	if (L->top > L->ph * 5 / 6)
		return 2;
	return 0;
}

/*
 * A hash of a line's text with every run of digits the same: page
 * numbers, also where they grow a digit ("V.19-04312 9/63" and "... 10/63"
 * are one footer).
 */
static uint64_t
band_key(const struct dl_line *L)
{
	uint64_t h = 14695981039346656037u;
	size_t i = 0, j;
	bool digits = false;

	while (i < L->n) {
		j = i;
		if (dl_digit(dl_dec(L->s, L->n, &j)) >= 0) {
			if (!digits)
				h = (h ^ '#') * 1099511628211u;
			digits = true;
			i = j;
			continue;
		}
		digits = false;
		for (; i < j; i++)
			h = (h ^ (unsigned char)L->s[i]) * 1099511628211u;
	}
	return h;
}

struct banded {
	uint64_t	 key;
	int		 band;
	size_t		 page;
	size_t		 line;
};

static int
banded_cmp(const void *x, const void *y)
{
	const struct banded *a = x, *b = y;

	if (a->band != b->band)
		return a->band < b->band ? -1 : 1;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->page < b->page ? -1 : a->page > b->page;
}

/* The furniture of a PDF's records: its bands' tokens and repetitions. */
static void
bands(struct dl_doc *d)
{
	struct banded *v = xreallocarray(NULL, d->n + 1, sizeof *v);
	size_t i, j, k, n = 0, pages;

	for (i = 0; i < d->n; i++) {
		struct dl_line *L = &d->v[i];
		int b;

		if (L->kind != DL_BODY || (b = dl_band(L)) == 0)
			continue;
		if (band_tokens(L->s, L->n) || band_barcode(L->s, L->n) ||
		    (L->page > 0 && b == 1 && symbol_among(L->s, L->n))) {
			L->kind = DL_FURN;
			continue;
		}
		v[n].key = band_key(L);
		v[n].band = b;
		v[n].page = L->page;
		v[n].line = i;
		n++;
	}
	qsort(v, n, sizeof *v, banded_cmp);
	for (i = 0; i < n; i = j) {
		for (j = i + 1, pages = 1; j < n && v[j].band == v[i].band &&
		    v[j].key == v[i].key; j++)
			if (v[j].page != v[j - 1].page)
				pages++;
		if (pages >= 2 && pages * 4 >= d->npages)
			for (k = i; k < j; k++)
				d->v[v[k].line].kind = DL_FURN;
	}
	free(v);
}

/*
 * What -raw leaves of a barcode or a job number beside the furniture it
 * cut them from: a line of stars and dashes (a Latin capital with them:
 * the "V" of V.19-04312), or the barcode's digits alone, which are the
 * job number's digits (*1243534* is 12-43534).  Such a line next to a
 * furniture line of its page is furniture too.
 */
static bool
scrap_line(const char *s, size_t n, const char *jobs, size_t njobs)
{
	size_t i = 0, j, k;
	bool mark = false;

	while (i < n) {
		while (i < n && s[i] == ' ')
			i++;
		if (i == n)
			break;
		j = i;
		while (j < n && s[j] != ' ')
			j++;
		if (j - i == 1 && (s[i] == '*' || s[i] == '-'))
			mark = true;
		else if (j - i == 1 && s[i] >= 'A' && s[i] <= 'Z')
			;
		else if (j - i == 7 && ascii_digits(s + i, 7, 7, 7)) {
			for (k = 0; k < njobs; k++)
				if (memcmp(jobs + 7 * k, s + i, 7) == 0)
					break;
			if (k == njobs)
				return false;
			mark = true;
		} else
			return false;
		i = j;
	}
	return mark;
}

/* The job numbers' digits ("1243534" for 12-43534) of d's furniture
 * lines into *jobs (caller frees), 7 characters each; their count. */
static size_t
job_digits(const struct dl_doc *d, char **jobs)
{
	size_t i, j, k, n = 0, cap = 0;
	char *v = NULL;

	for (i = 0; i < d->n; i++) {
		const struct dl_line *L = &d->v[i];

		if (L->kind != DL_FURN)
			continue;
		for (j = 0; j < L->n; j = k + 1) {
			const char *w = L->s + j, *y = NULL, *f = NULL;
			size_t m;

			for (k = j; k < L->n && L->s[k] != ' '; k++)
				;
			if (dl_is_job(w, k - j)) {
				y = w + (k - j) - 8;	/* "V." aside */
				f = y + 3;
			} else if (job_year(w, k - j) && k < L->n) {
				/* cut by -raw: "V.19 04312", ".19 04312" */
				for (m = k + 1; m < L->n && L->s[m] != ' '; m++)
					;
				if (ascii_digits(L->s + k + 1, m - k - 1, 5,
				    5)) {
					y = L->s + k - 2;
					f = L->s + k + 1;
				}
			}
			if (y == NULL)
				continue;
			if (n == cap)
				v = xreallocarray(v, cap = cap * 2 + 4, 7);
			memcpy(v + 7 * n, y, 2);
			memcpy(v + 7 * n + 2, f, 5);
			n++;
			break;
		}
	}
	*jobs = v;
	return n;
}

static void
scraps(struct dl_doc *d)
{
	size_t i, j, njobs;
	char *jobs;
	bool more = true;
	int pass;

	njobs = job_digits(d, &jobs);
	for (pass = 0; pass < 3 && more; pass++) {
		more = false;
		for (i = 0; i < d->n; i++) {
			struct dl_line *L = &d->v[i];
			bool next = false;

			if (L->kind != DL_BODY || L->n > 16 ||
			    !scrap_line(L->s, L->n, jobs, njobs))
				continue;
			for (j = i; j > 0 && d->v[j - 1].page == L->page &&
			    d->v[j - 1].kind == DL_BLANK; j--)
				;
			next = j > 0 && d->v[j - 1].page == L->page &&
			    d->v[j - 1].kind == DL_FURN;
			for (j = i + 1; j < d->n && d->v[j].page == L->page &&
			    d->v[j].kind == DL_BLANK; j++)
				;
			next = next || (j < d->n && d->v[j].page == L->page &&
			    d->v[j].kind == DL_FURN);
			if (next) {
				L->kind = DL_FURN;
				more = true;
			}
		}
	}
	free(jobs);
}

void
dl_furniture(struct dl_doc *d)
{
	size_t *ed, ne, i, j, k, pages, need;
	struct edge *e;
	size_t *seen, stamp = 0;
	int mask;

	if (d->geo) {
		bands(d);
		return;
	}

	for (i = 0; i < d->n; i++) {
		struct dl_line *L = &d->v[i];

		if (L->kind == DL_BODY &&
		    dl_furniture_line(L->s, L->n, d->npages))
			L->kind = DL_FURN;
	}
	if (d->npages < 2)
		return;
	running_symbol(d);
	ed = xreallocarray(NULL, d->n + 1, sizeof *ed);
	ne = edges_find(d, ed);
	e = xreallocarray(NULL, ne + 1, sizeof *e);
	seen = xcalloc(d->npages + 1, sizeof *seen);
	/* seen on a quarter of the pages, two at least */
	need = d->npages / 4 > 2 ? d->npages / 4 : 2;
	for (mask = 0; mask < 2; mask++) {
		for (i = 0; i < ne; i++) {
			if (line_key(&d->v[ed[i]], e[i].key, mask) == 0)
				e[i].key[0] = '\0';
			e[i].line = ed[i];
			e[i].page = d->v[ed[i]].page;
			e[i].s = d->v[ed[i]].s;
			e[i].n = d->v[ed[i]].n;
		}
		qsort(e, ne, sizeof *e, edge_cmp);
		for (i = 0; i < ne; i = j) {
			size_t kn = strlen(e[i].key);

			stamp++;
			seen[e[i].page] = stamp;
			for (j = i + 1, pages = 1; j < ne &&
			    strcmp(e[j].key, e[i].key) == 0; j++)
				if (seen[e[j].page] != stamp) {
					seen[e[j].page] = stamp;
					pages++;
				}
			if (pages < need || !key_ok(e[i].key, kn, mask))
				continue;
			if (mask)
				group_mark(d, e, i, j);
			else
				for (k = i; k < j; k++)
					d->v[e[k].line].kind = DL_FURN;
		}
	}
	page_numbers(d, ed, ne);
	repeated_anywhere(d, need, seen, &stamp);
	scraps(d);
	free(seen);
	free(e);
	free(ed);
}
