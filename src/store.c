/*
 * store.c - the user's annotations, bookmarks and reading positions in
 * one SQLite file, and the library's index (see store.h for the
 * contract).
 *
 * The only file of hamish that includes sqlite3.h.  It knows rows, not
 * documents: anchoring is anchor.c's business, deciding what to store is
 * notes.c's.  It never prints and never exits: every failure is a
 * caller-freed one-line *cause.
 *
 * Durability and sharing: the file is in WAL mode with synchronous=FULL,
 * so a commit is on the disk when the call returns; every change is one
 * BEGIN IMMEDIATE transaction, so a second process waits for the write
 * lock (busy_wait()) instead of failing half-way with "database is
 * locked".  Nothing is written before the file has been read and found
 * to be a hamish database of a schema this build knows: a text file, a
 * damaged database, another program's database or one from a newer
 * hamish is left byte for byte as it was.
 *
 * A file that cannot be written (its mode, a read-only directory or file
 * system) is opened read-only.  In WAL mode even a reader needs the -shm
 * file; a reader that created it would leave it with the mode of the
 * database (0400), and later writers would fail on it.  So when there is
 * no WAL content to read, a read-only store is opened with immutable=1:
 * SQLite then reads the main file alone and creates nothing.
 */
#include <sys/stat.h>

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "anchor.h"
#include "store.h"
#include "text.h"
#include "util.h"

#define STORE_APP_ID	1214344553	/* "Hami", PRAGMA application_id */
#define STORE_BUSY_MS	10000		/* wait this long for a writer that
					   makes no progress */

/* The current time as the store writes it: ISO 8601 UTC, milliseconds. */
#define NOW	"strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

#define STORE_STMT_CACHE	32

struct store {
	sqlite3		*db;
	char		*path;
	char		*wal;		/* path of the -wal file */
	bool		 readonly;
	char		*ro_why;	/* why a writable file was opened
					   read-only (a full disk), or NULL */
	bool		 was_empty;	/* see store_was_empty() */
	bool		 fresh;		/* no schema when probed: made here */
	int		 rc;		/* SQLite code of the last failure */
	/* busy_wait(): when another writer was last seen progressing */
	struct timespec	 busy_since;
	struct timespec	 wal_mtime;
	off_t		 wal_size;
	/* Statements kept prepared between calls (see prepv()). */
	struct {
		sqlite3_stmt	*st;
		bool		 busy;	/* handed out, not yet stmt_done() */
	} cache[STORE_STMT_CACHE];
};

/* --- schema -------------------------------------------------------- */

/*
 * Migration i takes a file from user_version i to i + 1; migrate() runs
 * each in its own transaction with the user_version update.  Never edit
 * one that has shipped: add the next.  The documents' family is unique
 * (store_doc_open() matches by it); anchors are unique per annotation
 * and version, and that index also serves "the anchors of an
 * annotation".
 */
static const char schema_1[] =
	"PRAGMA application_id = 1214344553;\n"
	"CREATE TABLE documents (\n"
	"	id		INTEGER PRIMARY KEY,\n"
	"	family		TEXT UNIQUE,\n"
	"	title		TEXT,\n"
	"	last_version	INTEGER REFERENCES versions(id),\n"
	"	last_path	TEXT,\n"
	"	created		TEXT NOT NULL,\n"
	"	seen		TEXT\n"
	");\n"
	"CREATE INDEX documents_title ON documents(title)\n"
	"	WHERE family IS NULL;\n"
	"CREATE TABLE versions (\n"
	"	id		INTEGER PRIMARY KEY,\n"
	"	document_id	INTEGER NOT NULL REFERENCES documents(id),\n"
	"	text_hash	TEXT NOT NULL UNIQUE,\n"
	"	symbol		TEXT,\n"
	"	first_seen	TEXT NOT NULL,\n"
	"	last_seen	TEXT\n"
	");\n"
	"CREATE INDEX versions_document ON versions(document_id);\n"
	"CREATE TABLE paths (\n"
	"	id		INTEGER PRIMARY KEY,\n"
	"	path		TEXT NOT NULL UNIQUE,\n"
	"	document_id	INTEGER NOT NULL REFERENCES documents(id),\n"
	"	version_id	INTEGER NOT NULL REFERENCES versions(id),\n"
	"	seen		TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX paths_document ON paths(document_id);\n"
	"CREATE TABLE annotations (\n"
	"	id		INTEGER PRIMARY KEY,\n"
	"	uuid		TEXT NOT NULL UNIQUE,\n"
	"	document_id	INTEGER NOT NULL REFERENCES documents(id),\n"
	"	style		TEXT,\n"
	"	note		TEXT,\n"
	"	created		TEXT NOT NULL,\n"
	"	modified	TEXT NOT NULL,\n"
	"	deleted		INTEGER NOT NULL DEFAULT 0\n"
	"			CHECK (deleted IN (0, 1))\n"
	");\n"
	"CREATE INDEX annotations_document\n"
	"	ON annotations(document_id, created, id);\n"
	"CREATE TABLE anchors (\n"
	"	id		INTEGER PRIMARY KEY,\n"
	"	annotation_id	INTEGER NOT NULL\n"
	"			REFERENCES annotations(id) ON DELETE CASCADE,\n"
	"	version_id	INTEGER NOT NULL REFERENCES versions(id),\n"
	"	para		TEXT,\n"
	"	block		INTEGER NOT NULL,\n"
	"	start_cp	INTEGER NOT NULL,\n"
	"	end_cp		INTEGER NOT NULL,\n"
	"	whole		INTEGER NOT NULL DEFAULT 0,\n"
	"	exact		TEXT NOT NULL,\n"
	"	prefix		TEXT NOT NULL DEFAULT '',\n"
	"	suffix		TEXT NOT NULL DEFAULT '',\n"
	"	para_fp		TEXT,\n"
	"	doc_hash	TEXT,\n"
	"	status		TEXT NOT NULL,\n"
	"	score		REAL NOT NULL,\n"
	"	placed		TEXT NOT NULL,\n"
	"	UNIQUE (annotation_id, version_id)\n"
	");\n";

/* Schema 2: reading positions (columns of documents) and bookmarks. */
static const char schema_2[] =
	"ALTER TABLE documents ADD COLUMN pos_para TEXT;\n"
	"ALTER TABLE documents ADD COLUMN pos_block INTEGER;\n"
	"ALTER TABLE documents ADD COLUMN pos_cp INTEGER;\n"
	"ALTER TABLE documents ADD COLUMN pos_time TEXT;\n"
	"CREATE TABLE marks (\n"
	"	id		INTEGER PRIMARY KEY,\n"
	"	letter		TEXT NOT NULL CHECK (length(letter) = 1 AND\n"
	"			    (letter BETWEEN 'a' AND 'z' OR\n"
	"			    letter BETWEEN 'A' AND 'Z')),\n"
	"	document_id	INTEGER NOT NULL REFERENCES documents(id),\n"
	"	para		TEXT,\n"
	"	block		INTEGER NOT NULL,\n"
	"	cp		INTEGER NOT NULL,\n"
	"	modified	TEXT NOT NULL\n"
	");\n"
	"CREATE UNIQUE INDEX marks_local ON marks(document_id, letter)\n"
	"	WHERE letter BETWEEN 'a' AND 'z';\n"
	"CREATE UNIQUE INDEX marks_global ON marks(letter)\n"
	"	WHERE letter BETWEEN 'A' AND 'Z';\n"
	"CREATE INDEX marks_document ON marks(document_id);\n";

/*
 * Schema 3: the library's index (library.c), a cache of what the files
 * of the library directories hold: a row per file read, symbol NULL for
 * a file that is no document.  By path, which also serves "the files of
 * a directory" (a range of paths); by symbol for lookups.
 */
static const char schema_3[] =
	"CREATE TABLE library (\n"
	"	path		TEXT NOT NULL PRIMARY KEY,\n"
	"	symbol		TEXT,\n"
	"	title		TEXT,\n"
	"	size		INTEGER NOT NULL,\n"
	"	mtime		INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX library_symbol ON library(symbol);\n";

/*
 * Schema 4: what each version's text is like (anchor_doc_sketch()), so
 * that a file giving a document's symbol is taken for it only when the
 * texts agree; NULL for versions seen before.
 */
static const char schema_4[] =
	"ALTER TABLE versions ADD COLUMN sketch TEXT;\n";

static const char *const migrations[] = { schema_1, schema_2, schema_3,
    schema_4 };

_Static_assert(UTIL_NELEM(migrations) == STORE_SCHEMA,
    "one migration per schema version");

/*
 * A version 4 UUID from 16 random bytes: the version nibble set to 4,
 * the variant nibble to 8, 9, a or b.  MATERIALIZED so that the random
 * bytes are drawn once, not once per use of h.
 */
static const char uuid_sql[] =
	"WITH r(h) AS MATERIALIZED (SELECT lower(hex(randomblob(16))))\n"
	"SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' ||\n"
	"    substr(h, 14, 3) || '-' ||\n"
	"    substr('89ab', (instr('0123456789abcdef', substr(h, 17, 1))\n"
	"    - 1) % 4 + 1, 1) || substr(h, 18, 3) || '-' ||\n"
	"    substr(h, 21, 12) FROM r";

/* --- errors and statements ----------------------------------------- */

/*
 * Stores msg (transferred) in *cause unless a cause is already there,
 * made one line (SQLite's integrity_check reports span several).
 */
static void
set_cause(char **cause, char *msg)
{
	if (*cause != NULL) {
		free(msg);
		return;
	}
	for (char *p = msg; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	*cause = msg;
}

/*
 * Records the failure rc of the last SQLite call on s in *cause (see
 * set_cause()), with the message SQLite left on the connection.
 */
static void
fail(struct store *s, char **cause, int rc)
{
	const char *msg = sqlite3_errmsg(s->db);
	char *m;

	s->rc = rc;
	switch (rc & 0xff) {
	case SQLITE_FULL:
		m = xasprintf("%s: the disk is full (or the database is at its "
		    "size limit): not saved", s->path);
		break;
	case SQLITE_READONLY:
		m = xasprintf("%s is read-only: not saved (%s)", s->path, msg);
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		m = xasprintf("%s: another process kept the database locked "
		    "for %d s without progress (%s)", s->path,
		    STORE_BUSY_MS / 1000, msg);
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		m = xasprintf("%s: the database is damaged (%s)", s->path, msg);
		break;
	default:
		m = xasprintf("%s: %s", s->path, msg);
		break;
	}
	set_cause(cause, m);
}

/*
 * Binds the arguments in ap to st, from parameter 1, as types says: t a
 * string (const char *; NULL binds NULL), l a string of a given length
 * (const char *, size_t), i an int64_t, z a size_t, b an int (a bool),
 * d a double.  Strings are copied.  Returns an SQLite code.
 */
static int
bind_args(sqlite3_stmt *st, const char *types, va_list ap)
{
	int rc = SQLITE_OK;

	for (int i = 0; types[i] != '\0' && rc == SQLITE_OK; i++) {
		const char *str;
		size_t len;

		switch (types[i]) {
		case 't':
			str = va_arg(ap, const char *);
			rc = str == NULL ? sqlite3_bind_null(st, i + 1) :
			    sqlite3_bind_text(st, i + 1, str, -1,
			    SQLITE_TRANSIENT);
			break;
		case 'l':
			str = va_arg(ap, const char *);
			len = va_arg(ap, size_t);
			rc = sqlite3_bind_text64(st, i + 1, str, len,
			    SQLITE_TRANSIENT, SQLITE_UTF8);
			break;
		case 'i':
			rc = sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
			break;
		case 'z':
			rc = sqlite3_bind_int64(st, i + 1,
			    (sqlite3_int64)va_arg(ap, size_t));
			break;
		case 'b':
			rc = sqlite3_bind_int(st, i + 1, va_arg(ap, int) != 0);
			break;
		case 'd':
			rc = sqlite3_bind_double(st, i + 1, va_arg(ap, double));
			break;
		default:
			assert(!"bad bind type");
			rc = SQLITE_MISUSE;
			break;
		}
	}
	return rc;
}

/*
 * Gives back a statement of prepv(): reset and kept if it is one of the
 * cache's, else finalized.
 */
static void
stmt_done(struct store *s, sqlite3_stmt *st)
{
	size_t i;

	for (i = 0; i < STORE_STMT_CACHE; i++)
		if (s->cache[i].st == st && st != NULL) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			s->cache[i].busy = false;
			return;
		}
	sqlite3_finalize(st);
}

/* Finalizes the cached statements (before the connection closes). */
static void
stmt_cache_clear(struct store *s)
{
	size_t i;

	for (i = 0; i < STORE_STMT_CACHE; i++) {
		sqlite3_finalize(s->cache[i].st);
		s->cache[i].st = NULL;
		s->cache[i].busy = false;
	}
}

/* Closes the connection, if any, and its cached statements. */
static void
conn_close(struct store *s)
{
	stmt_cache_clear(s);
	sqlite3_close(s->db);
	s->db = NULL;
}

/*
 * Prepares sql with the arguments of types bound (bind_args()).  Returns
 * the statement (give it back with stmt_done()) or NULL with *cause.
 * Statements stay prepared in the cache, found by their text, so that a
 * statement run once per row (store_anchors_put(), imports) is compiled
 * once; one in use is never handed out twice.
 */
static sqlite3_stmt *
prepv(struct store *s, char **cause, const char *sql, const char *types,
    va_list ap)
{
	sqlite3_stmt *st = NULL;
	size_t i, slot = STORE_STMT_CACHE;
	int rc;

	for (i = 0; i < STORE_STMT_CACHE && st == NULL; i++) {
		if (s->cache[i].st == NULL) {
			if (slot == STORE_STMT_CACHE)
				slot = i;
		} else if (!s->cache[i].busy &&
		    strcmp(sqlite3_sql(s->cache[i].st), sql) == 0) {
			st = s->cache[i].st;
			s->cache[i].busy = true;
		}
	}
	if (st == NULL) {
		rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
		if (rc != SQLITE_OK) {
			sqlite3_finalize(st);
			fail(s, cause, rc);
			return NULL;
		}
		if (slot < STORE_STMT_CACHE) {
			s->cache[slot].st = st;
			s->cache[slot].busy = true;
		}
	}
	if ((rc = bind_args(st, types, ap)) != SQLITE_OK) {
		stmt_done(s, st);
		fail(s, cause, rc);
		return NULL;
	}
	return st;
}

/* prepv() with the arguments given here. */
static sqlite3_stmt *
prep(struct store *s, char **cause, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;

	va_start(ap, types);
	st = prepv(s, cause, sql, types, ap);
	va_end(ap);
	return st;
}

/* Steps st: SQLITE_ROW or SQLITE_DONE, else 0 with *cause. */
static int
step(struct store *s, sqlite3_stmt *st, char **cause)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc;
	fail(s, cause, rc);
	return 0;
}

/* Runs sql (one statement) with its arguments to the end. */
static bool
run(struct store *s, char **cause, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	va_start(ap, types);
	st = prepv(s, cause, sql, types, ap);
	va_end(ap);
	if (st == NULL)
		return false;
	while ((rc = step(s, st, cause)) == SQLITE_ROW)
		continue;
	stmt_done(s, st);
	return rc == SQLITE_DONE;
}

/*
 * Runs a query and reads the first n columns of its first row as
 * integers into out[]; *found says whether there was a row.
 */
static bool
get_ints(struct store *s, char **cause, bool *found, int n, int64_t *out,
    const char *sql, const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	va_start(ap, types);
	st = prepv(s, cause, sql, types, ap);
	va_end(ap);
	if (st == NULL)
		return false;
	rc = step(s, st, cause);
	if (rc == SQLITE_ROW)
		for (int i = 0; i < n; i++)
			out[i] = sqlite3_column_int64(st, i);
	*found = rc == SQLITE_ROW;
	stmt_done(s, st);
	return rc != 0;
}

/* Runs sql, which may hold several statements and takes no arguments. */
static bool
exec_sql(struct store *s, char **cause, const char *sql)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	if (rc != SQLITE_OK) {
		fail(s, cause, rc);
		return false;
	}
	return true;
}

/* A copy of text column i (caller frees), or NULL for NULL. */
static char *
col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t == NULL ? NULL : xstrdup((const char *)t);
}

/* Column i as a size_t: negative and NULL are 0. */
static size_t
col_size(sqlite3_stmt *st, int i)
{
	sqlite3_int64 v = sqlite3_column_int64(st, i);

	return v < 0 ? 0 : (size_t)v;
}

/* Frees the n elements of size elem at v, each emptied by clear(row)
 * first, and v itself (NULL with 0 is fine). */
static void
rows_free(void *v, size_t n, size_t elem, void (*clear)(void *))
{
	for (size_t i = 0; i < n; i++)
		clear((char *)v + i * elem);
	free(v);
}

/*
 * Steps st (NULL: its prep() failed with *cause) to its end, each row
 * read by read(st, row) into a new zeroed element of size elem of the
 * array *v (the caller's, *len elements, freed with rows_free() and the
 * same clear), and gives st back.  False with *cause on a failure, what
 * was read freed by rows_free(clear) and *v and *len not set.
 */
static bool
rows_read(struct store *s, sqlite3_stmt *st, size_t elem,
    void (*read)(sqlite3_stmt *, void *), void (*clear)(void *), void **v,
    size_t *len, char **cause)
{
	char *p = NULL, *row;
	size_t cap = 0, n = 0;
	int rc;

	if (st == NULL)
		return false;
	while ((rc = step(s, st, cause)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			p = xreallocarray(p, cap, elem);
		}
		row = p + n * elem;
		memset(row, 0, elem);
		read(st, row);
		n++;
	}
	stmt_done(s, st);
	if (rc == 0) {
		rows_free(p, n, elem, clear);
		return false;
	}
	*v = p;
	*len = n;
	return true;
}

/* Starts a write transaction: fails at once on a read-only store. */
static bool
tx_begin(struct store *s, char **cause)
{
	if (s->readonly) {
		s->rc = SQLITE_READONLY;
		set_cause(cause, xasprintf("%s is read-only: not saved",
		    s->path));
		return false;
	}
	return exec_sql(s, cause, "BEGIN IMMEDIATE");
}

/*
 * Ends tx_begin()'s transaction: commits it if ok, else, or if the
 * commit fails, rolls it back.  Returns whether it was committed.
 */
static bool
tx_end(struct store *s, bool ok, char **cause)
{
	if (ok && exec_sql(s, cause, "COMMIT"))
		return true;
	/* SQLite may have rolled back already (SQLITE_FULL can). */
	if (!sqlite3_get_autocommit(s->db))
		(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return false;
}

/* Is str a string of at least one byte?  (Borrowed.) */
static bool
nonempty(const char *str)
{
	return str != NULL && *str != '\0';
}

/* A hash as stored: 16 lowercase hex digits into out. */
static void
hex64(char out[17], uint64_t v)
{
	static const char digits[] = "0123456789abcdef";

	for (int i = 15; i >= 0; i--) {
		out[i] = digits[v & 0xf];
		v >>= 4;
	}
	out[16] = '\0';
}

/* Parses 16 hex digits into *out; false if str is anything else. */
static bool
parse_hex64(const char *str, uint64_t *out)
{
	uint64_t v = 0;
	int i;

	if (str == NULL)
		return false;
	for (i = 0; i < 16; i++) {
		char c = str[i];

		if (c >= '0' && c <= '9')
			v = v << 4 | (uint64_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v << 4 | (uint64_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v = v << 4 | (uint64_t)(c - 'A' + 10);
		else
			return false;
	}
	if (str[i] != '\0')
		return false;
	*out = v;
	return true;
}

/* --- opening ------------------------------------------------------- */

/* Caller frees. */
char *
store_path_default(void)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	size_t n;

	/* The XDG spec: a relative path in the variable is to be ignored. */
	if (xdg != NULL && xdg[0] == '/') {
		for (n = strlen(xdg); n > 1 && xdg[n - 1] == '/'; n--)
			continue;
		return xasprintf("%.*s/hamish/hamish.db", (int)n, xdg);
	}
	if (nonempty(home)) {
		for (n = strlen(home); n > 1 && home[n - 1] == '/'; n--)
			continue;
		return xasprintf("%.*s/.local/share/hamish/hamish.db",
		    (int)n, home);
	}
	return NULL;
}

/* Makes the missing directories above path, each with mode 0700. */
static bool
make_parents(const char *path, char **cause)
{
	char *dir = xstrdup(path), *p;
	struct stat sb;
	bool ok = true;

	p = strrchr(dir, '/');
	if (p == NULL || p == dir) {
		free(dir);
		return true;	/* the current or the root directory */
	}
	*p = '\0';
	if (stat(dir, &sb) == 0) {
		free(dir);
		return true;	/* the usual case: nothing to make */
	}
	for (p = dir + 1; ok; p++) {
		bool last = *p == '\0';

		if (*p != '/' && !last)
			continue;
		*p = '\0';
		if (p[-1] == '/' || stat(dir, &sb) == 0)
			;	/* "//", or it exists */
		else if (mkdir(dir, 0700) == 0)
			(void)chmod(dir, 0700);	/* ours: undo the umask */
		else if (errno != EEXIST) {
			set_cause(cause, xasprintf("cannot create directory "
			    "%s: %s", dir, strerror(errno)));
			ok = false;
		}
		if (last)
			break;
		*p = '/';
	}
	free(dir);
	return ok;
}

/*
 * Makes path an empty file of mode 0600 if there is nothing there, so
 * that SQLite never creates it with the umask's mode.  An existing file
 * is neither opened nor changed.
 */
static bool
make_file(const char *path, bool *made, char **cause)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	*made = fd != -1;
	if (fd == -1) {
		if (errno == EEXIST)
			return true;
		set_cause(cause, xasprintf("cannot create %s: %s", path,
		    strerror(errno)));
		return false;
	}
	(void)fchmod(fd, 0600);	/* ours: undo the umask */
	close(fd);
	return true;
}

/*
 * A file: URI for path (caller frees): every byte but the unreserved
 * ones percent-encoded, then the query if any.
 */
static char *
path_uri(const char *path, const char *query)
{
	struct buf b;

	buf_init(&b);
	buf_adds(&b, "file:");
	if (path[0] == '/')
		buf_adds(&b, "//");	/* an empty authority */
	for (const unsigned char *p = (const unsigned char *)path; *p != '\0';
	    p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/._-~", *p) != NULL)
			buf_addc(&b, (char)*p);
		else
			buf_addf(&b, "%%%02X", *p);
	}
	if (query != NULL) {
		buf_addc(&b, '?');
		buf_adds(&b, query);
	}
	return buf_steal(&b);
}

enum open_mode {
	OPEN_RW,	/* read and write */
	OPEN_RO,	/* read-only, with locking and the WAL */
	OPEN_IMMUTABLE	/* read-only, the main file alone */
};

/* Is rc a failure to get at the file for writing (try read-only)? */
static bool
is_access(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return true;
	default:
		return false;
	}
}

/* Seconds since *since (CLOCK_MONOTONIC). */
static double
elapsed(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - since->tv_sec) +
	    (double)(now.tv_nsec - since->tv_nsec) / 1e9;
}

/*
 * The busy handler: SQLite calls it while another connection holds the
 * lock it needs (count: calls so far for this lock).  A plain timeout
 * starves: a process committing back to back takes the lock again
 * within microseconds while the other sleeps, so a long series of
 * fsync'd commits by one writer (an import, a slow disk) would make the
 * other fail with "database is locked" although nothing is stuck.  So
 * this waits as long as the -wal file keeps changing, and gives up only
 * after STORE_BUSY_MS without progress.  Short sleeps so that a waiter
 * gets its turn soon.
 */
static int
busy_wait(void *arg, int count)
{
	struct store *s = arg;
	struct stat sb;
	bool moved = false;

	if (stat(s->wal, &sb) == 0) {
		moved = sb.st_size != s->wal_size ||
		    sb.st_mtim.tv_sec != s->wal_mtime.tv_sec ||
		    sb.st_mtim.tv_nsec != s->wal_mtime.tv_nsec;
		s->wal_size = sb.st_size;
		s->wal_mtime = sb.st_mtim;
	}
	if (count == 0 || moved)
		clock_gettime(CLOCK_MONOTONIC, &s->busy_since);
	else if (elapsed(&s->busy_since) * 1000 >= STORE_BUSY_MS)
		return 0;
	usleep(count < 200 ? 500 : 5000);
	return 1;
}

/*
 * Opens the connection s->db in mode; never creates the file.  Returns
 * an SQLite code; on failure s->db is closed and *cause set.
 */
static int
conn_open(struct store *s, enum open_mode mode, char **cause)
{
	char *uri;
	int flags = SQLITE_OPEN_URI, rc;

	flags |= mode == OPEN_RW ? SQLITE_OPEN_READWRITE :
	    SQLITE_OPEN_READONLY;
	uri = path_uri(s->path, mode == OPEN_IMMUTABLE ? "immutable=1" :
	    NULL);
	rc = sqlite3_open_v2(uri, &s->db, flags, NULL);
	free(uri);
	if (rc == SQLITE_OK) {
		sqlite3_extended_result_codes(s->db, 1);
		rc = sqlite3_busy_handler(s->db, busy_wait, s);
	}
	if (rc != SQLITE_OK) {
		if (s->db != NULL)
			fail(s, cause, rc);
		else
			set_cause(cause, xasprintf("%s: cannot open: %s",
			    s->path, sqlite3_errstr(rc)));
		conn_close(s);
	}
	return rc;
}

enum probe {
	PROBE_OK,
	PROBE_RETRY,	/* cannot get at it this way: try read-only */
	PROBE_FAIL	/* refused, with a cause */
};

/*
 * Reads, and only reads, what tells whether s->db is a hamish database
 * of a schema this build can use: its schema table (the first read
 * finds a file that is not a database, or a damaged one), user_version
 * and application_id.  *version receives the schema version.
 */
static enum probe
probe(struct store *s, int64_t *version, char **cause)
{
	int64_t v[3];
	bool found;
	char *err = NULL;

	if (!get_ints(s, &err, &found, 3, v, "SELECT (SELECT count(*) FROM "
	    "sqlite_schema), (SELECT user_version FROM pragma_user_version), "
	    "(SELECT application_id FROM pragma_application_id)", "")) {
		int rc = s->rc & 0xff;

		if (is_access(s->rc)) {
			free(err);
			return PROBE_RETRY;
		}
		if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT) {
			free(err);
			set_cause(cause, xasprintf("%s: not a hamish database "
			    "(%s)", s->path, sqlite3_errstr(rc)));
		} else
			set_cause(cause, err);
		return PROBE_FAIL;
	}
	if (v[2] != 0 && v[2] != STORE_APP_ID) {
		set_cause(cause, xasprintf("%s: not a hamish database "
		    "(application id %#" PRIx64 ")", s->path, (uint64_t)v[2]));
		return PROBE_FAIL;
	}
	if (v[1] == 0 && v[0] != 0) {
		set_cause(cause, xasprintf("%s: not a hamish database (it "
		    "holds another program's tables)", s->path));
		return PROBE_FAIL;
	}
	if (v[1] < 0) {
		set_cause(cause, xasprintf("%s: damaged or not a hamish "
		    "database (schema version %" PRId64 ", which no hamish "
		    "writes); not changed", s->path, v[1]));
		return PROBE_FAIL;
	}
	if (v[1] > STORE_SCHEMA) {
		set_cause(cause, xasprintf("%s: made by a newer hamish "
		    "(schema %" PRId64 "); not changed", s->path, v[1]));
		return PROBE_FAIL;
	}
	*version = v[1];
	return PROBE_OK;
}

/*
 * Brings the file from its user_version to STORE_SCHEMA, one migration
 * per transaction.  The version is read again inside each transaction:
 * another process may have migrated the file meanwhile.
 */
static bool
migrate(struct store *s, char **cause)
{
	for (;;) {
		int64_t v;
		bool found, ok;
		char *set, *err = NULL;

		if (!exec_sql(s, cause, "BEGIN IMMEDIATE"))
			return false;
		ok = get_ints(s, &err, &found, 1, &v, "PRAGMA user_version",
		    "");
		if (ok && (v > STORE_SCHEMA || v < 0)) {
			err = xasprintf(v < 0 ? "%s: damaged or not a hamish "
			    "database (schema version %" PRId64 ")" : "%s: "
			    "made by a newer hamish (schema %" PRId64 "); not "
			    "changed", s->path, v);
			ok = false;
		} else if (ok && v == STORE_SCHEMA)
			return tx_end(s, true, cause);
		else if (ok) {
			set = xasprintf("PRAGMA user_version = %" PRId64, v + 1);
			ok = exec_sql(s, &err, migrations[v]) &&
			    exec_sql(s, &err, set);
			free(set);
			if (!ok) {
				char *m = xasprintf("%s (upgrading to schema "
				    "%" PRId64 ")", err, v + 1);

				free(err);
				err = m;
			}
		}
		if (!tx_end(s, ok, &err)) {
			set_cause(cause, err);
			return false;
		}
	}
}

/*
 * Turns WAL on.  Switching a new file from the rollback journal takes an
 * exclusive lock, and when two processes try it at once SQLite returns
 * SQLITE_BUSY to one of them at once, without the busy handler (each
 * would wait for the other's lock).  The loser lets go of its lock by
 * failing; so try again for a while: the winner is quick.
 */
static bool
set_wal(struct store *s, char **cause)
{
	struct timespec since;

	clock_gettime(CLOCK_MONOTONIC, &since);
	for (;;) {
		char *err = NULL;

		if (exec_sql(s, &err, "PRAGMA journal_mode = WAL"))
			return true;
		if ((s->rc & 0xff) != SQLITE_BUSY ||
		    elapsed(&since) * 1000 >= STORE_BUSY_MS) {
			set_cause(cause, err);
			return false;
		}
		free(err);
		usleep(1000);
	}
}

/*
 * A disk that takes nothing more (issue 15, item 10): SQLITE_FULL, or an
 * I/O error, which is what SQLite reports when the -shm or -wal that
 * even a read of a WAL database needs cannot be made.  The file can
 * still be read: open_rw() gives up for open_ro(), and says why.
 */
static bool
full_retry(struct store *s, char **cause)
{
	int rc = s->rc & 0xff;

	if (rc != SQLITE_FULL && rc != SQLITE_IOERR)
		return false;
	free(*cause);
	*cause = NULL;
	free(s->ro_why);
	s->ro_why = xstrdup("the disk is full (or cannot be written)");
	return true;
}

/*
 * Opens s read-write: probes, turns WAL on, migrates.  PROBE_RETRY when
 * the file turns out not to be writable after all (a read-only
 * directory: no -wal or -journal can be made; a full disk), with nothing
 * changed.
 */
static enum probe
open_rw(struct store *s, char **cause)
{
	int64_t version;
	enum probe p;
	char *err = NULL;
	bool ok;

	if (conn_open(s, OPEN_RW, cause) != SQLITE_OK)
		return full_retry(s, cause) ? PROBE_RETRY : PROBE_FAIL;
	if ((p = probe(s, &version, cause)) != PROBE_OK)
		return p == PROBE_FAIL && full_retry(s, cause) ? PROBE_RETRY :
		    p;
	if (sqlite3_db_readonly(s->db, "main") == 1)
		return PROBE_RETRY;
	s->fresh = version == 0;
	/* The first writes: the file is ours and of a known schema. */
	ok = set_wal(s, &err) &&
	    exec_sql(s, &err, "PRAGMA synchronous = FULL") &&
	    exec_sql(s, &err, "PRAGMA foreign_keys = ON") &&
	    (version == STORE_SCHEMA || migrate(s, &err));
	if (ok)
		return PROBE_OK;
	if (is_access(s->rc) || full_retry(s, &err)) {
		free(err);
		return PROBE_RETRY;
	}
	set_cause(cause, err);
	return PROBE_FAIL;
}

/*
 * After a failed read-write open on a full disk: the -wal and -shm it
 * made and could not fill (SQLite leaves an empty -wal and a -shm of a
 * few bytes) go, unless they were there before.  A -shm another
 * connection uses holds at least one 32 KB index block, and its -wal
 * at least a header: neither is touched.
 */
static void
leftovers_remove(const struct store *s, bool had_wal, bool had_shm)
{
	struct stat sb;
	char *shm = xasprintf("%s-shm", s->path);

	if (!had_wal && stat(s->wal, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    sb.st_size == 0)
		unlink(s->wal);
	if (!had_shm && stat(shm, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    sb.st_size < 32768)
		unlink(shm);
	free(shm);
}

/*
 * Opens s read-only: immutable when there is no WAL content to read
 * (see the top of the file), else with locking, else immutable anyway.
 */
static bool
open_ro(struct store *s, char **cause)
{
	struct stat sb;
	enum open_mode mode = OPEN_IMMUTABLE;
	int64_t version;
	enum probe p;

	if (stat(s->wal, &sb) == 0 && sb.st_size > 0)
		mode = OPEN_RO;
	for (;;) {
		char *err = NULL;

		if (conn_open(s, mode, &err) != SQLITE_OK)
			p = PROBE_FAIL;
		else
			p = probe(s, &version, &err);
		if (p != PROBE_OK && mode == OPEN_RO) {
			conn_close(s);
			free(err);
			mode = OPEN_IMMUTABLE;
			continue;
		}
		if (p != PROBE_OK) {
			if (err == NULL)
				err = xasprintf("%s: cannot read the database",
				    s->path);
			set_cause(cause, err);
			return false;
		}
		break;
	}
	if (version == 0) {
		set_cause(cause, xasprintf("%s is read-only and not a "
		    "database yet (an empty file?): it cannot be made one",
		    s->path));
		return false;
	}
	if (version < STORE_SCHEMA) {
		set_cause(cause, xasprintf("%s is read-only and needs an "
		    "upgrade to schema %d (it has %" PRId64 "); not changed",
		    s->path, STORE_SCHEMA, version));
		return false;
	}
	s->readonly = true;
	/* query_only: a second guard, should a write slip through. */
	return exec_sql(s, cause, "PRAGMA query_only = ON") &&
	    exec_sql(s, cause, "PRAGMA foreign_keys = ON");
}

/* path borrowed; the store (store_close()) keeps its own copy. */
struct store *
store_open(const char *path, char **cause)
{
	struct store *s;
	struct stat sb;
	enum probe p = PROBE_RETRY;
	bool made;

	assert(path != NULL && cause != NULL);
	*cause = NULL;
	if (*path == '\0') {
		*cause = xstrdup("empty database path");
		return NULL;
	}
	if (!make_parents(path, cause) || !make_file(path, &made, cause))
		return NULL;
	if (stat(path, &sb) == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return NULL;
	}
	if (!S_ISREG(sb.st_mode)) {
		*cause = xasprintf("%s: not a regular file", path);
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->wal = xasprintf("%s-wal", path);
	/* access(), not open(): closing a descriptor of the file would drop
	 * the POSIX locks of another connection of this process on it. */
	if (faccessat(AT_FDCWD, path, R_OK | W_OK, AT_EACCESS) == 0) {
		char *shm = xasprintf("%s-shm", path);
		bool had_wal = access(s->wal, F_OK) == 0;
		bool had_shm = access(shm, F_OK) == 0;

		free(shm);
		p = open_rw(s, cause);
		if (p == PROBE_RETRY && s->ro_why != NULL) {
			conn_close(s);
			leftovers_remove(s, had_wal, had_shm);
		}
	}
	if (p == PROBE_RETRY) {
		conn_close(s);
		p = open_ro(s, cause) ? PROBE_OK : PROBE_FAIL;
	}
	if (p != PROBE_OK) {
		store_close(s);
		return NULL;
	}
	/* 0 bytes, not made by this call, and no schema when probed:
	 * something (a crash, a full disk, a user's touch) left an empty
	 * file, now a database.  (Another process that made the file a
	 * moment ago would have its schema in it as a rule.) */
	s->was_empty = !made && sb.st_size == 0 && !s->readonly && s->fresh;
	return s;
}

/* Closes the connection (checkpointing the WAL if it is the last) and
 * frees s; NULL is fine. */
void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	conn_close(s);
	free(s->path);
	free(s->wal);
	free(s->ro_why);
	free(s);
}

/* Whether store_open() made an empty file it found a database. */
bool
store_was_empty(const struct store *s)
{
	return s->was_empty;
}

/* Whether the failure of the last call was the database's. */
bool
store_failed(const struct store *s)
{
	return s->rc != 0;
}

/* Whether changes are refused (decided by store_open()). */
bool
store_readonly(const struct store *s)
{
	return s->readonly;
}

/* Borrowed: valid until store_close(). */
const char *
store_readonly_why(const struct store *s)
{
	return s->readonly ? s->ro_why : NULL;
}

/* Borrowed: valid until store_close(). */
const char *
store_path(const struct store *s)
{
	return s->path;
}

/* The first problem integrity_check reports goes in *cause. */
bool
store_check(struct store *s, char **cause)
{
	sqlite3_stmt *st;
	const char *r;
	bool ok;
	int rc;

	assert(s != NULL && cause != NULL);
	*cause = NULL;
	st = prep(s, cause, "PRAGMA integrity_check(1)", "");
	if (st == NULL)
		return false;
	if ((rc = step(s, st, cause)) == 0) {
		stmt_done(s, st);
		return false;
	}
	r = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : "";
	ok = r != NULL && strcmp(r, "ok") == 0;
	if (!ok)
		set_cause(cause, xasprintf("%s: integrity check failed: %s",
		    s->path, r != NULL ? r : "?"));
	stmt_done(s, st);
	return ok;
}

/*
 * For tests: lets the database grow by at most pages more pages
 * (PRAGMA max_page_count), so that "disk full" can be had without
 * filling a disk.  For this connection only.
 */
bool
store_limit_pages(struct store *s, long pages, char **cause)
{
	int64_t n;
	bool found;
	char *sql;
	bool ok;

	assert(s != NULL && pages >= 0 && cause != NULL);
	*cause = NULL;
	if (!get_ints(s, cause, &found, 1, &n, "PRAGMA page_count", ""))
		return false;
	sql = xasprintf("PRAGMA max_page_count = %" PRId64, n + pages);
	ok = exec_sql(s, cause, sql);
	free(sql);
	return ok;
}

/* --- documents ----------------------------------------------------- */

/*
 * Whether text k is like the last version of document d that has a
 * sketch (half its word trigrams or more in common): the same document,
 * revised.  A document with no sketch yet (seen before schema 4), or a
 * key without one, agrees.
 */
static bool
family_agrees(struct store *s, int64_t d, const struct store_doc_key *k,
    bool *agrees, char **cause)
{
	sqlite3_stmt *st;
	char *old = NULL;
	int rc;

	*agrees = true;
	if (!nonempty(k->sketch))
		return true;
	if ((st = prep(s, cause, "SELECT sketch FROM versions WHERE "
	    "document_id = ?1 AND sketch IS NOT NULL ORDER BY id DESC LIMIT 1",
	    "i", d)) == NULL)
		return false;
	if ((rc = step(s, st, cause)) == 0) {
		stmt_done(s, st);
		return false;
	}
	if (rc == SQLITE_ROW)
		old = col_dup(st, 0);
	stmt_done(s, st);
	if (old != NULL)
		*agrees = anchor_sketch_similarity(old, k->sketch) >= 0.5;
	free(old);
	return true;
}

/*
 * Finds the document and the version of text k as store_doc_open() says.
 * With write (inside a transaction) adds what is missing, and records
 * k->path if there is one; without, unknown ids are 0.  *new_version:
 * whether no version had this hash.
 */
static bool
doc_resolve(struct store *s, const struct store_doc_key *k, bool write,
    int64_t *doc, int64_t *version, bool *new_version, char **cause)
{
	int64_t v[2] = { 0, 0 }, d = 0, ver = 0;
	bool found, agrees = true, stranger = false;

	if (!get_ints(s, cause, &found, 2, v, "SELECT id, document_id FROM "
	    "versions WHERE text_hash = ?1", "t", k->text_hash))
		return false;
	if (found) {
		ver = v[0];
		d = v[1];
	} else if (nonempty(k->family)) {
		/* Only the family's document, or a new one. */
		if (!get_ints(s, cause, &found, 1, &d, "SELECT id FROM "
		    "documents WHERE family = ?1", "t", k->family))
			return false;
		if (d != 0 && !family_agrees(s, d, k, &agrees, cause))
			return false;
		if (!agrees) {
			d = 0;		/* another text: a new document, */
			stranger = true;	/* without the family */
		}
	} else {
		if (nonempty(k->path) && !get_ints(s, cause, &found, 1, &d,
		    "SELECT document_id FROM paths WHERE path = ?1", "t",
		    k->path))
			return false;
		if (d == 0 && nonempty(k->title) && !get_ints(s, cause, &found,
		    1, &d, "SELECT id FROM documents WHERE family IS NULL AND "
		    "title = ?1 ORDER BY seen DESC, id DESC LIMIT 1", "t",
		    k->title))
			return false;
	}
	*new_version = ver == 0;
	*doc = d;
	*version = ver;
	if (!write)
		return true;

	if (d == 0) {
		if (!run(s, cause, "INSERT INTO documents (family, title, "
		    "created) VALUES (nullif(?1, ''), nullif(?2, ''), " NOW ")",
		    "tt", stranger ? NULL : k->family, k->title))
			return false;
		d = sqlite3_last_insert_rowid(s->db);
	}
	if (ver == 0) {
		if (!run(s, cause, "INSERT INTO versions (document_id, "
		    "text_hash, symbol, first_seen, sketch) VALUES (?1, ?2, "
		    "nullif(?3, ''), " NOW ", nullif(?4, ''))", "ittt", d,
		    k->text_hash, k->symbol, k->sketch))
			return false;
		ver = sqlite3_last_insert_rowid(s->db);
	} else if (nonempty(k->sketch) && !run(s, cause, "UPDATE versions SET "
	    "sketch = ?2 WHERE id = ?1 AND sketch IS NULL", "it", ver,
	    k->sketch))
		return false;
	*doc = d;
	*version = ver;
	if (!nonempty(k->path))
		/* An import: touch nothing that exists. */
		return run(s, cause, "UPDATE documents SET last_version = ?1 "
		    "WHERE id = ?2 AND last_version IS NULL", "ii", ver, d);
	return run(s, cause, "UPDATE versions SET last_seen = " NOW ", "
	    "symbol = coalesce(symbol, nullif(?2, '')) WHERE id = ?1", "it",
	    ver, k->symbol) &&
	    run(s, cause, "UPDATE documents SET last_version = ?1, "
	    "last_path = ?2, seen = " NOW ", title = coalesce(nullif(?3, ''), "
	    "title) WHERE id = ?4", "itti", ver, k->path, k->title, d) &&
	    run(s, cause, "INSERT INTO paths (path, document_id, version_id, "
	    "seen) VALUES (?1, ?2, ?3, " NOW ") ON CONFLICT (path) DO UPDATE "
	    "SET document_id = excluded.document_id, version_id = "
	    "excluded.version_id, seen = excluded.seen", "tii", k->path, d,
	    ver);
}

/* k and its strings borrowed. */
bool
store_doc_open(struct store *s, const struct store_doc_key *k, int64_t *doc,
    int64_t *version, bool *new_version, char **cause)
{
	bool nv = false, ok;

	assert(s != NULL && k != NULL && k->text_hash != NULL);
	assert(doc != NULL && version != NULL && cause != NULL);
	*cause = NULL;
	*doc = *version = 0;
	if (s->readonly)
		ok = doc_resolve(s, k, false, doc, version, &nv, cause);
	else {
		ok = tx_begin(s, cause);
		if (ok) {
			ok = doc_resolve(s, k, true, doc, version, &nv, cause);
			ok = tx_end(s, ok, cause);
		}
		if (!ok)
			*doc = *version = 0;
	}
	if (ok && new_version != NULL)
		*new_version = nv;
	return ok;
}

/* Does document id exist?  False with *cause if not. */
static bool
doc_exists(struct store *s, int64_t id, char **cause)
{
	int64_t one;
	bool found;

	if (!get_ints(s, cause, &found, 1, &one, "SELECT 1 FROM documents "
	    "WHERE id = ?1", "i", id))
		return false;
	if (!found)
		set_cause(cause, xasprintf("%s: no document %" PRId64, s->path,
		    id));
	return found;
}

/* In one transaction; from must differ from into. */
bool
store_doc_merge(struct store *s, int64_t from, int64_t into, char **cause)
{
	sqlite3_stmt *st;
	char *family = NULL;
	bool ok;

	assert(s != NULL && cause != NULL);
	*cause = NULL;
	if (from == into) {
		*cause = xasprintf("cannot merge document %" PRId64 " into "
		    "itself", from);
		return false;
	}
	if (!tx_begin(s, cause))
		return false;
	ok = doc_exists(s, from, cause) && doc_exists(s, into, cause) &&
	    (st = prep(s, cause, "SELECT family FROM documents WHERE id = ?1",
	    "i", from)) != NULL;
	if (ok) {
		ok = step(s, st, cause) == SQLITE_ROW;
		if (ok)
			family = col_dup(st, 0);
		stmt_done(s, st);
	}
	/* Into keeps its own title, family and position when it has them,
	 * and takes the last path and version of whichever was seen last. */
	ok = ok &&
	    run(s, cause, "UPDATE versions SET document_id = ?2 WHERE "
	    "document_id = ?1", "ii", from, into) &&
	    run(s, cause, "UPDATE paths SET document_id = ?2 WHERE "
	    "document_id = ?1", "ii", from, into) &&
	    run(s, cause, "UPDATE annotations SET document_id = ?2 WHERE "
	    "document_id = ?1", "ii", from, into) &&
	    run(s, cause, "DELETE FROM marks WHERE document_id = ?1 AND "
	    "letter BETWEEN 'a' AND 'z' AND letter IN (SELECT letter FROM "
	    "marks WHERE document_id = ?2)", "ii", from, into) &&
	    run(s, cause, "UPDATE marks SET document_id = ?2 WHERE "
	    "document_id = ?1", "ii", from, into) &&
	    run(s, cause, "UPDATE documents AS d SET "
	    "title = coalesce(d.title, f.title), "
	    "last_version = iif(f.seen > d.seen OR d.seen IS NULL OR "
	    "d.last_version IS NULL, coalesce(f.last_version, d.last_version), "
	    "d.last_version), "
	    "last_path = iif(f.seen > d.seen OR d.seen IS NULL OR "
	    "d.last_path IS NULL, coalesce(f.last_path, d.last_path), "
	    "d.last_path), "
	    "seen = max(coalesce(f.seen, ''), coalesce(d.seen, '')), "
	    "pos_para = iif(d.pos_block IS NULL, f.pos_para, d.pos_para), "
	    "pos_cp = iif(d.pos_block IS NULL, f.pos_cp, d.pos_cp), "
	    "pos_time = iif(d.pos_block IS NULL, f.pos_time, d.pos_time), "
	    "pos_block = iif(d.pos_block IS NULL, f.pos_block, d.pos_block) "
	    "FROM documents AS f WHERE d.id = ?2 AND f.id = ?1", "ii", from,
	    into) &&
	    run(s, cause, "UPDATE documents SET seen = NULL WHERE id = ?1 AND "
	    "seen = ''", "i", into) &&
	    run(s, cause, "DELETE FROM documents WHERE id = ?1", "i", from) &&
	    run(s, cause, "UPDATE documents SET family = ?2 WHERE id = ?1 AND "
	    "family IS NULL", "it", into, family);
	free(family);
	return tx_end(s, ok, cause);
}

/* One row of store_docs_list()'s query. */
static void
doc_row_read(sqlite3_stmt *st, void *row)
{
	struct store_doc *d = row;

	d->id = sqlite3_column_int64(st, 0);
	d->family = col_dup(st, 1);
	d->title = col_dup(st, 2);
	d->symbol = col_dup(st, 3);
	d->path = col_dup(st, 4);
	d->version = sqlite3_column_int64(st, 5);
	d->text_hash = col_dup(st, 6);
	d->notes = col_size(st, 7);
}

/* Frees the strings of one store_doc. */
static void
doc_row_clear(void *row)
{
	struct store_doc *d = row;

	free(d->family);
	free(d->title);
	free(d->symbol);
	free(d->path);
	free(d->text_hash);
}

/* *out is the caller's, freed with store_docs_free(). */
bool
store_docs_list(struct store *s, struct store_doc **out, size_t *n,
    char **cause)
{
	sqlite3_stmt *st;
	void *v;
	size_t len;

	assert(s != NULL && out != NULL && n != NULL && cause != NULL);
	*cause = NULL;
	st = prep(s, cause, "SELECT d.id, d.family, d.title, v.symbol, "
	    "d.last_path, d.last_version, v.text_hash, (SELECT count(*) FROM "
	    "annotations AS a WHERE a.document_id = d.id AND NOT a.deleted) "
	    "FROM documents AS d LEFT JOIN versions AS v ON "
	    "v.id = d.last_version ORDER BY d.id", "");
	if (!rows_read(s, st, sizeof **out, doc_row_read, doc_row_clear, &v,
	    &len, cause))
		return false;
	*out = v;
	*n = len;
	return true;
}

/* Frees the n documents of store_docs_list() and their strings. */
void
store_docs_free(struct store_doc *docs, size_t n)
{
	rows_free(docs, n, sizeof *docs, doc_row_clear);
}

/* --- reading positions and bookmarks ------------------------------- */

/* place is borrowed. */
bool
store_position_set(struct store *s, int64_t doc, const struct store_place *p,
    char **cause)
{
	bool ok;

	assert(s != NULL && p != NULL && cause != NULL);
	*cause = NULL;
	if (!tx_begin(s, cause))
		return false;
	ok = run(s, cause, "UPDATE documents SET pos_para = ?2, pos_block = "
	    "?3, pos_cp = ?4, pos_time = " NOW " WHERE id = ?1", "itzz", doc,
	    p->para, p->block, p->offset);
	if (ok && sqlite3_changes(s->db) == 0) {
		set_cause(cause, xasprintf("%s: no document %" PRId64, s->path,
		    doc));
		ok = false;
	}
	return tx_end(s, ok, cause);
}

/* out->para is the caller's to free. */
bool
store_position_get(struct store *s, int64_t doc, struct store_place *out,
    bool *found, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	assert(s != NULL && out != NULL && found != NULL && cause != NULL);
	*cause = NULL;
	*found = false;
	st = prep(s, cause, "SELECT pos_para, pos_block, pos_cp FROM "
	    "documents WHERE id = ?1 AND pos_block IS NOT NULL", "i", doc);
	if (st == NULL)
		return false;
	if ((rc = step(s, st, cause)) == SQLITE_ROW) {
		out->para = col_dup(st, 0);
		out->block = col_size(st, 1);
		out->offset = col_size(st, 2);
		*found = true;
	}
	stmt_done(s, st);
	return rc != 0;
}

bool
store_path_position(struct store *s, const char *path, bool *found,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	assert(s != NULL && path != NULL && found != NULL && cause != NULL);
	*cause = NULL;
	*found = false;
	st = prep(s, cause, "SELECT 1 FROM paths JOIN documents ON "
	    "documents.id = paths.document_id WHERE paths.path = ?1 AND "
	    "(documents.pos_block > 0 OR documents.pos_cp > 0)", "t", path);
	if (st == NULL)
		return false;
	if ((rc = step(s, st, cause)) == SQLITE_ROW)
		*found = true;
	stmt_done(s, st);
	return rc != 0;
}

static bool
mark_valid(struct store *s, int letter, char **cause)
{
	if ((letter >= 'a' && letter <= 'z') || (letter >= 'A' &&
	    letter <= 'Z'))
		return true;
	set_cause(cause, xasprintf("%s: no bookmark %#x: letters a-z and A-Z "
	    "only", s->path, (unsigned)letter));
	return false;
}

/* place is borrowed. */
bool
store_mark_set(struct store *s, int letter, int64_t doc,
    const struct store_place *p, char **cause)
{
	char name[2] = { (char)letter, '\0' };
	bool ok;

	assert(s != NULL && p != NULL && cause != NULL);
	*cause = NULL;
	if (!mark_valid(s, letter, cause) || !tx_begin(s, cause))
		return false;
	ok = doc_exists(s, doc, cause);
	if (ok && letter >= 'a' && letter <= 'z')
		ok = run(s, cause, "INSERT INTO marks (letter, document_id, "
		    "para, block, cp, modified) VALUES (?1, ?2, ?3, ?4, ?5, "
		    NOW ") ON CONFLICT (document_id, letter) WHERE letter "
		    "BETWEEN 'a' AND 'z' DO UPDATE SET para = excluded.para, "
		    "block = excluded.block, cp = excluded.cp, modified = "
		    "excluded.modified", "titzz", name, doc, p->para, p->block,
		    p->offset);
	else if (ok)
		ok = run(s, cause, "INSERT INTO marks (letter, document_id, "
		    "para, block, cp, modified) VALUES (?1, ?2, ?3, ?4, ?5, "
		    NOW ") ON CONFLICT (letter) WHERE letter BETWEEN 'A' AND "
		    "'Z' DO UPDATE SET document_id = excluded.document_id, "
		    "para = excluded.para, block = excluded.block, cp = "
		    "excluded.cp, modified = excluded.modified", "titzz", name,
		    doc, p->para, p->block, p->offset);
	return tx_end(s, ok, cause);
}

/*
 * Reads bookmark letter (a-z of document doc, or A-Z) into *out
 * (out->para the caller's to free), its document into *mark_doc and, for
 * A-Z, that document's last path into *path (caller frees; NULL for a-z
 * or when none is known).  mark_doc and path may be NULL.
 */
bool
store_mark_get(struct store *s, int letter, int64_t doc,
    struct store_place *out, int64_t *mark_doc, char **path, bool *found,
    char **cause)
{
	char name[2] = { (char)letter, '\0' };
	sqlite3_stmt *st;
	bool global = letter >= 'A' && letter <= 'Z';
	int rc;

	assert(s != NULL && out != NULL && found != NULL && cause != NULL);
	*cause = NULL;
	*found = false;
	if (path != NULL)
		*path = NULL;
	if (!mark_valid(s, letter, cause))
		return false;
	st = prep(s, cause, "SELECT m.para, m.block, m.cp, m.document_id, "
	    "d.last_path FROM marks AS m JOIN documents AS d ON "
	    "d.id = m.document_id WHERE m.letter = ?1 AND (?2 OR "
	    "m.document_id = ?3)", "tbi", name, global, doc);
	if (st == NULL)
		return false;
	if ((rc = step(s, st, cause)) == SQLITE_ROW) {
		out->para = col_dup(st, 0);
		out->block = col_size(st, 1);
		out->offset = col_size(st, 2);
		if (mark_doc != NULL)
			*mark_doc = sqlite3_column_int64(st, 3);
		if (path != NULL && global)
			*path = col_dup(st, 4);
		*found = true;
	}
	stmt_done(s, st);
	return rc != 0;
}

/* --- annotations --------------------------------------------------- */

/* Fills n from the columns of notes_sql starting at column 7. */
static void
note_anchor_read(sqlite3_stmt *st, struct store_note *n)
{
	struct anchor *a = &n->anchor;
	const char *status;

	if (sqlite3_column_type(st, 7) == SQLITE_NULL) {
		/* No anchor at all (never made by hamish): an orphan. */
		a->exact = xstrdup("");
		a->prefix = xstrdup("");
		a->suffix = xstrdup("");
		n->status = ANCHOR_ORPHAN;
		return;
	}
	n->version = sqlite3_column_int64(st, 7);
	a->para = col_dup(st, 8);
	a->block = col_size(st, 9);
	a->start = col_size(st, 10);
	a->end = col_size(st, 11);
	a->whole = sqlite3_column_int(st, 12) != 0;
	a->exact = col_dup(st, 13);
	a->prefix = col_dup(st, 14);
	a->suffix = col_dup(st, 15);
	if (a->exact == NULL)
		a->exact = xstrdup("");
	if (a->prefix == NULL)
		a->prefix = xstrdup("");
	if (a->suffix == NULL)
		a->suffix = xstrdup("");
	if (!parse_hex64((const char *)sqlite3_column_text(st, 16), &a->para_fp))
		a->para_fp = 0;
	if (!parse_hex64((const char *)sqlite3_column_text(st, 17),
	    &a->doc_hash))
		a->doc_hash = 0;
	status = (const char *)sqlite3_column_text(st, 18);
	if (status == NULL || !anchor_status_parse(status, &n->status))
		n->status = ANCHOR_REVIEW;	/* unknown: let a person look */
	n->score = sqlite3_column_double(st, 19);
}

/* The anchor on version ?2 if there is one, else the latest placed. */
static const char notes_sql[] =
	"SELECT a.id, a.uuid, a.style, a.note, a.created, a.modified, "
	"a.deleted, n.version_id, n.para, n.block, n.start_cp, n.end_cp, "
	"n.whole, n.exact, n.prefix, n.suffix, n.para_fp, n.doc_hash, "
	"n.status, n.score FROM annotations AS a LEFT JOIN anchors AS n ON "
	"n.id = coalesce((SELECT id FROM anchors WHERE annotation_id = a.id "
	"AND version_id = ?2), (SELECT max(id) FROM anchors WHERE "
	"annotation_id = a.id)) WHERE a.document_id = ?1 AND (?3 OR NOT "
	"a.deleted) ORDER BY a.created, a.id";

/* One row of notes_sql. */
static void
note_row_read(sqlite3_stmt *st, void *row)
{
	struct store_note *note = row;

	note->id = sqlite3_column_int64(st, 0);
	note->uuid = col_dup(st, 1);
	note->style = col_dup(st, 2);
	note->text = col_dup(st, 3);
	note->created = col_dup(st, 4);
	note->modified = col_dup(st, 5);
	note->deleted = sqlite3_column_int(st, 6) != 0;
	note_anchor_read(st, note);
}

/* Frees the strings and the anchor of one store_note. */
static void
note_row_clear(void *row)
{
	struct store_note *note = row;

	free(note->uuid);
	free(note->style);
	free(note->text);
	free(note->created);
	free(note->modified);
	anchor_clear(&note->anchor);
}

/* *out is the caller's, freed with store_notes_free(). */
bool
store_notes_load(struct store *s, int64_t doc, int64_t version,
    bool with_deleted, struct store_note **out, size_t *n, char **cause)
{
	sqlite3_stmt *st;
	void *v;
	size_t len;

	assert(s != NULL && out != NULL && n != NULL && cause != NULL);
	*cause = NULL;
	st = prep(s, cause, notes_sql, "iib", doc, version, with_deleted);
	if (!rows_read(s, st, sizeof **out, note_row_read, note_row_clear, &v,
	    &len, cause))
		return false;
	*out = v;
	*n = len;
	return true;
}

/* Frees the n annotations of store_notes_load(), anchors included. */
void
store_notes_free(struct store_note *notes, size_t n)
{
	rows_free(notes, n, sizeof *notes, note_row_clear);
}

enum anchor_write {
	ANCHOR_INSERT,		/* a new row; a duplicate is an error */
	ANCHOR_REPLACE,		/* the version's row replaced */
	ANCHOR_IGNORE		/* added unless the version has one */
};

#define ANCHOR_SQL(verb)						\
	verb " INTO anchors (annotation_id, version_id, para, block, "	\
	"start_cp, end_cp, whole, exact, prefix, suffix, para_fp, "	\
	"doc_hash, status, score, placed) VALUES (?1, ?2, ?3, ?4, ?5, "	\
	"?6, ?7, ?8, coalesce(?9, ''), coalesce(?10, ''), ?11, ?12, ?13, " \
	"?14, " NOW ")"

/* Stores anchor a (borrowed) of annotation ann on version. */
static bool
anchor_write(struct store *s, enum anchor_write how, int64_t ann,
    int64_t version, const struct anchor *a, enum anchor_status status,
    double score, char **cause)
{
	static const char *const sql[] = {
		[ANCHOR_INSERT] = ANCHOR_SQL("INSERT"),
		[ANCHOR_REPLACE] = ANCHOR_SQL("INSERT OR REPLACE"),
		[ANCHOR_IGNORE] = ANCHOR_SQL("INSERT OR IGNORE")
	};
	char fp[17], dh[17];

	hex64(fp, a->para_fp);
	hex64(dh, a->doc_hash);
	return run(s, cause, sql[how], "iitzzzbttttttd", ann, version,
	    a->para, a->block, a->start, a->end, (int)a->whole, a->exact,
	    a->prefix, a->suffix, fp, dh, anchor_status_name(status), score);
}

/* A new UUID (caller frees) into *out. */
static bool
new_uuid(struct store *s, char **out, char **cause)
{
	sqlite3_stmt *st = prep(s, cause, uuid_sql, "");
	bool ok;

	if (st == NULL)
		return false;
	ok = step(s, st, cause) == SQLITE_ROW;
	if (ok)
		*out = col_dup(st, 0);
	stmt_done(s, st);
	return ok;
}

/* Is version one of document doc?  False with *cause if not. */
static bool
version_of(struct store *s, int64_t version, int64_t doc, char **cause)
{
	int64_t d;
	bool found;

	if (!get_ints(s, cause, &found, 1, &d, "SELECT document_id FROM "
	    "versions WHERE id = ?1", "i", version))
		return false;
	if (found && d == doc)
		return true;
	set_cause(cause, found ? xasprintf("%s: version %" PRId64 " is not "
	    "one of document %" PRId64, s->path, version, doc) :
	    xasprintf("%s: no version %" PRId64, s->path, version));
	return false;
}

/* style, text and a are borrowed; *uuid_out (may be NULL) is the
 * caller's to free. */
bool
store_note_add(struct store *s, int64_t doc, int64_t version,
    const char *style, const char *text, const struct anchor *a,
    char **uuid_out, char **cause)
{
	char *uuid = NULL;
	bool ok;

	assert(s != NULL && a != NULL && a->exact != NULL && cause != NULL);
	assert(style != NULL || text != NULL);
	*cause = NULL;
	if (!tx_begin(s, cause))
		return false;
	ok = version_of(s, version, doc, cause) &&
	    new_uuid(s, &uuid, cause) &&
	    run(s, cause, "INSERT INTO annotations (uuid, document_id, style, "
	    "note, created, modified, deleted) VALUES (?1, ?2, ?3, ?4, " NOW
	    ", " NOW ", 0)", "titt", uuid, doc, style, text) &&
	    anchor_write(s, ANCHOR_INSERT, sqlite3_last_insert_rowid(s->db),
	    version, a, ANCHOR_EXACT, 1.0, cause);
	if (!tx_end(s, ok, cause)) {
		free(uuid);
		return false;
	}
	if (uuid_out != NULL)
		*uuid_out = uuid;
	else
		free(uuid);
	return true;
}

/* Ends the transaction of an UPDATE of annotation uuid: "no
 * annotation" if it changed no row. */
static bool
note_changed(struct store *s, bool ok, const char *uuid, char **cause)
{
	if (ok && sqlite3_changes(s->db) == 0) {
		set_cause(cause, xasprintf("%s: no annotation %s", s->path,
		    uuid));
		ok = false;
	}
	return tx_end(s, ok, cause);
}

/* All strings borrowed. */
bool
store_note_update(struct store *s, const char *uuid, const char *style,
    const char *text, char **cause)
{
	assert(s != NULL && uuid != NULL && cause != NULL);
	*cause = NULL;
	if (!tx_begin(s, cause))
		return false;
	return note_changed(s, run(s, cause, "UPDATE annotations SET "
	    "style = ?2, note = ?3, modified = " NOW " WHERE uuid = ?1", "ttt",
	    uuid, style, text), uuid, cause);
}

/* uuid borrowed. */
bool
store_note_delete(struct store *s, const char *uuid, bool deleted,
    char **cause)
{
	assert(s != NULL && uuid != NULL && cause != NULL);
	*cause = NULL;
	if (!tx_begin(s, cause))
		return false;
	return note_changed(s, run(s, cause, "UPDATE annotations SET "
	    "deleted = ?2, modified = " NOW " WHERE uuid = ?1", "tb", uuid,
	    (int)deleted), uuid, cause);
}

/*
 * Stores anchor a (borrowed) of annotation uuid on version, replacing
 * the version's row, inside a transaction.  The annotation's modified
 * time is left alone: where it sits is not what it says.
 */
static bool
anchor_put(struct store *s, const char *uuid, int64_t version,
    const struct anchor *a, enum anchor_status status, double score,
    char **cause)
{
	int64_t v[2];
	bool found;

	if (!get_ints(s, cause, &found, 2, v, "SELECT id, document_id FROM "
	    "annotations WHERE uuid = ?1", "t", uuid))
		return false;
	if (!found) {
		set_cause(cause, xasprintf("%s: no annotation %s", s->path,
		    uuid));
		return false;
	}
	return version_of(s, version, v[1], cause) &&
	    anchor_write(s, ANCHOR_REPLACE, v[0], version, a, status, score,
	    cause);
}

/* uuid and a borrowed. */
bool
store_anchor_put(struct store *s, const char *uuid, int64_t version,
    const struct anchor *a, enum anchor_status status, double score,
    char **cause)
{
	assert(s != NULL && uuid != NULL && a != NULL && a->exact != NULL);
	assert(cause != NULL);
	*cause = NULL;
	if (!tx_begin(s, cause))
		return false;
	return tx_end(s, anchor_put(s, uuid, version, a, status, score, cause),
	    cause);
}

/* rows (n of them) borrowed.  All or nothing. */
bool
store_anchors_put(struct store *s, int64_t version,
    const struct store_anchor_row *rows, size_t n, char **cause)
{
	bool ok = true;

	assert(s != NULL && (rows != NULL || n == 0) && cause != NULL);
	*cause = NULL;
	if (!tx_begin(s, cause))
		return false;
	for (size_t i = 0; i < n && ok; i++) {
		assert(rows[i].uuid != NULL && rows[i].anchor != NULL &&
		    rows[i].anchor->exact != NULL);
		ok = anchor_put(s, rows[i].uuid, version, rows[i].anchor,
		    rows[i].status, rows[i].score, cause);
	}
	return tx_end(s, ok, cause);
}

/* --- exchange ------------------------------------------------------ */

/*
 * The fields of one item of an export (?1, an object), in the columns
 * import_item() reads.  Times are normalised to the store's format (NULL
 * if they do not parse); the TextQuoteSelector is found in an array of
 * selectors or as the only one.  CASE guards every json_extract() whose
 * argument might not be JSON text (SQLite may evaluate the terms of a
 * WHERE in any order).
 */
static const char item_sql[] =
	"WITH q(sel) AS (SELECT CASE json_type(?1, '$.target.selector') "
	"  WHEN 'object' THEN CASE WHEN json_extract(?1, "
	"    '$.target.selector.type') = 'TextQuoteSelector' THEN "
	"    json_extract(?1, '$.target.selector') END "
	"  WHEN 'array' THEN (SELECT s.value FROM json_each(?1, "
	"    '$.target.selector') AS s WHERE CASE WHEN s.type = 'object' "
	"    THEN json_extract(s.value, '$.type') END = 'TextQuoteSelector' "
	"    ORDER BY s.key LIMIT 1) END), "
	"j(a) AS (SELECT CASE WHEN json_type(?1, '$.\"hamish:anchor\"') = "
	"  'object' THEN json_extract(?1, '$.\"hamish:anchor\"') END) "
	"SELECT "
	"  iif(json_type(?1, '$.id') = 'text', json_extract(?1, '$.id'), NULL),"
	"  iif(json_type(?1, '$.created') = 'text', strftime("
	"    '%Y-%m-%dT%H:%M:%fZ', json_extract(?1, '$.created')), NULL),"
	"  iif(json_type(?1, '$.modified') = 'text', strftime("
	"    '%Y-%m-%dT%H:%M:%fZ', json_extract(?1, '$.modified')), NULL),"
	"  coalesce(iif(json_type(?1, '$.body.value') = 'text', "
	"    json_extract(?1, '$.body.value'), NULL), "
	"    iif(json_type(?1, '$.bodyValue') = 'text', "
	"    json_extract(?1, '$.bodyValue'), NULL)),"
	"  json_type(?1, '$.\"hamish:deleted\"'),"
	"  iif(json_type(?1, '$.\"hamish:style\"') = 'text', "
	"    json_extract(?1, '$.\"hamish:style\"'), NULL),"
	"  iif(json_type(?1, '$.\"hamish:document\".family') = 'text', "
	"    json_extract(?1, '$.\"hamish:document\".family'), NULL),"
	"  iif(json_type(?1, '$.\"hamish:document\".symbol') = 'text', "
	"    json_extract(?1, '$.\"hamish:document\".symbol'), NULL),"
	"  iif(json_type(?1, '$.\"hamish:document\".title') = 'text', "
	"    json_extract(?1, '$.\"hamish:document\".title'), NULL),"
	"  a IS NOT NULL,"
	"  iif(json_type(a, '$.block') = 'integer', "
	"    json_extract(a, '$.block'), NULL),"
	"  iif(json_type(a, '$.start') = 'integer', "
	"    json_extract(a, '$.start'), NULL),"
	"  iif(json_type(a, '$.end') = 'integer', "
	"    json_extract(a, '$.end'), NULL),"
	"  json_type(a, '$.whole'),"
	"  iif(json_type(a, '$.paragraph') = 'text', "
	"    json_extract(a, '$.paragraph'), NULL),"
	"  iif(json_type(a, '$.paragraphHash') = 'text', "
	"    json_extract(a, '$.paragraphHash'), NULL),"
	"  iif(json_type(a, '$.documentHash') = 'text', "
	"    json_extract(a, '$.documentHash'), NULL),"
	"  iif(json_type(a, '$.status') = 'text', "
	"    json_extract(a, '$.status'), NULL),"
	"  iif(json_type(a, '$.score') IN ('integer', 'real'), "
	"    json_extract(a, '$.score'), NULL),"
	"  iif(json_type(?1, '$.\"hamish:status\"') = 'text', "
	"    json_extract(?1, '$.\"hamish:status\"'), NULL),"
	"  iif(json_type(sel, '$.exact') = 'text', "
	"    json_extract(sel, '$.exact'), NULL),"
	"  iif(json_type(sel, '$.prefix') = 'text', "
	"    json_extract(sel, '$.prefix'), NULL),"
	"  iif(json_type(sel, '$.suffix') = 'text', "
	"    json_extract(sel, '$.suffix'), NULL) "
	"FROM q, j";

enum {
	IT_ID, IT_CREATED, IT_MODIFIED, IT_NOTE, IT_DELETED, IT_STYLE,
	IT_FAMILY, IT_SYMBOL, IT_TITLE, IT_HAS_ANCHOR, IT_BLOCK, IT_START,
	IT_END, IT_WHOLE, IT_PARA, IT_PARA_FP, IT_DOC_HASH, IT_STATUS,
	IT_SCORE, IT_ITEM_STATUS, IT_EXACT, IT_PREFIX, IT_SUFFIX
};

/*
 * The row of one item, its text made well-formed UTF-8: JSON text need
 * not be (a raw 0x9B byte in a string), and SQLite turns a lone "\ud800"
 * escape into the three bytes of a surrogate.  Such sequences become
 * U+FFFD (text_utf8_valid()) before anything is stored.
 */
struct item_row {
	sqlite3_stmt	*st;
	char		*fixed[IT_SUFFIX + 1];	/* owned, or NULL: as is */
	size_t		 replaced;		/* U+FFFD put in */
};

/* Reads the fixed columns of r->st, which is on its row. */
static void
item_row_fix(struct item_row *r)
{
	struct buf b;

	buf_init(&b);
	for (int i = 0; i <= IT_SUFFIX; i++) {
		const char *t;
		size_t bad;

		r->fixed[i] = NULL;
		/* text only: sqlite3_column_text() would convert a number
		 * in place, and its sqlite3_column_type() is then undefined */
		if (sqlite3_column_type(r->st, i) != SQLITE_TEXT ||
		    (t = (const char *)sqlite3_column_text(r->st, i)) == NULL)
			continue;
		buf_reset(&b);
		bad = text_utf8_valid(&b, t,
		    (size_t)sqlite3_column_bytes(r->st, i));
		if (bad > 0) {
			r->fixed[i] = xstrdup(b.data);
			r->replaced += bad;
		}
	}
	buf_free(&b);
}

static void
item_row_free(struct item_row *r)
{
	for (int i = 0; i <= IT_SUFFIX; i++)
		free(r->fixed[i]);
}

/* Text column i of the item row, borrowed until the row goes. */
static const char *
it_text(const struct item_row *r, int i)
{
	if (r->fixed[i] != NULL)
		return r->fixed[i];
	return (const char *)sqlite3_column_text(r->st, i);
}

/*
 * The UUID of an item's id, "urn:uuid:" and 36 characters or the 36
 * alone, lowercased into out; false if it is not one.
 */
static bool
parse_uuid(const char *id, char out[37])
{
	if (id == NULL)
		return false;
	if (strncmp(id, "urn:uuid:", 9) == 0)
		id += 9;
	for (int i = 0; i < 36; i++) {
		char c = id[i];

		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (c != '-')
				return false;
		} else if (c >= 'A' && c <= 'F')
			c = (char)(c - 'A' + 'a');
		else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return false;
		out[i] = c;
	}
	out[36] = '\0';
	return id[36] == '\0';
}

/*
 * Merges one item (an object, JSON text) into the store, inside the
 * import's transaction; counts it in *n.  False only when the store
 * fails: an item that cannot be imported is counted as skipped.
 */
static bool
import_item(struct store *s, const char *item, struct store_import_stats *n,
    char **cause)
{
	struct anchor a;
	enum anchor_status status = ANCHOR_EXACT;
	const char *imod, *sname;
	char uuid[37];
	struct item_row r = { NULL, { NULL }, 0 };
	sqlite3_stmt *st;
	int64_t row[3], ver = 0, v[2];
	double score;
	bool found, ok = true;
	int deleted;

	if ((st = prep(s, cause, item_sql, "t", item)) == NULL)
		return false;
	if (step(s, st, cause) != SQLITE_ROW) {
		stmt_done(s, st);
		return false;
	}
	r.st = st;
	item_row_fix(&r);
	memset(&a, 0, sizeof a);
	a.exact = (char *)it_text(&r, IT_EXACT);
	a.prefix = (char *)it_text(&r, IT_PREFIX);
	a.suffix = (char *)it_text(&r, IT_SUFFIX);
	a.para = (char *)it_text(&r, IT_PARA);
	if (!parse_uuid(it_text(&r, IT_ID), uuid) ||
	    !sqlite3_column_int(st, IT_HAS_ANCHOR) || a.exact == NULL ||
	    sqlite3_column_type(st, IT_BLOCK) == SQLITE_NULL ||
	    sqlite3_column_int64(st, IT_BLOCK) < 0 ||
	    sqlite3_column_int64(st, IT_START) < 0 ||
	    sqlite3_column_int64(st, IT_END) < sqlite3_column_int64(st,
	    IT_START) ||
	    !parse_hex64(it_text(&r, IT_DOC_HASH), &a.doc_hash) ||
	    (it_text(&r, IT_STYLE) == NULL && it_text(&r, IT_NOTE) == NULL)) {
		n->skipped++;
		item_row_free(&r);
		stmt_done(s, st);
		return true;
	}
	a.block = col_size(st, IT_BLOCK);
	a.start = col_size(st, IT_START);
	a.end = col_size(st, IT_END);
	a.whole = it_text(&r, IT_WHOLE) != NULL &&
	    strcmp(it_text(&r, IT_WHOLE), "true") == 0;
	if (!parse_hex64(it_text(&r, IT_PARA_FP), &a.para_fp))
		a.para_fp = 0;
	sname = it_text(&r, IT_STATUS);
	if (sname == NULL)
		sname = it_text(&r, IT_ITEM_STATUS);
	if (sname != NULL && !anchor_status_parse(sname, &status))
		status = ANCHOR_REVIEW;
	score = sqlite3_column_type(st, IT_SCORE) == SQLITE_NULL ?
	    (status == ANCHOR_EXACT ? 1.0 : 0.0) :
	    sqlite3_column_double(st, IT_SCORE);
	if (score < 0 || score > 1)
		score = score < 0 ? 0 : 1;
	imod = it_text(&r, IT_MODIFIED);
	if (imod == NULL)
		imod = it_text(&r, IT_CREATED);

	deleted = it_text(&r, IT_DELETED) != NULL &&
	    strcmp(it_text(&r, IT_DELETED), "true") == 0;
	/* row: id, document, whether the item is newer than the row. */
	ok = get_ints(s, cause, &found, 3, row, "SELECT id, document_id, "
	    "?2 IS NOT NULL AND ?2 > modified FROM annotations WHERE "
	    "uuid = ?1", "tt", uuid, imod);
	if (ok && !found) {
		char dh[17];
		struct store_doc_key k = {
			.family = it_text(&r, IT_FAMILY),
			.symbol = it_text(&r, IT_SYMBOL),
			.title = it_text(&r, IT_TITLE),
			.path = NULL,
			.text_hash = dh	/* as the store writes it */
		};
		int64_t doc;
		bool nv;

		hex64(dh, a.doc_hash);
		ok = doc_resolve(s, &k, true, &doc, &ver, &nv, cause) &&
		    run(s, cause, "INSERT INTO annotations (uuid, document_id, "
		    "style, note, created, modified, deleted) VALUES (?1, ?2, "
		    "?3, ?4, coalesce(?5, ?6, " NOW "), coalesce(?6, ?5, " NOW
		    "), ?7)", "tittttb", uuid, doc, it_text(&r, IT_STYLE),
		    it_text(&r, IT_NOTE), it_text(&r, IT_CREATED),
		    it_text(&r, IT_MODIFIED), deleted) &&
		    anchor_write(s, ANCHOR_INSERT,
		    sqlite3_last_insert_rowid(s->db), ver, &a, status, score,
		    cause);
		if (ok) {
			n->added++;
			n->replaced += r.replaced;
		}
		item_row_free(&r);
		stmt_done(s, st);
		return ok;
	}

	/* Known: the anchor goes on the version of its hash, made a version
	 * of the annotation's document if it is new. */
	if (ok) {
		char dh[17];

		hex64(dh, a.doc_hash);
		ok = get_ints(s, cause, &found, 2, v, "SELECT id, document_id "
		    "FROM versions WHERE text_hash = ?1", "t", dh);
		if (ok && !found) {
			ok = run(s, cause, "INSERT INTO versions (document_id, "
			    "text_hash, symbol, first_seen) VALUES (?1, ?2, "
			    "nullif(?3, ''), " NOW ")", "itt", row[1], dh,
			    it_text(&r, IT_SYMBOL));
			ver = sqlite3_last_insert_rowid(s->db);
		} else if (ok)
			ver = v[1] == row[1] ? v[0] : 0;
	}
	if (ok && row[2]) {
		ok = run(s, cause, "UPDATE annotations SET style = ?2, note = "
		    "?3, deleted = ?4, modified = ?5 WHERE id = ?1", "ittbt",
		    row[0], it_text(&r, IT_STYLE), it_text(&r, IT_NOTE),
		    deleted, imod);
		if (ok) {
			n->updated++;
			n->replaced += r.replaced;
		}
	} else if (ok)
		n->unchanged++;
	if (ok && ver != 0)
		ok = anchor_write(s, ANCHOR_IGNORE, row[0], ver, &a, status,
		    score, cause);
	item_row_free(&r);
	stmt_done(s, st);
	return ok;
}

/*
 * The n bytes of JSON at s with each "\u0000" escape made "\ufffd" into
 * out, and how many: SQLite's JSON functions end a string at a NUL, and
 * what follows it in a note would be lost.  A backslash is only ever
 * the start of a two-character escape or of \uXXXX (outside strings
 * the text is not JSON), so escapes are found by stepping over them.
 */
static size_t
json_nul_escapes(const char *s, size_t n, struct buf *out)
{
	size_t i, clean = 0, k = 0;

	for (i = 0; i + 1 < n; i++) {
		if (s[i] != '\\')
			continue;
		if (i + 5 < n && memcmp(s + i + 1, "u0000", 5) == 0) {
			buf_add(out, s + clean, i - clean);
			buf_adds(out, "\\ufffd");
			clean = i + 6;
			k++;
		}
		i++;	/* the escaped character */
	}
	if (k > 0)
		buf_add(out, s + clean, n - clean);
	return k;
}

/* store_import_json() of JSON without NUL escapes; counts into *stats. */
static bool
import_json(struct store *s, const char *json, size_t len,
    struct store_import_stats *stats, char **cause)
{
	struct store_import_stats n = *stats;
	sqlite3_stmt *st;
	int64_t v[2];
	bool found, ok;
	int rc = 0;

	if (!get_ints(s, cause, &found, 2, v, "SELECT json_valid(?1), "
	    "iif(json_valid(?1), json_type(?1, '$.items') = 'array', 0)", "l",
	    json, len))
		return false;
	if (!v[0]) {
		*cause = xstrdup("not valid JSON: nothing imported");
		return false;
	}
	if (!v[1]) {
		*cause = xstrdup("no \"items\" array: not an export of "
		    "annotations; nothing imported");
		return false;
	}
	if (!tx_begin(s, cause))
		return false;
	st = prep(s, cause, "SELECT iif(type = 'object', value, NULL) FROM "
	    "json_each(?1, '$.items') ORDER BY key", "l", json, len);
	ok = st != NULL;
	while (ok && (rc = step(s, st, cause)) == SQLITE_ROW) {
		const char *item = (const char *)sqlite3_column_text(st, 0);

		if (item == NULL)
			n.skipped++;
		else
			ok = import_item(s, item, &n, cause);
	}
	if (ok && rc == 0)
		ok = false;
	stmt_done(s, st);
	if (!tx_end(s, ok, cause))
		return false;
	*stats = n;
	return true;
}

/* json (len bytes) borrowed; *stats filled only on success. */
bool
store_import_json(struct store *s, const char *json, size_t len,
    struct store_import_stats *stats, char **cause)
{
	struct store_import_stats n = { 0, 0, 0, 0, 0 };
	struct buf fixed;
	size_t nuls;
	bool ok;

	assert(s != NULL && json != NULL && stats != NULL && cause != NULL);
	*cause = NULL;
	s->rc = 0;	/* store_failed(): nothing failed yet */
	buf_init(&fixed);
	if ((nuls = json_nul_escapes(json, len, &fixed)) > 0) {
		json = fixed.data;
		len = fixed.len;
	}
	ok = import_json(s, json, len, &n, cause);
	buf_free(&fixed);
	if (!ok)
		return false;
	n.replaced += nuls;
	*stats = n;
	return true;
}

/* --- the library --------------------------------------------------- */

/*
 * The rows of the files directly in a directory: paths that start with
 * ?1, the directory and a slash, and have no slash after it.  Paths are
 * compared as bytes (file names need not be UTF-8), so the range is
 * [?1, ?2) with ?2 the prefix whose last slash is made '0', the byte
 * after '/', and the rest (from byte ?3) is looked at as a blob.
 */
#define IN_DIR	"path > ?1 AND path < ?2 AND " \
		"instr(substr(CAST(path AS BLOB), ?3), x'2f') = 0"

/* The bounds of IN_DIR for directory dir (caller frees both). */
static void
dir_range(const char *dir, char **lo, char **hi)
{
	size_t n = strlen(dir);

	*lo = n > 0 && dir[n - 1] == '/' ? xstrdup(dir) :
	    xasprintf("%s/", dir);
	*hi = xstrdup(*lo);
	(*hi)[strlen(*hi) - 1] = '0';
}

#ifndef NDEBUG
/* Is path a file directly in directory dir?  (For the assertions.) */
static bool
in_dir(const char *dir, const char *path)
{
	size_t n = strlen(dir);

	if (n > 0 && dir[n - 1] == '/')
		n--;
	return strncmp(path, dir, n) == 0 && path[n] == '/' &&
	    path[n + 1] != '\0' && strchr(path + n + 1, '/') == NULL;
}
#endif

/* One row of store_library_list()'s query. */
static void
lib_row_read(sqlite3_stmt *st, void *row)
{
	struct store_lib_file *f = row;

	f->path = col_dup(st, 0);
	f->symbol = col_dup(st, 1);
	f->title = col_dup(st, 2);
	f->size = sqlite3_column_int64(st, 3);
	f->mtime = sqlite3_column_int64(st, 4);
}

/* Frees the strings of one store_lib_file. */
static void
lib_row_clear(void *row)
{
	struct store_lib_file *f = row;

	free(f->path);
	free(f->symbol);
	free(f->title);
}

/* dir borrowed; *files is the caller's (store_library_free()). */
bool
store_library_list(struct store *s, const char *dir,
    struct store_lib_file **files, size_t *n, char **cause)
{
	sqlite3_stmt *st;
	char *lo, *hi;
	void *v;
	size_t len;

	assert(s != NULL && dir != NULL && files != NULL && n != NULL &&
	    cause != NULL);
	*cause = NULL;
	*files = NULL;
	*n = 0;
	dir_range(dir, &lo, &hi);
	st = prep(s, cause, "SELECT path, symbol, title, size, mtime FROM "
	    "library WHERE " IN_DIR " ORDER BY path", "tti", lo, hi,
	    (int64_t)strlen(lo) + 1);
	free(lo);
	free(hi);
	if (!rows_read(s, st, sizeof **files, lib_row_read, lib_row_clear, &v,
	    &len, cause))
		return false;
	*files = v;
	*n = len;
	return true;
}

/* dir and files borrowed. */
bool
store_library_set(struct store *s, const char *dir,
    const struct store_lib_file *files, size_t n, char **cause)
{
	char *lo, *hi;
	bool ok;

	assert(s != NULL && dir != NULL && (files != NULL || n == 0) &&
	    cause != NULL);
	*cause = NULL;
	if (!tx_begin(s, cause))
		return false;
	dir_range(dir, &lo, &hi);
	ok = run(s, cause, "DELETE FROM library WHERE " IN_DIR, "tti", lo, hi,
	    (int64_t)strlen(lo) + 1);
	free(lo);
	free(hi);
	for (size_t i = 0; ok && i < n; i++) {
		const struct store_lib_file *f = &files[i];

		assert(f->path != NULL && in_dir(dir, f->path));
		ok = run(s, cause, "INSERT INTO library (path, symbol, title, "
		    "size, mtime) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT "
		    "(path) DO UPDATE SET symbol = excluded.symbol, title = "
		    "excluded.title, size = excluded.size, mtime = "
		    "excluded.mtime", "tttii", f->path, f->symbol, f->title,
		    f->size, f->mtime);
	}
	return tx_end(s, ok, cause);
}

/* Frees the n files of store_library_list() and their strings. */
void
store_library_free(struct store_lib_file *files, size_t n)
{
	rows_free(files, n, sizeof *files, lib_row_clear);
}
