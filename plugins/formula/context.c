/* context.c - what the words around a formula say about it: the ranges of its
 * variables ("x = 0–6", "x = 0, 1", "1 ≤ x ≤ 3"), the elements a placeholder stands
 * for ("M = Pt, Pd", "M = (Au, Pd, Pt)", "M = Au/Ag"), and the ligand abbreviations
 * a document defines ("SR = cyclohexanethiolate", "TBBT = 4-tert-butylbenzenethiol").
 * Each is one PCRE2 pattern; the value of a definition is delimited by hand, since
 * it ends where the next "ABBR =" begins, which a pattern cannot see ahead of. */
#include "fx.h"
#include <litx/formula.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char VARS_PATTERN[] =
	"(?<![\\p{L}\\p{N}])([xynmkz])\\s*=\\s*(\\d+(?:\\.\\d+)?)"
	"(?:\\s*(?:[\\-\\x{2010}-\\x{2015}\\x{2212}~]|to)\\s*(\\d+(?:\\.\\d+)?)"
	"|((?:\\s*,\\s*(?:and\\s+)?\\d+(?:\\.\\d+)?)+))?(?![\\p{L}\\p{N}])"
	"|(\\d+(?:\\.\\d+)?)\\s*(?:\\x{2264}|<=|<|\\x{2A7D})\\s*([xynmkz])\\s*"
	"(?:\\x{2264}|<=|<|\\x{2A7D})\\s*(\\d+(?:\\.\\d+)?)";

static const char BIND_PATTERN[] =
	"(?<![\\p{L}\\p{N}])M\\s*=\\s*\\(?\\s*([A-Z][a-z]?(?:\\s*(?:,|/|and|or|&)\\s*[A-Z][a-z]?)*)";

static const char DEFN_PATTERN[] =
	"(?<![\\p{L}\\p{N}\\-\\x{2032}',])([\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-\\x{2032}'\\x{2261}]"
	"|,(?=\\d))*)\\s?=\\s?(?!=)";

int fx_context_compile(fx_state *st, char *err, size_t cap)
{
	if (!(st->vars = fx_compile_one(VARS_PATTERN, err, cap)) ||
	    !(st->bind = fx_compile_one(BIND_PATTERN, err, cap)) ||
	    !(st->defn = fx_compile_one(DEFN_PATTERN, err, cap)))
		return -1;
	return 0;
}

static json_t *number(const char *s, size_t n)
{
	char buf[32];
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!strchr(buf, '.'))
		return json_integer(strtol(buf, NULL, 10));
	return json_real(strtod(buf, NULL));
}

static void add_range(json_t *out, char var, json_t *lo, json_t *hi)
{
	char key[2] = { var, 0 };
	json_t *arr = json_object_get(out, key);
	if (!arr) {
		arr = json_array();
		json_object_set_new(out, key, arr);
	}
	json_t *r = json_object();
	json_object_set_new(r, "min", lo);
	json_object_set_new(r, "max", hi);
	json_array_append_new(arr, r);
}

static json_t *variables(fx_state *st, const litx_text *t, size_t start, size_t end,
			 const char *vars, int first_only);

json_t *fx_variables(fx_state *st, const litx_text *t, size_t start, size_t end, const char *vars)
{
	return variables(st, t, start, end, vars, 0);
}

json_t *fx_variables_first(fx_state *st, const litx_text *t, size_t start, size_t end,
			   const char *vars)
{
	return variables(st, t, start, end, vars, 1);
}

/* Can t[start, end) hold a statement of VARS_PATTERN? Each has an '=' or a '<',
 * '≤' or '⩽' in it; a sentence with none is not searched. */
static int may_state(const litx_text *t, size_t start, size_t end)
{
	const char *s = t->s;
	for (size_t i = start; i < end; i++) {
		char c = s[i];
		if (c == '=' || c == '<')
			return 1;
		if ((unsigned char)c == 0xE2 && i + 2 < end &&
		    (((unsigned char)s[i + 1] == 0x89 && (unsigned char)s[i + 2] == 0xA4) ||
		     ((unsigned char)s[i + 1] == 0xA9 && (unsigned char)s[i + 2] == 0xBD)))
			return 1;
	}
	return 0;
}

static json_t *variables(fx_state *st, const litx_text *t, size_t start, size_t end,
			 const char *vars, int first_only)
{
	json_t *out = NULL;
	if (!may_state(t, start, end))
		return NULL;
	size_t off = start;
	while (off < end && !(first_only && out)) {
		int rc = pcre2_match(st->vars, (PCRE2_SPTR)t->s, end, off, PCRE2_NO_UTF_CHECK, st->md2,
				     st->mctx);
		if (rc < 0)
			break;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->md2);
		off = ov[1] > off ? ov[1] : off + 1;
		int g_var = ov[2] != PCRE2_UNSET ? 1 : 6;
		char var = t->s[ov[2 * g_var]];
		if (!strchr(vars, var))
			continue;
		if (!out && !(out = json_object()))
			return NULL;
		const char *s = t->s;
		if (g_var == 6) {
			add_range(out, var, number(s + ov[10], ov[11] - ov[10]),
				  number(s + ov[14], ov[15] - ov[14]));
		} else if (rc > 3 && ov[6] != PCRE2_UNSET) {
			add_range(out, var, number(s + ov[4], ov[5] - ov[4]),
				  number(s + ov[6], ov[7] - ov[6]));
		} else {
			add_range(out, var, number(s + ov[4], ov[5] - ov[4]),
				  number(s + ov[4], ov[5] - ov[4]));
			if (rc > 4 && ov[8] != PCRE2_UNSET) {
				/* ", 1, 2 and 4" */
				for (size_t p = ov[8]; p < ov[9];) {
					while (p < ov[9] && !(s[p] >= '0' && s[p] <= '9'))
						p++;
					size_t q = p;
					while (q < ov[9] && ((s[q] >= '0' && s[q] <= '9') || s[q] == '.'))
						q++;
					if (q > p)
						add_range(out, var, number(s + p, q - p), number(s + p, q - p));
					p = q;
				}
			}
		}
	}
	return out;
}

int fx_element_symbol(fx_state *st, const char *sym, size_t n, int metal)
{
	if (n == 0 || n > 2)
		return 0;
	/* "Sy2" parses as a formula exactly when Sy is an element */
	char probe[4] = { sym[0], n > 1 ? sym[1] : '2', n > 1 ? '2' : 0, 0 };
	json_t *d = fx_memo_describe(&st->memo, probe, n + 1, NULL);
	char key[3] = { sym[0], n > 1 ? sym[1] : 0, 0 };
	int ok = d && (!metal || json_object_get(json_object_get(d, "metals"), key) != NULL);
	json_decref(d);
	return ok;
}

json_t *fx_binding(fx_state *st, const litx_text *t, size_t start, size_t end)
{
	size_t off = start;
	/* every binding has its '=': a sentence with none is not searched */
	if (start >= end || !memchr(t->s + start, '=', end - start))
		return NULL;
	while (off < end) {
		int rc = pcre2_match(st->bind, (PCRE2_SPTR)t->s, end, off, PCRE2_NO_UTF_CHECK, st->md2,
				     st->mctx);
		if (rc < 2)
			return NULL;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->md2);
		off = ov[1] > off ? ov[1] : off + 1;
		json_t *out = json_array();
		if (!out)
			return NULL;
		const char *s = t->s;
		for (size_t p = ov[2]; p < ov[3];) {
			if (s[p] >= 'A' && s[p] <= 'Z') {
				size_t n = (p + 1 < ov[3] && s[p + 1] >= 'a' && s[p + 1] <= 'z') ? 2 : 1;
				if (n == 2 && p + 2 < ov[3] && s[p + 2] >= 'a' && s[p + 2] <= 'z') {
					p += n; /* a word ("and", "or") */
					continue;
				}
				if (fx_element_symbol(st, s + p, n, 1))
					json_array_append_new(out, json_stringn(s + p, n));
				p += n;
			} else
				p++;
		}
		if (json_array_size(out) > 0)
			return out;
		json_decref(out);
	}
	return NULL;
}

int fx_is_formula(fx_state *st, const char *s, size_t n)
{
	json_t *d = fx_memo_describe(&st->memo, s, n, NULL);
	int ok = d && json_is_object(json_object_get(d, "elements"));
	json_decref(d);
	return ok;
}

/* An abbreviation a document may define: something with a capital or a digit that
 * is not an element symbol, a variable or the placeholder M. */
static int abbreviation(fx_state *st, const char *s, size_t n)
{
	int cap = 0;
	for (size_t i = 0; i < n; i++)
		cap |= s[i] >= 'A' && s[i] <= 'Z';
	if (!cap || n > 24)
		return 0;
	if (n == 1 && s[0] == 'M')
		return 0;
	return !(n <= 2 && s[0] >= 'A' && s[0] <= 'Z' && (n == 1 || (s[1] >= 'a' && s[1] <= 'z')) &&
		 fx_element_symbol(st, s, n, 0));
}

/* A value that is a number with a unit ("125 mV", "0.5"), not a name. */
static int numeric(const char *s, size_t n)
{
	size_t i = 0;
	if (i < n && (s[i] == '-' || s[i] == '+' || s[i] == '~'))
		i++;
	size_t d = i;
	while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
		i++;
	return i > d && (i == n || s[i] == ' ');
}

/* Where the value that starts at vs ends: before the next "ABBR =", a ';', a closing
 * bracket it did not open, or the end. */
static size_t value_end(fx_state *st, const litx_text *t, size_t vs, size_t limit)
{
	const char *s = t->s;
	size_t end = limit;
	int rc = pcre2_match(st->defn, (PCRE2_SPTR)s, limit, vs, PCRE2_NO_UTF_CHECK, st->md2, st->mctx);
	if (rc > 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->md2);
		end = ov[0];
	}
	int depth = 0;
	for (size_t p = vs; p < end; p++) {
		/* ", in pursuit of...": the sentence goes on after the name */
		if (depth == 0 && s[p] == ',' && p + 2 < end && s[p + 1] == ' ' && s[p + 2] >= 'a' &&
		    s[p + 2] <= 'z')
			return p;
		if (s[p] == '(' || s[p] == '[')
			depth++;
		else if (s[p] == ')' || s[p] == ']') {
			if (depth == 0)
				return p;
			depth--;
		} else if (s[p] == ';' && depth == 0)
			return p;
	}
	return end;
}

/* Where a search for a definition from `off` may start without missing one. Every
 * match of DEFN_PATTERN ends at an '=' and is one run of name characters (letters,
 * digits, '-', '\'', ',', primes) with at most one space before that '='. So no
 * match starting at or after off ends before q, the first '=' from off, and any
 * match ending at q starts in the run right before it: walking back from q over one
 * space and every byte that may belong to a run (any non-ASCII byte counts) finds a
 * start no later than the leftmost match's. The pattern, which tries every byte of
 * the prose before, then finds what a search from off would. */
static size_t defn_start(const char *s, size_t off, size_t q)
{
	size_t p = q;
	if (p > off && (s[p - 1] == ' ' || s[p - 1] == '\t' || s[p - 1] == '\n' || s[p - 1] == '\r' ||
			s[p - 1] == '\f' || s[p - 1] == '\v'))
		p--;
	while (p > off) {
		unsigned char c = (unsigned char)s[p - 1];
		if (!(c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z') ||
		      c == '-' || c == '\'' || c == ','))
			break;
		p--;
	}
	return p;
}

int fx_definitions(fx_state *st, const fx_where *w, litx_sink *sink)
{
	const litx_text *t = w->t;
	if (!t || !t->s || !t->len || !memchr(t->s, '=', t->len))
		return 0;
	size_t off = 0;
	while (off < t->len) {
		const char *eq = memchr(t->s + off, '=', t->len - off);
		if (!eq)
			break; /* no '=' left: no definition left */
		size_t from = defn_start(t->s, off, (size_t)(eq - t->s));
		int rc = pcre2_match(st->defn, (PCRE2_SPTR)t->s, t->len, from, PCRE2_NO_UTF_CHECK, st->md,
				     st->mctx);
		if (rc < 2)
			break;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->md);
		size_t as = ov[2], ae = ov[3], vs = ov[1];
		off = ov[1] > off ? ov[1] : off + 1;
		if (!abbreviation(st, t->s + as, ae - as))
			continue;
		size_t ss = 0, se = t->len;
		litx_text_sentence(t, as, &ss, &se);
		size_t ve = value_end(st, t, vs, se);
		/* drop what joins it to the next definition: ", ", " and", "." */
		while (ve > vs && (t->s[ve - 1] == ' ' || t->s[ve - 1] == ',' || t->s[ve - 1] == '.'))
			ve--;
		if (ve >= 4 && ve - 4 >= vs && memcmp(t->s + ve - 4, " and", 4) == 0)
			ve -= 4;
		else if (ve >= 3 && ve - 3 >= vs && memcmp(t->s + ve - 3, " or", 3) == 0)
			ve -= 3;
		while (ve > vs && (t->s[ve - 1] == ' ' || t->s[ve - 1] == ','))
			ve--;
		if (ve <= vs || numeric(t->s + vs, ve - vs))
			continue;
		json_t *rec = json_object();
		if (!rec)
			return -1;
		json_object_set_new(rec, "abbreviation", json_stringn(t->s + as, ae - as));
		json_object_set_new(rec, fx_is_formula(st, t->s + vs, ve - vs) ? "formula" : "name",
				    json_stringn(t->s + vs, ve - vs));
		json_object_set_new(rec, "section", json_string(w->section));
		if (w->table && w->table->label)
			json_object_set_new(rec, "table", json_string(w->table->label));
		if (w->row)
			json_object_set_new(rec, "row", json_integer(w->row));
		litx_rec_locate(rec, t, as, ve);
		if (litx_emit(sink, "ligand_definitions", rec) < 0)
			return -1;
	}
	return 0;
}
