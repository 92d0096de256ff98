/*
 * tests/keys.h - what the reader's unit tests share: a screen row as
 * text (row_text), keys typed into a struct ui as a string ("<Enter>"
 * and the like by name, any other character as itself, UTF-8 too), and
 * a substring check that says what it found when it fails.  Included by
 * test-ui.c, test-reader.c, test-cursor.c, test-explore.c and
 * test-load.c after the headers it needs (keymap.h, ui.h, view.h,
 * util.h, stdio.h, string.h); ui-fixture.h builds on it.
 */
#ifndef HAMISH_TESTS_KEYS_H
#define HAMISH_TESTS_KEYS_H

/* Row y of the screen as UTF-8 (caller frees), wide halves skipped. */
static inline char *
row_text(const struct ui_screen *s, int y)
{
	const struct view_cell *c;
	struct buf b;
	int x, m;

	buf_init(&b);
	buf_adds(&b, "");
	for (x = 0; x < s->cols; x++) {
		c = &s->cell[(size_t)y * (size_t)s->cols + (size_t)x];
		if (c->base == 0)
			continue;
		buf_add_utf8(&b, c->base);
		for (m = 0; m < c->nmarks; m++)
			buf_add_utf8(&b, c->marks[m]);
	}
	return buf_steal(&b);
}

static inline void
keys(struct ui *u, const char *s)
{
	uint32_t k;
	char name[KM_KEY_MAX + 2];
	const char *end;

	/* "<Enter>" and the like by name, everything else a character. */
	while (*s != '\0') {
		if (*s == '<' && (end = strchr(s, '>')) != NULL &&
		    end - s < KM_KEY_MAX) {
			memcpy(name, s, (size_t)(end - s + 1));
			name[end - s + 1] = '\0';
			if (km_key_parse(name, &k)) {
				ui_key(u, k);
				s = end + 1;
				continue;
			}
		}
		k = (unsigned char)*s;
		if (k >= 0x80) {	/* one UTF-8 character */
			int len = k >= 0xF0 ? 4 : k >= 0xE0 ? 3 : 2, i;

			k &= 0xFF >> (len + 1);
			for (i = 1; i < len; i++)
				k = k << 6 | ((unsigned char)s[i] & 0x3F);
			s += len;
		} else
			s++;
		ui_key(u, k);
	}
}

static inline bool
has(const char *s, const char *needle, const char *what)
{
	bool r = s != NULL && strstr(s, needle) != NULL;

	if (!r)
		printf("#   %s: '%s'\n#   lacks: '%s'\n", what, s != NULL ? s :
		    "(null)", needle);
	return r;
}

#endif
