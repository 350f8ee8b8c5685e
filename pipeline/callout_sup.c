/* callout_sup.c - is this superscript a citation callout?
 *
 * A superscript is a callout when its text is a list of label numbers and ranges
 * ("148", "88-90", "230–232", "36–39,71") in a place where a callout stands: after
 * a word or punctuation, not after a digit (10^5), a closing bracket ([Au25]^0), a
 * unit (cm^2) or a one-letter variable (R^2), and not before an element symbol
 * (^13C). Signs make charges ("2+", "2-") and letters or symbols make footnotes,
 * so the number grammar alone already rules most of them out. A callout-shaped
 * superscript naming a label past the last reference is "dangling": reported, never
 * marked. Each decision reads a few bytes around the span: no allocation, no pass
 * over the text. */
#include "callout.h"
#include <string.h>

#define MAX_RANGE 500  /* a wider "range" is not a callout range */

/* A dash at s[i]: '-', U+2010..U+2015 (hyphens, en and em dash) or U+2212. */
static int dash_at(const char *s, size_t len, size_t i, size_t *w)
{
	unsigned char c = (unsigned char)s[i];
	if (c == '-') {
		*w = 1;
		return 1;
	}
	if (c == 0xE2 && i + 2 < len) {
		unsigned char c1 = (unsigned char)s[i + 1], c2 = (unsigned char)s[i + 2];
		if ((c1 == 0x80 && c2 >= 0x90 && c2 <= 0x95) || (c1 == 0x88 && c2 == 0x92)) {
			*w = 3;
			return 1;
		}
	}
	return 0;
}

long litx_callout_numbers(const char *s, size_t len, int words, long *nums, size_t cap)
{
	size_t i = 0, n = 0;
	long prev = -1;
	int range = 0, expect = 1, any = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t w;
		if (c >= '0' && c <= '9') {
			if (!expect)
				return -1;
			long v = 0;
			size_t d = 0;
			while (i < len && s[i] >= '0' && s[i] <= '9') {
				v = v * 10 + (s[i] - '0');
				i++;
				if (++d > 4)
					return -1;
			}
			if (v == 0)
				return -1;
			if (range) {
				if (prev < 0 || v <= prev || v - prev > MAX_RANGE)
					return -1;
				for (long k = prev + 1; k <= v; k++) {
					if (n >= cap)
						return -1;
					nums[n++] = k;
				}
				prev = -1; /* "1-3-5" is not a list */
				range = 0;
			} else {
				if (n >= cap)
					return -1;
				nums[n++] = v;
				prev = v;
			}
			expect = 0;
			any = 1;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n') {
			i++;
			continue;
		}
		if (!expect && !range && dash_at(s, len, i, &w)) {
			if (prev < 0)
				return -1;
			range = 1;
			expect = 1;
			i += w;
			continue;
		}
		if (!expect && (c == ',' || c == ';')) {
			expect = 1;
			prev = -1;
			i++;
			continue;
		}
		if (words && !expect && c == '&') {
			expect = 1;
			prev = -1;
			i++;
			continue;
		}
		if (words && !expect && i + 3 <= len && memcmp(s + i, "and", 3) == 0 &&
		    (i + 3 == len || s[i + 3] == ' ')) {
			expect = 1;
			prev = -1;
			i += 3;
			continue;
		}
		return -1;
	}
	if (!any || expect)
		return -1;
	return (long)n;
}

long litx_callout_label_value(const char *label)
{
	if (!label)
		return 0;
	const char *p = label;
	while (*p == ' ' || *p == '[' || *p == '(')
		p++;
	long v = 0;
	int d = 0;
	while (*p >= '0' && *p <= '9') {
		v = v * 10 + (*p - '0');
		p++;
		if (++d > 6)
			return 0;
	}
	if (!d)
		return 0;
	while (*p == '.' || *p == ']' || *p == ')' || *p == ' ')
		p++;
	return *p ? 0 : v;
}

static int is_alpha(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Element symbols, for isotopes written ^13C or ^{195}Pt. */
static const char *const ELEMENTS =
	" H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge"
	" As Se Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm"
	" Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th"
	" Pa U Np Pu Am Cm Bk Cf Es Fm Md No Lr ";

static int element(const char *s, size_t n)
{
	char key[5] = { ' ', 0, 0, 0, 0 };
	if (n < 1 || n > 2)
		return 0;
	memcpy(key + 1, s, n);
	key[n + 1] = ' ';
	return strstr(ELEMENTS, key) != NULL;
}

/* An element symbol at s[i] followed by something that is not a letter. */
static int isotope_after(const char *s, size_t len, size_t i)
{
	if (i >= len || !(s[i] >= 'A' && s[i] <= 'Z'))
		return 0;
	if (i + 1 < len && s[i + 1] >= 'a' && s[i + 1] <= 'z') {
		if (!element(s + i, 2))
			return 0;
		return i + 2 >= len || !is_alpha((unsigned char)s[i + 2]);
	}
	return element(s + i, 1) && (i + 1 >= len || !is_alpha((unsigned char)s[i + 1]));
}

/* Units whose power is written as a superscript: cm^2, m^3, s^2 ... */
static int unit_word(const char *w, size_t n)
{
	static const char *const UNITS[] = { "m", "cm", "mm", "nm", "km", "pm", "s", "ms", "h",
		"g", "mg", "kg", "L", "mL", "mol", "mmol", "M", "mM", "K", "V", "mV", "A", "mA", "W",
		"mW", "J", "kJ", "eV", "Hz", "Pa", "kPa", "Da", "kDa", "ft", "in", "min", "Å", "\xC2\xB5m",
		"\xCE\xBCm", NULL };
	for (const char *const *u = UNITS; *u; u++)
		if (strlen(*u) == n && memcmp(*u, w, n) == 0)
			return 1;
	return 0;
}

/* Is byte `off` of t inside a span of `kind` that ends at or after it? The spans
 * before index `upto` are searched backward, nearest first. */
static int in_span_before(const litx_text *t, size_t upto, size_t off, litx_span_kind kind)
{
	for (size_t k = upto; k-- > 0;) {
		const litx_span *s = &t->spans[k];
		if (s->kind == kind && s->start <= off && off < s->end)
			return 1;
		if (s->end + 64 < off && s->start + 4096 < off)
			break;
	}
	return 0;
}

litx_sup_class litx_callout_sup(const litx_text *t, const litx_span *sup, long last, long *nums,
				size_t cap, size_t *n)
{
	*n = 0;
	if (sup->kind != LITX_SPAN_SUP || sup->end <= sup->start || sup->end > t->len)
		return LITX_SUP_OTHER;
	long k = litx_callout_numbers(t->s + sup->start, sup->end - sup->start, 0, nums, cap);
	if (k <= 0 || last <= 0 || sup->start == 0)
		return LITX_SUP_OTHER;
	const char *s = t->s;
	size_t st = sup->start;
	unsigned char prev = (unsigned char)s[st - 1];
	size_t idx = (size_t)(sup - t->spans);
	if (idx > t->n_spans)
		idx = t->n_spans;
	/* 10^5 is a power; Au25^{12} (after a subscript) may be a callout */
	if (prev >= '0' && prev <= '9' && !in_span_before(t, idx, st - 1, LITX_SPAN_SUB))
		return LITX_SUP_OTHER;
	if (prev == ']' || prev == '^' || prev == '_' || prev == '=' || prev == '+' || prev == '/')
		return LITX_SUP_OTHER;
	/* the word before: a unit or a one-letter variable takes a power */
	size_t ws = st;
	while (ws > 0 && (is_alpha((unsigned char)s[ws - 1]) || (unsigned char)s[ws - 1] >= 0x80))
		ws--;
	size_t wl = st - ws;
	if (wl && !in_span_before(t, idx, st - 1, LITX_SPAN_SUB)) {
		if (wl == 1 && (ws == 0 || !((unsigned char)s[ws - 1] >= '0' && (unsigned char)s[ws - 1] <= '9')))
			return LITX_SUP_OTHER;
		if (k == 1 && nums[0] <= 4 && unit_word(s + ws, wl))
			return LITX_SUP_OTHER;
	}
	/* ^13C, ^{195}Pt */
	if (k == 1 && isotope_after(s, t->len, sup->end))
		return LITX_SUP_OTHER;
	*n = (size_t)k;
	for (long i = 0; i < k; i++)
		if (nums[i] > last)
			return LITX_SUP_DANGLING;
	return LITX_SUP_CALLOUT;
}

/* ---- dangling callouts of a loaded document ---- */

static int overlaps_cite(const litx_text *t, size_t i, size_t reach)
{
	const litx_span *sp = &t->spans[i];
	if (reach > sp->start)
		return 1;
	for (size_t j = i + 1; j < t->n_spans && t->spans[j].start < sp->end; j++)
		if (t->spans[j].kind == LITX_SPAN_CITE)
			return 1;
	return 0;
}

static size_t text_dangling(const litx_text *t, long last, litx_dangling_fn fn, void *arg)
{
	long nums[64];
	size_t count = 0, reach = 0;
	for (size_t i = 0; i < t->n_spans; i++) {
		const litx_span *sp = &t->spans[i];
		if (sp->kind == LITX_SPAN_CITE) {
			if (sp->end > reach)
				reach = sp->end;
			continue;
		}
		if (sp->kind != LITX_SPAN_SUP || overlaps_cite(t, i, reach))
			continue;
		size_t n;
		if (litx_callout_sup(t, sp, last, nums, sizeof nums / sizeof *nums, &n) ==
		    LITX_SUP_DANGLING) {
			count++;
			if (fn)
				fn(t, sp, arg);
		}
	}
	return count;
}

static int has_cite(const litx_text *t)
{
	for (size_t i = 0; t && i < t->n_spans; i++)
		if (t->spans[i].kind == LITX_SPAN_CITE)
			return 1;
	return 0;
}

int litx_callouts_any(const litx_block *blocks, size_t n_blocks, const litx_table *tables,
		      size_t n_tables, int heads)
{
	for (size_t i = 0; i < n_blocks; i++)
		if (has_cite(&blocks[i].text))
			return 1;
	for (size_t i = 0; i < n_tables; i++) {
		const litx_table *tb = &tables[i];
		if (has_cite(&tb->caption))
			return 1;
		for (size_t k = 0; tb->cells && k < tb->n_rows * tb->n_cols; k++)
			if (has_cite(&tb->cells[k]))
				return 1;
		for (size_t k = 0; heads && tb->head && k < tb->n_head * tb->n_cols; k++)
			if (has_cite(&tb->head[k]))
				return 1;
	}
	return 0;
}

size_t litx_callouts_dangling(const litx_doc *doc, litx_dangling_fn fn, void *arg)
{
	long last = 0;
	for (size_t i = 0; i < doc->n_refs; i++) {
		long v = litx_callout_label_value(doc->refs[i].label);
		if (v > last)
			last = v;
	}
	if (last <= 0)
		return 0;
	if (doc->format == LITX_FORMAT_JATS &&
	    litx_callouts_any(doc->blocks, doc->n_blocks, doc->tables, doc->n_tables, 1))
		return 0;
	size_t count = 0;
	for (size_t i = 0; i < doc->n_blocks; i++)
		count += text_dangling(&doc->blocks[i].text, last, fn, arg);
	for (size_t i = 0; i < doc->n_tables; i++) {
		const litx_table *tb = &doc->tables[i];
		count += text_dangling(&tb->caption, last, fn, arg);
		for (size_t k = 0; tb->head && k < tb->n_head * tb->n_cols; k++)
			count += text_dangling(&tb->head[k], last, fn, arg);
		for (size_t k = 0; tb->cells && k < tb->n_rows * tb->n_cols; k++)
			count += text_dangling(&tb->cells[k], last, fn, arg);
		for (size_t k = 0; tb->foot && k < tb->n_foot; k++)
			count += text_dangling(&tb->foot[k], last, fn, arg);
	}
	return count;
}
