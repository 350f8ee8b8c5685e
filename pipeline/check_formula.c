/* check_formula.c - one formula as the checker needs it: its metal core as
 * element -> count (c + k*x), its metal-atom count, and whether its brackets
 * balance.
 *
 * The parsing itself is the core formula parser's (litx_formula_describe, read
 * here without its JSON through fml_describe_sorted); this file only turns its
 * description into arithmetic the checks can compare, and checks the
 * brackets of the printed text itself, because a misprint such as
 * "[Au16Ag1(S-Adm)13" is exactly what a curator wants pointed out even when the
 * parser recovers a composition from it. When the parser refuses a malformed
 * text, the text with its brackets mended is tried so the row can still be
 * compared with its doping columns.
 */
#include "check_int.h"
#include "formula_int.h"
#include <litx/formula.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Which bracket c is: 0 '(' ')', 1 '[' ']', 2 '{' '}' with *closer set for a
 * closing one; -1 for any other character. */
static int bracket_kind(char c, int *closer)
{
	switch (c) {
	case '(': *closer = 0; return 0;
	case '[': *closer = 0; return 1;
	case '{': *closer = 0; return 2;
	case ')': *closer = 1; return 0;
	case ']': *closer = 1; return 1;
	case '}': *closer = 1; return 2;
	default: return -1;
	}
}

int chk_brackets(const char *s, size_t n, char *note, size_t cap)
{
	char stack[64];
	size_t depth = 0;
	int open[3] = { 0, 0, 0 }, close[3] = { 0, 0, 0 };
	int stray = 0;
	static const char opens[] = "([{", closes[] = ")]}";
	for (size_t i = 0; i < n; i++) {
		int closer = 0, k = bracket_kind(s[i], &closer);
		if (k >= 0 && !closer) {
			open[k]++;
			if (depth < sizeof stack)
				stack[depth] = s[i];
			depth++;
		} else if (k >= 0) {
			close[k]++;
			if (!depth)
				stray = 1;
			else {
				depth--;
				if (depth < sizeof stack && stack[depth] != opens[k])
					stray = 1;
			}
		}
	}
	if (!depth && !stray)
		return 0;
	if (cap) {
		for (int k = 0; k < 3; k++) {
			if (open[k] > close[k]) {
				snprintf(note, cap, "opening '%c' is never closed (%d '%c' vs %d '%c')",
					 opens[k], open[k], opens[k], close[k], closes[k]);
				return 1;
			}
			if (close[k] > open[k]) {
				snprintf(note, cap, "closing '%c' has no opening bracket (%d '%c' vs %d '%c')",
					 closes[k], open[k], opens[k], close[k], closes[k]);
				return 1;
			}
		}
		snprintf(note, cap, "brackets close in the wrong order");
	}
	return 1;
}

/* s with unmatched closers dropped and missing closers appended, into buf. */
static size_t mend_brackets(const char *s, size_t n, char *buf, size_t cap)
{
	char stack[64];
	size_t depth = 0, used = 0;
	for (size_t i = 0; i < n && used + 1 < cap; i++) {
		int closer = 0, k = bracket_kind(s[i], &closer);
		if (k >= 0 && !closer && depth < sizeof stack)
			stack[depth++] = ")]}"[k];
		else if (k >= 0 && closer) {
			if (!depth || stack[depth - 1] != s[i])
				continue;
			depth--;
		}
		buf[used++] = s[i];
	}
	while (depth && used + 1 < cap)
		buf[used++] = stack[--depth];
	buf[used] = '\0';
	return used;
}

/* Fill f from a description and its "metals" object. */
static void fill_from(const json_t *desc, const json_t *metals, chk_formula *f)
{
	const char *el;
	json_t *v;
	f->counts_known = 1;
	json_object_foreach((json_t *)metals, el, v) {
		size_t len = strlen(el);
		if (f->n_el >= CHK_MAX_EL || len == 0 || len >= sizeof f->el[0])
			continue;
		if (!(len == 1 && el[0] == 'M') && chk_element(el, len) == 0)
			continue;
		memcpy(f->el[f->n_el], el, len + 1);
		f->known[f->n_el] = (unsigned char)chk_lin_from_json(v, &f->cnt[f->n_el]);
		if (!f->known[f->n_el])
			f->counts_known = 0;
		f->n_el++;
	}
	size_t i;
	json_t *l;
	const json_t *ligands = json_object_get(desc, "ligands");
	json_array_foreach(ligands, i, l) {
		const char *name = json_string_value(json_object_get(l, "name"));
		if (name && f->n_lig < (int)(sizeof f->lig / sizeof *f->lig) && strlen(name) < sizeof f->lig[0])
			memcpy(f->lig[f->n_lig++], name, strlen(name) + 1);
	}
	const json_t *malformed = json_object_get(desc, "malformed");
	if (json_is_true(malformed))
		f->malformed = 1;
}

/* f's metal entry for symbol el: the one already there (a repeated key of
 * "metals" keeps its place and takes the last count), else a new one; NULL when
 * the symbol is not kept. */
static int metal_slot(chk_formula *f, const char *el, size_t len)
{
	for (int i = 0; i < f->n_el; i++)
		if (!strcmp(f->el[i], el))
			return i;
	if (f->n_el >= CHK_MAX_EL || len == 0 || len >= sizeof f->el[0])
		return -1;
	if (!(len == 1 && el[0] == 'M') && chk_element(el, len) == 0)
		return -1;
	memcpy(f->el[f->n_el], el, len + 1);
	return f->n_el++;
}

/* A count as chk_lin_from_json reads the number the description writes for it. */
static int lin_from_num(fml_num n, chk_lin *out)
{
	memset(out, 0, sizeof *out);
	if (n.st != FML_NUM_VAL)
		return 0; /* null */
	if (n.k != 0.0) { /* written as text: "25-x" */
		char buf[48];
		size_t k = fml_num_format(n, buf, sizeof buf);
		return chk_lin_parse(buf, strnlen(buf, k), out);
	}
	if (n.c == floor(n.c) && fabs(n.c) < 9e15)
		out->c = (double)(json_int_t)n.c; /* an integer */
	else
		out->c = n.c;
	return 1;
}

/* Fill f from the parser's description, as fill_from does from its JSON. */
static void fill_from_desc(const fml_desc *d, chk_formula *f)
{
	f->counts_known = 1;
	for (int i = 0; i < d->n_metals; i++) {
		char el[16];
		fml_atom_name(&d->metals[i], el, sizeof el);
		int k = metal_slot(f, el, strlen(el));
		if (k >= 0)
			f->known[k] = (unsigned char)lin_from_num(d->metals[i].n, &f->cnt[k]);
	}
	for (int i = 0; i < f->n_el; i++)
		if (!f->known[i])
			f->counts_known = 0;
	for (int i = 0; i < d->n_ligs; i++) {
		const char *name = d->ligs[i].name;
		if (f->n_lig < (int)(sizeof f->lig / sizeof *f->lig) && strlen(name) < sizeof f->lig[0])
			memcpy(f->lig[f->n_lig++], name, strlen(name) + 1);
	}
	if (d->malformed)
		f->malformed = 1;
}

int chk_formula_read(const char *s, size_t n, chk_formula *f)
{
	memset(f, 0, sizeof *f);
	size_t tl = n < sizeof f->text - 1 ? n : sizeof f->text - 1;
	memcpy(f->text, s, tl);
	f->text[tl] = '\0';
	f->malformed = chk_brackets(s, n, f->bracket_note, sizeof f->bracket_note);
	/* a misprinted bracket: the composition the author meant is the mended text's
	 * ("(p-FPh)3P)12" read with its stray ')' would multiply everything by 12) */
	const fml_desc *desc = NULL; /* (the C form of litx_formula_describe's answer) */
	if (f->malformed) {
		char mended[512];
		size_t m = mend_brackets(s, n < 400 ? n : 400, mended, sizeof mended);
		desc = fml_describe_sorted(mended, m);
	}
	if (!desc)
		desc = fml_describe_sorted(s, n);
	if (!desc)
		return 0;
	int was = f->malformed;
	fill_from_desc(desc, f);
	if (f->malformed && !was) /* the parser saw what the bracket count did not */
		snprintf(f->bracket_note, sizeof f->bracket_note, "a bracket is never closed");
	return f->n_el > 0;
}

int chk_formula_count(const chk_formula *f, const char *el, int use_m, chk_lin *out)
{
	int m = -1;
	for (int i = 0; i < f->n_el; i++) {
		if (!strcmp(f->el[i], el)) {
			if (!f->known[i])
				return 2;
			*out = f->cnt[i];
			return 1;
		}
		if (!strcmp(f->el[i], "M"))
			m = i;
	}
	if (use_m && m >= 0) {
		if (!f->known[m])
			return 2;
		*out = f->cnt[m];
		return 1;
	}
	return 0;
}

int chk_formula_size(const chk_formula *f, chk_set *out)
{
	chk_lin sum = { 0, 0, 0 };
	if (!f->counts_known || !f->n_el)
		return 0;
	for (int i = 0; i < f->n_el; i++)
		if (!chk_lin_add(&sum, &f->cnt[i]))
			return 0;
	return chk_lin_values(&sum, &f->var, out);
}

void chk_formula_metals(const chk_formula *f, char *buf, size_t cap)
{
	size_t used = 0;
	if (cap)
		buf[0] = '\0';
	for (int i = 0; i < f->n_el && used + 1 < cap; i++) {
		char c[32] = "?";
		if (f->known[i])
			chk_lin_format(&f->cnt[i], c, sizeof c);
		int w = snprintf(buf + used, cap - used, "%s%s:%s", i ? ";" : "", f->el[i], c);
		if (w < 0 || (size_t)w >= cap - used)
			break;
		used += (size_t)w;
	}
}

int chk_formula_from_json(const json_t *rec, chk_formula *f)
{
	memset(f, 0, sizeof *f);
	const json_t *t = json_object_get(rec, "text");
	if (json_is_string(t)) {
		/* as snprintf "%s" would: up to a NUL, cut to the buffer; f is zeroed */
		const char *v = json_string_value(t);
		size_t n = json_string_length(t);
		if (n >= sizeof f->text)
			n = sizeof f->text - 1;
		const char *z = memchr(v, '\0', n);
		memcpy(f->text, v, z ? (size_t)(z - v) : n);
	}
	const json_t *metals = json_object_get(rec, "metals");
	if (!json_is_object(metals))
		return 0;
	fill_from(rec, metals, f);
	return f->n_el > 0;
}

static int find_el(const chk_formula *f, const char *el)
{
	for (int i = 0; i < f->n_el; i++)
		if (!strcmp(f->el[i], el))
			return i;
	return -1;
}

int chk_formula_match(const chk_formula *a, const chk_formula *b)
{
	int am = find_el(a, "M") >= 0, bm = find_el(b, "M") >= 0;
	if (am || bm) {
		/* a placeholder: the named elements must meet */
		for (int i = 0; i < a->n_el; i++)
			if (strcmp(a->el[i], "M") && find_el(b, a->el[i]) >= 0)
				return 1;
		return 0;
	}
	if (a->n_el != b->n_el)
		return 0;
	for (int i = 0; i < a->n_el; i++) {
		int j = find_el(b, a->el[i]);
		if (j < 0)
			return 0;
		if (a->known[i] && b->known[j] && !a->cnt[i].var && !b->cnt[j].var &&
		    a->cnt[i].c != b->cnt[j].c)
			return 0;
	}
	return 1;
}

int chk_formula_informative(const chk_formula *f)
{
	for (int i = 0; i < f->n_el; i++)
		if (f->known[i] && (f->cnt[i].var || f->cnt[i].c > 1))
			return 1;
	return 0;
}

int chk_formula_same(const chk_formula *a, const chk_formula *b)
{
	if (a->n_el != b->n_el || !a->counts_known || !b->counts_known)
		return 0;
	for (int i = 0; i < a->n_el; i++) {
		int found = 0;
		for (int j = 0; j < b->n_el && !found; j++)
			found = !strcmp(a->el[i], b->el[j]) && !a->cnt[i].var && !b->cnt[j].var &&
				a->cnt[i].c == b->cnt[j].c;
		if (!found)
			return 0;
	}
	return 1;
}
