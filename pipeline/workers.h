/* workers.h - a fixed pool of threads pulling work items by index. Each thread has
 * its own plugin states (plugins keep per-thread compiled patterns). */
#ifndef LITX_WORKERS_H
#define LITX_WORKERS_H
#include <stddef.h>
#include "host.h"

typedef void (*litx_work_fn)(size_t i, void **states, void *ctx);

/* Run fn(i) for i in [0, n) on `jobs` threads (1 = the calling thread). Returns 0,
 * or -1 when threads or states could not be made. */
int litx_parallel(size_t n, int jobs, const litx_host *h, litx_work_fn fn, void *ctx);
#endif
