/*
 * test-fold.c - text_fold(): every Arabic equivalence of its table, the
 * marks it drops and the map back to the source, digits, case folding,
 * exact mode and the empty input.
 */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "text.h"
#include "util.h"

/* Folds one code point alone; returns what it became, or 0 if dropped. */
static uint32_t
fold1(uint32_t c)
{
	uint32_t out[1];
	size_t map[1];

	if (text_fold(&c, 1, 0, out, map) == 0)
		return 0;
	return out[0];
}

/* Folds UTF-8 s; the result (caller frees) and its map in *map. */
static uint32_t *
fold_str(const char *s, int flags, size_t *n, size_t **map)
{
	uint32_t *cps, *out;
	size_t ncp;

	cps = text_utf8_decode(s, strlen(s), TEXT_NFC, &ncp, NULL);
	out = xreallocarray(NULL, ncp + 1, sizeof *out);
	*map = xreallocarray(NULL, ncp + 1, sizeof **map);
	*n = text_fold(cps, ncp, flags, out, *map);
	free(cps);
	return out;
}

static bool
same_cps(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	return na == nb && (na == 0 || memcmp(a, b, na * sizeof *a) == 0);
}

static void
test_table(void)
{
	static const uint32_t alef[] = { 0x0622, 0x0623, 0x0625, 0x0671 };
	size_t i;
	uint32_t c;
	bool all;

	for (i = 0; i < UTIL_NELEM(alef); i++)
		is_int(fold1(alef[i]), 0x0627, "U+%04X folds to bare alef",
		    (unsigned)alef[i]);
	is_int(fold1(0x0627), 0x0627, "bare alef stays");
	is_int(fold1(0x0649), 0x064A, "alef maksura folds to yeh");
	is_int(fold1(0x064A), 0x064A, "yeh stays");
	is_int(fold1(0x0629), 0x0647, "teh marbuta folds to heh");
	is_int(fold1(0x0647), 0x0647, "heh stays");
	for (i = 0; i < 10; i++) {
		is_int(fold1(0x0660 + (uint32_t)i), '0' + i,
		    "Arabic-Indic digit %zu", i);
		is_int(fold1(0x06F0 + (uint32_t)i), '0' + i,
		    "Extended Arabic-Indic digit %zu", i);
		is_int(fold1('0' + (uint32_t)i), '0' + i, "ASCII digit %zu",
		    i);
	}

	/* Every other letter of the basic Arabic alphabet is itself. */
	all = true;
	for (c = 0x0621; c <= 0x064A; c++) {
		if (c == 0x0622 || c == 0x0623 || c == 0x0625 ||
		    c == 0x0629 || c == 0x0640 || c == 0x0649)
			continue;
		if (fold1(c) != c) {
			all = false;
			printf("#   U+%04X folds to U+%04X\n", (unsigned)c,
			    (unsigned)fold1(c));
		}
	}
	ok(all, "other Arabic letters U+0621..U+064A stay");
	is_int(fold1(0x0624), 0x0624, "waw with hamza stays");
	is_int(fold1(0x0626), 0x0626, "yeh with hamza stays");
	is_int(fold1(0x060C), 0x060C, "Arabic comma stays");
	is_int(fold1(0x066A), 0x066A, "Arabic percent sign stays");
}

static void
test_dropped(void)
{
	static const uint32_t ranges[][2] = {
		{ 0x0610, 0x061A }, { 0x0640, 0x0640 }, { 0x064B, 0x065F },
		{ 0x0670, 0x0670 }, { 0x06D6, 0x06DC }, { 0x06DF, 0x06E4 },
		{ 0x06E7, 0x06E8 }, { 0x06EA, 0x06ED }
	};
	/* Between and next to the ranges: kept. */
	static const uint32_t kept[] = { 0x060F, 0x061B, 0x063F, 0x0641,
	    0x06D5, 0x06DD, 0x06DE, 0x06E5, 0x06E6, 0x06E9, 0x06EE };
	uint32_t c, *out;
	size_t i, n, *map;
	bool all;

	all = true;
	for (i = 0; i < UTIL_NELEM(ranges); i++)
		for (c = ranges[i][0]; c <= ranges[i][1]; c++)
			if (fold1(c) != 0) {
				all = false;
				printf("#   U+%04X kept\n", (unsigned)c);
			}
	ok(all, "every harakah, Quranic mark and tatweel is dropped");
	all = true;
	for (i = 0; i < UTIL_NELEM(kept); i++)
		if (fold1(kept[i]) != kept[i]) {
			all = false;
			printf("#   U+%04X changed\n", (unsigned)kept[i]);
		}
	ok(all, "code points around the dropped ranges are kept");

	/* بِسْمِ: ب kasra س sukun م kasra */
	out = fold_str("\u0628\u0650\u0633\u0652\u0645\u0650", 0, &n, &map);
	ok(n == 3 && out[0] == 0x0628 && out[1] == 0x0633 &&
	    out[2] == 0x0645, "harakat dropped from بِسْمِ");
	ok(n == 3 && map[0] == 0 && map[1] == 2 && map[2] == 4,
	    "map of بِسْمِ points at ب س م");
	free(out);
	free(map);

	/* كـتـاب with tatweel, and الاتِّجار (kasra + shadda, NFC order) */
	out = fold_str("\u0643\u0640\u062A\u0640\u0627\u0628", 0, &n, &map);
	ok(n == 4 && out[0] == 0x0643 && out[1] == 0x062A &&
	    out[2] == 0x0627 && out[3] == 0x0628, "tatweel dropped");
	ok(n == 4 && map[0] == 0 && map[1] == 2 && map[2] == 4 &&
	    map[3] == 5, "map skips the tatweel");
	free(out);
	free(map);

	out = fold_str("الاتِّجار", 0, &n, &map);
	ok(n == 7 && map[3] == 3 && map[4] == 6 && out[4] == 0x062C,
	    "الاتِّجار: shadda and kasra dropped, ج maps to 6");
	free(out);
	free(map);

	/* أَحْمَدُ: hamza alef and harakat together */
	out = fold_str("أَحْمَدُ", 0, &n, &map);
	ok(n == 4 && out[0] == 0x0627 && map[0] == 0 && map[1] == 2 &&
	    map[2] == 4 && map[3] == 6, "أَحْمَدُ folds to احمد, map 0 2 4 6");
	free(out);
	free(map);

	/* A text of marks only folds to nothing. */
	out = fold_str("\u064E\u0651\u0640\u0670", 0, &n, &map);
	is_int(n, 0, "only marks: empty");
	free(out);
	free(map);
}

static void
test_case(void)
{
	uint32_t *out, *want;
	size_t n, nw, *map, *wmap, i;
	bool id;

	out = fold_str("ABCxyz A/67 Z@[`{", 0, &n, &map);
	want = fold_str("abcxyz a/67 z@[`{", TEXT_FOLD_EXACT, &nw, &wmap);
	ok(same_cps(out, n, want, nw), "ASCII lowercased, the rest kept");
	id = n == nw;
	for (i = 0; id && i < n; i++)
		id = map[i] == i;
	ok(id, "ASCII map is the identity");
	free(out);
	free(map);
	free(want);
	free(wmap);

	is_int(fold1(0x00C4), 0x00E4, "Ä folds to ä");
	is_int(fold1(0x00E4), 0x00E4, "ä stays");
	is_int(fold1(0x00C9), 0x00E9, "É folds to é");
	is_int(fold1(0x03A3), 0x03C3, "Σ folds to σ");
	is_int(fold1(0x03C2), 0x03C3, "final ς folds to σ");
	is_int(fold1(0x0416), 0x0436, "Ж folds to ж");
	is_int(fold1(0x00DF), 0x00DF, "ß stays (simple folding)");
	is_int(fold1(0x1F600), 0x1F600, "emoji stays");
	is_int(fold1(0xFFFD), 0xFFFD, "U+FFFD stays");

	/* Mixed: Arabic, digits and Latin in one string. */
	out = fold_str("إلى A/٦٥ ومدرسة", 0, &n, &map);
	want = fold_str("الي a/65 ومدرسه", TEXT_FOLD_EXACT, &nw, &wmap);
	ok(same_cps(out, n, want, nw), "mixed string folds");
	free(out);
	free(map);
	free(want);
	free(wmap);
}

static void
test_exact(void)
{
	const char *s = "أَحْمَدُ Ä ـ ٦٥ AbC ة ى";
	uint32_t *cps, *out;
	size_t ncp, n, *map, i;
	bool id;

	cps = text_utf8_decode(s, strlen(s), TEXT_NFC, &ncp, NULL);
	out = xreallocarray(NULL, ncp, sizeof *out);
	map = xreallocarray(NULL, ncp, sizeof *map);
	n = text_fold(cps, ncp, TEXT_FOLD_EXACT, out, map);
	ok(same_cps(out, n, cps, ncp), "exact: a plain copy");
	id = n == ncp;
	for (i = 0; id && i < n; i++)
		id = map[i] == i;
	ok(id, "exact: identity map");
	n = text_fold(cps, ncp, TEXT_FOLD_EXACT, out, NULL);
	is_int(n, ncp, "exact with no map");
	n = text_fold(cps, ncp, 0, out, NULL);
	ok(n < ncp, "folded with no map drops the marks (%zu of %zu)", n,
	    ncp);
	free(cps);
	free(out);
	free(map);
}

static void
test_empty(void)
{
	uint32_t in[1] = { 'x' }, out[1] = { 7 };
	size_t map[1] = { 7 };

	is_int(text_fold(in, 0, 0, out, map), 0, "empty input: folded");
	is_int(text_fold(in, 0, TEXT_FOLD_EXACT, out, map), 0,
	    "empty input: exact");
	ok(out[0] == 7 && map[0] == 7, "empty input writes nothing");
}

int
main(void)
{
	test_table();
	test_dropped();
	test_case();
	test_exact();
	test_empty();
	text_cleanup();
	return tap_done();
}
