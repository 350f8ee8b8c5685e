/* jats.h - internals shared by the JATS reader's files (read_jats.c drives them).
 *
 * The reader parses the whole article into a libxml2 tree and reads it in two
 * passes: pass 1, done by the tree builder as each element is made (jats_tree.c,
 * jats_tag_new), tags every element once (the tag is cached in node->_private, so
 * later walks never compare names again), notes where the depth limit is passed
 * and collects the <ref> and <table-wrap> nodes; pass 2 walks the finished tree:
 * the reference list first, so that body <xref>s can be resolved to labels, then
 * the metadata and the body. All text goes
 * through one inline emitter (jats_inline.c) that applies the shared normalization
 * rules, so a paragraph, a table cell and a reference are normalized alike.
 *
 * Source positions: every element and text node knows its line (xmlGetLineNo; a
 * text node's line is where it ends, so its first line is that minus its
 * newlines). The byte offset of a position is the offset of its line's first
 * byte, from a line index built once: exact lines, offsets good to the line. */
#ifndef LITX_JATS_H
#define LITX_JATS_H
#include <stddef.h>
#include <stdint.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "readers.h"
#include "script_squeeze.h"

/* Element tags the reader cares about; everything else is J_OTHER (its text still
 * counts). MathML elements get their own tags. */
typedef enum jtag {
	J_OTHER = 0,
	J_ABBREV_JOURNAL_TITLE, J_ABSTRACT, J_ACK, J_ALTERNATIVES, J_APP, J_APP_GROUP,
	J_ARTICLE, J_ARTICLE_ID, J_ARTICLE_META, J_ARTICLE_TITLE, J_ATTRIB, J_BACK, J_BODY,
	J_BOLD, J_BOXED_TEXT, J_BREAK, J_CAPTION, J_CHAPTER_TITLE, J_CITATION,
	J_CITATION_ALTERNATIVES, J_COL, J_COLGROUP, J_COLLAB, J_DATE, J_DEF, J_DEF_ITEM,
	J_DEF_LIST, J_DISP_FORMULA, J_DISP_QUOTE, J_ELEMENT_CITATION, J_ELOCATION_ID,
	J_EMAIL, J_ETAL, J_EXT_LINK, J_FIG, J_FIG_GROUP, J_FLOATS_GROUP, J_FN, J_FN_GROUP,
	J_FPAGE, J_FRONT, J_FRONT_STUB, J_GIVEN_NAMES, J_GLOSSARY, J_GRAPHIC, J_HR,
	J_INLINE_FORMULA, J_INLINE_GRAPHIC, J_ISSUE, J_ITALIC, J_JOURNAL_ID, J_JOURNAL_META,
	J_JOURNAL_TITLE, J_LABEL, J_LIST, J_LIST_ITEM, J_LPAGE, J_MEDIA, J_MIXED_CITATION,
	J_NAME, J_NLM_CITATION, J_NOTES, J_OBJECT_ID, J_P, J_PERSON_GROUP, J_PUB_DATE,
	J_PUB_ID, J_REF, J_REF_LIST, J_RESPONSE, J_SEC, J_SELF_URI, J_SOURCE, J_STATEMENT,
	J_STRING_NAME, J_SUB, J_SUB_ARTICLE, J_SUFFIX, J_SUP, J_SUPPLEMENTARY, J_SURNAME,
	J_TABLE, J_TABLE_WRAP, J_TABLE_WRAP_FOOT, J_TABLE_WRAP_GROUP, J_TBODY, J_TD,
	J_TEX_MATH, J_TFOOT, J_TH, J_THEAD, J_TITLE, J_TR, J_TRANS_ABSTRACT, J_URI, J_VOLUME,
	J_XREF, J_YEAR,
	/* MathML */
	J_M_ANNOTATION, J_M_ANNOTATION_XML, J_M_MATH, J_M_MFENCED, J_M_MFRAC,
	J_M_MMULTISCRIPTS, J_M_MOVER, J_M_MROOT, J_M_MSPACE, J_M_MSQRT, J_M_MSUB,
	J_M_MSUBSUP, J_M_MSUP, J_M_MUNDER, J_M_MUNDEROVER, J_M_OTHER,
	J__COUNT
} jtag;

/* The tag cached by pass 1 (J_OTHER for anything not an element). */
#define JATS_DONE_BIT 0x10000u
static inline jtag jats_tag(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE ? (jtag)((uintptr_t)n->_private & 0xFFFFu) : J_OTHER;
}
static inline int jats_done(const xmlNode *n)
{
	return ((uintptr_t)n->_private & JATS_DONE_BIT) != 0;
}
static inline void jats_set_done(xmlNode *n)
{
	n->_private = (void *)((uintptr_t)n->_private | JATS_DONE_BIT);
}

/* Classify an element by local name (MathML by its namespace or mml: prefix). */
jtag jats_classify(const xmlNode *n);

/* Limits a hostile document cannot push past. */
#define JATS_MAX_LABELS      512      /* labels of one citation callout */
#define JATS_LABELS_BYTES    8192
#define JATS_MAX_RANGE       1000     /* "1–1000" is expanded, "1–100000" is not */
#define JATS_MAX_COLS        512
#define JATS_MAX_COLSPAN     256
#define JATS_MAX_ROWSPAN     65535
#define JATS_MAX_CELLS       ((size_t)1 << 18) /* grid positions in one table */
#define JATS_MAX_FIELD       4096     /* bytes of a reference field / author list */

/* One text under construction plus the inline state that goes with it. */
typedef struct jats_out {
	tbuf tb;
	int pending;          /* white space seen and not yet written */
	int need_mark;        /* the next byte written needs an anchor */
	uint32_t line;        /* source line of the next byte */
	int in_sub, in_sup;   /* inside <sub>/<sup> (or a LaTeX/Unicode run) */
	int no_latex;         /* inside links and references: '_' is just '_' */
	int defer_blocks;     /* paragraph mode: figures, tables, lists wait */
	int saw_blocks;       /* ... and one was seen */
	int uni_kind;         /* open Unicode sub/sup run: kind, start, end */
	size_t uni_start, uni_end;
	const xmlNode *range_end; /* "<xref>1</xref>–<xref>5</xref>": the second xref */
	size_t range_start;
	litx_cite_kind range_kind;
	uint32_t marked_line; /* line of the last anchor */
	char range_labels[JATS_LABELS_BYTES];
} jats_out;

/* Reference id -> index, open addressing over the ids in the document. */
typedef struct jats_idmap {
	const char **key;
	uint32_t *val;
	size_t cap;           /* power of two, 0 when empty */
} jats_idmap;

/* Scratch for building one table. */
typedef struct jats_grid {
	litx_text *cell; size_t n_cell, cap_cell;
	struct jats_place { uint32_t row, col, cell; } *pl; size_t n_pl, cap_pl;
	uint32_t *row_line; uint8_t *row_head; size_t n_row, cap_row;
	uint32_t *occ_rem, *occ_cell, *stamp; size_t cap_cols;
	litx_text *foot; size_t n_foot, cap_foot;
} jats_grid;

/* The tree of one parse, built by jats_tree.c's SAX2 callbacks in a pool that
 * the next document of the thread reuses. */
typedef struct jats_pool {
	struct jats_chunk *head, *cur; /* chunks; those after cur are free for reuse */
	struct jats_chunk *big;        /* blocks of one large allocation each */
} jats_pool;

typedef struct jats_tree {
	xmlParserCtxtPtr px;  /* the parse this tree is built for */
	void *err;            /* read_jats.c's record of the first parse error */
	struct jats_ctx *ctx; /* the reader: elements are tagged as they are made */
	xmlNode *deep;        /* the first element past LITX_MAX_XML_DEPTH with a child */
	jats_pool pool;
	xmlNode *first, *last; /* top level: the root element, comments, PIs */
	xmlNode *text;        /* the text node character data is appended to */
	size_t text_len, text_cap;
	int oom;
} jats_tree;

typedef struct jats_ctx {
	docb *b;
	litx_err *err;
	const char *buf;
	size_t len;
	uint32_t *line_start; /* offset of the first byte of line i+1 */
	size_t n_lines;
	jats_out out;         /* blocks, cells, references */
	jats_out fld;         /* short plain fields: titles, labels, names */
	script_scratch sc;    /* the squeeze around sub/superscripts */
	jats_idmap ids;
	struct jats_tag_cache {   /* element names are dictionary pointers: see jats_tag_new */
		const xmlChar *name[256];
		const xmlNs *ns[256];
		jtag tag[256];
	} tc;
	xmlNode **refs; size_t n_refs, cap_refs;
	xmlNode **tables; size_t n_tables, cap_tables;
	const char **ref_label; /* arena strings, one per ref */
	jats_grid g;
	char *sbuf; size_t sbuf_len, sbuf_cap; /* string scratch (authors, numbers) */
	char labels[JATS_LABELS_BYTES]; /* one callout's labels */
	int refs_mode;        /* reading references: no LaTeX in DOIs and URLs */
	int cur_sec;
	int autonum;          /* number unlabelled body sections by position */
	int secnum[16];
	size_t entity_bytes; /* text produced by internal entities so far */
	int over_limit;       /* a reader limit was hit; err says which */
	int oom;
} jats_ctx;

/* jats_tree.c: install the callbacks in a parser context's handler; begin a
 * parse on px (px->_private becomes t); the root element; release the nodes (the
 * pool keeps a few blocks); free everything. */
void jats_tree_sax(xmlSAXHandler *sax);
void jats_tree_begin(jats_tree *t, xmlParserCtxtPtr px);
xmlNode *jats_tree_root(const jats_tree *t);
void jats_tree_end(jats_tree *t);
void jats_tree_free(jats_tree *t);

/* read_jats.c */
/* A new element of the tree (its name and namespace set): tag it, and collect it
 * when it is a <ref> or a <table-wrap>. -1 when out of memory. */
int jats_tag_new(jats_ctx *c, xmlNode *n);
size_t jats_line_offset(const jats_ctx *c, uint32_t line);
uint32_t jats_line(const xmlNode *n);
/* Attribute value by local name (any namespace), NULL when absent. The pointer
 * is libxml2's: valid until the document is freed. */
const char *jats_attr(const xmlNode *n, const char *name);
/* Append to the string scratch; -1 when it would pass `limit` bytes. */
int jats_sbuf_put(jats_ctx *c, const char *s, size_t n, size_t limit);

/* jats_inline.c: append the text of a node (and everything under it). */
void jats_out_init(jats_out *o);
void jats_out_free(jats_out *o);
void jats_out_reset(jats_out *o);
void jats_out_begin(jats_ctx *c, jats_out *o, const xmlNode *at);
void jats_inline(jats_ctx *c, jats_out *o, const xmlNode *n);
void jats_inline_children(jats_ctx *c, jats_out *o, const xmlNode *n);
/* Separate the next piece of text with white space. */
void jats_out_space(jats_out *o);
/* Write s now, dropping pending white space (separators such as "\t", ", "). */
void jats_out_put(jats_ctx *c, jats_out *o, const char *s);
/* The current text as a temporary string (valid until the builder is used again). */
const char *jats_out_str(jats_out *o);
/* Squeeze and publish the text into the arena; resets the builder. -1 on OOM. */
int jats_out_finish(jats_ctx *c, jats_out *o, litx_text *t);
/* The normalized text of a node as an arena string; NULL when it is empty. */
char *jats_plain(jats_ctx *c, const xmlNode *n);
/* When the node's content is one text node that normalizes to itself (printable
 * ASCII, single inner spaces, nothing LaTeX could read): that text and its
 * length, the same bytes the inline walk would give; else NULL. */
const char *jats_plain_text(const xmlNode *n, size_t *len);

/* The squeeze around scripts is script_squeeze.c's, shared with the text reader;
 * read_jats.c frees its scratch under this name. */
static inline void jats_scratch_free(script_scratch *sc)
{
	script_scratch_free(sc);
}

/* jats_cite.c */
int jats_ids_build(jats_ctx *c);
void jats_ids_free(jats_idmap *m);
/* Index of the ref with this id (n bytes), -1 when unknown. */
long jats_ref_index(const jats_ctx *c, const char *id, size_t n);
/* The next id of a white-space separated rid list: skips the blanks before it
 * (*p then points at the id) and returns where the id ends. */
const char *jats_rid_next(const char **p);
/* Labels of a callout with text [t, t+tn) and rid list `rid` into out (";"
 * joined, at most JATS_LABELS_BYTES). Returns the number of labels. */
size_t jats_cite_labels(const jats_ctx *c, const char *t, size_t tn, const char *rid,
			char *out);
/* Labels of every reference from index i to j (ref-list order). */
size_t jats_cite_range(const jats_ctx *c, size_t i, size_t j, char *out);

/* jats_refs.c */
int jats_read_refs(jats_ctx *c);

/* jats_table.c */
int jats_read_table(jats_ctx *c, xmlNode *tw);
void jats_grid_free(jats_grid *g);

/* jats_body.c */
void jats_read_meta(jats_ctx *c, const xmlNode *article);
int jats_read_body(jats_ctx *c, const xmlNode *article);
#endif
