/*
 * doc-decode.c - the first stage of the text importer: bytes -> UTF-8.
 *
 * A file is read in one buffer and validated while it is read
 * (imp_file_read()); imp_decode() then takes a BOM off, tells UTF-8
 * from UTF-16 (by its BOM) and from legacy charsets (windows-1256,
 * ISO-8859-6: ICU guesses, through text.h), converts, and repairs what
 * is left: each ill-formed UTF-8 byte and each NUL a conversion made
 * becomes U+FFFD, with a warning.  Text that is UTF-8 already (nearly
 * all) is not copied.  Validation goes eight bytes at a time.
 *
 * Never prints, never exits; the only talk to ICU is through text.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc-import-int.h"
#include "text.h"

#define MAX_BAD_DIAGS	10		/* invalid-byte warnings listed */

/*
 * Whether the 8 bytes at s are ASCII (but NUL) or whole two-byte
 * sequences (C2..DF and a continuation byte), the bulk of Arabic text,
 * given that s[0] starts a character.  *adv receives 8, or 7 when s[7]
 * is a lead byte whose continuation is in the next 8.  Branch-free bit
 * arithmetic on the eight bytes at once: byte k is bits 8k..8k+7.
 */
static inline bool
utf8_fast8(const unsigned char *s, size_t *adv)
{
	const uint64_t hi = 0x8080808080808080ULL;
	const uint64_t lo7 = 0x7F7F7F7F7F7F7F7FULL;
	const uint64_t x1e = 0x1E1E1E1E1E1E1E1EULL;
	uint64_t w, b7, b6, b5, lead, cont, nz, zero;

	/* A little-endian load, whatever the machine (one instruction). */
	w = (uint64_t)s[0] | (uint64_t)s[1] << 8 | (uint64_t)s[2] << 16 |
	    (uint64_t)s[3] << 24 | (uint64_t)s[4] << 32 |
	    (uint64_t)s[5] << 40 | (uint64_t)s[6] << 48 |
	    (uint64_t)s[7] << 56;
	/* Each mask has bit 7 of a byte set where the byte is ... */
	b7 = w & hi;			/* 1xxxxxxx */
	b6 = (w << 1) & hi;		/* x1xxxxxx */
	b5 = (w << 2) & hi;		/* xx1xxxxx */
	lead = b7 & b6 & ~b5;		/* 110xxxxx */
	cont = b7 & ~b6;		/* 10xxxxxx */
	nz = ((w & x1e) + lo7) & hi;	/* xxxyyyyx, yyyy not 0 (not C0, C1) */
	zero = ~(((w & lo7) + lo7) | w) & hi;	/* 00000000 */
	/*
	 * One test: no 3- or 4-byte lead (111xxxxx), no continuation byte
	 * first, every lead followed by a continuation byte and every
	 * continuation byte after a lead (the lead mask moved up a byte is
	 * the continuation mask), no overlong lead C0 or C1, no NUL.
	 */
	if (((b7 & b6 & b5) | (cont & 0xFF) | ((lead << 8) ^ cont) |
	    (lead & ~nz) | zero) != 0)
		return false;
	*adv = 8 - (size_t)(lead >> 63);
	return true;
}

/*
 * Length of the longest prefix of s that is well-formed UTF-8 without a
 * NUL byte (a NUL is well-formed, but no text document has one).
 */
static size_t
utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, stop, adv;
	unsigned c;

	while (i < n) {
		if (n - i >= 8) {
			if (utf8_fast8(s + i, &adv)) {
				i += adv;
				continue;
			}
			stop = i + 8;	/* these 8 byte by byte */
		} else
			stop = n;
		while (i < stop) {
			c = s[i];
			if (c < 0x80) {
				if (c == 0)
					return i;
				i++;
			} else if (c >= 0xC2 && c <= 0xDF) {
				if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80)
					return i;
				i += 2;
			} else if (c >= 0xE0 && c <= 0xEF) {
				if (i + 2 >= n || (s[i + 1] & 0xC0) != 0x80 ||
				    (s[i + 2] & 0xC0) != 0x80 ||
				    (c == 0xE0 && s[i + 1] < 0xA0) ||
				    (c == 0xED && s[i + 1] >= 0xA0))
					return i;
				i += 3;
			} else if (c >= 0xF0 && c <= 0xF4) {
				if (i + 3 >= n || (s[i + 1] & 0xC0) != 0x80 ||
				    (s[i + 2] & 0xC0) != 0x80 ||
				    (s[i + 3] & 0xC0) != 0x80 ||
				    (c == 0xF0 && s[i + 1] < 0x90) ||
				    (c == 0xF4 && s[i + 1] >= 0x90))
					return i;
				i += 4;
			} else
				return i;
		}
	}
	return n;
}

/* --- bytes to UTF-8 ------------------------------------------------------ */

/*
 * UTF-8 with each ill-formed byte replaced by U+FFFD into out, a warning
 * for each of the first few lines that had one.
 */
static void
utf8_repair(struct doc *d, const char *s, size_t n, size_t ok,
    struct buf *out)
{
	size_t i = 0, bad = 0, line = 1, lastline = 0, from = 0;
	const char *q;

	while (i < n) {
		buf_add(out, s + i, ok);
		i += ok;
		if (i >= n)
			break;
		/* Count the lines up to here only when there is news. */
		for (q = s + from; (q = memchr(q, '\n', (size_t)(s + i - q)))
		    != NULL; q++)
			line++;
		from = i;
		buf_adds(out, "\xEF\xBF\xBD");
		bad++;
		if (line != lastline && bad <= MAX_BAD_DIAGS)
			doc_diag_add(d, DOC_DIAG_WARNING, line,
			    "invalid UTF-8 replaced by U+FFFD");
		lastline = line;
		i++;
		ok = utf8_valid(s + i, n - i);
	}
	if (bad > MAX_BAD_DIAGS)
		doc_diag_add(d, DOC_DIAG_WARNING, 0,
		    "%zu invalid UTF-8 bytes replaced in all", bad);
}

/*
 * A U+0000 that a charset conversion (UTF-16) made is replaced by
 * U+FFFD, with a warning: block text is a C string (found by fuzzing).
 */
static void
nul_repair(struct doc *d, struct buf *conv)
{
	struct buf out;
	size_t i, nnul = 0;

	if (conv->len == 0 || memchr(conv->data, '\0', conv->len) == NULL)
		return;
	buf_init(&out);
	for (i = 0; i < conv->len; i++)
		if (conv->data[i] == '\0') {
			buf_adds(&out, "\xEF\xBF\xBD");
			nnul++;
		} else
			buf_addc(&out, conv->data[i]);
	doc_diag_add(d, DOC_DIAG_WARNING, 0,
	    "%zu NUL characters replaced by U+FFFD", nnul);
	buf_free(conv);
	*conv = out;
}

/*
 * Decodes the bytes into UTF-8 text: *text points either into bytes or
 * into conv, which the caller frees.  valid: utf8_valid() of the bytes
 * if the caller knows it, else NOFF.  (NFC comes later, block by block,
 * in imp_emit(): most blocks are NFC and need no copy.)  Returns -1 with
 * *cause for input that is not a text document.
 */
int
imp_decode(struct doc *d, const char *bytes, size_t len, size_t valid,
    const char *enc, struct buf *conv, const char **text, size_t *tlen,
    char **cause)
{
	const char *name = NULL;
	size_t ok, nbad = 0;
	int conf = 0;

	if (enc == NULL) {
		if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
			bytes += 3;
			len -= 3;
			if (valid != NOFF)
				valid -= 3;	/* the BOM is well-formed */
		} else if (len >= 2 && memcmp(bytes, "\xFF\xFE", 2) == 0)
			enc = "UTF-16LE", bytes += 2, len -= 2;
		else if (len >= 2 && memcmp(bytes, "\xFE\xFF", 2) == 0)
			enc = "UTF-16BE", bytes += 2, len -= 2;
	}
	if (enc == NULL) {
		/* One pass for both: utf8_valid() stops at a NUL byte. */
		ok = valid != NOFF ? valid : utf8_valid(bytes, len);
		if (ok < len && memchr(bytes + ok, '\0', len - ok) != NULL) {
			*cause = xstrdup("not a text document");
			return -1;
		}
	}
	if (len == 0) {
		*cause = xstrdup("empty document");
		return -1;
	}
	if (enc == NULL) {
		if (ok == len) {
			name = "UTF-8";
			*text = bytes;
			*tlen = len;
		} else {
			name = text_charset_detect(bytes, len, &conf);
			if (name == NULL || strcmp(name, "UTF-8") == 0 ||
			    strncmp(name, "UTF-16", 6) == 0 ||
			    strncmp(name, "UTF-32", 6) == 0) {
				name = "UTF-8";
				utf8_repair(d, bytes, len, ok, conv);
			} else {
				doc_diag_add(d, DOC_DIAG_NOTE, 0,
				    "not UTF-8; read as %s (ICU confidence "
				    "%d)", name, conf);
				enc = name;
			}
		}
	}
	if (enc != NULL) {
		if (text_charset_to_utf8(enc, bytes, len, conv, &nbad,
		    cause) != 0)
			return -1;
		if (nbad > 0)
			doc_diag_add(d, DOC_DIAG_WARNING, 0,
			    "%zu bytes not in %s replaced by U+FFFD", nbad,
			    enc);
		nul_repair(d, conv);
		name = enc;
	}
	if (conv->len > 0 || enc != NULL) {
		*text = conv->data != NULL ? conv->data : "";
		*tlen = conv->len;
		/* A BOM that a forced charset kept. */
		if (*tlen >= 3 && memcmp(*text, "\xEF\xBB\xBF", 3) == 0) {
			*text += 3;
			*tlen -= 3;
		}
	}
	doc_meta_set(d, DOC_META_ENCODING, name, strlen(name));
	return 0;
}

#define READ_CHUNK	(256 * 1024)	/* read, then validate in cache */

/*
 * util_file_read() for a regular file whose size is known: the buffer is
 * allocated once and prefaulted before read() fills it, which saves the
 * 2,000 page faults of an 8 MB file; and each chunk read is checked for
 * UTF-8 at once, while it is still in the cache, rather than in another
 * pass over the whole buffer.  *valid receives utf8_valid() of the
 * bytes.  Anything else (standard input, a pipe, an empty or unreadable
 * file) goes to util_file_read(), which also words the errors, and
 * *valid is NOFF.  *out (caller frees) gets a NUL after *len bytes.
 */
int
imp_file_read(const char *path, char **out, size_t *len, size_t *valid,
    char **cause)
{
	struct stat st;
	size_t cap, n = 0, v = 0;
	bool vdone = false;
	ssize_t r;
	char *p;
	int fd;

	*valid = NOFF;
	if (strcmp(path, "-") == 0 ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return util_file_read(path, out, len, cause);
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uintmax_t)st.st_size >= SIZE_MAX / 2) {
		close(fd);
		return util_file_read(path, out, len, cause);
	}
	cap = (size_t)st.st_size + 1;
	p = xmalloc(cap);
	util_prefault(p, cap);
	for (;;) {
		if (n == cap - 1) {
			/* Full: the file grew, or this is its end, which a
			 * read into the buffer doubled would have found at
			 * the cost of twice the file's size in memory. */
			char probe[4096];

			if ((r = read(fd, probe, sizeof probe)) > 0) {
				cap = 2 * cap + sizeof probe;
				p = xreallocarray(p, cap, 1);
				memcpy(p + n, probe, (size_t)r);
			}
		} else
			r = read(fd, p + n, cap - 1 - n < READ_CHUNK ?
			    cap - 1 - n : READ_CHUNK);
		if (r == 0)
			break;
		if (r == -1) {
			if (errno == EINTR)
				continue;
			*cause = xasprintf("%s: %s", path, strerror(errno));
			close(fd);
			free(p);
			return -1;
		}
		n += (size_t)r;
		/*
		 * Stopped 4 bytes or more before the end, the check has
		 * found an ill-formed sequence: it is over.  Nearer the end,
		 * a sequence may be cut by the chunk: look again with more.
		 */
		if (!vdone) {
			v += utf8_valid(p + v, n - v);
			vdone = n - v >= 4;
		}
	}
	close(fd);
	if (!vdone)
		v += utf8_valid(p + v, n - v);
	p[n] = '\0';
	*out = p;
	*len = n;
	*valid = v;
	return 0;
}
