/*
 * test-library.c - the library on real files and real stores: symbols
 * from headers and from file names, what is skipped, directories added
 * twice or missing, the store as a cache (a file whose size and mtime
 * did not change is not read again, removed files are forgotten, other
 * directories' rows are kept), lookups by symbol and latest revision,
 * the order of the list, and the library without a store and over a
 * read-only one.
 *
 * Every file lives in a mkdtemp() directory removed at the end.  The
 * read-only case runs in a child that, when the test runs as root
 * (whom file modes do not stop), first becomes nobody.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "library.h"
#include "store.h"
#include "tap.h"
#include "child.h"
#include "util.h"


static char tmpdir[] = "/tmp/hamish-test-library.XXXXXX";
static char *realtmp;	/* tmpdir as realpath() spells it */

/* A document whose header names symbol (NULL: none) and whose title is
 * "تعزيز التعاون الدولي". */
static char *
doc_text(const char *symbol)
{
	return xasprintf("%s%s"
	    "Distr.: Limited\n1 April 2024\nArabic\nOriginal: English\n\n"
	    "مجلس حقوق الإنسان\nالدورة الخامسة والخمسون\n"
	    "البند 3 من جدول الأعمال\nتعزيز جميع حقوق الإنسان\n\n"
	    "تعزيز التعاون الدولي\n\nإن مجلس حقوق الإنسان،\n\n"
	    "1 - يرحب بالتقرير؛\n", symbol != NULL ? symbol : "",
	    symbol != NULL ? "\n\n" : "");
}

/* A path in the test directory (caller frees). */
static char *
tpath(const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	buf_init(&b);
	buf_adds(&b, tmpdir);
	buf_addc(&b, '/');
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return buf_steal(&b);
}

/* The path library_get() gives for dir/name (caller frees). */
static char *
rpath(const char *dir, const char *name)
{
	return xasprintf("%s/%s/%s", realtmp, dir, name);
}

static void
write_file(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd == -1 || write(fd, data, len) != (ssize_t)len)
		printf("# write %s: %s\n", path, strerror(errno));
	if (fd != -1)
		close(fd);
}

/* dir/name holds a document with this header symbol (NULL: none). */
static void
put_doc(const char *dir, const char *name, const char *symbol)
{
	char *path = tpath("%s/%s", dir, name), *text = doc_text(symbol);

	write_file(path, text, strlen(text));
	free(text);
	free(path);
}

static void
put_text(const char *dir, const char *name, const char *text)
{
	char *path = tpath("%s/%s", dir, name);

	write_file(path, text, strlen(text));
	free(path);
}

static void
mkdir_t(const char *name)
{
	char *path = tpath("%s", name);

	if (mkdir(path, 0755) == -1)
		printf("# mkdir %s: %s\n", path, strerror(errno));
	chmod(path, 0755);
	free(path);
}

/* Adds tmpdir/dir to lib; ok() if it works without a cause. */
static void
add_ok(struct library *lib, const char *dir, const char *what)
{
	char *path = tpath("%s", dir), *cause = NULL;
	bool added = library_add_dir(lib, path, &cause);

	ok(added && cause == NULL, "%s: added (%s)", what,
	    cause != NULL ? cause : "no cause");
	free(cause);
	free(path);
}

/* The symbols of lib, one line, "|" between them (caller frees). */
static char *
symbols(const struct library *lib)
{
	struct buf b;

	buf_init(&b);
	buf_adds(&b, "");
	for (size_t i = 0; i < library_count(lib); i++) {
		if (i > 0)
			buf_addc(&b, '|');
		buf_adds(&b, library_get(lib, i)->symbol);
	}
	return buf_steal(&b);
}

static void
symbols_are(const struct library *lib, const char *want, const char *what)
{
	char *got = symbols(lib);

	is_str(got, want, "%s", what);
	free(got);
}

/* The document of lib with this path, or NULL. */
static const struct library_doc *
by_path(const struct library *lib, const char *path)
{
	for (size_t i = 0; i < library_count(lib); i++)
		if (strcmp(library_get(lib, i)->path, path) == 0)
			return library_get(lib, i);
	return NULL;
}

/* Is library_find(symbol) the file dir/name (NULL: none)? */
static void
find_is(const struct library *lib, const char *symbol, const char *dir,
    const char *name)
{
	const char *got = library_find(lib, symbol);
	char *want;

	if (name == NULL) {
		ok(got == NULL, "find %s: none (%s)", symbol,
		    got != NULL ? got : "none");
		return;
	}
	want = rpath(dir, name);
	is_str(got, want, "find %s: %s", symbol, name);
	free(want);
}

/* The store's rows for tmpdir/dir: "name=symbol" with "-" for none,
 * "|" between them (caller frees). */
static char *
rows(struct store *st, const char *dir)
{
	struct store_lib_file *f;
	char *real = xasprintf("%s/%s", realtmp, dir), *cause = NULL;
	struct buf b;
	size_t n;

	buf_init(&b);
	buf_adds(&b, "");
	if (!store_library_list(st, real, &f, &n, &cause)) {
		buf_addf(&b, "error: %s", cause);
		free(cause);
		free(real);
		return buf_steal(&b);
	}
	for (size_t i = 0; i < n; i++) {
		const char *name = strrchr(f[i].path, '/') + 1;

		buf_addf(&b, "%s%s=%s", i > 0 ? "|" : "", name,
		    f[i].symbol != NULL ? f[i].symbol : "-");
	}
	store_library_free(f, n);
	free(real);
	return buf_steal(&b);
}

static void
rows_are(struct store *st, const char *dir, const char *want,
    const char *what)
{
	char *got = rows(st, dir);

	is_str(got, want, "%s", what);
	free(got);
}

static struct store *
store_ok(const char *name)
{
	char *path = tpath("%s", name), *cause = NULL;
	struct store *st = store_open(path, &cause);

	ok(st != NULL, "store %s opened (%s)", name, cause ? cause : "ok");
	free(cause);
	free(path);
	return st;
}

/* --- symbols from file names --------------------------------------- */

static void
name_is(const char *name, const char *want)
{
	char *got = library_symbol_from_name(name);

	if (want == NULL)
		ok(got == NULL, "%s: no symbol (%s)", name,
		    got != NULL ? got : "none");
	else
		is_str(got, want, "%s spells %s", name, want);
	free(got);
}

static void
test_names(void)
{
	name_is("A_67_150.txt", "A/67/150");
	name_is("A_C.3_79_L.25_Rev.1.txt", "A/C.3/79/L.25/Rev.1");
	name_is("/some/where/A_HRC_55_L.3.txt", "A/HRC/55/L.3");
	name_is("S_2024_10", "S/2024/10");
	name_is("notes.txt", NULL);
	name_is("README", NULL);
	name_is("a_67_150.txt", NULL);
	name_is("A_B_C.txt", NULL);
	name_is("", NULL);
}

/* --- one directory, no store --------------------------------------- */

static void
test_dir(void)
{
	struct library *lib = library_new(NULL);
	const struct library_doc *d;
	char *path, *cause = NULL, bin[64];
	bool added;
	int fd;

	mkdir_t("one");
	mkdir_t("one/A_1_4.txt");	/* a directory named like a document */
	put_doc("one", "hdr.txt", "A/HRC/55/L.3");
	put_doc("one", "A_67_150.txt", NULL);
	put_doc("one", "A_C.3_79_L.25_Rev.1.txt", NULL);
	put_doc("one", "A_99_1.txt", "A/99/2");	/* the header wins */
	put_text("one", "notes.txt", "Some notes about nothing.\n");
	put_text("one", "A_1_3.txt", "");		/* empty */
	put_doc("one", ".A_1_6.txt", NULL);		/* a dot file */
	put_doc("one", "A_1_8.text", NULL);		/* not *.txt */
	put_doc("one/A_1_4.txt", "A_1_5.txt", NULL);	/* not recursive */
	memset(bin, 'x', sizeof bin);
	bin[10] = '\0';
	path = tpath("one/A_1_2.txt");
	write_file(path, bin, sizeof bin);		/* binary */
	free(path);
	/* Over 64 MB (sparse): not even looked at. */
	path = tpath("one/A_1_9.txt");
	if ((fd = open(path, O_WRONLY | O_CREAT, 0644)) == -1 ||
	    ftruncate(fd, ((off_t)64 << 20) + 1) == -1)
		printf("# %s: %s\n", path, strerror(errno));
	if (fd != -1)
		close(fd);
	free(path);

	is_int(library_count(lib), 0, "a new library is empty");
	add_ok(lib, "one", "no store");
	symbols_are(lib, "A/67/150|A/99/2|A/C.3/79/L.25/Rev.1|A/HRC/55/L.3",
	    "the documents, by symbol; the rest skipped");
	path = rpath("one", "hdr.txt");
	d = by_path(lib, path);
	ok(d != NULL && strcmp(d->symbol, "A/HRC/55/L.3") == 0,
	    "symbol from the header");
	is_str(d != NULL ? d->title : NULL, "تعزيز التعاون الدولي",
	    "title from the header");
	free(path);
	path = rpath("one", "A_67_150.txt");
	d = by_path(lib, path);
	ok(d != NULL && strcmp(d->symbol, "A/67/150") == 0,
	    "symbol from the file name A_67_150.txt");
	free(path);
	path = rpath("one", "A_99_1.txt");
	d = by_path(lib, path);
	ok(d != NULL && strcmp(d->symbol, "A/99/2") == 0,
	    "the header's symbol before the file name's");
	free(path);
	find_is(lib, "A/C.3/79/L.25/Rev.1", "one", "A_C.3_79_L.25_Rev.1.txt");
	ok(library_get(lib, 0)->path[0] == '/', "paths are absolute");

	/* Again, under other spellings: nothing new. */
	add_ok(lib, "one", "the same directory again");
	add_ok(lib, "one/", "the same directory with a slash");
	add_ok(lib, "one/../one/.", "the same directory by another path");
	is_int(library_count(lib), 4, "adding it again adds nothing");

	add_ok(lib, "no-such-dir", "a directory that does not exist");
	add_ok(lib, "one/notes.txt/x", "a path under a file");
	is_int(library_count(lib), 4, "nothing added by them");
	path = tpath("one/notes.txt");
	added = library_add_dir(lib, path, &cause);
	ok(!added && cause != NULL && strstr(cause, "notes.txt") != NULL,
	    "a file is no directory: %s", cause != NULL ? cause : "no cause");
	free(cause);
	free(path);
	is_int(library_count(lib), 4, "the failure changes nothing");
	library_free(lib);
	library_free(NULL);
}

/* --- lookups and order --------------------------------------------- */

static void
test_find(void)
{
	struct library *lib = library_new(NULL);

	mkdir_t("find");
	mkdir_t("find2");
	put_doc("find", "A_C.3_79_L.25.txt", NULL);
	put_doc("find", "A_C.3_79_L.25_Rev.1.txt", NULL);
	put_doc("find", "A_C.3_79_L.26_Rev.1.txt", NULL);
	put_doc("find", "A_C.3_79_L.26_Rev.2.txt", NULL);
	put_doc("find", "A_C.3_79_L.27_Rev.2.txt", NULL);
	put_doc("find", "A_C.3_79_L.27_Rev.10.txt", NULL);
	put_doc("find", "A_C.3_79_L.28_Rev.1_Add.1.txt", NULL);
	put_doc("find", "A_67_150.txt", NULL);
	put_doc("find", "A_67_20.txt", NULL);
	put_doc("find", "A_67_3.txt", NULL);
	/* the same symbols in a directory added later */
	put_doc("find2", "A_C.3_79_L.25.txt", NULL);
	put_doc("find2", "A_C.3_79_L.27_Rev.10.txt", NULL);
	put_doc("find2", "A_C.3_79_L.29_Rev.3.txt", NULL);

	add_ok(lib, "find", "find");
	add_ok(lib, "find2", "find2");
	symbols_are(lib, "A/67/3|A/67/20|A/67/150|A/C.3/79/L.25|"
	    "A/C.3/79/L.25|A/C.3/79/L.25/Rev.1|A/C.3/79/L.26/Rev.1|"
	    "A/C.3/79/L.26/Rev.2|A/C.3/79/L.27/Rev.2|A/C.3/79/L.27/Rev.10|"
	    "A/C.3/79/L.27/Rev.10|A/C.3/79/L.28/Rev.1/Add.1|"
	    "A/C.3/79/L.29/Rev.3",
	    "sorted by symbol, numbers by value, duplicates kept");
	find_is(lib, "A/67/20", "find", "A_67_20.txt");
	find_is(lib, "A/C.3/79/L.25", "find", "A_C.3_79_L.25.txt");
	find_is(lib, "A/C.3/79/L.25/Rev.1", "find", "A_C.3_79_L.25_Rev.1.txt");
	find_is(lib, "A/C.3/79/L.26", "find", "A_C.3_79_L.26_Rev.2.txt");
	find_is(lib, "A/C.3/79/L.27", "find", "A_C.3_79_L.27_Rev.10.txt");
	find_is(lib, "A/C.3/79/L.29", "find2", "A_C.3_79_L.29_Rev.3.txt");
	find_is(lib, "A/C.3/79/L.26/Rev.3", NULL, NULL);
	find_is(lib, "A/C.3/79/L.28", NULL, NULL);
	find_is(lib, "A/C.3/79/L.2", NULL, NULL);
	find_is(lib, "a/c.3/79/l.25", NULL, NULL);
	find_is(lib, "A/67", NULL, NULL);
	find_is(lib, "", NULL, NULL);
	library_free(lib);
}

/* --- the store as a cache ------------------------------------------ */

/* Overwrites path in place with as many bytes of garbage, keeping its
 * modification time. */
static void
garble(const char *path)
{
	struct timespec t[2];
	struct stat sb;
	char *junk;
	int fd;

	if (stat(path, &sb) == -1) {
		printf("# stat %s: %s\n", path, strerror(errno));
		return;
	}
	junk = xmalloc((size_t)sb.st_size);
	for (off_t i = 0; i < sb.st_size; i++)
		junk[i] = (char)(i * 7919 % 251);
	if ((fd = open(path, O_WRONLY)) == -1 ||
	    write(fd, junk, (size_t)sb.st_size) != (ssize_t)sb.st_size)
		printf("# garble %s: %s\n", path, strerror(errno));
	if (fd != -1)
		close(fd);
	t[0] = sb.st_atim;
	t[1] = sb.st_mtim;
	if (utimensat(AT_FDCWD, path, t, 0) == -1)
		printf("# utimensat %s: %s\n", path, strerror(errno));
	free(junk);
}

/* Sets the modification time of path one second later. */
static void
touch_later(const char *path)
{
	struct timespec t[2];
	struct stat sb;

	if (stat(path, &sb) == -1)
		return;
	t[0] = sb.st_atim;
	t[1] = sb.st_mtim;
	t[1].tv_sec++;
	if (utimensat(AT_FDCWD, path, t, 0) == -1)
		printf("# utimensat %s: %s\n", path, strerror(errno));
}

static void
test_cache(void)
{
	struct library *lib;
	struct store *st;
	char *path, *hdr = tpath("lib/hdr.txt"), *real;
	const struct library_doc *d;
	char bin[64];

	mkdir_t("lib");
	mkdir_t("lib/sub");
	mkdir_t("lib0");
	put_doc("lib", "hdr.txt", "A/HRC/55/L.3");
	put_doc("lib", "A_67_150.txt", NULL);
	put_doc("lib", "A_67_151.txt", NULL);
	put_text("lib", "notes.txt", "Some notes about nothing.\n");
	put_text("lib", "A_1_3.txt", "");
	memset(bin, 'x', sizeof bin);
	bin[1] = '\0';
	path = tpath("lib/A_1_2.txt");
	write_file(path, bin, sizeof bin);
	free(path);
	put_doc("lib/sub", "A_2_1.txt", NULL);
	put_doc("lib0", "A_3_1.txt", NULL);
	if ((st = store_ok("cache.db")) == NULL)
		return;

	lib = library_new(st);
	add_ok(lib, "lib/sub", "lib/sub");
	add_ok(lib, "lib0", "lib0");
	add_ok(lib, "lib", "lib, first time");
	symbols_are(lib, "A/2/1|A/3/1|A/67/150|A/67/151|A/HRC/55/L.3",
	    "three directories");
	library_free(lib);
	rows_are(st, "lib", "A_1_2.txt=-|A_67_150.txt=A/67/150|"
	    "A_67_151.txt=A/67/151|hdr.txt=A/HRC/55/L.3|notes.txt=-",
	    "the store's rows for lib: non-documents too, not empty files "
	    "nor subdirectories");
	rows_are(st, "lib/sub", "A_2_1.txt=A/2/1", "the rows of lib/sub");
	rows_are(st, "lib0", "A_3_1.txt=A/3/1", "the rows of lib0");
	rows_are(st, "nothing", "", "no rows for an unknown directory");

	/* The same size and mtime: the row is believed, not the file. */
	garble(hdr);
	lib = library_new(st);
	add_ok(lib, "lib", "lib, a file garbled in place");
	d = by_path(lib, (real = rpath("lib", "hdr.txt")));
	ok(d != NULL && strcmp(d->symbol, "A/HRC/55/L.3") == 0 && d->title &&
	    strcmp(d->title, "تعزيز التعاون الدولي") == 0,
	    "an unchanged size and mtime: symbol and title from the store");
	library_free(lib);

	/* A later mtime: read again, it is no document any more. */
	touch_later(hdr);
	lib = library_new(st);
	add_ok(lib, "lib", "lib, the garbled file touched");
	ok(by_path(lib, real) == NULL, "a changed file is read again");
	symbols_are(lib, "A/67/150|A/67/151", "the garbled file is gone");
	library_free(lib);
	rows_are(st, "lib", "A_1_2.txt=-|A_67_150.txt=A/67/150|"
	    "A_67_151.txt=A/67/151|hdr.txt=-|notes.txt=-",
	    "its row says it is no document");

	/* A removed file is forgotten, a new one added, the rest kept. */
	path = tpath("lib/A_67_151.txt");
	unlink(path);
	free(path);
	put_doc("lib", "A_67_152.txt", NULL);
	lib = library_new(st);
	add_ok(lib, "lib", "lib, a file removed and one added");
	symbols_are(lib, "A/67/150|A/67/152", "removed and added files");
	library_free(lib);
	rows_are(st, "lib", "A_1_2.txt=-|A_67_150.txt=A/67/150|"
	    "A_67_152.txt=A/67/152|hdr.txt=-|notes.txt=-",
	    "the removed file's row is gone, the new one's there");
	rows_are(st, "lib/sub", "A_2_1.txt=A/2/1",
	    "the rows of a subdirectory are kept");
	rows_are(st, "lib0", "A_3_1.txt=A/3/1",
	    "the rows of a directory named alike are kept");

	/* A directory emptied: all its rows forgotten. */
	path = tpath("lib0/A_3_1.txt");
	unlink(path);
	free(path);
	lib = library_new(st);
	add_ok(lib, "lib0", "lib0 emptied");
	is_int(library_count(lib), 0, "lib0 has no documents");
	library_free(lib);
	rows_are(st, "lib0", "", "lib0's rows forgotten");
	store_close(st);
	free(real);
	free(hdr);
}

/* --- a read-only store: checks run in a child ---------------------- */

static void
ro_checks(const char *db)
{
	struct library *lib;
	struct store *st;
	char *cause = NULL, *dir = tpath("rolib"), *got;
	char *hdr = rpath("rolib", "hdr.txt");
	const struct library_doc *d;
	bool added;

	child_ok(drop_root(), "running as a user file modes apply to");
	st = store_open(db, &cause);
	child_ok(st != NULL && store_readonly(st), "the store is read-only "
	    "(%s)", cause != NULL ? cause : "ok");
	free(cause);
	cause = NULL;
	if (st == NULL)
		_exit(0);
	lib = library_new(st);
	added = library_add_dir(lib, dir, &cause);
	child_ok(added && cause == NULL, "read-only store: the directory is "
	    "added (%s)", cause != NULL ? cause : "no cause");
	free(cause);
	cause = NULL;
	got = symbols(lib);
	child_ok(strcmp(got, "A/67/150|A/67/152|A/HRC/55/L.3") == 0,
	    "read-only store: new files read, removed ones gone, "
	    "unreadable ones skipped: %s", got);
	free(got);
	d = by_path(lib, hdr);
	child_ok(d != NULL && strcmp(d->symbol, "A/HRC/55/L.3") == 0,
	    "read-only store: its rows are used");
	child_ok(library_add_dir(lib, dir, &cause) &&
	    library_count(lib) == 3, "read-only store: added again, "
	    "nothing new");
	free(cause);
	library_free(lib);
	store_close(st);
	free(hdr);
	free(dir);
}

static void
ro_child(void *arg)
{
	ro_checks(arg);
}

/* The checks of ro_checks() on the store db, run as nobody. */
static void
ro_run(const char *db)
{
	child_run(ro_child, (void *)db, "read-only store");
}

/* The bytes of a file (caller frees), NULL if unreadable. */
static char *
slurp(const char *path, size_t *len)
{
	char *data = NULL, *cause = NULL;

	if (util_file_read(path, &data, len, &cause) != 0) {
		free(cause);
		return NULL;
	}
	return data;
}

static void
test_readonly(void)
{
	char *rodir = tpath("ro"), *db = tpath("ro/hamish.db"), *path;
	char *before, *after;
	size_t nb = 0, na = 0;
	struct library *lib;
	struct store *st;

	mkdir_t("ro");
	mkdir_t("rolib");
	put_doc("rolib", "hdr.txt", "A/HRC/55/L.3");
	put_doc("rolib", "A_67_150.txt", NULL);
	put_doc("rolib", "A_67_151.txt", NULL);
	if ((st = store_ok("ro/hamish.db")) == NULL)
		return;
	lib = library_new(st);
	add_ok(lib, "rolib", "rolib into a writable store");
	library_free(lib);
	store_close(st);

	/* After the store was made: one file gone, one new, one garbled
	 * (the store knows better), one nobody may read. */
	path = tpath("rolib/A_67_151.txt");
	unlink(path);
	free(path);
	put_doc("rolib", "A_67_152.txt", NULL);
	path = tpath("rolib/hdr.txt");
	garble(path);
	free(path);
	put_doc("rolib", "A_67_153.txt", NULL);
	path = tpath("rolib/A_67_153.txt");
	chmod(path, 0);
	free(path);

	chmod(tmpdir, 0711);
	if (geteuid() == 0 && (chown(rodir, NOBODY, NOBODY) == -1 ||
	    chown(db, NOBODY, NOBODY) == -1))
		printf("# chown: %s\n", strerror(errno));
	chmod(db, 0400);
	before = slurp(db, &nb);
	ro_run(db);
	after = slurp(db, &na);
	ok(before != NULL && after != NULL && nb == na &&
	    memcmp(before, after, nb) == 0, "the read-only store is unchanged");
	free(before);
	free(after);
	free(rodir);
	free(db);
}

int
main(void)
{
	char *cmd;

	if (mkdtemp(tmpdir) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	if ((realtmp = realpath(tmpdir, NULL)) == NULL) {
		printf("Bail out! realpath: %s\n", strerror(errno));
		return 1;
	}
	test_names();
	test_dir();
	test_find();
	test_cache();
	test_readonly();
	cmd = xasprintf("chmod -R u+rwX '%s' && rm -rf '%s'", tmpdir, tmpdir);
	fflush(NULL);
	ok(system(cmd) == 0 && access(tmpdir, F_OK) == -1,
	    "test directory removed");
	free(cmd);
	free(realtmp);
	return tap_done();
}
