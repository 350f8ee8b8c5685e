/* check_table.c - reads an appendix-style table: which column holds the formula,
 * the doping type, the doping number, the series name and the reference, and what
 * each row says in those columns.
 *
 * Columns are found from the header text alone (all header rows of a column read
 * together, so "Structural characteristic / Doping type" is a doping-type column),
 * because the header is what the author wrote to say what a column holds. A cell
 * is read the way a curator reads it: a formula cell may hold several formulas
 * and definitions ("Au4Pd2(SR)8, SR = SC2H4Ph", "AuxAg17-x..., x = 0, 1"), a
 * variable's values are taken from the definition nearest after the formula that
 * uses it, and a series name gives a size ("(M-Au)9" is 9, "M1Au3" is 4).
 */
#include "check_int.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const litx_text *chk_cell(const litx_table *t, size_t r, int col)
{
	if (col < 0 || (size_t)col >= t->n_cols || r >= t->n_rows)
		return NULL;
	return &t->cells[r * t->n_cols + (size_t)col];
}

/* ---- header roles ------------------------------------------------------ */

static int has(const char *h, const char *w)
{
	return strstr(h, w) != NULL;
}

/* "ref" as the start of a word: "Reference", "Ref.", not "preferred". */
static int has_ref_word(const char *h)
{
	for (const char *p = h; (p = strstr(p, "ref")); p++)
		if (p == h || !isalpha((unsigned char)p[-1]))
			return 1;
	return 0;
}

static int role_of(const char *h)
{
	int dop = has(h, "dop") || has(h, "heteroatom") || has(h, "foreign");
	if (has_ref_word(h) && !dop && !has(h, "formula"))
		return CHK_REF;
	if (dop && (has(h, "number") || has(h, "amount") || has(h, "count") || has(h, "no.") ||
		    has(h, "num")))
		return CHK_DNUM;
	if (dop && (has(h, "type") || has(h, "element") || has(h, "atom") || has(h, "metal") ||
		    has(h, "species") || has(h, "dopant")) &&
	    !has(h, "position") && !has(h, "site") && !has(h, "location"))
		return CHK_DTYPE;
	if (has(h, "formula") || has(h, "composition"))
		return CHK_FORMULA;
	if (has(h, "series") || has(h, "name") || has(h, "family"))
		return CHK_SERIES;
	return -1;
}

/* The header text of column c, all header rows joined, lower-cased (ASCII). */
static void head_text(const litx_table *t, size_t c, char *buf, size_t cap)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t r = 0; r < t->n_head; r++) {
		const litx_text *h = &t->head[r * t->n_cols + c];
		if (!h->s || !h->len)
			continue;
		/* a spanning cell repeats over rows; keep it once */
		if (used >= h->len && memmem(buf, used, h->s, h->len))
			continue;
		for (size_t i = 0; i < h->len && used + 2 < cap; i++)
			buf[used++] = (char)tolower((unsigned char)h->s[i]);
		if (used + 1 < cap)
			buf[used++] = ' ';
		buf[used] = '\0';
	}
}

/* ---- cells ------------------------------------------------------------- */

static int space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static void trim(const char **s, size_t *n)
{
	while (*n && (space(**s) || **s == ',' || **s == ';'))
		(*s)++, (*n)--;
	while (*n && (space((*s)[*n - 1]) || (*s)[*n - 1] == ',' || (*s)[*n - 1] == ';'))
		(*n)--;
}

/* A variable defined in a cell: "x = 0, 1", "(x = 4–8)". */
typedef struct var_def {
	char var;
	size_t pos;
	chk_set vals;
} var_def;

static int find_defs(const char *s, size_t n, var_def *defs, int max)
{
	int nd = 0;
	for (size_t i = 0; i < n && nd < max; i++) {
		if (!(s[i] >= 'a' && s[i] <= 'z'))
			continue;
		if (i > 0 && isalnum((unsigned char)s[i - 1]))
			continue;
		if (i + 1 < n && isalnum((unsigned char)s[i + 1]))
			continue;
		size_t j = i + 1;
		while (j < n && space(s[j]))
			j++;
		if (j >= n || s[j] != '=')
			continue;
		j++;
		chk_set v;
		if (chk_set_parse(s + j, n - j, &v)) {
			defs[nd].var = s[i];
			defs[nd].pos = i;
			defs[nd].vals = v;
			nd++;
		}
	}
	return nd;
}

/* Cut a segment at a definition: "Au12Ag32(SR)30 SR = SPhF" -> "Au12Ag32(SR)30".
 * Returns the new length (0 when the whole segment is a definition). */
static size_t cut_definition(const char *s, size_t n)
{
	int depth = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '(' || s[i] == '[' || s[i] == '{')
			depth++;
		else if ((s[i] == ')' || s[i] == ']' || s[i] == '}') && depth > 0)
			depth--;
		else if (s[i] == '=' && depth == 0) {
			size_t k = i;
			while (k > 0 && space(s[k - 1]))
				k--;
			while (k > 0 && !space(s[k - 1]))
				k--;
			return k;
		}
	}
	return n;
}

/* Drop trailing parenthesised definitions "(x = 1, 2)", "(X = Cl or Br)". */
static size_t cut_trailing_defs(const char *s, size_t n)
{
	for (;;) {
		while (n && space(s[n - 1]))
			n--;
		if (!n || s[n - 1] != ')')
			return n;
		int depth = 0;
		size_t open = n;
		for (size_t i = n; i-- > 0;) {
			if (s[i] == ')')
				depth++;
			else if (s[i] == '(' && --depth == 0) {
				open = i;
				break;
			}
		}
		if (open == n || !memchr(s + open, '=', n - open))
			return n;
		n = open;
	}
}

/* Does the text look like a formula worth a parse: an element symbol followed by
 * a count, or a bracket? Keeps words such as "Cl" or "CH3" in definitions out. */
static int formula_like(const char *s, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		if (!(s[i] >= 'A' && s[i] <= 'Z'))
			continue;
		size_t l = (i + 1 < n && s[i + 1] >= 'a' && s[i + 1] <= 'z') ? 2 : 1;
		if (chk_element(s + i, l) == 2 || (l == 1 && s[i] == 'M'))
			if (i + l < n && (isdigit((unsigned char)s[i + l]) || (s[i + l] >= 'x' && s[i + l] <= 'z')))
				return 1;
	}
	return 0;
}

static int formula_var(const chk_formula *f)
{
	for (int i = 0; i < f->n_el; i++)
		if (f->known[i] && f->cnt[i].var)
			return f->cnt[i].var;
	return 0;
}

static void read_formulas(const litx_text *cell, chk_fpart *F)
{
	memset(F, 0, sizeof *F);
	if (!cell || !cell->s)
		return;
	const char *s = cell->s;
	size_t n = cell->len;
	F->has_text = n > 0;
	var_def defs[8];
	int nd = find_defs(s, n, defs, 8);
	size_t starts[CHK_MAX_F];
	int depth = 0;
	size_t seg = 0;
	for (size_t i = 0; i <= n; i++) {
		char c = i < n ? s[i] : ',';
		if (c == '(' || c == '[' || c == '{')
			depth++;
		else if ((c == ')' || c == ']' || c == '}') && depth > 0)
			depth--;
		/* the end of the cell closes a segment even when a bracket never closed */
		if (i < n && !(depth == 0 && (c == ',' || c == ';') && (i + 1 == n || space(s[i + 1]))))
			continue;
		const char *p = s + seg;
		size_t len = i - seg;
		size_t at = seg;
		seg = i + 1;
		trim(&p, &len);
		if (!len)
			continue;
		len = cut_trailing_defs(p, cut_definition(p, len));
		trim(&p, &len);
		/* list items of a definition ("R = H, Cl, CH3") are not formulas */
		if (len && formula_like(p, len) && F->n < CHK_MAX_F) {
			chk_formula *f = &F->f[F->n];
			if (chk_formula_read(p, len, f)) {
				starts[F->n] = at;
				F->n++;
			}
		}
	}
	/* give each formula the values of its variable */
	for (int k = 0; k < F->n; k++) {
		int v = formula_var(&F->f[k]);
		if (!v)
			continue;
		size_t lo = starts[k], hi = n;
		for (int m = k + 1; m < F->n; m++)
			if (formula_var(&F->f[m]) == v) {
				hi = starts[m];
				break;
			}
		const var_def *best = NULL;
		for (int d = 0; d < nd && !best; d++)
			if (defs[d].var == v && defs[d].pos >= lo && defs[d].pos < hi)
				best = &defs[d];
		for (int d = 0; d < nd && !best; d++)
			if (defs[d].var == v && defs[d].pos >= lo)
				best = &defs[d];
		for (int d = 0; d < nd && !best; d++)
			if (defs[d].var == v)
				best = &defs[d];
		if (best)
			F->f[k].var = best->vals;
	}
}

static void read_dopants(const litx_text *cell, chk_dpart *D)
{
	memset(D, 0, sizeof *D);
	if (!cell || !cell->s)
		return;
	const char *s = cell->s;
	size_t n = cell->len;
	for (size_t i = 0; i < n && D->n < CHK_MAX_DOP; i++) {
		if (!(s[i] >= 'A' && s[i] <= 'Z') || (i > 0 && isalpha((unsigned char)s[i - 1])))
			continue;
		size_t l = (i + 1 < n && s[i + 1] >= 'a' && s[i + 1] <= 'z') ? 2 : 1;
		if (i + l < n && isalpha((unsigned char)s[i + l]))
			continue; /* a word, not a symbol */
		if (chk_element(s + i, l) != 2)
			continue;
		int dup = 0;
		for (int k = 0; k < D->n; k++)
			dup |= strlen(D->el[k]) == l && !memcmp(D->el[k], s + i, l);
		if (!dup) {
			memcpy(D->el[D->n], s + i, l);
			D->el[D->n][l] = '\0';
			D->n++;
		}
	}
}

static void copy_text(const litx_text *cell, char *buf, size_t cap)
{
	size_t n = cell && cell->s ? cell->len : 0;
	if (n >= cap)
		n = cap - 1;
	if (n)
		memcpy(buf, cell->s, n);
	buf[n] = '\0';
}

static void read_number(const litx_text *cell, chk_npart *N)
{
	memset(N, 0, sizeof *N);
	if (!cell || !cell->s || !cell->len)
		return;
	copy_text(cell, N->text, sizeof N->text);
	N->has = chk_set_parse(cell->s, cell->len, &N->v) > 0;
}

/* What a series name gives: "(M-Au)9" a size of 9; "M1Au3" a size of 4 and the
 * composition M1 Au3; "Au13Cux" no size but the composition Au13 Cu(x). */
static void series_read(const char *s, size_t n, chk_spart *S)
{
	for (size_t i = 0; i < n; i++) {
		/* "(A-B)N" */
		if (s[i] == '(') {
			size_t j = i + 1, d;
			int parts = 0;
			while (j < n && s[j] != ')') {
				if (s[j] >= 'A' && s[j] <= 'Z') {
					size_t l = (j + 1 < n && s[j + 1] >= 'a' && s[j + 1] <= 'z') ? 2 : 1;
					if (!(l == 1 && s[j] == 'M') && !chk_element(s + j, l))
						break;
					parts++;
					j += l;
				} else if ((d = chk_dash(s + j, n - j)) || s[j] == ' ' || s[j] == '/') {
					j += d ? d : 1;
				} else {
					break;
				}
			}
			if (j < n && s[j] == ')' && parts >= 2 && j + 1 < n && isdigit((unsigned char)s[j + 1])) {
				double v = strtod(s + j + 1, NULL);
				chk_set_add(&S->size, v, v);
				S->has = 1;
				return;
			}
			continue;
		}
		/* "M1Au3", "Au25", "M24Au1", "Au13 Cux" at a word start */
		if (!(s[i] >= 'A' && s[i] <= 'Z') || (i > 0 && isalnum((unsigned char)s[i - 1])))
			continue;
		size_t j = i;
		double sum = 0;
		int parts = 0, var = 0, counted = 0;
		chk_spart P;
		memset(&P, 0, sizeof P);
		while (j < n && parts < 6) {
			size_t k = j;
			while (parts && k < n && s[k] == ' ' && k - j < 2)
				k++;
			if (k >= n || !(s[k] >= 'A' && s[k] <= 'Z'))
				break;
			size_t l = (k + 1 < n && s[k + 1] >= 'a' && s[k + 1] <= 'z') ? 2 : 1;
			if (!(l == 1 && s[k] == 'M') && chk_element(s + k, l) != 2)
				break;
			memcpy(P.el[parts], s + k, l);
			P.el[parts][l] = '\0';
			j = k + l;
			chk_lin *c = &P.cnt[parts];
			memset(c, 0, sizeof *c);
			if (j < n && isdigit((unsigned char)s[j])) {
				size_t e = j;
				while (e < n && isdigit((unsigned char)s[e]))
					e++;
				c->c = strtod(s + j, NULL);
				j = e;
				counted++;
			} else if (j < n && s[j] >= 'x' && s[j] <= 'z' &&
				   (j + 1 == n || !(s[j + 1] >= 'a' && s[j + 1] <= 'z') ||
				    !strncmp(s + j + 1, "series", 6))) {
				c->var = s[j];
				c->k = 1;
				var = 1;
				j++;
			} else {
				c->c = 1;
			}
			sum += c->c;
			parts++;
		}
		if (parts >= 1 && (counted >= 1 || var) &&
		    (j == n || !isalnum((unsigned char)s[j]) || !strncmp(s + j, "series", 6))) {
			if (parts >= 2) {
				S->n_parts = parts;
				memcpy(S->el, P.el, sizeof P.el);
				memcpy(S->cnt, P.cnt, sizeof P.cnt);
			}
			if (!var && counted) {
				chk_set_add(&S->size, sum, sum);
				S->has = 1;
			}
			return;
		}
	}
}

int chk_series_parts_agree(const chk_formula *f, const chk_spart *S)
{
	for (int p = 0; p < S->n_parts; p++) {
		if (!strcmp(S->el[p], "M"))
			continue;
		chk_lin l;
		int got = chk_formula_count(f, S->el[p], 0, &l);
		if (!got) {
			/* a formula with a placeholder may hold it */
			chk_lin m;
			if (chk_formula_count(f, "M", 0, &m))
				continue;
			return 0;
		}
		if (got == 2 || S->cnt[p].var || l.var)
			continue;
		if (l.c != S->cnt[p].c)
			return 0;
	}
	return 1;
}

static void read_series(const litx_text *cell, chk_spart *S)
{
	memset(S, 0, sizeof *S);
	if (!cell || !cell->s || !cell->len)
		return;
	copy_text(cell, S->text, sizeof S->text);
	series_read(cell->s, cell->len, S);
}

int chk_cell_refs(const litx_text *cell, int *out, int max)
{
	int n = 0;
	chk_set v;
	if (!cell || !cell->s || !cell->len || !chk_set_parse(cell->s, cell->len, &v))
		return 0;
	for (int i = 0; i < v.n; i++) {
		if (v.hi[i] - v.lo[i] > 40 || v.lo[i] < 1 || v.lo[i] != (double)(int)v.lo[i])
			continue;
		for (double x = v.lo[i]; x <= v.hi[i] + 1e-9 && n < max; x += 1)
			out[n++] = (int)x;
	}
	return n;
}

static void read_refs(const litx_text *cell, chk_row *r)
{
	r->n_refs = 0;
	if (!cell || !cell->s || !cell->len)
		return;
	copy_text(cell, r->ref_text, sizeof r->ref_text);
	r->n_refs = chk_cell_refs(cell, r->refs, CHK_MAX_REFS);
}

int chk_role_column(const litx_table *t, int role)
{
	for (size_t c = 0; c < t->n_cols && t->n_head; c++) {
		char h[512];
		head_text(t, c, h, sizeof h);
		if (role_of(h) == role)
			return (int)c;
	}
	return -1;
}

static int same_text(const litx_text *a, const litx_text *b)
{
	return a && b && a->len == b->len && a->len && !memcmp(a->s, b->s, a->len);
}

int chk_table_read(const litx_table *t, chk_table *out)
{
	memset(out, 0, sizeof *out);
	out->t = t;
	for (int k = 0; k < CHK_NROLES; k++)
		out->col[k] = -1;
	if (!t->n_cols || !t->n_head)
		return 0;
	for (size_t c = 0; c < t->n_cols; c++) {
		char h[512];
		head_text(t, c, h, sizeof h);
		int role = role_of(h);
		if (role >= 0 && out->col[role] < 0)
			out->col[role] = (int)c;
	}
	if (out->col[CHK_FORMULA] < 0 ||
	    (out->col[CHK_DTYPE] < 0 && out->col[CHK_DNUM] < 0 && out->col[CHK_SERIES] < 0))
		return 0;
	/* not calloc: a row is mostly formula buffers, which the readers below fill,
	 * and zeroing every row first cost more than reading it */
	out->rows = malloc((t->n_rows ? t->n_rows : 1) * sizeof *out->rows);
	if (!out->rows)
		return -1;
	out->n_rows = t->n_rows;
	const litx_text *series = NULL;
	for (size_t r = 0; r < t->n_rows; r++) {
		chk_row *row = &out->rows[r];
		const litx_text *fc = chk_cell(t, r, out->col[CHK_FORMULA]);
		/* a header repeated on a continuation page */
		int hdr = 0;
		for (size_t h = 0; h < t->n_head; h++)
			hdr |= same_text(fc, &t->head[h * t->n_cols + (size_t)out->col[CHK_FORMULA]]);
		if (hdr)
			memset(row, 0, sizeof *row);
		row->row = r + 1;
		size_t off;
		litx_text_locate(fc, 0, &row->line, &off);
		if (hdr) {
			row->skip = 1;
			continue;
		}
		row->skip = 0;
		row->ref_text[0] = '\0';
		read_formulas(fc, &row->F);
		read_dopants(chk_cell(t, r, out->col[CHK_DTYPE]), &row->D);
		read_number(chk_cell(t, r, out->col[CHK_DNUM]), &row->N);
		const litx_text *sc = chk_cell(t, r, out->col[CHK_SERIES]);
		if (sc && sc->len)
			series = sc;
		read_series(series, &row->S);
		read_refs(chk_cell(t, r, out->col[CHK_REF]), row);
		row->bad = chk_eval(&row->F, &row->D, &row->N, &row->S);
	}
	return 1;
}

void chk_table_free(chk_table *ct)
{
	free(ct->rows);
	ct->rows = NULL;
	ct->n_rows = 0;
}

/* ---- consistency of one row -------------------------------------------- */

static int dopant_present(const chk_fpart *F, const char *el)
{
	for (int k = 0; k < F->n; k++) {
		chk_lin l;
		if (chk_formula_count(&F->f[k], el, 1, &l))
			return 1;
	}
	return 0;
}

unsigned chk_eval(const chk_fpart *F, const chk_dpart *D, const chk_npart *N, const chk_spart *S)
{
	unsigned bad = 0;
	if (!F->n)
		return 0;
	int any_present = 0, number_ok = 0, number_known = 0;
	for (int d = 0; d < D->n; d++) {
		if (!dopant_present(F, D->el[d])) {
			bad |= CHK_BAD_DOPANT;
			continue;
		}
		any_present = 1;
		if (!N->has)
			continue;
		for (int k = 0; k < F->n; k++) {
			chk_lin l;
			chk_set vals;
			int got = chk_formula_count(&F->f[k], D->el[d], 1, &l);
			if (!got)
				continue;
			if (got == 2 || !chk_lin_values(&l, &F->f[k].var, &vals)) {
				number_ok = 1; /* unknown: cannot disagree */
				continue;
			}
			number_known = 1;
			if (chk_set_meets(&vals, &N->v))
				number_ok = 1;
		}
	}
	if (any_present && N->has && number_known && !number_ok)
		bad |= CHK_BAD_NUMBER;
	if (S->has) {
		int ok = 0, known = 0;
		for (int k = 0; k < F->n; k++) {
			chk_set size;
			if (!chk_formula_size(&F->f[k], &size)) {
				ok = 1;
				continue;
			}
			known = 1;
			if (chk_set_meets(&size, &S->size))
				ok = 1;
		}
		if (known && !ok)
			bad |= CHK_BAD_SERIES;
	}
	if (S->n_parts >= 2 && !(bad & CHK_BAD_SERIES)) {
		int ok = 0;
		for (int k = 0; k < F->n && !ok; k++)
			ok = chk_series_parts_agree(&F->f[k], S);
		if (!ok)
			bad |= CHK_BAD_SERIES;
	}
	return bad;
}
