/*
 * doc-load.c - a document imported on a thread of its own while the
 * caller goes on: the reader shows the first pages of a long PDF while
 * the whole of it is read, `hamish diff` imports its two versions at
 * once.  The thread runs doc_import_file() and nothing else; it shares
 * nothing with the caller but this struct, whose result fields are
 * written before `done` is set (release) and read after it is seen
 * (acquire) or after the join.  Never prints, never exits.
 */
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "util.h"

struct doc_load {
	pthread_t	 th;
	bool		 joined;
	char		*path;
	char		*encoding;	/* opts' strings, owned copies */
	char		*name;
	struct doc_import_opts o;
	struct doc	*d;		/* the result, until taken */
	char		*cause;
	atomic_bool	 done;
};

static void *
load_run(void *arg)
{
	struct doc_load *l = arg;

	l->d = doc_import_file(l->path, &l->o, &l->cause);
	atomic_store_explicit(&l->done, true, memory_order_release);
	return NULL;
}

struct doc_load *
doc_load_start(const char *path, const struct doc_import_opts *o)
{
	struct doc_load *l = xcalloc(1, sizeof *l);

	assert(path != NULL);
	l->path = xstrdup(path);
	if (o != NULL) {
		l->o = *o;
		l->encoding = o->encoding != NULL ? xstrdup(o->encoding) :
		    NULL;
		l->name = o->name != NULL ? xstrdup(o->name) : NULL;
	}
	l->o.encoding = l->encoding;
	l->o.name = l->name;
	atomic_init(&l->done, false);
	if (pthread_create(&l->th, NULL, load_run, l) != 0) {
		load_run(l);	/* no thread to be had: here, now */
		l->joined = true;
	}
	return l;
}

bool
doc_load_ready(const struct doc_load *l)
{
	return atomic_load_explicit(&l->done, memory_order_acquire);
}

static void
load_join(struct doc_load *l)
{
	if (!l->joined) {
		pthread_join(l->th, NULL);
		l->joined = true;
	}
}

struct doc *
doc_load_take(struct doc_load *l, char **cause)
{
	struct doc *d;

	load_join(l);
	d = l->d;
	l->d = NULL;
	if (d == NULL) {
		*cause = l->cause != NULL ? l->cause : xstrdup("not read");
		l->cause = NULL;
	}
	return d;
}

void
doc_load_free(struct doc_load *l)
{
	if (l == NULL)
		return;
	load_join(l);
	doc_free(l->d);
	free(l->cause);
	free(l->path);
	free(l->encoding);
	free(l->name);
	free(l);
}
