/*
 * search.c - benchmark of search (src/search.c) on a large document, not
 * a test: it prints times and never fails on a slow machine.
 *
 * Imports FILE, then times the first search (which folds the whole
 * document into the index), every forward step through the hits of a
 * word that occurs often, and full scans for a word that never occurs
 * (forward from the start and backward from the end: each step reads the
 * whole index).  tests/bench/search.sh builds and runs it beside a peer.
 *
 * The worst case for the scan is a word of nothing but the commonest
 * letter, which stops it everywhere; that is timed too.
 *
 * usage: search FILE [OFTEN [NEVER [RUNS]]]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "doc.h"
#include "search.h"
#include "text.h"
#include "util.h"

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static long
peak_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* The best of runs full scans for a pattern with no hit, in ms. */
static double
full_scan(struct search *s, const struct doc *d, bool forward, int runs)
{
	struct search_hit hit;
	double best = -1, t;
	size_t b = forward ? 0 : doc_block_count(d);
	int i;

	for (i = 0; i < runs; i++) {
		t = now_ms();
		if (search_find(s, b, 0, forward, &hit))
			die("the no-hit word was found at block %zu",
			    hit.block);
		t = now_ms() - t;
		if (best < 0 || t < best)
			best = t;
	}
	return best;
}

int
main(int argc, char **argv)
{
	const char *file, *often, *never;
	struct search *s;
	struct search_hit hit;
	struct doc *d;
	char *cause = NULL;
	double t, t_import, t_index, t_exact, best, fw, bw, worst;
	size_t steps, b, off, fsize;
	long kb_doc;
	int runs, i;
	FILE *f;

	if (argc < 2) {
		fputs("usage: search FILE [OFTEN [NEVER [RUNS]]]\n", stderr);
		return 2;
	}
	file = argv[1];
	often = argc > 2 ? argv[2] : "الدول";
	never = argc > 3 ? argv[3] : "الزرافات";
	runs = argc > 4 ? atoi(argv[4]) : 5;
	if (runs < 1)
		runs = 1;
	if ((f = fopen(file, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0)
		die("%s: cannot open", file);
	fsize = (size_t)ftell(f);
	fclose(f);

	t = now_ms();
	if ((d = doc_import_file(file, NULL, &cause)) == NULL)
		die("%s: %s", file, cause);
	t_import = now_ms() - t;
	kb_doc = peak_kb();

	/* First search: folds every block (the index), then one step. */
	s = search_new(d);
	if (!search_set(s, often, strlen(often), false))
		die("'%s' folds to nothing", often);
	t = now_ms();
	search_find(s, 0, 0, true, &hit);
	t_index = now_ms() - t;

	/* Every hit of the frequent word, best of runs passes. */
	best = -1;
	steps = 0;
	for (i = 0; i < runs; i++) {
		t = now_ms();
		steps = 0;
		b = off = 0;
		while (search_find(s, b, off, true, &hit)) {
			steps++;
			b = hit.block;
			off = hit.start + 1;
		}
		t = now_ms() - t;
		if (best < 0 || t < best)
			best = t;
	}

	if (!search_set(s, never, strlen(never), false))
		die("'%s' folds to nothing", never);
	fw = full_scan(s, d, true, runs);
	bw = full_scan(s, d, false, runs);
	search_set(s, "اااااا", strlen("اااااا"), false);
	worst = full_scan(s, d, true, runs);

	/* The exact index is separate, built on its first use. */
	search_set(s, never, strlen(never), true);
	t = now_ms();
	search_find(s, 0, 0, true, &hit);
	t_exact = now_ms() - t;

	printf("search: %s, %zu bytes, %zu blocks, best of %d\n", file,
	    fsize, doc_block_count(d), runs);
	printf("  import (not search):                  %8.1f ms\n",
	    t_import);
	printf("  first search (builds folded index):   %8.1f ms\n",
	    t_index);
	printf("  first exact search (exact index):     %8.1f ms\n",
	    t_exact);
	printf("  peak memory: %.1f MB after import, %.1f MB with both "
	    "indexes\n", kb_doc / 1024.0, peak_kb() / 1024.0);
	printf("  '%s': %zu hits, all steps %.1f ms, %.4f ms per step\n",
	    often, steps, best, steps ? best / (double)steps : 0.0);
	printf("  search step (%.0f MB, no hit, full scan): %.2f ms "
	    "(target < 30)\n", fsize / 1e6, fw);
	printf("  search step backward (no hit, full scan): %.2f ms\n", bw);
	printf("  search step, worst case (اااااا, no hit): %.2f ms\n",
	    worst);
	/* For the driver: machine-readable, one line. */
	printf("# index_ms=%.2f often_all_ms=%.2f often_steps=%zu "
	    "nohit_ms=%.3f nohit_back_ms=%.3f\n", t_index, best, steps, fw,
	    bw);

	search_free(s);
	doc_free(d);
	text_cleanup();
	return 0;
}
