/*
 * render-plain.c - `hamish render --plain` for a range of bytes: plain
 * paragraphs (doc_plain_next()) decoded, laid out and written as rows.
 * No terminal; the command line decides where the rows go and may run
 * several ranges at once (see render.h).
 */
#include <stdlib.h>

#include "doc.h"
#include "layout.h"
#include "render.h"
#include "text.h"
#include "util.h"

/*
 * A paragraph longer than a window of code points (at most its bytes)
 * is laid out window by window (layout-big.c, issue 15 item 12).
 */
#define WINDOW_DEFAULT	(1 << 16)	/* code points */

struct big_out {
	struct buf			*out;
	const struct render_plain_opts	*o;
};

static void
big_rows(void *arg, const struct lay_lines *ll)
{
	struct big_out *bo = arg;

	render_lines(bo->out, ll, bo->o->render_flags);
	if (bo->o->flush != NULL && bo->out->len >= 1 << 16)
		bo->o->flush(bo->o->flush_arg, bo->out);
}

size_t
render_plain(struct buf *out, const char *s, size_t len,
    const struct render_plain_opts *o, size_t *nbad)
{
	struct doc_plain it = { s, len, 0, 0 };
	struct lay_lines ll = { 0 };
	struct lay_para *lp = NULL;
	struct buf para;
	uint32_t *cps = NULL;
	size_t n, cap = 0, bad, first, count = 0;
	size_t win = o->window > 0 ? o->window : WINDOW_DEFAULT;

	/* The code points and the analysis live from one paragraph to the
	 * next: no large allocation per paragraph (see layout.c). */
	buf_init(&para);
	while (doc_plain_next(&it, &para, &first)) {
		if (count++ > 0)
			buf_addc(out, '\n');
		if (para.len > win) {	/* may hold more than a window */
			struct lay_big *big = lay_big_new(para.data, para.len,
			    LAY_DIR_AUTO_RTL, o->lay_flags, win);
			struct big_out bo = { out, o };

			lay_big_wrap(big, o->width, NULL, big_rows, &bo);
			*nbad += lay_big_invalid(big);
			lay_big_free(big);
			continue;
		}
		n = text_utf8_decode_buf(para.data, para.len, TEXT_NFC, &cps,
		    &cap, &bad);
		*nbad += bad;
		lp = lay_para_renew(lp, cps, n, LAY_DIR_AUTO_RTL, o->lay_flags);
		lay_para_wrap(lp, o->width, &ll);
		render_lines(out, &ll, o->render_flags);
		if (o->flush != NULL && out->len >= 1 << 16)
			o->flush(o->flush_arg, out);
	}
	lay_para_free(lp);
	free(cps);
	lay_lines_free(&ll);
	buf_free(&para);
	return count;
}
