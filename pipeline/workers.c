/* workers.c - the thread pool behind -j. Work is handed out one index at a time
 * through an atomic counter, so a slow document does not hold up a whole slice. */
#include "workers.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

struct pool {
	size_t n;
	atomic_size_t next;
	const litx_host *h;
	litx_work_fn fn;
	void *ctx;
	atomic_int failed;
};

static void *worker(void *arg)
{
	struct pool *p = arg;
	void **states = litx_host_states_new(p->h);
	if (!states) {
		atomic_store(&p->failed, 1);
		return NULL;
	}
	for (;;) {
		size_t i = atomic_fetch_add(&p->next, 1);
		if (i >= p->n)
			break;
		p->fn(i, states, p->ctx);
	}
	litx_host_states_free(p->h, states);
	return NULL;
}

int litx_parallel(size_t n, int jobs, const litx_host *h, litx_work_fn fn, void *ctx)
{
	struct pool p = { .n = n, .h = h, .fn = fn, .ctx = ctx };
	atomic_init(&p.next, 0);
	atomic_init(&p.failed, 0);
	if (jobs < 1)
		jobs = 1;
	if ((size_t)jobs > n)
		jobs = n ? (int)n : 1;
	if (jobs == 1) {
		worker(&p);
		return atomic_load(&p.failed) ? -1 : 0;
	}
	pthread_t *t = calloc((size_t)jobs, sizeof *t);
	if (!t)
		return -1;
	int started = 0;
	for (; started < jobs; started++)
		if (pthread_create(&t[started], NULL, worker, &p))
			break;
	if (started == 0) {
		free(t);
		worker(&p);
		return atomic_load(&p.failed) ? -1 : 0;
	}
	for (int i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	free(t);
	return atomic_load(&p.failed) ? -1 : 0;
}
