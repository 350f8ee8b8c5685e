/* check_cross.c - rows of an appendix table against each other: two neighbouring
 * rows that both become consistent when one column's cells are swapped
 * (rows_swapped), a run of rows that become consistent when one column is read
 * one row up or down (column_shift), and one reference given for clearly
 * different clusters (ref_reused).
 *
 * A swap or shift is only reported when it repairs rows that were wrong as
 * printed, so a clean table never gives one. "Clearly different clusters" means
 * different metal elements: one paper often reports Au4Ag23 and Au5Ag24 together,
 * rarely an Au-Cd and an Au-Cu cluster. When the table lists its references in
 * order, the row whose reference breaks the order is the one reported.
 */
#include "check_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { P_F, P_DN, P_N, P_D, P_S, N_PARTS };
static const char *const part_name[N_PARTS] = { "formulas", "doping types and numbers",
	"doping numbers", "doping types", "series names" };

static int part_col(const chk_table *ct, int p)
{
	switch (p) {
	case P_F: return ct->col[CHK_FORMULA];
	case P_DN: case P_D: return ct->col[CHK_DTYPE];
	case P_N: return ct->col[CHK_DNUM];
	default: return ct->col[CHK_SERIES];
	}
}

/* Evaluate row `self` with part p taken from row `other`. */
static unsigned eval_with(const chk_row *self, const chk_row *other, int p)
{
	const chk_fpart *F = p == P_F ? &other->F : &self->F;
	const chk_dpart *D = (p == P_DN || p == P_D) ? &other->D : &self->D;
	const chk_npart *N = (p == P_DN || p == P_N) ? &other->N : &self->N;
	const chk_spart *S = p == P_S ? &other->S : &self->S;
	return chk_eval(F, D, N, S);
}

static int part_differs(const chk_row *a, const chk_row *b, int p)
{
	switch (p) {
	case P_F: return a->F.n && b->F.n && strcmp(a->F.f[0].text, b->F.f[0].text);
	case P_DN: return (a->D.n && b->D.n && strcmp(a->D.el[0], b->D.el[0])) ||
			  strcmp(a->N.text, b->N.text);
	case P_D: return a->D.n && b->D.n && strcmp(a->D.el[0], b->D.el[0]);
	case P_N: return a->N.has && b->N.has && strcmp(a->N.text, b->N.text);
	default: return a->S.has && b->S.has && strcmp(a->S.text, b->S.text);
	}
}

static void part_text(const chk_table *ct, const chk_row *r, int p, char *buf, size_t cap)
{
	const litx_text *t = chk_cell(ct->t, r->row - 1, part_col(ct, p));
	size_t n = t && t->s ? t->len : 0;
	if (p == P_DN) {
		const litx_text *u = chk_cell(ct->t, r->row - 1, ct->col[CHK_DNUM]);
		snprintf(buf, cap, "%.*s, %.*s", (int)n, n ? t->s : "", (int)(u && u->s ? u->len : 0),
			 u && u->s ? u->s : "");
		return;
	}
	if (p == P_S) {
		snprintf(buf, cap, "%s", r->S.text);
		return;
	}
	snprintf(buf, cap, "%.*s", (int)n, n ? t->s : "");
}

static void emit_swap(chk_ctx *c, const chk_table *ct, const chk_row *a, const chk_row *b, int p)
{
	char ta[160], tb[160];
	part_text(ct, a, p, ta, sizeof ta);
	part_text(ct, b, p, tb, sizeof tb);
	const chk_row *rows[2] = { a, b };
	const char *mine[2] = { ta, tb }, *theirs[2] = { tb, ta };
	for (int k = 0; k < 2; k++) {
		const chk_row *r = rows[k], *o = rows[1 - k];
		chk_buf ev = { 0 }, row_text = { 0 };
		chk_buf_printf(&ev, "%s rows %zu and %zu both disagree with their formulas as printed, and both agree "
			       "when their %s are swapped: row %zu (%s) prints '%s' where '%s' (printed in row %zu) fits "
			       "(line %u).", ct->t->label ? ct->t->label : "The table", a->row, b->row, part_name[p],
			       r->row, r->F.n ? r->F.f[0].text : "?", mine[k], theirs[k], o->row, r->line);
		chk_row_text(ct->t, r->row - 1, &row_text);
		int cols[2] = { part_col(ct, p), p == P_DN ? ct->col[CHK_DNUM] : -1 };
		chk_finding fd = { "rows_swapped", "warning", ct->t->label, r->row, NULL, r->line,
				   chk_buf_str(&ev), theirs[k], mine[k], chk_buf_str(&row_text), cols,
				   cols[1] >= 0 ? 2 : 1 };
		chk_emit(c, &fd);
		if (ev.oom || row_text.oom)
			c->oom = 1;
		chk_buf_free(&ev);
		chk_buf_free(&row_text);
	}
}

/* Indices of the rows that are not repeated headers. */
static size_t live_rows(const chk_table *ct, size_t *idx)
{
	size_t n = 0;
	for (size_t i = 0; i < ct->n_rows; i++)
		if (!ct->rows[i].skip)
			idx[n++] = i;
	return n;
}

static void check_swaps(chk_ctx *c, const chk_table *ct, const size_t *idx, size_t n, unsigned char *used)
{
	for (size_t k = 0; k + 1 < n; k++) {
		const chk_row *a = &ct->rows[idx[k]], *b = &ct->rows[idx[k + 1]];
		if (!a->bad || !b->bad || used[k] || used[k + 1])
			continue;
		for (int p = 0; p < N_PARTS; p++) {
			if (part_col(ct, p) < 0 || !part_differs(a, b, p))
				continue;
			if (eval_with(a, b, p) || eval_with(b, a, p))
				continue;
			emit_swap(c, ct, a, b, p);
			used[k] = used[k + 1] = 1;
			break;
		}
	}
}

static void check_shifts(chk_ctx *c, const chk_table *ct, const size_t *idx, size_t n, unsigned char *used)
{
	static const int parts[] = { P_F, P_N, P_DN, P_S };
	for (size_t a = 0; a < n;) {
		if (!ct->rows[idx[a]].bad || used[a]) {
			a++;
			continue;
		}
		size_t b = a;
		while (b + 1 < n && ct->rows[idx[b + 1]].bad && !used[b + 1])
			b++;
		size_t len = b - a + 1;
		int done = 0;
		for (size_t pi = 0; len >= 2 && !done && pi < sizeof parts / sizeof *parts; pi++) {
			int p = parts[pi];
			if (part_col(ct, p) < 0)
				continue;
			for (int d = -1; d <= 1 && !done; d += 2) {
				size_t fixed = 0;
				unsigned char ok[64] = { 0 };
				for (size_t k = a; k <= b && k - a < sizeof ok; k++) {
					if ((d < 0 && k == 0) || (d > 0 && k + 1 >= n))
						continue;
					size_t o = d < 0 ? k - 1 : k + 1;
					if (!part_differs(&ct->rows[idx[k]], &ct->rows[idx[o]], p))
						continue;
					if (!eval_with(&ct->rows[idx[k]], &ct->rows[idx[o]], p))
						ok[k - a] = 1, fixed++;
				}
				if (fixed < 2 || fixed * 3 < len * 2)
					continue;
				done = 1;
				for (size_t k = a; k <= b && k - a < sizeof ok; k++) {
					if (!ok[k - a])
						continue;
					const chk_row *r = &ct->rows[idx[k]], *o = &ct->rows[idx[d < 0 ? k - 1 : k + 1]];
					char mine[160], theirs[160];
					part_text(ct, r, p, mine, sizeof mine);
					part_text(ct, o, p, theirs, sizeof theirs);
					chk_buf ev = { 0 }, row_text = { 0 };
					chk_buf_printf(&ev, "%s rows %zu-%zu disagree with their formulas as printed; read one "
						       "row %s, the %s column fits %zu of them. Row %zu (%s) prints '%s' where "
						       "'%s' (row %zu) fits (line %u).",
						       ct->t->label ? ct->t->label : "The table", ct->rows[idx[a]].row,
						       ct->rows[idx[b]].row, d > 0 ? "lower" : "higher", part_name[p], fixed,
						       r->row, r->F.n ? r->F.f[0].text : "?", mine, theirs, o->row, r->line);
					chk_row_text(ct->t, r->row - 1, &row_text);
					int cols[1] = { part_col(ct, p) };
					chk_finding fd = { "column_shift", "warning", ct->t->label, r->row, NULL, r->line,
							   chk_buf_str(&ev), theirs, mine, chk_buf_str(&row_text), cols, 1 };
					chk_emit(c, &fd);
					if (ev.oom || row_text.oom)
						c->oom = 1;
					chk_buf_free(&ev);
					chk_buf_free(&row_text);
					used[k] = 1;
				}
			}
		}
		a = b + 1;
	}
}

/* ---- one reference for different clusters ------------------------------ */

/* The metal elements of a row (placeholder M excluded) as a sorted, joined key;
 * 0 when the row has no formula or a placeholder. */
static int element_key(const chk_row *r, char *buf, size_t cap)
{
	const char *els[CHK_MAX_EL * CHK_MAX_F];
	int n = 0;
	buf[0] = '\0';
	if (!r->F.n)
		return 0;
	for (int k = 0; k < r->F.n; k++)
		for (int i = 0; i < r->F.f[k].n_el; i++) {
			if (!strcmp(r->F.f[k].el[i], "M"))
				return 0;
			int dup = 0;
			for (int j = 0; j < n; j++)
				dup |= !strcmp(els[j], r->F.f[k].el[i]);
			if (!dup && n < (int)(sizeof els / sizeof *els))
				els[n++] = r->F.f[k].el[i];
		}
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && strcmp(els[j - 1], els[j]) > 0; j--) {
			const char *t = els[j];
			els[j] = els[j - 1];
			els[j - 1] = t;
		}
	size_t used = 0;
	for (int i = 0; i < n; i++) {
		size_t el = strlen(els[i]);
		if ((i ? 1 : 0) + el >= cap - used) {
			snprintf(buf + used, cap - used, "%s%s", i ? "/" : "", els[i]); /* cut, and stop */
			break;
		}
		if (i)
			buf[used++] = '/';
		memcpy(buf + used, els[i], el + 1);
		used += el;
	}
	return n > 0;
}

/* Is row k's reference label in order with its neighbours' labels? */
static int in_sequence(const chk_table *ct, const size_t *idx, size_t n, size_t k, int label)
{
	int prev = -1, next = -1;
	for (size_t j = k; j-- > 0;)
		if (ct->rows[idx[j]].n_refs) {
			const chk_row *r = &ct->rows[idx[j]];
			prev = r->refs[r->n_refs - 1];
			break;
		}
	for (size_t j = k + 1; j < n; j++)
		if (ct->rows[idx[j]].n_refs) {
			next = ct->rows[idx[j]].refs[0];
			break;
		}
	return (prev < 0 || prev <= label) && (next < 0 || label <= next);
}

static int refs_ascend(const chk_table *ct, const size_t *idx, size_t n)
{
	int last = -1;
	size_t up = 0, pairs = 0;
	for (size_t k = 0; k < n; k++) {
		const chk_row *r = &ct->rows[idx[k]];
		if (!r->n_refs)
			continue;
		if (last >= 0) {
			pairs++;
			up += r->refs[0] >= last;
		}
		last = r->refs[r->n_refs - 1];
	}
	return pairs >= 4 && up * 10 >= pairs * 7;
}

/* Do two rows' formulas share a ligand name? Rows without ligands share. */
static int shares_ligand(const chk_row *a, const chk_row *b)
{
	int na = 0, nb = 0;
	for (int i = 0; i < a->F.n; i++)
		for (int j = 0; j < b->F.n; j++) {
			const chk_formula *x = &a->F.f[i], *y = &b->F.f[j];
			na += x->n_lig;
			nb += y->n_lig;
			for (int p = 0; p < x->n_lig; p++)
				for (int q = 0; q < y->n_lig; q++)
					if (!strcmp(x->lig[p], y->lig[q]))
						return 1;
		}
	return !na || !nb;
}

static void check_reuse(chk_ctx *c, const chk_table *ct, const size_t *idx, size_t n)
{
	int ascend = refs_ascend(ct, idx, n);
	for (size_t k = 0; k < n && !c->oom; k++) {
		const chk_row *r = &ct->rows[idx[k]];
		for (int q = 0; q < r->n_refs; q++) {
			int label = r->refs[q];
			/* handle each label once, at its first row */
			int seen = 0;
			for (size_t j = 0; j < k && !seen; j++)
				for (int m = 0; m < ct->rows[idx[j]].n_refs; m++)
					seen |= ct->rows[idx[j]].refs[m] == label;
			if (seen)
				continue;
			size_t members[32];
			char keys[32][64];
			size_t nm = 0;
			for (size_t j = k; j < n && nm < 32; j++) {
				const chk_row *x = &ct->rows[idx[j]];
				for (int m = 0; m < x->n_refs; m++)
					if (x->refs[m] == label && element_key(x, keys[nm], sizeof keys[nm])) {
						members[nm++] = j;
						break;
					}
			}
			if (nm < 2)
				continue;
			unsigned char flag[32] = { 0 };
			/* the first row giving the reference is taken as its use; later rows
			 * are reported when they name other metals, or the same metals with
			 * none of the first row's ligands where the reference also breaks the
			 * table's order (Au2Ag42(S-Adm)27 and Au2Ag48(S'-Bu)20(Dppm)6Br11) */
			const chk_row *first = &ct->rows[idx[members[0]]];
			for (size_t a = 1; a < nm; a++) {
				const chk_row *x = &ct->rows[idx[members[a]]];
				flag[a] = strcmp(keys[a], keys[0]) != 0 ||
					  (ascend && !shares_ligand(x, first) && !in_sequence(ct, idx, n, members[a], label));
			}
			int any = 0;
			for (size_t a = 1; a < nm; a++)
				any |= flag[a];
			if (!any)
				continue;
			chk_buf list = { 0 };
			for (size_t a = 0; a < nm; a++) {
				const chk_row *x = &ct->rows[idx[members[a]]];
				chk_buf_printf(&list, "%s%s (row %zu; %s)", a ? ", " : "", x->F.f[0].text, x->row, keys[a]);
			}
			char lab[16];
			snprintf(lab, sizeof lab, "%d", label);
			for (size_t a = 0; a < nm; a++) {
				if (!flag[a])
					continue;
				const chk_row *x = &ct->rows[idx[members[a]]];
				chk_buf ev = { 0 }, row_text = { 0 }, ex = { 0 };
				chk_buf_printf(&ev, "%s gives reference %d for clearly different clusters: %s.",
					       ct->t->label ? ct->t->label : "The table", label, chk_buf_str(&list));
				if (!in_sequence(ct, idx, n, members[a], label) && refs_ascend(ct, idx, n))
					chk_buf_printf(&ev, " Row %zu's reference is also out of the table's order.", x->row);
				chk_buf_printf(&ev, " (line %u)", x->line);
				chk_buf_printf(&ex, "%d only for %s (row %zu)", label, first->F.f[0].text, first->row);
				chk_row_text(ct->t, x->row - 1, &row_text);
				int cols[2] = { ct->col[CHK_REF], ct->col[CHK_FORMULA] };
				chk_buf fo = { 0 };
				chk_buf_printf(&fo, "%d also for %s (row %zu)", label, x->F.f[0].text, x->row);
				chk_finding fd = { "ref_reused", "warning", ct->t->label, x->row, lab, x->line,
						   chk_buf_str(&ev), chk_buf_str(&ex), chk_buf_str(&fo),
						   chk_buf_str(&row_text), cols, 2 };
				chk_emit(c, &fd);
				if (ev.oom || row_text.oom || ex.oom || fo.oom)
					c->oom = 1;
				chk_buf_free(&ev);
				chk_buf_free(&ex);
				chk_buf_free(&fo);
				chk_buf_free(&row_text);
			}
			if (list.oom)
				c->oom = 1;
			chk_buf_free(&list);
		}
	}
}

void chk_cross(chk_ctx *c, const chk_table *ct)
{
	size_t *idx = calloc(ct->n_rows ? ct->n_rows : 1, sizeof *idx);
	unsigned char *used = calloc(ct->n_rows ? ct->n_rows : 1, 1);
	if (!idx || !used) {
		free(idx);
		free(used);
		c->oom = 1;
		return;
	}
	size_t n = live_rows(ct, idx);
	check_swaps(c, ct, idx, n, used);
	check_shifts(c, ct, idx, n, used);
	if (ct->col[CHK_REF] >= 0)
		check_reuse(c, ct, idx, n);
	free(idx);
	free(used);
}
