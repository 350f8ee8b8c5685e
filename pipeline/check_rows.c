/* check_rows.c - each row of an appendix table on its own: the formula is well
 * formed, the doping type names an element of the formula, the doping number is
 * that element's count, and the series name's size is the formula's metal-atom
 * count.
 *
 * The verdicts come from chk_eval (check_table.c), which check_cross.c also uses
 * to try rows against each other; this file only words the findings. Evidence
 * quotes what the row prints and what its formula gives, with the table, row and
 * source line, so a curator can verify a finding from the sentence alone.
 */
#include "check_int.h"
#include <stdio.h>
#include <string.h>

/* "Au and Cu" / "Au, Ag and Cu": the metals of f, for prose. */
static void metal_list(const chk_formula *f, char *buf, size_t cap)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < f->n_el && used + 1 < cap; i++) {
		const char *sep = i == 0 ? "" : (i == f->n_el - 1 ? " and " : ", ");
		int w = snprintf(buf + used, cap - used, "%s%s", sep, f->el[i]);
		if (w < 0 || (size_t)w >= cap - used)
			break;
		used += (size_t)w;
	}
}

static const char *table_name(const chk_table *ct)
{
	return ct->t->label ? ct->t->label : "the table";
}

static void emit_malformed(chk_ctx *c, const chk_table *ct, const chk_row *r, chk_buf *row_text)
{
	for (int k = 0; k < r->F.n; k++) {
		const chk_formula *f = &r->F.f[k];
		if (!f->malformed)
			continue;
		chk_buf ev = { 0 }, ex = { 0 };
		chk_buf_printf(&ev, "%s row %zu prints the formula '%s': %s (line %u).", table_name(ct),
			       r->row, f->text, f->bracket_note[0] ? f->bracket_note : "its brackets do not balance",
			       r->line);
		chk_buf_printf(&ex, "balanced brackets");
		int cols[1] = { ct->col[CHK_FORMULA] };
		chk_finding fd = { "formula_malformed", "error", ct->t->label, r->row, NULL, r->line,
				   chk_buf_str(&ev), chk_buf_str(&ex), f->text, chk_buf_str(row_text), cols, 1 };
		chk_emit(c, &fd);
		chk_buf_free(&ev);
		chk_buf_free(&ex);
	}
}

static void emit_dopant(chk_ctx *c, const chk_table *ct, const chk_row *r, chk_buf *row_text)
{
	char absent[64] = "";
	size_t used = 0;
	for (int d = 0; d < r->D.n; d++) {
		int found = 0;
		for (int k = 0; k < r->F.n && !found; k++) {
			chk_lin l;
			found = chk_formula_count(&r->F.f[k], r->D.el[d], 1, &l) != 0;
		}
		if (!found) {
			int w = snprintf(absent + used, sizeof absent - used, "%s%s", used ? ", " : "", r->D.el[d]);
			if (w > 0 && (size_t)w < sizeof absent - used)
				used += (size_t)w;
		}
	}
	if (!used)
		return;
	const chk_formula *f = &r->F.f[0];
	char metals[128], list[96];
	chk_formula_metals(f, metals, sizeof metals);
	metal_list(f, list, sizeof list);
	chk_buf ev = { 0 }, ex = { 0 }, fo = { 0 };
	chk_buf_printf(&ev, "%s row %zu gives doping type '%s'", table_name(ct), r->row, absent);
	if (r->N.has)
		chk_buf_printf(&ev, " (doping number %s)", r->N.text);
	chk_buf_printf(&ev, ", but the formula %s contains only %s", f->text, list);
	if (r->F.n > 1)
		chk_buf_printf(&ev, " (and none of the row's other %d formulas has it)", r->F.n - 1);
	chk_buf_printf(&ev, " (line %u).", r->line);
	chk_buf_printf(&ex, "%s in the formula", absent);
	chk_buf_printf(&fo, "%s (no %s)", metals, absent);
	int cols[2] = { ct->col[CHK_DTYPE], ct->col[CHK_FORMULA] };
	chk_finding fd = { "dopant_not_in_formula", "error", ct->t->label, r->row, NULL, r->line,
			   chk_buf_str(&ev), chk_buf_str(&ex), chk_buf_str(&fo), chk_buf_str(row_text), cols, 2 };
	chk_emit(c, &fd);
	chk_buf_free(&ev);
	chk_buf_free(&ex);
	chk_buf_free(&fo);
}

static void emit_number(chk_ctx *c, const chk_table *ct, const chk_row *r, chk_buf *row_text)
{
	/* the first formula holding a dopant of the row says what the number should be */
	for (int d = 0; d < r->D.n; d++) {
		for (int k = 0; k < r->F.n; k++) {
			const chk_formula *f = &r->F.f[k];
			chk_lin l;
			chk_set vals;
			if (chk_formula_count(f, r->D.el[d], 1, &l) != 1 || !chk_lin_values(&l, &f->var, &vals))
				continue;
			char want[96], lin[32], var[64];
			chk_set_format(&vals, want, sizeof want);
			chk_lin_format(&l, lin, sizeof lin);
			chk_buf ev = { 0 };
			chk_buf_printf(&ev, "%s row %zu gives doping number %s for %s, but the formula %s contains ",
				       table_name(ct), r->row, r->N.text, r->D.el[d], f->text);
			if (l.var) {
				chk_set_format(&f->var, var, sizeof var);
				chk_buf_printf(&ev, "%s %s with %c = %s, that is %s", lin, r->D.el[d], l.var, var, want);
			} else {
				chk_buf_printf(&ev, "%s %s", want, r->D.el[d]);
			}
			if (r->S.has && !(r->bad & CHK_BAD_SERIES))
				chk_buf_printf(&ev, " (its series '%s' agrees with the formula)", r->S.text);
			chk_buf_printf(&ev, " (line %u).", r->line);
			int cols[2] = { ct->col[CHK_DNUM], ct->col[CHK_FORMULA] };
			chk_finding fd = { "doping_number_mismatch", "error", ct->t->label, r->row, NULL, r->line,
					   chk_buf_str(&ev), want, r->N.text, chk_buf_str(row_text), cols, 2 };
			chk_emit(c, &fd);
			chk_buf_free(&ev);
			return;
		}
	}
}

/* "Au13 Cu(x)" for evidence. */
static void series_parts(const chk_spart *S, char *buf, size_t cap)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int p = 0; p < S->n_parts && used + 1 < cap; p++) {
		char c[32];
		chk_lin_format(&S->cnt[p], c, sizeof c);
		int w = snprintf(buf + used, cap - used, "%s%s:%s", p ? ";" : "", S->el[p], c);
		if (w < 0 || (size_t)w >= cap - used)
			break;
		used += (size_t)w;
	}
}

static void emit_series(chk_ctx *c, const chk_table *ct, const chk_row *r, chk_buf *row_text)
{
	const chk_formula *f = NULL;
	chk_set size;
	int by_size = 0;
	if (r->S.has) {
		/* the size disagrees when some formula has a known size and none agrees */
		for (int k = 0; k < r->F.n && !f; k++)
			if (chk_formula_size(&r->F.f[k], &size))
				f = &r->F.f[k];
		by_size = f != NULL;
		for (int k = 0; k < r->F.n && by_size; k++) {
			chk_set s2;
			if (!chk_formula_size(&r->F.f[k], &s2) || chk_set_meets(&s2, &r->S.size))
				by_size = 0;
		}
	}
	if (!by_size)
		f = r->F.n ? &r->F.f[0] : NULL;
	if (!f)
		return;
	char want[64], got[64], metals[128];
	chk_formula_metals(f, metals, sizeof metals);
	chk_buf ev = { 0 }, fo = { 0 };
	if (by_size) {
		chk_set_format(&r->S.size, want, sizeof want);
		chk_set_format(&size, got, sizeof got);
		chk_buf_printf(&ev, "%s row %zu is in the series '%s', which implies %s metal atoms, but the formula %s has %s (%s)",
			       table_name(ct), r->row, r->S.text, want, f->text, got, metals);
		chk_buf_printf(&fo, "%s (%s)", got, metals);
	} else {
		series_parts(&r->S, want, sizeof want);
		chk_buf_printf(&ev, "%s row %zu is in the series '%s', which names the metals %s, but the formula %s has %s",
			       table_name(ct), r->row, r->S.text, want, f->text, metals);
		chk_buf_printf(&fo, "%s", metals);
	}
	if (r->D.n && !(r->bad & (CHK_BAD_DOPANT | CHK_BAD_NUMBER)))
		chk_buf_printf(&ev, "; the doping columns (%s, %s) agree with the formula", r->D.el[0],
			       r->N.has ? r->N.text : "no number");
	chk_buf_printf(&ev, " (line %u).", r->line);
	int cols[2] = { ct->col[CHK_SERIES], ct->col[CHK_FORMULA] };
	chk_finding fd = { "series_size_mismatch", "error", ct->t->label, r->row, NULL, r->line,
			   chk_buf_str(&ev), want, chk_buf_str(&fo), chk_buf_str(row_text), cols, 2 };
	chk_emit(c, &fd);
	chk_buf_free(&ev);
	chk_buf_free(&fo);
}

void chk_rows(chk_ctx *c, const chk_table *ct)
{
	for (size_t i = 0; i < ct->n_rows && !c->oom; i++) {
		const chk_row *r = &ct->rows[i];
		if (r->skip)
			continue;
		chk_buf row_text = { 0 };
		chk_row_text(ct->t, i, &row_text);
		emit_malformed(c, ct, r, &row_text);
		if (r->bad & CHK_BAD_DOPANT)
			emit_dopant(c, ct, r, &row_text);
		if (r->bad & CHK_BAD_NUMBER)
			emit_number(c, ct, r, &row_text);
		if (r->bad & CHK_BAD_SERIES)
			emit_series(c, ct, r, &row_text);
		if (row_text.oom)
			c->oom = 1;
		chk_buf_free(&row_text);
	}
}
