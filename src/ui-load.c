/*
 * ui-load.c - a long PDF opened in two steps: its first pages before
 * the first screen (ui_open() asks for UI_FIRST_PAGES), the whole of it
 * on a thread of its own (doc_load_start()) while the reader shows
 * them.  The first pages stand in for the document, and the user never
 * sees them wrong:
 *
 *   - the whole document takes their place as soon as it is read (the
 *     backend polls, ui_load_poll()); at once, waiting for it, when a
 *     key or a mouse event comes (every key acts on the whole document:
 *     `:N` past the pages read, search, the lists, annotations, the
 *     end) or when the
 *     screen would reach the last body block read, which may go on in
 *     the pages not read yet;
 *   - meanwhile the status line has the page and the whole PDF's page
 *     count (`p. 1/292`), and "reading" where the paragraph total and
 *     the per cent would be wrong;
 *   - annotations and the reading position are opened on the whole
 *     document only: they are anchored on its text, and notes_open() of
 *     the first pages would store a version that is no version.
 *
 * No terminal I/O (ui.c draws, ui-curses.c polls).
 */
#include <assert.h>
#include <stdlib.h>

#include "doc.h"
#include "refs.h"
#include "search.h"
#include "ui.h"
#include "ui-int.h"
#include "util.h"
#include "view.h"

/* The last block of d that is not a footnote (footnotes come last). */
static size_t
body_last(const struct doc *d)
{
	size_t n = doc_block_count(d);

	while (n > 0 && doc_block_kind(d, n - 1) == DOC_FOOTNOTE)
		n--;
	return n > 0 ? n - 1 : 0;
}

/*
 * Puts buffer bi's whole document in place of its first pages: the top
 * stays on the same block (the first pages' blocks are the whole
 * document's first blocks), then annotations and the reading position
 * are opened.  If the rest cannot be read, the first pages stay and a
 * message says so.
 */
static void
load_finish(struct ui *u, size_t bi)
{
	struct buffer *b = u->buf[bi];
	struct doc *d;
	char *cause = NULL;
	size_t cur = u->cur, blk, off;

	assert(b->load != NULL);
	d = doc_load_take(b->load, &cause);
	doc_load_free(b->load);
	b->load = NULL;
	if (d == NULL) {
		ui_message(u, true, "only the first pages: %s", cause);
		free(cause);
		return;
	}
	blk = b->top.block;
	off = view_row_offset(b->view, &b->top);
	ui_refs_close(b);
	search_free(b->search);
	b->search = NULL;
	words_free(b->words);
	b->words = NULL;
	free(b->hits_in);
	b->hits_in = NULL;
	free(b->hits_pat);
	b->hits_pat = NULL;
	view_free(b->view);
	doc_free(b->doc);
	b->doc = d;
	b->view = view_new(d, u->cols > 0 ? u->cols : 1, u->o.view_flags);
	b->npara = 0;
	b->ref_cur = -1;
	b->refs_big = -1;
	free(b->heading);
	ui_buffer_headings(b);
	if (blk >= doc_block_count(d))
		blk = off = 0;
	b->top = view_pos_of(b->view, blk, off);
	u->jumped = true;
	u->cur = bi;		/* ui_notes_open() goes to the position */
	ui_notes_open(u, b);
	u->cur = cur;
}

bool
ui_loading(const struct ui *u)
{
	for (size_t i = 0; i < u->nbuf; i++)
		if (u->buf[i]->load != NULL)
			return true;
	return false;
}

void
ui_load_poll(struct ui *u)
{
	for (size_t i = 0; i < u->nbuf; i++)
		if (u->buf[i]->load != NULL &&
		    doc_load_ready(u->buf[i]->load))
			load_finish(u, i);
}

void
ui_load_all(struct ui *u)
{
	for (size_t i = 0; i < u->nbuf; i++)
		if (u->buf[i]->load != NULL)
			load_finish(u, i);
}

void
ui_load_enough(struct ui *u)
{
	struct buffer *b = ui_cur(u);
	struct view_pos bottom;

	if (b == NULL || b->load == NULL)
		return;
	bottom = b->top;
	view_move(b->view, &bottom, ui_text_rows(u));
	if (bottom.block >= body_last(b->doc))
		load_finish(u, u->cur);
}
