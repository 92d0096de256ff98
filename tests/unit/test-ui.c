/*
 * test-ui.c - the reader's controller and the view, without a terminal:
 * keys go in through ui_key(), screens come out of ui_draw() as cells,
 * read back here as text rows.  The keymap is the real
 * keymaps/default.keys, the documents the real seeds.
 *
 * Run from the repository root (tests/corpus, keymaps/).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc.h"
#include "keymap.h"
#include "tap.h"
#include "theme.h"
#include "ui.h"
#include "util.h"
#include "view.h"
#include "keys.h"
#define FIXTURE_NAME	"test-ui"
#include "ui-fixture.h"

#define S000	"tests/corpus/000_81311ed4a92fdab7.txt"
#define S001	"tests/corpus/001_9cffd64b9ac82079.txt"
#define S002	"tests/corpus/002_a2ddec63a1cf2f60.txt"
#define S003	"tests/corpus/003_50053b280e36211a.txt"

static bool
row_has(const struct ui_screen *s, int y, const char *needle)
{
	char *t = row_text(s, y);
	bool r = strstr(t, needle) != NULL;

	if (!r)
		printf("#   row %d: '%s'\n#   lacks: '%s'\n", y, t, needle);
	free(t);
	return r;
}

static bool
screen_has(const struct ui_screen *s, const char *needle)
{
	char *t = screen_join(s, false);
	bool r = strstr(t, needle) != NULL;

	if (!r)
		printf("#   screen lacks '%s'\n", needle);
	free(t);
	return r;
}

static void
test_goto(void)
{
	struct ui *u = open_ui(S002, 100, 30);
	const struct ui_screen *s;
	char *top, *first;

	s = ui_draw(u);
	top = row_text(s, 0);
	keys(u, ":42<Enter>");
	s = ui_draw(u);
	ok(row_has(s, s->rows - 2, "¶ 42"), ":42 shows paragraph 42 in the "
	    "status line");
	ok(row_has(s, 0, "٤٢"), ":42 puts paragraph 42 (label ٤٢) on the "
	    "top row");
	keys(u, ":١٢<Enter>");
	s = ui_draw(u);
	ok(row_has(s, s->rows - 2, "¶ 12"), ":١٢ (Arabic-Indic) goes to 12");
	keys(u, ":999<Enter>");
	s = ui_draw(u);
	ok(row_has(s, s->rows - 1, "No paragraph 999"), "an unknown address "
	    "says so");
	ok(row_has(s, s->rows - 2, "¶ 12"), "... and does not move");
	keys(u, "]");
	s = ui_draw(u);
	ok(row_has(s, s->rows - 2, "¶ 13"), "] goes to the next paragraph");
	keys(u, "[");
	s = ui_draw(u);
	ok(row_has(s, s->rows - 2, "¶ 12"), "[ goes to the previous one");
	keys(u, "j[");
	s = ui_draw(u);
	ok(row_has(s, s->rows - 2, "¶ 12") && row_has(s, 0, "١٢"),
	    "[ inside a paragraph goes to its start first");
	keys(u, "g");
	s = ui_draw(u);
	first = row_text(s, 0);
	is_str(first, top, "g goes to the start");
	free(first);
	keys(u, "G");
	s = ui_draw(u);
	ok(row_has(s, s->rows - 2, "100%"), "G goes to the end");
	keys(u, "q");
	ok(ui_done(u), "q quits");
	ui_free(u);
	free(top);

	u = open_ui(S003, 100, 30);
	keys(u, ":4.12<Enter>");
	s = ui_draw(u);
	ok(row_has(s, s->rows - 2, "¶ 4.12"), ":4.12 in seed 003, where "
	    "numbering restarts per section");
	keys(u, ":IV.12<Enter>");
	s = ui_draw(u);
	ok(row_has(s, s->rows - 2, "¶ 4.12"), ":IV.12 is the same place");
	keys(u, ":12<Enter>");
	s = ui_draw(u);
	ok(row_has(s, s->rows - 1, "No paragraph 12"), "a bare 12 is "
	    "ambiguous there, an error and not a guess");
	ui_free(u);
}

/* The page the top paragraph starts on, from a text's form feeds. */
static void
test_pages(void)
{
	const char *path = "build/test-ui-pages.txt";
	const struct ui_screen *s;
	struct ui *u;
	FILE *f;
	int p;

	f = fopen(path, "w");
	for (p = 1; p <= 3; p++)
		fprintf(f, "%s%d - نص الفقرة %d.\n\n", p > 1 ? "\f" : "", p,
		    p);
	fputs("\f", f);
	fclose(f);
	u = open_ui(path, 80, 10);
	keys(u, ":2<Enter>");
	s = ui_draw(u);
	ok(row_has(s, s->rows - 2, "p. 2/3"), "the status line shows the "
	    "page of the top paragraph and the number of pages");
	ui_free(u);
	u = open_ui(S002, 80, 10);
	s = ui_draw(u);
	ok(!screen_has(s, "p. "), "... and no page for a text without form "
	    "feeds");
	ui_free(u);
	remove(path);
}

static void
test_scroll(void)
{
	struct ui *u = open_ui(S001, 80, 24);
	const struct ui_screen *s;
	char *before, *after;

	s = ui_draw(u);
	before = row_text(s, 1);
	keys(u, "j");
	s = ui_draw(u);
	is_int(s->scroll, 1, "j: the screen may scroll by one row");
	after = row_text(s, 0);
	is_str(after, before, "... row 1 became row 0");
	free(after);
	free(before);
	keys(u, "k");
	s = ui_draw(u);
	is_int(s->scroll, -1, "k scrolls back");
	keys(u, "<Space>");
	s = ui_draw(u);
	is_int(s->scroll, 0, "a whole page is repainted, not scrolled");
	keys(u, "d");
	s = ui_draw(u);
	is_int(s->scroll, s->text_rows / 2, "d: half a screen");
	keys(u, ":40<Enter>");
	s = ui_draw(u);
	is_int(s->scroll, 0, "a jump gives no scroll hint");
	keys(u, "k");
	keys(u, "<C-l>");
	s = ui_draw(u);
	ok(s->full && s->scroll == 0, "C-l asks for a full repaint");
	ui_free(u);
}

static void
test_resize(void)
{
	struct ui *u = open_ui(S002, 120, 30);
	const struct ui_screen *s;

	keys(u, ":42<Enter>j");
	ui_draw(u);
	ui_resize(u, 40, 30);
	s = ui_draw(u);
	ok(row_has(s, s->rows - 2, "¶ 42"), "120 -> 40 columns keeps "
	    "paragraph 42 at the top");
	ui_resize(u, 120, 30);
	s = ui_draw(u);
	ok(row_has(s, s->rows - 2, "¶ 42"), "... and back");
	ui_resize(u, 10, 3);
	s = ui_draw(u);
	ok(screen_has(s, "Terminal too small"), "a tiny terminal gets a "
	    "message");
	ui_resize(u, 120, 30);
	s = ui_draw(u);
	ok(row_has(s, s->rows - 2, "¶ 42"), "after which the place is kept");
	ui_free(u);
}

static void
test_search(void)
{
	struct ui *u = open_ui(S002, 100, 30);
	const struct ui_screen *s;
	char *top, *now;
	int n;

	s = ui_draw(u);
	top = row_text(s, 0);
	keys(u, "/الاتجار");
	s = ui_draw(u);
	ok(face_cells(s, TF_MATCH_CURRENT) > 0, "incremental: the first "
	    "match is marked while typing");
	keys(u, "<Enter>");
	s = ui_draw(u);
	n = face_cells(s, TF_MATCH);
	ok(n > 0, "all matches on screen are highlighted (%d cells)", n);
	keys(u, "n");
	s = ui_draw(u);
	ok(face_cells(s, TF_MATCH_CURRENT) > 0, "n moves to the next match");
	keys(u, ":noh<Enter>");
	s = ui_draw(u);
	is_int(face_cells(s, TF_MATCH) + face_cells(s, TF_MATCH_CURRENT), 0,
	    ":noh clears the highlight");
	keys(u, "g/zzzqqq<Enter>");
	s = ui_draw(u);
	ok(row_has(s, s->rows - 1, "Pattern not found"), "no match says so");
	now = row_text(s, 0);
	is_str(now, top, "... and stays put");
	free(now);
	keys(u, "/a/67");
	s = ui_draw(u);
	now = row_text(s, 0);
	ok(strcmp(now, top) != 0 && face_cells(s, TF_MATCH_CURRENT) > 0,
	    "typing a search moves to the match (a/67: A/67, in a footnote)");
	free(now);
	keys(u, "<Esc>");
	s = ui_draw(u);
	now = row_text(s, 0);
	is_str(now, top, "Esc abandons the search and goes back");
	free(now);
	free(top);
	ui_free(u);
}

static void
test_lists(void)
{
	struct ui *u = open_ui(S001, 100, 30);
	const struct ui_screen *s;
	char *row;

	keys(u, "h");
	s = ui_draw(u);
	ok(screen_has(s, "line-down") && screen_has(s, "para-next"),
	    "h shows the help, from the keymap");
	keys(u, "q");
	ok(!ui_done(u), "q in a list closes the list, not the reader");
	keys(u, "<F1>");
	s = ui_draw(u);
	ok(row_has(s, 0, "normal mode"), "F1 shows it too");
	keys(u, "<Esc>o");
	s = ui_draw(u);
	ok(row_has(s, s->rows - 2, "Outline"), "o opens the outline");
	keys(u, "jjj<Enter>");
	s = ui_draw(u);
	row = row_text(s, s->rows - 2);
	ok(strstr(row, "¶") != NULL || strstr(row, "§") != NULL,
	    "Enter in the outline jumps (%s)", row);
	free(row);
	ui_free(u);

	u = open_ui(S003, 100, 30);
	keys(u, ":4.12<Enter>o");
	s = ui_draw(u);
	ok(face_cells(s, TF_SELECTED) > 0, "the outline opens with the bar "
	    "on screen, at the paragraph at the top (far down the list)");
	keys(u, "<Enter>");
	s = ui_draw(u);
	ok(row_has(s, s->rows - 2, "¶ 4.12"), "... Enter stays there");
	ui_free(u);

	u = open_ui(S002, 100, 30);
	keys(u, ":1<Enter>f");
	s = ui_draw(u);
	ok(row_has(s, s->rows - 1, "No footnotes in paragraph 1"),
	    "f where there are none");
	ui_free(u);
}

static void
test_view_moves(void)
{
	struct doc *d;
	struct view *v;
	struct view_pos p = { 0, 0 }, q, e;
	char *cause = NULL;
	long total = 0, m;
	size_t i;

	d = doc_import_file(S000, NULL, &cause);
	free(cause);
	if (!ok(d != NULL, "import 000"))
		return;
	v = view_new(d, 60, 0);
	while ((m = view_move(v, &p, 7)) > 0)
		total += m;
	e = view_end(v, 1);
	ok(view_pos_cmp(&p, &e) == 0, "moving down stops at the last row");
	q = p;
	is_int(-view_move(v, &q, -total - 100), total, "and back up is the "
	    "same number of rows");
	ok(q.block == 0 && q.row == 0, "to the first row");
	for (i = 0; i < doc_block_count(d); i += 5) {
		q = view_pos_of(v, i, 0);
		if (q.block != i || view_row_offset(v, &q) != 0)
			break;
	}
	ok(i >= doc_block_count(d), "view_pos_of/view_row_offset agree");
	view_free(v);
	doc_free(d);
}

/*
 * y copies a paragraph without the controls the document holds (the
 * importer keeps ESC, BEL and C1 in the text, drawn as symbols): a paste
 * into a terminal must not run them (issue 15, item 7).
 */
static void
test_copy_clean(void)
{
	char path[] = "/tmp/hamish-test-ui-XXXXXX";
	static const char text[] =
	    "1 - فقرة \033]2;PWNED\007 نص \302\233 هنا\033[2J آخر\n";
	struct ui *u;
	char *c;
	int fd = mkstemp(path);

	if (!ok(fd != -1 && write(fd, text, sizeof text - 1) ==
	    (ssize_t)(sizeof text - 1), "a document with ESC, BEL and CSI"))
		return;
	close(fd);
	u = open_ui(path, 80, 24);
	c = copied(u, "y");
	is_str(c, "فقرة ]2;PWNED نص  هنا[2J آخر",
	    "y copies the paragraph without ESC, BEL or C1");
	free(c);
	ui_free(u);
	unlink(path);
}

/* s starts with prefix and is a prefix of whole ending at a word end. */
static bool
whole_words_of(const char *s, const char *prefix, const char *whole)
{
	size_t n = s != NULL ? strlen(s) : 0;

	return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0 &&
	    strncmp(whole, s, n) == 0 && (whole[n] == ' ' ||
	    whole[n] == '\0' || whole[n] == ',' || whole[n] == '.');
}

/*
 * The selection (v) in logical order, read back through y: the first
 * word on screen or the search match, words added and taken off, rows,
 * the other end.  ¶12 of seed 002 starts "يمثّل القانون الدولي
 * إلزاماً".
 */
static void
test_selection(void)
{
	struct ui *u = open_ui(S002, 100, 30);
	struct doc *d = doc_import_file(S002, NULL, NULL);
	size_t len;
	const char *para = doc_block_text(d, (size_t)doc_addr_find(d, "12"),
	    &len);
	char *c, *row, *rows2;

	keys(u, ":12<Enter>");
	c = copied(u, "vy");
	is_str(c, "يمثّل", "v y: the first word on screen");
	free(c);
	c = copied(u, "vwwy");
	is_str(c, "يمثّل القانون الدولي", "v w w y: three words");
	free(c);
	c = copied(u, "vwwby");
	is_str(c, "يمثّل القانون", "b takes the last word off");
	free(c);
	c = copied(u, "vbby");
	is_str(c, "يمثّل", "... never the first one");
	free(c);
	row = copied(u, "vjy");
	ok(whole_words_of(row, "يمثّل القانون الدولي", para) &&
	    strlen(row) > strlen("يمثّل القانون الدولي إلزاماً"),
	    "j: to the end of the first row, whole words");
	rows2 = copied(u, "vjjy");
	ok(whole_words_of(rows2, row != NULL ? row : "?", para) &&
	    strlen(rows2) > strlen(row != NULL ? row : ""),
	    "j j: to the end of the second row");
	c = copied(u, "vjjky");
	is_str(c, row != NULL ? row : "?", "k: back to the first row");
	free(c);
	free(row);
	free(rows2);
	c = copied(u, "v<Esc>y");
	ok(c != NULL && strlen(c) == len && strncmp(c, para, len) == 0,
	    "Esc ends the selection: y copies the whole paragraph");
	free(c);
	keys(u, "/القانون<Enter>");
	c = copied(u, "vy");
	is_str(c, "القانون", "v on a search match selects the match");
	free(c);
	c = copied(u, "vowy");
	is_str(c, "يمثّل القانون", "o, w: the start takes the word before");
	free(c);
	doc_free(d);
	ui_free(u);
}

int
main(void)
{
	if (!fixture_init())
		return 1;
	test_goto();
	test_pages();
	test_scroll();
	test_resize();
	test_search();
	test_lists();
	test_view_moves();
	test_selection();
	test_copy_clean();
	km_free(km);
	return tap_done();
}
