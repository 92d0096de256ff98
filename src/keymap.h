/*
 * keymap.h - key bindings as data: keymaps/ *.keys and the user's file.
 *
 * Pure C, no terminal: a key is a number (below), the backend translates
 * what the terminal sends into it.  Built-in keymaps are parsed from the
 * same text, by the same parser, as a user's own file.
 */
#ifndef HAMISH_KEYMAP_H
#define HAMISH_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "action.h"

/*
 * Keys: a Unicode code point for a character (a control character for
 * Ctrl and a letter: <C-f> is 0x06), KM_KEY_* above Unicode for the keys
 * that send no character, KM_META or'ed in for Alt/Meta (or Esc then the
 * key).
 */
enum {
	KM_KEY_BASE = 0x110000,
	KM_KEY_UP = KM_KEY_BASE,
	KM_KEY_DOWN,
	KM_KEY_LEFT,
	KM_KEY_RIGHT,
	KM_KEY_PGUP,
	KM_KEY_PGDN,
	KM_KEY_HOME,
	KM_KEY_END,
	KM_KEY_INSERT,
	KM_KEY_DELETE,
	KM_KEY_BACKSPACE,	/* whatever the terminal's erase key sends */
	KM_KEY_ENTER,		/* Enter, Return, C-m, C-j */
	KM_KEY_TAB,		/* Tab, C-i */
	KM_KEY_BTAB,		/* Shift-Tab */
	KM_KEY_ESC,
	KM_KEY_RESIZE,		/* not bindable: the terminal changed size */
	KM_KEY_F0,		/* F1 is KM_KEY_F0 + 1 ... up to F12 */
	KM_KEY_LAST = KM_KEY_F0 + 12
};
#define KM_META		0x80000000u
/*
 * A sequence of two characters typed one after the other (`]c`): KM_SEQ
 * or'ed with the first in bits 15-29 and the second in bits 0-14, so
 * both must be below U+8000 (km_seq()).  A sequence is bound like any
 * key; the controller waits for the second key after a first one that
 * starts a sequence of the mode (km_is_prefix()).
 */
#define KM_SEQ		0x40000000u
#define KM_KEY_MAX	32	/* bytes of the longest key name, with NUL */

/* Modes: each has its own bindings and may fall back to a parent. */
enum km_mode {
	KM_NORMAL,	/* reading */
	KM_LIST,	/* a list over the text: outline, footnotes, help */
	KM_PROMPT,	/* typing after `:`, `/` or `?`, or a note */
	KM_SELECT,	/* a selection (v) being made */
	KM_CURSOR,	/* the word cursor is on (arrows, w) */
	KM_COMPARE,	/* two versions side by side */
	KM_NMODES
};

/* Called for each bad line: msg is "FILE:LINE: what is wrong". */
typedef void	(*km_warn_fn)(void *, const char *);

struct keymap;

/* An empty keymap (no bindings); free with km_free(). */
struct keymap	*km_new(void);
void		 km_free(struct keymap *);

/*
 * Applies the lines of text (len bytes, borrowed) to km, file naming it
 * in warnings:
 *
 *   # comment                 blank lines and comments are ignored
 *   mode list [: normal]      the lines below bind in mode list, which
 *                             falls back to normal for unbound keys
 *   bind KEY ACTION           KEY as km_key_parse() reads it
 *   unbind KEY
 *
 * A bad line (unknown mode, key or action, missing field) is reported
 * through warn (may be NULL) and skipped.  Returns the number of bad
 * lines.
 *
 * Each call starts in mode normal.  A mode line without ": PARENT"
 * leaves the parent as it was (none unless declared); one that would
 * make a mode its own ancestor is a bad line.  A word starting with #
 * after the last field begins a comment.  The message given to warn is
 * borrowed for the call.
 */
int		 km_parse(struct keymap *, const char *, size_t, const char *,
		    km_warn_fn, void *);
/* km_parse() of a file; -1 with *cause (caller frees) if unreadable. */
int		 km_load_file(struct keymap *, const char *, km_warn_fn,
		    void *, char **);

/*
 * Key names: one character ("j", "?", "ب"), two characters for a
 * sequence ("]c", KM_SEQ above), or <Space> <Tab> <S-Tab>
 * <Enter> <Esc> <BS> <Del> <Ins> <Up> <Down> <Left> <Right> <PgUp>
 * <PgDn> <Home> <End> <F1>...<F12> <lt> (a literal "<"), <C-x> (Ctrl),
 * <M-x> (Meta, also with any other name: <M-Up>).  Case matters in
 * characters only.  Returns false for anything else.
 *
 * Also read: <C-x> for x a letter (either case), @ or Space (NUL), [ \ ]
 * ^ _ and ? (<C-m> <C-j> are <Enter>, <C-i> <Tab>, <C-[> <Esc>, <C-?>
 * <BS>); <M-C-x> or <C-M-x>; <x> for a character x; the aliases <Return>
 * <Escape> <Backspace> <Delete> <Insert> <PageUp> <PageDown>; a lone "<".
 * Not read: <Resize>, and control characters written raw.
 */
bool		 km_key_parse(const char *, uint32_t *);
/* The sequence first, second (both characters below U+8000 that may
 * be keys by themselves), or 0 when there is none. */
uint32_t	 km_seq(uint32_t, uint32_t);
/* True if a sequence bound in mode (or a mode it falls back to) starts
 * with key. */
bool		 km_is_prefix(const struct keymap *, enum km_mode, uint32_t);
/* The name km_key_parse() reads back; out has KM_KEY_MAX bytes. */
void		 km_key_string(uint32_t, char *);

void		 km_bind(struct keymap *, enum km_mode, uint32_t, enum action);
void		 km_unbind(struct keymap *, enum km_mode, uint32_t);
/* The action of key in mode, through its parents; ACT_NONE if unbound. */
enum action	 km_lookup(const struct keymap *, enum km_mode, uint32_t);
/*
 * The keys bound to action in mode itself (not its parents), in the
 * order they were bound: up to max in keys; returns how many there are.
 */
size_t		 km_keys_for(const struct keymap *, enum km_mode,
		    enum action, uint32_t *, size_t);
const char	*km_mode_name(enum km_mode);
/* The mode called name ("list"), or -1. */
int		 km_mode_find(const char *);
/* The mode m falls back to, or -1 if none (the default). */
int		 km_mode_parent(const struct keymap *, enum km_mode);
/*
 * Makes m fall back to parent (-1 for none).  Returns false, changing
 * nothing, if that would make m its own ancestor.
 */
bool		 km_mode_parent_set(struct keymap *, enum km_mode, int);
/*
 * The key a backend should report for a code point it read: C-m and C-j
 * are KM_KEY_ENTER, C-i KM_KEY_TAB, C-[ KM_KEY_ESC, DEL (C-?)
 * KM_KEY_BACKSPACE, as km_key_parse() reads <C-m> ...; anything else is
 * returned unchanged.  KM_META is kept.  km_key_parse() never returns
 * the raw codes, and km_key_string() names them as their canonical key,
 * so the round trip holds for every key km_key_parse() returns.
 */
uint32_t	 km_key_canon(uint32_t);

#endif
