/* mx.h - what the files of the metrics plugin share: the per-thread state (compiled
 * patterns, reusable scratch arrays) and the draft of one metric record as the
 * sentence analysis fills it in. Nothing here is exported from the plugin; only
 * the descriptor is (see local.mk). */
#ifndef MX_H
#define MX_H
#define PCRE2_CODE_UNIT_WIDTH 8
#include <litx/pattern.h>
#include <litx/plugin.h>
#include "quantity.h"

/* What a keyword says about the numbers near it. */
typedef enum mx_kw_kind {
	MX_KW_METRIC = 0,  /* names a metric */
	MX_KW_COND,        /* names a test condition ("applied current density"): not a metric */
} mx_kw_kind;

typedef struct mx_rule {
	const char *metric;   /* record's "metric" */
	const char *pattern;  /* PCRE2, no capturing groups */
	unsigned classes;     /* bit (1u << mx_class) of the values it takes */
	unsigned near;        /* classes it takes only when written right next to it */
	mx_kw_kind kind;
} mx_rule;

#define MX_BIT(c) (1u << (c))

extern const mx_rule mx_rules[];
extern const size_t mx_n_rules;

/* One keyword found in a text. */
typedef struct mx_hit {
	int rule;             /* index into mx_rules, or into the reaction table */
	size_t start, end;
} mx_hit;

/* A catalyst candidate: a formula-like token in the text. */
typedef struct mx_cand {
	size_t start, end;    /* as written */
	int strong;           /* numbered, multi-metal or composite ("Pt/C") */
	int in_paren;         /* paren depth at its start */
	size_t paren_close;   /* where its enclosing parenthesis closes (or text end) */
	int comparison;       /* after "than", "compared to" ... in its clause; -1 not yet known */
} mx_cand;

/* A growable array of T reused across documents (no allocation per match). */
#define MX_VEC(T) struct { T *v; size_t n, cap; }
typedef struct mx_hits { mx_hit *v; size_t n, cap; } mx_hits;

typedef struct mx_draft {
	const char *metric;
	int hit;               /* index of its keyword in st->hits, -1 when implied by its unit */
	mx_class cls;
	double value, vmin, vmax;  /* in the class's canonical unit */
	int range;
	mx_qual qual;
	size_t vstart, vend;   /* the number as written, in the text the record is located in */
	const char *uw;        /* the unit as written (in that text or a table header) */
	size_t uwn;
	const char *bw;        /* the basis ("Pt+Au"), NULL when none */
	size_t bwn;
	const char *canon;     /* class canonical unit, NULL: keep the written one */
	const char *scale;     /* of the value itself (onset potential vs. RHE) */
	double at_cd, at_pot, at_eta;
	int has_cd, has_pot, has_eta;
	const char *at_pot_scale;
	char product[32];
	char catalyst[160];
	char compared_to[160];
	const char *reaction;
	int qi, vi;            /* quantity index and value index in it */
} mx_draft;

typedef struct mx_qty {
	mx_quantity q;
	int cond;              /* a condition (at ..., to reach ...) */
	int cond_eta;          /* "at η = 650 mV" */
	int reference;         /* "relative to -0.82 V": neither a value nor a condition */
} mx_qty;

/* Where a keyword can start: the lowercased beginnings of its first word. Only
 * word starts that begin with one of these are tried with the (anchored) pattern,
 * which keeps a scan at memory speed instead of running a 25-way alternation at
 * every byte. The heads must cover every pattern's possible starts; the tests
 * compare the filtered scan with a full one. */
#define MX_MAX_HEADS 128
typedef struct mx_heads {
	const char *v[MX_MAX_HEADS]; /* sorted by first byte */
	size_t n;
	unsigned short at[257]; /* v[at[b] .. at[b+1]) begin with byte b */
	/* per byte: MX_WORD a word byte (ASCII letter or digit, or any byte >= 0x80),
	 * MX_FIRST a word may start with it and have a head */
	unsigned char byte[256];
	/* bit (b1 & 7) of pair[b0][b1 >> 3]: some head begins with the (lowercased)
	 * bytes b0 b1 ("x$" heads: b1 any byte but an ASCII letter; "x": any b1) */
	unsigned char pair[256][32];
	/* the same for pairs that begin a head of fewer than three plain bytes ("fe",
	 * "e1", "x$", "xy$"): only there is a word tried without its third byte */
	unsigned char pair_short[256][32];
	/* bit tri_hash(b0, b1, b2) of tri: some head begins with these three bytes
	 * (a hash: a set bit may be another triple's, so head_at still decides) */
	unsigned char tri[1024];
} mx_heads;
#define MX_WORD 1
#define MX_FIRST 2

/* Sort heads (at most MX_MAX_HEADS) into h. */
void mx_heads_init(mx_heads *h, const char *const *v, size_t n);

typedef struct mx_state {
	/* All metric keywords, one capturing group per rule, anchored (JIT takes
	 * anchoring only at compile): tried at the word starts the heads allow. The
	 * unanchored twin, run at every byte, serves only the tests' full scans
	 * (full_scan): it is compiled from kw_pat on first use, not in every thread. */
	pcre2_code *kw_a;
	pcre2_code *kw;
	char *kw_pat;
	pcre2_code *rx_a;      /* reactions, one group per reaction; the same scheme */
	pcre2_code *rx;
	char *rx_pat;
	pcre2_code *cmp;       /* a comparative after "N times" */
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	mx_heads kw_heads, rx_heads;
	/* the reactions named in the headings and the title read last: every value of a
	 * section asks for the same two strings (see reaction.c); valid for one document */
	struct mx_rx_memo { const char *str; unsigned mask; int first; } rx_memo[4];
	size_t n_rx_memo;
	int full_scan;         /* tests: run the patterns at every byte, no prefilter */
	mx_hits hits;
	mx_hits rhits;
	mx_hits thits;         /* the reactions of a heading or title (reaction.c) */
	MX_VEC(mx_cand) cands;
	MX_VEC(mx_qty) qtys;
	MX_VEC(mx_draft) drafts;
} mx_state;

/* Grow a vector to hold one more; -1 on allocation failure. */
int mx_vec_grow(void **v, size_t *cap, size_t n, size_t elem);
#define MX_PUSH(vec, out) \
	(mx_vec_grow((void **)&(vec).v, &(vec).cap, (vec).n, sizeof *(vec).v) ? NULL \
	 : ((out) = &(vec).v[(vec).n++]))

/* metric_rules.c */
/* Compile the keyword pattern (anchored) and keep its source in st->kw_pat. */
int mx_rules_compile(mx_state *st, char *err, size_t cap);
int mx_scan_keywords(mx_state *st, const char *s, size_t len);
/* Compile one pattern with the plugin's options (UTF, JIT); NULL and err on failure. */
pcre2_code *mx_compile(const char *pattern, uint32_t extra, char *err, size_t cap);
/* Run `re` on s from `off`; returns 1 and the match bounds, 0 on no match. An
 * anchored match needs a pattern compiled with PCRE2_ANCHORED. */
int mx_match(mx_state *st, pcre2_code *re, const char *s, size_t len, size_t off,
	     size_t *ms, size_t *me);
/* After a match of an alternation of n_groups groups: the group that matched. */
int mx_matched_group(mx_state *st, size_t n_groups);
/* A pattern of n_groups alternatives: anchored, tried at word starts that begin
 * with a head; its unanchored twin *full compiled from pat when first asked for. */
typedef struct mx_groups {
	pcre2_code *anchored;
	pcre2_code **full;
	const char *pat;
	const mx_heads *heads;
	size_t n_groups;
} mx_groups;
/* Scan s with g into hits (emptied first). */
int mx_scan_groups(mx_state *st, const mx_groups *g, const char *s, size_t len, mx_hits *hits);
/* The same for two sets in one walk over s: h1 gets what g1 finds, h2 what g2
 * finds (g2 NULL: g1 alone; the walk at word starts is mx_scan_groups'). */
int mx_scan_groups2(mx_state *st, const mx_groups *g1, mx_hits *h1, const mx_groups *g2,
		    mx_hits *h2, const char *s, size_t len);

/* reaction.c */
int mx_reactions_compile(mx_state *st, char *err, size_t cap);
int mx_scan_reactions(mx_state *st, const char *s, size_t len);
/* mx_scan_keywords and mx_scan_reactions of the same text, in one walk. */
int mx_scan_keywords_reactions(mx_state *st, const char *s, size_t len);
/* Forget what was remembered of the last document's headings and title. */
void mx_reactions_reset(mx_state *st);
const char *mx_reaction_name(int rule);
/* Where a value is, for the choice of its reaction. */
typedef struct mx_rx_where {
	size_t ss, se, pos;          /* its sentence and the value's start */
	const char *metric;
	const char *product;         /* "" or NULL: none */
	unsigned sentence_products;  /* mx_sentence_products of the sentence's drafts */
	const char *section_title, *doc_title;  /* may be NULL */
} mx_rx_where;
/* The reaction of a value: named in its sentence (before it, else after), else
 * earlier in the block, the section title, the document title; a product the
 * context cannot make overrides it (see reaction.c). NULL when none. */
const char *mx_reaction_for(mx_state *st, const litx_text *t, const mx_rx_where *w);
/* The reactions a product can come from, as a bit mask over the reaction table
 * (0: any or unknown). */
unsigned mx_product_reactions(const char *product);
/* What the products of drafts d[0, n) other than H2 say of the sentence's
 * reaction ("FE_CO of 45% and FE_H2 of 52%": CO2RR for both). */
unsigned mx_sentence_products(const mx_draft *d, size_t n);

/* names.c */
/* The candidates of t->s[0, limit). */
int mx_scan_candidates(mx_state *st, const litx_text *t, size_t limit);
/* Is candidate k a comparison target ("than Au25")? Worked out on first use. */
int mx_cand_comparison(mx_state *st, const char *s, size_t k);
/* Does s[from, to) hold a comparison cue ("than", "compared to" ...)? */
int mx_comparison_before(const char *s, size_t from, size_t to);
/* The start of the clause around pos: after the last ',', ';', '(' or '. '. */
size_t mx_clause_start(const char *s, size_t floor, size_t pos);

/* Where the clause that holds pos opens within [ss, pos): after the last "; ",
 * ", while ", ", whereas ", ", but ", ", and " ...; ss when none. */
size_t mx_clause_open(const char *s, size_t ss, size_t pos);

/* catalyst.c */
void mx_catalyst_for(mx_state *st, const litx_text *t, size_t ss, size_t se, mx_draft *d,
		     const mx_qty *q, const char *carry);
void mx_compared_to(mx_state *st, const litx_text *t, size_t se, mx_draft *d, const mx_qty *q);
/* The last strong candidate of [ss, se) that is not a comparison, into buf. */
int mx_last_subject(mx_state *st, const litx_text *t, size_t ss, size_t se, char *buf,
		    size_t cap);
/* Copy text[start,end) into buf with PDF debris fixed ("Au– Fe1" -> "Au–Fe1"). */
void mx_copy_name(const char *s, size_t start, size_t end, char *buf, size_t cap);

/* product.c */
/* The product of a FE, partial current density, production rate: from the symbol's
 * subscript, the words around the keyword kw (may be NULL), or what follows the
 * value at `after` (0: nothing). */
void mx_product_for(const litx_text *t, size_t ss, size_t se, const mx_hit *kw, size_t after,
		    mx_draft *d);

/* role.c: what the words before and after a number make of it */
typedef struct mx_lead {
	long adj;        /* keyword written right next to the value, or -1 */
	int cond;        /* a condition: "at 10 mA cm-2" */
	int cond_eta;    /* "at η = 650 mV" */
	int reference;   /* "relative to -0.82 V", "shifted by 12 mV" */
} mx_lead;
void mx_analyse_lead(const mx_state *st, const litx_text *t, size_t ss, mx_qty *q, mx_lead *L);
/* The keyword hit (>= 0) a value belongs to, -2 with *implied for a metric its
 * unit implies, -1 for none. */
long mx_pick_metric(mx_state *st, const litx_text *t, size_t ss, size_t se, const mx_qty *q,
		    const mx_lead *L, const char **implied);
/* "4 mA/cm2 was applied" after the value at `end`. */
int mx_applied_after(const char *s, size_t se, size_t end);
/* "30 mV more positive than ..." after the value at `end`: a difference. */
int mx_difference_after(const char *s, size_t se, size_t end);
/* "increased from X to Y" before pos. */
int mx_changed_from(const char *s, size_t ss, size_t pos);
/* "η10": the current density in the subscript of a keyword hit. */
int mx_eta_subscript(const litx_text *t, const mx_hit *h, double *cd);
/* "Fig. 6d", "Table 2", "ref. 87": a number that labels something. */
int mx_label_number(const char *s, size_t pos);

/* text_metrics.c */
int mx_text_metrics(mx_state *st, const litx_doc *doc, const litx_text *t, int section,
		    litx_sink *sink);

/* table_metrics.c */
int mx_table_metrics(mx_state *st, const litx_doc *doc, const litx_table *tb, litx_sink *sink);

/* record.c: convert to the metric's unit and emit. -1 when the sink refused it. */
int mx_emit_draft(const litx_doc *doc, const litx_text *t, int section, const mx_draft *d,
		  litx_sink *sink);
#endif
