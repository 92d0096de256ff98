/*
 * ui.c - the reader's controller (see ui.h).
 *
 * Owns the open documents (buffers), where each one is scrolled to, the
 * prompt, the lists drawn over the text and the search.  It knows
 * actions and keys as numbers and screens as cells; it never talks to a
 * terminal, so every behaviour here can be tested without one.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>

#include "action.h"
#include "doc.h"
#include "keymap.h"
#include "langmap.h"
#include "library.h"
#include "refs.h"
#include "search.h"
#include "text.h"
#include "theme.h"
#include "ui.h"
#include "ui-int.h"
#include "util.h"
#include "view.h"

struct buffer *
ui_cur(struct ui *u)
{
	return u->nbuf > 0 ? u->buf[u->cur] : NULL;
}

size_t
ui_cur_index(const struct ui *u)
{
	return u->cur;
}

void
ui_compare_begin(struct ui *u, size_t old, size_t new, bool swap)
{
	ui_compare_start(u, old, new, swap, true);
}

int
ui_text_rows(const struct ui *u)
{
	return u->rows - 2 > 0 ? u->rows - 2 : 1;
}

static const char *buffer_name(const struct buffer *);

struct ui *
ui_new(const struct ui_opts *o, int cols, int rows)
{
	struct ui *u = xcalloc(1, sizeof *u);

	u->o = *o;
	u->exact = o->exact;
	u->forward = true;
	buf_init(&u->input);
	buf_init(&u->msg);
	ui_resize(u, cols, rows);
	return u;
}

static void
list_clear(struct list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->e[i].text);
	free(l->e);
	memset(l, 0, sizeof *l);
}

static void
buffer_free(struct buffer *b)
{
	if (b == NULL)
		return;
	doc_load_free(b->load);
	ui_notes_close(b);
	ui_refs_close(b);
	search_free(b->search);
	words_free(b->words);
	free(b->hits_in);
	free(b->hits_pat);
	view_free(b->view);
	doc_free(b->doc);
	free(b->heading);
	free(b->path);
	free(b);
}

void
ui_free(struct ui *u)
{
	size_t i, h;

	if (u == NULL)
		return;
	ui_compare_free(u);
	ui_save(u);
	ui_notes_unselect(u);
	ui_refs_free(u);
	for (i = 0; i < u->nbuf; i++)
		buffer_free(u->buf[i]);
	for (h = 0; h < UTIL_NELEM(u->hist); h++)
		for (i = 0; i < u->hist[h].n; i++)
			free(u->hist[h].line[i]);
	list_clear(&u->list);
	free(u->buf);
	free(u->scr.cell);
	free(u->row);
	free(u->pattern);
	free(u->target.uuid);
	free(u->target.style);
	free(u->reattach);
	free(u->hl_again);
	free(u->hits_pat);
	for (i = 0; i < u->nmsgs; i++)
		free(u->msgs[i]);
	free(u->clip);
	free(u->mhit);
	if (u->edit_path != NULL)
		ui_edit_done(u, false);
	buf_free(&u->input);
	buf_free(&u->msg);
	free(u);
}

void
ui_text_short(struct buf *out, const char *s, size_t max)
{
	size_t n = 0, i = 0, len = s != NULL ? strlen(s) : 0;

	while (i < len && n < max) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		n++;
	}
	text_utf8_visible(out, s != NULL ? s : "", i);
	if (i < len)
		buf_adds(out, "…");
}

/* Into out (reset first): the first n code points of s, the blanks at
 * their end dropped, and "…". */
static void
row_cut(struct buf *out, const char *s, size_t n)
{
	size_t i = 0, len = strlen(s);

	for (; i < len && n > 0; n--) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
	}
	while (i > 0 && s[i - 1] == ' ')
		i--;
	buf_reset(out);
	text_utf8_visible(out, s, i);
	buf_adds(out, "…");
}

static bool
is_rtl(uint32_t c)
{
	enum text_bidi k = text_cp_bidi(c);

	return k == TEXT_BIDI_R || k == TEXT_BIDI_AL;
}

/*
 * Messages are English sentences, laid out left to right; what they
 * quote in Arabic (a key, a note, a reference) is isolated, FSI ... PDI,
 * so that it reads right to left inside without taking the numbers and
 * brackets around it along:
 *
 *   logical  ب is not bound          "→ paragraph «نص» 12"
 *   here     FSI ب PDI is not bound   "→ paragraph «FSI نص PDI» 12"
 *
 * A run is from a right-to-left letter to the last one before the next
 * left-to-right letter (numbers and spaces between them inside).
 */
void
ui_text_isolate(struct buf *out, const char *s, size_t len)
{
	uint32_t *cp;
	size_t n, i, j, last;

	cp = text_utf8_decode(s, len, 0, &n, NULL);
	for (i = 0; i < n; i = j) {
		if (!is_rtl(cp[i])) {
			text_utf8_encode(out, &cp[i], 1);
			j = i + 1;
			continue;
		}
		for (j = last = i; j < n && text_cp_bidi(cp[j]) != TEXT_BIDI_L &&
		    cp[j] != 0x2068 && cp[j] != 0x2069; j++)
			if (is_rtl(cp[j]))
				last = j;
		j = last + 1;
		buf_adds(out, "\u2068");
		text_utf8_encode(out, &cp[i], j - i);
		buf_adds(out, "\u2069");
	}
	free(cp);
}

void
ui_message(struct ui *u, bool error, const char *fmt, ...)
{
	struct buf m;
	va_list ap;

	buf_init(&m);
	va_start(ap, fmt);
	buf_vaddf(&m, fmt, ap);
	va_end(ap);
	buf_reset(&u->msg);
	ui_text_isolate(&u->msg, m.data != NULL ? m.data : "", m.len);
	buf_free(&m);
	u->msg_error = error;
	/* not those said while typing (match k of n), nor a repeat */
	if (u->msg.len == 0 || u->mode == KM_PROMPT || (u->nmsgs > 0 &&
	    strcmp(u->msgs[u->nmsgs - 1], u->msg.data) == 0))
		return;
	if (u->nmsgs == HISTORY) {	/* kept for :messages */
		free(u->msgs[0]);
		memmove(u->msgs, u->msgs + 1, (HISTORY - 1) * sizeof *u->msgs);
		u->nmsgs--;
	}
	u->msgs[u->nmsgs++] = xstrdup(u->msg.data);
}

/* :messages: the last messages, the newest at the bottom. */
static void
do_messages(struct ui *u)
{
	size_t i;

	if (u->nmsgs == 0) {
		ui_message(u, false, "No messages yet");
		return;
	}
	ui_list_open(u, "Messages: q closes", false);
	u->list.kind = LIST_HELP;
	for (i = 0; i < u->nmsgs; i++)
		ui_list_add(&u->list, xstrdup(u->msgs[i]), -1, LAY_DIR_LTR);
	u->list.sel = u->list.n - 1;
	ui_list_follow(u);
}

bool
ui_set_option(struct ui_opts *o, const char *name)
{
	bool no = strncmp(name, "no", 2) == 0;
	const char *n = no ? name + 2 : name;

	if (strcmp(n, "mouse") == 0)
		o->nomouse = no;
	else if (strcmp(n, "langmap") == 0)
		o->nolangmap = no;
	else if (strcmp(n, "margin") == 0)
		o->nomargin = no;
	else
		return false;
	return true;
}

bool
ui_mouse_wanted(const struct ui *u)
{
	return !u->o.nomouse;
}

bool
ui_done(const struct ui *u)
{
	return u->quit;
}

/* The width the text is laid out at (the margin's left out). */
static int
view_cols(const struct ui *u)
{
	return ui_text_cols(u);
}

bool
ui_open(struct ui *u, const char *path, char **cause)
{
	struct doc_import_opts io = { u->o.encoding, NULL, 0, false };
	struct buffer *b;
	struct doc *d;
	char *why = NULL;
	struct stat st;
	bool known = strcmp(path, "-") != 0 && stat(path, &st) == 0;
	size_t i;

	/* One buffer per file: the same device and inode, whatever the
	 * path ("./f", a link, a bookmark's absolute path). */
	for (i = 0; i < u->nbuf; i++)
		if (strcmp(u->buf[i]->path, path) == 0 || (known &&
		    u->buf[i]->have_id && u->buf[i]->dev == st.st_dev &&
		    u->buf[i]->ino == st.st_ino)) {
			if (i != u->cur)
				ui_notes_unselect(u);
			u->cur = i;
			u->jumped = true;
			return true;
		}
	/* At start-up, a long PDF: its first pages for the first screen,
	 * the whole of it on a thread (ui-load.c); not when a reading
	 * position is stored, as it may be on any page. */
	if (!u->keyed && strcmp(path, "-") != 0 &&
	    !ui_notes_has_position(u, path))
		io.max_pages = UI_FIRST_PAGES;
	d = doc_import_file(path, &io, &why);
	if (d == NULL && io.max_pages > 0) {
		/* nothing to show in the first pages (a scanned cover):
		 * the whole of it may still have text */
		free(why);
		why = NULL;
		io.max_pages = 0;
		d = doc_import_file(path, &io, &why);
	}
	if (d == NULL && u->o.empty_ok && why != NULL &&
	    strstr(why, "empty document") != NULL) {
		free(why);	/* compared, an empty version is one */
		why = NULL;
		d = doc_new();
		doc_finish(d);
	}
	if (d == NULL) {
		if (cause != NULL)
			*cause = why;
		else
			free(why);
		return false;
	}
	b = xcalloc(1, sizeof *b);
	b->path = xstrdup(path);
	if (known) {
		b->have_id = true;
		b->dev = st.st_dev;
		b->ino = st.st_ino;
	}
	b->ref_cur = -1;
	b->refs_big = -1;
	ui_refs_dir(u, path);	/* the documents beside it can be opened */
	b->doc = d;
	b->view = view_new(d, view_cols(u), u->o.view_flags);
	ui_buffer_headings(b);
	if (doc_partial(d)) {
		io.max_pages = 0;
		b->load = doc_load_start(path, &io);
	}
	u->buf = xreallocarray(u->buf, u->nbuf + 1, sizeof *u->buf);
	u->buf[u->nbuf] = b;
	ui_notes_unselect(u);
	u->cur = u->nbuf++;
	u->jumped = true;
	if (b->load == NULL)
		ui_notes_open(u, b);
	return true;
}

void
ui_buffer_headings(struct buffer *b)
{
	size_t i, n = doc_block_count(b->doc), h = (size_t)-1;

	b->heading = xcalloc(n > 0 ? n : 1, sizeof *b->heading);
	for (i = 0; i < n; i++) {
		if (doc_block_kind(b->doc, i) == DOC_HEADING &&
		    doc_block_level(b->doc, i) == 1)
			h = i;
		b->heading[i] = h;
	}
}

void
ui_resize(struct ui *u, int cols, int rows)
{
	struct buffer *b;
	size_t i, off;

	u->cols = cols > 0 ? cols : 1;
	u->rows = rows > 0 ? rows : 1;
	free(u->scr.cell);
	free(u->row);
	u->scr.cell = xcalloc((size_t)u->cols * (size_t)u->rows,
	    sizeof *u->scr.cell);
	u->row = xcalloc((size_t)u->cols, sizeof *u->row);
	/* Keep the text at the top in place: same block, same offset. */
	for (i = 0; i < u->nbuf; i++) {
		b = u->buf[i];
		off = view_row_offset(b->view, &b->top);
		view_set_width(b->view, view_cols(u));
		b->top = view_pos_of(b->view, b->top.block, off);
	}
	u->jumped = true;
	u->redraw = true;
}

/* --- moving --- */

/* Moves the top by n rows, not past the screen that ends the document. */
static void
scroll_by(struct ui *u, long n)
{
	struct buffer *b = ui_cur(u);
	struct view_pos end;
	long moved;

	if (b == NULL)
		return;
	end = view_end(b->view, ui_text_rows(u));
	if (n > 0) {
		if (view_pos_cmp(&b->top, &end) >= 0)
			return;
		moved = view_move(b->view, &b->top, n);
		if (view_pos_cmp(&b->top, &end) > 0) {
			b->top = end;
			u->jumped = true;
		}
	} else
		moved = view_move(b->view, &b->top, n);
	u->scrolled += moved;
}

/* Puts block i's first text row at the top. */
void
ui_goto_block(struct ui *u, size_t i)
{
	struct buffer *b = ui_cur(u);

	b->top = view_pos_of(b->view, i, 0);
	b->ref_cur = -1;	/* Tab starts again from the screen */
	u->jumped = true;
}

void
ui_goto_offset(struct ui *u, size_t i, size_t off)
{
	struct buffer *b = ui_cur(u);

	b->top = view_pos_of(b->view, i, off);
	b->ref_cur = -1;
	u->jumped = true;
}

/* The block the reader is at: the one of the top row. */
static size_t
top_block(struct ui *u)
{
	return ui_cur(u)->top.block;
}

/* Block i is of kind; ] and [ stop on preambular paragraphs too. */
static bool
kind_is(const struct doc *d, size_t i, enum doc_kind kind)
{
	enum doc_kind k = doc_block_kind(d, i);

	return k == kind || (kind == DOC_PARA && k == DOC_PREAMBLE);
}

/* Next (dir > 0) or previous block of kind, from the top. */
static void
goto_kind(struct ui *u, enum doc_kind kind, int dir, const char *what)
{
	struct buffer *b = ui_cur(u);
	struct view_pos first;
	size_t i = top_block(u), n = doc_block_count(b->doc);

	if (dir > 0) {
		for (i = i + 1; i < n; i++)
			if (kind_is(b->doc, i, kind))
				break;
		if (i >= n) {
			ui_message(u, true, "No %s below", what);
			return;
		}
	} else {
		/* Inside a block of that kind: back to its start first. */
		first = view_pos_of(b->view, i, 0);
		if (!(kind_is(b->doc, i, kind) &&
		    view_pos_cmp(&b->top, &first) > 0)) {
			while (i-- > 0)
				if (kind_is(b->doc, i, kind))
					break;
			if (i == (size_t)-1) {
				ui_message(u, true, "No %s above", what);
				return;
			}
		}
	}
	ui_goto_block(u, i);
}

/* --- search --- */

/* Places hit on screen: where it is if visible, else at the top. */
static void
show_hit(struct ui *u, const struct view_pos *from)
{
	struct buffer *b = ui_cur(u);
	struct view_pos p, top = *from;

	struct view_pos q = top;

	p = view_pos_of(b->view, u->hit.block, u->hit.start);
	view_move(b->view, &q, ui_text_rows(u) - 1);
	b->top = view_pos_cmp(&p, &top) >= 0 && view_pos_cmp(&p, &q) <= 0 ?
	    top : p;
	u->jumped = true;
}

/*
 * "match 3 of 12": the hits of the current pattern counted block by block
 * once per pattern (b->hits_in, kept until the pattern changes), so that
 * n and N only add up the blocks before the hit.
 */
static void
hits_count(struct ui *u, size_t *k, size_t *n)
{
	struct buffer *b = ui_cur(u);
	struct search_hit few[MAX_HITS], *all = few;
	size_t i, nb = doc_block_count(b->doc), nh, cap;
	const char *pat = u->hits_pat;

	if (b->hits_in == NULL || b->hits_pat == NULL || pat == NULL ||
	    strcmp(b->hits_pat, pat) != 0 || b->hits_exact != u->exact) {
		free(b->hits_in);
		free(b->hits_pat);
		b->hits_in = xcalloc(nb + 1, sizeof *b->hits_in);
		b->hits_pat = xstrdup(pat != NULL ? pat : "");
		b->hits_exact = u->exact;
		b->hits_total = 0;
		for (i = 0; i < nb; i++) {
			b->hits_in[i] = search_block_hits(b->search, i, few, 0);
			b->hits_total += b->hits_in[i];
		}
	}
	*n = b->hits_total;
	*k = 0;
	for (i = 0; i < u->hit.block && i < nb; i++)
		*k += b->hits_in[i];
	nh = u->hit.block < nb ? b->hits_in[u->hit.block] : 0;
	cap = nh > MAX_HITS ? nh : MAX_HITS;
	if (cap > MAX_HITS)
		all = xcalloc(cap, sizeof *all);
	nh = search_block_hits(b->search, u->hit.block, all, cap);
	for (i = 0; i < nh && i < cap; i++)
		if (all[i].start == u->hit.start)
			break;
	*k += i + 1;
	if (all != few)
		free(all);
}

/* Says which match the hit is; after what (a wrap), if not NULL. */
static void
say_match(struct ui *u, const char *what)
{
	size_t k, n;

	hits_count(u, &k, &n);
	if (what != NULL)
		ui_message(u, false, "%s (match %zu of %zu)", what, k, n);
	else
		ui_message(u, false, "match %zu of %zu", k, n);
}

/* Searches from the top row (or the current hit) in direction fwd. */
static bool
search_step(struct ui *u, const struct view_pos *from, bool fwd, bool again,
    bool wrap)
{
	struct buffer *b = ui_cur(u);
	struct search_hit h;
	size_t off;
	bool found, wrapped = false;

	if (again && u->have_hit) {
		found = search_find(b->search, u->hit.block, fwd ?
		    u->hit.start + 1 : u->hit.start, fwd, &h);
	} else {
		off = view_row_offset(b->view, from);
		found = search_find(b->search, from->block, off, fwd, &h);
	}
	if (!found && wrap) {
		wrapped = true;
		found = fwd ? search_find(b->search, 0, 0, true, &h) :
		    search_find(b->search, doc_block_count(b->doc), 0,
		    false, &h);
	}
	if (!found)
		return false;
	u->hit = h;
	u->have_hit = true;
	show_hit(u, from);
	say_match(u, wrapped ? fwd ?
	    "Search hit the end, continued from the start" :
	    "Search hit the start, continued from the end" : NULL);
	return true;
}

/* Sets the pattern of the current buffer's search; false if empty. */
static bool
search_prepare(struct ui *u, const char *pat, size_t len)
{
	struct buffer *b = ui_cur(u);

	if (b->search == NULL)
		b->search = search_new(b->doc);
	free(u->hits_pat);
	u->hits_pat = xstrndup(pat, len);
	return search_set(b->search, pat, len, u->exact);
}

static void
search_again(struct ui *u, bool same)
{
	struct buffer *b = ui_cur(u);
	bool fwd = same ? u->forward : !u->forward;

	if (u->pattern == NULL) {
		ui_message(u, true, "No previous search");
		return;
	}
	if (!search_prepare(u, u->pattern, strlen(u->pattern))) {
		ui_message(u, true, "Nothing to search for");
		return;
	}
	u->hl = true;
	if (!search_step(u, &b->top, fwd, true, true))
		ui_message(u, true, "Pattern not found: %s", u->pattern);
}

/* --- lists --- */

void
ui_list_add(struct list *l, char *text, long block, enum lay_dir dir)
{
	l->e = xreallocarray(l->e, l->n + 1, sizeof *l->e);
	l->e[l->n].text = text;
	l->e[l->n].block = block;
	l->e[l->n].dir = dir;
	l->e[l->n].note = 0;
	l->n++;
}

void
ui_list_open(struct ui *u, const char *title, bool one_line)
{
	list_clear(&u->list);
	u->list.title = title;
	u->list.one_line = one_line;
	u->list.kind = LIST_BLOCKS;
	u->in_list = true;
	u->mode = KM_LIST;
}

void
ui_list_close(struct ui *u)
{
	list_clear(&u->list);
	u->in_list = false;
	u->mode = KM_NORMAL;
	u->jumped = true;
}

/* The outline line of block i: "label - title" or "label first words". */
static void
outline_text(const struct doc *d, size_t i, struct buf *out)
{
	const char *label = doc_block_label(d, i), *t;
	size_t len;
	int indent;

	t = doc_block_text(d, i, &len);
	if (doc_block_kind(d, i) == DOC_HEADING) {
		indent = doc_block_level(d, i) > 1 ? 2 : 0;
		buf_addf(out, "%*s%s%s", indent, "", label != NULL ? label : "",
		    label != NULL ? " - " : "");
	} else if (doc_block_kind(d, i) == DOC_PREAMBLE)
		/* no label printed: its address, pp3 */
		buf_addf(out, "%*s%s ", 4, "", doc_block_address(d, i) != NULL ?
		    doc_block_address(d, i) : "");
	else if (doc_block_kind(d, i) == DOC_SUBPARA)
		buf_addf(out, "%*s%s ", 4 + 2 * doc_block_level(d, i), "",
		    label != NULL ? label : "");
	else
		buf_addf(out, "%*s%s ", 4, "", label != NULL ? label : "");
	buf_add(out, t, len < 400 ? len : 400);
}


static void
do_outline(struct ui *u)
{
	struct buffer *b = ui_cur(u);
	size_t i, n = doc_block_count(b->doc), at = top_block(u);
	enum doc_kind k;

	ui_list_open(u, "Outline: Enter goes there, q closes", true);
	for (i = 0; i < n; i++) {
		k = doc_block_kind(b->doc, i);
		if (k != DOC_HEADING && k != DOC_PARA && k != DOC_PREAMBLE &&
		    k != DOC_SUBPARA)
			continue;
		if (i <= at)
			u->list.sel = u->list.n;
		ui_list_add(&u->list, NULL, (long)i, LAY_DIR_RTL);
	}
	if (u->list.n == 0) {
		ui_list_close(u);
		ui_message(u, true, "This document has no headings or "
		    "numbered paragraphs");
	} else
		ui_list_follow(u);
}

static void
do_footnotes(struct ui *u)
{
	struct buffer *b = ui_cur(u);
	size_t i = top_block(u), k, nf;
	const char *addr, *t;
	struct buf s;
	long fn;

	/* A sub-paragraph's footnotes, else its paragraph's. */
	nf = doc_block_fn_count(b->doc, i);
	addr = doc_block_address(b->doc, i);
	if (nf == 0) {
		ui_message(u, true, "No footnotes in %s%s",
		    addr != NULL ? "paragraph " : "this paragraph",
		    addr != NULL ? addr : "");
		return;
	}
	ui_list_open(u, "Footnotes: Enter goes to the footnote, q closes",
	    false);
	buf_init(&s);
	for (k = 0; k < nf; k++) {
		fn = doc_footnote_find(b->doc, doc_block_fn(b->doc, i, k));
		buf_reset(&s);
		buf_addf(&s, "(%s) ", doc_block_fn(b->doc, i, k));
		if (fn >= 0) {
			size_t len;

			t = doc_block_text(b->doc, (size_t)fn, &len);
			buf_add(&s, t, len);
		} else
			buf_adds(&s, "?");
		ui_list_add(&u->list, buf_steal(&s), fn, LAY_DIR_AUTO_RTL);
	}
	buf_free(&s);
}

/* One line of the :info list: "what: value", the value isolated. */
static void
info_line(struct ui *u, const char *what, const char *value, size_t len)
{
	struct buf s;

	if (value == NULL)
		return;
	buf_init(&s);
	buf_addf(&s, "%-14s ", what);
	ui_text_isolate(&s, value, len);
	ui_list_add(&u->list, buf_steal(&s), -1, LAY_DIR_LTR);
}

/* The agenda item line of a UN header ("البند 27 من جدول الأعمال",
 * "Item 27 of the provisional agenda"): a text block of the header, the
 * blocks before the first numbered or preambular paragraph; -1 if none. */
static long
agenda_block(const struct doc *d)
{
	size_t i, len;
	const char *t;

	for (i = 0; i < doc_block_count(d) &&
	    doc_block_kind(d, i) == DOC_TEXT; i++) {
		t = doc_block_text(d, i, &len);
		if (len < 200 && (strncmp(t, "البند", strlen("البند")) == 0 ||
		    strstr(t, "جدول الأعمال") != NULL ||
		    strncmp(t, "Item ", 5) == 0 ||
		    strncmp(t, "Agenda item", 11) == 0))
			return (long)i;
	}
	return -1;
}

/* :info, i: what the header said, the metadata the importer took out of
 * the text and the lines it dropped as metadata. */
static void
do_info(struct ui *u)
{
	struct buffer *b = ui_cur(u);
	const struct doc_meta *m = doc_meta(b->doc);
	const char *t, *reason;
	size_t k, len, line;
	long ag;

	ui_list_open(u, "Document: the header; q closes", false);
	u->list.kind = LIST_HELP;
#define INFO(w, v) info_line(u, w, v, (v) != NULL ? strlen(v) : 0)
	INFO("Symbol:", m->symbol);
	INFO("Title:", m->title);
	INFO("Distribution:", m->distribution);
	INFO("Date:", m->date);
	INFO("Language:", m->language);
	INFO("Original:", m->original);
#undef INFO
	if ((ag = agenda_block(b->doc)) >= 0) {
		t = doc_block_text(b->doc, (size_t)ag, &len);
		info_line(u, "Agenda item:", t, len);
		u->list.e[u->list.n - 1].block = ag;
	}
	info_line(u, "File:", b->path, strlen(b->path));
	if (m->encoding != NULL)
		info_line(u, "Encoding:", m->encoding, strlen(m->encoding));
	for (k = 0; k < doc_dropped_count(b->doc); k++) {
		t = doc_dropped(b->doc, k, &line, &reason);
		if (reason != NULL && strcmp(reason, "metadata") == 0)
			info_line(u, "Header line:", t, strlen(t));
	}
}

/* "j, <Down>": the keys of action a in mode m. */
static void
keys_of(const struct keymap *km, enum km_mode m, enum action a,
    struct buf *out)
{
	uint32_t keys[8];
	char name[KM_KEY_MAX];
	size_t n, k;

	n = km_keys_for(km, m, a, keys, UTIL_NELEM(keys));
	for (k = 0; k < n && k < UTIL_NELEM(keys); k++) {
		km_key_string(keys[k], name);
		buf_addf(out, "%s%s", k > 0 ? " " : "", name);
	}
}

static const char *const commands_help[] = {
	":12  :١٢  :12(b)  :4.12  :IV.12   go to a paragraph by its address",
	":pp3   the third preambular paragraph    :op12   the same as :12",
	":e FILE   open another document (Tab completes)    :bn  :bp   next, "
	"previous one    :bd   close it",
	":info   the document's header (symbol, date, languages, agenda item)",
	":messages   the last messages in full",
	":marks   the bookmarks (also ' then ?)    :notes all   the "
	"annotations of every document",
	":open SYMBOL   open a document of the library, e.g. :open A/67/150",
	":set exact   search letter for letter    :set noexact   Arabic-aware",
	":set nomouse   the mouse to the terminal    :set nolangmap   Arabic "
	"layout keys as typed    :set nomargin   notes never beside the text",
	":noh   stop highlighting matches    :q   quit",
	":ACTION   any action by name, e.g. :page-down",
	":compare FILE   compare this document (old) with FILE (new)",
	"comparing:  :12  paragraph 12 of the new version    :old 12   of "
	"the old one",
	"comparing:  :set swap  :set fold  :set exact  (no...: off)    "
	":orphans   annotations left behind    :changes",
};

void
ui_help_text(const struct keymap *km, struct buf *out)
{
	static const enum km_mode modes[] = { KM_NORMAL, KM_CURSOR, KM_LIST,
	    KM_SELECT, KM_PROMPT, KM_COMPARE };
	struct buf keys;
	size_t m, k;
	int a;

	buf_init(&keys);
	for (m = 0; m < UTIL_NELEM(modes); m++) {
		buf_addf(out, "%s%s mode\n", m > 0 ? "\n" : "",
		    km_mode_name(modes[m]));
		for (a = ACT_NONE + 1; a < ACT_COUNT; a++) {
			buf_reset(&keys);
			keys_of(km, modes[m], a, &keys);
			if (keys.len == 0)
				continue;
			buf_addf(out, "  %-14s %-20s %s\n", keys.data,
			    action_name(a), action_help(a));
		}
	}
	buf_adds(out, "\ncommands\n");
	for (k = 0; k < UTIL_NELEM(commands_help); k++)
		buf_addf(out, "  %s\n", commands_help[k]);
	buf_free(&keys);
}

static void
do_help(struct ui *u)
{
	struct buf all;
	char *p, *nl;

	ui_list_open(u, "Help: the keys of this keymap; q closes", true);
	u->list.kind = LIST_HELP;
	buf_init(&all);
	ui_help_text(u->o.km, &all);
	for (p = all.data; p != NULL && *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		ui_list_add(&u->list, xstrndup(p, (size_t)(nl - p)), -1,
		    LAY_DIR_LTR);
	}
	buf_free(&all);
}

/* Rows entry e takes in the list. */
static size_t
entry_rows(struct ui *u, size_t e, struct buf *tmp)
{
	struct list *l = &u->list;
	struct buffer *b = ui_cur(u);
	const char *s;
	size_t len;

	if (l->one_line)
		return 1;
	s = l->e[e].text;
	if (s == NULL) {
		buf_reset(tmp);
		outline_text(b->doc, (size_t)l->e[e].block, tmp);
		s = tmp->data;
	}
	len = strlen(s);
	return view_text_row(b->view, s, len, l->e[e].dir, TF_TEXT, u->cols,
	    0, 0, NULL, u->row);
}

long
ui_list_entry_at(struct ui *u, int y)
{
	struct list *l = &u->list;
	struct buf tmp;
	size_t e, rows = 0;

	buf_init(&tmp);
	for (e = l->top; e < l->n; e++) {
		rows += entry_rows(u, e, &tmp);
		if ((size_t)y < rows)
			break;
	}
	buf_free(&tmp);
	return e < l->n && y >= 0 ? (long)e : -1;
}

/* Scrolls the list so that the selection is on screen. */
void
ui_list_follow(struct ui *u)
{
	struct list *l = &u->list;
	struct buf tmp;
	size_t rows, e;

	if (l->sel < l->top) {
		l->top = l->sel;
		return;
	}
	if (l->one_line) {	/* a row an entry: no layout needed */
		if (l->sel - l->top >= (size_t)ui_text_rows(u))
			l->top = l->sel - (size_t)ui_text_rows(u) + 1;
		return;
	}
	buf_init(&tmp);
	for (;;) {
		for (rows = 0, e = l->top; e <= l->sel; e++)
			rows += entry_rows(u, e, &tmp);
		if (rows <= (size_t)ui_text_rows(u) || l->top == l->sel)
			break;
		l->top++;
	}
	buf_free(&tmp);
}

static void
list_move(struct ui *u, long n)
{
	struct list *l = &u->list;

	if (n < 0 && (size_t)-n > l->sel)
		l->sel = 0;
	else if (n > 0 && l->sel + (size_t)n >= l->n)
		l->sel = l->n > 0 ? l->n - 1 : 0;
	else
		l->sel = (size_t)((long)l->sel + n);
	ui_list_follow(u);
}

/* :bd: closes the current document (its place stored), shows the next. */
static void
buffer_close(struct ui *u)
{
	struct buffer *b = ui_cur(u);
	size_t i;

	if (b == NULL)
		return;
	if (u->nbuf < 2) {
		ui_message(u, true, "Only one document is open (:q quits)");
		return;
	}
	ui_notes_unselect(u);
	ui_cursor_off(u);	/* it was in this document */
	ui_save(u);
	i = u->cur;
	buffer_free(b);
	memmove(u->buf + i, u->buf + i + 1, (u->nbuf - i - 1) *
	    sizeof *u->buf);
	u->nbuf--;
	if (u->cur >= u->nbuf)
		u->cur = u->nbuf - 1;
	u->have_hit = false;
	u->jumped = true;
	ui_message(u, false, "Closed; now %s (%zu of %zu)",
	    buffer_name(ui_cur(u)), u->cur + 1, u->nbuf);
}

/*
 * Tab after ":e PARTIAL": the file names of PARTIAL's directory that
 * start with it.  One: completed (a directory gets its '/'); several:
 * as far as they agree, and listed on the prompt row.
 */
static void
complete_file(struct ui *u)
{
	const char *in = u->input.data != NULL ? u->input.data : "", *part;
	char *dir, *slash, *common = NULL;
	const char *base;
	struct dirent *de;
	struct stat st;
	struct buf names, full;
	size_t nmatch = 0, blen, k;
	DIR *d;

	if (strncmp(in, "e ", 2) == 0)
		part = in + 2;
	else if (strncmp(in, "edit ", 5) == 0)
		part = in + 5;
	else
		return;
	while (*part == ' ')
		part++;
	dir = xstrdup(part);
	if ((slash = strrchr(dir, '/')) != NULL) {
		slash[1] = '\0';
		base = part + (slash - dir) + 1;
	} else {
		free(dir);
		dir = xstrdup("");
		base = part;
	}
	blen = strlen(base);
	buf_init(&names);
	if ((d = opendir(*dir != '\0' ? dir : ".")) == NULL) {
		free(dir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, base, blen) != 0 ||
		    strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 ||
		    (blen == 0 && de->d_name[0] == '.'))
			continue;
		if (common == NULL)
			common = xstrdup(de->d_name);
		else {
			for (k = 0; common[k] != '\0' &&
			    common[k] == de->d_name[k]; k++)
				;
			common[k] = '\0';
		}
		if (nmatch++ < 8)
			buf_addf(&names, "%s%s", nmatch > 1 ? " " : "",
			    de->d_name);
	}
	closedir(d);
	if (common == NULL) {
		ui_message(u, true, "no such file");
		free(dir);
		buf_free(&names);
		return;
	}
	/* UTF-8: the common prefix may end inside a character */
	for (k = strlen(common); k > 0 &&
	    ((unsigned char)common[k] & 0xC0) == 0x80; k--)
		;
	common[k] = '\0';
	buf_init(&full);
	buf_add(&full, in, (size_t)(part - in));
	buf_adds(&full, dir);
	buf_adds(&full, common);
	if (nmatch == 1 && stat(full.data + (part - in), &st) == 0 &&
	    S_ISDIR(st.st_mode))
		buf_addc(&full, '/');
	buf_reset(&u->input);
	buf_add(&u->input, full.data, full.len);
	u->icur = u->input.len;
	if (nmatch > 1 && nmatch <= 8 &&
	    names.len + u->input.len + 16 < (size_t)u->cols)
		ui_message(u, false, "%zu files: %s", nmatch, names.data);
	else if (nmatch > 1)
		ui_message(u, false, "%zu files: type more", nmatch);
	else
		buf_reset(&u->msg);
	u->prompt_note = nmatch > 1;
	buf_free(&full);
	buf_free(&names);
	free(common);
	free(dir);
}

/* --- commands typed after : --- */

static void	do_action(struct ui *, enum action);

static bool
word_is(const char *s, const char *a, const char *b)
{
	return strcmp(s, a) == 0 || (b != NULL && strcmp(s, b) == 0);
}

static void
run_command(struct ui *u, char *line)
{
	struct buffer *b = ui_cur(u);
	char *arg, *end, *cause = NULL;
	enum action a;
	long i;

	while (*line == ' ')
		line++;
	end = line + strlen(line);
	while (end > line && end[-1] == ' ')
		*--end = '\0';
	if (*line == '\0')
		return;
	if ((arg = strchr(line, ' ')) != NULL) {
		*arg++ = '\0';
		while (*arg == ' ')
			arg++;
	}
	if (ui_compare_command(u, line, arg))
		return;
	if (word_is(line, "q", "quit") || strcmp(line, "q!") == 0)
		u->quit = true;
	else if (word_is(line, "e", "edit")) {
		if (arg == NULL || *arg == '\0')
			ui_message(u, true, ":e needs a file name");
		else if (!ui_open(u, arg, &cause)) {
			ui_message(u, true, "%s", cause);
			free(cause);
		}
	} else if (word_is(line, "bd", "bdelete"))
		buffer_close(u);
	else if (word_is(line, "info", NULL))
		do_action(u, ACT_INFO);
	else if (word_is(line, "messages", "mes"))
		do_messages(u);
	else if (word_is(line, "marks", NULL))
		ui_notes_marks_list(u);
	else if (word_is(line, "notes", NULL) && arg != NULL &&
	    strcmp(arg, "all") == 0)
		ui_notes_all(u);
	else if (word_is(line, "notes", NULL) && arg == NULL)
		do_action(u, ACT_NOTES);
	else if (word_is(line, "bn", "bnext"))
		do_action(u, ACT_BUFFER_NEXT);
	else if (word_is(line, "bp", "bprevious") ||
	    strcmp(line, "bprev") == 0)
		do_action(u, ACT_BUFFER_PREV);
	else if (word_is(line, "open", NULL))
		ui_refs_open(u, arg);
	else if (word_is(line, "noh", "nohlsearch"))
		u->hl = false;
	else if (strcmp(line, "set") == 0) {
		if (arg != NULL && strcmp(arg, "exact") == 0)
			u->exact = true;
		else if (arg != NULL && strcmp(arg, "noexact") == 0)
			u->exact = false;
		else if (arg != NULL && ui_set_option(&u->o, arg)) {
			ui_resize(u, u->cols, u->rows);	/* the margin */
			ui_message(u, false, "%s", arg);
			return;
		} else {
			ui_message(u, true, "Unknown option: %s (try exact, "
			    "noexact, mouse, nomouse, langmap, nolangmap, "
			    "margin, nomargin)", arg != NULL ? arg : "");
			return;
		}
		ui_message(u, false, u->exact ? "Search: letter for letter" :
		    "Search: Arabic-aware (harakat, hamza forms, digits)");
	} else if ((a = action_find(line)) != ACT_NONE && arg == NULL)
		do_action(u, a);
	else if (b != NULL) {
		if (arg != NULL)
			arg[-1] = ' ';	/* "12 (b)" is one address */
		struct buf where;

		buf_init(&where);
		if ((i = doc_addr_find(b->doc, line)) >= 0) {
			ui_jump_push(u);
			ui_goto_block(u, (size_t)i);
		} else if (doc_addr_sections(b->doc, line, &where) > 0)
			/* numbered per section: say which ones there are */
			ui_message(u, true, "No paragraph %s: numbered per "
			    "section, there are %s", line, where.data);
		else
			ui_message(u, true, "No paragraph %s in this document "
			    "(or not a command)", line);
		buf_free(&where);
	}
}

/* --- the prompt --- */

static void
hist_add(struct history *h, const char *s)
{
	if (*s == '\0')
		return;
	if (h->n > 0 && strcmp(h->line[h->n - 1], s) == 0) {
		h->at = h->n;
		return;
	}
	if (h->n == HISTORY) {
		free(h->line[0]);
		memmove(h->line, h->line + 1, (HISTORY - 1) * sizeof *h->line);
		h->n--;
	}
	h->line[h->n++] = xstrdup(s);
	h->at = h->n;
}

static struct history *
hist_of(struct ui *u)
{
	return &u->hist[u->prompt == ':' ? 0 : u->prompt == 'a' ? 2 : 1];
}

void
ui_prompt_open(struct ui *u, char c)
{
	struct buffer *b = ui_cur(u);

	u->prompt = c;
	u->mode = KM_PROMPT;
	buf_reset(&u->input);
	u->icur = 0;
	hist_of(u)->at = hist_of(u)->n;
	if (b != NULL)
		u->origin = b->top;
	buf_reset(&u->msg);
	u->prompt_note = false;
}

/* Incremental search: the first hit from where the search started. */
static void
prompt_changed(struct ui *u)
{
	struct buffer *b = ui_cur(u);

	u->prompt_note = false;	/* a completion's list is old now */
	if ((u->prompt != '/' && u->prompt != '?') || b == NULL)
		return;
	b->top = u->origin;
	u->jumped = true;
	u->have_hit = false;
	u->prompt_note = false;
	buf_reset(&u->msg);
	if (!search_prepare(u, u->input.data != NULL ? u->input.data : "",
	    u->input.len)) {
		u->hl = false;
		return;
	}
	u->hl = true;
	if (search_step(u, &u->origin, u->prompt == '/', false, true))
		u->prompt_note = true;	/* "match k of n" beside the input */
	else {
		ui_message(u, true, "not found");
		u->prompt_note = true;
	}
}

static void
prompt_accept(struct ui *u)
{
	struct buffer *b = ui_cur(u);
	char *line = buf_steal(&u->input), c = u->prompt;

	if (line == NULL)
		line = xstrdup("");
	hist_add(hist_of(u), line);
	u->mode = u->in_list ? KM_LIST : KM_NORMAL;
	if (c == ':')
		run_command(u, line);
	else if (c == 'a')
		ui_notes_prompt(u, line, true);
	else if (b != NULL && *line != '\0') {
		free(u->pattern);
		u->pattern = xstrdup(line);
		u->forward = c == '/';
		b->top = u->origin;
		u->have_hit = false;
		if (!search_prepare(u, line, strlen(line)))
			ui_message(u, true, "Nothing to search for");
		else {
			u->hl = true;
			if (!search_step(u, &u->origin, u->forward, false,
			    true)) {
				u->hl = false;
				ui_message(u, true, "Pattern not found: %s",
				    line);
			}
		}
	} else if (b != NULL && u->pattern != NULL) {
		u->forward = c == '/';	/* an empty search repeats */
		b->top = u->origin;
		search_again(u, true);
	}
	free(line);
}

static void
prompt_cancel(struct ui *u)
{
	struct buffer *b = ui_cur(u);

	if (u->prompt == 'a') {
		/* nothing typed is lost: the history keeps it (Up) */
		char *line = xstrndup(u->input.data != NULL ? u->input.data :
		    "", u->input.len);

		hist_add(hist_of(u), line);
		buf_reset(&u->input);
		u->mode = u->in_list ? KM_LIST : KM_NORMAL;
		ui_notes_prompt(u, line, false);
		free(line);
		return;
	}
	if (u->prompt != ':' && b != NULL) {
		buf_reset(&u->msg);	/* no "match k of n" left */
		b->top = u->origin;
		u->jumped = true;
		u->hl = u->pattern != NULL && search_prepare(u, u->pattern,
		    strlen(u->pattern));
	}
	buf_reset(&u->input);
	u->mode = u->in_list ? KM_LIST : KM_NORMAL;
}

/* The start of the code point before byte i of the input, or i. */
static size_t
cp_before(const struct buf *in, size_t i)
{
	while (i > 0 && ((unsigned char)in->data[--i] & 0xC0) == 0x80)
		;
	return i;
}

/* The byte after the code point at i, or i at the end. */
static size_t
cp_after(const struct buf *in, size_t i)
{
	if (i >= in->len)
		return in->len;
	for (i++; i < in->len && ((unsigned char)in->data[i] & 0xC0) == 0x80;
	    i++)
		;
	return i;
}

/* Where a word move takes the cursor: back (dir < 0) over spaces then a
 * word, or forward over a word then spaces. */
static size_t
word_move(const struct buf *in, size_t i, int dir)
{
	if (dir < 0) {
		while (i > 0 && in->data[i - 1] == ' ')
			i--;
		while (i > 0 && in->data[i - 1] != ' ')
			i = cp_before(in, i);
	} else {
		while (i < in->len && in->data[i] != ' ')
			i = cp_after(in, i);
		while (i < in->len && in->data[i] == ' ')
			i++;
	}
	return i;
}

/* Takes bytes [from, to) out of the input; the cursor goes to from. */
static void
input_cut(struct ui *u, size_t from, size_t to)
{
	struct buf *in = &u->input;

	memmove(in->data + from, in->data + to, in->len - to);
	in->len -= to - from;
	in->data[in->len] = '\0';
	u->icur = from;
}

/* Puts code point c at the cursor. */
static void
input_insert(struct ui *u, uint32_t c)
{
	struct buf *in = &u->input;
	char tmp[4];
	size_t n = utf8_put(tmp, c);

	buf_add(in, tmp, n);	/* room, then moved into place */
	memmove(in->data + u->icur + n, in->data + u->icur,
	    in->len - n - u->icur);
	memcpy(in->data + u->icur, tmp, n);
	u->icur += n;
}

/* Removes the code point (erase) or word (erase-word) before the
 * cursor. */
static void
prompt_erase(struct ui *u, bool word)
{
	struct buf *in = &u->input;

	if (in->len == 0) {
		if (!word)
			prompt_cancel(u);	/* like vim and less */
		return;
	}
	if (u->icur > in->len)
		u->icur = in->len;
	input_cut(u, word ? word_move(in, u->icur, -1) : cp_before(in,
	    u->icur), u->icur);
	prompt_changed(u);
}

/* Whether the input is shown right to left: its first strong letter is
 * Arabic (the note prompt also when it has none, LAY_DIR_AUTO_RTL). */
static bool
input_rtl(struct ui *u)
{
	uint32_t *cp;
	size_t n, i;
	bool rtl = u->prompt == 'a';
	enum text_bidi k;

	cp = text_utf8_decode(u->input.data != NULL ? u->input.data : "",
	    u->input.len, 0, &n, NULL);
	for (i = 0; i < n; i++) {
		k = text_cp_bidi(cp[i]);
		if (k == TEXT_BIDI_L || is_rtl(cp[i])) {
			rtl = k != TEXT_BIDI_L;
			break;
		}
	}
	free(cp);
	return rtl;
}

/* Left, Right, Home, End, Delete and the word moves of the prompt; Left
 * and Right as shown: on a right-to-left line Left goes forward. */
static void
prompt_edit(struct ui *u, enum action a)
{
	struct buf *in = &u->input;
	bool rtl = input_rtl(u);
	int fwd;

	if (u->icur > in->len)
		u->icur = in->len;
	switch (a) {
	case ACT_PROMPT_HOME:	u->icur = 0; break;
	case ACT_PROMPT_END:	u->icur = in->len; break;
	case ACT_PROMPT_DELETE:
		if (u->icur < in->len) {
			input_cut(u, u->icur, cp_after(in, u->icur));
			prompt_changed(u);
		}
		break;
	case ACT_PROMPT_LEFT:
	case ACT_PROMPT_RIGHT:
		fwd = (a == ACT_PROMPT_RIGHT) != rtl;
		u->icur = fwd ? cp_after(in, u->icur) : cp_before(in, u->icur);
		break;
	case ACT_PROMPT_WORD_LEFT:
	case ACT_PROMPT_WORD_RIGHT:
		fwd = (a == ACT_PROMPT_WORD_RIGHT) != rtl;
		u->icur = word_move(in, u->icur, fwd ? 1 : -1);
		break;
	default:
		break;
	}
}

static void
prompt_history(struct ui *u, int dir)
{
	struct history *h = hist_of(u);

	if (dir < 0 && h->at > 0)
		h->at--;
	else if (dir > 0 && h->at < h->n)
		h->at++;
	else
		return;
	buf_reset(&u->input);
	if (h->at < h->n)
		buf_adds(&u->input, h->line[h->at]);
	u->icur = u->input.len;
	prompt_changed(u);
}

/* --- actions --- */

static void
do_action(struct ui *u, enum action a)
{
	struct buffer *b = ui_cur(u);
	int page = ui_text_rows(u);

	if (b == NULL && a != ACT_QUIT && a != ACT_COMMAND &&
	    a < ACT_PROMPT_ACCEPT)
		return;
	if (u->in_list && u->mode == KM_LIST) {
		switch (a) {
		case ACT_LINE_DOWN:	list_move(u, 1); return;
		case ACT_LINE_UP:	list_move(u, -1); return;
		case ACT_PAGE_DOWN:	list_move(u, page); return;
		case ACT_PAGE_UP:	list_move(u, -page); return;
		case ACT_HALF_DOWN:	list_move(u, page / 2); return;
		case ACT_HALF_UP:	list_move(u, -page / 2); return;
		case ACT_TOP:		list_move(u, -(long)u->list.n); return;
		case ACT_BOTTOM:	list_move(u, (long)u->list.n); return;
		case ACT_SELECT:
			if (u->list.kind == LIST_NOTES) {
				ui_notes_list_select(u);
				return;
			}
			if (u->list.n > 0 && u->list.e[u->list.sel].block >= 0) {
				size_t i = (size_t)u->list.e[u->list.sel].block;

				ui_list_close(u);
				ui_jump_push(u);
				ui_goto_block(u, i);
			} else
				ui_list_close(u);
			return;
		case ACT_CLOSE:
		case ACT_QUIT:
			ui_list_close(u);
			return;
		default:
			break;
		}
	}
	if (ui_notes_action(u, a) || ui_cursor_action(u, a) ||
	    ui_refs_action(u, a))
		return;
	switch (a) {
	case ACT_NONE:
		break;
	case ACT_QUIT:
		u->quit = true;
		break;
	case ACT_LINE_DOWN:	scroll_by(u, 1); break;
	case ACT_LINE_UP:	scroll_by(u, -1); break;
	case ACT_PAGE_DOWN:	scroll_by(u, page); break;
	case ACT_PAGE_UP:	scroll_by(u, -page); break;
	case ACT_HALF_DOWN:	scroll_by(u, page / 2 > 0 ? page / 2 : 1); break;
	case ACT_HALF_UP:	scroll_by(u, -(page / 2 > 0 ? page / 2 : 1));
				break;
	case ACT_TOP:
		b->top.block = 0;
		b->top.row = 0;
		b->ref_cur = -1;
		u->jumped = true;
		break;
	case ACT_BOTTOM:
		b->top = view_end(b->view, page);
		b->ref_cur = -1;
		u->jumped = true;
		break;
	case ACT_PARA_NEXT:
		goto_kind(u, DOC_PARA, 1, "numbered paragraph");
		break;
	case ACT_PARA_PREV:
		goto_kind(u, DOC_PARA, -1, "numbered paragraph");
		break;
	case ACT_HEADING_NEXT:
		goto_kind(u, DOC_HEADING, 1, "heading");
		break;
	case ACT_HEADING_PREV:
		goto_kind(u, DOC_HEADING, -1, "heading");
		break;
	case ACT_COMMAND:	ui_prompt_open(u, ':'); break;
	case ACT_SEARCH_FORWARD: ui_prompt_open(u, '/'); break;
	case ACT_SEARCH_BACKWARD: ui_prompt_open(u, '?'); break;
	case ACT_SEARCH_NEXT:	search_again(u, true); break;
	case ACT_SEARCH_PREV:	search_again(u, false); break;
	case ACT_OUTLINE:	do_outline(u); break;
	case ACT_FOOTNOTES:	do_footnotes(u); break;
	case ACT_INFO:		do_info(u); break;
	case ACT_HELP:		do_help(u); break;
	case ACT_REDRAW:	u->redraw = true; break;
	case ACT_BUFFER_NEXT:
	case ACT_BUFFER_PREV:
		if (u->nbuf < 2) {
			ui_message(u, true, "Only one document is open");
			break;
		}
		ui_notes_unselect(u);
		u->cur = (u->cur + (a == ACT_BUFFER_NEXT ? 1 : u->nbuf - 1)) %
		    u->nbuf;
		u->have_hit = false;
		u->jumped = true;
		ui_message(u, false, "%s (%zu of %zu)", buffer_name(ui_cur(u)),
		    u->cur + 1, u->nbuf);
		break;
	default:		/* annotations: ui_notes_action() */
		break;
	case ACT_PROMPT_ACCEPT:	prompt_accept(u); break;
	case ACT_PROMPT_CANCEL:	prompt_cancel(u); break;
	case ACT_PROMPT_ERASE:	prompt_erase(u, false); break;
	case ACT_PROMPT_ERASE_WORD: prompt_erase(u, true); break;
	case ACT_PROMPT_KILL:
		buf_reset(&u->input);
		u->icur = 0;
		prompt_changed(u);
		break;
	case ACT_PROMPT_LEFT:
	case ACT_PROMPT_RIGHT:
	case ACT_PROMPT_HOME:
	case ACT_PROMPT_END:
	case ACT_PROMPT_DELETE:
	case ACT_PROMPT_WORD_LEFT:
	case ACT_PROMPT_WORD_RIGHT:
		prompt_edit(u, a);
		break;
	case ACT_PROMPT_HISTORY_PREV: prompt_history(u, -1); break;
	case ACT_PROMPT_HISTORY_NEXT: prompt_history(u, 1); break;
	case ACT_COUNT:
		break;
	}
}

/* What a key does: action a, through the comparison if one is up. */
static void
key_action(struct ui *u, enum action a)
{
	if (u->cmp == NULL || !ui_compare_action(u, a))
		do_action(u, a);
	if (u->cmp != NULL && u->mode == KM_NORMAL)
		u->mode = KM_COMPARE;	/* a prompt or list closed */
	if (ui_cur(u) != NULL)
		view_trim(ui_cur(u)->view, ui_cur(u)->top.block, KEEP_BLOCKS);
}

void
ui_action(struct ui *u, enum action a)
{
	key_action(u, a);
}

/* A key bound to a in mode m or a mode it falls back to; false if none. */
static bool
key_for(const struct keymap *km, enum km_mode m, enum action a,
    uint32_t *key)
{
	int mm = (int)m, depth;

	for (depth = 0; mm >= 0 && depth < KM_NMODES; depth++) {
		if (km_keys_for(km, (enum km_mode)mm, a, key, 1) > 0)
			return true;
		mm = km_mode_parent(km, (enum km_mode)mm);
	}
	return false;
}

/*
 * "X is not bound to anything (F1: help)": named by the key this keymap
 * binds to help in this mode; in a list without one, the key that
 * closes it; else the :help command.
 */
static void
say_unbound(struct ui *u, uint32_t key)
{
	char name[KM_KEY_MAX];
	uint32_t k;
	struct buf m;

	buf_init(&m);
	km_key_string(key, name);
	buf_adds(&m, name);
	buf_adds(&m, " is not bound to anything (");
	if (key_for(u->o.km, u->mode, ACT_HELP, &k)) {
		km_key_string(k, name);
		buf_addf(&m, "%s: help)", name);
	} else if (u->mode == KM_LIST &&
	    key_for(u->o.km, u->mode, ACT_CLOSE, &k)) {
		km_key_string(k, name);
		buf_addf(&m, "%s: close the list)", name);
	} else
		buf_adds(&m, ":help for help)");
	ui_message(u, true, "%s", m.data);
	buf_free(&m);
}

void
ui_key(struct ui *u, uint32_t key)
{
	enum action a;

	if (key == KM_KEY_RESIZE)
		return;
	u->keyed = true;
	ui_load_all(u);	/* keys act on whole documents */
	if (u->mode != KM_PROMPT)
		buf_reset(&u->msg);
	/* the Arabic layout's keys as the Latin keys in their places,
	 * unless typing or bound as they are (langmap.c) */
	if (u->mode != KM_PROMPT && !u->o.nolangmap && langmap_latin(key) &&
	    km_lookup(u->o.km, u->mode, key) == ACT_NONE)
		key = (uint32_t)langmap_latin(key);
	if (ui_notes_key(u, key) || ui_refs_key(u, key))
		return;
	if (u->seq_first != 0) {
		/* the second key of a sequence (]c); if the two are not
		 * one, the first does what it does alone, then this one */
		uint32_t first = u->seq_first;

		u->seq_first = 0;
		a = km_lookup(u->o.km, u->mode, km_seq(first, key));
		if (a == ACT_NONE) {
			a = km_lookup(u->o.km, u->mode, first);
			if (a != ACT_NONE)
				key_action(u, a);
			if (u->mode == KM_PROMPT)
				return;
			ui_key(u, key);
			return;
		}
		key_action(u, a);
		return;
	}
	if (u->mode != KM_PROMPT && km_is_prefix(u->o.km, u->mode, key)) {
		u->seq_first = key;
		return;
	}
	a = km_lookup(u->o.km, u->mode, key);
	if (a == ACT_NONE && u->mode == KM_PROMPT && u->prompt == ':' &&
	    key == KM_KEY_TAB) {
		complete_file(u);
		return;
	}
	if (a == ACT_NONE && u->mode == KM_PROMPT) {
		if (key >= 0x20 && key < KM_KEY_BASE && key != 0x7F &&
		    !(key >= 0x80 && key < 0xA0)) {
			if (u->icur > u->input.len)
				u->icur = u->input.len;
			input_insert(u, key);
			prompt_changed(u);
		}
		return;
	}
	if (a == ACT_NONE) {
		say_unbound(u, key);
		return;
	}
	key_action(u, a);
}

/* --- drawing --- */

/* Copies a row of cells into the screen at row y. */
static void
put_row(struct ui *u, int y, const struct view_cell *c)
{
	memcpy(&u->scr.cell[(size_t)y * (size_t)u->cols], c,
	    (size_t)u->cols * sizeof *c);
}

/* Blank row y in face. */
static void
put_blank(struct ui *u, int y, int face)
{
	int x;

	for (x = 0; x < u->cols; x++)
		u->row[x] = (struct view_cell){ ' ', { 0 }, 0, 1,
		    (uint8_t)face };
	put_row(u, y, u->row);
}

/* Lays text out on row y in face, from the left or the right edge
 * (needs an open document, whose view does the layout). */
static void
put_text(struct ui *u, int y, const char *s, enum lay_dir dir, int face)
{
	struct buffer *b = ui_cur(u);

	if (b == NULL) {
		put_blank(u, y, face);
		return;
	}
	view_text_row(b->view, s, strlen(s), dir, face, u->cols, 0, 0, NULL,
	    u->row);
	put_row(u, y, u->row);
}

/*
 * Lays s out into u->row, width w, on one row: all of it if it fits,
 * else the longest start of it that fits with "…" after it (the blanks
 * before the cut dropped), so that a cut row never ends in a word cut
 * off at the edge.  Returns false if s was cut.
 *
 *   |  :e FILE   open another document (Tab completes)    :bn  :bp  …|
 */
static bool
row_fit(struct ui *u, const char *s, enum lay_dir dir, int face, int w)
{
	struct view *v = ui_cur(u)->view;
	size_t lo = 0, hi, mid, len = strlen(s);
	struct buf cut;

	if (view_text_row(v, s, len, dir, face, w, 0, 0, NULL, u->row) <= 1)
		return true;
	/* the longest start that fits: lo code points fit, hi do not */
	hi = utf8_count(s, len);
	buf_init(&cut);
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		row_cut(&cut, s, mid);
		if (view_text_row(v, cut.data, cut.len, dir, face, w, 0, 0,
		    NULL, u->row) <= 1)
			lo = mid;
		else
			hi = mid;
	}
	row_cut(&cut, s, lo);
	view_text_row(v, cut.data, cut.len, dir, face, w, 0, 0, NULL,
	    u->row);
	buf_free(&cut);
	return false;
}

/*
 * Lays s out left-to-right from column x of the status row, up to column
 * end (each field on its own, so that an Arabic section name and a number
 * do not reorder each other); returns the column after it and a gap.  A
 * field with no room is cut with an ellipsis, never run into the next:
 *
 *   |¶ 3/52  § أولاً  CTOC/COP/WG.4/20…  3% |
 */
static int
status_field(struct ui *u, int x, int end, const char *s)
{
	struct view_cell *row = &u->scr.cell[(size_t)(u->rows - 2) *
	    (size_t)u->cols];
	int w = end - x, used;

	if (w <= 0 || *s == '\0')
		return x;
	row_fit(u, s, LAY_DIR_LTR, TF_STATUS, w);
	for (used = w; used > 0 && u->row[used - 1].base == ' '; used--)
		;
	memcpy(row + x, u->row, (size_t)used * sizeof *row);
	return x + used + 2;
}

/* Numbered paragraphs of d (for "¶ 12/52"). */
static size_t
para_count(const struct doc *d)
{
	size_t i, n = 0;

	for (i = 0; i < doc_block_count(d); i++)
		n += doc_block_kind(d, i) == DOC_PARA;
	return n;
}

/* What the status line calls b: its symbol, else its title, else the
 * file's name. */
static const char *
buffer_name(const struct buffer *b)
{
	const struct doc_meta *m = doc_meta(b->doc);
	const char *slash;

	if (m->symbol != NULL)
		return m->symbol;
	if (m->title != NULL)
		return m->title;
	if (strcmp(b->path, "-") == 0)
		return "(standard input)";
	slash = strrchr(b->path, '/');
	return slash != NULL ? slash + 1 : b->path;
}

static void
draw_status(struct ui *u)
{
	struct buffer *b = ui_cur(u);
	const char *addr = NULL, *sec = NULL;
	struct view_pos bottom;
	struct view_cell *row;
	char num[32];
	struct buf f;
	size_t i, h;
	int y = u->rows - 2, x, n, end;

	put_blank(u, y, TF_STATUS);
	if (b == NULL)
		return;
	if (u->in_list) {
		status_field(u, 1, u->cols - 1, u->list.title);
		return;
	}
	buf_init(&f);
	i = b->top.block;
	if (i < doc_block_count(b->doc)) {
		addr = doc_block_address(b->doc, i);
		if (addr == NULL && doc_block_parent(b->doc, i) != (size_t)-1)
			addr = doc_block_address(b->doc,
			    doc_block_parent(b->doc, i));
		if ((h = b->heading[i]) != (size_t)-1)
			sec = doc_block_label(b->doc, h);
	}
	bottom = b->top;
	view_move(b->view, &bottom, ui_text_rows(u) - 1);
	n = snprintf(num, sizeof num, "%d%% ", view_percent(b->view, &bottom));
	if (b->load != NULL)	/* the first pages only (ui-load.c) */
		n = snprintf(num, sizeof num, "reading ");
	end = u->cols - n - 1;	/* a space before the per cent */
	/* Most useful first: a narrow screen cuts the name. */
	x = 1;
	if (u->mode == KM_SELECT)
		x = status_field(u, x, end, "VISUAL");
	if (addr != NULL) {
		if (b->npara == 0 && b->load == NULL)
			b->npara = para_count(b->doc);
		if (b->npara > 0 && strncmp(addr, "fn", 2) != 0)
			buf_addf(&f, "¶ %s/%zu", addr, b->npara);
		else
			buf_addf(&f, "¶ %s", addr);
		x = status_field(u, x, end, f.data);
	}
	if (sec != NULL) {
		buf_reset(&f);
		buf_addf(&f, "§ %s", sec);
		x = status_field(u, x, end, f.data);
	}
	if (i < doc_block_count(b->doc) && doc_page_count(b->doc) > 0) {
		char pg[48];

		snprintf(pg, sizeof pg, "p. %zu/%zu",
		    doc_block_page(b->doc, i), doc_page_count(b->doc));
		x = status_field(u, x, end, pg);
	}
	x = status_field(u, x, end, buffer_name(b));
	if (u->nbuf > 1) {
		char k[48];

		snprintf(k, sizeof k, "[%zu/%zu]", u->cur + 1, u->nbuf);
		x = status_field(u, x, end, k);
	}
	buf_reset(&f);
	if (b->load == NULL)	/* annotations come with the whole */
		ui_notes_status(u, &f);
	if (f.len > 0)
		x = status_field(u, x, end, f.data);
	row = &u->scr.cell[(size_t)y * (size_t)u->cols];
	for (i = 0; i < (size_t)n && n <= u->cols; i++)
		row[u->cols - n + (int)i].base = (unsigned char)num[i];
	buf_free(&f);
}

/*
 * Lays the prompt text s out at width w into u->row: the visual line
 * the cursor (before logical offset at; (size_t)-1 for the end) is on,
 * the last one when it is at the end, so that a line longer than the
 * row shows where one types.  Returns the cursor's column on it (-1 if
 * the layout placed it on none).
 */
static int
prompt_line(struct ui *u, const char *s, size_t len, enum lay_dir dir,
    int w, size_t at)
{
	struct buffer *b = ui_cur(u);
	size_t nl, line;
	int cx;

	nl = view_text_row(b->view, s, len, dir, TF_PROMPT, w, 0, at, &cx,
	    u->row);
	for (line = nl; nl > 1 && line-- > 0;) {
		view_text_row(b->view, s, len, dir, TF_PROMPT, w, line, at,
		    &cx, u->row);
		if (cx >= 0 || line == 0)
			break;
	}
	return cx;
}

/*
 * The note being typed: "Note: " at the left, the text after it laid
 * out on its own, right-to-left unless it starts with a left-to-right
 * letter, so that Arabic reads right while it is typed.  A note longer
 * than the line shows its last line, where the cursor is.
 *
 *   |Note: |            ...النص الذي يكتب|
 *            cursor ^ (logical end = the left of the last Arabic word)
 */
static void
draw_note_prompt(struct ui *u)
{
	static const char label[] = "Note: ";
	const char *in = u->input.data != NULL ? u->input.data : "";
	int y = u->rows - 1, lw = (int)sizeof label - 1, w = u->cols - lw, cx;
	size_t n = utf8_count(in, u->icur < u->input.len ? u->icur :
	    u->input.len);

	put_text(u, y, label, LAY_DIR_LTR, TF_PROMPT);
	if (w < 1)
		return;
	cx = prompt_line(u, in, u->input.len, LAY_DIR_AUTO_RTL, w, n);
	memcpy(&u->scr.cell[(size_t)y * (size_t)u->cols + (size_t)lw], u->row,
	    (size_t)w * sizeof *u->row);
	u->scr.cursor_x = lw + (cx >= 0 ? cx : 0);
	u->scr.cursor_y = y;
}

/*
 * The search's "match 3 of 12" or "not found" on the prompt row, in the
 * blanks the typed text leaves: at the right end after a left-to-right
 * search, at the left one before a right-to-left one (ASCII: one cell a
 * byte).
 *
 *   |/law                         match 3 of 12|
 *   |match 3 of 12                    القانون/|
 */
static void
prompt_note(struct ui *u, int y)
{
	struct view_cell *row = &u->scr.cell[(size_t)y * (size_t)u->cols];
	const char *m = u->msg.data != NULL ? u->msg.data : "";
	int len = (int)strlen(m), i, first, last, x0;

	for (i = 0; i < len; i++)
		if ((unsigned char)m[i] >= 0x80 || m[i] < 0x20)
			return;
	for (first = 0; first < u->cols && row[first].base == ' '; first++)
		;
	for (last = u->cols - 1; last >= 0 && row[last].base == ' '; last--)
		;
	if (len == 0)
		return;
	if (u->cols - 1 - last > len + 1)
		x0 = u->cols - len - 1;
	else if (first > len + 1)
		x0 = 0;
	else
		return;
	for (i = 0; i < len; i++) {
		row[x0 + i].base = (unsigned char)m[i];
		row[x0 + i].face = u->msg_error ? TF_ERROR : TF_PROMPT;
	}
}

static void
draw_message(struct ui *u)
{
	struct buffer *b = ui_cur(u);
	struct buf s;
	int y = u->rows - 1, cx;

	u->scr.cursor_x = u->scr.cursor_y = -1;
	if (u->mode == KM_PROMPT && u->prompt == 'a' && b != NULL) {
		draw_note_prompt(u);
		return;
	}
	if (u->mode == KM_PROMPT) {
		buf_init(&s);
		buf_addc(&s, u->prompt);
		if (u->input.len > 0)
			buf_add(&s, u->input.data, u->input.len);
		if (b != NULL) {
			cx = prompt_line(u, s.data, s.len, LAY_DIR_AUTO,
			    u->cols, u->icur < u->input.len ?
			    1 + utf8_count(u->input.data, u->icur) : (size_t)-1);
			put_row(u, y, u->row);
			u->scr.cursor_x = cx >= 0 ? cx : 0;
			u->scr.cursor_y = y;
			if (u->prompt_note)
				prompt_note(u, y);
		} else
			put_text(u, y, s.data, LAY_DIR_LTR, TF_PROMPT);
		buf_free(&s);
		return;
	}
	if (b != NULL && view_text_row(b->view, u->msg.data != NULL ?
	    u->msg.data : "", u->msg.len, LAY_DIR_LTR, u->msg_error ?
	    TF_ERROR : TF_MESSAGE, u->cols, 0, 0, NULL, u->row) > 1 &&
	    u->cols > 12) {
		/* longer than the row: its end says where the rest is */
		static const char more[] = "… :messages";
		int x0 = u->cols - 11, i;

		for (i = 0; i < 11; i++)
			u->row[x0 + i] = (struct view_cell){ i == 0 ? 0x2026 :
			    (unsigned char)more[i + 2], { 0 }, 0, 1, (uint8_t)
			    (u->msg_error ? TF_ERROR : TF_MESSAGE) };
		put_row(u, y, u->row);
		return;
	}
	put_text(u, y, u->msg.data != NULL ? u->msg.data : "", LAY_DIR_LTR,
	    u->msg_error ? TF_ERROR : TF_MESSAGE);
}

static void
draw_list(struct ui *u)
{
	struct list *l = &u->list;
	struct buffer *b = ui_cur(u);
	struct buf tmp;
	const char *s;
	size_t e, line, nl;
	int y = 0, face, x;

	buf_init(&tmp);
	for (e = l->top; e < l->n && y < ui_text_rows(u); e++) {
		s = l->e[e].text;
		if (s == NULL) {
			buf_reset(&tmp);
			outline_text(b->doc, (size_t)l->e[e].block, &tmp);
			s = tmp.data;
		}
		face = e == l->sel ? TF_SELECTED : TF_TEXT;
		line = 0;
		do {
			/* a row an entry: one longer than it ends in "…" */
			if (l->one_line) {
				row_fit(u, s, l->e[e].dir, face, u->cols);
				nl = 1;
			} else
				nl = view_text_row(b->view, s, strlen(s),
				    l->e[e].dir, face, u->cols, line, 0,
				    NULL, u->row);
			for (x = 0; x < u->cols; x++)
				u->row[x].face = (uint8_t)face;
			put_row(u, y++, u->row);
		} while (!l->one_line && ++line < nl && y < ui_text_rows(u));
	}
	while (y < ui_text_rows(u))	/* a short list: nothing under it */
		put_blank(u, y++, TF_TEXT);
	buf_free(&tmp);
}

void
ui_mark_add(struct view_mark **marks, size_t *cap, size_t *nm, size_t block,
    size_t start, size_t end, int face)
{
	if (*nm == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*marks = xreallocarray(*marks, *cap, sizeof **marks);
	}
	(*marks)[*nm] = (struct view_mark){ block, start, end, face };
	(*nm)++;
}

/*
 * The marks of the blocks on screen, later ones drawn over earlier
 * ones: annotations, then search hits, then the selection.
 */
static size_t
collect_marks(struct ui *u, struct view_mark **marks, size_t *cap)
{
	struct buffer *b = ui_cur(u);
	struct search_hit hits[MAX_HITS];
	struct view_pos p = b->top;
	size_t nm = 0, k, nh, last;

	view_move(b->view, &p, ui_text_rows(u) - 1);
	last = p.block;
	nm = ui_refs_marks(u, b->top.block, last, marks, cap, nm);
	nm = ui_notes_marks(u, b->top.block, last, marks, cap, nm);
	for (p.block = b->top.block; u->hl && b->search != NULL &&
	    p.block <= last &&
	    p.block < doc_block_count(b->doc); p.block++) {
		nh = search_block_hits(b->search, p.block, hits, MAX_HITS);
		if (nh > MAX_HITS)
			nh = MAX_HITS;
		for (k = 0; k < nh; k++)
			ui_mark_add(marks, cap, &nm, hits[k].block,
			    hits[k].start, hits[k].end, u->have_hit &&
			    hits[k].block == u->hit.block &&
			    hits[k].start == u->hit.start ?
			    TF_MATCH_CURRENT : TF_MATCH);
	}
	nm = ui_notes_sel_marks(u, marks, cap, nm);	/* over everything */
	nm = ui_cursor_marks(u, marks, cap, nm);
	if (b->refs != NULL && b->ref_cur >= 0 &&
	    (size_t)b->ref_cur < refs_count(b->refs)) {
		const struct ref *r = refs_get(b->refs, (size_t)b->ref_cur);

		ui_mark_add(marks, cap, &nm, r->block, r->start, r->end,
		    TF_REF_CURRENT);
	}
	return nm;
}

static void
draw_text(struct ui *u)
{
	struct buffer *b = ui_cur(u);
	struct view_mark *marks = NULL;
	struct view_pos p;
	size_t nm, cap = 0;
	int y, x;

	int x0 = ui_text_x0(u), tw = view_width(b->view);

	nm = collect_marks(u, &marks, &cap);
	p = b->top;
	for (y = 0; y < ui_text_rows(u); y++) {
		put_blank(u, y, TF_TEXT);	/* the margin's cells too */
		if (y > 0 && view_move(b->view, &p, 1) != 1)
			continue;
		view_row(b->view, &p, marks, nm, u->row);
		ui_notes_gutter(u, &p, u->row);
		for (x = 0; x < tw && x0 + x < u->cols; x++)
			u->scr.cell[(size_t)y * (size_t)u->cols +
			    (size_t)(x0 + x)] = u->row[x];
	}
	free(marks);
	ui_margin_draw(u);
}

static void
draw_too_small(struct ui *u)
{
	char msg[96];
	size_t i, len;
	int x, y;

	snprintf(msg, sizeof msg, "Terminal too small (%dx%d): hamish "
	    "needs %dx%d", u->cols, u->rows, UI_MIN_COLS, UI_MIN_ROWS);
	len = strlen(msg);
	for (y = 0; y < u->rows; y++)
		for (x = 0; x < u->cols; x++) {
			i = (size_t)y * (size_t)u->cols + (size_t)x;
			u->scr.cell[i] = (struct view_cell){ ' ', { 0 }, 0, 1,
			    TF_ERROR };
			if (i < len)
				u->scr.cell[i].base = (unsigned char)msg[i];
		}
	u->scr.cursor_x = u->scr.cursor_y = -1;
}

const struct ui_screen *
ui_draw(struct ui *u)
{
	struct buffer *b = ui_cur(u);
	bool hint;
	int y;

	ui_load_enough(u);
	b = ui_cur(u);
	u->scr.cols = u->cols;
	u->scr.rows = u->rows;
	u->scr.text_rows = ui_text_rows(u);
	hint = u->drawn && !u->jumped && !u->redraw && !u->in_list &&
	    !u->drawn_list && u->drawn_buf == u->cur && u->scrolled != 0 &&
	    labs(u->scrolled) < ui_text_rows(u);
	u->scr.scroll = hint ? (int)u->scrolled : 0;
	u->scr.full = u->redraw;
	u->scr.visual = u->cmp != NULL;
	if (u->cols < UI_MIN_COLS || u->rows < UI_MIN_ROWS) {
		draw_too_small(u);
		u->scr.scroll = 0;
	} else {
		if (b == NULL)
			for (y = 0; y < ui_text_rows(u); y++)
				put_blank(u, y, TF_TEXT);
		else if (u->in_list)
			draw_list(u);
		else if (u->cmp != NULL)
			ui_compare_draw(u);	/* and its status line */
		else {
			ui_cursor_clamp(u);
			draw_text(u);
			ui_refs_draw(u);
		}
		if (u->cmp == NULL || u->in_list)
			draw_status(u);
		draw_message(u);
		ui_cursor_draw(u);
	}
	u->drawn = true;
	u->jumped = u->redraw = false;
	u->scrolled = 0;
	u->drawn_buf = u->cur;
	u->drawn_list = u->in_list;
	return &u->scr;
}
