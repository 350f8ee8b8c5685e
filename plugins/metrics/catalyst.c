/* catalyst.c - which material a value belongs to. Candidates are the formula-like
 * tokens of a block that hold a metal ("Pt1Au24", "Au12Ag32/TiO2", "NiFe", "Pt/C";
 * acronyms such as "SWV" or "OWS" that happen to spell elements are left out). For
 * a value the rules are tried in order, most specific first:
 *   1. a label written before it: "Co-complex: 700 s-1", "Au38 : 2";
 *   2. "respectively": the n-th name of a list of as many names as values;
 *   3. a value opening a parenthesis after a name or a comparison:
 *      "than that of Au25 (8000 s-1)", "superior to natural enzymes (~100 mV)";
 *   4. the subject of the clause: the nearest numbered or composite name before the
 *      value that is not a comparison target nor inside a closed parenthesis,
 *      joined with its support when the clause says so ("when it is loaded on NiFe
 *      LDH" gives "Au15Ag23/NiFe LDH");
 *   5. the catalyst carried from earlier in the paragraph;
 *   6. a bare element ("Pt") as the last resort.
 * Names are kept as written, with PDF debris mended ("Au– Fe1" -> "Au–Fe1"). */
#include "mx.h"
#include <stdio.h>
#include <string.h>

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

/* Is the mended name buf a catalyst candidate? Sets *strong. */
static int name_ok(const char *buf, size_t n, int *strong)
{
	if (n < 2)
		return 0;
	for (size_t i = 0; i < sizeof NOT_NAMES / sizeof *NOT_NAMES; i++)
		if (strlen(NOT_NAMES[i]) == n && memcmp(NOT_NAMES[i], buf, n) == 0)
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
static int comparison_before(const char *s, size_t from, size_t to)
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
static size_t clause_start(const char *s, size_t floor, size_t pos)
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
		while (i < len && !is_space(s[i]))
			i++;
		size_t b = i;
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
				while (c < len && !is_space(s[c]))
					c++;
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
	size_t k = 0;
	for (size_t j = 0; j < len && k < st->cands.n; j++) {
		while (k < st->cands.n && st->cands.v[k].start == j)
			st->cands.v[k++].in_paren = depth;
		if (s[j] == '(')
			depth++;
		else if (s[j] == ')' && depth > 0)
			depth--;
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
static int is_comparison(mx_state *st, const char *s, size_t k)
{
	mx_cand *c = &st->cands.v[k];
	if (c->comparison < 0)
		c->comparison = comparison_before(s, clause_start(s, 0, c->start), c->start);
	return c->comparison;
}

/* Skip back over spaces from pos. */
static size_t back_ws(const char *s, size_t floor, size_t pos)
{
	while (pos > floor && is_space(s[pos - 1]))
		pos--;
	return pos;
}

/* Rule 1: "Label: value" / "Label : value". */
static int label_before(const litx_text *t, size_t ss, size_t vpos, char *buf, size_t cap)
{
	const char *s = t->s;
	size_t p = back_ws(s, ss, vpos);
	if (p <= ss || s[p - 1] != ':')
		return 0;
	p = back_ws(s, ss, p - 1);
	size_t e = p;
	while (p > ss && !is_space(s[p - 1]) && s[p - 1] != '(' && s[p - 1] != ',' && s[p - 1] != ';')
		p--;
	if (e <= p || e - p > 40)
		return 0;
	/* a label names something: it starts with a letter or a bracket */
	char c = s[p];
	if (!(is_upper(c) || is_lower(c) || c == '[' || (unsigned char)c >= 0x80))
		return 0;
	mx_copy_name(s, p, e, buf, cap);
	return 1;
}

/* Words allowed between the names of one list. */
static int list_gap(const char *s, size_t a, size_t b)
{
	static const char *const W[] = { "and", "or", "NCs", "NC", "clusters", "cluster",
		"the", "commercial", "bare", "pristine", "nanoclusters" };
	size_t i = a;
	int joiner = 0;
	while (i < b) {
		if (is_space(s[i]) || s[i] == ',') {
			joiner |= s[i] == ',';
			i++;
			continue;
		}
		size_t w = i;
		while (i < b && !is_space(s[i]) && s[i] != ',')
			i++;
		int ok = 0;
		for (size_t k = 0; k < sizeof W / sizeof *W; k++)
			if (strlen(W[k]) == i - w && memcmp(W[k], s + w, i - w) == 0) {
				ok = 1;
				joiner |= k < 2;
			}
		if (!ok)
			return 0;
	}
	return joiner;
}

/* Rule 2: the list of exactly n names nearest to the value, comparison or not as
 * asked. Returns the index of its first candidate, or -1. */
static long find_list(mx_state *st, const litx_text *t, size_t ss, size_t se, size_t vpos,
		      size_t n, int comparison)
{
	long best = -1;
	size_t best_d = (size_t)-1;
	size_t k = 0;
	while (k < st->cands.n) {
		const mx_cand *c = &st->cands.v[k];
		if (c->start < ss || c->end > se || is_comparison(st, t->s, k) != comparison) {
			k++;
			continue;
		}
		size_t m = k + 1;
		while (m < st->cands.n && st->cands.v[m].end <= se &&
		       list_gap(t->s, st->cands.v[m - 1].end, st->cands.v[m].start))
			m++;
		if (m - k == n) {
			size_t a = c->start, b = st->cands.v[m - 1].end;
			size_t d = vpos > b ? vpos - b : a > vpos ? a - vpos : 0;
			if (d < best_d) {
				best_d = d;
				best = (long)k;
			}
		}
		k = m;
	}
	return best;
}

/* The noun phrase ending at e: back over words until a function word. */
static void phrase_before(const char *s, size_t floor, size_t e, char *buf, size_t cap)
{
	static const char *const STOP[] = { "than", "to", "of", "with", "that", "those", "the",
		"other", "and", "or", "by", "for", "in", "on", "a", "an", "over", "compared",
		"which", "is", "are", "was", "were", "as", "such" };
	size_t p = back_ws(s, floor, e);
	size_t end = p, start = p;
	int words = 0;
	while (p > floor && words < 5) {
		size_t we = p;
		while (p > floor && !is_space(s[p - 1]) && s[p - 1] != ',' && s[p - 1] != ';' &&
		       s[p - 1] != '(' && s[p - 1] != ')')
			p--;
		size_t ws = p;
		int stop = 0;
		for (size_t k = 0; k < sizeof STOP / sizeof *STOP; k++)
			if (strlen(STOP[k]) == we - ws && memcmp(STOP[k], s + ws, we - ws) == 0)
				stop = 1;
		if (stop || we == ws)
			break;
		start = ws;
		words++;
		if (p > floor && !is_space(s[p - 1]))
			break;
		p = back_ws(s, floor, p);
	}
	if (end > start)
		mx_copy_name(s, start, end, buf, cap);
	else if (cap)
		buf[0] = '\0';
}

/* The '(' a value list starts right after: "(0.54 A mg-1 and 1.74 mA cm-2)" for
 * either value. Returns the position after '(' or 0. */
static size_t paren_list_open(const mx_state *st, const char *s, size_t ss, size_t vpos)
{
	size_t p = back_ws(s, ss, vpos);
	for (int guard = 0; guard < MX_MAX_VALUES; guard++) {
		if (p > ss && s[p - 1] == '(')
			return p;
		/* a joiner: ",", "and", "or" */
		if (p > ss && s[p - 1] == ',')
			p--;
		else if (p >= ss + 4 && memcmp(s + p - 4, " and", 4) == 0)
			p -= 3;
		else if (p >= ss + 3 && memcmp(s + p - 3, " or", 3) == 0)
			p -= 2;
		else
			return 0;
		p = back_ws(s, ss, p);
		if (p > ss && s[p - 1] == ',')
			p = back_ws(s, ss, p - 1);
		/* a value before the joiner */
		long found = -1;
		for (size_t k = 0; k < st->qtys.n; k++)
			if (st->qtys.v[k].q.end == p && st->qtys.v[k].q.start >= ss)
				found = (long)k;
		if (found < 0)
			return 0;
		p = back_ws(s, ss, st->qtys.v[found].q.start);
	}
	return 0;
}

/* Rule 3: a value that opens a parenthesis. */
static int paren_name(mx_state *st, const litx_text *t, size_t ss, size_t vpos, char *buf,
		      size_t cap)
{
	const char *s = t->s;
	size_t p = paren_list_open(st, s, ss, vpos);
	if (!p)
		return 0;
	size_t e = back_ws(s, ss, p - 1);
	/* "Au25 (8000 s-1)", "Au25 NCs (…)" */
	for (size_t k = st->cands.n; k-- > 0;) {
		const mx_cand *c = &st->cands.v[k];
		if (c->end > e || c->start < ss)
			continue;
		if (c->end == e || list_gap(s, c->end, e) || (e - c->end <= 5 && memmem(s + c->end, e - c->end, "NC", 2))) {
			mx_copy_name(s, c->start, c->end, buf, cap);
			return 1;
		}
		break;
	}
	size_t cs = clause_start(s, ss, e);
	if (!comparison_before(s, cs, e))
		return 0;
	phrase_before(s, cs, e, buf, cap);
	return buf[0] != '\0';
}

/* "loaded on X" between the subject and the value: the support phrase. */
static int support_after(const char *s, size_t a, size_t b, size_t *ps, size_t *pe)
{
	static const char *const V[] = { "loaded on ", "loaded onto ", "supported on ",
		"deposited on ", "anchored on ", "anchored onto ", "immobilized on ",
		"immobilised on ", "grown on ", "dispersed on " };
	static const char *const END[] = { "whose", "which", "that", "to", "for", "with", "and",
		"as", "via", "by", "in", "at", "shows", "show", "exhibits", "displays" };
	for (size_t i = 0; i < sizeof V / sizeof *V; i++) {
		const char *m = b > a ? memmem(s + a, b - a, V[i], strlen(V[i])) : NULL;
		if (!m)
			continue;
		size_t p = (size_t)(m - s) + strlen(V[i]);
		if (b - p > 4 && memcmp(s + p, "the ", 4) == 0)
			p += 4;
		size_t q = p, last = p;
		int words = 0;
		while (q < b && words < 6) {
			size_t w = q;
			while (q < b && !is_space(s[q]) && s[q] != ',' && s[q] != ';' && s[q] != '(' &&
			       s[q] != ')')
				q++;
			int stop = 0;
			for (size_t k = 0; k < sizeof END / sizeof *END; k++)
				if (strlen(END[k]) == q - w && memcmp(END[k], s + w, q - w) == 0)
					stop = 1;
			if (stop || q == w)
				break;
			last = q;
			words++;
			if (q < b && !is_space(s[q]))
				break;
			while (q < b && is_space(s[q]))
				q++;
		}
		if (last > p) {
			*ps = p;
			*pe = last;
			return 1;
		}
	}
	return 0;
}

/* Rule 4: the nearest strong name before vpos that is the subject, not a
 * comparison target or an aside in parentheses. Returns its index or -1. */
static long subject_before(mx_state *st, const char *s, size_t ss, size_t vpos, int strong)
{
	for (size_t k = st->cands.n; k-- > 0;) {
		const mx_cand *c = &st->cands.v[k];
		if (c->end > vpos)
			continue;
		if (c->start < ss)
			break;
		if (c->strong != strong || is_comparison(st, s, k))
			continue;
		if (c->in_paren && c->paren_close < vpos)
			continue;
		return (long)k;
	}
	return -1;
}

void mx_catalyst_for(mx_state *st, const litx_text *t, size_t ss, size_t se, mx_draft *d,
		     const mx_qty *q, const char *carry)
{
	const char *s = t->s;
	const mx_value *v = &q->q.v[d->vi];
	size_t vpos = v->qstart;
	d->catalyst[0] = '\0';
	/* 1. a label */
	if (label_before(t, ss, vpos, d->catalyst, sizeof d->catalyst))
		return;
	/* the first value of a list carries the list's lead-in */
	size_t lead = q->q.v[0].qstart;
	/* 2. respectively */
	if (q->q.n >= 2 && strcmp(d->metric ? d->metric : "", "ratio") != 0 &&
	    memmem(s + ss, se - ss, "respectively", 12)) {
		long k = find_list(st, t, ss, se, lead, q->q.n, 0);
		if (k >= 0) {
			const mx_cand *c = &st->cands.v[(size_t)k + (size_t)d->vi];
			mx_copy_name(s, c->start, c->end, d->catalyst, sizeof d->catalyst);
			return;
		}
	}
	/* 3. a parenthesis opened by the value */
	if (paren_name(st, t, ss, lead, d->catalyst, sizeof d->catalyst))
		return;
	/* 4. the subject, with its support */
	long k = subject_before(st, s, ss, lead, 1);
	if (k < 0) {
		/* "... 250 mV was reached by Au25": a name after the value */
		for (size_t j = 0; j < st->cands.n; j++) {
			const mx_cand *c = &st->cands.v[j];
			if (c->start >= v->end && c->end <= se && c->strong && !is_comparison(st, s, j)) {
				k = (long)j;
				break;
			}
		}
	}
	/* "when it is loaded on NiFe LDH, whose overpotential ...": the subject joined with
	 * its support, unless a new subject comes after the support */
	size_t ps, pe;
	if (support_after(s, ss, lead, &ps, &pe) && (k < 0 || st->cands.v[k].start < pe)) {
		long h = k;
		while (h >= 0 && (st->cands.v[h].start >= ps || is_comparison(st, s, (size_t)h) ||
				  !st->cands.v[h].strong || st->cands.v[h].start < ss))
			h--;
		char host[100];
		if (h >= 0)
			mx_copy_name(s, st->cands.v[h].start, st->cands.v[h].end, host, sizeof host);
		else if (carry && *carry)
			snprintf(host, sizeof host, "%s", carry);
		else
			host[0] = '\0';
		if (host[0]) {
			char sup[58];
			mx_copy_name(s, ps, pe, sup, sizeof sup);
			snprintf(d->catalyst, sizeof d->catalyst, "%s/%s", host, sup);
			return;
		}
	}
	if (k >= 0) {
		mx_copy_name(s, st->cands.v[k].start, st->cands.v[k].end, d->catalyst,
			     sizeof d->catalyst);
		return;
	}
	/* 5. carried over */
	if (carry && *carry) {
		snprintf(d->catalyst, sizeof d->catalyst, "%s", carry);
		return;
	}
	/* 6. a bare element */
	k = subject_before(st, s, ss, lead, 0);
	if (k >= 0)
		mx_copy_name(s, st->cands.v[k].start, st->cands.v[k].end, d->catalyst,
			     sizeof d->catalyst);
}

int mx_last_subject(mx_state *st, const litx_text *t, size_t ss, size_t se, char *buf, size_t cap)
{
	for (size_t k = st->cands.n; k-- > 0;) {
		const mx_cand *c = &st->cands.v[k];
		if (c->end > se)
			continue;
		if (c->start < ss)
			break;
		if (c->strong && !c->in_paren && !is_comparison(st, t->s, k)) {
			mx_copy_name(t->s, c->start, c->end, buf, cap);
			return 1;
		}
	}
	return 0;
}

/* The thing compared against after "than" / "compared to" following the value. */
void mx_compared_to(mx_state *st, const litx_text *t, size_t se, mx_draft *d, const mx_qty *q)
{
	(void)st;
	const char *s = t->s;
	static const char *const CUES[] = { "than ", "compared to ", "compared with ",
		"relative to ", "versus ", "vs. ", "over " };
	size_t from = q->q.end, best = se;
	size_t cl = 0;
	for (size_t i = 0; i < sizeof CUES / sizeof *CUES; i++) {
		const char *m = se > from ? memmem(s + from, se - from, CUES[i], strlen(CUES[i])) : NULL;
		if (m && (size_t)(m - s) < best) {
			best = (size_t)(m - s);
			cl = strlen(CUES[i]);
		}
	}
	d->compared_to[0] = '\0';
	if (best >= se)
		return;
	size_t p = best + cl;
	static const char *const SKIP[] = { "that of ", "those of ", "the ", "that for ", "those for " };
	for (size_t i = 0; i < sizeof SKIP / sizeof *SKIP; i++)
		if (se - p > strlen(SKIP[i]) && memcmp(s + p, SKIP[i], strlen(SKIP[i])) == 0)
			p += strlen(SKIP[i]);
	size_t e = p;
	while (e < se && s[e] != ',' && s[e] != ';' && s[e] != '(' && s[e] != ')') {
		if (se - e > 4 && (memcmp(s + e, " in ", 4) == 0 || memcmp(s + e, " at ", 4) == 0))
			break;
		if (se - e > 5 && memcmp(s + e, " for ", 5) == 0)
			break;
		e++;
	}
	while (e > p && (s[e - 1] == '.' || is_space(s[e - 1])))
		e--;
	if (e <= p)
		return;
	/* a list paired with the values in order */
	if (q->q.n >= 2) {
		size_t items[MX_MAX_VALUES + 1][2];
		size_t n = 0, a = p;
		for (size_t i = p; i <= e && n < MX_MAX_VALUES; i++) {
			size_t jl = 0;
			if (i == e)
				jl = 0;
			else if (e - i >= 5 && memcmp(s + i, " and ", 5) == 0)
				jl = 5;
			else if (e - i >= 4 && memcmp(s + i, " or ", 4) == 0)
				jl = 4;
			else if (e - i >= 2 && memcmp(s + i, ", ", 2) == 0)
				jl = 2;
			else
				continue;
			items[n][0] = a;
			items[n][1] = i;
			n++;
			a = i + jl;
			if (i == e)
				break;
			i += jl - 1;
		}
		if (n == q->q.n) {
			mx_copy_name(s, items[d->vi][0], items[d->vi][1], d->compared_to,
				     sizeof d->compared_to);
			return;
		}
	}
	mx_copy_name(s, p, e, d->compared_to, sizeof d->compared_to);
}
