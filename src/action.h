/*
 * action.h - the one table of what a user can do in the reader.
 *
 * Every key binding names an action, every action has a name a user can
 * type after `:` (`:page-down`), and the help screen, `hamish
 * --list-actions` and the man page check all come from this table.  It
 * says what an action is, never how: the controller (ui.c) carries them
 * out.  Pure data, no terminal.
 */
#ifndef HAMISH_ACTION_H
#define HAMISH_ACTION_H

#include <stddef.h>

enum action {
	ACT_NONE,
	ACT_QUIT,
	ACT_LINE_DOWN,
	ACT_LINE_UP,
	ACT_PAGE_DOWN,
	ACT_PAGE_UP,
	ACT_HALF_DOWN,
	ACT_HALF_UP,
	ACT_TOP,
	ACT_BOTTOM,
	ACT_PARA_NEXT,
	ACT_PARA_PREV,
	ACT_HEADING_NEXT,
	ACT_HEADING_PREV,
	ACT_COMMAND,
	ACT_SEARCH_FORWARD,
	ACT_SEARCH_BACKWARD,
	ACT_SEARCH_NEXT,
	ACT_SEARCH_PREV,
	ACT_OUTLINE,
	ACT_FOOTNOTES,
	ACT_INFO,
	ACT_HELP,
	ACT_REDRAW,
	ACT_BUFFER_NEXT,
	ACT_BUFFER_PREV,
	ACT_SELECT,
	ACT_CLOSE,
	ACT_VISUAL,
	ACT_EXTEND_WORD,
	ACT_SHRINK_WORD,
	ACT_EXTEND_LINE,
	ACT_SHRINK_LINE,
	ACT_SWAP_END,
	ACT_HIGHLIGHT,
	ACT_NOTE,
	ACT_NOTE_EDITOR,
	ACT_COPY,
	ACT_DELETE,
	ACT_UNDO,
	ACT_NOTES,
	ACT_REATTACH,
	ACT_MARK_SET,
	ACT_MARK_GOTO,
	ACT_REF_NEXT,
	ACT_REF_PREV,
	ACT_FOLLOW,
	ACT_BACK,
	ACT_FORWARD,
	ACT_BACKLINKS,
	ACT_CURSOR_LEFT,
	ACT_CURSOR_RIGHT,
	ACT_CURSOR_UP,
	ACT_CURSOR_DOWN,
	ACT_WORD_NEXT,
	ACT_WORD_PREV,
	ACT_CHANGE_NEXT,
	ACT_CHANGE_PREV,
	ACT_CHANGES,
	ACT_FOLD,
	ACT_SWAP,
	ACT_PROMPT_ACCEPT,
	ACT_PROMPT_CANCEL,
	ACT_PROMPT_ERASE,
	ACT_PROMPT_ERASE_WORD,
	ACT_PROMPT_KILL,
	ACT_PROMPT_HISTORY_PREV,
	ACT_PROMPT_HISTORY_NEXT,
	ACT_PROMPT_LEFT,
	ACT_PROMPT_RIGHT,
	ACT_PROMPT_HOME,
	ACT_PROMPT_END,
	ACT_PROMPT_DELETE,
	ACT_PROMPT_WORD_LEFT,
	ACT_PROMPT_WORD_RIGHT,
	ACT_COUNT
};

/* The name of an action ("page-down"), a static string; "" for none. */
const char	*action_name(enum action);
/* One line of help ("Scroll forward one screen"), a static string. */
const char	*action_help(enum action);
/* The action called name, or ACT_NONE. */
enum action	 action_find(const char *);

#endif
