/* metrics.c - the metrics plugin: its descriptor, its per-thread state and the
 * walk over a document. Every paragraph, abstract, caption and footnote goes
 * through the sentence analysis of text_metrics.c and every table through
 * table_metrics.c. The patterns are compiled once per worker thread in init()
 * (JIT, with match and depth limits), and the scratch arrays of the state are
 * reused from one document to the next, so extract() allocates only what it
 * emits. */
#include "mx.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A comparative after "N times" / "N-fold" makes it a ratio. */
static const char CMP_PATTERN[] =
	"\\s*(?i:(?:higher|larger|greater|more|lower|smaller|better|faster|stronger|superior|"
	"bigger|enhance\\w*|improve\\w*|increase\\w*|amplif\\w*|boost\\w*|decrease\\w*|reduc\\w*|"
	"than|compared|relative|as\\s+(?:high|large|much|active)|over|(?:that|those)\\s+of)\\b)";

static void state_free(mx_state *st)
{
	if (!st)
		return;
	pcre2_code_free(st->kw);
	pcre2_code_free(st->kw_a);
	free(st->kw_pat);
	pcre2_code_free(st->rx);
	pcre2_code_free(st->rx_a);
	free(st->rx_pat);
	pcre2_code_free(st->cmp);
	pcre2_match_data_free(st->md);
	pcre2_match_context_free(st->mctx);
	free(st->hits.v);
	free(st->rhits.v);
	free(st->thits.v);
	free(st->cands.v);
	free(st->qtys.v);
	free(st->drafts.v);
	free(st);
}

static int metrics_init(void **state)
{
	*state = NULL;
	mx_state *st = calloc(1, sizeof *st);
	if (!st)
		return -1;
	char err[512];
	if (mx_rules_compile(st, err, sizeof err) || mx_reactions_compile(st, err, sizeof err) ||
	    !(st->cmp = mx_compile(CMP_PATTERN, PCRE2_ANCHORED, err, sizeof err))) {
		fprintf(stderr, "litx: metrics plugin: %s\n", err);
		state_free(st);
		return -1;
	}
	st->md = pcre2_match_data_create_from_pattern(st->kw_a, NULL);
	/* a pathological sentence costs a bounded amount of work, not a hang */
	st->mctx = litx_pattern_context();
	if (!st->md || !st->mctx) {
		state_free(st);
		return -1;
	}
	*state = st;
	return 0;
}

static void metrics_fini(void *state)
{
	state_free(state);
}

static int metrics_extract(const litx_doc *doc, litx_sink *sink, void *state)
{
	mx_state *st = state;
	if (!st) {
		litx_sink_fail(sink, "%s:%d: the metrics plugin has no state (its init failed)",
			       __FILE__, __LINE__);
		return -1;
	}
	mx_reactions_reset(st);
	for (size_t i = 0; i < doc->n_blocks; i++) {
		const litx_block *b = &doc->blocks[i];
		if (mx_text_metrics(st, doc, &b->text, b->section, sink)) {
			litx_sink_fail(sink, "%s:%d: out of memory in block %zu", __FILE__, __LINE__, i);
			return -1;
		}
	}
	for (size_t i = 0; i < doc->n_tables; i++) {
		const litx_table *tb = &doc->tables[i];
		if (mx_text_metrics(st, doc, &tb->caption, tb->section, sink) ||
		    mx_table_metrics(st, doc, tb, sink)) {
			litx_sink_fail(sink, "%s:%d: out of memory in table %zu", __FILE__, __LINE__, i);
			return -1;
		}
	}
	return 0;
}

#define METRICS_PLUGIN { \
	.abi_version = LITX_ABI_VERSION, \
	.struct_size = sizeof(litx_plugin), \
	.name = "metrics", \
	.version = "0.1.0", \
	.description = "electrocatalysis metrics (FE, overpotential, Tafel slope, TOF, ...) " \
		       "with units, conditions, catalyst and reaction", \
	.init = metrics_init, \
	.extract = metrics_extract, \
	.fini = metrics_fini, \
}

LITX_PLUGIN_DEFINE(METRICS_PLUGIN);
