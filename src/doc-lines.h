/*
 * doc-lines.h - the line record that the stages of the import pipeline
 * share, and the line stage for text that pdftotext made of a PDF
 * (doc-lines.c).  Two sources make the records, and the same stages
 * read them:
 *
 *   doc-extract.c    bytes -> logical lines (embedding controls read)
 *   doc-lines.c      lines -> records: page, width, trimmed text
 *     or
 *   doc-pdf.c        PDF pages -> records, one per printed line in
 *                    reading order, with what only the page shows:
 *                    type size and weight, position on the page, insets
 *                    from the text block (d->geo set)
 *   then
 *   doc-furniture.c  records marked furniture: repeated at page edges
 *                    (the top and bottom bands, with geometry), page
 *                    numbers N/M, job numbers, barcodes
 *   doc-labels.c     paragraph numbers, headings, sub-paragraph letters
 *                    found and kept when they run in sequence
 *   doc-footnotes.c  the notes at the foot of each page, their markers
 *                    (with geometry: the smaller type after the body)
 *   doc-assemble.c   records -> paragraphs, as the canonical text that
 *                    the line-style importer (doc-import.c) reads (with
 *                    geometry: spacing, insets, type changes)
 *   doc-words.c      spaces inside words taken out where the document
 *                    has the whole word (text only: a PDF's spaces come
 *                    from its glyph gaps)
 *
 * Each stage has a branch for the evidence of geometry and one for text
 * alone; a record of a text has its geometry fields zero.
 *
 * For the doc-*.c files only.  Pure: no I/O, no ICU.
 */
#ifndef HAMISH_DOC_LINES_H
#define HAMISH_DOC_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;

enum dl_kind {
	DL_BLANK,		/* nothing but white space */
	DL_BODY,		/* text of the document */
	DL_FURN,		/* page furniture: dropped */
	DL_USED,		/* part of a label on the line before */
	DL_NOTE			/* a footnote's line, at the foot of a page */
};

enum dl_lab {
	DL_LAB_NONE,
	DL_LAB_PARA,		/* "12 - text", "- 12 text", "12 -" alone */
	DL_LAB_NUM,		/* digits alone (a number on its own line) */
	DL_LAB_HEAD,		/* "أولاً - title", "ألف - title" */
	DL_LAB_SUB,		/* "(أ) text" */
	DL_LAB_NOTE		/* a footnote's first line: "(12) text" */
};

/* One line of the text; s borrowed from the text given to dl_split(). */
struct dl_line {
	const char	*s;		/* trimmed */
	size_t		 n;
	size_t		 no;		/* source line, 1-based */
	size_t		 page;		/* 0-based */
	size_t		 width;		/* code points, white space runs as
					   one */
	enum dl_kind	 kind;
	enum dl_lab	 lab;
	bool		 keep;		/* the label runs in sequence */
	int		 level;		/* heading 1 or 2 */
	long		 value;		/* number, ordinal, letter */
	size_t		 lab_off, lab_len;	/* the label as printed */
	size_t		 body_off;	/* where the text after it starts */
	size_t		 body_end;	/* a note's text ends here, if not 0
					   (its label at the end) */
	/*
	 * What only a PDF shows (doc-pdf.c), zero for text.  Lengths in
	 * ems of the body type, y down from the page's top edge; the
	 * text block is the span most body lines of the page fill:
	 *
	 *      |<-lin->|........................|<-rin->|   (a line)
	 *      L: the block's left edge                 R: its right edge
	 */
	float		 size;		/* type size / body type size */
	float		 top, bot;	/* the line's extent down the page */
	float		 ph;		/* the page's height */
	float		 lin, rin;	/* the block's edges to the line's */
	bool		 bold;
};

/* The lines of a text: a plain value, zeroed by the caller. */
struct dl_doc {
	struct dl_line	*v;
	size_t		 n, cap;
	size_t		 npages;
	bool		 geo;		/* the records have geometry */
	float		 pitch;		/* baseline to baseline, body type,
					   in ems (geo) */
	size_t		 upto;		/* dl_assemble() writes the lines of
					   pages [0, upto); 0: all */
};

/*
 * Splits s[0..n) (valid UTF-8, borrowed: it must outlive d) into lines;
 * a form feed starts a page.  dl_free() releases what d holds.
 */
void		 dl_split(struct dl_doc *, const char *, size_t);
/*
 * Appends a record of line s[0..n) (borrowed, as for dl_split()) on page
 * page, trimmed, its width counted, its other fields zero; returns it
 * (valid until the next dl_push()).  Source line numbers are the
 * caller's to set.
 */
struct dl_line	*dl_push(struct dl_doc *, const char *, size_t, size_t);
void		 dl_free(struct dl_doc *);

/* Helpers for the stages.  dl_dec: the code point at s[*i], advanced. */
uint32_t	 dl_dec(const char *, size_t, size_t *);
int		 dl_digit(uint32_t);	/* any script, or -1 */
int		 dl_sup_digit(uint32_t);	/* ⁰ to ⁹, or -1 */
/* Whether s[0..n) is only digits of any script, lo to hi of them. */
bool		 dl_digits_only(const char *, size_t, size_t, size_t);
bool		 dl_is_dash(uint32_t);
bool		 dl_is_space(uint32_t);
/* Digits s[*i..) as a number (at most 6), *i advanced; false if none. */
bool		 dl_number(const char *, size_t, size_t *, long *);
/*
 * Drops from b->data[from..) the ASCII letters or symbols that stand for
 * a kashida: a font whose tatweel glyph has no Unicode of its own gives
 * it the code of a Latin letter or a symbol ("فعالQQة", "باألشAAخاص",
 * "االتج%%ار"), which a PDF's text and pdftotext then carry inside the
 * Arabic word.  A run of one of them repeated, with no space on either
 * side, after a letter that joins the next and before one that joins the
 * previous (harakat aside) is such a stretch: no Latin word is written
 * inside an Arabic one.  Punctuation is kept.  Returns how many runs
 * went.
 */
size_t		 dl_kashida_drop(struct buf *, size_t);
/*
 * Puts back the brackets of b->data[from..) that a producer drew as the
 * mirrored glyph of their pair and mapped to that pair's code: XeTeX's
 * right-to-left text gives ")٢٢ في المائة(" for "(٢٢ في المائة)".  The
 * The evidence is the text's: brackets that face away from the Arabic
 * they touch (")٢٢", "المائة("), five at least and three times as many
 * as those that face it ("(٢٢", "المائة)").  Then every ( ) [ ] { } < > in right-to-left text (not
 * between two Latin letters) is turned round.  Byte lengths do not
 * change.  Returns whether it did.
 */
bool		 dl_mirrored_fix(struct buf *, size_t);
/* The same in steps, for text that is not one buffer: the evidence of
 * line s[0..n) added to ev (zeroed first: facing, facing away), whether
 * it is enough, and the brackets of a line turned round. */
void		 dl_mirror_count(const char *, size_t, size_t[2]);
bool		 dl_mirror_wanted(const size_t[2]);
void		 dl_mirror_swap(char *, size_t);
/* Whether c is what such a kashida comes out as: an ASCII letter or one
 * of # $ % & + < = > @ ^ _ ` | ~ (not punctuation: "النهائي.وفي"). */
bool		 dl_stretch_char(uint32_t);

/*
 * A value and what it stands for, to be sorted by the value: the PDF
 * front end sorts glyphs by their left edge and measures for their most
 * frequent value, about 2,000 sorts of a hundred values a page, where
 * qsort()'s call of a comparison function per step cost more than the
 * rest of the line's work.
 */
struct dl_key {
	float		 v;
	uint32_t	 i;
};

/*
 * Sorts k[0..n) by v, ascending; keys with equal v keep their order
 * (stable), so the result is the one qsort() gives with a comparison of
 * v alone on glibc (a merge sort).  NaN has no place in the order.
 */
void		 dl_sort_keys(struct dl_key *, size_t);
/*
 * The most frequent of x[0..n) give or take tol: the value with most
 * others within tol of it, the smallest such on a tie; 0 if n is 0.
 * Sorts x (ascending, as dl_sort_keys()).
 */
float		 dl_mode(float *, size_t, float);

#endif
