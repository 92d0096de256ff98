/*
 * refs.h - the cross-references of a document.
 *
 * Pure C over doc.h and text.h (patterns through ICU's regular
 * expressions, which only text*.c may call): no terminal, no SQLite.
 * Finds in each block of a document, in reading order:
 *
 *   footnote    a footnote marker (⁽¹⁸⁾, (١), *)  -> its footnote block
 *   paragraph   a paragraph of this document: الفقرة 12, الفقرة ١٢,
 *               الفقرتين 3 و4, الفقرات من 5 إلى 9, الفقرة 12 (ب),
 *               الفقرة الفرعية (أ), with أعلاه/أدناه; paragraph 12,
 *               paras. 3-5  -> the paragraph (one reference per number
 *               written; in a document whose numbering restarts per
 *               section, the paragraph of the same section first)
 *   instrument  a paragraph of another instrument: الفقرة 5 من المادة 9
 *               من بروتوكول ..., paragraph 2 of article 6 ... -> nothing
 *               here: it must never jump inside this document
 *   symbol      a document symbol: A/67/150, A/HRC/20/18, E/2024/27,
 *               CTOC/COP/WG.4/2019/4, A/C.3/79/L.25/Rev.1 (with its
 *               Rev./Corr./Add. parts)
 *   resolution  a General Assembly resolution: in Arabic UN text
 *               number/session (القرار 190/65, قرارها ١٩٠/٦٥) ->
 *               A/RES/65/190; in English session/number (resolution
 *               65/190)
 *   sc-resolution  a Security Council resolution: قرار مجلس الأمن
 *               1325 (2000), Security Council resolution 1325 (2000)
 *               -> S/RES/1325 (2000)
 *   article     an article of a convention (المادة 6 من الاتفاقية):
 *               recognised, not followed
 *
 * Offsets count code points of doc_block_text(), as everywhere.
 */
#ifndef HAMISH_REFS_H
#define HAMISH_REFS_H

#include <stdbool.h>
#include <stddef.h>

struct buf;
struct doc;

enum ref_kind {
	REF_FOOTNOTE,
	REF_PARA,
	REF_INSTRUMENT,
	REF_SYMBOL,
	REF_RES_GA,
	REF_RES_SC,
	REF_ARTICLE
};

/* "footnote", "paragraph", "instrument", "symbol", "resolution",
 * "sc-resolution", "article" (static). */
const char	*ref_kind_name(enum ref_kind);

/* One reference, a plain value; strings borrowed from the refs. */
struct ref {
	enum ref_kind	 kind;
	size_t		 block;		/* the block it is written in */
	size_t		 start;		/* code points [start, end) */
	size_t		 end;
	const char	*text;		/* as written */
	/*
	 * What it points to: footnote label ("18", "*"), paragraph address
	 * ("12", "12(b)", "4.12"), symbol ("A/67/150", "A/RES/65/190",
	 * "S/RES/1325 (2000)"), article number ("6").
	 */
	const char	*target;
	long		 target_block;	/* in this document, or -1 */
};

struct refs;

/* Every reference of d (borrowed; it must outlive the refs). */
struct refs	*refs_find(const struct doc *);
/*
 * The same with flags: REFS_EXHAUSTIVE tries every pattern at every
 * position, without the hints that make refs_find() fast (refs.c): what
 * the tests compare refs_find() with.
 */
#define REFS_EXHAUSTIVE	0x1
/* Also for tests: a huge block read whole, or in windows of 8 KB rather
 * than 256 KB (refs.c, scan_block()). */
#define REFS_WHOLE		0x2
#define REFS_SMALL_WINDOWS	0x4
struct refs	*refs_find_flags(const struct doc *, int);
void		 refs_free(struct refs *);
size_t		 refs_count(const struct refs *);
/* Reference i, in reading order (block, then start). */
const struct ref *refs_get(const struct refs *, size_t);
/* The references written in block i: *first and the count. */
size_t		 refs_in_block(const struct refs *, size_t, size_t *);
/*
 * Backlinks: the references that point to block i (a paragraph or a
 * footnote), in reading order; up to max indexes into out, returns how
 * many there are.
 */
size_t		 refs_to(const struct refs *, size_t, size_t *, size_t);

/*
 * `hamish refs`: one line per reference, "SOURCE<TAB>KIND<TAB>TEXT<TAB>
 * TARGET<TAB>WHERE" (SOURCE the address of its block or "-", WHERE
 * "here" when it resolves in this document, "library" when
 * in_library(target) says so, else "-"), or with json one object
 * {"refs": [...]} and a newline.  in_library may be NULL.
 */
void		 refs_print(struct buf *, const struct doc *,
		    const struct refs *, bool,
		    bool (*)(const char *, void *), void *);

#endif
