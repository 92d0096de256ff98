/*
 * ui-cursor.c - the word cursor: a word on screen that `v` starts a
 * selection at, `x` deletes the annotation of and Enter follows, moved
 * with the arrows (Left and Right a word as the row reads, Up and Down a
 * row) and with w and b (the next and previous word read, across rows
 * and paragraphs).  Also maps screen cells to the text under them, for
 * the mouse.
 *
 * Part of the controller (see ui-int.h): no curses.  The cursor is a
 * word start (words.h); the terminal's own cursor is put on its first
 * letter, which on a right-to-left row is the word's rightmost cell.
 */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "text.h"
#include "theme.h"
#include "ui.h"
#include "ui-int.h"
#include "util.h"

#define ROW_SEARCH	64	/* rows looked through for a text row */

struct words *
ui_words(struct ui *u)
{
	struct buffer *b = ui_cur(u);

	if (b->words == NULL)
		b->words = words_new(b->doc);
	return b->words;
}

/* The screen row of view position r, or -1 if it is not on screen. */
static int
screen_row(struct ui *u, const struct view_pos *r)
{
	struct buffer *b = ui_cur(u);
	struct view_pos p = b->top;
	int y;

	for (y = 0; y < ui_text_rows(u); y++) {
		if (view_pos_cmp(&p, r) == 0)
			return y;
		if (view_pos_cmp(&p, r) > 0 || view_move(b->view, &p, 1) != 1)
			return -1;
	}
	return -1;
}

/* The column (of the view) showing code point off on text row r, or
 * the nearest one; -1 if the row shows no text.  offs: view width. */
static int
col_of(struct ui *u, const struct view_pos *r, size_t off, size_t *offs)
{
	struct buffer *b = ui_cur(u);
	int w = view_width(b->view), x, best = -1;
	size_t d, bestd = (size_t)-1;

	if (!view_row_offsets(b->view, r, offs))
		return -1;
	for (x = 0; x < w; x++) {
		if (offs[x] == (size_t)-1)
			continue;
		d = offs[x] > off ? offs[x] - off : off - offs[x];
		if (d < bestd) {
			bestd = d;
			best = x;
		}
	}
	return best;
}

bool
ui_cursor_xy(struct ui *u, const struct wpos *p, int *x, int *y)
{
	struct buffer *b = ui_cur(u);
	struct view_pos r = view_pos_of(b->view, p->block, p->off);
	size_t *offs = xcalloc((size_t)view_width(b->view), sizeof *offs);
	int c;

	*y = screen_row(u, &r);
	c = *y >= 0 ? col_of(u, &r, p->off, offs) : -1;
	free(offs);
	if (c < 0)
		return false;
	*x = ui_text_x0(u) + c;
	return true;
}

bool
ui_cursor_at(struct ui *u, int x, int y, struct wpos *p)
{
	struct buffer *b = ui_cur(u);
	struct view_pos r;
	size_t *offs;
	int w;
	bool ok = false;

	if (b == NULL)
		return false;
	r = b->top;
	w = view_width(b->view);
	x -= ui_text_x0(u);
	if (y < 0 || y >= ui_text_rows(u) || x < 0 || x >= w ||
	    view_move(b->view, &r, y) != y)
		return false;
	offs = xcalloc((size_t)w, sizeof *offs);
	if (view_row_offsets(b->view, &r, offs) && offs[x] != (size_t)-1) {
		p->block = r.block;
		p->off = offs[x];
		ok = true;
	}
	free(offs);
	return ok;
}

bool
ui_cursor_first(struct ui *u, struct wpos *p)
{
	struct buffer *b = ui_cur(u);
	struct view_pos r = b->top;
	size_t rs, re;
	int x, y;

	if (u->have_hit && u->hl) {
		p->block = u->hit.block;
		p->off = u->hit.start;
		if (words_snap(ui_words(u), p) && ui_cursor_xy(u, p, &x, &y))
			return true;
	}
	for (y = 0; y < ui_text_rows(u); y++) {
		if (view_row_range(b->view, &r, &rs, &re)) {
			p->block = r.block;
			p->off = rs;
			return words_at_or_after(ui_words(u), p) &&
			    ui_cursor_xy(u, p, &x, &y);
		}
		if (view_move(b->view, &r, 1) != 1)
			break;
	}
	return false;
}

void
ui_cursor_show(struct ui *u, const struct wpos *p)
{
	struct buffer *b = ui_cur(u);
	struct view_pos r = view_pos_of(b->view, p->block, p->off), bottom;

	bottom = b->top;
	view_move(b->view, &bottom, ui_text_rows(u) - 1);
	if (view_pos_cmp(&r, &b->top) < 0) {
		b->top = r;
		u->jumped = true;
	} else if (view_pos_cmp(&r, &bottom) > 0) {
		view_move(b->view, &r, -(ui_text_rows(u) - 1));
		b->top = r;
		u->jumped = true;
	}
}

/* Whether text row r reads right to left. */
static bool
row_rtl(struct ui *u, const struct view_pos *r)
{
	return view_row(ui_cur(u)->view, r, NULL, 0, u->row);
}

/* The word on the text row above or below (dir) p's nearest its column:
 * *p moved; false if there is no such row. */
static bool
step_row(struct ui *u, struct wpos *p, int dir)
{
	struct buffer *b = ui_cur(u);
	struct view_pos r = view_pos_of(b->view, p->block, p->off);
	int w = view_width(b->view), x0, x, best = -1, k, d, bestd = w + 1;
	size_t *offs = xcalloc((size_t)w, sizeof *offs), n;
	const uint32_t *cps;
	bool ok = false;

	x0 = col_of(u, &r, p->off, offs);
	for (k = 0; k < ROW_SEARCH; k++) {
		if (view_move(b->view, &r, dir) != dir)
			goto out;
		if (view_row_offsets(b->view, &r, offs))
			break;
	}
	if (k == ROW_SEARCH)
		goto out;
	cps = words_text(ui_words(u), r.block, &n);
	for (x = 0; x < w; x++) {
		if (offs[x] == (size_t)-1 || offs[x] >= n ||
		    text_cp_is_space(cps[offs[x]]))
			continue;
		d = abs(x - (x0 >= 0 ? x0 : 0));
		if (d < bestd) {
			bestd = d;
			best = x;
		}
	}
	if (best >= 0) {
		struct wpos q = { r.block, offs[best] };

		if ((ok = words_snap(ui_words(u), &q)))
			*p = q;
	}
out:
	free(offs);
	return ok;
}

bool
ui_cursor_step(struct ui *u, struct wpos *p, enum action a)
{
	struct buffer *b = ui_cur(u);
	struct view_pos r = view_pos_of(b->view, p->block, p->off);
	struct words *w = ui_words(u);
	bool ok;

	switch (a) {
	case ACT_WORD_NEXT:	ok = words_next(w, p); break;
	case ACT_WORD_PREV:	ok = words_prev(w, p); break;
	case ACT_CURSOR_LEFT:
		ok = row_rtl(u, &r) ? words_next(w, p) : words_prev(w, p);
		break;
	case ACT_CURSOR_RIGHT:
		ok = row_rtl(u, &r) ? words_prev(w, p) : words_next(w, p);
		break;
	case ACT_CURSOR_UP:	ok = step_row(u, p, -1); break;
	case ACT_CURSOR_DOWN:	ok = step_row(u, p, 1); break;
	default:		return false;
	}
	if (ok)
		ui_cursor_show(u, p);
	return ok;
}

void
ui_cursor_off(struct ui *u)
{
	u->wc_on = false;
	u->wc_buf = NULL;
	if (u->mode == KM_CURSOR)
		u->mode = KM_NORMAL;
}

bool
ui_cursor_action(struct ui *u, enum action a)
{
	switch (a) {
	case ACT_CURSOR_LEFT:
	case ACT_CURSOR_RIGHT:
	case ACT_CURSOR_UP:
	case ACT_CURSOR_DOWN:
	case ACT_WORD_NEXT:
	case ACT_WORD_PREV:
		break;
	case ACT_CLOSE:
		if (u->mode != KM_CURSOR)
			return false;
		ui_cursor_off(u);
		return true;
	default:
		return false;
	}
	if (u->in_list || ui_cur(u) == NULL)
		return true;
	if (!u->wc_on || u->wc_buf != ui_cur(u)) {
		/* the first press shows it, on the first word on screen */
		if (!ui_cursor_first(u, &u->wc)) {
			ui_message(u, true, "No words on screen");
			return true;
		}
		u->wc_on = true;
		u->wc_buf = ui_cur(u);
		u->mode = KM_CURSOR;
		ui_message(u, false, "Word cursor: arrows, w b move it; v "
		    "selects from it, x deletes its annotation, Enter "
		    "follows or shows its note, Esc hides it");
		return true;
	}
	ui_cursor_step(u, &u->wc, a);
	return true;
}

void
ui_cursor_clamp(struct ui *u)
{
	struct buffer *b = ui_cur(u);
	struct view_pos r, bottom;
	struct wpos q;
	size_t rs, re;
	int k;

	if (!u->wc_on)
		return;
	if (u->mode == KM_NORMAL && !u->in_list)
		u->mode = KM_CURSOR;	/* back from a list or a prompt */
	if (b == NULL || u->wc_buf != b ||
	    u->wc.block >= doc_block_count(b->doc)) {
		ui_cursor_off(u);
		return;
	}
	r = view_pos_of(b->view, u->wc.block, u->wc.off);
	bottom = b->top;
	view_move(b->view, &bottom, ui_text_rows(u) - 1);
	if (view_pos_cmp(&r, &b->top) < 0) {
		/* scrolled past: the first word on screen */
		if (ui_cursor_first(u, &q))
			u->wc = q;
	} else if (view_pos_cmp(&r, &bottom) > 0) {
		/* the first word of the last text row on screen */
		for (r = bottom, k = 0; k < ui_text_rows(u); k++) {
			if (view_row_range(b->view, &r, &rs, &re)) {
				q.block = r.block;
				q.off = rs;
				if (words_at_or_after(ui_words(u), &q)) {
					u->wc = q;
					return;
				}
			}
			if (view_move(b->view, &r, -1) != -1)
				break;
		}
	}
}

size_t
ui_cursor_marks(struct ui *u, struct view_mark **marks, size_t *cap,
    size_t nm)
{
	if (u->wc_on && u->mode == KM_CURSOR && u->wc_buf == ui_cur(u))
		ui_mark_add(marks, cap, &nm, u->wc.block, u->wc.off,
		    words_end(ui_words(u), &u->wc), TF_CURSOR);
	return nm;
}

void
ui_cursor_draw(struct ui *u)
{
	struct wpos p;
	int x, y;

	if (u->in_list || ui_cur(u) == NULL || u->mode == KM_PROMPT)
		return;
	if (u->mode == KM_SELECT && u->sel.on) {
		if (u->sel.move_start) {
			p.block = u->sel.block;
			p.off = u->sel.start;
		} else {
			p.block = u->sel.eblock;
			p.off = u->sel.end;
			if (!words_before(ui_words(u), &p))
				return;
		}
	} else if (u->mode == KM_CURSOR && u->wc_on)
		p = u->wc;
	else
		return;
	if (ui_cursor_xy(u, &p, &x, &y)) {
		u->scr.cursor_x = x;
		u->scr.cursor_y = y;
	}
}
