/* names.c - the catalyst candidates of a text: formula-like tokens that hold a
 * metal ("Pt1Au24", "Au12Ag32/TiO2", "NiFe", "Pt/C", "Au–Fe1" mended from "Au–
 * Fe1"), each marked numbered/multi-metal/composite (strong) or a bare element
 * (weak), with its parenthesis depth. A complex ion is a name as a whole
 * ("[Au25(SR)18]-"), judged by the formula inside its brackets. Acronyms that
 * happen to spell elements ("SWV", "OWS", "NCs") are left out. The element check is a table lookup, not a
 * search, because it runs on every capitalised token of every paragraph with a
 * number in it; whether a name is a comparison target ("than Au25") is worked out
 * only for the names a rule asks about. */
#include "mx.h"
#include <string.h>
#include "simd.h"

/* The element symbols, by first letter: the letters that may follow it, and
 * whether the capital alone is a symbol. Looked up per capital of every name-like
 * token, so a table rather than a search. */
static const char *const SECOND[26] = {
	"cglmrstu", "aehikr", "adeflmnorsu", "by", "rsu", "emr", "ade", "efgos", "nr", "",
	"r", "airuv", "cdgnot", "abdeiop", "s", "abdmortu", "", "abefghnu", "bcegimnr",
	"abcehilm", "", "", "", "e", "b", "nr",
};
static const char SINGLE[] = "BCFHIKNOPSUVWY";

/* Symbols of non-metals (and metalloids) among them; the rest are metals. */
static const char *const NONMETALS[] = { "H", "He", "B", "C", "N", "O", "F", "Ne", "Si", "P",
	"S", "Cl", "Ar", "Ge", "As", "Se", "Br", "Kr", "Sb", "Te", "I", "Xe", "Po", "At", "Rn" };

/* Tokens that spell elements but are words or acronyms of nanocluster papers. */
static const char *const NOT_NAMES[] = { "NCs", "NC", "NPs", "NP", "SAs", "SA", "SACs", "SAC",
	"In", "As", "At", "Be", "He", "No", "Am", "Es", "Ho", "Pa", "Ca" };

/* Lowercase words allowed as a part of a name ("Co-complex", "Ni foam"). */
static const char *const NAME_WORDS[] = { "complex", "complexes", "foam", "cluster", "clusters" };

static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(char c) { return c >= 'a' && c <= 'z'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int element_len(const char *s, size_t n, int *metal)
{
	if (!n || !is_upper(s[0]))
		return 0;
	int len = 0;
	if (n >= 2 && is_lower(s[1]) && strchr(SECOND[s[0] - 'A'], s[1]))
		len = 2;
	else if (strchr(SINGLE, s[0]))
		len = 1;
	else
		return 0;
	*metal = 1;
	for (size_t k = 0; k < sizeof NONMETALS / sizeof *NONMETALS; k++)
		if (NONMETALS[k][0] == s[0] && (len == 2 ? NONMETALS[k][1] == s[1] : !NONMETALS[k][1]))
			*metal = 0;
	return len;
}

typedef struct part_info {
	int metals;       /* metal symbols */
	int digits;
	int elements;
	int formula;      /* parsed as a formula */
} part_info;

/* One part of a name between joins: a formula ("Au15Ag23(tBuC≡C)18Br6") or not. */
static void parse_part(const char *s, size_t n, part_info *pi, char seen[][3], int *n_seen)
{
	memset(pi, 0, sizeof *pi);
	int depth = 0;
	size_t i = 0;
	while (i < n) {
		char c = s[i];
		if (c == '(' || c == '[') {
			depth++;
			i++;
			continue;
		}
		if (c == ')' || c == ']') {
			if (--depth < 0)
				return;
			i++;
			continue;
		}
		if (depth > 0) {
			i++;
			continue;
		}
		if (is_upper(c)) {
			int metal = 0;
			int l = element_len(s + i, n - i, &metal);
			if (!l)
				return;
			pi->elements++;
			if (metal) {
				pi->metals++;
				int dup = 0;
				for (int k = 0; k < *n_seen; k++)
					if (strlen(seen[k]) == (size_t)l && memcmp(seen[k], s + i, (size_t)l) == 0)
						dup = 1;
				if (!dup && *n_seen < 16) {
					memcpy(seen[*n_seen], s + i, (size_t)l);
					seen[*n_seen][l] = '\0';
					(*n_seen)++;
				}
			}
			i += (size_t)l;
			continue;
		}
		if (is_digit(c) || c == '.' || c == '+' || c == '-') {
			pi->digits += is_digit(c);
			i++;
			continue;
		}
		/* a variable count: "Au25-xAgx", "Aun" */
		if ((c == 'x' || c == 'y' || c == 'n' || c == 'm') && i > 0 &&
		    (i + 1 >= n || !is_lower(s[i + 1]))) {
			i++;
			continue;
		}
		if ((unsigned char)c >= 0x80) {
			/* a charge or a dot inside a formula: "−", "δ", "·" */
			i++;
			while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
				i++;
			continue;
		}
		return;
	}
	pi->formula = depth == 0 && pi->elements > 0;
}

/* Length of a join at s[i] that separates parts: '/', '@', '-', '–', '−'. */
static size_t join_at(const char *s, size_t n, size_t i)
{
	if (s[i] == '/' || s[i] == '@')
		return 1;
	size_t l = 0;
	if (s[i] == '-')
		l = 1;
	else if (i + 3 <= n && (memcmp(s + i, "\xE2\x80\x93", 3) == 0 ||
				memcmp(s + i, "\xE2\x88\x92", 3) == 0))
		l = 3;
	if (!l || i + l >= n)
		return 0;
	/* a hyphen before a count ("25-x") or a charge belongs to the formula */
	char nx = s[i + l];
	if (is_upper(nx))
		return l;
	if (is_lower(nx) && i + l + 1 < n && is_lower(s[i + l + 1]))
		return l;
	return 0;
}

/* "[Au25(SR)18]-", "[Pt1Ag24(SR)18]2-": the length of the bracketed formula inside
 * a complex ion's brackets when buf is one (then *inner is where it starts), else 0. */
static size_t ion_inner(const char *buf, size_t n, size_t *inner)
{
	if (n < 4 || buf[0] != '[')
		return 0;
	int d = 0;
	size_t close = 0;
	for (size_t i = 0; i < n && !close; i++) {
		d += buf[i] == '[';
		d -= buf[i] == ']';
		if (d == 0)
			close = i;
	}
	if (close < 2)
		return 0;
	/* only a charge may follow: digits, signs, a Unicode minus */
	for (size_t i = close + 1; i < n; i++)
		if (!is_digit(buf[i]) && buf[i] != '+' && buf[i] != '-' && (unsigned char)buf[i] < 0x80)
			return 0;
	*inner = 1;
	return close - 1;
}

/* Is the mended name buf a catalyst candidate? Sets *strong. */
static int name_ok(const char *buf, size_t n, int *strong)
{
	size_t in;
	size_t il = ion_inner(buf, n, &in);
	if (il) {
		buf += in;
		n = il;
	}
	if (n < 2)
		return 0;
	for (size_t i = 0; i < sizeof NOT_NAMES / sizeof *NOT_NAMES; i++)
		if (NOT_NAMES[i][0] == buf[0] && strlen(NOT_NAMES[i]) == n &&
		    memcmp(NOT_NAMES[i], buf, n) == 0)
			return 0;
	int lower = 0, digit = 0;
	for (size_t i = 0; i < n; i++) {
		lower |= is_lower(buf[i]);
		digit |= is_digit(buf[i]);
	}
	if (!lower && !digit)
		return 0; /* an acronym: SWV, OWS, THF */
	char seen[16][3];
	int n_seen = 0, parts = 0, first_metal = 0, digits = 0, composite = 0;
	size_t i = 0, ps = 0;
	while (i <= n) {
		size_t j = i < n ? join_at(buf, n, i) : 0;
		if (i == n || j) {
			size_t pl = i - ps;
			if (pl == 0)
				return 0;
			part_info pi;
			parse_part(buf + ps, pl, &pi, seen, &n_seen);
			if (!pi.formula) {
				int word_ok = 0;
				for (size_t k = 0; k < sizeof NAME_WORDS / sizeof *NAME_WORDS; k++)
					if (strlen(NAME_WORDS[k]) == pl && memcmp(NAME_WORDS[k], buf + ps, pl) == 0)
						word_ok = 1;
				/* acronyms of supports: "LDH", "PDDA", "CB" */
				int acro = 1;
				for (size_t k = ps; k < i; k++)
					if (!is_upper(buf[k]) && !is_digit(buf[k]) && buf[k] != 's')
						acro = 0;
				if (parts == 0 || (!word_ok && !acro))
					return 0;
			} else if (parts == 0) {
				first_metal = pi.metals;
			}
			digits += pi.digits;
			parts++;
			if (i < n && (buf[i] == '/' || buf[i] == '@'))
				composite = 1;
			if (i == n)
				break;
			i += j;
			ps = i;
			continue;
		}
		i++;
	}
	if (!first_metal)
		return 0;
	*strong = digits > 0 || n_seen >= 2 || (composite && parts >= 2);
	return 1;
}

void mx_copy_name(const char *s, size_t start, size_t end, char *buf, size_t cap)
{
	size_t o = 0;
	if (!cap)
		return;
	for (size_t i = start; i < end && o + 1 < cap; i++) {
		char c = s[i];
		if (c == ' ' || c == '\n' || c == '\t') {
			/* "Au– Fe1": a space after a dash inside a name is PDF debris */
			int after_dash = (o >= 1 && buf[o - 1] == '-') ||
					 (o >= 3 && memcmp(buf + o - 3, "\xE2\x80\x93", 3) == 0);
			if (after_dash || (o && buf[o - 1] == ' '))
				continue;
			c = ' ';
		}
		buf[o++] = c;
	}
	while (o && buf[o - 1] == ' ')
		o--;
	/* never end inside a UTF-8 sequence */
	size_t k = o;
	while (k && ((unsigned char)buf[k - 1] & 0xC0) == 0x80)
		k--;
	if (k && (unsigned char)buf[k - 1] >= 0xC0) {
		unsigned char l = (unsigned char)buf[k - 1];
		size_t need = l >= 0xF0 ? 4 : l >= 0xE0 ? 3 : 2;
		if (o - (k - 1) < need)
			o = k - 1;
	}
	buf[o] = '\0';
}

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

/* The words that put a name in a comparison: "than", "compared to" ... in the
 * stretch of its clause before it. */
int mx_comparison_before(const char *s, size_t from, size_t to)
{
	static const char *const CUES[] = { "than ", "compared to ", "compared with ",
		"Compared to ", "Compared with ", "comparison to ", "comparison with ",
		"relative to ", "versus ", "vs. ", "vs ", "superior to ", "inferior to ",
		"outperform", "In contrast to ", "in contrast to ", "unlike ", "Unlike " };
	if (to <= from)
		return 0;
	for (size_t i = 0; i < sizeof CUES / sizeof *CUES; i++)
		if (memmem(s + from, to - from, CUES[i], strlen(CUES[i])))
			return 1;
	return 0;
}

/* The start of the clause around pos: after the last ',', ';' or '(' before it. */
size_t mx_clause_start(const char *s, size_t floor, size_t pos)
{
	size_t i = pos;
	while (i > floor) {
		char c = s[i - 1];
		if (c == ';' || c == '(' || c == ')' || ((c == ',' || c == '.') && i < pos && s[i] == ' '))
			break;
		i--;
	}
	return i;
}

size_t mx_clause_open(const char *s, size_t ss, size_t pos)
{
	static const char *const B[] = { "; ", ", while ", ", whereas ", ", but ", " whereas ",
		", and ", ", in contrast ", ", in contrast,", ", compared with which ",
		", compared to which " };
	size_t best = ss;
	for (size_t i = 0; i < sizeof B / sizeof *B; i++) {
		size_t l = strlen(B[i]), from = ss;
		const char *m;
		while (pos > from && (m = memmem(s + from, pos - from, B[i], l))) {
			size_t e = (size_t)(m - s) + l;
			if (e <= pos && e > best)
				best = e;
			from = (size_t)(m - s) + 1;
		}
	}
	return best;
}

/* The first white space byte (is_space) from i, len when none, and whether the
 * word holds a '-' or a 0xE2 byte (the lead of an en dash): only such a word can
 * glue the next one to it. */
static size_t word_end_dash(const char *s, size_t i, size_t len, int *dash)
{
#ifdef LITX_SSE2
	while (i + 16 <= len) {
		__m128i v = simd_load(s + i);
		/* white space as is_space has it, and the dash bytes */
		unsigned bits = simd_eq(v, ' ') | simd_eq(v, '\n') | simd_eq(v, '\t');
		unsigned dbits = simd_eq(v, '-') | simd_eq(v, (char)0xE2);
		if (bits) {
			size_t k = simd_first(bits);
			if (dbits & ((1u << k) - 1))
				*dash = 1;
			return i + k;
		}
		if (dbits)
			*dash = 1;
		i += 16;
	}
#endif
	while (i < len && !is_space(s[i])) {
		if (s[i] == '-' || (unsigned char)s[i] == 0xE2)
			*dash = 1;
		i++;
	}
	return i;
}

static size_t word_end(const char *s, size_t i, size_t len)
{
	int dash = 0;
	return word_end_dash(s, i, len, &dash);
}

int mx_scan_candidates(mx_state *st, const litx_text *t, size_t limit)
{
	st->cands.n = 0;
	const char *s = t->s;
	size_t len = limit < t->len ? limit : t->len;
	size_t i = 0, sp = 0;
	while (i < len) {
		while (i < len && is_space(s[i]))
			i++;
		if (i >= len)
			break;
		size_t a = i;
		int dash = 0;
		i = word_end_dash(s, i, len, &dash);
		size_t b = i;
		/* a word that neither starts like a name nor can glue the next word to it
		 * (it has no dash) is nothing: what follows would only find that out */
		if (!dash && !is_upper(s[a]) && s[a] != '(' && s[a] != '[')
			continue;
		/* a citation glued to a name ("Au25.87") is not part of it */
		while (sp < t->n_spans && t->spans[sp].start < a)
			sp++;
		for (size_t k = sp; k < t->n_spans && t->spans[k].start < b; k++)
			if (t->spans[k].kind == LITX_SPAN_CITE) {
				b = t->spans[k].start;
				break;
			}
		if (b <= a)
			continue;
		/* "Au– Fe1": a dash at the end glues the next token */
		if (b < len && b > a && (s[b - 1] == '-' || (b - a >= 3 && memcmp(s + b - 3, "\xE2\x80\x93", 3) == 0))) {
			size_t c = b;
			while (c < len && is_space(s[c]))
				c++;
			if (c < len && is_upper(s[c])) {
				c = word_end(s, c, len);
				b = i = c;
			}
		}
		/* a name starts with a capital (after brackets): most words end here */
		size_t f = a;
		while (f < b && (s[f] == '(' || s[f] == '['))
			f++;
		if (f >= b || !is_upper(s[f]))
			continue;
		/* trim: leading unbalanced brackets, trailing punctuation */
		size_t ta = a, tb = b;
		for (;;) {
			int opens = 0, closes = 0;
			for (size_t k = ta; k < tb; k++) {
				opens += s[k] == '(' || s[k] == '[';
				closes += s[k] == ')' || s[k] == ']';
			}
			if (tb > ta && (s[tb - 1] == ',' || s[tb - 1] == '.' || s[tb - 1] == ';' ||
					s[tb - 1] == ':' || ((s[tb - 1] == ')' || s[tb - 1] == ']') && closes > opens))) {
				tb--;
				continue;
			}
			if (tb > ta && (s[ta] == '(' || s[ta] == '[') && opens > closes) {
				ta++;
				continue;
			}
			if (tb >= ta + 2 && s[tb - 2] == '\'' && s[tb - 1] == 's') {
				tb -= 2;
				continue;
			}
			/* "(Au25)": a name wrapped whole in a parenthesis */
			if (tb >= ta + 3 && s[ta] == '(' && s[tb - 1] == ')') {
				int d = 0, wraps = 1;
				for (size_t k = ta; k < tb - 1; k++) {
					d += s[k] == '(';
					d -= s[k] == ')';
					if (d == 0)
						wraps = 0;
				}
				if (wraps) {
					ta++;
					tb--;
					continue;
				}
			}
			break;
		}
		if (tb <= ta || tb - ta > 150)
			continue;
		char buf[160];
		mx_copy_name(s, ta, tb, buf, sizeof buf);
		int strong = 0;
		if (!name_ok(buf, strlen(buf), &strong))
			continue;
		mx_cand *c;
		if (!MX_PUSH(st->cands, c))
			return -1;
		c->start = ta;
		c->end = tb;
		c->strong = strong;
		c->in_paren = 0;
		c->paren_close = len;
		c->comparison = -1; /* worked out when first asked (most never are) */
	}
	/* the parenthesis depth at each candidate, from one pass over the text (an
	 * unmatched ')' is ignored), and where its enclosing parenthesis closes */
	int depth = 0;
	size_t j = 0, k;
	for (k = 0; k < st->cands.n; k++) {
		/* the candidates come in text order */
		for (; j < st->cands.v[k].start && j < len; j++) {
			if (s[j] == '(')
				depth++;
			else if (s[j] == ')' && depth > 0)
				depth--;
		}
		st->cands.v[k].in_paren = depth;
	}
	for (k = 0; k < st->cands.n; k++) {
		mx_cand *c = &st->cands.v[k];
		if (!c->in_paren)
			continue;
		int d = 0;
		for (size_t j = c->end; j < len; j++) {
			if (s[j] == '(')
				d++;
			else if (s[j] == ')') {
				if (d == 0) {
					c->paren_close = j;
					break;
				}
				d--;
			}
		}
	}
	return 0;
}

/* Is candidate k a comparison target? Worked out on first use. */
int mx_cand_comparison(mx_state *st, const char *s, size_t k)
{
	mx_cand *c = &st->cands.v[k];
	if (c->comparison < 0)
		c->comparison = mx_comparison_before(s, mx_clause_start(s, 0, c->start), c->start);
	return c->comparison;
}
