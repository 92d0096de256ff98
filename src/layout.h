/*
 * layout.h - one paragraph of logical text -> visual lines of cells.
 *
 * The only module that talks to FriBidi.  It is pure: no terminal, no
 * I/O.  Work is split in two so that a resize redoes only the cheap half:
 *
 *   lay_para_new()   once per paragraph, whatever the width: bidi classes
 *                    (from ICU via text.h), embedding levels of the WHOLE
 *                    paragraph, Arabic joining and shaping, mirroring
 *                    (line break opportunities are found, once, the
 *                    first time a wrap overflows a line);
 *   lay_para_wrap()  per width W: greedy line filling on the logical
 *                    text, then each line reordered on its own (UAX #9
 *                    L1-L4) and cut into cells.
 *
 * One RTL line, logical and visual (W = 24, right-aligned):
 *
 *   logical   ذكر التقرير أن Microsoft Windows ...
 *             0  3 4      11 ...
 *   visual   |Microsoft ﻥﺃ ﺮﻳﺮﻘﺘﻟﺍ ﺮﻛﺫ|
 *             x=0 .......... x=23
 *
 * Every cell knows the logical code points it shows, [lmin, lmax]: a
 * lam-alef ligature is one cell for two code points, a letter with its
 * harakat one cell, a tab several cells for one code point.  That map is
 * what highlights, search hits and the cursor are drawn through.
 */
#ifndef HAMISH_LAYOUT_H
#define HAMISH_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Paragraph direction. */
enum lay_dir {
	LAY_DIR_AUTO,		/* first strong character (P2-P3), else LTR */
	LAY_DIR_AUTO_RTL,	/* first strong character, else RTL */
	LAY_DIR_LTR,		/* forced (HL1) */
	LAY_DIR_RTL
};

/* lay_para_new() flags. */
#define LAY_NO_SHAPE	0x1	/* no Arabic shaping (mirroring still done) */

#define LAY_MARKS_MAX	4	/* marks on one cell: curses' CCHARW_MAX - 1 */

/* One terminal cell of a visual line: a plain value. */
struct lay_cell {
	uint32_t	base;		/* spacing code point, safe to print */
	uint32_t	marks[LAY_MARKS_MAX]; /* zero-width marks drawn on it */
	uint32_t	lmin;		/* logical code points shown, */
	uint32_t	lmax;		/*   inclusive */
	uint16_t	x;		/* column in the row, 0 = left edge */
	uint8_t		width;		/* 1 or 2 */
	uint8_t		nmarks;
};

/* One visual line: a plain value. */
struct lay_line {
	size_t		start;		/* logical [start, end) on this line, */
	size_t		end;		/*   hanging white space included */
	size_t		cell;		/* first cell in lay_lines.cell */
	size_t		ncell;
	int		width;		/* cells wide, without the padding */
};

/*
 * The lines of one paragraph at one width; lay_lines_free() frees them.
 * Zero it before first use; a wrap into a used one reuses its storage.
 */
struct lay_lines {
	struct lay_line	*line;
	size_t		 nline;
	size_t		 cap_line;
	struct lay_cell	*cell;		/* all lines' cells, left to right */
	size_t		 ncell;
	size_t		 cap_cell;
	int		 width;		/* W they were laid out for */
	bool		 rtl;		/* right-aligned */
};

/* A run of columns [x0, x1) on visual line `line`. */
struct lay_span {
	size_t		line;
	int		x0;
	int		x1;
};

struct lay_para;

/*
 * Analyses n code points of one paragraph (no paragraph separator inside;
 * the text is copied).  Returns a new analysis; free with lay_para_free().
 */
struct lay_para	*lay_para_new(const uint32_t *, size_t, enum lay_dir, int);
/*
 * The same for a caller that analyses paragraph after paragraph: the
 * analysis lp (NULL the first time) is replaced by that of the new text,
 * in its memory, which only grows and is kept between paragraphs along
 * with lay_para_wrap()'s working memory.  Returns the analysis (lp, or a
 * new one when lp is NULL); free with lay_para_free() once done.
 */
struct lay_para	*lay_para_renew(struct lay_para *, const uint32_t *, size_t,
		    enum lay_dir, int);
void		 lay_para_free(struct lay_para *);
size_t		 lay_para_len(const struct lay_para *);
/* True when the resolved paragraph direction is right-to-left. */
bool		 lay_para_rtl(const struct lay_para *);

/*
 * Lays the paragraph out at width W (>= 1) into *out (zeroed, or the
 * result of an earlier wrap, whose storage is reused; free with
 * lay_lines_free()).  No line is wider than W unless it holds a
 * single grapheme wider than W.
 */
void		 lay_para_wrap(const struct lay_para *, int, struct lay_lines *);
/*
 * Part of a wrap, for a paragraph laid out window by window (a huge one,
 * see render-plain.c): the lines that start at from (a line start) and
 * on, as long as they start before until; returns where the next line
 * would start (the paragraph's length when it is done).
 */
size_t		 lay_para_wrap_range(const struct lay_para *, int, size_t,
		    size_t, struct lay_lines *);
/*
 * A huge paragraph laid out window by window (layout-big.c): len bytes
 * of UTF-8 at s (borrowed until lay_big_free()), decoded with TEXT_NFC,
 * in windows of about win code points (at least 8,193), with dir and
 * flags as for lay_para_new().  The rows are those of one layout of the
 * whole but where a bracket pair or an embedding spans more than a
 * window.
 */
struct lay_big;
struct lay_big	*lay_big_new(const char *, size_t, enum lay_dir, int,
		    size_t);
void		 lay_big_free(struct lay_big *);
/*
 * Wraps at width W.  Each window's lines with their cells (offsets
 * counting from the paragraph's start) go to each(arg, lines) if each is
 * set, borrowed for the call; all the lines without cells (ncell 0) go
 * to *all if all is set, for lay_big_window().
 */
void		 lay_big_wrap(struct lay_big *, int, struct lay_lines *,
		    void (*)(void *, const struct lay_lines *), void *);
/*
 * The lines, with cells, of the window of the last wrap (with all) that
 * holds line li of all; *first is the index in all of its first line.
 * Borrowed until the next call.
 */
const struct lay_lines *lay_big_window(struct lay_big *, size_t, size_t *);
/* The direction it resolves to (LAY_DIR_LTR or LAY_DIR_RTL). */
enum lay_dir	 lay_big_dir(struct lay_big *);
/* Ill-formed UTF-8 sequences the first wrap found. */
size_t		 lay_big_invalid(const struct lay_big *);

/*
 * The direction a paragraph of n code points resolves to (UAX #9 P2-P3
 * by FriBidi): LAY_DIR_LTR or LAY_DIR_RTL; dir as for lay_para_new().
 * What each window of a huge paragraph is laid out with.
 */
enum lay_dir	 lay_dir_resolve(const uint32_t *, size_t, enum lay_dir);
/*
 * Where the analysis of a window whose lines start at s should begin:
 * at the last strong (L, R, AL) code point before s, not more than max
 * code points back, so that the weak and neutral types after it resolve
 * as in the whole paragraph; 0 at the most.
 */
size_t		 lay_context_start(const uint32_t *, size_t, size_t);
void		 lay_lines_free(struct lay_lines *);

/*
 * Reorders the logical slice [start, end) as one line, the path
 * lay_para_wrap() takes for each line: levels[start..end) receive the
 * levels after rule L1, map[0..end-start) the logical index shown at each
 * visual position.  With nsm, marks follow their base (L3).  Exposed for
 * the conformance tests.  Returns the paragraph embedding level.
 */
int		 lay_para_reorder(const struct lay_para *, size_t, size_t, bool,
		    uint8_t *, size_t *);

/*
 * The columns covering logical range [start, end): appends spans to *out
 * (caller frees; may be NULL at first) and returns how many there are.
 * A range can show as several pieces on one line (mixed directions).
 */
size_t		 lay_range_spans(const struct lay_lines *, size_t, size_t,
		    struct lay_span **);
/* The line holding logical offset i (the last line for i >= length). */
size_t		 lay_line_of(const struct lay_lines *, size_t);

#endif
