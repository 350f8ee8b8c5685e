/* cmd_extract.c - `litx extract INPUT...`: the map step. Every document's records
 * as JSON Lines on stdout, documents in source order whatever -j is: workers fill
 * slots, the main thread prints them in order as they complete. */
#include "commands.h"
#include "kb.h"
#include "workers.h"
#include <libxml/parser.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int litx_prepare(const litx_opts *o, litx_host *h, litx_items *items);

struct ex_ctx {
	litx_items *items;
	const litx_host *h;
	json_t **done;   /* slot per item; NULL until processed */
	char *ready;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int jobs;
	size_t printed;  /* the next document to print */
};

/* How far workers may run ahead of the printer: memory holds at most this many
 * finished documents per worker, however slow one document is. */
#define AHEAD_PER_JOB 4

static void extract_one(size_t i, void **states, void *vctx)
{
	struct ex_ctx *c = vctx;
	pthread_mutex_lock(&c->mu);
	while (i >= c->printed + (size_t)c->jobs * AHEAD_PER_JOB)
		pthread_cond_wait(&c->cv, &c->mu);
	pthread_mutex_unlock(&c->mu);
	json_t *pairs = litx_kb_process(&c->items->v[i], c->h, states);
	pthread_mutex_lock(&c->mu);
	c->done[i] = pairs;
	c->ready[i] = 1;
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mu);
}

struct pool_args {
	struct ex_ctx *c;
	int rc;
};

static void *pool_thread(void *arg)
{
	struct pool_args *a = arg;
	a->rc = litx_parallel(a->c->items->n, a->c->jobs, a->c->h, extract_one, a->c);
	if (a->rc) {
		/* wake the printer for anything never processed */
		pthread_mutex_lock(&a->c->mu);
		for (size_t i = 0; i < a->c->items->n; i++)
			a->c->ready[i] = 1;
		pthread_cond_broadcast(&a->c->cv);
		pthread_mutex_unlock(&a->c->mu);
	}
	return NULL;
}

/* The work list of a map step: each file once (an archive once for all its
 * entries), named so that passing the names back as arguments gives the same
 * sources as reading the directory. */
static int list_files(const litx_items *items)
{
	const char *prev = NULL;
	for (size_t i = 0; i < items->n; i++) {
		const char *p = items->v[i].path;
		while (p[0] == '.' && p[1] == '/')
			p += 2;
		if (prev && !strcmp(prev, p))
			continue;
		if (printf("%s\n", p) < 0)
			return LITX_EXIT_FATAL;
		prev = p;
	}
	return fflush(stdout) ? LITX_EXIT_FATAL : LITX_EXIT_OK;
}

int litx_cmd_extract(const litx_opts *o)
{
	litx_host h;
	litx_items items;
	int status = LITX_EXIT_FATAL;
	if (litx_prepare(o, &h, &items))
		goto out;
	if (o->list) {
		status = list_files(&items);
		goto out;
	}
	struct ex_ctx c = { &items, &h, calloc(items.n + 1, sizeof(json_t *)), calloc(items.n + 1, 1),
			    PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, o->jobs, 0 };
	if (!c.done || !c.ready) {
		free(c.done);
		free(c.ready);
		goto out;
	}
	struct pool_args pa = { &c, 0 };
	pthread_t t;
	if (pthread_create(&t, NULL, pool_thread, &pa)) {
		fprintf(stderr, "litx: cannot start the worker pool\n");
	} else {
		status = LITX_EXIT_OK;
		for (size_t i = 0; i < items.n; i++) {
			pthread_mutex_lock(&c.mu);
			while (!c.ready[i])
				pthread_cond_wait(&c.cv, &c.mu);
			json_t *pairs = c.done[i];
			c.done[i] = NULL;
			c.printed = i + 1;
			pthread_cond_broadcast(&c.cv);
			pthread_mutex_unlock(&c.mu);
			if (!pairs || litx_kb_write_lines(pairs, stdout)) {
				fprintf(stderr, "litx: %s: could not write its records\n", items.v[i].source);
				status = LITX_EXIT_FATAL;
			}
			json_decref(pairs);
		}
		pthread_join(t, NULL);
		if (pa.rc)
			status = LITX_EXIT_FATAL;
	}
	if (fflush(stdout))
		status = LITX_EXIT_FATAL;
	for (size_t i = 0; i < items.n; i++)
		json_decref(c.done[i]);
	free(c.done);
	free(c.ready);
	pthread_mutex_destroy(&c.mu);
	pthread_cond_destroy(&c.cv);
out:
	litx_host_free(&h);
	litx_items_free(&items);
	xmlCleanupParser();
	return status;
}
