/* kb_state.h - what an output directory remembers between runs: a lock, the
 * manifest of sources (with the file size and mtime that let an unchanged file be
 * skipped without reading it), and one shard of records per source. */
#ifndef LITX_KB_STATE_H
#define LITX_KB_STATE_H
#include <jansson.h>
#include "host.h"
#include "input.h"
#include "kb_buf.h"

typedef struct kb_dir {
	char *dir;     /* DIR */
	char *state;   /* DIR/.litx */
	int lock_fd;
} kb_dir;

/* Create DIR and DIR/.litx/shards and take the lock. -1 with a message on stderr
 * (another run holds the lock, or DIR cannot be made). */
int kb_dir_open(kb_dir *d, const char *dir);
void kb_dir_close(kb_dir *d);

/* The shard file of a source (malloc'd path). */
char *kb_shard_path(const kb_dir *d, const char *source, const char *path);
/* "name version;..." of the loaded plugins: a change re-extracts everything. */
char *kb_plugins_signature(const litx_host *h);
/* The file facts that stand in for reading it: size and mtime of the file (for a
 * zip entry, of its archive). 0 when stat works. */
int kb_file_facts(const litx_item *it, json_int_t *size, json_int_t *mtime_ns);

/* The previous manifest (an object, {} when none) and writing a new one. */
json_t *kb_manifest_load(const kb_dir *d);
int kb_manifest_save(const kb_dir *d, const json_t *m);
/* Write a shard atomically (temp + rename), releasing the pairs as they are
 * written. On success the shard's bytes go to *keep
 * (when not NULL; the caller frees them with kb_buf_free): the assembly of the
 * same run takes them from memory instead of reading the file back. They are
 * followed there by the lines' member index (kb_json_line_marked) and by the
 * shard's length as a u64, which litx_kb_asm_add_own expects. */
int kb_shard_write(const char *path, json_t *pairs, kb_buf *keep);
/* Delete shard files not in `keep` (object path -> true). */
void kb_shards_prune(const kb_dir *d, const json_t *keep);
#endif
