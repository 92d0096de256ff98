/*
 * test-ui-compare.c - the comparison screen (ui-compare.c) without a
 * terminal: keys in through ui_key(), the cells of ui_draw() read back
 * by column.  The two versions are written here (numbered paragraphs of
 * pseudo-random Arabic words; the revision inserts one near the top,
 * rewords one, deletes one and moves one to the end), the keymap is the
 * real keymaps/default.keys.  Run from the repository root.
 *
 * What the tmux suite (tests/e2e/compare.sh) cannot do cheaply: every
 * change at many widths, each pair's two texts starting on the same row
 * of the grid; sequences typed key by key; a resize to the same size.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keymap.h"
#include "rnd.h"
#include "tap.h"
#include "theme.h"
#include "ui.h"
#include "util.h"

static struct keymap *km;

static const char *const words[] = {
	"الجمعية", "العامة", "تقرر", "تطلب", "الأمين", "العام", "تقرير",
	"تنفيذ", "القرار", "الدول", "الأعضاء", "التعاون", "المقرر", "الخاص",
	"حقوق", "الإنسان", "المرأة", "الطفل", "التنمية", "المستدامة",
	"الموارد", "المالية", "اللجنة", "الدورة", "المقبلة", "البرنامج",
	"الإقليمي", "الدولي", "المنظمات", "غير", "الحكومية", "الاتجار",
};
#define NWORDS	(sizeof words / sizeof *words)
#define NPARA	30

/* Paragraph i numbered num; reword: its fourth word replaced; tatweel:
 * a tatweel in its first word (not a change, but with :set exact). */
static void
para(struct buf *b, size_t num, size_t i, bool reword, bool tatweel)
{
	size_t n, k;

	rnd_state = 88172645463325252ULL + i * 104729;
	n = 10 + rnd(40);
	buf_addf(b, "%zu - ", num);
	for (k = 0; k < n; k++) {
		const char *w = words[rnd(NWORDS)];

		if (k > 0)
			buf_addc(b, ' ');
		if (reword && k == 3)
			buf_adds(b, "المستجدة والمتزايدة");
		else if (tatweel && k == 0) {
			buf_add(b, w, 4);		/* two letters */
			buf_adds(b, "\u0640");
			buf_adds(b, w + 4);
		} else
			buf_adds(b, w);
	}
	buf_adds(b, ".\n\n");
}

static void
write_file(const char *path, bool revised)
{
	struct buf b;
	size_t i, num = 1;
	FILE *f;

	buf_init(&b);
	for (i = 0; i < NPARA; i++) {
		if (revised && i == 2)
			para(&b, num++, 1000, false, false);
		if (revised && (i == 9 || i == 14))
			continue;
		para(&b, num++, i, revised && i == 5, revised && i == 20);
	}
	if (revised)
		para(&b, num++, 14, false, false);
	f = fopen(path, "w");
	fwrite(b.data, 1, b.len, f);
	fclose(f);
	buf_free(&b);
}

/* Cells [x0, x1) of row y as UTF-8 (caller frees). */
static char *
cells(const struct ui_screen *s, int y, int x0, int x1)
{
	const struct view_cell *c;
	struct buf b;
	int x, m;

	buf_init(&b);
	buf_adds(&b, "");
	for (x = x0; x < x1 && x < s->cols; x++) {
		c = &s->cell[(size_t)y * (size_t)s->cols + (size_t)x];
		if (c->base == 0)
			continue;
		buf_add_utf8(&b, c->base);
		for (m = 0; m < c->nmarks; m++)
			buf_add_utf8(&b, c->marks[m]);
	}
	return buf_steal(&b);
}

static bool
has(const struct ui_screen *s, int y, int x0, int x1, const char *needle)
{
	char *t = cells(s, y, x0, x1);
	bool r = strstr(t, needle) != NULL;

	free(t);
	return r;
}

/* Whether cells [x0, x1) of row y are all blank. */
static bool
blank(const struct ui_screen *s, int y, int x0, int x1)
{
	int x;

	for (x = x0; x < x1; x++)
		if (s->cell[(size_t)y * (size_t)s->cols + (size_t)x].base !=
		    ' ')
			return false;
	return true;
}

static void
keys(struct ui *u, const char *s)
{
	uint32_t k;

	for (; *s != '\0'; s++) {
		k = (unsigned char)*s;
		ui_key(u, k == '\n' ? KM_KEY_ENTER : k);
	}
}

/* The column width the screen uses at cols (ui-compare.c: a gutter of
 * 14 between two equal columns). */
static int
col_w(int cols)
{
	return (cols - 14) / 2;
}

/*
 * At each width, ]c through every change, and on each screen every row
 * where the gutter holds a label map (the first row of a pair that
 * changed or was renumbered): both columns show something there (their
 * text, or filler for a side with nothing), and the row above, the gap
 * between pairs, is blank in both: the two texts of a pair start on
 * the same row.
 */
static void
test_widths(struct ui *u)
{
	static const int widths[] = { 100, 111, 127, 140, 163, 200 };
	const struct ui_screen *s;
	size_t w;
	int k, bad = 0, maps = 0, cw, y, x;

	for (w = 0; w < sizeof widths / sizeof *widths; w++) {
		ui_resize(u, widths[w], 30);
		keys(u, "g");
		cw = col_w(widths[w]);
		for (k = 0; k < 5; k++) {
			s = ui_draw(u);
			for (y = 1; y < s->rows - 2; y++) {
				if (!has(s, y, cw, s->cols - cw, "←") &&
				    !has(s, y, cw, s->cols - cw, "new") &&
				    !has(s, y, cw, s->cols - cw, "deleted"))
					continue;
				maps++;
				for (x = 0; x < 2; x++) {
					int x0 = x == 0 ? 0 : s->cols - cw;

					if (blank(s, y, x0, x0 + cw) || (y > 1 &&
					    !blank(s, y - 1, x0, x0 + cw))) {
						printf("# w=%d y=%d side %d\n",
						    widths[w], y, x);
						bad++;
					}
				}
			}
			keys(u, "]c");
		}
		if (!has(s, s->rows - 2, 0, s->cols, "change 4 of 4"))
			bad++;
	}
	ok(maps >= 6 * 4, "label maps on screen: %d", maps);
	is_int(bad, 0, "at six widths, each pair's two texts start on the "
	    "same row, below a gap in both columns");
}

int
main(void)
{
	char dir[] = "/tmp/hamish-test-uicmp-XXXXXX", *cause = NULL;
	char old[64], new[64];
	struct ui_opts o;
	const struct ui_screen *s;
	struct ui *u;
	char *a, *b;
	int cw;

	km = km_new();
	if (km_load_file(km, "keymaps/default.keys", NULL, NULL, &cause) < 0 ||
	    mkdtemp(dir) == NULL) {
		printf("Bail out! %s\n", cause != NULL ? cause : "mkdtemp");
		return 1;
	}
	snprintf(old, sizeof old, "%s/old.txt", dir);
	snprintf(new, sizeof new, "%s/new.txt", dir);
	write_file(old, false);
	write_file(new, true);

	memset(&o, 0, sizeof o);
	o.km = km;
	u = ui_new(&o, 140, 30);
	ok(ui_open(u, old, &cause) && ui_open(u, new, &cause), "both open");
	ui_compare_begin(u, 0, 1, false);
	s = ui_draw(u);
	cw = col_w(140);
	ok(has(s, 0, 140 - cw, 140, "old  ") && has(s, 0, 0, cw, "new  "),
	    "the old version's head on the right, the new one's on the left");
	ok(s->visual, "the screen asks for visual order");
	ok(has(s, s->rows - 2, 0, 140, "of 4 · 1 changed, 1 moved, 1 new, 1 "
	    "deleted"), "four changes, by kind");
	/* ] then c, one key at a time */
	a = cells(s, 1, 0, 140);
	ui_key(u, ']');
	b = cells(ui_draw(u), 1, 0, 140);
	is_str(b, a, "] alone waits for the next key");
	free(a);
	free(b);
	s = ui_draw(u);
	ui_key(u, 'c');
	s = ui_draw(u);
	ok(has(s, s->rows - 2, 0, 140, "change 1 of 4"), "... c: change 1");
	ok(has(s, 1, cw, 140 - cw, "3 new"), "... the inserted paragraph");
	keys(u, "]c");
	s = ui_draw(u);
	ok(has(s, 1, cw, 140 - cw, "7 ← 6") && has(s, 2, cw, 140 - cw,
	    "changed"), "]c: the reworded paragraph, renumbered 6 -> 7");
	keys(u, "[c");
	s = ui_draw(u);
	ok(has(s, s->rows - 2, 0, 140, "change 1 of 4"), "[c: back to 1");
	/* a resize to the same size changes nothing */
	a = cells(ui_draw(u), 3, 0, 140);
	ui_resize(u, 140, 30);
	b = cells(ui_draw(u), 3, 0, 140);
	is_str(b, a, "a resize to the same size keeps the columns");
	free(a);
	free(b);
	test_widths(u);
	/* below 100 columns, one column */
	ui_resize(u, 99, 30);
	s = ui_draw(u);
	ok(has(s, 0, 0, 99, "against"), "99 columns: one column");
	keys(u, "s");
	s = ui_draw(u);
	ui_resize(u, 140, 30);
	s = ui_draw(u);
	ok(has(s, 0, 0, cw, "old  "), "s: the old version on the left");
	/* a tatweel is not a change, unless every code point counts */
	keys(u, ":set exact\n");
	s = ui_draw(u);

	ok(has(s, s->rows - 2, 0, 140, "5 changes · 2 changed, 1 moved, 1 new, "
	    "1 deleted") && has(s, s->rows - 2, 0, 140, "exact"),
	    ":set exact: the tatweel is a change too");
	keys(u, ":set noexact\n");
	s = ui_draw(u);
	ok(has(s, s->rows - 2, 0, 140, "· 1 changed, 1 moved, 1 new, 1 "
	    "deleted") && !has(s, s->rows - 2, 0, 140, "exact"),
	    ":set noexact: four again");
	keys(u, "q");
	ok(ui_done(u), "q leaves hamish compare");
	ui_free(u);

	/* :compare from the reader, q back to reading */
	u = ui_new(&o, 140, 30);
	ok(ui_open(u, old, &cause), "the reader on the old version");
	keys(u, ":compare ");
	keys(u, new);
	keys(u, "\n");
	s = ui_draw(u);
	ok(has(s, s->rows - 2, 0, 140, " of 4 · "), ":compare FILE");
	ok(has(s, 0, 140 - cw, 140, "old  "), "... the one read is the old");
	keys(u, "q");
	s = ui_draw(u);
	ok(!ui_done(u) && !s->visual && has(s, s->rows - 1, 0, 140,
	    "Comparison closed"), "q: back to the reader");
	ui_free(u);

	unlink(old);
	unlink(new);
	rmdir(dir);
	km_free(km);
	return tap_done();
}
