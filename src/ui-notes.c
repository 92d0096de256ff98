/*
 * ui-notes.c - the reader's annotations: the selection (v), highlights,
 * notes, the notes list, deletion and undo, re-attaching, bookmarks,
 * reading positions and copying.
 *
 * Part of the controller (see ui-int.h): no curses here.  Every change
 * goes through notes.c to the store at once; what the reader draws is
 * then loaded back from it.  A note the store refused is never dropped:
 * the one-line editor keeps it in its history (Up), the $EDITOR file is
 * kept and named.
 *
 * The selection works in logical order, inside one block: words are
 * ICU's word boundaries of the block's text, so that "one more word"
 * means the next word read, whichever way the line runs on screen.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc.h"
#include "notes.h"
#include "store.h"
#include "text.h"
#include "theme.h"
#include "ui.h"
#include "ui-int.h"
#include "util.h"

#define QUOTE_SHOWN	48	/* code points of a quote in messages */

/* Highlight styles in the order H cycles through them, with faces. */
static const struct {
	const char	*name;
	int		 face;
} styles[] = {
	{ "yellow", TF_HL_YELLOW },
	{ "green", TF_HL_GREEN },
	{ "blue", TF_HL_BLUE },
	{ "pink", TF_HL_PINK },
};

static int
style_face(const char *name)
{
	for (size_t i = 0; i < UTIL_NELEM(styles); i++)
		if (name != NULL && strcmp(name, styles[i].name) == 0)
			return styles[i].face;
	return styles[0].face;
}

static const char *
style_next(const char *name)
{
	for (size_t i = 0; i < UTIL_NELEM(styles); i++)
		if (name != NULL && strcmp(name, styles[i].name) == 0)
			return styles[(i + 1) % UTIL_NELEM(styles)].name;
	return styles[0].name;
}

/* The notes of the current document, or NULL after saying why not. */
static struct notes *
notes_or_say(struct ui *u)
{
	struct buffer *b = ui_cur(u);

	if (b != NULL && b->notes != NULL)
		return b->notes;
	ui_message(u, true, "Annotations are off%s%s", u->o.store_off ?
	    ": " : "", u->o.store_off ? u->o.store_off : "");
	return NULL;
}

/* Up to QUOTE_SHOWN code points of s, "…" if cut, controls visible. */
static void
quote_short(struct buf *out, const char *s)
{
	ui_text_short(out, s, QUOTE_SHOWN);
}

/* --- opening, closing, positions ----------------------------------- */

void
ui_notes_open(struct ui *u, struct buffer *b)
{
	size_t block, off, review, orphans;
	char *cause = NULL;

	b->saved_block = (size_t)-1;
	if (u->o.store == NULL)
		return;
	if ((b->notes = notes_open(u->o.store, b->doc, b->path, &cause)) ==
	    NULL) {
		ui_message(u, true, "Annotations off for %s: %s", b->path,
		    cause);
		free(cause);
		return;
	}
	if (notes_position_get(b->notes, &block, &off)) {
		ui_goto_offset(u, block, off);
		b->saved_block = block;
		b->saved_off = off;
	}
	review = notes_count_status(b->notes, ANCHOR_REVIEW);
	orphans = notes_count_status(b->notes, ANCHOR_ORPHAN);
	if (review > 0 || orphans > 0)
		ui_message(u, true, "This text changed: %zu annotation%s "
		    "need%s review, %zu lost %s place (L lists them)",
		    review, review == 1 ? "" : "s", review == 1 ? "s" : "",
		    orphans, orphans == 1 ? "its" : "their");
}

bool
ui_notes_has_position(struct ui *u, const char *path)
{
	char *real, *cause = NULL;
	bool found = false;

	if (u->o.store == NULL || (real = realpath(path, NULL)) == NULL)
		return false;
	if (!store_path_position(u->o.store, real, &found, &cause))
		found = true;	/* unknown: read it whole, to be sure */
	free(cause);
	free(real);
	return found;
}

void
ui_notes_close(struct buffer *b)
{
	notes_free(b->notes);
	b->notes = NULL;
}

void
ui_save(struct ui *u)
{
	for (size_t i = 0; i < u->nbuf; i++) {
		struct buffer *b = u->buf[i];
		size_t off;
		char *cause = NULL;

		if (b->notes == NULL || store_readonly(u->o.store))
			continue;
		off = view_row_offset(b->view, &b->top);
		if (b->top.block == b->saved_block && off == b->saved_off)
			continue;
		if (notes_position_set(b->notes, b->top.block, off, &cause)) {
			b->saved_block = b->top.block;
			b->saved_off = off;
		}
		free(cause);	/* a lost position is not worth a word */
	}
}

void
ui_notes_status(struct ui *u, struct buf *out)
{
	struct buffer *b = ui_cur(u);
	size_t n, review, orphans;

	if (b == NULL)
		return;
	if (b->notes == NULL) {
		buf_adds(out, "notes off");
		return;
	}
	n = notes_count(b->notes);
	review = notes_count_status(b->notes, ANCHOR_REVIEW);
	orphans = notes_count_status(b->notes, ANCHOR_ORPHAN);
	if (n > 0)
		buf_addf(out, "%zu note%s", n, n == 1 ? "" : "s");
	if (review > 0)
		buf_addf(out, ", %zu to review", review);
	if (orphans > 0)
		buf_addf(out, ", %zu orphan%s", orphans, orphans == 1 ? "" :
		    "s");
	if (store_readonly(u->o.store))
		buf_adds(out, n > 0 ? " (read-only)" : "notes read-only");
}

/* --- the selection ------------------------------------------------- */

void
ui_notes_unselect(struct ui *u)
{
	memset(&u->sel, 0, sizeof u->sel);
	if (u->mode == KM_SELECT)
		u->mode = u->wc_on ? KM_CURSOR : KM_NORMAL;
}

static struct wpos
sel_lo(const struct selection *s)
{
	return (struct wpos){ s->block, s->start };
}

static struct wpos
sel_hi(const struct selection *s)
{
	return (struct wpos){ s->eblock, s->end };
}

/* The start of the selection's last word. */
static struct wpos
sel_last(struct ui *u)
{
	struct wpos p = sel_hi(&u->sel);

	if (!words_before(ui_words(u), &p))
		p = sel_lo(&u->sel);
	return p;
}

/* The selection is the one word starting at p. */
static void
sel_word_at(struct ui *u, const struct wpos *p)
{
	u->sel.block = u->sel.eblock = p->block;
	u->sel.start = p->off;
	u->sel.end = words_end(ui_words(u), p);
}

/* The end of the selection that moves (the start of its word). */
static struct wpos
sel_moving(struct ui *u)
{
	return u->sel.move_start ? sel_lo(&u->sel) : sel_last(u);
}

/*
 * Starts a selection: at the word cursor if it is on, else the search
 * match on screen if there is one, else the first word of the first text
 * row on screen.
 */
static void
sel_begin(struct ui *u)
{
	struct words *w = ui_words(u);
	struct wpos p, q;
	int x, y;

	memset(&u->sel, 0, sizeof u->sel);
	if (u->wc_on && u->wc_buf == ui_cur(u) && u->mode == KM_CURSOR)
		sel_word_at(u, &u->wc);
	else if (u->have_hit && u->hl &&
	    (p = (struct wpos){ u->hit.block, u->hit.start },
	    words_snap(w, &p)) && ui_cursor_xy(u, &p, &x, &y)) {
		q = (struct wpos){ u->hit.block, u->hit.end > u->hit.start ?
		    u->hit.end - 1 : u->hit.start };
		sel_word_at(u, &p);
		if (words_snap(w, &q) && q.block == p.block &&
		    wpos_cmp(&q, &p) > 0)
			u->sel.end = words_end(w, &q);
	} else if (ui_cursor_first(u, &p))
		sel_word_at(u, &p);
	else {
		ui_message(u, true, "No words to select here");
		return;
	}
	u->sel.on = true;
	u->mode = KM_SELECT;
	ui_message(u, false, "Select: w/b a word more/less, j/k a line, "
	    "arrows move this end, o the other end; H highlight, a note, "
	    "y copy, Esc stop");
}

/* Moves the selection's moving end a word (dir > 0: grows). */
static void
sel_word(struct ui *u, int dir)
{
	struct selection *s = &u->sel;
	struct words *w = ui_words(u);
	struct wpos lo = sel_lo(s), hi = sel_hi(s), x, y;

	if (!s->move_start && dir > 0) {
		x = hi;
		if (words_at_or_after(w, &x)) {
			s->eblock = x.block;
			s->end = words_end(w, &x);
		}
	} else if (!s->move_start) {
		x = hi;		/* the last word, then the one before it */
		if (words_before(w, &x) && wpos_cmp(&x, &lo) > 0 &&
		    (y = x, words_before(w, &y)) && wpos_cmp(&y, &lo) >= 0) {
			s->eblock = y.block;
			s->end = words_end(w, &y);
		}
	} else if (dir > 0) {
		x = lo;
		if (words_before(w, &x)) {
			s->block = x.block;
			s->start = x.off;
		}
	} else {
		x = lo;
		if (words_next(w, &x) && wpos_cmp(&x, &hi) < 0) {
			s->block = x.block;
			s->start = x.off;
		}
	}
	x = sel_moving(u);
	ui_cursor_show(u, &x);
}

/* The end of the last word that starts on text row r. */
static struct wpos
row_end(struct ui *u, const struct view_pos *r, size_t rs, size_t re)
{
	struct wpos p = { r->block, re };

	if (words_before(ui_words(u), &p) && p.block == r->block &&
	    p.off >= rs)
		p.off = words_end(ui_words(u), &p);
	else
		p = (struct wpos){ r->block, rs };
	return p;
}

/* The next (dir 1) or previous (-1) text row from *r; false if none. */
static bool
text_row(struct ui *u, struct view_pos *r, int dir, size_t *rs, size_t *re)
{
	struct buffer *b = ui_cur(u);

	for (int k = 0; k < 64; k++) {
		if (view_move(b->view, r, dir) != dir)
			return false;
		if (view_row_range(b->view, r, rs, re))
			return true;
	}
	return false;
}

/* Moves the selection's moving end a row of the screen (dir > 0: grows),
 * over paragraph ends too. */
static void
sel_line(struct ui *u, int dir)
{
	struct buffer *b = ui_cur(u);
	struct selection *s = &u->sel;
	struct words *w = ui_words(u);
	struct wpos lo = sel_lo(s), hi = sel_hi(s), m = sel_moving(u), x;
	struct view_pos r = view_pos_of(b->view, m.block, m.off);
	size_t rs, re;

	if (!view_row_range(b->view, &r, &rs, &re))
		return;
	if (!s->move_start && dir > 0) {
		x = row_end(u, &r, rs, re);
		if (wpos_cmp(&hi, &x) >= 0) {
			if (!text_row(u, &r, 1, &rs, &re))
				return;
			x = row_end(u, &r, rs, re);
		}
		s->eblock = x.block;
		s->end = x.off;
	} else if (!s->move_start) {
		x = (struct wpos){ r.block, rs };
		if (wpos_cmp(&x, &lo) <= 0 || !words_before(w, &x) ||
		    wpos_cmp(&x, &lo) < 0)
			return;
		s->eblock = x.block;
		s->end = words_end(w, &x);
	} else if (dir > 0) {
		x = (struct wpos){ r.block, rs };
		if (!words_at_or_after(w, &x) || wpos_cmp(&x, &lo) >= 0) {
			if (!text_row(u, &r, -1, &rs, &re))
				return;
			x = (struct wpos){ r.block, rs };
			if (!words_at_or_after(w, &x))
				return;
		}
		s->block = x.block;
		s->start = x.off;
	} else {
		x = (struct wpos){ r.block, re };
		if (!words_at_or_after(w, &x) || wpos_cmp(&x, &hi) >= 0)
			return;
		s->block = x.block;
		s->start = x.off;
	}
	x = sel_moving(u);
	ui_cursor_show(u, &x);
}

/* An arrow moves the selection's moving end to another word; past the
 * other end, the two swap. */
static void
sel_step(struct ui *u, enum action a)
{
	struct selection *s = &u->sel;
	struct words *w = ui_words(u);
	struct wpos m = sel_moving(u), lo = sel_lo(s), last = sel_last(u);

	if (!ui_cursor_step(u, &m, a))
		return;
	if (!s->move_start && wpos_cmp(&m, &lo) >= 0) {
		s->eblock = m.block;
		s->end = words_end(w, &m);
	} else if (!s->move_start) {
		s->eblock = lo.block;
		s->end = words_end(w, &lo);
		s->block = m.block;
		s->start = m.off;
		s->move_start = true;
	} else if (wpos_cmp(&m, &last) <= 0) {
		s->block = m.block;
		s->start = m.off;
	} else {
		s->block = last.block;
		s->start = last.off;
		s->eblock = m.block;
		s->end = words_end(w, &m);
		s->move_start = false;
	}
}

/* The part of the selection in block k: [*start, *end); false if none. */
static bool
sel_part(struct ui *u, size_t k, size_t *start, size_t *end)
{
	const struct selection *s = &u->sel;
	size_t n;

	if (!s->on || k < s->block || k > s->eblock)
		return false;
	words_text(ui_words(u), k, &n);
	*start = k == s->block ? s->start : 0;
	*end = k == s->eblock ? s->end : n;
	return *start < *end;
}

/* The selected text, paragraphs apart by a blank line. */
static void
sel_text(struct ui *u, struct buf *out)
{
	const uint32_t *cps;
	size_t k, st, en, n;

	for (k = u->sel.block; k <= u->sel.eblock; k++) {
		if (!sel_part(u, k, &st, &en))
			continue;
		if (out->len > 0)
			buf_adds(out, "\n\n");
		cps = words_text(ui_words(u), k, &n);
		text_utf8_encode(out, cps + st, en - st);
	}
}

size_t
ui_notes_sel_marks(struct ui *u, struct view_mark **marks, size_t *cap,
    size_t nm)
{
	struct buffer *b = ui_cur(u);
	struct view_pos p = b->top;
	size_t k, st, en, last;

	if (!u->sel.on)
		return nm;
	view_move(b->view, &p, ui_text_rows(u) - 1);
	last = p.block < u->sel.eblock ? p.block : u->sel.eblock;
	for (k = b->top.block > u->sel.block ? b->top.block : u->sel.block;
	    k <= last; k++)
		if (sel_part(u, k, &st, &en))
			ui_mark_add(marks, cap, &nm, k, st, en, TF_SELECTION);
	return nm;
}

/* --- which annotation ---------------------------------------------- */

/*
 * The annotations at the place an action is about, at most max of them
 * in idx (notes_get() indexes), those on words first (the shortest
 * first), then one on the whole paragraph: those under the bar of the
 * notes list (one), or touching the selection, or the word under the
 * word cursor, or else the first text row on screen.  Returns how many.
 */
static size_t
notes_at(struct ui *u, struct notes *ns, size_t *idx, size_t max)
{
	struct buffer *b = ui_cur(u);
	struct view_pos p = b->top;
	size_t first, last, rs = 0, re = 0, k, n = 0, i, j, t;
	int y;

	if (u->in_list && u->list.kind == LIST_NOTES) {
		if (u->list.n == 0 || max == 0)
			return 0;
		idx[0] = u->list.e[u->list.sel].note;
		return 1;
	}
	if (u->sel.on) {
		first = u->sel.block;
		last = u->sel.eblock;
	} else if (u->wc_on && u->wc_buf == b && u->mode == KM_CURSOR) {
		first = last = u->wc.block;
		rs = u->wc.off;
		re = words_end(ui_words(u), &u->wc);
	} else {
		for (y = 0; y < ui_text_rows(u); y++) {
			if (view_row_range(b->view, &p, &rs, &re))
				break;
			if (view_move(b->view, &p, 1) != 1)
				return 0;
		}
		if (!view_row_range(b->view, &p, &rs, &re))
			return 0;
		first = last = p.block;
	}
	for (int pass = 0; pass < 2; pass++)
		for (i = 0; i < notes_count(ns) && n < max; i++) {
			const struct note *nt = notes_get(ns, i);
			size_t s0 = rs, e0 = re;

			if (nt->status == ANCHOR_ORPHAN || nt->block < first ||
			    nt->block > last || nt->whole != (pass == 1))
				continue;
			if (u->sel.on && !sel_part(u, nt->block, &s0, &e0))
				continue;
			if (!nt->whole && (nt->end <= s0 || nt->start >= e0))
				continue;
			idx[n++] = i;
		}
	/* words: the shortest first (the innermost), stable */
	for (k = 1; k < n; k++)
		for (j = k; j > 0; j--) {
			const struct note *a = notes_get(ns, idx[j - 1]);
			const struct note *c = notes_get(ns, idx[j]);

			if (a->whole || c->whole ||
			    a->end - a->start <= c->end - c->start)
				break;
			t = idx[j];
			idx[j] = idx[j - 1];
			idx[j - 1] = t;
		}
	return n;
}

/* The annotation an action is about (notes_at()'s first), or -1. */
static long
note_here(struct ui *u, struct notes *ns)
{
	size_t i[64];

	return notes_at(u, ns, i, UTIL_NELEM(i)) > 0 ? (long)i[0] : -1;
}

/* The annotation with exactly the selection's range, or -1. */
static long
note_same_range(struct notes *ns, const struct selection *s)
{
	for (size_t i = 0; i < notes_count(ns); i++) {
		const struct note *nt = notes_get(ns, i);

		if (nt->status != ANCHOR_ORPHAN && !nt->whole &&
		    s->block == s->eblock &&
		    nt->block == s->block && nt->start == s->start &&
		    nt->end == s->end)
			return (long)i;
	}
	return -1;
}

/* The block the first text row on screen belongs to. */
static size_t
top_text_block(struct ui *u)
{
	struct buffer *b = ui_cur(u);
	struct view_pos p = b->top;
	size_t rs, re;

	for (int k = 0; k < ui_text_rows(u); k++) {
		if (view_row_range(b->view, &p, &rs, &re))
			break;
		if (view_move(b->view, &p, 1) != 1)
			break;
	}
	return p.block;
}

static void
say_failed(struct ui *u, const char *what, char *cause)
{
	ui_message(u, true, "%s: %s", what, cause != NULL ? cause : "failed");
	free(cause);
}

/* --- highlight, note, copy, delete --------------------------------- */

static void	notes_list_fill(struct ui *, long);

static void
do_highlight(struct ui *u, struct notes *ns)
{
	const struct note *nt;
	char *cause = NULL;
	char *uuid = NULL;	/* the one highlighted, for H again */
	long i;
	bool ok;

	if (!u->sel.on && u->hl_again != NULL &&
	    (i = notes_find_uuid(ns, u->hl_again)) >= 0) {
		/* H again right after H: the next colour of that one, not a
		 * new highlight of the whole paragraph */
		nt = notes_get(ns, (size_t)i);
		uuid = xstrdup(nt->sn->uuid);
		ok = notes_set(ns, (size_t)i, style_next(nt->sn->style),
		    nt->sn->text, &cause);
	} else if (u->sel.on && u->sel.eblock > u->sel.block) {
		/* over paragraph ends: a highlight in each, undone as one */
		size_t k, st, en;

		ok = true;
		notes_group_begin(ns);
		for (k = u->sel.block; ok && k <= u->sel.eblock; k++)
			if (sel_part(u, k, &st, &en))
				ok = notes_add(ns, k, st, en, false,
				    styles[0].name, NULL, NULL, &cause);
		notes_group_end(ns);
		ui_notes_unselect(u);
	} else if (u->sel.on) {
		i = note_same_range(ns, &u->sel);
		if (i < 0) {
			size_t k;

			ok = notes_add(ns, u->sel.block, u->sel.start,
			    u->sel.end, false, styles[0].name, NULL, &k,
			    &cause);
			if (ok)
				uuid = xstrdup(notes_get(ns, k)->sn->uuid);
		} else {
			nt = notes_get(ns, (size_t)i);
			uuid = xstrdup(nt->sn->uuid);
			ok = notes_set(ns, (size_t)i, style_next(nt->sn->style),
			    nt->sn->text, &cause);
		}
		ui_notes_unselect(u);
	} else {
		size_t block = top_text_block(u);

		i = notes_find(ns, block, (size_t)-1);
		if (i < 0)
			ok = notes_add(ns, block, 0, 0, true, styles[0].name,
			    NULL, NULL, &cause);
		else {
			nt = notes_get(ns, (size_t)i);
			ok = notes_set(ns, (size_t)i, nt->sn->style == NULL ?
			    styles[0].name : style_next(nt->sn->style),
			    nt->sn->text, &cause);
		}
	}
	free(u->hl_again);
	u->hl_again = NULL;
	if (!ok) {
		free(uuid);
		say_failed(u, "Not saved", cause);
	} else {
		u->hl_again = uuid;
		ui_message(u, false, "Highlighted (H again: next colour, x "
		    "deletes)");
	}
}

/* Copies the note target's text for the prompt or the editor. */
static void
target_set(struct ui *u, const char *uuid, size_t block, size_t start,
    size_t end, bool whole)
{
	free(u->target.uuid);
	free(u->target.style);
	memset(&u->target, 0, sizeof u->target);
	u->target.uuid = uuid != NULL ? xstrdup(uuid) : NULL;
	u->target.block = block;
	u->target.start = start;
	u->target.end = end;
	u->target.eblock = block;
	u->target.whole = whole;
}

/*
 * Saves text (empty: no note) on the target.  Returns false after
 * saying why, the target kept so that the caller can say where the text
 * is.
 */
static bool
note_save(struct ui *u, struct notes *ns, const char *text)
{
	const char *t = text != NULL && *text != '\0' ? text : NULL;
	char *cause = NULL;
	bool ok = true;
	long i;

	if (u->target.uuid != NULL) {
		if ((i = notes_find_uuid(ns, u->target.uuid)) < 0) {
			ui_message(u, true, "That annotation is gone");
			return false;
		}
		ok = notes_set(ns, (size_t)i, notes_get(ns, (size_t)i)->sn->style,
		    t, &cause);
		if (ok)
			ui_message(u, false, t != NULL ? "Note saved" :
			    "Note removed (U brings it back)");
	} else if (t == NULL)
		ui_message(u, false, "Empty note: nothing added");
	else if (u->target.eblock > u->target.block) {
		/* over paragraph ends: the note on each one's part, undone
		 * as one */
		struct words *w = ui_words(u);
		size_t k, n;

		notes_group_begin(ns);
		for (k = u->target.block; ok && k <= u->target.eblock; k++) {
			size_t st = k == u->target.block ? u->target.start : 0;
			size_t en = k == u->target.eblock ? u->target.end :
			    (words_text(w, k, &n), n);

			if (st < en)
				ok = notes_add(ns, k, st, en, false, NULL, t,
				    NULL, &cause);
		}
		notes_group_end(ns);
		if (ok)
			ui_message(u, false, "Note added to each paragraph "
			    "of the selection (U takes it back)");
	} else {
		ok = notes_add(ns, u->target.block, u->target.start,
		    u->target.end, u->target.whole, NULL, t, NULL, &cause);
		if (ok)
			ui_message(u, false, "Note added");
	}
	if (!ok)
		say_failed(u, "Not saved", cause);
	return ok;
}

/* Sets the target of `a` or `A`: what note_here() finds, a new note on
 * the selection, or on the paragraph at the top.  False if none. */
static bool
note_target(struct ui *u, struct notes *ns)
{
	long i = note_here(u, ns);
	const struct note *nt;

	if (u->sel.on) {
		i = note_same_range(ns, &u->sel);
		if (i < 0) {
			target_set(u, NULL, u->sel.block, u->sel.start,
			    u->sel.end, false);
			u->target.eblock = u->sel.eblock;
			return true;
		}
	}
	if (i >= 0) {
		nt = notes_get(ns, (size_t)i);
		target_set(u, nt->sn->uuid, nt->block, nt->start, nt->end,
		    nt->whole);
		return true;
	}
	if (u->in_list)
		return false;
	target_set(u, NULL, top_text_block(u), 0, 0, true);
	return true;
}

static const char *
target_text(struct ui *u, struct notes *ns)
{
	long i;

	if (u->target.uuid == NULL ||
	    (i = notes_find_uuid(ns, u->target.uuid)) < 0)
		return NULL;
	return notes_get(ns, (size_t)i)->sn->text;
}

static void
do_note(struct ui *u, struct notes *ns, bool editor)
{
	const char *old;
	char *path;
	int fd;

	if (!note_target(u, ns)) {
		ui_message(u, true, "No annotation here");
		return;
	}
	old = target_text(u, ns);
	if (!editor) {
		if (old != NULL && strchr(old, '\n') != NULL) {
			ui_message(u, true, "This note has several lines: A "
			    "edits it in $EDITOR");
			return;
		}
		ui_prompt_open(u, 'a');
		if (old != NULL)
			buf_adds(&u->input, old);
		u->icur = u->input.len;	/* the cursor after it */
		return;
	}
	path = xasprintf("%s/hamish-note-XXXXXX", getenv("TMPDIR") != NULL &&
	    *getenv("TMPDIR") == '/' ? getenv("TMPDIR") : "/tmp");
	if ((fd = mkstemp(path)) < 0) {	/* mode 0600 */
		ui_message(u, true, "Cannot make a file for the editor: %s",
		    strerror(errno));
		free(path);
		return;
	}
	if (old != NULL && (write(fd, old, strlen(old)) < 0 ||
	    write(fd, "\n", 1) < 0)) {
		ui_message(u, true, "Cannot write %s: %s", path,
		    strerror(errno));
		close(fd);
		unlink(path);
		free(path);
		return;
	}
	close(fd);
	u->edit_path = path;
}

void
ui_notes_prompt(struct ui *u, const char *line, bool accepted)
{
	struct buffer *b = ui_cur(u);

	if (!accepted) {
		if (*line != '\0')
			ui_message(u, false, "Note not saved (a, then Up, "
			    "brings the text back)");
	} else if (b != NULL && b->notes != NULL)
		note_save(u, b->notes, line);	/* a failure is said; the
						   text is in the history */
	target_set(u, NULL, 0, 0, 0, false);
	ui_notes_unselect(u);
	if (u->in_list && u->list.kind == LIST_NOTES && b->notes != NULL)
		notes_list_fill(u, -1);
}

const char *
ui_edit_request(const struct ui *u)
{
	return u->edit_path;
}

void
ui_edit_done(struct ui *u, bool ok)
{
	struct buffer *b = ui_cur(u);
	char *text = NULL, *cause = NULL, *path = u->edit_path;
	size_t len;

	u->edit_path = NULL;
	u->redraw = true;
	if (!ok)
		ui_message(u, true, "The editor failed: nothing saved (the "
		    "text is in %s)", path);
	else if (util_file_read(path, &text, &len, &cause) != 0) {
		ui_message(u, true, "%s", cause);
		free(cause);
	} else {
		/* trailing blank lines an editor adds are not the note */
		while (len > 0 && (text[len - 1] == '\n' ||
		    text[len - 1] == '\r' || text[len - 1] == ' ' ||
		    text[len - 1] == '\t'))
			len--;
		text[len] = '\0';
		if (b == NULL || b->notes == NULL)
			ui_message(u, true, "Annotations are off: the note "
			    "is kept in %s", path);
		else if (!note_save(u, b->notes, text))
			ui_message(u, true, "Not saved: the note is kept in "
			    "%s", path);
		else
			unlink(path);
	}
	free(text);
	free(path);
	target_set(u, NULL, 0, 0, 0, false);
	ui_notes_unselect(u);
	if (u->in_list && u->list.kind == LIST_NOTES && b != NULL &&
	    b->notes != NULL)
		notes_list_fill(u, -1);
}

char *
ui_clipboard_take(struct ui *u)
{
	char *c = u->clip;

	u->clip = NULL;
	return c;
}

static void
do_copy(struct ui *u)
{
	struct buffer *b = ui_cur(u);
	struct buf out;
	size_t len;
	const char *t;

	buf_init(&out);
	if (u->sel.on) {
		sel_text(u, &out);
		ui_notes_unselect(u);
	} else {
		t = doc_block_text(b->doc, top_text_block(u), &len);
		buf_add(&out, t, len);
	}
	/* no ESC, C1 or bidi override from a document into the
	 * clipboard: a paste would run or reorder it */
	if (out.data != NULL) {
		out.len = text_utf8_clean(out.data, out.len);
		out.data[out.len] = '\0';
	}
	free(u->clip);
	u->clip = buf_steal(&out);
	ui_message(u, false, "Copied %zu characters to the clipboard (OSC 52)",
	    utf8_count(u->clip != NULL ? u->clip : "", u->clip != NULL ?
	    strlen(u->clip) : 0));
}

static void	notes_list_which(struct ui *, const size_t *, size_t);

static void
do_delete(struct ui *u, struct notes *ns)
{
	size_t idx[64], n = notes_at(u, ns, idx, UTIL_NELEM(idx));
	long i = n > 0 ? (long)idx[0] : -1;
	bool which = u->in_list && u->list.kind == LIST_NOTES &&
	    u->list.which;
	struct buf q;
	char *cause = NULL;

	if (i < 0) {
		ui_message(u, true, "No annotation here");
		return;
	}
	if (n > 1) {
		/* several here: which one?  x on it in the list */
		ui_notes_unselect(u);
		notes_list_which(u, idx, n);
		return;
	}
	buf_init(&q);
	quote_short(&q, notes_get(ns, (size_t)i)->sn->anchor.exact);
	if (!notes_delete(ns, (size_t)i, &cause))
		say_failed(u, "Not deleted", cause);
	else
		ui_message(u, false, "Deleted «%s» (U brings it back)",
		    q.data != NULL ? q.data : "");
	buf_free(&q);
	ui_notes_unselect(u);
	if (which)
		ui_list_close(u);	/* the one asked about is gone */
	else if (u->in_list && u->list.kind == LIST_NOTES)
		notes_list_fill(u, (long)u->list.sel);
}

static void
do_undo(struct ui *u, struct notes *ns)
{
	static const char *const what[] = {
		[NOTES_UNDO_NOTHING] = "",
		[NOTES_UNDO_ADD] = "Undone: the annotation added is gone",
		[NOTES_UNDO_CHANGE] = "Undone: the annotation is as it was",
		[NOTES_UNDO_DELETE] = "Brought back the last deleted "
		    "annotation",
		[NOTES_UNDO_REATTACH] = "Undone: the annotation is back "
		    "where it was",
	};
	enum notes_undo_what next = notes_undo_next(ns);
	char *cause = NULL;

	if (!notes_undo(ns, &cause))
		say_failed(u, "Undo", cause);
	else
		ui_message(u, false, "%s (U again: the change before)",
		    what[next]);
	if (u->in_list && u->list.kind == LIST_NOTES)
		notes_list_fill(u, (long)u->list.sel);
}

/* --- the notes list ------------------------------------------------ */

/*
 * The direction of a list entry: that of its quote's first strong
 * letter, so that an Arabic entry reads right to left even though it
 * starts with "¶ 12" and may hold "[paragraph]".
 */
static enum lay_dir
quote_dir(const char *q)
{
	size_t n;
	uint32_t *cps = text_utf8_decode(q != NULL ? q : "",
	    q != NULL ? strlen(q) : 0, 0, &n, NULL);
	enum lay_dir dir = LAY_DIR_RTL;

	for (size_t i = 0; i < n; i++) {
		enum text_bidi c = text_cp_bidi(cps[i]);

		if (c == TEXT_BIDI_L) {
			dir = LAY_DIR_LTR;
			break;
		}
		if (c == TEXT_BIDI_R || c == TEXT_BIDI_AL)
			break;
	}
	free(cps);
	return dir;
}

/* One line of the list: where, the quote, the note, the status. */
static char *
entry_text(const struct doc *d, const struct note *nt)
{
	const struct store_note *sn = nt->sn;
	const char *addr = NULL;
	struct buf s;

	buf_init(&s);
	if (nt->status != ANCHOR_ORPHAN)
		addr = doc_block_address(d, nt->block);
	if (addr != NULL)
		buf_addf(&s, "¶ %s  ", addr);
	else if (nt->status == ANCHOR_ORPHAN && sn->anchor.para != NULL)
		buf_addf(&s, "(was ¶ %s)  ", sn->anchor.para);
	if (nt->whole)
		buf_adds(&s, "[paragraph] ");
	buf_adds(&s, "«");
	quote_short(&s, sn->anchor.exact);
	buf_adds(&s, "»");
	if (sn->text != NULL) {
		buf_adds(&s, " — ");
		quote_short(&s, sn->text);
	}
	if (nt->status != ANCHOR_EXACT)
		buf_addf(&s, "  [%s]", anchor_status_name(nt->status));
	return buf_steal(&s);
}

/*
 * (Re)fills the notes list, the bar on entry sel (-1: the first
 * annotation at or below the top of the text).
 */
static void
notes_list_fill(struct ui *u, long sel)
{
	struct buffer *b = ui_cur(u);
	struct notes *ns = b->notes;
	size_t n = notes_count(ns), at = b->top.block;

	ui_list_open(u, "Annotations: Enter goes there, a edits, x deletes, "
	    "R re-attaches, q closes", true);
	u->list.kind = LIST_NOTES;
	for (size_t i = 0; i < n; i++) {
		const struct note *nt = notes_get(ns, i);

		ui_list_add(&u->list, entry_text(b->doc, nt),
		    nt->status == ANCHOR_ORPHAN ? -1 : (long)nt->block,
		    quote_dir(nt->sn->anchor.exact));
		u->list.e[u->list.n - 1].note = i;
		if (sel < 0 && nt->status != ANCHOR_ORPHAN && nt->block >= at &&
		    u->list.sel == 0 && (i == 0 ||
		    notes_get(ns, i - 1)->block < at))
			u->list.sel = i;
	}
	if (sel >= 0)
		u->list.sel = (size_t)sel < n ? (size_t)sel : n > 0 ? n - 1 : 0;
	if (n == 0) {
		ui_list_close(u);
		ui_message(u, false, "No annotations in this document (v "
		    "selects, H highlights, a adds a note)");
		return;
	}
	ui_list_follow(u);
}

/* The list of the annotations idx[0 .. n) at one place, to choose the
 * one x deletes. */
static void
notes_list_which(struct ui *u, const size_t *idx, size_t n)
{
	struct buffer *b = ui_cur(u);

	ui_list_open(u, "Several annotations here: x deletes the one under "
	    "the bar, q closes", true);
	u->list.kind = LIST_NOTES;
	u->list.which = true;
	for (size_t k = 0; k < n; k++) {
		const struct note *nt = notes_get(b->notes, idx[k]);

		ui_list_add(&u->list, entry_text(b->doc, nt), (long)nt->block,
		    quote_dir(nt->sn->anchor.exact));
		u->list.e[u->list.n - 1].note = idx[k];
	}
	ui_list_follow(u);
	ui_message(u, false, "%zu annotations here: choose the one to "
	    "delete (j k), x deletes it", n);
}

void
ui_notes_list_select(struct ui *u)
{
	struct buffer *b = ui_cur(u);
	const struct note *nt;
	struct buf q;

	if (u->list.n == 0 || b->notes == NULL) {
		ui_list_close(u);
		return;
	}
	nt = notes_get(b->notes, u->list.e[u->list.sel].note);
	ui_list_close(u);
	if (nt == NULL)
		return;
	buf_init(&q);
	quote_short(&q, nt->sn->anchor.exact);
	if (nt->status == ANCHOR_ORPHAN) {
		if (nt->sn->anchor.block < doc_block_count(b->doc))
			ui_goto_block(u, nt->sn->anchor.block);
		ui_message(u, true, "Orphan: «%s» is not in this text; L, R "
		    "on it, then select its new place and press R",
		    q.data != NULL ? q.data : "");
	} else {
		ui_jump_push(u);
		ui_goto_offset(u, nt->block, nt->whole ? 0 : nt->start);
		if (nt->status == ANCHOR_REVIEW)
			ui_message(u, true, "Needs review: it was «%s»; L, R "
			    "and a selection moves it", q.data != NULL ?
			    q.data : "");
	}
	buf_free(&q);
}

static void
do_reattach(struct ui *u, struct notes *ns)
{
	const struct note *nt;
	char *cause = NULL;
	long i;

	if (u->in_list) {
		if (u->list.kind != LIST_NOTES || u->list.n == 0)
			return;
		nt = notes_get(ns, u->list.e[u->list.sel].note);
		free(u->reattach);
		u->reattach = xstrdup(nt->sn->uuid);
		ui_list_close(u);
		ui_message(u, false, nt->whole ? "Go to its paragraph and "
		    "press R" : "Select its new place (v, then w or j) and "
		    "press R");
		return;
	}
	if (u->reattach == NULL ||
	    (i = notes_find_uuid(ns, u->reattach)) < 0) {
		ui_message(u, true, "First choose the annotation: L, then R "
		    "on it");
		return;
	}
	nt = notes_get(ns, (size_t)i);
	if (!nt->whole && !u->sel.on) {
		ui_message(u, true, "Select the new place first: v");
		return;
	}
	if (u->sel.on && u->sel.eblock != u->sel.block) {
		ui_message(u, true, "An annotation sits in one paragraph: "
		    "select its new place inside one");
		return;
	}
	if (!notes_reattach(ns, (size_t)i, u->sel.on ? u->sel.block :
	    top_text_block(u), u->sel.start, u->sel.end, &cause))
		say_failed(u, "Not re-attached", cause);
	else {
		ui_message(u, false, "Re-attached here");
		free(u->reattach);
		u->reattach = NULL;
	}
	ui_notes_unselect(u);
}

/* --- bookmarks ----------------------------------------------------- */

bool
ui_notes_key(struct ui *u, uint32_t key)
{
	struct buffer *b = ui_cur(u);
	struct store_place where;
	size_t block, off;
	char *path = NULL, *cause = NULL;
	bool found = false;
	int what = u->pending;

	if (what == 0)
		return false;
	u->pending = 0;
	if (key == KM_KEY_ESC)
		return true;
	if (what == '\'' && key == '?') {
		ui_notes_marks_list(u);
		return true;
	}
	if (!((key >= 'a' && key <= 'z') || (key >= 'A' && key <= 'Z'))) {
		ui_message(u, true, "A bookmark is a letter: a-z in this "
		    "document, A-Z across documents");
		return true;
	}
	if (b == NULL || b->notes == NULL) {
		notes_or_say(u);
		return true;
	}
	if (what == 'm') {
		if (!notes_mark_set(b->notes, (int)key, b->top.block,
		    view_row_offset(b->view, &b->top), &cause))
			say_failed(u, "Bookmark not set", cause);
		else
			ui_message(u, false, "Bookmark %c set", (int)key);
		return true;
	}
	if (!notes_mark_get(b->notes, (int)key, &path, &where, &found,
	    &cause)) {
		say_failed(u, "Bookmark", cause);
		return true;
	}
	if (found)
		ui_jump_push(u);
	if (!found)
		ui_message(u, true, "No bookmark %c", (int)key);
	else if (path != NULL && !ui_open(u, path, &cause))
		say_failed(u, "Bookmark", cause);
	else if (ui_cur(u)->notes == NULL ||
	    !notes_place_find(ui_cur(u)->notes, &where, &block, &off))
		ui_message(u, true, "Bookmark %c: its place is gone", (int)key);
	else {
		ui_goto_offset(u, block, off);
		ui_message(u, false, "Bookmark %c (back: Backspace)", (int)key);
	}
	free(where.para);
	free(path);
	return true;
}

/* --- showing notes ------------------------------------------------ */

/*
 * Shows the notes idx[0 .. n) that have a text over the text rows (the
 * narrow screen's margin): "Note, ¶ 12 «quoted words»: text".  False if
 * none has a text.
 */
static bool
notes_popup(struct ui *u, const size_t *idx, size_t n)
{
	struct buffer *b = ui_cur(u);
	struct buf title, text;
	const char *addr;
	size_t k, shown = 0;

	buf_init(&title);
	buf_init(&text);
	for (k = 0; k < n; k++) {
		const struct note *nt = notes_get(b->notes, idx[k]);

		if (nt->sn->text == NULL)
			continue;
		if (shown++ == 0) {
			addr = doc_block_address(b->doc, nt->block);
			buf_addf(&title, "Note%s%s «", addr != NULL ? ", ¶ " :
			    "", addr != NULL ? addr : "");
			quote_short(&title, nt->sn->anchor.exact);
			buf_adds(&title, "» — Esc closes");
		} else
			buf_adds(&text, " · ");
		buf_adds(&text, nt->sn->text);
	}
	if (shown == 0) {
		buf_free(&title);
		buf_free(&text);
		return false;
	}
	ui_refs_popup(u, buf_steal(&title), buf_steal(&text));
	return true;
}

bool
ui_notes_show_at(struct ui *u, size_t block, size_t start, size_t end)
{
	struct buffer *b = ui_cur(u);
	size_t idx[64], n = 0;

	if (b == NULL || b->notes == NULL)
		return false;
	for (size_t i = 0; i < notes_count(b->notes) && n < 64; i++) {
		const struct note *nt = notes_get(b->notes, i);

		if (nt->status != ANCHOR_ORPHAN && nt->block == block &&
		    (nt->whole || (nt->start < end && nt->end > start)))
			idx[n++] = i;
	}
	return notes_popup(u, idx, n);
}

/*
 * Enter: with the word cursor on, follows the reference under it or
 * shows the note on its word; without, when Tab has chosen no
 * reference, shows the first note on screen.  False: the references'
 * Enter (ui-refs.c) does what it does.
 */
static bool
note_follow(struct ui *u)
{
	struct buffer *b = ui_cur(u);
	struct wpos p;
	size_t e, off, i;
	long r;
	int x, y;

	if (b == NULL || u->in_list)
		return false;
	if (u->mode == KM_CURSOR && u->wc_on && u->wc_buf == b) {
		e = words_end(ui_words(u), &u->wc);
		for (off = u->wc.off; off < e; off++)
			if ((r = ui_refs_at(u, u->wc.block, off)) >= 0) {
				ui_refs_follow(u, r);
				return true;
			}
		return ui_notes_show_at(u, u->wc.block, u->wc.off, e);
	}
	if (b->ref_cur >= 0 || b->notes == NULL)
		return false;
	for (i = 0; i < notes_count(b->notes); i++) {
		const struct note *nt = notes_get(b->notes, i);

		if (nt->status == ANCHOR_ORPHAN || nt->sn->text == NULL)
			continue;
		p = (struct wpos){ nt->block, nt->whole ? 0 : nt->start };
		if (ui_cursor_xy(u, &p, &x, &y))
			return notes_popup(u, &i, 1);
	}
	return false;
}

/* --- dispatch and drawing ------------------------------------------ */

bool
ui_notes_action(struct ui *u, enum action a)
{
	struct notes *ns;

	if (a != ACT_HIGHLIGHT) {	/* H again is only right after H */
		free(u->hl_again);
		u->hl_again = NULL;
	}
	switch (a) {
	case ACT_EXTEND_WORD:
	case ACT_SHRINK_WORD:
	case ACT_EXTEND_LINE:
	case ACT_SHRINK_LINE:
	case ACT_SWAP_END:
		if (!u->sel.on)
			return true;
		if (a == ACT_SWAP_END)
			u->sel.move_start = !u->sel.move_start;
		else if (a == ACT_EXTEND_WORD || a == ACT_SHRINK_WORD)
			sel_word(u, a == ACT_EXTEND_WORD ? 1 : -1);
		else
			sel_line(u, a == ACT_EXTEND_LINE ? 1 : -1);
		return true;
	case ACT_CURSOR_LEFT:
	case ACT_CURSOR_RIGHT:
	case ACT_CURSOR_UP:
	case ACT_CURSOR_DOWN:
	case ACT_WORD_NEXT:
	case ACT_WORD_PREV:
		if (u->mode != KM_SELECT || !u->sel.on)
			return false;	/* the word cursor's (ui-cursor.c) */
		sel_step(u, a);
		return true;
	case ACT_CLOSE:
		if (u->mode != KM_SELECT)
			return false;
		ui_notes_unselect(u);
		return true;
	case ACT_FOLLOW:
		return note_follow(u);
	case ACT_VISUAL:
		if (u->sel.on)
			ui_notes_unselect(u);
		else if (!u->in_list)
			sel_begin(u);
		return true;
	case ACT_COPY:
		if (!u->in_list)
			do_copy(u);
		return true;
	case ACT_HIGHLIGHT:
	case ACT_NOTE:
	case ACT_NOTE_EDITOR:
	case ACT_DELETE:
	case ACT_UNDO:
	case ACT_NOTES:
	case ACT_REATTACH:
	case ACT_MARK_SET:
	case ACT_MARK_GOTO:
		break;
	default:
		return false;
	}
	if (u->in_list && u->list.kind != LIST_NOTES)
		return true;
	if ((ns = notes_or_say(u)) == NULL)
		return true;
	switch (a) {
	case ACT_HIGHLIGHT:
		if (!u->in_list)
			do_highlight(u, ns);
		break;
	case ACT_NOTE:		do_note(u, ns, false); break;
	case ACT_NOTE_EDITOR:	do_note(u, ns, true); break;
	case ACT_DELETE:	do_delete(u, ns); break;
	case ACT_UNDO:		do_undo(u, ns); break;
	case ACT_NOTES:
		ui_notes_unselect(u);
		notes_list_fill(u, -1);
		break;
	case ACT_REATTACH:	do_reattach(u, ns); break;
	case ACT_MARK_SET:
	case ACT_MARK_GOTO:
		u->pending = a == ACT_MARK_SET ? 'm' : '\'';
		ui_message(u, false, a == ACT_MARK_SET ? "Bookmark: type a "
		    "letter (A-Z: across documents)" : "Go to bookmark: "
		    "type its letter");
		break;
	default:
		break;
	}
	return true;
}

/* The face an annotation is drawn in. */
static int
note_face(const struct note *nt)
{
	if (nt->status == ANCHOR_REVIEW)
		return TF_REVIEW;
	return nt->sn->style != NULL ? style_face(nt->sn->style) : TF_NOTE;
}

size_t
ui_notes_marks(struct ui *u, size_t first, size_t last,
    struct view_mark **marks, size_t *cap, size_t nm)
{
	struct buffer *b = ui_cur(u);
	size_t n;

	if (b == NULL || b->notes == NULL)
		return nm;
	n = notes_count(b->notes);
	/* paragraph annotations first: words drawn over them */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++) {
			const struct note *nt = notes_get(b->notes, i);

			if (nt->status == ANCHOR_ORPHAN || nt->block < first ||
			    nt->block > last || nt->whole != (pass == 0))
				continue;
			ui_mark_add(marks, cap, &nm, nt->block,
			    nt->whole ? 0 : nt->start,
			    nt->whole ? (size_t)-1 : nt->end, note_face(nt));
		}
	return nm;
}

void
ui_notes_gutter(struct ui *u, const struct view_pos *pos,
    struct view_cell *row)
{
	struct buffer *b = ui_cur(u);
	size_t rs, re, n;
	uint32_t mark = 0;
	int col;

	if (b == NULL || b->notes == NULL ||
	    !view_row_range(b->view, pos, &rs, &re))
		return;
	n = notes_count(b->notes);
	for (size_t i = 0; i < n; i++) {
		const struct note *nt = notes_get(b->notes, i);

		if (nt->status == ANCHOR_ORPHAN || nt->block != pos->block ||
		    (!nt->whole && (nt->end <= rs || nt->start >= re)))
			continue;
		/* the strongest sign wins: ? review, * a note, | a highlight */
		if (nt->status == ANCHOR_REVIEW)
			mark = '?';
		else if (nt->sn->text != NULL && mark != '?')
			mark = '*';
		else if (mark == 0)
			mark = '|';
	}
	if (mark == 0 || (col = view_gutter_col(b->view, pos)) < 0 ||
	    col >= u->cols || row[col].base != ' ')
		return;
	row[col].base = mark;
	row[col].face = TF_NOTEMARK;
}

/* «The first words» of block i, for a place without an address. */
static void
mark_words(struct buf *out, const struct doc *d, size_t i)
{
	size_t len;
	const char *t = doc_block_text(d, i, &len);
	char *s = xstrndup(t != NULL ? t : "", t != NULL ? len : 0);

	buf_adds(out, "«");
	quote_short(out, s);
	buf_adds(out, "»");
	free(s);
}

/*
 * ' ? and :marks: the bookmarks, a line each, "a  ¶ 12" for this
 * document's ("a  «words»" on a heading), "B  ¶ 20  FILE" for one in
 * another; Enter goes to one of this document.
 */
void
ui_notes_marks_list(struct ui *u)
{
	struct buffer *b = ui_cur(u);
	struct store_place where;
	struct buf line;
	char *path, *cause = NULL;
	size_t block, off;
	bool found;
	int k, c;

	if (b == NULL || b->notes == NULL) {
		notes_or_say(u);
		return;
	}
	ui_list_open(u, "Bookmarks: Enter goes to one of this document, q "
	    "closes", true);
	u->list.kind = LIST_BLOCKS;
	buf_init(&line);
	for (k = 0; k < 52; k++) {
		c = k < 26 ? 'a' + k : 'A' + k - 26;
		path = NULL;
		memset(&where, 0, sizeof where);
		if (!notes_mark_get(b->notes, c, &path, &where, &found,
		    &cause)) {
			free(cause);
			cause = NULL;
			continue;
		}
		if (found) {
			long to = -1;

			buf_reset(&line);
			buf_addf(&line, "%c  ", c);
			if (path == NULL && notes_place_find(b->notes, &where,
			    &block, &off))
				to = (long)block;
			if (where.para != NULL)
				buf_addf(&line, "¶ %s", where.para);
			else if (to >= 0)	/* a heading: its words */
				mark_words(&line, b->doc, (size_t)to);
			else
				buf_adds(&line, "(no paragraph number)");
			if (path != NULL) {
				buf_adds(&line, "  ");
				ui_text_short(&line, path, 60);
			}
			ui_list_add(&u->list, xstrdup(line.data), to,
			    LAY_DIR_LTR);
		}
		free(where.para);
		free(path);
	}
	buf_free(&line);
	if (u->list.n == 0) {
		ui_list_close(u);
		ui_message(u, false, "No bookmarks (m and a letter sets one)");
	}
}

/*
 * :notes all: the annotations of every document in the database, a
 * heading line per document (its symbol, else title, else file), then
 * one line each: "¶ 12  “quoted words” note".  To read, not to go to.
 */
void
ui_notes_all(struct ui *u)
{
	struct store_doc *docs = NULL;
	struct store_note *ns = NULL;
	struct buf line, raw;
	size_t nd = 0, nn = 0, i, k;
	char *cause = NULL;
	const char *name;

	if (u->o.store == NULL) {
		ui_message(u, true, "Annotations off: %s", u->o.store_off !=
		    NULL ? u->o.store_off : "no database");
		return;
	}
	if (!store_docs_list(u->o.store, &docs, &nd, &cause)) {
		say_failed(u, "Annotations", cause);
		return;
	}
	ui_list_open(u, "Annotations of every document: q closes", false);
	u->list.kind = LIST_HELP;
	buf_init(&line);
	buf_init(&raw);
	for (i = 0; i < nd; i++) {
		if (docs[i].notes == 0 || !store_notes_load(u->o.store,
		    docs[i].id, docs[i].version, false, &ns, &nn, &cause)) {
			free(cause);
			cause = NULL;
			continue;
		}
		name = docs[i].symbol != NULL ? docs[i].symbol :
		    docs[i].title != NULL ? docs[i].title : docs[i].path !=
		    NULL ? docs[i].path : "?";
		buf_reset(&line);
		buf_reset(&raw);
		buf_addf(&raw, "%s (%zu)", name, nn);
		ui_text_isolate(&line, raw.data, raw.len);
		ui_list_add(&u->list, xstrdup(line.data), -1, LAY_DIR_LTR);
		for (k = 0; k < nn; k++) {
			buf_reset(&raw);
			buf_addf(&raw, "    ¶ %s  ", ns[k].anchor.para != NULL ?
			    ns[k].anchor.para : "?");
			if (ns[k].anchor.exact != NULL && !ns[k].anchor.whole) {
				buf_adds(&raw, "“");
				ui_text_short(&raw, ns[k].anchor.exact, 40);
				buf_adds(&raw, "” ");
			}
			if (ns[k].text != NULL)
				ui_text_short(&raw, ns[k].text, 200);
			else if (ns[k].style != NULL)
				buf_addf(&raw, "(highlight %s)", ns[k].style);
			buf_reset(&line);
			ui_text_isolate(&line, raw.data, raw.len);
			ui_list_add(&u->list, xstrdup(line.data), -1,
			    LAY_DIR_LTR);
		}
		store_notes_free(ns, nn);
		ns = NULL;
	}
	buf_free(&line);
	buf_free(&raw);
	store_docs_free(docs, nd);
	if (u->list.n == 0) {
		ui_list_close(u);
		ui_message(u, false, "No annotations in any document");
	}
}
