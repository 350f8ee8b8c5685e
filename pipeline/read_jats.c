/* read_jats.c - the JATS / NLM reader: parse with libxml2, tag the tree, then read
 * the reference list, the metadata and the body into the document model.
 *
 * The parser never touches the network, never loads a DTD and never substitutes
 * entities (undeclared HTML entities such as &nbsp; are mapped to their character
 * by name instead). libxml2 refuses documents nested deeper than 256 elements
 * without XML_PARSE_HUGE; pass 1 (made as the tree is built) enforces
 * LITX_MAX_XML_DEPTH again once the parse has succeeded, so the limit
 * holds whatever libxml2 does, and every later walk can recurse safely. Errors are
 * captured through the parser context (its structured error hook), not through
 * libxml2's process-wide handlers, so parses on several threads stay apart.
 *
 * The references are read before the body because a body <xref> is resolved to
 * the labels of the references it points at. Tables are read where they stand;
 * any <table-wrap> the body walk did not reach (inside a table cell, a footnote...)
 * is read at the end, so the document has one table per <table-wrap>.
 *
 * Positions: lines are exact (libxml2 counts them; XML_PARSE_BIG_LINES keeps them
 * past 65535); the byte offset given with a line is that line's first byte (from a
 * line index built once), which is as far as a tree parser can tell. */
#include "jats.h"
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

uint32_t jats_line(const xmlNode *n)
{
	/* what xmlGetLineNo answers for these, without the call; 65535 means "look
	 * further" (XML_PARSE_BIG_LINES) and is left to it */
	if ((n->type == XML_ELEMENT_NODE || n->type == XML_TEXT_NODE) && n->line != 65535)
		return n->line;
	long l = xmlGetLineNo((xmlNode *)n);
	return l > 0 && l < (long)UINT32_MAX ? (uint32_t)l : 0;
}

size_t jats_line_offset(const jats_ctx *c, uint32_t line)
{
	return line >= 1 && line <= c->n_lines ? c->line_start[line - 1] : 0;
}

const char *jats_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (a->name && strcmp((const char *)a->name, name) == 0) {
			const xmlNode *t = a->children;
			if (t && (t->type == XML_TEXT_NODE) && !t->next)
				return t->content ? (const char *)t->content : "";
			return NULL; /* entity references in an attribute: not worth it */
		}
	}
	return NULL;
}

int jats_sbuf_put(jats_ctx *c, const char *s, size_t n, size_t limit)
{
	if (c->sbuf_len + n + 1 > limit)
		return -1;
	if (c->sbuf_len + n + 1 > c->sbuf_cap) {
		size_t nc = c->sbuf_cap ? c->sbuf_cap : 256;
		while (nc < c->sbuf_len + n + 1)
			nc *= 2;
		char *q = realloc(c->sbuf, nc);
		if (!q) {
			c->oom = 1;
			return -1;
		}
		c->sbuf = q;
		c->sbuf_cap = nc;
	}
	memcpy(c->sbuf + c->sbuf_len, s, n);
	c->sbuf_len += n;
	c->sbuf[c->sbuf_len] = '\0';
	return 0;
}

/* libxml2 messages end with a newline and may hold more: one line, trimmed. */
static void one_line(char *m)
{
	for (char *p = m; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	size_t n = strlen(m);
	while (n && m[n - 1] == ' ')
		m[--n] = '\0';
}

/* The first fatal error of a parse, kept by the context's structured hook. */
typedef struct parse_err {
	int have;
	int code;
	int line;
	char msg[320];
} parse_err;

/* libxml2 2.12 made the error handed to the hook const. */
#if LIBXML_VERSION >= 21200
typedef const xmlError hook_error;
#else
typedef xmlError hook_error;
#endif

static void on_xml_error(void *user, hook_error *e)
{
	xmlParserCtxtPtr px = user;
	jats_tree *t = px ? px->_private : NULL;
	parse_err *pe = t ? t->err : NULL;
	if (!pe || !e || pe->have || e->level < XML_ERR_FATAL)
		return;
	pe->have = 1;
	pe->code = e->code;
	pe->line = e->line;
	snprintf(pe->msg, sizeof pe->msg, "%s", e->message ? e->message : "unknown error");
	one_line(pe->msg);
}

static void report_parse_error(const parse_err *pe, xmlParserCtxtPtr px, litx_err *err)
{
	parse_err last = { 0 };
	if (!pe->have) {
		const xmlError *e = xmlCtxtGetLastError(px);
		if (e && e->code) {
			last.have = 1;
			last.code = e->code;
			last.line = e->line;
			snprintf(last.msg, sizeof last.msg, "%s", e->message ? e->message : "");
			one_line(last.msg);
		}
		pe = &last;
	}
	if (!pe->have) {
		litx_err_set(err, 0, "malformed XML (libxml2 gave no reason)");
		return;
	}
	uint32_t line = pe->line > 0 ? (uint32_t)pe->line : 0;
	if (strstr(pe->msg, "xcessive depth"))
		litx_err_set(err, line, "XML nested deeper than %d elements at line %u (refused)",
			     LITX_MAX_XML_DEPTH, line);
	else
		litx_err_set(err, line, "malformed XML at line %u: %s", line, pe->msg);
}

static int push_node(jats_ctx *c, xmlNode ***arr, size_t *n, size_t *cap, xmlNode *x)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		xmlNode **q = realloc(*arr, nc * sizeof *q);
		if (!q) {
			c->oom = 1;
			return -1;
		}
		*arr = q;
		*cap = nc;
	}
	(*arr)[(*n)++] = x;
	return 0;
}

/* Element names come from the parser's dictionary, so one name is one pointer: a
 * small direct-mapped cache on (name, namespace) spares most lookups. The cache
 * lives in the context of one document (a dictionary is one parse's). */
static jtag classify_cached(struct jats_tag_cache *tc, const xmlNode *n)
{
	uint64_t k = (uint64_t)(uintptr_t)n->name ^ ((uint64_t)(uintptr_t)n->ns << 7);
	size_t h = (size_t)((k * 0x9E3779B97F4A7C15ull) >> 56);
	if (tc->name[h] == n->name && tc->ns[h] == n->ns && n->name)
		return tc->tag[h];
	jtag t = jats_classify(n);
	tc->name[h] = n->name;
	tc->ns[h] = n->ns;
	tc->tag[h] = t;
	return t;
}

/* Pass 1, done by the tree builder as each element is made (while it is in the
 * cache, and in document order, which is the order of a walk of the finished
 * tree): tag every element, collect <ref> and <table-wrap>. The depth is checked
 * by the builder too (jats_tree.c) and reported once the parse succeeded. */
int jats_tag_new(jats_ctx *c, xmlNode *n)
{
	jtag t = classify_cached(&c->tc, n);
	n->_private = (void *)(uintptr_t)t;
	if (t == J_REF && push_node(c, &c->refs, &c->n_refs, &c->cap_refs, n))
		return -1;
	if (t == J_TABLE_WRAP && push_node(c, &c->tables, &c->n_tables, &c->cap_tables, n))
		return -1;
	return 0;
}

static int build_line_index(jats_ctx *c)
{
	size_t lines = 1;
	for (const char *p = c->buf, *e = c->buf + c->len; (p = memchr(p, '\n', (size_t)(e - p)));
	     p++)
		lines++;
	c->line_start = malloc(lines * sizeof *c->line_start);
	if (!c->line_start)
		return -1;
	size_t k = 0;
	c->line_start[k++] = 0;
	for (const char *p = c->buf, *e = c->buf + c->len; (p = memchr(p, '\n', (size_t)(e - p)));
	     p++)
		c->line_start[k++] = (uint32_t)(p + 1 - c->buf);
	c->n_lines = lines;
	return 0;
}

static void ctx_free(jats_ctx *c)
{
	jats_out_free(&c->out);
	jats_out_free(&c->fld);
	jats_scratch_free(&c->sc);
	jats_ids_free(&c->ids);
	jats_grid_free(&c->g);
	free(c->refs);
	free(c->tables);
	free(c->ref_label);
	free(c->line_start);
	free(c->sbuf);
	free(c);
}

static int read_tree(jats_ctx *c, const jats_tree *t, const xmlNode *root)
{
	if (t->deep) {
		uint32_t line = jats_line(t->deep);
		litx_err_set(c->err, line, "XML nested deeper than %d elements at line %u (refused)",
			     LITX_MAX_XML_DEPTH, line);
		return -1;
	}
	if (build_line_index(c)) {
		c->oom = 1;
		return -1;
	}
	if (jats_read_refs(c) || jats_ids_build(c))
		return -1;
	jats_read_meta(c, root);
	if (jats_read_body(c, root))
		return -1;
	for (size_t i = 0; i < c->n_tables; i++)
		if (!jats_done(c->tables[i]) && jats_read_table(c, c->tables[i]))
			return -1;
	return c->oom || c->over_limit ? -1 : 0;
}

/* The tree builder's pool is kept per thread, so a document reuses the blocks of
 * the one before. (The parser context is not: a new one costs little, and one
 * reused keeps a dictionary that grows with every document, and past 128 names
 * libxml2 switches it to a slower hash.) */
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static pthread_key_t tree_key;
static int have_key;

static void tree_free(void *p)
{
	if (p) {
		jats_tree_free(p);
		free(p);
	}
}

static void xml_init(void)
{
	xmlInitParser();
	have_key = pthread_key_create(&tree_key, tree_free) == 0;
}

/* The thread's tree builder, made on first use; NULL when out of memory. */
static jats_tree *tree_get(void)
{
	jats_tree *t = have_key ? pthread_getspecific(tree_key) : NULL;
	if (t)
		return t;
	t = calloc(1, sizeof *t);
	if (t && have_key && pthread_setspecific(tree_key, t)) {
		free(t);
		return NULL;
	}
	return t;
}

static void tree_release(jats_tree *t)
{
	jats_tree_end(t);
	if (!have_key)
		tree_free(t);
}

static const int parse_opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES |
			     XML_PARSE_COMPACT | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

/* Parse and read; the document is freed by the caller, the tree is released. */
static int parse_and_read(jats_ctx *c, jats_tree *t, xmlDocPtr *doc)
{
	xmlParserCtxtPtr px = xmlNewParserCtxt();
	if (!px) {
		litx_err_set(c->err, 0, "out of memory");
		return -1;
	}
	jats_tree_sax(px->sax);
	px->sax->serror = on_xml_error;
	parse_err pe = { 0 };
	jats_tree_begin(t, px);
	t->err = &pe;
	t->ctx = c;
	*doc = xmlCtxtReadMemory(px, c->buf, (int)c->len, NULL, NULL, parse_opts);
	if (!*doc) {
		if (t->oom)
			litx_err_set(c->err, 0, "out of memory");
		else
			report_parse_error(&pe, px, c->err);
	}
	xmlFreeParserCtxt(px);
	t->px = NULL;
	t->err = NULL;
	t->ctx = NULL;
	if (!*doc)
		return -1;
	if (t->oom) {
		/* xmlStopParser leaves the document well-formed and libxml2 returns it:
		 * the tree holds only what was built before the pool ran out */
		litx_err_set(c->err, 0, "out of memory");
		return -1;
	}
	xmlNode *root = jats_tree_root(t);
	if (!root) {
		litx_err_set(c->err, 0, "XML document has no root element");
		return -1;
	}
	if (!root->name || strcmp((const char *)root->name, "article") != 0) {
		uint32_t line = jats_line(root);
		litx_err_set(c->err, line, "root element is <%.64s>, not <article>: not a JATS article",
			     root->name ? (const char *)root->name : "?");
		return -1;
	}
	c->err->msg[0] = '\0';
	if (read_tree(c, t, root)) {
		if (c->oom || !c->err->msg[0])
			litx_err_set(c->err, 0, "out of memory");
		return -1;
	}
	return 0;
}

int litx_read_jats(docb *b, const char *buf, size_t len, litx_err *err)
{
	litx_err dummy;
	if (!err)
		err = &dummy;
	if (len > INT_MAX || len > LITX_MAX_DOC_BYTES) {
		litx_err_set(err, 0, "XML document of %zu bytes is over the limit", len);
		return -1;
	}
	pthread_once(&xml_once, xml_init);
	jats_ctx *c = calloc(1, sizeof *c);
	jats_tree *t = c ? tree_get() : NULL;
	if (!t) {
		free(c);
		litx_err_set(err, 0, "out of memory");
		return -1;
	}
	c->b = b;
	c->err = err;
	c->buf = buf;
	c->len = len;
	c->cur_sec = -1;
	jats_out_init(&c->out);
	jats_out_init(&c->fld);

	xmlDocPtr doc = NULL;
	int rc = parse_and_read(c, t, &doc);
	if (doc)
		xmlFreeDoc(doc);
	tree_release(t);
	ctx_free(c);
	return rc;
}
