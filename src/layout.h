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
