/*
 * doc-furniture.c - the furniture stage: which lines of a paged text are
 * the page's and not the document's.  The evidence, weighed for every
 * line wherever the extraction put it:
 *
 *   tokens      a line made only of page numbers N/M, job numbers
 *               (12-43534, V.19-04312), barcodes (*1243534*), document
 *               symbols and print dates, with at least one page number,
 *               job number or barcode in it;
 *   repetition  a line that stands at the top or the bottom of several
 *               pages, its digits aside (the running header "A/67/170",
 *               a date, "2/20 12-43534" when they share a line);
 *   sequence    a number alone at the edge of each page that grows with
 *               the page (a plain page number).
 *
 * Reads and marks struct dl_line records (doc-lines.h); pure.
 */
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

bool
dl_furniture_line(const char *s, size_t n, size_t npages)
{
	size_t i = 0, j;
	bool anchor = false, digits = false, page = false;
	long a, b;

	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == n)
			break;
		j = i;
		while (j < n && s[j] != ' ' && s[j] != '\t')
			j++;
		if (dl_is_job(s + i, j - i) || is_barcode(s + i, j - i))
			anchor = true;
		else if (is_page_of(s + i, j - i, &a, &b)) {
			if (npages == 0 || (size_t)b == npages)
				anchor = true;
			if ((size_t)b == npages)
				page = true;
		} else if (ascii_digits(s + i, j - i, 6, 6))
			;		/* a print date */
		else if (ascii_digits(s + i, j - i, 1, 8))
			digits = true;	/* a job number -raw cut in two */
		else if (!dl_is_symbol(s + i, j - i) &&
		    !(j - i == 3 && s[i] == '(' && s[i + 2] == ')'))
			return false;
		i = j;
	}
	return anchor && (!digits || page);
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

/* The indices of the EDGE first and last body lines of each page. */
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
			if (d->v[j].kind == DL_BODY) {
				out[n++] = j;
				k++;
			}
		top = n;
		for (j = last, k = 0; j > first && k < EDGE; j--)
			if (d->v[j - 1].kind == DL_BODY) {
				/* a short page: its lines once only */
				size_t m;
				bool seen = false;

				for (m = pstart; m < top; m++)
					if (out[m] == j - 1)
						seen = true;
				if (!seen)
					out[n++] = j - 1;
				k++;
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
		size_t k = 0;

		off[i] = -100000;
		if (L->kind == DL_BODY && dl_number(L->s, L->n, &k, &v) &&
		    k == L->n)
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

void
dl_furniture(struct dl_doc *d)
{
	size_t *ed, ne, i, j, k, pages, need;
	struct edge *e;
	size_t *seen, stamp = 0;
	int mask;

	for (i = 0; i < d->n; i++) {
		struct dl_line *L = &d->v[i];

		if (L->kind == DL_BODY &&
		    dl_furniture_line(L->s, L->n, d->npages))
			L->kind = DL_FURN;
	}
	if (d->npages < 2)
		return;
	running_symbol(d);
	ed = xreallocarray(NULL, d->npages * 2 * EDGE + 1, sizeof *ed);
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
	free(seen);
	free(e);
	free(ed);
}
