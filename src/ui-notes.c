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
	free(u->sel.cps);
	free(u->sel.brk);
	memset(&u->sel, 0, sizeof u->sel);
	if (u->mode == KM_SELECT)
		u->mode = KM_NORMAL;
}

static bool
is_word(const struct selection *s, size_t i)
{
	return i < s->n && text_cp_is_word(s->cps[i]);
}

/* The end of the first word at or after i, or (size_t)-1 if none. */
static size_t
word_end_after(const struct selection *s, size_t i)
{
	while (i < s->n && !is_word(s, i))
		i++;
	if (i >= s->n)
		return (size_t)-1;
	for (i++; i < s->n && !(s->brk[i] & TEXT_BRK_WORD); i++)
		;
	return i;
}

/* The start of the last word that ends at or before i, or -1. */
static size_t
word_start_before(const struct selection *s, size_t i)
{
	while (i > 0 && !is_word(s, i - 1))
		i--;
	if (i == 0)
		return (size_t)-1;
	for (i--; i > 0 && !(s->brk[i] & TEXT_BRK_WORD); i--)
		;
	return i;
}

/* Widens [*start, *end) to whole words. */
static void
snap_words(const struct selection *s, size_t *start, size_t *end)
{
	while (*start > 0 && !(s->brk[*start] & TEXT_BRK_WORD))
		(*start)--;
	while (*end < s->n && !(s->brk[*end] & TEXT_BRK_WORD))
		(*end)++;
}

/* Rows [top, bottom] of the screen. */
static void
screen_span(struct ui *u, struct view_pos *top, struct view_pos *bottom)
{
	struct buffer *b = ui_cur(u);

	*top = b->top;
	*bottom = b->top;
	view_move(b->view, bottom, ui_text_rows(u) - 1);
}

/* Scrolls so that offset off of the selected block is on screen. */
static void
show_offset(struct ui *u, size_t off)
{
	struct buffer *b = ui_cur(u);
	struct view_pos p, top, bottom;

	p = view_pos_of(b->view, u->sel.block, off);
	screen_span(u, &top, &bottom);
	if (view_pos_cmp(&p, &top) < 0) {
		b->top = p;
		u->jumped = true;
	} else if (view_pos_cmp(&p, &bottom) > 0) {
		view_move(b->view, &p, -(ui_text_rows(u) - 1));
		b->top = p;
		u->jumped = true;
	}
}

/*
 * Starts a selection: the search match on screen if there is one, else
 * the first word of the first text row on screen.
 */
static void
sel_begin(struct ui *u)
{
	struct buffer *b = ui_cur(u);
	struct selection *s = &u->sel;
	struct view_pos p, top, bottom, h;
	size_t len, rs = 0, re = 0, e, block;
	const char *t;
	bool hit = false;
	int i;

	screen_span(u, &top, &bottom);
	if (u->have_hit && u->hl) {
		h = view_pos_of(b->view, u->hit.block, u->hit.start);
		hit = view_pos_cmp(&h, &top) >= 0 &&
		    view_pos_cmp(&h, &bottom) <= 0;
	}
	p = top;
	if (hit)
		block = u->hit.block;
	else {
		for (i = 0; i < ui_text_rows(u); i++) {
			if (view_row_range(b->view, &p, &rs, &re))
				break;
			if (view_move(b->view, &p, 1) != 1)
				break;
		}
		block = p.block;
	}
	if (block >= doc_block_count(b->doc))
		return;
	t = doc_block_text(b->doc, block, &len);
	memset(s, 0, sizeof *s);
	s->block = block;
	s->cps = text_utf8_decode(t, len, 0, &s->n, NULL);
	s->brk = xcalloc(s->n + 1, 1);
	text_breaks(s->cps, s->n, TEXT_BRK_WORD, s->brk);
	if (hit) {
		s->start = u->hit.start;
		s->end = u->hit.end;
		snap_words(s, &s->start, &s->end);
	} else {
		e = word_end_after(s, rs);
		if (e == (size_t)-1) {
			ui_notes_unselect(u);
			ui_message(u, true, "No words to select here");
			return;
		}
		s->end = e;
		s->start = word_start_before(s, e);
	}
	s->on = true;
	u->mode = KM_SELECT;
	ui_message(u, false, "Select: w/b a word more/less, j/k a line, o "
	    "the other end; H highlight, a note, y copy, Esc stop");
}

/* Moves the selection's moving end a word (words > 0: grows). */
static void
sel_word(struct ui *u, int dir)
{
	struct selection *s = &u->sel;
	size_t x;

	if (!s->move_start && dir > 0) {
		if ((x = word_end_after(s, s->end)) != (size_t)-1)
			s->end = x;
	} else if (!s->move_start) {
		x = word_start_before(s, s->end);	/* the last word */
		if (x != (size_t)-1 && x > s->start &&
		    (x = word_start_before(s, x)) != (size_t)-1 &&
		    x >= s->start) {
			/* end after the word before the last one */
			s->end = word_end_after(s, x);
		}
	} else if (dir > 0) {
		if ((x = word_start_before(s, s->start)) != (size_t)-1)
			s->start = x;
	} else {
		x = word_end_after(s, s->start);	/* the first word */
		if (x != (size_t)-1 && x < s->end &&
		    (x = word_end_after(s, x)) != (size_t)-1 && x <= s->end)
			s->start = word_start_before(s, x);
	}
	show_offset(u, s->move_start ? s->start : s->end - 1);
}

/* Trims white space off the selection's ends. */
static void
sel_trim(struct selection *s)
{
	while (s->end > s->start + 1 && text_cp_is_space(s->cps[s->end - 1]))
		s->end--;
	while (s->start + 1 < s->end && text_cp_is_space(s->cps[s->start]))
		s->start++;
}

/* Moves the selection's moving end a row of the screen (dir > 0: grows). */
static void
sel_line(struct ui *u, int dir)
{
	struct buffer *b = ui_cur(u);
	struct selection *s = &u->sel;
	struct view_pos p;
	size_t rs, re, at = s->move_start ? s->start : s->end - 1;

	p = view_pos_of(b->view, s->block, at);
	if (!view_row_range(b->view, &p, &rs, &re))
		return;
	if (!s->move_start && dir > 0) {
		/* the row's end as the selection has it: spaces trimmed */
		while (re > rs && text_cp_is_space(s->cps[re - 1]))
			re--;
		if (s->end >= re) {
			if (view_move(b->view, &p, 1) != 1 ||
			    p.block != s->block ||
			    !view_row_range(b->view, &p, &rs, &re))
				return;
		}
		s->end = re;
	} else if (!s->move_start) {
		if (rs <= s->start)
			return;
		s->end = rs;
	} else if (dir > 0) {
		if (s->start <= rs) {
			if (view_move(b->view, &p, -1) != -1 ||
			    p.block != s->block ||
			    !view_row_range(b->view, &p, &rs, &re))
				return;
		}
		s->start = rs;
	} else {
		if (re >= s->end)
			return;
		s->start = re;
	}
	sel_trim(s);
	show_offset(u, s->move_start ? s->start : s->end - 1);
}

/* --- which annotation ---------------------------------------------- */

/*
 * The annotation an action is about: the selected entry of the notes
 * list; with a selection, the one covering its start; else one on the
 * first text row on screen, else the note on that paragraph.  -1: none.
 */
static long
note_here(struct ui *u, struct notes *ns)
{
	struct buffer *b = ui_cur(u);
	struct view_pos p = b->top;
	size_t rs, re, off;
	long i;
	int k;

	if (u->in_list && u->list.kind == LIST_NOTES)
		return u->list.n > 0 ? (long)u->list.e[u->list.sel].note : -1;
	if (u->sel.on) {
		for (off = u->sel.start; off < u->sel.end; off++)
			if ((i = notes_find(ns, u->sel.block, off)) >= 0)
				return i;
		return notes_find(ns, u->sel.block, (size_t)-1);
	}
	for (k = 0; k < ui_text_rows(u); k++) {
		if (view_row_range(b->view, &p, &rs, &re))
			break;
		if (view_move(b->view, &p, 1) != 1)
			return -1;
	}
	if (!view_row_range(b->view, &p, &rs, &re))
		return -1;
	for (off = rs; off < re; off++)
		if ((i = notes_find(ns, p.block, off)) >= 0)
			return i;
	return notes_find(ns, p.block, (size_t)-1);
}

/* The annotation with exactly the selection's range, or -1. */
static long
note_same_range(struct notes *ns, const struct selection *s)
{
	for (size_t i = 0; i < notes_count(ns); i++) {
		const struct note *nt = notes_get(ns, i);

		if (nt->status != ANCHOR_ORPHAN && !nt->whole &&
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
	long i;
	bool ok;

	if (u->sel.on) {
		i = note_same_range(ns, &u->sel);
		if (i < 0)
			ok = notes_add(ns, u->sel.block, u->sel.start,
			    u->sel.end, false, styles[0].name, NULL, NULL,
			    &cause);
		else {
			nt = notes_get(ns, (size_t)i);
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
	if (!ok)
		say_failed(u, "Not saved", cause);
	else
		ui_message(u, false, "Highlighted (H again: next colour, x "
		    "deletes)");
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
	else {
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
		text_utf8_encode(&out, u->sel.cps + u->sel.start,
		    u->sel.end - u->sel.start);
		ui_notes_unselect(u);
	} else {
		t = doc_block_text(b->doc, top_text_block(u), &len);
		buf_add(&out, t, len);
	}
	free(u->clip);
	u->clip = buf_steal(&out);
	ui_message(u, false, "Copied %zu characters to the clipboard (OSC 52)",
	    utf8_count(u->clip != NULL ? u->clip : "", u->clip != NULL ?
	    strlen(u->clip) : 0));
}

static void
do_delete(struct ui *u, struct notes *ns)
{
	long i = note_here(u, ns);
	struct buf q;
	char *cause = NULL;

	if (i < 0) {
		ui_message(u, true, "No annotation here");
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
	if (u->in_list && u->list.kind == LIST_NOTES)
		notes_list_fill(u, (long)u->list.sel);
}

static void
do_undo(struct ui *u, struct notes *ns)
{
	char *cause = NULL;

	if (!notes_undo(ns, &cause))
		say_failed(u, "Undo", cause);
	else
		ui_message(u, false, "Brought back the last deleted "
		    "annotation");
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

/* --- dispatch and drawing ------------------------------------------ */

bool
ui_notes_action(struct ui *u, enum action a)
{
	struct notes *ns;

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
	case ACT_CLOSE:
		if (u->mode != KM_SELECT)
			return false;
		ui_notes_unselect(u);
		return true;
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
