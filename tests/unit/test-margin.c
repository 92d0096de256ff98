/*
 * test-margin.c - notes placed in the margin: beside their passage when
 * there is room, never two on one row, in order, cut before the next
 * one's row, left out when the screen ends.
 */
#include "tap.h"
#include "util.h"
#include "view-margin.h"

/* The invariants of any placement of n items on rows rows. */
static void
check(const char *what, const struct margin_item *it, size_t n, int rows,
    const struct margin_place *p)
{
	int bad = 0, last = -1;

	for (size_t i = 0; i < n; i++) {
		if (p[i].shown == 0)
			continue;
		if (p[i].row <= last || p[i].row < it[i].anchor ||
		    p[i].row + p[i].shown > rows || p[i].shown < 1 ||
		    p[i].shown > (it[i].lines > 0 ? it[i].lines : 1))
			bad++;
		last = p[i].row + p[i].shown - 1;
	}
	is_int(bad, 0, "%s: in order, no overlap, none above its passage, "
	    "on screen", what);
}

int
main(void)
{
	struct margin_place p[8];
	size_t left;

	{
		struct margin_item it[] = { { 0, 2 }, { 5, 3 }, { 20, 1 } };

		left = margin_place(it, 3, 24, p);
		check("room for all", it, 3, 24, p);
		ok(p[0].row == 0 && p[0].shown == 2 && p[1].row == 5 &&
		    p[1].shown == 3 && p[2].row == 20 && p[2].shown == 1 &&
		    left == 0, "room for all: each beside its passage, whole");
	}
	{
		struct margin_item it[] = { { 0, 6 }, { 2, 2 }, { 3, 2 } };

		left = margin_place(it, 3, 24, p);
		check("crowded", it, 3, 24, p);
		ok(p[0].shown == 2, "a long note stops before the next one's "
		    "row (%d)", p[0].shown);
		ok(p[1].row == 2 && p[1].shown == 1, "the next: on its row, "
		    "one line before the third's row");
		is_int(p[2].row, 3, "the third on its own row");
		is_int(p[2].shown, 2, "... whole (nothing after it)");
	}
	{
		struct margin_item it[] = { { 4, 1 }, { 4, 1 }, { 4, 3 } };

		margin_place(it, 3, 24, p);
		check("same row", it, 3, 24, p);
		ok(p[0].row == 4 && p[1].row == 5 && p[2].row == 6 &&
		    p[2].shown == 3, "three passages on one row: one under the "
		    "other");
	}
	{
		struct margin_item it[] = { { 20, 4 }, { 22, 2 }, { 23, 1 } };

		left = margin_place(it, 3, 24, p);
		check("the screen ends", it, 3, 24, p);
		ok(p[0].shown == 2 && p[1].row == 22 && p[1].shown == 1 &&
		    p[2].row == 23 && left == 0, "near the end: cut, all shown");
		struct margin_item it2[] = { { 22, 3 }, { 23, 1 }, { 23, 1 } };

		left = margin_place(it2, 3, 24, p);
		check("no room", it2, 3, 24, p);
		ok(p[2].shown == 0 && left == 1, "no row left: one left out");
		ok(p[0].shown == 1 && p[1].shown == 1, "... the others one "
		    "line each");
	}
	{
		struct margin_item it[] = { { -3, 2 }, { 1, 1 } };

		margin_place(it, 2, 10, p);
		ok(p[0].row == 0 && p[0].shown == 1 && p[1].row == 1,
		    "a passage that starts above the screen: at its top");
	}
	is_int((int)margin_place(NULL, 0, 10, p), 0, "nothing to place");
	return tap_done();
}
