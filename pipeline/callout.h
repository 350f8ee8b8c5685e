/* callout.h - finding citation callouts in a document's text (the core marks them so
 * every plugin can ask which references a sentence cites).
 *
 * litx_mark_callouts is the entry point the loader calls. The functions after it
 * are the pieces it is made of, exported for the citations plugin (which reports
 * dangling callouts) and for the unit tests; they read only what they are given. */
#ifndef LITX_CALLOUT_H
#define LITX_CALLOUT_H
#include "docb.h"

/* Add LITX_SPAN_CITE spans (labels expanded) for the callouts of every block, table
 * cell and caption of b that the reader did not already mark (JATS xrefs are marked
 * by the JATS reader). Called by litx_doc_load after the reader, before publishing.
 * Returns 0, or -1 on allocation failure.
 *
 * What is marked: numeric superscripts ("148", "88-90", "230–232", "36–39,71"),
 * "ref. 87" / "refs. 12 and 13" / "[3–5]" (textual), author-year callouts that
 * resolve to one entry of a reference list that prints no numbers ("Smith et al.,
 * 2019"; where the list is numbered such a phrase is a mention, the number is the
 * callout), and numbers in a table column headed "Ref." / "Reference(s)". Never: charges, unit
 * exponents, isotopes, footnote symbols, numbers past the last reference label.
 * Two reader-marked callouts joined by a dash ("1–4" written as two xrefs) become
 * one callout citing every reference from the first to the last.
 * A source that tags its callouts (JATS with xrefs) is trusted: untagged numeric
 * superscripts and brackets in it are exponents, footnotes or intervals; only
 * callouts spelled out ("ref. 87") are added. */
int litx_mark_callouts(docb *b);

/* ---- pieces ---- */

/* Parse a list of numbers and ranges ("36–39,71", "88-90", "12 and 13" when
 * `words` allows "and"/"&") into nums (ranges expanded, at most cap). Returns the
 * count, or -1 when the text is not such a list (letters, signs, a trailing dash,
 * a backward or huge range, a number of more than 4 digits). */
long litx_callout_numbers(const char *s, size_t len, int words, long *nums, size_t cap);

typedef enum litx_sup_class {
	LITX_SUP_OTHER = 0,   /* not a callout: charge, exponent, isotope, symbol ... */
	LITX_SUP_CALLOUT,     /* a numeric callout, every label within the list */
	LITX_SUP_DANGLING     /* callout-shaped, but a label past the last reference */
} litx_sup_class;

/* Classify superscript span `sup` (an element of t->spans) given `last`, the largest
 * numeric reference label (0 when the list has none). The labels it names are
 * written to nums (at most cap) and counted in *n. */
litx_sup_class litx_callout_sup(const litx_text *t, const litx_span *sup, long last, long *nums,
				size_t cap, size_t *n);

/* The numeric value of a reference label as printed ("12", "[12]", "12.", "(12)"),
 * 0 when it is not a number. */
long litx_callout_label_value(const char *label);

/* Call fn for every dangling superscript callout of a loaded document, in document
 * order (blocks, then table captions, heads, cells, notes), with the text and the
 * superscript span. Superscripts inside callouts are skipped. A JATS document with
 * any citation span is taken as tagging its callouts and reports none (after
 * marking, one cannot tell the reader's spans from the core's). Returns the count. */
typedef void (*litx_dangling_fn)(const litx_text *t, const litx_span *sup, void *arg);
size_t litx_callouts_dangling(const litx_doc *doc, litx_dangling_fn fn, void *arg);

/* ---- author-year index (callout_ay.c), used by the marker ---- */

/* One reference as an author-year callout names it. */
typedef struct litx_ay_entry {
	const char *sur;     /* first author's surname (in the index's buffer) */
	size_t sur_len;
	const char *sur2;    /* second author's surname, NULL with one author */
	size_t sur2_len;
	size_t n_auth;       /* authors; 3 when the list ends with "et al." */
	int year;
	char suffix;         /* 'a' of "2019a", 0 when none */
	size_t ref;          /* index in the reference list */
} litx_ay_entry;

typedef struct litx_ay_index {
	litx_ay_entry *v;
	size_t n;
	char *buf;
} litx_ay_index;

/* Index refs by first author and year: tagged fields when the reader gave them,
 * else what litx_refparse reads in the raw entry. 0, or -1 on allocation failure. */
int litx_ay_build(litx_ay_index *ix, const litx_ref *refs, size_t n_refs);
void litx_ay_free(litx_ay_index *ix);

/* The reference an author-year callout names: surname (and the second author's
 * with "and", or et_al), year and suffix letter (0 when none). The index of the
 * one reference that fits, or -1 when none or several do. */
long litx_ay_resolve(const litx_ay_index *ix, const char *sur, size_t sur_len, const char *sur2,
		     size_t sur2_len, int et_al, int year, char suffix);

/* ---- textual callout patterns (callout_text.c) ---- */

typedef enum litx_tc_kind {
	LITX_TC_REF = 1,      /* "ref. 87", "refs. 12 and 13", "references 3-5" */
	LITX_TC_BRACKET,      /* "[12]", "[3–5]", "[1,2]" */
	LITX_TC_AUTHOR_YEAR   /* "Smith et al., 2019", "Smith and Jones (2020a)" */
} litx_tc_kind;

typedef struct litx_tc_match {
	litx_tc_kind kind;
	size_t start, end;       /* the callout as written */
	size_t list_s, list_e;   /* REF, BRACKET: the list of numbers */
	size_t s1, e1, s2, e2;   /* AUTHOR_YEAR: surnames (s2 == e2 when none) */
	int et_al, year;
	char suffix;
} litx_tc_match;

/* Match state for one document (or thread); NULL when out of memory. */
typedef struct litx_tc_scan litx_tc_scan;
litx_tc_scan *litx_tc_scan_new(void);
void litx_tc_scan_free(litx_tc_scan *sc);

/* The next "ref." or bracket candidate in s[*pos, len), found by one precompiled
 * JIT pattern; *pos moves past it. Returns 1 with *m filled, 0 at the end, -1 when
 * the pattern could not run (its match limit hit on a pathological text). */
int litx_tc_next(litx_tc_scan *sc, const char *s, size_t len, size_t *pos, litx_tc_match *m);

/* The next author-year candidate in s[*pos, len): a year 1600-2099 (with a suffix
 * letter) read backward to "Surname", "Surname et al." or "Surname and Surname",
 * with an optional comma and parenthesis between ("Smith et al., 2019",
 * "Lee (2020)"). *pos moves past it. Returns 1 with *m filled, 0 at the end. */
int litx_ay_next(const char *s, size_t len, size_t *pos, litx_tc_match *m);
/* Does any block, table caption or cell (and, with `heads`, header cell) carry a
 * citation span? */
int litx_callouts_any(const litx_block *blocks, size_t n_blocks, const litx_table *tables,
		      size_t n_tables, int heads);
#endif
