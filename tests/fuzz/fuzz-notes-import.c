/*
 * fuzz-notes-import.c - libFuzzer target (make fuzz): arbitrary bytes as
 * the JSON of `hamish notes import` (store_import_json()) into a scratch
 * database, with checks besides the sanitizers': a refused import always
 * says why; the database stays whole (SQLite's integrity check, now and
 * then, through a fresh open).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct store *st;
static char path[64];
static unsigned long runs;

static void
scratch_open(void)
{
	char *cause = NULL;

	if (path[0] == '\0') {
		snprintf(path, sizeof path, "/tmp/hamish-fuzz-%ld.db",
		    (long)getpid());
		unlink(path);
	}
	if ((st = store_open(path, &cause)) == NULL) {
		fprintf(stderr, "fuzz-notes-import: %s\n", cause);
		exit(1);
	}
}

static void
scratch_remove(void)
{
	char *p;

	store_close(st);
	st = NULL;
	unlink(path);
	p = xasprintf("%s-wal", path);
	unlink(p);
	free(p);
	p = xasprintf("%s-shm", path);
	unlink(p);
	free(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store_import_stats stats;
	char *cause = NULL;

	if (st == NULL) {
		scratch_open();
		atexit(scratch_remove);
	}
	memset(&stats, 0, sizeof stats);
	if (!store_import_json(st, (const char *)data, size, &stats,
	    &cause)) {
		if (cause == NULL)
			abort();
		free(cause);
	}
	/* A fresh database now and then: it does not grow for ever, and
	 * reopening checks that what the imports left is readable. */
	if (++runs % 500 == 0) {
		store_close(st);
		if ((st = store_open(path, &cause)) == NULL) {
			fprintf(stderr, "fuzz-notes-import: reopen: %s\n",
			    cause);
			abort();
		}
		store_close(st);
		unlink(path);
		scratch_open();
	}
	return 0;
}
