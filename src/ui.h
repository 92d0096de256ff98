/*
 * ui.h - the reader's controller: keys in, screens out.
 *
 * No curses here: the controller turns keys (keymap.h numbers) into
 * actions on open documents and describes the screen to show as a grid
 * of view cells, which a backend (ui-curses.c) paints.  Tests drive it
 * without a terminal.
 *
 *   rows 0 .. rows-3   the text (or a list: outline, footnotes, help)
 *   row rows-2         status: symbol, section, address, per cent
 *   row rows-1         messages and the : / ? prompt
 */
#ifndef HAMISH_UI_H
#define HAMISH_UI_H

#include <stdbool.h>
#include <stdint.h>

#include "view.h"

struct keymap;
struct library;
struct store;

#define UI_MIN_COLS	20
#define UI_MIN_ROWS	4

/* Options, a plain value. */
struct ui_opts {
	const struct keymap *km;	/* borrowed; outlives the ui */
	int		 view_flags;	/* VIEW_NO_SHAPE, VIEW_LOGICAL */
	bool		 exact;		/* search without Arabic folding */
	const char	*encoding;	/* force a charset; NULL: detect */
	struct store	*store;		/* annotations (borrowed), or NULL */
	const char	*store_off;	/* why there is no store: shown */
	bool		 empty_ok;	/* an empty file opens as a document
					   of no blocks (comparing) */
	struct library	*lib;		/* documents by symbol (borrowed),
					   or NULL */
	char		**lib_dirs;	/* its directories, NULL-terminated
					   (borrowed): read when first
					   needed, with those of the open
					   files */
	bool		 nomouse;	/* no mouse reporting (set nomouse) */
	bool		 nolangmap;	/* Arabic layout keys as typed */
	bool		 nomargin;	/* notes never in a margin */
};

/* What to paint, a plain value owned by the ui (valid until the next
 * ui_* call). */
struct ui_screen {
	int		 cols;
	int		 rows;
	struct view_cell *cell;		/* rows * cols, row after row */
	int		 text_rows;	/* rows at the top that hold text */
	/*
	 * The text rows moved up by this many rows since the last screen
	 * (down if negative), everything else in them unchanged: a backend
	 * may scroll what it shows instead of repainting.  0: no hint.
	 */
	int		 scroll;
	bool		 full;		/* repaint everything (redraw asked) */
	/* the cells are in visual order, whatever the --bidi mode (two
	 * columns compared): a terminal that reorders must not */
	bool		 visual;
	int		 cursor_x;	/* -1: no cursor */
	int		 cursor_y;
};

struct ui;

struct ui	*ui_new(const struct ui_opts *, int, int);
void		 ui_free(struct ui *);
/*
 * Opens a document as a new buffer and shows it (one already open, by
 * the same path, is just shown).  Returns false with *cause (caller
 * frees) if it cannot be read.
 */
bool		 ui_open(struct ui *, const char *, char **);
/* The index of the buffer shown (the last opened), 0 if none. */
size_t		 ui_cur_index(const struct ui *);
/*
 * Compares buffers old and new (ui_cur_index() after opening each; the
 * same index compares a document with itself) side by side until the
 * user closes the comparison, which quits; swap puts the old version on
 * the left.  See ui-compare.c.
 */
void		 ui_compare_begin(struct ui *, size_t, size_t, bool);
/* Shows a message (error: in the error face) until the next key. */
void		 ui_message(struct ui *, bool, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
void		 ui_resize(struct ui *, int, int);
void		 ui_key(struct ui *, uint32_t);
/* A mouse event (mouse.h): the wheel scrolls, a click follows a
 * reference or opens a note, a drag selects words. */
struct mouse_event;
void		 ui_mouse(struct ui *, const struct mouse_event *);
/* Sets option name of o ("nomouse", "langmap", ...); false if there is
 * no such option.  :set and the config file's "set NAME". */
bool		 ui_set_option(struct ui_opts *, const char *);
/* Whether the backend should report the mouse (:set nomouse). */
bool		 ui_mouse_wanted(const struct ui *);
/* True once the user asked to quit. */
bool		 ui_done(const struct ui *);
/*
 * A long PDF shows its first pages while the rest is read (ui-load.c):
 * ui_loading() says whether a document is still being read; then the
 * backend calls ui_load_poll() now and then (without a key), which puts
 * what is read in place; draw again after it.
 */
bool		 ui_loading(const struct ui *);
void		 ui_load_poll(struct ui *);
/* Stores where each open document is being read (also done by
 * ui_free()); the backend calls it before dying of a signal. */
void		 ui_save(struct ui *);
/*
 * Requests for the backend, checked after each key.  Clipboard: text to
 * copy in logical order (the caller frees it), or NULL.  Editor: a file
 * (0600) to run the user's editor on, or NULL; when the editor is done
 * the backend calls ui_edit_done() with whether it exited with 0.
 */
char		*ui_clipboard_take(struct ui *);
const char	*ui_edit_request(const struct ui *);
void		 ui_edit_done(struct ui *, bool);
const struct ui_screen *ui_draw(struct ui *);

/* How text reaches the terminal (--bidi). */
enum ui_bidi {
	UI_BIDI_APP,		/* visual order; the terminal set to explicit */
	UI_BIDI_TERMINAL	/* logical order per line; it reorders */
};

/*
 * The terminal backend (ui-curses.c): runs the reader on the terminal
 * until the user quits, colours from theme t (NO_COLOR: none), and
 * restores the terminal on the way out, on SIGHUP, SIGTERM, SIGINT and
 * fatal errors.  Returns 0, or 1 with a message on standard error when
 * the terminal cannot be used.  Re-raises a terminating signal.
 */
struct theme;
int		 ui_curses_run(struct ui *, const struct theme *, enum ui_bidi);

/* Lines of the help screen (keys of the keymap and commands), for
 * `hamish --list-keys`: appended to b, one per line. */
struct buf;
void		 ui_help_text(const struct keymap *, struct buf *);

#endif
