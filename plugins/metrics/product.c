/* product.c - the product a selectivity or rate is about: written as the
 * subscript of the symbol ("FE_CO" read as "FECO" with a SUB span over "CO",
 * "j_CO"), after it ("faradaic efficiency (FE) for CO", "FE of NH3") or before it
 * ("H2 production rate", "NH3 yield", "CO partial current density"). Only known
 * product names are taken, so "FE for the best catalyst" gives none. */
#include "mx.h"
#include <stdio.h>
#include <string.h>

static const char *const PRODUCTS[] = {
	"HCOOH", "HCOO-", "CH3COOH", "C2H5OH", "CH3OH", "C3H7OH", "C2H4", "C2H6", "CH4", "H2O2",
	"NH3", "N2H4", "NH4+", "CO", "H2", "O2", "N2", "C2+", "syngas", "formate", "acetate",
	"ethanol", "ethylene", "methane", "methanol", "ethane", "ammonia", "hydrogen", "urea",
	"propanol", "oxygen",
};

/* The product named by text[a, b), or NULL. */
static const char *product_name(const char *s, size_t a, size_t b)
{
	/* "CO2-to-CO": the product is after "-to-" */
	for (size_t i = a; i + 4 <= b; i++)
		if (memcmp(s + i, "-to-", 4) == 0)
			a = i + 4;
	size_t n = b - a;
	for (size_t i = 0; i < sizeof PRODUCTS / sizeof *PRODUCTS; i++)
		if (strlen(PRODUCTS[i]) == n && memcmp(PRODUCTS[i], s + a, n) == 0)
			return PRODUCTS[i];
	return NULL;
}

static int word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '+' || c == '-';
}

/* The word starting at p: its end. */
static size_t word_end(const char *s, size_t e, size_t p)
{
	while (p < e && word_char(s[p]))
		p++;
	/* "HCOO-" keeps its charge, "CO-" before a word does not */
	while (p > 0 && s[p - 1] == '-' && p < e && word_char(s[p]))
		p--;
	return p;
}

static void set(mx_draft *d, const char *name)
{
	snprintf(d->product, sizeof d->product, "%s", name);
}

/* "for CO", "toward NH3", "of H2" at p: the product, or NULL. */
static const char *product_after(const char *s, size_t se, size_t p)
{
	static const char *const PREP[] = { " for ", " of ", " toward ", " towards ", " to " };
	for (size_t i = 0; i < sizeof PREP / sizeof *PREP; i++) {
		size_t l = strlen(PREP[i]);
		if (p + l < se && memcmp(s + p, PREP[i], l) == 0) {
			size_t a = p + l;
			return product_name(s, a, word_end(s, se, a));
		}
	}
	return NULL;
}

void mx_product_for(const litx_text *t, size_t ss, size_t se, const mx_hit *kw, size_t after,
		    mx_draft *d)
{
	const char *s = t->s;
	if (!d->metric)
		return;
	if (strcmp(d->metric, "faradaic_efficiency") && strcmp(d->metric, "partial_current_density") &&
	    strcmp(d->metric, "production_rate") && strcmp(d->metric, "ratio"))
		return;
	/* after the value: "a FE of 96.7% for CO2-to-CO" */
	const char *pa = after ? product_after(s, se, after) : NULL;
	if (pa) {
		set(d, pa);
		return;
	}
	if (!kw)
		return;
	/* a subscript right after the symbol: "FECO", "FENH3" */
	const litx_span *sub = litx_text_span_at(t, kw->end, LITX_SPAN_SUB);
	if (sub && sub->start == kw->end) {
		const char *p = product_name(s, sub->start, sub->end);
		char buf[32];
		size_t n = sub->end - sub->start;
		if (!p && n < sizeof buf) {
			memcpy(buf, s + sub->start, n);
			buf[n] = '\0';
			p = buf;
		}
		set(d, p);
		return;
	}
	/* symbol and product glued without a span: "FECO" from plain text */
	size_t we = word_end(s, se, kw->end);
	if (we > kw->end) {
		const char *p = product_name(s, kw->end, we);
		if (p) {
			set(d, p);
			return;
		}
	}
	/* after: "(FE) for CO", "of NH3", "toward CO" */
	size_t p = kw->end;
	if (p < se && s[p] == ')')
		p++; /* "(FEs) for H2" */
	if (p + 2 < se && s[p] == ' ' && s[p + 1] == '(') {
		const char *c = memchr(s + p, ')', se - p);
		if (c && (size_t)(c - s) - p < 12)
			p = (size_t)(c - s) + 1;
	}
	const char *name = product_after(s, se, p);
	if (name) {
		set(d, name);
		return;
	}
	/* before: "H2 production rate", "CO faradaic efficiency" */
	size_t e = kw->start;
	while (e > ss && s[e - 1] == ' ')
		e--;
	size_t a = e;
	while (a > ss && word_char(s[a - 1]))
		a--;
	if (a < e && (name = product_name(s, a, e)))
		set(d, name);
}
