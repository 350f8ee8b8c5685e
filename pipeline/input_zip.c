/* input_zip.c - .zip archives read in place with libzip: listing turns every regular
 * entry into an item "<archive source>!/<entry name>", reading inflates one entry into
 * memory. Nothing is unpacked to disk and nothing an archive declares is trusted.
 *
 * Listing refuses, as items that carry an error (each becomes one error document and
 * the batch goes on): names that are absolute or hold a ".." component, encrypted
 * entries, compression methods libzip cannot inflate, entries declaring more than
 * LITX_ZIP_MAX_ENTRY_BYTES or a ratio over LITX_ZIP_MAX_RATIO, and - as one error
 * item for the rest - whatever lies past LITX_ZIP_MAX_ENTRIES entries or
 * LITX_ZIP_MAX_TOTAL_BYTES declared bytes. A corrupt or truncated archive is one error
 * item with libzip's message; so is an archive with nothing to read (empty, or only
 * directories and hidden entries), so that it does not vanish without a word.
 *
 * Reading repeats the checks (it may be called on its own) and stops as soon as the
 * inflated bytes pass the size the entry declared, so a lying header (a zip bomb)
 * costs at most that size, never more than the per-entry cap.
 *
 * Skipped silently: directories, and hidden entries (__MACOSX/ and any path component
 * starting with '.'). Nested archives are not read: an entry named *.zip, or whose
 * bytes turn out to start with a zip signature, becomes an error item "nested
 * archives are not read", so the curator sees what was left out.
 *
 * Opening an archive parses its whole central directory, so reading N entries by
 * reopening it each time would cost O(N^2) (minutes for a few thousand entries).
 * Each thread therefore keeps its last archive open (a pthread key: no locking, freed
 * when the thread ends, or at exit for the main thread) and reuses it while the path
 * and the file's identity (device, inode, size, mtime) are unchanged; sources come
 * sorted, so the entries of one archive are read one after the other. */
#include "input.h"
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

/* Entries smaller than this are not ratio-checked: a small repetitive file is no bomb. */
#define RATIO_FLOOR ((zip_uint64_t)1 << 20)
#define READ_CHUNK  ((size_t)1 << 16)

int litx_is_zip(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	unsigned char sig[4] = { 0 };
	size_t n = fread(sig, 1, 4, f);
	fclose(f);
	/* a local file header, or the end record of an empty archive */
	return n == 4 && sig[0] == 'P' && sig[1] == 'K' &&
	       ((sig[2] == 3 && sig[3] == 4) || (sig[2] == 5 && sig[3] == 6));
}

/* Why an entry name is refused, or NULL. Both '/' and '\\' separate components,
 * since archives made on Windows may use either. */
static const char *name_refusal(const char *name)
{
	if (!*name)
		return "entry with an empty name (refused)";
	if (name[0] == '/' || name[0] == '\\' ||
	    (((name[0] | 32) >= 'a' && (name[0] | 32) <= 'z') && name[1] == ':'))
		return "entry name is an absolute path (refused)";
	for (const char *p = name; *p;) {
		size_t n = strcspn(p, "/\\");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return "entry name climbs out of the archive with '..' (refused)";
		p += n;
		if (*p)
			p++;
	}
	return NULL;
}

/* Directories and hidden entries are skipped without a word. */
static int name_skipped(const char *name)
{
	size_t len = strlen(name);
	if (len && (name[len - 1] == '/' || name[len - 1] == '\\'))
		return 1;
	for (const char *p = name; *p;) {
		size_t n = strcspn(p, "/\\");
		if ((n == 8 && memcmp(p, "__MACOSX", 8) == 0) ||
		    (n > 1 && p[0] == '.'))
			return 1;
		p += n;
		if (*p)
			p++;
	}
	return 0;
}

static int name_is_zip(const char *name)
{
	size_t n = strlen(name);
	return n >= 4 && name[n - 4] == '.' && (name[n - 3] | 32) == 'z' &&
	       (name[n - 2] | 32) == 'i' && (name[n - 1] | 32) == 'p';
}

/* Why libzip's view of an entry is refused: writes the message to msg and returns
 * 1, or returns 0. */
static int stat_refusal(const zip_stat_t *st, char *msg, size_t cap)
{
	if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) && st->encryption_method != ZIP_EM_NONE) {
		snprintf(msg, cap, "encrypted entry (not read: litx takes no passwords)");
		return 1;
	}
#if LIBZIP_VERSION_MAJOR > 1 || (LIBZIP_VERSION_MAJOR == 1 && LIBZIP_VERSION_MINOR >= 7)
	if ((st->valid & ZIP_STAT_COMP_METHOD) &&
	    !zip_compression_method_supported((zip_int32_t)st->comp_method, 0)) {
		snprintf(msg, cap, "entry uses compression method %u, which this libzip cannot read",
			 (unsigned)st->comp_method);
		return 1;
	}
#endif
	if (!(st->valid & ZIP_STAT_SIZE) || !(st->valid & ZIP_STAT_COMP_SIZE)) {
		snprintf(msg, cap, "entry does not declare its size (refused)");
		return 1;
	}
	if (st->size > LITX_ZIP_MAX_ENTRY_BYTES) {
		snprintf(msg, cap, "entry declares %llu bytes, over the %zu-byte limit for one entry",
			 (unsigned long long)st->size, LITX_ZIP_MAX_ENTRY_BYTES);
		return 1;
	}
	if (st->size >= RATIO_FLOOR &&
	    (st->comp_size == 0 || st->size / st->comp_size > LITX_ZIP_MAX_RATIO)) {
		snprintf(msg, cap, "entry would inflate %llu bytes from %llu, a ratio over %d "
			 "(a zip bomb?); not read", (unsigned long long)st->size,
			 (unsigned long long)st->comp_size, LITX_ZIP_MAX_RATIO);
		return 1;
	}
	return 0;
}

/* "<source>!/<name>" in a new string. */
static char *entry_source(const char *source, const char *name)
{
	size_t ls = strlen(source), ln = strlen(name);
	char *s = malloc(ls + ln + 3);
	if (!s)
		return NULL;
	memcpy(s, source, ls);
	memcpy(s + ls, "!/", 2);
	memcpy(s + ls + 2, name, ln + 1);
	return s;
}

/* Add an item for entry `name` (NULL: the archive itself); error may be NULL. */
static int add_item(litx_items *out, const char *path, const char *source, const char *name,
		    const char *error, litx_err *err)
{
	char *src = name ? entry_source(source, name) : NULL;
	if ((name && !src) || litx_items_add(out, name ? src : source, path, name, error, 0)) {
		free(src);
		litx_err_set(err, 0, "out of memory");
		return -1;
	}
	free(src);
	return 0;
}

static void zip_code_message(int code, char *msg, size_t cap)
{
	zip_error_t ze;
	zip_error_init_with_code(&ze, code);
	snprintf(msg, cap, "cannot read the zip archive (corrupt or truncated?): %s",
		 zip_error_strerror(&ze));
	zip_error_fini(&ze);
}

int litx_zip_list(litx_items *out, const char *path, const char *source, litx_err *err)
{
	char msg[400];
	int code = 0;
	zip_t *za = zip_open(path, ZIP_RDONLY, &code);
	if (!za) {
		zip_code_message(code, msg, sizeof msg);
		return add_item(out, path, source, NULL, msg, err);
	}
	zip_int64_t n = zip_get_num_entries(za, 0);
	size_t before = out->n;
	zip_uint64_t total = 0;
	int rc = 0;
	for (zip_int64_t i = 0; rc == 0 && i < n; i++) {
		zip_stat_t st;
		zip_stat_init(&st);
		if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) || !(st.valid & ZIP_STAT_NAME)) {
			char name[32];
			snprintf(name, sizeof name, "#%lld", (long long)i);
			snprintf(msg, sizeof msg, "cannot read entry %lld of the archive: %s",
				 (long long)i, zip_strerror(za));
			rc = add_item(out, path, source, name, msg, err);
			continue;
		}
		if (i >= (zip_int64_t)LITX_ZIP_MAX_ENTRIES) {
			snprintf(msg, sizeof msg, "the archive has %lld entries, over the limit of %d; "
				 "this entry and the %lld after it are not read", (long long)n,
				 LITX_ZIP_MAX_ENTRIES, (long long)(n - i - 1));
			rc = add_item(out, path, source, st.name, msg, err);
			break;
		}
		const char *why = name_refusal(st.name);
		if (why) {
			rc = add_item(out, path, source, st.name, why, err);
			continue;
		}
		if (name_skipped(st.name))
			continue;
		if (name_is_zip(st.name)) {
			rc = add_item(out, path, source, st.name, "nested archives are not read", err);
			continue;
		}
		if (stat_refusal(&st, msg, sizeof msg)) {
			rc = add_item(out, path, source, st.name, msg, err);
			continue;
		}
		if (st.size > LITX_ZIP_MAX_TOTAL_BYTES - total) {
			snprintf(msg, sizeof msg, "the archive declares more than %zu bytes in total; "
				 "this entry and the %lld after it are not read",
				 LITX_ZIP_MAX_TOTAL_BYTES, (long long)(n - i - 1));
			rc = add_item(out, path, source, st.name, msg, err);
			break;
		}
		total += st.size;
		rc = add_item(out, path, source, st.name, NULL, err);
	}
	zip_discard(za);
	if (rc == 0 && out->n == before)
		rc = add_item(out, path, source, NULL,
			      "the zip archive holds nothing to read (it is empty, or has only "
			      "directories and hidden entries)",
			      err);
	return rc;
}

/* Inflate entry idx of za into a new buffer, stopping as soon as it passes `limit`
 * bytes. */
static int read_entry(zip_t *za, zip_uint64_t idx, zip_uint64_t limit, char **buf,
		      size_t *len, litx_err *err)
{
	zip_file_t *zf = zip_fopen_index(za, idx, 0);
	if (!zf) {
		litx_err_set(err, 0, "cannot open the entry: %s", zip_strerror(za));
		return -1;
	}
	size_t cap = limit < READ_CHUNK ? (size_t)limit + 1 : READ_CHUNK, n = 0;
	char *b = malloc(cap + 1);
	if (!b) {
		zip_fclose(zf);
		litx_err_set(err, 0, "out of memory");
		return -1;
	}
	for (;;) {
		if (n == cap) {
			/* n <= limit here, so cap can grow up to limit + 1 */
			size_t nc = cap > (size_t)limit / 2 ? (size_t)limit + 1 : cap * 2;
			char *nb = realloc(b, nc + 1);
			if (!nb) {
				free(b);
				zip_fclose(zf);
				litx_err_set(err, 0, "out of memory");
				return -1;
			}
			b = nb;
			cap = nc;
		}
		zip_int64_t got = zip_fread(zf, b + n, cap - n);
		if (got < 0) {
			litx_err_set(err, 0, "cannot inflate the entry (corrupt archive?): %s",
				     zip_file_strerror(zf));
			free(b);
			zip_fclose(zf);
			return -1;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (n > limit) {
			litx_err_set(err, 0, "the entry inflates past the %llu bytes it declares "
				     "(a zip bomb?); reading stopped", (unsigned long long)limit);
			free(b);
			zip_fclose(zf);
			return -1;
		}
	}
	int cerr = zip_fclose(zf);
	if (cerr) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, cerr);
		litx_err_set(err, 0, "cannot inflate the entry (corrupt archive?): %s",
			     zip_error_strerror(&ze));
		zip_error_fini(&ze);
		free(b);
		return -1;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}

/* ---- the per-thread open archive ---- */

struct zcache {
	zip_t *za;
	char *path;
	struct stat st;
};

static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;
static int cache_ready;

static void cache_free(void *p)
{
	struct zcache *c = p;
	if (!c)
		return;
	if (c->za)
		zip_discard(c->za);
	free(c->path);
	free(c);
}

static void cache_at_exit(void)
{
	struct zcache *c = pthread_getspecific(cache_key);
	if (c) {
		pthread_setspecific(cache_key, NULL);
		cache_free(c);
	}
}

static void cache_init(void)
{
	cache_ready = pthread_key_create(&cache_key, cache_free) == 0 && atexit(cache_at_exit) == 0;
}

static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* The archive at path, from this thread's cache or newly opened (and then cached).
 * *owned is set when the caller must zip_discard it (the cache could not keep it). */
static zip_t *open_cached(const char *path, int *code, int *owned)
{
	*owned = 0;
	struct stat st;
	pthread_once(&cache_once, cache_init);
	struct zcache *c = cache_ready ? pthread_getspecific(cache_key) : NULL;
	int have_st = stat(path, &st) == 0;
	if (c && c->za && have_st && strcmp(c->path, path) == 0 && same_file(&c->st, &st)) {
		zip_error_clear(c->za);
		return c->za;
	}
	zip_t *za = zip_open(path, ZIP_RDONLY, code);
	if (!za)
		return NULL;
	if (cache_ready && have_st && !c) {
		c = calloc(1, sizeof *c);
		if (c && pthread_setspecific(cache_key, c)) {
			free(c);
			c = NULL;
		}
	}
	char *cp = c && have_st ? strdup(path) : NULL;
	if (!cp) {
		*owned = 1;
		return za;
	}
	if (c->za)
		zip_discard(c->za);
	free(c->path);
	c->za = za;
	c->path = cp;
	c->st = st;
	return za;
}

int litx_zip_read(const char *path, const char *entry, char **buf, size_t *len, litx_err *err)
{
	*buf = NULL;
	*len = 0;
	const char *why = name_refusal(entry);
	if (why) {
		litx_err_set(err, 0, "%s", why);
		return -1;
	}
	if (name_is_zip(entry)) {
		litx_err_set(err, 0, "nested archives are not read");
		return -1;
	}
	int code = 0, owned;
	zip_t *za = open_cached(path, &code, &owned);
	char msg[400];
	if (!za) {
		zip_code_message(code, msg, sizeof msg);
		litx_err_set(err, 0, "%s", msg);
		return -1;
	}
	int rc = -1;
	zip_stat_t st;
	zip_stat_init(&st);
	zip_int64_t idx = zip_name_locate(za, entry, 0);
	if (idx < 0) {
		litx_err_set(err, 0, "no entry named '%s' in the archive", entry);
	} else if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st)) {
		litx_err_set(err, 0, "cannot read the entry: %s", zip_strerror(za));
	} else if (stat_refusal(&st, msg, sizeof msg)) {
		litx_err_set(err, 0, "%s", msg);
	} else if (read_entry(za, (zip_uint64_t)idx, st.size, buf, len, err) == 0) {
		rc = 0;
		if (*len >= 4 && memcmp(*buf, "PK\3\4", 4) == 0) {
			free(*buf);
			*buf = NULL;
			*len = 0;
			litx_err_set(err, 0, "nested archives are not read");
			rc = -1;
		}
	}
	if (owned)
		zip_discard(za);
	return rc;
}
