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

#include "action.h"
#include "doc.h"
#include "keymap.h"
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

int
ui_text_rows(const struct ui *u)
{
	return u->rows - 2 > 0 ? u->rows - 2 : 1;
}

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
	ui_notes_close(b);
	ui_refs_close(b);
	search_free(b->search);
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
	free(u->clip);
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

void
ui_message(struct ui *u, bool error, const char *fmt, ...)
{
	va_list ap;

	buf_reset(&u->msg);
	va_start(ap, fmt);
	buf_vaddf(&u->msg, fmt, ap);
	va_end(ap);
	u->msg_error = error;
}

bool
ui_done(const struct ui *u)
{
	return u->quit;
}

/* The width the text is laid out at. */
static int
view_cols(const struct ui *u)
{
	return u->cols > 0 ? u->cols : 1;
}

bool
ui_open(struct ui *u, const char *path, char **cause)
{
	struct doc_import_opts io = { u->o.encoding, NULL };
	struct buffer *b;
	struct doc *d;
	size_t i, n, h = (size_t)-1;

	for (i = 0; i < u->nbuf; i++)
		if (strcmp(u->buf[i]->path, path) == 0) {
			if (i != u->cur)
				ui_notes_unselect(u);
			u->cur = i;
			u->jumped = true;
			return true;
		}
	if ((d = doc_import_file(path, &io, cause)) == NULL)
		return false;
	b = xcalloc(1, sizeof *b);
	b->path = xstrdup(path);
	b->ref_cur = -1;
	b->refs_big = -1;
	ui_refs_dir(u, path);	/* the documents beside it can be opened */
	b->doc = d;
	b->view = view_new(d, view_cols(u), u->o.view_flags);
	n = doc_block_count(d);
	b->heading = xcalloc(n > 0 ? n : 1, sizeof *b->heading);
	for (i = 0; i < n; i++) {
		if (doc_block_kind(d, i) == DOC_HEADING &&
		    doc_block_level(d, i) == 1)
			h = i;
		b->heading[i] = h;
	}
	u->buf = xreallocarray(u->buf, u->nbuf + 1, sizeof *u->buf);
	u->buf[u->nbuf] = b;
	ui_notes_unselect(u);
	u->cur = u->nbuf++;
	u->jumped = true;
	ui_notes_open(u, b);
	return true;
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
	u->jumped = true;
}

void
ui_goto_offset(struct ui *u, size_t i, size_t off)
{
	struct buffer *b = ui_cur(u);

	b->top = view_pos_of(b->view, i, off);
	u->jumped = true;
}

/* The block the reader is at: the one of the top row. */
static size_t
top_block(struct ui *u)
{
	return ui_cur(u)->top.block;
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
			if (doc_block_kind(b->doc, i) == kind)
				break;
		if (i >= n) {
			ui_message(u, true, "No %s below", what);
			return;
		}
	} else {
		/* Inside a block of that kind: back to its start first. */
		first = view_pos_of(b->view, i, 0);
		if (!(doc_block_kind(b->doc, i) == kind &&
		    view_pos_cmp(&b->top, &first) > 0)) {
			while (i-- > 0)
				if (doc_block_kind(b->doc, i) == kind)
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

/* Searches from the top row (or the current hit) in direction fwd. */
static bool
search_step(struct ui *u, const struct view_pos *from, bool fwd, bool again,
    bool wrap)
{
	struct buffer *b = ui_cur(u);
	struct search_hit h;
	size_t off;
	bool found;

	if (again && u->have_hit) {
		found = search_find(b->search, u->hit.block, fwd ?
		    u->hit.start + 1 : u->hit.start, fwd, &h);
	} else {
		off = view_row_offset(b->view, from);
		found = search_find(b->search, from->block, off, fwd, &h);
	}
	if (!found && wrap) {
		found = fwd ? search_find(b->search, 0, 0, true, &h) :
		    search_find(b->search, doc_block_count(b->doc), 0,
		    false, &h);
		if (found)
			ui_message(u, false, fwd ?
			    "Search hit the end, continued from the start" :
			    "Search hit the start, continued from the end");
	}
	if (!found)
		return false;
	u->hit = h;
	u->have_hit = true;
	show_hit(u, from);
	return true;
}

/* Sets the pattern of the current buffer's search; false if empty. */
static bool
search_prepare(struct ui *u, const char *pat, size_t len)
{
	struct buffer *b = ui_cur(u);

	if (b->search == NULL)
		b->search = search_new(b->doc);
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
	} else
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
		if (k != DOC_HEADING && k != DOC_PARA)
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
	":e FILE   open another document    :bn  :bp   next, previous one",
	":open SYMBOL   open a document of the library, e.g. :open A/67/150",
	":set exact   search letter for letter    :set noexact   Arabic-aware",
	":noh   stop highlighting matches    :q   quit",
	":ACTION   any action by name, e.g. :page-down",
};

void
ui_help_text(const struct keymap *km, struct buf *out)
{
	static const enum km_mode modes[] = { KM_NORMAL, KM_LIST, KM_SELECT,
	    KM_PROMPT };
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
	if (word_is(line, "q", "quit") || strcmp(line, "q!") == 0)
		u->quit = true;
	else if (word_is(line, "e", "edit")) {
		if (arg == NULL || *arg == '\0')
			ui_message(u, true, ":e needs a file name");
		else if (!ui_open(u, arg, &cause)) {
			ui_message(u, true, "%s", cause);
			free(cause);
		}
	} else if (word_is(line, "bn", "bnext"))
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
		else {
			ui_message(u, true, "Unknown option: %s (try exact, "
			    "noexact)", arg != NULL ? arg : "");
			return;
		}
		ui_message(u, false, u->exact ? "Search: letter for letter" :
		    "Search: Arabic-aware (harakat, hamza forms, digits)");
	} else if ((a = action_find(line)) != ACT_NONE && arg == NULL)
		do_action(u, a);
	else if (b != NULL) {
		if (arg != NULL)
			arg[-1] = ' ';	/* "12 (b)" is one address */
		if ((i = doc_addr_find(b->doc, line)) >= 0) {
			ui_jump_push(u);
			ui_goto_block(u, (size_t)i);
		}
		else
			ui_message(u, true, "No paragraph %s in this document "
			    "(or not a command)", line);
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
	hist_of(u)->at = hist_of(u)->n;
	if (b != NULL)
		u->origin = b->top;
	buf_reset(&u->msg);
}

/* Incremental search: the first hit from where the search started. */
static void
prompt_changed(struct ui *u)
{
	struct buffer *b = ui_cur(u);

	if ((u->prompt != '/' && u->prompt != '?') || b == NULL)
		return;
	b->top = u->origin;
	u->jumped = true;
	u->have_hit = false;
	if (!search_prepare(u, u->input.data != NULL ? u->input.data : "",
	    u->input.len)) {
		u->hl = false;
		return;
	}
	u->hl = true;
	search_step(u, &u->origin, u->prompt == '/', false, true);
	buf_reset(&u->msg);	/* no "wrapped" while typing */
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
		b->top = u->origin;
		u->jumped = true;
		u->hl = u->pattern != NULL && search_prepare(u, u->pattern,
		    strlen(u->pattern));
	}
	buf_reset(&u->input);
	u->mode = u->in_list ? KM_LIST : KM_NORMAL;
}

/* Removes the last code point (erase) or word (erase-word). */
static void
prompt_erase(struct ui *u, bool word)
{
	struct buf *in = &u->input;
	bool seen = false;

	if (in->len == 0) {
		if (!word)
			prompt_cancel(u);	/* like vim and less */
		return;
	}
	while (in->len > 0) {
		unsigned char c = (unsigned char)in->data[in->len - 1];

		if (!word) {
			while (in->len > 0 &&
			    ((unsigned char)in->data[in->len - 1] & 0xC0) ==
			    0x80)
				in->len--;
			if (in->len > 0)
				in->len--;
			break;
		}
		if (c == ' ' && seen)
			break;
		if (c != ' ')
			seen = true;
		in->len--;
	}
	in->data[in->len] = '\0';
	prompt_changed(u);
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
	if (ui_notes_action(u, a) || ui_refs_action(u, a))
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
		u->jumped = true;
		break;
	case ACT_BOTTOM:
		b->top = view_end(b->view, page);
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
		ui_message(u, false, "%s (%zu of %zu)", ui_cur(u)->path,
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
		prompt_changed(u);
		break;
	case ACT_PROMPT_HISTORY_PREV: prompt_history(u, -1); break;
	case ACT_PROMPT_HISTORY_NEXT: prompt_history(u, 1); break;
	case ACT_COUNT:
		break;
	}
}

void
ui_key(struct ui *u, uint32_t key)
{
	enum action a;
	char name[KM_KEY_MAX];

	if (key == KM_KEY_RESIZE)
		return;
	if (u->mode != KM_PROMPT)
		buf_reset(&u->msg);
	if (ui_notes_key(u, key) || ui_refs_key(u, key))
		return;
	a = km_lookup(u->o.km, u->mode, key);
	if (a == ACT_NONE && u->mode == KM_PROMPT) {
		if (key >= 0x20 && key < KM_KEY_BASE && key != 0x7F &&
		    !(key >= 0x80 && key < 0xA0)) {
			buf_add_utf8(&u->input, key);
			prompt_changed(u);
		}
		return;
	}
	if (a == ACT_NONE) {
		km_key_string(key, name);
		ui_message(u, true, "%s is not bound to anything (h: help)",
		    name);
		return;
	}
	do_action(u, a);
	if (ui_cur(u) != NULL)
		view_trim(ui_cur(u)->view, ui_cur(u)->top.block, KEEP_BLOCKS);
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
 * Lays s out left-to-right from column x of the status row (each field on
 * its own, so that an Arabic section name and a number do not reorder
 * each other); returns the column after it.
 */
static int
status_field(struct ui *u, int x, const char *s)
{
	struct view_cell *row = &u->scr.cell[(size_t)(u->rows - 2) *
	    (size_t)u->cols];
	int w = u->cols - x, used;

	if (w <= 0 || *s == '\0')
		return x;
	view_text_row(ui_cur(u)->view, s, strlen(s), LAY_DIR_LTR, TF_STATUS, w,
	    0, 0, NULL, u->row);
	for (used = w; used > 0 && u->row[used - 1].base == ' '; used--)
		;
	memcpy(row + x, u->row, (size_t)used * sizeof *row);
	return x + used + 2;
}

static void
draw_status(struct ui *u)
{
	struct buffer *b = ui_cur(u);
	const char *sym, *addr = NULL, *sec = NULL, *slash;
	struct view_pos bottom;
	struct view_cell *row;
	char num[32];
	struct buf f;
	size_t i, h;
	int y = u->rows - 2, x, n;

	put_blank(u, y, TF_STATUS);
	if (b == NULL)
		return;
	buf_init(&f);
	if (u->in_list) {
		status_field(u, 1, u->list.title);
		return;
	}
	sym = doc_meta(b->doc)->symbol;
	if (sym == NULL) {
		slash = strrchr(b->path, '/');
		sym = slash != NULL ? slash + 1 : b->path;
	}
	i = b->top.block;
	if (i < doc_block_count(b->doc)) {
		addr = doc_block_address(b->doc, i);
		if (addr == NULL && doc_block_parent(b->doc, i) != (size_t)-1)
			addr = doc_block_address(b->doc,
			    doc_block_parent(b->doc, i));
		if ((h = b->heading[i]) != (size_t)-1)
			sec = doc_block_label(b->doc, h);
	}
	/* Most useful first: a narrow screen cuts the file name. */
	x = 1;
	if (addr != NULL) {
		buf_addf(&f, "¶ %s", addr);
		x = status_field(u, x, f.data);
	}
	if (sec != NULL) {
		buf_reset(&f);
		buf_addf(&f, "§ %s", sec);
		x = status_field(u, x, f.data);
	}
	x = status_field(u, x, sym);
	if (u->nbuf > 1) {
		snprintf(num, sizeof num, "[%zu/%zu]", u->cur + 1, u->nbuf);
		x = status_field(u, x, num);
	}
	buf_reset(&f);
	ui_notes_status(u, &f);
	if (f.len > 0)
		x = status_field(u, x, f.data);
	bottom = b->top;
	view_move(b->view, &bottom, ui_text_rows(u) - 1);
	n = snprintf(num, sizeof num, "%d%% ", view_percent(b->view, &bottom));
	row = &u->scr.cell[(size_t)y * (size_t)u->cols];
	for (i = 0; i < (size_t)n && n <= u->cols; i++)
		row[u->cols - n + (int)i].base = (unsigned char)num[i];
	buf_free(&f);
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
	struct buffer *b = ui_cur(u);
	const char *in = u->input.data != NULL ? u->input.data : "";
	int y = u->rows - 1, lw = (int)sizeof label - 1, w = u->cols - lw, cx;
	size_t nl, n = utf8_count(in, u->input.len);

	put_text(u, y, label, LAY_DIR_LTR, TF_PROMPT);
	if (w < 1)
		return;
	nl = view_text_row(b->view, in, u->input.len, LAY_DIR_AUTO_RTL,
	    TF_PROMPT, w, 0, n, &cx, u->row);
	if (nl > 1)
		view_text_row(b->view, in, u->input.len, LAY_DIR_AUTO_RTL,
		    TF_PROMPT, w, nl - 1, n, &cx, u->row);
	memcpy(&u->scr.cell[(size_t)y * (size_t)u->cols + (size_t)lw], u->row,
	    (size_t)w * sizeof *u->row);
	u->scr.cursor_x = lw + (cx >= 0 ? cx : 0);
	u->scr.cursor_y = y;
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
			view_text_row(b->view, s.data, s.len, LAY_DIR_AUTO,
			    TF_PROMPT, u->cols, 0, (size_t)-1, &cx, u->row);
			put_row(u, y, u->row);
			u->scr.cursor_x = cx;
			u->scr.cursor_y = y;
		} else
			put_text(u, y, s.data, LAY_DIR_LTR, TF_PROMPT);
		buf_free(&s);
		return;
	}
	put_text(u, y, u->msg.data != NULL ? u->msg.data : "", LAY_DIR_AUTO,
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
			nl = view_text_row(b->view, s, strlen(s), l->e[e].dir,
			    face, u->cols, line, 0, NULL, u->row);
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
	if (u->sel.on)		/* the selection over everything */
		ui_mark_add(marks, cap, &nm, u->sel.block, u->sel.start,
		    u->sel.end, TF_SELECTION);
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

	nm = collect_marks(u, &marks, &cap);
	p = b->top;
	for (y = 0; y < ui_text_rows(u); y++) {
		if (y > 0 && view_move(b->view, &p, 1) != 1) {
			for (x = 0; x < u->cols; x++)
				u->row[x] = (struct view_cell){ ' ', { 0 }, 0,
				    1, TF_TEXT };
		} else {
			view_row(b->view, &p, marks, nm, u->row);
			ui_notes_gutter(u, &p, u->row);
		}
		put_row(u, y, u->row);
	}
	free(marks);
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

	u->scr.cols = u->cols;
	u->scr.rows = u->rows;
	u->scr.text_rows = ui_text_rows(u);
	hint = u->drawn && !u->jumped && !u->redraw && !u->in_list &&
	    !u->drawn_list && u->drawn_buf == u->cur && u->scrolled != 0 &&
	    labs(u->scrolled) < ui_text_rows(u);
	u->scr.scroll = hint ? (int)u->scrolled : 0;
	u->scr.full = u->redraw;
	if (u->cols < UI_MIN_COLS || u->rows < UI_MIN_ROWS) {
		draw_too_small(u);
		u->scr.scroll = 0;
	} else {
		if (b == NULL)
			for (y = 0; y < ui_text_rows(u); y++)
				put_blank(u, y, TF_TEXT);
		else if (u->in_list)
			draw_list(u);
		else {
			draw_text(u);
			ui_refs_draw(u);
		}
		draw_status(u);
		draw_message(u);
	}
	u->drawn = true;
	u->jumped = u->redraw = false;
	u->scrolled = 0;
	u->drawn_buf = u->cur;
	u->drawn_list = u->in_list;
	return &u->scr;
}
