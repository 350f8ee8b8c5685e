/* input.h - what the user named on the command line, as a sorted list of sources:
 * plain files, files found by walking directories, entries of .zip archives. An
 * item that cannot be read (a refused zip entry, a truncated archive) keeps its
 * error so it becomes one error document and the batch goes on. */
#ifndef LITX_INPUT_H
#define LITX_INPUT_H
#include <stddef.h>
#include "docb.h"

/* Limits for archives (a zip bomb cannot exceed them). */
#define LITX_ZIP_MAX_ENTRIES     100000
#define LITX_ZIP_MAX_ENTRY_BYTES ((size_t)64 << 20)
#define LITX_ZIP_MAX_TOTAL_BYTES ((size_t)2 << 30)
#define LITX_ZIP_MAX_RATIO       200  /* uncompressed / compressed, per entry */

typedef struct litx_item {
	char *source;  /* relative to the input root; "bundle.zip!/a.xml" in archives */
	char *path;    /* the file on disk */
	char *entry;   /* the zip entry, NULL for plain files */
	char *error;   /* set when the item cannot be read */
	uint32_t error_line;
} litx_item;

typedef struct litx_items {
	litx_item *v;
	size_t n, cap;
} litx_items;

/* Add the sources of one command-line argument (file, directory, .zip). -1 with err
 * only when the argument itself does not exist or cannot be opened. */
int litx_items_collect(litx_items *out, const char *arg, litx_err *err);
/* Append one item (strings copied; entry and error may be NULL). */
int litx_items_add(litx_items *out, const char *source, const char *path, const char *entry,
		   const char *error, uint32_t error_line);
/* Sort by source and drop exact duplicates, so output does not depend on the order
 * files were named or found in. */
void litx_items_sort(litx_items *items);
void litx_items_free(litx_items *items);

/* Read an item's bytes into a new malloc'd buffer (NUL-terminated). */
int litx_item_read(const litx_item *it, char **buf, size_t *len, litx_err *err);

/* zip support (input_zip.c). litx_zip_list adds an item per regular entry of the
 * archive at `path`, sources prefixed with `source` + "!/"; refused entries become
 * items with an error. */
int litx_zip_list(litx_items *out, const char *path, const char *source, litx_err *err);
int litx_zip_read(const char *path, const char *entry, char **buf, size_t *len, litx_err *err);
/* True when the file at path starts with a zip signature. */
int litx_is_zip(const char *path);
#endif
