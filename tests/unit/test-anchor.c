/*
 * test-anchor.c - anchors on the four real seed documents, resolved
 * against revisions made here by editing the seed's bytes before
 * doc_import(): words changed elsewhere in the paragraph, a paragraph
 * inserted before, a numbered paragraph deleted and those after it
 * renumbered, the quote reworded slightly (one or two words, words grown
 * at both ends), heavily, or deleted, the sentence moved to another
 * paragraph, the quote duplicated with other and with the same context,
 * harakat and alef forms changed, a paragraph deleted under its note,
 * a short quote changed or deleted while look-alikes remain elsewhere.
 * Seed 000 has no footnotes: a sub-paragraph stands in.  Every place
 * found is checked
 * against a reference found here independently (the unique occurrence
 * of the expected words in the revised document's block text), never
 * against offsets typed in by hand.  Also: the bit-vector edit distance
 * against a plain O(mn) dynamic programme on random strings, status
 * names, hashes and offsets, and 1,000 anchors resolved in one go.
 *
 * Run from the repository root; the corpus is $HAMISH_CORPUS, by default
 * tests/corpus.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "anchor.h"
#include "doc.h"
#include "rnd.h"
#include "tap.h"
#include "corpus.h"
#include "text.h"
#include "util.h"

/* In anchor.c for this program only (not part of anchor.h). */
void	anchor_test_edit_ends(const uint32_t *, size_t, const uint32_t *,
	    size_t, bool, size_t *);

#define ST(s)		(1u << (s))
#define FOUND		(ST(ANCHOR_EXACT) | ST(ANCHOR_MOVED))
#define LOST		(ST(ANCHOR_REVIEW) | ST(ANCHOR_ORPHAN))
#define QWORDS		10	/* words of the phrase quoted */
#define MARGIN_CP	40	/* code points kept either side of it */

/* One seed and the blocks annotated in it. */
struct seed {
	const char	*file;
	const char	*para;		/* address: a phrase is quoted */
	const char	*whole;		/* address: a paragraph note */
	const char	*foot;		/* address: footnote (or subpara) */
	bool		 one_line;	/* a paragraph is one source line */
};

static const struct seed seeds[] = {
	{ "000_81311ed4a92fdab7.txt", "12", "20", "54(a)", true },
	{ "001_9cffd64b9ac82079.txt", "5", "7", "fn37", false },
	{ "002_a2ddec63a1cf2f60.txt", "6", "7", "fn2", false },
	{ "003_50053b280e36211a.txt", "1.2", "1.8", "fn5", false }
};

/* Words [w0, w0 + n) of a block: where they are and what they say. */
struct phrase {
	size_t		 block;
	size_t		 start, end;	/* code points */
	char		*text;		/* UTF-8, owned */
};

/* --- helpers --- */

/* The bytes of corpus file name (caller frees), or NULL after a failed
 * test. */
static char *
load_raw(const char *name, size_t *len)
{
	char *path, *cause = NULL, *raw = NULL;

	path = xasprintf("%s/%s", corpus_dir(), name);
	if (util_file_read(path, &raw, len, &cause) != 0) {
		ok(0, "read %s: %s", name, cause);
		free(cause);
		raw = NULL;
	}
	free(path);
	return raw;
}

/* doc_import() of raw (caller frees with doc_free()), or NULL after a
 * failed test; raw NULL is a revision that could not be made. */
static struct doc *
import(const char *raw, size_t len, const char *what)
{
	struct doc *d;
	char *cause = NULL;

	if (raw == NULL)
		return NULL;
	if ((d = doc_import(raw, len, NULL, &cause)) == NULL) {
		ok(0, "import %s: %s", what, cause);
		free(cause);
	}
	return d;
}

/* The first m bytes of needle in n bytes of hay, or NULL. */
static const char *
find_bytes(const char *hay, size_t n, const char *needle, size_t m)
{
	const char *p, *end = hay + n;

	if (m == 0 || m > n)
		return NULL;
	for (p = hay; (size_t)(end - p) >= m; p++) {
		if ((p = memchr(p, needle[0], (size_t)(end - p) - m + 1)) ==
		    NULL)
			return NULL;
		if (memcmp(p, needle, m) == 0)
			return p;
	}
	return NULL;
}

/* Occurrences of needle in n bytes of hay. */
static size_t
count_in(const char *hay, size_t n, const char *needle)
{
	size_t k = 0, m = strlen(needle);
	const char *p = hay, *end = hay + n;

	if (m == 0)
		return 0;
	while ((p = find_bytes(p, (size_t)(end - p), needle, m)) != NULL) {
		k++;
		p += 1;
	}
	return k;
}

/* Occurrences of needle in all block texts of d. */
static size_t
count_doc(const struct doc *d, const char *needle)
{
	size_t b, len, k = 0;
	const char *t;

	for (b = 0; b < doc_block_count(d); b++) {
		t = doc_block_text(d, b, &len);
		k += count_in(t, len, needle);
	}
	return k;
}

/*
 * The reference place of want in d: the block and code point offset of
 * its one occurrence in block text (false unless there is exactly one).
 */
static bool
ref_find(const struct doc *d, const char *want, size_t *block,
    size_t *start)
{
	size_t b, len;
	const char *t, *p;

	if (count_doc(d, want) != 1)
		return false;
	for (b = 0; b < doc_block_count(d); b++) {
		t = doc_block_text(d, b, &len);
		if ((p = find_bytes(t, len, want, strlen(want))) != NULL) {
			*block = b;
			*start = utf8_count(t, (size_t)(p - t));
			return true;
		}
	}
	return false;
}

/*
 * raw with the one occurrence of old replaced by new (caller frees),
 * or NULL when old does not occur exactly once.
 */
static char *
subst(const char *raw, size_t len, const char *old, const char *new,
    size_t *outlen)
{
	struct buf b;
	const char *p;

	if (raw == NULL || count_in(raw, len, old) != 1)
		return NULL;
	p = find_bytes(raw, len, old, strlen(old));
	buf_init(&b);
	buf_add(&b, raw, (size_t)(p - raw));
	buf_adds(&b, new);
	p += strlen(old);
	buf_add(&b, p, len - (size_t)(p - raw));
	*outlen = b.len;
	return buf_steal(&b);
}

/* Byte offset where 1-based line starts in raw, or len. */
static size_t
line_offset(const char *raw, size_t len, size_t line)
{
	size_t i, l = 1;

	for (i = 0; i < len && l < line; i++)
		if (raw[i] == '\n')
			l++;
	return i;
}

/* raw without source lines [from, to) (caller frees). */
static char *
cut_lines(const char *raw, size_t len, size_t from, size_t to,
    size_t *outlen)
{
	struct buf b;
	size_t s = line_offset(raw, len, from), e = line_offset(raw, len, to);

	buf_init(&b);
	buf_add(&b, raw, s);
	buf_add(&b, raw + e, len - e);
	*outlen = b.len;
	return buf_steal(&b);
}

/* raw with text inserted at byte off (caller frees). */
static char *
insert_at(const char *raw, size_t len, size_t off, const char *text,
    size_t *outlen)
{
	struct buf b;

	buf_init(&b);
	buf_add(&b, raw, off);
	buf_adds(&b, text);
	buf_add(&b, raw + off, len - off);
	*outlen = b.len;
	return buf_steal(&b);
}

/* Spans of the words (runs without U+0020) of cp[0..n). */
static size_t
words_of(const uint32_t *cp, size_t n, size_t *ws, size_t *we)
{
	size_t i = 0, k = 0;

	while (i < n) {
		while (i < n && cp[i] == ' ')
			i++;
		if (i == n)
			break;
		ws[k] = i;
		while (i < n && cp[i] != ' ')
			i++;
		we[k++] = i;
	}
	return k;
}

/*
 * Picks nw words of block b that start at least margin code points into
 * it and end margin before its end, outside [avs, ave), whose bytes are
 * unique both in raw and in the document's text.  first: the first such
 * run, else the last.
 */
static bool
pick(const struct doc *d, const char *raw, size_t rawlen, size_t b,
    size_t nw, size_t margin, size_t avs, size_t ave, bool first,
    struct phrase *out)
{
	uint32_t *cp;
	size_t n, nwords, *ws, *we, i, w;
	char *t;
	bool found = false;

	cp = block_cps(d, b, &n);
	ws = xreallocarray(NULL, n + 1, sizeof *ws);
	we = xreallocarray(NULL, n + 1, sizeof *we);
	nwords = words_of(cp, n, ws, we);
	for (i = 0; !found && i + nw <= nwords; i++) {
		w = first ? i : nwords - nw - i;
		if (ws[w] < margin || n - we[w + nw - 1] < margin)
			continue;
		if (ws[w] < ave && avs < we[w + nw - 1])
			continue;
		t = block_slice(d, b, ws[w], we[w + nw - 1]);
		if (count_in(raw, rawlen, t) == 1 && count_doc(d, t) == 1) {
			out->block = b;
			out->start = ws[w];
			out->end = we[w + nw - 1];
			out->text = t;
			found = true;
		} else
			free(t);
	}
	free(cp);
	free(ws);
	free(we);
	return found;
}

/* The quote with words at the given indexes replaced (caller frees). */
static char *
reword(const char *quote, const size_t *idx, const char *const *with,
    size_t nidx)
{
	struct buf b;
	const char *p = quote, *q;
	size_t w = 0, i;

	buf_init(&b);
	while (*p != '\0') {
		q = strchr(p, ' ');
		if (q == NULL)
			q = p + strlen(p);
		for (i = 0; i < nidx && idx[i] != w; i++)
			;
		if (i < nidx)
			buf_adds(&b, with[i]);
		else
			buf_add(&b, p, (size_t)(q - p));
		if (*q == ' ')
			buf_addc(&b, ' ');
		p = *q == ' ' ? q + 1 : q;
		w++;
	}
	buf_addc(&b, '\0');
	return buf_steal(&b);
}

/* Word i of s (words split at spaces), a new string (caller frees). */
static char *
word_at(const char *s, size_t i)
{
	const char *q;

	for (; i > 0 && (q = strchr(s, ' ')) != NULL; i--)
		s = q + 1;
	q = strchr(s, ' ');
	return xstrndup(s, q != NULL ? (size_t)(q - s) : strlen(s));
}

/*
 * The quote with a fatha after every third letter not already followed
 * by a mark, and the alef of its first "ال" made alef with hamza above
 * (caller frees).  Still NFC.
 */
static char *
decorate(const char *quote)
{
	struct buf b;
	uint32_t *cp;
	size_t n, i, letters = 0;
	bool alef_done = false;

	cp = text_utf8_decode(quote, strlen(quote), 0, &n, NULL);
	buf_init(&b);
	for (i = 0; i < n; i++) {
		uint32_t c = cp[i];

		if (!alef_done && c == 0x0627 && i + 1 < n &&
		    cp[i + 1] == 0x0644 && (i == 0 || cp[i - 1] == ' ')) {
			c = 0x0623;
			alef_done = true;
		}
		buf_add_utf8(&b, c);
		if (c >= 0x0621 && c <= 0x064A && ++letters % 3 == 0 &&
		    (i + 1 == n || cp[i + 1] < 0x064B || cp[i + 1] > 0x065F))
			buf_add_utf8(&b, 0x064E);
	}
	buf_addc(&b, '\0');
	free(cp);
	return buf_steal(&b);
}

/* Name of a status, for messages (static). */
static const char *
status_str(enum anchor_status s)
{
	return anchor_status_name(s);
}

/*
 * Resolves a against ad2 and checks the status is one of allowed and,
 * unless orphan, that the place is the reference: the one occurrence of
 * want in the revised text (want NULL: only the block wantb, if not
 * -1).  Returns the match.
 */
static struct anchor_match
check(struct anchor_doc *ad2, const struct anchor *a, unsigned allowed,
    const char *want, long wantb, const char *what)
{
	const struct doc *d2 = anchor_doc_doc(ad2);
	struct anchor_match m;
	size_t rb = 0, rs = 0;
	char *got = NULL;
	bool good;

	anchor_resolve(ad2, a, &m);
	good = (allowed & ST(m.status)) != 0;
	if (!ok(good, "%s: status %s", what, status_str(m.status)))
		printf("#   score %.3f\n", m.score);
	if (m.status == ANCHOR_ORPHAN)
		return m;
	ok(m.start < m.end || (a->whole && m.start == m.end),
	    "%s: a non-empty place", what);
	got = block_slice(d2, m.block, m.start, m.end);
	if (want != NULL) {
		if (!ok(ref_find(d2, want, &rb, &rs), "%s: reference found",
		    what))
			printf("#   want '%s'\n", want);
		is_str(got, want, "%s: the words", what);
		ok(m.block == rb && m.start == rs,
		    "%s: block %zu start %zu (reference %zu %zu)", what,
		    m.block, m.start, rb, rs);
	} else if (wantb >= 0)
		is_int(m.block, wantb, "%s: block", what);
	free(got);
	return m;
}

/* --- the approximate search against a plain dynamic programme --- */

/* D[m][j] for j = 0..n, free start (search) or anchored start. */
static void
dp_ends(const uint32_t *p, size_t m, const uint32_t *t, size_t n,
    bool anchored, size_t *out)
{
	size_t *col, i, j, diag, up, v;

	col = xreallocarray(NULL, m + 1, sizeof *col);
	for (i = 0; i <= m; i++)
		col[i] = i;
	out[0] = col[m];
	for (j = 1; j <= n; j++) {
		diag = col[0];
		col[0] = anchored ? j : 0;
		for (i = 1; i <= m; i++) {
			up = col[i];
			v = diag + (p[i - 1] != t[j - 1]);
			if (up + 1 < v)
				v = up + 1;
			if (col[i - 1] + 1 < v)
				v = col[i - 1] + 1;
			col[i] = v;
			diag = up;
		}
		out[j] = col[m];
	}
	free(col);
}

/*
 * D[m][j] of the bit-vector search, both modes, against dp_ends() on
 * random strings over a small alphabet: patterns of one word and of
 * several, texts with a mutated copy of the pattern planted.
 */
static void
test_myers(void)
{
	/* A small alphabet, so that matches happen; two code points
	 * above U+06FF take the hashed path of the table. */
	static const uint32_t alpha[] = {
		0x0627, 0x0644, 0x0645, 0x0646, 0x0628, 0x0020, 0x2019,
		0x10400
	};
	uint32_t p[200], t[400];
	size_t got[401], want[401], m, n, i, k, bad[2] = { 0, 0 };
	size_t cases = 0, multi = 0;
	int mode;

	for (k = 0; k < 600; k++) {
		uint32_t na = 2 + rnd(UTIL_NELEM(alpha) - 1);

		/* Mostly short patterns, a third longer than one word. */
		m = k % 3 == 0 ? 65 + rnd(130) : 1 + rnd(64);
		n = rnd(400);
		for (i = 0; i < m; i++)
			p[i] = alpha[rnd(na)];
		for (i = 0; i < n; i++)
			t[i] = alpha[rnd(na)];
		/* Plant a mutated copy of the pattern now and then. */
		if (n > m && k % 2 == 0) {
			size_t at = rnd((uint32_t)(n - m));
			for (i = 0; i < m; i++)
				t[at + i] = rnd(8) == 0 ? alpha[rnd(na)] :
				    p[i];
		}
		multi += m > 64;
		for (mode = 0; mode < 2; mode++) {
			anchor_test_edit_ends(p, m, t, n, mode, got);
			dp_ends(p, m, t, n, mode, want);
			for (i = 0; i <= n && got[i] == want[i]; i++)
				;
			if (i <= n && bad[mode]++ < 3)
				printf("# m %zu n %zu mode %d: j %zu got %zu "
				    "want %zu\n", m, n, mode, i, got[i],
				    want[i]);
		}
		cases++;
	}
	is_int(bad[0], 0, "myers search: %zu random cases (%zu over 64 "
	    "code points) equal the dynamic programme", cases, multi);
	is_int(bad[1], 0, "myers anchored: %zu random cases equal the "
	    "dynamic programme", cases);
}

/* --- names, hashes, offsets --- */

/* Status names and their parser, both ways. */
static void
test_names(void)
{
	enum anchor_status s, back;
	static const char *const names[] = {
		"exact", "moved", "fuzzy", "needs-review", "orphan"
	};

	for (s = ANCHOR_EXACT; s <= ANCHOR_ORPHAN; s++) {
		is_str(anchor_status_name(s), names[s], "status %d name", s);
		back = ANCHOR_ORPHAN;
		ok(anchor_status_parse(anchor_status_name(s), &back) &&
		    back == s, "status %s parses back", names[s]);
	}
	ok(!anchor_status_parse("review", &back), "no status \"review\"");
	ok(!anchor_status_parse("", &back), "no status \"\"");
	is_str(anchor_status_name((enum anchor_status)99), "",
	    "name of no status");
}

/* Document hash (same blocks, same hash, whatever the encoding),
 * offsets of blocks, fingerprints of folded text. */
static void
test_hashes(void)
{
	struct doc *d, *d2;
	struct anchor_doc *ad, *ad2;
	char *raw, *path, *cause = NULL;
	size_t len, i, n, ncp, good = 0;
	const char *t;
	uint64_t h;

	raw = load_raw(seeds[1].file, &len);
	d = import(raw, len, "001");
	d2 = import(raw, len, "001 again");
	if (d == NULL || d2 == NULL)
		return;
	ad = anchor_doc_new(d);
	ad2 = anchor_doc_new(d2);
	h = anchor_doc_hash(ad);
	ok(h == anchor_doc_hash(ad2), "doc hash: same bytes, same hash");
	ok(h == anchor_doc_hash(ad), "doc hash: cached value stable");
	anchor_doc_free(ad2);
	doc_free(d2);
	/* Other encodings and line ends of the same document. */
	path = xasprintf("%s/encoded/001.utf16be.txt", corpus_dir());
	if ((d2 = doc_import_file(path, NULL, &cause)) != NULL) {
		ad2 = anchor_doc_new(d2);
		ok(anchor_doc_hash(ad2) == h,
		    "doc hash: UTF-16BE copy hashes the same");
		anchor_doc_free(ad2);
		doc_free(d2);
	} else {
		ok(0, "import %s: %s", path, cause);
		free(cause);
	}
	free(path);
	n = doc_block_count(d);
	is_int(anchor_doc_offset(ad, 0), 0, "offset of block 0");
	for (i = 0; i < n; i++) {
		t = doc_block_text(d, i, &len);
		ncp = utf8_count(t, len);
		good += anchor_doc_offset(ad, i + 1) ==
		    anchor_doc_offset(ad, i) + ncp + 1;
	}
	is_int(good, n, "offsets: blocks joined by one newline");
	ok(anchor_fingerprint("أَلْـقُـرْآن", strlen("أَلْـقُـرْآن")) ==
	    anchor_fingerprint("القران", strlen("القران")),
	    "fingerprint: harakat, tatweel, alef forms ignored");
	ok(anchor_fingerprint("القران", strlen("القران")) !=
	    anchor_fingerprint("القرار", strlen("القرار")),
	    "fingerprint: a different letter counts");
	anchor_doc_free(ad);
	doc_free(d);
	free(raw);
}

/*
 * Anchors filled in by hand (store.c reads them from rows, a W3C import
 * may have a quote and nothing else): missing strings, a block beyond
 * the end, offsets out of range.  Never a crash; a quote alone is found.
 */
static void
test_handmade(void)
{
	struct doc *d;
	struct anchor_doc *ad;
	struct anchor a, made;
	struct anchor_match m;
	char *raw, *t;
	size_t len, b;

	raw = load_raw(seeds[2].file, &len);
	if ((d = import(raw, len, "002")) == NULL)
		return;
	ad = anchor_doc_new(d);
	memset(&a, 0, sizeof a);
	anchor_resolve(ad, &a, &m);
	is_str(status_str(m.status), "orphan", "hand-made: zeroed anchor");
	a.whole = true;
	a.block = 100000;
	anchor_resolve(ad, &a, &m);
	is_str(status_str(m.status), "orphan", "hand-made: zeroed whole "
	    "anchor beyond the end");
	anchor_clear(&a);
	anchor_clear(&a);
	ok(a.exact == NULL, "hand-made: anchor_clear() twice");

	b = (size_t)doc_addr_find(d, "12");
	anchor_make(ad, b, 20, 80, false, &made);
	memset(&a, 0, sizeof a);
	a.exact = made.exact;		/* borrowed: no anchor_clear(&a) */
	a.block = 100000;
	a.start = 5;
	a.end = 2;
	anchor_resolve(ad, &a, &m);
	t = block_slice(d, m.block, m.start, m.end);
	ok(m.status == ANCHOR_MOVED && m.block == b && m.start == 20 &&
	    m.end == 80, "hand-made: a quote alone is found (%s)",
	    status_str(m.status));
	is_str(t, made.exact, "hand-made: its words");
	free(t);
	a.doc_hash = made.doc_hash;	/* same text, offsets that lie */
	a.block = b;
	a.start = 21;
	a.end = 81;
	anchor_resolve(ad, &a, &m);
	ok(m.status != ANCHOR_EXACT || (m.start == 20 && m.end == 80),
	    "hand-made: same hash, wrong offsets not taken as they are");
	ok(m.start == 20 && m.end == 80, "hand-made: found where it is "
	    "(%s)", status_str(m.status));
	anchor_clear(&made);
	anchor_doc_free(ad);
	doc_free(d);
	free(raw);
}

/* --- the seeds --- */

/* The label of block b made new (caller frees), NULL if it is not on
 * b's first source line as "label -" or "-label". */
static char *
relabel(const struct doc *d, size_t b, const char *raw, size_t len,
    const char *new, size_t *outlen)
{
	const char *label = doc_block_label(d, b), *line, *eol, *p;
	struct buf out;
	size_t off, m;
	bool dash_first;

	if (label == NULL)
		return NULL;
	m = strlen(label);
	off = line_offset(raw, len, doc_block_line(d, b));
	line = raw + off;
	if ((eol = memchr(line, '\n', len - off)) == NULL)
		eol = raw + len;
	/* The label, not a digit either side, a dash on one side. */
	for (p = line; p + m <= eol; p++) {
		if (memcmp(p, label, m) != 0)
			continue;
		dash_first = p > line && p[-1] == '-';
		if (!dash_first && !(p + m + 1 < eol && p[m] == ' ' &&
		    p[m + 1] == '-'))
			continue;
		if ((p > line && (p[-1] & 0x80) == 0 && p[-1] >= '0' &&
		    p[-1] <= '9') || (p + m < eol && ((p[m] >= '0' &&
		    p[m] <= '9') || (unsigned char)p[m] == 0xD9)))
			continue;
		break;
	}
	if (p + m > eol)
		return NULL;
	buf_init(&out);
	buf_add(&out, raw, (size_t)(p - raw));
	buf_adds(&out, new);
	buf_add(&out, p + m, len - (size_t)(p + m - raw));
	*outlen = out.len;
	return buf_steal(&out);
}

/*
 * raw with the numbered paragraphs from block from on (to the end of its
 * section where numbering restarts in each section) numbered by more,
 * in the digits of their labels (caller frees); NULL if a label was not
 * found.
 */
static char *
renumber_from(const struct doc *d, size_t from, long by, const char *raw,
    size_t len, size_t *outlen)
{
	const char *addr = doc_block_address(d, from), *lab;
	bool restart = addr != NULL && strchr(addr, '.') != NULL;
	char *cur, *next, *new;
	size_t curlen = len, b, i, nlen;
	struct buf num;

	cur = xstrndup(raw, len);
	for (b = doc_block_count(d); b-- > from; ) {
		if (doc_block_kind(d, b) != DOC_PARA || (restart &&
		    doc_block_section(d, b) != doc_block_section(d, from)))
			continue;
		lab = doc_block_label(d, b);
		new = xasprintf("%ld", doc_block_number(d, b) + by);
		if (lab != NULL && (unsigned char)lab[0] >= 0x80) {
			/* Arabic-Indic digits, like the label. */
			buf_init(&num);
			for (i = 0; new[i] != '\0'; i++)
				buf_add_utf8(&num,
				    0x0660 + (uint32_t)(new[i] - '0'));
			free(new);
			new = buf_steal(&num);
		}
		next = relabel(d, b, cur, curlen, new, &nlen);
		free(new);
		free(cur);
		if (next == NULL)
			return NULL;
		cur = next;
		curlen = nlen;
	}
	*outlen = curlen;
	return cur;
}

/*
 * A new paragraph inserted before block b: at the first source line, from
 * b's own upwards, where it becomes a block of its own (caller frees).
 */
static char *
insert_para(const struct doc *d, size_t b, const char *raw, size_t len,
    const char *para, size_t *outlen)
{
	struct doc *d2;
	char *r2, *text, *cause = NULL;
	size_t line, off, n, k;
	bool own;

	text = xasprintf("\n%s\n\n", para);
	for (line = doc_block_line(d, b); line > 0 &&
	    line + 30 > doc_block_line(d, b); line--) {
		off = line_offset(raw, len, line);
		r2 = insert_at(raw, len, off, text, &n);
		if ((d2 = doc_import(r2, n, NULL, &cause)) == NULL) {
			free(cause);
			cause = NULL;
			free(r2);
			continue;
		}
		for (own = false, k = 0; k < doc_block_count(d2) && !own; k++)
			own = strcmp(doc_block_text(d2, k, NULL), para) == 0 &&
			    k <= b;
		own = own && doc_block_count(d2) == doc_block_count(d) + 1;
		doc_free(d2);
		if (own) {
			free(text);
			*outlen = n;
			return r2;
		}
		free(r2);
	}
	free(text);
	return NULL;
}

/* Block at address addr, or -1 after a failed test. */
static long
block_at(const struct doc *d, const char *addr, const char *what)
{
	long b = doc_addr_find(d, addr);

	if (b < 0 && strncmp(addr, "fn", 2) == 0)
		b = doc_footnote_find(d, addr + 2);
	ok(b >= 0, "%s: block %s found", what, addr);
	return b;
}

/*
 * The revisions of one seed, each made from the original bytes, and the
 * four anchors made on the original resolved against each: a phrase of
 * QWORDS words in sd->para, the paragraph sd->whole, three words of and
 * the whole of sd->foot.
 */
static void
test_seed(const struct seed *sd)
{
	struct doc *d, *d2;
	struct anchor_doc *ad, *ad2;
	struct anchor qa, wa, fa, fw;
	struct phrase q, x, f, y;
	struct anchor_match m;
	char *raw, *r2, *r3, *s, *t;
	const char *name = sd->file;
	size_t len, len2, len3, pb, gone;
	long bq, bw, bf;
	bool have_x;
	char what[160];

	memset(&q, 0, sizeof q);
	memset(&x, 0, sizeof x);
	memset(&f, 0, sizeof f);
	raw = load_raw(name, &len);
	if ((d = import(raw, len, name)) == NULL) {
		free(raw);
		return;
	}
	ad = anchor_doc_new(d);
	bq = block_at(d, sd->para, name);
	bw = block_at(d, sd->whole, name);
	bf = block_at(d, sd->foot, name);
	if (bq < 0 || bw < 0 || bf < 0)
		goto out_doc;
	if (!ok(pick(d, raw, len, (size_t)bq, QWORDS, MARGIN_CP, 0, 0, false,
	    &q), "%s: a quote of %d words in %s", name, QWORDS, sd->para))
		goto out_doc;
	/* Two words elsewhere in the paragraph, before the quote if
	 * possible, away from its context. */
	have_x = pick(d, raw, len, (size_t)bq, 2, 0,
	    q.start > MARGIN_CP ? q.start - MARGIN_CP : 0,
	    q.end + MARGIN_CP, true, &x);
	ok(have_x, "%s: two other words in %s", name, sd->para);
	ok(pick(d, raw, len, (size_t)bf, 3, 0, 0, 0, true, &f),
	    "%s: three words in %s", name, sd->foot);
	printf("# %s: quote [%zu, %zu) of block %ld: %s\n", name, q.start,
	    q.end, bq, q.text);

	anchor_make(ad, (size_t)bq, q.start, q.end, false, &qa);
	anchor_make(ad, (size_t)bw, 0, 0, true, &wa);
	anchor_make(ad, f.block, f.start, f.end, false, &fa);
	anchor_make(ad, (size_t)bf, 0, 0, true, &fw);
	is_str(qa.exact, q.text, "%s: anchor quote", name);
	is_str(qa.para, sd->para, "%s: anchor address", name);
	t = (char *)doc_block_text(d, (size_t)bq, &len2);
	ok(qa.para_fp == anchor_fingerprint(t, len2), "%s: anchor "
	    "fingerprint", name);
	ok(strlen(qa.prefix) > 0 && utf8_count(qa.prefix,
	    strlen(qa.prefix)) == ANCHOR_CONTEXT, "%s: prefix of %d code "
	    "points", name, ANCHOR_CONTEXT);
	ok(wa.whole && wa.start == 0 && wa.prefix[0] == '\0' &&
	    wa.suffix[0] == '\0', "%s: whole anchor", name);

	/* (a) The same document. */
	snprintf(what, sizeof what, "%s same", name);
	m = check(ad, &qa, ST(ANCHOR_EXACT), q.text, -1, what);
	ok(m.start == q.start && m.end == q.end && m.score == 1.0,
	    "%s: same offsets", what);
	check(ad, &wa, ST(ANCHOR_EXACT), NULL, bw, what);
	check(ad, &fa, ST(ANCHOR_EXACT), f.text, -1, what);
	check(ad, &fw, ST(ANCHOR_EXACT), NULL, bf, what);
	/* ... and a fresh import of the same bytes: same hash. */
	d2 = import(raw, len, name);
	ad2 = anchor_doc_new(d2);
	check(ad2, &qa, ST(ANCHOR_EXACT), q.text, -1, what);
	anchor_doc_free(ad2);
	doc_free(d2);

	/* (b) Two words changed elsewhere in the paragraph. */
	if (have_x && (r2 = subst(raw, len, x.text, "كلمتان بديلتان",
	    &len2)) != NULL) {
		snprintf(what, sizeof what, "%s words changed elsewhere",
		    name);
		d2 = import(r2, len2, what);
		ad2 = anchor_doc_new(d2);
		check(ad2, &qa, FOUND, q.text, -1, what);
		/* The paragraph note follows with the changed text. */
		anchor_clear(&wa);
		anchor_make(ad, (size_t)bq, 0, 0, true, &wa);
		m = check(ad2, &wa, ST(ANCHOR_FUZZY), NULL, bq, what);
		ok(m.score >= 0.85 && m.score < 1.0,
		    "%s: paragraph similarity %.3f", what, m.score);
		anchor_clear(&wa);
		anchor_make(ad, (size_t)bw, 0, 0, true, &wa);
		anchor_doc_free(ad2);
		doc_free(d2);
		free(r2);
	} else
		ok(0, "%s: edit elsewhere", name);

	/* (c) A paragraph inserted before the quoted one. */
	r2 = insert_para(d, (size_t)bq, raw, len, "فقرة جديدة أدرجت هنا في "
	    "التنقيح ولا صلة لها بما بعدها من النص.", &len2);
	snprintf(what, sizeof what, "%s paragraph inserted", name);
	if (!ok(r2 != NULL, "%s: a block of its own", what))
		goto out_anchors;
	d2 = import(r2, len2, what);
	ad2 = anchor_doc_new(d2);
	/* Exact when the paragraph kept its address (an unnumbered one
	 * was inserted), moved otherwise. */
	m = check(ad2, &qa, FOUND, q.text, -1, what);
	ok(m.block == (size_t)bq + 1, "%s: the block after", what);
	m = check(ad2, &wa, ST(ANCHOR_MOVED), NULL, -1, what);
	s = block_slice(d, (size_t)bw, 0, wa.end);
	t = block_slice(d2, m.block, m.start, m.end);
	is_str(t, s, "%s: the whole paragraph", what);
	free(s);
	free(t);
	check(ad2, &fa, FOUND, f.text, -1, what);
	m = check(ad2, &fw, FOUND, NULL, -1, what);
	s = block_slice(d, (size_t)bf, 0, fw.end);
	t = block_slice(d2, m.block, m.start, m.end);
	is_str(t, s, "%s: the whole footnote", what);
	free(s);
	free(t);
	anchor_doc_free(ad2);
	doc_free(d2);
	/* ... and words changed elsewhere in the paragraph too. */
	if (have_x && (r3 = subst(r2, len2, x.text, "كلمتان بديلتان",
	    &len3)) != NULL) {
		snprintf(what, sizeof what, "%s inserted and changed", name);
		d2 = import(r3, len3, what);
		ad2 = anchor_doc_new(d2);
		check(ad2, &qa, ST(ANCHOR_MOVED), q.text, -1, what);
		anchor_doc_free(ad2);
		doc_free(d2);
		free(r3);
	}
	free(r2);

	/* (d) Paragraphs renumbered: the numbered paragraph before the
	 * quoted one deleted with its sub-paragraphs, those after it
	 * numbered one lower, so the stored address now names the next
	 * paragraph. */
	for (pb = (size_t)bq; pb-- > 0 && doc_block_kind(d, pb) != DOC_PARA; )
		;
	r3 = NULL;
	if (pb != (size_t)-1 && (r2 = renumber_from(d, (size_t)bq, -1, raw,
	    len, &len2)) != NULL)
		r3 = cut_lines(r2, len2, doc_block_line(d, pb),
		    doc_block_line(d, (size_t)bq), &len3);
	free(r2);
	r2 = NULL;
	if (ok(r3 != NULL, "%s: labels renumbered in the source", name)) {
		snprintf(what, sizeof what, "%s renumbered", name);
		d2 = import(r3, len3, what);
		ad2 = anchor_doc_new(d2);
		gone = (size_t)bq - pb;
		ok(doc_block_count(d2) == doc_block_count(d) - gone &&
		    strcmp(doc_block_address(d2, (size_t)bq - gone),
		    sd->para) != 0, "%s: %zu blocks fewer, new address %s",
		    what, gone, doc_block_address(d2, (size_t)bq - gone));
		ok(anchor_doc_hash(ad2) != anchor_doc_hash(ad),
		    "%s: the document hash changed", what);
		check(ad2, &qa, ST(ANCHOR_MOVED), q.text, -1, what);
		check(ad2, &wa, ST(ANCHOR_MOVED), NULL, bw - (long)gone, what);
		check(ad2, &fw, ST(ANCHOR_MOVED), NULL, bf - (long)gone, what);
		anchor_doc_free(ad2);
		doc_free(d2);
	}
	free(r2);
	free(r3);

	/* (e) One, then two words of the quote changed. */
	{
		static const size_t one[] = { 4 }, two[] = { 2, 6 };
		static const char *const w1[] = { "المختلفة" };
		static const char *const w2[] = { "جديد", "آخر" };
		const size_t *idx[] = { one, two };
		const char *const *with[] = { w1, w2 };

		for (int k = 0; k < 2; k++) {
			s = reword(q.text, idx[k], with[k], (size_t)k + 1);
			r2 = subst(raw, len, q.text, s, &len2);
			snprintf(what, sizeof what, "%s %d word%s of the quote "
			    "changed", name, k + 1, k ? "s" : "");
			if (ok(r2 != NULL, "%s: edited", what)) {
				d2 = import(r2, len2, what);
				ad2 = anchor_doc_new(d2);
				m = check(ad2, &qa, ST(ANCHOR_FUZZY), s, -1,
				    what);
				ok(m.score >= 0.85, "%s: score %.3f", what,
				    m.score);
				anchor_doc_free(ad2);
				doc_free(d2);
			}
			free(r2);
			free(s);
		}
	}

	/* (f) The quote rewritten, or deleted: never a wrong place. */
	{
		static const char *const repl[] = {
			"وهذه جملة أخرى كتبت من جديد فلا تشبه شيئا مما كان "
			"مكتوبا هنا",
			""
		};

		for (int k = 0; k < 2; k++) {
			s = xasprintf("%s ", q.text);
			r2 = subst(raw, len, k ? s : q.text, repl[k], &len2);
			free(s);
			snprintf(what, sizeof what, "%s quote %s", name,
			    k ? "deleted" : "rewritten");
			if (!ok(r2 != NULL, "%s: edited", what))
				continue;
			d2 = import(r2, len2, what);
			ad2 = anchor_doc_new(d2);
			m = check(ad2, &qa, LOST, NULL, bq, what);
			anchor_doc_free(ad2);
			doc_free(d2);
			free(r2);
		}
	}

	/* (g) The quote copied before itself in the paragraph, with other
	 * context, then with the same context. */
	if (have_x) {
		s = xasprintf("%s %s أيضا", x.text, q.text);
		r2 = subst(raw, len, x.text, s, &len2);
		free(s);
		snprintf(what, sizeof what, "%s copied, other context", name);
		if (ok(r2 != NULL, "%s: edited", what)) {
			d2 = import(r2, len2, what);
			ad2 = anchor_doc_new(d2);
			anchor_resolve(ad2, &qa, &m);
			ok((FOUND & ST(m.status)) != 0, "%s: status %s", what,
			    status_str(m.status));
			t = block_slice(d2, m.block, m.start, m.end);
			is_str(t, q.text, "%s: the words", what);
			free(t);
			t = block_slice(d2, m.block, m.start >= ANCHOR_CONTEXT ?
			    m.start - ANCHOR_CONTEXT : 0, m.start);
			is_str(t, qa.prefix, "%s: the one with its context",
			    what);
			free(t);
			anchor_doc_free(ad2);
			doc_free(d2);
			free(r2);
		}
		s = xasprintf("%s %s%s%s", x.text, qa.prefix, q.text,
		    qa.suffix);
		r2 = subst(raw, len, x.text, s, &len2);
		free(s);
		snprintf(what, sizeof what, "%s copied, same context", name);
		if (ok(r2 != NULL, "%s: edited", what)) {
			d2 = import(r2, len2, what);
			ad2 = anchor_doc_new(d2);
			anchor_resolve(ad2, &qa, &m);
			is_str(status_str(m.status), "needs-review",
			    "%s: status", what);
			t = block_slice(d2, m.block, m.start, m.end);
			is_str(t, q.text, "%s: one of the two", what);
			free(t);
			anchor_doc_free(ad2);
			doc_free(d2);
			free(r2);
		}
	}

	/* (e2) A conjunction joined to its first word, a pronoun to its
	 * last, a word changed between: the place found covers whole
	 * words, not the old letters inside the new words. */
	{
		size_t idx[3] = { 0, 5, QWORDS - 1 };
		char *w0 = word_at(q.text, 0), *wl = word_at(q.text,
		    QWORDS - 1);
		char *nw0 = xasprintf("و%s", w0), *nwl = xasprintf("%sها", wl);
		const char *with[3] = { nw0, "المختلفة", nwl };

		s = reword(q.text, idx, with, 3);
		r2 = subst(raw, len, q.text, s, &len2);
		snprintf(what, sizeof what, "%s words grown at both ends",
		    name);
		if (ok(r2 != NULL, "%s: edited", what)) {
			d2 = import(r2, len2, what);
			ad2 = anchor_doc_new(d2);
			check(ad2, &qa, ST(ANCHOR_FUZZY), s, -1, what);
			anchor_doc_free(ad2);
			doc_free(d2);
		}
		free(r2);
		free(s);
		free(w0);
		free(wl);
		free(nw0);
		free(nwl);
	}

	/* (j) The sentence moved to another paragraph: found there by its
	 * words alone, though no context agrees.  (k) Copied there, the
	 * paragraph it came from unchanged: still where it was. */
	if (pick(d, raw, len, (size_t)bw, 2, 0, 0, 0, true, &y)) {
		t = xasprintf("%s ", q.text);
		s = xasprintf("%s %s", y.text, q.text);
		r2 = subst(raw, len, t, "", &len2);
		r3 = subst(r2, len2, y.text, s, &len3);
		snprintf(what, sizeof what, "%s sentence moved", name);
		if (ok(r3 != NULL, "%s: edited", what)) {
			d2 = import(r3, len3, what);
			ad2 = anchor_doc_new(d2);
			m = check(ad2, &qa, ST(ANCHOR_MOVED), q.text, bw, what);
			is_int(m.block, bw, "%s: to the other paragraph", what);
			anchor_doc_free(ad2);
			doc_free(d2);
		}
		free(r2);
		free(r3);
		r2 = subst(raw, len, y.text, s, &len2);
		snprintf(what, sizeof what, "%s copied to another paragraph",
		    name);
		if (ok(r2 != NULL, "%s: edited", what)) {
			d2 = import(r2, len2, what);
			ad2 = anchor_doc_new(d2);
			is_int(count_doc(d2, q.text), 2, "%s: twice", what);
			anchor_resolve(ad2, &qa, &m);
			ok(m.status == ANCHOR_EXACT && m.block == (size_t)bq &&
			    m.start == q.start && m.end == q.end,
			    "%s: exact where it was (%s)", what,
			    status_str(m.status));
			anchor_doc_free(ad2);
			doc_free(d2);
		}
		free(r2);
		free(s);
		free(t);
		free(y.text);
	} else
		ok(0, "%s: two words in %s", name, sd->whole);

	/* (h) Harakat added and an alef given a hamza in the quote. */
	s = decorate(q.text);
	r2 = subst(raw, len, q.text, s, &len2);
	snprintf(what, sizeof what, "%s harakat and alef", name);
	if (ok(r2 != NULL && strcmp(s, q.text) != 0, "%s: edited", what)) {
		d2 = import(r2, len2, what);
		ad2 = anchor_doc_new(d2);
		check(ad2, &qa, ST(ANCHOR_MOVED), s, -1, what);
		anchor_doc_free(ad2);
		doc_free(d2);
	}
	free(r2);
	free(s);

	/* (i) A paragraph note on a deleted paragraph (one source line):
	 * an orphan, not its neighbour. */
	if (sd->one_line) {
		r2 = cut_lines(raw, len, doc_block_line(d, (size_t)bw),
		    doc_block_line(d, (size_t)bw) + 1, &len2);
		snprintf(what, sizeof what, "%s paragraph deleted", name);
		d2 = import(r2, len2, what);
		ad2 = anchor_doc_new(d2);
		ok(doc_block_count(d2) + 1 == doc_block_count(d),
		    "%s: one block fewer", what);
		check(ad2, &wa, ST(ANCHOR_ORPHAN), NULL, -1, what);
		anchor_doc_free(ad2);
		doc_free(d2);
		free(r2);
	}

out_anchors:
	anchor_clear(&qa);
	anchor_clear(&wa);
	anchor_clear(&fa);
	anchor_clear(&fw);
out_doc:
	free(q.text);
	free(x.text);
	free(f.text);
	anchor_doc_free(ad);
	doc_free(d);
	free(raw);
}

/* --- a short quote whose words occur elsewhere --- */

/* s with the last letter of its first word changed (caller frees). */
static char *
one_letter(const char *s)
{
	struct buf b;
	uint32_t *cp;
	size_t n, i;

	cp = text_utf8_decode(s, strlen(s), 0, &n, NULL);
	for (i = 0; i + 1 < n && cp[i + 1] != ' '; i++)
		;
	cp[i] = cp[i] == 0x0646 ? 0x0645 : 0x0646;
	buf_init(&b);
	text_utf8_encode(&b, cp, n);
	buf_addc(&b, '\0');
	free(cp);
	return buf_steal(&b);
}

/*
 * Two words of a paragraph that is then deleted, while the same words
 * with one letter changed are put into three other paragraphs: a short
 * quote must not settle on look-alikes in other contexts.
 */
static void
test_short_gone(const struct doc *d, const char *raw, size_t len)
{
	static const char *const others[] = { "30", "40", "50" };
	struct anchor_doc *ad, *ad2;
	struct doc *d2;
	struct anchor a;
	struct anchor_match m;
	struct phrase q, y;
	char *r2, *r3, *mut, *s;
	size_t len2, len3, i, b = (size_t)doc_addr_find(d, "20");

	if (!ok(pick(d, raw, len, b, 2, MARGIN_CP, 0, 0, true, &q),
	    "short gone: two words in 20"))
		return;
	ad = anchor_doc_new(d);
	anchor_make(ad, b, q.start, q.end, false, &a);
	mut = one_letter(q.text);
	r2 = cut_lines(raw, len, doc_block_line(d, b),
	    doc_block_line(d, b) + 1, &len2);
	for (i = 0; i < UTIL_NELEM(others) && r2 != NULL; i++) {
		if (!pick(d, raw, len, (size_t)doc_addr_find(d, others[i]), 2,
		    0, 0, 0, true, &y)) {
			free(r2);
			r2 = NULL;
			break;
		}
		s = xasprintf("%s %s", y.text, mut);
		r3 = subst(r2, len2, y.text, s, &len3);
		free(s);
		free(y.text);
		free(r2);
		r2 = r3;
		len2 = len3;
	}
	if (ok(r2 != NULL, "short gone: revision made (%s for %s)", mut,
	    q.text)) {
		d2 = import(r2, len2, "short gone");
		ad2 = anchor_doc_new(d2);
		is_int(count_doc(d2, mut), 3, "short gone: three look-alikes");
		anchor_resolve(ad2, &a, &m);
		is_str(status_str(m.status), "orphan", "short gone: status");
		anchor_doc_free(ad2);
		doc_free(d2);
	}
	free(r2);
	free(mut);
	free(q.text);
	anchor_clear(&a);
	anchor_doc_free(ad);
}

/*
 * Two words of a paragraph that occur in other blocks too are changed
 * in the paragraph: the anchor must not jump to one of the others.
 */
static void
test_short(void)
{
	struct doc *d, *d2;
	struct anchor_doc *ad, *ad2;
	struct anchor a;
	struct anchor_match m;
	char *raw, *r2, *two, *three, *repl;
	uint32_t *cp;
	size_t len, len2, n, nw, *ws, *we, w, b;
	bool done = false;

	raw = load_raw(seeds[0].file, &len);
	if ((d = import(raw, len, "000")) == NULL)
		return;
	ad = anchor_doc_new(d);
	b = (size_t)doc_addr_find(d, "12");
	cp = block_cps(d, b, &n);
	ws = xreallocarray(NULL, n + 1, sizeof *ws);
	we = xreallocarray(NULL, n + 1, sizeof *we);
	nw = words_of(cp, n, ws, we);
	for (w = 1; !done && w + 3 < nw; w++) {
		two = block_slice(d, b, ws[w], we[w + 1]);
		three = block_slice(d, b, ws[w], we[w + 2]);
		if (count_doc(d, two) >= 3 && count_in(raw, len, three) == 1 &&
		    ws[w] > MARGIN_CP) {
			done = true;
			anchor_make(ad, b, ws[w], we[w + 1], false, &a);
			repl = xasprintf("عبارة مستبدلة%s",
			    three + strlen(two));
			r2 = subst(raw, len, three, repl, &len2);
			d2 = import(r2, len2, "000 short");
			ad2 = anchor_doc_new(d2);
			anchor_resolve(ad2, &a, &m);
			printf("# short quote '%s' (%zu places): %s %.3f\n",
			    two, count_doc(d, two), status_str(m.status),
			    m.score);
			ok(m.status == ANCHOR_REVIEW ||
			    m.status == ANCHOR_ORPHAN,
			    "short quote changed: review or orphan (%s)",
			    status_str(m.status));
			ok(m.status == ANCHOR_ORPHAN || m.block == b,
			    "short quote changed: not another block");
			/* Unchanged, it is found by its context. */
			anchor_resolve(ad, &a, &m);
			ok(m.status == ANCHOR_EXACT && m.start == ws[w],
			    "short quote: exact where it was");
			anchor_doc_free(ad2);
			doc_free(d2);
			free(r2);
			free(repl);
			anchor_clear(&a);
		}
		free(two);
		free(three);
	}
	ok(done, "a short quote that occurs elsewhere");
	test_short_gone(d, raw, len);
	free(cp);
	free(ws);
	free(we);
	anchor_doc_free(ad);
	doc_free(d);
	free(raw);
}

/* --- many anchors --- */

/* x and y are the same text once folded. */
static bool
folded_eq(const char *x, const char *y)
{
	uint32_t *a, *b, *fa, *fb;
	size_t na, nb, ma, mb;
	bool eq;

	a = text_utf8_decode(x, strlen(x), 0, &na, NULL);
	b = text_utf8_decode(y, strlen(y), 0, &nb, NULL);
	fa = xreallocarray(NULL, na + 1, sizeof *fa);
	fb = xreallocarray(NULL, nb + 1, sizeof *fb);
	ma = text_fold(a, na, 0, fa, NULL);
	mb = text_fold(b, nb, 0, fb, NULL);
	eq = ma == mb && memcmp(fa, fb, ma * sizeof *fa) == 0;
	free(a);
	free(b);
	free(fa);
	free(fb);
	return eq;
}

/* Milliseconds of a monotonic clock. */
static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* raw with every occurrence of old replaced by new (caller frees). */
static char *
subst_all(const char *raw, size_t len, const char *old, const char *new,
    size_t *outlen)
{
	struct buf b;
	const char *p = raw, *q, *end = raw + len;

	buf_init(&b);
	while ((q = find_bytes(p, (size_t)(end - p), old, strlen(old))) !=
	    NULL) {
		buf_add(&b, p, (size_t)(q - p));
		buf_adds(&b, new);
		p = q + strlen(old);
	}
	buf_add(&b, p, (size_t)(end - p));
	*outlen = b.len;
	return buf_steal(&b);
}

/*
 * 1,000 anchors on seed 000 (one in ten a paragraph note), resolved on
 * the same text, then on a revision: a paragraph inserted near the top,
 * one deleted, two phrases changed everywhere (25 and 90 times).  Each
 * place found must be in the revised block that holds the old block's
 * text with the same changes (where that is one block), and a quote
 * from the deleted paragraph must not be found anywhere.  The time is
 * printed, not tested.
 */
static void
test_many(void)
{
	enum { N = 1000 };
	struct doc *d, *d2;
	struct anchor_doc *ad, *ad2;
	struct anchor *a;
	struct anchor_match m;
	char *raw, *r2, *r3, *t, *t2;
	uint32_t *cp;
	size_t len, len2, len3, i, k, nb, b, n, nw, *ws, *we, w0, w1, del;
	size_t count[ANCHOR_ORPHAN + 1] = { 0 }, same = 0, wrong = 0;
	size_t misplaced = 0, lost_found = 0, checked = 0, fuzzy_same = 0;
	size_t *map;
	double t0, t1;

	raw = load_raw(seeds[0].file, &len);
	if ((d = import(raw, len, "000")) == NULL)
		return;
	ad = anchor_doc_new(d);
	nb = doc_block_count(d);
	a = xcalloc(N, sizeof *a);
	for (i = 0; i < N; i++) {
		b = rnd((uint32_t)nb);
		cp = block_cps(d, b, &n);
		ws = xreallocarray(NULL, n + 1, sizeof *ws);
		we = xreallocarray(NULL, n + 1, sizeof *we);
		nw = words_of(cp, n, ws, we);
		if (nw == 0 || i % 10 == 0)
			anchor_make(ad, b, 0, 0, true, &a[i]);
		else {
			w0 = rnd((uint32_t)nw);
			w1 = w0 + rnd(12);
			if (w1 >= nw)
				w1 = nw - 1;
			anchor_make(ad, b, ws[w0], we[w1], false, &a[i]);
		}
		free(cp);
		free(ws);
		free(we);
	}
	for (i = 0; i < N; i++) {
		anchor_resolve(ad, &a[i], &m);
		same += m.status == ANCHOR_EXACT && m.block == a[i].block &&
		    m.start == a[i].start && m.end == a[i].end;
	}
	is_int(same, N, "1000 anchors on the same document: all exact");

	/* The revision.  Block 40 (a one-line paragraph) goes. */
	del = 40;
	r2 = cut_lines(raw, len, doc_block_line(d, del),
	    doc_block_line(d, del) + 1, &len2);
	r3 = insert_at(r2, len2, line_offset(r2, len2, doc_block_line(d, 5)),
	    "\nفقرة جديدة أدرجت هنا في التنقيح.\n\n", &len3);
	free(r2);
	r2 = subst_all(r3, len3, "الدول الأطراف", "الدول الأعضاء", &len2);
	free(r3);
	r3 = subst_all(r2, len2, "النساء والفتيات", "النساء والبنات", &len3);
	free(r2);
	d2 = import(r3, len3, "000 revised");
	ad2 = anchor_doc_new(d2);
	/* Where each old block went: its text, changed the same way, as
	 * the whole text of exactly one new block; else -1. */
	map = xreallocarray(NULL, nb, sizeof *map);
	for (b = 0; b < nb; b++) {
		t = (char *)doc_block_text(d, b, &n);
		r2 = subst_all(t, n, "الدول الأطراف", "الدول الأعضاء", &len2);
		t2 = subst_all(r2, len2, "النساء والفتيات", "النساء والبنات",
		    &len2);
		free(r2);
		map[b] = (size_t)-1;
		for (k = 0; k < doc_block_count(d2) && b != del; k++)
			if (strcmp(doc_block_text(d2, k, NULL), t2) == 0) {
				if (map[b] != (size_t)-1) {
					map[b] = (size_t)-1;
					break;
				}
				map[b] = k;
			}
		free(t2);
	}
	t0 = now_ms();
	for (i = 0; i < N; i++) {
		anchor_resolve(ad2, &a[i], &m);
		count[m.status]++;
		if (m.status == ANCHOR_EXACT || m.status == ANCHOR_MOVED) {
			t = block_slice(d2, m.block, m.start, m.end);
			wrong += !folded_eq(t, a[i].exact);
			free(t);
		}
		if (m.status == ANCHOR_FUZZY) {
			/* The quote changed as the text was, unless a change
			 * straddles its ends. */
			r2 = subst_all(a[i].exact, strlen(a[i].exact),
			    "الدول الأطراف", "الدول الأعضاء", &len2);
			t2 = subst_all(r2, len2, "النساء والفتيات",
			    "النساء والبنات", &len2);
			t = block_slice(d2, m.block, m.start, m.end);
			if (strcmp(t, t2) == 0)
				fuzzy_same++;
			else if (getenv("V") != NULL)
				printf("# fuzzy %.3f: '%s' for '%s'\n",
				    m.score, t, a[i].exact);
			free(r2);
			free(t2);
			free(t);
		}
		if (m.status == ANCHOR_REVIEW && getenv("V") != NULL) {
			t = block_slice(d2, m.block, m.start, m.end);
			printf("# review %.3f block %zu (was %zu): '%s' for "
			    "'%s'\n", m.score, m.block, a[i].block, t,
			    a[i].exact);
			free(t);
		}
		if (m.status == ANCHOR_ORPHAN || m.status == ANCHOR_REVIEW)
			continue;
		if (a[i].block == del) {
			lost_found++;
			t = block_slice(d2, m.block, m.start, m.end);
			printf("# deleted, found %s %zu: '%s' for '%s'\n",
			    status_str(m.status), m.block, t, a[i].exact);
			free(t);
		} else if (map[a[i].block] != (size_t)-1 &&
		    (checked++, m.block != map[a[i].block])) {
			misplaced++;
			printf("# misplaced %s: block %zu, not %zu: '%s'\n",
			    status_str(m.status), m.block,
			    map[a[i].block], a[i].exact);
		}
	}
	t1 = now_ms();
	printf("# 1000 anchors re-anchored in %.1f ms: %zu exact, %zu moved, "
	    "%zu fuzzy, %zu review, %zu orphan\n", t1 - t0,
	    count[ANCHOR_EXACT], count[ANCHOR_MOVED], count[ANCHOR_FUZZY],
	    count[ANCHOR_REVIEW], count[ANCHOR_ORPHAN]);
	is_int(wrong, 0, "1000 anchors: every exact or moved place says the "
	    "quote");
	is_int(misplaced, 0, "1000 anchors: every place found (%zu with a "
	    "known paragraph) is in the paragraph the quote came from",
	    checked);
	is_int(lost_found, 0, "1000 anchors: none from the deleted "
	    "paragraph found");
	ok(count[ANCHOR_EXACT] + count[ANCHOR_MOVED] + count[ANCHOR_FUZZY] >=
	    N * 9 / 10, "1000 anchors: at least 90%% found");
	ok(fuzzy_same * 10 >= count[ANCHOR_FUZZY] * 8, "1000 anchors: %zu "
	    "of %zu fuzzy places are the quote changed as the text was",
	    fuzzy_same, count[ANCHOR_FUZZY]);
	for (i = 0; i < N; i++)
		anchor_clear(&a[i]);
	free(a);
	free(map);
	anchor_doc_free(ad2);
	doc_free(d2);
	free(r3);
	anchor_doc_free(ad);
	doc_free(d);
	free(raw);
}

int
main(void)
{
	test_names();
	test_myers();
	test_hashes();
	test_handmade();
	for (size_t i = 0; i < UTIL_NELEM(seeds); i++)
		test_seed(&seeds[i]);
	test_short();
	test_many();
	text_cleanup();
	return tap_done();
}
