/*
 * ui-mouse.c - what the mouse does in the reader, from plain events
 * (mouse.h) the backend decoded: the wheel scrolls three rows (a list:
 * three entries); a click on a reference follows it, on a gutter mark
 * or a note in the margin shows the note, on an entry of a list goes to
 * it, on a word puts the word cursor there; a drag from a word selects
 * the words to where the button is (then H, a, y act on them).
 *
 * Part of the controller (see ui-int.h): no curses, no escape sequences.
 * :set nomouse is the backend's business (ui_mouse_wanted()).
 */
#include "doc.h"
#include "mouse.h"
#include "ui.h"
#include "ui-int.h"

#define WHEEL_ROWS	3

/* A click on row y's gutter mark or margin note: shows the notes of the
 * row; false if (x, y) is neither. */
static bool
click_note(struct ui *u, int x, int y)
{
	struct buffer *b = ui_cur(u);
	struct view_pos r = b->top;
	const struct view_cell *c;
	size_t rs, re, block, start, end;
	int col;

	if (ui_margin_at(u, x, y, &block, &start, &end))
		return ui_notes_show_at(u, block, start, end);
	if (view_move(b->view, &r, y) != y ||
	    !view_row_range(b->view, &r, &rs, &re) ||
	    (col = view_gutter_col(b->view, &r)) < 0 ||
	    x != ui_text_x0(u) + col)
		return false;
	c = &u->scr.cell[(size_t)y * (size_t)u->cols + (size_t)x];
	if (c->base == ' ')
		return false;
	if (!ui_notes_show_at(u, r.block, rs, re))
		ui_message(u, false, "A highlight, no note (a adds one)");
	return true;
}

static void
press(struct ui *u, const struct mouse_event *ev)
{
	struct buffer *b = ui_cur(u);
	struct wpos p;
	long i;

	u->drag_on = false;
	if (u->pop.on) {	/* a click anywhere closes the popup */
		ui_refs_key(u, KM_KEY_ESC);
		return;
	}
	if (ev->y < 0 || ev->y >= ui_text_rows(u))
		return;
	if (u->in_list) {
		if ((i = ui_list_entry_at(u, ev->y)) >= 0) {
			u->list.sel = (size_t)i;
			ui_action(u, ACT_SELECT);
		}
		return;
	}
	if (click_note(u, ev->x, ev->y))
		return;
	if (!ui_cursor_at(u, ev->x, ev->y, &p))
		return;
	if ((i = ui_refs_at(u, p.block, p.off)) >= 0) {
		ui_notes_unselect(u);
		ui_refs_follow(u, i);
		return;
	}
	if (!words_snap(ui_words(u), &p))
		return;
	/* the word cursor on the word; a drag from here selects */
	ui_notes_unselect(u);
	u->wc = p;
	u->wc_on = true;
	u->wc_buf = b;
	u->mode = KM_CURSOR;
	u->drag_on = true;
	u->drag_from = p;
}

static void
drag(struct ui *u, const struct mouse_event *ev)
{
	struct selection *s = &u->sel;
	struct wpos p, lo, hi;

	if (!u->drag_on || u->in_list ||
	    !ui_cursor_at(u, ev->x, ev->y, &p) ||
	    !words_snap(ui_words(u), &p))
		return;
	if (wpos_cmp(&p, &u->drag_from) < 0) {
		lo = p;
		hi = u->drag_from;
	} else {
		lo = u->drag_from;
		hi = p;
	}
	s->on = true;
	s->block = lo.block;
	s->start = lo.off;
	s->eblock = hi.block;
	s->end = words_end(ui_words(u), &hi);
	s->move_start = wpos_cmp(&p, &u->drag_from) < 0;
	u->mode = KM_SELECT;
}

void
ui_mouse(struct ui *u, const struct mouse_event *ev)
{
	if (ui_cur(u) == NULL || u->mode == KM_PROMPT || u->pending)
		return;
	u->keyed = true;
	ui_load_all(u);	/* as a key: on the whole document (ui-load.c) */
	switch (ev->kind) {
	case MOUSE_WHEEL_UP:
	case MOUSE_WHEEL_DOWN:
		for (int k = 0; k < WHEEL_ROWS; k++)
			ui_action(u, ev->kind == MOUSE_WHEEL_UP ? ACT_LINE_UP :
			    ACT_LINE_DOWN);
		break;
	case MOUSE_PRESS:
		buf_reset(&u->msg);
		if (u->cmp != NULL && !u->in_list)
			break;	/* comparing: the wheel and lists only */
		press(u, ev);
		break;
	case MOUSE_DRAG:
		drag(u, ev);
		break;
	case MOUSE_RELEASE:
		if (u->drag_on && u->sel.on)
			ui_message(u, false, "Selected: H highlight, a note, "
			    "y copy, Esc stop");
		u->drag_on = false;
		break;
	case MOUSE_NONE:
		break;
	}
}
