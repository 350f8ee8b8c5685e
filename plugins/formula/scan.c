/* scan.c - finding formula mentions in one text and emitting their records.
 *
 * A PCRE2 pattern finds formula-like tokens: a run that starts with a capital (or a
 * bracket) and goes on through letters, digits, brackets (a balanced bracket may hold
 * spaces: "(2, 4-DMBT)"), joiners and charges. The token is then cut and trimmed by
 * what the spans say (a citation superscript ends it; a subscript that is a label,
 * "FE_{CO}", "AuPd_{NCs}", ends it; a superscript that is not a charge, "^{3/2}",
 * ends it), by words glued on with a hyphen ("Au-based") and by punctuation. What is
 * left is rewritten with '_' before subscripts and '^' before charges and handed to
 * the core parser (litx_formula_describe); whatever the parser refuses is not a
 * formula. A few rules only the sentence can settle come last: "Au–S bond" names a
 * bond, "Cu/Ag doping" two alternatives, "M13" a formula only when M is bound. */
#include "fx.h"
#include "swar.h"
#include <litx/formula.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_MARKED 1024

/* The pattern (PCRE2 syntax, UTF): joiners that a space follows before the next
 * part ("Au– Fe1"), a space before '@' or '/' ("Au1-xAgx @GSH"), balanced groups,
 * formula characters, and lone brackets (a formula may be malformed).
 * The ASCII letters, digits and joiners come first: no other alternative matches
 * them (those start with a dash, a space or an opening bracket), so they go as the
 * class after them would take them, without its Unicode property lookups. The
 * loop is possessive: nothing follows it, so the greedy loop never gave back
 * anything, and the matcher need not keep the means to.
 * fx_plain_token reads the common tokens without the pattern: a change here is a
 * change there (tests/test_fx_scan.c holds the two to the same answers). */
static const char CAND_PATTERN[] =
	"(?:(?<![\\p{L}\\p{N}_'\\x{2032}\\-\\x{2010}-\\x{2015}\\x{2212}/@.\\x{00B7}+\\x{2261}])"
	"|(?<=\\d)(?=\\[))"
	"[\\[\\(\\{]*[A-Z]"
	"(?:[A-Za-z0-9+/@.']"
	"|[\\-\\x{2010}-\\x{2015}\\x{2212}]\\x{20}(?=[A-Z][a-z]?\\d)"
	"|\\x{20}(?=[@/][\\p{L}(\\[])"
	"|(?&g)"
	"|[\\p{L}\\p{N}+\\-/@.\\x{00B7}\\x{2261}\\x{2032}'\\x{2010}-\\x{2015}\\x{2212}\\x{22C5}"
	"\\x{2022}]"
	"|[\\)\\]\\}\\(\\[\\{])*+"
	"(?(DEFINE)(?<g>[\\(\\[\\{](?:[^()\\[\\]{}\\n]|(?&g))*[\\)\\]\\}]))";

/* The same characters, anchored where a formula with an open bracket goes on after a
 * space ("[Au10Ag2 (2-py-C=C3)(dppy)6](BF4)5"). */
static const char CONT_PATTERN[] =
	"\\G(?:(?&g)"
	"|[\\p{L}\\p{N}+\\-/@.\\x{00B7}\\x{2261}\\x{2032}'\\x{2010}-\\x{2015}\\x{2212}\\x{22C5}"
	"\\x{2022}]"
	"|[\\)\\]\\}\\(\\[\\{])+"
	"(?(DEFINE)(?<g>[\\(\\[\\{](?:[^()\\[\\]{}\\n]|(?&g))*[\\)\\]\\}]))";

pcre2_code *fx_compile_one(const char *pat, char *err, size_t cap)
{
	return litx_pattern_compile(pat, PCRE2_UCP | PCRE2_NO_UTF_CHECK, err, cap);
}

int fx_compile(fx_state *st, char *err, size_t cap)
{
	if (!(st->cand = fx_compile_one(CAND_PATTERN, err, cap)) ||
	    !(st->cont = fx_compile_one(CONT_PATTERN, err, cap)))
		return -1;
	return fx_context_compile(st, err, cap);
}

/* ---- spans ---------------------------------------------------------------------- */

/* The span index of the text being scanned (spans.c): st->spans, pointed at t when
 * it is not already. */
static const fx_spans *spans_of(fx_state *st, const litx_text *t)
{
	if (st->spans.t != t)
		fx_spans_set(&st->spans, t); /* out of memory: it answers all the same */
	return &st->spans;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_low(char c) { return c >= 'a' && c <= 'z'; }
static int is_up(char c) { return c >= 'A' && c <= 'Z'; }

/* Is s[0..n) a count: "24", "0.4", "25-x", "25–x", "x", "12+x", "n"? */
static int count_text(const char *s, size_t n)
{
	size_t i = 0;
	if (n == 0)
		return 0;
	if (is_digit(s[0])) {
		while (i < n && is_digit(s[i]))
			i++;
		if (i < n && s[i] == '.') {
			i++;
			if (i >= n || !is_digit(s[i]))
				return 0;
			while (i < n && is_digit(s[i]))
				i++;
		}
		if (i == n)
			return 1;
		size_t k = i;
		if (s[k] == '-' || s[k] == '+')
			k++;
		else if (n - k >= 3 && (unsigned char)s[k] == 0xE2 && (unsigned char)s[k + 1] == 0x80 &&
			 (unsigned char)s[k + 2] == 0x93)
			k += 3; /* en dash */
		else
			return 0;
		return k + 1 == n && is_low(s[k]);
	}
	if (is_low(s[0]) && (n == 1 || (!is_low(s[1]) && (s[1] == '-' || s[1] == '+'))))
		return n == 1 || (n >= 3 && is_digit(s[2]));
	return 0;
}

/* Is s[0..n) a charge: "2+", "-", "0", "3-", "+"? */
static int charge_text(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && is_digit(s[i]))
		i++;
	if (i == n)
		return n == 1 && s[0] == '0';
	if (s[i] != '+' && s[i] != '-')
		return 0;
	/* "2-", "+", "-"; not "-1", which is the exponent of a unit ("L^{-1}") */
	return i + 1 == n;
}

/* Letters and primes only: "t" of "^tBu", "′". */
static int letters_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!(is_low(s[i]) || is_up(s[i]) || (unsigned char)s[i] >= 0x80 || s[i] == '\''))
			return 0;
	return n > 0;
}

/* Length of the UTF-8 character ending at s[e-1]. */
static size_t last_char_len(const char *s, size_t start, size_t e)
{
	size_t k = e - 1;
	while (k > start && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	return e - k;
}

static int is_dash_at(const char *s, size_t i, size_t e, size_t *len)
{
	if (i < e && s[i] == '-') {
		*len = 1;
		return 1;
	}
	if (i + 3 <= e && (unsigned char)s[i] == 0xE2 &&
	    (((unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] >= 0x90 &&
	      (unsigned char)s[i + 2] <= 0x95) ||
	     ((unsigned char)s[i + 1] == 0x88 && (unsigned char)s[i + 2] == 0x92))) {
		*len = 3;
		return 1;
	}
	return 0;
}

/* ---- cutting and trimming a token ------------------------------------------------ */

/* Does "(x = ...", "(M = ..." start at p? */
static int binding_group(const char *x, size_t p, size_t e)
{
	size_t q = p + 1;
	if (q < e && (is_low(x[q]) || x[q] == 'M'))
		q++;
	else
		return 0;
	while (q < e && x[q] == ' ')
		q++;
	return q < e && x[q] == '=';
}

static int unit_group(const char *x, size_t p, size_t e)
{
	static const char *const units[] = { "nM", "mM", "uM", "\xC2\xB5M", "\xCE\xBCM", "pM", "fM",
		"M", "h", "min", "s", "mL", "L", "mg", "ng", "%", "a.u.", NULL };
	size_t q = p + 1, k = q;
	while (k < e && x[k] != ')' && x[k] != ' ')
		k++;
	if (k - q > 5)
		return 0; /* longer than any unit */
	for (size_t i = 0; units[i]; i++)
		if (strlen(units[i]) == k - q && memcmp(x + q, units[i], k - q) == 0)
			return 1;
	return 0;
}

/* The first span of `kind` starting at p and not empty, looked for from span i (the
 * first starting at or after p): what fx_span_starting answers, without its search. */
static const litx_span *starting_at(const litx_text *t, size_t i, size_t p, litx_span_kind kind)
{
	for (; i < t->n_spans && t->spans[i].start == p; i++)
		if (t->spans[i].kind == kind && t->spans[i].end > p)
			return &t->spans[i];
	return NULL;
}

/* Where the token [s, e) must end because of spans and glued words. */
static size_t cut(const fx_spans *sx, size_t s, size_t e)
{
	const litx_text *t = sx->t;
	const char *x = t->s;
	int depth = 0;
	size_t si = fx_span_index(sx, s); /* first span starting at or after p */
	/* most tokens have no citation after their first byte: then none is looked for */
	int cites = e > s + 1 && fx_span_in(sx, s + 1, e, LITX_SPAN_CITE);
	for (size_t p = s; p < e;) {
		const litx_span *sp;
		if (p > s && cites && (sp = fx_span_at(sx, p, LITX_SPAN_CITE)))
			return p;
		while (si < t->n_spans && t->spans[si].start < p)
			si++;
		int at = si < t->n_spans && t->spans[si].start == p; /* a span starts here */
		if (at && (sp = starting_at(t, si, p, LITX_SPAN_SUB))) {
			if (!count_text(x + p, sp->end - p))
				return p;
			p = sp->end;
			continue;
		}
		if (at && (sp = starting_at(t, si, p, LITX_SPAN_SUP))) {
			size_t n = sp->end - p;
			if (fx_span_at(sx, p, LITX_SPAN_CITE) ||
			    !(charge_text(x + p, n) || letters_text(x + p, n)))
				return p;
			p = sp->end;
			continue;
		}
		char c = x[p];
		/* "(x = 4–8)", "(M = Pt, Pd)" glued on: a binding, not a ligand; "(nM)",
		 * "(min)": a unit */
		if (depth == 0 && c == '(' && p > s && (binding_group(x, p, e) || unit_group(x, p, e)))
			return p;
		/* "Au3series": a word glued on after a count */
		if (depth == 0 && p > s && is_low(c) && (is_digit(x[p - 1]) || fx_sub_ends_at(sx, p)) &&
		    p + 2 < e && is_low(x[p + 1]) && is_low(x[p + 2]))
			return p;
		if (c == '(' || c == '[' || c == '{')
			depth++;
		else if ((c == ')' || c == ']' || c == '}') && depth > 0)
			depth--;
		size_t dl;
		if (depth == 0 && p > s && is_dash_at(x, p, e, &dl)) {
			size_t q = p + dl;
			/* "Au-based", "Pt-doped": a word glued on */
			if (q + 1 < e && is_low(x[q]) && is_low(x[q + 1]))
				return p;
			/* "NC-1", "PdSAs-600": a number glued on */
			size_t d = q;
			while (d < e && is_digit(x[d]))
				d++;
			if (d > q && d == e && !fx_span_at(sx, p, LITX_SPAN_SUP))
				return p;
		}
		p++;
	}
	return e;
}

static int bracket_balance(const char *x, size_t s, size_t e, int *stray)
{
	int depth = 0;
	*stray = 0;
	for (size_t i = s; i < e; i++) {
		if (x[i] == '(' || x[i] == '[' || x[i] == '{')
			depth++;
		else if (x[i] == ')' || x[i] == ']' || x[i] == '}') {
			if (depth == 0)
				(*stray)++;
			else
				depth--;
		}
	}
	return depth;
}

/* The closer matching the opener at i within [i, e), or 0. */
static size_t match_of(const char *x, size_t i, size_t e)
{
	int depth = 0;
	for (size_t k = i; k < e; k++) {
		if (x[k] == '(' || x[k] == '[' || x[k] == '{')
			depth++;
		else if ((x[k] == ')' || x[k] == ']' || x[k] == '}') && --depth == 0)
			return k;
	}
	return 0;
}

static void trim(const fx_spans *sx, size_t *ps, size_t *pe)
{
	const char *x = sx->t->s;
	size_t s = *ps, e = *pe;
	for (int guard = 0; guard < 64 && e > s; guard++) {
		size_t cl = last_char_len(x, s, e);
		size_t lc = e - cl;
		char c = x[lc];
		if (fx_span_at(sx, lc, LITX_SPAN_SUP) && !fx_span_at(sx, lc, LITX_SPAN_CITE))
			break; /* a charge */
		size_t dl;
		if (c == '.' || c == ',' || c == ':' || c == ';' || c == '/' || c == '@' ||
		    c == '\'' || (cl == 2 && (unsigned char)c == 0xC2) ||
		    (is_dash_at(x, lc, e, &dl) && !(lc > s && x[lc - 1] == ']'))) {
			e = lc;
			continue;
		}
		if (c == ')' || c == ']' || c == '}') {
			int stray;
			bracket_balance(x, s, e, &stray);
			if (stray > 0 && match_of(x, s, e) != lc) {
				/* a closer nobody opened, at the end: "(Au, Pd, Pt)" */
				int st2;
				bracket_balance(x, s, lc, &st2);
				if (st2 < stray) {
					e = lc;
					continue;
				}
			}
		}
		break;
	}
	/* a sentence parenthesis before the formula: "(Au25: 8-electron" */
	while (s < e && x[s] == '(') {
		size_t m = match_of(x, s, e);
		if (m == 0) {
			s++;
			continue;
		}
		if (m == e - 1) { /* "(Au1-xAgx@GSH)" */
			s++;
			e--;
			continue;
		}
		break;
	}
	*ps = s;
	*pe = e;
}

/* The token rewritten for the parser: "_{...}" before subscripts, "^{...}" before
 * charges. Returns its length, 0 when it does not fit. */
static size_t marked(const fx_spans *sx, size_t s, size_t e, char *buf, size_t cap)
{
	size_t k = 0;
	const litx_text *t = sx->t;
	const char *x = t->s;
	size_t si = fx_span_index(sx, s); /* first span starting at or after p */
	for (size_t p = s; p < e;) {
		const litx_span *sp;
		const char *pre = NULL;
		size_t n = 0;
		while (si < t->n_spans && t->spans[si].start < p)
			si++;
		int at = si < t->n_spans && t->spans[si].start == p;
		if (at && (sp = starting_at(t, si, p, LITX_SPAN_SUB)))
			pre = "_{";
		else if (at && (sp = starting_at(t, si, p, LITX_SPAN_SUP)) &&
			 charge_text(x + p, (sp->end < e ? sp->end : e) - p))
			pre = "^{";
		if (pre) {
			n = (sp->end < e ? sp->end : e) - p;
			if (k + n + 4 >= cap)
				return 0;
			memcpy(buf + k, pre, 2);
			memcpy(buf + k + 2, x + p, n);
			buf[k + 2 + n] = '}';
			k += n + 3;
			p += n;
			continue;
		}
		/* the bytes up to the next span's start go as they are (one byte when a
		 * span starts here): each needs room for itself and the terminator */
		size_t q = at ? p + 1 : si < t->n_spans && t->spans[si].start < e ? t->spans[si].start : e;
		if (k + (q - p) + 1 >= cap)
			return 0;
		memcpy(buf + k, x + p, q - p);
		k += q - p;
		p = q;
	}
	buf[k] = '\0';
	return k;
}

/* ---- what the sentence says -------------------------------------------------------- */

/* A word of a list, with its length. */
typedef struct fx_word {
	const char *s;
	size_t n;
} fx_word;
#define FX_WORD(w) { "" w, sizeof(w) - 1 }

static int followed_by_word(const litx_text *t, size_t e, const fx_word *words)
{
	while (e < t->len && t->s[e] == ' ')
		e++;
	if (e >= t->len)
		return 0;
	for (size_t i = 0; words[i].s; i++) {
		size_t n = words[i].n;
		if (t->s[e] == words[i].s[0] && e + n <= t->len && memcmp(t->s + e, words[i].s, n) == 0 &&
		    (e + n == t->len || !is_low(t->s[e + n])))
			return 1;
	}
	return 0;
}

static int preceded_by_equals(const litx_text *t, size_t s)
{
	while (s > 0 && t->s[s - 1] == ' ')
		s--;
	return s > 0 && t->s[s - 1] == '=';
}

static int followed_by_equals(const litx_text *t, size_t e)
{
	while (e < t->len && t->s[e] == ' ')
		e++;
	return e < t->len && t->s[e] == '=';
}

/* The canonical spellings with M replaced by each bound element. */
static json_t *expansions(const char *canon, json_t *elems)
{
	json_t *out = json_array();
	size_t i;
	json_t *el;
	json_array_foreach(elems, i, el) {
		char buf[MAX_MARKED], can[MAX_MARKED];
		const char *sym = json_string_value(el);
		size_t k = 0;
		int depth = 0;
		for (const char *p = canon; *p && k + 4 < sizeof buf; p++) {
			depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
			/* the placeholder: among the metals (outside ligand parentheses),
			 * not part of a symbol (Mg, Mn) or of a name (DPPM) */
			if (*p == 'M' && depth == 0 && (p == canon || !is_up(p[-1])) && !is_low(p[1])) {
				size_t n = strlen(sym);
				if (k + n + 1 >= sizeof buf)
					break;
				memcpy(buf + k, sym, n);
				k += n;
			} else
				buf[k++] = *p;
		}
		buf[k] = '\0';
		if (out && litx_formula_canonical(buf, k, can, sizeof can))
			json_array_append_new(out, json_string(can));
	}
	return out;
}

/* A string of the text: without jansson's UTF-8 check when it is ASCII, as most
 * formulas are; with it otherwise, so a cut through a character still fails as it
 * always did. */
static json_t *text_json(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return json_stringn(s, n);
	return json_stringn_nocheck(s, n);
}

/* json_object_set_new_nocheck for a literal key, without measuring it */
#define SETL(o, k, v) json_object_setn_new_nocheck((o), "" k, sizeof(k) - 1, (v))

/* The section's string for a record of w: one string for every record of the
 * same section of the document, as it is never changed (fx_state.section). */
static json_t *section_json(fx_state *st, const char *section)
{
	if (st->section_json && st->section_src == section)
		return json_incref(st->section_json);
	json_t *j = text_json(section, strlen(section));
	if (j) {
		json_decref(st->section_json);
		st->section_json = json_incref(j);
		st->section_src = section;
	}
	return j;
}

/* (keys are ASCII literals: set without the UTF-8 check of the key) */
static int emit(fx_state *st, const fx_where *w, size_t s, size_t e, json_t *d,
		const fx_facts *f, litx_sink *sink)
{
	const litx_text *t = w->t;
	json_t *rec = d; /* the description is the record: no copy */
	SETL(rec, "text", text_json(t->s + s, e - s));
	SETL(rec, "section", section_json(st, w->section));
	if (w->table) {
		const char *label = w->table->label;
		SETL(rec, "table", label ? text_json(label, strlen(label)) : json_null());
		if (w->row) {
			SETL(rec, "row", json_integer(w->row));
			SETL(rec, "col", json_integer(w->col));
		}
	}
	/* variables: read in the sentence (text) or the cell and its row (tables) */
	if (f->has_vars) {
		const char *letters = f->vars;
		size_t n = f->n_vars;
		size_t ss = 0, se = t->len;
		json_t *found = NULL;
		if (!w->row)
			litx_text_sentence(t, s, &ss, &se);
		else /* a cell lists formulas each followed by its own "(x = 0–5)" */
			found = fx_variables_first(st, t, e, t->len, letters);
		if (!found)
			found = fx_variables(st, t, ss, se, letters);
		for (size_t c = 0; !found && w->row_cells && c < w->n_cols; c++)
			found = fx_variables(st, &w->row_cells[c], 0, w->row_cells[c].len, letters);
		json_t *obj = json_object();
		for (size_t k = 0; obj && k < n; k++) {
			char key[2] = { letters[k], 0 };
			json_t *r = found ? json_object_get(found, key) : NULL;
			json_object_set(obj, key, r ? r : json_null());
		}
		json_decref(found);
		SETL(rec, "variables", obj ? obj : json_null());
	} else
		SETL(rec, "variables", json_object());
	litx_rec_locate(rec, t, s, e);
	/* The first record of a string is the memo's description itself, and later
	 * mentions copy its first members (fx.h): from here on, code anywhere (host,
	 * KB, checker) may only add keys to a formula record, never change or remove
	 * one, or the change would show in the document's later mentions (above,
	 * only "variables" is replaced, and every mention sets it anew). */
	return litx_emit(sink, "formulas", rec) < 0 ? -1 : 0;
}

static int mention(fx_state *st, const fx_where *w, size_t s, size_t e, litx_sink *sink);
static int one_or_many(fx_state *st, const fx_where *w, size_t s, size_t e, litx_sink *sink);

/* In a table cell, "(C≡CPh)_3 Cl": a spaced subscript left a space before the last
 * atoms of the formula (readers drop it when they can tell; a PDF-born cell does not
 * always let them). The word after the space joins when it is only element symbols
 * and counts and ends the cell or its item. */
static size_t cell_tail(fx_state *st, const fx_spans *sx, size_t e)
{
	const litx_text *t = sx->t;
	if (e + 1 >= t->len || t->s[e] != ' ' || !fx_sub_ends_at(sx, e))
		return e;
	size_t f = e + 1;
	int atoms = 0;
	while (f < t->len && is_up(t->s[f])) {
		size_t n = f + 1 < t->len && is_low(t->s[f + 1]) ? 2 : 1;
		if (!fx_element_symbol(st, t->s + f, n, 0))
			return e;
		f += n;
		atoms++;
		while (f < t->len && is_digit(t->s[f]))
			f++;
	}
	if (!atoms || f - e > 8 || (f < t->len && t->s[f] != ',' && t->s[f] != ';' && t->s[f] != ' '))
		return e;
	return f;
}

/* A capitalised word ("Introduction", "Au", "Pd") with no digit, bracket, joiner
 * or sub/superscript is a word: a formula needs a count, or two capitals. Most
 * tokens are such words, so they are dropped before the parser sees them. */
static int plain_word(const fx_spans *sx, size_t s, size_t e)
{
	const litx_text *t = sx->t;
	if (!is_up(t->s[s]))
		return 0;
	for (size_t k = s + 1; k < e; k++)
		if (!is_low(t->s[k]))
			return 0;
	return !fx_script_in(sx, s, e);
}

/* Capitals and plain digits with no subscript ("S4", "IN56", "SYP028", "N.S"): a
 * label, a sample or a figure, not a formula, in text that marks subscripts. */
static int unmarked_capitals(const fx_spans *sx, size_t s, size_t e)
{
	const litx_text *t = sx->t;
	int digit = 0;
	for (size_t k = s; k < e; k++) {
		if (is_low(t->s[k]) || t->s[k] == '(' || t->s[k] == '[')
			return 0;
		digit |= is_digit(t->s[k]) || t->s[k] == '.';
	}
	return digit && !fx_script_in(sx, s, e);
}

/* Digits with no subscript in a text that marks its subscripts ("OK371-Gal4",
 * "BV2"): a label. A text with no subscript at all (plain ASCII) keeps them. */
static int unmarked_digits(const fx_spans *sx, size_t s, size_t e)
{
	const litx_text *t = sx->t;
	int digit = 0;
	for (size_t k = s; k < e; k++)
		if (is_digit(t->s[k])) {
			digit = 1;
			if (fx_span_at(sx, k, LITX_SPAN_SUB) || fx_span_at(sx, k, LITX_SPAN_SUP))
				return 0;
		}
	return digit && sx->has_sub;
}

/* Read the token the pattern found at [s, e); *end gets where scanning goes on. */
static int candidate(fx_state *st, const fx_where *w, size_t s, size_t e, size_t *end,
		     litx_sink *sink)
{
	const litx_text *t = w->t;
	const fx_spans *sx = spans_of(st, t);
	if (plain_word(sx, s, e))
		return 0;
	if (w->row)
		e = cell_tail(st, sx, e);
	/* an open bracket goes on after a space */
	for (int k = 0; k < 4; k++) {
		int stray;
		if (bracket_balance(t->s, s, e, &stray) <= 0 || e + 1 >= t->len || t->s[e] != ' ' ||
		    !(t->s[e + 1] == '(' || t->s[e + 1] == '['))
			break;
		int rc = pcre2_match(st->cont, (PCRE2_SPTR)t->s, t->len, e + 1, PCRE2_NO_UTF_CHECK,
				     st->md2, st->mctx);
		if (rc < 0)
			break;
		size_t f = pcre2_get_ovector_pointer(st->md2)[1];
		if (f <= e + 1 || fx_span_at(sx, e + 1, LITX_SPAN_CITE))
			break;
		e = f;
	}
	*end = e;
	while (s < e && t->s[s] == '(' && !match_of(t->s, s, e))
		s++; /* "(Co-complex: ...": the parenthesis of the sentence */
	e = cut(sx, s, e);
	trim(sx, &s, &e);
	if (e <= s || !(is_up(t->s[s]) || t->s[s] == '[' || t->s[s] == '('))
		return 0;
	/* "Au15Ag3(SR)14SR=SC6H11": the abbreviation being defined is not a ligand */
	if (followed_by_equals(t, e)) {
		size_t k = e;
		while (k > s && (is_up(t->s[k - 1]) || is_low(t->s[k - 1])))
			k--;
		if (k > s && k < e && (is_digit(t->s[k - 1]) || t->s[k - 1] == ')'))
			e = k;
	}
	return one_or_many(st, w, s, e, sink);
}

/* "Au43(C≡CR)20/Au42Ag1(C≡CR)20": clusters listed with a slash are separate
 * mentions; a cluster on a support ("Au2Pd6/MoS2") is one. */
static int one_or_many(fx_state *st, const fx_where *w, size_t s, size_t e, litx_sink *sink)
{
	const litx_text *t = w->t;
	size_t cuts[8];
	int nc = 0, depth = 0;
	for (size_t p = s; p < e && nc < 7; p++) {
		char c = t->s[p];
		if (c == '(' || c == '[' || c == '{')
			depth++;
		else if ((c == ')' || c == ']' || c == '}') && depth > 0)
			depth--;
		else if (c == '/' && depth == 0)
			cuts[nc++] = p;
	}
	if (nc > 0) {
		int clusters = 1;
		size_t a = s;
		for (int i = 0; i <= nc && clusters; i++) {
			size_t b = i < nc ? cuts[i] : e;
			char buf[MAX_MARKED];
			size_t n = marked(spans_of(st, t), a, b, buf, sizeof buf);
			fx_facts f;
			json_t *d = n ? fx_memo_describe(&st->memo, buf, n, &f) : NULL;
			if (!d || !f.cluster)
				clusters = 0;
			json_decref(d);
			a = b + 1;
		}
		if (clusters) {
			a = s;
			for (int i = 0; i <= nc; i++) {
				size_t b = i < nc ? cuts[i] : e;
				if (mention(st, w, a, b, sink) < 0)
					return -1;
				a = b + 1;
			}
			return 0;
		}
	}
	return mention(st, w, s, e, sink);
}

static int mention(fx_state *st, const fx_where *w, size_t s, size_t e, litx_sink *sink)
{
	const litx_text *t = w->t;
	const fx_spans *sx = spans_of(st, t);
	if (unmarked_capitals(sx, s, e) || unmarked_digits(sx, s, e))
		return 0;
	char buf[MAX_MARKED];
	size_t n = marked(sx, s, e, buf, sizeof buf);
	if (!n)
		return 0;
	fx_facts f;
	json_t *d = fx_memo_describe(&st->memo, buf, n, &f); /* shared: read only */
	if (!d)
		return 0;
	static const fx_word bond_words[] = { FX_WORD("bond"), FX_WORD("bonds"),
		FX_WORD("distance"), FX_WORD("distances"), FX_WORD("length"), FX_WORD("lengths"),
		FX_WORD("interaction"), FX_WORD("interactions"), FX_WORD("bonding"), { NULL, 0 } };
	/* an open bracket with words in it: prose in parentheses, "V1(nM h" */
	int prose = f.malformed && memchr(t->s + s, ' ', e - s);
	int skip = prose || f.word || followed_by_word(t, e, bond_words) ||
		   (f.molecule && (preceded_by_equals(t, s) || followed_by_equals(t, e)));
	/* the placeholder M alone is a formula only where the text binds it */
	json_t *b = NULL;
	if (!skip && f.has_m) {
		size_t ss = 0, se = t->len;
		if (!w->row)
			litx_text_sentence(t, s, &ss, &se);
		b = fx_binding(st, t, ss, se);
		for (size_t c = 0; !b && w->row_cells && c < w->n_cols; c++)
			b = fx_binding(st, &w->row_cells[c], 0, w->row_cells[c].len);
		if (!b && (f.one_metal || !w->row))
			skip = 1; /* text binds M in its sentence; a table lists series */
	}
	if (skip) {
		json_decref(d);
		return 0;
	}
	/* The record is the description plus what the text says: the description
	 * itself for the first mention of its string, a copy of its top level for the
	 * others (fx_memo_record). The nested values (metals, elements, ligands ...)
	 * stay shared with the memo and with the other mentions of the same string.
	 * Nothing changes a record below its top level once emitted (the host and the
	 * KB only add keys), and a deep copy cost as much as describing the string
	 * again. */
	json_t *rec = fx_memo_record(&st->memo, buf, n, d);
	if (!rec) {
		json_decref(b);
		return -1;
	}
	if (b) {
		json_t *bind = json_object();
		json_object_set_nocheck(bind, "M", b);
		json_object_set_new_nocheck(rec, "bindings", bind);
		json_object_set_new_nocheck(rec, "expansions",
				    expansions(json_string_value(json_object_get(rec, "canonical")), b));
		json_decref(b);
	}
	return emit(st, w, s, e, rec, &f, sink);
}

/* The first byte at or after off where a token can start: the pattern's first
 * character is a capital or an opening bracket (its look-behinds read the text
 * before off, which pcre2 sees all the same). Skipping the bytes between saves
 * the pattern trying, and refusing, each of them. */
static size_t token_start(const char *s, size_t off, size_t len)
{
	/* eight bytes at a time: the top bit of each byte that is a capital or an
	 * opening bracket (a byte beyond ASCII is neither) */
	while (off + 8 <= len) {
		uint64_t w = swar_load(s + off);
		/* with the top bits cleared, adding 0x3F (0x25) to a byte carries into no
		 * other and sets its top bit exactly when it is at least 'A' (at least '[') */
		uint64_t a = w & ~SWAR_HIGH;
		uint64_t hit = (a + SWAR_ONES * 0x3F) & ~(a + SWAR_ONES * 0x25) & ~w & SWAR_HIGH;
		/* swar_eq may also mark a byte after a true hit, never one before it */
		hit |= swar_eq(w, '(') | swar_eq(w, '[') | swar_eq(w, '{');
		if (hit) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
			return off + (size_t)__builtin_ctzll(hit) / 8;
#else
			break;
#endif
		}
		off += 8;
	}
	while (off < len && !is_up(s[off]) && s[off] != '(' && s[off] != '[' && s[off] != '{')
		off++;
	return off;
}

static int is_opener(char c) { return c == '(' || c == '[' || c == '{'; }
static int is_closer(char c) { return c == ')' || c == ']' || c == '}'; }

/* Groups deeper or longer than these are left to the pattern, which bounds its
 * work on them (LITX_PATTERN_DEPTH_LIMIT, LITX_PATTERN_MATCH_LIMIT). */
#define GROUP_MAX_DEPTH 16
#define GROUP_MAX_LEN 256
#define GROUP_ASK ((size_t)-1)

/* Where the pattern's group (?&g) that opens at x[i] ends (after its closer): its
 * inner loop takes every byte but brackets and newlines, and inner groups; it
 * ends at the first closer of any kind. No other way through it exists (giving
 * back anything leaves a byte that is not a closer where one must be), so this
 * walk finds the pattern's match. 0 when there is none (a newline, the end of
 * the text, or an inner group with none); GROUP_ASK past the bounds above. */
static size_t group_end(const char *x, size_t i, size_t len, size_t from, int depth)
{
	if (depth > GROUP_MAX_DEPTH)
		return GROUP_ASK;
	for (size_t k = i + 1; k < len; k++) {
		if (k - from > GROUP_MAX_LEN)
			return GROUP_ASK;
		char c = x[k];
		if (c == '\n')
			return 0;
		if (is_closer(c))
			return k + 1;
		if (is_opener(c)) {
			size_t g = group_end(x, k, len, from, depth + 1);
			if (g == 0 || g == GROUP_ASK)
				return g;
			k = g - 1;
		}
	}
	return 0;
}

/* fx.h. What CAND_PATTERN finds from off, worked out without it in the common
 * cases. A match starts at a capital, or at opening brackets right before one,
 * after a byte the look-behind allows; it goes on through the loop's
 * alternatives. In ASCII the class holds the letters, digits and "+-/@.'"; a dash
 * goes by the class only when no space follows (else the first alternative may
 * apply), a space only by the second alternative, before '@' or '/'; an opening
 * bracket starts a group when one closes (group_end), else it goes alone, as a
 * closing one does. Returns 1 with the match in [off, *end); -1 when no match
 * starts in [off, *end) (opening brackets not followed by a capital, a look-behind
 * that fails), so the search goes on from *end; 0 when the pattern must answer
 * (brackets before a capital, a byte beyond ASCII before or in the token, a dash
 * or a space that may join, a group past the bounds). */
int fx_plain_token(const char *x, size_t off, size_t len, size_t *end)
{
	if (is_opener(x[off])) {
		size_t q = off;
		while (q < len && is_opener(x[q]))
			q++;
		if (q < len && is_up(x[q]))
			return 0;
		*end = q;
		return -1;
	}
	if (!is_up(x[off]))
		return 0;
	if (off > 0) {
		char b = x[off - 1];
		if ((unsigned char)b >= 0x80)
			return 0;
		if (is_up(b) || is_low(b) || is_digit(b) || b == '_' || b == '\'' || b == '-' ||
		    b == '/' || b == '@' || b == '.' || b == '+') {
			*end = off + 1; /* (the other look-behind needs a '[' here) */
			return -1;
		}
	}
	size_t e = off + 1;
	while (e < len) {
		char c = x[e];
		if (is_up(c) || is_low(c) || is_digit(c) || c == '+' || c == '/' || c == '@' || c == '.' ||
		    c == '\'') {
			e++;
			continue;
		}
		if (c == '-') {
			if (e + 1 < len && x[e + 1] == ' ')
				return 0;
			e++;
			continue;
		}
		if (c == ' ') {
			if (e + 1 < len && (x[e + 1] == '@' || x[e + 1] == '/'))
				return 0;
			break;
		}
		if (is_opener(c)) {
			size_t g = group_end(x, e, len, e, 0);
			if (g == GROUP_ASK)
				return 0;
			e = g ? g : e + 1;
			continue;
		}
		if (is_closer(c)) {
			e++;
			continue;
		}
		if ((unsigned char)c >= 0x80)
			return 0;
		break; /* any other ASCII byte: no alternative takes it */
	}
	*end = e;
	return 1;
}

int fx_scan_text(fx_state *st, const fx_where *w, litx_sink *sink)
{
	const litx_text *t = w->t;
	if (!t || !t->s || !t->len)
		return 0;
	/* indexed afresh for every text: a text of the next document may sit where one
	 * of this document did */
	fx_spans_set(&st->spans, t);
	const fx_spans *sx = &st->spans;
	size_t off = 0;
	while ((off = token_start(t->s, off, t->len)) < t->len) {
		size_t s = off, e;
		int plain = fx_plain_token(t->s, off, t->len, &e);
		if (plain < 0 || (plain > 0 && plain_word(sx, s, e))) {
			/* no match starts before e; or a plain word ("The"), which
			 * candidate() would drop first thing */
			off = e;
			continue;
		}
		if (!plain) {
			int rc = pcre2_match(st->cand, (PCRE2_SPTR)t->s, t->len, off, PCRE2_NO_UTF_CHECK,
					     st->md, st->mctx);
			if (rc < 0)
				break; /* no more, or a limit: the rest of this text is skipped */
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->md);
			s = ov[0];
			e = ov[1];
		}
		if (e <= s) {
			off = s + 1;
			continue;
		}
		/* never inside a citation */
		size_t end = e;
		if (!fx_span_at(sx, s, LITX_SPAN_CITE) && candidate(st, w, s, e, &end, sink) < 0)
			return -1;
		off = end > e ? end : e;
	}
	return 0;
}
