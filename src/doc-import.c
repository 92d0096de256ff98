/*
 * doc-import.c - from the bytes of a file to the document model.
 *
 * One importer for the text styles UN documents come in; it recognises
 * the style by itself:
 *
 *   line style   one paragraph per line (word processor, 000), or
 *                paragraphs separated by blank lines (001, 002): each
 *                line is classified on its own (heading, numbered
 *                paragraph "N -", sub-paragraph "(أ)", footnote "(N)",
 *                header field, page furniture, text) and a line that
 *                continues a paragraph interrupted by a page break or a
 *                footnote block is joined back to it;
 *   PDF style    raw PDF text extraction (003): hard-wrapped lines whose
 *                paragraph number "-١" sits anywhere in the first line;
 *                every line is joined to the current block until the
 *                next number, letter or heading in sequence.
 *
 * pdftotext's text (any of its modes) and PDF files come here as the
 * canonical line-style text that their own stages write: doc-extract.c
 * and the stages of doc-lines.h for the one, doc-pdf.c for the other.
 *
 * The flow is bytes -> UTF-8 (charset, BOM) -> lines -> working blocks
 * (two lists, body and footnotes, each block a list of pieces of source
 * lines, nothing copied) -> for each block: pieces joined, NFC, inline
 * markup turned into spans -> struct doc.  Everything is one pass over
 * the lines (and one before it that tells the style) and a document costs
 * a handful of allocations: the input, the block and piece arrays, and
 * the document's own arena.
 *
 * Speed (issue 3: at least 100 MB/s, see BENCHMARKS.md): the bytes are
 * gone over as few times as possible, and a byte at a time as rarely as
 * possible.  Validation goes eight bytes at a
 * time; the NFC quick check rides on the inline markup scan, a code
 * point at a time, and sends only the rare block that may not be NFC to
 * ICU; a block that needs no change is not copied on its way to the
 * arena; large arrays are prefaulted in one system call.
 *
 * Never prints, never exits: problems are returned as a cause or kept as
 * diagnostics in the document.  The only talk to ICU is through text.h.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc.h"
#include "doc-extract.h"
#include "doc-furniture.h"
#include "doc-pdf.h"
#include "text.h"
#include "util.h"

#define NOFF		((size_t)-1)
#define MAX_MARK	4096		/* footnote numbers remembered */
#define MAX_BAD_DIAGS	10		/* invalid-byte warnings listed */

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
 * Pieces are joined with one space; nothing is copied until emit().
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
	size_t		 nlines;	/* counted by detect_pdf() */
	struct wlist	 body, fns;
	struct buf	 labels;
	unsigned char	 marks[MAX_MARK / 8];	/* footnote markers seen */
	bool		 any_mark;
	bool		 star_mark;	/* a word ends with a '*' marker */
	bool		 star_fn;	/* a '*' footnote exists */
	long		 last_fn;
	bool		 pdf;
	size_t		*ffline;	/* line where each page after the first
					   starts, ascending (pages_find()) */
	size_t		 nff;
	bool		 any_ff;	/* the text has a form feed */
	const size_t	*lmap;		/* canonical line -> source line, for
					   an extraction (doc-assemble.c) */
	size_t		 nlmap;
};

/* The source line of a line of the text read. */
static size_t
src_line(const struct imp *im, size_t no)
{
	return im->lmap != NULL && no >= 1 && no <= im->nlmap ?
	    im->lmap[no - 1] : no;
}

/* --- UTF-8 helpers ---------------------------------------------------- */

/* Decodes the code point at s[*i] (well-formed UTF-8) and advances *i. */
static uint32_t
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
static uint32_t
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

/*
 * Whether the 8 bytes at s are ASCII (but NUL) or whole two-byte
 * sequences (C2..DF and a continuation byte), the bulk of Arabic text,
 * given that s[0] starts a character.  *adv receives 8, or 7 when s[7]
 * is a lead byte whose continuation is in the next 8.  Branch-free bit
 * arithmetic on the eight bytes at once: byte k is bits 8k..8k+7.
 */
static inline bool
utf8_fast8(const unsigned char *s, size_t *adv)
{
	const uint64_t hi = 0x8080808080808080ULL;
	const uint64_t lo7 = 0x7F7F7F7F7F7F7F7FULL;
	const uint64_t x1e = 0x1E1E1E1E1E1E1E1EULL;
	uint64_t w, b7, b6, b5, lead, cont, nz, zero;

	/* A little-endian load, whatever the machine (one instruction). */
	w = (uint64_t)s[0] | (uint64_t)s[1] << 8 | (uint64_t)s[2] << 16 |
	    (uint64_t)s[3] << 24 | (uint64_t)s[4] << 32 |
	    (uint64_t)s[5] << 40 | (uint64_t)s[6] << 48 |
	    (uint64_t)s[7] << 56;
	/* Each mask has bit 7 of a byte set where the byte is ... */
	b7 = w & hi;			/* 1xxxxxxx */
	b6 = (w << 1) & hi;		/* x1xxxxxx */
	b5 = (w << 2) & hi;		/* xx1xxxxx */
	lead = b7 & b6 & ~b5;		/* 110xxxxx */
	cont = b7 & ~b6;		/* 10xxxxxx */
	nz = ((w & x1e) + lo7) & hi;	/* xxxyyyyx, yyyy not 0 (not C0, C1) */
	zero = ~(((w & lo7) + lo7) | w) & hi;	/* 00000000 */
	/*
	 * One test: no 3- or 4-byte lead (111xxxxx), no continuation byte
	 * first, every lead followed by a continuation byte and every
	 * continuation byte after a lead (the lead mask moved up a byte is
	 * the continuation mask), no overlong lead C0 or C1, no NUL.
	 */
	if (((b7 & b6 & b5) | (cont & 0xFF) | ((lead << 8) ^ cont) |
	    (lead & ~nz) | zero) != 0)
		return false;
	*adv = 8 - (size_t)(lead >> 63);
	return true;
}

/*
 * Length of the longest prefix of s that is well-formed UTF-8 without a
 * NUL byte (a NUL is well-formed, but no text document has one).
 */
static size_t
utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, stop, adv;
	unsigned c;

	while (i < n) {
		if (n - i >= 8) {
			if (utf8_fast8(s + i, &adv)) {
				i += adv;
				continue;
			}
			stop = i + 8;	/* these 8 byte by byte */
		} else
			stop = n;
		while (i < stop) {
			c = s[i];
			if (c < 0x80) {
				if (c == 0)
					return i;
				i++;
			} else if (c >= 0xC2 && c <= 0xDF) {
				if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80)
					return i;
				i += 2;
			} else if (c >= 0xE0 && c <= 0xEF) {
				if (i + 2 >= n || (s[i + 1] & 0xC0) != 0x80 ||
				    (s[i + 2] & 0xC0) != 0x80 ||
				    (c == 0xE0 && s[i + 1] < 0xA0) ||
				    (c == 0xED && s[i + 1] >= 0xA0))
					return i;
				i += 3;
			} else if (c >= 0xF0 && c <= 0xF4) {
				if (i + 3 >= n || (s[i + 1] & 0xC0) != 0x80 ||
				    (s[i + 2] & 0xC0) != 0x80 ||
				    (s[i + 3] & 0xC0) != 0x80 ||
				    (c == 0xF0 && s[i + 1] < 0x90) ||
				    (c == 0xF4 && s[i + 1] >= 0x90))
					return i;
				i += 4;
			} else
				return i;
		}
	}
	return n;
}

static bool
is_ws(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0xA0 || c == 0x200E ||
	    c == 0x200F || c == 0xFEFF || c == '\f' || c == '\v' ||
	    c == '\r' || c == 0x2002 || c == 0x2003 || c == 0x2009;
}

/* Value of a decimal digit of ASCII or the two Arabic-Indic sets, or -1. */
static int
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

static bool
is_dash(uint32_t c)
{
	return c == '-' || c == 0x2013 || c == 0x2012 || c == 0x2212;
}

/* Arabic letter (not a digit, mark or punctuation). */
static bool
is_arabic_letter(uint32_t c)
{
	return (c >= 0x621 && c <= 0x63A) || (c >= 0x641 && c <= 0x64A) ||
	    (c >= 0x671 && c <= 0x6D3);
}

/* Trims white space at both ends of [*s, *s + *n). */
static void
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

static bool
has_prefix(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);

	return n >= k && memcmp(s, p, k) == 0;
}

/* Whether the string p occurs in s[0..n). */
static bool
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
static void
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
static bool
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

static void
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
static bool
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

/* --- working blocks --------------------------------------------------- */

static size_t
wl_add(struct imp *im, struct wlist *wl, enum doc_kind kind, size_t line)
{
	struct wb *b;

	(void)im;
	if (wl->n == wl->cap) {
		wl->cap = wl->cap == 0 ? 256 : wl->cap * 2;
		wl->v = xreallocarray(wl->v, wl->cap, sizeof *wl->v);
	}
	b = &wl->v[wl->n];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->line = line;
	b->parent = NOFF;
	b->label = NOFF;
	b->seg0 = wl->nseg;
	return wl->n++;
}

/*
 * Appends a piece of text (borrowed, see struct seg) to the last block
 * of wl.
 */
static void
wl_append(struct wlist *wl, const char *s, size_t n)
{
	struct wb *b;

	assert(wl->n > 0);
	b = &wl->v[wl->n - 1];
	assert(b->seg0 + b->nseg == wl->nseg);
	if (n == 0)
		return;
	if (wl->nseg == wl->cseg) {
		wl->cseg = wl->cseg == 0 ? 256 : wl->cseg * 2;
		wl->seg = xreallocarray(wl->seg, wl->cseg, sizeof *wl->seg);
	}
	wl->seg[wl->nseg].s = s;
	wl->seg[wl->nseg].n = n;
	wl->nseg++;
	b->nseg++;
}

/* The block's pieces joined with spaces into out (reset first). */
static void
wb_gather(const struct wlist *wl, const struct wb *b, struct buf *out)
{
	size_t i;

	buf_reset(out);
	for (i = 0; i < b->nseg; i++) {
		if (i > 0)
			buf_addc(out, ' ');
		buf_add(out, wl->seg[b->seg0 + i].s, wl->seg[b->seg0 + i].n);
	}
}

static size_t
label_add(struct imp *im, const char *s, size_t n)
{
	return buf_add_str(&im->labels, s, n);
}

/* Stores a label with its digits folded to ASCII ("١٨" -> "18"). */
static size_t
label_add_ascii(struct imp *im, const char *s, size_t n)
{
	size_t off = im->labels.len, i = 0;
	uint32_t c;
	int dv;

	while (i < n) {
		size_t k = i;

		c = dec(s, n, &k);
		if ((dv = digit(c)) >= 0)
			buf_addc(&im->labels, (char)('0' + dv));
		else
			buf_add(&im->labels, s + i, k - i);
		i = k;
	}
	buf_addc(&im->labels, '\0');
	return off;
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

/* --- line classes ------------------------------------------------------ */

static bool
all_digits(const char *s, size_t n, size_t min, size_t max)
{
	size_t i;

	if (n < min || n > max)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/*
 * Page furniture made of tokens only: job numbers, print dates (6
 * digits), "(A)", bar codes "*1908473*", page numbers "2/35".  At least
 * one job number or bar code, so a line "2/35" alone is not furniture.
 */
static bool
is_job_line(const char *s, size_t n)
{
	size_t i = 0, j;
	bool anchor = false;

	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == n)
			break;
		j = i;
		while (j < n && s[j] != ' ' && s[j] != '\t')
			j++;
		if (dl_is_job(s + i, j - i))
			anchor = true;
		else if (j - i >= 9 && s[i] == '*' && s[j - 1] == '*' &&
		    all_digits(s + i + 1, j - i - 2, 7, 8))
			anchor = true;
		else if (all_digits(s + i, j - i, 6, 6))
			;
		else if (j - i == 3 && s[i] == '(' && s[i + 2] == ')' &&
		    s[i + 1] >= 'A' && s[i + 1] <= 'Z')
			;
		else {
			const char *sl = memchr(s + i, '/', j - i);

			if (sl == NULL || !all_digits(s + i,
			    (size_t)(sl - s - i), 1, 4) || !all_digits(sl + 1,
			    (size_t)(s + j - sl - 1), 1, 4))
				return false;
		}
		i = j;
	}
	return anchor;
}

static bool
is_separator(const char *s, size_t n)
{
	size_t i;

	if (n < 5)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] != '_')
			return false;
	return true;
}

/* Page furniture of any style; *sep set for a footnote separator. */
static bool
is_furniture(const char *s, size_t n, bool pdf, bool *sep)
{
	*sep = is_separator(s, n);
	if (*sep)
		return true;
	if (is_job_line(s, n))
		return true;
	if ((n == strlen("الرجاء إعادة استعمال الورق") &&
	    memcmp(s, "الرجاء إعادة استعمال الورق", n) == 0) ||
	    (n == 14 && memcmp(s, "Please recycle", 14) == 0))
		return true;
	/* A page number alone, in PDF text. */
	return pdf && all_digits(s, n, 1, 4);
}

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/* "13 November 2024" -> "2024-11-13" into iso[11]. */
static bool
parse_date(const char *s, size_t n, char *iso)
{
	size_t i = 0, k, m;
	long day = 0, year = 0;

	while (i < n && i < 2 && s[i] >= '0' && s[i] <= '9')
		day = day * 10 + (s[i++] - '0');
	if (i == 0 || i >= n || s[i] != ' ' || day < 1 || day > 31)
		return false;
	i++;
	for (m = 0; m < UTIL_NELEM(months); m++) {
		k = strlen(months[m]);
		if (i + k < n && memcmp(s + i, months[m], k) == 0 &&
		    s[i + k] == ' ')
			break;
	}
	if (m == UTIL_NELEM(months))
		return false;
	i += strlen(months[m]) + 1;
	if (n - i != 4 || !all_digits(s + i, 4, 4, 4))
		return false;
	for (k = 0; k < 4; k++)
		year = year * 10 + (s[i + k] - '0');
	snprintf(iso, 11, "%04ld-%02zu-%02ld", year, m + 1, day);
	return true;
}

/* Header fields: Distr.: General, a date, Arabic, Original: English. */
static bool
take_meta(struct imp *im, const char *s, size_t n)
{
	static const char *const langs[] = {
		"Arabic", "Chinese", "English", "French", "Russian", "Spanish"
	};
	const char *v;
	size_t i, vn;
	char iso[11];

	if (has_prefix(s, n, "Distr.")) {
		i = 6;
		while (i < n && (s[i] == ' ' || s[i] == ':'))
			i++;
		doc_meta_set(im->d, DOC_META_DISTRIBUTION, s + i, n - i);
		return true;
	}
	if (has_prefix(s, n, "Original:")) {
		v = s + 9;
		vn = n - 9;
		trim(&v, &vn);
		doc_meta_set(im->d, DOC_META_ORIGINAL, v, vn);
		return true;
	}
	for (i = 0; i < UTIL_NELEM(langs); i++)
		if (n == strlen(langs[i]) && memcmp(s, langs[i], n) == 0) {
			doc_meta_set(im->d, DOC_META_LANGUAGE, s, n);
			return true;
		}
	if (parse_date(s, n, iso)) {
		if (doc_meta_set(im->d, DOC_META_DATE, s, n))
			doc_meta_set(im->d, DOC_META_DATE_ISO, iso, 10);
		return true;
	}
	if (dl_is_symbol(s, n)) {
		doc_meta_set(im->d, DOC_META_SYMBOL, s, n);
		return true;
	}
	return false;
}

/* --- markers ------------------------------------------------------------ */

static void
mark_set(struct imp *im, long v)
{
	if (v >= 0 && v < MAX_MARK)
		im->marks[v / 8] |= (unsigned char)(1u << (v % 8));
	im->any_mark = true;
}

static bool
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
static int
sup_digit(uint32_t c)
{
	if ((c >= 0x660 && c <= 0x669) || (c >= 0x6F0 && c <= 0x6F9))
		return digit(c);
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

/*
 * Records a footnote marker that starts at s[i], if one does: ⁽18⁾,
 * ^(3), a word ending in '*' and, in PDF text, the mirrored )3(.
 */
static void
scan_mark_at(struct imp *im, const char *s, size_t n, size_t i)
{
	size_t k;
	uint32_t c, prev;
	long v;
	int dv;

	if ((unsigned char)s[i] == 0xE2 && !has_prefix(s + i, n - i, "⁽"))
		return;
	k = i;
	prev = ' ';
	if (i > 0)
		prev = dec_back(s, &k);
	k = i;
	c = dec(s, n, &k);
	if (c == 0x207D) {			/* ⁽ */
		v = 0;
		while (k < n) {
			size_t j = k;

			if ((dv = sup_digit(dec(s, n, &j))) < 0)
				break;
			v = v * 10 + dv;
			k = j;
		}
		mark_set(im, v);
	} else if ((c == '^' && k < n && s[k] == '(') ||
	    (c == ')' && im->pdf)) {
		size_t j = c == '^' ? k + 1 : k;

		if (read_digits(s, n, &j, &v) && j < n &&
		    s[j] == (c == '^' ? ')' : '('))
			mark_set(im, v);
	} else if (c == '*' && prev != '*' && !is_ws(prev) &&
	    (k == n || s[k] == ' ' || s[k] == '\t' || s[k] == '.' ||
	    s[k] == ',')) {
		im->star_mark = true;
	}
}

/*
 * Records the footnote markers of a line of text.  Only four bytes can
 * start one: '*', '^', the lead byte of ⁽ and, in PDF text, ')'.  Each
 * is looked for with memchr(), which skips the rest of the line fast;
 * the order markers are found in does not matter.
 */
static void
scan_marks(struct imp *im, const char *s, size_t n)
{
	static const char starts[] = { '*', '^', '\xE2', ')' };
	const char *p;
	size_t k;

	for (k = 0; k < (im->pdf ? 4u : 3u); k++)
		for (p = memchr(s, starts[k], n); p != NULL;
		    p = memchr(p + 1, starts[k], (size_t)(s + n - p - 1)))
			scan_mark_at(im, s, n, (size_t)(p - s));
}

/* --- line parsing (line style) ------------------------------------------ */

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

/* "12 - text", "- 7 - text", "١٢ - text", "1 -<TAB>text". */
static bool
parse_para(const char *s, size_t n, struct lparse *lp)
{
	size_t i = 0, k, ls, le;
	long v;

	k = i;
	if (n > 0 && is_dash(dec(s, n, &k))) {
		i = k;
		skip_ws(s, n, &i);
	}
	ls = i;
	if (!read_digits(s, n, &i, &v) || v == 0)
		return false;
	le = i;
	skip_ws(s, n, &i);
	k = i;
	if (i >= n || !is_dash(dec(s, n, &k)))
		return false;
	i = k;
	k = i;
	if (i >= n || !is_ws(dec(s, n, &k)))
		return false;
	skip_ws(s, n, &i);
	if (i >= n)
		return false;
	lp->kind = L_PARA;
	lp->value = v;
	lp->label = s + ls;
	lp->label_len = le - ls;
	lp->body = s + i;
	lp->body_len = n - i;
	return true;
}

/* "أولاً - title" (level 1) or "ألف - title" (level 2). */
static bool
parse_heading(const char *s, size_t n, struct lparse *lp)
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
static bool
parse_sub(const char *s, size_t n, struct lparse *lp)
{
	size_t i = 0, k, ls, le;
	uint32_t c;
	long v;
	int ord;

	k = i;
	if (n > 0 && is_dash(dec(s, n, &k))) {
		i = k;
		skip_ws(s, n, &i);
	}
	ls = i;
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
	i = le;
	k = i;
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

/*
 * A footnote body: "(12) text", "(12) text (12)" (the label repeated at
 * the end), ".text (12)" (mirrored by a converter) or "* text".  Only a
 * label the text has referred to, or the next in sequence, is taken.
 */
static bool
parse_fn(const struct imp *im, const char *s, size_t n, struct lparse *lp)
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

/* "[bookmark: _Toc60753860]<TAB>" prefixes, however many. */
static void
strip_bookmarks(const char **s, size_t *n)
{
	const char *e;

	while (has_prefix(*s, *n, "[bookmark:") &&
	    (e = memchr(*s, ']', *n)) != NULL) {
		*n -= (size_t)(e + 1 - *s);
		*s = e + 1;
		trim(s, n);
	}
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

/* --- line-style assembly --------------------------------------------- */

static void
add_fn(struct imp *im, const struct lparse *lp, size_t line, int section)
{
	size_t f = wl_add(im, &im->fns, DOC_FOOTNOTE, line);
	struct wb *b = &im->fns.v[f];

	b->label = label_add_ascii(im, lp->label, lp->label_len);
	b->number = lp->value;
	b->section = section;
	wl_append(&im->fns, lp->body, lp->body_len);
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

static void
assemble_lines(struct imp *im)
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
		strip_bookmarks(&s, &n);
		if (n == 0)
			continue;
		if (is_furniture(s, n, false, &sep)) {
			doc_dropped_add(im->d, src_line(im, L->no), "furniture", s, n);
			continue;
		}
		if (dl_is_symbol(s, n) && in_body) {	/* running header */
			doc_meta_set(im->d, DOC_META_SYMBOL, s, n);
			doc_dropped_add(im->d, src_line(im, L->no), "furniture", s, n);
			continue;
		}
		if (!in_body && take_meta(im, s, n)) {
			doc_dropped_add(im->d, src_line(im, L->no), "metadata", s, n);
			continue;
		}
		memset(&lp, 0, sizeof lp);
		if (parse_fn(im, s, n, &lp)) {
			add_fn(im, &lp, L->no, section);
			continue;
		}
		if (parse_para(s, n, &lp) || parse_heading(s, n, &lp) ||
		    parse_sub(s, n, &lp))
			;
		else
			lp.kind = L_TEXT;
		if (lp.kind != L_TEXT)
			scan_marks(im, lp.body, lp.body_len);
		else
			scan_marks(im, s, n);

		switch (lp.kind) {
		case L_HEAD:
			idx = wl_add(im, wl, DOC_HEADING, L->no);
			if (lp.level == 1)
				section = (int)lp.value;
			wl->v[idx].level = lp.level;
			wl->v[idx].number = lp.value;
			wl->v[idx].section = section;
			wl->v[idx].label = label_add(im, lp.label,
			    lp.label_len);
			wl_append(wl, lp.body, lp.body_len);
			para = sub = last = NOFF;
			in_body = true;
			preamble = false;
			break;
		case L_PARA:
			idx = wl_add(im, wl, DOC_PARA, L->no);
			wl->v[idx].number = lp.value;
			wl->v[idx].section = section;
			wl->v[idx].label = label_add(im, lp.label,
			    lp.label_len);
			wl_append(wl, lp.body, lp.body_len);
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
			idx = wl_add(im, wl, DOC_SUBPARA, L->no);
			wl->v[idx].level = lp.kind == L_SUB ? 1 : 2;
			wl->v[idx].number = lp.value;
			wl->v[idx].section = section;
			wl->v[idx].label = label_add(im, lp.label,
			    lp.label_len);
			if (lp.kind == L_SUB) {
				wl->v[idx].parent = para;
				sub = idx;
			} else
				wl->v[idx].parent = sub != NOFF ? sub : para;
			wl_append(wl, lp.body, lp.body_len);
			last = idx;
			in_body = true;
			break;
		default:
			if (last != NOFF && wb_open(wl, &wl->v[last]) &&
			    last == wl->n - 1) {
				wl_append(wl, s, n);
				break;
			}
			if (para == NOFF && is_chapeau(s, n)) {
				idx = wl_add(im, wl, DOC_TEXT, L->no);
				wl->v[idx].section = section;
				wl_append(wl, s, n);
				preamble = in_body = true;
				last = NOFF;
				break;
			}
			idx = wl_add(im, wl, preamble ? DOC_PREAMBLE :
			    DOC_TEXT, L->no);
			wl->v[idx].section = section;
			wl_append(wl, s, n);
			last = preamble ? idx : NOFF;
			/* Text after a list ends the paragraph's list. */
			if (!preamble)
				para = sub = NOFF;
			break;
		}
	}
}

/* --- PDF-style assembly ---------------------------------------------- */

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

	for (i = mem_next(s, n, 0, '-'); i < n; i = mem_next(s, n, i + 1,
	    '-')) {
		if (i > 0) {
			k = i;
			if (!is_ws(dec_back(s, &k)))
				continue;
		}
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

	for (i = mem_next(s, n, 0, '-'); i < n; i = mem_next(s, n, i + 1,
	    '-')) {
		if (i > 0) {
			k = i;
			if (!is_ws(dec_back(s, &k)))
				continue;
		}
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
pdf_fn_label(const char *s, size_t n, size_t *bs, size_t *bn, size_t *ls,
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

static void
assemble_pdf(struct imp *im)
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
		if (is_furniture(s, n, true, &sep) || dl_is_symbol(s, n)) {
			if (dl_is_symbol(s, n))
				doc_meta_set(im->d, DOC_META_SYMBOL, s, n);
			doc_dropped_add(im->d, src_line(im, L->no), "furniture", s, n);
			fnzone = sep;
			fcur = NOFF;
			continue;
		}
		if (front && take_meta(im, s, n)) {
			doc_dropped_add(im->d, src_line(im, L->no), "metadata", s, n);
			continue;
		}
		if (fnzone) {
			if (pdf_fn_label(s, n, &bs, &bn, &ls, &ln)) {
				const char *b = s + bs;
				size_t nb = bn;

				trim(&b, &nb);
				fcur = wl_add(im, &im->fns, DOC_FOOTNOTE,
				    L->no);
				im->fns.v[fcur].label = label_add_ascii(im,
				    s + ls, ln);
				im->fns.v[fcur].section = section;
				if (ln == 1 && s[ls] == '*')
					im->star_fn = true;
				wl_append(&im->fns, b, nb);
				continue;
			}
			if (fcur != NOFF &&
			    !fn_complete(&im->fns, &im->fns.v[fcur])) {
				wl_append(&im->fns, s, n);
				continue;
			}
			fnzone = false;
			fcur = NOFF;
		}
		scan_marks(im, s, n);
		if ((v = find_heading_token(s, n, section, &at, &len)) > 0) {
			idx = wl_add(im, wl, DOC_HEADING, L->no);
			section = v;
			wl->v[idx].level = 1;
			wl->v[idx].number = v;
			wl->v[idx].section = section;
			wl->v[idx].label = label_add(im, s + at + 1, len - 1);
			wl_append(wl, s, at);
			wl_append(wl, s + at + len, n - at - len);
			para_num = 0;
			para = cur = NOFF;
			front = false;
			continue;
		}
		if (find_num_token(s, n, para_num + 1, &at, &len)) {
			idx = wl_add(im, wl, DOC_PARA, L->no);
			para_num++;
			wl->v[idx].number = para_num;
			wl->v[idx].section = section;
			wl->v[idx].label = label_add(im, s + at + 1, len - 1);
			wl_append(wl, s, at);
			wl_append(wl, s + at + len, n - at - len);
			para = cur = idx;
			sub_ord = 0;
			front = false;
			continue;
		}
		if (para != NOFF && find_sub_token(s, n, sub_ord + 1, &at,
		    &len, &lab, &lablen)) {
			idx = wl_add(im, wl, DOC_SUBPARA, L->no);
			sub_ord++;
			wl->v[idx].level = 1;
			wl->v[idx].number = sub_ord;
			wl->v[idx].section = section;
			wl->v[idx].parent = para;
			buf_reset(&tmp);
			buf_addc(&tmp, '(');
			buf_add(&tmp, s + lab, lablen);
			buf_addc(&tmp, ')');
			wl->v[idx].label = label_add(im, tmp.data, tmp.len);
			wl_append(wl, s, at);
			wl_append(wl, s + at + len, n - at - len);
			cur = idx;
			continue;
		}
		if (cur != NOFF && cur == wl->n - 1) {
			wl_append(wl, s, n);
			continue;
		}
		cur = wl_add(im, wl, DOC_TEXT, L->no);
		wl->v[cur].section = section;
		wl_append(wl, s, n);
	}
	buf_free(&tmp);
}

/*
 * PDF text extraction, recognised by what no other style has: paragraph
 * numbers written "-N" after white space, mirrored footnote markers )N(
 * and lines of page furniture, against line-style numbers "N - ".
 */
static bool
detect_pdf(struct imp *im)
{
	size_t pdf = 0, std = 0, at, len;
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
		strip_bookmarks(&s, &n);
		if (n == 0)
			continue;
		if (parse_para(s, n, &lp))
			std++;
		if (memchr(s, '-', n) != NULL &&
		    find_num_token(s, n, -1, &at, &len) && at > 0)
			pdf++;
	}
	im->nlines = it.no;
	return pdf >= 3 && pdf > std;
}

/* --- inline markup ------------------------------------------------------ */

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

enum { STAR_LIT, STAR_BOLD, STAR_ITAL_OPEN, STAR_ITAL_CLOSE, STAR_MARK };

static void
inl_span(struct inl *in, size_t start, size_t end, enum doc_span_kind k,
    const char *lab, size_t labn)
{
	if (in->nspans == in->cspans) {
		in->cspans = in->cspans == 0 ? 16 : in->cspans * 2;
		in->spans = xreallocarray(in->spans, in->cspans,
		    sizeof *in->spans);
		in->laboff = xreallocarray(in->laboff, in->cspans,
		    sizeof *in->laboff);
	}
	in->spans[in->nspans].start = start;
	in->spans[in->nspans].end = end;
	in->spans[in->nspans].kind = k;
	in->spans[in->nspans].label = NULL;
	in->laboff[in->nspans] = NOFF;
	if (lab != NULL) {
		in->laboff[in->nspans] = in->labs.len;
		buf_add(&in->labs, lab, labn);
		buf_addc(&in->labs, '\0');
	}
	in->nspans++;
}

static bool
star_edge(uint32_t c)
{
	return c == 0 || is_ws(c) || c == '.' || c == ',' || c == 0x60C ||
	    c == 0x61B || c == ';' || c == ':' || c == ')' || c == '(';
}

/*
 * Gives every '*' of raw a role: "**" pairs are bold, a "*word ... word*"
 * pair is italic, a '*' after a word that closes nothing is a footnote
 * marker (if the document has a '*' footnote), anything else is literal.
 */
static void
star_roles(struct inl *in, const char *s, size_t n, bool star_fn,
    bool pdf, size_t *nstars)
{
	size_t i, k, ns = 0, open_b = NOFF, open_i = NOFF;
	uint32_t prev, next;

	for (i = 0; i < n; i++) {
		if (s[i] != '*')
			continue;
		if (ns + 2 > in->cstars) {
			in->cstars = in->cstars == 0 ? 16 : in->cstars * 2;
			in->stars = xreallocarray(in->stars, in->cstars,
			    sizeof *in->stars);
			in->role = xreallocarray(in->role, in->cstars, 1);
		}
		k = i;
		prev = i > 0 ? dec_back(s, &k) : 0;
		if (i + 1 < n && s[i + 1] == '*') {
			in->stars[ns] = i;
			in->role[ns] = STAR_LIT;
			if (open_b != NOFF) {
				in->role[open_b] = STAR_BOLD;
				in->role[ns] = STAR_BOLD;
				open_b = NOFF;
			} else
				open_b = ns;
			ns++;
			i++;
			continue;
		}
		k = i + 1;
		next = k < n ? dec(s, n, &k) : 0;
		in->stars[ns] = i;
		in->role[ns] = STAR_LIT;
		if (open_i != NOFF && !is_ws(prev) && star_edge(next)) {
			in->role[open_i] = STAR_ITAL_OPEN;
			in->role[ns] = STAR_ITAL_CLOSE;
			open_i = NOFF;
		} else if (star_edge(prev) && next != 0 && !is_ws(next))
			open_i = ns;
		else if (star_fn && !is_ws(prev) && prev != 0 &&
		    star_edge(next))
			in->role[ns] = STAR_MARK;
		ns++;
	}
	/* PDF text puts the marker of "word*" before the word: "*word". */
	if (pdf && star_fn && open_i != NOFF)
		in->role[open_i] = STAR_MARK;
	*nstars = ns;
}

/*
 * What an ASCII character means to inline_parse()'s scan: 0 nothing, it
 * is copied as it is; 1 it must be looked at (white space and controls,
 * '*', '^', DEL); 2 ')', looked at in PDF text only (the mirrored marker
 * ")3(").
 */
static const unsigned char inl_stop[128] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0x00 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0x10 */
	1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0,	/* ' ' ) * */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0,	/* ^ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1	/* DEL */
};

/* Whether inline_parse() copies the ASCII character b as it is. */
static inline bool
inl_ascii_ordinary(unsigned char b, bool pdf)
{
	return inl_stop[b] == 0 || (inl_stop[b] == 2 && !pdf);
}

/*
 * Whether lead byte a and the byte b after it start a character that
 * inline_parse() must look at: NBSP (C2 A0), tatweel (D9 80),
 * U+2000..U+207F (E2 80, E2 81: spaces, marks, ⁽) or U+FEC0..U+FEFF (EF
 * BB: the BOM).
 */
static inline bool
inl_special2(unsigned char a, unsigned char b)
{
	return (a == 0xC2 && b == 0xA0) || (a == 0xD9 && b == 0x80) ||
	    (a == 0xE2 && (b == 0x80 || b == 0x81)) ||
	    (a == 0xEF && b == 0xBB);
}

/*
 * Whether the character at s[j] (j < n, a character boundary) is copied
 * as it is; pdf: the text is PDF text.
 */
static inline bool
inl_ordinary(const char *s, size_t n, size_t j, bool pdf)
{
	unsigned char b = (unsigned char)s[j];

	if (b < 0x80)
		return inl_ascii_ordinary(b, pdf);
	return j + 1 >= n || !inl_special2(b, (unsigned char)s[j + 1]);
}

/*
 * The end of the run of characters from s[i] (a character boundary)
 * that inline_parse() copies as they are, single spaces between them
 * included: they need no collapsing.  *ncp receives the number of code
 * points in the run.  With nfc, the run is checked for NFC on the way,
 * a code point at a time (see text.h): the end is NOFF if it may be not
 * NFC.  The raw text is well-formed UTF-8.
 *
 * The hot loop of the importer: every character of every block goes
 * through it once, so two-byte characters (Arabic letters) are decoded
 * here rather than by dec().
 */
static size_t
inl_run(const char *s, size_t n, size_t i, bool pdf, bool nfc, size_t *ncp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t j, k, e, f, d, cp = 0, checked = i;
	unsigned char b;
	uint32_t c;

	for (j = i; j < n; j = k, cp++) {
		b = u[j];
		if (b < 0x80) {
			k = j + 1;
			if (inl_ascii_ordinary(b, pdf))
				continue;
			if (b == ' ' && j > i && k < n &&
			    inl_ordinary(s, n, k, pdf))
				continue;
			break;
		}
		if (b < 0xE0 && j + 1 < n) {	/* Arabic letters: inline */
			c = ((uint32_t)(b & 0x1F) << 6) | (u[j + 1] & 0x3F);
			if (c == 0xA0 || c == 0x640)	/* NBSP, tatweel */
				break;
			k = j + 2;
		} else {
			if (j + 1 < n && inl_special2(b, u[j + 1]))
				break;
			d = j;
			c = dec(s, n, &d);
			k = d;
		}
		if (text_cp_nfc_yes0(c) || !nfc || j < checked)
			continue;
		/* A run of code points that are not yes0: ask ICU. */
		for (e = k; e < n && u[e] >= 0x80; e = f) {
			f = e;
			if (text_cp_nfc_yes0(dec(s, n, &f)))
				break;
		}
		if (!text_utf8_nfc_run(s + j, e - j))
			return NOFF;
		checked = e;
	}
	*ncp = cp;
	return j;
}

/*
 * Cleans the raw text s of a block into in->text, in->len and in->spans:
 * white space collapsed, tatweel runs (2+) removed, markup turned into
 * spans.  in->text is in->out, or s itself when nothing changed (valid
 * as long as s).  With nfc, checks on the way that s is NFC and returns
 * false, the result unfinished, if it may not be: the caller normalises
 * s and calls again without nfc.  Returns true otherwise.
 */
static bool
inline_parse(struct inl *in, const char *s, size_t n, bool pdf,
    bool star_fn, bool nfc)
{
	size_t i = 0, k, cp = 0, si = 0, ns = 0, bold = NOFF, ital = NOFF;
	size_t j, st, ncp;
	uint32_t c;
	bool space = false, stars = false;
	char lab[16];
	size_t labn;
	long v;
	int dv;

	buf_reset(&in->out);
	buf_reset(&in->labs);
	in->nspans = 0;

#define EMIT_SPACE() do {						\
	if (space && in->out.len > 0) {					\
		buf_addc(&in->out, ' ');				\
		cp++;							\
	}								\
	space = false;							\
} while (0)

	while (i < n) {
		/* A run of ordinary characters is copied in one go. */
		if ((j = inl_run(s, n, i, pdf, nfc, &ncp)) == NOFF)
			return false;
		if (j == n && i == 0) {
			/* All of it (most blocks): no copy. */
			in->text = s;
			in->len = n;
			return true;
		}
		if (j > i) {
			EMIT_SPACE();
			buf_add(&in->out, s + i, j - i);
			cp += ncp;
			i = j;
			continue;
		}
		k = i;
		c = dec(s, n, &k);
		/*
		 * Every other character but c that is taken below is one
		 * of a few known to be yes0 (ASCII, tatweel, superscript
		 * digits and parentheses, Arabic-Indic digits).
		 */
		if (nfc && !text_cp_nfc_yes0(c))
			return false;
		if (is_ws(c)) {
			space = true;
			i = k;
			continue;
		}
		/*
		 * Bidi embeddings, overrides and isolates (pdftotext wraps
		 * every line and every run of digits in them): the text is
		 * in logical order, they only get in the way.
		 */
		if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 &&
		    c <= 0x2069)) {
			i = k;
			continue;
		}
		if (c == 0x640 && k < n && has_prefix(s + k, n - k, "ـ")) {
			while (k < n && has_prefix(s + k, n - k, "ـ"))
				k += 2;
			i = k;		/* justification: a run of tatweel */
			continue;
		}
		/* The roles of the stars, at the first one (few blocks). */
		if (c == '*' && !stars) {
			star_roles(in, s, n, star_fn, pdf, &ns);
			stars = true;
		}
		if (c == '*' && si < ns && in->stars[si] == i) {
			int role = in->role[si];

			if (role == STAR_BOLD) {
				si++;
				if (bold == NOFF) {
					EMIT_SPACE();
					bold = cp;
				} else {
					inl_span(in, bold, cp, DOC_SPAN_BOLD,
					    NULL, 0);
					bold = NOFF;
				}
				i += 2;
				continue;
			}
			si++;
			if (role == STAR_ITAL_OPEN) {
				EMIT_SPACE();
				ital = cp;
				i = k;
				continue;
			}
			if (role == STAR_ITAL_CLOSE) {
				if (ital != NOFF)
					inl_span(in, ital, cp,
					    DOC_SPAN_ITALIC, NULL, 0);
				ital = NOFF;
				i = k;
				continue;
			}
			EMIT_SPACE();
			buf_addc(&in->out, '*');
			if (role == STAR_MARK)
				inl_span(in, cp, cp + 1, DOC_SPAN_FOOTREF,
				    "*", 1);
			cp++;
			if (role == STAR_LIT && i + 1 < n && s[i + 1] == '*') {
				buf_addc(&in->out, '*');	/* lone ** */
				cp++;
				k++;
			}
			i = k;
			continue;
		}
		if (c == 0x207D) {				/* ⁽18⁾ */
			labn = 0;
			j = k;
			while (j < n) {
				size_t j2 = j;

				if ((dv = sup_digit(dec(s, n, &j2))) < 0)
					break;
				if (labn < sizeof lab - 1)
					lab[labn++] = (char)('0' + dv);
				j = j2;
			}
			if (labn > 0 && has_prefix(s + j, n - j, "⁾")) {
				j += 3;
				EMIT_SPACE();
				st = cp;
				buf_add(&in->out, s + i, j - i);
				cp += 2 + labn;
				inl_span(in, st, cp, DOC_SPAN_FOOTREF, lab,
				    labn);
				i = j;
				continue;
			}
		}
		if ((c == '^' && k < n && s[k] == '(') ||
		    (pdf && c == ')')) {		/* ^(3) and )3( */
			j = c == '^' ? k + 1 : k;
			st = j;
			if (read_digits(s, n, &j, &v) && j < n &&
			    s[j] == (c == '^' ? ')' : '(')) {
				EMIT_SPACE();
				labn = (size_t)snprintf(lab, sizeof lab, "%ld",
				    v);
				buf_addc(&in->out, '(');
				buf_add(&in->out, s + st, j - st);
				buf_addc(&in->out, ')');
				inl_span(in, cp, cp + 2 + utf8_count(s + st,
				    j - st), DOC_SPAN_FOOTREF, lab, labn);
				cp += 2 + utf8_count(s + st, j - st);
				i = j + 1;
				continue;
			}
		}
		EMIT_SPACE();
		buf_add(&in->out, s + i, k - i);
		cp++;
		i = k;
	}
#undef EMIT_SPACE
	if (bold != NOFF)
		inl_span(in, bold, cp, DOC_SPAN_BOLD, NULL, 0);
	for (j = 0; j < in->nspans; j++)
		if (in->laboff[j] != NOFF)
			in->spans[j].label = in->labs.data + in->laboff[j];
	in->text = in->out.data != NULL ? in->out.data : "";
	in->len = in->out.len;
	return true;
}

static void
inl_free(struct inl *in)
{
	buf_free(&in->out);
	buf_free(&in->labs);
	free(in->spans);
	free(in->laboff);
	free(in->stars);
	free(in->role);
}

/* --- pages ------------------------------------------------------------- */

/*
 * The lines where pages start, from the form feeds of the text
 * (pdftotext writes one before each page after the first, at the start
 * of the page's first line, and one after the last page).  A form feed
 * with nothing but white space after it on its line starts the page on
 * the next line; one with nothing but white space after it in the whole
 * text starts no page.  Lines are counted by their LF, as line_next()
 * does for LF and CRLF text.  One memchr() pass when there is no form
 * feed, which is nearly always.
 */
static void
pages_find(struct imp *im)
{
	const char *t = im->text, *p, *q, *e = im->text + im->tlen;
	size_t line = 1, cap = 0, k;
	bool blank;

	for (p = memchr(t, '\f', im->tlen), q = t; p != NULL;
	    p = memchr(p + 1, '\f', (size_t)(e - p - 1))) {
		im->any_ff = true;
		for (k = 0; p + 1 + k < e && (p[1 + k] == ' ' ||
		    p[1 + k] == '\t' || p[1 + k] == '\r' || p[1 + k] == '\n' ||
		    p[1 + k] == '\f' || p[1 + k] == '\v'); k++)
			;
		if (p + 1 + k == e)
			break;			/* after the last page */
		for (; (q = memchr(q, '\n', (size_t)(p - q))) != NULL; q++)
			line++;
		q = p;
		/* Blank after it on its line: the page starts on the next. */
		blank = true;
		for (k = 1; p + k < e && p[k] != '\n'; k++)
			if (p[k] != ' ' && p[k] != '\t' && p[k] != '\r' &&
			    p[k] != '\f' && p[k] != '\v') {
				blank = false;
				break;
			}
		if (im->nff == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			im->ffline = xreallocarray(im->ffline, cap,
			    sizeof *im->ffline);
		}
		/* Two form feeds on one line make one page break. */
		if (im->nff == 0 || im->ffline[im->nff - 1] !=
		    line + (blank ? 1 : 0))
			im->ffline[im->nff++] = line + (blank ? 1 : 0);
	}
	if (im->any_ff)
		doc_pages_set(im->d, im->nff + 1);
}

/* The page of a block that starts on line, 0 without form feeds. */
static size_t
page_of(const struct imp *im, size_t line)
{
	size_t lo = 0, hi = im->nff, mid;

	if (!im->any_ff)
		return 0;
	while (lo < hi) {		/* form feeds on lines <= line */
		mid = lo + (hi - lo) / 2;
		if (im->ffline[mid] <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo + 1;
}

static void
emit(struct imp *im, const struct wlist *wl, struct inl *in)
{
	struct doc_block_init bi;
	const struct wb *b;
	struct buf tmp, nfc;
	size_t i;

	buf_init(&tmp);
	buf_init(&nfc);
	for (i = 0; i < wl->n; i++) {
		const char *raw;
		size_t rn;

		b = &wl->v[i];
		if (b->nseg == 1 && !b->dot && !(im->pdf &&
		    b->kind == DOC_FOOTNOTE)) {
			/* One piece, as it is (most blocks): no copy. */
			raw = wl->seg[b->seg0].s;
			rn = wl->seg[b->seg0].n;
		} else {
			wb_gather(wl, b, &tmp);
			if (b->dot)
				buf_addc(&tmp, '.');
			raw = tmp.data != NULL ? tmp.data : "";
			rn = tmp.len;
		}
		/* A mirrored footnote ".text": its full stop goes last. */
		if (im->pdf && b->kind == DOC_FOOTNOTE && rn > 1 &&
		    raw[0] == '.' && raw[rn - 1] != '.') {
			memmove(tmp.data, tmp.data + 1, rn - 1);
			tmp.data[rn - 1] = '.';
		}
		/*
		 * NFC block by block: most blocks are NFC already, which
		 * inline_parse() finds on its way through the text.
		 */
		if (!inline_parse(in, raw, rn, im->pdf, im->star_fn, true)) {
			buf_reset(&nfc);
			if (text_utf8_nfc(raw, rn, &nfc)) {
				raw = nfc.data;
				rn = nfc.len;
			}
			inline_parse(in, raw, rn, im->pdf, im->star_fn, false);
		}
		memset(&bi, 0, sizeof bi);
		bi.kind = b->kind;
		bi.level = b->level;
		bi.label = b->label != NOFF ? im->labels.data + b->label :
		    NULL;
		bi.number = b->kind == DOC_PARA || b->kind == DOC_SUBPARA ?
		    b->number : 0;
		bi.section = b->section;
		bi.line = src_line(im, b->line);
		bi.page = page_of(im, b->line);
		bi.parent = b->parent;
		bi.text = in->text;
		bi.text_len = in->len;
		bi.spans = in->spans;
		bi.nspans = in->nspans;
		doc_block_add(im->d, &bi);
	}
	buf_free(&tmp);
	buf_free(&nfc);
}

/* --- metadata from the front matter ------------------------------------ */

/*
 * The title: after the agenda item line ("البند ٢٨ من جدول الأعمال") and
 * the item's own title come, in a report, the document's title; in a
 * draft resolution first the sponsors ("...: مشروع قرار"), then the title.
 */
static void
find_title(struct imp *im)
{
	size_t stage = 0;
	struct lines it;
	struct line line;
	const char *s;
	size_t n;

	lines_init(&it, im);
	while (it.no < 80 && line_next(&it, &line)) {
		s = line.s;
		n = line.len;
		trim(&s, &n);
		if (n == 0)
			continue;
		if (stage == 0) {
			if (mem_find(s, n, "جدول الأعمال"))
				stage = 1;
			continue;
		}
		if (stage == 1) {		/* the agenda item's title */
			stage = 2;
			continue;
		}
		if (n > 300 || mem_find(s, n, "مشروع قرار"))
			continue;
		doc_meta_set(im->d, DOC_META_TITLE, s, n);
		return;
	}
}

/* "A_67_170.txt" -> "A/67/170" (caller frees), or NULL. */
char *
doc_symbol_from_name(const char *name)
{
	const char *base, *dot;
	struct buf b;
	size_t i, n;

	base = strrchr(name, '/');
	base = base != NULL ? base + 1 : name;
	dot = strrchr(base, '.');
	n = dot != NULL ? (size_t)(dot - base) : strlen(base);
	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_addc(&b, base[i] == '_' ? '/' : base[i]);
	if (b.len > 0 && memchr(b.data, '/', b.len) != NULL &&
	    dl_is_symbol(b.data, b.len))
		return buf_steal(&b);
	buf_free(&b);
	return NULL;
}

/* The symbol of the file name, when the text names none. */
static void
symbol_from_name(struct imp *im, const char *name)
{
	char *sym;

	if (name == NULL || doc_meta_isset(im->d, DOC_META_SYMBOL) ||
	    (sym = doc_symbol_from_name(name)) == NULL)
		return;
	doc_meta_set(im->d, DOC_META_SYMBOL, sym, strlen(sym));
	doc_meta_symbol_from_name(im->d);
	free(sym);
}

/* --- bytes to UTF-8 ------------------------------------------------------ */

/*
 * UTF-8 with each ill-formed byte replaced by U+FFFD into out, a warning
 * for each of the first few lines that had one.
 */
static void
utf8_repair(struct doc *d, const char *s, size_t n, size_t ok,
    struct buf *out)
{
	size_t i = 0, bad = 0, line = 1, lastline = 0, from = 0;
	const char *q;

	while (i < n) {
		buf_add(out, s + i, ok);
		i += ok;
		if (i >= n)
			break;
		/* Count the lines up to here only when there is news. */
		for (q = s + from; (q = memchr(q, '\n', (size_t)(s + i - q)))
		    != NULL; q++)
			line++;
		from = i;
		buf_adds(out, "\xEF\xBF\xBD");
		bad++;
		if (line != lastline && bad <= MAX_BAD_DIAGS)
			doc_diag_add(d, DOC_DIAG_WARNING, line,
			    "invalid UTF-8 replaced by U+FFFD");
		lastline = line;
		i++;
		ok = utf8_valid(s + i, n - i);
	}
	if (bad > MAX_BAD_DIAGS)
		doc_diag_add(d, DOC_DIAG_WARNING, 0,
		    "%zu invalid UTF-8 bytes replaced in all", bad);
}

/*
 * A U+0000 that a charset conversion (UTF-16) made is replaced by
 * U+FFFD, with a warning: block text is a C string (found by fuzzing).
 */
static void
nul_repair(struct doc *d, struct buf *conv)
{
	struct buf out;
	size_t i, nnul = 0;

	if (conv->len == 0 || memchr(conv->data, '\0', conv->len) == NULL)
		return;
	buf_init(&out);
	for (i = 0; i < conv->len; i++)
		if (conv->data[i] == '\0') {
			buf_adds(&out, "\xEF\xBF\xBD");
			nnul++;
		} else
			buf_addc(&out, conv->data[i]);
	doc_diag_add(d, DOC_DIAG_WARNING, 0,
	    "%zu NUL characters replaced by U+FFFD", nnul);
	buf_free(conv);
	*conv = out;
}

/*
 * Decodes the bytes into UTF-8 text: *text points either into bytes or
 * into conv, which the caller frees.  valid: utf8_valid() of the bytes
 * if the caller knows it, else NOFF.  (NFC comes later, block by block,
 * in emit(): most blocks are NFC and need no copy.)  Returns -1 with
 * *cause for input that is not a text document.
 */
static int
decode(struct doc *d, const char *bytes, size_t len, size_t valid,
    const char *enc, struct buf *conv, const char **text, size_t *tlen,
    char **cause)
{
	const char *name = NULL;
	size_t ok, nbad = 0;
	int conf = 0;

	if (enc == NULL) {
		if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
			bytes += 3;
			len -= 3;
			if (valid != NOFF)
				valid -= 3;	/* the BOM is well-formed */
		} else if (len >= 2 && memcmp(bytes, "\xFF\xFE", 2) == 0)
			enc = "UTF-16LE", bytes += 2, len -= 2;
		else if (len >= 2 && memcmp(bytes, "\xFE\xFF", 2) == 0)
			enc = "UTF-16BE", bytes += 2, len -= 2;
	}
	if (enc == NULL) {
		/* One pass for both: utf8_valid() stops at a NUL byte. */
		ok = valid != NOFF ? valid : utf8_valid(bytes, len);
		if (ok < len && memchr(bytes + ok, '\0', len - ok) != NULL) {
			*cause = xstrdup("not a text document");
			return -1;
		}
	}
	if (len == 0) {
		*cause = xstrdup("empty document");
		return -1;
	}
	if (enc == NULL) {
		if (ok == len) {
			name = "UTF-8";
			*text = bytes;
			*tlen = len;
		} else {
			name = text_charset_detect(bytes, len, &conf);
			if (name == NULL || strcmp(name, "UTF-8") == 0 ||
			    strncmp(name, "UTF-16", 6) == 0 ||
			    strncmp(name, "UTF-32", 6) == 0) {
				name = "UTF-8";
				utf8_repair(d, bytes, len, ok, conv);
			} else {
				doc_diag_add(d, DOC_DIAG_NOTE, 0,
				    "not UTF-8; read as %s (ICU confidence "
				    "%d)", name, conf);
				enc = name;
			}
		}
	}
	if (enc != NULL) {
		if (text_charset_to_utf8(enc, bytes, len, conv, &nbad,
		    cause) != 0)
			return -1;
		if (nbad > 0)
			doc_diag_add(d, DOC_DIAG_WARNING, 0,
			    "%zu bytes not in %s replaced by U+FFFD", nbad,
			    enc);
		nul_repair(d, conv);
		name = enc;
	}
	if (conv->len > 0 || enc != NULL) {
		*text = conv->data != NULL ? conv->data : "";
		*tlen = conv->len;
		/* A BOM that a forced charset kept. */
		if (*tlen >= 3 && memcmp(*text, "\xEF\xBB\xBF", 3) == 0) {
			*text += 3;
			*tlen -= 3;
		}
	}
	doc_meta_set(d, DOC_META_ENCODING, name, strlen(name));
	return 0;
}

/* doc_import(), valid as for decode(). */
static struct doc *
import(const char *bytes, size_t len, size_t valid,
    const struct doc_import_opts *o, char **cause)
{
	struct imp im;
	struct inl in;
	struct buf conv, ext = { 0 }, canon = { 0 };
	size_t *lmap = NULL;
	struct lines it;
	struct line line;
	const char *text = NULL;
	size_t tlen = 0;
	bool any = false;

	/* PDF front end hook (doc-pdf.c): a PDF, known by its bytes, is
	 * turned into canonical text, which comes back here as text. */
	if ((o == NULL || !o->from_pdf) && doc_pdf_is(bytes, len))
		return doc_pdf_import(bytes, len, o, cause);

	memset(&im, 0, sizeof im);
	im.d = doc_new();
	buf_init(&conv);
	if (decode(im.d, bytes, len, valid, o != NULL ? o->encoding : NULL,
	    &conv, &text, &tlen, cause) != 0) {
		buf_free(&conv);
		doc_free(im.d);
		return NULL;
	}
	/* An extraction by pdftotext: its own stages (doc-lines.h) make
	 * canonical text of it. */
	if (doc_extract_is(text, tlen)) {
		doc_extract_canon(im.d, text, tlen, &ext, &canon, &lmap,
		    &im.nlmap);
		im.lmap = lmap;
		text = canon.data != NULL ? canon.data : "";
		tlen = canon.len;
	}
	im.text = text;
	im.tlen = tlen;
	lines_init(&it, &im);
	while (!any && line_next(&it, &line)) {
		const char *s = line.s;
		size_t n = line.len;

		trim(&s, &n);
		any = n > 0;
	}
	if (!any) {
		*cause = xstrdup("empty document");
		buf_free(&conv);
		buf_free(&ext);
		buf_free(&canon);
		free(lmap);
		doc_free(im.d);
		return NULL;
	}
	buf_init(&im.labels);
	im.pdf = detect_pdf(&im);
	/*
	 * At most one block starts on a line, and a line is one piece of a
	 * block in line style (two at most in PDF style): the arrays are
	 * made that large at once, and their pages mapped at once.
	 */
	im.body.cap = im.body.cseg = im.nlines + 16;
	im.body.v = xreallocarray(NULL, im.body.cap, sizeof *im.body.v);
	im.body.seg = xreallocarray(NULL, im.body.cseg, sizeof *im.body.seg);
	util_prefault(im.body.v, im.body.cap * sizeof *im.body.v);
	util_prefault(im.body.seg, im.body.cseg * sizeof *im.body.seg);
	if (im.pdf)
		assemble_pdf(&im);
	else
		assemble_lines(&im);
	find_title(&im);
	pages_find(&im);
	symbol_from_name(&im, o != NULL ? o->name : NULL);

	/* The text only shrinks on its way: one allocation. */
	doc_reserve(im.d, tlen + im.labels.len + 16 * (im.body.n +
	    im.fns.n) + 64, im.body.n + im.fns.n);
	memset(&in, 0, sizeof in);
	buf_init(&in.out);
	buf_init(&in.labs);
	emit(&im, &im.body, &in);
	emit(&im, &im.fns, &in);
	inl_free(&in);
	doc_finish(im.d);

	free(im.body.v);
	free(im.fns.v);
	free(im.body.seg);
	free(im.fns.seg);
	free(im.ffline);
	buf_free(&im.labels);
	buf_free(&conv);
	buf_free(&ext);
	buf_free(&canon);
	free(lmap);
	return im.d;
}

struct doc *
doc_import(const char *bytes, size_t len, const struct doc_import_opts *o,
    char **cause)
{
	return import(bytes, len, NOFF, o, cause);
}

#define READ_CHUNK	(256 * 1024)	/* read, then validate in cache */

/*
 * util_file_read() for a regular file whose size is known: the buffer is
 * allocated once and prefaulted before read() fills it, which saves the
 * 2,000 page faults of an 8 MB file; and each chunk read is checked for
 * UTF-8 at once, while it is still in the cache, rather than in another
 * pass over the whole buffer.  *valid receives utf8_valid() of the
 * bytes.  Anything else (standard input, a pipe, an empty or unreadable
 * file) goes to util_file_read(), which also words the errors, and
 * *valid is NOFF.  *out (caller frees) gets a NUL after *len bytes.
 */
static int
file_read(const char *path, char **out, size_t *len, size_t *valid,
    char **cause)
{
	struct stat st;
	size_t cap, n = 0, v = 0;
	bool vdone = false;
	ssize_t r;
	char *p;
	int fd;

	*valid = NOFF;
	if (strcmp(path, "-") == 0 ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return util_file_read(path, out, len, cause);
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uintmax_t)st.st_size >= SIZE_MAX / 2) {
		close(fd);
		return util_file_read(path, out, len, cause);
	}
	cap = (size_t)st.st_size + 1;
	p = xmalloc(cap);
	util_prefault(p, cap);
	for (;;) {
		if (n == cap - 1) {
			/* Full: the file grew, or this is its end, which a
			 * read into the buffer doubled would have found at
			 * the cost of twice the file's size in memory. */
			char probe[4096];

			if ((r = read(fd, probe, sizeof probe)) > 0) {
				cap = 2 * cap + sizeof probe;
				p = xreallocarray(p, cap, 1);
				memcpy(p + n, probe, (size_t)r);
			}
		} else
			r = read(fd, p + n, cap - 1 - n < READ_CHUNK ?
			    cap - 1 - n : READ_CHUNK);
		if (r == 0)
			break;
		if (r == -1) {
			if (errno == EINTR)
				continue;
			*cause = xasprintf("%s: %s", path, strerror(errno));
			close(fd);
			free(p);
			return -1;
		}
		n += (size_t)r;
		/*
		 * Stopped 4 bytes or more before the end, the check has
		 * found an ill-formed sequence: it is over.  Nearer the end,
		 * a sequence may be cut by the chunk: look again with more.
		 */
		if (!vdone) {
			v += utf8_valid(p + v, n - v);
			vdone = n - v >= 4;
		}
	}
	close(fd);
	if (!vdone)
		v += utf8_valid(p + v, n - v);
	p[n] = '\0';
	*out = p;
	*len = n;
	*valid = v;
	return 0;
}

struct doc *
doc_import_file(const char *path, const struct doc_import_opts *o,
    char **cause)
{
	struct doc_import_opts opts;
	struct doc *d;
	char *data, *why;
	size_t len, valid;

	if (file_read(path, &data, &len, &valid, cause) != 0)
		return NULL;
	memset(&opts, 0, sizeof opts);
	if (o != NULL)
		opts = *o;
	if (opts.name == NULL && strcmp(path, "-") != 0)
		opts.name = path;
	d = import(data, len, valid, &opts, &why);
	free(data);
	if (d == NULL) {
		*cause = xasprintf("%s: %s", strcmp(path, "-") == 0 ?
		    "standard input" : path, why);
		free(why);
	}
	return d;
}

int
doc_text_read(const char *path, const struct doc_import_opts *o,
    struct doc_text *t, char **cause)
{
	size_t len, valid;
	char *why = NULL;

	memset(t, 0, sizeof *t);
	if (file_read(path, &t->raw_, &len, &valid, cause) != 0)
		return -1;
	t->conv_ = xmalloc(sizeof *t->conv_);
	buf_init(t->conv_);
	t->d = doc_new();
	if (decode(t->d, t->raw_, len, valid, o != NULL ? o->encoding : NULL,
	    t->conv_, &t->s, &t->len, &why) != 0) {
		*cause = xasprintf("%s: %s", strcmp(path, "-") == 0 ?
		    "standard input" : path, why);
		free(why);
		doc_text_free(t);
		return -1;
	}
	doc_finish(t->d);
	/* Decoded into conv: the bytes are no longer needed. */
	if (t->s < t->raw_ || t->s > t->raw_ + len) {
		free(t->raw_);
		t->raw_ = NULL;
	}
	return 0;
}

void
doc_text_free(struct doc_text *t)
{
	free(t->raw_);
	if (t->conv_ != NULL)
		buf_free(t->conv_);
	free(t->conv_);
	doc_free(t->d);
	memset(t, 0, sizeof *t);
}
