/*
 * library.c - the documents hamish can open by symbol (see library.h).
 *
 * A library is the text files directly in the directories added to it,
 * each known by its symbol: the one doc_import() finds in the header,
 * else the one of the file name (the importer's own fallback, so that
 * the two never disagree).  Reading a file means importing it, which is
 * slow for a directory of hundreds of documents; so the store keeps
 * what each file held (table library: path, symbol, title, size and
 * modification time) and a file whose size and modification time are
 * those of its row is not read again.  Files that are no document are
 * remembered too (symbol NULL), so that a directory full of other text
 * is not read at every start.  When a directory is indexed its rows are
 * replaced in one transaction, and only if something changed: files
 * gone from it are forgotten then.
 *
 * Without a store, or on a read-only one, the index is only in memory:
 * the library works the same, it just reads the files every time.  A
 * store that fails (full, damaged) costs the cache, never the library.
 *
 * Only files named *.txt are read.  Skipped silently, never in the
 * library nor an error: dot files,
 * anything but regular files (a symbolic link to one is fine), empty
 * files, files over LIB_MAX_SIZE, files that cannot be read, binary
 * files, files without a symbol.  No terminal, no printing.
 */
#include <sys/stat.h>

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "doc.h"
#include "library.h"
#include "doc-pdf.h"
#include "store.h"
#include "util.h"

#define LIB_MAX_SIZE	((int64_t)64 << 20)	/* bytes: larger files are
						   not documents */
#define LIB_SNIFF	4096	/* bytes looked at for a binary file */

/* A document of the library: the public value plus what sorts it. */
struct lib_entry {
	struct library_doc	 doc;	/* owned strings */
	size_t			 dir;	/* index in library.dirs */
};

struct library {
	struct store		*store;	/* borrowed, or NULL */
	char			**dirs;	/* real paths, in the order added */
	size_t			 ndirs;
	struct lib_entry	*v;	/* sorted (entry_cmp()) */
	size_t			 n;
	size_t			 cap;
};

/* st borrowed: it must outlive the library. */
struct library *
library_new(struct store *st)
{
	struct library *lib = xcalloc(1, sizeof *lib);

	lib->store = st;
	return lib;
}

/* NULL is fine. */
void
library_free(struct library *lib)
{
	if (lib == NULL)
		return;
	for (size_t i = 0; i < lib->n; i++) {
		free((char *)lib->v[i].doc.symbol);
		free((char *)lib->v[i].doc.title);
		free((char *)lib->v[i].doc.path);
	}
	free(lib->v);
	for (size_t i = 0; i < lib->ndirs; i++)
		free(lib->dirs[i]);
	free(lib->dirs);
	free(lib);
}

/* --- order --------------------------------------------------------- */

/*
 * Symbols in the order a reader expects: runs of digits by value, so
 * that A/67/20 comes before A/67/150 and Rev.2 before Rev.10; bytes
 * otherwise; a tie (leading zeros) broken by the bytes.
 */
/* Whether a file name ends in ".txt" (any case). */
static bool
is_txt(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && (strcasecmp(name + n - 4, ".txt") == 0 ||
	    strcasecmp(name + n - 4, ".pdf") == 0);
}

static int
symbol_cmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	while (*p != '\0' && *q != '\0') {
		if (*p >= '0' && *p <= '9' && *q >= '0' && *q <= '9') {
			size_t np = 0, nq = 0;
			int d;

			while (*p == '0' && p[1] >= '0' && p[1] <= '9')
				p++;
			while (*q == '0' && q[1] >= '0' && q[1] <= '9')
				q++;
			while (p[np] >= '0' && p[np] <= '9')
				np++;
			while (q[nq] >= '0' && q[nq] <= '9')
				nq++;
			if (np != nq)
				return np < nq ? -1 : 1;
			if ((d = memcmp(p, q, np)) != 0)
				return d;
			p += np;
			q += nq;
			continue;
		}
		if (*p != *q)
			return *p < *q ? -1 : 1;
		p++;
		q++;
	}
	if (*p != *q)
		return *p < *q ? -1 : 1;
	return strcmp(a, b);
}

/* By symbol, then the directory added first, then path. */
static int
entry_cmp(const void *x, const void *y)
{
	const struct lib_entry *a = x, *b = y;
	int d = symbol_cmp(a->doc.symbol, b->doc.symbol);

	if (d != 0)
		return d;
	if (a->dir != b->dir)
		return a->dir < b->dir ? -1 : 1;
	return strcmp(a->doc.path, b->doc.path);
}

/* --- reading a directory ------------------------------------------- */

/* A file found in a directory, as the store keeps it. */
struct lib_files {
	struct store_lib_file	*v;	/* owned strings */
	size_t			 n;
	size_t			 cap;
};

static void
files_add(struct lib_files *fs, const char *path, const char *symbol,
    const char *title, int64_t size, int64_t mtime)
{
	struct store_lib_file *f;

	if (fs->n == fs->cap) {
		fs->cap = fs->cap == 0 ? 16 : fs->cap * 2;
		fs->v = xreallocarray(fs->v, fs->cap, sizeof *fs->v);
	}
	f = &fs->v[fs->n++];
	f->path = xstrdup(path);
	f->symbol = symbol != NULL ? xstrdup(symbol) : NULL;
	f->title = title != NULL ? xstrdup(title) : NULL;
	f->size = size;
	f->mtime = mtime;
}

static int
file_path_cmp(const void *x, const void *y)
{
	const struct store_lib_file *a = x, *b = y;

	return strcmp(a->path, b->path);
}

/*
 * Reads the start of file path: false if it cannot be read (not in the
 * library, and not remembered: its mode may change), else *binary says
 * whether it holds a NUL byte without a UTF-16 byte order mark, which
 * doc_import() would refuse after reading all of it.
 */
static bool
sniff(const char *path, bool *binary)
{
	unsigned char b[LIB_SNIFF];
	struct stat sb;
	ssize_t n;
	int fd;

	*binary = false;
	/* O_NONBLOCK and fstat(): should a FIFO have taken the file's
	 * place since the stat(), this must not hang. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return false;
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return false;
	}
	do
		n = read(fd, b, sizeof b);
	while (n == -1 && errno == EINTR);
	close(fd);
	if (n < 0)
		return false;
	if (n >= 2 && ((b[0] == 0xff && b[1] == 0xfe) ||
	    (b[0] == 0xfe && b[1] == 0xff)))
		return true;
	/* a PDF is a document (doc-pdf.c) whatever bytes it holds */
	*binary = memchr(b, '\0', (size_t)n) != NULL &&
	    !doc_pdf_is((const char *)b, (size_t)n);
	return true;
}

/*
 * Reads file path (size and mtime from its stat) into fs: its symbol
 * and title, or a row without symbol if it is no document.  Files that
 * cannot be read are left out.
 */
static void
file_read(struct lib_files *fs, const char *path, int64_t size,
    int64_t mtime)
{
	struct doc_import_opts opts = { NULL, path, 0, false };
	const struct doc_meta *m;
	struct doc *d;
	char *why = NULL;
	bool binary;

	if (!sniff(path, &binary))
		return;
	if (binary) {
		files_add(fs, path, NULL, NULL, size, mtime);
		return;
	}
	if ((d = doc_import_file(path, &opts, &why)) == NULL) {
		/* not a text, or gone meanwhile: the same to a reader */
		free(why);
		files_add(fs, path, NULL, NULL, size, mtime);
		return;
	}
	m = doc_meta(d);
	files_add(fs, path, m->symbol, m->symbol != NULL ? m->title : NULL,
	    size, mtime);
	doc_free(d);
}

/*
 * Indexes the files directly in directory real (opened as dh) into fs:
 * each from the store's row in cache (n rows sorted by path) when its
 * size and mtime are the same, else read.  *changed: whether fs differs
 * from the cache.  Returns false with *cause if the directory could not
 * be read to the end.
 */
static bool
dir_scan(DIR *dh, const char *real, const struct store_lib_file *cache,
    size_t n, struct lib_files *fs, bool *changed, char **cause)
{
	struct dirent *de;
	size_t hits = 0;

	*changed = false;
	for (;;) {
		const struct store_lib_file *row;
		struct store_lib_file key;
		struct stat sb;
		int64_t mtime;
		char *path;

		errno = 0;
		if ((de = readdir(dh)) == NULL)
			break;
		/*
		 * Only *.txt and *.pdf files.  Above all never open the database or its
		 * -wal and -shm files if they are here: closing any file
		 * descriptor of a file drops every POSIX lock this process
		 * holds on it, and SQLite's locks on the database would go
		 * with it (another process would then take our -wal for
		 * its own to delete).
		 */
		if (de->d_name[0] == '.' || !is_txt(de->d_name))
			continue;
		path = real[1] == '\0' ? xasprintf("/%s", de->d_name) :
		    xasprintf("%s/%s", real, de->d_name);
		if (stat(path, &sb) == -1 || !S_ISREG(sb.st_mode) ||
		    sb.st_size <= 0 || sb.st_size > LIB_MAX_SIZE) {
			free(path);
			continue;
		}
		mtime = (int64_t)sb.st_mtim.tv_sec * 1000000000 +
		    sb.st_mtim.tv_nsec;
		key.path = path;
		row = n == 0 ? NULL : bsearch(&key, cache, n, sizeof *cache,
		    file_path_cmp);
		if (row != NULL)
			hits++;
		if (row != NULL && row->size == (int64_t)sb.st_size &&
		    row->mtime == mtime)
			files_add(fs, path, row->symbol, row->title, row->size,
			    row->mtime);
		else {
			file_read(fs, path, (int64_t)sb.st_size, mtime);
			*changed = true;
		}
		free(path);
	}
	if (errno != 0) {
		*cause = xasprintf("%s: %s", real, strerror(errno));
		return false;
	}
	if (hits != n)
		*changed = true;	/* files gone: forget them */
	return true;
}

/* Adds the documents of fs, from directory number dir, to lib. */
static void
entries_add(struct library *lib, const struct lib_files *fs, size_t dir)
{
	for (size_t i = 0; i < fs->n; i++) {
		const struct store_lib_file *f = &fs->v[i];
		struct lib_entry *e;

		if (f->symbol == NULL)
			continue;
		if (lib->n == lib->cap) {
			lib->cap = lib->cap == 0 ? 64 : lib->cap * 2;
			lib->v = xreallocarray(lib->v, lib->cap,
			    sizeof *lib->v);
		}
		e = &lib->v[lib->n++];
		e->doc.symbol = xstrdup(f->symbol);
		e->doc.title = f->title != NULL ? xstrdup(f->title) : NULL;
		e->doc.path = xstrdup(f->path);
		e->dir = dir;
	}
	if (lib->n > 1)
		qsort(lib->v, lib->n, sizeof *lib->v, entry_cmp);
}

/*
 * dir borrowed (the library keeps its real path).  A store that cannot
 * be read or written does not keep the directory's documents out of the
 * library: they are added, and false returned with the store's *cause.
 */
bool
library_add_dir(struct library *lib, const char *dir, char **cause)
{
	struct store_lib_file *cache = NULL;
	struct lib_files fs = { NULL, 0, 0 };
	char *real, *err = NULL;
	size_t ncache = 0;
	bool changed, ok;
	DIR *dh;

	assert(lib != NULL && dir != NULL && cause != NULL);
	*cause = NULL;
	if ((real = realpath(dir, NULL)) == NULL) {
		if (errno == ENOENT || errno == ENOTDIR)
			return true;	/* no such directory (yet) */
		*cause = xasprintf("%s: %s", dir, strerror(errno));
		return false;
	}
	for (size_t i = 0; i < lib->ndirs; i++)
		if (strcmp(lib->dirs[i], real) == 0) {
			free(real);
			return true;
		}
	if ((dh = opendir(real)) == NULL) {
		ok = errno == ENOENT;
		if (!ok)
			*cause = xasprintf("%s: %s", dir, strerror(errno));
		free(real);
		return ok;
	}
	if (lib->store != NULL && !store_library_list(lib->store, real,
	    &cache, &ncache, &err)) {
		cache = NULL;	/* read everything */
		ncache = 0;
	}
	ok = dir_scan(dh, real, cache, ncache, &fs, &changed, cause);
	closedir(dh);
	if (!ok) {
		store_library_free(cache, ncache);
		store_library_free(fs.v, fs.n);
		free(real);
		free(err);
		return false;
	}
	/* A failed read of the cache leaves nothing worth overwriting. */
	if (changed && err == NULL && lib->store != NULL &&
	    !store_readonly(lib->store))
		(void)store_library_set(lib->store, real, fs.v, fs.n, &err);
	lib->dirs = xreallocarray(lib->dirs, lib->ndirs + 1,
	    sizeof *lib->dirs);
	lib->dirs[lib->ndirs] = real;
	entries_add(lib, &fs, lib->ndirs++);
	store_library_free(cache, ncache);
	store_library_free(fs.v, fs.n);
	*cause = err;
	return err == NULL;
}

/* --- looking up ---------------------------------------------------- */

size_t
library_count(const struct library *lib)
{
	return lib->n;
}

/* Borrowed: valid until the next library_add_dir() or library_free(). */
const struct library_doc *
library_get(const struct library *lib, size_t i)
{
	assert(i < lib->n);
	return &lib->v[i].doc;
}

/*
 * If s is "/Rev.N" and nothing else (N decimal digits), N; else -1.
 * Absurdly long numbers count as not a revision.
 */
static long
rev_number(const char *s)
{
	long n = 0;

	if (strncmp(s, "/Rev.", 5) != 0 || s[5] == '\0')
		return -1;
	for (s += 5; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || n > (LONG_MAX - 9) / 10)
			return -1;
		n = n * 10 + (*s - '0');
	}
	return n;
}

/* Does symbol end in /Rev.N? */
static bool
has_rev(const char *symbol)
{
	const char *p = strstr(symbol, "/Rev.");

	for (; p != NULL; p = strstr(p + 1, "/Rev."))
		if (rev_number(p) >= 0)
			return true;
	return false;
}

/*
 * Borrowed: valid until the next library_add_dir() or library_free().
 * Symbols compare exactly (UN symbols are upper case as printed).  Of
 * files with the same symbol the one of the directory added first wins.
 */
const char *
library_find(const struct library *lib, const char *symbol)
{
	const struct lib_entry *best = NULL;
	long best_rev = -1;
	size_t len;

	assert(lib != NULL && symbol != NULL);
	for (size_t i = 0; i < lib->n; i++)
		if (strcmp(lib->v[i].doc.symbol, symbol) == 0)
			return lib->v[i].doc.path;
	if (*symbol == '\0' || has_rev(symbol))
		return NULL;
	len = strlen(symbol);
	for (size_t i = 0; i < lib->n; i++) {
		const char *s = lib->v[i].doc.symbol;
		long rev;

		if (strncmp(s, symbol, len) != 0 ||
		    (rev = rev_number(s + len)) < 0)
			continue;
		if (rev > best_rev) {
			best_rev = rev;
			best = &lib->v[i];
		}
	}
	return best != NULL ? best->doc.path : NULL;
}

/* Caller frees. */
char *
library_symbol_from_name(const char *name)
{
	assert(name != NULL);
	return doc_symbol_from_name(name);
}
