/* failing.c - a test plugin that emits a record and then fails: the host must drop
 * what it emitted for the document and report "failing: <its message>". */
#include <litx/plugin.h>

static int failing_extract(const litx_doc *doc, litx_sink *sink, void *state)
{
	(void)state;
	litx_emit(sink, "tests", json_pack("{s:s}", "text", "must not survive"));
	litx_sink_fail(sink, "cannot handle %s", doc->source);
	return 1;
}

LITX_PLUGIN_DEFINE(((litx_plugin){
	.abi_version = LITX_ABI_VERSION,
	.struct_size = sizeof(litx_plugin),
	.name = "failing",
	.version = "0.0.1",
	.description = "test plugin: always fails",
	.extract = failing_extract,
}));
