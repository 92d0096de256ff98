/*
 * view-margin.c - placing notes in the margin (see view-margin.h).
 * Must not: know of notes, text or cells.
 */
#include "view-margin.h"

size_t
margin_place(const struct margin_item *it, size_t n, int rows,
    struct margin_place *out)
{
	int free_row = 0, start, take, room;
	size_t i, left = 0;

	for (i = 0; i < n; i++) {
		start = it[i].anchor > free_row ? it[i].anchor : free_row;
		if (start < 0)
			start = 0;
		if (start >= rows) {
			out[i].row = start;
			out[i].shown = 0;
			left++;
			continue;
		}
		take = it[i].lines > 0 ? it[i].lines : 1;
		if (i + 1 < n && start + take > it[i + 1].anchor) {
			/* the next one's row: stop before it, or after one
			 * line if it is that close */
			room = it[i + 1].anchor - start;
			take = room > 1 ? room : 1;
		}
		if (start + take > rows)
			take = rows - start;
		out[i].row = start;
		out[i].shown = take;
		free_row = start + take;
	}
	return left;
}
