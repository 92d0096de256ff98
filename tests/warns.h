/*
 * tests/warns.h - a warning callback for the parsers' unit tests
 * (test-keymap.c, test-theme.c): km_parse() and theme_parse() call
 * warn_cb(&w, msg) for each bad line; it counts them, keeps the last and
 * shows it as a TAP comment.  Include after <stdio.h>.
 */
#ifndef HAMISH_TESTS_WARNS_H
#define HAMISH_TESTS_WARNS_H

/* Collects warnings: the count and the last message. */
struct warns {
	int	 n;
	char	 last[256];
};

static inline void
warn_cb(void *arg, const char *msg)
{
	struct warns *w = arg;

	w->n++;
	snprintf(w->last, sizeof w->last, "%s", msg);
	printf("# warning: %s\n", msg);
}

#endif
