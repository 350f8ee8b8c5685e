/* input.c - turns command-line arguments into a sorted list of sources. Files under
 * a directory are named relative to that directory; a file named directly by its
 * base name. Hidden files and directories are skipped. */
#include "input.h"
#include "readers.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

int litx_items_add(litx_items *out, const char *source, const char *path, const char *entry,
		   const char *error, uint32_t error_line)
{
	if (out->n == out->cap) {
		size_t nc = out->cap ? out->cap * 2 : 64;
		litx_item *v = realloc(out->v, nc * sizeof *v);
		if (!v)
			return -1;
		out->v = v;
		out->cap = nc;
	}
	litx_item it = { 0 };
	it.source = strdup(source);
	it.path = strdup(path);
	it.entry = entry ? strdup(entry) : NULL;
	it.error = error ? strdup(error) : NULL;
	it.error_line = error_line;
	if (!it.source || !it.path || (entry && !it.entry) || (error && !it.error)) {
		free(it.source); free(it.path); free(it.entry); free(it.error);
		return -1;
	}
	out->v[out->n++] = it;
	return 0;
}

static void item_free(litx_item *it)
{
	free(it->source); free(it->path); free(it->entry); free(it->error);
}

void litx_items_free(litx_items *items)
{
	for (size_t i = 0; i < items->n; i++)
		item_free(&items->v[i]);
	free(items->v);
	memset(items, 0, sizeof *items);
}

static int item_cmp(const void *a, const void *b)
{
	const litx_item *x = a, *y = b;
	int c = strcmp(x->source, y->source);
	return c ? c : strcmp(x->path, y->path);
}

void litx_items_sort(litx_items *items)
{
	if (items->n)
		qsort(items->v, items->n, sizeof *items->v, item_cmp);
	size_t k = 0;
	for (size_t i = 0; i < items->n; i++) {
		if (k && strcmp(items->v[k - 1].source, items->v[i].source) == 0 &&
		    strcmp(items->v[k - 1].path, items->v[i].path) == 0) {
			item_free(&items->v[i]);
			continue;
		}
		items->v[k++] = items->v[i];
	}
	items->n = k;
}

static int path_join(char **out, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	int slash = la && a[la - 1] != '/';
	*out = malloc(la + slash + lb + 1);
	if (!*out)
		return -1;
	memcpy(*out, a, la);
	if (slash)
		(*out)[la] = '/';
	memcpy(*out + la + slash, b, lb + 1);
	return 0;
}

static int add_file(litx_items *out, const char *path, const char *source, litx_err *err)
{
	if (litx_is_zip(path))
		return litx_zip_list(out, path, source, err);
	if (litx_items_add(out, source, path, NULL, NULL, 0)) {
		litx_err_set(err, 0, "out of memory");
		return -1;
	}
	return 0;
}

/* Files in a directory that are not articles: the notes and data files that sit
 * beside a corpus (README, licences, manifests, tables, images). A file named on
 * the command line is always read. */
static int not_an_article(const char *name)
{
	static const char *const stems[] = { "README", "LICENSE", "LICENCE", "COPYING", "MANIFEST",
		"NOTICE", "CHANGELOG" };
	static const char *const exts[] = { ".tsv", ".csv", ".json", ".jsonl", ".pdf", ".png", ".jpg",
		".jpeg", ".gif", ".svg", ".tif", ".tiff", ".py", ".sh", ".c", ".h", ".log", ".gz", ".tar" };
	for (size_t i = 0; i < sizeof stems / sizeof *stems; i++)
		if (strncasecmp(name, stems[i], strlen(stems[i])) == 0)
			return 1;
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof exts / sizeof *exts; i++)
		if (strcasecmp(dot, exts[i]) == 0)
			return 1;
	return 0;
}

/* The directories from the root down to the one being walked, so a symbolic link
 * back to one of them (a loop) is not followed. */
struct visit {
	dev_t dev;
	ino_t ino;
	const struct visit *up;
};

static int visited(const struct visit *v, const struct stat *st)
{
	for (; v; v = v->up)
		if (v->dev == st->st_dev && v->ino == st->st_ino)
			return 1;
	return 0;
}

/* Walk dir; rel is the source prefix ("" at the root); `up` holds dir and its
 * ancestors. Depth-limited as well. */
static int walk(litx_items *out, const char *dir, const char *rel, int depth,
		const struct visit *up, litx_err *err)
{
	if (depth > 64)
		return 0;
	DIR *d = opendir(dir);
	if (!d) {
		return litx_items_add(out, *rel ? rel : dir, dir, NULL, strerror(errno), 0);
	}
	struct dirent *e;
	int rc = 0;
	while (rc == 0 && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *p = NULL, *r = NULL;
		int skip_file = not_an_article(e->d_name);
		if (path_join(&p, dir, e->d_name) || (*rel ? path_join(&r, rel, e->d_name)
							  : !(r = strdup(e->d_name)))) {
			free(p);
			free(r);
			litx_err_set(err, 0, "out of memory");
			rc = -1;
			break;
		}
		struct stat st;
		if (stat(p, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				struct visit me = { st.st_dev, st.st_ino, up };
				if (!visited(up, &st)) /* else a link back up: a loop */
					rc = walk(out, p, r, depth + 1, &me, err);
			} else if (S_ISREG(st.st_mode) && !skip_file)
				rc = add_file(out, p, r, err);
		}
		free(p);
		free(r);
	}
	closedir(d);
	return rc;
}

int litx_items_collect(litx_items *out, const char *arg, litx_err *err)
{
	struct stat st;
	if (stat(arg, &st) != 0) {
		litx_err_set(err, 0, "%s: %s", arg, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		struct visit root = { st.st_dev, st.st_ino, NULL };
		return walk(out, arg, "", 0, &root, err);
	}
	/* a relative path names itself ("seed/a.txt", as a shard job gets it); an
	 * absolute one by its base name */
	const char *src = arg;
	if (arg[0] == '/') {
		src = strrchr(arg, '/') + 1;
	} else {
		while (src[0] == '.' && src[1] == '/')
			src += 2;
	}
	return add_file(out, arg, src, err);
}

int litx_item_read(const litx_item *it, char **buf, size_t *len, litx_err *err)
{
	*buf = NULL;
	*len = 0;
	if (it->error) {
		litx_err_set(err, it->error_line, "%s", it->error);
		return -1;
	}
	if (it->entry)
		return litx_zip_read(it->path, it->entry, buf, len, err);
	int fd = open(it->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		litx_err_set(err, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	/* the buffer grows by doubling from 64 KB, and a file is refused when it
	 * fills one beyond the limit; a regular file starts at the size it will
	 * need, so it is read without copies and ends with one read(2) of 0 */
	size_t cap = 1 << 16, n = 0, refuse = cap;
	while (refuse <= LITX_MAX_DOC_BYTES)
		refuse *= 2;
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		while (cap <= (size_t)st.st_size && cap < refuse)
			cap *= 2;
	char *b = malloc(cap + 1);
	if (!b) {
		close(fd);
		litx_err_set(err, 0, "out of memory");
		return -1;
	}
	int bad = 0;
	for (;;) {
		if (n == cap) {
			if (cap > LITX_MAX_DOC_BYTES) {
				free(b);
				close(fd);
				litx_err_set(err, 0, "file larger than the %zu-byte limit for one document",
					     LITX_MAX_DOC_BYTES);
				return -1;
			}
			char *nb = realloc(b, cap * 2 + 1);
			if (!nb) {
				free(b);
				close(fd);
				litx_err_set(err, 0, "out of memory");
				return -1;
			}
			b = nb;
			cap *= 2;
		}
		ssize_t got = read(fd, b + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			bad = got < 0;
			break;
		}
		n += (size_t)got;
	}
	close(fd);
	if (bad) {
		free(b);
		litx_err_set(err, 0, "read error");
		return -1;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}
