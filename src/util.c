/*
 * util.c - the xmalloc family, die() and the growable buffer.
 *
 * Nothing here knows about text, documents or terminals.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static void (*die_hook)(void);

void
util_die_hook_set(void (*hook)(void))
{
	die_hook = hook;
}

void
die(const char *fmt, ...)
{
	va_list ap;

	if (die_hook != NULL) {
		void (*hook)(void) = die_hook;

		die_hook = NULL;	/* a hook that dies must not loop */
		hook();
	}
	fputs("hamish: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(3);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n == 0 ? 1 : n);

	if (p == NULL)
		die("out of memory (%zu bytes)", n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size);

	if (p == NULL)
		die("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / size)
		die("out of memory (%zu x %zu bytes)", n, size);
	p = realloc(old, n * size == 0 ? 1 : n * size);
	if (p == NULL)
		die("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return buf_steal(&b);
}

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/* Makes room for n more bytes plus the terminating NUL. */
void
buf_grow(struct buf *b, size_t n)
{
	size_t need;

	if (n > SIZE_MAX - b->len - 1)
		die("out of memory (buffer of %zu bytes)", b->len);
	need = b->len + n + 1;
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap = b->cap > SIZE_MAX / 2 ? need : b->cap * 2;
	b->data = xreallocarray(b->data, b->cap, 1);
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_addc(struct buf *b, char c)
{
	buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		die("bad format string");
	buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

size_t
utf8_count(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

size_t
utf8_put(char *p, uint32_t cp)
{
	if (cp < 0x80) {
		p[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		p[0] = (char)(0xC0 | (cp >> 6));
		p[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		p[0] = (char)(0xE0 | (cp >> 12));
		p[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		p[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	p[0] = (char)(0xF0 | (cp >> 18));
	p[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	p[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	p[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

void
buf_add_utf8(struct buf *b, uint32_t cp)
{
	buf_grow(b, 4);
	b->len += utf8_put(b->data + b->len, cp);
	b->data[b->len] = '\0';
}

size_t
buf_add_str(struct buf *b, const void *p, size_t n)
{
	size_t off = b->len;

	buf_add(b, p, n);
	buf_addc(b, '\0');
	return off;
}

char *
buf_steal(struct buf *b)
{
	char *p;

	if (b->data == NULL)
		return xstrdup("");
	p = b->data;
	buf_init(b);
	return p;
}

int
util_file_read(const char *path, char **out, size_t *len, char **cause)
{
	struct buf b;
	struct stat st;
	ssize_t n;
	int fd;

	*out = NULL;
	*len = 0;
	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	buf_init(&b);
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		*cause = xasprintf("%s: is a directory", path);
		goto fail;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		buf_grow(&b, (size_t)st.st_size);
	for (;;) {
		buf_grow(&b, 65536);
		n = read(fd, b.data + b.len, b.cap - b.len - 1);
		if (n == 0)
			break;
		if (n == -1) {
			if (errno == EINTR)
				continue;
			*cause = xasprintf("%s: %s", path, strerror(errno));
			goto fail;
		}
		b.len += (size_t)n;
	}
	b.data[b.len] = '\0';
	if (fd != STDIN_FILENO)
		close(fd);
	*len = b.len;
	*out = buf_steal(&b);
	return 0;
fail:
	if (fd != STDIN_FILENO)
		close(fd);
	buf_free(&b);
	return -1;
}

void
util_lines_init(struct util_lines *it, const char *text, size_t len)
{
	assert(text != NULL || len == 0);
	it->p = text;
	it->end = len > 0 ? text + len : text;
	it->lineno = 0;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		it->p += 3;		/* a byte order mark */
}

bool
util_lines_next(struct util_lines *it, const char **line, size_t *n)
{
	const char *nl;

	if (it->p >= it->end)
		return false;
	nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
	*line = it->p;
	*n = (size_t)((nl != NULL ? nl : it->end) - it->p);
	if (*n > 0 && it->p[*n - 1] == '\r')
		(*n)--;
	it->p = nl != NULL ? nl + 1 : it->end;
	it->lineno++;
	return true;
}

uint64_t
util_hash64(const void *p, size_t n, uint64_t h)
{
	const unsigned char *s = p;

	while (n-- > 0) {
		h ^= *s++;
		h *= 0x100000001b3ULL;	/* the 64-bit FNV prime */
	}
	return h;
}

/* Appends s as a JSON string (or null); control characters escaped. */
void
buf_add_json(struct buf *b, const char *s)
{
	const unsigned char *p;

	if (s == NULL) {
		buf_adds(b, "null");
		return;
	}
	buf_addc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			buf_adds(b, "\\\"");
			break;
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\t':
			buf_adds(b, "\\t");
			break;
		case '\r':
			buf_adds(b, "\\r");
			break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				buf_addf(b, "\\u%04x", *p);
			else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
				/* C1 controls (U+0080..009F): a terminal
				 * may take U+009B for CSI */
				buf_addf(b, "\\u%04x", *++p);
			else if (*p == 0xE2 && ((p[1] == 0x80 && p[2] >= 0xAA &&
			    p[2] <= 0xAE) || (p[1] == 0x81 && p[2] >= 0xA6 &&
			    p[2] <= 0xA9))) {
				/* bidi embeddings, overrides, isolates
				 * (U+202A..202E, U+2066..2069): they would
				 * reorder what follows on a terminal */
				buf_addf(b, "\\u%04x", 0x2000 | (p[1] & 0x3F) <<
				    6 | (p[2] & 0x3F));
				p += 2;
			}
			else
				buf_addc(b, (char)*p);
		}
	}
	buf_addc(b, '"');
}

void
util_prefault(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
	uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE), a, e;

	if (n < 64 * 1024 || pg == 0 || (pg & (pg - 1)) != 0)
		return;		/* small: not worth a system call */
	a = ((uintptr_t)p + pg - 1) & ~(pg - 1);
	e = ((uintptr_t)p + n) & ~(pg - 1);
	if (e > a)
		(void)madvise((void *)a, e - a, MADV_POPULATE_WRITE);
#else
	(void)p;
	(void)n;
#endif
}
