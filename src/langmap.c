/*
 * langmap.c - the standard Arabic PC layout (Windows "Arabic (101)",
 * X11 xkb `ara`), key by key, as the Latin (US) key in the same place.
 *
 *   `  1 2 3 4 5 6 7 8 9 0 - =        unshifted
 *   ذ  (digits, - = as on the US layout)
 *    q w e r t y u i o p [ ]
 *    ض ص ث ق ف غ ع ه خ ح ج د
 *     a s d f g h j k l ; '
 *     ش س ي ب ل ا ت ن م ك ط
 *      z x c v b  n m , . /
 *      ئ ء ؤ ر لا ى ة و ز ظ
 *
 * Shifted, the letter keys give harakat and Arabic punctuation (Q: fatha
 * َ, K: comma ، , ?: ؟ ...) or ASCII ("D" gives "]", "L" gives "/").
 * Only what is not ASCII is in the table: an ASCII character the layout
 * sends means itself (":" is ":" on both layouts, so is "/" typed with
 * Latin keys), and reading it as another key would break the Latin
 * layout.  The lam-alef keys (b, T, G, B) send two letters on Windows,
 * which no single key can be; X11 sends one presentation form, mapped.
 * The shifted letter keys are Windows' (101) layout's.
 *
 * Must not: know of keymaps, modes or terminals.
 */
#include "langmap.h"
#include "util.h"

static const struct langmap_key table[] = {
	/* the top letter row: q w e r t y u i o p [ ] */
	{ 0x0636, 'q' }, { 0x0635, 'w' }, { 0x062B, 'e' }, { 0x0642, 'r' },
	{ 0x0641, 't' }, { 0x063A, 'y' }, { 0x0639, 'u' }, { 0x0647, 'i' },
	{ 0x062E, 'o' }, { 0x062D, 'p' }, { 0x062C, '[' }, { 0x062F, ']' },
	/* the home row: a s d f g h j k l ; ' */
	{ 0x0634, 'a' }, { 0x0633, 's' }, { 0x064A, 'd' }, { 0x0628, 'f' },
	{ 0x0644, 'g' }, { 0x0627, 'h' }, { 0x062A, 'j' }, { 0x0646, 'k' },
	{ 0x0645, 'l' }, { 0x0643, ';' }, { 0x0637, '\'' },
	/* the bottom row: z x c v b n m , . / */
	{ 0x0626, 'z' }, { 0x0621, 'x' }, { 0x0624, 'c' }, { 0x0631, 'v' },
	{ 0xFEFB, 'b' }, { 0x0649, 'n' }, { 0x0629, 'm' }, { 0x0648, ',' },
	{ 0x0632, '.' }, { 0x0638, '/' },
	/* ` and ~ */
	{ 0x0630, '`' }, { 0x0651, '~' },
	/* shifted top row: Q W E R T Y U I O P */
	{ 0x064E, 'Q' }, { 0x064B, 'W' }, { 0x064F, 'E' }, { 0x064C, 'R' },
	{ 0xFEF9, 'T' }, { 0x0625, 'Y' }, { 0x2018, 'U' }, { 0x00F7, 'I' },
	{ 0x00D7, 'O' }, { 0x061B, 'P' },
	/* shifted home row: A S G H J K */
	{ 0x0650, 'A' }, { 0x064D, 'S' }, { 0xFEF7, 'G' }, { 0x0623, 'H' },
	{ 0x0640, 'J' }, { 0x060C, 'K' },
	/* shifted bottom row: X B N M ? */
	{ 0x0652, 'X' }, { 0xFEF5, 'B' }, { 0x0622, 'N' }, { 0x2019, 'M' },
	{ 0x061F, '?' },
};

char
langmap_latin(uint32_t cp)
{
	if (cp < 0x80)
		return 0;
	for (size_t i = 0; i < UTIL_NELEM(table); i++)
		if (table[i].sent == cp)
			return table[i].latin;
	return 0;
}

const struct langmap_key *
langmap_table(size_t *n)
{
	*n = UTIL_NELEM(table);
	return table;
}
