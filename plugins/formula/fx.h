/* fx.h - the formula plugin's insides: its per-thread state (compiled patterns and
 * reused match data) and the three steps of its walk over a document: finding
 * formula mentions in a text (scan.c), reading what the sentence says about them
 * (context.c: variable ranges, "M = Pt, Pd", ligand definitions) and building the
 * records (record.c). */
#ifndef LITX_FX_H
#define LITX_FX_H
#define PCRE2_CODE_UNIT_WIDTH 8
#include <litx/pattern.h>
#include <litx/plugin.h>

/* Descriptions already made in this document, by the bytes given to the parser
 * (memo.c). */
typedef struct fx_memo {
	struct fx_memo_slot *slot;
	size_t cap, n;      /* slots (a power of two), entries */
	char *keys;         /* the keys' bytes, one after the other */
	size_t klen, kcap;
} fx_memo;

/* The spans of the text being scanned, indexed for the scanner's questions
 * (spans.c). */
typedef struct fx_spans {
	const litx_text *t;
	size_t *maxend;     /* maxend[i]: the largest end among spans 0..i */
	size_t cap;
	int indexed;        /* maxend holds t's spans; else questions walk them */
	int has_sub;        /* t has a subscript span */
} fx_spans;

typedef struct fx_state {
	pcre2_code *cand;   /* a formula-like token */
	pcre2_code *cont;   /* more of it after a space, while a bracket is open */
	pcre2_code *vars;   /* "x = 0–6", "x = 0, 1", "1 ≤ x ≤ 3" */
	pcre2_code *bind;   /* "M = Pt, Pd", "M = (Au, Pd, Pt)", "M = Au/Ag" */
	pcre2_code *defn;   /* "SR = cyclohexanethiolate" */
	pcre2_match_data *md;
	pcre2_match_data *md2; /* for context lookups made while a scan is running */
	pcre2_match_context *mctx;
	fx_memo memo;       /* emptied at the start of every document */
	fx_spans spans;     /* the text fx_scan_text is in */
	/* the "section" string of the last record and the section it was made from
	 * (a pointer into the document: dropped at the start of every document) */
	const char *section_src;
	json_t *section_json;
} fx_state;

/* Where a text sits, for the records made from it. */
typedef struct fx_where {
	const litx_doc *doc;
	const litx_text *t;
	const char *section;  /* number of the section, "" when unnumbered */
	const litx_table *table; /* table cells and captions: the table */
	long row, col;        /* 1-based data row and column of a cell; 0 otherwise */
	const litx_text *row_cells; /* the other cells of the row (n_cols of them) */
	size_t n_cols;
} fx_where;

/* Compile the patterns; 0 or -1 with a message in err. */
int fx_compile(fx_state *st, char *err, size_t cap);

/* Compile the context patterns (context.c). */
int fx_context_compile(fx_state *st, char *err, size_t cap);

/* Find the formulas of w->t and emit one "formulas" record each. -1 on failure
 * (allocation), after litx_sink_fail. */
int fx_scan_text(fx_state *st, const fx_where *w, litx_sink *sink);

/* The candidate pattern's search from off in x[0, len), for the common tokens
 * (ASCII capitals, letters, digits, joiners and brackets): 1 with the match in
 * [off, *end), -1 when no match starts in [off, *end), or 0 when the pattern has
 * to be asked (scan.c). */
int fx_plain_token(const char *x, size_t off, size_t len, size_t *end);

/* Emit "ligand_definitions" records for "ABBR = value" in w->t. */
int fx_definitions(fx_state *st, const fx_where *w, litx_sink *sink);

/* The variable ranges bound for `vars` (letters) in t[start, end): an object
 * letter -> [{"min","max"}...], only the letters found. NULL when none. */
json_t *fx_variables(fx_state *st, const litx_text *t, size_t start, size_t end, const char *vars);

/* The same, stopping at the first statement found (table cells). */
json_t *fx_variables_first(fx_state *st, const litx_text *t, size_t start, size_t end,
			   const char *vars);

/* The elements bound to the placeholder M in t[start, end) ("M = Pt, Pd"), as a
 * JSON array of symbols, or NULL. */
json_t *fx_binding(fx_state *st, const litx_text *t, size_t start, size_t end);
/* Is sym[0..n) (one or two letters) an element's symbol, and a metal's when
 * metal is set? Asked through the document's memo: a text asks of the same few
 * symbols over and over. */
int fx_element_symbol(fx_state *st, const char *sym, size_t n, int metal);

/* 1 when s[0..n) is a formula whose atoms are all known ("C17H14NP"). */
int fx_is_formula(fx_state *st, const char *s, size_t n);

/* What the scanner asks of a description before it makes a record, read once per
 * distinct string (fx_facts_read) rather than looked up in the JSON per mention. */
typedef struct fx_facts {
	unsigned char cluster;   /* "kind" is "cluster" */
	unsigned char molecule;  /* "kind" is "molecule" */
	unsigned char malformed; /* "malformed" is true */
	unsigned char word;      /* a word or a unit, whatever the sentence says */
	unsigned char has_m;     /* the placeholder M is among the metals */
	unsigned char one_metal; /* exactly one entry in "metals" */
	unsigned char has_vars;  /* "variables" is not empty */
	unsigned char n_vars;    /* how many of them are in vars (at most 7) */
	char vars[8];            /* their first letters, in order */
} fx_facts;

/* Fill f from description d (memo.c). */
void fx_facts_read(json_t *d, fx_facts *f);

/* litx_formula_describe(s, n), remembered: a new reference to a description shared
 * with later lookups (release it, never modify it: copy it to make a record), or
 * NULL when the parser refuses s. When it is not NULL and f is, *f gets its facts.
 * Falls back to a plain call when out of memory. */
json_t *fx_memo_describe(fx_memo *m, const char *s, size_t n, fx_facts *f);

/* The record to make of description d, which fx_memo_describe(m, s, n) gave (its
 * reference is taken over): a new object with d's members, which the caller may add
 * members to and replace "variables" in, and nothing else. The first record of a
 * description is the description itself, and the memo makes the later ones from
 * its first members, so a string mentioned once is never copied. NULL when out of
 * memory. */
json_t *fx_memo_record(fx_memo *m, const char *s, size_t n, json_t *d);

/* Forget every description (a new document); the memory is kept for the next. */
void fx_memo_clear(fx_memo *m);

/* Release everything the memo holds. */
void fx_memo_free(fx_memo *m);

/* Point x at t and index its spans; -1 when out of memory, and x still answers
 * (by walking the spans). */
int fx_spans_set(fx_spans *x, const litx_text *t);
void fx_spans_free(fx_spans *x);
/* The index of the first span starting at or after pos (x->t->n_spans when none):
 * a cursor for a walk along the text. */
size_t fx_span_index(const fx_spans *x, size_t pos);
/* What litx_text_span_at(x->t, off, kind) answers. */
const litx_span *fx_span_at(const fx_spans *x, size_t off, litx_span_kind kind);
/* The first span of `kind` (in start order) starting at pos and not empty, or NULL. */
const litx_span *fx_span_starting(const fx_spans *x, size_t pos, litx_span_kind kind);
/* 1 when a subscript span ends at p. */
int fx_sub_ends_at(const fx_spans *x, size_t p);
/* 1 when a subscript or superscript span overlaps [s, e). */
int fx_script_in(const fx_spans *x, size_t s, size_t e);
/* 1 when a span of `kind` overlaps [s, e) (starts before e, ends after s). */
int fx_span_in(const fx_spans *x, size_t s, size_t e, litx_span_kind kind);

/* Compile one pattern (UTF, UCP), JIT it; NULL with err. */
pcre2_code *fx_compile_one(const char *pat, char *err, size_t cap);
#endif
