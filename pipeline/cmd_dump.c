/* cmd_dump.c - `litx dump FILE...`: the document model as JSON, one object per
 * source (a zip gives one per entry), for debugging and for scripts. */
#include "commands.h"
#include "dump.h"
#include "input.h"
#include "readers.h"
#include <stdio.h>
#include <stdlib.h>

int litx_cmd_dump(const litx_opts *o)
{
	int status = LITX_EXIT_OK;
	for (size_t i = 0; i < o->n_inputs; i++) {
		litx_items items = { 0 };
		litx_err err = { "", 0 };
		if (litx_items_collect(&items, o->inputs[i], &err)) {
			fprintf(stderr, "litx: %s\n", err.msg);
			litx_items_free(&items);
			status = LITX_EXIT_FATAL;
			continue;
		}
		litx_items_sort(&items);
		for (size_t k = 0; k < items.n; k++) {
			char *buf;
			size_t len;
			litx_doc *doc = NULL;
			err = (litx_err){ "", 0 };
			if (litx_item_read(&items.v[k], &buf, &len, &err) == 0) {
				doc = litx_doc_load(items.v[k].source, buf, len, &err);
				free(buf);
			}
			if (!doc) {
				if (err.line)
					fprintf(stderr, "litx: %s:%u: %s\n", items.v[k].source, err.line, err.msg);
				else
					fprintf(stderr, "litx: %s: %s\n", items.v[k].source, err.msg);
				status = LITX_EXIT_FATAL;
				continue;
			}
			json_t *j = litx_dump_doc(doc);
			if (!j || json_dumpf(j, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER) ||
			    fputc('\n', stdout) == EOF) {
				fprintf(stderr, "litx: %s: cannot write the dump\n", items.v[k].source);
				status = LITX_EXIT_FATAL;
			}
			json_decref(j);
			litx_doc_free(doc);
		}
		litx_items_free(&items);
	}
	return status;
}
