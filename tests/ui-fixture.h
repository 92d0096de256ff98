/*
 * tests/ui-fixture.h - the set-up the reader's unit tests share, on top
 * of keys.h: the default keymap (fixture_init() loads it into km), a ui
 * with a document open (open_km(), open_ui()), a new database in build/
 * (new_store()), the status and message rows, the whole screen, the
 * cells of a face, what y copies.  Included after keys.h by test-ui.c,
 * test-reader.c, test-cursor.c, test-explore.c and test-load.c, each of
 * which defines FIXTURE_NAME first ("test-reader": its databases are
 * build/test-reader-NAME.db).
 */
#ifndef HAMISH_TESTS_UI_FIXTURE_H
#define HAMISH_TESTS_UI_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "keymap.h"
#include "store.h"
#include "tap.h"
#include "ui.h"

#ifndef FIXTURE_NAME
#error "define FIXTURE_NAME (the test's name) before ui-fixture.h"
#endif

static struct keymap *km;	/* keymaps/default.keys */
static int view_flags;		/* of the uis open_km() opens */

/* Loads km; false after a "Bail out!" line.  km_free(km) at the end. */
static inline bool
fixture_init(void)
{
	char *cause = NULL;

	km = km_new();
	if (km_load_file(km, "keymaps/default.keys", NULL, NULL, &cause) < 0) {
		printf("Bail out! %s\n", cause);
		free(cause);
		return false;
	}
	return true;
}

/* A ui of cols x rows with keymap k, annotations in st (may be NULL),
 * path open unless NULL (a failure is a failed test); ui_free() it. */
static inline struct ui *
open_km(const char *path, int cols, int rows, const struct keymap *k,
    struct store *st)
{
	struct ui_opts o = { .km = k, .store = st, .view_flags = view_flags };
	struct ui *u = ui_new(&o, cols, rows);
	char *cause = NULL;

	if (path != NULL && !ok(ui_open(u, path, &cause), "open %s", path))
		printf("#   %s\n", cause);
	free(cause);
	return u;
}

static inline struct ui *
open_ui(const char *path, int cols, int rows)
{
	return open_km(path, cols, rows, km, NULL);
}

/* A new database, build/FIXTURE_NAME-name.db (caller closes); NULL
 * after saying why. */
static inline struct store *
new_store(const char *name)
{
	char path[256], *cause = NULL;
	struct store *st;

	snprintf(path, sizeof path, "build/%s-%s.db", FIXTURE_NAME, name);
	unlink(path);
	if ((st = store_open(path, &cause)) == NULL)
		printf("#   %s: %s\n", path, cause);
	free(cause);
	return st;
}

/* The message row, the status row, drawn now (caller frees). */
static inline char *
msg_row(struct ui *u)
{
	const struct ui_screen *s = ui_draw(u);

	return row_text(s, s->rows - 1);
}

static inline char *
status_row(struct ui *u)
{
	const struct ui_screen *s = ui_draw(u);

	return row_text(s, s->rows - 2);
}

/* Screen s as one string, each row followed by a newline if lines, else
 * the rows run together (caller frees). */
static inline char *
screen_join(const struct ui_screen *s, bool lines)
{
	struct buf b;
	char *t;
	int y;

	buf_init(&b);
	buf_adds(&b, "");
	for (y = 0; y < s->rows; y++) {
		t = row_text(s, y);
		buf_adds(&b, t);
		if (lines)
			buf_addc(&b, '\n');
		free(t);
	}
	return buf_steal(&b);
}

/* The whole screen drawn now, a row a line (caller frees). */
static inline char *
screen_text(struct ui *u)
{
	return screen_join(ui_draw(u), true);
}

/* Cells of face f on the text rows of s. */
static inline int
face_cells(const struct ui_screen *s, int f)
{
	int i, n = 0;

	for (i = 0; i < s->text_rows * s->cols; i++)
		n += s->cell[i].face == f;
	return n;
}

/* The same, drawn now. */
static inline int
count_face(struct ui *u, int f)
{
	return face_cells(ui_draw(u), f);
}

/* What y put on the clipboard after keys k (caller frees), or NULL. */
static inline char *
copied(struct ui *u, const char *k)
{
	keys(u, k);
	return ui_clipboard_take(u);
}

#endif
