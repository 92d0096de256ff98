/*
 * ui-int.h - what the controller's files share: ui.c (moving, search,
 * lists, the prompt, drawing) and ui-notes.c (annotations, selection,
 * bookmarks).  Not an API: only ui*.c include it.  No curses.
 */
#ifndef HAMISH_UI_INT_H
#define HAMISH_UI_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "action.h"
#include "keymap.h"
#include "layout.h"
#include "search.h"
#include "util.h"
#include "view.h"
#include "words.h"

#define KEEP_BLOCKS	256	/* layouts kept around the top (view_trim) */
#define MAX_HITS	256	/* search hits drawn per block */
#define HISTORY		50

struct doc_load;
struct compare;
struct notes;
struct refs;

/* A note in the margin: rows [y0, y1) show the note on [start, end) of
 * block (ui-margin.c). */
struct margin_hit {
	int		 y0;
	int		 y1;
	size_t		 block;
	size_t		 start;
	size_t		 end;
};

/* One open document. */
struct buffer {
	char		*path;
	struct doc	*doc;
	struct view	*view;
	struct search	*search;
	size_t		*heading;	/* per block: its level-1 heading, or
					   (size_t)-1 */
	struct view_pos	 top;		/* first text row on screen */
	struct notes	*notes;		/* NULL: annotations off */
	struct refs	*refs;		/* cross-references, found lazily */
	long		 ref_cur;	/* the reference Tab is on, or -1 */
	int		 refs_big;	/* 1: found when first asked for,
					   not for drawing; -1: unknown */
	size_t		 saved_block;	/* reading position last stored */
	size_t		 saved_off;
	size_t		 npara;		/* numbered paragraphs, 0: not
					   counted yet */
	size_t		*hits_in;	/* search hits per block, for */
	char		*hits_pat;	/* this pattern (hits_count) */
	bool		 hits_exact;
	size_t		 hits_total;
	struct doc_load	*load;		/* the whole document being read
					   (ui-load.c), or NULL */
	struct words	*words;		/* for the cursor and selection,
					   made when first needed */
	bool		 have_id;	/* dev, ino: the file's (ui_open) */
	dev_t		 dev;
	ino_t		 ino;
};

/* What a list shows: it decides what Enter and the list keys do. */
enum list_kind {
	LIST_BLOCKS,	/* outline, footnotes: entries go to blocks */
	LIST_HELP,	/* nothing to go to */
	LIST_NOTES,	/* annotations: entries are notes_get() indexes */
	LIST_CHANGES	/* comparing: entries are change numbers */
};

/* A list shown instead of the text: outline, footnotes, help, notes. */
struct list_entry {
	char		*text;		/* owned; NULL: the block's outline */
	long		 block;		/* where select goes, or -1 */
	enum lay_dir	 dir;
	size_t		 note;		/* LIST_NOTES: the annotation */
};

struct list {
	const char	*title;
	enum list_kind	 kind;
	struct list_entry *e;
	size_t		 n;
	size_t		 sel;
	size_t		 top;
	bool		 one_line;	/* cut entries to one row */
	bool		 which;		/* LIST_NOTES: the ones at a place,
					   to choose from (x) */
};

struct history {
	char		*line[HISTORY];
	size_t		 n;
	size_t		 at;		/* browsing position, n: the new line */
};

/*
 * The words being selected (v), logical order, from code point start of
 * block to code point end (exclusive) of eblock: a selection may run
 * over paragraph ends.  Both ends are word ends.
 */
struct selection {
	bool		 on;
	size_t		 block;
	size_t		 start;
	size_t		 eblock;
	size_t		 end;
	bool		 move_start;	/* swap-end: the start moves */
};

/* Where a note being typed or edited goes. */
struct note_target {
	char		*uuid;		/* an annotation's, or NULL: new */
	size_t		 block;
	size_t		 start;
	size_t		 end;		/* of eblock (a new note over
					   paragraph ends: one in each) */
	size_t		 eblock;
	bool		 whole;
	char		*style;		/* the new one's style, or NULL */
};

/* A place to go back or forward to. */
struct jump {
	char		*path;		/* the buffer's path */
	size_t		 block;
	size_t		 off;
};

struct jumps {
	struct jump	*v;
	size_t		 n;
	size_t		 cap;
};

/* A small window over the text: a footnote, a paragraph's preview. */
struct popup {
	bool		 on;
	char		*title;		/* owned */
	char		*text;		/* owned */
	long		 block;		/* where a second Enter goes, or -1 */
};

struct ui {
	struct ui_opts	 o;
	struct buffer	**buf;
	size_t		 nbuf;
	size_t		 cur;

	int		 cols;
	int		 rows;
	struct ui_screen scr;
	struct view_cell *row;		/* scratch row, cols cells */

	enum km_mode	 mode;
	bool		 in_list;	/* a list is up (mode may be prompt) */
	struct list	 list;

	char		 prompt;	/* ':', '/', '?', or 'a': a note */
	struct buf	 input;		/* what was typed, UTF-8 */
	size_t		 icur;		/* the cursor: a byte of input */
	struct history	 hist[3];	/* commands, searches, notes */

	/* search */
	char		*pattern;	/* last accepted, or NULL */
	bool		 forward;
	bool		 exact;
	bool		 hl;		/* highlight matches on screen */
	bool		 have_hit;
	struct search_hit hit;
	struct view_pos	 origin;	/* top when the prompt opened */
	char		*hits_pat;	/* the pattern last set */
	bool		 prompt_note;	/* the message beside the prompt */

	/* cross-references and history (ui-refs.c) */
	struct jumps	 back;
	struct jumps	 fwd;
	struct popup	 pop;
	char		**lib_pending;	/* directories not yet read */
	size_t		 nlib_pending;
	bool		 lib_started;	/* o.lib_dirs taken */

	/* the word cursor (ui-cursor.c): on in mode cursor, a word start */
	bool		 wc_on;
	struct wpos	 wc;
	const struct buffer *wc_buf;	/* the document it is in */
	struct margin_hit *mhit;	/* what the margin shows where */
	size_t		 nmhit;
	bool		 drag_on;	/* the left button is down on text */
	struct wpos	 drag_from;	/* at this word (ui-mouse.c) */

	/* annotations (ui-notes.c) */
	struct selection sel;
	struct note_target target;	/* of the note prompt or editor */
	char		*reattach;	/* uuid of the one to re-attach */
	char		*hl_again;	/* uuid of the last H's, while H is
					   pressed again */
	int		 pending;	/* 'm' or '\'': a letter is next */
	char		*clip;		/* for the backend: to copy */
	char		*edit_path;	/* for the backend: a file to edit */
	enum km_mode	 mode_before;	/* to go back to after the prompt */

	struct buf	 msg;
	bool		 msg_error;
	char		*msgs[HISTORY];	/* the messages shown, :messages */
	size_t		 nmsgs;
	bool		 quit;
	bool		 keyed;		/* a key came: start-up is over */

	struct compare	*cmp;		/* two versions compared, or NULL
					   (ui-compare.c) */
	uint32_t	 seq_first;	/* the first key of a sequence, or 0 */

	/* what the last screen showed, for the scroll hint */
	bool		 drawn;
	bool		 jumped;	/* top changed other than by view_move */
	long		 scrolled;	/* rows view_move moved since */
	bool		 redraw;
	size_t		 drawn_buf;
	bool		 drawn_list;
};

/* --- ui-load.c: a long PDF's first pages, then the whole --- */
#define UI_FIRST_PAGES	4	/* pages read before the first screen */
/* Waits for every document being read and puts it in place. */
void		 ui_load_all(struct ui *);
/* The same for the current buffer, if the screen would reach the end
 * of the pages read. */
void		 ui_load_enough(struct ui *);

/* --- ui.c --- */
struct buffer	*ui_cur(struct ui *);
int		 ui_text_rows(const struct ui *);
/* Fills b->heading (owned) from b->doc. */
void		 ui_buffer_headings(struct buffer *);
/* The screen column where the text's column starts (the note margin may
 * stand to its left). */
int		 ui_text_x0(const struct ui *);
/* Puts block i's first text row at the top. */
void		 ui_goto_block(struct ui *, size_t);
/* Puts the row holding offset off of block i at the top. */
void		 ui_goto_offset(struct ui *, size_t, size_t);
void		 ui_list_open(struct ui *, const char *, bool);
void		 ui_list_add(struct list *, char *, long, enum lay_dir);
void		 ui_list_close(struct ui *);
void		 ui_list_follow(struct ui *);
/* The list entry shown on text row y, or -1. */
long		 ui_list_entry_at(struct ui *, int);
/* Carries out action a as its key would (the mouse's wheel, clicks). */
void		 ui_action(struct ui *, enum action);
void		 ui_prompt_open(struct ui *, char);
/* Appends up to max code points of s, controls visible, "…" if cut. */
void		 ui_text_short(struct buf *, const char *, size_t);
/* Appends len bytes of UTF-8 s with its right-to-left runs isolated
 * (FSI ... PDI), for a left-to-right message. */
void		 ui_text_isolate(struct buf *, const char *, size_t);
/* Appends a mark to *marks (grown as needed, *cap its room). */
void		 ui_mark_add(struct view_mark **, size_t *, size_t *, size_t,
		    size_t, size_t, int);

/* --- ui-refs.c --- */
/* Remembers where the reader is before a jump (clears forward). */
void		 ui_jump_push(struct ui *);
/* Carries out a reference or history action; false if a is not one. */
bool		 ui_refs_action(struct ui *, enum action);
/* Takes key while a popup is up; false otherwise. */
bool		 ui_refs_key(struct ui *, uint32_t);
/* Appends the marks of the references in blocks [first, last]. */
size_t		 ui_refs_marks(struct ui *, size_t, size_t, struct view_mark **,
		    size_t *, size_t);
/* Shows title and text (both transferred) over the text rows; Enter or
 * Esc closes it. */
void		 ui_refs_popup(struct ui *, char *, char *);
/* The reference at code point off of block, or -1. */
long		 ui_refs_at(struct ui *, size_t, size_t);
/* Follows reference i (it becomes the current one). */
void		 ui_refs_follow(struct ui *, long);
/* Draws the popup over the text rows, if one is up. */
void		 ui_refs_draw(struct ui *);
/* :open SYMBOL */
void		 ui_refs_open(struct ui *, const char *);
void		 ui_refs_close(struct buffer *);
void		 ui_refs_free(struct ui *);
/* Remembers the directory of a file just opened for the library. */
void		 ui_refs_dir(struct ui *, const char *);

/* --- ui-cursor.c --- */
/* The words of the current document (made when first asked for). */
struct words	*ui_words(struct ui *);
/* The first word at or after the top of the screen (a search match on
 * screen first); false if the screen shows none. */
bool		 ui_cursor_first(struct ui *, struct wpos *);
/* Moves *p, a word start, as action a (cursor-left ... word-prev) does
 * and scrolls it into sight; false if it cannot move. */
bool		 ui_cursor_step(struct ui *, struct wpos *, enum action);
/* Scrolls so that p's row is on screen. */
void		 ui_cursor_show(struct ui *, const struct wpos *);
/* Where p is on screen; false if it is not. */
bool		 ui_cursor_xy(struct ui *, const struct wpos *, int *, int *);
/* The text under screen cell (x, y), false if none (a blank, the
 * gutter, another row). */
bool		 ui_cursor_at(struct ui *, int, int, struct wpos *);
/* Carries out a cursor action; false if a is not one. */
bool		 ui_cursor_action(struct ui *, enum action);
/* Before drawing: keeps the cursor on screen; after: puts the
 * terminal's cursor on it. */
void		 ui_cursor_clamp(struct ui *);
void		 ui_cursor_draw(struct ui *);
/* Appends the mark of the word under the cursor, if it is on. */
size_t		 ui_cursor_marks(struct ui *, struct view_mark **, size_t *,
		    size_t);
/* The word cursor goes away (mode normal again). */
void		 ui_cursor_off(struct ui *);

/* --- ui-margin.c --- */
#define MARGIN_MIN_COLS	120	/* a screen this wide has the margin */
/* Columns of the margin with its rule, 0 when there is none. */
int		 ui_margin_cols(const struct ui *);
/* The columns the text is laid out in (the screen's less the margin). */
int		 ui_text_cols(const struct ui *);
/* Draws the notes of the text on screen in the margin, if there is one
 * (after the text rows). */
void		 ui_margin_draw(struct ui *);
/* The note shown in the margin at screen cell (x, y): its block and
 * range; false if none is there. */
bool		 ui_margin_at(struct ui *, int, int, size_t *, size_t *,
		    size_t *);

/* --- ui-notes.c --- */
/* Opens the annotations of buffer b and goes to its reading position. */
void		 ui_notes_open(struct ui *, struct buffer *);
/* Whether a reading position is stored for the file at path. */
bool		 ui_notes_has_position(struct ui *, const char *);
void		 ui_notes_close(struct buffer *);
/* Carries out an annotation action; false if a is not one. */
bool		 ui_notes_action(struct ui *, enum action);
/* Takes key if a bookmark letter is awaited; false otherwise. */
bool		 ui_notes_key(struct ui *, uint32_t);
/* Appends the marks of annotations and of the selection in blocks
 * [first, last] to *marks (grown as needed); returns the new count. */
size_t		 ui_notes_marks(struct ui *, size_t, size_t, struct view_mark **,
		    size_t *, size_t);
/* Puts the marker of annotated text on row pos (already drawn). */
void		 ui_notes_gutter(struct ui *, const struct view_pos *,
		    struct view_cell *);
/* The status line's annotation field ("3 notes"), or "" . */
void		 ui_notes_status(struct ui *, struct buf *);
/* The note prompt was accepted or abandoned. */
void		 ui_notes_prompt(struct ui *, const char *, bool);
/* Enter on an entry of the notes list. */
void		 ui_notes_list_select(struct ui *);
/* :notes all: the annotations of every document. */
void		 ui_notes_all(struct ui *);
/* ' ? and :marks: the list of bookmarks. */
void		 ui_notes_marks_list(struct ui *);
/* The selection ends (other mode, buffer change). */
void		 ui_notes_unselect(struct ui *);
/* Shows the notes on [start, end) of block over the text (the margin
 * of a narrow screen); false if there is none with a text. */
bool		 ui_notes_show_at(struct ui *, size_t, size_t, size_t);
/* Appends the selection's marks (drawn over everything). */
size_t		 ui_notes_sel_marks(struct ui *, struct view_mark **, size_t *,
		    size_t);

/* --- ui-compare.c --- */
/*
 * Compares buffers oldbuf and newbuf (indexes of u->buf) in mode
 * compare; swap puts the old one on the left; quit_on_close: closing the
 * comparison quits (hamish compare).  False if already comparing.
 */
bool		 ui_compare_start(struct ui *, size_t, size_t, bool, bool);
/* Ends the comparison, if any, the new buffer's own view put back. */
void		 ui_compare_free(struct ui *);
/* Carries out a while comparing; false: ui.c's do_action() does. */
bool		 ui_compare_action(struct ui *, enum action);
/* A command typed after ':' (line its first word, arg the rest or
 * NULL); false if it is not the comparison's (:compare FILE starts one). */
bool		 ui_compare_command(struct ui *, char *, char *);
/* The text rows and the status line of the comparison. */
void		 ui_compare_draw(struct ui *);
void		 ui_compare_status(struct ui *);

#endif
