/*
 * test-theme.c - styles, faces, the theme parser, the real themes and
 * the colour degrading.  Run from the top of the source tree: it reads
 * themes/ *.theme from there.
 */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "theme.h"
#include "util.h"
#include "warns.h"

static bool
style_eq(const struct theme_style *a, const struct theme_style *b)
{
	return a->fg == b->fg && a->bg == b->bg && a->attrs == b->attrs;
}

/* Parses text, which must be good; a default style if it is not. */
static struct theme_style
style(const char *text)
{
	struct theme_style s = { THEME_DEFAULT, THEME_DEFAULT, 0 };
	char *cause = NULL;

	if (!theme_style_parse(text, &s, &cause)) {
		printf("# '%s': %s\n", text, cause);
		free(cause);
	}
	return s;
}

/* theme_style_string of s parses back to s; its text is want if given. */
static void
round_trip(struct theme_style s, const char *want)
{
	struct theme_style back;
	struct buf b;
	char *cause = NULL;

	buf_init(&b);
	theme_style_string(&b, &s);
	ok(theme_style_parse(b.data, &back, &cause) && style_eq(&s, &back),
	    "style '%s' round-trips", b.data);
	free(cause);
	if (want != NULL)
		is_str(b.data, want, "style prints as '%s'", want);
	buf_free(&b);
}

static void
test_styles(void)
{
	static const char *bad[] = {
		"", "  ", "fg=", "fg=colour256", "fg=colour", "fg=colour1234",
		"fg=#12345", "fg=#12345g", "fg=#1234567", "blink",
		"fg=red,,bold", "bold,", ",bold", "xx=red", "fg=colour-1",
		"fg=brightdefault", "fg=redd", "fg=0", "bg=colour+1",
		"fg=red bold",
	};
	struct theme_style s;
	char *cause;
	size_t i;
	int c, bad_rt;
	unsigned a;

	s = style("fg=colour252,bg=colour236,bold");
	ok(s.fg == 252 && s.bg == 236 && s.attrs == THEME_BOLD,
	    "the example of STYLE.md");
	s = style(" fg = red , bg=brightblue,underline ,reverse");
	ok(s.fg == 1 && s.bg == 12 &&
	    s.attrs == (THEME_UNDERLINE | THEME_REVERSE),
	    "blanks around items and '=' are allowed");
	s = style("fg=#FF8000,bg=color17");
	ok(s.fg == THEME_RGB(0xff, 0x80, 0) && s.bg == 17,
	    "#rrggbb (either case) and colorN");
	s = style("bold,none,italic,dim");
	is_int(s.attrs, THEME_ITALIC | THEME_DIM, "none clears attributes");
	s = style("none");
	ok(s.fg == THEME_DEFAULT && s.bg == THEME_DEFAULT && s.attrs == 0,
	    "none alone is the default style");
	s = style("fg=default,bg=White,BOLD");
	ok(s.fg == THEME_DEFAULT && s.bg == 7 && s.attrs == THEME_BOLD,
	    "default, names in any case");
	s = style("fg=colour007");
	is_int(s.fg, 7, "colour007");

	for (i = 0; i < UTIL_NELEM(bad); i++) {
		cause = NULL;
		s.fg = 42;
		ok(!theme_style_parse(bad[i], &s, &cause) && cause != NULL &&
		    s.fg == 42, "bad style '%s' is refused (%s), *out kept",
		    bad[i], cause ? cause : "no cause");
		free(cause);
	}

	round_trip(style("none"), "none");
	round_trip(style("fg=colour252,bg=colour236,bold"),
	    "fg=colour252,bg=colour236,bold");
	round_trip(style("bg=brightred"), "bg=brightred");
	round_trip(style("fg=#0080ff,italic,dim"), "fg=#0080ff,italic,dim");
	round_trip(style("fg=black"), "fg=black");
	bad_rt = 0;
	for (c = -1; c < 256; c++) {
		struct theme_style t = { c, c < 0 ? 0 : 255 - c,
		    (unsigned)c & 0x1f };
		struct theme_style back;
		struct buf b;

		cause = NULL;
		buf_init(&b);
		theme_style_string(&b, &t);
		if (!theme_style_parse(b.data, &back, &cause) ||
		    !style_eq(&t, &back))
			bad_rt++;
		free(cause);
		buf_free(&b);
	}
	is_int(bad_rt, 0, "every palette colour and attribute set "
	    "round-trips");
	for (a = 0; a < 32; a++) {
		struct theme_style t = { THEME_RGB(1, 2, a), THEME_DEFAULT, a };

		round_trip(t, NULL);
	}
}

static void
test_faces(void)
{
	struct theme *t = theme_new();
	struct theme_style s, d = { THEME_DEFAULT, THEME_DEFAULT, 0 };
	int f;

	for (f = 0; f < TF_NFACES; f++)
		if (theme_face_find(theme_face_name(f)) != f)
			break;
	is_int(f, TF_NFACES, "every face name finds its face");
	is_str(theme_face_name(TF_MATCH_CURRENT), "match-current",
	    "match-current is hyphenated");
	is_int(theme_face_find("nosuch"), -1, "unknown face is -1");
	s = theme_face_get(t, TF_STATUS);
	ok(style_eq(&s, &d) && !theme_face_isset(t, TF_STATUS),
	    "a new theme has default faces, none set");
	s = style("fg=red");
	theme_face_set(t, TF_ERROR, &s);
	s = theme_face_get(t, TF_ERROR);
	ok(s.fg == 1 && theme_face_isset(t, TF_ERROR), "theme_face_set");
	theme_free(t);
	theme_free(NULL);
	ok(1, "theme_free(NULL)");
}

static struct theme *
load(const char *path)
{
	struct warns w = { 0, "" };
	struct theme *t = theme_new();
	char *cause = NULL;
	int bad, f, unset = 0;

	bad = theme_load_file(t, path, warn_cb, &w, &cause);
	ok(bad == 0 && w.n == 0, "%s loads with no warnings", path);
	if (bad == -1) {
		printf("# %s\n", cause);
		free(cause);
	}
	for (f = 0; f < TF_NFACES; f++)
		if (!theme_face_isset(t, f)) {
			printf("# %s: %s not set\n", path, theme_face_name(f));
			unset++;
		}
	is_int(unset, 0, "%s sets every face", path);
	return t;
}

static void
test_real_themes(void)
{
	static const char *files[] = {
		"themes/dark.theme", "themes/light.theme",
		"themes/high-contrast.theme", "themes/mono.theme",
	};
	static const int ncol[] = { 0, 8, 16, 256 };
	struct theme *t, *mono, *red;
	struct theme_style s, m;
	size_t i, k;
	int f, n, bad;

	for (i = 0; i < UTIL_NELEM(files); i++) {
		t = load(files[i]);
		/* Whatever the theme, matches stay distinct from text. */
		for (k = 0; k < UTIL_NELEM(ncol); k++) {
			struct theme_style tx, mt, st;

			n = ncol[k];
			tx = theme_face_style(t, TF_TEXT, n);
			mt = theme_face_style(t, TF_MATCH, n);
			st = theme_face_style(t, TF_STATUS, n);
			ok(!style_eq(&tx, &mt) && !style_eq(&tx, &st),
			    "%s on %d colours: match and status differ from "
			    "text", files[i], n);
		}
		theme_free(t);
	}

	/* mono.theme has no colours and is the fallback table. */
	mono = load("themes/mono.theme");
	red = theme_new();
	bad = 0;
	for (f = 0; f < TF_NFACES; f++) {
		m = theme_face_get(mono, f);
		if (m.fg != THEME_DEFAULT || m.bg != THEME_DEFAULT)
			bad++;
		s = style("fg=red");
		theme_face_set(red, f, &s);
		s = theme_face_style(red, f, 0);
		if (!style_eq(&s, &m)) {
			printf("# %s: fallback %u, mono.theme %u\n",
			    theme_face_name(f), s.attrs, m.attrs);
			bad++;
		}
		s = theme_face_style(mono, f, 256);
		if (!style_eq(&s, &m))
			bad++;
	}
	is_int(bad, 0, "mono.theme: attributes only, the same as the "
	    "fallback of a colour-only face, unchanged on 256 colours");
	theme_free(red);
	theme_free(mono);

	t = load("themes/dark.theme");
	s = theme_face_get(t, TF_MATCH);
	ok(s.attrs == 0 && s.bg != THEME_DEFAULT,
	    "dark: match is colours only");
	s = theme_face_style(t, TF_MATCH, 0);
	ok(s.fg == THEME_DEFAULT && s.bg == THEME_DEFAULT &&
	    s.attrs == THEME_REVERSE, "dark on no colours: match reverse");
	s = theme_face_style(t, TF_MATCH_CURRENT, 0);
	is_int(s.attrs, THEME_REVERSE | THEME_BOLD,
	    "match-current reverse and bold");
	s = theme_face_style(t, TF_STATUS, 0);
	is_int(s.attrs, THEME_REVERSE, "status reverse");
	s = theme_face_style(t, TF_HEADING, 0);
	is_int(s.attrs, THEME_BOLD, "heading keeps its own bold");
	s = theme_face_style(t, TF_TEXT, 0);
	ok(s.fg == THEME_DEFAULT && s.attrs == 0, "text plain");
	s = theme_face_style(t, TF_STATUS, 256);
	ok(s.fg == 252 && s.bg == 236 && s.attrs == 0,
	    "on 256 colours the theme's own");
	theme_free(t);

	t = load("themes/high-contrast.theme");
	s = theme_face_style(t, TF_MATCH, 0);
	is_int(s.attrs, THEME_BOLD | THEME_REVERSE,
	    "a highlight with attributes gets reverse added on no colours");
	s = theme_face_style(t, TF_MATCH, 16);
	ok(s.fg == 0 && s.bg == 11 && s.attrs == THEME_BOLD,
	    "high-contrast is unchanged on 16 colours");
	theme_free(t);
}

/* The style of a one-face theme with style text on n colours. */
static struct theme_style
on(const char *text, int n)
{
	struct theme *t = theme_new();
	struct theme_style s = style(text);

	theme_face_set(t, TF_MATCH, &s);
	s = theme_face_style(t, TF_MATCH, n);
	theme_free(t);
	return s;
}

static void
test_degrade(void)
{
	struct theme_style s;
	int c, bad;

	s = on("fg=colour196", 256);
	is_int(s.fg, 196, "colour196 on 256 colours");
	s = on("fg=colour196", 16);
	is_int(s.fg, 9, "colour196 -> 9 on 16 colours");
	s = on("fg=colour196", 8);
	ok(s.fg == 1 && s.attrs == THEME_BOLD,
	    "colour196 -> 1 and bold on 8 colours");
	s = on("bg=colour196", 8);
	ok(s.bg == 1 && s.attrs == 0, "a bright background -> 1, no bold");
	s = on("fg=colour196", 0);
	ok(s.fg == THEME_DEFAULT && s.attrs == THEME_REVERSE,
	    "colour196 -> none on 0 colours, match reverse");

	s = on("fg=#ff0000", 256);
	is_int(s.fg, 196, "#ff0000 -> 196 on 256 colours");
	s = on("fg=#ff0000", 16);
	is_int(s.fg, 9, "#ff0000 -> 9 on 16 colours");
	s = on("fg=#ff0000", 8);
	ok(s.fg == 1 && s.attrs == THEME_BOLD, "#ff0000 -> 1+bold on 8");
	s = on("fg=#ff0000", 0x1000000);
	is_int(s.fg, THEME_RGB(255, 0, 0), "#ff0000 kept on direct colour");
	s = on("fg=#5f87af", 256);
	is_int(s.fg, 67, "#5f87af is cube colour 67");
	s = on("fg=#808080", 256);
	is_int(s.fg, 244, "#808080 is grey 244");
	s = on("fg=#000000", 256);
	is_int(s.fg, 16, "black RGB -> 16, not system colour 0");
	s = on("fg=#0a0a0a,bg=#ffffff", 256);
	ok(s.fg == 232 && s.bg == 231, "#0a0a0a -> 232, #ffffff -> 231");

	s = on("fg=colour252,bg=colour236", 16);
	ok(s.fg == 7 && s.bg == 0, "colour252 on colour236 -> 7 on 0");
	s = on("fg=colour252,bg=colour236", 8);
	ok(s.fg == 7 && s.bg == 0 && s.attrs == 0, "and on 8 colours");
	s = on("fg=colour21", 16);
	is_int(s.fg, 4, "colour21 (pure blue) -> 4");
	s = on("fg=colour226", 16);
	is_int(s.fg, 11, "colour226 (yellow) -> 11");
	s = on("fg=colour231", 8);
	ok(s.fg == 7 && s.attrs == THEME_BOLD, "colour231 -> 7+bold on 8");
	s = on("fg=brightgreen,bg=blue,underline", 16);
	ok(s.fg == 10 && s.bg == 4 && s.attrs == THEME_UNDERLINE,
	    "system colours unchanged on 16");
	s = on("fg=brightgreen,bg=blue,underline", 8);
	ok(s.fg == 2 && s.bg == 4 &&
	    s.attrs == (THEME_UNDERLINE | THEME_BOLD), "brightgreen -> 2+bold");
	s = on("fg=colour100,bg=colour200,bold", 0);
	ok(s.fg == THEME_DEFAULT && s.bg == THEME_DEFAULT &&
	    s.attrs == (THEME_BOLD | THEME_REVERSE),
	    "a background colour gets the fallback added");
	s = on("fg=colour100,bold", 0);
	is_int(s.attrs, THEME_BOLD, "a foreground with an attribute keeps "
	    "only its own");
	s = on("none", 0);
	is_int(s.attrs, 0, "a face with no colours gets no fallback");
	s = on("fg=red", 88);
	is_int(s.fg, 1, "88 colours count as 16");

	/* Text never vanishes into its background. */
	s = on("fg=colour236,bg=colour234", 16);
	ok(s.bg == 0 && s.fg != 0 && s.fg != THEME_DEFAULT,
	    "two dark greys: the foreground moves off the background (%d)",
	    s.fg);
	s = on("fg=colour236,bg=colour234", 8);
	ok(s.bg == 0 && s.fg != 0, "also on 8 colours (%d)", s.fg);
	s = on("fg=colour9,bg=colour1", 8);
	ok(s.bg == 1 && s.fg != 1, "brightred on red: not red on red (%d)",
	    s.fg);
	s = on("fg=red,bg=red", 16);
	ok(s.fg == 1 && s.bg == 1, "the same colour twice is kept");

	/* Every palette colour lands in range. */
	bad = 0;
	for (c = 0; c < 256; c++) {
		struct theme_style t;
		char text[32];

		snprintf(text, sizeof text, "fg=colour%d,bg=colour%d", c,
		    255 - c);
		t = on(text, 256);
		bad += t.fg != c || t.bg != 255 - c;
		t = on(text, 16);
		bad += t.fg < 0 || t.fg > 15 || t.bg < 0 || t.bg > 15;
		bad += c < 16 && t.fg != c && t.bg != c;
		t = on(text, 8);
		bad += t.fg < 0 || t.fg > 7 || t.bg < 0 || t.bg > 7;
	}
	is_int(bad, 0, "256 -> 16 -> 8 stays in range");
}

static void
test_parse(void)
{
	static const char text[] =
	    "# a comment\n"
	    "text = fg=white\n"
	    "stauts = reverse\n"
	    "  status\t=\tfg=colour252,bg=colour236 \r\n"
	    "error = fg=colour256\n"
	    "heading\n"
	    "= bold\n"
	    "prompt =\n"
	    "selected=reverse";
	struct warns w = { 0, "" };
	struct theme *t = theme_new();
	struct theme_style s;
	char *cause = NULL;

	is_int(theme_parse(t, text, sizeof text - 1, "my.theme", warn_cb,
	    &w), 5, "five bad lines");
	is_int(w.n, 5, "five warnings");
	w.n = 0;
	theme_parse(t, "stauts = reverse\n", 17, "t", warn_cb, &w);
	is_str(w.last, "t:1: unknown face 'stauts'", "unknown face");
	theme_parse(t, "x\nerror = fg=colour256\n", 22, "t", warn_cb, &w);
	is_str(w.last, "t:2: error: unknown colour 'colour256'",
	    "a bad colour names file, line and face");
	theme_parse(t, "heading\n", 8, "t", warn_cb, &w);
	is_str(w.last, "t:1: expected FACE = STYLE", "no '='");
	theme_parse(t, "prompt =  \n", 11, "t", warn_cb, &w);
	is_str(w.last, "t:1: prompt: empty style", "no style");
	theme_parse(t, "text = bold\0x\n", 14, "t", warn_cb, &w);
	is_str(w.last, "t:1: NUL byte in the line", "a NUL byte");
	s = theme_face_get(t, TF_TEXT);
	ok(s.fg == 7 && s.attrs == 0, "the good line before the bad applied");
	s = theme_face_get(t, TF_STATUS);
	ok(s.fg == 252 && s.bg == 236, "blanks and CRLF");
	s = theme_face_get(t, TF_SELECTED);
	is_int(s.attrs, THEME_REVERSE, "a last line without a newline");
	ok(!theme_face_isset(t, TF_ERROR) && !theme_face_isset(t, TF_HEADING),
	    "bad lines set nothing");
	is_int(theme_parse(t, "", 0, "t", NULL, NULL), 0, "empty text");
	is_int(theme_parse(t, "\xef\xbb\xbfrule = dim\n", 14, "t", NULL, NULL),
	    0, "a byte order mark is skipped");
	s = theme_face_get(t, TF_RULE);
	is_int(s.attrs, THEME_DIM, "and the line applies");
	is_int(theme_load_file(t, "themes/no-such.theme", NULL, NULL, &cause),
	    -1, "an unreadable file is -1");
	ok(cause != NULL && strstr(cause, "no-such.theme") != NULL,
	    "with a cause naming it");
	free(cause);
	theme_free(t);
}

/* The example theme of hamish-theme(5) parses cleanly. */
static void
test_man_example(void)
{
	struct warns w = { 0, "" };
	const char *start, *end;
	struct theme_style s;
	struct theme *t;
	char *man, *cause = NULL;
	size_t len;

	if (util_file_read("man/hamish-theme.5", &man, &len, &cause) == -1) {
		ok(0, "man/hamish-theme.5 is readable: %s", cause);
		free(cause);
		return;
	}
	start = strstr(man, "# ~/.config/hamish/theme\n");
	end = start ? strstr(start, "\n.Ed\n") : NULL;
	if (ok(start != NULL && end != NULL, "the man page has an example")) {
		t = theme_new();
		is_int(theme_parse(t, start, (size_t)(end - start), "example",
		    warn_cb, &w), 0, "the example parses with no warnings");
		s = theme_face_get(t, TF_MATCH);
		ok(s.bg == THEME_RGB(0xff, 0xd7, 0x5f) && s.fg == 0 &&
		    s.attrs == THEME_BOLD, "example: match");
		theme_free(t);
	}
	free(man);
}

/* Issue 14: without colours (NO_COLOR, mono) highlights and notes are
 * told apart: highlights reversed, notes underlined, the selection
 * neither alone. */
static void
test_no_colour_annotations(void)
{
	static const char *files[] = {
		"themes/dark.theme", "themes/light.theme",
		"themes/high-contrast.theme", "themes/mono.theme",
	};

	for (size_t i = 0; i < UTIL_NELEM(files); i++) {
		struct theme *t = load(files[i]);
		struct theme_style hl = theme_face_style(t, TF_HL_YELLOW, 0);
		struct theme_style nt = theme_face_style(t, TF_NOTE, 0);
		struct theme_style sel = theme_face_style(t, TF_SELECTION, 0);
		int f, same = 0;

		ok((hl.attrs & THEME_REVERSE) && !(hl.attrs & THEME_UNDERLINE),
		    "%s without colours: a highlight is reversed", files[i]);
		ok((nt.attrs & THEME_UNDERLINE) && !(nt.attrs & THEME_REVERSE),
		    "... a note underlined");
		for (f = TF_HL_YELLOW; f <= TF_HL_PINK; f++)
			same += theme_face_style(t, f, 0).attrs == sel.attrs;
		is_int(same, 0, "... the selection unlike every highlight");
		theme_free(t);
	}
}

int
main(void)
{
	test_styles();
	test_faces();
	test_real_themes();
	test_degrade();
	test_parse();
	test_man_example();
	test_no_colour_annotations();
	return tap_done();
}
