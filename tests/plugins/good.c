/* good.c - a test plugin that behaves: one "tests" record per block of the document,
 * located with litx_rec_locate. Its per-thread state counts the documents it saw, so
 * the host test can tell init/extract/fini were wired up (and valgrind that fini
 * freed it). */
#include <litx/plugin.h>
#include <stdlib.h>

static int good_init(void **state)
{
	int *seen = calloc(1, sizeof *seen);
	if (!seen)
		return -1;
	*state = seen;
	return 0;
}

static int good_extract(const litx_doc *doc, litx_sink *sink, void *state)
{
	int *seen = state;
	if (seen)
		++*seen;
	for (size_t i = 0; i < doc->n_blocks; i++) {
		const litx_text *t = &doc->blocks[i].text;
		json_t *rec = json_pack("{s:s%,s:I,s:i}", "text", t->s, t->len, "block",
					(json_int_t)i, "seen", seen ? *seen : -1);
		if (!rec) {
			litx_sink_fail(sink, "out of memory");
			return -1;
		}
		litx_rec_locate(rec, t, 0, t->len < 5 ? t->len : 5);
		if (litx_emit(sink, "tests", rec)) {
			litx_sink_fail(sink, "record refused");
			return -1;
		}
	}
	return 0;
}

static void good_fini(void *state)
{
	free(state);
}

#ifndef GOOD_NAME
#define GOOD_NAME "good"
#endif

LITX_PLUGIN_DEFINE(((litx_plugin){
	.abi_version = LITX_ABI_VERSION,
	.struct_size = sizeof(litx_plugin),
	.name = GOOD_NAME,
	.version = "1.2.3",
	.description = "test plugin: one record per block",
	.init = good_init,
	.extract = good_extract,
	.fini = good_fini,
}));
