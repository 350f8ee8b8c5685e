/* badabi.c - a test plugin built for another ABI version: the host must refuse it
 * before calling anything, naming the file and both versions. */
#include <litx/plugin.h>

static int badabi_extract(const litx_doc *doc, litx_sink *sink, void *state)
{
	(void)doc; (void)sink; (void)state;
	return 0;
}

LITX_PLUGIN_DEFINE(((litx_plugin){
	.abi_version = LITX_ABI_VERSION + 1,
	.struct_size = sizeof(litx_plugin),
	.name = "badabi",
	.version = "9.9.9",
	.description = "test plugin: wrong ABI",
	.extract = badabi_extract,
}));
