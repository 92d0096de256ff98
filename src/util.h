/*
 * util.h - memory, fatal errors and a growable byte buffer.
 *
 * The bottom of the dependency graph: every module may use it, it uses
 * nothing of hamish.  Out of memory is the one failure that is not
 * reported to the caller: xmalloc() and friends never return NULL, they
 * call die(), which first runs the hook the UI installed to restore the
 * terminal.
 */
#ifndef HAMISH_UTIL_H
#define HAMISH_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTIL_NELEM(a) (sizeof(a) / sizeof((a)[0]))

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* Formats into a new string; the caller frees it. */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

/* Prints "hamish: MSG" and exits with status 3, after the die hook. */
void	 die(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
/* Sets a function die() calls first (the UI restores the terminal). */
void	 util_die_hook_set(void (*)(void));

/*
 * A growable byte buffer.  data is NUL-terminated whenever len > 0 or
 * after buf_reset(); the buffer owns data, buf_free() releases it.
 */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_grow(struct buf *, size_t);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_addc(struct buf *, char);
void	 buf_adds(struct buf *, const char *);
void	 buf_addf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vaddf(struct buf *, const char *, va_list);
/* Appends code point cp as UTF-8 (cp must be a Unicode scalar value). */
void	 buf_add_utf8(struct buf *, uint32_t);
/* Writes cp as UTF-8 at p (room for 4 bytes); returns the bytes used. */
size_t	 utf8_put(char *, uint32_t);
/* Code points in n bytes of well-formed UTF-8 (lead bytes counted). */
size_t	 utf8_count(const char *, size_t);
/* Appends n bytes and a NUL; returns the offset they start at. */
size_t	 buf_add_str(struct buf *, const void *, size_t);
/* Appends s as a JSON string, or null for NULL; control characters
 * (C0, DEL, C1) and the bidi controls that reorder what follows them
 * (U+202A..202E, U+2066..2069) escaped so that the output is safe on a
 * terminal.  Bytes are copied: s must be UTF-8 for valid JSON
 * (text_utf8_valid() makes it so). */
void	 buf_add_json(struct buf *, const char *);
/* Hands data to the caller (who frees it) and empties the buffer. */
char	*buf_steal(struct buf *);

/*
 * Reads a whole file ("-" is standard input) into *out (caller frees) and
 * its size into *len.  On failure returns -1 and sets *cause (caller
 * frees) to a one-line message without the "hamish:" prefix.
 */
int	 util_file_read(const char *, char **, size_t *, char **);

/*
 * The lines of a text for a line-based parser (keymaps, themes):
 * util_lines_init() takes the text (borrowed until the last
 * util_lines_next()) and skips a byte order mark; each util_lines_next()
 * points *line into the text at the next line and gives its length in
 * *n without its "\n" or "\r\n" (the line is not NUL-terminated and may
 * hold a NUL byte), counts it in lineno (from 1), and is false after the
 * last line.  A final "\n" does not start another line.
 */
struct util_lines {
	const char	*p, *end;
	size_t		 lineno;
};
void	 util_lines_init(struct util_lines *, const char *, size_t);
bool	 util_lines_next(struct util_lines *, const char **, size_t *);

/*
 * FNV-1a, 64 bits: folds n bytes at p into hash h and returns the new
 * hash; start a fresh hash with UTIL_HASH64_INIT.  Byte order does not
 * matter, so a hash may be stored and compared on another machine.  Not
 * for adversarial input (it is not a keyed or cryptographic hash).
 */
#define UTIL_HASH64_INIT	0xcbf29ce484222325ULL
uint64_t util_hash64(const void *, size_t, uint64_t);

/*
 * Maps the pages of [p, p + n) now, in one system call, instead of one
 * page fault at a time as they are first written (the arena of an 8 MB
 * document is 2,000 pages; faulting them one by one was a fifth of the
 * import, more under a hypervisor).  Only a hint: the contents do not
 * change, and a kernel without MADV_POPULATE_WRITE (Linux < 5.14) just
 * faults later.  Small ranges are left alone.
 */
void	util_prefault(void *, size_t);

#endif
