/*
 * doc.c - the plain reading of a document.  Never talks to a terminal.
 */
#include <string.h>

#include "doc.h"
#include "util.h"

/* Length of the line at s (up to, not including, its line end). */
static size_t
line_len(const char *s, size_t len)
{
	const char *lf = memchr(s, '\n', len), *cr;
	size_t n = lf != NULL ? (size_t)(lf - s) : len;

	cr = memchr(s, '\r', n);	/* old Mac line ends, or CRLF */
	return cr != NULL ? (size_t)(cr - s) : n;
}

/* Bytes of the line end at s: 0 (end of text), 1 or 2 (CRLF). */
static size_t
eol_len(const char *s, size_t len)
{
	if (len == 0)
		return 0;
	if (s[0] == '\r' && len > 1 && s[1] == '\n')
		return 2;
	return 1;
}

static bool
is_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

bool
doc_plain_next(struct doc_plain *it, struct buf *para, size_t *first)
{
	const char *s = it->s;
	size_t n;
	bool found = false;

	buf_reset(para);
	while (it->pos < it->len) {
		n = line_len(s + it->pos, it->len - it->pos);
		if (is_blank(s + it->pos, n)) {
			if (found)
				break;
		} else {
			if (found)
				buf_addc(para, ' ');
			else
				*first = it->line + 1;
			buf_add(para, s + it->pos, n);
			found = true;
		}
		it->pos += n;
		it->pos += eol_len(s + it->pos, it->len - it->pos);
		it->line++;
	}
	return found;
}

size_t
doc_plain_split(const char *s, size_t len, size_t from)
{
	size_t p, n;

	if (from >= len)
		return len;
	/* The start of the first line after the one from is in. */
	p = from + line_len(s + from, len - from);
	p += eol_len(s + p, len - p);
	while (p < len) {
		n = line_len(s + p, len - p);
		if (is_blank(s + p, n))
			return p;
		p += n;
		p += eol_len(s + p, len - p);
	}
	return len;
}
