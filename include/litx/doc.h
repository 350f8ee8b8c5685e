/*
 * litx/doc.h - the document model every reader produces and every plugin reads.
 *
 * One model whatever the source (JATS, text converted from PDF, either inside a zip):
 * metadata, sections, blocks (paragraphs and captions), tables, the reference list.
 * All text is UTF-8 and normalized the same way by every reader: subscripts and
 * superscripts in any spelling (Unicode "₂₄", LaTeX "_{24}", spaced "Au ₂₄", JATS
 * <sub>24</sub>) become plain characters ("24") covered by a LITX_SPAN_SUB or
 * LITX_SPAN_SUP span, so "Pt₁Au₂₄" and "Pt<sub>1</sub>Au<sub>24</sub>" give the same
 * text and the same spans.
 *
 * Ownership: a litx_doc owns every byte reachable from it (one arena per document);
 * plugins receive it as const and must not keep pointers into it after their
 * extract callback returns.
 */
#ifndef LITX_DOC_H
#define LITX_DOC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Where a run of text came from: text byte text_off is at source line `line`
 * (1-based) and byte `src_off` (0-based) of the source file. */
typedef struct litx_anchor {
	size_t text_off;
	uint32_t line;
	size_t src_off;
} litx_anchor;

typedef enum litx_span_kind {
	LITX_SPAN_SUB = 1,
	LITX_SPAN_SUP,
	LITX_SPAN_ITALIC,
	LITX_SPAN_BOLD,
	LITX_SPAN_CITE,   /* a citation callout; `labels` holds the expanded labels */
	LITX_SPAN_FORMULA /* JATS inline-formula / a LaTeX $...$ fragment */
} litx_span_kind;

/* The kind of a citation span. */
typedef enum litx_cite_kind {
	LITX_CITE_NONE = 0,
	LITX_CITE_SUPERSCRIPT,
	LITX_CITE_TEXTUAL,  /* "ref. 87", "[12]" */
	LITX_CITE_XREF,     /* JATS <xref ref-type="bibr"> not in a superscript */
	LITX_CITE_AUTHOR_YEAR
} litx_cite_kind;

typedef struct litx_span {
	litx_span_kind kind;
	size_t start, end;     /* byte range [start, end) in the owning text */
	litx_cite_kind cite;   /* LITX_SPAN_CITE only */
	const char *labels;    /* LITX_SPAN_CITE only: "230;231;232", NULL otherwise */
} litx_span;

/* A run of normalized text with its spans (sorted by start) and anchors (sorted by
 * text_off, at least one). */
typedef struct litx_text {
	const char *s;  /* NUL-terminated */
	size_t len;
	const litx_span *spans;
	size_t n_spans;
	const litx_anchor *anchors;
	size_t n_anchors;
	/* Start offsets of the sentences after the first (ascending), filled by the
	 * core once per text so litx_text_sentence is a binary search; NULL in texts
	 * built by hand, where it falls back to a scan. */
	const size_t *sentences;
	size_t n_sentences;
} litx_text;

typedef struct litx_section {
	const char *number; /* "3.1", "" when unnumbered */
	const char *title;
	int level;          /* 1 for "3", 2 for "3.1" ... */
	uint32_t line;
	size_t offset;
} litx_section;

typedef enum litx_block_kind {
	LITX_BLOCK_PARAGRAPH = 1,
	LITX_BLOCK_CAPTION,   /* figure caption (tables keep theirs in litx_table) */
	LITX_BLOCK_ABSTRACT,
	LITX_BLOCK_FOOTNOTE
} litx_block_kind;

typedef struct litx_block {
	litx_block_kind kind;
	int section;        /* index into litx_doc.sections, -1 before the first */
	const char *label;  /* captions: "Fig. 2"; NULL otherwise */
	litx_text text;
} litx_block;

/* A table with row and column spans resolved: a cell spanning rows or columns is
 * repeated in every grid position it covers, so a group label is carried down to
 * every row of its group. Header rows are kept apart from data rows. */
typedef struct litx_table {
	const char *label;    /* "Table 1" */
	litx_text caption;
	int section;
	size_t n_cols;
	size_t n_head;        /* header rows */
	const litx_text *head;  /* n_head * n_cols, row-major */
	size_t n_rows;        /* data rows (continuation pages joined) */
	const litx_text *cells; /* n_rows * n_cols, row-major */
	const litx_text *foot;  /* notes under the table */
	size_t n_foot;
	uint32_t line;
	size_t offset;
} litx_table;

/* One reference-list entry. Structured fields are filled only where the source
 * tags them (JATS element-citation / tagged mixed-citation); NULL otherwise. */
typedef struct litx_ref {
	const char *label;    /* as printed; the 1-based position where none is printed */
	int label_printed;    /* 0 when the label was derived from the position */
	const char *id;       /* JATS @id, NULL in text */
	litx_text raw;        /* the entry as one line of text */
	const char *authors;  /* tagged: "Surname, G.; Surname, G." */
	const char *title, *journal, *year, *volume, *issue, *pages, *doi;
} litx_ref;

typedef struct litx_meta {
	const char *title, *doi, *journal, *year;
} litx_meta;

typedef enum litx_format { LITX_FORMAT_TEXT = 1, LITX_FORMAT_JATS } litx_format;

typedef struct litx_doc {
	const char *source;   /* path relative to the input root; "b.zip!/a.xml" in archives */
	litx_format format;
	char sha256[65];      /* hex digest of the source bytes */
	char doc_id[17];      /* first 16 hex digits of sha256 */
	litx_meta meta;
	const litx_section *sections; size_t n_sections;
	const litx_block *blocks;     size_t n_blocks;
	const litx_table *tables;     size_t n_tables;
	const litx_ref *refs;         size_t n_refs;
	void *internal;               /* the core's; plugins leave it alone */
} litx_doc;

/* Source line and byte offset of text byte `off` of `t`. */
void litx_text_locate(const litx_text *t, size_t off, uint32_t *line, size_t *src_off);

/* Bounds [*start, *end) of the sentence of `t` that holds byte `off`. Sentence ends
 * are ". ", "? ", "! " not after an abbreviation (et al., Fig., ref., e.g., i.e.,
 * vs., ca.) or a single capital initial, and citation spans stay with the sentence
 * they close. */
void litx_text_sentence(const litx_text *t, size_t off, size_t *start, size_t *end);

/* The citation labels of the spans overlapping [start, end), de-duplicated in order
 * of first appearance, joined with ';' into buf (truncated at cap, always
 * terminated). Returns the number of labels. */
size_t litx_text_refs(const litx_text *t, size_t start, size_t end, char *buf, size_t cap);

/* The innermost span of `kind` covering byte `off`, or NULL. */
const litx_span *litx_text_span_at(const litx_text *t, size_t off, litx_span_kind kind);

#ifdef __cplusplus
}
#endif
#endif
