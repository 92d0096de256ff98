/*
 * notes.c - benchmark of annotations (src/notes.c, src/anchor.c,
 * src/store.c) in a large database, not a test: it prints times and
 * never fails on a slow machine.  tests/bench/notes.sh builds and runs
 * it beside its peers (the sqlite3 shell, grep -F).
 *
 * Setup, not measured: a new database in DIR holding 100,000 annotations
 * over 500 documents, made the way `hamish notes import` makes them (one
 * JSON export per document, each merged by store_import_json() in one
 * transaction):
 *   - SEED_OPEN with 5,000 annotations, anchored by anchor_make() on
 *     word spans all over its text (weighted by paragraph length, one to
 *     eight words, 2% on whole paragraphs);
 *   - SEED_REVISE with 1,000 annotations made the same way;
 *   - 498 synthetic documents sharing the remaining 94,000 (Arabic
 *     quotes and contexts of the same sizes, no text behind them).
 * Both seeds are then opened once with notes_open(), as the reader would
 * have done when the user made the annotations, and the file is copied
 * (DIR/pre.db) for the re-anchoring runs.
 *
 * Measured, best of RUNS:
 *   a. opening SEED_OPEN again: doc_import_file() alone, then
 *      notes_open() (find the document, load the 5,000 rows, place them:
 *      their anchors are already stored for this version), with a split
 *      of where the time goes; store_open() + notes_open() on a new
 *      connection (a reader's first document: SQLite's page cache
 *      empty, the kernel's warm); notes_open() of a document without
 *      annotations (SEED_EMPTY) for its fixed cost;
 *   b. a revision of SEED_REVISE (DIR/revised.txt: a paragraph
 *      inserted, the paragraphs after it renumbered, a subparagraph
 *      deleted, a word changed in many paragraphs, a word dropped from
 *      the first occurrence of one annotated quote in twenty, when it
 *      has three words or more): anchor_resolve() of the 1,000
 *      anchors on it (pure re-anchoring), then notes_open() of it on a
 *      fresh copy of DIR/pre.db (re-anchors, and stores the sure places
 *      in one transaction), then notes_open() once more (now a reopen).
 * The quotes go to DIR/quotes.txt for the grep peer.
 *
 * usage: notes DIR RUNS SEED_OPEN SEED_REVISE SEED_EMPTY
 */
#define _GNU_SOURCE		/* memmem() */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "anchor.h"
#include "doc.h"
#include "notes.h"
#include "store.h"
#include "text.h"
#include "util.h"

#define N_TOTAL		100000	/* annotations in the database */
#define N_DOCS		500	/* documents in the database */
#define N_OPEN		5000	/* on SEED_OPEN */
#define N_REVISE	1000	/* on SEED_REVISE */
#define MAX_WORDS	8	/* words in a quote, at most */
#define REWORD_EVERY	20	/* a word dropped from one quote in 20 */
#define CHANGE_EVERY	4	/* " الدول " -> " البلدان ": one in 4 */

static const char *styles[] = { "yellow", "green", "blue", "pink" };

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

/* xorshift64*: the same annotations on every run of the benchmark. */
static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static size_t
rng_below(size_t n)
{
	return (size_t)(rng() % n);
}

static void
best_of(double *best, double t)
{
	if (*best < 0 || t < *best)
		*best = t;
}

static char *
path_in(const char *dir, const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

/* Removes a database and its -wal and -shm files. */
static void
db_remove(const char *path)
{
	char *p;

	unlink(path);
	p = xasprintf("%s-wal", path);
	unlink(p);
	free(p);
	p = xasprintf("%s-shm", path);
	unlink(p);
	free(p);
}

/*
 * Writes a file and syncs it, so that its write-back is not paid by the
 * next commit that is timed (ext4 orders data before a journal commit).
 */
static void
file_write(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(data, 1, len, f) != len || fflush(f) != 0 ||
	    fsync(fileno(f)) != 0 || fclose(f) != 0)
		die("%s: cannot write", path);
}

static void
file_copy(const char *from, const char *to)
{
	char *data, *cause = NULL;
	size_t len;

	if (util_file_read(from, &data, &len, &cause) != 0)
		die("%s", cause);
	file_write(to, data, len);
	free(data);
}

static long long
file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
}

static struct doc *
import(const char *path)
{
	struct doc *d;
	char *cause = NULL;

	if ((d = doc_import_file(path, NULL, &cause)) == NULL)
		die("%s: %s", path, cause);
	return d;
}

static struct store *
open_store(const char *path)
{
	struct store *st;
	char *cause = NULL;

	if ((st = store_open(path, &cause)) == NULL)
		die("%s", cause);
	return st;
}

static struct notes *
open_notes(struct store *st, const struct doc *d, const char *path)
{
	struct notes *ns;
	char *cause = NULL;

	if ((ns = notes_open(st, d, path, &cause)) == NULL)
		die("%s: %s", path, cause);
	return ns;
}

/* --- annotations on a real text ------------------------------------ */

/* Where words start in each block, in code points. */
struct words {
	size_t		  nblocks;
	size_t		 *ncp;		/* code points per block */
	size_t		**start;	/* word starts per block */
	size_t		 *nstart;
	size_t		  total;	/* code points of all blocks */
};

static void
words_init(struct words *w, const struct doc *d)
{
	w->nblocks = doc_block_count(d);
	w->ncp = xcalloc(w->nblocks, sizeof *w->ncp);
	w->start = xcalloc(w->nblocks, sizeof *w->start);
	w->nstart = xcalloc(w->nblocks, sizeof *w->nstart);
	w->total = 0;
	for (size_t b = 0; b < w->nblocks; b++) {
		size_t len, cp = 0;
		const char *s = doc_block_text(d, b, &len);
		bool space = true;

		w->start[b] = xcalloc(len + 1, sizeof **w->start);
		for (size_t i = 0; i < len; i++) {
			if (((unsigned char)s[i] & 0xC0) == 0x80)
				continue;	/* not a lead byte */
			if (s[i] != ' ' && space)
				w->start[b][w->nstart[b]++] = cp;
			space = s[i] == ' ';
			cp++;
		}
		w->ncp[b] = cp;
		w->total += cp;
	}
}

static void
words_free(struct words *w)
{
	for (size_t b = 0; b < w->nblocks; b++)
		free(w->start[b]);
	free(w->start);
	free(w->nstart);
	free(w->ncp);
}

/*
 * Anchors one annotation on a span of one to MAX_WORDS words starting at
 * a word, the place drawn in proportion to the text (or, one in 50, on a
 * whole paragraph).
 */
static void
pick(struct anchor_doc *ad, const struct words *w, struct anchor *out)
{
	size_t pos, b, k, i, n, end;

	for (;;) {
		pos = rng_below(w->total);
		for (b = 0; pos >= w->ncp[b]; b++)
			pos -= w->ncp[b];
		if (w->nstart[b] == 0)
			continue;
		if (rng_below(50) == 0) {
			anchor_make(ad, b, 0, 0, true, out);
			return;
		}
		for (i = 0; i + 1 < w->nstart[b] &&
		    w->start[b][i + 1] <= pos; i++)
			continue;
		n = 1 + rng_below(MAX_WORDS);
		k = i + n < w->nstart[b] ? i + n : w->nstart[b];
		end = k < w->nstart[b] ? w->start[b][k] - 1 : w->ncp[b];
		if (end > w->start[b][i])
			break;
	}
	anchor_make(ad, b, w->start[b][i], end, false, out);
}

/* --- the exchange format (notes-export.c) -------------------------- */

/* Who a document is, as an export names it (borrowed strings). */
struct who {
	const char	*family;
	const char	*symbol;
	const char	*title;
};

static unsigned long counter;	/* annotations written so far */

/*
 * Appends annotation i of an export: a highlight, a note or both, with
 * its anchor a, as json_item() in notes-export.c writes it.  The UUID
 * and the times come from a counter, so each is new.
 */
static void
json_item(struct buf *b, const struct who *w, const struct anchor *a,
    bool comma)
{
	unsigned long n = counter++;
	time_t t = (time_t)(1767225600 + n);	/* 2026-01-01 and on */
	struct tm tm;
	char when[32], uuid[37];
	const char *style = NULL;
	char *text = NULL;

	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
	snprintf(uuid, sizeof uuid, "%08x-%04x-4%03x-%x%03x-%012lx",
	    (unsigned)rng(), (unsigned)(rng() & 0xFFFF),
	    (unsigned)(rng() & 0xFFF), 8 + (unsigned)(rng() & 3),
	    (unsigned)(rng() & 0xFFF), n);
	switch (n % 10) {
	case 7:
	case 8:
		text = xasprintf("ملاحظة %lu: يُراجع هذا مع التقرير السابق", n);
		break;
	case 9:
		text = xstrdup("انظر الفقرة السابقة");
		/* FALLTHROUGH */
	default:
		style = styles[n % 4];
		break;
	}

	buf_adds(b, comma ? ",\n    {" : "\n    {");
	buf_addf(b, "\"id\": \"urn:uuid:%s\", \"type\": \"Annotation\", "
	    "\"motivation\": \"%s\",\n      \"created\": \"%s\", "
	    "\"modified\": \"%s\"", uuid, text != NULL ? "commenting" :
	    "highlighting", when, when);
	if (text != NULL) {
		buf_adds(b, ",\n      \"body\": {\"type\": \"TextualBody\", "
		    "\"value\": ");
		buf_add_json(b, text);
		buf_adds(b, ", \"format\": \"text/plain\"}");
	}
	buf_addf(b, ",\n      \"target\": {\"source\": "
	    "\"urn:hamish:text:%016llx\", \"selector\": [\n        "
	    "{\"type\": \"TextQuoteSelector\", \"exact\": ",
	    (unsigned long long)a->doc_hash);
	buf_add_json(b, a->exact);
	buf_adds(b, ", \"prefix\": ");
	buf_add_json(b, a->prefix);
	buf_adds(b, ", \"suffix\": ");
	buf_add_json(b, a->suffix);
	buf_adds(b, "}]},\n      \"hamish:deleted\": false, "
	    "\"hamish:style\": ");
	buf_add_json(b, style);
	buf_adds(b, ", \"hamish:address\": ");
	buf_add_json(b, a->para);
	buf_adds(b, ", \"hamish:status\": \"exact\",\n      "
	    "\"hamish:document\": {\"family\": ");
	buf_add_json(b, w->family);
	buf_adds(b, ", \"symbol\": ");
	buf_add_json(b, w->symbol);
	buf_adds(b, ", \"title\": ");
	buf_add_json(b, w->title);
	buf_addf(b, "},\n      \"hamish:anchor\": {\"block\": %zu, "
	    "\"start\": %zu, \"end\": %zu, \"whole\": %s, \"paragraph\": ",
	    a->block, a->start, a->end, a->whole ? "true" : "false");
	buf_add_json(b, a->para);
	buf_addf(b, ", \"paragraphHash\": \"%016llx\", \"documentHash\": "
	    "\"%016llx\", \"status\": \"exact\", \"score\": 1.000}}",
	    (unsigned long long)a->para_fp,
	    (unsigned long long)a->doc_hash);
	free(text);
}

/* Merges the n anchors of one document into the store, one import. */
static void
import_doc(struct store *st, const struct who *w, const struct anchor *a,
    size_t n)
{
	struct store_import_stats stats;
	struct buf b;
	char *cause = NULL;

	buf_init(&b);
	buf_adds(&b, "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", "
	    "\"type\": \"AnnotationCollection\", \"generator\": \"hamish\","
	    "\n  \"items\": [");
	for (size_t i = 0; i < n; i++)
		json_item(&b, w, &a[i], i > 0);
	buf_adds(&b, "\n  ]}\n");
	if (!store_import_json(st, b.data, b.len, &stats, &cause))
		die("import: %s", cause);
	if (stats.added != n)
		die("import: %zu of %zu added (%zu skipped)", stats.added, n,
		    stats.skipped);
	buf_free(&b);
}

/* n anchors on the words of document d (caller frees each, and a). */
static struct anchor *
anchors_real(const struct doc *d, size_t n)
{
	struct anchor_doc *ad = anchor_doc_new(d);
	struct anchor *a = xcalloc(n, sizeof *a);
	struct words w;

	words_init(&w, d);
	for (size_t i = 0; i < n; i++)
		pick(ad, &w, &a[i]);
	words_free(&w);
	anchor_doc_free(ad);
	return a;
}

static void
anchors_free(struct anchor *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		anchor_clear(&a[i]);
	free(a);
}

/* Imports the n anchors of d as notes_open() would name d. */
static void
import_real(struct store *st, const struct doc *d, const struct anchor *a,
    size_t n)
{
	struct who w;
	char *family = notes_symbol_family(doc_meta(d)->symbol);
	char *title = family == NULL ? notes_title_block(d) : NULL;

	w.family = family;
	w.symbol = doc_meta(d)->symbol;
	w.title = title != NULL ? title : doc_meta(d)->title;
	import_doc(st, &w, a, n);
	free(family);
	free(title);
}

static const char *lexicon[] = {
	"الجمعية", "العامة", "الأمم", "المتحدة", "الدول", "الأعضاء",
	"تدابير", "مكافحة", "الاتجار", "بالنساء", "والفتيات", "التقرير",
	"المقررة", "الخاصة", "حقوق", "الإنسان", "التعاون", "الدولي",
	"في", "من", "على", "إلى", "بشأن", "وفقاً", "للقرار", "الدورة",
	"اللجنة", "الضحايا", "الحماية", "العدالة", "الجنائية", "التنمية"
};

/* n words of the lexicon, or up to cps code points of them. */
static char *
lex_text(size_t words, size_t cps)
{
	struct buf b;
	size_t cp = 0;

	buf_init(&b);
	for (size_t i = 0; i < words || (words == 0 && cp < cps); i++) {
		const char *wd = lexicon[rng_below(UTIL_NELEM(lexicon))];

		if (i > 0) {
			buf_addc(&b, ' ');
			cp++;
		}
		buf_adds(&b, wd);
		cp += utf8_count(wd, strlen(wd));
	}
	return buf_steal(&b);
}

/* Imports n annotations of synthetic document k. */
static void
import_synthetic(struct store *st, size_t k, size_t n)
{
	struct anchor *a = xcalloc(n, sizeof *a);
	char family[32], title[48];
	struct who w = { family, family, title };
	uint64_t hash = util_hash64(&k, sizeof k, UTIL_HASH64_INIT);

	snprintf(family, sizeof family, "A/BENCH/%zu", k);
	snprintf(title, sizeof title, "وثيقة اختبار %zu", k);
	for (size_t i = 0; i < n; i++) {
		a[i].block = rng_below(200);
		a[i].para = xasprintf("%zu", a[i].block / 2 + 1);
		a[i].exact = lex_text(1 + rng_below(MAX_WORDS), 0);
		a[i].prefix = lex_text(0, ANCHOR_CONTEXT);
		a[i].suffix = lex_text(0, ANCHOR_CONTEXT);
		a[i].start = rng_below(400);
		a[i].end = a[i].start + utf8_count(a[i].exact,
		    strlen(a[i].exact));
		a[i].para_fp = rng();
		a[i].doc_hash = hash;
	}
	import_doc(st, &w, a, n);
	anchors_free(a, n);
}

/* --- the revision --------------------------------------------------- */

/* An Arabic-Indic number at p ("١٢"), its value into *n, its bytes. */
static size_t
indic_number(const char *p, const char *end, long *n)
{
	size_t len = 0;

	*n = 0;
	while (p + len + 1 < end && (unsigned char)p[len] == 0xD9 &&
	    (unsigned char)p[len + 1] >= 0xA0 &&
	    (unsigned char)p[len + 1] <= 0xA9) {
		*n = *n * 10 + ((unsigned char)p[len + 1] - 0xA0);
		len += 2;
	}
	return len;
}

static void
indic_add(struct buf *b, long n)
{
	char s[32];

	snprintf(s, sizeof s, "%ld", n);
	for (char *p = s; *p != '\0'; p++) {
		buf_addc(b, (char)0xD9);
		buf_addc(b, (char)(0xA0 + (*p - '0')));
	}
}

static const char inserted[] =
	" - وتلاحظ الأمانة أن عدد الدول التي قدّمت معلومات لهذا التقرير "
	"قد ازداد مقارنة بالتقرير السابق، وأن كثيراً منها أفاد بتدابير "
	"جديدة لحماية الضحايا وتعزيز التعاون الدولي في مجال مكافحة "
	"الاتجار بالنساء والفتيات.\n\n";

/*
 * The revised text of the seed: a paragraph inserted before paragraph
 * 3, the numbered paragraphs from there on renumbered, the first
 * subparagraph (ي) deleted (a line "- (ي) ..."), one " الدول " in
 * CHANGE_EVERY made " البلدان ", and a middle word dropped from the
 * first occurrence of every REWORD_EVERY-th quote (*reworded counts
 * those found).  Caller frees the result, *outlen bytes.
 */
static char *
revise(const char *src, size_t len, const struct anchor *a, size_t n,
    size_t *outlen, size_t *reworded)
{
	struct buf b, r;
	const char *p = src, *end = src + len, *nl;
	bool inserted_yet = false, deleted_yet = false;
	size_t changes = 0;

	buf_init(&b);
	while (p < end) {
		long num;
		size_t dl;

		nl = memchr(p, '\n', (size_t)(end - p));
		nl = nl != NULL ? nl + 1 : end;
		dl = indic_number(p, nl, &num);
		if (dl > 0 && nl - p > (long)dl + 3 &&
		    memcmp(p + dl, " - ", 3) == 0 && num >= 3) {
			if (!inserted_yet) {
				indic_add(&b, 3);
				buf_adds(&b, inserted);
				inserted_yet = true;
			}
			indic_add(&b, num + 1);
			p += dl;
		} else if (!deleted_yet && nl - p > 8 &&
		    memcmp(p, "- (ي)", strlen("- (ي)")) == 0) {
			deleted_yet = true;
			p = nl;
			continue;
		}
		/* the rest of the line, some words changed */
		while (p < nl) {
			const char *w = memmem(p, (size_t)(nl - p),
			    " الدول ", strlen(" الدول "));

			if (w == NULL) {
				buf_add(&b, p, (size_t)(nl - p));
				p = nl;
			} else {
				buf_add(&b, p, (size_t)(w - p));
				buf_adds(&b, ++changes % CHANGE_EVERY == 0 ?
				    " البلدان " : " الدول ");
				p = w + strlen(" الدول ");
			}
		}
	}
	if (!inserted_yet || !deleted_yet)
		die("revise: the seed has no paragraph 3 or no (ي)");

	/* reword quotes: drop the word in the middle of the quote */
	*reworded = 0;
	for (size_t i = 0; i < n; i += REWORD_EVERY) {
		const char *q = a[i].exact, *at, *mid, *ws, *we;
		size_t ql = strlen(q);

		if (a[i].whole || (at = memmem(b.data, b.len, q, ql)) == NULL)
			continue;
		mid = at + ql / 2;
		for (ws = mid; ws > at && ws[-1] != ' '; ws--)
			continue;
		for (we = mid; we < at + ql && *we != ' '; we++)
			continue;
		if (ws == at || we >= at + ql)
			continue;	/* one or two words: keep */
		buf_init(&r);
		buf_add(&r, b.data, (size_t)(ws - b.data));
		buf_add(&r, we + 1, b.len - (size_t)(we + 1 - b.data));
		buf_free(&b);
		b = r;
		(*reworded)++;
	}
	*outlen = b.len;
	return buf_steal(&b);
}

/* The text at [m->start, m->end) of block m->block is a's quote. */
static bool
on_own_words(const struct doc *d, const struct anchor_match *m,
    const struct anchor *a)
{
	size_t len, cp = 0, bs = 0, be = 0, i;
	const char *s = doc_block_text(d, m->block, &len);

	for (i = 0; i <= len; i++) {
		if (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			continue;
		if (cp == m->start)
			bs = i;
		if (cp == m->end) {
			be = i;
			break;
		}
		cp++;
	}
	return be > bs && be - bs == strlen(a->exact) &&
	    memcmp(s + bs, a->exact, be - bs) == 0;
}

int
main(int argc, char **argv)
{
	const char *dir, *seed_open, *seed_revise, *seed_empty;
	char *db, *pre, *run, *rev_path, *quotes_path, *cause = NULL;
	char *src, *rev;
	size_t src_len, rev_len, reworded, n_syn, i, k;
	struct anchor *a_open, *a_rev;
	struct doc *d_open, *d_rev, *d_empty;
	struct store *st;
	struct notes *ns;
	struct anchor_doc *ad;
	struct anchor_match m;
	struct store_note *rows;
	size_t nrows, status[5] = { 0 }, own = 0, placed_status[5] = { 0 };
	double t, t_setup, t_store, b_import = -1, b_open = -1, b_total = -1,
	    b_empty = -1, b_docopen = -1, b_load = -1, b_resolve = -1,
	    b_cold = -1,
	    b_revopen = -1, b_reopen = -1;
	int64_t doc_id = 0, version = 0;
	int runs;
	struct buf q;

	if (argc != 6) {
		fputs("usage: notes DIR RUNS SEED_OPEN SEED_REVISE "
		    "SEED_EMPTY\n", stderr);
		return 2;
	}
	dir = argv[1];
	runs = atoi(argv[2]) < 1 ? 1 : atoi(argv[2]);
	seed_open = argv[3];
	seed_revise = argv[4];
	seed_empty = argv[5];
	db = path_in(dir, "notes.db");
	pre = path_in(dir, "pre.db");
	run = path_in(dir, "run.db");
	rev_path = path_in(dir, "revised.txt");
	quotes_path = path_in(dir, "quotes.txt");

	/* --- setup: the database -------------------------------------- */
	t = now_ms();
	db_remove(db);
	db_remove(pre);
	db_remove(run);
	st = open_store(db);
	d_open = import(seed_open);
	d_rev = import(seed_revise);
	a_open = anchors_real(d_open, N_OPEN);
	a_rev = anchors_real(d_rev, N_REVISE);
	n_syn = N_TOTAL - N_OPEN - N_REVISE;
	for (k = 0; k < N_DOCS - 2; k++) {
		/* the real documents in the middle of the file */
		if (k == (N_DOCS - 2) / 2) {
			import_real(st, d_open, a_open, N_OPEN);
			import_real(st, d_rev, a_rev, N_REVISE);
		}
		import_synthetic(st, k, n_syn / (N_DOCS - 2) +
		    (k < n_syn % (N_DOCS - 2)));
	}
	if (counter != N_TOTAL)
		die("setup: %lu annotations, not %d", counter, N_TOTAL);
	/* The user opened both when annotating them. */
	ns = open_notes(st, d_open, seed_open);
	if (notes_count(ns) != N_OPEN ||
	    notes_count_status(ns, ANCHOR_EXACT) != N_OPEN)
		die("setup: %zu annotations on %s, %zu exact",
		    notes_count(ns), seed_open,
		    notes_count_status(ns, ANCHOR_EXACT));
	notes_free(ns);
	ns = open_notes(st, d_rev, seed_revise);
	if (notes_count(ns) != N_REVISE ||
	    notes_count_status(ns, ANCHOR_EXACT) != N_REVISE)
		die("setup: %zu annotations on %s", notes_count(ns),
		    seed_revise);
	notes_free(ns);
	store_close(st);
	file_copy(db, pre);
	t_setup = now_ms() - t;
	printf("# setup: %d annotations over %d documents, %lld bytes, "
	    "%.1f s (not measured)\n", N_TOTAL, N_DOCS, file_size(db),
	    t_setup / 1e3);

	/* --- a. opening a document with 5,000 annotations -------------- */
	t = now_ms();
	st = open_store(db);
	t_store = now_ms() - t;
	for (int r = 0; r < runs; r++) {
		double t0, t1, t2;

		struct doc *d;

		t0 = now_ms();
		d = import(seed_open);
		t1 = now_ms();
		ns = open_notes(st, d, seed_open);
		t2 = now_ms();
		if (notes_count(ns) != N_OPEN)
			die("%s: %zu annotations", seed_open, notes_count(ns));
		notes_free(ns);
		doc_free(d);
		best_of(&b_import, t1 - t0);
		best_of(&b_open, t2 - t1);
		best_of(&b_total, t2 - t0);
	}
	/* Where it goes: the document found (a write transaction, as in
	 * notes_open()), the rows loaded; the rest is placing them. */
	for (int r = 0; r < runs; r++) {
		struct anchor_doc *a2 = anchor_doc_new(d_open);
		struct store_doc_key key;
		char hash[17], *real = realpath(seed_open, NULL);
		char *family = notes_symbol_family(doc_meta(d_open)->symbol);
		char *title = family == NULL ? notes_title_block(d_open) :
		    NULL;

		snprintf(hash, sizeof hash, "%016llx",
		    (unsigned long long)anchor_doc_hash(a2));
		memset(&key, 0, sizeof key);
		key.family = family;
		key.symbol = doc_meta(d_open)->symbol;
		key.title = title != NULL ? title : doc_meta(d_open)->title;
		key.path = real;
		key.text_hash = hash;
		t = now_ms();
		if (!store_doc_open(st, &key, &doc_id, &version, NULL, &cause))
			die("%s", cause);
		best_of(&b_docopen, now_ms() - t);
		t = now_ms();
		if (!store_notes_load(st, doc_id, version, false, &rows,
		    &nrows, &cause))
			die("%s", cause);
		best_of(&b_load, now_ms() - t);
		store_notes_free(rows, nrows);
		free(real);
		free(family);
		free(title);
		anchor_doc_free(a2);
	}
	/* The first document of a reader: the database just opened, so
	 * SQLite's page cache is empty (the kernel's is not). */
	store_close(st);
	for (int r = 0; r < runs; r++) {
		t = now_ms();
		st = open_store(db);
		ns = open_notes(st, d_open, seed_open);
		best_of(&b_cold, now_ms() - t);
		notes_free(ns);
		store_close(st);
	}
	st = open_store(db);
	d_empty = import(seed_empty);
	for (int r = 0; r < runs; r++) {
		t = now_ms();
		ns = open_notes(st, d_empty, seed_empty);
		best_of(&b_empty, now_ms() - t);
		if (notes_count(ns) != 0)
			die("%s: has annotations", seed_empty);
		notes_free(ns);
	}
	doc_free(d_empty);
	store_close(st);

	printf("open: %s with %d annotations (anchors stored for this "
	    "version), best of %d\n", seed_open, N_OPEN, runs);
	printf("  doc_import_file alone:                        %8.2f ms\n",
	    b_import);
	printf("  doc_import_file + notes_open:                 %8.2f ms\n",
	    b_total);
	printf("  opening adds (notes_open, %d annotations):  %8.2f ms "
	    "(target < 50: %s)\n", N_OPEN, b_open,
	    b_open < 50 ? "met" : "NOT met");
	printf("    of which: find the document (a commit)      %8.2f ms\n",
	    b_docopen);
	printf("              load the %d rows (SQL)          %8.2f ms\n",
	    N_OPEN, b_load);
	printf("              the rest (hash, place, sort)      %8.2f ms\n",
	    b_open - b_docopen - b_load);
	printf("  store_open alone (once per reader):           %8.2f ms\n",
	    t_store);
	printf("  store_open + notes_open, a reader's first:    %8.2f ms "
	    "(target < 50: %s)\n", b_cold, b_cold < 50 ? "met" : "NOT met");
	printf("  notes_open of a document with no annotations: %8.2f ms\n",
	    b_empty);

	/* --- b. re-anchoring onto a revised text ----------------------- */
	if (util_file_read(seed_revise, &src, &src_len, &cause) != 0)
		die("%s", cause);
	rev = revise(src, src_len, a_rev, N_REVISE, &rev_len, &reworded);
	file_write(rev_path, rev, rev_len);
	free(src);
	free(rev);
	buf_init(&q);
	for (i = 0; i < N_REVISE; i++) {
		for (const char *c = a_rev[i].exact; *c != '\0'; c++)
			buf_addc(&q, *c == '\n' ? ' ' : *c);
		buf_addc(&q, '\n');
	}
	file_write(quotes_path, q.data, q.len);
	buf_free(&q);
	doc_free(d_rev);
	d_rev = import(rev_path);

	for (int r = 0; r < runs; r++) {
		memset(status, 0, sizeof status);
		own = 0;
		ad = anchor_doc_new(d_rev);
		t = now_ms();
		for (i = 0; i < N_REVISE; i++) {
			anchor_resolve(ad, &a_rev[i], &m);
			status[m.status]++;
			if (m.status != ANCHOR_ORPHAN &&
			    on_own_words(d_rev, &m, &a_rev[i]))
				own++;
		}
		best_of(&b_resolve, now_ms() - t);
		anchor_doc_free(ad);
	}
	for (int r = 0; r < runs; r++) {
		db_remove(run);
		file_copy(pre, run);
		st = open_store(run);
		t = now_ms();
		ns = open_notes(st, d_rev, rev_path);
		best_of(&b_revopen, now_ms() - t);
		if (notes_count(ns) != N_REVISE)
			die("%s: %zu annotations", rev_path, notes_count(ns));
		for (int s = 0; s < 5; s++)
			placed_status[s] = notes_count_status(ns,
			    (enum anchor_status)s);
		notes_free(ns);
		t = now_ms();
		ns = open_notes(st, d_rev, rev_path);
		best_of(&b_reopen, now_ms() - t);
		notes_free(ns);
		store_close(st);
	}
	db_remove(run);

	printf("re-anchor: %d annotations of %s onto a revision (a "
	    "paragraph inserted, the rest renumbered, a subparagraph "
	    "deleted, %zu quotes reworded, words changed), best of %d\n",
	    N_REVISE, seed_revise, reworded, runs);
	printf("  anchor_resolve x %d:                     %8.2f ms "
	    "(target < 100: %s)\n", N_REVISE, b_resolve,
	    b_resolve < 100 ? "met" : "NOT met");
	printf("    exact %zu, moved %zu, fuzzy %zu, needs review %zu, "
	    "orphan %zu; %zu on their own words\n", status[ANCHOR_EXACT],
	    status[ANCHOR_MOVED], status[ANCHOR_FUZZY],
	    status[ANCHOR_REVIEW], status[ANCHOR_ORPHAN], own);
	printf("  notes_open of the revision (re-anchors, stores): %6.2f ms"
	    "\n", b_revopen);
	printf("    exact %zu, moved %zu, fuzzy %zu, needs review %zu, "
	    "orphan %zu\n", placed_status[ANCHOR_EXACT],
	    placed_status[ANCHOR_MOVED], placed_status[ANCHOR_FUZZY],
	    placed_status[ANCHOR_REVIEW], placed_status[ANCHOR_ORPHAN]);
	printf("    of which re-anchoring about %.2f ms (as above), the "
	    "rest about %.2f ms:\n    find the document, load the rows, "
	    "store the new places (one transaction)\n", b_resolve,
	    b_revopen - b_resolve);
	printf("  notes_open of the revision again (reopen):      %6.2f ms"
	    "\n", b_reopen);

	/* For the driver: machine-readable, one line. */
	printf("# doc=%lld version=%lld open_ms=%.3f cold_ms=%.3f "
	    "import_ms=%.3f resolve_ms=%.3f revopen_ms=%.3f\n",
	    (long long)doc_id, (long long)version, b_open, b_cold, b_import,
	    b_resolve, b_revopen);

	anchors_free(a_open, N_OPEN);
	anchors_free(a_rev, N_REVISE);
	doc_free(d_open);
	doc_free(d_rev);
	free(db);
	free(pre);
	free(run);
	free(rev_path);
	free(quotes_path);
	text_cleanup();
	return 0;
}
