/* fuzz_zip.c - libFuzzer target: the zip reader (input_zip.c). The bytes become a
 * fresh memfd (a new inode each run, so the reader's per-thread archive cache
 * never mistakes one input for the last), listed with litx_zip_list, and every
 * entry the listing accepts is inflated with litx_zip_read. Checks: every item has
 * a source under the archive's name, a refused entry carries a message, a read
 * entry is NUL-terminated, within the per-entry cap and not itself a zip. */
#include "common.h"
#include "input.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd = memfd_create("litx-fuzz-zip", 0);
	if (fd < 0)
		return 0;
	for (size_t done = 0; done < size;) {
		ssize_t w = write(fd, data + done, size - done);
		if (w <= 0) {
			close(fd);
			return 0;
		}
		done += (size_t)w;
	}
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	(void)litx_is_zip(path);
	litx_items items = { 0 };
	litx_err err = { "", 0 };
	if (litx_zip_list(&items, path, "in.zip", &err) == 0) {
		FZ_ASSERT(items.n > 0, "an archive gives at least one item (an error when empty)");
		for (size_t i = 0; i < items.n; i++) {
			const litx_item *it = &items.v[i];
			FZ_ASSERT(strncmp(it->source, "in.zip", 6) == 0, "item source under the archive");
			if (it->error) {
				FZ_ASSERT(it->error[0] != '\0', "a refused entry says why");
				continue;
			}
			FZ_ASSERT(it->entry != NULL, "an accepted item names its entry");
			char *buf = NULL;
			size_t len = 0;
			litx_err e2 = { "", 0 };
			if (litx_item_read(it, &buf, &len, &e2) == 0) {
				FZ_ASSERT(buf && buf[len] == '\0', "entry bytes are NUL-terminated");
				FZ_ASSERT(len <= LITX_ZIP_MAX_ENTRY_BYTES, "entry within the per-entry cap");
				FZ_ASSERT(!(len >= 4 && memcmp(buf, "PK\3\4", 4) == 0), "nested zip refused");
				free(buf);
			} else {
				FZ_ASSERT(buf == NULL && e2.msg[0] != '\0', "a failed read says why");
			}
		}
	} else {
		FZ_ASSERT(err.msg[0] != '\0', "a failed listing says why");
	}
	litx_items_free(&items);
	close(fd);
	return 0;
}
