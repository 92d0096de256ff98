/*
 * fuzz-reader.c - libFuzzer target (make fuzz): the reader's controller
 * driven by arbitrary input, read as keys and mouse events, on seed 002
 * with annotations on (a database in memory) at a size the input
 * chooses, 80 or 120 columns (the margin): the word cursor, selections
 * over paragraph ends, x, U, the mouse's clicks and drags, the Arabic
 * layout's keys.  Besides the sanitizers, the screen's cursor is never
 * past its edges, and every mouse report the SGR decoder accepts is
 * inside what it was given.
 *
 * Input bytes: 0xF0 b x y is a mouse event (b: 0-5 its kind), 0xF1 k is a
 * special key (KM_KEY_BASE + k), 0xF2 then two bytes an Arabic letter
 * (U+0600 + the first), anything else a character.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "keymap.h"
#include "mouse.h"
#include "store.h"
#include "ui.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct keymap *km;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct builtin_file *f;
	const struct ui_screen *s;
	struct mouse_event ev;
	struct ui_opts o;
	struct store *st;
	struct ui *u;
	char *cause = NULL;
	const char *seed = getenv("HAMISH_FUZZ_DOC");
	size_t i;
	int cols;

	if (km == NULL) {
		km = km_new();
		if ((f = builtin_find("keymaps", "default", "keys")) == NULL ||
		    km_parse(km, f->data, f->len, f->name, NULL, NULL) != 0)
			abort();
	}
	/* every accepted SGR report lies inside the bytes given */
	{
		int r = mouse_sgr_parse((const char *)data, size, &ev);

		if (r > (int)size || (r > 0 && (ev.x < 0 || ev.y < 0)))
			abort();
	}
	if ((st = store_open(":memory:", &cause)) == NULL) {
		free(cause);
		return 0;
	}
	memset(&o, 0, sizeof o);
	o.km = km;
	o.store = st;
	cols = size > 0 && (data[0] & 1) ? 120 : 80;
	u = ui_new(&o, cols, 24);
	if (!ui_open(u, seed != NULL ? seed :
	    "tests/corpus/002_a2ddec63a1cf2f60.txt", &cause)) {
		free(cause);
		ui_free(u);
		store_close(st);
		return 0;
	}
	for (i = 1; i < size && !ui_done(u); i++) {
		if (data[i] == 0xF0 && i + 3 < size) {
			ev.kind = (enum mouse_kind)(data[i + 1] % 6);
			ev.x = data[i + 2] % (cols + 4) - 2;
			ev.y = data[i + 3] % 28 - 2;
			ui_mouse(u, &ev);
			i += 3;
		} else if (data[i] == 0xF1 && i + 1 < size) {
			ui_key(u, KM_KEY_BASE + data[++i] % 18);
		} else if (data[i] == 0xF2 && i + 1 < size) {
			ui_key(u, 0x0600 + data[++i]);
		} else if (data[i] >= 0x20 && data[i] < 0x7F) {
			ui_key(u, data[i]);
		} else if (data[i] == '\r') {
			ui_key(u, KM_KEY_ENTER);
		}
		free(ui_clipboard_take(u));
		if (ui_edit_request(u) != NULL)
			ui_edit_done(u, false);
		s = ui_draw(u);
		if (s->cursor_x >= s->cols || s->cursor_y >= s->rows) {
			fprintf(stderr, "cursor (%d, %d) on %dx%d after byte "
			    "%zu\n", s->cursor_x, s->cursor_y, s->cols,
			    s->rows, i);
			abort();
		}
	}
	ui_free(u);
	store_close(st);
	return 0;
}
