/*
 * test-langmap.c - the Arabic (PC) layout as Latin keys: the letter rows
 * key by key as printed on Arabic keyboards, the reader's own keys (j k
 * q / ? ...), and what must never be remapped (ASCII, letters of other
 * layouts).
 */
#include <stdlib.h>
#include <string.h>

#include "langmap.h"
#include "tap.h"
#include "text.h"
#include "util.h"

/* The unshifted rows of the Arabic 101 keyboard, as its keycaps show
 * them, and the US keys in the same places. */
static const struct {
	const char	*arabic;
	const char	*latin;
} rows[] = {
	{ "ذ", "`" },
	{ "ضصثقفغعهخحجد", "qwertyuiop[]" },
	{ "شسيبلاتنمكط", "asdfghjkl;'" },
	{ "ئءؤر\xef\xbb\xbbىةوزظ", "zxcvbnm,./" },	/* U+FEFB on b */
	/* shifted: harakat and Arabic punctuation */
	{ "َ", "Q" }, { "ً", "W" }, { "ُ", "E" }, { "ٌ", "R" },
	{ "إ", "Y" }, { "÷", "I" }, { "×", "O" }, { "؛", "P" },
	{ "ِ", "A" }, { "ٍ", "S" }, { "أ", "H" }, { "ـ", "J" },
	{ "،", "K" }, { "ْ", "X" }, { "آ", "N" }, { "؟", "?" },
	{ "ّ", "~" },
};

static void
test_rows(void)
{
	for (size_t r = 0; r < UTIL_NELEM(rows); r++) {
		size_t n, k;
		uint32_t *cps = text_utf8_decode(rows[r].arabic,
		    strlen(rows[r].arabic), 0, &n, NULL);
		int bad = 0;

		if (n != strlen(rows[r].latin))
			bad = -1;
		for (k = 0; bad == 0 && k < n; k++)
			if (langmap_latin(cps[k]) != rows[r].latin[k]) {
				printf("# U+%04X gives '%c', not '%c'\n",
				    (unsigned)cps[k], langmap_latin(cps[k]) ?
				    langmap_latin(cps[k]) : '0',
				    rows[r].latin[k]);
				bad = 1;
			}
		ok(bad == 0, "%s: the keys %s", rows[r].arabic,
		    rows[r].latin);
		free(cps);
	}
}

static void
test_reader_keys(void)
{
	is_int(langmap_latin(0x062A), 'j', "ت is j (line down)");
	is_int(langmap_latin(0x0646), 'k', "ن is k (line up)");
	is_int(langmap_latin(0x0636), 'q', "ض is q (quit)");
	is_int(langmap_latin(0x0638), '/', "ظ is / (search)");
	is_int(langmap_latin(0x061F), '?', "؟ is ? (search back)");
	is_int(langmap_latin(0x0629), 'm', "ة is m (bookmark)");
	is_int(langmap_latin(0x0631), 'v', "ر is v (select)");
}

static void
test_never(void)
{
	const struct langmap_key *t;
	size_t n, i, k;
	int ascii = 0, dup = 0, latin = 0;

	for (uint32_t c = 0; c < 0x80; c++)
		ascii += langmap_latin(c) != 0;
	is_int(ascii, 0, "ASCII (: ; ] and the rest) is never remapped");
	is_int(langmap_latin(0x06CC), 0, "Farsi yeh: not on this layout");
	is_int(langmap_latin(0x0660), 0, "Arabic-Indic digits: typed as "
	    "they are");
	t = langmap_table(&n);
	for (i = 0; i < n; i++) {
		latin += t[i].sent < 0x80 || t[i].latin <= 0x20 ||
		    t[i].latin >= 0x7F;
		for (k = i + 1; k < n; k++)
			dup += t[i].sent == t[k].sent ||
			    t[i].latin == t[k].latin;
	}
	is_int(latin, 0, "each entry: a non-ASCII character to printable "
	    "ASCII");
	is_int(dup, 0, "one key per character, one character per key");
	for (i = 0; i < 26; i++) {
		for (k = 0; k < n && t[k].latin != 'a' + (int)i; k++)
			;
		if (k == n)
			break;
	}
	is_int((int)i, 26, "every letter a-z has its Arabic key");
}

int
main(void)
{
	test_rows();
	test_reader_keys();
	test_never();
	return tap_done();
}
