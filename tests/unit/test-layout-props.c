/*
 * test-layout-props.c - properties of the layout of every paragraph of
 * the four seed documents at every width from 10 to 160:
 *
 *   - no line wider than W (unless it is one grapheme);
 *   - RTL lines end exactly at the right edge (rows are W cells), cells
 *     contiguous;
 *   - the lines' logical ranges run top to bottom, in order, and cover
 *     the paragraph; every code point is shown by a cell of its line,
 *     except white space hanging at the line's end;
 *   - no break inside a word (between two letters, marks or digits)
 *     unless its white-space-delimited token is wider than W;
 *   - no U+FEFF, control or format character in any cell.
 *
 * A paragraph here is one line of a seed (seed 000 is one paragraph per
 * line; the others are checked line by line too).  HAMISH_CORPUS names
 * the corpus directory (default tests/corpus).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "tap.h"
#include "text.h"
#include "util.h"

static const char *seeds[] = {
	"000_81311ed4a92fdab7.txt", "001_9cffd64b9ac82079.txt",
	"002_a2ddec63a1cf2f60.txt", "003_50053b280e36211a.txt",
};

struct stats {
	long	lines, paras, wide, notrtl, order, cover, midword, badcell;
	char	first[512];
};

static void
fail(struct stats *st, long *counter, const char *what, size_t p, int w)
{
	if ((*counter)++ == 0 && st->first[0] == '\0')
		snprintf(st->first, sizeof st->first,
		    "%s (paragraph %zu, W=%d)", what, p, w);
}

/* A break at b is inside a word when letters, marks or digits meet. */
static bool
break_ok(const uint32_t *t, size_t b)
{
	return !text_cp_is_word(t[b - 1]) || !text_cp_is_word(t[b]);
}

/* Width of the white-space-delimited token around position b. */
static int
token_width(const uint32_t *t, size_t n, size_t b)
{
	size_t s = b, e = b;
	int w = 0;

	while (s > 0 && !text_cp_is_space(t[s - 1]))
		s--;
	while (e < n && !text_cp_is_space(t[e]))
		e++;
	for (; s < e; s++)
		w += text_cp_width(t[s]);
	return w;
}

static void
check_layout(struct stats *st, const uint32_t *t, size_t n,
    const struct lay_lines *ll, bool rtl, size_t p)
{
	const struct lay_line *ln;
	const struct lay_cell *c;
	uint8_t *seen = xcalloc(n + 1, 1);
	size_t li, k, i, trim;
	int w = ll->width, x, m;

	for (li = 0; li < ll->nline; li++) {
		ln = &ll->line[li];
		st->lines++;
		if (ln->width > w && ln->end - ln->start > 1)
			fail(st, &st->wide, "line wider than W", p, w);
		if ((li == 0 && ln->start != 0) || (li > 0 &&
		    ln->start != ll->line[li - 1].end) || ln->end < ln->start)
			fail(st, &st->order, "lines out of order", p, w);
		if (li + 1 < ll->nline && !break_ok(t, ln->end) &&
		    token_width(t, n, ln->end) <= w)
			fail(st, &st->midword, "break inside a word", p, w);
		x = ln->ncell > 0 ? ll->cell[ln->cell].x : 0;
		for (k = 0; k < ln->ncell; k++) {
			c = &ll->cell[ln->cell + k];
			if (c->x != x)
				fail(st, &st->notrtl, "cells not contiguous",
				    p, w);
			x += c->width;
			for (i = c->lmin; i <= c->lmax && i < n; i++)
				seen[i] = 1;
			if (c->base == 0xFEFF || text_cp_class(c->base) >=
			    TEXT_CLS_IGNORE)
				fail(st, &st->badcell, "bad cell base", p, w);
			for (m = 0; m < c->nmarks; m++)
				if (text_cp_class(c->marks[m]) !=
				    TEXT_CLS_MARK)
					fail(st, &st->badcell,
					    "bad cell mark", p, w);
		}
		if (rtl && ln->ncell > 0 && x != w && ln->width <= w)
			fail(st, &st->notrtl, "RTL row not W cells", p, w);
		trim = ln->end;
		while (trim > ln->start && text_cp_is_space(t[trim - 1]))
			trim--;
		for (i = ln->start; i < trim; i++)
			if (!seen[i] && text_cp_class(t[i]) != TEXT_CLS_IGNORE)
				fail(st, &st->cover, "code point not shown",
				    p, w);
	}
	if (ll->nline == 0 || ll->line[ll->nline - 1].end != n)
		fail(st, &st->order, "lines do not reach the end", p, w);
	free(seen);
}

static void
check_seed(const char *dir, const char *name)
{
	struct stats st;
	struct lay_lines ll = { 0 };
	struct lay_para *lp;
	char *path, *data, *cause, *s, *e;
	uint32_t *t;
	size_t len, n;
	int w;

	memset(&st, 0, sizeof st);
	path = xasprintf("%s/%s", dir, name);
	if (!ok(util_file_read(path, &data, &len, &cause) == 0, "read %s",
	    path)) {
		free(path);
		return;
	}
	for (s = data; s < data + len; s = e + 1) {
		e = memchr(s, '\n', (size_t)(data + len - s));
		if (e == NULL)
			e = data + len;
		t = text_utf8_decode(s, (size_t)(e - s), TEXT_NFC, &n, NULL);
		if (token_width(t, n, 0) > 0 || n > 0) {
			lp = lay_para_new(t, n, LAY_DIR_AUTO_RTL, 0);
			for (w = 10; w <= 160; w++) {
				lay_para_wrap(lp, w, &ll);
				check_layout(&st, t, n, &ll,
				    lay_para_rtl(lp), (size_t)st.paras);
				lay_lines_free(&ll);
			}
			lay_para_free(lp);
			st.paras++;
		}
		free(t);
	}
	printf("# %s: %ld paragraphs, %ld lines checked%s%s\n", name,
	    st.paras, st.lines, st.first[0] ? "; first failure: " : "",
	    st.first);
	is_int(st.wide, 0, "%s: no line wider than W", name);
	is_int(st.notrtl, 0, "%s: RTL rows exactly W cells", name);
	is_int(st.order, 0, "%s: lines in logical order, covering all",
	    name);
	is_int(st.cover, 0, "%s: every code point shown by its line", name);
	is_int(st.midword, 0, "%s: no break inside a word that fits", name);
	is_int(st.badcell, 0, "%s: no U+FEFF or control in any cell", name);
	free(data);
	free(path);
}

int
main(void)
{
	const char *dir = getenv("HAMISH_CORPUS");
	size_t i;

	if (dir == NULL)
		dir = "tests/corpus";
	for (i = 0; i < UTIL_NELEM(seeds); i++)
		check_seed(dir, seeds[i]);
	text_cleanup();
	return tap_done();
}
