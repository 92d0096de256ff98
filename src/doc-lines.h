/*
 * doc-lines.h - the line stage of the import pipeline for text that
 * pdftotext made of a PDF (doc-lines.c), and the line record the later
 * stages share:
 *
 *   doc-extract.c    bytes -> logical lines (embedding controls read)
 *   doc-lines.c      lines -> records: page, width, trimmed text
 *   doc-furniture.c  records marked furniture: repeated at page edges,
 *                    page numbers N/M, job numbers, barcodes
 *   doc-labels.c     paragraph numbers, headings, sub-paragraph letters
 *                    found and kept when they run in sequence
 *   doc-footnotes.c  the notes at the foot of each page, their markers
 *   doc-assemble.c   records -> paragraphs, as the canonical text that
 *                    the line-style importer (doc-import.c) reads
 *   doc-words.c      spaces inside words taken out where the document
 *                    has the whole word
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
};

/* The lines of a text: a plain value, zeroed by the caller. */
struct dl_doc {
	struct dl_line	*v;
	size_t		 n, cap;
	size_t		 npages;
};

/*
 * Splits s[0..n) (valid UTF-8, borrowed: it must outlive d) into lines;
 * a form feed starts a page.  dl_free() releases what d holds.
 */
void		 dl_split(struct dl_doc *, const char *, size_t);
void		 dl_free(struct dl_doc *);

/* Helpers for the stages.  dl_dec: the code point at s[*i], advanced. */
uint32_t	 dl_dec(const char *, size_t, size_t *);
int		 dl_digit(uint32_t);	/* any script, or -1 */
bool		 dl_is_dash(uint32_t);
bool		 dl_is_space(uint32_t);
/* Digits s[*i..) as a number (at most 6), *i advanced; false if none. */
bool		 dl_number(const char *, size_t, size_t *, long *);

#endif
