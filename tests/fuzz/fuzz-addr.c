/*
 * fuzz-addr.c - libFuzzer target (make fuzz): arbitrary bytes as what a
 * reader types after ":" (doc_addr_find(), doc_addr_sections()) in two
 * seed documents, one numbered per section; checks besides the
 * sanitizers': an address finds no block or one that exists, and the
 * canonical address of the block found finds that block again.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct doc *docs[3];

static struct doc *
load(const char *path)
{
	char *cause = NULL;
	struct doc *d = doc_import_file(path, NULL, &cause);

	if (d == NULL) {
		fprintf(stderr, "fuzz-addr: %s (run from the repository "
		    "root)\n", cause);
		exit(1);
	}
	return d;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char numbered[] =
	    "أولا - مقدمة\n\n1 - نص.\n\n2 - نص (أ) و(ب).\n\n"
	    "ثانيا - المناقشة\n\n1 - نص آخر.\n\n(أ) فرعي؛\n\n(ب) فرعي.\n";
	struct buf b;
	char *s, *cause = NULL;
	const char *a;
	long i;
	size_t k;

	if (docs[0] == NULL) {
		docs[0] = load("tests/corpus/001_9cffd64b9ac82079.txt");
		docs[1] = load("tests/corpus/003_50053b280e36211a.txt");
		docs[2] = doc_import(numbered, sizeof numbered - 1, NULL,
		    &cause);
		if (docs[2] == NULL)
			abort();
	}
	s = xstrndup((const char *)data, size);	/* stops at a NUL */
	buf_init(&b);
	for (k = 0; k < 3; k++) {
		i = doc_addr_find(docs[k], s);
		if (i < -1 || i >= (long)doc_block_count(docs[k]))
			abort();
		if (i >= 0 && (a = doc_block_address(docs[k], (size_t)i)) !=
		    NULL && doc_addr_find(docs[k], a) != i)
			abort();
		buf_reset(&b);
		doc_addr_sections(docs[k], s, &b);
	}
	buf_free(&b);
	free(s);
	return 0;
}
