/*
 * test-reader.c - the reader in a new user's first hour (issue 14): the
 * controller driven by keys through ui_key(), its screens read back from
 * ui_draw() as text rows, with the real keymaps and seeds.  Each test
 * here failed before the fix it is named after.
 *
 * Run from the repository root (tests/corpus, keymaps/).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc.h"
#include "keymap.h"
#include "store.h"
#include "tap.h"
#include "theme.h"
#include "ui.h"
#include "util.h"
#include "view.h"
#include "keys.h"
#define FIXTURE_NAME	"test-reader"
#include "ui-fixture.h"

#define S000	"tests/corpus/000_81311ed4a92fdab7.txt"
#define S001	"tests/corpus/001_9cffd64b9ac82079.txt"
#define S002	"tests/corpus/002_a2ddec63a1cf2f60.txt"
#define S003	"tests/corpus/003_50053b280e36211a.txt"

static struct keymap *km_emacs;	/* keymaps/emacs.keys */

/* Bug 2: H right after H is the next colour of that highlight. */
static void
test_highlight_again(void)
{
	struct store *st = new_store("hl");
	struct ui *u = open_km(S002, 100, 30, km, st);
	int yellow, green;

	keys(u, ":12<Enter>vwH");
	yellow = count_face(u, TF_HL_YELLOW);
	ok(yellow > 0, "v w H: a yellow highlight (%d cells)", yellow);
	keys(u, "H");
	green = count_face(u, TF_HL_GREEN);
	is_int(count_face(u, TF_HL_YELLOW), 0, "H again: no yellow left, no "
	    "whole-paragraph highlight added");
	is_int(green, yellow, "... the same words are green");
	keys(u, "jH");
	ok(count_face(u, TF_HL_YELLOW) > yellow, "after another key, H "
	    "highlights the paragraph");
	ui_free(u);
	store_close(st);
}

/* Bug 11: selection words are the words lines break between. */
static void
test_selection_words(void)
{
	struct ui *u = open_ui(S002, 100, 30);
	char *c;

	keys(u, "/A/HRC/14<Enter>");
	c = copied(u, "vy");
	is_str(c, "(A/HRC/14/32)", "v on a match inside a UN symbol selects "
	    "the symbol, brackets and all");
	free(c);
	ui_free(u);
}

/* Expectation 6: search says which match, and "not found" while typed. */
static void
test_search_count(void)
{
	struct ui *u = open_ui(S002, 100, 30);
	char *t, want[64];
	int n = 0;

	keys(u, "/الاتجار");
	t = msg_row(u);
	ok(has(t, "match 1 of ", "prompt row"), "typing a search: match 1 "
	    "of n beside it");
	if (strstr(t, " of ") != NULL)
		n = atoi(strstr(t, " of ") + 4);
	ok(n > 5, "... n counts the whole document (%d)", n);
	free(t);
	keys(u, "<Enter>n");
	t = msg_row(u);
	snprintf(want, sizeof want, "match 2 of %d", n);
	ok(has(t, want, "message"), "n: %s", want);
	free(t);
	keys(u, "N");
	t = msg_row(u);
	snprintf(want, sizeof want, "match 1 of %d", n);
	ok(has(t, want, "message"), "N: back to %s", want);
	free(t);
	keys(u, "/الاتجارzz");
	t = msg_row(u);
	ok(has(t, "not found", "prompt row"), "typing what is not there: "
	    "not found, before Enter");
	free(t);
	keys(u, "<Esc>");
	t = msg_row(u);
	ok(strstr(t, "not found") == NULL, "Esc: the message goes");
	free(t);
	ui_free(u);
}

/* Expectation 7: :info and i show the header the importer took out. */
static void
test_info(void)
{
	struct ui *u = open_ui(S001, 100, 30);
	char *t;

	keys(u, "i");
	t = screen_text(u);
	ok(has(t, "Distribution:  Limited", "screen") &&
	    has(t, "Date:          13 November 2024", "screen") &&
	    has(t, "Original:      English", "screen") &&
	    has(t, "Agenda item:", "screen"), "i: distribution, date, "
	    "original language, agenda item");
	free(t);
	keys(u, "q:info<Enter>");
	t = screen_text(u);
	ok(has(t, "Distribution:  Limited", "screen"), ":info too");
	free(t);
	keys(u, "q");
	ui_free(u);
	u = open_ui(S003, 100, 30);
	keys(u, ":info<Enter>");
	t = screen_text(u);
	ok(has(t, "Symbol:        CTOC/COP/WG.4/2019/5", "screen"),
	    "the symbol");
	free(t);
	ui_free(u);
}

/* Expectation 8: :e completes file names with Tab, :bd closes. */
static void
test_buffers(void)
{
	struct ui *u = open_ui(S002, 100, 30);
	char *t;

	keys(u, ":e tests/e2<Tab>");
	t = msg_row(u);
	ok(has(t, ":e tests/e2e/", "prompt"), "Tab completes a directory, "
	    "with its slash");
	free(t);
	keys(u, "<C-u>e tests/corpus/0<Tab>");
	t = msg_row(u);
	ok(has(t, ":e tests/corpus/00", "prompt") && has(t, "files:",
	    "prompt"), "several files: as far as they agree, and a list");
	free(t);
	keys(u, "3<Tab><Enter>");
	t = status_row(u);
	ok(has(t, "CTOC/COP/WG.4/2019/5", "status") && has(t, "[2/2]",
	    "status"), "one more character, Tab, Enter: seed 003 opens");
	free(t);
	keys(u, ":bd<Enter>");
	t = status_row(u);
	ok(strstr(t, "[") == NULL && strstr(t, "CTOC") == NULL, ":bd closes "
	    "it: one document left (%s)", t);
	free(t);
	keys(u, ":bd<Enter>");
	t = msg_row(u);
	ok(has(t, "Only one document is open", "message"), ":bd on the last "
	    "one says so");
	free(t);
	ui_free(u);
}

/* Bug 8: an Arabic document's footnote that starts with a symbol is laid
 * out right to left; bug 9: footnote labels keep the digits printed. */
static void
test_footnotes_arabic(void)
{
	struct doc *d = doc_import_file(S001, NULL, NULL);
	struct view *v;
	struct view_cell row[80];
	struct view_pos p;
	long fn;
	char *t;

	if (!ok(d != NULL, "import 001"))
		return;
	v = view_new(d, 80, 0);
	fn = doc_footnote_find(d, "9");	/* "CTOC/COP/2020/10، الفرع ..." */
	ok(fn >= 0 && strncmp(doc_block_text(d, (size_t)fn, NULL), "CTOC/",
	    5) == 0, "001: footnote 9 starts with a symbol");
	p = view_pos_of(v, (size_t)fn, 0);
	ok(fn >= 0 && view_row(v, &p, NULL, 0, row), "... and is laid out "
	    "right to left");
	view_free(v);
	doc_free(d);

	struct ui *u = open_ui(S002, 100, 30);

	keys(u, ":fn1<Enter>");
	t = screen_text(u);
	ok(has(t, "(١)", "screen") && strstr(t, "(1)") == NULL,
	    "002: footnote 1 is labelled (١), as printed");
	free(t);
	ui_free(u);
}

/* Bug 10: a file that gives a document's symbol takes over its record
 * only when the texts agree: the seeds in one file are a new document. */
static void
test_record_identity(void)
{
	static const char *const seeds[] = { S000, S001, S002, S003 };
	const char *all = "build/test-reader-all.txt";
	struct store *st = new_store("identity");
	struct store_doc *docs = NULL;
	struct buf b;
	size_t n = 0, i;
	char *t, *cause = NULL;
	FILE *f;
	struct ui *u;

	buf_init(&b);
	for (i = 0; i < UTIL_NELEM(seeds); i++) {
		char chunk[4096];
		size_t got;
		FILE *in = fopen(seeds[i], "r");

		while (in != NULL && (got = fread(chunk, 1, sizeof chunk,
		    in)) > 0)
			buf_add(&b, chunk, got);
		if (in != NULL)
			fclose(in);
		buf_adds(&b, "\n\n");
	}
	if ((f = fopen(all, "w")) != NULL) {
		fwrite(b.data, 1, b.len, f);
		fclose(f);
	}
	buf_free(&b);
	u = open_km(S003, 100, 30, km, st);
	keys(u, ":4.12<Enter>");
	ui_free(u);
	u = open_km(all, 100, 30, km, st);
	t = status_row(u);
	ok(has(t, "CTOC/COP/WG.4/2019/5", "status") && strstr(t, "¶ 4.12") ==
	    NULL, "the seeds in one file give 003's symbol but do not open at "
	    "003's place (%s)", t);
	free(t);
	ui_free(u);
	ok(store_docs_list(st, &docs, &n, &cause) && n == 2, "two documents "
	    "in the database (%zu)", n);
	store_docs_free(docs, n);
	free(cause);
	u = open_km(S003, 100, 30, km, st);
	t = status_row(u);
	ok(has(t, "¶ 4.12", "status"), "003 reopens where it was left");
	free(t);
	ui_free(u);
	store_close(st);
	unlink(all);
}

/* Expectation 5: preambular paragraphs have addresses (pp3), :op12 is
 * :12, a bare number in a document numbered per section names them. */
static void
test_preamble_addresses(void)
{
	struct doc *d = doc_import_file(S001, NULL, NULL);
	struct ui *u;
	long pp3, op, twelve;
	char *t;

	if (!ok(d != NULL, "import 001"))
		return;
	pp3 = doc_addr_find(d, "pp3");
	ok(pp3 >= 0 && doc_block_kind(d, (size_t)pp3) == DOC_PREAMBLE,
	    "001: pp3 is a preambular paragraph");
	ok(pp3 >= 0 && doc_addr_find(d, "pp1") >= 0 &&
	    doc_addr_find(d, "pp1") < pp3, "... after pp1");
	ok(pp3 >= 0 && doc_block_address(d, (size_t)pp3) != NULL &&
	    strcmp(doc_block_address(d, (size_t)pp3), "pp3") == 0,
	    "its address reads pp3");
	op = doc_addr_find(d, "op12");
	twelve = doc_addr_find(d, "12");
	ok(op >= 0 && op == twelve, ":op12 is :12");
	doc_free(d);

	u = open_ui(S001, 100, 30);
	keys(u, ":pp3<Enter>");
	t = status_row(u);
	ok(has(t, "¶ pp3", "status"), ":pp3 goes there");
	free(t);
	keys(u, "]");
	t = status_row(u);
	ok(has(t, "¶ pp4", "status"), "] stops on the next preambular one");
	free(t);
	keys(u, "o");
	t = screen_text(u);
	ok(has(t, "pp4", "outline"), "the outline lists them");
	free(t);
	ui_free(u);

	u = open_ui(S003, 100, 30);
	keys(u, ":12<Enter>");
	t = msg_row(u);
	ok(has(t, "4.12", "message") && has(t, "numbered per section",
	    "message"), "003: :12 says which N.12 there are");
	free(t);
	ui_free(u);
}

/* Expectation 10: the list of bookmarks, ' then ? or :marks. */
static void
test_marks_list(void)
{
	struct store *st = new_store("marks");
	struct ui *u = open_km(S002, 100, 30, km, st);
	char *t;

	keys(u, ":12<Enter>ma:20<Enter>mb'?");
	t = screen_text(u);
	ok(has(t, "a  ¶ 12", "screen") && has(t, "b  ¶ 20", "screen"),
	    "' ?: the bookmarks, with where they are");
	free(t);
	keys(u, "<Enter>");
	t = status_row(u);
	ok(has(t, "¶ 12/", "status"), "Enter goes to the one under the bar");
	free(t);
	keys(u, ":marks<Enter>j<Enter>");
	t = status_row(u);
	ok(has(t, "¶ 20/", "status"), ":marks too");
	free(t);
	ui_free(u);
	store_close(st);
}

/* Expectation 10: :notes all lists the annotations of every document. */
static void
test_notes_all(void)
{
	struct store *st = new_store("all");
	struct ui *u = open_km(S002, 100, 30, km, st);
	char *t;

	keys(u, ":12<Enter>vwH:e " S003 "<Enter>:4.12<Enter>H:notes all<Enter>");
	t = screen_text(u);
	ok(has(t, "CTOC/COP/WG.4/2019/5 (1)", "screen") &&
	    has(t, "¶ 12", "screen") && has(t, "¶ 4.12", "screen"),
	    ":notes all: both documents, each with its annotation");
	free(t);
	ui_free(u);
	store_close(st);
}

/* Expectation 9: the prompt edits at a cursor: Left, Right, Home, End,
 * Delete, C-a, C-e, word moves; Left and Right as shown on a
 * right-to-left line. */
static void
test_prompt_edit(void)
{
	struct store *st = new_store("edit");
	struct ui *u = open_km(S002, 100, 30, km, st);
	char *t;

	keys(u, ":12<Enter>:4<Left>1<Enter>");
	t = status_row(u);
	ok(has(t, "¶ 14/", "status"), ":4 Left 1 is :14 (%s)", t);
	free(t);
	ui_free(u);
	u = open_km(S002, 100, 30, km, st);
	keys(u, ":x2<Home><Delete>1<Enter>");
	t = status_row(u);
	ok(has(t, "¶ 12/", "status"), ":x2 Home Delete 1 Enter is :12");
	free(t);
	keys(u, ":13 zz<M-b><C-a><Delete><C-e><BS><BS><BS>4<Enter>");
	t = status_row(u);
	ok(has(t, "¶ 34/", "status") || has(t, "¶ 3/", "status"),
	    "C-a, C-e, Delete and BS at the cursor (%s)", t);
	free(t);
	/* a note typed in Arabic: Right goes back (to the right, toward
	 * its start), Left forward */
	keys(u, ":12<Enter>aبج<Right>أ<Enter>");
	t = msg_row(u);
	ok(has(t, "Note added", "message") || has(t, "Note", "message"),
	    "a note typed with a cursor move is added (%s)", t);
	free(t);
	keys(u, "L");
	t = screen_text(u);
	/* shaped and in visual order: ج أ ب from the left */
	ok(has(t, "ﺝﺄﺑ", "notes list"), "Right on the right-to-left note "
	    "moved back one letter: بأج");
	free(t);
	ui_free(u);
	store_close(st);
}

/* Expectation 9: a message longer than the row says so; :messages has
 * it whole. */
static void
test_messages(void)
{
	struct ui *u = open_ui(S002, 40, 20);
	char *t;

	keys(u, ":999999<Enter>");
	t = msg_row(u);
	ok(has(t, "… :messages", "message"), "at 40 columns a long message "
	    "ends with … :messages");
	free(t);
	keys(u, ":messages<Enter>");
	t = screen_text(u);
	ok(has(t, "No paragraph 999999", "screen") && has(t, "not a command)",
	    "screen"), ":messages shows it whole, wrapped");
	free(t);
	ui_free(u);
}

/* Bug 3: one buffer per file, whatever the path that names it. */
static void
test_one_buffer(void)
{
	struct ui *u = open_ui(S002, 100, 30);
	char *t;

	keys(u, ":e ./" S002 "<Enter>");
	t = status_row(u);
	ok(strstr(t, "[") == NULL, ":e ./FILE of the open file: still one "
	    "buffer (%s)", t);
	free(t);
	if (symlink("../" S002, "build/test-reader-link.txt") == 0 ||
	    access("build/test-reader-link.txt", R_OK) == 0) {
		keys(u, ":e build/test-reader-link.txt<Enter>");
		t = status_row(u);
		ok(strstr(t, "[") == NULL, "... a link to it too (%s)", t);
		free(t);
		unlink("build/test-reader-link.txt");
	}
	keys(u, ":e " S001 "<Enter>");
	t = status_row(u);
	ok(has(t, "[2/2]", "status"), "another file is a second buffer");
	free(t);
	ui_free(u);
}

/* Bug 4: Tab after a jump starts from the screen, not from the reference
 * it was on before. */
static void
test_tab_after_jump(void)
{
	struct ui *u = open_ui(S001, 100, 30);
	char *fresh, *after;

	keys(u, ":3<Enter><Tab>");
	fresh = msg_row(u);
	ui_free(u);
	u = open_ui(S001, 100, 30);
	keys(u, ":3<Enter><Tab><Tab><Tab><Tab>");
	after = msg_row(u);
	ok(strcmp(after, fresh) != 0, "four Tabs are on another reference "
	    "than one (%s)", after);
	free(after);
	keys(u, ":3<Enter><Tab>");
	after = msg_row(u);
	is_str(after, fresh, ":3 Tab after Tabs: the first reference on "
	    "screen, as just after opening");
	free(after);
	free(fresh);
	ui_free(u);
}

/* Bug 5: a narrow status line cuts the name with an ellipsis and keeps a
 * space before the per cent. */
static void
test_status_narrow(void)
{
	struct ui *u = open_ui(S003, 40, 20);
	const struct doc_meta *m;
	struct doc *d = doc_import_file(S003, NULL, NULL);
	char *t, *pc;

	m = doc_meta(d);
	keys(u, ":4.12<Enter>");
	t = status_row(u);
	pc = strrchr(t, '%');
	ok(pc != NULL, "a per cent at 40 columns (%s)", t);
	while (pc != NULL && pc > t && pc[-1] >= '0' && pc[-1] <= '9')
		pc--;
	ok(pc != NULL && pc > t && pc[-1] == ' ', "a space before the per "
	    "cent, never glued to the name (%s)", t);
	ok(m->symbol != NULL && strstr(t, m->symbol) == NULL &&
	    strstr(t, "CTOC/") != NULL && strstr(t, "…") != NULL, "the "
	    "symbol, cut with an ellipsis (%s)", t);
	free(t);
	doc_free(d);
	ui_free(u);
}

/* Bug 6: English messages are left to right, the Arabic in them
 * isolated. */
static void
test_message_dir(void)
{
	struct ui *u = open_ui(S002, 80, 24);
	char *t;

	/* پ: Persian, not on the Arabic layout, so no Latin key either */
	keys(u, "پ");
	t = msg_row(u);
	/* the letter is shaped (U+FB56, three bytes), then the sentence */
	ok(t[0] != ' ' && strncmp(t + 3, " is not bound", 13) == 0,
	    "an unbound Arabic key: the sentence reads from the left (%s)", t);
	free(t);
	ui_free(u);
}

/* Bug 7: the help key named is the one this keymap binds to help. */
static void
test_help_key(void)
{
	struct ui *u = open_km(S002, 80, 24, km_emacs, NULL);
	char *t;

	keys(u, "~");
	t = msg_row(u);
	ok(has(t, "(<F1>: help)", "message"),
	    "emacs keymap: the key it binds to help");
	free(t);
	ui_free(u);
	u = open_ui(S002, 80, 24);
	keys(u, "~");
	t = msg_row(u);
	ok(has(t, "(h: help)", "message"), "default keymap: h");
	free(t);
	keys(u, "o~");
	t = msg_row(u);
	ok(strstr(t, "h: help") == NULL && has(t, "q: close the list",
	    "message"), "in a list, where h is not help: the key that closes");
	free(t);
	ui_free(u);
}

int
main(void)
{
	char *cause = NULL;

	if (!fixture_init())
		return 1;
	km_emacs = km_new();
	if (km_load_file(km_emacs, "keymaps/emacs.keys", NULL, NULL,
	    &cause) < 0) {
		printf("Bail out! %s\n", cause);
		return 1;
	}
	test_highlight_again();
	test_selection_words();
	test_search_count();
	test_info();
	test_buffers();
	test_marks_list();
	test_notes_all();
	test_prompt_edit();
	test_messages();
	test_preamble_addresses();
	test_record_identity();
	test_footnotes_arabic();
	test_one_buffer();
	test_tab_after_jump();
	test_status_narrow();
	test_message_dir();
	test_help_key();
	km_free(km);
	km_free(km_emacs);
	return tap_done();
}
