/* progress.c - a one-line bar redrawn at most every 1 % of the work. */
#include "progress.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct litx_progress {
	pthread_mutex_t mu;
	size_t total, done, shown;
};

litx_progress *litx_progress_new(size_t total, int quiet)
{
	if (quiet || !isatty(STDERR_FILENO) || total == 0)
		return NULL;
	litx_progress *p = calloc(1, sizeof *p);
	if (!p || pthread_mutex_init(&p->mu, NULL)) {
		free(p);
		return NULL;
	}
	p->total = total;
	return p;
}

void litx_progress_step(litx_progress *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->done++;
	if (p->done == p->total || (p->done - p->shown) * 100 >= p->total) {
		int w = 40, fill = (int)(p->done * (size_t)w / p->total);
		fprintf(stderr, "\r[%.*s%*s] %zu/%zu", fill, "########################################",
			w - fill, "", p->done, p->total);
		p->shown = p->done;
	}
	pthread_mutex_unlock(&p->mu);
}

void litx_progress_done(litx_progress *p)
{
	if (!p)
		return;
	fputc('\n', stderr);
	pthread_mutex_destroy(&p->mu);
	free(p);
}
