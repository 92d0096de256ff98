/*
 * test-cursor.c - the word cursor and the selection it starts (issue 14,
 * expectation 2), through the controller without a terminal: the arrows,
 * w and b move the cursor in a right-to-left document, v starts where it
 * is, a selection runs over a paragraph end, VISUAL shows while
 * selecting, x asks which of several annotations, U takes back any
 * change; the mouse's events as the backend hands them over.  Seed
 * 002's ¶12 starts "يمثّل القانون الدولي إلزاماً".
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc.h"
#include "keymap.h"
#include "mouse.h"
#include "rnd.h"
#include "store.h"
#include "tap.h"
#include "theme.h"
#include "ui.h"
#include "util.h"
#include "view.h"
#include "keys.h"
#define FIXTURE_NAME	"test-cursor"
#include "ui-fixture.h"

#define S002	"tests/corpus/002_a2ddec63a1cf2f60.txt"

/* The screen's cursor. */
static void
cursor_at(struct ui *u, int *x, int *y)
{
	const struct ui_screen *s = ui_draw(u);

	*x = s->cursor_x;
	*y = s->cursor_y;
}

static void
test_cursor_moves(void)
{
	struct ui *u = open_ui(S002, 100, 30);
	char *c, *row0;
	int x0, y0, x, y;

	keys(u, ":12<Enter>");
	cursor_at(u, &x, &y);
	is_int(y, -1, "no cursor on screen before an arrow");
	row0 = row_text(ui_draw(u), 0);
	is_int(count_face(u, TF_CURSOR), 0, "no word in the cursor's face");
	keys(u, "<Left>");
	cursor_at(u, &x0, &y0);
	ok(y0 == 0 && x0 > 50, "Left shows the cursor on the first word, at "
	    "the right of the first row (%d, %d)", x0, y0);
	is_int(count_face(u, TF_CURSOR), 4, "... its four cells (يمثّل, the "
	    "shadda on one) in the cursor's face");
	c = copied(u, "vy");
	is_str(c, "يمثّل", "v y at the cursor: its word");
	free(c);
	keys(u, "<Left>");
	cursor_at(u, &x, &y);
	ok(y == 0 && x < x0, "Left on a right-to-left row: the next word, "
	    "to the left (%d)", x);
	c = copied(u, "vy");
	is_str(c, "القانون", "... القانون");
	free(c);
	keys(u, "<Right>");
	cursor_at(u, &x, &y);
	ok(x == x0 && y == 0, "Right: back to the first");
	keys(u, "ww");
	c = copied(u, "vy");
	is_str(c, "الدولي", "w w: the third word read");
	free(c);
	keys(u, "b");
	c = copied(u, "vy");
	is_str(c, "القانون", "b: the one before");
	free(c);
	keys(u, "<Down>");
	cursor_at(u, &x, &y);
	is_int(y, 1, "Down: to the second row");
	c = copied(u, "vy");
	ok(c != NULL && *c != '\0' && strstr(row0, c) == NULL,
	    "... a word that is not on the first row (%s)", c != NULL ? c :
	    "");
	free(c);
	keys(u, "<Up>");
	cursor_at(u, &x, &y);
	is_int(y, 0, "Up: the first row again");
	keys(u, "<Esc>");
	cursor_at(u, &x, &y);
	is_int(y, -1, "Esc hides it");
	is_int(count_face(u, TF_CURSOR), 0, "... and its face");
	c = copied(u, "vy");
	is_str(c, "يمثّل", "then v starts at the first word on screen again");
	free(c);
	free(row0);
	ui_free(u);
}

static void
test_cross_paragraphs(void)
{
	struct ui *u = open_ui(S002, 100, 30);
	struct doc *d = doc_import_file(S002, NULL, NULL);
	size_t len13;
	const char *p13 = doc_block_text(d, (size_t)doc_addr_find(d, "13"),
	    &len13);
	char *c, *st, first[64];
	int i;

	keys(u, ":12<Enter>v");
	st = status_row(u);
	ok(has(st, "VISUAL", "status"), "VISUAL in the status line while "
	    "selecting");
	free(st);
	for (i = 0; i < 12; i++)
		keys(u, "j");
	c = copied(u, "y");
	/* the first words of ¶13 */
	snprintf(first, sizeof first, "%.*s", 20, p13);
	ok(c != NULL && strncmp(c, "يمثّل", strlen("يمثّل")) == 0 &&
	    strstr(c, "\n\n") != NULL && strstr(c, first) != NULL,
	    "j past ¶12's last row: the selection runs into ¶13");
	free(c);
	st = status_row(u);
	ok(st != NULL && strstr(st, "VISUAL") == NULL, "no VISUAL after it");
	free(st);
	doc_free(d);
	ui_free(u);
}

/* The status line's count of annotations, or -1. */
static int
notes_shown(struct ui *u)
{
	char *st = status_row(u), *p;
	int n = 0;

	if ((p = strstr(st, " note")) == NULL) {
		free(st);
		return 0;
	}
	while (p > st && p[-1] >= '0' && p[-1] <= '9')
		p--;
	n = atoi(p);
	free(st);
	return n;
}

static void
test_delete_which_undo(void)
{
	struct store *st = new_store("cursor");
	struct ui *u = open_km(S002, 100, 30, km, st);
	char *t;

	keys(u, ":12<Enter>vwH");
	keys(u, "vwwa");
	keys(u, "ملاحظة<Enter>");
	is_int(notes_shown(u), 2, "a highlight and a note, both on the first "
	    "word");
	keys(u, "<Left>x");
	t = row_text(ui_draw(u), 28);
	ok(has(t, "Several annotations", "status"), "x on the word: which "
	    "one? (a list)");
	free(t);
	keys(u, "x");
	is_int(notes_shown(u), 1, "x in it deletes the one under the bar");
	keys(u, "U");
	is_int(notes_shown(u), 2, "U brings it back");
	keys(u, "<Esc>:14<Enter>a");
	keys(u, "x<Enter>");
	is_int(notes_shown(u), 3, "an accidental a: a third annotation");
	keys(u, "U");
	is_int(notes_shown(u), 2, "U takes the added note back");
	keys(u, "U");
	is_int(notes_shown(u), 1, "U again: the note on the words goes");
	keys(u, "U");
	is_int(notes_shown(u), 0, "U again: the highlight goes");
	ui_free(u);
	store_close(st);
}

static void
mouse(struct ui *u, enum mouse_kind k, int x, int y)
{
	struct mouse_event ev = { k, x, y };

	ui_mouse(u, &ev);
}

/* The mouse through the controller: the wheel, a drag, a click on a
 * word, a click in the status line. */
static void
test_mouse(void)
{
	struct ui *u = open_ui(S002, 100, 30);
	char *r3, *r0, *c;
	int x, y, x0, y0;

	keys(u, ":12<Enter>");
	r3 = row_text(ui_draw(u), 3);
	mouse(u, MOUSE_WHEEL_DOWN, 10, 5);
	r0 = row_text(ui_draw(u), 0);
	is_str(r0, r3, "the wheel down: three rows");
	free(r0);
	mouse(u, MOUSE_WHEEL_UP, 10, 5);
	r0 = row_text(ui_draw(u), 3);
	is_str(r0, r3, "... up: back");
	free(r0);
	free(r3);
	/* the first word's cell, from the word cursor */
	keys(u, "<Left>");
	cursor_at(u, &x0, &y0);
	keys(u, "<Left><Left>");
	cursor_at(u, &x, &y);
	keys(u, "<Esc>");
	mouse(u, MOUSE_PRESS, x0, y0);
	mouse(u, MOUSE_DRAG, x, y);
	mouse(u, MOUSE_RELEASE, x, y);
	c = copied(u, "y");
	is_str(c, "يمثّل القانون الدولي", "a drag from the first word to the "
	    "third selects three");
	free(c);
	mouse(u, MOUSE_PRESS, x, y);
	c = copied(u, "vy");
	is_str(c, "الدولي", "a click puts the word cursor on a word");
	free(c);
	r3 = row_text(ui_draw(u), 0);
	mouse(u, MOUSE_PRESS, 5, 29);
	mouse(u, MOUSE_PRESS, 500, 500);
	mouse(u, MOUSE_DRAG, -3, 2);
	mouse(u, MOUSE_RELEASE, 500, -1);
	r0 = row_text(ui_draw(u), 0);
	is_str(r0, r3, "clicks off the text, off the screen: nothing moves");
	c = copied(u, "y");
	ok(c != NULL && strncmp(c, "يمثّل القانون", strlen("يمثّل القانون"))
	    == 0, "... nothing is selected (y copies the paragraph)");
	free(c);
	free(r0);
	free(r3);
	ui_free(u);
}

/* Whether a text row of the screen holds needle. */
static bool
screen_has(const struct ui_screen *s, const char *needle)
{
	bool r = false;

	for (int y = 0; y < s->rows && !r; y++) {
		char *t = row_text(s, y);

		r = strstr(t, needle) != NULL;
		free(t);
	}
	return r;
}

/* The columns of row y where needle starts and where the rule is (-1:
 * not there), counted in cells. */
static void
cols_of(struct ui *u, int y, const char *needle, int *at, int *rule)
{
	const struct ui_screen *s = ui_draw(u);
	struct buf b;
	int x, *col;
	char *hit;

	col = xcalloc((size_t)s->cols * 4 + 1, sizeof *col);
	buf_init(&b);
	buf_adds(&b, "");
	*rule = -1;
	for (x = 0; x < s->cols; x++) {
		const struct view_cell *c = &s->cell[(size_t)y *
		    (size_t)s->cols + (size_t)x];

		if (c->base == 0x2502)
			*rule = x;
		col[b.len] = x;
		if (c->base != 0)
			buf_add_utf8(&b, c->base);
	}
	hit = strstr(b.data, needle);
	*at = hit != NULL ? col[hit - b.data] : -1;
	buf_free(&b);
	free(col);
}

/* Notes in the margin at 120 columns, on the side where lines end. */
static void
test_margin(void)
{
	static const char en[] = "The General Assembly,\n\n"
	    "Recalling its resolution on the question and the report of "
	    "the Secretary-General on the matter,\n\n"
	    "Decides to remain seized of the matter.\n";
	struct store *st = new_store("margin");
	struct ui *u = open_km(S002, 120, 30, km, st);
	FILE *f;
	int at, rule;

	keys(u, ":12<Enter>vwwa");
	keys(u, "margin words<Enter>");
	cols_of(u, 0, "margin words", &at, &rule);
	ok(rule > 30 && rule < 60 && at >= 0 && at < rule, "120 columns, an "
	    "Arabic document: the note left of the rule (%d, %d)", at, rule);
	cols_of(u, 0, "١٢", &at, &rule);
	ok(at > 110, "... the paragraph number still at the right edge (%d)",
	    at);
	ui_resize(u, 80, 30);
	cols_of(u, 0, "margin words", &at, &rule);
	ok(at < 0 && rule < 0, "80 columns: no margin");
	keys(u, "<Enter>");
	ok(screen_has(ui_draw(u), "margin words"), "Enter: the note over the "
	    "text");
	ui_free(u);
	if ((f = fopen("build/test-cursor-en.txt", "w")) != NULL) {
		fputs(en, f);
		fclose(f);
	}
	u = open_km("build/test-cursor-en.txt", 120, 30, km, st);
	keys(u, "a");
	keys(u, "english note<Enter>");
	cols_of(u, 0, "english note", &at, &rule);
	ok(rule > 60 && at > rule, "a left-to-right document: the margin on "
	    "the right (%d, %d)", at, rule);
	cols_of(u, 0, "The General", &at, &rule);
	ok(at >= 0 && at < 10, "... the text at the left edge (%d)", at);
	ui_free(u);
	store_close(st);
}

/*
 * Random keys and mouse events, the same every run, with annotations on,
 * at 120 columns (the margin) and then 80: the screen's cursor stays on
 * the screen, drawing never fails (ASan: make check-asan).
 */
static void
test_random(void)
{
	static const char *const k[] = {
		"<Left>", "<Right>", "<Up>", "<Down>", "w", "b", "v", "j", "k",
		"H", "x", "U", "o", "y", "<Esc>", "<Enter>", "e", "<Space>",
		"]", "G", "g", "ت", "ن", "ظ", "a", "L", "f",
	};
	struct store *st = new_store(view_flags ? "random-logical" :
	    "random");
	struct ui *u = open_km(S002, 120, 30, km, st);
	const struct ui_screen *s;
	int i, bad = 0, moved = 0;

	for (i = 0; i < 2000; i++) {
		uint32_t r = rnd(100);

		if (i == 1000)
			ui_resize(u, 80, 24);
		if (r < 15) {
			struct mouse_event ev = { (enum mouse_kind)rnd(6),
			    (int)rnd(124) - 2, (int)rnd(34) - 2 };

			ui_mouse(u, &ev);
		} else
			keys(u, k[rnd(UTIL_NELEM(k))]);
		/* a prompt: type a little, then accept or drop it */
		if (rnd(4) == 0)
			keys(u, rnd(2) ? "ملاحظة<Enter>" : "<Esc>");
		free(ui_clipboard_take(u));
		if (ui_edit_request(u) != NULL)
			ui_edit_done(u, false);
		s = ui_draw(u);
		bad += s->cursor_x >= s->cols || s->cursor_y >= s->rows;
		moved += s->cursor_y >= 0 && s->cursor_y < s->text_rows;
		if (ui_done(u)) {
			ui_free(u);
			u = open_km(S002, i < 1000 ? 120 : 80, i < 1000 ? 30 :
			    24, km, st);
		}
	}
	is_int(bad, 0, "2000 random keys and clicks: the cursor never past "
	    "the screen's edge");
	ok(moved > 100, "... and on the text often (%d times)", moved);
	ui_free(u);
	store_close(st);
}

int
main(void)
{
	if (!fixture_init())
		return 1;
	test_cursor_moves();
	test_cross_paragraphs();
	test_delete_which_undo();
	test_mouse();
	test_margin();
	test_random();
	/* the same for terminals that reorder and shape themselves */
	view_flags = VIEW_NO_SHAPE | VIEW_LOGICAL;
	test_random();
	km_free(km);
	return tap_done();
}
