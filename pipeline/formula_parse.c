/* formula_parse.c - from formula text to a tree of nodes (see formula_int.h).
 *
 * A hand-written recursive-descent parser: formulas are short and their grammar is
 * context-dependent in ways a regular expression cannot hold (is "-" a charge, a
 * joiner "Au2-Pd3" or part of a count "25-x"? is "." a decimal point or a hydrate
 * dot?). Everything lives in the caller's fml_tree, so parsing allocates nothing.
 *
 * The parser is lenient where cluster formulas need it and strict elsewhere: a letter
 * run that is not made of element symbols or known abbreviations becomes a named
 * ligand ("SR", "TBBT", "dppy"), and a bracket group whose content is not chemistry
 * ("(C≡CR)", "(2,4-DMBT)") becomes one too; either clears tree->strict so the caller
 * knows the atoms are not all known. Unbalanced brackets set tree->malformed and
 * the formula is still read. */
#include "formula_int.h"
#include "formula_elem.h"
#include "formula_abbrev.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 10
#define HYDRATE_DOT '\x1e' /* every spelling of a hydrate dot after mapping */

typedef struct parser {
	fml_tree *t;
	size_t i;
	int depth;
} parser;

typedef struct list {
	int first, last;
	int prev_atom; /* the last thing added can take a count or a joiner after it */
} list;

static int is_up(char c) { return c >= 'A' && c <= 'Z'; }
static int is_low(char c) { return c >= 'a' && c <= 'z'; }
static int is_dig(char c) { return c >= '0' && c <= '9'; }
static int is_letter(char c) { return is_up(c) || is_low(c); }
static int is_var(char c)
{
	return c == 'x' || c == 'y' || c == 'z' || c == 'n' || c == 'm' || c == 'k';
}
static int is_opener(char c) { return c == '(' || c == '[' || c == '{'; }
static int is_closer(char c) { return c == ')' || c == ']' || c == '}'; }
static char closer_of(char c) { return c == '(' ? ')' : c == '[' ? ']' : '}'; }

/* ---- counts ---------------------------------------------------------------- */

fml_num fml_num_const(double c)
{
	fml_num n = { c, 0.0, 0, FML_NUM_VAL };
	return n;
}

int fml_num_is_const(fml_num a)
{
	return a.st == FML_NUM_VAL && a.k == 0.0;
}

fml_num fml_num_add(fml_num a, fml_num b)
{
	if (a.st == FML_NUM_BAD || b.st == FML_NUM_BAD)
		return (fml_num){ 0, 0, 0, FML_NUM_BAD };
	if (a.st == FML_NUM_NULL || b.st == FML_NUM_NULL)
		return (fml_num){ 0, 0, 0, FML_NUM_NULL };
	if (a.k != 0.0 && b.k != 0.0 && a.var != b.var)
		return (fml_num){ 0, 0, 0, FML_NUM_BAD };
	fml_num r = { a.c + b.c, a.k + b.k, a.k != 0.0 ? a.var : b.var, FML_NUM_VAL };
	if (r.k == 0.0)
		r.var = 0;
	return r;
}

fml_num fml_num_mul(fml_num a, fml_num b)
{
	if (a.st == FML_NUM_BAD || b.st == FML_NUM_BAD)
		return (fml_num){ 0, 0, 0, FML_NUM_BAD };
	if (a.st == FML_NUM_NULL || b.st == FML_NUM_NULL)
		return (fml_num){ 0, 0, 0, FML_NUM_NULL };
	if (a.k != 0.0 && b.k != 0.0)
		return (fml_num){ 0, 0, 0, FML_NUM_BAD };
	if (b.k != 0.0) {
		fml_num t = a;
		a = b;
		b = t;
	}
	fml_num r = { a.c * b.c, a.k * b.c, a.var, FML_NUM_VAL };
	if (r.k == 0.0)
		r.var = 0;
	return r;
}

/* A whole number written by hand: what "%.0f" writes for it (the formatter was a
 * good part of describing a formula). buf holds cap >= 1 bytes. */
static size_t put_whole(long long w, char *buf, size_t cap)
{
	char tmp[24];
	size_t k = sizeof tmp, n = 0;
	unsigned long long u = w < 0 ? 0ULL - (unsigned long long)w : (unsigned long long)w;
	do {
		tmp[--k] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (w < 0)
		tmp[--k] = '-';
	for (; k < sizeof tmp && n + 1 < cap; k++)
		buf[n++] = tmp[k];
	buf[n] = '\0';
	return n;
}

static size_t put_num(double v, char *buf, size_t cap)
{
	int n;
	/* -0.0 is "-0" for printf: left to it */
	if (v == floor(v) && fabs(v) < 1e15 && cap && !(v == 0.0 && signbit(v)))
		return put_whole((long long)v, buf, cap);
	if (v == floor(v) && fabs(v) < 1e15)
		n = snprintf(buf, cap, "%.0f", v);
	else
		n = snprintf(buf, cap, "%.6g", v);
	return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap ? cap - 1 : 0;
}

size_t fml_num_format(fml_num a, char *buf, size_t cap)
{
	if (!cap)
		return 0;
	buf[0] = '\0';
	if (a.st != FML_NUM_VAL)
		return 0;
	if (a.k == 0.0)
		return put_num(a.c, buf, cap);
	char kb[32] = "";
	if (fabs(a.k) != 1.0)
		put_num(fabs(a.k), kb, sizeof kb);
	int n;
	if (a.c == 0.0)
		n = snprintf(buf, cap, "%s%s%c", a.k < 0 ? "-" : "", kb, a.var);
	else {
		char cb[32];
		put_num(a.c, cb, sizeof cb);
		n = snprintf(buf, cap, "%s%c%s%c", cb, a.k < 0 ? '-' : '+', kb, a.var);
	}
	return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}

/* ---- input mapping ----------------------------------------------------------- */

/* Copy s into t->s: white space dropped; minus signs and dashes to '-'; hydrate
 * dots to HYDRATE_DOT; Unicode sub/superscript digits and signs to ASCII, a
 * superscript run led by '^'. -1 when too long. */
static int map_input(const char *s, size_t len, fml_tree *t)
{
	size_t k = 0;
	int in_sup = 0;
	for (size_t i = 0; i < len;) {
		const unsigned char *u = (const unsigned char *)s + i;
		if (u[0] == ' ' || u[0] == '\t' || u[0] == '\n' || u[0] == '\r') {
			i++;
			continue;
		}
		if (u[0] < 0x80) { /* any other ASCII byte is copied (the rest, below, is not ASCII) */
			in_sup = 0;
			if (k >= FML_MAX_INPUT)
				return -1;
			t->s[k++] = (char)u[0];
			i++;
			continue;
		}
		size_t rem = len - i;
		char out[2] = { 0, 0 };
		size_t adv = 1;
		int sup = 0;
		if (rem >= 2 && u[0] == 0xC2 && u[1] == 0xA0) { /* no-break space */
			i += 2;
			continue;
		}
		if (rem >= 2 && u[0] == 0xC2 && u[1] == 0xB7) {
			out[0] = HYDRATE_DOT;
			adv = 2;
		} else if (rem >= 2 && u[0] == 0xC2 && (u[1] == 0xB2 || u[1] == 0xB3 || u[1] == 0xB9)) {
			out[0] = u[1] == 0xB2 ? '2' : u[1] == 0xB3 ? '3' : '1';
			sup = 1;
			adv = 2;
		} else if (rem >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
			   (u[2] == 0x89 || u[2] == 0xAF || u[2] == 0x8A || u[2] == 0x88)) {
			i += 3; /* thin and narrow spaces */
			continue;
		} else if (rem >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x90 && u[2] <= 0x94) {
			out[0] = '-'; /* hyphen, non-breaking hyphen, figure, en and em dash */
			adv = 3;
		} else if (rem >= 3 && u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x92) {
			out[0] = '-'; /* minus sign */
			adv = 3;
		} else if (rem >= 3 && ((u[0] == 0xE2 && u[1] == 0x8B && u[2] == 0x85) ||
					(u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xA2) ||
					(u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x99) ||
					(u[0] == 0xE3 && u[1] == 0x83 && u[2] == 0xBB))) {
			out[0] = HYDRATE_DOT;
			adv = 3;
		} else if (rem >= 3 && u[0] == 0xE2 && u[1] == 0x81 &&
			   ((u[2] >= 0xB0 && u[2] <= 0xB9) || u[2] == 0xBA || u[2] == 0xBB)) {
			out[0] = u[2] == 0xBA ? '+' : u[2] == 0xBB ? '-' : (char)('0' + (u[2] - 0xB0));
			sup = 1;
			adv = 3;
		} else if (rem >= 3 && u[0] == 0xE2 && u[1] == 0x82 &&
			   ((u[2] >= 0x80 && u[2] <= 0x8B) || u[2] == 0x93 || u[2] == 0x99)) {
			out[0] = u[2] == 0x8A ? '+' : u[2] == 0x8B ? '-' : u[2] == 0x93 ? 'x' :
				 u[2] == 0x99 ? 'n' : (char)('0' + (u[2] - 0x80));
			adv = 3;
		} else {
			out[0] = (char)u[0];
		}
		if (sup && !in_sup) {
			if (k >= FML_MAX_INPUT)
				return -1;
			t->s[k++] = '^';
		}
		in_sup = sup;
		if (k >= FML_MAX_INPUT)
			return -1;
		t->s[k++] = out[0];
		i += adv;
	}
	t->s[k] = '\0';
	t->n = k;
	return 0;
}

/* ---- nodes ------------------------------------------------------------------- */

static int new_node(parser *p, int type, size_t start)
{
	fml_tree *t = p->t;
	if (t->n_nodes >= FML_MAX_NODES)
		return -1;
	int id = t->n_nodes++;
	fml_node *nd = &t->nodes[id];
	memset(nd, 0, sizeof *nd);
	nd->type = (unsigned char)type;
	nd->count = fml_num_const(1);
	nd->start = nd->end = start;
	nd->child = nd->next = -1;
	return id;
}

static void append(parser *p, list *l, int id)
{
	if (l->last >= 0)
		p->t->nodes[l->last].next = id;
	else
		l->first = id;
	l->last = id;
}

/* ---- charges ----------------------------------------------------------------- */

/* A charge spelled at s[i..j): "2+", "-", "+-", "-2", "0" (zero only when
 * allow_zero). Returns 1 and *ch when the whole range is one. */
static int charge_text(const char *s, size_t i, size_t j, int allow_zero, int *ch)
{
	if (i >= j)
		return 0;
	size_t d0 = i;
	while (d0 < j && is_dig(s[d0]))
		d0++;
	if (d0 == j) { /* digits only */
		if (allow_zero && j - i == 1 && s[i] == '0') {
			*ch = 0;
			return 1;
		}
		return 0;
	}
	if (d0 > i) { /* digits then one sign */
		if (d0 + 1 != j || (s[d0] != '+' && s[d0] != '-'))
			return 0;
		long v = 0;
		for (size_t k = i; k < d0 && v < 100000; k++)
			v = v * 10 + (s[k] - '0');
		*ch = (int)(s[d0] == '+' ? v : -v);
		return 1;
	}
	/* signs, then optional digits after a single sign */
	size_t k = i;
	int sum = 0;
	while (k < j && (s[k] == '+' || s[k] == '-')) {
		sum += s[k] == '+' ? 1 : -1;
		k++;
	}
	if (k == j) {
		*ch = sum;
		return 1;
	}
	if (k != i + 1)
		return 0;
	long v = 0;
	for (size_t m = k; m < j; m++) {
		if (!is_dig(s[m]))
			return 0;
		if (v < 100000)
			v = v * 10 + (s[m] - '0');
	}
	*ch = (int)(sum * v);
	return 1;
}

/* Does a formula end (or a group close, or a separator come) at i? */
static int boundary(const fml_tree *t, size_t i)
{
	return i >= t->n || is_closer(t->s[i]) || t->s[i] == '/' || t->s[i] == HYDRATE_DOT ||
	       t->s[i] == '@';
}

/* A superscript charge at i ('^' then "{2+}" or "2+"). Returns 1 and consumes it,
 * 0 when there is none, -1 when '^' leads something that is not a charge. */
static int sup_charge(parser *p, int *ch)
{
	fml_tree *t = p->t;
	if (p->i >= t->n || t->s[p->i] != '^')
		return 0;
	size_t i = p->i + 1, j;
	if (i < t->n && t->s[i] == '{') {
		const char *e = memchr(t->s + i, '}', t->n - i);
		if (!e)
			return -1;
		j = (size_t)(e - t->s);
		if (!charge_text(t->s, i + 1, j, 1, ch))
			return -1;
		p->i = j + 1;
		return 1;
	}
	/* the longest charge run: digits and one sign, or signs */
	j = i;
	while (j < t->n && is_dig(t->s[j]))
		j++;
	if (j < t->n && (t->s[j] == '+' || t->s[j] == '-'))
		j++;
	else if (j == i)
		return -1;
	if (!charge_text(t->s, i, j, 1, ch))
		return -1;
	/* "^++" is not a charge spelling */
	if (j < t->n && (t->s[j] == '+' || t->s[j] == '-'))
		return -1;
	p->i = j;
	return 1;
}

/* A plain charge at i that runs to a boundary: "2-", "+", "-2", "+-", "_2-". */
static int tail_charge(parser *p, int *ch)
{
	fml_tree *t = p->t;
	size_t i = p->i;
	int under = 0;
	if (i < t->n && t->s[i] == '_') {
		under = 1;
		i++;
	}
	size_t j = i;
	while (j < t->n && (is_dig(t->s[j]) || t->s[j] == '+' || t->s[j] == '-'))
		j++;
	if (j == i || !boundary(t, j))
		return 0;
	if (!charge_text(t->s, i, j, 0, ch))
		return 0;
	/* after '_' molmass wants digits first or a lone sign ("_2-", "_+"), not "_-2" */
	if (under && (t->s[i] == '-' || t->s[i] == '+') && j - i > 1 && is_dig(t->s[i + 1]))
		return 0;
	p->i = j;
	return 1;
}

/* ---- counts ------------------------------------------------------------------ */

/* Does the metal-free, decimal-free formula after the dot at j make that dot a
 * hydrate separator ("CuSO4.5H2O") rather than a decimal point ("Au0.4Pd0.6")? */
static int dot_is_separator(const fml_tree *t, size_t j, size_t int_start)
{
	if (j - int_start == 1 && t->s[int_start] == '0')
		return 0;
	size_t k = j + 1;
	while (k < t->n && is_dig(t->s[k]))
		k++;
	if (k >= t->n || !(is_up(t->s[k]) || t->s[k] == '('))
		return 0;
	int depth = 0;
	for (; k < t->n; k++) {
		char c = t->s[k];
		if (is_opener(c))
			depth++;
		else if (is_closer(c)) {
			if (depth-- == 0)
				break;
		} else if (depth == 0 && (c == '/' || c == '@'))
			break;
		else if (c == '.' && k + 1 < t->n && is_dig(t->s[k + 1]))
			return 0;
		else if (is_up(c)) {
			int z = 0;
			if (k + 1 < t->n && is_low(t->s[k + 1]))
				z = fml_element_z(t->s + k, 2);
			if (!z)
				z = fml_element_z(t->s + k, 1);
			if (z && fml_elements[z].metal)
				return 0;
		}
	}
	return 1;
}

/* A count at p->i: "24", "0.4", "25-x", "x", "12+x", optionally after '_' and in
 * braces. Returns 1 (with *out), 0 when none is there, -1 when malformed. */
static int parse_count(parser *p, fml_num *out)
{
	fml_tree *t = p->t;
	const char *s = t->s;
	size_t i = p->i, n = t->n;
	int under = 0, brace = 0;
	if (i < n && s[i] == '_') {
		under = 1;
		i++;
		if (i < n && s[i] == '_')
			return -1;
	}
	if (under && i < n && s[i] == '{') {
		brace = 1;
		i++;
	}
	fml_num r = fml_num_const(0);
	int got = 0;
	if (i < n && is_dig(s[i])) {
		size_t d0 = i;
		double v = 0;
		while (i < n && is_dig(s[i]) && i - d0 < 12)
			v = v * 10 + (s[i++] - '0');
		if (i < n && is_dig(s[i]))
			return -1; /* absurdly long */
		if (i + 1 < n && s[i] == '.' && is_dig(s[i + 1]) && !dot_is_separator(t, i, d0)) {
			char num[40];
			size_t e = i + 1;
			while (e < n && is_dig(s[e]))
				e++;
			if (e - d0 >= sizeof num)
				return -1;
			memcpy(num, s + d0, e - d0);
			num[e - d0] = '\0';
			v = strtod(num, NULL);
			i = e;
		}
		r.c = v;
		got = 1;
		/* "25-x", "12+x" */
		if (i + 1 < n && (s[i] == '-' || s[i] == '+') && is_var(s[i + 1]) &&
		    (i + 2 >= n || !is_low(s[i + 2]))) {
			r.k = s[i] == '-' ? -1.0 : 1.0;
			r.var = s[i + 1];
			i += 2;
		}
	} else if (i < n && is_var(s[i]) && (i + 1 >= n || !is_low(s[i + 1]))) {
		if (!under)
			t->bare_var = 1;
		r.k = 1.0;
		r.var = s[i++];
		got = 1;
		/* "x+1" */
		if (i + 1 < n && (s[i] == '-' || s[i] == '+') && is_dig(s[i + 1]) &&
		    !boundary(t, i + 2)) {
			/* a digit after the sign that is followed by more formula: a count */
			size_t d = i + 1;
			double v = 0;
			while (d < n && is_dig(s[d]))
				v = v * 10 + (s[d++] - '0');
			r.c = s[i] == '-' ? -v : v;
			i = d;
		}
	}
	if (!got) {
		if (brace)
			return -1;
		return 0; /* a bare '_' is left for a charge */
	}
	if (brace) {
		if (i >= n || s[i] != '}')
			return -1;
		i++;
	}
	if (r.k == 0.0 && r.c == 0.0)
		return -1; /* "H0": a zero count */
	p->i = i;
	*out = r;
	return 1;
}

/* A count after an atom or group, where "_2-" (a charge) is not a count. */
static int count_after(parser *p, fml_node *nd)
{
	fml_tree *t = p->t;
	if (p->i < t->n && t->s[p->i] == '_') {
		parser q = *p;
		int ch;
		if (tail_charge(&q, &ch))
			return 0;
	}
	fml_num c;
	if (!nd->nend)
		nd->nend = p->i;
	int r = parse_count(p, &c);
	if (r == 1) {
		nd->count = c;
		nd->has_count = 1;
		nd->end = p->i;
	}
	return r;
}

/* ---- letter runs ------------------------------------------------------------- */

static int element_at(const fml_tree *t, size_t i, size_t end, size_t *len)
{
	if (i + 1 < end && is_low(t->s[i + 1])) {
		int z = fml_element_z(t->s + i, 2);
		if (z) {
			*len = 2;
			return z;
		}
	}
	*len = 1;
	return fml_element_z(t->s + i, 1);
}

/* Tokenize the letters s[rs..re) into element, placeholder and abbreviation nodes.
 * Returns 0, or -1 when they are not all chemistry (the caller keeps the run as a
 * named ligand). */
static int tokenize_run(parser *p, list *l, size_t rs, size_t re)
{
	fml_tree *t = p->t;
	const char *s = t->s;
	size_t pos = rs;
	int last = -1;
	while (pos < re) {
		char c = s[pos];
		if (is_up(c)) {
			size_t el = 0, al = 0;
			int mh = 0;
			int z = element_at(t, pos, re, &el);
			const fml_abbrev *ab = fml_abbrev_match(s + pos, re - pos, &al, &mh);
			int id;
			if (ab && (!z || al > el)) {
				id = new_node(p, FN_WORD, pos);
				if (id < 0)
					return -1;
				t->nodes[id].abbrev = 1;
				t->nodes[id].formula = ab->formula;
				t->nodes[id].minus_h = mh;
				pos += al;
			} else if (c == 'D' && el == 1 && !z) {
				id = new_node(p, FN_ELEM, pos); /* deuterium */
				if (id < 0)
					return -1;
				t->nodes[id].z = 1;
				t->nodes[id].a = 2;
				pos += 1;
			} else if (z) {
				id = new_node(p, FN_ELEM, pos);
				if (id < 0)
					return -1;
				t->nodes[id].z = z;
				pos += el;
			} else if (c == 'M' && ((pos + 1 == re && re < t->n &&
						 (is_dig(s[re]) || s[re] == '_')) ||
						(pos + 1 < re && is_var(s[pos + 1]) &&
						 (pos + 2 >= re || !is_low(s[pos + 2]))))) {
				id = new_node(p, FN_PLACE, pos); /* a metal placeholder */
				if (id < 0)
					return -1;
				pos += 1;
			} else
				return -1;
			t->nodes[id].end = pos;
			append(p, l, id);
			last = id;
			/* a letter count inside the run: "Aux", "Aun" */
			/* ...but not "Non-CO2": a letter that ends a word before a hyphen */
			if (t->nodes[id].type != FN_WORD && pos < re && is_var(s[pos]) &&
			    (pos + 1 >= re || !is_low(s[pos + 1])) &&
			    !(pos + 1 == re && re < t->n && t->s[re] == '-')) {
				t->bare_var = 1;
				t->nodes[id].count = (fml_num){ 0, 1.0, s[pos], FML_NUM_VAL };
				t->nodes[id].has_count = 1;
				pos++;
				t->nodes[id].end = pos;
			}
			continue;
		}
		/* lowercase: a group abbreviation ("tBu", "bpy") or, after an element, a
		 * lowercase ligand glued to it ("Audppy") */
		size_t al = 0;
		int mh = 0;
		const fml_abbrev *ab = fml_abbrev_match(s + pos, re - pos, &al, &mh);
		if (ab) {
			int id = new_node(p, FN_WORD, pos);
			if (id < 0)
				return -1;
			t->nodes[id].abbrev = 1;
			t->nodes[id].formula = ab->formula;
			t->nodes[id].minus_h = mh;
			pos += al;
			t->nodes[id].end = pos;
			append(p, l, id);
			last = id;
			continue;
		}
		if (last >= 0 && t->nodes[last].type == FN_ELEM) {
			size_t k = pos;
			while (k < re && is_low(s[k]))
				k++;
			if (k == re && fml_is_known_ligand(s + pos, re - pos)) {
				int id = new_node(p, FN_WORD, pos);
				if (id < 0)
					return -1;
				t->nodes[id].end = re;
				append(p, l, id);
				t->strict = 0;
				t->words++;
				pos = re;
				continue;
			}
		}
		return -1;
	}
	return 0;
}

static int parse_run(parser *p, list *l)
{
	fml_tree *t = p->t;
	size_t rs = p->i, re = rs;
	while (re < t->n && is_letter(t->s[re]))
		re++;
	/* a label glued on ("AuPdNCs"): the formula ends before it */
	size_t lab = fml_label_suffix(t->s + rs, re - rs);
	size_t stop = re - lab;
	if (lab && stop == rs) {
		if (!l->prev_atom)
			return -1; /* a formula does not start with a label */
		p->i = re;
		return 0;
	}
	int saved = t->n_nodes, saved_last = l->last, saved_first = l->first;
	int words = t->words, strict = t->strict;
	if (tokenize_run(p, l, rs, stop) < 0) {
		t->n_nodes = saved;
		t->words = words;
		t->strict = strict;
		l->last = saved_last;
		l->first = saved_first;
		if (l->last >= 0)
			t->nodes[l->last].next = -1;
		int id = new_node(p, FN_WORD, rs);
		if (id < 0)
			return -1;
		t->nodes[id].end = stop;
		append(p, l, id);
		t->strict = 0;
		t->words++;
	}
	p->i = stop;
	l->prev_atom = 1;
	if (lab) {
		p->i = re;
		return 0;
	}
	return count_after(p, &t->nodes[l->last]) < 0 ? -1 : 0;
}

/* ---- groups and sequences ------------------------------------------------------ */

static int parse_seq(parser *p, char closer, list *l);

/* "(I)", "(ii)", "(0)" after an element: an oxidation state, not atoms. */
static size_t oxidation_state(const fml_tree *t, size_t i)
{
	size_t j = i + 1;
	if (j < t->n && t->s[j] == '0' && j + 1 < t->n && t->s[j + 1] == ')')
		return 3;
	size_t k = j;
	int up = 0, low = 0;
	while (k < t->n && k - j < 4 && strchr("IVXivx", t->s[k]) && t->s[k]) {
		if (is_up(t->s[k]))
			up = 1;
		else
			low = 1;
		k++;
	}
	if (k > j && k < t->n && t->s[k] == ')' && !(up && low))
		return k - i + 1;
	return 0;
}

/* The end of the bracket opened at i (matching nesting), or 0 when it never closes. */
static size_t matching(const fml_tree *t, size_t i)
{
	int depth = 0;
	for (size_t k = i; k < t->n; k++) {
		if (is_opener(t->s[k]))
			depth++;
		else if (is_closer(t->s[k]) && --depth == 0)
			return k;
	}
	return 0;
}

/* What follows a closed group: a charge, a multiplier, or a multiplier and a charge. */
static int group_suffix(parser *p, fml_node *g, char closer)
{
	fml_tree *t = p->t;
	int ch, r;
	if ((r = sup_charge(p, &ch)) != 0) {
		if (r < 0)
			return -1;
		g->charge = ch;
		g->has_charge = 1;
		return 0;
	}
	if (closer == ']' || closer == '}' || closer == 0) {
		/* after a square bracket "]0", "]2+", "]-", "]+-" and "]-2" are charges */
		size_t i = p->i, j = i;
		while (j < t->n && is_dig(t->s[j]))
			j++;
		size_t k = 0;
		if (j == i + 1 && t->s[i] == '0' && (j >= t->n || t->s[j] != '.'))
			k = j;
		else if (j > i && j < t->n && (t->s[j] == '+' || t->s[j] == '-'))
			k = j + 1;
		else if (j == i && i < t->n && (t->s[i] == '+' || t->s[i] == '-')) {
			k = i;
			while (k < t->n && (t->s[k] == '+' || t->s[k] == '-'))
				k++;
			size_t d = k;
			while (d < t->n && is_dig(t->s[d]))
				d++;
			if (k == i + 1 && d > k && boundary(t, d))
				k = d;
		}
		if (k && charge_text(t->s, i, k, 1, &ch)) {
			g->charge = ch;
			g->has_charge = 1;
			p->i = k;
			return 0;
		}
	}
	if (count_after(p, g) < 0)
		return -1;
	if (g->has_count && g->count.k != 0.0 && g->count.c == 0.0)
		g->polymer = 1;
	if ((r = sup_charge(p, &ch)) != 0) {
		if (r < 0)
			return -1;
		g->charge = ch;
		g->has_charge = 1;
		return 0;
	}
	if (tail_charge(p, &ch)) {
		g->charge = ch;
		g->has_charge = 1;
	}
	return 0;
}

static int parse_group(parser *p, list *l)
{
	fml_tree *t = p->t;
	size_t gs = p->i;
	char open = t->s[gs], want = closer_of(open);
	int saved = t->n_nodes, strict = t->strict, words = t->words, malformed = t->malformed;
	int id = new_node(p, FN_GROUP, gs);
	if (id < 0)
		return -1;
	t->nodes[id].open = open;
	t->nodes[id].cstart = gs + 1;
	if (++p->depth > MAX_DEPTH)
		return -1;
	p->i = gs + 1;
	list in = { -1, -1, 0 };
	int rc = parse_seq(p, want, &in);
	p->depth--;
	if (rc == 0 && in.first < 0)
		return -1; /* "()" */
	if (rc < 0) {
		/* not chemistry inside: keep the content as a named ligand, "(C≡CR)" */
		size_t end = matching(t, gs);
		int letter = 0;
		for (size_t k = gs + 1; k < end; k++)
			letter |= is_letter(t->s[k]);
		if (!end || !letter)
			return -1;
		t->n_nodes = saved;
		t->strict = strict;
		t->words = words;
		t->malformed = malformed;
		id = new_node(p, FN_GROUP, gs);
		if (id < 0)
			return -1;
		fml_node *g = &t->nodes[id];
		g->open = open;
		g->cstart = gs + 1;
		g->cend = end;
		g->closed = 1;
		g->child = -1;
		t->strict = 0;
		t->words++;
		p->i = end + 1;
		g->end = p->i;
		append(p, l, id);
		l->prev_atom = 1;
		return group_suffix(p, g, t->s[end]) < 0 ? -1 : 0;
	}
	fml_node *g = &t->nodes[id];
	g->child = in.first;
	g->cend = p->i;
	char got = 0;
	if (p->i < t->n && is_closer(t->s[p->i])) {
		got = t->s[p->i];
		if (got != want)
			t->malformed = 1;
		g->closed = 1;
		p->i++;
	} else
		t->malformed = 1; /* never closed: read to the end */
	g->end = p->i;
	append(p, l, id);
	l->prev_atom = 1;
	if (g->closed && group_suffix(p, g, got) < 0)
		return -1;
	t->nodes[id].end = p->i;
	return 0;
}

/* Leading "12C" (an isotope) or "5*" (a multiplier). */
static int leading_digits(parser *p, list *l)
{
	fml_tree *t = p->t;
	size_t i = p->i, j = i;
	long a = 0;
	while (j < t->n && is_dig(t->s[j]) && j - i < 6)
		a = a * 10 + (t->s[j++] - '0');
	if (j < t->n && t->s[j] == '*') {
		if (a == 0 || l->prev_atom)
			return -1;
		int id = new_node(p, FN_SEP, i);
		if (id < 0)
			return -1;
		t->nodes[id].sep = '.';
		t->nodes[id].count = fml_num_const((double)a);
		t->nodes[id].end = j + 1;
		append(p, l, id);
		p->i = j + 1;
		return 0;
	}
	size_t el;
	if (j < t->n && is_up(t->s[j])) {
		int z = element_at(t, j, t->n, &el);
		if (z && fml_isotope_mass(z, (int)a) > 0) {
			int id = new_node(p, FN_ELEM, i);
			if (id < 0)
				return -1;
			t->nodes[id].z = z;
			t->nodes[id].a = (int)a;
			p->i = j + el;
			t->nodes[id].end = p->i;
			append(p, l, id);
			l->prev_atom = 1;
			return count_after(p, &t->nodes[id]) < 0 ? -1 : 0;
		}
	}
	return -1;
}

/* "[13C]": an isotope in brackets. Returns its length, 0 if not one, -1 when it is
 * one that is not stable ("[11C]"). */
static long bracket_isotope(parser *p, list *l)
{
	fml_tree *t = p->t;
	size_t i = p->i + 1, j = i;
	long a = 0;
	while (j < t->n && is_dig(t->s[j]) && j - i < 4)
		a = a * 10 + (t->s[j++] - '0');
	if (j == i || j >= t->n || !is_up(t->s[j]))
		return 0;
	size_t el;
	int z = element_at(t, j, t->n, &el);
	if (!z || j + el >= t->n || t->s[j + el] != ']')
		return 0;
	if (fml_isotope_mass(z, (int)a) <= 0)
		return -1;
	int id = new_node(p, FN_ELEM, p->i);
	if (id < 0)
		return -1;
	t->nodes[id].z = z;
	t->nodes[id].a = (int)a;
	p->i = j + el + 1;
	t->nodes[id].end = p->i;
	append(p, l, id);
	l->prev_atom = 1;
	return count_after(p, &t->nodes[id]) < 0 ? -1 : 1;
}

static int add_charge(parser *p, list *l, int ch, size_t start)
{
	int id = new_node(p, FN_CHARGE, start);
	if (id < 0)
		return -1;
	p->t->nodes[id].charge = ch;
	p->t->nodes[id].end = p->i;
	append(p, l, id);
	return 0;
}

static int add_sep(parser *p, list *l, char sep, size_t start)
{
	int id = new_node(p, FN_SEP, start);
	if (id < 0)
		return -1;
	p->t->nodes[id].sep = sep;
	p->t->nodes[id].end = p->i;
	append(p, l, id);
	l->prev_atom = 0;
	return id;
}

/* A hydrate or adduct separator at p->i (already known to be one). */
static int hydrate(parser *p, list *l)
{
	fml_tree *t = p->t;
	size_t start = p->i;
	if (!l->prev_atom)
		return -1; /* "·H2O", "CuSO4··H2O" */
	p->i++;
	int id = add_sep(p, l, '.', start);
	if (id < 0)
		return -1;
	size_t j = p->i;
	long m = 0;
	while (j < t->n && is_dig(t->s[j]) && j - p->i < 6)
		m = m * 10 + (t->s[j++] - '0');
	if (j > p->i) {
		if (m == 0)
			return -1; /* "·0H2O" */
		t->nodes[id].count = fml_num_const((double)m);
		p->i = j;
	}
	if (p->i >= t->n || !(is_up(t->s[p->i]) || is_opener(t->s[p->i]) || is_low(t->s[p->i])))
		return -1; /* nothing after the dot */
	t->nodes[id].end = p->i;
	return 0;
}

static int parse_seq(parser *p, char closer, list *l)
{
	fml_tree *t = p->t;
	const char *s = t->s;
	for (;;) {
		size_t i = p->i;
		if (i >= t->n)
			return 0;
		char c = s[i];
		int ch, r;
		if (is_closer(c)) {
			if (closer)
				return 0;
			/* a closer nobody opened: what came before is its group */
			if (l->first < 0)
				return -1;
			int id = new_node(p, FN_GROUP, 0);
			if (id < 0)
				return -1;
			fml_node *g = &t->nodes[id];
			g->open = 0;
			g->closed = 1;
			g->child = l->first;
			g->cstart = 0;
			g->cend = i;
			t->malformed = 1;
			l->first = l->last = id;
			p->i = i + 1;
			l->prev_atom = 1;
			if (group_suffix(p, g, ']') < 0)
				return -1;
			/* a number after a closer nobody opened multiplies nothing we can
			 * trust ("...(p-FPh)3P)12": the opener is missing, not the atoms) */
			g->has_count = 0;
			g->polymer = 0;
			g->count = fml_num_const(1);
			t->nodes[id].end = p->i;
			continue;
		}
		if (is_opener(c)) {
			if (c == '[') {
				long iso = bracket_isotope(p, l);
				if (iso < 0)
					return -1;
				if (iso > 0)
					continue;
				/* "NO2[-]": a charge in brackets */
				size_t e = matching(t, i);
				if (e && l->prev_atom && charge_text(s, i + 1, e, 1, &ch)) {
					p->i = e + 1;
					if (add_charge(p, l, ch, i) < 0)
						return -1;
					continue;
				}
			}
			if (c == '(' && l->last >= 0 && t->nodes[l->last].type == FN_ELEM) {
				size_t ox = oxidation_state(t, i);
				if (ox) {
					p->i = i + ox;
					continue;
				}
			}
			if (parse_group(p, l) < 0)
				return -1;
			continue;
		}
		if (is_letter(c)) {
			if (parse_run(p, l) < 0)
				return -1;
			continue;
		}
		if (is_dig(c)) {
			if (l->prev_atom)
				return -1; /* digits nothing can take: "H(2)3" */
			if (leading_digits(p, l) < 0)
				return -1;
			continue;
		}
		switch (c) {
		case '-':
			if (!l->prev_atom) {
				if (l->first >= 0 && t->nodes[l->last].type == FN_SEP)
					return -1;
				p->i++; /* a stray leading hyphen: "(-SR)18" */
				continue;
			}
			if (tail_charge(p, &ch)) {
				if (add_charge(p, l, ch, i) < 0)
					return -1;
				continue;
			}
			if (i + 1 < t->n && (is_letter(s[i + 1]) || is_opener(s[i + 1]))) {
				p->i++;
				if (add_sep(p, l, '-', i) < 0)
					return -1;
				continue;
			}
			return -1; /* "H-2O" */
		case '+':
			if (!l->prev_atom)
				return -1;
			if (tail_charge(p, &ch)) {
				if (add_charge(p, l, ch, i) < 0)
					return -1;
				continue;
			}
			if (i + 1 < t->n && (is_up(s[i + 1]) || is_dig(s[i + 1]) || is_opener(s[i + 1]))) {
				if (hydrate(p, l) < 0) /* molmass's "5*H2O+CuSO4" */
					return -1;
				continue;
			}
			return -1;
		case '/':
		case '@':
			if (!l->prev_atom || i + 1 >= t->n)
				return -1;
			p->i++;
			if (add_sep(p, l, c, i) < 0)
				return -1;
			continue;
		case HYDRATE_DOT:
			if (hydrate(p, l) < 0)
				return -1;
			continue;
		case '.':
			if (i + 1 < t->n && (is_dig(s[i + 1]) || is_up(s[i + 1]) || is_opener(s[i + 1]))) {
				if (hydrate(p, l) < 0)
					return -1;
				continue;
			}
			return -1;
		case '^':
			if (!l->prev_atom)
				return -1;
			if ((r = sup_charge(p, &ch)) <= 0)
				return -1;
			if (add_charge(p, l, ch, i) < 0)
				return -1;
			continue;
		case '_':
			if (!l->prev_atom || !tail_charge(p, &ch))
				return -1;
			if (add_charge(p, l, ch, i) < 0)
				return -1;
			continue;
		default:
			return -1;
		}
	}
}

int fml_parse(const char *s, size_t len, fml_tree *t)
{
	t->n_nodes = 0;
	t->root = -1;
	t->malformed = 0;
	t->strict = 1;
	t->words = 0;
	t->bare_var = 0;
	if (map_input(s, len, t) < 0 || t->n == 0)
		return -1;
	parser p = { t, 0, 0 };
	list l = { -1, -1, 0 };
	if (parse_seq(&p, 0, &l) < 0)
		return -1;
	if (p.i != t->n || l.first < 0)
		return -1;
	/* a formula does not end on a separator */
	if (t->nodes[l.last].type == FN_SEP)
		return -1;
	t->root = l.first;
	return 0;
}

int fml_split_charge(const char *s, size_t len, size_t *body_start, size_t *body_len)
{
	size_t e = len, j = len;
	int ch = 0;
	while (j > 0 && is_dig(s[j - 1]))
		j--;
	if (j < e && j > 0 && (s[j - 1] == '+' || s[j - 1] == '-') &&
	    !(j >= 2 && (s[j - 2] == '+' || s[j - 2] == '-'))) {
		/* a sign and digits: "-2", "+1" */
		charge_text(s, j - 1, e, 0, &ch);
		e = j - 1;
	} else {
		size_t m = e;
		while (m > 0 && (s[m - 1] == '+' || s[m - 1] == '-'))
			m--;
		if (m < e) {
			size_t d = m;
			while (d > 0 && is_dig(s[d - 1]))
				d--;
			/* digits before one sign are a charge only after ']' or '_' ("CH3+"
			 * is CH3 with one positive charge) */
			if (d < m && e - m == 1 && d > 0 && (s[d - 1] == ']' || s[d - 1] == '_')) {
				charge_text(s, d, e, 0, &ch);
				e = d;
			} else {
				charge_text(s, m, e, 0, &ch);
				e = m;
			}
		}
	}
	if (e < len && e > 0 && s[e - 1] == '_')
		e--;
	size_t b = 0;
	if (e >= 2 && s[0] == '[' && s[e - 1] == ']') {
		/* strip one pair only when it wraps everything */
		int depth = 0, wraps = 1;
		for (size_t m = 0; m < e; m++) {
			if (s[m] == '[')
				depth++;
			else if (s[m] == ']' && --depth == 0 && m != e - 1)
				wraps = 0;
		}
		if (wraps) {
			b = 1;
			e--;
		}
	}
	*body_start = b;
	*body_len = e - b;
	return ch;
}
