/* check_int.h - what the checker's files share.
 *
 * The checker is split by job: check.c runs the passes over one document and
 * builds finding records; check_count.c does the arithmetic of printed numbers
 * ("16, 17", "0–8", counts such as "25-x"); check_table.c reads an appendix table
 * (which column holds what, and each row's formulas, dopants, doping number,
 * series size and references) and check_formula.c one formula; check_rows.c
 * checks each row on its own and check_cross.c rows against each other;
 * check_refs.c the reference list and the table's references against the body
 * text; check_text.c runs the text checks (check_ratio.c, check_electrons.c,
 * check_values.c, check_spelling.c); check_report.c prints findings. Nothing here
 * is part of the public API.
 */
#ifndef LITX_CHECK_INT_H
#define LITX_CHECK_INT_H
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include <litx/doc.h>

/* ---- a growing string -------------------------------------------------- */
typedef struct chk_buf {
	char *s;
	size_t len, cap;
	int oom;
} chk_buf;

void chk_buf_printf(chk_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void chk_buf_putn(chk_buf *b, const char *s, size_t n);
const char *chk_buf_str(const chk_buf *b); /* "" when empty */
void chk_buf_free(chk_buf *b);

/* ---- numbers as printed ------------------------------------------------ */
#define CHK_SET_MAX 16
/* A union of closed intervals; a single value v is [v, v]. */
typedef struct chk_set {
	double lo[CHK_SET_MAX], hi[CHK_SET_MAX];
	int n;
} chk_set;

/* A count c + k*var, as in "25-x" (c 25, k -1, var 'x'); var 0 when constant. */
typedef struct chk_lin {
	double c, k;
	char var;
} chk_lin;

/* Parse "6", "16, 17", "1 and 2", "0–8", "24-28", "4 to 8" into s. Returns the
 * number of values or ranges read (0 when the text holds none). Stops at the
 * first text that is not part of a number list. */
int chk_set_parse(const char *s, size_t n, chk_set *out);
void chk_set_add(chk_set *s, double lo, double hi);
int chk_set_meets(const chk_set *a, const chk_set *b);
void chk_set_format(const chk_set *s, char *buf, size_t cap);
/* snprintf(buf, cap, "%.0f", v) without the cost of printf for whole numbers
 * (the checker formats every count of every formula); returns the length the
 * number needs. */
size_t chk_fmt_whole(double v, char *buf, size_t cap);

/* Parse a count as the formula parser gives it: a JSON integer or real, or a
 * string "25-x", "x", "12+x", "2x", "17–x". Returns 0 when it cannot. */
int chk_lin_from_json(const json_t *v, chk_lin *out);
int chk_lin_parse(const char *s, size_t n, chk_lin *out);
/* a + b; 0 when they use different variables. */
int chk_lin_add(chk_lin *a, const chk_lin *b);
/* The values a count takes: constant, or mapped through the variable's values
 * (var_vals NULL or empty: unknown). Returns 0 when unknown. */
int chk_lin_values(const chk_lin *l, const chk_set *var_vals, chk_set *out);
void chk_lin_format(const chk_lin *l, char *buf, size_t cap);

/* ---- chemistry --------------------------------------------------------- */
/* 1 when s[0..n) is an element symbol; 2 when it is a metal. 0 otherwise. */
int chk_element(const char *s, size_t n);
/* Is w a whole word at s[i] (no letter either side)? */
int chk_word_at(const char *s, size_t n, size_t i, const char *w);
/* The offset of the next w in s[i..n), or n; of the next ASCII digit. s must be
 * NUL-terminated at or after n, as a litx_text is: the library's SIMD string
 * scans find the few places worth a look in a long text at a fraction of the
 * cost of a byte loop. */
size_t chk_find(const char *s, size_t n, size_t i, const char *w);
size_t chk_next_digit(const char *s, size_t n, size_t i);
/* Length of a dash at s ("-", en dash, minus sign, hyphen), 0 when none. */
size_t chk_dash(const char *s, size_t n);

/* One formula as the row prints it, with its metal core. */
#define CHK_MAX_EL 12
typedef struct chk_formula {
	char text[160];          /* as printed (flattened), for evidence */
	int n_el;
	char el[CHK_MAX_EL][4];  /* metal symbols, "M" for a placeholder */
	chk_lin cnt[CHK_MAX_EL];
	unsigned char known[CHK_MAX_EL]; /* the count was given and parsed */
	chk_set var;             /* values of its variable, when the row gives them */
	int counts_known;        /* every count parsed */
	int n_lig;
	char lig[6][24];         /* ligand names as the parser gives them */
	int malformed;           /* a bracket never closes, or closes nothing */
	char bracket_note[96];   /* what is wrong with the brackets */
} chk_formula;

/* The count of element el in f (placeholder M stands for any dopant when el is
 * not there and use_m is set): 1 with *out, 2 when present with an unknown count,
 * 0 when f lacks it. */
int chk_formula_count(const chk_formula *f, const char *el, int use_m, chk_lin *out);
/* The metal-atom count of f; 0 when unknown. */
int chk_formula_size(const chk_formula *f, chk_set *out);
/* "Au:2;Cu:6" */
void chk_formula_metals(const chk_formula *f, char *buf, size_t cap);
/* Describe text as a formula (litx_formula_describe) and fill f. Returns 0 when it
 * is not a formula with a metal. */
int chk_formula_read(const char *s, size_t n, chk_formula *f);
/* Fill f from a formula record or description ("metals", "malformed", "text"). */
int chk_formula_from_json(const json_t *rec, chk_formula *f);
/* Do two formulas name the same metal core (same elements, and the same counts
 * where both are plain numbers; a placeholder M matches any element)? */
int chk_formula_match(const chk_formula *a, const chk_formula *b);
/* The same metal core with the same plain-number counts? */
int chk_formula_same(const chk_formula *a, const chk_formula *b);
/* Does f tell more than an alloy name: some count above 1 or a variable? */
int chk_formula_informative(const chk_formula *f);
/* Bracket balance of s: 0 when balanced, else 1 with a note. */
int chk_brackets(const char *s, size_t n, char *note, size_t cap);

/* ---- appendix tables --------------------------------------------------- */
enum { CHK_FORMULA, CHK_SERIES, CHK_DTYPE, CHK_DNUM, CHK_REF, CHK_NROLES };

#define CHK_MAX_F 4
#define CHK_MAX_DOP 8
#define CHK_MAX_REFS 12

/* The parts of a row the checks compare, kept apart so a check can try one
 * row's formula against another row's doping columns. */
typedef struct chk_fpart {
	chk_formula f[CHK_MAX_F];
	int n;
	int has_text;             /* the cell is not empty */
} chk_fpart;

typedef struct chk_dpart {
	char el[CHK_MAX_DOP][4];
	int n;
} chk_dpart;

typedef struct chk_npart {
	chk_set v;
	int has;
	char text[48];
} chk_npart;

typedef struct chk_spart {
	chk_set size;
	int has;                  /* the name gives a size */
	int n_parts;              /* the name spells a composition ("Au13Cux", "M1Au24") */
	char el[6][4];
	chk_lin cnt[6];
	char text[80];
} chk_spart;

/* Does formula f agree with the composition a series name spells: each named
 * element present, with the named count where both are numbers? 1 yes, 0 no. */
int chk_series_parts_agree(const chk_formula *f, const chk_spart *S);

typedef struct chk_row {
	size_t row;               /* 1-based data row */
	uint32_t line;
	int skip;                 /* a repeated header row */
	chk_fpart F;
	chk_dpart D;
	chk_npart N;
	chk_spart S;
	int refs[CHK_MAX_REFS];
	int n_refs;
	char ref_text[48];
	unsigned bad;             /* CHK_BAD_* of the row as printed */
} chk_row;

enum { CHK_BAD_DOPANT = 1, CHK_BAD_NUMBER = 2, CHK_BAD_SERIES = 4 };

typedef struct chk_table {
	const litx_table *t;
	int col[CHK_NROLES];      /* -1 when absent */
	chk_row *rows;
	size_t n_rows;
} chk_table;

/* Find the role columns from the header; fill rows. Returns 1 when the table is an
 * appendix-style table (a formula column and one more role), 0 when not, -1 on
 * allocation failure. */
int chk_table_read(const litx_table *t, chk_table *out);
void chk_table_free(chk_table *ct);

/* The inconsistencies (CHK_BAD_*) of formula F against doping columns D, N and
 * series S. */
unsigned chk_eval(const chk_fpart *F, const chk_dpart *D, const chk_npart *N, const chk_spart *S);

/* ---- the formula records, read once per document ------------------------ */
typedef struct chk_mention {
	chk_formula f;
	const json_t *rec;
	const json_t *refs;       /* the record's "refs" */
	uint32_t line;
	int in_table;             /* a table cell's formula */
	int n_labels;             /* citation labels of its sentence */
	json_int_t electrons;     /* superatom count, -1 when the record cannot give one */
	int charged;              /* its charge is printed */
} chk_mention;

/* ---- findings ---------------------------------------------------------- */
typedef struct chk_ctx {
	const litx_doc *doc;
	const json_t *records;
	json_t *findings;
	int oom;
	chk_mention *mentions;    /* the "formulas" records with a metal, see chk_mentions */
	size_t n_mentions;
	int mentions_read;
} chk_ctx;

/* The document's formula records as chk_mentions, read on first use and kept
 * until litx_check_doc returns. NULL (with *n 0) when there are none; sets
 * c->oom on allocation failure. */
const chk_mention *chk_mentions(chk_ctx *c, size_t *n);
/* Set m->electrons (-1 when the record cannot give a superatom count: no ligand
 * shell, a negative count) and m->charged from a formula record or description. */
void chk_mention_electrons(const json_t *rec, chk_mention *m);

typedef struct chk_finding {
	const char *kind, *severity;
	const char *table;        /* table label or NULL */
	size_t row;               /* 0: none */
	const char *label;        /* reference label or NULL */
	uint32_t line;
	const char *evidence, *expected, *found;
	const char *snippet;      /* the sentence or row the finding cites */
	const int *cols;          /* flagged columns (0-based), n_cols of them */
	size_t n_cols;
} chk_finding;

void chk_emit(chk_ctx *c, const chk_finding *f);

/* The printed row of a table, cells joined with " | ", into b. */
void chk_row_text(const litx_table *t, size_t r, chk_buf *b);
/* Cell text (r is 0-based). */
const litx_text *chk_cell(const litx_table *t, size_t r, int col);

/* The passes. */
void chk_rows(chk_ctx *c, const chk_table *ct);
void chk_cross(chk_ctx *c, const chk_table *ct);
void chk_refs_table(chk_ctx *c, const chk_table *ct);
void chk_refs_list(chk_ctx *c, const chk_table *tabs, size_t n_tabs);
void chk_text(chk_ctx *c);
void chk_ratios(chk_ctx *c, const litx_text *t);
void chk_electrons(chk_ctx *c, const litx_text *t, const chk_mention *src, size_t n_src);
void chk_values(chk_ctx *c);
void chk_spellings(chk_ctx *c);

/* Reference labels of a record field: an array of strings or numbers, or a
 * string "1;2;3". Calls fn for each; returns how many there were. */
int chk_labels(const json_t *v, void (*fn)(const char *label, void *arg), void *arg);
/* The same for a string "1;2;3" (a citation span's labels); none when it is not
 * valid UTF-8. */
int chk_labels_str(const char *s, void (*fn)(const char *label, void *arg), void *arg);
/* Is a record about a table cell (the formula plugin marks table formulas)? */
int chk_rec_in_table(const json_t *rec);
/* Role column of a table found from its header, or -1. */
int chk_role_column(const litx_table *t, int role);
/* Reference labels of a cell ("230–232" gives three); returns how many. */
int chk_cell_refs(const litx_text *cell, int *out, int max);

/* Records of one table from `records` ("formulas"...), or NULL. */
const json_t *chk_records(const chk_ctx *c, const char *table);
/* A record field as a string ("" when absent or not a string or number). */
const char *chk_str(const json_t *rec, const char *key, char *tmp, size_t cap);
#endif
