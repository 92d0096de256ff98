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
#define FIXTURE_NAME	"test-explore"
#include "ui-fixture.h"

#define S001	"tests/corpus/001_9cffd64b9ac82079.txt"

/*
 * ' ?: a bookmark on a heading (no paragraph address) was listed as
 * "a  block 3", the reader's internal count; it shows the heading's
 * words, as the outline does.
 */
static void
test_mark_on_heading(void)
{
	struct store *st = new_store("marks");
	struct ui *u = open_km(S001, 100, 30, km, st);
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
	if (!fixture_init())
		return 1;
	test_mark_on_heading();
	km_free(km);
	return tap_done();
}
