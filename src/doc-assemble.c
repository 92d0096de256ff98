/*
 * doc-assemble.c - the paragraph stage: the body lines of an extraction,
 * furniture and labels known (doc-furniture.c, doc-labels.c), joined into
 * paragraphs and written as the canonical text the line-style importer
 * reads (doc-import.c): one block per line, blank lines between, the
 * number of a numbered paragraph first as "N - text".
 *
 * A hard-wrapped line goes on the paragraph before it unless
 *   - it starts with a label believed (a number in sequence, a heading,
 *     a sub-paragraph letter), or
 *   - the line before ended its paragraph: a heading; a line that stops
 *     short of the measure (the width most full lines have) and ends a
 *     sentence or a clause (. : ؛ ، ...); a line much shorter than the
 *     measure (a title); a sentence end before a blank line.
 * A line cut where a number or a Latin run stood (-raw: "البند", "٢٨",
 * "من جدول ...") is short without ending anything: such a line and the
 * fragment after it are not taken for last lines.
 *
 * A PDF's records say how the lines sit (d->geo, assemble_geo()): a line
 * goes on the paragraph before it, also over a page break, unless
 *   - its type changes (size, weight), or the space above it grows past
 *     the body's line pitch;
 *   - the line before stopped short of the block's left edge (a last
 *     line), or the right edge moves after a paragraph's first line (a
 *     hanging number, then the indented lines of its text);
 *   - it starts with the next paragraph number (or 1, or one the label
 *     stage believes).
 * The widths and punctuation that text has to guess from are not used
 * there, nor "(12)" taken for a marker: a PDF's were raised, and came
 * as ⁽¹²⁾ already.
 *
 * Pure; reads struct dl_line records (doc-lines.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc-lines.h"
#include "doc-assemble.h"
#include "doc-furniture.h"
#include "util.h"

static int
size_cmp(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;

	return a < b ? -1 : a > b;
}

/* The measure: the width of the longer body lines (3rd quartile). */
static size_t
measure(const struct dl_doc *d)
{
	size_t *w = xreallocarray(NULL, d->n + 1, sizeof *w), n = 0, i, m;

	for (i = 0; i < d->n; i++)
		if (d->v[i].kind == DL_BODY && d->v[i].width >= 12)
			w[n++] = d->v[i].width;
	if (n == 0) {
		free(w);
		return 60;
	}
	qsort(w, n, sizeof *w, size_cmp);
	m = w[n * 3 / 4];
	free(w);
	return m;
}

/* A fragment: a short line without an Arabic letter (a number, a
 * symbol, a Latin name that the extraction put on a line of its own). */
static bool
fragment(const struct dl_line *L)
{
	size_t i = 0;
	uint32_t c;

	if (L->kind != DL_BODY || L->width > 24)
		return false;
	while (i < L->n) {
		c = dl_dec(L->s, L->n, &i);
		if (c >= 0x600 && c <= 0x6FF && dl_digit(c) < 0 &&
		    c != 0x60C && c != 0x61B && c != 0x61F)
			return false;
	}
	return true;
}

/* The last character of a line, closing quotes and brackets skipped. */
static uint32_t
last_char(const struct dl_line *L)
{
	size_t i = L->n, k;
	uint32_t c = 0;

	while (i > 0) {
		k = i - 1;
		while (k > 0 && ((unsigned char)L->s[k] & 0xC0) == 0x80)
			k--;
		i = k;
		c = dl_dec(L->s, L->n, &k);
		if (c != '"' && c != ')' && c != 0xBB && c != 0x201D &&
		    c != '*' && !dl_is_space(c) && dl_digit(c) < 0)
			break;
	}
	return c;
}

static bool
ends_clause(const struct dl_line *L)
{
	switch (last_char(L)) {
	case '.': case ':': case ';': case '!': case '?': case ',':
	case 0x60C: case 0x61B: case 0x61F: case 0x6D4: case 0x2026:
		return true;
	default:
		return false;
	}
}

static bool
ends_sentence(const struct dl_line *L)
{
	uint32_t c = last_char(L);

	return c == '.' || c == ':' || c == 0x61B || c == '!' || c == '?' ||
	    c == 0x61F;
}

/* Text s[0..n) into out with every run of blanks one space. */
static void
add_text(struct buf *out, const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\f' ||
		    s[i] == '\v' || s[i] == '\r') {
			while (i < n && (s[i] == ' ' || s[i] == '\t' ||
			    s[i] == '\f' || s[i] == '\v' || s[i] == '\r'))
				i++;
			if (i < n && out->len > 0 &&
			    out->data[out->len - 1] != ' ' &&
			    out->data[out->len - 1] != '\n')
				buf_addc(out, ' ');
			continue;
		}
		for (k = i; k < n && s[k] != ' ' && s[k] != '\t' &&
		    s[k] != '\f' && s[k] != '\v' && s[k] != '\r'; k++)
			;
		buf_add(out, s + i, k - i);
		i = k;
	}
}

struct canon {
	struct buf	*out;
	size_t		*map;
	size_t		 nmap, cmap;
	const struct dl_doc *d;
	size_t		*notes;		/* indices of DL_LAB_NOTE lines */
	size_t		 nnotes;
	size_t		 flushed;	/* notes written so far */
	size_t		 seen;		/* notes whose lines were passed */
};

/* Whether page p, or the next (a note put over), has a note v. */
static bool
page_note(const struct canon *c, size_t p, long v)
{
	size_t i;

	for (i = 0; i < c->nnotes; i++) {
		const struct dl_line *N = &c->d->v[c->notes[i]];

		if ((N->page == p || N->page == p + 1) && N->value == v)
			return true;
		if (N->page > p + 1)
			break;
	}
	return false;
}

/*
 * A marker's digits s[0..n) as the line-style importer reads them inside
 * ⁽…⁾: Western digits raised (¹²), Arabic-Indic ones as they are.
 */
static void
add_marker(struct buf *out, const char *s, size_t n)
{
	static const char *const sup[] = { "⁰", "¹", "²", "³", "⁴", "⁵",
	    "⁶", "⁷", "⁸", "⁹" };
	size_t i;

	buf_adds(out, "⁽");
	for (i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			buf_adds(out, sup[s[i] - '0']);
		else
			buf_addc(out, s[i]);
	buf_adds(out, "⁾");
}

/*
 * Text of line L from o into out (as add_text()), each marker "(v)" of a
 * note on L's page written "⁽v⁾", as the line-style importer reads one.
 */
static void
add_marked(struct canon *c, const struct dl_line *L, size_t o)
{
	const char *s = L->s;
	size_t n = L->n, i = o, k;
	long v;

	while (i < n) {
		const char *p = memchr(s + i, '(', n - i);
		size_t at = p != NULL ? (size_t)(p - s) : n;

		add_text(c->out, s + i, at - i);
		if (at == n)
			break;
		k = at + 1;
		if (dl_number(s, n, &k, &v) && k < n && s[k] == ')' &&
		    page_note(c, L->page, v)) {
			add_marker(c->out, s + at + 1, k - at - 1);
			i = k + 1;
			continue;
		}
		buf_addc(c->out, '(');
		i = at + 1;
	}
}


/* Ends a canonical line that started at source line no. */
static void
canon_nl(struct canon *c, size_t no)
{
	buf_addc(c->out, '\n');
	if (c->nmap == c->cmap) {
		c->cmap = c->cmap == 0 ? 256 : c->cmap * 2;
		c->map = xreallocarray(c->map, c->cmap, sizeof *c->map);
	}
	c->map[c->nmap++] = no;
}

/* Whether note N's label is raised, ⁽¹⁸⁾, not digits as printed. */
static bool
raised_label(const struct dl_line *N)
{
	size_t i = 0;

	return N->lab_len > 0 && (unsigned char)N->s[N->lab_off] >= 0x80 &&
	    dl_digit(dl_dec(N->s + N->lab_off, N->lab_len, &i)) < 0;
}

/*
 * Writes the notes whose lines were passed and not written yet, after a
 * separator, one line each: "(12) text", its lines joined.
 */
static void
notes_flush(struct canon *c)
{
	const struct dl_doc *d = c->d;

	if (c->flushed == c->seen)
		return;
	buf_adds(c->out, "__________");
	canon_nl(c, d->v[c->notes[c->flushed]].no);
	for (; c->flushed < c->seen; c->flushed++) {
		size_t i = c->notes[c->flushed], j;
		const struct dl_line *N = &d->v[i];

		if (N->value == 0)		/* a star: "* text" */
			buf_adds(c->out, "* ");
		else if (raised_label(N)) {
			/* raised, ⁽¹⁸⁾ (Word's and TeX's notes): its number
			 * as the markers of the body have it */
			char num[24];

			snprintf(num, sizeof num, "(%ld) ", N->value);
			buf_adds(c->out, num);
		} else {
			buf_addc(c->out, '(');
			add_text(c->out, N->s + N->lab_off, N->lab_len);
			buf_adds(c->out, ") ");
		}
		if (N->lab_off > N->body_off && N->body_end == 0) {
			/* the label inside its text, ")4" cut out of
			 * "( A.09.V.11)4text" (dl_footnotes()) */
			const char *r = N->s + N->lab_off + N->lab_len;
			size_t rn = N->n - N->lab_off - N->lab_len;

			add_text(c->out, N->s + N->body_off, N->lab_off - 1 -
			    N->body_off);
			if (!(rn > 0 && (*r == ',' || *r == '.')) &&
			    !(rn > 1 && memcmp(r, "،", 2) == 0))
				buf_addc(c->out, ' ');
			add_text(c->out, r, rn);
		} else
			add_text(c->out, N->s + N->body_off, (N->body_end > 0 ?
			    N->body_end : N->n) - N->body_off);
		/* its lines down to the next note, the body of the next
		 * page passed over (a note that goes on at its foot) */
		for (j = i + 1; j < d->n &&
		    !(d->v[j].kind == DL_NOTE && d->v[j].lab == DL_LAB_NOTE);
		    j++)
			if (d->v[j].kind == DL_NOTE) {
				/* (a label alone: "(3) " before its text) */
				if (c->out->data[c->out->len - 1] != ' ')
					buf_addc(c->out, ' ');
				add_text(c->out, d->v[j].s, d->v[j].n);
			}
		canon_nl(c, N->no);
	}
	canon_nl(c, d->v[c->notes[c->flushed - 1]].no);
}

/* Ends the open block, then writes the notes passed. */
static void
block_end(struct canon *c, size_t start)
{
	canon_nl(c, start);
	canon_nl(c, start);
	notes_flush(c);
}

/* The document symbol among the words of a line, or false. */
static bool
symbol_in(const struct dl_line *L, size_t *at, size_t *len)
{
	size_t j, k;

	for (j = 0; j < L->n; j = k + 1) {
		for (k = j; k < L->n && L->s[k] != ' '; k++)
			;
		if (dl_is_symbol(L->s + j, k - j)) {
			*at = j;
			*len = k - j;
			return true;
		}
	}
	return false;
}

/*
 * Starts a block with line L, lab the label it has (L itself, a number
 * that waited for it, or NULL): a numbered paragraph as "N - text", a
 * heading or a letter as printed.
 */
static void
block_start(struct canon *c, const struct dl_line *lab,
    const struct dl_line *L)
{
	struct buf *out = c->out;
	size_t o = L->lab == DL_LAB_NONE ? L->body_off : 0;

	if (lab != NULL && lab->lab == DL_LAB_PARA) {
		add_text(out, lab->s + lab->lab_off, lab->lab_len);
		buf_adds(out, " - ");
	} else if (lab == L && lab->lab == DL_LAB_HEAD) {
		add_text(out, lab->s + lab->lab_off, lab->lab_len);
		buf_adds(out, " - ");
	} else if (lab != NULL && lab->lab == DL_LAB_SUB) {
		buf_addc(out, '(');
		add_text(out, lab->s + lab->lab_off, lab->lab_len);
		buf_adds(out, ") ");
	}
	if (lab == L)
		o = L->body_off;
	add_marked(c, L, o);
}


/*
 * Whether line b of a PDF starts a paragraph after line a (a_first: a is
 * its paragraph's first line; next: the number that would come next).
 */
static bool
geo_break(const struct dl_doc *d, const struct dl_line *a, bool a_first,
    const struct dl_line *b, long next)
{
	if (fabsf(a->size - b->size) > 0.1f || a->bold != b->bold)
		return true;
	if (a->page == b->page && b->top - a->top > d->pitch * 1.25f + 0.1f)
		return true;		/* the spacing grows */
	if (a->lin > 1.5f * a->size)
		return true;		/* a stopped short: its last line */
	if (!a_first && fabsf(b->rin - a->rin) > 0.4f)
		return true;		/* the right edge moved */
	/* the next number, or 1: the numbering starts again (a section) */
	return b->lab == DL_LAB_PARA && (b->keep || b->value == next ||
	    b->value == 1);
}

/* dl_assemble() of a PDF's records: pages [0, upto). */
static void
assemble_geo(struct canon *c, size_t upto)
{
	const struct dl_doc *d = c->d;
	const struct dl_line *a = NULL;
	bool a_first = false, open = false;
	long next = 1;
	size_t i, page = 0, start = 0;

	for (i = 0; i < d->n && d->v[i].page < upto; i++) {
		const struct dl_line *L = &d->v[i];
		size_t o = L->lab == DL_LAB_NONE ? L->body_off : 0;

		if (L->kind == DL_NOTE) {
			if (L->lab == DL_LAB_NOTE)
				c->seen++;
			if (!open)
				notes_flush(c);
			continue;
		}
		if (L->kind != DL_BODY || L->n == 0)
			continue;
		if (a != NULL && !geo_break(d, a, a_first, L, next)) {
			buf_addc(c->out, ' ');
			add_text(c->out, L->s + o, L->n - o);
			a_first = false;
			a = L;
			continue;
		}
		if (open)
			block_end(c, start);
		for (; page < L->page; page++) {
			buf_addc(c->out, '\f');
			canon_nl(c, L->no);
		}
		open = true;
		a_first = true;
		start = L->no;
		if (L->lab == DL_LAB_PARA) {
			add_text(c->out, L->s + L->lab_off, L->lab_len);
			buf_adds(c->out, " - ");
			o = L->body_off;
			next = L->value + 1;
		}
		add_text(c->out, L->s + o, L->n - o);
		a = L;
	}
	if (open)
		block_end(c, start);
	/* a page break for each page, those without a block too */
	for (; page + 1 < upto; page++) {
		buf_addc(c->out, '\f');
		canon_nl(c, d->n > 0 ? d->v[d->n - 1].no : 0);
	}
	/* the notes of the pages written, and no others */
	for (c->seen = 0; c->seen < c->nnotes &&
	    d->v[c->notes[c->seen]].page < upto; c->seen++)
		;
	notes_flush(c);
}
/*
 * Labels alone on their lines wait in a queue for the text after them:
 * pdftotext's default mode may put the hanging numbers of several
 * paragraphs one after the other, then the paragraphs.
 */
#define QMAX	64

void
dl_assemble(const struct dl_doc *d, struct buf *out, size_t **map,
    size_t *nmap)
{
	struct canon c;
	const struct dl_line *q[QMAX];
	size_t W, i, page = 0, start = 0, j, nq = 0, qh = 0;
	bool open = false, sent = false;

	memset(&c, 0, sizeof c);
	c.out = out;
	c.d = d;
	c.notes = xreallocarray(NULL, d->n + 1, sizeof *c.notes);
	for (i = 0; i < d->n; i++)
		if (d->v[i].kind == DL_NOTE && d->v[i].lab == DL_LAB_NOTE)
			c.notes[c.nnotes++] = i;
	/* the symbol of the running header, for the metadata */
	for (i = 0; i < d->n; i++) {
		size_t at, len;

		/* (in a PDF, one of the top band: a header's) */
		if (d->v[i].kind == DL_FURN && (!d->geo ||
		    dl_band(&d->v[i]) == 1) &&
		    symbol_in(&d->v[i], &at, &len)) {
			buf_add(out, d->v[i].s + at, len);
			canon_nl(&c, d->v[i].no);
			canon_nl(&c, d->v[i].no);
			break;
		}
	}
	if (d->geo) {
		assemble_geo(&c, d->upto > 0 ? d->upto : d->npages);
		free(c.notes);
		*map = c.map;
		*nmap = c.nmap;
		return;
	}
	W = measure(d);
	for (i = 0; i < d->n; i++) {
		const struct dl_line *L = &d->v[i], *lab = NULL;
		bool label = L->keep && L->lab != DL_LAB_NONE &&
		    L->lab != DL_LAB_NUM, split;

		if (L->kind == DL_NOTE) {
			if (L->lab == DL_LAB_NOTE)
				c.seen++;
			if (!open)
				notes_flush(&c);
			continue;
		}
		if (L->kind == DL_BLANK) {
			if (open && sent) {
				block_end(&c, start);
				open = false;
			}
			continue;
		}
		if (L->kind != DL_BODY)
			continue;
		/* a raised marker the extraction put on a line of its own:
		 * "١٢" or "(12)", on the word before */
		if (open && L->lab == DL_LAB_NUM && !L->keep &&
		    page_note(&c, L->page, L->value)) {
			add_marker(out, L->s, L->n);
			continue;
		}
		if (open && L->n >= 3 && L->s[0] == '(' &&
		    L->s[L->n - 1] == ')') {
			size_t k = 1;
			long v;

			if (dl_number(L->s, L->n, &k, &v) && k == L->n - 1 &&
			    page_note(&c, L->page, v)) {
				add_marker(out, L->s + 1, L->n - 2);
				continue;
			}
		}
		if (open && label) {
			block_end(&c, start);
			open = false;
		}
		if (label && (L->lab == DL_LAB_PARA || L->lab == DL_LAB_SUB) &&
		    L->body_off == L->n) {
			if (nq - qh == QMAX)
				qh++;		/* too many: the oldest goes */
			q[nq++ % QMAX] = L;
			continue;
		}
		if (!open) {
			for (; page < L->page; page++) {
				buf_addc(out, '\f');
				canon_nl(&c, L->no);
			}
			open = true;
			if (label)
				lab = L;
			else if (qh < nq)
				lab = q[qh++ % QMAX];
			start = lab != NULL ? lab->no : L->no;
			block_start(&c, lab, L);
		} else {
			size_t o = L->lab == DL_LAB_NONE ? L->body_off : 0;

			if (L->n > o) {
				buf_addc(out, ' ');
				add_marked(&c, L, o);
			}
		}
		sent = ends_sentence(L);
		j = i + 1;
		while (j < d->n && d->v[j].kind != DL_BODY &&
		    d->v[j].kind != DL_BLANK)
			j++;
		split = fragment(L) || (j < d->n && fragment(&d->v[j]));
		/* a heading ends with its line, unless the line is full */
		if ((label && L->lab == DL_LAB_HEAD && L->width * 20 < W * 17) ||
		    (!split && ends_clause(L) && L->width * 10 < W * 9) ||
		    (!split && L->width * 10 < W * 6)) {
			block_end(&c, start);
			open = false;
		}
	}
	if (open)
		block_end(&c, start);
	for (; qh < nq; qh++) {		/* numbers with no text after them */
		add_text(out, q[qh % QMAX]->s, q[qh % QMAX]->n);
		canon_nl(&c, q[qh % QMAX]->no);
		canon_nl(&c, q[qh % QMAX]->no);
	}
	c.seen = c.nnotes;
	notes_flush(&c);
	free(c.notes);
	*map = c.map;
	*nmap = c.nmap;
}
