/*
 * ui-refs.c - cross-references in the reader: drawing them, Tab between
 * them, following one (a footnote or a paragraph shown over the text, a
 * document opened from the library), back and forward across documents
 * like a browser, and the backlinks of a paragraph.
 *
 * Part of the controller (see ui-int.h): no curses here.  The references
 * of a document are found (refs.c) the first time they are needed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "library.h"
#include "refs.h"
#include "theme.h"
#include "ui.h"
#include "ui-int.h"
#include "util.h"

#define JUMPS_MAX	100	/* places remembered each way */
#define POPUP_ROWS	8	/* text rows of a popup, at most */
/*
 * Finding the references of a document costs about 0.1 s a megabyte
 * (ICU's regular expressions over every block).  Up to this much text
 * they are found before the first screen and drawn from the start; a
 * larger document shows its first screen at once and its references
 * from the first Tab (or Enter, r) on.
 */
#define REFS_EAGER_MAX	(1024 * 1024)

static struct refs *
refs_of(struct buffer *b)
{
	if (b->refs == NULL) {
		b->refs = refs_find(b->doc);
		b->ref_cur = -1;
	}
	return b->refs;
}

void
ui_refs_close(struct buffer *b)
{
	refs_free(b->refs);
	b->refs = NULL;
}

/* --- history ------------------------------------------------------- */

static void
jumps_add(struct jumps *j, const struct jump *p)
{
	if (j->n == JUMPS_MAX) {
		free(j->v[0].path);
		memmove(j->v, j->v + 1, (JUMPS_MAX - 1) * sizeof *j->v);
		j->n--;
	}
	if (j->n == j->cap) {
		j->cap = j->cap ? j->cap * 2 : 16;
		j->v = xreallocarray(j->v, j->cap, sizeof *j->v);
	}
	j->v[j->n++] = *p;
}

static void
jumps_clear(struct jumps *j)
{
	for (size_t i = 0; i < j->n; i++)
		free(j->v[i].path);
	j->n = 0;
}

/* --- the library, read when first needed ---------------------------- */

void
ui_refs_dir(struct ui *u, const char *path)
{
	char *real, *slash;

	if (u->o.lib == NULL || (real = realpath(path, NULL)) == NULL)
		return;
	if ((slash = strrchr(real, '/')) != NULL)
		slash[slash == real ? 1 : 0] = '\0';
	u->lib_pending = xreallocarray(u->lib_pending, u->nlib_pending + 1,
	    sizeof *u->lib_pending);
	u->lib_pending[u->nlib_pending++] = real;
}

/*
 * The library with every directory read: the configured ones first (the
 * first of two files with one symbol wins), then those of the open
 * files.  NULL if there is none.  A directory that cannot be read is
 * said once, on the message line.
 */
static struct library *
lib_ready(struct ui *u)
{
	char *cause = NULL;

	if (u->o.lib == NULL)
		return NULL;
	if (!u->lib_started) {
		u->lib_started = true;
		for (size_t i = 0; u->o.lib_dirs != NULL &&
		    u->o.lib_dirs[i] != NULL; i++)
			if (!library_add_dir(u->o.lib, u->o.lib_dirs[i],
			    &cause)) {
				ui_message(u, true, "Library: %s", cause);
				free(cause);
			}
	}
	for (size_t i = 0; i < u->nlib_pending; i++) {
		if (!library_add_dir(u->o.lib, u->lib_pending[i], &cause)) {
			ui_message(u, true, "Library: %s", cause);
			free(cause);
		}
		free(u->lib_pending[i]);
	}
	u->nlib_pending = 0;
	return u->o.lib;
}

void
ui_refs_free(struct ui *u)
{
	for (size_t i = 0; i < u->nlib_pending; i++)
		free(u->lib_pending[i]);
	free(u->lib_pending);
	jumps_clear(&u->back);
	jumps_clear(&u->fwd);
	free(u->back.v);
	free(u->fwd.v);
	free(u->pop.title);
	free(u->pop.text);
}

/* Where the reader is now (path owned by the jump). */
static bool
here(struct ui *u, struct jump *j)
{
	struct buffer *b = ui_cur(u);

	if (b == NULL)
		return false;
	j->path = xstrdup(b->path);
	j->block = b->top.block;
	j->off = view_row_offset(b->view, &b->top);
	return true;
}

void
ui_jump_push(struct ui *u)
{
	struct jump j;

	if (here(u, &j)) {
		jumps_add(&u->back, &j);
		jumps_clear(&u->fwd);
	}
}

/* Goes to j (opening its document again if need be); j is consumed. */
static bool
jump_to(struct ui *u, struct jump *j)
{
	char *cause = NULL;
	bool ok = ui_open(u, j->path, &cause);

	if (!ok) {
		ui_message(u, true, "%s", cause);
		free(cause);
	} else if (j->block < doc_block_count(ui_cur(u)->doc))
		ui_goto_offset(u, j->block, j->off);
	free(j->path);
	return ok;
}

/* Back (dir < 0) or forward: the place left is remembered the other way. */
static void
history_move(struct ui *u, int dir)
{
	struct jumps *from = dir < 0 ? &u->back : &u->fwd;
	struct jumps *to = dir < 0 ? &u->fwd : &u->back;
	struct jump now, j;

	if (from->n == 0) {
		ui_message(u, true, dir < 0 ? "Nothing to go back to" :
		    "Nothing to go forward to");
		return;
	}
	j = from->v[--from->n];
	if (here(u, &now))
		jumps_add(to, &now);
	jump_to(u, &j);
}

/* --- the reference Tab is on --------------------------------------- */

/* Rows [top, bottom] on screen. */
static void
span(struct ui *u, struct view_pos *top, struct view_pos *bottom)
{
	struct buffer *b = ui_cur(u);

	*top = *bottom = b->top;
	view_move(b->view, bottom, ui_text_rows(u) - 1);
}

/* Whether reference r starts on screen. */
static bool
on_screen(struct ui *u, const struct ref *r)
{
	struct buffer *b = ui_cur(u);
	struct view_pos p = view_pos_of(b->view, r->block, r->start), t, e;

	span(u, &t, &e);
	return view_pos_cmp(&p, &t) >= 0 && view_pos_cmp(&p, &e) <= 0;
}

/* Says where reference r goes, on the message line. */
static void
describe(struct ui *u, const struct ref *r)
{
	struct buffer *b = ui_cur(u);
	const char *what = "";

	switch (r->kind) {
	case REF_FOOTNOTE:
		what = r->target_block >= 0 ? "footnote" : "footnote (not found)";
		break;
	case REF_PARA:
		what = r->target_block >= 0 ? "paragraph" :
		    "paragraph (not in this document)";
		break;
	case REF_INSTRUMENT:
		what = "paragraph of another instrument";
		break;
	case REF_ARTICLE:
		what = "article of a convention";
		break;
	default:
		what = lib_ready(u) != NULL &&
		    library_find(u->o.lib, r->target) ?
		    "document, in the library" : "document, not in the library";
		break;
	}
	(void)b;
	ui_message(u, false, "→ %s %s (Enter follows)", what,
	    r->target != NULL ? r->target : "");
}

/*
 * Moves to the next (dir > 0) or previous reference: from the one Tab is
 * on if it is on screen, else from the top of the screen; the screen
 * follows it.
 */
static void
ref_step(struct ui *u, int dir)
{
	struct buffer *b = ui_cur(u);
	struct refs *rs = refs_of(b);
	size_t n = refs_count(rs), i, first;
	struct view_pos p, t, e;
	long at = b->ref_cur;

	if (n == 0) {
		ui_message(u, true, "No references in this document");
		return;
	}
	if (at < 0 || !on_screen(u, refs_get(rs, (size_t)at))) {
		/* the first one at or after the top (or before it) */
		refs_in_block(rs, b->top.block, &first);
		for (i = first; i < n; i++) {
			const struct ref *r = refs_get(rs, i);

			p = view_pos_of(b->view, r->block, r->start);
			if (view_pos_cmp(&p, &b->top) >= 0)
				break;
		}
		at = dir > 0 ? (long)i - 1 : (long)i;
	}
	at += dir > 0 ? 1 : -1;
	if (at < 0 || (size_t)at >= n) {
		ui_message(u, true, dir > 0 ? "No more references below" :
		    "No more references above");
		return;
	}
	b->ref_cur = at;
	p = view_pos_of(b->view, refs_get(rs, (size_t)at)->block,
	    refs_get(rs, (size_t)at)->start);
	span(u, &t, &e);
	if (view_pos_cmp(&p, &t) < 0 || view_pos_cmp(&p, &e) > 0) {
		b->top = p;
		u->jumped = true;
	}
	describe(u, refs_get(rs, (size_t)at));
}

/* --- following ----------------------------------------------------- */

static void
popup_close(struct ui *u)
{
	free(u->pop.title);
	free(u->pop.text);
	memset(&u->pop, 0, sizeof u->pop);
}

static void
popup_open(struct ui *u, char *title, size_t block)
{
	struct buffer *b = ui_cur(u);
	const char *t;
	size_t len;

	popup_close(u);
	t = doc_block_text(b->doc, block, &len);
	u->pop.on = true;
	u->pop.title = title;
	u->pop.text = xstrndup(t, len);
	u->pop.block = (long)block;
}

/* Opens the document with symbol sym from the library, remembering. */
static void
open_symbol(struct ui *u, const char *sym)
{
	const char *path = lib_ready(u) != NULL ?
	    library_find(u->o.lib, sym) : NULL;
	char *cause = NULL;

	if (path == NULL) {
		ui_message(u, true, "%s is not in the library (hamish "
		    "library lists it; --library DIR adds a directory)", sym);
		return;
	}
	ui_jump_push(u);
	if (!ui_open(u, path, &cause)) {
		ui_message(u, true, "%s", cause);
		free(cause);
		return;
	}
	ui_goto_block(u, 0);
	ui_message(u, false, "%s: %s (back: Backspace)", sym, path);
}

void
ui_refs_open(struct ui *u, const char *sym)
{
	if (sym == NULL || *sym == '\0')
		ui_message(u, true, ":open needs a symbol, e.g. :open A/67/150");
	else
		open_symbol(u, sym);
}

static void
follow(struct ui *u)
{
	struct buffer *b = ui_cur(u);
	struct refs *rs = refs_of(b);
	const struct ref *r;

	if (b->ref_cur < 0 || (size_t)b->ref_cur >= refs_count(rs) ||
	    !on_screen(u, refs_get(rs, (size_t)b->ref_cur))) {
		ui_message(u, true, "No reference chosen: Tab goes to one");
		return;
	}
	r = refs_get(rs, (size_t)b->ref_cur);
	switch (r->kind) {
	case REF_FOOTNOTE:
	case REF_PARA:
		if (r->target_block < 0) {
			ui_message(u, true, "%s %s is not in this document",
			    r->kind == REF_FOOTNOTE ? "Footnote" : "Paragraph",
			    r->target != NULL ? r->target : "");
			return;
		}
		popup_open(u, xasprintf("%s %s — Enter: go there, Esc: close",
		    r->kind == REF_FOOTNOTE ? "Footnote" : "¶", r->target),
		    (size_t)r->target_block);
		break;
	case REF_INSTRUMENT:
		ui_message(u, true, "%s is a paragraph of another instrument, "
		    "not of this document", r->text);
		break;
	case REF_ARTICLE:
		ui_message(u, true, "%s: an article of a convention, not a "
		    "document of the library", r->text);
		break;
	default:
		open_symbol(u, r->target);
		break;
	}
}

void
ui_refs_popup(struct ui *u, char *title, char *text)
{
	popup_close(u);
	u->pop.on = true;
	u->pop.title = title;
	u->pop.text = text;
	u->pop.block = -1;
}

long
ui_refs_at(struct ui *u, size_t block, size_t off)
{
	struct refs *rs = refs_of(ui_cur(u));

	for (size_t i = 0; i < refs_count(rs); i++) {
		const struct ref *r = refs_get(rs, i);

		if (r->block == block && r->start <= off && off < r->end)
			return (long)i;
	}
	return -1;
}

void
ui_refs_follow(struct ui *u, long i)
{
	ui_cur(u)->ref_cur = i;
	follow(u);
}

/* The popup's second Enter: go to what it shows. */
static void
popup_go(struct ui *u)
{
	long block = u->pop.block;

	popup_close(u);
	if (block < 0)
		return;
	ui_jump_push(u);
	ui_goto_block(u, (size_t)block);
}

bool
ui_refs_key(struct ui *u, uint32_t key)
{
	enum action a;

	if (!u->pop.on)
		return false;
	a = km_lookup(u->o.km, KM_NORMAL, key);
	if (a == ACT_FOLLOW || key == KM_KEY_ENTER)
		popup_go(u);
	else {
		popup_close(u);
		if (key != KM_KEY_ESC && a != ACT_QUIT)
			return false;	/* the key does what it does */
	}
	return true;
}

/* --- backlinks ----------------------------------------------------- */

static void
backlinks(struct ui *u)
{
	struct buffer *b = ui_cur(u);
	struct refs *rs = refs_of(b);
	size_t i = b->top.block, n, k, *idx, len;
	const char *addr = doc_block_address(b->doc, i), *t;
	struct buf s;

	n = refs_to(rs, i, NULL, 0);
	if (n == 0) {
		ui_message(u, true, "Nothing refers to %s%s",
		    addr != NULL ? "¶ " : "this paragraph",
		    addr != NULL ? addr : "");
		return;
	}
	idx = xcalloc(n, sizeof *idx);
	refs_to(rs, i, idx, n);
	ui_list_open(u, "Backlinks: Enter goes there, q closes", true);
	buf_init(&s);
	for (k = 0; k < n; k++) {
		const struct ref *r = refs_get(rs, idx[k]);
		const char *from = doc_block_address(b->doc, r->block);

		buf_reset(&s);
		if (from != NULL)
			buf_addf(&s, "¶ %s  ", from);
		buf_addf(&s, "«%s»  ", r->text);
		t = doc_block_text(b->doc, r->block, &len);
		ui_text_short(&s, t, len < 120 ? len : 120);
		ui_list_add(&u->list, buf_steal(&s), (long)r->block,
		    LAY_DIR_AUTO_RTL);
	}
	buf_free(&s);
	free(idx);
}

bool
ui_refs_action(struct ui *u, enum action a)
{
	struct buffer *b = ui_cur(u);

	switch (a) {
	case ACT_REF_NEXT:
	case ACT_REF_PREV:
	case ACT_FOLLOW:
	case ACT_BACK:
	case ACT_FORWARD:
	case ACT_BACKLINKS:
		break;
	default:
		return false;
	}
	if (b == NULL || u->in_list)
		return true;
	switch (a) {
	case ACT_REF_NEXT:	ref_step(u, 1); break;
	case ACT_REF_PREV:	ref_step(u, -1); break;
	case ACT_FOLLOW:	follow(u); break;
	case ACT_BACK:		history_move(u, -1); break;
	case ACT_FORWARD:	history_move(u, 1); break;
	case ACT_BACKLINKS:	backlinks(u); break;
	default:		break;
	}
	return true;
}

/* --- drawing ------------------------------------------------------- */

size_t
ui_refs_marks(struct ui *u, size_t first, size_t last,
    struct view_mark **marks, size_t *cap, size_t nm)
{
	struct buffer *b = ui_cur(u);
	struct refs *rs;
	size_t i, n, f;

	if (b == NULL)
		return nm;
	if (b->refs_big < 0) {
		size_t total = 0, len;

		for (size_t k = 0; k < doc_block_count(b->doc) &&
		    total <= REFS_EAGER_MAX; k++) {
			doc_block_text(b->doc, k, &len);
			total += len;
		}
		b->refs_big = total > REFS_EAGER_MAX;
	}
	if (b->refs == NULL && b->refs_big)
		return nm;	/* not yet: see REFS_EAGER_MAX */
	rs = refs_of(b);
	for (size_t blk = first; blk <= last && blk < doc_block_count(b->doc);
	    blk++) {
		n = refs_in_block(rs, blk, &f);
		for (i = f; i < f + n; i++) {
			const struct ref *r = refs_get(rs, i);

			if ((long)i == b->ref_cur)
				continue;	/* drawn last, over the rest */
			if (r->kind != REF_FOOTNOTE)	/* those have theirs */
				ui_mark_add(marks, cap, &nm, r->block,
				    r->start, r->end, TF_REF);
		}
	}
	return nm;
}

void
ui_refs_draw(struct ui *u)
{
	struct buffer *b = ui_cur(u);
	int rows, y0, w = u->cols - 2, x, line;
	size_t nl;

	if (!u->pop.on || b == NULL || w < 1)
		return;
	nl = view_text_row(b->view, u->pop.text, strlen(u->pop.text),
	    LAY_DIR_AUTO_RTL, TF_POPUP, w, 0, 0, NULL, u->row);
	rows = (int)nl < POPUP_ROWS ? (int)nl : POPUP_ROWS;
	if (rows > ui_text_rows(u) - 2)
		rows = ui_text_rows(u) - 2;
	if (rows < 1)
		return;
	/* a title row, then the text, at the bottom of the text rows */
	y0 = ui_text_rows(u) - rows - 1;
	view_text_row(b->view, u->pop.title, strlen(u->pop.title),
	    LAY_DIR_AUTO_RTL, TF_POPUP, u->cols, 0, 0, NULL, u->row);
	for (x = 0; x < u->cols; x++)
		u->row[x].face = TF_RULE;
	memcpy(&u->scr.cell[(size_t)y0 * (size_t)u->cols], u->row,
	    (size_t)u->cols * sizeof *u->row);
	for (line = 0; line < rows; line++) {
		struct view_cell *dst = &u->scr.cell[(size_t)(y0 + 1 + line) *
		    (size_t)u->cols];

		view_text_row(b->view, u->pop.text, strlen(u->pop.text),
		    LAY_DIR_AUTO_RTL, TF_POPUP, w, (size_t)line, 0, NULL,
		    u->row);
		dst[0] = dst[u->cols - 1] = (struct view_cell){ ' ', { 0 }, 0,
		    1, TF_POPUP };
		memcpy(dst + 1, u->row, (size_t)w * sizeof *u->row);
	}
	if ((int)nl > rows)	/* cut: say so in the last row's margin */
		u->scr.cell[(size_t)(y0 + rows) * (size_t)u->cols].base = 0x2026;
}
