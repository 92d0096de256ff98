/*
 * text.h - Unicode text: decoding, normalisation, character properties,
 * break iterators and display widths.
 *
 * The only module that talks to ICU.  Text inside hamish is an array of
 * code points (uint32_t, Unicode scalar values) in NFC; an "offset" is an
 * index into such an array.  Nothing here knows about bidi, documents or
 * terminals.
 */
#ifndef HAMISH_TEXT_H
#define HAMISH_TEXT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;

/* Decoding flags. */
#define TEXT_NFC	0x1	/* normalise to NFC */

/*
 * Decodes len bytes of UTF-8 into a new array of code points (caller frees
 * with free()); *n receives its length.  Each ill-formed sequence becomes
 * one U+FFFD and is counted in *nbad (may be NULL).  Never fails: any byte
 * string decodes.
 */
uint32_t	*text_utf8_decode(const char *, size_t, int, size_t *, size_t *);
/*
 * The same into *buf, the caller's array of *cap code points (both may
 * start as NULL and 0), replaced by a larger one when the text needs it
 * (its old contents are not kept), so that a caller decoding paragraph
 * after paragraph allocates only now and then.  The caller frees *buf
 * with free().  Returns the number of code points.
 */
size_t		 text_utf8_decode_buf(const char *, size_t, int, uint32_t **,
		    size_t *, size_t *);
/*
 * Where len bytes of UTF-8 may be cut so that decoding the two pieces
 * (with TEXT_NFC or not) gives what decoding the whole does: before a
 * well-formed code point that NFC leaves alone whatever surrounds it
 * (text_cp_nfc_yes0(); it also ends a stream-safe run).  The last such
 * offset in (0, at], else the first after at, else len.
 */
size_t		 text_utf8_cut(const char *, size_t, size_t);
/* Appends n code points to b as UTF-8. */
void		 text_utf8_encode(struct buf *, const uint32_t *, size_t);

/*
 * Display classes: how a code point occupies terminal cells.
 *   NORMAL   one cell                CONTROL  Cc: shown as a symbol, 1 cell
 *   WIDE     two cells (EAW W/F)     INVALID  unassigned: shown as U+FFFD
 *   MARK     0 cells, drawn on the preceding base (Mn, Me)
 *   IGNORE   0 cells, never drawn (Cf, default-ignorable: ZWJ, LRM, ...)
 */
enum text_cls {
	TEXT_CLS_NORMAL,
	TEXT_CLS_WIDE,
	TEXT_CLS_MARK,
	TEXT_CLS_IGNORE,
	TEXT_CLS_CONTROL,
	TEXT_CLS_INVALID
};

enum text_cls	 text_cp_class(uint32_t);

/* text_cp_props(): the class in the low 3 bits, and these flags. */
#define TEXT_P_SPACE	0x08	/* white space that hangs at a line end */
#define TEXT_P_WORD	0x10	/* letter, mark or digit (L*, M*, N*) */
#define TEXT_P_HARD	0x20	/* a line must break after it (LB4, LB5) */

/*
 * All of the above in one table lookup, for the hot loops of layout:
 * inline, from pages computed once from ICU (text.c, not for callers).
 */
extern _Atomic(uint8_t *) text_prop_pages_[];
unsigned	 text_cp_props_slow(uint32_t);

static inline unsigned
text_cp_props(uint32_t c)
{
	const uint8_t *page;

	if (c <= 0x10FFFF && (page = atomic_load_explicit(
	    &text_prop_pages_[c >> 8], memory_order_acquire)) != NULL)
		return page[c & 0xFF];
	return text_cp_props_slow(c);
}
/* Cells a code point takes on its own: 0, 1 or 2. */
int		 text_cp_width(uint32_t);
/*
 * The code point to put on screen for c: c itself, or a visible stand-in
 * for a control (C0 -> U+2400 + c, DEL -> U+2421, C1 and unassigned ->
 * U+FFFD) so that no document can send a control sequence to a terminal.
 */
uint32_t	 text_cp_visible(uint32_t);
/* A letter, mark or digit (general category L*, M* or N*). */
bool		 text_cp_is_word(uint32_t);
/* White space that hangs at the end of a line (SPACE, TAB, other Zs). */
bool		 text_cp_is_space(uint32_t);
/*
 * Arabic joining (ICU's Joining_Type): whether c joins the letter after
 * it (dual-joining or join-causing: initial and medial forms exist), and
 * whether it joins the letter before it (also right-joining: ا د ر و).
 */
bool		 text_cp_joins_next(uint32_t);
bool		 text_cp_joins_prev(uint32_t);

/* Bidi classes, in the order of ICU's UCharDirection. */
enum text_bidi {
	TEXT_BIDI_L, TEXT_BIDI_R, TEXT_BIDI_EN, TEXT_BIDI_ES, TEXT_BIDI_ET,
	TEXT_BIDI_AN, TEXT_BIDI_CS, TEXT_BIDI_B, TEXT_BIDI_S, TEXT_BIDI_WS,
	TEXT_BIDI_ON, TEXT_BIDI_LRE, TEXT_BIDI_LRO, TEXT_BIDI_AL,
	TEXT_BIDI_RLE, TEXT_BIDI_RLO, TEXT_BIDI_PDF, TEXT_BIDI_NSM,
	TEXT_BIDI_BN, TEXT_BIDI_FSI, TEXT_BIDI_LRI, TEXT_BIDI_RLI,
	TEXT_BIDI_PDI
};

/* The Bidi_Class of c, from ICU's current Unicode data. */
enum text_bidi	 text_cp_bidi(uint32_t);
/*
 * Bidi_Paired_Bracket_Type of c: 0 none, 1 open, 2 close.  For a bracket
 * *id receives the same value for both members of a pair (the opening
 * bracket, canonical equivalents unified: U+2329 and U+3008 match).
 */
int		 text_cp_bracket(uint32_t, uint32_t *);

/*
 * Appends the n bytes of UTF-8 at s to b with every control character
 * (C0 but TAB and LF, DEL, C1) replaced by its visible stand-in, so that
 * text from a document can go to a terminal.  Ill-formed bytes become
 * U+FFFD.  The bidi controls that would reorder what follows them on a
 * terminal that does bidi (embeddings and overrides U+202A..202E,
 * isolates U+2066..2069) are dropped; LRM, RLM and ALM stay.
 */
void		 text_utf8_visible(struct buf *, const char *, size_t);
/*
 * The same for one line of a message (a file name, an option, a value
 * from a config file): TAB, LF and CR shown as symbols too.
 */
void		 text_utf8_visible_line(struct buf *, const char *, size_t);
/*
 * Appends the n bytes at s to b as well-formed UTF-8: each ill-formed
 * sequence (a stray byte such as 0x9B, a truncated or overlong
 * sequence) becomes U+FFFD, and so does the three-byte form of a lone
 * surrogate (what SQLite's JSON functions make of a "\ud800" escape),
 * as one character.  Returns the number of replacements; b gets the
 * bytes unchanged when it is 0.
 */
size_t		 text_utf8_valid(struct buf *, const char *, size_t);
/*
 * Removes from the n bytes at s (in place) what must not travel with
 * copied text: ill-formed bytes, C0 controls but TAB and LF, DEL, C1,
 * and the bidi controls of text_utf8_visible() (embeddings, overrides,
 * isolates; LRM, RLM and ALM stay: they reorder nothing after them and
 * may be what makes a number read right).  Returns the new length.
 * What `y` puts into the clipboard (OSC 52) goes through it.
 */
size_t		 text_utf8_clean(char *, size_t);

/* Break flags, one byte per position 0..n (position i = before s[i]). */
#define TEXT_BRK_GRAPHEME	0x01	/* a grapheme cluster boundary */
#define TEXT_BRK_WORD		0x02	/* a word boundary */
#define TEXT_BRK_LINE		0x04	/* a line may break here */
#define TEXT_BRK_HARD		0x08	/* a line must break here */

/*
 * ORs the requested TEXT_BRK_* kinds into flags[0..n] (n + 1 bytes, the
 * caller's) for the n code points of s.  Position 0 and n are always
 * boundaries of every requested kind except TEXT_BRK_HARD.
 */
void		 text_breaks(const uint32_t *, size_t, unsigned, uint8_t *);
/*
 * True where ICU allows a line break before t[b] (0 < b) but a document
 * does not: after the slash of a UN symbol ("A/67/150", "S/RES/2334",
 * upper case; URLs keep ICU's breaks), before a footnote marker ("⁽¹⁸⁾").
 * The layout and the reader's words both leave those breaks out.
 */
bool		 text_break_unwanted(const uint32_t *, size_t);
/*
 * TEXT_BRK_LINE (and TEXT_BRK_HARD) of the n code points of s a piece at
 * a time, for a caller that may not need them to the end: with flags
 * already complete for positions 0..from (nothing, for from 0), ORs those
 * of positions from + 1 ..  r into flags (n + 1 bytes, the caller's,
 * zeroed before the first call) and returns r, the first boundary at or
 * after upto (n at the latest).  A call that goes on from the r of the
 * thread's last call on the same text continues ICU's iteration; any
 * other starts it at from.  The flags are those text_breaks() gives.
 */
size_t		 text_line_breaks(const uint32_t *, size_t, size_t, size_t,
		    uint8_t *);

/*
 * The functions of this file may be called from several threads at once.
 * Each thread keeps its own ICU break iterators and working memory:
 * text_thread_done() releases the calling thread's (before a thread
 * ends), text_cleanup() those and everything shared (at exit, for leak
 * checks, when no other thread uses this module any more).
 */
void		 text_thread_done(void);
void		 text_cleanup(void);

/* --- charsets (doc importer) --- */

/*
 * Guesses the charset of len bytes with ICU's detector (it looks at the
 * first 64 KiB at most).  Returns ICU's name for it ("UTF-8",
 * "windows-1256", "ISO-8859-6", ...), a static string, and its confidence
 * 0..100 in *confidence (may be NULL); NULL if ICU has no guess.  Only
 * charsets that text_charset_to_utf8() can read are guessed: the best
 * of ICU's guesses that it has a converter for.
 */
const char	*text_charset_detect(const char *, size_t, int *);
/*
 * Converts len bytes in the charset called name (any name or alias ICU
 * knows, e.g. "cp1256", "iso-8859-6", "UTF-16LE") to UTF-8, appended to
 * out.  A byte sequence the charset does not map becomes U+FFFD and is
 * counted in *nbad (may be NULL).  Returns 0, or -1 with *cause (caller
 * frees) when ICU does not know the charset.  A byte order mark is not
 * removed: the caller strips it first.
 */
int		 text_charset_to_utf8(const char *, const char *, size_t,
		    struct buf *, size_t *, char **);
/*
 * Normalises len bytes of well-formed UTF-8 to NFC.  Returns false, and
 * leaves out alone, when the text already is NFC (the common case, found
 * by ICU's quick check without copying); otherwise appends the NFC text to
 * out and returns true.
 */
bool		 text_utf8_nfc(const char *, size_t, struct buf *);

/*
 * The NFC quick check a code point at a time, for an importer that scans
 * its text anyway: text_cp_nfc_yes0(c) is true when c's NFC_Quick_Check
 * is Yes and its canonical combining class 0 (ICU's properties, looked
 * up once per 256-code-point page; false for supplementary code points).
 * A string of such code points is NFC.  A string is NFC for ICU's quick
 * check when every maximal run of the other code points in it passes
 * text_utf8_nfc_run() on its own (text.c says why); else the caller
 * normalises it with text_utf8_nfc().
 */
extern _Atomic uint8_t text_nfc_bmp_[];	/* text.c, not for callers: 1 yes0 */
bool		 text_cp_nfc_yes0_slow(uint32_t);

static inline bool
text_cp_nfc_yes0(uint32_t c)
{
	if (c <= 0xFFFF && atomic_load_explicit(&text_nfc_bmp_[c],
	    memory_order_relaxed) == 1)
		return true;
	return text_cp_nfc_yes0_slow(c);	/* not yes0, or not known */
}
/*
 * Whether ICU's quick check says len bytes of well-formed UTF-8 are NFC;
 * false ("may not be") for more than 64 bytes, a run no text has.
 */
bool		 text_utf8_nfc_run(const char *, size_t);

/* --- folding for search and note anchoring (text-fold.c) --- */

#define TEXT_FOLD_EXACT	0x1	/* no folding: a copy, identity map */

/*
 * Folds the n code points of s (NFC) into out (the caller's, room for n)
 * so that text a user types matches the text of a document the way an
 * Arabic reader expects: Arabic harakat, Quranic marks and tatweel are
 * dropped; alef with hamza above or below, with madda, and alef wasla
 * become a bare alef; alef maksura becomes yeh; teh marbuta becomes
 * heh; Arabic-Indic and Extended Arabic-Indic digits become ASCII
 * digits; everything else is case folded by ICU (simple folding, one
 * code point for one).  The letter equivalences are one table, shared by
 * search and note anchoring.  map (may be NULL; room for n) receives for
 * each folded code point the index in s it came from.  Returns the
 * folded length, at most n.
 */
size_t		 text_fold(const uint32_t *, size_t, int, uint32_t *,
		    size_t *);

/*
 * Folding for comparing two versions of a text (diff.c), one code point
 * at a time: writes what c counts as to out (room for TEXT_DFOLD_MAX)
 * and returns how many code points that is (0: c is not text to
 * compare).  Always: Arabic harakat, Quranic marks and tatweel dropped
 * (the marks of search's table), invisible format controls dropped
 * (general category Cf: LRM, RLM, ALM, ZWJ, ZWNJ, embeddings, isolates,
 * BOM, soft hyphen), every white space and no-break space made U+0020,
 * Arabic-Indic and Extended Arabic-Indic digits made ASCII, Arabic
 * presentation forms replaced by their letters (ICU's NFKC
 * decomposition, folded in turn).  With TEXT_DFOLD_SPELLING also the
 * letter variants a writer may change without changing the word: alef
 * with hamza or madda and alef wasla -> alef, waw and yeh with hamza ->
 * hamza, alef maksura -> yeh, teh marbuta -> heh, Farsi yeh -> yeh,
 * keheh -> kaf, heh goal -> heh, and case (ICU simple folding).
 */
#define TEXT_DFOLD_SPELLING	0x1
#define TEXT_DFOLD_MAX		20
size_t		 text_fold_diff_cp(uint32_t, int, uint32_t *);

/*
 * text_fold_diff_cp(), inline for the code points below U+0700 (ASCII
 * and the Arabic block, nearly all of a document) once the function has
 * folded them: it leaves its answer in text_dfold_[flags][c] (0: not yet;
 * TEXT_DFOLD_NONE: nothing; else the one code point).  Diffing calls it
 * for every code point of both versions.
 */
#define TEXT_DFOLD_CACHED	0x700
#define TEXT_DFOLD_NONE		0x110000
extern _Atomic uint32_t text_dfold_[2][TEXT_DFOLD_CACHED];	/* text-fold.c */

static inline size_t
text_fold_diff(uint32_t c, int flags, uint32_t *out)
{
	uint32_t v;

	if (c < TEXT_DFOLD_CACHED && (v = atomic_load_explicit(
	    &text_dfold_[flags & TEXT_DFOLD_SPELLING][c],
	    memory_order_relaxed)) != 0) {
		if (v == TEXT_DFOLD_NONE)
			return 0;
		out[0] = v;
		return 1;
	}
	return text_fold_diff_cp(c, flags, out);
}

/* --- regular expressions (text-regex.c) --- */

/*
 * ICU's regular expressions over hamish text: a pattern is compiled once
 * and matched against code points, and every offset going in or coming
 * out counts code points, never ICU's UTF-16 units.  Syntax and
 * semantics are ICU's (\d is any decimal digit, \p{Arabic} works,
 * lookbehind must be bounded).
 */
struct text_regex;

/* A span [start, end) of code points; both TEXT_RE_NONE for a group
 * that took no part in the match. */
struct text_match {
	size_t	start;
	size_t	end;
};

#define TEXT_RE_NONE		((size_t)-1)

/* Compile flags. */
#define TEXT_RE_CASELESS	0x1	/* ICU's case-insensitive matching */
#define TEXT_RE_COMMENTS	0x2	/* white space and #comments ignored */

/*
 * Compiles the UTF-8 pattern (borrowed, only during the call).  Returns
 * the regex (caller frees with text_regex_free()), or NULL with *cause
 * (caller frees) naming ICU's error and its offset in the pattern.
 */
struct text_regex *text_regex_new(const char *, int, char **);
void		 text_regex_free(struct text_regex *);
/* The number of capture groups of the pattern (group 0 not counted). */
size_t		 text_regex_groups(const struct text_regex *);
/*
 * Sets the subject of later finds: n code points (copied, so s may go
 * at once), or len bytes of UTF-8 (decoded, not normalised; offsets
 * count the code points of the decoding).  A regex has one subject.
 */
void		 text_regex_set(struct text_regex *, const uint32_t *, size_t);
void		 text_regex_set_utf8(struct text_regex *, const char *, size_t);
/*
 * The leftmost match that starts at or after from and ends at or before
 * to (code points of the subject, from <= to <= its length; lookaround
 * still sees the text outside).  On a match fills m[0] (the whole match)
 * and m[g] for groups 1 .. nm - 1 (groups beyond the pattern's, or that
 * did not take part, are TEXT_RE_NONE) and returns true; else false.
 * Next match: from = m[0].end, or m[0].end + 1 after an empty match.
 */
bool		 text_regex_find(struct text_regex *, size_t, size_t,
		    struct text_match *, size_t);
/*
 * As text_regex_find(), but only a match that starts at at: what a find
 * would return if it began there (lookbehind sees the text before at).
 */
bool		 text_regex_match_at(struct text_regex *, size_t, size_t,
		    struct text_match *, size_t);

#endif
