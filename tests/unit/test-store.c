/*
 * test-store.c - the annotation store on real SQLite files: creation
 * and modes, round trips, document identity, merge, positions and
 * bookmarks, anchors per version, migration of a schema 1 file, files
 * refused and left as they were, read-only files, a full database, two
 * writers at once, SIGKILL in the middle of writing, JSON import, and
 * the library's index.
 *
 * Only store.h: the database is looked at with the sqlite3 command-line
 * tool.  Run from the top of the source tree (the v1 fixture is read
 * from tests/fixtures).  Every file lives in a mkdtemp() directory that
 * is removed at the end.  Read-only cases run in a child process that,
 * when the test runs as root (whom file modes do not stop), first
 * becomes nobody.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store.h"
#include "tap.h"
#include "child.h"
#include "util.h"

/* STORE_SCHEMA as a string. */
#define STR_(x)	#x
#define STR(x)	STR_(x)
#define SCHEMA	STR(STORE_SCHEMA)

static char tmpdir[] = "/tmp/hamish-test-store.XXXXXX";

/* A path in the test directory (caller frees). */
static char *
tpath(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

/* The standard output of a shell command, trailing newlines removed
 * (caller frees); "" if it printed nothing. */
__attribute__((format(printf, 1, 2))) static char *
sh(const char *fmt, ...)
{
	struct buf b;
	char chunk[4096], *cmd;
	size_t n;
	va_list ap;
	FILE *f;

	va_start(ap, fmt);
	buf_init(&b);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	cmd = buf_steal(&b);
	fflush(NULL);
	buf_init(&b);
	buf_adds(&b, "");
	if ((f = popen(cmd, "r")) != NULL) {
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_add(&b, chunk, n);
		pclose(f);
	}
	free(cmd);
	while (b.len > 0 && b.data[b.len - 1] == '\n')
		b.data[--b.len] = '\0';
	return buf_steal(&b);
}

/* Runs a query with the sqlite3 tool on file; its output (caller frees). */
static char *
sql(const char *file, const char *query)
{
	return sh("sqlite3 '%s' \"%s\" 2>&1", file, query);
}

/* Is the one-line query output want?  Shown if not. */
static void
sql_is(const char *file, const char *query, const char *want,
    const char *what)
{
	char *got = sql(file, query);

	is_str(got, want, "%s", what);
	free(got);
}

/* A file's bytes, mode and modification time, to see that it did not
 * change. */
struct snap {
	char		*data;
	size_t		 len;
	mode_t		 mode;
	struct timespec	 mtime;
};

static void
snap_take(const char *path, struct snap *sn)
{
	struct stat sb;
	char *cause = NULL;

	memset(sn, 0, sizeof *sn);
	if (stat(path, &sb) == 0) {
		sn->mode = sb.st_mode;
		sn->mtime = sb.st_mtim;
	}
	if (util_file_read(path, &sn->data, &sn->len, &cause) == -1) {
		printf("# %s\n", cause);
		free(cause);
		sn->data = NULL;
	}
}

static bool
snap_same(const char *path, const struct snap *old)
{
	struct snap now;
	bool same;

	snap_take(path, &now);
	same = now.data != NULL && old->data != NULL &&
	    now.len == old->len && memcmp(now.data, old->data, now.len) == 0 &&
	    now.mode == old->mode &&
	    now.mtime.tv_sec == old->mtime.tv_sec &&
	    now.mtime.tv_nsec == old->mtime.tv_nsec;
	free(now.data);
	return same;
}

static void
write_file(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd == -1 || write(fd, data, len) != (ssize_t)len)
		printf("# cannot write %s: %s\n", path, strerror(errno));
	if (fd != -1)
		close(fd);
}

static mode_t
mode_of(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? sb.st_mode & 07777 : (mode_t)-1;
}

static bool
exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

/* An anchor of borrowed strings (the store copies what it keeps). */
static struct anchor
mk_anchor(const char *exact, size_t block, size_t start, uint64_t doc_hash)
{
	struct anchor a;

	memset(&a, 0, sizeof a);
	a.para = (char *)"12";
	a.block = block;
	a.start = start;
	a.end = start + 5;
	a.exact = (char *)exact;
	a.prefix = (char *)"قبل ";
	a.suffix = (char *)" بعد";
	a.para_fp = 0x0123456789abcdefULL;
	a.doc_hash = doc_hash;
	return a;
}

static bool
anchor_eq(const struct anchor *a, const struct anchor *b)
{
	return ((a->para == NULL && b->para == NULL) || (a->para != NULL &&
	    b->para != NULL && strcmp(a->para, b->para) == 0)) &&
	    a->block == b->block && a->start == b->start &&
	    a->end == b->end && a->whole == b->whole &&
	    strcmp(a->exact, b->exact) == 0 &&
	    strcmp(a->prefix, b->prefix) == 0 &&
	    strcmp(a->suffix, b->suffix) == 0 &&
	    a->para_fp == b->para_fp && a->doc_hash == b->doc_hash;
}

/* 36 characters, lowercase, dashes in place, version 4, variant 10xx. */
static bool
uuid_ok(const char *u)
{
	if (u == NULL || strlen(u) != 36)
		return false;
	for (int i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (u[i] != '-')
				return false;
		} else if (strchr("0123456789abcdef", u[i]) == NULL)
			return false;
	}
	return u[14] == '4' && strchr("89ab", u[19]) != NULL;
}

/* "2026-11-22T09:30:00.123Z" */
static bool
time_ok(const char *t)
{
	return t != NULL && strlen(t) == 24 && t[4] == '-' && t[10] == 'T' &&
	    t[19] == '.' && t[23] == 'Z';
}

static struct store *
open_ok(const char *path, const char *what)
{
	char *cause = NULL;
	struct store *s = store_open(path, &cause);

	if (!ok(s != NULL, "%s: store_open", what))
		printf("#   %s\n", cause);
	free(cause);
	return s;
}

/* Opens a document (a version of it) and returns its id, or 0. */
static int64_t
doc(struct store *s, const char *family, const char *symbol,
    const char *title, const char *path, const char *hash, int64_t *version,
    bool *new_version)
{
	struct store_doc_key k = { family, symbol, title, path, hash, NULL };
	int64_t d = 0, v = 0;
	char *cause = NULL;

	if (!store_doc_open(s, &k, &d, &v, new_version, &cause)) {
		printf("# store_doc_open %s: %s\n", hash, cause);
		free(cause);
	}
	if (version != NULL)
		*version = v;
	return d;
}

/* Adds a note; returns its UUID (caller frees) or NULL. */
static char *
add(struct store *s, int64_t d, int64_t v, const char *style,
    const char *text, const struct anchor *a)
{
	char *uuid = NULL, *cause = NULL;

	if (!store_note_add(s, d, v, style, text, a, &uuid, &cause)) {
		printf("# store_note_add: %s\n", cause);
		free(cause);
		return NULL;
	}
	return uuid;
}

/* The annotations of d on v; *n their count; NULL on failure. */
static struct store_note *
load(struct store *s, int64_t d, int64_t v, bool with_deleted, size_t *n)
{
	struct store_note *notes = NULL;
	char *cause = NULL;

	*n = 0;
	if (!store_notes_load(s, d, v, with_deleted, &notes, n, &cause)) {
		printf("# store_notes_load: %s\n", cause);
		free(cause);
		return NULL;
	}
	return notes;
}

static const struct store_note *
find_note(const struct store_note *notes, size_t n, const char *uuid)
{
	for (size_t i = 0; i < n; i++)
		if (uuid != NULL && strcmp(notes[i].uuid, uuid) == 0)
			return &notes[i];
	return NULL;
}

static size_t
count_notes(struct store *s, int64_t d)
{
	size_t n;
	struct store_note *notes = load(s, d, 0, true, &n);

	store_notes_free(notes, n);
	return n;
}

static void
check_ok(struct store *s, const char *what)
{
	char *cause = NULL;

	if (!ok(store_check(s, &cause), "%s: integrity_check ok", what))
		printf("#   %s\n", cause);
	free(cause);
}

static bool
has(const char *cause, const char *part)
{
	return cause != NULL && strstr(cause, part) != NULL;
}

/* --- the tests ----------------------------------------------------- */

static void
test_default_path(void)
{
	char *home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	char *xdg = getenv("XDG_DATA_HOME") ?
	    xstrdup(getenv("XDG_DATA_HOME")) : NULL;
	char *p;

	setenv("XDG_DATA_HOME", "/x/data", 1);
	setenv("HOME", "/home/u", 1);
	p = store_path_default();
	is_str(p, "/x/data/hamish/hamish.db", "default path: XDG_DATA_HOME");
	free(p);
	setenv("XDG_DATA_HOME", "relative/data", 1);
	p = store_path_default();
	is_str(p, "/home/u/.local/share/hamish/hamish.db",
	    "default path: a relative XDG_DATA_HOME is ignored");
	free(p);
	unsetenv("XDG_DATA_HOME");
	p = store_path_default();
	is_str(p, "/home/u/.local/share/hamish/hamish.db",
	    "default path: HOME");
	free(p);
	unsetenv("HOME");
	p = store_path_default();
	ok(p == NULL, "default path: NULL without HOME or XDG_DATA_HOME");
	free(p);
	if (home != NULL)
		setenv("HOME", home, 1);
	if (xdg != NULL)
		setenv("XDG_DATA_HOME", xdg, 1);
	free(home);
	free(xdg);
}

static void
test_create(void)
{
	char *path = tpath("new/a/b/hamish.db"), *mine = tpath("mine");
	char *path2 = tpath("mine/sub/hamish.db"), *d;
	struct store *s;
	mode_t old = umask(022);

	s = open_ok(path, "create");
	d = tpath("new");
	is_int(mode_of(d), 0700, "created directory new is 0700");
	free(d);
	d = tpath("new/a/b");
	is_int(mode_of(d), 0700, "created directory new/a/b is 0700");
	free(d);
	is_int(mode_of(path), 0600, "new database file is 0600");
	ok(s != NULL && !store_readonly(s), "a new store is writable");
	if (s != NULL) {
		char *wal = xasprintf("%s-wal", path);
		char *shm = xasprintf("%s-shm", path);

		doc(s, NULL, NULL, NULL, "/x.txt", "0000000000000001", NULL,
		    NULL);
		ok(mode_of(wal) == 0600 && mode_of(shm) == 0600,
		    "-wal and -shm files are 0600 too");
		free(wal);
		free(shm);
	}
	is_str(s != NULL ? store_path(s) : NULL, path, "store_path");
	store_close(s);
	sql_is(path, "PRAGMA journal_mode", "wal", "journal_mode is WAL");
	sql_is(path, "PRAGMA user_version", SCHEMA,
	    "user_version is " SCHEMA);

	/* A directory that exists keeps its mode. */
	mkdir(mine, 0755);
	chmod(mine, 0755);
	s = open_ok(path2, "create under an existing directory");
	store_close(s);
	is_int(mode_of(mine), 0755, "an existing directory keeps its mode");
	d = tpath("mine/sub");
	is_int(mode_of(d), 0700, "the directory made under it is 0700");
	free(d);
	umask(old);
	free(path);
	free(path2);
	free(mine);
}

static void
test_notes(void)
{
	const char *esc = "ملاحظة \x1b[31mحمراء\x1b[0m\x01\x7f\ttab\nline 2\r";
	char *path = tpath("notes.db"), *cause = NULL, *u1, *u2, *old;
	struct anchor a1 = mk_anchor("الجمعية العامة", 3, 10, 0xa1),
	    a2 = mk_anchor("تقرر", 4, 0, 0xa1);
	const struct store_note *n1, *n2;
	struct store_note *notes;
	struct store_doc *docs;
	struct store *s;
	int64_t d, v, d2, v2;
	size_t n, nd;
	bool nv = false, r;

	if ((s = open_ok(path, "notes")) == NULL)
		return;
	d = doc(s, "A/C.3/79/L.25", "A/C.3/79/L.25", "تعزيز حقوق الإنسان",
	    "/docs/L.25.txt", "00000000000000a1", &v, &nv);
	ok(d > 0 && v > 0 && nv, "doc_open: a new document and version");
	d2 = doc(s, "A/C.3/79/L.25", "A/C.3/79/L.25", "تعزيز حقوق الإنسان",
	    "/docs/L.25.txt", "00000000000000a1", &v2, &nv);
	ok(d2 == d && v2 == v && !nv, "doc_open again: the same ids, not new");

	a2.whole = true;
	a2.para = NULL;
	u1 = add(s, d, v, "yellow", NULL, &a1);
	u2 = add(s, d, v, NULL, esc, &a2);
	ok(uuid_ok(u1) && uuid_ok(u2), "UUIDs are v4, lowercase: %s",
	    u1 ? u1 : "(null)");
	ok(u1 != NULL && u2 != NULL && strcmp(u1, u2) != 0,
	    "UUIDs differ");

	notes = load(s, d, v, false, &n);
	is_int(n, 2, "two annotations loaded");
	n1 = find_note(notes, n, u1);
	n2 = find_note(notes, n, u2);
	ok(n == 2 && n1 == &notes[0] && n2 == &notes[1],
	    "in the order they were made");
	if (n1 != NULL && n2 != NULL) {
		is_str(n1->style, "yellow", "highlight style");
		ok(n1->text == NULL, "a highlight without a note");
		ok(n2->style == NULL, "a note without a style");
		is_str(n2->text, esc,
		    "note text with Arabic, ESC and control bytes verbatim");
		ok(time_ok(n1->created) && time_ok(n1->modified),
		    "times in ISO 8601 with ms: %s", n1->created);
		is_str(n1->modified, n1->created, "modified = created at first");
		ok(!n1->deleted && !n2->deleted, "not deleted");
		is_int(n1->version, v, "anchor of this version");
		ok(anchor_eq(&n1->anchor, &a1), "anchor round-trips");
		ok(anchor_eq(&n2->anchor, &a2),
		    "whole-paragraph anchor without address round-trips");
		ok(n1->status == ANCHOR_EXACT && n1->score == 1.0,
		    "a new anchor is exact, score 1");
	}
	old = n1 != NULL ? xstrdup(n1->modified) : xstrdup("");
	store_notes_free(notes, n);

	usleep(3000);
	ok(store_note_update(s, u1, "green", "نص الملاحظة", &cause),
	    "update");
	notes = load(s, d, v, false, &n);
	n1 = find_note(notes, n, u1);
	ok(n1 != NULL && n1->style && strcmp(n1->style, "green") == 0 &&
	    n1->text && strcmp(n1->text, "نص الملاحظة") == 0,
	    "update: style and text");
	ok(n1 != NULL && strcmp(n1->modified, old) > 0 &&
	    strcmp(n1->created, old) == 0, "update: modified moves, not created");
	store_notes_free(notes, n);
	free(old);

	ok(store_note_delete(s, u1, true, &cause), "delete");
	notes = load(s, d, v, false, &n);
	ok(n == 1 && find_note(notes, n, u2) != NULL,
	    "a tombstone is not loaded");
	store_notes_free(notes, n);
	notes = load(s, d, v, true, &n);
	n1 = find_note(notes, n, u1);
	ok(n == 2 && n1 != NULL && n1->deleted,
	    "with_deleted: the tombstone is there");
	store_notes_free(notes, n);
	ok(store_docs_list(s, &docs, &nd, &cause) && nd == 1 &&
	    docs[0].notes == 1, "docs_list counts notes without tombstones");
	if (nd == 1) {
		is_str(docs[0].family, "A/C.3/79/L.25", "docs_list: family");
		is_str(docs[0].path, "/docs/L.25.txt", "docs_list: path");
		is_str(docs[0].text_hash, "00000000000000a1",
		    "docs_list: text hash");
		is_int(docs[0].version, v, "docs_list: last version");
	}
	store_docs_free(docs, nd);
	ok(store_note_delete(s, u1, false, &cause), "undelete");
	notes = load(s, d, v, false, &n);
	n1 = find_note(notes, n, u1);
	ok(n == 2 && n1 != NULL && !n1->deleted && n1->style &&
	    strcmp(n1->style, "green") == 0, "undeleted as it was");
	store_notes_free(notes, n);

	r = !store_note_update(s, "00000000-0000-4000-8000-000000000000",
	    "x", NULL, &cause);
	ok(r && has(cause, "no annotation"), "update of an unknown UUID "
	    "fails: %s", cause ? cause : "");
	free(cause);
	cause = NULL;
	r = !store_note_add(s, d, v + 1000, "x", NULL, &a1, NULL, &cause);
	ok(r && has(cause, "no version"), "add on an unknown version fails: "
	    "%s", cause ? cause : "");
	free(cause);
	cause = NULL;
	check_ok(s, "notes");
	store_close(s);

	/* Everything still there after closing. */
	s = open_ok(path, "notes reopened");
	is_int(count_notes(s, d), 2, "notes survive closing");
	store_close(s);
	free(u1);
	free(u2);
	free(path);
}

static void
test_identity(void)
{
	char *path = tpath("identity.db");
	struct store *s;
	int64_t l25, rev, v1, v2, v, x, y, t1, t2, f30, dr1, dr2;
	bool nv;

	if ((s = open_ok(path, "identity")) == NULL)
		return;
	l25 = doc(s, "A/C.3/79/L.25", "A/C.3/79/L.25", "T", "/d/L25.txt",
	    "1000000000000001", &v1, NULL);
	x = doc(s, NULL, NULL, NULL, "/elsewhere/copy.txt",
	    "1000000000000001", &v, &nv);
	ok(x == l25 && v == v1 && !nv, "same text hash: same document and "
	    "version, wherever the file is");
	rev = doc(s, "A/C.3/79/L.25", "A/C.3/79/L.25/Rev.1", "T2",
	    "/d/L25rev1.txt", "1000000000000002", &v2, &nv);
	ok(rev == l25 && v2 != v1 && nv,
	    "same family: Rev.1 is a new version of the original");

	dr1 = doc(s, NULL, NULL, "مسودة", "/d/draft.txt",
	    "2000000000000001", NULL, NULL);
	dr2 = doc(s, NULL, NULL, "مسودة منقحة", "/d/draft.txt",
	    "2000000000000002", NULL, &nv);
	ok(dr1 > 0 && dr2 == dr1 && nv && dr1 != l25,
	    "no family: a new text at the same path is the same document");

	t1 = doc(s, NULL, NULL, "تقرير الأمين العام", "/a/one.txt",
	    "3000000000000001", NULL, NULL);
	t2 = doc(s, NULL, NULL, "تقرير الأمين العام", "/b/two.txt",
	    "3000000000000002", NULL, &nv);
	ok(t1 > 0 && t2 == t1 && nv && t1 != dr1,
	    "no family: the same title is the same document");

	f30 = doc(s, "A/C.3/79/L.30", "A/C.3/79/L.30", "T", "/d/L25.txt",
	    "4000000000000001", NULL, &nv);
	ok(f30 > 0 && f30 != l25 && nv,
	    "another family at the same path: a new document");
	y = doc(s, "A/C.3/79/L.31", NULL, "تقرير الأمين العام", "/d/x.txt",
	    "4000000000000002", NULL, NULL);
	ok(y > 0 && y != t1 && y != f30,
	    "with a family, a title match does not count");
	x = doc(s, NULL, NULL, "", "/new/empty-title.txt", "5000000000000001",
	    NULL, NULL);
	y = doc(s, NULL, NULL, "", "/new/empty-title2.txt",
	    "5000000000000002", NULL, NULL);
	ok(x > 0 && y > 0 && x != y, "empty titles do not match");
	{
		char *want = xasprintf("%lld", (long long)f30);

		sql_is(path, "SELECT document_id FROM paths WHERE "
		    "path = '/d/L25.txt'", want,
		    "the path now records the other family's document");
		free(want);
	}
	store_close(s);
	free(path);
}

static void
test_merge(void)
{
	char *path = tpath("merge.db"), *cause = NULL, *ua, *ub, *mpath;
	struct anchor a = mk_anchor("نص", 1, 0, 0xf1);
	struct store_place p = { (char *)"4", 4, 7 }, got;
	struct store_note *notes;
	struct store_doc *docs;
	struct store *s;
	int64_t da, db, va, vb, x, mdoc;
	size_t n, nd;
	bool found;

	if ((s = open_ok(path, "merge")) == NULL)
		return;
	da = doc(s, "A/1", "A/1", "old", "/m/old.txt", "f100000000000001",
	    &va, NULL);
	db = doc(s, "A/2", "A/2", "new", "/m/new.txt", "f100000000000002",
	    &vb, NULL);
	ua = add(s, da, va, "yellow", NULL, &a);
	ub = add(s, db, vb, NULL, "ب", &a);
	ok(store_mark_set(s, 'a', da, &p, &cause) &&
	    store_mark_set(s, 'b', da, &p, &cause) &&
	    store_mark_set(s, 'a', db, &(struct store_place){ NULL, 1, 1 },
	    &cause) && store_mark_set(s, 'M', da, &p, &cause) &&
	    store_position_set(s, da, &p, &cause), "merge: marks and position");
	found = !store_doc_merge(s, da, da, &cause);
	ok(found && cause != NULL, "merge into itself fails: %s",
	    cause ? cause : "");
	free(cause);
	cause = NULL;
	ok(!store_doc_merge(s, da, 999, &cause) && has(cause, "no document"),
	    "merge into an unknown document fails");
	free(cause);
	cause = NULL;

	ok(store_doc_merge(s, da, db, &cause), "merge old into new");
	ok(store_docs_list(s, &docs, &nd, &cause) && nd == 1 &&
	    docs[0].id == db && docs[0].notes == 2,
	    "merge: one document left, with both notes");
	store_docs_free(docs, nd);
	notes = load(s, db, va, false, &n);
	ok(n == 2 && find_note(notes, n, ua) != NULL &&
	    find_note(notes, n, ua)->version == va,
	    "merge: the old note keeps its anchor on the old version");
	store_notes_free(notes, n);
	x = doc(s, NULL, NULL, NULL, NULL, "f100000000000001", NULL, NULL);
	is_int(x, db, "merge: the old version's hash finds the new document");
	memset(&got, 0, sizeof got);
	ok(store_mark_get(s, 'b', db, &got, &mdoc, NULL, &found, &cause) &&
	    found && got.block == 4, "merge: mark b moved over");
	free(got.para);
	memset(&got, 0, sizeof got);
	ok(store_mark_get(s, 'a', db, &got, &mdoc, NULL, &found, &cause) &&
	    found && got.block == 1, "merge: the new document keeps its mark a");
	free(got.para);
	memset(&got, 0, sizeof got);
	mpath = NULL;
	ok(store_mark_get(s, 'M', 0, &got, &mdoc, &mpath, &found, &cause) &&
	    found && mdoc == db, "merge: global mark M follows");
	free(mpath);
	free(got.para);
	memset(&got, 0, sizeof got);
	ok(store_position_get(s, db, &got, &found, &cause) && found &&
	    got.block == 4 && got.offset == 7,
	    "merge: the position comes over when the new has none");
	free(got.para);
	sql_is(path, "SELECT family FROM documents", "A/2",
	    "merge: the new document keeps its family");
	check_ok(s, "merge");
	store_close(s);
	free(ua);
	free(ub);
	free(path);
}

static void
test_positions_marks(void)
{
	char *path = tpath("marks.db"), *cause = NULL, *mpath = NULL;
	struct store_place p = { (char *)"4.12(b)", 9, 33 }, got;
	struct store *s;
	int64_t d1, d2, mdoc = 0;
	bool found = true;

	if ((s = open_ok(path, "marks")) == NULL)
		return;
	d1 = doc(s, "A/1", NULL, NULL, "/p/one.txt", "a000000000000001",
	    NULL, NULL);
	d2 = doc(s, "A/2", NULL, NULL, "/p/two.txt", "a000000000000002",
	    NULL, NULL);
	memset(&got, 0, sizeof got);
	ok(store_position_get(s, d1, &got, &found, &cause) && !found,
	    "no position yet");
	ok(store_position_set(s, d1, &p, &cause), "position set");
	ok(store_position_get(s, d1, &got, &found, &cause) && found &&
	    got.para && strcmp(got.para, "4.12(b)") == 0 && got.block == 9 &&
	    got.offset == 33, "position read back");
	free(got.para);
	ok(store_position_set(s, d1, &(struct store_place){ NULL, 2, 0 },
	    &cause) && store_position_get(s, d1, &got, &found, &cause) &&
	    found && got.para == NULL && got.block == 2,
	    "position moved, no address");
	free(got.para);
	ok(!store_position_set(s, 999, &p, &cause) && has(cause,
	    "no document"), "position of an unknown document fails");
	free(cause);
	cause = NULL;

	ok(store_mark_set(s, 'a', d1, &p, &cause) &&
	    store_mark_set(s, 'a', d2, &(struct store_place){ NULL, 1, 2 },
	    &cause), "mark a in two documents");
	ok(store_mark_get(s, 'a', d1, &got, &mdoc, &mpath, &found, &cause) &&
	    found && got.block == 9 && mdoc == d1 && mpath == NULL,
	    "mark a of document 1");
	free(got.para);
	ok(store_mark_get(s, 'a', d2, &got, &mdoc, &mpath, &found, &cause) &&
	    found && got.block == 1 && got.offset == 2 && mdoc == d2,
	    "mark a of document 2 is its own");
	free(got.para);
	ok(store_mark_set(s, 'a', d1, &(struct store_place){ NULL, 5, 6 },
	    &cause) && store_mark_get(s, 'a', d1, &got, &mdoc, NULL, &found,
	    &cause) && found && got.block == 5 && got.offset == 6,
	    "setting mark a again moves it");
	free(got.para);
	ok(store_mark_get(s, 'z', d1, &got, &mdoc, NULL, &found, &cause) &&
	    !found, "an unset mark is not found");
	ok(store_mark_set(s, 'Q', d1, &p, &cause), "global mark Q");
	ok(store_mark_get(s, 'Q', d2, &got, &mdoc, &mpath, &found, &cause) &&
	    found && mdoc == d1 && mpath != NULL &&
	    strcmp(mpath, "/p/one.txt") == 0 && got.block == 9,
	    "global mark Q from another document: its document and path");
	free(got.para);
	free(mpath);
	mpath = NULL;
	ok(store_mark_set(s, 'Q', d2, &(struct store_place){ NULL, 3, 4 },
	    &cause) && store_mark_get(s, 'Q', d1, &got, &mdoc, &mpath, &found,
	    &cause) && found && mdoc == d2 && mpath != NULL &&
	    strcmp(mpath, "/p/two.txt") == 0, "setting Q again moves it "
	    "to the other document");
	free(got.para);
	free(mpath);
	sql_is(path, "SELECT count(*) FROM marks", "3",
	    "three marks: a, a and Q");
	found = !store_mark_set(s, '1', d1, &p, &cause);
	ok(found && cause != NULL, "mark 1 is refused: %s",
	    cause ? cause : "");
	free(cause);
	store_close(s);
	free(path);
}

static void
test_versions(void)
{
	char *path = tpath("versions.db"), *cause = NULL, *u;
	struct anchor a1 = mk_anchor("الأصل", 2, 3, 0xb1),
	    a2 = mk_anchor("المنقح", 5, 8, 0xb2), a3;
	const struct store_note *n1;
	struct store_note *notes;
	struct store *s;
	int64_t d, v1, v2, v3, other, ov;
	size_t n;

	if ((s = open_ok(path, "versions")) == NULL)
		return;
	d = doc(s, "A/V", "A/V", NULL, "/v/a.txt", "b000000000000001", &v1,
	    NULL);
	u = add(s, d, v1, "yellow", NULL, &a1);
	doc(s, "A/V", "A/V/Rev.1", NULL, "/v/b.txt", "b000000000000002", &v2,
	    NULL);
	doc(s, "A/V", "A/V/Rev.2", NULL, "/v/c.txt", "b000000000000003", &v3,
	    NULL);
	other = doc(s, "A/W", NULL, NULL, "/v/w.txt", "b000000000000009", &ov,
	    NULL);
	notes = load(s, d, v2, false, &n);
	n1 = n == 1 ? &notes[0] : NULL;
	ok(n1 != NULL && n1->version == v1 && anchor_eq(&n1->anchor, &a1),
	    "no anchor on the new version: the latest one (of v1)");
	store_notes_free(notes, n);

	ok(store_anchor_put(s, u, v2, &a2, ANCHOR_MOVED, 0.75, &cause),
	    "anchor put on v2");
	notes = load(s, d, v2, false, &n);
	n1 = n == 1 ? &notes[0] : NULL;
	ok(n1 != NULL && n1->version == v2 && anchor_eq(&n1->anchor, &a2) &&
	    n1->status == ANCHOR_MOVED && n1->score == 0.75,
	    "v2 loads its own anchor, status and score");
	store_notes_free(notes, n);
	notes = load(s, d, v1, false, &n);
	n1 = n == 1 ? &notes[0] : NULL;
	ok(n1 != NULL && n1->version == v1 && anchor_eq(&n1->anchor, &a1) &&
	    n1->status == ANCHOR_EXACT, "v1 still loads its anchor");
	store_notes_free(notes, n);
	notes = load(s, d, v3, false, &n);
	n1 = n == 1 ? &notes[0] : NULL;
	ok(n1 != NULL && n1->version == v2,
	    "v3 without one: the most recent anchor (v2's)");
	store_notes_free(notes, n);

	a3 = a2;
	a3.block = 6;
	a3.para = NULL;
	ok(store_anchor_put(s, u, v2, &a3, ANCHOR_EXACT, 1.0, &cause),
	    "anchor put on v2 again (re-attached by hand)");
	notes = load(s, d, v2, false, &n);
	n1 = n == 1 ? &notes[0] : NULL;
	ok(n1 != NULL && n1->anchor.block == 6 && n1->anchor.para == NULL &&
	    n1->status == ANCHOR_EXACT, "the version's row was replaced");
	store_notes_free(notes, n);
	sql_is(path, "SELECT count(*) FROM anchors", "2",
	    "two anchor rows: v1 and v2");

	/* Many at once, all or nothing. */
	{
		char *u2 = add(s, d, v1, NULL, "ثانية", &a1);
		struct store_anchor_row rows[3] = {
			{ u, &a3, ANCHOR_FUZZY, 0.6 },
			{ u2, &a2, ANCHOR_MOVED, 0.9 },
			{ "00000000-0000-4000-8000-000000000000", &a2,
			    ANCHOR_MOVED, 0.9 }
		};

		ok(!store_anchors_put(s, v3, rows, 3, &cause) &&
		    has(cause, "no annotation"),
		    "anchors_put with an unknown annotation fails");
		free(cause);
		cause = NULL;
		sql_is(path, "SELECT count(*) FROM anchors", "3",
		    "and stores none of the batch");
		ok(store_anchors_put(s, v3, rows, 2, &cause),
		    "anchors_put of two anchors on v3");
		notes = load(s, d, v3, false, &n);
		ok(n == 2 && notes[0].version == v3 &&
		    notes[0].status == ANCHOR_FUZZY && notes[0].score == 0.6 &&
		    notes[1].version == v3 && notes[1].status == ANCHOR_MOVED &&
		    anchor_eq(&notes[1].anchor, &a2),
		    "both load on v3 with their status and score");
		store_notes_free(notes, n);
		free(u2);
	}
	ok(!store_anchor_put(s, u, ov, &a3, ANCHOR_EXACT, 1.0, &cause) &&
	    cause != NULL, "anchor on another document's version fails");
	free(cause);
	cause = NULL;
	ok(!store_anchor_put(s, "00000000-0000-4000-8000-000000000000", v2,
	    &a3, ANCHOR_EXACT, 1.0, &cause) && has(cause, "no annotation"),
	    "anchor of an unknown annotation fails");
	free(cause);
	(void)other;
	store_close(s);
	free(u);
	free(path);
}

static void
test_migration(void)
{
	char *path = tpath("v1.db"), *cause = NULL, *out, *u;
	struct store_place p = { NULL, 1, 1 }, got;
	const struct store_note *n1;
	struct store_note *notes;
	struct store_doc *docs;
	struct anchor a = mk_anchor("جديد", 1, 1, 0x3333cccc4444ddddULL);
	struct store *s;
	int64_t d, v;
	size_t n, nd;
	bool nv, found;

	out = sh("sqlite3 '%s' < tests/fixtures/store-v1.sql 2>&1 && echo ok",
	    path);
	is_str(out, "ok", "the v1 fixture loads");
	free(out);
	sql_is(path, "PRAGMA user_version", "1", "the fixture is schema 1");
	if ((s = open_ok(path, "v1 fixture")) == NULL)
		return;
	is_int(STORE_SCHEMA, 4, "STORE_SCHEMA is 4");
	sql_is(path, "PRAGMA user_version", SCHEMA,
	    "migrated to schema " SCHEMA);
	sql_is(path, "SELECT group_concat(name, ',') FROM (SELECT name FROM "
	    "sqlite_schema WHERE tbl_name = 'library' AND name NOT LIKE "
	    "'sqlite_%' ORDER BY name)", "library,library_symbol",
	    "migrated: the library table and its index (v3)");
	sql_is(path, "SELECT group_concat(name, ',') FROM "
	    "pragma_table_info('library')", "path,symbol,title,size,mtime",
	    "migrated: the library's columns");
	sql_is(path, "SELECT count(*) FROM marks", "0",
	    "migrated: the marks table (v2)");
	sql_is(path, "PRAGMA journal_mode", "wal", "migrated file is in WAL");
	ok(store_docs_list(s, &docs, &nd, &cause) && nd == 2,
	    "fixture documents listed");
	if (nd == 2) {
		is_str(docs[0].family, "A/C.3/78/L.10", "fixture family");
		is_str(docs[0].symbol, "A/C.3/78/L.10/Rev.1",
		    "fixture symbol of the last version");
		is_int(docs[0].notes, 2, "fixture notes without tombstone");
		is_str(docs[1].title, "مذكرة من الأمين العام", "fixture title");
	}
	store_docs_free(docs, nd);
	d = doc(s, "A/C.3/78/L.10", NULL, NULL, "/new/L10.txt",
	    "3333cccc4444dddd", &v, &nv);
	ok(d == 1 && v == 2 && !nv, "fixture version found by hash");
	notes = load(s, d, v, true, &n);
	is_int(n, 3, "fixture notes with the tombstone");
	n1 = find_note(notes, n, "c0ffee00-1234-4abc-8def-0123456789ab");
	ok(n1 != NULL && n1->version == 2 && n1->status == ANCHOR_MOVED &&
	    n1->score == 0.9 && n1->anchor.para_fp == 0x0123456789abcdefULL &&
	    n1->anchor.doc_hash == 0x3333cccc4444ddddULL &&
	    strcmp(n1->anchor.exact, "تعزيز") == 0,
	    "fixture note: its anchor on this version");
	n1 = find_note(notes, n, "c0ffee00-1234-4abc-9def-0123456789ac");
	ok(n1 != NULL && n1->version == 1 && n1->anchor.whole &&
	    n1->text && strcmp(n1->text, "ملاحظة قديمة") == 0,
	    "fixture note: the latest anchor, text");
	ok(n == 3 && notes[2].deleted, "fixture tombstone");
	store_notes_free(notes, n);
	u = add(s, d, v, "blue", NULL, &a);
	ok(u != NULL, "a note added to a migrated file");
	ok(store_mark_set(s, 'A', d, &p, &cause) &&
	    store_position_set(s, d, &p, &cause) &&
	    store_mark_get(s, 'A', 0, &got, NULL, NULL, &found, &cause) &&
	    found, "marks and positions in a migrated file");
	free(got.para);
	check_ok(s, "migrated");
	store_close(s);
	s = open_ok(path, "migrated file reopened");
	is_int(count_notes(s, d), 4, "migrated file: four notes");
	store_close(s);
	free(u);
	free(path);
}

/* store_open(path) must fail, with a cause that says want, and leave the
 * file as it was. */
static void
refused(const char *path, const char *want, const char *what)
{
	struct snap before;
	struct store *s;
	char *cause = NULL, *wal = xasprintf("%s-wal", path);

	snap_take(path, &before);
	s = store_open(path, &cause);
	ok(s == NULL && has(cause, want), "%s: refused: %s", what,
	    cause ? cause : "(opened)");
	ok(cause != NULL && strchr(cause, '\n') == NULL,
	    "%s: the cause is one line", what);
	ok(snap_same(path, &before), "%s: the file is unchanged", what);
	ok(!exists(wal), "%s: no -wal file made", what);
	store_close(s);
	free(cause);
	free(before.data);
	free(wal);
}

/* One note of an export, for the import into a damaged store. */
static const char damaged_json[] = "{\"items\": [{\"id\": \"urn:uuid:"
    "0f0e0d0c-0b0a-4908-8706-050403020100\", \"body\": {\"value\": "
    "\"x\"}, \"target\": {\"selector\": {\"type\": "
    "\"TextQuoteSelector\", \"exact\": \"y\"}}, \"hamish:anchor\": "
    "{\"block\": 0, \"start\": 0, \"end\": 1, \"documentHash\": "
    "\"0123456789abcdef\"}}]}";

static void
test_refused(void)
{
	char *text = tpath("text.db"), *garbage = tpath("garbage.db");
	char *trunc = tpath("trunc.db"), *newer = tpath("newer.db");
	char *foreign = tpath("foreign.db"), *empty = tpath("empty.db");
	char *dir = tpath("dir.db"), *src = tpath("notes.db"), *hdr;
	char buf[5000], *data = NULL, *cause = NULL;
	size_t len = 0;
	struct store *s;

	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (char)(i * 7919 % 251);
	write_file(garbage, buf, sizeof buf);
	write_file(text, "Hello, this is not a database.\nJust text.\n", 42);
	refused(text, "not a hamish database", "a text file");
	refused(garbage, "not a hamish database", "random bytes");

	/* The first 100 bytes of a real database, garbage after. */
	hdr = tpath("header.db");
	if (util_file_read(src, &data, &len, &cause) == 0 && len > 8192) {
		memcpy(buf, data, 100);
		write_file(hdr, buf, sizeof buf);
		refused(hdr, "not a hamish database", "a header and garbage");
		write_file(trunc, data, 8192);
		refused(trunc, "not a hamish database", "a truncated database");
	} else
		ok(0, "cannot read %s to truncate it: %s", src, cause);
	free(data);
	free(cause);
	cause = NULL;
	free(hdr);

	cause = xasprintf("PRAGMA application_id = 1214344553; "
	    "PRAGMA user_version = %d; CREATE TABLE future (x);",
	    STORE_SCHEMA + 1);
	free(sql(newer, cause));
	free(cause);
	cause = xasprintf("made by a newer hamish (schema %d); not changed",
	    STORE_SCHEMA + 1);
	refused(newer, cause, "a newer schema");
	free(cause);
	cause = NULL;
	/* A store of ours made newer later, in WAL mode. */
	{
		char *p = tpath("newer2.db");

		s = open_ok(p, "newer2");
		store_close(s);
		free(sql(p, "PRAGMA user_version = 7"));
		refused(p, "schema 7", "a WAL store of a newer hamish");
		free(p);
	}
	free(sql(foreign, "CREATE TABLE moz_places (id INTEGER);"));
	refused(foreign, "another program", "another program's database");
	{
		char *p = tpath("appid.db");

		free(sql(p, "PRAGMA application_id = 42;"));
		refused(p, "application id", "another application id");
		free(p);
	}

	/* A negative schema version is nobody's: damaged, not newer. */
	{
		char *p = tpath("negative.db");

		s = open_ok(p, "negative");
		store_close(s);
		free(sql(p, "PRAGMA user_version = -1"));
		refused(p, "damaged or not a hamish database (schema version "
		    "-1", "user_version -1");
		s = store_open(p, &cause);
		ok(s == NULL && !has(cause, "newer"), "  not called newer: %s",
		    cause != NULL ? cause : "(opened)");
		store_close(s);
		free(cause);
		cause = NULL;
		free(p);
	}

	/* An empty file is an empty database: taken, its mode kept, and
	 * store_was_empty() says so (once: then it is a database). */
	write_file(empty, "", 0);
	chmod(empty, 0644);
	s = open_ok(empty, "an empty file");
	ok(s != NULL && store_was_empty(s), "store_was_empty() after an "
	    "empty file");
	store_close(s);
	s = open_ok(empty, "the empty file again");
	ok(s != NULL && !store_was_empty(s), "  not when opened again");
	store_close(s);
	{
		char *p = tpath("made.db");

		s = open_ok(p, "a file store_open() makes");
		ok(s != NULL && !store_was_empty(s), "  nor for a file it "
		    "made itself");
		store_close(s);
		free(p);
	}
	is_int(mode_of(empty), 0644, "an existing file's mode is not changed");
	sql_is(empty, "PRAGMA user_version", SCHEMA,
	    "the empty file is a store");

	/* Damaged inside: found by store_check() and by the reads. */
	{
		char *bad = tpath("damaged.db"), *out, *root;
		struct store_note *notes = NULL;
		struct store_import_stats ist;
		size_t n = 0;
		long page;
		int fd;

		out = sh("cp '%s' '%s' && echo ok", src, bad);
		root = sql(bad, "SELECT rootpage FROM sqlite_schema WHERE "
		    "name = 'annotations'");
		page = atol(root);
		fd = open(bad, O_WRONLY);
		ok(strcmp(out, "ok") == 0 && page > 1 && fd != -1 &&
		    pwrite(fd, "\xde\xad\xbe\xef\xde\xad\xbe\xef", 8,
		    (page - 1) * 4096) == 8, "damage page %ld", page);
		close(fd);
		s = store_open(bad, &cause);
		if (s == NULL)
			ok(has(cause, "not a hamish database"),
			    "a damaged database is refused at once");
		else {
			bool bad_ok = !store_check(s, &cause);

			ok(bad_ok && has(cause, "integrity check failed") &&
			    strchr(cause, '\n') == NULL,
			    "store_check finds the damage: %s",
			    cause ? cause : "");
			free(cause);
			cause = NULL;
			ok(!store_notes_load(s, 1, 1, true, &notes, &n,
			    &cause) && has(cause, "damaged"),
			    "a read of the damaged table fails");
			free(cause);
			cause = NULL;
			bad_ok = !store_import_json(s, damaged_json,
			    strlen(damaged_json), &ist, &cause) &&
			    store_failed(s);
			ok(bad_ok && has(cause, "damaged"), "an import into "
			    "it fails, the database's failure: %s",
			    cause ? cause : "");
			store_close(s);
		}
		free(cause);
		cause = NULL;
		free(out);
		free(root);
		free(bad);
	}

	mkdir(dir, 0700);
	ok(store_open(dir, &cause) == NULL && has(cause, "not a regular file"),
	    "a directory is refused");
	free(cause);
	free(text);
	free(garbage);
	free(trunc);
	free(newer);
	free(foreign);
	free(empty);
	free(dir);
	free(src);
}

/* --- read-only: checks run in a child, results sent back ----------- */

/* The checks on a read-only store at path, in the child. */
static void
ro_checks(const char *path, const char *what)
{
	struct store_doc_key known = { "A/RO", "A/RO", NULL, "/ro/a.txt",
	    "c000000000000001", NULL }, unknown = { "A/NEW", NULL, NULL,
	    "/x.txt", "c00000000000000f", NULL };
	struct anchor a = mk_anchor("ro", 1, 1, 0xc1);
	struct store_place p = { NULL, 1, 1 }, got;
	struct store_import_stats st;
	struct store_note *notes = NULL;
	char *cause = NULL, *want = xasprintf("%s is read-only: not saved",
	    path);
	struct store *s;
	int64_t d = -1, v = -1;
	size_t n = 0;
	bool nv = false, found;

	child_ok(drop_root(), "%s: running as a user file modes apply to",
	    what);
	s = store_open(path, &cause);
	child_ok(s != NULL, "%s: opened: %s", what, cause ? cause : "ok");
	free(cause);
	cause = NULL;
	if (s == NULL)
		_exit(0);
	child_ok(store_readonly(s), "%s: store_readonly()", what);
	child_ok(store_doc_open(s, &known, &d, &v, &nv, &cause) && d > 0 &&
	    v > 0 && !nv, "%s: doc_open finds a known text", what);
	child_ok(store_notes_load(s, d, v, false, &notes, &n, &cause) &&
	    n == 1 && strcmp(notes[0].text, "قراءة فقط") == 0,
	    "%s: notes load", what);
	store_notes_free(notes, n);
	child_ok(store_position_get(s, d, &got, &found, &cause) && found &&
	    got.block == 7, "%s: position loads", what);
	child_ok(store_doc_open(s, &unknown, &d, &v, &nv, &cause) && d == 0 &&
	    v == 0 && nv, "%s: doc_open of an unknown text: ids 0", what);
	found = !store_note_add(s, 1, 1, "x", NULL, &a, NULL, &cause);
	child_ok(found && cause && strcmp(cause, want) == 0,
	    "%s: note_add fails: %s", what, cause ? cause : "");
	free(cause);
	cause = NULL;
	child_ok(!store_note_delete(s, "c0ffee00-0000-4000-8000-000000000001",
	    true, &cause) && has(cause, "read-only"), "%s: delete fails",
	    what);
	free(cause);
	cause = NULL;
	child_ok(!store_position_set(s, 1, &p, &cause) && has(cause,
	    "read-only"), "%s: position_set fails", what);
	free(cause);
	cause = NULL;
	child_ok(!store_mark_set(s, 'a', 1, &p, &cause) && has(cause,
	    "read-only"), "%s: mark_set fails", what);
	free(cause);
	cause = NULL;
	child_ok(!store_import_json(s, "{\"items\":[]}", 12, &st, &cause) &&
	    has(cause, "read-only"), "%s: import fails", what);
	free(cause);
	cause = NULL;
	{
		struct store_lib_file *files = NULL, f = { "/ro/lib/x.txt",
		    NULL, NULL, 1, 1 };
		size_t nf = 0;

		child_ok(store_library_list(s, "/ro/lib", &files, &nf,
		    &cause) && nf == 1 && strcmp(files[0].symbol, "A/1/1") ==
		    0, "%s: library rows load", what);
		store_library_free(files, nf);
		child_ok(!store_library_set(s, "/ro/lib", &f, 1, &cause) &&
		    has(cause, "read-only"), "%s: library_set fails", what);
		free(cause);
		cause = NULL;
	}
	child_ok(store_check(s, &cause), "%s: integrity_check", what);
	free(cause);
	store_close(s);
	free(want);
}

struct ro_arg {
	const char	*path;
	const char	*what;
};

static void
ro_child(void *arg)
{
	const struct ro_arg *a = arg;

	ro_checks(a->path, a->what);
}

/* The checks of ro_checks() on the store at path, run as nobody. */
static void
ro_run(const char *path, const char *what)
{
	struct ro_arg a = { path, what };

	child_run(ro_child, &a, what);
}

static void
test_readonly(void)
{
	char *dir = tpath("ro"), *path = tpath("ro/hamish.db"), *u, *wal, *shm;
	char *cause = NULL;
	struct anchor a = mk_anchor("ro", 1, 1, 0xc1);
	struct store_place p = { NULL, 7, 0 };
	struct snap before;
	struct store *s;
	int64_t d, v;
	bool root = geteuid() == 0;

	mkdir(dir, 0700);
	if ((s = open_ok(path, "read-only setup")) == NULL)
		return;
	d = doc(s, "A/RO", "A/RO", NULL, "/ro/a.txt", "c000000000000001", &v,
	    NULL);
	u = add(s, d, v, NULL, "قراءة فقط", &a);
	ok(u != NULL && store_position_set(s, d, &p, &cause),
	    "read-only setup: a note and a position");
	{
		struct store_lib_file f = { "/ro/lib/A_1_1.txt", "A/1/1",
		    NULL, 10, 20 };

		ok(store_library_set(s, "/ro/lib", &f, 1, &cause),
		    "read-only setup: a library row");
	}
	store_close(s);
	free(u);
	/* nobody must get to the files, and own them */
	chmod(tmpdir, 0711);
	if (root && (chown(dir, NOBODY, NOBODY) == -1 ||
	    chown(path, NOBODY, NOBODY) == -1))
		printf("# chown: %s\n", strerror(errno));
	wal = xasprintf("%s-wal", path);
	shm = xasprintf("%s-shm", path);

	/* 1. The file is 0400. */
	chmod(path, 0400);
	snap_take(path, &before);
	ro_run(path, "file 0400");
	ok(snap_same(path, &before), "file 0400: the file is unchanged");
	ok(!exists(wal) && !exists(shm), "file 0400: no -wal or -shm left");
	free(before.data);
	chmod(path, 0600);
	s = open_ok(path, "file writable again");
	ok(s != NULL && !store_readonly(s) &&
	    store_position_set(s, d, &p, &cause),
	    "writable again: it can be written");
	store_close(s);

	/* 2. The directory is read-only (no -wal or -shm can be made). */
	chmod(dir, 0500);
	snap_take(path, &before);
	ro_run(path, "read-only directory");
	ok(snap_same(path, &before),
	    "read-only directory: the file is unchanged");
	free(before.data);
	chmod(dir, 0700);
	s = open_ok(path, "directory writable again");
	ok(s != NULL && !store_readonly(s) &&
	    store_position_set(s, d, &p, &cause),
	    "directory writable again: it can be written");
	store_close(s);
	free(cause);
	free(wal);
	free(shm);
	free(dir);
	free(path);
}

static void
test_full(void)
{
	char *path = tpath("full.db"), *cause = NULL, *text, *uuids[2000];
	struct anchor a = mk_anchor("ممتلئ", 1, 1, 0xd1);
	struct store_note *notes;
	struct store *s;
	int64_t d, v;
	size_t n, added = 0, present = 0;
	bool failed = false;

	if ((s = open_ok(path, "full")) == NULL)
		return;
	d = doc(s, "A/FULL", NULL, NULL, "/f.txt", "d000000000000001", &v,
	    NULL);
	ok(store_limit_pages(s, 12, &cause), "limit the database to 12 "
	    "more pages");
	text = xmalloc(1501);
	memset(text, 'x', 1500);
	text[1500] = '\0';
	while (added < UTIL_NELEM(uuids)) {
		char *u = NULL;

		text[0] = (char)('a' + added % 26);
		if (!store_note_add(s, d, v, NULL, text, &a, &u, &cause)) {
			failed = true;
			break;
		}
		uuids[added++] = u;
	}
	ok(failed && has(cause, "full"), "adding fails when full: %s",
	    cause ? cause : "(never)");
	ok(added > 0, "%zu notes added before that", added);
	free(text);
	free(cause);
	cause = NULL;
	notes = load(s, d, v, true, &n);
	is_int(n, added, "every note added is there, the failed one is not");
	store_notes_free(notes, n);
	check_ok(s, "full");
	store_close(s);
	s = open_ok(path, "full, reopened without the limit");
	notes = load(s, d, v, true, &n);
	for (size_t i = 0; i < added; i++)
		present += find_note(notes, n, uuids[i]) != NULL;
	ok(n == added && present == added, "after reopening: all %zu there",
	    added);
	store_notes_free(notes, n);
	text = add(s, d, v, "x", NULL, &a);
	ok(text != NULL, "without the limit, notes can be added again");
	free(text);
	check_ok(s, "full, reopened");
	store_close(s);
	for (size_t i = 0; i < added; i++)
		free(uuids[i]);
	free(path);
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#define WRITERS	2
#define WRITES	1000

/* A child: waits on go, adds WRITES notes; exit status 0 if all went. */
static void
writer(const char *path, int go, int id)
{
	struct anchor a = mk_anchor("متزامن", 1, 1, 0xe1);
	char *cause = NULL, c, text[64];
	struct store *s;
	int64_t d, v;

	if (read(go, &c, 1) != 0)
		_exit(4);
	s = store_open(path, &cause);
	if (s == NULL) {
		fprintf(stderr, "writer %d: %s\n", id, cause);
		_exit(1);
	}
	d = doc(s, "A/CONC", NULL, NULL, "/c.txt", "e000000000000001", &v,
	    NULL);
	for (int i = 0; i < WRITES; i++) {
		snprintf(text, sizeof text, "writer %d note %d", id, i);
		if (!store_note_add(s, d, v, NULL, text, &a, NULL, &cause)) {
			fprintf(stderr, "writer %d, note %d: %s\n", id, i,
			    cause);
			_exit(2);
		}
	}
	store_close(s);
	_exit(0);
}

/* Two writers at once on a file that does not exist yet: both make it,
 * migrate it and add their notes, none fails. */
static void
test_concurrent(void)
{
	char *path = tpath("conc/new/hamish.db");
	struct store *s;
	pid_t pids[WRITERS];
	int go[2], status, good = 0;
	int64_t d;
	double t0;
	char *out;

	if (pipe(go) == -1)
		return;
	fflush(NULL);
	for (int i = 0; i < WRITERS; i++)
		if ((pids[i] = fork()) == 0) {
			close(go[1]);
			writer(path, go[0], i);
		}
	close(go[0]);
	t0 = now_s();
	close(go[1]);	/* go */
	for (int i = 0; i < WRITERS; i++) {
		waitpid(pids[i], &status, 0);
		good += WIFEXITED(status) && WEXITSTATUS(status) == 0;
	}
	printf("# %d x %d commits in %.2f s\n", WRITERS, WRITES,
	    now_s() - t0);
	is_int(good, WRITERS, "both writers finished without an error");
	if ((s = open_ok(path, "concurrent result")) == NULL)
		return;
	d = doc(s, "A/CONC", NULL, NULL, "/c.txt", "e000000000000001", NULL,
	    NULL);
	is_int(count_notes(s, d), WRITERS * WRITES, "all notes are there");
	{
		/* How interleaved the commits were: a diagnostic only, it
		 * depends on the scheduler. */
		size_t n, turns = 0;
		struct store_note *notes = load(s, d, 0, false, &n);

		for (size_t i = 1; i < n; i++)
			turns += strncmp(notes[i].text, notes[i - 1].text, 8) != 0;
		printf("# the writers took turns %zu times\n", turns);
		store_notes_free(notes, n);
	}
	check_ok(s, "concurrent");
	store_close(s);
	out = sql(path, "SELECT count(DISTINCT uuid) || ' ' || "
	    "(SELECT count(*) FROM documents) FROM annotations");
	is_str(out, "2000 1", "every UUID is different, one document");
	free(out);
	free(path);
}

static void
test_sigkill(void)
{
	char *path = tpath("kill.db"), line[64], *reported[4096];
	struct anchor a = mk_anchor("قتل", 1, 1, 0xf1);
	struct store_note *notes;
	struct store *s;
	size_t nrep = 0, n, present = 0;
	int fds[2], status;
	int64_t d, v;
	pid_t pid;
	FILE *f;

	if ((s = open_ok(path, "sigkill setup")) == NULL)
		return;
	d = doc(s, "A/KILL", NULL, NULL, "/k.txt", "f000000000000009", &v,
	    NULL);
	store_close(s);
	if (pipe(fds) == -1)
		return;
	fflush(NULL);
	if ((pid = fork()) == 0) {
		char *cause = NULL, *u;

		close(fds[0]);
		if ((s = store_open(path, &cause)) == NULL)
			_exit(1);
		for (;;) {
			if (!store_note_add(s, d, v, "k", NULL, &a, &u,
			    &cause))
				_exit(2);
			/* reported only once the call has returned */
			snprintf(line, sizeof line, "%s\n", u);
			if (write(fds[1], line, strlen(line)) == -1)
				_exit(3);
			free(u);
		}
	}
	close(fds[1]);
	f = fdopen(fds[0], "r");
	while (fgets(line, sizeof line, f) != NULL &&
	    nrep < UTIL_NELEM(reported)) {
		line[strcspn(line, "\n")] = '\0';
		reported[nrep++] = xstrdup(line);
		if (nrep == 200)
			kill(pid, SIGKILL);
	}
	fclose(f);
	waitpid(pid, &status, 0);
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	    "the writer was killed after %zu commits", nrep);
	s = open_ok(path, "after SIGKILL");
	notes = load(s, d, v, true, &n);
	for (size_t i = 0; i < nrep; i++)
		present += find_note(notes, n, reported[i]) != NULL;
	is_int(present, nrep, "every note reported as added is there");
	ok(n >= nrep, "%zu notes in the file", n);
	store_notes_free(notes, n);
	check_ok(s, "after SIGKILL");
	store_close(s);
	for (size_t i = 0; i < nrep; i++)
		free(reported[i]);
	free(path);
}

/* One item of an export: the fields between the braces. */
#define ANCHOR_JSON(hash, extra)					\
	"\"hamish:anchor\": {\"block\": 14, \"start\": 3, \"end\": 17, "	\
	"\"whole\": false, \"paragraph\": \"12\", \"paragraphHash\": "	\
	"\"0123456789abcdef\", \"documentHash\": \"" hash "\"" extra "}"
#define QUOTE_JSON(exact)						\
	"\"target\": {\"source\": \"A/C.3/79/L.25\", \"selector\": [ "	\
	"{\"type\": \"TextPositionSelector\", \"start\": 120, "		\
	"\"end\": 134}, {\"type\": \"TextQuoteSelector\", \"exact\": "	\
	"\"" exact "\", \"prefix\": \"قبل \", \"suffix\": \" بعد\"} ] }"
#define DOC_JSON							\
	"\"hamish:document\": {\"family\": \"A/C.3/79/L.25\", "		\
	"\"symbol\": \"A/C.3/79/L.25\", \"title\": \"تعزيز\"}"

static bool
import(struct store *s, const char *json, struct store_import_stats *st,
    char **cause)
{
	memset(st, 0xff, sizeof *st);
	return store_import_json(s, json, strlen(json), st, cause);
}

static bool
stats_are(const struct store_import_stats *st, size_t added, size_t updated,
    size_t unchanged, size_t skipped)
{
	if (st->added == added && st->updated == updated &&
	    st->unchanged == unchanged && st->skipped == skipped)
		return true;
	printf("#   added %zu, updated %zu, unchanged %zu, skipped %zu\n",
	    st->added, st->updated, st->unchanged, st->skipped);
	return false;
}

static void
test_import(void)
{
	char *path = tpath("import.db"), *cause = NULL, *u1, *u2, *json;
	char *dump1, *dump2;
	struct anchor a = mk_anchor("أصل", 1, 1, 0x1a00000000000001ULL);
	struct store_import_stats st;
	const struct store_note *n1;
	struct store_note *notes;
	struct store_doc *docs;
	struct store *s;
	int64_t d, v, d2, v2;
	size_t n, nd;
	bool nv = true;

	if ((s = open_ok(path, "import")) == NULL)
		return;
	d = doc(s, "A/C.3/79/L.25", "A/C.3/79/L.25", "تعزيز", "/i/L25.txt",
	    "1a00000000000001", &v, NULL);
	u1 = add(s, d, v, "yellow", NULL, &a);
	u2 = add(s, d, v, "red", NULL, &a);
	json = xasprintf(
	    "{ \"@context\": \"http://www.w3.org/ns/anno.jsonld\", "
	    "\"type\": \"AnnotationCollection\", \"generator\": \"hamish\", "
	    "\"total\": 9, \"items\": [\n"
	    /* 1: new highlight */
	    "{ \"id\": \"urn:uuid:11111111-1111-4111-8111-111111111111\", "
	    "\"type\": \"Annotation\", \"motivation\": \"highlighting\", "
	    "\"created\": \"2026-11-22T09:30:00.123Z\", "
	    "\"modified\": \"2026-11-22T09:31:00.456Z\", "
	    QUOTE_JSON("الجمعية العامة") ", \"hamish:deleted\": false, "
	    "\"hamish:style\": \"yellow\", \"hamish:address\": \"12\", "
	    "\"hamish:status\": \"exact\", " DOC_JSON ", "
	    ANCHOR_JSON("1a00000000000001", ", \"status\": \"exact\", "
	    "\"score\": 1") " },\n"
	    /* 2: new tombstone with a note */
	    "{ \"id\": \"urn:uuid:22222222-2222-4222-9222-222222222222\", "
	    "\"motivation\": \"commenting\", "
	    "\"created\": \"2026-11-22T09:32:00.000Z\", "
	    "\"modified\": \"2026-11-22T09:33:00.000Z\", "
	    "\"body\": {\"type\": \"TextualBody\", \"value\": "
	    "\"ملاحظة محذوفة\\n\\u001b[1m\", \"format\": \"text/plain\"}, "
	    QUOTE_JSON("تقرر") ", \"hamish:deleted\": true, "
	    "\"hamish:style\": null, " DOC_JSON ", "
	    ANCHOR_JSON("1a00000000000001", "") " },\n"
	    /* 3: a newer u1 */
	    "{ \"id\": \"urn:uuid:%s\", \"created\": \"2026-01-01T00:00:00.000Z\", "
	    "\"modified\": \"2999-01-01T00:00:00.000Z\", "
	    "\"body\": {\"type\": \"TextualBody\", \"value\": \"أحدث\"}, "
	    QUOTE_JSON("أصل") ", \"hamish:style\": \"green\", " DOC_JSON ", "
	    ANCHOR_JSON("1a00000000000001", "") " },\n"
	    /* 4: an older u2, on a version the store does not know */
	    "{ \"id\": \"urn:uuid:%s\", \"created\": \"2000-01-01T00:00:00.000Z\", "
	    "\"modified\": \"2000-01-01T00:00:00.000Z\", "
	    QUOTE_JSON("أصل") ", \"hamish:style\": \"blue\", " DOC_JSON ", "
	    ANCHOR_JSON("1a00000000000002", ", \"status\": \"fuzzy\", "
	    "\"score\": 0.5") " },\n"
	    /* 5: no hamish:anchor */
	    "{ \"id\": \"urn:uuid:55555555-5555-4555-8555-555555555555\", "
	    "\"modified\": \"2026-11-22T09:30:00.000Z\", "
	    QUOTE_JSON("x") ", \"hamish:style\": \"yellow\" },\n"
	    /* 6: a new document */
	    "{ \"id\": \"urn:uuid:33333333-3333-4333-a333-333333333333\", "
	    "\"created\": \"2026-11-22T09:30:00Z\", "
	    QUOTE_JSON("جديد") ", \"hamish:style\": \"blue\", "
	    "\"hamish:document\": {\"family\": \"A/C.3/79/L.99\", "
	    "\"symbol\": \"A/C.3/79/L.99/Rev.1\", \"title\": \"وثيقة جديدة\"}, "
	    ANCHOR_JSON("1b00000000000001", "") " },\n"
	    /* 7: not a UUID */
	    "{ \"id\": \"not-a-uuid\", \"hamish:style\": \"x\", "
	    QUOTE_JSON("x") ", " ANCHOR_JSON("1a00000000000001", "") " },\n"
	    /* 8: one selector, not an array; the item's status */
	    "{ \"id\": \"urn:uuid:44444444-4444-4444-B444-444444444444\", "
	    "\"modified\": \"2026-11-22T10:00:00.000Z\", "
	    "\"target\": {\"selector\": {\"type\": \"TextQuoteSelector\", "
	    "\"exact\": \"منقول\"}}, \"hamish:style\": \"red\", "
	    "\"hamish:status\": \"moved\", " DOC_JSON ", "
	    "\"hamish:anchor\": {\"block\": 2, \"start\": 0, \"end\": 9, "
	    "\"whole\": true, \"paragraph\": null, \"documentHash\": "
	    "\"1A00000000000001\", \"score\": 0.93} },\n"
	    /* 9: not an object */
	    "42 ] }\n", u1, u2);

	nv = import(s, json, &st, &cause);
	ok(nv && stats_are(&st, 4, 1, 1, 3), "import: 4 added, 1 updated, "
	    "1 unchanged, 3 skipped %s", cause ? cause : "");
	free(cause);
	cause = NULL;
	notes = load(s, d, v, true, &n);
	is_int(n, 5, "import: five annotations on the document");
	n1 = find_note(notes, n, "11111111-1111-4111-8111-111111111111");
	ok(n1 != NULL && n1->style && strcmp(n1->style, "yellow") == 0 &&
	    n1->text == NULL && !n1->deleted && n1->version == v &&
	    strcmp(n1->created, "2026-11-22T09:30:00.123Z") == 0 &&
	    strcmp(n1->modified, "2026-11-22T09:31:00.456Z") == 0,
	    "import: a new highlight, its times kept");
	ok(n1 != NULL && strcmp(n1->anchor.exact, "الجمعية العامة") == 0 &&
	    strcmp(n1->anchor.prefix, "قبل ") == 0 &&
	    strcmp(n1->anchor.suffix, " بعد") == 0 && n1->anchor.para &&
	    strcmp(n1->anchor.para, "12") == 0 && n1->anchor.block == 14 &&
	    n1->anchor.start == 3 && n1->anchor.end == 17 &&
	    !n1->anchor.whole && n1->anchor.para_fp == 0x0123456789abcdefULL &&
	    n1->anchor.doc_hash == 0x1a00000000000001ULL &&
	    n1->status == ANCHOR_EXACT && n1->score == 1.0,
	    "import: its anchor from the selector and hamish:anchor");
	n1 = find_note(notes, n, "22222222-2222-4222-9222-222222222222");
	ok(n1 != NULL && n1->deleted && n1->style == NULL && n1->text &&
	    strcmp(n1->text, "ملاحظة محذوفة\n\x1b[1m") == 0,
	    "import: a tombstone with its note");
	n1 = find_note(notes, n, u1);
	ok(n1 != NULL && n1->style && strcmp(n1->style, "green") == 0 &&
	    n1->text && strcmp(n1->text, "أحدث") == 0 &&
	    strcmp(n1->modified, "2999-01-01T00:00:00.000Z") == 0 &&
	    strcmp(n1->created, "2026-01-01T00:00:00.000Z") != 0,
	    "import: the newer wins (created kept)");
	n1 = find_note(notes, n, u2);
	ok(n1 != NULL && n1->style && strcmp(n1->style, "red") == 0,
	    "import: the older is ignored");
	n1 = find_note(notes, n, "44444444-4444-4444-b444-444444444444");
	ok(n1 != NULL && n1->status == ANCHOR_MOVED && n1->score == 0.93 &&
	    n1->anchor.whole && n1->anchor.para == NULL &&
	    strcmp(n1->anchor.prefix, "") == 0 && n1->anchor.block == 2,
	    "import: one selector object, status moved, UUID lowercased");
	store_notes_free(notes, n);
	ok(store_docs_list(s, &docs, &nd, &cause) && nd == 2, "import: a new "
	    "document");
	if (nd == 2) {
		is_str(docs[1].family, "A/C.3/79/L.99", "import: its family");
		is_str(docs[1].symbol, "A/C.3/79/L.99/Rev.1",
		    "import: its symbol");
		is_str(docs[1].title, "وثيقة جديدة", "import: its title");
		is_int(docs[1].notes, 1, "import: its note");
		notes = load(s, docs[1].id, docs[1].version, false, &n);
		ok(n == 1 && strcmp(notes[0].created,
		    "2026-11-22T09:30:00.000Z") == 0 &&
		    strcmp(notes[0].modified, notes[0].created) == 0,
		    "import: a time without ms normalised; modified from "
		    "created");
		store_notes_free(notes, n);
	}
	store_docs_free(docs, nd);

	dump1 = sh("sqlite3 '%s' .dump", path);
	ok(import(s, json, &st, &cause) && stats_are(&st, 0, 0, 6, 3),
	    "import twice: all unchanged");
	dump2 = sh("sqlite3 '%s' .dump", path);
	ok(strlen(dump1) > 1000 && strcmp(dump1, dump2) == 0,
	    "import twice: the database is the same");
	free(dump2);

	nv = !import(s, "{\"items\": [ {\"id\": ", &st, &cause);
	ok(nv && has(cause, "not valid JSON"), "malformed JSON refused: %s",
	    cause ? cause : "");
	ok(!store_failed(s), "  the input's failure, not the database's");
	free(cause);
	cause = NULL;
	nv = !import(s, "{\"type\": \"AnnotationCollection\"}", &st,
	    &cause);
	ok(nv && has(cause, "items"), "JSON without items refused: %s",
	    cause ? cause : "");
	free(cause);
	cause = NULL;
	dump2 = sh("sqlite3 '%s' .dump", path);
	ok(strcmp(dump1, dump2) == 0, "refused imports changed nothing");
	free(dump2);
	free(dump1);
	free(json);

	/* A newer tombstone deletes; a newer undelete brings back. */
	json = xasprintf("{\"items\": ["
	    "{ \"id\": \"urn:uuid:%s\", \"modified\": \"3000-01-01T00:00:00.000Z\", "
	    QUOTE_JSON("أصل") ", \"hamish:deleted\": true, \"hamish:style\": "
	    "\"green\", " DOC_JSON ", " ANCHOR_JSON("1a00000000000001", "") " },"
	    "{ \"id\": \"urn:uuid:22222222-2222-4222-9222-222222222222\", "
	    "\"modified\": \"3000-01-01T00:00:00.000Z\", "
	    QUOTE_JSON("تقرر") ", \"hamish:deleted\": false, "
	    "\"body\": {\"value\": \"عادت\"}, " DOC_JSON ", "
	    ANCHOR_JSON("1a00000000000001", "") " } ] }", u1);
	ok(import(s, json, &st, &cause) && stats_are(&st, 0, 2, 0, 0),
	    "import of a newer tombstone and a newer undelete");
	notes = load(s, d, v, false, &n);
	ok(find_note(notes, n, u1) == NULL &&
	    find_note(notes, n, "22222222-2222-4222-9222-222222222222") != NULL,
	    "the tombstone deleted u1, the undelete brought back the other");
	store_notes_free(notes, n);
	free(json);

	/* The unknown version of item 4 was added to the document. */
	d2 = doc(s, "A/C.3/79/L.25", NULL, NULL, "/i/L25-rev.txt",
	    "1a00000000000002", &v2, &nv);
	ok(d2 == d && !nv, "import added the new version to the document");
	notes = load(s, d, v2, true, &n);
	n1 = find_note(notes, n, u2);
	ok(n1 != NULL && n1->version == v2 && n1->status == ANCHOR_FUZZY &&
	    n1->score == 0.5, "and the older item's anchor on it");
	store_notes_free(notes, n);
	check_ok(s, "import");
	store_close(s);
	free(u1);
	free(u2);
	free(path);
}

/* --- the library's index ------------------------------------------ */

/* The rows of directory dir, "path=symbol:title:size:mtime" with "-"
 * for NULL, "|" between them (caller frees). */
static char *
lib_rows(struct store *s, const char *dir)
{
	struct store_lib_file *f;
	char *cause = NULL;
	struct buf b;
	size_t n;

	buf_init(&b);
	buf_adds(&b, "");
	if (!store_library_list(s, dir, &f, &n, &cause)) {
		buf_addf(&b, "error: %s", cause);
		free(cause);
		return buf_steal(&b);
	}
	for (size_t i = 0; i < n; i++)
		buf_addf(&b, "%s%s=%s:%s:%" PRId64 ":%" PRId64, i > 0 ? "|" :
		    "", f[i].path, f[i].symbol ? f[i].symbol : "-",
		    f[i].title ? f[i].title : "-", f[i].size, f[i].mtime);
	store_library_free(f, n);
	return buf_steal(&b);
}

static void
lib_rows_are(struct store *s, const char *dir, const char *want,
    const char *what)
{
	char *got = lib_rows(s, dir);

	is_str(got, want, "%s", what);
	free(got);
}

static void
test_library(void)
{
	char *path = tpath("library.db"), *cause = NULL;
	struct store_lib_file a[] = {
		{ "/d/A_1_1.txt", "A/1/1", "عنوان", 100, 1700000000123456789 },
		{ "/d/notes.txt", NULL, NULL, 5, 6 },
		{ "/d/\xff\xfe.txt", "A/1/2", NULL, 7, 8 },
	}, sub = { "/d/sub/A_2_1.txt", "A/2/1", NULL, 1, 2 },
	    alike[] = { { "/d0/A_3_1.txt", "A/3/1", NULL, 1, 2 },
	    { "/d-x/A_3_2.txt", "A/3/2", NULL, 1, 2 } },
	    root = { "/A_4_1.txt", "A/4/1", NULL, 3, 4 },
	    b = { "/d/A_1_1.txt", "A/1/1/Rev.1", NULL, 101, 2 };
	struct store *s;
	bool done;

	if ((s = open_ok(path, "library")) == NULL)
		return;
	lib_rows_are(s, "/d", "", "no rows at first");
	done = store_library_set(s, "/d", a, 3, &cause) &&
	    store_library_set(s, "/d/sub", &sub, 1, &cause) &&
	    store_library_set(s, "/d0", &alike[0], 1, &cause) &&
	    store_library_set(s, "/d-x", &alike[1], 1, &cause) &&
	    store_library_set(s, "/", &root, 1, &cause);
	ok(done, "library rows set (%s)", cause ? cause : "ok");
	lib_rows_are(s, "/d", "/d/A_1_1.txt=A/1/1:عنوان:100:"
	    "1700000000123456789|/d/notes.txt=-:-:5:6|"
	    "/d/\xff\xfe.txt=A/1/2:-:7:8",
	    "the rows of /d by path as bytes, not those of /d/sub, /d0, /d-x");
	lib_rows_are(s, "/d/", "/d/A_1_1.txt=A/1/1:عنوان:100:"
	    "1700000000123456789|/d/notes.txt=-:-:5:6|"
	    "/d/\xff\xfe.txt=A/1/2:-:7:8", "/d/ is /d");
	lib_rows_are(s, "/d/sub", "/d/sub/A_2_1.txt=A/2/1:-:1:2",
	    "the rows of a subdirectory");
	lib_rows_are(s, "/", "/A_4_1.txt=A/4/1:-:3:4",
	    "the rows of the root directory");
	done = store_library_set(s, "/d", &b, 1, &cause);
	ok(done, "library rows replaced (%s)", cause ? cause : "ok");
	lib_rows_are(s, "/d", "/d/A_1_1.txt=A/1/1/Rev.1:-:101:2",
	    "a row updated, the others forgotten");
	lib_rows_are(s, "/d/sub", "/d/sub/A_2_1.txt=A/2/1:-:1:2",
	    "the subdirectory's rows kept");
	lib_rows_are(s, "/d0", "/d0/A_3_1.txt=A/3/1:-:1:2",
	    "a directory named alike kept (/d0)");
	lib_rows_are(s, "/d-x", "/d-x/A_3_2.txt=A/3/2:-:1:2",
	    "a directory named alike kept (/d-x)");
	done = store_library_set(s, "/d", NULL, 0, &cause);
	ok(done, "no files in /d (%s)", cause ? cause : "ok");
	lib_rows_are(s, "/d", "", "all of /d forgotten");
	sql_is(path, "SELECT count(*) FROM library", "4",
	    "the other directories' rows are there");
	check_ok(s, "library");
	store_close(s);
	free(cause);
	free(path);
}

int
main(void)
{
	double t0 = now_s();
	char *cmd;

	if (mkdtemp(tmpdir) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	test_default_path();
	test_create();
	test_notes();
	test_identity();
	test_merge();
	test_positions_marks();
	test_versions();
	test_migration();
	test_refused();
	test_readonly();
	test_full();
	test_concurrent();
	test_sigkill();
	test_import();
	test_library();
	cmd = xasprintf("chmod -R u+rwX '%s' && rm -rf '%s'", tmpdir, tmpdir);
	fflush(NULL);
	ok(system(cmd) == 0 && !exists(tmpdir), "test directory removed");
	free(cmd);
	printf("# %.2f s\n", now_s() - t0);
	return tap_done();
}
