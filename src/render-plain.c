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

	/* The code points and the analysis live from one paragraph to the
	 * next: no large allocation per paragraph (see layout.c). */
	buf_init(&para);
	while (doc_plain_next(&it, &para, &first)) {
		n = text_utf8_decode_buf(para.data, para.len, TEXT_NFC, &cps,
		    &cap, &bad);
		*nbad += bad;
		lp = lay_para_renew(lp, cps, n, LAY_DIR_AUTO_RTL, o->lay_flags);
		lay_para_wrap(lp, o->width, &ll);
		if (count++ > 0)
			buf_addc(out, '\n');
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
