/*
 * doc-labels.c - the label stage: paragraph numbers, headings and
 * sub-paragraph letters at the start of the lines of an extraction, in
 * every form pdftotext leaves them, and which of them to believe.
 *
 * The printed "١٢ -" (a number, then a dash, right to left) comes out as
 *
 *   "١٢ - text"  "١٢- text"  "١٢ -" alone     (default, -layout)
 *   "- ١٢ text"  "-١٢" alone  "- 12وترى"      (the dash put first, the
 *                                               number glued on)
 *   "١٢" alone, then "-" or "- text"           (-raw)
 *
 * and "أولاً - title" (a heading), "(أ) text" (a sub-paragraph).  A number
 * is believed when it runs in sequence: the one after the last believed,
 * or a few more when the numbers after it go on from it (a number lost in
 * the extraction does not stop the rest).  Reads and marks struct dl_line
 * (doc-lines.h); pure.
 */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "doc-lines.h"
#include "doc-labels.h"
#include "util.h"

#define LOOKAHEAD	12	/* candidates looked at to confirm a chain */

static bool	after_clause(const struct dl_doc *, size_t);
static bool	is_marker(const struct dl_doc *, size_t);

static void
skip_space(const char *s, size_t n, size_t *i)
{
	size_t k;

	while (*i < n) {
		k = *i;
		if (!dl_is_space(dl_dec(s, n, &k)))
			break;
		*i = k;
	}
}

/* Whether s[i..) starts with a dash; *i past it. */
static bool
take_dash(const char *s, size_t n, size_t *i)
{
	size_t k = *i;

	if (k >= n || !dl_is_dash(dl_dec(s, n, &k)))
		return false;
	*i = k;
	return true;
}

/* What follows a number may not make it part of a longer token
 * (12-43534, 2/20, 4.5, 20,9): a digit after one of - / . , : */
static bool
number_ends(const char *s, size_t n, size_t i)
{
	size_t k = i;
	uint32_t c;

	if (i >= n)
		return true;
	c = dl_dec(s, n, &k);
	if (c == '-' || c == '/' || c == '.' || c == ',' || c == ':' ||
	    c == 0x66B || c == 0x66C || c == 0x60C) {
		if (k >= n)
			return c == '-';
		return dl_digit(dl_dec(s, n, &k)) < 0 && c != '/';
	}
	return dl_digit(c) < 0;
}

static bool
para_label(struct dl_line *L)
{
	const char *s = L->s;
	size_t n = L->n, i = 0, ls, le, k;
	long v;

	if (take_dash(s, n, &i)) {		/* "- 12 text", "-12" */
		skip_space(s, n, &i);
		ls = i;
		if (!dl_number(s, n, &i, &v) || !number_ends(s, n, i))
			return false;
		le = i;
		k = i;
		if (i < n && dl_is_dash(dl_dec(s, n, &k)))
			return false;		/* "- 7 -" is not this */
	} else {				/* "12 - text", "12-" */
		ls = i;
		if (!dl_number(s, n, &i, &v))
			return false;
		le = i;
		skip_space(s, n, &i);
		if (!take_dash(s, n, &i))
			return false;
		k = i;
		if (i < n && dl_digit(dl_dec(s, n, &k)) >= 0)
			return false;		/* 12-43534, 7-8 */
	}
	if (v < 1 || v > 9999)
		return false;
	skip_space(s, n, &i);
	L->lab = DL_LAB_PARA;
	L->value = v;
	L->lab_off = ls;
	L->lab_len = le - ls;
	L->body_off = i;
	return true;
}

/* "أولاً - title": one or two words, then a dash. */
static bool
head_label(struct dl_line *L)
{
	const char *s = L->s;
	size_t n = L->n, i = 0, we = 0, k, words = 0;
	uint32_t c;
	bool in = false;
	int v;

	/* no dash in reach (most lines): no heading */
	k = n < 52 ? n : 52;
	if (memchr(s, '-', k) == NULL && memchr(s, 0xE2, k) == NULL)
		return false;
	while (i < n && i < 48) {
		k = i;
		c = dl_dec(s, n, &k);
		if (dl_is_dash(c))
			break;
		if (dl_is_space(c))
			in = false;
		else {
			if (!in)
				words++;
			in = true;
			we = k;
		}
		i = k;
	}
	if (i >= n || i >= 48 || we == 0 || words > 2)
		return false;
	if ((v = doc_ordinal_value(s, we)) > 0)
		L->level = 1;
	else if ((v = doc_letter_value(s, we)) > 0)
		L->level = 2;
	else
		return false;
	take_dash(s, n, &i);
	skip_space(s, n, &i);
	L->lab = DL_LAB_HEAD;
	L->value = v;
	L->lab_off = 0;
	L->lab_len = we;
	L->body_off = i;
	return true;
}

/* "(أ) text", "(هـ) text", "(ب)" alone; the label kept is the letter. */
static bool
sub_label(struct dl_line *L)
{
	const char *s = L->s;
	size_t n = L->n, i = 1, a, b;
	int v;

	if (n < 3 || s[0] != '(')
		return false;
	a = i;
	while (i < n && s[i] != ')' && i < 8)
		i++;
	if (i >= n || s[i] != ')')
		return false;
	b = i;
	if ((v = doc_abjad_ordinal(s + a, b - a)) == 0)
		return false;
	i++;
	if (i < n && s[i] != ' ' && s[i] != '\t')
		return false;
	skip_space(s, n, &i);
	L->lab = DL_LAB_SUB;
	L->value = v;
	L->lab_off = a;
	L->lab_len = b - a;
	L->body_off = i;
	return true;
}

/* -raw's "(أ)": the letter on a line, the brackets on the next. */
static bool
sub_split(struct dl_line *L, struct dl_line *M)
{
	size_t k;
	int v;

	if (L->n == 0 || L->n > 4 || M->n < 2 || M->n > 3)
		return false;
	for (k = 0; k < M->n; k++)
		if (M->s[k] != '(' && M->s[k] != ')' && M->s[k] != ' ')
			return false;
	if ((v = doc_abjad_ordinal(L->s, L->n)) == 0)
		return false;
	L->lab = DL_LAB_SUB;
	L->value = v;
	L->lab_off = 0;
	L->lab_len = L->n;
	L->body_off = L->n;
	M->kind = DL_USED;
	return true;
}

void
dl_label_parse(struct dl_line *L)
{
	size_t i = 0;
	long v;

	L->lab = DL_LAB_NONE;
	L->keep = false;
	L->body_off = 0;
	if (L->kind != DL_BODY || L->n == 0)
		return;
	if (dl_number(L->s, L->n, &i, &v) && i == L->n) {
		L->lab = DL_LAB_NUM;
		L->value = v;
		L->lab_off = 0;
		L->lab_len = i;
		L->body_off = i;
		return;
	}
	if (para_label(L) || head_label(L) || sub_label(L))
		return;
}

/* The next body line after index i, or d->n. */
static size_t
next_body(const struct dl_doc *d, size_t i)
{
	for (i++; i < d->n; i++)
		if (d->v[i].kind == DL_BODY)
			break;
	return i;
}

/*
 * Whether a number v + 1 follows candidate c[k] closely: one with its
 * dash for a candidate with its dash (a number alone may be a footnote
 * marker), any for a number alone.
 */
static bool
confirmed(const struct dl_doc *d, const size_t *c, size_t nc, size_t k,
    long v)
{
	bool strong = d->v[c[k]].lab == DL_LAB_PARA;
	size_t j;

	for (j = k + 1; j < nc && j <= k + LOOKAHEAD; j++)
		if (d->v[c[j]].value == v + 1 && (!strong ||
		    d->v[c[j]].lab == DL_LAB_PARA ||
		    (after_clause(d, c[j]) && !is_marker(d, c[j]))))
			return true;
	return false;
}

/*
 * Whether the body line before line i ends a clause (or there is none):
 * a number alone after a line that runs on is a footnote marker or part
 * of the sentence, not the number of the next paragraph.
 */
static bool
after_clause(const struct dl_doc *d, size_t i)
{
	const struct dl_line *P;
	size_t k;
	uint32_t c = 0;

	while (i > 0 && d->v[i - 1].kind != DL_BODY)
		i--;
	if (i == 0)
		return true;
	P = &d->v[i - 1];
	if (P->lab == DL_LAB_HEAD)
		return true;
	k = P->n;
	while (k > 0) {
		size_t j = k - 1;

		while (j > 0 && ((unsigned char)P->s[j] & 0xC0) == 0x80)
			j--;
		k = j;
		c = dl_dec(P->s, P->n, &j);
		if (c != ')' && c != '"' && !dl_is_space(c))
			break;
	}
	return c == '.' || c == ':' || c == ';' || c == ',' || c == 0x60C ||
	    dl_is_dash(c) ||
	    c == 0x61B || c == '!' || c == '?' || c == 0x61F;
}

/*
 * Whether the number alone on line i is a footnote marker: a line further
 * down its page starts with it and goes on with text ("١٢ المرجع نفسه",
 * "(١٢) المرجع نفسه"), as the footnote it refers to.
 */
static bool
is_marker(const struct dl_doc *d, size_t i)
{
	const struct dl_line *L = &d->v[i], *M;
	size_t j, k;
	long v;

	/* -raw's "5", "-", "13": the end of a range */
	for (j = i; j > 0 && d->v[j - 1].kind != DL_BODY; j--)
		;
	if (j > 0 && d->v[j - 1].n == 1 && d->v[j - 1].s[0] == '-') {
		for (j--; j > 0 && d->v[j - 1].kind != DL_BODY; j--)
			;
		k = 0;
		if (j > 0 && dl_number(d->v[j - 1].s, d->v[j - 1].n, &k, &v) &&
		    k == d->v[j - 1].n)
			return true;
	}
	/* -raw's "(1)": the brackets on the lines around the number */
	for (j = i; j > 0 && d->v[j - 1].kind != DL_BODY; j--)
		;
	if (j > 0 && d->v[j - 1].n == 1 && (d->v[j - 1].s[0] == '(' ||
	    d->v[j - 1].s[0] == ')'))
		return true;
	for (j = i + 1; j < d->n && d->v[j].kind != DL_BODY; j++)
		;
	if (j < d->n && d->v[j].n == 1 && (d->v[j].s[0] == '(' ||
	    d->v[j].s[0] == ')'))
		return true;

	/* the same number alone twice on a page, in the same digits: a
	 * marker and its note */
	for (j = i; j > 0 && d->v[j - 1].page == L->page; j--) {
		M = &d->v[j - 1];
		if (M->kind == DL_BODY && M->n == L->n &&
		    memcmp(M->s, L->s, L->n) == 0)
			return true;
	}
	for (j = i + 1; j < d->n && d->v[j].page == L->page; j++) {
		M = &d->v[j];
		if (M->kind == DL_BODY && M->n == L->n &&
		    memcmp(M->s, L->s, L->n) == 0)
			return true;
		if (M->kind != DL_BODY && M->kind != DL_FURN)
			continue;
		k = M->n > 0 && M->s[0] == '(' ? 1 : 0;
		if (!dl_number(M->s, M->n, &k, &v) || v != L->value)
			continue;
		if (k < M->n && M->s[k] == ')')
			k++;
		if (k < M->n && (M->s[k] == ' ' || M->s[k] == '\t'))
			return true;
	}
	return false;
}

/* Whether a candidate with its dash and value v follows c[k] closely. */
static bool
strong_soon(const struct dl_doc *d, const size_t *c, size_t nc, size_t k,
    long v)
{
	size_t j;

	for (j = k + 1; j < nc && j <= k + LOOKAHEAD; j++)
		if (d->v[c[j]].lab == DL_LAB_PARA && d->v[c[j]].value == v)
			return true;
	return false;
}

/*
 * Whether candidate c[i], a number with its dash, is believed after the
 * number prev (0: none yet): the next one; or one of the next three, or
 * 1 (a section's numbering starting again), or the first, when the one
 * after it follows soon; or a few more (numbers lost in the extraction)
 * when the two after it follow.
 */
static bool
believe(const struct dl_doc *d, const size_t *c, size_t nc, size_t i,
    long prev)
{
	long v = d->v[c[i]].value;

	if (v == prev + 1)
		return true;
	if ((v == 1 || (v > prev && v <= prev + 3) || prev == 0) &&
	    confirmed(d, c, nc, i, v))
		return true;
	return v > prev && v <= prev + 12 && confirmed(d, c, nc, i, v) &&
	    confirmed(d, c, nc, i, v + 1);
}

/*
 * Whether candidate c[i], a number alone, is believed after prev: it is
 * the next one, or starts a chain (1, or the first) that the numbers
 * after it go on (or the document's last section is that short); no
 * number with its dash and the same value comes soon; it is no footnote
 * marker; and it follows the end of a clause, unless it sits between its
 * neighbours in the sequence (prev, then it, then the next one).
 */
static bool
believe_alone(const struct dl_doc *d, const size_t *c, size_t nc,
    size_t i, long prev)
{
	long v = d->v[c[i]].value;

	if (!(v == prev + 1 || ((v == 1 || prev == 0) &&
	    confirmed(d, c, nc, i, v) && (confirmed(d, c, nc, i, v + 1) ||
	    i + 2 == nc))))
		return false;
	if (strong_soon(d, c, nc, i, v) || is_marker(d, c[i]))
		return false;
	return after_clause(d, c[i]) || (prev > 0 && v == prev + 1 &&
	    i + 1 < nc && d->v[c[i + 1]].value == v + 1);
}

void
dl_labels(struct dl_doc *d)
{
	size_t i, j, nc = 0, *c;
	long prev = 0;
	int sub = 0;

	for (i = 0; i < d->n; i++)	/* (a PDF's notes are known) */
		if (d->v[i].kind != DL_NOTE)
			dl_label_parse(&d->v[i]);
	/* "١٢" alone, then a line that starts with the dash (-raw) */
	for (i = 0; i < d->n; i++) {
		struct dl_line *L = &d->v[i], *M;
		size_t k = 0;

		if (L->lab != DL_LAB_NUM || L->value < 1 || L->value > 9999 ||
		    (j = next_body(d, i)) == d->n)
			continue;
		M = &d->v[j];
		if (!take_dash(M->s, M->n, &k))
			continue;
		if (k < M->n) {
			size_t q = k;

			if (dl_digit(dl_dec(M->s, M->n, &q)) >= 0)
				continue;
		}
		skip_space(M->s, M->n, &k);
		if (k == M->n && (j = next_body(d, j)) < d->n) {
			size_t q = 0;

			if (dl_digit(dl_dec(d->v[j].s, d->v[j].n, &q)) >= 0)
				continue;	/* "4", "-", "15 ...": 4-15 */
		}
		L->lab = DL_LAB_PARA;
		if (k == M->n)
			M->kind = DL_USED;
		else {
			M->lab = DL_LAB_NONE;
			M->body_off = k;
		}
	}
	for (i = 0; i < d->n; i++)
		if (d->v[i].kind == DL_BODY && d->v[i].lab == DL_LAB_NONE &&
		    (j = next_body(d, i)) < d->n)
			sub_split(&d->v[i], &d->v[j]);
	/*
	 * A number with its dash is a candidate; a number alone (a
	 * footnote marker, a year, or a label whose dash went elsewhere) is
	 * a weak one, believed only where it is next in sequence and no
	 * candidate with its dash and the same number comes soon after.
	 */
	c = xreallocarray(NULL, d->n + 1, sizeof *c);
	for (i = 0; i < d->n; i++)
		if (d->v[i].kind == DL_BODY && (d->v[i].lab == DL_LAB_PARA ||
		    d->v[i].lab == DL_LAB_NUM))
			c[nc++] = i;
	for (i = 0; i < nc; i++) {
		struct dl_line *L = &d->v[c[i]];

		if (!(L->lab == DL_LAB_NUM ? believe_alone(d, c, nc, i, prev) :
		    believe(d, c, nc, i, prev)))
			continue;
		L->lab = DL_LAB_PARA;
		L->keep = true;
		prev = L->value;
	}
	free(c);
	for (i = 0; i < d->n; i++) {
		struct dl_line *L = &d->v[i];

		if (L->kind != DL_BODY)
			continue;
		if (L->lab == DL_LAB_PARA && L->keep)
			sub = 0;
		else if (L->lab == DL_LAB_HEAD)
			L->keep = true;
		else if (L->lab == DL_LAB_SUB && (L->value == 1 ||
		    L->value == sub + 1)) {
			L->keep = true;
			sub = (int)L->value;
		}
	}
}
