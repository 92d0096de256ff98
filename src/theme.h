/*
 * theme.h - how each kind of text looks: themes/ *.theme and the user's.
 *
 * Pure C, no terminal.  A theme gives each face a style: colours and
 * attributes.  The backend asks for the style a face has on a terminal
 * with N colours, and this module does the degrading (256 -> 16 -> 8 ->
 * none), so that every backend and every test sees the same choice.
 */
#ifndef HAMISH_THEME_H
#define HAMISH_THEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;

enum theme_face {
	TF_TEXT,		/* body text */
	TF_LABEL,		/* paragraph numbers in the gutter */
	TF_HEADING,		/* heading lines */
	TF_RULE,		/* the lines under headings, above footnotes */
	TF_BOLD,		/* **bold** spans */
	TF_ITALIC,
	TF_FOOTREF,		/* footnote markers */
	TF_MATCH,		/* search matches on screen */
	TF_MATCH_CURRENT,	/* the match the search stopped on */
	TF_STATUS,		/* the status line */
	TF_MESSAGE,		/* the message line */
	TF_ERROR,		/* error messages */
	TF_PROMPT,		/* what is typed after : / ? */
	TF_SELECTED,		/* the bar in a list */
	TF_HL_YELLOW,		/* highlights, by style (the default one) */
	TF_HL_GREEN,
	TF_HL_BLUE,
	TF_HL_PINK,
	TF_NOTE,		/* words with a note and no highlight */
	TF_REVIEW,		/* an annotation whose place needs review */
	TF_SELECTION,		/* what v selects */
	TF_NOTEMARK,		/* the marker of annotated rows */
	TF_REF,			/* cross-references */
	TF_REF_CURRENT,		/* the one Tab is on */
	TF_POPUP,		/* a footnote or preview over the text */
	TF_CURSOR,		/* the word under the word cursor */
	TF_DIFF_DELETE,		/* comparing: words only in the old version */
	TF_DIFF_INSERT,		/* words only in the new one */
	TF_DIFF_SPELLING,	/* words only respelled (letter variants) */
	TF_DIFF_FILLER,		/* rows where one version has nothing */
	TF_DIFF_GUTTER,		/* the label map between the columns */
	TF_DIFF_HEAD,		/* the heads naming the two versions */
	TF_NFACES
};

/* Attributes. */
#define THEME_BOLD	0x01
#define THEME_UNDERLINE	0x02
#define THEME_REVERSE	0x04
#define THEME_ITALIC	0x08
#define THEME_DIM	0x10

/* Colours: THEME_DEFAULT, 0..255 (the xterm palette: 0-7 the normal
 * colours, 8-15 the bright ones), or THEME_RGB(r, g, b). */
#define THEME_DEFAULT	(-1)
#define THEME_RGB(r, g, b) \
	((int)(0x1000000 | ((r) << 16) | ((g) << 8) | (b)))
#define THEME_IS_RGB(c)	((c) >= 0x1000000)

/* A style: a plain value. */
struct theme_style {
	int		fg;
	int		bg;
	unsigned	attrs;
};

/* Called for each bad line: msg is "FILE:LINE: what is wrong". */
typedef void	(*theme_warn_fn)(void *, const char *);

struct theme;

/* A theme where every face is the default style; free with
 * theme_free(). */
struct theme	*theme_new(void);
void		 theme_free(struct theme *);

/*
 * Applies the lines of text (len bytes, borrowed) to t, file naming it in
 * warnings:
 *
 *   # comment
 *   FACE = STYLE              e.g. status = fg=colour252,bg=colour236,bold
 *
 * A bad line (unknown face, bad style) is reported through warn (may be
 * NULL) and skipped.  Returns the number of bad lines.  A line sets the
 * whole style of its face; the message given to warn is borrowed for the
 * call.
 */
int		 theme_parse(struct theme *, const char *, size_t,
		    const char *, theme_warn_fn, void *);
/* theme_parse() of a file; -1 with *cause (caller frees) if
 * unreadable. */
int		 theme_load_file(struct theme *, const char *, theme_warn_fn,
		    void *, char **);

/*
 * A style: comma-separated items fg=COLOUR, bg=COLOUR, and attributes
 * bold underline reverse italic dim none.  COLOUR: default, black red
 * green yellow blue magenta cyan white, bright + one of those
 * (brightred), colourN or colorN (0..255), #rrggbb.  Returns false with
 * *cause (caller frees) if malformed.
 */
bool		 theme_style_parse(const char *, struct theme_style *,
		    char **);
/* Appends the text theme_style_parse() reads back. */
void		 theme_style_string(struct buf *, const struct theme_style *);

const char	*theme_face_name(enum theme_face);
/* The face called name, or -1. */
int		 theme_face_find(const char *);

/* The style set for a face (THEME_DEFAULT colours if never set). */
struct theme_style theme_face_get(const struct theme *, enum theme_face);
void		 theme_face_set(struct theme *, enum theme_face,
		    const struct theme_style *);
/* Whether face was set, by theme_face_set() or a line of a file. */
bool		 theme_face_isset(const struct theme *, enum theme_face);

/*
 * The style to draw face with on a terminal of ncolours (256, 16, 8, or
 * 0 for none, which is also what NO_COLOR asks for): RGB colours become
 * the nearest of the palette, palette colours beyond ncolours the
 * nearest the terminal has; with no colours at all, a face whose look
 * relied on colour gets attributes instead (matches and the status line
 * reverse, headings bold, footnote markers underlined ...), so that it
 * stays distinct.  Exactly:
 *
 *   ncolours >= 2^24  RGB kept as it is
 *   256 (or more)     RGB -> nearest of the cube and greys, 16..255
 *   16 (to 255)       RGB and 16..255 -> nearest of 0..15
 *   8 (to 15)         as for 16, then bright 8..15 -> normal 0..7, and a
 *                     bright foreground adds THEME_BOLD
 *   0 (below 8)       no colours; a face that had a foreground colour
 *                     and no attributes, or had a background colour, gets
 *                     these attributes added:
 *                       match, status, selected    reverse
 *                       match-current              reverse, bold
 *                       heading, bold, error       bold
 *                       italic, footref            underline
 *                       label, rule                dim
 *                       diff-delete                reverse
 *                       diff-insert                underline, bold
 *                       diff-spelling              underline, dim
 *                       diff-filler                dim
 *                       diff-gutter, diff-head     bold
 *                       text, message, prompt      none
 *
 * "Nearest" is by distance in RGB on xterm's palette, the lower number on
 * a tie.  A foreground that would come out the same as the background
 * (when the theme had them differ) takes the nearest colour that is not
 * the background's.  themes/mono.theme is the table above written out.
 */
struct theme_style theme_face_style(const struct theme *, enum theme_face,
		    int);

#endif
