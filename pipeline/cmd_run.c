/* cmd_run.c - `litx run INPUT... -o DIR`: extract what is new or changed, merge
 * everything into the KB, check. Unchanged sources (same size and mtime as the
 * manifest remembers) are not even read; when nothing changed no output is
 * rewritten, so every byte stays as it was. */
#include "commands.h"
#include "kb.h"
#include "kb_state.h"
#include "progress.h"
#include "workers.h"
#include <libxml/parser.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct run_ctx {
	litx_items *items;
	char **shards;
	size_t *todo, n_todo;
	const litx_host *h;
	litx_progress *bar;
	int jobs;
	/* under mu: */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	char *ready;   /* per item: its shard is there to assemble (or it failed) */
	int failed;    /* a document could not be stored */
	int pool_rc;   /* litx_parallel's result, once it returned */
	kb_buf *kept;  /* per item: its shard's bytes, kept for the assembler (-j N) */
	size_t kept_bytes;
	kb_buf *spare;   /* mapped buffers of assembled shards, for the next ones (-j N) */
	size_t n_spare, spare_bytes;
	size_t asm_next; /* the item the assembler is at (-j N) */
	int asm_live;    /* an assembler thread takes kept shards (-j N) */
	/* -j1: the assembly, fed on the same thread right after each document */
	litx_kb_asm *inline_asm;
	size_t next;   /* the next item for inline_asm */
};

/* Shard bytes waiting in memory for the assembler at most (-j N), besides the
 * shard it is at. Past it a worker waits for the assembler: when the assembly
 * is the slower side, the workers then leave it the CPU instead of piling up
 * shards (memory would grow with the corpus). The peak memory of a run is
 * about that of -j1 plus this backlog, and a long run reaches the cap: the
 * assembler falls behind whenever its writes stall on the page cache's
 * writeback, which a run that writes gigabytes meets and a short one does not.
 * So it is small: 4 text shards, dozens of JATS shards, which is enough to
 * cover the scheduler's time slices. */
#define RUN_KEPT_MAX ((size_t)4 << 20)
/* Spare mapped buffers the assembler keeps for the workers, at most. */
#define RUN_SPARE_MAX 16
/* Kept shards of at least this size are mapped (below, see map_copy). */
#define RUN_MAP_MIN ((size_t)256 << 10)

/* Large kept shards go to the assembler in buffers mapped for them (-j N), not
 * in the worker's malloc buffer: that one is freed by its own thread at once,
 * like every other allocation of the document, as with -j1. A large malloc
 * buffer handed to the assembler lives on while the worker allocates the next
 * documents around it, and freed by another thread later it leaves holes in
 * the worker's heap that the allocator keeps: with mimalloc the workers' heaps
 * grew with the number of documents. Mapped buffers are outside the heaps,
 * recycled through c->spare (sizes are powers of two, so they fit again), and
 * unmapped when not. Small shards (most JATS ones) go over as they are: the
 * allocator reuses their room. A kept shard is mapped iff its length is at
 * least RUN_MAP_MIN. */
static size_t map_size(size_t n)
{
	size_t m = RUN_MAP_MIN;
	while (m < n && m <= SIZE_MAX / 2)
		m *= 2;
	return m < n ? 0 : m;
}

static int is_mapped(const kb_buf *b)
{
	return b->p && b->len >= RUN_MAP_MIN;
}

static void map_free(kb_buf *b)
{
	if (b->p)
		munmap(b->p, b->cap);
	*b = (kb_buf){ NULL, 0, 0 };
}

/* Free a kept shard, mapped or from the heap. */
static void kept_free(kb_buf *b)
{
	if (is_mapped(b))
		map_free(b);
	else
		kb_buf_free(b);
}

/* A copy of own.p[0..own.len) in `b` (a spare, or empty): 0, or -1 (b freed). */
static int map_copy(kb_buf *b, const kb_buf *own)
{
	if (b->cap < own->len) {
		map_free(b);
		size_t n = map_size(own->len);
		void *p = n ? mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) : MAP_FAILED;
		if (p == MAP_FAILED)
			return -1;
		*b = (kb_buf){ p, 0, n };
	}
	memcpy(b->p, own->p, own->len);
	b->len = own->len;
	return 0;
}

/* -j1: add every item before `upto` still to assemble (unchanged sources, from
 * their shard files). */
static int assemble_upto(struct run_ctx *c, size_t upto)
{
	int rc = 0;
	for (; c->next < upto; c->next++)
		rc |= litx_kb_asm_add(c->inline_asm, c->shards[c->next]);
	return rc;
}

static void process_one(size_t k, void **states, void *vctx)
{
	struct run_ctx *c = vctx;
	size_t i = c->todo[k];
	json_t *pairs = litx_kb_process(&c->items->v[i], c->h, states);
	kb_buf own = { NULL, 0, 0 };
	int want = c->kept || c->inline_asm;
	int bad = !pairs || kb_shard_write(c->shards[i], pairs, want ? &own : NULL);
	if (bad)
		fprintf(stderr, "litx: %s: could not store its records\n", c->items->v[i].source);
	json_decref(pairs);
	if (!bad && c->inline_asm) {
		/* one thread: assemble now, the bytes still in memory */
		assemble_upto(c, i);
		litx_kb_asm_add_own(c->inline_asm, c->shards[i], own.p, own.len);
		c->next = i + 1;
	}
	pthread_mutex_lock(&c->mu);
	c->failed |= bad;
	/* never for the shard the assembler is at, so the two cannot wait on each other */
	while (!bad && c->kept && c->asm_live && i != c->asm_next && c->kept_bytes + own.len > RUN_KEPT_MAX)
		pthread_cond_wait(&c->cv, &c->mu);
	int keep = !bad && c->kept && own.p &&
		   (c->kept_bytes + own.len <= RUN_KEPT_MAX || (c->asm_live && i == c->asm_next));
	kb_buf map = { NULL, 0, 0 };
	if (keep) {
		c->kept_bytes += own.len; /* counted now, handed over below */
		/* the smallest spare that holds it */
		size_t best = c->n_spare;
		for (size_t k = 0; own.len >= RUN_MAP_MIN && k < c->n_spare; k++)
			if (c->spare[k].cap >= own.len && (best == c->n_spare || c->spare[k].cap < c->spare[best].cap))
				best = k;
		if (best < c->n_spare) {
			map = c->spare[best];
			c->spare[best] = c->spare[--c->n_spare];
			c->spare_bytes -= map.cap;
		}
	} else {
		/* (no assembler thread, or it stopped) the assembly reads the file */
		c->ready[i] = 1;
		pthread_cond_broadcast(&c->cv);
	}
	pthread_mutex_unlock(&c->mu);
	if (keep) {
		int small = own.len < RUN_MAP_MIN, mapped = !small && map_copy(&map, &own) == 0;
		pthread_mutex_lock(&c->mu);
		if (small) {
			c->kept[i] = own;
			own = (kb_buf){ NULL, 0, 0 };
		} else if (mapped) {
			c->kept[i] = map;
		} else {
			c->kept_bytes -= own.len; /* no mapping: the assembly reads the file */
		}
		c->ready[i] = 1;
		pthread_cond_broadcast(&c->cv);
		pthread_mutex_unlock(&c->mu);
	}
	kb_buf_free(&own);
	litx_progress_step(c->bar);
}

static void *pool_thread(void *arg)
{
	struct run_ctx *c = arg;
	int rc = litx_parallel(c->n_todo, c->jobs, c->h, process_one, c);
	pthread_mutex_lock(&c->mu);
	/* wake the assembler for anything never processed */
	for (size_t i = 0; i < c->items->n; i++)
		c->ready[i] = 1;
	c->pool_rc = rc;
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

/* Extract the todo list while assembling the KB in source order on this thread,
 * each shard as soon as it is written: with -j N the assembly, which cannot be
 * split, no longer waits for the last document. Returns the assembly (to
 * finish) or NULL when extraction or assembly failed (messages printed). */
static litx_kb_asm *extract_and_assemble(struct run_ctx *c)
{
	litx_kb_asm *a = litx_kb_asm_begin();
	if (!a)
		return NULL;
	pthread_t t;
	c->asm_live = 1;
	int threaded = pthread_create(&t, NULL, pool_thread, c) == 0;
	if (!threaded) {
		c->asm_live = 0; /* no thread for the pool: extract first, then assemble */
		pool_thread(c);
	}
	int asm_failed = 0, stop = 0;
	kb_buf done = { NULL, 0, 0 }; /* the mapped buffer of the shard assembled last */
	for (size_t i = 0; i < c->items->n && !stop; i++) {
		pthread_mutex_lock(&c->mu);
		/* a spare: new buffers are mapped only when there is none, so those in
		 * use and spare are as many as the backlog had at its largest */
		if (done.p && c->n_spare < RUN_SPARE_MAX && c->spare_bytes + done.cap <= RUN_KEPT_MAX) {
			c->spare[c->n_spare++] = done;
			c->spare_bytes += done.cap;
			done = (kb_buf){ NULL, 0, 0 };
		}
		c->asm_next = i;
		pthread_cond_broadcast(&c->cv); /* a worker may be waiting with shard i */
		while (!c->ready[i])
			pthread_cond_wait(&c->cv, &c->mu);
		stop = c->failed;
		kb_buf own = c->kept[i];
		c->kept[i] = (kb_buf){ NULL, 0, 0 };
		c->kept_bytes -= own.len;
		pthread_cond_broadcast(&c->cv); /* room for a waiting worker */
		pthread_mutex_unlock(&c->mu);
		map_free(&done);
		int rc = stop ? 0 : own.p ? litx_kb_asm_add_own(a, c->shards[i], own.p, own.len)
					  : litx_kb_asm_add(a, c->shards[i]);
		if (is_mapped(&own))
			done = own; /* kept as the next spare once the lock is held */
		else
			kb_buf_free(&own);
		if (rc)
			asm_failed = stop = 1;
	}
	map_free(&done);
	pthread_mutex_lock(&c->mu);
	c->asm_live = 0; /* stopped early: no worker may wait for it any more */
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mu);
	if (threaded)
		pthread_join(t, NULL);
	if (c->pool_rc || c->failed || asm_failed) {
		litx_kb_asm_free(a);
		return NULL;
	}
	return a;
}

/* Load plugins and the input list: shared by run and extract. */
int litx_prepare(const litx_opts *o, litx_host *h, litx_items *items)
{
	memset(items, 0, sizeof *items);
	xmlInitParser();
	if (litx_host_load(h, o->plugin_dir, stderr) < 0) {
		fprintf(stderr, "litx: out of memory loading plugins\n");
		return -1;
	}
	if (h->n == 0 && o->verbosity >= 0)
		fprintf(stderr, "litx: warning: no plugins found in %s; only documents will be listed\n",
			litx_host_search_path(o->plugin_dir));
	for (size_t i = 0; i < o->n_inputs; i++) {
		litx_err err = { "", 0 };
		if (litx_items_collect(items, o->inputs[i], &err)) {
			fprintf(stderr, "litx: %s\n", err.msg);
			return -1;
		}
	}
	litx_items_sort(items);
	return 0;
}

static int file_exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0;
}

static size_t stat_of(const json_t *stats, const char *key)
{
	return (size_t)json_integer_value(json_object_get(stats, key));
}

/* Print what the KB holds and say whether findings reach the --fail-on level
 * (for run, "none" unless given). */
static int summarize(const char *dir, const litx_opts *o, const json_t *stats, size_t n_todo)
{
	const char *fail = o->fail_on ? o->fail_on : "none";
	size_t errors = stat_of(stats, "findings_error"), warnings = stat_of(stats, "findings_warning");
	if (o->verbosity >= 0)
		fprintf(stderr, "litx: %zu documents (%zu extracted, %zu with errors), %zu formulas, %zu metrics, "
			"%zu citations, %zu references, %zu findings (%zu errors, %zu warnings) -> %s\n",
			stat_of(stats, "documents"), n_todo, stat_of(stats, "documents_error"),
			stat_of(stats, "formulas"), stat_of(stats, "metrics"), stat_of(stats, "citations"),
			stat_of(stats, "references"), stat_of(stats, "findings"), errors, warnings, dir);
	return (!strcmp(fail, "error") && errors) || (!strcmp(fail, "warning") && (errors || warnings));
}

int litx_cmd_run(const litx_opts *o)
{
	const char *dir = o->out_dir ? o->out_dir : "out";
	litx_host h;
	litx_items items;
	kb_dir d;
	int status = LITX_EXIT_FATAL;
	if (litx_prepare(o, &h, &items)) {
		litx_host_free(&h);
		litx_items_free(&items);
		return LITX_EXIT_FATAL;
	}
	if (kb_dir_open(&d, dir)) {
		litx_host_free(&h);
		litx_items_free(&items);
		return LITX_EXIT_FATAL;
	}
	json_t *old = kb_manifest_load(&d);
	json_t *entries = json_object(), *keep = json_object(), *stats = NULL;
	char *sig = kb_plugins_signature(&h);
	char **shards = calloc(items.n + 1, sizeof *shards);
	size_t *todo = calloc(items.n + 1, sizeof *todo), n_todo = 0;
	char *ready = calloc(items.n + 1, 1);
	if (!old || !entries || !keep || !sig || !shards || !todo || !ready)
		goto out;
	const char *old_sig = json_string_value(json_object_get(old, "plugins"));
	int same_plugins = old_sig && !strcmp(old_sig, sig);
	json_t *old_entries = json_object_get(old, "entries");
	for (size_t i = 0; i < items.n; i++) {
		const litx_item *it = &items.v[i];
		if (!(shards[i] = kb_shard_path(&d, it->source, it->path)))
			goto out;
		json_int_t size = -1, mtime = -1;
		kb_file_facts(it, &size, &mtime);
		json_t *e = json_pack("{s:s,s:s,s:o,s:I,s:I}", "source", it->source, "path", it->path,
				      "entry", it->entry ? json_string(it->entry) : json_null(), "size", size,
				      "mtime_ns", mtime);
		if (!e || json_object_set_new(entries, shards[i], e))
			goto out;
		json_object_set_new(keep, shards[i], json_true());
		json_t *prev = json_object_get(old_entries, shards[i]);
		int unchanged = same_plugins && prev && size >= 0 && json_equal(prev, e) &&
				!it->error && file_exists(shards[i]);
		if (!unchanged)
			todo[n_todo++] = i;
	}
	char *kbpath = NULL;
	if (asprintf(&kbpath, "%s/kb.json", dir) < 0)
		goto out;
	int outputs_exist = file_exists(kbpath);
	free(kbpath);
	int same_set = json_equal(json_object_get(old, "entries") ? json_object_get(old, "entries") : json_null(), entries);

	struct run_ctx c = { .items = &items, .shards = shards, .todo = todo, .n_todo = n_todo, .h = &h,
		.bar = litx_progress_new(n_todo, o->verbosity < 0), .jobs = o->jobs,
		.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER, .ready = ready };
	int assembled = 0;
	if (n_todo && o->jobs <= 1) {
		/* each document assembled as soon as it is extracted, from memory */
		if (!(c.inline_asm = litx_kb_asm_begin())) {
			litx_progress_done(c.bar);
			fprintf(stderr, "litx: out of memory; the previous knowledge base in %s is unchanged\n", dir);
			goto out;
		}
		int bad = litx_parallel(n_todo, 1, &h, process_one, &c) || c.failed;
		litx_progress_done(c.bar);
		if (bad) {
			litx_kb_asm_free(c.inline_asm);
			fprintf(stderr, "litx: extraction failed; the previous knowledge base in %s is unchanged\n", dir);
			goto out;
		}
		assemble_upto(&c, items.n); /* a failed add fails the finish */
		if (litx_kb_asm_finish(c.inline_asm, dir, &stats))
			goto out;
		assembled = 1;
	} else if (n_todo) {
		if (!(c.kept = calloc(items.n + 1, sizeof *c.kept)) || !(c.spare = calloc(RUN_SPARE_MAX, sizeof *c.spare))) {
			free(c.kept);
			litx_progress_done(c.bar);
			fprintf(stderr, "litx: out of memory; the previous knowledge base in %s is unchanged\n", dir);
			goto out;
		}
		/* for each source not to extract, its shard is ready now */
		for (size_t i = 0; i < items.n; i++)
			ready[i] = 1;
		for (size_t k = 0; k < n_todo; k++)
			ready[todo[k]] = 0;
		litx_kb_asm *a = extract_and_assemble(&c);
		litx_progress_done(c.bar);
		for (size_t i = 0; i < items.n; i++)
			kept_free(&c.kept[i]); /* any left by a failure */
		free(c.kept);
		for (size_t i = 0; i < c.n_spare; i++)
			map_free(&c.spare[i]);
		free(c.spare);
		if (!a) {
			if (c.pool_rc || c.failed)
				fprintf(stderr, "litx: extraction failed; the previous knowledge base in %s is unchanged\n", dir);
			else
				fprintf(stderr, "litx: could not write the knowledge base in %s\n", dir);
			goto out;
		}
		if (litx_kb_asm_finish(a, dir, &stats))
			goto out;
		assembled = 1;
	} else {
		litx_progress_done(c.bar); /* nothing to extract */
	}
	if (assembled) {
		/* while extracting, above */
	} else if (!same_set || !same_plugins || !outputs_exist) {
		if (litx_kb_assemble(dir, shards, items.n, &stats))
			goto out;
	} else if (o->verbosity > 0) {
		fprintf(stderr, "litx: nothing changed in %zu sources; %s left as it was\n", items.n, dir);
	}
	if (!stats)
		stats = json_incref(json_object_get(old, "stats"));
	json_t *m = json_pack("{s:i,s:s,s:O,s:o}", "version", 1, "plugins", sig, "entries", entries,
			      "stats", stats ? json_incref(stats) : json_object());
	if (!m || kb_manifest_save(&d, m)) {
		json_decref(m);
		fprintf(stderr, "litx: cannot write the manifest in %s/.litx\n", dir);
		goto out;
	}
	json_decref(m);
	kb_shards_prune(&d, keep);
	status = summarize(dir, o, stats, n_todo) ? LITX_EXIT_FINDINGS : LITX_EXIT_OK;
out:
	json_decref(stats);
	for (size_t i = 0; shards && i < items.n; i++)
		free(shards[i]);
	free(shards);
	free(todo);
	free(ready);
	free(sig);
	json_decref(old);
	json_decref(entries);
	json_decref(keep);
	kb_dir_close(&d);
	litx_host_free(&h);
	litx_items_free(&items);
	xmlCleanupParser();
	return status;
}
