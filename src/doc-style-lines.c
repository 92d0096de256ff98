/*
 * doc-style-lines.c - the line-style assembler: one paragraph per line
 * (word processor, seed 000), or paragraphs separated by blank lines
 * (001, 002), and the canonical text that doc-extract.c and doc-pdf.c
 * make.  Each line is classified on its own: page furniture or a header
 * field (doc-lineclass.c), a footnote "(N)", a numbered paragraph
 * "N - ", a heading "أولاً - " or "ألف - ", a sub-paragraph "(أ)" or
 * "’1‘", or text; a line that continues a paragraph interrupted by a
 * page break or a footnote block is joined back to it.  One pass over
 * the lines into the working blocks (doc-blocks.c).
 */
#include <string.h>

#include "doc-furniture.h"
#include "doc-import-int.h"

/* --- one line ----------------------------------------------------------- */

/*
 * The label s[ls..le) and the body of a line: white space at s[i], then
 * the body to the end, not empty.  Sets lp's label and body.
 */
static bool
label_body(const char *s, size_t n, size_t i, size_t ls, size_t le,
    struct lparse *lp)
{
	size_t k = i;

	if (i >= n || !is_ws(dec(s, n, &k)))
		return false;
	skip_ws(s, n, &i);
	if (i >= n)
		return false;
	lp->label = s + ls;
	lp->label_len = le - ls;
	lp->body = s + i;
	lp->body_len = n - i;
	return true;
}

/* Where a label starts: after a dash and white space before it ("- 7 -
 * text", "- (ب) text"), if there is one, else at 0. */
static size_t
label_start(const char *s, size_t n)
{
	size_t i = 0, k = 0;

	if (n > 0 && is_dash(dec(s, n, &k))) {
		i = k;
		skip_ws(s, n, &i);
	}
	return i;
}

/* "12 - text", "- 7 - text", "١٢ - text", "1 -<TAB>text". */
bool
imp_parse_para(const char *s, size_t n, struct lparse *lp)
{
	size_t i, k, ls, le;
	long v;

	ls = i = label_start(s, n);
	if (!read_digits(s, n, &i, &v) || v == 0)
		return false;
	le = i;
	skip_ws(s, n, &i);
	k = i;
	if (i >= n || !is_dash(dec(s, n, &k)))
		return false;
	if (!label_body(s, n, k, ls, le, lp))
		return false;
	lp->kind = L_PARA;
	lp->value = v;
	return true;
}

/* "أولاً - title" (level 1) or "ألف - title" (level 2). */
bool
imp_parse_heading(const char *s, size_t n, struct lparse *lp)
{
	size_t i, k, we = 0, body;
	int v, level = 0;
	uint32_t c;

	/*
	 * Most lines have no dash near their start: the loop below would
	 * take none further than the character at byte 40, so a dash's
	 * first byte ('-', or E2 for U+2012, U+2013, U+2212) must be in the
	 * first 44 bytes.
	 */
	k = n < 44 ? n : 44;
	if (memchr(s, '-', k) == NULL && memchr(s, 0xE2, k) == NULL)
		return false;
	/* The label: one or two words, up to " -". */
	for (i = 0; i < n && i < 40;) {
		k = i;
		c = dec(s, n, &k);
		if (is_dash(c))
			break;
		if (!is_ws(c))
			we = k;
		i = k;
	}
	k = i;
	if (i >= n || we == 0 || !is_dash(dec(s, n, &k)))
		return false;
	if ((v = doc_ordinal_value(s, we)) > 0)
		level = 1;
	else if ((v = doc_letter_value(s, we)) > 0)
		level = 2;
	else
		return false;
	k = i;
	dec(s, n, &k);
	body = k;
	skip_ws(s, n, &body);
	if (body == k || body >= n || n - body > 600)
		return false;
	k = n;
	if (dec_back(s, &k) == 0x61B)	/* ends like a list item */
		return false;
	lp->kind = L_HEAD;
	lp->level = level;
	lp->value = v;
	lp->label = s;
	lp->label_len = we;
	lp->body = s + body;
	lp->body_len = n - body;
	return true;
}

/* "(أ) text", "- (ب) text", "’1‘ text". */
bool
imp_parse_sub(const char *s, size_t n, struct lparse *lp)
{
	size_t i, k, ls, le;
	uint32_t c;
	long v;
	int ord;

	ls = i = label_start(s, n);
	k = i;
	c = i < n ? dec(s, n, &k) : 0;
	if (c == '(') {
		size_t a = k, b;

		if (k >= n || !is_arabic_letter(dec(s, n, &k)))
			return false;
		b = k;
		if (has_prefix(s + k, n - k, "ـ"))	/* هـ */
			k += 2, b = k;
		if (k >= n || s[k] != ')')
			return false;
		if ((ord = doc_abjad_ordinal(s + a, b - a)) == 0)
			return false;
		le = k + 1;
		lp->kind = L_SUB;
		lp->value = ord;
	} else if (c == 0x2019 || c == 0x2018) {	/* ’1‘ or ‘1’ */
		i = k;
		if (!read_digits(s, n, &i, &v))
			return false;
		k = i;
		c = i < n ? dec(s, n, &k) : 0;
		if (c != 0x2018 && c != 0x2019)
			return false;
		le = k;
		lp->kind = L_SUBSUB;
		lp->value = v;
	} else
		return false;
	return label_body(s, n, le, ls, le, lp);
}

/*
 * A footnote body: "(12) text", "(12) text (12)" (the label repeated at
 * the end), ".text (12)" (mirrored by a converter) or "* text".  Only a
 * label the text has referred to, or the next in sequence, is taken.
 */
bool
imp_parse_fn(const struct imp *im, const char *s, size_t n, struct lparse *lp)
{
	size_t i, k, ls, le, e;
	long v, v2;

	memset(lp, 0, sizeof *lp);
	if (n >= 3 && s[0] == '*' && (s[1] == ' ' || s[1] == '\t')) {
		if (!im->star_mark)
			return false;
		i = 1;
		skip_ws(s, n, &i);
		lp->kind = L_FN;
		lp->star = true;
		lp->label = s;
		lp->label_len = 1;
		lp->body = s + i;
		lp->body_len = n - i;
		return true;
	}
	if (n >= 4 && s[0] == '(') {
		i = 1;
		ls = i;
		if (!read_digits(s, n, &i, &v) || i >= n || s[i] != ')')
			return false;
		le = i;
		i++;
		k = i;
		if (i >= n || !is_ws(dec(s, n, &k)))
			return false;
		skip_ws(s, n, &i);
		e = n;
		/* "(1) ... (1)": drop the repeated label. */
		if (n > 3 && s[n - 1] == ')') {
			k = n - 1;
			while (k > i && s[k - 1] != '(')
				k--;
			if (k > i) {
				size_t j = k;

				if (read_digits(s, n, &j, &v2) && j == n - 1 &&
				    v2 == v)
					e = k - 1;
			}
		}
	} else if (n >= 6 && s[0] == '.' && s[n - 1] == ')') {
		k = n - 1;
		while (k > 1 && s[k - 1] != '(')
			k--;
		if (k <= 1)
			return false;
		ls = k;
		i = k;
		if (!read_digits(s, n, &i, &v) || i != n - 1)
			return false;
		le = i;
		e = ls - 1;
		i = 1;
		lp->dot_first = true;
	} else
		return false;
	if (!mark_has(im, v) && !(im->any_mark && v == im->last_fn + 1))
		return false;
	while (e > i && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	lp->kind = L_FN;
	lp->value = v;
	lp->label = s + ls;
	lp->label_len = le - ls;
	lp->body = s + i;
	lp->body_len = e - i;
	return true;
}

/* "إن الجمعية العامة،": the words that open a resolution's preamble. */
static bool
is_chapeau(const char *s, size_t n)
{
	size_t k = n;

	if (n > 120 || n < 8)
		return false;
	if (!has_prefix(s, n, "إن ") && !has_prefix(s, n, "ان ") &&
	    !has_prefix(s, n, "The "))
		return false;
	k = n;
	return dec_back(s, &k) == 0x60C || s[n - 1] == ',';
}

/* The last character of a block's raw text, white space skipped. */
static uint32_t
wb_last(const struct wlist *wl, const struct wb *b)
{
	const char *s;
	size_t i, k;
	uint32_t c;

	for (k = b->nseg; k-- > 0;) {
		s = wl->seg[b->seg0 + k].s;
		i = wl->seg[b->seg0 + k].n;
		while (i > 0) {
			c = dec_back(s, &i);
			if (!is_ws(c) && c != '*')	/* closing ** */
				return c;
		}
	}
	return 0;
}

/*
 * Whether a paragraph continues on the next text line: it does unless its
 * text ends a sentence.  A preambular paragraph (and a footnote) ends with
 * a comma too; an operative one does not (001 paragraph 33 ends in "،"
 * at a page break and goes on with "وبالتعاون").
 */
static bool
wb_open(const struct wlist *wl, const struct wb *b)
{
	uint32_t c = wb_last(wl, b);

	switch (c) {
	case 0:
	case '.':
	case ';':
	case ':':
	case '!':
	case '?':
	case 0x61B:	/* ؛ */
	case 0x61F:	/* ؟ */
	case 0x6D4:	/* ۔ */
	case 0x2026:	/* … */
		return false;
	case ',':
	case 0x60C:	/* ، */
		return b->kind == DOC_PARA || b->kind == DOC_SUBPARA;
	default:
		return true;
	}
}

/* --- the assembler ------------------------------------------------------ */

static void
add_fn(struct imp *im, const struct lparse *lp, size_t line, int section)
{
	size_t f = imp_block_add(&im->fns, DOC_FOOTNOTE, line);
	struct wb *b = &im->fns.v[f];

	b->label = imp_label_add_ascii(im, lp->label, lp->label_len);
	b->number = lp->value;
	b->section = section;
	imp_block_append(&im->fns, lp->body, lp->body_len);
	if (lp->dot_first)		/* the full stop, unmirrored */
		im->fns.v[f].dot = true;
	if (lp->star)
		im->star_fn = true;
	else {
		if (!mark_has(im, lp->value))
			doc_diag_add(im->d, DOC_DIAG_WARNING,
			    src_line(im, line),
			    "footnote (%ld) has no marker before it",
			    lp->value);
		im->last_fn = lp->value;
	}
}

void
imp_lines_assemble(struct imp *im)
{
	struct wlist *wl = &im->body;
	struct lines it;
	struct line line;
	struct lparse lp;
	size_t idx, para = NOFF, sub = NOFF, last = NOFF;
	int section = 0;
	long prev_num = 0;
	bool in_body = false, preamble = false, sep;
	const char *s;
	size_t n;

	lines_init(&it, im);
	while (line_next(&it, &line)) {
		const struct line *L = &line;

		s = L->s;
		n = L->len;
		trim(&s, &n);
		imp_bookmarks_strip(&s, &n);
		if (n == 0)
			continue;
		if (imp_is_furniture(s, n, false, &sep)) {
			doc_dropped_add(im->d, src_line(im, L->no), "furniture", s, n);
			continue;
		}
		if (dl_is_symbol(s, n) && in_body) {	/* running header */
			doc_meta_set(im->d, DOC_META_SYMBOL, s, n);
			doc_dropped_add(im->d, src_line(im, L->no), "furniture", s, n);
			continue;
		}
		if (!in_body && imp_meta_take(im, s, n)) {
			doc_dropped_add(im->d, src_line(im, L->no), "metadata", s, n);
			continue;
		}
		memset(&lp, 0, sizeof lp);
		if (imp_parse_fn(im, s, n, &lp)) {
			add_fn(im, &lp, L->no, section);
			continue;
		}
		if (imp_parse_para(s, n, &lp) || imp_parse_heading(s, n, &lp) ||
		    imp_parse_sub(s, n, &lp))
			;
		else
			lp.kind = L_TEXT;
		if (lp.kind != L_TEXT)
			imp_marks_scan(im, lp.body, lp.body_len);
		else
			imp_marks_scan(im, s, n);

		switch (lp.kind) {
		case L_HEAD:
			idx = imp_block_add(wl, DOC_HEADING, L->no);
			if (lp.level == 1)
				section = (int)lp.value;
			wl->v[idx].level = lp.level;
			wl->v[idx].number = lp.value;
			wl->v[idx].section = section;
			wl->v[idx].label = imp_label_add(im, lp.label,
			    lp.label_len);
			imp_block_append(wl, lp.body, lp.body_len);
			para = sub = last = NOFF;
			in_body = true;
			preamble = false;
			break;
		case L_PARA:
			idx = imp_block_add(wl, DOC_PARA, L->no);
			wl->v[idx].number = lp.value;
			wl->v[idx].section = section;
			wl->v[idx].label = imp_label_add(im, lp.label,
			    lp.label_len);
			imp_block_append(wl, lp.body, lp.body_len);
			if (lp.value != prev_num + 1 && lp.value != 1)
				doc_diag_add(im->d, DOC_DIAG_WARNING,
				    src_line(im, L->no),
				    "paragraph %ld follows paragraph %ld",
				    lp.value, prev_num);
			prev_num = lp.value;
			para = last = idx;
			sub = NOFF;
			in_body = true;
			preamble = false;
			break;
		case L_SUB:
		case L_SUBSUB:
			idx = imp_block_add(wl, DOC_SUBPARA, L->no);
			wl->v[idx].level = lp.kind == L_SUB ? 1 : 2;
			wl->v[idx].number = lp.value;
			wl->v[idx].section = section;
			wl->v[idx].label = imp_label_add(im, lp.label,
			    lp.label_len);
			if (lp.kind == L_SUB) {
				wl->v[idx].parent = para;
				sub = idx;
			} else
				wl->v[idx].parent = sub != NOFF ? sub : para;
			imp_block_append(wl, lp.body, lp.body_len);
			last = idx;
			in_body = true;
			break;
		default:
			if (last != NOFF && wb_open(wl, &wl->v[last]) &&
			    last == wl->n - 1) {
				imp_block_append(wl, s, n);
				break;
			}
			if (para == NOFF && is_chapeau(s, n)) {
				idx = imp_block_add(wl, DOC_TEXT, L->no);
				wl->v[idx].section = section;
				imp_block_append(wl, s, n);
				preamble = in_body = true;
				last = NOFF;
				break;
			}
			idx = imp_block_add(wl, preamble ? DOC_PREAMBLE :
			    DOC_TEXT, L->no);
			wl->v[idx].section = section;
			imp_block_append(wl, s, n);
			last = preamble ? idx : NOFF;
			/* Text after a list ends the paragraph's list. */
			if (!preamble)
				para = sub = NOFF;
			break;
		}
	}
}
