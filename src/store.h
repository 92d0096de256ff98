/*
 * store.h - the user's annotations, bookmarks and reading positions in
 * one SQLite file.
 *
 * store.c is the only file that includes sqlite3.h.  It knows rows, not
 * documents: callers (notes.c) hand it plain values.  Every change is
 * committed in its own transaction when it is made, so a crash or a
 * SIGKILL loses nothing that a call reported as done; two processes may
 * use one file at once (WAL and a busy timeout: never "database is
 * locked").  The schema version is PRAGMA user_version; migrations run
 * forward only, each in one transaction; a file from a newer hamish is
 * refused and never modified, and so is a file that is not a database.
 *
 * Tables (schema 4):
 *   documents   a document and its revisions: symbol family (A/C.3/79/L.25
 *               for .../Rev.1 too), title, last reading position
 *   versions    one text of a document, by the hash of its blocks, and
 *               what its text is like, a sketch                  (v4)
 *   paths       files seen, each with its document and version
 *   annotations uuid, document, style (a highlight), note text, created,
 *               modified, deleted (a tombstone: deletion is undoable)
 *   anchors     one per annotation and version it was placed on
 *   marks       bookmarks: a-z per document, A-Z global          (v2)
 *   library     the files of the library directories with their
 *               symbol, title, size and modification time, so that
 *               unchanged files are not read again (library.c)     (v3)
 *
 * Times are ISO 8601 UTC strings with milliseconds
 * ("2026-11-22T09:30:00.123Z"), so that they sort as text.  Hashes are 16
 * lowercase hex digits.  Every string returned is owned by the caller,
 * freed as said; every error is a caller-freed *cause of one line.
 */
#ifndef HAMISH_STORE_H
#define HAMISH_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "anchor.h"

#define STORE_SCHEMA	4

struct store;

/*
 * The default database path: $XDG_DATA_HOME/hamish/hamish.db, else
 * $HOME/.local/share/hamish/hamish.db (caller frees); NULL if neither
 * variable is set.  HAMISH_DB and --db are main's business.
 */
char		*store_path_default(void);

/*
 * Opens (creating it if need be) the database at path: missing parent
 * directories are made with mode 0700, a new file gets mode 0600.  Sets
 * WAL, a busy timeout and foreign keys, then migrates to STORE_SCHEMA.
 * Returns NULL with *cause when the file is not a database or is
 * damaged ("PATH: not a hamish database (...)"), comes from a newer
 * hamish ("PATH: made by a newer hamish (schema N); not changed"), or
 * cannot be opened or created; the file is then left as it was.  A file
 * that cannot be written is opened read-only: store_readonly() says so
 * and every change fails with a message.
 */
struct store	*store_open(const char *, char **);
void		 store_close(struct store *);
bool		 store_readonly(const struct store *);
/*
 * Why a file that should have been writable was opened read-only: "the
 * disk is full" (store_open() fell back when the -wal, the -shm or a
 * first write could not be made), or NULL.  Borrowed until
 * store_close().
 */
const char	*store_readonly_why(const struct store *);
/*
 * After store_import_json() returned false: whether the database failed
 * (read-only, damaged, full, locked) rather than the JSON it was given;
 * for the exit status.
 */
bool		 store_failed(const struct store *);
/*
 * Whether store_open() found an empty file (0 bytes) at the path, there
 * before the call, and made it a new database: the caller says so.
 */
bool		 store_was_empty(const struct store *);
const char	*store_path(const struct store *);

/*
 * Runs PRAGMA integrity_check; true if it says "ok".  For tests and
 * `hamish notes check`.
 */
bool		 store_check(struct store *, char **);

/*
 * For tests only: lets the database grow by at most n more pages (PRAGMA
 * max_page_count, this connection only), so that a test can make the
 * store "full" without filling a disk.
 */
bool		 store_limit_pages(struct store *, long, char **);

/* --- documents ----------------------------------------------------- */

/* Who a text is: a plain value of borrowed strings, any may be NULL
 * except text_hash. */
struct store_doc_key {
	const char	*family;	/* symbol without /Rev.N */
	const char	*symbol;	/* as printed, A/C.3/79/L.25/Rev.1 */
	const char	*title;
	const char	*path;		/* absolute path of the file */
	const char	*text_hash;	/* anchor_doc_hash(), 16 hex digits */
	const char	*sketch;	/* anchor_doc_sketch(), or NULL */
};

/*
 * Finds the document a text belongs to, in order: a version with the
 * same text hash; else, if the text has a family, the document of that
 * family (and only that) if the texts agree (their sketches, when both
 * have one: anchor_sketch_similarity() 0.5 or more), a new document
 * without a family if they do not; else the document last seen at the same path
 * (a draft overwritten by its revision); else a document without family
 * of the same non-empty title; else a new document.  Adds the version
 * and records the path.  *doc and *version receive the ids, *new_version
 * (may be NULL) whether this text was never seen before.  On a read-only
 * store nothing is added: unknown ids are 0.
 */
bool		 store_doc_open(struct store *, const struct store_doc_key *,
		    int64_t *, int64_t *, bool *, char **);
/* Moves every version, path, annotation and mark of document from into
 * document into, then deletes from (`hamish notes carry OLD NEW`). */
bool		 store_doc_merge(struct store *, int64_t, int64_t, char **);

/* A document as listed, owned strings (store_docs_free()). */
struct store_doc {
	int64_t		 id;
	char		*family;	/* or NULL */
	char		*title;		/* or NULL */
	char		*symbol;	/* of the latest version, or NULL */
	char		*path;		/* the file seen last, or NULL */
	int64_t		 version;	/* the version seen last */
	char		*text_hash;	/* of that version */
	size_t		 notes;		/* annotations, tombstones excluded */
};

/* Every document, by id. */
bool		 store_docs_list(struct store *, struct store_doc **, size_t *,
		    char **);
void		 store_docs_free(struct store_doc *, size_t);

/* --- reading positions and bookmarks ------------------------------- */

/* A place in a document, a plain value; para owned by the caller when
 * returned (free()). */
struct store_place {
	char		*para;		/* address of the block, or NULL */
	size_t		 block;		/* block index */
	size_t		 offset;	/* code point in the block's text */
};

bool		 store_position_set(struct store *, int64_t,
		    const struct store_place *, char **);
/* *found false (and *out untouched) if none was stored. */
bool		 store_position_get(struct store *, int64_t,
		    struct store_place *, bool *, char **);
/* *found: whether the document last seen at path (absolute) has a
 * reading position stored past its start; nothing is written. */
bool		 store_path_position(struct store *, const char *, bool *,
		    char **);

/*
 * Bookmark letter a-z belongs to document doc, A-Z is global: it
 * remembers its document, whose last path store_mark_get() returns in
 * *path (caller frees; NULL for a-z).  Setting a letter again moves it.
 */
bool		 store_mark_set(struct store *, int, int64_t,
		    const struct store_place *, char **);
bool		 store_mark_get(struct store *, int, int64_t,
		    struct store_place *, int64_t *, char **, bool *, char **);

/* --- annotations --------------------------------------------------- */

/*
 * An annotation as loaded, owned strings (store_notes_free()).  A
 * highlight has a style, a note has text, a highlight with a note both.
 */
struct store_note {
	int64_t		 id;
	char		*uuid;		/* 36 characters */
	char		*style;		/* highlight style name, or NULL */
	char		*text;		/* the note, or NULL */
	char		*created;
	char		*modified;
	bool		 deleted;
	int64_t		 version;	/* the version anchor belongs to */
	struct anchor	 anchor;	/* heap strings */
	enum anchor_status status;	/* as stored with the anchor */
	double		 score;
};

/*
 * The annotations of document doc, tombstones too if with_deleted, in
 * the order they were created, each with its anchor on version if it
 * has one, else its most recent anchor (then note->version differs).
 */
bool		 store_notes_load(struct store *, int64_t, int64_t, bool,
		    struct store_note **, size_t *, char **);
void		 store_notes_free(struct store_note *, size_t);

/*
 * Adds an annotation of document doc with its anchor on version (status
 * exact), in one transaction.  style or text may be NULL, not both.
 * *uuid (may be NULL) receives the new UUID (caller frees).
 */
bool		 store_note_add(struct store *, int64_t, int64_t,
		    const char *, const char *, const struct anchor *,
		    char **, char **);
/* Sets style and text (NULL: none) and the modified time. */
bool		 store_note_update(struct store *, const char *, const char *,
		    const char *, char **);
/* Sets or clears the tombstone (and the modified time). */
bool		 store_note_delete(struct store *, const char *, bool, char **);
/*
 * Stores where annotation uuid sits on version: a new anchor row, or the
 * version's row replaced (a re-attachment by hand).  Earlier versions'
 * anchors are kept.
 */
bool		 store_anchor_put(struct store *, const char *, int64_t,
		    const struct anchor *, enum anchor_status, double, char **);

/* Where annotations landed on version, in one transaction (many at
 * once after a revision is opened): like store_anchor_put() for each. */
struct store_anchor_row {
	const char	*uuid;
	const struct anchor *anchor;
	enum anchor_status status;
	double		 score;
};
bool		 store_anchors_put(struct store *, int64_t,
		    const struct store_anchor_row *, size_t, char **);

/* --- exchange ------------------------------------------------------ */

struct store_import_stats {
	size_t		 added;
	size_t		 updated;	/* newer here than in the store */
	size_t		 unchanged;
	size_t		 skipped;	/* items that cannot be imported: no
					   UUID, anchor or quote selector */
	size_t		 replaced;	/* in the items added or updated:
					   ill-formed UTF-8 (a stray byte, a
					   lone "\ud800" escape) made U+FFFD */
};

/*
 * Merges len bytes of JSON as `hamish notes export --format json` writes
 * it (notes.c, format in hamish(1)) into the store, in one transaction:
 * by UUID, the newer modified time wins, tombstones included; an item's
 * document is found as store_doc_open() does (no path), its anchor kept
 * for the version of its document hash.  Importing the same file twice
 * changes nothing.  Parsed with SQLite's JSON functions; text that is
 * not well-formed UTF-8, and a "\u0000" escape, is stored with U+FFFD in
 * its place (counted in stats->replaced), never as it came.
 */
bool		 store_import_json(struct store *, const char *, size_t,
		    struct store_import_stats *, char **);

/* --- the library -------------------------------------------------- */

/*
 * A file of a library directory as indexed (library.c): a plain value,
 * owned strings when returned (store_library_free()), borrowed when
 * given.  symbol NULL: the file is no document, remembered so that it
 * is not read again.  size and mtime are only compared by the caller,
 * which says what they count (library.c: bytes, nanoseconds).
 */
struct store_lib_file {
	char		*path;		/* absolute, in the directory */
	char		*symbol;	/* or NULL */
	char		*title;		/* or NULL */
	int64_t		 size;
	int64_t		 mtime;
};

/*
 * The files indexed directly in directory dir (an absolute path, not in
 * its subdirectories), by path as bytes; *files is the caller's, freed
 * with store_library_free().
 */
bool		 store_library_list(struct store *, const char *,
		    struct store_lib_file **, size_t *, char **);
/*
 * Makes the n files (each directly in dir) the index of directory dir,
 * in one transaction: files indexed there before and not given are
 * forgotten.  Fails on a read-only store.
 */
bool		 store_library_set(struct store *, const char *,
		    const struct store_lib_file *, size_t, char **);
void		 store_library_free(struct store_lib_file *, size_t);

#endif
