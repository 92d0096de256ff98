/*
 * layout-big.c - a huge paragraph laid out window by window (issue 15,
 * item 12: one paragraph of 11 MB took 40 times its size in analysis
 * and cells, lay_para_new() and lay_para_wrap() holding all of it at
 * once).  Part of the layout module; no FriBidi here, only layout.h and
 * the decoder of text.h.
 *
 * The text is decoded a slice at a time, cut where decoding the pieces
 * is decoding the whole (text_utf8_cut()).  Each window's lines start
 * where the last window's stopped; its analysis begins a little before,
 * at the last strong character (lay_context_start()), so that numbers
 * and neutrals there resolve as in the whole paragraph, and every window
 * takes the paragraph's direction (resolved on its first window).  The
 * lines of the last MARGIN code points of a window are left to the next,
 * whose text goes on past them: what follows changes the resolution of
 * neutrals at the end and where a line may break.
 *
 *   paragraph  |.............................................|
 *   window 1   |c=s=0 ................ until|  e|
 *   window 2                     |c  s ................ until|  e|
 *                                 ^ last strong before s
 *
 * What differs from one layout of the whole: bracket pairs (UAX #9 N0)
 * and explicit embeddings that span more than a window, and a first
 * strong character after the first window.  A window is laid out again,
 * from the slice before its context, when its cells are asked for.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "text.h"
#include "util.h"

#define CONTEXT		1024	/* code points looked back for a strong */
#define MARGIN		4096	/* code points left to the next window */

struct bigwin {
	size_t	line;		/* its first line in the whole */
	size_t	c, s, e;	/* context start, first line start, end */
	size_t	until;		/* lines start before this */
};

struct lay_big {
	const char	*s;		/* the paragraph's bytes, borrowed */
	size_t		 len;
	int		 flags;
	size_t		 win;
	int		 width;		/* of the last wrap */
	enum lay_dir	 dir;		/* as given, then resolved */
	bool		 resolved;
	/* Slice boundaries: byte offset and code point index (found by
	 * the first wrap, kept: a window is decoded again from them). */
	size_t		*sb, *sc;
	size_t		 nslice, capslice;
	bool		 sliced;	/* all of them known */
	struct bigwin	*w;		/* the windows of the last wrap */
	size_t		 nw, capw;
	/* The code points [base, base + n) being decoded. */
	size_t		 pos;		/* bytes decoded */
	uint32_t	*cp;
	size_t		 base, n, cap;
	uint32_t	*tmp;		/* one slice */
	size_t		 tmpcap;
	size_t		 nbad;
	struct lay_para	*lp;
	struct lay_lines ll;		/* one window's lines */
	long		 at_win;	/* window in ll, or -1 */
};

static void	fill(struct lay_big *, size_t);

struct lay_big *
lay_big_new(const char *s, size_t len, enum lay_dir dir, int flags,
    size_t win)
{
	struct lay_big *b = xcalloc(1, sizeof *b);

	b->s = s;
	b->len = len;
	b->dir = dir;
	b->flags = flags;
	b->win = win <= 2 * MARGIN ? 2 * MARGIN + 1 : win;
	b->at_win = -1;
	return b;
}

void
lay_big_free(struct lay_big *b)
{
	if (b == NULL)
		return;
	free(b->sb);
	free(b->sc);
	free(b->w);
	free(b->cp);
	free(b->tmp);
	lay_para_free(b->lp);
	lay_lines_free(&b->ll);
	free(b);
}

enum lay_dir
lay_big_dir(struct lay_big *b)
{
	if (!b->resolved) {
		b->base = b->n = b->pos = 0;
		fill(b, b->win);
		b->dir = lay_dir_resolve(b->cp, b->n, b->dir);
		b->resolved = true;
	}
	return b->dir;
}

size_t
lay_big_invalid(const struct lay_big *b)
{
	return b->nbad;
}

/* Starts decoding again at slice j. */
static void
seek_slice(struct lay_big *b, size_t j)
{
	b->pos = b->sb[j];
	b->base = b->sc[j];
	b->n = 0;
}

/* Decodes on until code point upto is there or the bytes end. */
static void
fill(struct lay_big *b, size_t upto)
{
	size_t cut, k, bad;

	while (b->base + b->n < upto && b->pos < b->len) {
		if (!b->sliced) {
			if (b->nslice == b->capslice) {
				b->capslice = b->capslice ? 2 * b->capslice :
				    16;
				b->sb = xreallocarray(b->sb, b->capslice,
				    sizeof *b->sb);
				b->sc = xreallocarray(b->sc, b->capslice,
				    sizeof *b->sc);
			}
			b->sb[b->nslice] = b->pos;
			b->sc[b->nslice++] = b->base + b->n;
		}
		cut = text_utf8_cut(b->s + b->pos, b->len - b->pos, b->win);
		if (b->n == 0) {	/* straight in: a slice may be huge */
			b->n = text_utf8_decode_buf(b->s + b->pos, cut,
			    TEXT_NFC, &b->cp, &b->cap, &bad);
			if (!b->sliced)
				b->nbad += bad;
			b->pos += cut;
			continue;
		}
		k = text_utf8_decode_buf(b->s + b->pos, cut, TEXT_NFC, &b->tmp,
		    &b->tmpcap, &bad);
		if (!b->sliced)
			b->nbad += bad;
		b->pos += cut;
		if (b->cap < b->n + k) {
			b->cap = b->n + k + b->win;
			b->cp = xreallocarray(b->cp, b->cap, sizeof *b->cp);
		}
		memcpy(b->cp + b->n, b->tmp, k * sizeof *b->cp);
		b->n += k;
	}
}

/* Forgets the code points before from. */
static void
drop(struct lay_big *b, size_t from)
{
	size_t k = from - b->base;

	if (from <= b->base)
		return;
	memmove(b->cp, b->cp + k, (b->n - k) * sizeof *b->cp);
	b->n -= k;
	b->base = from;
}

/* Lays out window w, whose code points are decoded, into b->ll;
 * returns where the next window's lines start. */
static size_t
window_lay(struct lay_big *b, const struct bigwin *w, int width)
{
	size_t i, next;

	b->lp = lay_para_renew(b->lp, b->cp + (w->c - b->base), w->e - w->c,
	    b->dir, b->flags);
	next = w->c + lay_para_wrap_range(b->lp, width, w->s - w->c,
	    w->until, &b->ll);
	if (w->c == 0)
		return next;
	for (i = 0; i < b->ll.nline; i++) {	/* paragraph offsets */
		b->ll.line[i].start += w->c;
		b->ll.line[i].end += w->c;
	}
	for (i = 0; i < b->ll.ncell; i++) {
		b->ll.cell[i].lmin += (uint32_t)w->c;
		b->ll.cell[i].lmax += (uint32_t)w->c;
	}
	return next;
}

void
lay_big_wrap(struct lay_big *b, int width, struct lay_lines *all,
    void (*each)(void *, const struct lay_lines *), void *arg)
{
	struct bigwin w;
	size_t at = 0, i, end;
	struct lay_line *ln;

	b->nw = 0;
	b->at_win = -1;
	b->width = width;
	b->base = b->n = b->pos = 0;
	if (all != NULL) {
		all->nline = all->ncell = 0;
		all->width = width;
	}
	fill(b, b->win);
	if (!b->resolved) {
		b->dir = lay_dir_resolve(b->cp, b->n, b->dir);
		b->resolved = true;
	}
	while (b->pos < b->len || at < b->base + b->n) {
		drop(b, at > CONTEXT ? at - CONTEXT : 0);
		fill(b, at + b->win);
		w.s = at;
		w.c = b->base + lay_context_start(b->cp, at - b->base, CONTEXT);
		end = b->base + b->n;
		w.e = end - at > b->win ? at + b->win : end;
		w.until = w.e < end || b->pos < b->len ? w.e - MARGIN - w.c :
		    w.e - w.c;
		w.line = all != NULL ? all->nline : 0;
		at = window_lay(b, &w, width);
		if (each != NULL)
			each(arg, &b->ll);
		if (all != NULL) {
			/* The lines alone: their cells are laid out again
			 * when asked for (lay_big_window()). */
			all->rtl = b->ll.rtl;
			for (i = 0; i < b->ll.nline; i++) {
				if (all->nline == all->cap_line) {
					all->cap_line = all->cap_line < 64 ?
					    64 : 2 * all->cap_line;
					all->line = xreallocarray(all->line,
					    all->cap_line, sizeof *all->line);
				}
				ln = &all->line[all->nline++];
				*ln = b->ll.line[i];
				ln->cell = 0;
				ln->ncell = 0;
			}
			if (b->nw == b->capw) {
				b->capw = b->capw ? 2 * b->capw : 16;
				b->w = xreallocarray(b->w, b->capw,
				    sizeof *b->w);
			}
			b->w[b->nw++] = w;
		}
	}
	b->sliced = true;
	b->at_win = -1;
}

const struct lay_lines *
lay_big_window(struct lay_big *b, size_t li, size_t *first)
{
	size_t lo = 0, hi, mid, j;
	const struct bigwin *w;

	assert(b->nw > 0);
	hi = b->nw;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (b->w[mid].line <= li)
			lo = mid;
		else
			hi = mid;
	}
	w = &b->w[lo];
	*first = w->line;
	if (b->at_win == (long)lo)
		return &b->ll;
	/* The last slice that starts at or before the context. */
	for (j = b->nslice; j > 1 && b->sc[j - 1] > w->c; j--)
		;
	seek_slice(b, j - 1);
	fill(b, w->e);
	window_lay(b, w, b->width);
	b->at_win = (long)lo;
	return &b->ll;
}
