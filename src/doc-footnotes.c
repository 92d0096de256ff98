/*
 * doc-footnotes.c - the footnote stage: the notes pdftotext left at the
 * foot of each page, above its footer, and the markers in the text that
 * refer to them.  A note starts a line with its label, "(12) text",
 * "(12)text" or "12 text", or the label carried past the Latin the note
 * starts with ("( A.09.V.11)٤text", note_label_split()), or is the label
 * alone on a line before its text (note_label_alone()); it is believed
 * when its number is the next note's (or the first) and the page above
 * it has its marker: "(12)"
 * glued to a word, or the number alone on a line (a raised marker that
 * the extraction put on a line of its own).  The lines after the first
 * note down to the page's end are notes too: a line with the next label
 * starts the next one, any other goes on the last.  A numbered paragraph
 * believed there means these were not notes after all.
 *
 * A PDF's records know their type size (d->geo), and a PDF's markers
 * were raised digits, already ⁽N⁾ in the text: there the notes of a page
 * are the lines of smaller type after its last line of body type, each
 * started by a line with the next label in sequence ("(18)", "18", "*",
 * or "... (18)" and "... *" at the end of a left-to-right line), any
 * other line the last note going on, also from the page before (type()).
 *
 * Reads and marks struct dl_line records (doc-lines.h); pure.
 */
#include <stdint.h>
#include <string.h>

#include "doc-lines.h"
#include "doc-footnotes.h"

/* A note's label at the start of L: its value and where its text starts. */
static bool
note_label(const struct dl_line *L, long *v, size_t *body)
{
	const char *s = L->s;
	size_t n = L->n, i = 0, k;
	bool paren = n > 0 && s[0] == '(';
	uint32_t c;

	if (paren)
		i = 1;
	if (!dl_number(s, n, &i, v) || *v < 1 || *v > 9999)
		return false;
	if (paren) {
		if (i >= n || s[i] != ')')
			return false;
		i++;
	}
	if (i >= n)
		return false;
	k = i;
	c = dl_dec(s, n, &k);
	if (!paren && c != ' ')		/* "12 text"; "12-" is not */
		return false;
	if (dl_is_dash(c) || dl_digit(c) >= 0 || c == '/' || c == '.')
		return false;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i >= n)
		return false;
	k = i;
	c = dl_dec(s, n, &k);
	if (dl_is_dash(c))
		return false;		/* "12 - text": a paragraph */
	*body = i;
	return true;
}

/*
 * A left-to-right note, its label on its right, at the end of its line:
 * "United Nations, Treaty Series ... 39574 ١", "(... 39574 )1": a line
 * without Arabic letters ending with a number after a space or ')'.
 * *end: where its text ends.
 */
static bool
note_label_end(const struct dl_line *L, long *v, size_t *at, size_t *len,
    size_t *end)
{
	const char *s = L->s;
	size_t n = L->n, i = 0, e, k;
	uint32_t c;

	while (i < n) {
		c = dl_dec(s, n, &i);
		if (c >= 0x620 && c <= 0x64A)
			return false;
	}
	e = n;
	if (e > 0 && s[e - 1] == '.')
		e--;
	k = e;
	while (k > 0 && s[k - 1] >= '0' && s[k - 1] <= '9')
		k--;
	if (k == e) {			/* Arabic-Indic digits: 2 bytes */
		while (k >= 2 && (unsigned char)s[k - 2] == 0xD9 &&
		    (unsigned char)s[k - 1] >= 0xA0 &&
		    (unsigned char)s[k - 1] <= 0xA9)
			k -= 2;
	}
	if (k == e || k < 8 || (s[k - 1] != ' ' && s[k - 1] != ')'))
		return false;
	i = k;
	if (!dl_number(s, n, &i, v) || i != e || *v < 1 || *v > 9999)
		return false;
	*at = k;
	*len = e - k;
	while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == ')'))
		k--;
	*end = k;
	return true;
}

/*
 * A label that pdftotext carried past the left-to-right run the note
 * starts with: "(١) 39574، الرقم" printed "(‪ ،٣٩٥٧٤)١‬الرقم" and read
 * "(٣٩٥٧٤)١، الرقم" (a number no label is); "( A.09.V.11)٤منشورات".  L starts with "(", a
 * run without Arabic letters, ")" and the label's digits, the text
 * after.  *at, *len: where the digits are (the ")" before them goes too).
 */
static bool
note_label_split(const struct dl_line *L, long *v, size_t *at, size_t *len)
{
	const char *s = L->s;
	size_t n = L->n, i = 1, k, k2;
	uint32_t c;
	long x;

	if (n < 6 || s[0] != '(')
		return false;
	while (i < n && s[i] != ')') {
		k = i;
		c = dl_dec(s, n, &k);
		if ((c >= 0x620 && c <= 0x64A) || c == '(' || k > 48)
			return false;
		i = k;
	}
	if (i >= n || i < 3)
		return false;
	k = i + 1;
	if (!dl_number(s, n, &k, v) || *v < 1 || *v > 999 || k >= n)
		return false;
	k2 = 1;
	if (dl_digits_only(s + 1, i - 1, 1, 64) && dl_number(s, n, &k2, &x) &&
	    x < 1000)
		return false;	/* "(12)" itself; not "(39574)1" */
	c = dl_dec(s, n, &(size_t){ k });
	if (dl_digit(c) >= 0 || c == '/' || c == '.' || c == ',')
		return false;
	*at = i + 1;
	*len = k - i - 1;
	return true;
}

bool
dl_marker_find(const struct dl_line *L, long v, size_t *at, size_t *len)
{
	const char *s = L->s, *p;
	size_t n = L->n, i, k;
	long x;

	k = 0;
	if (dl_number(s, n, &k, &x) && k == n && x == v) {
		*at = 0;
		*len = n;
		return true;
	}
	for (p = memchr(s, '(', n); p != NULL;
	    p = memchr(p + 1, '(', (size_t)(s + n - p - 1))) {
		i = (size_t)(p - s) + 1;
		k = i;
		if (dl_number(s, n, &k, &x) && k < n && s[k] == ')' && x == v &&
		    (i > 1 || k + 1 == n)) {	/* at a line's start, a
						   note's label; alone, one */
			*at = i - 1;
			*len = k + 1 - (i - 1);
			return true;
		}
	}
	return false;
}

/* Whether line L is the one character c alone. */
static bool
only(const struct dl_line *L, char c)
{
	return L->kind == DL_BODY && L->n == 1 && L->s[0] == c;
}

/*
 * A note's label on a line of its own, its text on the next (pdftotext
 * puts a raised label apart, as it does a marker): line j of page lines
 * [first, last) is the number v alone, under 1000 (not a year that -raw
 * put on a line of its own), the next line with text is not a number,
 * and the line before it is not one either (a label follows the text
 * above it; "٣" right after a marker "٣" is a second marker).  A "(" on
 * the line before, as -raw cuts "(22)", wants its ")" on the line after
 * (else it is the number of "(٥ في المائة)"); *br: it has them, and
 * then the text may start with a number.
 */
static bool
note_label_alone(const struct dl_doc *d, size_t first, size_t last,
    size_t j, long *v, bool *br)
{
	const struct dl_line *L = &d->v[j];
	size_t k = 0, i, p;

	*br = false;
	if (!dl_number(L->s, L->n, &k, v) || k != L->n || *v < 1 ||
	    *v > 999)
		return false;
	for (p = j; p > first && d->v[p - 1].kind == DL_BLANK; p--)
		;
	if (p > first && dl_digits_only(d->v[p - 1].s, d->v[p - 1].n, 1, 64))
		return false;
	for (i = j + 1; i < last && d->v[i].kind == DL_BLANK; i++)
		;
	if (p > first && d->v[p - 1].n > 0 &&
	    d->v[p - 1].s[d->v[p - 1].n - 1] == '(') {
		if (i == last || !only(&d->v[i], ')') || d->v[p - 1].n != 1)
			return false;
		*br = true;
		for (i++; i < last && d->v[i].kind == DL_BLANK; i++)
			;
	} else if (i == j + 1)
		return false;	/* -raw: a number of the text cut apart */
	/* (bracketed, its text may start with a number: "٣٩٥٧٤، الرقم") */
	return i < last && d->v[i].kind == DL_BODY && (*br ||
	    !dl_digits_only(d->v[i].s, d->v[i].n, 1, 64));
}

/* Whether a line above b on the page (from a) has the marker of v. */
static bool
marked(const struct dl_doc *d, size_t a, size_t b, long v)
{
	size_t i, at, len;

	for (i = a; i < b; i++)
		if (d->v[i].kind == DL_BODY &&
		    dl_marker_find(&d->v[i], v, &at, &len))
			return true;
	return false;
}

/* --- with geometry (a PDF) --------------------------------------------- */

/*
 * A note's label at the start of s: (18), )18( as a right-to-left line
 * may give it, 18, (١٨), * or raised, ⁽¹⁸⁾; not the number of
 * "150/67/A", "2.5".
 * Returns its length in bytes (0: none),
 * *v its value (0 for *), *d0 and *d1 where its digits are.
 */
/*
 * A label raised at the start of its note, as Word and TeX set it: the
 * front end's ⁽¹⁸⁾.  Returns its length in bytes (0: none), as
 * type_label().
 */
static size_t
type_label_raised(const char *s, size_t n, long *v, size_t *d0, size_t *d1)
{
	size_t i = 0, j;
	int dv;

	*v = 0;
	if (n < 3 || dl_dec(s, n, &i) != 0x207D)
		return 0;
	*d0 = j = i;
	while (j < n) {
		size_t k = j;

		if ((dv = dl_sup_digit(dl_dec(s, n, &k))) < 0)
			break;
		*v = *v * 10 + dv;
		j = k;
		if (*v > 100000)
			return 0;
	}
	*d1 = j;
	if (j == i || j >= n || dl_dec(s, n, &j) != 0x207E)
		return 0;
	return j;
}

static size_t
type_label(const char *s, size_t n, long *v, size_t *d0, size_t *d1)
{
	size_t i = 0, j;
	bool paren = false;
	int dv;

	*v = 0;
	*d0 = *d1 = 0;
	if ((j = type_label_raised(s, n, v, d0, d1)) > 0)
		return j;
	if (n > 0 && s[0] == '*')
		return n == 1 || s[1] == ' ' || (unsigned char)s[1] >= 0x80 ?
		    1 : 0;
	if (n > 0 && (s[0] == '(' || s[0] == ')'))
		paren = true, i = 1;
	j = i;
	while (j < n) {
		size_t k = j;

		if ((dv = dl_digit(dl_dec(s, n, &k))) < 0)
			break;
		*v = *v * 10 + dv;
		j = k;
		if (*v > 100000)
			return 0;
	}
	if (j == i)
		return 0;
	*d0 = i;
	*d1 = j;
	if (paren) {
		if (j >= n || (s[j] != ')' && s[j] != '('))
			return 0;
		j++;
	} else if (j < n && strchr("/.,:-", s[j]) != NULL)
		return 0;	/* a number or a symbol, "150/67A/ *" */
	return j;
}

/*
 * A label at the end of a line without right-to-left letters: " *" or
 * " (18)".  Returns its length (0: none), *v as for type_label().
 */
static size_t
type_label_end(const char *s, size_t n, long *v)
{
	size_t i = 0, k;
	uint32_t c;

	while (i < n) {
		c = dl_dec(s, n, &i);
		if ((c >= 0x590 && c <= 0x8FF) || (c >= 0xFB1D &&
		    c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF))
			return 0;
	}
	*v = 0;
	if (n >= 3 && s[n - 1] == '*' && s[n - 2] == ' ')
		return 1;
	if (n >= 5 && s[n - 1] == ')') {
		k = n - 1;
		while (k > 0 && s[k - 1] >= '0' && s[k - 1] <= '9')
			k--;
		if (k == n - 1 || k < 2 || s[k - 1] != '(' || s[k - 2] != ' ')
			return 0;
		for (i = k; i < n - 1; i++)
			*v = *v * 10 + (s[i] - '0');
		return n - k + 1;
	}
	return 0;
}

/* Whether a note labelled v may start after the note last (0: none). */
static bool
type_next(long v, long last, bool any)
{
	return v == 0 || (v > last && v <= last + 3) || !any;
}

/* The notes of a PDF's records: the smaller type after the body. */
static void
type(struct dl_doc *d)
{
	size_t i = 0, j, first, last, lastbody;
	long prev = 0, v;
	bool any = false;

	while (i < d->n) {
		size_t p = d->v[i].page;

		first = i;
		while (i < d->n && d->v[i].page == p)
			i++;
		last = i;
		lastbody = (size_t)-1;
		for (j = first; j < last; j++)
			/* body type: a size poppler gives exactly, so notes
			 * a point smaller (11 on 12) are not */
			if (d->v[j].kind == DL_BODY && d->v[j].size >= 0.97f)
				lastbody = j;
		if (lastbody == (size_t)-1)
			continue;	/* all small: not a foot of a page */
		for (j = lastbody + 1; j < last; j++) {
			struct dl_line *L = &d->v[j];
			size_t ll, d0, d1, e;

			if (L->kind != DL_BODY)
				continue;
			ll = type_label(L->s, L->n, &v, &d0, &d1);
			if (ll == 0 && (ll = type_label_end(L->s, L->n,
			    &v)) > 0 && type_next(v, prev, any)) {
				/* "A/67/150 *": a left-to-right note, its
				 * label on the right, at the end */
				e = L->n - ll;
				while (e > 0 && L->s[e - 1] == ' ')
					e--;
				L->lab_off = v > 0 ? L->n - ll + 1 : L->n - 1;
				L->lab_len = v > 0 ? ll - 2 : 1;
				L->body_off = 0;
				L->body_end = e > 0 ? e : 1;
			} else if (ll > 0 && type_next(v, prev, any)) {
				L->lab_off = v > 0 ? d0 : 0;
				L->lab_len = v > 0 ? d1 - d0 : 1;
				for (e = ll; e < L->n && L->s[e] == ' '; e++)
					;
				L->body_off = e;
				L->body_end = 0;
			} else {
				if (any) {	/* the last note goes on */
					L->kind = DL_NOTE;
					L->lab = DL_LAB_NONE;
					L->keep = false;
				}
				continue;	/* else nothing to join */
			}
			L->kind = DL_NOTE;
			L->keep = false;
			L->lab = DL_LAB_NOTE;
			L->value = v;
			if (v > 0)
				prev = v;
			any = true;
		}
	}
}

/* The lines "(" before and ")" after label line j: part of it. */
static void
bracket_used(struct dl_doc *d, size_t first, size_t last, size_t j)
{
	size_t i;

	for (i = j; i > first && d->v[i - 1].kind == DL_BLANK; i--)
		;
	if (i > first && only(&d->v[i - 1], '('))
		d->v[i - 1].kind = DL_USED;
	for (i = j + 1; i < last && d->v[i].kind == DL_BLANK; i++)
		;
	if (i < last && only(&d->v[i], ')'))
		d->v[i].kind = DL_USED;
}

void
dl_footnotes(struct dl_doc *d)
{
	size_t i = 0, first, last, j, k, nb, body, at, len, end;
	long next = 0, v, w;
	bool br, alone;
	size_t again;

	if (d->geo) {
		type(d);
		return;
	}

	while (i < d->n) {
		size_t p = d->v[i].page, start = (size_t)-1, half;

		first = i;
		while (i < d->n && d->v[i].page == p)
			i++;
		last = i;
		for (j = first, nb = 0; j < last; j++)
			if (d->v[j].kind == DL_BODY)
				nb++;
		/* a note starts in the lower part of its page */
		for (j = first, k = 0, half = nb / 3; j < last; j++) {
			struct dl_line *L = &d->v[j];

			if (L->kind != DL_BODY)
				continue;
			if (k++ < half || (L->keep && L->lab != DL_LAB_NUM))
				continue;
			alone = false;
			if ((note_label(L, &v, &body) ||
			    note_label_end(L, &v, &at, &len, &end) ||
			    note_label_split(L, &v, &at, &len) ||
			    (alone = note_label_alone(d, first, last, j, &v,
			    &br))) &&
			    (next == 0 || (v >= next && v <= next + 3)) &&
			    marked(d, first, j, v)) {
				start = j;
				/* the same number alone further down: this was
				 * its marker (-raw cuts both "(" "٣" ")") */
				for (again = j + 1; alone && again < last;
				    again++)
					if (d->v[again].kind == DL_BODY &&
					    note_label_alone(d, first, last,
					    again, &w, &br) && w == v)
						start = again;
				break;
			}
		}
		if (start == (size_t)-1)
			continue;
		for (j = start; j < last; j++)	/* notes to the page's end */
			if (d->v[j].kind == DL_BODY && d->v[j].keep &&
			    d->v[j].lab == DL_LAB_PARA)
				break;
		if (j < last)
			continue;
		for (j = start; j < last; j++) {
			struct dl_line *L = &d->v[j];

			if (L->kind != DL_BODY)
				continue;
			L->kind = DL_NOTE;
			L->lab = DL_LAB_NONE;
			L->keep = false;
			L->body_off = 0;
			L->body_end = 0;
			if (note_label(L, &v, &body) && (next == 0 ||
			    (v >= next && v <= next + 3) || j == start)) {
				size_t q = L->s[0] == '(' ? 1 : 0, e = q;
				long x;

				dl_number(L->s, L->n, &e, &x);
				L->lab = DL_LAB_NOTE;
				L->value = v;
				L->lab_off = q;
				L->lab_len = e - q;
				L->body_off = body;
				next = v + 1;
			} else if (note_label_end(L, &v, &at, &len, &end) &&
			    (next == 0 || (v >= next && v <= next + 3) ||
			    j == start)) {
				size_t o = 0;

				if (L->s[0] == '(' && end > 0 &&
				    L->s[end - 1] != ')')
					o = 1;	/* "(... 39574 )1" */
				L->lab = DL_LAB_NOTE;
				L->value = v;
				L->lab_off = at;
				L->lab_len = len;
				L->body_off = o;
				L->body_end = end;
				next = v + 1;
			} else if (note_label_split(L, &v, &at, &len) &&
			    (next == 0 || (v >= next && v <= next + 3) ||
			    j == start)) {
				/* its text around the label: [1, at - 1) and
				 * from at + len (doc-assemble.c) */
				L->lab = DL_LAB_NOTE;
				L->value = v;
				L->lab_off = at;
				L->lab_len = len;
				L->body_off = 1;
				L->body_end = 0;
				next = v + 1;
			} else if (note_label_alone(d, first, last, j, &v,
			    &br) && (next == 0 || (v >= next && v <= next + 3) ||
			    j == start)) {
				if (br)		/* "(" and ")" around it */
					bracket_used(d, first, last, j);
				L->lab = DL_LAB_NOTE;
				L->value = v;
				L->lab_off = 0;
				L->lab_len = L->n;
				L->body_off = L->n;	/* its text: the next
							   lines */
				next = v + 1;
			}
		}
	}
}
