/*
 * test-bidi-conform.c - Unicode's own bidi conformance data through
 * hamish's level and reorder path (lay_para_new + lay_para_reorder, the
 * path every screen line takes), next to plain FriBidi 1.0.8 as the peer.
 *
 * Each line of BidiCharacterTest.txt: code points; paragraph direction
 * (0 LTR, 1 RTL, 2 auto); resolved paragraph level; resolved levels (x:
 * removed by X9); visual order of the characters that are not removed.
 * Every case FriBidi passes must pass here too.
 *
 * The file comes from Debian's unicode-data (installed by make deps);
 * BIDI_TEST overrides its path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fribidi.h>

#include "layout.h"
#include "tap.h"
#include "text.h"
#include "util.h"

#define MAXN 256

struct tcase {
	uint32_t	cp[MAXN];
	int		n;
	int		dir;
	int		plevel;
	int		lev[MAXN];	/* -1 for x */
	int		order[MAXN];
	int		norder;
};

static int
parse(char *line, struct tcase *t)
{
	char *f[5], *p, *tok;
	int i;

	for (i = 0; i < 5; i++) {
		f[i] = strsep(&line, ";");
		if (f[i] == NULL)
			return -1;
	}
	t->n = 0;
	for (p = f[0]; (tok = strsep(&p, " ")) != NULL; )
		if (*tok != '\0' && t->n < MAXN)
			t->cp[t->n++] = (uint32_t)strtoul(tok, NULL, 16);
	t->dir = atoi(f[1]);
	t->plevel = atoi(f[2]);
	i = 0;
	for (p = f[3]; (tok = strsep(&p, " ")) != NULL; )
		if (*tok != '\0' && i < MAXN)
			t->lev[i++] = *tok == 'x' ? -1 : atoi(tok);
	if (i != t->n)
		return -1;
	t->norder = 0;
	for (p = f[4]; (tok = strsep(&p, " \r\n")) != NULL; )
		if (*tok != '\0' && t->norder < MAXN)
			t->order[t->norder++] = atoi(tok);
	return 0;
}

/* Compares levels and the visual order without X9-removed characters. */
static int
check(const struct tcase *t, int plevel, const uint8_t *lev,
    const size_t *map)
{
	int i, k = 0;

	if (plevel != t->plevel)
		return 0;
	for (i = 0; i < t->n; i++)
		if (t->lev[i] >= 0 && t->lev[i] != lev[i])
			return 0;
	for (i = 0; i < t->n; i++) {
		if (t->lev[map[i]] < 0)
			continue;
		if (k >= t->norder || t->order[k] != (int)map[i])
			return 0;
		k++;
	}
	return k == t->norder;
}

static int
run_hamish(const struct tcase *t)
{
	static const enum lay_dir dirs[] = { LAY_DIR_LTR, LAY_DIR_RTL,
	    LAY_DIR_AUTO };
	struct lay_para *lp;
	uint8_t lev[MAXN];
	size_t map[MAXN];
	int plevel, r;

	lp = lay_para_new(t->cp, (size_t)t->n, dirs[t->dir], 0);
	plevel = lay_para_reorder(lp, 0, (size_t)t->n, false, lev, map);
	r = check(t, plevel, lev, map);
	lay_para_free(lp);
	return r;
}

static int
run_fribidi(const struct tcase *t)
{
	static const FriBidiParType dirs[] = { FRIBIDI_PAR_LTR,
	    FRIBIDI_PAR_RTL, FRIBIDI_PAR_ON };
	FriBidiCharType types[MAXN];
	FriBidiBracketType bt[MAXN];
	FriBidiLevel flev[MAXN];
	FriBidiStrIndex fmap[MAXN];
	FriBidiParType base = dirs[t->dir];
	uint8_t lev[MAXN];
	size_t map[MAXN];
	int i;

	fribidi_get_bidi_types(t->cp, t->n, types);
	fribidi_get_bracket_types(t->cp, t->n, types, bt);
	if (fribidi_get_par_embedding_levels_ex(types, bt, t->n, &base,
	    flev) == 0)
		return 0;
	for (i = 0; i < t->n; i++)
		fmap[i] = i;
	if (fribidi_reorder_line(0, types, t->n, 0, base, flev, NULL,
	    fmap) == 0)
		return 0;
	for (i = 0; i < t->n; i++) {
		lev[i] = flev[i];
		map[i] = (size_t)fmap[i];
	}
	return check(t, FRIBIDI_DIR_TO_LEVEL(base), lev, map);
}

int
main(void)
{
	const char *path = getenv("BIDI_TEST");
	struct tcase t;
	char line[8192];
	long total = 0, fb_pass = 0, hm_pass = 0, regress = 0;
	FILE *fp;

	if (path == NULL)
		path = "/usr/share/unicode/BidiCharacterTest.txt";
	fp = fopen(path, "r");
	if (!ok(fp != NULL, "%s is readable (make deps installs it)", path))
		return tap_done();
	while (fgets(line, sizeof line, fp) != NULL) {
		int f, h;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (parse(line, &t) != 0)
			continue;
		total++;
		f = run_fribidi(&t);
		h = run_hamish(&t);
		fb_pass += f;
		hm_pass += h;
		if (f && !h && regress++ < 5)
			printf("# regression on case %ld\n", total);
	}
	fclose(fp);
	printf("# BidiCharacterTest: %ld cases; FriBidi alone passes %ld, "
	    "hamish passes %ld\n", total, fb_pass, hm_pass);
	ok(total > 90000, "the conformance file has its ~91,000 cases");
	is_int(regress, 0, "every case FriBidi passes, hamish passes too");
	ok(hm_pass >= fb_pass, "hamish passes at least as many as FriBidi");
	text_cleanup();
	return tap_done();
}
