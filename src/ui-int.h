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

#include "action.h"
#include "keymap.h"
#include "layout.h"
#include "search.h"
#include "util.h"
#include "view.h"

#define KEEP_BLOCKS	256	/* layouts kept around the top (view_trim) */
#define MAX_HITS	256	/* search hits drawn per block */
#define HISTORY		50

struct notes;
struct refs;

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
};

/* What a list shows: it decides what Enter and the list keys do. */
enum list_kind {
	LIST_BLOCKS,	/* outline, footnotes: entries go to blocks */
	LIST_HELP,	/* nothing to go to */
	LIST_NOTES	/* annotations: entries are notes_get() indexes */
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
};

struct history {
	char		*line[HISTORY];
	size_t		 n;
	size_t		 at;		/* browsing position, n: the new line */
};

/* The words being selected (v), in one block, logical order. */
struct selection {
	bool		 on;
	size_t		 block;
	size_t		 start;		/* code points [start, end) */
	size_t		 end;
	bool		 move_start;	/* swap-end: the start moves */
	uint32_t	*cps;		/* the block's text, owned */
	uint8_t		*brk;		/* word boundaries, n + 1 */
	size_t		 n;
};

/* Where a note being typed or edited goes. */
struct note_target {
	char		*uuid;		/* an annotation's, or NULL: new */
	size_t		 block;
	size_t		 start;
	size_t		 end;
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
	struct history	 hist[3];	/* commands, searches, notes */

	/* search */
	char		*pattern;	/* last accepted, or NULL */
	bool		 forward;
	bool		 exact;
	bool		 hl;		/* highlight matches on screen */
	bool		 have_hit;
	struct search_hit hit;
	struct view_pos	 origin;	/* top when the prompt opened */

	/* cross-references and history (ui-refs.c) */
	struct jumps	 back;
	struct jumps	 fwd;
	struct popup	 pop;
	char		**lib_pending;	/* directories not yet read */
	size_t		 nlib_pending;
	bool		 lib_started;	/* o.lib_dirs taken */

	/* annotations (ui-notes.c) */
	struct selection sel;
	struct note_target target;	/* of the note prompt or editor */
	char		*reattach;	/* uuid of the one to re-attach */
	int		 pending;	/* 'm' or '\'': a letter is next */
	char		*clip;		/* for the backend: to copy */
	char		*edit_path;	/* for the backend: a file to edit */
	enum km_mode	 mode_before;	/* to go back to after the prompt */

	struct buf	 msg;
	bool		 msg_error;
	bool		 quit;

	/* what the last screen showed, for the scroll hint */
	bool		 drawn;
	bool		 jumped;	/* top changed other than by view_move */
	long		 scrolled;	/* rows view_move moved since */
	bool		 redraw;
	size_t		 drawn_buf;
	bool		 drawn_list;
};

/* --- ui.c --- */
struct buffer	*ui_cur(struct ui *);
int		 ui_text_rows(const struct ui *);
/* Puts block i's first text row at the top. */
void		 ui_goto_block(struct ui *, size_t);
/* Puts the row holding offset off of block i at the top. */
void		 ui_goto_offset(struct ui *, size_t, size_t);
void		 ui_list_open(struct ui *, const char *, bool);
void		 ui_list_add(struct list *, char *, long, enum lay_dir);
void		 ui_list_close(struct ui *);
void		 ui_list_follow(struct ui *);
void		 ui_prompt_open(struct ui *, char);
/* Appends up to max code points of s, controls visible, "…" if cut. */
void		 ui_text_short(struct buf *, const char *, size_t);
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
/* Draws the popup over the text rows, if one is up. */
void		 ui_refs_draw(struct ui *);
/* :open SYMBOL */
void		 ui_refs_open(struct ui *, const char *);
void		 ui_refs_close(struct buffer *);
void		 ui_refs_free(struct ui *);
/* Remembers the directory of a file just opened for the library. */
void		 ui_refs_dir(struct ui *, const char *);

/* --- ui-notes.c --- */
/* Opens the annotations of buffer b and goes to its reading position. */
void		 ui_notes_open(struct ui *, struct buffer *);
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
/* The selection ends (other mode, buffer change). */
void		 ui_notes_unselect(struct ui *);

#endif
