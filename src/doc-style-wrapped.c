/*
 * doc-style-wrapped.c - the hard-wrapped style: raw text extraction of
 * a PDF (seed 003), lines wrapped where the page wrapped them and
 * paragraph numbers written "-١" anywhere in a paragraph's first line.
 * imp_wrapped_detect() tells the style from line style by those numbers
 * against line style's "N - "; imp_wrapped_assemble() joins every line
 * to the current block until the next paragraph number, sub-paragraph
 * letter or heading in sequence, and reads footnotes after a separator.
 * (Real PDF files do not come here as such: doc-pdf.c makes canonical
 * line-style text of them.)
 */
#include <string.h>

#include "doc-furniture.h"
#include "doc-import-int.h"

/*
 * The index of the first '-' in s[from..n) that starts the line or
 * follows white space (where a label "-N" or "-أولاً" can start), or n.
 */
static size_t
dash_next(const char *s, size_t n, size_t from)
{
	size_t i, k;

	for (i = mem_next(s, n, from, '-'); i < n; i = mem_next(s, n, i + 1,
	    '-')) {
		k = i;
		if (i == 0 || is_ws(dec_back(s, &k)))
			return i;
	}
	return n;
}

/*
 * Finds a token "-N" (N = want, digits of any script; want -1: any of
 * 1..3) standing alone in s: white space or the line's edge on both
 * sides.  Returns its offset and length in *at, *len.
 */
static bool
find_num_token(const char *s, size_t n, long want, size_t *at, size_t *len)
{
	size_t i, k;
	long v;

	for (i = dash_next(s, n, 0); i < n; i = dash_next(s, n, i + 1)) {
		k = i + 1;
		if (!read_digits(s, n, &k, &v) ||
		    (want >= 0 ? v != want : v < 1 || v > 3))
			continue;
		if (k < n) {
			size_t j = k;

			if (!is_ws(dec(s, n, &j)))
				continue;
		}
		*at = i;
		*len = k - i;
		return true;
	}
	return false;
}

/* Finds "-أولاً" (a heading ordinal > after) standing alone in s. */
static int
find_heading_token(const char *s, size_t n, int after, size_t *at,
    size_t *len)
{
	size_t i, k, e;
	int v;

	for (i = dash_next(s, n, 0); i < n; i = dash_next(s, n, i + 1)) {
		e = i + 1;
		while (e < n) {
			k = e;
			if (is_ws(dec(s, n, &k)))
				break;
			e = k;
		}
		if (e == i + 1)
			continue;
		v = doc_ordinal_value(s + i + 1, e - i - 1);
		if (v > after) {
			*at = i;
			*len = e - i;
			return v;
		}
	}
	return 0;
}

/* White space run length before s[at] and after s[at + len]. */
static bool
token_stands_apart(const char *s, size_t n, size_t at, size_t len)
{
	size_t before = 0, after = 0, i;

	for (i = at; i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'); i--)
		before++;
	for (i = at + len; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
		after++;
	return at == 0 || at + len == n || before >= 2 || after >= 2;
}

/*
 * Finds a sub-paragraph letter of ordinal want: "(أ)", mirrored ")أ(" or
 * ")(أ", standing apart from the words (two spaces or the line's edge:
 * a reference "الفقرة الفرعية (أ) من" has single spaces).
 */
static bool
find_sub_token(const char *s, size_t n, int want, size_t *at, size_t *len,
    size_t *lab, size_t *lablen)
{
	size_t i, k, a, b, e;
	uint32_t c;

	for (i = 0; i < n; i++) {
		if (s[i] != '(' && s[i] != ')')
			continue;
		k = i + 1;
		if (s[i] == ')' && k < n && s[k] == '(')
			k++;				/* ")(أ" */
		a = k;
		if (k >= n || !is_arabic_letter(c = dec(s, n, &k)))
			continue;
		b = k;
		if (has_prefix(s + k, n - k, "ـ"))
			k += 2, b = k;
		if (a == i + 2)				/* ")(أ" */
			e = k;
		else if (k < n && s[k] == (s[i] == '(' ? ')' : '('))
			e = k + 1;
		else
			continue;
		if (e < n && !(s[e] == ' ' || s[e] == '\t'))
			continue;
		if (doc_abjad_ordinal(s + a, b - a) != want)
			continue;
		if (!token_stands_apart(s, n, i, e - i))
			continue;
		*at = i;
		*len = e - i;
		*lab = a;
		*lablen = b - a;
		return true;
	}
	return false;
}

/* A footnote label at either end of a line in a footnote zone. */
static bool
wrapped_fn_label(const char *s, size_t n, size_t *bs, size_t *bn, size_t *ls,
    size_t *ln)
{
	size_t i, k;
	long v;

	if (n >= 2 && s[0] == '*' && (s[1] == ' ' || s[1] == '\t')) {
		*ls = 0;
		*ln = 1;
		*bs = 1;
		*bn = n - 1;
		return true;
	}
	if (n >= 3 && (s[0] == ')' || s[0] == '(')) {
		i = 1;
		if (read_digits(s, n, &i, &v) && i < n &&
		    s[i] == (s[0] == ')' ? '(' : ')')) {
			*ls = 1;
			*ln = i - 1;
			*bs = i + 1;
			*bn = n - i - 1;
			return true;
		}
	}
	if (n >= 3 && (s[n - 1] == '(' || s[n - 1] == ')')) {
		k = n - 1;
		while (k > 0 && s[k - 1] != ')' && s[k - 1] != '(')
			k--;
		if (k == 0 || s[k - 1] != (s[n - 1] == '(' ? ')' : '('))
			return false;
		i = k;
		if (read_digits(s, n, &i, &v) && i == n - 1) {
			*ls = k;
			*ln = n - 1 - k;
			*bs = 0;
			*bn = k - 1;
			return true;
		}
	}
	return false;
}

/* A footnote whose text starts or ends with a full stop is complete. */
static bool
fn_complete(const struct wlist *wl, const struct wb *b)
{
	const struct seg *first, *last;
	const char *s;
	size_t n;

	if (b->nseg == 0)
		return false;
	first = &wl->seg[b->seg0];
	last = &wl->seg[b->seg0 + b->nseg - 1];
	s = first->s;
	n = first->n;
	trim(&s, &n);
	if (n > 0 && s[0] == '.')
		return true;
	s = last->s;
	n = last->n;
	trim(&s, &n);
	return n > 0 && s[n - 1] == '.';
}

void
imp_wrapped_assemble(struct imp *im)
{
	struct wlist *wl = &im->body;
	struct lines it;
	struct line line;
	struct buf tmp;
	size_t idx, cur = NOFF, para = NOFF, fcur = NOFF;
	size_t at, len, lab, lablen, bs, bn, ls, ln;
	int section = 0, v, sub_ord = 0;
	long para_num = 0;
	bool front = true, fnzone = false, sep;
	const char *s;
	size_t n;

	buf_init(&tmp);
	lines_init(&it, im);
	while (line_next(&it, &line)) {
		const struct line *L = &line;

		s = L->s;
		n = L->len;
		trim(&s, &n);
		if (n == 0) {
			if (front)
				cur = NOFF;
			continue;
		}
		if (imp_is_furniture(s, n, true, &sep) || dl_is_symbol(s, n)) {
			if (dl_is_symbol(s, n))
				doc_meta_set(im->d, DOC_META_SYMBOL, s, n);
			doc_dropped_add(im->d, src_line(im, L->no), "furniture", s, n);
			fnzone = sep;
			fcur = NOFF;
			continue;
		}
		if (front && imp_meta_take(im, s, n)) {
			doc_dropped_add(im->d, src_line(im, L->no), "metadata", s, n);
			continue;
		}
		if (fnzone) {
			if (wrapped_fn_label(s, n, &bs, &bn, &ls, &ln)) {
				const char *b = s + bs;
				size_t nb = bn;

				trim(&b, &nb);
				fcur = imp_block_add(&im->fns, DOC_FOOTNOTE,
				    L->no);
				im->fns.v[fcur].label = imp_label_add_ascii(im,
				    s + ls, ln);
				im->fns.v[fcur].section = section;
				if (ln == 1 && s[ls] == '*')
					im->star_fn = true;
				imp_block_append(&im->fns, b, nb);
				continue;
			}
			if (fcur != NOFF &&
			    !fn_complete(&im->fns, &im->fns.v[fcur])) {
				imp_block_append(&im->fns, s, n);
				continue;
			}
			fnzone = false;
			fcur = NOFF;
		}
		imp_marks_scan(im, s, n);
		if ((v = find_heading_token(s, n, section, &at, &len)) > 0) {
			idx = imp_block_add(wl, DOC_HEADING, L->no);
			section = v;
			wl->v[idx].level = 1;
			wl->v[idx].number = v;
			wl->v[idx].section = section;
			wl->v[idx].label = imp_label_add(im, s + at + 1,
			    len - 1);
			imp_block_append(wl, s, at);
			imp_block_append(wl, s + at + len, n - at - len);
			para_num = 0;
			para = cur = NOFF;
			front = false;
			continue;
		}
		if (find_num_token(s, n, para_num + 1, &at, &len)) {
			idx = imp_block_add(wl, DOC_PARA, L->no);
			para_num++;
			wl->v[idx].number = para_num;
			wl->v[idx].section = section;
			wl->v[idx].label = imp_label_add(im, s + at + 1,
			    len - 1);
			imp_block_append(wl, s, at);
			imp_block_append(wl, s + at + len, n - at - len);
			para = cur = idx;
			sub_ord = 0;
			front = false;
			continue;
		}
		if (para != NOFF && find_sub_token(s, n, sub_ord + 1, &at,
		    &len, &lab, &lablen)) {
			idx = imp_block_add(wl, DOC_SUBPARA, L->no);
			sub_ord++;
			wl->v[idx].level = 1;
			wl->v[idx].number = sub_ord;
			wl->v[idx].section = section;
			wl->v[idx].parent = para;
			buf_reset(&tmp);
			buf_addc(&tmp, '(');
			buf_add(&tmp, s + lab, lablen);
			buf_addc(&tmp, ')');
			wl->v[idx].label = imp_label_add(im, tmp.data, tmp.len);
			imp_block_append(wl, s, at);
			imp_block_append(wl, s + at + len, n - at - len);
			cur = idx;
			continue;
		}
		if (cur != NOFF && cur == wl->n - 1) {
			imp_block_append(wl, s, n);
			continue;
		}
		cur = imp_block_add(wl, DOC_TEXT, L->no);
		wl->v[cur].section = section;
		imp_block_append(wl, s, n);
	}
	buf_free(&tmp);
}

/*
 * Whether the text is of the hard-wrapped style (raw extraction of a
 * PDF), recognised by what no other style has: paragraph numbers written
 * "-N" after white space, at least three of them and more than there are
 * line-style numbers "N - ".  Counts the lines into im->nlines.
 */
bool
imp_wrapped_detect(struct imp *im)
{
	size_t wrapped = 0, std = 0, at, len;
	struct lines it;
	struct line line;
	struct lparse lp;
	const char *s;
	size_t n;

	lines_init(&it, im);
	while (line_next(&it, &line)) {
		s = line.s;
		n = line.len;
		trim(&s, &n);
		imp_bookmarks_strip(&s, &n);
		if (n == 0)
			continue;
		if (imp_parse_para(s, n, &lp))
			std++;
		if (memchr(s, '-', n) != NULL &&
		    find_num_token(s, n, -1, &at, &len) && at > 0)
			wrapped++;
	}
	im->nlines = it.no;
	return wrapped >= 3 && wrapped > std;
}
