/*
 * fuzz-theme.c - libFuzzer target (make fuzz): arbitrary bytes as a
 * theme file (theme_parse()), and each line's text after "=" as a style,
 * with checks besides the sanitizers': every bad line has a message; a
 * style theme_style_parse() reads is printed
 * (theme_style_string()) as text it reads back as the same style, and a
 * failed parse always says why.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "theme.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

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
	struct theme *t = theme_new();
	struct theme_style st, st2;
	struct buf b;
	char *s, *line, *save, *eq, *cause = NULL;

	theme_parse(t, (const char *)data, size, "fuzz.theme", warn_check,
	    NULL);
	theme_free(t);

	s = xstrndup((const char *)data, size);
	buf_init(&b);
	for (line = strtok_r(s, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		eq = strchr(line, '=');
		if (!theme_style_parse(eq != NULL ? eq + 1 : line, &st,
		    &cause)) {
			if (cause == NULL)
				abort();
			free(cause);
			cause = NULL;
			continue;
		}
		buf_reset(&b);
		theme_style_string(&b, &st);
		if (!theme_style_parse(b.data != NULL ? b.data : "", &st2,
		    &cause) || memcmp(&st, &st2, sizeof st) != 0)
			abort();
	}
	buf_free(&b);
	free(s);
	return 0;
}
