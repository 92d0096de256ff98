/*
 * ui-margin.c - notes in the margin (هامش): on a screen of 120 columns
 * or more, the text of each note on screen stands beside its passage,
 * the text column narrowed to leave the room; the gutter's `*` and the
 * underlined words say which words it is about.  Narrower, Enter or a
 * click on the mark shows the note over the text instead.
 *
 * The margin is on the side where the lines end: the left for a
 * right-to-left document, the right for a left-to-right one.  So the
 * paragraph numbers and the gutter stay at the screen's edge where they
 * are on a narrow screen, and a note is read after its line, not
 * across the numbers.
 *
 *   |ملاحظة على الكلمات *│      يمثّل القانون الدولي إلزاماً ...*  ١٢|
 *   |       تكمل هنا      │  ... ...                            |
 *
 * Part of the controller (see ui-int.h): no curses.  Where notes go is
 * view-margin.c's arithmetic; this file measures and paints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "notes.h"
#include "store.h"
#include "theme.h"
#include "ui.h"
#include "ui-int.h"
#include "util.h"
#include "view-margin.h"

#define MARGIN_MAX	60	/* cells of note text at most */

int
ui_margin_cols(const struct ui *u)
{
	int m;

	if (u->cols < MARGIN_MIN_COLS || u->o.store == NULL || u->o.nomargin)
		return 0;
	m = u->cols * 3 / 10;	/* 36 at 120 columns */
	return (m < MARGIN_MAX ? m : MARGIN_MAX) + 1;	/* and the rule */
}

int
ui_text_cols(const struct ui *u)
{
	int w = u->cols - ui_margin_cols(u);

	return w > 0 ? w : 1;
}

/* Whether the current document has its margin on the left. */
static bool
margin_left(const struct ui *u)
{
	return u->nbuf > 0 && view_rtl(u->buf[u->cur]->view);
}

int
ui_text_x0(const struct ui *u)
{
	return margin_left(u) ? ui_margin_cols(u) : 0;
}

/* A note being placed. */
struct mnote {
	size_t		 i;		/* notes_get() index */
	char		*text;		/* one line: newlines made spaces */
	struct margin_item it;
};

/* The screen row of r among the text rows (rows[0 .. n)), -1 above the
 * screen, n below it. */
static int
row_on_screen(const struct view_pos *rows, int n, const struct view_pos *r)
{
	if (n == 0 || view_pos_cmp(r, &rows[0]) < 0)
		return -1;
	for (int y = 0; y < n; y++)
		if (view_pos_cmp(r, &rows[y]) <= 0)
			return y;
	return n;
}

static void
put(struct ui *u, int x, int y, uint32_t c, int face)
{
	struct view_cell *cell;

	if (x < 0 || x >= u->cols || y < 0 || y >= ui_text_rows(u))
		return;
	cell = &u->scr.cell[(size_t)y * (size_t)u->cols + (size_t)x];
	*cell = (struct view_cell){ c, { 0 }, 0, 1, (uint8_t)face };
}

void
ui_margin_draw(struct ui *u)
{
	struct buffer *b = ui_cur(u);
	int mc = ui_margin_cols(u), mw = mc - 1, tw = mw - 2, n = ui_text_rows(u);
	int rule_x, mx0, y, k, left_out;
	bool left = margin_left(u);
	struct view_pos *rows, p;
	struct mnote *m = NULL;
	struct margin_place *pl;
	size_t nm = 0, i, j;

	u->nmhit = 0;
	if (mc == 0 || b == NULL || u->in_list || tw < 4)
		return;
	rule_x = left ? mw : u->cols - mc;
	mx0 = left ? 0 : rule_x + 1;	/* the margin's first column */
	for (y = 0; y < n; y++)
		put(u, rule_x, y, 0x2502, TF_RULE);
	if (b->notes == NULL)
		return;
	rows = xcalloc((size_t)n, sizeof *rows);
	for (p = b->top, y = 0; y < n; y++) {
		rows[y] = p;
		if (view_move(b->view, &p, 1) != 1) {
			n = y + 1;
			break;
		}
	}
	m = xcalloc(notes_count(b->notes) + 1, sizeof *m);
	for (i = 0; i < notes_count(b->notes); i++) {
		const struct note *nt = notes_get(b->notes, i);
		struct view_pos r0, r1;
		int y0, y1;

		if (nt->status == ANCHOR_ORPHAN || nt->sn->text == NULL)
			continue;
		r0 = view_pos_of(b->view, nt->block, nt->whole ? 0 :
		    nt->start);
		r1 = nt->whole ? (struct view_pos){ nt->block,
		    view_block_rows(b->view, nt->block) - 1 } :
		    view_pos_of(b->view, nt->block, nt->end - 1);
		y0 = row_on_screen(rows, n, &r0);
		y1 = row_on_screen(rows, n, &r1);
		if (y0 >= n || y1 < 0)
			continue;	/* not on screen */
		m[nm].i = i;
		m[nm].text = xstrdup(nt->sn->text);
		for (char *c = m[nm].text; *c != '\0'; c++)
			if (*c == '\n' || *c == '\t' || *c == '\r')
				*c = ' ';
		m[nm].it.anchor = y0 < 0 ? 0 : y0;
		m[nm].it.lines = (int)view_text_row(b->view, m[nm].text,
		    strlen(m[nm].text), LAY_DIR_AUTO_RTL, TF_TEXT, tw, 0, 0,
		    NULL, u->row);
		nm++;
	}
	/* by the row of their passage, the list's order kept */
	for (i = 1; i < nm; i++)
		for (j = i; j > 0 && m[j - 1].it.anchor > m[j].it.anchor;
		    j--) {
			struct mnote t = m[j];

			m[j] = m[j - 1];
			m[j - 1] = t;
		}
	{
		struct margin_item *it = xcalloc(nm + 1, sizeof *it);

		pl = xcalloc(nm + 1, sizeof *pl);
		for (i = 0; i < nm; i++)
			it[i] = m[i].it;
		left_out = (int)margin_place(it, nm, n, pl);
		free(it);
	}
	u->mhit = xreallocarray(u->mhit, nm + 1, sizeof *u->mhit);
	for (i = 0; i < nm; i++) {
		const struct note *nt = notes_get(b->notes, m[i].i);
		int tx = left ? 0 : mx0 + 2;

		for (k = 0; k < pl[i].shown; k++) {
			view_text_row(b->view, m[i].text, strlen(m[i].text),
			    LAY_DIR_AUTO_RTL, TF_TEXT, tw, (size_t)k, 0, NULL,
			    u->row);
			memcpy(&u->scr.cell[(size_t)(pl[i].row + k) *
			    (size_t)u->cols + (size_t)tx], u->row,
			    (size_t)tw * sizeof *u->row);
		}
		if (pl[i].shown == 0)
			continue;
		/* the gutter's mark, on the side of the text */
		put(u, left ? mw - 1 : mx0, pl[i].row, '*', TF_NOTEMARK);
		if (pl[i].shown < m[i].it.lines)	/* cut: say so */
			put(u, left ? 0 : u->cols - 1, pl[i].row +
			    pl[i].shown - 1, 0x2026, TF_NOTEMARK);
		u->mhit[u->nmhit++] = (struct margin_hit){ pl[i].row,
		    pl[i].row + pl[i].shown, nt->block, nt->whole ? 0 :
		    nt->start, nt->whole ? (size_t)-1 : nt->end };
	}
	if (left_out > 0 && n > 0) {
		char more[48];

		snprintf(more, sizeof more, "+%d more (L lists them)",
		    left_out);
		for (k = 0; more[k] != '\0' && k < tw; k++)
			put(u, (left ? 0 : mx0 + 2) + k, n - 1,
			    (unsigned char)more[k], TF_NOTEMARK);
	}
	for (i = 0; i < nm; i++)
		free(m[i].text);
	free(m);
	free(pl);
	free(rows);
}

bool
ui_margin_at(struct ui *u, int x, int y, size_t *block, size_t *start,
    size_t *end)
{
	int mc = ui_margin_cols(u);
	bool left = margin_left(u);

	if (mc == 0 || (left ? x >= mc - 1 : x <= u->cols - mc))
		return false;
	for (size_t i = 0; i < u->nmhit; i++)
		if (y >= u->mhit[i].y0 && y < u->mhit[i].y1) {
			*block = u->mhit[i].block;
			*start = u->mhit[i].start;
			*end = u->mhit[i].end;
			return true;
		}
	return false;
}
