/*
 * theme.c - faces, styles, the parser of *.theme files and the colour
 * degrading (see theme.h).
 *
 * Pure data: no terminal, no printing, no exiting.  A bad line of a
 * theme file is handed to the caller's warn function as "FILE:LINE:
 * message" and skipped.  The degrading lives here, not in the backend,
 * so that every backend and every test makes the same choice: RGB and
 * the 256-colour palette are brought down to what the terminal has by
 * nearest colour in RGB space, measured on the xterm palette below.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "theme.h"
#include "util.h"

struct theme {
	struct theme_style	 face[TF_NFACES];
	bool			 set[TF_NFACES];
};

static const char *const face_names[TF_NFACES] = {
	[TF_TEXT] = "text",
	[TF_LABEL] = "label",
	[TF_HEADING] = "heading",
	[TF_RULE] = "rule",
	[TF_BOLD] = "bold",
	[TF_ITALIC] = "italic",
	[TF_FOOTREF] = "footref",
	[TF_MATCH] = "match",
	[TF_MATCH_CURRENT] = "match-current",
	[TF_STATUS] = "status",
	[TF_MESSAGE] = "message",
	[TF_ERROR] = "error",
	[TF_PROMPT] = "prompt",
	[TF_SELECTED] = "selected",
	[TF_HL_YELLOW] = "highlight",
	[TF_HL_GREEN] = "highlight-green",
	[TF_HL_BLUE] = "highlight-blue",
	[TF_HL_PINK] = "highlight-pink",
	[TF_NOTE] = "note",
	[TF_REVIEW] = "review",
	[TF_SELECTION] = "selection",
	[TF_NOTEMARK] = "notemark",
	[TF_REF] = "ref",
	[TF_REF_CURRENT] = "ref-current",
	[TF_POPUP] = "popup",
	[TF_CURSOR] = "cursor",
	[TF_DIFF_DELETE] = "diff-delete",
	[TF_DIFF_INSERT] = "diff-insert",
	[TF_DIFF_SPELLING] = "diff-spelling",
	[TF_DIFF_FILLER] = "diff-filler",
	[TF_DIFF_GUTTER] = "diff-gutter",
	[TF_DIFF_HEAD] = "diff-head",
};

/*
 * What a face that relied on colour gets on a terminal without colours
 * (see theme_face_style() for when).  mono.theme writes the same table
 * out.  Italic becomes underline because not every terminal can draw
 * italics; labels and rules are dimmed, which costs nothing where dim is
 * not supported (they stand apart by position anyway).
 */
static const unsigned mono_fallback[TF_NFACES] = {
	[TF_TEXT] = 0,
	[TF_LABEL] = THEME_DIM,
	[TF_HEADING] = THEME_BOLD,
	[TF_RULE] = THEME_DIM,
	[TF_BOLD] = THEME_BOLD,
	[TF_ITALIC] = THEME_UNDERLINE,
	[TF_FOOTREF] = THEME_UNDERLINE,
	[TF_MATCH] = THEME_REVERSE,
	[TF_MATCH_CURRENT] = THEME_REVERSE | THEME_BOLD,
	[TF_STATUS] = THEME_REVERSE,
	[TF_MESSAGE] = 0,
	[TF_ERROR] = THEME_BOLD,
	[TF_PROMPT] = 0,
	[TF_SELECTED] = THEME_REVERSE,
	/* highlights reverse, notes underlined (and * in the gutter): the
	 * two apart without colours */
	[TF_HL_YELLOW] = THEME_REVERSE,
	[TF_HL_GREEN] = THEME_REVERSE | THEME_BOLD,
	[TF_HL_BLUE] = THEME_REVERSE | THEME_DIM,
	[TF_HL_PINK] = THEME_REVERSE | THEME_ITALIC,
	[TF_NOTE] = THEME_UNDERLINE,
	[TF_REVIEW] = THEME_UNDERLINE | THEME_DIM,
	[TF_SELECTION] = THEME_REVERSE | THEME_UNDERLINE | THEME_BOLD,
	[TF_NOTEMARK] = THEME_BOLD,
	[TF_REF] = THEME_UNDERLINE,
	[TF_REF_CURRENT] = THEME_REVERSE | THEME_UNDERLINE,
	[TF_POPUP] = THEME_REVERSE,
	[TF_CURSOR] = THEME_UNDERLINE | THEME_BOLD,
	[TF_DIFF_DELETE] = THEME_REVERSE,
	[TF_DIFF_INSERT] = THEME_UNDERLINE | THEME_BOLD,
	[TF_DIFF_SPELLING] = THEME_UNDERLINE | THEME_DIM,
	[TF_DIFF_FILLER] = THEME_DIM,
	[TF_DIFF_GUTTER] = THEME_BOLD,
	[TF_DIFF_HEAD] = THEME_BOLD,
};

static const struct {
	const char	*name;
	unsigned	 attr;
} attr_names[] = {
	{ "bold",	THEME_BOLD },
	{ "underline",	THEME_UNDERLINE },
	{ "reverse",	THEME_REVERSE },
	{ "italic",	THEME_ITALIC },
	{ "dim",	THEME_DIM },
};

static const char *const colour_names[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};

/* xterm's 16 system colours, 0xrrggbb. */
static const uint32_t system_rgb[16] = {
	0x000000, 0xcd0000, 0x00cd00, 0xcdcd00,
	0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
	0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00,
	0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
};

/* The levels of each channel in xterm's 6x6x6 colour cube. */
static const uint32_t cube_level[6] = { 0, 95, 135, 175, 215, 255 };

/*
 * The RGB value (0xrrggbb) of colour c of the xterm 256-colour palette:
 *
 *   0-15     the system colours above
 *   16-231   16 + 36r + 6g + b, each of r g b 0..5 a cube_level
 *   232-255  greys 8, 18, ... 238
 */
static uint32_t
palette_rgb(int c)
{
	int i;

	assert(c >= 0 && c <= 255);
	if (c < 16)
		return system_rgb[c];
	if (c < 232) {
		i = c - 16;
		return cube_level[i / 36] << 16 | cube_level[i / 6 % 6] << 8 |
		    cube_level[i % 6];
	}
	i = 8 + (c - 232) * 10;
	return (uint32_t)(i << 16 | i << 8 | i);
}

static uint32_t
rgb_dist(uint32_t a, uint32_t b)
{
	int dr = (int)(a >> 16 & 0xff) - (int)(b >> 16 & 0xff);
	int dg = (int)(a >> 8 & 0xff) - (int)(b >> 8 & 0xff);
	int db = (int)(a & 0xff) - (int)(b & 0xff);

	return (uint32_t)(dr * dr + dg * dg + db * db);
}

/*
 * The palette colour in lo..hi nearest to rgb, the lowest on a tie,
 * skipping those whose (i & mask) is avoid (avoid -1 skips none).
 */
static int
palette_nearest(uint32_t rgb, int lo, int hi, int avoid, int mask)
{
	uint32_t d, best_d = UINT32_MAX;
	int i, best = lo;

	for (i = lo; i <= hi; i++) {
		if (avoid != -1 && (i & mask) == avoid)
			continue;
		if ((d = rgb_dist(rgb, palette_rgb(i))) < best_d) {
			best_d = d;
			best = i;
		}
	}
	return best;
}

/*
 * Colour c on a terminal with level colours (256, 16 or 8), avoiding
 * colour avoid (-1 for none).  On 8 colours the result is still 0..15:
 * the caller folds bright into normal.  RGB goes to the cube and greys
 * only (16..255) on 256 colours, as the system colours are the ones
 * users and terminals redefine.
 */
static int
colour_degrade(int c, int level, int avoid)
{
	uint32_t rgb;

	if (c == THEME_DEFAULT)
		return c;
	if (!THEME_IS_RGB(c) && c < (level == 8 ? 16 : level) &&
	    (avoid == -1 || (level == 8 ? c & 7 : c) != avoid))
		return c;
	rgb = THEME_IS_RGB(c) ? (uint32_t)c & 0xffffff : palette_rgb(c);
	if (level == 256)
		return palette_nearest(rgb, 16, 255, avoid, 0xff);
	return palette_nearest(rgb, 0, 15, avoid, level == 8 ? 7 : 0xff);
}

struct theme *
theme_new(void)
{
	struct theme *t;
	int f;

	t = xcalloc(1, sizeof *t);
	for (f = 0; f < TF_NFACES; f++) {
		t->face[f].fg = THEME_DEFAULT;
		t->face[f].bg = THEME_DEFAULT;
	}
	return t;
}

void
theme_free(struct theme *t)
{
	free(t);
}

const char *
theme_face_name(enum theme_face f)
{
	assert(f >= 0 && f < TF_NFACES);
	return face_names[f];
}

int
theme_face_find(const char *name)
{
	int f;

	for (f = 0; f < TF_NFACES; f++)
		if (strcmp(face_names[f], name) == 0)
			return f;
	return -1;
}

struct theme_style
theme_face_get(const struct theme *t, enum theme_face f)
{
	assert(f >= 0 && f < TF_NFACES);
	return t->face[f];
}

void
theme_face_set(struct theme *t, enum theme_face f,
    const struct theme_style *s)
{
	assert(f >= 0 && f < TF_NFACES);
	t->face[f] = *s;
	t->set[f] = true;
}

bool
theme_face_isset(const struct theme *t, enum theme_face f)
{
	assert(f >= 0 && f < TF_NFACES);
	return t->set[f];
}

/*
 * The rules, in theme.h's words made exact:
 *
 *   ncolours >= 2^24  RGB kept (a direct-colour terminal)
 *   >= 256            RGB -> nearest of colours 16..255
 *   >= 16             RGB and 16..255 -> nearest of 0..15
 *   >= 8              as for 16, then a bright colour 8..15 becomes its
 *                     normal one (c - 8), and a bright foreground adds
 *                     bold, which most such terminals draw bright
 *   below 8           colours dropped; a face that had a foreground
 *                     colour and no attributes, or a background colour
 *                     (a highlight, whatever its attributes), gets the
 *                     attributes of mono_fallback[] added
 *
 * A foreground that would land on the background's colour, when the
 * theme had them different, takes the nearest colour that is not the
 * background's, so text never vanishes into its background.
 */
struct theme_style
theme_face_style(const struct theme *t, enum theme_face f, int ncolours)
{
	struct theme_style s, out;
	int level;

	assert(f >= 0 && f < TF_NFACES);
	s = t->face[f];
	if (ncolours >= 0x1000000)
		return s;
	out = s;
	if (ncolours < 8) {
		out.fg = out.bg = THEME_DEFAULT;
		if ((s.attrs == 0 && s.fg != THEME_DEFAULT) ||
		    s.bg != THEME_DEFAULT)
			out.attrs |= mono_fallback[f];
		return out;
	}
	level = ncolours >= 256 ? 256 : ncolours >= 16 ? 16 : 8;
	out.bg = colour_degrade(s.bg, level, -1);
	out.fg = colour_degrade(s.fg, level, -1);
	if (out.fg != THEME_DEFAULT && out.bg != THEME_DEFAULT &&
	    s.fg != s.bg && (level == 8 ? (out.fg & 7) == (out.bg & 7) :
	    out.fg == out.bg))
		out.fg = colour_degrade(s.fg, level,
		    level == 8 ? out.bg & 7 : out.bg);
	if (level == 8) {
		if (out.fg >= 8) {
			out.fg -= 8;
			out.attrs |= THEME_BOLD;
		}
		if (out.bg >= 8)
			out.bg -= 8;
	}
	return out;
}

/* Reads the n bytes of s as a colour; false if they are not one. */
static bool
colour_parse(const char *s, size_t n, int *out)
{
	unsigned long v;
	size_t i, skip;
	char tmp[16];
	int c;

	if (n == 0 || n >= sizeof tmp)
		return false;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (strcasecmp(tmp, "default") == 0) {
		*out = THEME_DEFAULT;
		return true;
	}
	skip = strncasecmp(tmp, "bright", 6) == 0 ? 6 : 0;
	for (c = 0; c < 8; c++)
		if (strcasecmp(tmp + skip, colour_names[c]) == 0) {
			*out = c + (skip ? 8 : 0);
			return true;
		}
	if (tmp[0] == '#') {
		if (n != 7)
			return false;
		for (i = 1; i < 7; i++)
			if (strchr("0123456789abcdefABCDEF", tmp[i]) == NULL)
				return false;
		v = strtoul(tmp + 1, NULL, 16);
		*out = THEME_RGB((int)(v >> 16), (int)(v >> 8 & 0xff),
		    (int)(v & 0xff));
		return true;
	}
	if (strncasecmp(tmp, "colour", 6) == 0)
		skip = 6;
	else if (strncasecmp(tmp, "color", 5) == 0)
		skip = 5;
	else
		return false;
	if (n == skip || n - skip > 3)
		return false;
	for (i = skip; i < n; i++)
		if (tmp[i] < '0' || tmp[i] > '9')
			return false;
	v = strtoul(tmp + skip, NULL, 10);
	if (v > 255)
		return false;
	*out = (int)v;
	return true;
}

/* s (n bytes) without the blanks at either end. */
static const char *
trim(const char *s, size_t *n)
{
	while (*n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		(*n)--;
	}
	while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
		(*n)--;
	return s;
}

/* Shown in a message: at most 40 bytes of n, so one mad line cannot
 * make a huge one. */
#define CUT(n)	((int)((n) > 40 ? 40 : (n)))

/* Applies one item (n bytes, trimmed) of a style to s. */
static bool
style_item(struct theme_style *s, const char *item, size_t n, char **cause)
{
	const char *eq, *v;
	size_t kn, vn, i;
	int *slot;

	if ((eq = memchr(item, '=', n)) != NULL) {
		kn = (size_t)(eq - item);
		vn = n - kn - 1;
		(void)trim(item, &kn);	/* item starts unblank */
		v = trim(eq + 1, &vn);
		if (kn == 2 && strncmp(item, "fg", 2) == 0)
			slot = &s->fg;
		else if (kn == 2 && strncmp(item, "bg", 2) == 0)
			slot = &s->bg;
		else {
			*cause = xasprintf("unknown item '%.*s' (fg= or bg=)",
			    CUT(kn), item);
			return false;
		}
		if (!colour_parse(v, vn, slot)) {
			*cause = xasprintf("unknown colour '%.*s'", CUT(vn), v);
			return false;
		}
		return true;
	}
	if (n == 4 && strncasecmp(item, "none", 4) == 0) {
		s->attrs = 0;
		return true;
	}
	for (i = 0; i < UTIL_NELEM(attr_names); i++)
		if (strlen(attr_names[i].name) == n &&
		    strncasecmp(item, attr_names[i].name, n) == 0) {
			s->attrs |= attr_names[i].attr;
			return true;
		}
	*cause = xasprintf("unknown attribute '%.*s'", CUT(n), item);
	return false;
}

bool
theme_style_parse(const char *text, struct theme_style *out, char **cause)
{
	struct theme_style s = { THEME_DEFAULT, THEME_DEFAULT, 0 };
	const char *p = text, *item;
	size_t n;

	assert(text != NULL && out != NULL && cause != NULL);
	if (text[strspn(text, " \t")] == '\0') {
		*cause = xstrdup("empty style");
		return false;
	}
	for (;;) {
		n = strcspn(p, ",");
		item = trim(p, &n);
		if (n == 0) {
			*cause = xstrdup("empty item");
			return false;
		}
		if (!style_item(&s, item, n, cause))
			return false;
		p += strcspn(p, ",");
		if (*p == '\0')
			break;
		p++;
	}
	*out = s;
	return true;
}

static void
colour_string(struct buf *b, int c)
{
	if (c == THEME_DEFAULT)
		buf_adds(b, "default");
	else if (THEME_IS_RGB(c))
		buf_addf(b, "#%06x", (unsigned)c & 0xffffff);
	else if (c >= 0 && c < 8)
		buf_adds(b, colour_names[c]);
	else if (c >= 8 && c < 16)
		buf_addf(b, "bright%s", colour_names[c - 8]);
	else
		buf_addf(b, "colour%d", c);
}

void
theme_style_string(struct buf *b, const struct theme_style *s)
{
	const char *sep = "";
	size_t i;

	if (s->fg != THEME_DEFAULT) {
		buf_adds(b, "fg=");
		colour_string(b, s->fg);
		sep = ",";
	}
	if (s->bg != THEME_DEFAULT) {
		buf_addf(b, "%sbg=", sep);
		colour_string(b, s->bg);
		sep = ",";
	}
	for (i = 0; i < UTIL_NELEM(attr_names); i++)
		if (s->attrs & attr_names[i].attr) {
			buf_addf(b, "%s%s", sep, attr_names[i].name);
			sep = ",";
		}
	if (*sep == '\0')
		buf_adds(b, "none");
}

/* Reports a bad line through warn; the message is borrowed for the
 * call. */
static void
theme_warnx(theme_warn_fn warn, void *arg, const char *file, size_t line,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
theme_warnx(theme_warn_fn warn, void *arg, const char *file, size_t line,
    const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	if (warn == NULL)
		return;
	buf_init(&b);
	buf_addf(&b, "%s:%zu: ", file, line);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	warn(arg, b.data);
	buf_free(&b);
}

/* One line, NUL-terminated; false (after warning) if it is bad. */
static bool
theme_line(struct theme *t, const char *line, const char *file,
    size_t lineno, theme_warn_fn warn, void *arg)
{
	struct theme_style s;
	const char *p, *eq, *name;
	char *face, *cause;
	size_t n;
	int f;

	p = line + strspn(line, " \t");
	if (*p == '\0' || *p == '#')
		return true;
	if ((eq = strchr(p, '=')) == NULL) {
		theme_warnx(warn, arg, file, lineno,
		    "expected FACE = STYLE");
		return false;
	}
	n = (size_t)(eq - p);
	name = trim(p, &n);
	if (n == 0) {
		theme_warnx(warn, arg, file, lineno, "missing face before '='");
		return false;
	}
	face = xstrndup(name, n);
	if ((f = theme_face_find(face)) == -1) {
		theme_warnx(warn, arg, file, lineno, "unknown face '%.*s'",
		    CUT(n), face);
		free(face);
		return false;
	}
	free(face);
	if (!theme_style_parse(eq + 1, &s, &cause)) {
		theme_warnx(warn, arg, file, lineno, "%s: %s", face_names[f],
		    cause);
		free(cause);
		return false;
	}
	theme_face_set(t, f, &s);
	return true;
}

int
theme_parse(struct theme *t, const char *text, size_t len, const char *file,
    theme_warn_fn warn, void *arg)
{
	struct util_lines it;
	const char *p;
	size_t n;
	char *line;
	int bad = 0;

	assert(t != NULL && (text != NULL || len == 0) && file != NULL);
	util_lines_init(&it, text, len);
	while (util_lines_next(&it, &p, &n)) {
		if (memchr(p, '\0', n) != NULL) {
			theme_warnx(warn, arg, file, it.lineno,
			    "NUL byte in the line");
			bad++;
		} else {
			line = xstrndup(p, n);
			if (!theme_line(t, line, file, it.lineno, warn, arg))
				bad++;
			free(line);
		}
	}
	return bad;
}

int
theme_load_file(struct theme *t, const char *path, theme_warn_fn warn,
    void *arg, char **cause)
{
	char *data;
	size_t len;
	int bad;

	if (util_file_read(path, &data, &len, cause) == -1)
		return -1;
	bad = theme_parse(t, data, len, path, warn, arg);
	free(data);
	return bad;
}
