/*
 * test-explore.c - what broke for a new user trying the reader after
 * issue 14's fixes landed: the controller driven by keys through
 * ui_key(), its screens read back from ui_draw() as text rows.  Each
 * test here failed before the fix it is named after.
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

#define S001	"tests/corpus/001_9cffd64b9ac82079.txt"

static struct keymap *km;	/* keymaps/default.keys */

/* The whole screen as one string, a row a line (caller frees). */
static char *
screen_text(struct ui *u)
{
	const struct ui_screen *s = ui_draw(u);
	struct buf b;
	char *t;
	int y;

	buf_init(&b);
	for (y = 0; y < s->rows; y++) {
		t = row_text(s, y);
		buf_adds(&b, t);
		buf_addc(&b, '\n');
		free(t);
	}
	return buf_steal(&b);
}

static struct ui *
open_ui(const char *path, int cols, int rows, struct store *st)
{
	struct ui_opts o = { .km = km, .store = st };
	struct ui *u = ui_new(&o, cols, rows);
	char *cause = NULL;

	if (path != NULL && !ok(ui_open(u, path, &cause), "open %s", path))
		printf("#   %s\n", cause);
	free(cause);
	return u;
}

/* Keys: "<Enter>" and the like by name, everything else a character. */
/* A new database in build/ (caller closes); NULL after saying why. */
static struct store *
new_store(const char *name)
{
	char path[256], *cause = NULL;
	struct store *st;

	snprintf(path, sizeof path, "build/test-explore-%s.db", name);
	unlink(path);
	if ((st = store_open(path, &cause)) == NULL)
		printf("#   %s: %s\n", path, cause);
	free(cause);
	return st;
}

/*
 * ' ?: a bookmark on a heading (no paragraph address) was listed as
 * "a  block 3", the reader's internal count; it shows the heading's
 * words, as the outline does.
 */
static void
test_mark_on_heading(void)
{
	struct store *st = new_store("marks");
	struct ui *u = open_ui(S001, 100, 30, st);
	char *t;

	keys(u, "gma'?");
	t = screen_text(u);
	ok(strstr(t, "block ") == NULL, "' ?: no internal block number");
	ok(has(t, "a  «", "screen"), "... the words of the place, quoted");
	free(t);
	ui_free(u);
	store_close(st);
}

int
main(void)
{
	char *cause = NULL;

	km = km_new();
	if (km_load_file(km, "keymaps/default.keys", NULL, NULL, &cause) < 0) {
		printf("Bail out! %s\n", cause);
		return 1;
	}
	test_mark_on_heading();
	km_free(km);
	return tap_done();
}
