/*
 * fuzz-keymap.c - libFuzzer target (make fuzz): arbitrary bytes as a
 * keymap file (km_parse()), and each of its words as a key name, with
 * checks besides the sanitizers': a bad line is a warning, never fatal,
 * with a message; a key km_key_parse() reads has a name it reads back as the
 * same key (km_key_string()).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "keymap.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A message with no C0 control, DEL or C1 control (as UTF-8). */
/* Every bad line gets a message (the reader shows it, as it shows
 * controls). */
static void
warn_check(void *arg, const char *msg)
{
	(void)arg;
	if (msg == NULL || *msg == '\0')
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct keymap *km = km_new();
	char name[KM_KEY_MAX], *s, *w, *save;
	uint32_t k, k2;

	km_parse(km, (const char *)data, size, "fuzz.keys", warn_check, NULL);
	km_free(km);

	s = xstrndup((const char *)data, size);
	for (w = strtok_r(s, " \t\r\n", &save); w != NULL;
	    w = strtok_r(NULL, " \t\r\n", &save)) {
		if (!km_key_parse(w, &k))
			continue;
		km_key_string(k, name);
		if (!km_key_parse(name, &k2) || k2 != k)
			abort();
	}
	free(s);
	return 0;
}
