/*
 * action.c - names and help of the reader's actions (see action.h).
 */
#include <string.h>

#include "action.h"

static const struct {
	const char	*name;
	const char	*help;
} actions[ACT_COUNT] = {
	[ACT_NONE] =		{ "", "" },
	[ACT_QUIT] =		{ "quit", "Leave hamish" },
	[ACT_LINE_DOWN] =	{ "line-down", "Forward one line" },
	[ACT_LINE_UP] =		{ "line-up", "Back one line" },
	[ACT_PAGE_DOWN] =	{ "page-down", "Forward one screen" },
	[ACT_PAGE_UP] =		{ "page-up", "Back one screen" },
	[ACT_HALF_DOWN] =	{ "half-down", "Forward half a screen" },
	[ACT_HALF_UP] =		{ "half-up", "Back half a screen" },
	[ACT_TOP] =		{ "top", "Start of the document" },
	[ACT_BOTTOM] =		{ "bottom", "End of the document" },
	[ACT_PARA_NEXT] =	{ "para-next", "Next numbered paragraph" },
	[ACT_PARA_PREV] =	{ "para-prev",
				  "Previous numbered paragraph" },
	[ACT_HEADING_NEXT] =	{ "heading-next", "Next heading" },
	[ACT_HEADING_PREV] =	{ "heading-prev", "Previous heading" },
	[ACT_COMMAND] =		{ "command-line",
				  "Type a command or an address (:12)" },
	[ACT_SEARCH_FORWARD] =	{ "search-forward", "Search forward" },
	[ACT_SEARCH_BACKWARD] =	{ "search-backward", "Search backward" },
	[ACT_SEARCH_NEXT] =	{ "search-next",
				  "Next match, in the search's direction" },
	[ACT_SEARCH_PREV] =	{ "search-prev",
				  "Previous match, against the search's "
				  "direction" },
	[ACT_OUTLINE] =		{ "outline",
				  "Headings and paragraphs to jump to" },
	[ACT_FOOTNOTES] =	{ "footnotes",
				  "Footnotes of the paragraph at the top" },
	[ACT_INFO] =		{ "info",
				  "The document's header: symbol, "
				  "distribution, date, languages, agenda "
				  "item" },
	[ACT_HELP] =		{ "help", "This list of keys" },
	[ACT_REDRAW] =		{ "redraw", "Repaint the screen" },
	[ACT_BUFFER_NEXT] =	{ "buffer-next", "Next open document" },
	[ACT_BUFFER_PREV] =	{ "buffer-prev", "Previous open document" },
	[ACT_SELECT] =		{ "select", "Go to the entry under the bar" },
	[ACT_CLOSE] =		{ "close", "Close the list, the selection or the comparison" },
	[ACT_VISUAL] =		{ "visual",
				  "Select words (from the word cursor, the "
				  "search match or the first word on "
				  "screen); again: stop" },
	[ACT_EXTEND_WORD] =	{ "extend-word",
				  "Selection: one more word" },
	[ACT_SHRINK_WORD] =	{ "shrink-word", "Selection: one word less" },
	[ACT_EXTEND_LINE] =	{ "extend-line", "Selection: to the next line" },
	[ACT_SHRINK_LINE] =	{ "shrink-line",
				  "Selection: back to the previous line" },
	[ACT_SWAP_END] =	{ "swap-end",
				  "Selection: move the other end" },
	[ACT_HIGHLIGHT] =	{ "highlight",
				  "Highlight the selection or the paragraph "
				  "at the top; again: next colour" },
	[ACT_NOTE] =		{ "note",
				  "Add or edit a note on the selection, the "
				  "annotation or the paragraph at the top" },
	[ACT_NOTE_EDITOR] =	{ "note-editor",
				  "The same in $EDITOR, for long notes" },
	[ACT_COPY] =		{ "copy",
				  "Copy the selection or the paragraph at "
				  "the top (OSC 52)" },
	[ACT_DELETE] =		{ "delete-annotation",
				  "Delete the annotation under the word "
				  "cursor, at the top or under the bar "
				  "(several: choose which)" },
	[ACT_UNDO] =		{ "undo", "Take back the last annotation "
				  "change: added, changed, deleted, "
				  "re-attached" },
	[ACT_NOTES] =		{ "notes", "List this document's "
				  "annotations" },
	[ACT_REATTACH] =	{ "reattach",
				  "List: re-attach this annotation; "
				  "selection: attach it here" },
	[ACT_MARK_SET] =	{ "mark", "Set bookmark LETTER here (A-Z: "
				  "across documents)" },
	[ACT_MARK_GOTO] =	{ "goto-mark", "Go to bookmark LETTER" },
	[ACT_REF_NEXT] =	{ "ref-next", "Next cross-reference" },
	[ACT_REF_PREV] =	{ "ref-prev", "Previous cross-reference" },
	[ACT_FOLLOW] =		{ "follow",
				  "Follow the reference: a footnote or a "
				  "paragraph shown over the text (again: go "
				  "there), a document opened" },
	[ACT_BACK] =		{ "back", "Back to where the last jump "
				  "came from" },
	[ACT_FORWARD] =		{ "forward", "Forward again after back" },
	[ACT_BACKLINKS] =	{ "backlinks",
				  "The paragraphs that refer to the one at "
				  "the top" },
	[ACT_CURSOR_LEFT] =	{ "cursor-left",
				  "Word cursor: the word to the left (on a "
				  "right-to-left row, the next one)" },
	[ACT_CURSOR_RIGHT] =	{ "cursor-right",
				  "Word cursor: the word to the right" },
	[ACT_CURSOR_UP] =	{ "cursor-up",
				  "Word cursor: the word on the row above" },
	[ACT_CURSOR_DOWN] =	{ "cursor-down",
				  "Word cursor: the word on the row below" },
	[ACT_WORD_NEXT] =	{ "word-next",
				  "Word cursor: the next word read, across "
				  "rows and paragraphs" },
	[ACT_WORD_PREV] =	{ "word-prev",
				  "Word cursor: the previous word read" },
	[ACT_CHANGE_NEXT] =	{ "change-next",
				  "Comparing: the next change at the top" },
	[ACT_CHANGE_PREV] =	{ "change-prev",
				  "Comparing: the previous change" },
	[ACT_CHANGES] =		{ "changes",
				  "Comparing: the list of changes" },
	[ACT_FOLD] =		{ "fold", "Comparing: fold or unfold the "
				  "unchanged paragraphs" },
	[ACT_SWAP] =		{ "swap", "Comparing: the old version on "
				  "the other side" },
	[ACT_PROMPT_ACCEPT] =	{ "prompt-accept", "Run what was typed" },
	[ACT_PROMPT_CANCEL] =	{ "prompt-cancel", "Abandon the prompt" },
	[ACT_PROMPT_ERASE] =	{ "prompt-erase",
				  "Erase the character before the cursor" },
	[ACT_PROMPT_ERASE_WORD] = { "prompt-erase-word",
				  "Erase the word before the cursor" },
	[ACT_PROMPT_KILL] =	{ "prompt-kill", "Erase the whole line" },
	[ACT_PROMPT_HISTORY_PREV] = { "prompt-history-prev",
				  "Earlier line from the history" },
	[ACT_PROMPT_HISTORY_NEXT] = { "prompt-history-next",
				  "Later line from the history" },
	[ACT_PROMPT_LEFT] =	{ "prompt-left",
				  "Cursor one character left (as shown)" },
	[ACT_PROMPT_RIGHT] =	{ "prompt-right",
				  "Cursor one character right (as shown)" },
	[ACT_PROMPT_HOME] =	{ "prompt-home",
				  "Cursor to the start of what was typed" },
	[ACT_PROMPT_END] =	{ "prompt-end",
				  "Cursor to the end of what was typed" },
	[ACT_PROMPT_DELETE] =	{ "prompt-delete",
				  "Erase the character under the cursor" },
	[ACT_PROMPT_WORD_LEFT] = { "prompt-word-left",
				  "Cursor one word left (as shown)" },
	[ACT_PROMPT_WORD_RIGHT] = { "prompt-word-right",
				  "Cursor one word right (as shown)" },
};

const char *
action_name(enum action a)
{
	return a > ACT_NONE && a < ACT_COUNT ? actions[a].name : "";
}

const char *
action_help(enum action a)
{
	return a > ACT_NONE && a < ACT_COUNT ? actions[a].help : "";
}

enum action
action_find(const char *name)
{
	int a;

	for (a = ACT_NONE + 1; a < ACT_COUNT; a++)
		if (strcmp(actions[a].name, name) == 0)
			return a;
	return ACT_NONE;
}
