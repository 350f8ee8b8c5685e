/* reaction.c - which reaction a value belongs to. The reaction is named in the
 * sentence more often than not ("HER activity (η = 125 mV ...)"), otherwise earlier
 * in the paragraph, in the section heading ("3.2 ... in the oxygen evolution
 * reaction") or in the document title ("... for CO2 electroreduction"). Names and
 * acronyms are one PCRE2 alternation, scanned once per block.
 *
 * A product says which reactions a selectivity or rate can be about: CO, CH4,
 * HCOOH, C2H4 ... only come from CO2 reduction, NH3 from N2 or nitrate reduction.
 * So a product overrides a context that cannot make it ("FE_CO" in a paragraph
 * that spoke of the HER), and names the reaction where nothing else does. H2 is
 * the by-product of CO2 reduction as well as the product of the HER: its
 * faradaic efficiency is CO2RR's when CO2 reduction is the context.
 * A photocatalytic context turns HER, NRR and CO2RR into their photocatalytic
 * kind. */
#include "mx.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct reaction {
	const char *name;
	const char *photo;   /* the name in a photocatalytic context, NULL: unchanged */
	const char *pattern;
} reaction;

/* The order of REACTIONS, for the rules that name a reaction. */
enum { RX_OWS, RX_HER, RX_OER, RX_ORR, RX_CO2RR, RX_NRR, RX_NO3RR, RX_EOR, RX_MOR, RX_FAO, RX_HOR };

static const reaction REACTIONS[] = {
	{ "OWS", NULL, "(?i:\\boverall\\s+water[- ]splitting\\b|\\bwater\\s+electrolysis\\b)|\\bOWS\\b" },
	{ "HER", "photocatalytic HER", "(?i:\\bhydrogen\\s+evolution\\b|\\b(?:H2|hydrogen)\\s+(?:production|generation)\\b)|\\bp?HER\\b" },
	{ "OER", NULL, "(?i:\\boxygen\\s+evolution\\b)|\\bOER\\b" },
	{ "ORR", NULL, "(?i:\\boxygen\\s+reduction\\b)|\\bORR\\b" },
	{ "CO2RR", "photocatalytic CO2RR", "(?i:\\b(?:CO[2\\x{2082}]|carbon\\s+dioxide)\\s+(?:electro-?)?reduction\\b"
		"|\\belectro(?:chemical|catalytic)\\s+(?:CO[2\\x{2082}]|carbon\\s+dioxide)\\s+reduction\\b)"
		"|\\bCO[2\\x{2082}]-?RR\\b|\\beCO2RR\\b|\\bCO[2\\x{2082}]-to-" },
	{ "NRR", "photocatalytic NRR", "(?i:\\b(?:N[2\\x{2082}]|nitrogen|dinitrogen)\\s+(?:electro-?)?(?:reduction|fixation)\\b)|\\be?NRR\\b" },
	{ "NO3RR", NULL, "(?i:\\bnitrate\\s+(?:electro-?)?reduction\\b|\\bNO[3\\x{2083}]-?\\s+(?:electro-?)?reduction\\b)|\\bNO3-?RR\\b" },
	{ "EOR", NULL, "(?i:\\bethanol\\s+(?:electro-?)?oxidation\\b)|\\bEOR\\b" },
	{ "MOR", NULL, "(?i:\\bmethanol\\s+(?:electro-?)?oxidation\\b)|\\bMOR\\b" },
	{ "FAO", NULL, "(?i:\\bformic\\s+acid\\s+(?:electro-?)?oxidation\\b)|\\bFAOR?\\b" },
	{ "HOR", NULL, "(?i:\\bhydrogen\\s+oxidation\\b)|\\bHOR\\b" },
};

#define N_REACTIONS (sizeof REACTIONS / sizeof *REACTIONS)

/* Every way a reaction name above can start (see mx_heads). */
static const char *const RX_HEADS[] = {
	"overall", "water", "hydrogen", "h2", "her", "pher", "oxygen", "oer", "orr", "co2",
	"carbon", "electrochemical", "electrocatalytic", "eco2rr", "n2", "nitrogen",
	"dinitrogen", "nrr", "enrr", "nitrate", "no3", "ethanol", "eor", "methanol", "mor",
	"formic", "fao", "hor", "ows", "co\xE2\x82\x82", "n\xE2\x82\x82", "no\xE2\x82\x83",
};

int mx_reactions_compile(mx_state *st, char *err, size_t cap)
{
	char pat[4096];
	size_t n = 0;
	for (size_t i = 0; i < N_REACTIONS; i++) {
		int k = snprintf(pat + n, sizeof pat - n, "%s(%s)", i ? "|" : "", REACTIONS[i].pattern);
		if (k < 0 || (size_t)k >= sizeof pat - n) {
			snprintf(err, cap, "%s:%d: reaction patterns too long", __FILE__, __LINE__);
			return -1;
		}
		n += (size_t)k;
	}
	if (!(st->rx_pat = malloc(n + 1))) {
		snprintf(err, cap, "%s:%d: out of memory", __FILE__, __LINE__);
		return -1;
	}
	memcpy(st->rx_pat, pat, n + 1);
	st->rx_a = mx_compile(pat, PCRE2_ANCHORED, err, cap);
	mx_heads_init(&st->rx_heads, RX_HEADS, sizeof RX_HEADS / sizeof *RX_HEADS);
	return st->rx_a ? 0 : -1;
}

static int scan_into(mx_state *st, const char *s, size_t len, mx_hits *hits)
{
	mx_groups g = { st->rx_a, &st->rx, st->rx_pat, &st->rx_heads, N_REACTIONS };
	return mx_scan_groups(st, &g, s, len, hits);
}

int mx_scan_reactions(mx_state *st, const char *s, size_t len)
{
	return scan_into(st, s, len, &st->rhits);
}

int mx_scan_keywords_reactions(mx_state *st, const char *s, size_t len)
{
	mx_groups kw = { st->kw_a, &st->kw, st->kw_pat, &st->kw_heads, mx_n_rules };
	mx_groups rx = { st->rx_a, &st->rx, st->rx_pat, &st->rx_heads, N_REACTIONS };
	return mx_scan_groups2(st, &kw, &st->hits, &rx, &st->rhits, s, len);
}

const char *mx_reaction_name(int rule)
{
	return rule >= 0 && (size_t)rule < N_REACTIONS ? REACTIONS[rule].name : NULL;
}

static int has_photo(const char *s, size_t ss, size_t se)
{
	static const char *const CUES[] = { "photocataly", "Photocataly", "light-driven",
		"solar-driven", "photo-driven", "visible-light", "light irradiation" };
	for (size_t i = 0; i < sizeof CUES / sizeof *CUES; i++)
		if (se > ss && memmem(s + ss, se - ss, CUES[i], strlen(CUES[i])))
			return 1;
	return 0;
}

/* Every reaction named in str (a heading or a title) as a bit mask; *first gets
 * the first one (-1 when none). */
static unsigned reactions_scan(mx_state *st, const char *str, int *first)
{
	unsigned mask = 0;
	/* out of memory for the hits: what was found so far */
	(void)scan_into(st, str, strlen(str), &st->thits);
	for (size_t i = 0; i < st->thits.n; i++) {
		mask |= 1u << st->thits.v[i].rule;
		if (*first < 0)
			*first = st->thits.v[i].rule;
	}
	return mask;
}

void mx_reactions_reset(mx_state *st)
{
	st->n_rx_memo = 0;
}

/* reactions_scan, remembered: every value of a section asks about the same heading
 * and title, and a string of the document stays where it is while it is read. */
static unsigned reactions_in(mx_state *st, const char *str, int *first)
{
	*first = -1;
	if (!str || !*str)
		return 0;
	size_t n = st->n_rx_memo < 4 ? st->n_rx_memo : 4;
	for (size_t i = 0; i < n; i++)
		if (st->rx_memo[i].str == str) {
			*first = st->rx_memo[i].first;
			return st->rx_memo[i].mask;
		}
	struct mx_rx_memo *m = &st->rx_memo[st->n_rx_memo++ % 4];
	m->str = str;
	m->mask = reactions_scan(st, str, first);
	m->first = *first;
	return m->mask;
}

/* The reactions a product can come from, as a bit mask (0: any). */
unsigned mx_product_reactions(const char *product)
{
	static const char *const CO2RR[] = { "CO", "HCOOH", "HCOO-", "CH4", "C2H4", "C2H6",
		"C2H5OH", "CH3OH", "C3H7OH", "CH3COOH", "C2+", "syngas", "formate", "acetate",
		"ethylene", "methane", "ethane", "propanol" };
	static const char *const N[] = { "NH3", "NH4+", "N2H4", "ammonia" };
	if (!product || !*product)
		return 0;
	for (size_t i = 0; i < sizeof CO2RR / sizeof *CO2RR; i++)
		if (!strcmp(product, CO2RR[i]))
			return 1u << RX_CO2RR;
	for (size_t i = 0; i < sizeof N / sizeof *N; i++)
		if (!strcmp(product, N[i]))
			return 1u << RX_NRR | 1u << RX_NO3RR;
	if (!strcmp(product, "H2") || !strcmp(product, "hydrogen"))
		return 1u << RX_HER | 1u << RX_CO2RR | 1u << RX_OWS;
	if (!strcmp(product, "O2") || !strcmp(product, "oxygen"))
		return 1u << RX_OER | 1u << RX_OWS;
	if (!strcmp(product, "H2O2"))
		return 1u << RX_ORR;
	return 0;
}

unsigned mx_sentence_products(const mx_draft *d, size_t n)
{
	unsigned mask = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned m = mx_product_reactions(d[i].product);
		if (!(m & 1u << RX_HER))
			mask |= m;
	}
	return mask;
}

/* Is nitrate named in s[0, n) or in one of the strings? */
static int nitrate_named(const char *s, size_t n, const char *a, const char *b)
{
	static const char *const W[] = { "nitrate", "Nitrate", "NO3" };
	for (size_t i = 0; i < sizeof W / sizeof *W; i++)
		if (memmem(s, n, W[i], strlen(W[i])) || (a && strstr(a, W[i])) || (b && strstr(b, W[i])))
			return 1;
	return 0;
}

/* The lowest reaction of mask (mask != 0). */
static int lowest(unsigned mask)
{
	int r = 0;
	while (!(mask & 1u)) {
		mask >>= 1;
		r++;
	}
	return r;
}

const char *mx_reaction_for(mx_state *st, const litx_text *t, const mx_rx_where *w)
{
	int best = -1, after = -1, earlier = -1;
	unsigned m_sent = 0, m_block = 0;
	for (size_t i = 0; i < st->rhits.n; i++) {
		const mx_hit *h = &st->rhits.v[i];
		if (h->start < w->ss) {
			earlier = h->rule;
			m_block |= 1u << h->rule;
		} else if (h->start < w->se) {
			m_sent |= 1u << h->rule;
			if (h->start < w->pos)
				best = h->rule;
			else if (after < 0)
				after = h->rule;
		}
	}
	int sec = -1, ttl = -1;
	unsigned m_sec = reactions_in(st, w->section_title, &sec);
	unsigned m_ttl = reactions_in(st, w->doc_title, &ttl);
	/* the nearest context: the sentence, the paragraph, the heading, the title */
	int r = best >= 0 ? best : after >= 0 ? after : earlier >= 0 ? earlier : sec >= 0 ? sec : ttl;
	unsigned can = mx_product_reactions(w->product);
	if (can) {
		unsigned levels[] = { m_sent, m_block, m_sec, m_ttl };
		if (can & 1u << RX_HER) {
			/* H2: CO2 reduction's by-product when CO2 reduction is the context (and
			 * the sentence does not name the HER itself) */
			int co2 = ((m_sent | w->sentence_products) & 1u << RX_CO2RR) ||
				  (!(m_sent & 1u << RX_HER) &&
				   ((m_block | m_sec | m_ttl) & 1u << RX_CO2RR));
			if (co2 && (!w->metric || strcmp(w->metric, "production_rate")))
				r = RX_CO2RR;
			else if (r < 0 || !(can & 1u << r))
				r = RX_HER;
		} else if (r < 0 || !(can & 1u << r)) {
			/* the nearest context that can make the product, else the product's own */
			int found = -1;
			for (size_t i = 0; i < sizeof levels / sizeof *levels && found < 0; i++)
				if (levels[i] & can)
					found = lowest(levels[i] & can);
			if (found < 0) {
				found = lowest(can);
				if ((can & 1u << RX_NO3RR) &&
				    nitrate_named(t->s, w->se, w->section_title, w->doc_title))
					found = RX_NO3RR;
			}
			r = found;
		}
	}
	if (r < 0)
		return NULL;
	if (REACTIONS[r].photo && has_photo(t->s, w->ss, w->se))
		return REACTIONS[r].photo;
	return REACTIONS[r].name;
}
