/*
 * ui-compare.c - the reader comparing two versions: `hamish compare OLD
 * NEW` and `:compare FILE`.  Keys in (mode compare), the screen out; no
 * curses here, as in the rest of the controller.
 *
 * The pairs of diff.c are laid out by compare-view.c, each version by a
 * view of its own (always in visual order: a terminal that reorders
 * lines would swap the columns, so the backend is asked for explicit
 * mode while comparing).  The old version is on the right, read first:
 *
 *   row 0          |new  A/C.3/79/L.12/Rev.1 |            |old  A/C.3/79/L.12 |
 *   rows 1 ..      |  text of the new version| 8 ← 9      |  text of the old  |
 *                  |                         | changed    |                   |
 *   status         |change 3 of 15 · 9 changed, 2 moved ... · ¶ 9 → 8       |
 *
 * Below COMPARE_COLS columns, one column: the pairs with their deleted
 * and inserted words side by side.  The new version's buffer lends its
 * place (top) and annotations: the new column's view replaces the
 * buffer's own while comparing, so that the annotation keys (v, H, a
 * ...) act on the new version's text on screen.  Annotations of the old
 * version reach the new one through notes.c's re-anchoring, as `hamish
 * notes carry` does.
 */
#include <stdlib.h>
#include <string.h>

#include "compare-view.h"
#include "diff.h"
#include "doc.h"
#include "notes.h"
#include "search.h"
#include "store.h"
#include "theme.h"
#include "ui.h"
#include "ui-int.h"
#include "util.h"

#define COMPARE_COLS	100	/* two columns from this width on */
#define GUTTER_W	14	/* the label map between the columns */

struct compare {
	size_t		 buf[2];	/* the buffers of old and new */
	struct diff	*d;
	struct cmpv	*m;
	struct view	*v[2];		/* owned: each version's column */
	struct view	*own_view;	/* the new buffer's, put back at close */
	struct cmpv_pos	 top;
	bool		 swap;		/* the old version on the left */
	bool		 exact;
	bool		 quit_on_close;
	size_t		 cur_change;	/* the change ]c [c went to, or NONE */
	int		 cols;		/* laid out for this many columns */
	int		 cw;		/* column width */
	struct view_cell *tmp;		/* a column's row */
	struct view_mark *marks[2];
	size_t		 cap[2];
	struct view_pos	 synced;	/* the new buffer's top as last set */
	bool		 had_hit;	/* the search hit last shown */
	struct search_hit hit;
	struct view_mark *nmk;		/* the new version's annotations */
	size_t		 ncap;
};

static struct buffer *
side_buf(struct ui *u, int s)
{
	return u->buf[u->cmp->buf[s]];
}

/* Rows of the text area under the heads. */
static int
body_rows(const struct ui *u)
{
	int n = ui_text_rows(u) - 1;

	return n > 0 ? n : 1;
}

/* Lays the columns out for the screen's width (on the first draw and
 * after a resize). */
static void
relayout(struct ui *u)
{
	struct compare *c = u->cmp;
	bool inl = u->cols < COMPARE_COLS;
	int cw = inl ? u->cols : (u->cols - GUTTER_W) / 2;

	/* ui_resize() sets every buffer's view to the whole width, the
	 * new column's too */
	if (c->cols == u->cols && view_width(c->v[CMPV_NEW]) == (cw > 0 ?
	    cw : 1))
		return;
	c->cols = u->cols;
	c->cw = cw > 0 ? cw : 1;
	free(c->tmp);
	c->tmp = xcalloc((size_t)u->cols + 1, sizeof *c->tmp);
	view_set_width(c->v[CMPV_OLD], c->cw);
	view_set_width(c->v[CMPV_NEW], c->cw);
	cmpv_set_inline(c->m, inl, u->cols, 0, &c->top);
	cmpv_relayout(c->m);
	if (c->top.item < cmpv_item_count(c->m) &&
	    c->top.row >= cmpv_item_rows(c->m, c->top.item))
		c->top.row = 0;
}

/* Keeps the top on a screen that ends at the last row at most. */
static void
clamp_top(struct ui *u)
{
	struct compare *c = u->cmp;
	struct cmpv_pos end = cmpv_end(c->m, body_rows(u));

	if (c->top.item > end.item || (c->top.item == end.item &&
	    c->top.row > end.row))
		c->top = end;
}

/*
 * The new buffer's top follows the first row of the new version on
 * screen: the annotation keys start there, and it is the reading
 * position stored on the way out.
 */
static void
sync_new_top(struct ui *u)
{
	struct compare *c = u->cmp;
	struct buffer *nb = side_buf(u, CMPV_NEW);
	struct cmpv_pos p = c->top;
	struct cmpv_row r;
	const struct diff_pair *pr;
	int y;

	for (y = 0; y < body_rows(u) + 200; y++) {
		cmpv_row(c->m, &p, &r);
		if (r.kind == CMPV_ROW_TEXT && r.pair != CMPV_NONE) {
			pr = diff_pair(c->d, r.pair);
			if (!cmpv_inline(c->m) && r.has[CMPV_NEW]) {
				nb->top = c->synced = r.at[CMPV_NEW];
				return;
			}
			if (cmpv_inline(c->m) && pr->new_count > 0) {
				nb->top = c->synced = view_pos_of(
				    c->v[CMPV_NEW], pr->new_first, 0);
				return;
			}
		}
		if (cmpv_move(c->m, &p, 1) != 1)
			return;
	}
}

/* The place of the new version's row at `want` in the columns, or false
 * (inline: the first row of its pair). */
static bool
place_of(struct ui *u, const struct view_pos *want, struct cmpv_pos *out)
{
	struct compare *c = u->cmp;
	struct cmpv_row r;
	size_t pair, n, k;

	if ((pair = diff_pair_of_new(c->d, want->block)) == DIFF_NONE)
		return false;
	out->item = cmpv_item_of_pair(c->m, pair);
	if (cmpv_item(c->m, out->item)->kind == CMPV_FOLD) {
		cmpv_set_fold(c->m, false, NULL);
		out->item = cmpv_item_of_pair(c->m, pair);
	}
	n = cmpv_item_rows(c->m, out->item);
	for (k = 0; k < n && !cmpv_inline(c->m); k++) {
		out->row = k;
		cmpv_row(c->m, out, &r);
		if (r.has[CMPV_NEW] &&
		    view_pos_cmp(&r.at[CMPV_NEW], want) >= 0)
			return true;
	}
	out->row = out->item > 0;
	return true;
}

/* Whether place p is on the screen. */
static bool
on_screen(struct ui *u, const struct cmpv_pos *p)
{
	struct compare *c = u->cmp;
	struct cmpv_pos end = c->top;

	cmpv_move(c->m, &end, body_rows(u) - 1);
	return (p->item > c->top.item || (p->item == c->top.item &&
	    p->row >= c->top.row)) && (p->item < end.item ||
	    (p->item == end.item && p->row <= end.row));
}

/*
 * Something else moved the new buffer's top (Enter in the annotations
 * list, a bookmark, a selection past the screen) or found a search hit
 * (/ ? n N on the new version): the columns follow, that row at the top
 * unless it is on screen already.
 */
static void
follow_new_top(struct ui *u)
{
	struct compare *c = u->cmp;
	struct buffer *nb = side_buf(u, CMPV_NEW);
	struct view_pos want;
	struct cmpv_pos p;
	bool moved = view_pos_cmp(&nb->top, &c->synced) != 0;
	bool hit = u->have_hit && (!c->had_hit || u->hit.block !=
	    c->hit.block || u->hit.start != c->hit.start);

	c->had_hit = u->have_hit;
	c->hit = u->hit;
	if (!moved && !hit)
		return;
	c->synced = nb->top;
	want = hit ? view_pos_of(c->v[CMPV_NEW], u->hit.block,
	    u->hit.start) : nb->top;
	if (!place_of(u, &want, &p) || (hit && on_screen(u, &p)))
		return;
	c->top = p;
	clamp_top(u);
	u->jumped = true;
}

static void
goto_item(struct ui *u, size_t item)
{
	struct compare *c = u->cmp;

	c->top.item = item;
	c->top.row = item > 0;	/* the item's first row, not the gap */
	clamp_top(u);
	u->jumped = true;
	sync_new_top(u);
}

static void
scroll(struct ui *u, long n)
{
	struct compare *c = u->cmp;

	relayout(u);
	cmpv_move(c->m, &c->top, n);
	clamp_top(u);
	u->jumped = true;	/* the heads stay: no scroll hint */
	sync_new_top(u);
}

/* The items on screen: [top.item, *last]. */
static size_t
last_item(struct ui *u)
{
	struct compare *c = u->cmp;
	struct cmpv_pos p = c->top;

	cmpv_move(c->m, &p, body_rows(u) - 1);
	return p.item;
}

/* The first change at or after item i, or CMPV_NONE. */
static size_t
change_from(struct cmpv *m, size_t i)
{
	if (i == 0)
		return cmpv_change_count(m) > 0 ? 0 : CMPV_NONE;
	return cmpv_change_near(m, i - 1, 1);
}

/* The change ]c or [c went to, while it is on screen, or CMPV_NONE. */
static size_t
change_current(struct ui *u)
{
	struct compare *c = u->cmp;
	size_t it;

	if (c->cur_change == CMPV_NONE ||
	    c->cur_change >= cmpv_change_count(c->m))
		return CMPV_NONE;
	it = cmpv_change_item(c->m, c->cur_change);
	return it >= c->top.item && it <= last_item(u) ? c->cur_change :
	    CMPV_NONE;
}

/* The change the status line names: the current one, else the first
 * on screen. */
static size_t
change_here(struct ui *u)
{
	struct compare *c = u->cmp;
	size_t k = change_current(u);

	if (k != CMPV_NONE)
		return k;
	k = change_from(c->m, c->top.item);
	if (k != CMPV_NONE && cmpv_change_item(c->m, k) <= last_item(u))
		return k;
	return CMPV_NONE;
}

/* ]c and [c: the change after (before) the current one, else after
 * (before) the top, put at the top. */
static void
change_step(struct ui *u, int dir)
{
	struct compare *c = u->cmp;
	size_t cur = change_current(u), n = cmpv_change_count(c->m), k;

	if (cur != CMPV_NONE)
		k = dir > 0 ? (cur + 1 < n ? cur + 1 : CMPV_NONE) :
		    (cur > 0 ? cur - 1 : CMPV_NONE);
	else
		k = cmpv_change_near(c->m, c->top.item, dir);
	if (k == CMPV_NONE) {
		ui_message(u, true, n == 0 ?
		    "No changes: the two versions say the same" : dir > 0 ?
		    "No more changes below" : "No more changes above");
		return;
	}
	c->cur_change = k;
	goto_item(u, cmpv_change_item(c->m, k));
}

/* A pair's one-line summary for the change list. */
static void
pair_line(struct ui *u, size_t p, struct buf *out)
{
	struct compare *c = u->cmp;
	const struct diff_pair *pr = diff_pair(c->d, p);
	const struct doc *d = pr->new_count > 0 ? side_buf(u, CMPV_NEW)->doc :
	    side_buf(u, CMPV_OLD)->doc;
	size_t b = pr->new_count > 0 ? pr->new_first : pr->old_first, len;
	const char *t = doc_block_text(d, b, &len);

	cmpv_gutter(c->m, p, 0, false, out);
	buf_adds(out, "  ");
	buf_adds(out, pr->status == DIFF_CHANGED && pr->spelling ? "spelling" :
	    diff_status_name(pr->status));
	buf_adds(out, "  ");
	ui_text_short(out, t, 60);
}

static void
changes_list(struct ui *u)
{
	struct compare *c = u->cmp;
	size_t k, n = cmpv_change_count(c->m), here = change_here(u);
	struct buf line;

	ui_list_open(u, "Changes: Enter goes to one; q closes", true);
	u->list.kind = LIST_CHANGES;
	buf_init(&line);
	for (k = 0; k < n; k++) {
		buf_reset(&line);
		buf_addf(&line, "%zu. ", k + 1);
		pair_line(u, cmpv_item(c->m, cmpv_change_item(c->m, k))->pair,
		    &line);
		ui_list_add(&u->list, buf_steal(&line), (long)k,
		    LAY_DIR_AUTO);
	}
	if (n == 0)
		ui_list_add(&u->list, xstrdup("No changes: the two versions "
		    "say the same"), -1, LAY_DIR_LTR);
	if (here != CMPV_NONE)
		u->list.sel = here;
	buf_free(&line);
}

/* The annotations of the old version that found no place on the new
 * one, with the words they were on. */
static void
orphans_list(struct ui *u)
{
	struct buffer *nb = side_buf(u, CMPV_NEW), *ob = side_buf(u, CMPV_OLD);
	struct buf line;
	size_t i, n = 0;

	ui_list_open(u, "Annotations of the old version with no place in "
	    "the new one; q closes", false);
	u->list.kind = LIST_HELP;
	buf_init(&line);
	for (i = 0; nb->notes != NULL && i < notes_count(nb->notes); i++) {
		const struct note *nt = notes_get(nb->notes, i);
		long j;

		if (nt->status != ANCHOR_ORPHAN)
			continue;
		buf_reset(&line);
		j = ob->notes != NULL ? notes_find_uuid(ob->notes,
		    nt->sn->uuid) : -1;
		if (j >= 0 && notes_get(ob->notes, (size_t)j)->status !=
		    ANCHOR_ORPHAN) {
			const struct note *on = notes_get(ob->notes,
			    (size_t)j);
			const char *a = doc_block_address(ob->doc, on->block);
			size_t len;
			const char *t = doc_block_text(ob->doc, on->block,
			    &len);
			size_t s = on->whole ? 0 : on->start;
			size_t e = on->whole ? len : on->end;
			size_t b0 = 0, k, cp = 0;

			buf_addf(&line, "old ¶ %s: ", a != NULL ? a : "·");
			/* the words it was on (code points s..e) */
			for (k = 0; k < len && cp < s; k++)
				if (((unsigned char)t[k] & 0xc0) != 0x80)
					cp++;
			while (k < len && ((unsigned char)t[k] & 0xc0) == 0x80)
				k++;
			b0 = k;
			for (; k < len && cp < e; k++)
				if (((unsigned char)t[k] & 0xc0) != 0x80)
					cp++;
			while (k < len && ((unsigned char)t[k] & 0xc0) == 0x80)
				k++;
			{
				char *q = xstrndup(t + b0, k - b0);

				buf_adds(&line, "«");
				ui_text_short(&line, q, 50);
				buf_adds(&line, "»");
				free(q);
			}
		} else
			buf_adds(&line, "(no place in either version)");
		if (nt->sn->text != NULL) {
			buf_adds(&line, "  note: ");
			ui_text_short(&line, nt->sn->text, 80);
		}
		ui_list_add(&u->list, buf_steal(&line), -1, LAY_DIR_AUTO);
		n++;
	}
	if (n == 0)
		ui_list_add(&u->list, xstrdup("None: every annotation of the "
		    "old version has a place in the new one"), -1,
		    LAY_DIR_LTR);
	buf_free(&line);
}

static void
set_fold(struct ui *u, bool on)
{
	struct compare *c = u->cmp;

	cmpv_set_fold(c->m, on, &c->top);
	c->cur_change = CMPV_NONE;
	clamp_top(u);
	u->jumped = true;
	ui_message(u, false, on ? "Unchanged paragraphs folded (zi unfolds)" :
	    "Unchanged paragraphs shown");
}

/* Goes to the pair of block b of side s (unfolding if it is folded). */
static void
goto_block(struct ui *u, int s, size_t b)
{
	struct compare *c = u->cmp;
	size_t p = s == CMPV_OLD ? diff_pair_of_old(c->d, b) :
	    diff_pair_of_new(c->d, b);
	size_t it;

	if (p == DIFF_NONE)
		return;
	it = cmpv_item_of_pair(c->m, p);
	if (cmpv_item(c->m, it)->kind == CMPV_FOLD) {
		cmpv_set_fold(c->m, false, NULL);
		it = cmpv_item_of_pair(c->m, p);
	}
	ui_jump_push(u);
	c->cur_change = cmpv_item(c->m, it)->change;
	goto_item(u, it);
}

/* :12 or :old 12 */
static void
goto_address(struct ui *u, int s, const char *addr)
{
	const struct doc *d = side_buf(u, s)->doc;
	long i = doc_addr_find(d, addr);

	if (i < 0) {
		ui_message(u, true, "No paragraph %s in the %s version", addr,
		    s == CMPV_OLD ? "old" : "new");
		return;
	}
	goto_block(u, s, (size_t)i);
}

/* --- opening and closing -------------------------------------------- */

static void
compare_free(struct compare *c)
{
	if (c == NULL)
		return;
	cmpv_free(c->m);
	diff_free(c->d);
	view_free(c->v[CMPV_OLD]);
	view_free(c->v[CMPV_NEW]);
	free(c->tmp);
	free(c->marks[0]);
	free(c->marks[1]);
	free(c->nmk);
	free(c);
}

/* Whether the diff says the two are versions of one text: at least half
 * the new version's blocks come from the old one. */
static bool
related(const struct diff *d)
{
	size_t n = diff_new_doc(d) != NULL ?
	    doc_block_count(diff_new_doc(d)) : 0, from_old = 0, p;

	for (p = 0; p < diff_pair_count(d); p++) {
		const struct diff_pair *pr = diff_pair(d, p);

		if (pr->old_count > 0)
			from_old += pr->new_count;
	}
	return n > 0 && from_old * 2 >= n;
}

/*
 * The old version's annotations on the new one: if the store holds the
 * two as different documents (different symbols, no common title) and
 * the texts are versions of one another, the new one's record is merged
 * into the old one's (as `hamish notes carry` does) and the new one's
 * annotations are placed again, the old ones among them.
 */
static void
carry_notes(struct ui *u)
{
	struct compare *c = u->cmp;
	struct buffer *ob = side_buf(u, CMPV_OLD), *nb = side_buf(u, CMPV_NEW);
	char *cause = NULL;
	size_t keep = u->cur;

	if (ob == nb || ob->notes == NULL || nb->notes == NULL ||
	    notes_doc_id(ob->notes) == notes_doc_id(nb->notes) ||
	    store_readonly(u->o.store) || !related(c->d))
		return;
	if (!store_doc_merge(u->o.store, notes_doc_id(nb->notes),
	    notes_doc_id(ob->notes), &cause)) {
		ui_message(u, true, "Annotations not carried over: %s", cause);
		free(cause);
		return;
	}
	u->cur = c->buf[CMPV_NEW];
	ui_notes_close(nb);
	ui_notes_open(u, nb);
	u->cur = keep;
}

bool
ui_compare_start(struct ui *u, size_t oldbuf, size_t newbuf, bool swap,
    bool quit_on_close)
{
	struct compare *c;
	struct diff_opts o = { u->exact };
	struct buffer *nb;
	size_t n, orph;

	if (u->cmp != NULL || oldbuf >= u->nbuf || newbuf >= u->nbuf)
		return false;
	ui_notes_unselect(u);
	c = xcalloc(1, sizeof *c);
	u->cmp = c;
	c->buf[CMPV_OLD] = oldbuf;
	c->buf[CMPV_NEW] = newbuf;
	c->swap = swap;
	c->exact = u->exact;
	c->quit_on_close = quit_on_close;
	c->cur_change = CMPV_NONE;
	c->d = diff_new(u->buf[oldbuf]->doc, u->buf[newbuf]->doc, &o);
	c->v[CMPV_OLD] = view_new(u->buf[oldbuf]->doc, 1, 0);
	c->v[CMPV_NEW] = view_new(u->buf[newbuf]->doc, 1, 0);
	c->m = cmpv_new(c->d, c->v[CMPV_OLD], c->v[CMPV_NEW]);
	carry_notes(u);
	nb = u->buf[newbuf];
	c->own_view = nb->view;
	nb->view = c->v[CMPV_NEW];
	/* from the top, whatever the reader's last position was */
	nb->top.block = nb->top.row = 0;
	c->synced = nb->top;
	c->had_hit = u->have_hit;
	c->hit = u->hit;
	u->cur = newbuf;
	u->mode = KM_COMPARE;
	u->jumped = true;
	u->redraw = true;
	n = cmpv_change_count(c->m);
	orph = nb->notes != NULL && oldbuf != newbuf ?
	    notes_count_status(nb->notes, ANCHOR_ORPHAN) : 0;
	if (n == 0)
		ui_message(u, false, "No changes: the two versions say the "
		    "same (q leaves)");
	else if (orph > 0)
		ui_message(u, true, "%zu change%s (]c: the next); %zu "
		    "annotation%s of the old version found no place in the "
		    "new: :orphans", n, n == 1 ? "" : "s", orph,
		    orph == 1 ? "" : "s");
	else
		ui_message(u, false, "%zu change%s: ]c the next, C the list, h "
		    "help, q leaves", n, n == 1 ? "" : "s");
	return true;
}

void
ui_compare_free(struct ui *u)
{
	struct compare *c = u->cmp;
	struct buffer *nb;
	size_t off, blk;

	if (c == NULL)
		return;
	nb = u->buf[c->buf[CMPV_NEW]];
	blk = nb->top.block;
	off = view_row_offset(nb->view, &nb->top);
	nb->view = c->own_view;
	view_set_width(nb->view, ui_text_cols(u));
	nb->top = view_pos_of(nb->view, blk, off);
	compare_free(c);
	u->cmp = NULL;
	if (u->mode == KM_COMPARE)
		u->mode = KM_NORMAL;
	u->jumped = true;
	u->redraw = true;
}

static void
compare_close(struct ui *u)
{
	if (u->cmp->quit_on_close) {
		u->quit = true;
		return;
	}
	ui_compare_free(u);
	ui_message(u, false, "Comparison closed");
}

/* Diffs again (after :set exact), at the same pair. */
static void
rediff(struct ui *u, bool exact)
{
	struct compare *c = u->cmp;
	struct diff_opts o = { exact };
	size_t p = c->top.item < cmpv_item_count(c->m) ?
	    cmpv_item(c->m, c->top.item)->pair : 0;
	bool fold = cmpv_fold(c->m);

	c->exact = exact;
	cmpv_free(c->m);
	diff_free(c->d);
	c->d = diff_new(side_buf(u, CMPV_OLD)->doc, side_buf(u, CMPV_NEW)->doc,
	    &o);
	c->m = cmpv_new(c->d, c->v[CMPV_OLD], c->v[CMPV_NEW]);
	c->cols = 0;
	relayout(u);
	cmpv_set_fold(c->m, fold, NULL);
	c->top.item = 0;
	c->top.row = 0;
	if (p < diff_pair_count(c->d))
		c->top.item = cmpv_item_of_pair(c->m, p);
	c->cur_change = CMPV_NONE;
	clamp_top(u);
	u->jumped = true;
	ui_message(u, false, "%zu changes, %s", cmpv_change_count(c->m),
	    exact ? "every code point counted (:set noexact: not harakat, "
	    "tatweel, digits ...)" : "harakat, tatweel, the digit system "
	    "and white space not counted");
}

/* --- keys and commands ---------------------------------------------- */

bool
ui_compare_action(struct ui *u, enum action a)
{
	struct compare *c = u->cmp;
	int page = body_rows(u);

	if (c == NULL)
		return false;
	if (u->in_list) {
		if (u->list.kind != LIST_CHANGES || a != ACT_SELECT ||
		    u->mode != KM_LIST)
			return false;
		if (u->list.n > 0 && u->list.e[u->list.sel].block >= 0) {
			size_t k = (size_t)u->list.e[u->list.sel].block;

			ui_list_close(u);
			u->mode = KM_COMPARE;
			ui_jump_push(u);
			c->cur_change = k;
			goto_item(u, cmpv_change_item(c->m, k));
		} else
			ui_list_close(u);
		return true;
	}
	/* normal: just after a prompt, whose command this may be */
	if (u->mode != KM_COMPARE && u->mode != KM_NORMAL)
		return false;
	relayout(u);
	switch (a) {
	case ACT_LINE_DOWN:	scroll(u, 1); break;
	case ACT_LINE_UP:	scroll(u, -1); break;
	case ACT_PAGE_DOWN:	scroll(u, page); break;
	case ACT_PAGE_UP:	scroll(u, -page); break;
	case ACT_HALF_DOWN:	scroll(u, page / 2 > 0 ? page / 2 : 1); break;
	case ACT_HALF_UP:	scroll(u, -(page / 2 > 0 ? page / 2 : 1)); break;
	case ACT_TOP:
		c->top.item = c->top.row = 0;
		goto_item(u, 0);
		break;
	case ACT_BOTTOM:
		c->top = cmpv_end(c->m, page);
		u->jumped = true;
		sync_new_top(u);
		break;
	case ACT_PARA_NEXT:
	case ACT_PARA_PREV:
		if (a == ACT_PARA_NEXT && c->top.item + 1 <
		    cmpv_item_count(c->m))
			goto_item(u, c->top.item + 1);
		else if (a == ACT_PARA_PREV)
			goto_item(u, c->top.row > 0 || c->top.item == 0 ?
			    c->top.item : c->top.item - 1);
		break;
	case ACT_CHANGE_NEXT:	change_step(u, 1); break;
	case ACT_CHANGE_PREV:	change_step(u, -1); break;
	case ACT_CHANGES:	changes_list(u); break;
	case ACT_FOLD:		set_fold(u, !cmpv_fold(c->m)); break;
	case ACT_SWAP:
		c->swap = !c->swap;
		u->jumped = true;
		ui_message(u, false, "The old version on the %s",
		    c->swap ? "left" : "right");
		break;
	case ACT_CLOSE:		compare_close(u); break;
	case ACT_QUIT:
	case ACT_HELP:
	case ACT_COMMAND:
	case ACT_REDRAW:
	case ACT_NONE:
		return false;
	case ACT_VISUAL:
	case ACT_HIGHLIGHT:
	case ACT_NOTE:
	case ACT_NOTE_EDITOR:
	case ACT_COPY:
	case ACT_DELETE:
	case ACT_UNDO:
	case ACT_NOTES:
	case ACT_REATTACH:
	case ACT_MARK_SET:
	case ACT_SEARCH_FORWARD:
	case ACT_SEARCH_BACKWARD:
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		/* on the new version, from its first row on screen */
		sync_new_top(u);
		return false;
	default:
		ui_message(u, true, "%s: not while comparing (q leaves the "
		    "comparison)", action_name(a));
		break;
	}
	return true;
}

static bool
word_eq(const char *s, const char *a)
{
	return strcmp(s, a) == 0;
}

bool
ui_compare_command(struct ui *u, char *line, char *arg)
{
	struct compare *c = u->cmp;
	enum action a;

	if (word_eq(line, "compare")) {
		size_t old = u->cur;
		char *cause = NULL;

		if (c != NULL) {
			ui_message(u, true, "Already comparing (q leaves)");
			return true;
		}
		if (u->nbuf == 0 || arg == NULL || *arg == '\0') {
			ui_message(u, true, ":compare needs the file of the "
			    "new version");
			return true;
		}
		u->o.empty_ok = true;
		if (!ui_open(u, arg, &cause)) {
			u->o.empty_ok = false;
			ui_message(u, true, "%s", cause);
			free(cause);
			return true;
		}
		u->o.empty_ok = false;
		ui_compare_start(u, old, u->cur, false, false);
		return true;
	}
	if (c == NULL)
		return false;
	if (word_eq(line, "old")) {
		if (arg == NULL || *arg == '\0')
			ui_message(u, true, ":old needs an address, e.g. "
			    ":old 12");
		else
			goto_address(u, CMPV_OLD, arg);
		return true;
	}
	if (word_eq(line, "set") && arg != NULL) {
		if (word_eq(arg, "swap") || word_eq(arg, "noswap")) {
			c->swap = word_eq(arg, "swap");
			u->jumped = true;
		} else if (word_eq(arg, "fold") || word_eq(arg, "nofold"))
			set_fold(u, word_eq(arg, "fold"));
		else if (word_eq(arg, "exact") || word_eq(arg, "noexact")) {
			u->exact = word_eq(arg, "exact");
			rediff(u, u->exact);
		} else {
			ui_message(u, true, "Unknown option: %s (try swap, "
			    "noswap, fold, nofold, exact, noexact)", arg);
		}
		return true;
	}
	if (word_eq(line, "orphans")) {
		orphans_list(u);
		return true;
	}
	if (word_eq(line, "changes")) {
		changes_list(u);
		return true;
	}
	if (word_eq(line, "nocompare") || word_eq(line, "diffoff")) {
		compare_close(u);
		return true;
	}
	if ((a = action_find(line)) != ACT_NONE && arg == NULL)
		return ui_compare_action(u, a);
	if (word_eq(line, "q") || word_eq(line, "quit") ||
	    word_eq(line, "q!") || word_eq(line, "messages") ||
	    word_eq(line, "mes") || word_eq(line, "noh") ||
	    word_eq(line, "nohlsearch") || word_eq(line, "notes") ||
	    word_eq(line, "marks"))
		return false;
	if (word_eq(line, "e") || word_eq(line, "edit") ||
	    word_eq(line, "bd") || word_eq(line, "bdelete") ||
	    word_eq(line, "bn") || word_eq(line, "bp") ||
	    word_eq(line, "open") || word_eq(line, "info") ||
	    word_eq(line, "set")) {
		ui_message(u, true, ":%s: not while comparing (q leaves the "
		    "comparison)", line);
		return true;
	}
	if (arg != NULL)
		arg[-1] = ' ';	/* "12 (b)" is one address */
	goto_address(u, CMPV_NEW, line);
	return true;
}

/* --- drawing --------------------------------------------------------- */

/* Lays s out from column x, width w, of screen row y, in face. */
static void
put_str(struct ui *u, int y, int x, int w, const char *s, enum lay_dir dir,
    int face)
{
	struct compare *c = u->cmp;

	if (w <= 0)
		return;
	view_text_row(c->v[CMPV_NEW], s, strlen(s), dir, face, w, 0, 0, NULL,
	    c->tmp);
	memcpy(&u->scr.cell[(size_t)y * (size_t)u->cols + (size_t)x], c->tmp,
	    (size_t)w * sizeof *c->tmp);
}

/* The gutter's words centred in its w cells from column x. */
static void
put_gutter(struct ui *u, int y, int x, int w, const char *s)
{
	size_t n = utf8_count(s, strlen(s));
	int pad = w > (int)n ? (w - (int)n) / 2 : 0;

	put_str(u, y, x + pad, w - pad, s, LAY_DIR_LTR, TF_DIFF_GUTTER);
}

static void
put_fill(struct ui *u, int y, int x, int w, uint32_t ch, int face)
{
	struct view_cell *row = &u->scr.cell[(size_t)y * (size_t)u->cols];
	int i;

	for (i = x; i < x + w && i < u->cols; i++)
		row[i] = (struct view_cell){ ch, { 0 }, 0, 1, (uint8_t)face };
}

/* The name a head gives a version: its symbol, else its title, else the
 * file's name, and the file's name after a symbol or title when both
 * versions would read the same. */
static void
version_name(struct ui *u, int s, struct buf *out)
{
	struct buffer *b = side_buf(u, s), *o = side_buf(u, !s);
	const struct doc_meta *m = doc_meta(b->doc), *om = doc_meta(o->doc);
	const char *name = m->symbol != NULL ? m->symbol : m->title;
	const char *oname = om->symbol != NULL ? om->symbol : om->title;
	const char *file = strrchr(b->path, '/');

	file = file != NULL ? file + 1 : b->path;
	if (strcmp(b->path, "-") == 0)
		file = "(standard input)";
	buf_adds(out, s == CMPV_OLD ? "old  " : "new  ");
	if (name != NULL) {
		ui_text_short(out, name, 60);
		if (oname != NULL && strcmp(name, oname) == 0) {
			buf_adds(out, "  (");
			ui_text_short(out, file, 60);
			buf_adds(out, ")");
		}
	} else
		ui_text_short(out, file, 60);
}

/* The annotations of the new version on screen whose words changed. */
static bool
note_changed(struct ui *u, const struct note *nt)
{
	return nt->status != ANCHOR_ORPHAN && cmpv_range_changed(u->cmp->d,
	    nt->block, nt->whole ? 0 : nt->start, nt->whole ? (size_t)-1 :
	    nt->end);
}

/* The search hits in new blocks [first, last] (inline: mapped). */
static size_t
hit_marks(struct ui *u, size_t first, size_t last, size_t nm)
{
	struct compare *c = u->cmp;
	struct buffer *nb = side_buf(u, CMPV_NEW);
	struct search_hit hits[MAX_HITS];
	size_t b, k, nh;

	for (b = first; b <= last; b++) {
		nh = search_block_hits(nb->search, b, hits, MAX_HITS);
		for (k = 0; k < nh && k < MAX_HITS; k++) {
			struct view_mark mk = { b, hits[k].start, hits[k].end,
			    u->have_hit && hits[k].block == u->hit.block &&
			    hits[k].start == u->hit.start ? TF_MATCH_CURRENT :
			    TF_MATCH };

			if (cmpv_inline(c->m))
				cmpv_inline_range(c->m, &mk, &c->marks[CMPV_NEW],
				    &c->cap[CMPV_NEW], &nm);
			else
				ui_mark_add(&c->marks[CMPV_NEW],
				    &c->cap[CMPV_NEW], &nm, mk.block, mk.start,
				    mk.end, mk.face);
		}
	}
	return nm;
}

/* The marks of side s on the items [first, last]. */
static size_t
collect(struct ui *u, int s, size_t first, size_t last)
{
	struct compare *c = u->cmp;
	struct buffer *nb = side_buf(u, CMPV_NEW);
	size_t nm = 0, i, bfirst = (size_t)-1, blast = 0;

	for (i = first; i <= last && i < cmpv_item_count(c->m); i++) {
		const struct cmpv_item *e = cmpv_item(c->m, i);
		const struct diff_pair *pr;

		if (e->kind != CMPV_PAIR)
			continue;
		pr = diff_pair(c->d, e->pair);
		if (pr->new_count > 0) {
			if (pr->new_first < bfirst)
				bfirst = pr->new_first;
			if (pr->new_first + pr->new_count - 1 > blast)
				blast = pr->new_first + pr->new_count - 1;
		}
	}
	if (s == CMPV_NEW && bfirst != (size_t)-1) {
		/* annotations, those whose words changed in review's face;
		 * inline, mapped onto the inline document */
		size_t nn = ui_notes_marks(u, bfirst, blast, &c->nmk, &c->ncap,
		    0), k;

		for (i = 0; nb->notes != NULL && i < notes_count(nb->notes);
		    i++) {
			const struct note *nt = notes_get(nb->notes, i);

			if (nt->status == ANCHOR_ORPHAN || nt->block < bfirst ||
			    nt->block > blast || !note_changed(u, nt))
				continue;
			ui_mark_add(&c->nmk, &c->ncap, &nn, nt->block,
			    nt->whole ? 0 : nt->start, nt->whole ? (size_t)-1 :
			    nt->end, TF_REVIEW);
		}
		for (k = 0; k < nn; k++)
			if (cmpv_inline(c->m))
				cmpv_inline_range(c->m, &c->nmk[k],
				    &c->marks[s], &c->cap[s], &nm);
			else
				ui_mark_add(&c->marks[s], &c->cap[s], &nm,
				    c->nmk[k].block, c->nmk[k].start,
				    c->nmk[k].end, c->nmk[k].face);
	}
	for (i = first; i <= last && i < cmpv_item_count(c->m); i++)
		if (cmpv_item(c->m, i)->kind == CMPV_PAIR)
			cmpv_marks(c->m, cmpv_item(c->m, i)->pair, s,
			    &c->marks[s], &c->cap[s], &nm);
	if (s == CMPV_NEW && u->hl && nb->search != NULL &&
	    bfirst != (size_t)-1)
		nm = hit_marks(u, bfirst, blast, nm);
	if (s == CMPV_NEW && !cmpv_inline(c->m))	/* over everything */
		nm = ui_notes_sel_marks(u, &c->marks[s], &c->cap[s], nm);
	return nm;
}

/* "!" in the gutter of a row of the new version under an annotation
 * whose words changed (over ui_notes_gutter()'s | * ?). */
static void
changed_gutter(struct ui *u, const struct view_pos *pos,
    struct view_cell *row)
{
	struct buffer *nb = side_buf(u, CMPV_NEW);
	size_t rs, re, i;
	int col;

	if (nb->notes == NULL || !view_row_range(u->cmp->v[CMPV_NEW], pos, &rs,
	    &re))
		return;
	for (i = 0; i < notes_count(nb->notes); i++) {
		const struct note *nt = notes_get(nb->notes, i);

		if (nt->status == ANCHOR_ORPHAN || nt->block != pos->block ||
		    (!nt->whole && (nt->end <= rs || nt->start >= re)) ||
		    !note_changed(u, nt))
			continue;
		col = view_gutter_col(u->cmp->v[CMPV_NEW], pos);
		if (col >= 0 && col < u->cmp->cw) {
			row[col].base = '!';
			row[col].face = TF_NOTEMARK;
		}
		return;
	}
}

static void
draw_heads(struct ui *u)
{
	struct compare *c = u->cmp;
	struct buf s;
	int left = c->swap ? CMPV_OLD : CMPV_NEW;

	buf_init(&s);
	put_fill(u, 0, 0, u->cols, ' ', TF_DIFF_HEAD);
	if (cmpv_inline(c->m)) {
		version_name(u, CMPV_NEW, &s);
		buf_adds(&s, "  against  ");
		version_name(u, CMPV_OLD, &s);
		put_str(u, 0, 0, u->cols, s.data, LAY_DIR_LTR, TF_DIFF_HEAD);
	} else {
		version_name(u, left, &s);
		put_str(u, 0, 0, c->cw, s.data, LAY_DIR_LTR, TF_DIFF_HEAD);
		buf_reset(&s);
		version_name(u, !left, &s);
		put_str(u, 0, u->cols - c->cw, c->cw, s.data, LAY_DIR_LTR,
		    TF_DIFF_HEAD);
	}
	buf_free(&s);
}

static void
draw_side(struct ui *u, int y, int x, int s, const struct cmpv_row *r,
    size_t nm)
{
	struct compare *c = u->cmp;
	struct view *v = cmpv_inline(c->m) ? cmpv_inline_view(c->m) : c->v[s];
	int w = cmpv_inline(c->m) ? u->cols : c->cw;

	if (!r->has[s]) {
		if (r->missing[s])
			put_fill(u, y, x, w, 0x2571, TF_DIFF_FILLER);	/* ╱ */
		else
			put_fill(u, y, x, w, ' ', TF_TEXT);
		return;
	}
	view_row(v, &r->at[s], c->marks[s], nm, c->tmp);
	if (s == CMPV_NEW && !cmpv_inline(c->m)) {
		ui_notes_gutter(u, &r->at[s], c->tmp);
		changed_gutter(u, &r->at[s], c->tmp);
	}
	memcpy(&u->scr.cell[(size_t)y * (size_t)u->cols + (size_t)x], c->tmp,
	    (size_t)w * sizeof *c->tmp);
}

void
ui_compare_draw(struct ui *u)
{
	struct compare *c = u->cmp;
	struct cmpv_pos p;
	struct cmpv_row r;
	struct buf s;
	size_t last, nm[2] = { 0, 0 };
	int y, left = c->swap ? CMPV_OLD : CMPV_NEW, gx;
	bool inl;

	relayout(u);
	follow_new_top(u);
	clamp_top(u);
	inl = cmpv_inline(c->m);
	gx = c->cw;
	draw_heads(u);
	last = last_item(u);
	nm[CMPV_NEW] = collect(u, CMPV_NEW, c->top.item, last);
	if (!inl)
		nm[CMPV_OLD] = collect(u, CMPV_OLD, c->top.item, last);
	buf_init(&s);
	p = c->top;
	for (y = 1; y < ui_text_rows(u); y++) {
		if (y > 1 && cmpv_move(c->m, &p, 1) != 1) {
			put_fill(u, y, 0, u->cols, ' ', TF_TEXT);
			continue;
		}
		cmpv_row(c->m, &p, &r);
		put_fill(u, y, 0, u->cols, ' ', TF_TEXT);
		switch (r.kind) {
		case CMPV_ROW_GAP:
			break;
		case CMPV_ROW_FOLD:
			buf_reset(&s);
			cmpv_fold_text(c->m, r.item, &s);
			{
				int n = (int)utf8_count(s.data, s.len);
				int x0 = n < u->cols ? (u->cols - n) / 2 : 0;

				put_str(u, y, x0, u->cols - x0, s.data,
				    LAY_DIR_LTR, TF_DIFF_FILLER);
			}
			break;
		case CMPV_ROW_AWAY:
			buf_reset(&s);
			cmpv_away_text(c->m, r.item, &s);
			if (inl)
				put_str(u, y, 0, u->cols, s.data, LAY_DIR_LTR,
				    TF_DIFF_GUTTER);
			else {
				/* in the old column, at its start edge */
				int x0 = left == CMPV_OLD ? 0 : u->cols - c->cw;
				int n = (int)utf8_count(s.data, s.len);

				if (n > c->cw)
					n = c->cw;
				put_str(u, y, x0 + c->cw - n, n, s.data,
				    LAY_DIR_LTR, TF_DIFF_GUTTER);
				put_fill(u, y, left == CMPV_OLD ?
				    u->cols - c->cw : 0, c->cw, 0x2571,
				    TF_DIFF_FILLER);
			}
			break;
		case CMPV_ROW_TEXT:
			if (inl) {
				draw_side(u, y, 0, CMPV_NEW, &r, nm[CMPV_NEW]);
				break;
			}
			draw_side(u, y, 0, left, &r, nm[left]);
			draw_side(u, y, u->cols - c->cw, !left, &r, nm[!left]);
			if (r.line < 3) {
				buf_reset(&s);
				cmpv_gutter(c->m, r.pair, (int)r.line, !c->swap,
				    &s);
				if (s.len > 0)
					put_gutter(u, y, gx, u->cols - 2 *
					    c->cw, s.data);
			}
			break;
		}
	}
	buf_free(&s);
	ui_compare_status(u);
	/* memory stays bounded on long documents, as in the reader */
	if (c->top.item < cmpv_item_count(c->m)) {
		const struct diff_pair *pr = diff_pair(c->d,
		    cmpv_item(c->m, c->top.item)->pair);

		if (pr->old_count > 0)
			view_trim(c->v[CMPV_OLD], pr->old_first, KEEP_BLOCKS);
		if (pr->new_count > 0)
			view_trim(c->v[CMPV_NEW], pr->new_first, KEEP_BLOCKS);
	}
}

void
ui_compare_status(struct ui *u)
{
	struct compare *c = u->cmp;
	const struct diff_summary *sm = diff_summary(c->d);
	struct buffer *nb = side_buf(u, CMPV_NEW);
	size_t here = change_here(u), n = cmpv_change_count(c->m), k;
	int y = u->rows - 2;
	struct buf s;
	static const struct { enum diff_status st; const char *name; } names[] =
	    { { DIFF_CHANGED, "changed" }, { DIFF_MOVED, "moved" },
	    { DIFF_INSERTED, "new" }, { DIFF_DELETED, "deleted" },
	    { DIFF_SPLIT, "split" }, { DIFF_MERGED, "merged" } };
	bool any = false;

	buf_init(&s);
	if (n == 0)
		buf_adds(&s, "no changes");
	else if (here != CMPV_NONE)
		buf_addf(&s, "change %zu of %zu", here + 1, n);
	else
		buf_addf(&s, "%zu changes", n);
	buf_adds(&s, " · ");
	for (k = 0; k < UTIL_NELEM(names); k++) {
		if (sm->count[names[k].st] == 0)
			continue;
		buf_addf(&s, "%s%zu %s", any ? ", " : "",
		    sm->count[names[k].st], names[k].name);
		any = true;
	}
	if (sm->spelling > 0)
		buf_addf(&s, "%s%zu spelling", any ? ", " : "", sm->spelling);
	if (!any && sm->spelling == 0)
		buf_adds(&s, "the same text");
	if (c->top.item < cmpv_item_count(c->m) &&
	    cmpv_item(c->m, c->top.item)->kind == CMPV_PAIR) {
		size_t p = cmpv_item(c->m, c->top.item)->pair;
		struct buf g;

		buf_init(&g);
		cmpv_gutter(c->m, p, 0, false, &g);
		if (g.len > 0)
			buf_addf(&s, " · ¶ %s", g.data);
		buf_free(&g);
	}
	if (nb->notes != NULL && c->buf[CMPV_OLD] != c->buf[CMPV_NEW]) {
		size_t i, placed = 0, changed = 0, orph = 0;

		for (i = 0; i < notes_count(nb->notes); i++) {
			const struct note *nt = notes_get(nb->notes, i);

			if (nt->status == ANCHOR_ORPHAN)
				orph++;
			else {
				placed++;
				changed += note_changed(u, nt);
			}
		}
		if (placed + orph > 0)
			buf_addf(&s, " · %zu note%s", placed, placed == 1 ?
			    "" : "s");
		if (changed > 0)
			buf_addf(&s, ", %zu on changed words", changed);
		if (orph > 0)
			buf_addf(&s, ", %zu orphan%s (:orphans)", orph,
			    orph == 1 ? "" : "s");
	}
	if (cmpv_fold(c->m))
		buf_adds(&s, " · folded");
	if (c->exact)
		buf_adds(&s, " · exact");
	put_fill(u, y, 0, u->cols, ' ', TF_STATUS);
	put_str(u, y, 1, u->cols - 2, s.data, LAY_DIR_LTR, TF_STATUS);
	buf_free(&s);
}
