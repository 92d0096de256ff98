/*
 * test-diff.c - the comparison engine (diff.c) on revision pairs made
 * here from the seeds, with planted edits checked pair by pair.
 *
 * The generator: in each seed, the longest run of numbered paragraphs
 * that stand one per source line (the line ends with the block's text)
 * is rewritten with edits a revision makes: a paragraph inserted (the
 * rest renumbered), one reworded, one changed only by harakat, tatweel
 * and digits, one respelled (a hamza form), one deleted, one split in
 * two, two merged, one moved to the end.  Every label after an edit is
 * renumbered as a drafter would.  `test-diff --write DIR` writes the
 * pairs as DIR/revN-old.txt and DIR/revN-new.txt for the shell suite
 * and the benchmark.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tap.h"
#include "corpus.h"
#include "diff.h"
#include "doc.h"
#include "text.h"
#include "util.h"

static const char *const seeds[] = { S000, S001, S002, S003 };

#define INSERTED_TEXT "تقرر إنشاء فريق عامل مفتوح العضوية يعنى بمتابعة " \
	"تنفيذ هذا القرار وتقديم تقرير سنوي إلى الدورة المقبلة."
#define NEW_WORD "المستجدة"

/*
 * The planted edits, by position in the run of k paragraphs: each on the
 * next paragraph that is one source line (make_rev() sets pos_[]; a
 * paragraph on several lines is only renumbered).
 */
enum { E_INS, E_REWORD, E_HARAKAT, E_SPELL, E_DEL, E_SPLIT, E_MERGE,
	E_MOVE, E_N, RUN_MIN = 12 };
static size_t pos_[E_N];
#define P_INS		pos_[E_INS]
#define P_REWORD	pos_[E_REWORD]
#define P_HARAKAT	pos_[E_HARAKAT]
#define P_SPELL		pos_[E_SPELL]
#define P_DEL		pos_[E_DEL]
#define P_SPLIT		pos_[E_SPLIT]
#define P_MERGE		pos_[E_MERGE]
#define P_MOVE		pos_[E_MOVE]

struct rev {
	char	*old, *new;	/* the two sources */
	size_t	 oldlen, newlen;
	size_t	 b0;		/* first block of the run in old */
	size_t	*pb;		/* the run's blocks in old (k of them) */
	size_t	 k;		/* paragraphs in the run */
	char	*reworded;	/* the word replaced by NEW_WORD */
	bool	 spelled;	/* a respelling was planted */
};

/* Splits s into lines (pointers into a copy; caller frees *copy and the
 * array). */
static char **
lines_of(const char *s, size_t len, size_t *n, char **copy)
{
	char **v = NULL, *p, *e;
	size_t cap = 0;

	*copy = xstrndup(s, len);
	*n = 0;
	for (p = *copy; p != NULL && *p != '\0'; p = e != NULL ? e + 1 :
	    NULL) {
		if ((e = strchr(p, '\n')) != NULL)
			*e = '\0';
		if (*n == cap) {
			cap = cap ? 2 * cap : 256;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[(*n)++] = p;
	}
	return v;
}

static bool
blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r')
			return false;
	return true;
}

/* Length of line s without trailing white space. */
static size_t
rtrim(const char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r'))
		n--;
	return n;
}

/* n in the digit system of label (Arabic-Indic if it has any). */
static void
add_number(struct buf *b, const char *label, long n)
{
	char dig[32];
	size_t i;

	snprintf(dig, sizeof dig, "%ld", n);
	if (strstr(label, "\xd9\xa0") || strstr(label, "\xd9\xa1") ||
	    strstr(label, "\xd9\xa2") || strstr(label, "\xd9\xa3") ||
	    strstr(label, "\xd9\xa4") || strstr(label, "\xd9\xa5") ||
	    strstr(label, "\xd9\xa6") || strstr(label, "\xd9\xa7") ||
	    strstr(label, "\xd9\xa8") || strstr(label, "\xd9\xa9")) {
		for (i = 0; dig[i] != '\0'; i++)
			buf_add_utf8(b, 0x660 + (uint32_t)(dig[i] - '0'));
	} else
		buf_adds(b, dig);
}

/* The line prefix of a paragraph with its number made n. */
static void
add_prefix(struct buf *b, const char *prefix, size_t plen,
    const char *label, long n)
{
	const char *p = label != NULL ? strstr(prefix, label) : NULL;

	if (p == NULL || (size_t)(p - prefix) >= plen) {
		buf_add(b, prefix, plen);
		return;
	}
	buf_add(b, prefix, (size_t)(p - prefix));
	add_number(b, label, n);
	buf_add(b, p + strlen(label), plen - (size_t)(p - prefix) -
	    strlen(label));
}

/* Text t with harakat and a tatweel added and its digits swapped
 * between the two systems: no change unless exact. */
static char *
decorate(const char *t)
{
	struct buf b;
	uint32_t *cp;
	size_t n, i, letters = 0;

	cp = text_utf8_decode(t, strlen(t), 0, &n, NULL);
	buf_init(&b);
	for (i = 0; i < n; i++) {
		uint32_t c = cp[i];
		size_t e;
		bool digits = false;

		/* a number standing alone, never a footnote marker's */
		if (i > 0 && cp[i - 1] == ' ') {
			for (e = i; e < n && ((cp[e] >= '0' && cp[e] <= '9') ||
			    (cp[e] >= 0x660 && cp[e] <= 0x669)); e++)
				;
			digits = e > i && (e == n || cp[e] == ' ');
		}
		for (; digits && i < n && cp[i] != ' '; i++) {
			c = cp[i];
			buf_add_utf8(&b, c <= '9' ? 0x660 + (c - '0') :
			    '0' + (c - 0x660));
		}
		if (digits) {
			i--;
			continue;
		}
		buf_add_utf8(&b, c);
		/* a fatha on every 7th letter, a tatweel after the 11th
		 * (between two joining letters) */
		if (c >= 0x628 && c <= 0x64A && c != 0x629 && c != 0x649) {
			letters++;
			if (letters % 7 == 0)
				buf_add_utf8(&b, 0x64E);
			if (letters == 11 && i + 1 < n && cp[i + 1] >= 0x628 &&
			    cp[i + 1] <= 0x64A && text_cp_joins_next(c) &&
			    text_cp_joins_prev(cp[i + 1]))
				buf_add_utf8(&b, 0x640);
		}
	}
	free(cp);
	if (b.len == 0)
		buf_addc(&b, '\0');
	return buf_steal(&b);
}

/* A text with its first hamza-on-alef (أ) made a bare alef, or its first
 * final teh marbuta a heh; NULL if it has neither. */
static char *
respell(const char *t)
{
	const char *p = strstr(t, "أ");
	struct buf b;

	if (p == NULL)
		return NULL;
	buf_init(&b);
	buf_add(&b, t, (size_t)(p - t));
	buf_adds(&b, "ا");
	buf_adds(&b, p + strlen("أ"));
	return buf_steal(&b);
}

/* Replaces a word of t (the first plain Arabic word of 4+ letters after
 * the third) with NEW_WORD; *word receives it (caller frees). */
static char *
reword(const char *t, char **word)
{
	const char *p = t, *s, *e;
	int nth = 0;
	struct buf b;

	*word = NULL;
	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			return NULL;
		s = p;
		while (*p != ' ' && *p != '\0')
			p++;
		e = p;
		if (++nth > 3 && e - s >= 8) {
			const char *q;
			bool arabic = true;

			for (q = s; q < e; q += 2)
				if ((unsigned char)*q != 0xD8 &&
				    (unsigned char)*q != 0xD9)
					arabic = false;
			if (arabic && (e - s) % 2 == 0)
				break;
		}
	}
	*word = xstrndup(s, (size_t)(e - s));
	buf_init(&b);
	buf_add(&b, t, (size_t)(s - t));
	buf_adds(&b, NEW_WORD);
	buf_adds(&b, e);
	return buf_steal(&b);
}

/* Where the text of line l begins after its label (spaces, the label,
 * a dash or dot, a tab or spaces), or 0 if it does not start with it. */
static size_t
text_start(const char *l, const char *label)
{
	const char *p = l;

	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, label, strlen(label)) != 0)
		return 0;
	p += strlen(label);
	while (*p == ' ' || *p == '\t' || *p == '-' || *p == '.')
		p++;
	return (size_t)(p - l);
}

/*
 * Makes the revision pair of seed bytes s; false if the seed has no run
 * of RUN_MIN paragraphs that are one source line each (what lies between
 * two of them: blank lines and footnotes, kept where they are).
 */
static bool
make_rev(const char *s, size_t len, struct rev *r)
{
	struct doc *d;
	char **ln, *copy, *cause = NULL, *t2, *w, *tx;
	size_t nl, nb, i, j, best0 = 0, bestk = 0, k, q, l, np, *pb;
	bool *one1;
	bool *starts;
	struct buf o;
	long num;

	memset(r, 0, sizeof *r);
	if ((d = doc_import(s, len, NULL, &cause)) == NULL) {
		free(cause);
		return false;
	}
	ln = lines_of(s, len, &nl, &copy);
	nb = doc_block_count(d);
	starts = xcalloc(nl + 2, sizeof *starts);
	for (i = 0; i < nb; i++)
		if (doc_block_line(d, i) <= nl)
			starts[doc_block_line(d, i)] = true;
	/* the numbered paragraphs that start a line with their label,
	 * in order; one1[] those that are that one line */
	pb = xreallocarray(NULL, nb + 1, sizeof *pb);
	one1 = xcalloc(nb + 1, sizeof *one1);
	for (i = 0, np = 0; i < nb; i++) {
		l = doc_block_line(d, i);
		if (doc_block_kind(d, i) != DOC_PARA || l == 0 || l > nl ||
		    doc_block_label(d, i) == NULL ||
		    text_start(ln[l - 1], doc_block_label(d, i)) == 0)
			continue;
		for (q = l; q < nl && blank(ln[q]); q++)
			;
		one1[np] = q >= nl || starts[q + 1];
		pb[np++] = i;
	}
	/* the longest run numbered one after the other (headings and
	 * sub-paragraphs between them stay where they are) with room
	 * for the edits */
	for (i = 0; i < np; i = j) {
		size_t e = 0, c;

		for (j = i + 1; j < np && doc_block_number(d, pb[j]) ==
		    doc_block_number(d, pb[j - 1]) + 1 && doc_block_line(d,
		    pb[j]) > doc_block_line(d, pb[j - 1]); j++)
			;
		for (c = i + 2; c + 1 < j && e < E_N; c++) {
			if (!one1[c] || (e == E_MERGE && (!one1[c + 1] ||
			    pb[c + 1] != pb[c] + 1)))
				continue;
			e++;
			if (e == E_MERGE + 1)
				c++;
		}
		if (e == E_N && j - i > bestk) {
			bestk = j - i;
			best0 = i;
		}
	}
	if (bestk >= RUN_MIN - 2) {
		size_t e = 0, c;

		for (c = best0 + 2; c + 1 < best0 + bestk && e < E_N; c++) {
			if (!one1[c] || (e == E_MERGE && (!one1[c + 1] ||
			    pb[c + 1] != pb[c] + 1)))
				continue;
			pos_[e++] = c - best0;
			if (e == E_MERGE + 1)
				c++;
		}
	}
	free(one1);
	free(starts);
	if (getenv("TEST_DIFF_DEBUG") != NULL)
		printf("# %zu one-line paragraphs, longest run %zu\n", np,
		    bestk);
	if (bestk < RUN_MIN - 2) {
		free(pb);
		free(ln);
		free(copy);
		doc_free(d);
		return false;
	}
	k = bestk;
	r->k = k;
	memmove(pb, pb + best0, k * sizeof *pb);
	r->pb = pb;
	r->b0 = pb[0];
	buf_init(&o);
	for (i = 0; i + 1 < doc_block_line(d, pb[0]); i++) {
		buf_adds(&o, ln[i]);
		buf_addc(&o, '\n');
	}
	num = doc_block_number(d, pb[0]);
	/* a paragraph line: block srcblk's prefix renumbered, then text */
#define EMIT(srcblk, text) do {						\
	const char *l_ = ln[doc_block_line(d, (srcblk)) - 1];		\
	add_prefix(&o, l_, text_start(l_, doc_block_label(d, (srcblk))), \
	    doc_block_label(d, (srcblk)), num++);			\
	buf_adds(&o, (text));						\
	buf_addc(&o, '\n');						\
} while (0)
	/* what follows block b's line up to the next paragraph's */
#define BETWEEN(b) do {							\
	size_t e_ = (b) + 1 < k ? doc_block_line(d, pb[(b) + 1]) - 1 :	\
	    doc_block_line(d, pb[b]);					\
	for (q = doc_block_line(d, pb[b]); q < e_; q++) {		\
		buf_adds(&o, ln[q]);					\
		buf_addc(&o, '\n');					\
	}								\
} while (0)
#define SEP() buf_adds(&o, "\n")
	for (i = 0; i < k; i++) {
		size_t b = pb[i], bi = i;
		const char *line = ln[doc_block_line(d, b) - 1];

		tx = xstrndup(line + text_start(line, doc_block_label(d, b)),
		    rtrim(line) - text_start(line, doc_block_label(d, b)));
		if (i == P_INS) {
			EMIT(b, INSERTED_TEXT);
			SEP();
		}
		if (i == P_REWORD && (t2 = reword(tx, &w)) != NULL) {
			r->reworded = w;
			EMIT(b, t2);
			free(t2);
		} else if (i == P_HARAKAT) {
			t2 = decorate(tx);
			EMIT(b, t2);
			free(t2);
		} else if (i == P_SPELL && (t2 = respell(tx)) != NULL) {
			r->spelled = true;
			EMIT(b, t2);
			free(t2);
		} else if (i == P_DEL || i == P_MOVE)
			;
		else if (i == P_SPLIT) {
			/* at the space nearest the middle outside markup */
			size_t m = strlen(tx) / 2, c, stars;
			char *a;

			for (; m > 0; m--) {
				if (tx[m] != ' ')
					continue;
				for (stars = 0, c = 0; c < m; c++)
					if (tx[c] == '*')
						stars++;
				if (stars % 4 == 0)
					break;
			}
			a = xstrndup(tx, m);
			EMIT(b, a);
			SEP();
			EMIT(b, tx + m + 1);
			free(a);
		} else if (i == P_MERGE) {
			const char *l9 = ln[doc_block_line(d, pb[i + 1]) - 1];
			size_t s9 = text_start(l9, doc_block_label(d,
			    pb[i + 1]));

			t2 = xasprintf("%s %.*s", tx, (int)(rtrim(l9) - s9),
			    l9 + s9);
			EMIT(b, t2);
			free(t2);
			BETWEEN(bi);
			i++;
			bi++;
		} else
			EMIT(b, tx);
		free(tx);
		BETWEEN(bi);
	}
	{
		const char *line = ln[doc_block_line(d, pb[P_MOVE]) - 1];

		SEP();
		EMIT(pb[P_MOVE], line + text_start(line,
		    doc_block_label(d, pb[P_MOVE])));
	}
#undef EMIT
#undef BETWEEN
#undef SEP
	for (i = doc_block_line(d, pb[k - 1]); i < nl; i++) {
		buf_adds(&o, ln[i]);
		if (i + 1 < nl || (len > 0 && s[len - 1] == '\n'))
			buf_addc(&o, '\n');
	}
	r->old = xstrndup(s, len);
	r->oldlen = len;
	r->newlen = o.len;
	r->new = buf_steal(&o);
	free(ln);
	free(copy);
	doc_free(d);
	return true;
}

static struct doc *
import(const char *s, size_t n)
{
	char *cause = NULL;
	struct doc *d = doc_import(s, n, NULL, &cause);

	if (d == NULL) {
		printf("# import: %s\n", cause);
		free(cause);
	}
	return d;
}

/* The text of the ops of one kind in pair i, old side for DELETE and
 * EQUAL, new side for INSERT, joined (caller frees). */
static char *
ops_text(struct diff *df, size_t i, enum diff_op_kind kind)
{
	const struct diff_op *ops;
	struct buf b;
	size_t n, k;
	char *s;

	ops = diff_pair_ops(df, i, &n);
	buf_init(&b);
	for (k = 0; k < n; k++) {
		if (ops[k].kind != kind)
			continue;
		if (kind == DIFF_OP_INSERT)
			s = block_slice(diff_new_doc(df), ops[k].nblock,
			    ops[k].nstart, ops[k].nend);
		else
			s = block_slice(diff_old(df), ops[k].oblock,
			    ops[k].ostart, ops[k].oend);
		buf_adds(&b, s);
		free(s);
	}
	while (b.len > 0 && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	buf_addc(&b, '\0');
	return buf_steal(&b);
}

static size_t
pair_old(struct diff *df, size_t b)
{
	return diff_pair_of_old(df, b);
}

static void
check_rev(const char *name, const struct rev *r)
{
	struct doc *od = import(r->old, r->oldlen), *nd;
	struct diff_opts ex = { true };
	const struct diff_pair *p;
	struct diff *df;
	size_t i, pi, same = 0;
	char *s;

	nd = import(r->new, r->newlen);
	if (!ok(od != NULL && nd != NULL, "%s: both versions import", name))
		goto out;
	df = diff_new(od, nd, NULL);
	/* renumbered but unchanged paragraphs: same */
	for (i = 0; i < r->k; i++) {
		if (i == P_REWORD || i == P_SPELL || i == P_DEL ||
		    i == P_SPLIT || i == P_MERGE || i == P_MERGE + 1 ||
		    i == P_MOVE)
			continue;
		pi = pair_old(df, r->pb[i]);
		if (pi != DIFF_NONE && diff_pair(df, pi)->status == DIFF_SAME)
			same++;
		else
			printf("#   %s: run paragraph %zu is %s\n", name, i,
			    pi == DIFF_NONE ? "unpaired" : diff_status_name(
			    diff_pair(df, pi)->status));
	}
	is_int(same, r->k - 7, "%s: the %zu untouched paragraphs (renumbered "
	    "after the insertion) and the one changed by harakat, tatweel "
	    "and digits are same", name, r->k - 8);
	/* the inserted one, at its place */
	pi = diff_pair_of_new(df, r->pb[P_INS]);
	ok(pi != DIFF_NONE && diff_pair(df, pi)->status == DIFF_INSERTED,
	    "%s: the new paragraph %zu is inserted", name, P_INS + 1);
	if (pi != DIFF_NONE && pi > 0)
		ok(diff_pair(df, pi - 1)->old_first == r->pb[P_INS - 1],
		    "%s: the insertion comes after its predecessor", name);
	/* reworded: changed, one word out, one in */
	pi = pair_old(df, r->pb[P_REWORD]);
	if (ok(pi != DIFF_NONE && diff_pair(df, pi)->status == DIFF_CHANGED &&
	    !diff_pair(df, pi)->spelling, "%s: the reworded paragraph is "
	    "changed", name) && r->reworded != NULL) {
		s = ops_text(df, pi, DIFF_OP_DELETE);
		is_str(s, r->reworded, "%s: the word taken out", name);
		free(s);
		s = ops_text(df, pi, DIFF_OP_INSERT);
		is_str(s, NEW_WORD, "%s: the word put in", name);
		free(s);
	}
	/* respelled: changed, spelling only */
	pi = pair_old(df, r->pb[P_SPELL]);
	if (r->spelled)
		ok(pi != DIFF_NONE && diff_pair(df, pi)->status ==
		    DIFF_CHANGED && diff_pair(df, pi)->spelling,
		    "%s: the respelled paragraph is a spelling change", name);
	pi = pair_old(df, r->pb[P_DEL]);
	ok(pi != DIFF_NONE && diff_pair(df, pi)->status == DIFF_DELETED,
	    "%s: the deleted paragraph is deleted", name);
	pi = pair_old(df, r->pb[P_SPLIT]);
	ok(pi != DIFF_NONE && diff_pair(df, pi)->status == DIFF_SPLIT &&
	    diff_pair(df, pi)->new_count == 2, "%s: the split paragraph is "
	    "split in two", name);
	pi = pair_old(df, r->pb[P_MERGE]);
	ok(pi != DIFF_NONE && diff_pair(df, pi)->status == DIFF_MERGED &&
	    diff_pair(df, pi)->old_count == 2 && pair_old(df, r->pb[
	    P_MERGE + 1]) == pi, "%s: the two merged paragraphs are merged",
	    name);
	pi = pair_old(df, r->pb[P_MOVE]);
	p = pi != DIFF_NONE ? diff_pair(df, pi) : NULL;
	ok(p != NULL && p->status == DIFF_MOVED && p->same_text &&
	    p->old_after == pair_old(df, r->pb[P_MOVE - 1]),
	    "%s: the moved paragraph is moved, text the same, from after "
	    "its old predecessor", name);
	ok(diff_has_changes(df), "%s: has changes", name);
	diff_free(df);
	/* exact: the harakat paragraph counts */
	df = diff_new(od, nd, &ex);
	pi = pair_old(df, r->pb[P_HARAKAT]);
	ok(pi != DIFF_NONE && diff_pair(df, pi)->status == DIFF_CHANGED,
	    "%s: exact: harakat, tatweel and digits are a change", name);
	diff_free(df);
	/* a version against itself */
	df = diff_new(od, od, NULL);
	ok(!diff_has_changes(df) && diff_summary(df)->count[DIFF_SAME] ==
	    doc_block_count(od), "%s: against itself: all same", name);
	diff_free(df);
out:
	doc_free(od);
	doc_free(nd);
}

/* A two-paragraph document around text t. */
static struct doc *
small(const char *t)
{
	char *s = xasprintf("1 -\tتحيط علماً بتقرير الأمين العام عن تنفيذ "
	    "القرار السابق في هذا الشأن.\n\n2 -\t%s\n", t);
	struct doc *d = import(s, strlen(s));

	free(s);
	return d;
}

/* The changed second paragraph of small(a) -> small(b): its deleted and
 * inserted texts, "" when same. */
static void
check_words(const char *a, const char *b, const char *del,
    const char *ins, const char *what, bool exact)
{
	struct doc *x = small(a), *y = small(b);
	struct diff_opts o = { exact };
	struct diff *df;
	size_t pi;
	char *d, *i;

	df = diff_new(x, y, &o);
	pi = diff_pair_of_new(df, 1);
	d = ops_text(df, pi, DIFF_OP_DELETE);
	i = ops_text(df, pi, DIFF_OP_INSERT);
	if (*del == '\0' && *ins == '\0')
		ok(diff_pair(df, pi)->status == DIFF_SAME, "%s: same", what);
	is_str(d, del, "%s: deleted", what);
	is_str(i, ins, "%s: inserted", what);
	free(d);
	free(i);
	diff_free(df);
	doc_free(x);
	doc_free(y);
}

static void
test_words(void)
{
	check_words("تشجع الدول على حماية النساء والفتيات من الاتجار",
	    "تشجع الدول على حماية النساء الفتيات من الاتجار", "و", "",
	    "a clitic dropped is the clitic only", false);
	check_words("تشير إلى الوثيقة A/79/161 المؤرخة في أيار/مايو 2024",
	    "تشير إلى الوثيقة A/79/162 المؤرخة في أيار/مايو 2024",
	    "A/79/161", "A/79/162", "a document symbol stays whole", false);
	check_words("تطلب إلى الأمين العام أن يقدم تقريرا شاملا عن تنفيذ هذا "
	    "القرار إلى الجمعية العامة",
	    "تطلب إلى الأمين العام أن يعد دراسة مفصلة بشأن تنفيذ هذا "
	    "القرار إلى الجمعية العامة",
	    "يقدم تقريرا شاملا عن", "يعد دراسة مفصلة بشأن",
	    "a rewritten phrase is one change, not confetti", false);
	check_words("تحث الدول على التعاون", "تحث الدولَ على التعاون",
	    "", "", "a haraka is no change", false);
	check_words("تحث الدول على التعاون", "تحث الدولَ على التعاون",
	    "الدول", "الدولَ", "exact: a haraka is a change, the word whole",
	    true);
	check_words("تحث الدول على التعاون لعام 2024",
	    "تحث\u00a0الدول على\u200f التعـاون لعام ٢٠٢٤",
	    "", "", "no-break space, RLM, tatweel, digits: no change", false);
	check_words("لا تزال الحاجة قائمة إلى العمل",
	    "\xef\xbb\xbb تزال الحاجة قائمة إلى العمل", "", "",
	    "a presentation form (lam-alef) is its letters", false);
	check_words("وإذ تلاحظ أهمية المسألة", "وإذ تلاحظ اهمية المسأله",
	    "أهمية المسألة", "اهمية المسأله",
	    "a respelling is a change, flagged as spelling", false);
	/* spacing is no change, a space more or less between two words
	 * included (PDF extraction joins and breaks words); between two
	 * digits it counts */
	check_words("تحث الدول على حماية النساء من الاتجار",
	    "تحث الدول على حمايةالنساء من الا تجار", "", "",
	    "a space lost or added inside a phrase: no change", false);
	check_words("تحث الدول على حماية النساء", "تحث الدول على حمايةالنساء",
	    "حماية النساء", "حمايةالنساء", "exact: a space lost is a change",
	    true);
	check_words("انظر الفقرتين 1 2 من القرار",
	    "انظر الفقرتين 12 من القرار", "1 2", "12",
	    "a space between two digits counts", false);
	check_words("تحث الدول على حماية النساء من الاتجار",
	    "تحث الدول على حمايةالفتيات من الاتجار", "النساء", "الفتيات",
	    "a word changed next to a space lost: the word", false);
	/* two words sharing only their first letters are two words, not
	 * one with a new suffix (held-out verbs: تشدد -> تشجع) */
	check_words("تشدد اللجنة على ضرورة حماية الضحايا",
	    "تشجع اللجنة على ضرورة حماية الضحايا", "تشدد", "تشجع",
	    "another verb sharing two letters is the whole word", false);
	check_words("ينبغي للدول الأطراف أن تكفل حماية الضحايا",
	    "يناشد للدول الأطراف أن تكفل حماية الضحايا", "ينبغي", "يناشد",
	    "another verb sharing a prefix is the whole word", false);
	check_words("تكفل الدول حمايتها من الاستغلال في العمل",
	    "تكفل الدول حمايتهم من الاستغلال في العمل", "ها", "هم",
	    "an attached pronoun changed is the pronoun only", false);
	check_words("تدعو الدول إلى التعاون بالوسائل المتاحة",
	    "تدعو الدول إلى التعاون للوسائل المتاحة", "بال", "لل",
	    "a preposition and article changed are those clitics only",
	    false);
	check_words("تدعو الدول إلى التعاون بالوسائل المتاحة",
	    "تدعو الدول إلى التعاون والوسائل المتاحة", "ب", "و",
	    "a proclitic changed is the proclitic only", false);
}

/* A made-up word of 5 letters from seed x (Arabic letters, no ة ى). */
static void
add_word(struct buf *b, unsigned long *x)
{
	static const uint32_t al[] = { 0x628, 0x62A, 0x62B, 0x62C, 0x62D,
	    0x62E, 0x62F, 0x630, 0x631, 0x632, 0x633, 0x634, 0x635, 0x636,
	    0x637, 0x638, 0x639, 0x63A, 0x641, 0x642, 0x643, 0x645, 0x646,
	    0x647 };
	int k;

	for (k = 0; k < 5; k++) {
		*x = *x * 6364136223846793005UL + 1442695040888963407UL;
		buf_add_utf8(b, al[(*x >> 33) % UTIL_NELEM(al)]);
	}
}

/* Paragraph "N -<TAB>" of nw made-up words from seed *x; with k, the
 * word at every every-th position is one from seed *k instead (the one
 * of *x drawn all the same, so that the others stay those of x). */
static void
add_para(struct buf *b, long n, int nw, unsigned long *x,
    unsigned long *k, int every)
{
	struct buf t;
	int w;

	buf_init(&t);
	buf_addf(b, "%ld -\t", n);
	for (w = 0; w < nw; w++) {
		if (w > 0)
			buf_addc(b, ' ');
		buf_reset(&t);
		add_word(&t, x);
		if (k != NULL && w % every == every - 1)
			add_word(b, k);
		else
			buf_add(b, t.data, t.len);
	}
	buf_adds(b, ".\n\n");
	buf_free(&t);
}

/*
 * Step 6 (refine): a hunk too big for the dynamic programme and with no
 * exact match, as when the new version is a long document that holds
 * the old one far in (a PDF extraction, a compilation): 150 paragraphs
 * of the old version after 150 others, every one reworded (none equal);
 * one in five only by one word (found anywhere, in order: anchors), the
 * others by half their words (similarity 0.5: enough in place, not
 * enough to be paired as a move).  They are changed, in place.
 */
static void
test_refine(void)
{
	struct buf o, n;
	struct doc *od, *nd;
	struct diff *df;
	unsigned long x, y, k;
	size_t i, pi, changed = 0, half = 0;
	long p;

	buf_init(&o);
	buf_init(&n);
	x = 1;
	k = 99;
	for (p = 1; p <= 150; p++)
		add_para(&n, p, 20, &x, NULL, 1);
	for (p = 1, x = 7, y = 7; p <= 150; p++) {
		add_para(&o, p, 20, &x, NULL, 1);
		if (p % 5 == 0)
			add_para(&n, 150 + p, 20, &y, &k, 20);
		else
			add_para(&n, 150 + p, 20, &y, &k, 2);
	}
	od = import(o.data, o.len);
	nd = import(n.data, n.len);
	df = diff_new(od, nd, NULL);
	for (i = 0; i < doc_block_count(od); i++) {
		if (i % 5 == 4)
			continue;
		half++;
		pi = diff_pair_of_old(df, i);
		if (pi != DIFF_NONE && diff_pair(df, pi)->status ==
		    DIFF_CHANGED && diff_pair(df, pi)->new_first == 150 + i)
			changed++;
	}
	ok(half == 120 && changed == half, "a big hunk without an exact "
	    "match: the paragraphs reworded by half are changed in place "
	    "(%zu of %zu)", changed, half);
	diff_free(df);
	doc_free(od);
	doc_free(nd);
	buf_free(&o);
	buf_free(&n);
}

/*
 * A paragraph broken into a chapeau and a list of sub-paragraphs (or read
 * as one block per hard-wrapped line): one old block, nine new pieces,
 * the last a short one.  Split into all nine, no word changed.
 */
static void
test_split_many(void)
{
	static const char *const let[] = { "أ", "ب", "ج", "د", "هـ", "و",
	    "ز", "ح" };
	struct buf o, n, s[9];
	struct doc *od, *nd;
	struct diff *df;
	unsigned long x = 5;
	size_t pi, k, nops, del = 0;
	const struct diff_op *ops;
	int w;

	buf_init(&o);
	buf_init(&n);
	for (k = 0; k < 9; k++) {
		buf_init(&s[k]);
		for (w = 0; w < (k == 8 ? 3 : 8); w++) {
			if (w > 0)
				buf_addc(&s[k], ' ');
			add_word(&s[k], &x);
		}
		buf_adds(&s[k], k == 8 ? "." : "؛");
	}
	buf_adds(&o, "1 -\t");
	buf_adds(&n, "1 -\t");
	buf_add(&n, s[0].data, s[0].len);
	buf_adds(&n, "\n");
	for (k = 0; k < 9; k++) {
		if (k > 0)
			buf_addc(&o, ' ');
		buf_add(&o, s[k].data, s[k].len);
		if (k > 0) {
			buf_addf(&n, "\t(%s)\t", let[k - 1]);
			buf_add(&n, s[k].data, s[k].len);
			buf_adds(&n, "\n");
		}
	}
	buf_adds(&o, "\n\n2 -\t");
	buf_adds(&n, "\n2 -\t");
	nops = o.len;
	for (w = 0; w < 12; w++) {
		add_word(&o, &x);
		buf_addc(&o, ' ');
	}
	buf_add(&n, o.data + nops, o.len - nops);  /* the same 12 words */
	buf_adds(&o, "\n");
	buf_adds(&n, "\n");
	od = import(o.data, o.len);
	nd = import(n.data, n.len);
	df = diff_new(od, nd, NULL);
	pi = diff_pair_of_old(df, 0);
	ok(pi != DIFF_NONE && diff_pair(df, pi)->status == DIFF_SPLIT &&
	    diff_pair(df, pi)->new_count == 9, "a paragraph in nine pieces "
	    "is split into the nine (%zu)", pi != DIFF_NONE ?
	    diff_pair(df, pi)->new_count : 0);
	if (pi != DIFF_NONE) {
		ops = diff_pair_ops(df, pi, &nops);
		for (k = 0; k < nops; k++)
			if (ops[k].kind != DIFF_OP_EQUAL)
				del++;
	}
	ok(pi != DIFF_NONE && del == 0, "its words are all equal");
	diff_free(df);
	doc_free(od);
	doc_free(nd);
	for (k = 0; k < 9; k++)
		buf_free(&s[k]);
	buf_free(&o);
	buf_free(&n);
}

/* A respelling beside two words an extraction joined: narrowed to the
 * word, still a spelling change. */
static void
test_spelling_joined(void)
{
	struct doc *x = small("تحث الدول على حماية الأسرة من الفقر"),
	    *y = small("تحث الدول على حمايةالاسرة من الفقر");
	struct diff *df = diff_new(x, y, NULL);
	const struct diff_op *ops;
	size_t pi = diff_pair_of_new(df, 1), n, k, nsp = 0, nch = 0;
	char *d = ops_text(df, pi, DIFF_OP_DELETE);

	ops = diff_pair_ops(df, pi, &n);
	for (k = 0; k < n; k++)
		if (ops[k].kind != DIFF_OP_EQUAL) {
			nch++;
			nsp += ops[k].spelling;
		}
	ok(diff_pair(df, pi)->spelling && nch > 0 && nsp == nch,
	    "a respelling beside joined words: a spelling change (%zu of "
	    "%zu operations)", nsp, nch);
	is_str(d, "الأسرة", "... narrowed to the word");
	free(d);
	diff_free(df);
	doc_free(x);
	doc_free(y);
}

static void
test_spelling_flag(void)
{
	struct doc *x = small("وإذ تلاحظ أهمية المسألة"),
	    *y = small("وإذ تلاحظ اهمية المسأله");
	struct diff *df = diff_new(x, y, NULL);
	const struct diff_op *ops;
	size_t pi = diff_pair_of_new(df, 1), n, k;
	bool allsp = true;

	ok(diff_pair(df, pi)->status == DIFF_CHANGED &&
	    diff_pair(df, pi)->spelling && diff_summary(df)->spelling == 1,
	    "letter variants: changed, spelling only, counted apart");
	ops = diff_pair_ops(df, pi, &n);
	for (k = 0; k < n; k++)
		if (ops[k].kind != DIFF_OP_EQUAL && !ops[k].spelling)
			allsp = false;
	ok(allsp, "its word operations are flagged as spelling");
	diff_free(df);
	doc_free(x);
	doc_free(y);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
test_bad(void)
{
	struct doc *a = load(S000), *b = load(S001);
	struct diff *df;
	size_t i, paired = 0;
	double t0;

	if (a == NULL || b == NULL)
		return;
	df = diff_new(NULL, b, NULL);
	ok(diff_summary(df)->count[DIFF_INSERTED] == doc_block_count(b) &&
	    diff_has_changes(df), "empty against full: all inserted");
	diff_free(df);
	df = diff_new(a, NULL, NULL);
	ok(diff_summary(df)->count[DIFF_DELETED] == doc_block_count(a),
	    "full against empty: all deleted");
	diff_free(df);
	df = diff_new(NULL, NULL, NULL);
	ok(diff_pair_count(df) == 0 && !diff_has_changes(df),
	    "empty against empty: no changes");
	diff_free(df);
	t0 = now();
	df = diff_new(a, b, NULL);
	for (i = 0; i < diff_pair_count(df); i++) {
		size_t n;

		(void)diff_pair_ops(df, i, &n);
		if (diff_pair(df, i)->old_count > 0 &&
		    diff_pair(df, i)->new_count > 0)
			paired++;
	}
	ok(now() - t0 < 2.0, "two unrelated documents: bounded time "
	    "(%.3f s)", now() - t0);
	ok(paired * 10 < diff_pair_count(df), "two unrelated documents: "
	    "nearly all inserted or deleted (%zu of %zu paired)", paired,
	    diff_pair_count(df));
	diff_free(df);
	doc_free(a);
	doc_free(b);
}

/* The footnotes of a seed renumbered: one footnote deleted, so every
 * later marker and footnote number changes; the paragraphs stay same. */
static void
ops_tile(const char *name, struct doc *od, struct doc *nd)
{
	struct diff *df = diff_new(od, nd, NULL);
	const struct diff_op *ops;
	size_t i, k, n, bad = 0;

	/* operations tile each side of each pair, in order */
	for (i = 0; i < diff_pair_count(df); i++) {
		const struct diff_pair *p = diff_pair(df, i);
		size_t ob = p->old_first, oo = 0, nb = p->new_first, no = 0;

		ops = diff_pair_ops(df, i, &n);
		for (k = 0; k < n; k++) {
			if (ops[k].kind != DIFF_OP_INSERT) {
				if (ops[k].oblock != ob) {
					ob = ops[k].oblock;
					oo = 0;
				}
				if (ops[k].ostart != oo)
					bad++;
				oo = ops[k].oend;
			}
			if (ops[k].kind != DIFF_OP_DELETE) {
				if (ops[k].nblock != nb) {
					nb = ops[k].nblock;
					no = 0;
				}
				if (ops[k].nstart != no)
					bad++;
				no = ops[k].nend;
			}
		}
	}
	is_int(bad, 0, "%s: word operations tile both sides", name);
	diff_free(df);
	doc_free(od);
	doc_free(nd);
}

static void
test_ops_cover(const char *name, const struct rev *r)
{
	ops_tile(name, import(r->old, r->oldlen), import(r->new, r->newlen));
}

/*
 * pdftotext's text of each PDF fixture against the seed it was printed
 * from: words joined and broken by the extraction, narrowed by the
 * white-space rule (emit_spacing()); the operations still tile.
 */
static void
test_ops_cover_extracted(void)
{
	static const char *const fx[][2] = {
		{ "report-amiri", S002 }, { "resolution-kacst", S001 },
		{ "general-scheherazade", S000 }, { "background-furat", S003 },
	};
	char *a, *b, *pa, *cause = NULL, *name;
	size_t la, lb, i;

	for (i = 0; i < UTIL_NELEM(fx); i++) {
		pa = xasprintf("tests/fixtures/pdf/%s.txt", fx[i][0]);
		name = xasprintf("%s.txt against its seed", fx[i][0]);
		if (util_file_read(pa, &a, &la, &cause) == 0) {
			free(pa);
			pa = xasprintf("%s/%s", corpus_dir(), fx[i][1]);
			if (util_file_read(pa, &b, &lb, &cause) == 0) {
				ops_tile(name, import(a, la), import(b, lb));
				free(b);
			} else
				ok(0, "read %s: %s", pa, cause);
			free(a);
		} else
			ok(0, "read %s: %s", pa, cause);
		free(cause);
		cause = NULL;
		free(pa);
		free(name);
	}
}

/*
 * A seed whose paragraphs do not stand on lines of their own (text from
 * a PDF): words edited in place.  A word of 4+ Arabic letters that
 * occurs once in the whole source is replaced in paragraph A, another
 * gets a fatha and a tatweel in paragraph B: A is changed by that word
 * alone, B and every other block are the same.
 */
static void
check_inplace(const char *name, const char *s, size_t len)
{
	struct doc *od = import(s, len), *nd = NULL;
	struct diff *df;
	const char *t, *p, *e;
	char *w[2] = { NULL, NULL }, *ns = NULL, *x;
	size_t b, tl, found = 0, pa = 0, pi, same = 0;
	struct buf nb;

	if (od == NULL)
		return;
	for (b = 0; b < doc_block_count(od) && found < 2; b++) {
		if (doc_block_kind(od, b) != DOC_PARA)
			continue;
		t = doc_block_text(od, b, &tl);
		for (p = t; p < t + tl && found < 2; p = e) {
			bool arabic = true;
			const char *q;

			while (p < t + tl && *p == ' ')
				p++;
			for (e = p; e < t + tl && *e != ' '; e++)
				;
			for (q = p; q < e; q += 2)
				if ((unsigned char)*q != 0xD8 &&
				    (unsigned char)*q != 0xD9)
					arabic = false;
			if (!arabic || e - p < 10 || (e - p) % 2 != 0)
				continue;
			x = xstrndup(p, (size_t)(e - p));
			/* once in the source, and not inside a longer word */
			q = memmem(s, len, x, strlen(x));
			if (q != NULL && memmem(q + 1, len - (size_t)(q + 1 - s),
			    x, strlen(x)) == NULL && q > s && q[-1] == ' ' &&
			    q[strlen(x)] == ' ' && (found == 0 || b != pa)) {
				w[found++] = x;
				if (found == 1)
					pa = b;
				break;
			}
			free(x);
		}
	}
	if (!ok(found == 2, "%s: two words to edit in place", name))
		goto out;
	buf_init(&nb);
	buf_add(&nb, s, len);
	for (size_t k = 0; k < 2; k++) {
		char *q = memmem(nb.data, nb.len, w[k], strlen(w[k]));
		size_t off = (size_t)(q - nb.data), wl = strlen(w[k]);
		struct buf r;

		buf_init(&r);
		buf_add(&r, nb.data, off);
		if (k == 0)
			buf_adds(&r, NEW_WORD);
		else {
			buf_add(&r, w[k], 2);
			buf_adds(&r, "\xd9\x8e");		/* fatha */
			buf_add(&r, w[k] + 2, 2);
			buf_adds(&r, "\xd9\x80");		/* tatweel */
			buf_add(&r, w[k] + 4, wl - 4);
		}
		buf_add(&r, nb.data + off + wl, nb.len - off - wl);
		buf_free(&nb);
		nb = r;
	}
	ns = buf_steal(&nb);
	nd = import(ns, strlen(ns));
	df = diff_new(od, nd, NULL);
	pi = diff_pair_of_old(df, pa);
	if (ok(diff_pair(df, pi)->status == DIFF_CHANGED,
	    "%s: the paragraph with the word replaced is changed", name)) {
		x = ops_text(df, pi, DIFF_OP_DELETE);
		is_str(x, w[0], "%s: the word taken out", name);
		free(x);
		x = ops_text(df, pi, DIFF_OP_INSERT);
		is_str(x, NEW_WORD, "%s: the word put in", name);
		free(x);
	}
	for (b = 0; b < diff_pair_count(df); b++)
		if (diff_pair(df, b)->status == DIFF_SAME)
			same++;
	is_int(same, diff_pair_count(df) - 1, "%s: every other block, the "
	    "one with harakat and tatweel too, is same", name);
	diff_free(df);
out:
	free(w[0]);
	free(w[1]);
	free(ns);
	doc_free(od);
	doc_free(nd);
}

static int
write_revs(const char *dir)
{
	size_t i, len;
	char *s, *path;
	struct rev r;
	FILE *f;

	for (i = 0; i < UTIL_NELEM(seeds); i++) {
		path = xasprintf("%s/%s", corpus_dir(), seeds[i]);
		if (util_file_read(path, &s, &len, NULL) != 0)
			return 1;
		free(path);
		if (make_rev(s, len, &r)) {
			path = xasprintf("%s/rev%zu-old.txt", dir, i);
			f = fopen(path, "w");
			fwrite(r.old, 1, r.oldlen, f);
			fclose(f);
			free(path);
			path = xasprintf("%s/rev%zu-new.txt", dir, i);
			f = fopen(path, "w");
			fwrite(r.new, 1, r.newlen, f);
			fclose(f);
			free(path);
			free(r.old);
			free(r.new);
			free(r.reworded);
			free(r.pb);
		}
		free(s);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	size_t i, len;
	char *s, *path, *cause = NULL;
	struct rev r;

	if (argc == 3 && strcmp(argv[1], "--write") == 0)
		return write_revs(argv[2]);
	for (i = 0; i < UTIL_NELEM(seeds); i++) {
		path = xasprintf("%s/%s", corpus_dir(), seeds[i]);
		if (!ok(util_file_read(path, &s, &len, &cause) == 0,
		    "read %s", seeds[i])) {
			free(cause);
			free(path);
			continue;
		}
		free(path);
		if (!make_rev(s, len, &r))
			check_inplace(seeds[i], s, len);
		else {
			check_rev(seeds[i], &r);
			test_ops_cover(seeds[i], &r);
			free(r.old);
			free(r.new);
			free(r.reworded);
			free(r.pb);
		}
		free(s);
	}
	test_words();
	test_ops_cover_extracted();
	test_refine();
	test_split_many();
	test_spelling_flag();
	test_spelling_joined();
	test_bad();
	text_cleanup();
	return tap_done();
}
