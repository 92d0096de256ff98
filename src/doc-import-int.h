/*
 * doc-import-int.h - what the stages of the text importer share: the
 * import's state (struct imp), the working blocks, the line reader and
 * the small UTF-8 and character helpers, inline so that every stage's
 * loops keep them inlined.  For the doc-*.c files of the importer only
 * (doc-import.c has the picture of the pipeline); the unit tests of the
 * stages include it too.  Nothing here prints or exits.
 */
#ifndef HAMISH_DOC_IMPORT_INT_H
#define HAMISH_DOC_IMPORT_INT_H

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "doc.h"
#include "doc-lines.h"
#include "util.h"

#define NOFF		((size_t)-1)
#define MAX_MARK	4096		/* footnote numbers remembered */

struct line {
	const char	*s;
	size_t		 len;
	size_t		 no;		/* 1-based */
};

/*
 * The lines of the text, found as they are read (no array of them: the
 * passes over the lines are few and memchr() is cheaper than the memory).
 * A plain value: set t and n, zero the rest.
 */
struct lines {
	const char	*t;
	size_t		 n;
	size_t		 pos;		/* where the next line starts */
	size_t		 no;		/* lines read so far */
	size_t		 cr;		/* the next CR at or after pos, or n */
};

/* A working block: raw text still holds the source's inline markup. */
struct wb {
	long		 number;
	size_t		 line;
	size_t		 parent;
	size_t		 label;		/* offset in imp.labels, or NOFF */
	size_t		 seg0;		/* its pieces: seg[seg0 .. +nseg) */
	size_t		 nseg;
	enum doc_kind	 kind;
	int		 level;
	int		 section;
	bool		 dot;		/* add a full stop (unmirrored) */
};

/*
 * A piece of a block's text: a stretch of a source line (borrowed from
 * the decoded text, which outlives the import) or a string literal.
 * Pieces are joined with one space; nothing is copied until imp_emit().
 */
struct seg {
	const char	*s;
	size_t		 n;
};

struct wlist {
	struct wb	*v;
	size_t		 n, cap;
	struct seg	*seg;
	size_t		 nseg, cseg;
};

struct imp {
	struct doc	*d;
	const char	*text;		/* decoded UTF-8, borrowed */
	size_t		 tlen;
	size_t		 nlines;	/* counted by imp_wrapped_detect() */
	struct wlist	 body, fns;
	struct buf	 labels;
	unsigned char	 marks[MAX_MARK / 8];	/* footnote markers seen */
	bool		 any_mark;
	bool		 star_mark;	/* a word ends with a '*' marker */
	bool		 star_fn;	/* a '*' footnote exists */
	long		 last_fn;
	bool		 wrapped;	/* the hard-wrapped style */
	size_t		*ffline;	/* line where each page after the first
					   starts, ascending: imp_pages_find() */
	size_t		 nff;
	bool		 any_ff;	/* the text has a form feed */
	const size_t	*lmap;		/* canonical line -> source line, for
					   an extraction (doc-assemble.c) */
	size_t		 nlmap;
};

/* The source line of a line of the text read. */
static inline size_t
src_line(const struct imp *im, size_t no)
{
	return im->lmap != NULL && no >= 1 && no <= im->nlmap ?
	    im->lmap[no - 1] : no;
}

/* --- UTF-8 and character helpers ------------------------------------- */

/* Decodes the code point at s[*i] (well-formed UTF-8) and advances *i. */
static inline uint32_t
dec(const char *s, size_t n, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	size_t left = n - *i;
	uint32_t c = p[0];

	if (c < 0x80 || left < 2) {
		*i += 1;
		return c;
	}
	if (c < 0xE0) {
		*i += 2;
		return ((c & 0x1F) << 6) | (p[1] & 0x3F);
	}
	if (c < 0xF0 || left < 4) {
		if (left < 3) {
			*i += left;
			return 0xFFFD;
		}
		*i += 3;
		return ((c & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) |
		    (p[2] & 0x3F);
	}
	*i += 4;
	return ((c & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
	    ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

/* Decodes the code point that ends at s[*i] and moves *i before it. */
static inline uint32_t
dec_back(const char *s, size_t *i)
{
	size_t j = *i;

	assert(j > 0);
	do
		j--;
	while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80);
	*i = j;
	return dec(s, j + 4, &j);
}

static inline bool
is_ws(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0xA0 || c == 0x200E ||
	    c == 0x200F || c == 0xFEFF || c == '\f' || c == '\v' ||
	    c == '\r' || c == 0x2002 || c == 0x2003 || c == 0x2009;
}

/* Value of a decimal digit of ASCII or the two Arabic-Indic sets, or -1. */
static inline int
digit(uint32_t c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 0x660 && c <= 0x669)
		return (int)(c - 0x660);
	if (c >= 0x6F0 && c <= 0x6F9)
		return (int)(c - 0x6F0);
	return -1;
}

static inline bool
is_dash(uint32_t c)
{
	return c == '-' || c == 0x2013 || c == 0x2012 || c == 0x2212;
}

/* Arabic letter (not a digit, mark or punctuation). */
static inline bool
is_arabic_letter(uint32_t c)
{
	return (c >= 0x621 && c <= 0x63A) || (c >= 0x641 && c <= 0x64A) ||
	    (c >= 0x671 && c <= 0x6D3);
}

/* Trims white space at both ends of [*s, *s + *n). */
static inline void
trim(const char **s, size_t *n)
{
	size_t i = 0, j = *n, k;

	while (i < j) {
		k = i;
		if (!is_ws(dec(*s, j, &k)))
			break;
		i = k;
	}
	while (j > i) {
		k = j;
		if (!is_ws(dec_back(*s, &k)))
			break;
		j = k;
	}
	*s += i;
	*n = j - i;
}

static inline bool
has_prefix(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);

	return n >= k && memcmp(s, p, k) == 0;
}

/* Whether the string p occurs in s[0..n). */
static inline bool
mem_find(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p), i;

	for (i = 0; i + k <= n; i++)
		if (s[i] == p[0] && memcmp(s + i, p, k) == 0)
			return true;
	return false;
}

/* The index of the first byte c in s[i..n), or n. */
static inline size_t
mem_next(const char *s, size_t n, size_t i, char c)
{
	const char *p = i < n ? memchr(s + i, c, n - i) : NULL;

	return p != NULL ? (size_t)(p - s) : n;
}

/* Skips white space from *i. */
static inline void
skip_ws(const char *s, size_t n, size_t *i)
{
	size_t k;

	while (*i < n) {
		k = *i;
		if (!is_ws(dec(s, n, &k)))
			return;
		*i = k;
	}
}

/*
 * Reads 1..5 digits of one script at *i into *v; returns false (and moves
 * nothing) if there are none.
 */
static inline bool
read_digits(const char *s, size_t n, size_t *i, long *v)
{
	size_t k = *i, j;
	int nd = 0, dv;
	long x = 0;

	while (k < n) {
		j = k;
		if ((dv = digit(dec(s, n, &j))) < 0)
			break;
		x = x * 10 + dv;
		k = j;
		if (++nd > 5)
			return false;
	}
	if (nd == 0)
		return false;
	*i = k;
	*v = x;
	return true;
}

/* --- lines ------------------------------------------------------------ */

static inline void
lines_init(struct lines *it, const struct imp *im)
{
	memset(it, 0, sizeof *it);
	it->t = im->text;
	it->n = im->tlen;
	it->cr = mem_next(it->t, it->n, 0, '\r');
}

/*
 * The next line into *L, its end (LF, CRLF or a lone CR) left out;
 * false after the last.  Text after the last line end is a line; a line
 * end at the very end of the text does not start an empty one.
 */
static inline bool
line_next(struct lines *it, struct line *L)
{
	const char *t = it->t, *lf, *cr;
	size_t i = it->pos, e;

	if (i >= it->n)
		return false;
	lf = memchr(t + i, '\n', it->n - i);
	e = lf != NULL ? (size_t)(lf - t) : it->n;
	/*
	 * A lone CR (old Mac) also ends a line.  The next CR is remembered:
	 * a text without one is not searched for one line by line.
	 */
	if (it->cr < i)
		it->cr = mem_next(t, it->n, i, '\r');
	if (it->cr + 1 < e) {
		cr = t + it->cr;
		e = it->cr;
		lf = cr;
	}
	L->s = t + i;
	L->len = e > i && t[e - 1] == '\r' ? e - i - 1 : e - i;
	L->no = ++it->no;
	it->pos = lf != NULL ? (size_t)(lf - t) + 1 : it->n;
	return true;
}

/* --- footnote markers --------------------------------------------------- */

/* Whether the text has referred to footnote v (imp_marks_scan()). */
static inline bool
mark_has(const struct imp *im, long v)
{
	return v >= 0 && v < MAX_MARK &&
	    (im->marks[v / 8] & (1u << (v % 8))) != 0;
}

/*
 * Value of a digit inside a superscript marker ⁽…⁾, or -1: ⁰ ¹ ² ³ ⁴..⁹,
 * or an Arabic-Indic digit (⁽١٨⁾, as the PDF front end writes a raised
 * Arabic number).
 */
static inline int
sup_digit(uint32_t c)
{
	if ((c >= 0x660 && c <= 0x669) || (c >= 0x6F0 && c <= 0x6F9))
		return digit(c);
	return dl_sup_digit(c);
}

/* --- a line of line style, parsed (doc-style-lines.c) -------------------- */

enum lkind {
	L_TEXT, L_HEAD, L_PARA, L_SUB, L_SUBSUB, L_FN
};

struct lparse {
	enum lkind	 kind;
	int		 level;		/* heading */
	long		 value;		/* number, ordinal, footnote */
	const char	*label;		/* as printed */
	size_t		 label_len;
	const char	*body;
	size_t		 body_len;
	bool		 star;		/* footnote '*' */
	bool		 dot_first;	/* mirrored: move a leading '.' */
};

/* --- a block's inline markup, parsed (doc-inline.c) ---------------------- */

/* A plain value: zero it, buf_init() out and labs; imp_inline_free(). */
struct inl {
	struct buf	 out;
	const char	*text;		/* the result: out.data, or the raw
					   text when nothing changed */
	size_t		 len;
	struct doc_span	*spans;
	size_t		 nspans, cspans;
	struct buf	 labs;		/* footnote labels of spans */
	size_t		*laboff;	/* per span, into labs */
	size_t		*stars;		/* positions of '*' in raw */
	signed char	*role;		/* per star: 0 literal 1 open ... */
	size_t		 cstars;
};

/*
 * The stages, in the order import() runs them.  Text and pieces are
 * borrowed from the decoded text, which outlives the import; struct imp
 * owns the block lists, labels and page lines (the driver frees them).
 */

/* doc-decode.c: bytes -> UTF-8. */
int		 imp_decode(struct doc *, const char *, size_t, size_t,
		    const char *, struct buf *, const char **, size_t *,
		    char **);
int		 imp_file_read(const char *, char **, size_t *, size_t *,
		    char **);

/* doc-lineclass.c: what a line of either style is. */
bool		 imp_is_furniture(const char *, size_t, bool, bool *);
bool		 imp_meta_take(struct imp *, const char *, size_t);
void		 imp_marks_scan(struct imp *, const char *, size_t);
void		 imp_bookmarks_strip(const char **, size_t *);

/* doc-blocks.c: the working block lists. */
size_t		 imp_block_add(struct wlist *, enum doc_kind, size_t);
void		 imp_block_append(struct wlist *, const char *, size_t);
void		 imp_block_gather(const struct wlist *, const struct wb *,
		    struct buf *);
size_t		 imp_label_add(struct imp *, const char *, size_t);
size_t		 imp_label_add_ascii(struct imp *, const char *, size_t);

/* doc-style-lines.c: line style, a line at a time. */
bool		 imp_parse_para(const char *, size_t, struct lparse *);
bool		 imp_parse_heading(const char *, size_t, struct lparse *);
bool		 imp_parse_sub(const char *, size_t, struct lparse *);
bool		 imp_parse_fn(const struct imp *, const char *, size_t,
		    struct lparse *);
void		 imp_lines_assemble(struct imp *);

/* doc-style-wrapped.c: hard-wrapped raw extraction. */
bool		 imp_wrapped_detect(struct imp *);
void		 imp_wrapped_assemble(struct imp *);

/* doc-inline.c: a block's inline markup -> clean text and spans. */
bool		 imp_inline_parse(struct inl *, const char *, size_t, bool,
		    bool, bool);
void		 imp_inline_free(struct inl *);

/* doc-emit.c: working blocks and front matter -> struct doc. */
void		 imp_pages_find(struct imp *);
void		 imp_title_find(struct imp *);
void		 imp_symbol_from_name(struct imp *, const char *);
void		 imp_emit(struct imp *, const struct wlist *, struct inl *);

#endif
