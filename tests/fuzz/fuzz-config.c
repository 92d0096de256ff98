/*
 * fuzz-config.c - libFuzzer target (make fuzz): arbitrary bytes as the
 * reader's config file ($XDG_CONFIG_HOME/hamish/config, parsed by
 * main.c's config_load(), included here so that it is fuzzed as built),
 * with checks besides the sanitizers': a bad line is a warning, never
 * fatal and counted; the settings it keeps point into the text it kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int	hamish_cli_main(int, char **);
#define main hamish_cli_main
#include "main.c"
#undef main

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char dir[64], file[96];

/* Whether p points into the size bytes at keep (or is a default). */
static bool
kept(const char *p, const char *keep, size_t size, const char *dflt)
{
	return p == dflt || (keep != NULL && p >= keep && p <= keep + size);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct read_opts o = { "default", "dark", NULL, NULL, NULL,
	    UI_BIDI_APP, false, { 0 } };
	const char *km = o.keymap, *th = o.theme;
	struct warnings w = { NULL, 0 };
	char *keep = NULL;
	FILE *f;

	if (dir[0] == '\0') {
		snprintf(dir, sizeof dir, "/tmp/hamish-fuzz-%ld",
		    (long)getpid());
		snprintf(file, sizeof file, "%s/hamish", dir);
		mkdir(dir, 0700);
		mkdir(file, 0700);
		snprintf(file, sizeof file, "%s/hamish/config", dir);
		setenv("XDG_CONFIG_HOME", dir, 1);
	}
	if ((f = fopen(file, "wb")) == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	config_load(&o, &w, &keep);
	if (!kept(o.keymap, keep, size, km) || !kept(o.theme, keep, size, th))
		abort();
	if ((w.n > 0) != (w.first != NULL))
		abort();
	free(o.keymap_at);
	free(o.theme_at);
	free(w.first);
	free(keep);
	unlink(file);
	return 0;
}
