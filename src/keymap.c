/*
 * keymap.c - key names, bindings per mode and the parser of *.keys files
 * (see keymap.h).
 *
 * Pure data: no terminal, no printing, no exiting.  A bad line of a keys
 * file is handed to the caller's warn function as "FILE:LINE: message"
 * and skipped, so a typo in a user's file never stops the reader.  Each
 * mode keeps its bindings in an array in the order they were bound (the
 * help screen lists keys in that order); a few dozen bindings per mode
 * make a linear search the simplest thing that is fast enough.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "keymap.h"
#include "util.h"

struct km_binding {
	uint32_t	 key;
	enum action	 action;
};

struct km_modemap {
	int			 parent;	/* a mode, or -1 */
	struct km_binding	*bind;		/* owned */
	size_t			 n;
	size_t			 cap;
};

struct keymap {
	struct km_modemap	 mode[KM_NMODES];
};

static const char *const mode_names[KM_NMODES] = {
	[KM_NORMAL] = "normal",
	[KM_LIST] = "list",
	[KM_PROMPT] = "prompt",
	[KM_SELECT] = "select",
	[KM_CURSOR] = "cursor",
	[KM_COMPARE] = "compare",
};

/*
 * Names of the keys that send no character, of the space (a keys file
 * splits words at it) and of '<' (which starts a name; a lone "<" is
 * read too, but <lt> is printed).  The first name of a key is the one
 * km_key_string() prints; the others are aliases km_key_parse() also
 * reads.  Compared without regard to case.
 */
static const struct {
	const char	*name;
	uint32_t	 key;
} key_names[] = {
	{ "Space",	' ' },
	{ "lt",		'<' },
	{ "Tab",	KM_KEY_TAB },
	{ "S-Tab",	KM_KEY_BTAB },
	{ "Enter",	KM_KEY_ENTER },
	{ "Return",	KM_KEY_ENTER },
	{ "Esc",	KM_KEY_ESC },
	{ "Escape",	KM_KEY_ESC },
	{ "BS",		KM_KEY_BACKSPACE },
	{ "Backspace",	KM_KEY_BACKSPACE },
	{ "Del",	KM_KEY_DELETE },
	{ "Delete",	KM_KEY_DELETE },
	{ "Ins",	KM_KEY_INSERT },
	{ "Insert",	KM_KEY_INSERT },
	{ "Up",		KM_KEY_UP },
	{ "Down",	KM_KEY_DOWN },
	{ "Left",	KM_KEY_LEFT },
	{ "Right",	KM_KEY_RIGHT },
	{ "PgUp",	KM_KEY_PGUP },
	{ "PageUp",	KM_KEY_PGUP },
	{ "PgDn",	KM_KEY_PGDN },
	{ "PageDown",	KM_KEY_PGDN },
	{ "Home",	KM_KEY_HOME },
	{ "End",	KM_KEY_END },
};

struct keymap *
km_new(void)
{
	struct keymap *km;
	int m;

	km = xcalloc(1, sizeof *km);
	for (m = 0; m < KM_NMODES; m++)
		km->mode[m].parent = -1;
	return km;
}

void
km_free(struct keymap *km)
{
	int m;

	if (km == NULL)
		return;
	for (m = 0; m < KM_NMODES; m++)
		free(km->mode[m].bind);
	free(km);
}

const char *
km_mode_name(enum km_mode m)
{
	assert(m >= 0 && m < KM_NMODES);
	return mode_names[m];
}

int
km_mode_find(const char *name)
{
	int m;

	for (m = 0; m < KM_NMODES; m++)
		if (strcmp(mode_names[m], name) == 0)
			return m;
	return -1;
}

int
km_mode_parent(const struct keymap *km, enum km_mode m)
{
	assert(m >= 0 && m < KM_NMODES);
	return km->mode[m].parent;
}

bool
km_mode_parent_set(struct keymap *km, enum km_mode m, int parent)
{
	int p, steps;

	assert(m >= 0 && m < KM_NMODES);
	assert(parent >= -1 && parent < KM_NMODES);
	/* Walk up from the new parent: meeting m would close a cycle. */
	for (p = parent, steps = 0; p != -1 && steps <= KM_NMODES;
	    p = km->mode[p].parent, steps++)
		if (p == (int)m)
			return false;
	km->mode[m].parent = parent;
	return true;
}

/* Index of key's binding in mm, or -1. */
static long
binding_find(const struct km_modemap *mm, uint32_t key)
{
	size_t i;

	for (i = 0; i < mm->n; i++)
		if (mm->bind[i].key == key)
			return (long)i;
	return -1;
}

void
km_unbind(struct keymap *km, enum km_mode m, uint32_t key)
{
	struct km_modemap *mm;
	long i;

	assert(m >= 0 && m < KM_NMODES);
	mm = &km->mode[m];
	if ((i = binding_find(mm, key)) == -1)
		return;
	memmove(&mm->bind[i], &mm->bind[i + 1],
	    (mm->n - (size_t)i - 1) * sizeof *mm->bind);
	mm->n--;
}

/*
 * Binding a key again to another action moves it to the end of the
 * order km_keys_for() reports; binding it to the same action keeps its
 * place.  ACT_NONE unbinds.
 */
void
km_bind(struct keymap *km, enum km_mode m, uint32_t key, enum action a)
{
	struct km_modemap *mm;
	long i;

	assert(m >= 0 && m < KM_NMODES);
	assert(a >= ACT_NONE && a < ACT_COUNT);
	mm = &km->mode[m];
	i = binding_find(mm, key);
	if (i != -1 && mm->bind[i].action == a)
		return;
	km_unbind(km, m, key);
	if (a == ACT_NONE)
		return;
	if (mm->n == mm->cap) {
		mm->cap = mm->cap ? mm->cap * 2 : 16;
		mm->bind = xreallocarray(mm->bind, mm->cap, sizeof *mm->bind);
	}
	mm->bind[mm->n].key = key;
	mm->bind[mm->n].action = a;
	mm->n++;
}

enum action
km_lookup(const struct keymap *km, enum km_mode m, uint32_t key)
{
	const struct km_modemap *mm;
	int p, steps;
	long i;

	assert(m >= 0 && m < KM_NMODES);
	/* km_mode_parent_set() refuses cycles; the bound is a second
	 * guard. */
	for (p = (int)m, steps = 0; p != -1 && steps < KM_NMODES;
	    p = km->mode[p].parent, steps++) {
		mm = &km->mode[p];
		if ((i = binding_find(mm, key)) != -1)
			return mm->bind[i].action;
	}
	return ACT_NONE;
}

size_t
km_keys_for(const struct keymap *km, enum km_mode m, enum action a,
    uint32_t *keys, size_t max)
{
	const struct km_modemap *mm;
	size_t i, n = 0;

	assert(m >= 0 && m < KM_NMODES);
	mm = &km->mode[m];
	for (i = 0; i < mm->n; i++) {
		if (mm->bind[i].action != a)
			continue;
		if (n < max)
			keys[n] = mm->bind[i].key;
		n++;
	}
	return n;
}

uint32_t
km_key_canon(uint32_t key)
{
	uint32_t meta = key & KM_META, k = key & ~KM_META;

	switch (k) {
	case '\r':
	case '\n':
		return meta | KM_KEY_ENTER;
	case '\t':
		return meta | KM_KEY_TAB;
	case 0x1b:
		return meta | KM_KEY_ESC;
	case 0x7f:
		return meta | KM_KEY_BACKSPACE;
	}
	return key;
}

/*
 * Decodes the one UTF-8 character that must make up all of s (n bytes)
 * into *cp.  Rejects overlong forms, surrogates and anything beyond
 * U+10FFFF.
 */
static bool
utf8_one(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t len, i;

	if (n == 0)
		return false;
	if (u[0] < 0x80) {
		c = u[0];
		len = 1;
		min = 0;
	} else if ((u[0] & 0xe0) == 0xc0) {
		c = u[0] & 0x1f;
		len = 2;
		min = 0x80;
	} else if ((u[0] & 0xf0) == 0xe0) {
		c = u[0] & 0x0f;
		len = 3;
		min = 0x800;
	} else if ((u[0] & 0xf8) == 0xf0) {
		c = u[0] & 0x07;
		len = 4;
		min = 0x10000;
	} else
		return false;
	if (n != len)
		return false;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return false;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return false;
	*cp = c;
	return true;
}

/* A character that may be a key by itself: not a control character. */
static bool
key_char_ok(uint32_t c)
{
	return c > 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0) &&
	    c < KM_KEY_BASE && !(c >= 0xd800 && c <= 0xdfff);
}

/* The code of Ctrl and the character c, or false if there is none. */
static bool
key_ctrl(uint32_t c, uint32_t *out)
{
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	switch (c) {
	case 'm':
	case 'j':
		*out = KM_KEY_ENTER;
		return true;
	case 'i':
		*out = KM_KEY_TAB;
		return true;
	case '[':
		*out = KM_KEY_ESC;
		return true;
	case '@':
	case ' ':
		*out = 0;
		return true;
	case '?':
		*out = KM_KEY_BACKSPACE;	/* DEL, the usual erase key */
		return true;
	}
	if (c >= 'a' && c <= 'z') {
		*out = c - 'a' + 1;
		return true;
	}
	if (c >= '\\' && c <= '_') {	/* \ ] ^ _ */
		*out = c & 0x1f;
		return true;
	}
	return false;
}

/*
 * The base of a key name between < and > with its prefixes removed:
 * a name from key_names, F1...F12, or a single character.
 */
static bool
key_base(const char *s, size_t n, uint32_t *out)
{
	size_t i;
	int f;

	for (i = 0; i < UTIL_NELEM(key_names); i++)
		if (strlen(key_names[i].name) == n &&
		    strncasecmp(key_names[i].name, s, n) == 0) {
			*out = key_names[i].key;
			return true;
		}
	if ((s[0] == 'F' || s[0] == 'f') && (n == 2 || n == 3) &&
	    s[1] >= '1' && s[1] <= '9') {
		f = s[1] - '0';
		if (n == 3) {
			if (s[2] < '0' || s[2] > '9')
				return false;
			f = f * 10 + s[2] - '0';
		}
		if (f > 12)
			return false;
		*out = KM_KEY_F0 + (uint32_t)f;
		return true;
	}
	return utf8_one(s, n, out) && key_char_ok(*out);
}

uint32_t
km_seq(uint32_t first, uint32_t second)
{
	if (!key_char_ok(first) || !key_char_ok(second) || first >= 0x8000 ||
	    second >= 0x8000)
		return 0;
	return KM_SEQ | first << 15 | second;
}

/* Two characters, each a key by itself, as one sequence. */
static bool
seq_parse(const char *s, size_t n, uint32_t *key)
{
	uint32_t a, b, k;
	size_t i;

	if (s[0] == '<')	/* a key name, not a sequence */
		return false;
	for (i = 1; i < n && i <= 4; i++)
		if (utf8_one(s, i, &a) && utf8_one(s + i, n - i, &b)) {
			if ((k = km_seq(a, b)) == 0)
				return false;
			*key = k;
			return true;
		}
	return false;
}

bool
km_is_prefix(const struct keymap *km, enum km_mode m, uint32_t key)
{
	const struct km_modemap *mm;
	int p, steps;
	size_t i;

	assert(m >= 0 && m < KM_NMODES);
	if (key >= 0x8000 || key == 0)
		return false;
	for (p = (int)m, steps = 0; p != -1 && steps < KM_NMODES;
	    p = km->mode[p].parent, steps++) {
		mm = &km->mode[p];
		for (i = 0; i < mm->n; i++)
			if ((mm->bind[i].key & KM_SEQ) &&
			    !(mm->bind[i].key & KM_META) &&
			    ((mm->bind[i].key >> 15) & 0x7fff) == key)
				return true;
	}
	return false;
}

bool
km_key_parse(const char *name, uint32_t *key)
{
	const char *s;
	bool ctrl = false, meta = false;
	uint32_t base;
	size_t n;

	assert(name != NULL && key != NULL);
	n = strlen(name);
	if (n == 0)
		return false;
	if (name[0] != '<' || n < 3 || name[n - 1] != '>') {
		/* A single character, "<" included, or two: a sequence. */
		if (!utf8_one(name, n, &base) || !key_char_ok(base))
			return seq_parse(name, n, key);
		*key = base;
		return true;
	}
	s = name + 1;
	n -= 2;
	/* Prefixes C- and M-, in either order, each once; "C-" alone or
	 * "M-" alone is not a prefix but a (bad) name. */
	while (n > 2 && s[1] == '-') {
		if ((s[0] == 'C' || s[0] == 'c') && !ctrl)
			ctrl = true;
		else if ((s[0] == 'M' || s[0] == 'm') && !meta)
			meta = true;
		else
			break;
		s += 2;
		n -= 2;
	}
	if (ctrl) {
		if (!utf8_one(s, n, &base)) {
			if (n == 5 && strncasecmp(s, "Space", 5) == 0)
				base = ' ';
			else
				return false;
		}
		if (!key_ctrl(base, &base))
			return false;
	} else if (!key_base(s, n, &base))
		return false;
	*key = base | (meta ? KM_META : 0);
	return true;
}

void
km_key_string(uint32_t key, char *out)
{
	uint32_t k = km_key_canon(key) & ~KM_META;
	const char *meta = (key & KM_META) ? "M-" : "";
	char ch[5];
	size_t i;

	assert(out != NULL);
	if ((key & KM_SEQ) && !(key & KM_META)) {
		char b[5];

		ch[utf8_put(ch, (key >> 15) & 0x7fff)] = '\0';
		b[utf8_put(b, key & 0x7fff)] = '\0';
		snprintf(out, KM_KEY_MAX, "%s%s", ch, b);
		return;
	}
	for (i = 0; i < UTIL_NELEM(key_names); i++)
		if (key_names[i].key == k) {
			/* The first entry of a key is its canonical name. */
			snprintf(out, KM_KEY_MAX, "<%s%s>", meta,
			    key_names[i].name);
			return;
		}
	if (k > KM_KEY_F0 && k <= KM_KEY_LAST) {
		snprintf(out, KM_KEY_MAX, "<%sF%u>", meta,
		    (unsigned)(k - KM_KEY_F0));
		return;
	}
	if (k == 0) {
		snprintf(out, KM_KEY_MAX, "<%sC-@>", meta);
		return;
	}
	if (k < 0x20) {
		snprintf(out, KM_KEY_MAX, "<%sC-%c>", meta,
		    k < 0x1b ? (int)(k + 'a' - 1) : (int)(k | 0x40));
		return;
	}
	if (key_char_ok(k)) {
		ch[utf8_put(ch, k)] = '\0';
		if (*meta != '\0')
			snprintf(out, KM_KEY_MAX, "<M-%s>", ch);
		else
			snprintf(out, KM_KEY_MAX, "%s", ch);
		return;
	}
	/* Not a key km_key_parse() reads (<Resize>, a stray value). */
	if (k == KM_KEY_RESIZE)
		snprintf(out, KM_KEY_MAX, "<%sResize>", meta);
	else
		snprintf(out, KM_KEY_MAX, "<%s0x%x>", meta, (unsigned)k);
}

/*
 * The parser.  A line is split into words at blanks; the warn function
 * gets the message built here (borrowed for the call).
 */
struct km_ctx {
	const char	*file;
	size_t		 line;
	km_warn_fn	 warn;
	void		*arg;
	int		 bad;
};

static void
km_warnx(struct km_ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
km_warnx(struct km_ctx *c, const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	c->bad++;
	if (c->warn == NULL)
		return;
	buf_init(&b);
	buf_addf(&b, "%s:%zu: ", c->file, c->line);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	c->warn(c->arg, b.data);
	buf_free(&b);
}

#define KM_WORDS	4

/*
 * Splits line (NUL-terminated, modified) into words at blanks, and with
 * colon set also at ':', which is then a word of its own.  A word that
 * starts with '#' at index skip or later begins a comment, which ends
 * the line (before skip, '#' is a key: "bind # ...").  Returns the number
 * of words, KM_WORDS + 1 if there are too many.
 */
static int
km_split(char *line, char **w, int skip, bool colon)
{
	static char colon_word[] = ":";
	const char *stop = colon ? " \t:" : " \t";
	int n = 0;
	char *p = line;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || (*p == '#' && n >= skip))
			break;
		if (n == KM_WORDS)
			return KM_WORDS + 1;
		if (*p == ':' && colon) {
			w[n++] = colon_word;
			p++;
			continue;
		}
		w[n++] = p;
		p += strcspn(p, stop);
		if (*p == ':') {
			/* The colon ends the word and is the next one. */
			*p++ = '\0';
			if (n == KM_WORDS)
				return KM_WORDS + 1;
			w[n++] = colon_word;
		} else if (*p != '\0')
			*p++ = '\0';
	}
	return n;
}

/* Word shown in a message, cut so one mad line cannot make a huge one. */
#define W(s)	40, (s)

/* mode NAME [: PARENT] */
static void
km_line_mode(struct keymap *km, struct km_ctx *c, char **w, int n,
    int *mode)
{
	int m, p;

	if (n == 1) {
		km_warnx(c, "mode: missing name");
		return;
	}
	if (strcmp(w[1], ":") == 0) {
		km_warnx(c, "mode: missing name before ':'");
		return;
	}
	if ((m = km_mode_find(w[1])) == -1) {
		km_warnx(c, "unknown mode '%.*s'", W(w[1]));
		return;
	}
	if (n == 2) {
		*mode = m;
		return;
	}
	if (strcmp(w[2], ":") != 0) {
		km_warnx(c, "expected ':' after mode %s, not '%.*s'",
		    mode_names[m], W(w[2]));
		return;
	}
	if (n == 3) {
		km_warnx(c, "mode %s: missing parent after ':'",
		    mode_names[m]);
		return;
	}
	if (n > 4) {
		km_warnx(c, "unexpected words after the parent");
		return;
	}
	if ((p = km_mode_find(w[3])) == -1) {
		km_warnx(c, "unknown mode '%.*s'", W(w[3]));
		return;
	}
	if (!km_mode_parent_set(km, m, p)) {
		km_warnx(c, "mode %s cannot fall back to %s, which falls "
		    "back to %s", mode_names[m], mode_names[p],
		    mode_names[m]);
		return;
	}
	*mode = m;
}

static void
km_line(struct keymap *km, struct km_ctx *c, char *line, int *mode)
{
	char *w[KM_WORDS];
	const char *cmd;
	uint32_t key;
	enum action a;
	int n;

	cmd = line + strspn(line, " \t");
	if (*cmd == '\0' || *cmd == '#')
		return;
	if (strncmp(cmd, "mode", 4) == 0 && strchr(" \t:", cmd[4]) != NULL) {
		n = km_split(line, w, 1, true);
		km_line_mode(km, c, w, n, mode);
		return;
	}
	if (strncmp(cmd, "unbind", 6) == 0 && strchr(" \t", cmd[6]) != NULL)
		n = km_split(line, w, 2, false);
	else
		n = km_split(line, w, 3, false);
	if (strcmp(w[0], "bind") == 0) {
		if (n < 2) {
			km_warnx(c, "bind: missing key");
			return;
		}
		if (!km_key_parse(w[1], &key)) {
			km_warnx(c, "unknown key '%.*s'", W(w[1]));
			return;
		}
		if (n < 3) {
			km_warnx(c, "bind %.*s: missing action", W(w[1]));
			return;
		}
		if ((a = action_find(w[2])) == ACT_NONE) {
			km_warnx(c, "unknown action '%.*s'", W(w[2]));
			return;
		}
		if (n > 3) {
			km_warnx(c, "unexpected '%.*s' after the action",
			    W(w[3]));
			return;
		}
		km_bind(km, *mode, key, a);
		return;
	}
	if (strcmp(w[0], "unbind") == 0) {
		if (n < 2) {
			km_warnx(c, "unbind: missing key");
			return;
		}
		if (!km_key_parse(w[1], &key)) {
			km_warnx(c, "unknown key '%.*s'", W(w[1]));
			return;
		}
		if (n > 2) {
			km_warnx(c, "unexpected '%.*s' after the key",
			    W(w[2]));
			return;
		}
		km_unbind(km, *mode, key);
		return;
	}
	km_warnx(c, "unknown command '%.*s' (bind, unbind or mode)",
	    W(w[0]));
}

int
km_parse(struct keymap *km, const char *text, size_t len, const char *file,
    km_warn_fn warn, void *arg)
{
	struct km_ctx c = { file, 0, warn, arg, 0 };
	struct util_lines it;
	const char *p;
	char *line;
	size_t n;
	int mode = KM_NORMAL;

	assert(km != NULL && (text != NULL || len == 0) && file != NULL);
	util_lines_init(&it, text, len);
	while (util_lines_next(&it, &p, &n)) {
		c.line = it.lineno;
		if (memchr(p, '\0', n) != NULL)
			km_warnx(&c, "NUL byte in the line");
		else {
			line = xstrndup(p, n);
			km_line(km, &c, line, &mode);
			free(line);
		}
	}
	return c.bad;
}

int
km_load_file(struct keymap *km, const char *path, km_warn_fn warn,
    void *arg, char **cause)
{
	char *data;
	size_t len;
	int bad;

	if (util_file_read(path, &data, &len, cause) == -1)
		return -1;
	bad = km_parse(km, data, len, path, warn, arg);
	free(data);
	return bad;
}
