/*
 * test-words.c - the words the word cursor and the selection move by:
 * line-breaking words (brackets and commas kept with theirs), next and
 * previous across paragraph ends, snapping an offset to its word.
 */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "tap.h"
#include "text.h"
#include "util.h"
#include "words.h"

/* The word starting at p, as UTF-8 (caller frees). */
static char *
word(struct words *w, const struct wpos *p)
{
	const uint32_t *cps;
	struct buf b;
	size_t n, e = words_end(w, p);

	cps = words_text(w, p->block, &n);
	buf_init(&b);
	buf_adds(&b, "");
	text_utf8_encode(&b, cps + p->off, e - p->off);
	return buf_steal(&b);
}

static void
is_word(struct words *w, const struct wpos *p, const char *want,
    const char *what)
{
	char *s = word(w, p);

	is_str(s, want, "%s", what);
	free(s);
}

/* The block holding s, or (size_t)-1. */
static size_t
block_with(const struct doc *d, const char *s)
{
	size_t len;

	for (size_t i = 0; i < doc_block_count(d); i++)
		if (strstr(doc_block_text(d, i, &len), s) != NULL)
			return i;
	return (size_t)-1;
}

static void
test_words(void)
{
	static const char txt[] =
	    "يرحب بتقرير الأمين العام (2010) والتوصيات الواردة فيه،\n"
	    "\n"
	    "يقرر أن يبقي المسألة قيد نظره.\n";
	char *cause = NULL;
	struct doc *d = doc_import(txt, strlen(txt), NULL, &cause);
	struct words *w;
	struct wpos p, q;
	size_t b1, b2, n;
	int k;

	if (!ok(d != NULL, "the document imports")) {
		printf("# %s\n", cause);
		free(cause);
		return;
	}
	w = words_new(d);
	b1 = block_with(d, "يرحب");
	b2 = block_with(d, "يقرر");
	ok(b1 != (size_t)-1 && b2 == b1 + 1, "two paragraphs, one after the "
	    "other");
	p = (struct wpos){ b1, 0 };
	ok(words_at_or_after(w, &p), "a first word");
	is_word(w, &p, "يرحب", "... يرحب");
	ok(words_next(w, &p), "next");
	is_word(w, &p, "بتقرير", "... بتقرير");
	for (k = 0; k < 3 && words_next(w, &p); k++)
		;
	is_word(w, &p, "(2010)", "a year in brackets is one word, "
	    "brackets and all");
	q = p;
	q.off += 2;		/* inside it: the "0" */
	ok(words_snap(w, &q) && wpos_cmp(&q, &p) == 0,
	    "an offset inside snaps to the word's start");
	words_next(w, &p);
	words_next(w, &p);
	words_next(w, &p);
	is_word(w, &p, "فيه،", "the comma stays with its word");
	ok(words_next(w, &p) && p.block == b2, "next crosses the paragraph "
	    "end");
	is_word(w, &p, "يقرر", "... to its first word");
	ok(words_prev(w, &p) && p.block == b1, "previous crosses back");
	is_word(w, &p, "فيه،", "... to the last word");
	p = (struct wpos){ b2, 0 };
	words_at_or_after(w, &p);
	for (q = p; words_next(w, &q); p = q)
		;
	is_word(w, &p, "نظره.", "the last word of the document");
	ok(!words_next(w, &p), "no word after it");
	q = (struct wpos){ b1, 0 };
	words_at_or_after(w, &q);
	ok(!words_prev(w, &q), "none before the first");
	/* the spaces between words belong to none: snap goes on */
	words_text(w, b1, &n);
	p = (struct wpos){ b1, 4 };	/* the space after يرحب */
	ok(words_snap(w, &p), "a space snaps");
	is_word(w, &p, "بتقرير", "... to the next word");
	words_free(w);
	doc_free(d);
}

/* A UN symbol is one word, as on a line: ICU would break after its
 * slashes.  A URL in lower case keeps ICU's breaks. */
static void
test_symbols(void)
{
	static const char txt[] =
	    "التقرير السابق (A/65/209) وقرار مجلس الأمن S/RES/2334 "
	    "وانظر www.un.org/ar/ga\n";
	struct doc *d = doc_import(txt, strlen(txt), NULL, NULL);
	struct words *w;
	struct wpos p;
	int k;

	if (!ok(d != NULL, "a document with symbols imports"))
		return;
	w = words_new(d);
	p = (struct wpos){ 0, 0 };
	words_at_or_after(w, &p);
	for (k = 0; k < 2; k++)
		words_next(w, &p);
	is_word(w, &p, "(A/65/209)", "a symbol in brackets is one word, "
	    "brackets and all");
	for (k = 0; k < 4; k++)
		words_next(w, &p);
	is_word(w, &p, "S/RES/2334", "S/RES/2334 is one word");
	for (k = 0; k < 2; k++)
		words_next(w, &p);
	is_word(w, &p, "www.un.org/", "a URL breaks after its slash, as ICU "
	    "says");
	words_free(w);
	doc_free(d);
}

int
main(void)
{
	test_words();
	test_symbols();
	text_cleanup();
	return tap_done();
}
