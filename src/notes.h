/*
 * notes.h - the annotations of one open document, placed on its text.
 *
 * The glue between a document (doc.h), anchoring (anchor.h) and the
 * user's database (store.h): it says which stored document a text is (a
 * new version of a known one or not), places every annotation on the
 * current text and records where each one landed, and turns the user's
 * actions (highlight, note, delete, undo, re-attach, bookmarks, reading
 * position) into store calls, each committed when it is made.  It also
 * writes the exchange formats of `hamish notes export`.  No SQLite here,
 * no terminal.
 */
#ifndef HAMISH_NOTES_H
#define HAMISH_NOTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "anchor.h"

struct buf;
struct doc;
struct store;
struct store_note;

/*
 * One annotation as placed on the current text; a read-only view,
 * borrowed from the notes until the next change.
 */
struct note {
	const struct store_note *sn;	/* uuid, style, text, the anchor */
	enum anchor_status status;	/* where it sits on this text */
	double		 score;
	size_t		 block;		/* unless ANCHOR_ORPHAN */
	size_t		 start;		/* code points of the block's text */
	size_t		 end;
	bool		 whole;		/* a note on the whole paragraph */
};

struct notes;

/*
 * The symbol family of a document symbol, "A/C.3/79/L.25" for
 * ".../Rev.1" (caller frees), or NULL for NULL.
 */
char		*notes_symbol_family(const char *);
/*
 * The title block of a document, which identifies it when it has no
 * symbol: the first lines of its header (organ, session, committee or
 * agenda item) and its title, joined by " · "; NULL without a title.
 * Caller frees.
 */
char		*notes_title_block(const struct doc *);

/*
 * Opens the annotations of d, read from path (both borrowed: they must
 * outlive the notes), in store st (borrowed; it may be read-only): finds
 * or adds the document and this version, places every annotation and
 * stores where the ones that moved landed on this version.  Returns NULL
 * with *cause (caller frees) when the store fails.
 */
struct notes	*notes_open(struct store *, const struct doc *, const char *,
		    char **);
/*
 * The annotations of stored document id as they were last placed, for a
 * document whose file is gone (no text: statuses as stored, nothing is
 * placed again, nothing written).
 */
struct notes	*notes_open_stored(struct store *, int64_t, char **);
void		 notes_free(struct notes *);
int64_t		 notes_doc_id(const struct notes *);
/* The document, or NULL for notes_open_stored(). */
const struct doc *notes_doc(const struct notes *);

/*
 * The annotations, tombstones excluded, in the order of the notes list:
 * placed ones by block and offset, then those that need review, then
 * the orphans.
 */
size_t		 notes_count(const struct notes *);
const struct note *notes_get(const struct notes *, size_t);
/* How many have each status. */
size_t		 notes_count_status(const struct notes *, enum anchor_status);
/*
 * The index of the annotation at code point off of block (or on the
 * whole block when off is (size_t)-1), the innermost one first, or -1.
 */
long		 notes_find(const struct notes *, size_t, size_t);
/* The index of the annotation with this uuid, or -1. */
long		 notes_find_uuid(const struct notes *, const char *);

/*
 * Adds an annotation on code points [start, end) of block, or on the
 * whole block if whole: a highlight of style (or NULL), a note text (or
 * NULL), not both NULL.  *index (may be NULL) receives its index.
 */
bool		 notes_add(struct notes *, size_t, size_t, size_t, bool,
		    const char *, const char *, size_t *, char **);
/* Sets annotation i's style and text (NULL: none); when both would be
 * NULL the annotation is deleted instead. */
bool		 notes_set(struct notes *, size_t, const char *, const char *,
		    char **);
/* Deletes annotation i (a tombstone) and remembers it for undo. */
bool		 notes_delete(struct notes *, size_t, char **);
/*
 * Takes back the last change of this session (add, style or text, delete,
 * re-attach; a group as one); false with "nothing to undo" if none.
 */
bool		 notes_undo(struct notes *, char **);
/* What notes_undo() would take back next. */
enum notes_undo_what {
	NOTES_UNDO_NOTHING,
	NOTES_UNDO_ADD,
	NOTES_UNDO_CHANGE,
	NOTES_UNDO_DELETE,
	NOTES_UNDO_REATTACH
};
enum notes_undo_what notes_undo_next(const struct notes *);
/* The changes between begin and end are undone together. */
void		 notes_group_begin(struct notes *);
void		 notes_group_end(struct notes *);
/* Places annotation i on [start, end) of block by hand (status exact). */
bool		 notes_reattach(struct notes *, size_t, size_t, size_t, size_t,
		    char **);

/*
 * Where a stored place (a reading position, a bookmark) is in this
 * text: the block at its address if there still is one, else its block
 * index; false if neither exists.
 */
struct store_place;
bool		 notes_place_find(const struct notes *,
		    const struct store_place *, size_t *, size_t *);

/* The last reading position, placed; false if none. */
bool		 notes_position_get(struct notes *, size_t *, size_t *);
bool		 notes_position_set(struct notes *, size_t, size_t, char **);
/*
 * Bookmark letter: a-z belong to this document, A-Z to any document.
 * Get: *found false if unset; *path (caller frees) is NULL for a place
 * of this document, else the file of the other document, to open and
 * then place *where in with notes_place_find() (where->para is the
 * caller's to free).
 */
bool		 notes_mark_set(struct notes *, int, size_t, size_t, char **);
bool		 notes_mark_get(struct notes *, int, char **,
		    struct store_place *, bool *, char **);

/* --- exchange (`hamish notes export`) ------------------------------ */

enum notes_format {
	NOTES_MD,	/* Markdown, by document and paragraph, for people */
	NOTES_CSV,	/* one row per annotation, RFC 4180 */
	NOTES_JSON	/* W3C Web Annotation collection, for programs */
};

/* The format called name ("md", "csv", "json"); false if none. */
bool		 notes_format_parse(const char *, enum notes_format *);

/*
 * An export in progress, a plain value: notes_export_begin() starts it,
 * notes_export_add() appends the annotations of one document (placed on
 * its current text; for notes_open_stored() as stored, named by sd),
 * notes_export_end() closes it.  Everything goes to out (borrowed).
 */
struct store_doc;
struct notes_export {
	struct buf	*out;
	enum notes_format format;
	size_t		 items;		/* written so far */
};

void		 notes_export_begin(struct notes_export *, struct buf *,
		    enum notes_format);
void		 notes_export_add(struct notes_export *, struct notes *,
		    const char *, const struct store_doc *);
void		 notes_export_end(struct notes_export *);

#endif
