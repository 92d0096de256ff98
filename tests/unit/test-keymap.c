/*
 * test-keymap.c - key names, modes, the keys parser, the real keymaps
 * and the man page's list of actions.  Run from the top of the source
 * tree: it reads keymaps/ *.keys and man/hamish-keys.5 from there.
 */
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "keymap.h"
#include "tap.h"
#include "util.h"
#include "warns.h"

static uint32_t
key(const char *name)
{
	uint32_t k;

	if (!km_key_parse(name, &k))
		return 0xffffffffu;
	return k;
}

/* km_key_string of k parses back to k, and gives want if not NULL. */
static void
round_trip(uint32_t k, const char *want)
{
	char s[KM_KEY_MAX];
	uint32_t back = 0;

	km_key_string(k, s);
	ok(km_key_parse(s, &back) && back == k,
	    "key 0x%x prints as '%s' and parses back", (unsigned)k, s);
	if (want != NULL)
		is_str(s, want, "key 0x%x is named %s", (unsigned)k, want);
}

static void
test_key_names(void)
{
	static const char *special[] = {
		"<Up>", "<Down>", "<Left>", "<Right>", "<PgUp>", "<PgDn>",
		"<Home>", "<End>", "<Ins>", "<Del>", "<BS>", "<Enter>",
		"<Tab>", "<S-Tab>", "<Esc>", "<Space>", "<lt>",
	};
	char s[KM_KEY_MAX], name[16];
	uint32_t k, c;
	size_t i;
	int f, bad;

	/* Every key that sends no character, alone and with Meta. */
	bad = 0;
	for (k = KM_KEY_BASE; k <= KM_KEY_LAST; k++) {
		char m[KM_KEY_MAX];
		uint32_t b1 = 0, b2 = 0;

		if (k == KM_KEY_RESIZE || k == KM_KEY_F0)
			continue;
		km_key_string(k, s);
		km_key_string(k | KM_META, m);
		if (!km_key_parse(s, &b1) || b1 != k ||
		    !km_key_parse(m, &b2) || b2 != (k | KM_META)) {
			printf("# key 0x%x: '%s' '%s'\n", (unsigned)k, s, m);
			bad++;
		}
	}
	is_int(bad, 0, "every special key and its Meta form round-trip");
	for (i = 0; i < UTIL_NELEM(special); i++) {
		km_key_string(key(special[i]), s);
		is_str(s, special[i], "%s is its own canonical name",
		    special[i]);
	}
	for (f = 1; f <= 12; f++) {
		snprintf(name, sizeof name, "<F%d>", f);
		is_int(key(name), KM_KEY_F0 + f, "%s", name);
		round_trip(KM_KEY_F0 + (uint32_t)f, name);
	}
	ok(!km_key_parse("<F0>", &k) && !km_key_parse("<F13>", &k) &&
	    !km_key_parse("<F01>", &k), "F0, F13 and F01 are no keys");

	/* Aliases and case. */
	is_int(key("<pgdn>"), KM_KEY_PGDN, "names ignore case: <pgdn>");
	is_int(key("<PageDown>"), KM_KEY_PGDN, "<PageDown> is <PgDn>");
	is_int(key("<Return>"), KM_KEY_ENTER, "<Return> is <Enter>");
	is_int(key("<Escape>"), KM_KEY_ESC, "<Escape> is <Esc>");
	is_int(key("<Backspace>"), KM_KEY_BACKSPACE, "<Backspace> is <BS>");

	/* Characters. */
	is_int(key("j"), 'j', "j");
	ok(key("J") == 'J' && key("J") != key("j"), "case matters in "
	    "characters");
	is_int(key("\xd8\xa8"), 0x0628, "an Arabic letter (beh) is a key");
	round_trip(0x0628, "\xd8\xa8");
	is_int(key("\xf0\x9f\x98\x80"), 0x1F600, "a 4-byte character");
	round_trip(0x1F600, NULL);
	is_int(key("<"), '<', "a lone '<' is the character");
	is_int(key("<lt>"), '<', "<lt> is '<'");
	round_trip('<', "<lt>");
	is_int(key(">"), '>', "'>'");
	round_trip('>', ">");
	is_int(key("<Space>"), ' ', "<Space> is ' '");
	round_trip(' ', "<Space>");
	is_int(key("#"), '#', "'#' is a key");
	is_int(key("<j>"), 'j', "<j> is j");
	bad = 0;
	for (c = 0x21; c < 0x7f; c++) {
		char m[KM_KEY_MAX];
		uint32_t b1 = 0, b2 = 0;

		km_key_string(c, s);
		km_key_string(c | KM_META, m);
		if (!km_key_parse(s, &b1) || b1 != c ||
		    !km_key_parse(m, &b2) || b2 != (c | KM_META))
			bad++;
	}
	is_int(bad, 0, "every printable ASCII character and its Meta form "
	    "round-trip");

	/* Control. */
	is_int(key("<C-f>"), 0x06, "<C-f> is 0x06");
	is_int(key("<C-F>"), 0x06, "<C-F> is <C-f>");
	is_int(key("<c-f>"), 0x06, "<c-f> is <C-f>");
	round_trip(0x06, "<C-f>");
	is_int(key("<C-h>"), 0x08, "<C-h> is 0x08, not <BS>");
	ok(key("<C-h>") != key("<BS>"), "<C-h> and <BS> differ");
	is_int(key("<C-m>"), KM_KEY_ENTER, "<C-m> is <Enter>");
	is_int(key("<C-j>"), KM_KEY_ENTER, "<C-j> is <Enter>");
	is_int(key("<C-i>"), KM_KEY_TAB, "<C-i> is <Tab>");
	is_int(key("<C-[>"), KM_KEY_ESC, "<C-[> is <Esc>");
	is_int(key("<C-@>"), 0, "<C-@> is NUL");
	is_int(key("<C-Space>"), 0, "<C-Space> is <C-@>");
	is_int(key("<C-?>"), KM_KEY_BACKSPACE, "<C-?> (DEL) is <BS>");
	is_int(key("<C-]>"), 0x1d, "<C-]> is 0x1d");
	bad = 0;
	for (c = 0; c <= 0x7f; c = c == 0x1f ? 0x7f : c + 1) {
		uint32_t canon = km_key_canon(c), b1 = 0;

		km_key_string(c, s);
		if (!km_key_parse(s, &b1) || b1 != canon) {
			printf("# 0x%x -> '%s'\n", (unsigned)c, s);
			bad++;
		}
	}
	is_int(bad, 0, "every control character prints as a name of its "
	    "canonical key");
	km_key_string(0x7f, s);
	is_str(s, "<BS>", "DEL is named <BS>");
	round_trip(0, "<C-@>");
	is_int(km_key_canon('\r'), KM_KEY_ENTER, "canon: CR is Enter");
	is_int(km_key_canon(0x1b | KM_META), KM_KEY_ESC | KM_META,
	    "canon keeps Meta");
	is_int(km_key_canon('x'), 'x', "canon leaves x alone");

	/* Meta. */
	is_int(key("<M-x>"), 'x' | KM_META, "<M-x>");
	round_trip('x' | KM_META, "<M-x>");
	is_int(key("<M-Up>"), KM_KEY_UP | KM_META, "<M-Up>");
	round_trip(KM_KEY_UP | KM_META, "<M-Up>");
	is_int(key("<M-<>"), '<' | KM_META, "<M-<>");
	is_int(key("<M-lt>"), '<' | KM_META, "<M-lt>");
	is_int(key("<M->>"), '>' | KM_META, "<M->>");
	is_int(key("<M-->"), '-' | KM_META, "<M-->");
	is_int(key("<M-C-f>"), 0x06 | KM_META, "<M-C-f>");
	is_int(key("<C-M-f>"), 0x06 | KM_META, "<C-M-f> is <M-C-f>");
	round_trip(0x06 | KM_META, "<M-C-f>");
	is_int(key("<M-\xd8\xa8>"), 0x0628 | KM_META, "<M-beh>");
	round_trip(0x0628 | KM_META, "<M-\xd8\xa8>");
	is_int(key("<M-C>"), 'C' | KM_META, "<M-C> is Meta and C");

	/* Sequences of two characters below U+8000. */
	is_int(key("]c"), KM_SEQ | ']' << 15 | 'c', "]c is a sequence");
	round_trip(KM_SEQ | ']' << 15 | 'c', "]c");
	round_trip(km_seq(0x0628, 'c'), "\xd8\xa8" "c");
	is_int(km_seq(' ', 'c'), 0, "no sequence starts with a space");
	is_int(km_seq(0x4e00 * 2, 'c'), 0, "nor with U+9C00");
	ok(!km_key_parse("j<Up>", &k), "a sequence is of characters only");
	{
		static const char text[] = "mode compare : normal\n"
		    "bind ]c change-next\nmode normal\nbind ] para-next\n";
		struct keymap *km = km_new();

		km_parse(km, text, sizeof text - 1, "t", NULL, NULL);
		ok(km_is_prefix(km, KM_COMPARE, ']'), "] starts a sequence in "
		    "compare");
		ok(!km_is_prefix(km, KM_NORMAL, ']'), "... not in normal");
		ok(!km_is_prefix(km, KM_COMPARE, 'c'), "c starts none");
		is_int(km_lookup(km, KM_COMPARE, km_seq(']', 'c')),
		    ACT_CHANGE_NEXT, "]c is change-next");
		is_int(km_lookup(km, KM_COMPARE, ']'), ACT_PARA_NEXT,
		    "] alone still para-next, through normal");
		km_free(km);
	}

	/* Rejected. */
	{
		static const char *bad_names[] = {
			"", "jjj", "<>", "<Foo>", "<C->", "<M->", "<C-Up>",
			"<C-1>", "<C-C-f>", "<M-M-x>", "<Resize>", "<Up",
			"\t", " ", "\x01", "\x7f", "\xd8", "\xc0\xaf",
			"\xed\xa0\x80", "<M-jj>", "<S-Up>", "<Space",
			"<C-\xd8\xa8>", "\xc2\x85",
		};

		for (i = 0; i < UTIL_NELEM(bad_names); i++)
			ok(!km_key_parse(bad_names[i], &k),
			    "bad key name %zu is rejected", i);
	}
	km_key_string(KM_KEY_RESIZE, s);
	ok(!km_key_parse(s, &k), "<Resize> (%s) cannot be bound", s);
}

static struct keymap *
load(const char *path, struct warns *w)
{
	struct keymap *km = km_new();
	char *cause = NULL;
	int bad;

	bad = km_load_file(km, path, warn_cb, w, &cause);
	ok(bad == 0 && w->n == 0, "%s loads with no warnings", path);
	if (bad == -1) {
		printf("# %s\n", cause);
		free(cause);
	}
	return km;
}

static enum action
look(const struct keymap *km, enum km_mode m, const char *name)
{
	return km_lookup(km, m, key(name));
}

/* The mode an action is for. */
static enum km_mode
home_mode(int a)
{
	switch (a) {
	case ACT_SELECT:
	case ACT_CLOSE:
	case ACT_REATTACH:
		return KM_LIST;
	case ACT_EXTEND_WORD:
	case ACT_SHRINK_WORD:
	case ACT_EXTEND_LINE:
	case ACT_SHRINK_LINE:
	case ACT_SWAP_END:
		return KM_SELECT;
	case ACT_CURSOR_UP:
	case ACT_CURSOR_DOWN:
	case ACT_WORD_PREV:
		return KM_CURSOR;
	case ACT_CHANGE_NEXT:
	case ACT_CHANGE_PREV:
	case ACT_CHANGES:
	case ACT_FOLD:
	case ACT_SWAP:
		return KM_COMPARE;
	default:
		return a >= ACT_PROMPT_ACCEPT ? KM_PROMPT : KM_NORMAL;
	}
}

/* Every action a mode is for has a key there. */
static void
check_reachable(const struct keymap *km, const char *file)
{
	uint32_t keys[8];
	int a, missing = 0;

	for (a = ACT_QUIT; a < ACT_COUNT; a++) {
		enum km_mode m = home_mode(a);

		if (km_keys_for(km, m, a, keys, 8) == 0) {
			printf("# %s: no key for %s in %s\n", file,
			    action_name(a), km_mode_name(m));
			missing++;
		}
	}
	is_int(missing, 0, "%s: every action has a key in its mode", file);
}

static void
test_default_keys(void)
{
	struct warns w = { 0, "" };
	struct keymap *km;
	uint32_t keys[4];
	char s[KM_KEY_MAX];

	km = load("keymaps/default.keys", &w);
	is_int(look(km, KM_NORMAL, "j"), ACT_LINE_DOWN, "j line-down");
	is_int(look(km, KM_NORMAL, "<Down>"), ACT_LINE_DOWN,
	    "<Down> line-down");
	is_int(look(km, KM_NORMAL, "k"), ACT_LINE_UP, "k line-up");
	is_int(look(km, KM_NORMAL, "<Space>"), ACT_PAGE_DOWN,
	    "<Space> page-down");
	is_int(look(km, KM_NORMAL, "b"), ACT_PAGE_UP, "b page-up");
	is_int(look(km, KM_NORMAL, "d"), ACT_HALF_DOWN, "d half-down");
	is_int(look(km, KM_NORMAL, "u"), ACT_HALF_UP, "u half-up");
	is_int(look(km, KM_NORMAL, "g"), ACT_TOP, "g top");
	is_int(look(km, KM_NORMAL, "G"), ACT_BOTTOM, "G bottom");
	is_int(look(km, KM_NORMAL, "]"), ACT_PARA_NEXT, "] para-next");
	is_int(look(km, KM_NORMAL, "["), ACT_PARA_PREV, "[ para-prev");
	is_int(look(km, KM_NORMAL, "}"), ACT_HEADING_NEXT, "} heading-next");
	is_int(look(km, KM_NORMAL, "{"), ACT_HEADING_PREV, "{ heading-prev");
	is_int(look(km, KM_NORMAL, ":"), ACT_COMMAND, ": command-line");
	is_int(look(km, KM_NORMAL, "/"), ACT_SEARCH_FORWARD,
	    "/ search-forward");
	is_int(look(km, KM_NORMAL, "?"), ACT_SEARCH_BACKWARD,
	    "? search-backward");
	is_int(look(km, KM_NORMAL, "n"), ACT_SEARCH_NEXT, "n search-next");
	is_int(look(km, KM_NORMAL, "N"), ACT_SEARCH_PREV, "N search-prev");
	is_int(look(km, KM_NORMAL, "o"), ACT_OUTLINE, "o outline");
	is_int(look(km, KM_NORMAL, "f"), ACT_FOOTNOTES, "f footnotes");
	is_int(look(km, KM_NORMAL, "h"), ACT_HELP, "h help");
	is_int(look(km, KM_NORMAL, "<F1>"), ACT_HELP, "<F1> help");
	is_int(look(km, KM_NORMAL, "<C-l>"), ACT_REDRAW, "<C-l> redraw");
	is_int(look(km, KM_NORMAL, "q"), ACT_QUIT, "q quit");
	is_int(look(km, KM_NORMAL, "X"), ACT_NONE, "X is unbound");
	is_int(look(km, KM_NORMAL, "v"), ACT_VISUAL, "v visual");
	is_int(look(km, KM_NORMAL, "H"), ACT_HIGHLIGHT, "H highlight");
	is_int(look(km, KM_NORMAL, "'"), ACT_MARK_GOTO, "' goto-mark");
	is_int(km_mode_parent(km, KM_SELECT), -1, "select has no parent");
	is_int(look(km, KM_SELECT, "w"), ACT_EXTEND_WORD, "select: w");
	is_int(look(km, KM_SELECT, "j"), ACT_EXTEND_LINE, "select: j");
	is_int(look(km, KM_SELECT, "<Esc>"), ACT_CLOSE, "select: <Esc>");
	is_int(look(km, KM_SELECT, "G"), ACT_NONE, "select: G unbound");

	is_int(km_mode_parent(km, KM_LIST), -1, "list has no parent");
	is_int(look(km, KM_LIST, "<Enter>"), ACT_SELECT, "list: <Enter>");
	is_int(look(km, KM_LIST, "q"), ACT_CLOSE, "list: q close");
	is_int(look(km, KM_LIST, "<Esc>"), ACT_CLOSE, "list: <Esc> close");
	is_int(look(km, KM_LIST, "j"), ACT_LINE_DOWN, "list: j");
	is_int(look(km, KM_LIST, "h"), ACT_NONE, "list: no help on h");
	is_int(look(km, KM_LIST, "/"), ACT_NONE, "list: / unbound");

	is_int(km_mode_parent(km, KM_PROMPT), -1, "prompt has no parent");
	is_int(look(km, KM_PROMPT, "<Enter>"), ACT_PROMPT_ACCEPT,
	    "prompt: <Enter>");
	is_int(look(km, KM_PROMPT, "<Esc>"), ACT_PROMPT_CANCEL,
	    "prompt: <Esc>");
	is_int(look(km, KM_PROMPT, "<BS>"), ACT_PROMPT_ERASE, "prompt: <BS>");
	is_int(look(km, KM_PROMPT, "<C-h>"), ACT_PROMPT_ERASE,
	    "prompt: <C-h>");
	is_int(look(km, KM_PROMPT, "<C-w>"), ACT_PROMPT_ERASE_WORD,
	    "prompt: <C-w>");
	is_int(look(km, KM_PROMPT, "<C-u>"), ACT_PROMPT_KILL,
	    "prompt: <C-u>");
	is_int(look(km, KM_PROMPT, "<Up>"), ACT_PROMPT_HISTORY_PREV,
	    "prompt: <Up>");
	is_int(look(km, KM_PROMPT, "<Down>"), ACT_PROMPT_HISTORY_NEXT,
	    "prompt: <Down>");
	is_int(look(km, KM_PROMPT, "j"), ACT_NONE,
	    "prompt: j is typed, not bound");

	is_int(km_keys_for(km, KM_NORMAL, ACT_HELP, keys, 4), 2,
	    "two keys for help");
	km_key_string(keys[0], s);
	is_str(s, "h", "help: h first, as bound");
	km_key_string(keys[1], s);
	is_str(s, "<F1>", "help: then <F1>");
	check_reachable(km, "default.keys");
	km_free(km);
}

static void
test_emacs_keys(void)
{
	struct warns w = { 0, "" };
	struct keymap *km;

	km = load("keymaps/emacs.keys", &w);
	is_int(look(km, KM_NORMAL, "<C-n>"), ACT_LINE_DOWN, "C-n");
	is_int(look(km, KM_NORMAL, "<C-p>"), ACT_LINE_UP, "C-p");
	is_int(look(km, KM_NORMAL, "<C-v>"), ACT_PAGE_DOWN, "C-v");
	is_int(look(km, KM_NORMAL, "<M-v>"), ACT_PAGE_UP, "M-v");
	is_int(look(km, KM_NORMAL, "<M-<>"), ACT_TOP, "M-<");
	is_int(look(km, KM_NORMAL, "<M->>"), ACT_BOTTOM, "M->");
	is_int(look(km, KM_NORMAL, "<C-s>"), ACT_SEARCH_FORWARD, "C-s");
	is_int(look(km, KM_NORMAL, "<C-r>"), ACT_SEARCH_BACKWARD, "C-r");
	is_int(look(km, KM_NORMAL, "<M-x>"), ACT_COMMAND, "M-x");
	is_int(look(km, KM_NORMAL, "q"), ACT_QUIT, "q");
	is_int(look(km, KM_LIST, "<C-g>"), ACT_CLOSE, "list: C-g");
	is_int(look(km, KM_PROMPT, "<C-g>"), ACT_PROMPT_CANCEL,
	    "prompt: C-g");
	check_reachable(km, "emacs.keys");
	km_free(km);
}

static void
test_modes(void)
{
	static const char text[] =
	    "bind j line-down\n"
	    "bind q quit\n"
	    "mode list : normal\n"
	    "bind q close\n"
	    "mode prompt:list\n"
	    "bind <Enter> prompt-accept\n";
	struct warns w = { 0, "" };
	struct keymap *km = km_new();

	is_int(km_parse(km, text, strlen(text), "t", warn_cb, &w), 0,
	    "parents parse");
	is_int(km_mode_parent(km, KM_LIST), KM_NORMAL, "list : normal");
	is_int(km_mode_parent(km, KM_PROMPT), KM_LIST, "prompt:list");
	is_int(look(km, KM_LIST, "j"), ACT_LINE_DOWN,
	    "list falls back to normal");
	is_int(look(km, KM_LIST, "q"), ACT_CLOSE, "list's own q wins");
	is_int(look(km, KM_PROMPT, "j"), ACT_LINE_DOWN,
	    "prompt -> list -> normal");
	is_int(look(km, KM_PROMPT, "q"), ACT_CLOSE, "the nearest parent wins");
	is_int(look(km, KM_NORMAL, "<Enter>"), ACT_NONE,
	    "no fallback downwards");

	w.n = 0;
	is_int(km_parse(km, "mode normal : prompt\n", 21, "cyc", warn_cb,
	    &w), 1, "a cycle is refused");
	ok(w.n == 1 && strncmp(w.last, "cyc:1: ", 7) == 0,
	    "with a cyc:1: warning");
	is_int(km_mode_parent(km, KM_NORMAL), -1, "normal keeps no parent");
	ok(!km_mode_parent_set(km, KM_LIST, KM_LIST),
	    "a mode is not its own parent");
	is_int(look(km, KM_PROMPT, "x"), ACT_NONE,
	    "lookup of an unbound key ends");

	w.n = 0;
	is_int(km_parse(km, "mode list\nbind z top\n", 21, "t2", warn_cb,
	    &w), 0, "mode without a parent");
	is_int(km_mode_parent(km, KM_LIST), KM_NORMAL,
	    "leaves the parent declared before");
	is_int(look(km, KM_LIST, "z"), ACT_TOP, "and binds in that mode");
	is_int(look(km, KM_NORMAL, "z"), ACT_NONE, "not in normal");
	km_free(km);

	km = km_new();
	is_int(km_mode_parent(km, KM_LIST), -1, "a new keymap has no parents");
	is_int(km_mode_find("prompt"), KM_PROMPT, "km_mode_find");
	is_int(km_mode_find("visual"), -1, "no mode visual");
	is_str(km_mode_name(KM_LIST), "list", "km_mode_name");
	km_free(km);
}

static void
test_bad_lines(void)
{
	static const char text[] =
	    "# a comment\n"
	    "\n"
	    "bind <PgDn> pgae-down\n"
	    "bind j line-down   # trailing comment\n"
	    "  bind\tk\tline-up\r\n"
	    "bind # search-forward\n"
	    "mode list\n"
	    "bind <Enter> select";
	static const struct {
		const char	*line;
		const char	*msg;
		size_t		 len;	/* 0: strlen(line) */
	} bad[] = {
		{ "bind <Foo> quit", "t:1: unknown key '<Foo>'", 0 },
		{ "bind j", "t:1: bind j: missing action", 0 },
		{ "bind", "t:1: bind: missing key", 0 },
		{ "bind j quit extra", "t:1: unexpected 'extra' after the "
		  "action", 0 },
		{ "bind j quit extra more words", NULL, 0 },
		{ "unbind", "t:1: unbind: missing key", 0 },
		{ "unbind j k", "t:1: unexpected 'k' after the key", 0 },
		{ "mode visual", "t:1: unknown mode 'visual'", 0 },
		{ "mode list : visual", "t:1: unknown mode 'visual'", 0 },
		{ "mode list normal", NULL, 0 },
		{ "mode list :", NULL, 0 },
		{ "mode", "t:1: mode: missing name", 0 },
		{ "mode : normal", NULL, 0 },
		{ "mode list : normal : prompt", NULL, 0 },
		{ "bnid j quit", NULL, 0 },
		{ "bind j none", "t:1: unknown action 'none'", 0 },
		{ "bind\0j quit", "t:1: NUL byte in the line", 11 },
	};
	struct warns w = { 0, "" };
	struct keymap *km = km_new();
	size_t i, len;

	is_int(km_parse(km, text, sizeof text - 1, "keys", warn_cb, &w), 1,
	    "one bad line");
	is_int(w.n, 1, "exactly one warning");
	is_str(w.last, "keys:3: unknown action 'pgae-down'",
	    "the warning names file and line");
	is_int(look(km, KM_NORMAL, "j"), ACT_LINE_DOWN,
	    "the line after a bad one applies (trailing comment too)");
	is_int(look(km, KM_NORMAL, "k"), ACT_LINE_UP,
	    "tabs, leading blanks and CRLF");
	is_int(look(km, KM_NORMAL, "#"), ACT_SEARCH_FORWARD,
	    "'#' as a key is no comment");
	is_int(look(km, KM_LIST, "<Enter>"), ACT_SELECT,
	    "a last line without a newline");
	is_int(look(km, KM_NORMAL, "<PgDn>"), ACT_NONE,
	    "the bad line bound nothing");

	for (i = 0; i < UTIL_NELEM(bad); i++) {
		len = bad[i].len ? bad[i].len : strlen(bad[i].line);
		w.n = 0;
		w.last[0] = '\0';
		is_int(km_parse(km, bad[i].line, len, "t", NULL, NULL), 1,
		    "bad: '%s'", bad[i].line);
		km_parse(km, bad[i].line, len, "t", warn_cb, &w);
		ok(w.n == 1 && strncmp(w.last, "t:1: ", 5) == 0,
		    "one t:1: warning for '%s'", bad[i].line);
		if (bad[i].msg != NULL)
			is_str(w.last, bad[i].msg, "message for '%s'",
			    bad[i].line);
	}
	is_int(km_parse(km, "", 0, "t", NULL, NULL), 0, "empty text");
	is_int(km_parse(km, "\xef\xbb\xbf" "bind x top\n", 14, "t", NULL,
	    NULL), 0, "a byte order mark is skipped");
	is_int(look(km, KM_NORMAL, "x"), ACT_TOP, "and the line applies");
	km_free(km);
}

static void
test_bind_unbind(void)
{
	struct keymap *km = km_new();
	uint32_t keys[8];
	struct warns w = { 0, "" };
	char *cause = NULL;
	static const char text[] =
	    "bind j line-down\n"
	    "bind <Down> line-down\n"
	    "bind <C-n> line-down\n"
	    "unbind <Down>\n";

	km_bind(km, KM_NORMAL, 'a', ACT_TOP);
	km_bind(km, KM_NORMAL, 'b', ACT_TOP);
	km_bind(km, KM_NORMAL, 'c', ACT_BOTTOM);
	km_bind(km, KM_NORMAL, 'd', ACT_TOP);
	is_int(km_keys_for(km, KM_NORMAL, ACT_TOP, keys, 8), 3,
	    "three keys for top");
	ok(keys[0] == 'a' && keys[1] == 'b' && keys[2] == 'd',
	    "in the order they were bound");
	is_int(km_keys_for(km, KM_NORMAL, ACT_TOP, keys, 2), 3,
	    "the count even when max is smaller");
	km_bind(km, KM_NORMAL, 'a', ACT_TOP);
	km_keys_for(km, KM_NORMAL, ACT_TOP, keys, 8);
	ok(keys[0] == 'a', "binding the same again keeps the place");
	km_bind(km, KM_NORMAL, 'b', ACT_BOTTOM);
	is_int(km_lookup(km, KM_NORMAL, 'b'), ACT_BOTTOM, "rebinding "
	    "replaces");
	is_int(km_keys_for(km, KM_NORMAL, ACT_BOTTOM, keys, 8), 2,
	    "two keys for bottom");
	ok(keys[0] == 'c' && keys[1] == 'b', "the rebound key comes last");
	is_int(km_keys_for(km, KM_NORMAL, ACT_TOP, keys, 8), 2,
	    "and left top");
	km_unbind(km, KM_NORMAL, 'a');
	is_int(km_lookup(km, KM_NORMAL, 'a'), ACT_NONE, "km_unbind");
	km_unbind(km, KM_NORMAL, 'z');
	ok(1, "unbinding an unbound key is harmless");
	is_int(km_keys_for(km, KM_LIST, ACT_TOP, keys, 8), 0,
	    "keys_for is per mode");
	km_bind(km, KM_NORMAL, 'c', ACT_NONE);
	is_int(km_lookup(km, KM_NORMAL, 'c'), ACT_NONE, "binding none "
	    "unbinds");

	/* Many bindings: growth. */
	{
		uint32_t c;
		int bad = 0;

		for (c = 0x600; c < 0x700; c++)
			km_bind(km, KM_PROMPT, c, ACT_PROMPT_KILL);
		for (c = 0x600; c < 0x700; c++)
			bad += km_lookup(km, KM_PROMPT, c) != ACT_PROMPT_KILL;
		is_int(bad, 0, "256 bindings in one mode");
		is_int(km_keys_for(km, KM_PROMPT, ACT_PROMPT_KILL, NULL, 0),
		    256, "all counted");
	}
	km_free(km);

	km = km_new();
	is_int(km_parse(km, text, strlen(text), "t", warn_cb, &w), 0,
	    "unbind in a file");
	is_int(look(km, KM_NORMAL, "<Down>"), ACT_NONE, "unbind <Down>");
	is_int(km_keys_for(km, KM_NORMAL, ACT_LINE_DOWN, keys, 8), 2,
	    "two keys left");
	ok(keys[0] == 'j' && keys[1] == 0x0e, "j then <C-n>");
	is_int(km_load_file(km, "keymaps/no-such.keys", NULL, NULL, &cause),
	    -1, "an unreadable file is -1");
	ok(cause != NULL && strstr(cause, "no-such.keys") != NULL,
	    "with a cause naming it");
	free(cause);
	km_free(km);
	km_free(NULL);
	ok(1, "km_free(NULL)");
}

/*
 * The table of the default keymap in the man page has a line for each
 * action bound in default.keys, with its keys in their order:
 * ".It Cm j , Cm <Down> Ta Cm line-down".
 */
static void
test_man_defaults(const char *man)
{
	struct keymap *km = km_new();
	struct buf line;
	uint32_t keys[8];
	char name[KM_KEY_MAX], *cause = NULL;
	size_t n, k;
	int m, a, missing = 0;

	if (km_load_file(km, "keymaps/default.keys", NULL, NULL,
	    &cause) != 0) {
		ok(0, "default.keys loads");
		free(cause);
		km_free(km);
		return;
	}
	buf_init(&line);
	for (m = 0; m < KM_NMODES; m++)
		for (a = ACT_NONE + 1; a < ACT_COUNT; a++) {
			n = km_keys_for(km, m, a, keys, UTIL_NELEM(keys));
			if (n == 0)
				continue;
			buf_reset(&line);
			buf_adds(&line, "\n.It Cm ");
			for (k = 0; k < n && k < UTIL_NELEM(keys); k++) {
				km_key_string(keys[k], name);
				buf_addf(&line, "%s%s%s", k ? " , Cm " : "",
				    strchr("[]:?", name[0]) != NULL &&
				    name[1] == '\0' ? "\\&" : "", name);
			}
			buf_addf(&line, " Ta Cm %s\n", action_name(a));
			if (strstr(man, line.data) == NULL) {
				printf("# missing: %s", line.data + 1);
				missing++;
			}
		}
	is_int(missing, 0, "hamish-keys(5) shows the bindings of "
	    "default.keys");
	buf_free(&line);
	km_free(km);
}

/* The example keys file of the man page parses cleanly. */
static void
test_man_example(const char *man)
{
	const char *start, *end;
	struct warns w = { 0, "" };
	struct keymap *km;

	start = strstr(man, "# ~/.config/hamish/keys\n");
	end = start ? strstr(start, "\n.Ed\n") : NULL;
	if (!ok(start != NULL && end != NULL, "the man page has an example"))
		return;
	km = km_new();
	is_int(km_parse(km, start, (size_t)(end - start), "example", warn_cb,
	    &w), 0, "the example parses with no warnings");
	is_int(look(km, KM_NORMAL, "\xd8\xaa"), ACT_LINE_DOWN,
	    "example: teh is line-down");
	is_int(km_mode_parent(km, KM_LIST), KM_NORMAL,
	    "example: list falls back to normal");
	km_free(km);
}

/* man/hamish-keys.5 names every action, with action.c's help. */
static void
test_man_page(void)
{
	char *man, *cause = NULL, *want;
	size_t len;
	int a, missing = 0;

	if (util_file_read("man/hamish-keys.5", &man, &len, &cause) == -1) {
		ok(0, "man/hamish-keys.5 is readable: %s", cause);
		free(cause);
		return;
	}
	for (a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		want = xasprintf("\n.It Cm %s\n%s\n", action_name(a),
		    action_help(a));
		if (strstr(man, want) == NULL) {
			printf("# missing: %s", want + 1);
			missing++;
		}
		free(want);
	}
	is_int(missing, 0, "hamish-keys(5) lists every action with its help");
	test_man_defaults(man);
	test_man_example(man);
	free(man);
}

int
main(void)
{
	test_key_names();
	test_default_keys();
	test_emacs_keys();
	test_modes();
	test_bad_lines();
	test_bind_unbind();
	test_man_page();
	return tap_done();
}
