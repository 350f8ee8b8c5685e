/* progress.h - a progress bar on stderr, only when stderr is a terminal. */
#ifndef LITX_PROGRESS_H
#define LITX_PROGRESS_H
#include <stddef.h>
typedef struct litx_progress litx_progress;
/* NULL (a no-op bar) unless stderr is a terminal and quiet is 0. */
litx_progress *litx_progress_new(size_t total, int quiet);
void litx_progress_step(litx_progress *p);  /* thread-safe */
void litx_progress_done(litx_progress *p);
#endif
