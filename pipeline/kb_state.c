/* kb_state.c - the output directory's memory between runs. The lock is an flock on
 * DIR/.litx/lock, released by the kernel even when a run is killed. */
#include "kb_state.h"
#include "kb.h"
#include "readers.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static int mkdir_p(const char *path)
{
	char *p = strdup(path);
	if (!p)
		return -1;
	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0777) && errno != EEXIST) {
				free(p);
				return -1;
			}
			*s = '/';
		}
	int rc = mkdir(p, 0777) && errno != EEXIST ? -1 : 0;
	free(p);
	return rc;
}

int kb_dir_open(kb_dir *d, const char *dir)
{
	memset(d, 0, sizeof *d);
	d->lock_fd = -1;
	char *shards = NULL, *lock = NULL;
	d->dir = strdup(dir);
	if (!d->dir || asprintf(&d->state, "%s/.litx", dir) < 0 || asprintf(&shards, "%s/shards", d->state) < 0 ||
	    asprintf(&lock, "%s/lock", d->state) < 0) {
		fprintf(stderr, "litx: out of memory\n");
		goto fail;
	}
	if (mkdir_p(shards)) {
		fprintf(stderr, "litx: cannot create %s: %s\n", shards, strerror(errno));
		goto fail;
	}
	d->lock_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (d->lock_fd < 0) {
		fprintf(stderr, "litx: cannot open %s: %s\n", lock, strerror(errno));
		goto fail;
	}
	if (flock(d->lock_fd, LOCK_EX | LOCK_NB)) {
		fprintf(stderr, "litx: %s is in use by another litx run (lock %s); try again when it ends\n",
			dir, lock);
		goto fail;
	}
	free(shards);
	free(lock);
	return 0;
fail:
	free(shards);
	free(lock);
	kb_dir_close(d);
	return -1;
}

void kb_dir_close(kb_dir *d)
{
	if (d->lock_fd >= 0)
		close(d->lock_fd);
	free(d->dir);
	free(d->state);
	memset(d, 0, sizeof *d);
	d->lock_fd = -1;
}

char *kb_shard_path(const kb_dir *d, const char *source, const char *path)
{
	char *key = NULL, *out = NULL;
	char hex[65];
	if (asprintf(&key, "%s\n%s", source, path) < 0)
		return NULL;
	litx_sha256_hex(key, strlen(key), hex);
	free(key);
	hex[20] = '\0';
	if (asprintf(&out, "%s/shards/%s.jsonl", d->state, hex) < 0)
		return NULL;
	return out;
}

char *kb_plugins_signature(const litx_host *h)
{
	size_t cap = 64;
	for (size_t i = 0; i < h->n; i++)
		cap += strlen(h->v[i].p->name) + strlen(h->v[i].p->version ? h->v[i].p->version : "") + 2;
	char *s = malloc(cap);
	if (!s)
		return NULL;
	int n = snprintf(s, cap, "litx %s;abi %u", PACKAGE_VERSION, LITX_ABI_VERSION);
	for (size_t i = 0; i < h->n; i++)
		n += snprintf(s + n, cap - (size_t)n, ";%s %s", h->v[i].p->name,
			      h->v[i].p->version ? h->v[i].p->version : "");
	return s;
}

int kb_file_facts(const litx_item *it, json_int_t *size, json_int_t *mtime_ns)
{
	struct stat st;
	if (stat(it->path, &st))
		return -1;
	*size = (json_int_t)st.st_size;
	*mtime_ns = (json_int_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	return 0;
}

json_t *kb_manifest_load(const kb_dir *d)
{
	char *p = NULL;
	if (asprintf(&p, "%s/manifest.json", d->state) < 0)
		return NULL;
	json_t *m = json_load_file(p, 0, NULL);
	free(p);
	if (!json_is_object(m)) {
		json_decref(m);
		m = json_object();
	}
	return m;
}

/* Write a file under a temporary name and rename it into place: a killed run
 * leaves the old file or the new one, never half of one. `sync` also flushes it to
 * disk first (the manifest: it decides what the next run trusts); shards skip
 * that, as a lost shard only costs re-extracting one document. */
static int write_atomic(const char *path, const char *data, size_t len, int sync)
{
	char *tmp = NULL;
	if (asprintf(&tmp, "%s.tmp", path) < 0)
		return -1;
	/* the bytes are all in memory: one write(2) from them, no stdio buffer */
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	int rc = fd >= 0 && kb_fd_write(fd, data, len) == 0 ? 0 : -1;
	if (rc == 0 && sync && fsync(fd))
		rc = -1;
	if (fd >= 0 && close(fd))
		rc = -1;
	if (rc == 0 && rename(tmp, path))
		rc = -1;
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

int kb_manifest_save(const kb_dir *d, const json_t *m)
{
	char *p = NULL;
	char *s = json_dumps(m, JSON_INDENT(1) | JSON_SORT_KEYS);
	int rc = -1;
	if (s && asprintf(&p, "%s/manifest.json", d->state) >= 0)
		rc = write_atomic(p, s, strlen(s), 1);
	free(p);
	free(s);
	return rc;
}

/* The shard's lines, with their member index when marks is not NULL. Each pair
 * is dropped as soon as its line is written (pairs is left holding nulls): a
 * record no one else holds is freed while its nodes are still in cache from the
 * dump, where freeing the whole document later walked them again from memory. */
static int shard_lines(json_t *pairs, kb_jw *w, kb_buf *marks)
{
	size_t n = json_array_size(pairs);
	for (size_t i = 0; i < n; i++) {
		json_t *p = json_array_get(pairs, i);
		const char *table = json_string_value(json_array_get(p, 0));
		if (!table || kb_json_line_marked(w, table, json_array_get(p, 1), marks))
			return -1;
		/* freed while its nodes are still in cache from the dump */
		json_array_set_new(pairs, i, json_null());
	}
	return 0;
}

/* The sizes of the last kept shard and its index on this thread: the next
 * one's buffers start that large, as documents of a corpus are alike, instead of
 * growing by copies from nothing (a copy of every byte at least once). */
static _Thread_local size_t hint_text, hint_marks;

int kb_shard_write(const char *path, json_t *pairs, kb_buf *keep)
{
	kb_jw w = { { NULL, 0, 0 }, NULL, 0, 0 };
	kb_buf marks = { NULL, 0, 0 };
	/* room for the index and its trailer too: they are appended to the text */
	int rc = keep && (kb_buf_reserve(&w.out, hint_text + hint_marks + 8) || kb_buf_reserve(&marks, hint_marks))
			 ? -1 : 0;
	if (rc == 0)
		rc = shard_lines(pairs, &w, keep ? &marks : NULL);
	if (rc == 0)
		rc = write_atomic(path, w.out.len ? w.out.p : "", w.out.len, 0);
	if (rc == 0 && keep) {
		/* the index after the text, and the text's length last */
		uint64_t text = w.out.len;
		hint_text = w.out.len;
		hint_marks = marks.len;
		if (kb_buf_put(&w.out, marks.p, marks.len) || kb_buf_put(&w.out, &text, sizeof text))
			rc = -1;
	}
	if (rc == 0 && keep && w.out.cap / 2 > w.out.len) {
		/* a small document after a large one: kept shards are counted by their
		 * length (cmd_run), so do not hold the hint's room */
		char *p = realloc(w.out.p, w.out.len);
		if (p) {
			w.out.p = p;
			w.out.cap = w.out.len;
		}
	}
	if (rc == 0 && keep) {
		*keep = w.out; /* handed over: not freed below */
		w.out = (kb_buf){ NULL, 0, 0 };
	}
	kb_buf_free(&marks);
	kb_jw_free(&w);
	return rc;
}

void kb_shards_prune(const kb_dir *d, const json_t *keep)
{
	char *dir = NULL;
	if (asprintf(&dir, "%s/shards", d->state) < 0)
		return;
	DIR *dd = opendir(dir);
	if (dd) {
		struct dirent *e;
		while ((e = readdir(dd))) {
			if (e->d_name[0] == '.')
				continue;
			char *p = NULL;
			if (asprintf(&p, "%s/%s", dir, e->d_name) < 0)
				break;
			if (!json_object_get(keep, p))
				unlink(p);
			free(p);
		}
		closedir(dd);
	}
	free(dir);
}
