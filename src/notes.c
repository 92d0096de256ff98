/*
 * notes.c - the annotations of one open document (see notes.h).
 *
 * Keeps the rows store_notes_load() returned and, beside them, where
 * each one sits on the current text.  Every change goes to the store
 * first, in its own transaction, and only then is the list loaded again:
 * what the reader shows is what is on disk.  Nothing here deletes an
 * annotation that did not find its place: an orphan stays a row, listed
 * last, until the user re-attaches or deletes it.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anchor.h"
#include "doc.h"
#include "notes.h"
#include "store.h"
#include "text.h"
#include "util.h"

#define UNDO_MAX	64	/* changes that U can take back */
#define TITLE_LINES	3	/* leading lines of the title block used */

/*
 * One change U can take back: what the annotation was before it.  Steps
 * of one group (a highlight over several paragraphs) go back together.
 */
enum undo_kind {
	UNDO_ADDED,		/* added: undo deletes it */
	UNDO_SET,		/* style and text were changed: these */
	UNDO_DELETED,		/* deleted: undo brings it back */
	UNDO_PLACED		/* re-attached: it was on this anchor */
};

struct undo {
	enum undo_kind	 kind;
	char		*uuid;
	char		*style;		/* UNDO_SET */
	char		*text;
	struct anchor	 anchor;	/* UNDO_PLACED, heap strings */
	enum anchor_status status;
	double		 score;
	unsigned	 group;
};

struct notes {
	struct store	*st;		/* borrowed */
	const struct doc *d;		/* borrowed; NULL: stored only */
	struct anchor_doc *ad;		/* owned, or NULL */
	int64_t		 doc_id;
	int64_t		 version;	/* 0: unknown (read-only store) */

	struct store_note *rows;	/* owned (store_notes_free()) */
	size_t		 nrows;
	struct note	*note;		/* placements, list order */
	size_t		 n;

	struct undo	*undo[UNDO_MAX];	/* newest last */
	size_t		 nundo;
	unsigned	 group;		/* notes_group_begin() count */
	bool		 grouping;
};

char *
notes_symbol_family(const char *symbol)
{
	const char *rev;
	size_t len;

	if (symbol == NULL)
		return NULL;
	len = strlen(symbol);
	/* a trailing "/Rev.N": the revision shares the original's notes */
	rev = strstr(symbol, "/Rev.");
	if (rev != NULL && rev[5] >= '0' && rev[5] <= '9' &&
	    strspn(rev + 5, "0123456789") == strlen(rev + 5))
		len = (size_t)(rev - symbol);
	return xstrndup(symbol, len);
}

/*
 * Seed 001 (a draft resolution) and seed 002 (a report) share the title
 * "الاتجار بالنساء والفتيات": the title alone cannot say that a text
 * is a version of another, the header lines before it can.
 */
char *
notes_title_block(const struct doc *d)
{
	const struct doc_meta *m = doc_meta(d);
	struct buf b;
	size_t i, n = 0;

	if (m->title == NULL || *m->title == '\0')
		return NULL;
	buf_init(&b);
	for (i = 0; i < doc_block_count(d) && n < TITLE_LINES; i++) {
		size_t len;
		const char *s = doc_block_text(d, i, &len);

		if (doc_block_kind(d, i) != DOC_TEXT)
			break;
		buf_add(&b, s, len);
		buf_adds(&b, " · ");
		n++;
	}
	buf_adds(&b, m->title);
	return buf_steal(&b);
}

static int
group_of(enum anchor_status s)
{
	return s == ANCHOR_ORPHAN ? 2 : s == ANCHOR_REVIEW ? 1 : 0;
}

static int
note_cmp(const void *pa, const void *pb)
{
	const struct note *a = pa, *b = pb;
	int ga = group_of(a->status), gb = group_of(b->status);

	if (ga != gb)
		return ga < gb ? -1 : 1;
	if (ga == 2)		/* orphans: where they were */
		return a->sn->anchor.block < b->sn->anchor.block ? -1 :
		    a->sn->anchor.block > b->sn->anchor.block ? 1 :
		    a->sn->id < b->sn->id ? -1 : 1;
	if (a->block != b->block)
		return a->block < b->block ? -1 : 1;
	if (a->whole != b->whole)
		return a->whole ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end > b->end ? -1 : 1;
	return a->sn->id < b->sn->id ? -1 : a->sn->id > b->sn->id;
}

/* Code points in block i of the document. */
static size_t
block_len(const struct doc *d, size_t i)
{
	size_t len;
	const char *s = doc_block_text(d, i, &len);

	return utf8_count(s, len);
}

/*
 * Whether a stored anchor of this very version still fits the text (it
 * always should: same version, same text; checked so that a damaged row
 * cannot put a highlight outside a block).
 */
static bool
fits(const struct notes *ns, const struct anchor *a)
{
	if (a->block >= doc_block_count(ns->d))
		return false;
	return a->start < a->end && a->end <= block_len(ns->d, a->block);
}

/*
 * Places every row on the text; when store is set, records on this
 * version the anchors of the ones that found a sure place (exact, moved,
 * fuzzy) in one transaction.  A weak match is not recorded: the next
 * open starts again from the words the user chose, so that a note can
 * never drift from one weak match to the next.
 */
static bool
place_all(struct notes *ns, bool store, char **cause)
{
	struct store_anchor_row *put = NULL;
	struct anchor *made = NULL;
	size_t nput = 0;
	bool ok = true;

	ns->note = xreallocarray(NULL, ns->nrows ? ns->nrows : 1,
	    sizeof *ns->note);
	ns->n = 0;
	if (store && ns->version != 0 && !store_readonly(ns->st)) {
		put = xcalloc(ns->nrows ? ns->nrows : 1, sizeof *put);
		made = xcalloc(ns->nrows ? ns->nrows : 1, sizeof *made);
	}
	for (size_t i = 0; i < ns->nrows; i++) {
		struct store_note *r = &ns->rows[i];
		struct note *nt = &ns->note[ns->n++];
		struct anchor_match m;

		memset(nt, 0, sizeof *nt);
		nt->sn = r;
		nt->whole = r->anchor.whole;
		/*
		 * As stored: with no text, or when the anchor is this
		 * version's own (the same text: its offsets are right).
		 */
		if (ns->d == NULL || (r->version == ns->version &&
		    ns->version != 0 && fits(ns, &r->anchor))) {
			nt->status = r->status;
			nt->score = r->score;
			nt->block = r->anchor.block;
			nt->start = r->anchor.start;
			nt->end = r->anchor.end;
			continue;
		}
		anchor_resolve(ns->ad, &r->anchor, &m);
		nt->status = m.status;
		nt->score = m.score;
		nt->block = m.block;
		nt->start = m.start;
		nt->end = m.end;
		if (put != NULL && (m.status == ANCHOR_EXACT ||
		    m.status == ANCHOR_MOVED || m.status == ANCHOR_FUZZY)) {
			anchor_make(ns->ad, m.block, m.start, m.end,
			    r->anchor.whole, &made[nput]);
			put[nput].uuid = r->uuid;
			put[nput].anchor = &made[nput];
			put[nput].status = m.status;
			put[nput].score = m.score;
			nput++;
		}
	}
	if (nput > 0)
		ok = store_anchors_put(ns->st, ns->version, put, nput, cause);
	for (size_t i = 0; i < nput; i++)
		anchor_clear(&made[i]);
	free(made);
	free(put);
	qsort(ns->note, ns->n, sizeof *ns->note, note_cmp);
	return ok;
}

/* Loads the rows again and places them. */
static bool
reload(struct notes *ns, bool store, char **cause)
{
	store_notes_free(ns->rows, ns->nrows);
	free(ns->note);
	ns->rows = NULL;
	ns->note = NULL;
	ns->nrows = ns->n = 0;
	if (!store_notes_load(ns->st, ns->doc_id, ns->version, false,
	    &ns->rows, &ns->nrows, cause))
		return false;
	return place_all(ns, store, cause);
}

struct notes *
notes_open(struct store *st, const struct doc *d, const char *path,
    char **cause)
{
	struct notes *ns = xcalloc(1, sizeof *ns);
	struct store_doc_key key;
	char hash[17], *family, *title, *real = NULL, *sketch;
	bool ok;

	ns->st = st;
	ns->d = d;
	ns->ad = anchor_doc_new(d);
	snprintf(hash, sizeof hash, "%016llx",
	    (unsigned long long)anchor_doc_hash(ns->ad));
	family = notes_symbol_family(doc_meta(d)->symbol);
	title = family == NULL ? notes_title_block(d) : NULL;
	if (path != NULL && strcmp(path, "-") != 0)
		real = realpath(path, NULL);
	memset(&key, 0, sizeof key);
	key.family = family;
	key.symbol = doc_meta(d)->symbol;
	key.title = title != NULL ? title : doc_meta(d)->title;
	key.path = real;
	key.text_hash = hash;
	key.sketch = sketch = family != NULL ? anchor_doc_sketch(d) : NULL;
	ok = store_doc_open(st, &key, &ns->doc_id, &ns->version, NULL,
	    cause);
	free(sketch);
	free(family);
	free(title);
	free(real);
	if (ok)
		ok = reload(ns, true, cause);
	if (!ok) {
		notes_free(ns);
		return NULL;
	}
	return ns;
}

struct notes *
notes_open_stored(struct store *st, int64_t id, char **cause)
{
	struct notes *ns = xcalloc(1, sizeof *ns);

	ns->st = st;
	ns->doc_id = id;
	if (!reload(ns, false, cause)) {
		notes_free(ns);
		return NULL;
	}
	return ns;
}

static void
undo_free(struct undo *un)
{
	if (un == NULL)
		return;
	free(un->uuid);
	free(un->style);
	free(un->text);
	anchor_clear(&un->anchor);
	free(un);
}

/* *to: a heap copy of *from. */
static void
anchor_dup(const struct anchor *from, struct anchor *to)
{
	*to = *from;
	to->para = from->para != NULL ? xstrdup(from->para) : NULL;
	to->exact = from->exact != NULL ? xstrdup(from->exact) : NULL;
	to->prefix = from->prefix != NULL ? xstrdup(from->prefix) : NULL;
	to->suffix = from->suffix != NULL ? xstrdup(from->suffix) : NULL;
}

/* A new step of kind for uuid at the journal's end (the oldest goes when
 * it is full); the caller fills in the rest. */
static struct undo *
undo_push(struct notes *ns, enum undo_kind kind, const char *uuid)
{
	struct undo *un = xcalloc(1, sizeof *un);

	if (ns->nundo == UNDO_MAX) {
		undo_free(ns->undo[0]);
		memmove(ns->undo, ns->undo + 1,
		    (UNDO_MAX - 1) * sizeof *ns->undo);
		ns->nundo--;
	}
	un->kind = kind;
	un->uuid = xstrdup(uuid);
	un->group = ns->grouping ? ns->group : ++ns->group;
	ns->undo[ns->nundo++] = un;
	return un;
}

void
notes_group_begin(struct notes *ns)
{
	ns->group++;
	ns->grouping = true;
}

void
notes_group_end(struct notes *ns)
{
	ns->grouping = false;
}

void
notes_free(struct notes *ns)
{
	if (ns == NULL)
		return;
	store_notes_free(ns->rows, ns->nrows);
	free(ns->note);
	anchor_doc_free(ns->ad);
	for (size_t i = 0; i < ns->nundo; i++)
		undo_free(ns->undo[i]);
	free(ns);
}

int64_t
notes_doc_id(const struct notes *ns)
{
	return ns->doc_id;
}

const struct doc *
notes_doc(const struct notes *ns)
{
	return ns->d;
}

size_t
notes_count(const struct notes *ns)
{
	return ns->n;
}

const struct note *
notes_get(const struct notes *ns, size_t i)
{
	return i < ns->n ? &ns->note[i] : NULL;
}

size_t
notes_count_status(const struct notes *ns, enum anchor_status s)
{
	size_t c = 0;

	for (size_t i = 0; i < ns->n; i++)
		c += ns->note[i].status == s;
	return c;
}

long
notes_find(const struct notes *ns, size_t block, size_t off)
{
	long best = -1;
	size_t span = SIZE_MAX;

	for (size_t i = 0; i < ns->n; i++) {
		const struct note *nt = &ns->note[i];

		if (nt->status == ANCHOR_ORPHAN || nt->block != block)
			continue;
		if (off == (size_t)-1) {
			if (nt->whole)
				return (long)i;
			continue;
		}
		if (nt->whole || off < nt->start || off >= nt->end)
			continue;
		if (nt->end - nt->start < span) {
			span = nt->end - nt->start;
			best = (long)i;
		}
	}
	return best;
}

long
notes_find_uuid(const struct notes *ns, const char *uuid)
{
	for (size_t i = 0; i < ns->n; i++)
		if (strcmp(ns->note[i].sn->uuid, uuid) == 0)
			return (long)i;
	return -1;
}

bool
notes_add(struct notes *ns, size_t block, size_t start, size_t end,
    bool whole, const char *style, const char *text, size_t *index,
    char **cause)
{
	struct anchor a;
	char *uuid = NULL;
	bool ok;
	long i;

	if (ns->d == NULL || block >= doc_block_count(ns->d) ||
	    (!whole && (start >= end || end > block_len(ns->d, block)))) {
		*cause = xstrdup("no text to annotate there");
		return false;
	}
	if (style == NULL && text == NULL) {
		*cause = xstrdup("an annotation needs a style or a note");
		return false;
	}
	anchor_make(ns->ad, block, start, end, whole, &a);
	ok = store_note_add(ns->st, ns->doc_id, ns->version, style, text, &a,
	    &uuid, cause);
	anchor_clear(&a);
	if (ok)
		undo_push(ns, UNDO_ADDED, uuid);
	if (ok)
		ok = reload(ns, false, cause);
	if (ok && index != NULL) {
		i = notes_find_uuid(ns, uuid);
		*index = i < 0 ? 0 : (size_t)i;
	}
	free(uuid);
	return ok;
}

bool
notes_set(struct notes *ns, size_t i, const char *style, const char *text,
    char **cause)
{
	if (i >= ns->n) {
		*cause = xstrdup("no such annotation");
		return false;
	}
	const struct store_note *sn;
	struct undo *un;

	if (style == NULL && text == NULL)
		return notes_delete(ns, i, cause);
	sn = ns->note[i].sn;
	if (!store_note_update(ns->st, sn->uuid, style, text, cause))
		return false;
	un = undo_push(ns, UNDO_SET, sn->uuid);
	un->style = sn->style != NULL ? xstrdup(sn->style) : NULL;
	un->text = sn->text != NULL ? xstrdup(sn->text) : NULL;
	return reload(ns, false, cause);
}

bool
notes_delete(struct notes *ns, size_t i, char **cause)
{
	const char *uuid;

	if (i >= ns->n) {
		*cause = xstrdup("no such annotation");
		return false;
	}
	uuid = ns->note[i].sn->uuid;
	if (!store_note_delete(ns->st, uuid, true, cause))
		return false;
	undo_push(ns, UNDO_DELETED, uuid);
	return reload(ns, false, cause);
}

/* Takes one step back in the store. */
static bool
undo_step(struct notes *ns, const struct undo *un, char **cause)
{
	switch (un->kind) {
	case UNDO_ADDED:
		return store_note_delete(ns->st, un->uuid, true, cause);
	case UNDO_DELETED:
		return store_note_delete(ns->st, un->uuid, false, cause);
	case UNDO_SET:
		return store_note_update(ns->st, un->uuid, un->style,
		    un->text, cause);
	case UNDO_PLACED:
		return store_anchor_put(ns->st, un->uuid, ns->version,
		    &un->anchor, un->status, un->score, cause);
	}
	return false;
}

bool
notes_undo(struct notes *ns, char **cause)
{
	unsigned group;
	bool ok = true;

	if (ns->nundo == 0) {
		*cause = xstrdup("nothing to undo");
		return false;
	}
	group = ns->undo[ns->nundo - 1]->group;
	while (ok && ns->nundo > 0 && ns->undo[ns->nundo - 1]->group ==
	    group) {
		if (!(ok = undo_step(ns, ns->undo[ns->nundo - 1], cause)))
			break;		/* kept for another try */
		undo_free(ns->undo[--ns->nundo]);
	}
	if (!ok) {
		char *why = NULL;

		reload(ns, false, &why);	/* what did go back shows */
		free(why);
		return false;
	}
	return reload(ns, false, cause);
}

enum notes_undo_what
notes_undo_next(const struct notes *ns)
{
	if (ns->nundo == 0)
		return NOTES_UNDO_NOTHING;
	switch (ns->undo[ns->nundo - 1]->kind) {
	case UNDO_ADDED:	return NOTES_UNDO_ADD;
	case UNDO_SET:		return NOTES_UNDO_CHANGE;
	case UNDO_DELETED:	return NOTES_UNDO_DELETE;
	case UNDO_PLACED:	return NOTES_UNDO_REATTACH;
	}
	return NOTES_UNDO_NOTHING;
}

bool
notes_reattach(struct notes *ns, size_t i, size_t block, size_t start,
    size_t end, char **cause)
{
	struct anchor a;
	bool ok, whole;

	if (i >= ns->n || ns->d == NULL) {
		*cause = xstrdup("no such annotation");
		return false;
	}
	whole = ns->note[i].whole;
	if (block >= doc_block_count(ns->d) ||
	    (!whole && (start >= end || end > block_len(ns->d, block)))) {
		*cause = xstrdup("no text to attach to there");
		return false;
	}
	if (ns->version == 0) {
		*cause = xstrdup("annotations are read-only");
		return false;
	}
	anchor_make(ns->ad, block, start, end, whole, &a);
	ok = store_anchor_put(ns->st, ns->note[i].sn->uuid, ns->version, &a,
	    ANCHOR_EXACT, 1.0, cause);
	anchor_clear(&a);
	if (ok) {
		const struct note *nt = &ns->note[i];
		struct undo *un = undo_push(ns, UNDO_PLACED, nt->sn->uuid);

		/* where it was: its placement, or as an orphan its anchor */
		if (nt->status != ANCHOR_ORPHAN)
			anchor_make(ns->ad, nt->block, nt->whole ? 0 :
			    nt->start, nt->whole ? 0 : nt->end, nt->whole,
			    &un->anchor);
		else
			anchor_dup(&nt->sn->anchor, &un->anchor);
		un->status = nt->status;
		un->score = nt->score;
	}
	return ok && reload(ns, false, cause);
}

bool
notes_place_find(const struct notes *ns, const struct store_place *p,
    size_t *block, size_t *off)
{
	long b = -1;
	size_t len;

	if (ns->d == NULL)
		return false;
	if (p->para != NULL)
		b = doc_addr_find(ns->d, p->para);
	if (b < 0 && p->block < doc_block_count(ns->d))
		b = (long)p->block;
	if (b < 0)
		return false;
	*block = (size_t)b;
	len = block_len(ns->d, *block);
	*off = p->offset < len ? p->offset : 0;
	return true;
}

static void
place_of(const struct notes *ns, size_t block, size_t off,
    struct store_place *p)
{
	p->para = (char *)doc_block_address(ns->d, block);
	p->block = block;
	p->offset = off;
}

bool
notes_position_get(struct notes *ns, size_t *block, size_t *off)
{
	struct store_place p = { 0 };
	char *cause = NULL;
	bool found = false, ok;

	if (!store_position_get(ns->st, ns->doc_id, &p, &found, &cause)) {
		free(cause);
		return false;
	}
	ok = found && notes_place_find(ns, &p, block, off);
	free(p.para);
	return ok;
}

bool
notes_position_set(struct notes *ns, size_t block, size_t off,
    char **cause)
{
	struct store_place p;

	if (ns->d == NULL || block >= doc_block_count(ns->d))
		return true;
	place_of(ns, block, off, &p);
	return store_position_set(ns->st, ns->doc_id, &p, cause);
}

bool
notes_mark_set(struct notes *ns, int letter, size_t block, size_t off,
    char **cause)
{
	struct store_place p;

	if (ns->d == NULL || block >= doc_block_count(ns->d)) {
		*cause = xstrdup("no place to mark");
		return false;
	}
	place_of(ns, block, off, &p);
	return store_mark_set(ns->st, letter, ns->doc_id, &p, cause);
}

bool
notes_mark_get(struct notes *ns, int letter, char **path,
    struct store_place *where, bool *found, char **cause)
{
	int64_t doc = 0;
	char *p = NULL;

	*path = NULL;
	memset(where, 0, sizeof *where);
	if (!store_mark_get(ns->st, letter, ns->doc_id, where, &doc, &p,
	    found, cause))
		return false;
	if (*found && doc != ns->doc_id)
		*path = p;
	else
		free(p);
	return true;
}
